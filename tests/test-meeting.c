/* test-meeting.c: recurrence and “prepare next meeting”
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <sqlite3.h>
#include <string.h>

#include "lotse-test-helpers.h"

#define RULE "FREQ=WEEKLY;INTERVAL=2;BYDAY=TU;TZID=Europe/Berlin"
#define STANDING "Begrüßung\nProtokoll der letzten Sitzung\nVerschiedenes"

/* Inserts a row from field/value pairs ending with NULL; a NULL value
 * leaves the field unset. */
static char *
add (LotseStore *store,
     const char *table,
     ...)
{
  g_autoptr(LotseRecord) record = lotse_record_new_for_table (table);
  g_autoptr(GError) error = NULL;
  const char *field;
  va_list args;

  va_start (args, table);
  while ((field = va_arg (args, const char *)) != NULL)
    lotse_record_set (record, field, va_arg (args, const char *));
  va_end (args);

  lotse_store_insert (store, record, &error);
  g_assert_no_error (error);

  return g_strdup (lotse_record_get_id (record));
}

static GDateTime *
parse_time (const char *text)
{
  GDateTime *time = g_date_time_new_from_iso8601 (text, NULL);

  g_assert_nonnull (time);
  return time;
}

static char *
format_time (GDateTime *time)
{
  return g_date_time_format (time, "%Y-%m-%dT%H:%M:%S%:z");
}

/* --- a series’ next meeting --------------------------------------------- */

static void
test_recurrence_next_errors (void)
{
  g_autoptr(LotseRecord) series = lotse_record_new_for_table ("meeting_series");
  g_autoptr(GTimeZone) berlin = g_time_zone_new_identifier ("Europe/Berlin");
  g_autoptr(GDateTime) after = parse_time ("2026-01-01T10:00:00+01:00");
  g_autoptr(GDateTime) next = NULL;
  g_autoptr(GError) error = NULL;

  lotse_record_set (series, "title", "No rhythm");
  next = lotse_meeting_series_next_occurrence (series, berlin, after, &error);
  g_assert_null (next);
  g_assert_error (error, LOTSE_ERROR, LOTSE_ERROR_INVALID_VALUE);
  g_clear_error (&error);

  lotse_record_set (series, "recurrence", "FREQ=HOURLY");
  next = lotse_meeting_series_next_occurrence (series, berlin, after, &error);
  g_assert_null (next);
  g_assert_error (error, LOTSE_ERROR, LOTSE_ERROR_INVALID_VALUE);
}

/* --- a hand-built history ------------------------------------------------ */

typedef struct
{
  char       *dir;
  LotseStore *store;
  char       *series;
  char       *p1, *p2, *p3;
  char       *alpine, *beta, *gamma, *delta, *epsilon;
  char       *m1, *m2;
  char       *m1_x, *m2_x, *m2_z, *m2_w;
  char       *ms_a1, *ms_a2, *ms_a3, *ms_a4, *ms_b1, *ms_d1;
} Fixture;

static char *
add_item (Fixture    *fixture,
          const char *meeting,
          const char *position,
          const char *title,
          const char *status,
          const char *project,
          const char *milestone,
          const char *carried_from)
{
  return add (fixture->store, "agenda_item", "meeting_id", meeting, "position", position,
              "title", title, "kind", "discussion", "status", status, "duration_min", "15",
              "project_id", project, "milestone_id", milestone, "carried_from_id", carried_from,
              "notes", "Was besprochen wurde.", NULL);
}

