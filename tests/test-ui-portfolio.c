/* test-ui-portfolio.c: the portfolio view in the real window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs under Xvfb and a session bus. Builds the window over a temporary
 * database, drives the portfolio view through its actions, dialogs and
 * form rows, and checks the store after every step. With
 * LOTSE_TEST_SCREENSHOTS=DIR it also saves PNGs of the window there.
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <locale.h>

#include "lotse-application-private.h"
#include "lotse-field-row.h"
#include "lotse-portfolio-csv.h"
#include "lotse-portfolio-view-private.h"
#include "lotse-project-row.h"
#include "lotse-record-dialog.h"
#include "lotse-test-helpers.h"
#include "lotse-timeline.h"
#include "lotse-view-private.h"
#include "lotse-widget-util.h"
#include "lotse-window-private.h"

#define WAIT_USEC (10 * G_USEC_PER_SEC)

static LotseApplication *app;

typedef struct
{
  char               *dir;
  LotseStore         *store;
  LotseWindow        *window;
  LotsePortfolioView *view;
  GSettings          *settings;
} Fixture;

typedef gboolean (*Condition) (gpointer data);

static gboolean
wait_until (Condition condition,
            gpointer  data)
{
  gint64 deadline = g_get_monotonic_time () + WAIT_USEC;

  while (!condition (data))
    {
      if (g_get_monotonic_time () > deadline)
        return FALSE;
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (1000);
    }

  return TRUE;
}

static void
iterate_until_idle (void)
{
  gint64 deadline = g_get_monotonic_time () + WAIT_USEC;

  while (g_main_context_pending (NULL) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, FALSE);
}

static void
destroy_all_windows (void)
{
  GList *windows;

  while ((windows = gtk_window_list_toplevels ()) != NULL)
    {
      gtk_window_destroy (GTK_WINDOW (windows->data));
      g_list_free (windows);
    }
  iterate_until_idle ();
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  GtkWindow *window;

  f->settings = g_settings_new (APPLICATION_ID);
  g_settings_reset (f->settings, "last-view");
  g_settings_set_int (f->settings, "window-width", GPOINTER_TO_INT (data) > 0 ? GPOINTER_TO_INT (data) : 1100);
  g_settings_set_int (f->settings, "window-height", GPOINTER_TO_INT (data) >= 1280 ? 800 : 720);
  f->store = lotse_test_open_store (&f->dir);
  lotse_application_set_store (app, f->store);

  g_application_activate (G_APPLICATION (app));
  window = gtk_application_get_active_window (GTK_APPLICATION (app));
  g_assert_true (LOTSE_IS_WINDOW (window));
  f->window = LOTSE_WINDOW (window);
  f->view = LOTSE_PORTFOLIO_VIEW (lotse_window_get_view (f->window, "portfolio"));
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-view", "s", "portfolio");
  iterate_until_idle ();
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  destroy_all_windows ();
  lotse_application_set_store (app, NULL);
  g_clear_object (&f->store);
  g_settings_reset (f->settings, "window-width");
  g_settings_reset (f->settings, "window-height");
  g_clear_object (&f->settings);
  lotse_test_remove_tree (f->dir);
  g_clear_pointer (&f->dir, g_free);
}

/* Saves the window as DIR/NAME.png when LOTSE_TEST_SCREENSHOTS=DIR. */
static void
screenshot (Fixture    *f,
            const char *name)
{
  const char *dir = g_getenv ("LOTSE_TEST_SCREENSHOTS");
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GtkSnapshot) snapshot = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *path = NULL;
  int width, height;

  if (dir == NULL)
    return;

  for (guint i = 0; i < 20; i++)
    {
      iterate_until_idle ();
      g_usleep (20000);
    }

  width = gtk_widget_get_width (GTK_WIDGET (f->window));
  height = gtk_widget_get_height (GTK_WIDGET (f->window));
  paintable = gtk_widget_paintable_new (GTK_WIDGET (f->window));
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), width, height);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (f->window)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  path = g_strdup_printf ("%s/%s.png", dir, name);
  g_assert_true (gdk_texture_save_to_png (texture, path));
}

static AdwMessageDialog *
find_dialog (void)
{
  AdwMessageDialog *dialog = NULL;
  GList *toplevels = gtk_window_list_toplevels ();

  for (const GList *l = toplevels; l != NULL; l = l->next)
    if (ADW_IS_MESSAGE_DIALOG (l->data) && gtk_widget_get_visible (l->data))
      dialog = l->data;
  g_list_free (toplevels);

  return dialog;
}

/* Types into a form row: an entry row or the entry of a date row. */
static void
set_row_text (GtkWidget  *row,
              const char *text)
{
  GtkEditable *editable = lotse_field_row_get_editable (row);

  g_assert_nonnull (editable);
  gtk_editable_set_text (editable, text);
}

/* As Enter in the row's entry, or its apply button. */
static void
apply_row (GtkWidget *row)
{
  if (ADW_IS_ENTRY_ROW (row))
    g_signal_emit_by_name (row, "apply");
  else
    g_signal_emit_by_name (gtk_editable_get_delegate (lotse_field_row_get_editable (row)), "activate");
  iterate_until_idle ();
}

static void
respond (AdwMessageDialog *dialog,
         const char       *response)
{
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, response));
  /* As a click on the button: respond, then close. */
  adw_message_dialog_response (dialog, response);
  gtk_window_destroy (GTK_WINDOW (dialog));
  iterate_until_idle ();
}

static gint64
count (Fixture    *f,
       const char *table)
{
  return lotse_store_count (f->store, table, NULL, 0, NULL);
}

/* Creates a project through the new-project action and its dialog. */
static char *
create_project (Fixture    *f,
                const char *title,
                const char *acronym)
{
  AdwMessageDialog *dialog;
  LotseProjectDetail *detail = lotse_portfolio_view_get_detail (f->view);

  gtk_widget_activate_action (GTK_WIDGET (f->view), "portfolio.new-project", NULL);
  dialog = find_dialog ();
  g_assert_nonnull (dialog);

  /* Without a title it cannot be saved, yet nothing is wrong before the
   * user typed. */
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "save"));
  g_assert_cmpstr (lotse_record_dialog_get_error (dialog), ==, "");

  set_row_text (lotse_record_dialog_get_row (dialog, "title"), title);
  set_row_text (lotse_record_dialog_get_row (dialog, "acronym"), acronym);
  respond (dialog, "save");

  g_assert_nonnull (lotse_project_detail_get_project_id (detail));
  return g_strdup (lotse_project_detail_get_project_id (detail));
}

static char *
create_milestone (Fixture    *f,
                  const char *title,
                  const char *due)
{
  AdwMessageDialog *dialog;
  g_autoptr(GPtrArray) rows = NULL;
  LotseFilter filter = { "title", title };

  gtk_widget_activate_action (GTK_WIDGET (f->view), "portfolio.new-milestone", NULL);
  dialog = find_dialog ();
  g_assert_nonnull (dialog);
  g_test_message ("dialog %s", adw_message_dialog_get_heading (dialog));
  set_row_text (lotse_record_dialog_get_row (dialog, "title"), title);
  set_row_text (lotse_record_dialog_get_row (dialog, "due_date"), due);
  respond (dialog, "save");

  rows = lotse_store_list (f->store, "milestone", &filter, 1, NULL, 0, 0, NULL);
  g_assert_cmpuint (rows->len, ==, 1);
  return g_strdup (lotse_record_get_id (g_ptr_array_index (rows, 0)));
}

