/* lotse-server-storage.h: where lotse-server keeps its data
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The server reaches its data only through this table of functions, so
 * that a PostgreSQL backend can follow the SQLite one. Rows carry their
 * field values as normalised strings, one per schema field (NULL = unset),
 * the same form LotseRecord uses.
 *
 * Writes happen between begin() and commit(); the sequence numbers a
 * backend hands out must follow commit order.
 *
 * A write that fails because the disk (or the database's size limit) is
 * full fails with G_IO_ERROR_NO_SPACE, so that the server can say so
 * (507) instead of reporting an internal error.
 */

#pragma once

#include "lotse-core.h"

G_BEGIN_DECLS

typedef struct _LotseServerStorage LotseServerStorage;

/* One revision of one row: the current state or a history entry. */
typedef struct
{
  const LotseTable *table;
  char             *id;
  gint64            rev;
  gint64            seq;
  gboolean          deleted;
  char            **values;        /* table->n_fields entries, NULL = unset */
  char             *fields_json;   /* pull() only: the stored fields object as
                                    * JSON text; values are then not filled */
  char             *updated_at;    /* committed_at of this revision */
  char             *device_id;     /* history only */
  char             *account;       /* history only */
} LotseServerRow;

typedef struct
{
  char  *name;
  char  *role;
  char  *password_hash;
  char  *created_at;
  guint  n_devices;                /* devices with a valid token */
} LotseServerAccount;

/* The authenticated caller of one request. */
typedef struct
{
  char   *device_id;
  char   *account;
  char   *role;
  gint64  last_used;               /* Unix seconds: the token's last use, as stored */
} LotseServerSession;

typedef struct
{
  void            (*free)             (LotseServerStorage  *self);
  const char     *(*get_server_id)    (LotseServerStorage  *self);
  /* Gives the server a new identity (after restoring a backup), so that
   * every client's cursor is foreign and they pull everything again. */
  gboolean        (*new_server_id)    (LotseServerStorage  *self,
                                       GError             **error);

  gboolean        (*begin)            (LotseServerStorage  *self,
                                       GError             **error);
  gboolean        (*commit)           (LotseServerStorage  *self,
                                       GError             **error);
  void            (*rollback)         (LotseServerStorage  *self);

  gboolean        (*account_add)      (LotseServerStorage  *self,
                                       const char          *name,
                                       const char          *role,
                                       const char          *password_hash,
                                       GError             **error);
  LotseServerAccount *(*account_get)  (LotseServerStorage  *self,
                                       const char          *name,
                                       GError             **error);
  GPtrArray      *(*account_list)     (LotseServerStorage  *self,
                                       GError             **error);
  gboolean        (*account_remove)   (LotseServerStorage  *self,
                                       const char          *name,
                                       GError             **error);

  gboolean        (*device_add)       (LotseServerStorage  *self,
                                       const char          *device_id,
                                       const char          *account,
                                       const char          *device_name,
                                       const char          *token_hash,
                                       GError             **error);
  LotseServerSession *(*token_lookup) (LotseServerStorage  *self,
                                       const char          *token_hash,
                                       GError             **error);
  /* Notes that the token of @device_id was used at @now (Unix seconds). */
  gboolean        (*device_touch)     (LotseServerStorage  *self,
                                       const char          *device_id,
                                       gint64               now,
                                       GError             **error);
  /* Returns the number of tokens revoked (0 when none matched). */
  int             (*revoke_device)    (LotseServerStorage  *self,
                                       const char          *device_id,
                                       GError             **error);
  int             (*revoke_account)   (LotseServerStorage  *self,
                                       const char          *account,
                                       GError             **error);
  /* A number that changes whenever a change to accounts or devices may
   * have been committed by someone else than this storage object (another
   * process, e.g. `lotse-server token revoke`); the server keeps token
   * lookups only as long as it stays the same. NULL: no such number, the
   * server then looks every token up. */
  gboolean        (*auth_version)     (LotseServerStorage  *self,
                                       gint64              *version,
                                       GError             **error);
  /* A read-only transaction: everything read until end_read() comes from
   * one snapshot, for the price of one. Not inside begin()/commit(). NULL
   * when the backend has none. */
  gboolean        (*begin_read)       (LotseServerStorage  *self,
                                       GError             **error);
  void            (*end_read)         (LotseServerStorage  *self);

  /* NULL without error when the row does not exist. */
  LotseServerRow *(*row_get)          (LotseServerStorage  *self,
                                       const LotseTable    *table,
                                       const char          *id,
                                       GError             **error);
  /* Whether the row exists, a tombstone too; cheaper than row_get(). */
  gboolean        (*row_exists)       (LotseServerStorage  *self,
                                       const LotseTable    *table,
                                       const char          *id,
                                       gboolean            *out_exists,
                                       GError             **error);
  LotseServerRow *(*revision_get)     (LotseServerStorage  *self,
                                       const LotseTable    *table,
                                       const char          *id,
                                       gint64               rev,
                                       GError             **error);
  /* Stores @row (rev already set) as the current state and in the history;
   * sets row->seq to a new sequence number. */
  gboolean        (*revision_write)   (LotseServerStorage  *self,
                                       LotseServerRow      *row,
                                       GError             **error);
  /* FALSE without error when the op_id is unknown. */
  gboolean        (*op_get)           (LotseServerStorage  *self,
                                       const char          *op_id,
                                       char               **account,
                                       char               **result_json,
                                       GError             **error);
  gboolean        (*op_put)           (LotseServerStorage  *self,
                                       const char          *op_id,
                                       const char          *account,
                                       const char          *result_json,
                                       GError             **error);

  /* The newest sequence number, and the oldest a cursor may name. */
  gboolean        (*seq_range)        (LotseServerStorage  *self,
                                       gint64              *horizon,
                                       gint64              *current,
                                       GError             **error);
  /* The digest of the history up to @seq (lotse_server_chain_digest();
   * %LOTSE_SERVER_DIGEST_EMPTY for 0), or NULL without an error when the
   * history has no such seq. */
  char           *(*digest_at)        (LotseServerStorage  *self,
                                       gint64               seq,
                                       GError             **error);
  /* Current rows with seq > @after, at most @limit, in seq order; they
   * carry fields_json instead of values. */
  GPtrArray      *(*pull)             (LotseServerStorage  *self,
                                       gint64               after,
                                       guint                limit,
                                       GError             **error);
  /* The revisions of one row from @from_rev on (0 = all), oldest first. */
  GPtrArray      *(*history)          (LotseServerStorage  *self,
                                       const LotseTable    *table,
                                       const char          *id,
                                       gint64               from_rev,
                                       GError             **error);
} LotseServerStorageVTable;