static void
add_report (Fixture    *fixture,
            const char *project,
            const char *date,
            const char *health)
{
  g_autofree char *id = add (fixture->store, "status_report", "project_id", project, "date", date,
                             "health", health, NULL);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  LotseStore *store;
  g_autofree char *id = NULL;
  g_autofree char *m2_standing = NULL;

  fixture->store = store = lotse_test_open_store (&fixture->dir);

  fixture->series = add (store, "meeting_series", "title", "Jour fixe", "kind", "jour_fixe",
                         "recurrence", RULE, "default_location", "Rathaus Bielefeld",
                         "default_duration_min", "90", "standing_items", STANDING, NULL);
  fixture->p1 = add (store, "person", "name", "Katrin Voßmeyer", NULL);
  fixture->p2 = add (store, "person", "name", "Tobias Rehkemper", NULL);
  fixture->p3 = add (store, "person", "name", "Aylin Demir", NULL);

  fixture->alpine = add (store, "project", "title", "Alpine Project", "acronym", "ALP",
                         "status", "running", "leader_person_id", fixture->p3, NULL);
  fixture->beta = add (store, "project", "title", "Beta", "status", "running", NULL);
  fixture->gamma = add (store, "project", "title", "Gamma", "status", "running", NULL);
  fixture->delta = add (store, "project", "title", "Delta", "status", "running", NULL);
  fixture->epsilon = add (store, "project", "title", "Epsilon", "status", "running", NULL);

  fixture->ms_a1 = add (store, "milestone", "project_id", fixture->alpine, "title", "A1",
                        "due_date", "2026-01-10", "status", "open", NULL);
  fixture->ms_a2 = add (store, "milestone", "project_id", fixture->alpine, "title", "A2",
                        "due_date", "2026-01-31", "status", "at_risk", NULL);
  fixture->ms_a3 = add (store, "milestone", "project_id", fixture->alpine, "title", "A3",
                        "due_date", "2026-02-10", "status", "open", NULL);
  /* Due on the day of the meeting after next: not yet. */
  fixture->ms_a4 = add (store, "milestone", "project_id", fixture->alpine, "title", "A4",
                        "due_date", "2026-02-17", "status", "open", NULL);
  id = add (store, "milestone", "project_id", fixture->alpine, "title", "A5 done",
            "due_date", "2026-01-05", "status", "done", "done_date", "2026-01-05", NULL);
  g_clear_pointer (&id, g_free);
  id = add (store, "milestone", "project_id", fixture->alpine, "title", "A6 cancelled",
            "due_date", "2026-01-05", "status", "cancelled", NULL);
  g_clear_pointer (&id, g_free);
  id = add (store, "milestone", "project_id", fixture->alpine, "title", "A7 undated",
            "status", "open", NULL);
  g_clear_pointer (&id, g_free);
  fixture->ms_b1 = add (store, "milestone", "project_id", fixture->beta, "title", "B1",
                        "due_date", "2026-02-16", "status", "open", NULL);
  fixture->ms_d1 = add (store, "milestone", "project_id", fixture->delta, "title", "D1",
                        "due_date", "2026-01-15", "status", "missed", NULL);
  /* Gamma is never discussed in the series: its milestones stay off. */
  id = add (store, "milestone", "project_id", fixture->gamma, "title", "G1",
            "due_date", "2026-01-15", "status", "open", NULL);
  g_clear_pointer (&id, g_free);

  /* Jour fixe 1, held. */
  fixture->m1 = add (store, "meeting", "series_id", fixture->series, "title", "JF 1",
                     "kind", "jour_fixe", "starts_at", "2026-01-06T10:00:00+01:00",
                     "duration_min", "60", "location", "Altes Rathaus", "status", "held", NULL);
  g_free (add_item (fixture, fixture->m1, "1", "Begrüßung", "done", NULL, NULL, NULL));
  g_free (add_item (fixture, fixture->m1, "2", "Protokoll der letzten Sitzung", "done", NULL,
                    NULL, NULL));
  fixture->m1_x = add_item (fixture, fixture->m1, "3", "Topic X", "deferred", fixture->alpine,
                            NULL, NULL);
  g_free (add_item (fixture, fixture->m1, "4", "Topic Y", "done", NULL, NULL, NULL));
  g_free (add_item (fixture, fixture->m1, "5", "Verschiedenes", "open", NULL, NULL, NULL));
  g_free (add (store, "action_item", "meeting_id", fixture->m1, "title", "Send the minutes",
               "owner_person_id", fixture->p1, "due_date", "2026-01-30", "status", "open", NULL));
  g_free (add (store, "action_item", "meeting_id", fixture->m1, "title", "Book the room",
               "status", "done", "done_at", "2026-01-07T09:00:00+01:00", NULL));
  g_free (add (store, "action_item", "meeting_id", fixture->m1, "title", "Dropped idea",
               "status", "dropped", NULL));
  g_free (add (store, "decision", "meeting_id", fixture->m1, "project_id", fixture->delta,
               "text", "Delta reports monthly.", NULL));
  g_free (add (store, "meeting_participant", "meeting_id", fixture->m1, "person_id",
               fixture->p3, "attendance", "present", NULL));

  /* Jour fixe 2, held: the last one. */
  fixture->m2 = add (store, "meeting", "series_id", fixture->series, "title", "JF 2",
                     "kind", "jour_fixe", "starts_at", "2026-01-20T10:00:00+01:00",
                     "duration_min", "60", "location", "Altes Rathaus", "status", "held", NULL);
  g_free (add_item (fixture, fixture->m2, "1", "Begrüßung", "done", NULL, NULL, NULL));
  m2_standing = add_item (fixture, fixture->m2, "2", "Protokoll der letzten Sitzung", "open",
                          NULL, NULL, NULL);
  fixture->m2_x = add_item (fixture, fixture->m2, "3", "Topic X", "open", fixture->alpine, NULL,
                            fixture->m1_x);
  fixture->m2_z = add_item (fixture, fixture->m2, "4", "Topic Z", "open", fixture->alpine,
                            fixture->ms_a1, NULL);
  fixture->m2_w = add_item (fixture, fixture->m2, "5", "Topic W", "deferred", NULL, NULL, NULL);
  g_free (add_item (fixture, fixture->m2, "6", "Open action items", "open", NULL, NULL, NULL));
  g_free (add_item (fixture, fixture->m2, "7", "Verschiedenes", "open", NULL, NULL, NULL));
  g_free (add (store, "action_item", "meeting_id", fixture->m2, "title", "Ask the mayor",
               "status", "open", NULL));
  g_free (add (store, "action_item", "meeting_id", fixture->m2, "title", "Beta budget plan",
               "project_id", fixture->beta, "owner_person_id", fixture->p2, "status", "open",
               NULL));
  g_free (add (store, "meeting_participant", "meeting_id", fixture->m2, "person_id",
               fixture->p1, "attendance", "present", NULL));
  g_free (add (store, "meeting_participant", "meeting_id", fixture->m2, "person_id",
               fixture->p2, "attendance", "excused", NULL));

  /* Another series’ open action item must not show up. */
  {
    g_autofree char *other = add (store, "meeting_series", "title", "Other", "kind", "steering",
                                  NULL);
    g_autofree char *meeting = add (store, "meeting", "series_id", other, "title", "Other 1",
                                    "kind", "steering", "starts_at", "2026-01-21T10:00:00+01:00",
                                    "status", "held", NULL);

    g_free (add (store, "action_item", "meeting_id", meeting, "title", "Foreign task",
                 "status", "open", NULL));
  }

  /* Health history. */
  add_report (fixture, fixture->alpine, "2025-12-01", "green");
  add_report (fixture, fixture->alpine, "2026-01-22", "red");
  add_report (fixture, fixture->beta, "2026-01-01", "yellow");
  add_report (fixture, fixture->beta, "2026-01-21", "yellow");
  add_report (fixture, fixture->gamma, "2026-01-10", "green");
  add_report (fixture, fixture->gamma, "2026-01-21", "yellow");
  add_report (fixture, fixture->gamma, "2026-01-23", "green");
  add_report (fixture, fixture->epsilon, "2026-01-22", "red");
  add_report (fixture, fixture->delta, "2026-01-02", "green");
  add_report (fixture, fixture->delta, "2026-01-21", "yellow");
  add_report (fixture, fixture->delta, "2026-01-23", "green");
  add_report (fixture, fixture->delta, "2026-02-05", "red");
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->store);
  lotse_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->series);
  g_free (fixture->p1);
  g_free (fixture->p2);
  g_free (fixture->p3);
  g_free (fixture->alpine);
  g_free (fixture->beta);
  g_free (fixture->gamma);
  g_free (fixture->delta);
  g_free (fixture->epsilon);
  g_free (fixture->m1);
  g_free (fixture->m2);
  g_free (fixture->m1_x);
  g_free (fixture->m2_x);
  g_free (fixture->m2_z);
  g_free (fixture->m2_w);
  g_free (fixture->ms_a1);
  g_free (fixture->ms_a2);
  g_free (fixture->ms_a3);
  g_free (fixture->ms_a4);
  g_free (fixture->ms_b1);
  g_free (fixture->ms_d1);
}

