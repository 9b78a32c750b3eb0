/* lotse-sync-manager.c: the app's side of sync (account, automatic sync, state)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One manager per store. It keeps the account (server address and user in
 * GSettings, the device token with lotse-credentials: the keyring or a 0600
 * file, never GSettings or SQLite), runs the sync client after a change, on
 * a timer, when the network comes back and on demand, never two cycles at
 * once, and sums up what the header button shows.
 */

#define G_LOG_DOMAIN "lotse-sync-manager"

#include "config.h"

#include <glib/gi18n.h>
#include <libsoup/soup.h>
#include <string.h>

#include "lotse-sync-manager.h"
#include "lotse-sync-trust.h"

#define DEBOUNCE_MS        2000
#define PERIODIC_S         300

struct _LotseSyncManager
{
  GObject          parent_instance;

  LotseStore      *store;
  GSettings       *settings;
  GNetworkMonitor *monitor;
  LotseSyncClient *client;     /* NULL while not connected */
  GCancellable    *cancellable;

  char            *server_url;
  char            *user;
  char            *last_error;
  GDateTime       *last_success;
  gint64           outbox_count;
  gint64           conflict_count;
  GHashTable      *conflicted;  /* "table\nid" → id of its open conflict */
  GTlsCertificate *untrusted;   /* where the last connect stopped */
  char            *untrusted_url;

  guint            debounce_id;
  guint            periodic_id;
  gulong           changed_id;
  gulong           network_id;

  LotseSyncState   state;
  guint            automatic : 1;
  guint            busy : 1;
  guint            again : 1;   /* another cycle after the running one */
  guint            offline : 1; /* the last cycle could not reach the server */
  guint            in_dispose : 1;
};

G_DEFINE_FINAL_TYPE (LotseSyncManager, lotse_sync_manager, G_TYPE_OBJECT)
G_DEFINE_QUARK (lotse-sync-manager-error-quark, lotse_sync_manager_error)

enum {
  PROP_0,
  PROP_STORE,
  PROP_SETTINGS,
  PROP_NETWORK_MONITOR,
  PROP_STATE,
  PROP_CONNECTED,
  PROP_BUSY,
  PROP_SERVER_URL,
  PROP_USER,
  PROP_LAST_ERROR,
  PROP_LAST_SUCCESS,
  PROP_OUTBOX_COUNT,
  PROP_CONFLICT_COUNT,
  PROP_AUTOMATIC,
  N_PROPS
};

enum {
  CYCLE_FINISHED,
  CONFLICTS_CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void schedule_sync (LotseSyncManager *self,
                           guint             delay_ms);

static gboolean
network_available (LotseSyncManager *self)
{
  return self->monitor == NULL || g_network_monitor_get_network_available (self->monitor);
}

static void
update_state (LotseSyncManager *self)
{
  LotseSyncState state;

  if (self->client == NULL)
    state = LOTSE_SYNC_STATE_DISCONNECTED;
  else if (self->busy)
    state = LOTSE_SYNC_STATE_SYNCING;
  else if (self->offline || !network_available (self))
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

static void
reload_counts (LotseSyncManager *self)
{
  g_autoptr(GPtrArray) conflicts = NULL;
  g_autoptr(GError) error = NULL;
  gint64 outbox = lotse_store_count_outbox (self->store);

  g_autoptr(GHashTable) conflicted = NULL;
  gboolean changed = FALSE;

  conflicts = lotse_store_sync_list_conflicts (self->store, FALSE, &error);
  if (conflicts == NULL)
    g_warning ("Could not read the conflicts: %s", error->message);
  else
    {
      /* The set is read once here, so that the badges of a long list look
       * their record up in it instead of asking the database per row. */
      conflicted = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
      for (guint i = 0; i < conflicts->len; i++)
        {
          LotseConflict *conflict = g_ptr_array_index (conflicts, i);

          g_hash_table_replace (conflicted, conflict_key (conflict->table, conflict->row_id),
                                g_strdup (conflict->id));
        }
      changed = !same_conflicts (self->conflicted, conflicted);
      if (changed)
        {
          g_hash_table_unref (self->conflicted);
          self->conflicted = g_steal_pointer (&conflicted);
        }
    }

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

static void
load_last_success (LotseSyncManager *self)
{
  g_autoptr(LotseSyncStateRow) row = NULL;
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();

  g_clear_pointer (&self->last_success, g_date_time_unref);
  if (self->server_url != NULL)
    row = lotse_store_sync_find_state (self->store, self->server_url, NULL);
  if (row != NULL && row->last_success != NULL)
    self->last_success = g_date_time_new_from_iso8601 (row->last_success, utc);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LAST_SUCCESS]);
}

static void
set_last_error (LotseSyncManager *self,
                const char       *message)
{
  if (g_strcmp0 (message, self->last_error) == 0)
    return;

  g_free (self->last_error);
  self->last_error = g_strdup (message);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LAST_ERROR]);
}

static void
set_busy (LotseSyncManager *self,
          gboolean          busy)
{
  if (self->busy == !!busy)
    return;

  self->busy = !!busy;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

/* Takes the account in use; @client is NULL when signed out. */
static void
set_account (LotseSyncManager *self,
             LotseSyncClient  *client,
             const char       *server_url,
             const char       *user)
{
  g_set_object (&self->client, client);
  g_free (self->server_url);
  self->server_url = g_strdup (server_url);
  g_free (self->user);
  self->user = g_strdup (user);
  self->offline = FALSE;

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SERVER_URL]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_USER]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONNECTED]);
  load_last_success (self);
  update_state (self);
}

