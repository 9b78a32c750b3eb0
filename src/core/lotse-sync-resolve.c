/* lotse-sync-resolve.c: deciding a conflict the server answered
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A decision is an ordinary local edit: the chosen values are written to
 * the row with an outbox entry based on the server's revision of the
 * conflict, and the conflict is marked resolved, in one transaction. The
 * next push sends the edit like any other; if the server's value changed
 * again since, that push answers with a new conflict instead of
 * overwriting it.
 */

#define G_LOG_DOMAIN "lotse-sync"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "lotse-error.h"
#include "lotse-sync-private.h"

/* One conflict being decided: its stored sides and the row as it is. */
typedef struct
{
  LotseConflict    *conflict;
  const LotseTable *table;
  LotseRecord      *current;
  JsonNode         *mine_node;
  JsonNode         *theirs_node;
  JsonNode         *fields_node;
  JsonObject       *mine;
  JsonObject       *theirs;
  JsonArray        *conflicting;  /* the fields both sides changed */
  JsonArray        *changed;      /* the fields this device's change set */
  gboolean         *mask;         /* per field of the table: decided */
} Resolution;

static void
resolution_clear (Resolution *resolution)
{
  g_clear_pointer (&resolution->conflict, lotse_conflict_free);
  g_clear_object (&resolution->current);
  g_clear_pointer (&resolution->mine_node, json_node_unref);
  g_clear_pointer (&resolution->theirs_node, json_node_unref);
  g_clear_pointer (&resolution->fields_node, json_node_unref);
  g_clear_pointer (&resolution->mask, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Resolution, resolution_clear)

static JsonObject *
parse_object (const char *text,
              JsonNode  **out_node)
{
  JsonNode *node = text ? json_from_string (text, NULL) : NULL;

  *out_node = node;
  return node && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

static gboolean
array_has_string (JsonArray  *array,
                  const char *name)
{
  for (guint i = 0; array && i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);

      if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING &&
          g_str_equal (json_node_get_string (node), name))
        return TRUE;
    }

  return FALSE;
}

/* The open conflict @conflict_id and its row; a resolved one or a row
 * that is gone is an error. */
static gboolean
resolution_load (Resolution  *resolution,
                 LotseStore  *store,
                 const char  *conflict_id,
                 GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  LotseConflict *conflict;

  conflict = resolution->conflict = lotse_store_sync_get_conflict (store, conflict_id, error);
  if (conflict == NULL)
    return FALSE;

  if (conflict->resolved_at != NULL)
    {
      g_set_error (error, LOTSE_ERROR, LOTSE_ERROR_INVALID_VALUE,
                   _("This conflict was resolved already."));
      return FALSE;
    }

  resolution->table = lotse_schema_lookup_table (conflict->table);
  if (resolution->table != NULL)
    resolution->current = lotse_store_sync_get_row (store, resolution->table->name, conflict->row_id,
                                                    &local_error);
  if (resolution->current == NULL)
    {
      if (local_error != NULL)
        g_propagate_error (error, g_steal_pointer (&local_error));
      else
        g_set_error (error, LOTSE_ERROR, LOTSE_ERROR_NOT_FOUND,
                     _("The record of this conflict no longer exists."));
      return FALSE;
    }

  resolution->mine = parse_object (conflict->mine_json, &resolution->mine_node);
  resolution->theirs = parse_object (conflict->theirs_json, &resolution->theirs_node);
  resolution->fields_node = conflict->fields_json ? json_from_string (conflict->fields_json, NULL) : NULL;
  if (resolution->fields_node != NULL && JSON_NODE_HOLDS_ARRAY (resolution->fields_node))
    resolution->conflicting = json_node_get_array (resolution->fields_node);
  resolution->changed = lotse_sync_json_get_array (resolution->mine, "changed");
  resolution->mask = g_new0 (gboolean, resolution->table->n_fields);

  return TRUE;
}

/* The decided fields as a local edit and the conflict as resolved, in one
 * transaction. */
static gboolean
resolution_write (Resolution  *resolution,
                  LotseStore  *store,
                  gboolean     deleted,
                  gboolean     force,
                  const char  *decision,
                  GError     **error)
{
  LotseConflict *conflict = resolution->conflict;

  if (!lotse_store_begin (store, error))
    return FALSE;

  if (!lotse_store_sync_write_local (store, resolution->current, resolution->mask, deleted, force,
                                     conflict->theirs_rev > 0 ? conflict->theirs_rev : -1, error) ||
      !lotse_store_sync_mark_resolved (store, conflict->id, decision, error) ||
      !lotse_store_commit (store, error))
    {
      lotse_store_rollback (store);
      return FALSE;
    }

  return TRUE;
}

/* The fields decided by taking one side whole; sets whether the row ends
 * deleted and whether the change is sent again as it was. */
static void
take_side (Resolution    *resolution,
           LotseSyncTake  take,
           gboolean      *out_deleted,
           gboolean      *out_force)
{
  LotseConflict *conflict = resolution->conflict;
  const LotseTable *table = resolution->table;
  JsonObject *side = take == LOTSE_SYNC_TAKE_MINE ? resolution->mine : resolution->theirs;
  JsonObject *side_fields = lotse_sync_json_get_object (side, "fields");
  gboolean deleted = FALSE;

  *out_force = FALSE;
  *out_deleted = lotse_record_get_deleted (resolution->current);

  /* The server moved on since and the row shows its newer state already:
   * the server's side is what is here. */
  if (take == LOTSE_SYNC_TAKE_THEIRS && conflict->theirs_rev > 0 &&
      lotse_record_get_rev (resolution->current) > conflict->theirs_rev)
    return;

  /* Taking the server's side of a rejected change: nothing to write. */
  if (side == NULL || side_fields == NULL || !lotse_sync_json_get_bool (side, "deleted", &deleted))
    return;

  for (guint i = 0; i < table->n_fields; i++)
    {
      const char *name = table->fields[i].name;

      if (!array_has_string (resolution->conflicting, name) &&
          !(take == LOTSE_SYNC_TAKE_MINE && array_has_string (resolution->changed, name)))
        continue;
      if (!json_object_has_member (side_fields, name))
        continue;

      lotse_record_take_nth (resolution->current, i,
                             lotse_sync_value_from_json (json_object_get_member (side_fields, name)));
      resolution->mask[i] = TRUE;
    }

  *out_deleted = deleted;
  /* A rejected change is sent again as it was. */
  *out_force = conflict->error != NULL;
}

