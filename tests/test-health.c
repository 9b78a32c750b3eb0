/* test-health.c: a project's traffic light follows its status reports
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The rule is in src/core/lotse-health.c. Each test writes status reports
 * the way one writer does (the store, as the app and lotse-cli do; the
 * CSV import) and reads the project back from the database file.
 */

#include "config.h"

#include <string.h>

#include "lotse-test-helpers.h"

typedef struct
{
  char       *dir;
  LotseStore *store;
  char       *project;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->store = lotse_test_open_store (&f->dir);
  f->project = lotse_test_insert (f->store, "project", "title=Smarte Quartiere", "acronym=SQ",
                                  "status=running", "health=yellow", NULL);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->store);
  lotse_test_remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->project);
}

/* The project's health as stored in the file; "" for none. */
static char *
stored_health (Fixture    *f,
               const char *project)
{
  g_autofree char *sql = g_strdup_printf ("SELECT coalesce (health, '') FROM project WHERE id = '%s'",
                                          project);

  return lotse_test_query_text (lotse_store_get_path (f->store), sql);
}

#define assert_health(f, project, expected) \
  G_STMT_START { \
    g_autofree char *health_ = stored_health ((f), (project)); \
    g_assert_cmpstr (health_, ==, (expected)); \
  } G_STMT_END

static char *
add_report (Fixture    *f,
            const char *project,
            const char *date,
            const char *health)
{
  g_autofree char *project_id = g_strdup_printf ("project_id=%s", project);
  g_autofree char *date_value = g_strdup_printf ("date=%s", date);
  g_autofree char *health_value = g_strdup_printf ("health=%s", health);

  return lotse_test_insert (f->store, "status_report", project_id, date_value, health_value,
                            "summary=Bericht", NULL);
}

static void
set_field (Fixture    *f,
           const char *table,
           const char *id,
           const char *field,
           const char *value)
{
  g_autoptr(LotseRecord) record = lotse_store_get (f->store, table, id, NULL);
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (record);
  lotse_record_set (record, field, value);
  g_assert_true (lotse_store_update (f->store, record, &error));
  g_assert_no_error (error);
}

static gint64
count_project_changes (Fixture    *f,
                       const char *project)
{
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM outbox WHERE table_name = 'project'"
                                          " AND row_id = '%s'", project);

  return lotse_test_query_int (lotse_store_get_path (f->store), sql);
}

/* The latest date decides; on one date the worst; a deleted report does
 * not count, and without reports there is no traffic light. */
static void
test_latest_report (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *january = add_report (f, f->project, "2026-01-10", "yellow");
  g_autofree char *march = NULL;
  g_autofree char *february = NULL;
  g_autofree char *march_red = NULL;
  g_autoptr(GError) error = NULL;

  assert_health (f, f->project, "yellow");
  march = add_report (f, f->project, "2026-03-01", "green");
  assert_health (f, f->project, "green");

  /* An older report changes nothing. */
  february = add_report (f, f->project, "2026-02-01", "red");
  assert_health (f, f->project, "green");

  /* Two on one date: the worse one. */
  march_red = add_report (f, f->project, "2026-03-01", "red");
  assert_health (f, f->project, "red");

  g_assert_true (lotse_store_delete (f->store, "status_report", march_red, &error));
  assert_health (f, f->project, "green");

  set_field (f, "status_report", march, "health", "yellow");
  assert_health (f, f->project, "yellow");

  set_field (f, "status_report", february, "date", "2026-04-01");
  assert_health (f, f->project, "red");

  g_assert_true (lotse_store_delete (f->store, "status_report", february, &error));
  g_assert_true (lotse_store_delete (f->store, "status_report", march, &error));
  assert_health (f, f->project, "yellow");
  g_assert_true (lotse_store_delete (f->store, "status_report", january, &error));
  assert_health (f, f->project, "");

  g_assert_true (lotse_store_undelete (f->store, "status_report", march, &error));
  g_assert_no_error (error);
  assert_health (f, f->project, "yellow");
}

/* A report moved to another project: both follow. */
static void
test_moved_report (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *other = lotse_test_insert (f->store, "project", "title=Digitale Dörfer",
                                              "status=running", NULL);
  g_autofree char *report = add_report (f, f->project, "2026-05-04", "red");

  assert_health (f, f->project, "red");
  assert_health (f, other, "");

  set_field (f, "status_report", report, "project_id", other);
  assert_health (f, f->project, "");
  assert_health (f, other, "red");
}

