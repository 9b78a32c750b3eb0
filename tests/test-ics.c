/* test-ics.c: iCalendar export, read back with libical
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <libical/ical.h>
#include <sqlite3.h>
#include <string.h>

#include "lotse-store-private.h"
#include "lotse-test-helpers.h"

typedef struct
{
  char       *dir;
  LotseStore *store;
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

/* Parses @text and returns its only VEVENT’s calendar; checks the frame,
 * and that it is a valid iTIP PUBLISH: libical's restriction check adds
 * an X-LIC-ERROR property for each thing wrong. */
static icalcomponent *
parse_calendar (const char *text)
{
  icalcomponent *calendar = icalparser_parse_string (text);

  g_assert_nonnull (calendar);
  g_assert_cmpint (icalcomponent_get_method (calendar), ==, ICAL_METHOD_PUBLISH);
  if (!icalcomponent_check_restrictions (calendar))
    {
      char *checked = icalcomponent_as_ical_string_r (calendar);

      g_test_message ("%s", checked);
      free (checked);
      g_assert_not_reached ();
    }
  g_assert_cmpint (icalcomponent_count_errors (calendar), ==, 0);
  g_assert_cmpint (icalcomponent_isa (calendar), ==, ICAL_VCALENDAR_COMPONENT);
  g_assert_cmpint (icalcomponent_count_components (calendar, ICAL_VEVENT_COMPONENT), ==, 1);
  g_assert_cmpstr (icalproperty_get_version (icalcomponent_get_first_property (calendar, ICAL_VERSION_PROPERTY)), ==, "2.0");
  g_assert_nonnull (icalcomponent_get_first_property (calendar, ICAL_PRODID_PROPERTY));

  /* RFC 5545: lines of at most 75 octets, ended by CRLF. */
  {
    g_auto(GStrv) lines = g_strsplit (text, "\r\n", -1);

    for (guint i = 0; lines[i] != NULL; i++)
      {
        g_assert_cmpuint (strlen (lines[i]), <=, 75);
        g_assert_null (strchr (lines[i], '\n'));
      }
  }

  return calendar;
}

static icalcomponent *
event_of (icalcomponent *calendar)
{
  return icalcomponent_get_first_component (calendar, ICAL_VEVENT_COMPONENT);
}

static const char *
dtstart_tzid (icalcomponent *event)
{
  icalproperty *dtstart = icalcomponent_get_first_property (event, ICAL_DTSTART_PROPERTY);
  icalparameter *tzid;

  g_assert_nonnull (dtstart);
  tzid = icalproperty_get_first_parameter (dtstart, ICAL_TZID_PARAMETER);
  return tzid != NULL ? icalparameter_get_tzid (tzid) : NULL;
}

static char *
series_ics (Fixture    *fixture,
            const char *recurrence,
            const char *first_start,
            char      **out_series)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *series = add (fixture->store, "meeting_series", "title", "Jour fixe",
                                 "kind", "jour_fixe", "recurrence", recurrence,
                                 "default_location", "Rathaus; Saal 2, Bielefeld",
                                 "default_duration_min", "90", NULL);
  char *text;

  if (first_start != NULL)
    g_free (add (fixture->store, "meeting", "series_id", series, "title", "First",
                 "kind", "jour_fixe", "starts_at", first_start, "status", "held", NULL));

  text = lotse_ics_series_to_string (fixture->store, series, &error);
  g_assert_no_error (error);
  g_assert_nonnull (text);

  if (out_series != NULL)
    *out_series = g_steal_pointer (&series);

  return text;
}

