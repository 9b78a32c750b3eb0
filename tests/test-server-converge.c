/* test-server-converge.c: four server processes on one PostgreSQL, fifty
 * clients at once
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every client pushes to one process and pulls from another, round after
 * round; they edit rows of their own and the same few shared rows. In
 * the end every acknowledged change is on the server exactly once or was
 * answered with a conflict, and every client holds what the database
 * holds (count and checksum of the rows). Runs in the server-pg suite.
 */

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "lotse-test-postgresql.h"
#include "lotse-test-server.h"

#define N_SERVERS 4
#define N_CLIENTS 50
#define N_ROUNDS  4
#define N_SHARED  5

typedef struct
{
  LotseTestServer **servers;
  char             *token;
  char             *device;
  guint             index;
  GHashTable       *known;      /* row id → "rev:title" as the client holds it */
  char             *cursor;
  guint             acknowledged, conflicts;
} Client;

static char *
row_id (guint kind,
        guint number)
{
  return g_strdup_printf ("%08x-0000-4000-8000-%012x", kind, number);
}

/* Sends @request to @server over a connection of its own (thread-safe);
 * the JSON body of a 200 answer. */
static JsonNode *
send_raw (LotseTestServer *server,
          const char      *request)
{
  g_autofree char *answer = lotse_test_server_raw (server, request, strlen (request), 60000);
  const char *json = strstr (answer, "\r\n\r\n");

  g_assert_cmpuint (lotse_test_raw_status (answer), ==, 200);
  return json_from_string (json + 4, NULL);
}

static void
add_change (GString    *body,
            Client     *client,
            const char *id,
            const char *title)
{
  g_autofree char *op_id = lotse_new_uuid ();
  const char *known = g_hash_table_lookup (client->known, id);
  gint64 base_rev = known != NULL ? g_ascii_strtoll (known, NULL, 10) : 0;

  g_string_append_printf (body, "%s{\"op_id\":\"%s\",\"table\":\"project\",\"id\":\"%s\",\"base_rev\":%"
                          G_GINT64_FORMAT ",\"deleted\":false,\"fields\":{\"title\":\"%s\"}}",
                          body->str[body->len - 1] == '[' ? "" : ",", op_id, id, base_rev, title);
}

static void
push (Client *client,
      guint   round)
{
  g_autofree char *own = row_id (1, client->index * N_ROUNDS + round);
  g_autofree char *shared = row_id (2, (client->index + round) % N_SHARED);
  g_autofree char *own_title = g_strdup_printf ("own %u.%u", client->index, round);
  g_autofree char *shared_title = g_strdup_printf ("shared %u.%u", client->index, round);
  g_autofree char *request = NULL;
  g_autoptr(JsonNode) answer = NULL;
  GString *body = g_string_new (NULL);
  JsonArray *results;

  g_string_append_printf (body, "{\"device_id\":\"%s\",\"changes\":[", client->device);
  add_change (body, client, own, own_title);
  add_change (body, client, shared, shared_title);
  g_string_append (body, "]}");
  request = g_strdup_printf ("POST /v1/sync/push HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer %s\r\n"
                             "Content-Type: application/json\r\nConnection: close\r\nContent-Length: %zu\r\n\r\n%s",
                             client->token, body->len, body->str);
  g_string_free (body, TRUE);
  answer = send_raw (client->servers[(client->index + round) % N_SERVERS], request);

  results = json_object_get_array_member (json_node_get_object (answer), "results");
  for (guint i = 0; i < json_array_get_length (results); i++)
    {
      const char *status = json_object_get_string_member (json_array_get_object_element (results, i), "status");

      if (g_str_equal (status, "conflict"))
        client->conflicts++;
      else
        {
          g_assert_true (g_str_equal (status, "applied") || g_str_equal (status, "merged"));
          client->acknowledged++;
        }
    }
}

/* Pulls from @server until it has nothing more. */
static void
pull (Client          *client,
      LotseTestServer *server)
{
  gboolean more = TRUE;

  while (more)
    {
      g_autofree char *request = NULL;
      g_autoptr(JsonNode) answer = NULL;
      JsonObject *object;
      JsonArray *rows;

      request = g_strdup_printf ("GET /v1/sync/pull?limit=500%s%s HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                                 "Authorization: Bearer %s\r\nConnection: close\r\n\r\n",
                                 client->cursor != NULL ? "&cursor=" : "",
                                 client->cursor != NULL ? client->cursor : "", client->token);
      answer = send_raw (server, request);
      object = json_node_get_object (answer);
      rows = json_object_get_array_member (object, "rows");
      for (guint i = 0; i < json_array_get_length (rows); i++)
        {
          JsonObject *row = json_array_get_object_element (rows, i);
          JsonObject *fields = json_object_get_object_member (row, "fields");

          g_hash_table_insert (client->known, g_strdup (json_object_get_string_member (row, "id")),
                               g_strdup_printf ("%" G_GINT64_FORMAT ":%s", json_object_get_int_member (row, "rev"),
                                                json_object_get_string_member (fields, "title")));
        }
      g_free (client->cursor);
      client->cursor = g_strdup (json_object_get_string_member (object, "next_cursor"));
      more = json_object_get_boolean_member (object, "more");
    }
}

