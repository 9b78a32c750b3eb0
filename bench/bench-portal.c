/* bench-portal.c: lotse-server's web portal on a large office
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 *   bench-portal [PROJECTS]     (LOTSE_SERVER points to lotse-server)
 *
 * Generates an office (PROJECTS projects, default 10,000 as the benchmark
 * office, five milestones each, 2,000 meetings), pushes it through a real
 * client to a real lotse-server --portal on loopback, signs in as a
 * browser does and measures, as a browser sees it (loopback included):
 *   - the first portal page: the read model copied from the storage on
 *     a worker thread, the "being prepared" answers until it is done;
 *   - the portfolio page and a project page, median of 51 (target ≤ 20 ms);
 *   - portfolio pages per second at 32 connections (wrk, when installed;
 *     target ≥ 2,000/s);
 *   - the calendar feed of all 2,000 meetings, median of 11 (≤ 50 ms),
 *     and made again after one meeting, then one agenda item changed;
 *   - beside the times, the CPU the server process used per page, which
 *     a loaded machine does not inflate as it does the times.
 * Prints the load average with the figures.
 */

#include "config.h"

#include <libsoup/soup.h>
#include <string.h>
#include <unistd.h>

#include "lotse-generate.h"
#include "lotse-test-sync.h"

#include "bench-copy.h"
#include "bench-load.h"

#define RUNS      51
#define FEED_RUNS 11

typedef struct
{
  SoupSession     *session;
  const char      *base;
  char            *cookie;   /* "lotse_session=…" */
  LotseTestServer *server;
} Browser;

/* The CPU the server process has used (user and system), in ms: on a
 * loaded machine, what a page costs the server apart from waiting for a
 * core. /proc counts in clock ticks, so it is read around a batch. */
static double
server_cpu_ms (LotseTestServer *server)
{
  g_autofree char *path = g_strdup_printf ("/proc/%d/stat", (int)lotse_test_server_get_pid (server));
  g_autofree char *stat = NULL;
  g_auto(GStrv) fields = NULL;
  const char *after_name;

  g_assert_true (g_file_get_contents (path, &stat, NULL, NULL));
  /* After "(comm)": state is field 3, utime 14 and stime 15. */
  after_name = strrchr (stat, ')');
  g_assert_nonnull (after_name);
  fields = g_strsplit (after_name + 2, " ", 0);
  g_assert_cmpuint (g_strv_length (fields), >, 13);
  return (g_ascii_strtoull (fields[11], NULL, 10) + g_ascii_strtoull (fields[12], NULL, 10)) * 1000.0 /
         sysconf (_SC_CLK_TCK);
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *)a;
  double y = *(const double *)b;

  return (x > y) - (x < y);
}

/* GET or POST @path; the body, and the response headers in @headers. */
static GBytes *
request (Browser             *browser,
         const char          *method,
         const char          *path,
         const char          *cookie,
         const char          *form,
         SoupMessageHeaders **headers,
         guint               *status)
{
  g_autofree char *url = g_strconcat (browser->base, path, NULL);
  g_autoptr(SoupMessage) msg = soup_message_new (method, url);
  g_autoptr(GError) error = NULL;
  GBytes *body;

  soup_message_add_flags (msg, SOUP_MESSAGE_NO_REDIRECT);
  if (cookie != NULL)
    soup_message_headers_replace (soup_message_get_request_headers (msg), "Cookie", cookie);
  if (form != NULL)
    {
      g_autoptr(GBytes) bytes = g_bytes_new (form, strlen (form));

      soup_message_set_request_body_from_bytes (msg, "application/x-www-form-urlencoded", bytes);
    }
  body = soup_session_send_and_read (browser->session, msg, NULL, &error);
  g_assert_no_error (error);
  if (headers != NULL)
    *headers = soup_message_headers_ref (soup_message_get_response_headers (msg));
  if (status != NULL)
    *status = soup_message_get_status (msg);
  return body;
}

/* "NAME=VALUE" of the cookie @name the answer set. */
static char *
cookie_of (SoupMessageHeaders *headers,
           const char         *name)
{
  const char *list = soup_message_headers_get_list (headers, "Set-Cookie");
  g_autofree char *prefix = g_strconcat (name, "=", NULL);
  const char *start = list != NULL ? strstr (list, prefix) : NULL;

  g_assert_nonnull (start);
  return g_strndup (start, strcspn (start, ";,"));
}

