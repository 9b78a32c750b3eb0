/* lotse-print.c: exporting and printing the reports from the window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The window actions win.export-milestone-report, win.print-milestone-report,
 * win.export-agenda, win.print-agenda, win.export-minutes and
 * win.print-minutes (the last four take a meeting id). A report is read and
 * laid out in a worker thread over its own connection to the database, so
 * a large portfolio never blocks a frame; printing then draws the same
 * pages through GtkPrintOperation that the PDF writer draws.
 */

#define G_LOG_DOMAIN "lotse-print"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "lotse-date-entry.h"
#include "lotse-drop-down.h"
#include "lotse-print.h"

/* What the milestone overview shows, as owned strings (NULL: everything). */
typedef struct
{
  char *programme_id;
  char *from;
  char *to;
} Scope;

static void
scope_set (Scope                             *scope,
           const LotseMilestoneReportOptions *options)
{
  scope->programme_id = options ? g_strdup (options->programme_id) : NULL;
  scope->from = options ? g_strdup (options->from) : NULL;
  scope->to = options ? g_strdup (options->to) : NULL;
}

static void
scope_clear (Scope *scope)
{
  g_clear_pointer (&scope->programme_id, g_free);
  g_clear_pointer (&scope->from, g_free);
  g_clear_pointer (&scope->to, g_free);
}

static void
scope_free (Scope *scope)
{
  scope_clear (scope);
  g_free (scope);
}

static LotseMilestoneReportOptions
scope_to_options (const Scope *scope)
{
  LotseMilestoneReportOptions options = {
    .programme_id = scope->programme_id,
    .from = scope->from,
    .to = scope->to,
  };

  return options;
}

/* A report made by a view from what it shows (the portfolio's table). */
typedef struct
{
  LotsePrintBuildFunc func;
  gpointer            data;
  GDestroyNotify      free_data;
} Builder;

static void
builder_clear (Builder *builder)
{
  if (builder->free_data != NULL && builder->data != NULL)
    builder->free_data (builder->data);
  *builder = (Builder) { NULL, };
}

typedef struct
{
  LotseReportKind  kind;
  char            *db_path;
  char            *meeting_id;  /* agenda and minutes */
  Scope            scope;       /* milestone overview */
  Builder          builder;     /* LOTSE_REPORT_TABLE */
  GFile           *file;        /* export: where to write; NULL to print */
} ReportJob;

static void
report_job_free (ReportJob *job)
{
  g_free (job->db_path);
  g_free (job->meeting_id);
  scope_clear (&job->scope);
  builder_clear (&job->builder);
  g_clear_object (&job->file);
  g_free (job);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ReportJob, report_job_free)

static LotseReport *
build_report (ReportJob  *job,
              GError    **error)
{
  g_autoptr(LotseStore) store = NULL;
  LotseMilestoneReportOptions options = scope_to_options (&job->scope);

  if (job->builder.func != NULL)
    return job->builder.func (job->builder.data, error);

  store = lotse_store_open (job->db_path, error);
  if (store == NULL)
    return NULL;

  switch (job->kind)
    {
    case LOTSE_REPORT_MILESTONES:
      return lotse_report_new_milestones (store, &options, error);
    case LOTSE_REPORT_AGENDA:
      return lotse_report_new_agenda (store, job->meeting_id, NULL, error);
    case LOTSE_REPORT_MINUTES:
      return lotse_report_new_minutes (store, job->meeting_id, NULL, error);
    default:
      g_assert_not_reached ();
    }
}

static void
report_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ReportJob *job = task_data;
  g_autoptr(LotseReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  report = build_report (job, &error);
  if (report == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (g_task_return_error_if_cancelled (task))
    return;

  if (job->file != NULL)
    {
      path = g_file_get_path (job->file);
      if (path == NULL)
        {
          g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                                   _("Reports can only be saved to local files"));
          return;
        }
      if (!lotse_report_write_pdf (report, path, &error))
        {
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }
    }

  g_task_return_pointer (task, g_steal_pointer (&report), g_object_unref);
}

