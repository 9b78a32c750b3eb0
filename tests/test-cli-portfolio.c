/* test-cli-portfolio.c: lotse-cli monitor, import csv and export csv
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every test spawns the real binary ($LOTSE_CLI) against a database in a
 * temporary directory and checks the exit status, stdout, stderr and the
 * database file itself.
 */

#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>
#include <sys/wait.h>

#include "lotse-test-helpers.h"

typedef struct
{
  int   status;
  char *out;
  char *err;
} CliResult;

static void
cli_result_free (CliResult *result)
{
  g_free (result->out);
  g_free (result->err);
  g_free (result);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CliResult, cli_result_free)

typedef struct
{
  char *dir;
  char *db;
} Fixture;

static void
fixture_free (Fixture *fixture)
{
  lotse_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->db);
  g_free (fixture);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Fixture, fixture_free)

static Fixture *
fixture_new (void)
{
  Fixture *fixture = g_new0 (Fixture, 1);

  fixture->dir = lotse_test_make_tmpdir ();
  fixture->db = g_build_filename (fixture->dir, "lotse.db", NULL);

  return fixture;
}

/* Runs lotse-cli with @args; XDG_DATA_HOME points into @dir so that the
 * default database of the person running the tests is never touched. */
static CliResult *
run_cli_argv (const char         *dir,
              const char * const *args)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *data_home = g_build_filename (dir, "data-home", NULL);
  g_auto(GStrv) envp = g_environ_setenv (g_get_environ (), "XDG_DATA_HOME", data_home, TRUE);
  const char *cli = g_getenv ("LOTSE_CLI");
  CliResult *result = g_new0 (CliResult, 1);
  int wait_status = 0;

  g_assert_nonnull (cli);

  g_ptr_array_add (argv, (gpointer) cli);
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);

  g_spawn_sync (NULL, (char **) argv->pdata, envp, G_SPAWN_DEFAULT, NULL, NULL,
                &result->out, &result->err, &wait_status, &error);
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (wait_status));
  result->status = WEXITSTATUS (wait_status);

  if (g_test_verbose ())
    g_test_message ("%s → %d\n%s%s", args[0], result->status, result->out, result->err);

  return result;
}

static CliResult *run_cli (const char *dir,
                           ...) G_GNUC_NULL_TERMINATED;

static CliResult *
run_cli (const char *dir,
         ...)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  const char *arg;
  va_list ap;

  va_start (ap, dir);
  while ((arg = va_arg (ap, const char *)) != NULL)
    g_ptr_array_add (args, (gpointer) arg);
  va_end (ap);
  g_ptr_array_add (args, NULL);

  return run_cli_argv (dir, (const char * const *) args->pdata);
}

/* Adds a row through the CLI and returns its id. */
static char *add_row (Fixture    *fixture,
                      const char *table,
                      ...) G_GNUC_NULL_TERMINATED;

static char *
add_row (Fixture    *fixture,
         const char *table,
         ...)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  g_autoptr(CliResult) result = NULL;
  const char *arg;
  va_list ap;

  g_ptr_array_add (args, (gpointer) "--db");
  g_ptr_array_add (args, fixture->db);
  g_ptr_array_add (args, (gpointer) "add");
  g_ptr_array_add (args, (gpointer) table);
  va_start (ap, table);
  while ((arg = va_arg (ap, const char *)) != NULL)
    g_ptr_array_add (args, (gpointer) arg);
  va_end (ap);
  g_ptr_array_add (args, NULL);

  result = run_cli_argv (fixture->dir, (const char * const *) args->pdata);
  g_assert_cmpstr (result->err, ==, "");
  g_assert_cmpint (result->status, ==, 0);
  g_assert_true (g_str_has_suffix (result->out, "\n"));
  result->out[strlen (result->out) - 1] = '\0';
  g_assert_true (lotse_is_uuid (result->out));

  return g_steal_pointer (&result->out);
}

static gint64
count_rows (Fixture    *fixture,
            const char *table)
{
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM %s WHERE deleted = 0", table);

  return lotse_test_query_int (fixture->db, sql);
}

static char *
write_file (Fixture    *fixture,
            const char *name,
            const char *contents)
{
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (fixture->dir, name, NULL);

  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);

  return path;
}

