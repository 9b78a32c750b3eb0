/* lotse-server-storage-sqlite.c: the SQLite backend of lotse-server
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One file in the data directory, WAL journal, synchronous=FULL so that a
 * committed push survives a power cut. Sequence numbers are the rowids of
 * the history table: writers are serialised by BEGIN IMMEDIATE, so their
 * order is commit order.
 */

#define G_LOG_DOMAIN "lotse-server"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <sqlite3.h>
#include <string.h>

#include "lotse-server-storage.h"

/* 2: history.digest (lotse_server_chain_digest()). 3: devices.last_used
 * (tokens expire unused). */
#define SCHEMA_VERSION 3

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
  N_STMTS
} StmtId;

static const char * const stmt_sql[N_STMTS] = {
  [STMT_ACCOUNT_ADD] =
    "INSERT INTO accounts (name, role, password_hash, created_at) VALUES (?1, ?2, ?3, ?4)",
  [STMT_ACCOUNT_GET] =
    "SELECT name, role, password_hash, created_at FROM accounts WHERE name = ?1",
  [STMT_ACCOUNT_LIST] =
    "SELECT a.name, a.role, a.created_at,"
    " (SELECT count(*) FROM devices d WHERE d.account = a.name AND d.revoked_at IS NULL)"
    " FROM accounts a ORDER BY a.name",
  [STMT_ACCOUNT_REMOVE] =
    "DELETE FROM accounts WHERE name = ?1",
  [STMT_DEVICE_ADD] =
    "INSERT INTO devices (id, account, name, token_hash, created_at, last_used)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
  [STMT_TOKEN_LOOKUP] =
    "SELECT d.id, d.account, a.role, d.last_used FROM devices d JOIN accounts a ON a.name = d.account"
    " WHERE d.token_hash = ?1 AND d.revoked_at IS NULL",
  [STMT_DEVICE_TOUCH] =
    "UPDATE devices SET last_used = ?2 WHERE id = ?1",
  [STMT_REVOKE_DEVICE] =
    "UPDATE devices SET revoked_at = ?2 WHERE id = ?1 AND revoked_at IS NULL",
  [STMT_REVOKE_ACCOUNT] =
    "UPDATE devices SET revoked_at = ?2 WHERE account = ?1 AND revoked_at IS NULL",
  /* Changes when another connection (here: another process) commits. */
  [STMT_DATA_VERSION] =
    "PRAGMA data_version",
  /* Deferred: the snapshot starts with the first read. */
  [STMT_BEGIN_READ] =
    "BEGIN",
  [STMT_END_READ] =
    "COMMIT",
  [STMT_ROW_GET] =
    "SELECT rev, seq, deleted, fields, updated_at FROM rows WHERE tbl = ?1 AND id = ?2",
  [STMT_ROW_EXISTS] =
    "SELECT 1 FROM rows WHERE tbl = ?1 AND id = ?2",
  [STMT_REVISION_GET] =
    "SELECT rev, seq, deleted, fields, committed_at, device_id, account FROM history"
    " WHERE tbl = ?1 AND id = ?2 AND rev = ?3",
  [STMT_HISTORY_INSERT] =
    "INSERT INTO history (tbl, id, rev, deleted, fields, device_id, account, committed_at, digest)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
  [STMT_ROW_UPSERT] =
    "INSERT INTO rows (tbl, id, rev, seq, deleted, fields, updated_at)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)"
    " ON CONFLICT (tbl, id) DO UPDATE SET rev = excluded.rev, seq = excluded.seq,"
    " deleted = excluded.deleted, fields = excluded.fields, updated_at = excluded.updated_at",
  [STMT_OP_GET] =
    "SELECT account, result FROM ops WHERE op_id = ?1",
  [STMT_OP_PUT] =
    "INSERT INTO ops (op_id, account, result) VALUES (?1, ?2, ?3)",
  [STMT_SEQ_CURRENT] =
    "SELECT (SELECT coalesce(max(seq), 0) FROM history),"
    " (SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'horizon')",
  [STMT_PULL] =
    "SELECT tbl, id, rev, seq, deleted, fields, updated_at FROM rows"
    " WHERE seq > ?1 ORDER BY seq LIMIT ?2",
  [STMT_HISTORY] =
    "SELECT rev, seq, deleted, fields, committed_at, device_id, account FROM history"
    " WHERE tbl = ?1 AND id = ?2 AND rev >= ?3 ORDER BY rev",
  [STMT_CHAIN_HEAD] =
    "SELECT seq, digest FROM history ORDER BY seq DESC LIMIT 1",
  [STMT_DIGEST_AT] =
    "SELECT digest FROM history WHERE seq = ?1",
};

