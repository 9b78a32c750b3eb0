/* lotse-finance-page.h: a project's money in the project detail
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "lotse-panel.h"

G_BEGIN_DECLS

#define LOTSE_TYPE_FINANCE_PAGE (lotse_finance_page_get_type ())

G_DECLARE_FINAL_TYPE (LotseFinancePage, lotse_finance_page, LOTSE, FINANCE_PAGE, LotsePanel)

void        lotse_finance_page_set_project_id (LotseFinancePage *self,
                                               const char       *project_id);
const char *lotse_finance_page_get_project_id (LotseFinancePage *self);
gboolean    lotse_finance_page_is_busy        (LotseFinancePage *self);
void        lotse_finance_page_read_settings  (GSettings            *gsettings,
                                               LotseFinanceSettings *settings);

G_END_DECLS
