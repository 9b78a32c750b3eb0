/* lotse-sync-client.c: syncing the local store with a lotse-server
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One cycle: GET /v1/info, push the outbox in batches of max_batch (the
 * oldest entry of each row per batch), fetch rows again whose answer said
 * "equal, no new revision" behind the cursor, then pull pages until `more`
 * is false. Each answer is applied in one local transaction
 * (lotse-sync-apply.c). Only one cycle runs at a time: a second request
 * joins the running one or is refused with LOTSE_SYNC_ERROR_BUSY.
 *
 * The HTTP exchanges run in a thread of their own ("lotse-sync-net", with
 * its own main context; libsoup 3.2 sends from any thread that has one),
 * which also parses the answers: while the main thread writes one page of
 * a pull, the next page is read and parsed. Everything else, the store
 * included, stays on the thread that started the cycle.
 *
 * LOTSE_SYNC_FAULT=exit-after-push-response|exit-mid-pull makes the
 * process exit at that point, for the crash tests.
 */

#define G_LOG_DOMAIN "lotse-sync"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <libsoup/soup.h>
#include <string.h>
#include <unistd.h>

#include "lotse-sync-blobs.h"
#include "lotse-sync-private.h"
#include "lotse-sync-trust.h"

#define PULL_LIMIT          1000
#define DEFAULT_MAX_BATCH   500
#define MAX_PUSH_ROUNDS     100000
#define MAX_RETRIES         3
#define MAX_RETRY_AFTER_S   30
#define TIMEOUT_S           60
#define STATUS_TOO_MANY_REQUESTS 429  /* not named in libsoup 3.2 */

G_DEFINE_QUARK (lotse-sync-error-quark, lotse_sync_error)

struct _LotseSyncClient
{
  GObject         parent_instance;

  LotseStore     *store;
  char           *server_url;  /* without a trailing slash */
  char           *user;
  char           *device_id;
  char           *token;
  SoupSession    *session;     /* created and used in the network thread */

  GTask          *cycle;       /* the running cycle, or NULL */
  GPtrArray      *waiters;     /* tasks that joined it */
  LotseSyncPhase  phase;
  LotseSyncStats  stats;       /* of the running or the last cycle */
  char           *server_id;
  gboolean        fetch_on_open; /* blobs only when opened, not after each cycle */
};

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

/* One HTTP exchange with retries on 429. */
typedef void (*RequestDone) (LotseSyncClient *self,
                             guint            status,
                             JsonNode        *body,
                             GError          *error,
                             gpointer         data);

/* An answer to GET /v1/sync/pull with status 200, read as a page. */
typedef void (*PageDone) (LotseSyncClient *self,
                          LotseSyncPage   *page,
                          gpointer         data);

typedef struct
{
  LotseSyncClient *self;
  char            *method;
  char            *path;
  GBytes          *body;
  gboolean         authorized;
  guint            attempts;
  GCancellable    *cancellable;
  RequestDone      done;
  PageDone         page_done;       /* for a page of a pull, else NULL */
  gpointer         data;
  GMainContext    *context;         /* where the answer is handled */
  GUri            *uri;
  char            *authorization;

  /* The network thread's side; handed back with the answer. */
  GCancellable    *net_cancellable;
  gulong           cancel_handler;
  SoupMessage     *message;
  guint            status;
  char            *retry_after;
  JsonParser      *parser;
  LotseSyncPage   *page;
  GError          *error;
} Request;

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
  guint       rounds;
  GPtrArray  *batch;      /* LotseOutboxEntry being pushed */
  GPtrArray  *ahead;      /* the next batch, read while batch is on its way */
  GPtrArray  *refetch;    /* LotseSyncRefetch */
} Cycle;

