/* lotse-search-worker.c: searches on a thread of their own
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Search as you type must never hold up a frame, and a short prefix over
 * 100,000 articles can take most of a second. A worker owns a second
 * connection to the database, opened on first use on the worker thread,
 * and runs one search at a time on it. Cancelling a search interrupts its
 * SQLite statement, so an outdated query gives way to the next one at
 * once instead of running to its end.
 */

#define G_LOG_DOMAIN "lotse-search-worker"

#include "config.h"

#include <string.h>

#include "lotse-search-worker.h"
#include "lotse-store-private.h"

struct _LotseSearchWorker
{
  GObject       parent_instance;

  char         *path;

  /* Held while a search runs: one statement at a time on the connection */
  GMutex        run_lock;
  LotseStore   *store;

  /* Guards running, which cancel handlers on other threads read */
  GMutex        interrupt_lock;
  GCancellable *running;
};

G_DEFINE_FINAL_TYPE (LotseSearchWorker, lotse_search_worker, G_TYPE_OBJECT)

typedef struct
{
  LotseSearchFunc func;
  gpointer        query;
  GDestroyNotify  query_free;
} Job;

static void
job_free (Job *job)
{
  if (job->query_free != NULL)
    job->query_free (job->query);
  g_free (job);
}

static void
lotse_search_worker_finalize (GObject *object)
{
  LotseSearchWorker *self = LOTSE_SEARCH_WORKER (object);

  g_clear_object (&self->store);
  g_clear_pointer (&self->path, g_free);
  g_mutex_clear (&self->run_lock);
  g_mutex_clear (&self->interrupt_lock);

  G_OBJECT_CLASS (lotse_search_worker_parent_class)->finalize (object);
}

static void
lotse_search_worker_class_init (LotseSearchWorkerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = lotse_search_worker_finalize;
}

static void
lotse_search_worker_init (LotseSearchWorker *self)
{
  g_mutex_init (&self->run_lock);
  g_mutex_init (&self->interrupt_lock);
}

/**
 * lotse_search_worker_new:
 * @db_path: the database file the searches read
 *
 * Returns: (transfer full): a new worker
 */
LotseSearchWorker *
lotse_search_worker_new (const char *db_path)
{
  LotseSearchWorker *self;

  g_return_val_if_fail (db_path != NULL, NULL);

  self = g_object_new (LOTSE_TYPE_SEARCH_WORKER, NULL);
  self->path = g_strdup (db_path);

  return self;
}

/* On whichever thread cancels */
static void
interrupt_cb (GCancellable      *cancellable,
              LotseSearchWorker *self)
{
  g_mutex_lock (&self->interrupt_lock);
  if (self->running == cancellable && self->store != NULL)
    sqlite3_interrupt (lotse_store_get_db (self->store));
  g_mutex_unlock (&self->interrupt_lock);
}

static void
run_in_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  LotseSearchWorker *self = source_object;
  Job *job = task_data;
  g_autoptr(GError) error = NULL;
  GPtrArray *results = NULL;
  gulong handler = 0;

  g_mutex_lock (&self->run_lock);

  /* Outdated while it waited for the one before */
  if (g_task_return_error_if_cancelled (task))
    {
      g_mutex_unlock (&self->run_lock);
      return;
    }

  if (self->store == NULL)
    {
      LotseStore *store = lotse_store_open (self->path, &error);

      g_mutex_lock (&self->interrupt_lock);
      self->store = store;
      g_mutex_unlock (&self->interrupt_lock);
    }

  if (self->store != NULL)
    {
      if (cancellable != NULL)
        {
          g_mutex_lock (&self->interrupt_lock);
          self->running = cancellable;
          g_mutex_unlock (&self->interrupt_lock);
          handler = g_cancellable_connect (cancellable, G_CALLBACK (interrupt_cb), self, NULL);
        }

      if (!g_cancellable_set_error_if_cancelled (cancellable, &error))
        results = job->func (self->store, job->query, &error);

      if (cancellable != NULL)
        {
          g_cancellable_disconnect (cancellable, handler);
          g_mutex_lock (&self->interrupt_lock);
          self->running = NULL;
          g_mutex_unlock (&self->interrupt_lock);
        }
    }

  g_mutex_unlock (&self->run_lock);

  /* An interrupted statement reports a database error; it was a cancel. */
  if (g_cancellable_is_cancelled (cancellable))
    {
      g_clear_pointer (&results, g_ptr_array_unref);
      g_task_return_error_if_cancelled (task);
    }
  else if (results == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, results, (GDestroyNotify) g_ptr_array_unref);
}

