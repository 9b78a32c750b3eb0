/* lotse-field-row.h: a form row that edits one field of the schema
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "lotse-core.h"

G_BEGIN_DECLS

GtkWidget   *lotse_field_row_new          (LotseStore   *store,
                                           const char   *table,
                                           const char   *field);
const char  *lotse_field_row_get_field    (GtkWidget    *row);
GtkEditable *lotse_field_row_get_editable (GtkWidget    *row);
gboolean     lotse_field_row_get_value    (GtkWidget    *row,
                                           char        **out_value,
                                           GError      **error);
void         lotse_field_row_set_value    (GtkWidget    *row,
                                           const char   *value);
gboolean     lotse_field_row_is_edited    (GtkWidget    *row);
void         lotse_field_row_set_error    (GtkWidget    *row,
                                           gboolean      error);

G_END_DECLS
