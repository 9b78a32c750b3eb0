/* lotse-store-sync.h: the store's side of sync (outbox, remote rows,
 * conflicts, sync state)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * These functions write inside a transaction the caller opened with
 * lotse_store_begin(); the sync client applies a whole server answer in
 * one transaction.
 */

#pragma once

#include <json-glib/json-glib.h>

#include "lotse-store.h"

G_BEGIN_DECLS

/* A value of a pulled row (lotse-sync-page.c). */
typedef enum
{
  LOTSE_SYNC_VALUE_NULL,
  LOTSE_SYNC_VALUE_STRING,
  LOTSE_SYNC_VALUE_INT,
  LOTSE_SYNC_VALUE_DOUBLE,
  LOTSE_SYNC_VALUE_BOOL,
  LOTSE_SYNC_VALUE_OTHER,   /* an object or array */
} LotseSyncValueKind;

typedef struct
{
  const char         *name;
  LotseSyncValueKind  kind;
  const char         *text;    /* STRING */
  gint64              number;  /* INT, BOOL */
  double              real;    /* DOUBLE */
} LotseSyncValue;

/* One row of the outbox: a local write not yet acknowledged by the server. */
typedef struct
{
  gint64      seq;
  char       *op_id;
  const char *table;       /* static schema name */
  char       *row_id;
  gint64      base_rev;
  gboolean    deleted;
  char       *fields_json; /* a JSON object of the changed fields */
  gint64      fork;        /* -1; for a row restated after a restore (all
                            * its fields), the seq both histories share */
} LotseOutboxEntry;

void        lotse_outbox_entry_free            (LotseOutboxEntry *entry);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LotseOutboxEntry, lotse_outbox_entry_free)

/* What the client remembers of one server. */
typedef struct
{
  char   *server_id;
  char   *server_url;
  char   *device_id;
  char   *user_name;
  gint64  cursor;
  char   *last_success;
  char   *marks;          /* "<seq>:<digest>" …, newest first, or NULL */
  gint64  fork;           /* -1 unless restating and the fork is known */
  gboolean rows_checked;  /* no row was found that sync would never send */
} LotseSyncStateRow;

void        lotse_sync_state_row_free          (LotseSyncStateRow *row);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LotseSyncStateRow, lotse_sync_state_row_free)

/* One stored conflict; the JSON texts are as written by the sync client. */
typedef struct
{
  char       *id;
  char       *op_id;
  const char *table;       /* static schema name */
  char       *row_id;
  char       *fields_json; /* array of the conflicting field names */
  char       *mine_json;   /* {"deleted","fields","changed","changed_at"} */
  char       *theirs_json; /* {"rev","deleted","fields","user","committed_at"} or "null" */
  char       *base_json;   /* {"rev","deleted","fields"} or "null" */
  gint64      theirs_rev;
  char       *created_at;
  char       *resolved_at;
  char       *resolution;
  char       *error;       /* why the server rejected the change, or NULL */
} LotseConflict;

void        lotse_conflict_free                (LotseConflict    *conflict);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LotseConflict, lotse_conflict_free)

/* Outbox */
GPtrArray  *lotse_store_sync_read_outbox       (LotseStore        *self,
                                                guint              limit,
                                                GError           **error);
GPtrArray  *lotse_store_sync_read_outbox_except (LotseStore       *self,
                                                 guint             limit,
                                                 GPtrArray        *sent,
                                                 GError          **error);
gboolean    lotse_store_sync_remove_outbox     (LotseStore        *self,
                                                const char        *op_id,
                                                GError           **error);
GPtrArray  *lotse_store_sync_outbox_for_row    (LotseStore        *self,
                                                const char        *table,
                                                const char        *row_id,
                                                GError           **error);
gboolean    lotse_store_sync_row_has_outbox    (LotseStore        *self,
                                                const char        *table,
                                                const char        *row_id,
                                                gboolean          *has_outbox,
                                                GError           **error);
gboolean    lotse_store_sync_rebase_outbox     (LotseStore        *self,
                                                const char        *table,
                                                const char        *row_id,
                                                gint64             base_rev,
                                                GError           **error);

/* Rows */
LotseRecord *lotse_store_sync_get_row          (LotseStore        *self,
                                                const char        *table,
                                                const char        *id,
                                                GError           **error);
gboolean    lotse_store_sync_find_row          (LotseStore        *self,
                                                const char        *table,
                                                const char        *id,
                                                LotseRecord      **out_row,
                                                GError           **error);
gboolean    lotse_store_sync_outbox_is_empty   (LotseStore        *self,
                                                gboolean          *out_empty,
                                                GError           **error);
gboolean    lotse_store_sync_put_row           (LotseStore        *self,
                                                LotseRecord       *record,
                                                GError           **error);
gboolean    lotse_store_sync_put_remote        (LotseStore        *self,
                                                const LotseTable  *table,
                                                const char        *id,
                                                gint64             rev,
                                                gboolean           deleted,
                                                const LotseSyncValue * const *values,
                                                const char        *updated_at,
                                                gboolean          *out_written,
                                                GError           **error);
gboolean    lotse_store_sync_set_rev           (LotseStore        *self,
                                                const char        *table,
                                                const char        *id,
                                                gint64             rev,
                                                GError           **error);
gboolean    lotse_store_sync_write_local       (LotseStore        *self,
                                                LotseRecord       *record,
                                                const gboolean    *changed,
                                                gboolean           deleted,
                                                gboolean           force,
                                                gint64             base_rev,
                                                GError           **error);

/* Conflicts */
gboolean    lotse_store_sync_add_conflict      (LotseStore        *self,
                                                const char        *op_id,
                                                const char        *table,
                                                const char        *row_id,
                                                const char        *fields_json,
                                                const char        *mine_json,
                                                const char        *theirs_json,
                                                const char        *base_json,
                                                gint64             theirs_rev,
                                                const char        *error_text,
                                                GError           **error);
gint64      lotse_store_sync_count_conflicts   (LotseStore        *self);
GPtrArray  *lotse_store_sync_list_conflicts    (LotseStore        *self,
                                                gboolean           include_resolved,
                                                GError           **error);
LotseConflict *lotse_store_sync_get_conflict   (LotseStore        *self,
                                                const char        *conflict_id,
                                                GError           **error);
gboolean    lotse_store_sync_mark_resolved     (LotseStore        *self,
                                                const char        *conflict_id,
                                                const char        *resolution,
                                                GError           **error);

/* Sync state */
LotseSyncStateRow *lotse_store_sync_load_state (LotseStore        *self,
                                                const char        *server_id,
                                                GError           **error);
LotseSyncStateRow *lotse_store_sync_find_state (LotseStore        *self,
                                                const char        *server_url,
                                                GError           **error);
gboolean    lotse_store_sync_save_state        (LotseStore        *self,
                                                const LotseSyncStateRow *row,
                                                GError           **error);
gboolean    lotse_store_sync_save_cursor       (LotseStore        *self,
                                                const char        *server_id,
                                                gint64             cursor,
                                                GError           **error);

char       *lotse_store_sync_now               (void);

G_END_DECLS
