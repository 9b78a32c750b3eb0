/* bench-finance.c: the finance page, the programme overview, the statement
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 *   bench-finance [RUNS] [page] [statement] [programme]
 *
 * Without a part named, all three run; `programme` alone spares the
 * minutes its database takes to generate when only the page is looked at
 * (or the other way round).
 *
 * Generates two databases in a temporary directory under /tmp and removes
 * them at the end: one project with 10,000 expenditures, and 10,000
 * projects with 1,000,000 expenditures (lotse_generate(), as
 * `lotse-cli generate --expenditures`). Times, RUNS times each, and
 * prints the median of:
 *
 * - the finance page of the first project opened in a window until its
 *   rows, warnings and burn chart are filled and the next frame is
 *   painted (target 100 ms), and the CPU time until it is filled (the
 *   read on the store's reader and the rows built; the rest is layout
 *   and drawing);
 * - lotse_finance_query_programme() over all 10,000 projects, and the
 *   finance overview PDF of them (read, laid out and written), each
 *   against 500 ms;
 * - the statement PDF of the first project's 10,000 vouchers (target 2 s).
 *
 * Run under Xvfb with GSETTINGS_SCHEMA_DIR set to the build's data/.
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <stdlib.h>
#include <time.h>

#include "lotse-core.h"
#include "lotse-finance-page.h"
#include "lotse-generate.h"
#include "lotse-report.h"

#include "bench-load.h"

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

static double
median (GArray *values)
{
  g_array_sort (values, compare_doubles);
  return g_array_index (values, double, values->len / 2);
}

static double
ms_since (gint64 start)
{
  return (g_get_monotonic_time () - start) / 1000.0;
}

/* The CPU time of the process (all threads, the store's reader too), in
 * ms: on a shared machine the wall time counts the other work as well. */
static double
cpu_ms (void)
{
  struct timespec now;

  clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &now);
  return now.tv_sec * 1e3 + now.tv_nsec / 1e6;
}

static LotseStore *
generate (const char *dir,
          const char *name,
          guint       projects,
          guint       expenditures)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(LotseStore) store = lotse_store_open (path, &error);
  LotseGenerateOptions options = { projects, 0, 0, 0, 1, expenditures };
  gint64 start = g_get_monotonic_time ();

  g_assert_no_error (error);
  lotse_generate (store, &options, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_print ("generated %u projects, %u expenditures in %.1f s\n", projects, expenditures,
           ms_since (start) / 1000.0);

  return g_steal_pointer (&store);
}

static char *
first_project (LotseStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) projects = lotse_store_list (store, LOTSE_TABLE_PROJECT, NULL, 0, NULL, 1, 0, &error);

  g_assert_no_error (error);
  return g_strdup (lotse_record_get_id (g_ptr_array_index (projects, 0)));
}

/* The finance page */

static gboolean painted;

static void
on_after_paint (GdkFrameClock *clock,
                gpointer       user_data)
{
  painted = TRUE;
}

static gboolean
page_filled (LotseFinancePage *page)
{
  return lotse_panel_get_loaded (LOTSE_PANEL (page)) && !lotse_finance_page_is_busy (page);
}

static double
time_page (GtkWindow  *window,
           LotseStore *store,
           const char *project_id,
           double     *cpu,
           double     *cpu_filled)
{
  GtkWidget *scrolled = gtk_window_get_child (window);
  LotseFinancePage *page = g_object_new (LOTSE_TYPE_FINANCE_PAGE, NULL);
  gint64 start = g_get_monotonic_time ();
  double cpu_start = cpu_ms ();

  lotse_panel_set_store (LOTSE_PANEL (page), store);
  lotse_finance_page_set_project_id (page, project_id);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), GTK_WIDGET (page));
  while (!page_filled (page))
    g_main_context_iteration (NULL, TRUE);
  *cpu_filled = cpu_ms () - cpu_start;
  painted = FALSE;
  gtk_widget_queue_draw (GTK_WIDGET (window));
  while (!painted)
    g_main_context_iteration (NULL, TRUE);
  *cpu = cpu_ms () - cpu_start;

  return ms_since (start);
}

static void
bench_page (LotseStore *store,
            const char *project_id,
            int         runs)
{
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) cpu_times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) filled_times = g_array_new (FALSE, FALSE, sizeof (double));
  GtkWidget *window = gtk_window_new ();
  GtkWidget *scrolled = gtk_scrolled_window_new ();

  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 900);
  gtk_window_set_child (GTK_WINDOW (window), scrolled);
  gtk_window_present (GTK_WINDOW (window));
  g_signal_connect (gtk_widget_get_frame_clock (window), "after-paint", G_CALLBACK (on_after_paint), NULL);

  for (int i = 0; i < runs; i++)
    {
      double cpu, filled;
      double ms = time_page (GTK_WINDOW (window), store, project_id, &cpu, &filled);

      g_array_append_val (times, ms);
      g_array_append_val (cpu_times, cpu);
      g_array_append_val (filled_times, filled);
    }
  g_print ("finance page, 10,000 expenditures, until filled and painted: median %.1f ms wall, %.1f ms CPU"
           " (target 100)\n", median (times), median (cpu_times));
  g_print ("  of which read and rows built: median %.1f ms CPU\n", median (filled_times));
  gtk_window_destroy (GTK_WINDOW (window));
}