static ReportJob *
report_job_new (LotseWindow                       *window,
                LotseReportKind                    kind,
                const char                        *meeting_id,
                const LotseMilestoneReportOptions *options,
                Builder                           *builder,
                GFile                             *file,
                GError                           **error)
{
  LotseStore *store = lotse_window_get_store (window);
  ReportJob *job;

  if (store == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_INITIALIZED,
                           _("The database is not open"));
      return NULL;
    }

  job = g_new0 (ReportJob, 1);
  job->kind = kind;
  job->db_path = g_strdup (lotse_store_get_path (store));
  job->meeting_id = g_strdup (meeting_id);
  scope_set (&job->scope, options);
  if (builder != NULL)
    {
      job->builder = *builder;
      *builder = (Builder) { NULL, };
    }
  job->file = file != NULL ? g_object_ref (file) : NULL;

  return job;
}

static void
run_report_job (LotseWindow                       *window,
                LotseReportKind                    kind,
                const char                        *meeting_id,
                const LotseMilestoneReportOptions *options,
                Builder                           *builder,
                GFile                             *file,
                gpointer                           source_tag,
                GCancellable                      *cancellable,
                GAsyncReadyCallback                callback,
                gpointer                           user_data)
{
  g_autoptr(GTask) task = g_task_new (window, cancellable, callback, user_data);
  g_autoptr(GError) error = NULL;
  ReportJob *job;

  g_task_set_source_tag (task, source_tag);
  job = report_job_new (window, kind, meeting_id, options, builder, file, &error);
  if (job == NULL)
    {
      if (builder != NULL)
        builder_clear (builder);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_task_set_task_data (task, job, (GDestroyNotify) report_job_free);
  g_task_run_in_thread (task, report_thread);
}

/**
 * lotse_print_export_async:
 * @window: the window whose database to read
 * @kind: which report
 * @meeting_id: (nullable): the meeting, for agenda and minutes
 * @options: (nullable): programme and period, for the milestone overview
 * @file: the PDF to write
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the file is written or writing failed
 * @user_data: for @callback
 *
 * Reads, lays out and writes the report in a worker thread.
 */
void
lotse_print_export_async (LotseWindow                       *window,
                          LotseReportKind                    kind,
                          const char                        *meeting_id,
                          const LotseMilestoneReportOptions *options,
                          GFile                             *file,
                          GCancellable                      *cancellable,
                          GAsyncReadyCallback                callback,
                          gpointer                           user_data)
{
  g_return_if_fail (LOTSE_IS_WINDOW (window));
  g_return_if_fail (G_IS_FILE (file));

  run_report_job (window, kind, meeting_id, options, NULL, file, lotse_print_export_async,
                  cancellable, callback, user_data);
}

/**
 * lotse_print_export_built_async:
 * @window: the window the export belongs to
 * @build: makes the report, in a worker thread
 * @data: what @build makes the report from; owned by the export
 * @free_data: frees @data
 * @file: the PDF to write
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the file is written or writing failed
 * @user_data: for @callback
 *
 * Like lotse_print_export_async() for a report that a view makes from what
 * it shows; finish with lotse_print_export_finish().
 */
void
lotse_print_export_built_async (LotseWindow         *window,
                                LotsePrintBuildFunc  build,
                                gpointer             data,
                                GDestroyNotify       free_data,
                                GFile               *file,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  Builder builder = { build, data, free_data };

  g_return_if_fail (LOTSE_IS_WINDOW (window));
  g_return_if_fail (build != NULL);
  g_return_if_fail (G_IS_FILE (file));

  run_report_job (window, LOTSE_REPORT_TABLE, NULL, NULL, &builder, file,
                  lotse_print_export_async, cancellable, callback, user_data);
}

gboolean
lotse_print_export_finish (LotseWindow   *window,
                           GAsyncResult  *result,
                           GError       **error)
{
  g_autoptr(LotseReport) report = NULL;

  g_return_val_if_fail (g_task_is_valid (result, window), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == lotse_print_export_async, FALSE);

  report = g_task_propagate_pointer (G_TASK (result), error);

  return report != NULL;
}

static void
show_error_toast (LotseWindow  *window,
                  const char   *what,
                  const GError *error)
{
  g_autofree char *message = g_strdup_printf ("%s: %s", what, error->message);
  AdwToast *toast = adw_toast_new (message);

  adw_toast_set_timeout (toast, 0);
  lotse_window_add_toast (window, toast);
}

/* A toast that says the report is being made, until it is. */
static AdwToast *
show_progress_toast (LotseWindow *window)
{
  AdwToast *toast = adw_toast_new (_("Preparing the report…"));

  adw_toast_set_timeout (toast, 0);
  lotse_window_add_toast (window, g_object_ref (toast));

  return toast;
}

static void
dismiss_progress_toast (AdwToast *toast)
{
  adw_toast_dismiss (toast);
  g_object_unref (toast);
}

/* --- export ---------------------------------------------------------------- */

typedef struct
{
  GFile    *file;
  AdwToast *progress;
} PendingExport;

static void
export_done (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  LotseWindow *window = LOTSE_WINDOW (object);
  PendingExport *pending = user_data;
  g_autoptr(GFile) file = pending->file;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  g_autofree char *message = NULL;
  g_autofree char *uri = NULL;
  AdwToast *toast;

  dismiss_progress_toast (pending->progress);
  g_free (pending);

  if (!lotse_print_export_finish (window, result, &error))
    {
      show_error_toast (window, _("The report could not be saved"), error);
      return;
    }

  name = g_file_get_basename (file);
  uri = g_file_get_uri (file);
  /* Translators: %s is a file name */
  message = g_strdup_printf (_("Saved “%s”"), name);
  toast = adw_toast_new (message);
  adw_toast_set_button_label (toast, _("_Open"));
  adw_toast_set_action_name (toast, "win.open-report-file");
  adw_toast_set_action_target_value (toast, g_variant_new_string (uri));
  lotse_window_add_toast (window, toast);
}

typedef struct
{
  LotseWindow     *window;
  LotseReportKind  kind;
  char            *meeting_id;
  Scope            scope;
  Builder          builder;
} ExportRequest;

static void
export_request_free (ExportRequest *request)
{
  g_object_unref (request->window);
  g_free (request->meeting_id);
  scope_clear (&request->scope);
  builder_clear (&request->builder);
  g_free (request);
}

static void
on_chooser_response (GtkNativeDialog *chooser,
                     int              response,
                     gpointer         user_data)
{
  ExportRequest *request = user_data;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      if (file != NULL)
        {
          PendingExport *pending = g_new0 (PendingExport, 1);
          LotseMilestoneReportOptions options = scope_to_options (&request->scope);

          pending->file = g_object_ref (file);
          pending->progress = show_progress_toast (request->window);
          run_report_job (request->window, request->kind, request->meeting_id, &options,
                          request->builder.func != NULL ? &request->builder : NULL, file,
                          lotse_print_export_async, NULL, export_done, pending);
        }
    }

  export_request_free (request);
  g_object_unref (chooser);
}

