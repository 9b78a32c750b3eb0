/* bench-monitor.c: how long the milestone monitor's query takes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 *   bench-monitor DATABASE [TODAY]
 *
 * TODAY defaults to the generator's fixed day (LOTSE_GENERATE_TODAY), on
 * which the generated milestones are overdue or due, so that a run on
 * another day measures the same rows.
 * Runs the monitor 100 times for a horizon of 14 and of 90 days and prints
 * the median and 95th percentile. The budget is 20 ms for what the panel
 * asks for: the first page (lotse_monitor_query_page(), 200 entries) with
 * the counts of the whole result. The full list (lotse_monitor_query(),
 * what lotse-cli monitor prints) and a deep page are printed for comparison.
 * Besides the wall time, the median CPU time of the process: on a machine
 * shared with other work the wall time grows with the load average.
 */

#include <stdlib.h>
#include <time.h>

#include "lotse-core.h"
#include "lotse-generate.h"

#include "bench-load.h"

#define RUNS 100
#define PAGE 200
#define CURRENT LOTSE_MONITOR_SCOPE_CURRENT

typedef enum
{
  FIRST_PAGE,
  PANEL_LOAD,
  DEEP_PAGE,
  PAGE_AFTER,
  EVERYTHING,
  HISTORY,
} Kind;

/* "panel load" is what the monitor panel's worker does: open a connection
 * of its own, then read the first page with the counts. "page at 10000"
 * counts rows with OFFSET; "after 10000" reads on from the 10,000th entry,
 * as the panel's "Show More" does. */
static const char * const kind_names[] = {
  "first page", "panel load", "page at 10000", "after 10000", "everything",
  "with history",
};

/* CPU time of the process in ms: on a machine shared with other work the
 * wall time grows with the load, the CPU time tells what the query costs. */
static double
cpu_ms (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &ts);
  return ts.tv_sec * 1000.0 + ts.tv_nsec / 1e6;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a;
  double y = *(const double *) b;

  return (x > y) - (x < y);
}

/* The budgets: 20 ms for what the panel shows first, 50 ms for
 * the whole list; the deep pages are printed for comparison only. */
static const char *
verdict (Kind   kind,
         double median_ms)
{
  double budget = kind <= PANEL_LOAD ? 20.0 : kind >= EVERYTHING ? 50.0 : 0.0;

  if (budget == 0.0)
    return "";
  if (kind <= PANEL_LOAD)
    return median_ms <= budget ? "  within 20 ms" : "  OVER 20 ms";
  return median_ms <= budget ? "  within 50 ms" : "  OVER 50 ms";
}

static gboolean
measure (LotseStore  *store,
         const char  *today,
         guint        days,
         Kind         kind,
         GError     **error)
{
  double times[RUNS];
  double cpu[RUNS];
  guint n_entries = 0;
  LotseMonitorCounts counts = { 0, };
  /* The slow comparisons run fewer times, so the benchmark stays short. */
  guint runs = kind >= EVERYTHING ? RUNS / 10 : kind == DEEP_PAGE ? RUNS / 5 : RUNS;
  g_autoptr(GPtrArray) anchor = NULL;

  if (kind == PAGE_AFTER)
    {
      anchor = lotse_monitor_query_page (store, today, days, NULL, CURRENT, 9999, 1, &counts, error);
      if (anchor == NULL)
        return FALSE;
      if (anchor->len == 0)
        return TRUE;
    }

  for (guint i = 0; i < runs; i++)
    {
      g_autoptr(GPtrArray) entries = NULL;
      gint64 start = g_get_monotonic_time ();
      double cpu_start = cpu_ms ();

      if (kind >= EVERYTHING)
        entries = lotse_monitor_query (store, today, days, NULL,
                                       kind == HISTORY ? LOTSE_MONITOR_SCOPE_HISTORY : CURRENT,
                                       error);
      else if (kind == PAGE_AFTER)
        entries = lotse_monitor_query_after (store, today, days, NULL, CURRENT,
                                             g_ptr_array_index (anchor, 0), PAGE, error);
      else if (kind == PANEL_LOAD)
        {
          g_autoptr(LotseStore) own = lotse_store_open (lotse_store_get_path (store), error);

          if (own == NULL)
            return FALSE;
          entries = lotse_monitor_query_page (own, today, days, NULL, CURRENT, 0, PAGE, &counts, error);
        }
      else
        entries = lotse_monitor_query_page (store, today, days, NULL, CURRENT,
                                            kind == FIRST_PAGE ? 0 : 10000, PAGE,
                                            &counts, error);
      if (entries == NULL)
        return FALSE;

      times[i] = (g_get_monotonic_time () - start) / 1000.0;
      cpu[i] = cpu_ms () - cpu_start;
      n_entries = entries->len;

      if (kind >= EVERYTHING)
        {
          counts.total = entries->len;
          counts.overdue = 0;
          for (guint j = 0; j < entries->len; j++)
            if (((LotseMonitorEntry *) g_ptr_array_index (entries, j))->state == LOTSE_MONITOR_OVERDUE)
              counts.overdue++;
        }
    }

  qsort (times, runs, sizeof times[0], compare_doubles);
  qsort (cpu, runs, sizeof cpu[0], compare_doubles);
  g_print ("  days=%-3u %-13s %6u of %6u milestones (%6u overdue)  median %7.2f ms  p95 %7.2f ms  cpu %7.2f ms"
           "  (%5.2f µs cpu/entry, %u runs)%s\n",
           days, kind_names[kind], n_entries, counts.total,
           counts.overdue, times[runs / 2], times[runs * 95 / 100], cpu[runs / 2],
           n_entries > 0 ? cpu[runs / 2] * 1000.0 / n_entries : 0.0, runs,
           verdict (kind, times[runs / 2]));

  return TRUE;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LotseStore) store = NULL;
  g_autofree char *today = NULL;

  if (argc != 2 && argc != 3)
    {
      g_printerr ("usage: %s DATABASE [YYYY-MM-DD]\n", argv[0]);
      return 2;
    }

  store = lotse_store_open (argv[1], &error);
  if (store == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }

  today = g_strdup (argc == 3 ? argv[2] : LOTSE_GENERATE_TODAY);
  g_print ("monitor: milestones overdue or due soon, today = %s\n", today);
  bench_print_load ("before");

  for (Kind kind = FIRST_PAGE; kind <= HISTORY; kind++)
    if (!measure (store, today, 14, kind, &error) || !measure (store, today, 90, kind, &error))
      {
        g_printerr ("%s\n", error->message);
        return 1;
      }
  bench_print_load ("after");

  return 0;
}
