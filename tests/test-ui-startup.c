/* test-ui-startup.c: what the window reads before its first frame
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs under Xvfb and a session bus. Opens the real window over a small
 * database with every kind of record, records the SQL the window's
 * connection (the main thread's) runs until the first frame is painted,
 * and checks that the tabs the user has not opened read nothing: no query
 * of their tables, no rows in the timeline and the directory, and that the
 * views of the other tabs are not even built. Then opens those tabs as a
 * person would and reads the rows they show, and opens a meeting from the
 * search over all records (Ctrl+K) in the jour fixe, not built until then.
 */

#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "lotse-application-private.h"
#include "lotse-directory-panel.h"
#include "lotse-global-search-private.h"
#include "lotse-jourfixe-view-private.h"
#include "lotse-knowledge-view.h"
#include "lotse-meeting-detail.h"
#include "lotse-portfolio-view-private.h"
#include "lotse-store-private.h"
#include "lotse-test-helpers.h"
#include "lotse-test-ui.h"
#include "lotse-timeline.h"
#include "lotse-view-private.h"
#include "lotse-window-private.h"

static LotseApplication *app;

/* Tables of the tabs that are not on screen at start-up: the portfolio's
 * project list opens first. */
static const char * const hidden_tables[] = {
  "milestone", "meeting", "meeting_series", "agenda_item", "person", "organisation",
  "article", "tag",
};

typedef struct
{
  char        *dir;
  LotseStore  *store;
  GSettings   *settings;
  LotseWindow *window;
  GPtrArray   *before_frame;   /* SQL run until the first frame */
  char        *projects[2];
  char        *meeting;
} Fixture;

static void
fill_store (Fixture *f)
{
  g_autofree char *programme = lotse_test_insert (f->store, "programme", "name=OWL 4.0", NULL);
  g_autofree char *in_programme = g_strdup_printf ("programme_id=%s", programme);
  g_autofree char *org = lotse_test_insert (f->store, "organisation", "name=Kreis Lippe", "kind=municipality", NULL);
  g_autofree char *of_org = g_strdup_printf ("organisation_id=%s", org);
  g_autofree char *person = lotse_test_insert (f->store, "person", "name=Anna Berger", of_org, NULL);
  g_autofree char *of_project = NULL;
  g_autofree char *series = lotse_test_insert (f->store, "meeting_series", "title=Jour fixe Lippe", "kind=jour_fixe", NULL);
  g_autofree char *of_series = g_strdup_printf ("series_id=%s", series);

  f->projects[0] = lotse_test_insert (f->store, "project", in_programme, "title=Alpha Digital",
                        "start_date=2025-01-01", "end_date=2027-12-31", NULL);
  f->projects[1] = lotse_test_insert (f->store, "project", in_programme, "title=Beta Mobil",
                        "start_date=2026-03-01", "end_date=2028-02-28", NULL);
  of_project = g_strdup_printf ("project_id=%s", f->projects[0]);
  g_free (lotse_test_insert (f->store, "milestone", of_project, "title=Konzept", "due_date=2026-11-10",
               "status=open", NULL));
  f->meeting = lotse_test_insert (f->store, "meeting", of_series, "title=Jour fixe Dezember", "kind=jour_fixe",
                                  "status=planned", "starts_at=2026-12-01T10:00:00+01:00", "duration_min=60", NULL);
  g_free (lotse_test_insert (f->store, "article", "title=Meilensteinmonitoring", "category=best_practice",
               "body=Text", NULL));
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  f->settings = g_settings_new (APPLICATION_ID);
  g_settings_reset (f->settings, "last-view");
  g_settings_set_int (f->settings, "window-width", 1100);
  g_settings_set_int (f->settings, "window-height", 720);
  f->store = lotse_test_open_store (&f->dir);
  fill_store (f);
  lotse_store_trace (f->store, TRUE);
  lotse_application_set_store (app, f->store);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  lotse_test_destroy_windows ();
  lotse_application_set_store (app, NULL);
  lotse_store_trace (f->store, FALSE);
  g_clear_object (&f->store);
  g_settings_reset (f->settings, "window-width");
  g_settings_reset (f->settings, "window-height");
  g_clear_object (&f->settings);
  g_clear_pointer (&f->before_frame, g_ptr_array_unref);
  lotse_test_remove_tree (f->dir);
  g_clear_pointer (&f->dir, g_free);
  g_clear_pointer (&f->projects[0], g_free);
  g_clear_pointer (&f->projects[1], g_free);
  g_clear_pointer (&f->meeting, g_free);
}

