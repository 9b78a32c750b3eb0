/* lotse-agenda-proposal.h: items proposed for a planned meeting's agenda
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "lotse-store.h"

G_BEGIN_DECLS

gboolean     lotse_agenda_proposal_status_is_open (const char  *status);
gboolean     lotse_agenda_proposal_meeting_is_open (LotseRecord  *meeting);
LotseRecord *lotse_agenda_proposal_propose  (LotseStore   *store,
                                             const char   *meeting_id,
                                             const char   *title,
                                             const char   *notes,
                                             const char   *proposed_by_person_id,
                                             GDateTime    *now,
                                             GError      **error);
LotseRecord *lotse_agenda_proposal_accept   (LotseStore   *store,
                                             const char   *proposal_id,
                                             const char   *decided_by_person_id,
                                             GDateTime    *now,
                                             GError      **error);
gboolean     lotse_agenda_proposal_decline  (LotseStore   *store,
                                             const char   *proposal_id,
                                             const char   *reason,
                                             const char   *decided_by_person_id,
                                             GDateTime    *now,
                                             GError      **error);
GPtrArray   *lotse_agenda_proposal_list     (LotseStore   *store,
                                             const char   *meeting_id,
                                             GError      **error);

G_END_DECLS
