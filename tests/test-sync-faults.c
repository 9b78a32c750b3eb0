/* test-sync-faults.c: crashes of server and client at the worst moments
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The server dies before or after committing a push (LOTSE_SERVER_FAULT),
 * the client dies after the server committed but before its local ack, or
 * in the middle of a pull (LOTSE_SYNC_FAULT with the real lotse-cli). After
 * a restart every change is on the server exactly once, nothing conflicts
 * with itself, and the client converges.
 */

#include "config.h"

#include <sqlite3.h>
#include <string.h>

#include "lotse-test-sync.h"

typedef struct
{
  char            *dir;
  LotseTestServer *server;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  const char *fault = data;
  g_autofree char *env_fault = fault ? g_strdup_printf ("LOTSE_SERVER_FAULT=%s", fault) : NULL;
  const char * const env[] = { env_fault, NULL };
  const char * const args[] = { "--rate-limit", "100000", "--rate-burst", "100000", NULL };

  fixture->dir = lotse_test_make_tmpdir ();
  fixture->server = lotse_test_server_new ();
  lotse_test_server_add_user (fixture->server, "anna", "editor", "secret-anna");
  lotse_test_server_add_user (fixture->server, "ben", "editor", "secret-ben");
  lotse_test_server_start (fixture->server, args, env);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  lotse_test_server_stop (fixture->server);
  lotse_test_server_free (fixture->server);
  lotse_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
}

static gint64
server_count (Fixture    *fixture,
              const char *sql)
{
  return lotse_test_server_query_int (fixture->server, sql);
}

/* Restarts the server on the same port without the fault. */
static void
restart_server (Fixture *fixture)
{
  g_autofree char *listen = g_strdup_printf ("127.0.0.1:%u", lotse_test_server_get_port (fixture->server));
  const char * const args[] = { "--listen", listen, "--rate-limit", "100000", "--rate-burst", "100000", NULL };

  lotse_test_server_start (fixture->server, args, NULL);
}

static void
server_dies_during_push (Fixture    *fixture,
                         gboolean    after_commit)
{
  g_autoptr(TestClient) a = test_client_new (fixture->server, fixture->dir, "a", "anna", "secret-anna");
  g_autofree char *first = test_client_add (a, "organisation", "name=Stadtwerke Bielefeld", NULL);
  g_autofree char *second = test_client_add (a, "organisation", "name=Kreis Gütersloh", NULL);
  g_autoptr(GError) error = NULL;
  LotseSyncStats stats = { 0, };

  error = test_client_sync_error (a, NULL);
  g_assert_error (error, LOTSE_SYNC_ERROR, LOTSE_SYNC_ERROR_NETWORK);
  g_clear_error (&error);
  g_assert_cmpint (lotse_test_server_wait (fixture->server), ==, 99);
  g_assert_cmpint (lotse_store_count_outbox (a->store), ==, 2);
  g_assert_cmpint (server_count (fixture, "SELECT count(*) FROM history"), ==, after_commit ? 2 : 0);

  /* Edited again while the server was down. */
  {
    g_autoptr(LotseRecord) record = lotse_store_get (a->store, "organisation", first, &error);

    g_assert_no_error (error);
    lotse_record_set (record, "city", "Bielefeld");
    lotse_store_update (a->store, record, &error);
    g_assert_no_error (error);
  }

  restart_server (fixture);
  test_client_retarget (a, fixture->server);
  test_client_sync (a, &stats);
  g_assert_cmpuint (stats.pushed, ==, 3);
  g_assert_cmpuint (stats.conflicts + stats.merged + stats.rejected, ==, 0);
  g_assert_cmpint (lotse_store_count_outbox (a->store), ==, 0);
  g_assert_cmpint (lotse_store_sync_count_conflicts (a->store), ==, 0);

  /* Each change once: two inserts and one update. */
  g_assert_cmpint (server_count (fixture, "SELECT count(*) FROM history"), ==, 3);
  g_assert_cmpint (server_count (fixture, "SELECT count(*) FROM rows"), ==, 2);
  g_assert_cmpint (test_client_count (a, "SELECT sum(rev) FROM organisation"), ==, 3);
  (void)second;
}

