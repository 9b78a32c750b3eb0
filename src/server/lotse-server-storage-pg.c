/* lotse-server-storage-pg.c: the PostgreSQL backend of lotse-server
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Several lotse-server processes may serve one database: each has one
 * connection, and what one commits the others see at once.
 *
 * Sequence numbers and commit order. Concurrent transactions commit out
 * of the order in which they took their numbers: with a sequence, a push
 * that took seq 5 may commit after one that took seq 6, and a pull
 * between the two commits hands out 6 and moves its client's cursor past
 * 5, which it then never sees. Here a push transaction first locks its
 * workspace's row in `workspaces` (SELECT … FOR UPDATE, begin()) and
 * takes its seqs from the counter in that row, which it writes back just
 * before COMMIT. The next push of the workspace waits for the lock until
 * the first has committed and then reads the counter as committed: seqs
 * are handed out in commit order, per workspace, and a pull, which reads
 * the counter first and then only rows at or below it, never skips one
 * (whatever commits later gets a higher seq). Workspaces do not wait for
 * each other. The same row holds the digest of the history up to the
 * counter, so that a pull with nothing new costs one query.
 *
 * Tokens. A process keeps valid tokens in memory; the tables' triggers
 * count every revoked token and removed user or workspace in
 * lotse_auth.version, in the transaction that does it, and
 * auth_version() reads that number once per request, before any lookup
 * (once for the pulls that arrived together, after all of them arrived:
 * lotse-server-routes.c, defer_pull()): the server forgets its tokens
 * when it moved, so a revoked token is refused by every process on its
 * very next request. That read is the one round trip no-change pulls
 * cost.
 *
 * Heads. Every push that moves a workspace's counter sends a notification
 * with its commit (lotse_head, the workspace's id; trigger
 * workspaces_head). The connection LISTENs for it and keeps each
 * workspace's head (seq, digest, horizon) until one arrives, so that a
 * pull does not read it again. PostgreSQL signals the listening backends
 * before the pushing COMMIT returns, and a backend sends what it was
 * signalled before it answers the next statement: the notifications of
 * every push that committed before a request arrived are read with the
 * answer to auth_version() (pg_listen() after it). A kept head is never
 * ahead of the database either (whatever it names is committed), so a
 * pull from it skips nothing; should a client know a newer head all the
 * same, the server reads it again (forget_head()) rather than refuse its
 * cursor. The price: PostgreSQL lets the transactions that notify commit
 * one at a time in the whole cluster (a lock held from queueing the
 * notification until after the commit is flushed), so pushes to
 * different workspaces no longer flush their commits side by side; those
 * to one workspace never did (its counter's lock). Reading the head in
 * the statement that reads the token version, by the workspace's name,
 * would avoid that at the same cost per pull, but needs the workspace in
 * auth_version().
 *
 * Why not the token version by notification as well, and no round trip
 * at all: the other process's backend writes a notification to its
 * connection only when it next runs, which on a loaded machine may be
 * after the revoking side has answered and the client has asked the
 * other process (test-server-processes.c, /server-processes/
 * revoke-elsewhere, failed that way at load 19). Only a statement the
 * process sends after the request arrived is sure to see the revocation.
 *
 * Faults. A connection that is lost (the database restarted, the network
 * failed) is made again on the next use, at most once a second; until it
 * is back every use fails with LOTSE_SERVER_STORAGE_ERROR_UNAVAILABLE and
 * the server answers 503 with Retry-After. A statement outside a
 * transaction is run once more on the new connection; a transaction is
 * not (the server runs a push again; its op_ids make that safe even when
 * the lost COMMIT went through). Serialization failures and deadlocks
 * fail with …_RETRY, a full disk with G_IO_ERROR_NO_SPACE, a lock held
 * longer than 10 s by another with LOTSE_ERROR_BUSY.
 */

#define G_LOG_DOMAIN "lotse-server"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "lotse-server-storage-pg-private.h"

/* A connection that failed is tried again after this long at the earliest:
 * a database that is down must not cost every request a connect. */
#define RECONNECT_US G_USEC_PER_SEC

