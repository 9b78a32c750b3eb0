/* test-finance.c: funding data, its rules and the finance warnings
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <locale.h>
#include <string.h>

#include "lotse-sync-private.h"
#include "lotse-test-helpers.h"

typedef struct
{
  char       *dir;
  char       *path;
  LotseStore *store;
  char       *project;
} Fixture;

static char *
insert (Fixture    *fixture,
        const char *table,
        ...)
{
  g_autoptr(LotseRecord) record = lotse_record_new_for_table (table);
  g_autoptr(GError) error = NULL;
  g_autofree char *project = g_strdup_printf ("project_id=%s", fixture->project);
  va_list args;

  g_assert_true (lotse_record_parse_assignment (record, project, NULL));
  va_start (args, table);
  for (const char *a = va_arg (args, const char *); a != NULL; a = va_arg (args, const char *))
    {
      lotse_record_parse_assignment (record, a, &error);
      g_assert_no_error (error);
    }
  va_end (args);
  lotse_store_insert (fixture->store, record, &error);
  g_assert_no_error (error);

  return g_strdup (lotse_record_get_id (record));
}

/* A project with a grant of 500,000 €, funded 2025–2027; plans for
 * personnel (100,000 € a year), travel (10,000 €) and material
 * (20,000 €) in 2026; 173,000 € spent up to June 2026, 13,000 € of
 * it on travel; 200,000 € received on 1 May 2026. */
static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->store = lotse_test_open_store (&fixture->dir);
  fixture->path = g_strdup (lotse_store_get_path (fixture->store));
  fixture->project = lotse_test_insert (fixture->store, "project", "title=Funded", "status=running",
                                        "funding_start=2025-01-01", "funding_end=2027-12-31",
                                        "grant=500.000,00", NULL);

  g_free (insert (fixture, "budget_line", "category=personnel", "year=2025", "planned=100000", NULL));
  g_free (insert (fixture, "budget_line", "category=personnel", "year=2026", "planned=100000", NULL));
  g_free (insert (fixture, "budget_line", "category=travel", "year=2026", "planned=10000", NULL));
  g_free (insert (fixture, "budget_line", "category=material", "year=2026", "planned=20000", NULL));
  g_free (insert (fixture, "expenditure", "category=personnel", "date=2025-12-31", "amount=100000",
                  "voucher=P-1", NULL));
  g_free (insert (fixture, "expenditure", "category=personnel", "date=2026-06-30", "amount=60000",
                  "voucher=P-2", NULL));
  g_free (insert (fixture, "expenditure", "category=travel", "date=2026-03-01", "amount=13000",
                  "voucher=T-1", NULL));
  g_free (insert (fixture, "fund_call", "requested_date=2026-04-01", "amount=200000",
                  "status=received", "received_date=2026-05-01", NULL));
  g_free (insert (fixture, "fund_call", "requested_date=2026-06-01", "amount=50000", NULL));
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->store);
  lotse_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->path);
  g_free (fixture->project);
}

static void
test_categories_seeded (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autofree char *label = NULL;
  gint64 unsyncable = -1;

  g_assert_cmpint (lotse_test_query_int (fixture->path, "SELECT count(*) FROM cost_category "
                                         "WHERE deleted = 0"), ==, 7);
  label = lotse_finance_category_label (fixture->store, "subcontracts");
  g_assert_cmpstr (label, ==, "Subcontracts");

  /* Seeded rows are on every device: they do not keep a database from
   * syncing as rows written around the outbox do. */
  g_assert_true (lotse_sync_count_unsyncable (fixture->store, &unsyncable, NULL));
  g_assert_cmpint (unsyncable, ==, 0);
}

/* Each bad row is refused with a message naming the value; nothing of
 * it is written. */
static void
check_refused (Fixture    *fixture,
               const char *table,
               const char *assignment,
               const char *named)
{
  g_autoptr(LotseRecord) record = lotse_record_new_for_table (table);
  g_autoptr(GError) error = NULL;
  g_autofree char *project = g_strdup_printf ("project_id=%s", fixture->project);
  g_autofree char *count_sql = g_strdup_printf ("SELECT count(*) FROM %s", table);
  gint64 before = lotse_test_query_int (fixture->path, count_sql);
  gint64 outbox = lotse_store_count_outbox (fixture->store);
  const char *defaults[] = { "category=travel", "year=2026", "planned=1", "date=2026-01-02",
                             "amount=1", "requested_date=2026-01-02" };

  g_test_message ("%s: %s", table, assignment);
  lotse_record_parse_assignment (record, project, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (defaults); i++)
    lotse_record_parse_assignment (record, defaults[i], NULL);
  if (lotse_record_parse_assignment (record, assignment, &error))
    g_assert_false (lotse_store_insert (fixture->store, record, &error));
  g_assert_error (error, LOTSE_ERROR, LOTSE_ERROR_INVALID_VALUE);
  g_test_message ("→ %s", error->message);
  g_assert_nonnull (strstr (error->message, named));
  g_assert_cmpint (lotse_test_query_int (fixture->path, count_sql), ==, before);
  g_assert_cmpint (lotse_store_count_outbox (fixture->store), ==, outbox);
}

