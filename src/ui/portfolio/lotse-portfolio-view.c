/* lotse-portfolio-view.c: the programmes, projects and milestones
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The view's sections live in the stack "sections"; the first is the
 * project list and the open project side by side in a leaflet, which folds
 * to one column below about 660 px. Other sections (monitor, timeline,
 * directory) are added with lotse_portfolio_view_add_section(), and the
 * switcher above the stack shows once there is more than one.
 *
 * The list is a LotseProjectList: searching and filtering run as SQL over
 * the project table (lotse-project-query.c); the search entry's own delay
 * debounces typing. The actions ("portfolio.*") write through the store and
 * offer an undo toast for every deletion; lotse_store_undelete() takes the
 * tombstone back. The filters are lotse-portfolio-view-filters.c, the
 * actions lotse-portfolio-view-actions.c.
 */

#define G_LOG_DOMAIN "lotse-portfolio-view"

#include "config.h"

#include "lotse-directory-panel.h"
#include "lotse-frame-probe.h"
#include "lotse-pane-bin.h"
#include "lotse-portfolio-table.h"
#include "lotse-portfolio-view-private.h"
#include "lotse-project-row.h"

G_DEFINE_FINAL_TYPE (LotsePortfolioView, lotse_portfolio_view, LOTSE_TYPE_VIEW)

enum {
  PROP_0,
  PROP_SHOW_TABLE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The list */

static gboolean
query_is_filtered (const LotseProjectQuery *query)
{
  return (query->text != NULL && *query->text != '\0') || query->programme_id != NULL ||
         query->status != NULL || query->health != NULL || query->topic != NULL ||
         query->lead_organisation_id != NULL;
}

static void
update_stack_page (LotsePortfolioView *self)
{
  guint n = self->projects != NULL ? g_list_model_get_n_items (G_LIST_MODEL (self->projects))
                                   : self->n_projects;
  const char *page;

  if (n > 0)
    page = "list";
  else if (self->projects != NULL && query_is_filtered (self->query))
    page = "no-results";
  else
    page = "empty";

  gtk_stack_set_visible_child_name (self->stack, page);
}

/* The project page is built when a project is first opened: until then
 * the window neither builds nor measures it (a hidden stack page is
 * measured too). */
static LotseProjectDetail *
ensure_detail (LotsePortfolioView *self)
{
  GtkWidget *detail;

  if (self->detail != NULL)
    return self->detail;

  detail = lotse_project_detail_new ();
  self->detail = LOTSE_PROJECT_DETAIL (detail);
  lotse_project_detail_set_store (self->detail, lotse_view_get_store (LOTSE_VIEW (self)));
  lotse_project_detail_set_show_back (self->detail, adw_leaflet_get_folded (self->leaflet));
  gtk_stack_add_named (self->detail_stack, detail, "project");

  return self->detail;
}

/**
 * lotse_portfolio_view_get_open_project_id:
 * @self: a #LotsePortfolioView
 *
 * Returns: (nullable): the id of the project on the project page, if one
 *   has been opened
 */
const char *
lotse_portfolio_view_get_open_project_id (LotsePortfolioView *self)
{
  if (self->detail == NULL)
    return NULL;

  return lotse_project_detail_get_project_id (self->detail);
}

static void
select_open_project (LotsePortfolioView *self)
{
  const char *id = lotse_portfolio_view_get_open_project_id (self);
  guint position = G_MAXUINT;

  if (self->projects == NULL)
    return;

  if (id != NULL && g_str_equal (gtk_stack_get_visible_child_name (self->detail_stack), "project"))
    position = lotse_project_list_find (self->projects, id);

  self->selecting = TRUE;
  gtk_single_selection_set_selected (self->selection, position);
  self->selecting = FALSE;
}

static void
on_items_changed (LotsePortfolioView *self)
{
  update_stack_page (self);
  select_open_project (self);
}

/* GtkSingleSelection looks for its selected item among all new items when
 * the list reloads, which would read every page of 10,000 projects; so the
 * selection is cleared before a reload and set again after it. */
static void
clear_selection (LotsePortfolioView *self)
{
  if (self->selection == NULL)
    return;

  self->selecting = TRUE;
  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
  self->selecting = FALSE;
}

static void
on_store_changed_before_list (LotsePortfolioView *self,
                              const char         *table)
{
  if (g_strcmp0 (table, LOTSE_TABLE_PROJECT) == 0 || g_strcmp0 (table, LOTSE_TABLE_MILESTONE) == 0)
    clear_selection (self);

  if (self->projects == NULL && g_strcmp0 (table, LOTSE_TABLE_PROJECT) == 0)
    {
      self->n_projects = MAX (0, lotse_store_count (lotse_view_get_store (LOTSE_VIEW (self)),
                                                    LOTSE_TABLE_PROJECT, NULL, 0, NULL));
      update_stack_page (self);
    }
}

static void
update_project_actions (LotsePortfolioView *self)
{
  gboolean open = g_str_equal (gtk_stack_get_visible_child_name (self->detail_stack), "project");

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "portfolio.new-milestone", open);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "portfolio.add-status-report", open);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "portfolio.add-partner", open);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "portfolio.delete-project", open);
}

