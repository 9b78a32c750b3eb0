/* test-cli-report.c: lotse-cli export milestones|agenda|minutes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs the real binary against the demo database, in English and with
 * LANGUAGE=de and the build's translations, and reads the PDFs back with
 * poppler-utils.
 */

#include "config.h"

#include <string.h>

#include "lotse-test-cli.h"
#include "test-report-pdf.h"

#define TODAY "2026-11-30"

static LotseTestCliFixture *
demo_fixture (void)
{
  LotseTestCliFixture *fixture = lotse_test_cli_fixture_new ();
  /* On the day its data are written for, a week before TODAY. */
  g_autoptr(LotseTestCliResult) result = lotse_test_cli_run_db (fixture->dir, fixture->db, "demo",
                                                                "--today", "2026-11-22", NULL);

  g_assert_cmpint (result->status, ==, 0);

  return fixture;
}

static char *
meeting_id (LotseTestCliFixture *fixture,
            const char          *title)
{
  g_autofree char *escaped = g_strescape (title, NULL);
  g_autofree char *sql = g_strdup_printf ("SELECT id FROM meeting WHERE title = '%s'", escaped);

  return lotse_test_query_text (fixture->db, sql);
}

/* Runs lotse-cli with the messages in German, from the build's catalogue. */
static LotseTestCliResult *
run_german (LotseTestCliFixture *fixture,
            const char * const  *args)
{
  g_autofree char *localedir = g_build_filename (g_getenv ("G_TEST_BUILDDIR"), "..", "po", NULL);
  LotseTestCliResult *result;

  g_setenv ("LANGUAGE", "de", TRUE);
  g_setenv ("LOTSE_LOCALEDIR", localedir, TRUE);
  result = lotse_test_cli_run_argv (fixture->dir, args);
  g_unsetenv ("LANGUAGE");
  g_unsetenv ("LOTSE_LOCALEDIR");

  return result;
}

static char *
pdf_text_normalized (const char *path)
{
  g_autofree char *text = lotse_test_pdf_text (path, 0, 0);

  return lotse_test_pdf_normalize (text);
}

static void
test_milestones_english (void)
{
  g_autoptr(LotseTestCliFixture) fixture = demo_fixture ();
  g_autofree char *pdf = g_build_filename (fixture->dir, "Milestones.pdf", NULL);
  g_autoptr(LotseTestCliResult) result =
    lotse_test_cli_run_db (fixture->dir, fixture->db, "export", "milestones", "-o", pdf,
                           "--today", TODAY, NULL);
  g_autofree char *text = NULL;
  g_autofree char *title = NULL;

  g_assert_cmpint (result->status, ==, 0);
  g_assert_nonnull (strstr (result->out, "pages to"));
  lotse_test_pdf_assert_fonts_embedded (pdf);
  lotse_test_pdf_assert_footers (pdf, "Page", "of", "As of " TODAY);
  title = lotse_test_pdf_info (pdf, "Title");
  g_assert_cmpstr (title, ==, "Milestone overview – All programmes");

  text = pdf_text_normalized (pdf);
  lotse_test_pdf_assert_contains (text, "Funkplanung für das Testfeld abgeschlossen");
  lotse_test_pdf_assert_contains (text, "On track");
}

