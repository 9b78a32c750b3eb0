/* lotse-server-storage-sqlite-private.h: the SQLite backend's parts
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * lotse-server-storage-sqlite.c reads and writes one workspace's rows,
 * history and users; lotse-server-storage-sqlite-schema.c creates and
 * migrates the file and keeps its workspaces. All handles of one file
 * share one connection (SqliteDb).
 */

#pragma once

#include <sqlite3.h>

#include "lotse-server-storage-private.h"

G_BEGIN_DECLS

/* 2: history.digest (lotse_server_chain_digest()). 3: devices.last_used
 * (tokens expire unused). 4: workspaces; every table carries one. */
#define SQLITE_SCHEMA_VERSION 4

typedef enum
{
  STMT_ACCOUNT_ADD,
  STMT_ACCOUNT_GET,
  STMT_ACCOUNT_LIST,
  STMT_ACCOUNT_REMOVE,
  STMT_DEVICE_ADD,
  STMT_TOKEN_LOOKUP,
  STMT_DEVICE_TOUCH,
  STMT_REVOKE_DEVICE,
  STMT_REVOKE_ACCOUNT,
  STMT_DEVICE_REMOVE_OLDER,
  STMT_DATA_VERSION,
  STMT_BEGIN_READ,
  STMT_END_READ,
  STMT_ROW_GET,
  STMT_ROW_EXISTS,
  STMT_REVISION_GET,
  STMT_HISTORY_INSERT,
  STMT_ROW_UPSERT,
  STMT_OP_GET,
  STMT_OP_PUT,
  STMT_SEQ_CURRENT,
  STMT_PULL,
  STMT_HISTORY,
  STMT_CHAIN_HEAD,
  STMT_DIGEST_AT,
  STMT_WORKSPACE_GET,
  N_STMTS
} SqliteStmt;

typedef struct
{
  sqlite3      *db;
  sqlite3_stmt *stmts[N_STMTS];
  guint         refs;
  guint         read_depth;     /* begin_read() calls not yet ended */
  gboolean      read_began;     /* the outermost one began a transaction */
} SqliteDb;

typedef struct
{
  LotseServerStorage  parent;
  SqliteDb           *db;
  gint64              ws;             /* 0: the handle of the database */
  char               *name;
  char               *server_id;
  /* The newest history row's digest, which the next one continues; read
   * once per write transaction. */
  gboolean            chain_valid;
  char                chain_digest[LOTSE_SERVER_DIGEST_LENGTH + 1];
} SqliteStorage;

gboolean      sqlite_storage_error        (SqliteStorage  *self,
                                           GError        **error);
gboolean      sqlite_storage_exec         (SqliteStorage  *self,
                                           const char     *sql,
                                           GError        **error);
sqlite3_stmt *sqlite_storage_stmt         (SqliteStorage  *self,
                                           SqliteStmt      id,
                                           GError        **error);
gboolean      sqlite_storage_step_done    (SqliteStorage  *self,
                                           sqlite3_stmt   *stmt,
                                           GError        **error);
char         *sqlite_storage_column_dup   (sqlite3_stmt   *stmt,
                                           int             column);
sqlite3_stmt *sqlite_storage_ws_stmt      (SqliteStorage  *self,
                                           SqliteStmt      id,
                                           GError        **error);
gboolean      sqlite_storage_begin        (LotseServerStorage  *storage,
                                           GError             **error);
gboolean      sqlite_storage_commit       (LotseServerStorage  *storage,
                                           GError             **error);
void          sqlite_storage_rollback     (LotseServerStorage *storage);
SqliteStorage *sqlite_storage_new         (SqliteDb       *db,
                                           gint64          ws,
                                           const char     *name,
                                           const char     *server_id);

/* lotse-server-storage-sqlite-auth.c */
gboolean            sqlite_account_add         (LotseServerStorage  *storage,
                                                const char          *name,
                                                const char          *role,
                                                const char          *password_hash,
                                                GError             **error);
LotseServerAccount *sqlite_account_get         (LotseServerStorage  *storage,
                                                const char          *name,
                                                GError             **error);
GPtrArray          *sqlite_account_list        (LotseServerStorage  *storage,
                                                GError             **error);
gboolean            sqlite_account_remove      (LotseServerStorage  *storage,
                                                const char          *name,
                                                GError             **error);
gboolean            sqlite_device_add          (LotseServerStorage  *storage,
                                                const char          *device_id,
                                                const char          *account,
                                                const char          *device_name,
                                                const char          *token_hash,
                                                GError             **error);
LotseServerSession *sqlite_token_lookup        (LotseServerStorage  *storage,
                                                const char          *token_hash,
                                                GError             **error);
gboolean            sqlite_device_touch        (LotseServerStorage  *storage,
                                                const char          *device_id,
                                                gint64               now,
                                                GError             **error);
int                 sqlite_revoke_device       (LotseServerStorage  *storage,
                                                const char          *device_id,
                                                GError             **error);
int                 sqlite_revoke_account      (LotseServerStorage  *storage,
                                                const char          *account,
                                                GError             **error);
int                 sqlite_device_remove_older (LotseServerStorage  *storage,
                                                const char          *device_name,
                                                const char          *created_before,
                                                GError             **error);
gboolean            sqlite_auth_version        (LotseServerStorage  *storage,
                                                gint64              *version,
                                                GError             **error);

/* lotse-server-storage-sqlite-schema.c */
gboolean            sqlite_schema_migrate      (SqliteStorage       *self,
                                                GError             **error);
LotseServerStorage *sqlite_open_workspace      (LotseServerStorage  *storage,
                                                const char          *name,
                                                GError             **error);
gboolean            sqlite_workspace_create    (LotseServerStorage  *storage,
                                                const char          *name,
                                                GError             **error);
GPtrArray          *sqlite_workspace_list      (LotseServerStorage  *storage,
                                                GError             **error);
gboolean            sqlite_workspace_remove    (LotseServerStorage  *storage,
                                                const char          *name,
                                                GError             **error);
gboolean            sqlite_new_server_id       (LotseServerStorage  *storage,
                                                GError             **error);
gboolean            sqlite_dump                (LotseServerStorage  *storage,
                                                LotseServerDump      what,
                                                LotseServerDumpFunc  func,
                                                gpointer             user_data,
                                                GError             **error);
gboolean            sqlite_load                (LotseServerStorage  *storage,
                                                LotseServerDump      what,
                                                GPtrArray           *records,
                                                GError             **error);

G_END_DECLS