static void
sign_in (Browser *browser)
{
  g_autoptr(SoupMessageHeaders) headers = NULL;
  g_autoptr(SoupMessageHeaders) answer = NULL;
  g_autoptr(GBytes) page = request (browser, "GET", "/portal/login", NULL, NULL, &headers, NULL);
  g_autoptr(GBytes) done = NULL;
  g_autofree char *html = g_strndup (g_bytes_get_data (page, NULL), g_bytes_get_size (page));
  g_autofree char *login = cookie_of (headers, "lotse_login");
  g_autofree char *form = NULL;
  const char *csrf = strstr (html, "name=\"csrf\" value=\"");
  guint status = 0;

  g_assert_nonnull (csrf);
  csrf += strlen ("name=\"csrf\" value=\"");
  form = g_strdup_printf ("csrf=%.64s&user=bench&password=bench-password", csrf);
  done = request (browser, "POST", "/portal/login", login, form, &answer, &status);
  g_assert_cmpuint (status, ==, 303);
  browser->cookie = cookie_of (answer, "lotse_session");
}

static double
timed_get (Browser    *browser,
           const char *path,
           const char *cookie)
{
  gint64 start = g_get_monotonic_time ();
  guint status = 0;
  g_autoptr(GBytes) body = request (browser, "GET", path, cookie, NULL, NULL, &status);

  g_assert_cmpuint (status, ==, 200);
  return (g_get_monotonic_time () - start) / 1000.0;
}

/* The first page: asked again while the portal is being prepared (each
 * such answer comes after the server waited a moment for the copy). */
static void
print_first (Browser *browser)
{
  gint64 start = g_get_monotonic_time ();
  guint preparing = 0;
  guint status = 0;

  for (;;)
    {
      g_autoptr(GBytes) body = request (browser, "GET", "/portal/", browser->cookie, NULL, NULL, &status);

      if (status != 503)
        break;
      preparing++;
    }
  g_assert_cmpuint (status, ==, 200);
  g_print ("  first portfolio page (read model copied): %.0f ms, %u answers “being prepared” before\n",
           (g_get_monotonic_time () - start) / 1000.0, preparing);
}

/* Each path once: a page nobody asked for since the data changed. */
static void
print_pages (Browser    *browser,
             const char *what,
             const char *prefix,
             GPtrArray  *args)
{
  double times[RUNS];
  guint n = MIN (args->len, RUNS);
  double cpu = server_cpu_ms (browser->server);

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *path = g_strconcat (prefix, g_ptr_array_index (args, i), NULL);

      times[i] = timed_get (browser, path, browser->cookie);
    }
  cpu = server_cpu_ms (browser->server) - cpu;
  qsort (times, n, sizeof times[0], compare_doubles);
  g_print ("  %s: median %.1f ms, p90 %.1f ms, server CPU %.1f ms a page (mean) (%u pages; target ≤ 20 ms)\n",
           what, times[n / 2], times[n * 9 / 10], cpu / n, n);
}

static void
print_median (Browser    *browser,
              const char *what,
              const char *path,
              const char *cookie,
              guint       runs,
              const char *target)
{
  double times[RUNS];

  for (guint i = 0; i < runs; i++)
    times[i] = timed_get (browser, path, cookie);
  qsort (times, runs, sizeof times[0], compare_doubles);
  g_print ("  %s: median %.1f ms, p90 %.1f ms (%u runs; %s)\n", what, times[runs / 2],
           times[runs * 9 / 10], runs, target);
}

/* Portfolio pages per second at 32 connections, with the session cookie. */
static void
run_wrk (Browser *browser)
{
  g_autofree char *wrk = g_find_program_in_path ("wrk");
  g_autofree char *header = g_strconcat ("Cookie: ", browser->cookie, NULL);
  g_autofree char *url = g_strconcat (browser->base, "/portal/", NULL);
  g_autofree char *out = NULL;
  g_autoptr(GError) error = NULL;
  const char *rate;
  int status = 0;

  if (wrk == NULL)
    {
      g_print ("  portfolio pages, 32 connections: skipped (wrk is not installed)\n");
      return;
    }

  {
    const char *argv[] = { wrk, "-t", "2", "-c", "32", "-d", "5s", "-H", header, url, NULL };

    if (!g_spawn_sync (NULL, (char **)argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, NULL, &status, &error))
      g_error ("%s", error->message);
  }
  rate = strstr (out, "Requests/sec:");
  if (rate == NULL || strstr (out, "Non-2xx") != NULL)
    g_error ("wrk failed:\n%s", out);
  g_print ("  portfolio pages, 32 connections (wrk, 5 s): %.*s (target ≥ 2,000/s)\n",
           (int)strcspn (rate, "\n"), rate);
}

/* Generates the office and pushes it through a real client; returns the
 * ids of some projects. */
