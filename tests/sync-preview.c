/* sync-preview.c: shows the sync UI over a database for screenshots
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 *   sync-preview DATABASE popover|preferences|conflicts|resolve|list|page WIDTH HEIGHT [dark]
 *
 * LOTSE_PREVIEW_TABLE=article resolves the first conflict of that table.
 *
 * Not a test: build-aux/sync-screenshots.sh runs it under Xvfb and takes
 * the screen with ImageMagick's import (popovers are surfaces of their own,
 * so a widget paintable would miss them). The account is the database's
 * (lotse-cli sync set it up), the token the file beside the database
 * (LOTSE_CREDENTIALS=file); a copy of the database without that file
 * shows the views of a device that is not connected. The language follows
 * LANGUAGE as in the app. "list" and "page" show the main window with the
 * conflict badges: the project list, and the page of the first project
 * with a conflict (or of the first record of the table LOTSE_PREVIEW_TABLE).
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <locale.h>
#include <stdlib.h>

#include "lotse-application.h"
#include "lotse-conflict-window.h"
#include "lotse-preferences-window.h"
#include "lotse-sync-button.h"
#include "lotse-sync-server-page.h"
#include "lotse-window.h"

static gboolean
popup_cb (gpointer data)
{
  lotse_sync_button_popup (LOTSE_SYNC_BUTTON (data));
  return G_SOURCE_REMOVE;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LotseStore) store = NULL;
  g_autoptr(LotseSyncEngine) engine = NULL;
  const char *scene;
  int width;
  int height;
  GtkWindow *window = NULL;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("LOTSE_LOCALEDIR") ? g_getenv ("LOTSE_LOCALEDIR") : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  if (argc < 5)
    {
      g_printerr ("usage: %s DATABASE popover|preferences|conflicts|resolve|list|page WIDTH HEIGHT [dark]\n", argv[0]);
      return 2;
    }
  scene = argv[2];
  width = atoi (argv[3]);
  height = atoi (argv[4]);

  gtk_init ();
  adw_init ();
  if (argc > 5 && g_str_equal (argv[5], "dark"))
    adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_DARK);

  store = lotse_store_open (argv[1], &error);
  if (store == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }

  engine = g_object_new (LOTSE_TYPE_SYNC_ENGINE, "store", store, "automatic", FALSE, NULL);
  if (g_getenv ("LOTSE_PREVIEW_SYNC") != NULL)
    lotse_sync_engine_sync_now (engine);

  if (g_str_equal (scene, "popover"))
    {
      GtkWidget *header = adw_header_bar_new ();
      GtkWidget *button = lotse_sync_button_new ();
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
      GtkWidget *page = adw_status_page_new ();

      GtkWidget *menu = gtk_menu_button_new ();

      window = GTK_WINDOW (adw_window_new ());
      lotse_sync_button_set_engine (LOTSE_SYNC_BUTTON (button), engine);
      adw_header_bar_set_title_widget (ADW_HEADER_BAR (header), adw_window_title_new ("Lotse", NULL));
      gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (menu), "open-menu-symbolic");
      adw_header_bar_pack_end (ADW_HEADER_BAR (header), menu);
      adw_header_bar_pack_end (ADW_HEADER_BAR (header), button);
      gtk_box_append (GTK_BOX (box), header);
      gtk_widget_set_vexpand (page, TRUE);
      gtk_box_append (GTK_BOX (box), page);
      adw_window_set_content (ADW_WINDOW (window), box);
      {
        /* The window's actions, so that the popover's buttons look as in the app */
        static const GActionEntry entries[] = { { "sync-now" }, { "show-conflicts" } };
        g_autoptr(GSimpleActionGroup) group = g_simple_action_group_new ();

        g_action_map_add_action_entries (G_ACTION_MAP (group), entries, G_N_ELEMENTS (entries), NULL);
        gtk_widget_insert_action_group (GTK_WIDGET (window), "win", G_ACTION_GROUP (group));
      }
      g_timeout_add (g_getenv ("LOTSE_PREVIEW_SYNC") ? 3000 : 800, popup_cb, button);
    }
  else if (g_str_equal (scene, "preferences"))
    {
      window = GTK_WINDOW (lotse_preferences_window_new (argv[1]));
      adw_preferences_window_add (ADW_PREFERENCES_WINDOW (window),
                                  ADW_PREFERENCES_PAGE (lotse_sync_server_page_new (engine)));
      adw_preferences_window_set_visible_page_name (ADW_PREFERENCES_WINDOW (window), "server");
    }
  else if (g_str_equal (scene, "conflicts") || g_str_equal (scene, "resolve"))
    {
      window = GTK_WINDOW (lotse_conflict_window_new (engine));
      if (g_str_equal (scene, "resolve"))
        {
          g_autoptr(GPtrArray) conflicts = lotse_store_sync_list_conflicts (store, FALSE, NULL);

          if (conflicts != NULL && conflicts->len > 0)
            {
              LotseConflict *conflict = g_ptr_array_index (conflicts, 0);
              const char *table = g_getenv ("LOTSE_PREVIEW_TABLE");

              /* LOTSE_PREVIEW_TABLE=article: the first conflict of that table */
              for (guint i = 0; table != NULL && i < conflicts->len; i++)
                if (g_str_equal (((LotseConflict *) g_ptr_array_index (conflicts, i))->table, table))
                  {
                    conflict = g_ptr_array_index (conflicts, i);
                    break;
                  }

              lotse_conflict_window_show_conflict (LOTSE_CONFLICT_WINDOW (window), conflict->id);
              if (g_getenv ("LOTSE_PREVIEW_EDIT") != NULL)
                lotse_conflict_window_edit (LOTSE_CONFLICT_WINDOW (window), g_getenv ("LOTSE_PREVIEW_EDIT"),
                                            g_getenv ("LOTSE_PREVIEW_EDIT_TEXT"));
            }
        }
    }
  else if (g_str_equal (scene, "list") || g_str_equal (scene, "page"))
    {
      LotseApplication *app = lotse_application_new (APPLICATION_ID, G_APPLICATION_NON_UNIQUE);

      g_application_register (G_APPLICATION (app), NULL, NULL);
      window = GTK_WINDOW (lotse_window_new (GTK_APPLICATION (app), store));
      if (g_str_equal (scene, "page"))
        {
          g_autoptr(GPtrArray) conflicts = lotse_store_sync_list_conflicts (store, FALSE, NULL);

          for (guint i = 0; conflicts != NULL && i < conflicts->len; i++)
            {
              LotseConflict *conflict = g_ptr_array_index (conflicts, i);

              if (g_str_equal (conflict->table, g_getenv ("LOTSE_PREVIEW_TABLE") ? g_getenv ("LOTSE_PREVIEW_TABLE")
                                                                                  : "project"))
                {
                  gtk_widget_activate_action (GTK_WIDGET (window), "win.open-record", "(ss)",
                                              conflict->table, conflict->row_id);
                  break;
                }
            }
        }
    }
  else
    {
      g_printerr ("unknown scene %s\n", scene);
      return 2;
    }

  gtk_window_set_default_size (window, width, height);
  gtk_window_present (window);

  while (g_list_model_get_n_items (gtk_window_get_toplevels ()) > 0)
    g_main_context_iteration (NULL, TRUE);

  return 0;
}