static LotseRecord *
prepare (Fixture    *fixture,
         const char *date,
         const char *now)
{
  g_autoptr(GDateTime) now_time = parse_time (now);
  g_autoptr(GError) error = NULL;
  LotseRecord *meeting;

  meeting = lotse_meeting_prepare_next_at (fixture->store, fixture->series, date, now_time, &error);
  g_assert_no_error (error);
  g_assert_nonnull (meeting);

  return meeting;
}

static GPtrArray *
agenda_of (Fixture     *fixture,
           LotseRecord *meeting)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *agenda = lotse_meeting_list_agenda (fixture->store, lotse_record_get_id (meeting),
                                                 &error);

  g_assert_no_error (error);
  g_assert_nonnull (agenda);

  for (guint i = 0; i < agenda->len; i++)
    {
      LotseRecord *item = g_ptr_array_index (agenda, i);

      g_test_message ("%u. %s", i + 1, lotse_record_get (item, "title"));
      g_assert_cmpint (lotse_record_get_int (item, "position", -1), ==, i + 1);
    }

  return agenda;
}

static LotseRecord *
item_titled (GPtrArray  *agenda,
             const char *title)
{
  LotseRecord *found = NULL;

  for (guint i = 0; i < agenda->len; i++)
    {
      LotseRecord *item = g_ptr_array_index (agenda, i);

      if (g_strcmp0 (lotse_record_get (item, "title"), title) == 0)
        {
          g_assert_null (found);
          found = item;
        }
    }

  g_assert_nonnull (found);
  return found;
}

static gint64
count (Fixture    *fixture,
       const char *table)
{
  g_autoptr(GError) error = NULL;
  gint64 n = lotse_store_count (fixture->store, table, NULL, 0, &error);

  g_assert_no_error (error);
  return n;
}

/* A completed project's open milestones are history (as in the monitor),
 * not a topic for the next meeting. */
static void
test_prepare_closed_project (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autoptr(LotseRecord) delta = lotse_store_get (fixture->store, "project", fixture->delta, NULL);
  g_autoptr(LotseRecord) meeting = NULL;
  g_autoptr(GPtrArray) agenda = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (delta);
  lotse_record_set (delta, "status", "completed");
  g_assert_true (lotse_store_update (fixture->store, delta, &error));
  g_assert_no_error (error);

  meeting = prepare (fixture, NULL, "2026-01-25T12:00:00+01:00");
  agenda = agenda_of (fixture, meeting);
  for (guint i = 0; i < agenda->len; i++)
    g_assert_null (strstr (lotse_record_get (g_ptr_array_index (agenda, i), "title"),
                           "milestone of Delta"));
  /* A running project's overdue milestone is still there. */
  item_titled (agenda, "Overdue milestone of ALP: A2 (due 2026-01-31)");
}

