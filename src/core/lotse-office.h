/* lotse-office.h: the office's own data, and the times of the office
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * An office has one time zone (table “office”, synced with its data,
 * Europe/Berlin until someone sets another). Every time is stored with its
 * offset and shown, edited and exported in that zone, never in the zone of
 * the laptop that happens to show it.
 */

#pragma once

#include "lotse-store.h"

G_BEGIN_DECLS

LotseRecord *lotse_office_get               (LotseStore   *store,
                                             GError      **error);
gboolean     lotse_office_save              (LotseStore   *store,
                                             LotseRecord  *office,
                                             GError      **error);
GTimeZone   *lotse_office_get_time_zone     (LotseStore   *store);
char       **lotse_office_list_time_zones   (void);

GDateTime   *lotse_time_parse               (const char   *stored,
                                             GTimeZone    *zone);
char        *lotse_time_to_stored           (GDateTime    *time);
GDateTime   *lotse_time_new                 (GTimeZone    *zone,
                                             const char   *date,
                                             const char   *time_of_day,
                                             GError      **error);

G_END_DECLS
