/* lotse-jourfixe-view-private.h: internals of the Jour fixe view, for its widgets and the tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "lotse-jourfixe-view.h"
#include "lotse-meeting-detail.h"
#include "lotse-registers.h"
#include "lotse-series-editor.h"

G_BEGIN_DECLS

gboolean            lotse_jourfixe_view_delete             (LotseJourfixeView *self,
                                                            const char        *table,
                                                            const char        *id);
gboolean            lotse_jourfixe_view_export_ics         (LotseJourfixeView *self,
                                                            const char        *table,
                                                            const char        *id,
                                                            const char        *path);
char               *lotse_jourfixe_view_suggest_ics_name   (LotseStore        *store,
                                                            LotseRecord       *record);
/* "none", "meeting", "series" or "registers" */
const char         *lotse_jourfixe_view_get_page           (LotseJourfixeView *self);
LotseMeetingDetail *lotse_jourfixe_view_get_meeting_detail (LotseJourfixeView *self);
LotseSeriesEditor  *lotse_jourfixe_view_get_series_editor  (LotseJourfixeView *self);
LotseRegisters     *lotse_jourfixe_view_get_registers      (LotseJourfixeView *self);
GtkListView        *lotse_jourfixe_view_get_list_view      (LotseJourfixeView *self);

G_END_DECLS
