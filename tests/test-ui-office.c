/* test-ui-office.c: the window as an office uses it all day
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs under Xvfb. On a 1920 px window: the side panes take a share of
 * the width and the drop-downs show full programme names; the Ctrl+K
 * search says what and where each hit is. Everything through the widgets
 * a person uses, checked against the store.
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <string.h>

#include "lotse-application-private.h"
#include "lotse-global-search-private.h"
#include "lotse-jourfixe-view-private.h"
#include "lotse-portfolio-view-private.h"
#include "lotse-preferences-window-private.h"
#include "lotse-project-detail.h"
#include "lotse-test-helpers.h"
#include "lotse-test-ui.h"
#include "lotse-window-private.h"

#define LONG_PROGRAMME "SMART REGION Emscher-Lippe – Digitale Modellregion"

static LotseApplication *app;

typedef struct
{
  char        *dir;
  LotseStore  *store;
  LotseWindow *window;
  GSettings   *settings;
  char        *project;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *programme = NULL;
  g_autofree char *programme_id = NULL;
  int width = GPOINTER_TO_INT (data) > 0 ? GPOINTER_TO_INT (data) : 1920;

  f->settings = g_settings_new (APPLICATION_ID);
  g_settings_reset (f->settings, "last-view");
  g_settings_reset (f->settings, "portfolio-table");
  g_settings_set_int (f->settings, "window-width", width);
  g_settings_set_int (f->settings, "window-height", 900);
  f->store = lotse_test_open_store (&f->dir);
  programme = lotse_test_insert (f->store, "programme", "name=" LONG_PROGRAMME, NULL);
  programme_id = g_strdup_printf ("programme_id=%s", programme);
  f->project = lotse_test_insert (f->store, "project", "title=Digitale Dörfer Emscher-Lippe",
                                  "status=running", programme_id, NULL);
  lotse_application_set_store (app, f->store);

  g_application_activate (G_APPLICATION (app));
  f->window = LOTSE_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (app)));
  g_assert_true (LOTSE_IS_WINDOW (f->window));
  lotse_test_iterate_idle ();
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  lotse_test_destroy_windows ();
  lotse_application_set_store (app, NULL);
  g_clear_object (&f->store);
  g_settings_reset (f->settings, "window-width");
  g_settings_reset (f->settings, "window-height");
  g_clear_object (&f->settings);
  lotse_test_remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->project);
}

/* The pane that holds a view's list */
static GtkWidget *
side_pane (Fixture    *f,
           const char *view)
{
  GtkWidget *pane = lotse_test_find_widget (lotse_window_get_view (f->window, view), "LotsePaneBin", NULL);

  g_assert_nonnull (pane);
  return pane;
}

typedef struct
{
  GtkWidget *pane;
  int        at_least;
} WidthWait;

static gboolean
wide_enough (gpointer data)
{
  WidthWait *wait = data;

  return gtk_widget_get_mapped (wait->pane) && gtk_widget_get_width (wait->pane) >= wait->at_least;
}

/* A 1920 px window: each view's list takes a quarter of the width or more
 * (it stayed at about 300 px), and the page beside it the rest. */
static void
test_wide_panes (Fixture       *f,
                 gconstpointer  data)
{
  static const char * const views[] = { "portfolio", "jourfixe", "knowledge" };

  for (guint i = 0; i < G_N_ELEMENTS (views); i++)
    {
      WidthWait wait = { NULL, 0 };

      gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-view", "s", views[i]);
      wait.pane = side_pane (f, views[i]);
      wait.at_least = gtk_widget_get_width (GTK_WIDGET (f->window)) / 4;
      g_assert_true (lotse_test_wait_shown (wait.pane));
      if (!lotse_test_wait_until (wide_enough, &wait))
        g_error ("%s: the list is %d px of %d", views[i], gtk_widget_get_width (wait.pane),
                 gtk_widget_get_width (GTK_WIDGET (f->window)));
      g_assert_cmpint (gtk_widget_get_width (wait.pane), <=, 600);
    }
}

/* At 1280 px too, yet never so wide that the page has no room */
static void
test_panes_1280 (Fixture       *f,
                 gconstpointer  data)
{
  WidthWait wait = { side_pane (f, "portfolio"), 1280 / 4 };

  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-view", "s", "portfolio");
  g_assert_true (lotse_test_wait_until (wide_enough, &wait));
  g_assert_cmpint (gtk_widget_get_width (wait.pane), <, 1280 / 2);
}

