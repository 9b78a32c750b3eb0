/* lotse-store-queries.c: read queries that join tables
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The generic store API reads one table at a time; the milestone monitor
 * needs milestones together with their projects in one pass. The partial
 * index milestone_open_due (migrations/003-monitor.sql) holds only the
 * milestones that are neither done nor cancelled; a programme with years of
 * history has tens of thousands of open overdue ones, so the UI reads a page
 * at a time and counts the rest from the index alone. The planner, left to
 * itself, prefers the older milestone_due index and reads every milestone
 * row, ten times slower, hence INDEXED BY; with the project's status in the
 * condition it would start from the projects, hence CROSS JOIN, which keeps
 * the milestones first. Open funder reports (a statement of use the
 * funder expects by a date) are obligations like milestones: a second arm
 * of the same query reads them from their own partial index,
 * funder_report_open_due (migrations/014-finance.sql), and SQLite merges
 * the two sorted arms. SQL is assembled from schema identifiers only;
 * values are always bound.
 */

#define G_LOG_DOMAIN "lotse-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "lotse-collate-private.h"
#include "lotse-error.h"
#include "lotse-store-private.h"
#include "lotse-store-queries.h"

/* Each must imply its partial index's WHERE clause word for word. ?2 is
 * the programme, ?9 the scope: with history, completed and cancelled
 * projects count too. */
#define PROJECT_CONDITION \
  " AND p.deleted = 0 AND (?2 IS NULL OR p.programme_id = ?2)" \
  " AND (?9 OR p.status NOT IN ('completed', 'cancelled'))"
#define MONITOR_CONDITION \
  "m.deleted = 0 AND m.status NOT IN ('done', 'cancelled')" \
  " AND m.due_date IS NOT NULL AND m.due_date <= ?1" PROJECT_CONDITION
#define REPORT_CONDITION \
  "r.deleted = 0 AND r.status = 'open' AND r.due_date <= ?1" PROJECT_CONDITION

static gboolean
set_database_error (sqlite3     *db,
                    const char  *what,
                    GError     **error)
{
  g_set_error (error, LOTSE_ERROR, LOTSE_ERROR_DATABASE,
               _("Database error: %s"), sqlite3_errmsg (db));
  g_debug ("SQLite error while %s: %s", what, sqlite3_errmsg (db));
  return FALSE;
}

