/* test-server-ops.c: lotse-server in operation — TLS, rate limits,
 * graceful shutdown and being killed around the commit of a push
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <signal.h>
#include <string.h>

#include "lotse-test-server.h"

#define PROJECT_ID "0f0e0d0c-0b0a-4908-8706-050403020100"
#define OP_ID      "aaaaaaaa-0000-4000-8000-000000000001"

static char *
push_body (const char *device_id,
           const char *op_id,
           const char *title)
{
  return g_strdup_printf ("{\"device_id\":\"%s\",\"changes\":[{\"op_id\":\"%s\",\"table\":\"project\","
                          "\"id\":\"" PROJECT_ID "\",\"base_rev\":0,\"deleted\":false,"
                          "\"fields\":{\"title\":\"%s\",\"status\":\"running\"}}]}",
                          device_id, op_id, title);
}

static char *
raw_post (const char *path,
          const char *token,
          const char *body)
{
  return g_strdup_printf ("POST %s HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                          "Authorization: Bearer %s\r\nContent-Type: application/json\r\n"
                          "Connection: close\r\nContent-Length: %zu\r\n\r\n%s",
                          path, token, strlen (body), body);
}

static gint64
query_int (LotseTestServer *server,
           const char      *sql)
{
  return lotse_test_server_query_int (server, sql);
}

/* --- TLS ---------------------------------------------------------------- */

static void
test_tls (void)
{
  g_autoptr(LotseTestServer) server = lotse_test_server_new ();
  g_autoptr(GTlsDatabase) database = NULL;
  g_autoptr(JsonNode) info = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *cert = NULL;
  g_autofree char *key = NULL;
  g_autofree char *token = NULL;
  g_autofree char *plain = NULL;
  guint status = 0;

  if (!lotse_test_make_certificate (lotse_test_server_get_dir (server), &cert, &key))
    {
      g_test_skip ("openssl is not installed");
      return;
    }

  lotse_test_server_add_user (server, "anna", "editor", "anna-secret-1");
  {
    const char * const args[] = { "--tls-cert", cert, "--tls-key", key, NULL };

    lotse_test_server_start (server, args, NULL);
  }
  g_assert_true (g_str_has_prefix (lotse_test_server_get_url (server), "https://127.0.0.1:"));

  /* The client trusts exactly this certificate: verification is real. */
  database = g_tls_file_database_new (cert, &error);
  g_assert_no_error (error);
  g_object_set (lotse_test_server_get_session (server), "tls-database", database, NULL);

  info = lotse_test_server_request (server, "GET", "/v1/info", NULL, NULL, &status);
  g_assert_cmpuint (status, ==, 200);
  token = lotse_test_server_login (server, "anna", "anna-secret-1", NULL);
  g_assert_cmpuint (strlen (token), ==, 43);

  /* Plain HTTP to the TLS port gets no HTTP answer. */
  plain = lotse_test_server_raw (server, "GET /v1/info HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
                                 strlen ("GET /v1/info HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"), 3000);
  g_assert_cmpuint (lotse_test_raw_status (plain), ==, 0);

  g_assert_cmpint (lotse_test_server_stop (server), ==, 0);
}

static void
test_tls_bad_files (void)
{
  g_autoptr(LotseTestServer) server = lotse_test_server_new ();
  g_autofree char *err = NULL;
  g_autofree char *missing = g_build_filename (lotse_test_server_get_dir (server), "none.pem", NULL);
  int status;

  /* No command after the options: this starts the server, which must
   * refuse to run without its certificate. */
  status = lotse_test_server_admin (server, NULL, NULL, &err, "--tls-cert", missing, "--tls-key", missing, NULL);
  g_assert_cmpint (status, ==, 1);
  g_assert_nonnull (strstr (err, "none.pem"));
  g_clear_pointer (&err, g_free);

  status = lotse_test_server_admin (server, NULL, NULL, &err, "--tls-cert", missing, NULL);
  g_assert_cmpint (status, ==, 2);
}

/* --- rate limits ---------------------------------------------------------- */