static gboolean
label_shows_all (gpointer data)
{
  GtkLabel *label = data;

  return gtk_widget_get_mapped (data) && gtk_widget_get_width (data) > 0 &&
         !pango_layout_is_ellipsized (gtk_label_get_layout (label));
}

static gboolean
popover_shown (gpointer data)
{
  return gtk_widget_get_mapped (data);
}

/* The programme on the project page and in the list the row opens: the
 * full name, not "SMART REGION Emsch…". */
static void
test_combo_full_names (Fixture       *f,
                       gconstpointer  data)
{
  LotsePortfolioView *view = LOTSE_PORTFOLIO_VIEW (lotse_window_get_view (f->window, "portfolio"));
  LotseProjectDetail *detail = lotse_portfolio_view_get_detail (view);
  GtkWidget *row;
  GtkWidget *label;
  GtkWidget *popover;
  GtkWidget *choice;
  g_autofree char *stored = NULL;
  g_autofree char *sql = g_strdup_printf ("SELECT g.name FROM project AS p JOIN programme AS g"
                                          " ON g.id = p.programme_id WHERE p.id = '%s'", f->project);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.open-record", "(ss)",
                                             "project", f->project));
  row = lotse_project_detail_get_field_row (detail, "programme_id");
  g_assert_true (ADW_IS_COMBO_ROW (row));
  g_assert_true (lotse_test_wait_shown (row));

  stored = lotse_test_query_text (lotse_store_get_path (f->store), sql);
  label = lotse_test_find_widget (row, "GtkLabel", stored);
  g_assert_nonnull (label);
  if (!lotse_test_wait_until (label_shows_all, label))
    g_error ("The programme shows shortened in %d px", gtk_widget_get_width (label));

  /* Opening the row: the choice reads in full too */
  lotse_test_click (row);
  popover = lotse_test_find_widget (row, "GtkPopover", NULL);
  g_assert_nonnull (popover);
  g_assert_true (lotse_test_wait_until (popover_shown, popover));
  choice = lotse_test_find_widget (popover, "GtkLabel", stored);
  g_assert_nonnull (choice);
  g_assert_true (lotse_test_wait_until (label_shows_all, choice));
  gtk_popover_popdown (GTK_POPOVER (popover));
}

/* Ctrl+K: three agenda items with one title tell apart by their meetings */

static gboolean
search_settled (gpointer data)
{
  return lotse_global_search_get_state (data) != NULL &&
         g_strcmp0 (lotse_global_search_get_state (data), "hint") != 0;
}

/* A hit's context line names its kind, its meeting and the meeting's day
 * as stored, in the office's zone, and the project where the item is
 * about one; returns it */
static char *
assert_agenda_item_context (Fixture       *f,
                            GtkListBoxRow *row)
{
  const char *id = lotse_global_search_row_get_id (row);
  const char *context = lotse_global_search_row_get_context (row);
  g_autofree char *sql = g_strdup_printf ("SELECT m.title FROM agenda_item AS a JOIN meeting AS m"
                                          " ON m.id = a.meeting_id WHERE a.id = '%s'", id);
  g_autofree char *meeting = lotse_test_query_text (lotse_store_get_path (f->store), sql);
  g_autofree char *sql_starts = g_strdup_printf ("SELECT m.starts_at FROM agenda_item AS a JOIN meeting AS m"
                                                 " ON m.id = a.meeting_id WHERE a.id = '%s'", id);
  g_autofree char *starts = lotse_test_query_text (lotse_store_get_path (f->store), sql_starts);
  g_autoptr(GTimeZone) zone = lotse_office_get_time_zone (f->store);
  g_autoptr(GDateTime) when = g_date_time_new_from_iso8601 (starts, NULL);
  g_autoptr(GDateTime) office = g_date_time_to_timezone (when, zone);
  g_autofree char *iso_day = g_date_time_format (office, "%Y-%m-%d");
  g_autofree char *day = lotse_format_date (iso_day);

  g_test_message ("%s", context);
  g_assert_cmpstr (lotse_global_search_row_get_table (row), ==, "agenda_item");
  g_assert_true (g_str_has_prefix (context, "Agenda item · "));
  g_assert_nonnull (strstr (context, meeting));
  g_assert_nonnull (strstr (context, day));
  g_assert_true ((strstr (context, "Digitale Dörfer Emscher-Lippe") != NULL) ==
                 g_str_equal (meeting, "Lenkungskreis Dezember"));

  return g_strdup (context);
}

