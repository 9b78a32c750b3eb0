/* a11y-harness.c: the app in each of its views and main states, for test-a11y.py
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Not a test of its own: test-a11y.py starts it, reads the names of the
 * states from its first line ("states A B C"), and for each one writes
 * "state A" to its standard input; the harness brings the real window over
 * the demo programme into that state, waits until every panel has loaded
 * and answers "ready A". The script then walks the accessibility tree over
 * AT-SPI, as a screen reader does. "quit" ends it.
 */

#include "config.h"

#include <adwaita.h>
#include <stdio.h>

#include "lotse-application-private.h"
#include "lotse-directory-panel.h"
#include "lotse-jourfixe-view-private.h"
#include "lotse-knowledge-view-private.h"
#include "lotse-conflict-window.h"
#include "lotse-global-search-private.h"
#include "lotse-monitor-panel.h"
#include "lotse-portfolio-table.h"
#include "lotse-portfolio-view-private.h"
#include "lotse-store-sync.h"
#include "lotse-test-helpers.h"
#include "lotse-test-ui.h"
#include "lotse-timeline.h"
#include "lotse-window-private.h"

typedef struct
{
  const char *name;
  void      (*enter) (void);
} State;

static LotseApplication *app;
static LotseStore *store;
static LotseWindow *window;

static char *
first_id (const char *sql)
{
  char *id = lotse_test_query_text (lotse_store_get_path (store), sql);

  g_assert_nonnull (id);
  return id;
}

static GtkWidget *
view (const char *name)
{
  return lotse_window_get_view (window, name);
}

static GtkWidget *
section (const char *name)
{
  GtkStack *sections = lotse_portfolio_view_get_sections (LOTSE_PORTFOLIO_VIEW (view ("portfolio")));

  gtk_stack_set_visible_child_name (sections, name);
  return gtk_stack_get_child_by_name (sections, name);
}

static void
show (const char *view_name,
      const char *table,
      const char *sql)
{
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-view", "s", view_name);
  if (table != NULL)
    {
      g_autofree char *id = first_id (sql);

      gtk_widget_activate_action (GTK_WIDGET (window), "win.open-record", "(ss)", table, id);
    }
  lotse_test_iterate_idle ();
}

static gboolean
menu_button_with_tooltip (GtkWidget     *widget,
                          gconstpointer  data)
{
  return gtk_widget_get_mapped (widget) && g_strcmp0 (gtk_widget_get_tooltip_text (widget), data) == 0;
}

/* Opens the menu button with the tooltip @tooltip under @root. */
static void
pop_up (GtkWidget  *root,
        const char *tooltip)
{
  GtkWidget *button = lotse_test_find_widget_matching (root, GTK_TYPE_MENU_BUTTON, menu_button_with_tooltip, tooltip);

  g_assert_nonnull (button);
  gtk_menu_button_popup (GTK_MENU_BUTTON (button));
  lotse_test_iterate_idle ();
}

#define PROJECT_SQL "SELECT p.id FROM project AS p WHERE p.deleted = 0 AND p.status = 'running'" \
  " AND EXISTS (SELECT 1 FROM project_partner AS x WHERE x.project_id = p.id AND x.deleted = 0)" \
  " AND EXISTS (SELECT 1 FROM status_report AS r WHERE r.project_id = p.id AND r.deleted = 0)" \
  " ORDER BY p.title LIMIT 1"
#define MEETING_SQL "SELECT m.id FROM meeting AS m WHERE m.deleted = 0 AND m.series_id IS NOT NULL" \
  " AND EXISTS (SELECT 1 FROM decision AS d JOIN agenda_item AS a ON a.id = d.agenda_item_id" \
  "             WHERE a.meeting_id = m.id AND d.deleted = 0)" \
  " ORDER BY m.starts_at DESC LIMIT 1"

static void
enter_projects (void)
{
  show ("portfolio", NULL, NULL);
  section ("projects");
}

static void
enter_project (void)
{
  show ("portfolio", "project", PROJECT_SQL);
}

static void
enter_project_filters (void)
{
  enter_projects ();
  pop_up (view ("portfolio"), "Filter and Sort");
}

static gboolean
monitor_loaded (gpointer data)
{
  return !lotse_monitor_panel_is_loading (data);
}

static void
enter_monitor (void)
{
  show ("portfolio", NULL, NULL);
  g_assert_true (lotse_test_wait_until (monitor_loaded, section ("monitor")));
}