/* A direct edit stands until the project's reports change; a summary
 * alone is no such change. */
static void
test_direct_edit (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *report = add_report (f, f->project, "2026-06-01", "red");
  g_autofree char *next = NULL;

  set_field (f, "project", f->project, "health", "green");
  assert_health (f, f->project, "green");

  set_field (f, "status_report", report, "summary", "Verzug aufgeholt");
  assert_health (f, f->project, "green");

  next = add_report (f, f->project, "2026-07-01", "yellow");
  assert_health (f, f->project, "yellow");
}

/* The derived health is an edit for sync like any other: one outbox entry
 * with the health, based on the project's revision; none when the health
 * was right already. */
static void
test_outbox (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autofree char *sql = NULL;
  gint64 before = count_project_changes (f, f->project);

  first = add_report (f, f->project, "2026-06-01", "red");
  g_assert_cmpint (count_project_changes (f, f->project), ==, before + 1);
  sql = g_strdup_printf ("SELECT fields FROM outbox WHERE table_name = 'project' AND row_id = '%s'"
                         " ORDER BY seq DESC LIMIT 1", f->project);
  {
    g_autofree char *fields = lotse_test_query_text (lotse_store_get_path (f->store), sql);

    g_assert_cmpstr (fields, ==, "{\"health\":\"red\"}");
  }

  second = add_report (f, f->project, "2026-07-01", "red");
  g_assert_cmpint (count_project_changes (f, f->project), ==, before + 1);
}

/* Only the health is written: a project whose lead organisation was
 * deleted since still takes its report's health, and the report is
 * saved. */
static void
test_dangling_reference (Fixture       *f,
                         gconstpointer  data)
{
  g_autofree char *organisation = lotse_test_insert (f->store, "organisation", "name=Verein Zukunft",
                                                     NULL);
  g_autofree char *report = NULL;
  g_autoptr(GError) error = NULL;

  set_field (f, "project", f->project, "lead_organisation_id", organisation);
  g_assert_true (lotse_store_delete (f->store, "organisation", organisation, &error));

  report = add_report (f, f->project, "2026-08-01", "red");
  assert_health (f, f->project, "red");
}

/* Rows written without an outbox are bulk data: left as written. */
static void
test_bulk_write (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(LotseRecord) report = lotse_record_new_for_table ("status_report");
  g_autoptr(GError) error = NULL;

  lotse_record_set (report, "project_id", f->project);
  lotse_record_set (report, "date", "2026-09-01");
  lotse_record_set (report, "health", "red");
  g_assert_true (lotse_store_insert_full (f->store, report, LOTSE_STORE_WRITE_NO_OUTBOX, &error));
  g_assert_no_error (error);
  assert_health (f, f->project, "yellow");
}

/* Status reports from a spreadsheet move the traffic light too; with a bad
 * row nothing is imported and nothing moves. */
static void
test_csv_import (Fixture       *f,
                 gconstpointer  data)
{
  const char *bad = "Projekt;Datum;Ampel;Zusammenfassung\r\n"
                    "SQ;30.09.2026;Kritisch;Förderbescheid fehlt\r\n"
                    "SQ;31.09.2026;Grün;kein Datum\r\n";
  const char *good = "Projekt;Datum;Ampel;Zusammenfassung\r\n"
                     "SQ;30.06.2026;Grün;Plan eingehalten\r\n"
                     "Smarte Quartiere;30.09.2026;Kritisch;Förderbescheid fehlt\r\n";
  g_autoptr(GError) error = NULL;
  guint n = 0;

  g_assert_false (lotse_csv_import (f->store, "status_report", bad, strlen (bad), FALSE, &n, NULL,
                                    &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  assert_health (f, f->project, "yellow");

  g_assert_true (lotse_csv_import (f->store, "status_report", good, strlen (good), FALSE, &n, NULL,
                                   &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 2);
  assert_health (f, f->project, "red");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/health/latest-report", test_latest_report);
  ADD ("/health/moved-report", test_moved_report);
  ADD ("/health/direct-edit", test_direct_edit);
  ADD ("/health/outbox", test_outbox);
  ADD ("/health/dangling-reference", test_dangling_reference);
  ADD ("/health/bulk-write", test_bulk_write);
  ADD ("/health/csv-import", test_csv_import);

#undef ADD

  return g_test_run ();
}
