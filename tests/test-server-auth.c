/* test-server-auth.c: lotse-server's accounts and tokens under attack and
 * over time — password guessing from many addresses, tokens nobody uses
 * any more, a full disk, and who may read the data directory
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>

#include "lotse-test-server.h"

static char *
login_request (const char *user,
               const char *password)
{
  g_autofree char *body = g_strdup_printf ("{\"user\":\"%s\",\"password\":\"%s\",\"device_name\":\"x\"}",
                                           user, password);

  return g_strdup_printf ("POST /v1/auth/login HTTP/1.1\r\nHost: x\r\n"
                          "Content-Type: application/json\r\nConnection: close\r\n"
                          "Content-Length: %zu\r\n\r\n%s", strlen (body), body);
}

/* The status of a login sent from @from, and its Retry-After (0 if none). */
static guint
login_from (LotseTestServer *server,
            const char      *from,
            const char      *user,
            const char      *password,
            guint           *retry_after)
{
  g_autofree char *request = login_request (user, password);
  g_autofree char *answer = lotse_test_server_raw_from (server, from, request, strlen (request), 10000);
  const char *header = strstr (answer, "Retry-After: ");

  if (retry_after != NULL)
    *retry_after = header != NULL ? (guint)g_ascii_strtoull (header + strlen ("Retry-After: "), NULL, 10) : 0;

  return lotse_test_raw_status (answer);
}

/* The login limit per address (1/s) let 40 addresses guess 40 times a
 * second at one account. Now guesses at one account meet growing delays
 * whatever address they come from, and each lock is logged. */
static void
test_login_many_addresses (void)
{
  g_autoptr(LotseTestServer) server = lotse_test_server_new ();
  g_autofree char *log = NULL;
  g_autofree char *request = NULL;
  guint unauthorized = 0, limited = 0;
  guint retry_after = 0;
  guint status;

  lotse_test_server_add_user (server, "anna", "editor", "anna-secret-1");
  lotse_test_server_add_user (server, "ben", "editor", "ben-secret-12");
  lotse_test_server_start (server, NULL, NULL);

  for (guint i = 2; i < 42; i++)
    {
      g_autofree char *from = g_strdup_printf ("127.0.0.%u", i);

      status = login_from (server, from, "anna", "guess-1234", NULL);
      if (status == 401)
        unauthorized++;
      else if (status == 429)
        limited++;
      else
        g_error ("unexpected answer %u", status);
    }
  g_test_message ("%u guesses checked, %u refused", unauthorized, limited);
  /* Five free failures, then locks of 1 s, 2 s, 4 s …: a few more pass
   * while the 40 requests take their time. */
  g_assert_cmpuint (unauthorized, <=, 8);
  g_assert_cmpuint (limited, >=, 32);

  /* The right password waits too, from a new address … */
  status = login_from (server, "127.0.0.50", "anna", "anna-secret-1", &retry_after);
  g_assert_cmpuint (status, ==, 429);
  g_assert_cmpuint (retry_after, >=, 1);
  /* … but another account is not locked. */
  g_assert_cmpuint (login_from (server, "127.0.0.51", "ben", "ben-secret-12", NULL), ==, 200);

  /* After the lock, the right password works and the failures are
   * forgotten. */
  g_usleep ((retry_after + 1) * G_USEC_PER_SEC);
  g_assert_cmpuint (login_from (server, "127.0.0.52", "anna", "anna-secret-1", NULL), ==, 200);
  g_assert_cmpuint (login_from (server, "127.0.0.53", "anna", "guess-5678", NULL), ==, 401);

  /* A client that hangs up while its password is checked. */
  request = login_request ("ben", "ben-secret-12");
  {
    g_autofree char *gone = lotse_test_server_raw_from (server, "127.0.0.54", request,
                                                        strlen (request), 1);
  }

  g_assert_cmpint (lotse_test_server_stop (server), ==, 0);

  /* One line per lock, the same in every language. */
  log = lotse_test_server_get_log (server);
  g_assert_nonnull (strstr (log, "login-lockout: user anna locked for 1 s after 6 failed logins in a row, "
                                 "the last from 127.0.0."));
  g_assert_null (strstr (log, "login-lockout: user ben"));
}