char *
lotse_sync_manager_describe_error (const GError *error)
{
  g_return_val_if_fail (error != NULL, NULL);

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
      default:
        break;
      }

  /* Translators: %s is the technical reason */
  return g_strdup_printf (_("Syncing failed: %s"), error->message);
}

static void
sync_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(LotseSyncManager) self = user_data;
  g_autoptr(GError) error = NULL;
  LotseSyncStats stats = { 0, };
  gboolean ok;

  ok = lotse_sync_client_sync_finish (LOTSE_SYNC_CLIENT (source), result, &stats, &error);

  if (self->in_dispose)
    return;

  set_busy (self, FALSE);

  if (ok)
    {
      self->offline = FALSE;
      set_last_error (self, NULL);
      load_last_success (self);
    }
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      /* Quitting or signing out; the outbox stays for the next time. */
    }
  else if (g_error_matches (error, LOTSE_SYNC_ERROR, LOTSE_SYNC_ERROR_NETWORK))
    {
      g_autofree char *message = lotse_sync_manager_describe_error (error);

      /* Offline is normal: no error state, the message says why. */
      self->offline = TRUE;
      set_last_error (self, message);
    }
  else
    {
      g_autofree char *message = lotse_sync_manager_describe_error (error);

      g_message ("Sync failed: %s", error->message);
      self->offline = FALSE;
      set_last_error (self, message);
    }

  reload_counts (self);
  update_state (self);
  g_signal_emit (self, signals[CYCLE_FINISHED], 0, ok);

  if (self->again && self->client != NULL)
    {
      self->again = FALSE;
      schedule_sync (self, 0);
    }
}

static void
start_cycle (LotseSyncManager *self)
{
  if (self->client == NULL)
    return;

  if (self->busy)
    {
      self->again = TRUE;
      return;
    }

  set_busy (self, TRUE);
  update_state (self);
  lotse_sync_client_sync_async (self->client, FALSE, self->cancellable, sync_cb,
                                g_object_ref (self));
}

static gboolean
debounce_cb (gpointer user_data)
{
  LotseSyncManager *self = user_data;

  self->debounce_id = 0;
  /* Offline is normal: the change waits in the outbox until the network
   * comes back. */
  if (network_available (self))
    start_cycle (self);

  return G_SOURCE_REMOVE;
}

static void
schedule_sync (LotseSyncManager *self,
               guint             delay_ms)
{
  g_clear_handle_id (&self->debounce_id, g_source_remove);
  self->debounce_id = g_timeout_add (delay_ms, debounce_cb, self);
}

static gboolean
periodic_cb (gpointer user_data)
{
  LotseSyncManager *self = user_data;

  if (self->automatic && network_available (self))
    start_cycle (self);

  return G_SOURCE_CONTINUE;
}

static void
store_changed_cb (LotseSyncManager *self,
                  const char       *table,
                  const char       *id)
{
  reload_counts (self);
  update_state (self);

  /* Rows written by a pull change the store too; only local edits wait in
   * the outbox. */
  if (self->automatic && self->client != NULL && self->outbox_count > 0 && !self->busy)
    schedule_sync (self, DEBOUNCE_MS);
}

static void
network_changed_cb (LotseSyncManager *self,
                    gboolean          available)
{
  gboolean was_offline = self->offline || self->state == LOTSE_SYNC_STATE_OFFLINE;

  if (available)
    self->offline = FALSE;
  update_state (self);

  if (available && was_offline && self->automatic && self->client != NULL)
    start_cycle (self);
}

static void
load_account (LotseSyncManager *self)
{
  g_autofree char *url = NULL;
  g_autofree char *user = NULL;
  g_autofree char *device_id = NULL;
  g_autofree char *token = NULL;
  g_autoptr(LotseSyncClient) client = NULL;
  g_autoptr(GError) error = NULL;
  const char *path = lotse_store_get_path (self->store);

  if (self->settings == NULL || path == NULL)
    return;

  url = g_settings_get_string (self->settings, "sync-server-url");
  user = g_settings_get_string (self->settings, "sync-user");
  if (*url == '\0' || *user == '\0')
    return;

  if (!lotse_credentials_lookup (path, url, user, &device_id, &token, NULL, &error))
    {
      if (error != NULL)
        g_message ("Could not read the device token: %s", error->message);
      return;
    }

  client = lotse_sync_client_new (self->store, url);
  lotse_sync_client_set_credentials (client, user, device_id, token);
  set_account (self, client, url, user);
}