static void
bind_range (sqlite3_stmt      *stmt,
            const char        *until,
            const char        *programme_id,
            LotseMonitorScope  scope)
{
  sqlite3_bind_text (stmt, 1, until, -1, SQLITE_TRANSIENT);
  if (programme_id != NULL)
    sqlite3_bind_text (stmt, 2, programme_id, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_null (stmt, 2);
  sqlite3_bind_int (stmt, 9, scope == LOTSE_MONITOR_SCOPE_HISTORY);
}

/* After an entry (keyset paging): the first term bounds the index range,
 * the row value orders within a day. A funder report's title may be
 * empty; it sorts as "". */
#define MONITOR_AFTER(t) \
  " AND " t ".due_date >= coalesce (?5, '')" \
  " AND (?5 IS NULL OR (" t ".due_date, p.title" LOTSE_COLLATE \
  ", coalesce (" t ".title, '')" LOTSE_COLLATE ", " t ".id) > (?5, ?6, ?7, ?8))"

/* Only what an entry shows, all of it in milestone_open_due and
 * project_live (migrations/011-monitor-covering.sql): the milestones' arm
 * never reads a table row. The last two columns are the funder report's
 * kind (NULL for a milestone) and the title to sort by. */
#define MONITOR_SQL \
  "SELECT m.id, m.rev, m.project_id, m.title, m.due_date, m.done_date, m.status," \
  " p.title, p.acronym, p.programme_id, p.status, NULL, m.title" \
  " FROM milestone AS m INDEXED BY milestone_open_due" \
  " CROSS JOIN project AS p INDEXED BY project_live ON p.id = m.project_id" \
  " WHERE " MONITOR_CONDITION MONITOR_AFTER ("m") \
  " UNION ALL" \
  " SELECT r.id, r.rev, r.project_id, r.title, r.due_date, NULL, r.status," \
  " p.title, p.acronym, p.programme_id, p.status, r.kind, coalesce (r.title, '')" \
  " FROM funder_report AS r INDEXED BY funder_report_open_due" \
  " CROSS JOIN project AS p INDEXED BY project_live ON p.id = r.project_id" \
  " WHERE " REPORT_CONDITION MONITOR_AFTER ("r") \
  " ORDER BY 5, 8" LOTSE_COLLATE ", 13" LOTSE_COLLATE ", 1" \
  " LIMIT ?3 OFFSET ?4"

static const char * const entry_fields[] = {
  LOTSE_MILESTONE_PROJECT_ID, LOTSE_MILESTONE_TITLE, LOTSE_MILESTONE_DUE_DATE,
  LOTSE_MILESTONE_DONE_DATE, LOTSE_MILESTONE_STATUS,
};

static char *
column_text (sqlite3_stmt *stmt,
             int           column)
{
  return g_strdup ((const char *) sqlite3_column_text (stmt, column));
}

static const char * const report_fields[] = {
  LOTSE_FUNDER_REPORT_PROJECT_ID, LOTSE_FUNDER_REPORT_TITLE, LOTSE_FUNDER_REPORT_DUE_DATE,
  NULL /* a report has no done date */, LOTSE_FUNDER_REPORT_STATUS,
};

static LotseMonitorEntry *
entry_from_row (sqlite3_stmt *stmt)
{
  LotseMonitorEntry *entry = lotse_monitor_entry_new ();
  const char *kind = (const char *) sqlite3_column_text (stmt, 11);
  const char * const *fields = kind != NULL ? report_fields : entry_fields;
  LotseRecord *record = lotse_record_new_for_table (kind != NULL ? LOTSE_TABLE_FUNDER_REPORT
                                                                 : LOTSE_TABLE_MILESTONE);
  int column = 2;

  lotse_record_set_id (record, (const char *) sqlite3_column_text (stmt, 0));
  lotse_record_set_rev (record, sqlite3_column_int64 (stmt, 1));
  for (guint i = 0; i < G_N_ELEMENTS (entry_fields); i++, column++)
    if (fields[i] != NULL)
      lotse_record_set (record, fields[i], (const char *) sqlite3_column_text (stmt, column));

  entry->milestone = record;
  entry->report_kind = g_strdup (kind);
  entry->project_id = column_text (stmt, 2);
  entry->due_date = column_text (stmt, 4);
  entry->project_title = column_text (stmt, column++);
  entry->project_acronym = column_text (stmt, column++);
  entry->programme_id = column_text (stmt, column++);
  entry->project_status = column_text (stmt, column);

  return entry;
}

/**
 * lotse_store_query_monitor:
 * @self: a store
 * @until: the last due date to include, YYYY-MM-DD
 * @programme_id: (nullable): only projects of this programme
 * @scope: whether completed and cancelled projects count
 * @after: (nullable): only entries that come after this one in the order
 * @offset: how many entries to skip
 * @limit: at most this many entries, 0 for all
 * @error: a location for a #GError
 *
 * Lists milestones that are neither done nor cancelled and open funder
 * reports, due on or before @until, of projects that are not deleted (and, in the current scope,
 * neither completed nor cancelled), ordered by due date, project
 * title, title and id. The entries' days and state are left for the caller
 * to fill in. The next page starts after the last entry of this one
 * (@after) in the time of a first page; an @offset costs as many rows.
 *
 * Returns: (transfer full) (element-type LotseMonitorEntry) (nullable): the entries
 */
GPtrArray *
lotse_store_query_monitor (LotseStore  *self,
                           const char  *until,
                           const char  *programme_id,
                           LotseMonitorScope scope,
                           const LotseMonitorEntry *after,
                           guint        offset,
                           guint        limit,
                           GError     **error)
{
  g_autoptr(GPtrArray) entries = NULL;
  sqlite3 *db;
  sqlite3_stmt *stmt = NULL;
  int rc;

  g_return_val_if_fail (LOTSE_IS_STORE (self), NULL);
  g_return_val_if_fail (until != NULL, NULL);

  db = lotse_store_get_db (self);
  if (sqlite3_prepare_v2 (db, MONITOR_SQL, -1, &stmt, NULL) != SQLITE_OK)
    {
      set_database_error (db, "preparing the monitor query", error);
      return NULL;
    }

  bind_range (stmt, until, programme_id, scope);
  sqlite3_bind_int64 (stmt, 3, limit == 0 ? -1 : (sqlite3_int64) limit);
  sqlite3_bind_int64 (stmt, 4, offset);
  if (after != NULL)
    {
      sqlite3_bind_text (stmt, 5, after->due_date, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 6, after->project_title, -1, SQLITE_TRANSIENT);
      const char *title = lotse_record_get (after->milestone, LOTSE_MILESTONE_TITLE);

      sqlite3_bind_text (stmt, 7, title != NULL ? title : "", -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 8, lotse_record_get_id (after->milestone), -1, SQLITE_TRANSIENT);
    }

  entries = g_ptr_array_new_with_free_func ((GDestroyNotify) lotse_monitor_entry_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (entries, entry_from_row (stmt));

  if (rc != SQLITE_DONE)
    {
      set_database_error (db, "reading the monitor query", error);
      sqlite3_finalize (stmt);
      return NULL;
    }

  sqlite3_finalize (stmt);

  return g_steal_pointer (&entries);
}

/**
 * lotse_store_count_monitor:
 * @self: a store
 * @today: the first day that is not overdue, YYYY-MM-DD
 * @until: the last due date to include, YYYY-MM-DD
 * @programme_id: (nullable): only projects of this programme
 * @scope: whether completed and cancelled projects count
 * @n_total: (out): how many entries lotse_store_query_monitor() lists
 * @n_overdue: (out): how many of them are due before @today, of projects
 *   that still run
 * @n_closed: (out): how many of them are of completed or cancelled projects
 * @error: a location for a #GError
 *
 * Returns: %TRUE on success
 */
gboolean
lotse_store_count_monitor (LotseStore  *self,
                           const char  *today,
                           const char  *until,
                           const char  *programme_id,
                           LotseMonitorScope scope,
                           guint       *n_total,
                           guint       *n_overdue,
                           guint       *n_closed,
                           GError     **error)
{
  static const char sql[] =
    "SELECT count(*),"
    " coalesce(sum(due < ?3 AND status NOT IN ('completed', 'cancelled')), 0),"
    " coalesce(sum(status IN ('completed', 'cancelled')), 0)"
    " FROM (SELECT m.due_date AS due, p.status AS status"
    "       FROM milestone AS m INDEXED BY milestone_open_due"
    "       CROSS JOIN project AS p ON p.id = m.project_id"
    "       WHERE " MONITOR_CONDITION
    "       UNION ALL"
    "       SELECT r.due_date, p.status"
    "       FROM funder_report AS r INDEXED BY funder_report_open_due"
    "       CROSS JOIN project AS p ON p.id = r.project_id"
    "       WHERE " REPORT_CONDITION ")";
  sqlite3 *db;
  sqlite3_stmt *stmt = NULL;

  g_return_val_if_fail (LOTSE_IS_STORE (self), FALSE);
  g_return_val_if_fail (today != NULL && until != NULL, FALSE);
  g_return_val_if_fail (n_total != NULL && n_overdue != NULL && n_closed != NULL, FALSE);

  db = lotse_store_get_db (self);
  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    return set_database_error (db, "preparing the monitor count", error);

  bind_range (stmt, until, programme_id, scope);
  sqlite3_bind_text (stmt, 3, today, -1, SQLITE_TRANSIENT);

  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      set_database_error (db, "counting the monitor entries", error);
      sqlite3_finalize (stmt);
      return FALSE;
    }

  *n_total = (guint) CLAMP (sqlite3_column_int64 (stmt, 0), 0, G_MAXUINT);
  *n_overdue = (guint) CLAMP (sqlite3_column_int64 (stmt, 1), 0, G_MAXUINT);
  *n_closed = (guint) CLAMP (sqlite3_column_int64 (stmt, 2), 0, G_MAXUINT);
  sqlite3_finalize (stmt);

  return TRUE;
}

static gboolean
foreach_row (sqlite3            *db,
             const char         *sql,
             LotseStoreRowFunc   func,
             gpointer            user_data,
             GError            **error)
{
  sqlite3_stmt *stmt = NULL;
  const char *columns[8];
  int n_columns, rc;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    return set_database_error (db, "preparing a timeline query", error);

  n_columns = MIN (sqlite3_column_count (stmt), (int) G_N_ELEMENTS (columns));
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      for (int i = 0; i < n_columns; i++)
        columns[i] = (const char *) sqlite3_column_text (stmt, i);
      func (columns, user_data);
    }

  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    return set_database_error (db, "reading a timeline query", error);

  return TRUE;
}

