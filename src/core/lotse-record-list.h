/* lotse-record-list.h: a lazily paged GListModel over one table
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "lotse-store.h"

G_BEGIN_DECLS

#define LOTSE_TYPE_RECORD_LIST (lotse_record_list_get_type ())

G_DECLARE_FINAL_TYPE (LotseRecordList, lotse_record_list, LOTSE, RECORD_LIST, GObject)

LotseRecordList *lotse_record_list_new          (LotseStore      *store,
                                                 const char      *table,
                                                 const char      *order_field);
void             lotse_record_list_add_filter   (LotseRecordList *self,
                                                 const char      *field,
                                                 const char      *value);
void             lotse_record_list_reload       (LotseRecordList *self);
const char      *lotse_record_list_get_table    (LotseRecordList *self);
guint            lotse_record_list_get_n_loaded (LotseRecordList *self);

G_END_DECLS
