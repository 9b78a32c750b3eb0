/* test-server-edge.c: lotse-server at the edges of HTTP — connections
 * that never finish a TLS handshake, running out of descriptors, request
 * heads too large or framed twice, requests that time out while their
 * head arrives, the request log under attack, and memory per connection
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <signal.h>
#include <string.h>

#include "lotse-test-server.h"

static const char info_request[] = "GET /v1/info HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n";

static GSocketConnection *
connect_raw (LotseTestServer *server,
             guint            timeout_seconds)
{
  g_autoptr(GSocketClient) client = g_socket_client_new ();
  g_autoptr(GError) error = NULL;
  GSocketConnection *connection;

  g_socket_client_set_timeout (client, timeout_seconds);
  connection = g_socket_client_connect_to_host (client, "127.0.0.1", lotse_test_server_get_port (server),
                                                NULL, &error);
  if (connection == NULL)
    g_test_message ("connect: %s", error->message);

  return connection;
}

static void
send_text (GSocketConnection *connection,
           const char        *text,
           gsize              length)
{
  g_autoptr(GError) error = NULL;

  g_output_stream_write_all (g_io_stream_get_output_stream (G_IO_STREAM (connection)),
                             text, length, NULL, NULL, &error);
  g_assert_no_error (error);
}

/* TRUE when the server closes @connection (end of stream or reset) within
 * @seconds, reading and dropping whatever it sends first. */
static gboolean
wait_closed (GSocketConnection *connection,
             guint              seconds)
{
  GSocket *socket = g_socket_connection_get_socket (connection);
  gint64 deadline = g_get_monotonic_time () + seconds * G_USEC_PER_SEC;

  for (;;)
    {
      gint64 left = deadline - g_get_monotonic_time ();
      char buffer[1024];
      gssize n;

      if (left <= 0 || !g_socket_condition_timed_wait (socket, G_IO_IN, left, NULL, NULL))
        return FALSE;
      n = g_socket_receive (socket, buffer, sizeof buffer, NULL, NULL);
      if (n <= 0)
        return TRUE;
    }
}

static guint
info_status (LotseTestServer *server)
{
  g_autofree char *answer = lotse_test_server_raw (server, info_request, strlen (info_request), 5000);

  return lotse_test_raw_status (answer);
}

/* The same, 0 when the server does not take the connection in time. */
static guint
try_info_status (LotseTestServer *server)
{
  g_autoptr(GSocketConnection) connection = connect_raw (server, 2);
  GSocket *socket;
  char answer[64] = "";
  gssize n;

  if (connection == NULL)
    return 0;
  send_text (connection, info_request, strlen (info_request));
  socket = g_socket_connection_get_socket (connection);
  if (!g_socket_condition_timed_wait (socket, G_IO_IN, 2 * G_USEC_PER_SEC, NULL, NULL))
    return 0;
  n = g_socket_receive (socket, answer, sizeof answer - 1, NULL, NULL);
  if (n <= 0)
    return 0;
  answer[n] = '\0';

  return lotse_test_raw_status (answer);
}

/* --- TLS handshakes that never finish ------------------------------------- */

/* A connection that is closed before or during the TLS handshake, or that
 * never sends anything, used to crash the server at the request timeout
 * (libsoup asked for the address of a connection already gone). */
