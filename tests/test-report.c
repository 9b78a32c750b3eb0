/* test-report.c: the PDF reports, read back with poppler-utils
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "lotse-report.h"
#include "lotse-test-helpers.h"
#include "test-report-pdf.h"

#define TODAY "2026-11-30"

typedef struct
{
  char       *dir;
  LotseStore *store;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->store = lotse_test_open_store (&fixture->dir);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->store);
  lotse_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
}

static void
load_demo (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;

  /* On the day its data are written for, as TODAY and the assertions expect. */
  lotse_demo_load (fixture->store, "2026-11-22", NULL, &error);
  g_assert_no_error (error);
}

/* Writes @report to a file in the fixture's dir and returns its path. */
static char *
write_report (Fixture     *fixture,
              LotseReport *report,
              const char  *name)
{
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (fixture->dir, name, NULL);

  g_assert_nonnull (report);
  lotse_report_write_pdf (report, path, &error);
  g_assert_no_error (error);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));

  return path;
}

/* What every report must be: as many pages as laid out, a footer on each,
 * fonts embedded, metadata set. */
static char *
check_pdf (const char  *path,
           LotseReport *report)
{
  g_autofree char *title = lotse_test_pdf_info (path, "Title");
  g_autofree char *author = lotse_test_pdf_info (path, "Author");
  g_autofree char *created = lotse_test_pdf_info (path, "CreationDate");
  g_autofree char *text = NULL;

  g_assert_cmpint (lotse_test_pdf_pages (path), ==, lotse_report_get_n_pages (report));
  g_assert_cmpstr (title, ==, lotse_report_get_title (report));
  g_assert_nonnull (author);
  g_assert_cmpstr (author, !=, "");
  g_assert_nonnull (created);
  g_assert_nonnull (strstr (created, "2026"));
  lotse_test_pdf_assert_fonts_embedded (path);
  lotse_test_pdf_assert_footers (path, "Page", "of", "As of " TODAY);

  text = lotse_test_pdf_text (path, 0, 0);
  return lotse_test_pdf_normalize (text);
}

