/* lotse-window-private.h: internals for the tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "lotse-window.h"

G_BEGIN_DECLS

/* @name: "portfolio", "jourfixe" or "knowledge" */
GtkWidget    *lotse_window_get_view       (LotseWindow *self,
                                           const char  *name);
AdwViewStack *lotse_window_get_view_stack (LotseWindow *self);
/* The page "views" or, when the database could not be opened, "error" */
GtkStack     *lotse_window_get_main_stack (LotseWindow *self);
/* The popover of the search over all records */
GtkWidget    *lotse_window_get_global_search (LotseWindow *self);

/* The header bar's sync button (LotseSyncButton) */
GtkWidget    *lotse_window_get_sync_button (LotseWindow *self);

G_END_DECLS
