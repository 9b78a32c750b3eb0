/* test-server-processes.c: what only PostgreSQL has: several processes at once
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs in the server-pg suite (tests/lotse-test-postgresql.sh); each
 * storage handle opened here is a connection of its own, as a server
 * process has. Also: the database lost while a server runs, and a
 * transaction it gives up; a token revoked and a head moved through
 * another process; pulls answered together after one read of the tokens'
 * version.
 */

#include "config.h"

#include <signal.h>
#include <string.h>

#include <gio/gio.h>

#include "lotse-server-storage.h"
#include "lotse-test-postgresql.h"
#include "lotse-test-server.h"

#define FIRST_ID  "0f0e0d0c-0b0a-4908-8706-050403020101"
#define SECOND_ID "0f0e0d0c-0b0a-4908-8706-050403020102"

typedef struct
{
  LotseServerStorage *database;
  LotseServerStorage *storage;
} Process;

static void
process_open (Process    *process,
              const char *uri)
{
  g_autoptr(GError) error = NULL;

  process->database = lotse_server_storage_open (uri, &error);
  g_assert_no_error (error);
  process->storage = lotse_server_storage_open_workspace (process->database, LOTSE_SERVER_DEFAULT_WORKSPACE,
                                                          &error);
  g_assert_no_error (error);
}

static void
process_close (Process *process)
{
  g_clear_pointer (&process->storage, lotse_server_storage_free);
  g_clear_pointer (&process->database, lotse_server_storage_free);
}

/* A new revision 1 of project @id; returns its seq. */
static gint64
write_project (LotseServerStorage *storage,
               const char         *id,
               const char         *title)
{
  const LotseTable *table = lotse_schema_lookup_table ("project");
  g_autoptr(LotseServerRow) row = lotse_server_row_new (table, id);
  g_autoptr(GError) error = NULL;

  row->rev = 1;
  row->device_id = g_strdup ("d");
  row->account = g_strdup ("anna");
  row->values[lotse_table_field_index (table, "title")] = g_strdup (title);
  g_assert_true (storage->vtable->revision_write (storage, row, &error));
  g_assert_no_error (error);

  return row->seq;
}

typedef struct
{
  LotseServerStorage *storage;
  gint64              seq;
  gint                done;
} Later;

static gpointer
later_push (gpointer data)
{
  Later *later = data;
  g_autoptr(GError) error = NULL;

  g_assert_true (later->storage->vtable->begin (later->storage, &error));
  later->seq = write_project (later->storage, SECOND_ID, "Second");
  g_assert_true (later->storage->vtable->commit (later->storage, &error));
  g_assert_no_error (error);
  g_atomic_int_set (&later->done, TRUE);

  return NULL;
}

/* What a pull after @after hands out now: the seqs, in order. First the
 * token version, as the server reads it before every request: the
 * notifications of the commits before it come with its answer, and only
 * then is the kept head sure to be dropped when it moved (read without
 * it, the head was stale whenever the reader's backend had not yet sent
 * the notification, which under load it had not). */
static char *
pulled_seqs (LotseServerStorage *storage,
             gint64              after)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  GString *seqs = g_string_new (NULL);
  gint64 horizon = 0, current = 0, version = 0;

  g_assert_true (storage->vtable->auth_version (storage, &version, &error));
  g_assert_no_error (error);
  g_assert_true (storage->vtable->seq_range (storage, &horizon, &current, NULL, &error));
  rows = storage->vtable->pull (storage, after, current, 1000, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < rows->len; i++)
    g_string_append_printf (seqs, "%s%" G_GINT64_FORMAT, i > 0 ? " " : "",
                            ((LotseServerRow *)g_ptr_array_index (rows, i))->seq);

  return g_string_free (seqs, FALSE);
}

/* Two processes push at once; the one that began later tries to commit
 * first, while the first still holds its transaction open. A third
 * process that pulls meanwhile must not hand out the later change
 * before the earlier one: its client's cursor would pass the earlier
 * change, which then commits below it and is never pulled. */