static void
on_first_paint (GdkFrameClock *clock,
                Fixture       *f)
{
  GPtrArray *traced = lotse_store_get_traced (f->store);

  g_signal_handlers_disconnect_by_func (clock, on_first_paint, f);
  f->before_frame = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < traced->len; i++)
    g_ptr_array_add (f->before_frame, g_strdup (g_ptr_array_index (traced, i)));
}

static gboolean
first_frame_painted (gpointer data)
{
  Fixture *f = data;

  return f->before_frame != NULL;
}

/* @sql without its parenthesised parts: its subqueries (the project rows
 * show their next milestone) are the shown list's own. */
static char *
strip_subqueries (const char *sql)
{
  g_autoptr(GRegex) inner = g_regex_new ("\\([^()]*\\)", 0, 0, NULL);
  char *text = g_strdup (sql);
  char *stripped;

  while ((stripped = g_regex_replace_literal (inner, text, -1, 0, "", 0, NULL)) != NULL &&
         !g_str_equal (stripped, text))
    {
      g_free (text);
      text = stripped;
    }
  g_free (stripped);

  return text;
}

/* The first of @queries (from @start on) that reads a hidden tab's table */
static const char *
find_hidden_query (GPtrArray *queries,
                   guint      start)
{
  for (guint i = start; i < queries->len; i++)
    {
      const char *sql = g_ptr_array_index (queries, i);
      g_autofree char *outer = strip_subqueries (sql);

      for (guint t = 0; t < G_N_ELEMENTS (hidden_tables); t++)
        {
          g_autofree char *pattern = g_strdup_printf ("\\b(FROM|JOIN)\\s+%s\\b", hidden_tables[t]);

          if (g_regex_match_simple (pattern, outer, G_REGEX_CASELESS, 0))
            return sql;
        }
    }

  return NULL;
}

/* Whether a widget of @type is in the tree under @widget */
static gboolean
has_widget_of_type (GtkWidget *widget,
                    GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    return TRUE;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (has_widget_of_type (child, type))
      return TRUE;

  return FALSE;
}

/* Opens the window and waits for its first frame, recording the SQL run
 * until then. */
static void
open_window (Fixture *f)
{
  g_application_activate (G_APPLICATION (app));
  f->window = LOTSE_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (app)));
  g_assert_true (LOTSE_IS_WINDOW (f->window));
  g_signal_connect (gtk_widget_get_frame_clock (GTK_WIDGET (f->window)), "after-paint",
                    G_CALLBACK (on_first_paint), f);
  g_assert_true (lotse_test_wait_until (first_frame_painted, f));

  /* The tabs not on screen have no widgets yet. */
  g_assert_false (has_widget_of_type (GTK_WIDGET (f->window), LOTSE_TYPE_JOURFIXE_VIEW));
  g_assert_false (has_widget_of_type (GTK_WIDGET (f->window), LOTSE_TYPE_KNOWLEDGE_VIEW));
  g_assert_false (has_widget_of_type (GTK_WIDGET (f->window), LOTSE_TYPE_MEETING_DETAIL));
  /* Nor has the project page, until a project is opened. */
  g_assert_false (has_widget_of_type (GTK_WIDGET (f->window), LOTSE_TYPE_PROJECT_DETAIL));
}

static gboolean
projects_listed (gpointer data)
{
  LotseProjectList *list = lotse_portfolio_view_get_project_list (data);

  return list != NULL && g_list_model_get_n_items (G_LIST_MODEL (list)) == 2;
}

static gboolean
timeline_loaded (gpointer data)
{
  return !lotse_timeline_is_loading (data) && lotse_timeline_get_n_projects (data) > 0;
}

static gboolean
directory_loaded (gpointer data)
{
  return !lotse_directory_panel_is_loading (data) &&
         g_list_model_get_n_items (lotse_directory_panel_get_results (data)) > 0;
}

static gboolean
meetings_listed (gpointer data)
{
  GListModel *model = G_LIST_MODEL (gtk_list_view_get_model (data));

  return model != NULL && g_list_model_get_n_items (model) > 0;
}

