/* lotse-register-row.h: one action item or decision in the registers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "lotse-core.h"

G_BEGIN_DECLS

#define LOTSE_TYPE_REGISTER_ROW (lotse_register_row_get_type ())

G_DECLARE_FINAL_TYPE (LotseRegisterRow, lotse_register_row, LOTSE, REGISTER_ROW, GtkBox)

GtkWidget   *lotse_register_row_new        (gboolean          action_item);
void         lotse_register_row_set_record (LotseRegisterRow *self,
                                            LotseRecord      *record);
LotseRecord *lotse_register_row_get_record (LotseRegisterRow *self);
void         lotse_register_row_set_done   (LotseRegisterRow *self,
                                            gboolean          done);
void         lotse_register_row_set_text   (LotseRegisterRow *self,
                                            const char       *title,
                                            const char       *subtitle,
                                            gboolean          overdue);
void         lotse_register_row_set_meeting (LotseRegisterRow *self,
                                             const char       *meeting_id);

G_END_DECLS
