/* lotse-sync-cycle.c: one sync cycle of the client
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One cycle: GET /v1/info, push the outbox in batches of max_batch (the
 * oldest entry of each row per batch), fetch rows again whose answer said
 * "equal, no new revision" behind the cursor, then pull pages until `more`
 * is false. Each answer is applied in one local transaction
 * (lotse-sync-apply.c, lotse-sync-pull.c). Only one cycle runs at a time:
 * a second request joins the running one or is refused with
 * LOTSE_SYNC_ERROR_BUSY. Requests go out through lotse-sync-http.c; the
 * store is only touched on the thread that started the cycle.
 *
 * LOTSE_SYNC_FAULT=exit-after-push-response|exit-mid-pull makes the
 * process exit at that point, for the crash tests.
 */

#define G_LOG_DOMAIN "lotse-sync"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>
#include <unistd.h>

#include "lotse-sync-blobs.h"
#include "lotse-sync-client-private.h"
#include "lotse-util.h"

#define PULL_LIMIT          1000
#define DEFAULT_MAX_BATCH   500
#define MAX_PUSH_ROUNDS     100000
#define LARGE_PUSH          1000  /* changes in a batch: see lotse_store_set_large_cache() */

/* What a running cycle knows. */
typedef struct
{
  char       *server_id;
  gint64      max_batch;
  gint64      max_body;   /* 0: unknown */
  gint64      cursor;
  gboolean    protocol2;  /* the server keeps marks and takes restated rows */
  gboolean    reconciling;/* rows the server may have lost wait for a full pull */
  gboolean    resync_done;
  gboolean    bulk;       /* the store is in bulk mode for a full pull */
  gboolean    large_cache;/* the store has a large cache for a push */
  guint       rounds;
  GPtrArray  *batch;      /* LotseOutboxEntry being pushed */
  GPtrArray  *ahead;      /* the next batch, read while batch is on its way */
  GPtrArray  *refetch;    /* LotseSyncRefetch */
} Cycle;

static void push_next (LotseSyncClient *self);
static void push_done (LotseSyncClient *self,
                       guint            status,
                       JsonNode        *body,
                       GError          *error,
                       gpointer         data);
static void refetch_next (LotseSyncClient *self);
static void pull_next (LotseSyncClient *self,
                       gint64           cursor);

static void
cycle_free (Cycle *cycle)
{
  g_free (cycle->server_id);
  g_clear_pointer (&cycle->batch, g_ptr_array_unref);
  g_clear_pointer (&cycle->ahead, g_ptr_array_unref);
  g_clear_pointer (&cycle->refetch, g_ptr_array_unref);
  g_free (cycle);
}

static gboolean
fault_is (const char *name)
{
  return g_strcmp0 (g_getenv ("LOTSE_SYNC_FAULT"), name) == 0;
}

static Cycle *
cycle_data (LotseSyncClient *self)
{
  return g_task_get_task_data (self->cycle);
}

/* The server's form of a cursor: `<server_id>:<seq>`. */
static char *
cursor_text (Cycle  *cycle,
             gint64  seq)
{
  return g_strdup_printf ("%s:%" G_GINT64_FORMAT, cycle->server_id, seq);
}

static void
cycle_complete (LotseSyncClient *self,
                GError          *error)
{
  g_autoptr(GTask) task = g_steal_pointer (&self->cycle);
  g_autoptr(GPtrArray) waiters = g_steal_pointer (&self->waiters);
  Cycle *cycle = g_task_get_task_data (task);

  if (cycle->bulk)
    {
      lotse_store_set_bulk_mode (self->store, FALSE);
      cycle->bulk = FALSE;
    }
  if (cycle->large_cache)
    {
      lotse_store_set_large_cache (self->store, FALSE);
      cycle->large_cache = FALSE;
    }

  self->waiters = g_ptr_array_new_with_free_func (g_object_unref);
  lotse_sync_client_set_phase (self, LOTSE_SYNC_PHASE_IDLE);
  lotse_sync_client_notify_busy (self);

  g_ptr_array_add (waiters, g_steal_pointer (&task));
  for (guint i = 0; i < waiters->len; i++)
    {
      GTask *waiter = g_ptr_array_index (waiters, i);

      if (error != NULL)
        g_task_return_error (waiter, g_error_copy (error));
      else
        g_task_return_boolean (waiter, TRUE);
    }
}

