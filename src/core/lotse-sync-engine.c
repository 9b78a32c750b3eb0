/* lotse-sync-engine.c: sync as the app and lotse-cli run it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One engine per store. It keeps the account (lotse-sync-engine-account.c:
 * server, user and pinned certificate in the database, the device token
 * with lotse-credentials), runs the sync client after a change, on a timer,
 * when the network comes back and on demand, never two cycles at once,
 * asks about a server certificate nobody trusts yet (::accept-certificate),
 * resolves conflicts as ordinary edits, and sums up the state that the app
 * shows. lotse-cli runs the same engine with "automatic" off: one cycle on
 * demand, nothing on a timer.
 */

#define G_LOG_DOMAIN "lotse-sync-engine"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "lotse-sync-engine-private.h"
#include "lotse-sync-trust.h"
#include "lotse-util.h"

G_DEFINE_FINAL_TYPE (LotseSyncEngine, lotse_sync_engine, G_TYPE_OBJECT)
G_DEFINE_QUARK (lotse-sync-engine-error-quark, lotse_sync_engine_error)

enum {
  PROP_0,
  PROP_STORE,
  PROP_NETWORK_MONITOR,
  PROP_AUTOMATIC,
  PROP_DEVICE_NAME,
  PROP_KEEP_FILES_OFFLINE,
  PROP_STATE,
  PROP_CONNECTED,
  PROP_BUSY,
  PROP_SERVER_URL,
  PROP_USER,
  PROP_FINGERPRINT,
  PROP_LAST_ERROR,
  PROP_LAST_SUCCESS,
  PROP_OUTBOX_COUNT,
  PROP_CONFLICT_COUNT,
  N_PROPS
};

enum {
  CYCLE_FINISHED,
  CONFLICTS_CHANGED,
  ACCEPT_CERTIFICATE,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

gboolean
lotse_sync_engine_network_available (LotseSyncEngine *self)
{
  return self->monitor == NULL || g_network_monitor_get_network_available (self->monitor);
}

void
lotse_sync_engine_update_state (LotseSyncEngine *self)
{
  LotseSyncState state;

  if (self->client == NULL)
    state = LOTSE_SYNC_STATE_DISCONNECTED;
  else if (self->busy)
    state = LOTSE_SYNC_STATE_SYNCING;
  else if (self->offline || !lotse_sync_engine_network_available (self))
    state = LOTSE_SYNC_STATE_OFFLINE;
  else if (self->last_error != NULL)
    state = LOTSE_SYNC_STATE_ERROR;
  else if (self->conflict_count > 0)
    state = LOTSE_SYNC_STATE_CONFLICTS;
  else if (self->outbox_count > 0)
    state = LOTSE_SYNC_STATE_PENDING;
  else
    state = LOTSE_SYNC_STATE_SYNCED;

  if (state == self->state)
    return;

  self->state = state;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
}

static char *
conflict_key (const char *table,
              const char *id)
{
  return g_strconcat (table, "\n", id, NULL);
}

static gboolean
same_conflicts (GHashTable *a,
                GHashTable *b)
{
  GHashTableIter iter;
  gpointer key;
  gpointer value;

  if (g_hash_table_size (a) != g_hash_table_size (b))
    return FALSE;

  g_hash_table_iter_init (&iter, a);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (g_strcmp0 (value, g_hash_table_lookup (b, key)) != 0)
      return FALSE;

  return TRUE;
}

/* The set is read once here, so that the badges of a long list look their
 * record up in it instead of asking the database per row. Returns whether
 * it changed. */
static gboolean
reload_conflicts (LotseSyncEngine *self,
                  GPtrArray       *conflicts)
{
  g_autoptr(GHashTable) conflicted = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  for (guint i = 0; i < conflicts->len; i++)
    {
      LotseConflict *conflict = g_ptr_array_index (conflicts, i);

      g_hash_table_replace (conflicted, conflict_key (conflict->table, conflict->row_id),
                            g_strdup (conflict->id));
    }

  if (same_conflicts (self->conflicted, conflicted))
    return FALSE;

  g_hash_table_unref (self->conflicted);
  self->conflicted = g_steal_pointer (&conflicted);
  return TRUE;
}

void
lotse_sync_engine_reload_counts (LotseSyncEngine *self)
{
  g_autoptr(GPtrArray) conflicts = NULL;
  g_autoptr(GError) error = NULL;
  gint64 outbox = lotse_store_count_outbox (self->store);
  gboolean changed = FALSE;

  conflicts = lotse_store_sync_list_conflicts (self->store, FALSE, &error);
  if (conflicts == NULL)
    g_warning ("Could not read the conflicts: %s", error->message);
  else
    changed = reload_conflicts (self, conflicts);

  if (outbox != self->outbox_count)
    {
      self->outbox_count = outbox;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_OUTBOX_COUNT]);
    }
  if (conflicts != NULL && (gint64)conflicts->len != self->conflict_count)
    {
      self->conflict_count = conflicts->len;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONFLICT_COUNT]);
    }
  if (changed)
    g_signal_emit (self, signals[CONFLICTS_CHANGED], 0);
}