static void
test_sections (Fixture       *f,
               gconstpointer  data)
{
  GtkStack *sections = lotse_portfolio_view_get_sections (f->view);
  GtkWidget *page = gtk_label_new ("Extra");
  GtkStackPage *stack_page;

  /* The window adds the monitor, the timeline and the directory. */
  g_assert_nonnull (gtk_stack_get_child_by_name (sections, "projects"));
  g_assert_nonnull (gtk_stack_get_child_by_name (sections, "monitor"));
  g_assert_nonnull (gtk_stack_get_child_by_name (sections, "timeline"));
  g_assert_nonnull (gtk_stack_get_child_by_name (sections, "directory"));
  g_assert_true (gtk_widget_get_visible (lotse_portfolio_view_get_switcher (f->view)));

  lotse_portfolio_view_add_section (f->view, page, "extra", "Extra", "alarm-symbolic");
  stack_page = gtk_stack_get_page (sections, page);
  g_assert_cmpstr (gtk_stack_page_get_name (stack_page), ==, "extra");
  g_assert_cmpstr (gtk_stack_page_get_title (stack_page), ==, "Extra");
  g_assert_cmpstr (gtk_stack_page_get_icon_name (stack_page), ==, "alarm-symbolic");

  /* The project actions bring the projects back. */
  gtk_stack_set_visible_child_name (sections, "extra");
  gtk_widget_activate_action (GTK_WIDGET (f->view), "portfolio.search", NULL);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (sections), ==, "projects");
  g_assert_true (gtk_widget_has_focus (GTK_WIDGET (lotse_portfolio_view_get_search_entry (f->view))) ||
                 gtk_widget_is_focus (GTK_WIDGET (lotse_portfolio_view_get_search_entry (f->view))) ||
                 gtk_widget_get_focus_child (GTK_WIDGET (lotse_portfolio_view_get_search_entry (f->view))) != NULL);
}

static void
test_project_create_edit (Fixture       *f,
                          gconstpointer  data)
{
  LotseProjectDetail *detail = lotse_portfolio_view_get_detail (f->view);
  g_autofree char *id = NULL;
  g_autoptr(LotseRecord) project = NULL;
  GtkWidget *row;
  LotseProjectList *list;

  g_assert_false (gtk_widget_activate_action (GTK_WIDGET (f->view), "portfolio.new-milestone", NULL) &&
                  find_dialog () != NULL);

  id = create_project (f, "Digitale Dörfer Lippe", "DDL");
  project = lotse_store_get (f->store, "project", id, NULL);
  g_assert_cmpstr (lotse_record_get (project, "title"), ==, "Digitale Dörfer Lippe");
  g_assert_cmpstr (lotse_record_get (project, "acronym"), ==, "DDL");
  g_assert_cmpstr (lotse_record_get (project, "status"), ==, "planned");

  list = lotse_portfolio_view_get_project_list (f->view);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 1);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (lotse_view_get_stack (LOTSE_VIEW (f->view))), ==, "list");

  /* A text field is saved when applied. */
  row = lotse_project_detail_get_field_row (detail, "summary");
  set_row_text (row, "Dorfgemeinschaften digital vernetzt");
  apply_row (row);
  g_clear_object (&project);
  project = lotse_store_get (f->store, "project", id, NULL);
  g_assert_cmpstr (lotse_record_get (project, "summary"), ==, "Dorfgemeinschaften digital vernetzt");

  /* The budget in euros with cents, stored in cents. */
  row = lotse_project_detail_get_field_row (detail, "budget_cents");
  set_row_text (row, "1,250,000.50 €");
  apply_row (row);
  g_clear_object (&project);
  project = lotse_store_get (f->store, "project", id, NULL);
  g_assert_cmpstr (lotse_record_get (project, "budget_cents"), ==, "125000050");
  /* Shown as money, with its currency. */
  {
    g_autofree char *shown = lotse_format_money ("125000050");

    g_assert_nonnull (strstr (shown, "€"));
    g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row)), ==, shown);
  }

  /* Dates, also typed the German way; an end before the start is refused
   * and changes nothing. */
  row = lotse_project_detail_get_field_row (detail, "start_date");
  set_row_text (row, "01.03.2026");
  apply_row (row);
  row = lotse_project_detail_get_field_row (detail, "end_date");
  set_row_text (row, "2025-12-31");
  apply_row (row);
  g_assert_true (gtk_widget_has_css_class (row, "error"));
  set_row_text (row, "31.02.2028");
  apply_row (row);
  g_assert_true (gtk_widget_has_css_class (row, "error"));
  g_clear_object (&project);
  project = lotse_store_get (f->store, "project", id, NULL);
  g_assert_cmpstr (lotse_record_get (project, "start_date"), ==, "2026-03-01");
  g_assert_null (lotse_record_get (project, "end_date"));
  set_row_text (row, "2028-02-29");
  apply_row (row);
  g_assert_false (gtk_widget_has_css_class (row, "error"));

  /* A garbage budget is refused too. */
  row = lotse_project_detail_get_field_row (detail, "budget_cents");
  set_row_text (row, "viel Geld");
  apply_row (row);
  g_clear_object (&project);
  project = lotse_store_get (f->store, "project", id, NULL);
  g_assert_cmpstr (lotse_record_get (project, "budget_cents"), ==, "125000050");
  g_assert_cmpstr (lotse_record_get (project, "end_date"), ==, "2028-02-29");

  /* A choice is saved when made. */
  row = lotse_project_detail_get_field_row (detail, "status");
  g_assert_true (ADW_IS_COMBO_ROW (row));
  adw_combo_row_set_selected (ADW_COMBO_ROW (row), 1);
  g_clear_object (&project);
  project = lotse_store_get (f->store, "project", id, NULL);
  g_assert_cmpstr (lotse_record_get (project, "status"), ==, "running");

  screenshot (f, "project-wide");
}

static gboolean
detail_title_is (gpointer data)
{
  Fixture *f = data;
  GtkWidget *row = lotse_project_detail_get_field_row (lotse_portfolio_view_get_detail (f->view), "title");

  return g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (row)), "Renamed elsewhere") == 0;
}

static void
test_project_changed_elsewhere (Fixture       *f,
                                gconstpointer  data)
{
  LotseProjectDetail *detail = lotse_portfolio_view_get_detail (f->view);
  g_autofree char *id = create_project (f, "Smart Country Side", "SCS");
  g_autoptr(LotseRecord) project = NULL;
  GtkWidget *acronym = lotse_project_detail_get_field_row (detail, "acronym");
  g_autoptr(GError) error = NULL;

  /* The user is typing the acronym when the title changes elsewhere. */
  set_row_text (acronym, "SCS-OWL");
  project = lotse_store_get (f->store, "project", id, NULL);
  lotse_record_set (project, "title", "Renamed elsewhere");
  g_assert_true (lotse_store_update (f->store, project, &error));
  g_assert_no_error (error);

  g_assert_true (wait_until (detail_title_is, f));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (acronym)), ==, "SCS-OWL");
  g_assert_true (lotse_field_row_is_edited (acronym));

  /* Applying it then saves what was typed. */
  g_signal_emit_by_name (acronym, "apply");
  g_clear_object (&project);
  project = lotse_store_get (f->store, "project", id, NULL);
  g_assert_cmpstr (lotse_record_get (project, "acronym"), ==, "SCS-OWL");
  g_assert_cmpstr (lotse_record_get (project, "title"), ==, "Renamed elsewhere");
}

static void
undo_last (Fixture *f)
{
  AdwToast *toast = lotse_portfolio_view_get_last_toast (f->view);

  g_assert_nonnull (toast);
  g_signal_emit_by_name (toast, "button-clicked");
  iterate_until_idle ();
}

/* A milestone that a completed project left open is history: neither the
 * project page nor the list marks it overdue. */