static void
cycle_fail (LotseSyncClient *self,
            GError          *error)
{
  g_autoptr(GError) owned = error;

  cycle_complete (self, owned);
}

static void
blobs_done (GObject      *source,
            GAsyncResult *result,
            gpointer      data)
{
  g_autoptr(LotseSyncClient) self = data;
  LotseSyncBlobStats stats = { 0 };
  GError *error = NULL;

  lotse_sync_blobs_run_finish (LOTSE_STORE (source), result, &stats, &error);
  self->stats.files_sent = stats.uploaded;
  self->stats.files_received = stats.downloaded;
  self->stats.files_missing = stats.missing;
  cycle_complete (self, error);
  g_clear_error (&error);
}

/* The rows are in; the files of attachments follow (lotse-sync-blobs.c).
 * A file the server refuses fails the cycle, so that it is seen; the
 * rows stay synced. */
static void
sync_blobs (LotseSyncClient *self)
{
  Cycle *cycle = cycle_data (self);

  lotse_sync_blobs_run_async (self->store, self->server_url, cycle->server_id, self->token,
                              !self->fetch_on_open, NULL, g_task_get_cancellable (self->cycle),
                              blobs_done, g_object_ref (self));
}

static void
cycle_done (LotseSyncClient *self)
{
  Cycle *cycle = cycle_data (self);
  g_autoptr(LotseSyncStateRow) state = NULL;
  g_autoptr(GError) error = NULL;

  state = lotse_store_sync_load_state (self->store, cycle->server_id, &error);
  if (state != NULL)
    {
      g_free (state->last_success);
      state->last_success = lotse_store_sync_now ();
      lotse_store_sync_save_state (self->store, state, &error);
    }

  if (error != NULL)
    {
      cycle_fail (self, g_steal_pointer (&error));
      return;
    }

  sync_blobs (self);
}

static LotseSyncStateRow *
load_cycle_state (LotseSyncClient *self)
{
  g_autoptr(GError) error = NULL;
  LotseSyncStateRow *state = lotse_store_sync_load_state (self->store, cycle_data (self)->server_id, &error);

  if (error != NULL)
    g_warning ("Could not read the sync state: %s", error->message);

  return state;
}

/* What a request says about the marks: the newest, which the server checks
 * (410 when its history differs there); while rows are being restated and
 * the fork is not known yet, all of them instead, for the server to find
 * the fork with. */
static char *
marks_query (LotseSyncClient *self)
{
  Cycle *cycle = cycle_data (self);
  g_autoptr(LotseSyncStateRow) state = NULL;
  g_autofree char *newest = NULL;
  g_autofree char *escaped = NULL;

  if (!cycle->protocol2 || (state = load_cycle_state (self)) == NULL || state->marks == NULL)
    return g_strdup ("");

  if (cycle->reconciling)
    {
      g_autofree char *list = NULL;

      if (state->fork >= 0)
        return g_strdup ("");
      list = g_strdelimit (g_strdup (state->marks), " ", ',');
      escaped = g_uri_escape_string (list, ",", FALSE);
      return g_strconcat ("&marks=", escaped, NULL);
    }

  newest = lotse_sync_marks_newest (state->marks);
  if (newest == NULL)
    return g_strdup ("");
  escaped = g_uri_escape_string (newest, NULL, FALSE);
  return g_strconcat ("&known=", escaped, NULL);
}

static char *
known_mark (LotseSyncClient *self)
{
  g_autoptr(LotseSyncStateRow) state = NULL;

  if (!cycle_data (self)->protocol2 || cycle_data (self)->reconciling ||
      (state = load_cycle_state (self)) == NULL)
    return NULL;

  return lotse_sync_marks_newest (state->marks);
}

/* Pulls everything from the start. A full pull writes many pages: a large
 * cache and no fsync at checkpoints. A crash can then lose the last pages,
 * but each page and its cursor go together, so they are simply fetched
 * again. */
