/* lotse-server-storage.h: where lotse-server keeps its data
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The server reaches its data only through this table of functions; there
 * are two backends, SQLite (lotse-server-storage-sqlite*.c) and PostgreSQL
 * (lotse-server-storage-pg*.c). Rows carry their field values as
 * normalised strings, one per schema field (NULL = unset), the same form
 * LotseRecord uses.
 *
 * Workspaces: one database holds several offices, each with its own
 * users, devices, rows, history and sequence numbers; every table carries
 * the workspace. lotse_server_storage_open() gives a handle of the
 * database, bound to no workspace: it creates, lists and removes them and
 * opens them. open_workspace() gives a handle bound to one workspace
 * (sharing the database connection), and every other function of it
 * reads and writes that workspace only. Nothing crosses: a token, op_id,
 * row or seq of one workspace is unknown in another.
 *
 * Writes happen between begin() and commit(); the sequence numbers a
 * backend hands out must follow commit order within the workspace, so
 * that a pull never skips a change that commits late (see the backends
 * for how each makes sure of it).
 *
 * A write that fails because the disk (or the database's size limit) is
 * full fails with G_IO_ERROR_NO_SPACE, so that the server can say so
 * (507) instead of reporting an internal error. Failures a client should
 * simply try again later have LOTSE_SERVER_STORAGE_ERROR (503), and so
 * has a transaction the database gave up (…_RETRY), which the server runs
 * again first.
 */

#pragma once

#include "lotse-core.h"
#include "lotse-server-limits.h"

G_BEGIN_DECLS

typedef struct _LotseServerStorage LotseServerStorage;

#define LOTSE_SERVER_STORAGE_ERROR (lotse_server_storage_error_quark ())

typedef enum
{
  /* The database cannot be reached (not started, restarted, network):
   * the connection is made again on the next use. */
  LOTSE_SERVER_STORAGE_ERROR_UNAVAILABLE,
  /* A serialization failure or deadlock: nothing of the transaction was
   * stored, and running it again may succeed. */
  LOTSE_SERVER_STORAGE_ERROR_RETRY,
  /* The workspace of the handle was removed meanwhile. */
  LOTSE_SERVER_STORAGE_ERROR_NO_WORKSPACE,
} LotseServerStorageError;

GQuark lotse_server_storage_error_quark (void);

/* A workspace name: 1 to 63 of a-z, 0-9 and -, starting with a letter or
 * digit (it is part of URLs). */
gboolean lotse_server_is_valid_workspace_name (const char *name);

#define LOTSE_SERVER_DEFAULT_WORKSPACE "default"

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
  guint  n_devices;                /* devices of the apps with a valid token */
} LotseServerAccount;

/* The device names the web portal's sessions and calendar feed tokens
 * are stored under (lotse-portal.c), which no device of the API takes. */
#define LOTSE_PORTAL_SESSION_DEVICE "web portal"
#define LOTSE_PORTAL_FEED_DEVICE    "calendar feed"

typedef struct
{
  char   *name;
  char   *server_id;
  char   *created_at;
  gint64  seq;                     /* the newest sequence number */
  guint   n_accounts;
  gint64  n_rows;
} LotseServerWorkspace;

/* What a backend copies to another (`lotse-server migrate`), one record
 * at a time, all columns as text (NULL = SQL NULL), in this order:
 *   WORKSPACE  server_id, horizon, created_at (one record)
 *   ACCOUNTS   name, role, password_hash, created_at
 *   DEVICES    id, account, name, token_hash, created_at, revoked_at, last_used
 *   HISTORY    seq, tbl, id, rev, deleted (0/1), fields, device_id, account,
 *              committed_at, digest
 *   ROWS       tbl, id, rev, seq, deleted (0/1), fields, updated_at
 *   OPS        op_id, account, result
 * in the order of their keys, compared bytewise (so that both backends
 * list them alike and a checksum over them can be compared). */
typedef enum
{
  LOTSE_SERVER_DUMP_WORKSPACE,
  LOTSE_SERVER_DUMP_ACCOUNTS,
  LOTSE_SERVER_DUMP_DEVICES,
  LOTSE_SERVER_DUMP_HISTORY,
  LOTSE_SERVER_DUMP_ROWS,
  LOTSE_SERVER_DUMP_OPS,
  LOTSE_SERVER_N_DUMPS
} LotseServerDump;

extern const guint lotse_server_dump_columns[LOTSE_SERVER_N_DUMPS];

typedef gboolean (*LotseServerDumpFunc) (const char * const *columns,
                                         gpointer            user_data,
                                         GError            **error);

