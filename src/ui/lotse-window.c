/* lotse-window.c: the main window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lotse-window"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "lotse-directory-panel.h"
#include "lotse-global-search.h"
#include "lotse-jourfixe-view.h"
#include "lotse-knowledge-view.h"
#include "lotse-monitor-panel.h"
#include "lotse-portfolio-csv.h"
#include "lotse-portfolio-view.h"
#include "lotse-print.h"
#include "lotse-conflict-window.h"
#include "lotse-sync-button.h"
#include "lotse-sync-app.h"
#include "lotse-sync-server-page.h"
#include "lotse-timeline.h"
#include "lotse-view.h"
#include "lotse-window-private.h"

struct _LotseWindow
{
  AdwApplicationWindow  parent_instance;

  LotseStore           *store;
  GSettings            *settings;

  AdwToastOverlay      *toast_overlay;
  AdwViewSwitcherTitle *switcher_title;
  AdwViewSwitcherBar   *switcher_bar;
  GtkStack             *main_stack;
  AdwViewStack         *view_stack;
  AdwStatusPage        *error_page;
  GtkMenuButton        *search_button;
  GtkWidget            *sync_button;
  GtkWidget            *global_search;
  AdwBin               *portfolio_page;
  AdwBin               *jourfixe_page;
  AdwBin               *knowledge_page;
  /* Built when first shown or asked for, in the order of view_types[] */
  GtkWidget            *views[3];
};

G_DEFINE_FINAL_TYPE (LotseWindow, lotse_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_STORE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The window's views. Each is built the first time it is shown or asked
 * for (a shortcut, a record opened from another view): the first frame
 * builds only the one on screen, and a view never opened holds no memory. */
static void add_portfolio_sections (LotseWindow *self,
                                    GtkWidget   *portfolio);

static const struct {
  const char *name;
  GType     (*get_type) (void);
  gsize       page_offset;
  /* Optional: completes the view once built */
  void      (*built)    (LotseWindow *self,
                         GtkWidget   *view);
} view_types[] = {
  { "portfolio", lotse_portfolio_view_get_type, G_STRUCT_OFFSET (LotseWindow, portfolio_page),
    add_portfolio_sections },
  { "jourfixe", lotse_jourfixe_view_get_type, G_STRUCT_OFFSET (LotseWindow, jourfixe_page), NULL },
  { "knowledge", lotse_knowledge_view_get_type, G_STRUCT_OFFSET (LotseWindow, knowledge_page), NULL },
};

G_STATIC_ASSERT (G_N_ELEMENTS (view_types) == G_N_ELEMENTS (((LotseWindow *) NULL)->views));

static GtkWidget *
ensure_view (LotseWindow *self,
             guint        i)
{
  AdwBin *page;

  if (self->views[i] != NULL)
    return self->views[i];

  page = G_STRUCT_MEMBER (AdwBin *, self, view_types[i].page_offset);
  /* A late caller of a disposed window */
  if (page == NULL)
    return NULL;

  self->views[i] = g_object_new (view_types[i].get_type (), "store", self->store, NULL);
  adw_bin_set_child (page, self->views[i]);
  if (view_types[i].built != NULL)
    view_types[i].built (self, self->views[i]);

  return self->views[i];
}

static void
on_visible_child_changed (LotseWindow *self)
{
  const char *name = adw_view_stack_get_visible_child_name (self->view_stack);

  /* Built before the frame that shows it: the page is never seen empty. */
  lotse_window_get_view (self, name);
}

static void
show_view_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  LotseWindow *self = LOTSE_WINDOW (widget);
  const char *name = g_variant_get_string (parameter, NULL);

  if (lotse_window_get_view (self, name) == NULL)
    {
      g_warning ("No view named “%s”", name);
      return;
    }

  adw_view_stack_set_visible_child_name (self->view_stack, name);
}