void
lotse_sync_engine_load_last_success (LotseSyncEngine *self)
{
  g_autoptr(LotseSyncStateRow) row = NULL;
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();

  /* Not while this device holds no token: "Not connected, last synced
   * just now" would say two things at once. */
  g_clear_pointer (&self->last_success, g_date_time_unref);
  if (self->client != NULL)
    row = lotse_store_sync_find_state (self->store, self->server_url, NULL);
  if (row != NULL && row->last_success != NULL)
    self->last_success = g_date_time_new_from_iso8601 (row->last_success, utc);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LAST_SUCCESS]);
}

void
lotse_sync_engine_set_last_error (LotseSyncEngine *self,
                                  const char      *message)
{
  if (g_strcmp0 (message, self->last_error) == 0)
    return;

  g_free (self->last_error);
  self->last_error = g_strdup (message);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LAST_ERROR]);
}

void
lotse_sync_engine_set_busy (LotseSyncEngine *self,
                            gboolean         busy)
{
  if (self->busy == !!busy)
    return;

  self->busy = !!busy;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

/* Takes the account in use: @client is NULL without a device token,
 * @server_url NULL without an account. */
void
lotse_sync_engine_take_account (LotseSyncEngine *self,
                                LotseSyncClient *client,
                                const char      *server_url,
                                const char      *user,
                                const char      *fingerprint)
{
  gboolean was_connected = self->client != NULL;

  g_set_object (&self->client, client);
  if (client != NULL)
    lotse_sync_client_set_keep_files_offline (client, !self->fetch_files_on_open);
  self->offline = FALSE;

  if (lotse_set_str (&self->server_url, server_url))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SERVER_URL]);
  if (lotse_set_str (&self->user, user))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_USER]);
  if (lotse_set_str (&self->fingerprint, fingerprint))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FINGERPRINT]);
  if (was_connected != (client != NULL))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONNECTED]);
  lotse_sync_engine_load_last_success (self);
  lotse_sync_engine_update_state (self);
}

/**
 * lotse_sync_engine_describe_error:
 * @error: an error of the engine or its sync client
 *
 * Returns: (transfer full): what the app says about @error; lotse-cli
 *   prints the error's own message, which names the server
 */
char *
lotse_sync_engine_describe_error (const GError *error)
{
  g_return_val_if_fail (error != NULL, NULL);

  /* Written for the person already: the account given, the certificate */
  if (error->domain == LOTSE_SYNC_ENGINE_ERROR || error->domain == G_IO_ERROR)
    return g_strdup (error->message);

  if (error->domain == LOTSE_SYNC_ERROR)
    switch ((LotseSyncError)error->code)
      {
      case LOTSE_SYNC_ERROR_NETWORK:
        return g_strdup (_("The server could not be reached. Your changes are kept and sent later."));
      case LOTSE_SYNC_ERROR_BAD_CREDENTIALS:
        return g_strdup (_("The user name or the password is wrong."));
      case LOTSE_SYNC_ERROR_UNAUTHORIZED:
        return g_strdup (_("The server no longer accepts this device. Sign out and connect again in Preferences → Server."));
      case LOTSE_SYNC_ERROR_FORBIDDEN:
        return g_strdup (_("Your account may only read. Your changes stay on this computer."));
      case LOTSE_SYNC_ERROR_UNAVAILABLE:
        return g_strdup (_("The server is restarting. Lotse tries again shortly; your changes are kept."));
      case LOTSE_SYNC_ERROR_RATE_LIMITED:
        return g_strdup (_("The server is busy. Lotse tries again shortly; your changes are kept."));
      case LOTSE_SYNC_ERROR_FAILED:
      case LOTSE_SYNC_ERROR_PROTOCOL:
      case LOTSE_SYNC_ERROR_SERVER:
      case LOTSE_SYNC_ERROR_BUSY:
      case LOTSE_SYNC_ERROR_CERTIFICATE:
      default:
        break;
      }

  /* Translators: %s is the technical reason */
  return g_strdup_printf (_("Syncing failed: %s"), error->message);
}

