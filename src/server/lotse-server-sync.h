/* lotse-server-sync.h: push with three-way merge, pull and history
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "lotse-server-request.h"
#include "lotse-server-storage.h"

G_BEGIN_DECLS

/* Called between the steps of a push, for tests that kill the server. */
typedef enum
{
  LOTSE_SERVER_FAULT_BEFORE_COMMIT,
  LOTSE_SERVER_FAULT_AFTER_COMMIT,
} LotseServerFaultPoint;

typedef void (*LotseServerFaultFunc) (LotseServerFaultPoint point,
                                      gpointer              user_data);

/* Both return the JSON text of the answer. */
char     *lotse_server_sync_push    (LotseServerStorage        *storage,
                                     const LotseServerSession  *session,
                                     const LotseServerPush     *push,
                                     LotseServerFaultFunc       fault_func,
                                     gpointer                   fault_data,
                                     LotseServerError         **out_refused,
                                     GError                   **error);
/* NULL with *out_error set for a refused cursor (410) or storage failure. */
char     *lotse_server_sync_pull    (LotseServerStorage        *storage,
                                     const LotseServerPull     *pull,
                                     gboolean                  *out_more,
                                     LotseServerError         **out_error);
LotseServerError *lotse_server_storage_failure (const GError *error);
JsonNode *lotse_server_sync_history (LotseServerStorage        *storage,
                                     const LotseTable          *table,
                                     const char                *id,
                                     LotseServerError         **out_error);

G_END_DECLS
