/* lotse-server.c: the HTTP side of lotse-server
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One SoupServer on the main loop; connections are accepted by
 * lotse-server-listener.c and reach libsoup through
 * lotse-server-connection.c, which also refuses request heads that are too
 * large or framed ambiguously. The early handler (request headers read,
 * body not yet) refuses what must not be read at all: requests while
 * shutting down, rate-limited addresses and bodies over max_body. A body
 * that announces too large a Content-Length, or a chunked body that grows
 * past the limit, is never read: the connection is taken from libsoup,
 * answered with 413 and closed.
 *
 * Nothing here asks libsoup for a message's socket or remote address:
 * they belong to the connection, which this file keeps (RequestInfo), and
 * libsoup 3.2 crashes when asked for the address of a connection that is
 * already closed.
 */

#define G_LOG_DOMAIN "lotse-server"

#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <stdio.h>
#include <string.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <unistd.h>

#include "lotse-server.h"
#include "lotse-server-auth.h"
#include "lotse-server-connection.h"
#include "lotse-server-json.h"
#include "lotse-server-limits.h"
#include "lotse-server-listener.h"
#include "lotse-server-log.h"
#include "lotse-server-request.h"
#include "lotse-server-sync.h"

/* The RequestInfo of a message, as object data (a quark made once: a
 * string key would take GLib's quark lock on every look-up). */
static GQuark request_info_quark;
/* Devices whose token lookups are kept (see lookup_token()). */
#define TOKEN_CACHE_SIZE 1024
/* Failed logins in a row an account allows before it is locked for 1 s,
 * 2 s, 4 s … at most 15 minutes (lotse_server_backoff_new()). */
#define LOGIN_FREE_FAILURES 5
#define LOGIN_MAX_LOCK_SECONDS (15 * 60)

struct _LotseServer
{
  GObject              parent_instance;

  LotseServerStorage  *storage;
  LotseServerConfig    config;
  SoupServer          *soup;
  LotseServerLimiter  *address_limiter;
  LotseServerLimiter  *account_limiter;
  LotseServerLimiter  *login_limiter;
  LotseServerBackoff  *login_backoff;
  LotseServerTokenCache *token_cache;

  guint                in_flight;
  gboolean             shutting_down;

  LotseServerListener *listener;
  GMainContext        *dormant;         /* see lotse_server_listen() */
  GHashTable          *connections;     /* LotseServerConnection, a reference each */
  guint                sweep_id;
  GQueue               requests;        /* RequestInfo in flight, oldest first */

  LotseServerLog      *log;

  /* LOTSE_SERVER_FAULT=exit-before-commit[:N] | exit-after-commit[:N] */
  int                  fault_point;     /* -1 = none */
  guint                fault_nth;
  guint                fault_pushes;
};

G_DEFINE_FINAL_TYPE (LotseServer, lotse_server, G_TYPE_OBJECT)