static void
test_startup (Fixture       *f,
              gconstpointer  data)
{
  LotsePortfolioView *portfolio;
  GtkStack *sections;
  LotseTimeline *timeline;
  LotseDirectoryPanel *directory;
  GListModel *people;
  GtkListView *meetings;
  const char *table, *id;
  guint n_after_start;

  open_window (f);

  for (guint i = 0; i < f->before_frame->len; i++)
    g_test_message ("before the first frame: %s", (char *) g_ptr_array_index (f->before_frame, i));
  g_assert_cmpstr (find_hidden_query (f->before_frame, 0), ==, NULL);

  /* The rows of the list on screen fill in after the first frame. */
  portfolio = LOTSE_PORTFOLIO_VIEW (lotse_window_get_view (f->window, "portfolio"));
  g_assert_true (lotse_test_wait_until (projects_listed, portfolio));
  lotse_test_iterate_idle ();
  g_assert_cmpstr (find_hidden_query (lotse_store_get_traced (f->store), 0), ==, NULL);

  /* The hidden sections have not read their rows, not even in a worker. */
  sections = lotse_portfolio_view_get_sections (portfolio);
  timeline = lotse_timeline_panel_get_timeline (
    LOTSE_TIMELINE_PANEL (gtk_stack_get_child_by_name (sections, "timeline")));
  directory = LOTSE_DIRECTORY_PANEL (gtk_stack_get_child_by_name (sections, "directory"));
  g_assert_cmpuint (lotse_timeline_get_n_projects (timeline), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (lotse_directory_panel_get_results (directory)), ==, 0);

  /* Opened, they show the rows. */
  n_after_start = lotse_store_get_traced (f->store)->len;
  gtk_stack_set_visible_child_name (sections, "timeline");
  g_assert_true (lotse_test_wait_until (timeline_loaded, timeline));
  g_assert_cmpuint (lotse_timeline_get_n_projects (timeline), ==, 2);
  g_assert_true (lotse_timeline_select (timeline, f->projects[1], NULL));
  g_assert_true (lotse_timeline_get_selected (timeline, &table, &id));
  g_assert_cmpstr (table, ==, "project");
  g_assert_cmpstr (id, ==, f->projects[1]);

  gtk_stack_set_visible_child_name (sections, "directory");
  g_assert_true (lotse_test_wait_until (directory_loaded, directory));
  people = lotse_directory_panel_get_results (directory);
  g_assert_cmpuint (g_list_model_get_n_items (people), ==, 2);
  {
    g_autoptr(LotseRecord) first = g_list_model_get_item (people, 0);
    g_autoptr(LotseRecord) second = g_list_model_get_item (people, 1);

    g_assert_cmpstr (lotse_record_get (first, "name"), ==, "Kreis Lippe");
    g_assert_cmpstr (lotse_record_get (second, "name"), ==, "Anna Berger");
  }

  /* The jour fixe reads its meetings on its first showing. */
  meetings = lotse_view_get_list_view (LOTSE_VIEW (lotse_window_get_view (f->window, "jourfixe")));
  g_assert_null (gtk_list_view_get_model (meetings));
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-view", "s", "jourfixe");
  g_assert_true (lotse_test_wait_until (meetings_listed, meetings));
  g_assert_nonnull (find_hidden_query (lotse_store_get_traced (f->store), n_after_start));
}

static gboolean
meeting_shown (gpointer data)
{
  Fixture *f = data;
  GtkWidget *page = adw_view_stack_get_visible_child (lotse_window_get_view_stack (f->window));

  return has_widget_of_type (page, LOTSE_TYPE_JOURFIXE_VIEW) &&
         gtk_widget_get_mapped (gtk_widget_get_first_child (page));
}

/* Ctrl+K finds a meeting before the jour fixe was ever shown: activating
 * the result builds the view and shows the meeting in it. */
