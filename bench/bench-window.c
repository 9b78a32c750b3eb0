/* bench-window.c: the real Lotse window for the benches
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A bench that measures the portfolio view alone misses what the window
 * adds around it (the other views, the monitor, timeline and directory
 * panels, the header bar and sync button), and that competes for the
 * same cores and memory. This opens the window as the application does,
 * through LotseApplication's "activate", over the given store. Needs the
 * GSettings schema (GSETTINGS_SCHEMA_DIR, as bench/run-bench.sh sets it).
 */

#include "config.h"

#include <adwaita.h>

#include "bench-window.h"
#include "lotse-application-private.h"
#include "lotse-window-private.h"

/**
 * bench_open_window:
 * @store: the database to show
 * @width: the window's width
 * @height: the window's height
 * @portfolio: (out): its portfolio view
 *
 * Returns: (transfer none): the window, presented and mapped
 */
GtkWindow *
bench_open_window (LotseStore          *store,
                   int                  width,
                   int                  height,
                   LotsePortfolioView **portfolio)
{
  /* Lives as long as the bench: the window belongs to it. */
  static LotseApplication *app;
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);
  g_autoptr(GError) error = NULL;
  GtkWindow *window;

  g_settings_set_int (settings, "window-width", width);
  g_settings_set_int (settings, "window-height", height);
  g_settings_set_boolean (settings, "window-maximized", FALSE);
  g_settings_set_string (settings, "last-view", "portfolio");

  app = lotse_application_new (APPLICATION_ID, G_APPLICATION_NON_UNIQUE);
  if (!g_application_register (G_APPLICATION (app), NULL, &error))
    g_error ("%s", error->message);
  lotse_application_set_store (app, store);
  g_application_activate (G_APPLICATION (app));

  window = gtk_application_get_active_window (GTK_APPLICATION (app));
  g_assert (LOTSE_IS_WINDOW (window));
  *portfolio = LOTSE_PORTFOLIO_VIEW (lotse_window_get_view (LOTSE_WINDOW (window), "portfolio"));

  while (!gtk_widget_get_mapped (GTK_WIDGET (*portfolio)) ||
         gtk_widget_get_frame_clock (GTK_WIDGET (window)) == NULL)
    g_main_context_iteration (NULL, TRUE);

  return window;
}
