/* lotse-portal-worker.c: the read model of a workspace, kept up to date
 * off the main loop
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Copying a large office into the read model takes seconds (14 s at
 * 2,000 projects), and every API request of every workspace would wait
 * for it on the main loop. So the copy, and every catch-up after it, runs
 * on a thread of GIO's pool with a storage connection of its own (the
 * server's is not to be shared between threads: SQLite is opened without
 * its mutex, libpq's connection has none). The model belongs to one
 * thread at a time: to the worker while it updates, else to the main
 * loop, which renders from it. Requests that need the model while the
 * worker has it are paused and answered once it comes back, or after a
 * moment with the notice that the portal is being prepared, instead of
 * hanging until their browser gives up: the first copy takes seconds, and
 * so does a catch-up after a large push or the copy anew after a backup
 * was restored under the running server.
 */

#define G_LOG_DOMAIN "lotse-portal"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "lotse-portal-private.h"
#include "lotse-portal-worker.h"

/* How long a request waits for an update of the read model before it is
 * told to come back: a small office is copied, and the changes of a day
 * are caught up, within it, and its people never see the notice. */
#define UPDATE_WAIT_MS 2000

typedef struct _Job Job;

struct _LotsePortalWorker
{
  LotsePortalModel   *model;
  char               *location;
  char               *workspace;
  LotseServerStorage *database;    /* the worker's own connection... */
  LotseServerStorage *storage;     /* ...and its handle of the workspace */

  /* Of the main thread. */
  Job                *job;         /* of the update that runs, or NULL */
  gboolean            ready;       /* the first copy is done */
  GQueue              waiters;

  GMutex              lock;
  GCond               cond;
  gboolean            running;     /* the thread still uses the worker */
};

struct _Job
{
  LotsePortalWorker *worker;       /* NULL once it was freed */
};

typedef struct
{
  LotsePortalWorker  *worker;
  GList               link;
  guint               timeout_id;
  LotsePortalWaitFunc func;
  gpointer            data;
  GDestroyNotify      destroy;
} Waiter;

LotsePortalWorker *
lotse_portal_worker_new (const char *location,
                         const char *workspace,
                         const char *path)
{
  LotsePortalWorker *self = g_new0 (LotsePortalWorker, 1);

  self->model = lotse_portal_model_new (path);
  self->location = g_strdup (location);
  self->workspace = g_strdup (workspace);
  g_queue_init (&self->waiters);
  g_mutex_init (&self->lock);
  g_cond_init (&self->cond);
  return self;
}

static void
waiter_free (Waiter *waiter)
{
  g_clear_handle_id (&waiter->timeout_id, g_source_remove);
  if (waiter->destroy != NULL)
    waiter->destroy (waiter->data);
  g_free (waiter);
}

/* Calls and frees @waiter, which is in no queue any more. */
static void
waiter_answer (Waiter       *waiter,
               const GError *error)
{
  g_clear_handle_id (&waiter->timeout_id, g_source_remove);
  waiter->func (waiter->data, error);
  waiter_free (waiter);
}

void
lotse_portal_worker_free (LotsePortalWorker *self)
{
  GList *link;

  if (self == NULL)
    return;

  lotse_portal_model_cancel (self->model);
  g_mutex_lock (&self->lock);
  while (self->running)
    g_cond_wait (&self->cond, &self->lock);
  g_mutex_unlock (&self->lock);
  if (self->job != NULL)
    self->job->worker = NULL;

  /* The server is going: their messages go with it. */
  while ((link = g_queue_pop_head_link (&self->waiters)) != NULL)
    waiter_free (link->data);

  g_clear_pointer (&self->storage, lotse_server_storage_free);
  g_clear_pointer (&self->database, lotse_server_storage_free);
  lotse_portal_model_free (self->model);
  g_free (self->location);
  g_free (self->workspace);
  g_mutex_clear (&self->lock);
  g_cond_clear (&self->cond);
  g_free (self);
}