static const char * const stmt_sql[PG_N_STMTS] = {
  [PG_WORKSPACE_GET] =
    "SELECT id, server_id FROM workspaces WHERE name = $1",
  [PG_WORKSPACE_LOCK] =
    "SELECT seq, digest, horizon FROM workspaces WHERE id = $1 FOR UPDATE",
  [PG_WORKSPACE_HEAD] =
    "SELECT seq, digest, horizon FROM workspaces WHERE id = $1",
  [PG_WORKSPACE_ADVANCE] =
    "UPDATE workspaces SET seq = $2, digest = $3 WHERE id = $1",
  [PG_ACCOUNT_ADD] =
    "INSERT INTO accounts (ws, name, role, password_hash, created_at) VALUES ($1, $2, $3, $4, $5)",
  [PG_ACCOUNT_GET] =
    "SELECT name, role, password_hash, created_at FROM accounts WHERE ws = $1 AND name = $2",
  [PG_ACCOUNT_LIST] =
    "SELECT a.name, a.role, a.created_at,"
    " (SELECT count(*) FROM devices d WHERE d.ws = a.ws AND d.account = a.name AND d.revoked_at IS NULL"
    "  AND d.name NOT IN ('" LOTSE_PORTAL_SESSION_DEVICE "', '" LOTSE_PORTAL_FEED_DEVICE "'))"
    " FROM accounts a WHERE a.ws = $1 ORDER BY a.name",
  [PG_ACCOUNT_REMOVE] =
    "DELETE FROM accounts WHERE ws = $1 AND name = $2",
  [PG_DEVICE_ADD] =
    "INSERT INTO devices (ws, id, account, name, token_hash, created_at, last_used)"
    " VALUES ($1, $2, $3, $4, $5, $6, $7)",
  [PG_TOKEN_LOOKUP] =
    "SELECT d.id, d.account, a.role, d.last_used FROM devices d"
    " JOIN accounts a ON a.ws = d.ws AND a.name = d.account"
    " WHERE d.token_hash = $2 AND d.ws = $1 AND d.revoked_at IS NULL",
  [PG_DEVICE_TOUCH] =
    "UPDATE devices SET last_used = $3 WHERE ws = $1 AND id = $2",
  [PG_REVOKE_DEVICE] =
    "UPDATE devices SET revoked_at = $3 WHERE ws = $1 AND id = $2 AND revoked_at IS NULL",
  [PG_REVOKE_ACCOUNT] =
    "UPDATE devices SET revoked_at = $3 WHERE ws = $1 AND account = $2 AND revoked_at IS NULL",
  [PG_DEVICE_REMOVE_OLDER] =
    "DELETE FROM devices WHERE ws = $1 AND name = $2 AND created_at < $3",
  [PG_LOGIN_ENSURE] =
    "INSERT INTO login_failures (ws, name) VALUES ($1, $2) ON CONFLICT DO NOTHING",
  [PG_LOGIN_GET] =
    "SELECT failures, last_us, locked_until_us FROM login_failures WHERE ws = $1 AND name = $2 FOR UPDATE",
  [PG_LOGIN_PUT] =
    "UPDATE login_failures SET failures = $3, last_us = $4, locked_until_us = $5 WHERE ws = $1 AND name = $2",
  [PG_LOGIN_FORGET] =
    "DELETE FROM login_failures WHERE ws = $1 AND name = $2",
  [PG_LOGIN_PRUNE] =
    "DELETE FROM login_failures WHERE ws = $1 AND locked_until_us <= $2 AND last_us < $3",
  [PG_ROW_GET] =
    "SELECT rev, seq, deleted, fields, updated_at FROM rows WHERE ws = $1 AND tbl = $2 AND id = $3",
  [PG_ROW_EXISTS] =
    "SELECT 1 FROM rows WHERE ws = $1 AND tbl = $2 AND id = $3",
  [PG_ROWS_GET] =
    "SELECT r.tbl, r.id, r.rev, r.seq, r.deleted, r.fields, r.updated_at"
    " FROM rows r JOIN unnest ($2::text[], $3::text[]) AS k (tbl, id) ON r.tbl = k.tbl AND r.id = k.id"
    " WHERE r.ws = $1",
  [PG_REVISION_GET] =
    "SELECT rev, seq, deleted, fields, committed_at, device_id, account FROM history"
    " WHERE ws = $1 AND tbl = $2 AND id = $3 AND rev = $4",
  [PG_HISTORY] =
    "SELECT rev, seq, deleted, fields, committed_at, device_id, account FROM history"
    " WHERE ws = $1 AND tbl = $2 AND id = $3 AND rev >= $4 ORDER BY rev",
  [PG_ROWS_UPSERT] =
    "INSERT INTO rows (ws, tbl, id, rev, seq, deleted, fields, updated_at)"
    " SELECT $1::bigint, * FROM unnest ($2::text[], $3::text[], $4::bigint[], $5::bigint[], $6::smallint[],"
    " $7::text[], $8::text[])"
    " ON CONFLICT (ws, tbl, id) DO UPDATE SET rev = excluded.rev, seq = excluded.seq,"
    " deleted = excluded.deleted, fields = excluded.fields, updated_at = excluded.updated_at",
  [PG_OPS_GET] =
    "SELECT op_id, account, result FROM ops WHERE ws = $1 AND op_id = ANY ($2::text[])",
  [PG_PULL] =
    "SELECT tbl, id, rev, seq, deleted, fields, updated_at FROM rows"
    " WHERE ws = $1 AND seq > $2 AND seq <= $3 ORDER BY seq LIMIT $4",
  [PG_DIGEST_AT] =
    "SELECT digest FROM history WHERE ws = $1 AND seq = $2",
  [PG_AUTH_VERSION] =
    "SELECT version FROM lotse_auth",
};