static void
test_global_search_context (Fixture       *f,
                            gconstpointer  data)
{
  static const char * const meetings[][2] = {
    { "Lenkungskreis Juni", "2026-06-04T10:00:00Z" },
    { "Lenkungskreis September", "2026-09-03T10:00:00Z" },
    { "Lenkungskreis Dezember", "2026-12-03T11:00:00Z" },
  };
  LotseGlobalSearch *search = LOTSE_GLOBAL_SEARCH (lotse_window_get_global_search (f->window));
  g_autoptr(GPtrArray) contexts = g_ptr_array_new_with_free_func (g_free);
  GtkListBox *list_box;
  GtkWidget *content;

  for (guint i = 0; i < G_N_ELEMENTS (meetings); i++)
    {
      g_autofree char *title = g_strdup_printf ("title=%s", meetings[i][0]);
      g_autofree char *starts = g_strdup_printf ("starts_at=%s", meetings[i][1]);
      g_autofree char *meeting = lotse_test_insert (f->store, "meeting", title, "kind=steering", starts,
                                                    "status=planned", NULL);
      g_autofree char *meeting_id = g_strdup_printf ("meeting_id=%s", meeting);
      g_autofree char *project_id = g_strdup_printf ("project_id=%s", f->project);

      g_free (lotse_test_insert (f->store, "agenda_item", meeting_id, "title=Bericht des Projektbüros",
                                 "kind=information", "status=open", i == 2 ? project_id : "notes=", NULL));
    }

  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.global-search", NULL);
  g_assert_true (lotse_test_wait_until (popover_shown, search));
  gtk_editable_set_text (lotse_global_search_get_entry (search), "Bericht des Projektbüros");
  g_assert_true (lotse_test_wait_until (search_settled, search));
  g_assert_cmpstr (lotse_global_search_get_state (search), ==, "results");

  /* Wide enough to read: not the old 300 px */
  content = gtk_widget_get_first_child (gtk_widget_get_first_child (GTK_WIDGET (search)));
  g_assert_true (lotse_test_wait_shown (content));
  g_assert_cmpint (gtk_widget_get_width (content), >=, 500);

  list_box = lotse_global_search_get_list_box (search);
  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (list_box)); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    if (GTK_IS_LIST_BOX_ROW (row))
      g_ptr_array_add (contexts, assert_agenda_item_context (f, GTK_LIST_BOX_ROW (row)));

  g_assert_cmpuint (contexts->len, ==, 3);
  g_assert_cmpstr (g_ptr_array_index (contexts, 0), !=, g_ptr_array_index (contexts, 1));
  g_assert_cmpstr (g_ptr_array_index (contexts, 1), !=, g_ptr_array_index (contexts, 2));
  g_assert_cmpstr (g_ptr_array_index (contexts, 0), !=, g_ptr_array_index (contexts, 2));
  gtk_popover_popdown (GTK_POPOVER (search));
}

/* On a phone the popover stays on the screen */
static void
test_global_search_narrow (Fixture       *f,
                           gconstpointer  data)
{
  LotseGlobalSearch *search = LOTSE_GLOBAL_SEARCH (lotse_window_get_global_search (f->window));
  GtkWidget *content;

  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.global-search", NULL);
  g_assert_true (lotse_test_wait_until (popover_shown, search));
  content = gtk_widget_get_first_child (gtk_widget_get_first_child (GTK_WIDGET (search)));
  g_assert_true (lotse_test_wait_shown (content));
  g_test_message ("window %d, results %d", gtk_widget_get_width (GTK_WIDGET (f->window)),
                  gtk_widget_get_width (content));
  g_assert_cmpint (gtk_widget_get_width (content), <=, gtk_widget_get_width (GTK_WIDGET (f->window)) - 24);
  gtk_popover_popdown (GTK_POPOVER (search));
}

/* build-aux/run.sh gives the app a user installs: F1's page of every view
 * and the About window's icon are where yelp and GTK look for them. */
