/* lotse-csv.h: CSV import and export of projects, milestones, organisations
 * and status reports
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "lotse-store.h"

G_BEGIN_DECLS

/* One record of a CSV file: its cells and the physical line it starts on. */
typedef struct
{
  guint   line;
  GStrv   cells;
} LotseCsvRow;

void       lotse_csv_row_free       (LotseCsvRow  *row);

GPtrArray *lotse_csv_parse          (const char   *data,
                                     gsize         length,
                                     char         *out_separator,
                                     GError      **error);
gboolean   lotse_csv_can_import     (const char   *table);
gboolean   lotse_csv_import         (LotseStore   *store,
                                     const char   *table,
                                     const char   *data,
                                     gsize         length,
                                     gboolean      dry_run,
                                     guint        *out_n_rows,
                                     GStrv        *out_errors,
                                     GError      **error);
gboolean   lotse_csv_import_file    (LotseStore   *store,
                                     const char   *table,
                                     const char   *path,
                                     gboolean      dry_run,
                                     guint        *out_n_rows,
                                     GStrv        *out_errors,
                                     GError      **error);
char      *lotse_csv_export         (LotseStore   *store,
                                     const char   *table,
                                     guint        *out_n_rows,
                                     GError      **error);
char      *lotse_csv_format_table   (const char * const *headers,
                                     GPtrArray    *rows);
gboolean   lotse_csv_export_file    (LotseStore   *store,
                                     const char   *table,
                                     const char   *path,
                                     guint        *out_n_rows,
                                     GError      **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LotseCsvRow, lotse_csv_row_free)

G_END_DECLS
