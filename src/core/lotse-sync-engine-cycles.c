/* lotse-sync-engine-cycles.c: when an engine runs a sync cycle
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A cycle runs DEBOUNCE_MS after the last local change (a person typing
 * makes one cycle, not one per key), every PERIODIC_S, when the network
 * comes back after being away, and on demand; with "automatic" off only
 * on demand. Never two at once: asked for while one runs, a cycle runs
 * once more after it (lotse_sync_engine_sync_now()) or reports the
 * running one (lotse_sync_engine_sync_async()). A cycle that meets a
 * certificate nobody trusts stays running while the engine asks about it
 * (::accept-certificate), then runs again or ends.
 */

#define G_LOG_DOMAIN "lotse-sync-engine"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "lotse-sync-engine-private.h"
#include "lotse-sync-trust.h"

#define DEBOUNCE_MS        2000
#define PERIODIC_S         300

static GError *
untrusted_error (LotseSyncEngine *self)
{
  g_autofree char *fingerprint = lotse_sync_trust_fingerprint (self->untrusted);

  if (self->fingerprint != NULL)
    return g_error_new (LOTSE_SYNC_ENGINE_ERROR, LOTSE_SYNC_ENGINE_ERROR_UNTRUSTED_CERTIFICATE,
                        /* Translators: %s is a certificate's SHA-256 fingerprint */
                        _("The server’s certificate changed since it was trusted; Lotse does not sync "
                          "with it. Its SHA-256 fingerprint is now %s. If your administrator replaced "
                          "the certificate, sign out and connect again to check it."),
                        fingerprint);

  return g_error_new (LOTSE_SYNC_ENGINE_ERROR, LOTSE_SYNC_ENGINE_ERROR_UNTRUSTED_CERTIFICATE,
                      /* Translators: %s is a certificate's SHA-256 fingerprint */
                      _("The server’s certificate is not trusted yet (SHA-256 fingerprint %s)."),
                      fingerprint);
}

static void
note_outcome (LotseSyncEngine *self,
              const GError    *error)
{
  g_autofree char *message = error ? lotse_sync_engine_describe_error (error) : NULL;

  if (error == NULL)
    {
      self->offline = FALSE;
      lotse_sync_engine_set_last_error (self, NULL);
      lotse_sync_engine_load_last_success (self);
    }
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      /* Quitting or signing out; the outbox stays for the next time. */
    }
  else if (g_error_matches (error, LOTSE_SYNC_ERROR, LOTSE_SYNC_ERROR_NETWORK))
    {
      /* Offline is normal: no error state, the message says why. */
      self->offline = TRUE;
      lotse_sync_engine_set_last_error (self, message);
    }
  else
    {
      g_debug ("Sync failed: %s", error->message);
      self->offline = FALSE;
      lotse_sync_engine_set_last_error (self, message);
    }
}

static void
finish_cycle (LotseSyncEngine      *self,
              const LotseSyncStats *stats,
              const GError         *error)
{
  g_autoptr(GPtrArray) waiters = g_steal_pointer (&self->waiters);

  self->waiters = g_ptr_array_new_with_free_func (g_object_unref);
  lotse_sync_engine_set_busy (self, FALSE);
  note_outcome (self, error);
  lotse_sync_engine_reload_counts (self);
  lotse_sync_engine_update_state (self);
  g_signal_emit_by_name (self, "cycle-finished", error == NULL);

  for (guint i = 0; i < waiters->len; i++)
    {
      GTask *task = g_ptr_array_index (waiters, i);

      if (error != NULL)
        g_task_return_error (task, g_error_copy (error));
      else
        g_task_return_pointer (task, g_memdup2 (stats, sizeof *stats), g_free);
    }

  if (self->again && self->client != NULL)
    {
      self->again = FALSE;
      lotse_sync_engine_schedule (self, 0);
    }
  else if (error == NULL && self->automatic && self->client != NULL && self->outbox_count > 0)
    {
      /* Edited while the cycle pulled, after it had sent the outbox: the
       * change did not schedule a cycle then (one was running). */
      lotse_sync_engine_schedule (self, DEBOUNCE_MS);
    }
}

static void run_cycle (LotseSyncEngine *self);

typedef struct
{
  LotseSyncEngine *self;
  GError          *error;
} CycleProbe;

/* A cycle stopped at the server's certificate: once it is trusted, the
 * cycle runs again; else it ends with the question unanswered. */
static void
cycle_probe_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  CycleProbe *probe = user_data;
  g_autoptr(LotseSyncEngine) self = probe->self;
  g_autoptr(GError) error = probe->error;
  g_autoptr(GTlsCertificate) certificate = lotse_sync_trust_probe_finish (result, NULL, NULL);

  g_free (probe);
  self->asked = TRUE;

  if (certificate != NULL && !self->in_dispose &&
      lotse_sync_engine_ask_certificate (self, self->server_url, certificate))
    {
      run_cycle (self);
      return;
    }

  if (certificate != NULL)
    {
      g_clear_error (&error);
      error = untrusted_error (self);
    }
  finish_cycle (self, NULL, error);
}

static void
sync_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(LotseSyncEngine) self = user_data;
  g_autoptr(GError) error = NULL;
  LotseSyncStats stats = { 0, };
  gboolean ok;

  ok = lotse_sync_client_sync_finish (LOTSE_SYNC_CLIENT (source), result, &stats, &error);

  if (self->in_dispose)
    return;

  if (!ok && !self->asked && g_error_matches (error, LOTSE_SYNC_ERROR, LOTSE_SYNC_ERROR_CERTIFICATE))
    {
      CycleProbe *probe = g_new0 (CycleProbe, 1);

      /* Still busy: no other cycle starts while the question is open. */
      probe->self = g_object_ref (self);
      probe->error = g_steal_pointer (&error);
      lotse_sync_trust_probe_async (self->server_url, self->cancellable, cycle_probe_cb, probe);
      return;
    }

  finish_cycle (self, ok ? &stats : NULL, error);
}

