/* test-cli-meeting.c: lotse-cli prepare-meeting and export ics
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every test spawns the real binary ($LOTSE_CLI) against a database in a
 * temporary directory. The history lies in 2090 so that “the next meeting
 * after the last one” does not depend on today’s date.
 */

#include "config.h"

#include <glib/gstdio.h>
#include <libical/ical.h>
#include <string.h>

#include "lotse-test-cli.h"

typedef struct
{
  LotseTestCliFixture *cli;
  char                *series;
  char                *no_rule;
  char                *deleted;
  char                *held;
  char                *topic;
} Fixture;

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

static void
assert_contains (const char *haystack,
                 const char *needle)
{
  if (strstr (haystack, needle) == NULL)
    g_error ("“%s” does not contain “%s”", haystack, needle);
}

static guint
count_occurrences (const char *haystack,
                   const char *needle)
{
  guint count = 0;

  for (const char *at = strstr (haystack, needle); at != NULL; at = strstr (at + 1, needle))
    count++;

  return count;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LotseStore) store = NULL;
  g_autofree char *person = NULL;

  fixture->cli = lotse_test_cli_fixture_new ();
  store = lotse_store_open (fixture->cli->db, &error);
  g_assert_no_error (error);

  fixture->series = add (store, "meeting_series", "title", "Jour fixe", "kind", "jour_fixe",
                         "recurrence", "FREQ=WEEKLY;INTERVAL=2;BYDAY=TU;TZID=Europe/Berlin",
                         "default_location", "OWL Arena", "default_duration_min", "90",
                         "standing_items", "Begrüßung\nVerschiedenes", NULL);
  fixture->no_rule = add (store, "meeting_series", "title", "Strategietag", "kind", "strategy",
                          NULL);
  fixture->deleted = add (store, "meeting_series", "title", "Gone", "kind", "jour_fixe",
                          "recurrence", "FREQ=WEEKLY", NULL);
  g_assert_true (lotse_store_delete (store, "meeting_series", fixture->deleted, NULL));

  person = add (store, "person", "name", "Katrin Voßmeyer", NULL);
  fixture->held = add (store, "meeting", "series_id", fixture->series, "title", "JF 1",
                       "kind", "jour_fixe", "starts_at", "2090-01-03T10:00:00+01:00",
                       "status", "held", NULL);
  fixture->topic = add (store, "agenda_item", "meeting_id", fixture->held, "position", "1",
                        "title", "Förderaufruf", "kind", "discussion", "status", "deferred",
                        "duration_min", "20", NULL);
  g_free (add (store, "action_item", "meeting_id", fixture->held, "title", "Protokoll versenden",
               "owner_person_id", person, "due_date", "2090-01-10", "status", "open", NULL));
  g_free (add (store, "meeting_participant", "meeting_id", fixture->held, "person_id", person,
               "attendance", "present", NULL));
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  lotse_test_cli_fixture_free (fixture->cli);
  g_free (fixture->series);
  g_free (fixture->no_rule);
  g_free (fixture->deleted);
  g_free (fixture->held);
  g_free (fixture->topic);
}

static gint64
count_rows (Fixture    *fixture,
            const char *table)
{
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM %s WHERE deleted = 0", table);

  return lotse_test_query_int (fixture->cli->db, sql);
}

static gint64
count_outbox (Fixture *fixture)
{
  return lotse_test_query_int (fixture->cli->db, "SELECT count(*) FROM outbox");
}

static LotseTestCliResult *
run (Fixture *fixture,
     ...)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  const char *arg;
  va_list ap;

  g_ptr_array_add (args, (gpointer) "--db");
  g_ptr_array_add (args, fixture->cli->db);
  va_start (ap, fixture);
  while ((arg = va_arg (ap, const char *)) != NULL)
    g_ptr_array_add (args, (gpointer) arg);
  va_end (ap);
  g_ptr_array_add (args, NULL);

  return lotse_test_cli_run_argv (fixture->cli->dir, (const char * const *) args->pdata);
}

