/* lotse-project-query.c: the portfolio's project list with its filters
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The filters (programme, status, traffic light, topic, lead) and the
 * order are SQL: one pass over the project table returns the matching
 * projects in list order, each with its title and acronym case-folded, so
 * that the list can match what a user types in memory on every keystroke
 * ("dör" finds "Digitale Dörfer") without reading the table again. The list
 * model then reads the rows it shows, with their next and overdue
 * milestones, a page at a time. Values are always bound.
 */

#define G_LOG_DOMAIN "lotse-project-query"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "lotse-collate-private.h"
#include "lotse-error.h"
#include "lotse-project-query.h"
#include "lotse-store-private.h"

/* "+m.deleted" keeps SQLite from the index milestone_due (deleted,
 * due_date), which would scan all milestones in the date range for each
 * project; milestone_project (project_id, due_date) finds them directly. */
#define OPEN_MILESTONE "m.project_id = p.id AND +m.deleted = 0 AND m.status NOT IN ('done', 'cancelled')"

/* The open milestones of project p due before @today_param. A closed
 * project's open milestones are history, not overdue
 * (lotse_monitor_is_overdue()). */
#define OVERDUE_COUNT(today_param) \
  "CASE WHEN p.status IN ('completed', 'cancelled') THEN 0" \
  " ELSE (SELECT count(*) FROM milestone AS m WHERE " OPEN_MILESTONE \
  "       AND m.due_date < " today_param ") END"

/* The filters of a query, bound by bind_filters(). */
#define FILTER_CLAUSE \
  " AND (?1 IS NULL OR p.title LIKE ?1 ESCAPE '\\' OR p.acronym LIKE ?1 ESCAPE '\\')" \
  " AND (?2 IS NULL OR p.programme_id = ?2)" \
  " AND (?3 IS NULL OR p.status = ?3)" \
  " AND (?4 IS NULL OR p.health = ?4)" \
  " AND (?5 IS NULL OR p.topic = ?5)" \
  " AND (?6 IS NULL OR p.lead_organisation_id = ?6)"

/* Titles and acronyms in the locale's order; ties go by rowid. */
#define TITLE "p.title" LOTSE_COLLATE ", p.rowid"

static const char * const sort_clauses[] = {
  [LOTSE_PROJECT_SORT_TITLE]    = TITLE,
  [LOTSE_PROJECT_SORT_ACRONYM]  = "p.acronym IS NULL, p.acronym" LOTSE_COLLATE ", " TITLE,
  [LOTSE_PROJECT_SORT_HEALTH]   = "CASE p.health WHEN 'red' THEN 0 WHEN 'yellow' THEN 1"
                                  " WHEN 'green' THEN 2 ELSE 3 END, " TITLE,
  [LOTSE_PROJECT_SORT_END_DATE] = "p.end_date IS NULL, p.end_date, " TITLE,
  [LOTSE_PROJECT_SORT_NEXT_DUE] = "next_due IS NULL, next_due, " TITLE,
};

G_STATIC_ASSERT (G_N_ELEMENTS (sort_clauses) == LOTSE_PROJECT_N_SORTS);

LotseProjectQuery *
lotse_project_query_new (void)
{
  return g_new0 (LotseProjectQuery, 1);
}

LotseProjectQuery *
lotse_project_query_copy (const LotseProjectQuery *query)
{
  LotseProjectQuery *copy = lotse_project_query_new ();

  g_return_val_if_fail (query != NULL, copy);

  copy->text = g_strdup (query->text);
  copy->programme_id = g_strdup (query->programme_id);
  copy->status = g_strdup (query->status);
  copy->health = g_strdup (query->health);
  copy->topic = g_strdup (query->topic);
  copy->lead_organisation_id = g_strdup (query->lead_organisation_id);
  copy->sort = query->sort;

  return copy;
}

