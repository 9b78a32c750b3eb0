/* bench-attach.c: attachments through the real client against curl
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 *   bench-attach [FILES [MIB_PER_FILE [ROUNDS]]]   (default 100 10 3: 1 GB)
 *
 * LOTSE_SERVER points to lotse-server; curl must be installed. Writes
 * FILES files of distinct content into a temporary directory (under
 * $TMPDIR, on disk; removed at the end), starts a real lotse-server on
 * loopback and attaches them on laptop A. Then, ROUNDS times, interleaved
 * (which side goes first alternates):
 *   - the client: A's sync sends every blob (issue #20's path: HEAD, PUT
 *     in parts), B's sync fetches every blob into an empty blob store
 *     (Range-able GET, hashed, synced, renamed);
 *   - curl: one process PUTs every file to /v1/blobs/<sha256> with the
 *     token over one kept-alive connection, one process GETs them.
 * Between the sides the server's blob directory, B's blobs and A's note
 * of what it sent are emptied, so that each side moves every byte.
 * Prints MB/s (10^6 bytes) per side and direction, the client's ratio to
 * curl (target >= 0.8) and the load average. The client's download ends
 * with every blob synced to disk (a blob is named only when it is whole
 * there); curl's does not, so its time until a sync() returned is
 * printed too: on a disk slower than loopback that is the fair figure.
 * Beside the wall times, the CPU time (user + sys, all threads) of each
 * side and of the server while it served that side: the machine is
 * shared, and the CPU time is what its load does not inflate.
 */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

#include "lotse-store-private.h"
#include "lotse-test-sync.h"

#include "bench-load.h"

typedef struct
{
  char            *dir;
  LotseTestServer *server;
  TestClient      *a;
  TestClient      *b;
  GPtrArray       *files;   /* paths */
  GPtrArray       *hashes;  /* sha256 of each */
  gint64           bytes;
} Bench;

/* The CPU seconds of this process (the client) or of its children that
 * were waited for (curl), and of the server, at one moment. */
typedef struct
{
  double client;
  double curl;
  double server;
} Cpu;

static double
rusage_seconds (int who)
{
  struct rusage usage;

  g_assert_cmpint (getrusage (who, &usage), ==, 0);
  return usage.ru_utime.tv_sec + usage.ru_stime.tv_sec + (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
}

/* utime and stime of /proc/PID/stat, after the command in parentheses. */
static double
process_seconds (GPid pid)
{
  g_autofree char *path = g_strdup_printf ("/proc/%d/stat", (int)pid);
  g_autofree char *stat = NULL;
  g_auto(GStrv) fields = NULL;
  const char *rest;

  g_assert_true (g_file_get_contents (path, &stat, NULL, NULL));
  rest = strrchr (stat, ')');
  g_assert_nonnull (rest);
  fields = g_strsplit (rest + 2, " ", 0);
  g_assert_cmpuint (g_strv_length (fields), >, 12);
  return (g_ascii_strtod (fields[11], NULL) + g_ascii_strtod (fields[12], NULL)) / sysconf (_SC_CLK_TCK);
}

static Cpu
cpu_now (Bench *bench)
{
  return (Cpu){ rusage_seconds (RUSAGE_SELF), rusage_seconds (RUSAGE_CHILDREN),
                process_seconds (lotse_test_server_get_pid (bench->server)) };
}

/* The CPU seconds of the side that ran since @start, and of the server. */
static void
cpu_since (Bench      *bench,
           const Cpu  *start,
           gboolean    client,
           double     *side,
           double     *server)
{
  Cpu now = cpu_now (bench);

  *side = client ? now.client - start->client : now.curl - start->curl;
  *server = now.server - start->server;
}

/* Distinct, incompressible-looking content (xorshift), as real files. */
static void
write_files (Bench *bench,
             guint  n_files,
             gsize  size)
{
  g_autofree guint64 *block = g_malloc (size);
  guint64 state = 0x9e3779b97f4a7c15ull;

  for (guint i = 0; i < n_files; i++)
    {
      g_autofree char *name = g_strdup_printf ("Anlage-%03u.bin", i + 1);
      g_autofree char *path = g_build_filename (bench->dir, "files", name, NULL);
      g_autofree char *sha = NULL;
      g_autoptr(GError) error = NULL;

      for (gsize w = 0; w < size / sizeof (guint64); w++)
        {
          state ^= state << 13;
          state ^= state >> 7;
          state ^= state << 17;
          block[w] = state;
        }
      if (!g_file_set_contents_full (path, (const char *)block, size, G_FILE_SET_CONTENTS_NONE, 0600, &error))
        g_error ("%s", error->message);
      sha = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *)block, size);
      g_ptr_array_add (bench->files, g_steal_pointer (&path));
      g_ptr_array_add (bench->hashes, g_steal_pointer (&sha));
      bench->bytes += size;
    }
}

static void
empty_dir (const char *path)
{
  lotse_test_remove_tree (path);
  g_assert_cmpint (g_mkdir_with_parents (path, 0700), ==, 0);
}

