/* lotse-finance-check.c: the rules of money that span rows
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The schema checks one value at a time (no negative amount, none over
 * LOTSE_MONEY_MAX_CENTS); what needs another row is checked here, on
 * every local write through the store, so that the CLI, CSV import and
 * the forms refuse the same things: a cost category no live
 * cost_category row has, a fund call larger than the project's grant, a
 * funding period that ends before it starts. Rows pulled from a server
 * are not checked again: another device accepted them, and refusing them
 * here would only split the data.
 *
 * An expenditure outside the funding period is legal (a voucher may be
 * booked late, or the period extended later); lotse_finance_warn_record()
 * says so without refusing it.
 */

#define G_LOG_DOMAIN "lotse-finance"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <sqlite3.h>

#include "lotse-error.h"
#include "lotse-finance-private.h"
#include "lotse-finance.h"
#include "lotse-parse.h"
#include "lotse-store-private.h"

/* The first @n_values columns of the row @sql finds for @key; NULLs
 * when there is none. */
static gboolean
read_one_row (LotseStore  *store,
              const char  *key,
              const char  *sql,
              char       **out_values,
              guint        n_values,
              GError     **error)
{
  sqlite3_stmt *stmt = lotse_store_prepare_cached (store, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;

  lotse_store_bind_text (stmt, 1, key);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return lotse_store_set_sqlite_error (store, error, "reading");
  for (guint i = 0; i < n_values; i++)
    out_values[i] = rc == SQLITE_ROW ? lotse_store_column_dup (stmt, (int) i) : NULL;
  sqlite3_reset (stmt);

  return TRUE;
}

/**
 * lotse_finance_category_exists:
 * @store: a store
 * @code: a cost category's code, e.g. “personnel”
 * @out_exists: (out): whether a live category has @code
 * @error: a location for a #GError
 *
 * Returns: %FALSE if reading failed
 */
gboolean
lotse_finance_category_exists (LotseStore  *store,
                               const char  *code,
                               gboolean    *out_exists,
                               GError     **error)
{
  g_autofree char *found = NULL;

  if (!read_one_row (store, code, "SELECT code FROM cost_category WHERE deleted = 0 AND code = ?",
                     &found, 1, error))
    return FALSE;

  *out_exists = found != NULL;
  return TRUE;
}

static gboolean
check_category (LotseStore   *store,
                LotseRecord  *record,
                GError      **error)
{
  const char *code = lotse_record_get (record, "category");
  gboolean exists = FALSE;

  if (code == NULL)
    return TRUE;
  if (!lotse_finance_category_exists (store, code, &exists, error))
    return FALSE;
  if (!exists)
    {
      g_set_error (error, LOTSE_ERROR, LOTSE_ERROR_INVALID_VALUE,
                   /* Translators: %s is what was given as a cost category */
                   _("Field “category”: there is no cost category “%s”; "
                     "the categories are listed by “lotse-cli list cost_category”"), code);
      return FALSE;
    }

  return TRUE;
}

static gboolean
check_fund_call (LotseStore   *store,
                 LotseRecord  *record,
                 GError      **error)
{
  const char *amount = lotse_record_get (record, "amount_cents");
  g_autofree char *grant = NULL;

  if (!read_one_row (store, lotse_record_get (record, "project_id"),
                     "SELECT grant_cents FROM project WHERE id = ?", &grant, 1, error))
    return FALSE;

  if (grant != NULL && amount != NULL &&
      g_ascii_strtoll (amount, NULL, 10) > g_ascii_strtoll (grant, NULL, 10))
    {
      g_autofree char *shown = lotse_format_money (amount);
      g_autofree char *shown_grant = lotse_format_money (grant);

      g_set_error (error, LOTSE_ERROR, LOTSE_ERROR_INVALID_VALUE,
                   /* Translators: the amount of a fund call and the project's grant */
                   _("Field “amount”: a fund call of %s is larger than the grant of %s"),
                   shown, shown_grant);
      return FALSE;
    }

  return TRUE;
}

static gboolean
check_funding_period (LotseRecord  *record,
                      GError      **error)
{
  const char *start = lotse_record_get (record, "funding_start");
  const char *end = lotse_record_get (record, "funding_end");

  if (start != NULL && end != NULL && g_strcmp0 (end, start) < 0)
    {
      g_set_error (error, LOTSE_ERROR, LOTSE_ERROR_INVALID_VALUE,
                   _("Field “%s” (%s) must not be before “%s” (%s)"),
                   "funding_end", end, "funding_start", start);
      return FALSE;
    }

  return TRUE;
}

/* Called by the store before every local write of @record. */
gboolean
lotse_finance_check_record (LotseStore   *store,
                            LotseRecord  *record,
                            GError      **error)
{
  const char *table = lotse_record_get_table (record)->name;

  if (g_str_equal (table, "budget_line") || g_str_equal (table, "expenditure"))
    return check_category (store, record, error);
  if (g_str_equal (table, "fund_call"))
    return check_fund_call (store, record, error);
  if (g_str_equal (table, "project"))
    return check_funding_period (record, error);

  return TRUE;
}

/**
 * lotse_finance_warn_record:
 * @store: a store
 * @record: a record about to be written or just written
 *
 * What is legal but worth a second look: an expenditure dated outside
 * its project's funding period.
 *
 * Returns: (transfer full) (nullable): the warning, or %NULL
 */
char *
lotse_finance_warn_record (LotseStore  *store,
                           LotseRecord *record)
{
  const char *date;
  char *period[2] = { NULL, NULL };
  char *warning = NULL;

  g_return_val_if_fail (LOTSE_IS_STORE (store), NULL);
  g_return_val_if_fail (LOTSE_IS_RECORD (record), NULL);

  if (!g_str_equal (lotse_record_get_table (record)->name, "expenditure"))
    return NULL;
  date = lotse_record_get (record, "date");
  if (date == NULL ||
      !read_one_row (store, lotse_record_get (record, "project_id"),
                     "SELECT funding_start, funding_end FROM project WHERE id = ?", period, 2, NULL))
    return NULL;

  if ((period[0] != NULL && g_strcmp0 (date, period[0]) < 0) ||
      (period[1] != NULL && g_strcmp0 (date, period[1]) > 0))
    {
      g_autofree char *shown = lotse_format_date (date);
      g_autofree char *from = lotse_format_date (period[0]);
      g_autofree char *until = lotse_format_date (period[1]);

      /* Translators: an expenditure's date, then the start and end of the funding period */
      warning = g_strdup_printf (_("The expenditure of %s lies outside the funding period %s – %s"),
                                 shown, from ? from : "…", until ? until : "…");
    }
  g_free (period[0]);
  g_free (period[1]);

  return warning;
}
