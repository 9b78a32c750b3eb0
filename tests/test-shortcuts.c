/* test-shortcuts.c: every shortcut of the shortcuts window does what it says
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs under Xvfb. Reads the shortcuts window (gtk/help-overlay.ui) as the
 * user sees it and, for each shortcut, brings a real window over the demo
 * programme into the state where it applies, presses the keys through the
 * X server (XTest: the event takes GTK's whole path, the application's
 * accelerators, the views' shortcut controllers and the widgets' key
 * bindings, in the order GTK gives them) and checks the effect: the dialog
 * that opened, the view that shows, the row that changed in the store.
 *
 * The focus is where a mouse user leaves it: on the button of the view
 * switcher (or the section switcher) that brought the view up, unless the
 * shortcut acts on a focused item (a milestone, an agenda item, the
 * timeline), where the item has it. A shortcut of the window without a
 * check here fails, so that a new shortcut gets one.
 */

#include "config.h"

#include <adwaita.h>
#include <gdk/x11/gdkx.h>

#include "lotse-application-private.h"
#include "lotse-directory-panel.h"
#include "lotse-jourfixe-view-private.h"
#include "lotse-knowledge-view-private.h"
#include "lotse-portfolio-view-private.h"
#include "lotse-test-helpers.h"
#include "lotse-test-ui.h"
#include "lotse-timeline.h"
#include "lotse-window-private.h"

typedef struct
{
  LotseWindow *window;
  char        *project_id;     /* a running project with milestones and partners */
  char        *milestone_id;   /* an open milestone of it */
  char        *article_id;
  char        *meeting_id;     /* a meeting with at least two agenda items */
  char        *item_id;        /* its second agenda item */
  char        *organisation_id;
  gint64       before;         /* a count or position taken by the setup */
  double       before_value;
  char        *before_text;
} Fixture;

typedef void (*Setup) (Fixture *f);
typedef gboolean (*Effect) (Fixture *f);

typedef struct
{
  const char *group;   /* the shortcuts window's group and title, untranslated */
  const char *title;
  Setup       setup;
  Effect      effect;
} Check;

typedef struct
{
  char *group;
  char *title;
  char *accelerator;   /* one key combination of the shortcut */
} Shortcut;

static LotseApplication *app;
static LotseStore *store;
static char *store_dir;
static guint n_help, n_quit;

static GtkWidget *
view (Fixture    *f,
      const char *name)
{
  return lotse_window_get_view (f->window, name);
}

static LotsePortfolioView *
portfolio (Fixture *f)
{
  return LOTSE_PORTFOLIO_VIEW (view (f, "portfolio"));
}

static GtkWidget *
section (Fixture    *f,
         const char *name)
{
  return gtk_stack_get_child_by_name (lotse_portfolio_view_get_sections (portfolio (f)), name);
}

static LotseTimeline *
timeline (Fixture *f)
{
  return lotse_timeline_panel_get_timeline (LOTSE_TIMELINE_PANEL (section (f, "timeline")));
}

static gint64
count (const char *table,
       const char *where)
{
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM %s WHERE deleted = 0%s%s", table,
                                          where ? " AND " : "", where ? where : "");

  return lotse_test_query_int (lotse_store_get_path (store), sql);
}

static char *
first_id (const char *sql)
{
  char *id = lotse_test_query_text (lotse_store_get_path (store), sql);

  g_assert_nonnull (id);
  return id;
}

/* --- states ------------------------------------------------------------- */

static gboolean
switcher_mapped (gpointer window)
{
  return lotse_test_find_widget_matching (GTK_WIDGET (window), ADW_TYPE_VIEW_SWITCHER,
                                          lotse_test_is_mapped, NULL) != NULL;
}

static void
show_view (Fixture    *f,
           const char *name)
{
  static const char * const names[] = { "portfolio", "jourfixe", "knowledge" };
  GtkWidget *switcher, *button;

  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-view", "s", name);
  lotse_test_iterate_idle ();

  /* The focus stays on the switcher's button the user clicked; the
   * buttons are in the order of the views. Under load the switcher may
   * be mapped a few frames after the view changed. */
  g_assert_true (lotse_test_wait_until (switcher_mapped, f->window));
  switcher = lotse_test_find_widget_matching (GTK_WIDGET (f->window), ADW_TYPE_VIEW_SWITCHER, lotse_test_is_mapped, NULL);
  g_assert_nonnull (switcher);
  button = gtk_widget_get_first_child (switcher);
  for (guint i = 0; button != NULL && !g_str_equal (names[i], name); i++)
    button = gtk_widget_get_next_sibling (button);
  g_assert_nonnull (button);
  gtk_widget_grab_focus (button);
  lotse_test_iterate_idle ();
}