/* --- tokens nobody uses ------------------------------------------------------ */

static guint
pull_status (LotseTestServer *server,
             const char      *token,
             char           **code)
{
  g_autoptr(JsonNode) answer = NULL;
  guint status = 0;

  answer = lotse_test_server_request (server, "GET", "/v1/sync/pull", token, NULL, &status);
  if (code != NULL)
    {
      JsonObject *error = answer != NULL && JSON_NODE_HOLDS_OBJECT (answer)
                            ? json_object_get_object_member (json_node_get_object (answer), "error") : NULL;

      *code = error != NULL ? g_strdup (json_object_get_string_member (error, "code")) : NULL;
    }

  return status;
}

/* A token expires when it is not used for --token-idle-days (here about
 * three seconds); using it keeps it alive. */
static void
test_token_idle_expiry (void)
{
  g_autoptr(LotseTestServer) server = lotse_test_server_new ();
  const char * const args[] = { "--token-idle-days", "0.00003", NULL };
  g_autofree char *token = NULL;
  g_autofree char *again = NULL;
  g_autofree char *device = NULL;
  g_autofree char *code = NULL;
  g_autofree char *sql = NULL;
  gint64 started;

  lotse_test_server_add_user (server, "anna", "editor", "anna-secret-1");
  lotse_test_server_start (server, args, NULL);
  token = lotse_test_server_login (server, "anna", "anna-secret-1", &device);

  /* In use for twice the expiry: still valid, and its use is stored. */
  started = g_get_monotonic_time ();
  while (g_get_monotonic_time () - started < 6 * G_USEC_PER_SEC)
    {
      g_assert_cmpuint (pull_status (server, token, NULL), ==, 200);
      g_usleep (G_USEC_PER_SEC / 2);
    }
  sql = g_strdup_printf ("SELECT last_used FROM devices WHERE id = '%s'", device);
  g_assert_cmpint (g_get_real_time () / G_USEC_PER_SEC - lotse_test_server_query_int (server, sql), <=, 2);

  /* Unused for longer than that: expired, also after a restart. */
  g_usleep (5 * G_USEC_PER_SEC);
  g_assert_cmpuint (pull_status (server, token, &code), ==, 401);
  g_assert_cmpstr (code, ==, "token_expired");
  g_assert_cmpint (lotse_test_server_stop (server), ==, 0);
  lotse_test_server_start (server, args, NULL);
  g_assert_cmpuint (pull_status (server, token, NULL), ==, 401);

  /* Signing in again gives a working token. */
  again = lotse_test_server_login (server, "anna", "anna-secret-1", NULL);
  g_assert_cmpuint (pull_status (server, again, NULL), ==, 200);
  g_assert_cmpint (lotse_test_server_stop (server), ==, 0);
}

/* --- a full disk ------------------------------------------------------------- */

/* The disk is full when the database may not grow (LOTSE_SERVER_MAX_PAGES,
 * PRAGMA max_page_count on the server's connection: SQLITE_FULL as from a
 * full disk): a push is answered 507, stores nothing, and reads go on. */
