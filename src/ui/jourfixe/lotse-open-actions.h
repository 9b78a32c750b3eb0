/* lotse-open-actions.h: the series' open action items beside the agenda
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "lotse-jourfixe-catalog.h"

G_BEGIN_DECLS

#define LOTSE_TYPE_OPEN_ACTIONS (lotse_open_actions_get_type ())

G_DECLARE_FINAL_TYPE (LotseOpenActions, lotse_open_actions, LOTSE, OPEN_ACTIONS, GtkWidget)

void        lotse_open_actions_show_for (LotseOpenActions     *self,
                                         LotseJourfixeCatalog *catalog,
                                         LotseRecord          *meeting);

/* For the tests */
GtkListBox *lotse_open_actions_get_list (LotseOpenActions     *self);

G_END_DECLS
