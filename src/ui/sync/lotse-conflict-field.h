/* lotse-conflict-field.h: one conflicting field and the choice of its value
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "lotse-sync-app.h"

G_BEGIN_DECLS

#define LOTSE_TYPE_CONFLICT_FIELD (lotse_conflict_field_get_type ())

G_DECLARE_FINAL_TYPE (LotseConflictField, lotse_conflict_field, LOTSE, CONFLICT_FIELD, AdwPreferencesGroup)

GtkWidget  *lotse_conflict_field_new      (const char         *name,
                                           const char         *label,
                                           const char         *mine,
                                           const char         *theirs);
void        lotse_conflict_field_set_who  (LotseConflictField *self,
                                           const char         *mine_who,
                                           const char         *theirs_who);
void        lotse_conflict_field_set_base (LotseConflictField *self,
                                           const char         *base);
void        lotse_conflict_field_show_diff (LotseConflictField *self);
const char *lotse_conflict_field_get_name (LotseConflictField *self);
const char *lotse_conflict_field_get_diff (LotseConflictField *self);
void        lotse_conflict_field_choose   (LotseConflictField *self,
                                           LotseSyncTake       take);
void        lotse_conflict_field_edit     (LotseConflictField *self,
                                           const char         *text);
char       *lotse_conflict_field_dup_value (LotseConflictField *self);

G_END_DECLS
