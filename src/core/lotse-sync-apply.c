/* lotse-sync-apply.c: writing the server's answer to a push into the local store
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The results of a push are applied in one transaction, so a crash leaves
 * either all of it or none of it; the outbox entries it acknowledges and
 * the pull cursor are part of that transaction. A change
 * that was sent but whose answer never arrived stays in the outbox and is
 * sent again with the same op_id, which the server answers from its log.
 *
 * Rules (PROTOCOL.md, "Client side"):
 * - applied: the outbox entry goes, the row gets the new revision, later
 *   entries of the same row are rebased on it.
 * - merged: as applied, and the row takes the server's fields except the
 *   ones later local entries still change.
 * - conflict: stored with mine, theirs and base; the row takes the server's
 *   state (the server is the reference) and the fields of the change that
 *   did not conflict are written again as a new local edit, so only the
 *   conflicting fields wait for a decision.
 * - rejected: stored as a conflict with the server's reason; the row stays.
 * Pulled rows are written by lotse-sync-pull.c.
 */

#define G_LOG_DOMAIN "lotse-sync"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "lotse-error.h"
#include "lotse-health-private.h"
#include "lotse-record-private.h"
#include "lotse-search-private.h"
#include "lotse-sync-private.h"

void
lotse_sync_refetch_free (LotseSyncRefetch *refetch)
{
  g_free (refetch->id);
  g_free (refetch);
}

static void
set_from_fields (LotseRecord *record,
                 JsonObject  *fields,
                 GHashTable  *keep)
{
  const LotseTable *table = lotse_record_get_table (record);

  for (guint i = 0; i < table->n_fields; i++)
    {
      const char *name = table->fields[i].name;

      if (keep != NULL && g_hash_table_contains (keep, name))
        continue;

      if (json_object_has_member (fields, name))
        lotse_record_take_nth (record, i, lotse_sync_value_from_json (json_object_get_member (fields, name)));
    }
}

/* The field names the outbox entries of a row still change. */
static GHashTable *
pending_fields (GPtrArray *entries)
{
  GHashTable *names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; i < entries->len; i++)
    {
      LotseOutboxEntry *entry = g_ptr_array_index (entries, i);
      g_autoptr(JsonNode) node = json_from_string (entry->fields_json, NULL);

      if (node != NULL && JSON_NODE_HOLDS_OBJECT (node))
        {
          g_autoptr(GList) members = json_object_get_members (json_node_get_object (node));

          for (GList *l = members; l; l = l->next)
            g_hash_table_add (names, g_strdup (l->data));
        }
    }

  return names;
}

static JsonNode *
record_state_to_json (LotseRecord *record,
                      const char  *changed_json)
{
  const LotseTable *table = lotse_record_get_table (record);
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) changed = changed_json ? json_from_string (changed_json, NULL) : NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "rev");
  json_builder_add_int_value (builder, lotse_record_get_rev (record));
  json_builder_set_member_name (builder, "deleted");
  json_builder_add_boolean_value (builder, lotse_record_get_deleted (record));
  json_builder_set_member_name (builder, "fields");
  json_builder_begin_object (builder);
  for (guint i = 0; i < table->n_fields; i++)
    {
      const char *name = table->fields[i].name;

      json_builder_set_member_name (builder, name);
      /* The change's own values: the row may hold later edits by now. */
      if (changed != NULL && JSON_NODE_HOLDS_OBJECT (changed) &&
          json_object_has_member (json_node_get_object (changed), name))
        json_builder_add_value (builder, json_node_copy (json_object_get_member (json_node_get_object (changed),
                                                                                 name)));
      else
        lotse_field_add_json_value (builder, &table->fields[i], lotse_record_get_nth (record, i));
    }
  json_builder_end_object (builder);

  if (changed != NULL && JSON_NODE_HOLDS_OBJECT (changed))
    {
      g_autoptr(GList) members = json_object_get_members (json_node_get_object (changed));

      json_builder_set_member_name (builder, "changed");
      json_builder_begin_array (builder);
      for (GList *l = members; l; l = l->next)
        json_builder_add_string_value (builder, l->data);
      json_builder_end_array (builder);
    }
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