gboolean
lotse_portfolio_view_open_project (LotsePortfolioView *self,
                                   const char         *id,
                                   gboolean            navigate)
{
  if (!lotse_project_detail_set_project (ensure_detail (self), id))
    return FALSE;

  /* A project opens beside the list. */
  lotse_portfolio_view_set_show_table (self, FALSE);

  gtk_stack_set_visible_child_name (self->detail_stack, "project");
  gtk_stack_set_visible_child_name (self->sections, "projects");
  update_project_actions (self);
  select_open_project (self);
  if (navigate)
    adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);

  return TRUE;
}

void
lotse_portfolio_view_close_project (LotsePortfolioView *self)
{
  if (self->detail != NULL)
    lotse_project_detail_set_project (self->detail, NULL);
  gtk_stack_set_visible_child_name (self->detail_stack, "none");
  update_project_actions (self);
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
}

static void
on_selection_changed (LotsePortfolioView *self)
{
  LotseRecord *project;

  if (self->selecting)
    return;

  project = gtk_single_selection_get_selected_item (self->selection);
  if (project != NULL)
    lotse_portfolio_view_open_project (self, lotse_record_get_id (project), TRUE);
}

static void
on_list_activate (LotsePortfolioView *self,
                  guint               position)
{
  g_autoptr(LotseRecord) project = g_list_model_get_item (G_LIST_MODEL (self->projects), position);

  if (project != NULL)
    lotse_portfolio_view_open_project (self, lotse_record_get_id (project), TRUE);
}

static void
factory_setup (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               gpointer                  user_data)
{
  gtk_list_item_set_child (item, lotse_project_row_new ());
}

static void
factory_bind (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              LotsePortfolioView       *self)
{
  const LotseProjectSummary *summary;

  summary = lotse_project_list_get_summary (self->projects, gtk_list_item_get_position (item));
  lotse_project_row_set_summary (LOTSE_PROJECT_ROW (gtk_list_item_get_child (item)), summary);
}

void
lotse_portfolio_view_apply_query (LotsePortfolioView *self)
{
  g_autoptr(GString) description = g_string_new (NULL);

  if (self->projects != NULL)
    {
      clear_selection (self);
      lotse_project_list_set_query (self->projects, self->query);
      select_open_project (self);
    }

  /* Which filters hold, in words, above the list. */
  for (guint i = 0; i < LOTSE_PORTFOLIO_N_FILTERS; i++)
    {
      GtkStringObject *item;

      if (self->filters[i] == NULL || gtk_drop_down_get_selected (self->filters[i]) == 0 ||
          gtk_drop_down_get_selected (self->filters[i]) == GTK_INVALID_LIST_POSITION)
        continue;
      item = gtk_drop_down_get_selected_item (self->filters[i]);
      if (description->len > 0)
        g_string_append (description, " · ");
      g_string_append (description, gtk_string_object_get_string (item));
    }
  gtk_label_set_text (self->filter_label, description->str);
  gtk_widget_set_visible (GTK_WIDGET (self->filter_label), description->len > 0);
  lotse_portfolio_table_set_query (self->table, self->query, description->str);

  update_stack_page (self);
}

static void
on_search_changed (LotsePortfolioView *self)
{
  g_free (self->query->text);
  self->query->text = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
  lotse_portfolio_view_apply_query (self);
}

