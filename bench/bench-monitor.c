/* bench-monitor.c: how long the milestone monitor's query takes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 *   bench-monitor DATABASE [TODAY]
 *
 * Runs the monitor 100 times for a horizon of 14 and of 90 days and prints
 * the median and 95th percentile. The budget is 20 ms for what the panel
 * asks for: the first page (lotse_monitor_query_page(), 200 entries) with
 * the counts of the whole result. The full list (lotse_monitor_query(),
 * what lotse-cli monitor prints) and a deep page are printed for comparison.
 */

#include <stdlib.h>

#include "lotse-core.h"

#define RUNS 100
#define PAGE 200

typedef enum
{
  FIRST_PAGE,
  DEEP_PAGE,
  EVERYTHING,
} Kind;

static const char * const kind_names[] = { "first page", "page at 10000", "everything" };

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a;
  double y = *(const double *) b;

  return (x > y) - (x < y);
}

static gboolean
measure (LotseStore  *store,
         const char  *today,
         guint        days,
         Kind         kind,
         GError     **error)
{
  double times[RUNS];
  guint n_entries = 0;
  LotseMonitorCounts counts = { 0, };
  guint runs = kind == EVERYTHING ? RUNS / 10 : RUNS;

  for (guint i = 0; i < runs; i++)
    {
      g_autoptr(GPtrArray) entries = NULL;
      gint64 start = g_get_monotonic_time ();

      if (kind == EVERYTHING)
        entries = lotse_monitor_query (store, today, days, NULL, error);
      else
        entries = lotse_monitor_query_page (store, today, days, NULL,
                                            kind == FIRST_PAGE ? 0 : 10000, PAGE,
                                            &counts, error);
      if (entries == NULL)
        return FALSE;

      times[i] = (g_get_monotonic_time () - start) / 1000.0;
      n_entries = entries->len;

      if (kind == EVERYTHING)
        {
          counts.total = entries->len;
          counts.overdue = 0;
          for (guint j = 0; j < entries->len; j++)
            if (((LotseMonitorEntry *) g_ptr_array_index (entries, j))->state == LOTSE_MONITOR_OVERDUE)
              counts.overdue++;
        }
    }

  qsort (times, runs, sizeof times[0], compare_doubles);
  g_print ("  days=%-3u %-13s %6u of %6u milestones (%6u overdue)  median %7.2f ms  p95 %7.2f ms  (%u runs)%s\n",
           days, kind_names[kind], n_entries, counts.total,
           counts.overdue, times[runs / 2], times[runs * 95 / 100], runs,
           kind == FIRST_PAGE ? (times[runs / 2] <= 20.0 ? "  within 20 ms" : "  OVER 20 ms") : "");

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

  today = argc == 3 ? g_strdup (argv[2]) : lotse_monitor_today ();
  g_print ("monitor: milestones overdue or due soon, today = %s\n", today);

  for (Kind kind = FIRST_PAGE; kind <= EVERYTHING; kind++)
    if (!measure (store, today, 14, kind, &error) || !measure (store, today, 90, kind, &error))
      {
        g_printerr ("%s\n", error->message);
        return 1;
      }

  return 0;
}
