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

#include "lotse-server-private.h"
#include "lotse-server-json.h"
#include "lotse-server-sync.h"

/* The RequestInfo of a message, as object data (a quark made once: a
 * string key would take GLib's quark lock on every look-up). */
static GQuark request_info_quark;
/* Failed logins in a row an account allows before it is locked for 1 s,
 * 2 s, 4 s … at most 15 minutes (lotse_server_backoff_new()). */
#define LOGIN_FREE_FAILURES 5
#define LOGIN_MAX_LOCK_SECONDS (15 * 60)

G_DEFINE_FINAL_TYPE (LotseServer, lotse_server, G_TYPE_OBJECT)

enum {
  SIGNAL_IDLE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

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
  g_clear_pointer (&info->touch_space, lotse_server_space_unref);
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
  config->max_blob = LOTSE_SERVER_DEFAULT_MAX_BLOB;
}

static const char *
info_address (RequestInfo *info)
{
  return info != NULL && info->connection != NULL
           ? lotse_server_connection_get_address (info->connection) : "-";
}

RequestInfo *
lotse_server_request_info (SoupServerMessage *msg)
{
  return g_object_get_qdata (G_OBJECT (msg), request_info_quark);
}

const char *
lotse_server_request_address (SoupServerMessage *msg)
{
  return info_address (lotse_server_request_info (msg));
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
      LotseServerStorage *storage = info->touch_space->storage;
      g_autoptr(GError) error = NULL;

      if (!storage->vtable->device_touch (storage, info->touch_device,
                                          g_get_real_time () / G_USEC_PER_SEC, &error))
        g_warning (_("Could not note the use of a device token: %s"), error->message);
      g_clear_pointer (&info->touch_device, g_free);
      g_clear_pointer (&info->touch_space, lotse_server_space_unref);
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

void
lotse_server_set_json (SoupServerMessage *msg,
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

void
lotse_server_set_json_text (SoupServerMessage *msg,
                            guint              status,
                            char              *text)
{
  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_TAKE, text, strlen (text));
}

/* Seconds a client is asked to wait when the database cannot be reached:
 * a restart of PostgreSQL, or a failover, takes about this long. */
#define UNAVAILABLE_RETRY_SECONDS 5

/* Every 503 says when to try again. */
void
lotse_server_send_error (SoupServerMessage      *msg,
                         const LotseServerError *error)
{
  if (error->status == 503)
    {
      g_autofree char *value = g_strdup_printf ("%u", UNAVAILABLE_RETRY_SECONDS);

      soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Retry-After", value);
    }
  lotse_server_set_json_text (msg, error->status, lotse_server_error_to_json (error));
}

void
lotse_server_send_error_simple (SoupServerMessage *msg,
                                guint              status,
                                const char        *code,
                                const char        *message)
{
  g_autoptr(LotseServerError) error = lotse_server_error_new (status, code, NULL, -1, "%s", message);

  lotse_server_send_error (msg, error);
}

/* What the storage could not do: 507 when the disk is full (the client
 * keeps its changes and tries again later), 503 when the database cannot
 * be reached, else 500. */
void
lotse_server_send_storage_error (SoupServerMessage *msg,
                                 const GError      *error)
{
  g_autoptr(LotseServerError) answer = lotse_server_storage_failure (error);

  lotse_server_send_error (msg, answer);
}

void
lotse_server_send_retry_after (SoupServerMessage *msg,
                               guint              seconds)
{
  g_autofree char *value = g_strdup_printf ("%u", seconds);

  soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                "Retry-After", value);
  lotse_server_send_error_simple (msg, 429, "rate_limited", "Too many requests; try again later");
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
      lotse_server_send_error_simple (msg, status, code, message);
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

/* A blob may be larger than any JSON body. */
static gsize
body_limit (LotseServer       *self,
            SoupServerMessage *msg)
{
  const char *path = g_uri_get_path (soup_server_message_get_uri (msg));

  if (lotse_server_is_blob_path (path))
    return MAX (self->config.max_body, (gsize)self->config.max_blob);
  return self->config.max_body;
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
  if (info->body_seen > body_limit (self, msg))
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
      lotse_server_send_error_simple (msg, 503, "shutting_down", "The server is shutting down");
    }
  else if (!lotse_server_limiter_take (self->address_limiter, info_address (info),
                                       g_get_monotonic_time (), &retry_after))
    {
      soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                    "Connection", "close");
      lotse_server_send_retry_after (msg, retry_after);
    }

  switch (soup_message_headers_get_encoding (headers))
    {
    case SOUP_ENCODING_CONTENT_LENGTH:
      if (soup_message_headers_get_content_length (headers) > (goffset)body_limit (self, msg))
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
  lotse_server_dispatch (user_data, msg, path);
}

static void
lotse_server_dispose (GObject *object)
{
  LotseServer *self = LOTSE_SERVER (object);

  g_clear_handle_id (&self->sweep_id, g_source_remove);
  lotse_server_drop_waiting_pulls (self);
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

  g_clear_pointer (&self->spaces, g_hash_table_unref);
  g_clear_pointer (&self->storage, lotse_server_storage_free);
  g_clear_pointer (&self->address_limiter, lotse_server_limiter_free);
  g_clear_pointer (&self->account_limiter, lotse_server_limiter_free);
  g_clear_pointer (&self->login_limiter, lotse_server_limiter_free);
  g_clear_pointer (&self->login_backoff, lotse_server_backoff_free);
  g_clear_pointer (&self->log, lotse_server_log_free);
  g_clear_pointer (&self->portal, lotse_portal_free);

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
  self->spaces = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                        (GDestroyNotify)lotse_server_space_unref);
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
  else if (g_str_equal (parts[0], "pause-before-commit"))
    {
      self->fault_point = LOTSE_SERVER_FAULT_BEFORE_COMMIT;
      self->fault_pause = TRUE;
    }
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
