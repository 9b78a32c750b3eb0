/* bench-copy.h: generated rows as an office would have written them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The generator writes rows without outbox entries, which never reach a
 * server; the benches that need them on a server copy them into a
 * client's store as ordinary local inserts (with outbox entries).
 */

#pragma once

#include "lotse-core.h"

/* Copies rows of @source into @target, table by table from *table_index
 * and *offset on, until @limit rows were copied; returns how many. */
guint bench_copy_rows (LotseStore *source,
                       LotseStore *target,
                       guint      *table_index,
                       guint      *offset,
                       guint       limit);