static void
assert_contains (const char *haystack,
                 const char *needle)
{
  if (strstr (haystack, needle) == NULL)
    g_error ("“%s” does not contain “%s”", haystack, needle);
}

/* A project with four milestones in the monitor's view on 2026-11-22 and
 * three outside it. */
static void
fill_history (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LotseStore) store = lotse_store_open (fixture->db, &error);
  g_autofree char *project = NULL;
  g_autofree char *project_id = NULL;
  struct { const char *title, *due, *status; } milestones[] = {
    { "Overdue", "2026-11-10", "open" },
    { "Due today", "2026-11-22", "at_risk" },
    { "At the horizon", "2026-12-06", "open" },
    { "Beyond", "2026-12-07", "open" },
    { "Done", "2026-11-12", "done" },
    { "Cancelled", "2026-11-13", "cancelled" },
  };

  g_assert_no_error (error);
  project = lotse_test_insert (store, "project", "title=Alpine Project", "acronym=ALP", NULL);
  project_id = g_strdup_printf ("project_id=%s", project);

  for (guint i = 0; i < G_N_ELEMENTS (milestones); i++)
    {
      g_autofree char *title = g_strdup_printf ("title=%s", milestones[i].title);
      g_autofree char *due = g_strdup_printf ("due_date=%s", milestones[i].due);
      g_autofree char *status = g_strdup_printf ("status=%s", milestones[i].status);

      g_free (lotse_test_insert (store, "milestone", project_id, title, due, status, NULL));
    }
}

static void
test_monitor_text (void)
{
  g_autoptr(Fixture) fixture = fixture_new ();
  g_autoptr(CliResult) result = NULL;
  g_autoptr(CliResult) empty = NULL;

  fill_history (fixture);

  result = run_cli (fixture->dir, "--db", fixture->db, "monitor", "--today", "2026-11-22", NULL);
  g_assert_cmpint (result->status, ==, 0);
  g_assert_cmpstr (result->err, ==, "");
  assert_contains (result->out, "Week 2026-W46\n  2026-11-10  overdue by 12 days");
  assert_contains (result->out, "ALP: Overdue");
  assert_contains (result->out, "Week 2026-W47\n  2026-11-22  due today");
  assert_contains (result->out, "Week 2026-W49\n  2026-12-06  due in 14 days");
  g_assert_null (strstr (result->out, "Beyond"));
  g_assert_null (strstr (result->out, "Done"));
  g_assert_null (strstr (result->out, "Cancelled"));

  empty = run_cli (fixture->dir, "--db", fixture->db, "monitor", "--today", "2020-01-01",
                   "--days", "1", NULL);
  g_assert_cmpint (empty->status, ==, 0);
  g_assert_cmpstr (empty->out, ==, "No milestones are overdue or due within 1 day.\n");
}

static void
test_monitor_json (void)
{
  g_autoptr(Fixture) fixture = fixture_new ();
  g_autoptr(CliResult) result = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonArray *array;
  JsonObject *first;

  fill_history (fixture);

  result = run_cli (fixture->dir, "--db", fixture->db, "monitor", "--today", "2026-11-22",
                    "--days", "15", "--json", NULL);
  g_assert_cmpint (result->status, ==, 0);
  json_parser_load_from_data (parser, result->out, -1, &error);
  g_assert_no_error (error);

  array = json_node_get_array (json_parser_get_root (parser));
  g_assert_cmpuint (json_array_get_length (array), ==, 4);
  first = json_array_get_object_element (array, 0);
  g_assert_true (lotse_is_uuid (json_object_get_string_member (first, "milestone_id")));
  g_assert_true (lotse_is_uuid (json_object_get_string_member (first, "project_id")));
  g_assert_cmpstr (json_object_get_string_member (first, "project"), ==, "ALP");
  g_assert_cmpstr (json_object_get_string_member (first, "title"), ==, "Overdue");
  g_assert_cmpstr (json_object_get_string_member (first, "due_date"), ==, "2026-11-10");
  g_assert_cmpstr (json_object_get_string_member (first, "status"), ==, "open");
  g_assert_cmpint (json_object_get_int_member (first, "days_overdue"), ==, 12);
  g_assert_cmpstr (json_object_get_string_member (first, "state"), ==, "overdue");
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (array, 3),
                                               "days_overdue"), ==, -15);
}

