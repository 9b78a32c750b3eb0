/* lotse-store-sync.c: the store's side of sync
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Rows that come from the server are written here without an outbox row;
 * local edits that sync itself makes (a conflict's resolution, the
 * non-conflicting part of a refused change) go through the outbox like any
 * other edit. The caller holds the transaction (lotse_store_begin()), so a
 * whole server answer is applied or none of it.
 */

#define G_LOG_DOMAIN "lotse-store-sync"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <sqlite3.h>

#include "lotse-error.h"
#include "lotse-health-private.h"
#include "lotse-record-private.h"
#include "lotse-store-private.h"
#include "lotse-store-sync.h"

void
lotse_outbox_entry_free (LotseOutboxEntry *entry)
{
  g_free (entry->op_id);
  g_free (entry->row_id);
  g_free (entry->fields_json);
  g_free (entry);
}

void
lotse_sync_state_row_free (LotseSyncStateRow *row)
{
  g_free (row->server_id);
  g_free (row->server_url);
  g_free (row->device_id);
  g_free (row->user_name);
  g_free (row->last_success);
  g_free (row->marks);
  g_free (row);
}

char *
lotse_store_sync_now (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  return g_date_time_format (now, "%Y-%m-%dT%H:%M:%S.%fZ");
}

static GPtrArray *
read_outbox_rows (LotseStore    *self,
                  sqlite3_stmt  *stmt,
                  GError       **error)
{
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func ((GDestroyNotify)lotse_outbox_entry_free);
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      LotseOutboxEntry *entry = g_new0 (LotseOutboxEntry, 1);
      const LotseTable *table = lotse_schema_lookup_table ((const char *)sqlite3_column_text (stmt, 2));

      entry->seq = sqlite3_column_int64 (stmt, 0);
      entry->op_id = lotse_store_column_dup (stmt, 1);
      entry->table = table ? table->name : NULL;
      entry->row_id = lotse_store_column_dup (stmt, 3);
      entry->base_rev = sqlite3_column_int64 (stmt, 4);
      entry->deleted = sqlite3_column_int (stmt, 5);
      entry->fields_json = lotse_store_column_dup (stmt, 6);
      entry->fork = sqlite3_column_type (stmt, 7) == SQLITE_NULL ? -1 : sqlite3_column_int64 (stmt, 7);

      if (entry->table == NULL)
        {
          /* Only the store writes the outbox, with schema table names. */
          g_warning ("Outbox entry %s names an unknown table; left in place", entry->op_id);
          lotse_outbox_entry_free (entry);
          continue;
        }

      g_ptr_array_add (entries, entry);
    }

  if (rc != SQLITE_DONE)
    {
      lotse_store_set_sqlite_error (self, error, "reading the outbox");
      sqlite3_reset (stmt);
      return NULL;
    }

  sqlite3_reset (stmt);
  return g_steal_pointer (&entries);
}

/**
 * lotse_store_sync_read_outbox:
 * @self: a store
 * @limit: the most entries to return
 * @error: a location for a #GError
 *
 * Reads the oldest outbox entry of each row, oldest first. Later entries
 * of the same row wait for the next batch, so that the server sees them in
 * the order they were made. They keep the base_rev they were made on (only
 * entries on top of an insert move to its revision 1), so the server's
 * merge still sees what other devices changed since (lotse-sync-apply.c).
 *
 * Returns: (transfer container) (element-type LotseOutboxEntry): the entries
 */
GPtrArray *
lotse_store_sync_read_outbox (LotseStore  *self,
                              guint        limit,
                              GError     **error)
{
  return lotse_store_sync_read_outbox_except (self, limit, NULL, error);
}

/**
 * lotse_store_sync_read_outbox_except:
 * @self: a store
 * @limit: the most entries to return
 * @sent: (nullable) (element-type LotseOutboxEntry): entries read before and
 *   not yet acknowledged
 * @error: a location for a #GError
 *
 * Like lotse_store_sync_read_outbox(), without the rows of @sent: the next
 * batch, read while @sent is on its way. A row of @sent waits with its later
 * entries until @sent is acknowledged, so each row's changes still go out
 * one batch after the other, in order.
 *
 * Returns: (transfer container) (element-type LotseOutboxEntry): the entries
 */
