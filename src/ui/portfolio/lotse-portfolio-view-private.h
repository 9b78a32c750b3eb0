/* lotse-portfolio-view-private.h: internals for the view's files, the tests and benchmarks
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * lotse-portfolio-view.c is the view with its list and sections;
 * lotse-portfolio-view-filters.c the filter popover;
 * lotse-portfolio-view-actions.c the actions, their keys and undo.
 */

#pragma once

#include <adwaita.h>

#include "lotse-portfolio-table.h"
#include "lotse-portfolio-view.h"
#include "lotse-project-detail.h"
#include "lotse-project-list.h"

G_BEGIN_DECLS

/* The filters of the list, in the order of the filter popover. */
typedef enum
{
  LOTSE_PORTFOLIO_FILTER_PROGRAMME,
  LOTSE_PORTFOLIO_FILTER_STATUS,
  LOTSE_PORTFOLIO_FILTER_HEALTH,
  LOTSE_PORTFOLIO_FILTER_TOPIC,
  LOTSE_PORTFOLIO_FILTER_LEAD,
  LOTSE_PORTFOLIO_N_FILTERS
} LotsePortfolioFilter;

LotseProjectList   *lotse_portfolio_view_get_project_list (LotsePortfolioView   *self);
LotseProjectDetail *lotse_portfolio_view_get_detail       (LotsePortfolioView   *self);
const char         *lotse_portfolio_view_get_open_project_id (LotsePortfolioView *self);
GtkSearchEntry     *lotse_portfolio_view_get_search_entry (LotsePortfolioView   *self);
GtkStack           *lotse_portfolio_view_get_sections     (LotsePortfolioView   *self);
GtkWidget          *lotse_portfolio_view_get_switcher     (LotsePortfolioView   *self);
AdwLeaflet         *lotse_portfolio_view_get_leaflet      (LotsePortfolioView   *self);
GtkDropDown        *lotse_portfolio_view_get_filter       (LotsePortfolioView   *self,
                                                           LotsePortfolioFilter  filter);
GtkDropDown        *lotse_portfolio_view_get_sort         (LotsePortfolioView   *self);
GtkMenuButton      *lotse_portfolio_view_get_filter_button (LotsePortfolioView  *self);
/* The last toast with an undo button, while it exists */
AdwToast           *lotse_portfolio_view_get_last_toast   (LotsePortfolioView   *self);
LotsePortfolioTable *lotse_portfolio_view_get_table      (LotsePortfolioView  *self);
GtkToggleButton    *lotse_portfolio_view_get_table_toggle (LotsePortfolioView  *self);
/* Applies the search text now instead of after the entry's delay. */
void                lotse_portfolio_view_apply_search     (LotsePortfolioView   *self);

/* Shared by the view's files */
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

gboolean lotse_portfolio_view_open_project      (LotsePortfolioView *self,
                                                 const char         *id,
                                                 gboolean            navigate);
void     lotse_portfolio_view_close_project     (LotsePortfolioView *self);
/* Shows the list as the query, the search and the filters say */
void     lotse_portfolio_view_apply_query       (LotsePortfolioView *self);

void     lotse_portfolio_view_build_filters     (LotsePortfolioView *self);
/* Reads the filters' choices again from the store */
void     lotse_portfolio_view_fill_filters      (LotsePortfolioView *self);
void     lotse_portfolio_view_reset_filters     (LotsePortfolioView *self);
void     lotse_portfolio_view_select_programme  (LotsePortfolioView *self,
                                                 const char         *programme_id);

void     lotse_portfolio_view_install_actions   (GtkWidgetClass     *widget_class);
void     lotse_portfolio_view_add_shortcuts     (LotsePortfolioView *self);

G_END_DECLS
