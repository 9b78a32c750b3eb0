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
 * tombstone back.
 */

#define G_LOG_DOMAIN "lotse-portfolio-view"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "lotse-directory-panel.h"
#include "lotse-drop-down.h"
#include "lotse-field-row.h"
#include "lotse-frame-probe.h"
#include "lotse-pane-bin.h"
#include "lotse-portfolio-table.h"
#include "lotse-portfolio-view-private.h"
#include "lotse-project-row.h"
#include "lotse-record-dialog.h"
#include "lotse-widget-util.h"

struct _LotsePortfolioView
{
  LotseView           parent_instance;

  GtkWidget          *content;
  GtkStack           *sections;
  GtkWidget          *switcher;
  AdwLeaflet         *leaflet;
  GtkWidget          *sidebar_bin;
  GtkWidget          *detail_separator;
  LotsePortfolioTable *table;
  GtkSearchEntry     *search_entry;
  GtkMenuButton      *filter_button;
  GtkToggleButton    *table_toggle;
  GtkGrid            *filter_grid;
  GtkPopover         *filter_popover;
  GtkLabel           *filter_label;
  GtkStack           *stack;
  GtkListView        *list_view;
  GtkStack           *detail_stack;
  LotseProjectDetail *detail;

  LotseProjectList   *projects;
  GtkSingleSelection *selection;
  LotseProjectQuery  *query;
  GtkDropDown        *filters[LOTSE_PORTFOLIO_N_FILTERS];
  GtkDropDown        *sort;
  AdwToast           *last_toast;  /* weak */
  GCancellable       *list_cancellable;  /* while a worker reads the list */
  guint               n_projects;    /* until the list is read */
  GSettings          *settings;
  gboolean            show_table;
  gboolean            selecting;
  gboolean            filling_filters;
};

G_DEFINE_FINAL_TYPE (LotsePortfolioView, lotse_portfolio_view, LOTSE_TYPE_VIEW)

enum {
  PROP_0,
  PROP_SHOW_TABLE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

#define VALUES_KEY "lotse-values"

static const char *sort_labels[] = {
  N_("Title"),
  N_("Acronym"),
  N_("Traffic light, red first"),
  N_("End date"),
  N_("Next milestone"),
};

G_STATIC_ASSERT (G_N_ELEMENTS (sort_labels) == LOTSE_PROJECT_N_SORTS);

/* Toasts and undo */

static void
add_toast (LotsePortfolioView *self,
           AdwToast           *toast)
{
  lotse_widget_add_toast (GTK_WIDGET (self), toast);
}

static void
show_error (LotsePortfolioView *self,
            const GError       *error)
{
  add_toast (self, adw_toast_new (error->message));
}

typedef struct
{
  LotseStore *store;
  char       *table;
  char       *id;
  LotseRecord *previous;   /* for an undone edit; NULL for an undone delete */
  gboolean    done;
} Undo;

static void
undo_free (gpointer data)
{
  Undo *undo = data;

  g_clear_object (&undo->store);
  g_clear_object (&undo->previous);
  g_free (undo->table);
  g_free (undo->id);
  g_free (undo);
}

static void
on_undo_clicked (AdwToast *toast,
                 Undo     *undo)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LotseRecord) current = NULL;
  gboolean ok;

  if (undo->done)
    return;
  undo->done = TRUE;

  if (undo->previous == NULL)
    {
      ok = lotse_store_undelete (undo->store, undo->table, undo->id, &error);
    }
  else
    {
      /* Only the fields the edit changed go back. */
      current = lotse_store_get (undo->store, undo->table, undo->id, &error);
      ok = current != NULL;
      if (ok)
        {
          const LotseTable *table = lotse_record_get_table (current);

          for (guint i = 0; i < table->n_fields; i++)
            lotse_record_set (current, table->fields[i].name,
                              lotse_record_get_nth (undo->previous, i));
          ok = lotse_store_update (undo->store, current, &error);
        }
    }

  if (!ok)
    g_warning ("Could not undo: %s", error->message);
}