/* ---- certificates ------------------------------------------------- */

gboolean
lotse_sync_engine_ask_certificate (LotseSyncEngine *self,
                                   const char      *server_url,
                                   GTlsCertificate *certificate)
{
  g_autofree char *fingerprint = lotse_sync_trust_fingerprint (certificate);
  g_autofree char *subject = g_tls_certificate_get_subject_name (certificate);
  g_autofree char *issuer = g_tls_certificate_get_issuer_name (certificate);
  gboolean replaces = self->fingerprint != NULL && g_strcmp0 (self->server_url, server_url) == 0;
  gboolean accepted = FALSE;

  g_set_object (&self->untrusted, certificate);
  lotse_set_str (&self->untrusted_url, server_url);

  g_signal_emit (self, signals[ACCEPT_CERTIFICATE], 0, server_url, fingerprint, subject, issuer,
                 replaces, &accepted);
  if (accepted)
    lotse_sync_engine_trust_certificate (self, server_url, fingerprint);

  return accepted;
}

/* ---- object ------------------------------------------------------- */

static void
lotse_sync_engine_constructed (GObject *object)
{
  LotseSyncEngine *self = LOTSE_SYNC_ENGINE (object);

  G_OBJECT_CLASS (lotse_sync_engine_parent_class)->constructed (object);

  g_assert (LOTSE_IS_STORE (self->store));

  if (self->monitor == NULL)
    self->monitor = g_object_ref (g_network_monitor_get_default ());

  lotse_sync_engine_reload_counts (self);
  lotse_sync_engine_load_account (self);
  lotse_sync_engine_update_state (self);
  lotse_sync_engine_watch (self);
}

static void
lotse_sync_engine_dispose (GObject *object)
{
  LotseSyncEngine *self = LOTSE_SYNC_ENGINE (object);

  self->in_dispose = TRUE;
  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->debounce_id, g_source_remove);
  g_clear_handle_id (&self->periodic_id, g_source_remove);
  g_clear_signal_handler (&self->changed_id, self->store);
  g_clear_signal_handler (&self->network_id, self->monitor);
  g_clear_object (&self->client);
  g_clear_object (&self->monitor);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (lotse_sync_engine_parent_class)->dispose (object);
}

static void
lotse_sync_engine_finalize (GObject *object)
{
  LotseSyncEngine *self = LOTSE_SYNC_ENGINE (object);

  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->server_url, g_free);
  g_clear_pointer (&self->user, g_free);
  g_clear_pointer (&self->fingerprint, g_free);
  g_clear_pointer (&self->device_name, g_free);
  g_clear_pointer (&self->last_error, g_free);
  g_clear_pointer (&self->last_success, g_date_time_unref);
  g_clear_pointer (&self->conflicted, g_hash_table_unref);
  g_clear_object (&self->untrusted);
  g_clear_pointer (&self->untrusted_url, g_free);
  g_clear_pointer (&self->waiters, g_ptr_array_unref);

  G_OBJECT_CLASS (lotse_sync_engine_parent_class)->finalize (object);
}