static void
test_bad_input (Fixture       *fixture,
                gconstpointer  data)
{
  check_refused (fixture, "budget_line", "planned=-5", "-5");
  check_refused (fixture, "budget_line", "planned_cents=-500", "-€5.00");
  check_refused (fixture, "budget_line", "planned_cents=10000000000001", "€100,000,000,000.01");
  check_refused (fixture, "budget_line", "planned=100.000.000.000,01", "100.000.000.000,01");
  check_refused (fixture, "expenditure", "category=catering", "catering");
  check_refused (fixture, "budget_line", "category=Personnel", "Personnel");
  check_refused (fixture, "expenditure", "amount=1.250", "1.250");
  check_refused (fixture, "fund_call", "amount=500000.01", "€500,000.01");
}

static void
test_funding_period (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LotseRecord) project = lotse_store_get (fixture->store, "project", fixture->project, NULL);
  g_autoptr(LotseRecord) late = lotse_record_new_for_table ("expenditure");
  g_autoptr(LotseRecord) inside = lotse_record_new_for_table ("expenditure");
  g_autofree char *assignment = g_strdup_printf ("project_id=%s", fixture->project);
  g_autofree char *warning = NULL;
  g_autofree char *none = NULL;

  /* Outside the period is a warning, never a refusal. */
  lotse_record_parse_assignment (late, assignment, NULL);
  lotse_record_parse_assignment (late, "category=travel", NULL);
  lotse_record_parse_assignment (late, "amount=12,50", NULL);
  lotse_record_parse_assignment (late, "date=2028-01-03", NULL);
  g_assert_true (lotse_store_insert (fixture->store, late, &error));
  g_assert_no_error (error);
  warning = lotse_finance_warn_record (fixture->store, late);
  g_assert_nonnull (warning);
  g_assert_nonnull (strstr (warning, "03/01/2028"));

  lotse_record_parse_assignment (inside, assignment, NULL);
  lotse_record_parse_assignment (inside, "date=2027-12-31", NULL);
  none = lotse_finance_warn_record (fixture->store, inside);
  g_assert_null (none);

  /* A funding period that ends before it starts is refused. */
  lotse_record_set (project, "funding_end", "2024-12-31");
  g_assert_false (lotse_store_update (fixture->store, project, &error));
  g_assert_error (error, LOTSE_ERROR, LOTSE_ERROR_INVALID_VALUE);
  g_assert_nonnull (strstr (error->message, "2024-12-31"));
}

static const LotseFinanceLine *
find_category (LotseFinanceSummary *summary,
               const char          *code)
{
  for (guint i = 0; i < summary->categories->len; i++)
    {
      const LotseFinanceLine *line = g_ptr_array_index (summary->categories, i);

      if (g_str_equal (line->category, code))
        return line;
    }
  g_assert_not_reached ();
}

static const LotseFinanceWarning *
find_warning (LotseFinanceSummary     *summary,
              LotseFinanceWarningKind  kind)
{
  for (guint i = 0; i < summary->warnings->len; i++)
    {
      const LotseFinanceWarning *warning = g_ptr_array_index (summary->warnings, i);

      if (warning->kind == kind)
        return warning;
    }

  return NULL;
}

static void
test_plan_and_actual (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LotseFinanceSummary) summary = NULL;
  const LotseFinanceLine *line;

  summary = lotse_finance_summarize (fixture->store, fixture->project, "2026-07-01", "2026-01-01",
                                     "2026-06-30", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (summary->planned_cents, ==, 23000000);
  g_assert_cmpint (summary->spent_cents, ==, 17300000);
  g_assert_cmpint (summary->period_cents, ==, 7300000);
  g_assert_cmpint (summary->remaining_cents, ==, 5700000);
  g_assert_cmpint (summary->called_cents, ==, 25000000);
  g_assert_cmpint (summary->received_cents, ==, 20000000);
  g_assert_cmpint (summary->grant_cents, ==, 50000000);

  /* In the categories' order, personnel first. */
  g_assert_cmpuint (summary->categories->len, ==, 3);
  line = g_ptr_array_index (summary->categories, 0);
  g_assert_cmpstr (line->category, ==, "personnel");
  g_assert_cmpint (line->planned_cents, ==, 20000000);
  g_assert_cmpint (line->spent_cents, ==, 16000000);
  g_assert_cmpint (line->period_cents, ==, 6000000);
  line = find_category (summary, "material");
  g_assert_cmpint (line->spent_cents, ==, 0);
  g_assert_cmpuint (summary->years->len, ==, 4);
}

