/* test-demo-dates.c: the demo's dates around the day it is loaded
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The demo must not go stale: loaded on any day it shows running projects
 * with milestones overdue by days or weeks, not years, and others due in
 * the coming weeks; a jour fixe whose next meeting is ahead, on its
 * weekday, and whose past meetings were held and minuted; nothing it shows
 * as done or held lies in the future. The loader takes the day, so these
 * tests load the demo on days years apart and on every weekday.
 */

#include "config.h"

#include <string.h>

#include "lotse-test-helpers.h"

/* The day the demo's data are written for. */
#define WRITTEN_FOR "2026-11-22"

static const char * const load_days[] = { WRITTEN_FOR, "2024-02-29", "2031-06-17", "2045-12-31" };

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
  g_clear_pointer (&fixture->dir, g_free);
}

static GPtrArray *
list_rows (LotseStore        *store,
           const char        *table,
           const LotseFilter *filter,
           const char        *order)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *rows = lotse_store_list (store, table, filter, filter != NULL ? 1 : 0, order, 0, 0,
                                      &error);

  g_assert_no_error (error);
  g_assert_nonnull (rows);

  return rows;
}

static GDate *
date_from_iso (const char *text)
{
  g_autofree char *midnight = g_strconcat (text, "T00:00:00Z", NULL);
  g_autoptr(GDateTime) time = g_date_time_new_from_iso8601 (midnight, NULL);

  g_assert_nonnull (time);

  return g_date_new_dmy ((GDateDay) g_date_time_get_day_of_month (time),
                         (GDateMonth) g_date_time_get_month (time),
                         (GDateYear) g_date_time_get_year (time));
}

/* Days from @from to @to, both YYYY-MM-DD. */
static int
days_between (const char *from,
              const char *to)
{
  g_autoptr(GDate) a = date_from_iso (from);
  g_autoptr(GDate) b = date_from_iso (to);

  return g_date_days_between (a, b);
}

/* A meeting's start in the office's zone. */
static GDateTime *
local_start (LotseRecord *meeting,
             GTimeZone   *zone)
{
  g_autoptr(GDateTime) time =
    g_date_time_new_from_iso8601 (lotse_record_get (meeting, "starts_at"), NULL);

  g_assert_nonnull (time);

  return g_date_time_to_timezone (time, zone);
}

static char *
local_day (LotseRecord *meeting,
           GTimeZone   *zone)
{
  g_autoptr(GDateTime) start = local_start (meeting, zone);

  return g_date_time_format (start, "%Y-%m-%d");
}

static void
load_demo (LotseStore *store,
           const char *today)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (lotse_demo_load (store, today, NULL, &error));
  g_assert_no_error (error);
}

/* What the milestone monitor shows the office: a few milestones of
 * running projects overdue, by days or weeks, and a few due soon. */
static void
assert_milestones_current (LotseStore *store,
                           const char *today)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) entries = lotse_monitor_query (store, today, 42, NULL, LOTSE_MONITOR_SCOPE_CURRENT, &error);
  guint overdue = 0, due_soon = 0;

  g_assert_no_error (error);
  for (guint i = 0; i < entries->len; i++)
    {
      LotseMonitorEntry *entry = g_ptr_array_index (entries, i);
      const char *status = lotse_record_get (entry->milestone, "status");
      g_autoptr(LotseRecord) project = lotse_store_get (store, "project", entry->project_id, &error);

      g_assert_no_error (error);
      if (!g_str_equal (lotse_record_get (project, "status"), "running") ||
          (!g_str_equal (status, "open") && !g_str_equal (status, "at_risk")))
        continue;

      g_test_message ("%s: %s, %d days overdue", entry->project_acronym,
                      lotse_record_get (entry->milestone, "title"), entry->days_overdue);
      g_assert_cmpint (entry->days_overdue, <=, 60);
      if (entry->days_overdue > 0)
        overdue++;
      else
        due_soon++;
    }

  g_assert_cmpuint (overdue, >=, 3);
  g_assert_cmpuint (due_soon, >=, 3);
}

/* A milestone of a completed project or of a programme that has ended is
 * history: done or cancelled, not missed for years. A milestone a running
 * project missed was missed this year. */