static void
test_closed_not_overdue (Fixture       *f,
                         gconstpointer  data)
{
  LotseProjectDetail *detail = lotse_portfolio_view_get_detail (f->view);
  LotseProjectList *list = lotse_portfolio_view_get_project_list (f->view);
  g_autofree char *project_id = create_project (f, "Handwerk 4.0", "HW");
  g_autofree char *late = create_milestone (f, "Auftragsbörse", "2018-10-31");
  g_autoptr(LotseRecord) project = lotse_store_get (f->store, "project", project_id, NULL);
  g_autoptr(GError) error = NULL;
  GtkWidget *row = lotse_project_detail_get_milestone_row (detail, late);

  g_assert_true (gtk_widget_has_css_class (row, "overdue"));
  g_assert_cmpuint (lotse_project_list_get_summary (list, 0)->n_overdue, ==, 1);

  lotse_record_set (project, "status", "completed");
  g_assert_true (lotse_store_update (f->store, project, &error));
  g_assert_no_error (error);
  iterate_until_idle ();

  row = lotse_project_detail_get_milestone_row (detail, late);
  g_assert_false (gtk_widget_has_css_class (row, "overdue"));
  g_assert_null (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), "Overdue"));
  g_assert_cmpuint (lotse_project_list_get_summary (list, 0)->n_overdue, ==, 0);
}

static void
test_milestones (Fixture       *f,
                 gconstpointer  data)
{
  LotseProjectDetail *detail = lotse_portfolio_view_get_detail (f->view);
  g_autofree char *project_id = create_project (f, "Modellregion OWL", "MR");
  g_autofree char *late = NULL;
  g_autofree char *later = NULL;
  g_autofree char *today = lotse_monitor_today ();
  g_autoptr(LotseRecord) milestone = NULL;
  AdwMessageDialog *dialog;
  GtkWidget *row;

  /* A bad date keeps the dialog from saving and says why. */
  gtk_widget_activate_action (GTK_WIDGET (f->view), "portfolio.new-milestone", NULL);
  dialog = find_dialog ();
  set_row_text (lotse_record_dialog_get_row (dialog, "title"), "Kick-off");
  set_row_text (lotse_record_dialog_get_row (dialog, "due_date"), "32.13.2026");
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "save"));
  apply_row (lotse_record_dialog_get_row (dialog, "due_date"));
  g_assert_nonnull (strstr (lotse_record_dialog_get_error (dialog), "32.13.2026"));
  respond (dialog, "cancel");
  g_assert_cmpint (count (f, "milestone"), ==, 0);

  later = create_milestone (f, "Pilot running", "2099-06-30");
  late = create_milestone (f, "Kick-off", "2001-01-15");
  g_assert_cmpint (count (f, "milestone"), ==, 2);
  g_assert_cmpuint (lotse_project_detail_get_n_milestones (detail), ==, 2);

  /* Ordered by due date; the overdue one says so in words, first. */
  row = lotse_project_detail_get_milestone_row (detail, late);
  g_assert_nonnull (row);
  g_assert_true (gtk_widget_get_prev_sibling (row) == NULL ||
                 lotse_project_detail_get_milestone_row (detail, later) == gtk_widget_get_next_sibling (row));
  g_assert_true (g_str_has_prefix (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), "Overdue by "));
  g_assert_true (gtk_widget_has_css_class (row, "overdue"));
  g_assert_null (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (lotse_project_detail_get_milestone_row (detail, later))),
                         "Overdue"));

  /* The list row counts it. */
  {
    LotseProjectList *list = lotse_portfolio_view_get_project_list (f->view);
    const LotseProjectSummary *summary = lotse_project_list_get_summary (list, 0);

    g_assert_cmpuint (summary->n_overdue, ==, 1);
    g_assert_cmpstr (summary->next_title, ==, "Pilot running");
  }

  /* Edit through the row's dialog. */
  gtk_widget_activate_action (GTK_WIDGET (f->view), "portfolio.edit-milestone", "s", later);
  dialog = find_dialog ();
  set_row_text (lotse_record_dialog_get_row (dialog, "title"), "Pilot started");
  respond (dialog, "save");
  milestone = lotse_store_get (f->store, "milestone", later, NULL);
  g_assert_cmpstr (lotse_record_get (milestone, "title"), ==, "Pilot started");

  /* Mark done: status and today's date, and undo brings back both. */
  gtk_widget_activate_action (GTK_WIDGET (f->view), "portfolio.mark-done", "s", late);
  g_clear_object (&milestone);
  milestone = lotse_store_get (f->store, "milestone", late, NULL);
  g_assert_cmpstr (lotse_record_get (milestone, "status"), ==, "done");
  g_assert_cmpstr (lotse_record_get (milestone, "done_date"), ==, today);
  row = lotse_project_detail_get_milestone_row (detail, late);
  g_assert_null (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), "Overdue"));
  screenshot (f, "milestones-wide");

  undo_last (f);
  g_clear_object (&milestone);
  milestone = lotse_store_get (f->store, "milestone", late, NULL);
  g_assert_cmpstr (lotse_record_get (milestone, "status"), ==, "open");
  g_assert_null (lotse_record_get (milestone, "done_date"));

  /* Mark done by keyboard on the focused row. */
  lotse_project_detail_focus_milestone (detail, late);
  iterate_until_idle ();
  {
    g_autofree char *focused = lotse_project_detail_dup_focused_milestone (detail);

    g_assert_cmpstr (focused, ==, late);
  }

  /* Delete, then undo. */
  gtk_widget_activate_action (GTK_WIDGET (f->view), "portfolio.delete-milestone", "s", late);
  g_assert_cmpint (count (f, "milestone"), ==, 1);
  g_assert_null (lotse_store_get (f->store, "milestone", late, NULL));
  g_assert_cmpuint (lotse_project_detail_get_n_milestones (detail), ==, 1);
  undo_last (f);
  g_assert_cmpint (count (f, "milestone"), ==, 2);
  g_assert_cmpuint (lotse_project_detail_get_n_milestones (detail), ==, 2);
  g_assert_cmpint (lotse_test_query_int (lotse_store_get_path (f->store),
                                         "SELECT count(*) FROM outbox WHERE table_name = 'milestone'"),
                   ==, 2 + 1 + 2 + 2);
}

static void
test_project_delete_undo (Fixture       *f,
                          gconstpointer  data)
{
  LotseProjectDetail *detail = lotse_portfolio_view_get_detail (f->view);
  g_autofree char *id = create_project (f, "Bürgerportal OWL", "BP");
  LotseProjectList *list = lotse_portfolio_view_get_project_list (f->view);

  gtk_widget_activate_action (GTK_WIDGET (f->view), "portfolio.delete-project", NULL);
  g_assert_cmpint (count (f, "project"), ==, 0);
  g_assert_null (lotse_project_detail_get_project_id (detail));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 0);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (lotse_view_get_stack (LOTSE_VIEW (f->view))), ==, "empty");

  undo_last (f);
  g_assert_cmpint (count (f, "project"), ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 1);

  /* Undoing twice changes nothing more. */
  g_signal_emit_by_name (lotse_portfolio_view_get_last_toast (f->view), "button-clicked");
  g_assert_cmpint (count (f, "project"), ==, 1);
}

/* The first widget of @type under @widget inside a toast overlay for
 * which @match holds. */
static GtkWidget *
find_in_toast (GtkWidget *widget,
               GType      type,
               gboolean (*match) (GtkWidget *widget, gconstpointer data),
               gconstpointer data)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type) &&
      gtk_widget_get_ancestor (widget, ADW_TYPE_TOAST_OVERLAY) != NULL &&
      gtk_widget_get_mapped (widget) && match (widget, data))
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_in_toast (child, type, match, data);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static gboolean
button_says (GtkWidget     *widget,
             gconstpointer  label)
{
  return g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0;
}