static void
test_tls_handshake_timeout (void)
{
  g_autoptr(LotseTestServer) server = lotse_test_server_new ();
  g_autoptr(GSocketConnection) silent = NULL;
  g_autoptr(GSocketConnection) partial = NULL;
  g_autoptr(GTlsDatabase) database = NULL;
  g_autoptr(SoupSession) untrusting = NULL;
  g_autoptr(JsonNode) info = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *cert = NULL;
  g_autofree char *key = NULL;
  g_autofree char *url = NULL;
  guint status = 0;

  if (!lotse_test_make_certificate (lotse_test_server_get_dir (server), &cert, &key))
    {
      g_test_skip ("openssl is not installed");
      return;
    }

  {
    const char * const args[] = { "--tls-cert", cert, "--tls-key", key, "--request-timeout", "1", NULL };

    lotse_test_server_start (server, args, NULL);
  }

  /* Connect and close, as often as a scanner would. */
  for (guint i = 0; i < 5; i++)
    {
      g_autoptr(GSocketConnection) connection = connect_raw (server, 5);

      g_assert_nonnull (connection);
    }

  /* One that never says a word, one that stops inside its ClientHello. */
  silent = connect_raw (server, 5);
  partial = connect_raw (server, 5);
  g_assert_nonnull (silent);
  g_assert_nonnull (partial);
  send_text (partial, "\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03", 11);

  /* A client that does not trust the certificate gives up the handshake
   * (curl without -k). */
  untrusting = soup_session_new ();
  url = g_strconcat (lotse_test_server_get_url (server), "/v1/info", NULL);
  {
    g_autoptr(SoupMessage) msg = soup_message_new ("GET", url);
    g_autoptr(GBytes) body = soup_session_send_and_read (untrusting, msg, NULL, &error);

    g_assert_null (body);
    g_assert_nonnull (error);
    g_clear_error (&error);
  }

  /* The server gives both up at the deadline … */
  g_assert_true (wait_closed (silent, 10));
  g_assert_true (wait_closed (partial, 10));

  /* … and is still there, serving real clients. */
  database = g_tls_file_database_new (cert, &error);
  g_assert_no_error (error);
  g_object_set (lotse_test_server_get_session (server), "tls-database", database, NULL);
  info = lotse_test_server_request (server, "GET", "/v1/info", NULL, NULL, &status);
  g_assert_cmpuint (status, ==, 200);

  g_assert_cmpint (lotse_test_server_stop (server), ==, 0);
}

/* --- running out of descriptors ------------------------------------------- */

static guint
count_fds (GPid pid)
{
  g_autofree char *path = g_strdup_printf ("/proc/%d/fd", (int)pid);
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  guint n = 0;

  g_assert_nonnull (dir);
  while (g_dir_read_name (dir) != NULL)
    n++;

  return n;
}

/* With too few descriptors accept() fails (EMFILE). libsoup's listener
 * then stopped for good; the server must accept again once connections
 * are closed, and say what happened. */
static void
test_out_of_descriptors (void)
{
  g_autoptr(LotseTestServer) server = lotse_test_server_new ();
  g_autoptr(GPtrArray) connections = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *log = NULL;
  guint limit = 48;
  guint status = 0;
  gint64 deadline;

  lotse_test_server_set_fd_limit (server, limit);
  {
    const char * const args[] = { "--rate-limit", "0", NULL };

    lotse_test_server_start (server, args, NULL);
  }
  g_assert_cmpuint (info_status (server), ==, 200);

  /* More connections than descriptors; the last ones wait in the backlog
   * (or are not taken at all: the connect times out). */
  for (guint i = 0; i < limit + 20; i++)
    {
      GSocketConnection *connection = connect_raw (server, 2);

      if (connection == NULL)
        break;
      g_ptr_array_add (connections, connection);
    }
  g_test_message ("%u connections open, server has %u descriptors", connections->len,
                  count_fds (lotse_test_server_get_pid (server)));
  g_assert_cmpuint (connections->len, >=, limit);

  /* The server has run out … */
  deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  while (count_fds (lotse_test_server_get_pid (server)) < limit && g_get_monotonic_time () < deadline)
    g_usleep (50 * 1000);
  g_assert_cmpuint (count_fds (lotse_test_server_get_pid (server)), ==, limit);

  /* … and serves again once they are closed, */
  g_ptr_array_set_size (connections, 0);
  deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  while (status != 200 && g_get_monotonic_time () < deadline)
    status = try_info_status (server);
  g_assert_cmpuint (status, ==, 200);

  /* saying so in its log. */
  log = lotse_test_server_get_log (server);
  g_assert_nonnull (strstr (log, "Cannot accept connections"));
  g_assert_nonnull (strstr (log, "Accepting connections again"));

  g_assert_cmpint (lotse_test_server_stop (server), ==, 0);
}

/* --- request heads --------------------------------------------------------- */

static char *
raw_answer (LotseTestServer *server,
            GString         *request)
{
  return lotse_test_server_raw (server, request->str, request->len, 10000);
}

/* Too long a request line, too large a header, too many headers: an
 * answer, not a reset connection. */
