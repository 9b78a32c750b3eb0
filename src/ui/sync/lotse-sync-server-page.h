/* lotse-sync-server-page.h: the "Server" page of the preferences
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "lotse-sync-app.h"

G_BEGIN_DECLS

#define LOTSE_TYPE_SYNC_SERVER_PAGE (lotse_sync_server_page_get_type ())

G_DECLARE_FINAL_TYPE (LotseSyncServerPage, lotse_sync_server_page,
                      LOTSE, SYNC_SERVER_PAGE, AdwPreferencesPage)

GtkWidget *lotse_sync_server_page_new              (LotseSyncEngine     *engine);

/* For the tests */
AdwEntryRow *lotse_sync_server_page_get_url_row      (LotseSyncServerPage *self);
AdwEntryRow *lotse_sync_server_page_get_user_row     (LotseSyncServerPage *self);
AdwEntryRow *lotse_sync_server_page_get_password_row (LotseSyncServerPage *self);
GtkButton   *lotse_sync_server_page_get_connect_button (LotseSyncServerPage *self);
GtkButton   *lotse_sync_server_page_get_sign_out_button (LotseSyncServerPage *self);
GtkLabel    *lotse_sync_server_page_get_error_label  (LotseSyncServerPage *self);
gboolean     lotse_sync_server_page_get_working      (LotseSyncServerPage *self);
AdwMessageDialog *lotse_sync_server_page_get_trust_dialog (LotseSyncServerPage *self);

G_END_DECLS