enum {
  SIGNAL_IDLE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

typedef struct
{
  LotseServer *server;
  LotseServerConnection *connection;  /* NULL for a message not accepted here */
  gint64       started_us;
  char        *user;
  char        *touch_device; /* whose token's last use is written when done */
  gsize        body_seen;
  gboolean     counted;     /* reached the early handler: in flight */
  gboolean     done;        /* logged (answered, or given up at its deadline) */
  SoupServerMessage *msg;   /* not a reference: the message owns this */
  GList        link;        /* in LotseServer.requests until done */
} RequestInfo;

static void
request_info_unlink (RequestInfo *info)
{
  if (info->link.data != NULL)
    {
      g_queue_unlink (&info->server->requests, &info->link);
      info->link.data = NULL;
    }
}

static void
request_info_free (RequestInfo *info)
{
  request_info_unlink (info);
  g_clear_object (&info->connection);
  g_free (info->user);
  g_free (info->touch_device);
  g_free (info);
}

void
lotse_server_config_init (LotseServerConfig *config)
{
  config->max_body = LOTSE_SERVER_DEFAULT_MAX_BODY;
  config->max_batch = LOTSE_SERVER_DEFAULT_MAX_BATCH;
  config->rate = LOTSE_SERVER_DEFAULT_RATE;
  config->burst = LOTSE_SERVER_DEFAULT_BURST;
  config->shutdown_grace = 30;
  config->request_timeout = 120;
  config->token_idle = LOTSE_SERVER_DEFAULT_TOKEN_IDLE_DAYS * 24 * 3600;
}

static const char *
info_address (RequestInfo *info)
{
  return info != NULL && info->connection != NULL
           ? lotse_server_connection_get_address (info->connection) : "-";
}

static GSocket *
message_socket (SoupServerMessage *msg)
{
  RequestInfo *info = g_object_get_qdata (G_OBJECT (msg), request_info_quark);

  return info != NULL && info->connection != NULL
           ? lotse_server_connection_get_socket (info->connection) : NULL;
}

/* A request leaves the count of those in flight when it is answered or
 * its client is gone, whether or not it was logged before (a request that
 * passed its deadline is logged then, and may still finish later). */
static void
request_uncount (LotseServer *self,
                 RequestInfo *info)
{
  if (!info->counted)
    return;
  info->counted = FALSE;

  g_assert (self->in_flight > 0);
  self->in_flight--;
  if (self->shutting_down && self->in_flight == 0)
    g_signal_emit (self, signals[SIGNAL_IDLE], 0);
}

/* Logs the request (once) and counts it as answered. */
static void
request_done (LotseServer       *self,
              SoupServerMessage *msg,
              guint              status,
              gsize              bytes)
{
  RequestInfo *info = g_object_get_qdata (G_OBJECT (msg), request_info_quark);
  GUri *uri;
  double ms;

  if (info == NULL)
    return;

  if (!info->done)
    {
      info->done = TRUE;
      request_info_unlink (info);

      ms = (g_get_monotonic_time () - info->started_us) / 1000.0;
      uri = soup_server_message_get_uri (msg);
      lotse_server_log_request (self->log, info_address (info), soup_server_message_get_method (msg),
                                uri != NULL ? g_uri_get_path (uri) : NULL,
                                status, bytes, ms, info->user);
    }

  request_uncount (self, info);
}

/* A connection with no request for this long is closed: a client that
 * went away without a word (a laptop that lost the network) would keep it
 * open for ever, and enough of them use up the descriptors. */
#define IDLE_SECONDS 120
#define SWEEP_SECONDS 1

/* A request that is not answered in time (a client sending its headers
 * or body very slowly, holding a connection and, during shutdown, the
 * exit) loses its connection. A request in the list is alive: its
 * RequestInfo, which the message owns, leaves the list when it goes. */
static void
expire_requests (LotseServer *self)
{
  gint64 oldest_allowed = g_get_monotonic_time () -
                          (gint64)self->config.request_timeout * G_USEC_PER_SEC;

  while (self->requests.head != NULL)
    {
      RequestInfo *info = self->requests.head->data;
      g_autoptr(SoupServerMessage) msg = NULL;

      if (info->started_us > oldest_allowed)
        break;

      msg = g_object_ref (info->msg);
      request_info_unlink (info);
      if (info->connection != NULL)
        lotse_server_connection_shutdown (info->connection);
      request_done (self, msg, 408, 0);
    }
}

static gboolean
sweep (gpointer user_data)
{
  LotseServer *self = user_data;
  gint64 oldest_allowed = g_get_monotonic_time () - IDLE_SECONDS * G_USEC_PER_SEC;
  GHashTableIter iter;
  LotseServerConnection *connection;

  expire_requests (self);

  g_hash_table_iter_init (&iter, self->connections);
  while (g_hash_table_iter_next (&iter, (gpointer *)&connection, NULL))
    {
      gint64 idle_since = lotse_server_connection_get_idle_since (connection);

      if (idle_since != 0 && idle_since < oldest_allowed)
        lotse_server_connection_shutdown (connection);
    }

  return G_SOURCE_CONTINUE;
}

static void
on_request_finished (SoupServer        *soup,
                     SoupServerMessage *msg,
                     LotseServer       *self)
{
  SoupMessageBody *body = soup_server_message_get_response_body (msg);
  RequestInfo *info = g_object_get_qdata (G_OBJECT (msg), request_info_quark);
  GSocket *socket = message_socket (msg);

  request_done (self, msg, soup_server_message_get_status (msg),
                body != NULL ? (gsize)body->length : 0);

  /* Out goes the answer corked in handler(). */
  if (socket != NULL && !g_socket_is_closed (socket))
    g_socket_set_option (socket, IPPROTO_TCP, TCP_CORK, 0, NULL);

  if (info != NULL && info->connection != NULL)
    lotse_server_connection_set_idle_since (info->connection, g_get_monotonic_time ());

  /* After the answer, outside the request's transaction. */
  if (info != NULL && info->touch_device != NULL)
    {
      g_autoptr(GError) error = NULL;

      if (!self->storage->vtable->device_touch (self->storage, info->touch_device,
                                                g_get_real_time () / G_USEC_PER_SEC, &error))
        g_warning (_("Could not note the use of a device token: %s"), error->message);
      g_clear_pointer (&info->touch_device, g_free);
    }
}

static void
on_request_started (SoupServer        *soup,
                    SoupServerMessage *msg,
                    LotseServer       *self)
{
  RequestInfo *info = g_new0 (RequestInfo, 1);
  LotseServerConnection *connection = lotse_server_connection_for_message (msg);

  info->server = self;
  info->msg = msg;
  info->started_us = g_get_monotonic_time ();
  if (connection != NULL)
    {
      info->connection = g_object_ref (connection);
      lotse_server_connection_set_idle_since (connection, 0);
    }
  if (self->config.request_timeout > 0)
    {
      info->link.data = info;
      g_queue_push_tail_link (&self->requests, &info->link);
    }
  g_object_set_qdata_full (G_OBJECT (msg), request_info_quark, info,
                           (GDestroyNotify)request_info_free);
}

static void
set_json (SoupServerMessage *msg,
          guint              status,
          JsonNode          *node)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  gsize length;
  char *data;

  json_generator_set_root (generator, node);
  data = json_generator_to_data (generator, &length);
  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_TAKE, data, length);
}

static void
set_json_text (SoupServerMessage *msg,
               guint              status,
               char              *text)
{
  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_TAKE, text, strlen (text));
}

static void
send_error (SoupServerMessage      *msg,
            const LotseServerError *error)
{
  set_json_text (msg, error->status, lotse_server_error_to_json (error));
}

static void
send_error_simple (SoupServerMessage *msg,
                   guint              status,
                   const char        *code,
                   const char        *message)
{
  g_autoptr(LotseServerError) error = lotse_server_error_new (status, code, NULL, -1, "%s", message);

  send_error (msg, error);
}

/* A write the storage could not make: 507 when the disk is full (the
 * client keeps its changes and tries again later), else 500. */
static void
send_write_error (SoupServerMessage *msg,
                  const GError      *error,
                  const char        *message)
{
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE))
    send_error_simple (msg, SOUP_STATUS_INSUFFICIENT_STORAGE, "insufficient_storage",
                       "The server has no room left to store this; try again later");
  else
    send_error_simple (msg, 500, "internal_error", message);
}