static void
lotse_sync_engine_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  LotseSyncEngine *self = LOTSE_SYNC_ENGINE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_NETWORK_MONITOR:
      g_value_set_object (value, self->monitor);
      break;
    case PROP_AUTOMATIC:
      g_value_set_boolean (value, self->automatic);
      break;
    case PROP_DEVICE_NAME:
      g_value_set_string (value, lotse_sync_engine_get_device_name (self));
      break;
    case PROP_KEEP_FILES_OFFLINE:
      g_value_set_boolean (value, !self->fetch_files_on_open);
      break;
    case PROP_STATE:
      g_value_set_uint (value, self->state);
      break;
    case PROP_CONNECTED:
      g_value_set_boolean (value, self->client != NULL);
      break;
    case PROP_BUSY:
      g_value_set_boolean (value, self->busy);
      break;
    case PROP_SERVER_URL:
      g_value_set_string (value, self->server_url);
      break;
    case PROP_USER:
      g_value_set_string (value, self->user);
      break;
    case PROP_FINGERPRINT:
      g_value_set_string (value, self->fingerprint);
      break;
    case PROP_LAST_ERROR:
      g_value_set_string (value, self->last_error);
      break;
    case PROP_LAST_SUCCESS:
      g_value_set_boxed (value, self->last_success);
      break;
    case PROP_OUTBOX_COUNT:
      g_value_set_int64 (value, self->outbox_count);
      break;
    case PROP_CONFLICT_COUNT:
      g_value_set_int64 (value, self->conflict_count);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lotse_sync_engine_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  LotseSyncEngine *self = LOTSE_SYNC_ENGINE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;
    case PROP_NETWORK_MONITOR:
      self->monitor = g_value_dup_object (value);
      break;
    case PROP_AUTOMATIC:
      lotse_sync_engine_set_automatic (self, g_value_get_boolean (value));
      break;
    case PROP_DEVICE_NAME:
      lotse_sync_engine_set_device_name (self, g_value_get_string (value));
      break;
    case PROP_KEEP_FILES_OFFLINE:
      lotse_sync_engine_set_keep_files_offline (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
install_properties (GObjectClass *object_class)
{
  GParamFlags ro = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;
  GParamFlags co = G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS;
  GParamFlags rw = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, LOTSE_TYPE_STORE, co);
  /* Injectable so that a test can take the network away and bring it back. */
  properties[PROP_NETWORK_MONITOR] =
    g_param_spec_object ("network-monitor", NULL, NULL, G_TYPE_NETWORK_MONITOR, co);
  /* Cycles after a change, on a timer and when the network comes back;
   * off, cycles run only on demand (lotse-cli). */
  properties[PROP_AUTOMATIC] =
    g_param_spec_boolean ("automatic", NULL, NULL, TRUE, rw | G_PARAM_CONSTRUCT);
  /* How this device is named on the server when it logs in */
  properties[PROP_DEVICE_NAME] =
    g_param_spec_string ("device-name", NULL, NULL, NULL, rw);
  /* Download every attachment's file after a cycle, or only when opened */
  properties[PROP_KEEP_FILES_OFFLINE] =
    g_param_spec_boolean ("keep-files-offline", NULL, NULL, TRUE, rw);
  properties[PROP_STATE] =
    g_param_spec_uint ("state", NULL, NULL, 0, LOTSE_SYNC_STATE_ERROR, 0, ro);
  properties[PROP_CONNECTED] =
    g_param_spec_boolean ("connected", NULL, NULL, FALSE, ro);
  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE, ro);
  properties[PROP_SERVER_URL] =
    g_param_spec_string ("server-url", NULL, NULL, NULL, ro);
  properties[PROP_USER] =
    g_param_spec_string ("user", NULL, NULL, NULL, ro);
  properties[PROP_FINGERPRINT] =
    g_param_spec_string ("fingerprint", NULL, NULL, NULL, ro);
  properties[PROP_LAST_ERROR] =
    g_param_spec_string ("last-error", NULL, NULL, NULL, ro);
  properties[PROP_LAST_SUCCESS] =
    g_param_spec_boxed ("last-success", NULL, NULL, G_TYPE_DATE_TIME, ro);
  properties[PROP_OUTBOX_COUNT] =
    g_param_spec_int64 ("outbox-count", NULL, NULL, 0, G_MAXINT64, 0, ro);
  properties[PROP_CONFLICT_COUNT] =
    g_param_spec_int64 ("conflict-count", NULL, NULL, 0, G_MAXINT64, 0, ro);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
