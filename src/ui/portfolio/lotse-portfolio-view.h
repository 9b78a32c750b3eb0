/* lotse-portfolio-view.h: the programmes, projects and milestones
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "lotse-view.h"

G_BEGIN_DECLS

#define LOTSE_TYPE_PORTFOLIO_VIEW (lotse_portfolio_view_get_type ())

G_DECLARE_FINAL_TYPE (LotsePortfolioView, lotse_portfolio_view, LOTSE, PORTFOLIO_VIEW, LotseView)

void     lotse_portfolio_view_set_show_table (LotsePortfolioView *self,
                                              gboolean            show_table);
gboolean lotse_portfolio_view_get_show_table (LotsePortfolioView *self);
void lotse_portfolio_view_add_section (LotsePortfolioView *self,
                                       GtkWidget          *page,
                                       const char         *name,
                                       const char         *title,
                                       const char         *icon_name);

G_END_DECLS
