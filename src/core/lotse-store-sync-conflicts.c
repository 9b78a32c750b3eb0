/* lotse-store-sync-conflicts.c: conflicts sync could not resolve by itself
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Kept until a person chooses (lotse_store_sync_mark_resolved()), and then
 * as history.
 */

#define G_LOG_DOMAIN "lotse-store-sync"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <sqlite3.h>

#include "lotse-error.h"
#include "lotse-store-private.h"
#include "lotse-store-sync.h"

void
lotse_conflict_free (LotseConflict *conflict)
{
  g_free (conflict->id);
  g_free (conflict->op_id);
  g_free (conflict->row_id);
  g_free (conflict->fields_json);
  g_free (conflict->mine_json);
  g_free (conflict->theirs_json);
  g_free (conflict->base_json);
  g_free (conflict->created_at);
  g_free (conflict->resolved_at);
  g_free (conflict->resolution);
  g_free (conflict->error);
  g_free (conflict);
}

gboolean
lotse_store_sync_add_conflict (LotseStore  *self,
                               const char  *op_id,
                               const char  *table,
                               const char  *row_id,
                               const char  *fields_json,
                               const char  *mine_json,
                               const char  *theirs_json,
                               const char  *base_json,
                               gint64       theirs_rev,
                               const char  *error_text,
                               GError     **error)
{
  g_autofree char *id = lotse_new_uuid ();
  g_autofree char *now = lotse_store_sync_now ();
  sqlite3_stmt *stmt;

  stmt = lotse_store_prepare_cached (self,
                                     "INSERT INTO conflicts (id, table_name, row_id, fields, mine, theirs,"
                                     " base, theirs_rev, created_at, op_id, error)"
                                     " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                                     error);
  if (stmt == NULL)
    return FALSE;

  lotse_store_bind_text (stmt, 1, id);
  lotse_store_bind_text (stmt, 2, table);
  lotse_store_bind_text (stmt, 3, row_id);
  lotse_store_bind_text (stmt, 4, fields_json);
  lotse_store_bind_text (stmt, 5, mine_json);
  lotse_store_bind_text (stmt, 6, theirs_json);
  lotse_store_bind_text (stmt, 7, base_json);
  if (theirs_rev >= 0)
    sqlite3_bind_int64 (stmt, 8, theirs_rev);
  else
    sqlite3_bind_null (stmt, 8);
  lotse_store_bind_text (stmt, 9, now);
  lotse_store_bind_text (stmt, 10, op_id);
  lotse_store_bind_text (stmt, 11, error_text);

  if (!lotse_store_step_done (self, stmt, "storing a conflict", error))
    return FALSE;

  lotse_store_note_change (self, "conflicts", row_id);
  return TRUE;
}

/**
 * lotse_store_sync_count_conflicts:
 *
 * Returns: the number of conflicts not yet resolved, or -1 on error
 */
gint64
lotse_store_sync_count_conflicts (LotseStore *self)
{
  sqlite3_stmt *stmt;
  gint64 count = -1;

  stmt = lotse_store_prepare_cached (self, "SELECT count(*) FROM conflicts WHERE resolved_at IS NULL",
                                     NULL);
  if (stmt == NULL)
    return -1;

  if (sqlite3_step (stmt) == SQLITE_ROW)
    count = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);

  return count;
}

#define CONFLICT_COLUMNS "id, op_id, table_name, row_id, fields, mine, theirs, base, theirs_rev," \
                         " created_at, resolved_at, resolution, error"

