/* test-csv.c: CSV import and export
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "lotse-test-helpers.h"

typedef struct
{
  char       *dir;
  LotseStore *store;
  char       *programme;
  char       *organisation;
  char       *project;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *programme = NULL;
  g_autofree char *organisation = NULL;

  fixture->store = lotse_test_open_store (&fixture->dir);
  fixture->programme = lotse_test_insert (fixture->store, "programme",
                                          "name=Digitale Modellregion", NULL);
  fixture->organisation = lotse_test_insert (fixture->store, "organisation",
                                             "name=Stadtwerke Bielefeld", "kind=company", NULL);
  programme = g_strdup_printf ("programme_id=%s", fixture->programme);
  organisation = g_strdup_printf ("lead_organisation_id=%s", fixture->organisation);
  fixture->project = lotse_test_insert (fixture->store, "project", programme, organisation,
                                        "title=Alpine Project", "acronym=ALP", NULL);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->store);
  lotse_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->programme);
  g_free (fixture->organisation);
  g_free (fixture->project);
}

static gint64
count_rows (LotseStore *store,
            const char *table)
{
  g_autoptr(GError) error = NULL;
  gint64 n = lotse_store_count (store, table, NULL, 0, &error);

  g_assert_no_error (error);
  return n;
}

static void
import_ok (Fixture    *fixture,
           const char *table,
           const char *csv,
           guint       expected)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) problems = NULL;
  gint64 before = count_rows (fixture->store, table);
  gint64 outbox = lotse_store_count_outbox (fixture->store);
  guint n = G_MAXUINT;

  g_assert_true (lotse_csv_import (fixture->store, table, csv, strlen (csv), FALSE, &n,
                                   &problems, &error));
  g_assert_no_error (error);
  g_assert_null (problems);
  g_assert_cmpuint (n, ==, expected);
  g_assert_cmpint (count_rows (fixture->store, table), ==, before + expected);
  g_assert_cmpint (lotse_store_count_outbox (fixture->store), ==, outbox + expected);
}

/* Imports @csv, expects it to fail as a whole and every one of the
 * NULL-terminated expected problems to be reported, in order. */
static void import_fails (Fixture    *fixture,
                          const char *table,
                          const char *csv,
                          gssize      length,
                          ...) G_GNUC_NULL_TERMINATED;

static void
import_fails (Fixture    *fixture,
              const char *table,
              const char *csv,
              gssize      length,
              ...)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) problems = NULL;
  gint64 before = count_rows (fixture->store, table);
  gint64 outbox = lotse_store_count_outbox (fixture->store);
  const char *expected;
  guint n = G_MAXUINT;
  guint i = 0;
  va_list args;

  if (length < 0)
    length = strlen (csv);

  g_assert_false (lotse_csv_import (fixture->store, table, csv, length, FALSE, &n,
                                    &problems, &error));
  g_assert_error (error, LOTSE_ERROR, LOTSE_ERROR_INVALID_VALUE);
  g_assert_nonnull (problems);
  g_assert_cmpuint (n, ==, 0);

  va_start (args, length);
  while ((expected = va_arg (args, const char *)) != NULL)
    {
      g_assert_nonnull (problems[i]);
      if (strstr (problems[i], expected) == NULL)
        g_error ("problem “%s” does not contain “%s”", problems[i], expected);
      g_assert_nonnull (strstr (error->message, problems[i]));
      i++;
    }
  va_end (args);
  g_assert_cmpuint (g_strv_length (problems), ==, i);

  g_assert_cmpint (count_rows (fixture->store, table), ==, before);
  g_assert_cmpint (lotse_store_count_outbox (fixture->store), ==, outbox);
}

static LotseRecord *
find_one (LotseStore *store,
          const char *table,
          const char *field,
          const char *value)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  LotseFilter filter = { field, value };

  rows = lotse_store_list (store, table, &filter, 1, NULL, 0, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 1);

  return g_object_ref (g_ptr_array_index (rows, 0));
}

