/* bench-monitor.c: how long the milestone monitor's query takes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 *   bench-monitor DATABASE [TODAY]
 *
 * Runs lotse_monitor_query() 100 times for a horizon of 14 and of 90 days
 * and prints the median and 95th percentile. The budget is 20 ms.
 */

#include <stdlib.h>

#include "lotse-core.h"

#define RUNS 100

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
         GError     **error)
{
  double times[RUNS];
  guint n_entries = 0;

  for (guint i = 0; i < RUNS; i++)
    {
      g_autoptr(GPtrArray) entries = NULL;
      gint64 start = g_get_monotonic_time ();

      entries = lotse_monitor_query (store, today, days, NULL, error);
      if (entries == NULL)
        return FALSE;

      times[i] = (g_get_monotonic_time () - start) / 1000.0;
      n_entries = entries->len;
    }

  qsort (times, RUNS, sizeof times[0], compare_doubles);
  g_print ("  days=%-3u %6u milestones  median %7.2f ms  p95 %7.2f ms  (%d runs)\n",
           days, n_entries, times[RUNS / 2], times[RUNS * 95 / 100], RUNS);

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

  if (!measure (store, today, 14, &error) || !measure (store, today, 90, &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }

  return 0;
}