static char *
node_to_string (JsonNode *node)
{
  if (node == NULL)
    return g_strdup ("null");

  return json_to_string (node, FALSE);
}

/* Writes the server's state of a row (from a merge or conflict) locally,
 * keeping fields that later outbox entries still change. Those entries
 * keep their base_rev. */
static gboolean
take_server_state (LotseStore   *store,
                   LotseRecord  *local,
                   const char   *table_name,
                   const char   *id,
                   JsonObject   *row,
                   GHashTable  **out_keep,
                   GError      **error)
{
  g_autoptr(GPtrArray) remaining = NULL;
  g_autoptr(GHashTable) keep = NULL;
  g_autoptr(LotseRecord) record = NULL;
  g_autofree char *now = lotse_store_sync_now ();
  JsonObject *fields = lotse_sync_json_get_object (row, "fields");
  gint64 rev = 0;
  gboolean deleted = FALSE;

  if (fields == NULL || !lotse_sync_json_get_int (row, "rev", &rev) || !lotse_sync_json_get_bool (row, "deleted", &deleted))
    return lotse_sync_protocol_error (error, "row");

  remaining = lotse_store_sync_outbox_for_row (store, table_name, id, error);
  if (remaining == NULL)
    return FALSE;

  keep = pending_fields (remaining);
  record = local ? lotse_record_copy (local) : lotse_record_new_for_table (table_name);
  lotse_record_set_id (record, id);
  set_from_fields (record, fields, keep);
  lotse_record_set_rev (record, rev);
  /* A later local delete or undelete still waits in the outbox. */
  lotse_record_set_deleted (record, remaining->len > 0 && local ? lotse_record_get_deleted (local) : deleted);
  lotse_record_set_timestamps (record, local ? lotse_record_get_created_at (local) : now, now);

  /* The remaining entries keep their own base_rev (see apply_applied). */
  if (!lotse_store_sync_put_row (store, record, error))
    return FALSE;

  if (out_keep != NULL)
    *out_keep = g_steal_pointer (&keep);

  return TRUE;
}

static gboolean
apply_applied (LotseStore        *store,
               LotseOutboxEntry  *entry,
               JsonObject        *result,
               gint64             cursor,
               GPtrArray         *refetch,
               GError           **error)
{
  gint64 rev = 0;
  gint64 seq = 0;

  if (!lotse_sync_json_get_int (result, "rev", &rev) || !lotse_sync_json_get_int (result, "seq", &seq))
    return lotse_sync_protocol_error (error, "applied");

  /* Later entries of the row keep the base_rev they were made on, the
   * revision the person saw. Moving them onto the server's revision would
   * hide from the server what other devices changed since then: after a
   * merge or a conflict, a later edit of a field another device changed
   * would simply overwrite it. The server does not count this device's
   * own revisions in between against them.
   * Only an insert's revision 1 is this device's own state with nothing
   * of others in it: later entries made on top of the insert are moved
   * onto it, so they apply plainly instead of merging. */
  if (!lotse_store_sync_remove_outbox (store, entry->op_id, error) ||
      !lotse_store_sync_set_rev (store, entry->table, entry->row_id, rev, error))
    return FALSE;

  if (entry->base_rev == 0 && rev == 1 &&
      !lotse_store_sync_rebase_outbox (store, entry->table, entry->row_id, rev, error))
    return FALSE;

  /* Equal to the server's row without a new revision: the server may hold
   * other fields this client has not seen, and its cursor is past them. */
  if (seq <= cursor && refetch != NULL)
    {
      LotseSyncRefetch *item = g_new0 (LotseSyncRefetch, 1);

      item->table = entry->table;
      item->id = g_strdup (entry->row_id);
      g_ptr_array_add (refetch, item);
    }

  return TRUE;
}