/* An agenda or minutes is named after the meeting's day in the office,
 * not the day it is exported. */
static char *
meeting_date (LotseWindow *window,
              const char  *meeting_id)
{
  LotseStore *store = lotse_window_get_store (window);
  g_autoptr(LotseRecord) meeting = NULL;
  g_autoptr(GTimeZone) zone = NULL;

  if (store == NULL || meeting_id == NULL ||
      (meeting = lotse_store_get (store, "meeting", meeting_id, NULL)) == NULL)
    return NULL;

  zone = lotse_office_get_time_zone (store);
  return lotse_meeting_get_date (meeting, zone);
}

static void
ask_and_export (LotseWindow                       *window,
                LotseReportKind                    kind,
                const char                        *meeting_id,
                const LotseMilestoneReportOptions *options,
                Builder                           *builder)
{
  g_autofree char *date = meeting_date (window, meeting_id);
  g_autofree char *name = lotse_report_kind_suggest_filename (kind, date);
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  GtkFileChooserNative *chooser;
  ExportRequest *request;
  const char *title;

  switch (kind)
    {
    case LOTSE_REPORT_MILESTONES:
      title = _("Export Milestone Overview");
      break;
    case LOTSE_REPORT_AGENDA:
      title = _("Export Agenda");
      break;
    case LOTSE_REPORT_MINUTES:
      title = _("Export Minutes");
      break;
    case LOTSE_REPORT_TABLE:
      title = _("Export Table as PDF");
      break;
    default:
      g_assert_not_reached ();
    }

  chooser = gtk_file_chooser_native_new (title, GTK_WINDOW (window), GTK_FILE_CHOOSER_ACTION_SAVE,
                                         _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  gtk_file_filter_set_name (filter, _("PDF documents"));
  gtk_file_filter_add_mime_type (filter, "application/pdf");
  gtk_file_filter_add_suffix (filter, "pdf");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);

  request = g_new0 (ExportRequest, 1);
  request->window = g_object_ref (window);
  request->kind = kind;
  request->meeting_id = g_strdup (meeting_id);
  scope_set (&request->scope, options);
  if (builder != NULL)
    {
      request->builder = *builder;
      *builder = (Builder) { NULL, };
    }

  g_signal_connect (chooser, "response", G_CALLBACK (on_chooser_response), request);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* --- print ------------------------------------------------------------------ */

static void
on_draw_page (GtkPrintOperation *operation,
              GtkPrintContext   *context,
              int                page,
              gpointer           user_data)
{
  LotseReport *report = user_data;

  lotse_report_draw_page (report, gtk_print_context_get_cairo_context (context), page,
                          gtk_print_context_get_width (context),
                          gtk_print_context_get_height (context));
}

static void
on_print_done (GtkPrintOperation       *operation,
               GtkPrintOperationResult  result,
               gpointer                 user_data)
{
  LotseWindow *window = user_data;
  g_autoptr(GError) error = NULL;

  if (result == GTK_PRINT_OPERATION_RESULT_ERROR)
    {
      gtk_print_operation_get_error (operation, &error);
      if (error != NULL)
        show_error_toast (window, _("The report could not be printed"), error);
    }

  g_object_unref (operation);
  g_object_unref (window);
}

/**
 * lotse_print_operation_new:
 * @report: the report to print
 *
 * A print operation for @report on A4 in the report's orientation whose
 * pages are drawn by lotse_report_draw_page(), scaled to the printable area.
 *
 * Returns: (transfer full): the operation, not yet run
 */
GtkPrintOperation *
lotse_print_operation_new (LotseReport *report)
{
  GtkPrintOperation *operation = gtk_print_operation_new ();
  g_autoptr(GtkPageSetup) setup = gtk_page_setup_new ();
  g_autoptr(GtkPaperSize) a4 = gtk_paper_size_new (GTK_PAPER_NAME_A4);
  g_autofree char *export_name = lotse_report_suggest_filename (report);

  g_return_val_if_fail (LOTSE_IS_REPORT (report), NULL);

  gtk_page_setup_set_paper_size_and_default_margins (setup, a4);
  gtk_page_setup_set_orientation (setup, lotse_report_is_landscape (report)
                                           ? GTK_PAGE_ORIENTATION_LANDSCAPE
                                           : GTK_PAGE_ORIENTATION_PORTRAIT);
  gtk_print_operation_set_default_page_setup (operation, setup);
  gtk_print_operation_set_unit (operation, GTK_UNIT_POINTS);
  /* The pages have their own margins; the printer's come on top. */
  gtk_print_operation_set_use_full_page (operation, FALSE);
  gtk_print_operation_set_n_pages (operation, lotse_report_get_n_pages (report));
  gtk_print_operation_set_job_name (operation, lotse_report_get_title (report));
  gtk_print_operation_set_export_filename (operation, export_name);
  gtk_print_operation_set_embed_page_setup (operation, TRUE);

  g_signal_connect_data (operation, "draw-page", G_CALLBACK (on_draw_page),
                         g_object_ref (report), (GClosureNotify) g_object_unref, 0);

  return operation;
}

static void
print_report (LotseWindow *window,
              LotseReport *report)
{
  GtkPrintOperation *operation = lotse_print_operation_new (report);

  gtk_print_operation_set_allow_async (operation, TRUE);
  g_signal_connect (operation, "done", G_CALLBACK (on_print_done), g_object_ref (window));

  /* ::done follows in every case, also after an error; it cleans up. */
  gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG,
                           GTK_WINDOW (window), NULL);
}

