/* lotse-portfolio-table.h: the portfolio as a sortable table
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "lotse-core.h"
#include "lotse-report.h"

G_BEGIN_DECLS

#define LOTSE_TYPE_PORTFOLIO_TABLE (lotse_portfolio_table_get_type ())

G_DECLARE_FINAL_TYPE (LotsePortfolioTable, lotse_portfolio_table, LOTSE, PORTFOLIO_TABLE, GtkWidget)

GtkWidget     *lotse_portfolio_table_new             (void);
void           lotse_portfolio_table_set_store       (LotsePortfolioTable     *self,
                                                      LotseStore              *store);
void           lotse_portfolio_table_set_query       (LotsePortfolioTable     *self,
                                                      const LotseProjectQuery *query,
                                                      const char              *description);
gboolean       lotse_portfolio_table_get_loading     (LotsePortfolioTable     *self);

/* What the table shows, in its order; for printing, exporting and tests */
GtkColumnView *lotse_portfolio_table_get_column_view (LotsePortfolioTable     *self);
GListModel    *lotse_portfolio_table_get_rows        (LotsePortfolioTable     *self);
char          *lotse_portfolio_table_dup_cell        (LotsePortfolioTable     *self,
                                                      guint                    position,
                                                      GtkColumnViewColumn     *column);
char          *lotse_portfolio_table_dup_id          (LotsePortfolioTable     *self,
                                                      guint                    position);
char          *lotse_portfolio_table_to_csv          (LotsePortfolioTable     *self);
gboolean       lotse_portfolio_table_export_csv      (LotsePortfolioTable     *self,
                                                      GFile                   *file,
                                                      GError                 **error);
gpointer       lotse_portfolio_table_snapshot        (LotsePortfolioTable     *self);
void           lotse_portfolio_table_snapshot_free   (gpointer                 snapshot);
LotseReport   *lotse_portfolio_table_build_report    (gpointer                 snapshot,
                                                      GError                 **error);

G_END_DECLS
