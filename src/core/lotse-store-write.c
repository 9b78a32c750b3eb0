/* lotse-store-write.c: inserting, updating, deleting and restoring records
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every write runs in one transaction together with its outbox row, so
 * nothing a person saved can be missed by sync. SQL is assembled only from
 * the schema's identifiers; values are always bound.
 */

#define G_LOG_DOMAIN "lotse-store"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <sqlite3.h>
#include <string.h>

#include "lotse-error.h"
#include "lotse-finance-private.h"
#include "lotse-health-private.h"
#include "lotse-minutes.h"
#include "lotse-record-private.h"
#include "lotse-store-private.h"
#include "lotse-store-sync.h"

static gboolean
row_exists (LotseStore  *self,
            const char  *table,
            const char  *id,
            gboolean     include_deleted,
            gboolean    *exists,
            GError     **error)
{
  g_autofree char *sql = NULL;
  sqlite3_stmt *stmt;
  int rc;

  sql = g_strdup_printf ("SELECT 1 FROM %s WHERE id = ?%s", table,
                         include_deleted ? "" : " AND deleted = 0");
  stmt = lotse_store_prepare_cached (self, sql, error);
  if (stmt == NULL)
    return FALSE;

  lotse_store_bind_text (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return lotse_store_set_sqlite_error (self, error, "reading");

  *exists = (rc == SQLITE_ROW);
  sqlite3_reset (stmt);

  return TRUE;
}

static gboolean
live_row_exists (const char        *ref_table,
                 const char        *id,
                 gboolean          *out_exists,
                 gpointer           user_data,
                 GError           **error)
{
  return row_exists (user_data, ref_table, id, FALSE, out_exists, error);
}

/* The store's words for what lotse_table_check_row() found. */
static void
set_problem_error (const LotseTable   *table,
                   const char * const *values,
                   LotseValueProblem   problem,
                   guint               index,
                   GError            **error)
{
  const LotseField *field = &table->fields[index];
  const char *value = values[index];
  g_autofree char *normalized = NULL;

  switch (problem)
    {
    case LOTSE_VALUE_BLANK:
      g_set_error (error, LOTSE_ERROR, LOTSE_ERROR_INVALID_VALUE,
                   _("Field “%s” must not be empty"), field->name);
      break;
    case LOTSE_VALUE_MALFORMED:
      normalized = lotse_field_normalize (field, value, error);
      break;
    case LOTSE_VALUE_NOT_NORMAL:
      normalized = lotse_field_normalize (field, value, NULL);
      g_set_error (error, LOTSE_ERROR, LOTSE_ERROR_INVALID_VALUE,
                   _("Field “%s” holds “%s”, which is not in its normal form “%s”"),
                   field->name, value, normalized);
      break;
    case LOTSE_VALUE_DANGLING:
      g_set_error (error, LOTSE_ERROR, LOTSE_ERROR_INVALID_VALUE,
                   _("Field “%s” refers to a record of table “%s” that does not exist: %s"),
                   field->name, lotse_field_get_ref_table (table, field, values), value);
      break;
    case LOTSE_VALUE_BACKWARDS:
      g_set_error (error, LOTSE_ERROR, LOTSE_ERROR_INVALID_VALUE,
                   _("Field “%s” (%s) must not be before “%s” (%s)"),
                   table->range_end, value, table->range_start,
                   values[lotse_table_field_index (table, table->range_start)]);
      break;
    case LOTSE_VALUE_VALID:
    default:
      g_return_if_reached ();
    }
}

static gboolean
validate_record (LotseStore   *self,
                 LotseRecord  *record,
                 gboolean      check_references,
                 GError      **error)
{
  const LotseTable *table = lotse_record_get_table (record);
  const char *id = lotse_record_get_id (record);
  const char **values = g_newa (const char *, table->n_fields);
  gboolean *check_refs = g_newa (gboolean, table->n_fields);
  LotseValueProblem problem;
  guint index;

  if (id != NULL && !lotse_is_uuid (id))
    {
      g_set_error (error, LOTSE_ERROR, LOTSE_ERROR_INVALID_VALUE,
                   _("Field “id” must be a lower-case UUID, not “%s”"), id);
      return FALSE;
    }

  if (id != NULL && table->singleton_id != NULL && strcmp (id, table->singleton_id) != 0)
    {
      g_set_error (error, LOTSE_ERROR, LOTSE_ERROR_INVALID_VALUE,
                   /* Translators: %s is a table's name, then its one id */
                   _("There is only one %s; its id is %s"), _(table->label), table->singleton_id);
      return FALSE;
    }

  for (guint i = 0; i < table->n_fields; i++)
    {
      values[i] = lotse_record_get_nth (record, i);
      check_refs[i] = check_references;
    }

  if (!lotse_table_check_row (table, values, check_refs, live_row_exists, self, &problem, &index, error))
    return FALSE;

  if (problem != LOTSE_VALUE_VALID)
    {
      set_problem_error (table, values, problem, index, error);
      return FALSE;
    }

  /* Trusted writes (generated data) skip the lookups, as for references. */
  return !check_references || lotse_finance_check_record (self, record, error);
}

/**
 * lotse_store_validate:
 * @self: a store
 * @record: a record
 * @error: a location for a #GError
 *
 * Checks what the store checks on write: required fields, types, enum
 * values, limits, date ranges and that references point to existing rows.
 * The message of @error names the field.
 *
 * Returns: %TRUE if @record could be written
 */
gboolean
lotse_store_validate (LotseStore   *self,
                      LotseRecord  *record,
                      GError      **error)
{
  g_return_val_if_fail (LOTSE_IS_STORE (self), FALSE);
  g_return_val_if_fail (LOTSE_IS_RECORD (record), FALSE);

  return validate_record (self, record, TRUE, error);
}

char *
lotse_store_fields_to_json (const LotseTable *table,
                            LotseRecord      *record,
                            const gboolean   *changed)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (builder);
  for (guint i = 0; i < table->n_fields; i++)
    {
      if (!changed[i])
        continue;

      json_builder_set_member_name (builder, table->fields[i].name);
      lotse_field_add_json_value (builder, &table->fields[i], lotse_record_get_nth (record, i));
    }
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);

  return json_to_string (root, FALSE);
}

