/* lotse-action-items.c: action items as work: whose, open, closed together
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * “My action items” and the reminders ask the same question: which open
 * action items does a person own, across every meeting; the agenda of a
 * series' next meeting asks which are open in the series. The soonest
 * due come first and those without a due date last, as nothing presses
 * them.
 *
 * Closing several at once is one transaction, so that either all of them
 * are done or none; it hands back the items as they were, and restoring
 * those writes their status and time done back as an ordinary edit
 * (undo, as ARCHITECTURE.md describes it).
 */

#define G_LOG_DOMAIN "lotse-action-items"

#include "config.h"

#include "lotse-action-items.h"
#include "lotse-office.h"
#include "lotse-schema.h"

/* Soonest due first, undated last, then by title. */
static int
compare_due (gconstpointer a,
             gconstpointer b)
{
  LotseRecord *x = *(LotseRecord **)a;
  LotseRecord *y = *(LotseRecord **)b;
  const char *due_x = lotse_record_get (x, LOTSE_ACTION_ITEM_DUE_DATE);
  const char *due_y = lotse_record_get (y, LOTSE_ACTION_ITEM_DUE_DATE);

  if ((due_x == NULL) != (due_y == NULL))
    return due_x == NULL ? 1 : -1;
  if (g_strcmp0 (due_x, due_y) != 0)
    return g_strcmp0 (due_x, due_y);
  return g_utf8_collate (lotse_record_get (x, LOTSE_ACTION_ITEM_TITLE), lotse_record_get (y, LOTSE_ACTION_ITEM_TITLE));
}

/**
 * lotse_action_items_list_open:
 * @store: a store
 * @owner_person_id: the person who owns them
 * @error: a location for a #GError
 *
 * Returns: (transfer container) (element-type LotseRecord) (nullable): the
 *   open action items of @owner_person_id, soonest due first, those
 *   without a due date last
 */
GPtrArray *
lotse_action_items_list_open (LotseStore  *store,
                              const char  *owner_person_id,
                              GError     **error)
{
  const LotseFilter filters[] = {
    { LOTSE_ACTION_ITEM_OWNER_PERSON_ID, owner_person_id },
    { LOTSE_ACTION_ITEM_STATUS, "open" },
  };
  g_autoptr(GPtrArray) rows = NULL;

  g_return_val_if_fail (LOTSE_IS_STORE (store), NULL);
  g_return_val_if_fail (owner_person_id != NULL, NULL);

  rows = lotse_store_list (store, LOTSE_TABLE_ACTION_ITEM, filters, G_N_ELEMENTS (filters),
                           NULL, 0, 0, error);
  if (rows != NULL)
    g_ptr_array_sort (rows, compare_due);

  return g_steal_pointer (&rows);
}

/**
 * lotse_action_items_list_open_for_series:
 * @store: a store
 * @series_id: a meeting series
 * @error: a location for a #GError
 *
 * What the next meeting of a series goes through: the open action items
 * agreed in any of its meetings, however many.
 *
 * Returns: (transfer container) (element-type LotseRecord) (nullable): the
 *   open action items of @series_id's meetings, soonest due first, those
 *   without a due date last
 */
GPtrArray *
lotse_action_items_list_open_for_series (LotseStore  *store,
                                         const char  *series_id,
                                         GError     **error)
{
  const LotseFilter in_series = { LOTSE_MEETING_SERIES_ID, series_id };
  g_autoptr(GPtrArray) meetings = NULL;
  g_autoptr(GPtrArray) open = g_ptr_array_new_with_free_func (g_object_unref);

  g_return_val_if_fail (LOTSE_IS_STORE (store), NULL);
  g_return_val_if_fail (series_id != NULL, NULL);

  meetings = lotse_store_list (store, LOTSE_TABLE_MEETING, &in_series, 1, NULL, 0, 0, error);
  if (meetings == NULL)
    return NULL;

  for (guint i = 0; i < meetings->len; i++)
    {
      const LotseFilter filters[] = {
        { LOTSE_ACTION_ITEM_MEETING_ID, lotse_record_get_id (g_ptr_array_index (meetings, i)) },
        { LOTSE_ACTION_ITEM_STATUS, "open" },
      };
      g_autoptr(GPtrArray) actions = lotse_store_list (store, LOTSE_TABLE_ACTION_ITEM, filters,
                                                       G_N_ELEMENTS (filters), NULL, 0, 0, error);

      if (actions == NULL)
        return NULL;
      for (guint j = 0; j < actions->len; j++)
        g_ptr_array_add (open, g_object_ref (g_ptr_array_index (actions, j)));
    }

  g_ptr_array_sort (open, compare_due);
  return g_steal_pointer (&open);
}