static void
test_parse (void)
{
  const char *csv = "\xEF\xBB\xBF" "a;b;c\r\n"
                    "1;\"two; \"\"quoted\"\"\r\nlines\";3\r\n"
                    "\r\n"
                    ";;\n"
                    "x;\"\";z";
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  LotseCsvRow *row;
  char separator = 0;

  rows = lotse_csv_parse (csv, strlen (csv), &separator, &error);
  g_assert_no_error (error);
  g_assert_cmpint (separator, ==, ';');
  g_assert_cmpuint (rows->len, ==, 3);

  row = g_ptr_array_index (rows, 0);
  g_assert_cmpuint (row->line, ==, 1);
  g_assert_cmpstr (row->cells[0], ==, "a");
  g_assert_cmpuint (g_strv_length (row->cells), ==, 3);

  row = g_ptr_array_index (rows, 1);
  g_assert_cmpuint (row->line, ==, 2);
  g_assert_cmpstr (row->cells[1], ==, "two; \"quoted\"\nlines");
  g_assert_cmpstr (row->cells[2], ==, "3");

  /* the blank line and the line of empty cells are skipped */
  row = g_ptr_array_index (rows, 2);
  g_assert_cmpuint (row->line, ==, 6);
  g_assert_cmpstr (row->cells[1], ==, "");
  g_assert_cmpstr (row->cells[2], ==, "z");
}

static void
test_parse_errors (void)
{
  struct { const char *csv; gssize length; const char *message; } cases[] = {
    { "a,b\n1,\"open\n2,3\n", -1, "line 2: a quoted cell is not closed" },
    { "a,b\n1,\"x\"y\n", -1, "line 2: text after the closing quote" },
    { "a,b\n1,2\n3,\xC3\x28\n", -1, "line 3: the text is not UTF-8" },
    { "a,b\n1,2\n3,4\0\n", 13, "line 3: the text is not UTF-8" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) rows = NULL;
      gsize length = cases[i].length < 0 ? strlen (cases[i].csv) : (gsize) cases[i].length;

      rows = lotse_csv_parse (cases[i].csv, length, NULL, &error);
      g_assert_null (rows);
      g_assert_error (error, LOTSE_ERROR, LOTSE_ERROR_INVALID_VALUE);
      if (strstr (error->message, cases[i].message) == NULL)
        g_error ("“%s” does not contain “%s”", error->message, cases[i].message);
    }
}

static void
test_organisations_english (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(LotseRecord) record = NULL;

  import_ok (fixture, "organisation",
             "name,kind,city,website,notes\n"
             "Universität Bielefeld,university,Bielefeld,https://uni-bielefeld.de,\n"
             "\"Kammer, OWL\",Chamber,Bielefeld,,\"Notes with \"\"quotes\"\"\nand a second line\"\n",
             2);

  record = find_one (fixture->store, "organisation", "name", "Kammer, OWL");
  g_assert_cmpstr (lotse_record_get (record, "kind"), ==, "chamber");
  g_assert_cmpstr (lotse_record_get (record, "notes"), ==,
                   "Notes with \"quotes\"\nand a second line");
  g_assert_null (lotse_record_get (record, "website"));
}

static void
test_projects_german (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(LotseRecord) record = NULL;

  import_ok (fixture, "project",
             "\xEF\xBB\xBF" "Titel;Akronym;Status;ORGANISATION;Programm;Beginn;Ende;Ampel\r\n"
             "Smarte Quartiere;SQ;Laufend;Stadtwerke Bielefeld;Digitale Modellregion;01.03.2025;28.02.2027;gelb\r\n"
             "Bauantrag digital;BAD;geplant;;;2025-04-01;;\r\n",
             2);

  record = find_one (fixture->store, "project", "acronym", "SQ");
  g_assert_cmpstr (lotse_record_get (record, "title"), ==, "Smarte Quartiere");
  g_assert_cmpstr (lotse_record_get (record, "status"), ==, "running");
  g_assert_cmpstr (lotse_record_get (record, "health"), ==, "yellow");
  g_assert_cmpstr (lotse_record_get (record, "lead_organisation_id"), ==, fixture->organisation);
  g_assert_cmpstr (lotse_record_get (record, "programme_id"), ==, fixture->programme);
  g_assert_cmpstr (lotse_record_get (record, "start_date"), ==, "2025-03-01");
  g_assert_cmpstr (lotse_record_get (record, "end_date"), ==, "2027-02-28");
}