static void
test_rate_limit_address (void)
{
  g_autoptr(LotseTestServer) server = lotse_test_server_new ();
  const char * const args[] = { "--rate-limit", "0.2", "--rate-burst", "3", NULL };
  const char request[] = "GET /v1/info HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n";

  lotse_test_server_start (server, args, NULL);

  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *answer = lotse_test_server_raw (server, request, strlen (request), 5000);

      g_assert_cmpuint (lotse_test_raw_status (answer), ==, 200);
    }

  {
    g_autofree char *answer = lotse_test_server_raw (server, request, strlen (request), 5000);

    g_assert_cmpuint (lotse_test_raw_status (answer), ==, 429);
    g_assert_nonnull (strstr (answer, "Retry-After: 5"));
    g_assert_nonnull (strstr (answer, "\"rate_limited\""));
  }

  /* Another address has its own bucket. */
  {
    g_autofree char *answer = lotse_test_server_raw_from (server, "127.0.0.2", request, strlen (request), 5000);

    g_assert_cmpuint (lotse_test_raw_status (answer), ==, 200);
  }

  g_assert_cmpint (lotse_test_server_stop (server), ==, 0);
}

static void
test_rate_limit_account (void)
{
  g_autoptr(LotseTestServer) server = lotse_test_server_new ();
  const char * const args[] = { "--rate-limit", "0.2", "--rate-burst", "4", NULL };
  g_autofree char *token = NULL;
  g_autofree char *request = NULL;
  const char *addresses[] = { "127.0.0.2", "127.0.0.3", "127.0.0.4" };

  lotse_test_server_add_user (server, "anna", "editor", "anna-secret-1");
  lotse_test_server_start (server, args, NULL);
  /* One token of anna's bucket. */
  token = lotse_test_server_login (server, "anna", "anna-secret-1", NULL);

  request = g_strdup_printf ("GET /v1/sync/pull HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer %s\r\n"
                             "Connection: close\r\n\r\n", token);

  /* Three more from three addresses, each far from its own limit. */
  for (guint i = 0; i < G_N_ELEMENTS (addresses); i++)
    {
      g_autofree char *answer = lotse_test_server_raw_from (server, addresses[i], request, strlen (request), 5000);

      g_assert_cmpuint (lotse_test_raw_status (answer), ==, 200);
    }

  {
    g_autofree char *answer = lotse_test_server_raw_from (server, "127.0.0.5", request, strlen (request), 5000);

    g_assert_cmpuint (lotse_test_raw_status (answer), ==, 429);
    g_assert_nonnull (strstr (answer, "Retry-After:"));
  }

  g_assert_cmpint (lotse_test_server_stop (server), ==, 0);
}

static void
test_rate_limit_login (void)
{
  g_autoptr(LotseTestServer) server = lotse_test_server_new ();
  const char * const args[] = { "--rate-limit", "0.05", "--rate-burst", "50", NULL };
  guint unauthorized = 0, limited = 0;

  lotse_test_server_start (server, args, NULL);

  /* Logins have their own, smaller bucket (at most 20 at once), though the
   * general burst is 50: password guessing stays slow. (Each guess names
   * another user: one account has limits of its own, see
   * test-server-auth.) */
  for (guint i = 0; i < 25; i++)
    {
      g_autofree char *body = g_strdup_printf ("{\"user\":\"nobody%u\",\"password\":\"guess-guess\"}", i);
      g_autofree char *request = g_strdup_printf ("POST /v1/auth/login HTTP/1.1\r\nHost: x\r\nConnection: close\r\n"
                                                  "Content-Type: application/json\r\nContent-Length: %zu\r\n\r\n%s",
                                                  strlen (body), body);
      g_autofree char *answer = lotse_test_server_raw (server, request, strlen (request), 5000);
      guint status = lotse_test_raw_status (answer);

      if (status == 401)
        unauthorized++;
      else if (status == 429)
        limited++;
      else
        g_error ("unexpected answer %u", status);
    }
  g_assert_cmpuint (unauthorized, ==, 20);
  g_assert_cmpuint (limited, ==, 5);

  g_assert_cmpint (lotse_test_server_stop (server), ==, 0);
}

/* --- graceful shutdown ---------------------------------------------------- */

