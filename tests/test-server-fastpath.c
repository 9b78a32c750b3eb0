/* test-server-fastpath.c: what lotse-server saves per request costs no
 * correctness: the token cache never serves a revoked token, corked
 * answers are not held back
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * lotse-server keeps the sessions of valid tokens in memory. Revocation
 * reaches a running server in two ways: a logout through the server
 * itself, and `lotse-server token revoke` / `user remove` run by an
 * administrator as another process on the same database. Each must
 * refuse the token on the very next request, with the cache warm.
 */

#include "config.h"

#include <sqlite3.h>
#include <string.h>

#include "lotse-server-auth.h"
#include "lotse-test-server.h"

/* --- the cache alone ------------------------------------------------------ */

static LotseServerSession *
session_new (const char *device_id,
             const char *account)
{
  LotseServerSession *session = g_new0 (LotseServerSession, 1);

  session->device_id = g_strdup (device_id);
  session->account = g_strdup (account);
  session->role = g_strdup ("editor");

  return session;
}

static void
test_cache_unit (void)
{
  g_autoptr(LotseServerTokenCache) cache = lotse_server_token_cache_new (3);
  g_autoptr(LotseServerSession) anna = session_new ("d-anna", "anna");
  g_autoptr(LotseServerSession) ben = session_new ("d-ben", "ben");
  guint8 anna_digest[LOTSE_SERVER_TOKEN_DIGEST];
  guint8 ben_digest[LOTSE_SERVER_TOKEN_DIGEST];
  g_autofree char *hex = NULL;
  g_autofree char *expected = NULL;
  const LotseServerSession *found;

  /* The digest's hex form is the hash the storage keeps. */
  lotse_server_token_digest ("token-of-anna", anna_digest);
  lotse_server_token_digest ("token-of-ben", ben_digest);
  hex = lotse_server_token_digest_to_hex (anna_digest);
  expected = lotse_server_hash_token ("token-of-anna");
  g_assert_cmpstr (hex, ==, expected);

  lotse_server_token_cache_set_version (cache, 7);
  g_assert_null (lotse_server_token_cache_lookup (cache, anna_digest));
  lotse_server_token_cache_insert (cache, anna_digest, anna);
  lotse_server_token_cache_insert (cache, ben_digest, ben);

  /* The cache keeps copies. */
  found = lotse_server_token_cache_lookup (cache, anna_digest);
  g_assert_nonnull (found);
  g_assert_true (found != anna);
  g_assert_cmpstr (found->device_id, ==, "d-anna");
  g_assert_cmpstr (found->account, ==, "anna");
  g_assert_cmpstr (lotse_server_token_cache_lookup (cache, ben_digest)->account, ==, "ben");

  /* Replacing an entry keeps one. */
  lotse_server_token_cache_insert (cache, anna_digest, anna);
  g_assert_cmpuint (lotse_server_token_cache_size (cache), ==, 2);

  /* The same version keeps everything, another one nothing. */
  lotse_server_token_cache_set_version (cache, 7);
  g_assert_cmpuint (lotse_server_token_cache_size (cache), ==, 2);
  lotse_server_token_cache_set_version (cache, 8);
  g_assert_cmpuint (lotse_server_token_cache_size (cache), ==, 0);
  g_assert_null (lotse_server_token_cache_lookup (cache, anna_digest));

  /* Full: it starts again rather than grow. */
  for (guint i = 0; i < 10; i++)
    {
      g_autofree char *token = g_strdup_printf ("token-%u", i);
      guint8 digest[LOTSE_SERVER_TOKEN_DIGEST];

      lotse_server_token_digest (token, digest);
      lotse_server_token_cache_insert (cache, digest, anna);
      g_assert_cmpuint (lotse_server_token_cache_size (cache), <=, 3);
      g_assert_nonnull (lotse_server_token_cache_lookup (cache, digest));
    }

  lotse_server_token_cache_clear (cache);
  g_assert_cmpuint (lotse_server_token_cache_size (cache), ==, 0);
}

/* --- the storage's read transaction and auth_version -------------------- */

static void
exec_other (const char *path,
            const char *sql)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  sqlite3_busy_timeout (db, 5000);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
}

static gboolean
has_account (LotseServerStorage *storage,
             const char         *name)
{
  g_autoptr(LotseServerAccount) account = NULL;
  g_autoptr(GError) error = NULL;

  account = storage->vtable->account_get (storage, name, &error);
  g_assert_no_error (error);
  return account != NULL;
}