struct _LotseServerStorage
{
  const LotseServerStorageVTable *vtable;
};

LotseServerStorage *lotse_server_storage_sqlite_open (const char  *path,
                                                      GError     **error);

static inline void
lotse_server_storage_free (LotseServerStorage *self)
{
  if (self != NULL)
    self->vtable->free (self);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LotseServerStorage, lotse_server_storage_free)

LotseServerRow *lotse_server_row_new          (const LotseTable   *table,
                                               const char         *id);
LotseServerRow *lotse_server_row_copy         (const LotseServerRow *row);
void            lotse_server_row_free         (LotseServerRow     *row);
gboolean        lotse_server_row_equal_values (const LotseServerRow *a,
                                               const LotseServerRow *b);
char           *lotse_server_row_fields_to_json (const LotseServerRow *row);
gboolean        lotse_server_row_fields_from_json (LotseServerRow *row,
                                                 const char       *json,
                                                 GError          **error);
void            lotse_server_row_add_fields   (const LotseServerRow *row,
                                               JsonBuilder        *builder);
void            lotse_server_json_append_string (GString          *out,
                                                 const char       *text);

/* 128 bits of SHA-256 in hex: the digest of a history up to a seq. */
#define LOTSE_SERVER_DIGEST_LENGTH 32
#define LOTSE_SERVER_DIGEST_EMPTY  "00000000000000000000000000000000"

void            lotse_server_chain_digest     (const char         *previous,
                                               const char * const  revision[8],
                                               char                out[LOTSE_SERVER_DIGEST_LENGTH + 1]);

void            lotse_server_account_free     (LotseServerAccount *account);
void            lotse_server_session_free     (LotseServerSession *session);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LotseServerRow, lotse_server_row_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LotseServerAccount, lotse_server_account_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LotseServerSession, lotse_server_session_free)

G_END_DECLS
