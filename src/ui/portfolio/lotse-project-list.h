/* lotse-project-list.h: the filtered, sorted list of projects
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "lotse-core.h"

G_BEGIN_DECLS

#define LOTSE_TYPE_PROJECT_LIST (lotse_project_list_get_type ())

G_DECLARE_FINAL_TYPE (LotseProjectList, lotse_project_list, LOTSE, PROJECT_LIST, GObject)

LotseProjectList          *lotse_project_list_new          (LotseStore              *store);
void                       lotse_project_list_new_async    (LotseStore              *store,
                                                            const LotseProjectQuery *query,
                                                            GCancellable            *cancellable,
                                                            GAsyncReadyCallback      callback,
                                                            gpointer                 user_data);
LotseProjectList          *lotse_project_list_new_finish   (GAsyncResult            *result,
                                                            GError                 **error);
const LotseProjectQuery   *lotse_project_list_get_query    (LotseProjectList        *self);
void                       lotse_project_list_set_query    (LotseProjectList        *self,
                                                            const LotseProjectQuery *query);
void                       lotse_project_list_reload       (LotseProjectList        *self);
const LotseProjectSummary *lotse_project_list_get_summary  (LotseProjectList        *self,
                                                            guint                    position);
guint                      lotse_project_list_find         (LotseProjectList        *self,
                                                            const char              *id);
void                       lotse_project_list_hold_back    (LotseProjectList        *self,
                                                            GtkWidget               *widget,
                                                            guint                    n_first);
void                       lotse_project_list_release      (LotseProjectList        *self);
guint                      lotse_project_list_get_n_loaded (LotseProjectList        *self);
guint                      lotse_project_list_get_n_page_loads (LotseProjectList    *self);
void                       lotse_project_list_set_today    (LotseProjectList        *self,
                                                            const char              *today);

G_END_DECLS