static void
test_prepare_text (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(LotseTestCliResult) result = run (fixture, "prepare-meeting", fixture->series, NULL);
  g_autoptr(LotseTestCliResult) again = NULL;
  gint64 meetings, items, outbox;

  g_assert_cmpstr (result->err, ==, "");
  g_assert_cmpint (result->status, ==, 0);
  assert_contains (result->out, "Jour fixe on 01/17/2090\n");
  assert_contains (result->out, "Status: Draft\n");
  assert_contains (result->out, "Starts: 01/17/2090 10:00\n");
  assert_contains (result->out, "Location: OWL Arena\n");
  assert_contains (result->out, "Participants: 1 person\n");
  assert_contains (result->out, "  1. 10:00  Begrüßung (5 min)\n");
  assert_contains (result->out, "  2. 10:05  Approval of the minutes of 2090-01-03 (5 min)\n");
  assert_contains (result->out, "  3. 10:10  Open action items (7 min)\n");
  assert_contains (result->out, "  4. 10:17  Förderaufruf (20 min) [carried over]\n");
  assert_contains (result->out, "  5. 10:37  Verschiedenes (5 min)\n");
  /* The open action items once, below the agenda, not in the item's notes. */
  assert_contains (result->out, "  5. 10:37  Verschiedenes (5 min)\n\nOpen action items:\n"
                                "  • Protokoll versenden (Katrin Voßmeyer, due 01/10/2090)\n");
  g_assert_cmpuint (count_occurrences (result->out, "Protokoll versenden"), ==, 1);

  meetings = count_rows (fixture, "meeting");
  items = count_rows (fixture, "agenda_item");
  outbox = count_outbox (fixture);
  g_assert_cmpint (meetings, ==, 2);
  g_assert_cmpint (items, ==, 6);
  g_assert_cmpint (lotse_test_query_int (fixture->cli->db,
                                         "SELECT count(*) FROM meeting WHERE status = 'draft'"
                                         " AND starts_at = '2090-01-17T10:00:00+01:00'"),
                   ==, 1);

  /* Running it again shows the same meeting and writes nothing. */
  again = run (fixture, "prepare-meeting", fixture->series, NULL);
  g_assert_cmpint (again->status, ==, 0);
  g_assert_cmpstr (again->out, ==, result->out);
  g_assert_cmpint (count_rows (fixture, "meeting"), ==, meetings);
  g_assert_cmpint (count_rows (fixture, "agenda_item"), ==, items);
  g_assert_cmpint (count_outbox (fixture), ==, outbox);
}

static void
test_prepare_json (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(LotseTestCliResult) result = run (fixture, "prepare-meeting", fixture->series,
                                              "--date", "2090-01-19", "--json", NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *meeting;
  JsonArray *agenda;
  JsonArray *participants;

  g_assert_cmpstr (result->err, ==, "");
  g_assert_cmpint (result->status, ==, 0);
  json_parser_load_from_data (parser, result->out, -1, &error);
  g_assert_no_error (error);

  meeting = json_node_get_object (json_parser_get_root (parser));
  g_assert_true (lotse_is_uuid (json_object_get_string_member (meeting, "id")));
  g_assert_cmpstr (json_object_get_string_member (meeting, "series_id"), ==, fixture->series);
  g_assert_cmpstr (json_object_get_string_member (meeting, "starts_at"), ==,
                   "2090-01-19T10:00:00+01:00");
  g_assert_cmpstr (json_object_get_string_member (meeting, "status"), ==, "draft");

  agenda = json_object_get_array_member (meeting, "agenda");
  g_assert_cmpuint (json_array_get_length (agenda), ==, 5);
  for (guint i = 0; i < json_array_get_length (agenda); i++)
    {
      JsonObject *item = json_array_get_object_element (agenda, i);

      g_assert_cmpint (json_object_get_int_member (item, "position"), ==, i + 1);
      g_assert_cmpstr (json_object_get_string_member (item, "meeting_id"), ==,
                       json_object_get_string_member (meeting, "id"));
    }
  /* The standing approval of the last held meeting's minutes names it. */
  g_assert_true (lotse_is_uuid (json_object_get_string_member (json_array_get_object_element (agenda, 1),
                                                               "approves_meeting_id")));
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (agenda, 3),
                                                  "carried_from_id"),
                   ==, fixture->topic);

  participants = json_object_get_array_member (meeting, "participants");
  g_assert_cmpuint (json_array_get_length (participants), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (participants, 0),
                                                  "attendance"),
                   ==, "invited");
}

