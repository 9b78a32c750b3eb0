/* bench-sync.c: how fast sync moves records end to end
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 *   bench-sync [RECORDS]       (LOTSE_SERVER points to lotse-server)
 *
 * Starts a real lotse-server on a loopback port, generates synthetic data
 * (lotse_generate, its size in proportion to RECORDS, so that every run
 * has the same mix of tables and 10,000 against 100,000 is a scaling
 * figure) and copies it into a client as local edits, then measures
 * through the real client:
 *   - push of the first tenth of RECORDS,
 *   - the rest pushed up to RECORDS (default 100,000: 90,000 after the
 *     first 10,000; target ≥ 20,000 records/s), with the CPU per record;
 *     the changes that go up are more than the records (a status report
 *     updates its project's health too) and are printed beside them,
 *   - the initial pull of all records into an empty client (≥ 60,000/s),
 *   - a sync with nothing to do (round trip < 3 ms).
 * Prints the load average before every phase.
 */

#define _GNU_SOURCE  /* RUSAGE_THREAD */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

#include "lotse-test-sync.h"

#include "bench-copy.h"
#include "bench-load.h"

#define MIN_RECORDS  1000
#define NOOP_RUNS    51
/* The generator's sizes for 100,000 records. */
#define BASE_RECORDS 100000

static double
seconds_since (gint64 start)
{
  return (g_get_monotonic_time () - start) / (double)G_USEC_PER_SEC;
}

/* CPU seconds of this process (the client) and of the server: the
 * machine may be shared, so wall time alone says little. */
static double
client_cpu (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return usage.ru_utime.tv_sec + usage.ru_stime.tv_sec +
         (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
}

/* Of the main thread alone: it writes the pulled rows, and the sync
 * client's network thread (reading, parsing) runs beside it. */
static double
main_thread_cpu (void)
{
  struct rusage usage;

  getrusage (RUSAGE_THREAD, &usage);
  return usage.ru_utime.tv_sec + usage.ru_stime.tv_sec +
         (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
}

/* CPU seconds of process @pid, all its threads; 0 when it is gone. */
static double
process_cpu (GPid pid)
{
  g_autofree char *path = g_strdup_printf ("/proc/%d/stat", (int)pid);
  g_autofree char *contents = NULL;
  g_auto(GStrv) fields = NULL;
  const char *after_name;

  if (!g_file_get_contents (path, &contents, NULL, NULL) || (after_name = strrchr (contents, ')')) == NULL)
    return 0;

  /* utime and stime are fields 14 and 15; after "pid (comm)" they are 12 and 13. */
  fields = g_strsplit (after_name + 2, " ", 16);
  if (g_strv_length (fields) < 14)
    return 0;

  return (g_ascii_strtod (fields[11], NULL) + g_ascii_strtod (fields[12], NULL)) / sysconf (_SC_CLK_TCK);
}

static double
server_cpu (LotseTestServer *server)
{
  return process_cpu (lotse_test_server_get_pid (server));
}

/* The parent pid of @pid, or 0. */
static GPid
parent_of (const char *pid)
{
  g_autofree char *path = g_build_filename ("/proc", pid, "stat", NULL);
  g_autofree char *contents = NULL;
  const char *after_name;

  if (!g_file_get_contents (path, &contents, NULL, NULL) || (after_name = strrchr (contents, ')')) == NULL)
    return 0;

  /* "S PPID …" after the name. */
  return (GPid)g_ascii_strtoll (after_name + 4, NULL, 10);
}

/* On PostgreSQL (run under tests/lotse-test-postgresql.sh) the database
 * does much of a push's work in its own processes: CPU seconds of its
 * postmaster and every process it started that is still running (the
 * server's connections are, throughout a run). 0 on SQLite. */
static double
database_cpu (void)
{
  const char *cluster = g_getenv ("LOTSE_TEST_POSTGRESQL");
  g_autofree char *pid_path = NULL;
  g_autofree char *pid_file = NULL;
  g_autoptr(GDir) proc = NULL;
  const char *name;
  GPid postmaster;
  double total;

  if (cluster == NULL)
    return 0;

  pid_path = g_build_filename (cluster, "data", "postmaster.pid", NULL);
  if (!g_file_get_contents (pid_path, &pid_file, NULL, NULL))
    return 0;
  postmaster = (GPid)g_ascii_strtoll (pid_file, NULL, 10);
  total = process_cpu (postmaster);

  proc = g_dir_open ("/proc", 0, NULL);
  while (proc != NULL && (name = g_dir_read_name (proc)) != NULL)
    if (g_ascii_isdigit (name[0]) && parent_of (name) == postmaster)
      total += process_cpu ((GPid)g_ascii_strtoll (name, NULL, 10));

  return total;
}

typedef struct
{
  double wall;
  double client;
  double main_thread;
  double server;
  double database;
} Timing;

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *)a;
  double y = *(const double *)b;

  return (x > y) - (x < y);
}

