/* lotse-sync-button.h: the header bar's sync state and its popover
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "lotse-sync-app.h"

G_BEGIN_DECLS

#define LOTSE_TYPE_SYNC_BUTTON (lotse_sync_button_get_type ())

G_DECLARE_FINAL_TYPE (LotseSyncButton, lotse_sync_button, LOTSE, SYNC_BUTTON, GtkWidget)

GtkWidget        *lotse_sync_button_new         (void);
LotseSyncEngine  *lotse_sync_button_get_engine  (LotseSyncButton  *self);
void              lotse_sync_button_set_engine  (LotseSyncButton  *self,
                                                 LotseSyncEngine  *engine);
void              lotse_sync_button_popup       (LotseSyncButton  *self);

/* For the tests */
GtkMenuButton    *lotse_sync_button_get_menu_button   (LotseSyncButton *self);
GtkLabel         *lotse_sync_button_get_error_label   (LotseSyncButton *self);
GtkLabel         *lotse_sync_button_get_pending_label (LotseSyncButton *self);
GtkLabel         *lotse_sync_button_get_conflicts_label (LotseSyncButton *self);

G_END_DECLS
