/* lotse-frame-probe.c: reports when a window has shown its first frame
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * For bench/bench-first-frame: with LOTSE_FRAME_PROBE=1 in the environment
 * the window prints "first-frame <monotonic µs>" on stdout after its first
 * paint and closes, so a driver can compare start-up times of processes.
 */

#define G_LOG_DOMAIN "lotse-frame-probe"

#include "config.h"

#include <stdio.h>

#include "lotse-frame-probe.h"

static void
on_after_paint (GdkFrameClock *clock,
                GtkWindow     *window)
{
  printf ("first-frame %" G_GINT64_FORMAT "\n", g_get_monotonic_time ());
  fflush (stdout);

  g_signal_handlers_disconnect_by_func (clock, on_after_paint, window);
  gtk_window_destroy (window);
}

static void
on_realize (GtkWidget *widget)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (widget);

  g_signal_connect_object (clock, "after-paint", G_CALLBACK (on_after_paint), widget, 0);
}

/**
 * lotse_frame_probe_attach:
 * @window: a window about to be presented
 *
 * Does nothing unless LOTSE_FRAME_PROBE is set.
 */
void
lotse_frame_probe_attach (GtkWindow *window)
{
  g_return_if_fail (GTK_IS_WINDOW (window));

  if (g_getenv ("LOTSE_FRAME_PROBE") == NULL)
    return;

  g_signal_connect (window, "realize", G_CALLBACK (on_realize), NULL);
}