gboolean
lotse_project_query_equal (const LotseProjectQuery *a,
                           const LotseProjectQuery *b)
{
  g_return_val_if_fail (a != NULL && b != NULL, FALSE);

  return g_strcmp0 (a->text, b->text) == 0 &&
         g_strcmp0 (a->programme_id, b->programme_id) == 0 &&
         g_strcmp0 (a->status, b->status) == 0 &&
         g_strcmp0 (a->health, b->health) == 0 &&
         g_strcmp0 (a->topic, b->topic) == 0 &&
         g_strcmp0 (a->lead_organisation_id, b->lead_organisation_id) == 0 &&
         a->sort == b->sort;
}

void
lotse_project_query_free (LotseProjectQuery *query)
{
  if (query == NULL)
    return;

  g_free (query->text);
  g_free (query->programme_id);
  g_free (query->status);
  g_free (query->health);
  g_free (query->topic);
  g_free (query->lead_organisation_id);
  g_free (query);
}

void
lotse_project_summary_free (LotseProjectSummary *summary)
{
  if (summary == NULL)
    return;

  g_clear_object (&summary->project);
  g_free (summary->next_title);
  g_free (summary->next_due);
  g_free (summary);
}

void
lotse_project_table_row_free (LotseProjectTableRow *row)
{
  if (row == NULL)
    return;

  g_free (row->id);
  g_free (row->title);
  g_free (row->acronym);
  g_free (row->programme);
  g_free (row->status);
  g_free (row->health);
  g_free (row->next_title);
  g_free (row->next_due);
  g_free (row->lead);
  g_free (row->key);
  g_free (row);
}

static gboolean
query_error (GError     **error,
             sqlite3     *db,
             const char  *what)
{
  g_set_error (error, LOTSE_ERROR, LOTSE_ERROR_DATABASE,
               _("Database error: %s"), sqlite3_errmsg (db));
  g_debug ("SQLite error while %s: %s", what, sqlite3_errmsg (db));

  return FALSE;
}

/* "50%_off" → "%50\%\_off%": the user's text matches as it is, anywhere. */
static char *
like_pattern (const char *text)
{
  g_autofree char *trimmed = NULL;
  GString *pattern;

  if (text == NULL)
    return NULL;

  trimmed = g_strstrip (g_strdup (text));
  if (*trimmed == '\0')
    return NULL;

  pattern = g_string_new ("%");
  for (const char *p = trimmed; *p != '\0'; p++)
    {
      if (*p == '%' || *p == '_' || *p == '\\')
        g_string_append_c (pattern, '\\');
      g_string_append_c (pattern, *p);
    }
  g_string_append_c (pattern, '%');

  return g_string_free (pattern, FALSE);
}