static void
test_milestones (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(LotseRecord) spanning = NULL;
  g_autoptr(LotseRecord) by_title = NULL;

  import_ok (fixture, "milestone",
             "Projekt,Titel,Fällig,Status\n"
             "ALP,\"Kick-off\n\"\"Auftakt\"\"\",2026-01-15,erledigt\n"
             "Alpine Project,Zwischenbericht,1.6.2026,\n"
             "ALP,Abschluss,31.12.2026,Offen\n",
             3);

  spanning = find_one (fixture->store, "milestone", "due_date", "2026-01-15");
  g_assert_cmpstr (lotse_record_get (spanning, "title"), ==, "Kick-off\n\"Auftakt\"");
  g_assert_cmpstr (lotse_record_get (spanning, "status"), ==, "done");
  g_assert_cmpstr (lotse_record_get (spanning, "project_id"), ==, fixture->project);

  by_title = find_one (fixture->store, "milestone", "title", "Zwischenbericht");
  g_assert_cmpstr (lotse_record_get (by_title, "due_date"), ==, "2026-06-01");
  g_assert_cmpstr (lotse_record_get (by_title, "status"), ==, "open");
  g_assert_cmpstr (lotse_record_get (by_title, "project_id"), ==, fixture->project);
}

static void
test_malformed (Fixture       *fixture,
                gconstpointer  data)
{
  import_fails (fixture, "milestone",
                "project,title,due_date\n"
                "ALP,Fine,2026-01-01\n"
                "ALP,Too short\n", -1,
                "line 3: expected 3 columns but found 2", NULL);

  import_fails (fixture, "milestone",
                "project;title;due_date\n"
                "ALP;Fine;2026-01-01\n"
                "ALP;Bad date;31.02.2026\n"
                "ALP;Worse date;soon\n", -1,
                "line 3: Field “due_date” must be a date like 2024-03-31 or 31.03.2024, not “31.02.2026”",
                "line 4: Field “due_date” must be a date", NULL);

  import_fails (fixture, "milestone",
                "project,title,status\n"
                "ALP,Fine,open\n"
                "ALP,Odd,bald\n", -1,
                "line 3: Field “status” must be one of open, done, at_risk, missed, cancelled, not “bald”",
                NULL);

  import_fails (fixture, "project",
                "title,lead_organisation\n"
                "Fine,Stadtwerke Bielefeld\n"
                "Bad,Nowhere GmbH\n", -1,
                "line 3: unknown organisation “Nowhere GmbH”", NULL);

  import_fails (fixture, "milestone",
                "Projekt,Titel\n"
                "ZZZ,Somewhere\n", -1,
                "line 2: unknown project “ZZZ”", NULL);

  import_fails (fixture, "milestone",
                "project,title\n"
                "ALP,\"Fine\nacross lines\"\n"
                "ALP,\"never closed\n"
                "ALP,more\n", -1,
                "line 4: a quoted cell is not closed", NULL);

  import_fails (fixture, "organisation",
                "name,kind\n"
                "Fine,company\n"
                "Caf\xE9 Latin-1,company\n", -1,
                "line 3: the text is not UTF-8", NULL);

  import_fails (fixture, "organisation", "", -1, "line 1: the file is empty", NULL);
  import_fails (fixture, "organisation", "\xEF\xBB\xBF\r\n\r\n", -1,
                "line 1: the file is empty", NULL);

  import_fails (fixture, "organisation",
                "name,Farbe,name\n"
                "Fine,red,Fine\n", -1,
                "line 1: unknown column “Farbe”",
                "line 1: the column “name” appears twice", NULL);

  /* every bad row is reported, with the line its record starts on */
  import_fails (fixture, "organisation",
                "name,kind,notes\n"
                ",company,\n"
                "Fine,company,\"two\nlines\"\n"
                "Odd,spaceship,\n", -1,
                "line 2: Field “name” must not be empty",
                "line 5: Field “kind” must be one of", NULL);

  import_fails (fixture, "organisation",
                "name;kind;;\n"
                "Fine;company;;\n"
                "Stray;company;;oops\n", -1,
                "line 3: “oops” is in a column without a header", NULL);

  import_fails (fixture, "organisation",
                "id,name\n"
                "NOT-A-UUID,Fine\n", -1,
                "line 2: Field “id” must be a lower-case UUID", NULL);
}