static void
lotse_sync_manager_constructed (GObject *object)
{
  LotseSyncManager *self = LOTSE_SYNC_MANAGER (object);

  G_OBJECT_CLASS (lotse_sync_manager_parent_class)->constructed (object);

  g_assert (LOTSE_IS_STORE (self->store));

  if (self->monitor == NULL)
    self->monitor = g_object_ref (g_network_monitor_get_default ());
  lotse_sync_trust_install ();
  if (self->settings != NULL)
    {
      g_autoptr(GVariant) trusted = g_settings_get_value (self->settings, "sync-trusted-certificates");
      GVariantIter iter;
      const char *url;
      const char *fingerprint;

      self->automatic = g_settings_get_boolean (self->settings, "sync-automatic");
      g_variant_iter_init (&iter, trusted);
      while (g_variant_iter_next (&iter, "{&s&s}", &url, &fingerprint))
        lotse_sync_trust_pin (url, fingerprint);
    }

  self->changed_id = g_signal_connect_swapped (self->store, "changed",
                                               G_CALLBACK (store_changed_cb), self);
  self->network_id = g_signal_connect_swapped (self->monitor, "network-changed",
                                               G_CALLBACK (network_changed_cb), self);
  self->periodic_id = g_timeout_add_seconds (PERIODIC_S, periodic_cb, self);

  reload_counts (self);
  load_account (self);
  update_state (self);

  /* What colleagues changed while Lotse was closed comes in right after
   * the start, not only at the first timer. */
  if (self->automatic && self->client != NULL)
    schedule_sync (self, DEBOUNCE_MS);
}

static void
lotse_sync_manager_dispose (GObject *object)
{
  LotseSyncManager *self = LOTSE_SYNC_MANAGER (object);

  self->in_dispose = TRUE;
  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->debounce_id, g_source_remove);
  g_clear_handle_id (&self->periodic_id, g_source_remove);
  g_clear_signal_handler (&self->changed_id, self->store);
  g_clear_signal_handler (&self->network_id, self->monitor);
  g_clear_object (&self->client);
  g_clear_object (&self->monitor);
  g_clear_object (&self->settings);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (lotse_sync_manager_parent_class)->dispose (object);
}

static void
lotse_sync_manager_finalize (GObject *object)
{
  LotseSyncManager *self = LOTSE_SYNC_MANAGER (object);

  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->server_url, g_free);
  g_clear_pointer (&self->user, g_free);
  g_clear_pointer (&self->last_error, g_free);
  g_clear_pointer (&self->last_success, g_date_time_unref);
  g_clear_pointer (&self->conflicted, g_hash_table_unref);
  g_clear_object (&self->untrusted);
  g_clear_pointer (&self->untrusted_url, g_free);

  G_OBJECT_CLASS (lotse_sync_manager_parent_class)->finalize (object);
}