static void
pull_from_start (LotseSyncClient *self)
{
  Cycle *cycle = cycle_data (self);

  cycle->cursor = 0;
  /* A full pull writes many pages: a large cache, and no checkpoint
   * (and its fsyncs) until it ends. A crash or a power cut can then
   * lose the last pages, never damage the file; each page and its
   * cursor go together, so they are simply fetched again. */
  if (!cycle->bulk)
    {
      lotse_store_set_bulk_mode (self->store, TRUE);
      cycle->bulk = TRUE;
    }
  pull_next (self, 0);
}

/* The rows this database holds may name history the server no longer
 * has: every one with a server revision becomes a candidate for
 * restating, and a full pull sorts out those the server still has.
 * @marks: the marks of that history, or NULL for the state's own. */
static gboolean
start_reconcile (LotseSyncClient    *self,
                 LotseSyncStateRow  *state,
                 const char         *marks,
                 GError            **error)
{
  Cycle *cycle = cycle_data (self);
  g_autofree char *kept = g_strdup (marks != NULL ? marks : state->marks);

  self->stats.resynced = TRUE;
  cycle->resync_done = TRUE;
  cycle->cursor = 0;

  return lotse_sync_reconcile_begin (self->store, state, kept, &cycle->reconciling, error);
}

/* 410: the cursor or the mark does not fit the server's history. */
static void
start_over (LotseSyncClient *self)
{
  Cycle *cycle = cycle_data (self);
  g_autoptr(LotseSyncStateRow) state = load_cycle_state (self);
  g_autoptr(GError) error = NULL;

  if (cycle->resync_done)
    {
      cycle_fail (self, g_error_new (LOTSE_SYNC_ERROR, LOTSE_SYNC_ERROR_PROTOCOL,
                                     _("The server asked for a full sync twice in a row")));
      return;
    }

  if (cycle->protocol2 && state != NULL)
    {
      if (!start_reconcile (self, state, NULL, &error))
        {
          cycle_fail (self, g_steal_pointer (&error));
          return;
        }
    }
  else
    {
      /* A server of protocol 1: local rows are kept, pulled rows overwrite
       * those without unpushed edits. */
      self->stats.resynced = TRUE;
      cycle->resync_done = TRUE;
    }

  g_clear_pointer (&cycle->batch, g_ptr_array_unref);
  g_clear_pointer (&cycle->ahead, g_ptr_array_unref);
  pull_from_start (self);
}

/* The full pull is done: the rows the server lacks or holds otherwise go
 * out as restated changes, then the cycle goes on as usual. */
static void
restate (LotseSyncClient *self)
{
  Cycle *cycle = cycle_data (self);
  g_autoptr(GError) error = NULL;
  guint restated = 0;

  if (!lotse_sync_reconcile_finish (self->store, cycle->server_id, &restated, &error))
    {
      cycle_fail (self, g_steal_pointer (&error));
      return;
    }

  if (restated > 0)
    g_message ("Restating %u rows the server may have lost", restated);
  cycle->reconciling = FALSE;
  push_next (self);
}

/* An answer to a pull that is not a page: an error, or 410. */
static void
pull_done (LotseSyncClient *self,
           guint            status,
           JsonNode        *body,
           GError          *error,
           gpointer         data)
{
  g_autoptr(GTask) owner = data;

  /* A page asked for ahead by a cycle that has ended since. */
  if (owner != self->cycle)
    return;

  if (error != NULL)
    {
      cycle_fail (self, g_error_copy (error));
      return;
    }

  if (status != SOUP_STATUS_GONE)
    {
      cycle_fail (self, g_error_new (LOTSE_SYNC_ERROR, LOTSE_SYNC_ERROR_PROTOCOL,
                                     _("The server sent an answer Lotse does not understand (%s)"), "pull"));
      return;
    }

  g_message ("The server asked for a full sync");
  start_over (self);
}

