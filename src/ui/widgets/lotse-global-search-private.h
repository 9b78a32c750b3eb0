/* lotse-global-search-private.h: internals for the tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "lotse-global-search.h"

G_BEGIN_DECLS

GtkEditable *lotse_global_search_get_entry     (LotseGlobalSearch *self);
GtkListBox  *lotse_global_search_get_list_box  (LotseGlobalSearch *self);
/* "hint", "empty" or "results"; NULL while a search runs */
const char  *lotse_global_search_get_state     (LotseGlobalSearch *self);
/* The table and id a row opens */
const char  *lotse_global_search_row_get_table (GtkListBoxRow     *row);
const char  *lotse_global_search_row_get_id    (GtkListBoxRow     *row);
/* The line under a result's title: its kind and where it belongs */
char        *lotse_global_search_describe      (const LotseSearchResult *result,
                                               GTimeZone               *zone);
const char  *lotse_global_search_row_get_context (GtkListBoxRow   *row);

G_END_DECLS
