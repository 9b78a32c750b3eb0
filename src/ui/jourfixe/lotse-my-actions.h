/* lotse-my-actions.h: the open action items of the person the user is
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "lotse-jourfixe-catalog.h"

G_BEGIN_DECLS

#define LOTSE_TYPE_MY_ACTIONS (lotse_my_actions_get_type ())

G_DECLARE_FINAL_TYPE (LotseMyActions, lotse_my_actions, LOTSE, MY_ACTIONS, GtkWidget)

void lotse_my_actions_set_catalog (LotseMyActions       *self,
                                   LotseJourfixeCatalog *catalog);
void lotse_my_actions_reload      (LotseMyActions       *self);

/* For the tests */
GtkSelectionModel *lotse_my_actions_get_selection    (LotseMyActions *self);
GtkButton         *lotse_my_actions_get_close_button (LotseMyActions *self);

G_END_DECLS
