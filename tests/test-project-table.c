/* test-project-table.c: the rows of the portfolio's table
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * lotse_project_query_table() against real SQLite files: the names of
 * programmes and lead organisations, the next and the overdue milestones
 * counted as the database has them, the filters and the search text as
 * the list applies them, deleted rows left out, and any text as input.
 */

#include "config.h"

#include "lotse-test-helpers.h"

typedef struct
{
  char       *dir;
  LotseStore *store;
  char       *programme;
  char       *lead;
  char       *a;
  char       *b;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *programme = NULL;
  g_autofree char *lead = NULL;

  f->store = lotse_test_open_store (&f->dir);
  f->programme = lotse_test_insert (f->store, "programme", "name=SMART REGION Emscher-Lippe", NULL);
  f->lead = lotse_test_insert (f->store, "organisation", "name=Kreis Recklinghausen", NULL);
  programme = g_strdup_printf ("programme_id=%s", f->programme);
  lead = g_strdup_printf ("lead_organisation_id=%s", f->lead);
  f->a = lotse_test_insert (f->store, "project", "title=Digitale Dörfer", "acronym=DD", "status=running",
                            "health=red", programme, lead, NULL);
  f->b = lotse_test_insert (f->store, "project", "title=Offene Daten", "status=planned", NULL);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_object (&f->store);
  lotse_test_remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->programme);
  g_free (f->lead);
  g_free (f->a);
  g_free (f->b);
}

static void
add_milestone (Fixture    *f,
               const char *project,
               const char *title,
               const char *due,
               const char *status)
{
  g_autofree char *project_id = g_strdup_printf ("project_id=%s", project);
  g_autofree char *title_assignment = g_strdup_printf ("title=%s", title);
  g_autofree char *due_assignment = g_strdup_printf ("due_date=%s", due);
  g_autofree char *status_assignment = g_strdup_printf ("status=%s", status);

  g_free (lotse_test_insert (f->store, "milestone", project_id, title_assignment, due_assignment,
                             status_assignment, NULL));
}

static GPtrArray *
read_table (Fixture                 *f,
            const LotseProjectQuery *query,
            const char              *today)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *rows = lotse_project_query_table (f->store, query, today, &error);

  g_assert_no_error (error);
  g_assert_nonnull (rows);
  return rows;
}

static const LotseProjectTableRow *
find_row (GPtrArray  *rows,
          const char *id)
{
  for (guint i = 0; i < rows->len; i++)
    if (g_str_equal (((LotseProjectTableRow *) g_ptr_array_index (rows, i))->id, id))
      return g_ptr_array_index (rows, i);
  return NULL;
}

static void
test_rows (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(LotseProjectQuery) query = lotse_project_query_new ();
  g_autoptr(GPtrArray) rows = NULL;
  const LotseProjectTableRow *row;
  g_autofree char *count = NULL;

  add_milestone (f, f->a, "Kick-off", "2026-01-10", "open");
  add_milestone (f, f->a, "Zwischenbericht", "2026-03-01", "open");
  add_milestone (f, f->a, "Abnahme", "2026-03-01", "open");     /* same day: by title */
  add_milestone (f, f->a, "Erledigt", "2026-01-05", "done");    /* done: not overdue */
  add_milestone (f, f->a, "Verschoben", "2026-01-07", "cancelled");
  add_milestone (f, f->a, "Heute", "2026-02-01", "at_risk");    /* due today: next, not overdue */

  rows = read_table (f, query, "2026-02-01");
  g_assert_cmpuint (rows->len, ==, 2);

  row = find_row (rows, f->a);
  g_assert_cmpstr (row->title, ==, "Digitale Dörfer");
  g_assert_cmpstr (row->acronym, ==, "DD");
  g_assert_cmpstr (row->programme, ==, "SMART REGION Emscher-Lippe");
  g_assert_cmpstr (row->lead, ==, "Kreis Recklinghausen");
  g_assert_cmpstr (row->status, ==, "running");
  g_assert_cmpstr (row->health, ==, "red");
  g_assert_cmpstr (row->next_due, ==, "2026-02-01");
  g_assert_cmpstr (row->next_title, ==, "Heute");
  /* What the database counts as overdue */
  count = lotse_test_query_text (lotse_store_get_path (f->store),
                                 "SELECT count(*) FROM milestone WHERE deleted = 0"
                                 " AND status NOT IN ('done', 'cancelled') AND due_date < '2026-02-01'");
  g_assert_cmpuint (row->n_overdue, ==, 1);
  g_assert_cmpstr (count, ==, "1");

  row = find_row (rows, f->b);
  g_assert_null (row->programme);
  g_assert_null (row->lead);
  g_assert_null (row->health);
  g_assert_null (row->next_due);
  g_assert_null (row->next_title);
  g_assert_cmpuint (row->n_overdue, ==, 0);

  /* Later: the two on the same day, by title */
  g_clear_pointer (&rows, g_ptr_array_unref);
  rows = read_table (f, query, "2026-02-02");
  row = find_row (rows, f->a);
  g_assert_cmpstr (row->next_due, ==, "2026-03-01");
  g_assert_cmpstr (row->next_title, ==, "Abnahme");
  g_assert_cmpuint (row->n_overdue, ==, 2);
}

