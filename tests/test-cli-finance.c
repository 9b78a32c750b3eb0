/* test-cli-finance.c: funding and budget control from the command line
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A project's grant, plan, expenditures and fund calls are entered with
 * lotse-cli in British English and in German; what `finance --json`,
 * the CSV export and import, the statement PDF and the programme finance
 * overview PDF (read back with pdftotext) show is compared with the sums
 * of the database file.
 */

#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>
#include <string.h>

#include "lotse-test-cli.h"
#include "test-report-pdf.h"

typedef struct
{
  const char *name;
  const char *locale;
  const char *language;
  const char *amount;       /* 13.000 € as the locale writes it */
  const char *csv;          /* a CSV file with the locale's headers and two good lines */
  const char *bad_csv;      /* with a bad amount on line 3 and a bad category on line 4 */
  const char *statement;    /* a heading of the statement */
} Locale;

static const Locale locales[] = {
  { "en", "en_GB.UTF-8", "en", "13,000.00",
    "Project,Date,Amount,Category,Voucher no.,Description\n"
    "FIN,2026-04-01,\"1,250.00\",Travel,T-2,Train to Bonn\n"
    "FIN,2026-04-02,800,Material,M-1,Paper\n",
    "Project,Date,Amount,Category,Voucher no.,Description\n"
    "FIN,2026-04-01,12.50,Travel,T-3,Bus\n"
    "FIN,2026-04-01,1.250,Travel,T-4,Train\n"
    "FIN,2026-04-02,8,Catering,C-1,Coffee\n",
    "Costs by category" },
  { "de", "de_DE.UTF-8", "de", "13.000,00 €",
    "Projekt;Belegdatum;Betrag;Kostenart;Belegnummer;Verwendungszweck\n"
    "FIN;01.04.2026;1.250,00 €;Reisekosten;T-2;Bahn nach Bonn\n"
    "FIN;02.04.2026;800;Sachkosten;M-1;Papier\n",
    "Projekt;Belegdatum;Betrag;Kostenart;Belegnummer;Verwendungszweck\n"
    "FIN;01.04.2026;12,50;Reisekosten;T-3;Bus\n"
    "FIN;01.04.2026;1,250;Reisekosten;T-4;Bahn\n"
    "FIN;02.04.2026;8;Bewirtung;C-1;Kaffee\n",
    "Kosten nach Kostenart" },
};

typedef struct
{
  LotseTestCliFixture *cli;
  const Locale        *locale;
  char                *project;
} Fixture;

static LotseTestCliResult *
run_va (Fixture *fixture,
        va_list  ap)
{
  g_autofree char *localedir = g_build_filename (g_getenv ("G_TEST_BUILDDIR"), "..", "po", NULL);
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  LotseTestCliResult *result;
  const char *arg;

  g_ptr_array_add (args, (gpointer) "--db");
  g_ptr_array_add (args, fixture->cli->db);
  while ((arg = va_arg (ap, const char *)) != NULL)
    g_ptr_array_add (args, (gpointer) arg);
  g_ptr_array_add (args, NULL);

  g_setenv ("LC_ALL", fixture->locale->locale, TRUE);
  g_setenv ("LANGUAGE", fixture->locale->language, TRUE);
  g_setenv ("LOTSE_LOCALEDIR", localedir, TRUE);
  result = lotse_test_cli_run_argv (fixture->cli->dir, (const char * const *) args->pdata);
  g_unsetenv ("LANGUAGE");
  g_unsetenv ("LOTSE_LOCALEDIR");
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  g_test_message ("→ %d\n%s%s", result->status, result->out, result->err);

  return result;
}

/* Runs lotse-cli on the fixture's database in its locale, messages in
 * its language from the build's catalogue. */
static LotseTestCliResult *
run (Fixture *fixture,
     ...)
{
  LotseTestCliResult *result;
  va_list ap;

  va_start (ap, fixture);
  result = run_va (fixture, ap);
  va_end (ap);

  return result;
}

