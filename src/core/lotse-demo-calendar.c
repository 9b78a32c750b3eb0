/* lotse-demo-calendar.c: the demo's dates, moved to the day it is loaded
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Carries out the rules for dates described at the top of lotse-demo.c:
 * every date moves by the same whole number of weeks, a meeting of a
 * series with a recurrence keeps its place in the series' rhythm, and the
 * placeholders in texts name the moved dates.
 */

#define G_LOG_DOMAIN "lotse-demo"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "lotse-demo-calendar.h"
#include "lotse-error.h"
#include "lotse-meeting.h"
#include "lotse-office.h"
#include "lotse-schema.h"

/* 9999-12-31, the last day a stored date can have */
#define LAST_JULIAN_DAY 3652059

/* Where a meeting of the data is placed around the load day. */
typedef struct
{
  GDateTime *starts_at;
  /* the days it moved, and with it the rows of the meeting */
  int        shift;
} Placement;

static void
placement_free (Placement *placement)
{
  g_clear_pointer (&placement->starts_at, g_date_time_unref);
  g_free (placement);
}

struct _LotseDemoCalendar
{
  GTimeZone  *zone;
  char       *load_day;
  /* Julian days of the data's "today" and of the load day */
  guint32     written;
  guint32     loaded;
  /* the days every date moves, a whole number of weeks */
  int         shift;
  /* meeting key → Placement */
  GHashTable *placements;
};

/* --- dates --------------------------------------------------------------- */

static gboolean
range_error (LotseDemoCalendar  *calendar,
             GError            **error)
{
  /* Translators: %s is a date like 2026-11-22 */
  g_set_error (error, LOTSE_ERROR, LOTSE_ERROR_INVALID_VALUE,
               _("The demo cannot be loaded as of %s: its dates would lie outside the years "
                 "1 to 9999"),
               calendar->load_day);
  return FALSE;
}

/* Reads a date the way the schema stores one, YYYY-MM-DD, as a Julian day. */
static gboolean
read_date (const char *text,
           guint32    *julian)
{
  const LotseField *date_field =
    lotse_table_lookup_field (lotse_schema_lookup_table ("programme"), "start_date");
  g_autofree char *valid = text != NULL ? lotse_field_normalize (date_field, text, NULL) : NULL;
  GDate date;

  if (valid == NULL)
    return FALSE;

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, (GDateDay) g_ascii_strtoull (text + 8, NULL, 10),
                  (GDateMonth) g_ascii_strtoull (text + 5, NULL, 10),
                  (GDateYear) g_ascii_strtoull (text, NULL, 10));
  *julian = g_date_get_julian (&date);

  return TRUE;
}

static void
julian_to_date (guint32  julian,
                GDate   *date)
{
  g_date_clear (date, 1);
  g_date_set_julian (date, julian);
}

static char *
format_date (guint32 julian)
{
  GDate date;

  julian_to_date (julian, &date);

  return g_strdup_printf ("%04u-%02u-%02u", g_date_get_year (&date), g_date_get_month (&date),
                          g_date_get_day (&date));
}

static gboolean
move_day (LotseDemoCalendar  *calendar,
          guint32             julian,
          int                 days,
          guint32            *moved,
          GError            **error)
{
  gint64 day = (gint64) julian + days;

  if (day < 1 || day > LAST_JULIAN_DAY)
    return range_error (calendar, error);

  *moved = (guint32) day;
  return TRUE;
}

/* The day of @time where it was given: a time of the data as written, or
 * one in the office's zone. */
static guint32
day_of (GDateTime *time)
{
  GDate date;
  int year, month, day;

  g_date_time_get_ymd (time, &year, &month, &day);
  g_date_clear (&date, 1);
  g_date_set_dmy (&date, (GDateDay) day, (GDateMonth) month, (GDateYear) year);

  return g_date_get_julian (&date);
}

/* The wall-clock time of @time as written, in the office's zone on day
 * @julian: the data's 10:00 stays 10:00, in Berlin or wherever the office is. */
static GDateTime *
time_on_day (LotseDemoCalendar *calendar,
             GDateTime         *time,
             guint32            julian)
{
  GDate date;

  julian_to_date (julian, &date);

  return g_date_time_new (calendar->zone, g_date_get_year (&date), g_date_get_month (&date),
                          g_date_get_day (&date), g_date_time_get_hour (time),
                          g_date_time_get_minute (time), g_date_time_get_second (time));
}