static void
test_deleted_references (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(LotseProjectQuery) query = lotse_project_query_new ();
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;

  /* A deleted programme and organisation have no names to show, a deleted
   * project no row. */
  g_assert_true (lotse_store_delete (f->store, "programme", f->programme, &error));
  g_assert_true (lotse_store_delete (f->store, "organisation", f->lead, &error));
  g_assert_true (lotse_store_delete (f->store, "project", f->b, &error));
  g_assert_no_error (error);

  rows = read_table (f, query, "2026-02-01");
  g_assert_cmpuint (rows->len, ==, 1);
  g_assert_null (((LotseProjectTableRow *) g_ptr_array_index (rows, 0))->programme);
  g_assert_null (((LotseProjectTableRow *) g_ptr_array_index (rows, 0))->lead);
}

static void
test_filters (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(LotseProjectQuery) query = lotse_project_query_new ();
  g_autoptr(GPtrArray) rows = NULL;
  static const char * const worst[] = {
    "%", "_", "\\", "'; DROP TABLE project; --", "\"", "\xff\xfe", "", "   ",
  };

  query->programme_id = g_strdup (f->programme);
  rows = read_table (f, query, "2026-02-01");
  g_assert_cmpuint (rows->len, ==, 1);
  g_clear_pointer (&rows, g_ptr_array_unref);
  g_clear_pointer (&query->programme_id, g_free);

  query->status = g_strdup ("planned");
  rows = read_table (f, query, "2026-02-01");
  g_assert_cmpuint (rows->len, ==, 1);
  g_assert_cmpstr (((LotseProjectTableRow *) g_ptr_array_index (rows, 0))->id, ==, f->b);
  g_clear_pointer (&rows, g_ptr_array_unref);
  g_clear_pointer (&query->status, g_free);

  /* The text as the list matches it: folded, title or acronym */
  query->text = g_strdup ("DÖR");
  rows = read_table (f, query, "2026-02-01");
  g_assert_cmpuint (rows->len, ==, 1);
  g_clear_pointer (&rows, g_ptr_array_unref);
  g_free (query->text);
  query->text = g_strdup (" dd ");
  rows = read_table (f, query, "2026-02-01");
  g_assert_cmpuint (rows->len, ==, 1);
  g_clear_pointer (&rows, g_ptr_array_unref);

  /* Any text is a search, never SQL; nothing changes */
  for (guint i = 0; i < G_N_ELEMENTS (worst); i++)
    {
      g_autofree char *trimmed = g_strstrip (g_strdup (worst[i]));

      g_free (query->text);
      query->text = g_strdup (worst[i]);
      rows = read_table (f, query, "2026-02-01");
      /* Blank text filters nothing */
      g_assert_cmpuint (rows->len, ==, *trimmed == '\0' ? 2 : 0);
      g_clear_pointer (&rows, g_ptr_array_unref);
    }
  g_assert_cmpint (lotse_store_count (f->store, "project", NULL, 0, NULL), ==, 2);
}

static void
test_ranks (void)
{
  g_assert_cmpuint (lotse_project_health_rank ("red"), <, lotse_project_health_rank ("yellow"));
  g_assert_cmpuint (lotse_project_health_rank ("yellow"), <, lotse_project_health_rank ("green"));
  g_assert_cmpuint (lotse_project_health_rank ("green"), <, lotse_project_health_rank (NULL));
  g_assert_cmpuint (lotse_project_health_rank ("purple"), ==, lotse_project_health_rank (NULL));
  g_assert_cmpuint (lotse_project_status_rank ("planned"), <, lotse_project_status_rank ("running"));
  g_assert_cmpuint (lotse_project_status_rank ("cancelled"), <, lotse_project_status_rank ("unknown"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/project-table/ranks", test_ranks);
  g_test_add ("/project-table/rows", Fixture, NULL, fixture_setup, test_rows, fixture_teardown);
  g_test_add ("/project-table/deleted-references", Fixture, NULL, fixture_setup,
              test_deleted_references, fixture_teardown);
  g_test_add ("/project-table/filters", Fixture, NULL, fixture_setup, test_filters, fixture_teardown);

  return g_test_run ();
}
