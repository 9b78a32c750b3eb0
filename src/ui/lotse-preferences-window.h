/* lotse-preferences-window.h: the preferences
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "lotse-core.h"

G_BEGIN_DECLS

#define LOTSE_TYPE_PREFERENCES_WINDOW (lotse_preferences_window_get_type ())

G_DECLARE_FINAL_TYPE (LotsePreferencesWindow, lotse_preferences_window,
                      LOTSE, PREFERENCES_WINDOW, AdwPreferencesWindow)

LotsePreferencesWindow *lotse_preferences_window_new       (const char             *database_path);
void                    lotse_preferences_window_set_store (LotsePreferencesWindow *self,
                                                            LotseStore             *store);

G_END_DECLS