static void
test_commit_order (void)
{
  g_autofree char *uri = lotse_test_postgresql_new_database ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GThread) thread = NULL;
  g_autofree char *while_open = NULL;
  g_autofree char *after = NULL;
  Process first = { 0 }, second = { 0 }, reader = { 0 };
  Later later = { 0 };
  gint64 first_seq;

  process_open (&first, uri);
  process_open (&second, uri);
  process_open (&reader, uri);

  g_assert_true (first.storage->vtable->begin (first.storage, &error));
  first_seq = write_project (first.storage, FIRST_ID, "First");

  later.storage = second.storage;
  thread = g_thread_new ("later", later_push, &later);
  /* Until the later push waits on the first one's transaction (or, were
   * it not held back, has committed). */
  while (lotse_test_postgresql_query_int (uri, "SELECT count(*) FROM pg_locks WHERE NOT granted") == 0 &&
         !g_atomic_int_get (&later.done))
    g_thread_yield ();

  while_open = pulled_seqs (reader.storage, 0);
  g_assert_cmpstr (while_open, ==, "");

  g_assert_true (first.storage->vtable->commit (first.storage, &error));
  g_assert_no_error (error);
  g_thread_join (g_steal_pointer (&thread));

  g_assert_cmpint (first_seq, <, later.seq);
  after = pulled_seqs (reader.storage, 0);
  g_assert_cmpstr (after, ==, "1 2");

  process_close (&reader);
  process_close (&second);
  process_close (&first);
  lotse_test_postgresql_drop_database (uri);
}

static guint
pull_status (LotseTestServer *server,
             const char      *token,
             char           **titles)
{
  g_autoptr(JsonNode) answer = NULL;
  guint status = 0;

  answer = lotse_test_server_request (server, "GET", "/v1/sync/pull", token, NULL, &status);
  if (titles != NULL && status == 200)
    {
      JsonArray *rows = json_object_get_array_member (json_node_get_object (answer), "rows");
      JsonObject *row = json_array_get_object_element (rows, 0);

      *titles = g_strdup (json_object_get_string_member (json_object_get_object_member (row, "fields"), "title"));
    }
  return status;
}

/* The database goes away under a running server: it answers 503 with
 * Retry-After meanwhile, connects again when it is back, and what it had
 * acknowledged is there. */
static void
test_database_lost (void)
{
  g_autoptr(LotseTestServer) server = lotse_test_server_new ();
  g_autofree char *name = lotse_test_postgresql_database_name (lotse_test_server_get_database (server));
  g_autofree char *close_sql = g_strdup_printf ("ALTER DATABASE %s ALLOW_CONNECTIONS false", name);
  g_autofree char *open_sql = g_strdup_printf ("ALTER DATABASE %s ALLOW_CONNECTIONS true", name);
  g_autofree char *kill_sql = g_strdup_printf ("SELECT pg_terminate_backend (pid) FROM pg_stat_activity"
                                               " WHERE datname = '%s'", name);
  g_autofree char *token = NULL, *device = NULL, *body = NULL, *request = NULL, *answer = NULL;
  g_autofree char *title = NULL;
  g_autoptr(JsonNode) pushed = NULL;
  gint64 deadline;
  guint status = 0;

  lotse_test_server_add_user (server, "anna", "editor", "anna-secret-1");
  lotse_test_server_start (server, NULL, NULL);
  token = lotse_test_server_login (server, "anna", "anna-secret-1", &device);
  body = g_strdup_printf ("{\"device_id\":\"%s\",\"changes\":[{\"op_id\":\"aaaaaaaa-0000-4000-8000-000000000001\","
                          "\"table\":\"project\",\"id\":\"" FIRST_ID "\",\"base_rev\":0,\"deleted\":false,"
                          "\"fields\":{\"title\":\"Acknowledged\"}}]}", device);
  pushed = lotse_test_server_request (server, "POST", "/v1/sync/push", token, body, &status);
  g_assert_cmpuint (status, ==, 200);

  lotse_test_postgresql_admin_exec (close_sql);
  lotse_test_postgresql_admin_exec (kill_sql);
  request = g_strdup_printf ("GET /v1/sync/pull HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer %s\r\n"
                             "Connection: close\r\n\r\n", token);
  answer = lotse_test_server_raw (server, request, strlen (request), 10000);
  g_assert_cmpuint (lotse_test_raw_status (answer), ==, 503);
  g_assert_nonnull (strstr (answer, "Retry-After: "));

  lotse_test_postgresql_admin_exec (open_sql);
  deadline = g_get_monotonic_time () + 15 * G_USEC_PER_SEC;
  while ((status = pull_status (server, token, &title)) == 503 && g_get_monotonic_time () < deadline)
    g_usleep (G_USEC_PER_SEC / 10);
  g_assert_cmpuint (status, ==, 200);
  g_assert_cmpstr (title, ==, "Acknowledged");
  g_assert_cmpint (lotse_test_server_stop (server), ==, 0);
}

