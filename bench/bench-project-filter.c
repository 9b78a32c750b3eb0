/* bench-project-filter.c: filtering the project list as one types
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 *   bench-project-filter DB [RUNS] [WORD]
 *
 * Opens the real window over DB (all its views and panels, through the
 * application, see bench-window.c), then types WORD
 * ("digital") into its search entry letter by letter, RUNS times, each
 * keystroke through the view's real filter path (the entry's text → the
 * query → SQL → the list model's items-changed → the list view). Times
 * each keystroke until the model is updated and until the next frame is
 * painted, and prints the median and p95 of both. First the same typing
 * runs on the view's list model alone (LotseProjectList, no widgets
 * attached): that is the filter itself, SQL and model; the view's figure
 * adds what GTK's list view does on items-changed (it binds its rows to the
 * new items) and the frame what it costs to measure and paint them. Each
 * figure is given as wall time and as the process's CPU time: the machine
 * it runs on may be busy with other work, which only the wall time
 * counts. The entry's own delay
 * (the debounce while typing) is not part of it: it is skipped with
 * lotse_portfolio_view_apply_search(). The target: a median under 16 ms.
 */

#include "config.h"

#include <adwaita.h>
#include <time.h>

#include "bench-window.h"
#include "lotse-core.h"

#define WAIT_USEC (30 * G_USEC_PER_SEC)

static gboolean painted;

/* The CPU time this process has used, in µs. */
static gint64
cpu_time (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &ts);
  return (gint64) ts.tv_sec * G_USEC_PER_SEC + ts.tv_nsec / 1000;
}

static void
append_ms (GArray *values,
           gint64  usec)
{
  double ms = usec / 1000.0;

  g_array_append_val (values, ms);
}


static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *)a;
  double y = *(const double *)b;

  return (x > y) - (x < y);
}

static double
percentile (GArray *values,
            double  p)
{
  g_array_sort (values, compare_doubles);
  return g_array_index (values, double, MIN (values->len - 1, (guint)(p * values->len)));
}

static void
print_figure (const char *what,
              GArray     *wall_ms,
              GArray     *cpu_ms)
{
  g_print ("%s: median %.2f ms, p95 %.2f ms (CPU: median %.2f ms, p95 %.2f ms)\n", what,
           percentile (wall_ms, 0.5), percentile (wall_ms, 0.95),
           percentile (cpu_ms, 0.5), percentile (cpu_ms, 0.95));
}

/* CPU time at the end of the frame clock's phases, to tell what the frame
 * costs: GTK's handlers run before these, connected later. */
static gint64 phase_cpu[3];

static void
on_before_paint (GdkFrameClock *clock,
                 gpointer       user_data)
{
  phase_cpu[0] = cpu_time ();
}

static void
on_layout (GdkFrameClock *clock,
           gpointer       user_data)
{
  phase_cpu[1] = cpu_time ();
}

static void
on_after_paint (GdkFrameClock *clock,
                gpointer       user_data)
{
  phase_cpu[2] = cpu_time ();
  painted = TRUE;
}

