/* lotse-sync-client.c: syncing the local store with a lotse-server
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The client of one server for one store: its address, the account and
 * device token it logs in with, the login itself, and the state of the
 * cycle that runs (lotse-sync-cycle.c) over its HTTP exchanges
 * (lotse-sync-http.c). The engine (lotse-sync-engine.c) decides when.
 */

#define G_LOG_DOMAIN "lotse-sync"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "lotse-sync-blobs.h"
#include "lotse-sync-client-private.h"
#include "lotse-sync-trust.h"
#include "lotse-util.h"

G_DEFINE_QUARK (lotse-sync-error-quark, lotse_sync_error)

enum {
  PROP_0,
  PROP_STORE,
  PROP_SERVER_URL,
  PROP_BUSY,
  PROP_PHASE,
  N_PROPS
};

enum {
  PROGRESS,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (LotseSyncClient, lotse_sync_client, G_TYPE_OBJECT)

/**
 * lotse_sync_normalize_url:
 * @text: what a person typed or gave with --server
 * @error: a location for a #GError
 *
 * Returns: (transfer full) (nullable): the address without spaces around it
 *   and without a trailing slash, or %NULL if it is no http or https
 *   address with a host
 */
char *
lotse_sync_normalize_url (const char  *text,
                          GError     **error)
{
  g_autofree char *stripped = g_strstrip (g_strdup (text ? text : ""));
  g_autoptr(GUri) uri = NULL;
  gsize len;

  if (*stripped == '\0')
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("Enter the server’s address, e.g. https://lotse.example.org"));
      return NULL;
    }

  uri = g_uri_parse (stripped, G_URI_FLAGS_NONE, NULL);
  if (uri == NULL || g_uri_get_host (uri) == NULL || *g_uri_get_host (uri) == '\0' ||
      (g_strcmp0 (g_uri_get_scheme (uri), "http") != 0 &&
       g_strcmp0 (g_uri_get_scheme (uri), "https") != 0))
    {
      /* Translators: %s is what was given as a server address */
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("“%s” is not a server address; an address looks like https://lotse.example.org"),
                   stripped);
      return NULL;
    }

  len = strlen (stripped);
  while (len > 0 && stripped[len - 1] == '/')
    stripped[--len] = '\0';

  return g_steal_pointer (&stripped);
}

static void
lotse_sync_client_dispose (GObject *object)
{
  LotseSyncClient *self = (LotseSyncClient *)object;

  /* No request is running: each holds a reference. The session belongs
   * to the network thread. */
  lotse_sync_client_close_session (self);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (lotse_sync_client_parent_class)->dispose (object);
}

static void
lotse_sync_client_finalize (GObject *object)
{
  LotseSyncClient *self = (LotseSyncClient *)object;

  g_clear_pointer (&self->server_url, g_free);
  g_clear_pointer (&self->user, g_free);
  g_clear_pointer (&self->device_id, g_free);
  g_clear_pointer (&self->token, g_free);
  g_clear_pointer (&self->server_id, g_free);
  g_clear_pointer (&self->waiters, g_ptr_array_unref);

  G_OBJECT_CLASS (lotse_sync_client_parent_class)->finalize (object);
}