static void
test_head_limits (void)
{
  g_autoptr(LotseTestServer) server = lotse_test_server_new ();
  GString *request = g_string_new (NULL);
  g_autofree char *answer = NULL;

  lotse_test_server_start (server, NULL, NULL);

  g_string_append (request, "GET /v1/info?");
  for (guint i = 0; i < 70 * 1024; i++)
    g_string_append_c (request, 'a');
  g_string_append (request, " HTTP/1.1\r\nHost: x\r\n\r\n");
  answer = raw_answer (server, request);
  g_assert_cmpuint (lotse_test_raw_status (answer), ==, 414);
  g_assert_nonnull (strstr (answer, "uri_too_long"));
  g_clear_pointer (&answer, g_free);

  g_string_assign (request, "GET /v1/info HTTP/1.1\r\nHost: x\r\nX-Big: ");
  for (guint i = 0; i < 1024 * 1024; i++)
    g_string_append_c (request, 'b');
  g_string_append (request, "\r\n\r\n");
  answer = raw_answer (server, request);
  g_assert_cmpuint (lotse_test_raw_status (answer), ==, 431);
  g_clear_pointer (&answer, g_free);

  g_string_assign (request, "GET /v1/info HTTP/1.1\r\nHost: x\r\n");
  for (guint i = 0; i < 10000; i++)
    g_string_append_printf (request, "X-%u: v\r\n", i);
  g_string_append (request, "\r\n");
  answer = raw_answer (server, request);
  g_assert_cmpuint (lotse_test_raw_status (answer), ==, 431);
  g_clear_pointer (&answer, g_free);

  /* The same after a request with a body on the same connection: the
   * second head is found behind the first body. */
  g_string_assign (request, "POST /v1/auth/logout HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n\r\n{}"
                            "GET /v1/info HTTP/1.1\r\nHost: x\r\n");
  for (guint i = 0; i < 200; i++)
    g_string_append_printf (request, "X-%u: v\r\n", i);
  g_string_append (request, "\r\n");
  answer = raw_answer (server, request);
  g_assert_cmpuint (lotse_test_raw_status (answer), ==, 401);
  g_assert_nonnull (strstr (answer, "HTTP/1.1 431 "));
  g_clear_pointer (&answer, g_free);

  /* A head just within the limits is served. */
  g_string_assign (request, "GET /v1/info HTTP/1.1\r\nHost: x\r\nConnection: close\r\n");
  for (guint i = 0; i < 90; i++)
    g_string_append_printf (request, "X-%u: v\r\n", i);
  g_string_append (request, "\r\n");
  answer = raw_answer (server, request);
  g_assert_cmpuint (lotse_test_raw_status (answer), ==, 200);

  g_string_free (request, TRUE);
  g_assert_cmpint (lotse_test_server_stop (server), ==, 0);
}

/* A request a proxy in front and the server could frame differently
 * (request smuggling) is refused. */
static void
test_ambiguous_length (void)
{
  g_autoptr(LotseTestServer) server = lotse_test_server_new ();
  const char *requests[] = {
    "GET /v1/info HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
    "GET /v1/info HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nContent-Length: 3\r\n\r\n0\r\n\r\n",
    "GET /v1/info HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\nContent-Length: 5\r\n\r\nhello",
    "GET /v1/info HTTP/1.1\r\nHost: x\r\nContent-Length: +0\r\n\r\n",
  };

  lotse_test_server_start (server, NULL, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (requests); i++)
    {
      g_autofree char *answer = lotse_test_server_raw (server, requests[i], strlen (requests[i]), 5000);

      g_test_message ("%s", requests[i]);
      g_assert_cmpuint (lotse_test_raw_status (answer), ==, 400);
      g_assert_true (strstr (answer, "ambiguous_length") != NULL || strstr (answer, "bad_length") != NULL);
    }

  g_assert_cmpuint (info_status (server), ==, 200);
  g_assert_cmpint (lotse_test_server_stop (server), ==, 0);
}

/* --- a request that times out while its head arrives ---------------------- */

static void
test_head_timeout (void)
{
  g_autoptr(LotseTestServer) server = lotse_test_server_new ();
  const char * const args[] = { "--request-timeout", "1", NULL };
  g_autoptr(GSocketConnection) slow = NULL;
  const char partial[] = "GET /v1/info HTTP/1.1\r\nHost: 127.0.0.1\r\n";
  g_autofree char *log = NULL;
  gint64 started;

  lotse_test_server_start (server, args, NULL);

  slow = connect_raw (server, 5);
  g_assert_nonnull (slow);
  send_text (slow, partial, strlen (partial));
  g_assert_true (wait_closed (slow, 10));
  g_assert_cmpuint (info_status (server), ==, 200);

  /* Nothing is left in flight: SIGTERM ends the server at once, not after
   * the grace period. */
  started = g_get_monotonic_time ();
  g_assert_cmpint (lotse_test_server_stop (server), ==, 0);
  g_assert_cmpint (g_get_monotonic_time () - started, <, 5 * G_USEC_PER_SEC);

  /* The partial head was never served as a request. */
  log = lotse_test_server_get_log (server);
  g_assert_nonnull (strstr (log, " 408 "));
  g_assert_null (strstr (log, "GET /v1/info 200 0"));
}