static void
show_section (Fixture    *f,
              const char *name)
{
  GtkStack *sections = lotse_portfolio_view_get_sections (portfolio (f));
  GtkWidget *switcher = lotse_portfolio_view_get_switcher (portfolio (f));
  GtkWidget *button = gtk_widget_get_first_child (switcher);
  g_autoptr(GListModel) pages = G_LIST_MODEL (gtk_stack_get_pages (sections));

  show_view (f, "portfolio");
  gtk_stack_set_visible_child_name (sections, name);
  for (guint i = 0; i < g_list_model_get_n_items (pages); i++, button = gtk_widget_get_next_sibling (button))
    {
      g_autoptr(GObject) page = g_list_model_get_item (pages, i);

      if (g_str_equal (gtk_stack_page_get_name (GTK_STACK_PAGE (page)), name))
        break;
    }
  g_assert_nonnull (button);
  gtk_widget_grab_focus (button);
  lotse_test_iterate_idle ();
}

static void
open_record (Fixture    *f,
             const char *table,
             const char *id)
{
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.open-record", "(ss)", table, id);
  lotse_test_iterate_idle ();
}

static void
set_narrow (Fixture *f)
{
  gtk_window_set_default_size (GTK_WINDOW (f->window), 360, 700);
  lotse_test_iterate_idle ();
}

static void
setup_nothing (Fixture *f)
{
  show_view (f, "portfolio");
}

static void setup_portfolio (Fixture *f) { show_view (f, "portfolio"); }
static void setup_jourfixe (Fixture *f) { show_view (f, "jourfixe"); }
static void setup_knowledge (Fixture *f) { show_view (f, "knowledge"); }

static void
setup_project (Fixture *f)
{
  open_record (f, "project", f->project_id);
  show_view (f, "portfolio");
}

static void
setup_project_narrow (Fixture *f)
{
  set_narrow (f);
  setup_project (f);
}

static void
setup_focused_milestone (Fixture *f)
{
  setup_project (f);
  lotse_project_detail_focus_milestone (lotse_portfolio_view_get_detail (portfolio (f)), f->milestone_id);
  lotse_test_iterate_idle ();
}

static gboolean
timeline_loaded (Fixture *f)
{
  return !lotse_timeline_is_loading (timeline (f)) && lotse_timeline_get_n_projects (timeline (f)) > 0 &&
         gtk_widget_get_width (GTK_WIDGET (timeline (f))) > 0;
}

static void
setup_timeline (Fixture *f)
{
  show_section (f, "timeline");
  g_assert_true (lotse_test_wait_until ((LotseTestCondition) timeline_loaded, f));
  f->before_value = gtk_adjustment_get_value (gtk_scrollable_get_hadjustment (GTK_SCROLLABLE (timeline (f))));
}

static void
setup_timeline_focused (Fixture *f)
{
  show_section (f, "timeline");
  g_assert_true (lotse_test_wait_until ((LotseTestCondition) timeline_loaded, f));
  gtk_widget_grab_focus (GTK_WIDGET (timeline (f)));
  lotse_test_iterate_idle ();
  g_assert_true (lotse_timeline_select (timeline (f), f->project_id, NULL));
  f->before_text = g_strdup (f->project_id);
}

static void
setup_directory (Fixture *f)
{
  show_section (f, "directory");
}

static void
setup_article (Fixture *f)
{
  open_record (f, "article", f->article_id);
  show_view (f, "knowledge");
}

static void
setup_article_narrow (Fixture *f)
{
  set_narrow (f);
  setup_article (f);
}

static void
setup_article_editing (Fixture *f)
{
  setup_article (f);
  gtk_widget_activate_action (view (f, "knowledge"), "knowledge.edit", NULL);
  lotse_test_iterate_idle ();
  show_view (f, "knowledge");
}

static void
setup_meeting (Fixture *f)
{
  open_record (f, "meeting", f->meeting_id);
  show_view (f, "jourfixe");
}

/* The agenda item the minutes are at */
static const char *
current_item (Fixture *f)
{
  LotseMeetingDetail *detail = lotse_jourfixe_view_get_meeting_detail (LOTSE_JOURFIXE_VIEW (view (f, "jourfixe")));
  LotseAgendaRow *row;

  for (guint i = 0; (row = lotse_meeting_detail_get_row (detail, i)) != NULL; i++)
    if (lotse_agenda_row_get_current (row))
      return lotse_agenda_row_get_id (row);

  return NULL;
}

/* Taking the minutes of the meeting's second item, typing in its notes */
static void
setup_minutes (Fixture *f)
{
  LotseMeetingDetail *detail = lotse_jourfixe_view_get_meeting_detail (LOTSE_JOURFIXE_VIEW (view (f, "jourfixe")));

  GtkWidget *row;

  setup_meeting (f);
  lotse_meeting_detail_set_minutes (detail, TRUE);
  lotse_test_iterate_idle ();
  /* Activated as a click on the row does */
  row = GTK_WIDGET (lotse_meeting_detail_get_row (detail, 1));
  g_signal_emit_by_name (gtk_widget_get_parent (row), "row-activated", row);
  lotse_test_iterate_idle ();
  g_assert_cmpstr (current_item (f), ==, f->item_id);
  f->before_text = g_strdup (current_item (f));
}

static void
setup_meeting_narrow (Fixture *f)
{
  set_narrow (f);
  setup_meeting (f);
}

