/* lotse-print.h: exporting and printing the reports from the window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "lotse-report.h"
#include "lotse-window.h"

G_BEGIN_DECLS

/* Makes a report in a worker thread from what a view handed over. */
typedef LotseReport *(*LotsePrintBuildFunc) (gpointer   data,
                                             GError   **error);

void     lotse_print_install_actions  (LotseWindow          *window);
void     lotse_print_export_built     (LotseWindow          *window,
                                       LotsePrintBuildFunc   build,
                                       gpointer              data,
                                       GDestroyNotify        free_data);
void     lotse_print_print_built      (LotseWindow          *window,
                                       LotsePrintBuildFunc   build,
                                       gpointer              data,
                                       GDestroyNotify        free_data);
GtkPrintOperation *lotse_print_operation_new (LotseReport   *report);

/* The work behind win.export-*, without the file chooser; for the tests. */
void     lotse_print_export_async     (LotseWindow                       *window,
                                       LotseReportKind                    kind,
                                       const char                        *meeting_id,
                                       const LotseMilestoneReportOptions *options,
                                       GFile                             *file,
                                       GCancellable                      *cancellable,
                                       GAsyncReadyCallback                callback,
                                       gpointer                           user_data);
void     lotse_print_export_built_async (LotseWindow                     *window,
                                       LotsePrintBuildFunc                build,
                                       gpointer                           data,
                                       GDestroyNotify                     free_data,
                                       GFile                             *file,
                                       GCancellable                      *cancellable,
                                       GAsyncReadyCallback                callback,
                                       gpointer                           user_data);
gboolean lotse_print_export_finish    (LotseWindow                       *window,
                                       GAsyncResult                      *result,
                                       GError                           **error);

GtkWidget *lotse_print_milestone_dialog_new         (LotseWindow                 *window,
                                                     gboolean                     print);
gboolean   lotse_print_milestone_dialog_get_options (GtkWidget                   *dialog,
                                                     LotseMilestoneReportOptions *options);

G_END_DECLS