static void
bind_nullable (sqlite3_stmt *stmt,
               int           column,
               const char   *value)
{
  if (value != NULL && *value != '\0')
    sqlite3_bind_text (stmt, column, value, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_null (stmt, column);
}

static void
bind_filters (sqlite3_stmt            *stmt,
              const LotseProjectQuery *query,
              const char              *pattern)
{
  bind_nullable (stmt, 1, pattern);
  bind_nullable (stmt, 2, query->programme_id);
  bind_nullable (stmt, 3, query->status);
  bind_nullable (stmt, 4, query->health);
  bind_nullable (stmt, 5, query->topic);
  bind_nullable (stmt, 6, query->lead_organisation_id);
}

static void
clear_key (gpointer data)
{
  g_free (((LotseProjectKey *) data)->key);
}

/**
 * lotse_project_fold:
 * @text: (nullable): text
 *
 * Returns: (transfer full): @text normalized and case-folded, so that
 *   "DÖRFER" and "Dörfer" compare equal with strstr()
 */
char *
lotse_project_fold (const char *text)
{
  g_autofree char *valid = NULL;
  g_autofree char *normalized = NULL;

  if (text == NULL)
    return g_strdup ("");

  /* Invalid UTF-8 would normalize to nothing, and nothing matches all. */
  valid = g_utf8_make_valid (text, -1);
  normalized = g_utf8_normalize (valid, -1, G_NORMALIZE_ALL_COMPOSE);
  return g_utf8_casefold (normalized != NULL ? normalized : "", -1);
}

static GArray *
run_list_query (LotseStore               *store,
                const LotseProjectQuery  *query,
                const char               *today,
                gboolean                  with_keys,
                GError                  **error)
{
  g_autoptr(GArray) rows = NULL;
  g_autoptr(GString) sql = NULL;
  g_autofree char *pattern = NULL;
  sqlite3_stmt *stmt = NULL;
  sqlite3 *db;
  int rc;

  g_return_val_if_fail (LOTSE_IS_STORE (store), NULL);
  g_return_val_if_fail (query != NULL, NULL);
  g_return_val_if_fail (query->sort < LOTSE_PROJECT_N_SORTS, NULL);
  g_return_val_if_fail (today != NULL, NULL);

  db = lotse_store_get_db (store);
  sql = g_string_new ("SELECT p.rowid, p.title, p.acronym");
  if (query->sort == LOTSE_PROJECT_SORT_NEXT_DUE)
    g_string_append (sql, ", (SELECT min(m.due_date) FROM milestone AS m WHERE "
                          OPEN_MILESTONE " AND m.due_date >= ?7) AS next_due");
  g_string_append (sql, " FROM project AS p WHERE p.deleted = 0" FILTER_CLAUSE " ORDER BY ");
  g_string_append (sql, sort_clauses[query->sort]);

  if (sqlite3_prepare_v2 (db, sql->str, -1, &stmt, NULL) != SQLITE_OK)
    {
      query_error (error, db, "preparing the project list");
      return NULL;
    }

  pattern = like_pattern (query->text);
  bind_filters (stmt, query, pattern);
  if (query->sort == LOTSE_PROJECT_SORT_NEXT_DUE)
    sqlite3_bind_text (stmt, 7, today, -1, SQLITE_TRANSIENT);

  if (with_keys)
    {
      rows = g_array_new (FALSE, FALSE, sizeof (LotseProjectKey));
      g_array_set_clear_func (rows, clear_key);
    }
  else
    {
      rows = g_array_new (FALSE, FALSE, sizeof (gint64));
    }

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 rowid = sqlite3_column_int64 (stmt, 0);

      if (with_keys)
        {
          g_autofree char *text = g_strconcat ((const char *) sqlite3_column_text (stmt, 1), "\n",
                                               sqlite3_column_text (stmt, 2) != NULL
                                                 ? (const char *) sqlite3_column_text (stmt, 2) : "",
                                               NULL);
          LotseProjectKey key = { rowid, lotse_project_fold (text) };

          g_array_append_val (rows, key);
        }
      else
        {
          g_array_append_val (rows, rowid);
        }
    }

  if (rc != SQLITE_DONE)
    {
      query_error (error, db, "reading the project list");
      sqlite3_finalize (stmt);
      return NULL;
    }

  sqlite3_finalize (stmt);

  return g_steal_pointer (&rows);
}

/**
 * lotse_project_query_rowids:
 * @store: a store
 * @query: the filters and the order
 * @today: YYYY-MM-DD, for the order by next milestone
 * @error: a location for a #GError
 *
 * The text of @query is matched with LIKE, which folds case for ASCII
 * letters only.
 *
 * Returns: (transfer full) (element-type gint64) (nullable): the rowids of
 *   the live projects that match @query, in list order
 */
GArray *
lotse_project_query_rowids (LotseStore               *store,
                            const LotseProjectQuery  *query,
                            const char               *today,
                            GError                  **error)
{
  return run_list_query (store, query, today, FALSE, error);
}

