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

/* A page of GET /v1/sync/pull, read without a JSON tree
 * (lotse-sync-page.c). Strings point into the page. */
typedef struct _LotseSyncPage LotseSyncPage;

typedef struct
{
  const char *table;        /* NULL: missing or not a string */
  const char *id;
  const char *updated_at;
  gint64      rev;
  gboolean    has_rev;      /* rev was an integer */
  int         deleted;      /* -1: missing or not a boolean */
  gboolean    has_fields;   /* fields was an object */
  guint       first_value;
  guint       n_values;
} LotseSyncPageRow;

LotseSyncPage          *lotse_sync_page_parse           (const char             *data,
                                                         gsize                   length,
                                                         GError                **error);
void                    lotse_sync_page_free            (LotseSyncPage          *page);
gboolean                lotse_sync_page_has_rows        (const LotseSyncPage    *page);
guint                   lotse_sync_page_get_n_rows      (const LotseSyncPage    *page);
const LotseSyncPageRow *lotse_sync_page_get_row         (const LotseSyncPage    *page,
                                                         guint                   index);
const LotseSyncValue   *lotse_sync_page_get_value       (const LotseSyncPage    *page,
                                                         const LotseSyncPageRow *row,
                                                         const char             *name);
const LotseSyncValue   *lotse_sync_page_get_nth_value   (const LotseSyncPage    *page,
                                                         const LotseSyncPageRow *row,
                                                         guint                   index);
int                     lotse_sync_page_get_more        (const LotseSyncPage    *page);
const char             *lotse_sync_page_get_next_cursor (const LotseSyncPage    *page);
const char             *lotse_sync_page_get_mark        (const LotseSyncPage    *page);
gint64                  lotse_sync_page_get_fork        (const LotseSyncPage    *page);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LotseSyncPage, lotse_sync_page_free)

char     *lotse_sync_build_push_body      (const char       *device_id,
                                           const char       *cursor,
                                           const char       *known,
                                           GPtrArray        *entries,
                                           gsize             max_bytes,
                                           guint            *out_n_included);
gboolean  lotse_sync_push_next_cursor     (JsonNode         *answer,
                                           const char       *server_id,
                                           gint64            before,
                                           gint64           *out_next,
                                           GError          **error);
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
                                           const LotseSyncPage *page,
                                           gboolean          reconciling,
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

/* Members of an object of the wire form: NULL or FALSE when missing or of
 * another type */
JsonObject *lotse_sync_json_get_object    (JsonObject       *object,
                                           const char       *name);
JsonArray *lotse_sync_json_get_array      (JsonObject       *object,
                                           const char       *name);
const char *lotse_sync_json_get_string    (JsonObject       *object,
                                           const char       *name);
gboolean  lotse_sync_json_get_int         (JsonObject       *object,
                                           const char       *name,
                                           gint64           *out_value);
gboolean  lotse_sync_json_get_bool        (JsonObject       *object,
                                           const char       *name,
                                           gboolean         *out_value);
/* Sets LOTSE_SYNC_ERROR_PROTOCOL naming @detail, what did not fit; returns
 * FALSE */
gboolean  lotse_sync_protocol_error       (GError          **error,
                                           const char       *detail);
/* A field value of the wire form (lotse_record_to_json()) as the store's
 * text */
char     *lotse_sync_value_from_json      (JsonNode         *node);

/* After a restore of the server (lotse-sync-restore.c) */
char     *lotse_sync_marks_add            (const char       *marks,
                                           const char       *mark);
char     *lotse_sync_marks_newest         (const char       *marks);
gboolean  lotse_sync_note_mark            (LotseStore       *store,
                                           const char       *server_id,
                                           const char       *mark,
                                           gint64            fork,
                                           GError          **error);
gboolean  lotse_sync_count_unsyncable     (LotseStore       *store,
                                           gint64           *out_count,
                                           GError          **error);
gboolean  lotse_sync_has_server_rows      (LotseStore       *store,
                                           gboolean         *out_has,
                                           GError          **error);
gboolean  lotse_sync_reconcile_pending    (LotseStore       *store,
                                           gboolean         *out_pending,
                                           GError          **error);
gboolean  lotse_sync_reconcile_begin      (LotseStore       *store,
                                           LotseSyncStateRow *state,
                                           const char       *marks,
                                           gboolean         *out_pending,
                                           GError          **error);
gboolean  lotse_sync_reconcile_check_row  (LotseStore       *store,
                                           const LotseTable *table,
                                           const char       *id,
                                           gint64            rev,
                                           gboolean          deleted,
                                           const LotseSyncValue * const *values,
                                           gboolean         *out_held,
                                           GError          **error);
gboolean  lotse_sync_reconcile_finish     (LotseStore       *store,
                                           const char       *server_id,
                                           guint            *out_restated,
                                           GError          **error);

G_END_DECLS
