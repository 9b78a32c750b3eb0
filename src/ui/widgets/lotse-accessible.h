/* lotse-accessible.h: names a screen reader can say, where GTK 4.8 has none
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

void  lotse_accessible_install_fixes   (void);
char *lotse_accessible_strip_mnemonic  (const char *label);

G_END_DECLS
