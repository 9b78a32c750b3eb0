/* lotse-store-queries.h: read queries that join tables
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "lotse-monitor.h"

G_BEGIN_DECLS

GPtrArray *lotse_store_query_monitor (LotseStore  *self,
                                      const char  *until,
                                      const char  *programme_id,
                                      LotseMonitorScope scope,
                                      const LotseMonitorEntry *after,
                                      guint        offset,
                                      guint        limit,
                                      GError     **error);
gboolean   lotse_store_count_monitor (LotseStore  *self,
                                      const char  *today,
                                      const char  *until,
                                      const char  *programme_id,
                                      LotseMonitorScope scope,
                                      guint       *n_total,
                                      guint       *n_overdue,
                                      guint       *n_closed,
                                      GError     **error);

/* One row of lotse_store_query_timeline(): the columns as text (NULL for
 * SQL NULL), valid during the call. */
typedef void (*LotseStoreRowFunc) (const char * const *columns,
                                   gpointer            user_data);

gboolean   lotse_store_query_timeline (LotseStore         *self,
                                       LotseStoreRowFunc   project_func,
                                       LotseStoreRowFunc   milestone_func,
                                       gpointer            user_data,
                                       GError            **error);

G_END_DECLS