static gint64
item_position (Fixture *f)
{
  g_autofree char *sql = g_strdup_printf ("SELECT position FROM agenda_item WHERE id = '%s'", f->item_id);

  return lotse_test_query_int (lotse_store_get_path (store), sql);
}

static void
setup_agenda_item (Fixture *f)
{
  LotseMeetingDetail *detail = lotse_jourfixe_view_get_meeting_detail (LOTSE_JOURFIXE_VIEW (view (f, "jourfixe")));

  setup_meeting (f);
  g_assert_true (lotse_meeting_detail_focus_item (detail, f->item_id));
  lotse_test_iterate_idle ();
  f->before = item_position (f);
}

/* Setups that change data work on rows of their own. */
static void
setup_new_milestone_focused (Fixture *f)
{
  g_autofree char *of = g_strdup_printf ("project_id=%s", f->project_id);

  g_free (f->milestone_id);
  f->milestone_id = lotse_test_insert (store, "milestone", of, "title=Für die Tastatur",
                                       "due_date=2026-12-20", "status=open", NULL);
  setup_focused_milestone (f);
}

static void
setup_new_project (Fixture *f)
{
  g_free (f->before_text);
  f->before_text = lotse_test_insert (store, "project", "title=Zum Löschen", "status=planned", NULL);
  open_record (f, "project", f->before_text);
  show_view (f, "portfolio");
}

static void
setup_new_organisation (Fixture *f)
{
  LotseDirectoryPanel *panel = LOTSE_DIRECTORY_PANEL (section (f, "directory"));

  g_free (f->before_text);
  f->before_text = lotse_test_insert (store, "organisation", "name=Zum Löschen e. V.", NULL);
  show_section (f, "directory");
  g_assert_true (lotse_directory_panel_show_record (panel, "organisation", f->before_text));
  lotse_test_iterate_idle ();
}

static void
setup_new_article (Fixture *f)
{
  LotseKnowledgeView *knowledge = LOTSE_KNOWLEDGE_VIEW (view (f, "knowledge"));

  g_free (f->before_text);
  f->before_text = lotse_test_insert (store, "article", "title=Zum Löschen", "body=Text", NULL);
  open_record (f, "article", f->before_text);
  show_view (f, "knowledge");
  /* The user picked it in the list. */
  gtk_widget_grab_focus (GTK_WIDGET (knowledge->list_view));
  lotse_test_iterate_idle ();
}

static void
setup_article_changed (Fixture *f)
{
  LotseKnowledgeView *knowledge = LOTSE_KNOWLEDGE_VIEW (view (f, "knowledge"));

  setup_article_editing (f);
  g_free (f->before_text);
  f->before_text = g_strdup_printf ("%s (überarbeitet)", gtk_editable_get_text (GTK_EDITABLE (knowledge->title_row)));
  gtk_editable_set_text (GTK_EDITABLE (knowledge->title_row), f->before_text);
  show_view (f, "knowledge");
}

static void
setup_preview (Fixture *f)
{
  setup_article_editing (f);
  f->before = gtk_toggle_button_get_active (LOTSE_KNOWLEDGE_VIEW (view (f, "knowledge"))->preview_toggle);
}

static void
setup_new_meeting (Fixture *f)
{
  g_free (f->before_text);
  f->before_text = lotse_test_insert (store, "meeting", "title=Zum Löschen", "starts_at=2026-12-21T10:00:00+01:00",
                                      NULL);
  open_record (f, "meeting", f->before_text);
  show_view (f, "jourfixe");
}

static void
setup_deleted_meeting (Fixture *f)
{
  setup_new_meeting (f);
  g_assert_true (gtk_widget_activate_action (view (f, "jourfixe"), "jourfixe.delete-current", NULL));
  lotse_test_iterate_idle ();
  g_assert_cmpint (count ("meeting", "title = 'Zum Löschen'"), ==, 0);
  show_view (f, "jourfixe");
}

static void
setup_new_agenda_item (Fixture *f)
{
  g_autofree char *of = g_strdup_printf ("meeting_id=%s", f->meeting_id);

  g_free (f->before_text);
  f->before_text = f->item_id;
  f->item_id = lotse_test_insert (store, "agenda_item", of, "title=Zum Löschen", "position=99", NULL);
  setup_agenda_item (f);
}

static void
setup_count_meetings (Fixture *f)
{
  show_view (f, "jourfixe");
  f->before = count ("meeting", NULL);
}

static void
setup_count_series (Fixture *f)
{
  show_view (f, "jourfixe");
  f->before = count ("meeting_series", NULL);
}

static void
setup_count_items (Fixture *f)
{
  g_autofree char *where = g_strdup_printf ("meeting_id = '%s'", f->meeting_id);

  setup_meeting (f);
  f->before = count ("agenda_item", where);
}

static void
setup_timeline_scrolled (Fixture *f)
{
  setup_timeline (f);
  gtk_adjustment_set_value (gtk_scrollable_get_hadjustment (GTK_SCROLLABLE (timeline (f))), 0);
  f->before_value = 0;
}

