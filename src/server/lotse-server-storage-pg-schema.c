/* lotse-server-storage-pg-schema.c: the tables of the PostgreSQL backend,
 * its workspaces, and copying to and from another backend
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The tables are made by the first process that finds none (under an
 * advisory lock, so that several starting at once make them once). Text
 * keys compare bytewise (COLLATE "C"): what the SQLite backend does, and
 * the order dump() lists records in. Times are text as written by the
 * server, and `fields` the JSON text as stored: the digests of the
 * history cover them as they are.
 */

#define G_LOG_DOMAIN "lotse-server"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "lotse-server-storage-pg-private.h"

/* Any number: held while the tables are made. */
#define SCHEMA_LOCK "74021583"

static const char schema_sql[] =
  "CREATE TABLE lotse_meta (key text PRIMARY KEY, value text NOT NULL);"
  /* seq and digest: the counter push transactions take their seqs from,
   * and the digest of the history up to it (lotse-server-storage-pg.c). */
  "CREATE TABLE workspaces ("
  "  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,"
  "  name text COLLATE \"C\" NOT NULL UNIQUE,"
  "  server_id text NOT NULL,"
  "  horizon bigint NOT NULL DEFAULT 0,"
  "  seq bigint NOT NULL DEFAULT 0,"
  "  digest text NOT NULL DEFAULT '" LOTSE_SERVER_DIGEST_EMPTY "',"
  "  created_at text NOT NULL);"
  "CREATE TABLE accounts ("
  "  ws bigint NOT NULL,"
  "  name text COLLATE \"C\" NOT NULL,"
  "  role text NOT NULL CHECK (role IN ('admin', 'editor', 'reader')),"
  "  password_hash text NOT NULL,"
  "  created_at text NOT NULL,"
  "  PRIMARY KEY (ws, name));"
  "CREATE TABLE devices ("
  "  ws bigint NOT NULL,"
  "  id text COLLATE \"C\" NOT NULL,"
  "  account text COLLATE \"C\" NOT NULL,"
  "  name text NOT NULL,"
  "  token_hash text COLLATE \"C\" NOT NULL,"
  "  created_at text NOT NULL,"
  "  revoked_at text,"
  "  last_used bigint NOT NULL DEFAULT 0,"
  "  PRIMARY KEY (ws, id),"
  /* Per workspace: a copy of an office (migrate) keeps its tokens. */
  "  UNIQUE (ws, token_hash));"
  "CREATE INDEX devices_account ON devices (ws, account);"
  "CREATE TABLE history ("
  "  ws bigint NOT NULL,"
  "  seq bigint NOT NULL,"
  "  tbl text COLLATE \"C\" NOT NULL,"
  "  id text COLLATE \"C\" NOT NULL,"
  "  rev bigint NOT NULL,"
  "  deleted smallint NOT NULL,"
  "  fields text NOT NULL,"
  "  device_id text NOT NULL,"
  "  account text NOT NULL,"
  "  committed_at text NOT NULL,"
  "  digest text NOT NULL,"
  "  PRIMARY KEY (ws, seq),"
  "  UNIQUE (ws, tbl, id, rev));"
  "CREATE TABLE rows ("
  "  ws bigint NOT NULL,"
  "  tbl text COLLATE \"C\" NOT NULL,"
  "  id text COLLATE \"C\" NOT NULL,"
  "  rev bigint NOT NULL,"
  "  seq bigint NOT NULL,"
  "  deleted smallint NOT NULL,"
  "  fields text NOT NULL,"
  "  updated_at text NOT NULL,"
  "  PRIMARY KEY (ws, tbl, id));"
  "CREATE INDEX rows_seq ON rows (ws, seq);"
  "CREATE TABLE ops ("
  "  ws bigint NOT NULL,"
  "  op_id text COLLATE \"C\" NOT NULL,"
  "  account text NOT NULL,"
  "  result text NOT NULL,"
  "  PRIMARY KEY (ws, op_id));"
  "CREATE TABLE login_failures ("
  "  ws bigint NOT NULL,"
  "  name text COLLATE \"C\" NOT NULL,"
  "  failures integer NOT NULL DEFAULT 0,"
  "  last_us bigint NOT NULL DEFAULT 0,"
  "  locked_until_us bigint NOT NULL DEFAULT 0,"
  "  PRIMARY KEY (ws, name));"
  /* Whatever may make a token invalid moves the version every server
   * process reads before each request; an administrator's UPDATE by hand
   * too. */
  "CREATE TABLE lotse_auth (version bigint NOT NULL);"
  "INSERT INTO lotse_auth (version) VALUES (0);"
  "CREATE FUNCTION lotse_count_auth () RETURNS trigger LANGUAGE plpgsql AS"
  "  $$ BEGIN UPDATE lotse_auth SET version = version + 1; RETURN NULL; END $$;"
  "CREATE TRIGGER devices_auth AFTER UPDATE OF revoked_at, token_hash, account OR DELETE ON devices"
  "  FOR EACH STATEMENT EXECUTE FUNCTION lotse_count_auth ();"
  "CREATE TRIGGER accounts_auth AFTER UPDATE OR DELETE ON accounts"
  "  FOR EACH STATEMENT EXECUTE FUNCTION lotse_count_auth ();"
  "CREATE TRIGGER workspaces_auth AFTER UPDATE OF name, server_id OR DELETE ON workspaces"
  "  FOR EACH STATEMENT EXECUTE FUNCTION lotse_count_auth ();";

