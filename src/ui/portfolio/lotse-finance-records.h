/* lotse-finance-records.h: the finance page's lists, written with Undo
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "lotse-core.h"

G_BEGIN_DECLS

GtkWidget *lotse_finance_record_row_new (LotseStore  *store,
                                         LotseRecord *record);
void       lotse_finance_fill_list      (GtkListBox  *list,
                                         LotseStore  *store,
                                         GPtrArray   *records);
void       lotse_finance_added          (GtkWidget   *widget,
                                         LotseStore  *store,
                                         LotseRecord *record,
                                         const char  *message);
void       lotse_finance_add_record     (GtkWidget   *widget,
                                         LotseStore  *store,
                                         const char  *table,
                                         const char  *project_id);
void       lotse_finance_edit_record    (GtkWidget   *widget,
                                         LotseStore  *store,
                                         const char  *table,
                                         const char  *id);
void       lotse_finance_delete_record  (GtkWidget   *widget,
                                         LotseStore  *store,
                                         const char  *table,
                                         const char  *id);

G_END_DECLS
