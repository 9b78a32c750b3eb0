/* lotse-meeting-send.h: sending a meeting's invitation and minutes, and what was sent
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "lotse-core.h"

G_BEGIN_DECLS

#define LOTSE_TYPE_MEETING_SEND (lotse_meeting_send_get_type ())

G_DECLARE_FINAL_TYPE (LotseMeetingSend, lotse_meeting_send, LOTSE, MEETING_SEND, GtkWidget)

void        lotse_meeting_send_set_meeting (LotseMeetingSend  *self,
                                            LotseStore        *store,
                                            LotseRecord       *meeting);
void        lotse_meeting_send_append_menu (GMenu             *menu,
                                            LotseRecord       *meeting);
void        lotse_meeting_send_present     (LotseMeetingSend  *self,
                                            LotseMailKind      kind);
void        lotse_meeting_send_save_as     (LotseMeetingSend  *self,
                                            LotseMailKind      kind);
gboolean    lotse_meeting_send_save_eml    (LotseMeetingSend  *self,
                                            LotseMailKind      kind,
                                            const char        *path,
                                            GError           **error);

/* For the tests */
GtkWidget  *lotse_meeting_send_get_button  (LotseMeetingSend  *self,
                                            LotseMailKind      kind);
const char *lotse_meeting_send_get_sent_text (LotseMeetingSend *self);

G_END_DECLS
