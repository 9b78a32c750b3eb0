/* lotse-meeting-proposals.h: items proposed for a meeting's agenda
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "lotse-jourfixe-catalog.h"

G_BEGIN_DECLS

#define LOTSE_TYPE_MEETING_PROPOSALS (lotse_meeting_proposals_get_type ())

G_DECLARE_FINAL_TYPE (LotseMeetingProposals, lotse_meeting_proposals, LOTSE, MEETING_PROPOSALS, GtkWidget)

void        lotse_meeting_proposals_show_for (LotseMeetingProposals *self,
                                              LotseJourfixeCatalog  *catalog,
                                              LotseRecord           *meeting);

/* For the tests */
GtkListBox *lotse_meeting_proposals_get_list           (LotseMeetingProposals *self);
GtkButton  *lotse_meeting_proposals_get_propose_button (LotseMeetingProposals *self);

G_END_DECLS
