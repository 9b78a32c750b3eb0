/* lotse-frame-probe.c: reports when a window has shown its first frame
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * For bench/bench-first-frame: with LOTSE_FRAME_PROBE=1 in the environment
 * the window prints on stdout
 *
 *   renderer <GSK renderer type>
 *   first-frame <monotonic µs>      after its first paint
 *   rows-painted <monotonic µs>     after the first paint that showed rows
 *                                   of the given list (if one is given)
 *   cpu <µs>                        the CPU time of the process (all its
 *                                   threads) until then: unlike the wall
 *                                   time, it does not grow with the load
 *   max-rss <KiB>                   the peak resident memory, a second later
 *   mark <what> <monotonic µs>      when the start-up reached a step, for
 *                                   finding where its time goes
 *
 * and closes, so a driver can compare the start-up of processes: what the
 * user waits for is the rows, not an empty list pane.
 */

#define G_LOG_DOMAIN "lotse-frame-probe"

#include "config.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#include "lotse-frame-probe.h"

#define ROWS_KEY "lotse-frame-probe-rows"

/* What happens after the start-up (workers of the view on screen, its
 * idle work) belongs to it: the peak is read a second later. */
#define SETTLE_SECONDS 1

static gboolean
report_rss_and_close (gpointer data)
{
  GtkWindow *window = data;
  g_autofree char *status = NULL;
  const char *line = NULL;

  if (g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    line = strstr (status, "VmHWM:");
  printf ("max-rss %" G_GINT64_FORMAT "\n",
          line != NULL ? g_ascii_strtoll (line + strlen ("VmHWM:"), NULL, 10) : (gint64) -1);
  fflush (stdout);
  gtk_window_destroy (window);

  return G_SOURCE_REMOVE;
}

static gint64
process_cpu_time (void)
{
  struct timespec spent;

  if (clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &spent) != 0)
    return -1;

  return (gint64) spent.tv_sec * G_USEC_PER_SEC + spent.tv_nsec / 1000;
}

/* The rows were in the list view when this frame was laid out: it builds
 * its row widgets in size_allocate, before the paint. */
static gboolean
rows_shown (GtkListView *list)
{
  GtkSelectionModel *model = gtk_list_view_get_model (list);
  GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (list));

  return model != NULL && g_list_model_get_n_items (G_LIST_MODEL (model)) > 0 &&
         row != NULL && gtk_widget_get_mapped (row) && gtk_widget_get_height (row) > 0;
}

static void
on_after_paint (GdkFrameClock *clock,
                GtkWindow     *window)
{
  GtkListView *rows = g_object_get_data (G_OBJECT (window), ROWS_KEY);
  gint64 now = g_get_monotonic_time ();

  if (g_object_get_data (G_OBJECT (clock), "lotse-frame-probe-first") == NULL)
    {
      GskRenderer *renderer = gtk_native_get_renderer (GTK_NATIVE (window));

      g_object_set_data (G_OBJECT (clock), "lotse-frame-probe-first", GINT_TO_POINTER (TRUE));
      printf ("renderer %s\n", renderer != NULL ? G_OBJECT_TYPE_NAME (renderer) : "none");
      printf ("first-frame %" G_GINT64_FORMAT "\n", now);
    }

  if (rows != NULL && !rows_shown (rows))
    return;

  if (rows != NULL)
    printf ("rows-painted %" G_GINT64_FORMAT "\n", now);
  printf ("cpu %" G_GINT64_FORMAT "\n", process_cpu_time ());
  fflush (stdout);

  g_signal_handlers_disconnect_by_func (clock, on_after_paint, window);
  g_timeout_add_seconds_full (G_PRIORITY_DEFAULT, SETTLE_SECONDS, report_rss_and_close,
                              g_object_ref (window), g_object_unref);
}

static void
on_realize (GtkWidget *widget)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (widget);

  g_signal_connect_object (clock, "after-paint", G_CALLBACK (on_after_paint), widget, 0);
}

/**
 * lotse_frame_probe_enabled:
 *
 * Returns: whether LOTSE_FRAME_PROBE is set
 */
gboolean
lotse_frame_probe_enabled (void)
{
  return g_getenv ("LOTSE_FRAME_PROBE") != NULL;
}

/**
 * lotse_frame_probe_mark:
 * @what: the step the start-up reached, one word
 *
 * Does nothing unless LOTSE_FRAME_PROBE is set.
 */
void
lotse_frame_probe_mark (const char *what)
{
  g_return_if_fail (what != NULL);

  if (!lotse_frame_probe_enabled ())
    return;

  printf ("mark %s %" G_GINT64_FORMAT "\n", what, g_get_monotonic_time ());
  fflush (stdout);
}

/**
 * lotse_frame_probe_attach:
 * @window: a window about to be presented
 * @rows: (nullable): the list whose first rows the user waits for
 *
 * Does nothing unless LOTSE_FRAME_PROBE is set.
 */
void
lotse_frame_probe_attach (GtkWindow   *window,
                          GtkListView *rows)
{
  g_return_if_fail (GTK_IS_WINDOW (window));
  g_return_if_fail (rows == NULL || GTK_IS_LIST_VIEW (rows));

  if (!lotse_frame_probe_enabled ())
    return;

  if (rows != NULL)
    g_object_set_data_full (G_OBJECT (window), ROWS_KEY, g_object_ref (rows), g_object_unref);
  g_signal_connect (window, "realize", G_CALLBACK (on_realize), NULL);
}
