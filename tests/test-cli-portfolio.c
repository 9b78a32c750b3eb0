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

#include "lotse-test-cli.h"

static gint64
count_rows (LotseTestCliFixture *fixture,
            const char          *table)
{
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM %s WHERE deleted = 0", table);

  return lotse_test_query_int (fixture->db, sql);
}

static char *
write_file (LotseTestCliFixture *fixture,
            const char          *name,
            const char          *contents)
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
fill_history (LotseTestCliFixture *fixture)
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
  g_autoptr(LotseTestCliFixture) fixture = lotse_test_cli_fixture_new ();
  g_autoptr(LotseTestCliResult) result = NULL;
  g_autoptr(LotseTestCliResult) empty = NULL;

  fill_history (fixture);

  result = lotse_test_cli_run (fixture->dir, "--db", fixture->db, "monitor", "--today",
                               "2026-11-22", NULL);
  g_assert_cmpint (result->status, ==, 0);
  g_assert_cmpstr (result->err, ==, "");
  assert_contains (result->out, "Week 2026-W46\n  2026-11-10  overdue by 12 days");
  assert_contains (result->out, "ALP: Overdue");
  assert_contains (result->out, "Week 2026-W47\n  2026-11-22  due today");
  assert_contains (result->out, "Week 2026-W49\n  2026-12-06  due in 14 days");
  g_assert_null (strstr (result->out, "Beyond"));
  g_assert_null (strstr (result->out, "Done"));
  g_assert_null (strstr (result->out, "Cancelled"));

  empty = lotse_test_cli_run (fixture->dir, "--db", fixture->db, "monitor", "--today", "2020-01-01",
                              "--days", "1", NULL);
  g_assert_cmpint (empty->status, ==, 0);
  g_assert_cmpstr (empty->out, ==, "No milestones or funder reports are overdue or due within 1 day.\n");
}

/* A milestone that a completed project left open is history: listed only
 * with --history, and then not as overdue. */
static void
test_monitor_history (void)
{
  g_autoptr(LotseTestCliFixture) fixture = lotse_test_cli_fixture_new ();
  g_autoptr(LotseTestCliResult) current = NULL;
  g_autoptr(LotseTestCliResult) history = NULL;
  g_autoptr(LotseTestCliResult) json = NULL;

  fill_history (fixture);
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(LotseStore) store = lotse_store_open (fixture->db, &error);
    g_autofree char *project = lotse_test_insert (store, "project", "title=Old Project",
                                                  "acronym=OLD", "status=completed", NULL);
    g_autofree char *project_id = g_strdup_printf ("project_id=%s", project);

    g_assert_no_error (error);
    g_free (lotse_test_insert (store, "milestone", project_id, "title=Left open",
                               "due_date=2018-09-30", "status=open", NULL));
  }

  current = lotse_test_cli_run (fixture->dir, "--db", fixture->db, "monitor", "--today",
                                "2026-11-22", NULL);
  g_assert_cmpint (current->status, ==, 0);
  g_assert_null (strstr (current->out, "Left open"));
  assert_contains (current->out, "Week 2026-W46\n  2026-11-10  overdue by 12 days");

  history = lotse_test_cli_run (fixture->dir, "--db", fixture->db, "monitor", "--today",
                                "2026-11-22", "--history", NULL);
  g_assert_cmpint (history->status, ==, 0);
  assert_contains (history->out, "Week 2018-W39\n  2018-09-30  project closed");
  assert_contains (history->out, "OLD: Left open");
  g_assert_null (strstr (history->out, "overdue by 2975"));

  json = lotse_test_cli_run (fixture->dir, "--db", fixture->db, "monitor", "--today",
                             "2026-11-22", "--history", "--json", NULL);
  g_assert_cmpint (json->status, ==, 0);
  assert_contains (json->out, "\"state\" : \"closed\"");
}

