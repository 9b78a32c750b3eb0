/* lotse-server-storage-sqlite.c: the SQLite backend of lotse-server
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One file in the data directory, WAL journal, synchronous=FULL so that a
 * committed push survives a power cut. Sequence numbers count each
 * workspace's history, 1, 2, 3, … as in PostgreSQL (a workspace copied
 * from there keeps its seqs): writers are serialised by BEGIN IMMEDIATE,
 * so their order is commit order. Every statement names the workspace of
 * the handle (?1).
 */

#define G_LOG_DOMAIN "lotse-server"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "lotse-server-storage-sqlite-private.h"

static const char * const stmt_sql[N_STMTS] = {
  [STMT_ACCOUNT_ADD] =
    "INSERT INTO accounts (ws, name, role, password_hash, created_at) VALUES (?1, ?2, ?3, ?4, ?5)",
  [STMT_ACCOUNT_GET] =
    "SELECT name, role, password_hash, created_at FROM accounts WHERE ws = ?1 AND name = ?2",
  [STMT_ACCOUNT_LIST] =
    "SELECT a.name, a.role, a.created_at,"
    " (SELECT count(*) FROM devices d WHERE d.ws = a.ws AND d.account = a.name AND d.revoked_at IS NULL"
    "  AND d.name NOT IN ('" LOTSE_PORTAL_SESSION_DEVICE "', '" LOTSE_PORTAL_FEED_DEVICE "'))"
    " FROM accounts a WHERE a.ws = ?1 ORDER BY a.name",
  [STMT_ACCOUNT_REMOVE] =
    "DELETE FROM accounts WHERE ws = ?1 AND name = ?2",
  [STMT_DEVICE_ADD] =
    "INSERT INTO devices (ws, id, account, name, token_hash, created_at, last_used)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
  [STMT_TOKEN_LOOKUP] =
    "SELECT d.id, d.account, a.role, d.last_used FROM devices d"
    " JOIN accounts a ON a.ws = d.ws AND a.name = d.account"
    " WHERE d.token_hash = ?2 AND d.ws = ?1 AND d.revoked_at IS NULL",
  [STMT_DEVICE_TOUCH] =
    "UPDATE devices SET last_used = ?3 WHERE ws = ?1 AND id = ?2",
  [STMT_REVOKE_DEVICE] =
    "UPDATE devices SET revoked_at = ?3 WHERE ws = ?1 AND id = ?2 AND revoked_at IS NULL",
  [STMT_REVOKE_ACCOUNT] =
    "UPDATE devices SET revoked_at = ?3 WHERE ws = ?1 AND account = ?2 AND revoked_at IS NULL",
  [STMT_DEVICE_REMOVE_OLDER] =
    "DELETE FROM devices WHERE ws = ?1 AND name = ?2 AND created_at < ?3",
  /* Changes when another connection (here: another process) commits. */
  [STMT_DATA_VERSION] =
    "PRAGMA data_version",
  /* Deferred: the snapshot starts with the first read. */
  [STMT_BEGIN_READ] =
    "BEGIN",
  [STMT_END_READ] =
    "COMMIT",
  [STMT_ROW_GET] =
    "SELECT rev, seq, deleted, fields, updated_at FROM rows WHERE ws = ?1 AND tbl = ?2 AND id = ?3",
  [STMT_ROW_EXISTS] =
    "SELECT 1 FROM rows WHERE ws = ?1 AND tbl = ?2 AND id = ?3",
  [STMT_REVISION_GET] =
    "SELECT rev, seq, deleted, fields, committed_at, device_id, account FROM history"
    " WHERE ws = ?1 AND tbl = ?2 AND id = ?3 AND rev = ?4",
  [STMT_HISTORY_INSERT] =
    "INSERT INTO history (ws, seq, tbl, id, rev, deleted, fields, device_id, account, committed_at, digest)"
    " VALUES (?1, (SELECT coalesce (max (seq), 0) + 1 FROM history WHERE ws = ?1),"
    " ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10) RETURNING seq",
  [STMT_ROW_UPSERT] =
    "INSERT INTO rows (ws, tbl, id, rev, seq, deleted, fields, updated_at)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)"
    " ON CONFLICT (ws, tbl, id) DO UPDATE SET rev = excluded.rev, seq = excluded.seq,"
    " deleted = excluded.deleted, fields = excluded.fields, updated_at = excluded.updated_at",
  [STMT_OP_GET] =
    "SELECT account, result FROM ops WHERE ws = ?1 AND op_id = ?2",
  [STMT_OP_PUT] =
    "INSERT INTO ops (ws, op_id, account, result) VALUES (?1, ?2, ?3, ?4)",
  [STMT_SEQ_CURRENT] =
    "SELECT coalesce((SELECT seq FROM history WHERE ws = ?1 ORDER BY seq DESC LIMIT 1), 0),"
    " (SELECT horizon FROM workspaces WHERE id = ?1)",
  [STMT_PULL] =
    "SELECT tbl, id, rev, seq, deleted, fields, updated_at FROM rows"
    " WHERE ws = ?1 AND seq > ?2 AND seq <= ?3 ORDER BY seq LIMIT ?4",
  [STMT_HISTORY] =
    "SELECT rev, seq, deleted, fields, committed_at, device_id, account FROM history"
    " WHERE ws = ?1 AND tbl = ?2 AND id = ?3 AND rev >= ?4 ORDER BY rev",
  [STMT_CHAIN_HEAD] =
    "SELECT seq, digest FROM history WHERE ws = ?1 ORDER BY seq DESC LIMIT 1",
  [STMT_DIGEST_AT] =
    "SELECT digest FROM history WHERE seq = ?2 AND ws = ?1",
  [STMT_WORKSPACE_GET] =
    "SELECT id, server_id FROM workspaces WHERE name = ?1",
};

