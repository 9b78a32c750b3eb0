/* lotse-sync-restore.c: sync after the server was restored from a backup
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A restored server has lost what was committed after its backup. Clients
 * still hold those edits, acknowledged long ago, with revision numbers the
 * server will hand out again for other content. Neither the outbox (it
 * forgets an edit once acknowledged) nor the revision number (it is reused)
 * tells what the server lacks. So:
 *
 * - Marks. Every revision on the server has a digest that covers all
 *   history before it (lotse_server_chain_digest()). Answers carry the
 *   mark "<seq>:<digest>" of the history up to their newest seq; the
 *   client keeps a few (sync_lineage.marks) and sends the newest with every
 *   push and pull. Every row it holds came from history up to that seq, so
 *   if the server's history differs there, anything it holds may be lost:
 *   the server answers 410, whatever the administrator did (`new-id` or
 *   not). A server with a new id is met as a new server, which the client
 *   treats the same way when it holds rows from a server.
 *
 * - Restating. Then every row with a server revision (rev > 0) is a
 *   candidate (sync_reconcile) and a full pull follows. A pulled row equal
 *   to the local one (same rev, same values, no local edits waiting) is
 *   something the server has: no longer a candidate. Other candidates are
 *   not overwritten. When the pull is done, each remaining candidate's
 *   outbox entries are replaced by one change that restates the whole row
 *   (outbox_restated), and these are pushed like any other change.
 *
 * - The fork. The first page of that pull sends the client's older marks;
 *   the server answers with the newest one its history still has: up to
 *   that seq both histories are the same. A restated row is merged on the
 *   server against the row as it was there (lotse-server-restore.c), so an
 *   edit made after the backup comes back as a change, and one that
 *   someone else made to the same field since the restore as a conflict,
 *   which the client keeps and shows. If the server's revision base_rev
 *   still holds the client's state, it answers `known` and the client
 *   takes the current row.
 *
 * The same file keeps sync from running on a database that holds rows it
 * would never send (written without outbox entries, as `lotse-cli
 * generate` does for benchmarks): such a database would never converge.
 */

#define G_LOG_DOMAIN "lotse-sync"

#include "config.h"

#include <string.h>

#include "lotse-store-private.h"
#include "lotse-sync-private.h"

/* Marks kept (lotse_sync_marks_add()). */
#define RECENT_MARKS 8
#define MAX_MARKS    32

/* A mark is "<seq>:<32 hex digits>"; anything else is not kept. */
static gboolean
mark_seq (const char *mark,
          gint64     *out_seq)
{
  const char *colon = mark ? strchr (mark, ':') : NULL;
  g_autofree char *seq = NULL;

  if (colon == NULL || strlen (colon + 1) != 32 || strspn (colon + 1, "0123456789abcdef") != 32)
    return FALSE;

  seq = g_strndup (mark, colon - mark);
  return g_ascii_string_to_signed (seq, 10, 0, G_MAXINT64, out_seq, NULL);
}

/**
 * lotse_sync_marks_add:
 * @marks: (nullable): the marks kept, newest first, separated by spaces
 * @mark: a mark an answer carried
 *
 * Keeps the newest few marks, and of the older ones the oldest in each
 * range of distances from the newest [2^k, 2^(k+1)): the list stays short
 * and still reaches far back, so that an old backup meets one of them.
 * A mark moves into farther ranges as the newest advances and is only
 * dropped for an older one in its range, so the oldest is never lost.
 *
 * Returns: (transfer full): the marks with @mark in front, unless one of a
 *   later seq is known already
 */