static void
test_storage_read (void)
{
  g_autofree char *dir = lotse_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "server.db", NULL);
  g_autoptr(LotseServerStorage) database = NULL;
  g_autoptr(LotseServerStorage) storage = NULL;
  g_autoptr(GError) error = NULL;
  gint64 v1 = 0, v2 = 0, v3 = 0;

  database = lotse_server_storage_sqlite_open (path, &error);
  g_assert_no_error (error);
  storage = lotse_server_storage_open_workspace (database, LOTSE_SERVER_DEFAULT_WORKSPACE, &error);
  g_assert_no_error (error);
  g_assert_nonnull (storage->vtable->auth_version);

  /* Its own writes do not move the version, another process's do. */
  g_assert_true (storage->vtable->auth_version (storage, &v1, &error));
  g_assert_true (storage->vtable->account_add (storage, "anna", "editor", "x", &error));
  g_assert_true (storage->vtable->auth_version (storage, &v2, &error));
  g_assert_cmpint (v1, ==, v2);
  exec_other (path, "INSERT INTO accounts (ws, name, role, password_hash, created_at)"
                    " VALUES (1, 'zoe', 'reader', 'x', 'now')");
  g_assert_true (storage->vtable->auth_version (storage, &v3, &error));
  g_assert_no_error (error);
  g_assert_cmpint (v3, !=, v2);

  /* A read transaction is one snapshot, also when nested; the outermost
   * end lets the next read see what others committed meanwhile. */
  g_assert_true (storage->vtable->begin_read (storage, &error));
  g_assert_true (storage->vtable->auth_version (storage, &v1, &error));
  g_assert_true (storage->vtable->begin_read (storage, &error));
  exec_other (path, "INSERT INTO accounts (ws, name, role, password_hash, created_at)"
                    " VALUES (1, 'ben', 'reader', 'x', 'now')");
  g_assert_false (has_account (storage, "ben"));
  storage->vtable->end_read (storage);
  g_assert_false (has_account (storage, "ben"));
  g_assert_true (storage->vtable->auth_version (storage, &v2, &error));
  g_assert_cmpint (v1, ==, v2);
  storage->vtable->end_read (storage);
  g_assert_true (has_account (storage, "ben"));
  g_assert_true (storage->vtable->auth_version (storage, &v3, &error));
  g_assert_cmpint (v3, !=, v2);

  /* Inside a write transaction it reads what that one wrote and leaves
   * the commit to it. */
  g_assert_true (storage->vtable->begin (storage, &error));
  g_assert_true (storage->vtable->account_add (storage, "rita", "reader", "x", &error));
  g_assert_true (storage->vtable->begin_read (storage, &error));
  g_assert_true (has_account (storage, "rita"));
  storage->vtable->end_read (storage);
  g_assert_true (storage->vtable->commit (storage, &error));
  g_assert_no_error (error);
  g_assert_cmpint (lotse_test_query_int (path, "SELECT count(*) FROM accounts"), ==, 4);

  g_clear_pointer (&storage, lotse_server_storage_free);
  g_clear_pointer (&database, lotse_server_storage_free);
  lotse_test_remove_tree (dir);
}

/* --- against the running server ------------------------------------------ */

static guint
pull_status (LotseTestServer *server,
             const char      *token)
{
  g_autoptr(JsonNode) answer = NULL;
  guint status = 0;

  answer = lotse_test_server_request (server, "GET", "/v1/sync/pull", token, NULL, &status);
  return status;
}

/* Several requests, so that the token is surely in the cache. */
static void
assert_valid (LotseTestServer *server,
              const char      *token)
{
  for (guint i = 0; i < 3; i++)
    g_assert_cmpuint (pull_status (server, token), ==, 200);
}

