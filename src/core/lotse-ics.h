/* lotse-ics.h: iCalendar export of meetings and meeting series
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "lotse-store.h"

G_BEGIN_DECLS

typedef struct _LotseIcsFeed LotseIcsFeed;

LotseIcsFeed *lotse_ics_feed_new        (LotseStore    *store);
void          lotse_ics_feed_free       (LotseIcsFeed  *self);
char         *lotse_ics_feed_write      (LotseIcsFeed  *self,
                                         GPtrArray     *meetings,
                                         GError       **error);
GHashTable   *lotse_ics_feed_get_events (LotseIcsFeed  *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LotseIcsFeed, lotse_ics_feed_free)

char     *lotse_ics_meeting_to_string (LotseStore   *store,
                                       const char   *meeting_id,
                                       GError      **error);
char     *lotse_ics_meetings_to_string (LotseStore  *store,
                                       GPtrArray    *meetings,
                                       GError      **error);
char     *lotse_ics_series_to_string  (LotseStore   *store,
                                       const char   *series_id,
                                       GError      **error);
gboolean  lotse_ics_export_meeting    (LotseStore   *store,
                                       const char   *meeting_id,
                                       const char   *path,
                                       GError      **error);
gboolean  lotse_ics_export_series     (LotseStore   *store,
                                       const char   *series_id,
                                       const char   *path,
                                       GError      **error);

G_END_DECLS