LotsePortalModel *
lotse_portal_worker_current (LotsePortalWorker   *self,
                             LotseServerStorage  *storage,
                             GError             **error)
{
  gboolean current = FALSE;

  if (self->job != NULL || !self->ready)
    return NULL;
  if (!lotse_portal_model_is_current (self->model, storage, &current, error))
    return NULL;
  return current ? self->model : NULL;
}

LotsePortalModel *
lotse_portal_worker_model (LotsePortalWorker *self)
{
  return self->job == NULL && self->ready ? self->model : NULL;
}

/* On the worker's thread. */
static gboolean
open_storage (LotsePortalWorker  *self,
              GError            **error)
{
  if (self->storage != NULL)
    return TRUE;
  if (self->location == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                           "The portal was not told where the storage is");
      return FALSE;
    }
  if (self->database == NULL && (self->database = lotse_server_storage_open (self->location, error)) == NULL)
    return FALSE;
  self->storage = lotse_server_storage_open_workspace (self->database, self->workspace, error);
  return self->storage != NULL;
}

static void
update_in_thread (GTask        *task,
                  gpointer      source,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  Job *job = task_data;
  LotsePortalWorker *self = job->worker;
  GError *error = NULL;
  gboolean ok;

  ok = open_storage (self, &error) && lotse_portal_model_update (self->model, self->storage, &error) != NULL;
  if (ok && lotse_portal_model_take_fresh (self->model))
    lotse_portal_feed_warm (self->model);

  g_mutex_lock (&self->lock);
  self->running = FALSE;
  g_cond_signal (&self->cond);
  g_mutex_unlock (&self->lock);

  if (ok)
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
on_updated (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autofree Job *job = user_data;
  LotsePortalWorker *self = job->worker;
  g_autoptr(GError) error = NULL;
  GQueue waiters = G_QUEUE_INIT;
  GList *link;

  g_task_propagate_boolean (G_TASK (result), &error);
  if (self == NULL)
    return;

  self->job = NULL;
  if (error == NULL)
    self->ready = TRUE;
  else
    g_warning (_("The portal could not read workspace “%s”: %s"), self->workspace, error->message);

  /* Answered from a queue of their own: an answer may ask again. */
  waiters = self->waiters;
  g_queue_init (&self->waiters);
  while ((link = g_queue_pop_head_link (&waiters)) != NULL)
    waiter_answer (link->data, error);
}

static gboolean
on_waited_enough (gpointer user_data)
{
  Waiter *waiter = user_data;
  g_autoptr(GError) error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_PENDING,
                                                 "The portal is being prepared");

  waiter->timeout_id = 0;
  g_queue_unlink (&waiter->worker->waiters, &waiter->link);
  waiter_answer (waiter, error);
  return G_SOURCE_REMOVE;
}

void
lotse_portal_worker_wait (LotsePortalWorker  *self,
                          LotsePortalWaitFunc func,
                          gpointer            data,
                          GDestroyNotify      destroy)
{
  Waiter *waiter = g_new0 (Waiter, 1);

  waiter->worker = self;
  waiter->link.data = waiter;
  waiter->func = func;
  waiter->data = data;
  waiter->destroy = destroy;
  g_queue_push_tail_link (&self->waiters, &waiter->link);
  waiter->timeout_id = g_timeout_add (UPDATE_WAIT_MS, on_waited_enough, waiter);

  if (self->job == NULL)
    {
      g_autoptr(GTask) task = NULL;

      self->job = g_new0 (Job, 1);
      self->job->worker = self;
      self->running = TRUE;
      task = g_task_new (NULL, NULL, on_updated, self->job);
      g_task_set_source_tag (task, lotse_portal_worker_wait);
      g_task_set_task_data (task, self->job, NULL);
      g_task_run_in_thread (task, update_in_thread);
    }
}
