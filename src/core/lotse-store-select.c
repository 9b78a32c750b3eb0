/* lotse-store-select.c: reading records — one by id, lists and counts
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Only rows that are not deleted, unless asked otherwise. SQL is assembled
 * only from the schema's identifiers; values are always bound.
 */

#define G_LOG_DOMAIN "lotse-store"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <sqlite3.h>

#include "lotse-collate-private.h"
#include "lotse-error.h"
#include "lotse-record-private.h"
#include "lotse-store-private.h"

LotseRecord *
lotse_store_record_from_row (const LotseTable *table,
                             sqlite3_stmt     *stmt)
{
  LotseRecord *record = lotse_record_new (table);

  lotse_record_set_id (record, (const char *)sqlite3_column_text (stmt, 0));
  lotse_record_set_rev (record, sqlite3_column_int64 (stmt, 1));
  lotse_record_set_timestamps (record,
                               (const char *)sqlite3_column_text (stmt, 2),
                               (const char *)sqlite3_column_text (stmt, 3));
  lotse_record_set_deleted (record, sqlite3_column_int (stmt, 4));

  for (guint i = 0; i < table->n_fields; i++)
    {
      const char *value = (const char *)sqlite3_column_text (stmt, LOTSE_STORE_N_META_COLUMNS + i);

      lotse_record_take_nth (record, i, g_strdup (value));
    }

  return record;
}

void
lotse_store_append_select (GString          *sql,
                           const LotseTable *table)
{
  g_string_append (sql, "SELECT id, rev, created_at, updated_at, deleted");
  for (guint i = 0; i < table->n_fields; i++)
    g_string_append_printf (sql, ", %s", table->fields[i].name);
  g_string_append_printf (sql, " FROM %s", table->name);
}

const LotseTable *
lotse_store_lookup_table (const char  *name,
                          GError     **error)
{
  const LotseTable *table = lotse_schema_lookup_table (name);

  if (table == NULL)
    g_set_error (error, LOTSE_ERROR, LOTSE_ERROR_UNKNOWN_TABLE,
                 _("There is no table “%s”"), name ? name : "");

  return table;
}

LotseRecord *
lotse_store_get_row (LotseStore  *self,
                     const char  *table_name,
                     const char  *id,
                     gboolean     include_deleted,
                     GError     **error)
{
  const LotseTable *table;
  g_autoptr(GString) sql = g_string_new (NULL);
  sqlite3_stmt *stmt;
  int rc;

  table = lotse_store_lookup_table (table_name, error);
  if (table == NULL)
    return NULL;

  lotse_store_append_select (sql, table);
  g_string_append (sql, include_deleted ? " WHERE id = ?" : " WHERE id = ? AND deleted = 0");

  stmt = lotse_store_prepare_cached (self, sql->str, error);
  if (stmt == NULL)
    return NULL;

  lotse_store_bind_text (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      LotseRecord *record = lotse_store_record_from_row (table, stmt);

      sqlite3_reset (stmt);
      return record;
    }

  if (rc != SQLITE_DONE)
    lotse_store_set_sqlite_error (self, error, "reading");
  else
    g_set_error (error, LOTSE_ERROR, LOTSE_ERROR_NOT_FOUND,
                 /* Translators: a table's name and a record's id */
                 _("%s %s does not exist"), _(table->label), id);

  return NULL;
}

/**
 * lotse_store_get:
 * @self: a store
 * @table: a table name
 * @id: a row id
 * @error: a location for a #GError
 *
 * Returns: (transfer full) (nullable): the row, or %NULL with
 *   %LOTSE_ERROR_NOT_FOUND if it does not exist or was deleted
 */
