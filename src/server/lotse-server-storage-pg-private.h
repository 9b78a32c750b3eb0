/* lotse-server-storage-pg-private.h: the PostgreSQL backend's parts
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * lotse-server-storage-pg.c       the connection: statements, errors,
 *                                 reconnecting, notifications, transactions
 * lotse-server-storage-pg-rows.c  rows, history, push results and pulls of
 *                                 a workspace, and what a push transaction
 *                                 keeps and writes at once
 * lotse-server-storage-pg-auth.c  users, devices, tokens, failed logins
 * lotse-server-storage-pg-schema.c the tables, workspaces, copying
 *
 * All handles of one database share one connection (PgDb). The server is
 * single-threaded and runs one statement at a time on it.
 */

#pragma once

#include <libpq-fe.h>

#include "lotse-server-storage-private.h"

G_BEGIN_DECLS

#define PG_SCHEMA_VERSION 2

/* Prepared once per connection, by name ("s<id>"). $1 is the workspace
 * wherever there is one. */
typedef enum
{
  PG_WORKSPACE_GET,
  PG_WORKSPACE_LOCK,
  PG_WORKSPACE_HEAD,
  PG_WORKSPACE_ADVANCE,
  PG_ACCOUNT_ADD,
  PG_ACCOUNT_GET,
  PG_ACCOUNT_LIST,
  PG_ACCOUNT_REMOVE,
  PG_DEVICE_ADD,
  PG_TOKEN_LOOKUP,
  PG_DEVICE_TOUCH,
  PG_REVOKE_DEVICE,
  PG_REVOKE_ACCOUNT,
  PG_DEVICE_REMOVE_OLDER,
  PG_LOGIN_ENSURE,
  PG_LOGIN_GET,
  PG_LOGIN_PUT,
  PG_LOGIN_FORGET,
  PG_LOGIN_PRUNE,
  PG_ROW_GET,
  PG_ROW_EXISTS,
  PG_ROWS_GET,
  PG_REVISION_GET,
  PG_HISTORY,
  PG_ROWS_UPSERT,
  PG_OPS_GET,
  PG_PULL,
  PG_DIGEST_AT,
  PG_AUTH_VERSION,
  PG_N_STMTS
} PgStmt;

typedef struct _PgTx PgTx;

/* A workspace's head as last read (see pg_seq_range()). */
typedef struct
{
  gint64 seq;
  gint64 horizon;
  char   digest[LOTSE_SERVER_DIGEST_LENGTH + 1];
} PgHead;

typedef struct
{
  PGconn     *conn;
  char       *conninfo;
  guint       refs;
  guint64     prepared;      /* bit per PgStmt prepared on this connection */
  gint64      auth_version;  /* lotse_auth.version as last read */
  gint64      failed_us;     /* monotonic time of the last failed connect */
  gboolean    in_transaction;
  PgTx       *tx;            /* the write transaction in progress */
  /* Heads kept until a notification says they moved (the top of
   * lotse-server-storage-pg.c): only on a connection that listens. */
  gboolean    listening;
  GHashTable *heads;         /* workspace id → PgHead */
} PgDb;

typedef struct
{
  LotseServerStorage  parent;
  PgDb               *db;
  gint64              ws;             /* 0: the handle of the database */
  char               *name;
  char               *server_id;
} PgStorage;

/* A number as a parameter. */
typedef struct
{
  char text[24];
} PgInt;

const char *pg_int (PgInt  *buffer,
                    gint64  value);
gint64      pg_get_int (PGresult *result,
                        int       row,
                        int       column);
char       *pg_get_dup (PGresult *result,
                        int       row,
                        int       column);

/* Runs a prepared statement with text parameters; NULL with @error set
 * when it failed. Outside a transaction a lost connection is made again
 * and the statement run once more. */
PGresult   *pg_exec          (PgStorage          *self,
                              PgStmt              id,
                              int                 n_params,
                              const char * const *params,
                              GError            **error);
/* The same with $1 = the handle's workspace before @params. */
PGresult   *pg_exec_ws       (PgStorage          *self,
                              PgStmt              id,
                              int                 n_params,
                              const char * const *params,
                              GError            **error);
/* Runs @sql (several statements, no parameters); the last result decides. */
gboolean    pg_exec_sql      (PgStorage          *self,
                              const char         *sql,
                              GError            **error);
/* COPY @table_columns FROM STDIN with @data in COPY's text format. */
gboolean    pg_copy_in       (PgStorage          *self,
                              const char         *table_columns,
                              GString            *data,
                              GError            **error);
/* A value in COPY's text format, then a tab (or @end). */
void        pg_copy_append   (GString            *out,
                              const char         *value,
                              char                end);
/* An element of an array literal ("…" with \ and " escaped), then a comma. */
void        pg_array_append  (GString            *out,
                              const char         *value);