static void
send_retry_after (SoupServerMessage *msg,
                  guint              seconds)
{
  g_autofree char *value = g_strdup_printf ("%u", seconds);

  soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                "Retry-After", value);
  send_error_simple (msg, 429, "rate_limited", "Too many requests; try again later");
}

/* The connection is taken from libsoup, answered and closed (see
 * lotse_server_connection_set_rejection()). */
static void
reject_connection (LotseServer       *self,
                   SoupServerMessage *msg,
                   guint              status,
                   const char        *code,
                   const char        *message)
{
  RequestInfo *info = g_object_get_qdata (G_OBJECT (msg), request_info_quark);
  g_autoptr(LotseServerConnection) connection = NULL;
  g_autoptr(GIOStream) stolen = NULL;

  if (info == NULL || info->connection == NULL)
    {
      /* Not a connection of ours: libsoup answers and closes. */
      soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                    "Connection", "close");
      send_error_simple (msg, status, code, message);
      return;
    }

  connection = g_object_ref (info->connection);
  lotse_server_connection_set_rejection (connection, status, code, message);
  g_object_ref (msg);
  request_done (self, msg, status, 0);
  /* libsoup forgets the connection; the stream it hands back wraps ours
   * and is dropped unclosed, closing ours sends the answer. */
  stolen = soup_server_message_steal_connection (msg);
  g_object_unref (msg);
  g_io_stream_close (G_IO_STREAM (connection), NULL, NULL);
}

static void
on_got_chunk (SoupServerMessage *msg,
              GBytes            *chunk,
              LotseServer       *self)
{
  RequestInfo *info = g_object_get_qdata (G_OBJECT (msg), request_info_quark);

  if (info == NULL || info->done)
    return;

  info->body_seen += g_bytes_get_size (chunk);
  if (info->body_seen > self->config.max_body)
    {
      g_signal_handlers_disconnect_by_func (msg, on_got_chunk, self);
      reject_connection (self, msg, 413, "body_too_large",
                         "The request body is larger than the server accepts");
    }
}

static void
early_handler (SoupServer        *soup,
               SoupServerMessage *msg,
               const char        *path,
               GHashTable        *query,
               gpointer           user_data)
{
  LotseServer *self = user_data;
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  RequestInfo *info = g_object_get_qdata (G_OBJECT (msg), request_info_quark);
  guint retry_after = 0;

  /* Its deadline passed while the head arrived: already logged as 408 and
   * its connection shut down; it is not served, nor counted. */
  if (info != NULL && info->done)
    {
      soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                    "Connection", "close");
      soup_server_message_set_status (msg, 408, NULL);
      return;
    }

  /* A request libsoup could parse: it counts as in flight until its
   * answer is written (::request-finished) or the client is gone. */
  if (info != NULL && !info->counted)
    {
      info->counted = TRUE;
      self->in_flight++;
    }

  if (self->shutting_down)
    {
      soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                    "Connection", "close");
      send_error_simple (msg, 503, "shutting_down", "The server is shutting down");
    }
  else if (!lotse_server_limiter_take (self->address_limiter, info_address (info),
                                       g_get_monotonic_time (), &retry_after))
    {
      soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                    "Connection", "close");
      send_retry_after (msg, retry_after);
    }

  switch (soup_message_headers_get_encoding (headers))
    {
    case SOUP_ENCODING_CONTENT_LENGTH:
      if (soup_message_headers_get_content_length (headers) > (goffset)self->config.max_body)
        {
          reject_connection (self, msg, 413, "body_too_large",
                             "The request body is larger than the server accepts");
          return;
        }
      break;

    case SOUP_ENCODING_NONE:
      break;

    default:
      /* Chunked (or until EOF): count while it arrives. */
      g_signal_connect_object (msg, "got-chunk", G_CALLBACK (on_got_chunk), self, 0);
      break;
    }
}

static gboolean
token_expired (LotseServer              *self,
               const LotseServerSession *session)
{
  return self->config.token_idle > 0 &&
         g_get_real_time () / G_USEC_PER_SEC - session->last_used > self->config.token_idle;
}

/* How often the last use of a token is written: a write per request
 * would cost more than the request, and a day is precise enough for an
 * expiry of months. */
static gint64
touch_interval (LotseServer *self)
{
  if (self->config.token_idle == 0)
    return 24 * 3600;

  return CLAMP (self->config.token_idle / 10, 1, 24 * 3600);
}

/* The session of a token, from the cache while nobody else has changed
 * the storage since it was filled (the version is read before the lookup,
 * so an entry is never newer than the version it is kept under). When its
 * last use is to be written, *touch is set and the session (and the cache)
 * already say now. */
static LotseServerSession *
lookup_token (LotseServer  *self,
              const char   *token,
              gboolean     *touch,
              GError      **error)
{
  const LotseServerStorageVTable *vtable = self->storage->vtable;
  guint8 digest[LOTSE_SERVER_TOKEN_DIGEST];
  g_autofree char *hash = NULL;
  LotseServerSession *session = NULL;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  gint64 version = 0;
  gboolean cached = TRUE;

  lotse_server_token_digest (token, digest);
  if (vtable->auth_version != NULL)
    {
      const LotseServerSession *entry;

      if (!vtable->auth_version (self->storage, &version, error))
        return NULL;
      lotse_server_token_cache_set_version (self->token_cache, version);
      entry = lotse_server_token_cache_lookup (self->token_cache, digest);
      if (entry != NULL)
        session = lotse_server_session_copy (entry);
    }

  if (session == NULL)
    {
      hash = lotse_server_token_digest_to_hex (digest);
      session = vtable->token_lookup (self->storage, hash, error);
      if (session == NULL)
        return NULL;
      cached = FALSE;
    }

  /* An expired token is not touched: it stays expired. */
  *touch = !token_expired (self, session) && now - session->last_used >= touch_interval (self);
  if (*touch)
    session->last_used = now;
  if (vtable->auth_version != NULL && (!cached || *touch))
    lotse_server_token_cache_insert (self->token_cache, digest, session);

  return session;
}