static void
assert_history_closed (LotseStore *store,
                       const char *today)
{
  g_autoptr(GPtrArray) milestones = list_rows (store, "milestone", NULL, NULL);

  for (guint i = 0; i < milestones->len; i++)
    {
      LotseRecord *milestone = g_ptr_array_index (milestones, i);
      const char *status = lotse_record_get (milestone, "status");
      g_autoptr(GError) error = NULL;
      g_autoptr(LotseRecord) project =
        lotse_store_get (store, "project", lotse_record_get (milestone, "project_id"), &error);
      g_autoptr(LotseRecord) programme =
        lotse_store_get (store, "programme", lotse_record_get (project, "programme_id"), &error);

      g_assert_no_error (error);
      if (g_str_equal (lotse_record_get (project, "status"), "completed") ||
          g_strcmp0 (lotse_record_get (programme, "end_date"), today) < 0)
        {
          g_test_message ("%s: %s", lotse_record_get (project, "acronym"),
                          lotse_record_get (milestone, "title"));
          g_assert_true (g_str_equal (status, "done") || g_str_equal (status, "cancelled"));
        }
      else if (g_str_equal (status, "missed"))
        {
          g_assert_cmpint (days_between (lotse_record_get (milestone, "due_date"), today), <=, 180);
        }
    }
}

/* Minutes: at least one agenda item of @meeting has notes. */
static gboolean
has_minutes (LotseStore  *store,
             LotseRecord *meeting)
{
  LotseFilter filter = { "meeting_id", lotse_record_get_id (meeting) };
  g_autoptr(GPtrArray) items = list_rows (store, "agenda_item", &filter, NULL);

  for (guint i = 0; i < items->len; i++)
    {
      if (lotse_record_get (g_ptr_array_index (items, i), "notes") != NULL)
        return TRUE;
    }

  return FALSE;
}

/* Each meeting of a series on its rhythm: the jour fixe every other
 * Tuesday at 10:00, the steering board on the first Thursday of every
 * third month. */
static void
assert_on_rhythm (LotseRecord *series,
                  LotseRecord *meeting,
                  LotseRecord *previous,
                  GTimeZone   *zone)
{
  g_autoptr(GDateTime) start = local_start (meeting, zone);
  g_autoptr(GDateTime) before = previous != NULL ? local_start (previous, zone) : NULL;
  g_autofree char *date = g_date_time_format (start, "%d.%m.%Y");

  if (g_str_equal (lotse_record_get (series, "kind"), "jour_fixe"))
    {
      g_autofree char *title = g_strconcat ("Jour fixe ", date, NULL);

      g_assert_cmpint (g_date_time_get_day_of_week (start), ==, 2);
      g_assert_cmpint (g_date_time_get_hour (start), ==, 10);
      g_assert_cmpint (g_date_time_get_minute (start), ==, 0);
      g_assert_cmpstr (lotse_record_get (meeting, "title"), ==, title);
      if (before != NULL)
        {
          g_autofree char *from = g_date_time_format (before, "%Y-%m-%d");
          g_autofree char *to = g_date_time_format (start, "%Y-%m-%d");

          g_assert_cmpint (days_between (from, to), ==, 14);
        }
    }
  else
    {
      g_assert_cmpstr (lotse_record_get (series, "kind"), ==, "steering");
      g_assert_cmpint (g_date_time_get_day_of_week (start), ==, 4);
      g_assert_cmpint (g_date_time_get_day_of_month (start), <=, 7);
      g_assert_cmpint (g_date_time_get_hour (start), ==, 14);
      if (before != NULL)
        g_assert_cmpint ((g_date_time_get_year (start) * 12 + g_date_time_get_month (start)) -
                         (g_date_time_get_year (before) * 12 + g_date_time_get_month (before)),
                         ==, 3);
    }
}

/* The series with a recurrence: the meetings on their rhythm, the last one
 * planned and ahead, within one period, the others held and minuted. */
static void
assert_meetings_current (LotseStore *store,
                         const char *today)
{
  g_autoptr(GTimeZone) zone = lotse_office_get_time_zone (store);
  g_autoptr(GPtrArray) all_series = list_rows (store, "meeting_series", NULL, NULL);
  guint n_checked = 0;

  for (guint i = 0; i < all_series->len; i++)
    {
      LotseRecord *series = g_ptr_array_index (all_series, i);
      LotseFilter filter = { "series_id", lotse_record_get_id (series) };
      g_autoptr(GPtrArray) meetings = NULL;

      if (lotse_record_get (series, "recurrence") == NULL)
        continue;

      meetings = list_rows (store, "meeting", &filter, "starts_at");
      g_assert_cmpuint (meetings->len, >=, 3);
      for (guint j = 0; j < meetings->len; j++)
        {
          LotseRecord *meeting = g_ptr_array_index (meetings, j);
          g_autofree char *day = local_day (meeting, zone);
          gboolean last = j + 1 == meetings->len;

          g_test_message ("%s: %s", lotse_record_get (meeting, "title"), day);
          assert_on_rhythm (series, meeting, j > 0 ? g_ptr_array_index (meetings, j - 1) : NULL,
                            zone);
          g_assert_cmpstr (lotse_record_get (meeting, "status"), ==, last ? "planned" : "held");
          if (last)
            {
              g_assert_cmpstr (day, >, today);
              g_assert_cmpint (days_between (today, day), <=,
                               g_str_equal (lotse_record_get (series, "kind"), "jour_fixe") ? 14 : 92);
            }
          else
            {
              g_assert_cmpstr (day, <, today);
              g_assert_true (has_minutes (store, meeting));
            }
          n_checked++;
        }
    }

  g_assert_cmpuint (n_checked, ==, 10);
}

