/* test-server-stress.c: lotse-server under concurrent pushes and SIGKILL
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Several clients push to the same rows at once; afterwards the history
 * must read as one sequence: seq without gaps, each row's revisions one
 * after the other, the current rows equal to their newest revision. Then
 * the server is killed with SIGKILL in the middle of pushing, restarted,
 * and the same must hold; retrying every batch with its op_ids must not
 * add a single revision twice.
 */

#include "config.h"

#include <signal.h>
#include <string.h>

#include "lotse-test-server.h"

#define N_CLIENTS 4
#define N_PUSHES  25
#define N_ROWS    3

static const char *row_ids[N_ROWS] = {
  "0f0e0d0c-0b0a-4908-8706-050403020100",
  "1f0e0d0c-0b0a-4908-8706-050403020100",
  "2f0e0d0c-0b0a-4908-8706-050403020100",
};

typedef struct
{
  LotseTestServer *server;
  char            *token;
  char            *device;
  guint            client;
  GPtrArray       *bodies;     /* every push body sent, for retries */
  gint64           revs[N_ROWS];
  guint            applied, merged, conflicts, failed;
  gboolean         tolerate_errors;
} Client;

static char *
make_body (Client *client,
           guint   push)
{
  GString *body = g_string_new (NULL);

  g_string_append_printf (body, "{\"device_id\":\"%s\",\"changes\":[", client->device);
  for (guint r = 0; r < N_ROWS; r++)
    {
      g_autofree char *op_id = lotse_new_uuid ();

      /* Each client edits its own field of the shared rows, so most
       * changes merge; the title is shared, so some conflict. */
      g_string_append_printf (body,
                              "%s{\"op_id\":\"%s\",\"table\":\"project\",\"id\":\"%s\",\"base_rev\":%" G_GINT64_FORMAT ","
                              "\"deleted\":false,\"fields\":{\"title\":\"Projekt %u%s\",\"%s\":\"%s-%u-%u\"}}",
                              r > 0 ? "," : "", op_id, row_ids[r], client->revs[r],
                              r, push % 7 == client->client ? " (geändert)" : "",
                              client->client == 0 ? "acronym" : client->client == 1 ? "topic" :
                              client->client == 2 ? "funding" : "website",
                              client->client == 3 ? "https://example.org/" : "c", client->client, push);
    }
  g_string_append (body, "]}");

  return g_string_free (body, FALSE);
}

/* A push over a fresh connection, so that clients really run in parallel
 * and a killed server only fails that request. */
static JsonNode *
post (LotseTestServer *server,
      const char      *token,
      const char      *body,
      guint           *status)
{
  g_autofree char *request = g_strdup_printf ("POST /v1/sync/push HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                                              "Authorization: Bearer %s\r\nContent-Type: application/json\r\n"
                                              "Connection: close\r\nContent-Length: %zu\r\n\r\n%s",
                                              token, strlen (body), body);
  /* Killed while the clients run: a connection may be refused. */
  g_autofree char *answer = lotse_test_server_try_raw (server, request, strlen (request), 20000);
  const char *json;

  if (answer == NULL)
    {
      *status = 0;
      return NULL;
    }
  *status = lotse_test_raw_status (answer);
  json = strstr (answer, "\r\n\r\n");
  if (*status != 200 || json == NULL)
    return NULL;

  return json_from_string (json + 4, NULL);
}

static void
apply_results (Client   *client,
               JsonNode *answer)
{
  JsonArray *results = json_object_get_array_member (json_node_get_object (answer), "results");

  g_assert_cmpuint (json_array_get_length (results), ==, N_ROWS);
  for (guint r = 0; r < N_ROWS; r++)
    {
      JsonObject *result = json_array_get_object_element (results, r);
      const char *status = json_object_get_string_member (result, "status");

      if (g_str_equal (status, "applied"))
        {
          client->applied++;
          client->revs[r] = json_object_get_int_member (result, "rev");
        }
      else if (g_str_equal (status, "merged"))
        {
          client->merged++;
          client->revs[r] = json_object_get_int_member (result, "rev");
        }
      else if (g_str_equal (status, "conflict"))
        {
          /* Take the server's row, as a client does after resolving. */
          client->conflicts++;
          client->revs[r] = json_object_get_int_member (json_object_get_object_member (result, "server"), "rev");
        }
      else
        g_error ("unexpected result %s", status);
    }
}