/* A row a push will read: prefetch() may load them all at once. */
typedef struct
{
  const LotseTable *table;
  const char       *id;
} LotseServerRowKey;

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

  /* Of the database; on any handle. */
  /* NULL without error when there is no such workspace. */
  LotseServerStorage *(*open_workspace) (LotseServerStorage *self,
                                       const char          *name,
                                       GError             **error);
  gboolean        (*workspace_create) (LotseServerStorage  *self,
                                       const char          *name,
                                       GError             **error);
  /* Of LotseServerWorkspace, by name. */
  GPtrArray      *(*workspace_list)   (LotseServerStorage  *self,
                                       GError             **error);
  /* Removes the workspace with everything in it. */
  gboolean        (*workspace_remove) (LotseServerStorage  *self,
                                       const char          *name,
                                       GError             **error);

  /* Of the handle's workspace; NULL on a handle of none. */
  const char     *(*get_workspace)    (LotseServerStorage  *self);
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
  /* Removes the devices named @device_name created before @created_before
   * (as lotse_server_now_iso8601() writes it), revoked or not; returns
   * how many. For the portal's sessions, which expire on their own. */
  int             (*device_remove_older) (LotseServerStorage *self,
                                       const char          *device_name,
                                       const char          *created_before,
                                       GError             **error);
  /* A number that changes whenever a change to accounts or devices may
   * have been committed by someone else than this storage object (another
   * process, e.g. `lotse-server token revoke`); the server keeps token
   * lookups only as long as it stays the same. NULL: no such number, the
   * server then looks every token up. */
  gboolean        (*auth_version)     (LotseServerStorage  *self,
                                       gint64              *version,
                                       GError             **error);
  /* TRUE when auth_version() is a round trip to a database server: the
   * server then reads it once for the pulls that arrive together
   * (lotse-server-routes.c, defer_pull()). Where it is read within the
   * process, pausing the pulls would cost more than it saves. */
  gboolean          batch_auth_version;
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

  /* The newest sequence number, and the oldest a cursor may name; with
   * @digest, the digest of the history up to the newest one too. */
  gboolean        (*seq_range)        (LotseServerStorage  *self,
                                       gint64              *horizon,
                                       gint64              *current,
                                       char                *digest,
                                       GError             **error);
  /* Forgets what the backend keeps of the newest sequence number, so that
   * the next seq_range() reads it from the database: a client may have
   * seen a newer one through another process before this one was told.
   * NULL when seq_range() always reads it. */
  void            (*forget_head)      (LotseServerStorage  *self);
  /* The digest of the history up to @seq (lotse_server_chain_digest();
   * %LOTSE_SERVER_DIGEST_EMPTY for 0), or NULL without an error when the
   * history has no such seq. */
  char           *(*digest_at)        (LotseServerStorage  *self,
                                       gint64               seq,
                                       GError             **error);
  /* Current rows with @after < seq <= @upto, at most @limit, in seq
   * order; they carry fields_json instead of values. */
  GPtrArray      *(*pull)             (LotseServerStorage  *self,
                                       gint64               after,
                                       gint64               upto,
                                       guint                limit,
                                       GError             **error);
  /* The revisions of one row from @from_rev on (0 = all), oldest first. */
  GPtrArray      *(*history)          (LotseServerStorage  *self,
                                       const LotseTable    *table,
                                       const char          *id,
                                       gint64               from_rev,
                                       GError             **error);
  /* Inside begin()/commit(): the rows and op_ids a push is about to read,
   * so that a backend far from the server may fetch them in one go. NULL
   * when reading them one by one costs nothing. */
  gboolean        (*prefetch)         (LotseServerStorage  *self,
                                       const LotseServerRowKey *keys,
                                       guint                n_keys,
                                       const char * const  *op_ids,
                                       guint                n_op_ids,
                                       GError             **error);

  /* Calls @func for every record of @what (see LotseServerDump). */
  gboolean        (*dump)             (LotseServerStorage  *self,
                                       LotseServerDump      what,
                                       LotseServerDumpFunc  func,
                                       gpointer             user_data,
                                       GError             **error);
  /* Inside begin()/commit(), into a workspace without users and history:
   * stores @records, each an array of the columns dump() gives (NULL
   * among them). WORKSPACE takes the server id, horizon and creation time
   * of the record. */
  gboolean        (*load)             (LotseServerStorage  *self,
                                       LotseServerDump      what,
                                       GPtrArray           *records,
                                       GError             **error);

  /* Failed logins per account name where several processes share them
   * (LotseServerBackoff's rules, kept in the database); NULL: the server
   * counts them in its own memory. */
  gboolean        (*login_take)       (LotseServerStorage  *self,
                                       const char          *name,
                                       const LotseServerBackoffPolicy *policy,
                                       guint               *retry_after,
                                       guint               *locked,
                                       guint               *failures,
                                       GError             **error);
  gboolean        (*login_succeed)    (LotseServerStorage  *self,
                                       const char          *name,
                                       GError             **error);
} LotseServerStorageVTable;

struct _LotseServerStorage
{
  const LotseServerStorageVTable *vtable;
};

/* The SQLite database in a data directory. */
#define LOTSE_SERVER_SQLITE_FILE "lotse-server.db"

/* @location: a data directory (SQLite) or a postgresql:// or postgres://
 * URI (PostgreSQL, as libpq takes it). A new database gets its tables and
 * the workspace "default". */
LotseServerStorage *lotse_server_storage_open        (const char  *location,
                                                      GError     **error);
gboolean            lotse_server_location_is_postgresql (const char *location);
/* The database of a data directory. */
LotseServerStorage *lotse_server_storage_sqlite_open (const char  *path,
                                                      GError     **error);
LotseServerStorage *lotse_server_storage_pg_open     (const char  *conninfo,
                                                      GError     **error);
/* The handle of workspace @name, or NULL with LOTSE_ERROR_NOT_FOUND. */
LotseServerStorage *lotse_server_storage_open_workspace (LotseServerStorage *storage,
                                                         const char         *name,
                                                         GError            **error);

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
int             lotse_server_field_index      (const LotseTable   *table,
                                               const char         *name,
                                               guint               position);
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
void            lotse_server_workspace_free   (LotseServerWorkspace *workspace);
void            lotse_server_session_free     (LotseServerSession *session);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LotseServerRow, lotse_server_row_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LotseServerAccount, lotse_server_account_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LotseServerWorkspace, lotse_server_workspace_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LotseServerSession, lotse_server_session_free)

G_END_DECLS
