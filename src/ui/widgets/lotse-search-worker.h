/* lotse-search-worker.h: searches on a thread of their own
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "lotse-core.h"

G_BEGIN_DECLS

#define LOTSE_TYPE_SEARCH_WORKER (lotse_search_worker_get_type ())

G_DECLARE_FINAL_TYPE (LotseSearchWorker, lotse_search_worker, LOTSE, SEARCH_WORKER, GObject)

/* Runs on the worker's thread with the worker's own connection; returns an
 * array (with its free function; LotseSearchResult for the searches of
 * lotse-search) or %NULL with @error set. */
typedef GPtrArray *(*LotseSearchFunc) (LotseStore  *store,
                                       gpointer     query,
                                       GError     **error);

LotseSearchWorker *lotse_search_worker_new        (const char           *db_path);
void               lotse_search_worker_run_async  (LotseSearchWorker    *self,
                                                   LotseSearchFunc       func,
                                                   gpointer              query,
                                                   GDestroyNotify        query_free,
                                                   GCancellable         *cancellable,
                                                   GAsyncReadyCallback   callback,
                                                   gpointer              user_data);
GPtrArray         *lotse_search_worker_run_finish (LotseSearchWorker    *self,
                                                   GAsyncResult         *result,
                                                   GError              **error);

char              *lotse_search_snippet_to_markup (const char           *snippet);

G_END_DECLS
