/* bench-processes.c: no-change pulls and pushes at 32 connections over 1,
 * 2, 4 server processes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 *   bench-processes [SECONDS]      (LOTSE_SERVER points to lotse-server;
 *                                   needs wrk)
 *
 * Starts lotse-server processes on one database (PostgreSQL when run
 * under tests/lotse-test-postgresql.sh, else one process on a SQLite data
 * directory: several processes on one SQLite file are not what it is
 * for), signs in one device and lets 32 kept-alive connections pull with
 * nothing new for SECONDS (default 5), then push batches of 100 new
 * projects for as long.
 *
 * The connections are driven by wrk, one instance of one thread per
 * server process (each process listens on a port of its own), 32 / N
 * connections each: a client of 32 threads in this process took more of
 * the 2 cores than the servers and measured itself. Printed per phase:
 * the rate (target ≥ 10,000 no-change pulls/s at 2 processes), the CPU
 * the servers used (user + sys, all processes) and, on PostgreSQL, the
 * database's processes, per 10,000 pulls or changes, wrk's CPU, and the
 * load average: on a shared machine the CPU figures hold where the rate
 * follows the load.
 */

#include "config.h"

#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "bench-load.h"
#include "lotse-test-postgresql.h"
#include "lotse-test-server.h"

#define N_CONNECTIONS 32
#define MAX_SERVERS   4

/* Each request a batch of BATCH new projects with ids of their own
 * (instance and counter), as one device of the one account. */
#define BATCH 100
static const char push_script[] =
  "local instance, device, n = 0, '', 0\n"
  "function init (args)\n"
  "  instance, device = tonumber (args[1]), args[2]\n"
  "  wrk.method = 'POST'\n"
  "  wrk.headers['Content-Type'] = 'application/json'\n"
  "end\n"
  "function request ()\n"
  "  local parts = {}\n"
  "  for i = 1, 100 do\n"
  "    n = n + 1\n"
  "    parts[i] = string.format ('{\"op_id\":\"%08x-0000-4000-8000-%012x\",\"table\":\"project\",'\n"
  "      .. '\"id\":\"%08x-0000-4000-9000-%012x\",\"base_rev\":0,\"deleted\":false,'\n"
  "      .. '\"fields\":{\"title\":\"Project %d.%d\"}}', instance, n, instance, n, instance, n)\n"
  "  end\n"
  "  return wrk.format (nil, nil, nil, '{\"device_id\":\"' .. device .. '\",\"changes\":['\n"
  "    .. table.concat (parts, ',') .. ']}')\n"
  "end\n";

typedef struct
{
  LotseTestServer *servers[MAX_SERVERS];
  guint            n_servers;
  char            *token;
  char            *device;
  char            *cursor;
  char            *script;         /* the push script's file */
} Bench;

/* utime + stime of one process from /proc/PID/stat, in ms; with
 * @parent, set to its parent's PID. */
static double
process_cpu_ms (GPid  pid,
                GPid *parent)
{
  g_autofree char *path = g_strdup_printf ("/proc/%d/stat", (int)pid);
  g_autofree char *text = NULL;
  g_auto(GStrv) fields = NULL;
  const char *after_name;

  if (!g_file_get_contents (path, &text, NULL, NULL) || (after_name = strrchr (text, ')')) == NULL)
    return 0;

  /* After "pid (comm)": state is field 3, ppid 4, utime 14, stime 15. */
  fields = g_strsplit (after_name + 2, " ", 0);
  if (g_strv_length (fields) < 13)
    return 0;
  if (parent != NULL)
    *parent = (GPid)g_ascii_strtoll (fields[1], NULL, 10);

  return (g_ascii_strtod (fields[11], NULL) + g_ascii_strtod (fields[12], NULL)) * 1000.0 /
         sysconf (_SC_CLK_TCK);
}

/* The PostgreSQL of tests/lotse-test-postgresql.sh: its postmaster and
 * every process it started (the backends of the servers among them). */