static void
lotse_sync_manager_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  LotseSyncManager *self = LOTSE_SYNC_MANAGER (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_SETTINGS:
      g_value_set_object (value, self->settings);
      break;
    case PROP_NETWORK_MONITOR:
      g_value_set_object (value, self->monitor);
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
    case PROP_AUTOMATIC:
      g_value_set_boolean (value, self->automatic);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lotse_sync_manager_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  LotseSyncManager *self = LOTSE_SYNC_MANAGER (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;
    case PROP_SETTINGS:
      self->settings = g_value_dup_object (value);
      break;
    case PROP_NETWORK_MONITOR:
      self->monitor = g_value_dup_object (value);
      break;
    case PROP_AUTOMATIC:
      lotse_sync_manager_set_automatic (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lotse_sync_manager_class_init (LotseSyncManagerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags ro = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;
  GParamFlags co = G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS;

  object_class->constructed = lotse_sync_manager_constructed;
  object_class->dispose = lotse_sync_manager_dispose;
  object_class->finalize = lotse_sync_manager_finalize;
  object_class->get_property = lotse_sync_manager_get_property;
  object_class->set_property = lotse_sync_manager_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, LOTSE_TYPE_STORE, co);
  properties[PROP_SETTINGS] =
    g_param_spec_object ("settings", NULL, NULL, G_TYPE_SETTINGS, co);
  /* Injectable so that a test can take the network away and bring it back. */
  properties[PROP_NETWORK_MONITOR] =
    g_param_spec_object ("network-monitor", NULL, NULL, G_TYPE_NETWORK_MONITOR, co);
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
  properties[PROP_LAST_ERROR] =
    g_param_spec_string ("last-error", NULL, NULL, NULL, ro);
  properties[PROP_LAST_SUCCESS] =
    g_param_spec_boxed ("last-success", NULL, NULL, G_TYPE_DATE_TIME, ro);
  properties[PROP_OUTBOX_COUNT] =
    g_param_spec_int64 ("outbox-count", NULL, NULL, 0, G_MAXINT64, 0, ro);
  properties[PROP_CONFLICT_COUNT] =
    g_param_spec_int64 ("conflict-count", NULL, NULL, 0, G_MAXINT64, 0, ro);
  properties[PROP_AUTOMATIC] =
    g_param_spec_boolean ("automatic", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * LotseSyncManager::cycle-finished:
   * @success: whether the cycle succeeded
   */
  signals[CYCLE_FINISHED] =
    g_signal_new ("cycle-finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_BOOLEAN);

  /**
   * LotseSyncManager::conflicts-changed:
   *
   * The set of records with an open conflict changed (after a sync or a
   * resolution); badges look their record up again.
   */
  signals[CONFLICTS_CHANGED] =
    g_signal_new ("conflicts-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
lotse_sync_manager_init (LotseSyncManager *self)
{
  self->cancellable = g_cancellable_new ();
  self->conflicted = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->automatic = TRUE;
}

/**
 * lotse_sync_manager_new:
 * @store: the local store
 * @settings: (nullable): where the account and the automatic switch are kept
 * @monitor: (nullable): the network monitor, or %NULL for the default one
 *
 * Returns: (transfer full): a new manager
 */
LotseSyncManager *
lotse_sync_manager_new (LotseStore      *store,
                        GSettings       *settings,
                        GNetworkMonitor *monitor)
{
  g_return_val_if_fail (LOTSE_IS_STORE (store), NULL);

  return g_object_new (LOTSE_TYPE_SYNC_MANAGER,
                       "store", store,
                       "settings", settings,
                       "network-monitor", monitor,
                       NULL);
}

/**
 * lotse_sync_manager_get_for_store:
 * @store: an open store
 *
 * The manager of @store, made on the first call with the application's
 * settings and the default network monitor; it lives as long as the store.
 *
 * Returns: (transfer none): the manager
 */
LotseSyncManager *
lotse_sync_manager_get_for_store (LotseStore *store)
{
  LotseSyncManager *self;

  g_return_val_if_fail (LOTSE_IS_STORE (store), NULL);

  self = g_object_get_data (G_OBJECT (store), "lotse-sync-manager");
  if (self == NULL)
    {
      g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);

      self = lotse_sync_manager_new (store, settings, NULL);
      /* The manager holds the store; the store's data holds the manager
       * until lotse_sync_manager_shutdown() breaks the cycle. */
      g_object_set_data_full (G_OBJECT (store), "lotse-sync-manager", self, g_object_unref);
    }

  return self;
}

void
lotse_sync_manager_release_for_store (LotseStore *store)
{
  LotseSyncManager *self;

  g_return_if_fail (LOTSE_IS_STORE (store));

  self = g_object_get_data (G_OBJECT (store), "lotse-sync-manager");
  if (self == NULL)
    return;

  lotse_sync_manager_shutdown (self);
  g_object_set_data (G_OBJECT (store), "lotse-sync-manager", NULL);
}

LotseStore *
lotse_sync_manager_get_store (LotseSyncManager *self)
{
  g_return_val_if_fail (LOTSE_IS_SYNC_MANAGER (self), NULL);
  return self->store;
}

LotseSyncState
lotse_sync_manager_get_state (LotseSyncManager *self)
{
  g_return_val_if_fail (LOTSE_IS_SYNC_MANAGER (self), LOTSE_SYNC_STATE_DISCONNECTED);
  return self->state;
}

gboolean
lotse_sync_manager_get_connected (LotseSyncManager *self)
{
  g_return_val_if_fail (LOTSE_IS_SYNC_MANAGER (self), FALSE);
  return self->client != NULL;
}

gboolean
lotse_sync_manager_get_busy (LotseSyncManager *self)
{
  g_return_val_if_fail (LOTSE_IS_SYNC_MANAGER (self), FALSE);
  return self->busy;
}

const char *
lotse_sync_manager_get_server_url (LotseSyncManager *self)
{
  g_return_val_if_fail (LOTSE_IS_SYNC_MANAGER (self), NULL);
  return self->server_url;
}

const char *
lotse_sync_manager_get_user (LotseSyncManager *self)
{
  g_return_val_if_fail (LOTSE_IS_SYNC_MANAGER (self), NULL);
  return self->user;
}

const char *
lotse_sync_manager_get_last_error (LotseSyncManager *self)
{
  g_return_val_if_fail (LOTSE_IS_SYNC_MANAGER (self), NULL);
  return self->last_error;
}

/**
 * lotse_sync_manager_get_last_success:
 *
 * Returns: (transfer none) (nullable): when the last cycle succeeded (UTC)
 */
GDateTime *
lotse_sync_manager_get_last_success (LotseSyncManager *self)
{
  g_return_val_if_fail (LOTSE_IS_SYNC_MANAGER (self), NULL);
  return self->last_success;
}

gint64
lotse_sync_manager_get_outbox_count (LotseSyncManager *self)
{
  g_return_val_if_fail (LOTSE_IS_SYNC_MANAGER (self), 0);
  return self->outbox_count;
}

gint64
lotse_sync_manager_get_conflict_count (LotseSyncManager *self)
{
  g_return_val_if_fail (LOTSE_IS_SYNC_MANAGER (self), 0);
  return self->conflict_count;
}

gboolean
lotse_sync_manager_get_automatic (LotseSyncManager *self)
{
  g_return_val_if_fail (LOTSE_IS_SYNC_MANAGER (self), FALSE);
  return self->automatic;
}

void
lotse_sync_manager_set_automatic (LotseSyncManager *self,
                                  gboolean          automatic)
{
  g_return_if_fail (LOTSE_IS_SYNC_MANAGER (self));

  if (self->automatic == !!automatic)
    return;

  self->automatic = !!automatic;
  if (self->settings != NULL)
    g_settings_set_boolean (self->settings, "sync-automatic", self->automatic);
  if (!self->automatic)
    g_clear_handle_id (&self->debounce_id, g_source_remove);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_AUTOMATIC]);
}

const char *
lotse_sync_manager_get_icon_name (LotseSyncManager *self)
{
  g_return_val_if_fail (LOTSE_IS_SYNC_MANAGER (self), NULL);

  switch (self->state)
    {
    case LOTSE_SYNC_STATE_SYNCED:
      return "emblem-ok-symbolic";
    case LOTSE_SYNC_STATE_SYNCING:
      return "emblem-synchronizing-symbolic";
    case LOTSE_SYNC_STATE_OFFLINE:
      return "network-offline-symbolic";
    case LOTSE_SYNC_STATE_PENDING:
      return "document-send-symbolic";
    case LOTSE_SYNC_STATE_CONFLICTS:
      return "dialog-warning-symbolic";
    case LOTSE_SYNC_STATE_ERROR:
      return "dialog-error-symbolic";
    case LOTSE_SYNC_STATE_DISCONNECTED:
    default:
      return "network-server-symbolic";
    }
}

const char *
lotse_sync_manager_get_state_label (LotseSyncManager *self)
{
  g_return_val_if_fail (LOTSE_IS_SYNC_MANAGER (self), NULL);

  switch (self->state)
    {
    case LOTSE_SYNC_STATE_SYNCED:
      return _("Synced");
    case LOTSE_SYNC_STATE_SYNCING:
      return _("Syncing…");
    case LOTSE_SYNC_STATE_OFFLINE:
      return _("Offline — changes are kept");
    case LOTSE_SYNC_STATE_PENDING:
      return _("Changes waiting to be synced");
    case LOTSE_SYNC_STATE_CONFLICTS:
      return _("Conflicts to resolve");
    case LOTSE_SYNC_STATE_ERROR:
      return _("Sync problem");
    case LOTSE_SYNC_STATE_DISCONNECTED:
    default:
      return _("Not connected to a server");
    }
}

/**
 * lotse_sync_manager_has_conflict:
 * @table: a schema table name
 * @id: a row id
 *
 * Returns: whether the row has an open conflict (for a badge on the record)
 */
gboolean
lotse_sync_manager_has_conflict (LotseSyncManager *self,
                                 const char       *table,
                                 const char       *id)
{
  g_autofree char *key = NULL;

  g_return_val_if_fail (LOTSE_IS_SYNC_MANAGER (self), FALSE);
  g_return_val_if_fail (table != NULL && id != NULL, FALSE);

  key = conflict_key (table, id);
  return g_hash_table_contains (self->conflicted, key);
}

/**
 * lotse_sync_manager_find_conflict:
 * @table: a schema table name
 * @id: a row id
 *
 * Returns: (nullable): the id of the row's open conflict, or %NULL
 */
const char *
lotse_sync_manager_find_conflict (LotseSyncManager *self,
                                  const char       *table,
                                  const char       *id)
{
  g_autofree char *key = NULL;

  g_return_val_if_fail (LOTSE_IS_SYNC_MANAGER (self), NULL);
  g_return_val_if_fail (table != NULL && id != NULL, NULL);

  key = conflict_key (table, id);
  return g_hash_table_lookup (self->conflicted, key);
}

void
lotse_sync_manager_refresh (LotseSyncManager *self)
{
  g_return_if_fail (LOTSE_IS_SYNC_MANAGER (self));

  reload_counts (self);
  update_state (self);
}

void
lotse_sync_manager_sync_now (LotseSyncManager *self)
{
  g_return_if_fail (LOTSE_IS_SYNC_MANAGER (self));

  g_clear_handle_id (&self->debounce_id, g_source_remove);
  start_cycle (self);
}

void
lotse_sync_manager_shutdown (LotseSyncManager *self)
{
  g_return_if_fail (LOTSE_IS_SYNC_MANAGER (self));

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->debounce_id, g_source_remove);
  g_clear_handle_id (&self->periodic_id, g_source_remove);
  self->again = FALSE;
}

/* ---- connect ------------------------------------------------------ */

typedef struct
{
  LotseSyncClient *client;
  SoupSession     *session;
  char            *url;
  char            *user;
  char            *password;
} ConnectData;

static void
connect_data_free (ConnectData *data)
{
  g_clear_object (&data->client);
  g_clear_object (&data->session);
  g_free (data->url);
  g_free (data->user);
  if (data->password != NULL)
    memset (data->password, 0, strlen (data->password));
  g_free (data->password);
  g_free (data);
}

static char *
normalize_url (const char *text)
{
  g_autofree char *stripped = g_strstrip (g_strdup (text));
  g_autoptr(GUri) uri = NULL;
  gsize len;

  uri = g_uri_parse (stripped, G_URI_FLAGS_NONE, NULL);
  if (uri == NULL || g_uri_get_host (uri) == NULL || *g_uri_get_host (uri) == '\0' ||
      (g_strcmp0 (g_uri_get_scheme (uri), "http") != 0 &&
       g_strcmp0 (g_uri_get_scheme (uri), "https") != 0))
    return NULL;

  len = strlen (stripped);
  while (len > 0 && stripped[len - 1] == '/')
    stripped[--len] = '\0';

  return g_steal_pointer (&stripped);
}

static void
login_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  LotseSyncManager *self = g_task_get_source_object (task);
  ConnectData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autofree char *device_id = NULL;
  g_autofree char *token = NULL;

  token = lotse_sync_client_login_finish (LOTSE_SYNC_CLIENT (source), result, &device_id, &error);
  if (token == NULL)
    {
      g_autofree char *message = lotse_sync_manager_describe_error (error);

      g_task_return_new_error (task, error->domain, error->code, "%s", message);
      return;
    }

  if (!lotse_credentials_store (lotse_store_get_path (self->store), data->url, data->user,
                                device_id, token, NULL, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (self->settings != NULL)
    {
      g_settings_set_string (self->settings, "sync-server-url", data->url);
      g_settings_set_string (self->settings, "sync-user", data->user);
    }

  set_last_error (self, NULL);
  set_account (self, data->client, data->url, data->user);
  g_task_return_boolean (task, TRUE);

  start_cycle (self);
}

static void
probe_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  LotseSyncManager *self = g_task_get_source_object (task);
  ConnectData *data = g_task_get_task_data (task);
  g_autoptr(GTlsCertificate) certificate = NULL;
  g_autoptr(GError) error = NULL;

  certificate = lotse_sync_trust_probe_finish (result, NULL, &error);
  if (error != NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (certificate != NULL)
    {
      g_set_object (&self->untrusted, certificate);
      g_free (self->untrusted_url);
      self->untrusted_url = g_strdup (data->url);
      g_task_return_new_error (task, LOTSE_SYNC_MANAGER_ERROR,
                               LOTSE_SYNC_MANAGER_ERROR_UNTRUSTED_CERTIFICATE,
                               _("The server’s certificate is not trusted yet."));
      return;
    }

  lotse_sync_client_login_async (data->client, data->user, data->password, g_get_host_name (),
                                 g_task_get_cancellable (task), login_cb, g_object_ref (task));
}

/**
 * lotse_sync_manager_connect_async:
 * @server_url: e.g. `https://lotse.example.org`
 * @user: the account name
 * @password: its password; it is sent once and not kept
 *
 * Logs in, keeps the device token (keyring or 0600 file) and starts a sync.
 */
void
lotse_sync_manager_connect_async (LotseSyncManager    *self,
                                  const char          *server_url,
                                  const char          *user,
                                  const char          *password,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  ConnectData *data;
  g_autofree char *url = NULL;
  g_autofree char *name = NULL;

  g_return_if_fail (LOTSE_IS_SYNC_MANAGER (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, lotse_sync_manager_connect_async);

  url = server_url ? normalize_url (server_url) : NULL;
  name = user ? g_strstrip (g_strdup (user)) : NULL;
  if (url == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                               _("Enter the server’s address, e.g. https://lotse.example.org"));
      return;
    }
  if (name == NULL || *name == '\0')
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                               _("Enter your user name."));
      return;
    }
  if (password == NULL || *password == '\0')
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                               _("Enter your password."));
      return;
    }
  if (lotse_store_get_path (self->store) == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                               _("This database has no file to keep the account beside."));
      return;
    }

  data = g_new0 (ConnectData, 1);
  data->client = lotse_sync_client_new (self->store, url);
  data->url = g_steal_pointer (&url);
  data->user = g_steal_pointer (&name);
  data->password = g_strdup (password);
  g_task_set_task_data (task, data, (GDestroyNotify)connect_data_free);

  g_clear_object (&self->untrusted);
  g_clear_pointer (&self->untrusted_url, g_free);

  /* An https server whose certificate is not trusted is asked about
   * before the password goes anywhere. */
  lotse_sync_trust_probe_async (data->url, cancellable, probe_cb, g_steal_pointer (&task));
}