static void
cycle_free (Cycle *cycle)
{
  g_free (cycle->server_id);
  g_clear_pointer (&cycle->batch, g_ptr_array_unref);
  g_clear_pointer (&cycle->ahead, g_ptr_array_unref);
  g_clear_pointer (&cycle->refetch, g_ptr_array_unref);
  g_free (cycle);
}

static void
request_free (Request *request)
{
  g_clear_object (&request->self);
  g_free (request->method);
  g_free (request->path);
  g_clear_pointer (&request->body, g_bytes_unref);
  g_clear_object (&request->cancellable);
  g_clear_pointer (&request->context, g_main_context_unref);
  g_clear_pointer (&request->uri, g_uri_unref);
  g_free (request->authorization);
  g_clear_object (&request->net_cancellable);
  g_free (request->retry_after);
  g_clear_object (&request->parser);
  g_clear_pointer (&request->page, lotse_sync_page_free);
  g_clear_error (&request->error);
  g_free (request);
}

/* g_set_str() is newer than GLib 2.74. */
static void
set_str (char       **target,
         const char  *value)
{
  if (*target == value)
    return;

  g_free (*target);
  *target = g_strdup (value);
}

static const char *
member_string (JsonObject *object,
               const char *name)
{
  JsonNode *node = object ? json_object_get_member (object, name) : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;

  return json_node_get_string (node);
}

static gint64
member_int (JsonObject *object,
            const char *name,
            gint64      fallback)
{
  JsonNode *node = object ? json_object_get_member (object, name) : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64)
    return fallback;

  return json_node_get_int (node);
}

static gboolean
fault_is (const char *name)
{
  return g_strcmp0 (g_getenv ("LOTSE_SYNC_FAULT"), name) == 0;
}

/* ---- the network thread --------------------------------------------- */

static gpointer
net_thread_main (gpointer data)
{
  GMainContext *context = data;

  g_main_context_push_thread_default (context);
  for (;;)
    g_main_context_iteration (context, TRUE);

  return NULL;
}

/* One thread for all clients of the process; it lives as long as the
 * process, like GLib's own worker thread. */
static GMainContext *
net_context (void)
{
  static GMainContext *context = NULL;

  if (g_once_init_enter (&context))
    {
      GMainContext *created = g_main_context_new ();

      g_thread_unref (g_thread_new ("lotse-sync-net", net_thread_main, g_main_context_ref (created)));
      g_once_init_leave (&context, created);
    }

  return context;
}

static gboolean
session_close_cb (gpointer data)
{
  g_autoptr(SoupSession) session = data;

  soup_session_abort (session);
  return G_SOURCE_REMOVE;
}

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
  if (self->session != NULL)
    g_main_context_invoke (net_context (), session_close_cb, g_steal_pointer (&self->session));
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

  set_str (&self->user, user);
  set_str (&self->device_id, device_id);
  set_str (&self->token, token);
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

static void
set_phase (LotseSyncClient *self,
           LotseSyncPhase   phase)
{
  if (self->phase == phase)
    return;

  self->phase = phase;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PHASE]);
}

/* ---- HTTP ---------------------------------------------------------- */