static gboolean
timeline_loaded (gpointer data)
{
  return !lotse_timeline_is_loading (data) && lotse_timeline_get_n_projects (data) > 0;
}

static void
enter_timeline (void)
{
  show ("portfolio", NULL, NULL);
  g_assert_true (lotse_test_wait_until (timeline_loaded,
                                        lotse_timeline_panel_get_timeline (LOTSE_TIMELINE_PANEL (section ("timeline")))));
  pop_up (section ("timeline"), "Legend");
}

static gboolean
directory_loaded (gpointer data)
{
  return !lotse_directory_panel_is_loading (data);
}

static void
enter_directory (void)
{
  GtkWidget *panel;
  g_autofree char *id = first_id ("SELECT o.id FROM organisation AS o WHERE o.deleted = 0"
                                  " AND EXISTS (SELECT 1 FROM person AS p WHERE p.organisation_id = o.id)"
                                  " ORDER BY o.name LIMIT 1");

  show ("portfolio", NULL, NULL);
  panel = section ("directory");
  g_assert_true (lotse_test_wait_until (directory_loaded, panel));
  g_assert_true (lotse_directory_panel_show_record (LOTSE_DIRECTORY_PANEL (panel), "organisation", id));
  lotse_test_iterate_idle ();
}

static void
enter_directory_new (void)
{
  enter_directory ();
  lotse_directory_panel_new_record (LOTSE_DIRECTORY_PANEL (section ("directory")), "person");
  lotse_test_iterate_idle ();
}

static void
enter_meeting (void)
{
  show ("jourfixe", "meeting", MEETING_SQL);
  lotse_meeting_detail_set_details_expanded (lotse_jourfixe_view_get_meeting_detail (LOTSE_JOURFIXE_VIEW (view ("jourfixe"))),
                                             TRUE);
  lotse_test_iterate_idle ();
}

static void
enter_minutes (void)
{
  LotseMeetingDetail *detail = lotse_jourfixe_view_get_meeting_detail (LOTSE_JOURFIXE_VIEW (view ("jourfixe")));

  enter_meeting ();
  lotse_meeting_detail_set_minutes (detail, TRUE);
  for (guint i = 0; i < lotse_meeting_detail_get_n_items (detail); i++)
    gtk_widget_activate_action (GTK_WIDGET (lotse_meeting_detail_get_row (detail, i)),
                                "agenda-item.toggle-expanded", NULL);
  lotse_test_iterate_idle ();
}

static void
enter_series (void)
{
  show ("jourfixe", "meeting_series", "SELECT id FROM meeting_series WHERE deleted = 0 ORDER BY title LIMIT 1");
}

static gboolean
registers_loaded (gpointer data)
{
  return !lotse_registers_is_loading (data);
}

static void
enter_registers (void)
{
  show ("jourfixe", NULL, NULL);
  gtk_widget_activate_action (view ("jourfixe"), "jourfixe.show-registers", NULL);
  g_assert_true (lotse_test_wait_until (registers_loaded,
                                        lotse_jourfixe_view_get_registers (LOTSE_JOURFIXE_VIEW (view ("jourfixe")))));
}

static void
enter_article (void)
{
  show ("knowledge", "article", "SELECT a.id FROM article AS a WHERE a.deleted = 0"
        " AND EXISTS (SELECT 1 FROM article_tag AS t WHERE t.article_id = a.id AND t.deleted = 0)"
        " ORDER BY a.title LIMIT 1");
}

static void
enter_article_editor (void)
{
  enter_article ();
  gtk_widget_activate_action (view ("knowledge"), "knowledge.edit", NULL);
  lotse_test_iterate_idle ();
}

static gboolean
search_done (gpointer data)
{
  return !lotse_knowledge_view_is_searching (data);
}

static void
enter_article_search (void)
{
  LotseKnowledgeView *knowledge = LOTSE_KNOWLEDGE_VIEW (view ("knowledge"));

  show ("knowledge", NULL, NULL);
  gtk_editable_set_text (GTK_EDITABLE (knowledge->search_entry), "Förder");
  g_assert_true (lotse_test_wait_until (search_done, knowledge));
}

static gboolean
global_search_done (gpointer data)
{
  return g_strcmp0 (lotse_global_search_get_state (data), "results") == 0;
}