gboolean
lotse_sync_manager_connect_finish (LotseSyncManager  *self,
                                   GAsyncResult      *result,
                                   GError           **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* ---- sign out ----------------------------------------------------- */

/* Signing out also forgets a pinned certificate of the server: whoever
 * connects again checks the fingerprint again, so a certificate swapped in
 * the meantime is not trusted silently. */
static void
forget_certificate (LotseSyncManager *self,
                    const char       *url)
{
  if (url == NULL)
    return;

  lotse_sync_trust_unpin (url);

  if (self->settings != NULL)
    {
      g_autoptr(GVariant) old = g_settings_get_value (self->settings, "sync-trusted-certificates");
      g_auto(GVariantBuilder) builder = G_VARIANT_BUILDER_INIT (G_VARIANT_TYPE ("a{ss}"));
      GVariantIter iter;
      const char *pinned_url;
      const char *pinned;
      gboolean found = FALSE;

      g_variant_iter_init (&iter, old);
      while (g_variant_iter_next (&iter, "{&s&s}", &pinned_url, &pinned))
        if (g_str_equal (pinned_url, url))
          found = TRUE;
        else
          g_variant_builder_add (&builder, "{ss}", pinned_url, pinned);
      if (found)
        g_settings_set_value (self->settings, "sync-trusted-certificates",
                              g_variant_builder_end (&builder));
    }
}

static void
forget_account (LotseSyncManager *self,
                const char       *url,
                const char       *user)
{
  g_autoptr(GError) error = NULL;

  if (!lotse_credentials_forget (lotse_store_get_path (self->store), url, user, &error))
    g_warning ("Could not delete the device token: %s", error->message);

  if (self->settings != NULL)
    {
      g_settings_reset (self->settings, "sync-server-url");
      g_settings_reset (self->settings, "sync-user");
    }
  forget_certificate (self, url);

  set_last_error (self, NULL);
  set_account (self, NULL, NULL, NULL);
}

static void
logout_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  LotseSyncManager *self = g_task_get_source_object (task);
  ConnectData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = NULL;
  body = soup_session_send_and_read_finish (SOUP_SESSION (source), result, &error);

  /* The token is deleted here even when the server could not be told: the
   * device must not keep a token the user signed out of. */
  forget_account (self, data->url, data->user);

  if (body == NULL)
    {
      g_task_return_new_error (task, LOTSE_SYNC_ERROR, LOTSE_SYNC_ERROR_NETWORK,
                               _("Signed out on this computer, but the server could not be told: %s"),
                               error->message);
      return;
    }

  g_task_return_boolean (task, TRUE);
}