static double
postgresql_cpu_ms (void)
{
  const char *dir = g_getenv ("LOTSE_TEST_POSTGRESQL");
  g_autofree char *pid_file = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GDir) proc = NULL;
  const char *name;
  GPid postmaster;
  double total;

  if (dir == NULL)
    return 0;
  pid_file = g_build_filename (dir, "data", "postmaster.pid", NULL);
  if (!g_file_get_contents (pid_file, &text, NULL, NULL))
    return 0;
  postmaster = (GPid)g_ascii_strtoll (text, NULL, 10);
  total = process_cpu_ms (postmaster, NULL);

  proc = g_dir_open ("/proc", 0, NULL);
  while (proc != NULL && (name = g_dir_read_name (proc)) != NULL)
    {
      GPid pid = (GPid)g_ascii_strtoll (name, NULL, 10), parent = 0;
      double cpu;

      if (pid <= 0 || pid == postmaster)
        continue;
      cpu = process_cpu_ms (pid, &parent);
      if (parent == postmaster)
        total += cpu;
    }
  return total;
}

static double
servers_cpu_ms (Bench *bench)
{
  double total = 0;

  for (guint s = 0; s < bench->n_servers; s++)
    total += process_cpu_ms (lotse_test_server_get_pid (bench->servers[s]), NULL);
  return total;
}

/* CPU of the wrk instances, which have ended and been waited for. */
static double
children_cpu_ms (void)
{
  struct rusage usage;

  getrusage (RUSAGE_CHILDREN, &usage);
  return (usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) * 1000.0 +
         (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1000.0;
}

static GSubprocess *
spawn_wrk (Bench    *bench,
           guint     s,
           gboolean  push,
           double    seconds)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *connections = g_strdup_printf ("%u", N_CONNECTIONS / bench->n_servers);
  g_autofree char *duration = g_strdup_printf ("%.0fs", seconds);
  g_autofree char *header = g_strdup_printf ("Authorization: Bearer %s", bench->token);
  const char *base = lotse_test_server_get_url (bench->servers[s]);
  g_autofree char *url = push ? g_strdup_printf ("%s/v1/sync/push", base)
                              : g_strdup_printf ("%s/v1/sync/pull?cursor=%s", base, bench->cursor);
  g_autofree char *instance = g_strdup_printf ("%u", s);
  g_autoptr(GStrvBuilder) argv = g_strv_builder_new ();
  g_auto(GStrv) args = NULL;
  GSubprocess *wrk;

  g_strv_builder_addv (argv, (const char *[]) { "wrk", "-t", "1", "-c", connections, "-d", duration,
                                               "-H", header, NULL });
  if (push)
    g_strv_builder_addv (argv, (const char *[]) { "-s", bench->script, url, "--", instance, bench->device,
                                                 NULL });
  else
    g_strv_builder_add (argv, url);
  args = g_strv_builder_end (argv);
  wrk = g_subprocess_newv ((const char * const *)args, G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error);
  g_assert_no_error (error);
  return wrk;
}

/* Requests wrk answered with 2xx ("N requests in", less "Non-2xx … responses: M"). */
static guint64
wrk_requests (GSubprocess *wrk)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  const char *done, *failed;

  g_subprocess_communicate_utf8 (wrk, NULL, NULL, &out, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_successful (wrk));
  done = strstr (out, " requests in ");
  g_assert_nonnull (done);
  while (done > out && done[-1] != '\n')
    done--;
  failed = strstr (out, "Non-2xx or 3xx responses:");
  if (failed != NULL)
    g_printerr ("wrk: %s", failed);

  return g_ascii_strtoull (done, NULL, 10) -
         (failed != NULL ? g_ascii_strtoull (failed + strlen ("Non-2xx or 3xx responses:"), NULL, 10) : 0);
}

