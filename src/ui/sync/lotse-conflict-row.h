/* lotse-conflict-row.h: an open conflict in the conflict window's list
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define LOTSE_TYPE_CONFLICT_ROW (lotse_conflict_row_get_type ())

G_DECLARE_FINAL_TYPE (LotseConflictRow, lotse_conflict_row, LOTSE, CONFLICT_ROW, AdwActionRow)

GtkWidget  *lotse_conflict_row_new             (const char       *conflict_id,
                                                const char       *title,
                                                const char       *subtitle);
const char *lotse_conflict_row_get_conflict_id (LotseConflictRow *self);

G_END_DECLS