/**
 * lotse_project_query_keys:
 * @store: a store
 * @query: the filters and the order
 * @today: YYYY-MM-DD, for the order by next milestone
 * @error: a location for a #GError
 *
 * Like lotse_project_query_rowids(), with each project's title and acronym
 * folded by lotse_project_fold(), so that a list can match the text a user
 * types in memory, keystroke by keystroke, without asking SQLite again.
 *
 * Returns: (transfer full) (element-type LotseProjectKey) (nullable): the
 *   projects that match @query, in list order
 */
GArray *
lotse_project_query_keys (LotseStore               *store,
                          const LotseProjectQuery  *query,
                          const char               *today,
                          GError                  **error)
{
  return run_list_query (store, query, today, TRUE, error);
}

static char *
summary_sql (const LotseTable *project)
{
  GString *sql = g_string_new ("SELECT p.id, p.rev, p.created_at, p.updated_at, p.deleted");

  for (guint i = 0; i < project->n_fields; i++)
    g_string_append_printf (sql, ", p.%s", project->fields[i].name);

  g_string_append (sql,
                   ", (SELECT m.title FROM milestone AS m WHERE " OPEN_MILESTONE
                   "   AND m.due_date >= ?2 ORDER BY m.due_date, m.title LIMIT 1)"
                   ", (SELECT min(m.due_date) FROM milestone AS m WHERE " OPEN_MILESTONE
                   "   AND m.due_date >= ?2)"
                   ", " OVERDUE_COUNT ("?2")
                   " FROM project AS p WHERE p.rowid = ?1 AND p.deleted = 0");

  return g_string_free (sql, FALSE);
}

/**
 * lotse_project_query_summaries:
 * @store: a store
 * @rowids: (array length=n_rowids): projects from lotse_project_query_rowids()
 * @n_rowids: the number of @rowids
 * @today: YYYY-MM-DD; milestones due before it are overdue
 * @error: a location for a #GError
 *
 * Reads the projects with their next milestone and the number of overdue
 * ones. A project deleted since its rowid was read is left out.
 *
 * Returns: (transfer full) (element-type LotseProjectSummary) (nullable):
 *   the summaries in the order of @rowids
 */
GPtrArray *
lotse_project_query_summaries (LotseStore    *store,
                               const gint64  *rowids,
                               guint          n_rowids,
                               const char    *today,
                               GError       **error)
{
  const LotseTable *project = lotse_schema_lookup_table ("project");
  g_autoptr(GPtrArray) summaries = NULL;
  g_autofree char *sql = NULL;
  sqlite3_stmt *stmt = NULL;
  sqlite3 *db;
  int column = LOTSE_STORE_N_META_COLUMNS + project->n_fields;

  g_return_val_if_fail (LOTSE_IS_STORE (store), NULL);
  g_return_val_if_fail (rowids != NULL || n_rowids == 0, NULL);
  g_return_val_if_fail (today != NULL, NULL);

  db = lotse_store_get_db (store);
  sql = summary_sql (project);
  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    {
      query_error (error, db, "preparing the project rows");
      return NULL;
    }

  summaries = g_ptr_array_new_full (n_rowids, (GDestroyNotify) lotse_project_summary_free);
  for (guint i = 0; i < n_rowids; i++)
    {
      LotseProjectSummary *summary;
      int rc;

      sqlite3_reset (stmt);
      sqlite3_bind_int64 (stmt, 1, rowids[i]);
      sqlite3_bind_text (stmt, 2, today, -1, SQLITE_TRANSIENT);

      rc = sqlite3_step (stmt);
      if (rc == SQLITE_DONE)
        continue;
      if (rc != SQLITE_ROW)
        {
          query_error (error, db, "reading the project rows");
          sqlite3_finalize (stmt);
          return NULL;
        }

      summary = g_new0 (LotseProjectSummary, 1);
      summary->project = lotse_store_record_from_row (project, stmt);
      summary->rowid = rowids[i];
      summary->next_title = g_strdup ((const char *) sqlite3_column_text (stmt, column));
      summary->next_due = g_strdup ((const char *) sqlite3_column_text (stmt, column + 1));
      summary->n_overdue = (guint) sqlite3_column_int64 (stmt, column + 2);
      g_ptr_array_add (summaries, summary);
    }

  sqlite3_finalize (stmt);

  return g_steal_pointer (&summaries);
}