char *
lotse_sync_marks_add (const char *marks,
                      const char *mark)
{
  g_auto(GStrv) old = g_strsplit (marks ? marks : "", " ", -1);
  g_autoptr(GPtrArray) kept = g_ptr_array_new ();
  g_autoptr(GString) out = g_string_new (mark);
  gint64 newest = 0, seq = 0;
  guint last_range = 0;

  if (!mark_seq (mark, &newest))
    return g_strdup (marks);

  if (old[0] != NULL && mark_seq (old[0], &seq) && seq > newest)
    return g_strdup (marks);

  for (guint i = 0; old[i] != NULL; i++)
    {
      guint range;

      if (!mark_seq (old[i], &seq) || seq >= newest)
        continue;

      range = g_bit_storage ((gulong)(newest - seq));
      if (kept->len + 1 < RECENT_MARKS || range != last_range)
        {
          if (kept->len + 1 >= MAX_MARKS)
            break;
          g_ptr_array_add (kept, old[i]);
        }
      else
        kept->pdata[kept->len - 1] = old[i];
      last_range = range;
    }

  for (guint i = 0; i < kept->len; i++)
    g_string_append_printf (out, " %s", (const char *)g_ptr_array_index (kept, i));

  return g_string_free (g_steal_pointer (&out), FALSE);
}

/**
 * lotse_sync_marks_newest:
 *
 * Returns: (transfer full) (nullable): the first of @marks
 */
char *
lotse_sync_marks_newest (const char *marks)
{
  const char *space;

  if (marks == NULL || *marks == '\0')
    return NULL;

  space = strchr (marks, ' ');
  return space ? g_strndup (marks, space - marks) : g_strdup (marks);
}

/**
 * lotse_sync_note_mark:
 * @store: the store, in a transaction
 * @server_id: the server
 * @mark: (nullable): the mark of an answer; %NULL from a server that sends
 *   none
 * @fork: the fork the answer found, or -1
 * @error: a location for a #GError
 *
 * Keeps @mark with the answer it came with. The first fork found while
 * restating is kept for the restated rows; the marks of the old history
 * are then of no further use and go.
 */