gboolean    pg_failed        (PgStorage          *self,
                              PGresult           *result,
                              GError            **error);
const char *pg_sqlstate      (PGresult           *result);

PgStorage  *pg_storage_new   (PgDb               *db,
                              gint64              ws,
                              const char         *name,
                              const char         *server_id);
/* Makes sure a connection is there (not inside a transaction). */
gboolean    pg_connect       (PgStorage          *self,
                              GError            **error);
/* Makes sure the connection listens for what moves the kept heads, and
 * forgets those that notifications arrived since say moved. Outside a
 * transaction. */
gboolean    pg_listen        (PgStorage          *self,
                              GError            **error);

/* lotse-server-storage-pg-rows.c: the write transaction */
PgTx       *pg_tx_new        (gint64              ws,
                              gint64              seq,
                              const char         *digest,
                              gint64              horizon);
void        pg_tx_free       (PgTx               *tx);
/* Sends what the transaction wrote so far. */
gboolean    pg_tx_flush      (PgStorage          *self,
                              GError            **error);
/* The newest seq and its digest after the transaction's writes; TRUE
 * when it wrote any. */
gboolean    pg_tx_head       (PgTx               *tx,
                              gint64             *seq,
                              const char        **digest);
void        pg_tx_set_head   (PgTx               *tx,
                              gint64              seq,
                              const char         *digest);

/* The vtable's functions, by file. */
#define PG_DECLARE(ret, name, ...) ret pg_##name (LotseServerStorage *storage, __VA_ARGS__)

PG_DECLARE (gboolean, account_add, const char *name, const char *role, const char *password_hash, GError **error);
PG_DECLARE (LotseServerAccount *, account_get, const char *name, GError **error);
PG_DECLARE (GPtrArray *, account_list, GError **error);
PG_DECLARE (gboolean, account_remove, const char *name, GError **error);
PG_DECLARE (gboolean, device_add, const char *device_id, const char *account, const char *device_name,
            const char *token_hash, GError **error);
PG_DECLARE (LotseServerSession *, token_lookup, const char *token_hash, GError **error);
PG_DECLARE (gboolean, device_touch, const char *device_id, gint64 now, GError **error);
PG_DECLARE (int, revoke_device, const char *device_id, GError **error);
PG_DECLARE (int, revoke_account, const char *account, GError **error);
PG_DECLARE (int, device_remove_older, const char *device_name, const char *created_before, GError **error);
PG_DECLARE (gboolean, login_take, const char *name, const LotseServerBackoffPolicy *policy,
            guint *retry_after, guint *locked, guint *failures, GError **error);
PG_DECLARE (gboolean, login_succeed, const char *name, GError **error);

PG_DECLARE (LotseServerRow *, row_get, const LotseTable *table, const char *id, GError **error);
PG_DECLARE (gboolean, row_exists, const LotseTable *table, const char *id, gboolean *out_exists,
            GError **error);
PG_DECLARE (LotseServerRow *, revision_get, const LotseTable *table, const char *id, gint64 rev,
            GError **error);
PG_DECLARE (gboolean, revision_write, LotseServerRow *row, GError **error);
PG_DECLARE (gboolean, op_get, const char *op_id, char **account, char **result_json, GError **error);
PG_DECLARE (gboolean, op_put, const char *op_id, const char *account, const char *result_json,
            GError **error);
PG_DECLARE (gboolean, seq_range, gint64 *horizon, gint64 *current, char *digest, GError **error);
void pg_forget_head (LotseServerStorage *storage);
PG_DECLARE (char *, digest_at, gint64 seq, GError **error);
PG_DECLARE (GPtrArray *, pull, gint64 after, gint64 upto, guint limit, GError **error);
PG_DECLARE (GPtrArray *, history, const LotseTable *table, const char *id, gint64 from_rev,
            GError **error);
PG_DECLARE (gboolean, prefetch, const LotseServerRowKey *keys, guint n_keys, const char * const *op_ids,
            guint n_op_ids, GError **error);

gboolean            pg_schema_prepare  (PgStorage           *self,
                                        GError             **error);
PG_DECLARE (LotseServerStorage *, open_workspace, const char *name, GError **error);
PG_DECLARE (gboolean, workspace_create, const char *name, GError **error);
PG_DECLARE (GPtrArray *, workspace_list, GError **error);
PG_DECLARE (gboolean, workspace_remove, const char *name, GError **error);
PG_DECLARE (gboolean, new_server_id, GError **error);
PG_DECLARE (gboolean, dump, LotseServerDump what, LotseServerDumpFunc func, gpointer user_data,
            GError **error);
PG_DECLARE (gboolean, load, LotseServerDump what, GPtrArray *records, GError **error);

G_END_DECLS
