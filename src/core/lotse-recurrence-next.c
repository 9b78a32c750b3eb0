/* lotse-recurrence-next.c: the dates a meeting series meets on
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Dates are stepped on the wall clock of the series’ zone and only then
 * turned into times, so daylight saving time moves the offset of a
 * meeting, never its hour.
 */

#define G_LOG_DOMAIN "lotse-recurrence"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "lotse-error.h"
#include "lotse-recurrence-private.h"

#define MAX_PERIODS  1200  /* 100 years of months, 23 years of weeks */
#define LAST_YEAR    9999

/* Marks in @days (index 1…31) the days of @month that the rule picks. */
static void
monthly_candidates (const LotseRecurrence *self,
                    GDateYear              year,
                    GDateMonth             month,
                    GDateDay               default_day,
                    gboolean               days[32])
{
  guint8 n_days = g_date_get_days_in_month (month, year);
  gboolean by_monthday[32] = { FALSE, };
  gboolean by_weekday[32] = { FALSE, };
  g_autoptr(GDate) first = g_date_new_dmy (1, month, year);
  GDateWeekday first_weekday = g_date_get_weekday (first);

  for (guint i = 0; i < self->n_bymonthday; i++)
    {
      int day = self->bymonthday[i] > 0 ? self->bymonthday[i] : n_days + 1 + self->bymonthday[i];

      if (day >= 1 && day <= n_days)
        by_monthday[day] = TRUE;
    }

  for (guint i = 0; i < self->n_byday; i++)
    {
      const LotseByDay *by = &self->byday[i];
      int first_day = 1 + ((int) by->weekday - (int) first_weekday + 7) % 7;
      int last_day = first_day + 7 * ((n_days - first_day) / 7);
      int day = by->ordinal > 0 ? first_day + 7 * (by->ordinal - 1)
                                : last_day + 7 * (by->ordinal + 1);

      for (int d = first_day; by->ordinal == 0 && d <= n_days; d += 7)
        by_weekday[d] = TRUE;
      /* The fifth weekday of a month that has four is no day. */
      if (by->ordinal != 0 && day >= 1 && day <= n_days)
        by_weekday[day] = TRUE;
    }

  for (int day = 1; day <= 31; day++)
    {
      if (day > n_days)
        days[day] = FALSE;
      else if (self->n_byday > 0 && self->n_bymonthday > 0)
        days[day] = by_weekday[day] && by_monthday[day];
      else if (self->n_byday > 0)
        days[day] = by_weekday[day];
      else if (self->n_bymonthday > 0)
        days[day] = by_monthday[day];
      else
        days[day] = day == default_day;
    }
}

/* Where and when to step from, and to what time of day. */
typedef struct
{
  GTimeZone *zone;
  GDateTime *after;
  GDate     *date;    /* @after's day in @zone */
  guint      interval;
  int        hour;
  int        minute;
} Step;

/* The first candidate of @day later than the step's start. */
static GDateTime *
candidate_after (const Step *step,
                 GDateYear   year,
                 GDateMonth  month,
                 GDateDay    day)
{
  g_autoptr(GDateTime) candidate = g_date_time_new (step->zone, year, month, day,
                                                    step->hour, step->minute, 0);

  if (candidate != NULL && g_date_time_compare (candidate, step->after) > 0)
    return g_steal_pointer (&candidate);

  return NULL;
}

static GDateTime *
weekly_next (const LotseRecurrence *self,
             const Step            *step)
{
  guint32 after_julian = g_date_get_julian (step->date);
  GDateWeekday after_weekday = g_date_get_weekday (step->date);
  gboolean weekdays[8] = { FALSE, };

  if (self->n_byday == 0)
    weekdays[after_weekday] = TRUE;
  for (guint i = 0; i < self->n_byday; i++)
    weekdays[self->byday[i].weekday] = TRUE;

  for (guint period = 0; period < MAX_PERIODS; period++)
    {
      guint32 monday = after_julian - (after_weekday - 1) + 7 * step->interval * period;

      for (guint weekday = 1; weekday <= 7; weekday++)
        {
          guint32 julian = monday + weekday - 1;
          g_autoptr(GDate) day = NULL;
          GDateTime *found;

          if (!weekdays[weekday] || julian < after_julian || !g_date_valid_julian (julian))
            continue;

          day = g_date_new_julian (julian);
          if (g_date_get_year (day) > LAST_YEAR)
            return NULL;
          found = candidate_after (step, g_date_get_year (day), g_date_get_month (day),
                                   g_date_get_day (day));
          if (found != NULL)
            return found;
        }
    }

  return NULL;
}