GPtrArray *
lotse_store_sync_read_outbox_except (LotseStore  *self,
                                     guint        limit,
                                     GPtrArray   *sent,
                                     GError     **error)
{
  g_autoptr(GString) seqs = NULL;
  sqlite3_stmt *stmt;

  stmt = lotse_store_prepare_cached (self,
                                     "SELECT seq, o.op_id, table_name, row_id, base_rev, deleted, fields, fork"
                                     " FROM outbox o LEFT JOIN outbox_restated r ON r.op_id = o.op_id WHERE seq = (SELECT min(seq) FROM outbox"
                                     " WHERE table_name = o.table_name AND row_id = o.row_id)"
                                     " AND (?2 IS NULL OR seq NOT IN (SELECT value FROM json_each (?2)))"
                                     " ORDER BY seq LIMIT ?1",
                                     error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, limit);
  if (sent != NULL && sent->len > 0)
    {
      seqs = g_string_new ("[");
      for (guint i = 0; i < sent->len; i++)
        g_string_append_printf (seqs, "%s%" G_GINT64_FORMAT, i > 0 ? "," : "",
                                ((LotseOutboxEntry *)g_ptr_array_index (sent, i))->seq);
      g_string_append_c (seqs, ']');
      sqlite3_bind_text (stmt, 2, seqs->str, -1, SQLITE_TRANSIENT);
    }
  else
    {
      sqlite3_bind_null (stmt, 2);
    }

  return read_outbox_rows (self, stmt, error);
}

/**
 * lotse_store_sync_outbox_for_row:
 *
 * Returns: (transfer container) (element-type LotseOutboxEntry): the
 *   outbox entries of one row, oldest first
 */
GPtrArray *
lotse_store_sync_outbox_for_row (LotseStore  *self,
                                 const char  *table,
                                 const char  *row_id,
                                 GError     **error)
{
  sqlite3_stmt *stmt;

  stmt = lotse_store_prepare_cached (self,
                                     "SELECT seq, o.op_id, table_name, row_id, base_rev, deleted, fields, fork"
                                     " FROM outbox o LEFT JOIN outbox_restated r ON r.op_id = o.op_id"
                                     " WHERE table_name = ? AND row_id = ? ORDER BY seq",
                                     error);
  if (stmt == NULL)
    return NULL;

  lotse_store_bind_text (stmt, 1, table);
  lotse_store_bind_text (stmt, 2, row_id);

  return read_outbox_rows (self, stmt, error);
}

gboolean
lotse_store_sync_remove_outbox (LotseStore  *self,
                                const char  *op_id,
                                GError     **error)
{
  sqlite3_stmt *stmt = lotse_store_prepare_cached (self, "DELETE FROM outbox WHERE op_id = ?", error);

  if (stmt == NULL)
    return FALSE;

  lotse_store_bind_text (stmt, 1, op_id);

  return lotse_store_step_done (self, stmt, "removing an acknowledged change", error);
}

gboolean
lotse_store_sync_row_has_outbox (LotseStore  *self,
                                 const char  *table,
                                 const char  *row_id,
                                 gboolean    *has_outbox,
                                 GError     **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = lotse_store_prepare_cached (self,
                                     "SELECT 1 FROM outbox WHERE table_name = ? AND row_id = ? LIMIT 1",
                                     error);
  if (stmt == NULL)
    return FALSE;

  lotse_store_bind_text (stmt, 1, table);
  lotse_store_bind_text (stmt, 2, row_id);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);

  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return lotse_store_set_sqlite_error (self, error, "reading the outbox");

  *has_outbox = (rc == SQLITE_ROW);
  return TRUE;
}

/**
 * lotse_store_sync_outbox_is_empty:
 *
 * Whether no change waits for push; a pull page asks once instead of once
 * per row (lotse_store_sync_row_has_outbox()).
 */
gboolean
lotse_store_sync_outbox_is_empty (LotseStore  *self,
                                  gboolean    *out_empty,
                                  GError     **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = lotse_store_prepare_cached (self, "SELECT 1 FROM outbox LIMIT 1", error);
  if (stmt == NULL)
    return FALSE;

  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);

  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return lotse_store_set_sqlite_error (self, error, "reading the outbox");

  *out_empty = (rc == SQLITE_DONE);
  return TRUE;
}