/* --- meetings ------------------------------------------------------------ */

/* The days a series can meet on: its recurrence without INTERVAL, so that
 * every such day counts as a step, and without TZID, so that the days are
 * those of the office's zone, as the meetings' times are. */
static LotseRecord *
rhythm_new (const char *recurrence)
{
  g_auto(GStrv) parts = g_strsplit (recurrence, ";", -1);
  g_autoptr(GStrvBuilder) kept = g_strv_builder_new ();
  g_auto(GStrv) rule = NULL;
  g_autofree char *text = NULL;
  LotseRecord *rhythm = lotse_record_new_for_table ("meeting_series");

  for (guint i = 0; parts[i] != NULL; i++)
    {
      if (g_ascii_strncasecmp (parts[i], "INTERVAL=", 9) != 0 &&
          g_ascii_strncasecmp (parts[i], "TZID=", 5) != 0)
        g_strv_builder_add (kept, parts[i]);
    }
  rule = g_strv_builder_end (kept);
  text = g_strjoinv (";", rule);
  lotse_record_set (rhythm, "recurrence", text);

  return rhythm;
}

/* The first day of @rhythm after day @julian. */
static gboolean
rhythm_next (LotseDemoCalendar  *calendar,
             LotseRecord        *rhythm,
             guint32             julian,
             guint32            *next,
             GError            **error)
{
  g_autoptr(GDateTime) after = NULL;
  g_autoptr(GDateTime) occurrence = NULL;
  GDate date;

  julian_to_date (julian, &date);
  after = g_date_time_new (calendar->zone, g_date_get_year (&date), g_date_get_month (&date),
                           g_date_get_day (&date), 23, 59, 59);
  if (after == NULL)
    return range_error (calendar, error);

  /* The recurrence is valid: without an occurrence the rhythm ran past
   * the last day a date can have. */
  occurrence = lotse_meeting_series_next_occurrence (rhythm, calendar->zone, after, NULL);
  if (occurrence == NULL)
    return range_error (calendar, error);

  *next = day_of (occurrence);
  return TRUE;
}

/* How many days of @rhythm lie from @from up to @to; @on_rhythm says
 * whether both are days of @rhythm. */
static gboolean
count_steps (LotseDemoCalendar  *calendar,
             LotseRecord        *rhythm,
             guint32             from,
             guint32             to,
             guint              *steps,
             gboolean           *on_rhythm,
             GError            **error)
{
  guint32 first, day;

  *steps = 0;
  if (from < 2)
    return range_error (calendar, error);
  if (!rhythm_next (calendar, rhythm, from - 1, &first, error))
    return FALSE;

  for (day = first; day < to; (*steps)++)
    {
      if (!rhythm_next (calendar, rhythm, day, &day, error))
        return FALSE;
    }

  *on_rhythm = first == from && day == to;
  return TRUE;
}

/* The day @steps days of @rhythm after day @from, which is one. */
static gboolean
step_forward (LotseDemoCalendar  *calendar,
              LotseRecord        *rhythm,
              guint32             from,
              guint               steps,
              guint32            *day,
              GError            **error)
{
  *day = from;
  for (guint i = 0; i < steps; i++)
    {
      if (!rhythm_next (calendar, rhythm, *day, day, error))
        return FALSE;
    }

  return TRUE;
}

/* The day @steps days of @rhythm before day @to. @span, the days the steps
 * took in the data, bounds how far back to look: twice as far and a year
 * more, as a monthly rhythm like 5FR is not equally dense every year. */
static gboolean
step_back (LotseDemoCalendar  *calendar,
           LotseRecord        *rhythm,
           guint32             to,
           guint               steps,
           guint32             span,
           guint32            *day,
           gboolean           *found,
           GError            **error)
{
  g_autoptr(GArray) days = g_array_new (FALSE, FALSE, sizeof (guint32));
  gint64 start = (gint64) to - 2 * (gint64) span - 366;
  guint32 next;

  *found = FALSE;
  if (start < 2)
    return range_error (calendar, error);

  for (next = (guint32) start - 1; ; g_array_append_val (days, next))
    {
      if (!rhythm_next (calendar, rhythm, next, &next, error))
        return FALSE;
      if (next >= to)
        break;
    }

  *found = steps > 0 && days->len >= steps;
  if (*found)
    *day = g_array_index (days, guint32, days->len - steps);
  return TRUE;
}