static void
test_monitor_json (void)
{
  g_autoptr(LotseTestCliFixture) fixture = lotse_test_cli_fixture_new ();
  g_autoptr(LotseTestCliResult) result = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonArray *array;
  JsonObject *first;

  fill_history (fixture);

  result = lotse_test_cli_run (fixture->dir, "--db", fixture->db, "monitor", "--today",
                               "2026-11-22", "--days", "15", "--json", NULL);
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

/* Open funder reports are listed among the milestones, marked as such
 * with their kind; a submitted one is not. */
static void
test_monitor_funder_reports (void)
{
  g_autoptr(LotseTestCliFixture) fixture = lotse_test_cli_fixture_new ();
  g_autoptr(LotseTestCliResult) result = NULL;
  g_autoptr(LotseTestCliResult) text = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *project = NULL;
  g_autofree char *report = NULL;
  JsonArray *array;
  JsonObject *object;

  {
    g_autoptr(LotseStore) store = lotse_store_open (fixture->db, &error);
    g_autofree char *project_id = NULL;

    g_assert_no_error (error);
    project = lotse_test_insert (store, "project", "title=Alpine Project", "acronym=ALP", NULL);
    project_id = g_strdup_printf ("project_id=%s", project);
    g_free (lotse_test_insert (store, "milestone", project_id, "title=Overdue",
                               "due_date=2026-11-10", NULL));
    report = lotse_test_insert (store, "funder_report", project_id, "kind=interim",
                                "due_date=2026-11-20", "status=open", NULL);
    g_free (lotse_test_insert (store, "funder_report", project_id, "kind=final", "title=Abschluss",
                               "due_date=2026-11-25", "status=open", NULL));
    g_free (lotse_test_insert (store, "funder_report", project_id, "kind=interim",
                               "title=Submitted", "due_date=2026-11-21", "status=submitted", NULL));
  }

  result = lotse_test_cli_run (fixture->dir, "--db", fixture->db, "monitor", "--today",
                               "2026-11-22", "--json", NULL);
  g_assert_cmpint (result->status, ==, 0);
  json_parser_load_from_data (parser, result->out, -1, &error);
  g_assert_no_error (error);

  array = json_node_get_array (json_parser_get_root (parser));
  g_assert_cmpuint (json_array_get_length (array), ==, 3);
  object = json_array_get_object_element (array, 0);
  g_assert_cmpstr (json_object_get_string_member (object, "type"), ==, "milestone");
  g_assert_false (json_object_has_member (object, "kind"));
  object = json_array_get_object_element (array, 1);
  g_assert_cmpstr (json_object_get_string_member (object, "type"), ==, "funder_report");
  g_assert_cmpstr (json_object_get_string_member (object, "funder_report_id"), ==, report);
  g_assert_false (json_object_has_member (object, "milestone_id"));
  g_assert_cmpstr (json_object_get_string_member (object, "kind"), ==, "interim");
  g_assert_cmpstr (json_object_get_string_member (object, "title"), ==, "Interim statement");
  g_assert_cmpstr (json_object_get_string_member (object, "project_id"), ==, project);
  g_assert_cmpstr (json_object_get_string_member (object, "due_date"), ==, "2026-11-20");
  g_assert_cmpstr (json_object_get_string_member (object, "status"), ==, "open");
  g_assert_cmpint (json_object_get_int_member (object, "days_overdue"), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (object, "state"), ==, "overdue");
  object = json_array_get_object_element (array, 2);
  g_assert_cmpstr (json_object_get_string_member (object, "kind"), ==, "final");
  g_assert_cmpstr (json_object_get_string_member (object, "title"), ==, "Abschluss");
  g_assert_cmpint (json_object_get_int_member (object, "days_overdue"), ==, -3);

  text = lotse_test_cli_run (fixture->dir, "--db", fixture->db, "monitor", "--today",
                             "2026-11-22", NULL);
  g_assert_cmpint (text->status, ==, 0);
  assert_contains (text->out, "2026-11-20  overdue by 2 days     ALP: Funder report: Interim statement\n");
  assert_contains (text->out, "ALP: Funder report (Final statement): Abschluss\n");
  g_assert_null (strstr (text->out, "Submitted"));
}

static void
test_monitor_usage (void)
{
  g_autoptr(LotseTestCliFixture) fixture = lotse_test_cli_fixture_new ();
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
      g_autoptr(LotseTestCliResult) result = lotse_test_cli_run (fixture->dir, "--db", fixture->db,
                                                                 "monitor", bad[i][0],
                                                                 bad[i][1], NULL);

      g_assert_cmpint (result->status, ==, 2);
      g_assert_cmpstr (result->out, ==, "");
      assert_contains (result->err, bad[i][1]);
    }

  {
    g_autofree char *missing = g_build_filename (fixture->dir, "missing.db", NULL);
    g_autoptr(LotseTestCliResult) result = lotse_test_cli_run (fixture->dir, "--db", missing,
                                                               "monitor", NULL);

    g_assert_cmpint (result->status, ==, 1);
    g_assert_false (g_file_test (missing, G_FILE_TEST_EXISTS));
  }
}