static void
test_help_from_build_tree (Fixture       *f,
                           gconstpointer  data)
{
  g_autofree char *run_sh = g_build_filename (g_getenv ("G_TEST_SRCDIR"), "..", "build-aux", "run.sh", NULL);
  const char *argv[] = { run_sh, "--env", "sh", "-c", "printf '\\nXDG_DATA_DIRS=%s' \"$XDG_DATA_DIRS\"", NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(GtkIconTheme) theme = gtk_icon_theme_new ();
  g_autofree char *out = NULL;
  g_autofree char *icons = NULL;
  g_autofree char *desktop = NULL;
  g_auto(GStrv) data_dirs = NULL;
  GtkSelectionModel *pages;
  const char *search_path[2] = { NULL, NULL };
  int status = 0;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, &out, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  /* After what ninja and meson said, the environment's line */
  g_assert_nonnull (strstr (out, "\nXDG_DATA_DIRS="));
  data_dirs = g_strsplit (strstr (out, "\nXDG_DATA_DIRS=") + strlen ("\nXDG_DATA_DIRS="), ":", -1);
  g_assert_nonnull (data_dirs[0]);
  g_test_message ("run.sh's first data directory: %s", data_dirs[0]);

  /* Each view's page, in English and German, as yelp resolves help:lotse/PAGE */
  pages = adw_view_stack_get_pages (lotse_window_get_view_stack (f->window));
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (pages)); i++)
    {
      g_autoptr(AdwViewStackPage) page = g_list_model_get_item (G_LIST_MODEL (pages), i);
      g_autofree char *uri = lotse_application_get_help_uri (adw_view_stack_page_get_name (page));
      g_autofree char *document = NULL;
      const char *slash;

      g_assert_true (g_str_has_prefix (uri, "help:" GETTEXT_PACKAGE "/"));
      slash = strchr (uri, '/');
      document = g_strconcat (slash + 1, ".page", NULL);
      for (guint k = 0; k < 2; k++)
        {
          const char *language = k == 0 ? "C" : "de";
          g_autofree char *path = g_build_filename (data_dirs[0], "help", language, GETTEXT_PACKAGE,
                                                    document, NULL);

          g_test_message ("%s: %s", adw_view_stack_page_get_name (page), path);
          g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
        }
    }
  g_object_unref (pages);

  /* The About window's icon, by the application id */
  icons = g_build_filename (data_dirs[0], "icons", NULL);
  search_path[0] = icons;
  gtk_icon_theme_set_search_path (theme, search_path);
  gtk_icon_theme_set_theme_name (theme, "hicolor");
  g_assert_true (gtk_icon_theme_has_icon (theme, APPLICATION_ID));
  desktop = g_build_filename (data_dirs[0], "applications", APPLICATION_ID ".desktop", NULL);
  g_assert_true (g_file_test (desktop, G_FILE_TEST_IS_REGULAR));
}

/* An entry row's apply button: shown only while the row holds a change
 * not saved yet */
static gboolean
apply_button_shown (AdwEntryRow *row)
{
  GtkWidget *button = lotse_test_find_widget (GTK_WIDGET (row), "GtkButton", NULL);

  g_assert_nonnull (button);
  return gtk_widget_get_visible (button);
}

static gboolean
meeting_starts_at_930 (gpointer data)
{
  Fixture *f = data;
  g_autofree char *starts = lotse_test_query_text (lotse_store_get_path (f->store),
                                                   "SELECT starts_at FROM meeting");

  return g_strcmp0 (starts, "2027-03-30T09:30:00+02:00") == 0;
}

static gboolean
office_email_stored (gpointer data)
{
  Fixture *f = data;
  g_autofree char *email = lotse_test_query_text (lotse_store_get_path (f->store), "SELECT email FROM office");

  return g_strcmp0 (email, "buero@owl.example") == 0;
}

/* Rows that show what is stored carry no apply check mark: the office in
 * the preferences after it was saved, and a meeting's time (“9:30” shows
 * as 09:30). The same defect as the project title's after a conflict. */
