/* lotse-server-minutes.c: approved minutes are read-only on the server too
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