static void
toast_with_undo (LotsePortfolioView *self,
                 const char         *message,
                 const char         *table,
                 const char         *id,
                 LotseRecord        *previous)
{
  AdwToast *toast = adw_toast_new (message);
  Undo *undo = g_new0 (Undo, 1);

  undo->store = g_object_ref (lotse_view_get_store (LOTSE_VIEW (self)));
  undo->table = g_strdup (table);
  undo->id = g_strdup (id);
  undo->previous = previous != NULL ? lotse_record_copy (previous) : NULL;

  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  g_signal_connect_data (toast, "button-clicked", G_CALLBACK (on_undo_clicked), undo,
                         (GClosureNotify) G_CALLBACK (undo_free), 0);
  g_set_weak_pointer (&self->last_toast, toast);
  add_toast (self, toast);
}

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

static void
select_open_project (LotsePortfolioView *self)
{
  const char *id = lotse_project_detail_get_project_id (self->detail);
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

static gboolean
open_project (LotsePortfolioView *self,
              const char         *id,
              gboolean            navigate)
{
  if (!lotse_project_detail_set_project (self->detail, id))
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

static void
close_project (LotsePortfolioView *self)
{
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
    open_project (self, lotse_record_get_id (project), TRUE);
}

static void
on_list_activate (LotsePortfolioView *self,
                  guint               position)
{
  g_autoptr(LotseRecord) project = g_list_model_get_item (G_LIST_MODEL (self->projects), position);

  if (project != NULL)
    open_project (self, lotse_record_get_id (project), TRUE);
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

static void
apply_query (LotsePortfolioView *self)
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
  apply_query (self);
}

void
lotse_portfolio_view_apply_search (LotsePortfolioView *self)
{
  g_return_if_fail (LOTSE_IS_PORTFOLIO_VIEW (self));

  on_search_changed (self);
}

static const char *
filter_value (LotsePortfolioView   *self,
              LotsePortfolioFilter  filter)
{
  char **values = g_object_get_data (G_OBJECT (self->filters[filter]), VALUES_KEY);
  guint selected = gtk_drop_down_get_selected (self->filters[filter]);

  if (values == NULL || selected == GTK_INVALID_LIST_POSITION || selected >= g_strv_length (values))
    return NULL;

  /* The first choice, "All", is the empty string. */
  return *values[selected] != '\0' ? values[selected] : NULL;
}

static void
set_str (char       **target,
         const char  *value)
{
  if (g_strcmp0 (*target, value) == 0)
    return;

  g_free (*target);
  *target = g_strdup (value);
}

static void
on_filter_changed (LotsePortfolioView *self)
{
  if (self->filling_filters)
    return;

  set_str (&self->query->programme_id, filter_value (self, LOTSE_PORTFOLIO_FILTER_PROGRAMME));
  set_str (&self->query->status, filter_value (self, LOTSE_PORTFOLIO_FILTER_STATUS));
  set_str (&self->query->health, filter_value (self, LOTSE_PORTFOLIO_FILTER_HEALTH));
  set_str (&self->query->topic, filter_value (self, LOTSE_PORTFOLIO_FILTER_TOPIC));
  set_str (&self->query->lead_organisation_id, filter_value (self, LOTSE_PORTFOLIO_FILTER_LEAD));
  self->query->sort = MIN (gtk_drop_down_get_selected (self->sort), LOTSE_PROJECT_N_SORTS - 1);
  apply_query (self);
}

/* Fills a filter with "All" and the choices, keeping the chosen value. */
static void
set_choices (LotsePortfolioView *self,
             GtkDropDown        *drop_down,
             GStrvBuilder       *labels,
             GStrvBuilder       *values)
{
  g_auto(GStrv) label_array = g_strv_builder_end (labels);
  g_auto(GStrv) value_array = g_strv_builder_end (values);
  char **old_values = g_object_get_data (G_OBJECT (drop_down), VALUES_KEY);
  guint old = gtk_drop_down_get_selected (drop_down);
  g_autofree char *chosen = NULL;
  guint selected = 0;

  if (old_values != NULL && old != GTK_INVALID_LIST_POSITION && old < g_strv_length (old_values))
    chosen = g_strdup (old_values[old]);

  for (guint i = 0; chosen != NULL && value_array[i] != NULL; i++)
    if (g_str_equal (value_array[i], chosen))
      selected = i;

  self->filling_filters = TRUE;
  gtk_drop_down_set_model (drop_down, G_LIST_MODEL (gtk_string_list_new ((const char * const *) label_array)));
  g_object_unref (gtk_drop_down_get_model (drop_down));
  g_object_set_data_full (G_OBJECT (drop_down), VALUES_KEY, g_steal_pointer (&value_array),
                          (GDestroyNotify) g_strfreev);
  gtk_drop_down_set_selected (drop_down, selected);
  self->filling_filters = FALSE;
}

static GStrvBuilder *
all_builder (void)
{
  GStrvBuilder *builder = g_strv_builder_new ();

  g_strv_builder_add (builder, "");
  return builder;
}

static void
fill_table_choices (LotsePortfolioView   *self,
                    LotsePortfolioFilter  filter,
                    const char           *table)
{
  LotseStore *store = lotse_view_get_store (LOTSE_VIEW (self));
  g_autoptr(GStrvBuilder) labels = g_strv_builder_new ();
  g_autoptr(GStrvBuilder) values = all_builder ();
  g_autoptr(GPtrArray) rows = NULL;

  /* Translators: the choice of a list filter that filters nothing */
  g_strv_builder_add (labels, C_("filter", "All"));
  if (store != NULL)
    rows = lotse_store_list (store, table, NULL, 0, NULL, 0, 0, NULL);
  for (guint i = 0; rows != NULL && i < rows->len; i++)
    {
      g_strv_builder_add (labels, lotse_record_get_title (g_ptr_array_index (rows, i)));
      g_strv_builder_add (values, lotse_record_get_id (g_ptr_array_index (rows, i)));
    }
  set_choices (self, self->filters[filter], labels, values);
}

static void
fill_enum_choices (LotsePortfolioView   *self,
                   LotsePortfolioFilter  filter,
                   const char           *field_name)
{
  const LotseField *field = lotse_table_lookup_field (lotse_schema_lookup_table (LOTSE_TABLE_PROJECT), field_name);
  g_autoptr(GStrvBuilder) labels = g_strv_builder_new ();
  g_autoptr(GStrvBuilder) values = all_builder ();

  g_strv_builder_add (labels, C_("filter", "All"));
  for (guint i = 0; field->enum_values[i] != NULL; i++)
    {
      g_strv_builder_add (labels, lotse_enum_value_label (LOTSE_TABLE_PROJECT, field_name,
                                                          field->enum_values[i]));
      g_strv_builder_add (values, field->enum_values[i]);
    }
  set_choices (self, self->filters[filter], labels, values);
}

static void
fill_filters (LotsePortfolioView *self)
{
  LotseStore *store = lotse_view_get_store (LOTSE_VIEW (self));
  g_autoptr(GStrvBuilder) labels = g_strv_builder_new ();
  g_autoptr(GStrvBuilder) values = all_builder ();
  g_auto(GStrv) topics = NULL;

  fill_table_choices (self, LOTSE_PORTFOLIO_FILTER_PROGRAMME, LOTSE_TABLE_PROGRAMME);
  fill_enum_choices (self, LOTSE_PORTFOLIO_FILTER_STATUS, LOTSE_PROJECT_STATUS);
  fill_enum_choices (self, LOTSE_PORTFOLIO_FILTER_HEALTH, LOTSE_PROJECT_HEALTH);
  fill_table_choices (self, LOTSE_PORTFOLIO_FILTER_LEAD, LOTSE_TABLE_ORGANISATION);

  g_strv_builder_add (labels, C_("filter", "All"));
  if (store != NULL)
    topics = lotse_project_query_topics (store, NULL);
  for (guint i = 0; topics != NULL && topics[i] != NULL; i++)
    {
      g_strv_builder_add (labels, topics[i]);
      g_strv_builder_add (values, topics[i]);
    }
  set_choices (self, self->filters[LOTSE_PORTFOLIO_FILTER_TOPIC], labels, values);
}

static GtkDropDown *
add_filter_row (LotsePortfolioView *self,
                int                 row,
                const char         *label_text)
{
  GtkWidget *label = gtk_label_new_with_mnemonic (label_text);
  GtkExpression *expression = gtk_property_expression_new (GTK_TYPE_STRING_OBJECT, NULL, "string");
  GtkWidget *drop_down = gtk_drop_down_new (NULL, expression);

  gtk_label_set_xalign (GTK_LABEL (label), 0.0f);
  gtk_label_set_mnemonic_widget (GTK_LABEL (label), drop_down);
  gtk_drop_down_set_enable_search (GTK_DROP_DOWN (drop_down), TRUE);
  lotse_drop_down_ellipsize (GTK_DROP_DOWN (drop_down), 8);
  gtk_widget_set_hexpand (drop_down, TRUE);
  gtk_widget_set_size_request (drop_down, 180, -1);
  gtk_grid_attach (self->filter_grid, label, 0, row, 1, 1);
  gtk_grid_attach (self->filter_grid, drop_down, 1, row, 1, 1);
  g_signal_connect_swapped (drop_down, "notify::selected", G_CALLBACK (on_filter_changed), self);

  return GTK_DROP_DOWN (drop_down);
}

static void
build_filters (LotsePortfolioView *self)
{
  static const char *labels[] = {
    N_("_Programme"), N_("_Status"), N_("_Traffic light"), N_("T_opic"), N_("_Lead organisation"),
  };
  GtkWidget *reset;

  G_STATIC_ASSERT (G_N_ELEMENTS (labels) == LOTSE_PORTFOLIO_N_FILTERS);

  for (guint i = 0; i < LOTSE_PORTFOLIO_N_FILTERS; i++)
    self->filters[i] = add_filter_row (self, i, _(labels[i]));

  {
    g_autoptr(GStrvBuilder) sort_builder = g_strv_builder_new ();
    g_auto(GStrv) sorts = NULL;

    for (guint i = 0; i < LOTSE_PROJECT_N_SORTS; i++)
      g_strv_builder_add (sort_builder, _(sort_labels[i]));
    sorts = g_strv_builder_end (sort_builder);
    self->sort = add_filter_row (self, LOTSE_PORTFOLIO_N_FILTERS, _("So_rt by"));
    gtk_drop_down_set_enable_search (self->sort, FALSE);
    self->filling_filters = TRUE;
    gtk_drop_down_set_model (self->sort, G_LIST_MODEL (gtk_string_list_new ((const char * const *) sorts)));
    g_object_unref (gtk_drop_down_get_model (self->sort));
    self->filling_filters = FALSE;
  }

  reset = gtk_button_new_with_mnemonic (_("_Reset Filters"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (reset), "portfolio.reset-filters");
  gtk_grid_attach (self->filter_grid, reset, 0, LOTSE_PORTFOLIO_N_FILTERS + 1, 2, 1);

  fill_filters (self);
}

static void
on_filter_popover_shown (LotsePortfolioView *self)
{
  /* Choices follow the store; read them when they are about to be seen. */
  fill_filters (self);
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
  open_project (self, id, TRUE);
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

/* Actions */

static LotseStore *
get_store (LotsePortfolioView *self)
{
  return lotse_view_get_store (LOTSE_VIEW (self));
}

static void
project_saved (LotseRecord *project,
               gpointer     user_data)
{
  LotsePortfolioView *self = user_data;

  open_project (self, lotse_record_get_id (project), TRUE);
}

static void
new_project_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  LotsePortfolioView *self = LOTSE_PORTFOLIO_VIEW (widget);
  static const char * const fields[] = { LOTSE_PROJECT_TITLE, LOTSE_PROJECT_ACRONYM,
                                         LOTSE_PROJECT_PROGRAMME_ID, LOTSE_PROJECT_STATUS, NULL };
  g_autoptr(LotseRecord) project = lotse_record_new_for_table (LOTSE_TABLE_PROJECT);

  if (get_store (self) == NULL)
    return;

  lotse_record_set (project, LOTSE_PROJECT_STATUS, "planned");
  lotse_record_set (project, LOTSE_PROJECT_PROGRAMME_ID, self->query->programme_id);
  lotse_record_dialog_new (widget, get_store (self), project, fields, _("New Project"),
                           _("_Create"), project_saved, self);
}

static void
search_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  LotsePortfolioView *self = LOTSE_PORTFOLIO_VIEW (widget);

  gtk_stack_set_visible_child_name (self->sections, "projects");
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static void
reset_filters_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  LotsePortfolioView *self = LOTSE_PORTFOLIO_VIEW (widget);

  self->filling_filters = TRUE;
  for (guint i = 0; i < LOTSE_PORTFOLIO_N_FILTERS; i++)
    gtk_drop_down_set_selected (self->filters[i], 0);
  self->filling_filters = FALSE;
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  on_filter_changed (self);
  on_search_changed (self);
}

static void
back_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  LotsePortfolioView *self = LOTSE_PORTFOLIO_VIEW (widget);

  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
}

static void
new_milestone_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  LotsePortfolioView *self = LOTSE_PORTFOLIO_VIEW (widget);
  static const char * const fields[] = { LOTSE_MILESTONE_TITLE, LOTSE_MILESTONE_DUE_DATE,
                                         LOTSE_MILESTONE_STATUS, LOTSE_MILESTONE_DESCRIPTION, NULL };
  g_autoptr(LotseRecord) milestone = lotse_record_new_for_table (LOTSE_TABLE_MILESTONE);
  const char *project_id = lotse_project_detail_get_project_id (self->detail);

  if (project_id == NULL)
    return;

  lotse_record_set (milestone, LOTSE_MILESTONE_PROJECT_ID, project_id);
  lotse_record_set (milestone, LOTSE_MILESTONE_STATUS, "open");
  lotse_record_dialog_new (widget, get_store (self), milestone, fields, _("New Milestone"),
                           _("_Add"), NULL, NULL);
}