void
lotse_portfolio_view_apply_search (LotsePortfolioView *self)
{
  g_return_if_fail (LOTSE_IS_PORTFOLIO_VIEW (self));

  on_search_changed (self);
}

/* Rows of the project list on the tallest screens, painted before the
 * list view builds the others (lotse_project_list_hold_back()). */
#define FIRST_SCREENFUL 48

/* Gives the list to the list view: one change from no rows to all. */
static void
install_list (LotsePortfolioView *self,
              LotseProjectList   *projects)
{
  g_cancellable_cancel (self->list_cancellable);
  g_clear_object (&self->list_cancellable);

  self->projects = projects;
  lotse_project_list_set_query (self->projects, self->query);
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->projects)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
  g_signal_connect_object (self->projects, "items-changed", G_CALLBACK (on_items_changed),
                           self, G_CONNECT_SWAPPED | G_CONNECT_AFTER);
  g_signal_connect_object (self->selection, "selection-changed",
                           G_CALLBACK (on_selection_changed), self, G_CONNECT_SWAPPED);
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));

  update_stack_page (self);
  select_open_project (self);
}

/* Reads the list now, for a caller that needs it before the worker is done. */
static void
ensure_list (LotsePortfolioView *self)
{
  LotseStore *store = lotse_view_get_store (LOTSE_VIEW (self));

  if (self->projects != NULL || store == NULL)
    return;

  install_list (self, lotse_project_list_new (store));
}

static void
on_list_read (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(LotsePortfolioView) self = user_data;
  g_autoptr(GError) error = NULL;
  LotseProjectList *projects = lotse_project_list_new_finish (result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (projects == NULL)
    {
      /* The main thread's connection says the same, or reads them. */
      g_warning ("Could not list projects on a worker: %s", error->message);
      ensure_list (self);
      return;
    }

  lotse_frame_probe_mark ("list-read");
  lotse_project_list_hold_back (projects, GTK_WIDGET (self->list_view), FIRST_SCREENFUL);
  install_list (self, projects);
  lotse_frame_probe_mark ("list-given");
}

/* The list is read on a worker while the main thread builds and paints the
 * window; its rows come in the frame after it arrives. */
static void
read_list (LotsePortfolioView *self,
           LotseStore         *store)
{
  self->list_cancellable = g_cancellable_new ();
  lotse_project_list_new_async (store, self->query, self->list_cancellable, on_list_read,
                                g_object_ref (self));
}

static void
load_store (LotsePortfolioView *self)
{
  LotseStore *store = lotse_view_get_store (LOTSE_VIEW (self));

  g_cancellable_cancel (self->list_cancellable);
  g_clear_object (&self->list_cancellable);
  gtk_list_view_set_model (self->list_view, NULL);
  g_clear_object (&self->selection);
  g_clear_object (&self->projects);
  if (self->detail != NULL)
    lotse_project_detail_set_store (self->detail, store);
  lotse_portfolio_table_set_store (self->table, store);
  gtk_stack_set_visible_child_name (self->detail_stack, "none");
  update_project_actions (self);
  self->n_projects = 0;

  if (store != NULL)
    {
      /* Connected before the list connects, so it runs first. */
      g_signal_connect_object (store, "changed", G_CALLBACK (on_store_changed_before_list), self,
                               G_CONNECT_SWAPPED);
      /* Until the list is read, the count decides between the empty page
       * and the list. */
      self->n_projects = MAX (0, lotse_store_count (store, LOTSE_TABLE_PROJECT, NULL, 0, NULL));
      read_list (self, store);
    }

  update_stack_page (self);
}

static void
lotse_portfolio_view_load (LotsePanel *panel)
{
  LOTSE_PANEL_CLASS (lotse_portfolio_view_parent_class)->load (panel);
  load_store (LOTSE_PORTFOLIO_VIEW (panel));
}

/* The table layout */

static void
on_table_project_activated (LotsePortfolioView *self,
                            const char         *id)
{
  lotse_portfolio_view_open_project (self, id, TRUE);
}

/**
 * lotse_portfolio_view_set_show_table:
 * @self: a #LotsePortfolioView
 * @show_table: whether the projects show as a table instead of the list
 *
 * The search and filters above serve both.
 */
void
lotse_portfolio_view_set_show_table (LotsePortfolioView *self,
                                     gboolean            show_table)
{
  g_return_if_fail (LOTSE_IS_PORTFOLIO_VIEW (self));

  show_table = !!show_table;
  if (self->show_table == show_table)
    return;
  self->show_table = show_table;

  /* The table takes the list's place and the whole width: the sidebar
   * expands, the project page goes until a project is opened. */
  gtk_widget_set_visible (GTK_WIDGET (self->table), show_table);
  gtk_widget_set_visible (GTK_WIDGET (self->stack), !show_table);
  gtk_widget_set_visible (GTK_WIDGET (self->detail_stack), !show_table);
  gtk_widget_set_visible (self->detail_separator, !show_table);
  gtk_widget_set_hexpand (self->sidebar_bin, show_table);
  if (show_table)
    adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SHOW_TABLE]);
}

