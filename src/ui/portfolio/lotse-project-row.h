/* lotse-project-row.h: one project in the portfolio's list
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "lotse-core.h"
#include "lotse-record-row.h"

G_BEGIN_DECLS

#define LOTSE_TYPE_PROJECT_ROW (lotse_project_row_get_type ())

G_DECLARE_FINAL_TYPE (LotseProjectRow, lotse_project_row, LOTSE, PROJECT_ROW, GtkWidget)

GtkWidget      *lotse_project_row_new             (void);
void            lotse_project_row_set_summary     (LotseProjectRow           *self,
                                                   const LotseProjectSummary *summary);
LotseRecordRow *lotse_project_row_get_record_row  (LotseProjectRow           *self);
const char     *lotse_project_row_get_next        (LotseProjectRow           *self);
const char     *lotse_project_row_get_overdue     (LotseProjectRow           *self);
GtkWidget      *lotse_project_row_get_conflict_badge (LotseProjectRow        *self);

const char     *lotse_project_health_icon_name    (const char                *health);
const char     *lotse_project_health_css_class    (const char                *health);

G_END_DECLS
