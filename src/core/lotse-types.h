/* lotse-types.h: forward declarations shared by the core library
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef struct _LotseField      LotseField;
typedef struct _LotseTable      LotseTable;
typedef struct _LotseRecord     LotseRecord;
typedef struct _LotseRecordList LotseRecordList;
typedef struct _LotseStore      LotseStore;

G_END_DECLS
