/* screenshot-window.c: pictures of the window's views for review and help
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 *   screenshot-window DB OUT.png WIDTH HEIGHT light|dark STATE [ARG]
 *
 * STATE: view NAME (portfolio, jourfixe or knowledge), project TITLE (the
 * project's page), finance TITLE (the project's page scrolled to its
 * finances), table (the portfolio as a table), filter (the portfolio's
 * filter popover with the programme drop-down open), article TITLE (shows
 * the article with that title), search TEXT (the knowledge list searched),
 * global TEXT (the Ctrl+K popover), edit TITLE (the article in the editor),
 * about (the About window), preferences (the Preferences), agenda TITLE (the meeting with that title in
 * minutes mode, its first item's editor open), minutes TITLE (the
 * meeting in minutes mode at its second item, as during the meeting),
 * meeting TITLE (the meeting's page), registers (the jour fixe's
 * registers), section NAME (a portfolio section: monitor, timeline or
 * directory), conflicts and resolve (the conflict window: its list, or
 * the resolution of its open conflict number ARG, the first by default;
 * the database needs open sync conflicts). Run under Xvfb; LANGUAGE picks
 * the language. my-actions NAME: My action items of that person, two
 * selected; open-actions TITLE: the meeting's page scrolled to the
 * series' open action items under its agenda; proposals TITLE: … to the
 * items proposed for it.
 * Not a test: it draws what a person would see.
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <locale.h>
#include <stdlib.h>

#include "lotse-application-private.h"
#include "lotse-agenda-row.h"
#include "lotse-conflict-window.h"
#include "lotse-finance-page.h"
#include "lotse-global-search-private.h"
#include "lotse-jourfixe-view-private.h"
#include "lotse-knowledge-view-private.h"
#include "lotse-meeting-detail-private.h"
#include "lotse-portfolio-view-private.h"
#include "lotse-window-private.h"

static void
iterate (guint msec)
{
  gint64 end = g_get_monotonic_time () + msec * 1000;

  while (g_get_monotonic_time () < end)
    if (!g_main_context_iteration (NULL, FALSE))
      g_usleep (2000);
}

static char *
find_record (LotseStore *store,
             const char *table,
             const char *field,
             const char *title)
{
  LotseFilter filter = { field, title };
  g_autoptr(GPtrArray) rows = lotse_store_list (store, table, &filter, 1, NULL, 1, 0, NULL);

  if (rows == NULL || rows->len == 0)
    g_error ("No %s “%s”", table, title);

  return g_strdup (lotse_record_get_id (g_ptr_array_index (rows, 0)));
}

/* The whole screen, popovers included (they are surfaces of their own),
 * cut to the window, which sits at the origin without a window manager */
static void
save_png (GtkWidget  *widget,
          const char *path)
{
  g_autofree char *geometry = g_strdup_printf ("%dx%d+0+0", gtk_widget_get_width (widget),
                                               gtk_widget_get_height (widget));
  const char *argv[] = { "import", "-window", "root", "-crop", geometry, path, NULL };
  g_autoptr(GError) error = NULL;
  int status = 0;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL,
                &status, &error);
  g_assert_no_error (error);
}

static void
show_knowledge (LotseWindow *window,
                LotseStore  *store,
                const char  *state,
                const char  *arg)
{
  LotseKnowledgeView *view = LOTSE_KNOWLEDGE_VIEW (lotse_window_get_view (window, "knowledge"));

  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-view", "s", "knowledge");
  iterate (500);

  if (g_str_equal (state, "search"))
    {
      LotseKnowledgeViewParts parts;

      lotse_knowledge_view_get_parts (view, &parts);
      gtk_editable_set_text (parts.search_entry, arg);
    }
  else
    {
      g_autofree char *id = find_record (store, "article", "title", arg);

      gtk_widget_activate_action (GTK_WIDGET (window), "win.open-record", "(ss)", "article", id);
      if (g_str_equal (state, "edit"))
        gtk_widget_activate_action (GTK_WIDGET (view), "knowledge.edit", NULL);
    }
}

/* The first widget of @type under @widget */
static GtkWidget *
find_child (GtkWidget *widget,
            GType      type)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = G_TYPE_CHECK_INSTANCE_TYPE (child, type) ? child : find_child (child, type);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static void
scroll_to_finance (GtkWidget *view)
{
  GtkWidget *page;
  GtkScrolledWindow *scrolled;
  graphene_point_t point;

  iterate (800);
  page = find_child (view, LOTSE_TYPE_FINANCE_PAGE);
  scrolled = GTK_SCROLLED_WINDOW (gtk_widget_get_ancestor (page, GTK_TYPE_SCROLLED_WINDOW));
  if (gtk_widget_compute_point (page, gtk_scrolled_window_get_child (scrolled), &GRAPHENE_POINT_INIT (0, 0), &point))
    gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (scrolled), point.y);
}