static void
test_prepare_bad_input (Fixture       *fixture,
                        gconstpointer  data)
{
  static const struct
  {
    const char *date;
    const char *message;
  } dates[] = {
    { "2090-02-30", "is not a date" },
    { "morgen", "is not a date" },
    { "17.01.2090", "is not a date" },
    { "2089-12-31", "is before the series’ last meeting" },
    { "2090-01-03", "already held" },
  };
  gint64 meetings = count_rows (fixture, "meeting");
  gint64 outbox = count_outbox (fixture);

  for (guint i = 0; i < G_N_ELEMENTS (dates); i++)
    {
      g_autoptr(LotseTestCliResult) result = run (fixture, "prepare-meeting", fixture->series,
                                                  "--date", dates[i].date, NULL);

      g_test_message ("--date %s", dates[i].date);
      g_assert_cmpint (result->status, ==, 1);
      g_assert_cmpstr (result->out, ==, "");
      assert_contains (result->err, dates[i].message);
    }

  {
    g_autoptr(LotseTestCliResult) unknown = run (fixture, "prepare-meeting",
                                                 "00000000-0000-4000-8000-000000000000", NULL);
    g_autoptr(LotseTestCliResult) deleted = run (fixture, "prepare-meeting", fixture->deleted,
                                                 NULL);
    g_autoptr(LotseTestCliResult) no_rule = run (fixture, "prepare-meeting", fixture->no_rule,
                                                 NULL);
    g_autoptr(LotseTestCliResult) no_series = run (fixture, "prepare-meeting", NULL);
    g_autoptr(LotseTestCliResult) two = run (fixture, "prepare-meeting", fixture->series,
                                             fixture->no_rule, NULL);
    g_autoptr(LotseTestCliResult) no_date = run (fixture, "prepare-meeting", fixture->series,
                                                 "--date", NULL);

    g_assert_cmpint (unknown->status, ==, 1);
    assert_contains (unknown->err, "There is no meeting series with the id");
    g_assert_cmpint (deleted->status, ==, 1);
    assert_contains (deleted->err, "There is no meeting series with the id");
    g_assert_cmpint (no_rule->status, ==, 1);
    assert_contains (no_rule->err, "has no recurrence");
    g_assert_cmpint (no_series->status, ==, 2);
    g_assert_cmpint (two->status, ==, 2);
    g_assert_cmpint (no_date->status, ==, 2);
  }

  g_assert_cmpint (count_rows (fixture, "meeting"), ==, meetings);
  g_assert_cmpint (count_outbox (fixture), ==, outbox);

  /* A missing database is not created. */
  {
    g_autofree char *missing = g_build_filename (fixture->cli->dir, "missing.db", NULL);
    g_autoptr(LotseTestCliResult) result = lotse_test_cli_run_db (fixture->cli->dir, missing,
                                                                  "prepare-meeting",
                                                                  fixture->series, NULL);

    g_assert_cmpint (result->status, ==, 1);
    g_assert_false (g_file_test (missing, G_FILE_TEST_EXISTS));
  }
}