/* Moves the day of a meeting of a series with @recurrence to the day with
 * the same place in the series' rhythm, counted from the rhythm's first
 * day after the data's "today" then and after the load day now. */
static gboolean
place_on_rhythm (LotseDemoCalendar  *calendar,
                 const char         *recurrence,
                 guint32             day,
                 guint32            *placed,
                 gboolean           *on_rhythm,
                 GError            **error)
{
  g_autoptr(LotseRecord) rhythm = rhythm_new (recurrence);
  guint32 first_then, first_now;
  guint steps;

  if (!rhythm_next (calendar, rhythm, calendar->written, &first_then, error) ||
      !rhythm_next (calendar, rhythm, calendar->loaded, &first_now, error))
    return FALSE;

  if (day >= first_then)
    return count_steps (calendar, rhythm, first_then, day, &steps, on_rhythm, error) &&
           (!*on_rhythm || step_forward (calendar, rhythm, first_now, steps, placed, error));

  if (!count_steps (calendar, rhythm, day, first_then, &steps, on_rhythm, error))
    return FALSE;

  return !*on_rhythm ||
         step_back (calendar, rhythm, first_now, steps, first_then - day, placed, on_rhythm, error);
}

/* --- texts --------------------------------------------------------------- */

/* The data's texts are German: content, not user interface. */
static const char * const month_names[] = {
  NULL, "Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September",
  "Oktober", "November", "Dezember",
};

static void
append_date (GString    *out,
             const char *format,
             guint32     julian,
             gboolean   *known)
{
  GDate date;
  guint day, month, year;

  julian_to_date (julian, &date);
  day = g_date_get_day (&date);
  month = g_date_get_month (&date);
  year = g_date_get_year (&date);

  /* The month whose last day is nearest: the previous one early in a month. */
  if (g_str_equal (format, "month_end") && day < g_date_get_days_in_month (month, year) - day)
    month = month == 1 ? 12 : month - 1;

  *known = TRUE;
  if (g_str_equal (format, "date"))
    g_string_append_printf (out, "%02u.%02u.%04u", day, month, year);
  else if (g_str_equal (format, "day"))
    g_string_append_printf (out, "%02u.%02u.", day, month);
  else if (g_str_equal (format, "month") || g_str_equal (format, "month_end"))
    g_string_append (out, month_names[month]);
  else if (g_str_equal (format, "month_year"))
    g_string_append_printf (out, "%s %u", month_names[month], year);
  else if (g_str_equal (format, "year"))
    g_string_append_printf (out, "%u", year);
  else
    *known = FALSE;
}

/* Appends the date that @placeholder, FORMAT:DATE or FORMAT:MEETING, names. */
static gboolean
append_placeholder (LotseDemoCalendar  *calendar,
                    GString            *out,
                    const char         *placeholder,
                    int                 shift,
                    gboolean           *known,
                    GError            **error)
{
  g_auto(GStrv) parts = g_strsplit (placeholder, ":", 2);
  Placement *placement;
  guint32 julian;

  *known = FALSE;
  if (g_strv_length (parts) != 2)
    return TRUE;

  if (read_date (parts[1], &julian))
    {
      if (!move_day (calendar, julian, shift, &julian, error))
        return FALSE;
    }
  else if ((placement = g_hash_table_lookup (calendar->placements, parts[1])) != NULL)
    {
      julian = day_of (placement->starts_at);
    }
  else
    {
      return TRUE;
    }

  append_date (out, parts[0], julian, known);
  return TRUE;
}

/**
 * lotse_demo_calendar_render:
 * @calendar: a calendar
 * @text: a text of the data
 * @shift: the days the dates of its row move
 * @problem: (out): what is wrong with the data
 * @error: a location for a #GError
 *
 * Returns: (transfer full) (nullable): @text with the dates its
 *   placeholders name
 */