/**
 * lotse_store_sync_rebase_outbox:
 *
 * Sets the base revision of all outbox entries of a row: they were made on
 * top of a change the server has just given @base_rev.
 */
gboolean
lotse_store_sync_rebase_outbox (LotseStore  *self,
                                const char  *table,
                                const char  *row_id,
                                gint64       base_rev,
                                GError     **error)
{
  sqlite3_stmt *stmt;

  stmt = lotse_store_prepare_cached (self,
                                     "UPDATE outbox SET base_rev = ? WHERE table_name = ? AND row_id = ?",
                                     error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, base_rev);
  lotse_store_bind_text (stmt, 2, table);
  lotse_store_bind_text (stmt, 3, row_id);

  return lotse_store_step_done (self, stmt, "rebasing outbox entries", error);
}

/**
 * lotse_store_sync_get_row:
 *
 * Reads a row whether or not it is deleted.
 *
 * Returns: (transfer full) (nullable): the row, or %NULL without an error
 *   if there is none
 */
LotseRecord *
lotse_store_sync_get_row (LotseStore  *self,
                          const char  *table_name,
                          const char  *id,
                          GError     **error)
{
  const LotseTable *table = lotse_store_lookup_table (table_name, error);
  g_autoptr(GString) sql = NULL;
  sqlite3_stmt *stmt;
  LotseRecord *record = NULL;
  int rc;

  if (table == NULL)
    return NULL;

  sql = g_string_new (NULL);
  lotse_store_append_select (sql, table);
  g_string_append (sql, " WHERE id = ?");

  stmt = lotse_store_prepare_cached (self, sql->str, error);
  if (stmt == NULL)
    return NULL;

  lotse_store_bind_text (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    record = lotse_store_record_from_row (table, stmt);
  else if (rc != SQLITE_DONE)
    lotse_store_set_sqlite_error (self, error, "reading");

  sqlite3_reset (stmt);
  return record;
}

/**
 * lotse_store_sync_find_row:
 * @out_row: (out) (transfer full) (nullable): the row whether or not it is
 *   deleted, or %NULL if there is none
 *
 * lotse_store_sync_get_row() for a caller that tells a missing row from a
 * failure.
 *
 * Returns: %FALSE on error
 */
gboolean
lotse_store_sync_find_row (LotseStore   *self,
                           const char   *table_name,
                           const char   *id,
                           LotseRecord **out_row,
                           GError      **error)
{
  GError *local_error = NULL;

  *out_row = lotse_store_sync_get_row (self, table_name, id, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return FALSE;
    }

  return TRUE;
}

/* The upsert of a table's rows from the server, built once per table. */
static const char *
upsert_sql (const LotseTable *table,
            gboolean          only_newer)
{
  static char *cache[2][64];
  const LotseTable * const *tables;
  guint n_tables;
  guint index = 0;
  GString *sql;

  tables = lotse_schema_get_tables (&n_tables);
  while (index < n_tables && tables[index] != table)
    index++;
  g_assert (index < G_N_ELEMENTS (cache[0]));

  if (cache[only_newer][index] != NULL)
    return cache[only_newer][index];

  sql = g_string_new (NULL);
  g_string_append_printf (sql, "INSERT INTO %s (id, rev, created_at, updated_at, deleted", table->name);
  for (guint i = 0; i < table->n_fields; i++)
    g_string_append_printf (sql, ", %s", table->fields[i].name);
  g_string_append (sql, ") VALUES (?, ?, ?, ?, ?");
  for (guint i = 0; i < table->n_fields; i++)
    g_string_append (sql, ", ?");
  g_string_append (sql, ") ON CONFLICT (id) DO UPDATE SET rev = excluded.rev,"
                        " updated_at = excluded.updated_at, deleted = excluded.deleted");
  for (guint i = 0; i < table->n_fields; i++)
    g_string_append_printf (sql, ", %s = excluded.%s", table->fields[i].name, table->fields[i].name);
  /* The same revision again (this device's own pushed rows come back in
   * the pull that follows the push, and a full sync sends everything) is
   * written only where it differs: an unchanged row costs no page writes
   * and no search index update. */
  if (only_newer)
    {
      g_string_append_printf (sql, " WHERE excluded.rev > %s.rev OR (excluded.rev = %s.rev AND"
                                   " (excluded.deleted IS NOT %s.deleted",
                              table->name, table->name, table->name);
      for (guint i = 0; i < table->n_fields; i++)
        g_string_append_printf (sql, " OR excluded.%s IS NOT %s.%s",
                                table->fields[i].name, table->name, table->fields[i].name);
      g_string_append (sql, "))");
    }

  /* Kept for the life of the process, like the schema. */
  cache[only_newer][index] = g_string_free (sql, FALSE);
  return cache[only_newer][index];
}

/* The statements of upsert_sql (table, TRUE) of a store, by table index:
 * looking the long SQL text up in the store's cache hashed all of it for
 * every pulled row. Owned by the store's cache, which keeps them as long
 * as the store lives. */
static G_DEFINE_QUARK (lotse-store-sync-upserts, upsert)

static sqlite3_stmt *
upsert_statement (LotseStore        *self,
                  const LotseTable  *table,
                  GError           **error)
{
  const LotseTable * const *tables;
  sqlite3_stmt **cache = g_object_get_qdata (G_OBJECT (self), upsert_quark ());
  guint n_tables;
  guint index = 0;

  tables = lotse_schema_get_tables (&n_tables);
  while (index < n_tables && tables[index] != table)
    index++;
  g_assert (index < n_tables);

  if (cache == NULL)
    {
      cache = g_new0 (sqlite3_stmt *, n_tables);
      g_object_set_qdata_full (G_OBJECT (self), upsert_quark (), cache, g_free);
    }

  if (cache[index] == NULL)
    return cache[index] = lotse_store_prepare_cached (self, upsert_sql (table, TRUE), error);

  sqlite3_reset (cache[index]);
  return cache[index];
}

static void
bind_pulled_value (sqlite3_stmt         *stmt,
                   int                   column,
                   const LotseSyncValue *value)
{
  if (value == NULL)
    {
      sqlite3_bind_null (stmt, column);
      return;
    }

  switch (value->kind)
    {
    case LOTSE_SYNC_VALUE_STRING:
      /* The page outlives the statement's step. */
      sqlite3_bind_text (stmt, column, value->text, -1, SQLITE_STATIC);
      break;
    case LOTSE_SYNC_VALUE_INT:
      sqlite3_bind_int64 (stmt, column, value->number);
      break;
    case LOTSE_SYNC_VALUE_DOUBLE:
      sqlite3_bind_int64 (stmt, column, (gint64)value->real);
      break;
    case LOTSE_SYNC_VALUE_BOOL:
      sqlite3_bind_int (stmt, column, value->number != 0);
      break;
    case LOTSE_SYNC_VALUE_NULL:
    case LOTSE_SYNC_VALUE_OTHER:
    default:
      sqlite3_bind_null (stmt, column);
    }
}

static gboolean
local_rev_is (LotseStore        *self,
              const LotseTable  *table,
              const char        *id,
              gint64             rev,
              gboolean          *out_equal,
              GError           **error)
{
  g_autofree char *sql = g_strdup_printf ("SELECT rev FROM %s WHERE id = ?", table->name);
  sqlite3_stmt *stmt = lotse_store_prepare_cached (self, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;

  lotse_store_bind_text (stmt, 1, id);
  rc = sqlite3_step (stmt);
  *out_equal = rc == SQLITE_ROW && sqlite3_column_int64 (stmt, 0) == rev;
  sqlite3_reset (stmt);

  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return lotse_store_set_sqlite_error (self, error, "reading");

  return TRUE;
}

/**
 * lotse_store_sync_put_remote:
 * @self: a store
 * @table: the table
 * @id: the row
 * @rev: the server's revision
 * @deleted: whether it is a tombstone
 * @values: per field of @table, its value from the page, or %NULL
 * @updated_at: the server's timestamp, also created_at of a new row
 * @out_written: (out): %FALSE if the local row has a newer revision;
 *   %TRUE if it is now this revision (also when it was already)
 * @error: a location for a #GError
 *
 * Writes a pulled row without an outbox entry, straight from the values
 * of the page; the fast path of a pull. A row that is already this
 * revision with these values is left as it is.
 */
gboolean
lotse_store_sync_put_remote (LotseStore        *self,
                             const LotseTable  *table,
                             const char        *id,
                             gint64             rev,
                             gboolean           deleted,
                             const LotseSyncValue * const *values,
                             const char        *updated_at,
                             gboolean          *out_written,
                             GError           **error)
{
  sqlite3_stmt *stmt = upsert_statement (self, table, error);

  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, rev);
  sqlite3_bind_text (stmt, 3, updated_at, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, updated_at, -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 5, deleted);
  for (guint i = 0; i < table->n_fields; i++)
    bind_pulled_value (stmt, LOTSE_STORE_N_META_COLUMNS + 1 + i, values[i]);

  if (!lotse_store_step_done (self, stmt, "storing a row from the server", error))
    return FALSE;

  if (sqlite3_changes (lotse_store_get_db (self)) > 0)
    {
      lotse_store_note_change (self, table->name, id);
      *out_written = TRUE;
      return TRUE;
    }

  /* Nothing written: the local row is newer, or it is this revision. */
  return local_rev_is (self, table, id, rev, out_written, error);
}

/**
 * lotse_store_sync_put_row:
 * @self: a store
 * @record: the row as the server has it, with id, rev, timestamps,
 *   deleted and all fields
 * @error: a location for a #GError
 *
 * Inserts or replaces a row without an outbox entry. An existing row keeps
 * its created_at.
 */
gboolean
lotse_store_sync_put_row (LotseStore   *self,
                          LotseRecord  *record,
                          GError      **error)
{
  const LotseTable *table = lotse_record_get_table (record);
  sqlite3_stmt *stmt;

  stmt = lotse_store_prepare_cached (self, upsert_sql (table, FALSE), error);
  if (stmt == NULL)
    return FALSE;

  lotse_store_bind_text (stmt, 1, lotse_record_get_id (record));
  sqlite3_bind_int64 (stmt, 2, lotse_record_get_rev (record));
  lotse_store_bind_text (stmt, 3, lotse_record_get_created_at (record));
  lotse_store_bind_text (stmt, 4, lotse_record_get_updated_at (record));
  sqlite3_bind_int (stmt, 5, lotse_record_get_deleted (record));
  for (guint i = 0; i < table->n_fields; i++)
    lotse_store_bind_value (stmt, LOTSE_STORE_N_META_COLUMNS + 1 + i, &table->fields[i],
                lotse_record_get_nth (record, i));

  if (!lotse_store_step_done (self, stmt, "storing a row from the server", error))
    return FALSE;

  lotse_store_note_change (self, table->name, lotse_record_get_id (record));
  return TRUE;
}

gboolean
lotse_store_sync_set_rev (LotseStore  *self,
                          const char  *table_name,
                          const char  *id,
                          gint64       rev,
                          GError     **error)
{
  const LotseTable *table = lotse_store_lookup_table (table_name, error);
  g_autofree char *sql = NULL;
  sqlite3_stmt *stmt;

  if (table == NULL)
    return FALSE;

  sql = g_strdup_printf ("UPDATE %s SET rev = ? WHERE id = ?", table->name);
  stmt = lotse_store_prepare_cached (self, sql, error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, rev);
  lotse_store_bind_text (stmt, 2, id);

  return lotse_store_step_done (self, stmt, "setting a revision", error);
}

/**
 * lotse_store_sync_write_local:
 * @self: a store
 * @record: the row's new state; only the fields marked in @changed are used
 * @changed: (array): per field of the table, whether to write it
 * @deleted: the row's new deleted flag; %FALSE undeletes a tombstone
 * @force: send the fields marked in @changed even if they equal the row
 * @base_rev: the server revision the edit was made on, or -1 for the row's
 * @error: a location for a #GError
 *
 * Writes an edit that sync makes on the person's behalf (the resolution
 * of a conflict, the part of a refused change that did not conflict) as an
 * ordinary local edit: the row changes and an outbox entry based on
 * @base_rev is appended, so the next sync pushes it. A resolution is based
 * on the revision the person saw in the conflict: if the server moved on
 * since, the push meets the newer value instead of overwriting it. Unlike
 * lotse_store_update() it can undelete and does not check references (the
 * values were valid on one side already).
 */
gboolean
lotse_store_sync_write_local (LotseStore      *self,
                              LotseRecord     *record,
                              const gboolean  *changed,
                              gboolean         deleted,
                              gboolean         force,
                              gint64           base_rev,
                              GError         **error)
{
  const LotseTable *table = lotse_record_get_table (record);
  g_autoptr(LotseRecord) stored = NULL;
  g_autoptr(GString) sql = g_string_new (NULL);
  g_autofree gboolean *really_changed = g_new0 (gboolean, table->n_fields);
  g_autofree char *now = lotse_store_sync_now ();
  g_autofree char *fields_json = NULL;
  sqlite3_stmt *stmt;
  guint n_changed = 0;
  int column = 1;

  stored = lotse_store_sync_get_row (self, table->name, lotse_record_get_id (record), error);
  if (stored == NULL)
    {
      if (error != NULL && *error == NULL)
        g_set_error (error, LOTSE_ERROR, LOTSE_ERROR_NOT_FOUND,
                     /* Translators: a table's name and a record's id */
                     _("%s %s does not exist"), _(table->label), lotse_record_get_id (record));
      return FALSE;
    }

  for (guint i = 0; i < table->n_fields; i++)
    {
      really_changed[i] = changed[i] && (force || g_strcmp0 (lotse_record_get_nth (stored, i),
                                                             lotse_record_get_nth (record, i)) != 0);
      n_changed += really_changed[i];
    }

  if (n_changed == 0 && deleted == lotse_record_get_deleted (stored))
    return TRUE;

  g_string_append_printf (sql, "UPDATE %s SET updated_at = ?, deleted = ?", table->name);
  for (guint i = 0; i < table->n_fields; i++)
    if (really_changed[i])
      g_string_append_printf (sql, ", %s = ?", table->fields[i].name);
  g_string_append (sql, " WHERE id = ?");

  stmt = lotse_store_prepare_cached (self, sql->str, error);
  if (stmt == NULL)
    return FALSE;

  lotse_store_bind_text (stmt, column++, now);
  sqlite3_bind_int (stmt, column++, deleted);
  for (guint i = 0; i < table->n_fields; i++)
    if (really_changed[i])
      lotse_store_bind_value (stmt, column++, &table->fields[i], lotse_record_get_nth (record, i));
  lotse_store_bind_text (stmt, column, lotse_record_get_id (record));

  if (!lotse_store_step_done (self, stmt, "writing a resolution", error))
    return FALSE;

  fields_json = deleted ? g_strdup ("{}") : lotse_store_fields_to_json (table, record, really_changed);

  if (!lotse_store_append_outbox (self, table->name, lotse_record_get_id (record),
                                  base_rev >= 0 ? base_rev : lotse_record_get_rev (stored),
                                  deleted, fields_json, now, error))
    return FALSE;

  lotse_store_note_change (self, table->name, lotse_record_get_id (record));

  /* A resolution can move a status report: its project's health follows. */
  if (g_str_equal (table->name, "status_report"))
    {
      g_autoptr(LotseRecord) written = lotse_store_sync_get_row (self, table->name,
                                                                 lotse_record_get_id (record), error);

      return written != NULL && lotse_health_follow_report_change (self, stored, written, error);
    }

  return TRUE;
}

#define STATE_SELECT "SELECT s.server_id, server_url, cursor, last_success, device_id, user_name, marks, fork," \
                     " ifnull (rows_checked, 0) FROM sync_state s LEFT JOIN sync_lineage l" \
                     " ON l.server_id = s.server_id"

static LotseSyncStateRow *
load_state (LotseStore  *self,
            const char  *sql,
            const char  *key,
            GError     **error)
{
  LotseSyncStateRow *row = NULL;
  sqlite3_stmt *stmt = lotse_store_prepare_cached (self, sql, error);
  int rc;

  if (stmt == NULL)
    return NULL;

  lotse_store_bind_text (stmt, 1, key);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      row = g_new0 (LotseSyncStateRow, 1);
      row->server_id = lotse_store_column_dup (stmt, 0);
      row->server_url = lotse_store_column_dup (stmt, 1);
      row->cursor = sqlite3_column_int64 (stmt, 2);
      row->last_success = lotse_store_column_dup (stmt, 3);
      row->device_id = lotse_store_column_dup (stmt, 4);
      row->user_name = lotse_store_column_dup (stmt, 5);
      row->marks = lotse_store_column_dup (stmt, 6);
      row->fork = sqlite3_column_type (stmt, 7) == SQLITE_NULL ? -1 : sqlite3_column_int64 (stmt, 7);
      row->rows_checked = sqlite3_column_int (stmt, 8) != 0;
    }
  else if (rc != SQLITE_DONE)
    lotse_store_set_sqlite_error (self, error, "reading the sync state");

  sqlite3_reset (stmt);
  return row;
}

