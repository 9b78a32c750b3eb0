/* bench-server.c: what a sync round costs on lotse-server
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 *   bench-server LOTSE_SERVER_BINARY
 *
 * Starts the server on loopback with a fresh data dir and measures:
 *   - the round trip of a pull with nothing new (keep-alive, one client);
 *   - no-change pulls per second with 32 concurrent connections (wrk when
 *     installed, else skipped);
 *   - pushing 10,000 new projects in batches of 1,000 (one transaction and
 *     one fsync per batch, synchronous=FULL), and 10,000 more in one request;
 *   - pulling all 20,000 rows in pages of 1,000.
 *
 * The server runs as in production except for its limits: 32 connections
 * from one address ask far more than the default rate limit (100 requests
 * per second and address/account, burst 500) allows, so the bench raises
 * it with --rate-limit/--rate-burst (the buckets are still checked on
 * every request), and --max-batch/--max-body for the single big push. Its
 * request log (one line per request) goes to a file in the data dir, and
 * the bench checks that it has a line for every request.
 *
 * The machine's load average is printed with the figures; the server's
 * CPU time per 10,000 pulls does not depend on the load as much as the
 * rate does.
 */

#include <libsoup/soup.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "lotse-core.h"

#include "bench-load.h"

#define PULL_ROUNDS 2000
#define PUSH_TOTAL 10000
#define PUSH_BATCH 1000

static GSubprocess *server;
static char *base_url;
static char *data_dir;
static char *log_path;

static char *
load_average (void)
{
  g_autofree char *text = NULL;
  g_auto(GStrv) fields = NULL;

  if (!g_file_get_contents ("/proc/loadavg", &text, NULL, NULL))
    return g_strdup ("?");
  fields = g_strsplit (text, " ", 4);
  return g_strdup_printf ("%s %s %s", fields[0], fields[1], fields[2]);
}

static guint
count_log_lines (void)
{
  g_autofree char *text = NULL;
  guint lines = 0;

  if (!g_file_get_contents (log_path, &text, NULL, NULL))
    return 0;
  for (const char *p = text; *p != '\0'; p++)
    lines += *p == '\n';

  return lines;
}

/* CPU time the server process has used, in ms: on a shared machine the
 * wall-clock figures depend on the load, this does not. */
static double
server_cpu_ms (void)
{
  g_autofree char *path = g_strdup_printf ("/proc/%s/stat", g_subprocess_get_identifier (server));
  g_autofree char *text = NULL;
  g_auto(GStrv) fields = NULL;
  const char *after_name;

  if (!g_file_get_contents (path, &text, NULL, NULL) || (after_name = strrchr (text, ')')) == NULL)
    return 0;

  /* After "pid (comm)": state is field 3, utime 14, stime 15. */
  fields = g_strsplit (after_name + 2, " ", 0);
  if (g_strv_length (fields) < 13)
    return 0;

  return (g_ascii_strtod (fields[11], NULL) + g_ascii_strtod (fields[12], NULL)) * 1000.0 /
         sysconf (_SC_CLK_TCK);
}

static double
ms_since (gint64 start)
{
  return (g_get_monotonic_time () - start) / 1000.0;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *)a, y = *(const double *)b;

  return x < y ? -1 : x > y;
}