static void
test_export_ics (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autofree char *meeting_path = g_build_filename (fixture->cli->dir, "meeting.ics", NULL);
  g_autofree char *series_path = g_build_filename (fixture->cli->dir, "series.ics", NULL);
  g_autoptr(LotseTestCliResult) meeting = run (fixture, "export", "ics", fixture->held,
                                               "-o", meeting_path, NULL);
  g_autoptr(LotseTestCliResult) series = run (fixture, "export", "ics", "--series",
                                              fixture->series, "-o", series_path, NULL);
  g_autofree char *text = NULL;
  g_autofree char *uid = g_strdup_printf ("UID:%s@lotse.app", fixture->held);
  g_autoptr(GError) error = NULL;
  icalcomponent *calendar;

  g_assert_cmpstr (meeting->err, ==, "");
  g_assert_cmpint (meeting->status, ==, 0);
  assert_contains (meeting->out, "meeting.ics");
  g_file_get_contents (meeting_path, &text, NULL, &error);
  g_assert_no_error (error);
  assert_contains (text, "BEGIN:VCALENDAR\r\n");
  assert_contains (text, uid);
  assert_contains (text, "DTSTART;TZID=Europe/Berlin:20900103T100000\r\n");
  assert_contains (text, "BEGIN:VTIMEZONE\r\n");
  calendar = icalparser_parse_string (text);
  g_assert_nonnull (calendar);
  g_assert_cmpstr (icalcomponent_get_summary (icalcomponent_get_first_component (calendar, ICAL_VEVENT_COMPONENT)),
                   ==, "JF 1");
  /* A valid iTIP PUBLISH, with its participant. */
  g_assert_true (icalcomponent_check_restrictions (calendar));
  g_assert_cmpint (icalcomponent_count_errors (calendar), ==, 0);
  assert_contains (icalcomponent_get_description (icalcomponent_get_first_component (calendar,
                                                                                    ICAL_VEVENT_COMPONENT)),
                   "- Katrin Voßmeyer (Present)");
  icalcomponent_free (calendar);
  g_clear_pointer (&text, g_free);

  g_assert_cmpstr (series->err, ==, "");
  g_assert_cmpint (series->status, ==, 0);
  g_file_get_contents (series_path, &text, NULL, &error);
  g_assert_no_error (error);
  assert_contains (text, "RRULE:FREQ=WEEKLY;INTERVAL=2;BYDAY=TU\r\n");
  assert_contains (text, "DURATION:PT1H30M\r\n");
  calendar = icalparser_parse_string (text);
  g_assert_nonnull (calendar);
  g_assert_true (icalcomponent_check_restrictions (calendar));
  g_assert_cmpint (icalcomponent_count_errors (calendar), ==, 0);
  icalcomponent_free (calendar);
}

static void
test_export_ics_bad_input (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->cli->dir, "out.ics", NULL);
  g_autofree char *unwritable = g_build_filename (fixture->cli->dir, "no", "such", "dir.ics",
                                                  NULL);
  g_autofree char *kept = NULL;
  g_autoptr(GError) error = NULL;
  struct
  {
    const char *args[8];
    int         status;
  } cases[] = {
    { { "export", "ics", "00000000-0000-4000-8000-000000000000", "-o", path }, 1 },
    { { "export", "ics", "--series", fixture->no_rule, "-o", path }, 1 },
    { { "export", "ics", "--series", fixture->deleted, "-o", path }, 1 },
    { { "export", "ics", "--series", fixture->held, "-o", path }, 1 },
    { { "export", "ics", fixture->held, "-o", unwritable }, 1 },
    { { "export", "ics", fixture->held }, 2 },
    { { "export", "ics", "-o", path }, 2 },
    { { "export", "ics", fixture->held, "--series", fixture->series, "-o", path }, 2 },
    { { "export", "ics", fixture->held, fixture->held, "-o", path }, 2 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GPtrArray) args = g_ptr_array_new ();
      g_autoptr(LotseTestCliResult) result = NULL;

      g_ptr_array_add (args, (gpointer) "--db");
      g_ptr_array_add (args, fixture->cli->db);
      for (guint a = 0; cases[i].args[a] != NULL; a++)
        g_ptr_array_add (args, (gpointer) cases[i].args[a]);
      g_ptr_array_add (args, NULL);

      result = lotse_test_cli_run_argv (fixture->cli->dir, (const char * const *) args->pdata);
      g_test_message ("case %u: %s", i, result->err);
      g_assert_cmpint (result->status, ==, cases[i].status);
      g_assert_cmpstr (result->out, ==, "");
      g_assert_cmpstr (result->err, !=, "");
      g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
    }

  /* An existing file stays as it was when the export fails. */
  g_file_set_contents (path, "keep", -1, &error);
  g_assert_no_error (error);
  {
    g_autoptr(LotseTestCliResult) result = run (fixture, "export", "ics", "--series",
                                                fixture->no_rule, "-o", path, NULL);

    g_assert_cmpint (result->status, ==, 1);
  }
  g_file_get_contents (path, &kept, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (kept, ==, "keep");
}

