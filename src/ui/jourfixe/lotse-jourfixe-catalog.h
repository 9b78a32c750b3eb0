/* lotse-jourfixe-catalog.h: names of people, projects and series for the meeting editors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "lotse-core.h"

G_BEGIN_DECLS

#define LOTSE_TYPE_JOURFIXE_CATALOG (lotse_jourfixe_catalog_get_type ())

G_DECLARE_FINAL_TYPE (LotseJourfixeCatalog, lotse_jourfixe_catalog, LOTSE, JOURFIXE_CATALOG, GObject)

LotseJourfixeCatalog *lotse_jourfixe_catalog_new             (LotseStore           *store);
LotseStore           *lotse_jourfixe_catalog_get_store       (LotseJourfixeCatalog *self);
const char           *lotse_jourfixe_catalog_get_title       (LotseJourfixeCatalog *self,
                                                              const char           *table,
                                                              const char           *id);
GListModel           *lotse_jourfixe_catalog_get_names       (LotseJourfixeCatalog *self,
                                                              const char           *table);
const char           *lotse_jourfixe_catalog_get_id_at       (LotseJourfixeCatalog *self,
                                                              const char           *table,
                                                              guint                 position);
guint                 lotse_jourfixe_catalog_get_position    (LotseJourfixeCatalog *self,
                                                              const char           *table,
                                                              const char           *id);
void                  lotse_jourfixe_catalog_setup_dropdown  (LotseJourfixeCatalog *self,
                                                              GtkDropDown          *dropdown,
                                                              const char           *table,
                                                              const char           *selected_id);
GtkWidget            *lotse_jourfixe_catalog_new_dropdown    (LotseJourfixeCatalog *self,
                                                              const char           *table,
                                                              const char           *selected_id);
const char           *lotse_jourfixe_catalog_dropdown_get_id (LotseJourfixeCatalog *self,
                                                              GtkDropDown          *dropdown);

G_END_DECLS