static void
run_cycle (LotseSyncEngine *self)
{
  lotse_sync_client_sync_async (self->client, FALSE, self->cancellable, sync_cb, g_object_ref (self));
}

void
lotse_sync_engine_start_cycle (LotseSyncEngine *self)
{
  if (self->client == NULL)
    return;

  if (self->busy)
    {
      self->again = TRUE;
      return;
    }

  self->asked = FALSE;
  lotse_sync_engine_set_busy (self, TRUE);
  lotse_sync_engine_update_state (self);
  run_cycle (self);
}

void
lotse_sync_engine_stop_cycle (LotseSyncEngine *self)
{
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  self->again = FALSE;
}

static gboolean
debounce_cb (gpointer user_data)
{
  LotseSyncEngine *self = user_data;

  self->debounce_id = 0;
  /* Offline is normal: the change waits in the outbox until the network
   * comes back. */
  if (lotse_sync_engine_network_available (self))
    lotse_sync_engine_start_cycle (self);

  return G_SOURCE_REMOVE;
}

void
lotse_sync_engine_schedule (LotseSyncEngine *self,
                            guint            delay_ms)
{
  g_clear_handle_id (&self->debounce_id, g_source_remove);
  self->debounce_id = g_timeout_add (delay_ms, debounce_cb, self);
}

static gboolean
periodic_cb (gpointer user_data)
{
  LotseSyncEngine *self = user_data;

  if (self->automatic && lotse_sync_engine_network_available (self))
    lotse_sync_engine_start_cycle (self);

  return G_SOURCE_CONTINUE;
}

static void
store_changed_cb (LotseSyncEngine *self,
                  const char      *table,
                  const char      *id)
{
  lotse_sync_engine_reload_counts (self);
  lotse_sync_engine_update_state (self);

  /* Rows written by a pull change the store too; only local edits wait in
   * the outbox. */
  if (self->automatic && self->client != NULL && self->outbox_count > 0 && !self->busy)
    lotse_sync_engine_schedule (self, DEBOUNCE_MS);
}

static void
network_changed_cb (LotseSyncEngine *self,
                    gboolean         available)
{
  gboolean was_offline = self->offline || self->state == LOTSE_SYNC_STATE_OFFLINE;

  if (available)
    self->offline = FALSE;
  lotse_sync_engine_update_state (self);

  if (available && was_offline && self->automatic && self->client != NULL)
    lotse_sync_engine_start_cycle (self);
}

/* Cycles after changes, on the timer and when the network comes back */
void
lotse_sync_engine_watch (LotseSyncEngine *self)
{
  self->changed_id = g_signal_connect_swapped (self->store, "changed",
                                               G_CALLBACK (store_changed_cb), self);
  self->network_id = g_signal_connect_swapped (self->monitor, "network-changed",
                                               G_CALLBACK (network_changed_cb), self);
  self->periodic_id = g_timeout_add_seconds (PERIODIC_S, periodic_cb, self);

  /* What colleagues changed while Lotse was closed comes in right after
   * the start, not only at the first timer. */
  if (self->automatic && self->client != NULL)
    lotse_sync_engine_schedule (self, DEBOUNCE_MS);
}

void
lotse_sync_engine_sync_now (LotseSyncEngine *self)
{
  g_return_if_fail (LOTSE_IS_SYNC_ENGINE (self));

  g_clear_handle_id (&self->debounce_id, g_source_remove);
  lotse_sync_engine_start_cycle (self);
}

/**
 * lotse_sync_engine_sync_async:
 *
 * Runs a cycle and reports what it did. If a cycle runs already, this is
 * the one reported: never two at once.
 */
void
lotse_sync_engine_sync_async (LotseSyncEngine     *self,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (LOTSE_IS_SYNC_ENGINE (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, lotse_sync_engine_sync_async);

  if (self->client == NULL)
    {
      g_task_return_new_error (task, LOTSE_SYNC_ENGINE_ERROR, LOTSE_SYNC_ENGINE_ERROR_NOT_LOGGED_IN,
                               _("This device is not logged in to a server."));
      return;
    }

  g_clear_handle_id (&self->debounce_id, g_source_remove);
  g_ptr_array_add (self->waiters, g_steal_pointer (&task));
  if (!self->busy)
    lotse_sync_engine_start_cycle (self);
}

/**
 * lotse_sync_engine_sync_finish:
 * @out_stats: (out) (optional): what the cycle did
 */
gboolean
lotse_sync_engine_sync_finish (LotseSyncEngine  *self,
                               GAsyncResult     *result,
                               LotseSyncStats   *out_stats,
                               GError          **error)
{
  g_autofree LotseSyncStats *stats = NULL;

  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  stats = g_task_propagate_pointer (G_TASK (result), error);
  if (stats == NULL)
    return FALSE;

  if (out_stats != NULL)
    *out_stats = *stats;
  return TRUE;
}

void
lotse_sync_engine_shutdown (LotseSyncEngine *self)
{
  g_return_if_fail (LOTSE_IS_SYNC_ENGINE (self));

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->debounce_id, g_source_remove);
  g_clear_handle_id (&self->periodic_id, g_source_remove);
  self->again = FALSE;
}
