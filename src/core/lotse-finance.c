/* lotse-finance.c: a project's money: plan against actual, warnings
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the finance page, `lotse-cli finance` and the statement show, read
 * with a few grouped queries over the covering indexes of migration 014
 * (a project with 10,000 expenditures sums them without reading a row).
 * The rules of the warnings, in the words of a grant's conditions:
 *
 * - overspent: a cost category's spending over all years exceeds its
 *   plan by more than the tolerance (a category without plan that has
 *   spending is overspent);
 * - lagging: what was spent up to today is short of the plan up to today
 *   by more than the tolerance; the plan of the current year counts pro
 *   rata by day;
 * - unspent: funds received more than spend_within days ago exceed all
 *   that was spent (the funds received first are spent first).
 */

#define G_LOG_DOMAIN "lotse-finance"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <sqlite3.h>
#include <string.h>

#include "lotse-error.h"
#include "lotse-finance.h"
#include "lotse-monitor.h"
#include "lotse-parse.h"
#include "lotse-store-private.h"

void
lotse_finance_settings_init (LotseFinanceSettings *settings)
{
  g_return_if_fail (settings != NULL);

  settings->tolerance = LOTSE_FINANCE_DEFAULT_TOLERANCE;
  settings->spend_within = LOTSE_FINANCE_DEFAULT_SPEND_WITHIN;
}

static void
line_free (LotseFinanceLine *line)
{
  g_free (line->category);
  g_free (line->label);
  g_free (line);
}

static void
warning_free (LotseFinanceWarning *warning)
{
  g_free (warning->category);
  g_free (warning->message);
  g_free (warning);
}

void
lotse_finance_summary_free (LotseFinanceSummary *summary)
{
  if (summary == NULL)
    return;

  g_free (summary->project_id);
  g_clear_pointer (&summary->categories, g_ptr_array_unref);
  g_clear_pointer (&summary->years, g_ptr_array_unref);
  g_clear_pointer (&summary->warnings, g_ptr_array_unref);
  g_free (summary);
}

static void
totals_free (LotseFinanceTotals *totals)
{
  g_free (totals->project_id);
  g_free (totals->title);
  g_free (totals->programme_id);
  g_free (totals);
}

/**
 * lotse_finance_category_label:
 * @store: a store
 * @code: a cost category's code
 *
 * Returns: (transfer full): the category's name, or for a seeded one the
 *   translated label of its code, or @code itself
 */
char *
lotse_finance_category_label (LotseStore *store,
                              const char *code)
{
  sqlite3_stmt *stmt;
  char *name = NULL;

  g_return_val_if_fail (LOTSE_IS_STORE (store), NULL);
  g_return_val_if_fail (code != NULL, NULL);

  stmt = lotse_store_prepare_cached (store, "SELECT name FROM cost_category "
                                     "WHERE deleted = 0 AND code = ? ORDER BY name IS NULL LIMIT 1",
                                     NULL);
  if (stmt != NULL)
    {
      lotse_store_bind_text (stmt, 1, code);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        name = lotse_store_column_dup (stmt, 0);
      sqlite3_reset (stmt);
    }

  return name != NULL ? name : g_strdup (lotse_enum_value_label (NULL, NULL, code));
}

/* The line of @category and @year in @lines, made if missing. */
static LotseFinanceLine *
find_line (LotseStore *store,
           GPtrArray  *lines,
           GHashTable *index,
           const char *category,
           guint       year)
{
  g_autofree char *key = g_strdup_printf ("%s\x1f%u", category, year);
  LotseFinanceLine *line = g_hash_table_lookup (index, key);

  if (line == NULL)
    {
      line = g_new0 (LotseFinanceLine, 1);
      line->category = g_strdup (category);
      line->label = lotse_finance_category_label (store, category);
      line->year = year;
      g_ptr_array_add (lines, line);
      g_hash_table_insert (index, g_steal_pointer (&key), line);
    }

  return line;
}

typedef struct
{
  LotseStore *store;
  GPtrArray  *years;
  GHashTable *index;
} LineSet;

/* Adds the rows of @sql (category, year, cents[, period cents]) to @set,
 * into planned (@planned) or spent. */
