/* lotse-demo-calendar.h: the demo's dates, moved to the day it is loaded
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _LotseDemoCalendar LotseDemoCalendar;

/* Where the problem is one of the data, the functions below set @problem,
 * a sentence for the loader to say which row has it, and leave @error. */

LotseDemoCalendar *lotse_demo_calendar_new           (const char         *written,
                                                      GTimeZone          *zone,
                                                      const char         *load_day,
                                                      GError            **error);
void               lotse_demo_calendar_free          (LotseDemoCalendar  *calendar);

gboolean           lotse_demo_calendar_place_meeting (LotseDemoCalendar  *calendar,
                                                      const char         *key,
                                                      const char         *starts_at,
                                                      const char         *recurrence,
                                                      char              **problem,
                                                      GError            **error);
int                lotse_demo_calendar_get_shift     (LotseDemoCalendar  *calendar,
                                                      const char         *meeting);
char              *lotse_demo_calendar_get_start     (LotseDemoCalendar  *calendar,
                                                      const char         *meeting);

char              *lotse_demo_calendar_move_date     (LotseDemoCalendar  *calendar,
                                                      const char         *date,
                                                      int                 shift,
                                                      char              **problem,
                                                      GError            **error);
char              *lotse_demo_calendar_move_time     (LotseDemoCalendar  *calendar,
                                                      const char         *time,
                                                      int                 shift,
                                                      char              **problem,
                                                      GError            **error);
char              *lotse_demo_calendar_render        (LotseDemoCalendar  *calendar,
                                                      const char         *text,
                                                      int                 shift,
                                                      char              **problem,
                                                      GError            **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LotseDemoCalendar, lotse_demo_calendar_free)

G_END_DECLS