static void
run_admin (const char *binary,
           const char *input,
           ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  const char *arg;
  va_list args;

  g_ptr_array_add (argv, (char *)binary);
  g_ptr_array_add (argv, (char *)"--data-dir");
  g_ptr_array_add (argv, data_dir);
  va_start (args, input);
  while ((arg = va_arg (args, const char *)) != NULL)
    g_ptr_array_add (argv, (char *)arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  process = g_subprocess_newv ((const char * const *)argv->pdata,
                               G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_SILENCE, &error);
  if (process == NULL || !g_subprocess_communicate_utf8 (process, input, NULL, NULL, NULL, &error) ||
      !g_subprocess_get_successful (process))
    g_error ("admin command failed: %s", error != NULL ? error->message : "exit status");
}

static void
start_server (const char *binary)
{
  const char *argv[] = {
    binary, "--data-dir", data_dir, "--listen", "127.0.0.1:0",
    "--rate-limit", "1000000", "--rate-burst", "1000000",
    "--max-batch", "10000", "--max-body", "67108864", NULL
  };
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  g_autoptr(GDataInputStream) reader = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *line = NULL;
  const char *start;

  log_path = g_build_filename (data_dir, "server.log", NULL);
  g_subprocess_launcher_set_stderr_file_path (launcher, log_path);
  server = g_subprocess_launcher_spawnv (launcher, argv, &error);
  if (server == NULL)
    g_error ("%s", error->message);

  reader = g_data_input_stream_new (g_subprocess_get_stdout_pipe (server));
  line = g_data_input_stream_read_line_utf8 (reader, NULL, NULL, &error);
  if (line == NULL || (start = strstr (line, "http")) == NULL)
    g_error ("lotse-server did not start");
  base_url = g_strdup (start);
}

static JsonNode *
request (SoupSession *session,
         const char  *method,
         const char  *path,
         const char  *token,
         const char  *body,
         gsize        body_length)
{
  g_autofree char *url = g_strconcat (base_url, path, NULL);
  g_autoptr(SoupMessage) msg = soup_message_new (method, url);
  g_autoptr(GBytes) answer = NULL;
  g_autoptr(GError) error = NULL;

  if (token != NULL)
    {
      g_autofree char *value = g_strdup_printf ("Bearer %s", token);

      soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization", value);
    }
  if (body != NULL)
    {
      g_autoptr(GBytes) bytes = g_bytes_new_static (body, body_length);

      soup_message_set_request_body_from_bytes (msg, "application/json", bytes);
    }

  answer = soup_session_send_and_read (session, msg, NULL, &error);
  if (answer == NULL || soup_message_get_status (msg) != 200)
    g_error ("%s %s failed: %u %s", method, path, soup_message_get_status (msg),
             error != NULL ? error->message : "");

  return json_from_string (g_bytes_get_data (answer, NULL), NULL);
}

static char *
push_body (const char *device_id,
           guint       first,
           guint       count)
{
  GString *body = g_string_new (NULL);

  g_string_append_printf (body, "{\"device_id\":\"%s\",\"changes\":[", device_id);
  for (guint i = 0; i < count; i++)
    {
      g_autofree char *op_id = lotse_new_uuid ();
      g_autofree char *id = lotse_new_uuid ();

      g_string_append_printf (body,
                              "%s{\"op_id\":\"%s\",\"table\":\"project\",\"id\":\"%s\",\"base_rev\":0,"
                              "\"deleted\":false,\"fields\":{\"title\":\"Projekt %u – Digitale Modellregion\","
                              "\"acronym\":\"P%u\",\"status\":\"running\",\"health\":\"green\","
                              "\"start_date\":\"2024-01-01\",\"end_date\":\"2026-12-31\","
                              "\"budget_cents\":%u,\"summary\":\"Kommunen und Hochschulen erproben "
                              "gemeinsam digitale Dienste für die Region.\"}}",
                              i > 0 ? "," : "", op_id, id, first + i, first + i, 100000 + i);
    }
  g_string_append (body, "]}");

  return g_string_free (body, FALSE);
}

static gboolean
run_wrk (const char *token,
         const char *path,
         guint64    *n_requests)
{
  g_autofree char *wrk = g_find_program_in_path ("wrk");
  g_autofree char *header = g_strdup_printf ("Authorization: Bearer %s", token);
  g_autofree char *url = g_strconcat (base_url, path, NULL);
  g_autofree char *out = NULL;
  g_autoptr(GError) error = NULL;
  const char *rps;
  int status = 0;

  if (wrk == NULL)
    {
      g_print ("  no-change pulls, 32 connections: skipped (wrk is not installed)\n");
      return FALSE;
    }

  {
    const char *argv[] = { wrk, "-t", "2", "-c", "32", "-d", "5s", "--latency", "-H", header, url, NULL };

    if (!g_spawn_sync (NULL, (char **)argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, NULL, &status, &error))
      g_error ("%s", error->message);
  }

  rps = strstr (out, "Requests/sec:");
  if (rps == NULL)
    g_error ("wrk printed no rate:\n%s", out);

  {
    g_auto(GStrv) lines = g_strsplit (out, "\n", 0);

    g_autofree char *load = load_average ();

    g_print ("  no-change pulls, 32 connections (wrk, 5 s; load average before: %s):\n", load);
    for (guint i = 0; lines[i] != NULL; i++)
      {
        const char *done = strstr (lines[i], " requests in ");
        const char *line = g_strstrip (lines[i]);

        if (g_str_has_prefix (line, "Requests/sec") || g_str_has_prefix (line, "50%") ||
            g_str_has_prefix (line, "99%") || g_str_has_prefix (line, "Non-2xx"))
          g_print ("    %s\n", line);
        if (done != NULL)
          *n_requests = g_ascii_strtoull (lines[i], NULL, 10);
      }
  }

  return TRUE;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(SoupSession) session = NULL;
  g_autoptr(JsonNode) login = NULL;
  g_autoptr(JsonNode) first = NULL;
  g_autoptr(GArray) times = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *pull_path = NULL;
  const char *token, *device_id;
  guint64 n_requests = 0;
  guint lines_before;
  gboolean wrk_ran;
  double push_ms = 0, cpu_before;
  gint64 start;

  bench_print_load ("before");

  if (argc != 2)
    {
      g_printerr ("usage: %s LOTSE_SERVER_BINARY\n", argv[0]);
      return 2;
    }

  data_dir = g_dir_make_tmp ("lotse-bench-server-XXXXXX", &error);
  if (data_dir == NULL)
    g_error ("%s", error->message);

  run_admin (argv[1], "bench-password\n", "user", "add", "bench", "--role", "editor", NULL);
  start_server (argv[1]);
  g_print ("  server at %s (data in %s)\n", base_url, data_dir);

  session = soup_session_new_with_options ("max-conns-per-host", 1, NULL);
  login = request (session, "POST", "/v1/auth/login", NULL,
                   "{\"user\":\"bench\",\"password\":\"bench-password\",\"device_name\":\"bench\"}", 66);
  token = json_object_get_string_member (json_node_get_object (login), "token");
  device_id = json_object_get_string_member (json_node_get_object (login), "device_id");

  /* Push 10,000 new projects in batches. */
  cpu_before = server_cpu_ms ();
  for (guint done = 0; done < PUSH_TOTAL; done += PUSH_BATCH)
    {
      g_autofree char *body = push_body (device_id, done, PUSH_BATCH);
      g_autoptr(JsonNode) answer = NULL;

      start = g_get_monotonic_time ();
      answer = request (session, "POST", "/v1/sync/push", token, body, strlen (body));
      push_ms += ms_since (start);
    }
  {
    double cpu = server_cpu_ms () - cpu_before;

    g_print ("  push of %u new projects in batches of %u: %.0f ms, %.0f changes/s"
             " (server CPU %.0f ms: %.0f changes per CPU-second)\n",
             PUSH_TOTAL, PUSH_BATCH, push_ms, PUSH_TOTAL / (push_ms / 1000.0),
             cpu, cpu > 0 ? PUSH_TOTAL / (cpu / 1000.0) : 0);
  }

  /* The same amount again in one request (the server allows 10,000 here;
   * its default max_batch is 1,000). */
  {
    g_autofree char *body = push_body (device_id, PUSH_TOTAL, PUSH_TOTAL);
    g_autoptr(JsonNode) answer = NULL;
    double ms, cpu;

    cpu_before = server_cpu_ms ();
    start = g_get_monotonic_time ();
    answer = request (session, "POST", "/v1/sync/push", token, body, strlen (body));
    ms = ms_since (start);
    cpu = server_cpu_ms () - cpu_before;
    g_print ("  push of %u new projects in one request (%.1f MB): %.0f ms, %.0f changes/s"
             " (server CPU %.0f ms: %.0f changes per CPU-second)\n",
             PUSH_TOTAL, strlen (body) / 1e6, ms, PUSH_TOTAL / (ms / 1000.0),
             cpu, cpu > 0 ? PUSH_TOTAL / (cpu / 1000.0) : 0);
  }

  /* The cursor after everything: pulls from here have nothing new. */
  {
    g_autofree char *path = NULL;
    char *cursor = NULL;
    gboolean more = TRUE;

    start = g_get_monotonic_time ();
    while (more)
      {
        g_autoptr(JsonNode) page = NULL;

        if (cursor != NULL)
          path = g_strdup_printf ("/v1/sync/pull?limit=1000&cursor=%s", cursor);
        else
          path = g_strdup ("/v1/sync/pull?limit=1000");
        page = request (session, "GET", path, token, NULL, 0);
        g_clear_pointer (&path, g_free);
        g_free (cursor);
        cursor = g_strdup (json_object_get_string_member (json_node_get_object (page), "next_cursor"));
        more = json_object_get_boolean_member (json_node_get_object (page), "more");
      }
    g_print ("  full pull of %u rows in pages of 1000: %.0f ms\n", 2 * PUSH_TOTAL, ms_since (start));
    pull_path = g_strdup_printf ("/v1/sync/pull?cursor=%s", cursor);
    g_free (cursor);
  }

  times = g_array_sized_new (FALSE, FALSE, sizeof (double), PULL_ROUNDS);
  for (guint i = 0; i < PULL_ROUNDS; i++)
    {
      g_autoptr(JsonNode) page = NULL;
      double ms;

      start = g_get_monotonic_time ();
      page = request (session, "GET", pull_path, token, NULL, 0);
      ms = ms_since (start);
      g_array_append_val (times, ms);
    }
  g_array_sort (times, compare_doubles);
  g_print ("  no-change pull round trip (%u, keep-alive): median %.3f ms, p95 %.3f ms, p99 %.3f ms\n",
           PULL_ROUNDS,
           g_array_index (times, double, PULL_ROUNDS / 2),
           g_array_index (times, double, PULL_ROUNDS * 95 / 100),
           g_array_index (times, double, PULL_ROUNDS * 99 / 100));

  lines_before = count_log_lines ();
  cpu_before = server_cpu_ms ();
  start = g_get_monotonic_time ();
  wrk_ran = run_wrk (token, pull_path, &n_requests);
  if (wrk_ran)
    {
      double cpu = server_cpu_ms () - cpu_before;

      g_print ("    server CPU %.0f ms for %" G_GUINT64_FORMAT " requests in %.1f s: %.0f ms per 10,000 pulls, "
               "%.0f pulls per CPU-second\n",
               cpu, n_requests, ms_since (start) / 1000.0, cpu * 10000.0 / MAX (n_requests, 1),
               cpu > 0 ? n_requests / (cpu / 1000.0) : 0);
    }

  g_subprocess_send_signal (server, SIGTERM);
  g_subprocess_wait (server, NULL, NULL);

  /* One log line per request: wrk counts the answers it read, the server
   * may have answered a few more when wrk stopped. */
  if (wrk_ran)
    {
      guint logged = count_log_lines () - lines_before;

      g_print ("    request log: %u lines for the %" G_GUINT64_FORMAT " requests\n", logged, n_requests);
      if (logged < n_requests || logged > n_requests + 64)
        g_error ("the request log has %u lines for %" G_GUINT64_FORMAT " requests", logged, n_requests);
    }
  {
    g_autofree char *db = g_build_filename (data_dir, "lotse-server.db", NULL);
    g_autofree char *wal = g_strconcat (db, "-wal", NULL);
    g_autofree char *shm = g_strconcat (db, "-shm", NULL);

    g_remove (db);
    g_remove (wal);
    g_remove (shm);
    g_remove (log_path);
    g_rmdir (data_dir);
  }

  bench_print_load ("after");
  return 0;
}
