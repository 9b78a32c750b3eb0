/* lotse-portfolio-table-item.h: a row of the portfolio's table
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "lotse-core.h"

G_BEGIN_DECLS

typedef enum
{
  LOTSE_PORTFOLIO_COLUMN_PROJECT,
  LOTSE_PORTFOLIO_COLUMN_PROGRAMME,
  LOTSE_PORTFOLIO_COLUMN_STATUS,
  LOTSE_PORTFOLIO_COLUMN_HEALTH,
  LOTSE_PORTFOLIO_COLUMN_NEXT,
  LOTSE_PORTFOLIO_COLUMN_OVERDUE,
  LOTSE_PORTFOLIO_COLUMN_BUDGET,
  LOTSE_PORTFOLIO_COLUMN_LEAD,
  LOTSE_PORTFOLIO_N_COLUMNS
} LotsePortfolioColumn;

#define LOTSE_TYPE_PORTFOLIO_TABLE_ITEM (lotse_portfolio_table_item_get_type ())

G_DECLARE_FINAL_TYPE (LotsePortfolioTableItem, lotse_portfolio_table_item, LOTSE,
                      PORTFOLIO_TABLE_ITEM, GObject)

const char                 *lotse_portfolio_column_id           (LotsePortfolioColumn     column);
const char                 *lotse_portfolio_column_title        (LotsePortfolioColumn     column);
double                      lotse_portfolio_column_weight       (LotsePortfolioColumn     column);

GPtrArray                  *lotse_portfolio_table_items_new     (GPtrArray               *rows);
GPtrArray                  *lotse_portfolio_table_items_read    (LotseStore                 *store,
                                                                 const LotseProjectQuery    *query,
                                                                 const char                 *today,
                                                                 const LotseFinanceSettings *finance,
                                                                 LotseFinanceSums           *out_sums,
                                                                 GError                    **error);
gboolean                    lotse_portfolio_table_item_get_overspent (LotsePortfolioTableItem *item);
const LotseProjectTableRow *lotse_portfolio_table_item_get_row  (LotsePortfolioTableItem *item);
char                       *lotse_portfolio_table_item_dup_text (LotsePortfolioTableItem *item,
                                                                 LotsePortfolioColumn     column);

G_END_DECLS
