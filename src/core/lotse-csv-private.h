/* lotse-csv-private.h: what the CSV reader, import and export share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "lotse-csv.h"

G_BEGIN_DECLS

/* What a text cell must not begin with (see lotse-csv.c): a formula's
 * first characters, and the quote that marks the others. */
#define LOTSE_CSV_NEUTRALISED "=+-@\t\r'"

char     *lotse_csv_line_message (guint        line,
                                  const char  *message);
gboolean  lotse_csv_check_table  (const char  *table,
                                  GError     **error);

G_END_DECLS