/* Version 2: each process keeps the heads of the workspaces until a
 * notification says they moved (lotse-server-storage-pg.c). */
G_STATIC_ASSERT (PG_SCHEMA_VERSION == 2);
static const char notify_sql[] =
  "CREATE FUNCTION lotse_notify_head () RETURNS trigger LANGUAGE plpgsql AS"
  "  $$ BEGIN PERFORM pg_notify ('lotse_head', NEW.id::text); RETURN NULL; END $$;"
  "CREATE TRIGGER workspaces_head AFTER UPDATE ON workspaces"
  "  FOR EACH ROW EXECUTE FUNCTION lotse_notify_head ();"
  "UPDATE lotse_meta SET value = '2' WHERE key = 'schema_version'";

/* A statement that is not prepared (the seldom ones); NULL on failure. */
static PGresult *
exec_params (PgStorage           *self,
             const char          *sql,
             int                  n_params,
             const char * const  *params,
             GError             **error)
{
  PGresult *result;
  ExecStatusType status;

  if (!self->db->in_transaction && !pg_connect (self, error))
    return NULL;

  result = PQexecParams (self->db->conn, sql, n_params, NULL, params, NULL, NULL, 0);
  status = PQresultStatus (result);
  if (status != PGRES_TUPLES_OK && status != PGRES_COMMAND_OK)
    {
      pg_failed (self, result, error);
      return NULL;
    }
  return result;
}

static gboolean
exec_params_done (PgStorage           *self,
                  const char          *sql,
                  int                  n_params,
                  const char * const  *params,
                  GError             **error)
{
  PGresult *result = exec_params (self, sql, n_params, params, error);

  PQclear (result);
  return result != NULL;
}

static gboolean
check_version (PgStorage  *self,
               GError    **error)
{
  PGresult *result = exec_params (self, "SELECT value FROM lotse_meta WHERE key = 'schema_version'", 0, NULL, error);
  gint64 version;

  if (result == NULL)
    return FALSE;
  version = PQntuples (result) > 0 ? pg_get_int (result, 0, 0) : 0;
  PQclear (result);

  if (version > PG_SCHEMA_VERSION)
    {
      g_set_error (error, LOTSE_ERROR, LOTSE_ERROR_NEWER_VERSION,
                   _("The server database was written by a newer version of lotse-server"));
      return FALSE;
    }
  if (version < 1)
    {
      g_set_error (error, LOTSE_ERROR, LOTSE_ERROR_CORRUPT, _("The database is not a lotse-server database"));
      return FALSE;
    }
  return version == PG_SCHEMA_VERSION || pg_exec_sql (self, notify_sql, error);
}