gboolean
sqlite_storage_error (SqliteStorage  *self,
                      GError        **error)
{
  int code = sqlite3_errcode (self->db->db);

  if (code == SQLITE_FULL)
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE,
                 _("Database error: %s"), sqlite3_errmsg (self->db->db));
  else if (code == SQLITE_BUSY)
    g_set_error (error, LOTSE_ERROR, LOTSE_ERROR_BUSY,
                 _("Database error: %s"), sqlite3_errmsg (self->db->db));
  else
    g_set_error (error, LOTSE_ERROR, LOTSE_ERROR_DATABASE,
                 _("Database error: %s"), sqlite3_errmsg (self->db->db));
  return FALSE;
}

gboolean
sqlite_storage_exec (SqliteStorage  *self,
                     const char     *sql,
                     GError        **error)
{
  if (sqlite3_exec (self->db->db, sql, NULL, NULL, NULL) != SQLITE_OK)
    return sqlite_storage_error (self, error);
  return TRUE;
}

/* The statement, reset, with the handle's workspace bound to ?1 (where
 * it has one). */
sqlite3_stmt *
sqlite_storage_stmt (SqliteStorage  *self,
                     SqliteStmt      id,
                     GError        **error)
{
  SqliteDb *db = self->db;

  if (db->stmts[id] == NULL &&
      sqlite3_prepare_v3 (db->db, stmt_sql[id], -1, SQLITE_PREPARE_PERSISTENT,
                          &db->stmts[id], NULL) != SQLITE_OK)
    {
      sqlite_storage_error (self, error);
      return NULL;
    }

  sqlite3_reset (db->stmts[id]);
  sqlite3_clear_bindings (db->stmts[id]);
  if (sqlite3_bind_parameter_count (db->stmts[id]) > 0 && id != STMT_WORKSPACE_GET)
    sqlite3_bind_int64 (db->stmts[id], 1, self->ws);
  return db->stmts[id];
}

/* A statement of the workspace: refused on the database's handle. */
sqlite3_stmt *
sqlite_storage_ws_stmt (SqliteStorage  *self,
         SqliteStmt      id,
         GError        **error)
{
  if (!lotse_server_storage_check_workspace (self->ws, error))
    return NULL;
  return sqlite_storage_stmt (self, id, error);
}

char *
sqlite_storage_column_dup (sqlite3_stmt *stmt,
                           int           column)
{
  return g_strdup ((const char *)sqlite3_column_text (stmt, column));
}


static void
sqlite_free (LotseServerStorage *storage)
{
  SqliteStorage *self = (SqliteStorage *)storage;

  if (--self->db->refs == 0)
    {
      for (guint i = 0; i < N_STMTS; i++)
        sqlite3_finalize (self->db->stmts[i]);
      sqlite3_close (self->db->db);
      g_free (self->db);
    }
  g_free (self->name);
  g_free (self->server_id);
  g_free (self);
}

static const char *
sqlite_get_workspace (LotseServerStorage *storage)
{
  return ((SqliteStorage *)storage)->name;
}

static const char *
sqlite_get_server_id (LotseServerStorage *storage)
{
  return ((SqliteStorage *)storage)->server_id;
}

gboolean
sqlite_storage_begin (LotseServerStorage  *storage,
              GError             **error)
{
  SqliteStorage *self = (SqliteStorage *)storage;

  self->chain_valid = FALSE;
  return sqlite_storage_exec (self, "BEGIN IMMEDIATE", error);
}

