/* lotse-global-search.h: one search box over all records (Ctrl+K)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "lotse-core.h"

G_BEGIN_DECLS

#define LOTSE_TYPE_GLOBAL_SEARCH (lotse_global_search_get_type ())

G_DECLARE_FINAL_TYPE (LotseGlobalSearch, lotse_global_search, LOTSE, GLOBAL_SEARCH, GtkPopover)

GtkWidget  *lotse_global_search_new       (void);
LotseStore *lotse_global_search_get_store (LotseGlobalSearch *self);
void        lotse_global_search_set_store (LotseGlobalSearch *self,
                                           LotseStore        *store);

G_END_DECLS