/* Expands the event’s RRULE with libical and compares the first dates. */
static void
assert_expansion (icalcomponent      *event,
                  const char * const *expected)
{
  icalproperty *rrule = icalcomponent_get_first_property (event, ICAL_RRULE_PROPERTY);
  struct icaltimetype start = icalcomponent_get_dtstart (event);
  icalrecur_iterator *iterator;

  g_assert_nonnull (rrule);
  iterator = icalrecur_iterator_new (icalproperty_get_rrule (rrule), start);
  g_assert_nonnull (iterator);

  for (guint i = 0; expected[i] != NULL; i++)
    {
      struct icaltimetype next = icalrecur_iterator_next (iterator);
      g_autofree char *text = g_strdup_printf ("%04d-%02d-%02d %02d:%02d", next.year, next.month,
                                               next.day, next.hour, next.minute);

      g_assert_cmpstr (text, ==, expected[i]);
    }

  icalrecur_iterator_free (iterator);
}

static void
test_series_biweekly (Fixture       *fixture,
                      gconstpointer  data)
{
  static const char * const expected[] = {
    "2026-01-06 10:00", "2026-01-20 10:00", "2026-02-03 10:00", "2026-02-17 10:00",
    "2026-03-03 10:00", "2026-03-17 10:00", "2026-03-31 10:00", NULL,
  };
  g_autofree char *series = NULL;
  g_autofree char *text = series_ics (fixture, "FREQ=WEEKLY;INTERVAL=2;BYDAY=TU;TZID=Europe/Berlin",
                                      "2026-01-06T10:00:00+01:00", &series);
  g_autofree char *uid = g_strdup_printf ("%s@lotse.app", series);
  icalcomponent *calendar = parse_calendar (text);
  icalcomponent *event = event_of (calendar);
  icalcomponent *vtimezone = icalcomponent_get_first_component (calendar, ICAL_VTIMEZONE_COMPONENT);
  struct icaltimetype start = icalcomponent_get_dtstart (event);
  struct icaltimetype start_utc;
  struct icalrecurrencetype rule;
  char *rrule_text;

  g_assert_cmpstr (icalcomponent_get_uid (event), ==, uid);
  g_assert_cmpstr (icalcomponent_get_summary (event), ==, "Jour fixe");
  /* libical escaped “;” and “,” and reads them back. */
  g_assert_cmpstr (icalcomponent_get_location (event), ==, "Rathaus; Saal 2, Bielefeld");
  g_assert_nonnull (strstr (text, "LOCATION:Rathaus\\; Saal 2\\, Bielefeld"));
  g_assert_cmpint (icaldurationtype_as_int (icalcomponent_get_duration (event)), ==, 90 * 60);

  /* DTSTART in Europe/Berlin with its VTIMEZONE. */
  g_assert_cmpstr (dtstart_tzid (event), ==, "Europe/Berlin");
  g_assert_nonnull (strstr (text, "DTSTART;TZID=Europe/Berlin:20260106T100000"));
  g_assert_nonnull (vtimezone);
  g_assert_cmpstr (icalproperty_get_tzid (icalcomponent_get_first_property (vtimezone, ICAL_TZID_PROPERTY)),
                   ==, "Europe/Berlin");
  start_utc = icaltime_convert_to_zone (start, icaltimezone_get_utc_timezone ());
  g_assert_cmpint (start_utc.hour, ==, 9);

  /* The rule is a plain RRULE (the TZID stays out of it). */
  rule = icalproperty_get_rrule (icalcomponent_get_first_property (event, ICAL_RRULE_PROPERTY));
  rrule_text = icalrecurrencetype_as_string_r (&rule);
  g_assert_cmpstr (rrule_text, ==, "FREQ=WEEKLY;INTERVAL=2;BYDAY=TU");
  free (rrule_text);

  /* Summer time on 31 March: still 10:00 local, now 08:00 UTC. */
  assert_expansion (event, expected);

  icalcomponent_free (calendar);
}

