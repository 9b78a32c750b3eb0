/* lotse-record-private.h: record internals shared with the store
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "lotse-record.h"

G_BEGIN_DECLS

void lotse_field_add_json_value (JsonBuilder      *builder,
                                 const LotseField *field,
                                 const char       *value);

G_END_DECLS
