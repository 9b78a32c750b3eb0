/* lotse-search-snippet.h: a search hit's snippet as a row shows it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "lotse-core.h"

G_BEGIN_DECLS

char *lotse_search_snippet_to_markup (const char *snippet);

G_END_DECLS
