/* lotse-view.h: the base of the window's views
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "lotse-core.h"
#include "lotse-panel.h"
#include "lotse-record-row.h"

G_BEGIN_DECLS

#define LOTSE_TYPE_VIEW (lotse_view_get_type ())

G_DECLARE_DERIVABLE_TYPE (LotseView, lotse_view, LOTSE, VIEW, LotsePanel)

struct _LotseViewClass
{
  LotsePanelClass parent_class;

  /* Shows the row @id of @table in this view (selects it, opens its detail).
   * Returns FALSE if the view does not show that table or has no such row. */
  gboolean (*open_record) (LotseView  *self,
                           const char *table,
                           const char *id);

  /* Optional: the model of the list instead of all rows of the table in
   * the order given to lotse_view_show_records(); called when the view
   * loads (see #LotsePanel). */
  GListModel *(*create_model) (LotseView  *self,
                               LotseStore *store);
};

LotseStore *lotse_view_get_store    (LotseView              *self);
gboolean    lotse_view_open_record  (LotseView              *self,
                                     const char             *table,
                                     const char             *id);
void        lotse_view_show_records (LotseView              *self,
                                     GtkStack               *stack,
                                     GtkListView            *list_view,
                                     const char             *table,
                                     const char             *order_field,
                                     LotseRecordRowBindFunc  bind_func);
void        lotse_view_set_list_widgets (LotseView          *self,
                                     GtkStack               *stack,
                                     GtkListView            *list_view);

G_END_DECLS
