/* lotse-meeting-list.h: the meetings, grouped by series, newest first
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "lotse-core.h"

G_BEGIN_DECLS

#define LOTSE_TYPE_MEETING_LIST (lotse_meeting_list_get_type ())

G_DECLARE_FINAL_TYPE (LotseMeetingList, lotse_meeting_list, LOTSE, MEETING_LIST, GObject)

LotseMeetingList *lotse_meeting_list_new          (LotseStore       *store);
void              lotse_meeting_list_reload       (LotseMeetingList *self);
const char       *lotse_meeting_list_get_heading  (LotseMeetingList *self,
                                                   guint             position);
guint             lotse_meeting_list_find         (LotseMeetingList *self,
                                                   const char       *id);
void              lotse_meeting_list_refresh_row  (LotseMeetingList *self,
                                                   const char       *id);

G_END_DECLS