static void
pull_page_done (LotseSyncClient *self,
                LotseSyncPage   *page,
                gpointer         data)
{
  g_autoptr(GTask) owner = data;
  Cycle *cycle;
  g_autoptr(GError) local_error = NULL;
  gboolean more = FALSE;
  gint64 prefetch_cursor = 0;
  gboolean prefetched = FALSE;

  if (owner != self->cycle)
    return;

  cycle = cycle_data (self);

  /* The next page is on its way while this one is written. */
  if (lotse_sync_page_get_more (page) == TRUE &&
      lotse_sync_parse_cursor (lotse_sync_page_get_next_cursor (page), &prefetch_cursor))
    {
      pull_next (self, prefetch_cursor);
      prefetched = TRUE;
    }

  if (!lotse_sync_apply_pull_page (self->store, cycle->server_id, page, cycle->reconciling, &cycle->cursor,
                                   &more, &self->stats, &local_error))
    {
      cycle_fail (self, g_steal_pointer (&local_error));
      return;
    }

  lotse_sync_client_progress (self, LOTSE_SYNC_PHASE_PULLING, self->stats.pulled);

  if (more && fault_is ("exit-mid-pull"))
    _exit (3);

  if (more && !prefetched)
    pull_next (self, cycle->cursor);
  else if (!more && cycle->reconciling)
    restate (self);
  else if (!more)
    cycle_done (self);
}

static void
pull_next (LotseSyncClient *self,
           gint64           cursor)
{
  Cycle *cycle = cycle_data (self);
  g_autofree char *path = NULL;
  g_autofree char *marks = marks_query (self);

  lotse_sync_client_set_phase (self, LOTSE_SYNC_PHASE_PULLING);

  if (cursor > 0)
    {
      g_autofree char *text = cursor_text (cycle, cursor);
      g_autofree char *escaped = g_uri_escape_string (text, NULL, FALSE);

      path = g_strdup_printf ("/v1/sync/pull?cursor=%s&limit=%d%s", escaped, PULL_LIMIT, marks);
    }
  else
    {
      path = g_strdup_printf ("/v1/sync/pull?limit=%d%s", PULL_LIMIT, marks);
    }

  lotse_sync_client_send_pull (self, path, g_task_get_cancellable (self->cycle), pull_done, pull_page_done,
                               g_object_ref (self->cycle));
}

static void
refetch_done (LotseSyncClient *self,
              guint            status,
              JsonNode        *body,
              GError          *error,
              gpointer         data)
{
  Cycle *cycle;
  LotseSyncRefetch *item;
  g_autoptr(GError) local_error = NULL;

  if (error != NULL)
    {
      cycle_fail (self, g_error_copy (error));
      return;
    }

  cycle = cycle_data (self);
  item = g_ptr_array_index (cycle->refetch, 0);

  if (!lotse_sync_apply_history (self->store, item->table, item->id, body, &self->stats, &local_error))
    {
      cycle_fail (self, g_steal_pointer (&local_error));
      return;
    }

  g_ptr_array_remove_index (cycle->refetch, 0);
  refetch_next (self);
}

static void
refetch_next (LotseSyncClient *self)
{
  Cycle *cycle = cycle_data (self);
  LotseSyncRefetch *item;
  g_autofree char *path = NULL;

  if (cycle->refetch->len == 0)
    {
      if (cycle->cursor == 0)
        pull_from_start (self);
      else
        pull_next (self, cycle->cursor);
      return;
    }

  item = g_ptr_array_index (cycle->refetch, 0);
  path = g_strdup_printf ("/v1/items/%s/%s/history", item->table, item->id);
  lotse_sync_client_send (self, "GET", path, NULL, TRUE, g_task_get_cancellable (self->cycle), refetch_done, NULL);
}

/* A 400 that names one change of the batch: nothing was applied; that
 * change becomes a visible conflict and the rest goes out again. */
static gboolean
rejected_change (LotseSyncClient *self,
                 JsonNode        *body)
{
  Cycle *cycle = cycle_data (self);
  JsonObject *root = body && JSON_NODE_HOLDS_OBJECT (body) ? json_node_get_object (body) : NULL;
  JsonObject *server_error = lotse_sync_json_get_object (root, "error");
  gint64 index = -1;
  g_autoptr(GError) local_error = NULL;

  if (server_error == NULL || !lotse_sync_json_get_int (server_error, "index", &index) || index < 0 || index >= (gint64)cycle->batch->len)
    return FALSE;

  if (!lotse_sync_reject_entry (self->store, g_ptr_array_index (cycle->batch, index), server_error,
                                &local_error))
    {
      g_warning ("Could not set a refused change aside: %s", local_error->message);
      return FALSE;
    }

  self->stats.rejected++;
  g_clear_pointer (&cycle->batch, g_ptr_array_unref);
  return TRUE;
}