static const char schema_sql[] =
  "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;"
  "CREATE TABLE accounts ("
  "  name TEXT PRIMARY KEY,"
  "  role TEXT NOT NULL CHECK (role IN ('admin', 'editor', 'reader')),"
  "  password_hash TEXT NOT NULL,"
  "  created_at TEXT NOT NULL) WITHOUT ROWID;"
  "CREATE TABLE devices ("
  "  id TEXT PRIMARY KEY,"
  "  account TEXT NOT NULL,"
  "  name TEXT NOT NULL,"
  "  token_hash TEXT NOT NULL UNIQUE,"
  "  created_at TEXT NOT NULL,"
  "  revoked_at TEXT,"
  "  last_used INTEGER NOT NULL DEFAULT 0) WITHOUT ROWID;"
  "CREATE INDEX devices_account ON devices (account);"
  "CREATE TABLE history ("
  "  seq INTEGER PRIMARY KEY,"
  "  tbl TEXT NOT NULL,"
  "  id TEXT NOT NULL,"
  "  rev INTEGER NOT NULL,"
  "  deleted INTEGER NOT NULL,"
  "  fields TEXT NOT NULL,"
  "  device_id TEXT NOT NULL,"
  "  account TEXT NOT NULL,"
  "  committed_at TEXT NOT NULL,"
  "  digest TEXT,"
  "  UNIQUE (tbl, id, rev));"
  "CREATE TABLE rows ("
  "  tbl TEXT NOT NULL,"
  "  id TEXT NOT NULL,"
  "  rev INTEGER NOT NULL,"
  "  seq INTEGER NOT NULL,"
  "  deleted INTEGER NOT NULL,"
  "  fields TEXT NOT NULL,"
  "  updated_at TEXT NOT NULL,"
  "  PRIMARY KEY (tbl, id)) WITHOUT ROWID;"
  "CREATE INDEX rows_seq ON rows (seq);"
  "CREATE TABLE ops ("
  "  op_id TEXT PRIMARY KEY,"
  "  account TEXT NOT NULL,"
  "  result TEXT NOT NULL) WITHOUT ROWID;"
  "INSERT INTO meta (key, value) VALUES ('horizon', '0');";

typedef struct
{
  LotseServerStorage  parent;
  sqlite3            *db;
  sqlite3_stmt       *stmts[N_STMTS];
  char               *server_id;
  guint               read_depth;     /* begin_read() calls not yet ended */
  /* The newest history row's digest, which the next one continues; read
   * once per write transaction. */
  gboolean            chain_valid;
  char                chain_digest[LOTSE_SERVER_DIGEST_LENGTH + 1];
  gboolean            read_began;     /* the outermost one began a transaction */
} SqliteStorage;

static gboolean
set_db_error (SqliteStorage  *self,
              GError        **error)
{
  if (sqlite3_errcode (self->db) == SQLITE_FULL)
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE,
                 _("Database error: %s"), sqlite3_errmsg (self->db));
  else
    g_set_error (error, LOTSE_ERROR, LOTSE_ERROR_DATABASE,
                 _("Database error: %s"), sqlite3_errmsg (self->db));
  return FALSE;
}

static gboolean
exec_sql (SqliteStorage  *self,
          const char     *sql,
          GError        **error)
{
  if (sqlite3_exec (self->db, sql, NULL, NULL, NULL) != SQLITE_OK)
    return set_db_error (self, error);
  return TRUE;
}

static sqlite3_stmt *
get_stmt (SqliteStorage  *self,
          StmtId          id,
          GError        **error)
{
  if (self->stmts[id] == NULL &&
      sqlite3_prepare_v3 (self->db, stmt_sql[id], -1, SQLITE_PREPARE_PERSISTENT,
                          &self->stmts[id], NULL) != SQLITE_OK)
    {
      set_db_error (self, error);
      return NULL;
    }

  sqlite3_reset (self->stmts[id]);
  sqlite3_clear_bindings (self->stmts[id]);
  return self->stmts[id];
}

static char *
now_iso8601 (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  return g_date_time_format (now, "%Y-%m-%dT%H:%M:%S.%fZ");
}

static char *
column_dup (sqlite3_stmt *stmt,
            int           column)
{
  return g_strdup ((const char *)sqlite3_column_text (stmt, column));
}

static void
sqlite_free (LotseServerStorage *storage)
{
  SqliteStorage *self = (SqliteStorage *)storage;

  for (guint i = 0; i < N_STMTS; i++)
    sqlite3_finalize (self->stmts[i]);
  sqlite3_close (self->db);
  g_free (self->server_id);
  g_free (self);
}

static const char *
sqlite_get_server_id (LotseServerStorage *storage)
{
  return ((SqliteStorage *)storage)->server_id;
}