static void
test_monitor_usage (void)
{
  g_autoptr(Fixture) fixture = fixture_new ();
  const char *bad[][3] = {
    { "--days", "abc", NULL },
    { "--days", "-1", NULL },
    { "--days", "99999999", NULL },
    { "--today", "22.11.2026", NULL },
    { "--today", "2026-02-30", NULL },
  };

  fill_history (fixture);

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(CliResult) result = run_cli (fixture->dir, "--db", fixture->db, "monitor",
                                             bad[i][0], bad[i][1], NULL);

      g_assert_cmpint (result->status, ==, 2);
      g_assert_cmpstr (result->out, ==, "");
      assert_contains (result->err, bad[i][1]);
    }

  {
    g_autofree char *missing = g_build_filename (fixture->dir, "missing.db", NULL);
    g_autoptr(CliResult) result = run_cli (fixture->dir, "--db", missing, "monitor", NULL);

    g_assert_cmpint (result->status, ==, 1);
    g_assert_false (g_file_test (missing, G_FILE_TEST_EXISTS));
  }
}

static void
test_import (void)
{
  g_autoptr(Fixture) fixture = fixture_new ();
  g_autoptr(CliResult) orgs = NULL;
  g_autoptr(CliResult) dry = NULL;
  g_autoptr(CliResult) real = NULL;
  g_autoptr(CliResult) bad = NULL;
  g_autofree char *orgs_file = write_file (fixture, "orgs.csv",
                                           "\xEF\xBB\xBF" "Name;Art;Ort\r\n"
                                           "Stadtwerke Bielefeld;Unternehmen;Bielefeld\r\n"
                                           "Universität Paderborn;Hochschule;Paderborn\r\n");
  g_autofree char *projects_file = write_file (fixture, "projects.csv",
                                               "Titel,Akronym,Status,Organisation,Beginn\n"
                                               "Smarte Quartiere,SQ,Laufend,Stadtwerke Bielefeld,01.03.2025\n"
                                               "\"Lernen, digital\",LD,geplant,Universität Paderborn,\n");
  g_autofree char *bad_file = write_file (fixture, "bad.csv",
                                          "Titel,Organisation,Beginn\n"
                                          "Fine,Stadtwerke Bielefeld,2025-01-01\n"
                                          "Odd,Nowhere GmbH,2025-01-01\n"
                                          "\"Two\nlines\",Stadtwerke Bielefeld,31.02.2025\n");

  orgs = run_cli (fixture->dir, "--db", fixture->db, "import", "csv", "organisation", orgs_file, NULL);
  g_assert_cmpint (orgs->status, ==, 0);
  g_assert_cmpstr (orgs->out, ==, "Imported 2 organisations.\n");

  dry = run_cli (fixture->dir, "--db", fixture->db, "import", "csv", "project", projects_file,
                 "--dry-run", NULL);
  g_assert_cmpint (dry->status, ==, 0);
  g_assert_cmpstr (dry->out, ==, "Would import 2 projects.\n");
  g_assert_cmpint (count_rows (fixture, "project"), ==, 0);

  real = run_cli (fixture->dir, "--db", fixture->db, "import", "csv", "project", projects_file, NULL);
  g_assert_cmpint (real->status, ==, 0);
  g_assert_cmpstr (real->out, ==, "Imported 2 projects.\n");
  g_assert_cmpint (count_rows (fixture, "project"), ==, 2);
  g_assert_cmpint (lotse_test_query_int (fixture->db, "SELECT count(*) FROM outbox"), ==, 4);

  bad = run_cli (fixture->dir, "--db", fixture->db, "import", "csv", "project", bad_file, NULL);
  g_assert_cmpint (bad->status, ==, 1);
  g_assert_cmpstr (bad->out, ==, "");
  assert_contains (bad->err, "line 3: unknown organisation “Nowhere GmbH”");
  assert_contains (bad->err, "line 4: Field “start_date” must be a date");
  assert_contains (bad->err, "Nothing was imported.");
  g_assert_cmpint (count_rows (fixture, "project"), ==, 2);
  g_assert_cmpint (lotse_test_query_int (fixture->db, "SELECT count(*) FROM outbox"), ==, 4);
}

