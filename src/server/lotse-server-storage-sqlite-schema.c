/* lotse-server-storage-sqlite-schema.c: the SQLite file's tables, its
 * migrations and its workspaces
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A database of an older version is brought to this one when it is
 * opened, one version after the other, each in a transaction. Version 4
 * put every table into a workspace: what there was becomes the workspace
 * "default", with the server id, seqs and digests it had, so that clients
 * go on syncing without noticing.
 */

#define G_LOG_DOMAIN "lotse-server"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "lotse-server-storage-sqlite-private.h"

#define WORKSPACES_SQL \
  "CREATE TABLE workspaces (" \
  "  id INTEGER PRIMARY KEY AUTOINCREMENT," \
  "  name TEXT NOT NULL UNIQUE," \
  "  server_id TEXT NOT NULL," \
  "  horizon INTEGER NOT NULL DEFAULT 0," \
  "  created_at TEXT NOT NULL);"

/* The tables of version 4 without their indexes (a migration copies the
 * rows in first). */
#define TABLES_SQL \
  "CREATE TABLE accounts (" \
  "  ws INTEGER NOT NULL," \
  "  name TEXT NOT NULL," \
  "  role TEXT NOT NULL CHECK (role IN ('admin', 'editor', 'reader'))," \
  "  password_hash TEXT NOT NULL," \
  "  created_at TEXT NOT NULL," \
  "  PRIMARY KEY (ws, name)) WITHOUT ROWID;" \
  "CREATE TABLE devices (" \
  "  ws INTEGER NOT NULL," \
  "  id TEXT NOT NULL," \
  "  account TEXT NOT NULL," \
  "  name TEXT NOT NULL," \
  "  token_hash TEXT NOT NULL," \
  "  created_at TEXT NOT NULL," \
  "  revoked_at TEXT," \
  "  last_used INTEGER NOT NULL DEFAULT 0," \
  "  PRIMARY KEY (ws, id)," \
  "  UNIQUE (ws, token_hash)) WITHOUT ROWID;" \
  "CREATE TABLE history (" \
  "  seq INTEGER NOT NULL," \
  "  ws INTEGER NOT NULL," \
  "  tbl TEXT NOT NULL," \
  "  id TEXT NOT NULL," \
  "  rev INTEGER NOT NULL," \
  "  deleted INTEGER NOT NULL," \
  "  fields TEXT NOT NULL," \
  "  device_id TEXT NOT NULL," \
  "  account TEXT NOT NULL," \
  "  committed_at TEXT NOT NULL," \
  "  digest TEXT," \
  "  PRIMARY KEY (ws, seq)," \
  "  UNIQUE (ws, tbl, id, rev));" \
  "CREATE TABLE rows (" \
  "  ws INTEGER NOT NULL," \
  "  tbl TEXT NOT NULL," \
  "  id TEXT NOT NULL," \
  "  rev INTEGER NOT NULL," \
  "  seq INTEGER NOT NULL," \
  "  deleted INTEGER NOT NULL," \
  "  fields TEXT NOT NULL," \
  "  updated_at TEXT NOT NULL," \
  "  PRIMARY KEY (ws, tbl, id)) WITHOUT ROWID;" \
  "CREATE TABLE ops (" \
  "  ws INTEGER NOT NULL," \
  "  op_id TEXT NOT NULL," \
  "  account TEXT NOT NULL," \
  "  result TEXT NOT NULL," \
  "  PRIMARY KEY (ws, op_id)) WITHOUT ROWID;"

#define INDEXES_SQL \
  "CREATE INDEX devices_account ON devices (ws, account);" \
  "CREATE INDEX rows_seq ON rows (ws, seq);"

static const char schema_sql[] =
  "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;"
  WORKSPACES_SQL TABLES_SQL INDEXES_SQL;

