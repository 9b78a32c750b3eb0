/* lotse-store-private.h: store internals shared with the query files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <sqlite3.h>

#include "lotse-store.h"

G_BEGIN_DECLS

/* Columns every synced table has before its own fields: id, rev,
 * created_at, updated_at, deleted. */
#define LOTSE_STORE_N_META_COLUMNS 5

/* Reads a record from a row that starts with the meta columns and the
 * table's fields in schema order. */
LotseRecord *lotse_store_record_from_row (const LotseTable *table,
                                          sqlite3_stmt     *stmt);

/* The connection, for read-only queries in lotse-store-queries.c. Values
 * are always bound; nothing else may write through it. */
sqlite3 *lotse_store_get_db (LotseStore *self);

G_END_DECLS
