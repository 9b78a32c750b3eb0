/* test-monitor.c: the milestone monitor
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "lotse-store-queries.h"
#include "lotse-test-helpers.h"

#define TODAY   "2026-11-22"
#define CURRENT LOTSE_MONITOR_SCOPE_CURRENT

typedef struct
{
  char       *dir;
  LotseStore *store;
  char       *programme_a;
  char       *programme_b;
  char       *project_a;
  char       *project_b;
} Fixture;

static void
add_milestone (Fixture    *fixture,
               const char *project,
               const char *title,
               const char *due,
               const char *status)
{
  g_autofree char *project_assignment = g_strdup_printf ("project_id=%s", project);
  g_autofree char *title_assignment = g_strdup_printf ("title=%s", title);
  g_autofree char *due_assignment = due ? g_strdup_printf ("due_date=%s", due) : NULL;
  g_autofree char *status_assignment = g_strdup_printf ("status=%s", status);
  g_autofree char *id = NULL;

  id = lotse_test_insert (fixture->store, "milestone", project_assignment, title_assignment,
                          status_assignment, due_assignment, NULL);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *deleted_project = NULL;
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;
  g_autofree char *lonely_assignment = NULL;
  g_autofree char *doomed = NULL;

  fixture->store = lotse_test_open_store (&fixture->dir);
  fixture->programme_a = lotse_test_insert (fixture->store, "programme", "name=Alpha", NULL);
  fixture->programme_b = lotse_test_insert (fixture->store, "programme", "name=Beta", NULL);

  a = g_strdup_printf ("programme_id=%s", fixture->programme_a);
  b = g_strdup_printf ("programme_id=%s", fixture->programme_b);
  fixture->project_a = lotse_test_insert (fixture->store, "project", a, "title=Alpine Project",
                                          "acronym=ALP", "status=running", NULL);
  fixture->project_b = lotse_test_insert (fixture->store, "project", b, "title=Beta Project",
                                          "status=running", NULL);
  deleted_project = lotse_test_insert (fixture->store, "project", a, "title=Gone",
                                       "acronym=GONE", NULL);

  add_milestone (fixture, fixture->project_a, "Overdue", "2026-11-10", "open");
  add_milestone (fixture, fixture->project_a, "Missed", "2026-11-01", "missed");
  add_milestone (fixture, fixture->project_b, "Due today", TODAY, "at_risk");
  add_milestone (fixture, fixture->project_b, "At the horizon", "2026-12-06", "open");
  add_milestone (fixture, fixture->project_b, "Beyond the horizon", "2026-12-07", "open");
  add_milestone (fixture, fixture->project_a, "Done", "2026-11-15", "done");
  add_milestone (fixture, fixture->project_a, "Cancelled", "2026-11-16", "cancelled");
  add_milestone (fixture, fixture->project_a, "Without date", NULL, "open");
  add_milestone (fixture, deleted_project, "Of a deleted project", "2026-11-12", "open");

  lonely_assignment = g_strdup_printf ("project_id=%s", fixture->project_a);
  doomed = lotse_test_insert (fixture->store, "milestone", lonely_assignment,
                              "title=Deleted milestone", "due_date=2026-11-13", NULL);
  lotse_store_delete (fixture->store, "milestone", doomed, &error);
  g_assert_no_error (error);
  lotse_store_delete (fixture->store, "project", deleted_project, &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->store);
  lotse_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->programme_a);
  g_free (fixture->programme_b);
  g_free (fixture->project_a);
  g_free (fixture->project_b);
}

static const char *
title_of (GPtrArray *entries,
          guint      i)
{
  LotseMonitorEntry *entry = g_ptr_array_index (entries, i);

  return lotse_record_get (entry->milestone, "title");
}

static void
test_history (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  LotseMonitorEntry *entry;

  entries = lotse_monitor_query (fixture->store, TODAY, 14, NULL, CURRENT, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (entries->len, ==, 4);

  g_assert_cmpstr (title_of (entries, 0), ==, "Missed");
  g_assert_cmpstr (title_of (entries, 1), ==, "Overdue");
  g_assert_cmpstr (title_of (entries, 2), ==, "Due today");
  g_assert_cmpstr (title_of (entries, 3), ==, "At the horizon");

  entry = g_ptr_array_index (entries, 0);
  g_assert_cmpint (entry->days_overdue, ==, 21);
  g_assert_cmpint (entry->state, ==, LOTSE_MONITOR_OVERDUE);
  g_assert_cmpstr (entry->project_id, ==, fixture->project_a);
  g_assert_cmpstr (entry->project_acronym, ==, "ALP");
  g_assert_cmpstr (entry->project_title, ==, "Alpine Project");
  g_assert_cmpstr (entry->programme_id, ==, fixture->programme_a);
  g_assert_cmpstr (entry->due_date, ==, "2026-11-01");

  entry = g_ptr_array_index (entries, 1);
  g_assert_cmpint (entry->days_overdue, ==, 12);

  entry = g_ptr_array_index (entries, 2);
  g_assert_cmpint (entry->days_overdue, ==, 0);
  g_assert_cmpint (entry->state, ==, LOTSE_MONITOR_DUE_SOON);
  g_assert_null (entry->project_acronym);
  g_assert_cmpstr (lotse_monitor_state_to_string (entry->state), ==, "due_soon");

  entry = g_ptr_array_index (entries, 3);
  g_assert_cmpint (entry->days_overdue, ==, -14);
  g_assert_cmpint (entry->state, ==, LOTSE_MONITOR_DUE_SOON);
}

static void
test_boundaries (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) none_ahead = NULL;
  g_autoptr(GPtrArray) one_more = NULL;
  g_autoptr(GPtrArray) tomorrow = NULL;

  /* days = 0: overdue and due today only */
  none_ahead = lotse_monitor_query (fixture->store, TODAY, 0, NULL, CURRENT, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (none_ahead->len, ==, 3);
  g_assert_cmpstr (title_of (none_ahead, 2), ==, "Due today");

  /* the milestone due exactly on today + 15 comes in with days = 15 */
  one_more = lotse_monitor_query (fixture->store, TODAY, 15, NULL, CURRENT, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (one_more->len, ==, 5);
  g_assert_cmpstr (title_of (one_more, 4), ==, "Beyond the horizon");

  /* a day later, the one due today is overdue by one day */
  tomorrow = lotse_monitor_query (fixture->store, "2026-11-23", 0, NULL, CURRENT, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (tomorrow->len, ==, 3);
  g_assert_cmpint (((LotseMonitorEntry *) g_ptr_array_index (tomorrow, 2))->days_overdue, ==, 1);
  g_assert_cmpint (((LotseMonitorEntry *) g_ptr_array_index (tomorrow, 2))->state, ==,
                   LOTSE_MONITOR_OVERDUE);
}

static void
test_programme (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) entries = NULL;

  entries = lotse_monitor_query (fixture->store, TODAY, 14, fixture->programme_b, CURRENT, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (entries->len, ==, 2);
  g_assert_cmpstr (title_of (entries, 0), ==, "Due today");
  g_assert_cmpstr (title_of (entries, 1), ==, "At the horizon");
}

static void
test_today_and_errors (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GPtrArray) bad = NULL;
  g_autoptr(GPtrArray) far = NULL;

  entries = lotse_monitor_query (fixture->store, NULL, 14, NULL, CURRENT, &error);
  g_assert_no_error (error);
  g_assert_nonnull (entries);

  bad = lotse_monitor_query (fixture->store, "22.11.2026", 14, NULL, CURRENT, &error);
  g_assert_error (error, LOTSE_ERROR, LOTSE_ERROR_INVALID_VALUE);
  g_assert_null (bad);
  g_clear_error (&error);

  /* a horizon beyond year 9999 includes everything, without overflow */
  far = lotse_monitor_query (fixture->store, TODAY, G_MAXUINT, NULL, CURRENT, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (far->len, ==, 5);
}

static char *
week_of (const char *due)
{
  LotseMonitorEntry entry = { 0, };

  entry.due_date = (char *) due;
  return lotse_monitor_group_key (&entry, LOTSE_MONITOR_GROUP_WEEK);
}

static void
test_group_keys (Fixture       *fixture,
                 gconstpointer  data)
{
  struct { const char *date, *week; } cases[] = {
    { "2026-11-22", "2026-W47" },  /* Sunday */
    { "2026-11-23", "2026-W48" },  /* Monday */
    { "2027-01-01", "2026-W53" },  /* Friday in the last week of 2026 */
    { "2024-12-30", "2025-W01" },  /* Monday in the first week of 2025 */
    { "2021-01-03", "2020-W53" },
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autofree char *project_key = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *week = week_of (cases[i].date);

      g_assert_cmpstr (week, ==, cases[i].week);
    }

  entries = lotse_monitor_query (fixture->store, TODAY, 14, NULL, CURRENT, &error);
  g_assert_no_error (error);
  project_key = lotse_monitor_group_key (g_ptr_array_index (entries, 0),
                                         LOTSE_MONITOR_GROUP_PROJECT);
  g_assert_cmpstr (project_key, ==, fixture->project_a);
}

static void
test_entry_copy (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(LotseMonitorEntry) copy = NULL;
  LotseMonitorEntry *entry;

  entries = lotse_monitor_query (fixture->store, TODAY, 14, NULL, CURRENT, &error);
  g_assert_no_error (error);
  entry = g_ptr_array_index (entries, 1);
  copy = g_boxed_copy (LOTSE_TYPE_MONITOR_ENTRY, entry);

  g_assert_cmpstr (lotse_record_get_id (copy->milestone), ==, lotse_record_get_id (entry->milestone));
  g_assert_cmpstr (copy->due_date, ==, entry->due_date);
  g_assert_cmpint (copy->days_overdue, ==, entry->days_overdue);
  g_assert_cmpstr (copy->project_status, ==, "running");
}

/* Paging after the last entry gives the same list as one query, also
 * through milestones due on the same day in different projects. */
static void
test_after (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GPtrArray) joined = g_ptr_array_new_with_free_func ((GDestroyNotify) lotse_monitor_entry_free);
  LotseMonitorCounts counts = { 0, };

  add_milestone (fixture, fixture->project_b, "Aa same day", "2026-11-10", "open");
  add_milestone (fixture, fixture->project_a, "Zz same day", "2026-11-10", "at_risk");
  add_milestone (fixture, fixture->project_a, "Aa same day", "2026-11-10", "missed");

  all = lotse_monitor_query (fixture->store, TODAY, 14, NULL, CURRENT, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (all->len, ==, 7);

  /* pages of two, each after the last entry of the one before */
  {
    g_autoptr(GPtrArray) page = lotse_monitor_query_page (fixture->store, TODAY, 14, NULL, CURRENT, 0, 2,
                                                          &counts, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (counts.total, ==, 7);
    while (page->len > 0)
      {
        g_autoptr(GPtrArray) next = NULL;

        for (guint i = 0; i < page->len; i++)
          g_ptr_array_add (joined, lotse_monitor_entry_copy (g_ptr_array_index (page, i)));
        next = lotse_monitor_query_after (fixture->store, TODAY, 14, NULL, CURRENT,
                                          g_ptr_array_index (page, page->len - 1), 2, &error);
        g_assert_no_error (error);
        g_clear_pointer (&page, g_ptr_array_unref);
        page = g_steal_pointer (&next);
      }
  }

  g_assert_cmpuint (joined->len, ==, all->len);
  for (guint i = 0; i < all->len; i++)
    {
      LotseMonitorEntry *a = g_ptr_array_index (all, i);
      LotseMonitorEntry *b = g_ptr_array_index (joined, i);

      g_assert_cmpstr (lotse_record_get_id (a->milestone), ==, lotse_record_get_id (b->milestone));
      g_assert_cmpint (a->days_overdue, ==, b->days_overdue);
      g_assert_cmpint (a->state, ==, b->state);
    }

  /* the same-day ones come by project title, then title */
  g_assert_cmpstr (title_of (all, 1), ==, "Aa same day");
  g_assert_cmpstr (((LotseMonitorEntry *) g_ptr_array_index (all, 1))->project_id, ==, fixture->project_a);
  g_assert_cmpstr (title_of (all, 2), ==, "Overdue");
  g_assert_cmpstr (title_of (all, 3), ==, "Zz same day");
  g_assert_cmpstr (((LotseMonitorEntry *) g_ptr_array_index (all, 4))->project_id, ==, fixture->project_b);

  /* after the last one: nothing */
  {
    g_autoptr(GPtrArray) none = lotse_monitor_query_after (fixture->store, TODAY, 14, NULL, CURRENT,
                                                           g_ptr_array_index (all, all->len - 1), 10, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (none->len, ==, 0);
  }
}

/* Done and cancelled milestones, those without a date, deleted ones and
 * those of deleted projects never show, whatever the horizon; the counts
 * agree with the list. */
static void
test_excluded (Fixture       *fixture,
               gconstpointer  data)
{
  const char *hidden[] = { "Done", "Cancelled", "Without date", "Deleted milestone", "Of a deleted project" };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  LotseMonitorCounts counts = { 0, };

  entries = lotse_monitor_query_page (fixture->store, TODAY, G_MAXUINT, NULL, CURRENT, 0, 0, &counts, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (entries->len, ==, 5);
  g_assert_cmpuint (counts.total, ==, 5);
  g_assert_cmpuint (counts.overdue, ==, 2);

  for (guint i = 0; i < entries->len; i++)
    {
      LotseMonitorEntry *entry = g_ptr_array_index (entries, i);
      const char *status = lotse_record_get (entry->milestone, "status");

      g_assert_cmpstr (status, !=, "done");
      g_assert_cmpstr (status, !=, "cancelled");
      for (guint j = 0; j < G_N_ELEMENTS (hidden); j++)
        g_assert_cmpstr (title_of (entries, i), !=, hidden[j]);
    }
}

/* Adds a project with @status of programme A and, to it, a milestone open
 * since 2018, one missed in 2021 and one due in the horizon. */
static char *
add_closed_project (Fixture    *fixture,
                    const char *title,
                    const char *status)
{
  g_autofree char *programme = g_strdup_printf ("programme_id=%s", fixture->programme_a);
  g_autofree char *title_assignment = g_strdup_printf ("title=%s", title);
  g_autofree char *status_assignment = g_strdup_printf ("status=%s", status);
  char *id = lotse_test_insert (fixture->store, "project", programme, title_assignment,
                                status_assignment, NULL);

  add_milestone (fixture, id, "Open since 2018", "2018-09-30", "open");
  add_milestone (fixture, id, "Missed in 2021", "2021-12-31", "missed");
  add_milestone (fixture, id, "Due after the end", "2026-11-30", "at_risk");

  return id;
}

/* A milestone that a completed or cancelled project left open is history:
 * the current scope leaves it out, its counts too, and the history scope
 * lists it as closed, never as overdue. */
static void
test_closed_projects (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autofree char *completed = add_closed_project (fixture, "Completed Project", "completed");
  g_autofree char *cancelled = add_closed_project (fixture, "Cancelled Project", "cancelled");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) current = NULL;
  g_autoptr(GPtrArray) history = NULL;
  LotseMonitorCounts counts = { 0, };
  guint n_closed = 0;

  current = lotse_monitor_query_page (fixture->store, TODAY, 14, NULL, CURRENT, 0, 0, &counts, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (current->len, ==, 4);
  g_assert_cmpuint (counts.total, ==, 4);
  g_assert_cmpuint (counts.overdue, ==, 2);
  g_assert_cmpuint (counts.closed, ==, 0);
  /* The first entry is what the office must act on, not 2018. */
  g_assert_cmpstr (title_of (current, 0), ==, "Missed");
  for (guint i = 0; i < current->len; i++)
    {
      LotseMonitorEntry *entry = g_ptr_array_index (current, i);

      g_assert_cmpstr (entry->project_id, !=, completed);
      g_assert_cmpstr (entry->project_id, !=, cancelled);
      g_assert_cmpstr (entry->project_status, ==, "running");
    }

  history = lotse_monitor_query_page (fixture->store, TODAY, 14, NULL, LOTSE_MONITOR_SCOPE_HISTORY,
                                      0, 0, &counts, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (history->len, ==, 10);
  g_assert_cmpuint (counts.total, ==, 10);
  /* Closed projects' milestones are listed but never counted overdue. */
  g_assert_cmpuint (counts.overdue, ==, 2);
  g_assert_cmpuint (counts.closed, ==, 6);
  g_assert_cmpstr (title_of (history, 0), ==, "Open since 2018");
  for (guint i = 0; i < history->len; i++)
    {
      LotseMonitorEntry *entry = g_ptr_array_index (history, i);
      gboolean closed = g_strcmp0 (entry->project_id, completed) == 0 ||
                        g_strcmp0 (entry->project_id, cancelled) == 0;

      g_assert_cmpint (entry->state == LOTSE_MONITOR_CLOSED, ==, closed);
      n_closed += closed;
    }
  g_assert_cmpuint (n_closed, ==, 6);
  g_assert_cmpstr (lotse_monitor_state_to_string (LOTSE_MONITOR_CLOSED), ==, "closed");

  /* The history scope pages like the current one. */
  {
    LotseMonitorEntry *third = g_ptr_array_index (history, 2);
    g_autoptr(GPtrArray) next = lotse_monitor_query_after (fixture->store, TODAY, 14, NULL,
                                                           LOTSE_MONITOR_SCOPE_HISTORY, third, 2,
                                                           &error);

    g_assert_no_error (error);
    g_assert_cmpuint (next->len, ==, 2);
    g_assert_cmpstr (title_of (next, 0), ==, title_of (history, 3));
    g_assert_cmpstr (title_of (next, 1), ==, title_of (history, 4));
  }
}

/* The one rule every view asks. */
static void
test_is_overdue (void)
{
  g_assert_true (lotse_monitor_is_overdue ("open", "2026-11-21", "running", TODAY));
  g_assert_true (lotse_monitor_is_overdue ("at_risk", "2026-11-21", "paused", TODAY));
  g_assert_true (lotse_monitor_is_overdue ("missed", "2018-01-01", "planned", TODAY));
  g_assert_true (lotse_monitor_is_overdue ("open", "2026-11-21", NULL, TODAY));
  g_assert_false (lotse_monitor_is_overdue ("open", TODAY, "running", TODAY));
  g_assert_false (lotse_monitor_is_overdue ("open", NULL, "running", TODAY));
  g_assert_false (lotse_monitor_is_overdue ("done", "2026-11-21", "running", TODAY));
  g_assert_false (lotse_monitor_is_overdue ("cancelled", "2026-11-21", "running", TODAY));
  g_assert_false (lotse_monitor_is_overdue ("open", "2018-09-30", "completed", TODAY));
  g_assert_false (lotse_monitor_is_overdue ("missed", "2018-09-30", "cancelled", TODAY));
  g_assert_true (lotse_monitor_project_is_closed ("completed"));
  g_assert_true (lotse_monitor_project_is_closed ("cancelled"));
  g_assert_false (lotse_monitor_project_is_closed ("paused"));
  g_assert_false (lotse_monitor_project_is_closed (NULL));
}

/* The demo programme has completed projects with milestones open since
 * 2018: the monitor opens on the current ones. */
static void
test_demo_opens_on_current (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(LotseStore) store = lotse_test_open_store (&dir);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  LotseMonitorCounts counts = { 0, };
  LotseMonitorEntry *first;

  g_assert_true (lotse_demo_load (store, "2026-12-07", NULL, &error));
  g_assert_no_error (error);

  entries = lotse_monitor_query_page (store, "2026-12-07", 14, NULL, CURRENT, 0, 200, &counts, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (entries->len, >, 0);
  first = g_ptr_array_index (entries, 0);
  g_assert_false (lotse_monitor_project_is_closed (first->project_status));
  g_assert_cmpstr (first->due_date, >, "2019-12-31");
  for (guint i = 0; i < entries->len; i++)
    g_assert_false (lotse_monitor_project_is_closed (((LotseMonitorEntry *) g_ptr_array_index (entries, i))->project_status));

  g_clear_object (&store);
  lotse_test_remove_tree (dir);
}

static void
test_pages (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GPtrArray) rest = NULL;
  g_autoptr(GPtrArray) beyond = NULL;
  LotseMonitorCounts counts = { 0, };

  all = lotse_monitor_query (fixture->store, TODAY, 14, NULL, CURRENT, &error);
  g_assert_no_error (error);

  /* pages of 3 give the same entries in the same order, and the counts of all */
  for (guint offset = 0; offset < all->len; offset += 3)
    {
      g_autoptr(GPtrArray) page = NULL;

      page = lotse_monitor_query_page (fixture->store, TODAY, 14, NULL, CURRENT, offset, 3, &counts, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (counts.total, ==, 4);
      g_assert_cmpuint (counts.overdue, ==, 2);
      g_assert_cmpuint (page->len, ==, MIN (3, all->len - offset));
      for (guint i = 0; i < page->len; i++)
        {
          LotseMonitorEntry *a = g_ptr_array_index (all, offset + i);
          LotseMonitorEntry *b = g_ptr_array_index (page, i);

          g_assert_cmpstr (lotse_record_get_id (a->milestone), ==, lotse_record_get_id (b->milestone));
          g_assert_cmpint (a->days_overdue, ==, b->days_overdue);
          g_assert_cmpint (a->state, ==, b->state);
        }
    }

  rest = lotse_monitor_query_page (fixture->store, TODAY, 14, NULL, CURRENT, 3, 0, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rest->len, ==, 1);
  g_assert_cmpstr (title_of (rest, 0), ==, "At the horizon");

  beyond = lotse_monitor_query_page (fixture->store, TODAY, 14, NULL, CURRENT, 100, 10, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (beyond->len, ==, 0);

  /* counts follow the horizon and the programme: due today is not overdue */
  g_clear_pointer (&rest, g_ptr_array_unref);
  rest = lotse_monitor_query_page (fixture->store, TODAY, 0, fixture->programme_b, CURRENT, 0, 1, &counts, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (counts.total, ==, 1);
  g_assert_cmpuint (counts.overdue, ==, 0);
  g_assert_cmpstr (title_of (rest, 0), ==, "Due today");

  /* a bad date fails before anything is read, and leaves counts alone */
  counts.total = 77;
  g_clear_pointer (&rest, g_ptr_array_unref);
  rest = lotse_monitor_query_page (fixture->store, "2026-02-30", 14, NULL, CURRENT, 0, 10, &counts, &error);
  g_assert_error (error, LOTSE_ERROR, LOTSE_ERROR_INVALID_VALUE);
  g_assert_null (rest);
  g_assert_cmpuint (counts.total, ==, 77);
}

static void
collect_row (const char * const *columns,
             gpointer            user_data)
{
  GPtrArray *rows = user_data;

  g_ptr_array_add (rows, g_strdup_printf ("%s|%s|%s|%s|%s", columns[0], columns[1],
                                          columns[2] ? columns[2] : "-",
                                          columns[3] ? columns[3] : "-",
                                          columns[4] ? columns[4] : "-"));
}

typedef struct
{
  GPtrArray *projects;
  GPtrArray *milestones;
} Collected;

static void
collect_project (const char * const *columns,
                 gpointer            user_data)
{
  collect_row (columns, ((Collected *) user_data)->projects);
}

static void
collect_milestone (const char * const *columns,
                   gpointer            user_data)
{
  collect_row (columns, ((Collected *) user_data)->milestones);
}

static void
test_timeline_query (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) projects = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) milestones = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *alpine = g_strdup_printf ("%s|Alpine Project|ALP|-|-", fixture->project_a);
  g_autofree char *beta = g_strdup_printf ("%s|Beta Project|-|-|-", fixture->project_b);
  Collected collected = { projects, milestones };
  guint n_of_a = 0;

  g_assert_true (lotse_store_query_timeline (fixture->store, collect_project, collect_milestone,
                                             &collected, &error));
  g_assert_no_error (error);

  /* the deleted project is not listed; without start dates, by title */
  g_assert_cmpuint (projects->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (projects, 0), ==, alpine);
  g_assert_cmpstr (g_ptr_array_index (projects, 1), ==, beta);

  /* every milestone with a due date that is not deleted, done and
   * cancelled included: the timeline shows history too */
  g_assert_cmpuint (milestones->len, ==, 8);
  for (guint i = 0; i < milestones->len; i++)
    {
      const char *row = g_ptr_array_index (milestones, i);

      g_assert_null (strstr (row, "Deleted milestone"));
      g_assert_null (strstr (row, "Without date"));
      if (strstr (row, fixture->project_a) != NULL)
        n_of_a++;
    }
  g_assert_cmpuint (n_of_a, ==, 4);
}

static char *
add_report (Fixture    *fixture,
            const char *project,
            const char *kind,
            const char *title,
            const char *due,
            const char *status)
{
  g_autofree char *project_assignment = g_strdup_printf ("project_id=%s", project);
  g_autofree char *kind_assignment = g_strdup_printf ("kind=%s", kind);
  g_autofree char *due_assignment = g_strdup_printf ("due_date=%s", due);
  g_autofree char *status_assignment = g_strdup_printf ("status=%s", status);
  g_autofree char *title_assignment = title ? g_strdup_printf ("title=%s", title) : NULL;

  return lotse_test_insert (fixture->store, "funder_report", project_assignment, kind_assignment,
                            due_assignment, status_assignment, title_assignment, NULL);
}

/* Open funder reports stand among the milestones in the same order, are
 * overdue by the same rule and counted with them; submitted, accepted and
 * deleted ones, those beyond the horizon and those of closed projects (in
 * the current scope) are not; paging runs through an untitled report. */
static void
test_funder_reports (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GPtrArray) first = NULL;
  g_autoptr(GPtrArray) rest = NULL;
  g_autofree char *interim = NULL;
  g_autofree char *final = NULL;
  g_autofree char *doomed = NULL;
  g_autofree char *closed_assignment = g_strdup_printf ("programme_id=%s", fixture->programme_a);
  g_autofree char *closed = NULL;
  g_autofree char *closed_report = NULL;
  LotseMonitorCounts counts = { 0, };
  LotseMonitorEntry *entry;

  interim = add_report (fixture, fixture->project_a, "interim", NULL, "2026-11-20", "open");
  final = add_report (fixture, fixture->project_b, "final", "Abschluss", TODAY, "open");
  g_free (add_report (fixture, fixture->project_a, "interim", "Submitted", "2026-11-02", "submitted"));
  g_free (add_report (fixture, fixture->project_a, "final", "Accepted", "2026-11-03", "accepted"));
  g_free (add_report (fixture, fixture->project_b, "final", "Later", "2026-12-07", "open"));
  doomed = add_report (fixture, fixture->project_b, "interim", "Deleted", "2026-11-04", "open");
  lotse_store_delete (fixture->store, "funder_report", doomed, &error);
  g_assert_no_error (error);
  closed = lotse_test_insert (fixture->store, "project", closed_assignment, "title=Closed",
                              "status=completed", NULL);
  closed_report = add_report (fixture, closed, "final", "Left open", "2026-11-05", "open");

  all = lotse_monitor_query_page (fixture->store, TODAY, 14, NULL, CURRENT, 0, 0, &counts, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (all->len, ==, 6);
  g_assert_cmpuint (counts.total, ==, 6);
  g_assert_cmpuint (counts.overdue, ==, 3);
  g_assert_cmpuint (counts.closed, ==, 0);

  g_assert_cmpstr (title_of (all, 1), ==, "Overdue");
  entry = g_ptr_array_index (all, 2);
  g_assert_cmpstr (lotse_record_get_table_name (entry->milestone), ==, "funder_report");
  g_assert_cmpstr (lotse_record_get_id (entry->milestone), ==, interim);
  g_assert_cmpstr (entry->report_kind, ==, "interim");
  g_assert_null (lotse_record_get (entry->milestone, "title"));
  g_assert_cmpstr (lotse_monitor_entry_get_title (entry), ==, "Interim statement");
  g_assert_cmpstr (entry->project_acronym, ==, "ALP");
  g_assert_cmpint (entry->days_overdue, ==, 2);
  g_assert_cmpint (entry->state, ==, LOTSE_MONITOR_OVERDUE);
  /* the same day and project as "Due today": by title */
  entry = g_ptr_array_index (all, 3);
  g_assert_cmpstr (lotse_record_get_id (entry->milestone), ==, final);
  g_assert_cmpstr (lotse_monitor_entry_get_title (entry), ==, "Abschluss");
  g_assert_cmpstr (lotse_record_get (entry->milestone, "status"), ==, "open");
  g_assert_cmpint (entry->state, ==, LOTSE_MONITOR_DUE_SOON);
  g_assert_null (((LotseMonitorEntry *) g_ptr_array_index (all, 4))->report_kind);
  g_assert_cmpstr (title_of (all, 4), ==, "Due today");

  /* a page that ends on the untitled report, and the page after it */
  first = lotse_monitor_query_page (fixture->store, TODAY, 14, NULL, CURRENT, 0, 3, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (first->len, ==, 3);
  rest = lotse_monitor_query_after (fixture->store, TODAY, 14, NULL, CURRENT,
                                    g_ptr_array_index (first, 2), 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rest->len, ==, 3);
  g_assert_cmpstr (lotse_record_get_id (((LotseMonitorEntry *) g_ptr_array_index (rest, 0))->milestone),
                   ==, final);

  /* with history, the closed project's report is there, as history */
  g_clear_pointer (&all, g_ptr_array_unref);
  all = lotse_monitor_query_page (fixture->store, TODAY, 14, NULL, LOTSE_MONITOR_SCOPE_HISTORY, 0, 0,
                                  &counts, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (counts.total, ==, 7);
  g_assert_cmpuint (counts.closed, ==, 1);
  entry = g_ptr_array_index (all, 1);
  g_assert_cmpstr (lotse_record_get_id (entry->milestone), ==, closed_report);
  g_assert_cmpint (entry->state, ==, LOTSE_MONITOR_CLOSED);

  /* of the other programme: only Beta's */
  g_clear_pointer (&all, g_ptr_array_unref);
  all = lotse_monitor_query (fixture->store, TODAY, 14, fixture->programme_b, CURRENT, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (all->len, ==, 3);
  g_assert_cmpstr (lotse_monitor_entry_get_title (g_ptr_array_index (all, 0)), ==, "Abschluss");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/monitor/query/history", test_history);
  ADD ("/monitor/query/boundaries", test_boundaries);
  ADD ("/monitor/query/programme", test_programme);
  ADD ("/monitor/query/today-and-errors", test_today_and_errors);
  ADD ("/monitor/query/excluded", test_excluded);
  ADD ("/monitor/query/closed-projects", test_closed_projects);
  ADD ("/monitor/query/pages", test_pages);
  ADD ("/monitor/query/after", test_after);
  ADD ("/monitor/group-keys", test_group_keys);
  ADD ("/monitor/timeline-query", test_timeline_query);
  ADD ("/monitor/entry-copy", test_entry_copy);
  ADD ("/monitor/query/funder-reports", test_funder_reports);
  g_test_add_func ("/monitor/is-overdue", test_is_overdue);
  g_test_add_func ("/monitor/demo-opens-on-current", test_demo_opens_on_current);

  return g_test_run ();
}