static void
test_header_only_and_dry_run (Fixture       *fixture,
                              gconstpointer  data)
{
  const char *csv = "name;kind\nOne;company\nTwo;other\n";
  g_autoptr(GError) error = NULL;
  gint64 before = count_rows (fixture->store, "organisation");
  gint64 outbox = lotse_store_count_outbox (fixture->store);
  guint n = 0;

  import_ok (fixture, "organisation", "name;kind\r\n", 0);

  g_assert_true (lotse_csv_import (fixture->store, "organisation", csv, strlen (csv), TRUE,
                                   &n, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 2);
  g_assert_cmpint (count_rows (fixture->store, "organisation"), ==, before);
  g_assert_cmpint (lotse_store_count_outbox (fixture->store), ==, outbox);

  /* empty columns after the last header, as spreadsheets write them */
  import_ok (fixture, "organisation", "name;kind;;\r\nTrailing;company;;\r\n", 1);

  g_assert_false (lotse_csv_import (fixture->store, "meeting", csv, strlen (csv), FALSE,
                                    &n, NULL, &error));
  g_assert_error (error, LOTSE_ERROR, LOTSE_ERROR_UNKNOWN_TABLE);
}

static void
assert_tables_equal (LotseStore *a,
                     LotseStore *b,
                     const char *table)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows_a = NULL;
  g_autoptr(GPtrArray) rows_b = NULL;
  const LotseTable *schema = lotse_schema_lookup_table (table);

  /* the default order breaks ties by rowid, which the import gives in the
   * export's order, so equal tables list alike */
  rows_a = lotse_store_list (a, table, NULL, 0, NULL, 0, 0, &error);
  g_assert_no_error (error);
  rows_b = lotse_store_list (b, table, NULL, 0, NULL, 0, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows_a->len, ==, rows_b->len);
  g_assert_cmpuint (rows_a->len, >, 0);

  for (guint r = 0; r < rows_a->len; r++)
    {
      LotseRecord *ra = g_ptr_array_index (rows_a, r);
      LotseRecord *rb = g_ptr_array_index (rows_b, r);

      g_assert_cmpstr (lotse_record_get_id (ra), ==, lotse_record_get_id (rb));
      for (guint i = 0; i < schema->n_fields; i++)
        g_assert_cmpstr (lotse_record_get_nth (ra, i), ==, lotse_record_get_nth (rb, i));
    }
}

