/* bench-portfolio-table.c: the portfolio's table over a large database
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 *   bench-portfolio-table DB [RUNS]
 *
 * Times, RUNS times each, and prints the median: the core query alone
 * (lotse_project_query_table(), what the table's worker thread reads);
 * switching the shown portfolio to the table until its rows are in the
 * model and the next frame is painted; a click-equivalent sort by another
 * column (the sort model resorting all rows); and a keystroke of the
 * search (the in-memory filter). The main thread must stay responsive
 * while the rows are read: the longest gap between two frames during the
 * switch is printed too. The target for the 10,000 projects of
 * run-bench.sh: no frame gap over 100 ms.
 */

#include "config.h"

#include <adwaita.h>
#include <time.h>

#include "lotse-core.h"
#include "lotse-portfolio-view-private.h"

static gint64 last_frame;
static gint64 longest_gap;

static gboolean
on_tick (GtkWidget     *widget,
         GdkFrameClock *clock,
         gpointer       user_data)
{
  gint64 now = g_get_monotonic_time ();

  if (last_frame > 0)
    longest_gap = MAX (longest_gap, now - last_frame);
  last_frame = now;

  return G_SOURCE_CONTINUE;
}

/* The CPU time of the main thread, in µs: the machine may be busy with
 * other work, which only the wall time counts. */
static gint64
cpu_time (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return (gint64) ts.tv_sec * G_USEC_PER_SEC + ts.tv_nsec / 1000;
}

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

static void
iterate_while (gboolean (*busy) (gpointer), gpointer data)
{
  while (busy (data))
    g_main_context_iteration (NULL, TRUE);
}

static gboolean
loading (gpointer data)
{
  return lotse_portfolio_table_get_loading (data);
}

/* The core query alone, without GTK */
static void
time_query (LotseStore *store,
            int         runs,
            GArray     *query_ms)
{
  g_autofree char *today = lotse_monitor_today ();

  for (int i = 0; i < runs; i++)
    {
      g_autoptr(LotseProjectQuery) query = lotse_project_query_new ();
      g_autoptr(GPtrArray) rows = NULL;
      g_autoptr(GError) error = NULL;
      gint64 start = g_get_monotonic_time ();
      double ms;

      rows = lotse_project_query_table (store, query, today, &error);
      g_assert_no_error (error);
      ms = (g_get_monotonic_time () - start) / 1000.0;
      g_array_append_val (query_ms, ms);
      if (i == 0)
        g_print ("rows: %u\n", rows->len);
    }
}

typedef struct
{
  GArray *switch_ms;
  GArray *sort_ms;
  GArray *sort_cpu_ms;
  GArray *filter_ms;
  GArray *filter_cpu_ms;
} Times;

/* Switching to the table until its rows are shown, reading them again */
static void
time_switch (LotsePortfolioView *view,
             LotseStore         *store,
             int                 run,
             Times              *times)
{
  LotsePortfolioTable *table = lotse_portfolio_view_get_table (view);
  gint64 start;
  double ms;

  lotse_portfolio_view_set_show_table (view, FALSE);
  lotse_portfolio_table_set_store (table, NULL);
  lotse_portfolio_table_set_store (table, store);
  for (int k = 0; k < 20; k++)
    g_main_context_iteration (NULL, FALSE);

  longest_gap = 0;
  last_frame = 0;
  start = g_get_monotonic_time ();
  lotse_portfolio_view_set_show_table (view, TRUE);
  g_main_context_iteration (NULL, TRUE);
  iterate_while (loading, table);
  ms = (g_get_monotonic_time () - start) / 1000.0;
  g_array_append_val (times->switch_ms, ms);
  g_print ("switch %d: %.1f ms, longest frame gap %.1f ms\n", run, ms, longest_gap / 1000.0);
}