static GPtrArray *
fill_server (LotseTestServer  *server,
             const char       *dir,
             guint             projects,
             TestClient      **out_client)
{
  g_autofree char *path = g_build_filename (dir, "generated.db", NULL);
  g_autoptr(LotseStore) generated = NULL;
  g_autoptr(TestClient) client = NULL;
  g_autoptr(GPtrArray) some = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *ids;
  LotseGenerateOptions options = { projects, projects * 5, 2000, 1000, 1 };
  guint table_index = 0;
  guint offset = 0;
  gint64 start = g_get_monotonic_time ();

  g_setenv ("LOTSE_CREDENTIALS", "file", TRUE);
  generated = lotse_store_open (path, &error);
  g_assert_no_error (error);
  lotse_store_set_bulk_mode (generated, TRUE);
  g_printerr ("generating and pushing %u projects…\n", projects);
  if (!lotse_generate (generated, &options, NULL, NULL, NULL, &error))
    g_error ("%s", error->message);

  client = test_client_new (server, dir, "office", "bench", "bench-password");
  bench_copy_rows (generated, client->store, &table_index, &offset, G_MAXUINT);
  test_client_sync (client, NULL);
  g_printerr ("done in %.1f s\n", (g_get_monotonic_time () - start) / (double)G_USEC_PER_SEC);

  some = lotse_store_list (client->store, "project", NULL, 0, NULL, RUNS, 0, &error);
  g_assert_no_error (error);
  ids = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < some->len; i++)
    g_ptr_array_add (ids, g_strdup (lotse_record_get_id (g_ptr_array_index (some, i))));
  *out_client = g_steal_pointer (&client);
  return ids;
}

/* The feed again after the first record of @table changed, as a calendar
 * polls it: a meeting (the lines of all agendas are taken over) or an
 * agenda item (they are read again). */
static void
print_feed_after_change (Browser    *browser,
                         TestClient *client,
                         const char *feed,
                         const char *table,
                         const char *what)
{
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GError) error = NULL;
  LotseRecord *record;
  double cpu;
  double made;

  records = lotse_store_list (client->store, table, NULL, 0, NULL, 1, 0, &error);
  g_assert_no_error (error);
  record = g_ptr_array_index (records, 0);
  lotse_record_set (record, "title", "Moved (bench)");
  g_assert_true (lotse_store_update (client->store, record, &error));
  test_client_sync (client, NULL);
  /* The portal catches up with the change on the first request. */
  timed_get (browser, "/portal/registers", browser->cookie);

  cpu = server_cpu_ms (browser->server);
  made = timed_get (browser, feed, NULL);
  cpu = server_cpu_ms (browser->server) - cpu;
  g_print ("  feed of 2,000 meetings after %s changed, made: %.1f ms, server CPU %.0f ms (target ≤ 50 ms)\n",
           what, made, cpu);
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *dir = lotse_test_make_tmpdir ();
  g_autoptr(LotseTestServer) server = lotse_test_server_new ();
  const char * const args[] = { "--portal", "--rate-limit", "1000000", "--rate-burst", "1000000", NULL };
  g_autofree char *feed_out = NULL;
  g_autofree char *feed = NULL;
  g_autoptr(GPtrArray) project_ids = NULL;
  g_autoptr(GPtrArray) pages = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(TestClient) client = NULL;
  Browser browser = { NULL };
  guint64 projects = 10000;

  if (argc > 1 && !g_ascii_string_to_unsigned (argv[1], 10, 10, 1000000, &projects, NULL))
    {
      g_printerr ("usage: bench-portal [PROJECTS]\n");
      return 2;
    }

  lotse_test_server_add_user (server, "bench", "editor", "bench-password");
  lotse_test_server_start (server, args, NULL);
  project_ids = fill_server (server, dir, (guint)projects, &client);
  for (guint i = 1; i <= MIN (RUNS, (projects + 49) / 50); i++)
    g_ptr_array_add (pages, g_strdup_printf ("%u", i));
  g_assert_cmpint (lotse_test_server_admin (server, NULL, &feed_out, NULL, "feed-token", "create", "bench",
                                            NULL), ==, 0);
  feed = g_strstrip (g_strdup (strstr (feed_out, "/calendar/")));

  browser.session = soup_session_new ();
  browser.base = lotse_test_server_get_url (server);
  browser.server = server;
  sign_in (&browser);

  bench_wait_for_load ();
  bench_print_load ("before");
  g_print ("portal of %" G_GUINT64_FORMAT " projects, %s\n", projects, browser.base);
  print_first (&browser);
  print_pages (&browser, "portfolio pages, each made anew", "/portal/?page=", pages);
  print_pages (&browser, "project pages, each made anew", "/portal/project/", project_ids);
  print_median (&browser, "portfolio page again (kept until the data changes)", "/portal/",
                browser.cookie, RUNS, "target ≤ 20 ms");
  g_print ("  feed of 2,000 meetings, made: %.1f ms (target ≤ 50 ms)\n", timed_get (&browser, feed, NULL));
  print_median (&browser, "feed of 2,000 meetings, again", feed, NULL, FEED_RUNS, "target ≤ 50 ms");
  print_feed_after_change (&browser, client, feed, "meeting", "one meeting");
  print_feed_after_change (&browser, client, feed, "agenda_item", "one agenda item");
  run_wrk (&browser);
  bench_print_load ("after");

  g_free (browser.cookie);
  g_object_unref (browser.session);
  return 0;
}