static void
test_series_monthly (Fixture       *fixture,
                     gconstpointer  data)
{
  static const struct
  {
    const char *rule;
    const char *first;
    const char *expected[5];
  } cases[] = {
    { "FREQ=MONTHLY;BYDAY=2WE;TZID=Europe/Berlin", "2026-01-14T10:00:00+01:00",
      { "2026-01-14 10:00", "2026-02-11 10:00", "2026-03-11 10:00", "2026-04-08 10:00", NULL } },
    { "FREQ=MONTHLY;BYDAY=-1FR;TZID=Europe/Berlin", "2026-01-30T14:00:00+01:00",
      { "2026-01-30 14:00", "2026-02-27 14:00", "2026-03-27 14:00", "2026-04-24 14:00", NULL } },
    { "FREQ=MONTHLY;BYMONTHDAY=15;TZID=Europe/Berlin", "2026-01-15T09:00:00+01:00",
      { "2026-01-15 09:00", "2026-02-15 09:00", "2026-03-15 09:00", "2026-04-15 09:00", NULL } },
    { "FREQ=MONTHLY;INTERVAL=3;BYDAY=1TH;TZID=Europe/Berlin", "2026-06-04T14:00:00+02:00",
      { "2026-06-04 14:00", "2026-09-03 14:00", "2026-12-03 14:00", "2027-03-04 14:00", NULL } },
    { "FREQ=WEEKLY;BYDAY=TU,TH;TZID=Europe/Berlin", "2026-01-06T10:00:00+01:00",
      { "2026-01-06 10:00", "2026-01-08 10:00", "2026-01-13 10:00", "2026-01-15 10:00", NULL } },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *series_id = NULL;
      g_autofree char *text = series_ics (fixture, cases[i].rule, cases[i].first, &series_id);
      icalcomponent *calendar = parse_calendar (text);
      g_autoptr(LotseRecord) series = lotse_store_get (fixture->store, "meeting_series", series_id,
                                                       NULL);
      g_autoptr(GDateTime) time = g_date_time_new_from_iso8601 (cases[i].first, NULL);
      g_autoptr(GTimeZone) berlin = g_time_zone_new_identifier ("Europe/Berlin");

      g_test_message ("%s", cases[i].rule);
      assert_expansion (event_of (calendar), cases[i].expected);

      /* Lotse’s own recurrence gives the same dates as libical. */
      for (guint n = 1; cases[i].expected[n] != NULL; n++)
        {
          GDateTime *next = lotse_meeting_series_next_occurrence (series, berlin, time, NULL);
          g_autofree char *formatted = g_date_time_format (next, "%Y-%m-%d %H:%M");

          g_assert_cmpstr (formatted, ==, cases[i].expected[n]);
          g_date_time_unref (time);
          time = next;
        }

      icalcomponent_free (calendar);
    }
}

static void
test_series_cancelled_and_unmet (Fixture       *fixture,
                                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *series = NULL;
  g_autofree char *text = series_ics (fixture, "FREQ=WEEKLY;BYDAY=MO;TZID=Europe/Berlin",
                                      "2026-03-02T10:00:00+01:00", &series);
  g_autofree char *cancelled = add (fixture->store, "meeting", "series_id", series, "title", "Off",
                                    "kind", "jour_fixe", "starts_at", "2026-03-09T10:00:00+01:00",
                                    "status", "cancelled", NULL);
  g_autofree char *unmet = add (fixture->store, "meeting_series", "title", "Not yet", "kind",
                                "workshop", "recurrence", "FREQ=MONTHLY;BYDAY=1WE;TZID=Europe/Berlin",
                                NULL);
  g_autofree char *with_exdate = lotse_ics_series_to_string (fixture->store, series, &error);
  g_autofree char *unmet_text = NULL;
  icalcomponent *calendar;
  icalproperty *exdate;
  struct icaltimetype start;

  g_assert_no_error (error);
  g_assert_null (strstr (text, "EXDATE"));
  calendar = parse_calendar (with_exdate);
  exdate = icalcomponent_get_first_property (event_of (calendar), ICAL_EXDATE_PROPERTY);
  g_assert_nonnull (exdate);
  g_assert_nonnull (strstr (with_exdate, "EXDATE;TZID=Europe/Berlin:20260309T100000"));
  icalcomponent_free (calendar);

  /* A series without meetings starts at its next occurrence. */
  unmet_text = lotse_ics_series_to_string (fixture->store, unmet, &error);
  g_assert_no_error (error);
  calendar = parse_calendar (unmet_text);
  start = icalcomponent_get_dtstart (event_of (calendar));
  g_assert_cmpint (start.hour, ==, 10);
  g_assert_cmpint (start.day, <=, 7);
  icalcomponent_free (calendar);
}