static gboolean
sqlite_new_server_id (LotseServerStorage  *storage,
                      GError             **error)
{
  SqliteStorage *self = (SqliteStorage *)storage;
  g_autofree char *server_id = lotse_new_uuid ();
  g_autofree char *sql = NULL;

  /* The id is a UUID made here: no quoting needed. */
  sql = g_strdup_printf ("UPDATE meta SET value = '%s' WHERE key = 'server_id'", server_id);
  if (!exec_sql (self, sql, error))
    return FALSE;

  g_free (self->server_id);
  self->server_id = g_steal_pointer (&server_id);
  return TRUE;
}

static gboolean
sqlite_begin (LotseServerStorage  *storage,
              GError             **error)
{
  SqliteStorage *self = (SqliteStorage *)storage;

  self->chain_valid = FALSE;
  return exec_sql (self, "BEGIN IMMEDIATE", error);
}

static gboolean
sqlite_commit (LotseServerStorage  *storage,
               GError             **error)
{
  return exec_sql ((SqliteStorage *)storage, "COMMIT", error);
}

static void
sqlite_rollback (LotseServerStorage *storage)
{
  SqliteStorage *self = (SqliteStorage *)storage;

  self->chain_valid = FALSE;
  if (!sqlite3_get_autocommit (self->db))
    sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
}

static gboolean
step_done (SqliteStorage  *self,
           sqlite3_stmt   *stmt,
           GError        **error)
{
  int rc = sqlite3_step (stmt);

  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return set_db_error (self, error);
  return TRUE;
}

static gboolean
sqlite_account_add (LotseServerStorage  *storage,
                    const char          *name,
                    const char          *role,
                    const char          *password_hash,
                    GError             **error)
{
  SqliteStorage *self = (SqliteStorage *)storage;
  sqlite3_stmt *stmt = get_stmt (self, STMT_ACCOUNT_ADD, error);
  g_autofree char *now = now_iso8601 ();
  int rc;

  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, role, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, password_hash, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, now, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);

  if (rc == SQLITE_CONSTRAINT)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS,
                   _("A user “%s” exists already"), name);
      return FALSE;
    }
  if (rc != SQLITE_DONE)
    return set_db_error (self, error);

  return TRUE;
}

static LotseServerAccount *
sqlite_account_get (LotseServerStorage  *storage,
                    const char          *name,
                    GError             **error)
{
  SqliteStorage *self = (SqliteStorage *)storage;
  sqlite3_stmt *stmt = get_stmt (self, STMT_ACCOUNT_GET, error);
  LotseServerAccount *account;
  int rc;

  if (stmt == NULL)
    return NULL;

  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    {
      sqlite3_reset (stmt);
      return NULL;
    }
  if (rc != SQLITE_ROW)
    {
      set_db_error (self, error);
      sqlite3_reset (stmt);
      return NULL;
    }

  account = g_new0 (LotseServerAccount, 1);
  account->name = column_dup (stmt, 0);
  account->role = column_dup (stmt, 1);
  account->password_hash = column_dup (stmt, 2);
  account->created_at = column_dup (stmt, 3);
  sqlite3_reset (stmt);

  return account;
}

static GPtrArray *
sqlite_account_list (LotseServerStorage  *storage,
                     GError             **error)
{
  SqliteStorage *self = (SqliteStorage *)storage;
  sqlite3_stmt *stmt = get_stmt (self, STMT_ACCOUNT_LIST, error);
  g_autoptr(GPtrArray) accounts = NULL;
  int rc;

  if (stmt == NULL)
    return NULL;

  accounts = g_ptr_array_new_with_free_func ((GDestroyNotify)lotse_server_account_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      LotseServerAccount *account = g_new0 (LotseServerAccount, 1);

      account->name = column_dup (stmt, 0);
      account->role = column_dup (stmt, 1);
      account->created_at = column_dup (stmt, 2);
      account->n_devices = sqlite3_column_int (stmt, 3);
      g_ptr_array_add (accounts, account);
    }
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      set_db_error (self, error);
      return NULL;
    }

  return g_steal_pointer (&accounts);
}

static int
revoke_tokens (SqliteStorage  *self,
        StmtId          id,
        const char     *key,
        GError        **error)
{
  sqlite3_stmt *stmt = get_stmt (self, id, error);
  g_autofree char *now = now_iso8601 ();

  if (stmt == NULL)
    return -1;

  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, now, -1, SQLITE_TRANSIENT);
  if (!step_done (self, stmt, error))
    return -1;

  return sqlite3_changes (self->db);
}

static int
sqlite_revoke_device (LotseServerStorage  *storage,
                      const char          *device_id,
                      GError             **error)
{
  return revoke_tokens ((SqliteStorage *)storage, STMT_REVOKE_DEVICE, device_id, error);
}