static void
run_phase (Bench      *bench,
           gboolean    push,
           double      seconds,
           const char *backend)
{
  GSubprocess *wrk[MAX_SERVERS];
  double server0 = servers_cpu_ms (bench), pg0 = postgresql_cpu_ms (), wrk0 = children_cpu_ms ();
  gint64 start = g_get_monotonic_time ();
  double elapsed, server_ms, pg_ms, per;
  guint64 done = 0;

  for (guint s = 0; s < bench->n_servers; s++)
    wrk[s] = spawn_wrk (bench, s, push, seconds);
  for (guint s = 0; s < bench->n_servers; s++)
    {
      done += wrk_requests (wrk[s]) * (push ? BATCH : 1);
      g_object_unref (wrk[s]);
    }
  elapsed = (g_get_monotonic_time () - start) / (double)G_USEC_PER_SEC;
  server_ms = servers_cpu_ms (bench) - server0;
  pg_ms = postgresql_cpu_ms () - pg0;
  per = done > 0 ? 10000.0 / done : 0;

  g_print ("%-10s %u process%s, %u connections: %8.0f %s/s; CPU per 10,000: servers %.0f ms, ",
           backend, bench->n_servers, bench->n_servers > 1 ? "es" : "", N_CONNECTIONS, done / elapsed,
           push ? "changes pushed" : "no-change pulls", server_ms * per);
  if (lotse_test_postgresql_enabled ())
    g_print ("PostgreSQL %.0f ms, ", pg_ms * per);
  g_print ("wrk %.0f ms\n", (children_cpu_ms () - wrk0) * per);
}

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

static void
measure (Bench      *bench,
         guint       n_servers,
         double      seconds,
         const char *backend)
{
  const char * const args[] = { "--rate-limit", "1000000", "--rate-burst", "1000000", NULL };

  bench->n_servers = n_servers;
  bench->servers[0] = lotse_test_server_new ();
  lotse_test_server_add_user (bench->servers[0], "anna", "editor", "anna-secret-1");
  for (guint s = 0; s < n_servers; s++)
    {
      if (s > 0)
        bench->servers[s] = lotse_test_server_new_sharing (bench->servers[0]);
      lotse_test_server_start (bench->servers[s], args, NULL);
    }
  /* One device: sign-ins from one address are limited, and a token is
   * good on every process. */
  bench->token = lotse_test_server_login (bench->servers[0], "anna", "anna-secret-1", &bench->device);
  bench->cursor = initial_cursor (bench->servers[0], bench->token);

  bench_print_load ("before");
  run_phase (bench, FALSE, seconds, backend);
  run_phase (bench, TRUE, seconds, backend);
  bench_print_load ("after");

  for (guint s = n_servers; s-- > 0;)
    {
      g_assert_cmpint (lotse_test_server_stop (bench->servers[s]), ==, 0);
      g_clear_pointer (&bench->servers[s], lotse_test_server_free);
    }
  g_clear_pointer (&bench->token, g_free);
  g_clear_pointer (&bench->device, g_free);
  g_clear_pointer (&bench->cursor, g_free);
}

int
main (int   argc,
      char *argv[])
{
  double seconds = argc > 1 ? g_ascii_strtod (argv[1], NULL) : 5;
  gboolean pg = lotse_test_postgresql_enabled ();
  g_autoptr(GError) error = NULL;
  g_autofree char *wrk = g_find_program_in_path ("wrk");
  Bench bench = { 0 };
  int fd;

  if (wrk == NULL)
    {
      g_printerr ("bench-processes: needs wrk (apt-get install wrk)\n");
      return 1;
    }
  fd = g_file_open_tmp ("bench-processes-XXXXXX.lua", &bench.script, &error);
  g_assert_no_error (error);
  close (fd);
  g_file_set_contents (bench.script, push_script, -1, &error);
  g_assert_no_error (error);

  for (guint n = 1; n <= (pg ? MAX_SERVERS : 1); n *= 2)
    measure (&bench, n, seconds, pg ? "PostgreSQL" : "SQLite");

  g_unlink (bench.script);
  g_free (bench.script);
  return 0;
}