gboolean
sqlite_storage_commit (LotseServerStorage  *storage,
               GError             **error)
{
  return sqlite_storage_exec ((SqliteStorage *)storage, "COMMIT", error);
}

void
sqlite_storage_rollback (LotseServerStorage *storage)
{
  SqliteStorage *self = (SqliteStorage *)storage;

  self->chain_valid = FALSE;
  if (!sqlite3_get_autocommit (self->db->db))
    sqlite3_exec (self->db->db, "ROLLBACK", NULL, NULL, NULL);
}

gboolean
sqlite_storage_step_done (SqliteStorage  *self,
                          sqlite3_stmt   *stmt,
                          GError        **error)
{
  int rc = sqlite3_step (stmt);

  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return sqlite_storage_error (self, error);
  return TRUE;
}

/* Nested calls, or one inside a transaction already open, share it. */
static gboolean
sqlite_begin_read (LotseServerStorage  *storage,
                   GError             **error)
{
  SqliteStorage *self = (SqliteStorage *)storage;
  SqliteDb *db = self->db;
  sqlite3_stmt *stmt;

  if (db->read_depth > 0 || !sqlite3_get_autocommit (db->db))
    {
      db->read_depth++;
      return TRUE;
    }

  stmt = sqlite_storage_stmt (self, STMT_BEGIN_READ, error);
  if (stmt == NULL || !sqlite_storage_step_done (self, stmt, error))
    return FALSE;

  db->read_depth = 1;
  db->read_began = TRUE;
  return TRUE;
}

static void
sqlite_end_read (LotseServerStorage *storage)
{
  SqliteStorage *self = (SqliteStorage *)storage;
  SqliteDb *db = self->db;
  sqlite3_stmt *stmt;

  g_return_if_fail (db->read_depth > 0);

  if (--db->read_depth > 0 || !db->read_began)
    return;

  db->read_began = FALSE;
  if (sqlite3_get_autocommit (db->db))
    return;

  stmt = sqlite_storage_stmt (self, STMT_END_READ, NULL);
  if (stmt == NULL || !sqlite_storage_step_done (self, stmt, NULL))
    sqlite_storage_rollback (storage);
}

static LotseServerRow *
row_from_stmt (sqlite3_stmt      *stmt,
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
    row->fields_json = sqlite_storage_column_dup (stmt, first + 3);
  else if (!lotse_server_row_fields_from_json (row, (const char *)sqlite3_column_text (stmt, first + 3), error))
    return NULL;
  row->updated_at = sqlite_storage_column_dup (stmt, first + 4);
  if (with_origin)
    {
      row->device_id = sqlite_storage_column_dup (stmt, first + 5);
      row->account = sqlite_storage_column_dup (stmt, first + 6);
    }

  return g_steal_pointer (&row);
}

static LotseServerRow *
lookup_row (SqliteStorage     *self,
            SqliteStmt         id,
            const LotseTable  *table,
            const char        *row_id,
            gint64             rev,
            GError           **error)
{
  sqlite3_stmt *stmt = sqlite_storage_ws_stmt (self, id, error);
  LotseServerRow *row = NULL;
  int rc;

  if (stmt == NULL)
    return NULL;

  sqlite3_bind_text (stmt, 2, table->name, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, row_id, -1, SQLITE_TRANSIENT);
  if (id == STMT_REVISION_GET)
    sqlite3_bind_int64 (stmt, 4, rev);

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    row = row_from_stmt (stmt, table, row_id, 0, id == STMT_REVISION_GET, FALSE, error);
  else if (rc != SQLITE_DONE)
    sqlite_storage_error (self, error);
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
  sqlite3_stmt *stmt = sqlite_storage_ws_stmt (self, STMT_ROW_EXISTS, error);
  int rc;

  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 2, table->name, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, id, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return sqlite_storage_error (self, error);

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

/* The seq and digest of the workspace's newest history row (0 and
 * %LOTSE_SERVER_DIGEST_EMPTY when there is none). */
static gboolean
read_chain_head (SqliteStorage  *self,
                 gint64         *seq,
                 char            digest[LOTSE_SERVER_DIGEST_LENGTH + 1],
                 GError        **error)
{
  sqlite3_stmt *stmt = sqlite_storage_ws_stmt (self, STMT_CHAIN_HEAD, error);
  int rc;

  if (stmt == NULL)
    return FALSE;

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW && sqlite3_column_type (stmt, 1) == SQLITE_TEXT &&
      sqlite3_column_bytes (stmt, 1) == LOTSE_SERVER_DIGEST_LENGTH)
    {
      *seq = sqlite3_column_int64 (stmt, 0);
      memcpy (digest, sqlite3_column_text (stmt, 1), LOTSE_SERVER_DIGEST_LENGTH + 1);
    }
  else if (rc == SQLITE_DONE)
    {
      *seq = 0;
      memcpy (digest, LOTSE_SERVER_DIGEST_EMPTY, LOTSE_SERVER_DIGEST_LENGTH + 1);
    }
  else
    {
      if (rc == SQLITE_ROW)
        g_set_error_literal (error, LOTSE_ERROR, LOTSE_ERROR_CORRUPT, "a history row has no digest");
      else
        sqlite_storage_error (self, error);
      sqlite3_reset (stmt);
      return FALSE;
    }
  sqlite3_reset (stmt);

  return TRUE;
}