static int
sqlite_revoke_account (LotseServerStorage  *storage,
                       const char          *account,
                       GError             **error)
{
  return revoke_tokens ((SqliteStorage *)storage, STMT_REVOKE_ACCOUNT, account, error);
}

static gboolean
sqlite_account_remove (LotseServerStorage  *storage,
                       const char          *name,
                       GError             **error)
{
  SqliteStorage *self = (SqliteStorage *)storage;
  sqlite3_stmt *stmt;

  if (!sqlite_begin (storage, error))
    return FALSE;

  if (sqlite_revoke_account (storage, name, error) < 0)
    goto failed;

  stmt = get_stmt (self, STMT_ACCOUNT_REMOVE, error);
  if (stmt == NULL)
    goto failed;
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_TRANSIENT);
  if (!step_done (self, stmt, error))
    goto failed;

  if (sqlite3_changes (self->db) == 0)
    {
      g_set_error (error, LOTSE_ERROR, LOTSE_ERROR_NOT_FOUND,
                   _("There is no user “%s”"), name);
      goto failed;
    }

  return sqlite_commit (storage, error);

failed:
  sqlite_rollback (storage);
  return FALSE;
}

static gboolean
sqlite_device_add (LotseServerStorage  *storage,
                   const char          *device_id,
                   const char          *account,
                   const char          *device_name,
                   const char          *token_hash,
                   GError             **error)
{
  SqliteStorage *self = (SqliteStorage *)storage;
  sqlite3_stmt *stmt = get_stmt (self, STMT_DEVICE_ADD, error);
  g_autofree char *now = now_iso8601 ();

  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, device_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, account, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, device_name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, token_hash, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 5, now, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 6, g_get_real_time () / G_USEC_PER_SEC);

  return step_done (self, stmt, error);
}

static gboolean
sqlite_device_touch (LotseServerStorage  *storage,
                     const char          *device_id,
                     gint64               now,
                     GError             **error)
{
  SqliteStorage *self = (SqliteStorage *)storage;
  sqlite3_stmt *stmt = get_stmt (self, STMT_DEVICE_TOUCH, error);

  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, device_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, now);

  return step_done (self, stmt, error);
}

static LotseServerSession *
sqlite_token_lookup (LotseServerStorage  *storage,
                     const char          *token_hash,
                     GError             **error)
{
  SqliteStorage *self = (SqliteStorage *)storage;
  sqlite3_stmt *stmt = get_stmt (self, STMT_TOKEN_LOOKUP, error);
  LotseServerSession *session = NULL;
  int rc;

  if (stmt == NULL)
    return NULL;

  sqlite3_bind_text (stmt, 1, token_hash, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      session = g_new0 (LotseServerSession, 1);
      session->device_id = column_dup (stmt, 0);
      session->account = column_dup (stmt, 1);
      session->role = column_dup (stmt, 2);
      session->last_used = sqlite3_column_int64 (stmt, 3);
    }
  else if (rc != SQLITE_DONE)
    set_db_error (self, error);
  sqlite3_reset (stmt);

  return session;
}

static gboolean
sqlite_auth_version (LotseServerStorage  *storage,
                     gint64              *version,
                     GError             **error)
{
  SqliteStorage *self = (SqliteStorage *)storage;
  sqlite3_stmt *stmt = get_stmt (self, STMT_DATA_VERSION, error);
  int rc;

  if (stmt == NULL)
    return FALSE;

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    *version = sqlite3_column_int64 (stmt, 0);
  else
    set_db_error (self, error);
  sqlite3_reset (stmt);

  return rc == SQLITE_ROW;
}

/* Nested calls, or one inside a transaction already open, share it. */
static gboolean
sqlite_begin_read (LotseServerStorage  *storage,
                   GError             **error)
{
  SqliteStorage *self = (SqliteStorage *)storage;
  sqlite3_stmt *stmt;

  if (self->read_depth > 0 || !sqlite3_get_autocommit (self->db))
    {
      self->read_depth++;
      return TRUE;
    }

  stmt = get_stmt (self, STMT_BEGIN_READ, error);
  if (stmt == NULL || !step_done (self, stmt, error))
    return FALSE;

  self->read_depth = 1;
  self->read_began = TRUE;
  return TRUE;
}

static void
sqlite_end_read (LotseServerStorage *storage)
{
  SqliteStorage *self = (SqliteStorage *)storage;
  sqlite3_stmt *stmt;

  g_return_if_fail (self->read_depth > 0);

  if (--self->read_depth > 0 || !self->read_began)
    return;

  self->read_began = FALSE;
  if (sqlite3_get_autocommit (self->db))
    return;

  stmt = get_stmt (self, STMT_END_READ, NULL);
  if (stmt == NULL || !step_done (self, stmt, NULL))
    sqlite_rollback (storage);
}

