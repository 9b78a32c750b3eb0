/* lotse-preferences-window-private.h: internals for the tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "lotse-preferences-window.h"

G_BEGIN_DECLS

GtkSpinButton *lotse_preferences_window_get_horizon_spin (LotsePreferencesWindow *self);
GtkSpinButton *lotse_preferences_window_get_tolerance_spin (LotsePreferencesWindow *self);
GtkLabel      *lotse_preferences_window_get_path_label   (LotsePreferencesWindow *self);
GtkDropDown   *lotse_preferences_window_get_zone_dropdown (LotsePreferencesWindow *self);
AdwEntryRow   *lotse_preferences_window_get_office_email_row (LotsePreferencesWindow *self);
GtkDropDown   *lotse_preferences_window_get_me_dropdown  (LotsePreferencesWindow *self);
GtkSwitch     *lotse_preferences_window_get_remind_switch (LotsePreferencesWindow *self);

G_END_DECLS