/* The database gives up a push's transaction (a serialization failure,
 * injected once): the server runs it again, and the change is stored
 * once. */
static void
test_serialization_retried (void)
{
  g_autoptr(LotseTestServer) server = lotse_test_server_new ();
  g_autofree char *token = NULL, *device = NULL, *body = NULL, *title = NULL;
  g_autoptr(JsonNode) pushed = NULL;
  guint status = 0;

  lotse_test_server_add_user (server, "anna", "editor", "anna-secret-1");
  lotse_test_server_start (server, NULL, NULL);
  token = lotse_test_server_login (server, "anna", "anna-secret-1", &device);
  /* A sequence: what a failed transaction did to it stays. */
  lotse_test_postgresql_exec (lotse_test_server_get_database (server),
    "CREATE SEQUENCE injected;"
    "CREATE FUNCTION fail_once () RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
    "  IF nextval ('injected') = 1 THEN"
    "    RAISE EXCEPTION 'injected' USING ERRCODE = 'serialization_failure'; END IF;"
    "  RETURN NULL; END $$;"
    "CREATE TRIGGER fail_once AFTER INSERT ON history FOR EACH STATEMENT EXECUTE FUNCTION fail_once ();");

  body = g_strdup_printf ("{\"device_id\":\"%s\",\"changes\":[{\"op_id\":\"aaaaaaaa-0000-4000-8000-000000000002\","
                          "\"table\":\"project\",\"id\":\"" FIRST_ID "\",\"base_rev\":0,\"deleted\":false,"
                          "\"fields\":{\"title\":\"Retried\"}}]}", device);
  pushed = lotse_test_server_request (server, "POST", "/v1/sync/push", token, body, &status);
  g_assert_cmpuint (status, ==, 200);
  g_assert_cmpint (lotse_test_server_query_int (server, "SELECT last_value FROM injected"), ==, 2);
  g_assert_cmpint (lotse_test_server_query_int (server, "SELECT count(*) FROM history"), ==, 1);
  g_assert_cmpint (lotse_test_server_query_int (server, "SELECT count(*) FROM ops"), ==, 1);
  g_assert_cmpuint (pull_status (server, token, &title), ==, 200);
  g_assert_cmpstr (title, ==, "Retried");
  g_assert_cmpint (lotse_test_server_stop (server), ==, 0);
}

/* Several requests, so that each process keeps the token and the head. */
static void
assert_valid_on (LotseTestServer *a,
                 LotseTestServer *b,
                 const char      *token)
{
  for (guint i = 0; i < 3; i++)
    {
      g_assert_cmpuint (pull_status (a, token, NULL), ==, 200);
      g_assert_cmpuint (pull_status (b, token, NULL), ==, 200);
    }
}

/* A token revoked through one process (its logout, or `lotse-server
 * token revoke` and `user remove` as processes of their own) is refused
 * by another on the very next request, with no pause between: the other
 * keeps the token and the auth version, and must have read the
 * notification first. Round after round, so that a notification read
 * late shows. */