static void
assert_milestones_present (LotseStore  *store,
                           const char  *text,
                           const char  *project_id)
{
  g_autoptr(GError) error = NULL;
  LotseFilter filter = { "project_id", project_id };
  g_autoptr(GPtrArray) milestones = lotse_store_list (store, "milestone", &filter,
                                                      project_id != NULL ? 1 : 0, NULL, 0, 0, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (milestones->len, >, 0);
  for (guint i = 0; i < milestones->len; i++)
    lotse_test_pdf_assert_contains (text, lotse_record_get (g_ptr_array_index (milestones, i), "title"));
}

/* Whether @needle is in binary @data (which may hold NUL bytes). */
static gboolean
contains_bytes (const char *data,
                gsize       length,
                const char *needle)
{
  gsize n = strlen (needle);

  for (gsize i = 0; i + n <= length; i++)
    {
      if (memcmp (data + i, needle, n) == 0)
        return TRUE;
    }

  return FALSE;
}

static void
test_milestones_demo (Fixture       *fixture,
                      gconstpointer  data)
{
  LotseMilestoneReportOptions options = { .today = TODAY };
  g_autoptr(GError) error = NULL;
  g_autoptr(LotseReport) report = NULL;
  g_autofree char *path = NULL;
  g_autofree char *text = NULL;
  g_autofree char *filename = NULL;
  double width, height;

  load_demo (fixture);
  report = lotse_report_new_milestones (fixture->store, &options, &error);
  g_assert_no_error (error);

  lotse_report_get_page_size (report, &width, &height);
  g_assert_cmpfloat (width, >, height);
  g_assert_true (lotse_report_is_landscape (report));
  g_assert_cmpuint (lotse_report_get_n_pages (report), >, 3);
  filename = lotse_report_suggest_filename (report);
  g_assert_cmpstr (filename, ==, "Milestones-" TODAY ".pdf");

  path = write_report (fixture, report, "milestones.pdf");
  text = check_pdf (path, report);
  assert_milestones_present (fixture->store, text, NULL);

  /* The title block, the traffic lights with their words, the chart. */
  lotse_test_pdf_assert_contains (text, "Milestone overview");
  lotse_test_pdf_assert_contains (text, "All programmes");
  lotse_test_pdf_assert_contains (text, "As of");
  lotse_test_pdf_assert_contains (text, "On track");
  lotse_test_pdf_assert_contains (text, "Critical");
  lotse_test_pdf_assert_contains (text, "Not assessed");
  lotse_test_pdf_assert_contains (text, "Timeline");
  lotse_test_pdf_assert_contains (text, "Project runtime");
  lotse_test_pdf_assert_contains (text, "Open, overdue");
  lotse_test_pdf_assert_contains (text, "Milestones by project");

  /* Bookmarks to the sections (outline entries are not compressed). */
  {
    g_autofree char *raw = NULL;
    gsize length;

    g_file_get_contents (path, &raw, &length, &error);
    g_assert_no_error (error);
    g_assert_true (contains_bytes (raw, length, "/Outlines"));
    g_assert_true (contains_bytes (raw, length, "/Title (Summary)"));
    g_assert_true (contains_bytes (raw, length, "/Title (Timeline)"));
  }
}

/* Whether normalized PDF @text has @needle, normalized the same way. */
static gboolean
has_text (const char *text,
          const char *needle)
{
  g_autofree char *normalized = lotse_test_pdf_normalize (needle);

  return strstr (text, normalized) != NULL;
}

/* The chart runs over several pages: each begins with the legend, and the
 * milestones are labelled on it. */
static void
test_milestones_timeline_pages (Fixture       *fixture,
                                gconstpointer  data)
{
  LotseMilestoneReportOptions options = { .today = TODAY };
  g_autoptr(GError) error = NULL;
  g_autoptr(LotseReport) report = NULL;
  g_autofree char *path = NULL;
  int first = 0, tables = 0, n_pages;
  gboolean labelled = FALSE;

  load_demo (fixture);
  report = lotse_report_new_milestones (fixture->store, &options, &error);
  g_assert_no_error (error);
  path = write_report (fixture, report, "milestones.pdf");
  n_pages = lotse_test_pdf_pages (path);

  for (int page = 1; page <= n_pages && tables == 0; page++)
    {
      g_autofree char *raw = lotse_test_pdf_text (path, page, page);
      g_autofree char *text = lotse_test_pdf_normalize (raw);

      if (first == 0 && has_text (text, "Timeline"))
        first = page;
      if (has_text (text, "Milestones by project"))
        tables = page;
    }
  g_test_message ("chart from page %d, tables from page %d of %d", first, tables, n_pages);
  g_assert_cmpint (first, >, 0);
  g_assert_cmpint (tables - first, >=, 2);

  for (int page = first; page < tables; page++)
    {
      g_autofree char *raw = lotse_test_pdf_text (path, page, page);
      g_autofree char *text = lotse_test_pdf_normalize (raw);

      if (!has_text (text, "Project runtime") || !has_text (text, "Overdue") ||
          !has_text (text, "Several milestones, too near to tell apart"))
        g_error ("page %d of the chart has no legend:\n%s", page, text);
      /* A milestone's title, beside its diamond. */
      labelled |= has_text (text, "Abschlussbericht");
    }
  g_assert_true (labelled);
}

/* A milestone that a completed project left open is not overdue: not in
 * the summary's count, not in its table. */
static void
test_milestones_closed_project (Fixture       *fixture,
                                gconstpointer  data)
{
  LotseMilestoneReportOptions options = { .today = TODAY };
  g_autoptr(GError) error = NULL;
  g_autoptr(LotseReport) report = NULL;
  g_autofree char *path = NULL;
  g_autofree char *text = NULL;
  g_autofree char *closed = lotse_test_insert (fixture->store, "project", "title=Altprojekt", "status=completed",
                                               "start_date=2016-01-01", "end_date=2019-02-28", NULL);
  g_autofree char *running = lotse_test_insert (fixture->store, "project", "title=Laufend", "status=running",
                                                "start_date=2025-01-01", "end_date=2027-12-31", NULL);
  g_autofree char *of_closed = g_strdup_printf ("project_id=%s", closed);
  g_autofree char *of_running = g_strdup_printf ("project_id=%s", running);

  g_free (lotse_test_insert (fixture->store, "milestone", of_closed, "title=Liegengeblieben",
                             "due_date=2018-09-30", "status=open", NULL));
  g_free (lotse_test_insert (fixture->store, "milestone", of_running, "title=Verspätet",
                             "due_date=2026-10-31", "status=open", NULL));
  report = lotse_report_new_milestones (fixture->store, &options, &error);
  g_assert_no_error (error);
  path = write_report (fixture, report, "closed.pdf");
  text = check_pdf (path, report);

  /* The chart's labels; in the tables one milestone is "Open, overdue". */
  lotse_test_pdf_assert_contains (text, "Verspätet, overdue");
  lotse_test_pdf_assert_contains (text, "Liegengeblieben");
  g_assert_false (has_text (text, "Liegengeblieben, overdue"));
  g_assert_nonnull (strstr (text, "Open,overdue"));
  g_assert_null (strstr (strstr (text, "Open,overdue") + 1, "Open,overdue"));
}

static char *
first_id (LotseStore *store,
          const char *table,
          const char *field,
          const char *value)
{
  g_autoptr(GError) error = NULL;
  LotseFilter filter = { field, value };
  g_autoptr(GPtrArray) rows = lotse_store_list (store, table, &filter, 1, NULL, 1, 0, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 1);

  return g_strdup (lotse_record_get_id (g_ptr_array_index (rows, 0)));
}

static void
test_milestones_programme (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LotseReport) report = NULL;
  g_autofree char *programme = NULL;
  g_autofree char *path = NULL;
  g_autofree char *text = NULL;
  g_autofree char *ml = NULL;
  LotseMilestoneReportOptions options = { .today = TODAY };

  load_demo (fixture);
  programme = first_id (fixture->store, "programme", "name", "SMART REGION Emscher-Lippe");
  ml = first_id (fixture->store, "project", "acronym", "ML-Produktion");
  options.programme_id = programme;
  options.from = "2026-01-01";
  options.to = "2026-12-31";
  report = lotse_report_new_milestones (fixture->store, &options, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (lotse_report_get_title (report), ==, "Milestone overview – SMART REGION Emscher-Lippe");

  path = write_report (fixture, report, "programme.pdf");
  text = check_pdf (path, report);
  lotse_test_pdf_assert_contains (text, "SMART REGION Emscher-Lippe");
  lotse_test_pdf_assert_contains (text, "2026-01-01 to 2026-12-31");
  lotse_test_pdf_assert_contains (text, "Projektänderungsantrag beim Fördergeber");
  /* Another programme's project and a milestone outside the period are not shown. */
  g_assert_null (strstr (text, "BauenBauen4.0"));
  g_assert_null (strstr (text, "Funkplanungfür"));

  /* A project and its programme together. */
  options.project_id = ml;
  g_clear_object (&report);
  report = lotse_report_new_milestones (fixture->store, &options, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (lotse_report_get_n_pages (report), >=, 2);
}

static char *
add_project (Fixture    *fixture,
             const char *title,
             const char *start,
             const char *end)
{
  g_autofree char *title_field = g_strconcat ("title=", title, NULL);
  g_autofree char *start_field = g_strconcat ("start_date=", start, NULL);
  g_autofree char *end_field = g_strconcat ("end_date=", end, NULL);

  return lotse_test_insert (fixture->store, "project", title_field, start_field, end_field,
                            "status=running", "health=yellow", NULL);
}

static void
test_milestones_edge_cases (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LotseReport) report = NULL;
  g_autoptr(GString) long_title = g_string_new (NULL);
  g_autofree char *empty = add_project (fixture, "Projekt ohne Meilensteine", "2026-01-01", "2026-12-31");
  g_autofree char *big = add_project (fixture, "Großprojekt mit zweihundert Meilensteinen",
                                      "2025-01-01", "2027-12-31");
  g_autofree char *long_one = NULL;
  g_autofree char *long_project = NULL;
  g_autofree char *path = NULL;
  g_autofree char *text = NULL;
  LotseMilestoneReportOptions options = { .today = TODAY };
  int pages, with_header = 0;

  for (guint i = 0; i < 200; i++)
    {
      g_autofree char *project = g_strconcat ("project_id=", big, NULL);
      g_autofree char *title = g_strdup_printf ("title=Arbeitspaket %03u abgeschlossen", i + 1);
      g_autofree char *due = g_strdup_printf ("due_date=2026-%02u-%02u", i % 12 + 1, i % 28 + 1);
      g_autofree char *id = lotse_test_insert (fixture->store, "milestone", project, title, due,
                                               i % 3 == 0 ? "status=done" : "status=open", NULL);
    }

  /* 300 characters, and a word longer than any column. */
  while (long_title->len < 300)
    g_string_append (long_title, "Überführung der Ergebnisse in den Regelbetrieb aller Kommunen ");
  g_string_truncate (long_title, 240);
  g_string_append (long_title, " Donaudampfschifffahrtsgesellschaftskapitänsmützenabzeichenherstellung");
  while (g_utf8_strlen (long_title->str, -1) > 300)
    g_string_truncate (long_title, long_title->len - 1);
  long_project = add_project (fixture, long_title->str, "2026-03-01", "2027-02-28");
  {
    g_autofree char *project = g_strconcat ("project_id=", long_project, NULL);
    g_autofree char *title = g_strconcat ("title=", long_title->str, NULL);

    long_one = lotse_test_insert (fixture->store, "milestone", project, title,
                                  "due_date=2026-10-01", "status=at_risk", NULL);
  }

  /* Text that looks like markup stays text. */
  {
    g_autofree char *markup = lotse_test_insert (fixture->store, "project",
                                                 "title=Forschung & Entwicklung <KI>", "acronym=F&E <1>",
                                                 "status=running", NULL);
    g_autofree char *project = g_strconcat ("project_id=", markup, NULL);
    g_autofree char *id = lotse_test_insert (fixture->store, "milestone", project,
                                             "title=Prototyp <b>fertig</b> & getestet",
                                             "due_date=2026-12-01", "status=open", NULL);
  }

  report = lotse_report_new_milestones (fixture->store, &options, &error);
  g_assert_no_error (error);
  path = write_report (fixture, report, "edge.pdf");
  text = check_pdf (path, report);

  assert_milestones_present (fixture->store, text, big);
  assert_milestones_present (fixture->store, text, long_project);
  lotse_test_pdf_assert_contains (text, "Projekt ohne Meilensteine");
  lotse_test_pdf_assert_contains (text, "No milestones.");
  lotse_test_pdf_assert_contains (text, "67 / 200");
  lotse_test_pdf_assert_contains (text, "F&E <1>");
  lotse_test_pdf_assert_contains (text, "Forschung & Entwicklung <KI>");
  lotse_test_pdf_assert_contains (text, "Prototyp <b>fertig</b> & getestet");

  /* The 200 rows run over pages, each page with the table's header. */
  pages = lotse_test_pdf_pages (path);
  for (int i = 1; i <= pages; i++)
    {
      g_autofree char *page = lotse_test_pdf_text (path, i, i);

      if (strstr (page, "Arbeitspaket") != NULL && strstr (page, "Milestone Due Done Status") != NULL)
        with_header++;
    }
  g_assert_cmpint (with_header, >=, 3);
}

static void
test_milestones_empty_period (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LotseReport) report = NULL;
  g_autofree char *path = NULL;
  g_autofree char *text = NULL;
  LotseMilestoneReportOptions options = { .today = TODAY, .from = "2040-01-01", .to = "2040-03-31" };

  load_demo (fixture);
  report = lotse_report_new_milestones (fixture->store, &options, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (lotse_report_get_n_pages (report), ==, 1);

  path = write_report (fixture, report, "empty.pdf");
  text = check_pdf (path, report);
  lotse_test_pdf_assert_contains (text, "No projects run or have milestones in this period.");

}

static void
test_milestones_empty_database (Fixture       *fixture,
                                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  LotseMilestoneReportOptions options = { .today = TODAY };
  g_autoptr(LotseReport) report = lotse_report_new_milestones (fixture->store, &options, &error);
  g_autofree char *path = NULL;
  g_autofree char *text = NULL;

  g_assert_no_error (error);
  path = write_report (fixture, report, "nothing.pdf");
  text = check_pdf (path, report);
  lotse_test_pdf_assert_contains (text, "All programmes");
  lotse_test_pdf_assert_contains (text, "all dates");
}

static void
test_milestones_invalid (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autofree char *uuid = lotse_new_uuid ();
  g_autofree char *project = add_project (fixture, "Irgendein Projekt", "2026-01-01", "2026-12-31");
  g_autofree char *programme = lotse_test_insert (fixture->store, "programme", "name=Anderes Programm", NULL);
  struct { LotseMilestoneReportOptions options; int code; } cases[] = {
    { { .from = "2026-13-01" }, LOTSE_ERROR_INVALID_VALUE },
    { { .to = "30.11.2026" }, LOTSE_ERROR_INVALID_VALUE },
    { { .from = "2026-02-30" }, LOTSE_ERROR_INVALID_VALUE },
    { { .from = "" }, LOTSE_ERROR_INVALID_VALUE },
    { { .today = "gestern" }, LOTSE_ERROR_INVALID_VALUE },
    { { .from = "2026-12-01", .to = "2026-11-30" }, LOTSE_ERROR_INVALID_VALUE },
    { { .programme_id = uuid }, LOTSE_ERROR_NOT_FOUND },
    { { .programme_id = "'; DROP TABLE project; --" }, LOTSE_ERROR_NOT_FOUND },
    { { .project_id = uuid }, LOTSE_ERROR_NOT_FOUND },
    { { .project_id = project, .programme_id = programme }, LOTSE_ERROR_INVALID_VALUE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(LotseReport) report = lotse_report_new_milestones (fixture->store, &cases[i].options, &error);

      g_assert_null (report);
      g_assert_error (error, LOTSE_ERROR, cases[i].code);
    }
  g_assert_cmpint (lotse_store_count (fixture->store, "project", NULL, 0, NULL), ==, 1);
}

static void
test_write_fails (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  LotseMilestoneReportOptions options = { .today = TODAY };
  g_autoptr(LotseReport) report = lotse_report_new_milestones (fixture->store, &options, &error);
  g_autofree char *missing_dir = g_build_filename (fixture->dir, "missing", "report.pdf", NULL);
  g_autofree char *existing = g_build_filename (fixture->dir, "keep.pdf", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GDir) dir = NULL;
  const char *name;

  g_assert_no_error (error);

  g_assert_false (lotse_report_write_pdf (report, missing_dir, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_false (g_file_test (missing_dir, G_FILE_TEST_EXISTS));

  g_assert_false (lotse_report_write_pdf (report, fixture->dir, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY);
  g_clear_error (&error);

  /* Replacing a file goes through a temporary file: nothing is left over. */
  g_file_set_contents (existing, "old", -1, &error);
  g_assert_no_error (error);
  lotse_report_write_pdf (report, existing, &error);
  g_assert_no_error (error);
  g_file_get_contents (existing, &contents, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (contents, "%PDF-"));

  dir = g_dir_open (fixture->dir, 0, &error);
  g_assert_no_error (error);
  while ((name = g_dir_read_name (dir)) != NULL)
    g_assert_true (g_str_equal (name, "keep.pdf") || g_str_has_prefix (name, "lotse.db") ||
                   g_str_has_suffix (name, ".db") || strstr (name, ".db-") != NULL);
}

static char *
demo_meeting (Fixture    *fixture,
              const char *title)
{
  return first_id (fixture->store, "meeting", "title", title);
}

static void
test_agenda_demo (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LotseReport) report = NULL;
  g_autofree char *meeting = NULL;
  g_autofree char *path = NULL;
  g_autofree char *text = NULL;
  g_autofree char *filename = NULL;
  LotseFilter filter = { "meeting_id", NULL };
  g_autoptr(GPtrArray) items = NULL;
  double width, height;

  load_demo (fixture);
  meeting = demo_meeting (fixture, "Jour fixe 24.11.2026");
  report = lotse_report_new_agenda (fixture->store, meeting, TODAY, &error);
  g_assert_no_error (error);
  lotse_report_get_page_size (report, &width, &height);
  g_assert_cmpfloat (width, <, height);
  filename = lotse_report_suggest_filename (report);
  /* Named after the meeting's day, not the day of the export. */
  g_assert_cmpstr (filename, ==, "Agenda-2026-11-24.pdf");

  path = write_report (fixture, report, "agenda.pdf");
  text = check_pdf (path, report);

  filter.value = meeting;
  items = lotse_store_list (fixture->store, "agenda_item", &filter, 1, NULL, 0, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (items->len, >=, 5);
  for (guint i = 0; i < items->len; i++)
    lotse_test_pdf_assert_contains (text, lotse_record_get (g_ptr_array_index (items, i), "title"));

  /* Date, time, place; the computed start times of the items. */
  lotse_test_pdf_assert_contains (text, "Tuesday, 24 November 2026");
  lotse_test_pdf_assert_contains (text, "10:00–11:30");
  lotse_test_pdf_assert_contains (text, "OWL Arena, Bielefeld");
  lotse_test_pdf_assert_contains (text, "110:00");
  lotse_test_pdf_assert_contains (text, "210:05");
  lotse_test_pdf_assert_contains (text, "310:10");
  lotse_test_pdf_assert_contains (text, "20 min");
  lotse_test_pdf_assert_contains (text, "Participants");
  lotse_test_pdf_assert_contains (text, "Katrin Voßmeyer");
  lotse_test_pdf_assert_contains (text, "5G Marl");
}

/* The agenda of the series' next meeting lists every open action item of
 * the series in a table of its own: 40 more than the demo's, where the
 * prepared agenda's item could list only some in its notes. Done ones
 * and those of another series are not listed. */
static void
test_agenda_open_actions (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LotseReport) report = NULL;
  g_autofree char *held = NULL;
  g_autofree char *planned = NULL;
  g_autofree char *path = NULL;
  g_autofree char *text = NULL;

  load_demo (fixture);
  held = demo_meeting (fixture, "Jour fixe 10.11.2026");
  planned = demo_meeting (fixture, "Jour fixe 24.11.2026");
  for (guint i = 0; i < 42; i++)
    {
      g_autoptr(LotseRecord) action = lotse_record_new_for_table ("action_item");
      g_autofree char *title = g_strdup_printf ("Offener Punkt Nummer %02u", i);

      lotse_record_set (action, "meeting_id", held);
      lotse_record_set (action, "title", title);
      lotse_record_set (action, "status", i == 40 ? "done" : i == 41 ? "dropped" : "open");
      g_assert_true (lotse_store_insert (fixture->store, action, &error));
      g_assert_no_error (error);
    }

  report = lotse_report_new_agenda (fixture->store, planned, TODAY, &error);
  g_assert_no_error (error);
  path = write_report (fixture, report, "agenda.pdf");
  text = check_pdf (path, report);

  lotse_test_pdf_assert_contains (text, "Open action items");
  lotse_test_pdf_assert_contains (text, "Agreed");
  for (guint i = 0; i < 40; i++)
    {
      g_autofree char *title = g_strdup_printf ("Offener Punkt Nummer %02u", i);

      lotse_test_pdf_assert_contains (text, title);
    }
  g_assert_null (strstr (text, "Offener Punkt Nummer 40"));
  g_assert_null (strstr (text, "Offener Punkt Nummer 41"));
}

/* A meeting written by a machine in UTC (as lotse-cli there stores it) is
 * printed at the office's time, on the office's day. */
static void
test_agenda_office_zone (Fixture       *fixture,
                         gconstpointer  data)
{
  static const struct
  {
    const char *zone;
    const char *starts_at;
    const char *date;
    const char *time;
    const char *file;
  } cases[] = {
    { NULL, "2026-12-03T13:00:00+00:00", "Thursday, 3 December 2026", "14:00–16:00",
      "Agenda-2026-12-03.pdf" },
    { NULL, "2026-06-04T12:00:00+00:00", "Thursday, 4 June 2026", "14:00–16:00",
      "Agenda-2026-06-04.pdf" },
    { NULL, "2026-11-30T23:30:00+00:00", "Tuesday, 1 December 2026", "00:30–02:30",
      "Agenda-2026-12-01.pdf" },
    { "America/New_York", "2026-12-03T13:00:00+00:00", "Thursday, 3 December 2026",
      "08:00–10:00", "Agenda-2026-12-03.pdf" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(LotseReport) report = NULL;
      g_autofree char *meeting = NULL;
      g_autofree char *path = NULL;
      g_autofree char *text = NULL;
      g_autofree char *filename = NULL;
      g_autofree char *starts = g_strconcat ("starts_at=", cases[i].starts_at, NULL);
      g_autofree char *name = g_strdup_printf ("agenda-%u.pdf", i);
      g_autofree char *meeting_ref = NULL;

      if (cases[i].zone != NULL)
        {
          g_autoptr(LotseRecord) office = lotse_office_get (fixture->store, &error);

          lotse_record_set (office, "time_zone", cases[i].zone);
          g_assert_true (lotse_office_save (fixture->store, office, &error));
          g_assert_no_error (error);
        }
      meeting = lotse_test_insert (fixture->store, "meeting", "title=Lenkungskreis", "kind=steering",
                                   starts, "duration_min=120", "status=planned", NULL);
      meeting_ref = g_strconcat ("meeting_id=", meeting, NULL);
      g_free (lotse_test_insert (fixture->store, "agenda_item", meeting_ref,
                                 "title=Bericht des Projektbüros", "kind=information",
                                 "status=open", "duration_min=30", "position=1", NULL));
      report = lotse_report_new_agenda (fixture->store, meeting, TODAY, &error);
      g_assert_no_error (error);
      path = write_report (fixture, report, name);
      text = check_pdf (path, report);
      filename = lotse_report_suggest_filename (report);

      g_test_message ("%s in %s", cases[i].starts_at, cases[i].zone);
      lotse_test_pdf_assert_contains (text, cases[i].date);
      lotse_test_pdf_assert_contains (text, cases[i].time);
      g_assert_cmpstr (filename, ==, cases[i].file);
    }
}

static void
test_minutes_demo (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LotseReport) report = NULL;
  g_autofree char *meeting = NULL;
  g_autofree char *path = NULL;
  g_autofree char *text = NULL;
  LotseFilter filter = { "meeting_id", NULL };
  g_autoptr(GPtrArray) decisions = NULL;
  g_autoptr(GPtrArray) actions = NULL;
  g_autoptr(LotseRecord) notes = NULL;

  load_demo (fixture);
  meeting = demo_meeting (fixture, "Jour fixe 10.11.2026");
  filter.value = meeting;
  actions = lotse_store_list (fixture->store, "action_item", &filter, 1, NULL, 0, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (actions->len, >, 0);
  /* How the work stands is printed under what was agreed. */
  notes = lotse_record_copy (g_ptr_array_index (actions, 0));
  lotse_record_set (notes, "notes", "Angebot der Druckerei liegt vor");
  g_assert_true (lotse_store_update (fixture->store, notes, &error));
  g_assert_no_error (error);

  report = lotse_report_new_minutes (fixture->store, meeting, TODAY, &error);
  g_assert_no_error (error);
  path = write_report (fixture, report, "minutes.pdf");
  text = check_pdf (path, report);

  decisions = lotse_store_list (fixture->store, "decision", &filter, 1, NULL, 0, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (decisions->len, >, 0);
  g_assert_cmpuint (actions->len, >, 0);
  for (guint i = 0; i < decisions->len; i++)
    lotse_test_pdf_assert_contains (text, lotse_record_get (g_ptr_array_index (decisions, i), "text"));
  for (guint i = 0; i < actions->len; i++)
    lotse_test_pdf_assert_contains (text, lotse_record_get (g_ptr_array_index (actions, i), "title"));

  lotse_test_pdf_assert_contains (text, "Attendance list");
  lotse_test_pdf_assert_contains (text, "These minutes are not approved yet.");
  lotse_test_pdf_assert_contains (text, "Present");
  lotse_test_pdf_assert_contains (text, "Excused");
  lotse_test_pdf_assert_contains (text, "Carried over from the meeting on 2026-10-27");
  lotse_test_pdf_assert_contains (text, "Decision:");
  lotse_test_pdf_assert_contains (text, "Action items");
  lotse_test_pdf_assert_contains (text, "Owner");
  lotse_test_pdf_assert_contains (text, "Vorbereitung des Lenkungskreises im Dezember");
  lotse_test_pdf_assert_contains (text, "Angebot der Druckerei liegt vor");
}

/* Guests in the attendance list, the approval and the amendments under
 * their item and for the meeting. */
static void
test_minutes_approved (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LotseReport) report = NULL;
  g_autoptr(LotseRecord) guest = lotse_record_new_for_table ("meeting_guest");
  g_autoptr(LotseRecord) amendment = NULL;
  g_autoptr(LotseRecord) general = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_from_iso8601 ("2026-11-20T09:00:00+01:00", NULL);
  g_autofree char *meeting = NULL;
  g_autofree char *path = NULL;
  g_autofree char *text = NULL;
  LotseRecord *item;

  load_demo (fixture);
  meeting = demo_meeting (fixture, "Jour fixe 10.11.2026");
  lotse_record_set (guest, "meeting_id", meeting);
  lotse_record_set (guest, "name", "Jonas Brandt");
  lotse_record_set (guest, "organisation", "IHK Ostwestfalen");
  g_assert_true (lotse_store_insert (fixture->store, guest, &error));
  g_assert_true (lotse_meeting_approve_minutes (fixture->store, meeting, "Katrin Voßmeyer", now,
                                                &error));
  g_assert_no_error (error);
  items = lotse_meeting_list_agenda (fixture->store, meeting, &error);
  item = g_ptr_array_index (items, 1);
  amendment = lotse_meeting_amend_minutes (fixture->store, meeting, lotse_record_get_id (item),
                                           "The figure is 12,000 euros, not 21,000.", "Tobias",
                                           now, &error);
  g_assert_no_error (error);
  general = lotse_meeting_amend_minutes (fixture->store, meeting, NULL,
                                         "Aylin Demir joined at 11:00.", NULL, now, &error);
  g_assert_no_error (error);

  report = lotse_report_new_minutes (fixture->store, meeting, TODAY, &error);
  g_assert_no_error (error);
  path = write_report (fixture, report, "approved-minutes.pdf");
  text = check_pdf (path, report);

  lotse_test_pdf_assert_contains (text, "Attendance list");
  lotse_test_pdf_assert_contains (text, "Jonas Brandt (IHK Ostwestfalen, guest)");
  lotse_test_pdf_assert_contains (text, "Minutes approved on 2026-11-20 by Katrin Voßmeyer.");
  {
    const char *in_order[] = {
      lotse_record_get (item, "title"),
      "Amendment of 2026-11-20 (Tobias): The figure is 12,000 euros",
      "Amendments",
      "Amendment of 2026-11-20: Aylin Demir joined at 11:00.",
      "Action items",
    };
    g_autofree char *rest = NULL;

    for (guint i = 0; i < G_N_ELEMENTS (in_order); i++)
      {
        g_autofree char *needle = lotse_test_pdf_normalize (in_order[i]);
        const char *at = strstr (text, needle);

        lotse_test_pdf_assert_contains (text, in_order[i]);
        g_assert_nonnull (at);
        rest = g_strdup (at + strlen (needle));
        g_free (text);
        text = g_steal_pointer (&rest);
      }
  }
}

static void
test_meeting_edge_cases (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LotseReport) agenda = NULL;
  g_autoptr(LotseReport) minutes = NULL;
  g_autofree char *uuid = lotse_new_uuid ();
  g_autofree char *bare = lotse_test_insert (fixture->store, "meeting", "title=Ohne alles",
                                             "kind=workshop", "status=draft", NULL);
  g_autofree char *agenda_path = NULL;
  g_autofree char *minutes_path = NULL;
  g_autofree char *agenda_text = NULL;
  g_autofree char *minutes_text = NULL;

  g_assert_null (lotse_report_new_agenda (fixture->store, uuid, TODAY, &error));
  g_assert_error (error, LOTSE_ERROR, LOTSE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_null (lotse_report_new_minutes (fixture->store, "kein-uuid", TODAY, &error));
  g_assert_error (error, LOTSE_ERROR, LOTSE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_null (lotse_report_new_minutes (fixture->store, bare, "2026-11-31", &error));
  g_assert_error (error, LOTSE_ERROR, LOTSE_ERROR_INVALID_VALUE);
  g_clear_error (&error);

  /* No date, no place, no participants, no items. */
  agenda = lotse_report_new_agenda (fixture->store, bare, TODAY, &error);
  g_assert_no_error (error);
  minutes = lotse_report_new_minutes (fixture->store, bare, TODAY, &error);
  g_assert_no_error (error);
  agenda_path = write_report (fixture, agenda, "bare-agenda.pdf");
  minutes_path = write_report (fixture, minutes, "bare-minutes.pdf");
  agenda_text = check_pdf (agenda_path, agenda);
  minutes_text = check_pdf (minutes_path, minutes);
  lotse_test_pdf_assert_contains (agenda_text, "not yet fixed");
  lotse_test_pdf_assert_contains (agenda_text, "The agenda has no items yet.");
  lotse_test_pdf_assert_contains (minutes_text, "No participants were recorded.");
  lotse_test_pdf_assert_contains (minutes_text, "No action items.");
}

/* The files of a meeting and of its items are its annexes, in the
 * agenda and in the minutes, by the names they were given. */
static void
test_meeting_annexes (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *meeting = lotse_test_insert (fixture->store, "meeting", "title=Jour fixe", NULL);
  g_autofree char *of_meeting = g_strconcat ("meeting_id=", meeting, NULL);
  g_autofree char *item = lotse_test_insert (fixture->store, "agenda_item", of_meeting, "title=Haushalt", NULL);
  const char *names[] = { "Förderbescheid <2026>.pdf", "Präsentation.txt" };
  const char *reports[] = { "annex-agenda.pdf", "annex-minutes.pdf" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *path = g_build_filename (fixture->dir, names[i], NULL);
      g_autoptr(GFile) file = g_file_new_for_path (path);
      g_autoptr(LotseRecord) row = NULL;

      g_assert_true (g_file_set_contents (path, i == 0 ? "%PDF-1.4\n%\xe2\xe3\xcf\xd3\n" : "Folien\n", -1, NULL));
      row = lotse_attachment_add (fixture->store, i == 0 ? "meeting" : "agenda_item", i == 0 ? meeting : item,
                                  file, NULL, &error);
      g_assert_no_error (error);
    }

  for (guint r = 0; r < G_N_ELEMENTS (reports); r++)
    {
      g_autoptr(LotseReport) report = r == 0 ? lotse_report_new_agenda (fixture->store, meeting, TODAY, &error)
                                             : lotse_report_new_minutes (fixture->store, meeting, TODAY, &error);
      g_autofree char *path = NULL;
      g_autofree char *text = NULL;

      g_assert_no_error (error);
      path = write_report (fixture, report, reports[r]);
      text = check_pdf (path, report);
      lotse_test_pdf_assert_contains (text, "Annexes");
      lotse_test_pdf_assert_contains (text, "Annex 1: Förderbescheid <2026>.pdf (PDF document, 15 bytes)");
      lotse_test_pdf_assert_contains (text, "Annex 2: Präsentation.txt (plain text document, 7 bytes) · item 1");
    }
}

/* Printing draws the same pages onto a surface of another size. */
static void
test_draw_scaled (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  LotseMilestoneReportOptions options = { .today = TODAY };
  g_autoptr(LotseReport) report = NULL;
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 300, 400);
  cairo_t *cr = cairo_create (surface);
  unsigned char *pixels;
  int stride, dark = 0;

  load_demo (fixture);
  report = lotse_report_new_milestones (fixture->store, &options, &error);
  g_assert_no_error (error);

  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  lotse_report_draw_page (report, cr, 0, 300, 400);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_flush (surface);

  /* A landscape page in a portrait area: centred, blank above and below. */
  pixels = cairo_image_surface_get_data (surface);
  stride = cairo_image_surface_get_stride (surface);
  for (int y = 0; y < 400; y++)
    {
      for (int x = 0; x < 300; x++)
        {
          guint32 pixel = *(guint32 *) (pixels + y * stride + x * 4) & 0xffffff;

          if (pixel != 0xffffff)
            {
              g_assert_cmpint (y, >, 400 / 2 - 300 * 595 / 842 / 2 - 2);
              g_assert_cmpint (y, <, 400 / 2 + 300 * 595 / 842 / 2 + 2);
              dark++;
            }
        }
    }
  g_assert_cmpint (dark, >, 500);

  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

int
main (int    argc,
      char **argv)
{
  /* The texts are checked in English. */
  g_unsetenv ("LANGUAGE");
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/report/milestones/demo", test_milestones_demo);
  ADD ("/report/milestones/programme-and-period", test_milestones_programme);
  ADD ("/report/milestones/timeline-pages", test_milestones_timeline_pages);
  ADD ("/report/milestones/closed-project", test_milestones_closed_project);
  ADD ("/report/milestones/edge-cases", test_milestones_edge_cases);
  ADD ("/report/milestones/empty-period", test_milestones_empty_period);
  ADD ("/report/milestones/empty-database", test_milestones_empty_database);
  ADD ("/report/milestones/invalid", test_milestones_invalid);
  ADD ("/report/write/fails-cleanly", test_write_fails);
  ADD ("/report/agenda/demo", test_agenda_demo);
  ADD ("/report/agenda/office-zone", test_agenda_office_zone);
  ADD ("/report/agenda/open-actions", test_agenda_open_actions);
  ADD ("/report/minutes/demo", test_minutes_demo);
  ADD ("/report/minutes/approved", test_minutes_approved);
  ADD ("/report/meeting/edge-cases", test_meeting_edge_cases);
  ADD ("/report/meeting/annexes", test_meeting_annexes);
  ADD ("/report/draw/scaled", test_draw_scaled);

  return g_test_run ();
}