static void
print_ready (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  LotseWindow *window = LOTSE_WINDOW (object);
  g_autoptr(LotseReport) report = NULL;
  g_autoptr(GError) error = NULL;

  dismiss_progress_toast (user_data);
  report = g_task_propagate_pointer (G_TASK (result), &error);
  if (report == NULL)
    {
      show_error_toast (window, _("The report could not be printed"), error);
      return;
    }

  print_report (window, report);
}

static void
prepare_and_print (LotseWindow                       *window,
                   LotseReportKind                    kind,
                   const char                        *meeting_id,
                   const LotseMilestoneReportOptions *options,
                   Builder                           *builder)
{
  run_report_job (window, kind, meeting_id, options, builder, NULL, prepare_and_print, NULL,
                  print_ready, show_progress_toast (window));
}

/**
 * lotse_print_export_built:
 * @window: the main window
 * @build: makes the report, in a worker thread
 * @data: what @build makes the report from; owned by the export
 * @free_data: frees @data
 *
 * Asks where to save a PDF of a report a view makes from what it shows,
 * then writes it as the other exports do.
 */
void
lotse_print_export_built (LotseWindow         *window,
                          LotsePrintBuildFunc  build,
                          gpointer             data,
                          GDestroyNotify       free_data)
{
  Builder builder = { build, data, free_data };

  g_return_if_fail (LOTSE_IS_WINDOW (window));

  ask_and_export (window, LOTSE_REPORT_TABLE, NULL, NULL, &builder);
}

