/* lotse-agenda-minutes.h: the minutes of one agenda item
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "lotse-jourfixe-catalog.h"

G_BEGIN_DECLS

#define LOTSE_TYPE_AGENDA_MINUTES (lotse_agenda_minutes_get_type ())

G_DECLARE_FINAL_TYPE (LotseAgendaMinutes, lotse_agenda_minutes, LOTSE, AGENDA_MINUTES, GtkBox)

GtkWidget   *lotse_agenda_minutes_new                (LotseJourfixeCatalog *catalog);
void         lotse_agenda_minutes_set_item           (LotseAgendaMinutes   *self,
                                                      LotseRecord          *item);
void         lotse_agenda_minutes_set_records        (LotseAgendaMinutes   *self,
                                                      GPtrArray            *decisions,
                                                      GPtrArray            *action_items);
void         lotse_agenda_minutes_set_locked         (LotseAgendaMinutes   *self,
                                                      gboolean              locked);
void         lotse_agenda_minutes_add_decision       (LotseAgendaMinutes   *self);
void         lotse_agenda_minutes_add_action_item    (LotseAgendaMinutes   *self);

/* For the tests */
GtkTextView     *lotse_agenda_minutes_get_notes_view      (LotseAgendaMinutes *self);
GtkEditable     *lotse_agenda_minutes_get_decision_entry  (LotseAgendaMinutes *self);
GtkEditable     *lotse_agenda_minutes_get_action_entry    (LotseAgendaMinutes *self);
GtkDropDown     *lotse_agenda_minutes_get_owner_dropdown  (LotseAgendaMinutes *self);
GtkEditable     *lotse_agenda_minutes_get_due_entry       (LotseAgendaMinutes *self);
GtkToggleButton *lotse_agenda_minutes_get_status_button   (LotseAgendaMinutes *self,
                                                           const char         *status);
GtkListBox      *lotse_agenda_minutes_get_decision_list   (LotseAgendaMinutes *self);
GtkListBox      *lotse_agenda_minutes_get_action_list     (LotseAgendaMinutes *self);

G_END_DECLS