gboolean
lotse_sync_note_mark (LotseStore  *store,
                      const char  *server_id,
                      const char  *mark,
                      gint64       fork,
                      GError     **error)
{
  g_autoptr(LotseSyncStateRow) state = NULL;
  g_autoptr(GError) local_error = NULL;
  char *marks;

  if (mark == NULL)
    return TRUE;

  state = lotse_store_sync_load_state (store, server_id, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (state == NULL)
    return TRUE;

  if (fork >= 0 && state->fork < 0)
    {
      state->fork = fork;
      marks = g_strdup (mark);
    }
  else
    marks = lotse_sync_marks_add (state->marks, mark);

  g_free (state->marks);
  state->marks = marks;
  return lotse_store_sync_save_state (store, state, error);
}

/* ---- rows sync would never send --------------------------------------- */

static gboolean
run_sql (LotseStore  *store,
         const char  *sql,
         GError     **error)
{
  sqlite3_stmt *stmt = lotse_store_prepare_cached (store, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;

  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return lotse_store_set_sqlite_error (store, error, "restating");

  return TRUE;
}

static gboolean
count_rows (LotseStore  *store,
            const char  *sql,
            const char  *table,
            gint64      *out_count,
            GError     **error)
{
  sqlite3_stmt *stmt = lotse_store_prepare_cached (store, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;

  if (table != NULL)
    lotse_store_bind_text (stmt, 1, table);
  rc = sqlite3_step (stmt);
  *out_count = rc == SQLITE_ROW ? sqlite3_column_int64 (stmt, 0) : 0;
  sqlite3_reset (stmt);

  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return lotse_store_set_sqlite_error (store, error, "counting rows");

  return TRUE;
}

/**
 * lotse_sync_count_unsyncable:
 * @out_count: (out): how many rows sync would never send
 *
 * Counts rows without a server revision, without an outbox entry and
 * without a conflict (a change the server refused): rows written around
 * the outbox, e.g. by lotse_generate(). The server never gets them, and
 * an edit of one would send only the edited fields.
 */
gboolean
lotse_sync_count_unsyncable (LotseStore  *store,
                             gint64      *out_count,
                             GError     **error)
{
  const LotseTable * const *tables;
  guint n_tables;

  *out_count = 0;
  tables = lotse_schema_get_tables (&n_tables);
  for (guint i = 0; i < n_tables; i++)
    {
      g_autofree char *sql = NULL;
      gint64 count = 0;

      /* Seeded rows are on every device already. */
      sql = g_strdup_printf ("SELECT count(*) FROM %s t WHERE rev = 0"
                             " AND t.id NOT LIKE '" LOTSE_WELL_KNOWN_ID_PREFIX "%%'"
                             " AND NOT EXISTS (SELECT 1 FROM outbox o WHERE o.table_name = ?1 AND o.row_id = t.id)"
                             " AND NOT EXISTS (SELECT 1 FROM conflicts c WHERE c.table_name = ?1"
                             " AND c.row_id = t.id)",
                             tables[i]->name);
      if (!count_rows (store, sql, tables[i]->name, &count, error))
        return FALSE;
      *out_count += count;
    }

  return TRUE;
}

/* ---- restating ------------------------------------------------------ */

/**
 * lotse_sync_has_server_rows:
 * @out_has: (out): whether any row holds a revision from a server
 */
gboolean
lotse_sync_has_server_rows (LotseStore  *store,
                            gboolean    *out_has,
                            GError     **error)
{
  const LotseTable * const *tables;
  guint n_tables;

  *out_has = FALSE;
  tables = lotse_schema_get_tables (&n_tables);
  for (guint i = 0; i < n_tables && !*out_has; i++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM (SELECT 1 FROM %s WHERE rev > 0 LIMIT 1)",
                                              tables[i]->name);
      gint64 count = 0;

      if (!count_rows (store, sql, NULL, &count, error))
        return FALSE;
      *out_has = count > 0;
    }

  return TRUE;
}

/**
 * lotse_sync_reconcile_pending:
 * @out_pending: (out): whether rows wait to be compared with a full pull
 */
gboolean
lotse_sync_reconcile_pending (LotseStore  *store,
                              gboolean    *out_pending,
                              GError     **error)
{
  gint64 count = 0;

  if (!count_rows (store, "SELECT count(*) FROM (SELECT 1 FROM sync_reconcile LIMIT 1)", NULL, &count, error))
    return FALSE;

  *out_pending = count > 0;
  return TRUE;
}

/**
 * lotse_sync_reconcile_begin:
 * @store: the store, not in a transaction
 * @state: the state of the server; saved with cursor 0
 * @marks: (nullable): the marks of the history the rows came from, to find
 *   the fork with
 * @out_pending: (out): whether any row is a candidate
 * @error: a location for a #GError
 *
 * Makes every row with a server revision a candidate for restating and
 * starts a full pull. Without candidates that is all: the marks then
 * cannot help and go.
 */
gboolean
lotse_sync_reconcile_begin (LotseStore         *store,
                            LotseSyncStateRow  *state,
                            const char         *marks,
                            gboolean           *out_pending,
                            GError            **error)
{
  const LotseTable * const *tables;
  g_autofree char *kept = g_strdup (marks);
  guint n_tables;
  gboolean ok = TRUE;

  if (!lotse_store_begin (store, error))
    return FALSE;

  tables = lotse_schema_get_tables (&n_tables);
  for (guint i = 0; i < n_tables && ok; i++)
    {
      g_autofree char *sql = g_strdup_printf ("INSERT OR IGNORE INTO sync_reconcile (table_name, row_id)"
                                              " SELECT '%s', id FROM %s WHERE rev > 0",
                                              tables[i]->name, tables[i]->name);
      ok = run_sql (store, sql, error);
    }

  ok = ok && lotse_sync_reconcile_pending (store, out_pending, error);
  if (ok)
    {
      g_free (state->marks);
      state->marks = *out_pending ? g_steal_pointer (&kept) : NULL;
      state->cursor = 0;
      state->fork = -1;
      ok = lotse_store_sync_save_state (store, state, error);
    }

  if (!ok || !lotse_store_commit (store, error))
    {
      lotse_store_rollback (store);
      return FALSE;
    }

  return TRUE;
}

/* A value of a page as the store's text (the form LotseRecord holds). */
static char *
value_text (const LotseSyncValue *value)
{
  if (value == NULL)
    return NULL;

  switch (value->kind)
    {
    case LOTSE_SYNC_VALUE_STRING:
      return g_strdup (value->text);
    case LOTSE_SYNC_VALUE_INT:
      return g_strdup_printf ("%" G_GINT64_FORMAT, value->number);
    case LOTSE_SYNC_VALUE_DOUBLE:
      return g_strdup_printf ("%" G_GINT64_FORMAT, (gint64)value->real);
    case LOTSE_SYNC_VALUE_BOOL:
      return g_strdup (value->number ? "1" : "0");
    case LOTSE_SYNC_VALUE_NULL:
    case LOTSE_SYNC_VALUE_OTHER:
    default:
      return NULL;
    }
}

static gboolean
equals_local (LotseRecord                  *local,
              gint64                        rev,
              gboolean                      deleted,
              const LotseSyncValue * const *values)
{
  const LotseTable *table = lotse_record_get_table (local);

  if (lotse_record_get_rev (local) != rev || !lotse_record_get_deleted (local) != !deleted)
    return FALSE;

  for (guint i = 0; i < table->n_fields; i++)
    {
      g_autofree char *text = value_text (values[i]);

      if (g_strcmp0 (text, lotse_record_get_nth (local, i)) != 0)
        return FALSE;
    }

  return TRUE;
}

/**
 * lotse_sync_reconcile_check_row:
 * @store: the store, in the transaction of a page
 * @out_held: (out): %TRUE if the row is a candidate the server may lack:
 *   it must not be overwritten
 *
 * While restating, compares a pulled row with a candidate: equal (and no
 * local edit waiting) means the server has it, and it is no longer one.
 */
gboolean
lotse_sync_reconcile_check_row (LotseStore                   *store,
                                const LotseTable             *table,
                                const char                   *id,
                                gint64                        rev,
                                gboolean                      deleted,
                                const LotseSyncValue * const *values,
                                gboolean                     *out_held,
                                GError                      **error)
{
  g_autoptr(LotseRecord) local = NULL;
  sqlite3_stmt *stmt;
  gboolean has_outbox = FALSE;
  int rc;

  *out_held = FALSE;
  stmt = lotse_store_prepare_cached (store, "SELECT 1 FROM sync_reconcile WHERE table_name = ? AND row_id = ?",
                                     error);
  if (stmt == NULL)
    return FALSE;
  lotse_store_bind_text (stmt, 1, table->name);
  lotse_store_bind_text (stmt, 2, id);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return lotse_store_set_sqlite_error (store, error, "restating");
  if (rc == SQLITE_DONE)
    return TRUE;

  if (!lotse_store_sync_find_row (store, table->name, id, &local, error))
    return FALSE;
  if (!lotse_store_sync_row_has_outbox (store, table->name, id, &has_outbox, error))
    return FALSE;

  *out_held = has_outbox || local == NULL || !equals_local (local, rev, deleted, values);
  if (*out_held)
    return TRUE;

  stmt = lotse_store_prepare_cached (store, "DELETE FROM sync_reconcile WHERE table_name = ? AND row_id = ?", error);
  if (stmt == NULL)
    return FALSE;
  lotse_store_bind_text (stmt, 1, table->name);
  lotse_store_bind_text (stmt, 2, id);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      sqlite3_reset (stmt);
      return lotse_store_set_sqlite_error (store, error, "restating");
    }
  sqlite3_reset (stmt);

  return TRUE;
}

/* Replaces the outbox entries of one candidate by the change that
 * restates the whole row on its revision. */
static gboolean
restate_row (LotseStore        *store,
             const LotseTable  *table,
             const char        *id,
             gint64             fork,
             const char        *now,
             GError           **error)
{
  g_autoptr(LotseRecord) record = NULL;
  g_autofree gboolean *all = g_new (gboolean, table->n_fields);
  g_autofree char *fields_json = NULL;
  sqlite3_stmt *stmt;

  /* Rows are never removed: a candidate is there. */
  record = lotse_store_sync_get_row (store, table->name, id, error);
  if (record == NULL)
    return FALSE;

  for (guint i = 0; i < table->n_fields; i++)
    all[i] = TRUE;
  fields_json = lotse_store_fields_to_json (table, record, all);

  stmt = lotse_store_prepare_cached (store, "DELETE FROM outbox WHERE table_name = ? AND row_id = ?", error);
  if (stmt == NULL)
    return FALSE;
  lotse_store_bind_text (stmt, 1, table->name);
  lotse_store_bind_text (stmt, 2, id);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      sqlite3_reset (stmt);
      return lotse_store_set_sqlite_error (store, error, "restating");
    }
  sqlite3_reset (stmt);

  if (!lotse_store_append_outbox (store, table->name, id, lotse_record_get_rev (record),
                                  lotse_record_get_deleted (record), fields_json, now, error))
    return FALSE;

  stmt = lotse_store_prepare_cached (store, "INSERT INTO outbox_restated (op_id, fork)"
                                     " SELECT op_id, ? FROM outbox WHERE seq = last_insert_rowid ()", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, fork);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      sqlite3_reset (stmt);
      return lotse_store_set_sqlite_error (store, error, "restating");
    }
  sqlite3_reset (stmt);

  return TRUE;
}