static void
round_trip_table (LotseStore *from,
                  LotseStore *to,
                  const char *dir,
                  const char *table)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_strdup_printf ("%s/%s.csv", dir, table);
  guint exported = 0;
  guint imported = 0;

  g_assert_true (lotse_csv_export_file (from, table, path, &exported, &error));
  g_assert_no_error (error);
  g_assert_true (lotse_csv_import_file (to, table, path, FALSE, &imported, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (exported, ==, imported);

  assert_tables_equal (from, to, table);
}

static void
test_round_trip (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LotseStore) fresh = NULL;
  g_autoptr(LotseRecord) programme = NULL;
  g_autofree char *fresh_dir = NULL;
  g_autofree char *project = g_strdup_printf ("project_id=%s", fixture->project);
  g_autofree char *text = NULL;
  g_autofree char *deleted = NULL;

  g_free (lotse_test_insert (fixture->store, "organisation", "name=Verein \"Quote\"; Semikolon, Komma",
                             "kind=association", "notes=Line one\nLine two", "city=Münster", NULL));
  g_free (lotse_test_insert (fixture->store, "milestone", project, "title=Kick-off, \"first\"",
                             "due_date=2026-01-15", "status=done", "done_date=2026-01-14", NULL));
  g_free (lotse_test_insert (fixture->store, "milestone", project, "title=Second",
                             "description= spaces around text are kept ",
                             NULL));
  deleted = lotse_test_insert (fixture->store, "milestone", project, "title=Deleted", NULL);
  lotse_store_delete (fixture->store, "milestone", deleted, &error);
  g_assert_no_error (error);
  g_free (lotse_test_insert (fixture->store, "project", "title=Without anything", NULL));

  text = lotse_csv_export (fixture->store, "milestone", NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (text, "\xEF\xBB\xBF" "id,project_id,title,"));
  g_assert_null (strstr (text, "Deleted"));

  fresh = lotse_test_open_store (&fresh_dir);
  programme = lotse_record_new_for_table ("programme");
  lotse_record_set_id (programme, fixture->programme);
  lotse_record_set (programme, "name", "Digitale Modellregion");
  g_assert_true (lotse_store_insert (fresh, programme, &error));
  g_assert_no_error (error);

  round_trip_table (fixture->store, fresh, fresh_dir, "organisation");
  round_trip_table (fixture->store, fresh, fresh_dir, "project");
  round_trip_table (fixture->store, fresh, fresh_dir, "milestone");

  /* importing the same rows again fails as a whole, also in a dry run: the ids exist */
  for (guint dry_run = 0; dry_run < 2; dry_run++)
    {
      g_autofree char *path = g_strdup_printf ("%s/milestone.csv", fresh_dir);
      g_auto(GStrv) problems = NULL;
      gint64 before = count_rows (fresh, "milestone");

      g_assert_false (lotse_csv_import_file (fresh, "milestone", path, dry_run, NULL, &problems,
                                             &error));
      g_assert_error (error, LOTSE_ERROR, LOTSE_ERROR_INVALID_VALUE);
      g_clear_error (&error);
      g_assert_cmpuint (g_strv_length (problems), ==, 2);
      g_assert_nonnull (strstr (problems[0], "line 2: a row with the id"));
      g_assert_cmpint (count_rows (fresh, "milestone"), ==, before);
    }

  g_clear_object (&fresh);
  lotse_test_remove_tree (fresh_dir);
}

/* Texts a spreadsheet would run, or take for numbers, or that begin with
 * the quote the export puts before those. */
static const char * const tricky[] = {
  "=1+1", "=HYPERLINK(\"https://example.org\";\"Klick\")", "+49 521 106-0", "-5", "@SUM(A1:A2)",
  "\tEingerückt", "\rWagenrücklauf", "'Zitat", "''", "'", "'=1+1", "'s-Hertogenbosch", "0042",
  "1e5", "12.03.2024", " 0042 ", "-", "=", "@",
};

/* Every text comes back from an export as it was stored, byte for byte,
 * in every table the export writes. */