static void
lotse_sync_client_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  LotseSyncClient *self = LOTSE_SYNC_CLIENT (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_SERVER_URL:
      g_value_set_string (value, self->server_url);
      break;
    case PROP_BUSY:
      g_value_set_boolean (value, self->cycle != NULL);
      break;
    case PROP_PHASE:
      g_value_set_uint (value, self->phase);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lotse_sync_client_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  LotseSyncClient *self = LOTSE_SYNC_CLIENT (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;
    case PROP_SERVER_URL:
      /* An address that is none stays as given: the first request says so. */
      self->server_url = lotse_sync_normalize_url (g_value_get_string (value), NULL);
      if (self->server_url == NULL)
        self->server_url = g_strdup (g_value_get_string (value) ? g_value_get_string (value) : "");
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lotse_sync_client_class_init (LotseSyncClientClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = lotse_sync_client_dispose;
  object_class->finalize = lotse_sync_client_finalize;
  object_class->get_property = lotse_sync_client_get_property;
  object_class->set_property = lotse_sync_client_set_property;

  /* Every connection to a server goes through a client: the pins are in
   * place before the first, and a start-up without sync does not read the
   * system's certificates. */
  lotse_sync_trust_install ();

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, LOTSE_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SERVER_URL] =
    g_param_spec_string ("server-url", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PHASE] =
    g_param_spec_uint ("phase", NULL, NULL, 0, LOTSE_SYNC_PHASE_PULLING, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * LotseSyncClient::progress:
   * @client: the client
   * @phase: a #LotseSyncPhase
   * @done: changes pushed or rows pulled so far in this cycle
   *
   * Emitted after each answer of the server was applied.
   */
  signals[PROGRESS] =
    g_signal_new ("progress", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_UINT, G_TYPE_UINT64);
}

static void
lotse_sync_client_init (LotseSyncClient *self)
{
  self->waiters = g_ptr_array_new_with_free_func (g_object_unref);
}

/**
 * lotse_sync_client_new:
 * @store: the local store
 * @server_url: the server's base address, e.g. `http://127.0.0.1:8080`
 *
 * Returns: (transfer full): a new client
 */
LotseSyncClient *
lotse_sync_client_new (LotseStore *store,
                       const char *server_url)
{
  g_return_val_if_fail (LOTSE_IS_STORE (store), NULL);
  g_return_val_if_fail (server_url != NULL, NULL);

  return g_object_new (LOTSE_TYPE_SYNC_CLIENT, "store", store, "server-url", server_url, NULL);
}

LotseStore *
lotse_sync_client_get_store (LotseSyncClient *self)
{
  g_return_val_if_fail (LOTSE_IS_SYNC_CLIENT (self), NULL);
  return self->store;
}

const char *
lotse_sync_client_get_server_url (LotseSyncClient *self)
{
  g_return_val_if_fail (LOTSE_IS_SYNC_CLIENT (self), NULL);
  return self->server_url;
}

const char *
lotse_sync_client_get_server_id (LotseSyncClient *self)
{
  g_return_val_if_fail (LOTSE_IS_SYNC_CLIENT (self), NULL);
  return self->server_id;
}

/**
 * lotse_sync_client_set_keep_files_offline:
 * @self: a client
 * @keep: download every attachment's file after each cycle (the
 *   default), or only when it is opened
 */
void
lotse_sync_client_set_keep_files_offline (LotseSyncClient *self,
                                          gboolean         keep)
{
  g_return_if_fail (LOTSE_IS_SYNC_CLIENT (self));

  self->fetch_on_open = !keep;
}

static void
fetch_file_done (GObject      *source,
                 GAsyncResult *result,
                 gpointer      data)
{
  g_autoptr(GTask) task = data;
  GError *error = NULL;

  if (lotse_sync_blobs_run_finish (LOTSE_STORE (source), result, NULL, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

/**
 * lotse_sync_client_fetch_file_async:
 * @self: a client that synced with its server
 * @sha256: the blob to download
 *
 * Downloads one attachment's file now (lotse-sync-blobs.c).
 */
void
lotse_sync_client_fetch_file_async (LotseSyncClient     *self,
                                    const char          *sha256,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (LOTSE_IS_SYNC_CLIENT (self));
  g_return_if_fail (self->server_id != NULL && self->token != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  lotse_sync_blobs_run_async (self->store, self->server_url, self->server_id, self->token, FALSE, sha256,
                              cancellable, fetch_file_done, task);
}

gboolean
lotse_sync_client_fetch_file_finish (LotseSyncClient  *self,
                                     GAsyncResult     *result,
                                     GError          **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * lotse_sync_client_set_credentials:
 * @self: a client
 * @user: the account name
 * @device_id: the device id the server gave at login
 * @token: the device token
 */
void
lotse_sync_client_set_credentials (LotseSyncClient *self,
                                   const char      *user,
                                   const char      *device_id,
                                   const char      *token)
{
  g_return_if_fail (LOTSE_IS_SYNC_CLIENT (self));

  lotse_set_str (&self->user, user);
  lotse_set_str (&self->device_id, device_id);
  lotse_set_str (&self->token, token);
}

gboolean
lotse_sync_client_get_busy (LotseSyncClient *self)
{
  g_return_val_if_fail (LOTSE_IS_SYNC_CLIENT (self), FALSE);
  return self->cycle != NULL;
}

LotseSyncPhase
lotse_sync_client_get_phase (LotseSyncClient *self)
{
  g_return_val_if_fail (LOTSE_IS_SYNC_CLIENT (self), LOTSE_SYNC_PHASE_IDLE);
  return self->phase;
}

/**
 * lotse_sync_client_get_stats:
 *
 * Returns: (transfer none): the counts of the running or the last cycle
 */
const LotseSyncStats *
lotse_sync_client_get_stats (LotseSyncClient *self)
{
  g_return_val_if_fail (LOTSE_IS_SYNC_CLIENT (self), NULL);
  return &self->stats;
}

void
lotse_sync_client_set_phase (LotseSyncClient *self,
                             LotseSyncPhase   phase)
{
  if (self->phase == phase)
    return;

  self->phase = phase;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PHASE]);
}

void
lotse_sync_client_notify_busy (LotseSyncClient *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

void
lotse_sync_client_progress (LotseSyncClient *self,
                            LotseSyncPhase   phase,
                            guint64          count)
{
  g_signal_emit (self, signals[PROGRESS], 0, (guint)phase, count);
}

/* ---- login --------------------------------------------------------- */

typedef struct
{
  char *token;
  char *device_id;
} LoginResult;

static void
login_result_free (LoginResult *result)
{
  g_free (result->token);
  g_free (result->device_id);
  g_free (result);
}

static void
login_done (LotseSyncClient *self,
            guint            status,
            JsonNode        *body,
            GError          *error,
            gpointer         data)
{
  g_autoptr(GTask) task = data;
  JsonObject *root = body && JSON_NODE_HOLDS_OBJECT (body) ? json_node_get_object (body) : NULL;
  const char *token;
  const char *device_id;
  LoginResult *result;

  if (error != NULL)
    {
      g_task_return_error (task, g_error_copy (error));
      return;
    }

  token = lotse_sync_json_get_string (root, "token");
  device_id = lotse_sync_json_get_string (root, "device_id");
  if (status != SOUP_STATUS_OK || token == NULL || device_id == NULL)
    {
      g_task_return_new_error (task, LOTSE_SYNC_ERROR, LOTSE_SYNC_ERROR_PROTOCOL,
                               _("The server sent an answer Lotse does not understand (%s)"), "login");
      return;
    }

  result = g_new0 (LoginResult, 1);
  result->token = g_strdup (token);
  result->device_id = g_strdup (device_id);
  lotse_sync_client_set_credentials (self, lotse_sync_json_get_string (root, "user"),
                                     device_id, token);
  g_task_return_pointer (task, result, (GDestroyNotify)login_result_free);
}

/**
 * lotse_sync_client_login_async:
 * @self: a client
 * @user: the account name
 * @password: its password
 * @device_name: a name for this device, shown to the server's admin
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Logs in and keeps the device token for the next requests. Storing the
 * token is the caller's business (lotse-credentials.h).
 */
void
lotse_sync_client_login_async (LotseSyncClient     *self,
                               const char          *user,
                               const char          *password,
                               const char          *device_name,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  GTask *task;

  g_return_if_fail (LOTSE_IS_SYNC_CLIENT (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, lotse_sync_client_login_async);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "user");
  json_builder_add_string_value (builder, user);
  json_builder_set_member_name (builder, "password");
  json_builder_add_string_value (builder, password);
  json_builder_set_member_name (builder, "device_name");
  json_builder_add_string_value (builder, device_name);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);

  lotse_sync_client_send (self, "POST", "/v1/auth/login", json_to_string (root, FALSE), FALSE, cancellable,
                login_done, task);
}

/**
 * lotse_sync_client_login_finish:
 * @out_device_id: (out) (optional): the device id
 *
 * Returns: (transfer full) (nullable): the device token
 */
char *
lotse_sync_client_login_finish (LotseSyncClient  *self,
                                GAsyncResult     *result,
                                char            **out_device_id,
                                GError          **error)
{
  LoginResult *login;
  char *token;

  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  login = g_task_propagate_pointer (G_TASK (result), error);
  if (login == NULL)
    return NULL;

  token = g_steal_pointer (&login->token);
  if (out_device_id != NULL)
    *out_device_id = g_steal_pointer (&login->device_id);
  login_result_free (login);

  return token;
}