static void
test_milestones_german (void)
{
  g_autoptr(LotseTestCliFixture) fixture = demo_fixture ();
  g_autofree char *pdf = g_build_filename (fixture->dir, "Meilensteine.pdf", NULL);
  g_autofree char *programme = lotse_test_query_text (fixture->db,
                                                      "SELECT id FROM programme WHERE name = 'OWL 4.0'");
  const char *args[] = { "--db", fixture->db, "export", "milestones", "--programme", programme,
                         "--from", "2016-01-01", "--to", "2019-12-31", "--today", TODAY, "-o", pdf, NULL };
  g_autoptr(LotseTestCliResult) result = run_german (fixture, args);
  g_autofree char *text = NULL;
  g_autofree char *title = NULL;

  g_assert_cmpint (result->status, ==, 0);
  g_assert_nonnull (strstr (result->out, "Seiten nach"));
  lotse_test_pdf_assert_fonts_embedded (pdf);
  lotse_test_pdf_assert_footers (pdf, "Seite", "von", "Stand: 30.11.2026");
  title = lotse_test_pdf_info (pdf, "Title");
  g_assert_cmpstr (title, ==, "Meilensteinübersicht – OWL 4.0");

  text = pdf_text_normalized (pdf);
  lotse_test_pdf_assert_contains (text, "Meilensteinübersicht");
  lotse_test_pdf_assert_contains (text, "Zeitraum 01.01.2016 bis 31.12.2019");
  lotse_test_pdf_assert_contains (text, "Stand 30.11.2026");
  lotse_test_pdf_assert_contains (text, "Zusammenfassung");
  lotse_test_pdf_assert_contains (text, "Ampel");
  lotse_test_pdf_assert_contains (text, "Im Plan");
  lotse_test_pdf_assert_contains (text, "Nächster Meilenstein");
  lotse_test_pdf_assert_contains (text, "Zeitplan");
  lotse_test_pdf_assert_contains (text, "Meilensteine nach Projekt");
  lotse_test_pdf_assert_contains (text, "Erledigt");
  lotse_test_pdf_assert_contains (text, "BIM-Schulungsreihe für Handwerksbetriebe");
  /* A project of another programme is not in it. */
  g_assert_null (strstr (text, "5GMarl"));
}

static void
test_agenda_and_minutes_german (void)
{
  g_autoptr(LotseTestCliFixture) fixture = demo_fixture ();
  g_autofree char *agenda_pdf = g_build_filename (fixture->dir, "Tagesordnung.pdf", NULL);
  g_autofree char *minutes_pdf = g_build_filename (fixture->dir, "Protokoll.pdf", NULL);
  g_autofree char *upcoming = meeting_id (fixture, "Jour fixe 24.11.2026");
  g_autofree char *held = meeting_id (fixture, "Jour fixe 10.11.2026");
  const char *agenda_args[] = { "--db", fixture->db, "export", "agenda", upcoming, "-o", agenda_pdf,
                                "--today", TODAY, NULL };
  const char *minutes_args[] = { "--db", fixture->db, "export", "-o", minutes_pdf, "minutes", held,
                                 "--today", TODAY, NULL };
  g_autoptr(LotseTestCliResult) agenda = run_german (fixture, agenda_args);
  g_autoptr(LotseTestCliResult) minutes = run_german (fixture, minutes_args);
  g_autofree char *agenda_text = NULL;
  g_autofree char *minutes_text = NULL;

  g_assert_cmpint (agenda->status, ==, 0);
  g_assert_cmpint (minutes->status, ==, 0);
  lotse_test_pdf_assert_footers (agenda_pdf, "Seite", "von", "Stand: 30.11.2026");
  lotse_test_pdf_assert_footers (minutes_pdf, "Seite", "von", "Stand: 30.11.2026");
  lotse_test_pdf_assert_fonts_embedded (agenda_pdf);
  lotse_test_pdf_assert_fonts_embedded (minutes_pdf);

  agenda_text = pdf_text_normalized (agenda_pdf);
  lotse_test_pdf_assert_contains (agenda_text, "Tagesordnung");
  lotse_test_pdf_assert_contains (agenda_text, "Dienstag, 24. November 2026");
  lotse_test_pdf_assert_contains (agenda_text, "10:00–11:30 Uhr");
  lotse_test_pdf_assert_contains (agenda_text, "Teilnehmende");
  lotse_test_pdf_assert_contains (agenda_text, "Vortragende Person");
  lotse_test_pdf_assert_contains (agenda_text, "20 Min.");
  lotse_test_pdf_assert_contains (agenda_text, "Fragenkatalog: Veröffentlichung im Dezember");

  minutes_text = pdf_text_normalized (minutes_pdf);
  lotse_test_pdf_assert_contains (minutes_text, "Protokoll");
  lotse_test_pdf_assert_contains (minutes_text, "Anwesend");
  lotse_test_pdf_assert_contains (minutes_text, "Entschuldigt");
  lotse_test_pdf_assert_contains (minutes_text, "Übertragen aus der Sitzung vom 27.10.2026");
  lotse_test_pdf_assert_contains (minutes_text, "Beschluss:");
  lotse_test_pdf_assert_contains (minutes_text, "Verantwortlich");
  lotse_test_pdf_assert_contains (minutes_text, "Lenkungskreisvorlage erstellen");
}

