/* lotse-portfolio-view.h: the projects of the programme
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "lotse-view.h"

G_BEGIN_DECLS

#define LOTSE_TYPE_PORTFOLIO_VIEW (lotse_portfolio_view_get_type ())

G_DECLARE_FINAL_TYPE (LotsePortfolioView, lotse_portfolio_view, LOTSE, PORTFOLIO_VIEW, LotseView)

G_END_DECLS