static void
test_import_usage (void)
{
  g_autoptr(Fixture) fixture = fixture_new ();
  g_autofree char *file = write_file (fixture, "x.csv", "name\nOne\n");
  const char *cases[][4] = {
    { "import", "xls", "organisation", NULL },
    { "import", "csv", "meeting", NULL },
    { "import", "csv", "nonsense", NULL },
    { "export", "csv", "organisation", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(CliResult) result = NULL;

      if (g_str_equal (cases[i][0], "import"))
        result = run_cli (fixture->dir, "--db", fixture->db, cases[i][0], cases[i][1],
                          cases[i][2], file, NULL);
      else
        result = run_cli (fixture->dir, "--db", fixture->db, cases[i][0], cases[i][1],
                          cases[i][2], NULL);

      g_assert_cmpint (result->status, ==, 2);
      g_assert_false (g_file_test (fixture->db, G_FILE_TEST_EXISTS));
    }

  {
    g_autofree char *missing = g_build_filename (fixture->dir, "missing.csv", NULL);
    g_autoptr(CliResult) result = run_cli (fixture->dir, "--db", fixture->db, "import", "csv",
                                           "organisation", missing, NULL);

    g_assert_cmpint (result->status, ==, 1);
    assert_contains (result->err, "missing.csv");
  }
}

static void
test_export_round_trip (void)
{
  g_autoptr(Fixture) fixture = fixture_new ();
  g_autoptr(Fixture) other = fixture_new ();
  g_autofree char *orgs_path = g_build_filename (fixture->dir, "orgs.csv", NULL);
  g_autofree char *projects_path = g_build_filename (fixture->dir, "projects.csv", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CliResult) e1 = NULL;
  g_autoptr(CliResult) e2 = NULL;
  g_autoptr(CliResult) i1 = NULL;
  g_autoptr(CliResult) i2 = NULL;
  g_autofree char *org = NULL;
  g_autofree char *org_ref = NULL;

  org = add_row (fixture, "organisation", "name=Kammer; \"OWL\", e.V.", "kind=chamber", NULL);
  org_ref = g_strdup_printf ("lead_organisation_id=%s", org);
  g_free (add_row (fixture, "project", "title=Eins", org_ref, "start_date=2025-01-01", NULL));
  g_free (add_row (fixture, "project", "title=Zwei\nzweite Zeile", "status=running", NULL));

  e1 = run_cli (fixture->dir, "--db", fixture->db, "export", "csv", "organisation", "-o", orgs_path, NULL);
  g_assert_cmpint (e1->status, ==, 0);
  g_assert_cmpstr (e1->err, ==, "");
  e2 = run_cli (fixture->dir, "--db", fixture->db, "export", "csv", "project", "-o", projects_path, NULL);
  g_assert_cmpint (e2->status, ==, 0);
  assert_contains (e2->out, "Wrote 2 rows to");

  g_file_get_contents (projects_path, &contents, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (contents, "\xEF\xBB\xBF" "id,programme_id,title,acronym,"));

  i1 = run_cli (other->dir, "--db", other->db, "import", "csv", "organisation", orgs_path, NULL);
  g_assert_cmpint (i1->status, ==, 0);
  i2 = run_cli (other->dir, "--db", other->db, "import", "csv", "project", projects_path, NULL);
  g_assert_cmpint (i2->status, ==, 0);
  g_assert_cmpstr (i2->out, ==, "Imported 2 projects.\n");

  {
    g_autofree char *sql = g_strdup_printf ("SELECT group_concat(title || '|' || ifnull(lead_organisation_id, '') || '|' || status, ';') FROM (SELECT * FROM project ORDER BY id)");
    g_autofree char *a = lotse_test_query_text (fixture->db, sql);
    g_autofree char *b = lotse_test_query_text (other->db, sql);

    g_assert_cmpstr (a, ==, b);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/cli/monitor/text", test_monitor_text);
  g_test_add_func ("/cli/monitor/json", test_monitor_json);
  g_test_add_func ("/cli/monitor/usage", test_monitor_usage);
  g_test_add_func ("/cli/import-csv/tables", test_import);
  g_test_add_func ("/cli/import-csv/usage", test_import_usage);
  g_test_add_func ("/cli/export-csv/round-trip", test_export_round_trip);

  return g_test_run ();
}
