/* bench-processes.c: pushes and no-change pulls at 32 connections over 1,
 * 2, 4 server processes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 *   bench-processes [SECONDS]      (LOTSE_SERVER points to lotse-server)
 *
 * Starts lotse-server processes on one database (PostgreSQL when run
 * under tests/lotse-test-postgresql.sh, else one process on a SQLite data
 * directory: several processes on one SQLite file are not what it is
 * for), signs in one device and lets 32 connections pull with nothing
 * new, kept alive, spread over the processes, for SECONDS (default 5),
 * then push batches of 100 new rows for as long. Prints the pulls per
 * second (target ≥ 10,000/s at 2 processes) and the changes pushed per
 * second.
 */

#include "config.h"

#include "lotse-test-postgresql.h"
#include "lotse-test-server.h"

#define N_CONNECTIONS 32

#define BATCH 100

typedef struct
{
  LotseTestServer *server;
  const char      *token;
  const char      *device;
  char            *cursor;
  gint64           until;
  gboolean         push;
  guint            index;
  guint            done;           /* pulls, or changes pushed */
} Puller;

static char *
initial_cursor (LotseTestServer *server,
                const char      *token)
{
  g_autoptr(JsonNode) answer = NULL;
  guint status = 0;

  answer = lotse_test_server_request (server, "GET", "/v1/sync/pull", token, NULL, &status);
  g_assert_cmpuint (status, ==, 200);
  return g_strdup (json_object_get_string_member (json_node_get_object (answer), "next_cursor"));
}

/* BATCH new projects of their own. */
static GBytes *
push_body (Puller *puller,
           guint   round)
{
  GString *body = g_string_new (NULL);

  g_string_append_printf (body, "{\"device_id\":\"%s\",\"changes\":[", puller->device);

  for (guint i = 0; i < BATCH; i++)
    {
      g_autofree char *op_id = lotse_new_uuid ();
      g_autofree char *id = lotse_new_uuid ();

      g_string_append_printf (body, "%s{\"op_id\":\"%s\",\"table\":\"project\",\"id\":\"%s\",\"base_rev\":0,"
                              "\"deleted\":false,\"fields\":{\"title\":\"Project %u.%u.%u\"}}",
                              i > 0 ? "," : "", op_id, id, puller->index, round, i);
    }
  g_string_append (body, "]}");
  return g_string_free_to_bytes (body);
}

static gpointer
puller_thread (gpointer data)
{
  Puller *puller = data;
  g_autoptr(SoupSession) session = soup_session_new ();
  const char *base = lotse_test_server_get_url (puller->server);
  g_autofree char *pull_url = g_strdup_printf ("%s/v1/sync/pull?cursor=%s", base, puller->cursor);
  g_autofree char *push_url = g_strdup_printf ("%s/v1/sync/push", base);
  g_autofree char *auth = g_strdup_printf ("Bearer %s", puller->token);

  for (guint round = 0; g_get_monotonic_time () < puller->until; round++)
    {
      g_autoptr(SoupMessage) msg = soup_message_new (puller->push ? "POST" : "GET",
                                                     puller->push ? push_url : pull_url);
      g_autoptr(GBytes) body = NULL;

      soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization", auth);
      if (puller->push)
        {
          g_autoptr(GBytes) request = push_body (puller, round);

          soup_message_set_request_body_from_bytes (msg, "application/json", request);
        }
      body = soup_session_send_and_read (session, msg, NULL, NULL);
      g_assert_cmpuint (soup_message_get_status (msg), ==, 200);
      puller->done += puller->push ? BATCH : 1;
    }
  return NULL;
}

static double
run_phase (Puller   *pullers,
           gboolean  push,
           double    seconds)
{
  GThread *threads[N_CONNECTIONS];
  gint64 start = g_get_monotonic_time ();
  guint total = 0;

  for (guint c = 0; c < N_CONNECTIONS; c++)
    {
      pullers[c].until = start + (gint64)(seconds * G_USEC_PER_SEC);
      pullers[c].push = push;
      pullers[c].done = 0;
      threads[c] = g_thread_new ("client", puller_thread, &pullers[c]);
    }
  for (guint c = 0; c < N_CONNECTIONS; c++)
    {
      g_thread_join (threads[c]);
      total += pullers[c].done;
    }
  return total / ((g_get_monotonic_time () - start) / (double)G_USEC_PER_SEC);
}

static void
measure (guint   n_servers,
         double  seconds,
         double *pulls,
         double *pushes)
{
  const char * const args[] = { "--rate-limit", "1000000", "--rate-burst", "1000000", NULL };
  LotseTestServer *servers[4];
  Puller pullers[N_CONNECTIONS] = { 0 };
  g_autofree char *token = NULL;
  g_autofree char *device = NULL;

  servers[0] = lotse_test_server_new ();
  lotse_test_server_add_user (servers[0], "anna", "editor", "anna-secret-1");
  for (guint s = 0; s < n_servers; s++)
    {
      if (s > 0)
        servers[s] = lotse_test_server_new_sharing (servers[0]);
      lotse_test_server_start (servers[s], args, NULL);
    }
  /* One device: sign-ins from one address are limited, and a token is
   * good on every process. */
  token = lotse_test_server_login (servers[0], "anna", "anna-secret-1", &device);
  for (guint c = 0; c < N_CONNECTIONS; c++)
    {
      pullers[c].server = servers[c % n_servers];
      pullers[c].token = token;
      pullers[c].device = device;
      pullers[c].cursor = initial_cursor (pullers[c].server, pullers[c].token);
      pullers[c].index = c;
    }

  *pulls = run_phase (pullers, FALSE, seconds);
  *pushes = run_phase (pullers, TRUE, seconds);
  for (guint c = 0; c < N_CONNECTIONS; c++)
    g_free (pullers[c].cursor);

  for (guint s = n_servers; s-- > 0;)
    {
      g_assert_cmpint (lotse_test_server_stop (servers[s]), ==, 0);
      lotse_test_server_free (servers[s]);
    }
}

int
main (int   argc,
      char *argv[])
{
  double seconds = argc > 1 ? g_ascii_strtod (argv[1], NULL) : 5;
  gboolean pg = lotse_test_postgresql_enabled ();

  for (guint n = 1; n <= (pg ? 4 : 1); n *= 2)
    {
      double pulls = 0, pushes = 0;

      measure (n, seconds, &pulls, &pushes);
      g_print ("%-10s %u process%s, %u connections: %8.0f no-change pulls/s, %8.0f changes pushed/s\n",
               pg ? "PostgreSQL" : "SQLite", n, n > 1 ? "es" : "", N_CONNECTIONS, pulls, pushes);
    }
  return 0;
}