static void
setup_timeline_milestone (Fixture *f)
{
  const char *table, *id;

  setup_timeline_focused (f);
  g_assert_true (lotse_timeline_select (timeline (f), f->project_id, f->milestone_id));
  g_assert_true (lotse_timeline_get_selected (timeline (f), &table, &id));
  g_free (f->before_text);
  f->before_text = g_strdup (id);
}

/* --- effects ----------------------------------------------------------------- */

static gboolean
focus_in (Fixture *f,
          GType    type,
          GtkWidget *within)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (f->window));

  return focus != NULL && gtk_widget_is_ancestor (focus, within) &&
         (G_TYPE_CHECK_INSTANCE_TYPE (focus, type) || gtk_widget_get_ancestor (focus, type) != NULL);
}

static gboolean
leaflet_shows_list (GtkWidget *within)
{
  AdwLeaflet *leaflet = ADW_LEAFLET (lotse_test_find_widget_matching (within, ADW_TYPE_LEAFLET, NULL, NULL));
  g_autoptr(GListModel) pages = G_LIST_MODEL (adw_leaflet_get_pages (leaflet));
  g_autoptr(AdwLeafletPage) first = g_list_model_get_item (pages, 0);

  return adw_leaflet_get_folded (leaflet) && adw_leaflet_get_visible_child (leaflet) == adw_leaflet_page_get_child (first);
}

static gboolean
has_dialog (Fixture    *f,
            const char *title)
{
  return lotse_test_find_dialog (GTK_WINDOW (f->window), title) != NULL;
}

static gboolean
milestone_dialog_with (Fixture    *f,
                       const char *response)
{
  GtkWindow *dialog = lotse_test_find_dialog (GTK_WINDOW (f->window), "Milestone Overview");

  return dialog != NULL && adw_message_dialog_has_response (ADW_MESSAGE_DIALOG (dialog), response);
}

static gboolean
timeline_selection_moved (Fixture *f)
{
  const char *table, *id;

  return lotse_timeline_get_selected (timeline (f), &table, &id) && g_strcmp0 (id, f->before_text) != 0;
}

static gboolean effect_preferences (Fixture *f) { return lotse_test_find_toplevel (ADW_TYPE_PREFERENCES_WINDOW) != NULL; }
static gboolean effect_shortcuts_window (Fixture *f) { return lotse_test_find_toplevel (GTK_TYPE_SHORTCUTS_WINDOW) != NULL; }
static gboolean effect_help (Fixture *f) { return n_help > 0; }
static gboolean effect_quit (Fixture *f) { return n_quit > 0; }
static gboolean effect_closed (Fixture *f) { return f->window == NULL; }
static gboolean effect_export_overview (Fixture *f) { return milestone_dialog_with (f, "export"); }
static gboolean effect_print_overview (Fixture *f) { return milestone_dialog_with (f, "print"); }
static gboolean effect_new_project (Fixture *f) { return has_dialog (f, "New Project"); }
static gboolean effect_new_milestone (Fixture *f) { return has_dialog (f, "New Milestone"); }
static gboolean effect_new_report (Fixture *f) { return has_dialog (f, "New Status Report"); }
static gboolean effect_add_partner (Fixture *f) { return has_dialog (f, "Add Partner"); }
static gboolean effect_export_article (Fixture *f) { return has_dialog (f, "Export Article"); }
static gboolean effect_export_calendar (Fixture *f) { return has_dialog (f, "Export to Calendar"); }

static gboolean
effect_global_search (Fixture *f)
{
  return gtk_widget_get_mapped (lotse_window_get_global_search (f->window));
}

static gboolean
shows_view (Fixture    *f,
            const char *name)
{
  return g_strcmp0 (adw_view_stack_get_visible_child_name (lotse_window_get_view_stack (f->window)), name) == 0;
}

static gboolean effect_portfolio (Fixture *f) { return shows_view (f, "portfolio"); }
static gboolean effect_jourfixe (Fixture *f) { return shows_view (f, "jourfixe"); }
static gboolean effect_knowledge (Fixture *f) { return shows_view (f, "knowledge"); }

static gboolean effect_zoomed_in (Fixture *f) { return lotse_timeline_get_zoom (timeline (f)) < LOTSE_TIMELINE_ZOOM_QUARTERS; }
static gboolean effect_zoomed_out (Fixture *f) { return lotse_timeline_get_zoom (timeline (f)) > LOTSE_TIMELINE_ZOOM_QUARTERS; }

static gboolean
effect_scrolled (Fixture *f)
{
  return gtk_adjustment_get_value (gtk_scrollable_get_hadjustment (GTK_SCROLLABLE (timeline (f)))) > f->before_value + 100;
}

static gboolean
effect_opened_project (Fixture *f)
{
  return g_strcmp0 (gtk_stack_get_visible_child_name (lotse_portfolio_view_get_sections (portfolio (f))), "projects") == 0 &&
         g_strcmp0 (lotse_project_detail_get_project_id (lotse_portfolio_view_get_detail (portfolio (f))), f->project_id) == 0;
}

