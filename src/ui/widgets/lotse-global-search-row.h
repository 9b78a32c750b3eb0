/* lotse-global-search-row.h: one result of the search over all records
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "lotse-core.h"

G_BEGIN_DECLS

#define LOTSE_TYPE_GLOBAL_SEARCH_ROW (lotse_global_search_row_get_type ())

G_DECLARE_FINAL_TYPE (LotseGlobalSearchRow, lotse_global_search_row, LOTSE, GLOBAL_SEARCH_ROW, GtkListBoxRow)

GtkWidget       *lotse_global_search_row_new      (const LotseSearchResult *result,
                                                   const char              *context);
LotseSearchKind  lotse_global_search_row_get_kind (LotseGlobalSearchRow    *self);
GtkWidget       *lotse_global_search_header_new   (const char              *title,
                                                   gboolean                 first);

G_END_DECLS
