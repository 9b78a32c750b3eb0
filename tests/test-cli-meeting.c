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
  assert_contains (result->out, "Jour fixe on 01/17/90\n");
  assert_contains (result->out, "Status: Draft\n");
  assert_contains (result->out, "Starts: 01/17/90 10:00\n");
  assert_contains (result->out, "Location: OWL Arena\n");
  assert_contains (result->out, "Participants: 1 person\n");
  assert_contains (result->out, "  1. 10:00  Begrüßung (5 min)\n");
  assert_contains (result->out, "  2. 10:05  Open action items (7 min)\n");
  assert_contains (result->out, "• Protokoll versenden (Katrin Voßmeyer, due 01/10/90)\n");
  assert_contains (result->out, "  3. 10:12  Förderaufruf (20 min) [carried over]\n");
  assert_contains (result->out, "  4. 10:32  Verschiedenes (5 min)\n");

  meetings = count_rows (fixture, "meeting");
  items = count_rows (fixture, "agenda_item");
  outbox = count_outbox (fixture);
  g_assert_cmpint (meetings, ==, 2);
  g_assert_cmpint (items, ==, 5);
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
  g_assert_cmpuint (json_array_get_length (agenda), ==, 4);
  for (guint i = 0; i < json_array_get_length (agenda); i++)
    {
      JsonObject *item = json_array_get_object_element (agenda, i);

      g_assert_cmpint (json_object_get_int_member (item, "position"), ==, i + 1);
      g_assert_cmpstr (json_object_get_string_member (item, "meeting_id"), ==,
                       json_object_get_string_member (meeting, "id"));
    }
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (agenda, 2),
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
  icalcomponent_free (calendar);
  g_clear_pointer (&text, g_free);

  g_assert_cmpstr (series->err, ==, "");
  g_assert_cmpint (series->status, ==, 0);
  g_file_get_contents (series_path, &text, NULL, &error);
  g_assert_no_error (error);
  assert_contains (text, "RRULE:FREQ=WEEKLY;INTERVAL=2;BYDAY=TU\r\n");
  assert_contains (text, "DURATION:PT1H30M\r\n");
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

/* A series without TZID is written in the local zone, however TZ names it. */
static void
test_export_ics_local_zone (Fixture       *fixture,
                            gconstpointer  data)
{
  static const struct
  {
    const char *tz;
    const char *dtstart;
  } cases[] = {
    { "Europe/Berlin", "DTSTART;TZID=Europe/Berlin:20900102T100000\r\n" },
    { ":/usr/share/zoneinfo/America/New_York", "DTSTART;TZID=America/New_York:20900102T040000\r\n" },
    { "UTC", "DTSTART:20900102T090000Z\r\n" },
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
      result = run (fixture, "export", "ics", "--series", series, "-o", path, NULL);
      g_assert_cmpint (result->status, ==, 0);
      g_file_get_contents (path, &text, NULL, &error);
      g_assert_no_error (error);
      assert_contains (text, cases[i].dtstart);
    }

  if (old_tz != NULL)
    g_setenv ("TZ", old_tz, TRUE);
  else
    g_unsetenv ("TZ");
}

/* Without TZID the wall-clock time follows the local zone when the data was
 * written in it (across the end of summer time), else the stored offset. */
static void
test_prepare_local_zone (Fixture       *fixture,
                         gconstpointer  data)
{
  static const struct
  {
    const char *tz;
    const char *starts_at;
  } cases[] = {
    { "Europe/Berlin", "2090-10-31T10:00:00+01:00" },
    { "UTC", "2090-10-31T10:00:00+02:00" },
    { "America/New_York", "2090-10-31T10:00:00+02:00" },
  };
  g_autofree char *old_tz = g_strdup (g_getenv ("TZ"));
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(LotseTestCliResult) result = NULL;
      g_autoptr(JsonParser) parser = json_parser_new ();
      g_autofree char *series = NULL;
      JsonObject *meeting;

      {
        g_autoptr(LotseStore) store = lotse_store_open (fixture->cli->db, &error);

        g_assert_no_error (error);
        series = add (store, "meeting_series", "title", cases[i].tz, "kind", "jour_fixe",
                      "recurrence", "FREQ=WEEKLY;INTERVAL=2;BYDAY=TU", NULL);
        g_free (add (store, "meeting", "series_id", series, "title", "Vorher", "kind",
                     "jour_fixe", "starts_at", "2090-10-17T10:00:00+02:00", "status", "held",
                     NULL));
      }

      g_setenv ("TZ", cases[i].tz, TRUE);
      result = run (fixture, "prepare-meeting", series, "--json", NULL);
      g_assert_cmpstr (result->err, ==, "");
      g_assert_cmpint (result->status, ==, 0);
      json_parser_load_from_data (parser, result->out, -1, &error);
      g_assert_no_error (error);
      meeting = json_node_get_object (json_parser_get_root (parser));
      g_test_message ("TZ=%s", cases[i].tz);
      g_assert_cmpstr (json_object_get_string_member (meeting, "starts_at"), ==,
                       cases[i].starts_at);
    }

  if (old_tz != NULL)
    g_setenv ("TZ", old_tz, TRUE);
  else
    g_unsetenv ("TZ");
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
  g_test_add ("/cli/prepare-meeting/local-zone", Fixture, NULL, fixture_set_up,
              test_prepare_local_zone, fixture_tear_down);
  g_test_add ("/cli/export-ics/files", Fixture, NULL, fixture_set_up, test_export_ics,
              fixture_tear_down);
  g_test_add ("/cli/export-ics/bad-input", Fixture, NULL, fixture_set_up,
              test_export_ics_bad_input, fixture_tear_down);
  g_test_add ("/cli/export-ics/local-zone", Fixture, NULL, fixture_set_up,
              test_export_ics_local_zone, fixture_tear_down);
  g_test_add ("/cli/meeting/help", Fixture, NULL, fixture_set_up, test_help, fixture_tear_down);

  return g_test_run ();
}