/* A click on the programme's header, and a keystroke in the search */
static void
time_sort_and_search (LotsePortfolioView *view,
                      Times              *times)
{
  LotsePortfolioTable *table = lotse_portfolio_view_get_table (view);
  GtkColumnView *column_view = lotse_portfolio_table_get_column_view (table);
  GListModel *columns = gtk_column_view_get_columns (column_view);
  g_autoptr(GtkColumnViewColumn) programme = g_list_model_get_item (columns, 1);
  g_autoptr(GtkColumnViewColumn) project = g_list_model_get_item (columns, 0);
  GtkEditable *search = GTK_EDITABLE (lotse_portfolio_view_get_search_entry (view));
  gint64 start = g_get_monotonic_time ();
  gint64 cpu = cpu_time ();
  double ms;

  gtk_column_view_sort_by_column (column_view, programme, GTK_SORT_ASCENDING);
  g_list_model_get_n_items (lotse_portfolio_table_get_rows (table));
  ms = (g_get_monotonic_time () - start) / 1000.0;
  g_array_append_val (times->sort_ms, ms);
  ms = (cpu_time () - cpu) / 1000.0;
  g_array_append_val (times->sort_cpu_ms, ms);
  gtk_column_view_sort_by_column (column_view, project, GTK_SORT_ASCENDING);

  start = g_get_monotonic_time ();
  cpu = cpu_time ();
  gtk_editable_set_text (search, "digital");
  lotse_portfolio_view_apply_search (view);
  ms = (g_get_monotonic_time () - start) / 1000.0;
  g_array_append_val (times->filter_ms, ms);
  ms = (cpu_time () - cpu) / 1000.0;
  g_array_append_val (times->filter_cpu_ms, ms);
  gtk_editable_set_text (search, "");
  lotse_portfolio_view_apply_search (view);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(LotseStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) query_ms = g_array_new (FALSE, FALSE, sizeof (double));
  Times times = {
    g_array_new (FALSE, FALSE, sizeof (double)), g_array_new (FALSE, FALSE, sizeof (double)),
    g_array_new (FALSE, FALSE, sizeof (double)), g_array_new (FALSE, FALSE, sizeof (double)),
    g_array_new (FALSE, FALSE, sizeof (double)),
  };
  LotsePortfolioView *view;
  GtkWidget *window;
  int runs = argc > 2 ? atoi (argv[2]) : 5;

  if (argc < 2)
    {
      g_printerr ("usage: %s DB [RUNS]\n", argv[0]);
      return 2;
    }

  gtk_init ();
  adw_init ();
  store = lotse_store_open (argv[1], &error);
  g_assert_no_error (error);
  time_query (store, runs, query_ms);

  window = adw_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (window), 1920, 1000);
  view = g_object_new (LOTSE_TYPE_PORTFOLIO_VIEW, "store", store, NULL);
  adw_window_set_content (ADW_WINDOW (window), GTK_WIDGET (view));
  gtk_window_present (GTK_WINDOW (window));
  gtk_widget_add_tick_callback (window, on_tick, NULL, NULL);
  for (int i = 0; i < 50; i++)
    g_main_context_iteration (NULL, FALSE);

  for (int i = 0; i < runs; i++)
    {
      time_switch (view, store, i, &times);
      time_sort_and_search (view, &times);
    }

  g_print ("core query: median %.1f ms\n", median (query_ms));
  g_print ("switch to table until rows shown: median %.1f ms\n", median (times.switch_ms));
  g_print ("sort by programme: median %.1f ms wall, %.1f ms CPU\n", median (times.sort_ms),
           median (times.sort_cpu_ms));
  g_print ("search keystroke: median %.1f ms wall, %.1f ms CPU\n", median (times.filter_ms),
           median (times.filter_cpu_ms));

  gtk_window_destroy (GTK_WINDOW (window));
  g_array_unref (times.switch_ms);
  g_array_unref (times.sort_ms);
  g_array_unref (times.sort_cpu_ms);
  g_array_unref (times.filter_ms);
  g_array_unref (times.filter_cpu_ms);
  return 0;
}