static void
test_prepare_full (Fixture       *fixture,
                   gconstpointer  data)
{
  static const char * const expected[] = {
    "Begrüßung",
    "Protokoll der letzten Sitzung",
    "Approval of the minutes of 2026-01-20",
    "Open action items",
    "Status of ALP: On track → Critical",
    "Status of Delta: On track → At risk → On track",
    "Overdue milestone of Delta: D1 (due 2026-01-15)",
    "Overdue milestone of ALP: A2 (due 2026-01-31)",
    "Milestone of ALP: A3 (due 2026-02-10)",
    "Milestone of Beta: B1 (due 2026-02-16)",
    "Topic X",
    "Topic Z",
    "Topic W",
    "Verschiedenes",
  };
  g_autoptr(LotseRecord) meeting = prepare (fixture, NULL, "2026-01-25T12:00:00+01:00");
  g_autoptr(GPtrArray) agenda = agenda_of (fixture, meeting);
  g_autoptr(GPtrArray) participants = NULL;
  g_autoptr(GError) error = NULL;
  LotseRecord *item;

  /* The meeting: next occurrence after the last one, a draft with the
   * series’ place and length. */
  g_assert_cmpstr (lotse_record_get (meeting, "series_id"), ==, fixture->series);
  g_assert_cmpstr (lotse_record_get (meeting, "starts_at"), ==, "2026-02-03T10:00:00+01:00");
  g_assert_cmpstr (lotse_record_get (meeting, "status"), ==, "draft");
  g_assert_cmpstr (lotse_record_get (meeting, "kind"), ==, "jour_fixe");
  g_assert_cmpstr (lotse_record_get (meeting, "location"), ==, "Rathaus Bielefeld");
  g_assert_cmpint (lotse_record_get_int (meeting, "duration_min", 0), ==, 90);
  g_assert_cmpstr (lotse_record_get (meeting, "title"), ==, "Jour fixe");

  g_assert_cmpuint (agenda->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < agenda->len; i++)
    {
      item = g_ptr_array_index (agenda, i);
      g_assert_cmpstr (lotse_record_get (item, "title"), ==, expected[i]);
      g_assert_cmpstr (lotse_record_get (item, "status"), ==, "open");
      g_assert_cmpstr (lotse_record_get (item, "meeting_id"), ==, lotse_record_get_id (meeting));
    }

  /* A slot for the series' three open action items, not a copy of them:
   * the agenda view, its PDF and the CLI list them below the agenda as
   * they are, so a copy in the notes would show each twice and go stale. */
  item = item_titled (agenda, "Open action items");
  g_assert_null (lotse_record_get (item, "notes"));
  g_assert_cmpint (lotse_record_get_int (item, "duration_min", 0), ==, 5 + 2 * 3);

  /* Gamma’s health changed too, but the series never dealt with Gamma. */
  for (guint i = 0; i < agenda->len; i++)
    g_assert_null (strstr (lotse_record_get (g_ptr_array_index (agenda, i), "title"), "Gamma"));

  /* Health: the project and its leader as presenter. */
  item = item_titled (agenda, "Status of ALP: On track → Critical");
  g_assert_cmpstr (lotse_record_get (item, "project_id"), ==, fixture->alpine);
  g_assert_cmpstr (lotse_record_get (item, "presenter_person_id"), ==, fixture->p3);

  /* Milestones refer to themselves and their project. */
  item = item_titled (agenda, "Overdue milestone of ALP: A2 (due 2026-01-31)");
  g_assert_cmpstr (lotse_record_get (item, "milestone_id"), ==, fixture->ms_a2);
  g_assert_cmpstr (lotse_record_get (item, "project_id"), ==, fixture->alpine);
  g_assert_cmpstr (lotse_record_get (item, "kind"), ==, "discussion");
  item = item_titled (agenda, "Milestone of Beta: B1 (due 2026-02-16)");
  g_assert_cmpstr (lotse_record_get (item, "kind"), ==, "information");

  /* Carried items point to the item of the last held meeting, which points
   * to its own original: a chain. Their minutes start empty. */
  item = item_titled (agenda, "Topic X");
  g_assert_cmpstr (lotse_record_get (item, "carried_from_id"), ==, fixture->m2_x);
  g_assert_cmpstr (lotse_record_get (item, "project_id"), ==, fixture->alpine);
  g_assert_cmpint (lotse_record_get_int (item, "duration_min", 0), ==, 15);
  g_assert_null (lotse_record_get (item, "notes"));
  item = item_titled (agenda, "Topic Z");
  g_assert_cmpstr (lotse_record_get (item, "carried_from_id"), ==, fixture->m2_z);
  /* A1 is on the carried Topic Z, so it gets no item of its own. */
  g_assert_cmpstr (lotse_record_get (item, "milestone_id"), ==, fixture->ms_a1);
  item = item_titled (agenda, "Topic W");
  g_assert_cmpstr (lotse_record_get (item, "carried_from_id"), ==, fixture->m2_w);

  /* Standing items are made afresh, not carried. */
  g_assert_null (lotse_record_get (item_titled (agenda, "Verschiedenes"), "carried_from_id"));
  g_assert_null (lotse_record_get (item_titled (agenda, "Protokoll der letzten Sitzung"),
                                   "carried_from_id"));

  /* The participants of the last meeting, invited. */
  participants = lotse_meeting_list_participants (fixture->store, lotse_record_get_id (meeting),
                                                  &error);
  g_assert_no_error (error);
  g_assert_cmpuint (participants->len, ==, 2);
  for (guint i = 0; i < participants->len; i++)
    {
      LotseRecord *participant = g_ptr_array_index (participants, i);
      const char *person = lotse_record_get (participant, "person_id");

      g_assert_true (g_strcmp0 (person, fixture->p1) == 0 || g_strcmp0 (person, fixture->p2) == 0);
      g_assert_cmpstr (lotse_record_get (participant, "attendance"), ==, "invited");
    }

  /* Everything went through the outbox, for sync. */
  g_assert_cmpint (lotse_store_count_outbox (fixture->store), >=, 1 + 2 + agenda->len);
}