static gpointer
client_thread (gpointer data)
{
  Client *client = data;

  for (guint round = 0; round < N_ROUNDS; round++)
    {
      push (client, round);
      pull (client, client->servers[(client->index + round + 1) % N_SERVERS]);
    }
  return NULL;
}

static int
compare_ids (gconstpointer a,
             gconstpointer b)
{
  return strcmp (*(const char * const *)a, *(const char * const *)b);
}

/* "id:rev:title,…" in id order: the client's or the database's rows. */
static char *
client_state (Client *client)
{
  guint n_ids = 0;
  g_autofree gpointer *ids = g_hash_table_get_keys_as_array (client->known, &n_ids);
  GString *state = g_string_new (NULL);

  qsort (ids, n_ids, sizeof *ids, compare_ids);
  for (guint i = 0; i < n_ids; i++)
    g_string_append_printf (state, "%s%s:%s", i > 0 ? "," : "", (char *)ids[i],
                            (char *)g_hash_table_lookup (client->known, ids[i]));
  return g_string_free (state, FALSE);
}

static void
check_server (LotseTestServer *server,
              Client          *clients)
{
  g_autofree char *state = lotse_test_server_query_text (server,
    "SELECT string_agg (id || ':' || rev || ':' || json_extract (fields, '$.title'), ',' ORDER BY id) FROM rows");
  guint acknowledged = 0, conflicts = 0;

  for (guint c = 0; c < N_CLIENTS; c++)
    {
      g_autofree char *mine = NULL;

      acknowledged += clients[c].acknowledged;
      conflicts += clients[c].conflicts;
      pull (&clients[c], clients[c].servers[c % N_SERVERS]);
      mine = client_state (&clients[c]);
      g_assert_cmpstr (mine, ==, state);
    }
  g_test_message ("%u acknowledged, %u conflicts", acknowledged, conflicts);
  g_assert_cmpuint (acknowledged + conflicts, ==, N_CLIENTS * N_ROUNDS * 2);

  /* Each client's own rows once, each acknowledged change once. */
  g_assert_cmpint (lotse_test_server_query_int (server, "SELECT count(*) FROM rows"), ==,
                   N_CLIENTS * N_ROUNDS + N_SHARED);
  g_assert_cmpint (lotse_test_server_query_int (server,
    "SELECT count(*) FROM ops WHERE json_extract (result, '$.status') IN ('applied', 'merged')"), ==, acknowledged);
  g_assert_cmpint (lotse_test_server_query_int (server,
    "SELECT count(*) FROM ops o WHERE json_extract (o.result, '$.status') IN ('applied', 'merged')"
    " AND NOT EXISTS (SELECT 1 FROM history h WHERE h.ws = o.ws"
    " AND h.seq = CAST (json_extract (o.result, '$.seq') AS INTEGER))"), ==, 0);
  /* One history in commit order: seqs 1..n. */
  g_assert_cmpint (lotse_test_server_query_int (server, "SELECT max(seq) - count(*) FROM history"), ==, 0);
}

static void
test_converge (void)
{
  LotseTestServer *servers[N_SERVERS];
  Client clients[N_CLIENTS] = { 0 };
  GThread *threads[N_CLIENTS];
  const char * const args[] = { "--rate-limit", "100000", "--rate-burst", "100000", NULL };

  servers[0] = lotse_test_server_new ();
  lotse_test_server_add_user (servers[0], "anna", "editor", "anna-secret-1");
  for (guint s = 0; s < N_SERVERS; s++)
    {
      if (s > 0)
        servers[s] = lotse_test_server_new_sharing (servers[0]);
      lotse_test_server_start (servers[s], args, NULL);
    }

  for (guint c = 0; c < N_CLIENTS; c++)
    {
      clients[c].servers = servers;
      clients[c].index = c;
      clients[c].known = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
      clients[c].token = lotse_test_server_login (servers[c % N_SERVERS], "anna", "anna-secret-1",
                                                  &clients[c].device);
    }
  for (guint c = 0; c < N_CLIENTS; c++)
    threads[c] = g_thread_new ("client", client_thread, &clients[c]);
  for (guint c = 0; c < N_CLIENTS; c++)
    g_thread_join (threads[c]);

  check_server (servers[0], clients);

  for (guint c = 0; c < N_CLIENTS; c++)
    {
      g_hash_table_unref (clients[c].known);
      g_free (clients[c].token);
      g_free (clients[c].device);
      g_free (clients[c].cursor);
    }
  for (guint s = N_SERVERS; s-- > 0;)
    {
      g_assert_cmpint (lotse_test_server_stop (servers[s]), ==, 0);
      lotse_test_server_free (servers[s]);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/server-converge/four-processes", test_converge);

  return g_test_run ();
}