static void
test_sigterm_graceful (void)
{
  g_autoptr(LotseTestServer) server = lotse_test_server_new ();
  g_autoptr(GSocketClient) client = g_socket_client_new ();
  g_autoptr(GSocketConnection) connection = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *device = NULL;
  g_autofree char *token = NULL;
  g_autofree char *body = NULL;
  g_autofree char *headers = NULL;
  g_autofree char *late = NULL;
  g_autofree char *log = NULL;
  GOutputStream *output;
  GInputStream *input;
  GString *answer = g_string_new (NULL);
  gsize half;
  char buffer[4096];
  gssize n;

  lotse_test_server_add_user (server, "anna", "editor", "anna-secret-1");
  lotse_test_server_start (server, NULL, NULL);
  token = lotse_test_server_login (server, "anna", "anna-secret-1", &device);

  /* A push whose body is half sent when SIGTERM arrives. */
  body = push_body (device, OP_ID, "OWL 4.0");
  headers = g_strdup_printf ("POST /v1/sync/push HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                             "Authorization: Bearer %s\r\nContent-Type: application/json\r\n"
                             "Connection: close\r\nContent-Length: %zu\r\n\r\n", token, strlen (body));
  connection = g_socket_client_connect_to_host (client, "127.0.0.1", lotse_test_server_get_port (server),
                                                NULL, &error);
  g_assert_no_error (error);
  output = g_io_stream_get_output_stream (G_IO_STREAM (connection));
  input = g_io_stream_get_input_stream (G_IO_STREAM (connection));
  half = strlen (body) / 2;
  g_output_stream_write_all (output, headers, strlen (headers), NULL, NULL, &error);
  g_assert_no_error (error);
  g_output_stream_write_all (output, body, half, NULL, NULL, &error);
  g_assert_no_error (error);
  g_usleep (200 * 1000);

  kill (lotse_test_server_get_pid (server), SIGTERM);
  g_usleep (200 * 1000);

  /* New requests are turned away while the old one is still open. */
  late = lotse_test_server_raw (server, "GET /v1/info HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
                                strlen ("GET /v1/info HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"), 5000);
  g_assert_cmpuint (lotse_test_raw_status (late), ==, 503);
  g_assert_nonnull (strstr (late, "shutting_down"));

  /* The request in flight is finished and answered. */
  g_output_stream_write_all (output, body + half, strlen (body) - half, NULL, NULL, &error);
  g_assert_no_error (error);
  while ((n = g_input_stream_read (input, buffer, sizeof buffer, NULL, NULL)) > 0)
    g_string_append_len (answer, buffer, n);
  g_assert_cmpuint (lotse_test_raw_status (answer->str), ==, 200);
  g_assert_nonnull (strstr (answer->str, "\"applied\""));
  g_string_free (answer, TRUE);

  g_assert_cmpint (lotse_test_server_wait (server), ==, 0);
  g_assert_cmpint (query_int (server, "SELECT count(*) FROM history"), ==, 1);

  log = lotse_test_server_get_log (server);
  g_assert_nonnull (strstr (log, "POST /v1/sync/push 200"));
  g_assert_nonnull (strstr (log, "GET /v1/info 503"));
}

static void
test_request_timeout (void)
{
  g_autoptr(LotseTestServer) server = lotse_test_server_new ();
  const char * const args[] = { "--request-timeout", "1", NULL };
  g_autoptr(GSocketClient) client = g_socket_client_new ();
  g_autoptr(GSocketConnection) connection = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) info = NULL;
  g_autofree char *log = NULL;
  const char partial[] = "POST /v1/sync/push HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 100\r\n\r\n{\"dev";
  char buffer[256];
  gint64 started;
  gssize n;
  guint status = 0;

  lotse_test_server_start (server, args, NULL);

  /* Headers and a few bytes of body, then nothing. */
  connection = g_socket_client_connect_to_host (client, "127.0.0.1", lotse_test_server_get_port (server),
                                                NULL, &error);
  g_assert_no_error (error);
  g_output_stream_write_all (g_io_stream_get_output_stream (G_IO_STREAM (connection)),
                             partial, strlen (partial), NULL, NULL, &error);
  g_assert_no_error (error);

  started = g_get_monotonic_time ();
  g_socket_set_timeout (g_socket_connection_get_socket (connection), 10);
  n = g_input_stream_read (g_io_stream_get_input_stream (G_IO_STREAM (connection)),
                           buffer, sizeof buffer, NULL, NULL);
  /* The server dropped it after about a second, without an answer. */
  g_assert_cmpint (n, <=, 0);
  g_assert_cmpint (g_get_monotonic_time () - started, <, 5 * G_USEC_PER_SEC);

  info = lotse_test_server_request (server, "GET", "/v1/info", NULL, NULL, &status);
  g_assert_cmpuint (status, ==, 200);

  /* Nothing is left in flight: SIGTERM ends the server at once. */
  started = g_get_monotonic_time ();
  g_assert_cmpint (lotse_test_server_stop (server), ==, 0);
  g_assert_cmpint (g_get_monotonic_time () - started, <, 5 * G_USEC_PER_SEC);

  log = lotse_test_server_get_log (server);
  g_assert_nonnull (strstr (log, "POST /v1/sync/push 408"));
}

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

/* libsoup 3.2 alone keeps every idle keep-alive connection the client
 * closes; the server makes it let go (lotse-server-connection.c), so
 * descriptors do not pile up. */