static LotseServerSession *
authenticate (LotseServer       *self,
              SoupServerMessage *msg)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  RequestInfo *info = g_object_get_qdata (G_OBJECT (msg), request_info_quark);
  const char *authorization = soup_message_headers_get_one (headers, "Authorization");
  g_autoptr(LotseServerSession) session = NULL;
  g_autoptr(GError) error = NULL;
  guint retry_after = 0;
  gboolean touch = FALSE;

  if (authorization == NULL || g_ascii_strncasecmp (authorization, "Bearer ", 7) != 0 ||
      strlen (authorization + 7) == 0 || strlen (authorization + 7) > 256)
    {
      send_error_simple (msg, 401, "unauthorized", "A valid device token is required");
      return NULL;
    }

  session = lookup_token (self, authorization + 7, &touch, &error);
  if (session == NULL)
    {
      if (error != NULL)
        {
          g_warning (_("Could not look up a device token: %s"), error->message);
          send_error_simple (msg, 500, "internal_error", "The server could not read its data");
        }
      else
        send_error_simple (msg, 401, "unauthorized", "A valid device token is required");
      return NULL;
    }

  if (info != NULL)
    {
      g_free (info->user);
      info->user = g_strdup (session->account);
      if (touch)
        info->touch_device = g_strdup (session->device_id);
    }

  if (token_expired (self, session))
    {
      send_error_simple (msg, 401, "token_expired",
                         "The device token was not used for too long; sign in again");
      return NULL;
    }

  if (!lotse_server_limiter_take (self->account_limiter, session->account,
                                  g_get_monotonic_time (), &retry_after))
    {
      send_retry_after (msg, retry_after);
      return NULL;
    }

  return g_steal_pointer (&session);
}

static void
handle_info (LotseServer       *self,
             SoupServerMessage *msg)
{
  /* The server id is a UUID the storage made: nothing to escape. */
  set_json_text (msg, 200,
                 g_strdup_printf ("{\"server_id\":\"%s\",\"protocol\":[1,2],\"max_body\":%" G_GSIZE_FORMAT
                                  ",\"max_batch\":%u}",
                                  self->storage->vtable->get_server_id (self->storage),
                                  self->config.max_body, self->config.max_batch));
}

/* A login in progress: yescrypt takes tens of milliseconds, so the hash is
 * checked on a worker thread while the message is paused and the main loop
 * goes on serving others. */
typedef struct
{
  LotseServer        *self;
  SoupServerMessage  *msg;
  LotseServerLogin   *login;
  LotseServerAccount *account;     /* NULL: unknown user, checked against a dummy */
  char               *address;
  guint               locked;      /* seconds the account is locked if this fails */
  guint               failures;
} LoginData;

static void
login_data_free (LoginData *data)
{
  g_clear_object (&data->self);
  g_clear_object (&data->msg);
  g_clear_pointer (&data->login, lotse_server_login_free);
  g_clear_pointer (&data->account, lotse_server_account_free);
  g_free (data->address);
  g_free (data);
}

static void
check_password_in_thread (GTask        *task,
                          gpointer      source,
                          gpointer      task_data,
                          GCancellable *cancellable)
{
  LoginData *data = task_data;
  gboolean ok;

  if (data->account != NULL)
    ok = lotse_server_check_password (data->login->password, data->account->password_hash);
  else
    {
      lotse_server_check_password (data->login->password, lotse_server_dummy_hash ());
      ok = FALSE;
    }

  g_task_return_boolean (task, ok);
}

static void
finish_login (LotseServer       *self,
              SoupServerMessage *msg,
              LoginData         *data)
{
  RequestInfo *info = g_object_get_qdata (G_OBJECT (msg), request_info_quark);
  g_autoptr(JsonBuilder) builder = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *token = NULL;
  g_autofree char *hash = NULL;
  g_autofree char *device_id = NULL;

  token = lotse_server_new_token (&error);
  if (token == NULL)
    {
      g_warning ("%s", error->message);
      send_error_simple (msg, 500, "internal_error", "The server could not make a token");
      return;
    }
  hash = lotse_server_hash_token (token);
  device_id = lotse_new_uuid ();
  if (!self->storage->vtable->device_add (self->storage, device_id, data->account->name,
                                          data->login->device_name, hash, &error))
    {
      g_warning (_("Could not store a new device: %s"), error->message);
      send_write_error (msg, error, "The server could not store the device");
      return;
    }

  if (info != NULL)
    {
      g_free (info->user);
      info->user = g_strdup (data->account->name);
    }

  builder = json_builder_new ();
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "token");
  json_builder_add_string_value (builder, token);
  json_builder_set_member_name (builder, "device_id");
  json_builder_add_string_value (builder, device_id);
  json_builder_set_member_name (builder, "user");
  json_builder_add_string_value (builder, data->account->name);
  json_builder_set_member_name (builder, "role");
  json_builder_add_string_value (builder, data->account->role);
  json_builder_end_object (builder);

  node = json_builder_get_root (builder);
  set_json (msg, 200, node);
}

/* One line per lock, the same in every language, for alerts (see
 * help/C/server.page): "login-lockout: user anna locked for 4 s after 7
 * failed logins in a row, the last from 192.0.2.7". */
