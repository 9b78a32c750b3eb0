/* lotse-recurrence.h: how a meeting series repeats
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A recurrence (meeting_series.recurrence) is a one-line subset of an
 * iCalendar RRULE (RFC 5545), parts separated by “;”, names in any case:
 *
 *   FREQ=WEEKLY|MONTHLY     required
 *   INTERVAL=N              every N weeks/months, 1–99 (default 1)
 *   BYDAY=TU[,TH…]          WEEKLY: the weekdays (MO TU WE TH FR SA SU)
 *   BYDAY=1WE | -1FR | TU   MONTHLY: the nth weekday (1–5, or -1…-5 counted
 *                           from the end of the month), or every such weekday
 *   BYMONTHDAY=15[,-1…]     MONTHLY: days of the month (1–31, -1 = last day);
 *                           months without that day are skipped, as in RFC 5545
 *   BYHOUR=10;BYMINUTE=30   optional: the time of day of the meetings
 *   TZID=Europe/Berlin      optional, Lotse’s own part: the zone of that time
 *                           (default: the office’s zone, see lotse-office.h,
 *                           never the zone of the machine); it becomes
 *                           DTSTART’s TZID in iCalendar, not part of the RRULE
 *
 * Examples: “FREQ=WEEKLY;INTERVAL=2;BYDAY=TU” (every other Tuesday),
 * “FREQ=MONTHLY;BYMONTHDAY=15”, “FREQ=MONTHLY;BYDAY=1WE” (first Wednesday),
 * “FREQ=MONTHLY;INTERVAL=3;BYDAY=1TH” (quarterly), “FREQ=MONTHLY;BYDAY=-1FR”.
 * A leading “RRULE:” is accepted. Weeks start on Monday (WKST=MO). WEEKLY
 * without BYDAY repeats the weekday of the date it steps from, MONTHLY
 * without BYDAY and BYMONTHDAY its day of the month; with both, a day must
 * match both. A month without the day asked for (the 31st, a fifth
 * Friday) has no meeting; the next month that has it does.
 *
 * Dates are stepped in the series’ zone on the wall clock: a 10:00 meeting
 * stays at 10:00 across daylight saving time. INTERVAL counts from the
 * week or month of the date stepped from, so a series keeps its rhythm
 * from its last meeting.
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define LOTSE_TYPE_RECURRENCE (lotse_recurrence_get_type ())

typedef struct _LotseRecurrence LotseRecurrence;

/* The shapes of recurrence a person picks from (the series editor); every
 * other valid rule is LOTSE_RECURRENCE_OTHER. */
typedef enum
{
  LOTSE_RECURRENCE_OTHER,
  LOTSE_RECURRENCE_WEEKLY,           /* every interval weeks on weekday */
  LOTSE_RECURRENCE_MONTHLY_DAY,      /* every interval months on month_day */
  LOTSE_RECURRENCE_MONTHLY_WEEKDAY,  /* every interval months on the nth weekday */
} LotseRecurrenceKind;

typedef struct
{
  LotseRecurrenceKind kind;
  guint               interval;   /* 1–99 */
  GDateWeekday        weekday;    /* WEEKLY, MONTHLY_WEEKDAY */
  int                 month_day;  /* MONTHLY_DAY: 1–31, or -1 for the last day */
  int                 nth;        /* MONTHLY_WEEKDAY: 1–5, or -1…-5 from the end */
} LotseRecurrencePattern;

GType             lotse_recurrence_get_type        (void) G_GNUC_CONST;

LotseRecurrence  *lotse_recurrence_parse           (const char                   *text,
                                                    GError                      **error);
LotseRecurrence  *lotse_recurrence_new             (const LotseRecurrencePattern *pattern);
LotseRecurrence  *lotse_recurrence_copy            (const LotseRecurrence        *self);
void              lotse_recurrence_free            (LotseRecurrence              *self);
gboolean          lotse_recurrence_validate        (const char                   *text,
                                                    GError                      **error);

gboolean          lotse_recurrence_get_pattern     (const LotseRecurrence        *self,
                                                    LotseRecurrencePattern       *out_pattern);
void              lotse_recurrence_set_pattern     (LotseRecurrence              *self,
                                                    const LotseRecurrencePattern *pattern);
gboolean          lotse_recurrence_get_time_of_day (const LotseRecurrence        *self,
                                                    int                          *out_hour,
                                                    int                          *out_minute);
GTimeZone        *lotse_recurrence_get_time_zone   (const LotseRecurrence        *self,
                                                    GTimeZone                    *office_zone);

char             *lotse_recurrence_to_string       (const LotseRecurrence        *self);
char             *lotse_recurrence_to_rrule        (const LotseRecurrence        *self);
char             *lotse_recurrence_describe        (const LotseRecurrence        *self);

GDateTime        *lotse_recurrence_next_after      (const LotseRecurrence        *self,
                                                    GTimeZone                    *office_zone,
                                                    GDateTime                    *after,
                                                    GError                      **error);
GDateTime        *lotse_recurrence_first_after     (const LotseRecurrence        *self,
                                                    GTimeZone                    *office_zone,
                                                    GDateTime                    *after,
                                                    int                           hour,
                                                    int                           minute,
                                                    GError                      **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LotseRecurrence, lotse_recurrence_free)

G_END_DECLS
