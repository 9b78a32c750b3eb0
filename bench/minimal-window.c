/* minimal-window.c: the baseline for the first-frame benchmark
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The least a libadwaita application does to show a window: a header bar
 * and a label. bench-first-frame compares Lotse's first frame with this.
 */

#include <adwaita.h>

#include "lotse-frame-probe.h"

static void
on_activate (GtkApplication *app)
{
  GtkWidget *window = adw_application_window_new (app);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);

  gtk_box_append (GTK_BOX (box), adw_header_bar_new ());
  gtk_box_append (GTK_BOX (box), gtk_label_new ("Lotse"));
  adw_application_window_set_content (ADW_APPLICATION_WINDOW (window), box);
  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 720);

  lotse_frame_probe_mark ("window-built");
  lotse_frame_probe_attach (GTK_WINDOW (window), NULL);
  gtk_window_present (GTK_WINDOW (window));
  lotse_frame_probe_mark ("presented");
}

static void
on_startup (GApplication *app)
{
  lotse_frame_probe_mark ("gtk-started");
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(AdwApplication) app = NULL;

  lotse_frame_probe_mark ("main");
  app = adw_application_new ("app.lotse.Bench.MinimalWindow", G_APPLICATION_NON_UNIQUE);
  g_signal_connect_after (app, "startup", G_CALLBACK (on_startup), NULL);
  g_signal_connect (app, "activate", G_CALLBACK (on_activate), NULL);

  return g_application_run (G_APPLICATION (app), argc, argv);
}
