/* lotse-monitor-row.h: one row of the milestone monitor
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "lotse-core.h"

G_BEGIN_DECLS

/* One row of the panel's list: a group header or a milestone. */
#define LOTSE_TYPE_MONITOR_ROW (lotse_monitor_row_get_type ())

G_DECLARE_FINAL_TYPE (LotseMonitorRow, lotse_monitor_row, LOTSE, MONITOR_ROW, GObject)

gboolean                 lotse_monitor_row_is_header  (LotseMonitorRow *self);
const char              *lotse_monitor_row_get_title  (LotseMonitorRow *self);
/* The milestone's entry; NULL for a header. */
const LotseMonitorEntry *lotse_monitor_row_get_entry  (LotseMonitorRow *self);
/* What activating the row opens: ("milestone", id) or, for a project
 * header, ("project", id); NULL table for a week header. */
const char              *lotse_monitor_row_get_target_table (LotseMonitorRow *self);
const char              *lotse_monitor_row_get_target_id    (LotseMonitorRow *self);

LotseMonitorRow         *lotse_monitor_row_new_header (const char              *title,
                                                       const char              *project_id);
LotseMonitorRow         *lotse_monitor_row_new_entry  (const LotseMonitorEntry *entry);
GtkListItemFactory      *lotse_monitor_row_factory_new (void);

G_END_DECLS
