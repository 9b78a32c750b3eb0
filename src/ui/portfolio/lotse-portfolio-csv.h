/* lotse-portfolio-csv.h: CSV import and export from the window's menu
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "lotse-core.h"

G_BEGIN_DECLS

void              lotse_portfolio_csv_install_actions (GtkApplicationWindow *window);
AdwMessageDialog *lotse_portfolio_csv_import_file     (GtkWindow            *window,
                                                       LotseStore           *store,
                                                       const char           *table,
                                                       const char           *path);
gboolean          lotse_portfolio_csv_export_file     (GtkWindow            *window,
                                                       LotseStore           *store,
                                                       const char           *table,
                                                       const char           *path);

G_END_DECLS