static gboolean
label_says (GtkWidget     *widget,
            gconstpointer  text)
{
  return g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), text) == 0;
}

typedef struct
{
  Fixture    *f;
  GType       type;
  gboolean  (*match) (GtkWidget *widget, gconstpointer data);
  const char *text;
  GtkWidget  *found;
} Search;

static gboolean
toast_shows (gpointer data)
{
  Search *search = data;

  search->found = find_in_toast (GTK_WIDGET (search->f->window), search->type, search->match,
                                 search->text);
  return search->found != NULL;
}

/* The undo toast reaches the window without the view knowing the window,
 * and its button, as a person clicks it, brings the project back. */
static void
test_undo_toast_in_window (Fixture       *f,
                           gconstpointer  data)
{
  g_autofree char *id = create_project (f, "Bürgerportal OWL", "BP");
  const char *db = lotse_store_get_path (f->store);
  Search search = { f, GTK_TYPE_BUTTON, button_says, _("_Undo"), NULL };

  gtk_widget_activate_action (GTK_WIDGET (f->view), "portfolio.delete-project", NULL);
  g_assert_cmpint (lotse_test_query_int (db, "SELECT count(*) FROM project WHERE deleted = 0"), ==, 0);

  g_assert_true (wait_until (toast_shows, &search));
  g_signal_emit_by_name (search.found, "clicked");
  iterate_until_idle ();
  g_assert_cmpint (lotse_test_query_int (db, "SELECT count(*) FROM project WHERE deleted = 0"), ==, 1);
}

/* A toast's title is markup: a message with "&" or "<" shows as written. */
static void
test_toast_text (Fixture       *f,
                 gconstpointer  data)
{
  const char *message = "Forschung & Entwicklung <neu>";
  Search search = { f, GTK_TYPE_LABEL, label_says, message, NULL };

  lotse_widget_show_toast (GTK_WIDGET (f->view), message);
  g_assert_true (wait_until (toast_shows, &search));
}

static void
test_status_report_and_partners (Fixture       *f,
                                 gconstpointer  data)
{
  LotseProjectDetail *detail = lotse_portfolio_view_get_detail (f->view);
  g_autofree char *org = lotse_test_insert (f->store, "organisation", "name=Stadt Bielefeld",
                                            "kind=municipality", NULL);
  g_autofree char *id = NULL;
  g_autoptr(LotseRecord) project = NULL;
  AdwMessageDialog *dialog;
  GtkWidget *row;
  g_autoptr(GPtrArray) partners = NULL;
  LotseFilter filter;

  /* The new organisation shows in the form's choices. */
  id = create_project (f, "Digitale Gesundheitsregion", "DGR");

  gtk_widget_activate_action (GTK_WIDGET (f->view), "portfolio.add-status-report", NULL);
  dialog = find_dialog ();
  row = lotse_record_dialog_get_row (dialog, "health");
  adw_combo_row_set_selected (ADW_COMBO_ROW (row), 2);  /* red */
  set_row_text (lotse_record_dialog_get_row (dialog, "summary"), "Datenschutzkonzept verzögert");
  respond (dialog, "save");
  g_assert_cmpint (count (f, "status_report"), ==, 1);
  g_assert_cmpuint (lotse_project_detail_get_n_reports (detail), ==, 1);
  project = lotse_store_get (f->store, "project", id, NULL);
  g_assert_cmpstr (lotse_record_get (project, "health"), ==, "red");

  gtk_widget_activate_action (GTK_WIDGET (f->view), "portfolio.add-partner", NULL);
  dialog = find_dialog ();
  row = lotse_record_dialog_get_row (dialog, "organisation_id");
  adw_combo_row_set_selected (ADW_COMBO_ROW (row), 0);
  set_row_text (lotse_record_dialog_get_row (dialog, "role"), "Pilotkommune");
  respond (dialog, "save");
  filter = (LotseFilter) { "project_id", id };
  partners = lotse_store_list (f->store, "project_partner", &filter, 1, NULL, 0, 0, NULL);
  g_assert_cmpuint (partners->len, ==, 1);
  g_assert_cmpstr (lotse_record_get (g_ptr_array_index (partners, 0), "organisation_id"), ==, org);
  g_assert_cmpuint (lotse_project_detail_get_n_partners (detail), ==, 1);

  gtk_widget_activate_action (GTK_WIDGET (f->view), "portfolio.remove-partner", "s",
                              lotse_record_get_id (g_ptr_array_index (partners, 0)));
  g_assert_cmpint (count (f, "project_partner"), ==, 0);
  g_assert_cmpuint (lotse_project_detail_get_n_partners (detail), ==, 0);
  undo_last (f);
  g_assert_cmpint (count (f, "project_partner"), ==, 1);
}

/* The button under @root that activates @action for the record @id */
static GtkWidget *
find_action_button (GtkWidget  *root,
                    const char *action,
                    const char *id)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (GTK_IS_BUTTON (child) &&
          g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (child)), action) == 0)
        {
          GVariant *target = gtk_actionable_get_action_target_value (GTK_ACTIONABLE (child));

          if (target != NULL && g_strcmp0 (g_variant_get_string (target, NULL), id) == 0)
            return child;
        }
      if ((found = find_action_button (child, action, id)) != NULL)
        return found;
    }

  return NULL;
}

/* The buttons of the partner and milestone rows of the project page
 * write what they say, and the rows follow what was stored. */
static void
test_detail_row_buttons (Fixture       *f,
                         gconstpointer  data)
{
  LotseProjectDetail *detail = lotse_portfolio_view_get_detail (f->view);
  g_autofree char *org = lotse_test_insert (f->store, "organisation", "name=Stadt Bielefeld",
                                            "kind=municipality", NULL);
  g_autofree char *project_id = create_project (f, "Modellregion OWL", "MR");
  g_autofree char *milestone_id = create_milestone (f, "Kick-off", "2031-01-15");
  g_autofree char *project_field = g_strdup_printf ("project_id=%s", project_id);
  g_autofree char *org_field = g_strdup_printf ("organisation_id=%s", org);
  g_autofree char *partner_id = lotse_test_insert (f->store, "project_partner", project_field,
                                                   org_field, "role=Pilotkommune", NULL);
  g_autofree char *today = lotse_monitor_today ();
  g_autoptr(LotseRecord) milestone = NULL;
  GtkWidget *button;

  iterate_until_idle ();
  g_assert_cmpuint (lotse_project_detail_get_n_partners (detail), ==, 1);
  g_assert_cmpuint (lotse_project_detail_get_n_milestones (detail), ==, 1);

  button = find_action_button (GTK_WIDGET (detail), "portfolio.mark-done", milestone_id);
  g_assert_nonnull (button);
  g_signal_emit_by_name (button, "clicked");
  iterate_until_idle ();
  milestone = lotse_store_get (f->store, "milestone", milestone_id, NULL);
  g_assert_cmpstr (lotse_record_get (milestone, "status"), ==, "done");
  g_assert_cmpstr (lotse_record_get (milestone, "done_date"), ==, today);
  /* Done: its row has no such button any more. */
  g_assert_null (find_action_button (GTK_WIDGET (detail), "portfolio.mark-done", milestone_id));

  button = find_action_button (GTK_WIDGET (detail), "portfolio.remove-partner", partner_id);
  g_assert_nonnull (button);
  g_signal_emit_by_name (button, "clicked");
  iterate_until_idle ();
  g_assert_cmpint (count (f, "project_partner"), ==, 0);
  g_assert_cmpuint (lotse_project_detail_get_n_partners (detail), ==, 0);
  g_assert_null (find_action_button (GTK_WIDGET (detail), "portfolio.remove-partner", partner_id));

  button = find_action_button (GTK_WIDGET (detail), "portfolio.delete-milestone", milestone_id);
  g_assert_nonnull (button);
  g_signal_emit_by_name (button, "clicked");
  iterate_until_idle ();
  g_assert_null (lotse_store_get (f->store, "milestone", milestone_id, NULL));
  g_assert_cmpuint (lotse_project_detail_get_n_milestones (detail), ==, 0);

  /* Undo brings the milestone back into the list, done as it was. */
  undo_last (f);
  g_clear_object (&milestone);
  milestone = lotse_store_get (f->store, "milestone", milestone_id, NULL);
  g_assert_cmpstr (lotse_record_get (milestone, "status"), ==, "done");
  g_assert_nonnull (lotse_project_detail_get_milestone_row (detail, milestone_id));
}