lotse_sync_engine_class_init (LotseSyncEngineClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = lotse_sync_engine_constructed;
  object_class->dispose = lotse_sync_engine_dispose;
  object_class->finalize = lotse_sync_engine_finalize;
  object_class->get_property = lotse_sync_engine_get_property;
  object_class->set_property = lotse_sync_engine_set_property;

  install_properties (object_class);

  /**
   * LotseSyncEngine::cycle-finished:
   * @success: whether the cycle succeeded
   */
  signals[CYCLE_FINISHED] =
    g_signal_new ("cycle-finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_BOOLEAN);

  /**
   * LotseSyncEngine::conflicts-changed:
   *
   * The set of records with an open conflict changed (after a sync or a
   * resolution); badges look their record up again.
   */
  signals[CONFLICTS_CHANGED] =
    g_signal_new ("conflicts-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 0);

  /**
   * LotseSyncEngine::accept-certificate:
   * @server_url: the server
   * @fingerprint: the certificate's SHA-256 fingerprint, "AB:CD:…"
   * @subject: (nullable): its subject
   * @issuer: (nullable): its issuer
   * @replaces: whether another certificate was trusted for the account
   *
   * The server's certificate is neither trusted by the system nor the one
   * pinned for the account. A handler that can decide now returns %TRUE
   * to trust it (it is pinned and kept with the account). Returning
   * %FALSE stops what was running with
   * %LOTSE_SYNC_ENGINE_ERROR_UNTRUSTED_CERTIFICATE; a question answered
   * later goes to lotse_sync_engine_trust_certificate(), and then the
   * connect or sync is started again.
   *
   * Returns: %TRUE to trust the certificate now
   */
  signals[ACCEPT_CERTIFICATE] =
    g_signal_new ("accept-certificate", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  g_signal_accumulator_true_handled, NULL, NULL, G_TYPE_BOOLEAN, 5,
                  G_TYPE_STRING, G_TYPE_STRING, G_TYPE_STRING, G_TYPE_STRING, G_TYPE_BOOLEAN);
}

static void
lotse_sync_engine_init (LotseSyncEngine *self)
{
  self->cancellable = g_cancellable_new ();
  self->conflicted = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->waiters = g_ptr_array_new_with_free_func (g_object_unref);
}

/**
 * lotse_sync_engine_new:
 * @store: the local store
 * @monitor: (nullable): the network monitor, or %NULL for the default one
 *
 * Returns: (transfer full): a new engine with the store's account
 */
LotseSyncEngine *
lotse_sync_engine_new (LotseStore      *store,
                       GNetworkMonitor *monitor)
{
  g_return_val_if_fail (LOTSE_IS_STORE (store), NULL);
  g_return_val_if_fail (monitor == NULL || G_IS_NETWORK_MONITOR (monitor), NULL);

  return g_object_new (LOTSE_TYPE_SYNC_ENGINE,
                       "store", store,
                       "network-monitor", monitor,
                       NULL);
}

/**
 * lotse_sync_engine_get_for_store:
 * @store: an open store
 *
 * The engine of @store, made on the first call with the default network
 * monitor; it lives as long as the store. One engine per store means one
 * cycle at a time on its database, whichever window asks.
 *
 * Returns: (transfer none): the engine
 */
LotseSyncEngine *
lotse_sync_engine_get_for_store (LotseStore *store)
{
  LotseSyncEngine *self;

  g_return_val_if_fail (LOTSE_IS_STORE (store), NULL);

  self = g_object_get_data (G_OBJECT (store), "lotse-sync-engine");
  if (self == NULL)
    {
      self = lotse_sync_engine_new (store, NULL);
      /* The engine holds the store; the store's data holds the engine
       * until lotse_sync_engine_release_for_store() breaks the cycle. */
      g_object_set_data_full (G_OBJECT (store), "lotse-sync-engine", self, g_object_unref);
    }

  return self;
}

void
lotse_sync_engine_release_for_store (LotseStore *store)
{
  LotseSyncEngine *self;

  g_return_if_fail (LOTSE_IS_STORE (store));

  self = g_object_get_data (G_OBJECT (store), "lotse-sync-engine");
  if (self == NULL)
    return;

  lotse_sync_engine_shutdown (self);
  g_object_set_data (G_OBJECT (store), "lotse-sync-engine", NULL);
}

LotseStore *
lotse_sync_engine_get_store (LotseSyncEngine *self)
{
  g_return_val_if_fail (LOTSE_IS_SYNC_ENGINE (self), NULL);
  return self->store;
}

LotseSyncState
lotse_sync_engine_get_state (LotseSyncEngine *self)
{
  g_return_val_if_fail (LOTSE_IS_SYNC_ENGINE (self), LOTSE_SYNC_STATE_DISCONNECTED);
  return self->state;
}

gboolean
lotse_sync_engine_get_connected (LotseSyncEngine *self)
{
  g_return_val_if_fail (LOTSE_IS_SYNC_ENGINE (self), FALSE);
  return self->client != NULL;
}

gboolean
lotse_sync_engine_get_busy (LotseSyncEngine *self)
{
  g_return_val_if_fail (LOTSE_IS_SYNC_ENGINE (self), FALSE);
  return self->busy;
}

/**
 * lotse_sync_engine_get_server_url:
 *
 * Returns: (nullable): the account's server, also while this device holds
 *   no token for it (not connected)
 */
const char *
lotse_sync_engine_get_server_url (LotseSyncEngine *self)
{
  g_return_val_if_fail (LOTSE_IS_SYNC_ENGINE (self), NULL);
  return self->server_url;
}

const char *
lotse_sync_engine_get_user (LotseSyncEngine *self)
{
  g_return_val_if_fail (LOTSE_IS_SYNC_ENGINE (self), NULL);
  return self->user;
}

/**
 * lotse_sync_engine_get_fingerprint:
 *
 * Returns: (nullable): the SHA-256 fingerprint of the certificate pinned
 *   for the account, or %NULL when the system trusts the server's
 */
const char *
lotse_sync_engine_get_fingerprint (LotseSyncEngine *self)
{
  g_return_val_if_fail (LOTSE_IS_SYNC_ENGINE (self), NULL);
  return self->fingerprint;
}

const char *
lotse_sync_engine_get_last_error (LotseSyncEngine *self)
{
  g_return_val_if_fail (LOTSE_IS_SYNC_ENGINE (self), NULL);
  return self->last_error;
}

/**
 * lotse_sync_engine_get_last_success:
 *
 * Returns: (transfer none) (nullable): when the last cycle succeeded (UTC)
 */
GDateTime *
lotse_sync_engine_get_last_success (LotseSyncEngine *self)
{
  g_return_val_if_fail (LOTSE_IS_SYNC_ENGINE (self), NULL);
  return self->last_success;
}

gint64
lotse_sync_engine_get_outbox_count (LotseSyncEngine *self)
{
  g_return_val_if_fail (LOTSE_IS_SYNC_ENGINE (self), 0);
  return self->outbox_count;
}

gint64
lotse_sync_engine_get_conflict_count (LotseSyncEngine *self)
{
  g_return_val_if_fail (LOTSE_IS_SYNC_ENGINE (self), 0);
  return self->conflict_count;
}

gboolean
lotse_sync_engine_get_automatic (LotseSyncEngine *self)
{
  g_return_val_if_fail (LOTSE_IS_SYNC_ENGINE (self), FALSE);
  return self->automatic;
}

void
lotse_sync_engine_set_automatic (LotseSyncEngine *self,
                                 gboolean         automatic)
{
  g_return_if_fail (LOTSE_IS_SYNC_ENGINE (self));

  if (self->automatic == !!automatic)
    return;

  self->automatic = !!automatic;
  if (!self->automatic)
    g_clear_handle_id (&self->debounce_id, g_source_remove);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_AUTOMATIC]);
}