static LotseServerRow *
row_from_stmt (SqliteStorage     *self,
               sqlite3_stmt      *stmt,
               const LotseTable  *table,
               const char        *id,
               int                first,
               gboolean           with_origin,
               gboolean           raw_fields,
               GError           **error)
{
  g_autoptr(LotseServerRow) row = lotse_server_row_new (table, id);

  row->rev = sqlite3_column_int64 (stmt, first);
  row->seq = sqlite3_column_int64 (stmt, first + 1);
  row->deleted = sqlite3_column_int (stmt, first + 2) != 0;
  if (raw_fields)
    row->fields_json = column_dup (stmt, first + 3);
  else if (!lotse_server_row_fields_from_json (row, (const char *)sqlite3_column_text (stmt, first + 3), error))
    return NULL;
  row->updated_at = column_dup (stmt, first + 4);
  if (with_origin)
    {
      row->device_id = column_dup (stmt, first + 5);
      row->account = column_dup (stmt, first + 6);
    }

  return g_steal_pointer (&row);
}

static LotseServerRow *
lookup_row (SqliteStorage     *self,
            StmtId             id,
            const LotseTable  *table,
            const char        *row_id,
            gint64             rev,
            GError           **error)
{
  sqlite3_stmt *stmt = get_stmt (self, id, error);
  LotseServerRow *row = NULL;
  int rc;

  if (stmt == NULL)
    return NULL;

  sqlite3_bind_text (stmt, 1, table->name, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, row_id, -1, SQLITE_TRANSIENT);
  if (id == STMT_REVISION_GET)
    sqlite3_bind_int64 (stmt, 3, rev);

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    row = row_from_stmt (self, stmt, table, row_id, 0, id == STMT_REVISION_GET, FALSE, error);
  else if (rc != SQLITE_DONE)
    set_db_error (self, error);
  sqlite3_reset (stmt);

  return row;
}

static LotseServerRow *
sqlite_row_get (LotseServerStorage  *storage,
                const LotseTable    *table,
                const char          *id,
                GError             **error)
{
  return lookup_row ((SqliteStorage *)storage, STMT_ROW_GET, table, id, 0, error);
}

static gboolean
sqlite_row_exists (LotseServerStorage  *storage,
                   const LotseTable    *table,
                   const char          *id,
                   gboolean            *out_exists,
                   GError             **error)
{
  SqliteStorage *self = (SqliteStorage *)storage;
  sqlite3_stmt *stmt = get_stmt (self, STMT_ROW_EXISTS, error);
  int rc;

  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, table->name, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, id, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return set_db_error (self, error);

  *out_exists = rc == SQLITE_ROW;
  return TRUE;
}

static LotseServerRow *
sqlite_revision_get (LotseServerStorage  *storage,
                     const LotseTable    *table,
                     const char          *id,
                     gint64               rev,
                     GError             **error)
{
  return lookup_row ((SqliteStorage *)storage, STMT_REVISION_GET, table, id, rev, error);
}

static gboolean
load_chain_head (SqliteStorage  *self,
                 GError        **error)
{
  sqlite3_stmt *stmt = get_stmt (self, STMT_CHAIN_HEAD, error);
  int rc;

  if (stmt == NULL)
    return FALSE;

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW && sqlite3_column_type (stmt, 1) == SQLITE_TEXT &&
      sqlite3_column_bytes (stmt, 1) == LOTSE_SERVER_DIGEST_LENGTH)
    memcpy (self->chain_digest, sqlite3_column_text (stmt, 1), LOTSE_SERVER_DIGEST_LENGTH + 1);
  else if (rc == SQLITE_DONE)
    memcpy (self->chain_digest, LOTSE_SERVER_DIGEST_EMPTY, LOTSE_SERVER_DIGEST_LENGTH + 1);
  else
    {
      if (rc == SQLITE_ROW)
        g_set_error_literal (error, LOTSE_ERROR, LOTSE_ERROR_CORRUPT, "a history row has no digest");
      else
        set_db_error (self, error);
      sqlite3_reset (stmt);
      return FALSE;
    }
  sqlite3_reset (stmt);

  self->chain_valid = TRUE;
  return TRUE;
}

