/* test-report-ui.c: the window's export and print actions
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs under Xvfb. Builds the real window over a temporary database with
 * the demo programme, exports through the same code the actions run after
 * their file chooser, and prints through GtkPrintOperation into a PDF.
 */

#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "lotse-application.h"
#include "lotse-print.h"
#include "lotse-test-helpers.h"
#include "lotse-window.h"
#include "test-report-pdf.h"

#define WAIT_USEC (30 * G_USEC_PER_SEC)

static LotseApplication *app;

typedef struct
{
  char        *dir;
  LotseStore  *store;
  LotseWindow *window;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->store = lotse_test_open_store (&fixture->dir);
  /* On the day its data are written for: the meetings are named as below. */
  lotse_demo_load (fixture->store, "2026-11-22", NULL, &error);
  g_assert_no_error (error);
  fixture->window = lotse_window_new (GTK_APPLICATION (app), fixture->store);
  gtk_window_present (GTK_WINDOW (fixture->window));
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  while (g_main_context_pending (NULL))
    g_main_context_iteration (NULL, FALSE);
  g_clear_object (&fixture->store);
  lotse_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
}

static void
test_actions (Fixture       *fixture,
              gconstpointer  data)
{
  GActionGroup *group = G_ACTION_GROUP (fixture->window);
  const struct { const char *name; const char *parameter; } actions[] = {
    { "export-milestone-report", NULL },
    { "print-milestone-report", NULL },
    { "export-agenda", "s" },
    { "print-agenda", "s" },
    { "export-minutes", "s" },
    { "print-minutes", "s" },
    { "export-finance-overview", "s" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (actions); i++)
    {
      const GVariantType *type = NULL;

      g_assert_true (g_action_group_has_action (group, actions[i].name));
      g_assert_true (g_action_group_get_action_enabled (group, actions[i].name));
      type = g_action_group_get_action_parameter_type (group, actions[i].name);
      if (actions[i].parameter == NULL)
        g_assert_null (type);
      else
        g_assert_cmpstr (g_variant_type_peek_string (type), ==, actions[i].parameter);
    }
}

/* Without a database there is nothing to export or print. */
static void
test_actions_without_database (void)
{
  LotseWindow *window = lotse_window_new (GTK_APPLICATION (app), NULL);
  g_assert_true (g_action_group_has_action (G_ACTION_GROUP (window), "export-milestone-report"));
  g_assert_false (g_action_group_get_action_enabled (G_ACTION_GROUP (window), "export-milestone-report"));
  g_assert_false (g_action_group_get_action_enabled (G_ACTION_GROUP (window), "print-agenda"));
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
on_exported (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  GError **error = user_data;
  gboolean ok = lotse_print_export_finish (LOTSE_WINDOW (object), result, error);

  g_assert_true (ok == (*error == NULL));
  g_object_set_data (object, "test-done", GINT_TO_POINTER (1));
}

/* Exports and iterates the main context (the UI stays live) until done. */
static gboolean
export_with (Fixture                           *fixture,
             LotseReportKind                    kind,
             const char                        *meeting_id,
             const LotseMilestoneReportOptions *options,
             const char                        *path,
             GError                           **error)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  gint64 deadline = g_get_monotonic_time () + WAIT_USEC;

  g_object_set_data (G_OBJECT (fixture->window), "test-done", NULL);
  lotse_print_export_async (fixture->window, kind, meeting_id, options, file, NULL, on_exported, error);
  while (g_object_get_data (G_OBJECT (fixture->window), "test-done") == NULL)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, TRUE);
    }

  return *error == NULL;
}

static gboolean
export (Fixture          *fixture,
        LotseReportKind   kind,
        const char       *meeting_id,
        const char       *path,
        GError          **error)
{
  return export_with (fixture, kind, meeting_id, NULL, path, error);
}