static gboolean
load_chain_head (SqliteStorage  *self,
                 GError        **error)
{
  gint64 seq;

  if (!read_chain_head (self, &seq, self->chain_digest, error))
    return FALSE;

  self->chain_valid = TRUE;
  return TRUE;
}

/* Sets row->seq. */
static gboolean
insert_history (SqliteStorage         *self,
                LotseServerRow        *row,
                const char            *fields,
                const char            *digest,
                GError               **error)
{
  sqlite3_stmt *stmt = sqlite_storage_ws_stmt (self, STMT_HISTORY_INSERT, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 2, row->table->name, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, row->id, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 4, row->rev);
  sqlite3_bind_int (stmt, 5, row->deleted ? 1 : 0);
  sqlite3_bind_text (stmt, 6, fields, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 7, row->device_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 8, row->account, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 9, row->updated_at, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 10, digest, -1, SQLITE_STATIC);

  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      sqlite_storage_error (self, error);
      sqlite3_reset (stmt);
      return FALSE;
    }
  row->seq = sqlite3_column_int64 (stmt, 0);

  return sqlite_storage_step_done (self, stmt, error);
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
    row->updated_at = lotse_server_now_iso8601 ();

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

  if (!insert_history (self, row, fields, digest, error))
    {
      self->chain_valid = FALSE;
      return FALSE;
    }
  memcpy (self->chain_digest, digest, sizeof digest);

  stmt = sqlite_storage_ws_stmt (self, STMT_ROW_UPSERT, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 2, row->table->name, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, row->id, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 4, row->rev);
  sqlite3_bind_int64 (stmt, 5, row->seq);
  sqlite3_bind_int (stmt, 6, row->deleted ? 1 : 0);
  sqlite3_bind_text (stmt, 7, fields, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 8, row->updated_at, -1, SQLITE_STATIC);

  return sqlite_storage_step_done (self, stmt, error);
}

static gboolean
sqlite_op_get (LotseServerStorage  *storage,
               const char          *op_id,
               char               **account,
               char               **result_json,
               GError             **error)
{
  SqliteStorage *self = (SqliteStorage *)storage;
  sqlite3_stmt *stmt = sqlite_storage_ws_stmt (self, STMT_OP_GET, error);
  int rc;

  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 2, op_id, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      *account = sqlite_storage_column_dup (stmt, 0);
      *result_json = sqlite_storage_column_dup (stmt, 1);
    }
  else if (rc != SQLITE_DONE)
    sqlite_storage_error (self, error);
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
  sqlite3_stmt *stmt = sqlite_storage_ws_stmt (self, STMT_OP_PUT, error);

  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 2, op_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, account, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, result_json, -1, SQLITE_STATIC);

  return sqlite_storage_step_done (self, stmt, error);
}

static gboolean
sqlite_seq_range (LotseServerStorage  *storage,
                  gint64              *horizon,
                  gint64              *current,
                  char                *digest,
                  GError             **error)
{
  SqliteStorage *self = (SqliteStorage *)storage;
  sqlite3_stmt *stmt = sqlite_storage_ws_stmt (self, STMT_SEQ_CURRENT, error);
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
    sqlite_storage_error (self, error);
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW)
    return FALSE;

  if (digest != NULL)
    {
      gint64 seq;

      /* Outside a read transaction another process may have written
       * in between: the seq goes with the digest. */
      if (!read_chain_head (self, &seq, digest, error))
        return FALSE;
      *current = seq;
    }

  return TRUE;
}

