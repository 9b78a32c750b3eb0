/* test-recurrence.c: how a meeting series repeats (lotse-recurrence.h)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "lotse-test-helpers.h"

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

static LotseRecurrence *
parse_rule (const char *text)
{
  g_autoptr(GError) error = NULL;
  LotseRecurrence *rule = lotse_recurrence_parse (text, &error);

  g_assert_no_error (error);
  g_assert_nonnull (rule);
  return rule;
}

/* The occurrence after @after in an office in Berlin, as text. */
static char *
next_after (const char *text,
            const char *after)
{
  g_autoptr(LotseRecurrence) rule = parse_rule (text);
  g_autoptr(GTimeZone) berlin = g_time_zone_new_identifier ("Europe/Berlin");
  g_autoptr(GDateTime) start = parse_time (after);
  g_autoptr(GDateTime) next = NULL;
  g_autoptr(GError) error = NULL;

  next = lotse_recurrence_next_after (rule, berlin, start, &error);
  g_assert_no_error (error);
  g_assert_nonnull (next);

  return format_time (next);
}

typedef struct
{
  const char *rule;
  const char *after;
  const char *expected;
} NextCase;

static void
check_next (const NextCase *cases,
            guint           n_cases)
{
  for (guint i = 0; i < n_cases; i++)
    {
      g_autofree char *text = next_after (cases[i].rule, cases[i].after);

      g_test_message ("%s after %s", cases[i].rule, cases[i].after);
      g_assert_cmpstr (text, ==, cases[i].expected);
    }
}

/* --- reading ------------------------------------------------------------- */

static void
test_validate (void)
{
  static const char * const good[] = {
    "FREQ=WEEKLY;INTERVAL=1;BYDAY=TH", "FREQ=WEEKLY;INTERVAL=2;BYDAY=TU", "FREQ=MONTHLY;BYMONTHDAY=15",
    "FREQ=MONTHLY;BYDAY=1WE", "FREQ=MONTHLY;BYDAY=-1FR", "FREQ=MONTHLY;INTERVAL=3;BYDAY=1TH",
    "RRULE:FREQ=WEEKLY;BYDAY=MO,TH", "freq=weekly;byday=tu", "FREQ=WEEKLY;",
    "FREQ=WEEKLY;BYDAY=TU;BYHOUR=9;BYMINUTE=30;TZID=Europe/Berlin", "FREQ=MONTHLY",
    "FREQ=MONTHLY;BYMONTHDAY=-1", "FREQ=MONTHLY;BYDAY=FR;BYMONTHDAY=13",
  };
  static const char * const bad[] = {
    "", "   ", "FREQ=DAILY", "FREQ=YEARLY", "INTERVAL=2", "FREQ=WEEKLY;BYDAY=XX",
    "FREQ=WEEKLY;BYDAY=1TU", "FREQ=WEEKLY;BYMONTHDAY=3", "FREQ=MONTHLY;BYMONTHDAY=32",
    "FREQ=MONTHLY;BYMONTHDAY=0", "FREQ=MONTHLY;BYDAY=6WE", "FREQ=MONTHLY;BYDAY=0WE",
    "FREQ=WEEKLY;INTERVAL=0", "FREQ=WEEKLY;INTERVAL=100", "FREQ=WEEKLY;INTERVAL=two",
    "FREQ=WEEKLY;COUNT=3", "FREQ=WEEKLY;UNTIL=20270101", "FREQ=WEEKLY;FREQ=MONTHLY",
    "FREQ=WEEKLY;TZID=Mars/Olympus", "FREQ=WEEKLY;BYMINUTE=5", "FREQ=WEEKLY;BYHOUR=24",
    "garbage", "FREQ=WEEKLY;BYDAY=", "FREQ=WEEKLY;;BYDAY=TU", "=WEEKLY",
  };

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      g_autoptr(GError) error = NULL;

      g_test_message ("%s", good[i]);
      g_assert_true (lotse_recurrence_validate (good[i], &error));
      g_assert_no_error (error);
    }

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;

      g_test_message ("%s", bad[i]);
      g_assert_false (lotse_recurrence_validate (bad[i], &error));
      g_assert_error (error, LOTSE_ERROR, LOTSE_ERROR_INVALID_VALUE);
      g_assert_nonnull (strstr (error->message, "Recurrence"));
    }
}

