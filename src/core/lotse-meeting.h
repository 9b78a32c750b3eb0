/* lotse-meeting.h: meetings of a series and “prepare next meeting”
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * How a series repeats (meeting_series.recurrence) is lotse-recurrence.h.
 */

#pragma once

#include "lotse-recurrence.h"
#include "lotse-store.h"

G_BEGIN_DECLS

/* The time of day of a series' first meeting when its rule gives none. */
#define LOTSE_MEETING_DEFAULT_HOUR 10

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