static void
test_revoke_device_running (void)
{
  g_autoptr(LotseTestServer) server = lotse_test_server_new ();
  g_autofree char *laptop = NULL;
  g_autofree char *laptop_device = NULL;
  g_autofree char *tablet = NULL;
  g_autofree char *ben = NULL;

  lotse_test_server_add_user (server, "anna", "editor", "anna-secret-1");
  lotse_test_server_add_user (server, "ben", "editor", "ben-secret-12");
  lotse_test_server_start (server, NULL, NULL);

  /* Round after round: log in, use, revoke, the very next request fails. */
  for (guint round = 0; round < 3; round++)
    {
      g_clear_pointer (&laptop, g_free);
      g_clear_pointer (&laptop_device, g_free);
      g_clear_pointer (&tablet, g_free);
      laptop = lotse_test_server_login (server, "anna", "anna-secret-1", &laptop_device);
      tablet = lotse_test_server_login (server, "anna", "anna-secret-1", NULL);
      if (ben == NULL)
        ben = lotse_test_server_login (server, "ben", "ben-secret-12", NULL);

      assert_valid (server, laptop);
      assert_valid (server, tablet);
      assert_valid (server, ben);

      g_assert_cmpint (lotse_test_server_admin (server, NULL, NULL, NULL, "token", "revoke",
                                                "--device", laptop_device, NULL), ==, 0);
      g_assert_cmpuint (pull_status (server, laptop), ==, 401);
      g_assert_cmpuint (pull_status (server, laptop), ==, 401);
      /* The others stay valid. */
      assert_valid (server, tablet);
      assert_valid (server, ben);
    }

  /* Revoking the user's tokens: every device of anna, at once. */
  g_assert_cmpint (lotse_test_server_admin (server, NULL, NULL, NULL, "token", "revoke", "anna", NULL), ==, 0);
  g_assert_cmpuint (pull_status (server, tablet), ==, 401);
  assert_valid (server, ben);

  /* Pushes are refused as well, not only pulls. */
  {
    g_autoptr(JsonNode) answer = NULL;
    guint status = 0;

    answer = lotse_test_server_request (server, "POST", "/v1/sync/push", tablet,
                                        "{\"device_id\":\"x\",\"changes\":[]}", &status);
    g_assert_cmpuint (status, ==, 401);
  }

  g_assert_cmpint (lotse_test_server_stop (server), ==, 0);
}

static void
test_user_remove_running (void)
{
  g_autoptr(LotseTestServer) server = lotse_test_server_new ();
  g_autofree char *anna = NULL;
  g_autofree char *ben = NULL;
  g_autofree char *again = NULL;

  lotse_test_server_add_user (server, "anna", "editor", "anna-secret-1");
  lotse_test_server_add_user (server, "ben", "reader", "ben-secret-12");
  lotse_test_server_start (server, NULL, NULL);
  anna = lotse_test_server_login (server, "anna", "anna-secret-1", NULL);
  ben = lotse_test_server_login (server, "ben", "ben-secret-12", NULL);
  assert_valid (server, anna);
  assert_valid (server, ben);

  g_assert_cmpint (lotse_test_server_admin (server, NULL, NULL, NULL, "user", "remove", "ben", NULL), ==, 0);
  g_assert_cmpuint (pull_status (server, ben), ==, 401);
  assert_valid (server, anna);

  /* A user of the same name made again does not bring the old token back. */
  lotse_test_server_add_user (server, "ben", "admin", "ben-secret-34");
  g_assert_cmpuint (pull_status (server, ben), ==, 401);
  again = lotse_test_server_login (server, "ben", "ben-secret-34", NULL);
  assert_valid (server, again);
  g_assert_cmpuint (pull_status (server, ben), ==, 401);

  g_assert_cmpint (lotse_test_server_stop (server), ==, 0);
}

static void
test_logout_running (void)
{
  g_autoptr(LotseTestServer) server = lotse_test_server_new ();
  g_autoptr(JsonNode) answer = NULL;
  g_autofree char *laptop = NULL;
  g_autofree char *tablet = NULL;
  guint status = 0;

  lotse_test_server_add_user (server, "anna", "editor", "anna-secret-1");
  lotse_test_server_start (server, NULL, NULL);
  laptop = lotse_test_server_login (server, "anna", "anna-secret-1", NULL);
  tablet = lotse_test_server_login (server, "anna", "anna-secret-1", NULL);
  assert_valid (server, laptop);
  assert_valid (server, tablet);

  answer = lotse_test_server_request (server, "POST", "/v1/auth/logout", laptop, "{}", &status);
  g_assert_cmpuint (status, ==, 200);
  g_assert_cmpuint (pull_status (server, laptop), ==, 401);
  g_clear_pointer (&answer, json_node_unref);
  answer = lotse_test_server_request (server, "POST", "/v1/auth/logout", laptop, "{}", &status);
  g_assert_cmpuint (status, ==, 401);
  assert_valid (server, tablet);

  g_assert_cmpint (lotse_test_server_stop (server), ==, 0);
}

/* A token the server does not know is refused every time, also right
 * after valid ones of the same shape. */
