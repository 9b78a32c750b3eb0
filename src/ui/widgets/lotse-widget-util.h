/* lotse-widget-util.h: what a widget finds through the widgets it is in
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "lotse-core.h"

G_BEGIN_DECLS

void        lotse_widget_add_toast  (GtkWidget  *widget,
                                     AdwToast   *toast);
void        lotse_widget_show_toast (GtkWidget  *widget,
                                     const char *message);
LotseStore *lotse_widget_get_store  (GtkWidget  *widget);

G_END_DECLS