static gpointer
client_thread (gpointer data)
{
  Client *client = data;

  for (guint i = 0; i < N_PUSHES; i++)
    {
      g_autofree char *body = make_body (client, i);
      g_autoptr(JsonNode) answer = NULL;
      guint status = 0;

      answer = post (client->server, client->token, body, &status);
      g_ptr_array_add (client->bodies, g_steal_pointer (&body));
      if (answer == NULL)
        {
          g_assert_true (client->tolerate_errors);
          client->failed++;
          break;
        }
      apply_results (client, answer);
    }

  return NULL;
}

static void
run_clients (LotseTestServer *server,
             Client          *clients,
             gboolean         tolerate_errors,
             guint            kill_after_ms)
{
  GThread *threads[N_CLIENTS];

  for (guint c = 0; c < N_CLIENTS; c++)
    {
      clients[c].tolerate_errors = tolerate_errors;
      threads[c] = g_thread_new ("client", client_thread, &clients[c]);
    }

  if (kill_after_ms > 0)
    {
      g_usleep (kill_after_ms * 1000);
      kill (lotse_test_server_get_pid (server), SIGKILL);
    }

  for (guint c = 0; c < N_CLIENTS; c++)
    g_thread_join (threads[c]);
}

/* The invariants of the server database. */
static void
check_consistent (LotseTestServer *server)
{
  gint64 n_history = lotse_test_server_query_int (server, "SELECT count(*) FROM history");

  if (!lotse_test_server_is_postgresql (server))
    {
      g_autofree char *integrity = lotse_test_server_query_text (server, "PRAGMA integrity_check");

      g_assert_cmpstr (integrity, ==, "ok");
    }
  /* seq is 1..n without gaps. */
  g_assert_cmpint (lotse_test_server_query_int (server, "SELECT coalesce(max(seq), 0) FROM history"), ==, n_history);
  /* Each row's revisions are 1..n in seq order. */
  g_assert_cmpint (lotse_test_server_query_int (server,
    "SELECT count(*) FROM history h WHERE h.rev != (SELECT count(*) FROM history g"
    " WHERE g.tbl = h.tbl AND g.id = h.id AND g.seq <= h.seq)"), ==, 0);
  /* The current rows are their newest revision. */
  g_assert_cmpint (lotse_test_server_query_int (server,
    "SELECT count(*) FROM rows r WHERE NOT EXISTS (SELECT 1 FROM history h WHERE h.tbl = r.tbl"
    " AND h.id = r.id AND h.rev = r.rev AND h.seq = r.seq AND h.fields = r.fields"
    " AND h.seq = (SELECT max(seq) FROM history g WHERE g.tbl = r.tbl AND g.id = r.id))"), ==, 0);
  /* Every applied or merged op names a revision that exists, made once. */
  g_assert_cmpint (lotse_test_server_query_int (server,
    "SELECT count(*) FROM ops o WHERE json_extract(o.result, '$.status') IN ('applied', 'merged')"
    " AND NOT EXISTS (SELECT 1 FROM history h WHERE h.seq = CAST (json_extract(o.result, '$.seq') AS INTEGER)"
    " AND h.rev = CAST (json_extract(o.result, '$.rev') AS INTEGER))"), ==, 0);
  g_assert_cmpint (lotse_test_server_query_int (server,
    "SELECT count(*) FROM (SELECT json_extract(result, '$.seq') AS seq, count(*) AS n FROM ops"
    " WHERE json_extract(result, '$.status') = 'merged' GROUP BY seq HAVING count(*) > 1) AS merged"), ==, 0);
}

static void
setup_clients (LotseTestServer *server,
               Client          *clients)
{
  for (guint c = 0; c < N_CLIENTS; c++)
    {
      g_autofree char *name = g_strdup_printf ("user%u", c);

      clients[c].server = server;
      clients[c].client = c;
      clients[c].bodies = g_ptr_array_new_with_free_func (g_free);
      clients[c].token = lotse_test_server_login (server, name, "password-123", &clients[c].device);
    }
}