/**
 * lotse_sync_manager_sign_out_async:
 *
 * Revokes the device token on the server (/v1/auth/logout) and deletes it
 * here.
 */
void
lotse_sync_manager_sign_out_async (LotseSyncManager    *self,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(SoupSession) session = NULL;
  g_autoptr(SoupMessage) message = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autofree char *device_id = NULL;
  g_autofree char *token = NULL;
  g_autofree char *uri = NULL;
  g_autofree char *bearer = NULL;
  ConnectData *data;

  g_return_if_fail (LOTSE_IS_SYNC_MANAGER (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, lotse_sync_manager_sign_out_async);

  if (self->client == NULL)
    {
      g_task_return_boolean (task, TRUE);
      return;
    }

  /* A running cycle stops; its outbox stays. */
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  data = g_new0 (ConnectData, 1);
  data->url = g_strdup (self->server_url);
  data->user = g_strdup (self->user);
  g_task_set_task_data (task, data, (GDestroyNotify)connect_data_free);

  if (!lotse_credentials_lookup (lotse_store_get_path (self->store), data->url, data->user,
                                 &device_id, &token, NULL, NULL))
    {
      forget_account (self, data->url, data->user);
      g_task_return_boolean (task, TRUE);
      return;
    }

  uri = g_strconcat (data->url, "/v1/auth/logout", NULL);
  message = soup_message_new ("POST", uri);
  if (message == NULL)
    {
      forget_account (self, data->url, data->user);
      g_task_return_boolean (task, TRUE);
      return;
    }

  bearer = g_strconcat ("Bearer ", token, NULL);
  soup_message_headers_replace (soup_message_get_request_headers (message), "Authorization", bearer);
  body = g_bytes_new_static ("{}", 2);
  soup_message_set_request_body_from_bytes (message, "application/json", body);

  session = soup_session_new_with_options ("timeout", 15, NULL);
  data->session = g_object_ref (session);
  soup_session_send_and_read_async (session, message, G_PRIORITY_DEFAULT, cancellable,
                                    logout_cb, g_steal_pointer (&task));
}

gboolean
lotse_sync_manager_sign_out_finish (LotseSyncManager  *self,
                                    GAsyncResult      *result,
                                    GError           **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* ---- resolution --------------------------------------------------- */

char *
lotse_sync_side_get_value (JsonObject *side,
                           const char *name,
                           gboolean   *out_present)
{
  JsonObject *fields = NULL;
  JsonNode *node;

  if (out_present != NULL)
    *out_present = FALSE;
  if (side != NULL && json_object_has_member (side, "fields") &&
      JSON_NODE_HOLDS_OBJECT (json_object_get_member (side, "fields")))
    fields = json_object_get_object_member (side, "fields");
  if (fields == NULL || !json_object_has_member (fields, name))
    return NULL;

  if (out_present != NULL)
    *out_present = TRUE;
  node = json_object_get_member (fields, name);
  if (JSON_NODE_HOLDS_NULL (node))
    return NULL;
  if (json_node_get_value_type (node) == G_TYPE_INT64)
    return g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
  if (json_node_get_value_type (node) == G_TYPE_STRING)
    return g_strdup (json_node_get_string (node));

  return NULL;
}

static gboolean
array_has (JsonArray  *array,
           const char *name)
{
  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);

      if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING &&
          g_str_equal (json_node_get_string (node), name))
        return TRUE;
    }

  return FALSE;
}