static void
test_revoke_elsewhere (void)
{
  g_autoptr(LotseTestServer) a = lotse_test_server_new ();
  g_autoptr(LotseTestServer) b = lotse_test_server_new_sharing (a);
  g_autofree char *ben = NULL;

  lotse_test_server_add_user (a, "anna", "editor", "anna-secret-1");
  lotse_test_server_add_user (a, "ben", "editor", "ben-secret-12");
  lotse_test_server_start (a, NULL, NULL);
  lotse_test_server_start (b, NULL, NULL);
  ben = lotse_test_server_login (b, "ben", "ben-secret-12", NULL);

  for (guint round = 0; round < 10; round++)
    {
      g_autofree char *laptop = lotse_test_server_login (a, "anna", "anna-secret-1", NULL);
      g_autofree char *tablet_device = NULL;
      g_autofree char *tablet = lotse_test_server_login (b, "anna", "anna-secret-1", &tablet_device);
      g_autoptr(JsonNode) answer = NULL;
      guint status = 0;

      assert_valid_on (a, b, laptop);
      assert_valid_on (a, b, tablet);

      answer = lotse_test_server_request (a, "POST", "/v1/auth/logout", laptop, "{}", &status);
      g_assert_cmpuint (status, ==, 200);
      g_assert_cmpuint (pull_status (b, laptop, NULL), ==, 401);

      g_assert_cmpint (lotse_test_server_admin (a, NULL, NULL, NULL, "token", "revoke",
                                                "--device", tablet_device, NULL), ==, 0);
      g_assert_cmpuint (pull_status (b, tablet, NULL), ==, 401);
      g_assert_cmpuint (pull_status (a, tablet, NULL), ==, 401);
      assert_valid_on (a, b, ben);
    }

  g_assert_cmpint (lotse_test_server_admin (a, NULL, NULL, NULL, "user", "remove", "ben", NULL), ==, 0);
  g_assert_cmpuint (pull_status (b, ben, NULL), ==, 401);
  g_assert_cmpuint (pull_status (a, ben, NULL), ==, 401);

  g_assert_cmpint (lotse_test_server_stop (b), ==, 0);
  g_assert_cmpint (lotse_test_server_stop (a), ==, 0);
}

#define N_BATCH 8

/* Sends a pull on each of @connections while @server is stopped, so that
 * they all wait when it goes on and it reads them in one round of its
 * main loop; returns the status of each answer. */
static void
pull_together (LotseTestServer    *server,
               const char * const *tokens,
               guint              *statuses)
{
  g_autoptr(GSocketClient) client = g_socket_client_new ();
  GSocketConnection *connections[N_BATCH];
  GPid pid = lotse_test_server_get_pid (server);
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < N_BATCH; i++)
    {
      connections[i] = g_socket_client_connect_to_host (client, "127.0.0.1", lotse_test_server_get_port (server),
                                                        NULL, &error);
      g_assert_no_error (error);
    }

  g_assert_cmpint (kill (pid, SIGSTOP), ==, 0);
  for (guint i = 0; i < N_BATCH; i++)
    {
      g_autofree char *request = g_strdup_printf ("GET /v1/sync/pull HTTP/1.1\r\nHost: x\r\n"
                                                  "Authorization: Bearer %s\r\nConnection: close\r\n\r\n",
                                                  tokens[i]);
      GOutputStream *out = g_io_stream_get_output_stream (G_IO_STREAM (connections[i]));

      g_output_stream_write_all (out, request, strlen (request), NULL, NULL, &error);
      g_assert_no_error (error);
    }
  g_assert_cmpint (kill (pid, SIGCONT), ==, 0);

  for (guint i = 0; i < N_BATCH; i++)
    {
      GInputStream *in = g_io_stream_get_input_stream (G_IO_STREAM (connections[i]));
      g_autoptr(GString) answer = g_string_new (NULL);
      char buffer[4096];
      gssize n;

      while ((n = g_input_stream_read (in, buffer, sizeof buffer, NULL, &error)) > 0)
        g_string_append_len (answer, buffer, n);
      g_assert_no_error (error);
      statuses[i] = lotse_test_raw_status (answer->str);
      g_object_unref (connections[i]);
    }
}

/* Pulls that arrive together are answered after one read of the tokens'
 * version, sent after all of them arrived: a token revoked through
 * another process before they were sent is refused among them, the
 * others are answered each on its own connection. */