static gboolean
sqlite_revision_write (LotseServerStorage  *storage,
                       LotseServerRow      *row,
                       GError             **error)
{
  SqliteStorage *self = (SqliteStorage *)storage;
  g_autofree char *fields = lotse_server_row_fields_to_json (row);
  g_autofree char *rev = NULL;
  char digest[LOTSE_SERVER_DIGEST_LENGTH + 1];
  sqlite3_stmt *stmt;

  if (row->updated_at == NULL)
    row->updated_at = now_iso8601 ();

  if (!self->chain_valid && !load_chain_head (self, error))
    return FALSE;
  rev = g_strdup_printf ("%" G_GINT64_FORMAT, row->rev);
  {
    const char * const revision[8] = {
      row->table->name, row->id, rev, row->deleted ? "1" : "0", fields, row->device_id, row->account,
      row->updated_at,
    };

    lotse_server_chain_digest (self->chain_digest, revision, digest);
  }

  stmt = get_stmt (self, STMT_HISTORY_INSERT, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, row->table->name, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, row->id, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 3, row->rev);
  sqlite3_bind_int (stmt, 4, row->deleted ? 1 : 0);
  sqlite3_bind_text (stmt, 5, fields, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 6, row->device_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 7, row->account, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 8, row->updated_at, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 9, digest, -1, SQLITE_STATIC);
  if (!step_done (self, stmt, error))
    {
      self->chain_valid = FALSE;
      return FALSE;
    }
  row->seq = sqlite3_last_insert_rowid (self->db);
  memcpy (self->chain_digest, digest, sizeof digest);

  stmt = get_stmt (self, STMT_ROW_UPSERT, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, row->table->name, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, row->id, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 3, row->rev);
  sqlite3_bind_int64 (stmt, 4, row->seq);
  sqlite3_bind_int (stmt, 5, row->deleted ? 1 : 0);
  sqlite3_bind_text (stmt, 6, fields, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 7, row->updated_at, -1, SQLITE_STATIC);

  return step_done (self, stmt, error);
}

static gboolean
sqlite_op_get (LotseServerStorage  *storage,
               const char          *op_id,
               char               **account,
               char               **result_json,
               GError             **error)
{
  SqliteStorage *self = (SqliteStorage *)storage;
  sqlite3_stmt *stmt = get_stmt (self, STMT_OP_GET, error);
  int rc;

  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, op_id, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      *account = column_dup (stmt, 0);
      *result_json = column_dup (stmt, 1);
    }
  else if (rc != SQLITE_DONE)
    set_db_error (self, error);
  sqlite3_reset (stmt);

  return rc == SQLITE_ROW;
}

static gboolean
sqlite_op_put (LotseServerStorage  *storage,
               const char          *op_id,
               const char          *account,
               const char          *result_json,
               GError             **error)
{
  SqliteStorage *self = (SqliteStorage *)storage;
  sqlite3_stmt *stmt = get_stmt (self, STMT_OP_PUT, error);

  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, op_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, account, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, result_json, -1, SQLITE_STATIC);

  return step_done (self, stmt, error);
}

static gboolean
sqlite_seq_range (LotseServerStorage  *storage,
                  gint64              *horizon,
                  gint64              *current,
                  GError             **error)
{
  SqliteStorage *self = (SqliteStorage *)storage;
  sqlite3_stmt *stmt = get_stmt (self, STMT_SEQ_CURRENT, error);
  int rc;

  if (stmt == NULL)
    return FALSE;

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      *current = sqlite3_column_int64 (stmt, 0);
      *horizon = sqlite3_column_int64 (stmt, 1);
    }
  else
    set_db_error (self, error);
  sqlite3_reset (stmt);

  return rc == SQLITE_ROW;
}

static GPtrArray *
sqlite_pull (LotseServerStorage  *storage,
             gint64               after,
             guint                limit,
             GError             **error)
{
  SqliteStorage *self = (SqliteStorage *)storage;
  sqlite3_stmt *stmt = get_stmt (self, STMT_PULL, error);
  g_autoptr(GPtrArray) rows = NULL;
  int rc;

  if (stmt == NULL)
    return NULL;

  rows = g_ptr_array_new_with_free_func ((GDestroyNotify)lotse_server_row_free);
  sqlite3_bind_int64 (stmt, 1, after);
  sqlite3_bind_int64 (stmt, 2, limit);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const LotseTable *table = lotse_schema_lookup_table ((const char *)sqlite3_column_text (stmt, 0));
      LotseServerRow *row;

      /* A table a newer schema dropped: nothing a client could store. */
      if (table == NULL)
        continue;

      row = row_from_stmt (self, stmt, table, (const char *)sqlite3_column_text (stmt, 1),
                           2, FALSE, TRUE, error);
      if (row == NULL)
        {
          sqlite3_reset (stmt);
          return NULL;
        }
      g_ptr_array_add (rows, row);
    }
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      set_db_error (self, error);
      return NULL;
    }

  return g_steal_pointer (&rows);
}