gboolean
lotse_portfolio_view_get_show_table (LotsePortfolioView *self)
{
  g_return_val_if_fail (LOTSE_IS_PORTFOLIO_VIEW (self), FALSE);

  return self->show_table;
}

/* LotseView */

static gboolean
lotse_portfolio_view_open_record (LotseView  *view,
                                  const char *table,
                                  const char *id)
{
  LotsePortfolioView *self = LOTSE_PORTFOLIO_VIEW (view);
  LotseStore *store = lotse_view_get_store (LOTSE_VIEW (self));
  g_autoptr(LotseRecord) record = NULL;
  const char *project_id;

  if (store == NULL)
    return FALSE;

  /* Organisations and people live in the directory section. */
  if (g_str_equal (table, LOTSE_TABLE_ORGANISATION) || g_str_equal (table, LOTSE_TABLE_PERSON))
    {
      GtkWidget *directory = gtk_stack_get_child_by_name (self->sections, "directory");

      if (directory == NULL || !LOTSE_IS_DIRECTORY_PANEL (directory))
        return FALSE;

      gtk_stack_set_visible_child (self->sections, directory);
      return lotse_directory_panel_show_record (LOTSE_DIRECTORY_PANEL (directory), table, id);
    }

  ensure_list (self);
  record = lotse_store_get (store, table, id, NULL);
  if (record == NULL)
    return FALSE;

  if (g_str_equal (table, LOTSE_TABLE_PROGRAMME))
    {
      lotse_portfolio_view_select_programme (self, id);
      gtk_stack_set_visible_child_name (self->sections, "projects");
      adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
      return TRUE;
    }

  if (g_str_equal (table, LOTSE_TABLE_PROJECT))
    project_id = id;
  else if (g_str_equal (table, LOTSE_TABLE_MILESTONE) || g_str_equal (table, LOTSE_TABLE_STATUS_REPORT) ||
           g_str_equal (table, LOTSE_TABLE_PROJECT_PARTNER))
    project_id = lotse_record_get (record, LOTSE_PROJECT_PARTNER_PROJECT_ID);
  else
    return FALSE;

  /* A project the filters hide is shown without them. */
  if (lotse_project_list_find (self->projects, project_id) == G_MAXUINT)
    lotse_portfolio_view_reset_filters (self);

  if (!lotse_portfolio_view_open_project (self, project_id, TRUE))
    return FALSE;

  {
    guint position = lotse_project_list_find (self->projects, project_id);

    if (position != G_MAXUINT)
      gtk_widget_activate_action (GTK_WIDGET (self->list_view), "list.scroll-to-item", "u", position);
  }

  if (g_str_equal (table, LOTSE_TABLE_MILESTONE))
    lotse_project_detail_focus_milestone (self->detail, id);
  else if (g_str_equal (table, LOTSE_TABLE_STATUS_REPORT))
    lotse_project_detail_focus_history (self->detail);

  return TRUE;
}

/* GObject */

static void
on_folded (LotsePortfolioView *self)
{
  if (self->detail != NULL)
    lotse_project_detail_set_show_back (self->detail, adw_leaflet_get_folded (self->leaflet));
}

static void
on_sections_changed (LotsePortfolioView *self)
{
  GListModel *pages = G_LIST_MODEL (gtk_stack_get_pages (self->sections));

  gtk_widget_set_visible (self->switcher, g_list_model_get_n_items (pages) > 1);
  g_object_unref (pages);
}

