/* lotse-demo.h: the demo programme office
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "lotse-store.h"

G_BEGIN_DECLS

/* Loads the demo programmes (OWL 4.0, Digitale Modellregion OWL, SMART REGION
 * Emscher-Lippe, Digitalisierungs-Missionare) through the store, in one
 * transaction, with their dates moved to @today (YYYY-MM-DD, NULL for the
 * local date). Idempotent: rows have stable ids and rows already present are
 * left alone. Returns the number of rows inserted in @n_inserted. */
gboolean lotse_demo_load (LotseStore  *store,
                          const char  *today,
                          guint       *n_inserted,
                          GError     **error);

G_END_DECLS
