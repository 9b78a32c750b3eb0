/* lotse-portal-worker.h: the read model of a workspace, kept up to date
 * off the main loop
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "lotse-portal-model.h"

G_BEGIN_DECLS

typedef struct _LotsePortalWorker LotsePortalWorker;

/* Called on the main thread once the model is up to date (@error NULL),
 * the first copy takes longer than a request should wait
 * (G_IO_ERROR_PENDING) or the update failed. */
typedef void (*LotsePortalWaitFunc) (gpointer      data,
                                     const GError *error);

/* @location: the server's storage (a data directory or a PostgreSQL
 * URI), which the worker opens a connection of its own to. */
LotsePortalWorker *lotse_portal_worker_new   (const char         *location,
                                              const char         *workspace,
                                              const char         *path);
/* Stops a running update and waits for it. */
void               lotse_portal_worker_free  (LotsePortalWorker  *self);
/* The model when it holds what @storage holds now and no update runs;
 * else NULL (with @error when @storage could not say). */
LotsePortalModel  *lotse_portal_worker_current (LotsePortalWorker   *self,
                                                LotseServerStorage  *storage,
                                                GError             **error);
/* The model as it is, NULL while the first copy runs: for a request that
 * waited for it. */
LotsePortalModel  *lotse_portal_worker_model (LotsePortalWorker  *self);
/* Brings the model up to date on a worker thread, if none runs, and
 * calls @func with @data then; takes @data. */
void               lotse_portal_worker_wait  (LotsePortalWorker  *self,
                                              LotsePortalWaitFunc func,
                                              gpointer            data,
                                              GDestroyNotify      destroy);

G_END_DECLS