/* What the demo shows as done, held or reported lies before today. */
static void
assert_past_stays_past (LotseStore *store,
                        const char *today)
{
  g_autoptr(GTimeZone) zone = lotse_office_get_time_zone (store);
  g_autoptr(GPtrArray) milestones = list_rows (store, "milestone", NULL, NULL);
  g_autoptr(GPtrArray) reports = list_rows (store, "status_report", NULL, NULL);
  g_autoptr(GPtrArray) actions = list_rows (store, "action_item", NULL, NULL);
  g_autoptr(GPtrArray) meetings = list_rows (store, "meeting", NULL, NULL);

  for (guint i = 0; i < milestones->len; i++)
    {
      const char *done = lotse_record_get (g_ptr_array_index (milestones, i), "done_date");

      if (done != NULL)
        g_assert_cmpstr (done, <=, today);
    }

  for (guint i = 0; i < reports->len; i++)
    g_assert_cmpstr (lotse_record_get (g_ptr_array_index (reports, i), "date"), <=, today);

  for (guint i = 0; i < actions->len; i++)
    {
      const char *done_at = lotse_record_get (g_ptr_array_index (actions, i), "done_at");

      if (done_at != NULL)
        g_assert_cmpint (strncmp (done_at, today, 10), <=, 0);
    }

  for (guint i = 0; i < meetings->len; i++)
    {
      LotseRecord *meeting = g_ptr_array_index (meetings, i);
      g_autofree char *day = local_day (meeting, zone);

      if (g_str_equal (lotse_record_get (meeting, "status"), "held"))
        g_assert_cmpstr (day, <, today);
    }
}

/* Every date and time is stored in the schema's form, and no text kept a
 * placeholder. */
static void
assert_stored_values (LotseStore *store)
{
  const LotseTable * const *tables;
  guint n_tables;

  tables = lotse_schema_get_tables (&n_tables);
  for (guint i = 0; i < n_tables; i++)
    {
      g_autoptr(GPtrArray) rows = list_rows (store, tables[i]->name, NULL, NULL);

      for (guint j = 0; j < rows->len; j++)
        for (guint k = 0; k < tables[i]->n_fields; k++)
          {
            const LotseField *field = &tables[i]->fields[k];
            const char *value = lotse_record_get (g_ptr_array_index (rows, j), field->name);
            g_autofree char *normalized = NULL;

            if (value == NULL)
              continue;

            if (field->type == LOTSE_FIELD_TEXT)
              {
                g_assert_null (strstr (value, "{{"));
                g_assert_null (strstr (value, "}}"));
              }
            else if (field->type == LOTSE_FIELD_DATE || field->type == LOTSE_FIELD_DATETIME)
              {
                normalized = lotse_field_normalize (field, value, NULL);
                g_assert_cmpstr (normalized, ==, value);
              }
          }
    }
}

static void
assert_current (LotseStore *store,
                const char *today)
{
  assert_milestones_current (store, today);
  assert_history_closed (store, today);
  assert_meetings_current (store, today);
  assert_past_stays_past (store, today);
  assert_stored_values (store);
}

static void
test_around_today (Fixture       *fixture,
                   gconstpointer  data)
{
  load_demo (fixture->store, data);
  assert_current (fixture->store, data);
}

/* Monday to Sunday: the next jour fixe is ahead whatever the weekday, also
 * on a Tuesday, the jour fixe's own. */
static void
test_every_weekday (void)
{
  for (guint i = 0; i < 7; i++)
    {
      g_autofree char *dir = NULL;
      g_autoptr(LotseStore) store = lotse_test_open_store (&dir);
      g_autofree char *today = g_strdup_printf ("2029-01-%02u", 1 + i);

      g_test_message ("%s", today);
      load_demo (store, today);
      assert_current (store, today);

      g_clear_object (&store);
      lotse_test_remove_tree (dir);
    }
}

/* The texts name the dates the rows have: the steering board's meetings,
 * and the month the jour fixe prepares its next meeting for. */
