/* lotse-record-row.h: one row of a record list
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "lotse-core.h"

G_BEGIN_DECLS

#define LOTSE_TYPE_RECORD_ROW (lotse_record_row_get_type ())

G_DECLARE_FINAL_TYPE (LotseRecordRow, lotse_record_row, LOTSE, RECORD_ROW, GtkWidget)

/* Fills @row from @record each time the list shows the row for another
 * record. */
typedef void (*LotseRecordRowBindFunc) (LotseRecordRow *row,
                                        LotseRecord    *record,
                                        gpointer        user_data);

GtkWidget          *lotse_record_row_new          (void);
void                lotse_record_row_set_title    (LotseRecordRow         *self,
                                                   const char             *title);
void                lotse_record_row_set_subtitle (LotseRecordRow         *self,
                                                   const char             *subtitle);
void                lotse_record_row_set_badge    (LotseRecordRow         *self,
                                                   const char             *text,
                                                   const char             *dot_class);
const char         *lotse_record_row_get_title    (LotseRecordRow         *self);
const char         *lotse_record_row_get_subtitle (LotseRecordRow         *self);
const char         *lotse_record_row_get_badge    (LotseRecordRow         *self);

GtkListItemFactory *lotse_record_row_factory_new  (LotseRecordRowBindFunc  bind_func,
                                                   gpointer                user_data);

G_END_DECLS
