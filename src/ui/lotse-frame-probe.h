/* lotse-frame-probe.h: reports when a window has shown its first frame
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

void lotse_frame_probe_attach (GtkWindow   *window,
                               GtkListView *rows);

G_END_DECLS