static gboolean
apply_merged (LotseStore        *store,
              LotseOutboxEntry  *entry,
              JsonObject        *result,
              GError           **error)
{
  g_autoptr(LotseRecord) local = NULL;
  JsonObject *row = lotse_sync_json_get_object (result, "row");

  if (row == NULL)
    return lotse_sync_protocol_error (error, "merged");

  if (!lotse_store_sync_remove_outbox (store, entry->op_id, error))
    return FALSE;

  if (!lotse_store_sync_find_row (store, entry->table, entry->row_id, &local, error))
    return FALSE;

  return take_server_state (store, local, entry->table, entry->row_id, row, NULL, error);
}

/* After a conflict the row shows the server's state; the fields the change
 * set that did not conflict are written again on top of it. */
static gboolean
rewrite_non_conflicting (LotseStore        *store,
                         LotseOutboxEntry  *entry,
                         LotseRecord       *mine,
                         JsonArray         *conflicting,
                         GHashTable        *keep,
                         GError           **error)
{
  const LotseTable *table = lotse_record_get_table (mine);
  g_autoptr(JsonNode) changed = json_from_string (entry->fields_json, NULL);
  g_autoptr(LotseRecord) current = NULL;
  g_autofree gboolean *mask = g_new0 (gboolean, table->n_fields);
  gboolean any = FALSE;

  if (changed == NULL || !JSON_NODE_HOLDS_OBJECT (changed))
    return TRUE;

  current = lotse_store_sync_get_row (store, table->name, entry->row_id, error);
  if (current == NULL)
    return error == NULL || *error == NULL;

  if (lotse_record_get_deleted (current))
    return TRUE;

  for (guint i = 0; i < table->n_fields; i++)
    {
      const char *name = table->fields[i].name;
      gboolean conflicts = FALSE;

      if (!json_object_has_member (json_node_get_object (changed), name) ||
          g_hash_table_contains (keep, name))
        continue;

      for (guint j = 0; j < json_array_get_length (conflicting); j++)
        {
          JsonNode *node = json_array_get_element (conflicting, j);

          if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING &&
              g_str_equal (json_node_get_string (node), name))
            conflicts = TRUE;
        }

      if (conflicts || g_strcmp0 (lotse_record_get_nth (current, i), lotse_record_get_nth (mine, i)) == 0)
        continue;

      lotse_record_take_nth (current, i, g_strdup (lotse_record_get_nth (mine, i)));
      mask[i] = TRUE;
      any = TRUE;
    }

  if (!any)
    return TRUE;

  return lotse_store_sync_write_local (store, current, mask, FALSE, FALSE, -1, error);
}

/* A restated row carries all its fields; what the person changed is what
 * the server found changed since the fork ("changed"). The conflict is
 * about those, and only those are written again. */
static LotseOutboxEntry *
restated_changes (LotseOutboxEntry *entry,
                  JsonObject       *result)
{
  LotseOutboxEntry *copy = g_memdup2 (entry, sizeof *entry);
  g_autoptr(JsonNode) fields = json_from_string (entry->fields_json, NULL);
  g_autoptr(JsonObject) kept = json_object_new ();
  g_autoptr(JsonNode) root = json_node_new (JSON_NODE_OBJECT);
  JsonArray *changed = lotse_sync_json_get_array (result, "changed");

  copy->op_id = g_strdup (entry->op_id);
  copy->row_id = g_strdup (entry->row_id);
  for (guint i = 0; changed != NULL && fields != NULL && JSON_NODE_HOLDS_OBJECT (fields) &&
                    i < json_array_get_length (changed); i++)
    {
      const char *name = json_array_get_string_element (changed, i);
      JsonNode *value = name ? json_object_get_member (json_node_get_object (fields), name) : NULL;

      if (value != NULL)
        json_object_set_member (kept, name, json_node_copy (value));
    }
  json_node_set_object (root, kept);
  copy->fields_json = json_to_string (root, FALSE);

  return copy;
}