static void
log_lockout (const LoginData *data)
{
  g_autofree char *user = lotse_server_log_escape (data->login->user);

  g_warning ("login-lockout: user %s locked for %u s after %u failed logins in a row, "
             "the last from %s", user, data->locked, data->failures, data->address);
}

static void
on_password_checked (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  LoginData *data = g_task_get_task_data (G_TASK (result));
  RequestInfo *info = g_object_get_qdata (G_OBJECT (data->msg), request_info_quark);

  if (g_task_propagate_boolean (G_TASK (result), NULL))
    {
      lotse_server_backoff_succeed (data->self->login_backoff, data->login->user);
      finish_login (data->self, data->msg, data);
    }
  else
    {
      if (data->locked > 0)
        log_lockout (data);
      send_error_simple (data->msg, 401, "bad_credentials", "Wrong user name or password");
    }

  /* libsoup 3.2 complains when the client has gone meanwhile. */
  if (info == NULL || info->connection == NULL || !lotse_server_connection_is_closed (info->connection))
    soup_server_message_unpause (data->msg);
}

static void
handle_login (LotseServer       *self,
              SoupServerMessage *msg)
{
  SoupMessageBody *body = soup_server_message_get_request_body (msg);
  g_autoptr(LotseServerError) parse_error = NULL;
  g_autoptr(LotseServerLogin) login = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GTask) task = NULL;
  const char *address = info_address (g_object_get_qdata (G_OBJECT (msg), request_info_quark));
  LotseServerAccount *account;
  LoginData *data;
  guint retry_after = 0;
  guint locked = 0;
  guint failures = 0;

  /* Each attempt costs a yescrypt hash: far fewer per address than other
   * requests. */
  if (!lotse_server_limiter_take (self->login_limiter, address, g_get_monotonic_time (), &retry_after))
    {
      send_retry_after (msg, retry_after);
      return;
    }

  login = lotse_server_parse_login (body->data, body->length, &parse_error);
  if (login == NULL)
    {
      send_error (msg, parse_error);
      return;
    }

  /* Guessing passwords costs the account's bucket too, and guesses from
   * many addresses at one account meet growing delays: whoever tries
   * during one gets 429 without a check of the password. Unknown names
   * are treated alike, so that the answers do not tell which exist. */
  if (!lotse_server_limiter_take (self->account_limiter, login->user,
                                  g_get_monotonic_time (), &retry_after) ||
      !lotse_server_backoff_take (self->login_backoff, login->user, g_get_monotonic_time (),
                                  &retry_after, &locked, &failures))
    {
      send_retry_after (msg, retry_after);
      return;
    }

  account = self->storage->vtable->account_get (self->storage, login->user, &error);
  if (error != NULL)
    {
      g_warning (_("Could not look up a user: %s"), error->message);
      send_error_simple (msg, 500, "internal_error", "The server could not read its data");
      return;
    }

  /* An unknown user takes as long and gets the same answer as a wrong
   * password. */
  data = g_new0 (LoginData, 1);
  data->self = g_object_ref (self);
  data->msg = g_object_ref (msg);
  data->login = g_steal_pointer (&login);
  data->account = account;
  data->address = g_strdup (address);
  data->locked = locked;
  data->failures = failures;

  task = g_task_new (NULL, NULL, on_password_checked, NULL);
  g_task_set_source_tag (task, handle_login);
  g_task_set_task_data (task, data, (GDestroyNotify)login_data_free);
  soup_server_message_pause (msg);
  g_task_run_in_thread (task, check_password_in_thread);
}

static void
send_empty_object (SoupServerMessage *msg)
{
  soup_server_message_set_status (msg, 200, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_STATIC, "{}", 2);
}

static void
handle_logout (LotseServer       *self,
               SoupServerMessage *msg)
{
  SoupMessageBody *body = soup_server_message_get_request_body (msg);
  g_autoptr(LotseServerSession) session = NULL;
  g_autoptr(LotseServerError) parse_error = NULL;
  g_autoptr(GError) error = NULL;

  /* No body is needed; one that is sent is JSON like every other. */
  if (body->length > 0 && !lotse_server_json_check (body->data, body->length, NULL, &parse_error))
    {
      send_error (msg, parse_error);
      return;
    }

  session = authenticate (self, msg);
  if (session == NULL)
    return;

  /* Whatever happens below, no cached lookup may outlive this. */
  lotse_server_token_cache_clear (self->token_cache);
  if (self->storage->vtable->revoke_device (self->storage, session->device_id, &error) < 0)
    {
      g_warning (_("Could not revoke a token: %s"), error->message);
      send_write_error (msg, error, "The server could not revoke the token");
      return;
    }

  send_empty_object (msg);
}

static void
fault_hook (LotseServerFaultPoint point,
            gpointer              user_data)
{
  LotseServer *self = user_data;

  if (self->fault_point < 0 || (int)point != self->fault_point)
    return;

  if (++self->fault_pushes >= self->fault_nth)
    {
      lotse_server_log_flush (self->log);
      fprintf (stderr, "LOTSE_SERVER_FAULT: exiting %s commit\n",
               point == LOTSE_SERVER_FAULT_BEFORE_COMMIT ? "before" : "after");
      _exit (99);
    }
}