static guint
n_listed (Fixture *f)
{
  return g_list_model_get_n_items (G_LIST_MODEL (lotse_portfolio_view_get_project_list (f->view)));
}

static void
type_search (Fixture    *f,
             const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (lotse_portfolio_view_get_search_entry (f->view)), text);
  lotse_portfolio_view_apply_search (f->view);
}

static guint
select_choice (GtkDropDown *drop_down,
               const char  *label)
{
  GListModel *model = gtk_drop_down_get_model (drop_down);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(GtkStringObject) item = g_list_model_get_item (model, i);

      if (g_str_equal (gtk_string_object_get_string (item), label))
        {
          gtk_drop_down_set_selected (drop_down, i);
          return i;
        }
    }
  g_assert_not_reached ();
}

static void
test_filter_search (Fixture       *f,
                    gconstpointer  data)
{
  const char *db = lotse_store_get_path (f->store);
  gint64 all, digital, red;
  LotseFilter red_filter = { "health", "red" };
  g_autoptr(LotseRecord) first = NULL;

  gtk_widget_activate_action (GTK_WIDGET (f->window), "app.load-demo", NULL);
  iterate_until_idle ();
  all = count (f, "project");
  g_assert_cmpint (all, >, 10);
  g_assert_cmpuint (n_listed (f), ==, all);

  digital = lotse_test_query_int (db, "SELECT count(*) FROM project WHERE deleted = 0 AND"
                                      " (title LIKE '%digital%' OR acronym LIKE '%digital%')");
  g_assert_cmpint (digital, >, 0);
  type_search (f, "digital");
  g_assert_cmpuint (n_listed (f), ==, digital);
  first = g_list_model_get_item (G_LIST_MODEL (lotse_portfolio_view_get_project_list (f->view)), 0);
  {
    g_autofree char *text = g_ascii_strdown (lotse_record_get (first, "title"), -1);
    g_autofree char *acronym = g_ascii_strdown (lotse_record_get (first, "acronym") ? lotse_record_get (first, "acronym") : "", -1);

    g_assert_true (strstr (text, "digital") != NULL || strstr (acronym, "digital") != NULL);
  }

  /* Characters that mean something to SQL or LIKE are just text. */
  type_search (f, "%' OR 1=1 --");
  g_assert_cmpuint (n_listed (f), ==, 0);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (lotse_view_get_stack (LOTSE_VIEW (f->view))), ==, "no-results");
  type_search (f, "_");
  g_assert_cmpuint (n_listed (f), ==, 0);
  type_search (f, "");
  g_assert_cmpuint (n_listed (f), ==, all);

  /* The traffic light filter, then with the search together. */
  red = lotse_store_count (f->store, "project", &red_filter, 1, NULL);
  select_choice (lotse_portfolio_view_get_filter (f->view, LOTSE_PORTFOLIO_FILTER_HEALTH), "Critical");
  g_assert_cmpuint (n_listed (f), ==, red);
  for (guint i = 0; i < n_listed (f); i++)
    {
      g_autoptr(LotseRecord) project = g_list_model_get_item (G_LIST_MODEL (lotse_portfolio_view_get_project_list (f->view)), i);

      g_assert_cmpstr (lotse_record_get (project, "health"), ==, "red");
    }
  screenshot (f, "filtered-wide");

  /* Sorted by traffic light, red comes first. */
  gtk_widget_activate_action (GTK_WIDGET (f->view), "portfolio.reset-filters", NULL);
  g_assert_cmpuint (n_listed (f), ==, all);
  gtk_drop_down_set_selected (lotse_portfolio_view_get_sort (f->view), LOTSE_PROJECT_SORT_HEALTH);
  {
    g_autoptr(LotseRecord) top = g_list_model_get_item (G_LIST_MODEL (lotse_portfolio_view_get_project_list (f->view)), 0);

    g_assert_cmpstr (lotse_record_get (top, "health"), ==, red > 0 ? "red" : lotse_record_get (top, "health"));
  }

  /* A project added elsewhere appears. */
  g_free (lotse_test_insert (f->store, "project", "title=Neu von der Kommandozeile", "status=planned", NULL));
  g_assert_cmpuint (n_listed (f), ==, all + 1);
}

/* With thousands of projects shown, typing reads only the rows the list
 * shows: neither the selection nor GTK's list view may walk all rows. */