/**
 * lotse_store_query_timeline:
 * @self: a store
 * @project_func: (scope call): called for each project that is not deleted,
 *   by start date (projects without one last), then title, with the columns
 *   id, title, acronym, start_date, end_date, status
 * @milestone_func: (scope call): called for each milestone with a due date
 *   that is not deleted, in no particular order (a table scan is the
 *   fastest read), with the columns id, project_id, title, due_date,
 *   status; milestones of deleted projects are among them
 * @user_data: data for the functions
 * @error: a location for a #GError
 *
 * What the timeline draws, without making a record of each row: for
 * 10,000 projects and 100,000 milestones this is several times faster than
 * lotse_store_list().
 *
 * Returns: %TRUE on success
 */
gboolean
lotse_store_query_timeline (LotseStore         *self,
                            LotseStoreRowFunc   project_func,
                            LotseStoreRowFunc   milestone_func,
                            gpointer            user_data,
                            GError            **error)
{
  sqlite3 *db;

  g_return_val_if_fail (LOTSE_IS_STORE (self), FALSE);
  g_return_val_if_fail (project_func != NULL && milestone_func != NULL, FALSE);

  db = lotse_store_get_db (self);

  return foreach_row (db,
                      "SELECT id, title, acronym, start_date, end_date, status FROM project"
                      " WHERE deleted = 0"
                      " ORDER BY start_date IS NULL, start_date, title" LOTSE_COLLATE ", id",
                      project_func, user_data, error) &&
         foreach_row (db,
                      "SELECT id, project_id, title, due_date, status FROM milestone"
                      " WHERE deleted = 0 AND due_date IS NOT NULL",
                      milestone_func, user_data, error);
}
