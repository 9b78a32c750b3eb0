/* lotse-test-server.c: a real lotse-server on loopback for the test suites
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>
#include <string.h>
#include <sys/wait.h>

#include "lotse-test-server.h"
#include "lotse-test-postgresql.h"

struct _LotseTestServer
{
  char        *dir;
  char        *data_dir;
  char        *db;
  char        *database;    /* PostgreSQL URI, or NULL: the SQLite file db */
  char        *blob_dir;    /* on PostgreSQL, where the blobs go (in the temp dir) */
  gboolean     owns_database;  /* dropped with the server, else shared */
  char        *copy;        /* lotse_test_server_get_copy() */
  guint        n_copies;
  char        *log;
  char        *url;
  guint16      port;
  guint        fd_limit;
  goffset      file_size_limit;
  GSubprocess *process;
  SoupSession *session;
};

/* A test that aborts must not leave its server running. */
static void
child_setup (gpointer user_data)
{
  LotseTestServer *server = user_data;

  prctl (PR_SET_PDEATHSIG, SIGKILL);
  if (server->fd_limit > 0)
    {
      struct rlimit limit = { server->fd_limit, server->fd_limit };

      setrlimit (RLIMIT_NOFILE, &limit);
    }
  if (server->file_size_limit > 0)
    {
      struct rlimit limit = { server->file_size_limit, server->file_size_limit };

      setrlimit (RLIMIT_FSIZE, &limit);
    }
}

static const char *
server_binary (void)
{
  const char *path = g_getenv ("LOTSE_SERVER");

  g_assert_nonnull (path);
  return path;
}

static LotseTestServer *
server_new (char *database)
{
  LotseTestServer *server = g_new0 (LotseTestServer, 1);

  server->dir = lotse_test_make_tmpdir ();
  server->data_dir = g_build_filename (server->dir, "data", NULL);
  server->db = g_build_filename (server->data_dir, "lotse-server.db", NULL);
  server->log = g_build_filename (server->dir, "server.log", NULL);
  server->database = database;
  server->blob_dir = g_build_filename (server->data_dir, "blobs", NULL);
  server->session = soup_session_new_with_options ("timeout", 30, NULL);

  return server;
}

LotseTestServer *
lotse_test_server_new (void)
{
  LotseTestServer *server;

  server = server_new (lotse_test_postgresql_enabled () ? lotse_test_postgresql_new_database () : NULL);
  server->owns_database = server->database != NULL;
  return server;
}

LotseTestServer *
lotse_test_server_new_sharing (LotseTestServer *first)
{
  g_assert_nonnull (first->database);
  return server_new (g_strdup (first->database));
}

void
lotse_test_server_free (LotseTestServer *server)
{
  if (server == NULL)
    return;

  if (server->process != NULL)
    {
      g_subprocess_force_exit (server->process);
      g_subprocess_wait (server->process, NULL, NULL);
      g_clear_object (&server->process);
    }

  g_clear_object (&server->session);
  if (server->owns_database)
    lotse_test_postgresql_drop_database (server->database);
  lotse_test_remove_tree (server->dir);
  g_free (server->dir);
  g_free (server->data_dir);
  g_free (server->db);
  g_free (server->database);
  g_free (server->blob_dir);
  g_free (server->copy);
  g_free (server->log);
  g_free (server->url);
  g_free (server);
}

/* Where the server keeps its data: --data-dir or --database. */
static void
add_location (LotseTestServer *server,
              GPtrArray       *argv)
{
  g_ptr_array_add (argv, (char *)(server->database != NULL ? "--database" : "--data-dir"));
  g_ptr_array_add (argv, server->database != NULL ? server->database : server->data_dir);
}

static int
exit_status (GSubprocess *process)
{
  if (g_subprocess_get_if_exited (process))
    return g_subprocess_get_exit_status (process);

  /* Killed by a signal: 128 + signal, as a shell reports it. */
  return 128 + g_subprocess_get_term_sig (process);
}

