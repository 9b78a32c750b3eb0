/* lotse-sync-blobs.h: moving the files of attachments to and from the server
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "lotse-store.h"

G_BEGIN_DECLS

typedef struct
{
  guint uploaded;
  guint downloaded;
  guint missing;    /* named by rows, on neither this device nor the server yet */
} LotseSyncBlobStats;

void     lotse_sync_blobs_run_async   (LotseStore           *store,
                                       const char           *server_url,
                                       const char           *server_id,
                                       const char           *token,
                                       gboolean              download_all,
                                       const char           *only_sha256,
                                       GCancellable         *cancellable,
                                       GAsyncReadyCallback   callback,
                                       gpointer              user_data);
gboolean lotse_sync_blobs_run_finish  (LotseStore           *store,
                                       GAsyncResult         *result,
                                       LotseSyncBlobStats   *out_stats,
                                       GError              **error);

G_END_DECLS