char *
lotse_demo_calendar_render (LotseDemoCalendar  *calendar,
                            const char         *text,
                            int                 shift,
                            char              **problem,
                            GError            **error)
{
  g_autoptr(GString) out = g_string_new (NULL);
  const char *rest = text;
  const char *open;

  while ((open = strstr (rest, "{{")) != NULL)
    {
      const char *close = strstr (open, "}}");
      g_autofree char *placeholder = close != NULL ? g_strndup (open + 2, close - open - 2) : NULL;
      gboolean known = FALSE;

      g_string_append_len (out, rest, open - rest);
      if (placeholder != NULL &&
          !append_placeholder (calendar, out, placeholder, shift, &known, error))
        return NULL;

      if (!known)
        {
          g_autofree char *shown = g_strdup_printf ("{{%s}}", placeholder ? placeholder : "");

          /* Translators: %s is a placeholder in a text of the demo data */
          *problem = g_strdup_printf (_("“%s” is not a date like {{date:2026-11-19}} or "
                                        "{{month:jf_0901}}"), shown);
          return NULL;
        }
      rest = close + 2;
    }

  g_string_append (out, rest);
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* --- the calendar -------------------------------------------------------- */

static LotseDemoCalendar *
read_error (GError     **error,
            const char  *problem)
{
  /* Translators: %s says what is wrong */
  g_set_error (error, LOTSE_ERROR, LOTSE_ERROR_INVALID_VALUE,
               _("The demo data cannot be read: %s"), problem);
  return NULL;
}

/**
 * lotse_demo_calendar_new:
 * @written: the data's "today", YYYY-MM-DD
 * @zone: the office's zone, in which the meetings keep their times
 * @load_day: the day the demo is loaded, YYYY-MM-DD
 * @error: a location for a #GError
 *
 * Returns: (transfer full) (nullable): the calendar that moves the data's
 *   dates to @load_day, or %NULL with @error set
 */
LotseDemoCalendar *
lotse_demo_calendar_new (const char  *written,
                         GTimeZone   *zone,
                         const char  *load_day,
                         GError     **error)
{
  g_autoptr(LotseDemoCalendar) calendar = g_new0 (LotseDemoCalendar, 1);
  gint64 days;

  g_return_val_if_fail (zone != NULL, NULL);
  g_return_val_if_fail (load_day != NULL, NULL);

  calendar->zone = g_time_zone_ref (zone);
  calendar->load_day = g_strdup (load_day);
  calendar->placements = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                (GDestroyNotify) placement_free);

  if (!read_date (load_day, &calendar->loaded))
    {
      g_set_error (error, LOTSE_ERROR, LOTSE_ERROR_INVALID_VALUE,
                   _("“%s” is not a date like 2024-03-31"), load_day);
      return NULL;
    }

  if (!read_date (written, &calendar->written))
    return read_error (error, _("“today” is not a date like 2024-03-31"));

  /* Whole weeks, rounded up: the day after "today" moves to the first day
   * with its weekday on or after the load day. */
  days = (gint64) calendar->loaded - (gint64) calendar->written - 1;
  calendar->shift = (int) (days >= 0 ? (days + 6) / 7 * 7 : -(-days / 7 * 7));

  return g_steal_pointer (&calendar);
}

void
lotse_demo_calendar_free (LotseDemoCalendar *calendar)
{
  if (calendar == NULL)
    return;

  g_clear_pointer (&calendar->zone, g_time_zone_unref);
  g_clear_pointer (&calendar->placements, g_hash_table_unref);
  g_free (calendar->load_day);
  g_free (calendar);
}

/**
 * lotse_demo_calendar_place_meeting:
 * @calendar: a calendar
 * @key: the meeting's key
 * @starts_at: (nullable): its start as written
 * @recurrence: (nullable): the recurrence of its series
 * @problem: (out): what is wrong with the data
 * @error: a location for a #GError
 *
 * Places a meeting on its series' rhythm, or, without a recurrence, as
 * far as every date moves. A meeting without a start stays unplaced.
 *
 * Returns: %TRUE on success
 */