/* A series without TZID is written in the office's zone, whatever the
 * machine's zone; the office's zone is changed with “office set”. */
static void
test_export_ics_office_zone (Fixture       *fixture,
                             gconstpointer  data)
{
  static const struct
  {
    const char *tz;
    const char *office_zone;
    const char *dtstart;
  } cases[] = {
    { "Europe/Berlin", NULL, "DTSTART;TZID=Europe/Berlin:20900102T100000\r\n" },
    { ":/usr/share/zoneinfo/America/New_York", NULL, "DTSTART;TZID=Europe/Berlin:20900102T100000\r\n" },
    { "UTC", NULL, "DTSTART;TZID=Europe/Berlin:20900102T100000\r\n" },
    { "UTC", "America/New_York", "DTSTART;TZID=America/New_York:20900102T040000\r\n" },
    { "Europe/Berlin", "UTC", "DTSTART:20900102T090000Z\r\n" },
  };
  g_autoptr(GError) error = NULL;
  g_autofree char *series = NULL;
  g_autofree char *path = g_build_filename (fixture->cli->dir, "local.ics", NULL);
  g_autofree char *old_tz = g_strdup (g_getenv ("TZ"));

  {
    g_autoptr(LotseStore) store = lotse_store_open (fixture->cli->db, &error);

    g_assert_no_error (error);
    series = add (store, "meeting_series", "title", "Lokal", "kind", "jour_fixe",
                  "recurrence", "FREQ=WEEKLY;BYDAY=MO", NULL);
    g_free (add (store, "meeting", "series_id", series, "title", "Erste", "kind", "jour_fixe",
                 "starts_at", "2090-01-02T10:00:00+01:00", "status", "held", NULL));
  }

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(LotseTestCliResult) result = NULL;
      g_autofree char *text = NULL;

      g_setenv ("TZ", cases[i].tz, TRUE);
      if (cases[i].office_zone != NULL)
        {
          g_autofree char *assignment = g_strconcat ("time_zone=", cases[i].office_zone, NULL);
          g_autoptr(LotseTestCliResult) set = run (fixture, "office", "set", assignment, NULL);

          g_assert_cmpint (set->status, ==, 0);
        }
      result = run (fixture, "export", "ics", "--series", series, "-o", path, NULL);
      g_assert_cmpint (result->status, ==, 0);
      g_file_get_contents (path, &text, NULL, &error);
      g_assert_no_error (error);
      g_test_message ("TZ=%s, office in %s", cases[i].tz, cases[i].office_zone);
      assert_contains (text, cases[i].dtstart);
    }

  if (old_tz != NULL)
    g_setenv ("TZ", old_tz, TRUE);
  else
    g_unsetenv ("TZ");
}

/* Without TZID the wall-clock time is the office's, across the end of
 * summer time, whatever the zone of the machine that prepares. */