static gint64
query_int (SqliteStorage *self,
           const char    *sql)
{
  sqlite3_stmt *stmt = NULL;
  gint64 value = -1;

  if (sqlite3_prepare_v2 (self->db->db, sql, -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);

  return value;
}

/* Runs @sql in a write transaction of its own. */
static gboolean
exec_in_transaction (SqliteStorage  *self,
                     const char     *sql,
                     GError        **error)
{
  if (!sqlite_storage_exec (self, "BEGIN IMMEDIATE", error))
    return FALSE;
  if (!sqlite_storage_exec (self, sql, error))
    {
      sqlite_storage_rollback (&self->parent);
      return FALSE;
    }
  return sqlite_storage_exec (self, "COMMIT", error);
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

  if (!sqlite_storage_exec (self, "BEGIN IMMEDIATE; ALTER TABLE history ADD COLUMN digest TEXT;", error))
    goto out;

  if (sqlite3_prepare_v2 (self->db->db, "SELECT seq, tbl, id, rev, deleted, fields, device_id, account, committed_at"
                          " FROM history ORDER BY seq", -1, &select, NULL) != SQLITE_OK ||
      sqlite3_prepare_v2 (self->db->db, "UPDATE history SET digest = ?2 WHERE seq = ?1", -1, &update, NULL) != SQLITE_OK)
    {
      sqlite_storage_error (self, error);
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
    sqlite_storage_error (self, error);
  else
    ok = sqlite_storage_exec (self, "PRAGMA user_version = 2; COMMIT", error);

out:
  sqlite3_finalize (select);
  sqlite3_finalize (update);
  if (!ok)
    sqlite_storage_rollback (&self->parent);
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

  return exec_in_transaction (self, sql, error);
}

/* Version 4: the tables are made again with a workspace column, and what
 * they held becomes workspace 1, "default", keeping its seqs (the rowids
 * of history), digests, server id and horizon. */
static gboolean
migrate_workspaces (SqliteStorage  *self,
                    GError        **error)
{
  g_autofree char *now = lotse_server_now_iso8601 ();
  g_autofree char *sql = NULL;

  /* now is made here: no quoting needed. */
  sql = g_strdup_printf (
    WORKSPACES_SQL
    "INSERT INTO workspaces (id, name, server_id, horizon, created_at)"
    " SELECT 1, '" LOTSE_SERVER_DEFAULT_WORKSPACE "', (SELECT value FROM meta WHERE key = 'server_id'),"
    " coalesce ((SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'horizon'), 0), '%s';"
    "ALTER TABLE accounts RENAME TO accounts_v3;"
    "ALTER TABLE devices RENAME TO devices_v3;"
    "ALTER TABLE history RENAME TO history_v3;"
    "ALTER TABLE rows RENAME TO rows_v3;"
    "ALTER TABLE ops RENAME TO ops_v3;"
    TABLES_SQL
    "INSERT INTO accounts SELECT 1, name, role, password_hash, created_at FROM accounts_v3;"
    "INSERT INTO devices SELECT 1, id, account, name, token_hash, created_at, revoked_at, last_used"
    " FROM devices_v3;"
    "INSERT INTO history SELECT seq, 1, tbl, id, rev, deleted, fields, device_id, account, committed_at,"
    " digest FROM history_v3;"
    "INSERT INTO rows SELECT 1, tbl, id, rev, seq, deleted, fields, updated_at FROM rows_v3;"
    "INSERT INTO ops SELECT 1, op_id, account, result FROM ops_v3;"
    "DROP TABLE accounts_v3; DROP TABLE devices_v3; DROP TABLE history_v3;"
    "DROP TABLE rows_v3; DROP TABLE ops_v3;"
    INDEXES_SQL
    "DELETE FROM meta WHERE key IN ('server_id', 'horizon');"
    "PRAGMA user_version = 4;", now);

  return exec_in_transaction (self, sql, error);
}

static gboolean
create_schema (SqliteStorage  *self,
               GError        **error)
{
  g_autofree char *server_id = lotse_new_uuid ();
  g_autofree char *now = lotse_server_now_iso8601 ();
  g_autofree char *sql = NULL;

  /* The id and time are made here: no quoting needed. */
  sql = g_strdup_printf ("%s"
                         "INSERT INTO workspaces (name, server_id, created_at)"
                         " VALUES ('" LOTSE_SERVER_DEFAULT_WORKSPACE "', '%s', '%s');"
                         "PRAGMA user_version = %d;", schema_sql, server_id, now, SQLITE_SCHEMA_VERSION);
  return exec_in_transaction (self, sql, error);
}

gboolean
sqlite_schema_migrate (SqliteStorage  *self,
                       GError        **error)
{
  gint64 version = query_int (self, "PRAGMA user_version");

  if (version > SQLITE_SCHEMA_VERSION)
    {
      g_set_error (error, LOTSE_ERROR, LOTSE_ERROR_NEWER_VERSION,
                   _("The server database was written by a newer version of lotse-server"));
      return FALSE;
    }
  if (version == 0)
    {
      if (query_int (self, "SELECT count(*) FROM sqlite_master") != 0)
        {
          g_set_error (error, LOTSE_ERROR, LOTSE_ERROR_CORRUPT,
                       _("The file is not a lotse-server database"));
          return FALSE;
        }
      return create_schema (self, error);
    }

  /* One step after the other. */
  if (version == 1 && !add_digests (self, error))
    return FALSE;
  if (version <= 2 && !migrate_token_use (self, error))
    return FALSE;
  if (version <= 3 && !migrate_workspaces (self, error))
    return FALSE;

  if (query_int (self, "SELECT count(*) FROM workspaces WHERE server_id IS NOT NULL") < 0)
    {
      g_set_error (error, LOTSE_ERROR, LOTSE_ERROR_CORRUPT,
                   _("The file is not a lotse-server database"));
      return FALSE;
    }

  return TRUE;
}

/* --- workspaces ------------------------------------------------------------ */

LotseServerStorage *
sqlite_open_workspace (LotseServerStorage  *storage,
                       const char          *name,
                       GError             **error)
{
  SqliteStorage *self = (SqliteStorage *)storage;
  sqlite3_stmt *stmt = sqlite_storage_stmt (self, STMT_WORKSPACE_GET, error);
  SqliteStorage *workspace = NULL;
  int rc;

  if (stmt == NULL)
    return NULL;

  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    workspace = sqlite_storage_new (self->db, sqlite3_column_int64 (stmt, 0), name,
                                    (const char *)sqlite3_column_text (stmt, 1));
  else if (rc != SQLITE_DONE)
    sqlite_storage_error (self, error);
  sqlite3_reset (stmt);

  return workspace != NULL ? &workspace->parent : NULL;
}

/* A statement of its own (not one of the shared ones), for the seldom. */
static sqlite3_stmt *
prepare (SqliteStorage  *self,
         const char     *sql,
         GError        **error)
{
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (self->db->db, sql, -1, &stmt, NULL) != SQLITE_OK)
    {
      sqlite_storage_error (self, error);
      return NULL;
    }
  return stmt;
}

gboolean
sqlite_workspace_create (LotseServerStorage  *storage,
                         const char          *name,
                         GError             **error)
{
  SqliteStorage *self = (SqliteStorage *)storage;
  g_autofree char *server_id = lotse_new_uuid ();
  g_autofree char *now = lotse_server_now_iso8601 ();
  sqlite3_stmt *stmt;
  int rc;

  stmt = prepare (self, "INSERT INTO workspaces (name, server_id, created_at) VALUES (?1, ?2, ?3)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, server_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, now, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  sqlite3_finalize (stmt);

  if (rc == SQLITE_CONSTRAINT)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS, _("A workspace “%s” exists already"), name);
      return FALSE;
    }
  if (rc != SQLITE_DONE)
    return sqlite_storage_error (self, error);
  return TRUE;
}

