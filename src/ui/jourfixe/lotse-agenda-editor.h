/* lotse-agenda-editor.h: the fields of one agenda item
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "lotse-jourfixe-catalog.h"

G_BEGIN_DECLS

#define LOTSE_TYPE_AGENDA_EDITOR (lotse_agenda_editor_get_type ())

G_DECLARE_FINAL_TYPE (LotseAgendaEditor, lotse_agenda_editor, LOTSE, AGENDA_EDITOR, GtkBox)

GtkWidget     *lotse_agenda_editor_new                    (LotseJourfixeCatalog *catalog);
void           lotse_agenda_editor_set_item               (LotseAgendaEditor    *self,
                                                           LotseRecord          *item);

/* For the tests */
GtkEditable   *lotse_agenda_editor_get_title_entry        (LotseAgendaEditor    *self);
GtkSpinButton *lotse_agenda_editor_get_duration_spin      (LotseAgendaEditor    *self);
GtkDropDown   *lotse_agenda_editor_get_kind_dropdown      (LotseAgendaEditor    *self);
GtkDropDown   *lotse_agenda_editor_get_presenter_dropdown (LotseAgendaEditor    *self);
GtkDropDown   *lotse_agenda_editor_get_project_dropdown   (LotseAgendaEditor    *self);
GtkDropDown   *lotse_agenda_editor_get_milestone_dropdown (LotseAgendaEditor    *self);

G_END_DECLS