/**
 * lotse_print_print_built:
 *
 * Like lotse_print_export_built(), to the print dialog.
 */
void
lotse_print_print_built (LotseWindow         *window,
                         LotsePrintBuildFunc  build,
                         gpointer             data,
                         GDestroyNotify       free_data)
{
  Builder builder = { build, data, free_data };

  g_return_if_fail (LOTSE_IS_WINDOW (window));

  prepare_and_print (window, LOTSE_REPORT_TABLE, NULL, NULL, &builder);
}

/* --- the milestone overview's programme and period ---------------------------- */

typedef struct
{
  LotseWindow    *window;
  const char     *response;       /* "export" or "print" */
  GPtrArray      *programme_ids;  /* per row of the combo row; [0] NULL: all */
  AdwComboRow    *programme_row;
  LotseDateEntry *from_entry;
  LotseDateEntry *to_entry;
} ScopeDialog;

static void
scope_dialog_free (ScopeDialog *data)
{
  g_object_unref (data->window);
  g_ptr_array_unref (data->programme_ids);
  g_free (data);
}

/* Whether the period is one: either end open or dates, ending after it
 * starts; @data's entries show why not once the user is done with them. */
static gboolean
scope_dialog_read (ScopeDialog *data,
                   Scope       *scope)
{
  guint selected = adw_combo_row_get_selected (data->programme_row);
  gboolean valid = lotse_date_entry_get_date (data->from_entry, &scope->from, NULL) &&
                   lotse_date_entry_get_date (data->to_entry, &scope->to, NULL);

  scope->programme_id = selected < data->programme_ids->len
                          ? g_strdup (g_ptr_array_index (data->programme_ids, selected)) : NULL;

  return valid && (scope->from == NULL || scope->to == NULL || strcmp (scope->from, scope->to) <= 0);
}

static void
on_scope_changed (ScopeDialog *data)
{
  Scope scope = { NULL, };
  GtkWidget *dialog = gtk_widget_get_ancestor (GTK_WIDGET (data->programme_row), ADW_TYPE_MESSAGE_DIALOG);
  gboolean valid = scope_dialog_read (data, &scope);

  scope_clear (&scope);
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (dialog), data->response, valid);
}

/* A period that ends before it starts shows at its end, once given. */
static void
on_date_given (ScopeDialog *data)
{
  Scope scope = { NULL, };

  if (!scope_dialog_read (data, &scope) && scope.from != NULL && scope.to != NULL)
    lotse_date_entry_set_error (data->to_entry, _("The period ends before it starts"));
  scope_clear (&scope);
}

static void
on_scope_response (AdwMessageDialog *dialog,
                   const char       *response,
                   ScopeDialog      *data)
{
  Scope scope = { NULL, };
  LotseMilestoneReportOptions options;

  if (g_str_equal (response, "cancel") || !scope_dialog_read (data, &scope))
    {
      scope_clear (&scope);
      return;
    }

  options = scope_to_options (&scope);
  if (g_str_equal (response, "print"))
    prepare_and_print (data->window, LOTSE_REPORT_MILESTONES, NULL, &options, NULL);
  else
    ask_and_export (data->window, LOTSE_REPORT_MILESTONES, NULL, &options, NULL);
  scope_clear (&scope);
}