LotseRecord *
lotse_store_get (LotseStore  *self,
                 const char  *table,
                 const char  *id,
                 GError     **error)
{
  g_return_val_if_fail (LOTSE_IS_STORE (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  return lotse_store_get_row (self, table, id, FALSE, error);
}

static gboolean
append_filters (GString           *sql,
                const LotseTable  *table,
                const LotseFilter *filters,
                guint              n_filters,
                GError           **error)
{
  gboolean equal = FALSE;

  for (guint i = 0; i < n_filters; i++)
    equal |= filters[i].value != NULL;

  /* Several indexes lead with deleted (milestone_due, meeting_start,
   * person_name…) to list every live row in order. Without statistics
   * SQLite took them for a filtered list too, as deleted = 0 looked as
   * selective as project_id = ?: one project's 10 milestones walked all
   * 100,000 (185 ms). With "+" deleted leaves the choice of index to the
   * filters. */
  g_string_append (sql, equal ? " WHERE +deleted = 0" : " WHERE deleted = 0");

  for (guint i = 0; i < n_filters; i++)
    {
      if (lotse_table_lookup_field (table, filters[i].field) == NULL &&
          g_strcmp0 (filters[i].field, "id") != 0)
        {
          g_set_error (error, LOTSE_ERROR, LOTSE_ERROR_UNKNOWN_FIELD,
                       _("Table “%s” has no field “%s”"), table->name,
                       filters[i].field ? filters[i].field : "");
          return FALSE;
        }

      g_string_append_printf (sql, filters[i].value ? " AND %s = ?" : " AND %s IS NULL",
                              filters[i].field);
    }

  return TRUE;
}

static int
bind_filters (sqlite3_stmt      *stmt,
              const LotseTable  *table,
              const LotseFilter *filters,
              guint              n_filters)
{
  int column = 1;

  for (guint i = 0; i < n_filters; i++)
    {
      const LotseField *field = lotse_table_lookup_field (table, filters[i].field);

      if (filters[i].value == NULL)
        continue;

      if (field != NULL)
        lotse_store_bind_value (stmt, column++, field, filters[i].value);
      else
        lotse_store_bind_text (stmt, column++, filters[i].value);
    }

  return column;
}

/* The SELECT of lotse_store_list(), with the LIMIT and OFFSET after its
 * filters' parameters. */
static gboolean
append_list_query (GString            *sql,
                   const LotseTable   *table,
                   const LotseFilter  *filters,
                   guint               n_filters,
                   const char         *order_field,
                   gboolean            descending,
                   GError            **error)
{
  const LotseField *field = lotse_table_lookup_field (table, order_field);
  const char *direction = descending ? "DESC" : "ASC";

  lotse_store_append_select (sql, table);

  if (field == NULL || field->type != LOTSE_FIELD_TEXT)
    {
      if (!append_filters (sql, table, filters, n_filters, error))
        return FALSE;
      g_string_append_printf (sql, " ORDER BY %s %s, id %s LIMIT ? OFFSET ?", order_field,
                              direction, direction);
      return TRUE;
    }

  /* The locale's order cannot come from an index, so the rows are sorted:
   * only their text and rowid (read from the index on the field where
   * there is one), and then the page's rows are read whole. Sorting whole
   * rows would read every article's body for a page of titles. */
  g_string_append_printf (sql, " WHERE rowid IN (SELECT rowid FROM %s", table->name);
  if (!append_filters (sql, table, filters, n_filters, error))
    return FALSE;
  g_string_append_printf (sql, " ORDER BY %s" LOTSE_COLLATE " %s, rowid %s LIMIT ? OFFSET ?)"
                          " ORDER BY %s" LOTSE_COLLATE " %s, rowid %s",
                          order_field, direction, direction, order_field, direction, direction);

  return TRUE;
}

/**
 * lotse_store_list:
 * @self: a store
 * @table: a table name
 * @filters: (array length=n_filters) (nullable): conditions, all must hold
 * @n_filters: the number of @filters
 * @order_field: (nullable): the field to sort by, with a leading "-" for
 *   descending order, or %NULL for the table's default order; ties are
 *   broken by id (by rowid after a text field) so pages are stable. Text
 *   fields sort in the locale's order.
 * @limit: the most rows to return, 0 for all
 * @offset: rows to skip
 * @error: a location for a #GError
 *
 * Lists rows that are not deleted.
 *
 * Returns: (transfer container) (element-type LotseRecord) (nullable): the rows
 */
GPtrArray *
lotse_store_list (LotseStore         *self,
                  const char         *table_name,
                  const LotseFilter  *filters,
                  guint               n_filters,
                  const char         *order_field,
                  guint               limit,
                  guint               offset,
                  GError            **error)
{
  const LotseTable *table;
  g_autoptr(GString) sql = g_string_new (NULL);
  g_autoptr(GPtrArray) rows = NULL;
  sqlite3_stmt *stmt;
  int column;
  gboolean descending = FALSE;
  int rc;

  g_return_val_if_fail (LOTSE_IS_STORE (self), NULL);

  table = lotse_store_lookup_table (table_name, error);
  if (table == NULL)
    return NULL;

  if (order_field == NULL)
    order_field = table->order_field;

  /* "-field" sorts newest or largest first. */
  if (order_field[0] == '-')
    {
      descending = TRUE;
      order_field++;
    }

  if (lotse_table_lookup_field (table, order_field) == NULL &&
      g_strcmp0 (order_field, "created_at") != 0 &&
      g_strcmp0 (order_field, "updated_at") != 0)
    {
      g_set_error (error, LOTSE_ERROR, LOTSE_ERROR_UNKNOWN_FIELD,
                   _("Table “%s” has no field “%s”"), table->name, order_field);
      return NULL;
    }

  if (!append_list_query (sql, table, filters, n_filters, order_field, descending, error))
    return NULL;

  stmt = lotse_store_prepare_cached (self, sql->str, error);
  if (stmt == NULL)
    return NULL;

  column = bind_filters (stmt, table, filters, n_filters);
  sqlite3_bind_int64 (stmt, column, limit > 0 ? (gint64)limit : -1);
  sqlite3_bind_int64 (stmt, column + 1, offset);

  rows = g_ptr_array_new_with_free_func (g_object_unref);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (rows, lotse_store_record_from_row (table, stmt));

  if (rc != SQLITE_DONE)
    {
      lotse_store_set_sqlite_error (self, error, "reading");
      return NULL;
    }

  sqlite3_reset (stmt);

  return g_steal_pointer (&rows);
}

/**
 * lotse_store_count:
 * @self: a store
 * @table: a table name
 * @filters: (array length=n_filters) (nullable): conditions, all must hold
 * @n_filters: the number of @filters
 * @error: a location for a #GError
 *
 * Returns: the number of rows that are not deleted, or -1 on error
 */
gint64
lotse_store_count (LotseStore         *self,
                   const char         *table_name,
                   const LotseFilter  *filters,
                   guint               n_filters,
                   GError            **error)
{
  const LotseTable *table;
  g_autoptr(GString) sql = g_string_new (NULL);
  sqlite3_stmt *stmt;
  gint64 count;

  g_return_val_if_fail (LOTSE_IS_STORE (self), -1);

  table = lotse_store_lookup_table (table_name, error);
  if (table == NULL)
    return -1;

  g_string_append_printf (sql, "SELECT count(*) FROM %s", table->name);
  if (!append_filters (sql, table, filters, n_filters, error))
    return -1;

  stmt = lotse_store_prepare_cached (self, sql->str, error);
  if (stmt == NULL)
    return -1;

  bind_filters (stmt, table, filters, n_filters);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      lotse_store_set_sqlite_error (self, error, "counting");
      return -1;
    }

  count = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);

  return count;
}