static void
test_disk_full (void)
{
  g_autoptr(LotseTestServer) server = lotse_test_server_new ();
  g_autofree char *token = NULL;
  g_autofree char *device = NULL;
  g_autofree char *limit = NULL;
  g_autofree char *env_pages = NULL;
  g_autoptr(JsonNode) answer = NULL;
  GString *body = NULL;
  const char *db = lotse_test_server_get_db (server);
  gint64 history;
  guint status = 0;

  if (lotse_test_skip_on_postgresql ("SQLite's page limit; PostgreSQL's full disk is its own"))
    return;
  body = g_string_new (NULL);
  lotse_test_server_add_user (server, "anna", "editor", "anna-secret-1");
  lotse_test_server_start (server, NULL, NULL);
  token = lotse_test_server_login (server, "anna", "anna-secret-1", &device);
  g_assert_cmpint (lotse_test_server_stop (server), ==, 0);

  /* Not one page more than it has now. */
  env_pages = g_strdup_printf ("LOTSE_SERVER_MAX_PAGES=%" G_GINT64_FORMAT,
                               lotse_test_query_int (db, "PRAGMA page_count"));
  {
    const char * const env[] = { env_pages, NULL };

    lotse_test_server_start (server, NULL, env);
  }
  history = lotse_test_query_int (db, "SELECT count(*) FROM history");

  g_string_append_printf (body, "{\"device_id\":\"%s\",\"changes\":[", device);
  for (guint i = 0; i < 50; i++)
    {
      g_string_append_printf (body, "%s{\"op_id\":\"aaaaaaaa-0000-4000-8000-%012u\",\"table\":\"project\","
                              "\"id\":\"dddddddd-0000-4000-8000-%012u\",\"base_rev\":0,\"deleted\":false,"
                              "\"fields\":{\"title\":\"Project %u\",\"status\":\"running\",\"summary\":\"",
                              i > 0 ? "," : "", i, i, i);
      for (guint j = 0; j < 200; j++)
        g_string_append (body, "Lorem ipsum ");
      g_string_append (body, "\"}}");
    }
  g_string_append (body, "]}");

  answer = lotse_test_server_request (server, "POST", "/v1/sync/push", token, body->str, &status);
  g_assert_cmpuint (status, ==, 507);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (json_node_get_object (answer),
                                                                                 "error"), "code"),
                   ==, "insufficient_storage");
  g_assert_cmpint (lotse_test_query_int (db, "SELECT count(*) FROM history"), ==, history);
  g_assert_cmpuint (pull_status (server, token, NULL), ==, 200);

  g_string_free (body, TRUE);
  g_assert_cmpint (lotse_test_server_stop (server), ==, 0);
}

/* --- who may read the data ---------------------------------------------------- */

static guint
file_mode (const char *path)
{
  GStatBuf st;

  g_assert_cmpint (g_stat (path, &st), ==, 0);
  return st.st_mode & 0777;
}

/* The database holds password and token hashes: only the server's user
 * may read it, also when the directory was made readable for others. */
static void
test_file_modes (void)
{
  g_autoptr(LotseTestServer) server = lotse_test_server_new ();
  const char *dir = lotse_test_server_get_data_dir (server);
  const char *db = lotse_test_server_get_db (server);
  g_autofree char *wal = g_strconcat (db, "-wal", NULL);
  g_autofree char *shm = g_strconcat (db, "-shm", NULL);
  g_autofree char *log = NULL;
  g_autofree char *token = NULL;
  mode_t old_umask;

  if (lotse_test_skip_on_postgresql ("the modes of a data directory"))
    return;
  old_umask = umask (022);
  /* A new data directory and database. */
  lotse_test_server_add_user (server, "anna", "editor", "anna-secret-1");
  g_assert_cmpuint (file_mode (dir), ==, 0700);
  g_assert_cmpuint (file_mode (db), ==, 0600);

  lotse_test_server_start (server, NULL, NULL);
  token = lotse_test_server_login (server, "anna", "anna-secret-1", NULL);
  g_assert_cmpuint (file_mode (wal), ==, 0600);
  g_assert_cmpuint (file_mode (shm), ==, 0600);
  g_assert_cmpint (lotse_test_server_stop (server), ==, 0);

  /* One an administrator made readable for everybody. */
  g_assert_cmpint (g_chmod (dir, 0755), ==, 0);
  g_assert_cmpint (g_chmod (db, 0644), ==, 0);
  lotse_test_server_start (server, NULL, NULL);
  g_assert_cmpuint (file_mode (dir), ==, 0700);
  g_assert_cmpuint (file_mode (db), ==, 0600);
  g_assert_cmpint (lotse_test_server_stop (server), ==, 0);
  log = lotse_test_server_get_log (server);
  g_assert_nonnull (strstr (log, "Other users could read"));

  umask (old_umask);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/server-auth/login-many-addresses", test_login_many_addresses);
  g_test_add_func ("/server-auth/token-idle-expiry", test_token_idle_expiry);
  g_test_add_func ("/server-auth/disk-full", test_disk_full);
  g_test_add_func ("/server-auth/file-modes", test_file_modes);

  return g_test_run ();
}