static void
test_prepare_office_zone (Fixture       *fixture,
                          gconstpointer  data)
{
  static const char * const zones[] = { "Europe/Berlin", "UTC", "America/New_York" };
  g_autofree char *old_tz = g_strdup (g_getenv ("TZ"));
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (zones); i++)
    {
      g_autoptr(LotseTestCliResult) result = NULL;
      g_autoptr(JsonParser) parser = json_parser_new ();
      g_autofree char *series = NULL;
      g_autofree char *sql = NULL;
      g_autofree char *stored = NULL;
      JsonObject *meeting;

      {
        g_autoptr(LotseStore) store = lotse_store_open (fixture->cli->db, &error);

        g_assert_no_error (error);
        series = add (store, "meeting_series", "title", zones[i], "kind", "jour_fixe",
                      "recurrence", "FREQ=WEEKLY;INTERVAL=2;BYDAY=TU", NULL);
        g_free (add (store, "meeting", "series_id", series, "title", "Vorher", "kind",
                     "jour_fixe", "starts_at", "2090-10-17T10:00:00+02:00", "status", "held",
                     NULL));
      }

      g_setenv ("TZ", zones[i], TRUE);
      result = run (fixture, "prepare-meeting", series, "--json", NULL);
      g_assert_cmpstr (result->err, ==, "");
      g_assert_cmpint (result->status, ==, 0);
      json_parser_load_from_data (parser, result->out, -1, &error);
      g_assert_no_error (error);
      meeting = json_node_get_object (json_parser_get_root (parser));
      g_test_message ("TZ=%s", zones[i]);
      sql = g_strdup_printf ("SELECT starts_at FROM meeting WHERE id = '%s'",
                             json_object_get_string_member (meeting, "id"));
      stored = lotse_test_query_text (fixture->cli->db, sql);
      g_assert_cmpstr (stored, ==, "2090-10-31T10:00:00+01:00");
    }

  if (old_tz != NULL)
    g_setenv ("TZ", old_tz, TRUE);
  else
    g_unsetenv ("TZ");
}

/* What prepare-meeting stored: the meeting, then its agenda in order. */
static char *
prepared_rows (const char *db)
{
  return lotse_test_query_text (db,
                                "SELECT m.title || ' | ' || m.starts_at || ' | ' ||"
                                " (SELECT group_concat (a.title || ' / ' || coalesce (a.notes, ''),"
                                "  char (10)) FROM (SELECT * FROM agenda_item"
                                "  WHERE meeting_id = m.id ORDER BY position) AS a)"
                                " FROM meeting AS m WHERE m.starts_at LIKE '2026-12-08%'");
}

/* A directory with en_US.UTF-8 and de_DE.UTF-8 made for the test alone,
 * for LOCPATH: a system-wide en_US would make gtk_test_init() switch every
 * UI test to it. */
static char *
make_test_locales (void)
{
  static const char * const locales[] = { "en_US", "de_DE" };
  char *dir = lotse_test_make_tmpdir ();

  for (guint i = 0; i < G_N_ELEMENTS (locales); i++)
    {
      g_autofree char *target = g_strdup_printf ("%s/%s.UTF-8", dir, locales[i]);
      const char *argv[] = { "localedef", "-i", locales[i], "-f", "UTF-8", target, NULL };
      g_autoptr(GError) error = NULL;
      int status = 0;

      g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL,
                    &status, &error);
      g_assert_no_error (error);
      g_assert_true (g_spawn_check_wait_status (status, NULL));
    }

  return dir;
}

/* Prepares the demo's next jour fixe in a new database with the messages
 * in @language and the formats of @locale, and returns what was stored. */