static GPtrArray *
sqlite_history (LotseServerStorage  *storage,
                const LotseTable    *table,
                const char          *id,
                gint64               from_rev,
                GError             **error)
{
  SqliteStorage *self = (SqliteStorage *)storage;
  sqlite3_stmt *stmt = get_stmt (self, STMT_HISTORY, error);
  g_autoptr(GPtrArray) rows = NULL;
  int rc;

  if (stmt == NULL)
    return NULL;

  rows = g_ptr_array_new_with_free_func ((GDestroyNotify)lotse_server_row_free);
  sqlite3_bind_text (stmt, 1, table->name, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 3, from_rev);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      LotseServerRow *row = row_from_stmt (self, stmt, table, id, 0, TRUE, FALSE, error);

      if (row == NULL)
        {
          sqlite3_reset (stmt);
          return NULL;
        }
      g_ptr_array_add (rows, row);
    }
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      set_db_error (self, error);
      return NULL;
    }

  return g_steal_pointer (&rows);
}

static char *
sqlite_digest_at (LotseServerStorage  *storage,
                  gint64               seq,
                  GError             **error)
{
  SqliteStorage *self = (SqliteStorage *)storage;
  sqlite3_stmt *stmt;
  char *digest = NULL;
  int rc;

  if (seq == 0)
    return g_strdup (LOTSE_SERVER_DIGEST_EMPTY);

  stmt = get_stmt (self, STMT_DIGEST_AT, error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, seq);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    digest = column_dup (stmt, 0);
  else if (rc != SQLITE_DONE)
    set_db_error (self, error);
  sqlite3_reset (stmt);

  return digest;
}

static const LotseServerStorageVTable sqlite_vtable = {
  .free = sqlite_free,
  .get_server_id = sqlite_get_server_id,
  .new_server_id = sqlite_new_server_id,
  .begin = sqlite_begin,
  .commit = sqlite_commit,
  .rollback = sqlite_rollback,
  .account_add = sqlite_account_add,
  .account_get = sqlite_account_get,
  .account_list = sqlite_account_list,
  .account_remove = sqlite_account_remove,
  .device_add = sqlite_device_add,
  .token_lookup = sqlite_token_lookup,
  .device_touch = sqlite_device_touch,
  .revoke_device = sqlite_revoke_device,
  .revoke_account = sqlite_revoke_account,
  .auth_version = sqlite_auth_version,
  .begin_read = sqlite_begin_read,
  .end_read = sqlite_end_read,
  .row_get = sqlite_row_get,
  .row_exists = sqlite_row_exists,
  .revision_get = sqlite_revision_get,
  .revision_write = sqlite_revision_write,
  .op_get = sqlite_op_get,
  .op_put = sqlite_op_put,
  .seq_range = sqlite_seq_range,
  .pull = sqlite_pull,
  .history = sqlite_history,
  .digest_at = sqlite_digest_at,
};

static gint64
query_int (SqliteStorage *self,
           const char    *sql)
{
  sqlite3_stmt *stmt = NULL;
  gint64 value = -1;

  if (sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);

  return value;
}

/* Version 1 had no digests: they are computed for the history there is,
 * in seq order, as revision_write() would have. A backup of version 1
 * restored later gets the same digests again. */
static gboolean
add_digests (SqliteStorage  *self,
             GError        **error)
{
  sqlite3_stmt *select = NULL;
  sqlite3_stmt *update = NULL;
  char digest[LOTSE_SERVER_DIGEST_LENGTH + 1] = LOTSE_SERVER_DIGEST_EMPTY;
  gboolean ok = FALSE;
  int rc;

  if (!exec_sql (self, "BEGIN IMMEDIATE; ALTER TABLE history ADD COLUMN digest TEXT;", error))
    goto out;

  if (sqlite3_prepare_v2 (self->db, "SELECT seq, tbl, id, rev, deleted, fields, device_id, account, committed_at"
                          " FROM history ORDER BY seq", -1, &select, NULL) != SQLITE_OK ||
      sqlite3_prepare_v2 (self->db, "UPDATE history SET digest = ?2 WHERE seq = ?1", -1, &update, NULL) != SQLITE_OK)
    {
      set_db_error (self, error);
      goto out;
    }

  while ((rc = sqlite3_step (select)) == SQLITE_ROW)
    {
      const char *revision[8];

      for (guint i = 0; i < G_N_ELEMENTS (revision); i++)
        revision[i] = (const char *)sqlite3_column_text (select, 1 + i);
      lotse_server_chain_digest (digest, revision, digest);

      sqlite3_bind_int64 (update, 1, sqlite3_column_int64 (select, 0));
      sqlite3_bind_text (update, 2, digest, -1, SQLITE_STATIC);
      if (sqlite3_step (update) != SQLITE_DONE)
        break;
      sqlite3_reset (update);
    }

  if (rc != SQLITE_DONE)
    set_db_error (self, error);
  else
    ok = exec_sql (self, "PRAGMA user_version = 2; COMMIT", error);

out:
  sqlite3_finalize (select);
  sqlite3_finalize (update);
  if (!ok)
    sqlite_rollback (&self->parent);
  return ok;
}