static gboolean
add_grouped (LineSet     *set,
             const char  *sql,
             const char  *project_id,
             const char  *from,
             const char  *to,
             gboolean     planned,
             GError     **error)
{
  sqlite3_stmt *stmt = lotse_store_prepare_cached (set->store, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;

  lotse_store_bind_text (stmt, 1, project_id);
  if (!planned && sqlite3_bind_parameter_count (stmt) >= 3)
    {
      lotse_store_bind_text (stmt, 2, from != NULL ? from : "0000-00-00");
      lotse_store_bind_text (stmt, 3, to != NULL ? to : "9999-99-99");
    }
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      LotseFinanceLine *line = find_line (set->store, set->years, set->index,
                                          (const char *) sqlite3_column_text (stmt, 0),
                                          (guint) sqlite3_column_int (stmt, 1));

      if (planned)
        line->planned_cents += sqlite3_column_int64 (stmt, 2);
      else
        {
          line->spent_cents += sqlite3_column_int64 (stmt, 2);
          line->period_cents += sqlite3_column_int64 (stmt, 3);
        }
    }
  sqlite3_reset (stmt);

  return rc == SQLITE_DONE || lotse_store_set_sqlite_error (set->store, error, "reading");
}

/* The categories' order: their position, then their code. */
static GHashTable *
category_positions (LotseStore *store)
{
  GHashTable *positions = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  sqlite3_stmt *stmt = lotse_store_prepare_cached (store, "SELECT code FROM cost_category "
                                                   "WHERE deleted = 0 ORDER BY position, code", NULL);
  guint n = 1;

  while (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
    g_hash_table_insert (positions, lotse_store_column_dup (stmt, 0), GUINT_TO_POINTER (n++));
  if (stmt != NULL)
    sqlite3_reset (stmt);

  return positions;
}

/* Orders two categories; those no longer listed go last. */
static int
compare_categories (GHashTable *positions,
                    const char *x,
                    const char *y)
{
  guint px = GPOINTER_TO_UINT (g_hash_table_lookup (positions, x));
  guint py = GPOINTER_TO_UINT (g_hash_table_lookup (positions, y));

  px = px == 0 ? G_MAXUINT : px;
  py = py == 0 ? G_MAXUINT : py;
  if (px != py)
    return px < py ? -1 : 1;

  return g_strcmp0 (x, y);
}

static int
compare_lines (gconstpointer a,
               gconstpointer b,
               gpointer      positions)
{
  const LotseFinanceLine *x = *(LotseFinanceLine * const *) a;
  const LotseFinanceLine *y = *(LotseFinanceLine * const *) b;
  int order = compare_categories (positions, x->category, y->category);

  return order != 0 ? order : (int) x->year - (int) y->year;
}

static int
compare_records (gconstpointer a,
                 gconstpointer b,
                 gpointer      positions)
{
  LotseRecord *x = *(LotseRecord * const *) a;
  LotseRecord *y = *(LotseRecord * const *) b;
  int order = compare_categories (positions, lotse_record_get (x, "category"),
                                  lotse_record_get (y, "category"));

  if (order == 0)
    order = g_strcmp0 (lotse_record_get (x, "date"), lotse_record_get (y, "date"));
  if (order == 0)
    order = g_strcmp0 (lotse_record_get (x, "voucher"), lotse_record_get (y, "voucher"));

  return order;
}

/* Sums the lines per category and year into summary's categories and
 * totals. */
static gboolean
read_lines (LotseStore           *store,
            LotseFinanceSummary  *summary,
            const char           *from,
            const char           *to,
            GError              **error)
{
  g_autoptr(GHashTable) index = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) positions = NULL;
  LineSet set = { store, summary->years, index };

  /* Without a period, every expenditure is in it, and the sums per
   * category and year are those expenditure_sum keeps (migration 019): a
   * few rows instead of all of the project's expenditures (4 ms at
   * 10,000 for the finance page). */
  if (!add_grouped (&set, "SELECT category, year, sum(planned_cents) FROM budget_line "
                    "WHERE project_id = ?1 AND deleted = 0 GROUP BY category, year",
                    summary->project_id, NULL, NULL, TRUE, error) ||
      !add_grouped (&set, from == NULL && to == NULL
                            ? "SELECT category, year, amount_cents, amount_cents FROM expenditure_sum "
                              "WHERE project_id = ?1"
                            : "SELECT category, CAST(substr(date, 1, 4) AS INTEGER), sum(amount_cents), "
                              "coalesce(sum(CASE WHEN date BETWEEN ?2 AND ?3 THEN amount_cents END), 0) "
                              "FROM expenditure WHERE project_id = ?1 AND deleted = 0 "
                              "GROUP BY category, substr(date, 1, 4)",
                    summary->project_id, from, to, FALSE, error))
    return FALSE;

  positions = category_positions (store);
  g_ptr_array_sort_with_data (summary->years, compare_lines, positions);
  for (guint i = 0; i < summary->years->len; i++)
    {
      LotseFinanceLine *line = g_ptr_array_index (summary->years, i);
      LotseFinanceLine *total = find_line (store, summary->categories, index, line->category, 0);

      total->planned_cents += line->planned_cents;
      total->spent_cents += line->spent_cents;
      total->period_cents += line->period_cents;
      summary->planned_cents += line->planned_cents;
      summary->spent_cents += line->spent_cents;
      summary->period_cents += line->period_cents;
    }
  summary->remaining_cents = summary->planned_cents - summary->spent_cents;

  return TRUE;
}