static GError *
error_from_status (LotseSyncClient *self,
                   const char      *path,
                   guint            status,
                   JsonNode        *body)
{
  JsonObject *root = body && JSON_NODE_HOLDS_OBJECT (body) ? json_node_get_object (body) : NULL;
  JsonNode *error_node = root ? json_object_get_member (root, "error") : NULL;
  JsonObject *error_object = error_node && JSON_NODE_HOLDS_OBJECT (error_node)
                               ? json_node_get_object (error_node) : NULL;
  const char *code = NULL;
  const char *message = NULL;

  if (error_object != NULL)
    {
      JsonNode *node = json_object_get_member (error_object, "code");

      if (node && JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
        code = json_node_get_string (node);
      node = json_object_get_member (error_object, "message");
      if (node && JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
        message = json_node_get_string (node);
    }

  switch (status)
    {
    case SOUP_STATUS_UNAUTHORIZED:
      if (g_str_has_suffix (path, "/auth/login"))
        return g_error_new (LOTSE_SYNC_ERROR, LOTSE_SYNC_ERROR_BAD_CREDENTIALS,
                            _("The server %s did not accept the user name or password"),
                            self->server_url);
      return g_error_new (LOTSE_SYNC_ERROR, LOTSE_SYNC_ERROR_UNAUTHORIZED,
                          _("The server %s did not accept this device’s token; it may have been "
                            "revoked. Log in again with the password"),
                          self->server_url);
    case SOUP_STATUS_FORBIDDEN:
      return g_error_new (LOTSE_SYNC_ERROR, LOTSE_SYNC_ERROR_FORBIDDEN,
                          _("The account may only read on %s; local changes were not sent and are kept"),
                          self->server_url);
    case SOUP_STATUS_SERVICE_UNAVAILABLE:
      return g_error_new (LOTSE_SYNC_ERROR, LOTSE_SYNC_ERROR_UNAVAILABLE,
                          _("The server %s is not available right now (shutting down or restarting); "
                            "try again later"),
                          self->server_url);
    case STATUS_TOO_MANY_REQUESTS:
      return g_error_new (LOTSE_SYNC_ERROR, LOTSE_SYNC_ERROR_RATE_LIMITED,
                          _("The server %s asks to slow down; try again later"), self->server_url);
    default:
      break;
    }

  /* Translators: %u is an HTTP status, then the server's code and English message */
  return g_error_new (LOTSE_SYNC_ERROR, LOTSE_SYNC_ERROR_SERVER,
                      _("The server answered %u (%s): %s"), status,
                      code ? code : soup_status_get_phrase (status), message ? message : "");
}

static void request_send (Request *request);

static gboolean
request_retry_cb (gpointer data)
{
  request_send (data);
  return G_SOURCE_REMOVE;
}

static void
request_finish (Request  *request,
                guint     status,
                JsonNode *body,
                GError   *error)
{
  request->done (request->self, status, body, error, request->data);
  request_free (request);
}

static void
request_handle_answer (Request    *request,
                       JsonParser *parser)
{
  LotseSyncClient *self = request->self;
  JsonNode *body = parser ? json_parser_get_root (parser) : NULL;
  guint status = request->status;

  if (status == STATUS_TOO_MANY_REQUESTS && request->attempts < MAX_RETRIES)
    {
      guint64 seconds = 1;

      if (request->retry_after == NULL ||
          !g_ascii_string_to_unsigned (request->retry_after, 10, 0, G_MAXUINT, &seconds, NULL))
        seconds = 1;

      if (seconds <= MAX_RETRY_AFTER_S)
        {
          g_timeout_add_seconds ((guint)MAX (seconds, 1), request_retry_cb, request);
          return;
        }
    }

  if (status >= 200 && status < 300)
    {
      if (body == NULL)
        {
          g_autoptr(GError) bad = g_error_new (LOTSE_SYNC_ERROR, LOTSE_SYNC_ERROR_PROTOCOL,
                                               _("The server sent an answer Lotse does not understand (%s)"),
                                               "JSON");
          request_finish (request, status, NULL, bad);
          return;
        }

      request_finish (request, status, body, NULL);
      return;
    }

  if (status == SOUP_STATUS_GONE)
    {
      /* The caller decides; 410 means a full pull. */
      request_finish (request, status, body, NULL);
      return;
    }

  {
    g_autoptr(GError) failed = error_from_status (self, request->path, status, body);

    request_finish (request, status, body, failed);
  }
}

static JsonParser *
parse_answer (GBytes *bytes)
{
  /* Not immutable: sealing hashes every object, and the tree is only
   * read, by one thread at a time (the parse hands it over). */
  g_autoptr(JsonParser) parser = json_parser_new ();

  if (g_bytes_get_size (bytes) == 0 ||
      !json_parser_load_from_data (parser, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), NULL))
    return NULL;

  return g_steal_pointer (&parser);
}

static gboolean
free_parser_cb (gpointer data)
{
  g_object_unref (data);
  return G_SOURCE_REMOVE;
}

/* Back on the thread that sent the request. */
static gboolean
request_answered_cb (gpointer data)
{
  Request *request = data;
  LotseSyncClient *self = request->self;
  JsonParser *parser;

  g_cancellable_disconnect (request->cancellable, request->cancel_handler);
  request->cancel_handler = 0;
  g_clear_object (&request->net_cancellable);

  if (request->page != NULL)
    {
      request->page_done (self, request->page, request->data);
      request_free (request);
      return G_SOURCE_REMOVE;
    }

  if (request->error != NULL)
    {
      g_autoptr(GError) wrapped = NULL;

      if (g_error_matches (request->error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        wrapped = g_steal_pointer (&request->error);
      else if (g_error_matches (request->error, G_TLS_ERROR, G_TLS_ERROR_BAD_CERTIFICATE))
        /* Not "unreachable": a server that may be another one. */
        wrapped = g_error_new (LOTSE_SYNC_ERROR, LOTSE_SYNC_ERROR_CERTIFICATE,
                               _("The certificate of the server %s is not trusted: %s"), self->server_url,
                               request->error->message);
      else
        wrapped = g_error_new (LOTSE_SYNC_ERROR, LOTSE_SYNC_ERROR_NETWORK,
                               _("Could not reach the server %s: %s"), self->server_url,
                               request->error->message);
      request_finish (request, 0, NULL, wrapped);
      return G_SOURCE_REMOVE;
    }

  parser = g_steal_pointer (&request->parser);
  request_handle_answer (request, parser);

  /* The tree of a push's results is freed off the main thread, in the
   * thread that built it: GLib 2.74's slice allocator reuses memory only
   * in the thread that freed it. */
  if (parser != NULL)
    g_main_context_invoke (net_context (), free_parser_cb, parser);

  return G_SOURCE_REMOVE;
}

/* In the network thread. */
static void
net_read_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      data)
{
  Request *request = data;
  g_autoptr(SoupMessage) message = g_steal_pointer (&request->message);
  g_autoptr(GBytes) bytes = NULL;

  bytes = soup_session_send_and_read_finish (SOUP_SESSION (source), result, &request->error);
  if (bytes != NULL)
    {
      request->status = soup_message_get_status (message);
      request->retry_after = g_strdup (soup_message_headers_get_one (soup_message_get_response_headers (message),
                                                                     "Retry-After"));
      /* A page that does not parse leaves both NULL: a protocol error. */
      if (request->page_done != NULL && request->status == SOUP_STATUS_OK)
        request->page = lotse_sync_page_parse (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), NULL);
      else
        request->parser = parse_answer (bytes);
    }

  g_main_context_invoke (request->context, request_answered_cb, request);
}

/* In the network thread. */
static gboolean
net_send_cb (gpointer data)
{
  Request *request = data;
  LotseSyncClient *self = request->self;
  SoupMessage *message;

  g_assert (request->message == NULL);

  if (self->session == NULL)
    {
      g_autofree char *user_agent = g_strdup_printf ("Lotse/%s ", PACKAGE_VERSION);

      self->session = soup_session_new_with_options ("timeout", TIMEOUT_S,
                                                     "user-agent", user_agent,
                                                     NULL);
    }

  message = soup_message_new_from_uri (request->method, request->uri);
  if (request->body != NULL)
    soup_message_set_request_body_from_bytes (message, "application/json", request->body);
  if (request->authorization != NULL)
    soup_message_headers_replace (soup_message_get_request_headers (message), "Authorization",
                                  request->authorization);

  /* Only this thread touches it; net_read_cb drops it. */
  request->message = message;
  soup_session_send_and_read_async (self->session, message, G_PRIORITY_DEFAULT,
                                    request->net_cancellable, net_read_cb, request);

  return G_SOURCE_REMOVE;
}

static gboolean
net_cancel_cb (gpointer data)
{
  g_cancellable_cancel (data);
  return G_SOURCE_REMOVE;
}

/* The caller's cancellable is cancelled in its thread; the request is
 * cancelled in the network thread, where its I/O runs. */
static void
forward_cancel (GCancellable *cancellable,
                gpointer      data)
{
  g_main_context_invoke_full (net_context (), G_PRIORITY_DEFAULT, net_cancel_cb,
                              g_object_ref (data), g_object_unref);
}

static void
request_send (Request *request)
{
  LotseSyncClient *self = request->self;
  g_autofree char *uri = g_strconcat (self->server_url, request->path, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GUri) parsed = g_uri_parse (uri, SOUP_HTTP_URI_FLAGS, &error);

  request->attempts++;
  request->status = 0;
  g_clear_pointer (&request->retry_after, g_free);
  g_clear_object (&request->parser);

  if (parsed == NULL || g_uri_get_host (parsed) == NULL ||
      (g_strcmp0 (g_uri_get_scheme (parsed), "http") != 0 && g_strcmp0 (g_uri_get_scheme (parsed), "https") != 0))
    {
      g_autoptr(GError) bad = g_error_new (LOTSE_SYNC_ERROR, LOTSE_SYNC_ERROR_NETWORK,
                                           _("“%s” is not a server address (%s)"), self->server_url,
                                           error ? error->message : uri);
      request_finish (request, 0, NULL, bad);
      return;
    }

  /* What the network thread needs is copied here, where it may change. */
  g_clear_pointer (&request->uri, g_uri_unref);
  request->uri = g_steal_pointer (&parsed);
  g_clear_pointer (&request->authorization, g_free);
  if (request->authorized && self->token != NULL)
    request->authorization = g_strconcat ("Bearer ", self->token, NULL);

  request->net_cancellable = g_cancellable_new ();
  if (request->cancellable != NULL)
    request->cancel_handler = g_cancellable_connect (request->cancellable, G_CALLBACK (forward_cancel),
                                                     g_object_ref (request->net_cancellable),
                                                     g_object_unref);

  g_main_context_invoke (net_context (), net_send_cb, request);
}

static Request *
request_new (LotseSyncClient *self,
             const char      *method,
             const char      *path,
             char            *body,
             gboolean         authorized,
             GCancellable    *cancellable,
             RequestDone      done,
             gpointer         data)
{
  Request *request = g_new0 (Request, 1);

  request->self = g_object_ref (self);
  request->method = g_strdup (method);
  request->path = g_strdup (path);
  request->body = body ? g_bytes_new_take (body, strlen (body)) : NULL;
  request->authorized = authorized;
  request->cancellable = cancellable ? g_object_ref (cancellable) : NULL;
  request->done = done;
  request->data = data;
  request->context = g_main_context_ref_thread_default ();

  return request;
}

static void
send_request (LotseSyncClient *self,
              const char      *method,
              const char      *path,
              char            *body,
              gboolean         authorized,
              GCancellable    *cancellable,
              RequestDone      done,
              gpointer         data)
{
  request_send (request_new (self, method, path, body, authorized, cancellable, done, data));
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

  token = member_string (root, "token");
  device_id = member_string (root, "device_id");
  if (status != SOUP_STATUS_OK || token == NULL || device_id == NULL)
    {
      g_task_return_new_error (task, LOTSE_SYNC_ERROR, LOTSE_SYNC_ERROR_PROTOCOL,
                               _("The server sent an answer Lotse does not understand (%s)"), "login");
      return;
    }

  result = g_new0 (LoginResult, 1);
  result->token = g_strdup (token);
  result->device_id = g_strdup (device_id);
  lotse_sync_client_set_credentials (self, member_string (root, "user"),
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

  send_request (self, "POST", "/v1/auth/login", json_to_string (root, FALSE), FALSE, cancellable,
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

/* ---- the cycle ----------------------------------------------------- */

static void push_next (LotseSyncClient *self);
static void push_done (LotseSyncClient *self,
                       guint            status,
                       JsonNode        *body,
                       GError          *error,
                       gpointer         data);
static void refetch_next (LotseSyncClient *self);
static void pull_next (LotseSyncClient *self,
                       gint64           cursor);

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

  self->waiters = g_ptr_array_new_with_free_func (g_object_unref);
  set_phase (self, LOTSE_SYNC_PHASE_IDLE);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);

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

/* ---- after a restore (lotse-sync-restore.c) ---- */

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

  g_signal_emit (self, signals[PROGRESS], 0, (guint)LOTSE_SYNC_PHASE_PULLING, (guint64)self->stats.pulled);

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
  Request *request;

  set_phase (self, LOTSE_SYNC_PHASE_PULLING);

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

  request = request_new (self, "GET", path, NULL, TRUE, g_task_get_cancellable (self->cycle), pull_done,
                         g_object_ref (self->cycle));
  request->page_done = pull_page_done;
  request_send (request);
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
  send_request (self, "GET", path, NULL, TRUE, g_task_get_cancellable (self->cycle), refetch_done, NULL);
}

/* A 400 that names one change of the batch: nothing was applied; that
 * change becomes a visible conflict and the rest goes out again. */
static gboolean
rejected_change (LotseSyncClient *self,
                 JsonNode        *body)
{
  Cycle *cycle = cycle_data (self);
  JsonObject *root = body && JSON_NODE_HOLDS_OBJECT (body) ? json_node_get_object (body) : NULL;
  JsonNode *error_node = root ? json_object_get_member (root, "error") : NULL;
  JsonObject *server_error = error_node && JSON_NODE_HOLDS_OBJECT (error_node) ? json_node_get_object (error_node)
                                                                              : NULL;
  gint64 index = member_int (server_error, "index", -1);
  g_autoptr(GError) local_error = NULL;

  if (server_error == NULL || index < 0 || index >= (gint64)cycle->batch->len)
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

  send_request (self, "POST", "/v1/sync/push", body, TRUE, g_task_get_cancellable (self->cycle),
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

  g_signal_emit (self, signals[PROGRESS], 0, (guint)LOTSE_SYNC_PHASE_PUSHING,
                 (guint64)(self->stats.pushed + self->stats.merged + self->stats.conflicts +
                           self->stats.rejected));
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

  set_phase (self, LOTSE_SYNC_PHASE_PUSHING);
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

  server_id = member_string (root, "server_id");
  if (status != SOUP_STATUS_OK || server_id == NULL || *server_id == '\0' || strchr (server_id, ':') != NULL)
    {
      cycle_fail (self, g_error_new (LOTSE_SYNC_ERROR, LOTSE_SYNC_ERROR_PROTOCOL,
                                     _("%s does not answer like a Lotse server"), self->server_url));
      return;
    }

  cycle = cycle_data (self);
  cycle->server_id = g_strdup (server_id);
  cycle->max_batch = member_int (root, "max_batch", DEFAULT_MAX_BATCH);
  if (cycle->max_batch <= 0)
    cycle->max_batch = DEFAULT_MAX_BATCH;
  cycle->max_body = MAX (0, member_int (root, "max_body", 0));
  set_str (&self->server_id, server_id);

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

  set_str (&state->server_url, self->server_url);
  set_str (&state->device_id, self->device_id);
  if (self->user != NULL)
    set_str (&state->user_name, self->user);
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
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
  set_phase (self, LOTSE_SYNC_PHASE_CONNECTING);

  send_request (self, "GET", "/v1/info", NULL, FALSE, cancellable, info_done, NULL);
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