/* Without a period the spending per category and year is read from
 * expenditure_sum: the same as summed from the expenditures, all of it
 * in the period, and following an edit and a deletion. */
static void
test_whole_period (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LotseFinanceSummary) whole = NULL;
  g_autoptr(LotseFinanceSummary) changed = NULL;
  g_autofree char *extra = insert (fixture, "expenditure", "category=material", "date=2027-02-01",
                                   "amount=500", NULL);
  g_autoptr(LotseRecord) record = lotse_store_get (fixture->store, "expenditure", extra, NULL);

  whole = lotse_finance_summarize (fixture->store, fixture->project, "2026-07-01", NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (whole->spent_cents, ==, 17350000);
  g_assert_cmpint (whole->period_cents, ==, 17350000);
  g_assert_cmpint (find_category (whole, "personnel")->spent_cents, ==, 16000000);
  g_assert_cmpint (find_category (whole, "material")->spent_cents, ==, 50000);
  g_assert_cmpuint (whole->years->len, ==, 5);

  /* Moved to travel, then gone: 2027 has no line left. */
  lotse_record_set (record, "category", "travel");
  g_assert_true (lotse_store_update (fixture->store, record, &error));
  g_assert_no_error (error);
  g_clear_pointer (&whole, lotse_finance_summary_free);
  whole = lotse_finance_summarize (fixture->store, fixture->project, "2026-07-01", NULL, NULL, NULL, NULL);
  g_assert_cmpint (find_category (whole, "travel")->spent_cents, ==, 1350000);
  g_assert_cmpint (find_category (whole, "material")->spent_cents, ==, 0);
  g_assert_true (lotse_store_delete (fixture->store, "expenditure", extra, &error));
  g_assert_no_error (error);
  changed = lotse_finance_summarize (fixture->store, fixture->project, "2026-07-01", NULL, NULL, NULL, NULL);
  g_assert_cmpint (changed->spent_cents, ==, 17300000);
  g_assert_cmpint (find_category (changed, "travel")->spent_cents, ==, 1300000);
  g_assert_cmpuint (changed->years->len, ==, 4);
}

static void
test_warnings (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(LotseFinanceSummary) july = NULL;
  g_autoptr(LotseFinanceSummary) december = NULL;
  g_autoptr(LotseFinanceSummary) tolerant = NULL;
  const LotseFinanceWarning *warning;
  LotseFinanceSettings settings;

  /* Travel is 30 % over plan (more than 20 %); 200,000 € received on
   * 1 May, more than six weeks before, and 173,000 € spent since the
   * start: 27,000 € unspent; spending is ahead of the plan. */
  july = lotse_finance_summarize (fixture->store, fixture->project, "2026-07-01", NULL, NULL, NULL, NULL);
  g_assert_cmpuint (july->warnings->len, ==, 2);
  warning = find_warning (july, LOTSE_FINANCE_WARNING_OVERSPENT);
  g_assert_cmpstr (warning->category, ==, "travel");
  g_assert_cmpint (warning->cents, ==, 300000);
  g_assert_nonnull (strstr (warning->message, "€3,000.00"));
  warning = find_warning (july, LOTSE_FINANCE_WARNING_UNSPENT);
  g_assert_cmpint (warning->cents, ==, 2700000);

  /* By the end of the year 230,000 € were planned: 173,000 € is more
   * than 20 % behind, and the funds are still unspent. */
  december = lotse_finance_summarize (fixture->store, fixture->project, "2026-12-31", NULL, NULL, NULL,
                                      NULL);
  warning = find_warning (december, LOTSE_FINANCE_WARNING_LAGGING);
  g_assert_nonnull (warning);
  g_assert_cmpint (warning->cents, ==, 5700000);
  g_assert_nonnull (find_warning (december, LOTSE_FINANCE_WARNING_UNSPENT));

  /* Within six weeks of receipt the funds are not yet due; with 30 %
   * tolerance travel is within it. */
  settings.tolerance = 30;
  settings.spend_within = 70;
  tolerant = lotse_finance_summarize (fixture->store, fixture->project, "2026-07-01", NULL, NULL,
                                      &settings, NULL);
  g_assert_cmpuint (tolerant->warnings->len, ==, 0);
}