static void
test_revoke_in_batch (void)
{
  g_autoptr(LotseTestServer) a = lotse_test_server_new ();
  g_autoptr(LotseTestServer) b = lotse_test_server_new_sharing (a);
  g_autofree char *ben = NULL, *anna = NULL, *anna_device = NULL;
  const char *tokens[N_BATCH];
  guint statuses[N_BATCH];

  lotse_test_server_add_user (a, "anna", "editor", "anna-secret-1");
  lotse_test_server_add_user (a, "ben", "editor", "ben-secret-12");
  lotse_test_server_start (a, NULL, NULL);
  lotse_test_server_start (b, NULL, NULL);
  ben = lotse_test_server_login (b, "ben", "ben-secret-12", NULL);
  anna = lotse_test_server_login (a, "anna", "anna-secret-1", &anna_device);
  for (guint i = 0; i < N_BATCH; i++)
    tokens[i] = i % 2 == 0 ? ben : anna;

  pull_together (b, tokens, statuses);
  for (guint i = 0; i < N_BATCH; i++)
    g_assert_cmpuint (statuses[i], ==, 200);

  /* Revoked through another process, then pulled with at once. */
  g_assert_cmpint (lotse_test_server_admin (a, NULL, NULL, NULL, "token", "revoke",
                                            "--device", anna_device, NULL), ==, 0);
  pull_together (b, tokens, statuses);
  for (guint i = 0; i < N_BATCH; i++)
    g_assert_cmpuint (statuses[i], ==, i % 2 == 0 ? 200 : 401);

  g_assert_cmpint (lotse_test_server_stop (b), ==, 0);
  g_assert_cmpint (lotse_test_server_stop (a), ==, 0);
}

static char *
next_cursor (JsonNode *answer)
{
  return g_strdup (json_object_get_string_member (json_node_get_object (answer), "next_cursor"));
}

/* Pushes one new project through @a with the client's @cursor, which the
 * answer moves past it; returns the new cursor. */
static char *
push_one (LotseTestServer *a,
          const char      *token,
          const char      *device,
          const char      *cursor,
          guint            round)
{
  g_autofree char *body = NULL;
  g_autoptr(JsonNode) pushed = NULL;
  guint status = 0;

  body = g_strdup_printf ("{\"device_id\":\"%s\",\"cursor\":\"%s\",\"changes\":[{\"op_id\":"
                          "\"aaaaaaaa-0000-4000-8000-%012u\",\"table\":\"project\","
                          "\"id\":\"bbbbbbbb-0000-4000-8000-%012u\",\"base_rev\":0,\"deleted\":false,"
                          "\"fields\":{\"title\":\"Round %u\"}}]}", device, cursor, round, round, round);
  pushed = lotse_test_server_request (a, "POST", "/v1/sync/push", token, body, &status);
  g_assert_cmpuint (status, ==, 200);
  g_assert_true (json_object_has_member (json_node_get_object (pushed), "next_cursor"));
  return next_cursor (pushed);
}

/* A pull from @cursor through @b: 200, and how many rows. */
static guint
pull_rows (LotseTestServer *b,
           const char      *token,
           const char      *cursor)
{
  g_autofree char *path = g_strdup_printf ("/v1/sync/pull?cursor=%s", cursor);
  g_autoptr(JsonNode) pulled = NULL;
  guint status = 0;

  pulled = lotse_test_server_request (b, "GET", path, token, NULL, &status);
  g_assert_cmpuint (status, ==, 200);
  return json_array_get_length (json_object_get_array_member (json_node_get_object (pulled), "rows"));
}

/* A process keeps the head it read last, until a notification says it
 * moved. What a client pushed through one process is there at once for a
 * pull through another; a client whose cursor moved past its push and
 * that asks the other process before the notification is read (here:
 * never sent) gets its answer, not a demand to pull everything again. */