static void
test_server_exit_before_commit (Fixture       *fixture,
                                gconstpointer  data)
{
  server_dies_during_push (fixture, FALSE);
}

static void
test_server_exit_after_commit (Fixture       *fixture,
                               gconstpointer  data)
{
  server_dies_during_push (fixture, TRUE);
}

static LotseTestCliResult *
cli_sync (Fixture    *fixture,
          const char *db,
          const char *user,
          const char *fault)
{
  g_autofree char *env_fault = fault ? g_strdup_printf ("LOTSE_SYNC_FAULT=%s", fault) : NULL;
  const char * const env[] = { env_fault, NULL };
  g_autofree char *password = user ? g_strdup_printf ("secret-%s\n", user) : NULL;

  if (user != NULL)
    return test_sync_cli (fixture->dir, password, env, "--db", db, "sync", "--server",
                          lotse_test_server_get_url (fixture->server), "--user", user, "--password-stdin",
                          NULL);

  return test_sync_cli (fixture->dir, NULL, env, "--db", db, "sync", NULL);
}

static void
test_client_exit_after_push_response (Fixture       *fixture,
                                      gconstpointer  data)
{
  g_autofree char *db = g_build_filename (fixture->dir, "cli.db", NULL);
  g_autoptr(LotseTestCliResult) login = cli_sync (fixture, db, "anna", NULL);
  g_autoptr(LotseTestCliResult) crashed = NULL;
  g_autoptr(LotseTestCliResult) again = NULL;
  g_autoptr(LotseTestCliResult) add = NULL;
  g_autoptr(LotseTestCliResult) update = NULL;
  g_autofree char *id = NULL;

  g_assert_cmpint (login->status, ==, 0);
  add = test_sync_cli (fixture->dir, NULL, NULL, "--db", db, "add", "project", "title=Modellregion OWL", NULL);
  g_assert_cmpint (add->status, ==, 0);
  id = g_strstrip (g_strdup (add->out));
  update = test_sync_cli (fixture->dir, NULL, NULL, "--db", db, "add", "organisation", "name=OWL GmbH", NULL);
  g_assert_cmpint (update->status, ==, 0);

  /* The server committed; the client dies before recording that. */
  crashed = cli_sync (fixture, db, NULL, "exit-after-push-response");
  g_assert_cmpint (crashed->status, ==, 3);
  g_assert_cmpint (server_count (fixture, "SELECT count(*) FROM history"), ==, 2);
  g_assert_cmpint (lotse_test_query_int (db, "SELECT count(*) FROM outbox"), ==, 2);
  g_assert_cmpint (lotse_test_query_int (db, "SELECT count(*) FROM project WHERE rev = 0"), ==, 1);

  /* The same op_ids again: answered from the server's log, nothing twice. */
  again = cli_sync (fixture, db, NULL, NULL);
  g_assert_cmpint (again->status, ==, 0);
  g_assert_nonnull (strstr (again->out, "Pushed: 2 applied, 0 merged, 0 conflicting, 0 rejected"));
  g_assert_cmpint (server_count (fixture, "SELECT count(*) FROM history"), ==, 2);
  g_assert_cmpint (lotse_test_query_int (db, "SELECT count(*) FROM outbox"), ==, 0);
  g_assert_cmpint (lotse_test_query_int (db, "SELECT count(*) FROM conflicts"), ==, 0);
  g_assert_cmpint (lotse_test_query_int (db, "SELECT rev FROM project"), ==, 1);
}

