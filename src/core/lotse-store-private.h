/* lotse-store-private.h: store internals shared with the query files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <sqlite3.h>

#include "lotse-store.h"

G_BEGIN_DECLS

/* Columns every synced table has before its own fields: id, rev,
 * created_at, updated_at, deleted. */
#define LOTSE_STORE_N_META_COLUMNS 5

/* Reads a record from a row that starts with the meta columns and the
 * table's fields in schema order. */
LotseRecord *lotse_store_record_from_row (const LotseTable *table,
                                          sqlite3_stmt     *stmt);

/* For LotseStoreReader: a store whose every write fails. */
LotseStore *lotse_store_open_read_only (const char  *path,
                                        GError     **error);

/* The condition (on alias “t” of the table named by a %s) that a row is
 * seeded and untouched: a well-known id (LOTSE_WELL_KNOWN_ID_PREFIX), no
 * server revision and no change waiting for one. Such a row is on every
 * device without a sync; its first edit must create it on the server. */
#define LOTSE_STORE_SEEDED_SQL \
  "t.rev = 0 AND t.id LIKE '" LOTSE_WELL_KNOWN_ID_PREFIX "%%' AND NOT EXISTS" \
  " (SELECT 1 FROM outbox o WHERE o.table_name = '%s' AND o.row_id = t.id)"

/* The connection, for read-only queries in lotse-store-queries.c. Values
 * are always bound; nothing else may write through it. */
sqlite3 *lotse_store_get_db (LotseStore *self);

/* A prepared statement from the store's cache, reset and unbound. */
sqlite3_stmt *lotse_store_prepare_cached   (LotseStore  *self,
                                            const char  *sql,
                                            GError     **error);
/* Runs @stmt, which returns no rows, and resets it; on failure sets
 * @error as lotse_store_set_sqlite_error() does. */
gboolean      lotse_store_step_done        (LotseStore    *self,
                                            sqlite3_stmt  *stmt,
                                            const char    *what,
                                            GError       **error);
/* A copy of the text of @column of the current row, or %NULL. */
char         *lotse_store_column_dup       (sqlite3_stmt  *stmt,
                                            int            column);
/* Announces a change of @table (a static schema name) after the commit of
 * the running transaction. */
void          lotse_store_note_change      (LotseStore  *self,
                                            const char  *table,
                                            const char  *id);
/* Sets @error from the connection's last SQLite error; returns FALSE. */
gboolean      lotse_store_set_sqlite_error (LotseStore  *self,
                                            GError     **error,
                                            const char  *what);

/* A write of its own, or a savepoint inside the caller's transaction;
 * lotse_store_write_end() commits or releases it if @ok, else undoes it. */
gboolean      lotse_store_write_begin      (LotseStore  *self,
                                            GError     **error);
gboolean      lotse_store_write_end        (LotseStore  *self,
                                            gboolean     ok,
                                            GError     **error);

/* For tests: records the SQL of each statement this connection starts. */
void          lotse_store_trace            (LotseStore  *self,
                                            gboolean     enable);
GPtrArray    *lotse_store_get_traced       (LotseStore  *self);

/* The schema table @name, or %NULL with %LOTSE_ERROR_UNKNOWN_TABLE. */
const LotseTable *lotse_store_lookup_table    (const char        *name,
                                               GError           **error);
/* The row @id of @table_name, or %NULL with %LOTSE_ERROR_NOT_FOUND. */
LotseRecord  *lotse_store_get_row             (LotseStore        *self,
                                               const char        *table_name,
                                               const char        *id,
                                               gboolean           include_deleted,
                                               GError           **error);
/* Appends "SELECT id, rev, created_at, updated_at, deleted, <fields> FROM
 * <table>" to @sql. */
void          lotse_store_append_select       (GString           *sql,
                                               const LotseTable  *table);
/* The fields of @record marked in @changed as a JSON object, as the
 * outbox keeps them. */
char         *lotse_store_fields_to_json      (const LotseTable  *table,
                                               LotseRecord       *record,
                                               const gboolean    *changed);
/* Appends a change for sync with a new op_id. */
gboolean      lotse_store_append_outbox       (LotseStore        *self,
                                               const char        *table,
                                               const char        *row_id,
                                               gint64             base_rev,
                                               gboolean           deleted,
                                               const char        *fields_json,
                                               const char        *now,
                                               GError           **error);

/* Binds @value (NULL binds NULL); an INT field's value as an integer. */
void          lotse_store_bind_text           (sqlite3_stmt      *stmt,
                                               int                column,
                                               const char        *value);
void          lotse_store_bind_value          (sqlite3_stmt      *stmt,
                                               int                column,
                                               const LotseField  *field,
                                               const char        *value);

G_END_DECLS
