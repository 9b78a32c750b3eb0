/* lotse-finance-row.h: a row of the finance page's lists
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define LOTSE_TYPE_FINANCE_ROW (lotse_finance_row_get_type ())

G_DECLARE_FINAL_TYPE (LotseFinanceRow, lotse_finance_row, LOTSE, FINANCE_ROW, AdwPreferencesRow)

GtkWidget  *lotse_finance_row_new          (const char      *title,
                                            const char      *subtitle);
const char *lotse_finance_row_get_subtitle (LotseFinanceRow *self);
void        lotse_finance_row_add_prefix   (LotseFinanceRow *self,
                                            GtkWidget       *widget);
void        lotse_finance_row_add_suffix   (LotseFinanceRow *self,
                                            GtkWidget       *widget);

G_END_DECLS