/* A series that has not met starts in the calendar where “prepare next
 * meeting” puts its first meeting: the first matching day from now, not
 * INTERVAL weeks on from this week, or every date of an every-other-week
 * series would be one week off the meetings Lotse prepares. */
static void
test_series_unmet_like_prepare (Fixture       *fixture,
                                gconstpointer  data)
{
  g_autoptr(GTimeZone) berlin = g_time_zone_new_identifier ("Europe/Berlin");
  g_autoptr(GDateTime) now = g_date_time_new_now (berlin);
  static const char * const codes[] = { NULL, "MO", "TU", "WE", "TH", "FR", "SA", "SU" };
  const char *today = codes[g_date_time_get_day_of_week (now)];
  g_autoptr(GError) error = NULL;
  g_autoptr(LotseRecord) prepared = NULL;
  g_autoptr(GDateTime) prepared_start = NULL;
  g_autoptr(GDateTime) exported_start = NULL;
  g_autofree char *rule = g_strdup_printf ("FREQ=WEEKLY;INTERVAL=2;BYDAY=%s;TZID=Europe/Berlin",
                                           today);
  g_autofree char *series = add (fixture->store, "meeting_series", "title", "Neu", "kind",
                                 "jour_fixe", "recurrence", rule, NULL);
  g_autofree char *text = lotse_ics_series_to_string (fixture->store, series, &error);
  icalcomponent *calendar;
  struct icaltimetype start;

  g_assert_no_error (error);
  calendar = parse_calendar (text);
  start = icalcomponent_get_dtstart (event_of (calendar));
  exported_start = g_date_time_new (berlin, start.year, start.month, start.day, start.hour,
                                    start.minute, start.second);
  icalcomponent_free (calendar);

  prepared = lotse_meeting_prepare_next (fixture->store, series, NULL, &error);
  g_assert_no_error (error);
  prepared_start = g_date_time_new_from_iso8601 (lotse_record_get (prepared, "starts_at"), NULL);

  g_test_message ("%s: exported %04d-%02d-%02d %02d:%02d, prepared %s", rule, start.year,
                  start.month, start.day, start.hour, start.minute,
                  lotse_record_get (prepared, "starts_at"));
  g_assert_true (g_date_time_equal (exported_start, prepared_start));
  /* Today's weekday: today at 10:00 if that is still to come, else in a week. */
  g_assert_cmpint (g_date_time_difference (prepared_start, now), <=, 7 * G_TIME_SPAN_DAY);
}

static void
test_series_utc (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autofree char *text = series_ics (fixture, "FREQ=WEEKLY;BYDAY=TU;TZID=UTC",
                                      "2026-01-06T10:00:00+01:00", NULL);
  icalcomponent *calendar = parse_calendar (text);

  g_assert_null (icalcomponent_get_first_component (calendar, ICAL_VTIMEZONE_COMPONENT));
  g_assert_null (dtstart_tzid (event_of (calendar)));
  g_assert_nonnull (strstr (text, "DTSTART:20260106T090000Z"));
  icalcomponent_free (calendar);
}

