/* lotse-sync-private.h: the parts of the sync client that need no network
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "lotse-store-sync.h"
#include "lotse-sync-client.h"

G_BEGIN_DECLS

/* A row to fetch again after a push: the server applied a change without a
 * new revision at a seq this client's cursor has passed already. */
typedef struct
{
  const char *table;
  char       *id;
} LotseSyncRefetch;

void      lotse_sync_refetch_free         (LotseSyncRefetch *refetch);

char     *lotse_sync_build_push_body      (const char       *device_id,
                                           const char       *cursor,
                                           GPtrArray        *entries,
                                           gsize             max_bytes,
                                           guint            *out_n_included);
gboolean  lotse_sync_apply_push_results   (LotseStore       *store,
                                           GPtrArray        *entries,
                                           JsonNode         *answer,
                                           const char       *server_id,
                                           gint64           *cursor,
                                           GPtrArray        *refetch,
                                           LotseSyncStats   *stats,
                                           GError          **error);
gboolean  lotse_sync_reject_entry         (LotseStore       *store,
                                           LotseOutboxEntry *entry,
                                           JsonObject       *server_error,
                                           GError          **error);
gboolean  lotse_sync_apply_pull_page      (LotseStore       *store,
                                           const char       *server_id,
                                           JsonNode         *answer,
                                           gint64           *out_cursor,
                                           gboolean         *out_more,
                                           LotseSyncStats   *stats,
                                           GError          **error);
gboolean  lotse_sync_apply_history        (LotseStore       *store,
                                           const char       *table,
                                           const char       *id,
                                           JsonNode         *answer,
                                           LotseSyncStats   *stats,
                                           GError          **error);
gboolean  lotse_sync_parse_cursor         (const char       *text,
                                           gint64           *out_seq);

G_END_DECLS