int
lotse_test_server_admin (LotseTestServer  *server,
                         const char       *input,
                         char            **out,
                         char            **err,
                         ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *input_path = NULL;
  g_autofree char *stdout_text = NULL;
  g_autofree char *stderr_text = NULL;
  const char *arg;
  va_list args;

  g_ptr_array_add (argv, (char *)server_binary ());
  add_location (server, argv);
  va_start (args, err);
  while ((arg = va_arg (args, const char *)) != NULL)
    g_ptr_array_add (argv, (char *)arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  /* stdin from a file: a command that fails before reading it must not
   * turn into a broken pipe here. */
  input_path = g_build_filename (server->dir, "admin-input", NULL);
  g_assert_true (g_file_set_contents (input_path, input != NULL ? input : "", -1, NULL));
  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_subprocess_launcher_set_stdin_file_path (launcher, input_path);
  process = g_subprocess_launcher_spawnv (launcher, (const char * const *)argv->pdata, &error);
  g_assert_no_error (error);

  g_subprocess_communicate_utf8 (process, NULL, NULL, &stdout_text, &stderr_text, &error);
  g_assert_no_error (error);
  g_unlink (input_path);

  if (out != NULL)
    *out = g_steal_pointer (&stdout_text);
  if (err != NULL)
    *err = g_steal_pointer (&stderr_text);

  return exit_status (process);
}

void
lotse_test_server_add_user (LotseTestServer *server,
                            const char      *name,
                            const char      *role,
                            const char      *password)
{
  g_autofree char *input = g_strdup_printf ("%s\n", password);
  g_autofree char *err = NULL;
  int status;

  status = lotse_test_server_admin (server, input, NULL, &err,
                                    "user", "add", name, "--role", role, NULL);
  if (status != 0)
    g_error ("user add %s failed (%d): %s", name, status, err);
}

void
lotse_test_server_set_fd_limit (LotseTestServer *server,
                                guint            limit)
{
  server->fd_limit = limit;
}

void
lotse_test_server_set_file_size_limit (LotseTestServer *server,
                                       goffset          bytes)
{
  server->file_size_limit = bytes;
}

void
lotse_test_server_start (LotseTestServer    *server,
                         const char * const *args,
                         const char * const *env)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GDataInputStream) reader = NULL;
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *line = NULL;
  g_autoptr(GUri) uri = NULL;
  const char *start;
  int log_fd;

  g_assert_null (server->process);

  g_ptr_array_add (argv, (char *)server_binary ());
  add_location (server, argv);
  if (server->database != NULL)
    {
      g_ptr_array_add (argv, (char *)"--blob-dir");
      g_ptr_array_add (argv, server->blob_dir);
    }
  g_ptr_array_add (argv, (char *)"--listen");
  g_ptr_array_add (argv, (char *)"127.0.0.1:0");
  for (guint i = 0; args != NULL && args[i] != NULL; i++)
    g_ptr_array_add (argv, (char *)args[i]);
  g_ptr_array_add (argv, NULL);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  g_subprocess_launcher_set_child_setup (launcher, child_setup, server, NULL);
  g_subprocess_launcher_unsetenv (launcher, "LOTSE_SERVER_FAULT");
  for (guint i = 0; env != NULL && env[i] != NULL; i++)
    {
      g_auto(GStrv) pair = g_strsplit (env[i], "=", 2);

      g_assert_nonnull (pair[1]);
      g_subprocess_launcher_setenv (launcher, pair[0], pair[1], TRUE);
    }
  /* Append: a restarted server adds to the log of the first run. */
  log_fd = open (server->log, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
  g_assert_cmpint (log_fd, >=, 0);
  g_subprocess_launcher_take_stderr_fd (launcher, log_fd);

  server->process = g_subprocess_launcher_spawnv (launcher, (const char * const *)argv->pdata,
                                                  &error);
  g_assert_no_error (error);

  reader = g_data_input_stream_new (g_subprocess_get_stdout_pipe (server->process));
  line = g_data_input_stream_read_line_utf8 (reader, NULL, NULL, &error);
  g_assert_no_error (error);
  if (line == NULL)
    {
      g_autofree char *log = lotse_test_server_get_log (server);

      g_error ("lotse-server did not start: %s", log);
    }

  start = strstr (line, "http");
  g_assert_nonnull (start);
  g_free (server->url);
  server->url = g_strdup (start);
  uri = g_uri_parse (server->url, G_URI_FLAGS_NONE, &error);
  g_assert_no_error (error);
  server->port = (guint16)g_uri_get_port (uri);
}

