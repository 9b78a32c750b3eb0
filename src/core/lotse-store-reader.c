/* lotse-store-reader.c: read-only queries on worker threads
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A view that must not hold up a frame (search as you type, a report, a
 * table of 100,000 rows) runs its query here. The query gets a store of
 * its own, opened read-only on the worker thread, so it sees what was
 * committed and can write nothing; it never sees the raw connection.
 * Connections are kept for the next job (each keeps its prepared
 * statements), one per job running at the same time, so a slow report
 * does not hold up a search.
 *
 * Cancelling a job stops its statement: SQLite's progress handler asks
 * the job's cancellable every few thousand steps. Unlike
 * sqlite3_interrupt() from the cancelling thread, it cannot hit the next
 * job that took the connection in the meantime.
 */

#define G_LOG_DOMAIN "lotse-store-reader"

#include "config.h"

#include "lotse-store-private.h"
#include "lotse-store-reader.h"

/* Virtual machine steps between two looks at the cancellable: a few
 * microseconds of work, so a cancel takes effect at once. */
#define PROGRESS_STEPS 1000

/* Idle connections kept for later jobs; more are closed when done. */
#define MAX_IDLE 4

struct _LotseStoreReader
{
  GObject    parent_instance;

  char      *path;

  GMutex     lock;   /* guards idle: jobs run on several threads */
  GPtrArray *idle;   /* of LotseStore, opened read-only */
};

G_DEFINE_FINAL_TYPE (LotseStoreReader, lotse_store_reader, G_TYPE_OBJECT)

typedef struct
{
  LotseStoreReadFunc func;
  gpointer           data;
  GDestroyNotify     data_free;
  GDestroyNotify     result_free;
} Job;

static void
job_free (Job *job)
{
  if (job->data_free != NULL)
    job->data_free (job->data);
  g_free (job);
}

static void
lotse_store_reader_finalize (GObject *object)
{
  LotseStoreReader *self = LOTSE_STORE_READER (object);

  g_clear_pointer (&self->idle, g_ptr_array_unref);
  g_clear_pointer (&self->path, g_free);
  g_mutex_clear (&self->lock);

  G_OBJECT_CLASS (lotse_store_reader_parent_class)->finalize (object);
}

static void
lotse_store_reader_class_init (LotseStoreReaderClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = lotse_store_reader_finalize;
}

static void
lotse_store_reader_init (LotseStoreReader *self)
{
  g_mutex_init (&self->lock);
  self->idle = g_ptr_array_new_with_free_func (g_object_unref);
}

/**
 * lotse_store_reader_new:
 * @path: the database file, as lotse_store_open() left it
 *
 * Opens nothing yet: the first job opens its connection on its thread.
 *
 * Returns: (transfer full): a new reader
 */
LotseStoreReader *
lotse_store_reader_new (const char *path)
{
  LotseStoreReader *self;

  g_return_val_if_fail (path != NULL, NULL);

  self = g_object_new (LOTSE_TYPE_STORE_READER, NULL);
  self->path = g_strdup (path);

  return self;
}

/**
 * lotse_store_get_reader:
 * @store: a store
 *
 * The reader of @store's file, made on the first call and kept with the
 * store, so the views of one store share its connections.
 *
 * Returns: (transfer none): the reader
 */
LotseStoreReader *
lotse_store_get_reader (LotseStore *store)
{
  LotseStoreReader *reader;

  g_return_val_if_fail (LOTSE_IS_STORE (store), NULL);

  reader = g_object_get_data (G_OBJECT (store), "lotse-store-reader");
  if (reader == NULL)
    {
      reader = lotse_store_reader_new (lotse_store_get_path (store));
      g_object_set_data_full (G_OBJECT (store), "lotse-store-reader", reader, g_object_unref);
    }

  return reader;
}

const char *
lotse_store_reader_get_path (LotseStoreReader *self)
{
  g_return_val_if_fail (LOTSE_IS_STORE_READER (self), NULL);

  return self->path;
}

static LotseStore *
take_connection (LotseStoreReader  *self,
                 GError           **error)
{
  LotseStore *store = NULL;

  g_mutex_lock (&self->lock);
  if (self->idle->len > 0)
    store = g_ptr_array_steal_index_fast (self->idle, self->idle->len - 1);
  g_mutex_unlock (&self->lock);

  return store != NULL ? store : lotse_store_open_read_only (self->path, error);
}

static void
give_back_connection (LotseStoreReader *self,
                      LotseStore       *store)
{
  g_mutex_lock (&self->lock);
  if (self->idle->len < MAX_IDLE)
    g_ptr_array_add (self->idle, g_steal_pointer (&store));
  g_mutex_unlock (&self->lock);

  g_clear_object (&store);
}

static int
progress_cb (gpointer user_data)
{
  return g_cancellable_is_cancelled (user_data);
}

static void
run_in_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  LotseStoreReader *self = source_object;
  Job *job = task_data;
  g_autoptr(GError) error = NULL;
  LotseStore *store;
  gpointer result = NULL;

  if (g_task_return_error_if_cancelled (task))
    return;

  store = take_connection (self, &error);
  if (store == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (cancellable != NULL)
    sqlite3_progress_handler (lotse_store_get_db (store), PROGRESS_STEPS, progress_cb,
                              cancellable);
  result = job->func (store, job->data, &error);
  sqlite3_progress_handler (lotse_store_get_db (store), 0, NULL, NULL);
  give_back_connection (self, store);

  /* An interrupted statement reports a database error; it was a cancel. */
  if (g_cancellable_is_cancelled (cancellable))
    {
      if (result != NULL && job->result_free != NULL)
        job->result_free (result);
      g_task_return_error_if_cancelled (task);
    }
  else if (error != NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, result, job->result_free);
}

/**
 * lotse_store_reader_run_async:
 * @self: a reader
 * @func: the query, run on a worker thread
 * @data: (transfer full): passed to @func
 * @data_free: (nullable): frees @data when the job is over
 * @result_free: (nullable): frees what @func returned if nobody takes it
 * @cancellable: (nullable): cancels the job, also while its statement runs
 * @callback: called on the calling thread's main context
 * @user_data: for @callback
 */
void
lotse_store_reader_run_async (LotseStoreReader    *self,
                              LotseStoreReadFunc   func,
                              gpointer             data,
                              GDestroyNotify       data_free,
                              GDestroyNotify       result_free,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  Job *job;

  g_return_if_fail (LOTSE_IS_STORE_READER (self));
  g_return_if_fail (func != NULL);

  job = g_new0 (Job, 1);
  job->func = func;
  job->data = data;
  job->data_free = data_free;
  job->result_free = result_free;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, lotse_store_reader_run_async);
  g_task_set_task_data (task, job, (GDestroyNotify) job_free);
  g_task_run_in_thread (task, run_in_thread);
}

/**
 * lotse_store_reader_run_finish:
 * @self: a reader
 * @result: the result given to the callback
 * @error: a location for a #GError; %G_IO_ERROR_CANCELLED for a job that
 *   was cancelled
 *
 * Returns: (transfer full) (nullable): what the query function returned
 */
gpointer
lotse_store_reader_run_finish (LotseStoreReader  *self,
                               GAsyncResult      *result,
                               GError           **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