static gboolean
effect_directory_search (Fixture *f)
{
  return focus_in (f, GTK_TYPE_SEARCH_ENTRY, section (f, "directory"));
}

static gboolean
effect_new_organisation (Fixture *f)
{
  return lotse_test_find_widget_matching (section (f, "directory"), GTK_TYPE_LABEL, lotse_test_label_is, "New Organisation") != NULL;
}

static gboolean
effect_new_person (Fixture *f)
{
  return lotse_test_find_widget_matching (section (f, "directory"), GTK_TYPE_LABEL, lotse_test_label_is, "New Person") != NULL;
}

static gboolean
deleted (const char *table,
         const char *id)
{
  g_autofree char *where = g_strdup_printf ("id = '%s'", id);

  return count (table, where) == 0;
}

static gboolean effect_organisation_deleted (Fixture *f) { return deleted ("organisation", f->before_text); }
static gboolean effect_project_deleted (Fixture *f) { return deleted ("project", f->before_text); }
static gboolean effect_milestone_deleted (Fixture *f) { return deleted ("milestone", f->milestone_id); }
static gboolean effect_article_deleted (Fixture *f) { return deleted ("article", f->before_text); }
static gboolean effect_meeting_deleted (Fixture *f) { return deleted ("meeting", f->before_text); }
static gboolean effect_item_deleted (Fixture *f) { return deleted ("agenda_item", f->item_id); }
static gboolean effect_meeting_restored (Fixture *f) { return !deleted ("meeting", f->before_text); }

static gboolean
effect_milestone_done (Fixture *f)
{
  g_autofree char *where = g_strdup_printf ("id = '%s' AND status = 'done'", f->milestone_id);

  return count ("milestone", where) == 1;
}

static gboolean
effect_project_search (Fixture *f)
{
  return focus_in (f, GTK_TYPE_SEARCH_ENTRY, GTK_WIDGET (lotse_portfolio_view_get_search_entry (portfolio (f))));
}

static gboolean effect_portfolio_back (Fixture *f) { return leaflet_shows_list (view (f, "portfolio")); }
static gboolean effect_knowledge_back (Fixture *f) { return leaflet_shows_list (view (f, "knowledge")); }
static gboolean effect_jourfixe_back (Fixture *f) { return leaflet_shows_list (view (f, "jourfixe")); }

static LotseKnowledgeView *
knowledge (Fixture *f)
{
  return LOTSE_KNOWLEDGE_VIEW (view (f, "knowledge"));
}

static gboolean effect_new_article (Fixture *f) { return knowledge (f)->editing && knowledge (f)->article_id == NULL; }
static gboolean effect_editing (Fixture *f) { return knowledge (f)->editing; }
static gboolean effect_not_editing (Fixture *f) { return !knowledge (f)->editing; }

static gboolean
effect_article_search (Fixture *f)
{
  return focus_in (f, GTK_TYPE_SEARCH_ENTRY, GTK_WIDGET (knowledge (f)->search_entry));
}

static gboolean
effect_saved (Fixture *f)
{
  g_autofree char *where = g_strdup_printf ("id = '%s' AND title = '%s'", f->article_id, f->before_text);

  return !knowledge (f)->editing && count ("article", where) == 1;
}

static gboolean
effect_preview_toggled (Fixture *f)
{
  return gtk_toggle_button_get_active (knowledge (f)->preview_toggle) != f->before;
}

static LotseJourfixeView *
jourfixe (Fixture *f)
{
  return LOTSE_JOURFIXE_VIEW (view (f, "jourfixe"));
}

static gboolean effect_meeting_added (Fixture *f) { return count ("meeting", NULL) == f->before + 1; }

static gboolean
effect_series_added (Fixture *f)
{
  return count ("meeting_series", NULL) == f->before + 1 &&
         g_strcmp0 (lotse_jourfixe_view_get_page (jourfixe (f)), "series") == 0;
}

static gboolean
effect_prepared (Fixture *f)
{
  const char *shown = lotse_meeting_detail_get_meeting_id (lotse_jourfixe_view_get_meeting_detail (jourfixe (f)));

  return shown != NULL && g_strcmp0 (shown, f->meeting_id) != 0;
}

static gboolean
effect_item_added (Fixture *f)
{
  g_autofree char *where = g_strdup_printf ("meeting_id = '%s'", f->meeting_id);

  return count ("agenda_item", where) == f->before + 1;
}

static gboolean effect_item_up (Fixture *f) { return item_position (f) < f->before; }
static gboolean effect_item_down (Fixture *f) { return item_position (f) > f->before; }

static gboolean
effect_minutes (Fixture *f)
{
  return lotse_meeting_detail_get_minutes (lotse_jourfixe_view_get_meeting_detail (jourfixe (f)));
}

/* Another item is current, and the focus is in its notes. */
static gboolean
effect_other_item (Fixture *f)
{
  LotseMeetingDetail *detail = lotse_jourfixe_view_get_meeting_detail (jourfixe (f));
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (f->window));
  GtkWidget *row = focus ? gtk_widget_get_ancestor (focus, LOTSE_TYPE_AGENDA_ROW) : NULL;

  return lotse_meeting_detail_get_minutes (detail) && GTK_IS_TEXT_VIEW (focus) && row != NULL &&
         lotse_agenda_row_get_current (LOTSE_AGENDA_ROW (row)) &&
         g_strcmp0 (current_item (f), f->before_text) != 0;
}