static void
test_texts_follow (Fixture       *fixture,
                   gconstpointer  data)
{
  static const char * const months[] = {
    NULL, "Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September",
    "Oktober", "November", "Dezember",
  };
  g_autoptr(GTimeZone) zone = lotse_office_get_time_zone (fixture->store);
  LotseFilter steering = { "kind", "steering" };
  LotseFilter preparing = { "title", NULL };
  g_autoptr(GPtrArray) meetings = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autofree char *expected = NULL;
  LotseRecord *next;

  load_demo (fixture->store, data);

  meetings = list_rows (fixture->store, "meeting", &steering, "starts_at");
  for (guint i = 0; i < meetings->len; i++)
    {
      LotseRecord *meeting = g_ptr_array_index (meetings, i);
      g_autoptr(GDateTime) start = local_start (meeting, zone);
      g_autofree char *title = g_strdup_printf ("Lenkungskreis %s %d",
                                                months[g_date_time_get_month (start)],
                                                g_date_time_get_year (start));

      g_assert_cmpstr (lotse_record_get (meeting, "title"), ==, title);
    }

  next = g_ptr_array_index (meetings, meetings->len - 1);
  {
    g_autoptr(GDateTime) start = local_start (next, zone);

    expected = g_strdup_printf ("Vorbereitung des Lenkungskreises im %s",
                                months[g_date_time_get_month (start)]);
  }
  preparing.value = expected;
  items = list_rows (fixture->store, "agenda_item", &preparing, NULL);
  g_assert_cmpuint (items->len, ==, 2);
}

/* The meetings keep their wall-clock times in the office's zone, also when
 * the office is not in Berlin. */
static void
test_office_zone (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LotseRecord) office = lotse_office_get (fixture->store, &error);
  LotseFilter planned = { "status", "planned" };
  g_autoptr(GPtrArray) meetings = NULL;

  g_assert_no_error (error);
  lotse_record_set (office, "time_zone", "America/New_York");
  g_assert_true (lotse_office_save (fixture->store, office, &error));
  g_assert_no_error (error);

  load_demo (fixture->store, data);
  assert_current (fixture->store, data);

  meetings = list_rows (fixture->store, "meeting", &planned, "starts_at");
  g_assert_cmpuint (meetings->len, ==, 2);
  g_assert_cmpstr (lotse_record_get (g_ptr_array_index (meetings, 0), "starts_at"), ==,
                   "2031-06-24T10:00:00-04:00");
  g_assert_cmpstr (lotse_record_get (g_ptr_array_index (meetings, 1), "starts_at"), ==,
                   "2031-07-03T14:00:00-04:00");
}

/* A day that is no date, or one so far off that the demo's dates would
 * leave the years 1 to 9999, gives an error and writes nothing. */
static void
test_bad_day (Fixture       *fixture,
              gconstpointer  data)
{
  static const char * const days[] = {
    "", "gestern", "2026-02-30", "2026-1-5", "22.11.2026", "2026-11-22T10:00:00+01:00",
    "2026-11-22 ", "0000-01-01", "0001-01-01", "0010-06-30", "9999-01-01", "9999-12-31",
  };

  for (guint i = 0; i < G_N_ELEMENTS (days); i++)
    {
      g_autoptr(GError) error = NULL;
      guint n_inserted = G_MAXUINT;

      g_test_message ("“%s”", days[i]);
      g_assert_false (lotse_demo_load (fixture->store, days[i], &n_inserted, &error));
      g_assert_error (error, LOTSE_ERROR, LOTSE_ERROR_INVALID_VALUE);
      g_test_message ("%s", error->message);
      g_assert_cmpuint (n_inserted, ==, 0);
      g_assert_true (lotse_store_is_empty (fixture->store));
      g_assert_cmpint (lotse_store_count_outbox (fixture->store), ==, 0);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (load_days); i++)
    {
      g_autofree char *around = g_strdup_printf ("/demo-dates/%s/around-today", load_days[i]);
      g_autofree char *texts = g_strdup_printf ("/demo-dates/%s/texts-follow", load_days[i]);

      g_test_add (around, Fixture, load_days[i], fixture_set_up, test_around_today,
                  fixture_tear_down);
      g_test_add (texts, Fixture, load_days[i], fixture_set_up, test_texts_follow,
                  fixture_tear_down);
    }
  g_test_add_func ("/demo-dates/every-weekday", test_every_weekday);
  g_test_add ("/demo-dates/bad-day", Fixture, NULL, fixture_set_up, test_bad_day,
              fixture_tear_down);
  g_test_add ("/demo-dates/office-zone", Fixture, "2031-06-17", fixture_set_up, test_office_zone,
              fixture_tear_down);

  return g_test_run ();
}
