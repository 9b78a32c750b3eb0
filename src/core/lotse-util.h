/* lotse-util.h: small helpers the GLib of the platform floor lacks
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

gboolean lotse_set_str (char       **str_pointer,
                        const char  *new_str);

G_END_DECLS
