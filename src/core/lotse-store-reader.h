/* lotse-store-reader.h: read-only queries on worker threads
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "lotse-store.h"

G_BEGIN_DECLS

#define LOTSE_TYPE_STORE_READER (lotse_store_reader_get_type ())

G_DECLARE_FINAL_TYPE (LotseStoreReader, lotse_store_reader, LOTSE, STORE_READER, GObject)

/* Runs on a worker thread with a read-only @store of its own: every query
 * function of core works on it, every write fails with
 * %LOTSE_ERROR_READ_ONLY. Returns the result, or %NULL with @error set. */
typedef gpointer (*LotseStoreReadFunc) (LotseStore  *store,
                                        gpointer     data,
                                        GError     **error);

LotseStoreReader *lotse_store_reader_new        (const char           *path);
LotseStoreReader *lotse_store_get_reader        (LotseStore           *store);
const char       *lotse_store_reader_get_path   (LotseStoreReader     *self);
void              lotse_store_reader_run_async  (LotseStoreReader     *self,
                                                 LotseStoreReadFunc    func,
                                                 gpointer              data,
                                                 GDestroyNotify        data_free,
                                                 GDestroyNotify        result_free,
                                                 GCancellable         *cancellable,
                                                 GAsyncReadyCallback   callback,
                                                 gpointer              user_data);
gpointer          lotse_store_reader_run_finish (LotseStoreReader     *self,
                                                 GAsyncResult         *result,
                                                 GError              **error);

G_END_DECLS