/* What the records are: the rate depends on their size. */
static void
print_mix (LotseStore *store)
{
  const LotseTable * const *tables;
  guint n_tables;
  g_autoptr(GString) line = g_string_new ("records by table:");

  tables = lotse_schema_get_tables (&n_tables);
  for (guint i = 0; i < n_tables; i++)
    {
      gint64 count = lotse_store_count (store, tables[i]->name, NULL, 0, NULL);

      if (count > 0)
        g_string_append_printf (line, " %s %" G_GINT64_FORMAT, tables[i]->name, count);
    }
  g_print ("%s; database %.1f MB\n", line->str,
           lotse_test_query_int (lotse_store_get_path (store),
                                 "SELECT page_count * page_size FROM pragma_page_count, pragma_page_size")
             / 1e6);
}

/* BENCH_SYNC_PAUSE=SECONDS waits before each phase, so that a profiler
 * (perf record -p) can attach after the phase was announced. */
static void
pause_for_profiler (void)
{
  const char *pause = g_getenv ("BENCH_SYNC_PAUSE");

  if (pause != NULL)
    g_usleep ((gulong)(g_ascii_strtod (pause, NULL) * G_USEC_PER_SEC));
}

static Timing
timed_sync (LotseTestServer *server,
            TestClient      *client,
            LotseSyncStats  *stats)
{
  gint64 start;
  double client_start;
  double main_start;
  double server_start;
  double database_start;
  Timing timing;

  pause_for_profiler ();
  start = g_get_monotonic_time ();
  client_start = client_cpu ();
  main_start = main_thread_cpu ();
  server_start = server_cpu (server);
  database_start = database_cpu ();

  test_client_sync (client, stats);
  timing.wall = seconds_since (start);
  timing.client = client_cpu () - client_start;
  timing.main_thread = main_thread_cpu () - main_start;
  timing.server = server_cpu (server) - server_start;
  timing.database = database_cpu () - database_start;

  return timing;
}

static void
print_rate (const char *what,
            guint       count,
            Timing      timing,
            const char *target)
{
  g_autofree char *database = NULL;

  if (g_getenv ("LOTSE_TEST_POSTGRESQL") != NULL)
    database = g_strdup_printf (", PostgreSQL %.3f s", timing.database);
  g_print ("%-28s %7u  %7.3f s wall  %9.0f/s   (CPU: client %.3f s, its main thread %.3f s, server %.3f s%s)  %s\n",
           what, count, timing.wall, count / timing.wall, timing.client, timing.main_thread, timing.server,
           database != NULL ? database : "", target);
}

/* A push phase: the rate is of the records copied (what the issue's
 * target counts), the CPU per record beside it, and the changes that went
 * up for them, which are more: a status report also changes the health of
 * its project, another row of the outbox. */
static void
print_push (const char *what,
            guint       records,
            guint       changes,
            Timing      timing,
            const char *target)
{
  g_autofree char *database = NULL;

  if (g_getenv ("LOTSE_TEST_POSTGRESQL") != NULL)
    database = g_strdup_printf (", PostgreSQL %.1f µs", timing.database * 1e6 / records);
  print_rate (what, records, timing, target);
  g_print ("%-28s %7u changes (%.0f/s); CPU per record: client %.1f µs, server %.1f µs%s\n",
           "", changes, changes / timing.wall, timing.client * 1e6 / records, timing.server * 1e6 / records,
           database != NULL ? database : "");
}

/* The changes beyond one per row, by table: updates the store derived
 * from the copied rows. */