/* Every side starts with a server and a laptop B that have no blob, and a
 * laptop A that has sent none. */
static void
reset (Bench *bench)
{
  g_autofree char *server_blobs = g_build_filename (lotse_test_server_get_data_dir (bench->server), "blobs",
                                                    "default", NULL);
  g_autofree char *b_blobs = g_strconcat (bench->b->db, ".blobs", NULL);

  empty_dir (server_blobs);
  empty_dir (b_blobs);
  /* What the side before left to write back (curl does not sync) is
   * written now, not during the next side's time. */
  sync ();
  g_assert_cmpint (sqlite3_exec (lotse_store_get_db (bench->a->store), "DELETE FROM blob_upload", NULL, NULL, NULL),
                   ==, SQLITE_OK);
}

static double
client_up (Bench *bench)
{
  LotseSyncStats stats = { 0 };
  gint64 start = g_get_monotonic_time ();

  test_client_sync (bench->a, &stats);
  g_assert_cmpuint (stats.files_sent, ==, bench->files->len);
  return (g_get_monotonic_time () - start) / (double)G_USEC_PER_SEC;
}

static double
client_down (Bench *bench)
{
  LotseSyncStats stats = { 0 };
  gint64 start = g_get_monotonic_time ();

  test_client_sync (bench->b, &stats);
  g_assert_cmpuint (stats.files_received, ==, bench->files->len);
  return (g_get_monotonic_time () - start) / (double)G_USEC_PER_SEC;
}

/* Runs curl with @config (a -K file); every answer must be @status. */
static double
run_curl (Bench      *bench,
          const char *config,
          const char *status)
{
  g_autofree char *path = g_build_filename (bench->dir, "curl.conf", NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GSubprocess) curl = NULL;
  gint64 start;
  double seconds;
  guint answered = 0;

  g_assert_true (g_file_set_contents (path, config, -1, NULL));
  start = g_get_monotonic_time ();
  curl = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE, &error,
                           "curl", "-sS", "--fail", "-K", path, NULL);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (curl, NULL, NULL, &out, &err, &error);
  seconds = (g_get_monotonic_time () - start) / (double)G_USEC_PER_SEC;
  g_assert_no_error (error);
  if (!g_subprocess_get_successful (curl))
    g_error ("curl failed: %s", err);
  for (const char *p = strstr (out, status); p != NULL; p = strstr (p + 1, status))
    answered++;
  g_assert_cmpuint (answered, ==, bench->files->len);
  return seconds;
}

/* One curl for all files, as a script would: the token, no
 * "Expect: 100-continue" wait, the status of each answer on stdout. */
static GString *
curl_config (Bench *bench)
{
  GString *config = g_string_new (NULL);

  g_string_append_printf (config, "header = \"Authorization: Bearer %s\"\nheader = \"Expect:\"\n", bench->a->token);
  g_string_append (config, "write-out = \"=%{http_code}\\n\"\n");
  return config;
}

static double
curl_up (Bench *bench)
{
  g_autoptr(GString) config = curl_config (bench);

  for (guint i = 0; i < bench->files->len; i++)
    g_string_append_printf (config, "upload-file = \"%s\"\nurl = \"%s/v1/blobs/%s\"\noutput = \"/dev/null\"\n",
                            (char *)bench->files->pdata[i], lotse_test_server_get_url (bench->server),
                            (char *)bench->hashes->pdata[i]);
  return run_curl (bench, config->str, "=201");
}

/* Also sets *synced to the time until curl's files are on disk, as the
 * client's are when its sync ends (it syncs each before naming it). */
static double
curl_down (Bench  *bench,
           double *synced)
{
  g_autoptr(GString) config = curl_config (bench);
  g_autofree char *down = g_build_filename (bench->dir, "curl-down", NULL);
  gint64 start;
  double seconds;

  empty_dir (down);
  for (guint i = 0; i < bench->files->len; i++)
    g_string_append_printf (config, "url = \"%s/v1/blobs/%s\"\noutput = \"%s/%u\"\n",
                            lotse_test_server_get_url (bench->server), (char *)bench->hashes->pdata[i], down, i);
  seconds = run_curl (bench, config->str, "=200");
  start = g_get_monotonic_time ();
  sync ();
  *synced = seconds + (g_get_monotonic_time () - start) / (double)G_USEC_PER_SEC;
  lotse_test_remove_tree (down);
  return seconds;
}