/* Builds the body of cycle->batch with the pull cursor @cursor_seq and
 * sends it. Returns FALSE, sending nothing, when the first change alone is
 * larger than the server takes. */
static gboolean
send_batch (LotseSyncClient *self,
            gint64           cursor_seq)
{
  Cycle *cycle = cycle_data (self);
  g_autofree char *cursor = cursor_text (cycle, cursor_seq);
  g_autofree char *known = known_mark (self);
  guint n_included = 0;
  char *body;

  body = lotse_sync_build_push_body (self->device_id, cursor, known, cycle->batch, cycle->max_body, &n_included);
  if (n_included == 0)
    {
      g_free (body);
      return FALSE;
    }
  g_ptr_array_set_size (cycle->batch, n_included);

  lotse_sync_client_send (self, "POST", "/v1/sync/push", body, TRUE, g_task_get_cancellable (self->cycle),
                push_done, g_object_ref (self->cycle));
  return TRUE;
}

/* The next batch is read while this one is on its way. A failure to read
 * is not the batch's: the next push_next() reads again and reports it. */
static void
read_ahead (LotseSyncClient *self)
{
  Cycle *cycle = cycle_data (self);
  g_autoptr(GError) error = NULL;

  g_clear_pointer (&cycle->ahead, g_ptr_array_unref);
  cycle->ahead = lotse_store_sync_read_outbox_except (self->store, (guint)cycle->max_batch, cycle->batch, &error);
  if (cycle->ahead == NULL)
    g_debug ("Could not read the next batch ahead: %s", error->message);
}

/* The server has answered the batch in flight: the batch read ahead goes
 * out at once, with the pull cursor the answer moves to, and the server
 * works on it while this answer is applied here. The server still sees
 * one batch after the other, each sent only once the one before was
 * committed; a batch is acknowledged only by its own answer. Returns TRUE
 * if the next batch is on its way. */
static gboolean
send_ahead (LotseSyncClient *self,
            JsonNode        *answer)
{
  Cycle *cycle = cycle_data (self);
  gint64 cursor = cycle->cursor;

  if (cycle->ahead == NULL || cycle->ahead->len == 0 || cycle->rounds >= MAX_PUSH_ROUNDS ||
      g_cancellable_is_cancelled (g_task_get_cancellable (self->cycle)) ||
      (cycle->server_id != NULL &&
       !lotse_sync_push_next_cursor (answer, cycle->server_id, cycle->cursor, &cursor, NULL)))
    return FALSE;

  cycle->batch = g_steal_pointer (&cycle->ahead);
  if (!send_batch (self, cursor))
    {
      g_clear_pointer (&cycle->batch, g_ptr_array_unref);
      return FALSE;
    }

  cycle->rounds++;
  return TRUE;
}