/**
 * lotse_project_query_rowid:
 * @store: a store
 * @id: a project's id
 *
 * Returns: the rowid of the live project @id, or 0 if there is none
 */
gint64
lotse_project_query_rowid (LotseStore *store,
                           const char *id)
{
  sqlite3 *db;
  sqlite3_stmt *stmt = NULL;
  gint64 rowid = 0;

  g_return_val_if_fail (LOTSE_IS_STORE (store), 0);
  g_return_val_if_fail (id != NULL, 0);

  db = lotse_store_get_db (store);
  if (sqlite3_prepare_v2 (db, "SELECT rowid FROM project WHERE id = ?1 AND deleted = 0",
                          -1, &stmt, NULL) != SQLITE_OK)
    return 0;

  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    rowid = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);

  return rowid;
}

/**
 * lotse_project_query_topics:
 * @store: a store
 * @error: a location for a #GError
 *
 * Returns: (transfer full) (nullable): the topics (Handlungsfelder) of the
 *   live projects, sorted, each once
 */
GStrv
lotse_project_query_topics (LotseStore  *store,
                            GError     **error)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  sqlite3 *db;
  sqlite3_stmt *stmt = NULL;
  int rc;

  g_return_val_if_fail (LOTSE_IS_STORE (store), NULL);

  db = lotse_store_get_db (store);
  if (sqlite3_prepare_v2 (db,
                          "SELECT DISTINCT topic FROM project"
                          " WHERE deleted = 0 AND topic IS NOT NULL AND topic <> ''"
                          " ORDER BY topic" LOTSE_COLLATE,
                          -1, &stmt, NULL) != SQLITE_OK)
    {
      query_error (error, db, "preparing the topics");
      return NULL;
    }

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_strv_builder_add (builder, (const char *) sqlite3_column_text (stmt, 0));

  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      query_error (error, db, "reading the topics");
      return NULL;
    }

  return g_strv_builder_end (builder);
}

/* The next milestone comes as "YYYY-MM-DD\ttitle": one look-up in the index
 * milestone_project instead of two. The table sorts its rows itself, in
 * the reader's collation; the order here only makes the result stable. */
#define TABLE_SQL \
  "SELECT p.id, p.title, p.acronym, g.name, p.status, p.health," \
  " (SELECT m.due_date || char(9) || m.title FROM milestone AS m WHERE " OPEN_MILESTONE \
  "   AND m.due_date >= ?7 ORDER BY m.due_date, m.title LIMIT 1)," \
  " " OVERDUE_COUNT ("?7") "," \
  " o.name" \
  " FROM project AS p" \
  " LEFT JOIN programme AS g ON g.id = p.programme_id AND g.deleted = 0" \
  " LEFT JOIN organisation AS o ON o.id = p.lead_organisation_id AND o.deleted = 0" \
  " WHERE p.deleted = 0" FILTER_CLAUSE \
  " ORDER BY p.title, p.rowid"

static char *
column_dup (sqlite3_stmt *stmt,
            int           column)
{
  return g_strdup ((const char *) sqlite3_column_text (stmt, column));
}

