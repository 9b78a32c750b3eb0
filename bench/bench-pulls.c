/* bench-pulls.c: no-change pulls at 32 connections over 1, 2, 4 processes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 *   bench-pulls [SECONDS]      (LOTSE_SERVER points to lotse-server)
 *
 * Starts lotse-server processes on one database (PostgreSQL when run
 * under tests/lotse-test-postgresql.sh, else one process on a SQLite data
 * directory: several processes on one SQLite file are not what it is
 * for), signs in one device and lets 32 connections pull with nothing
 * new, kept alive, spread over the processes, for SECONDS (default 5).
 * Prints the pulls per second (target ≥ 10,000/s at 2 processes).
 */

#include "config.h"

#include "lotse-test-postgresql.h"
#include "lotse-test-server.h"

#define N_CONNECTIONS 32

typedef struct
{
  LotseTestServer *server;
  const char      *token;
  char            *cursor;
  gint64           until;
  guint            pulls;
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

static gpointer
puller_thread (gpointer data)
{
  Puller *puller = data;
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autofree char *url = g_strdup_printf ("%s/v1/sync/pull?cursor=%s", lotse_test_server_get_url (puller->server),
                                          puller->cursor);
  g_autofree char *auth = g_strdup_printf ("Bearer %s", puller->token);

  while (g_get_monotonic_time () < puller->until)
    {
      g_autoptr(SoupMessage) msg = soup_message_new ("GET", url);
      g_autoptr(GBytes) body = NULL;

      soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization", auth);
      body = soup_session_send_and_read (session, msg, NULL, NULL);
      g_assert_cmpuint (soup_message_get_status (msg), ==, 200);
      puller->pulls++;
    }
  return NULL;
}

static double
measure (guint n_servers,
         double seconds)
{
  const char * const args[] = { "--rate-limit", "1000000", "--rate-burst", "1000000", NULL };
  LotseTestServer *servers[4];
  Puller pullers[N_CONNECTIONS] = { 0 };
  GThread *threads[N_CONNECTIONS];
  g_autofree char *token = NULL;
  gint64 start;
  guint total = 0;

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
  token = lotse_test_server_login (servers[0], "anna", "anna-secret-1", NULL);
  for (guint c = 0; c < N_CONNECTIONS; c++)
    {
      pullers[c].server = servers[c % n_servers];
      pullers[c].token = token;
      pullers[c].cursor = initial_cursor (pullers[c].server, pullers[c].token);
    }

  start = g_get_monotonic_time ();
  for (guint c = 0; c < N_CONNECTIONS; c++)
    {
      pullers[c].until = start + (gint64)(seconds * G_USEC_PER_SEC);
      threads[c] = g_thread_new ("puller", puller_thread, &pullers[c]);
    }
  for (guint c = 0; c < N_CONNECTIONS; c++)
    {
      g_thread_join (threads[c]);
      total += pullers[c].pulls;
      g_free (pullers[c].cursor);
    }

  for (guint s = n_servers; s-- > 0;)
    {
      g_assert_cmpint (lotse_test_server_stop (servers[s]), ==, 0);
      lotse_test_server_free (servers[s]);
    }
  return total / ((g_get_monotonic_time () - start) / (double)G_USEC_PER_SEC);
}

int
main (int   argc,
      char *argv[])
{
  double seconds = argc > 1 ? g_ascii_strtod (argv[1], NULL) : 5;
  gboolean pg = lotse_test_postgresql_enabled ();

  for (guint n = 1; n <= (pg ? 4 : 1); n *= 2)
    g_print ("%-10s %u process%s, %u connections: %8.0f no-change pulls/s\n", pg ? "PostgreSQL" : "SQLite", n,
             n > 1 ? "es" : "", N_CONNECTIONS, measure (n, seconds));
  return 0;
}