GPtrArray *
sqlite_workspace_list (LotseServerStorage  *storage,
                       GError             **error)
{
  SqliteStorage *self = (SqliteStorage *)storage;
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify)lotse_server_workspace_free);
  sqlite3_stmt *stmt;
  int rc;

  stmt = prepare (self, "SELECT w.name, w.server_id, w.created_at,"
                        " coalesce ((SELECT seq FROM history h WHERE h.ws = w.id ORDER BY seq DESC LIMIT 1), 0),"
                        " (SELECT count(*) FROM accounts a WHERE a.ws = w.id),"
                        " (SELECT count(*) FROM rows r WHERE r.ws = w.id)"
                        " FROM workspaces w ORDER BY w.name", error);
  if (stmt == NULL)
    return NULL;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      LotseServerWorkspace *workspace = g_new0 (LotseServerWorkspace, 1);

      workspace->name = sqlite_storage_column_dup (stmt, 0);
      workspace->server_id = sqlite_storage_column_dup (stmt, 1);
      workspace->created_at = sqlite_storage_column_dup (stmt, 2);
      workspace->seq = sqlite3_column_int64 (stmt, 3);
      workspace->n_accounts = sqlite3_column_int (stmt, 4);
      workspace->n_rows = sqlite3_column_int64 (stmt, 5);
      g_ptr_array_add (list, workspace);
    }
  sqlite3_finalize (stmt);

  if (rc != SQLITE_DONE)
    {
      sqlite_storage_error (self, error);
      return NULL;
    }
  return g_steal_pointer (&list);
}