static void
test_open_in_unbuilt_view (Fixture       *f,
                           gconstpointer  data)
{
  LotseGlobalSearch *search;
  LotseJourfixeView *jourfixe;

  open_window (f);
  search = LOTSE_GLOBAL_SEARCH (lotse_window_get_global_search (f->window));
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.global-search", NULL);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (search)));
  /* Typed and Enter at once: the first result opens once found. */
  gtk_editable_set_text (lotse_global_search_get_entry (search), "Dezember");
  g_signal_emit_by_name (lotse_global_search_get_entry (search), "activate");
  g_assert_true (lotse_test_wait_until (meeting_shown, f));

  g_assert_cmpstr (adw_view_stack_get_visible_child_name (lotse_window_get_view_stack (f->window)),
                   ==, "jourfixe");
  jourfixe = LOTSE_JOURFIXE_VIEW (lotse_window_get_view (f->window, "jourfixe"));
  g_assert_cmpstr (lotse_jourfixe_view_get_page (jourfixe), ==, "meeting");
  g_assert_cmpstr (lotse_meeting_detail_get_meeting_id (lotse_jourfixe_view_get_meeting_detail (jourfixe)),
                   ==, f->meeting);
  /* The knowledge view is still not needed. */
  g_assert_false (has_widget_of_type (GTK_WIDGET (f->window), LOTSE_TYPE_KNOWLEDGE_VIEW));
}

typedef struct
{
  guint position, removed, added, n_signals;
} Changes;

static void
on_list_changed (GListModel *list,
                 guint       position,
                 guint       removed,
                 guint       added,
                 Changes    *changes)
{
  changes->position = position;
  changes->removed = removed;
  changes->added = added;
  changes->n_signals++;
}

static gboolean
list_changed (gpointer data)
{
  return ((Changes *) data)->n_signals > 0;
}

static gboolean
n_projects_listed (gpointer data)
{
  LotseProjectList *list = lotse_portfolio_view_get_project_list (data);

  return list != NULL && g_list_model_get_n_items (G_LIST_MODEL (list)) == 62;
}

/* The list shows a screenful first and the rest after the next paint;
 * the real window ends with every project in its list. */
static void
test_first_screenful (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(LotseProjectList) list = NULL;
  g_autoptr(LotseProjectQuery) query = lotse_project_query_new ();
  g_autoptr(LotseRecord) last = NULL;
  Changes changes = { 0, };

  for (guint i = 0; i < 60; i++)
    {
      g_autofree char *title = g_strdup_printf ("title=Projekt %02u", i);

      g_free (lotse_test_insert (f->store, "project", title, NULL));
    }
  open_window (f);
  g_assert_true (lotse_test_wait_until (n_projects_listed,
                                        lotse_window_get_view (f->window, "portfolio")));

  list = lotse_project_list_new (f->store);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 62);
  lotse_project_list_hold_back (list, GTK_WIDGET (f->window), 10);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 10);
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (list), 10));
  g_signal_connect (list, "items-changed", G_CALLBACK (on_list_changed), &changes);
  gtk_widget_queue_draw (GTK_WIDGET (f->window));
  g_assert_true (lotse_test_wait_until (list_changed, &changes));
  g_assert_cmpuint (changes.n_signals, ==, 1);
  g_assert_cmpuint (changes.position, ==, 10);
  g_assert_cmpuint (changes.removed, ==, 0);
  g_assert_cmpuint (changes.added, ==, 52);
  last = g_list_model_get_item (G_LIST_MODEL (list), 61);
  g_assert_cmpstr (lotse_record_get (last, "title"), ==, "Projekt 59");

  /* A filter while held back speaks of all the rows. */
  g_clear_object (&list);
  list = lotse_project_list_new (f->store);
  lotse_project_list_hold_back (list, GTK_WIDGET (f->window), 10);
  query->text = g_strdup ("Projekt");
  lotse_project_list_set_query (list, query);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 60);
  g_clear_object (&last);
  last = g_list_model_get_item (G_LIST_MODEL (list), 59);
  g_assert_cmpstr (lotse_record_get (last, "title"), ==, "Projekt 59");
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  app = lotse_application_new (APPLICATION_ID, G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);

  g_test_add ("/startup/hidden-tabs-wait", Fixture, NULL, fixture_setup, test_startup,
              fixture_teardown);
  g_test_add ("/startup/open-in-unbuilt-view", Fixture, NULL, fixture_setup,
              test_open_in_unbuilt_view, fixture_teardown);
  g_test_add ("/startup/first-screenful", Fixture, NULL, fixture_setup,
              test_first_screenful, fixture_teardown);

  status = g_test_run ();
  g_clear_object (&app);

  return status;
}
