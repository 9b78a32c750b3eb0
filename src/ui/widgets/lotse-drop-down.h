/* lotse-drop-down.h: drop-downs that fit a phone's width
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

void lotse_drop_down_ellipsize (GtkDropDown *drop_down,
                                int          width_chars);

G_END_DECLS