/* Ctrl+K with its hits, each with kind and context. */
static void
enter_global_search (void)
{
  LotseGlobalSearch *search = LOTSE_GLOBAL_SEARCH (lotse_window_get_global_search (window));

  show ("portfolio", NULL, NULL);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.global-search", NULL);
  lotse_test_iterate_idle ();
  gtk_editable_set_text (lotse_global_search_get_entry (search), "Lernreise");
  g_assert_true (lotse_test_wait_until (global_search_done, search));
}

static gboolean
table_loaded (gpointer data)
{
  return !lotse_portfolio_table_get_loading (data) &&
         g_list_model_get_n_items (lotse_portfolio_table_get_rows (data)) > 0;
}

/* The portfolio as a table, instead of the list. */
static void
enter_portfolio_table (void)
{
  LotsePortfolioView *portfolio = LOTSE_PORTFOLIO_VIEW (view ("portfolio"));

  enter_projects ();
  /* As a click does: the button toggles through its action. */
  g_assert_true (gtk_widget_activate (GTK_WIDGET (lotse_portfolio_view_get_table_toggle (portfolio))));
  g_assert_true (lotse_test_wait_until (table_loaded, lotse_portfolio_view_get_table (portfolio)));
}

/* A conflict as a sync leaves it: this device's title against the
 * server's, each with when it was changed. */
static char *
add_conflict (void)
{
  g_autofree char *id = first_id ("SELECT id FROM article WHERE deleted = 0 ORDER BY title LIMIT 1");
  g_autoptr(GError) error = NULL;

  g_assert_true (lotse_store_sync_add_conflict (store, "op-a11y", "article", id, "[\"title\"]",
                                                "{\"rev\": 1, \"deleted\": false, \"changed_at\": \"2026-12-01T09:00:00Z\","
                                                " \"fields\": {\"title\": \"Protokoll JF 12.03.\"}}",
                                                "{\"rev\": 2, \"deleted\": false, \"changed_at\": \"2026-12-01T10:00:00Z\","
                                                " \"fields\": {\"title\": \"Protokoll Jour fixe März\"}}",
                                                NULL, 2, NULL, &error));
  g_assert_no_error (error);
  return first_id ("SELECT id FROM conflicts WHERE resolved_at IS NULL LIMIT 1");
}

static void
enter_conflicts (void)
{
  g_autofree char *conflict = add_conflict ();

  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-conflicts", NULL);
  lotse_test_iterate_idle ();
  g_assert_nonnull (lotse_test_find_toplevel (LOTSE_TYPE_CONFLICT_WINDOW));
}

static void
enter_conflict_resolve (void)
{
  g_autofree char *conflict = add_conflict ();
  LotseConflictWindow *conflicts;

  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-conflicts", NULL);
  lotse_test_iterate_idle ();
  conflicts = LOTSE_CONFLICT_WINDOW (lotse_test_find_toplevel (LOTSE_TYPE_CONFLICT_WINDOW));
  g_assert_nonnull (conflicts);
  g_assert_true (lotse_conflict_window_show_conflict (conflicts, conflict));
  lotse_test_iterate_idle ();
}

static void
enter_main_menu (void)
{
  show ("portfolio", NULL, NULL);
  pop_up (GTK_WIDGET (window), "Main Menu");
}

static void
enter_new_project (void)
{
  enter_projects ();
  gtk_widget_activate_action (view ("portfolio"), "portfolio.new-project", NULL);
  lotse_test_iterate_idle ();
}

static void
enter_new_milestone (void)
{
  enter_project ();
  gtk_widget_activate_action (view ("portfolio"), "portfolio.new-milestone", NULL);
  lotse_test_iterate_idle ();
}

static void
enter_overview_dialog (void)
{
  gtk_widget_activate_action (GTK_WIDGET (window), "win.export-milestone-report", NULL);
  lotse_test_iterate_idle ();
}

static void
enter_preferences (void)
{
  gtk_widget_activate_action (GTK_WIDGET (window), "app.preferences", NULL);
  lotse_test_iterate_idle ();
}

static void
enter_status_report (void)
{
  enter_project ();
  gtk_widget_activate_action (view ("portfolio"), "portfolio.add-status-report", NULL);
  lotse_test_iterate_idle ();
}

static void
enter_meeting_menu (void)
{
  enter_meeting ();
  pop_up (view ("jourfixe"), "Meeting Menu");
}

static void
enter_sync_menu (void)
{
  GtkWidget *button = lotse_test_find_widget_matching (lotse_window_get_sync_button (window), GTK_TYPE_MENU_BUTTON,
                                                       NULL, NULL);

  gtk_menu_button_popup (GTK_MENU_BUTTON (button));
  lotse_test_iterate_idle ();
}