static void
run_ok (Fixture *fixture,
        ...)
{
  g_autoptr(LotseTestCliResult) result = NULL;
  va_list ap;

  va_start (ap, fixture);
  result = run_va (fixture, ap);
  va_end (ap);
  g_assert_cmpint (result->status, ==, 0);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *project = NULL;
  g_autofree char *amount = NULL;

  fixture->cli = lotse_test_cli_fixture_new ();
  fixture->locale = data;
  fixture->project = lotse_test_cli_add_row (fixture->cli, "project", "title=Funded", "acronym=FIN",
                                             "status=running", "funding_start=2025-01-01",
                                             "funding_end=2027-12-31", "grant_cents=50000000",
                                             "funder=BMBF", "grant_reference=03ZU1234", NULL);
  project = g_strdup_printf ("project_id=%s", fixture->project);
  amount = g_strdup_printf ("amount=%s", fixture->locale->amount);
  run_ok (fixture, "add", "budget_line", project, "category=personnel", "year=2026", "planned=100000", NULL);
  run_ok (fixture, "add", "budget_line", project, "category=travel", "year=2026", "planned=10000", NULL);
  run_ok (fixture, "add", "expenditure", project, "category=travel", "date=2026-03-01", amount,
          "voucher=T-1", NULL);
  run_ok (fixture, "add", "expenditure", project, "category=personnel", "date=2025-06-30",
          "amount=60000", "voucher=P-1", NULL);
  run_ok (fixture, "add", "fund_call", project, "requested_date=2026-01-15", "amount=100000",
          "status=received", "received_date=2026-02-01", NULL);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_pointer (&fixture->cli, lotse_test_cli_fixture_free);
  g_clear_pointer (&fixture->project, g_free);
}

static gint64
sum (Fixture    *fixture,
     const char *where)
{
  g_autofree char *sql = g_strdup_printf ("SELECT coalesce(sum(amount_cents), 0) FROM expenditure "
                                          "WHERE deleted = 0 AND %s", where);

  return lotse_test_query_int (fixture->cli->db, sql);
}

static void
test_finance_json (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(LotseTestCliResult) result = run (fixture, "finance", fixture->project, "--json",
                                              "--today", "2026-07-01", NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *root;
  JsonArray *warnings;

  g_assert_cmpint (result->status, ==, 0);
  g_assert_true (json_parser_load_from_data (parser, result->out, -1, NULL));
  root = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpint (json_object_get_int_member (root, "spent_cents"), ==, sum (fixture, "1"));
  g_assert_cmpint (json_object_get_int_member (root, "spent_cents"), ==, 7300000);
  g_assert_cmpint (json_object_get_int_member (root, "planned_cents"), ==, 11000000);
  g_assert_cmpint (json_object_get_int_member (root, "received_cents"), ==, 10000000);

  /* Travel is 30 % over its plan; 100,000 € received in February, 73,000 €
   * spent. */
  warnings = json_object_get_array_member (root, "warnings");
  g_assert_cmpuint (json_array_get_length (warnings), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (warnings, 0), "kind"),
                   ==, "overspent");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (warnings, 1), "kind"),
                   ==, "unspent");
}

/* Bad input: nothing is written, the message names the value. */
static void
test_refused (Fixture       *fixture,
              gconstpointer  data)
{
  g_autofree char *project = g_strdup_printf ("project_id=%s", fixture->project);
  const struct { const char *table, *a, *b, *bad, *named; } bad[] = {
    { "fund_call", "requested_date=2026-01-02", "status=requested", "amount=500000.01", "500" },
    { "expenditure", "date=2026-01-02", "amount=5", "category=catering", "catering" },
    { "budget_line", "category=travel", "year=2026", "planned=-5", "-5" },
    { "budget_line", "category=travel", "year=2026", "planned=100.000.000.000,01", "100.000.000.000,01" },
    { "budget_line", "category=travel", "year=2026", "planned_cents=10000000000001", "100" },
  };
  gint64 before = lotse_test_query_int (fixture->cli->db, "SELECT count(*) FROM outbox");

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(LotseTestCliResult) result = run (fixture, "add", bad[i].table, project, bad[i].a,
                                                  bad[i].b, bad[i].bad, NULL);

      g_assert_cmpint (result->status, ==, 1);
      g_assert_nonnull (strstr (result->err, bad[i].named));
    }
  g_assert_cmpint (lotse_test_query_int (fixture->cli->db, "SELECT count(*) FROM outbox"), ==, before);
}

