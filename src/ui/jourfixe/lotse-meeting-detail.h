/* lotse-meeting-detail.h: one meeting: its data, agenda, participants and minutes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "lotse-agenda-row.h"
#include "lotse-date-entry.h"
#include "lotse-jourfixe-catalog.h"

G_BEGIN_DECLS

#define LOTSE_TYPE_MEETING_DETAIL (lotse_meeting_detail_get_type ())

G_DECLARE_FINAL_TYPE (LotseMeetingDetail, lotse_meeting_detail, LOTSE, MEETING_DETAIL, GtkWidget)

void            lotse_meeting_detail_set_catalog     (LotseMeetingDetail   *self,
                                                      LotseJourfixeCatalog *catalog);
void            lotse_meeting_detail_set_meeting     (LotseMeetingDetail   *self,
                                                      const char           *meeting_id);
const char     *lotse_meeting_detail_get_meeting_id  (LotseMeetingDetail   *self);
void            lotse_meeting_detail_set_details_expanded (LotseMeetingDetail *self,
                                                      gboolean              expanded);
gboolean        lotse_meeting_detail_get_minutes     (LotseMeetingDetail   *self);
void            lotse_meeting_detail_set_minutes     (LotseMeetingDetail   *self,
                                                      gboolean              minutes);
gboolean        lotse_meeting_detail_focus_item      (LotseMeetingDetail   *self,
                                                      const char           *item_id);

/* For the tests */
guint           lotse_meeting_detail_get_n_items     (LotseMeetingDetail   *self);
LotseAgendaRow *lotse_meeting_detail_get_row         (LotseMeetingDetail   *self,
                                                      guint                 index);
const char     *lotse_meeting_detail_get_total_text  (LotseMeetingDetail   *self);
const char     *lotse_meeting_detail_get_overrun_text (LotseMeetingDetail  *self);
gboolean        lotse_meeting_detail_get_overrun_shown (LotseMeetingDetail *self);
GMenuModel     *lotse_meeting_detail_get_menu        (LotseMeetingDetail   *self);
AdwEntryRow    *lotse_meeting_detail_get_title_row   (LotseMeetingDetail   *self);
LotseDateEntry *lotse_meeting_detail_get_date_entry  (LotseMeetingDetail   *self);
AdwEntryRow    *lotse_meeting_detail_get_time_row    (LotseMeetingDetail   *self);
const char     *lotse_meeting_detail_get_heading     (LotseMeetingDetail   *self);
const char     *lotse_meeting_detail_get_summary     (LotseMeetingDetail   *self);
GtkRevealer    *lotse_meeting_detail_get_held_banner (LotseMeetingDetail   *self);
GtkDropDown    *lotse_meeting_detail_get_person_dropdown (LotseMeetingDetail *self);
GtkListBox     *lotse_meeting_detail_get_participants_list (LotseMeetingDetail *self);
GtkEditable    *lotse_meeting_detail_get_approver_entry (LotseMeetingDetail *self);
GtkButton      *lotse_meeting_detail_get_approve_button (LotseMeetingDetail *self);
const char     *lotse_meeting_detail_get_approval_text (LotseMeetingDetail *self);

/* For the tests: the clock of minutes mode */
void            lotse_meeting_detail_set_now_func    (LotseMeetingDetail   *self,
                                                      gint64              (*now_func) (void));
const char     *lotse_meeting_detail_get_meeting_clock_text (LotseMeetingDetail *self);

G_END_DECLS