static void
test_unknown_token (void)
{
  g_autoptr(LotseTestServer) server = lotse_test_server_new ();
  g_autofree char *token = NULL;
  g_autofree char *forged = NULL;

  lotse_test_server_add_user (server, "anna", "editor", "anna-secret-1");
  lotse_test_server_start (server, NULL, NULL);
  token = lotse_test_server_login (server, "anna", "anna-secret-1", NULL);
  assert_valid (server, token);

  forged = g_strdup (token);
  forged[0] = forged[0] == 'A' ? 'B' : 'A';
  for (guint i = 0; i < 3; i++)
    g_assert_cmpuint (pull_status (server, forged), ==, 401);
  assert_valid (server, token);

  g_assert_cmpint (lotse_test_server_stop (server), ==, 0);
}

/* A cached token still costs its account's bucket: 429 with Retry-After. */
static void
test_rate_limit_cached (void)
{
  g_autoptr(LotseTestServer) server = lotse_test_server_new ();
  const char * const args[] = { "--rate-limit", "0.2", "--rate-burst", "6", NULL };
  g_autofree char *token = NULL;
  g_autofree char *request = NULL;
  guint ok = 0, limited = 0;

  lotse_test_server_add_user (server, "anna", "editor", "anna-secret-1");
  lotse_test_server_start (server, args, NULL);
  token = lotse_test_server_login (server, "anna", "anna-secret-1", NULL);
  request = g_strdup_printf ("GET /v1/sync/pull HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer %s\r\n"
                             "Connection: close\r\n\r\n", token);

  /* From addresses of their own, so that only the account's bucket runs out. */
  for (guint i = 0; i < 8; i++)
    {
      g_autofree char *address = g_strdup_printf ("127.0.1.%u", i + 1);
      g_autofree char *answer = lotse_test_server_raw_from (server, address, request, strlen (request), 5000);
      guint status = lotse_test_raw_status (answer);

      if (status == 200)
        ok++;
      else
        {
          g_assert_cmpuint (status, ==, 429);
          g_assert_nonnull (strstr (answer, "Retry-After: "));
          g_assert_nonnull (strstr (answer, "\"rate_limited\""));
          limited++;
        }
    }
  /* The login took one token of the burst of 6. */
  g_assert_cmpuint (ok, ==, 5);
  g_assert_cmpuint (limited, ==, 3);

  g_assert_cmpint (lotse_test_server_stop (server), ==, 0);
}

/* Answers are corked while they are written and uncorked when finished:
 * one after the other on a kept-alive connection, none waits for the
 * kernel's 200 ms cork timeout. */
static void
test_answers_not_held (void)
{
  g_autoptr(LotseTestServer) server = lotse_test_server_new ();
  g_autofree char *token = NULL;
  gint64 start;

  lotse_test_server_add_user (server, "anna", "editor", "anna-secret-1");
  lotse_test_server_start (server, NULL, NULL);
  token = lotse_test_server_login (server, "anna", "anna-secret-1", NULL);
  assert_valid (server, token);

  start = g_get_monotonic_time ();
  for (guint i = 0; i < 20; i++)
    {
      g_autoptr(JsonNode) answer = NULL;
      guint status = 0;

      answer = lotse_test_server_request (server, "GET", "/v1/sync/pull", token, NULL, &status);
      g_assert_cmpuint (status, ==, 200);
      g_clear_pointer (&answer, json_node_unref);
      answer = lotse_test_server_request (server, "GET", "/v1/info", NULL, NULL, &status);
      g_assert_cmpuint (status, ==, 200);
      g_clear_pointer (&answer, json_node_unref);
      answer = lotse_test_server_request (server, "GET", "/v1/nothing", NULL, NULL, &status);
      g_assert_cmpuint (status, ==, 404);
    }
  /* 60 answers; held ones would take 12 s. */
  g_assert_cmpint (g_get_monotonic_time () - start, <, 3 * G_USEC_PER_SEC);

  g_assert_cmpint (lotse_test_server_stop (server), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/server/token-cache/unit", test_cache_unit);
  g_test_add_func ("/server/token-cache/storage-read", test_storage_read);
  g_test_add_func ("/server/token-cache/revoke-device", test_revoke_device_running);
  g_test_add_func ("/server/token-cache/user-remove", test_user_remove_running);
  g_test_add_func ("/server/token-cache/logout", test_logout_running);
  g_test_add_func ("/server/token-cache/unknown-token", test_unknown_token);
  g_test_add_func ("/server/token-cache/rate-limit", test_rate_limit_cached);
  g_test_add_func ("/server/fastpath/answers-not-held", test_answers_not_held);

  return g_test_run ();
}