gboolean
lotse_sync_engine_get_keep_files_offline (LotseSyncEngine *self)
{
  g_return_val_if_fail (LOTSE_IS_SYNC_ENGINE (self), TRUE);
  return !self->fetch_files_on_open;
}

void
lotse_sync_engine_set_keep_files_offline (LotseSyncEngine *self,
                                          gboolean         keep)
{
  g_return_if_fail (LOTSE_IS_SYNC_ENGINE (self));

  if (self->fetch_files_on_open == !keep)
    return;

  self->fetch_files_on_open = !keep;
  if (self->client != NULL)
    lotse_sync_client_set_keep_files_offline (self->client, keep);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_KEEP_FILES_OFFLINE]);
}

/**
 * lotse_sync_engine_fetch_file_async:
 * @self: an engine
 * @sha256: the blob of an attachment this device lacks
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Downloads one file now, for a person who opens it while files are
 * fetched only when opened.
 */
void
lotse_sync_engine_fetch_file_async (LotseSyncEngine     *self,
                                    const char          *sha256,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_return_if_fail (LOTSE_IS_SYNC_ENGINE (self));

  if (self->client == NULL || lotse_sync_client_get_server_id (self->client) == NULL)
    {
      g_task_report_new_error (self, callback, user_data, lotse_sync_engine_fetch_file_async, LOTSE_SYNC_ERROR,
                               LOTSE_SYNC_ERROR_UNAUTHORIZED,
                               _("The file is not on this device, and Lotse has not synced with a server yet"));
      return;
    }
  lotse_sync_client_fetch_file_async (self->client, sha256, cancellable, callback, user_data);
}

