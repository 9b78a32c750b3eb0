/* lotse-action-item-row.h: one action item of the minutes, editable in place
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "lotse-jourfixe-catalog.h"

G_BEGIN_DECLS

#define LOTSE_TYPE_ACTION_ITEM_ROW (lotse_action_item_row_get_type ())

G_DECLARE_FINAL_TYPE (LotseActionItemRow, lotse_action_item_row, LOTSE, ACTION_ITEM_ROW, GtkListBoxRow)

GtkWidget   *lotse_action_item_row_new             (LotseJourfixeCatalog *catalog,
                                                    LotseRecord          *action_item);
const char  *lotse_action_item_row_get_id          (LotseActionItemRow   *self);
void         lotse_action_item_row_set_action_item (LotseActionItemRow   *self,
                                                    LotseRecord          *action_item);
void         lotse_action_item_row_set_locked      (LotseActionItemRow   *self,
                                                    gboolean              locked);

/* For the tests */
GtkEditable *lotse_action_item_row_get_title_entry     (LotseActionItemRow *self);
GtkDropDown *lotse_action_item_row_get_owner_dropdown  (LotseActionItemRow *self);
GtkWidget   *lotse_action_item_row_get_due_entry       (LotseActionItemRow *self);
GtkDropDown *lotse_action_item_row_get_status_dropdown (LotseActionItemRow *self);
GtkEditable *lotse_action_item_row_get_notes_entry     (LotseActionItemRow *self);

G_END_DECLS
