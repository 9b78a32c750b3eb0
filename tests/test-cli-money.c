/* test-cli-money.c: amounts of money on the command line and in CSV files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A budget is stored in cents. On the command line and in a CSV column
 * named “Budget” people give it in euros, the way their locale or a plain
 * spreadsheet writes it; each form is run in British English and in
 * German, and the stored cents are read back from the database file.
 */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "lotse-test-cli.h"

typedef struct
{
  const char *name;      /* en, de */
  const char *locale;
  const char *language;
} Locale;

static const Locale locales[] = {
  { "en", "en_GB.UTF-8", "en" },
  { "de", "de_DE.UTF-8", "de" },
};

typedef struct
{
  const char *text;
  gint64      cents;     /* -1: refused */
} Amount;

/* The same in every locale: the last of two kinds of mark, or one mark
 * with one or two digits after it, is the decimal mark; a mark that
 * repeats groups. */
static const Amount everywhere[] = {
  { "1.250.000,00 €", 125000000 },
  { "1,250,000.00", 125000000 },
  { "€1,250,000.00", 125000000 },
  { "1250000", 125000000 },
  { "1250000.5", 125000050 },
  { "1250000,50", 125000050 },
  { "1 250 000,00 EUR", 125000000 },
  { "1\u00a0250\u00a0000,00\u00a0€", 125000000 },
  { "EUR 1250000", 125000000 },
  { "1.250.000", 125000000 },
  { "1,250,000", 125000000 },
  { "12,50 €", 1250 },
  { "0", 0 },
  { "abc", -1 },
  { "12,5,0", -1 },
  { "1.25.000", -1 },
  { "1.250.000,00 $", -1 },
  { "-5", -1 },
  { "1e6", -1 },
  { "€", -1 },
  { "12.50.", -1 },
  { "100.000.000.000,01", -1 },
};

/* One mark followed by three digits groups, unless it is the locale's
 * decimal mark: then it could be either, and is refused. */
static const Amount british[] = {
  { "1,250", 125000 },
  { "1.250", -1 },
};

static const Amount german[] = {
  { "1.250", 125000 },
  { "1,250", -1 },
};

typedef struct
{
  LotseTestCliFixture *cli;
  const Locale        *locale;
  char                *project;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->cli = lotse_test_cli_fixture_new ();
  fixture->locale = data;
  fixture->project = lotse_test_cli_add_row (fixture->cli, "project", "title=Kataster",
                                             "budget_cents=4200", NULL);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_pointer (&fixture->cli, lotse_test_cli_fixture_free);
  g_clear_pointer (&fixture->project, g_free);
}

/* Runs lotse-cli on the fixture's database in its locale, messages in its
 * language from the build's catalogue. */
static LotseTestCliResult *
run (Fixture *fixture,
     ...)
{
  g_autofree char *localedir = g_build_filename (g_getenv ("G_TEST_BUILDDIR"), "..", "po", NULL);
  g_autofree char *old_all = g_strdup (g_getenv ("LC_ALL"));
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  LotseTestCliResult *result;
  const char *arg;
  va_list ap;

  g_ptr_array_add (args, (gpointer) "--db");
  g_ptr_array_add (args, fixture->cli->db);
  va_start (ap, fixture);
  while ((arg = va_arg (ap, const char *)) != NULL)
    g_ptr_array_add (args, (gpointer) arg);
  va_end (ap);
  g_ptr_array_add (args, NULL);

  g_setenv ("LC_ALL", fixture->locale->locale, TRUE);
  g_setenv ("LANGUAGE", fixture->locale->language, TRUE);
  g_setenv ("LOTSE_LOCALEDIR", localedir, TRUE);
  result = lotse_test_cli_run_argv (fixture->cli->dir, (const char * const *) args->pdata);
  g_unsetenv ("LANGUAGE");
  g_unsetenv ("LOTSE_LOCALEDIR");
  g_setenv ("LC_ALL", old_all != NULL ? old_all : "C.UTF-8", TRUE);

  return result;
}

static gint64
stored_budget (Fixture    *fixture,
               const char *where)
{
  g_autofree char *sql = g_strdup_printf ("SELECT coalesce (budget_cents, -2) FROM project WHERE %s",
                                          where);

  return lotse_test_query_int (fixture->cli->db, sql);
}

static const Amount *
locale_amounts (const Fixture *fixture,
                guint         *n_amounts)
{
  *n_amounts = 2;
  return g_str_equal (fixture->locale->name, "de") ? german : british;
}

/* --- the command line ---------------------------------------------------- */