static gboolean
effect_registers (Fixture *f)
{
  return g_strcmp0 (lotse_jourfixe_view_get_page (jourfixe (f)), "registers") == 0;
}

static gboolean
effect_my_actions (Fixture *f)
{
  return g_strcmp0 (lotse_jourfixe_view_get_page (jourfixe (f)), "my-actions") == 0;
}

/* What each shortcut of the window must do, and where. */
static const Check checks[] = {
  { "General", "Preferences", setup_nothing, effect_preferences },
  { "General", "Keyboard Shortcuts", setup_nothing, effect_shortcuts_window },
  { "General", "Help", setup_nothing, effect_help },
  { "General", "Search Everything", setup_knowledge, effect_global_search },
  /* Not connected to a server: the preferences open to connect. */
  { "General", "Sync Now", setup_jourfixe, effect_preferences },
  { "General", "Print Milestone Overview", setup_knowledge, effect_print_overview },
  { "General", "Close Window", setup_nothing, effect_closed },
  { "General", "Quit", setup_nothing, effect_quit },
  { "Views", "Show Portfolio", setup_jourfixe, effect_portfolio },
  { "Views", "Show Jour fixe", setup_knowledge, effect_jourfixe },
  { "Views", "Show Knowledge", setup_portfolio, effect_knowledge },
  { "Monitor and timeline", "Timeline: Zoom In", setup_timeline, effect_zoomed_in },
  { "Monitor and timeline", "Timeline: Zoom Out", setup_timeline, effect_zoomed_out },
  { "Monitor and timeline", "Timeline: Scroll to Today", setup_timeline_scrolled, effect_scrolled },
  { "Monitor and timeline", "Timeline: Previous or Next Project", setup_timeline_focused, timeline_selection_moved },
  { "Monitor and timeline", "Timeline: Previous or Next Milestone", setup_timeline_milestone, timeline_selection_moved },
  { "Monitor and timeline", "Timeline: First or Last Project", setup_timeline_focused, timeline_selection_moved },
  { "Monitor and timeline", "Open the Selected Project or Milestone", setup_timeline_focused, effect_opened_project },
  { "Monitor and timeline", "Search Organisations and People", setup_directory, effect_directory_search },
  { "Monitor and timeline", "New Organisation", setup_directory, effect_new_organisation },
  { "Monitor and timeline", "New Person", setup_directory, effect_new_person },
  { "Monitor and timeline", "Delete the Shown Organisation or Person", setup_new_organisation, effect_organisation_deleted },
  { "Portfolio", "New Project", setup_portfolio, effect_new_project },
  { "Portfolio", "Search Projects", setup_project, effect_project_search },
  { "Portfolio", "New Milestone", setup_project, effect_new_milestone },
  { "Portfolio", "Mark Focused Milestone as Done", setup_new_milestone_focused, effect_milestone_done },
  { "Portfolio", "Delete Focused Milestone", setup_new_milestone_focused, effect_milestone_deleted },
  { "Portfolio", "Add Status Report", setup_project, effect_new_report },
  { "Portfolio", "Add Partner", setup_project, effect_add_partner },
  { "Portfolio", "Delete Project", setup_new_project, effect_project_deleted },
  { "Portfolio", "Back to the Project List", setup_project_narrow, effect_portfolio_back },
  { "Portfolio", "Export Milestone Overview", setup_project, effect_export_overview },
  { "Knowledge", "New Article", setup_knowledge, effect_new_article },
  { "Knowledge", "Search Articles", setup_article, effect_article_search },
  { "Knowledge", "Edit Article", setup_article, effect_editing },
  { "Knowledge", "Save Article", setup_article_changed, effect_saved },
  { "Knowledge", "Cancel Editing", setup_article_editing, effect_not_editing },
  { "Knowledge", "Show or Hide the Preview", setup_preview, effect_preview_toggled },
  { "Knowledge", "Export as Markdown", setup_article, effect_export_article },
  { "Knowledge", "Delete Article", setup_new_article, effect_article_deleted },
  { "Knowledge", "Back to the List", setup_article_narrow, effect_knowledge_back },
  { "Jour fixe", "New Meeting", setup_count_meetings, effect_meeting_added },
  { "Jour fixe", "New Meeting Series", setup_count_series, effect_series_added },
  { "Jour fixe", "Prepare Next Meeting of the Series", setup_meeting, effect_prepared },
  { "Jour fixe", "Add Agenda Item", setup_count_items, effect_item_added },
  { "Jour fixe", "Move Agenda Item Up", setup_agenda_item, effect_item_up },
  { "Jour fixe", "Move Agenda Item Down", setup_agenda_item, effect_item_down },
  { "Jour fixe", "Delete Agenda Item", setup_new_agenda_item, effect_item_deleted },
  { "Jour fixe", "Take Minutes", setup_meeting, effect_minutes },
  { "Jour fixe", "Next Agenda Item in the Minutes", setup_minutes, effect_other_item },
  { "Jour fixe", "Previous Agenda Item in the Minutes", setup_minutes, effect_other_item },
  { "Jour fixe", "Show Registers of Action Items and Decisions", setup_meeting, effect_registers },
  { "Jour fixe", "Show My Action Items", setup_meeting, effect_my_actions },
  { "Jour fixe", "Export to Calendar", setup_meeting, effect_export_calendar },
  { "Jour fixe", "Delete Open Meeting or Series", setup_new_meeting, effect_meeting_deleted },
  { "Jour fixe", "Undo Deletion", setup_deleted_meeting, effect_meeting_restored },
  { "Jour fixe", "Back to the List", setup_meeting_narrow, effect_jourfixe_back },
};