/**
 * lotse_action_items_close:
 * @store: a store
 * @ids: (array zero-terminated=1): the action items to close
 * @now: when they were done
 * @error: a location for a #GError
 *
 * Marks every one of @ids done at @now, all or none.
 *
 * Returns: (transfer container) (element-type LotseRecord) (nullable): the
 *   items as they were before, for lotse_action_items_restore()
 */
GPtrArray *
lotse_action_items_close (LotseStore          *store,
                          const char * const  *ids,
                          GDateTime           *now,
                          GError             **error)
{
  g_autoptr(GPtrArray) before = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *done_at = NULL;

  g_return_val_if_fail (LOTSE_IS_STORE (store), NULL);
  g_return_val_if_fail (ids != NULL, NULL);
  g_return_val_if_fail (now != NULL, NULL);

  done_at = lotse_time_to_stored (now);
  if (!lotse_store_begin (store, error))
    return NULL;

  for (guint i = 0; ids[i] != NULL; i++)
    {
      g_autoptr(LotseRecord) action = lotse_store_get (store, LOTSE_TABLE_ACTION_ITEM, ids[i], error);
      g_autoptr(LotseRecord) done = NULL;

      if (action == NULL)
        goto fail;
      done = lotse_record_copy (action);
      lotse_record_set (done, LOTSE_ACTION_ITEM_STATUS, "done");
      lotse_record_set (done, LOTSE_ACTION_ITEM_DONE_AT, done_at);
      if (!lotse_store_update (store, done, error))
        goto fail;
      g_ptr_array_add (before, g_steal_pointer (&action));
    }

  if (!lotse_store_commit (store, error))
    goto fail;

  return g_steal_pointer (&before);

fail:
  lotse_store_rollback (store);
  return NULL;
}

/**
 * lotse_action_items_restore:
 * @store: a store
 * @before: (element-type LotseRecord): action items as
 *   lotse_action_items_close() returned them
 * @error: a location for a #GError
 *
 * Writes the status and time done of @before back, all or none; what else
 * changed since stays.
 *
 * Returns: %TRUE if they were written
 */
gboolean
lotse_action_items_restore (LotseStore  *store,
                            GPtrArray   *before,
                            GError     **error)
{
  g_return_val_if_fail (LOTSE_IS_STORE (store), FALSE);
  g_return_val_if_fail (before != NULL, FALSE);

  if (!lotse_store_begin (store, error))
    return FALSE;

  for (guint i = 0; i < before->len; i++)
    {
      LotseRecord *old = g_ptr_array_index (before, i);
      g_autoptr(LotseRecord) action = lotse_store_get (store, LOTSE_TABLE_ACTION_ITEM,
                                                       lotse_record_get_id (old), error);

      if (action == NULL)
        goto fail;
      lotse_record_set (action, LOTSE_ACTION_ITEM_STATUS, lotse_record_get (old, LOTSE_ACTION_ITEM_STATUS));
      lotse_record_set (action, LOTSE_ACTION_ITEM_DONE_AT, lotse_record_get (old, LOTSE_ACTION_ITEM_DONE_AT));
      if (!lotse_store_update (store, action, error))
        goto fail;
    }

  if (lotse_store_commit (store, error))
    return TRUE;

fail:
  lotse_store_rollback (store);
  return FALSE;
}