G_STATIC_ASSERT (PG_N_STMTS <= 64);

const char *
pg_int (PgInt  *buffer,
        gint64  value)
{
  g_snprintf (buffer->text, sizeof buffer->text, "%" G_GINT64_FORMAT, value);
  return buffer->text;
}

gint64
pg_get_int (PGresult *result,
            int       row,
            int       column)
{
  return g_ascii_strtoll (PQgetvalue (result, row, column), NULL, 10);
}

char *
pg_get_dup (PGresult *result,
            int       row,
            int       column)
{
  if (PQgetisnull (result, row, column))
    return NULL;
  return g_strdup (PQgetvalue (result, row, column));
}

const char *
pg_sqlstate (PGresult *result)
{
  const char *state = result != NULL ? PQresultErrorField (result, PG_DIAG_SQLSTATE) : NULL;

  return state != NULL ? state : "";
}

static gboolean
is_unavailable (PgDb       *db,
                const char *state)
{
  return db->conn == NULL || PQstatus (db->conn) == CONNECTION_BAD ||
         g_str_has_prefix (state, "08") ||                   /* connection exceptions */
         g_str_equal (state, "57P01") || g_str_equal (state, "57P02") ||
         g_str_equal (state, "57P03");                       /* shut down, crashed, starting */
}

/* Sets @error from @result (or the connection) and clears @result.
 * Always FALSE. */
gboolean
pg_failed (PgStorage  *self,
           PGresult   *result,
           GError    **error)
{
  PgDb *db = self->db;
  const char *state = pg_sqlstate (result);
  g_autofree char *message = g_strdup (result != NULL && *PQresultErrorMessage (result) != '\0'
                                         ? PQresultErrorMessage (result)
                                         : db->conn != NULL ? PQerrorMessage (db->conn) : "no connection");

  g_strchomp (message);
  if (is_unavailable (db, state))
    g_set_error (error, LOTSE_SERVER_STORAGE_ERROR, LOTSE_SERVER_STORAGE_ERROR_UNAVAILABLE,
                 _("The database cannot be reached: %s"), message);
  else if (g_str_equal (state, "40001") || g_str_equal (state, "40P01"))
    g_set_error (error, LOTSE_SERVER_STORAGE_ERROR, LOTSE_SERVER_STORAGE_ERROR_RETRY,
                 _("Database error: %s"), message);
  else if (g_str_equal (state, "53100"))
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE, _("Database error: %s"), message);
  else if (g_str_equal (state, "55P03") || g_str_equal (state, "57014"))
    g_set_error (error, LOTSE_ERROR, LOTSE_ERROR_BUSY, _("Database error: %s"), message);
  else if (g_str_equal (state, "23505"))
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS, _("Database error: %s"), message);
  else
    g_set_error (error, LOTSE_ERROR, LOTSE_ERROR_DATABASE, _("Database error: %s"), message);

  g_clear_pointer (&result, PQclear);
  return FALSE;
}

