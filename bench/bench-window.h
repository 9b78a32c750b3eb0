/* bench-window.h: the real Lotse window for the benches
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "lotse-portfolio-view-private.h"

G_BEGIN_DECLS

GtkWindow *bench_open_window (LotseStore          *store,
                              int                  width,
                              int                  height,
                              LotsePortfolioView **portfolio);

G_END_DECLS