static void
resolved (LotseSyncManager *self)
{
  reload_counts (self);
  update_state (self);
  if (self->client != NULL)
    schedule_sync (self, 0);
}

gboolean
lotse_sync_manager_resolve_take (LotseSyncManager  *self,
                                 const char        *conflict_id,
                                 LotseSyncTake      take,
                                 GError           **error)
{
  g_return_val_if_fail (LOTSE_IS_SYNC_MANAGER (self), FALSE);
  g_return_val_if_fail (conflict_id != NULL, FALSE);

  if (!lotse_sync_resolve_conflict (self->store, conflict_id, take, error))
    return FALSE;

  resolved (self);
  return TRUE;
}

/* Like lotse_sync_resolve_conflict() with LOTSE_SYNC_TAKE_MINE, but the
 * conflicting fields get the values the person chose or wrote. The other
 * fields of the refused change are sent again as they were. */
gboolean
lotse_sync_manager_resolve_values (LotseSyncManager  *self,
                                   const char        *conflict_id,
                                   GHashTable        *values,
                                   GError           **error)
{
  g_autoptr(LotseConflict) conflict = NULL;
  g_autoptr(LotseRecord) current = NULL;
  g_autoptr(JsonNode) mine_node = NULL;
  g_autoptr(JsonNode) fields_node = NULL;
  g_autofree gboolean *mask = NULL;
  const LotseTable *table;
  JsonObject *mine = NULL;
  JsonArray *conflicting = NULL;
  JsonArray *changed = NULL;

  g_return_val_if_fail (LOTSE_IS_SYNC_MANAGER (self), FALSE);
  g_return_val_if_fail (conflict_id != NULL && values != NULL, FALSE);

  conflict = lotse_store_sync_get_conflict (self->store, conflict_id, error);
  if (conflict == NULL)
    return FALSE;
  if (conflict->resolved_at != NULL)
    {
      g_set_error (error, LOTSE_ERROR, LOTSE_ERROR_INVALID_VALUE,
                   _("This conflict was resolved already."));
      return FALSE;
    }

  table = lotse_schema_lookup_table (conflict->table);
  current = table ? lotse_store_sync_get_row (self->store, table->name, conflict->row_id, error) : NULL;
  if (current == NULL)
    {
      if (error != NULL && *error == NULL)
        g_set_error (error, LOTSE_ERROR, LOTSE_ERROR_NOT_FOUND,
                     _("The record of this conflict no longer exists."));
      return FALSE;
    }

  mine_node = conflict->mine_json ? json_from_string (conflict->mine_json, NULL) : NULL;
  if (mine_node != NULL && JSON_NODE_HOLDS_OBJECT (mine_node))
    mine = json_node_get_object (mine_node);
  fields_node = conflict->fields_json ? json_from_string (conflict->fields_json, NULL) : NULL;
  if (fields_node != NULL && JSON_NODE_HOLDS_ARRAY (fields_node))
    conflicting = json_node_get_array (fields_node);
  if (mine != NULL && json_object_has_member (mine, "changed") &&
      JSON_NODE_HOLDS_ARRAY (json_object_get_member (mine, "changed")))
    changed = json_object_get_array_member (mine, "changed");

  mask = g_new0 (gboolean, table->n_fields);
  for (guint i = 0; i < table->n_fields; i++)
    {
      const LotseField *field = &table->fields[i];
      gpointer value;

      if (g_hash_table_lookup_extended (values, field->name, NULL, &value) &&
          array_has (conflicting, field->name))
        {
          g_autofree char *normalized = NULL;
          g_autoptr(GError) local_error = NULL;

          if (value != NULL && *(const char *)value != '\0')
            {
              normalized = lotse_field_normalize (field, value, &local_error);
              if (normalized == NULL)
                {
                  /* Translators: %s are a field's name and the reason */
                  g_set_error (error, LOTSE_ERROR, LOTSE_ERROR_INVALID_VALUE, _("%s: %s"),
                               _(field->label), local_error->message);
                  return FALSE;
                }
            }
          else if (field->flags & LOTSE_FIELD_REQUIRED)
            {
              /* Translators: %s is a field's name */
              g_set_error (error, LOTSE_ERROR, LOTSE_ERROR_INVALID_VALUE, _("%s must not be empty."),
                           _(field->label));
              return FALSE;
            }
          lotse_record_take_nth (current, i, g_steal_pointer (&normalized));
          mask[i] = TRUE;
        }
      else if (array_has (changed, field->name) && !array_has (conflicting, field->name))
        {
          gboolean present;
          char *mine_value = lotse_sync_side_get_value (mine, field->name, &present);

          if (present)
            {
              lotse_record_take_nth (current, i, mine_value);
              mask[i] = TRUE;
            }
        }
    }

  if (!lotse_store_begin (self->store, error))
    return FALSE;
  if (!lotse_store_sync_write_local (self->store, current, mask, FALSE, FALSE,
                                     conflict->theirs_rev > 0 ? conflict->theirs_rev : -1, error) ||
      !lotse_store_sync_mark_resolved (self->store, conflict_id, "mine", error) ||
      !lotse_store_commit (self->store, error))
    {
      lotse_store_rollback (self->store);
      return FALSE;
    }

  resolved (self);
  return TRUE;
}

