/* lotse-monitor-panel.h: milestones overdue or due soon, across the programme
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "lotse-core.h"
#include "lotse-monitor-row.h"
#include "lotse-panel.h"

G_BEGIN_DECLS

#define LOTSE_TYPE_MONITOR_PANEL (lotse_monitor_panel_get_type ())

G_DECLARE_FINAL_TYPE (LotseMonitorPanel, lotse_monitor_panel, LOTSE, MONITOR_PANEL, LotsePanel)

GtkWidget  *lotse_monitor_panel_new              (LotseStore        *store);
guint       lotse_monitor_panel_get_days         (LotseMonitorPanel *self);
void        lotse_monitor_panel_set_days         (LotseMonitorPanel *self,
                                                  guint              days);
gboolean    lotse_monitor_panel_get_by_project   (LotseMonitorPanel *self);
void        lotse_monitor_panel_set_by_project   (LotseMonitorPanel *self,
                                                  gboolean           by_project);
gboolean    lotse_monitor_panel_get_history      (LotseMonitorPanel *self);
void        lotse_monitor_panel_set_history      (LotseMonitorPanel *self,
                                                  gboolean           history);
const char *lotse_monitor_panel_get_programme_id (LotseMonitorPanel *self);
void        lotse_monitor_panel_set_programme_id (LotseMonitorPanel *self,
                                                  const char        *programme_id);
/* "Today" for the query; NULL (the default) is the local date. For tests
 * and screenshots that must not change with the calendar. */
void        lotse_monitor_panel_set_today        (LotseMonitorPanel *self,
                                                  const char        *today);
/* The rows as shown (groups and milestones), and whether a load runs or,
 * for a panel not yet shown, is due. */
GListModel *lotse_monitor_panel_get_rows         (LotseMonitorPanel *self);
gboolean    lotse_monitor_panel_is_loading       (LotseMonitorPanel *self);
void        lotse_monitor_panel_load_more        (LotseMonitorPanel *self);

G_END_DECLS