static void
test_meeting (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *series = add (fixture->store, "meeting_series", "title", "Jour fixe",
                                 "kind", "jour_fixe", "recurrence",
                                 "FREQ=WEEKLY;INTERVAL=2;BYDAY=TU;TZID=Europe/Berlin", NULL);
  g_autofree char *meeting = add (fixture->store, "meeting", "series_id", series,
                                  "title", "Jour fixe, Sommer; mit Gästen", "kind", "jour_fixe",
                                  "starts_at", "2026-07-07T10:00:00+02:00", "duration_min", "75",
                                  "location", "OWL Arena", "status", "draft",
                                  "notes", "Bitte pünktlich.", NULL);
  g_autofree char *path = g_build_filename (fixture->dir, "meeting.ics", NULL);
  g_autofree char *uid = g_strdup_printf ("%s@lotse.app", meeting);
  g_autofree char *contents = NULL;
  g_autofree char *long_title = g_strnfill (120, 'x');
  icalcomponent *calendar;
  icalcomponent *event;
  struct icaltimetype start;
  const char *description;

  g_autofree char *with_mail = add (fixture->store, "person", "name", "Voßmeyer, Katrin",
                                    "email", "vossmeyer@owl-arena.example", NULL);
  g_autofree char *without_mail = add (fixture->store, "person", "name", "Tobias Rehkemper",
                                       NULL);
  g_autofree char *excused = add (fixture->store, "person", "name", "Aylin Demir",
                                  "email", "demir@example.org", NULL);
  icalproperty *organizer;

  g_free (add (fixture->store, "meeting_participant", "meeting_id", meeting, "person_id",
               with_mail, "attendance", "invited", NULL));
  g_free (add (fixture->store, "meeting_participant", "meeting_id", meeting, "person_id",
               without_mail, "attendance", "invited", NULL));
  g_free (add (fixture->store, "meeting_participant", "meeting_id", meeting, "person_id",
               excused, "attendance", "excused", NULL));
  g_free (add (fixture->store, "agenda_item", "meeting_id", meeting, "position", "1",
               "title", "Begrüßung", "kind", "information", "status", "open", NULL));
  g_free (add (fixture->store, "agenda_item", "meeting_id", meeting, "position", "2",
               "title", long_title, "kind", "information", "status", "open", NULL));

  g_assert_true (lotse_ics_export_meeting (fixture->store, meeting, path, &error));
  g_assert_no_error (error);
  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);

  calendar = parse_calendar (contents);
  event = event_of (calendar);
  g_assert_cmpstr (icalcomponent_get_uid (event), ==, uid);
  g_assert_cmpstr (icalcomponent_get_summary (event), ==, "Jour fixe, Sommer; mit Gästen");
  g_assert_cmpstr (icalcomponent_get_location (event), ==, "OWL Arena");
  g_assert_cmpint (icalcomponent_get_status (event), ==, ICAL_STATUS_TENTATIVE);
  g_assert_cmpint (icaldurationtype_as_int (icalcomponent_get_duration (event)), ==, 75 * 60);
  g_assert_null (icalcomponent_get_first_property (event, ICAL_RRULE_PROPERTY));
  g_assert_cmpstr (dtstart_tzid (event), ==, "Europe/Berlin");
  start = icaltime_convert_to_zone (icalcomponent_get_dtstart (event),
                                    icaltimezone_get_utc_timezone ());
  g_assert_cmpint (start.hour, ==, 8);

  /* The agenda in the description; the long line was folded and unfolds. */
  description = icalcomponent_get_description (event);
  g_assert_nonnull (strstr (description, "Bitte pünktlich.\n\nAgenda:\n1. Begrüßung\n2. xxxx"));
  g_assert_nonnull (strstr (description, long_title));

  /* A PUBLISH has no ATTENDEE: the participants, with or without an
   * address, are in the description, with their answer unless invited. */
  g_assert_null (icalcomponent_get_first_property (event, ICAL_ATTENDEE_PROPERTY));
  g_assert_nonnull (strstr (description, "\n\nParticipants:\n"));
  g_assert_nonnull (strstr (description, "\n- Voßmeyer, Katrin\n"));
  g_assert_nonnull (strstr (description, "\n- Tobias Rehkemper\n"));
  g_assert_true (g_str_has_suffix (description, "\n- Aylin Demir (Excused)"));

  /* The office organises: without an address of its own, its URN. */
  organizer = icalcomponent_get_first_property (event, ICAL_ORGANIZER_PROPERTY);
  g_assert_nonnull (organizer);
  g_assert_cmpstr (icalproperty_get_organizer (organizer), ==, "urn:uuid:" LOTSE_OFFICE_ID);
  g_assert_null (icalproperty_get_first_parameter (organizer, ICAL_CN_PARAMETER));
  icalcomponent_free (calendar);
}