static GDateTime *
monthly_next (const LotseRecurrence *self,
              const Step            *step)
{
  for (guint period = 0; period < MAX_PERIODS; period++)
    {
      guint index = (guint) (g_date_get_month (step->date) - 1) + step->interval * period;
      GDateYear year = (GDateYear) (g_date_get_year (step->date) + index / 12);
      GDateMonth month = (GDateMonth) (index % 12 + 1);
      gboolean days[32];

      if (year > LAST_YEAR)
        return NULL;

      monthly_candidates (self, year, month, g_date_get_day (step->date), days);
      for (int day = 1; day <= 31; day++)
        {
          GDateTime *found = days[day] ? candidate_after (step, year, month, day) : NULL;

          if (found != NULL)
            return found;
        }
    }

  return NULL;
}

static GDateTime *
step_from (const LotseRecurrence  *self,
           GTimeZone              *office_zone,
           GDateTime              *after,
           guint                   interval,
           int                     hour,
           int                     minute,
           GError                **error)
{
  g_autoptr(GTimeZone) zone = lotse_recurrence_get_time_zone (self, office_zone);
  g_autoptr(GDateTime) local = g_date_time_to_timezone (after, zone);
  g_autoptr(GDate) date = g_date_new_dmy ((GDateDay) g_date_time_get_day_of_month (local),
                                          (GDateMonth) g_date_time_get_month (local),
                                          (GDateYear) g_date_time_get_year (local));
  Step step = { zone, after, date, interval, hour, minute };
  GDateTime *next;

  if (self->hour >= 0)
    {
      step.hour = self->hour;
      step.minute = self->minute;
    }

  next = self->freq == LOTSE_FREQ_WEEKLY ? weekly_next (self, &step) : monthly_next (self, &step);
  if (next == NULL)
    {
      g_autofree char *text = lotse_recurrence_to_string (self);

      g_set_error (error, LOTSE_ERROR, LOTSE_ERROR_INVALID_VALUE,
                   _("The recurrence “%s” has no further date"), text);
    }

  return next;
}

/**
 * lotse_recurrence_next_after:
 * @self: a rule
 * @office_zone: the office's zone, that of a rule without TZID
 * @after: the meeting (or time) to step from
 * @error: a location for a #GError
 *
 * Computes the next occurrence strictly after @after. INTERVAL counts
 * from the week or month of @after; the time of day is BYHOUR/BYMINUTE,
 * else that of @after on the wall clock of the series’ zone.
 *
 * Returns: (transfer full) (nullable): the occurrence in the series’ zone,
 *   or %NULL with @error set when there is none before the year 10000
 */
GDateTime *
lotse_recurrence_next_after (const LotseRecurrence  *self,
                             GTimeZone              *office_zone,
                             GDateTime              *after,
                             GError                **error)
{
  g_autoptr(GTimeZone) zone = NULL;
  g_autoptr(GDateTime) local = NULL;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (office_zone != NULL, NULL);
  g_return_val_if_fail (after != NULL, NULL);

  zone = lotse_recurrence_get_time_zone (self, office_zone);
  local = g_date_time_to_timezone (after, zone);

  return step_from (self, office_zone, after, self->interval, g_date_time_get_hour (local),
                    g_date_time_get_minute (local), error);
}

/**
 * lotse_recurrence_first_after:
 * @self: a rule
 * @office_zone: the office's zone, that of a rule without TZID
 * @after: a time, such as now
 * @hour: the time of day when @self gives none
 * @minute: its minute
 * @error: a location for a #GError
 *
 * Computes the first day @self picks strictly after @after, whatever its
 * INTERVAL: a series without meetings has no rhythm to keep yet.
 *
 * Returns: (transfer full) (nullable): the occurrence in the series’ zone,
 *   or %NULL with @error set when there is none before the year 10000
 */
GDateTime *
lotse_recurrence_first_after (const LotseRecurrence  *self,
                              GTimeZone              *office_zone,
                              GDateTime              *after,
                              int                     hour,
                              int                     minute,
                              GError                **error)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (office_zone != NULL, NULL);
  g_return_val_if_fail (after != NULL, NULL);
  g_return_val_if_fail (hour >= 0 && hour <= 23 && minute >= 0 && minute <= 59, NULL);

  return step_from (self, office_zone, after, 1, hour, minute, error);
}