/* Which view shows the rows of a table. */
static const char *
view_for_table (const char *table)
{
  static const struct {
    const char *table;
    const char *view;
  } views[] = {
    { LOTSE_TABLE_PROGRAMME, "portfolio" },
    { LOTSE_TABLE_ORGANISATION, "portfolio" },
    { LOTSE_TABLE_PERSON, "portfolio" },
    { LOTSE_TABLE_PROJECT, "portfolio" },
    { LOTSE_TABLE_PROJECT_PARTNER, "portfolio" },
    { LOTSE_TABLE_STATUS_REPORT, "portfolio" },
    { LOTSE_TABLE_MILESTONE, "portfolio" },
    { LOTSE_TABLE_MEETING_SERIES, "jourfixe" },
    { LOTSE_TABLE_MEETING, "jourfixe" },
    { LOTSE_TABLE_MEETING_PARTICIPANT, "jourfixe" },
    { LOTSE_TABLE_AGENDA_ITEM, "jourfixe" },
    { LOTSE_TABLE_DECISION, "jourfixe" },
    { LOTSE_TABLE_ACTION_ITEM, "jourfixe" },
    { LOTSE_TABLE_ARTICLE, "knowledge" },
    { LOTSE_TABLE_TAG, "knowledge" },
    { LOTSE_TABLE_ARTICLE_TAG, "knowledge" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (views); i++)
    {
      if (g_str_equal (views[i].table, table))
        return views[i].view;
    }

  return NULL;
}

/* “win.open-record” ("(ss)": table, id): switches to the view that shows
 * the table and lets it open the row. Global search, the monitor and the
 * registers use it to jump to a record. */
static void
open_record_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  LotseWindow *self = LOTSE_WINDOW (widget);
  const char *table;
  const char *id;
  const char *view_name;
  GtkWidget *view;

  g_variant_get (parameter, "(&s&s)", &table, &id);

  view_name = view_for_table (table);
  if (view_name == NULL || (view = lotse_window_get_view (self, view_name)) == NULL)
    {
      g_warning ("No view shows the table “%s”", table);
      return;
    }

  adw_view_stack_set_visible_child_name (self->view_stack, view_name);
  if (!lotse_view_open_record (LOTSE_VIEW (view), table, id))
    lotse_window_add_toast (self, adw_toast_new (_("This record no longer exists")));
}

/* “win.global-search”: the search over all records (Ctrl+K) */
static void
global_search_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  LotseWindow *self = LOTSE_WINDOW (widget);

  gtk_menu_button_popup (self->search_button);
}

/* The portfolio view's sections after its project list. Each is a
 * LotsePanel: it gets the store once and reads nothing until it is shown. */
static void
add_portfolio_sections (LotseWindow *self,
                        GtkWidget   *portfolio)
{
  static const struct {
    GtkWidget  *(*create) (LotseStore *store);
    const char *name;
    const char *title;
    const char *icon_name;
  } sections[] = {
    { lotse_monitor_panel_new, "monitor", N_("Monitor"), "alarm-symbolic" },
    { lotse_timeline_panel_new, "timeline", N_("Timeline"), "x-office-calendar-symbolic" },
    { lotse_directory_panel_new, "directory", N_("Directory"), "system-users-symbolic" },
  };
  LotsePortfolioView *view = LOTSE_PORTFOLIO_VIEW (portfolio);

  for (guint i = 0; i < G_N_ELEMENTS (sections); i++)
    {
      GtkWidget *page = sections[i].create (self->store);

      lotse_portfolio_view_add_section (view, page, sections[i].name, _(sections[i].title),
                                        sections[i].icon_name);
    }
}

/* “win.sync-now” (Ctrl+R): a sync cycle now, or right after the running one */
static void
sync_now_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  LotseWindow *self = LOTSE_WINDOW (widget);
  LotseSyncEngine *engine = lotse_sync_button_get_engine (LOTSE_SYNC_BUTTON (self->sync_button));

  if (engine == NULL)
    return;

  if (!lotse_sync_engine_get_connected (engine))
    {
      gtk_widget_activate_action (widget, "app.preferences", NULL);
      return;
    }

  lotse_sync_engine_sync_now (engine);
}

/* “win.show-conflicts”: the list of open conflicts */
static void
show_conflicts_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  LotseWindow *self = LOTSE_WINDOW (widget);
  LotseSyncEngine *engine = lotse_sync_button_get_engine (LOTSE_SYNC_BUTTON (self->sync_button));
  LotseConflictWindow *conflicts;

  if (engine == NULL)
    return;

  conflicts = lotse_conflict_window_new (engine);
  gtk_window_set_transient_for (GTK_WINDOW (conflicts), GTK_WINDOW (self));
  gtk_window_set_modal (GTK_WINDOW (conflicts), TRUE);
  gtk_window_present (GTK_WINDOW (conflicts));
}

static void
close_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  gtk_window_close (GTK_WINDOW (widget));
}

/* “win.show-help-overlay” (Ctrl+?): the shortcuts window, built the first
 * time it is asked for rather than with the window, as GtkApplication would
 * build a help overlay it finds at its own resource path. */