int
lotse_test_server_wait (LotseTestServer *server)
{
  g_autoptr(GError) error = NULL;
  int status;

  g_assert_nonnull (server->process);
  g_subprocess_wait (server->process, NULL, &error);
  g_assert_no_error (error);
  status = exit_status (server->process);
  g_clear_object (&server->process);

  /* A critical in the server is a bug whatever the test checks. */
  {
    g_autofree char *log = lotse_test_server_get_log (server);

    if (strstr (log, "-CRITICAL **") != NULL)
      g_error ("lotse-server logged a critical:\n%s", log);
  }

  /* Connections kept alive to the old process are gone. */
  soup_session_abort (server->session);

  return status;
}

int
lotse_test_server_stop (LotseTestServer *server)
{
  g_assert_nonnull (server->process);
  g_subprocess_send_signal (server->process, SIGTERM);

  return lotse_test_server_wait (server);
}

GPid
lotse_test_server_get_pid (LotseTestServer *server)
{
  const char *id = g_subprocess_get_identifier (server->process);

  return id != NULL ? (GPid)g_ascii_strtoll (id, NULL, 10) : 0;
}

const char *
lotse_test_server_get_url (LotseTestServer *server)
{
  return server->url;
}

guint16
lotse_test_server_get_port (LotseTestServer *server)
{
  return server->port;
}

const char *
lotse_test_server_get_dir (LotseTestServer *server)
{
  return server->dir;
}

const char *
lotse_test_server_get_data_dir (LotseTestServer *server)
{
  return server->data_dir;
}

const char *
lotse_test_server_get_db (LotseTestServer *server)
{
  return server->db;
}

const char *
lotse_test_server_get_database (LotseTestServer *server)
{
  return server->database;
}

gboolean
lotse_test_server_is_postgresql (LotseTestServer *server)
{
  return server->database != NULL;
}

const char *
lotse_test_server_get_copy (LotseTestServer *server)
{
  g_autofree char *dir = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  int status = 0;

  if (server->database == NULL)
    return server->db;

  dir = g_strdup_printf ("%s/copy-%u", server->dir, ++server->n_copies);
  {
    const char *argv[] = { server_binary (), "migrate", "--from", server->database, "--to", dir, NULL };

    g_spawn_sync (NULL, (char **)argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status, &error);
  }
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("lotse-server migrate failed: %s%s", out, err);

  g_free (server->copy);
  server->copy = g_build_filename (dir, "lotse-server.db", NULL);
  return server->copy;
}

gboolean
lotse_test_skip_on_postgresql (const char *why)
{
  if (!lotse_test_postgresql_enabled ())
    return FALSE;

  g_test_skip (why);
  return TRUE;
}

gint64
lotse_test_server_query_int (LotseTestServer *server,
                             const char      *sql)
{
  if (server->database != NULL)
    return lotse_test_postgresql_query_int (server->database, sql);
  return lotse_test_query_int (server->db, sql);
}

char *
lotse_test_server_query_text (LotseTestServer *server,
                              const char      *sql)
{
  if (server->database != NULL)
    return lotse_test_postgresql_query_text (server->database, sql);
  return lotse_test_query_text (server->db, sql);
}

