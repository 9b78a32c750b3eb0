/* bench-store.c: what the first screenful of the portfolio costs
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 *   bench-store DATABASE
 *
 * Opens the store and asks the project, meeting and article lists for
 * their first 40 rows, as the window does, and prints how long that took
 * and how many rows were read, against reading every row.
 */

#include "lotse-core.h"

#include "bench-load.h"

#define SCREENFUL 40

static double
ms_since (gint64 start)
{
  return (g_get_monotonic_time () - start) / 1000.0;
}

static void
measure_table (LotseStore *store,
               const char *table)
{
  g_autoptr(LotseRecordList) list = NULL;
  g_autoptr(GPtrArray) all = NULL;
  gint64 start = g_get_monotonic_time ();
  double first_ms, all_ms;
  guint n_items;

  list = lotse_record_list_new (store, table, NULL);
  n_items = g_list_model_get_n_items (G_LIST_MODEL (list));
  for (guint i = 0; i < MIN (SCREENFUL, n_items); i++)
    g_object_unref (g_list_model_get_item (G_LIST_MODEL (list), i));
  first_ms = ms_since (start);

  start = g_get_monotonic_time ();
  all = lotse_store_list (store, table, NULL, 0, NULL, 0, 0, NULL);
  all_ms = ms_since (start);

  g_print ("  %-10s %7u rows  first screenful %6.2f ms, %4u rows read  |  all rows %8.1f ms\n",
           table, n_items, first_ms, lotse_record_list_get_n_loaded (list), all_ms);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LotseStore) store = NULL;
  gint64 start;

  bench_print_load ("before");

  if (argc != 2)
    {
      g_printerr ("usage: %s DATABASE\n", argv[0]);
      return 2;
    }

  start = g_get_monotonic_time ();
  store = lotse_store_open (argv[1], &error);
  if (store == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }

  g_print ("store: open %.2f ms\n", ms_since (start));
  measure_table (store, "project");
  measure_table (store, "meeting");
  measure_table (store, "article");

  bench_print_load ("after");
  return 0;
}
