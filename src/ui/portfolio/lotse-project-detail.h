/* lotse-project-detail.h: one project: its form, partners, health, milestones
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "lotse-core.h"

G_BEGIN_DECLS

#define LOTSE_TYPE_PROJECT_DETAIL (lotse_project_detail_get_type ())

G_DECLARE_FINAL_TYPE (LotseProjectDetail, lotse_project_detail, LOTSE, PROJECT_DETAIL, GtkWidget)

GtkWidget  *lotse_project_detail_new                (void);
void        lotse_project_detail_set_store          (LotseProjectDetail *self,
                                                     LotseStore         *store);
gboolean    lotse_project_detail_set_project        (LotseProjectDetail *self,
                                                     const char         *id);
const char *lotse_project_detail_get_project_id     (LotseProjectDetail *self);
GtkWidget  *lotse_project_detail_get_conflict_badge (LotseProjectDetail *self);
void        lotse_project_detail_set_show_back      (LotseProjectDetail *self,
                                                     gboolean            show_back);
GtkWidget  *lotse_project_detail_get_field_row      (LotseProjectDetail *self,
                                                     const char         *field);
GtkWidget  *lotse_project_detail_get_milestone_row  (LotseProjectDetail *self,
                                                     const char         *milestone_id);
guint       lotse_project_detail_get_n_milestones   (LotseProjectDetail *self);
guint       lotse_project_detail_get_n_partners     (LotseProjectDetail *self);
guint       lotse_project_detail_get_n_reports      (LotseProjectDetail *self);
char       *lotse_project_detail_dup_focused_milestone (LotseProjectDetail *self);
void        lotse_project_detail_focus_milestone    (LotseProjectDetail *self,
                                                     const char         *milestone_id);
void        lotse_project_detail_focus_history      (LotseProjectDetail *self);

G_END_DECLS