/* Outside the funding period: stored, with a warning. */
static void
test_outside_period (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autofree char *project = g_strdup_printf ("project_id=%s", fixture->project);
  g_autoptr(LotseTestCliResult) result = run (fixture, "add", "expenditure", project, "category=travel",
                                              "date=2028-01-10", "amount=10", NULL);

  g_assert_cmpint (result->status, ==, 0);
  g_assert_nonnull (strstr (result->err, "2028"));
  g_assert_cmpint (sum (fixture, "date = '2028-01-10'"), ==, 1000);
}

static char *
write_file (Fixture    *fixture,
            const char *name,
            const char *text)
{
  char *path = g_build_filename (fixture->cli->dir, name, NULL);

  g_assert_true (g_file_set_contents (path, text, -1, NULL));
  return path;
}

static void
test_csv (Fixture       *fixture,
          gconstpointer  data)
{
  g_autofree char *bad = write_file (fixture, "bad.csv", fixture->locale->bad_csv);
  g_autofree char *good = write_file (fixture, "good.csv", fixture->locale->csv);
  g_autofree char *exported = g_build_filename (fixture->cli->dir, "out.csv", NULL);
  g_autoptr(LotseTestCliResult) refused = run (fixture, "import", "csv", "expenditure", bad, NULL);
  g_autoptr(LotseTestCliResult) imported = NULL;
  g_autoptr(LotseTestCliResult) export = NULL;
  g_autofree char *text = NULL;

  /* Every bad line with its number; nothing imported. */
  g_assert_cmpint (refused->status, ==, 1);
  g_assert_nonnull (strstr (refused->err, "3"));
  g_assert_nonnull (strstr (refused->err, g_str_equal (fixture->locale->name, "de") ? "1,250" : "1.250"));
  g_assert_nonnull (strstr (refused->err, "4"));
  g_assert_nonnull (strstr (refused->err, g_str_equal (fixture->locale->name, "de") ? "Bewirtung" : "Catering"));
  g_assert_cmpint (sum (fixture, "voucher = 'T-3'"), ==, 0);

  imported = run (fixture, "import", "csv", "expenditure", good, NULL);
  g_assert_cmpint (imported->status, ==, 0);
  g_assert_cmpint (sum (fixture, "voucher = 'T-2' AND category = 'travel' AND date = '2026-04-01'"), ==, 125000);
  g_assert_cmpint (sum (fixture, "voucher = 'M-1' AND category = 'material'"), ==, 80000);

  export = run (fixture, "export", "csv", "expenditure", "-o", exported, NULL);
  g_assert_cmpint (export->status, ==, 0);
  g_assert_true (g_file_get_contents (exported, &text, NULL, NULL));
  g_assert_true (strstr (text, ",125000,\"travel\",\"Bahn nach Bonn\",\"T-2\"") != NULL ||
                 strstr (text, ",125000,\"travel\",\"Train to Bonn\",\"T-2\"") != NULL);
}

/* An amount as the locale writes it, spaces removed as
 * lotse_test_pdf_normalize() does. */
static char *
shown (Fixture *fixture,
       gint64   cents)
{
  g_autofree char *text = g_strdup_printf ("%" G_GINT64_FORMAT, cents);
  g_autofree char *amount = NULL;

  setlocale (LC_ALL, fixture->locale->locale);
  amount = lotse_format_money (text);
  setlocale (LC_ALL, "C.UTF-8");

  return lotse_test_pdf_normalize (amount);
}