static void
test_import (void)
{
  g_autoptr(LotseTestCliFixture) fixture = lotse_test_cli_fixture_new ();
  g_autoptr(LotseTestCliResult) orgs = NULL;
  g_autoptr(LotseTestCliResult) dry = NULL;
  g_autoptr(LotseTestCliResult) real = NULL;
  g_autoptr(LotseTestCliResult) bad = NULL;
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

  orgs = lotse_test_cli_run (fixture->dir, "--db", fixture->db, "import", "csv", "organisation",
                             orgs_file, NULL);
  g_assert_cmpint (orgs->status, ==, 0);
  g_assert_cmpstr (orgs->out, ==, "Imported 2 organisations.\n");

  dry = lotse_test_cli_run (fixture->dir, "--db", fixture->db, "import", "csv", "project",
                            projects_file, "--dry-run", NULL);
  g_assert_cmpint (dry->status, ==, 0);
  g_assert_cmpstr (dry->out, ==, "Would import 2 projects.\n");
  g_assert_cmpint (count_rows (fixture, "project"), ==, 0);

  real = lotse_test_cli_run (fixture->dir, "--db", fixture->db, "import", "csv", "project",
                             projects_file, NULL);
  g_assert_cmpint (real->status, ==, 0);
  g_assert_cmpstr (real->out, ==, "Imported 2 projects.\n");
  g_assert_cmpint (count_rows (fixture, "project"), ==, 2);
  g_assert_cmpint (lotse_test_query_int (fixture->db, "SELECT count(*) FROM outbox"), ==, 4);

  bad = lotse_test_cli_run (fixture->dir, "--db", fixture->db, "import", "csv", "project",
                            bad_file, NULL);
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
  g_autoptr(LotseTestCliFixture) fixture = lotse_test_cli_fixture_new ();
  g_autofree char *file = write_file (fixture, "x.csv", "name\nOne\n");
  const char *cases[][4] = {
    { "import", "xls", "organisation", NULL },
    { "import", "csv", "meeting", NULL },
    { "import", "csv", "nonsense", NULL },
    { "export", "csv", "organisation", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(LotseTestCliResult) result = NULL;

      if (g_str_equal (cases[i][0], "import"))
        result = lotse_test_cli_run (fixture->dir, "--db", fixture->db, cases[i][0], cases[i][1],
                                     cases[i][2], file, NULL);
      else
        result = lotse_test_cli_run (fixture->dir, "--db", fixture->db, cases[i][0], cases[i][1],
                                     cases[i][2], NULL);

      g_assert_cmpint (result->status, ==, 2);
      g_assert_false (g_file_test (fixture->db, G_FILE_TEST_EXISTS));
    }

  {
    g_autofree char *missing = g_build_filename (fixture->dir, "missing.csv", NULL);
    g_autoptr(LotseTestCliResult) result = lotse_test_cli_run (fixture->dir, "--db", fixture->db,
                                                               "import", "csv", "organisation",
                                                               missing, NULL);

    g_assert_cmpint (result->status, ==, 1);
    assert_contains (result->err, "missing.csv");
  }
}

static void
test_export_round_trip (void)
{
  g_autoptr(LotseTestCliFixture) fixture = lotse_test_cli_fixture_new ();
  g_autoptr(LotseTestCliFixture) other = lotse_test_cli_fixture_new ();
  g_autofree char *orgs_path = g_build_filename (fixture->dir, "orgs.csv", NULL);
  g_autofree char *projects_path = g_build_filename (fixture->dir, "projects.csv", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(LotseTestCliResult) e1 = NULL;
  g_autoptr(LotseTestCliResult) e2 = NULL;
  g_autoptr(LotseTestCliResult) i1 = NULL;
  g_autoptr(LotseTestCliResult) i2 = NULL;
  g_autofree char *org = NULL;
  g_autofree char *org_ref = NULL;

  org = lotse_test_cli_add_row (fixture, "organisation", "name=Kammer; \"OWL\", e.V.",
                                "kind=chamber", NULL);
  org_ref = g_strdup_printf ("lead_organisation_id=%s", org);
  g_free (lotse_test_cli_add_row (fixture, "project", "title=Eins", org_ref,
                                  "start_date=2025-01-01", NULL));
  g_free (lotse_test_cli_add_row (fixture, "project", "title=Zwei\nzweite Zeile",
                                  "status=running", NULL));

  e1 = lotse_test_cli_run (fixture->dir, "--db", fixture->db, "export", "csv", "organisation", "-o",
                           orgs_path, NULL);
  g_assert_cmpint (e1->status, ==, 0);
  g_assert_cmpstr (e1->err, ==, "");
  e2 = lotse_test_cli_run (fixture->dir, "--db", fixture->db, "export", "csv", "project", "-o",
                           projects_path, NULL);
  g_assert_cmpint (e2->status, ==, 0);
  assert_contains (e2->out, "Wrote 2 rows to");

  g_file_get_contents (projects_path, &contents, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (contents, "\xEF\xBB\xBF" "id,programme_id,title,acronym,"));

  i1 = lotse_test_cli_run (other->dir, "--db", other->db, "import", "csv", "organisation",
                           orgs_path, NULL);
  g_assert_cmpint (i1->status, ==, 0);
  i2 = lotse_test_cli_run (other->dir, "--db", other->db, "import", "csv", "project",
                           projects_path, NULL);
  g_assert_cmpint (i2->status, ==, 0);
  g_assert_cmpstr (i2->out, ==, "Imported 2 projects.\n");

  {
    g_autofree char *sql = g_strdup_printf ("SELECT group_concat(title || '|' || ifnull(lead_organisation_id, '') || '|' || status, ';') FROM (SELECT * FROM project ORDER BY id)");
    g_autofree char *a = lotse_test_query_text (fixture->db, sql);
    g_autofree char *b = lotse_test_query_text (other->db, sql);

    g_assert_cmpstr (a, ==, b);
  }
}

/* Opens @csv in LibreOffice as a person would (UTF-8, “,” and quoted cells
 * as text, the options of its import dialog), saves it as xlsx and returns
 * the cells as openpyxl reads them. */
static JsonArray *
spreadsheet_cells (LotseTestCliFixture *fixture,
                   const char          *csv)
{
  g_autofree char *profile = g_strdup_printf ("-env:UserInstallation=file://%s/lo-profile", fixture->dir);
  g_autofree char *xlsx = g_strdup_printf ("%s/%s", fixture->dir, "projects.xlsx");
  g_autofree char *script = g_build_filename (g_getenv ("G_TEST_SRCDIR"), "xlsx-cells.py", NULL);
  const char *convert[] = { "soffice", "--headless", profile, "--infilter=CSV:44,34,76,1,,0,true",
                            "--convert-to", "xlsx", "--outdir", fixture->dir, csv, NULL };
  const char *read[] = { "/usr/bin/python3", script, xlsx, NULL };
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(JsonNode) node = NULL;
  int status = 0;

  g_spawn_sync (NULL, (char **) convert, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, &err, &status,
                &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL) || !g_file_test (xlsx, G_FILE_TEST_IS_REGULAR))
    g_error ("soffice did not convert %s: %s", csv, err);

  g_clear_pointer (&err, g_free);
  g_spawn_sync (NULL, (char **) read, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status, &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("openpyxl could not read %s: %s", xlsx, err);

  node = json_from_string (out, &error);
  g_assert_no_error (error);

  return json_array_ref (json_node_get_array (node));
}

static JsonObject *
cell_of (JsonArray  *rows,
         guint       row,
         const char *column)
{
  JsonArray *header = json_array_get_array_element (rows, 0);

  for (guint i = 0; i < json_array_get_length (header); i++)
    {
      JsonObject *cell = json_array_get_object_element (header, i);

      if (g_strcmp0 (json_object_get_string_member (cell, "value"), column) == 0)
        return json_array_get_object_element (json_array_get_array_element (rows, row), i);
    }

  g_error ("no column %s", column);
}

/* An export opened in LibreOffice holds no formula, keeps “0042” as text,
 * numbers as numbers; imported again it gives the stored values back byte
 * for byte. */
static void
test_export_spreadsheet (void)
{
  g_autoptr(LotseTestCliFixture) fixture = lotse_test_cli_fixture_new ();
  g_autoptr(LotseTestCliFixture) other = lotse_test_cli_fixture_new ();
  g_autofree char *csv = g_build_filename (fixture->dir, "projects.csv", NULL);
  const char *titles[] = { "=1+1", "=HYPERLINK(\"https://example.org\";\"Klick\")", "+49 521 106-0",
                           "-5", "@SUM(A1:A2)", "\tEingerückt", "'Zitat", "0042" };
  g_autoptr(LotseTestCliResult) exported = NULL;
  g_autoptr(LotseTestCliResult) imported = NULL;
  g_autoptr(JsonArray) rows = NULL;
  const char *sql = "SELECT hex(group_concat(id || char(31) || title || char(31) || ifnull(acronym, '')"
                    " || char(31) || budget_cents, char(30))) FROM (SELECT * FROM project ORDER BY id)";

  for (guint i = 0; i < G_N_ELEMENTS (titles); i++)
    {
      g_autofree char *title = g_strdup_printf ("title=%s", titles[i]);
      g_autofree char *acronym = g_strdup_printf ("acronym=%s", titles[(i + 1) % G_N_ELEMENTS (titles)]);

      g_free (lotse_test_cli_add_row (fixture, "project", title, acronym, "budget_cents=4200", NULL));
    }

  exported = lotse_test_cli_run (fixture->dir, "--db", fixture->db, "export", "csv", "project", "-o",
                                 csv, NULL);
  g_assert_cmpint (exported->status, ==, 0);

  rows = spreadsheet_cells (fixture, csv);
  g_assert_cmpuint (json_array_get_length (rows), ==, G_N_ELEMENTS (titles) + 1);
  for (guint r = 0; r < json_array_get_length (rows); r++)
    {
      JsonArray *row = json_array_get_array_element (rows, r);

      for (guint c = 0; c < json_array_get_length (row); c++)
        {
          JsonObject *cell = json_array_get_object_element (row, c);

          if (g_str_equal (json_object_get_string_member (cell, "type"), "f"))
            g_error ("row %u, column %u is a formula: %s", r, c,
                     json_object_get_string_member (cell, "value"));
        }

      if (r > 0)
        {
          JsonObject *budget = cell_of (rows, r, "budget_cents");

          g_assert_cmpstr (json_object_get_string_member (budget, "type"), ==, "n");
          g_assert_cmpstr (json_object_get_string_member (budget, "value"), ==, "4200");
        }
    }
  {
    gboolean found = FALSE;

    for (guint r = 1; r < json_array_get_length (rows); r++)
      {
        JsonObject *title = cell_of (rows, r, "title");

        if (g_strcmp0 (json_object_get_string_member (title, "value"), "0042") == 0)
          {
            g_assert_cmpstr (json_object_get_string_member (title, "type"), ==, "s");
            found = TRUE;
          }
      }
    g_assert_true (found);
  }

  imported = lotse_test_cli_run (other->dir, "--db", other->db, "import", "csv", "project", csv, NULL);
  g_assert_cmpint (imported->status, ==, 0);
  {
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
  g_test_add_func ("/cli/monitor/history", test_monitor_history);
  g_test_add_func ("/cli/monitor/json", test_monitor_json);
  g_test_add_func ("/cli/monitor/funder-reports", test_monitor_funder_reports);
  g_test_add_func ("/cli/monitor/usage", test_monitor_usage);
  g_test_add_func ("/cli/import-csv/tables", test_import);
  g_test_add_func ("/cli/import-csv/usage", test_import_usage);
  g_test_add_func ("/cli/export-csv/round-trip", test_export_round_trip);
  g_test_add_func ("/cli/export-csv/spreadsheet", test_export_spreadsheet);

  return g_test_run ();
}