static void
test_prepare_idempotent (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(LotseRecord) first = prepare (fixture, NULL, "2026-01-25T12:00:00+01:00");
  gint64 meetings = count (fixture, "meeting");
  gint64 items = count (fixture, "agenda_item");
  gint64 participants = count (fixture, "meeting_participant");
  gint64 outbox = lotse_store_count_outbox (fixture->store);
  g_autoptr(LotseRecord) again = prepare (fixture, NULL, "2026-01-26T08:00:00+01:00");
  g_autoptr(LotseRecord) by_date = prepare (fixture, "2026-02-03", "2026-01-27T08:00:00+01:00");

  g_assert_cmpstr (lotse_record_get_id (again), ==, lotse_record_get_id (first));
  g_assert_cmpstr (lotse_record_get_id (by_date), ==, lotse_record_get_id (first));
  g_assert_cmpint (count (fixture, "meeting"), ==, meetings);
  g_assert_cmpint (count (fixture, "agenda_item"), ==, items);
  g_assert_cmpint (count (fixture, "meeting_participant"), ==, participants);
  g_assert_cmpint (lotse_store_count_outbox (fixture->store), ==, outbox);
}

static void
test_prepare_fills_planned (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autofree char *planned = add (fixture->store, "meeting", "series_id", fixture->series,
                                  "title", "JF 3 (planned by hand)", "kind", "jour_fixe",
                                  "starts_at", "2026-02-03T10:00:00+01:00", "status", "planned",
                                  NULL);
  g_autofree char *invited = add (fixture->store, "meeting_participant", "meeting_id", planned,
                                  "person_id", fixture->p1, "attendance", "invited", NULL);
  gint64 meetings = count (fixture, "meeting");
  g_autoptr(LotseRecord) meeting = prepare (fixture, NULL, "2026-01-25T12:00:00+01:00");
  g_autoptr(GPtrArray) agenda = agenda_of (fixture, meeting);
  g_autoptr(GPtrArray) participants = NULL;

  g_assert_cmpstr (lotse_record_get_id (meeting), ==, planned);
  g_assert_cmpstr (lotse_record_get (meeting, "status"), ==, "planned");
  g_assert_cmpstr (lotse_record_get (meeting, "title"), ==, "JF 3 (planned by hand)");
  g_assert_cmpint (count (fixture, "meeting"), ==, meetings);
  g_assert_cmpuint (agenda->len, ==, 14);
  g_assert_null (lotse_record_get (item_titled (agenda, "Topic X"), "notes"));

  /* p1 was invited already; only p2 is added. */
  participants = lotse_meeting_list_participants (fixture->store, planned, NULL);
  g_assert_cmpuint (participants->len, ==, 2);
}

static void
test_prepare_after_cancelled (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autofree char *cancelled = add (fixture->store, "meeting", "series_id", fixture->series,
                                    "title", "JF 3", "kind", "jour_fixe",
                                    "starts_at", "2026-02-03T10:00:00+01:00",
                                    "status", "cancelled", NULL);
  g_autofree char *x3 = add_item (fixture, cancelled, "1", "Topic X", "open", fixture->alpine,
                                  NULL, fixture->m2_x);
  g_autofree char *only_here = add_item (fixture, cancelled, "2", "Never discussed", "open", NULL,
                                         NULL, NULL);
  g_autoptr(LotseRecord) meeting = prepare (fixture, NULL, "2026-02-05T12:00:00+01:00");
  g_autoptr(GPtrArray) agenda = agenda_of (fixture, meeting);
  g_autoptr(GPtrArray) participants = NULL;

  g_assert_cmpstr (lotse_record_get (meeting, "starts_at"), ==, "2026-02-17T10:00:00+01:00");

  /* The participants of the last meeting that took place or was planned. */
  participants = lotse_meeting_list_participants (fixture->store, lotse_record_get_id (meeting),
                                                  NULL);
  g_assert_cmpuint (participants->len, ==, 2);

  /* Carried from the last held meeting, not from the cancelled one. */
  g_assert_cmpstr (lotse_record_get (item_titled (agenda, "Topic X"), "carried_from_id"), ==,
                   fixture->m2_x);
  g_assert_cmpstr (lotse_record_get (item_titled (agenda, "Topic W"), "carried_from_id"), ==,
                   fixture->m2_w);
  for (guint i = 0; i < agenda->len; i++)
    g_assert_cmpstr (lotse_record_get (g_ptr_array_index (agenda, i), "title"), !=,
                     "Never discussed");

  /* Health changes count from the last held meeting too: Delta’s report of
   * 5 February is now before the meeting. */
  item_titled (agenda, "Status of Delta: On track → At risk → On track → Critical");
}