static gboolean
create_schema (PgStorage  *self,
               GError    **error)
{
  g_autofree char *server_id = lotse_new_uuid ();
  g_autofree char *now = lotse_server_now_iso8601 ();
  const char *params[] = { server_id, now };

  return pg_exec_sql (self, schema_sql, error) &&
         exec_params_done (self, "INSERT INTO lotse_meta (key, value) VALUES ('schema_version', '1')",
                           0, NULL, error) &&
         pg_exec_sql (self, notify_sql, error) &&
         exec_params_done (self, "INSERT INTO workspaces (name, server_id, created_at)"
                                 " VALUES ('" LOTSE_SERVER_DEFAULT_WORKSPACE "', $1, $2)", 2, params, error);
}

/* Makes the tables if there are none, else checks their version. */
gboolean
pg_schema_prepare (PgStorage  *self,
                   GError    **error)
{
  PGresult *result;
  gboolean exists, ok;

  if (!pg_exec_sql (self, "BEGIN; SELECT pg_advisory_xact_lock (" SCHEMA_LOCK ")", error))
    return FALSE;
  self->db->in_transaction = TRUE;

  result = exec_params (self, "SELECT to_regclass ('lotse_meta') IS NOT NULL", 0, NULL, error);
  ok = result != NULL;
  exists = ok && g_str_equal (PQgetvalue (result, 0, 0), "t");
  PQclear (result);

  if (ok)
    ok = exists ? check_version (self, error) : create_schema (self, error);
  ok = pg_exec_sql (self, ok ? "COMMIT" : "ROLLBACK", ok ? error : NULL) && ok;
  self->db->in_transaction = FALSE;
  return ok;
}

/* --- workspaces ------------------------------------------------------------ */

LotseServerStorage *
pg_open_workspace (LotseServerStorage  *storage,
                   const char          *name,
                   GError             **error)
{
  PgStorage *self = (PgStorage *)storage;
  PGresult *result = pg_exec (self, PG_WORKSPACE_GET, 1, &name, error);
  PgStorage *workspace = NULL;

  if (result == NULL)
    return NULL;
  if (PQntuples (result) > 0)
    workspace = pg_storage_new (self->db, pg_get_int (result, 0, 0), name, PQgetvalue (result, 0, 1));
  PQclear (result);

  return workspace != NULL ? &workspace->parent : NULL;
}

gboolean
pg_workspace_create (LotseServerStorage  *storage,
                     const char          *name,
                     GError             **error)
{
  g_autofree char *server_id = lotse_new_uuid ();
  g_autofree char *now = lotse_server_now_iso8601 ();
  const char *params[] = { name, server_id, now };
  GError *local_error = NULL;

  if (exec_params_done ((PgStorage *)storage, "INSERT INTO workspaces (name, server_id, created_at)"
                        " VALUES ($1, $2, $3)", G_N_ELEMENTS (params), params, &local_error))
    return TRUE;

  if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_EXISTS))
    {
      g_clear_error (&local_error);
      g_set_error (&local_error, G_IO_ERROR, G_IO_ERROR_EXISTS, _("A workspace “%s” exists already"), name);
    }
  g_propagate_error (error, local_error);
  return FALSE;
}

GPtrArray *
pg_workspace_list (LotseServerStorage  *storage,
                   GError             **error)
{
  PGresult *result;
  GPtrArray *list;

  result = exec_params ((PgStorage *)storage,
                        "SELECT w.name, w.server_id, w.created_at, w.seq,"
                        " (SELECT count(*) FROM accounts a WHERE a.ws = w.id),"
                        " (SELECT count(*) FROM rows r WHERE r.ws = w.id)"
                        " FROM workspaces w ORDER BY w.name", 0, NULL, error);
  if (result == NULL)
    return NULL;

  list = g_ptr_array_new_with_free_func ((GDestroyNotify)lotse_server_workspace_free);
  for (int i = 0; i < PQntuples (result); i++)
    {
      LotseServerWorkspace *workspace = g_new0 (LotseServerWorkspace, 1);

      workspace->name = pg_get_dup (result, i, 0);
      workspace->server_id = pg_get_dup (result, i, 1);
      workspace->created_at = pg_get_dup (result, i, 2);
      workspace->seq = pg_get_int (result, i, 3);
      workspace->n_accounts = (guint)pg_get_int (result, i, 4);
      workspace->n_rows = pg_get_int (result, i, 5);
      g_ptr_array_add (list, workspace);
    }
  PQclear (result);

  return list;
}