static void
test_connections_closed (void)
{
  g_autoptr(LotseTestServer) server = lotse_test_server_new ();
  const char * const args[] = { "--rate-limit", "0", NULL };
  g_autofree char *token = NULL;
  guint before, during, after;

  lotse_test_server_add_user (server, "anna", "editor", "anna-secret-1");
  lotse_test_server_start (server, args, NULL);
  token = lotse_test_server_login (server, "anna", "anna-secret-1", NULL);
  soup_session_abort (lotse_test_server_get_session (server));
  g_usleep (5 * G_USEC_PER_SEC);

  before = count_fds (lotse_test_server_get_pid (server));
  for (guint i = 0; i < 200; i++)
    {
      g_autoptr(JsonNode) pull = NULL;
      guint status = 0;

      /* A keep-alive request, then the client hangs up while idle. */
      pull = lotse_test_server_request (server, "GET", "/v1/sync/pull", token, NULL, &status);
      g_assert_cmpuint (status, ==, 200);
      soup_session_abort (lotse_test_server_get_session (server));
    }
  during = count_fds (lotse_test_server_get_pid (server));

  /* Soon after they are closed. */
  g_usleep (5 * G_USEC_PER_SEC);
  after = count_fds (lotse_test_server_get_pid (server));
  g_test_message ("descriptors before %u, right after %u, later %u", before, during, after);
  g_assert_cmpuint (after, <=, before + 2);

  /* The server still serves, on new and on kept connections. */
  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(JsonNode) pull = NULL;
      guint status = 0;

      pull = lotse_test_server_request (server, "GET", "/v1/sync/pull", token, NULL, &status);
      g_assert_cmpuint (status, ==, 200);
    }

  g_assert_cmpint (lotse_test_server_stop (server), ==, 0);
}

/* --- faults around the commit --------------------------------------------- */

static void
test_killed_before_commit (void)
{
  g_autoptr(LotseTestServer) server = lotse_test_server_new ();
  const char * const env[] = { "LOTSE_SERVER_FAULT=exit-before-commit", NULL };
  g_autofree char *device = NULL;
  g_autofree char *token = NULL;
  g_autofree char *body = NULL;
  g_autofree char *request = NULL;
  g_autofree char *answer = NULL;
  g_autoptr(JsonNode) retry = NULL;
  JsonObject *result;
  guint status = 0;

  lotse_test_server_add_user (server, "anna", "editor", "anna-secret-1");
  lotse_test_server_start (server, NULL, env);
  token = lotse_test_server_login (server, "anna", "anna-secret-1", &device);

  body = push_body (device, OP_ID, "OWL 4.0");
  request = raw_post ("/v1/sync/push", token, body);
  answer = lotse_test_server_raw (server, request, strlen (request), 10000);
  g_assert_cmpuint (lotse_test_raw_status (answer), ==, 0);
  g_assert_cmpint (lotse_test_server_wait (server), ==, 99);

  /* Nothing of the push is stored. */
  g_assert_cmpint (query_int (server, "SELECT count(*) FROM history"), ==, 0);
  g_assert_cmpint (query_int (server, "SELECT count(*) FROM rows"), ==, 0);
  g_assert_cmpint (query_int (server, "SELECT count(*) FROM ops"), ==, 0);

  /* The client retries after the restart and it is applied once. */
  lotse_test_server_start (server, NULL, NULL);
  retry = lotse_test_server_request (server, "POST", "/v1/sync/push", token, body, &status);
  g_assert_cmpuint (status, ==, 200);
  result = json_array_get_object_element (json_object_get_array_member (json_node_get_object (retry), "results"), 0);
  g_assert_cmpstr (json_object_get_string_member (result, "status"), ==, "applied");
  g_assert_cmpint (json_object_get_int_member (result, "rev"), ==, 1);
  g_assert_cmpint (query_int (server, "SELECT count(*) FROM history"), ==, 1);

  g_assert_cmpint (lotse_test_server_stop (server), ==, 0);
}