static void
push_done (LotseSyncClient *self,
           guint            status,
           JsonNode        *body,
           GError          *error,
           gpointer         data)
{
  g_autoptr(GTask) owner = data;
  g_autoptr(GPtrArray) sent = NULL;
  g_autoptr(GError) local_error = NULL;
  Cycle *cycle;
  gboolean in_flight;

  /* A batch sent ahead by a cycle that failed since: not acknowledged, it
   * goes out again, with the same op_ids, in the next cycle. */
  if (owner != self->cycle)
    return;

  cycle = cycle_data (self);

  /* The mark does not fit the server's history: nothing was applied. */
  if (error == NULL && status == SOUP_STATUS_GONE && cycle->protocol2)
    {
      g_message ("The server's history is not the one this device pulled");
      start_over (self);
      return;
    }
  if (error == NULL && status == SOUP_STATUS_GONE)
    error = local_error = g_error_new (LOTSE_SYNC_ERROR, LOTSE_SYNC_ERROR_PROTOCOL,
                                       _("The server sent an answer Lotse does not understand (%s)"), "410");

  if (error != NULL && status == SOUP_STATUS_BAD_REQUEST && rejected_change (self, body))
    {
      push_next (self);
      return;
    }

  /* Over max_body (large article texts): smaller batches. */
  if (error != NULL && status == SOUP_STATUS_REQUEST_ENTITY_TOO_LARGE && cycle->batch->len > 1)
    {
      cycle->max_batch = MAX (1, cycle->batch->len / 2);
      g_clear_pointer (&cycle->batch, g_ptr_array_unref);
      push_next (self);
      return;
    }

  if (error != NULL)
    {
      cycle_fail (self, g_error_copy (error));
      return;
    }

  /* The server has committed; the local ack has not happened yet. */
  if (fault_is ("exit-after-push-response"))
    _exit (3);

  sent = g_steal_pointer (&cycle->batch);
  in_flight = send_ahead (self, body);
  if (!lotse_sync_apply_push_results (self->store, sent, body, cycle->server_id, &cycle->cursor,
                                      cycle->refetch,
                                      &self->stats, &local_error))
    {
      cycle_fail (self, g_steal_pointer (&local_error));
      return;
    }

  lotse_sync_client_progress (self, LOTSE_SYNC_PHASE_PUSHING,
                              self->stats.pushed + self->stats.merged + self->stats.conflicts +
                              self->stats.rejected);
  if (in_flight)
    read_ahead (self);
  else
    push_next (self);
}

/* Reads the outbox afresh and sends its first batch: nothing is on its
 * way. */
static void
push_next (LotseSyncClient *self)
{
  Cycle *cycle = cycle_data (self);
  g_autoptr(GError) error = NULL;

  lotse_sync_client_set_phase (self, LOTSE_SYNC_PHASE_PUSHING);
  g_clear_pointer (&cycle->ahead, g_ptr_array_unref);

  if (g_cancellable_is_cancelled (g_task_get_cancellable (self->cycle)))
    {
      cycle_fail (self, g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED, _("Sync was cancelled")));
      return;
    }

  cycle->batch = lotse_store_sync_read_outbox (self->store, (guint)cycle->max_batch, &error);
  if (cycle->batch == NULL)
    {
      cycle_fail (self, g_steal_pointer (&error));
      return;
    }

  if (cycle->batch->len == 0 || ++cycle->rounds > MAX_PUSH_ROUNDS)
    {
      g_clear_pointer (&cycle->batch, g_ptr_array_unref);
      refetch_next (self);
      return;
    }

  /* Many changes to push: their answers update rows all over the file. */
  if (cycle->batch->len >= LARGE_PUSH && !cycle->large_cache)
    {
      lotse_store_set_large_cache (self->store, TRUE);
      cycle->large_cache = TRUE;
    }

  if (!send_batch (self, cycle->cursor))
    {
      /* One change larger than the server takes: set it aside, visibly. */
      g_autoptr(JsonObject) too_large = json_object_new ();
      g_autofree char *message = g_strdup_printf ("The change is larger than the server's limit of %"
                                                  G_GINT64_FORMAT " bytes", cycle->max_body);

      json_object_set_string_member (too_large, "code", "body_too_large");
      json_object_set_string_member (too_large, "message", message);
      if (!lotse_sync_reject_entry (self->store, g_ptr_array_index (cycle->batch, 0), too_large, &error))
        {
          cycle_fail (self, g_steal_pointer (&error));
          return;
        }
      self->stats.rejected++;
      g_clear_pointer (&cycle->batch, g_ptr_array_unref);
      push_next (self);
      return;
    }

  read_ahead (self);
}

static gboolean
lists_protocol (JsonObject *info,
                gint64      version)
{
  JsonNode *node = info ? json_object_get_member (info, "protocol") : NULL;
  JsonArray *versions = node && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;

  for (guint i = 0; versions != NULL && i < json_array_get_length (versions); i++)
    {
      JsonNode *element = json_array_get_element (versions, i);

      if (JSON_NODE_HOLDS_VALUE (element) && json_node_get_value_type (element) == G_TYPE_INT64 &&
          json_node_get_int (element) == version)
        return TRUE;
    }

  return FALSE;
}

