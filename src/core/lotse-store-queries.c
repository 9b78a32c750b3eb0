/* lotse-store-queries.c: read queries that join tables
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The generic store API reads one table at a time; the milestone monitor
 * needs milestones together with their projects in one pass, which the
 * index milestone_due (deleted, due_date) answers as a range scan. SQL is
 * assembled from schema identifiers only; values are always bound.
 */

#define G_LOG_DOMAIN "lotse-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "lotse-error.h"
#include "lotse-store-private.h"
#include "lotse-store-queries.h"


static char *
monitor_sql (const LotseTable *milestone)
{
  GString *sql = g_string_new ("SELECT m.id, m.rev, m.created_at, m.updated_at, m.deleted");

  for (guint i = 0; i < milestone->n_fields; i++)
    g_string_append_printf (sql, ", m.%s", milestone->fields[i].name);

  g_string_append (sql,
                   ", p.id, p.title, p.acronym, p.programme_id"
                   " FROM milestone AS m JOIN project AS p ON p.id = m.project_id"
                   " WHERE m.deleted = 0 AND m.due_date IS NOT NULL AND m.due_date <= ?1"
                   " AND m.status NOT IN ('done', 'cancelled')"
                   " AND p.deleted = 0"
                   " AND (?2 IS NULL OR p.programme_id = ?2)"
                   " ORDER BY m.due_date, p.title, m.title, m.id");

  return g_string_free (sql, FALSE);
}

static LotseMonitorEntry *
entry_from_row (const LotseTable *milestone,
                sqlite3_stmt     *stmt)
{
  LotseMonitorEntry *entry = lotse_monitor_entry_new ();
  LotseRecord *record = lotse_store_record_from_row (milestone, stmt);
  int column = LOTSE_STORE_N_META_COLUMNS + milestone->n_fields;

  entry->milestone = record;
  entry->project_id = g_strdup ((const char *) sqlite3_column_text (stmt, column));
  entry->project_title = g_strdup ((const char *) sqlite3_column_text (stmt, column + 1));
  entry->project_acronym = g_strdup ((const char *) sqlite3_column_text (stmt, column + 2));
  entry->programme_id = g_strdup ((const char *) sqlite3_column_text (stmt, column + 3));
  entry->due_date = g_strdup (lotse_record_get (record, "due_date"));

  return entry;
}

/**
 * lotse_store_query_monitor:
 * @self: a store
 * @until: the last due date to include, YYYY-MM-DD
 * @programme_id: (nullable): only projects of this programme
 * @error: a location for a #GError
 *
 * Lists milestones that are neither done nor cancelled, due on or before
 * @until, of projects that are not deleted, ordered by due date. The
 * entries' days and state are left for the caller to fill in.
 *
 * Returns: (transfer full) (element-type LotseMonitorEntry) (nullable): the entries
 */
GPtrArray *
lotse_store_query_monitor (LotseStore  *self,
                           const char  *until,
                           const char  *programme_id,
                           GError     **error)
{
  const LotseTable *milestone = lotse_schema_lookup_table ("milestone");
  g_autoptr(GPtrArray) entries = NULL;
  g_autofree char *sql = NULL;
  sqlite3 *db;
  sqlite3_stmt *stmt = NULL;
  int rc;

  g_return_val_if_fail (LOTSE_IS_STORE (self), NULL);
  g_return_val_if_fail (until != NULL, NULL);

  db = lotse_store_get_db (self);
  sql = monitor_sql (milestone);
  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    {
      g_set_error (error, LOTSE_ERROR, LOTSE_ERROR_DATABASE,
                   _("Database error: %s"), sqlite3_errmsg (db));
      g_debug ("SQLite error while preparing the monitor query: %s", sqlite3_errmsg (db));
      return NULL;
    }

  sqlite3_bind_text (stmt, 1, until, -1, SQLITE_TRANSIENT);
  if (programme_id != NULL)
    sqlite3_bind_text (stmt, 2, programme_id, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_null (stmt, 2);

  entries = g_ptr_array_new_with_free_func ((GDestroyNotify) lotse_monitor_entry_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (entries, entry_from_row (milestone, stmt));

  if (rc != SQLITE_DONE)
    {
      g_set_error (error, LOTSE_ERROR, LOTSE_ERROR_DATABASE,
                   _("Database error: %s"), sqlite3_errmsg (db));
      g_debug ("SQLite error while reading the monitor query: %s", sqlite3_errmsg (db));
      sqlite3_finalize (stmt);
      return NULL;
    }

  sqlite3_finalize (stmt);

  return g_steal_pointer (&entries);
}