/* --- the request log --------------------------------------------------------- */

static gboolean
has_line_starting (const char *log,
                   const char *start)
{
  g_auto(GStrv) lines = g_strsplit (log, "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      if (g_str_has_prefix (lines[i], start))
        return TRUE;
    }

  return FALSE;
}

/* Whatever a client puts in its request line stays inside one field of
 * its own log line. */
static void
test_log_injection (void)
{
  g_autoptr(LotseTestServer) server = lotse_test_server_new ();
  const char *requests[] = {
    "GET /v1/info%0d%0aFAKE%20LOG%20LINE HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
    "GET /v1/info%0aFAKE2 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
    "GET /v1/\x1b[31mred%1b[0m HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
    "GET /v1/info%20200%200%200.1ms%20anna HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
    "G\x1b" "ET /v1/info HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
  };
  g_autofree char *log = NULL;

  lotse_test_server_start (server, NULL, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (requests); i++)
    {
      g_autofree char *answer = lotse_test_server_raw (server, requests[i], strlen (requests[i]), 5000);

      g_assert_cmpuint (lotse_test_raw_status (answer), !=, 0);
    }
  g_assert_cmpint (lotse_test_server_stop (server), ==, 0);

  log = lotse_test_server_get_log (server);
  g_test_message ("%s", log);
  g_assert_false (has_line_starting (log, "FAKE"));
  g_assert_null (strchr (log, '\x1b'));
  g_assert_null (strchr (log, '\r'));
  g_assert_nonnull (strstr (log, "/v1/info\\x0d\\x0aFAKE\\x20LOG\\x20LINE 404 "));
  /* Each request is one line of seven fields. */
  {
    g_auto(GStrv) lines = g_strsplit (log, "\n", -1);
    guint requests_seen = 0;

    for (guint i = 0; lines[i] != NULL; i++)
      {
        g_auto(GStrv) fields = NULL;

        if (!g_str_has_prefix (lines[i], "127.0.0.1 "))
          continue;
        fields = g_strsplit (lines[i], " ", -1);
        g_assert_cmpuint (g_strv_length (fields), ==, 7);
        requests_seen++;
      }
    g_assert_cmpuint (requests_seen, ==, G_N_ELEMENTS (requests));
  }
}

/* --- memory per connection --------------------------------------------------- */

/* libsoup 3.2 kept about 1-2 KiB of every connection whose client closed
 * it between two requests (and a socket of every connection). 10,000 such
 * connections after a warm-up: the server's memory stays where it was. */
static void
test_memory_per_connection (void)
{
  g_autoptr(LotseTestServer) server = lotse_test_server_new ();
  const char * const args[] = { "--rate-limit", "0", NULL };
  guint64 before, after;

  lotse_test_server_start (server, args, NULL);

  g_assert_cmpuint (lotse_test_server_churn (server, 3000, 32), ==, 3000);
  before = lotse_test_server_get_rss_kib (server);
  g_assert_cmpuint (lotse_test_server_churn (server, 10000, 32), ==, 10000);
  after = lotse_test_server_get_rss_kib (server);
  g_test_message ("RSS %" G_GUINT64_FORMAT " KiB before, %" G_GUINT64_FORMAT " KiB after 10,000 connections",
                  before, after);
  g_assert_cmpuint (after, <, before + 2048);

  g_assert_cmpuint (info_status (server), ==, 200);
  g_assert_cmpint (lotse_test_server_stop (server), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/server-edge/tls-handshake-timeout", test_tls_handshake_timeout);
  g_test_add_func ("/server-edge/out-of-descriptors", test_out_of_descriptors);
  g_test_add_func ("/server-edge/head-limits", test_head_limits);
  g_test_add_func ("/server-edge/ambiguous-length", test_ambiguous_length);
  g_test_add_func ("/server-edge/head-timeout", test_head_timeout);
  g_test_add_func ("/server-edge/log-injection", test_log_injection);
  g_test_add_func ("/server-edge/memory-per-connection", test_memory_per_connection);

  return g_test_run ();
}