static void
test_statement (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *pdf = g_build_filename (fixture->cli->dir, "statement.pdf", NULL);
  g_autoptr(LotseTestCliResult) result = NULL;
  g_autofree char *raw = NULL;
  g_autofree char *text = NULL;
  g_autofree char *total = NULL;
  g_autofree char *in_period = NULL;
  g_autofree char *travel = NULL;
  g_autofree char *received = NULL;

  result = run (fixture, "export", "statement", fixture->project, "--from", "2026-01-01", "--to",
                "2026-12-31", "--today", "2026-07-01", "-o", pdf, NULL);
  g_assert_cmpint (result->status, ==, 0);
  raw = lotse_test_pdf_text (pdf, 1, -1);
  text = lotse_test_pdf_normalize (raw);
  g_test_message ("%s", raw);

  total = shown (fixture, sum (fixture, "1"));
  in_period = shown (fixture, sum (fixture, "date BETWEEN '2026-01-01' AND '2026-12-31'"));
  travel = shown (fixture, sum (fixture, "category = 'travel'"));
  received = shown (fixture, lotse_test_query_int (fixture->cli->db, "SELECT sum(amount_cents) FROM fund_call "
                                                   "WHERE status = 'received'"));
  lotse_test_pdf_assert_contains (text, fixture->locale->statement);
  lotse_test_pdf_assert_contains (text, "03ZU1234");
  lotse_test_pdf_assert_contains (text, total);
  lotse_test_pdf_assert_contains (text, in_period);
  lotse_test_pdf_assert_contains (text, travel);
  lotse_test_pdf_assert_contains (text, received);
  /* The voucher list holds the period's voucher, not the one of 2025. */
  lotse_test_pdf_assert_contains (text, "T1");
  g_assert_null (strstr (text, "P1"));
}

/* The total row of the finance overview as pdftotext reads it: its
 * label, then grant, planned, spent, remaining, called and received, each
 * the sum SQL finds over the projects @where selects. */
static char *
expected_total (Fixture    *fixture,
                const char *label,
                const char *where)
{
  const char *db = fixture->cli->db;
  g_autofree char *grant = NULL, *planned = NULL, *spent = NULL, *remaining = NULL, *called = NULL, *received = NULL;
  g_autofree char *sql = NULL;
  gint64 planned_cents, spent_cents;

  sql = g_strdup_printf ("SELECT coalesce(sum(grant_cents), 0) FROM project WHERE deleted = 0 AND %s", where);
  grant = shown (fixture, lotse_test_query_int (db, sql));
  g_free (sql);
  sql = g_strdup_printf ("SELECT coalesce(sum(planned_cents), 0) FROM budget_line WHERE deleted = 0 AND project_id IN"
                         " (SELECT id FROM project WHERE deleted = 0 AND %s)", where);
  planned_cents = lotse_test_query_int (db, sql);
  g_free (sql);
  sql = g_strdup_printf ("SELECT coalesce(sum(amount_cents), 0) FROM expenditure WHERE deleted = 0 AND project_id IN"
                         " (SELECT id FROM project WHERE deleted = 0 AND %s)", where);
  spent_cents = lotse_test_query_int (db, sql);
  g_free (sql);
  sql = g_strdup_printf ("SELECT coalesce(sum(amount_cents), 0) FROM fund_call WHERE deleted = 0 AND project_id IN"
                         " (SELECT id FROM project WHERE deleted = 0 AND %s)", where);
  called = shown (fixture, lotse_test_query_int (db, sql));
  g_free (sql);
  sql = g_strdup_printf ("SELECT coalesce(sum(amount_cents), 0) FROM fund_call WHERE deleted = 0"
                         " AND status = 'received' AND project_id IN"
                         " (SELECT id FROM project WHERE deleted = 0 AND %s)", where);
  received = shown (fixture, lotse_test_query_int (db, sql));
  planned = shown (fixture, planned_cents);
  spent = shown (fixture, spent_cents);
  remaining = shown (fixture, planned_cents - spent_cents);

  return g_strconcat (label, grant, planned, spent, remaining, called, received, NULL);
}

/* A programme of two projects, one of them spent beyond its plan, beside
 * the fixture's project without a programme: the programme's overview
 * lists its two and their totals; the overview of all adds the third and
 * a grand total. Every total is the sum SQL finds in the database. */
