/* lotse-registers.h: open action items and decisions of all meetings
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "lotse-jourfixe-catalog.h"

G_BEGIN_DECLS

#define LOTSE_TYPE_REGISTERS (lotse_registers_get_type ())

G_DECLARE_FINAL_TYPE (LotseRegisters, lotse_registers, LOTSE, REGISTERS, GtkWidget)

void         lotse_registers_set_catalog      (LotseRegisters       *self,
                                               LotseJourfixeCatalog *catalog);
void         lotse_registers_reload           (LotseRegisters       *self);
gboolean     lotse_registers_is_loading       (LotseRegisters       *self);
/* "actions" or "decisions" */
void         lotse_registers_show             (LotseRegisters       *self,
                                               const char           *page);

/* For the tests */
GListModel  *lotse_registers_get_actions      (LotseRegisters       *self);
GListModel  *lotse_registers_get_decisions    (LotseRegisters       *self);
GtkDropDown *lotse_registers_get_series_filter  (LotseRegisters     *self);
GtkDropDown *lotse_registers_get_project_filter (LotseRegisters     *self);
GtkDropDown *lotse_registers_get_owner_filter   (LotseRegisters     *self);
GtkDropDown *lotse_registers_get_state_filter   (LotseRegisters     *self);

G_END_DECLS
