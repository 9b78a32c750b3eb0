/* lotse-view-private.h: internals for the tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "lotse-view.h"

G_BEGIN_DECLS

/* The stack with the pages "empty" and "list", and the list */
GtkStack    *lotse_view_get_stack     (LotseView *self);
GtkListView *lotse_view_get_list_view (LotseView *self);

G_END_DECLS