static GPtrArray *
candidates_of (LotseStore  *store,
               const char  *table,
               GError     **error)
{
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt;
  int rc;

  stmt = lotse_store_prepare_cached (store, "SELECT row_id FROM sync_reconcile WHERE table_name = ? ORDER BY row_id",
                                     error);
  if (stmt == NULL)
    return NULL;

  lotse_store_bind_text (stmt, 1, table);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (ids, g_strdup ((const char *)sqlite3_column_text (stmt, 0)));
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      lotse_store_set_sqlite_error (store, error, "restating");
      return NULL;
    }

  return g_steal_pointer (&ids);
}

/**
 * lotse_sync_reconcile_finish:
 * @store: the store, not in a transaction
 * @server_id: the server
 * @out_restated: (out): how many rows were restated
 * @error: a location for a #GError
 *
 * After the full pull: every remaining candidate becomes one change that
 * restates it, parents before children (the server checks references),
 * in one transaction with the end of restating.
 */
gboolean
lotse_sync_reconcile_finish (LotseStore  *store,
                             const char  *server_id,
                             guint       *out_restated,
                             GError     **error)
{
  g_autoptr(LotseSyncStateRow) state = NULL;
  g_autofree char *now = lotse_store_sync_now ();
  const LotseTable * const *tables;
  guint n_tables;
  gboolean ok;

  *out_restated = 0;
  if (!lotse_store_begin (store, error))
    return FALSE;

  state = lotse_store_sync_load_state (store, server_id, error);
  ok = state != NULL;
  tables = lotse_schema_get_tables (&n_tables);
  for (guint i = 0; i < n_tables && ok; i++)
    {
      g_autoptr(GPtrArray) ids = candidates_of (store, tables[i]->name, error);

      ok = ids != NULL;
      for (guint j = 0; ok && j < ids->len; j++)
        ok = restate_row (store, tables[i], g_ptr_array_index (ids, j), MAX (state->fork, 0), now, error);
      if (ok)
        *out_restated += ids->len;
    }

  if (ok)
    {
      state->fork = -1;
      ok = run_sql (store, "DELETE FROM sync_reconcile", error) &&
           lotse_store_sync_save_state (store, state, error);
    }

  if (!ok || !lotse_store_commit (store, error))
    {
      lotse_store_rollback (store);
      return FALSE;
    }

  return TRUE;
}