static void
handle_push (LotseServer       *self,
             SoupServerMessage *msg)
{
  SoupMessageBody *body = soup_server_message_get_request_body (msg);
  g_autoptr(LotseServerSession) session = authenticate (self, msg);
  g_autoptr(LotseServerError) parse_error = NULL;
  g_autoptr(LotseServerError) refused = NULL;
  g_autoptr(LotseServerPush) push = NULL;
  g_autoptr(GError) error = NULL;
  char *result;

  if (session == NULL)
    return;

  if (g_strcmp0 (session->role, "reader") == 0)
    {
      send_error_simple (msg, 403, "read_only", "This account may read but not change data");
      return;
    }

  push = lotse_server_parse_push (body->data, body->length, self->config.max_batch, &parse_error);
  if (push == NULL)
    {
      send_error (msg, parse_error);
      return;
    }

  if (g_strcmp0 (push->device_id, session->device_id) != 0)
    {
      g_autoptr(LotseServerError) mismatch =
        lotse_server_error_new (400, "device_mismatch", "device_id", -1,
                                "The device_id is not the device of this token");

      send_error (msg, mismatch);
      return;
    }

  result = lotse_server_sync_push (self->storage, session, push, fault_hook, self, &refused, &error);
  if (result == NULL && refused != NULL)
    {
      send_error (msg, refused);
      return;
    }
  if (result == NULL)
    {
      g_warning (_("Could not store pushed changes: %s"), error->message);
      send_write_error (msg, error, "The server could not store the changes");
      return;
    }

  set_json_text (msg, 200, result);
}

/* Checking the token and reading the rows share one read transaction:
 * one snapshot, and for a pull with nothing new most of the cost of
 * SQLite's part is starting and ending it. */
static void
handle_pull (LotseServer       *self,
             SoupServerMessage *msg)
{
  const LotseServerStorageVTable *vtable = self->storage->vtable;
  g_autoptr(LotseServerSession) session = NULL;
  g_autoptr(LotseServerError) error = NULL;
  g_autoptr(LotseServerPull) pull = NULL;
  g_autoptr(GError) begin_error = NULL;
  gboolean in_read = FALSE;
  char *result = NULL;

  if (vtable->begin_read != NULL)
    {
      in_read = vtable->begin_read (self->storage, &begin_error);
      if (!in_read)
        g_warning (_("Could not begin reading: %s"), begin_error->message);
    }

  session = authenticate (self, msg);
  if (session != NULL)
    {
      pull = lotse_server_parse_pull (g_uri_get_query (soup_server_message_get_uri (msg)), &error);
      if (pull != NULL)
        result = lotse_server_sync_pull (self->storage, pull, NULL, &error);
    }

  if (in_read)
    vtable->end_read (self->storage);

  if (session == NULL)
    return;
  if (result == NULL)
    send_error (msg, error);
  else
    set_json_text (msg, 200, result);
}

static void
handle_history (LotseServer       *self,
                SoupServerMessage *msg,
                const char        *table_name,
                const char        *id)
{
  g_autoptr(LotseServerSession) session = authenticate (self, msg);
  g_autoptr(LotseServerError) error = NULL;
  g_autoptr(JsonNode) result = NULL;
  const LotseTable *table;

  if (session == NULL)
    return;

  table = lotse_schema_lookup_table (table_name);
  if (table == NULL || !lotse_is_uuid (id))
    {
      send_error_simple (msg, 404, "not_found", "The server has no such row");
      return;
    }

  result = lotse_server_sync_history (self->storage, table, id, &error);
  if (result == NULL)
    send_error (msg, error);
  else
    set_json (msg, 200, result);
}

static gboolean
check_method (SoupServerMessage *msg,
              const char        *method)
{
  if (g_strcmp0 (soup_server_message_get_method (msg), method) == 0)
    return TRUE;

  soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Allow", method);
  send_error_simple (msg, 405, "method_not_allowed", "This path does not take this method");
  return FALSE;
}

static void dispatch (LotseServer       *self,
                      SoupServerMessage *msg,
                      const char        *path);

static void
handler (SoupServer        *soup,
         SoupServerMessage *msg,
         const char        *path,
         GHashTable        *query,
         gpointer           user_data)
{
  GSocket *socket = message_socket (msg);

  /* libsoup writes the headers and the body of an answer separately, and
   * with TCP_NODELAY: two packets (and two wake-ups of the client) for
   * every small answer. Corked, they leave together when the answer is
   * finished (on_request_finished); the kernel sends corked data after
   * 200 ms at the latest anyway. */
  if (socket != NULL)
    g_socket_set_option (socket, IPPROTO_TCP, TCP_CORK, 1, NULL);
  dispatch (user_data, msg, path);
}

static void
dispatch (LotseServer       *self,
          SoupServerMessage *msg,
          const char        *path)
{
  g_auto(GStrv) parts = NULL;

  if (g_str_equal (path, "/v1/info"))
    {
      if (check_method (msg, "GET"))
        handle_info (self, msg);
      return;
    }
  if (g_str_equal (path, "/v1/auth/login"))
    {
      if (check_method (msg, "POST"))
        handle_login (self, msg);
      return;
    }
  if (g_str_equal (path, "/v1/auth/logout"))
    {
      if (check_method (msg, "POST"))
        handle_logout (self, msg);
      return;
    }
  if (g_str_equal (path, "/v1/sync/push"))
    {
      if (check_method (msg, "POST"))
        handle_push (self, msg);
      return;
    }
  if (g_str_equal (path, "/v1/sync/pull"))
    {
      if (check_method (msg, "GET"))
        handle_pull (self, msg);
      return;
    }

  /* /v1/items/{table}/{id}/history */
  parts = g_strsplit (path, "/", 0);
  if (g_strv_length (parts) == 6 && parts[0][0] == '\0' && g_str_equal (parts[1], "v1") &&
      g_str_equal (parts[2], "items") && g_str_equal (parts[5], "history"))
    {
      if (check_method (msg, "GET"))
        handle_history (self, msg, parts[3], parts[4]);
      return;
    }

  send_error_simple (msg, 404, "not_found", "There is nothing at this path");
}