static void
check_assignment (Fixture      *fixture,
                  const Amount *amount)
{
  g_autofree char *assignment = g_strdup_printf ("budget=%s", amount->text);
  g_autofree char *where = g_strdup_printf ("id = '%s'", fixture->project);
  g_autoptr(LotseTestCliResult) reset = run (fixture, "update", "project", fixture->project,
                                             "budget_cents=4200", NULL);
  g_autoptr(LotseTestCliResult) result = run (fixture, "update", "project", fixture->project,
                                              assignment, NULL);

  g_test_message ("%s %s → %d %s", fixture->locale->name, assignment, result->status, result->err);
  g_assert_cmpint (reset->status, ==, 0);
  if (amount->cents >= 0)
    {
      g_assert_cmpstr (result->err, ==, "");
      g_assert_cmpint (result->status, ==, 0);
      g_assert_cmpint (stored_budget (fixture, where), ==, amount->cents);
      return;
    }

  /* Refused with the field and the value named; nothing changed. */
  g_assert_cmpint (result->status, ==, 1);
  g_assert_nonnull (strstr (result->err, "budget"));
  g_assert_nonnull (strstr (result->err, amount->text));
  g_assert_cmpint (stored_budget (fixture, where), ==, 4200);
}

static void
test_cli_amounts (Fixture       *fixture,
                  gconstpointer  data)
{
  const Amount *local;
  guint n_local;

  for (guint i = 0; i < G_N_ELEMENTS (everywhere); i++)
    check_assignment (fixture, &everywhere[i]);

  local = locale_amounts (fixture, &n_local);
  for (guint i = 0; i < n_local; i++)
    check_assignment (fixture, &local[i]);
}

/* add, --where and show speak euros; budget_cents and --json stay cents. */
static void
test_cli_round_trip (Fixture       *fixture,
                     gconstpointer  data)
{
  gboolean de = g_str_equal (fixture->locale->name, "de");
  /* German puts a no-break space before the sign. */
  const char *amount = de ? "1.250.000,50\u00a0€" : "€1,250,000.50";
  g_autoptr(LotseTestCliResult) add = run (fixture, "add", "project", "title=Radwege", "acronym=RW",
                                           "budget=1250000.50", NULL);
  g_autoptr(LotseTestCliResult) show = NULL;
  g_autoptr(LotseTestCliResult) json = NULL;
  g_autoptr(LotseTestCliResult) where = NULL;
  g_autoptr(LotseTestCliResult) unset = NULL;
  g_autoptr(LotseTestCliResult) cents = NULL;
  g_autoptr(LotseTestCliResult) help = NULL;
  g_autofree char *id = NULL;
  g_autofree char *by_id = NULL;

  g_assert_cmpint (add->status, ==, 0);
  id = g_strstrip (g_strdup (add->out));
  by_id = g_strdup_printf ("id = '%s'", id);
  g_assert_cmpint (stored_budget (fixture, by_id), ==, 125000050);

  show = run (fixture, "show", "project", id, NULL);
  g_assert_nonnull (strstr (show->out, amount));
  json = run (fixture, "show", "project", id, "--json", NULL);
  g_assert_nonnull (strstr (json->out, "\"budget_cents\" : 125000050"));

  where = run (fixture, "list", "project", "--where", de ? "budget=1.250.000,50" : "budget=1,250,000.50",
               NULL);
  g_assert_cmpint (where->status, ==, 0);
  g_assert_nonnull (strstr (where->out, id));
  g_assert_null (strstr (where->out, fixture->project));

  /* A number of cents under the cents name; euros there are refused with a hint. */
  cents = run (fixture, "update", "project", id, "budget_cents=12.50", NULL);
  g_assert_cmpint (cents->status, ==, 1);
  g_assert_nonnull (strstr (cents->err, "budget=12.50"));
  g_assert_cmpint (stored_budget (fixture, by_id), ==, 125000050);

  unset = run (fixture, "update", "project", id, "budget=", NULL);
  g_assert_cmpint (unset->status, ==, 0);
  g_assert_cmpint (stored_budget (fixture, by_id), ==, -2);

  help = run (fixture, "add", "project", "--help", NULL);
  g_assert_nonnull (strstr (help->out, "\n  budget_cents "));
  g_assert_nonnull (strstr (help->out, "\n  budget "));
}

/* --- CSV ------------------------------------------------------------------ */

static char *
write_file (Fixture    *fixture,
            const char *name,
            const char *text)
{
  g_autofree char *path = g_build_filename (fixture->cli->dir, name, NULL);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, text, -1, &error);
  g_assert_no_error (error);

  return g_steal_pointer (&path);
}

/* One row per amount that is read the same everywhere and for this
 * locale, with a German or an English header. */