static void
lotse_portfolio_view_dispose (GObject *object)
{
  LotsePortfolioView *self = LOTSE_PORTFOLIO_VIEW (object);

  g_cancellable_cancel (self->list_cancellable);
  g_clear_object (&self->list_cancellable);
  if (self->list_view != NULL)
    gtk_list_view_set_model (self->list_view, NULL);
  g_clear_object (&self->selection);
  g_clear_object (&self->projects);
  g_clear_object (&self->settings);
  g_clear_weak_pointer (&self->last_toast);

  gtk_widget_dispose_template (GTK_WIDGET (object), LOTSE_TYPE_PORTFOLIO_VIEW);

  G_OBJECT_CLASS (lotse_portfolio_view_parent_class)->dispose (object);
}

static void
lotse_portfolio_view_finalize (GObject *object)
{
  LotsePortfolioView *self = LOTSE_PORTFOLIO_VIEW (object);

  g_clear_pointer (&self->query, lotse_project_query_free);

  G_OBJECT_CLASS (lotse_portfolio_view_parent_class)->finalize (object);
}

static void
lotse_portfolio_view_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  switch (prop_id)
    {
    case PROP_SHOW_TABLE:
      g_value_set_boolean (value, LOTSE_PORTFOLIO_VIEW (object)->show_table);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lotse_portfolio_view_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  switch (prop_id)
    {
    case PROP_SHOW_TABLE:
      lotse_portfolio_view_set_show_table (LOTSE_PORTFOLIO_VIEW (object), g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lotse_portfolio_view_class_init (LotsePortfolioViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  LotseViewClass *view_class = LOTSE_VIEW_CLASS (klass);

  object_class->dispose = lotse_portfolio_view_dispose;
  object_class->finalize = lotse_portfolio_view_finalize;
  object_class->get_property = lotse_portfolio_view_get_property;
  object_class->set_property = lotse_portfolio_view_set_property;
  LOTSE_PANEL_CLASS (klass)->load = lotse_portfolio_view_load;
  view_class->open_record = lotse_portfolio_view_open_record;

  /**
   * LotsePortfolioView:show-table:
   *
   * Whether the projects show as a table rather than the list; remembered
   * in the setting "portfolio-table".
   */
  properties[PROP_SHOW_TABLE] =
    g_param_spec_boolean ("show-table", NULL, NULL, FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (LOTSE_TYPE_PROJECT_DETAIL);
  g_type_ensure (LOTSE_TYPE_PORTFOLIO_TABLE);
  g_type_ensure (LOTSE_TYPE_PANE_BIN);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/app/lotse/Lotse/portfolio/lotse-portfolio-view.ui");
  gtk_widget_class_bind_template_child (widget_class, LotsePortfolioView, content);
  gtk_widget_class_bind_template_child (widget_class, LotsePortfolioView, sections);
  gtk_widget_class_bind_template_child (widget_class, LotsePortfolioView, switcher);
  gtk_widget_class_bind_template_child (widget_class, LotsePortfolioView, leaflet);
  gtk_widget_class_bind_template_child (widget_class, LotsePortfolioView, sidebar_bin);
  gtk_widget_class_bind_template_child (widget_class, LotsePortfolioView, detail_separator);
  gtk_widget_class_bind_template_child (widget_class, LotsePortfolioView, table);
  gtk_widget_class_bind_template_child (widget_class, LotsePortfolioView, search_entry);
  gtk_widget_class_bind_template_child (widget_class, LotsePortfolioView, filter_button);
  gtk_widget_class_bind_template_child (widget_class, LotsePortfolioView, table_toggle);
  gtk_widget_class_bind_template_child (widget_class, LotsePortfolioView, filter_grid);
  gtk_widget_class_bind_template_child (widget_class, LotsePortfolioView, filter_popover);
  gtk_widget_class_bind_template_child (widget_class, LotsePortfolioView, filter_label);
  gtk_widget_class_bind_template_child (widget_class, LotsePortfolioView, stack);
  gtk_widget_class_bind_template_child (widget_class, LotsePortfolioView, list_view);
  gtk_widget_class_bind_template_child (widget_class, LotsePortfolioView, detail_stack);

  lotse_portfolio_view_install_actions (widget_class);
  gtk_widget_class_install_property_action (widget_class, "portfolio.show-table", "show-table");
}

static void
lotse_portfolio_view_init (LotsePortfolioView *self)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();

  gtk_widget_init_template (GTK_WIDGET (self));

  self->query = lotse_project_query_new ();

  g_signal_connect (factory, "setup", G_CALLBACK (factory_setup), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (factory_bind), self);
  gtk_list_view_set_factory (self->list_view, factory);
  g_signal_connect_swapped (self->list_view, "activate", G_CALLBACK (on_list_activate), self);

  lotse_view_set_list_widgets (LOTSE_VIEW (self), self->stack, self->list_view);
  lotse_portfolio_view_build_filters (self);
  lotse_portfolio_view_add_shortcuts (self);

  g_signal_connect_swapped (self->search_entry, "search-changed", G_CALLBACK (on_search_changed),
                            self);
  g_signal_connect_swapped (self->leaflet, "notify::folded", G_CALLBACK (on_folded), self);
  g_signal_connect_swapped (self->table, "project-activated",
                            G_CALLBACK (on_table_project_activated), self);
  self->settings = g_settings_new (APPLICATION_ID);
  g_settings_bind (self->settings, "portfolio-table", self, "show-table", G_SETTINGS_BIND_DEFAULT);
  {
    GListModel *pages = G_LIST_MODEL (gtk_stack_get_pages (self->sections));

    g_signal_connect_object (pages, "items-changed", G_CALLBACK (on_sections_changed), self,
                             G_CONNECT_SWAPPED);
    g_object_unref (pages);
  }

  on_folded (self);
  update_project_actions (self);
  update_stack_page (self);
}

/**
 * lotse_portfolio_view_add_section:
 * @self: a #LotsePortfolioView
 * @page: the section's widget
 * @name: its name in the stack "sections", e.g. "monitor"
 * @title: its title in the switcher, translated
 * @icon_name: (nullable): its icon
 *
 * Adds a section after the project list; the switcher shows from the
 * second section on.
 */
void
lotse_portfolio_view_add_section (LotsePortfolioView *self,
                                  GtkWidget          *page,
                                  const char         *name,
                                  const char         *title,
                                  const char         *icon_name)
{
  GtkStackPage *stack_page;

  g_return_if_fail (LOTSE_IS_PORTFOLIO_VIEW (self));
  g_return_if_fail (GTK_IS_WIDGET (page));
  g_return_if_fail (name != NULL && title != NULL);
  g_return_if_fail (gtk_stack_get_child_by_name (self->sections, name) == NULL);

  stack_page = gtk_stack_add_titled (self->sections, page, name, title);
  if (icon_name != NULL)
    gtk_stack_page_set_icon_name (stack_page, icon_name);
  on_sections_changed (self);
}

LotseProjectList *
lotse_portfolio_view_get_project_list (LotsePortfolioView *self)
{
  ensure_list (self);
  return self->projects;
}

LotseProjectDetail *
lotse_portfolio_view_get_detail (LotsePortfolioView *self)
{
  return ensure_detail (self);
}

GtkSearchEntry *
lotse_portfolio_view_get_search_entry (LotsePortfolioView *self)
{
  return self->search_entry;
}

GtkStack *
lotse_portfolio_view_get_sections (LotsePortfolioView *self)
{
  return self->sections;
}

GtkWidget *
lotse_portfolio_view_get_switcher (LotsePortfolioView *self)
{
  return self->switcher;
}

AdwLeaflet *
lotse_portfolio_view_get_leaflet (LotsePortfolioView *self)
{
  return self->leaflet;
}

GtkDropDown *
lotse_portfolio_view_get_filter (LotsePortfolioView   *self,
                                 LotsePortfolioFilter  filter)
{
  g_return_val_if_fail (filter < LOTSE_PORTFOLIO_N_FILTERS, NULL);

  return self->filters[filter];
}

GtkDropDown *
lotse_portfolio_view_get_sort (LotsePortfolioView *self)
{
  return self->sort;
}

LotsePortfolioTable *
lotse_portfolio_view_get_table (LotsePortfolioView *self)
{
  return self->table;
}

GtkToggleButton *
lotse_portfolio_view_get_table_toggle (LotsePortfolioView *self)
{
  return self->table_toggle;
}

GtkMenuButton *
lotse_portfolio_view_get_filter_button (LotsePortfolioView *self)
{
  return self->filter_button;
}

AdwToast *
lotse_portfolio_view_get_last_toast (LotsePortfolioView *self)
{
  return self->last_toast;
}