/* What every connection does first: wait for another's lock at most as
 * long as the SQLite backend does. */
static const char session_sql[] =
  "SET lock_timeout = '10s'; SET idle_in_transaction_session_timeout = '60s'";

gboolean
pg_connect (PgStorage  *self,
            GError    **error)
{
  PgDb *db = self->db;
  const char * const keywords[] = { "connect_timeout", "application_name", "dbname", NULL };
  const char * const values[] = { "10", "lotse-server", db->conninfo, NULL };
  gint64 now = g_get_monotonic_time ();
  PGresult *result;

  if (db->conn != NULL && PQstatus (db->conn) == CONNECTION_OK)
    return TRUE;
  if (db->conn != NULL && db->failed_us != 0 && now - db->failed_us < RECONNECT_US)
    return pg_failed (self, NULL, error);

  g_clear_pointer (&db->conn, PQfinish);
  db->prepared = 0;
  db->in_transaction = FALSE;
  g_clear_pointer (&db->tx, pg_tx_free);
  /* What was missed while no connection listened is not known. */
  db->listening = FALSE;
  g_hash_table_remove_all (db->heads);

  /* The URI's own settings (dbname, processed last) win. */
  db->conn = PQconnectdbParams (keywords, values, TRUE);
  if (PQstatus (db->conn) != CONNECTION_OK)
    {
      db->failed_us = now;
      return pg_failed (self, NULL, error);
    }

  result = PQexec (db->conn, session_sql);
  if (PQresultStatus (result) != PGRES_COMMAND_OK)
    {
      db->failed_us = now;
      return pg_failed (self, result, error);
    }
  PQclear (result);
  db->failed_us = 0;
  return TRUE;
}

static gboolean
prepare (PgStorage  *self,
         PgStmt      id,
         GError    **error)
{
  g_autofree char *name = NULL;
  PGresult *result;

  if (self->db->prepared & (G_GUINT64_CONSTANT (1) << id))
    return TRUE;

  name = g_strdup_printf ("s%u", id);
  result = PQprepare (self->db->conn, name, stmt_sql[id], 0, NULL);
  if (PQresultStatus (result) != PGRES_COMMAND_OK)
    return pg_failed (self, result, error);
  PQclear (result);

  self->db->prepared |= G_GUINT64_CONSTANT (1) << id;
  return TRUE;
}

static PGresult *
exec_once (PgStorage          *self,
           PgStmt              id,
           int                 n_params,
           const char * const *params,
           GError            **error)
{
  char name[8];
  PGresult *result;
  ExecStatusType status;

  if ((!self->db->in_transaction && !pg_connect (self, error)) || !prepare (self, id, error))
    return NULL;

  g_snprintf (name, sizeof name, "s%u", id);
  result = PQexecPrepared (self->db->conn, name, n_params, params, NULL, NULL, 0);
  status = PQresultStatus (result);
  if (status != PGRES_TUPLES_OK && status != PGRES_COMMAND_OK)
    {
      pg_failed (self, result, error);
      return NULL;
    }

  return result;
}

PGresult *
pg_exec (PgStorage          *self,
         PgStmt              id,
         int                 n_params,
         const char * const *params,
         GError            **error)
{
  GError *local_error = NULL;
  PGresult *result;

  result = exec_once (self, id, n_params, params, &local_error);
  /* A connection lost since the last use (the database restarted): once
   * more on a new one, unless a transaction was open on the old. */
  if (result == NULL && !self->db->in_transaction &&
      g_error_matches (local_error, LOTSE_SERVER_STORAGE_ERROR, LOTSE_SERVER_STORAGE_ERROR_UNAVAILABLE) &&
      self->db->failed_us == 0)
    {
      g_clear_error (&local_error);
      result = exec_once (self, id, n_params, params, &local_error);
    }
  if (local_error != NULL)
    g_propagate_error (error, local_error);

  return result;
}