char *
lotse_test_server_get_log (LotseTestServer *server)
{
  char *text = NULL;

  if (!g_file_get_contents (server->log, &text, NULL, NULL))
    return g_strdup ("");

  return text;
}

JsonNode *
lotse_test_server_request (LotseTestServer *server,
                           const char      *method,
                           const char      *path,
                           const char      *token,
                           const char      *body,
                           guint           *status)
{
  g_autofree char *url = g_strconcat (server->url, path, NULL);
  g_autoptr(SoupMessage) msg = soup_message_new (method, url);
  g_autoptr(GBytes) response = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  gsize length;
  const char *data;

  g_assert_nonnull (msg);

  if (token != NULL)
    {
      g_autofree char *value = g_strdup_printf ("Bearer %s", token);

      soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization", value);
    }
  if (body != NULL)
    {
      g_autoptr(GBytes) bytes = g_bytes_new (body, strlen (body));

      soup_message_set_request_body_from_bytes (msg, "application/json", bytes);
    }

  response = soup_session_send_and_read (server->session, msg, NULL, &error);
  g_assert_no_error (error);

  *status = soup_message_get_status (msg);
  data = g_bytes_get_data (response, &length);
  if (length == 0)
    return NULL;

  /* The body's bytes end where the body ends, not with a NUL. */
  text = g_strndup (data, length);
  return json_from_string (text, NULL);
}

char *
lotse_test_server_login (LotseTestServer  *server,
                         const char       *user,
                         const char       *password,
                         char            **device_id)
{
  return lotse_test_server_login_at (server, "", user, password, device_id);
}

char *
lotse_test_server_login_at (LotseTestServer  *server,
                            const char       *prefix,
                            const char       *user,
                            const char       *password,
                            char            **device_id)
{
  g_autofree char *path = g_strconcat (prefix, "/v1/auth/login", NULL);
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) request = NULL;
  g_autoptr(JsonNode) answer = NULL;
  g_autofree char *body = NULL;
  JsonObject *object;
  guint status = 0;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "user");
  json_builder_add_string_value (builder, user);
  json_builder_set_member_name (builder, "password");
  json_builder_add_string_value (builder, password);
  json_builder_set_member_name (builder, "device_name");
  json_builder_add_string_value (builder, "test device");
  json_builder_end_object (builder);
  request = json_builder_get_root (builder);
  body = json_to_string (request, FALSE);

  answer = lotse_test_server_request (server, "POST", path, NULL, body, &status);
  g_assert_cmpuint (status, ==, 200);
  g_assert_nonnull (answer);

  object = json_node_get_object (answer);
  if (device_id != NULL)
    *device_id = g_strdup (json_object_get_string_member (object, "device_id"));

  return g_strdup (json_object_get_string_member (object, "token"));
}

SoupSession *
lotse_test_server_get_session (LotseTestServer *server)
{
  return server->session;
}

gboolean
lotse_test_make_certificate (const char *dir,
                             char      **cert,
                             char      **key)
{
  g_autofree char *openssl = g_find_program_in_path ("openssl");
  g_autoptr(GError) error = NULL;
  int status = 0;

  if (openssl == NULL)
    return FALSE;

  *cert = g_build_filename (dir, "cert.pem", NULL);
  *key = g_build_filename (dir, "key.pem", NULL);
  {
    const char *argv[] = {
      openssl, "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
      "-nodes", "-days", "2", "-subj", "/CN=127.0.0.1",
      "-addext", "subjectAltName=IP:127.0.0.1",
      "-keyout", *key, "-out", *cert, NULL
    };

    g_spawn_sync (NULL, (char **)argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL,
                  NULL, NULL, NULL, NULL, &status, &error);
  }
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));

  return TRUE;
}

