/* lotse-finance-private.h: the finance rules the store applies on write
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "lotse-record.h"
#include "lotse-store.h"

G_BEGIN_DECLS

gboolean lotse_finance_check_record (LotseStore   *store,
                                     LotseRecord  *record,
                                     GError      **error);

G_END_DECLS