/* A bad rule is refused with a message that quotes it and says what is
 * wrong, so a person can mend it. */
static void
test_bad_rules_say_why (void)
{
  static const char * const cases[][2] = {
    { NULL, "it is empty" },
    { "FREQ=DAILY", "FREQ must be WEEKLY or MONTHLY" },
    { "BYDAY=TU", "FREQ=WEEKLY or FREQ=MONTHLY is missing" },
    { "FREQ=WEEKLY;BYDAY=XX", "“XX” is not a day like TU, 1WE or -1FR" },
    { "FREQ=MONTHLY;BYDAY=6WE", "“6WE” is not a day like TU, 1WE or -1FR" },
    { "FREQ=WEEKLY;BYDAY=1TU", "a numbered day like 1WE needs FREQ=MONTHLY" },
    { "FREQ=WEEKLY;BYMONTHDAY=3", "BYMONTHDAY needs FREQ=MONTHLY" },
    { "FREQ=MONTHLY;BYMONTHDAY=32", "“32” is not a day of the month" },
    { "FREQ=WEEKLY;INTERVAL=100", "INTERVAL must be a number from 1 to 99" },
    { "FREQ=WEEKLY;COUNT=3", "“COUNT” is not supported" },
    { "FREQ=WEEKLY;INTERVAL=2;INTERVAL=3", "INTERVAL is given twice" },
    { "FREQ=WEEKLY;BYDAY=", "BYDAY has no value" },
    { "FREQ=WEEKLY;BYMINUTE=5", "BYMINUTE needs BYHOUR" },
    { "FREQ=WEEKLY;BYHOUR=24", "BYHOUR must be a number from 0 to 23" },
    { "FREQ=WEEKLY;TZID=Mars/Olympus", "“Mars/Olympus” is not a time zone" },
    { "FREQ=WEEKLY;TZID=+01:00", "“+01:00” is not a time zone" },
    { "FREQ=WEEKLY;tuesday", "“tuesday” is not of the form NAME=VALUE" },
    { "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR,SA,SU,MO,TU,WE,TH,FR,SA,SU,MO,TU,WE",
      "BYDAY lists too many days" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(LotseRecurrence) rule = lotse_recurrence_parse (cases[i][0], &error);
      g_autofree char *quoted = g_strdup_printf ("Recurrence “%s”: ",
                                                 cases[i][0] != NULL ? cases[i][0] : "");

      g_test_message ("%s: %s", cases[i][0], error != NULL ? error->message : "(none)");
      g_assert_null (rule);
      g_assert_error (error, LOTSE_ERROR, LOTSE_ERROR_INVALID_VALUE);
      g_assert_true (g_str_has_prefix (error->message, quoted));
      g_assert_nonnull (strstr (error->message, cases[i][1]));
    }
}

/* --- stepping ------------------------------------------------------------ */

static void
test_next (void)
{
  static const NextCase cases[] = {
    { "FREQ=WEEKLY;INTERVAL=1;BYDAY=TH", "2026-01-08T10:00:00+01:00", "2026-01-15T10:00:00+01:00" },
    /* Strictly after: a Thursday morning gives the same day’s meeting. */
    { "FREQ=WEEKLY;BYDAY=TH;BYHOUR=10", "2026-01-08T08:00:00+01:00", "2026-01-08T10:00:00+01:00" },
    { "FREQ=WEEKLY;BYDAY=TH;BYHOUR=10", "2026-01-08T10:00:00+01:00", "2026-01-15T10:00:00+01:00" },
    { "FREQ=WEEKLY;INTERVAL=2;BYDAY=TU", "2026-01-06T10:00:00+01:00", "2026-01-20T10:00:00+01:00" },
    { "FREQ=WEEKLY;INTERVAL=2;BYDAY=TU", "2026-01-20T10:00:00+01:00", "2026-02-03T10:00:00+01:00" },
    { "FREQ=WEEKLY;BYDAY=TU,TH", "2026-01-06T10:00:00+01:00", "2026-01-08T10:00:00+01:00" },
    { "FREQ=WEEKLY;INTERVAL=2;BYDAY=TU,TH", "2026-01-08T10:00:00+01:00", "2026-01-20T10:00:00+01:00" },
    { "FREQ=WEEKLY", "2026-01-07T10:00:00+01:00", "2026-01-14T10:00:00+01:00" },
    { "FREQ=MONTHLY;BYMONTHDAY=15", "2026-01-15T10:00:00+01:00", "2026-02-15T10:00:00+01:00" },
    { "FREQ=MONTHLY;BYMONTHDAY=15", "2026-01-10T10:00:00+01:00", "2026-01-15T10:00:00+01:00" },
    { "FREQ=MONTHLY;BYMONTHDAY=15", "2026-01-20T10:00:00+01:00", "2026-02-15T10:00:00+01:00" },
    /* Months without a 31st are skipped, as RFC 5545 says. */
    { "FREQ=MONTHLY;BYMONTHDAY=31", "2026-01-31T10:00:00+01:00", "2026-03-31T10:00:00+02:00" },
    { "FREQ=MONTHLY;BYMONTHDAY=-1", "2026-01-31T10:00:00+01:00", "2026-02-28T10:00:00+01:00" },
    { "FREQ=MONTHLY;BYDAY=1WE", "2026-01-07T10:00:00+01:00", "2026-02-04T10:00:00+01:00" },
    { "FREQ=MONTHLY;BYDAY=2WE", "2026-01-14T10:00:00+01:00", "2026-02-11T10:00:00+01:00" },
    { "FREQ=MONTHLY;BYDAY=2WE", "2026-02-11T10:00:00+01:00", "2026-03-11T10:00:00+01:00" },
    { "FREQ=MONTHLY;BYDAY=-1FR", "2026-01-30T10:00:00+01:00", "2026-02-27T10:00:00+01:00" },
    { "FREQ=MONTHLY;BYDAY=-1FR", "2026-02-27T10:00:00+01:00", "2026-03-27T10:00:00+01:00" },
    { "FREQ=MONTHLY;BYDAY=5FR", "2026-01-30T10:00:00+01:00", "2026-05-29T10:00:00+02:00" },
    { "FREQ=MONTHLY;BYDAY=FR;BYMONTHDAY=13", "2026-01-01T10:00:00+01:00", "2026-02-13T10:00:00+01:00" },
    { "FREQ=MONTHLY;INTERVAL=3;BYDAY=1TH", "2026-12-03T14:00:00+01:00", "2027-03-04T14:00:00+01:00" },
    /* The wall-clock time stays across the change to winter time. */
    { "FREQ=WEEKLY;BYDAY=TU", "2026-10-20T10:00:00+02:00", "2026-10-27T10:00:00+01:00" },
    { "FREQ=WEEKLY;BYDAY=TU;BYHOUR=9;BYMINUTE=30", "2026-01-06T10:00:00+01:00",
      "2026-01-13T09:30:00+01:00" },
    /* @after is read in the series’ zone. */
    { "FREQ=WEEKLY;BYDAY=TU", "2026-01-06T09:00:00Z", "2026-01-13T10:00:00+01:00" },
    { "FREQ=WEEKLY;BYDAY=TU;TZID=America/New_York", "2026-01-06T15:00:00Z",
      "2026-01-13T10:00:00-05:00" },
  };

  check_next (cases, G_N_ELEMENTS (cases));
}

/* Berlin changes to summer time on 29 March 2026 (02:00 → 03:00) and back
 * on 25 October 2026 (03:00 → 02:00): meetings keep their wall-clock time,
 * whichever offset that has on the day. */
static void
test_dst_berlin (void)
{
  static const NextCase cases[] = {
    /* Into summer time, weekly and monthly, with and without BYHOUR. */
    { "FREQ=WEEKLY;BYDAY=TU", "2026-03-24T10:00:00+01:00", "2026-03-31T10:00:00+02:00" },
    { "FREQ=WEEKLY;BYDAY=TU;BYHOUR=16;BYMINUTE=30", "2026-03-24T16:30:00+01:00",
      "2026-03-31T16:30:00+02:00" },
    { "FREQ=MONTHLY;BYDAY=-1SU", "2026-02-22T11:00:00+01:00", "2026-03-29T11:00:00+02:00" },
    { "FREQ=WEEKLY;BYDAY=SU", "2026-03-22T09:00:00+01:00", "2026-03-29T09:00:00+02:00" },
    /* Back to winter time. */
    { "FREQ=WEEKLY;BYDAY=SU", "2026-10-18T09:00:00+02:00", "2026-10-25T09:00:00+01:00" },
    { "FREQ=MONTHLY;BYMONTHDAY=26", "2026-09-26T10:00:00+02:00", "2026-10-26T10:00:00+01:00" },
    /* Stepping from a time given in UTC: the Berlin wall clock counts. */
    { "FREQ=WEEKLY;BYDAY=MO", "2026-03-23T09:00:00Z", "2026-03-30T10:00:00+02:00" },
    /* A zone of its own: New York changes on 8 March, Berlin three weeks later. */
    { "FREQ=WEEKLY;BYDAY=TU;TZID=America/New_York", "2026-03-03T10:00:00-05:00",
      "2026-03-10T10:00:00-04:00" },
  };
  g_autoptr(LotseRecurrence) rule = parse_rule ("FREQ=WEEKLY;BYDAY=SU;BYHOUR=2;BYMINUTE=30");
  g_autoptr(GTimeZone) berlin = g_time_zone_new_identifier ("Europe/Berlin");
  g_autoptr(GDateTime) after = parse_time ("2026-03-22T02:30:00+01:00");
  g_autoptr(GDateTime) gap = NULL;
  g_autoptr(GDateTime) twice = NULL;
  g_autoptr(GError) error = NULL;

  check_next (cases, G_N_ELEMENTS (cases));

  /* 02:30 does not exist on 29 March: the meeting is still on that day,
   * not skipped, at a time that exists. */
  gap = lotse_recurrence_next_after (rule, berlin, after, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_date_time_get_day_of_month (gap), ==, 29);
  g_assert_cmpint (g_date_time_get_month (gap), ==, 3);
  g_assert_cmpint (g_date_time_get_utc_offset (gap) / G_TIME_SPAN_HOUR, ==, 2);

  /* 02:30 happens twice on 25 October: one meeting, then the next week. */
  g_clear_pointer (&after, g_date_time_unref);
  after = parse_time ("2026-10-18T02:30:00+02:00");
  twice = lotse_recurrence_next_after (rule, berlin, after, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_date_time_get_day_of_month (twice), ==, 25);
  g_assert_cmpint (g_date_time_get_hour (twice), ==, 2);
  g_clear_pointer (&after, g_date_time_unref);
  after = g_steal_pointer (&twice);
  twice = lotse_recurrence_next_after (rule, berlin, after, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_date_time_get_month (twice), ==, 11);
  g_assert_cmpint (g_date_time_get_day_of_month (twice), ==, 1);
}

/* A month without the weekday or day asked for has no meeting; the next
 * month that has it does. */
static void
test_missing_days (void)
{
  static const NextCase cases[] = {
    /* 2026: fifth Wednesdays in April, July, September and December. */
    { "FREQ=MONTHLY;BYDAY=5WE", "2026-01-01T10:00:00+01:00", "2026-04-29T10:00:00+02:00" },
    { "FREQ=MONTHLY;BYDAY=5WE", "2026-04-29T10:00:00+02:00", "2026-07-29T10:00:00+02:00" },
    { "FREQ=MONTHLY;BYDAY=5WE", "2026-09-30T10:00:00+02:00", "2026-12-30T10:00:00+01:00" },
    /* Counted from the end it is the same gap. */
    { "FREQ=MONTHLY;BYDAY=-5WE", "2026-01-01T10:00:00+01:00", "2026-04-01T10:00:00+02:00" },
    /* February 2026 has four Mondays; March has five. */
    { "FREQ=MONTHLY;BYDAY=5MO", "2026-02-01T10:00:00+01:00", "2026-03-30T10:00:00+02:00" },
    /* With an interval, only the months of the rhythm count: from January
     * every other month is March (four Fridays), then May (five). */
    { "FREQ=MONTHLY;INTERVAL=2;BYDAY=5FR", "2026-01-30T10:00:00+01:00",
      "2026-05-29T10:00:00+02:00" },
    /* The 30th skips February; the 29th of February comes in a leap year. */
    { "FREQ=MONTHLY;BYMONTHDAY=30", "2026-01-30T10:00:00+01:00", "2026-03-30T10:00:00+02:00" },
    { "FREQ=MONTHLY;BYMONTHDAY=29", "2027-01-29T10:00:00+01:00", "2027-03-29T10:00:00+02:00" },
    { "FREQ=MONTHLY;BYMONTHDAY=29", "2028-01-29T10:00:00+01:00", "2028-02-29T10:00:00+01:00" },
    { "FREQ=MONTHLY;BYMONTHDAY=-1", "2028-01-31T10:00:00+01:00", "2028-02-29T10:00:00+01:00" },
  };
  g_autoptr(LotseRecurrence) never = parse_rule ("FREQ=MONTHLY;BYDAY=1MO;BYMONTHDAY=31");
  g_autoptr(LotseRecurrence) late = parse_rule ("FREQ=WEEKLY;BYDAY=MO");
  g_autoptr(GTimeZone) berlin = g_time_zone_new_identifier ("Europe/Berlin");
  g_autoptr(GDateTime) after = parse_time ("2026-01-01T10:00:00+01:00");
  g_autoptr(GDateTime) end = parse_time ("9999-12-31T10:00:00+01:00");
  g_autoptr(GDateTime) next = NULL;
  g_autoptr(GError) error = NULL;

  check_next (cases, G_N_ELEMENTS (cases));

  /* A first Monday is never the 31st: no date, and an error that says so. */
  next = lotse_recurrence_next_after (never, berlin, after, &error);
  g_assert_null (next);
  g_assert_error (error, LOTSE_ERROR, LOTSE_ERROR_INVALID_VALUE);
  g_assert_nonnull (strstr (error->message, "has no further date"));
  g_clear_error (&error);

  /* Nor is there one after the last day a date can have. */
  next = lotse_recurrence_next_after (late, berlin, end, &error);
  g_assert_null (next);
  g_assert_error (error, LOTSE_ERROR, LOTSE_ERROR_INVALID_VALUE);
}

/* INTERVAL counts from the week (or month) of the date stepped from: a
 * biweekly series keeps the rhythm of its meetings, across months, years
 * and a week 53, while its first meeting is simply the next matching day. */
static void
test_biweekly_anchor (void)
{
  static const NextCase cases[] = {
    /* From a Monday the Tuesday of the same week is next; from a Wednesday
     * the one two weeks on, as that week had its meeting already. */
    { "FREQ=WEEKLY;INTERVAL=2;BYDAY=TU", "2026-01-05T10:00:00+01:00", "2026-01-06T10:00:00+01:00" },
    { "FREQ=WEEKLY;INTERVAL=2;BYDAY=TU", "2026-01-07T10:00:00+01:00", "2026-01-20T10:00:00+01:00" },
    /* Sunday ends the week (WKST=MO). */
    { "FREQ=WEEKLY;INTERVAL=2;BYDAY=SU", "2026-01-05T10:00:00+01:00", "2026-01-11T10:00:00+01:00" },
    { "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,SU", "2026-01-05T10:00:00+01:00", "2026-01-11T10:00:00+01:00" },
    /* Across the year: 2026 has a week 53. */
    { "FREQ=WEEKLY;INTERVAL=2;BYDAY=TU", "2026-12-22T10:00:00+01:00", "2027-01-05T10:00:00+01:00" },
    { "FREQ=WEEKLY;INTERVAL=3;BYDAY=TH", "2026-12-31T10:00:00+01:00", "2027-01-21T10:00:00+01:00" },
  };
  g_autoptr(LotseRecurrence) rule = parse_rule ("FREQ=WEEKLY;INTERVAL=2;BYDAY=TU");
  g_autoptr(GTimeZone) berlin = g_time_zone_new_identifier ("Europe/Berlin");
  g_autoptr(GDateTime) time = parse_time ("2026-01-06T10:00:00+01:00");
  g_autoptr(GDateTime) first = NULL;
  g_autoptr(GDateTime) now = parse_time ("2026-01-07T12:00:00+01:00");
  g_autoptr(GError) error = NULL;

  check_next (cases, G_N_ELEMENTS (cases));

  /* 26 steps are a year: every date 14 days after the one before, at
   * 10:00 in summer and winter. */
  for (guint i = 0; i < 26; i++)
    {
      GDateTime *next = lotse_recurrence_next_after (rule, berlin, time, &error);

      g_assert_no_error (error);
      g_assert_cmpint (g_date_time_get_day_of_week (next), ==, G_DATE_TUESDAY);
      g_assert_cmpint (g_date_time_get_hour (next), ==, 10);
      /* Half a day of slack for the hour summer time takes or gives. */
      g_assert_cmpint ((g_date_time_difference (next, time) + G_TIME_SPAN_DAY / 2) / G_TIME_SPAN_DAY,
                       ==, 14);
      g_date_time_unref (time);
      time = next;
    }
  {
    g_autofree char *text = format_time (time);

    g_assert_cmpstr (text, ==, "2027-01-05T10:00:00+01:00");
  }

  /* Without a meeting to count from, the next Tuesday, at the given time. */
  first = lotse_recurrence_first_after (rule, berlin, now, 9, 15, &error);
  g_assert_no_error (error);
  {
    g_autofree char *text = format_time (first);

    g_assert_cmpstr (text, ==, "2026-01-13T09:15:00+01:00");
  }
}

/* --- writing ------------------------------------------------------------- */

static void
test_describe (void)
{
  static const char * const cases[][2] = {
    { "FREQ=WEEKLY;INTERVAL=2;BYDAY=TU", "Every 2 weeks on Tuesday" },
    { "FREQ=WEEKLY;BYDAY=MO,TH", "Every week on Monday, Thursday" },
    { "FREQ=MONTHLY;BYDAY=1WE", "Every month on the first Wednesday" },
    { "FREQ=MONTHLY;BYDAY=-1FR", "Every month on the last Friday" },
    { "FREQ=MONTHLY;INTERVAL=3;BYMONTHDAY=15", "Every 3 months on the 15." },
    { "FREQ=MONTHLY", "Every month" },
    { "FREQ=MONTHLY;BYDAY=5TH", "Every month on the fifth Thursday" },
    { "FREQ=MONTHLY;BYMONTHDAY=-1", "Every month on the last day" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(LotseRecurrence) rule = parse_rule (cases[i][0]);
      g_autofree char *text = lotse_recurrence_describe (rule);

      g_assert_cmpstr (text, ==, cases[i][1]);
    }
}

static void
test_to_rrule (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LotseRecurrence) a = parse_rule ("rrule:freq=weekly;byday=tu;interval=2;"
                                             "tzid=Europe/Berlin;byhour=9");
  g_autoptr(LotseRecurrence) b = parse_rule ("FREQ=MONTHLY;BYDAY=-1FR;BYMONTHDAY=-1,15");
  g_autoptr(LotseRecurrence) c = NULL;
  g_autofree char *a_rrule = lotse_recurrence_to_rrule (a);
  g_autofree char *b_rrule = lotse_recurrence_to_rrule (b);

  g_assert_cmpstr (a_rrule, ==, "FREQ=WEEKLY;INTERVAL=2;BYDAY=TU");
  g_assert_cmpstr (b_rrule, ==, "FREQ=MONTHLY;BYDAY=-1FR;BYMONTHDAY=-1,15");

  c = lotse_recurrence_parse ("FREQ=SECONDLY", &error);
  g_assert_null (c);
  g_assert_error (error, LOTSE_ERROR, LOTSE_ERROR_INVALID_VALUE);
}

/* The stored form is canonical and reads back as the same rule. */
static void
test_to_string (void)
{
  static const char * const cases[][2] = {
    { "rrule:freq=weekly;byday=tu;interval=2;tzid=Europe/Berlin;byhour=9;byminute=30",
      "FREQ=WEEKLY;INTERVAL=2;BYDAY=TU;BYHOUR=9;BYMINUTE=30;TZID=Europe/Berlin" },
    { "FREQ=MONTHLY;INTERVAL=1;BYDAY=1WE;", "FREQ=MONTHLY;BYDAY=1WE" },
    { "FREQ=WEEKLY;BYHOUR=9;BYMINUTE=0", "FREQ=WEEKLY;BYHOUR=9" },
    { " FREQ=MONTHLY ; BYMONTHDAY=-1,15 ", "FREQ=MONTHLY;BYMONTHDAY=-1,15" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(LotseRecurrence) rule = parse_rule (cases[i][0]);
      g_autofree char *text = lotse_recurrence_to_string (rule);
      g_autoptr(LotseRecurrence) again = parse_rule (text);
      g_autofree char *text_again = lotse_recurrence_to_string (again);

      g_assert_cmpstr (text, ==, cases[i][1]);
      g_assert_cmpstr (text_again, ==, text);
    }
}

/* The series editor's choices: read from a rule, and written back into it
 * without losing its time of day and zone. */
static void
test_pattern (void)
{
  static const struct
  {
    const char             *rule;
    LotseRecurrencePattern  pattern;
  } cases[] = {
    { "FREQ=WEEKLY;BYDAY=TU", { LOTSE_RECURRENCE_WEEKLY, 1, G_DATE_TUESDAY, 0, 0 } },
    { "FREQ=WEEKLY;INTERVAL=2;BYDAY=SU", { LOTSE_RECURRENCE_WEEKLY, 2, G_DATE_SUNDAY, 0, 0 } },
    { "FREQ=MONTHLY;INTERVAL=3;BYMONTHDAY=15", { LOTSE_RECURRENCE_MONTHLY_DAY, 3, 0, 15, 0 } },
    { "FREQ=MONTHLY;BYDAY=-1FR", { LOTSE_RECURRENCE_MONTHLY_WEEKDAY, 1, G_DATE_FRIDAY, 0, -1 } },
    { "FREQ=MONTHLY;BYDAY=5WE", { LOTSE_RECURRENCE_MONTHLY_WEEKDAY, 1, G_DATE_WEDNESDAY, 0, 5 } },
    { "FREQ=WEEKLY;BYDAY=MO,TH", { LOTSE_RECURRENCE_OTHER, 1, 0, 0, 0 } },
    { "FREQ=WEEKLY", { LOTSE_RECURRENCE_OTHER, 1, 0, 0, 0 } },
    { "FREQ=MONTHLY;BYDAY=TU", { LOTSE_RECURRENCE_OTHER, 1, 0, 0, 0 } },
    { "FREQ=MONTHLY;BYDAY=FR;BYMONTHDAY=13", { LOTSE_RECURRENCE_OTHER, 1, 0, 0, 0 } },
  };
  LotseRecurrencePattern first_wednesday = { LOTSE_RECURRENCE_MONTHLY_WEEKDAY, 1, G_DATE_WEDNESDAY,
                                             0, 1 };
  LotseRecurrencePattern biweekly = { LOTSE_RECURRENCE_WEEKLY, 2, G_DATE_THURSDAY, 0, 0 };
  g_autoptr(LotseRecurrence) rule = NULL;
  g_autoptr(LotseRecurrence) built = NULL;
  g_autofree char *changed = NULL;
  g_autofree char *new_text = NULL;
  int hour = -1, minute = -1;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(LotseRecurrence) parsed = parse_rule (cases[i].rule);
      LotseRecurrencePattern pattern;
      gboolean simple = lotse_recurrence_get_pattern (parsed, &pattern);

      g_test_message ("%s", cases[i].rule);
      g_assert_cmpint (simple, ==, cases[i].pattern.kind != LOTSE_RECURRENCE_OTHER);
      g_assert_cmpint (pattern.kind, ==, cases[i].pattern.kind);
      g_assert_cmpuint (pattern.interval, ==, cases[i].pattern.interval);
      if (simple)
        {
          g_assert_cmpint (pattern.weekday, ==, cases[i].pattern.weekday);
          g_assert_cmpint (pattern.month_day, ==, cases[i].pattern.month_day);
          g_assert_cmpint (pattern.nth, ==, cases[i].pattern.nth);
        }
    }

  rule = parse_rule ("FREQ=WEEKLY;INTERVAL=2;BYDAY=TU;BYHOUR=9;BYMINUTE=30;TZID=Europe/Vienna");
  lotse_recurrence_set_pattern (rule, &first_wednesday);
  changed = lotse_recurrence_to_string (rule);
  g_assert_cmpstr (changed, ==, "FREQ=MONTHLY;BYDAY=1WE;BYHOUR=9;BYMINUTE=30;TZID=Europe/Vienna");
  g_assert_true (lotse_recurrence_get_time_of_day (rule, &hour, &minute));
  g_assert_cmpint (hour, ==, 9);
  g_assert_cmpint (minute, ==, 30);

  built = lotse_recurrence_new (&biweekly);
  new_text = lotse_recurrence_to_string (built);
  g_assert_cmpstr (new_text, ==, "FREQ=WEEKLY;INTERVAL=2;BYDAY=TH");
  g_assert_false (lotse_recurrence_get_time_of_day (built, &hour, &minute));
}

/* The zone of the meetings: the rule's TZID, else the office's. */
static void
test_time_zone (void)
{
  g_autoptr(LotseRecurrence) own = parse_rule ("FREQ=WEEKLY;TZID=America/New_York");
  g_autoptr(LotseRecurrence) office = parse_rule ("FREQ=WEEKLY");
  g_autoptr(GTimeZone) vienna = g_time_zone_new_identifier ("Europe/Vienna");
  g_autoptr(GTimeZone) a = lotse_recurrence_get_time_zone (own, vienna);
  g_autoptr(GTimeZone) b = lotse_recurrence_get_time_zone (office, vienna);

  g_assert_cmpstr (g_time_zone_get_identifier (a), ==, "America/New_York");
  g_assert_cmpstr (g_time_zone_get_identifier (b), ==, "Europe/Vienna");
}

int
main (int    argc,
      char **argv)
{
  /* The machine's zone is not the office's: results must not depend on it. */
  g_setenv ("TZ", "Asia/Tokyo", TRUE);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/recurrence/validate", test_validate);
  g_test_add_func ("/recurrence/bad-rules-say-why", test_bad_rules_say_why);
  g_test_add_func ("/recurrence/next", test_next);
  g_test_add_func ("/recurrence/dst-berlin", test_dst_berlin);
  g_test_add_func ("/recurrence/missing-days", test_missing_days);
  g_test_add_func ("/recurrence/biweekly-anchor", test_biweekly_anchor);
  g_test_add_func ("/recurrence/describe", test_describe);
  g_test_add_func ("/recurrence/to-rrule", test_to_rrule);
  g_test_add_func ("/recurrence/to-string", test_to_string);
  g_test_add_func ("/recurrence/pattern", test_pattern);
  g_test_add_func ("/recurrence/time-zone", test_time_zone);

  return g_test_run ();
}
