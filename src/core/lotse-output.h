/* lotse-output.h: writing an export to the file a person named
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

gboolean lotse_output_write_file (const char  *path,
                                  const void  *data,
                                  gsize        length,
                                  GError     **error);

char    *lotse_output_path_for_file (GFile       *file,
                                    GError     **error);

G_END_DECLS
