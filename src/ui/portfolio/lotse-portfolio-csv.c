/* lotse-portfolio-csv.c: CSV import and export from the window's menu
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * "Import CSV…" asks for a file and what it holds (organisations, projects,
 * milestones or status reports), then checks every row with the import's dry run: if any
 * row is bad, a dialog lists the problems by line and nothing is imported;
 * otherwise the rows are written in one transaction and a toast says how
 * many. "Export CSV…" asks for the table and where to save.
 */

#define G_LOG_DOMAIN "lotse-portfolio-csv"

#include "config.h"

#include <glib/gi18n.h>

#include "lotse-portfolio-csv.h"
#include "lotse-widget-util.h"

/* What the menu offers; lotse-csv.c imports exactly these. */
static const struct
{
  const char *table;
  const char *label;
  const char *file_name;
} csv_tables[] = {
  { LOTSE_TABLE_PROJECT, N_("_Projects"), N_("projects.csv") },
  { LOTSE_TABLE_MILESTONE, N_("_Milestones"), N_("milestones.csv") },
  { LOTSE_TABLE_ORGANISATION, N_("_Organisations"), N_("organisations.csv") },
  { LOTSE_TABLE_STATUS_REPORT, N_("_Status Reports"), N_("status-reports.csv") },
};

static void
toast (GtkWindow  *window,
       const char *message)
{
  lotse_widget_show_toast (GTK_WIDGET (window), message);
}

static AdwMessageDialog *
error_dialog (GtkWindow  *window,
              const char *heading,
              const char *body)
{
  AdwMessageDialog *dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (window, heading, body));

  adw_message_dialog_add_response (dialog, "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));

  return dialog;
}

/**
 * lotse_portfolio_csv_import_file:
 * @window: the window for the dialog and the toast
 * @store: the store to import into
 * @table: "project", "milestone" or "organisation"
 * @path: the CSV file
 *
 * Imports all rows of @path, or none when any is bad.
 *
 * Returns: (transfer none) (nullable): the dialog that explains why nothing
 *   was imported, or %NULL after a successful import
 */
AdwMessageDialog *
lotse_portfolio_csv_import_file (GtkWindow  *window,
                                 LotseStore *store,
                                 const char *table,
                                 const char *path)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) errors = NULL;
  g_autofree char *message = NULL;
  guint n_rows = 0;

  g_return_val_if_fail (LOTSE_IS_STORE (store), NULL);

  if (!lotse_csv_import_file (store, table, path, TRUE, &n_rows, &errors, &error))
    return error_dialog (window, _("Nothing Was Imported"), error->message);

  if (errors != NULL && errors[0] != NULL)
    {
      g_autofree char *list = g_strjoinv ("\n", errors);
      AdwMessageDialog *dialog;
      GtkWidget *scrolled = gtk_scrolled_window_new ();
      GtkWidget *label = gtk_label_new (list);
      g_autofree char *body = NULL;
      guint n_errors = g_strv_length (errors);

      body = g_strdup_printf (ngettext ("%u problem in the file; fix it and import again.",
                                        "%u problems in the file; fix them and import again.",
                                        n_errors),
                              n_errors);
      dialog = error_dialog (window, _("Nothing Was Imported"), body);
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_xalign (GTK_LABEL (label), 0.0f);
      gtk_label_set_selectable (GTK_LABEL (label), TRUE);
      gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), label);
      gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER,
                                      GTK_POLICY_AUTOMATIC);
      gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scrolled), 240);
      gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scrolled), TRUE);
      adw_message_dialog_set_extra_child (dialog, scrolled);
      return dialog;
    }

  g_clear_pointer (&errors, g_strfreev);
  if (!lotse_csv_import_file (store, table, path, FALSE, &n_rows, &errors, &error))
    return error_dialog (window, _("Nothing Was Imported"), error->message);

  message = g_strdup_printf (ngettext ("Imported %u row", "Imported %u rows", n_rows), n_rows);
  toast (window, message);

  return NULL;
}

/**
 * lotse_portfolio_csv_export_file:
 * @window: the window for the dialog and the toast
 * @store: the store to export from
 * @table: a table name
 * @path: the file to write
 *
 * Returns: %TRUE if the file was written
 */
gboolean
lotse_portfolio_csv_export_file (GtkWindow  *window,
                                 LotseStore *store,
                                 const char *table,
                                 const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  g_autofree char *name = NULL;
  guint n_rows = 0;

  g_return_val_if_fail (LOTSE_IS_STORE (store), FALSE);

  if (!lotse_csv_export_file (store, table, path, &n_rows, &error))
    {
      error_dialog (window, _("Could Not Export"), error->message);
      return FALSE;
    }

  name = g_path_get_basename (path);
  /* Translators: a toast: the number of rows and the file name */
  message = g_strdup_printf (ngettext ("Exported %u row to “%s”", "Exported %u rows to “%s”", n_rows),
                             n_rows, name);
  toast (window, message);

  return TRUE;
}

typedef struct
{
  GtkWindow  *window;
  char       *table;
  char       *path;
} CsvJob;