gboolean
lotse_store_append_outbox (LotseStore  *self,
                           const char  *table,
                           const char  *row_id,
                           gint64       base_rev,
                           gboolean     deleted,
                           const char  *fields_json,
                           const char  *now,
                           GError     **error)
{
  g_autofree char *op_id = lotse_new_op_id ();
  sqlite3_stmt *stmt;

  stmt = lotse_store_prepare_cached (self,
                                     "INSERT INTO outbox (op_id, table_name, row_id, base_rev, deleted,"
                                     " fields, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                                     error);
  if (stmt == NULL)
    return FALSE;

  lotse_store_bind_text (stmt, 1, op_id);
  lotse_store_bind_text (stmt, 2, table);
  lotse_store_bind_text (stmt, 3, row_id);
  sqlite3_bind_int64 (stmt, 4, base_rev);
  sqlite3_bind_int (stmt, 5, deleted);
  lotse_store_bind_text (stmt, 6, fields_json);
  lotse_store_bind_text (stmt, 7, now);

  if (sqlite3_step (stmt) != SQLITE_DONE)
    return lotse_store_set_sqlite_error (self, error, "recording the change for sync");

  return TRUE;
}

/* The outbox's fields of a whole row: every field that is set. */
static char *
set_fields_to_json (const LotseTable *table,
                    LotseRecord      *record)
{
  g_autofree gboolean *set = g_new0 (gboolean, table->n_fields);

  for (guint i = 0; i < table->n_fields; i++)
    set[i] = lotse_record_get_nth (record, i) != NULL;

  return lotse_store_fields_to_json (table, record, set);
}

/* Unset fields with a schema default get it; a record without id a new
 * one (a singleton its one id). */
static void
complete_new_record (const LotseTable *table,
                     LotseRecord      *record)
{
  for (guint i = 0; i < table->n_fields; i++)
    {
      if (lotse_record_get_nth (record, i) == NULL && table->fields[i].default_value != NULL)
        lotse_record_take_nth (record, i, g_strdup (table->fields[i].default_value));
    }

  if (lotse_record_get_id (record) == NULL)
    {
      g_autofree char *id = table->singleton_id != NULL ? g_strdup (table->singleton_id)
                                                        : lotse_new_uuid ();

      lotse_record_set_id (record, id);
    }
}

/* The values of @record, in the order of its table's fields. */
static const char **
record_values (LotseRecord *record)
{
  const LotseTable *table = lotse_record_get_table (record);
  const char **values = g_new0 (const char *, table->n_fields + 1);

  for (guint i = 0; i < table->n_fields; i++)
    values[i] = lotse_record_get_nth (record, i);
  return values;
}

/* Approved minutes are read-only (lotse-minutes.c); @stored is %NULL for
 * a new row, @record %NULL for a deletion. */
static gboolean
check_minutes_lock (LotseStore   *self,
                    LotseRecord  *stored,
                    LotseRecord  *record,
                    GError      **error)
{
  LotseRecord *any = stored != NULL ? stored : record;
  g_autofree const char **before = stored != NULL ? record_values (stored) : NULL;
  g_autofree const char **after = record != NULL ? record_values (record) : NULL;

  return lotse_minutes_check_lock (self, lotse_record_get_table (any), lotse_record_get_id (any),
                                   before, after, error);
}

static char *
insert_sql (const LotseTable *table)
{
  GString *sql = g_string_new (NULL);

  g_string_append_printf (sql, "INSERT INTO %s (id, rev, created_at, updated_at, deleted", table->name);
  for (guint i = 0; i < table->n_fields; i++)
    g_string_append_printf (sql, ", %s", table->fields[i].name);
  g_string_append (sql, ") VALUES (?, ?, ?, ?, ?");
  for (guint i = 0; i < table->n_fields; i++)
    g_string_append (sql, ", ?");
  g_string_append (sql, ")");

  return g_string_free (sql, FALSE);
}

static gboolean
insert_row (LotseStore        *self,
            const LotseTable  *table,
            LotseRecord       *record,
            GError           **error)
{
  g_autofree char *sql = insert_sql (table);
  sqlite3_stmt *stmt;

  stmt = lotse_store_prepare_cached (self, sql, error);
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

  if (sqlite3_step (stmt) != SQLITE_DONE)
    return lotse_store_set_sqlite_error (self, error, "inserting");

  return TRUE;
}

gboolean
lotse_store_insert (LotseStore   *self,
                    LotseRecord  *record,
                    GError      **error)
{
  return lotse_store_insert_full (self, record, LOTSE_STORE_WRITE_DEFAULT, error);
}

/**
 * lotse_store_insert_full:
 * @self: a store
 * @record: the record; gets a new id if it has none, and its timestamps
 * @flags: how to write
 * @error: a location for a #GError
 *
 * Inserts @record after validating it and, unless
 * %LOTSE_STORE_WRITE_NO_OUTBOX, appends all its set fields to the outbox in
 * the same transaction. Unset fields with a schema default get it.
 *
 * Returns: %TRUE on success; on failure nothing was written
 */
gboolean
lotse_store_insert_full (LotseStore            *self,
                         LotseRecord           *record,
                         LotseStoreWriteFlags   flags,
                         GError               **error)
{
  const LotseTable *table;
  g_autofree char *now = NULL;
  g_autofree char *fields_json = NULL;
  gboolean exists = FALSE;
  gboolean ok = FALSE;

  g_return_val_if_fail (LOTSE_IS_STORE (self), FALSE);
  g_return_val_if_fail (LOTSE_IS_RECORD (record), FALSE);

  table = lotse_record_get_table (record);
  complete_new_record (table, record);

  if (!validate_record (self, record, !(flags & LOTSE_STORE_WRITE_TRUSTED), error))
    return FALSE;

  if (!lotse_store_write_begin (self, error))
    return FALSE;

  if (!row_exists (self, table->name, lotse_record_get_id (record), TRUE, &exists, error))
    goto out;

  if (exists)
    {
      g_set_error (error, LOTSE_ERROR, LOTSE_ERROR_INVALID_VALUE,
                   /* Translators: a table's name and a record's id */
                   _("%s %s already exists"), _(table->label), lotse_record_get_id (record));
      goto out;
    }

  if (!(flags & LOTSE_STORE_WRITE_TRUSTED) && !check_minutes_lock (self, NULL, record, error))
    goto out;

  now = lotse_store_sync_now ();
  if (!(flags & LOTSE_STORE_WRITE_NO_OUTBOX) || lotse_record_get_created_at (record) == NULL)
    lotse_record_set_timestamps (record, now, now);

  if (!insert_row (self, table, record, error))
    goto out;

  if (!(flags & LOTSE_STORE_WRITE_NO_OUTBOX))
    {
      fields_json = set_fields_to_json (table, record);
      if (!lotse_store_append_outbox (self, table->name, lotse_record_get_id (record), 0, FALSE,
                                      fields_json, now, error) ||
          !lotse_health_follow_report_change (self, NULL, record, error))
        goto out;
    }

  lotse_store_note_change (self, table->name, lotse_record_get_id (record));
  ok = TRUE;

out:
  return lotse_store_write_end (self, ok, ok ? error : NULL);
}

/* Marks in @changed the fields of @record that differ from @stored;
 * returns how many. */
static guint
diff_fields (const LotseTable *table,
             LotseRecord      *stored,
             LotseRecord      *record,
             gboolean         *changed)
{
  guint n_changed = 0;

  for (guint i = 0; i < table->n_fields; i++)
    {
      changed[i] = g_strcmp0 (lotse_record_get_nth (stored, i),
                              lotse_record_get_nth (record, i)) != 0;
      n_changed += changed[i];
    }

  return n_changed;
}

/* Writes the fields marked in @changed and @now as updated_at. */
static gboolean
update_row (LotseStore        *self,
            const LotseTable  *table,
            LotseRecord       *record,
            const gboolean    *changed,
            const char        *now,
            GError           **error)
{
  g_autoptr(GString) sql = g_string_new (NULL);
  sqlite3_stmt *stmt;
  int column = 1;

  g_string_append_printf (sql, "UPDATE %s SET updated_at = ?", table->name);
  for (guint i = 0; i < table->n_fields; i++)
    if (changed[i])
      g_string_append_printf (sql, ", %s = ?", table->fields[i].name);
  g_string_append (sql, " WHERE id = ?");

  stmt = lotse_store_prepare_cached (self, sql->str, error);
  if (stmt == NULL)
    return FALSE;

  lotse_store_bind_text (stmt, column++, now);
  for (guint i = 0; i < table->n_fields; i++)
    if (changed[i])
      lotse_store_bind_value (stmt, column++, &table->fields[i], lotse_record_get_nth (record, i));
  lotse_store_bind_text (stmt, column, lotse_record_get_id (record));

  if (sqlite3_step (stmt) != SQLITE_DONE)
    return lotse_store_set_sqlite_error (self, error, "updating");

  return TRUE;
}

/* Whether @stored is a seeded, untouched row (LOTSE_STORE_SEEDED_SQL). */
static gboolean
is_seeded (LotseStore        *self,
           const LotseTable  *table,
           LotseRecord       *stored,
           gboolean          *out_seeded,
           GError           **error)
{
  g_autofree char *sql = NULL;
  sqlite3_stmt *stmt;
  int rc;

  *out_seeded = FALSE;
  if (lotse_record_get_rev (stored) != 0 ||
      !g_str_has_prefix (lotse_record_get_id (stored), LOTSE_WELL_KNOWN_ID_PREFIX))
    return TRUE;

  sql = g_strdup_printf ("SELECT 1 FROM %s t WHERE t.id = ?1 AND " LOTSE_STORE_SEEDED_SQL,
                         table->name, table->name);
  stmt = lotse_store_prepare_cached (self, sql, error);
  if (stmt == NULL)
    return FALSE;
  lotse_store_bind_text (stmt, 1, lotse_record_get_id (stored));
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return lotse_store_set_sqlite_error (self, error, "reading");
  *out_seeded = rc == SQLITE_ROW;

  return TRUE;
}

/**
 * lotse_store_update:
 * @self: a store
 * @record: a record read from the store and changed
 * @error: a location for a #GError
 *
 * Writes the fields of @record that differ from the stored row and appends
 * them, with the stored revision as base, to the outbox. Writing a record
 * without changes does nothing.
 *
 * Returns: %TRUE on success; on failure nothing was written
 */
gboolean
lotse_store_update (LotseStore   *self,
                    LotseRecord  *record,
                    GError      **error)
{
  const LotseTable *table;
  g_autoptr(LotseRecord) stored = NULL;
  g_autofree gboolean *changed = NULL;
  g_autofree char *now = NULL;
  g_autofree char *fields_json = NULL;
  gboolean seeded = FALSE;
  gboolean ok = FALSE;

  g_return_val_if_fail (LOTSE_IS_STORE (self), FALSE);
  g_return_val_if_fail (LOTSE_IS_RECORD (record), FALSE);
  g_return_val_if_fail (lotse_record_get_id (record) != NULL, FALSE);

  table = lotse_record_get_table (record);

  if (!validate_record (self, record, TRUE, error))
    return FALSE;

  if (!lotse_store_write_begin (self, error))
    return FALSE;

  stored = lotse_store_get_row (self, table->name, lotse_record_get_id (record), FALSE, error);
  if (stored == NULL)
    goto out;

  changed = g_new0 (gboolean, table->n_fields);
  if (diff_fields (table, stored, record, changed) == 0)
    {
      ok = TRUE;
      goto out;
    }

  if (!check_minutes_lock (self, stored, record, error) ||
      !lotse_minutes_check_status_change (stored, record, error))
    goto out;

  now = lotse_store_sync_now ();
  if (!update_row (self, table, record, changed, now, error))
    goto out;

  if (!is_seeded (self, table, stored, &seeded, error))
    goto out;
  /* A seeded row is on no server until its first edit creates it there. */
  fields_json = seeded ? set_fields_to_json (table, record)
                       : lotse_store_fields_to_json (table, record, changed);
  if (!lotse_store_append_outbox (self, table->name, lotse_record_get_id (record),
                                  lotse_record_get_rev (stored), FALSE, fields_json, now, error) ||
      !lotse_health_follow_report_change (self, stored, record, error))
    goto out;

  lotse_record_set_timestamps (record, lotse_record_get_created_at (stored), now);
  lotse_record_set_rev (record, lotse_record_get_rev (stored));
  lotse_store_note_change (self, table->name, lotse_record_get_id (record));
  ok = TRUE;

out:
  return lotse_store_write_end (self, ok, ok ? error : NULL);
}

/**
 * lotse_store_delete:
 * @self: a store
 * @table: a table name
 * @id: the row to delete
 * @error: a location for a #GError
 *
 * Marks the row deleted (a tombstone that sync carries to the server) and
 * appends the deletion to the outbox.
 *
 * Returns: %TRUE on success; %LOTSE_ERROR_NOT_FOUND if there is no such row
 */
gboolean
lotse_store_delete (LotseStore  *self,
                    const char  *table,
                    const char  *id,
                    GError     **error)
{
  g_autoptr(LotseRecord) stored = NULL;
  g_autofree char *sql = NULL;
  g_autofree char *now = NULL;
  sqlite3_stmt *stmt;
  gboolean ok = FALSE;

  g_return_val_if_fail (LOTSE_IS_STORE (self), FALSE);
  g_return_val_if_fail (id != NULL, FALSE);

  if (lotse_store_lookup_table (table, error) == NULL)
    return FALSE;

  if (!lotse_store_write_begin (self, error))
    return FALSE;

  stored = lotse_store_get_row (self, table, id, FALSE, error);
  if (stored == NULL || !check_minutes_lock (self, stored, NULL, error))
    goto out;

  now = lotse_store_sync_now ();
  sql = g_strdup_printf ("UPDATE %s SET deleted = 1, updated_at = ? WHERE id = ?", table);
  stmt = lotse_store_prepare_cached (self, sql, error);
  if (stmt == NULL)
    goto out;

  lotse_store_bind_text (stmt, 1, now);
  lotse_store_bind_text (stmt, 2, id);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      lotse_store_set_sqlite_error (self, error, "deleting");
      goto out;
    }

  if (!lotse_store_append_outbox (self, table, id, lotse_record_get_rev (stored), TRUE, "{}", now, error) ||
      !lotse_health_follow_report_change (self, stored, NULL, error))
    goto out;

  lotse_store_note_change (self, lotse_record_get_table_name (stored), id);
  ok = TRUE;

out:
  return lotse_store_write_end (self, ok, ok ? error : NULL);
}