/* Everything of the workspace goes in one transaction; deleting its row
 * tells every server process (trigger workspaces_auth). */
static const char remove_sql[] =
  "WITH w AS (DELETE FROM workspaces WHERE name = $1 RETURNING id),"
  " a AS (DELETE FROM accounts WHERE ws IN (SELECT id FROM w)),"
  " d AS (DELETE FROM devices WHERE ws IN (SELECT id FROM w)),"
  " h AS (DELETE FROM history WHERE ws IN (SELECT id FROM w)),"
  " r AS (DELETE FROM rows WHERE ws IN (SELECT id FROM w)),"
  " o AS (DELETE FROM ops WHERE ws IN (SELECT id FROM w)),"
  " l AS (DELETE FROM login_failures WHERE ws IN (SELECT id FROM w))"
  " SELECT count(*) FROM w";

gboolean
pg_workspace_remove (LotseServerStorage  *storage,
                     const char          *name,
                     GError             **error)
{
  PGresult *result = exec_params ((PgStorage *)storage, remove_sql, 1, &name, error);
  gboolean removed;

  if (result == NULL)
    return FALSE;
  removed = pg_get_int (result, 0, 0) > 0;
  PQclear (result);

  if (!removed)
    g_set_error (error, LOTSE_ERROR, LOTSE_ERROR_NOT_FOUND, _("There is no workspace “%s”"), name);
  return removed;
}

gboolean
pg_new_server_id (LotseServerStorage  *storage,
                  GError             **error)
{
  PgStorage *self = (PgStorage *)storage;
  g_autofree char *server_id = lotse_new_uuid ();
  PgInt ws;
  const char *params[] = { pg_int (&ws, self->ws), server_id };

  if (!lotse_server_storage_check_workspace (self->ws, error) ||
      !exec_params_done (self, "UPDATE workspaces SET server_id = $2 WHERE id = $1", 2, params, error))
    return FALSE;

  g_free (self->server_id);
  self->server_id = g_steal_pointer (&server_id);
  return TRUE;
}

/* --- copying to and from another backend ----------------------------------- */

static const char * const dump_sql[LOTSE_SERVER_N_DUMPS] = {
  [LOTSE_SERVER_DUMP_WORKSPACE] =
    "SELECT server_id, horizon, created_at FROM workspaces WHERE id = $1",
  [LOTSE_SERVER_DUMP_ACCOUNTS] =
    "SELECT name, role, password_hash, created_at FROM accounts WHERE ws = $1 ORDER BY name",
  [LOTSE_SERVER_DUMP_DEVICES] =
    "SELECT id, account, name, token_hash, created_at, revoked_at, last_used FROM devices"
    " WHERE ws = $1 ORDER BY id",
  [LOTSE_SERVER_DUMP_HISTORY] =
    "SELECT seq, tbl, id, rev, deleted, fields, device_id, account, committed_at, digest FROM history"
    " WHERE ws = $1 ORDER BY seq",
  [LOTSE_SERVER_DUMP_ROWS] =
    "SELECT tbl, id, rev, seq, deleted, fields, updated_at FROM rows WHERE ws = $1 ORDER BY tbl, id",
  [LOTSE_SERVER_DUMP_OPS] =
    "SELECT op_id, account, result FROM ops WHERE ws = $1 ORDER BY op_id",
};