/* This side of a conflict: the row with the values @entry gave it (it may
 * hold later edits by now), or NULL when there is no local row. */
static JsonNode *
mine_state (LotseRecord      *local,
            LotseOutboxEntry *entry)
{
  JsonNode *mine;

  if (local == NULL)
    return NULL;

  mine = record_state_to_json (local, entry->deleted ? "{}" : entry->fields_json);
  /* The change, not the row, says whether this side deleted. */
  json_object_set_boolean_member (json_node_get_object (mine), "deleted", entry->deleted);
  return mine;
}

static gboolean
apply_conflict (LotseStore        *store,
                LotseOutboxEntry  *entry,
                JsonObject        *result,
                GError           **error)
{
  g_autoptr(LotseRecord) local = NULL;
  g_autoptr(GHashTable) keep = NULL;
  g_autoptr(JsonNode) mine = NULL;
  g_autofree char *mine_json = NULL;
  g_autofree char *fields_json = NULL;
  g_autofree char *theirs_json = NULL;
  g_autofree char *base_json = NULL;
  JsonObject *server = lotse_sync_json_get_object (result, "server");
  JsonArray *fields = lotse_sync_json_get_array (result, "fields");
  JsonNode *base = json_object_get_member (result, "base");
  gint64 server_rev = 0;
  gboolean server_deleted = FALSE;

  if (server == NULL || fields == NULL || !lotse_sync_json_get_int (server, "rev", &server_rev) ||
      !lotse_sync_json_get_bool (server, "deleted", &server_deleted) ||
      (base != NULL && !JSON_NODE_HOLDS_OBJECT (base) && !JSON_NODE_HOLDS_NULL (base)))
    return lotse_sync_protocol_error (error, "conflict");

  if (!lotse_store_sync_find_row (store, entry->table, entry->row_id, &local, error))
    return FALSE;

  mine = mine_state (local, entry);
  /* When this side changed it, for the person who resolves */
  if (local != NULL && lotse_record_get_updated_at (local) != NULL)
    json_object_set_string_member (json_node_get_object (mine), "changed_at",
                                   lotse_record_get_updated_at (local));
  mine_json = node_to_string (mine);
  fields_json = node_to_string (json_object_get_member (result, "fields"));
  theirs_json = node_to_string (json_object_get_member (result, "server"));
  base_json = node_to_string (base);

  if (!lotse_store_sync_add_conflict (store, entry->op_id, entry->table, entry->row_id, fields_json,
                                      mine_json, theirs_json, base_json, server_rev, NULL, error) ||
      !lotse_store_sync_remove_outbox (store, entry->op_id, error) ||
      !take_server_state (store, local, entry->table, entry->row_id, server, &keep, error))
    return FALSE;

  if (local == NULL || entry->deleted || server_deleted || json_array_get_length (fields) == 0)
    return TRUE;

  return rewrite_non_conflicting (store, entry, local, fields, keep, error);
}

