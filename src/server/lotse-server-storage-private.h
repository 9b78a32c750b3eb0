/* lotse-server-storage-private.h: what the storage backends share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "lotse-server-storage.h"

G_BEGIN_DECLS

/* committed_at, created_at…: UTC with microseconds, as text (the digests
 * of the history cover it as written). */
char *lotse_server_now_iso8601 (void);

/* A handle of @self's database without a workspace refuses what needs one. */
gboolean lotse_server_storage_check_workspace (gint64   ws,
                                               GError **error);

G_END_DECLS