PGresult *
pg_exec_ws (PgStorage          *self,
            PgStmt              id,
            int                 n_params,
            const char * const *params,
            GError            **error)
{
  const char *all[8];
  PgInt ws;

  g_assert (n_params < (int)G_N_ELEMENTS (all));
  if (!lotse_server_storage_check_workspace (self->ws, error))
    return NULL;

  all[0] = pg_int (&ws, self->ws);
  for (int i = 0; i < n_params; i++)
    all[i + 1] = params[i];

  return pg_exec (self, id, n_params + 1, all, error);
}

gboolean
pg_exec_sql (PgStorage   *self,
             const char  *sql,
             GError     **error)
{
  PGresult *result;
  ExecStatusType status;

  if (!self->db->in_transaction && !pg_connect (self, error))
    return FALSE;

  result = PQexec (self->db->conn, sql);
  status = PQresultStatus (result);
  if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK)
    return pg_failed (self, result, error);

  PQclear (result);
  return TRUE;
}

void
pg_copy_append (GString    *out,
                const char *value,
                char        end)
{
  if (value == NULL)
    g_string_append (out, "\\N");
  for (const char *p = value; p != NULL && *p != '\0'; p++)
    {
      switch (*p)
        {
        case '\\': g_string_append (out, "\\\\"); break;
        case '\n': g_string_append (out, "\\n"); break;
        case '\r': g_string_append (out, "\\r"); break;
        case '\t': g_string_append (out, "\\t"); break;
        default: g_string_append_c (out, *p); break;
        }
    }
  g_string_append_c (out, end);
}

void
pg_array_append (GString    *out,
                 const char *value)
{
  g_string_append_c (out, '"');
  for (const char *p = value; *p != '\0'; p++)
    {
      if (*p == '"' || *p == '\\')
        g_string_append_c (out, '\\');
      g_string_append_c (out, *p);
    }
  g_string_append (out, "\",");
}

gboolean
pg_copy_in (PgStorage   *self,
            const char  *table_columns,
            GString     *data,
            GError     **error)
{
  PGconn *conn = self->db->conn;
  g_autofree char *sql = g_strdup_printf ("COPY %s FROM STDIN", table_columns);
  PGresult *result = PQexec (conn, sql);

  if (PQresultStatus (result) != PGRES_COPY_IN)
    return pg_failed (self, result, error);
  PQclear (result);

  if (PQputCopyData (conn, data->str, (int)data->len) != 1 || PQputCopyEnd (conn, NULL) != 1)
    return pg_failed (self, NULL, error);

  result = PQgetResult (conn);
  if (PQresultStatus (result) != PGRES_COMMAND_OK)
    {
      pg_failed (self, result, error);
      while ((result = PQgetResult (conn)) != NULL)
        PQclear (result);
      return FALSE;
    }
  PQclear (result);
  while ((result = PQgetResult (conn)) != NULL)
    PQclear (result);

  return TRUE;
}

/* --- transactions ----------------------------------------------------------- */

static gboolean
pg_begin (LotseServerStorage  *storage,
          GError             **error)
{
  PgStorage *self = (PgStorage *)storage;
  PgDb *db = self->db;
  g_autofree char *sql = NULL;
  PGresult *result;

  g_return_val_if_fail (!db->in_transaction, FALSE);
  if (!lotse_server_storage_check_workspace (self->ws, error) || !pg_connect (self, error))
    return FALSE;

  /* One round trip: BEGIN and the lock of the workspace's counter (see
   * the top of this file). */
  sql = g_strdup_printf ("BEGIN; SELECT seq, digest, horizon FROM workspaces WHERE id = %" G_GINT64_FORMAT
                         " FOR UPDATE", self->ws);
  result = PQexec (db->conn, sql);
  if (PQresultStatus (result) != PGRES_TUPLES_OK)
    {
      pg_failed (self, result, error);
      if (db->conn != NULL && PQtransactionStatus (db->conn) != PQTRANS_IDLE)
        PQclear (PQexec (db->conn, "ROLLBACK"));
      return FALSE;
    }

  db->in_transaction = TRUE;
  if (PQntuples (result) == 0)
    {
      PQclear (result);
      storage->vtable->rollback (storage);
      g_set_error (error, LOTSE_SERVER_STORAGE_ERROR, LOTSE_SERVER_STORAGE_ERROR_NO_WORKSPACE,
                   _("There is no workspace “%s”"), self->name);
      return FALSE;
    }

  db->tx = pg_tx_new (self->ws, pg_get_int (result, 0, 0), PQgetvalue (result, 0, 1), pg_get_int (result, 0, 2));
  PQclear (result);
  return TRUE;
}