static gboolean
apply_rejected (LotseStore        *store,
                LotseOutboxEntry  *entry,
                JsonObject        *result,
                GError           **error)
{
  g_autoptr(LotseRecord) local = NULL;
  g_autoptr(JsonNode) mine = NULL;
  g_autofree char *mine_json = NULL;
  g_autofree char *fields_json = NULL;
  g_autofree char *reason = NULL;
  JsonObject *server_error = lotse_sync_json_get_object (result, "error");
  const char *code = lotse_sync_json_get_string (server_error, "code");
  const char *message = lotse_sync_json_get_string (server_error, "message");
  const char *field = lotse_sync_json_get_string (server_error, "field");

  if (!lotse_store_sync_find_row (store, entry->table, entry->row_id, &local, error))
    return FALSE;

  mine = mine_state (local, entry);
  mine_json = node_to_string (mine);
  /* Field names of the schema need no escaping. */
  if (field != NULL && lotse_table_lookup_field (lotse_schema_lookup_table (entry->table), field) != NULL)
    fields_json = g_strdup_printf ("[\"%s\"]", field);
  else
    fields_json = g_strdup ("[]");
  reason = g_strdup_printf ("%s: %s", code ? code : "rejected", message ? message : "");

  g_warning ("The server rejected change %s of %s %s: %s", entry->op_id, entry->table,
             entry->row_id, reason);

  return lotse_store_sync_add_conflict (store, entry->op_id, entry->table, entry->row_id, fields_json,
                                        mine_json, "null", "null", -1, reason, error) &&
         lotse_store_sync_remove_outbox (store, entry->op_id, error);
}

/**
 * lotse_sync_reject_entry:
 * @store: the store
 * @entry: a change the server refused as malformed (400 naming it)
 * @server_error: the answer's `error` object
 * @error: a location for a #GError
 *
 * Moves the change into a conflict with the server's reason, so that the
 * rest of the outbox can go out and the person sees what was refused.
 */
gboolean
lotse_sync_reject_entry (LotseStore        *store,
                         LotseOutboxEntry  *entry,
                         JsonObject        *server_error,
                         GError           **error)
{
  g_autoptr(JsonObject) result = json_object_new ();

  json_object_set_object_member (result, "error", json_object_ref (server_error));

  if (!lotse_store_begin (store, error))
    return FALSE;

  if (!apply_rejected (store, entry, result, error) || !lotse_store_commit (store, error))
    {
      lotse_store_rollback (store);
      return FALSE;
    }

  return TRUE;
}

/**
 * lotse_sync_push_next_cursor:
 * @answer: the server's answer to a push
 * @server_id: the server's id
 * @before: the pull cursor (seq) sent with the push
 * @out_next: (out): where the pull cursor stands once the answer is applied
 * @error: a location for a #GError
 *
 * Reads the answer's next_cursor: the pull cursor moves past the push only
 * when the server says that nothing else was written since @before. The
 * next push can go out with it before this answer is applied.
 *
 * Returns: %FALSE if next_cursor is malformed
 */
gboolean
lotse_sync_push_next_cursor (JsonNode    *answer,
                             const char  *server_id,
                             gint64       before,
                             gint64      *out_next,
                             GError     **error)
{
  JsonObject *root = answer && JSON_NODE_HOLDS_OBJECT (answer) ? json_node_get_object (answer) : NULL;
  const char *next_cursor = lotse_sync_json_get_string (root, "next_cursor");
  gsize id_length = strlen (server_id);
  gint64 next = before;

  *out_next = before;
  if (next_cursor == NULL)
    return TRUE;

  if (!lotse_sync_parse_cursor (next_cursor, &next))
    return lotse_sync_protocol_error (error, "next_cursor");

  /* Another server's cursor, or one behind: pull as usual. */
  if (strncmp (next_cursor, server_id, id_length) == 0 && next_cursor[id_length] == ':' &&
      next >= before)
    *out_next = next;

  return TRUE;
}