static void
show_help_overlay_action (GSimpleAction *action,
                          GVariant      *parameter,
                          gpointer       user_data)
{
  GtkApplicationWindow *window = user_data;
  GtkShortcutsWindow *overlay = gtk_application_window_get_help_overlay (window);

  if (overlay == NULL)
    {
      g_autoptr(GtkBuilder) builder = gtk_builder_new_from_resource ("/app/lotse/Lotse/help-overlay.ui");

      overlay = GTK_SHORTCUTS_WINDOW (gtk_builder_get_object (builder, "help_overlay"));
      /* The window's own action stays: this adds none. */
      gtk_application_window_set_help_overlay (window, overlay);
    }

  gtk_window_present (GTK_WINDOW (overlay));
}

static void
lotse_window_constructed (GObject *object)
{
  LotseWindow *self = LOTSE_WINDOW (object);

  G_OBJECT_CLASS (lotse_window_parent_class)->constructed (object);

  /* The first start, or a new database, begins where the demo is offered. */
  if (self->store == NULL || lotse_store_is_empty (self->store))
    adw_view_stack_set_visible_child_name (self->view_stack, "portfolio");

  /* Now that the views can get the store */
  g_signal_connect_object (self->view_stack, "notify::visible-child",
                           G_CALLBACK (on_visible_child_changed), self, G_CONNECT_SWAPPED);
  on_visible_child_changed (self);

  if (self->store != NULL)
    lotse_sync_button_set_engine (LOTSE_SYNC_BUTTON (self->sync_button),
                                  lotse_sync_app_get_engine (self->store));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.sync-now", self->store != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.show-conflicts", self->store != NULL);
}

static void
lotse_window_dispose (GObject *object)
{
  LotseWindow *self = LOTSE_WINDOW (object);

  /* The stack shows other pages while it goes: build no view for them. */
  if (self->view_stack != NULL)
    g_signal_handlers_disconnect_by_func (self->view_stack, on_visible_child_changed, self);
  gtk_widget_dispose_template (GTK_WIDGET (self), LOTSE_TYPE_WINDOW);
  memset (self->views, 0, sizeof self->views);
  g_clear_object (&self->store);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (lotse_window_parent_class)->dispose (object);
}

static void
lotse_window_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  LotseWindow *self = LOTSE_WINDOW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lotse_window_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  LotseWindow *self = LOTSE_WINDOW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      /* Construct-only: each view gets it when it is built. */
      self->store = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lotse_window_class_init (LotseWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = lotse_window_constructed;
  object_class->dispose = lotse_window_dispose;
  object_class->get_property = lotse_window_get_property;
  object_class->set_property = lotse_window_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         LOTSE_TYPE_STORE,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (LOTSE_TYPE_GLOBAL_SEARCH);
  g_type_ensure (LOTSE_TYPE_SYNC_BUTTON);
  g_type_ensure (LOTSE_TYPE_SYNC_SERVER_PAGE);

  gtk_widget_class_set_template_from_resource (widget_class, "/app/lotse/Lotse/lotse-window.ui");
  gtk_widget_class_bind_template_child (widget_class, LotseWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, LotseWindow, switcher_title);
  gtk_widget_class_bind_template_child (widget_class, LotseWindow, switcher_bar);
  gtk_widget_class_bind_template_child (widget_class, LotseWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, LotseWindow, view_stack);
  gtk_widget_class_bind_template_child (widget_class, LotseWindow, error_page);
  gtk_widget_class_bind_template_child (widget_class, LotseWindow, search_button);
  gtk_widget_class_bind_template_child (widget_class, LotseWindow, sync_button);
  gtk_widget_class_bind_template_child (widget_class, LotseWindow, global_search);
  gtk_widget_class_bind_template_child (widget_class, LotseWindow, portfolio_page);
  gtk_widget_class_bind_template_child (widget_class, LotseWindow, jourfixe_page);
  gtk_widget_class_bind_template_child (widget_class, LotseWindow, knowledge_page);

  gtk_widget_class_install_action (widget_class, "win.show-view", "s", show_view_action);
  gtk_widget_class_install_action (widget_class, "win.close", NULL, close_action);
  gtk_widget_class_install_action (widget_class, "win.open-record", "(ss)", open_record_action);
  gtk_widget_class_install_action (widget_class, "win.global-search", NULL, global_search_action);
  gtk_widget_class_install_action (widget_class, "win.sync-now", NULL, sync_now_action);
  gtk_widget_class_install_action (widget_class, "win.show-conflicts", NULL, show_conflicts_action);
}

