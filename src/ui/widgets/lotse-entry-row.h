/* lotse-entry-row.h: entry rows that show a stored value
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

void lotse_entry_row_set_stored_text (AdwEntryRow *row,
                                      const char  *text);

G_END_DECLS