/* --- the walk -------------------------------------------------------------- */

static void
recorded (GSimpleAction *action,
          GVariant      *parameter,
          gpointer       user_data)
{
  (*(guint *) user_data)++;
}

/* Help starts yelp and Quit ends the test: their actions only count. */
static void
replace_app_action (const char *name,
                    guint      *counter)
{
  GSimpleAction *action = g_simple_action_new (name, NULL);

  g_action_map_remove_action (G_ACTION_MAP (app), name);
  g_signal_connect (action, "activate", G_CALLBACK (recorded), counter);
  g_action_map_add_action (G_ACTION_MAP (app), G_ACTION (action));
  g_object_unref (action);
}

static void
fixture_set_up (Fixture *f)
{
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);

  g_settings_reset (settings, "window-width");
  g_settings_reset (settings, "window-height");
  g_settings_reset (settings, "last-view");
  lotse_test_destroy_toplevels (NULL);

  f->window = lotse_window_new (GTK_APPLICATION (app), store);
  g_object_add_weak_pointer (G_OBJECT (f->window), (gpointer *) &f->window);
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1280, 800);
  gtk_window_present (GTK_WINDOW (f->window));
  lotse_test_iterate_idle ();

  f->project_id = first_id ("SELECT p.id FROM project AS p WHERE p.deleted = 0 AND p.status = 'running'"
                            " AND (SELECT count(*) FROM milestone AS m WHERE m.project_id = p.id"
                            "      AND m.deleted = 0 AND m.due_date IS NOT NULL) >= 3"
                            " ORDER BY p.start_date, p.title LIMIT 1 OFFSET 2");
  {
    g_autofree char *sql = g_strdup_printf ("SELECT id FROM milestone WHERE project_id = '%s' AND deleted = 0"
                                            " AND due_date IS NOT NULL ORDER BY due_date LIMIT 1 OFFSET 1",
                                            f->project_id);
    f->milestone_id = first_id (sql);
  }
  f->article_id = first_id ("SELECT id FROM article WHERE deleted = 0 ORDER BY title LIMIT 1");
  /* Held: the series' next meeting, which Ctrl+Shift+M prepares, is another
   * one (the demo's dates follow today). */
  f->meeting_id = first_id ("SELECT m.id FROM meeting AS m WHERE m.deleted = 0 AND m.series_id IS NOT NULL"
                            " AND m.status = 'held' AND (SELECT count(*) FROM agenda_item AS a WHERE a.meeting_id = m.id"
                            "      AND a.deleted = 0) >= 3 ORDER BY m.starts_at DESC LIMIT 1");
  {
    g_autofree char *sql = g_strdup_printf ("SELECT id FROM agenda_item WHERE meeting_id = '%s' AND deleted = 0"
                                            " ORDER BY position LIMIT 1 OFFSET 1", f->meeting_id);
    f->item_id = first_id (sql);
  }
  f->organisation_id = first_id ("SELECT id FROM organisation WHERE deleted = 0 ORDER BY name LIMIT 1");
}

static void
fixture_tear_down (Fixture *f)
{
  GtkWidget *popover;

  /* An open popover holds the keyboard grab: closed first, as a user does. */
  while (f->window != NULL &&
         (popover = lotse_test_find_widget_matching (GTK_WIDGET (f->window), GTK_TYPE_POPOVER, lotse_test_is_mapped, NULL)) != NULL)
    {
      gtk_popover_popdown (GTK_POPOVER (popover));
      lotse_test_iterate_idle ();
    }

  if (f->window != NULL)
    {
      g_object_remove_weak_pointer (G_OBJECT (f->window), (gpointer *) &f->window);
      gtk_window_destroy (GTK_WINDOW (f->window));
    }
  lotse_test_destroy_toplevels (NULL);
  g_free (f->project_id);
  g_free (f->milestone_id);
  g_free (f->article_id);
  g_free (f->meeting_id);
  g_free (f->item_id);
  g_free (f->organisation_id);
  g_free (f->before_text);
}

static const Check *
find_check (const Shortcut *shortcut)
{
  for (guint i = 0; i < G_N_ELEMENTS (checks); i++)
    if (g_str_equal (checks[i].group, shortcut->group) && g_str_equal (checks[i].title, shortcut->title))
      return &checks[i];

  return NULL;
}

