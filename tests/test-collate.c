/* test-collate.c: lists sorted in the locale's order
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * In German, "Äpfel" comes before "Arbeit" and "eGovernment" before
 * "Ökologie" and "Zukunft"; sorted by bytes, every lower-case and accented
 * title comes after "Zukunft".
 */

#include "config.h"

#include <locale.h>

#include "lotse-test-helpers.h"

#define TODAY "2026-11-30"

/* In the order they are inserted; the German order is 3 4 2 1 0. */
static const char * const titles[] = { "Zukunft", "Ökologie", "eGovernment", "Äpfel", "Arbeit" };
static const char * const german[] = { "Äpfel", "Arbeit", "eGovernment", "Ökologie", "Zukunft", NULL };
static const char * const bytes[] = { "Arbeit", "Zukunft", "eGovernment", "Äpfel", "Ökologie", NULL };

typedef struct
{
  char       *dir;
  LotseStore *store;
  char       *project_ids[G_N_ELEMENTS (titles)];
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->store = lotse_test_open_store (&f->dir);

  for (guint i = 0; i < G_N_ELEMENTS (titles); i++)
    {
      g_autofree char *title = g_strdup_printf ("title=%s", titles[i]);
      g_autofree char *milestone = NULL;
      g_autofree char *project_id = NULL;

      f->project_ids[i] = lotse_test_insert (f->store, "project", title, "status=running", NULL);
      project_id = g_strdup_printf ("project_id=%s", f->project_ids[i]);
      /* Overdue on one day, so that the monitor orders them by project. */
      milestone = lotse_test_insert (f->store, "milestone", project_id, title, "due_date=2026-11-02",
                                     "status=open", NULL);
    }
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  setlocale (LC_ALL, "C.UTF-8");
  for (guint i = 0; i < G_N_ELEMENTS (titles); i++)
    g_free (f->project_ids[i]);
  g_clear_object (&f->store);
  lotse_test_remove_tree (f->dir);
  g_free (f->dir);
}

static gboolean
use_german (void)
{
  if (setlocale (LC_ALL, "de_DE.UTF-8") != NULL)
    return TRUE;

  g_test_fail_printf ("the de_DE.UTF-8 locale is not installed (build-aux/install-deps.sh makes it)");
  return FALSE;
}

static void
assert_titles (GPtrArray          *records,
               const char         *field,
               const char * const *expected)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) got = NULL;

  g_assert_nonnull (records);
  for (guint i = 0; i < records->len; i++)
    g_strv_builder_add (builder, lotse_record_get (g_ptr_array_index (records, i), field));
  got = g_strv_builder_end (builder);

  g_assert_cmpstrv (got, expected);
}

static void
test_store_list (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GPtrArray) page = NULL;
  g_autoptr(GPtrArray) descending = NULL;
  g_autoptr(GError) error = NULL;

  all = lotse_store_list (f->store, "project", NULL, 0, "title", 0, 0, &error);
  g_assert_no_error (error);
  assert_titles (all, "title", bytes);

  if (!use_german ())
    return;

  g_clear_pointer (&all, g_ptr_array_unref);
  all = lotse_store_list (f->store, "project", NULL, 0, NULL, 0, 0, &error);
  g_assert_no_error (error);
  assert_titles (all, "title", german);

  /* A page is a slice of the same order. */
  page = lotse_store_list (f->store, "project", NULL, 0, "title", 2, 2, &error);
  g_assert_no_error (error);
  assert_titles (page, "title", (const char *[]) { "eGovernment", "Ökologie", NULL });

  descending = lotse_store_list (f->store, "project", NULL, 0, "-title", 2, 0, &error);
  g_assert_no_error (error);
  assert_titles (descending, "title", (const char *[]) { "Zukunft", "Ökologie", NULL });

  /* With a filter, in the subquery that sorts. */
  g_clear_pointer (&all, g_ptr_array_unref);
  all = lotse_store_list (f->store, "milestone", (LotseFilter[]) { { "status", "open" } }, 1,
                          "title", 0, 0, &error);
  g_assert_no_error (error);
  assert_titles (all, "title", german);
}

static void
test_project_query (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(LotseProjectQuery) query = lotse_project_query_new ();
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr(GArray) rowids = NULL;
  g_autoptr(GPtrArray) summaries = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) got = NULL;

  if (!use_german ())
    return;

  query->sort = LOTSE_PROJECT_SORT_HEALTH;  /* no health: by title */
  rowids = lotse_project_query_rowids (f->store, query, TODAY, &error);
  g_assert_no_error (error);
  summaries = lotse_project_query_summaries (f->store, (const gint64 *) rowids->data, rowids->len,
                                             TODAY, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < summaries->len; i++)
    {
      LotseProjectSummary *summary = g_ptr_array_index (summaries, i);

      g_strv_builder_add (builder, lotse_record_get (summary->project, "title"));
    }
  got = g_strv_builder_end (builder);
  g_assert_cmpstrv (got, german);
}

/* The monitor pages by keyset: the page after an entry must continue the
 * order the first page had, with the same collation on both sides. */
static void
test_monitor_pages (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GPtrArray) first = NULL;
  g_autoptr(GPtrArray) rest = NULL;
  g_autoptr(GError) error = NULL;
  LotseMonitorCounts counts = { 0, };

  if (!use_german ())
    return;

  first = lotse_monitor_query_page (f->store, TODAY, 14, NULL, LOTSE_MONITOR_SCOPE_CURRENT, 0, 2, &counts, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (first->len, ==, 2);
  g_assert_cmpstr (((LotseMonitorEntry *) g_ptr_array_index (first, 0))->project_title, ==, "Äpfel");
  g_assert_cmpstr (((LotseMonitorEntry *) g_ptr_array_index (first, 1))->project_title, ==, "Arbeit");

  rest = lotse_monitor_query_after (f->store, TODAY, 14, NULL, LOTSE_MONITOR_SCOPE_CURRENT,
                                    g_ptr_array_index (first, 1), 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rest->len, ==, 3);
  for (guint i = 0; i < rest->len; i++)
    g_assert_cmpstr (((LotseMonitorEntry *) g_ptr_array_index (rest, i))->project_title, ==, german[i + 2]);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/collate/store-list", test_store_list);
  ADD ("/collate/project-query", test_project_query);
  ADD ("/collate/monitor-pages", test_monitor_pages);

#undef ADD

  return g_test_run ();
}