static void
edit_milestone_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  LotsePortfolioView *self = LOTSE_PORTFOLIO_VIEW (widget);
  static const char * const fields[] = {
    LOTSE_MILESTONE_TITLE, LOTSE_MILESTONE_DUE_DATE, LOTSE_MILESTONE_STATUS, LOTSE_MILESTONE_DONE_DATE, LOTSE_MILESTONE_DESCRIPTION, NULL
  };
  g_autoptr(LotseRecord) milestone = NULL;
  g_autoptr(GError) error = NULL;

  milestone = lotse_store_get (get_store (self), LOTSE_TABLE_MILESTONE, g_variant_get_string (parameter, NULL),
                               &error);
  if (milestone == NULL)
    {
      show_error (self, error);
      return;
    }

  lotse_record_dialog_new (widget, get_store (self), milestone, fields, _("Edit Milestone"),
                           _("_Save"), NULL, NULL);
}

static void
mark_done (LotsePortfolioView *self,
           const char         *id)
{
  g_autoptr(LotseRecord) milestone = NULL;
  g_autoptr(LotseRecord) previous = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *today = lotse_monitor_today ();
  g_autofree char *message = NULL;

  milestone = lotse_store_get (get_store (self), LOTSE_TABLE_MILESTONE, id, &error);
  if (milestone == NULL)
    {
      show_error (self, error);
      return;
    }

  previous = lotse_record_copy (milestone);
  lotse_record_set (milestone, LOTSE_MILESTONE_STATUS, "done");
  lotse_record_set (milestone, LOTSE_MILESTONE_DONE_DATE, today);
  if (!lotse_store_update (get_store (self), milestone, &error))
    {
      show_error (self, error);
      return;
    }

  /* Translators: a toast; the milestone's title */
  message = g_strdup_printf (_("“%s” marked as done"), lotse_record_get (milestone, LOTSE_MILESTONE_TITLE));
  toast_with_undo (self, message, LOTSE_TABLE_MILESTONE, id, previous);
}