static void
test_meeting_cancelled (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *meeting = add (fixture->store, "meeting", "title", "Off", "kind", "event",
                                  "starts_at", "2026-07-07T10:00:00+02:00", "status", "cancelled",
                                  NULL);
  g_autofree char *text = lotse_ics_meeting_to_string (fixture->store, meeting, &error);
  icalcomponent *calendar;

  g_assert_no_error (error);
  calendar = parse_calendar (text);
  g_assert_cmpint (icalcomponent_get_status (event_of (calendar)), ==, ICAL_STATUS_CANCELLED);
  g_assert_null (icalcomponent_get_first_property (event_of (calendar), ICAL_DURATION_PROPERTY));
  icalcomponent_free (calendar);
}

static void
test_errors (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (fixture->dir, "out.ics", NULL);
  g_autofree char *bad_path = g_build_filename (fixture->dir, "missing", "out.ics", NULL);
  g_autofree char *no_start = add (fixture->store, "meeting", "title", "Someday", "kind", "event",
                                   "status", "planned", NULL);
  g_autofree char *no_rule = add (fixture->store, "meeting_series", "title", "Ad hoc", "kind",
                                  "workshop", NULL);
  g_autofree char *deleted = add (fixture->store, "meeting", "title", "Gone", "kind", "event",
                                  "starts_at", "2026-07-07T10:00:00+02:00", "status", "planned",
                                  NULL);
  g_autofree char *good = add (fixture->store, "meeting", "title", "Good", "kind", "event",
                               "starts_at", "2026-07-07T10:00:00+02:00", "status", "planned",
                               NULL);
  g_autofree char *contents = NULL;

  g_assert_true (lotse_store_delete (fixture->store, "meeting", deleted, NULL));

  g_assert_false (lotse_ics_export_meeting (fixture->store, "nope", path, &error));
  g_assert_error (error, LOTSE_ERROR, LOTSE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  g_assert_false (lotse_ics_export_meeting (fixture->store, deleted, path, &error));
  g_assert_error (error, LOTSE_ERROR, LOTSE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  g_assert_false (lotse_ics_export_meeting (fixture->store, no_start, path, &error));
  g_assert_error (error, LOTSE_ERROR, LOTSE_ERROR_INVALID_VALUE);
  g_clear_error (&error);

  g_assert_false (lotse_ics_export_series (fixture->store, no_rule, path, &error));
  g_assert_error (error, LOTSE_ERROR, LOTSE_ERROR_INVALID_VALUE);
  g_clear_error (&error);

  g_assert_false (lotse_ics_export_series (fixture->store, good, path, &error));
  g_assert_error (error, LOTSE_ERROR, LOTSE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));

  g_assert_false (lotse_ics_export_meeting (fixture->store, good, bad_path, &error));
  g_assert_error (error, LOTSE_ERROR, LOTSE_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, "out.ics"));
  g_clear_error (&error);

  /* A failed export leaves an existing file as it was. */
  g_file_set_contents (path, "keep me", -1, &error);
  g_assert_no_error (error);
  g_assert_false (lotse_ics_export_meeting (fixture->store, no_start, path, &error));
  g_clear_error (&error);
  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (contents, ==, "keep me");
}

/* Marks every kept event, so that the next feed shows which it took over. */
static void
mark_kept (GHashTable *events)
{
  GHashTableIter iter;
  gpointer key;
  gpointer value;

  g_hash_table_iter_init (&iter, events);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      g_autofree char *id = g_strndup (key, strcspn (key, "|"));

      g_hash_table_iter_replace (&iter, g_strdup_printf ("X-KEPT:%s\r\n", id));
    }
}

static GPtrArray *
list_meetings (LotseStore *store)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *meetings = lotse_store_list (store, "meeting", NULL, 0, "starts_at", 0, 0, &error);

  g_assert_no_error (error);
  return meetings;
}