static char *
prepare_in_locale (const char *locales,
                   const char *language,
                   const char *locale)
{
  g_autoptr(LotseTestCliFixture) cli = lotse_test_cli_fixture_new ();
  g_autofree char *localedir = g_build_filename (g_getenv ("G_TEST_BUILDDIR"), "..", "po", NULL);
  g_autofree char *old_all = g_strdup (g_getenv ("LC_ALL"));
  g_autofree char *series = NULL;
  /* On the day its data are written for, its next jour fixe after the
   * planned one of 24 November is on 8 December. */
  g_autoptr(LotseTestCliResult) demo = lotse_test_cli_run_db (cli->dir, cli->db, "demo", "--today",
                                                               "2026-11-22", NULL);
  g_autoptr(LotseTestCliResult) result = NULL;

  g_assert_cmpint (demo->status, ==, 0);
  series = lotse_test_query_text (cli->db, "SELECT id FROM meeting_series WHERE kind = 'jour_fixe'");

  g_setenv ("LANGUAGE", language, TRUE);
  g_setenv ("LC_ALL", locale, TRUE);
  g_setenv ("LOCPATH", locales, TRUE);
  g_setenv ("LOTSE_LOCALEDIR", localedir, TRUE);
  result = lotse_test_cli_run_db (cli->dir, cli->db, "prepare-meeting", series,
                                  "--date", "2026-12-08", NULL);
  g_unsetenv ("LANGUAGE");
  g_unsetenv ("LOCPATH");
  g_unsetenv ("LOTSE_LOCALEDIR");
  g_setenv ("LC_ALL", old_all != NULL ? old_all : "C.UTF-8", TRUE);

  g_assert_cmpstr (result->err, ==, "");
  g_assert_cmpint (result->status, ==, 0);
  return prepared_rows (cli->db);
}

/* A prepared meeting is synced and printed: what is stored must not depend
 * on the preparer's locale. The generated agenda items are written in the
 * preparer's language, but dates in them are not in its format. */
static void
test_prepare_locale (void)
{
  g_autofree char *locales = make_test_locales ();
  g_autofree char *de_us = prepare_in_locale (locales, "de", "en_US.UTF-8");
  g_autofree char *de_de = prepare_in_locale (locales, "de", "de_DE.UTF-8");
  g_autofree char *en_de = prepare_in_locale (locales, "en", "de_DE.UTF-8");
  g_auto(GStrv) de_fields = g_strsplit (de_de, " | ", 3);
  g_auto(GStrv) en_fields = g_strsplit (en_de, " | ", 3);

  g_test_message ("LANGUAGE=de LC_ALL=en_US: %s", de_us);
  g_test_message ("LANGUAGE=de LC_ALL=de_DE: %s", de_de);
  g_assert_cmpstr (de_us, ==, de_de);

  /* In any language: the series' title, and 10:00 in the office. */
  g_assert_cmpstr (de_fields[0], ==, "Jour fixe der Projektleitungen");
  g_assert_cmpstr (de_fields[1], ==, "2026-12-08T10:00:00+01:00");
  g_assert_cmpstr (en_fields[0], ==, de_fields[0]);
  g_assert_cmpstr (en_fields[1], ==, de_fields[1]);
  /* The due dates in the items are stored as dates, YYYY-MM-DD. */
  g_assert_nonnull (strstr (de_fields[2], "fällig am 2026-"));
  g_assert_null (strstr (de_fields[2], "/26"));
  g_assert_null (strstr (de_fields[2], ".26"));

  lotse_test_remove_tree (locales);
}

