/* lotse-meeting-private.h: what preparing a meeting shares between the
 * choice of its date (lotse-meeting-prepare.c) and its draft agenda
 * (lotse-meeting-agenda.c)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "lotse-meeting.h"
#include "lotse-recurrence.h"

G_BEGIN_DECLS

typedef struct
{
  LotseRecord *record;
  GDateTime   *start;   /* in the series’ zone */
} LotseSeriesMeeting;

typedef struct
{
  LotseStore         *store;
  LotseRecord        *series;
  LotseRecurrence    *rule;           /* NULL for a series without recurrence */
  GTimeZone          *zone;           /* of the series’ wall-clock times */
  GDateTime          *now;
  GPtrArray          *meetings;       /* LotseSeriesMeeting, by start; those without start left out */

  LotseSeriesMeeting *target;         /* an existing meeting to fill, or NULL */
  GDateTime          *start;          /* of the meeting to prepare */
  char               *date;           /* its local date, YYYY-MM-DD */
  LotseSeriesMeeting *last_held;      /* the last held meeting before it */
  LotseSeriesMeeting *previous;       /* the last meeting before it not cancelled */
  char               *horizon;        /* milestones due before this date are listed */

  GPtrArray          *agenda;         /* new agenda items, in order */
  GHashTable         *carried_milestones;
} LotseMeetingPrep;

/* The day of @time on its own wall clock, YYYY-MM-DD. */
static inline char *
lotse_meeting_local_date (GDateTime *time)
{
  return g_date_time_format (time, "%Y-%m-%d");
}

gboolean lotse_meeting_row_alive    (LotseStore        *store,
                                     const char        *table,
                                     const char        *id);
void     lotse_meeting_split_standing_items (LotseRecord *series,
                                            GPtrArray   *opening,
                                            GPtrArray   *closing);
gboolean lotse_meeting_build_agenda (LotseMeetingPrep  *prep,
                                     GError           **error);

G_END_DECLS