gboolean
lotse_sync_engine_fetch_file_finish (LotseSyncEngine  *self,
                                     GAsyncResult     *result,
                                     GError          **error)
{
  if (g_async_result_is_tagged (result, lotse_sync_engine_fetch_file_async))
    return g_task_propagate_boolean (G_TASK (result), error);
  return lotse_sync_client_fetch_file_finish (self->client, result, error);
}

/**
 * lotse_sync_engine_get_device_name:
 *
 * Returns: the name this device gets on the server; the host name unless
 *   set
 */
const char *
lotse_sync_engine_get_device_name (LotseSyncEngine *self)
{
  g_return_val_if_fail (LOTSE_IS_SYNC_ENGINE (self), NULL);
  return self->device_name ? self->device_name : g_get_host_name ();
}

void
lotse_sync_engine_set_device_name (LotseSyncEngine *self,
                                   const char      *device_name)
{
  g_return_if_fail (LOTSE_IS_SYNC_ENGINE (self));

  if (lotse_set_str (&self->device_name, device_name))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DEVICE_NAME]);
}

/**
 * lotse_sync_engine_has_conflict:
 * @table: a schema table name
 * @id: a row id
 *
 * Returns: whether the row has an open conflict (for a badge on the record)
 */
gboolean
lotse_sync_engine_has_conflict (LotseSyncEngine *self,
                                const char      *table,
                                const char      *id)
{
  return lotse_sync_engine_find_conflict (self, table, id) != NULL;
}

/**
 * lotse_sync_engine_find_conflict:
 * @table: a schema table name
 * @id: a row id
 *
 * Returns: (nullable): the id of the row's open conflict, or %NULL
 */
const char *
lotse_sync_engine_find_conflict (LotseSyncEngine *self,
                                 const char      *table,
                                 const char      *id)
{
  g_autofree char *key = NULL;

  g_return_val_if_fail (LOTSE_IS_SYNC_ENGINE (self), NULL);
  g_return_val_if_fail (table != NULL && id != NULL, NULL);

  key = conflict_key (table, id);
  return g_hash_table_lookup (self->conflicted, key);
}

/* ---- resolution --------------------------------------------------- */

static void
resolved (LotseSyncEngine *self)
{
  lotse_sync_engine_reload_counts (self);
  lotse_sync_engine_update_state (self);
  if (self->client != NULL)
    lotse_sync_engine_schedule (self, 0);
}

/**
 * lotse_sync_engine_resolve_take:
 *
 * Decides a conflict for one side (lotse_sync_resolve_conflict()) and
 * sends the decision with a sync.
 */
gboolean
lotse_sync_engine_resolve_take (LotseSyncEngine  *self,
                                const char       *conflict_id,
                                LotseSyncTake     take,
                                GError          **error)
{
  g_return_val_if_fail (LOTSE_IS_SYNC_ENGINE (self), FALSE);
  g_return_val_if_fail (conflict_id != NULL, FALSE);

  if (!lotse_sync_resolve_conflict (self->store, conflict_id, take, error))
    return FALSE;

  resolved (self);
  return TRUE;
}

/**
 * lotse_sync_engine_resolve_values:
 *
 * Decides a conflict field by field (lotse_sync_resolve_values()) and
 * sends the decision with a sync.
 */
gboolean
lotse_sync_engine_resolve_values (LotseSyncEngine  *self,
                                  const char       *conflict_id,
                                  GHashTable       *values,
                                  GError          **error)
{
  g_return_val_if_fail (LOTSE_IS_SYNC_ENGINE (self), FALSE);
  g_return_val_if_fail (conflict_id != NULL && values != NULL, FALSE);

  if (!lotse_sync_resolve_values (self->store, conflict_id, values, error))
    return FALSE;

  resolved (self);
  return TRUE;
}