static GtkWidget *
find_named (GtkWidget  *widget,
            const char *name)
{
  if (g_strcmp0 (gtk_widget_get_name (widget), name) == 0)
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_named (child, name);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static GtkWidget *
find_dialog (LotseWindow *window)
{
  g_autoptr(GList) toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (ADW_IS_MESSAGE_DIALOG (l->data) &&
        gtk_window_get_transient_for (l->data) == GTK_WINDOW (window))
      return l->data;

  return NULL;
}

/* The export action asks for the programme and the period first; a date
 * that is no date, or a period that ends before it starts, keeps Export
 * disabled; the choice narrows the PDF. */
static void
test_milestone_dialog (Fixture       *fixture,
                       gconstpointer  data)
{
  const char *db = lotse_store_get_path (fixture->store);
  g_autofree char *path = g_build_filename (fixture->dir, "Emscher-Lippe.pdf", NULL);
  g_autofree char *programme = lotse_test_query_text (db,
    "SELECT id FROM programme WHERE name LIKE '%Emscher-Lippe%'");
  g_autofree char *name = lotse_test_query_text (db,
    "SELECT name FROM programme WHERE name LIKE '%Emscher-Lippe%'");
  g_autofree char *position_sql = g_strdup_printf (
    "SELECT count(*) FROM programme WHERE NOT deleted AND name < '%s'", name);
  g_autofree char *other = lotse_test_query_text (db,
    "SELECT p.acronym FROM project p JOIN programme g ON g.id = p.programme_id "
    "WHERE g.name NOT LIKE '%Emscher-Lippe%' AND length (p.acronym) > 4 ORDER BY p.acronym LIMIT 1");
  g_autofree char *text = NULL;
  g_autofree char *normalized = NULL;
  g_autoptr(GError) error = NULL;
  LotseMilestoneReportOptions options = { 0, };
  GtkWidget *dialog;
  GListModel *model;
  GtkWidget *from;
  GtkWidget *to;

  g_action_group_activate_action (G_ACTION_GROUP (fixture->window), "export-milestone-report", NULL);
  while (g_main_context_pending (NULL))
    g_main_context_iteration (NULL, FALSE);
  dialog = find_dialog (fixture->window);
  g_assert_nonnull (dialog);
  g_assert_true (gtk_widget_get_visible (dialog));

  /* "All programmes" and one row per programme, by name. */
  model = adw_combo_row_get_model (ADW_COMBO_ROW (find_named (dialog, "programme-row")));
  g_assert_cmpint (g_list_model_get_n_items (model), ==,
                   1 + lotse_test_query_int (db, "SELECT count(*) FROM programme WHERE NOT deleted"));
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (find_named (dialog, "programme-row"))), ==, 0);
  adw_combo_row_set_selected (ADW_COMBO_ROW (find_named (dialog, "programme-row")),
                              1 + lotse_test_query_int (db, position_sql));

  /* Typed dates, marked wrong once given (Enter). */
  from = find_named (dialog, "from-date");
  to = find_named (dialog, "to-date");
  gtk_editable_set_text (GTK_EDITABLE (from), "2026-13-40");
  g_assert_false (lotse_print_milestone_dialog_get_options (dialog, &options));
  g_assert_false (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "export"));
  g_assert_false (gtk_widget_has_css_class (from, "error"));
  g_signal_emit_by_name (gtk_editable_get_delegate (GTK_EDITABLE (from)), "activate");
  g_assert_true (gtk_widget_has_css_class (from, "error"));

  gtk_editable_set_text (GTK_EDITABLE (from), "2026-01-01");
  gtk_editable_set_text (GTK_EDITABLE (to), "2025-12-31");
  g_signal_emit_by_name (gtk_editable_get_delegate (GTK_EDITABLE (to)), "activate");
  g_assert_false (gtk_widget_has_css_class (from, "error"));
  g_assert_true (gtk_widget_has_css_class (to, "error"));
  g_assert_false (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "export"));

  gtk_editable_set_text (GTK_EDITABLE (to), " 2026-12-31 ");
  g_assert_true (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "export"));
  g_assert_true (lotse_print_milestone_dialog_get_options (dialog, &options));
  g_assert_cmpstr (options.programme_id, ==, programme);
  g_assert_cmpstr (options.from, ==, "2026-01-01");
  g_assert_cmpstr (options.to, ==, "2026-12-31");

  g_assert_true (export_with (fixture, LOTSE_REPORT_MILESTONES, NULL, &options, path, &error));
  g_assert_no_error (error);
  text = lotse_test_pdf_text (path, 1, 1);
  normalized = lotse_test_pdf_normalize (text);
  lotse_test_pdf_assert_contains (normalized, "Emscher-Lippe");
  lotse_test_pdf_assert_contains (normalized, "2026");
  g_clear_pointer (&text, g_free);
  text = lotse_test_pdf_text (path, 1, lotse_test_pdf_pages (path));
  g_assert_nonnull (other);
  g_assert_null (strstr (text, other));

  gtk_window_close (GTK_WINDOW (dialog));
  while (g_main_context_pending (NULL))
    g_main_context_iteration (NULL, FALSE);
  g_assert_null (find_dialog (fixture->window));
}