gboolean
lotse_demo_calendar_place_meeting (LotseDemoCalendar  *calendar,
                                   const char         *key,
                                   const char         *starts_at,
                                   const char         *recurrence,
                                   char              **problem,
                                   GError            **error)
{
  g_autoptr(GDateTime) time = NULL;
  g_autoptr(GError) invalid = NULL;
  Placement *placement;
  gboolean on_rhythm = TRUE;
  guint32 day, placed;

  if (starts_at == NULL)
    return TRUE;

  if (recurrence != NULL && !lotse_recurrence_validate (recurrence, &invalid))
    {
      *problem = g_strdup (invalid->message);
      return FALSE;
    }

  time = g_date_time_new_from_iso8601 (starts_at, NULL);
  if (time == NULL)
    {
      *problem = g_strdup (_("the field “starts_at” is not a date and time with zone"));
      return FALSE;
    }

  day = day_of (time);
  if (recurrence != NULL &&
      !place_on_rhythm (calendar, recurrence, day, &placed, &on_rhythm, error))
    return FALSE;
  if (!on_rhythm)
    {
      *problem = g_strdup (_("the meeting is not on its series’ rhythm"));
      return FALSE;
    }
  if (recurrence == NULL && !move_day (calendar, day, calendar->shift, &placed, error))
    return FALSE;

  placement = g_new0 (Placement, 1);
  placement->starts_at = time_on_day (calendar, time, placed);
  placement->shift = (int) placed - (int) day;
  g_hash_table_insert (calendar->placements, g_strdup (key), placement);

  return placement->starts_at != NULL || range_error (calendar, error);
}

/**
 * lotse_demo_calendar_get_shift:
 * @calendar: a calendar
 * @meeting: (nullable): the key of a meeting
 *
 * Returns: the days the dates of @meeting's rows move: as far as the
 *   meeting did, or as far as every date when there is no such meeting
 */
int
lotse_demo_calendar_get_shift (LotseDemoCalendar *calendar,
                               const char        *meeting)
{
  Placement *placement = meeting != NULL ? g_hash_table_lookup (calendar->placements, meeting)
                                         : NULL;

  return placement != NULL ? placement->shift : calendar->shift;
}

/**
 * lotse_demo_calendar_get_start:
 * @calendar: a calendar
 * @meeting: the key of a meeting
 *
 * Returns: (transfer full) (nullable): the placed start of @meeting as
 *   stored, or %NULL when it has none
 */
char *
lotse_demo_calendar_get_start (LotseDemoCalendar *calendar,
                               const char        *meeting)
{
  Placement *placement = g_hash_table_lookup (calendar->placements, meeting);

  return placement != NULL ? lotse_time_to_stored (placement->starts_at) : NULL;
}

/**
 * lotse_demo_calendar_move_date:
 * @calendar: a calendar
 * @date: a date as written, YYYY-MM-DD
 * @shift: the days it moves
 * @problem: (out): what is wrong with the data
 * @error: a location for a #GError
 *
 * Returns: (transfer full) (nullable): the moved date as stored
 */
char *
lotse_demo_calendar_move_date (LotseDemoCalendar  *calendar,
                               const char         *date,
                               int                 shift,
                               char              **problem,
                               GError            **error)
{
  guint32 day;

  if (!read_date (date, &day))
    {
      /* Translators: %s is a date of the demo data as written */
      *problem = g_strdup_printf (_("“%s” is not a date like 2024-03-31"), date);
      return NULL;
    }

  return move_day (calendar, day, shift, &day, error) ? format_date (day) : NULL;
}

/**
 * lotse_demo_calendar_move_time:
 * @calendar: a calendar
 * @time: a date and time as written, with its zone
 * @shift: the days it moves
 * @problem: (out): what is wrong with the data
 * @error: a location for a #GError
 *
 * Moves @time by @shift days at the same wall-clock time in the data's zone.
 *
 * Returns: (transfer full) (nullable): the moved time as stored
 */
char *
lotse_demo_calendar_move_time (LotseDemoCalendar  *calendar,
                               const char         *time,
                               int                 shift,
                               char              **problem,
                               GError            **error)
{
  g_autoptr(GDateTime) written = g_date_time_new_from_iso8601 (time, NULL);
  g_autoptr(GDateTime) moved = NULL;
  guint32 day;

  if (written == NULL)
    {
      /* Translators: %s is a date and time of the demo data as written */
      *problem = g_strdup_printf (_("“%s” is not a date and time with zone"), time);
      return NULL;
    }

  if (!move_day (calendar, day_of (written), shift, &day, error))
    return NULL;

  moved = time_on_day (calendar, written, day);
  if (moved == NULL)
    return range_error (calendar, error), NULL;

  return lotse_time_to_stored (moved);
}