static void
lotse_server_dispose (GObject *object)
{
  LotseServer *self = LOTSE_SERVER (object);

  g_clear_handle_id (&self->sweep_id, g_source_remove);
  lotse_server_log_detach (self->log);
  g_clear_pointer (&self->listener, lotse_server_listener_free);
  if (self->soup != NULL)
    soup_server_disconnect (self->soup);
  g_clear_object (&self->soup);
  g_clear_pointer (&self->dormant, g_main_context_unref);
  g_clear_pointer (&self->connections, g_hash_table_unref);

  /* Messages that outlive the server must not reach for its list. */
  while (self->requests.head != NULL)
    request_info_unlink (self->requests.head->data);

  G_OBJECT_CLASS (lotse_server_parent_class)->dispose (object);
}

static void
lotse_server_finalize (GObject *object)
{
  LotseServer *self = LOTSE_SERVER (object);

  g_clear_pointer (&self->storage, lotse_server_storage_free);
  g_clear_pointer (&self->address_limiter, lotse_server_limiter_free);
  g_clear_pointer (&self->account_limiter, lotse_server_limiter_free);
  g_clear_pointer (&self->login_limiter, lotse_server_limiter_free);
  g_clear_pointer (&self->login_backoff, lotse_server_backoff_free);
  g_clear_pointer (&self->token_cache, lotse_server_token_cache_free);
  g_clear_pointer (&self->log, lotse_server_log_free);

  G_OBJECT_CLASS (lotse_server_parent_class)->finalize (object);
}

static void
lotse_server_class_init (LotseServerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = lotse_server_dispose;
  object_class->finalize = lotse_server_finalize;

  request_info_quark = g_quark_from_static_string ("lotse-request-info");

  /**
   * LotseServer::idle:
   *
   * Emitted during shutdown when the last request in flight is answered.
   */
  signals[SIGNAL_IDLE] = g_signal_new ("idle", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                       0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
lotse_server_init (LotseServer *self)
{
  self->fault_point = -1;
  self->connections = g_hash_table_new_full (NULL, NULL, g_object_unref, NULL);
  self->token_cache = lotse_server_token_cache_new (TOKEN_CACHE_SIZE);
  self->log = lotse_server_log_new ();
}

static void
parse_fault (LotseServer *self)
{
  const char *fault = g_getenv ("LOTSE_SERVER_FAULT");
  g_auto(GStrv) parts = NULL;
  guint64 nth = 1;

  if (fault == NULL || *fault == '\0')
    return;

  parts = g_strsplit (fault, ":", 2);
  if (g_str_equal (parts[0], "exit-before-commit"))
    self->fault_point = LOTSE_SERVER_FAULT_BEFORE_COMMIT;
  else if (g_str_equal (parts[0], "exit-after-commit"))
    self->fault_point = LOTSE_SERVER_FAULT_AFTER_COMMIT;
  else
    {
      g_warning ("unknown LOTSE_SERVER_FAULT “%s”", fault);
      return;
    }

  if (parts[1] != NULL && !g_ascii_string_to_unsigned (parts[1], 10, 1, G_MAXUINT, &nth, NULL))
    g_warning ("bad count in LOTSE_SERVER_FAULT “%s”", fault);
  self->fault_nth = (guint)nth;
}

LotseServer *
lotse_server_new (LotseServerStorage      *storage,
                  const LotseServerConfig *config)
{
  LotseServer *self = g_object_new (LOTSE_TYPE_SERVER, NULL);

  self->storage = storage;
  self->config = *config;
  self->address_limiter = lotse_server_limiter_new (config->rate, config->burst);
  self->account_limiter = lotse_server_limiter_new (config->rate, config->burst);
  /* Logins: at most one per second and 20 at once per address (an office
   * behind one NAT address signs in a handful of laptops, not hundreds). */
  self->login_limiter = lotse_server_limiter_new (MIN (config->rate, 1.0), MIN (config->burst, 20.0));
  self->login_backoff = lotse_server_backoff_new (LOGIN_FREE_FAILURES, 1, LOGIN_MAX_LOCK_SECONDS);
  parse_fault (self);

  return self;
}

static GSocketAddress *
parse_listen_address (const char  *text,
                      GError     **error)
{
  g_autofree char *host = NULL;
  g_autoptr(GInetAddress) address = NULL;
  const char *port_text;
  guint64 port;

  if (text[0] == '[')
    {
      const char *end = strchr (text, ']');

      if (end == NULL || end[1] != ':')
        goto bad;
      host = g_strndup (text + 1, end - text - 1);
      port_text = end + 2;
    }
  else
    {
      const char *colon = strrchr (text, ':');

      if (colon == NULL)
        goto bad;
      host = g_strndup (text, colon - text);
      port_text = colon + 1;
    }

  if (!g_ascii_string_to_unsigned (port_text, 10, 0, 65535, &port, NULL))
    goto bad;

  if (g_str_equal (host, "localhost"))
    address = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  else
    address = g_inet_address_new_from_string (host);
  if (address == NULL)
    goto bad;

  return g_inet_socket_address_new (address, (guint16)port);

bad:
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
               _("“%s” is not an address to listen on; use ADDRESS:PORT, "
                 "e.g. 127.0.0.1:8443 or [::]:8443"), text);
  return NULL;
}

/* A TLS handshake gets the request timeout, but never more than this:
 * no client needs long, and until it is done the connection is nobody's. */
#define HANDSHAKE_SECONDS 30

static void
on_connection_refused (LotseServerConnection *connection,
                       guint                  status,
                       LotseServer           *self)
{
  lotse_server_log_request (self->log, lotse_server_connection_get_address (connection),
                            NULL, NULL, status, 0, 0.0, NULL);
}

static void
on_connection_closed (LotseServerConnection *connection,
                      LotseServer           *self)
{
  g_hash_table_remove (self->connections, connection);
}

static void
on_connection (LotseServerConnection *connection,
               gpointer               user_data)
{
  LotseServer *self = user_data;
  g_autoptr(GError) error = NULL;

  g_hash_table_add (self->connections, g_object_ref (connection));
  g_signal_connect_object (connection, "refused", G_CALLBACK (on_connection_refused), self, 0);
  g_signal_connect_object (connection, "closed", G_CALLBACK (on_connection_closed), self, 0);

  if (!lotse_server_connection_accept (connection, self->soup, &error))
    {
      g_warning ("%s", error->message);
      g_io_stream_close (G_IO_STREAM (connection), NULL, NULL);
    }
}

static char *
socket_url (GSocket   *socket,
            gboolean   tls,
            GError   **error)
{
  g_autoptr(GSocketAddress) local = g_socket_get_local_address (socket, error);
  g_autofree char *host = NULL;

  if (local == NULL)
    return NULL;

  host = g_inet_address_to_string (g_inet_socket_address_get_address (G_INET_SOCKET_ADDRESS (local)));
  return g_strdup_printf ("%s://%s%s%s:%u", tls ? "https" : "http",
                          strchr (host, ':') != NULL ? "[" : "", host,
                          strchr (host, ':') != NULL ? "]" : "",
                          g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (local)));
}