static gboolean
pg_commit (LotseServerStorage  *storage,
           GError             **error)
{
  PgStorage *self = (PgStorage *)storage;
  PgDb *db = self->db;
  g_autofree char *sql = NULL;
  const char *digest = NULL;
  gint64 seq = 0;
  PGresult *result;

  g_return_val_if_fail (db->in_transaction && db->tx != NULL, FALSE);
  if (!pg_tx_flush (self, error))
    return FALSE;

  /* The counter moves with the commit, in one round trip; digests are
   * hex: nothing to quote. */
  if (pg_tx_head (db->tx, &seq, &digest))
    sql = g_strdup_printf ("UPDATE workspaces SET seq = %" G_GINT64_FORMAT ", digest = '%s'"
                           " WHERE id = %" G_GINT64_FORMAT "; COMMIT", seq, digest, self->ws);
  result = PQexec (db->conn, sql != NULL ? sql : "COMMIT");
  if (PQresultStatus (result) != PGRES_COMMAND_OK || !g_str_equal (PQcmdStatus (result), "COMMIT"))
    return pg_failed (self, result, error);

  PQclear (result);
  db->in_transaction = FALSE;
  g_clear_pointer (&db->tx, pg_tx_free);
  return TRUE;
}

static void
pg_rollback (LotseServerStorage *storage)
{
  PgDb *db = ((PgStorage *)storage)->db;

  if (db->in_transaction && db->conn != NULL && PQstatus (db->conn) == CONNECTION_OK &&
      PQtransactionStatus (db->conn) != PQTRANS_IDLE)
    PQclear (PQexec (db->conn, "ROLLBACK"));
  db->in_transaction = FALSE;
  g_clear_pointer (&db->tx, pg_tx_free);
}

/* --- the handle ---------------------------------------------------------------- */

static void
forget_notified (PgDb *db)
{
  PGnotify *notify;

  while ((notify = PQnotifies (db->conn)) != NULL)
    {
      gint64 ws = g_ascii_strtoll (notify->extra, NULL, 10);

      g_hash_table_remove (db->heads, &ws);
      PQfreemem (notify);
    }
}

static gboolean
start_listening (PgStorage  *self,
                 GError    **error)
{
  static const char listen_sql[] = "LISTEN lotse_head";
  g_autoptr(GError) local_error = NULL;

  if (pg_exec_sql (self, listen_sql, &local_error))
    return TRUE;

  /* Once more on a new connection when the old one was lost unseen, as
   * pg_exec() does. */
  if (!g_error_matches (local_error, LOTSE_SERVER_STORAGE_ERROR, LOTSE_SERVER_STORAGE_ERROR_UNAVAILABLE) ||
      self->db->failed_us != 0)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  return pg_connect (self, error) && pg_exec_sql (self, listen_sql, error);
}

gboolean
pg_listen (PgStorage  *self,
           GError    **error)
{
  PgDb *db = self->db;

  g_return_val_if_fail (!db->in_transaction, FALSE);
  if (!pg_connect (self, error))
    return FALSE;

  if (!db->listening)
    {
      if (!start_listening (self, error))
        return FALSE;
      db->listening = TRUE;
    }

  /* Reads what has arrived without waiting; on a broken connection the
   * next statement makes a new one, which forgets everything. */
  if (!PQconsumeInput (db->conn))
    g_hash_table_remove_all (db->heads);
  forget_notified (db);
  return TRUE;
}