static void
enter_window_action (const char *action)
{
  gtk_widget_activate_action (GTK_WIDGET (window), action, NULL);
  lotse_test_iterate_idle ();
}

static void enter_shortcuts_window (void) { enter_window_action ("win.show-help-overlay"); }
static void enter_about (void) { enter_window_action ("app.about"); }

static void
enter_narrow_project (void)
{
  gtk_window_set_default_size (GTK_WINDOW (window), 360, 720);
  enter_project ();
}

static const State states[] = {
  { "projects", enter_projects },
  { "project", enter_project },
  { "project-filters", enter_project_filters },
  { "monitor", enter_monitor },
  { "timeline", enter_timeline },
  { "directory", enter_directory },
  { "directory-new", enter_directory_new },
  { "meeting", enter_meeting },
  { "minutes", enter_minutes },
  { "series", enter_series },
  { "registers", enter_registers },
  { "article", enter_article },
  { "article-editor", enter_article_editor },
  { "article-search", enter_article_search },
  { "global-search", enter_global_search },
  { "portfolio-table", enter_portfolio_table },
  { "conflicts", enter_conflicts },
  { "conflict-resolve", enter_conflict_resolve },
  { "main-menu", enter_main_menu },
  { "new-project", enter_new_project },
  { "new-milestone", enter_new_milestone },
  { "overview-dialog", enter_overview_dialog },
  { "preferences", enter_preferences },
  { "status-report", enter_status_report },
  { "meeting-menu", enter_meeting_menu },
  { "sync-menu", enter_sync_menu },
  { "shortcuts-window", enter_shortcuts_window },
  { "about", enter_about },
  { "narrow-project", enter_narrow_project },
};

/* Every state starts from a fresh window, so that one state's dialogs
 * and popovers do not stay in the next one's tree. */
static void
new_window (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);

  lotse_test_destroy_toplevels (NULL);
  /* Each state begins with the list, whatever the last one chose. */
  g_settings_reset (settings, "portfolio-table");
  window = lotse_window_new (GTK_APPLICATION (app), store);
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  gtk_window_present (GTK_WINDOW (window));
  lotse_test_iterate_idle ();
}

static gboolean
on_command (GIOChannel   *channel,
            GIOCondition  condition,
            gpointer      user_data)
{
  g_autofree char *line = NULL;

  if (g_io_channel_read_line (channel, &line, NULL, NULL, NULL) != G_IO_STATUS_NORMAL ||
      g_str_has_prefix (line, "quit"))
    {
      g_application_quit (G_APPLICATION (app));
      return G_SOURCE_REMOVE;
    }

  g_strstrip (line);
  for (guint i = 0; i < G_N_ELEMENTS (states); i++)
    if (g_str_equal (line + strlen ("state "), states[i].name))
      {
        new_window ();
        states[i].enter ();
        lotse_test_iterate_idle ();
        printf ("ready %s\n", states[i].name);
        fflush (stdout);
        return G_SOURCE_CONTINUE;
      }

  g_printerr ("Unknown command: %s\n", line);
  printf ("unknown\n");
  fflush (stdout);
  return G_SOURCE_CONTINUE;
}

static void
on_activate (GApplication *application)
{
  g_autoptr(GIOChannel) input = g_io_channel_unix_new (0);

  g_application_hold (application);
  g_io_add_watch (input, G_IO_IN | G_IO_HUP, on_command, NULL);

  printf ("states");
  for (guint i = 0; i < G_N_ELEMENTS (states); i++)
    printf (" %s", states[i].name);
  printf ("\n");
  fflush (stdout);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  int status;

  gtk_init ();
  adw_init ();

  store = lotse_test_open_store (&dir);
  g_assert_true (lotse_demo_load (store, NULL, NULL, &error));
  g_assert_no_error (error);

  app = lotse_application_new (APPLICATION_ID, G_APPLICATION_NON_UNIQUE);
  lotse_application_set_store (app, store);
  g_signal_connect (app, "activate", G_CALLBACK (on_activate), NULL);
  status = g_application_run (G_APPLICATION (app), 1, argv);

  lotse_test_destroy_toplevels (NULL);
  g_clear_object (&app);
  g_clear_object (&store);
  lotse_test_remove_tree (dir);

  return status;
}
