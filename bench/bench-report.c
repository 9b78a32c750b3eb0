/* bench-report.c: how long the milestone overview PDF takes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 *   bench-report [RUNS]
 *
 * Generates portfolios of 1,000 to 10,000 milestones (ten per project) in
 * temporary databases and times lotse_report_new_milestones() (read and lay
 * out) and lotse_report_write_pdf() for each. The budget: 1,000 milestones
 * in 0.5 s, 10,000 in 5 s, growing linearly.
 */

#include <glib/gstdio.h>
#include <stdlib.h>
#include <time.h>

#include "lotse-core.h"
#include "lotse-generate.h"
#include "lotse-report.h"

#include "bench-load.h"

static const guint sizes[] = { 1000, 2000, 5000, 10000 };

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a;
  double y = *(const double *) b;

  return (x > y) - (x < y);
}

static double
cpu_seconds (void)
{
  struct timespec now;

  clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &now);

  return now.tv_sec + now.tv_nsec / 1e9;
}

static LotseStore *
generate (const char  *dir,
          guint        n_milestones,
          GError     **error)
{
  g_autofree char *name = g_strdup_printf ("report-%u.db", n_milestones);
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(LotseStore) store = lotse_store_open (path, error);
  LotseGenerateOptions options = { n_milestones / 10, n_milestones, 0, 0, 1 };

  if (store == NULL || !lotse_generate (store, &options, NULL, NULL, NULL, error))
    return NULL;

  return g_steal_pointer (&store);
}

static gboolean
measure (LotseStore  *store,
         const char  *dir,
         guint        n_milestones,
         guint        runs,
         GError     **error)
{
  g_autofree double *layout = g_new0 (double, runs);
  g_autofree double *total = g_new0 (double, runs);
  g_autofree double *cpu = g_new0 (double, runs);
  g_autofree char *path = g_build_filename (dir, "report.pdf", NULL);
  LotseMilestoneReportOptions options = { .today = "2026-11-30" };
  guint n_pages = 0;
  GStatBuf info = { 0, };

  for (guint i = 0; i < runs; i++)
    {
      g_autoptr(LotseReport) report = NULL;
      gint64 start = g_get_monotonic_time ();
      double cpu_start = cpu_seconds ();
      gint64 laid_out;

      report = lotse_report_new_milestones (store, &options, error);
      if (report == NULL)
        return FALSE;
      laid_out = g_get_monotonic_time ();
      if (!lotse_report_write_pdf (report, path, error))
        return FALSE;

      layout[i] = (laid_out - start) / 1e6;
      total[i] = (g_get_monotonic_time () - start) / 1e6;
      cpu[i] = cpu_seconds () - cpu_start;
      n_pages = lotse_report_get_n_pages (report);
    }

  qsort (layout, runs, sizeof layout[0], compare_doubles);
  qsort (total, runs, sizeof total[0], compare_doubles);
  qsort (cpu, runs, sizeof cpu[0], compare_doubles);
  g_stat (path, &info);
  /* CPU time too: on a busy machine the wall clock says more about the others. */
  g_print ("  %6u milestones %5u projects %5u pages %5.1f MiB  read+layout %6.3f s  "
           "total %6.3f s (CPU %6.3f s)  %5.1f us/milestone  (median of %u)\n",
           n_milestones, n_milestones / 10, n_pages, info.st_size / 1048576.0,
           layout[runs / 2], total[runs / 2], cpu[runs / 2], total[runs / 2] * 1e6 / n_milestones, runs);

  return TRUE;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  guint runs = argc > 1 ? (guint) atoi (argv[1]) : 3;

  bench_print_load ("before");

  if (argc > 2 || runs == 0)
    {
      g_printerr ("usage: %s [RUNS]\n", argv[0]);
      return 2;
    }

  dir = g_dir_make_tmp ("lotse-bench-report-XXXXXX", &error);
  if (dir == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }

  g_print ("report: milestone overview PDF (budget: 1,000 in 0.5 s, 10,000 in 5 s)\n");
  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    {
      g_autoptr(LotseStore) store = generate (dir, sizes[i], &error);

      if (store == NULL || !measure (store, dir, sizes[i], runs, &error))
        {
          g_printerr ("%s\n", error->message);
          return 1;
        }
    }

  /* The databases and the PDF go with the directory. */
  {
    g_autoptr(GDir) handle = g_dir_open (dir, 0, NULL);
    const char *name;

    while (handle != NULL && (name = g_dir_read_name (handle)) != NULL)
      {
        g_autofree char *path = g_build_filename (dir, name, NULL);

        g_unlink (path);
      }
    g_rmdir (dir);
  }

  bench_print_load ("after");
  return 0;
}