/* A feed asked for again after a change writes the events of the meetings
 * the change touched, its agenda included, and takes over the others. */
static void
test_feed_takes_over (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autofree char *series = add (fixture->store, "meeting_series", "title", "Jour fixe", NULL);
  const char *starts[] = { "2026-03-02T10:00:00+01:00", "2026-03-09T10:00:00+01:00",
                           "2026-03-16T10:00:00+01:00" };
  char *ids[G_N_ELEMENTS (starts)];
  char *items[G_N_ELEMENTS (starts)];
  g_autoptr(LotseIcsFeed) feed = lotse_ics_feed_new (fixture->store);
  g_autoptr(GPtrArray) meetings = NULL;
  g_autoptr(LotseRecord) meeting = NULL;
  g_autoptr(LotseRecord) item = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autofree char *kept = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (starts); i++)
    {
      ids[i] = add (fixture->store, "meeting", "series_id", series, "title", "Jour fixe",
                    "kind", "jour_fixe", "starts_at", starts[i], "status", "planned", NULL);
      items[i] = add (fixture->store, "agenda_item", "meeting_id", ids[i], "title", "Reports",
                      "position", "1", NULL);
    }
  meetings = list_meetings (fixture->store);
  first = lotse_ics_feed_write (feed, meetings, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_hash_table_size (lotse_ics_feed_get_events (feed)), ==, 3);
  g_assert_nonnull (strstr (first, "Reports"));
  mark_kept (lotse_ics_feed_get_events (feed));

  /* The second meeting gets a new title, the third a new agenda item title. */
  meeting = lotse_store_get (fixture->store, "meeting", ids[1], &error);
  lotse_record_set (meeting, "title", "Steering board");
  g_assert_true (lotse_store_update (fixture->store, meeting, &error));
  item = lotse_store_get (fixture->store, "agenda_item", items[2], &error);
  lotse_record_set (item, "title", "Budget");
  g_assert_true (lotse_store_update (fixture->store, item, &error));
  g_assert_no_error (error);

  g_clear_pointer (&meetings, g_ptr_array_unref);
  meetings = list_meetings (fixture->store);
  second = lotse_ics_feed_write (feed, meetings, &error);
  g_assert_no_error (error);
  kept = g_strdup_printf ("X-KEPT:%s\r\n", ids[0]);
  g_assert_nonnull (strstr (second, kept));
  /* Only that one. */
  g_assert_null (strstr (strstr (second, "X-KEPT:") + 1, "X-KEPT:"));
  g_assert_nonnull (strstr (second, "SUMMARY:Steering board"));
  g_assert_nonnull (strstr (second, "1. Budget"));
  g_assert_true (g_str_has_suffix (second, "END:VCALENDAR\r\n"));
  g_assert_cmpuint (g_hash_table_size (lotse_ics_feed_get_events (feed)), ==, 3);

  for (guint i = 0; i < G_N_ELEMENTS (starts); i++)
    {
      g_free (ids[i]);
      g_free (items[i]);
    }
}

/* @text with its folded lines joined again (RFC 5545, 3.1). */
static char *
unfold (char *text)
{
  g_autoptr(GString) joined = g_string_new (text);

  g_free (text);
  g_string_replace (joined, "\r\n ", "", 0);
  return g_string_free (g_steal_pointer (&joined), FALSE);
}

/* The agendas and the participants are each read again only after a row
 * of theirs changed: an agenda title changed behind the store's back (no
 * LotseStore::changed) is not seen while meetings and participants
 * change, and is once an agenda item is written through the store. */