/* The programme overview and the statement */

static void
bench_overview (LotseStore *store,
                const char *dir,
                int         runs)
{
  g_autoptr(GArray) query = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) pdf = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) query_cpu = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) pdf_cpu = g_array_new (FALSE, FALSE, sizeof (double));
  g_autofree char *path = g_build_filename (dir, "overview.pdf", NULL);
  LotseFinanceReportOptions options = { NULL, NULL, NULL, "bench" };

  for (int i = 0; i < runs; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) totals = NULL;
      g_autoptr(LotseReport) report = NULL;
      gint64 start = g_get_monotonic_time ();
      double cpu = cpu_ms ();
      double ms;

      totals = lotse_finance_query_programme (store, NULL, NULL, &error);
      g_assert_no_error (error);
      ms = ms_since (start);
      g_array_append_val (query, ms);
      cpu = cpu_ms () - cpu;
      g_array_append_val (query_cpu, cpu);

      start = g_get_monotonic_time ();
      cpu = cpu_ms ();
      report = lotse_report_new_finance_overview (store, &options, &error);
      g_assert_no_error (error);
      lotse_report_write_pdf (report, path, &error);
      g_assert_no_error (error);
      ms = ms_since (start);
      g_array_append_val (pdf, ms);
      cpu = cpu_ms () - cpu;
      g_array_append_val (pdf_cpu, cpu);
      if (i == 0)
        g_print ("overview: %u projects, %u pages\n", totals->len, lotse_report_get_n_pages (report));
    }
  g_print ("programme overview query, 10,000 projects, 1,000,000 expenditures: median %.1f ms wall, %.1f ms CPU"
           " (target 500)\n", median (query), median (query_cpu));
  g_print ("programme overview PDF (query, layout, write): median %.1f ms wall, %.1f ms CPU (target 500)\n",
           median (pdf), median (pdf_cpu));
  g_unlink (path);
}

/* The statement in its two halves as well: read and laid out, then
 * drawn and written, so that the time the file takes shows apart. */
static void
bench_statement (LotseStore *store,
                 const char *project_id,
                 const char *dir,
                 int         runs)
{
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) cpu_times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) write_times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) write_cpu_times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autofree char *path = g_build_filename (dir, "statement.pdf", NULL);
  LotseStatementReportOptions options = { project_id, NULL, NULL, NULL, "bench" };

  for (int i = 0; i < runs; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(LotseReport) report = NULL;
      gint64 start = g_get_monotonic_time ();
      gint64 write_start;
      double cpu = cpu_ms ();
      double write_cpu;
      double ms;

      report = lotse_report_new_statement (store, &options, &error);
      g_assert_no_error (error);
      write_start = g_get_monotonic_time ();
      write_cpu = cpu_ms ();
      lotse_report_write_pdf (report, path, &error);
      g_assert_no_error (error);
      ms = ms_since (start);
      g_array_append_val (times, ms);
      ms = ms_since (write_start);
      g_array_append_val (write_times, ms);
      write_cpu = cpu_ms () - write_cpu;
      g_array_append_val (write_cpu_times, write_cpu);
      cpu = cpu_ms () - cpu;
      g_array_append_val (cpu_times, cpu);
      if (i == 0)
        g_print ("statement: %u pages\n", lotse_report_get_n_pages (report));
    }
  g_print ("statement PDF, 10,000 vouchers (read, layout, write): median %.1f ms wall, %.1f ms CPU"
           " (target 2000)\n", median (times), median (cpu_times));
  g_print ("  of which drawing and writing the file: median %.1f ms wall, %.1f ms CPU\n",
           median (write_times), median (write_cpu_times));
  g_unlink (path);
}

static void
remove_database (LotseStore **store)
{
  g_autofree char *path = g_strdup (lotse_store_get_path (*store));
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);

  g_clear_object (store);
  g_unlink (path);
  g_unlink (wal);
  g_unlink (shm);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("bench-finance-XXXXXX", &error);
  g_autoptr(LotseStore) page_store = NULL;
  g_autoptr(LotseStore) programme_store = NULL;
  g_autofree char *project = NULL;
  int runs = argc > 1 ? atoi (argv[1]) : 5;
  gboolean all = argc <= 2;
  gboolean page = all, statement = all, programme = all;

  g_assert_no_error (error);
  for (int i = 2; i < argc; i++)
    {
      page |= g_str_equal (argv[i], "page");
      statement |= g_str_equal (argv[i], "statement");
      programme |= g_str_equal (argv[i], "programme");
    }
  if (runs < 1)
    g_error ("RUNS must be a number of 1 or more, not “%s”", argv[1]);
  gtk_init ();
  adw_init ();
  bench_print_load ("before");

  if (page || statement)
    {
      page_store = generate (dir, "page.db", 1, 10000);
      project = first_project (page_store);
      if (page)
        bench_page (page_store, project, runs);
      if (statement)
        bench_statement (page_store, project, dir, runs);
      remove_database (&page_store);
    }

  if (programme)
    {
      programme_store = generate (dir, "programme.db", 10000, 1000000);
      bench_overview (programme_store, dir, runs);
      remove_database (&programme_store);
    }
  g_rmdir (dir);

  bench_print_load ("after");
  return 0;
}
