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
                                      guint        offset,
                                      guint        limit,
                                      GError     **error);
gboolean   lotse_store_count_monitor (LotseStore  *self,
                                      const char  *today,
                                      const char  *until,
                                      const char  *programme_id,
                                      guint       *n_total,
                                      guint       *n_overdue,
                                      GError     **error);

G_END_DECLS