static void
test_feed_keeps_lines (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autofree char *series = add (fixture->store, "meeting_series", "title", "Jour fixe", NULL);
  g_autofree char *meeting_id = add (fixture->store, "meeting", "series_id", series, "title", "Jour fixe",
                                     "kind", "jour_fixe", "starts_at", "2026-03-02T10:00:00+01:00",
                                     "status", "planned", NULL);
  g_autofree char *item_id = add (fixture->store, "agenda_item", "meeting_id", meeting_id,
                                  "title", "Reports", "position", "1", NULL);
  g_autofree char *person_id = add (fixture->store, "person", "name", "Anna Becker", NULL);
  g_autofree char *participant_id = NULL;
  g_autoptr(LotseIcsFeed) feed = lotse_ics_feed_new (fixture->store);
  g_autoptr(GPtrArray) meetings = list_meetings (fixture->store);
  g_autoptr(LotseRecord) meeting = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *sql = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autofree char *third = NULL;
  g_autofree char *fourth = NULL;
  g_autofree char *second_item_id = NULL;

  first = unfold (lotse_ics_feed_write (feed, meetings, &error));
  g_assert_no_error (error);
  g_assert_nonnull (strstr (first, "1. Reports"));

  sql = g_strdup_printf ("UPDATE agenda_item SET title = 'Budget' WHERE id = '%s'", item_id);
  g_assert_cmpint (sqlite3_exec (lotse_store_get_db (fixture->store), sql, NULL, NULL, NULL), ==, SQLITE_OK);
  meeting = lotse_store_get (fixture->store, "meeting", meeting_id, &error);
  lotse_record_set (meeting, "title", "Steering board");
  g_assert_true (lotse_store_update (fixture->store, meeting, &error));
  g_clear_pointer (&meetings, g_ptr_array_unref);
  meetings = list_meetings (fixture->store);
  second = unfold (lotse_ics_feed_write (feed, meetings, &error));
  g_assert_no_error (error);
  g_assert_nonnull (strstr (second, "SUMMARY:Steering board"));
  g_assert_nonnull (strstr (second, "1. Reports"));

  participant_id = add (fixture->store, "meeting_participant", "meeting_id", meeting_id,
                        "person_id", person_id, "attendance", "invited", NULL);
  third = unfold (lotse_ics_feed_write (feed, meetings, &error));
  g_assert_no_error (error);
  g_assert_nonnull (strstr (third, "- Anna Becker"));
  g_assert_nonnull (strstr (third, "1. Reports"));

  second_item_id = add (fixture->store, "agenda_item", "meeting_id", meeting_id,
                        "title", "Travel", "position", "2", NULL);
  fourth = unfold (lotse_ics_feed_write (feed, meetings, &error));
  g_assert_no_error (error);
  g_assert_nonnull (strstr (fourth, "1. Budget"));
  g_assert_nonnull (strstr (fourth, "2. Travel"));
  g_assert_nonnull (strstr (fourth, "- Anna Becker"));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/ics/series/biweekly", Fixture, NULL, fixture_set_up, test_series_biweekly,
              fixture_tear_down);
  g_test_add ("/ics/series/monthly", Fixture, NULL, fixture_set_up, test_series_monthly,
              fixture_tear_down);
  g_test_add ("/ics/series/cancelled-and-unmet", Fixture, NULL, fixture_set_up,
              test_series_cancelled_and_unmet, fixture_tear_down);
  g_test_add ("/ics/series/unmet-like-prepare", Fixture, NULL, fixture_set_up,
              test_series_unmet_like_prepare, fixture_tear_down);
  g_test_add ("/ics/series/utc", Fixture, NULL, fixture_set_up, test_series_utc,
              fixture_tear_down);
  g_test_add ("/ics/meeting/export", Fixture, NULL, fixture_set_up, test_meeting,
              fixture_tear_down);
  g_test_add ("/ics/meeting/cancelled", Fixture, NULL, fixture_set_up, test_meeting_cancelled,
              fixture_tear_down);
  g_test_add ("/ics/errors", Fixture, NULL, fixture_set_up, test_errors, fixture_tear_down);
  g_test_add ("/ics/feed/takes-over", Fixture, NULL, fixture_set_up, test_feed_takes_over,
              fixture_tear_down);
  g_test_add ("/ics/feed/keeps-lines", Fixture, NULL, fixture_set_up, test_feed_keeps_lines,
              fixture_tear_down);

  return g_test_run ();
}
