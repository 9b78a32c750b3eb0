/* lotse-print.c: exporting and printing the reports from the window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The window actions win.export-milestone-report, win.print-milestone-report,
 * win.export-agenda, win.print-agenda, win.export-minutes and
 * win.print-minutes (the last four take a meeting id), and
 * win.export-finance-overview (a programme's id, "" for all). A report is read and
 * laid out in a worker thread over its own connection to the database, so
 * a large portfolio never blocks a frame; printing then draws the same
 * pages through GtkPrintOperation that the PDF writer draws.
 */

#define G_LOG_DOMAIN "lotse-print"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "lotse-finance-page.h"
#include "lotse-print.h"
#include "lotse-print-private.h"
#include "lotse-window.h"

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
  char            *meeting_id;  /* agenda and minutes */
  Scope            scope;       /* milestone overview */
  Builder          builder;     /* LOTSE_REPORT_TABLE */
  GFile           *file;        /* export: where to write; NULL to print */
} ReportJob;

static void
report_job_free (ReportJob *job)
{
  g_free (job->meeting_id);
  lotse_print_scope_clear (&job->scope);
  builder_clear (&job->builder);
  g_clear_object (&job->file);
  g_free (job);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ReportJob, report_job_free)

/* With the office's tolerance, so that the PDF warns where the app does. */
static LotseReport *
build_finance_overview (LotseStore  *store,
                        const char  *programme_id,
                        GError     **error)
{
  g_autoptr(GSettings) gsettings = g_settings_new (APPLICATION_ID);
  LotseFinanceSettings settings;
  LotseFinanceReportOptions options = { programme_id, &settings, NULL, NULL };

  lotse_finance_page_read_settings (gsettings, &settings);
  return lotse_report_new_finance_overview (store, &options, error);
}

static LotseReport *
build_report (LotseStore  *store,
              ReportJob   *job,
              GError     **error)
{
  LotseMilestoneReportOptions options = lotse_print_scope_to_options (&job->scope);

  if (job->builder.func != NULL)
    return job->builder.func (job->builder.data, error);

  switch (job->kind)
    {
    case LOTSE_REPORT_MILESTONES:
      return lotse_report_new_milestones (store, &options, error);
    case LOTSE_REPORT_AGENDA:
      return lotse_report_new_agenda (store, job->meeting_id, NULL, error);
    case LOTSE_REPORT_MINUTES:
      return lotse_report_new_minutes (store, job->meeting_id, NULL, error);
    case LOTSE_REPORT_FINANCE_OVERVIEW:
      return build_finance_overview (store, options.programme_id, error);
    default:
      g_assert_not_reached ();
    }
}

/* On a worker thread, with the store's reader. */
static gpointer
report_query (LotseStore  *store,
              gpointer     data,
              GError     **error)
{
  ReportJob *job = data;
  g_autoptr(LotseReport) report = NULL;
  g_autofree char *path = NULL;

  report = build_report (store, job, error);
  if (report == NULL)
    return NULL;

  if (job->file != NULL)
    {
      path = g_file_get_path (job->file);
      if (path == NULL)
        {
          g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                               _("Reports can only be saved to local files"));
          return NULL;
        }
      if (!lotse_report_write_pdf (report, path, error))
        return NULL;
    }

  return g_steal_pointer (&report);
}

static void
report_ready (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  LotseReport *report;

  report = lotse_store_reader_run_finish (LOTSE_STORE_READER (object), result, &error);
  if (report == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, report, g_object_unref);
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
  job->meeting_id = g_strdup (meeting_id);
  lotse_print_scope_set (&job->scope, options);
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

  lotse_store_reader_run_async (lotse_store_get_reader (lotse_window_get_store (window)),
                                report_query, job, (GDestroyNotify) report_job_free,
                                g_object_unref, cancellable, report_ready,
                                g_steal_pointer (&task));
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
  lotse_print_scope_clear (&request->scope);
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
          LotseMilestoneReportOptions options = lotse_print_scope_to_options (&request->scope);

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
      (meeting = lotse_store_get (store, LOTSE_TABLE_MEETING, meeting_id, NULL)) == NULL)
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
    case LOTSE_REPORT_FINANCE_OVERVIEW:
      title = _("Export Finance Overview");
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
  lotse_print_scope_set (&request->scope, options);
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
 * @widget: the view, in the main window
 * @build: makes the report, in a worker thread
 * @data: what @build makes the report from; owned by the export
 * @free_data: frees @data
 *
 * Asks where to save a PDF of a report a view makes from what it shows,
 * then writes it as the other exports do.
 */
void
lotse_print_export_built (GtkWidget           *widget,
                          LotsePrintBuildFunc  build,
                          gpointer             data,
                          GDestroyNotify       free_data)
{
  GtkRoot *window = gtk_widget_get_root (widget);
  Builder builder = { build, data, free_data };

  if (!LOTSE_IS_WINDOW (window))
    {
      builder_clear (&builder);
      return;
    }

  ask_and_export (LOTSE_WINDOW (window), LOTSE_REPORT_TABLE, NULL, NULL, &builder);
}

/**
 * lotse_print_print_built:
 *
 * Like lotse_print_export_built(), to the print dialog.
 */
void
lotse_print_print_built (GtkWidget           *widget,
                         LotsePrintBuildFunc  build,
                         gpointer             data,
                         GDestroyNotify       free_data)
{
  GtkRoot *window = gtk_widget_get_root (widget);
  Builder builder = { build, data, free_data };

  if (!LOTSE_IS_WINDOW (window))
    {
      builder_clear (&builder);
      return;
    }

  prepare_and_print (LOTSE_WINDOW (window), LOTSE_REPORT_TABLE, NULL, NULL, &builder);
}

/* The milestone overview, asked for in its dialog (lotse-print-scope.c). */
void
lotse_print_milestones (LotseWindow                       *window,
                        const LotseMilestoneReportOptions *options,
                        gboolean                           print)
{
  if (print)
    prepare_and_print (window, LOTSE_REPORT_MILESTONES, NULL, options, NULL);
  else
    ask_and_export (window, LOTSE_REPORT_MILESTONES, NULL, options, NULL);
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
export_finance_overview (GSimpleAction *action,
                         GVariant      *parameter,
                         gpointer       user_data)
{
  const char *programme_id = g_variant_get_string (parameter, NULL);
  LotseMilestoneReportOptions options = { .programme_id = *programme_id != '\0' ? programme_id : NULL };

  ask_and_export (LOTSE_WINDOW (user_data), LOTSE_REPORT_FINANCE_OVERVIEW, NULL, &options, NULL);
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
    "export-minutes", "print-minutes", "export-finance-overview",
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
    { "export-finance-overview", export_finance_overview, "s", NULL, NULL },
    { "open-report-file", open_report_file, "s", NULL, NULL },
  };

  g_return_if_fail (LOTSE_IS_WINDOW (window));

  g_action_map_add_action_entries (G_ACTION_MAP (window), entries, G_N_ELEMENTS (entries), window);
  update_enabled (window);
  /* The store is a construct property: it arrives after init. */
  g_signal_connect (window, "notify::store", G_CALLBACK (on_store_changed), NULL);
}