static void
test_round_trip_neutralised (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LotseStore) fresh = NULL;
  g_autoptr(LotseRecord) programme = NULL;
  g_autofree char *fresh_dir = NULL;
  g_autofree char *text = NULL;
  const char *tables[] = { "organisation", "project", "milestone", "status_report" };

  for (guint i = 0; i < G_N_ELEMENTS (tricky); i++)
    {
      g_autofree char *name = g_strdup_printf ("name=%s", tricky[i]);
      g_autofree char *title = g_strdup_printf ("title=%s", tricky[i]);
      g_autofree char *summary = g_strdup_printf ("summary=%s", tricky[i]);
      g_autofree char *organisation = lotse_test_insert (fixture->store, "organisation", name, NULL);
      g_autofree char *lead = g_strdup_printf ("lead_organisation_id=%s", organisation);
      g_autofree char *project = lotse_test_insert (fixture->store, "project", title, summary, lead,
                                                    "budget_cents=4200", NULL);
      g_autofree char *project_id = g_strdup_printf ("project_id=%s", project);

      g_free (lotse_test_insert (fixture->store, "milestone", project_id, title, NULL));
      g_free (lotse_test_insert (fixture->store, "status_report", project_id, summary,
                                 "date=2026-11-20", "health=yellow", NULL));
    }

  text = lotse_csv_export (fixture->store, "project", NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (text, ",\"'=1+1\","));
  g_assert_nonnull (strstr (text, ",\"'-5\","));
  g_assert_nonnull (strstr (text, ",\"''Zitat\","));
  g_assert_nonnull (strstr (text, ",\"''s-Hertogenbosch\","));
  g_assert_nonnull (strstr (text, ",\"0042\","));
  g_assert_nonnull (strstr (text, ",4200,"));  /* a number, bare */
  g_assert_null (strstr (text, ",=1+1"));

  fresh = lotse_test_open_store (&fresh_dir);
  programme = lotse_record_new_for_table ("programme");
  lotse_record_set_id (programme, fixture->programme);
  lotse_record_set (programme, "name", "Digitale Modellregion");
  g_assert_true (lotse_store_insert (fresh, programme, &error));
  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    round_trip_table (fixture->store, fresh, fresh_dir, tables[i]);

  g_clear_object (&fresh);
  lotse_test_remove_tree (fresh_dir);
}

/* A cell a person typed with a leading quote stays as it is; a number
 * column takes numbers, never a formula. */
static void
test_import_quotes (Fixture       *fixture,
                    gconstpointer  data)
{
  const char *csv = "Name;Notizen\r\n"
                    "'s-Hertogenbosch;'Gruß\r\n"
                    "'=Stadtwerke;'@\r\n";
  const char *budget = "Titel;Budget (Cent)\r\n"
                       "Minus;-5\r\n";
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_auto(GStrv) problems = NULL;

  import_ok (fixture, "organisation", csv, 2);
  rows = lotse_store_list (fixture->store, "organisation", NULL, 0, "created_at", 0, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (lotse_record_get (g_ptr_array_index (rows, 1), "name"), ==, "'s-Hertogenbosch");
  g_assert_cmpstr (lotse_record_get (g_ptr_array_index (rows, 1), "notes"), ==, "'Gruß");
  g_assert_cmpstr (lotse_record_get (g_ptr_array_index (rows, 2), "name"), ==, "=Stadtwerke");
  g_assert_cmpstr (lotse_record_get (g_ptr_array_index (rows, 2), "notes"), ==, "@");

  g_assert_false (lotse_csv_import (fixture->store, "project", budget, strlen (budget), FALSE, NULL,
                                    &problems, &error));
  g_assert_error (error, LOTSE_ERROR, LOTSE_ERROR_INVALID_VALUE);
  g_assert_nonnull (strstr (problems[0], "budget_cents"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  g_test_add_func ("/csv/parse/records", test_parse);
  g_test_add_func ("/csv/parse/errors", test_parse_errors);
  ADD ("/csv/import/organisations-english", test_organisations_english);
  ADD ("/csv/import/projects-german", test_projects_german);
  ADD ("/csv/import/milestones", test_milestones);
  ADD ("/csv/import/malformed", test_malformed);
  ADD ("/csv/import/header-only-and-dry-run", test_header_only_and_dry_run);
  ADD ("/csv/round-trip", test_round_trip);
  ADD ("/csv/round-trip/neutralised", test_round_trip_neutralised);
  ADD ("/csv/import/quotes", test_import_quotes);

  return g_test_run ();
}