static LotseDateEntry *
add_date_row (GtkWidget   *list,
              const char  *title,
              const char  *name,
              ScopeDialog *data)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *entry = lotse_date_entry_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  lotse_date_entry_set_label (LOTSE_DATE_ENTRY (entry), title);
  gtk_widget_set_name (entry, name);
  gtk_widget_set_valign (entry, GTK_ALIGN_CENTER);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), entry);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), entry);
  gtk_list_box_append (GTK_LIST_BOX (list), row);
  g_signal_connect_swapped (entry, "changed", G_CALLBACK (on_scope_changed), data);
  g_signal_connect_swapped (entry, "activate", G_CALLBACK (on_date_given), data);

  return LOTSE_DATE_ENTRY (entry);
}

/**
 * lotse_print_milestone_dialog_new:
 * @window: the main window
 * @print: whether the dialog leads to printing rather than a PDF file
 *
 * The dialog before exporting or printing the milestone overview: which
 * programme (or all) and which period of due dates (either end open),
 * typed the locale's way or picked from a calendar. Export and Print stay
 * disabled while a date is not a date or the period ends before it
 * starts; the entries say why once the user is done with them.
 *
 * Returns: (transfer floating): the dialog, not yet shown
 */
GtkWidget *
lotse_print_milestone_dialog_new (LotseWindow *window,
                                  gboolean     print)
{
  g_autoptr(GPtrArray) programmes = NULL;
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  ScopeDialog *data = g_new0 (ScopeDialog, 1);
  GtkWidget *dialog;
  GtkWidget *list;

  g_return_val_if_fail (LOTSE_IS_WINDOW (window), NULL);

  data->window = g_object_ref (window);
  data->response = print ? "print" : "export";
  data->programme_ids = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (data->programme_ids, NULL);
  gtk_string_list_append (names, _("All Programmes"));

  programmes = lotse_store_list (lotse_window_get_store (window), "programme", NULL, 0, "name", 0, 0, NULL);
  for (guint i = 0; programmes != NULL && i < programmes->len; i++)
    {
      LotseRecord *programme = g_ptr_array_index (programmes, i);

      g_ptr_array_add (data->programme_ids, g_strdup (lotse_record_get_id (programme)));
      gtk_string_list_append (names, lotse_record_get (programme, "name"));
    }

  dialog = adw_message_dialog_new (GTK_WINDOW (window), _("Milestone Overview"),
                                   _("Choose the programme and the period of due dates to show. "
                                     "Leave a date empty to leave that end open."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    data->response, print ? _("_Print…") : _("_Export…"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), data->response,
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), data->response);
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");

  list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");

  data->programme_row = ADW_COMBO_ROW (adw_combo_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (data->programme_row), _("Programme"));
  adw_combo_row_set_model (data->programme_row, G_LIST_MODEL (names));
  lotse_combo_row_show_full_names (data->programme_row);
  gtk_widget_set_name (GTK_WIDGET (data->programme_row), "programme-row");
  gtk_list_box_append (GTK_LIST_BOX (list), GTK_WIDGET (data->programme_row));

  /* Translators: the first due date the milestone overview shows */
  data->from_entry = add_date_row (list, C_("period", "From"), "from-date", data);
  /* Translators: the last due date the milestone overview shows */
  data->to_entry = add_date_row (list, C_("period", "To"), "to-date", data);

  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), list);

  g_signal_connect_swapped (data->programme_row, "notify::selected", G_CALLBACK (on_scope_changed), data);
  g_signal_connect_data (dialog, "response", G_CALLBACK (on_scope_response), data,
                         (GClosureNotify) scope_dialog_free, 0);
  g_object_set_data (G_OBJECT (dialog), "lotse-scope-dialog", data);

  return dialog;
}

/**
 * lotse_print_milestone_dialog_get_options:
 * @dialog: a dialog of lotse_print_milestone_dialog_new()
 * @options: (out caller-allocates): filled with strings owned by @dialog,
 *   valid until the next call or until @dialog is destroyed
 *
 * Returns: whether the entries are valid; @options is set only then
 */