/* Reads @sql's one row of integers, -1 for NULL. */
static gboolean
read_sums (LotseStore   *store,
           const char   *sql,
           const char  **params,
           guint         n_params,
           gint64       *out,
           guint         n_out,
           GError      **error)
{
  sqlite3_stmt *stmt = lotse_store_prepare_cached (store, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;

  for (guint i = 0; i < n_params; i++)
    lotse_store_bind_text (stmt, (int) i + 1, params[i]);
  rc = sqlite3_step (stmt);
  for (guint i = 0; i < n_out; i++)
    out[i] = rc == SQLITE_ROW && sqlite3_column_type (stmt, (int) i) != SQLITE_NULL
               ? sqlite3_column_int64 (stmt, (int) i) : -1;
  sqlite3_reset (stmt);

  return (rc == SQLITE_ROW || rc == SQLITE_DONE) || lotse_store_set_sqlite_error (store, error, "reading");
}

static void
add_warning (LotseFinanceSummary     *summary,
             LotseFinanceWarningKind  kind,
             const char              *category,
             gint64                   cents,
             char                    *message)
{
  LotseFinanceWarning *warning = g_new0 (LotseFinanceWarning, 1);

  warning->kind = kind;
  warning->category = g_strdup (category);
  warning->cents = cents;
  warning->message = message;
  g_ptr_array_add (summary->warnings, warning);
}

static void
warn_overspent (LotseFinanceSummary        *summary,
                const LotseFinanceSettings *settings)
{
  for (guint i = 0; i < summary->categories->len; i++)
    {
      LotseFinanceLine *line = g_ptr_array_index (summary->categories, i);
      gint64 allowed = line->planned_cents + line->planned_cents * settings->tolerance / 100;
      g_autofree char *over = NULL;
      g_autofree char *over_cents = NULL;

      if (line->spent_cents <= allowed)
        continue;

      over_cents = g_strdup_printf ("%" G_GINT64_FORMAT, line->spent_cents - line->planned_cents);
      over = lotse_format_money (over_cents);
      add_warning (summary, LOTSE_FINANCE_WARNING_OVERSPENT, line->category,
                   line->spent_cents - line->planned_cents,
                   /* Translators: a cost category, an amount, and the tolerance in percent */
                   g_strdup_printf (_("%s is %s over plan, more than the %u %% allowed"),
                                    line->label, over, settings->tolerance));
    }
}

/* The plan up to @today: past years whole, the current one by day. */
static gint64
planned_until (LotseFinanceSummary *summary,
               const char          *today)
{
  guint year, month, day;
  GDate date;
  gint64 planned = 0;

  if (!lotse_parse_iso_date (today, &year, &month, &day))
    return 0;
  g_date_clear (&date, 1);
  g_date_set_dmy (&date, (GDateDay) day, (GDateMonth) month, (GDateYear) year);

  for (guint i = 0; i < summary->years->len; i++)
    {
      LotseFinanceLine *line = g_ptr_array_index (summary->years, i);

      if (line->year < year)
        planned += line->planned_cents;
      else if (line->year == year)
        planned += line->planned_cents * g_date_get_day_of_year (&date) /
                   (g_date_is_leap_year ((GDateYear) year) ? 366 : 365);
    }

  return planned;
}

static char *
money (gint64 cents)
{
  g_autofree char *text = g_strdup_printf ("%" G_GINT64_FORMAT, cents);

  return lotse_format_money (text);
}

/* Lagging and unspent: both compare with what was spent up to @today. */
static gboolean
warn_by_date (LotseStore                 *store,
              LotseFinanceSummary        *summary,
              const char                 *today,
              const LotseFinanceSettings *settings,
              GError                    **error)
{
  g_autofree char *cutoff = NULL;
  gint64 planned = planned_until (summary, today);
  gint64 sums[2];
  GDate date;
  guint y, m, d;

  lotse_parse_iso_date (today, &y, &m, &d);
  g_date_clear (&date, 1);
  g_date_set_dmy (&date, (GDateDay) d, (GDateMonth) m, (GDateYear) y);
  g_date_subtract_days (&date, settings->spend_within);
  cutoff = g_strdup_printf ("%04u-%02u-%02u", g_date_get_year (&date), g_date_get_month (&date),
                            g_date_get_day (&date));

  /* "+date": the covering index expenditure_project sums without the
   * table; expenditure_newest would serve the date and read every row. */
  if (!read_sums (store, "SELECT (SELECT coalesce(sum(amount_cents), 0) FROM expenditure "
                  "WHERE project_id = ?1 AND deleted = 0 AND +date <= ?2), "
                  "(SELECT coalesce(sum(amount_cents), 0) FROM fund_call WHERE project_id = ?1 "
                  "AND deleted = 0 AND status = 'received' AND received_date <= ?3)",
                  (const char *[]) { summary->project_id, today, cutoff }, 3, sums, 2, error))
    return FALSE;

  if (planned > 0 && sums[0] < planned - planned * settings->tolerance / 100)
    {
      g_autofree char *spent = money (sums[0]);
      g_autofree char *plan = money (planned);

      add_warning (summary, LOTSE_FINANCE_WARNING_LAGGING, NULL, planned - sums[0],
                   /* Translators: what was spent and what the plan expected by today */
                   g_strdup_printf (_("Spending lags the plan: %s spent, %s planned by today"),
                                    spent, plan));
    }
  if (sums[1] > sums[0])
    {
      g_autofree char *unspent = money (sums[1] - sums[0]);

      add_warning (summary, LOTSE_FINANCE_WARNING_UNSPENT, NULL, sums[1] - sums[0],
                   g_strdup_printf (ngettext ("%s of the funds received is unspent after more than %u day",
                                              "%s of the funds received is unspent after more than %u days",
                                              settings->spend_within),
                                    unspent, settings->spend_within));
    }

  return TRUE;
}

/**
 * lotse_finance_summarize:
 * @store: a store (the app's, or a reader's on a worker thread)
 * @project_id: a project
 * @today: (nullable): the day the warnings are for, YYYY-MM-DD; %NULL
 *   for the local date of today
 * @from: (nullable): the first day of the period of period_cents
 * @to: (nullable): its last day
 * @settings: (nullable): tolerance and spending period; %NULL for the
 *   defaults
 * @error: a location for a #GError
 *
 * Returns: (transfer full) (nullable): plan against actual per category
 *   and year, funds and warnings, or %NULL with @error set
 */
LotseFinanceSummary *
lotse_finance_summarize (LotseStore                 *store,
                         const char                 *project_id,
                         const char                 *today,
                         const char                 *from,
                         const char                 *to,
                         const LotseFinanceSettings *settings,
                         GError                    **error)
{
  g_autoptr(LotseFinanceSummary) summary = g_new0 (LotseFinanceSummary, 1);
  g_autoptr(LotseRecord) project = NULL;
  g_autofree char *local_today = NULL;
  LotseFinanceSettings defaults;
  gint64 funds[3];

  g_return_val_if_fail (LOTSE_IS_STORE (store), NULL);
  g_return_val_if_fail (project_id != NULL, NULL);

  if (settings == NULL)
    lotse_finance_settings_init (&defaults);
  if (today == NULL)
    today = local_today = lotse_monitor_today ();
  if (!lotse_parse_iso_date (today, NULL, NULL, NULL))
    {
      g_set_error (error, LOTSE_ERROR, LOTSE_ERROR_INVALID_VALUE,
                   _("“%s” is not a date like 2024-03-31"), today);
      return NULL;
    }

  project = lotse_store_get (store, "project", project_id, error);
  if (project == NULL)
    return NULL;

  summary->project_id = g_strdup (project_id);
  summary->categories = g_ptr_array_new_with_free_func ((GDestroyNotify) line_free);
  summary->years = g_ptr_array_new_with_free_func ((GDestroyNotify) line_free);
  summary->warnings = g_ptr_array_new_with_free_func ((GDestroyNotify) warning_free);

  if (!read_lines (store, summary, from, to, error) ||
      !read_sums (store, "SELECT coalesce(sum(amount_cents), 0), "
                  "coalesce(sum(CASE WHEN status = 'received' THEN amount_cents END), 0), "
                  "(SELECT grant_cents FROM project WHERE id = ?1) "
                  "FROM fund_call WHERE project_id = ?1 AND deleted = 0",
                  (const char *[]) { project_id }, 1, funds, 3, error))
    return NULL;
  summary->called_cents = funds[0];
  summary->received_cents = funds[1];
  summary->grant_cents = funds[2];

  warn_overspent (summary, settings != NULL ? settings : &defaults);
  if (!warn_by_date (store, summary, today, settings != NULL ? settings : &defaults, error))
    return NULL;

  return g_steal_pointer (&summary);
}

/* One project's totals from a row of lotse_finance_query_programme()'s
 * query. */
static LotseFinanceTotals *
totals_from_row (sqlite3_stmt *stmt)
{
  LotseFinanceTotals *totals = g_new0 (LotseFinanceTotals, 1);

  totals->project_id = lotse_store_column_dup (stmt, 0);
  totals->title = lotse_store_column_dup (stmt, 1);
  totals->planned_cents = sqlite3_column_int64 (stmt, 2);
  totals->spent_cents = sqlite3_column_int64 (stmt, 3);
  totals->received_cents = sqlite3_column_int64 (stmt, 4);
  totals->overspent = sqlite3_column_int (stmt, 5) != 0;
  totals->programme_id = lotse_store_column_dup (stmt, 6);
  totals->grant_cents = sqlite3_column_type (stmt, 7) == SQLITE_NULL ? -1 : sqlite3_column_int64 (stmt, 7);
  totals->called_cents = sqlite3_column_int64 (stmt, 8);

  return totals;
}

/**
 * lotse_finance_query_programme:
 * @store: a store
 * @programme_id: (nullable): only the projects of this programme
 * @settings: (nullable): the tolerance; %NULL for the default
 * @error: a location for a #GError
 *
 * The budget column of the portfolio and the programme finance overview:
 * per live project its grant, planned, spent, called and received, and
 * whether a category is spent beyond plan and tolerance; in the order of
 * the projects' titles.
 *
 * Returns: (transfer full) (element-type LotseFinanceTotals) (nullable):
 *   the totals, or %NULL with @error set
 */
GPtrArray *
lotse_finance_query_programme (LotseStore                 *store,
                               const char                 *programme_id,
                               const LotseFinanceSettings *settings,
                               GError                    **error)
{
  g_autoptr(GPtrArray) result = g_ptr_array_new_with_free_func ((GDestroyNotify) totals_free);
  guint tolerance = settings != NULL ? settings->tolerance : LOTSE_FINANCE_DEFAULT_TOLERANCE;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (LOTSE_IS_STORE (store), NULL);

  /* Per project and category first, so that one pass over each index
   * answers both the sums and the overspent test. The spending comes
   * from the sums migration 019 keeps per project, category and year: a
   * few rows per project instead of every expenditure. A programme's
   * overview reads its own projects' rows only. */
  stmt = lotse_store_prepare_cached (store,
    "WITH cat AS ("
    " SELECT project_id, category, sum(planned) AS planned, sum(spent) AS spent FROM ("
    "  SELECT project_id, category, planned_cents AS planned, 0 AS spent FROM budget_line WHERE deleted = 0"
    "  AND (?1 IS NULL OR project_id IN (SELECT id FROM project WHERE programme_id = ?1))"
    "  UNION ALL SELECT project_id, category, 0, sum(amount_cents) FROM expenditure_sum"
    "  WHERE ?1 IS NULL OR project_id IN (SELECT id FROM project WHERE programme_id = ?1)"
    "  GROUP BY project_id, category)"
    " GROUP BY project_id, category),"
    " proj AS (SELECT project_id, sum(planned) AS planned, sum(spent) AS spent,"
    "  max(spent * 100 > planned * (100 + ?2)) AS over FROM cat GROUP BY project_id),"
    " recv AS (SELECT project_id, sum(amount_cents) AS called,"
    "  sum(CASE WHEN status = 'received' THEN amount_cents ELSE 0 END) AS received FROM fund_call"
    "  WHERE deleted = 0 GROUP BY project_id)"
    " SELECT p.id, p.title, coalesce(proj.planned, 0), coalesce(proj.spent, 0),"
    "  coalesce(recv.received, 0), coalesce(proj.over, 0), p.programme_id, p.grant_cents,"
    "  coalesce(recv.called, 0)"
    " FROM project p LEFT JOIN proj ON proj.project_id = p.id LEFT JOIN recv ON recv.project_id = p.id"
    " WHERE p.deleted = 0 AND (?1 IS NULL OR p.programme_id = ?1) ORDER BY p.title, p.id", error);
  if (stmt == NULL)
    return NULL;

  lotse_store_bind_text (stmt, 1, programme_id);
  sqlite3_bind_int64 (stmt, 2, tolerance);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (result, totals_from_row (stmt));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return lotse_store_set_sqlite_error (store, error, "reading"), NULL;

  return g_steal_pointer (&result);
}

/**
 * lotse_finance_sums_add:
 * @sums: the sums so far
 * @totals: a row of lotse_finance_query_programme()
 *
 * Adds a project to a programme's totals, as the programme finance
 * overview and the portfolio's programme totals both count them.
 */
void
lotse_finance_sums_add (LotseFinanceSums         *sums,
                        const LotseFinanceTotals *totals)
{
  g_return_if_fail (sums != NULL);
  g_return_if_fail (totals != NULL);

  sums->n_projects++;
  sums->n_overspent += totals->overspent ? 1 : 0;
  sums->grant_cents += MAX (totals->grant_cents, 0);
  sums->planned_cents += totals->planned_cents;
  sums->spent_cents += totals->spent_cents;
  sums->called_cents += totals->called_cents;
  sums->received_cents += totals->received_cents;
}

/**
 * lotse_finance_sums_add_sums:
 * @sums: the sums so far
 * @other: the sums of other projects
 *
 * Adds @other to @sums: a programme's totals to the grand total.
 */
void
lotse_finance_sums_add_sums (LotseFinanceSums       *sums,
                             const LotseFinanceSums *other)
{
  g_return_if_fail (sums != NULL);
  g_return_if_fail (other != NULL);

  sums->n_projects += other->n_projects;
  sums->n_overspent += other->n_overspent;
  sums->grant_cents += other->grant_cents;
  sums->planned_cents += other->planned_cents;
  sums->spent_cents += other->spent_cents;
  sums->called_cents += other->called_cents;
  sums->received_cents += other->received_cents;
}

/**
 * lotse_finance_list_expenditures:
 * @store: a store
 * @project_id: a project
 * @from: (nullable): the first day
 * @to: (nullable): the last day
 * @error: a location for a #GError
 *
 * The voucher list: a project's live expenditures from @from to @to, in
 * the order of their categories, then by date and voucher.
 *
 * Returns: (transfer full) (element-type LotseRecord) (nullable): the
 *   expenditures, or %NULL with @error set
 */
GPtrArray *
lotse_finance_list_expenditures (LotseStore  *store,
                                 const char  *project_id,
                                 const char  *from,
                                 const char  *to,
                                 GError     **error)
{
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GHashTable) positions = NULL;
  GPtrArray *result;
  LotseFilter filter = { "project_id", project_id };

  g_return_val_if_fail (LOTSE_IS_STORE (store), NULL);
  g_return_val_if_fail (project_id != NULL, NULL);

  all = lotse_store_list (store, "expenditure", &filter, 1, "date", 0, 0, error);
  if (all == NULL)
    return NULL;

  result = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < all->len; i++)
    {
      LotseRecord *record = g_ptr_array_index (all, i);
      const char *date = lotse_record_get (record, "date");

      if ((from == NULL || g_strcmp0 (date, from) >= 0) && (to == NULL || g_strcmp0 (date, to) <= 0))
        g_ptr_array_add (result, g_object_ref (record));
    }

  positions = category_positions (store);
  g_ptr_array_sort_with_data (result, compare_records, positions);

  return result;
}