/* The files of the fixture's dir other than the database. */
static guint
count_other_files (LotseTestCliFixture *fixture)
{
  g_autoptr(GDir) dir = g_dir_open (fixture->dir, 0, NULL);
  const char *name;
  guint n = 0;

  while ((name = g_dir_read_name (dir)) != NULL)
    {
      if (!g_str_has_prefix (name, "lotse.db") && !g_str_equal (name, "data-home"))
        n++;
    }

  return n;
}

/* The projects in the locale's order: in German “Äpfel” among the A and
 * “Ökologie” among the O, not after “Zukunft” as their bytes are. */
static void
test_milestones_locale_order (void)
{
  g_autoptr(LotseTestCliFixture) fixture = lotse_test_cli_fixture_new ();
  g_autofree char *pdf = g_build_filename (fixture->dir, "Meilensteine.pdf", NULL);
  const char *titles[] = { "Zukunft", "Ökologie", "eGovernment", "Äpfel", "Arbeit" };
  const char *german[] = { "Äpfel", "Arbeit", "eGovernment", "Ökologie", "Zukunft", NULL };
  const char *args[] = { "--db", fixture->db, "export", "milestones", "--today", TODAY, "-o", pdf, NULL };
  g_autoptr(LotseTestCliResult) result = NULL;
  g_autofree char *text = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (titles); i++)
    {
      g_autofree char *title = g_strdup_printf ("title=%s", titles[i]);
      g_autofree char *id = lotse_test_cli_add_row (fixture, "project", title, "status=running", NULL);
      g_autofree char *project = g_strdup_printf ("project_id=%s", id);
      g_autofree char *milestone = g_strdup_printf ("title=Meilenstein %s", titles[i]);
      g_autofree char *milestone_id = lotse_test_cli_add_row (fixture, "milestone", project, milestone,
                                                              "due_date=2026-12-15", NULL);
    }

  g_setenv ("LC_ALL", "de_DE.UTF-8", TRUE);
  result = run_german (fixture, args);
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  g_assert_cmpint (result->status, ==, 0);

  /* The summary table, page 1. */
  text = lotse_test_pdf_text (pdf, 1, 1);
  lotse_test_assert_in_order (text, german);
}

/* A status report added with lotse-cli moves the project's traffic light:
 * in the database and in the milestone overview. */
static void
test_status_report_health (void)
{
  g_autoptr(LotseTestCliFixture) fixture = lotse_test_cli_fixture_new ();
  g_autofree char *pdf = g_build_filename (fixture->dir, "Milestones.pdf", NULL);
  g_autofree char *project = lotse_test_cli_add_row (fixture, "project", "title=Smarte Quartiere",
                                                     "status=running", "health=yellow", NULL);
  g_autofree char *project_id = g_strdup_printf ("project_id=%s", project);
  g_autofree char *report = lotse_test_cli_add_row (fixture, "status_report", project_id,
                                                    "date=2026-11-20", "health=red", NULL);
  g_autofree char *sql = g_strdup_printf ("SELECT health FROM project WHERE id = '%s'", project);
  g_autofree char *health = lotse_test_query_text (fixture->db, sql);
  g_autoptr(LotseTestCliResult) result = NULL;
  g_autofree char *text = NULL;

  g_assert_cmpstr (health, ==, "red");

  result = lotse_test_cli_run_db (fixture->dir, fixture->db, "export", "milestones", "--today", TODAY,
                                  "-o", pdf, NULL);
  g_assert_cmpint (result->status, ==, 0);
  text = pdf_text_normalized (pdf);
  lotse_test_pdf_assert_contains (text, "Critical");
  g_assert_null (strstr (text, "At risk"));
}