/* One result of a push, by its status; counts it in @counts. */
static gboolean
apply_result (LotseStore        *store,
              LotseOutboxEntry  *entry,
              JsonObject        *result,
              gint64             before,
              GPtrArray         *refetch,
              LotseSyncStats    *counts,
              GError           **error)
{
  const char *status = lotse_sync_json_get_string (result, "status");

  if (status == NULL || g_strcmp0 (lotse_sync_json_get_string (result, "op_id"), entry->op_id) != 0)
    return lotse_sync_protocol_error (error, "op_id");

  if (g_str_equal (status, "applied"))
    {
      counts->pushed++;
      counts->restated += entry->fork >= 0;
      return apply_applied (store, entry, result, before, refetch, error);
    }
  if (g_str_equal (status, "merged"))
    {
      counts->merged++;
      counts->restated += entry->fork >= 0;
      return apply_merged (store, entry, result, error);
    }
  /* The server has the restated row already: take its current one. */
  if (g_str_equal (status, "known") && entry->fork >= 0)
    return apply_merged (store, entry, result, error);
  if (g_str_equal (status, "conflict") && entry->fork >= 0)
    {
      g_autoptr(LotseOutboxEntry) changes = restated_changes (entry, result);

      counts->conflicts++;
      return apply_conflict (store, changes, result, error);
    }
  if (g_str_equal (status, "conflict"))
    {
      counts->conflicts++;
      return apply_conflict (store, entry, result, error);
    }
  if (g_str_equal (status, "rejected"))
    {
      counts->rejected++;
      return apply_rejected (store, entry, result, error);
    }

  return lotse_sync_protocol_error (error, status);
}

/**
 * lotse_sync_apply_push_results:
 * @store: the store
 * @entries: (element-type LotseOutboxEntry): the changes that were sent
 * @answer: the server's answer `{"results":[…], "next_cursor"?}`
 * @server_id: (nullable): the server's id, or %NULL to ignore next_cursor
 * @cursor: (inout) (nullable): the pull cursor (seq) the client had when it
 *   pushed; moved to the answer's next_cursor, if it has one
 * @refetch: (element-type LotseSyncRefetch): receives rows to fetch again
 * @stats: counts to add to
 * @error: a location for a #GError
 *
 * Applies all results in one transaction; on error nothing was written and
 * the changes stay in the outbox to be sent again with the same op_ids.
 * The server sends next_cursor only when nothing but this push was written
 * since the cursor the client sent: the results are then all there is to
 * pull up to it, and the cursor is saved with them.
 */
gboolean
lotse_sync_apply_push_results (LotseStore      *store,
                               GPtrArray       *entries,
                               JsonNode        *answer,
                               const char      *server_id,
                               gint64          *cursor,
                               GPtrArray       *refetch,
                               LotseSyncStats  *stats,
                               GError         **error)
{
  JsonObject *root = answer && JSON_NODE_HOLDS_OBJECT (answer) ? json_node_get_object (answer) : NULL;
  JsonArray *results = lotse_sync_json_get_array (root, "results");
  LotseSyncStats counts = { 0, };
  gint64 before = cursor ? *cursor : 0;
  gint64 next = before;

  if (results == NULL || json_array_get_length (results) != entries->len)
    return lotse_sync_protocol_error (error, "results");

  if (server_id != NULL && cursor != NULL &&
      !lotse_sync_push_next_cursor (answer, server_id, before, &next, error))
    return FALSE;

  if (!lotse_store_begin (store, error))
    return FALSE;

  for (guint i = 0; i < entries->len; i++)
    {
      JsonNode *node = json_array_get_element (results, i);
      JsonObject *result = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;

      if (!apply_result (store, g_ptr_array_index (entries, i), result, before, refetch, &counts, error))
        {
          lotse_store_rollback (store);
          return FALSE;
        }
    }

  if ((next > before && !lotse_store_sync_save_cursor (store, server_id, next, error)) ||
      (server_id != NULL && !lotse_sync_note_mark (store, server_id, lotse_sync_json_get_string (root, "mark"), -1, error)) ||
      !lotse_store_commit (store, error))
    {
      lotse_store_rollback (store);
      return FALSE;
    }

  if (cursor != NULL)
    *cursor = next;
  stats->pushed += counts.pushed;
  stats->merged += counts.merged;
  stats->conflicts += counts.conflicts;
  stats->rejected += counts.rejected;
  stats->restated += counts.restated;

  return TRUE;
}