static void
show_portfolio (LotseWindow *window,
                LotseStore  *store,
                const char  *state,
                const char  *arg)
{
  LotsePortfolioView *view = LOTSE_PORTFOLIO_VIEW (lotse_window_get_view (window, "portfolio"));

  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-view", "s", "portfolio");
  iterate (500);

  if (g_str_equal (state, "project") || g_str_equal (state, "finance"))
    {
      g_autofree char *id = find_record (store, "project", "title", arg);

      gtk_widget_activate_action (GTK_WIDGET (window), "win.open-record", "(ss)", "project", id);
      if (g_str_equal (state, "finance"))
        scroll_to_finance (GTK_WIDGET (view));
    }
  else if (g_str_equal (state, "table"))
    {
      lotse_portfolio_view_set_show_table (view, TRUE);
    }
  else if (g_str_equal (state, "filter"))
    {
      GtkDropDown *programme = lotse_portfolio_view_get_filter (view, LOTSE_PORTFOLIO_FILTER_PROGRAMME);

      lotse_portfolio_view_set_show_table (view, FALSE);
      gtk_menu_button_popup (lotse_portfolio_view_get_filter_button (view));
      iterate (500);
      g_signal_emit_by_name (programme, "activate");
    }
}

static void
show_jourfixe (LotseWindow *window,
               LotseStore  *store,
               const char  *state,
               const char  *title)
{
  LotseJourfixeView *view = LOTSE_JOURFIXE_VIEW (lotse_window_get_view (window, "jourfixe"));

  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-view", "s", "jourfixe");
  iterate (500);
  if (g_str_equal (state, "registers"))
    {
      gtk_widget_activate_action (GTK_WIDGET (view), "jourfixe.show-registers", NULL);
    }
  else
    {
      g_autofree char *id = find_record (store, "meeting", "title", title);

      gtk_widget_activate_action (GTK_WIDGET (window), "win.open-record", "(ss)", "meeting", id);
    }
}

static void
show_section (LotseWindow *window,
              const char  *name)
{
  LotsePortfolioView *view = LOTSE_PORTFOLIO_VIEW (lotse_window_get_view (window, "portfolio"));

  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-view", "s", "portfolio");
  iterate (500);
  gtk_stack_set_visible_child_name (lotse_portfolio_view_get_sections (view), name);
}

/* The conflict window as the app opens it, over its own engine as
 * tests/sync-preview.c does; "resolve" opens conflict number ARG. */
static GtkWidget *
show_conflicts (LotseWindow *window,
                LotseStore  *store,
                const char  *state,
                const char  *arg,
                int          width,
                int          height)
{
  g_autoptr(LotseSyncEngine) engine = g_object_new (LOTSE_TYPE_SYNC_ENGINE, "store", store,
                                                    "automatic", FALSE, NULL);
  LotseConflictWindow *conflicts = lotse_conflict_window_new (engine);

  gtk_window_set_default_size (GTK_WINDOW (conflicts), width, height);
  gtk_widget_set_visible (GTK_WIDGET (window), FALSE);
  if (g_str_equal (state, "resolve"))
    {
      g_autoptr(GPtrArray) open = lotse_store_sync_list_conflicts (store, FALSE, NULL);

      guint n = arg != NULL ? (guint) atoi (arg) : 0;

      if (open == NULL || open->len <= n)
        g_error ("No open conflict %u", n);
      lotse_conflict_window_show_conflict (conflicts,
                                           ((LotseConflict *) g_ptr_array_index (open, n))->id);
    }
  gtk_window_present (GTK_WINDOW (conflicts));

  return GTK_WIDGET (conflicts);
}

static void
show_agenda (LotseWindow *window,
             LotseStore  *store,
             const char  *state,
             const char  *title)
{
  LotseJourfixeView *view = LOTSE_JOURFIXE_VIEW (lotse_window_get_view (window, "jourfixe"));
  g_autofree char *id = find_record (store, "meeting", "title", title);
  LotseMeetingDetail *detail;

  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-view", "s", "jourfixe");
  iterate (500);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.open-record", "(ss)", "meeting", id);
  iterate (500);
  gtk_widget_activate_action (GTK_WIDGET (view), "jourfixe.toggle-minutes", NULL);
  iterate (300);
  detail = lotse_jourfixe_view_get_meeting_detail (view);
  if (g_str_equal (state, "minutes"))
    gtk_widget_activate_action (GTK_WIDGET (detail), "meeting.next-item", NULL);
  else if (lotse_meeting_detail_get_n_items (detail) > 0)
    lotse_agenda_row_set_expanded (lotse_meeting_detail_get_row (detail, 0), TRUE);
}

/* My action items of the person named @name, the first two selected;
 * the setting goes to the GSettings backend of the environment. */
static void
show_my_actions (LotseWindow *window,
                 LotseStore  *store,
                 const char  *name)
{
  LotseJourfixeView *view = LOTSE_JOURFIXE_VIEW (lotse_window_get_view (window, "jourfixe"));
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);
  g_autofree char *id = find_record (store, "person", "name", name);
  GtkSelectionModel *selection;

  g_settings_set_string (settings, "me-person-id", id);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-view", "s", "jourfixe");
  iterate (500);
  gtk_widget_activate_action (GTK_WIDGET (view), "jourfixe.show-my-actions", NULL);
  iterate (300);
  selection = lotse_my_actions_get_selection (lotse_jourfixe_view_get_my_actions (view));
  gtk_selection_model_select_item (selection, 0, TRUE);
  gtk_selection_model_select_item (selection, 1, FALSE);
}