static void
test_killed_after_commit (void)
{
  g_autoptr(LotseTestServer) server = lotse_test_server_new ();
  const char * const env[] = { "LOTSE_SERVER_FAULT=exit-after-commit:2", NULL };
  g_autofree char *device = NULL;
  g_autofree char *token = NULL;
  g_autofree char *first = NULL;
  g_autofree char *body = NULL;
  g_autofree char *request = NULL;
  g_autofree char *answer = NULL;
  g_autoptr(JsonNode) first_answer = NULL;
  g_autoptr(JsonNode) retry = NULL;
  JsonObject *result;
  guint status = 0;

  lotse_test_server_add_user (server, "anna", "editor", "anna-secret-1");
  lotse_test_server_start (server, NULL, env);
  token = lotse_test_server_login (server, "anna", "anna-secret-1", &device);

  /* The first push goes through (":2" = the second one dies). */
  first = g_strdup_printf ("{\"device_id\":\"%s\",\"changes\":[{\"op_id\":\"aaaaaaaa-0000-4000-8000-000000000009\","
                           "\"table\":\"tag\",\"id\":\"bbbbbbbb-0000-4000-8000-000000000009\",\"base_rev\":0,"
                           "\"deleted\":false,\"fields\":{\"name\":\"Smart City\"}}]}", device);
  first_answer = lotse_test_server_request (server, "POST", "/v1/sync/push", token, first, &status);
  g_assert_cmpuint (status, ==, 200);

  body = push_body (device, OP_ID, "OWL 4.0");
  request = raw_post ("/v1/sync/push", token, body);
  answer = lotse_test_server_raw (server, request, strlen (request), 10000);
  g_assert_cmpuint (lotse_test_raw_status (answer), ==, 0);
  g_assert_cmpint (lotse_test_server_wait (server), ==, 99);

  /* Committed, though the client never heard of it. */
  g_assert_cmpint (query_int (server, "SELECT count(*) FROM history"), ==, 2);
  g_assert_cmpint (query_int (server, "SELECT count(*) FROM ops WHERE op_id = '" OP_ID "'"), ==, 1);

  /* The retry with the same op_id gets the stored result; no second revision. */
  lotse_test_server_start (server, NULL, NULL);
  retry = lotse_test_server_request (server, "POST", "/v1/sync/push", token, body, &status);
  g_assert_cmpuint (status, ==, 200);
  result = json_array_get_object_element (json_object_get_array_member (json_node_get_object (retry), "results"), 0);
  g_assert_cmpstr (json_object_get_string_member (result, "op_id"), ==, OP_ID);
  g_assert_cmpstr (json_object_get_string_member (result, "status"), ==, "applied");
  g_assert_cmpint (json_object_get_int_member (result, "rev"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (result, "seq"), ==, 2);
  g_assert_cmpint (query_int (server, "SELECT count(*) FROM history"), ==, 2);
  g_assert_cmpint (query_int (server, "SELECT count(*) FROM history WHERE id = '" PROJECT_ID "'"), ==, 1);

  g_assert_cmpint (lotse_test_server_stop (server), ==, 0);
}

static void
test_start_errors (void)
{
  g_autoptr(LotseTestServer) server = lotse_test_server_new ();
  g_autofree char *err = NULL;
  g_autofree char *not_db = NULL;
  int status;

  /* A listen address that is none. */
  status = lotse_test_server_admin (server, NULL, NULL, &err, "--listen", "nowhere", NULL);
  g_assert_cmpint (status, ==, 1);
  g_assert_nonnull (strstr (err, "nowhere"));
  g_clear_pointer (&err, g_free);

  /* A data dir whose database is not a lotse-server database is refused
   * and left alone. */
  if (lotse_test_server_is_postgresql (server))
    return;
  g_assert_cmpint (g_mkdir_with_parents (lotse_test_server_get_data_dir (server), 0700), ==, 0);
  g_assert_true (g_file_set_contents (lotse_test_server_get_db (server), "not a database", -1, NULL));
  status = lotse_test_server_admin (server, NULL, NULL, &err, "user", "list", NULL);
  g_assert_cmpint (status, ==, 1);
  g_assert_true (g_file_get_contents (lotse_test_server_get_db (server), &not_db, NULL, NULL));
  g_assert_cmpstr (not_db, ==, "not a database");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/server-ops/tls", test_tls);
  g_test_add_func ("/server-ops/tls-bad-files", test_tls_bad_files);
  g_test_add_func ("/server-ops/rate-limit-address", test_rate_limit_address);
  g_test_add_func ("/server-ops/rate-limit-account", test_rate_limit_account);
  g_test_add_func ("/server-ops/rate-limit-login", test_rate_limit_login);
  g_test_add_func ("/server-ops/sigterm-graceful", test_sigterm_graceful);
  g_test_add_func ("/server-ops/request-timeout", test_request_timeout);
  g_test_add_func ("/server-ops/connections-closed", test_connections_closed);
  g_test_add_func ("/server-ops/killed-before-commit", test_killed_before_commit);
  g_test_add_func ("/server-ops/killed-after-commit", test_killed_after_commit);
  g_test_add_func ("/server-ops/start-errors", test_start_errors);

  return g_test_run ();
}