/* The state of @server_id, or a new one. A server this database has not
 * synced with, while it holds rows from a server, is met (*out_meet): it is
 * the server synced with before, restored and given a new id, or another
 * one; either may lack what only this database has. *out_marks are the
 * marks of the history the rows came from, to find the fork with. */
static LotseSyncStateRow *
load_or_meet (LotseSyncClient  *self,
              const char       *server_id,
              char            **out_marks,
              gboolean         *out_meet,
              GError          **error)
{
  g_autoptr(LotseSyncStateRow) state = NULL;
  g_autoptr(LotseSyncStateRow) previous = NULL;
  GError *local_error = NULL;

  state = lotse_store_sync_load_state (self->store, server_id, &local_error);
  if (state != NULL || local_error != NULL)
    {
      if (local_error != NULL)
        g_propagate_error (error, local_error);
      return g_steal_pointer (&state);
    }

  state = g_new0 (LotseSyncStateRow, 1);
  state->server_id = g_strdup (server_id);
  state->fork = -1;
  if (!cycle_data (self)->protocol2)
    return g_steal_pointer (&state);

  previous = lotse_store_sync_find_state (self->store, self->server_url, &local_error);
  if (previous == NULL && local_error == NULL)
    previous = lotse_store_sync_find_state (self->store, NULL, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return NULL;
    }

  if (previous != NULL)
    {
      *out_meet = TRUE;
      *out_marks = g_strdup (previous->marks);
    }
  else if (!lotse_sync_has_server_rows (self->store, out_meet, error))
    return NULL;

  return g_steal_pointer (&state);
}

/* Once per server: a database that holds rows sync would never send
 * (lotse-cli generate writes benchmark data that way) is refused: it
 * would never match the server. */
static gboolean
check_rows (LotseSyncClient    *self,
            LotseSyncStateRow  *state,
            GError            **error)
{
  gint64 count = 0;

  if (state->rows_checked)
    return TRUE;

  if (!lotse_sync_count_unsyncable (self->store, &count, error))
    return FALSE;

  if (count > 0)
    {
      guint n = (guint)MIN (count, G_MAXUINT);

      g_set_error (error, LOTSE_SYNC_ERROR, LOTSE_SYNC_ERROR_FAILED,
                   ngettext ("%u record of this database was written without being recorded for sync, "
                             "as “lotse-cli generate” writes benchmark data, and would never reach the "
                             "server. A database syncs completely or not at all: sync a database without "
                             "such records",
                             "%u records of this database were written without being recorded for sync, "
                             "as “lotse-cli generate” writes benchmark data, and would never reach the "
                             "server. A database syncs completely or not at all: sync a database without "
                             "such records",
                             n),
                   n);
      return FALSE;
    }

  state->rows_checked = TRUE;
  return TRUE;
}