static void
set_up (Bench *bench,
        guint  n_files,
        gsize  size)
{
  g_autofree char *files = NULL;
  g_autofree char *meeting = NULL;
  const char * const args[] = { "--max-blob", "1000000000", "--rate-limit", "1000000", "--rate-burst", "1000000",
                                NULL };

  bench->dir = g_dir_make_tmp ("lotse-bench-attach-XXXXXX", NULL);
  g_assert_nonnull (bench->dir);
  files = g_build_filename (bench->dir, "files", NULL);
  g_assert_cmpint (g_mkdir_with_parents (files, 0700), ==, 0);
  bench->files = g_ptr_array_new_with_free_func (g_free);
  bench->hashes = g_ptr_array_new_with_free_func (g_free);
  write_files (bench, n_files, size);

  bench->server = lotse_test_server_new ();
  lotse_test_server_add_user (bench->server, "anna", "editor", "secret-anna");
  lotse_test_server_add_user (bench->server, "ben", "editor", "secret-ben");
  lotse_test_server_start (bench->server, args, NULL);
  bench->a = test_client_new (bench->server, bench->dir, "a", "anna", "secret-anna");
  bench->b = test_client_new (bench->server, bench->dir, "b", "ben", "secret-ben");

  meeting = test_client_add (bench->a, "meeting", "title=Jour fixe", NULL);
  for (guint i = 0; i < bench->files->len; i++)
    {
      g_autoptr(GFile) file = g_file_new_for_path (bench->files->pdata[i]);
      g_autoptr(LotseRecord) row = NULL;
      g_autoptr(GError) error = NULL;

      row = lotse_attachment_add (bench->a->store, "meeting", meeting, file, NULL, &error);
      g_assert_no_error (error);
    }
}

static void
tear_down (Bench *bench)
{
  test_client_free (bench->a);
  test_client_free (bench->b);
  lotse_test_server_stop (bench->server);
  lotse_test_server_free (bench->server);
  lotse_test_remove_tree (bench->dir);
  g_free (bench->dir);
  g_ptr_array_unref (bench->files);
  g_ptr_array_unref (bench->hashes);
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *)a, y = *(const double *)b;

  return (x > y) - (x < y);
}

static double
median (GArray *values)
{
  g_array_sort (values, compare_doubles);
  return g_array_index (values, double, values->len / 2);
}

int
main (int    argc,
      char **argv)
{
  guint n_files = argc > 1 ? (guint)g_ascii_strtoull (argv[1], NULL, 10) : 100;
  gsize mib = argc > 2 ? (gsize)g_ascii_strtoull (argv[2], NULL, 10) : 10;
  guint rounds = argc > 3 ? (guint)g_ascii_strtoull (argv[3], NULL, 10) : 3;
  g_autoptr(GArray) ratios_up = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) ratios_down = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) ratios_synced = g_array_new (FALSE, FALSE, sizeof (double));
  Bench bench = { 0 };

  g_assert_cmpuint (n_files, >, 0);
  g_assert_cmpuint (mib, >, 0);
  set_up (&bench, n_files, mib * 1024 * 1024);
  g_print ("%u files of %zu MiB (%.0f MB), %u rounds, server %s\n", n_files, mib, bench.bytes / 1e6, rounds,
           lotse_test_server_get_url (bench.server));
  bench_print_load ("start");

  for (guint r = 0; r < rounds; r++)
    {
      double times[5] = { 0 };  /* client up, client down, curl up, curl down, curl down synced */
      double cpu[8] = { 0 };    /* side and server: client up, client down, curl up, curl down */
      double mb = bench.bytes / 1e6;

      for (guint side = 0; side < 2; side++)
        {
          gboolean client = (side + r) % 2 == 0;
          guint up = client ? 0 : 2, down = up + 1;
          Cpu start;

          reset (&bench);
          start = cpu_now (&bench);
          times[up] = client ? client_up (&bench) : curl_up (&bench);
          cpu_since (&bench, &start, client, &cpu[2 * up], &cpu[2 * up + 1]);
          start = cpu_now (&bench);
          times[down] = client ? client_down (&bench) : curl_down (&bench, &times[4]);
          cpu_since (&bench, &start, client, &cpu[2 * down], &cpu[2 * down + 1]);
        }
      g_print ("round %u: client up %.0f MB/s, down %.0f MB/s; curl up %.0f MB/s, down %.0f MB/s (%.0f MB/s "
               "until on disk); ratio up %.2f, down %.2f (%.2f to curl until on disk)\n", r + 1, mb / times[0],
               mb / times[1], mb / times[2], mb / times[3], mb / times[4], times[2] / times[0], times[3] / times[1],
               times[4] / times[1]);
      g_print ("  CPU s (user+sys): client up %.2f (server %.2f), down %.2f (server %.2f); curl up %.2f "
               "(server %.2f), down %.2f (server %.2f)\n", cpu[0], cpu[1], cpu[2], cpu[3], cpu[4], cpu[5], cpu[6],
               cpu[7]);
      g_array_append_val (ratios_up, (double){ times[2] / times[0] });
      g_array_append_val (ratios_down, (double){ times[3] / times[1] });
      g_array_append_val (ratios_synced, (double){ times[4] / times[1] });
      bench_print_load ("after the round");
    }
  g_print ("median ratio client/curl: up %.2f, down %.2f, down to curl until on disk %.2f (target >= 0.8)\n",
           median (ratios_up), median (ratios_down), median (ratios_synced));

  tear_down (&bench);
  return 0;
}