static void
mark_done_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  mark_done (LOTSE_PORTFOLIO_VIEW (widget), g_variant_get_string (parameter, NULL));
}

static char *
deleted_message (const char *table,
                 const char *title)
{
  if (g_str_equal (table, LOTSE_TABLE_MILESTONE))
    /* Translators: a toast; the milestone's title */
    return g_strdup_printf (_("Milestone “%s” deleted"), title);
  if (g_str_equal (table, LOTSE_TABLE_PROJECT))
    /* Translators: a toast; the project's title */
    return g_strdup_printf (_("Project “%s” deleted"), title);

  return g_strdup (_("Partner removed"));
}

static void
delete_with_undo (LotsePortfolioView *self,
                  const char         *table,
                  const char         *id)
{
  g_autoptr(LotseRecord) record = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;

  record = lotse_store_get (get_store (self), table, id, &error);
  if (record == NULL || !lotse_store_delete (get_store (self), table, id, &error))
    {
      show_error (self, error);
      return;
    }

  message = deleted_message (table, lotse_record_get_title (record));
  toast_with_undo (self, message, table, id, NULL);
}

static void
delete_milestone_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  delete_with_undo (LOTSE_PORTFOLIO_VIEW (widget), LOTSE_TABLE_MILESTONE,
                    g_variant_get_string (parameter, NULL));
}