static void
test_finance_overview (Fixture       *fixture,
                       gconstpointer  data)
{
  gboolean german = g_str_equal (fixture->locale->language, "de");
  g_autofree char *pdf = g_build_filename (fixture->cli->dir, "overview.pdf", NULL);
  g_autofree char *programme = lotse_test_cli_add_row (fixture->cli, "programme", "name=Region Ost", NULL);
  g_autofree char *of = g_strdup_printf ("programme_id=%s", programme);
  g_autofree char *first = lotse_test_cli_add_row (fixture->cli, "project", "title=Kita digital", of,
                                                   "grant_cents=20000000", NULL);
  g_autofree char *second = lotse_test_cli_add_row (fixture->cli, "project", "title=Radweg Nord", of, NULL);
  g_autofree char *in_first = g_strdup_printf ("project_id=%s", first);
  g_autofree char *in_second = g_strdup_printf ("project_id=%s", second);
  g_autofree char *where = g_strdup_printf ("programme_id = '%s'", programme);
  g_autoptr(LotseTestCliResult) result = NULL;
  g_autoptr(LotseTestCliResult) all = NULL;
  g_autoptr(LotseTestCliResult) bad = NULL;
  g_autofree char *raw = NULL;
  g_autofree char *text = NULL;
  g_autofree char *total = NULL;

  run_ok (fixture, "add", "budget_line", in_first, "category=personnel", "year=2026", "planned=80000", NULL);
  run_ok (fixture, "add", "expenditure", in_first, "category=personnel", "date=2026-02-01", "amount=30000", NULL);
  run_ok (fixture, "add", "fund_call", in_first, "requested_date=2026-01-15", "amount=42000", NULL);
  run_ok (fixture, "add", "budget_line", in_second, "category=travel", "year=2026", "planned=5000", NULL);
  run_ok (fixture, "add", "expenditure", in_second, "category=travel", "date=2026-03-01", "amount=6500", NULL);
  run_ok (fixture, "add", "fund_call", in_second, "requested_date=2026-01-15", "amount=7100",
          "status=received", "received_date=2026-02-01", NULL);

  result = run (fixture, "export", "finance-overview", programme, "--today", "2026-07-01", "-o", pdf, NULL);
  g_assert_cmpint (result->status, ==, 0);
  raw = lotse_test_pdf_text (pdf, 1, -1);
  text = lotse_test_pdf_normalize (raw);
  g_test_message ("%s", raw);
  lotse_test_pdf_assert_contains (text, german ? "Finanzübersicht: Region Ost" : "Finance overview: Region Ost");
  lotse_test_pdf_assert_contains (text, "Kita digital");
  lotse_test_pdf_assert_contains (text, "Radweg Nord");
  /* The warning ends the row of the project over plan. */
  lotse_test_pdf_assert_contains (text, german ? "7.100,00 €Über Plan" : "€7,100.00Over plan");
  g_assert_null (strstr (text, "Funded"));
  total = expected_total (fixture, german ? "Summe des Programms" : "Programme total", where);
  lotse_test_pdf_assert_contains (text, total);

  /* Every programme: the project without one, and the sums of all. */
  all = run (fixture, "export", "finance-overview", "-o", pdf, NULL);
  g_assert_cmpint (all->status, ==, 0);
  g_clear_pointer (&raw, g_free);
  g_clear_pointer (&text, g_free);
  g_clear_pointer (&total, g_free);
  raw = lotse_test_pdf_text (pdf, 1, -1);
  text = lotse_test_pdf_normalize (raw);
  lotse_test_pdf_assert_contains (text, "Funded");
  total = expected_total (fixture, german ? "Summe" : "Total", "1");
  lotse_test_pdf_assert_contains (text, total);

  /* A programme that does not exist, and an option that does not apply. */
  bad = run (fixture, "export", "finance-overview", "no-such-programme", "-o", pdf, NULL);
  g_assert_cmpint (bad->status, !=, 0);
  g_clear_pointer (&bad, lotse_test_cli_result_free);
  bad = run (fixture, "export", "finance-overview", "--from", "2026-01-01", "-o", pdf, NULL);
  g_assert_cmpint (bad->status, !=, 0);
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
    { "finance-json", test_finance_json },
    { "refused", test_refused },
    { "outside-period", test_outside_period },
    { "csv", test_csv },
    { "statement", test_statement },
    { "finance-overview", test_finance_overview },
  };

  g_test_init (&argc, &argv, NULL);
  for (guint l = 0; l < G_N_ELEMENTS (locales); l++)
    for (guint t = 0; t < G_N_ELEMENTS (tests); t++)
      {
        g_autofree char *path = g_strdup_printf ("/cli/finance/%s/%s", locales[l].name, tests[t].path);

        g_test_add (path, Fixture, &locales[l], fixture_set_up, tests[t].func, fixture_tear_down);
      }

  return g_test_run ();
}
