/* lotse-directory-panel.h: organisations and people
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "lotse-core.h"
#include "lotse-panel.h"

G_BEGIN_DECLS

#define LOTSE_TYPE_DIRECTORY_PANEL (lotse_directory_panel_get_type ())

G_DECLARE_FINAL_TYPE (LotseDirectoryPanel, lotse_directory_panel, LOTSE, DIRECTORY_PANEL, LotsePanel)

GtkWidget  *lotse_directory_panel_new                 (LotseStore          *store);
/* Whether a load runs or, for a panel not yet shown, is due. */
gboolean    lotse_directory_panel_is_loading          (LotseDirectoryPanel *self);
void        lotse_directory_panel_set_search          (LotseDirectoryPanel *self,
                                                       const char          *text);
/* The organisations and people that match the search (LotseRecord). */
GListModel *lotse_directory_panel_get_results         (LotseDirectoryPanel *self);
/* Shows an organisation or a person in the detail pane. */
gboolean    lotse_directory_panel_show_record         (LotseDirectoryPanel *self,
                                                       const char          *table,
                                                       const char          *id);
/* The ids of the projects the detail pane lists, in order. */
GPtrArray  *lotse_directory_panel_get_detail_projects (LotseDirectoryPanel *self);
/* The form: fill in a field of the shown (or new) record, save, delete. */
void        lotse_directory_panel_new_record          (LotseDirectoryPanel *self,
                                                       const char          *table);
void        lotse_directory_panel_set_field           (LotseDirectoryPanel *self,
                                                       const char          *field,
                                                       const char          *value);
const char *lotse_directory_panel_save                (LotseDirectoryPanel *self,
                                                       GError             **error);
gboolean    lotse_directory_panel_delete              (LotseDirectoryPanel *self,
                                                       GError             **error);
/* Undoes the last delete, as the toast's Undo button does. */
gboolean    lotse_directory_panel_undo_delete         (LotseDirectoryPanel *self,
                                                       GError             **error);

G_END_DECLS
