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
                                      GError     **error);

G_END_DECLS
