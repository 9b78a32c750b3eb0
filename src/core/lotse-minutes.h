/* lotse-minutes.h: approved minutes, their lock and their amendments
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "lotse-schema.h"
#include "lotse-store.h"

G_BEGIN_DECLS

/* The meetings whose approval a change of one row is subject to: at most
 * two (an item moved from one meeting to another), NULL where unused. */
typedef struct
{
  const char *meeting_ids[2];
  const char *field;      /* the first locked field the change touches, or NULL for the row */
} LotseMinutesLock;

gboolean     lotse_minutes_lock_applies      (const LotseTable    *table,
                                              const char          *id,
                                              const char * const  *before,
                                              const char * const  *after,
                                              LotseMinutesLock    *out_lock);
gboolean     lotse_minutes_check_lock        (LotseStore          *store,
                                              const LotseTable    *table,
                                              const char          *id,
                                              const char * const  *before,
                                              const char * const  *after,
                                              GError             **error);
gboolean     lotse_minutes_check_status_change (LotseRecord       *stored,
                                                LotseRecord       *record,
                                                GError           **error);
gboolean     lotse_minutes_is_approved       (LotseRecord         *approval);
LotseRecord *lotse_minutes_get_approval      (LotseStore          *store,
                                              const char          *meeting_id);

gboolean     lotse_meeting_approve_minutes   (LotseStore          *store,
                                              const char          *meeting_id,
                                              const char          *approved_by,
                                              GDateTime           *now,
                                              GError             **error);
gboolean     lotse_meeting_approve_minutes_item (LotseStore       *store,
                                                 const char       *item_id,
                                                 const char       *approved_by,
                                                 GDateTime        *now,
                                                 GError          **error);
gboolean     lotse_meeting_reopen_minutes    (LotseStore          *store,
                                              const char          *meeting_id,
                                              const char          *reason,
                                              const char          *author,
                                              GDateTime           *now,
                                              GError             **error);
LotseRecord *lotse_meeting_amend_minutes     (LotseStore          *store,
                                              const char          *meeting_id,
                                              const char          *agenda_item_id,
                                              const char          *text,
                                              const char          *author,
                                              GDateTime           *now,
                                              GError             **error);
gboolean     lotse_meeting_set_attendance    (LotseStore          *store,
                                              const char          *meeting_id,
                                              const char          *person_id,
                                              const char          *attendance,
                                              GError             **error);
GPtrArray   *lotse_meeting_list_amendments   (LotseStore          *store,
                                              const char          *meeting_id,
                                              GError             **error);

G_END_DECLS