static void
delete_project_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  LotsePortfolioView *self = LOTSE_PORTFOLIO_VIEW (widget);
  g_autofree char *id = g_strdup (lotse_project_detail_get_project_id (self->detail));

  if (id == NULL)
    return;

  close_project (self);
  delete_with_undo (self, LOTSE_TABLE_PROJECT, id);
}

static void
add_status_report_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  LotsePortfolioView *self = LOTSE_PORTFOLIO_VIEW (widget);
  static const char * const fields[] = { LOTSE_STATUS_REPORT_DATE, LOTSE_STATUS_REPORT_HEALTH,
                                         LOTSE_STATUS_REPORT_SUMMARY, NULL };
  g_autoptr(LotseRecord) report = lotse_record_new_for_table (LOTSE_TABLE_STATUS_REPORT);
  g_autoptr(LotseRecord) project = NULL;
  g_autofree char *today = lotse_monitor_today ();
  const char *project_id = lotse_project_detail_get_project_id (self->detail);

  if (project_id == NULL)
    return;

  project = lotse_store_get (get_store (self), LOTSE_TABLE_PROJECT, project_id, NULL);
  lotse_record_set (report, LOTSE_STATUS_REPORT_PROJECT_ID, project_id);
  lotse_record_set (report, LOTSE_STATUS_REPORT_DATE, today);
  /* Saved, the report sets the project's health in the store (lotse-health.c). */
  lotse_record_set (report, LOTSE_STATUS_REPORT_HEALTH,
                    project != NULL && lotse_record_get (project, LOTSE_PROJECT_HEALTH) != NULL
                      ? lotse_record_get (project, LOTSE_PROJECT_HEALTH) : "green");
  lotse_record_dialog_new (widget, get_store (self), report, fields, _("New Status Report"),
                           _("_Add"), NULL, NULL);
}

