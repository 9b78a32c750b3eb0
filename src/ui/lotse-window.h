/* lotse-window.h: the main window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "lotse-core.h"

G_BEGIN_DECLS

#define LOTSE_TYPE_WINDOW (lotse_window_get_type ())

G_DECLARE_FINAL_TYPE (LotseWindow, lotse_window, LOTSE, WINDOW, AdwApplicationWindow)

LotseWindow *lotse_window_new             (GtkApplication *application,
                                           LotseStore     *store);
LotseStore  *lotse_window_get_store       (LotseWindow    *self);
void         lotse_window_show_open_error (LotseWindow    *self,
                                           const GError   *error);
void         lotse_window_add_toast       (LotseWindow    *self,
                                           AdwToast       *toast);

G_END_DECLS