static void
test_stored_values_clean (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(LotseRecord) office = lotse_office_get (f->store, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *meeting = lotse_test_insert (f->store, "meeting", "title=Jour fixe", "kind=jour_fixe",
                                                "status=planned", "starts_at=2027-03-30T10:00:00+02:00", NULL);
  LotsePreferencesWindow *preferences;
  AdwEntryRow *email_row;
  LotseMeetingDetail *detail;
  AdwEntryRow *time_row;

  lotse_record_set (office, "email", "info@owl.example");
  g_assert_true (lotse_office_save (f->store, office, &error));
  g_assert_no_error (error);
  preferences = lotse_preferences_window_new (lotse_store_get_path (f->store));
  lotse_preferences_window_set_store (preferences, f->store);
  gtk_window_present (GTK_WINDOW (preferences));
  email_row = lotse_preferences_window_get_office_email_row (preferences);
  g_assert_true (lotse_test_wait_shown (GTK_WIDGET (email_row)));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (email_row)), ==, "info@owl.example");

  /* Typed with a space too many: stored without it, and the row, still
   * under the keyboard, shows the stored value without a check mark */
  lotse_test_click (GTK_WIDGET (email_row));
  g_assert_true (lotse_test_wait_until ((LotseTestCondition) gtk_widget_has_focus,
                                        lotse_test_find_widget (GTK_WIDGET (email_row), "GtkText", NULL)));
  gtk_editable_set_text (GTK_EDITABLE (email_row), " buero@owl.example ");
  g_assert_true (apply_button_shown (email_row));
  lotse_test_press_key (GDK_KEY_Return, 0);
  g_assert_true (lotse_test_wait_until (office_email_stored, f));
  lotse_test_iterate_idle ();
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (email_row)), ==, "buero@owl.example");
  g_assert_false (apply_button_shown (email_row));
  gtk_window_destroy (GTK_WINDOW (preferences));
  /* The keyboard back to the main window, as a window manager would */
  gtk_window_present (GTK_WINDOW (f->window));

  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-view", "s", "jourfixe");
  detail = lotse_jourfixe_view_get_meeting_detail (LOTSE_JOURFIXE_VIEW (lotse_window_get_view (f->window,
                                                                                              "jourfixe")));
  g_assert_true (gtk_widget_activate_action (lotse_window_get_view (f->window, "jourfixe"),
                                             "jourfixe.show-meeting", "s", meeting));
  time_row = lotse_meeting_detail_get_time_row (detail);
  /* The time is among the meeting's details, folded at first */
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (gtk_widget_get_ancestor (GTK_WIDGET (time_row),
                                                                             ADW_TYPE_EXPANDER_ROW)), TRUE);
  g_assert_true (lotse_test_wait_shown (GTK_WIDGET (time_row)));
  /* Typed as a person does: the row has the keyboard, and keeps it */
  lotse_test_click (GTK_WIDGET (time_row));
  g_assert_true (lotse_test_wait_until ((LotseTestCondition) gtk_widget_has_focus,
                                        lotse_test_find_widget (GTK_WIDGET (time_row), "GtkText", NULL)));
  gtk_editable_set_text (GTK_EDITABLE (time_row), "9:30");
  g_assert_true (apply_button_shown (time_row));
  lotse_test_press_key (GDK_KEY_Return, 0);
  g_assert_true (lotse_test_wait_until (meeting_starts_at_930, f));
  lotse_test_iterate_idle ();
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (time_row)), ==, "09:30");
  g_assert_false (apply_button_shown (time_row));
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

  g_test_add ("/ui/office/wide-panes", Fixture, NULL, fixture_setup, test_wide_panes, fixture_teardown);
  g_test_add ("/ui/office/panes-1280", Fixture, GINT_TO_POINTER (1280), fixture_setup, test_panes_1280,
              fixture_teardown);
  g_test_add ("/ui/office/combo-full-names", Fixture, NULL, fixture_setup, test_combo_full_names,
              fixture_teardown);
  g_test_add ("/ui/office/global-search-context", Fixture, GINT_TO_POINTER (1280), fixture_setup,
              test_global_search_context, fixture_teardown);
  g_test_add ("/ui/office/help-from-build-tree", Fixture, GINT_TO_POINTER (1280), fixture_setup,
              test_help_from_build_tree, fixture_teardown);
  g_test_add ("/ui/office/stored-values-clean", Fixture, GINT_TO_POINTER (1280), fixture_setup,
              test_stored_values_clean, fixture_teardown);
  g_test_add ("/ui/office/global-search-narrow", Fixture, GINT_TO_POINTER (360), fixture_setup,
              test_global_search_narrow, fixture_teardown);

  status = g_test_run ();
  g_clear_object (&app);

  return status;
}
