/* lotse-timeline-symbol.h: a milestone's shape, as the timeline draws it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define LOTSE_TYPE_TIMELINE_SYMBOL (lotse_timeline_symbol_get_type ())

G_DECLARE_FINAL_TYPE (LotseTimelineSymbol, lotse_timeline_symbol, LOTSE, TIMELINE_SYMBOL, GtkDrawingArea)

const char *lotse_timeline_symbol_get_status (LotseTimelineSymbol *self);
void        lotse_timeline_symbol_set_status (LotseTimelineSymbol *self,
                                              const char          *status);
const char *lotse_timeline_symbol_get_label  (LotseTimelineSymbol *self);

G_END_DECLS