static gboolean
pg_auth_version (LotseServerStorage  *storage,
                 gint64              *version,
                 GError             **error)
{
  PgStorage *self = (PgStorage *)storage;
  PgDb *db = self->db;
  PGresult *result;

  if (!db->in_transaction)
    {
      if (!pg_listen (self, error))
        return FALSE;
      result = pg_exec (self, PG_AUTH_VERSION, 0, NULL, error);
      if (result == NULL)
        return FALSE;
      db->auth_version = PQntuples (result) > 0 ? pg_get_int (result, 0, 0) : 0;
      PQclear (result);
      /* What came with the answer (see the top of this file). */
      forget_notified (db);
    }

  *version = db->auth_version;
  return TRUE;
}

static const char *
pg_get_workspace (LotseServerStorage *storage)
{
  return ((PgStorage *)storage)->name;
}

static const char *
pg_get_server_id (LotseServerStorage *storage)
{
  return ((PgStorage *)storage)->server_id;
}

static void
pg_free (LotseServerStorage *storage)
{
  PgStorage *self = (PgStorage *)storage;

  if (--self->db->refs == 0)
    {
      g_clear_pointer (&self->db->tx, pg_tx_free);
      g_clear_pointer (&self->db->conn, PQfinish);
      g_hash_table_unref (self->db->heads);
      g_free (self->db->conninfo);
      g_free (self->db);
    }
  g_free (self->name);
  g_free (self->server_id);
  g_free (self);
}

static const LotseServerStorageVTable pg_vtable = {
  .free = pg_free,
  .open_workspace = pg_open_workspace,
  .workspace_create = pg_workspace_create,
  .workspace_list = pg_workspace_list,
  .workspace_remove = pg_workspace_remove,
  .get_workspace = pg_get_workspace,
  .get_server_id = pg_get_server_id,
  .new_server_id = pg_new_server_id,
  .begin = pg_begin,
  .commit = pg_commit,
  .rollback = pg_rollback,
  .account_add = pg_account_add,
  .account_get = pg_account_get,
  .account_list = pg_account_list,
  .account_remove = pg_account_remove,
  .device_add = pg_device_add,
  .token_lookup = pg_token_lookup,
  .device_touch = pg_device_touch,
  .revoke_device = pg_revoke_device,
  .revoke_account = pg_revoke_account,
  .device_remove_older = pg_device_remove_older,
  .auth_version = pg_auth_version,
  .batch_auth_version = TRUE,
  .row_get = pg_row_get,
  .row_exists = pg_row_exists,
  .revision_get = pg_revision_get,
  .revision_write = pg_revision_write,
  .op_get = pg_op_get,
  .op_put = pg_op_put,
  .seq_range = pg_seq_range,
  .forget_head = pg_forget_head,
  .digest_at = pg_digest_at,
  .pull = pg_pull,
  .history = pg_history,
  .prefetch = pg_prefetch,
  .dump = pg_dump,
  .load = pg_load,
  .login_take = pg_login_take,
  .login_succeed = pg_login_succeed,
};

PgStorage *
pg_storage_new (PgDb       *db,
                gint64      ws,
                const char *name,
                const char *server_id)
{
  PgStorage *self = g_new0 (PgStorage, 1);

  self->parent.vtable = &pg_vtable;
  self->db = db;
  db->refs++;
  self->ws = ws;
  self->name = g_strdup (name);
  self->server_id = g_strdup (server_id);

  return self;
}

/**
 * lotse_server_storage_pg_open:
 * @conninfo: a postgresql:// URI
 *
 * Connects, and makes the tables when the database has none.
 *
 * Returns: (transfer full) (nullable): the handle of the database (no
 *   workspace), or %NULL with @error set (…_UNAVAILABLE when it cannot
 *   be reached)
 */
LotseServerStorage *
lotse_server_storage_pg_open (const char  *conninfo,
                              GError     **error)
{
  PgDb *db = g_new0 (PgDb, 1);
  PgStorage *self;

  db->conninfo = g_strdup (conninfo);
  db->heads = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  self = pg_storage_new (db, 0, NULL, NULL);

  if (!pg_connect (self, error) || !pg_schema_prepare (self, error))
    {
      pg_free (&self->parent);
      return NULL;
    }

  return &self->parent;
}
