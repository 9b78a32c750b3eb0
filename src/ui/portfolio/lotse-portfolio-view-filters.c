/* lotse-portfolio-view-filters.c: the filters of the project list
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The filter popover: a drop-down per filter (programme, status, traffic
 * light, topic, lead organisation) with "All" first, and the sort. The
 * choices follow the store and are read again when the popover opens; a
 * choice made stays chosen while it exists. Each drop-down keeps the
 * values its items stand for beside its model.
 */

#define G_LOG_DOMAIN "lotse-portfolio-view"

#include "config.h"

#include <glib/gi18n.h>

#include "lotse-drop-down.h"
#include "lotse-portfolio-view-private.h"
#include "lotse-util.h"

#define VALUES_KEY "lotse-values"

static const char *sort_labels[] = {
  N_("Title"),
  N_("Acronym"),
  N_("Traffic light, red first"),
  N_("End date"),
  N_("Next milestone"),
};

G_STATIC_ASSERT (G_N_ELEMENTS (sort_labels) == LOTSE_PROJECT_N_SORTS);

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
on_filter_changed (LotsePortfolioView *self)
{
  if (self->filling_filters)
    return;

  lotse_set_str (&self->query->programme_id, filter_value (self, LOTSE_PORTFOLIO_FILTER_PROGRAMME));
  lotse_set_str (&self->query->status, filter_value (self, LOTSE_PORTFOLIO_FILTER_STATUS));
  lotse_set_str (&self->query->health, filter_value (self, LOTSE_PORTFOLIO_FILTER_HEALTH));
  lotse_set_str (&self->query->topic, filter_value (self, LOTSE_PORTFOLIO_FILTER_TOPIC));
  lotse_set_str (&self->query->lead_organisation_id, filter_value (self, LOTSE_PORTFOLIO_FILTER_LEAD));
  self->query->sort = MIN (gtk_drop_down_get_selected (self->sort), LOTSE_PROJECT_N_SORTS - 1);
  lotse_portfolio_view_apply_query (self);
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

void
lotse_portfolio_view_fill_filters (LotsePortfolioView *self)
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
on_filter_popover_shown (LotsePortfolioView *self)
{
  /* Choices follow the store; read them when they are about to be seen. */
  lotse_portfolio_view_fill_filters (self);
}

void
lotse_portfolio_view_build_filters (LotsePortfolioView *self)
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

  lotse_portfolio_view_fill_filters (self);
  g_signal_connect_swapped (self->filter_popover, "show", G_CALLBACK (on_filter_popover_shown), self);
}

void
lotse_portfolio_view_reset_filters (LotsePortfolioView *self)
{
  self->filling_filters = TRUE;
  for (guint i = 0; i < LOTSE_PORTFOLIO_N_FILTERS; i++)
    gtk_drop_down_set_selected (self->filters[i], 0);
  self->filling_filters = FALSE;
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  on_filter_changed (self);
  lotse_portfolio_view_apply_search (self);
}

/* Shows the projects of @programme_id, as if chosen in its filter. */
void
lotse_portfolio_view_select_programme (LotsePortfolioView *self,
                                       const char         *programme_id)
{
  GtkDropDown *drop_down = self->filters[LOTSE_PORTFOLIO_FILTER_PROGRAMME];
  char **values;

  lotse_portfolio_view_fill_filters (self);
  values = g_object_get_data (G_OBJECT (drop_down), VALUES_KEY);
  for (guint i = 0; values != NULL && values[i] != NULL; i++)
    if (g_str_equal (values[i], programme_id))
      gtk_drop_down_set_selected (drop_down, i);
}
