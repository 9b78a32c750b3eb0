/* lotse-portfolio-view-private.h: internals for the tests and benchmarks
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

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

G_END_DECLS