gboolean
sqlite_workspace_remove (LotseServerStorage  *storage,
                         const char          *name,
                         GError             **error)
{
  SqliteStorage *self = (SqliteStorage *)storage;
  g_autoptr(LotseServerStorage) workspace = NULL;
  g_autofree char *sql = NULL;

  if (!sqlite_storage_begin (storage, error))
    return FALSE;

  workspace = sqlite_open_workspace (storage, name, error);
  if (workspace == NULL)
    {
      if (error == NULL || *error == NULL)
        g_set_error (error, LOTSE_ERROR, LOTSE_ERROR_NOT_FOUND, _("There is no workspace “%s”"), name);
      sqlite_storage_rollback (storage);
      return FALSE;
    }

  sql = g_strdup_printf ("DELETE FROM ops WHERE ws = %1$" G_GINT64_FORMAT ";"
                         "DELETE FROM rows WHERE ws = %1$" G_GINT64_FORMAT ";"
                         "DELETE FROM history WHERE ws = %1$" G_GINT64_FORMAT ";"
                         "DELETE FROM devices WHERE ws = %1$" G_GINT64_FORMAT ";"
                         "DELETE FROM accounts WHERE ws = %1$" G_GINT64_FORMAT ";"
                         "DELETE FROM workspaces WHERE id = %1$" G_GINT64_FORMAT ";",
                         ((SqliteStorage *)workspace)->ws);
  if (!sqlite_storage_exec (self, sql, error))
    {
      sqlite_storage_rollback (storage);
      return FALSE;
    }
  return sqlite_storage_commit (storage, error);
}

gboolean
sqlite_new_server_id (LotseServerStorage  *storage,
                      GError             **error)
{
  SqliteStorage *self = (SqliteStorage *)storage;
  g_autofree char *server_id = lotse_new_uuid ();
  g_autofree char *sql = NULL;

  if (!lotse_server_storage_check_workspace (self->ws, error))
    return FALSE;

  /* The id is a UUID made here: no quoting needed. */
  sql = g_strdup_printf ("UPDATE workspaces SET server_id = '%s' WHERE id = %" G_GINT64_FORMAT,
                         server_id, self->ws);
  if (!sqlite_storage_exec (self, sql, error))
    return FALSE;

  g_free (self->server_id);
  self->server_id = g_steal_pointer (&server_id);
  return TRUE;
}

/* --- copying to and from another backend ----------------------------------- */

static const char * const dump_sql[LOTSE_SERVER_N_DUMPS] = {
  [LOTSE_SERVER_DUMP_WORKSPACE] =
    "SELECT server_id, horizon, created_at FROM workspaces WHERE id = ?1",
  [LOTSE_SERVER_DUMP_ACCOUNTS] =
    "SELECT name, role, password_hash, created_at FROM accounts WHERE ws = ?1 ORDER BY name",
  [LOTSE_SERVER_DUMP_DEVICES] =
    "SELECT id, account, name, token_hash, created_at, revoked_at, last_used FROM devices"
    " WHERE ws = ?1 ORDER BY id",
  [LOTSE_SERVER_DUMP_HISTORY] =
    "SELECT seq, tbl, id, rev, deleted, fields, device_id, account, committed_at, digest FROM history"
    " WHERE ws = ?1 ORDER BY seq",
  [LOTSE_SERVER_DUMP_ROWS] =
    "SELECT tbl, id, rev, seq, deleted, fields, updated_at FROM rows WHERE ws = ?1 ORDER BY tbl, id",
  [LOTSE_SERVER_DUMP_OPS] =
    "SELECT op_id, account, result FROM ops WHERE ws = ?1 ORDER BY op_id",
};

