/* lotse-conflict-badge.h: marks a record that has an open sync conflict
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "lotse-sync-app.h"

G_BEGIN_DECLS

#define LOTSE_TYPE_CONFLICT_BADGE (lotse_conflict_badge_get_type ())

G_DECLARE_FINAL_TYPE (LotseConflictBadge, lotse_conflict_badge, LOTSE, CONFLICT_BADGE, GtkButton)

GtkWidget        *lotse_conflict_badge_new         (void);
/* The record the badge stands for; %NULL @id: none (the badge hides) */
void              lotse_conflict_badge_set_record  (LotseConflictBadge *self,
                                                    const char         *table,
                                                    const char         *id);
const char       *lotse_conflict_badge_get_id      (LotseConflictBadge *self);
/* The engine whose conflicts are shown; by default the one of the
 * store of the window the badge is in. */
void              lotse_conflict_badge_set_engine  (LotseConflictBadge *self,
                                                    LotseSyncEngine    *engine);
LotseSyncEngine  *lotse_conflict_badge_get_engine  (LotseConflictBadge *self);
/* The badge that is the last child of @widget (a widget with a box
 * layout, e.g. a LotseRecordRow), added on the first call */
LotseConflictBadge *lotse_conflict_badge_ensure    (GtkWidget          *widget);

G_END_DECLS