/* The meeting's page with the series' open action items under its
 * agenda, or the items proposed for it. */
static void
show_meeting (LotseWindow *window,
              LotseStore  *store,
              const char  *state,
              const char  *title)
{
  LotseJourfixeView *view = LOTSE_JOURFIXE_VIEW (lotse_window_get_view (window, "jourfixe"));
  g_autofree char *id = find_record (store, "meeting", "title", title);
  LotseMeetingDetail *detail;

  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-view", "s", "jourfixe");
  iterate (500);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.open-record", "(ss)", "meeting", id);
  iterate (800);
  detail = lotse_jourfixe_view_get_meeting_detail (view);
  /* The last proposal, so the list is shown whole. */
  if (g_str_equal (state, "proposals"))
    gtk_widget_grab_focus (gtk_widget_get_last_child (GTK_WIDGET (lotse_meeting_proposals_get_list (detail->proposals))));
  else
    gtk_widget_grab_focus (GTK_WIDGET (lotse_open_actions_get_list (detail->open_actions)));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(LotseApplication) app = NULL;
  g_autoptr(LotseStore) store = NULL;
  g_autoptr(GError) error = NULL;
  LotseWindow *window;
  GtkWidget *shown;
  const char *state;
  const char *arg;

  if (argc < 7)
    {
      g_printerr ("usage: %s DB OUT.png WIDTH HEIGHT light|dark STATE [ARG]\n", argv[0]);
      return 2;
    }
  state = argv[6];
  arg = argc > 7 ? argv[7] : "";

  /* As src/main.c: LOTSE_LOCALEDIR=_build/po finds the build's translations. */
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("LOTSE_LOCALEDIR") != NULL ? g_getenv ("LOTSE_LOCALEDIR")
                                                                         : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  gtk_init ();
  adw_init ();

  adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                      g_str_equal (argv[5], "dark") ? ADW_COLOR_SCHEME_FORCE_DARK
                                                                    : ADW_COLOR_SCHEME_FORCE_LIGHT);

  store = lotse_store_open (argv[1], &error);
  g_assert_no_error (error);

  app = lotse_application_new (APPLICATION_ID ".Screenshot", G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);
  lotse_application_set_store (app, store);
  g_application_activate (G_APPLICATION (app));

  window = LOTSE_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (app)));
  gtk_window_set_default_size (GTK_WINDOW (window), atoi (argv[3]), atoi (argv[4]));
  iterate (800);
  shown = GTK_WIDGET (window);

  if (g_str_equal (state, "view"))
    {
      gtk_widget_activate_action (GTK_WIDGET (window), "win.show-view", "s", arg);
    }
  else if (g_str_equal (state, "project") || g_str_equal (state, "finance") ||
           g_str_equal (state, "table") || g_str_equal (state, "filter"))
    {
      show_portfolio (window, store, state, arg);
    }
  else if (g_str_equal (state, "article") || g_str_equal (state, "edit") ||
           g_str_equal (state, "search"))
    {
      show_knowledge (window, store, state, arg);
    }
  else if (g_str_equal (state, "global"))
    {
      GtkWidget *popover = lotse_window_get_global_search (window);

      gtk_widget_activate_action (GTK_WIDGET (window), "win.global-search", NULL);
      iterate (300);
      gtk_editable_set_text (lotse_global_search_get_entry (LOTSE_GLOBAL_SEARCH (popover)), arg);
    }
  else if (g_str_equal (state, "agenda") || g_str_equal (state, "minutes"))
    {
      show_agenda (window, store, state, arg);
    }
  else if (g_str_equal (state, "meeting") || g_str_equal (state, "registers"))
    {
      show_jourfixe (window, store, state, arg);
    }
  else if (g_str_equal (state, "section"))
    {
      show_section (window, arg);
    }
  else if (g_str_equal (state, "conflicts") || g_str_equal (state, "resolve"))
    {
      shown = show_conflicts (window, store, state, arg, atoi (argv[3]), atoi (argv[4]));
    }
  else if (g_str_equal (state, "my-actions"))
    {
      show_my_actions (window, store, arg);
    }
  else if (g_str_equal (state, "open-actions") || g_str_equal (state, "proposals"))
    {
      show_meeting (window, store, state, arg);
    }
  else if (g_str_equal (state, "about") || g_str_equal (state, "preferences"))
    {
      g_action_group_activate_action (G_ACTION_GROUP (app), state, NULL);
    }

  iterate (1500);
  save_png (shown, argv[2]);

  if (shown != GTK_WIDGET (window))
    gtk_window_destroy (GTK_WINDOW (shown));
  gtk_window_destroy (GTK_WINDOW (window));
  iterate (100);

  return 0;
}
