/* lotse-meeting-detail-private.h: internals of the meeting detail, shared by its files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "lotse-attachment-list.h"
#include "lotse-conflict-badge.h"
#include "lotse-date-entry.h"
#include "lotse-meeting-detail.h"
#include "lotse-meeting-proposals.h"
#include "lotse-meeting-send.h"
#include "lotse-open-actions.h"

G_BEGIN_DECLS

struct _LotseMeetingDetail
{
  GtkWidget             parent_instance;

  LotseJourfixeCatalog *catalog;
  char                 *meeting_id;
  LotseRecord          *meeting;
  gboolean              narrow;
  gboolean              minutes;
  gboolean              filling;
  gboolean              approved;          /* the minutes are approved: read-only */

  GListStore           *agenda_model;      /* the agenda items, in their order */
  GHashTable           *agenda_rows;       /* item id → LotseAgendaRow */
  GListStore           *participants;      /* the participants, by name */
  GHashTable           *loaded;            /* entry row → the text it was filled with */
  GMenu                *menu;
  GtkWidget            *person_dropdown;
  char                 *total_text;

  /* Minutes mode (lotse-meeting-detail-minutes.c) */
  char                 *current_id;        /* the agenda item the meeting is at */
  gint64                item_started;      /* seconds of now_func when it became current */
  gint64                meeting_started;   /* … when the minutes were first opened */
  gboolean              meeting_clock_started;
  guint                 clock_id;
  gint64              (*now_func) (void);
  GtkLabel             *meeting_clock_label;

  GtkLabel             *heading_label;
  GtkRevealer          *held_revealer;
  GtkWidget            *approval_box;
  GtkWidget            *approve_box;
  GtkEntry             *approver_entry;
  GtkButton            *approve_button;
  GtkWidget            *approved_box;
  GtkLabel             *approved_label;
  GtkLabel             *amendments_label;
  GtkLabel             *held_label;
  LotseConflictBadge   *conflict_badge;
  GtkMenuButton        *menu_button;
  GtkButton            *prepare_button;
  GtkScrolledWindow    *scrolled;
  AdwEntryRow          *title_row;
  AdwExpanderRow       *details_row;
  GtkWidget            *meeting_group;
  LotseDateEntry       *date_entry;
  AdwEntryRow          *time_row;
  GtkSpinButton        *duration_spin;
  AdwEntryRow          *location_row;
  AdwComboRow          *kind_row;
  AdwComboRow          *status_row;
  AdwActionRow         *series_row;
  GtkListBox           *agenda_list;
  LotseOpenActions     *open_actions;
  LotseMeetingProposals *proposals;
  GtkLabel             *total_label;
  GtkWidget            *overrun_box;
  GtkLabel             *overrun_label;
  GtkListBox           *participants_list;
  GtkBox               *add_participant_box;
  LotseAttachmentList  *attachments;
  LotseMeetingSend     *send;
};

/* lotse-meeting-detail.c */
LotseStore *lotse_meeting_detail_get_store      (LotseMeetingDetail *self);
GDateTime *lotse_meeting_detail_get_start       (LotseMeetingDetail *self);

/* lotse-meeting-detail-agenda.c */
void       lotse_meeting_detail_init_agenda     (LotseMeetingDetail *self);
GPtrArray *lotse_meeting_detail_list            (LotseMeetingDetail *self,
                                                 const char         *table,
                                                 const char         *order);
void       lotse_meeting_detail_reload_agenda   (LotseMeetingDetail *self);
void       lotse_meeting_detail_clear_agenda    (LotseMeetingDetail *self);
void       lotse_meeting_detail_add_item_action (GtkWidget          *widget,
                                                 const char         *action_name,
                                                 GVariant           *parameter);

/* lotse-meeting-detail-approval.c */
void       lotse_meeting_detail_init_approval   (LotseMeetingDetail *self);
void       lotse_meeting_detail_fill_approval   (LotseMeetingDetail *self);
void       lotse_meeting_detail_approve_action  (GtkWidget          *widget,
                                                 const char         *action_name,
                                                 GVariant           *parameter);
void       lotse_meeting_detail_approve_item_action (GtkWidget      *widget,
                                                     const char     *action_name,
                                                     GVariant       *parameter);
void       lotse_meeting_detail_reopen_action   (GtkWidget          *widget,
                                                 const char         *action_name,
                                                 GVariant           *parameter);
void       lotse_meeting_detail_amend_action    (GtkWidget          *widget,
                                                 const char         *action_name,
                                                 GVariant           *parameter);
void       lotse_meeting_detail_on_approver_activate (LotseMeetingDetail *self);

/* lotse-meeting-detail-minutes.c */
void       lotse_meeting_detail_init_minutes     (LotseMeetingDetail *self);
void       lotse_meeting_detail_dispose_minutes  (LotseMeetingDetail *self);
void       lotse_meeting_detail_update_current   (LotseMeetingDetail *self);
void       lotse_meeting_detail_reset_current    (LotseMeetingDetail *self);
void       lotse_meeting_detail_make_current     (LotseMeetingDetail *self,
                                                  LotseAgendaRow     *row);
void       lotse_meeting_detail_step_item_action (GtkWidget          *widget,
                                                  const char         *action_name,
                                                  GVariant           *parameter);

/* lotse-meeting-detail-participants.c */
void       lotse_meeting_detail_init_participants   (LotseMeetingDetail *self);
void       lotse_meeting_detail_reload_participants (LotseMeetingDetail *self);
void       lotse_meeting_detail_add_participant_action (GtkWidget  *widget,
                                                        const char *action_name,
                                                        GVariant   *parameter);
void       lotse_meeting_detail_remove_participant_action (GtkWidget  *widget,
                                                           const char *action_name,
                                                           GVariant   *parameter);

G_END_DECLS
