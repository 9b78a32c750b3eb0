/* lotse-portfolio-cell.h: a cell of the portfolio's table
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "lotse-portfolio-table-item.h"

G_BEGIN_DECLS

#define LOTSE_TYPE_PORTFOLIO_CELL (lotse_portfolio_cell_get_type ())

G_DECLARE_FINAL_TYPE (LotsePortfolioCell, lotse_portfolio_cell, LOTSE, PORTFOLIO_CELL, GtkBox)

GtkWidget *lotse_portfolio_cell_new  (LotsePortfolioColumn     column);
void       lotse_portfolio_cell_bind (LotsePortfolioCell      *self,
                                      LotsePortfolioTableItem *item);

G_END_DECLS
