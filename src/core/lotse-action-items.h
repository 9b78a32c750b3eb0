/* lotse-action-items.h: action items as work: whose, open, closed together
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "lotse-store.h"

G_BEGIN_DECLS

GPtrArray *lotse_action_items_list_open (LotseStore  *store,
                                         const char  *owner_person_id,
                                         GError     **error);
GPtrArray *lotse_action_items_list_open_for_series (LotseStore  *store,
                                                    const char  *series_id,
                                                    GError     **error);
GPtrArray *lotse_action_items_close     (LotseStore  *store,
                                         const char * const *ids,
                                         GDateTime   *now,
                                         GError     **error);
gboolean   lotse_action_items_restore   (LotseStore  *store,
                                         GPtrArray   *before,
                                         GError     **error);

G_END_DECLS