static void
info_done (LotseSyncClient *self,
           guint            status,
           JsonNode        *body,
           GError          *error,
           gpointer         data)
{
  JsonObject *root = body && JSON_NODE_HOLDS_OBJECT (body) ? json_node_get_object (body) : NULL;
  Cycle *cycle;
  g_autoptr(LotseSyncStateRow) state = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *meet_marks = NULL;
  gboolean meet = FALSE;
  const char *server_id;

  if (error != NULL)
    {
      cycle_fail (self, g_error_copy (error));
      return;
    }

  server_id = lotse_sync_json_get_string (root, "server_id");
  if (status != SOUP_STATUS_OK || server_id == NULL || *server_id == '\0' || strchr (server_id, ':') != NULL)
    {
      cycle_fail (self, g_error_new (LOTSE_SYNC_ERROR, LOTSE_SYNC_ERROR_PROTOCOL,
                                     _("%s does not answer like a Lotse server"), self->server_url));
      return;
    }

  cycle = cycle_data (self);
  cycle->server_id = g_strdup (server_id);
  if (!lotse_sync_json_get_int (root, "max_batch", &cycle->max_batch) || cycle->max_batch <= 0)
    cycle->max_batch = DEFAULT_MAX_BATCH;
  if (!lotse_sync_json_get_int (root, "max_body", &cycle->max_body))
    cycle->max_body = 0;
  cycle->max_body = MAX (0, cycle->max_body);
  lotse_set_str (&self->server_id, server_id);

  if (self->token == NULL || self->device_id == NULL)
    {
      cycle_fail (self, g_error_new (LOTSE_SYNC_ERROR, LOTSE_SYNC_ERROR_UNAUTHORIZED,
                                     _("This device is not logged in to %s"), self->server_url));
      return;
    }

  cycle->protocol2 = lists_protocol (root, 2);
  state = load_or_meet (self, server_id, &meet_marks, &meet, &local_error);
  if (state == NULL)
    {
      cycle_fail (self, g_steal_pointer (&local_error));
      return;
    }

  lotse_set_str (&state->server_url, self->server_url);
  lotse_set_str (&state->device_id, self->device_id);
  if (self->user != NULL)
    lotse_set_str (&state->user_name, self->user);
  cycle->cursor = state->cursor;

  if (!check_rows (self, state, &local_error) ||
      !lotse_store_sync_save_state (self->store, state, &local_error) ||
      (meet && !start_reconcile (self, state, meet_marks, &local_error)) ||
      (!meet && !lotse_sync_reconcile_pending (self->store, &cycle->reconciling, &local_error)))
    {
      cycle_fail (self, g_steal_pointer (&local_error));
      return;
    }

  /* Rows that may hold what the server lost are sorted out first: an
   * edit made on such a row must not go out on a revision number the
   * server has given to other content since. */
  if (cycle->reconciling && cycle->cursor == 0)
    pull_from_start (self);
  else if (cycle->reconciling)
    pull_next (self, cycle->cursor);
  else
    push_next (self);
}

/**
 * lotse_sync_client_sync_async:
 * @self: a client with credentials
 * @join: if a cycle runs already, complete when it completes instead of
 *   failing with %LOTSE_SYNC_ERROR_BUSY
 * @cancellable: (nullable): a #GCancellable; cancelling stops between
 *   answers, never inside a local transaction
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Runs one sync cycle.
 */
void
lotse_sync_client_sync_async (LotseSyncClient     *self,
                              gboolean             join,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  Cycle *cycle;

  g_return_if_fail (LOTSE_IS_SYNC_CLIENT (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, lotse_sync_client_sync_async);

  if (self->cycle != NULL)
    {
      if (join)
        g_ptr_array_add (self->waiters, g_steal_pointer (&task));
      else
        g_task_return_new_error (task, LOTSE_SYNC_ERROR, LOTSE_SYNC_ERROR_BUSY,
                                 _("A sync is running already"));
      return;
    }

  cycle = g_new0 (Cycle, 1);
  cycle->refetch = g_ptr_array_new_with_free_func ((GDestroyNotify)lotse_sync_refetch_free);
  g_task_set_task_data (task, cycle, (GDestroyNotify)cycle_free);
  /* The task must not report itself through the cancellable on its own:
   * cycle_complete() returns it together with the waiters. */
  g_task_set_check_cancellable (task, FALSE);

  self->cycle = g_steal_pointer (&task);
  memset (&self->stats, 0, sizeof self->stats);
  lotse_sync_client_notify_busy (self);
  lotse_sync_client_set_phase (self, LOTSE_SYNC_PHASE_CONNECTING);

  lotse_sync_client_send (self, "GET", "/v1/info", NULL, FALSE, cancellable, info_done, NULL);
}

/**
 * lotse_sync_client_sync_finish:
 * @out_stats: (out caller-allocates) (optional): what the cycle did
 *
 * Returns: %TRUE if the cycle completed
 */
gboolean
lotse_sync_client_sync_finish (LotseSyncClient  *self,
                               GAsyncResult     *result,
                               LotseSyncStats   *out_stats,
                               GError          **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  if (out_stats != NULL)
    *out_stats = self->stats;

  return g_task_propagate_boolean (G_TASK (result), error);
}