static void
clear_clients (Client *clients)
{
  for (guint c = 0; c < N_CLIENTS; c++)
    {
      g_ptr_array_unref (clients[c].bodies);
      g_free (clients[c].token);
      g_free (clients[c].device);
    }
}

static LotseTestServer *
start_server (void)
{
  const char * const args[] = { "--rate-limit", "0", NULL };
  LotseTestServer *server = lotse_test_server_new ();

  for (guint c = 0; c < N_CLIENTS; c++)
    {
      g_autofree char *name = g_strdup_printf ("user%u", c);

      lotse_test_server_add_user (server, name, "editor", "password-123");
    }
  lotse_test_server_start (server, args, NULL);

  return server;
}

static void
test_concurrent (void)
{
  g_autoptr(LotseTestServer) server = start_server ();
  Client clients[N_CLIENTS] = { 0 };
  guint applied = 0, merged = 0, conflicts = 0;

  setup_clients (server, clients);
  run_clients (server, clients, FALSE, 0);

  for (guint c = 0; c < N_CLIENTS; c++)
    {
      applied += clients[c].applied;
      merged += clients[c].merged;
      conflicts += clients[c].conflicts;
    }
  g_test_message ("applied %u, merged %u, conflicts %u", applied, merged, conflicts);
  g_assert_cmpuint (applied + merged + conflicts, ==, N_CLIENTS * N_PUSHES * N_ROWS);
  g_assert_cmpuint (merged, >, 0);
  g_assert_cmpuint (conflicts, >, 0);

  check_consistent (server);
  /* Every result was stored, and each new revision came from one op. */
  g_assert_cmpint (lotse_test_server_query_int (server, "SELECT count(*) FROM ops"), ==, N_CLIENTS * N_PUSHES * N_ROWS);
  g_assert_cmpint (lotse_test_server_query_int (server, "SELECT count(*) FROM history"), <=, applied + merged);

  g_assert_cmpint (lotse_test_server_stop (server), ==, 0);
  clear_clients (clients);
}

static void
test_sigkill (void)
{
  g_autoptr(LotseTestServer) server = start_server ();
  Client clients[N_CLIENTS] = { 0 };
  gint64 history_before, ops_before;

  setup_clients (server, clients);
  run_clients (server, clients, TRUE, 150);
  g_assert_cmpint (lotse_test_server_wait (server), ==, 128 + SIGKILL);

  check_consistent (server);
  history_before = lotse_test_server_query_int (server, "SELECT count(*) FROM history");
  ops_before = lotse_test_server_query_int (server, "SELECT count(*) FROM ops");
  g_test_message ("after SIGKILL: %" G_GINT64_FORMAT " revisions, %" G_GINT64_FORMAT " ops",
                  history_before, ops_before);

  /* Retry every batch that was sent, answered or not: known op_ids give
   * their stored result, lost ones are applied now, none twice. */
  lotse_test_server_start (server, (const char * const []) { "--rate-limit", "0", NULL }, NULL);
  for (guint c = 0; c < N_CLIENTS; c++)
    {
      for (guint i = 0; i < clients[c].bodies->len; i++)
        {
          g_autoptr(JsonNode) answer = NULL;
          guint status = 0;

          answer = post (server, clients[c].token, g_ptr_array_index (clients[c].bodies, i), &status);
          g_assert_cmpuint (status, ==, 200);
        }
    }

  check_consistent (server);
  g_assert_cmpint (lotse_test_server_query_int (server, "SELECT count(*) FROM history"), >=, history_before);
  {
    guint sent = 0;

    for (guint c = 0; c < N_CLIENTS; c++)
      sent += clients[c].bodies->len * N_ROWS;
    g_assert_cmpint (lotse_test_server_query_int (server, "SELECT count(*) FROM ops"), ==, sent);
  }

  g_assert_cmpint (lotse_test_server_stop (server), ==, 0);
  clear_clients (clients);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/server-stress/concurrent", test_concurrent);
  g_test_add_func ("/server-stress/sigkill", test_sigkill);

  return g_test_run ();
}