static void
test_csv_amounts (Fixture       *fixture,
                  gconstpointer  data)
{
  gboolean de = g_str_equal (fixture->locale->name, "de");
  g_autoptr(GString) csv = g_string_new (de ? "Titel;Budget\r\n" : "Title,Budget (EUR)\r\n");
  g_autoptr(LotseTestCliResult) result = NULL;
  g_autofree char *path = NULL;
  const Amount *local;
  guint n_local;

  local = locale_amounts (fixture, &n_local);
  for (guint i = 0; i < G_N_ELEMENTS (everywhere) + n_local; i++)
    {
      const Amount *amount = i < G_N_ELEMENTS (everywhere) ? &everywhere[i]
                                                            : &local[i - G_N_ELEMENTS (everywhere)];

      if (amount->cents < 0)
        continue;
      g_string_append_printf (csv, de ? "Zeile %u;%s\r\n" : "Row %u,\"%s\"\r\n", i, amount->text);
    }

  path = write_file (fixture, "budgets.csv", csv->str);
  result = run (fixture, "import", "csv", "project", path, NULL);
  g_test_message ("%s", result->err);
  g_assert_cmpstr (result->err, ==, "");
  g_assert_cmpint (result->status, ==, 0);

  for (guint i = 0; i < G_N_ELEMENTS (everywhere) + n_local; i++)
    {
      const Amount *amount = i < G_N_ELEMENTS (everywhere) ? &everywhere[i]
                                                            : &local[i - G_N_ELEMENTS (everywhere)];
      g_autofree char *where = NULL;

      if (amount->cents < 0)
        continue;
      where = g_strdup_printf ("title = '%s %u'", de ? "Zeile" : "Row", i);
      g_test_message ("%s → %" G_GINT64_FORMAT, amount->text, amount->cents);
      g_assert_cmpint (stored_budget (fixture, where), ==, amount->cents);
    }
}

/* Each bad amount, in a file with good rows around it: the line and the
 * value are named, and nothing is imported. */
static void
test_csv_bad_amounts (Fixture       *fixture,
                      gconstpointer  data)
{
  gboolean de = g_str_equal (fixture->locale->name, "de");
  gint64 before = lotse_test_query_int (fixture->cli->db, "SELECT count(*) FROM project");
  const Amount *local;
  guint n_local;

  local = locale_amounts (fixture, &n_local);
  for (guint i = 0; i < G_N_ELEMENTS (everywhere) + n_local; i++)
    {
      const Amount *amount = i < G_N_ELEMENTS (everywhere) ? &everywhere[i]
                                                            : &local[i - G_N_ELEMENTS (everywhere)];
      g_autofree char *text = NULL;
      g_autofree char *path = NULL;
      g_autoptr(LotseTestCliResult) result = NULL;

      if (amount->cents >= 0)
        continue;

      text = g_strdup_printf (de ? "Titel;Budget\nGut;1.000,00 €\nSchlecht;%s\nAuch gut;5\n"
                                 : "Title,Budget\nGood,\"1,000.00\"\nBad,\"%s\"\nAlso good,5\n",
                              amount->text);
      path = write_file (fixture, "bad.csv", text);
      result = run (fixture, "import", "csv", "project", path, NULL);

      g_test_message ("%s: %s", amount->text, result->err);
      g_assert_cmpint (result->status, ==, 1);
      g_assert_nonnull (strstr (result->err, de ? "Zeile 3: " : "line 3: "));
      g_assert_nonnull (strstr (result->err, amount->text));
      g_assert_null (strstr (result->err, de ? "Zeile 2" : "line 2"));
      g_assert_cmpint (lotse_test_query_int (fixture->cli->db, "SELECT count(*) FROM project"), ==,
                       before);
    }
}

/* The export's cents column and “Budget (Cent)” still hold cents. */
static void
test_csv_cents (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *path = write_file (fixture, "cents.csv",
                                      "title;budget_cents\r\nA;125000000\r\n");
  g_autofree char *cent = write_file (fixture, "cent.csv",
                                        "Titel;Budget (Cent)\r\nB;4250\r\n");
  g_autofree char *euros = write_file (fixture, "euro.csv",
                                       "title;budget_cents\r\nC;1.250.000,00 €\r\n");
  g_autoptr(LotseTestCliResult) a = run (fixture, "import", "csv", "project", path, NULL);
  g_autoptr(LotseTestCliResult) b = run (fixture, "import", "csv", "project", cent, NULL);
  g_autoptr(LotseTestCliResult) c = run (fixture, "import", "csv", "project", euros, NULL);

  g_assert_cmpint (a->status, ==, 0);
  g_assert_cmpint (b->status, ==, 0);
  g_assert_cmpint (stored_budget (fixture, "title = 'A'"), ==, 125000000);
  g_assert_cmpint (stored_budget (fixture, "title = 'B'"), ==, 4250);
  g_assert_cmpint (c->status, ==, 1);
  g_assert_nonnull (strstr (c->err, "budget_cents"));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (locales); i++)
    {
      static const struct
      {
        const char *name;
        void      (*func) (Fixture *, gconstpointer);
      } tests[] = {
        { "cli/amounts", test_cli_amounts },
        { "cli/round-trip", test_cli_round_trip },
        { "csv/amounts", test_csv_amounts },
        { "csv/bad-amounts", test_csv_bad_amounts },
        { "csv/cents", test_csv_cents },
      };

      for (guint t = 0; t < G_N_ELEMENTS (tests); t++)
        {
          g_autofree char *path = g_strdup_printf ("/money/%s/%s", locales[i].name, tests[t].name);

          g_test_add (path, Fixture, &locales[i], fixture_set_up, tests[t].func,
                      fixture_tear_down);
        }
    }

  return g_test_run ();
}
