/* lotse-agenda-row.h: one item of a meeting's agenda, with its minutes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "lotse-agenda-editor.h"
#include "lotse-agenda-minutes.h"
#include "lotse-jourfixe-catalog.h"

G_BEGIN_DECLS

#define LOTSE_TYPE_AGENDA_ROW (lotse_agenda_row_get_type ())

G_DECLARE_FINAL_TYPE (LotseAgendaRow, lotse_agenda_row, LOTSE, AGENDA_ROW, GtkListBoxRow)

GtkWidget   *lotse_agenda_row_new               (LotseJourfixeCatalog *catalog,
                                                 LotseRecord          *item);
LotseRecord *lotse_agenda_row_get_item          (LotseAgendaRow       *self);
const char  *lotse_agenda_row_get_id            (LotseAgendaRow       *self);
void         lotse_agenda_row_set_item          (LotseAgendaRow       *self,
                                                 LotseRecord          *item);
void         lotse_agenda_row_set_start         (LotseAgendaRow       *self,
                                                 GDateTime            *start);
const char  *lotse_agenda_row_get_start_text    (LotseAgendaRow       *self);
void         lotse_agenda_row_set_minutes_mode  (LotseAgendaRow       *self,
                                                 gboolean              minutes_mode);
void         lotse_agenda_row_set_current       (LotseAgendaRow       *self,
                                                 gboolean              current);
gboolean     lotse_agenda_row_get_current       (LotseAgendaRow       *self);
void         lotse_agenda_row_set_clock         (LotseAgendaRow       *self,
                                                 const char           *text,
                                                 gboolean              over);
void         lotse_agenda_row_focus_notes       (LotseAgendaRow       *self);
void         lotse_agenda_row_set_minutes       (LotseAgendaRow       *self,
                                                 GPtrArray            *decisions,
                                                 GPtrArray            *action_items);
void         lotse_agenda_row_set_locked        (LotseAgendaRow       *self,
                                                 gboolean              locked);
void         lotse_agenda_row_set_expanded      (LotseAgendaRow       *self,
                                                 gboolean              expanded);

/* For the tests: the editors (the row is expanded or in minutes mode) */
LotseAgendaEditor  *lotse_agenda_row_get_editor         (LotseAgendaRow *self);
LotseAgendaMinutes *lotse_agenda_row_get_minutes_widget (LotseAgendaRow *self);
GtkEditable *lotse_agenda_row_get_title_entry    (LotseAgendaRow       *self);
GtkSpinButton *lotse_agenda_row_get_duration_spin (LotseAgendaRow      *self);
GtkDropDown *lotse_agenda_row_get_kind_dropdown  (LotseAgendaRow       *self);
const char  *lotse_agenda_row_get_clock_text     (LotseAgendaRow       *self);
gboolean     lotse_agenda_row_get_clock_over     (LotseAgendaRow       *self);
GtkTextView *lotse_agenda_row_get_notes_view     (LotseAgendaRow       *self);
GtkEditable *lotse_agenda_row_get_decision_entry (LotseAgendaRow       *self);
GtkEditable *lotse_agenda_row_get_action_entry   (LotseAgendaRow       *self);
GtkDropDown *lotse_agenda_row_get_owner_dropdown (LotseAgendaRow       *self);
GtkEditable *lotse_agenda_row_get_due_entry      (LotseAgendaRow       *self);

G_END_DECLS