static void
test_shortcut (gconstpointer data)
{
  const Shortcut *shortcut = data;
  const Check *check = find_check (shortcut);
  Fixture f = { NULL, };

  if (check == NULL)
    {
      g_test_fail_printf ("The shortcut “%s” (%s) of the group “%s” has no check in this test",
                          shortcut->title, shortcut->accelerator, shortcut->group);
      return;
    }

  fixture_set_up (&f);
  check->setup (&f);
  lotse_test_press_keys (GTK_WINDOW (f.window), shortcut->accelerator);
  if (!lotse_test_wait_until ((LotseTestCondition) check->effect, &f))
    g_test_fail_printf ("%s: %s did not “%s”", shortcut->group, shortcut->accelerator, shortcut->title);
  fixture_tear_down (&f);
}

/* The shortcuts as the window lists them: an accelerator of its own, or
 * the application's accelerators of its action; "Up Down" are two keys. */
static GPtrArray *
read_shortcuts (void)
{
  g_autoptr(GtkBuilder) builder = gtk_builder_new_from_resource ("/app/lotse/Lotse/help-overlay.ui");
  GSList *objects = gtk_builder_get_objects (builder);
  GPtrArray *shortcuts = g_ptr_array_new ();

  for (GSList *l = objects; l != NULL; l = l->next)
    {
      g_autofree char *title = NULL;
      g_autofree char *accelerator = NULL;
      g_autofree char *action = NULL;
      g_autofree char *group = NULL;
      g_auto(GStrv) keys = NULL;
      GtkWidget *parent;

      if (!GTK_IS_SHORTCUTS_SHORTCUT (l->data))
        continue;

      g_object_get (l->data, "title", &title, "accelerator", &accelerator, "action-name", &action, NULL);
      parent = gtk_widget_get_ancestor (l->data, GTK_TYPE_SHORTCUTS_GROUP);
      g_object_get (parent, "title", &group, NULL);

      if (action != NULL)
        keys = gtk_application_get_accels_for_action (GTK_APPLICATION (app), action);
      else
        keys = g_strsplit (accelerator, " ", -1);
      g_assert_true (keys != NULL && keys[0] != NULL);

      for (guint i = 0; keys[i] != NULL; i++)
        {
          Shortcut *shortcut = g_new0 (Shortcut, 1);

          shortcut->group = g_strdup (group);
          shortcut->title = g_strdup (title);
          shortcut->accelerator = g_strdup (keys[i]);
          g_ptr_array_add (shortcuts, shortcut);
        }
    }
  g_slist_free (objects);

  return shortcuts;
}

/* Every check belongs to a shortcut the window lists. */
static void
test_no_stale_checks (gconstpointer data)
{
  const GPtrArray *shortcuts = data;

  for (guint i = 0; i < G_N_ELEMENTS (checks); i++)
    {
      gboolean found = FALSE;

      for (guint j = 0; j < shortcuts->len && !found; j++)
        {
          const Shortcut *shortcut = g_ptr_array_index (shortcuts, j);

          found = g_str_equal (checks[i].group, shortcut->group) && g_str_equal (checks[i].title, shortcut->title);
        }
      if (!found)
        g_test_fail_printf ("The shortcuts window has no “%s” in “%s”", checks[i].title, checks[i].group);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) shortcuts = NULL;
  int status;

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  /* GTK 4.8's shortcuts window warns while it lays out its pages
   * ("GtkLabel reported min width -3"), also with nothing of Lotse but
   * help-overlay.ui: here only criticals are fatal. */
  g_log_set_always_fatal (G_LOG_FATAL_MASK | G_LOG_LEVEL_CRITICAL);

  if (!GDK_IS_X11_DISPLAY (gdk_display_get_default ()))
    {
      g_test_skip ("The keys go through the X server (XTest)");
      return 0;
    }

  app = lotse_application_new (APPLICATION_ID, G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);
  replace_app_action ("help", &n_help);
  replace_app_action ("quit", &n_quit);

  store = lotse_test_open_store (&store_dir);
  g_assert_true (lotse_demo_load (store, NULL, NULL, &error));
  g_assert_no_error (error);
  lotse_application_set_store (app, store);

  shortcuts = read_shortcuts ();
  for (guint i = 0; i < shortcuts->len; i++)
    {
      const Shortcut *shortcut = g_ptr_array_index (shortcuts, i);
      g_autofree char *path = g_strdup_printf ("/ui/shortcuts/%s/%s/%s", shortcut->group, shortcut->title,
                                               shortcut->accelerator);

      g_test_add_data_func (g_strdelimit (path, " <>", '-'), shortcut, test_shortcut);
    }
  g_test_add_data_func ("/ui/shortcuts/no-stale-checks", shortcuts, test_no_stale_checks);

  status = g_test_run ();

  g_clear_object (&store);
  lotse_test_remove_tree (store_dir);
  g_free (store_dir);
  g_clear_object (&app);

  return status;
}