guint
lotse_test_raw_status (const char *answer)
{
  g_autofree char *code = NULL;
  guint64 status = 0;

  if (answer == NULL || !g_str_has_prefix (answer, "HTTP/1.") || strlen (answer) < 12)
    return 0;

  code = g_strndup (answer + 9, 3);
  g_ascii_string_to_unsigned (code, 10, 100, 599, &status, NULL);

  return (guint)status;
}

char *
lotse_test_server_raw (LotseTestServer *server,
                       const char      *request,
                       gsize            length,
                       guint            timeout_ms)
{
  return lotse_test_server_raw_from (server, NULL, request, length, timeout_ms);
}

static char *
raw_request (LotseTestServer *server,
             const char      *local_address,
             const char      *request,
             gsize            length,
             guint            timeout_ms,
             gboolean         may_fail);

char *
lotse_test_server_raw_from (LotseTestServer *server,
                            const char      *local_address,
                            const char      *request,
                            gsize            length,
                            guint            timeout_ms)
{
  return raw_request (server, local_address, request, length, timeout_ms, FALSE);
}

char *
lotse_test_server_try_raw (LotseTestServer *server,
                           const char      *request,
                           gsize            length,
                           guint            timeout_ms)
{
  return raw_request (server, NULL, request, length, timeout_ms, TRUE);
}

static char *
raw_request (LotseTestServer *server,
             const char      *local_address,
             const char      *request,
             gsize            length,
             guint            timeout_ms,
             gboolean         may_fail)
{
  g_autoptr(GSocketClient) client = g_socket_client_new ();
  g_autoptr(GSocketConnection) connection = NULL;
  g_autoptr(GError) error = NULL;
  GString *answer = g_string_new (NULL);
  GSocket *socket;
  gint64 deadline;

  if (local_address != NULL)
    {
      g_autoptr(GInetAddress) inet = g_inet_address_new_from_string (local_address);
      g_autoptr(GSocketAddress) address = g_inet_socket_address_new (inet, 0);

      g_socket_client_set_local_address (client, address);
    }

  connection = g_socket_client_connect_to_host (client, "127.0.0.1", server->port, NULL, &error);
  if (connection == NULL && may_fail)
    {
      g_string_free (answer, TRUE);
      return NULL;
    }
  g_assert_no_error (error);
  socket = g_socket_connection_get_socket (connection);

  /* The server may close before it has read everything (413): a failed
   * write is not an error here, what it answered is what counts. */
  g_output_stream_write_all (g_io_stream_get_output_stream (G_IO_STREAM (connection)),
                             request, length, NULL, NULL, NULL);

  deadline = g_get_monotonic_time () + timeout_ms * 1000;
  for (;;)
    {
      char buffer[4096];
      gssize n;
      gint64 left = deadline - g_get_monotonic_time ();

      if (left <= 0)
        break;
      g_socket_set_timeout (socket, MAX (1, (guint)(left / G_USEC_PER_SEC)));
      if (!g_socket_condition_timed_wait (socket, G_IO_IN, left, NULL, NULL))
        break;
      n = g_socket_receive (socket, buffer, sizeof buffer, NULL, NULL);
      if (n <= 0)
        break;
      g_string_append_len (answer, buffer, n);
    }

  return g_string_free (answer, FALSE);
}

/* --- many short connections ----------------------------------------------- */

static const char churn_request[] = "GET /v1/info HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";

typedef struct
{
  int      fd;
  gsize    sent;
  GString *answer;
} ChurnSlot;

/* A non-blocking connection from the next of 253 loopback addresses, so
 * that the ports of one address (and those in TIME_WAIT) do not run out. */