/* A listening socket with room for a burst of clients in its backlog:
 * libsoup's own has room for 10, and a client beyond that waits for the
 * retransmission of its SYN, a second or more. */
static GSocket *
listen_socket (GSocketAddress  *address,
               GError         **error)
{
  g_autoptr(GSocket) socket = g_socket_new (g_socket_address_get_family (address),
                                            G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_DEFAULT, error);

  if (socket == NULL)
    return NULL;

  /* As libsoup does: [::] means IPv6 only. */
  if (g_socket_address_get_family (address) == G_SOCKET_FAMILY_IPV6)
    g_socket_set_option (socket, IPPROTO_IPV6, IPV6_V6ONLY, TRUE, NULL);
  g_socket_set_listen_backlog (socket, SOMAXCONN);
  if (!g_socket_bind (socket, address, TRUE, error) || !g_socket_listen (socket, error))
    return NULL;

  return g_steal_pointer (&socket);
}

/* libsoup keeps connections alive only while it has a listener of its own
 * (SoupServer's request_finished()), so it gets one on the socket, made
 * while a main context of its own is the thread default: its accept source
 * lands there, that context never runs, and every connection is accepted
 * by lotse-server-listener.c instead. */
char *
lotse_server_listen (LotseServer      *self,
                     const char       *address,
                     GTlsCertificate  *certificate,
                     GError          **error)
{
  g_autoptr(GSocketAddress) socket_address = NULL;
  g_autoptr(GSocket) socket = NULL;
  guint handshake_seconds;
  gboolean listening;
  char *url;

  g_return_val_if_fail (LOTSE_IS_SERVER (self), NULL);
  g_return_val_if_fail (self->soup == NULL, NULL);

  socket_address = parse_listen_address (address, error);
  if (socket_address == NULL)
    return NULL;
  socket = listen_socket (socket_address, error);
  if (socket == NULL)
    return NULL;
  url = socket_url (socket, certificate != NULL, error);
  if (url == NULL)
    return NULL;

  self->soup = soup_server_new ("server-header", "lotse-server/" PACKAGE_VERSION " ", NULL);
  g_signal_connect_object (self->soup, "request-started", G_CALLBACK (on_request_started), self, 0);
  g_signal_connect_object (self->soup, "request-finished", G_CALLBACK (on_request_finished), self, 0);
  g_signal_connect_object (self->soup, "request-aborted", G_CALLBACK (on_request_finished), self, 0);
  soup_server_add_early_handler (self->soup, NULL, early_handler, self, NULL);
  soup_server_add_handler (self->soup, NULL, handler, self, NULL);

  self->dormant = g_main_context_new ();
  g_main_context_push_thread_default (self->dormant);
  listening = soup_server_listen_socket (self->soup, socket, 0, error);
  g_main_context_pop_thread_default (self->dormant);
  if (!listening)
    {
      g_clear_object (&self->soup);
      g_free (url);
      return NULL;
    }

  handshake_seconds = self->config.request_timeout > 0
                        ? MIN (self->config.request_timeout, HANDSHAKE_SECONDS) : HANDSHAKE_SECONDS;
  self->listener = lotse_server_listener_new (socket, certificate, handshake_seconds,
                                              on_connection, self);

  self->sweep_id = g_timeout_add_seconds (SWEEP_SECONDS, sweep, self);
  lotse_server_log_attach (self->log);

  return url;
}

void
lotse_server_begin_shutdown (LotseServer *self)
{
  g_return_if_fail (LOTSE_IS_SERVER (self));

  if (self->shutting_down)
    return;

  self->shutting_down = TRUE;
  lotse_server_log_set_urgent (self->log, TRUE);
  if (self->in_flight == 0)
    g_signal_emit (self, signals[SIGNAL_IDLE], 0);
}

guint
lotse_server_get_in_flight (LotseServer *self)
{
  g_return_val_if_fail (LOTSE_IS_SERVER (self), 0);

  return self->in_flight;
}