static void
add_partner_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  LotsePortfolioView *self = LOTSE_PORTFOLIO_VIEW (widget);
  static const char * const fields[] = { LOTSE_PROJECT_PARTNER_ORGANISATION_ID,
                                         LOTSE_PROJECT_PARTNER_ROLE, NULL };
  g_autoptr(LotseRecord) partner = lotse_record_new_for_table (LOTSE_TABLE_PROJECT_PARTNER);
  const char *project_id = lotse_project_detail_get_project_id (self->detail);

  if (project_id == NULL)
    return;

  lotse_record_set (partner, LOTSE_PROJECT_PARTNER_PROJECT_ID, project_id);
  lotse_record_dialog_new (widget, get_store (self), partner, fields, _("Add Partner"),
                           _("_Add"), NULL, NULL);
}

static void
remove_partner_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  delete_with_undo (LOTSE_PORTFOLIO_VIEW (widget), LOTSE_TABLE_PROJECT_PARTNER,
                    g_variant_get_string (parameter, NULL));
}

/* Shortcuts that act on the focused milestone row; without one they let
 * the key go on to the focused widget. */
static gboolean
focused_milestone_shortcut (GtkWidget *widget,
                            GVariant  *args,
                            gpointer   user_data)
{
  LotsePortfolioView *self = LOTSE_PORTFOLIO_VIEW (widget);
  g_autofree char *id = NULL;

  if (!gtk_widget_get_mapped (widget))
    return FALSE;

  id = lotse_project_detail_dup_focused_milestone (self->detail);
  if (id == NULL)
    return FALSE;

  if (g_str_equal (user_data, "mark-done"))
    mark_done (self, id);
  else
    delete_with_undo (self, LOTSE_TABLE_MILESTONE, id);

  return TRUE;
}

typedef struct
{
  const char *trigger;
  const char *action;
  const char *sections;  /* where the key means this action; NULL: everywhere */
} ViewShortcut;

/* The view's shortcuts work wherever the focus is in the window, as long
 * as the view shows; other views can use the same keys. Those that act on
 * the project shown need its section; the directory has its own Ctrl+F. */
static gboolean
view_shortcut (GtkWidget *widget,
               GVariant  *args,
               gpointer   user_data)
{
  LotsePortfolioView *self = LOTSE_PORTFOLIO_VIEW (widget);
  const ViewShortcut *shortcut = user_data;
  const char *section = gtk_stack_get_visible_child_name (self->sections);

  if (!gtk_widget_get_mapped (widget) || !gtk_widget_is_sensitive (widget))
    return FALSE;
  if (shortcut->sections != NULL && (section == NULL || strstr (shortcut->sections, section) == NULL))
    return FALSE;

  return gtk_widget_activate_action (widget, shortcut->action, NULL);
}