static int
churn_connect (guint16 port,
               guint   n)
{
  struct sockaddr_in local = { .sin_family = AF_INET };
  struct sockaddr_in remote = { .sin_family = AF_INET, .sin_port = htons (port) };
  int one = 1;
  int fd = socket (AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);

  g_assert_cmpint (fd, >=, 0);
  local.sin_addr.s_addr = htonl (0x7f000002 + n % 253);
  remote.sin_addr.s_addr = htonl (INADDR_LOOPBACK);
  setsockopt (fd, IPPROTO_IP, IP_BIND_ADDRESS_NO_PORT, &one, sizeof one);
  g_assert_cmpint (bind (fd, (struct sockaddr *)&local, sizeof local), ==, 0);
  if (connect (fd, (struct sockaddr *)&remote, sizeof remote) != 0 && errno != EINPROGRESS)
    g_error ("connect: %s", g_strerror (errno));

  return fd;
}

/* TRUE when @answer holds a whole answer (head and Content-Length body). */
static gboolean
churn_answer_done (GString *answer)
{
  const char *end = strstr (answer->str, "\r\n\r\n");
  const char *length = strstr (answer->str, "Content-Length: ");

  if (end == NULL || length == NULL)
    return FALSE;

  return answer->len >= (gsize)(end + 4 - answer->str) + g_ascii_strtoull (length + 16, NULL, 10);
}

/* Moves @slot on; TRUE when its connection is done (and closed). */
static gboolean
churn_step (ChurnSlot *slot,
            guint     *answered)
{
  char buffer[4096];
  ssize_t n;

  if (slot->sent < sizeof churn_request - 1)
    {
      n = send (slot->fd, churn_request + slot->sent, sizeof churn_request - 1 - slot->sent, MSG_NOSIGNAL);
      if (n < 0 && errno != EAGAIN)
        goto done;
      if (n > 0)
        slot->sent += n;
      return FALSE;
    }

  n = recv (slot->fd, buffer, sizeof buffer, 0);
  if (n < 0 && errno == EAGAIN)
    return FALSE;
  if (n <= 0)
    goto done;
  g_string_append_len (slot->answer, buffer, n);
  if (!churn_answer_done (slot->answer))
    return FALSE;
  if (lotse_test_raw_status (slot->answer->str) == 200)
    (*answered)++;

done:
  close (slot->fd);
  slot->fd = -1;
  return TRUE;
}

guint
lotse_test_server_churn (LotseTestServer *server,
                         guint            n,
                         guint            parallel)
{
  g_autofree ChurnSlot *slots = g_new0 (ChurnSlot, parallel);
  g_autofree struct pollfd *fds = g_new0 (struct pollfd, parallel);
  guint started = 0, finished = 0, answered = 0;

  for (guint i = 0; i < parallel; i++)
    {
      slots[i].fd = -1;
      slots[i].answer = g_string_new (NULL);
    }

  while (finished < n)
    {
      for (guint i = 0; i < parallel; i++)
        {
          if (slots[i].fd < 0 && started < n)
            {
              slots[i].fd = churn_connect (server->port, started++);
              slots[i].sent = 0;
              g_string_truncate (slots[i].answer, 0);
            }
          fds[i].fd = slots[i].fd;
          fds[i].events = slots[i].sent < sizeof churn_request - 1 ? POLLOUT : POLLIN;
          fds[i].revents = 0;
        }

      if (poll (fds, parallel, 10000) <= 0)
        g_error ("the server stopped answering after %u connections", finished);

      for (guint i = 0; i < parallel; i++)
        {
          if (slots[i].fd >= 0 && fds[i].revents != 0 && churn_step (&slots[i], &answered))
            finished++;
        }
    }

  for (guint i = 0; i < parallel; i++)
    g_string_free (slots[i].answer, TRUE);

  return answered;
}

guint64
lotse_test_server_get_rss_kib (LotseTestServer *server)
{
  g_autofree char *path = g_strdup_printf ("/proc/%d/status", (int)lotse_test_server_get_pid (server));
  g_autofree char *status = NULL;
  const char *line;

  g_assert_true (g_file_get_contents (path, &status, NULL, NULL));
  line = strstr (status, "VmRSS:");
  g_assert_nonnull (line);

  return g_ascii_strtoull (line + strlen ("VmRSS:"), NULL, 10);
}