static void
lotse_window_init (LotseWindow *self)
{
  static const GActionEntry entries[] = {
    { .name = "show-help-overlay", .activate = show_help_overlay_action },
  };

  gtk_widget_init_template (GTK_WIDGET (self));
  g_action_map_add_action_entries (G_ACTION_MAP (self), entries, G_N_ELEMENTS (entries), self);
  lotse_portfolio_csv_install_actions (GTK_APPLICATION_WINDOW (self));
  lotse_print_install_actions (self);

#if DEVELOPMENT_BUILD
  gtk_widget_add_css_class (GTK_WIDGET (self), "devel");
#endif

  self->settings = g_settings_new (APPLICATION_ID);
  g_settings_bind (self->settings, "window-width", self, "default-width",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "window-height", self, "default-height",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "window-maximized", self, "maximized",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "last-view", self->view_stack, "visible-child-name",
                   G_SETTINGS_BIND_DEFAULT);
}

/**
 * lotse_window_new:
 * @application: the application
 * @store: (nullable): the open store, or %NULL if it could not be opened
 *
 * Returns: (transfer none): a new window, owned by GTK until destroyed
 */
LotseWindow *
lotse_window_new (GtkApplication *application,
                  LotseStore     *store)
{
  g_return_val_if_fail (GTK_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (!store || LOTSE_IS_STORE (store), NULL);

  return g_object_new (LOTSE_TYPE_WINDOW,
                       "application", application,
                       "store", store,
                       NULL);
}

/**
 * lotse_window_get_store:
 * @self: a #LotseWindow
 *
 * Returns: (transfer none) (nullable): the store the window shows
 */
LotseStore *
lotse_window_get_store (LotseWindow *self)
{
  g_return_val_if_fail (LOTSE_IS_WINDOW (self), NULL);

  return self->store;
}

/**
 * lotse_window_show_open_error:
 * @self: a #LotseWindow
 * @error: why the database could not be opened; its message names the file
 *
 * Replaces the views with the explanation.
 */
void
lotse_window_show_open_error (LotseWindow  *self,
                              const GError *error)
{
  g_autofree char *message = NULL;
  g_autofree char *hint = NULL;
  g_autofree char *markup = NULL;

  g_return_if_fail (LOTSE_IS_WINDOW (self));
  g_return_if_fail (error != NULL);

  message = g_markup_escape_text (error->message, -1);
  /* Translators: “--database” is a command line option; keep it as it is */
  hint = g_markup_escape_text (_("Move the file elsewhere to start with an empty database, "
                                 "or start Lotse with “--database” and the path of another "
                                 "file."),
                               -1);
  markup = g_strdup_printf ("%s\n\n%s", message, hint);
  adw_status_page_set_description (self->error_page, markup);

  adw_view_switcher_title_set_view_switcher_enabled (self->switcher_title, FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->search_button), FALSE);
  gtk_widget_set_visible (self->sync_button, FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.global-search", FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->switcher_bar), FALSE);
  gtk_stack_set_visible_child_name (self->main_stack, "error");
}

/**
 * lotse_window_add_toast:
 * @self: a #LotseWindow
 * @toast: (transfer full): the toast to show
 */
void
lotse_window_add_toast (LotseWindow *self,
                        AdwToast    *toast)
{
  g_return_if_fail (LOTSE_IS_WINDOW (self));
  g_return_if_fail (ADW_IS_TOAST (toast));

  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

/**
 * lotse_window_get_view:
 * @self: a #LotseWindow
 * @name: (nullable): "portfolio", "jourfixe" or "knowledge"
 *
 * Builds the view if the window has not shown it yet.
 *
 * Returns: (transfer none) (nullable): the view, or %NULL for another name
 */
GtkWidget *
lotse_window_get_view (LotseWindow *self,
                       const char  *name)
{
  g_return_val_if_fail (LOTSE_IS_WINDOW (self), NULL);

  for (guint i = 0; i < G_N_ELEMENTS (view_types); i++)
    if (g_strcmp0 (name, view_types[i].name) == 0)
      return ensure_view (self, i);

  return NULL;
}

AdwViewStack *
lotse_window_get_view_stack (LotseWindow *self)
{
  g_return_val_if_fail (LOTSE_IS_WINDOW (self), NULL);

  return self->view_stack;
}

GtkWidget *
lotse_window_get_global_search (LotseWindow *self)
{
  g_return_val_if_fail (LOTSE_IS_WINDOW (self), NULL);

  return self->global_search;
}

GtkStack *
lotse_window_get_main_stack (LotseWindow *self)
{
  g_return_val_if_fail (LOTSE_IS_WINDOW (self), NULL);

  return self->main_stack;
}

GtkWidget *
lotse_window_get_sync_button (LotseWindow *self)
{
  g_return_val_if_fail (LOTSE_IS_WINDOW (self), NULL);

  return self->sync_button;
}
