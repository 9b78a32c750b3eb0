/* lotse-server-minutes.c: approved minutes are read-only on the server too,
 * and only a meeting yet to be held takes agenda proposals
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lotse-server"

#include "config.h"

#include "lotse-server-sync-private.h"

static gboolean
approval_is_set (LotseServerStorage  *storage,
                 const char          *meeting_id,
                 gboolean            *out_approved,
                 GError             **error)
{
  const LotseTable *table = lotse_schema_lookup_table (LOTSE_TABLE_MINUTES_APPROVAL);
  g_autoptr(LotseServerRow) approval = NULL;
  GError *local_error = NULL;

  approval = storage->vtable->row_get (storage, table, meeting_id, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return FALSE;
    }

  *out_approved = approval != NULL && !approval->deleted &&
                  approval->values[lotse_table_field_index (table, LOTSE_MINUTES_APPROVAL_APPROVED_AT)] != NULL;
  return TRUE;
}

/* A new agenda proposal for a meeting that was held or cancelled is
 * refused as the store refuses it (lotse-agenda-proposal.c), with
 * “meeting_not_planned”: a laptop that proposed offline keeps it as a
 * visible conflict. Decisions on proposals made before are not refused,
 * nor anything for a meeting the server does not have (yet). */
static gboolean
check_new_proposal (LotseServerStorage       *storage,
                    const LotseServerChange  *change,
                    const char * const       *before,
                    const char * const       *after,
                    char                    **out_rejected,
                    GError                  **error)
{
  const LotseTable *meetings = lotse_schema_lookup_table (LOTSE_TABLE_MEETING);
  const LotseTable *table = change->table;
  g_autoptr(LotseServerRow) meeting = NULL;
  GError *local_error = NULL;

  if (!g_str_equal (table->name, LOTSE_TABLE_AGENDA_PROPOSAL) || before != NULL || after == NULL)
    return TRUE;

  meeting = storage->vtable->row_get (storage, meetings,
                                      after[lotse_table_field_index (table, LOTSE_AGENDA_PROPOSAL_MEETING_ID)],
                                      &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return FALSE;
    }

  if (meeting != NULL && !meeting->deleted &&
      !lotse_agenda_proposal_status_is_open (meeting->values[lotse_table_field_index (meetings, LOTSE_MEETING_STATUS)]))
    *out_rejected = lotse_server_result_rejected (change->op_id, "meeting_not_planned",
                                                  LOTSE_AGENDA_PROPOSAL_MEETING_ID,
                                                  "Items are proposed only for a meeting yet to be held");
  return TRUE;
}

/* Approved minutes are read-only here as in the client's store, by the
 * same rule (lotse-minutes.c). A change of them, such as an edit a laptop
 * made offline before the approval reached it, is rejected with
 * “minutes_approved”; the laptop keeps it as a visible conflict. An
 * approval is the row of its meeting's id, or the lock could not find
 * it. */
gboolean
lotse_server_check_minutes_lock (LotseServerStorage       *storage,
                                 const LotseServerChange  *change,
                                 const LotseServerRow     *current,
                                 char                    **out_rejected,
                                 GError                  **error)
{
  const LotseTable *table = change->table;
  const char * const *before = current != NULL && !current->deleted
                                 ? (const char * const *)current->values : NULL;
  g_autofree const char **after = NULL;
  LotseMinutesLock lock;

  *out_rejected = NULL;
  if (!change->deleted)
    {
      after = g_new0 (const char *, table->n_fields + 1);
      for (guint i = 0; i < table->n_fields; i++)
        after[i] = change->present[i] || current == NULL ? change->values[i] : current->values[i];
    }

  if (after != NULL && g_str_equal (table->name, LOTSE_TABLE_MINUTES_APPROVAL) &&
      g_strcmp0 (after[0], change->id) != 0)
    {
      *out_rejected = lotse_server_result_rejected (change->op_id, "invalid_value", LOTSE_MINUTES_APPROVAL_MEETING_ID,
                                       "An approval of minutes must have its meeting's id");
      return TRUE;
    }

  if (!check_new_proposal (storage, change, before, (const char * const *) after, out_rejected, error))
    return FALSE;
  if (*out_rejected != NULL)
    return TRUE;
  if (!lotse_minutes_lock_applies (table, change->id, before, after, &lock))
    return TRUE;

  for (guint i = 0; i < G_N_ELEMENTS (lock.meeting_ids); i++)
    {
      gboolean approved = FALSE;

      if (lock.meeting_ids[i] == NULL)
        continue;
      if (!approval_is_set (storage, lock.meeting_ids[i], &approved, error))
        return FALSE;
      if (approved)
        {
          *out_rejected = lotse_server_result_rejected (change->op_id, "minutes_approved", lock.field,
                                           "The minutes of the meeting are approved and read-only; "
                                           "add an amendment or reopen them");
          return TRUE;
        }
    }

  return TRUE;
}