static void
test_export (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (fixture->dir, "Milestones.pdf", NULL);
  g_autofree char *minutes = g_build_filename (fixture->dir, "Minutes.pdf", NULL);
  g_autofree char *missing = g_build_filename (fixture->dir, "Agenda.pdf", NULL);
  g_autofree char *uuid = lotse_new_uuid ();
  g_autofree char *meeting = lotse_test_query_text (lotse_store_get_path (fixture->store),
                                                    "SELECT id FROM meeting WHERE title = 'Jour fixe 10.11.2026'");
  g_autofree char *text = NULL;
  g_autofree char *normalized = NULL;

  g_assert_true (export (fixture, LOTSE_REPORT_MILESTONES, NULL, path, &error));
  g_assert_no_error (error);
  g_assert_cmpint (lotse_test_pdf_pages (path), >, 3);
  lotse_test_pdf_assert_fonts_embedded (path);
  text = lotse_test_pdf_text (path, 1, 1);
  normalized = lotse_test_pdf_normalize (text);
  lotse_test_pdf_assert_contains (normalized, "Milestone overview");

  g_assert_true (export (fixture, LOTSE_REPORT_MINUTES, meeting, minutes, &error));
  g_assert_cmpint (lotse_test_pdf_pages (minutes), >=, 1);

  g_assert_false (export (fixture, LOTSE_REPORT_AGENDA, uuid, missing, &error));
  g_assert_error (error, LOTSE_ERROR, LOTSE_ERROR_NOT_FOUND);
  g_assert_false (g_file_test (missing, G_FILE_TEST_EXISTS));
}

/* Printing draws the same pages: print them to a PDF file and read it. */
static void
test_print_operation (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LotseReport) report = lotse_report_new_milestones (fixture->store, NULL, &error);
  g_autoptr(GtkPrintOperation) operation = NULL;
  g_autofree char *path = g_build_filename (fixture->dir, "printed.pdf", NULL);
  g_autofree char *expected = NULL;
  g_autofree char *text = NULL;
  GtkPrintOperationResult result;
  guint n_pages;

  g_assert_no_error (error);
  n_pages = lotse_report_get_n_pages (report);
  operation = lotse_print_operation_new (report);
  gtk_print_operation_set_export_filename (operation, path);
  result = gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_EXPORT, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (result, ==, GTK_PRINT_OPERATION_RESULT_APPLY);

  g_assert_cmpint (lotse_test_pdf_pages (path), ==, n_pages);
  text = lotse_test_pdf_text (path, n_pages, n_pages);
  expected = g_strdup_printf ("Page %u of %u", n_pages, n_pages);
  g_assert_nonnull (strstr (text, expected));
  lotse_test_pdf_assert_fonts_embedded (path);
}

