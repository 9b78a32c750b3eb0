/* lotse-demo-private.h: the demo loader, for tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "lotse-demo.h"

G_BEGIN_DECLS

/* Loads demo data in the format of lotse-demo.json from @json instead of
 * the built-in resource, so that tests can hand the loader broken data. */
gboolean lotse_demo_load_json (LotseStore  *store,
                               const char  *json,
                               gssize       length,
                               const char  *today,
                               guint       *n_inserted,
                               GError     **error);

G_END_DECLS