static const char * const load_columns[LOTSE_SERVER_N_DUMPS] = {
  [LOTSE_SERVER_DUMP_ACCOUNTS] = "accounts (ws, name, role, password_hash, created_at)",
  [LOTSE_SERVER_DUMP_DEVICES] = "devices (ws, id, account, name, token_hash, created_at, revoked_at, last_used)",
  [LOTSE_SERVER_DUMP_HISTORY] = "history (ws, seq, tbl, id, rev, deleted, fields, device_id, account,"
                                " committed_at, digest)",
  [LOTSE_SERVER_DUMP_ROWS] = "rows (ws, tbl, id, rev, seq, deleted, fields, updated_at)",
  [LOTSE_SERVER_DUMP_OPS] = "ops (ws, op_id, account, result)",
};

/* Hands every row of the result being read to @func, one at a time
 * (single-row mode: a big table is never all in memory). */
static gboolean
read_rows (PgStorage            *self,
           guint                 n,
           LotseServerDumpFunc   func,
           gpointer              user_data,
           GError              **error)
{
  const char *columns[16];
  gboolean ok = TRUE;
  PGresult *result;

  g_assert (n < G_N_ELEMENTS (columns));
  while ((result = PQgetResult (self->db->conn)) != NULL)
    {
      ExecStatusType status = PQresultStatus (result);

      if (status == PGRES_SINGLE_TUPLE && ok)
        {
          for (guint i = 0; i < n; i++)
            columns[i] = PQgetisnull (result, 0, i) ? NULL : PQgetvalue (result, 0, i);
          columns[n] = NULL;
          ok = func (columns, user_data, error);
        }
      else if (status != PGRES_SINGLE_TUPLE && status != PGRES_TUPLES_OK && ok)
        {
          ok = pg_failed (self, result, error);
          continue;
        }
      PQclear (result);
    }

  return ok;
}

gboolean
pg_dump (LotseServerStorage  *storage,
         LotseServerDump      what,
         LotseServerDumpFunc  func,
         gpointer             user_data,
         GError             **error)
{
  PgStorage *self = (PgStorage *)storage;
  PgInt ws;
  const char *params[] = { pg_int (&ws, self->ws) };

  if (!lotse_server_storage_check_workspace (self->ws, error) || !pg_tx_flush (self, error) ||
      (!self->db->in_transaction && !pg_connect (self, error)))
    return FALSE;

  if (!PQsendQueryParams (self->db->conn, dump_sql[what], 1, NULL, params, NULL, NULL, 0) ||
      !PQsetSingleRowMode (self->db->conn))
    return pg_failed (self, NULL, error);

  return read_rows (self, lotse_server_dump_columns[what], func, user_data, error);
}

gboolean
pg_load (LotseServerStorage  *storage,
         LotseServerDump      what,
         GPtrArray           *records,
         GError             **error)
{
  PgStorage *self = (PgStorage *)storage;
  guint n = lotse_server_dump_columns[what];
  g_autoptr(GString) data = g_string_new (NULL);
  PgInt ws;

  g_return_val_if_fail (self->db->tx != NULL, FALSE);
  pg_int (&ws, self->ws);

  if (what == LOTSE_SERVER_DUMP_WORKSPACE)
    {
      const char * const *record = g_ptr_array_index (records, 0);
      const char *params[] = { ws.text, record[0], record[1], record[2] };

      if (!exec_params_done (self, "UPDATE workspaces SET server_id = $2, horizon = $3, created_at = $4"
                                   " WHERE id = $1", 4, params, error))
        return FALSE;
      g_free (self->server_id);
      self->server_id = g_strdup (record[0]);
      return TRUE;
    }

  for (guint r = 0; r < records->len; r++)
    {
      const char * const *record = g_ptr_array_index (records, r);

      pg_copy_append (data, ws.text, '\t');
      for (guint i = 0; i < n; i++)
        pg_copy_append (data, record[i], i + 1 < n ? '\t' : '\n');
    }

  /* The history's newest seq and digest become the workspace's counter. */
  if (what == LOTSE_SERVER_DUMP_HISTORY && records->len > 0)
    {
      const char * const *last = g_ptr_array_index (records, records->len - 1);

      pg_tx_set_head (self->db->tx, g_ascii_strtoll (last[0], NULL, 10), last[9]);
    }

  return records->len == 0 || pg_copy_in (self, load_columns[what], data, error);
}
