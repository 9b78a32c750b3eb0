/* bench-connections.c: the memory lotse-server keeps per connection
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 *   bench-connections [CONNECTIONS [PARALLEL]]   (LOTSE_SERVER points to lotse-server)
 *   bench-connections --tls [CONNECTIONS]
 *
 * Starts lotse-server on loopback with a fresh data dir (rate limit off,
 * 65536 descriptors as in the systemd unit) and opens CONNECTIONS
 * connections (default 1,000,000), PARALLEL at a time (default 32), from
 * 253 loopback addresses in turn: each asks GET /v1/info kept alive, reads
 * the answer, and the client closes the connection — the case libsoup 3.2
 * never freed. Prints the server's resident memory every 50,000
 * connections (with the number of connections so far that got no 200, a
 * reset or no answer), and the growth per connection as the least-squares
 * slope of the samples after the first (warm-up).
 *
 * With --tls the server speaks HTTPS (a certificate made with openssl)
 * and the connections (default 100,000) take turns, one at a time: a
 * request over a full handshake, then one that is closed before its
 * handshake (what libsoup 3.2 kept for good). RSS every 10,000.
 */

#include "config.h"

#include <stdio.h>

#include "lotse-test-server.h"

#include "bench-load.h"

#define STEP 50000
#define TLS_STEP 10000

typedef struct
{
  double sum_x, sum_y, sum_xx, sum_xy;
  guint  n;
} Slope;

static void
slope_add (Slope  *slope,
           double  x,
           double  y)
{
  slope->sum_x += x;
  slope->sum_y += y;
  slope->sum_xx += x * x;
  slope->sum_xy += x * y;
  slope->n++;
}

static double
slope_get (const Slope *slope)
{
  return (slope->n * slope->sum_xy - slope->sum_x * slope->sum_y) /
         (slope->n * slope->sum_xx - slope->sum_x * slope->sum_x);
}

/* A request over TLS when @complete, else a connection closed before its
 * handshake. TRUE when the request was answered. */
static gboolean
tls_connection (guint16  port,
                gboolean complete)
{
  static const char request[] = "GET /v1/info HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";
  g_autoptr(GSocketClient) client = g_socket_client_new ();
  g_autoptr(GSocketConnection) connection = NULL;
  char answer[4096];
  gssize n;

  g_socket_client_set_tls (client, complete);
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  g_socket_client_set_tls_validation_flags (client, 0);
  G_GNUC_END_IGNORE_DEPRECATIONS
  connection = g_socket_client_connect_to_host (client, "127.0.0.1", port, NULL, NULL);
  if (connection == NULL || !complete)
    return connection != NULL;

  if (!g_output_stream_write_all (g_io_stream_get_output_stream (G_IO_STREAM (connection)),
                                  request, sizeof request - 1, NULL, NULL, NULL))
    return FALSE;
  n = g_input_stream_read (g_io_stream_get_input_stream (G_IO_STREAM (connection)),
                           answer, sizeof answer - 1, NULL, NULL);
  if (n <= 0)
    return FALSE;
  answer[n] = '\0';

  return lotse_test_raw_status (answer) == 200;
}

static int
bench_tls (guint total)
{
  g_autoptr(LotseTestServer) server = lotse_test_server_new ();
  g_autofree char *cert = NULL;
  g_autofree char *key = NULL;
  Slope slope = { 0, };
  guint failed = 0;

  if (!lotse_test_make_certificate (lotse_test_server_get_dir (server), &cert, &key))
    g_error ("openssl is not installed");
  {
    const char * const args[] = { "--rate-limit", "0", "--tls-cert", cert, "--tls-key", key, NULL };

    lotse_test_server_start (server, args, NULL);
  }

  printf ("%12s %10s %10s\n", "connections", "RSS KiB", "not 200");
  for (guint done = 1; done <= total; done++)
    {
      if (!tls_connection (lotse_test_server_get_port (server), done % 2 == 0))
        failed++;
      if (done % TLS_STEP != 0)
        continue;

      printf ("%12u %10" G_GUINT64_FORMAT " %10u\n", done, lotse_test_server_get_rss_kib (server), failed);
      fflush (stdout);
      if (done > TLS_STEP)
        slope_add (&slope, done, lotse_test_server_get_rss_kib (server) * 1024.0);
    }

  if (slope.n >= 2)
    printf ("growth after the first %u: %.1f bytes per connection\n", TLS_STEP, slope_get (&slope));

  g_assert_cmpint (lotse_test_server_stop (server), ==, 0);
  return 0;
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(LotseTestServer) server = NULL;
  const char * const args[] = { "--rate-limit", "0", NULL };
  guint total = argc > 1 ? (guint)g_ascii_strtoull (argv[1], NULL, 10) : 1000000;
  guint parallel = argc > 2 ? (guint)g_ascii_strtoull (argv[2], NULL, 10) : 32;
  Slope slope = { 0, };
  guint failed = 0;
  gint64 started;

  bench_print_load ("before");

  if (argc > 1 && g_str_equal (argv[1], "--tls") && g_getenv ("LOTSE_SERVER") != NULL)
    return bench_tls (argc > 2 ? (guint)g_ascii_strtoull (argv[2], NULL, 10) : 100000);

  if (g_getenv ("LOTSE_SERVER") == NULL || total < 2 * STEP || parallel == 0)
    {
      fprintf (stderr, "usage: LOTSE_SERVER=PATH bench-connections [CONNECTIONS ≥ %u [PARALLEL]]\n"
                       "       LOTSE_SERVER=PATH bench-connections --tls [CONNECTIONS]\n",
               2 * STEP);
      return 2;
    }

  server = lotse_test_server_new ();
  lotse_test_server_set_fd_limit (server, 65536);
  lotse_test_server_start (server, args, NULL);

  printf ("%12s %10s %8s %10s\n", "connections", "RSS KiB", "seconds", "not 200");
  printf ("%12u %10" G_GUINT64_FORMAT " %8.1f %10u\n", 0, lotse_test_server_get_rss_kib (server), 0.0, 0);
  started = g_get_monotonic_time ();

  for (guint done = STEP; done <= total; done += STEP)
    {
      guint answered = lotse_test_server_churn (server, STEP, parallel);
      guint64 rss = lotse_test_server_get_rss_kib (server);

      failed += STEP - answered;
      printf ("%12u %10" G_GUINT64_FORMAT " %8.1f %10u\n", done, rss,
              (g_get_monotonic_time () - started) / (double)G_USEC_PER_SEC, failed);
      fflush (stdout);

      if (done > STEP)
        slope_add (&slope, done, rss * 1024.0);
    }

  printf ("growth after the first %u: %.1f bytes per connection (least squares over %u samples)\n",
          STEP, slope_get (&slope), slope.n);
  fflush (stdout);

  g_assert_cmpint (lotse_test_server_stop (server), ==, 0);
  bench_print_load ("after");
  return 0;
}