static void
test_office (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(LotseTestCliResult) shown = run (fixture, "office", NULL);
  g_autoptr(LotseTestCliResult) set = NULL;
  g_autoptr(LotseTestCliResult) json = NULL;
  static const char * const bad[][3] = {
    { "set", "time_zone=+01:00", NULL },
    { "set", "time_zone=Mars/Olympus", NULL },
    { "set", "zone=Europe/Vienna", NULL },
    { "set", "Europe/Vienna", NULL },
    { "set", NULL, NULL },
    { "show", NULL, NULL },
  };

  /* Unset: the defaults, and nothing written. */
  g_assert_cmpint (shown->status, ==, 0);
  assert_contains (shown->out, "Europe/Berlin");
  g_assert_cmpint (count_rows (fixture, "office"), ==, 0);

  set = run (fixture, "office", "set", "time_zone=Europe/Vienna", "name=Projektbüro OWL",
             "email=buero@owl.example", NULL);
  g_assert_cmpstr (set->err, ==, "");
  g_assert_cmpint (set->status, ==, 0);
  g_assert_cmpstr (lotse_test_query_text (fixture->cli->db,
                                          "SELECT id || ' ' || time_zone || ' ' || name FROM office"),
                   ==, LOTSE_OFFICE_ID " Europe/Vienna Projektbüro OWL");
  json = run (fixture, "office", "--json", NULL);
  assert_contains (json->out, "\"time_zone\" : \"Europe/Vienna\"");

  /* Bad input is refused and changes nothing. */
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      gint64 outbox = count_outbox (fixture);
      g_autoptr(LotseTestCliResult) result = run (fixture, "office", bad[i][0], bad[i][1], NULL);

      g_test_message ("office %s %s: %s", bad[i][0], bad[i][1], result->err);
      g_assert_cmpint (result->status, !=, 0);
      g_assert_cmpstr (result->err, !=, "");
      g_assert_cmpint (count_outbox (fixture), ==, outbox);
      g_assert_cmpstr (lotse_test_query_text (fixture->cli->db, "SELECT time_zone FROM office"),
                       ==, "Europe/Vienna");
    }

  /* Cleared, it is the default again. */
  {
    g_autoptr(LotseTestCliResult) cleared = run (fixture, "office", "set", "time_zone=", NULL);
    g_autoptr(LotseTestCliResult) again = run (fixture, "office", NULL);

    g_assert_cmpint (cleared->status, ==, 0);
    g_assert_cmpstr (lotse_test_query_text (fixture->cli->db,
                                            "SELECT coalesce (time_zone, 'unset') FROM office"),
                     ==, "unset");
    assert_contains (again->out, "Europe/Berlin");
  }

  /* One office: no second row, under any id. */
  {
    g_autoptr(LotseTestCliResult) add_row = run (fixture, "add", "office",
                                                 "time_zone=Europe/Paris", NULL);

    g_assert_cmpint (add_row->status, ==, 1);
    g_assert_cmpint (count_rows (fixture, "office"), ==, 1);
  }
}

static void
test_help (Fixture       *fixture,
           gconstpointer  data)
{
  g_autoptr(LotseTestCliResult) usage = run (fixture, "--help", NULL);
  g_autoptr(LotseTestCliResult) help = run (fixture, "prepare-meeting", "--help", NULL);
  g_autoptr(LotseTestCliResult) ics_help = run (fixture, "export", "ics", "--help", NULL);

  g_assert_cmpint (usage->status, ==, 0);
  assert_contains (usage->out, "prepare-meeting SERIES_ID [--date YYYY-MM-DD] [--json]");
  assert_contains (usage->out, "ics MEETING_ID|--series ID -o FILE");
  g_assert_cmpint (help->status, ==, 0);
  assert_contains (help->out, "--date");
  g_assert_cmpint (ics_help->status, ==, 0);
  assert_contains (ics_help->out, "--series");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/cli/prepare-meeting/text", Fixture, NULL, fixture_set_up, test_prepare_text,
              fixture_tear_down);
  g_test_add ("/cli/prepare-meeting/json", Fixture, NULL, fixture_set_up, test_prepare_json,
              fixture_tear_down);
  g_test_add ("/cli/prepare-meeting/bad-input", Fixture, NULL, fixture_set_up,
              test_prepare_bad_input, fixture_tear_down);
  g_test_add ("/cli/prepare-meeting/office-zone", Fixture, NULL, fixture_set_up,
              test_prepare_office_zone, fixture_tear_down);
  g_test_add_func ("/cli/prepare-meeting/locale", test_prepare_locale);
  g_test_add ("/cli/export-ics/files", Fixture, NULL, fixture_set_up, test_export_ics,
              fixture_tear_down);
  g_test_add ("/cli/export-ics/bad-input", Fixture, NULL, fixture_set_up,
              test_export_ics_bad_input, fixture_tear_down);
  g_test_add ("/cli/export-ics/office-zone", Fixture, NULL, fixture_set_up,
              test_export_ics_office_zone, fixture_tear_down);
  g_test_add ("/cli/office/show-and-set", Fixture, NULL, fixture_set_up, test_office,
              fixture_tear_down);
  g_test_add ("/cli/meeting/help", Fixture, NULL, fixture_set_up, test_help, fixture_tear_down);

  return g_test_run ();
}
