/* lotse-meeting.h: meeting series recurrence and “prepare next meeting”
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Recurrence (meeting_series.recurrence) is a one-line subset of an
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
 * without BYDAY repeats the weekday of the previous meeting, MONTHLY without
 * BYDAY and BYMONTHDAY its day of the month; with both, a day must match both.
 *
 * The time of day of a new meeting is BYHOUR/BYMINUTE when given, else the
 * wall-clock time of the series’ last meeting in the series’ zone (so a
 * 10:00 meeting stays at 10:00 across daylight saving time), else 10:00.
 * INTERVAL counts from the series’ last meeting.
 */

#pragma once

#include "lotse-store.h"

G_BEGIN_DECLS

gboolean     lotse_recurrence_validate              (const char   *recurrence,
                                                     GError      **error);
char        *lotse_recurrence_describe              (const char   *recurrence);
char        *lotse_recurrence_to_rrule              (const char   *recurrence,
                                                     GError      **error);
GTimeZone   *lotse_recurrence_get_timezone          (const char   *recurrence,
                                                     GTimeZone    *office_zone);

GDateTime   *lotse_meeting_series_next_occurrence   (LotseRecord  *series,
                                                     GTimeZone    *office_zone,
                                                     GDateTime    *after,
                                                     GError      **error);

LotseRecord *lotse_meeting_prepare_next             (LotseStore   *store,
                                                     const char   *series_id,
                                                     const char   *date,
                                                     GError      **error);
LotseRecord *lotse_meeting_prepare_next_at          (LotseStore   *store,
                                                     const char   *series_id,
                                                     const char   *date,
                                                     GDateTime    *now,
                                                     GError      **error);

GPtrArray   *lotse_meeting_list_agenda              (LotseStore   *store,
                                                     const char   *meeting_id,
                                                     GError      **error);
GPtrArray   *lotse_meeting_list_participants        (LotseStore   *store,
                                                     const char   *meeting_id,
                                                     GError      **error);
GPtrArray   *lotse_meeting_agenda_start_times       (LotseRecord  *meeting,
                                                     GPtrArray    *agenda,
                                                     GTimeZone    *zone);
char        *lotse_meeting_get_date                 (LotseRecord  *meeting,
                                                     GTimeZone    *zone);
char        *lotse_meeting_format_title             (LotseRecord  *meeting,
                                                     const char   *series_title,
                                                     GTimeZone    *zone);

G_END_DECLS