gboolean
lotse_print_milestone_dialog_get_options (GtkWidget                   *dialog,
                                          LotseMilestoneReportOptions *options)
{
  ScopeDialog *data;
  Scope *scope;

  g_return_val_if_fail (ADW_IS_MESSAGE_DIALOG (dialog), FALSE);

  data = g_object_get_data (G_OBJECT (dialog), "lotse-scope-dialog");
  g_return_val_if_fail (data != NULL, FALSE);

  scope = g_object_get_data (G_OBJECT (dialog), "lotse-scope");
  if (scope == NULL)
    {
      scope = g_new0 (Scope, 1);
      g_object_set_data_full (G_OBJECT (dialog), "lotse-scope", scope, (GDestroyNotify) scope_free);
    }
  scope_clear (scope);

  if (!scope_dialog_read (data, scope))
    return FALSE;

  *options = scope_to_options (scope);
  return TRUE;
}

/* --- actions ------------------------------------------------------------------ */

static void
export_milestone_report (GSimpleAction *action,
                         GVariant      *parameter,
                         gpointer       user_data)
{
  gtk_window_present (GTK_WINDOW (lotse_print_milestone_dialog_new (LOTSE_WINDOW (user_data), FALSE)));
}

static void
print_milestone_report (GSimpleAction *action,
                        GVariant      *parameter,
                        gpointer       user_data)
{
  gtk_window_present (GTK_WINDOW (lotse_print_milestone_dialog_new (LOTSE_WINDOW (user_data), TRUE)));
}

static void
export_agenda (GSimpleAction *action,
               GVariant      *parameter,
               gpointer       user_data)
{
  ask_and_export (LOTSE_WINDOW (user_data), LOTSE_REPORT_AGENDA, g_variant_get_string (parameter, NULL),
                  NULL, NULL);
}

static void
print_agenda (GSimpleAction *action,
              GVariant      *parameter,
              gpointer       user_data)
{
  prepare_and_print (LOTSE_WINDOW (user_data), LOTSE_REPORT_AGENDA, g_variant_get_string (parameter, NULL),
                     NULL, NULL);
}

static void
export_minutes (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  ask_and_export (LOTSE_WINDOW (user_data), LOTSE_REPORT_MINUTES, g_variant_get_string (parameter, NULL),
                  NULL, NULL);
}

static void
print_minutes (GSimpleAction *action,
               GVariant      *parameter,
               gpointer       user_data)
{
  prepare_and_print (LOTSE_WINDOW (user_data), LOTSE_REPORT_MINUTES, g_variant_get_string (parameter, NULL),
                     NULL, NULL);
}

static void
open_report_file (GSimpleAction *action,
                  GVariant      *parameter,
                  gpointer       user_data)
{
  gtk_show_uri (GTK_WINDOW (user_data), g_variant_get_string (parameter, NULL), GDK_CURRENT_TIME);
}

static void
update_enabled (LotseWindow *window)
{
  static const char * const names[] = {
    "export-milestone-report", "print-milestone-report", "export-agenda", "print-agenda",
    "export-minutes", "print-minutes",
  };
  gboolean enabled = lotse_window_get_store (window) != NULL;

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      GAction *action = g_action_map_lookup_action (G_ACTION_MAP (window), names[i]);

      g_simple_action_set_enabled (G_SIMPLE_ACTION (action), enabled);
    }
}

static void
on_store_changed (LotseWindow *window,
                  GParamSpec  *pspec,
                  gpointer     user_data)
{
  update_enabled (window);
}

/**
 * lotse_print_install_actions:
 * @window: the main window
 *
 * Adds the export and print actions of the reports to @window. They are
 * enabled while the window has a database.
 */
void
lotse_print_install_actions (LotseWindow *window)
{
  static const GActionEntry entries[] = {
    { "export-milestone-report", export_milestone_report, NULL, NULL, NULL },
    { "print-milestone-report", print_milestone_report, NULL, NULL, NULL },
    { "export-agenda", export_agenda, "s", NULL, NULL },
    { "print-agenda", print_agenda, "s", NULL, NULL },
    { "export-minutes", export_minutes, "s", NULL, NULL },
    { "print-minutes", print_minutes, "s", NULL, NULL },
    { "open-report-file", open_report_file, "s", NULL, NULL },
  };

  g_return_if_fail (LOTSE_IS_WINDOW (window));

  g_action_map_add_action_entries (G_ACTION_MAP (window), entries, G_N_ELEMENTS (entries), window);
  update_enabled (window);
  /* The store is a construct property: it arrives after init. */
  g_signal_connect (window, "notify::store", G_CALLBACK (on_store_changed), NULL);
}