static void
test_prepare_nothing_twice (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autofree char *m3 = add (fixture->store, "meeting", "series_id", fixture->series,
                             "title", "JF 3", "kind", "jour_fixe",
                             "starts_at", "2026-02-03T10:00:00+01:00", "status", "held", NULL);
  g_autofree char *twin_a = add_item (fixture, m3, "1", "Topic X", "open", fixture->alpine, NULL,
                                      fixture->m2_x);
  g_autofree char *twin_b = add_item (fixture, m3, "2", "Topic X again", "open", fixture->alpine,
                                      NULL, fixture->m2_x);
  g_autofree char *original = add_item (fixture, m3, "3", "Topic Q", "open", NULL, NULL, NULL);
  g_autofree char *follow_up = add_item (fixture, m3, "4", "Topic Q continued", "open", NULL, NULL,
                                         original);
  g_autofree char *milestone_topic = add_item (fixture, m3, "5", "A3 discussion", "open",
                                               fixture->alpine, fixture->ms_a3, NULL);
  g_autoptr(LotseRecord) meeting = prepare (fixture, NULL, "2026-02-05T12:00:00+01:00");
  g_autoptr(GPtrArray) agenda = agenda_of (fixture, meeting);
  guint carried = 0;

  for (guint i = 0; i < agenda->len; i++)
    {
      LotseRecord *item = g_ptr_array_index (agenda, i);

      if (lotse_record_get (item, "carried_from_id") != NULL)
        carried++;
      g_assert_cmpstr (lotse_record_get (item, "title"), !=, "Topic X again");
      g_assert_cmpstr (lotse_record_get (item, "title"), !=, "Topic Q continued");
      g_assert_cmpstr (lotse_record_get (item, "title"), !=, "Milestone of ALP: A3 (due 2026-02-10)");
      g_assert_cmpstr (lotse_record_get (item, "title"), !=,
                       "Overdue milestone of ALP: A3 (due 2026-02-10)");
    }

  g_assert_cmpuint (carried, ==, 3);
  g_assert_cmpstr (lotse_record_get (item_titled (agenda, "Topic X"), "carried_from_id"), ==,
                   twin_a);
  g_assert_cmpstr (lotse_record_get (item_titled (agenda, "Topic Q"), "carried_from_id"), ==,
                   original);
  g_assert_cmpstr (lotse_record_get (item_titled (agenda, "A3 discussion"), "milestone_id"), ==,
                   fixture->ms_a3);
}

static void
test_prepare_given_date (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(LotseRecord) meeting = prepare (fixture, "2026-02-05", "2026-01-25T12:00:00+01:00");
  g_autoptr(GPtrArray) agenda = agenda_of (fixture, meeting);

  /* Off the rhythm on purpose; the time of day is the series’. The meeting
   * after it is on 17 February, so A4 (due that day) is still left out. */
  g_assert_cmpstr (lotse_record_get (meeting, "starts_at"), ==, "2026-02-05T10:00:00+01:00");
  g_assert_cmpuint (agenda->len, ==, 14);
  item_titled (agenda, "Milestone of Beta: B1 (due 2026-02-16)");
  /* Delta’s report of that day counts. */
  item_titled (agenda, "Status of Delta: On track → At risk → On track → Critical");
}

static void
test_prepare_catch_up (Fixture       *fixture,
                       gconstpointer  data)
{
  /* Weeks without meetings: the rhythm of every other Tuesday holds. */
  g_autoptr(LotseRecord) meeting = prepare (fixture, NULL, "2026-03-05T12:00:00+01:00");

  g_assert_cmpstr (lotse_record_get (meeting, "starts_at"), ==, "2026-03-17T10:00:00+01:00");
}