static GPtrArray *
sqlite_pull (LotseServerStorage  *storage,
             gint64               after,
             gint64               upto,
             guint                limit,
             GError             **error)
{
  SqliteStorage *self = (SqliteStorage *)storage;
  sqlite3_stmt *stmt = sqlite_storage_ws_stmt (self, STMT_PULL, error);
  g_autoptr(GPtrArray) rows = NULL;
  int rc;

  if (stmt == NULL)
    return NULL;

  rows = g_ptr_array_new_with_free_func ((GDestroyNotify)lotse_server_row_free);
  sqlite3_bind_int64 (stmt, 2, after);
  sqlite3_bind_int64 (stmt, 3, upto);
  sqlite3_bind_int64 (stmt, 4, limit);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const LotseTable *table = lotse_schema_lookup_table ((const char *)sqlite3_column_text (stmt, 0));
      LotseServerRow *row;

      /* A table a newer schema dropped: nothing a client could store. */
      if (table == NULL)
        continue;

      row = row_from_stmt (stmt, table, (const char *)sqlite3_column_text (stmt, 1), 2, FALSE, TRUE, error);
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
      sqlite_storage_error (self, error);
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
  sqlite3_stmt *stmt = sqlite_storage_ws_stmt (self, STMT_HISTORY, error);
  g_autoptr(GPtrArray) rows = NULL;
  int rc;

  if (stmt == NULL)
    return NULL;

  rows = g_ptr_array_new_with_free_func ((GDestroyNotify)lotse_server_row_free);
  sqlite3_bind_text (stmt, 2, table->name, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 4, from_rev);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      LotseServerRow *row = row_from_stmt (stmt, table, id, 0, TRUE, FALSE, error);

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
      sqlite_storage_error (self, error);
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

  stmt = sqlite_storage_ws_stmt (self, STMT_DIGEST_AT, error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 2, seq);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    digest = sqlite_storage_column_dup (stmt, 0);
  else if (rc != SQLITE_DONE)
    sqlite_storage_error (self, error);
  sqlite3_reset (stmt);

  return digest;
}

static const LotseServerStorageVTable sqlite_vtable = {
  .free = sqlite_free,
  .open_workspace = sqlite_open_workspace,
  .workspace_create = sqlite_workspace_create,
  .workspace_list = sqlite_workspace_list,
  .workspace_remove = sqlite_workspace_remove,
  .get_workspace = sqlite_get_workspace,
  .get_server_id = sqlite_get_server_id,
  .new_server_id = sqlite_new_server_id,
  .begin = sqlite_storage_begin,
  .commit = sqlite_storage_commit,
  .rollback = sqlite_storage_rollback,
  .account_add = sqlite_account_add,
  .account_get = sqlite_account_get,
  .account_list = sqlite_account_list,
  .account_remove = sqlite_account_remove,
  .device_add = sqlite_device_add,
  .token_lookup = sqlite_token_lookup,
  .device_touch = sqlite_device_touch,
  .revoke_device = sqlite_revoke_device,
  .revoke_account = sqlite_revoke_account,
  .device_remove_older = sqlite_device_remove_older,
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
  .dump = sqlite_dump,
  .load = sqlite_load,
};

SqliteStorage *
sqlite_storage_new (SqliteDb   *db,
                    gint64      ws,
                    const char *name,
                    const char *server_id)
{
  SqliteStorage *self = g_new0 (SqliteStorage, 1);

  self->parent.vtable = &sqlite_vtable;
  self->db = db;
  db->refs++;
  self->ws = ws;
  self->name = g_strdup (name);
  self->server_id = g_strdup (server_id);

  return self;
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
  return sqlite_storage_exec (self, sql, error);
}

/**
 * lotse_server_storage_sqlite_open:
 * @path: the database file, created when missing
 *
 * Returns: (transfer full) (nullable): the handle of the database (no
 *   workspace), or %NULL with @error set
 */
LotseServerStorage *
lotse_server_storage_sqlite_open (const char  *path,
                                  GError     **error)
{
  SqliteDb *db = g_new0 (SqliteDb, 1);
  SqliteStorage *self = sqlite_storage_new (db, 0, NULL, NULL);

  if (sqlite3_open_v2 (path, &db->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE |
                       SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK)
    {
      g_set_error (error, LOTSE_ERROR, LOTSE_ERROR_DATABASE,
                   _("Could not open “%s”: %s"), path, sqlite3_errmsg (db->db));
      sqlite_free (&self->parent);
      return NULL;
    }

  sqlite3_busy_timeout (db->db, 10000);
  if (!sqlite_storage_exec (self, "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL;"
                            " PRAGMA cache_size = -65536; PRAGMA foreign_keys = OFF;", error) ||
      !sqlite_schema_migrate (self, error) ||
      !limit_pages (self, error))
    {
      g_prefix_error (error, "%s: ", path);
      sqlite_free (&self->parent);
      return NULL;
    }

  return &self->parent;
}