static char *
shown_sum (Fixture    *fixture,
           const char *sql)
{
  g_autofree char *cents = g_strdup_printf ("%" G_GINT64_FORMAT,
                                            lotse_test_query_int (lotse_store_get_path (fixture->store), sql));
  g_autofree char *amount = lotse_format_money (cents);

  return lotse_test_pdf_normalize (amount);
}

/* The demo's programme with the most expenditures exported as the
 * finance overview: its total row holds the planned and spent money SQL
 * sums over its projects. */
static void
test_finance_overview (Fixture       *fixture,
                       gconstpointer  data)
{
  const char *db = lotse_store_get_path (fixture->store);
  g_autofree char *programme = lotse_test_query_text (db, "SELECT p.programme_id FROM expenditure e"
                                                      " JOIN project p ON p.id = e.project_id WHERE e.deleted = 0"
                                                      " GROUP BY p.programme_id ORDER BY count(*) DESC LIMIT 1");
  g_autofree char *path = g_build_filename (fixture->dir, "overview.pdf", NULL);
  g_autofree char *of = g_strdup_printf ("project_id IN (SELECT id FROM project WHERE deleted = 0 AND programme_id = '%s')",
                                         programme);
  g_autofree char *planned_sql = g_strdup_printf ("SELECT sum(planned_cents) FROM budget_line WHERE deleted = 0 AND %s", of);
  g_autofree char *spent_sql = g_strdup_printf ("SELECT sum(amount_cents) FROM expenditure WHERE deleted = 0 AND %s", of);
  g_autofree char *planned = shown_sum (fixture, planned_sql);
  g_autofree char *spent = shown_sum (fixture, spent_sql);
  g_autofree char *total = g_strconcat (planned, spent, NULL);
  LotseMilestoneReportOptions options = { .programme_id = programme };
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *raw = NULL;
  g_autofree char *size = NULL;

  g_assert_cmpint (lotse_test_query_int (db, spent_sql), >, 0);
  g_assert_true (export_with (fixture, LOTSE_REPORT_FINANCE_OVERVIEW, NULL, &options, path, &error));
  g_assert_no_error (error);
  raw = lotse_test_pdf_text (path, 1, -1);
  text = lotse_test_pdf_normalize (raw);
  g_test_message ("%s", raw);
  lotse_test_pdf_assert_contains (text, "Programme total");
  lotse_test_pdf_assert_contains (text, total);
  /* Landscape A4: eight columns of amounts. */
  size = lotse_test_pdf_info (path, "Page size");
  g_assert_cmpstr (size, ==, "841.89 x 595.276 pts (A4)");
}

int
main (int    argc,
      char **argv)
{
  g_unsetenv ("LANGUAGE");
  g_autoptr(GError) error = NULL;
  int status;

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  /* Non-unique, so a running Lotse does not take the tests' windows. */
  app = lotse_application_new (APPLICATION_ID, G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);

  g_test_add ("/report/ui/actions", Fixture, NULL, fixture_set_up, test_actions, fixture_tear_down);
  g_test_add_func ("/report/ui/actions-without-database", test_actions_without_database);
  g_test_add ("/report/ui/export", Fixture, NULL, fixture_set_up, test_export, fixture_tear_down);
  g_test_add ("/report/ui/finance-overview", Fixture, NULL, fixture_set_up, test_finance_overview,
              fixture_tear_down);
  g_test_add ("/report/ui/milestone-dialog", Fixture, NULL, fixture_set_up, test_milestone_dialog,
              fixture_tear_down);
  g_test_add ("/report/ui/print-operation", Fixture, NULL, fixture_set_up, test_print_operation,
              fixture_tear_down);

  status = g_test_run ();
  g_clear_object (&app);

  return status;
}