static void
test_prepare_first_meeting (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(LotseStore) store = lotse_test_open_store (&dir);
  g_autofree char *series = add (store, "meeting_series", "title", "Neu", "kind", "workshop",
                                 "recurrence", "FREQ=MONTHLY;BYDAY=1WE;TZID=Europe/Berlin",
                                 "standing_items", "Begrüßung\nEinführung\n\nAusblick\nVerschiedenes",
                                 NULL);
  g_autoptr(GDateTime) now = parse_time ("2026-01-25T12:00:00+01:00");
  g_autoptr(GError) error = NULL;
  g_autoptr(LotseRecord) meeting = NULL;
  g_autoptr(GPtrArray) agenda = NULL;
  static const char * const expected[] = { "Begrüßung", "Einführung", "Ausblick", "Verschiedenes" };

  meeting = lotse_meeting_prepare_next_at (store, series, NULL, now, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (lotse_record_get (meeting, "starts_at"), ==, "2026-02-04T10:00:00+01:00");
  g_assert_cmpint (lotse_record_get_int (meeting, "duration_min", 0), ==, 60);
  g_assert_null (lotse_record_get (meeting, "location"));
  g_assert_cmpstr (lotse_record_get (meeting, "kind"), ==, "workshop");

  agenda = lotse_meeting_list_agenda (store, lotse_record_get_id (meeting), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (agenda->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < agenda->len; i++)
    g_assert_cmpstr (lotse_record_get (g_ptr_array_index (agenda, i), "title"), ==, expected[i]);

  lotse_test_remove_tree (dir);
}

static void
test_prepare_bad_input (Fixture       *fixture,
                        gconstpointer  data)
{
  static const struct
  {
    const char *date;
    int         code;
  } dates[] = {
    { "2026-02-30", LOTSE_ERROR_INVALID_VALUE },
    { "tomorrow", LOTSE_ERROR_INVALID_VALUE },
    { "2026-2-3", LOTSE_ERROR_INVALID_VALUE },
    { "2026-02-03T10:00", LOTSE_ERROR_INVALID_VALUE },
    { "", LOTSE_ERROR_INVALID_VALUE },
    { "2026-01-10", LOTSE_ERROR_INVALID_VALUE },  /* before the last meeting */
    { "2026-01-20", LOTSE_ERROR_INVALID_VALUE },  /* the held last meeting */
  };
  g_autoptr(GDateTime) now = parse_time ("2026-01-25T12:00:00+01:00");
  gint64 meetings = count (fixture, "meeting");
  gint64 outbox = lotse_store_count_outbox (fixture->store);
  g_autofree char *deleted = add (fixture->store, "meeting_series", "title", "Gone", "kind",
                                  "jour_fixe", "recurrence", RULE, NULL);
  g_autofree char *no_rule = add (fixture->store, "meeting_series", "title", "Ad hoc", "kind",
                                  "workshop", NULL);
  g_autofree char *bad_rule = add (fixture->store, "meeting_series", "title", "Odd", "kind",
                                   "workshop", "recurrence", "FREQ=DAILY", NULL);
  g_autoptr(GError) error = NULL;
  LotseRecord *meeting;

  g_assert_true (lotse_store_delete (fixture->store, "meeting_series", deleted, NULL));
  outbox = lotse_store_count_outbox (fixture->store);

  for (guint i = 0; i < G_N_ELEMENTS (dates); i++)
    {
      g_test_message ("date %s", dates[i].date);
      meeting = lotse_meeting_prepare_next_at (fixture->store, fixture->series, dates[i].date,
                                               now, &error);
      g_assert_null (meeting);
      g_assert_error (error, LOTSE_ERROR, dates[i].code);
      g_clear_error (&error);
    }

  meeting = lotse_meeting_prepare_next_at (fixture->store, deleted, NULL, now, &error);
  g_assert_null (meeting);
  g_assert_error (error, LOTSE_ERROR, LOTSE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  meeting = lotse_meeting_prepare_next_at (fixture->store, "not-an-id", NULL, now, &error);
  g_assert_null (meeting);
  g_assert_error (error, LOTSE_ERROR, LOTSE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  meeting = lotse_meeting_prepare_next_at (fixture->store, no_rule, NULL, now, &error);
  g_assert_null (meeting);
  g_assert_error (error, LOTSE_ERROR, LOTSE_ERROR_INVALID_VALUE);
  g_assert_nonnull (strstr (error->message, "no recurrence"));
  g_clear_error (&error);

  meeting = lotse_meeting_prepare_next_at (fixture->store, bad_rule, NULL, now, &error);
  g_assert_null (meeting);
  g_assert_error (error, LOTSE_ERROR, LOTSE_ERROR_INVALID_VALUE);
  g_clear_error (&error);

  g_assert_cmpint (count (fixture, "meeting"), ==, meetings);
  g_assert_cmpint (lotse_store_count_outbox (fixture->store), ==, outbox);

  /* A series without recurrence works with a date. */
  meeting = lotse_meeting_prepare_next_at (fixture->store, no_rule, "2026-03-01", now, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (lotse_record_get (meeting, "starts_at"), ==, "2026-03-01T10:00:00+01:00");
  g_object_unref (meeting);
}

static void
test_prepare_rollback (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GDateTime) now = parse_time ("2026-01-25T12:00:00+01:00");
  g_autoptr(GError) error = NULL;
  g_autoptr(LotseRecord) meeting = NULL;
  g_autofree char *db_path = g_strdup (lotse_store_get_path (fixture->store));
  gint64 meetings = count (fixture, "meeting");
  gint64 outbox = lotse_store_count_outbox (fixture->store);
  g_autofree char *sql = NULL;

  /* A trigger makes the fifth agenda item fail: the meeting, its
   * participants and the first four items must go with it. */
  sql = g_strdup_printf ("CREATE TRIGGER fail_fifth BEFORE INSERT ON agenda_item"
                         " WHEN new.position = 5 BEGIN SELECT RAISE(ABORT, 'injected'); END");
  {
    sqlite3 *db = NULL;

    g_assert_cmpint (sqlite3_open (db_path, &db), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
    sqlite3_close (db);
  }

  meeting = lotse_meeting_prepare_next_at (fixture->store, fixture->series, NULL, now, &error);
  g_assert_null (meeting);
  g_assert_error (error, LOTSE_ERROR, LOTSE_ERROR_DATABASE);
  g_assert_cmpint (count (fixture, "meeting"), ==, meetings);
  g_assert_cmpint (lotse_test_query_int (db_path, "SELECT count(*) FROM meeting_participant"), ==,
                   3);
  g_assert_cmpint (lotse_store_count_outbox (fixture->store), ==, outbox);
}

static void
test_agenda_start_times (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(LotseRecord) meeting = prepare (fixture, NULL, "2026-01-25T12:00:00+01:00");
  g_autoptr(GPtrArray) agenda = agenda_of (fixture, meeting);
  g_autoptr(GTimeZone) berlin = g_time_zone_new_identifier ("Europe/Berlin");
  g_autoptr(GPtrArray) times = lotse_meeting_agenda_start_times (meeting, agenda, berlin);
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autofree char *fourth = NULL;

  g_assert_nonnull (times);
  g_assert_cmpuint (times->len, ==, agenda->len);
  first = format_time (g_ptr_array_index (times, 0));
  second = format_time (g_ptr_array_index (times, 1));
  fourth = format_time (g_ptr_array_index (times, 4));
  g_assert_cmpstr (first, ==, "2026-02-03T10:00:00+01:00");
  g_assert_cmpstr (second, ==, "2026-02-03T10:05:00+01:00");
  /* Two standing items and the approval of the minutes of 5 minutes each,
   * and 3 action items at 5 + 2 each. */
  g_assert_cmpstr (fourth, ==, "2026-02-03T10:26:00+01:00");
}

/* The demo programme office stays valid: its series’ rhythms parse, and its
 * jour fixe prepares the meeting after the planned one of 24 November. */
static void
test_prepare_demo (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(LotseStore) store = lotse_test_open_store (&dir);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) series = NULL;
  g_autoptr(GDateTime) now = parse_time ("2026-11-30T12:00:00+01:00");
  const char *jour_fixe = NULL;
  g_autoptr(LotseRecord) meeting = NULL;
  g_autoptr(GPtrArray) agenda = NULL;
  guint carried = 0, milestones = 0;

  /* Loaded on the day its data are written for, the demo's dates are the
   * ones named here. */
  g_assert_true (lotse_demo_load (store, "2026-11-22", NULL, &error));
  g_assert_no_error (error);

  series = lotse_store_list (store, "meeting_series", NULL, 0, NULL, 0, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (series->len, ==, 3);
  for (guint i = 0; i < series->len; i++)
    {
      LotseRecord *record = g_ptr_array_index (series, i);
      const char *recurrence = lotse_record_get (record, "recurrence");

      if (recurrence != NULL)
        {
          g_autoptr(LotseRecurrence) rule = lotse_recurrence_parse (recurrence, &error);
          g_autofree char *words = NULL;

          g_assert_no_error (error);
          g_assert_nonnull (rule);
          words = lotse_recurrence_describe (rule);
          g_test_message ("%s: %s", lotse_record_get (record, "title"), words);
        }
      if (g_strcmp0 (lotse_record_get (record, "kind"), "jour_fixe") == 0)
        jour_fixe = lotse_record_get_id (record);
    }

  g_assert_nonnull (jour_fixe);
  meeting = lotse_meeting_prepare_next_at (store, jour_fixe, NULL, now, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (lotse_record_get (meeting, "starts_at"), ==, "2026-12-08T10:00:00+01:00");
  g_assert_cmpstr (lotse_record_get (meeting, "location"), ==, "OWL Arena, Bielefeld");

  agenda = lotse_meeting_list_agenda (store, lotse_record_get_id (meeting), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (lotse_record_get (g_ptr_array_index (agenda, 0), "title"), ==, "Begrüßung");
  /* The approval item replaces the demo's “Protokoll der letzten Sitzung”. */
  g_assert_cmpstr (lotse_record_get (g_ptr_array_index (agenda, 1), "title"), ==,
                   "Approval of the minutes of 2026-11-10");
  g_assert_cmpstr (lotse_record_get (g_ptr_array_index (agenda, 2), "title"), ==,
                   "Open action items");
  g_assert_cmpstr (lotse_record_get (g_ptr_array_index (agenda, agenda->len - 1), "title"), ==,
                   "Verschiedenes");
  for (guint i = 0; i < agenda->len; i++)
    {
      LotseRecord *item = g_ptr_array_index (agenda, i);

      g_test_message ("%u. %s", i + 1, lotse_record_get (item, "title"));
      if (lotse_record_get (item, "carried_from_id") != NULL)
        carried++;
      if (lotse_record_get (item, "milestone_id") != NULL)
        milestones++;
    }
  /* Everything of 10 November was done; the monitor’s milestones are there. */
  g_assert_cmpuint (carried, ==, 0);
  g_assert_cmpuint (milestones, >=, 5);

  lotse_test_remove_tree (dir);
}

int
main (int    argc,
      char **argv)
{
  /* Dates in messages and titles follow the C locale here. */
  g_setenv ("TZ", "Europe/Berlin", TRUE);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/meeting/recurrence/next-errors", test_recurrence_next_errors);
  g_test_add ("/meeting/prepare/closed-project", Fixture, NULL, fixture_set_up,
              test_prepare_closed_project, fixture_tear_down);
  g_test_add ("/meeting/prepare/full", Fixture, NULL, fixture_set_up, test_prepare_full,
              fixture_tear_down);
  g_test_add ("/meeting/prepare/idempotent", Fixture, NULL, fixture_set_up,
              test_prepare_idempotent, fixture_tear_down);
  g_test_add ("/meeting/prepare/fills-planned", Fixture, NULL, fixture_set_up,
              test_prepare_fills_planned, fixture_tear_down);
  g_test_add ("/meeting/prepare/after-cancelled", Fixture, NULL, fixture_set_up,
              test_prepare_after_cancelled, fixture_tear_down);
  g_test_add ("/meeting/prepare/nothing-twice", Fixture, NULL, fixture_set_up,
              test_prepare_nothing_twice, fixture_tear_down);
  g_test_add ("/meeting/prepare/given-date", Fixture, NULL, fixture_set_up,
              test_prepare_given_date, fixture_tear_down);
  g_test_add ("/meeting/prepare/catch-up", Fixture, NULL, fixture_set_up, test_prepare_catch_up,
              fixture_tear_down);
  g_test_add_func ("/meeting/prepare/first-meeting", test_prepare_first_meeting);
  g_test_add_func ("/meeting/prepare/demo", test_prepare_demo);
  g_test_add ("/meeting/prepare/bad-input", Fixture, NULL, fixture_set_up,
              test_prepare_bad_input, fixture_tear_down);
  g_test_add ("/meeting/prepare/rollback", Fixture, NULL, fixture_set_up, test_prepare_rollback,
              fixture_tear_down);
  g_test_add ("/meeting/agenda/start-times", Fixture, NULL, fixture_set_up,
              test_agenda_start_times, fixture_tear_down);

  return g_test_run ();
}