static void
test_errors (void)
{
  g_autoptr(LotseTestCliFixture) fixture = demo_fixture ();
  g_autofree char *pdf = g_build_filename (fixture->dir, "out.pdf", NULL);
  g_autofree char *unwritable = g_build_filename (fixture->dir, "no-such-dir", "out.pdf", NULL);
  g_autofree char *uuid = lotse_new_uuid ();
  g_autofree char *meeting = meeting_id (fixture, "Jour fixe 10.11.2026");
  struct { const char *args[12]; int status; const char *message; } cases[] = {
    { { "export", "agenda", uuid, "-o", pdf }, 1, "does not exist" },
    { { "export", "minutes", "kein-meeting", "-o", pdf }, 1, "does not exist" },
    { { "export", "milestones", "--from", "2026-02-30", "-o", pdf }, 1, "not a date" },
    { { "export", "milestones", "--to", "morgen", "-o", pdf }, 1, "not a date" },
    /* sscanf() let a sign through: the year 26 and January. */
    { { "export", "milestones", "--today", "+026-01-05", "-o", pdf }, 1, "not a date" },
    { { "export", "milestones", "--from", "2026-+1-05", "-o", pdf }, 1, "not a date" },
    { { "export", "milestones", "--from", "2026-12-01", "--to", "2026-01-01", "-o", pdf }, 1, "after it ends" },
    { { "export", "milestones", "--programme", uuid, "-o", pdf }, 1, "does not exist" },
    { { "export", "milestones", "--project", uuid, "-o", pdf }, 1, "does not exist" },
    { { "export", "milestones", "-o", unwritable }, 1, "Cannot write" },
    { { "export", "milestones", "-o", fixture->dir }, 1, "folder" },
    { { "export", "milestones" }, 2, "-o FILE" },
    { { "export", "agenda", "-o", pdf }, 2, "MEETING_ID" },
    { { "export", "milestones", meeting, "-o", pdf }, 2, "Unexpected" },
    { { "export", "minutes", meeting, "--from", "2026-01-01", "-o", pdf }, 2, "milestones and statements only" },
    { { "export", "agenda", meeting, "extra", "-o", pdf }, 2, "Unexpected" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GPtrArray) args = g_ptr_array_new ();
      g_autoptr(LotseTestCliResult) result = NULL;

      g_ptr_array_add (args, (gpointer) "--db");
      g_ptr_array_add (args, fixture->db);
      for (guint j = 0; cases[i].args[j] != NULL; j++)
        g_ptr_array_add (args, (gpointer) cases[i].args[j]);
      g_ptr_array_add (args, NULL);

      result = lotse_test_cli_run_argv (fixture->dir, (const char * const *) args->pdata);
      if (result->status != cases[i].status || strstr (result->err, cases[i].message) == NULL)
        g_error ("case %u: exit %d, “%s”", i, result->status, result->err);
      g_assert_cmpuint (count_other_files (fixture), ==, 0);
    }

  /* A missing database is an error, not a new file. */
  {
    g_autofree char *missing = g_build_filename (fixture->dir, "missing.db", NULL);
    g_autoptr(LotseTestCliResult) result =
      lotse_test_cli_run_db (fixture->dir, missing, "export", "milestones", "-o", pdf, NULL);

    g_assert_cmpint (result->status, ==, 1);
    g_assert_false (g_file_test (missing, G_FILE_TEST_EXISTS));
    g_assert_false (g_file_test (pdf, G_FILE_TEST_EXISTS));
  }
}

static void
test_csv_still_works (void)
{
  g_autoptr(LotseTestCliFixture) fixture = demo_fixture ();
  g_autofree char *csv = g_build_filename (fixture->dir, "projects.csv", NULL);
  g_autoptr(LotseTestCliResult) result =
    lotse_test_cli_run_db (fixture->dir, fixture->db, "export", "csv", "project", "-o", csv, NULL);

  g_assert_cmpint (result->status, ==, 0);
  g_assert_true (g_file_test (csv, G_FILE_TEST_IS_REGULAR));
}

int
main (int    argc,
      char **argv)
{
  g_unsetenv ("LANGUAGE");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/cli/report/milestones/english", test_milestones_english);
  g_test_add_func ("/cli/report/milestones/german", test_milestones_german);
  g_test_add_func ("/cli/report/milestones/locale-order", test_milestones_locale_order);
  g_test_add_func ("/cli/report/meeting/german", test_agenda_and_minutes_german);
  g_test_add_func ("/cli/report/milestones/status-report-health", test_status_report_health);
  g_test_add_func ("/cli/report/errors", test_errors);
  g_test_add_func ("/cli/report/csv-still-works", test_csv_still_works);

  return g_test_run ();
}