static void
test_client_exit_mid_pull (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(TestClient) a = test_client_new (fixture->server, fixture->dir, "a", "anna", "secret-anna");
  g_autofree char *db = g_build_filename (fixture->dir, "cli.db", NULL);
  g_autoptr(LotseTestCliResult) crashed = NULL;
  g_autoptr(LotseTestCliResult) again = NULL;
  g_autoptr(GError) error = NULL;
  gint64 cursor;

  g_assert_true (lotse_store_begin (a->store, &error));
  for (guint i = 0; i < 2500; i++)
    {
      g_autoptr(LotseRecord) record = lotse_record_new_for_table ("organisation");
      g_autofree char *name = g_strdup_printf ("Partner %04u", i);

      lotse_record_set (record, "name", name);
      lotse_store_insert (a->store, record, &error);
      g_assert_no_error (error);
    }
  g_assert_true (lotse_store_commit (a->store, &error));
  test_client_sync (a, NULL);

  crashed = cli_sync (fixture, db, "ben", "exit-mid-pull");
  g_assert_cmpint (crashed->status, ==, 3);
  /* The first page is there, with its cursor; nothing half-written. */
  g_assert_cmpint (lotse_test_query_int (db, "SELECT count(*) FROM organisation"), ==, 1000);
  cursor = lotse_test_query_int (db, "SELECT cursor FROM sync_state");
  g_assert_cmpint (cursor, >, 0);

  again = cli_sync (fixture, db, NULL, NULL);
  g_assert_cmpint (again->status, ==, 0);
  g_assert_nonnull (strstr (again->out, "Pulled: 1500 rows"));
  g_assert_cmpint (lotse_test_query_int (db, "SELECT count(*) FROM organisation"), ==, 2500);
  g_assert_cmpint (lotse_test_query_int (db, "SELECT count(DISTINCT name) FROM organisation"), ==, 2500);
  g_assert_cmpint (lotse_test_query_int (db, "SELECT count(*) FROM outbox"), ==, 0);
}

/* A cursor the server cannot serve (410): everything is pulled again and
 * no local row goes away. */
static void
test_resync (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(TestClient) a = test_client_new (fixture->server, fixture->dir, "a", "anna", "secret-anna");
  g_autoptr(TestClient) b = test_client_new (fixture->server, fixture->dir, "b", "ben", "secret-ben");
  g_autofree char *first = test_client_add (a, "organisation", "name=Zuerst", NULL);
  g_autofree char *later = NULL;
  g_autoptr(LotseRecord) local_only = lotse_record_new_for_table ("organisation");
  g_autoptr(GError) error = NULL;
  sqlite3 *db = NULL;
  LotseSyncStats stats = { 0, };

  test_client_sync (a, NULL);
  test_client_sync (b, NULL);
  later = test_client_add (a, "organisation", "name=Danach", NULL);
  test_client_sync (a, NULL);

  lotse_record_set (local_only, "name", "Nur hier");
  lotse_store_insert_full (b->store, local_only, LOTSE_STORE_WRITE_NO_OUTBOX, &error);
  g_assert_no_error (error);

  g_assert_cmpint (sqlite3_open (b->db, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "UPDATE sync_state SET cursor = 999999999", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  g_test_expect_message ("lotse-sync", G_LOG_LEVEL_MESSAGE, "*full sync*");
  test_client_sync (b, &stats);
  g_test_assert_expected_messages ();
  g_assert_true (stats.resynced);
  g_assert_cmpuint (stats.pulled, ==, 2);
  g_assert_cmpint (test_client_count (b, "SELECT count(*) FROM organisation WHERE deleted = 0"), ==, 3);
  g_assert_cmpint (test_client_count (b, "SELECT cursor FROM sync_state"), <, 999999999);
  (void)first;
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/sync/faults/server-exit-before-commit", Fixture, "exit-before-commit",
              fixture_set_up, test_server_exit_before_commit, fixture_tear_down);
  g_test_add ("/sync/faults/server-exit-after-commit", Fixture, "exit-after-commit",
              fixture_set_up, test_server_exit_after_commit, fixture_tear_down);
  g_test_add ("/sync/faults/client-exit-after-push-response", Fixture, NULL,
              fixture_set_up, test_client_exit_after_push_response, fixture_tear_down);
  g_test_add ("/sync/faults/client-exit-mid-pull", Fixture, NULL,
              fixture_set_up, test_client_exit_mid_pull, fixture_tear_down);
  g_test_add ("/sync/faults/resync", Fixture, NULL,
              fixture_set_up, test_resync, fixture_tear_down);

  return g_test_run ();
}
