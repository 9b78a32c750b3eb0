/* lotse-conflict-window.h: the list of open conflicts and their resolution
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "lotse-sync-app.h"

G_BEGIN_DECLS

#define LOTSE_TYPE_CONFLICT_WINDOW (lotse_conflict_window_get_type ())

G_DECLARE_FINAL_TYPE (LotseConflictWindow, lotse_conflict_window, LOTSE, CONFLICT_WINDOW, AdwWindow)

LotseConflictWindow *lotse_conflict_window_new       (LotseSyncEngine     *engine);
/* Shows one conflict's resolution view; FALSE if it is not open */
gboolean             lotse_conflict_window_show_conflict (LotseConflictWindow *self,
                                                      const char          *conflict_id);

/* For the tests */
GtkListBox          *lotse_conflict_window_get_list  (LotseConflictWindow *self);
/* The choice of a conflicting field in the open resolution view */
void                 lotse_conflict_window_choose    (LotseConflictWindow *self,
                                                      const char          *field,
                                                      LotseSyncTake        take);
void                 lotse_conflict_window_edit      (LotseConflictWindow *self,
                                                      const char          *field,
                                                      const char          *text);
const char          *lotse_conflict_window_get_diff  (LotseConflictWindow *self,
                                                      const char          *field);
gboolean             lotse_conflict_window_apply     (LotseConflictWindow *self,
                                                      GError             **error);
gboolean             lotse_conflict_window_take      (LotseConflictWindow *self,
                                                      LotseSyncTake        take,
                                                      GError             **error);

G_END_DECLS