static void
csv_job_free (CsvJob *job)
{
  g_clear_object (&job->window);
  g_free (job->table);
  g_free (job->path);
  g_free (job);
}

static LotseStore *
window_store (GtkWindow *window)
{
  return lotse_widget_get_store (GTK_WIDGET (window));
}

/* Asks which table; calls @callback with the response (a table or
 * "cancel"). */
static void
choose_table (GtkWindow  *window,
              const char *heading,
              const char *body,
              GCallback   callback,
              CsvJob     *job)
{
  AdwMessageDialog *dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (window, heading, body));

  adw_message_dialog_add_response (dialog, "cancel", _("_Cancel"));
  for (guint i = 0; i < G_N_ELEMENTS (csv_tables); i++)
    adw_message_dialog_add_response (dialog, csv_tables[i].table, _(csv_tables[i].label));
  adw_message_dialog_set_default_response (dialog, "project");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect_data (dialog, "response", callback, job, (GClosureNotify) G_CALLBACK (csv_job_free), 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_import_table (AdwMessageDialog *dialog,
                 const char       *response,
                 CsvJob           *job)
{
  LotseStore *store = window_store (job->window);

  if (g_str_equal (response, "cancel") || store == NULL)
    return;

  lotse_portfolio_csv_import_file (job->window, store, response, job->path);
}

static void
on_import_file (GtkNativeDialog *chooser,
                int              response,
                GtkWindow       *window)
{
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;
  g_autofree char *name = NULL;
  g_autofree char *body = NULL;
  CsvJob *job;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  g_object_unref (chooser);

  if (file != NULL)
    path = g_file_get_path (file);
  if (path == NULL)
    return;

  job = g_new0 (CsvJob, 1);
  job->window = g_object_ref (window);
  job->path = g_steal_pointer (&path);
  name = g_file_get_basename (file);
  /* Translators: the file name of a CSV file */
  body = g_strdup_printf (_("What does “%s” hold? Every row is checked first; if any is bad, nothing is imported."),
                          name);
  choose_table (window, _("Import CSV"), body, G_CALLBACK (on_import_table), job);
}

static void
import_csv_activated (GSimpleAction *action,
                      GVariant      *parameter,
                      gpointer       user_data)
{
  GtkWindow *window = user_data;
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  chooser = gtk_file_chooser_native_new (_("Import CSV"), window, GTK_FILE_CHOOSER_ACTION_OPEN,
                                         _("_Open"), _("_Cancel"));
  gtk_file_filter_set_name (filter, _("CSV files"));
  gtk_file_filter_add_mime_type (filter, "text/csv");
  gtk_file_filter_add_pattern (filter, "*.csv");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (on_import_file), window);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
on_export_file (GtkNativeDialog *chooser,
                int              response,
                CsvJob          *job)
{
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;
  LotseStore *store = window_store (job->window);

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  if (file != NULL)
    path = g_file_get_path (file);
  if (path != NULL && store != NULL)
    lotse_portfolio_csv_export_file (job->window, store, job->table, path);

  csv_job_free (job);
  g_object_unref (chooser);
}

static void
on_export_table (AdwMessageDialog *dialog,
                 const char       *response,
                 CsvJob           *unused)
{
  GtkWindow *window = gtk_window_get_transient_for (GTK_WINDOW (dialog));
  GtkFileChooserNative *chooser;
  CsvJob *job;

  if (g_str_equal (response, "cancel"))
    return;

  job = g_new0 (CsvJob, 1);
  job->window = g_object_ref (window);
  job->table = g_strdup (response);

  chooser = gtk_file_chooser_native_new (_("Export CSV"), window, GTK_FILE_CHOOSER_ACTION_SAVE,
                                         _("_Save"), _("_Cancel"));
  for (guint i = 0; i < G_N_ELEMENTS (csv_tables); i++)
    if (g_str_equal (csv_tables[i].table, response))
      gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), _(csv_tables[i].file_name));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (on_export_file), job);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
export_csv_activated (GSimpleAction *action,
                      GVariant      *parameter,
                      gpointer       user_data)
{
  GtkWindow *window = user_data;
  CsvJob *job = g_new0 (CsvJob, 1);

  job->window = g_object_ref (window);
  choose_table (window, _("Export CSV"),
                _("Which records? The file opens in spreadsheets and can be imported again."),
                G_CALLBACK (on_export_table), job);
}

/**
 * lotse_portfolio_csv_install_actions:
 * @window: the main window
 *
 * Adds "win.import-csv" and "win.export-csv".
 */
void
lotse_portfolio_csv_install_actions (GtkApplicationWindow *window)
{
  const GActionEntry entries[] = {
    { .name = "import-csv", .activate = import_csv_activated },
    { .name = "export-csv", .activate = export_csv_activated },
  };

  g_return_if_fail (GTK_IS_APPLICATION_WINDOW (window));

  g_action_map_add_action_entries (G_ACTION_MAP (window), entries, G_N_ELEMENTS (entries), window);
}