static LotseProjectTableRow *
table_row_new (sqlite3_stmt *stmt)
{
  LotseProjectTableRow *row = g_new0 (LotseProjectTableRow, 1);
  const char *next = (const char *) sqlite3_column_text (stmt, 6);
  g_autofree char *text = NULL;

  row->id = column_dup (stmt, 0);
  row->title = column_dup (stmt, 1);
  row->acronym = column_dup (stmt, 2);
  row->programme = column_dup (stmt, 3);
  row->status = column_dup (stmt, 4);
  row->health = column_dup (stmt, 5);
  if (next != NULL && strlen (next) > 11 && next[10] == '\t')
    {
      row->next_due = g_strndup (next, 10);
      row->next_title = g_strdup (next + 11);
    }
  row->n_overdue = (guint) sqlite3_column_int64 (stmt, 7);
  row->lead = column_dup (stmt, 8);

  text = g_strconcat (row->title, "\n", row->acronym != NULL ? row->acronym : "", NULL);
  row->key = lotse_project_fold (text);

  return row;
}

/**
 * lotse_project_query_table:
 * @store: a store
 * @query: the filters; the order is always by title
 * @today: YYYY-MM-DD; milestones due before it are overdue
 * @error: a location for a #GError
 *
 * Reads the projects of the portfolio's table: with their programme and
 * lead organisation by name, the next milestone and the number of overdue
 * ones. The text of @query matches the folded title and acronym as the list
 * does (lotse_project_fold()), so that "dör" finds "Dörfer".
 *
 * Returns: (transfer container) (element-type LotseProjectTableRow)
 *   (nullable): the rows by title
 */
GPtrArray *
lotse_project_query_table (LotseStore               *store,
                           const LotseProjectQuery  *query,
                           const char               *today,
                           GError                  **error)
{
  g_autoptr(GPtrArray) rows = NULL;
  g_autofree char *trimmed = NULL;
  g_autofree char *needle = NULL;
  sqlite3_stmt *stmt = NULL;
  sqlite3 *db;
  int rc;

  g_return_val_if_fail (LOTSE_IS_STORE (store), NULL);
  g_return_val_if_fail (query != NULL, NULL);
  g_return_val_if_fail (today != NULL, NULL);

  db = lotse_store_get_db (store);
  if (sqlite3_prepare_v2 (db, TABLE_SQL, -1, &stmt, NULL) != SQLITE_OK)
    {
      query_error (error, db, "preparing the project table");
      return NULL;
    }

  /* The text is matched on the folded key below, not with LIKE. */
  bind_filters (stmt, query, NULL);
  sqlite3_bind_text (stmt, 7, today, -1, SQLITE_TRANSIENT);

  trimmed = g_strstrip (g_strdup (query->text != NULL ? query->text : ""));
  needle = lotse_project_fold (trimmed);
  rows = g_ptr_array_new_with_free_func ((GDestroyNotify) lotse_project_table_row_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      LotseProjectTableRow *row = table_row_new (stmt);

      if (*needle == '\0' || strstr (row->key, needle) != NULL)
        g_ptr_array_add (rows, row);
      else
        lotse_project_table_row_free (row);
    }

  if (rc != SQLITE_DONE)
    {
      query_error (error, db, "reading the project table");
      sqlite3_finalize (stmt);
      return NULL;
    }
  sqlite3_finalize (stmt);

  return g_steal_pointer (&rows);
}

/**
 * lotse_project_health_rank:
 * @health: (nullable): a traffic light
 *
 * Returns: its place in the order by urgency: red, yellow, green, none
 */
guint
lotse_project_health_rank (const char *health)
{
  static const char * const order[] = { "red", "yellow", "green" };

  for (guint i = 0; i < G_N_ELEMENTS (order); i++)
    if (g_strcmp0 (health, order[i]) == 0)
      return i;

  return G_N_ELEMENTS (order);
}

/**
 * lotse_project_status_rank:
 * @status: (nullable): a project status
 *
 * Returns: its place in the schema's order of the states (planned before
 *   running before completed …); unknown values last
 */
guint
lotse_project_status_rank (const char *status)
{
  const LotseField *field = lotse_table_lookup_field (lotse_schema_lookup_table ("project"), "status");
  guint i;

  for (i = 0; field->enum_values[i] != NULL; i++)
    if (g_strcmp0 (status, field->enum_values[i]) == 0)
      return i;

  return i;
}
