/* panel-preview.c: draws one of the portfolio panels to a PNG
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 *   panel-preview DATABASE monitor|timeline|directory WIDTH HEIGHT OUT.png [dark]
 *
 * For looking at the panels during development and for the help's
 * figures; the language follows LANGUAGE as in the app.
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <locale.h>

#include "lotse-directory-panel.h"
#include "lotse-monitor-panel.h"
#include "lotse-timeline.h"

static gboolean done;

static gboolean
capture (gpointer data)
{
  GtkWidget *window = data;
  GtkWidget *legend = g_object_get_data (G_OBJECT (window), "legend");
  LotseTimeline *timeline = g_object_get_data (G_OBJECT (window), "timeline");

  if (timeline != NULL && g_getenv ("PREVIEW_SELECT") != NULL)
    {
      lotse_timeline_select (timeline, g_getenv ("PREVIEW_SELECT"), g_getenv ("PREVIEW_SELECT_MILESTONE"));
      g_object_set_data (G_OBJECT (window), "timeline", NULL);
      return G_SOURCE_CONTINUE;
    }
  const char *out = g_object_get_data (G_OBJECT (window), "out");
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (window);
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  int width, height;

  /* PREVIEW_LEGEND: draw the timeline's legend popover instead. */
  if (legend != NULL)
    {
      GtkWidget *popover = GTK_WIDGET (gtk_menu_button_get_popover (GTK_MENU_BUTTON (legend)));

      if (!gtk_widget_get_visible (popover))
        {
          gtk_menu_button_popup (GTK_MENU_BUTTON (legend));
          return G_SOURCE_CONTINUE;
        }
      window = popover;
      g_clear_object (&paintable);
      paintable = gtk_widget_paintable_new (window);
    }
  width = gtk_widget_get_width (window);
  height = gtk_widget_get_height (window);

  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (window)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  gdk_texture_save_to_png (texture, out);
  done = TRUE;

  return G_SOURCE_REMOVE;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LotseStore) store = NULL;
  GtkWidget *window, *panel;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("LOTSE_LOCALEDIR") ? g_getenv ("LOTSE_LOCALEDIR") : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  if (argc < 6)
    {
      g_printerr ("usage: %s DATABASE monitor|timeline|directory WIDTH HEIGHT OUT.png [dark]\n", argv[0]);
      return 2;
    }

  gtk_init ();
  adw_init ();
  {
    g_autoptr(GtkCssProvider) provider = gtk_css_provider_new ();

    gtk_css_provider_load_from_resource (provider, "/app/lotse/Lotse/style.css");
    gtk_style_context_add_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (provider),
                                                GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  }
  if (argc > 6 && g_str_equal (argv[6], "dark"))
    adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_DARK);

  store = lotse_store_open (argv[1], &error);
  if (store == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }

  if (g_str_equal (argv[2], "monitor"))
    {
      panel = lotse_monitor_panel_new (store);
      if (g_getenv ("PREVIEW_TODAY"))
        lotse_monitor_panel_set_today (LOTSE_MONITOR_PANEL (panel), g_getenv ("PREVIEW_TODAY"));
      if (argc > 7)
        lotse_monitor_panel_set_by_project (LOTSE_MONITOR_PANEL (panel), TRUE);
    }
  else if (g_str_equal (argv[2], "timeline"))
    panel = lotse_timeline_panel_new (store);
  else
    {
      panel = lotse_directory_panel_new (store);
      if (argc > 7)
        lotse_directory_panel_show_record (LOTSE_DIRECTORY_PANEL (panel), "organisation", argv[7]);
    }

  window = adw_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (window), atoi (argv[3]), atoi (argv[4]));
  adw_window_set_content (ADW_WINDOW (window), panel);
  g_object_set_data_full (G_OBJECT (window), "out", g_strdup (argv[5]), g_free);
  gtk_window_present (GTK_WINDOW (window));
  if (g_str_equal (argv[2], "timeline"))
    {
      LotseTimeline *timeline = lotse_timeline_panel_get_timeline (LOTSE_TIMELINE_PANEL (panel));

      gtk_widget_grab_focus (GTK_WIDGET (timeline));
      g_object_set_data (G_OBJECT (window), "timeline", timeline);
      if (g_getenv ("PREVIEW_LEGEND") != NULL)
        {
          GtkWidget *child = GTK_WIDGET (panel);

          /* the legend is the last button of the toolbar */
          while (child != NULL && !GTK_IS_MENU_BUTTON (child))
            {
              if (gtk_widget_get_first_child (child) != NULL && !GTK_IS_SCROLLED_WINDOW (child))
                child = gtk_widget_get_first_child (child);
              else
                {
                  while (child != NULL && gtk_widget_get_next_sibling (child) == NULL)
                    child = gtk_widget_get_parent (child);
                  child = child ? gtk_widget_get_next_sibling (child) : NULL;
                }
            }
          g_object_set_data (G_OBJECT (window), "legend", child);
        }
      if (g_getenv ("PREVIEW_TODAY"))
        lotse_timeline_set_today (timeline, g_getenv ("PREVIEW_TODAY"));
      if (argc > 7)
        lotse_timeline_set_zoom (timeline, atoi (argv[7]));
    }

  g_timeout_add (2500, capture, window);
  while (!done)
    g_main_context_iteration (NULL, TRUE);

  return 0;
}
