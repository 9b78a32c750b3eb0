/* lotse-store-files.h: SQLite's files and locks, safe from the rest of the process
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

void lotse_store_files_init (void);

G_END_DECLS
