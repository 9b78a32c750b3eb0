/* lotse-record.h: one row of a synced table
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "lotse-schema.h"

G_BEGIN_DECLS

#define LOTSE_TYPE_RECORD (lotse_record_get_type ())

G_DECLARE_FINAL_TYPE (LotseRecord, lotse_record, LOTSE, RECORD, GObject)

LotseRecord      *lotse_record_new            (const LotseTable *table);
LotseRecord      *lotse_record_new_for_table  (const char       *table_name);
LotseRecord      *lotse_record_copy           (LotseRecord      *self);
const LotseTable *lotse_record_get_table      (LotseRecord      *self);
const char       *lotse_record_get_table_name (LotseRecord      *self);
const char       *lotse_record_get_id         (LotseRecord      *self);
void              lotse_record_set_id         (LotseRecord      *self,
                                               const char       *id);
gint64            lotse_record_get_rev        (LotseRecord      *self);
void              lotse_record_set_rev        (LotseRecord      *self,
                                               gint64            rev);
gboolean          lotse_record_get_deleted    (LotseRecord      *self);
void              lotse_record_set_deleted    (LotseRecord      *self,
                                               gboolean          deleted);
const char       *lotse_record_get_created_at (LotseRecord      *self);
const char       *lotse_record_get_updated_at (LotseRecord      *self);
void              lotse_record_set_timestamps (LotseRecord      *self,
                                               const char       *created_at,
                                               const char       *updated_at);
const char       *lotse_record_get_title      (LotseRecord      *self);
const char       *lotse_record_get            (LotseRecord      *self,
                                               const char       *field);
gint64            lotse_record_get_int        (LotseRecord      *self,
                                               const char       *field,
                                               gint64            fallback);
void              lotse_record_set            (LotseRecord      *self,
                                               const char       *field,
                                               const char       *value);
void              lotse_record_set_int        (LotseRecord      *self,
                                               const char       *field,
                                               gint64            value);
const char       *lotse_record_get_nth        (LotseRecord      *self,
                                               guint             index);
void              lotse_record_take_nth       (LotseRecord      *self,
                                               guint             index,
                                               char             *value);
gboolean          lotse_record_parse_assignment (LotseRecord    *self,
                                               const char       *assignment,
                                               GError          **error);
JsonNode         *lotse_record_to_json        (LotseRecord      *self);

G_END_DECLS