/**
 * lotse_store_undelete:
 * @self: a store
 * @table: a table name
 * @id: a row deleted with lotse_store_delete()
 * @error: a location for a #GError
 *
 * Takes back a deletion, for the undo of a delete: the tombstone becomes a
 * row again, and the outbox carries it with all its fields, so a server
 * that has the tombstone gets the whole row back. A row that is not
 * deleted stays as it is.
 *
 * Returns: %TRUE on success; %LOTSE_ERROR_NOT_FOUND if there is no such row
 */
gboolean
lotse_store_undelete (LotseStore  *self,
                      const char  *table,
                      const char  *id,
                      GError     **error)
{
  const LotseTable *schema_table;
  g_autoptr(LotseRecord) stored = NULL;
  g_autofree char *fields_json = NULL;
  g_autofree char *sql = NULL;
  g_autofree char *now = NULL;
  sqlite3_stmt *stmt;
  gboolean ok = FALSE;

  g_return_val_if_fail (LOTSE_IS_STORE (self), FALSE);
  g_return_val_if_fail (id != NULL, FALSE);

  schema_table = lotse_store_lookup_table (table, error);
  if (schema_table == NULL)
    return FALSE;

  if (!lotse_store_write_begin (self, error))
    return FALSE;

  stored = lotse_store_get_row (self, table, id, TRUE, error);
  if (stored == NULL)
    goto out;

  if (!lotse_record_get_deleted (stored))
    {
      ok = TRUE;
      goto out;
    }

  if (!check_minutes_lock (self, NULL, stored, error))
    goto out;

  now = lotse_store_sync_now ();
  sql = g_strdup_printf ("UPDATE %s SET deleted = 0, updated_at = ? WHERE id = ?", schema_table->name);
  stmt = lotse_store_prepare_cached (self, sql, error);
  if (stmt == NULL)
    goto out;

  lotse_store_bind_text (stmt, 1, now);
  lotse_store_bind_text (stmt, 2, id);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      lotse_store_set_sqlite_error (self, error, "restoring");
      goto out;
    }

  fields_json = set_fields_to_json (schema_table, stored);
  if (!lotse_store_append_outbox (self, schema_table->name, id, lotse_record_get_rev (stored), FALSE,
                                  fields_json, now, error) ||
      !lotse_health_follow_report_change (self, NULL, stored, error))
    goto out;

  lotse_store_note_change (self, schema_table->name, id);
  ok = TRUE;

out:
  return lotse_store_write_end (self, ok, ok ? error : NULL);
}