/* Version 3: tokens expire when unused (devices.last_used). When they
 * were last used before is not known: every token counts as used at the
 * upgrade. */
static gboolean
migrate_token_use (SqliteStorage  *self,
                   GError        **error)
{
  g_autofree char *sql = g_strdup_printf ("ALTER TABLE devices ADD COLUMN last_used INTEGER NOT NULL DEFAULT 0;"
                                          "UPDATE devices SET last_used = %" G_GINT64_FORMAT ";"
                                          "PRAGMA user_version = 3;",
                                          g_get_real_time () / G_USEC_PER_SEC);

  if (!exec_sql (self, "BEGIN IMMEDIATE", error))
    return FALSE;
  if (!exec_sql (self, sql, error))
    {
      sqlite_rollback (&self->parent);
      return FALSE;
    }
  return exec_sql (self, "COMMIT", error);
}

static gboolean
migrate (SqliteStorage  *self,
         GError        **error)
{
  gint64 version = query_int (self, "PRAGMA user_version");
  g_autofree char *server_id = NULL;
  g_autofree char *insert = NULL;

  if (version > SCHEMA_VERSION)
    {
      g_set_error (error, LOTSE_ERROR, LOTSE_ERROR_NEWER_VERSION,
                   _("The server database was written by a newer version of lotse-server"));
      return FALSE;
    }
  if (version == SCHEMA_VERSION)
    return TRUE;
  /* One step after the other. */
  if (version == 1 && !add_digests (self, error))
    return FALSE;
  if (version == 1 || version == 2)
    return migrate_token_use (self, error);
  if (version != 0 || query_int (self, "SELECT count(*) FROM sqlite_master") != 0)
    {
      g_set_error (error, LOTSE_ERROR, LOTSE_ERROR_CORRUPT,
                   _("The file is not a lotse-server database"));
      return FALSE;
    }

  server_id = lotse_new_uuid ();
  /* The id is a UUID made here: no quoting needed. */
  insert = g_strdup_printf ("INSERT INTO meta (key, value) VALUES ('server_id', '%s');"
                            "PRAGMA user_version = %d;", server_id, SCHEMA_VERSION);
  if (!exec_sql (self, "BEGIN IMMEDIATE", error))
    return FALSE;
  if (!exec_sql (self, schema_sql, error) || !exec_sql (self, insert, error))
    {
      sqlite_rollback (&self->parent);
      return FALSE;
    }
  return exec_sql (self, "COMMIT", error);
}

/* LOTSE_SERVER_MAX_PAGES=N (tests only): the database cannot grow beyond
 * N pages, so that a full disk can be tried without filling one. */
static gboolean
limit_pages (SqliteStorage  *self,
             GError        **error)
{
  const char *text = g_getenv ("LOTSE_SERVER_MAX_PAGES");
  g_autofree char *sql = NULL;
  guint64 pages;

  if (text == NULL || !g_ascii_string_to_unsigned (text, 10, 1, G_MAXINT32, &pages, NULL))
    return TRUE;

  sql = g_strdup_printf ("PRAGMA max_page_count = %" G_GUINT64_FORMAT, pages);
  return exec_sql (self, sql, error);
}

/**
 * lotse_server_storage_sqlite_open:
 * @path: the database file, created when missing
 *
 * Returns: (transfer full) (nullable): the storage, or %NULL with @error set
 */
LotseServerStorage *
lotse_server_storage_sqlite_open (const char  *path,
                                  GError     **error)
{
  SqliteStorage *self = g_new0 (SqliteStorage, 1);
  sqlite3_stmt *stmt = NULL;

  self->parent.vtable = &sqlite_vtable;

  if (sqlite3_open_v2 (path, &self->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE |
                       SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK)
    {
      g_set_error (error, LOTSE_ERROR, LOTSE_ERROR_DATABASE,
                   _("Could not open “%s”: %s"), path, sqlite3_errmsg (self->db));
      sqlite_free (&self->parent);
      return NULL;
    }

  sqlite3_busy_timeout (self->db, 10000);
  if (!exec_sql (self, "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL;"
                 " PRAGMA cache_size = -65536;", error) ||
      !migrate (self, error) ||
      !limit_pages (self, error))
    {
      g_prefix_error (error, "%s: ", path);
      sqlite_free (&self->parent);
      return NULL;
    }

  if (sqlite3_prepare_v2 (self->db, "SELECT value FROM meta WHERE key = 'server_id'", -1,
                          &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    self->server_id = column_dup (stmt, 0);
  sqlite3_finalize (stmt);

  if (self->server_id == NULL)
    {
      g_set_error (error, LOTSE_ERROR, LOTSE_ERROR_CORRUPT,
                   _("The file is not a lotse-server database"));
      sqlite_free (&self->parent);
      return NULL;
    }

  return &self->parent;
}