static const char * const load_sql[LOTSE_SERVER_N_DUMPS] = {
  [LOTSE_SERVER_DUMP_WORKSPACE] =
    "UPDATE workspaces SET server_id = ?2, horizon = ?3, created_at = ?4 WHERE id = ?1",
  [LOTSE_SERVER_DUMP_ACCOUNTS] =
    "INSERT INTO accounts (ws, name, role, password_hash, created_at) VALUES (?1, ?2, ?3, ?4, ?5)",
  [LOTSE_SERVER_DUMP_DEVICES] =
    "INSERT INTO devices (ws, id, account, name, token_hash, created_at, revoked_at, last_used)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, CAST(?8 AS INTEGER))",
  [LOTSE_SERVER_DUMP_HISTORY] =
    "INSERT INTO history (seq, ws, tbl, id, rev, deleted, fields, device_id, account, committed_at, digest)"
    " VALUES (CAST(?2 AS INTEGER), ?1, ?3, ?4, CAST(?5 AS INTEGER), CAST(?6 AS INTEGER), ?7, ?8, ?9, ?10, ?11)",
  [LOTSE_SERVER_DUMP_ROWS] =
    "INSERT INTO rows (ws, tbl, id, rev, seq, deleted, fields, updated_at)"
    " VALUES (?1, ?2, ?3, CAST(?4 AS INTEGER), CAST(?5 AS INTEGER), CAST(?6 AS INTEGER), ?7, ?8)",
  [LOTSE_SERVER_DUMP_OPS] =
    "INSERT INTO ops (ws, op_id, account, result) VALUES (?1, ?2, ?3, ?4)",
};

gboolean
sqlite_dump (LotseServerStorage  *storage,
             LotseServerDump      what,
             LotseServerDumpFunc  func,
             gpointer             user_data,
             GError             **error)
{
  SqliteStorage *self = (SqliteStorage *)storage;
  guint n = lotse_server_dump_columns[what];
  const char *columns[16];
  sqlite3_stmt *stmt;
  gboolean ok = TRUE;
  int rc;

  g_assert (n < G_N_ELEMENTS (columns));
  if (!lotse_server_storage_check_workspace (self->ws, error) ||
      (stmt = prepare (self, dump_sql[what], error)) == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, self->ws);
  while (ok && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      for (guint i = 0; i < n; i++)
        columns[i] = (const char *)sqlite3_column_text (stmt, i);
      columns[n] = NULL;
      ok = func (columns, user_data, error);
    }
  if (ok && rc != SQLITE_DONE)
    ok = sqlite_storage_error (self, error);
  sqlite3_finalize (stmt);

  return ok;
}

gboolean
sqlite_load (LotseServerStorage  *storage,
             LotseServerDump      what,
             GPtrArray           *records,
             GError             **error)
{
  SqliteStorage *self = (SqliteStorage *)storage;
  guint n = lotse_server_dump_columns[what];
  sqlite3_stmt *stmt;
  gboolean ok = TRUE;

  if (!lotse_server_storage_check_workspace (self->ws, error) ||
      (stmt = prepare (self, load_sql[what], error)) == NULL)
    return FALSE;

  for (guint r = 0; ok && r < records->len; r++)
    {
      const char * const *record = g_ptr_array_index (records, r);

      sqlite3_reset (stmt);
      sqlite3_bind_int64 (stmt, 1, self->ws);
      for (guint i = 0; i < n; i++)
        sqlite3_bind_text (stmt, 2 + i, record[i], -1, SQLITE_STATIC);
      if (sqlite3_step (stmt) != SQLITE_DONE)
        ok = sqlite_storage_error (self, error);
    }
  sqlite3_finalize (stmt);

  if (ok && what == LOTSE_SERVER_DUMP_WORKSPACE && records->len > 0)
    {
      g_free (self->server_id);
      self->server_id = g_strdup (((const char * const *)g_ptr_array_index (records, 0))[0]);
    }
  return ok;
}