static void
test_filter_large (Fixture       *f,
                   gconstpointer  data)
{
  LotseGenerateOptions options = { .projects = 3000, .milestones = 3000, .seed = 7 };
  g_autoptr(GError) error = NULL;
  LotseProjectList *list = lotse_portfolio_view_get_project_list (f->view);
  g_autofree char *first_id = NULL;
  guint loads;

  g_assert_true (lotse_generate (f->store, &options, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  iterate_until_idle ();
  g_assert_cmpuint (n_listed (f), ==, 3000);

  /* With a project open, which the list selects. */
  {
    g_autoptr(LotseRecord) first = g_list_model_get_item (G_LIST_MODEL (list), 0);

    first_id = g_strdup (lotse_record_get_id (first));
    g_assert_true (lotse_view_open_record (LOTSE_VIEW (f->view), "project", first_id));
  }
  iterate_until_idle ();

  loads = lotse_project_list_get_n_page_loads (list);
  type_search (f, "e");
  iterate_until_idle ();
  g_test_message ("%u pages read, %u rows held of %u",
                  lotse_project_list_get_n_page_loads (list) - loads,
                  lotse_project_list_get_n_loaded (list), n_listed (f));
  g_assert_cmpuint (n_listed (f), >, 64 * 16);
  g_assert_cmpuint (lotse_project_list_get_n_loaded (list), <=, 64 * 16);
  /* GTK 4.8 keeps about 200 rows: four pages, and a few more. */
  g_assert_cmpuint (lotse_project_list_get_n_page_loads (list) - loads, <=, 8);

  /* Case and umlauts fold: a title typed in capitals is found. */
  {
    g_autoptr(LotseRecord) project = lotse_store_get (f->store, "project", first_id, NULL);
    g_autoptr(LotseRecord) found = NULL;

    lotse_record_set (project, "title", "Grüne Wärme für Dörfer");
    g_assert_true (lotse_store_update (f->store, project, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (n_listed (f), >, 1);

    type_search (f, "GRÜNE WÄRME");
    g_assert_cmpuint (n_listed (f), ==, 1);
    found = g_list_model_get_item (G_LIST_MODEL (list), 0);
    g_assert_cmpstr (lotse_record_get_id (found), ==, first_id);
  }
}

/* The project rows the list view holds, and their titles. */
static void
collect_rows (GtkWidget  *widget,
              GHashTable *rows)
{
  if (LOTSE_IS_PROJECT_ROW (widget))
    {
      LotseRecordRow *record_row = lotse_project_row_get_record_row (LOTSE_PROJECT_ROW (widget));

      g_hash_table_insert (rows, widget, g_strdup (lotse_record_row_get_title (record_row)));
      return;
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_rows (child, rows);
}

/* Typing keeps the item objects of the projects that stay listed and the
 * row widgets of the list view: the rows are bound to the new projects, not
 * destroyed and built again, and each shows a project that is listed. */
static gboolean
lists_five (gpointer data)
{
  return n_listed (data) == 5;
}

/* In German, “Äpfel” is among the A and “eGovernment” among the E, not
 * after “Zukunft” as their bytes are. */
static void
test_locale_order (Fixture       *f,
                   gconstpointer  data)
{
  const char *titles[] = { "Zukunft", "Ökologie", "eGovernment", "Äpfel", "Arbeit" };
  const char *german[] = { "Äpfel", "Arbeit", "eGovernment", "Ökologie", "Zukunft", NULL };
  GListModel *list = G_LIST_MODEL (lotse_portfolio_view_get_project_list (f->view));
  g_autofree char *saved = g_strdup (setlocale (LC_ALL, NULL));
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) listed = NULL;

  g_assert_nonnull (setlocale (LC_ALL, "de_DE.UTF-8"));
  for (guint i = 0; i < G_N_ELEMENTS (titles); i++)
    {
      g_autofree char *title = g_strdup_printf ("title=%s", titles[i]);

      g_free (lotse_test_insert (f->store, "project", title, "status=running", NULL));
    }
  g_assert_true (wait_until (lists_five, f));

  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(LotseRecord) project = g_list_model_get_item (list, i);

      g_strv_builder_add (builder, lotse_record_get (project, "title"));
    }
  listed = g_strv_builder_end (builder);
  setlocale (LC_ALL, saved);

  g_assert_cmpstrv (listed, german);
}

typedef struct
{
  Fixture    *f;
  const char *title;
  const char *badge;
} RowBadge;

static GtkWidget *
find_project_row (GtkWidget  *widget,
                  const char *title)
{
  if (LOTSE_IS_PROJECT_ROW (widget))
    {
      LotseRecordRow *record_row = lotse_project_row_get_record_row (LOTSE_PROJECT_ROW (widget));

      return g_strcmp0 (lotse_record_row_get_title (record_row), title) == 0 ? widget : NULL;
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_project_row (child, title);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static gboolean
row_shows_badge (gpointer data)
{
  RowBadge *wanted = data;
  GtkWidget *row = find_project_row (GTK_WIDGET (wanted->f->window), wanted->title);

  return row != NULL &&
         g_strcmp0 (lotse_record_row_get_badge (lotse_project_row_get_record_row (LOTSE_PROJECT_ROW (row))),
                    wanted->badge) == 0;
}

/* A status report written outside the project page (as lotse-cli or a
 * pull writes it) moves the traffic light the list shows. */
static void
test_health_from_report (Fixture       *f,
                         gconstpointer  data)
{
  g_autofree char *project = lotse_test_insert (f->store, "project", "title=Smarte Quartiere",
                                                "status=running", "health=yellow", NULL);
  g_autofree char *project_id = g_strdup_printf ("project_id=%s", project);
  g_autofree char *report = NULL;
  RowBadge at_risk = { f, "Smarte Quartiere", "At risk" };
  RowBadge critical = { f, "Smarte Quartiere", "Critical" };

  g_assert_true (wait_until (row_shows_badge, &at_risk));
  report = lotse_test_insert (f->store, "status_report", project_id, "date=2026-11-20", "health=red",
                              NULL);
  g_assert_true (wait_until (row_shows_badge, &critical));
}

static void
test_filter_keeps_rows (Fixture       *f,
                        gconstpointer  data)
{
  LotseGenerateOptions options = { .projects = 1500, .milestones = 1500, .seed = 3 };
  g_autoptr(GError) error = NULL;
  LotseProjectList *list = lotse_portfolio_view_get_project_list (f->view);
  g_autoptr(GHashTable) before = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  g_autoptr(GHashTable) after = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  g_autoptr(GHashTable) items = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  g_autoptr(GHashTable) listed = g_hash_table_new (g_str_hash, g_str_equal);
  GHashTableIter iter;
  gpointer key, value;
  guint n_new_rows = 0;
  guint n_same_items = 0;

  g_assert_true (lotse_generate (f->store, &options, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  iterate_until_idle ();

  type_search (f, "e");
  iterate_until_idle ();
  g_assert_cmpuint (n_listed (f), >, 300);
  for (guint i = 0; i < n_listed (f); i++)
    {
      LotseRecord *project = g_list_model_get_item (G_LIST_MODEL (list), i);

      g_hash_table_insert (items, g_strdup (lotse_record_get_id (project)), project);
    }
  collect_rows (GTK_WIDGET (f->view), before);
  g_assert_cmpuint (g_hash_table_size (before), >, 20);

  type_search (f, "er");
  iterate_until_idle ();
  g_assert_cmpuint (n_listed (f), >, 100);
  g_assert_cmpuint (n_listed (f), <, g_hash_table_size (items));

  /* The same projects, the same objects. */
  for (guint i = 0; i < n_listed (f); i++)
    {
      g_autoptr(LotseRecord) project = g_list_model_get_item (G_LIST_MODEL (list), i);
      LotseRecord *was = g_hash_table_lookup (items, lotse_record_get_id (project));

      g_assert_nonnull (was);
      n_same_items += was == project;
      g_hash_table_add (listed, (gpointer) lotse_record_get (was, "title"));
    }
  g_assert_cmpuint (n_same_items, >, 0);

  /* The same widgets, bound to listed projects. */
  collect_rows (GTK_WIDGET (f->view), after);
  g_assert_cmpuint (g_hash_table_size (after), >, 20);
  g_hash_table_iter_init (&iter, after);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      n_new_rows += !g_hash_table_contains (before, key);
      g_assert_true (g_hash_table_contains (listed, value));
    }
  g_test_message ("%u of %u rows built anew", n_new_rows, g_hash_table_size (after));
  g_assert_cmpuint (n_new_rows, <=, 2);

  /* Typing in a list scrolled to its end shows the first rows of the new
   * list. */
  {
    GtkWidget *list_view = GTK_WIDGET (lotse_view_get_list_view (LOTSE_VIEW (f->view)));
    GtkAdjustment *vadjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (list_view));
    g_autoptr(LotseRecord) first = NULL;
    gboolean found = FALSE;

    type_search (f, "e");
    iterate_until_idle ();
    gtk_adjustment_set_value (vadjustment, gtk_adjustment_get_upper (vadjustment));
    iterate_until_idle ();
    g_assert_cmpfloat (gtk_adjustment_get_value (vadjustment), >, 0.0);

    type_search (f, "er");
    iterate_until_idle ();
    g_assert_cmpfloat (gtk_adjustment_get_value (vadjustment), ==, gtk_adjustment_get_lower (vadjustment));
    first = g_list_model_get_item (G_LIST_MODEL (list), 0);
    g_hash_table_remove_all (after);
    collect_rows (GTK_WIDGET (f->view), after);
    g_hash_table_iter_init (&iter, after);
    while (g_hash_table_iter_next (&iter, NULL, &value))
      found |= g_strcmp0 (value, lotse_record_get (first, "title")) == 0;
    g_assert_true (found);
  }

  /* A change in the store shows in the rows kept. */
  {
    g_autoptr(LotseRecord) first = g_list_model_get_item (G_LIST_MODEL (list), 0);
    g_autoptr(LotseRecord) project = lotse_store_get (f->store, "project", lotse_record_get_id (first), NULL);
    g_autoptr(LotseRecord) shown = NULL;
    gboolean found = FALSE;

    lotse_record_set (project, "title", "Aaa erneuert");
    g_assert_true (lotse_store_update (f->store, project, &error));
    g_assert_no_error (error);
    iterate_until_idle ();
    shown = g_list_model_get_item (G_LIST_MODEL (list), 0);
    g_assert_cmpstr (lotse_record_get (shown, "title"), ==, "Aaa erneuert");

    g_hash_table_remove_all (after);
    collect_rows (GTK_WIDGET (f->view), after);
    g_hash_table_iter_init (&iter, after);
    while (g_hash_table_iter_next (&iter, NULL, &value))
      found |= g_strcmp0 (value, "Aaa erneuert") == 0;
    g_assert_true (found);
  }
}

static gboolean
detail_shows_project (gpointer data)
{
  Fixture *f = data;

  return lotse_project_detail_get_project_id (lotse_portfolio_view_get_detail (f->view)) != NULL;
}

static void
test_open_record (Fixture       *f,
                  gconstpointer  data)
{
  LotseProjectDetail *detail = lotse_portfolio_view_get_detail (f->view);
  g_autofree char *project = lotse_test_insert (f->store, "project", "title=Digital Hub", "status=running", NULL);
  g_autofree char *other = NULL;
  g_autofree char *id = NULL;

  other = g_strdup_printf ("project_id=%s", project);
  id = lotse_test_insert (f->store, "milestone", other, "title=Hub eröffnet", "status=open",
                          "due_date=2030-01-01", NULL);

  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-view", "s", "jourfixe");
  iterate_until_idle ();
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.open-record", "(ss)", "milestone", id);
  g_assert_true (wait_until (detail_shows_project, f));
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (lotse_window_get_view_stack (f->window)),
                   ==, "portfolio");
  g_assert_cmpstr (lotse_project_detail_get_project_id (detail), ==, project);
  g_assert_nonnull (lotse_project_detail_get_milestone_row (detail, id));

  /* A project the search hides is shown without it. */
  type_search (f, "nothing like this");
  g_assert_cmpuint (n_listed (f), ==, 0);
  g_assert_true (lotse_view_open_record (LOTSE_VIEW (f->view), "project", project));
  g_assert_cmpuint (n_listed (f), ==, 1);

  /* A programme: the list shows its projects. */
  {
    g_autofree char *programme = lotse_test_insert (f->store, "programme", "name=SMART REGION", NULL);
    g_autofree char *assignment = g_strdup_printf ("programme_id=%s", programme);
    g_autofree char *member = lotse_test_insert (f->store, "project", "title=Smart Parking",
                                                 "status=running", assignment, NULL);
    g_autofree char *report_project = g_strdup_printf ("project_id=%s", project);
    g_autofree char *report = lotse_test_insert (f->store, "status_report", report_project,
                                                 "date=2026-10-01", "health=yellow", NULL);
    g_autoptr(LotseRecord) listed = NULL;

    g_assert_true (lotse_view_open_record (LOTSE_VIEW (f->view), "programme", programme));
    g_assert_cmpuint (n_listed (f), ==, 1);
    listed = g_list_model_get_item (G_LIST_MODEL (lotse_portfolio_view_get_project_list (f->view)), 0);
    g_assert_cmpstr (lotse_record_get_id (listed), ==, member);

    /* A status report opens its project, which the programme filter hid. */
    g_assert_true (lotse_view_open_record (LOTSE_VIEW (f->view), "status_report", report));
    g_assert_cmpstr (lotse_project_detail_get_project_id (detail), ==, project);
    g_assert_cmpuint (lotse_project_detail_get_n_reports (detail), ==, 1);
    g_assert_cmpuint (n_listed (f), ==, 2);
  }

  /* Organisations and people open in the directory section. */
  {
    g_autofree char *organisation = lotse_test_insert (f->store, "organisation",
                                                       "name=Stadt Gelsenkirchen",
                                                       "kind=municipality", NULL);
    GtkStack *sections = lotse_portfolio_view_get_sections (f->view);

    gtk_stack_set_visible_child_name (sections, "projects");
    gtk_widget_activate_action (GTK_WIDGET (f->window), "win.open-record", "(ss)",
                                "organisation", organisation);
    g_assert_cmpstr (gtk_stack_get_visible_child_name (sections), ==, "directory");
    g_assert_false (lotse_view_open_record (LOTSE_VIEW (f->view), "person",
                                            "00000000-0000-4000-8000-000000000000"));
  }

  g_assert_false (lotse_view_open_record (LOTSE_VIEW (f->view), "project",
                                          "00000000-0000-4000-8000-000000000000"));
  g_assert_false (lotse_view_open_record (LOTSE_VIEW (f->view), "meeting", project));
}

static void
write_file (const char *path,
            const char *contents)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_set_contents (path, contents, -1, &error));
  g_assert_no_error (error);
}

static void
test_csv (Fixture       *f,
          gconstpointer  data)
{
  g_autofree char *bad = g_build_filename (f->dir, "bad.csv", NULL);
  g_autofree char *good = g_build_filename (f->dir, "good.csv", NULL);
  g_autofree char *out = g_build_filename (f->dir, "out.csv", NULL);
  g_autofree char *missing = g_build_filename (f->dir, "missing.csv", NULL);
  g_autofree char *contents = NULL;
  AdwMessageDialog *dialog;

  write_file (bad, "title;status;start_date\nGutes Projekt;running;2026-01-01\nSchlechtes;maybe;2026-13-01\n");
  dialog = lotse_portfolio_csv_import_file (GTK_WINDOW (f->window), f->store, "project", bad);
  g_assert_nonnull (dialog);
  g_assert_cmpint (count (f, "project"), ==, 0);
  gtk_window_destroy (GTK_WINDOW (dialog));

  dialog = lotse_portfolio_csv_import_file (GTK_WINDOW (f->window), f->store, "project", missing);
  g_assert_nonnull (dialog);
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_assert_cmpint (count (f, "project"), ==, 0);

  write_file (good, "title;status\nGutes Projekt;running\nZweites Projekt;planned\n");
  g_assert_null (lotse_portfolio_csv_import_file (GTK_WINDOW (f->window), f->store, "project", good));
  g_assert_cmpint (count (f, "project"), ==, 2);
  g_assert_cmpuint (n_listed (f), ==, 2);

  g_assert_true (lotse_portfolio_csv_export_file (GTK_WINDOW (f->window), f->store, "project", out));
  g_assert_true (g_file_get_contents (out, &contents, NULL, NULL));
  g_assert_nonnull (strstr (contents, "Zweites Projekt"));

  g_assert_true (g_action_group_has_action (G_ACTION_GROUP (f->window), "import-csv"));
  g_assert_true (g_action_group_has_action (G_ACTION_GROUP (f->window), "export-csv"));
  iterate_until_idle ();
}

static void
test_narrow (Fixture       *f,
             gconstpointer  data)
{
  int minimum = 0;
  g_autofree char *id = NULL;

  gtk_widget_activate_action (GTK_WIDGET (f->window), "app.load-demo", NULL);
  iterate_until_idle ();
  screenshot (f, "list-narrow");

  id = create_project (f, "Digitale Ratsarbeit", "Ratsinfo");
  create_milestone (f, "Ausschreibung", "2001-02-01");
  iterate_until_idle ();
  gtk_widget_measure (GTK_WIDGET (f->window), GTK_ORIENTATION_HORIZONTAL, -1, &minimum, NULL, NULL, NULL);
  g_assert_cmpint (minimum, <=, 360);
  g_assert_true (adw_leaflet_get_folded (lotse_portfolio_view_get_leaflet (f->view)));
  g_assert_cmpstr (adw_leaflet_get_visible_child_name (lotse_portfolio_view_get_leaflet (f->view)), ==, "detail");
  screenshot (f, "project-narrow");

  gtk_widget_activate_action (GTK_WIDGET (f->view), "portfolio.back", NULL);
  iterate_until_idle ();
  g_assert_cmpstr (adw_leaflet_get_visible_child_name (lotse_portfolio_view_get_leaflet (f->view)), ==, "sidebar");
}

/* Not a check: pictures for the help and the review, in the language and
 * style the environment sets (LANGUAGE, ADW_DEBUG_COLOR_SCHEME). */
static gboolean
timeline_drawn (gpointer data)
{
  return !lotse_timeline_is_loading (data) && lotse_timeline_get_n_projects (data) > 0 &&
         gtk_widget_get_width (data) > 0;
}

/* Not a check: the list, a project page, its milestones and the timeline
 * over the demo, for the review. LOTSE_TEST_SCREENSHOT_TAG names the
 * language, LOTSE_TEST_SCREENSHOT_DARK=1 takes them dark. */
static void
test_screenshots (Fixture       *f,
                  gconstpointer  data)
{
  const char *tag = g_getenv ("LOTSE_TEST_SCREENSHOT_TAG");
  gboolean dark = g_getenv ("LOTSE_TEST_SCREENSHOT_DARK") != NULL;
  g_autofree char *suffix = NULL;
  g_autofree char *project = NULL;
  g_autofree char *name = NULL;
  GtkStack *sections = lotse_portfolio_view_get_sections (f->view);
  LotseTimeline *timeline;
  int width = GPOINTER_TO_INT (data);

  if (g_getenv ("LOTSE_TEST_SCREENSHOTS") == NULL)
    {
      g_test_skip ("LOTSE_TEST_SCREENSHOTS is not set");
      return;
    }

  suffix = g_strdup_printf ("%d-%s%s", width, tag != NULL ? tag : "C", dark ? "-dark" : "");
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                      dark ? ADW_COLOR_SCHEME_FORCE_DARK : ADW_COLOR_SCHEME_DEFAULT);
  /* Straight into the store: the action's toast would cover the rows. */
  g_assert_true (lotse_demo_load (f->store, NULL, NULL, NULL));
  iterate_until_idle ();

  name = g_strdup_printf ("list-%s", suffix);
  screenshot (f, name);

  /* A running project with partners, reports and an overdue milestone. */
  project = lotse_test_query_text (lotse_store_get_path (f->store),
                                   "SELECT p.id FROM project p JOIN milestone m ON m.project_id = p.id"
                                   " WHERE m.status = 'open' AND m.due_date < date('now')"
                                   " AND p.status = 'running' ORDER BY p.title LIMIT 1");
  g_assert_nonnull (project);
  g_assert_true (lotse_view_open_record (LOTSE_VIEW (f->view), "project", project));
  iterate_until_idle ();
  g_clear_pointer (&name, g_free);
  name = g_strdup_printf ("project-%s", suffix);
  screenshot (f, name);

  /* Further down: the health history and the milestones. */
  lotse_project_detail_focus_history (lotse_portfolio_view_get_detail (f->view));
  g_clear_pointer (&name, g_free);
  name = g_strdup_printf ("history-%s", suffix);
  screenshot (f, name);

  /* The milestones, with the overdue one. */
  {
    g_autofree char *sql = g_strdup_printf ("SELECT id FROM milestone WHERE project_id = '%s' AND status = 'open'"
                                            " AND due_date < date('now') LIMIT 1", project);
    g_autofree char *overdue = lotse_test_query_text (lotse_store_get_path (f->store), sql);

    gtk_widget_grab_focus (lotse_project_detail_get_milestone_row (lotse_portfolio_view_get_detail (f->view),
                                                                   overdue));
    g_clear_pointer (&name, g_free);
    name = g_strdup_printf ("milestones-%s", suffix);
    screenshot (f, name);
  }

  gtk_stack_set_visible_child_name (sections, "timeline");
  timeline = lotse_timeline_panel_get_timeline (LOTSE_TIMELINE_PANEL (gtk_stack_get_child_by_name (sections,
                                                                                                   "timeline")));
  g_assert_true (wait_until (timeline_drawn, timeline));
  g_clear_pointer (&name, g_free);
  name = g_strdup_printf ("timeline-%s", suffix);
  screenshot (f, name);

  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_DEFAULT);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  /* For screenshots in other languages, as build-aux/run.sh does. */
  if (g_getenv ("LOTSE_LOCALEDIR") != NULL)
    {
      /* gtk_test_init() keeps the C locale. */
      setlocale (LC_ALL, "");
      bindtextdomain (GETTEXT_PACKAGE, g_getenv ("LOTSE_LOCALEDIR"));
      bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
      textdomain (GETTEXT_PACKAGE);
    }

  app = lotse_application_new (APPLICATION_ID, G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);

  g_test_add ("/portfolio/sections", Fixture, NULL, fixture_setup, test_sections, fixture_teardown);
  g_test_add ("/portfolio/project/create-edit", Fixture, NULL,
              fixture_setup, test_project_create_edit, fixture_teardown);
  g_test_add ("/portfolio/project/changed-elsewhere", Fixture, NULL,
              fixture_setup, test_project_changed_elsewhere, fixture_teardown);
  g_test_add ("/portfolio/project/delete-undo", Fixture, NULL,
              fixture_setup, test_project_delete_undo, fixture_teardown);
  g_test_add ("/portfolio/project/undo-toast-in-window", Fixture, NULL,
              fixture_setup, test_undo_toast_in_window, fixture_teardown);
  g_test_add ("/portfolio/toast-text", Fixture, NULL,
              fixture_setup, test_toast_text, fixture_teardown);
  g_test_add ("/portfolio/closed-not-overdue", Fixture, NULL,
              fixture_setup, test_closed_not_overdue, fixture_teardown);
  g_test_add ("/portfolio/milestones", Fixture, NULL,
              fixture_setup, test_milestones, fixture_teardown);
  g_test_add ("/portfolio/status-report-partners", Fixture, NULL,
              fixture_setup, test_status_report_and_partners, fixture_teardown);
  g_test_add ("/portfolio/detail-row-buttons", Fixture, NULL,
              fixture_setup, test_detail_row_buttons, fixture_teardown);
  g_test_add ("/portfolio/filter-search", Fixture, NULL,
              fixture_setup, test_filter_search, fixture_teardown);
  g_test_add ("/portfolio/filter-large", Fixture, NULL,
              fixture_setup, test_filter_large, fixture_teardown);
  g_test_add ("/portfolio/locale-order", Fixture, NULL, fixture_setup, test_locale_order,
              fixture_teardown);
  g_test_add ("/portfolio/health-from-report", Fixture, NULL, fixture_setup, test_health_from_report,
              fixture_teardown);
  g_test_add ("/portfolio/filter-keeps-rows", Fixture, NULL,
              fixture_setup, test_filter_keeps_rows, fixture_teardown);
  g_test_add ("/portfolio/open-record", Fixture, NULL,
              fixture_setup, test_open_record, fixture_teardown);
  g_test_add ("/portfolio/csv", Fixture, NULL, fixture_setup, test_csv, fixture_teardown);
  g_test_add ("/portfolio/narrow", Fixture, GINT_TO_POINTER (360),
              fixture_setup, test_narrow, fixture_teardown);

  g_test_add ("/portfolio/screenshots/wide", Fixture, GINT_TO_POINTER (1280),
              fixture_setup, test_screenshots, fixture_teardown);
  g_test_add ("/portfolio/screenshots/widest", Fixture, GINT_TO_POINTER (1920),
              fixture_setup, test_screenshots, fixture_teardown);
  g_test_add ("/portfolio/screenshots/narrow", Fixture, GINT_TO_POINTER (360),
              fixture_setup, test_screenshots, fixture_teardown);

  status = g_test_run ();

  g_clear_object (&app);

  return status;
}
