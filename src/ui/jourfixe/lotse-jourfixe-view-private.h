/* lotse-jourfixe-view-private.h: internals of the Jour fixe view, for its widgets and the tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "lotse-jourfixe-catalog.h"
#include "lotse-jourfixe-view.h"
#include "lotse-meeting-detail.h"
#include "lotse-meeting-list.h"
#include "lotse-my-actions.h"
#include "lotse-registers.h"
#include "lotse-series-editor.h"

G_BEGIN_DECLS

/* Shared by lotse-jourfixe-view.c and lotse-jourfixe-view-delete.c */
struct _LotseJourfixeView
{
  LotseView             parent_instance;

  LotseJourfixeCatalog *catalog;
  LotseMeetingList     *meetings;
  GArray               *undo;        /* Undo of the last deletion */
  AdwToast             *undo_toast;
  GMenu                *series_menu;
  char                 *current_id;  /* the meeting open on the right */

  AdwLeaflet           *leaflet;
  GtkWidget            *sidebar;
  GtkStack             *stack;
  GtkListView          *list_view;
  GtkMenuButton        *series_button;
  GtkStack             *detail_stack;
  LotseMeetingDetail   *meeting_detail;
  LotseSeriesEditor    *series_editor;
  LotseRegisters       *registers;
  LotseMyActions       *my_actions;
};

gboolean            lotse_jourfixe_view_show_meeting       (LotseJourfixeView *self,
                                                            const char        *id);
gboolean            lotse_jourfixe_view_show_series        (LotseJourfixeView *self,
                                                            const char        *id);
void                lotse_jourfixe_view_init_undo          (LotseJourfixeView *self);
/* Brings back what the last deletion took; FALSE when there is none */
gboolean            lotse_jourfixe_view_undo               (LotseJourfixeView *self);

gboolean            lotse_jourfixe_view_delete             (LotseJourfixeView *self,
                                                            const char        *table,
                                                            const char        *id);
gboolean            lotse_jourfixe_view_export_ics         (LotseJourfixeView *self,
                                                            const char        *table,
                                                            const char        *id,
                                                            const char        *path);
char               *lotse_jourfixe_view_suggest_ics_name   (LotseStore        *store,
                                                            LotseRecord       *record);
/* "none", "meeting", "series", "registers" or "my-actions" */
const char         *lotse_jourfixe_view_get_page           (LotseJourfixeView *self);
LotseMeetingDetail *lotse_jourfixe_view_get_meeting_detail (LotseJourfixeView *self);
LotseSeriesEditor  *lotse_jourfixe_view_get_series_editor  (LotseJourfixeView *self);
LotseRegisters     *lotse_jourfixe_view_get_registers      (LotseJourfixeView *self);
LotseMyActions     *lotse_jourfixe_view_get_my_actions     (LotseJourfixeView *self);
GtkListView        *lotse_jourfixe_view_get_list_view      (LotseJourfixeView *self);

G_END_DECLS
