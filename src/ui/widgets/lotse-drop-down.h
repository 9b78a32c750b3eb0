/* lotse-drop-down.h: drop-downs that fit a phone's width
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

void lotse_drop_down_ellipsize       (GtkDropDown *drop_down,
                                      int          width_chars);
void lotse_combo_row_show_full_names (AdwComboRow *row);

G_END_DECLS