static void
add_shortcuts (LotsePortfolioView *self)
{
  static const ViewShortcut shortcuts[] = {
    { "<Control>n", "portfolio.new-project", NULL },
    { "<Control>f", "portfolio.search", "projects monitor timeline" },
    { "<Control><Shift>n", "portfolio.new-milestone", "projects" },
    { "<Control><Shift>r", "portfolio.add-status-report", "projects" },
    { "<Control><Shift>p", "portfolio.add-partner", "projects" },
    { "<Control>Delete", "portfolio.delete-project", "projects" },
    { "<Alt>Left", "portfolio.back", "projects" },
    /* Not an accelerator of the application: the jour fixe and knowledge
     * views export what they show with the same keys. */
    { "<Control><Shift>e", "win.export-milestone-report", NULL },
  };
  GtkEventController *controller = gtk_shortcut_controller_new ();

  gtk_shortcut_controller_set_scope (GTK_SHORTCUT_CONTROLLER (controller), GTK_SHORTCUT_SCOPE_MANAGED);
  for (guint i = 0; i < G_N_ELEMENTS (shortcuts); i++)
    gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (controller),
                                          gtk_shortcut_new (gtk_shortcut_trigger_parse_string (shortcuts[i].trigger),
                                                            gtk_callback_action_new (view_shortcut,
                                                                                     (gpointer) &shortcuts[i],
                                                                                     NULL)));

  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (controller),
                                        gtk_shortcut_new (gtk_shortcut_trigger_parse_string ("<Control>d"),
                                                          gtk_callback_action_new (focused_milestone_shortcut,
                                                                                   (gpointer) "mark-done", NULL)));
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (controller),
                                        gtk_shortcut_new (gtk_shortcut_trigger_parse_string ("Delete"),
                                                          gtk_callback_action_new (focused_milestone_shortcut,
                                                                                   (gpointer) "delete", NULL)));
  gtk_widget_add_controller (GTK_WIDGET (self), controller);
}

/* LotseView */

static gboolean
lotse_portfolio_view_open_record (LotseView  *view,
                                  const char *table,
                                  const char *id)
{
  LotsePortfolioView *self = LOTSE_PORTFOLIO_VIEW (view);
  LotseStore *store = get_store (self);
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
      char **values;

      fill_filters (self);
      values = g_object_get_data (G_OBJECT (self->filters[LOTSE_PORTFOLIO_FILTER_PROGRAMME]), VALUES_KEY);
      for (guint i = 0; values != NULL && values[i] != NULL; i++)
        if (g_str_equal (values[i], id))
          gtk_drop_down_set_selected (self->filters[LOTSE_PORTFOLIO_FILTER_PROGRAMME], i);
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
    reset_filters_action (GTK_WIDGET (self), NULL, NULL);

  if (!open_project (self, project_id, TRUE))
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
  gtk_widget_class_bind_template_child (widget_class, LotsePortfolioView, detail);

  gtk_widget_class_install_action (widget_class, "portfolio.new-project", NULL, new_project_action);
  gtk_widget_class_install_action (widget_class, "portfolio.search", NULL, search_action);
  gtk_widget_class_install_action (widget_class, "portfolio.reset-filters", NULL, reset_filters_action);
  gtk_widget_class_install_action (widget_class, "portfolio.back", NULL, back_action);
  gtk_widget_class_install_action (widget_class, "portfolio.new-milestone", NULL, new_milestone_action);
  gtk_widget_class_install_action (widget_class, "portfolio.edit-milestone", "s", edit_milestone_action);
  gtk_widget_class_install_action (widget_class, "portfolio.mark-done", "s", mark_done_action);
  gtk_widget_class_install_action (widget_class, "portfolio.delete-milestone", "s", delete_milestone_action);
  gtk_widget_class_install_action (widget_class, "portfolio.delete-project", NULL, delete_project_action);
  gtk_widget_class_install_action (widget_class, "portfolio.add-status-report", NULL, add_status_report_action);
  gtk_widget_class_install_action (widget_class, "portfolio.add-partner", NULL, add_partner_action);
  gtk_widget_class_install_action (widget_class, "portfolio.remove-partner", "s", remove_partner_action);
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
  build_filters (self);
  add_shortcuts (self);

  g_signal_connect_swapped (self->search_entry, "search-changed", G_CALLBACK (on_search_changed), self);
  g_signal_connect_swapped (self->filter_popover, "show", G_CALLBACK (on_filter_popover_shown), self);
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
  return self->detail;
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