gboolean
lotse_sync_manager_get_untrusted_certificate (LotseSyncManager  *self,
                                              char             **out_url,
                                              char             **out_fingerprint,
                                              char             **out_subject,
                                              char             **out_issuer)
{
  g_return_val_if_fail (LOTSE_IS_SYNC_MANAGER (self), FALSE);

  if (self->untrusted == NULL)
    return FALSE;

  if (out_url != NULL)
    *out_url = g_strdup (self->untrusted_url);
  if (out_fingerprint != NULL)
    *out_fingerprint = lotse_sync_trust_fingerprint (self->untrusted);
  if (out_subject != NULL)
    *out_subject = g_tls_certificate_get_subject_name (self->untrusted);
  if (out_issuer != NULL)
    *out_issuer = g_tls_certificate_get_issuer_name (self->untrusted);

  return TRUE;
}

void
lotse_sync_manager_trust_certificate (LotseSyncManager *self,
                                      const char       *server_url,
                                      const char       *fingerprint)
{
  g_return_if_fail (LOTSE_IS_SYNC_MANAGER (self));
  g_return_if_fail (server_url != NULL && fingerprint != NULL);

  lotse_sync_trust_pin (server_url, fingerprint);

  if (self->settings != NULL)
    {
      g_autoptr(GVariant) old = g_settings_get_value (self->settings, "sync-trusted-certificates");
      g_auto(GVariantBuilder) builder = G_VARIANT_BUILDER_INIT (G_VARIANT_TYPE ("a{ss}"));
      GVariantIter iter;
      const char *url;
      const char *pinned;

      g_variant_iter_init (&iter, old);
      while (g_variant_iter_next (&iter, "{&s&s}", &url, &pinned))
        if (!g_str_equal (url, server_url))
          g_variant_builder_add (&builder, "{ss}", url, pinned);
      g_variant_builder_add (&builder, "{ss}", server_url, fingerprint);
      g_settings_set_value (self->settings, "sync-trusted-certificates", g_variant_builder_end (&builder));
    }

  g_clear_object (&self->untrusted);
  g_clear_pointer (&self->untrusted_url, g_free);
}