/**
 * lotse_sync_resolve_conflict:
 * @store: the store
 * @conflict_id: the conflict
 * @take: whose values win
 * @error: a location for a #GError
 *
 * Writes the chosen side as an ordinary local edit (pushed by the next
 * sync) and marks the conflict resolved, in one transaction. The fields
 * decided are the conflicting ones and, with @take mine, the ones the
 * change set; the deleted flag follows the chosen side. A change the
 * server rejected is sent again whole with @take mine; with @take theirs
 * it is not sent again and the record keeps its local values.
 *
 * Returns: %TRUE on success; on failure nothing changed
 */
gboolean
lotse_sync_resolve_conflict (LotseStore     *store,
                             const char     *conflict_id,
                             LotseSyncTake   take,
                             GError        **error)
{
  g_auto(Resolution) resolution = { 0, };
  gboolean deleted;
  gboolean force;

  g_return_val_if_fail (LOTSE_IS_STORE (store), FALSE);
  g_return_val_if_fail (conflict_id != NULL, FALSE);

  if (!resolution_load (&resolution, store, conflict_id, error))
    return FALSE;

  take_side (&resolution, take, &deleted, &force);
  return resolution_write (&resolution, store, deleted, force,
                           take == LOTSE_SYNC_TAKE_MINE ? "mine" : "theirs", error);
}

/* A value the person chose or wrote for @field, as the store keeps it. */
static gboolean
take_value (Resolution        *resolution,
            guint              index,
            const char        *value,
            GError           **error)
{
  const LotseField *field = &resolution->table->fields[index];
  g_autofree char *normalized = NULL;
  g_autoptr(GError) local_error = NULL;

  if (value != NULL && *value != '\0')
    {
      normalized = lotse_field_normalize (field, value, &local_error);
      if (normalized == NULL)
        {
          /* Translators: %s are a field's name and the reason */
          g_set_error (error, LOTSE_ERROR, LOTSE_ERROR_INVALID_VALUE, _("%s: %s"),
                       _(field->label), local_error->message);
          return FALSE;
        }
    }
  else if (field->flags & LOTSE_FIELD_REQUIRED)
    {
      /* Translators: %s is a field's name */
      g_set_error (error, LOTSE_ERROR, LOTSE_ERROR_INVALID_VALUE, _("%s must not be empty."),
                   _(field->label));
      return FALSE;
    }

  lotse_record_take_nth (resolution->current, index, g_steal_pointer (&normalized));
  resolution->mask[index] = TRUE;
  return TRUE;
}

/**
 * lotse_sync_resolve_values:
 * @store: the store
 * @conflict_id: the conflict
 * @values: field name → chosen value (%NULL: unset) for the conflicting fields
 * @error: a location for a #GError
 *
 * Like lotse_sync_resolve_conflict() with %LOTSE_SYNC_TAKE_MINE, but the
 * conflicting fields get the values the person chose or wrote. The other
 * fields of the refused change are sent again as they were.
 *
 * Returns: %TRUE on success; on failure nothing changed
 */
gboolean
lotse_sync_resolve_values (LotseStore  *store,
                           const char  *conflict_id,
                           GHashTable  *values,
                           GError     **error)
{
  g_auto(Resolution) resolution = { 0, };

  g_return_val_if_fail (LOTSE_IS_STORE (store), FALSE);
  g_return_val_if_fail (conflict_id != NULL && values != NULL, FALSE);

  if (!resolution_load (&resolution, store, conflict_id, error))
    return FALSE;

  for (guint i = 0; i < resolution.table->n_fields; i++)
    {
      const char *name = resolution.table->fields[i].name;
      gboolean conflicting = array_has_string (resolution.conflicting, name);
      gpointer value;

      if (conflicting && g_hash_table_lookup_extended (values, name, NULL, &value))
        {
          if (!take_value (&resolution, i, value, error))
            return FALSE;
        }
      else if (!conflicting && array_has_string (resolution.changed, name))
        {
          gboolean present;
          char *mine = lotse_sync_side_get_value (resolution.mine, name, &present);

          if (present)
            {
              lotse_record_take_nth (resolution.current, i, mine);
              resolution.mask[i] = TRUE;
            }
        }
    }

  return resolution_write (&resolution, store, FALSE, FALSE, "mine", error);
}

/**
 * lotse_sync_side_get_value:
 * @side: (nullable): a conflict's side, `{"fields":{…},…}`
 * @name: a field name
 * @out_present: (out) (optional): whether the side has the field
 *
 * Returns: (transfer full) (nullable): the field's value as the store
 *   keeps it
 */
char *
lotse_sync_side_get_value (JsonObject *side,
                           const char *name,
                           gboolean   *out_present)
{
  JsonObject *fields = lotse_sync_json_get_object (side, "fields");
  gboolean present = fields != NULL && json_object_has_member (fields, name);

  if (out_present != NULL)
    *out_present = present;

  return present ? lotse_sync_value_from_json (json_object_get_member (fields, name)) : NULL;
}
