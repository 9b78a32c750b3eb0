/* lotse-sync-http.c: the sync client's HTTP exchanges
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The exchanges run in a thread of their own ("lotse-sync-net", with its
 * own main context; libsoup 3.2 sends from any thread that has one), which
 * also parses the answers: while the thread that started a cycle writes
 * one page of a pull, the next page is read and parsed. The answer goes
 * back to the thread that sent the request. A 429 is retried after the
 * server's Retry-After, up to MAX_RETRIES times.
 */

#define G_LOG_DOMAIN "lotse-sync"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "lotse-sync-client-private.h"

#define MAX_RETRIES         3
#define MAX_RETRY_AFTER_S   30
#define TIMEOUT_S           60
#define STATUS_TOO_MANY_REQUESTS 429  /* not named in libsoup 3.2 */

typedef struct
{
  LotseSyncClient      *self;
  char                 *method;
  char                 *path;
  GBytes               *body;
  gboolean              authorized;
  guint                 attempts;
  GCancellable         *cancellable;
  LotseSyncRequestDone  done;
  LotseSyncPageDone     page_done;  /* for a page of a pull, else NULL */
  gpointer              data;
  GMainContext         *context;    /* where the answer is handled */
  GUri                 *uri;
  char                 *authorization;

  /* The network thread's side; handed back with the answer. */
  GCancellable         *net_cancellable;
  gulong                cancel_handler;
  SoupMessage          *message;
  guint                 status;
  char                 *retry_after;
  JsonParser           *parser;
  LotseSyncPage        *page;
  GError               *error;
} Request;

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
request_new (LotseSyncClient      *self,
             const char           *method,
             const char           *path,
             char                 *body,
             gboolean              authorized,
             GCancellable         *cancellable,
             LotseSyncRequestDone  done,
             gpointer              data)
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

void
lotse_sync_client_send (LotseSyncClient      *self,
                        const char           *method,
                        const char           *path,
                        char                 *body,
                        gboolean              authorized,
                        GCancellable         *cancellable,
                        LotseSyncRequestDone  done,
                        gpointer              data)
{
  request_send (request_new (self, method, path, body, authorized, cancellable, done, data));
}

/* A page of a pull: read and parsed as a page in the network thread. An
 * answer other than 200 goes to @done. */
void
lotse_sync_client_send_pull (LotseSyncClient      *self,
                             const char           *path,
                             GCancellable         *cancellable,
                             LotseSyncRequestDone  done,
                             LotseSyncPageDone     page_done,
                             gpointer              data)
{
  Request *request = request_new (self, "GET", path, NULL, TRUE, cancellable, done, data);

  request->page_done = page_done;
  request_send (request);
}

/* The session belongs to the network thread: it is closed there. */
void
lotse_sync_client_close_session (LotseSyncClient *self)
{
  if (self->session != NULL)
    g_main_context_invoke (net_context (), session_close_cb, g_steal_pointer (&self->session));
}