static void
wait_for_paint (void)
{
  gint64 deadline = g_get_monotonic_time () + WAIT_USEC;

  painted = FALSE;
  while (!painted && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
}

/* The row widgets the list view holds. */
static guint
count_rows (GtkWidget *widget)
{
  guint n = g_str_equal (G_OBJECT_TYPE_NAME (widget), "LotseProjectRow");

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    n += count_rows (child);

  return n;
}

/* Types @text into the search entry as a keyboard would: the letters it
 * lacks are added at its end (setting the whole text would first empty the
 * entry, and GtkSearchEntry reports an empty text at once: the list would
 * show all projects in between). Then the entry's delay is skipped. */
static void
type (LotsePortfolioView *view,
      const char         *text)
{
  GtkEditable *entry = GTK_EDITABLE (lotse_portfolio_view_get_search_entry (view));
  const char *current = gtk_editable_get_text (entry);

  if (*text != '\0' && g_str_has_prefix (text, current))
    {
      int position = -1;

      gtk_editable_insert_text (entry, text + strlen (current), -1, &position);
    }
  else
    {
      gtk_editable_set_text (entry, text);
    }
  lotse_portfolio_view_apply_search (view);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LotseStore) store = NULL;
  g_autoptr(GArray) model_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) frame_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) model_cpu_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) frame_cpu_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) layout_cpu_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) paint_cpu_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) changed_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) changed_cpu_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) changed_frame_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) changed_frame_cpu_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) idle_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) idle_cpu_ms = g_array_new (FALSE, FALSE, sizeof (double));
  const char *word;
  LotsePortfolioView *view;
  GtkWindow *window;
  GdkFrameClock *clock;
  guint runs;
  gint64 n_projects;

  if (argc < 2)
    {
      g_printerr ("Usage: bench-project-filter DB [RUNS] [WORD]\n");
      return 2;
    }
  runs = argc > 2 ? (guint) atoi (argv[2]) : 11;
  word = argc > 3 ? argv[3] : "digital";

  gtk_init ();
  adw_init ();

  store = lotse_store_open (argv[1], &error);
  if (store == NULL)
    g_error ("%s", error->message);
  n_projects = lotse_store_count (store, "project", NULL, 0, NULL);

  window = bench_open_window (store, 1000, 800, &view);
  clock = gtk_widget_get_frame_clock (GTK_WIDGET (window));
  g_signal_connect (clock, "before-paint", G_CALLBACK (on_before_paint), NULL);
  g_signal_connect (clock, "layout", G_CALLBACK (on_layout), NULL);
  g_signal_connect (clock, "after-paint", G_CALLBACK (on_after_paint), NULL);
  wait_for_paint ();
  /* The view reads its list after its first frame; make sure it has. */
  lotse_portfolio_view_get_project_list (view);
  wait_for_paint ();
  wait_for_paint ();

  g_print ("projects: %" G_GINT64_FORMAT ", typing “%s”, %u runs\n", n_projects, word, runs);

  {
    g_autoptr(LotseProjectList) list = lotse_project_list_new (store);
    g_autoptr(LotseProjectQuery) query = lotse_project_query_new ();
    g_autoptr(GArray) list_ms = g_array_new (FALSE, FALSE, sizeof (double));
    g_autoptr(GArray) list_cpu_ms = g_array_new (FALSE, FALSE, sizeof (double));

    for (guint run = 0; run < runs; run++)
      {
        for (gsize i = 1; i <= strlen (word); i++)
          {
            gint64 start = g_get_monotonic_time ();
            gint64 start_cpu = cpu_time ();

            g_free (query->text);
            query->text = g_strndup (word, i);
            lotse_project_list_set_query (list, query);
            /* The rows a window shows first, with their milestones. */
            for (guint p = 0; p < MIN (20, g_list_model_get_n_items (G_LIST_MODEL (list))); p++)
              lotse_project_list_get_summary (list, p);
            append_ms (list_ms, g_get_monotonic_time () - start);
            append_ms (list_cpu_ms, cpu_time () - start_cpu);
          }
        g_clear_pointer (&query->text, g_free);
        lotse_project_list_set_query (list, query);
      }
    print_figure ("keystroke → list model updated (no widgets)", list_ms, list_cpu_ms);
    g_print ("target: median under 16 ms for the filter: %s\n",
             percentile (list_ms, 0.5) < 16.0 ? "met" : "MISSED");
  }

  for (guint run = 0; run < runs; run++)
    {
      gsize length = strlen (word);

      for (gsize i = 1; i <= length; i++)
        {
          g_autofree char *prefix = g_strndup (word, i);
          gint64 start, updated, shown;
          gint64 start_cpu, updated_cpu, shown_cpu;
          guint n_before = g_list_model_get_n_items (G_LIST_MODEL (lotse_portfolio_view_get_project_list (view)));

          start = g_get_monotonic_time ();
          start_cpu = cpu_time ();
          type (view, prefix);
          updated = g_get_monotonic_time ();
          updated_cpu = cpu_time ();
          gtk_widget_queue_draw (GTK_WIDGET (window));
          wait_for_paint ();
          shown = g_get_monotonic_time ();
          shown_cpu = cpu_time ();

          append_ms (model_ms, updated - start);
          append_ms (model_cpu_ms, updated_cpu - start_cpu);
          append_ms (frame_ms, shown - start);
          append_ms (frame_cpu_ms, shown_cpu - start_cpu);
          append_ms (layout_cpu_ms, phase_cpu[1] - phase_cpu[0]);
          /* The keystrokes that change which projects are listed. */
          if (n_before != g_list_model_get_n_items (G_LIST_MODEL (lotse_portfolio_view_get_project_list (view))))
            {
              append_ms (changed_ms, updated - start);
              append_ms (changed_cpu_ms, updated_cpu - start_cpu);
              append_ms (changed_frame_ms, shown - start);
              append_ms (changed_frame_cpu_ms, shown_cpu - start_cpu);
            }
          append_ms (paint_cpu_ms, phase_cpu[2] - phase_cpu[1]);

          if (run == 0)
            g_print ("  “%s”: %u projects, %u row widgets; view %.2f ms, frame %.2f ms (CPU %.2f ms, %.2f ms)\n",
                     prefix,
                     g_list_model_get_n_items (G_LIST_MODEL (lotse_portfolio_view_get_project_list (view))),
                     count_rows (GTK_WIDGET (view)),
                     (updated - start) / 1000.0, (shown - start) / 1000.0,
                     (updated_cpu - start_cpu) / 1000.0, (shown_cpu - start_cpu) / 1000.0);
        }

      type (view, "");
      wait_for_paint ();
    }

  /* A frame without a change, for comparison: what painting the window
   * costs here. */
  for (guint i = 0; i < model_ms->len; i++)
    {
      gint64 start = g_get_monotonic_time ();
      gint64 start_cpu = cpu_time ();

      gtk_widget_queue_draw (GTK_WIDGET (window));
      wait_for_paint ();
      append_ms (idle_ms, g_get_monotonic_time () - start);
      append_ms (idle_cpu_ms, cpu_time () - start_cpu);
    }

  g_print ("%u keystrokes\n", model_ms->len);
  print_figure ("keystroke → view updated (model and list rows)", model_ms, model_cpu_ms);
  print_figure ("keystroke → frame painted", frame_ms, frame_cpu_ms);
  g_print ("%u keystrokes that change the list (\"d\", \"di\", …):\n", changed_ms->len);
  print_figure ("  keystroke → view updated", changed_ms, changed_cpu_ms);
  print_figure ("  keystroke → frame painted", changed_frame_ms, changed_frame_cpu_ms);
  g_print ("all keystrokes: the frame's layout: CPU median %.2f ms; its snapshot and rendering: CPU median %.2f ms\n",
           percentile (layout_cpu_ms, 0.5), percentile (paint_cpu_ms, 0.5));
  print_figure ("a frame with no change (the window redrawn)", idle_ms, idle_cpu_ms);
  g_print ("target: median under 16 ms for the view: %s\n",
           percentile (model_ms, 0.5) < 16.0 ? "met" : "MISSED");

  gtk_window_destroy (window);

  return 0;
}
