/* lotse-store-private.h: store internals shared with the query files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <sqlite3.h>

#include "lotse-store.h"

G_BEGIN_DECLS

/* The connection, for read-only queries in lotse-store-queries.c. Values
 * are always bound; nothing else may write through it. */
sqlite3 *lotse_store_get_db (LotseStore *self);

G_END_DECLS