static LotseConflict *
conflict_from_row (sqlite3_stmt *stmt)
{
  LotseConflict *conflict = g_new0 (LotseConflict, 1);
  const LotseTable *table = lotse_schema_lookup_table ((const char *)sqlite3_column_text (stmt, 2));

  conflict->id = lotse_store_column_dup (stmt, 0);
  conflict->op_id = lotse_store_column_dup (stmt, 1);
  conflict->table = table ? table->name : "";
  conflict->row_id = lotse_store_column_dup (stmt, 3);
  conflict->fields_json = lotse_store_column_dup (stmt, 4);
  conflict->mine_json = lotse_store_column_dup (stmt, 5);
  conflict->theirs_json = lotse_store_column_dup (stmt, 6);
  conflict->base_json = lotse_store_column_dup (stmt, 7);
  conflict->theirs_rev = sqlite3_column_type (stmt, 8) == SQLITE_NULL ? -1 : sqlite3_column_int64 (stmt, 8);
  conflict->created_at = lotse_store_column_dup (stmt, 9);
  conflict->resolved_at = lotse_store_column_dup (stmt, 10);
  conflict->resolution = lotse_store_column_dup (stmt, 11);
  conflict->error = lotse_store_column_dup (stmt, 12);

  return conflict;
}

/**
 * lotse_store_sync_list_conflicts:
 *
 * Returns: (transfer container) (element-type LotseConflict): conflicts,
 *   oldest first
 */
GPtrArray *
lotse_store_sync_list_conflicts (LotseStore  *self,
                                 gboolean     include_resolved,
                                 GError     **error)
{
  g_autoptr(GPtrArray) conflicts = g_ptr_array_new_with_free_func ((GDestroyNotify)lotse_conflict_free);
  sqlite3_stmt *stmt;
  int rc;

  stmt = lotse_store_prepare_cached (self,
                                     include_resolved
                                       ? "SELECT " CONFLICT_COLUMNS " FROM conflicts ORDER BY created_at, id"
                                       : "SELECT " CONFLICT_COLUMNS " FROM conflicts WHERE resolved_at IS NULL"
                                         " ORDER BY created_at, id",
                                     error);
  if (stmt == NULL)
    return NULL;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (conflicts, conflict_from_row (stmt));

  if (rc != SQLITE_DONE)
    {
      lotse_store_set_sqlite_error (self, error, "reading conflicts");
      sqlite3_reset (stmt);
      return NULL;
    }

  sqlite3_reset (stmt);
  return g_steal_pointer (&conflicts);
}

/**
 * lotse_store_sync_get_conflict:
 *
 * Returns: (transfer full) (nullable): the conflict, or %NULL with
 *   %LOTSE_ERROR_NOT_FOUND
 */
LotseConflict *
lotse_store_sync_get_conflict (LotseStore  *self,
                               const char  *conflict_id,
                               GError     **error)
{
  LotseConflict *conflict = NULL;
  sqlite3_stmt *stmt;
  int rc;

  stmt = lotse_store_prepare_cached (self, "SELECT " CONFLICT_COLUMNS " FROM conflicts WHERE id = ?", error);
  if (stmt == NULL)
    return NULL;

  lotse_store_bind_text (stmt, 1, conflict_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    conflict = conflict_from_row (stmt);
  else if (rc != SQLITE_DONE)
    lotse_store_set_sqlite_error (self, error, "reading a conflict");
  else
    g_set_error (error, LOTSE_ERROR, LOTSE_ERROR_NOT_FOUND,
                 _("There is no conflict “%s”"), conflict_id);

  sqlite3_reset (stmt);
  return conflict;
}

gboolean
lotse_store_sync_mark_resolved (LotseStore  *self,
                                const char  *conflict_id,
                                const char  *resolution,
                                GError     **error)
{
  g_autofree char *now = lotse_store_sync_now ();
  sqlite3_stmt *stmt;

  stmt = lotse_store_prepare_cached (self,
                                     "UPDATE conflicts SET resolved_at = ?, resolution = ? WHERE id = ?",
                                     error);
  if (stmt == NULL)
    return FALSE;

  lotse_store_bind_text (stmt, 1, now);
  lotse_store_bind_text (stmt, 2, resolution);
  lotse_store_bind_text (stmt, 3, conflict_id);

  if (!lotse_store_step_done (self, stmt, "resolving a conflict", error))
    return FALSE;

  lotse_store_note_change (self, "conflicts", conflict_id);
  return TRUE;
}
