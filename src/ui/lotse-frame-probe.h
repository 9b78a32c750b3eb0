/* lotse-frame-probe.h: reports when a window has shown its first frame
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

gboolean lotse_frame_probe_enabled (void);
void     lotse_frame_probe_attach  (GtkWindow   *window,
                                    GtkListView *rows);
void     lotse_frame_probe_mark    (const char  *what);

G_END_DECLS