/**
 * lotse_store_sync_load_state:
 *
 * Returns: (transfer full) (nullable): what is known of the server
 *   @server_id, or %NULL without an error if nothing is
 */
LotseSyncStateRow *
lotse_store_sync_load_state (LotseStore  *self,
                             const char  *server_id,
                             GError     **error)
{
  return load_state (self,
                     STATE_SELECT " WHERE s.server_id = ?",
                     server_id, error);
}

/**
 * lotse_store_sync_find_state:
 * @server_url: (nullable): a server address, or %NULL for the server
 *   synced with last
 *
 * Returns: (transfer full) (nullable): the state, or %NULL without an error
 */
LotseSyncStateRow *
lotse_store_sync_find_state (LotseStore  *self,
                             const char  *server_url,
                             GError     **error)
{
  if (server_url == NULL)
    return load_state (self,
                       STATE_SELECT " WHERE ?1 IS NULL ORDER BY last_success DESC LIMIT 1",
                       NULL, error);

  return load_state (self,
                     STATE_SELECT " WHERE server_url = ? ORDER BY last_success DESC LIMIT 1",
                     server_url, error);
}

gboolean
lotse_store_sync_save_state (LotseStore              *self,
                             const LotseSyncStateRow *row,
                             GError                 **error)
{
  sqlite3_stmt *stmt;

  stmt = lotse_store_prepare_cached (self,
                                     "INSERT INTO sync_state (server_id, server_url, cursor, last_success,"
                                     " device_id, user_name) VALUES (?, ?, ?, ?, ?, ?)"
                                     " ON CONFLICT (server_id) DO UPDATE SET server_url = excluded.server_url,"
                                     " cursor = excluded.cursor, last_success = excluded.last_success,"
                                     " device_id = excluded.device_id, user_name = excluded.user_name",
                                     error);
  if (stmt == NULL)
    return FALSE;

  lotse_store_bind_text (stmt, 1, row->server_id);
  lotse_store_bind_text (stmt, 2, row->server_url);
  sqlite3_bind_int64 (stmt, 3, row->cursor);
  lotse_store_bind_text (stmt, 4, row->last_success);
  lotse_store_bind_text (stmt, 5, row->device_id);
  lotse_store_bind_text (stmt, 6, row->user_name);

  if (!lotse_store_step_done (self, stmt, "saving the sync state", error))
    return FALSE;

  stmt = lotse_store_prepare_cached (self,
                                     "INSERT INTO sync_lineage (server_id, marks, fork, rows_checked)"
                                     " VALUES (?, ?, ?, ?) ON CONFLICT (server_id) DO UPDATE SET"
                                     " marks = excluded.marks, fork = excluded.fork,"
                                     " rows_checked = excluded.rows_checked",
                                     error);
  if (stmt == NULL)
    return FALSE;

  lotse_store_bind_text (stmt, 1, row->server_id);
  lotse_store_bind_text (stmt, 2, row->marks);
  if (row->fork >= 0)
    sqlite3_bind_int64 (stmt, 3, row->fork);
  else
    sqlite3_bind_null (stmt, 3);
  sqlite3_bind_int (stmt, 4, row->rows_checked);

  return lotse_store_step_done (self, stmt, "saving the sync state", error);
}

gboolean
lotse_store_sync_save_cursor (LotseStore  *self,
                              const char  *server_id,
                              gint64       cursor,
                              GError     **error)
{
  sqlite3_stmt *stmt;

  stmt = lotse_store_prepare_cached (self, "UPDATE sync_state SET cursor = ? WHERE server_id = ?", error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, cursor);
  lotse_store_bind_text (stmt, 2, server_id);

  return lotse_store_step_done (self, stmt, "saving the sync cursor", error);
}