/* The months from the first plan or voucher to the last, with the plan of
 * each year and the spending of each month in them, not yet cumulative. */
static gboolean
burn_months (LotseStore  *store,
             const char  *project_id,
             GArray      *months,
             GError     **error)
{
  sqlite3_stmt *stmt = lotse_store_prepare_cached (store,
    "SELECT CAST(substr(date, 1, 4) AS INTEGER), CAST(substr(date, 6, 2) AS INTEGER), sum(amount_cents), 0"
    " FROM expenditure WHERE project_id = ?1 AND deleted = 0 GROUP BY substr(date, 1, 7)"
    " UNION ALL SELECT year, 0, 0, sum(planned_cents) FROM budget_line"
    " WHERE project_id = ?1 AND deleted = 0 GROUP BY year ORDER BY 1, 2", error);
  guint first = G_MAXUINT, last = 0;
  int rc;
  g_autoptr(GArray) rows = g_array_new (FALSE, TRUE, sizeof (LotseFinanceMonth));

  if (stmt == NULL)
    return FALSE;
  lotse_store_bind_text (stmt, 1, project_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      LotseFinanceMonth row = { (guint) sqlite3_column_int (stmt, 0), (guint) sqlite3_column_int (stmt, 1),
                                sqlite3_column_int64 (stmt, 3), sqlite3_column_int64 (stmt, 2) };

      first = MIN (first, row.year * 12 + (row.month > 0 ? row.month - 1 : 0));
      last = MAX (last, row.year * 12 + (row.month > 0 ? row.month - 1 : 11));
      g_array_append_val (rows, row);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return lotse_store_set_sqlite_error (store, error, "reading");

  for (guint m = first; rows->len > 0 && m <= last; m++)
    {
      LotseFinanceMonth month = { m / 12, m % 12 + 1, 0, 0 };
      g_array_append_val (months, month);
    }
  for (guint i = 0; i < rows->len; i++)
    {
      LotseFinanceMonth *row = &g_array_index (rows, LotseFinanceMonth, i);

      for (guint m = 0; m < months->len; m++)
        {
          LotseFinanceMonth *month = &g_array_index (months, LotseFinanceMonth, m);

          if (month->year != row->year || (row->month != 0 && month->month != row->month))
            continue;
          month->spent_cents += row->spent_cents;
          /* The remainder of the division goes to December. */
          month->planned_cents += row->planned_cents / 12 + (month->month == 12 ? row->planned_cents % 12 : 0);
        }
    }

  return TRUE;
}

/**
 * lotse_finance_query_burn:
 * @store: a store
 * @project_id: a project
 * @error: a location for a #GError
 *
 * The burn chart of the finance page: per month from the first plan or
 * voucher to the last, what was planned and spent up to its end.
 *
 * Returns: (transfer full) (element-type LotseFinanceMonth) (nullable):
 *   the months, or %NULL with @error set
 */
GArray *
lotse_finance_query_burn (LotseStore  *store,
                          const char  *project_id,
                          GError     **error)
{
  g_autoptr(GArray) months = g_array_new (FALSE, TRUE, sizeof (LotseFinanceMonth));

  g_return_val_if_fail (LOTSE_IS_STORE (store), NULL);
  g_return_val_if_fail (project_id != NULL, NULL);

  if (!burn_months (store, project_id, months, error))
    return NULL;

  for (guint m = 1; m < months->len; m++)
    {
      LotseFinanceMonth *month = &g_array_index (months, LotseFinanceMonth, m);

      month->planned_cents += g_array_index (months, LotseFinanceMonth, m - 1).planned_cents;
      month->spent_cents += g_array_index (months, LotseFinanceMonth, m - 1).spent_cents;
    }

  return g_steal_pointer (&months);
}