/**
 * lotse_search_worker_run_async:
 * @self: a worker
 * @func: the search, run on the worker's thread
 * @query: (transfer full): passed to @func
 * @query_free: (nullable): frees @query afterwards
 * @cancellable: (nullable): cancels the search, also while it runs
 * @callback: called on the calling thread's main context
 * @user_data: for @callback
 */
void
lotse_search_worker_run_async (LotseSearchWorker   *self,
                               LotseSearchFunc      func,
                               gpointer             query,
                               GDestroyNotify       query_free,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  Job *job;

  g_return_if_fail (LOTSE_IS_SEARCH_WORKER (self));
  g_return_if_fail (func != NULL);

  job = g_new0 (Job, 1);
  job->func = func;
  job->query = query;
  job->query_free = query_free;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, lotse_search_worker_run_async);
  g_task_set_task_data (task, job, (GDestroyNotify) job_free);
  g_task_run_in_thread (task, run_in_thread);
}

/**
 * lotse_search_worker_run_finish:
 * @self: a worker
 * @result: the result given to the callback
 * @error: a location for a #GError; %G_IO_ERROR_CANCELLED for a search
 *   that was cancelled
 *
 * Returns: (transfer full) (nullable): the array @func returned
 */
GPtrArray *
lotse_search_worker_run_finish (LotseSearchWorker  *self,
                                GAsyncResult       *result,
                                GError            **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* The index holds article bodies as Markdown; a snippet reads better
 * without its marks: emphasis and code marks, heading hashes, list
 * bullets, task boxes and quote marks at the start of a line. */
static void
strip_markdown_marks (char *text)
{
  const char *p = text;
  char *out = text;
  gboolean line_start = TRUE;

  while (*p != '\0')
    {
      if (line_start)
        {
          const char *q = p;

          while (*q == ' ')
            q++;

          if (*q == '#')
            {
              const char *r = q;

              while (*r == '#')
                r++;
              if (*r == ' ')
                {
                  p = r + 1;
                  line_start = FALSE;
                  continue;
                }
            }

          if ((*q == '-' || *q == '*' || *q == '+' || *q == '>') && q[1] == ' ')
            {
              /* A quote can hold a list: stay at the start of the line. */
              line_start = (*q == '>');
              p = q + 2;
              continue;
            }
        }

      if (g_str_has_prefix (p, "[ ] ") || g_str_has_prefix (p, "[x] ") ||
          g_str_has_prefix (p, "[X] "))
        {
          p += 4;
          continue;
        }

      if (g_str_has_prefix (p, "**") || g_str_has_prefix (p, "__") || g_str_has_prefix (p, "~~"))
        {
          p += 2;
          continue;
        }

      if (*p == '`')
        {
          p++;
          continue;
        }

      line_start = (*p == '\n');
      *out++ = *p++;
    }

  *out = '\0';
}

/**
 * lotse_search_snippet_to_markup:
 * @snippet: (nullable): a snippet from lotse-search, hits between
 *   %LOTSE_SEARCH_MATCH_START and %LOTSE_SEARCH_MATCH_END
 *
 * Returns: (transfer full): Pango markup with the hits in bold and all
 *   other text escaped, on one line, without Markdown's marks
 */
char *
lotse_search_snippet_to_markup (const char *snippet)
{
  g_autoptr(GString) markup = g_string_new (NULL);
  g_autofree char *valid = NULL;
  gboolean in_hit = FALSE;
  const char *p;

  if (snippet == NULL)
    return g_strdup ("");

  /* Other control characters become spaces: Pango's markup parser
   * refuses them even as character references. */
  valid = g_utf8_make_valid (snippet, -1);
  strip_markdown_marks (valid);
  for (char *c = valid; *c != '\0'; c++)
    if ((guchar) *c < 0x20 && *c != LOTSE_SEARCH_MATCH_START[0] && *c != LOTSE_SEARCH_MATCH_END[0])
      *c = ' ';

  p = valid;
  while (*p != '\0')
    {
      gsize span = strcspn (p, LOTSE_SEARCH_MATCH_START LOTSE_SEARCH_MATCH_END);

      if (span > 0)
        {
          g_autofree char *escaped = g_markup_escape_text (p, span);

          g_string_append (markup, escaped);
          p += span;
          continue;
        }

      if (*p == LOTSE_SEARCH_MATCH_START[0] && !in_hit)
        {
          g_string_append (markup, "<b>");
          in_hit = TRUE;
        }
      else if (*p == LOTSE_SEARCH_MATCH_END[0] && in_hit)
        {
          g_string_append (markup, "</b>");
          in_hit = FALSE;
        }
      p++;
    }

  if (in_hit)
    g_string_append (markup, "</b>");

  return g_string_free (g_steal_pointer (&markup), FALSE);
}