static void
test_programme (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GPtrArray) totals = NULL;
  g_autofree char *other = lotse_test_insert (fixture->store, "project", "title=Unfunded", NULL);
  const LotseFinanceTotals *funded, *unfunded;
  LotseFinanceSettings settings;

  totals = lotse_finance_query_programme (fixture->store, NULL, NULL, NULL);
  g_assert_cmpuint (totals->len, ==, 2);
  funded = g_ptr_array_index (totals, 0);
  unfunded = g_ptr_array_index (totals, 1);
  g_assert_cmpstr (funded->project_id, ==, fixture->project);
  g_assert_cmpint (funded->planned_cents, ==, 23000000);
  g_assert_cmpint (funded->spent_cents, ==, 17300000);
  g_assert_cmpint (funded->received_cents, ==, 20000000);
  g_assert_cmpint (funded->called_cents, ==, 25000000);
  g_assert_cmpint (funded->grant_cents, ==, 50000000);
  g_assert_true (funded->overspent);
  g_assert_cmpstr (unfunded->project_id, ==, other);
  g_assert_cmpint (unfunded->spent_cents, ==, 0);
  g_assert_cmpint (unfunded->grant_cents, ==, -1);
  g_assert_false (unfunded->overspent);

  g_clear_pointer (&totals, g_ptr_array_unref);
  settings.tolerance = 30;
  settings.spend_within = 42;
  totals = lotse_finance_query_programme (fixture->store, NULL, &settings, NULL);
  g_assert_false (((LotseFinanceTotals *) g_ptr_array_index (totals, 0))->overspent);
}

static void
test_voucher_list (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GPtrArray) list = NULL;

  list = lotse_finance_list_expenditures (fixture->store, fixture->project, "2026-01-01", NULL, NULL);
  g_assert_cmpuint (list->len, ==, 2);
  g_assert_cmpstr (lotse_record_get (g_ptr_array_index (list, 0), "voucher"), ==, "P-2");
  g_assert_cmpstr (lotse_record_get (g_ptr_array_index (list, 1), "voucher"), ==, "T-1");
}

static void
test_burn (Fixture       *fixture,
           gconstpointer  data)
{
  g_autoptr(GArray) months = lotse_finance_query_burn (fixture->store, fixture->project, NULL);
  LotseFinanceMonth *december, *last;

  /* January 2025 (the first plan) to December 2026 (the last). */
  g_assert_cmpuint (months->len, ==, 24);
  g_assert_cmpuint (g_array_index (months, LotseFinanceMonth, 0).year, ==, 2025);
  g_assert_cmpuint (g_array_index (months, LotseFinanceMonth, 0).month, ==, 1);
  december = &g_array_index (months, LotseFinanceMonth, 11);
  g_assert_cmpint (december->planned_cents, ==, 10000000);
  g_assert_cmpint (december->spent_cents, ==, 10000000);
  last = &g_array_index (months, LotseFinanceMonth, 23);
  g_assert_cmpuint (last->month, ==, 12);
  g_assert_cmpint (last->planned_cents, ==, 23000000);
  g_assert_cmpint (last->spent_cents, ==, 17300000);
}

/* The seeded categories' labels follow the messages' language. */
static void
test_german_labels (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autofree char *localedir = g_build_filename (g_getenv ("G_TEST_BUILDDIR"), "..", "po", NULL);
  g_autofree char *label = NULL;
  g_autoptr(LotseFinanceSummary) summary = NULL;

  if (setlocale (LC_ALL, "de_DE.UTF-8") == NULL)
    g_error ("The locale de_DE.UTF-8 is not installed (build-aux/install-deps.sh generates it)");
  bindtextdomain (GETTEXT_PACKAGE, localedir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  g_setenv ("LANGUAGE", "de", TRUE);

  label = lotse_finance_category_label (fixture->store, "personnel");
  g_assert_cmpstr (label, ==, "Personal");
  summary = lotse_finance_summarize (fixture->store, fixture->project, "2026-07-01", NULL, NULL, NULL, NULL);
  g_assert_nonnull (strstr (find_warning (summary, LOTSE_FINANCE_WARNING_OVERSPENT)->message,
                            "3.000,00\u00a0€"));

  setlocale (LC_ALL, "C.UTF-8");
  g_unsetenv ("LANGUAGE");
}

int
main (int   argc,
      char *argv[])
{
  static const struct
  {
    const char *path;
    void (*func) (Fixture *, gconstpointer);
  } tests[] = {
    { "/finance/categories-seeded", test_categories_seeded },
    { "/finance/bad-input", test_bad_input },
    { "/finance/funding-period", test_funding_period },
    { "/finance/plan-and-actual", test_plan_and_actual },
    { "/finance/whole-period", test_whole_period },
    { "/finance/warnings", test_warnings },
    { "/finance/programme", test_programme },
    { "/finance/voucher-list", test_voucher_list },
    { "/finance/burn", test_burn },
    { "/finance/german-labels", test_german_labels },
  };

  setlocale (LC_ALL, "en_GB.UTF-8");
  g_test_init (&argc, &argv, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (tests); i++)
    g_test_add (tests[i].path, Fixture, NULL, fixture_set_up, tests[i].func, fixture_tear_down);

  return g_test_run ();
}
