/* lotse-sync-app.h: the app's side of the sync engine
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "lotse-core.h"

G_BEGIN_DECLS

LotseSyncEngine *lotse_sync_app_get_engine  (LotseStore     *store);
const char      *lotse_sync_app_state_icon  (LotseSyncState  state);
const char      *lotse_sync_app_state_label (LotseSyncState  state);

G_END_DECLS