static void
print_outbox (TestClient *client)
{
  g_autofree char *mix = lotse_test_query_text (lotse_store_get_path (client->store),
                                                "SELECT group_concat (t || ' ' || n, ', ') FROM"
                                                " (SELECT table_name AS t, count(*) - count(DISTINCT row_id) AS n"
                                                "  FROM outbox GROUP BY table_name HAVING n > 0)");

  g_print ("changes beyond one per row (derived updates): %s\n",
           mix != NULL ? mix : "none");
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *dir = NULL;
  g_autofree char *generated_path = NULL;
  g_autoptr(LotseStore) generated = NULL;
  g_autoptr(LotseTestServer) server = NULL;
  g_autoptr(TestClient) writer = NULL;
  g_autoptr(TestClient) reader = NULL;
  g_autoptr(GError) error = NULL;
  const char * const server_args[] = { "--rate-limit", "1000000", "--rate-burst", "1000000", NULL };
  LotseGenerateOptions options = { 4000, 60000, 1000, 10000, 1 };
  guint first;
  LotseSyncStats stats = { 0, };
  guint64 records = 100000;
  guint table_index = 0;
  guint offset = 0;
  guint copied;
  /* The outbox holds more changes than rows were copied (406 more at
   * 10,000 records, 3,942 at 100,000): what goes up is counted there, and
   * all of it must be acknowledged. */
  guint changes;
  guint total;
  Timing timing;
  double noop[NOOP_RUNS];

  if (argc > 1 && !g_ascii_string_to_unsigned (argv[1], 10, MIN_RECORDS, 10000000, &records, NULL))
    {
      g_printerr ("usage: bench-sync [RECORDS ≥ %d]\n", MIN_RECORDS);
      return 2;
    }

  /* The same mix at every size. */
  options.projects = MAX (1, options.projects * records / BASE_RECORDS);
  options.milestones = options.milestones * records / BASE_RECORDS;
  options.meetings = MAX (1, options.meetings * records / BASE_RECORDS);
  options.articles = options.articles * records / BASE_RECORDS;
  first = (guint)records / 10;

  dir = lotse_test_make_tmpdir ();
  g_setenv ("LOTSE_CREDENTIALS", "file", TRUE);

  generated_path = g_build_filename (dir, "generated.db", NULL);
  generated = lotse_store_open (generated_path, &error);
  g_assert_no_error (error);
  lotse_store_set_bulk_mode (generated, TRUE);
  g_printerr ("generating…\n");
  if (!lotse_generate (generated, &options, NULL, NULL, NULL, &error))
    g_error ("%s", error->message);

  server = lotse_test_server_new ();
  lotse_test_server_add_user (server, "bench", "editor", "bench-password");
  lotse_test_server_start (server, server_args, NULL);
  writer = test_client_new (server, dir, "writer", "bench", "bench-password");
  reader = test_client_new (server, dir, "reader", "bench", "bench-password");

  g_print ("server %s, records %" G_GUINT64_FORMAT "\n", lotse_test_server_get_url (server), records);

  copied = bench_copy_rows (generated, writer->store, &table_index, &offset, first);
  changes = (guint)test_client_count (writer, "SELECT count(*) FROM outbox");
  print_outbox (writer);
  g_printerr ("pushing %u records…\n", copied);
  bench_print_load ("before the push");
  timing = timed_sync (server, writer, &stats);
  g_assert_cmpint (test_client_count (writer, "SELECT count(*) FROM outbox"), ==, 0);
  g_assert_cmpuint (stats.conflicts + stats.rejected, ==, 0);
  print_push ("push first records", copied, changes, timing, "");
  total = copied;

  g_printerr ("copying %u more records into the writer…\n", (guint)records - total);
  copied = bench_copy_rows (generated, writer->store, &table_index, &offset, (guint)records - total);
  changes = (guint)test_client_count (writer, "SELECT count(*) FROM outbox");
  if (copied > 0)
    {
      print_outbox (writer);
      bench_print_load ("before the push");
      timing = timed_sync (server, writer, &stats);
      g_assert_cmpint (test_client_count (writer, "SELECT count(*) FROM outbox"), ==, 0);
      g_assert_cmpuint (stats.conflicts + stats.rejected, ==, 0);
      print_push ("push more records", copied, changes, timing, "(target ≥ 20,000/s)");
      total += copied;
    }

  print_mix (writer->store);

  g_printerr ("pulling…\n");
  bench_print_load ("before the pull");
  timing = timed_sync (server, reader, &stats);
  g_assert_cmpuint (stats.pulled, ==, total);
  print_rate ("initial pull, records", total, timing, "(target ≥ 60,000/s)");

  for (guint i = 0; i < NOOP_RUNS; i++)
    {
      noop[i] = timed_sync (server, reader, &stats).wall * 1000.0;
      g_assert_cmpuint (stats.pulled + stats.pushed, ==, 0);
    }
  qsort (noop, NOOP_RUNS, sizeof noop[0], compare_doubles);
  bench_print_load ("after");
  g_print ("sync with nothing to do:      median %.2f ms, min %.2f ms, max %.2f ms over %d runs "
           "(target < 3 ms)\n",
           noop[NOOP_RUNS / 2], noop[0], noop[NOOP_RUNS - 1], NOOP_RUNS);

  g_clear_pointer (&writer, test_client_free);
  g_clear_pointer (&reader, test_client_free);
  lotse_test_server_stop (server);
  g_clear_pointer (&server, lotse_test_server_free);
  g_clear_object (&generated);
  lotse_test_remove_tree (dir);

  return 0;
}