static void
test_head_elsewhere (void)
{
  g_autoptr(LotseTestServer) a = lotse_test_server_new ();
  g_autoptr(LotseTestServer) b = lotse_test_server_new_sharing (a);
  g_autofree char *token = NULL, *device = NULL, *cursor = NULL;

  lotse_test_server_add_user (a, "anna", "editor", "anna-secret-1");
  lotse_test_server_start (a, NULL, NULL);
  lotse_test_server_start (b, NULL, NULL);
  token = lotse_test_server_login (a, "anna", "anna-secret-1", &device);
  assert_valid_on (a, b, token);
  {
    g_autoptr(JsonNode) answer = NULL;
    guint status = 0;

    answer = lotse_test_server_request (b, "GET", "/v1/sync/pull", token, NULL, &status);
    cursor = next_cursor (answer);
  }

  for (guint round = 0; round < 20; round++)
    {
      g_autofree char *old_cursor = g_steal_pointer (&cursor);

      /* The rounds after the tenth without the notifications. */
      if (round == 10)
        lotse_test_postgresql_exec (lotse_test_server_get_database (a),
                                    "ALTER TABLE workspaces DISABLE TRIGGER workspaces_head");
      cursor = push_one (a, token, device, old_cursor, round);
      if (round < 10)
        {
          g_assert_cmpuint (pull_rows (b, token, old_cursor), ==, 1);
          g_assert_cmpuint (pull_rows (b, token, cursor), ==, 0);
        }
      else
        {
          g_assert_cmpuint (pull_rows (b, token, cursor), ==, 0);
          g_assert_cmpuint (pull_rows (b, token, old_cursor), ==, 1);
        }
    }

  g_assert_cmpint (lotse_test_server_stop (b), ==, 0);
  g_assert_cmpint (lotse_test_server_stop (a), ==, 0);
}

/* A database of schema version 1 (no notifications of heads) is brought
 * to version 2 by the first server that opens it, and its heads are then
 * kept and notified as in a new one. */
static void
test_schema_upgrade (void)
{
  g_autoptr(LotseTestServer) a = lotse_test_server_new ();
  g_autoptr(LotseTestServer) b = lotse_test_server_new_sharing (a);
  g_autofree char *token = NULL, *device = NULL, *cursor = NULL, *version = NULL;
  g_autoptr(JsonNode) answer = NULL;
  guint status = 0;

  /* The user is added by a process of its own, which makes the tables. */
  lotse_test_server_add_user (a, "anna", "editor", "anna-secret-1");
  lotse_test_postgresql_exec (lotse_test_server_get_database (a),
                              "DROP TRIGGER workspaces_head ON workspaces;"
                              "DROP FUNCTION lotse_notify_head ();"
                              "UPDATE lotse_meta SET value = '1' WHERE key = 'schema_version'");

  lotse_test_server_start (a, NULL, NULL);
  lotse_test_server_start (b, NULL, NULL);
  version = lotse_test_server_query_text (a, "SELECT value FROM lotse_meta WHERE key = 'schema_version'");
  g_assert_cmpstr (version, ==, "2");

  token = lotse_test_server_login (a, "anna", "anna-secret-1", &device);
  assert_valid_on (a, b, token);
  answer = lotse_test_server_request (b, "GET", "/v1/sync/pull", token, NULL, &status);
  cursor = next_cursor (answer);
  g_free (push_one (a, token, device, cursor, 0));
  g_assert_cmpuint (pull_rows (b, token, cursor), ==, 1);

  g_assert_cmpint (lotse_test_server_stop (b), ==, 0);
  g_assert_cmpint (lotse_test_server_stop (a), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/server-processes/commit-order", test_commit_order);
  g_test_add_func ("/server-processes/revoke-elsewhere", test_revoke_elsewhere);
  g_test_add_func ("/server-processes/revoke-in-batch", test_revoke_in_batch);
  g_test_add_func ("/server-processes/head-elsewhere", test_head_elsewhere);
  g_test_add_func ("/server-processes/schema-upgrade", test_schema_upgrade);
  g_test_add_func ("/server-processes/database-lost", test_database_lost);
  g_test_add_func ("/server-processes/serialization-retried", test_serialization_retried);

  return g_test_run ();
}
