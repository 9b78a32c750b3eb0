/* lotse-panel.h: the base of every panel that shows what the store holds
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "lotse-core.h"

G_BEGIN_DECLS

#define LOTSE_TYPE_PANEL (lotse_panel_get_type ())

G_DECLARE_DERIVABLE_TYPE (LotsePanel, lotse_panel, LOTSE, PANEL, GtkWidget)

struct _LotsePanelClass
{
  GtkWidgetClass parent_class;

  /* Reads what the panel shows from lotse_panel_get_store() (which may be
   * %NULL: then the panel empties). Called the first time the panel is
   * mapped, and again when the store is replaced. */
  void (*load)          (LotsePanel *self);

  /* Optional: a write to @table (the row @id, or many rows when %NULL) was
   * committed. Called only once the panel has loaded. */
  void (*store_changed) (LotsePanel *self,
                         const char *table,
                         const char *id);
};

LotseStore *lotse_panel_get_store      (LotsePanel *self);
void        lotse_panel_set_store      (LotsePanel *self,
                                        LotseStore *store);
gboolean    lotse_panel_get_loaded     (LotsePanel *self);
void        lotse_panel_ensure_loaded  (LotsePanel *self);

G_END_DECLS
