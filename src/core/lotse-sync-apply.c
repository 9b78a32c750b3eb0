/* lotse-sync-apply.c: writing the server's answers into the local store
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each answer (push results, a pull page) is applied in one transaction,
 * so a crash leaves either all of it or none of it; the outbox entries it
 * acknowledges and the pull cursor are part of that transaction. A change
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
 * - pulled rows overwrite a row only if it has no unpushed edits; no local
 *   row is ever removed.
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

static gboolean
protocol_error (GError     **error,
                const char  *detail)
{
  g_set_error (error, LOTSE_SYNC_ERROR, LOTSE_SYNC_ERROR_PROTOCOL,
               _("The server sent an answer Lotse does not understand (%s)"), detail);
  return FALSE;
}

JsonObject *
lotse_sync_json_get_object (JsonObject *object,
                            const char *name)
{
  JsonNode *node = object ? json_object_get_member (object, name) : NULL;

  return node && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

JsonArray *
lotse_sync_json_get_array (JsonObject *object,
                           const char *name)
{
  JsonNode *node = object ? json_object_get_member (object, name) : NULL;

  return node && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
}

static const char *
get_string (JsonObject *object,
            const char *name)
{
  JsonNode *node = object ? json_object_get_member (object, name) : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;

  return json_node_get_string (node);
}

static gboolean
get_int (JsonObject *object,
         const char *name,
         gint64     *out_value)
{
  JsonNode *node = object ? json_object_get_member (object, name) : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64)
    return FALSE;

  *out_value = json_node_get_int (node);
  return TRUE;
}

gboolean
lotse_sync_json_get_bool (JsonObject *object,
                          const char *name,
                          gboolean   *out_value)
{
  JsonNode *node = object ? json_object_get_member (object, name) : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_BOOLEAN)
    return FALSE;

  *out_value = json_node_get_boolean (node);
  return TRUE;
}

char *
lotse_sync_value_from_json (JsonNode *node)
{
  if (node == NULL || JSON_NODE_HOLDS_NULL (node) || !JSON_NODE_HOLDS_VALUE (node))
    return NULL;

  switch (json_node_get_value_type (node))
    {
    case G_TYPE_STRING:
      return g_strdup (json_node_get_string (node));
    case G_TYPE_INT64:
      return g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
    case G_TYPE_DOUBLE:
      return g_strdup_printf ("%" G_GINT64_FORMAT, (gint64)json_node_get_double (node));
    case G_TYPE_BOOLEAN:
      return g_strdup (json_node_get_boolean (node) ? "1" : "0");
    default:
      return NULL;
    }
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

static void
append_json_string (GString    *out,
                    const char *text)
{
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_VALUE);
  g_autofree char *quoted = NULL;

  json_node_set_string (node, text);
  quoted = json_to_string (node, FALSE);
  g_string_append (out, quoted);
}

/**
 * lotse_sync_build_push_body:
 * @device_id: this device's id on the server
 * @cursor: (nullable): the pull cursor `<server_id>:<seq>`; if nothing was
 *   written on the server since, its answer moves the cursor past the push
 * @known: (nullable): the newest mark (PROTOCOL.md, "Marks"): the server
 *   refuses the push with 410 if its history differs there
 * @entries: (element-type LotseOutboxEntry): the changes to send
 * @max_bytes: the server's max_body, or 0 for no limit
 * @out_n_included: (out): how many of @entries the body holds; the body
 *   stays under @max_bytes, so this can be fewer, or 0 if the first change
 *   alone is too large
 *
 * Returns: (transfer full): the JSON body of POST /v1/sync/push. The
 *   stored field objects are copied in as they are.
 */
char *
lotse_sync_build_push_body (const char *device_id,
                            const char *cursor,
                            const char *known,
                            GPtrArray  *entries,
                            gsize       max_bytes,
                            guint      *out_n_included)
{
  GString *out = g_string_sized_new (256 + entries->len * 200);
  guint n = 0;

  g_string_append (out, "{\"device_id\":");
  append_json_string (out, device_id);
  if (cursor != NULL)
    {
      g_string_append (out, ",\"cursor\":");
      append_json_string (out, cursor);
    }
  if (known != NULL)
    {
      g_string_append (out, ",\"known\":");
      append_json_string (out, known);
    }
  g_string_append (out, ",\"changes\":[");
  for (n = 0; n < entries->len; n++)
    {
      LotseOutboxEntry *entry = g_ptr_array_index (entries, n);
      gsize before = out->len;

      if (n > 0)
        g_string_append_c (out, ',');
      g_string_append (out, "{\"op_id\":");
      append_json_string (out, entry->op_id);
      g_string_append (out, ",\"table\":");
      append_json_string (out, entry->table);
      g_string_append (out, ",\"id\":");
      append_json_string (out, entry->row_id);
      g_string_append_printf (out, ",\"base_rev\":%" G_GINT64_FORMAT ",\"deleted\":%s,\"fields\":%s",
                              entry->base_rev, entry->deleted ? "true" : "false",
                              entry->deleted && entry->fork < 0 ? "{}" : entry->fields_json);
      /* A restated row: all its fields, a tombstone's too. */
      if (entry->fork >= 0)
        g_string_append_printf (out, ",\"state\":true,\"fork\":%" G_GINT64_FORMAT, entry->fork);
      g_string_append_c (out, '}');

      /* Room for the closing "]}". */
      if (max_bytes > 0 && out->len + 2 > max_bytes)
        {
          g_string_truncate (out, before);
          break;
        }
    }
  g_string_append (out, "]}");

  *out_n_included = n;
  return g_string_free (out, FALSE);
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

  if (fields == NULL || !get_int (row, "rev", &rev) || !lotse_sync_json_get_bool (row, "deleted", &deleted))
    return protocol_error (error, "row");

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

  if (!get_int (result, "rev", &rev) || !get_int (result, "seq", &seq))
    return protocol_error (error, "applied");

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
  g_autoptr(GError) local_error = NULL;
  JsonObject *row = lotse_sync_json_get_object (result, "row");

  if (row == NULL)
    return protocol_error (error, "merged");

  if (!lotse_store_sync_remove_outbox (store, entry->op_id, error))
    return FALSE;

  local = lotse_store_sync_get_row (store, entry->table, entry->row_id, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

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
  g_autoptr(GError) local_error = NULL;
  JsonObject *server = lotse_sync_json_get_object (result, "server");
  JsonArray *fields = lotse_sync_json_get_array (result, "fields");
  JsonNode *base = json_object_get_member (result, "base");
  gint64 server_rev = 0;
  gboolean server_deleted = FALSE;

  if (server == NULL || fields == NULL || !get_int (server, "rev", &server_rev) ||
      !lotse_sync_json_get_bool (server, "deleted", &server_deleted) ||
      (base != NULL && !JSON_NODE_HOLDS_OBJECT (base) && !JSON_NODE_HOLDS_NULL (base)))
    return protocol_error (error, "conflict");

  local = lotse_store_sync_get_row (store, entry->table, entry->row_id, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  if (local != NULL)
    {
      mine = record_state_to_json (local, entry->deleted ? "{}" : entry->fields_json);
      /* The change, not the row, says whether this side deleted. */
      json_object_set_boolean_member (json_node_get_object (mine), "deleted", entry->deleted);
      /* When this side changed it, for the person who resolves */
      if (lotse_record_get_updated_at (local) != NULL)
        json_object_set_string_member (json_node_get_object (mine), "changed_at",
                                       lotse_record_get_updated_at (local));
    }
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
  g_autoptr(GError) local_error = NULL;
  g_autofree char *mine_json = NULL;
  g_autofree char *fields_json = NULL;
  g_autofree char *reason = NULL;
  JsonObject *server_error = lotse_sync_json_get_object (result, "error");
  const char *code = get_string (server_error, "code");
  const char *message = get_string (server_error, "message");
  const char *field = get_string (server_error, "field");

  local = lotse_store_sync_get_row (store, entry->table, entry->row_id, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  if (local != NULL)
    {
      mine = record_state_to_json (local, entry->deleted ? "{}" : entry->fields_json);
      json_object_set_boolean_member (json_node_get_object (mine), "deleted", entry->deleted);
    }
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
  const char *next_cursor = get_string (root, "next_cursor");
  LotseSyncStats counts = { 0, };
  gint64 before = cursor ? *cursor : 0;
  gint64 next = before;

  if (results == NULL || json_array_get_length (results) != entries->len)
    return protocol_error (error, "results");

  if (next_cursor != NULL && server_id != NULL && cursor != NULL)
    {
      gsize id_length = strlen (server_id);

      if (!lotse_sync_parse_cursor (next_cursor, &next))
        return protocol_error (error, "next_cursor");
      /* Another server's cursor, or one behind: pull as usual. */
      if (strncmp (next_cursor, server_id, id_length) != 0 || next_cursor[id_length] != ':' ||
          next < before)
        next = before;
    }

  if (!lotse_store_begin (store, error))
    return FALSE;

  for (guint i = 0; i < entries->len; i++)
    {
      LotseOutboxEntry *entry = g_ptr_array_index (entries, i);
      JsonNode *node = json_array_get_element (results, i);
      JsonObject *result = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
      const char *status = get_string (result, "status");
      gboolean ok;

      if (status == NULL || g_strcmp0 (get_string (result, "op_id"), entry->op_id) != 0)
        {
          lotse_store_rollback (store);
          return protocol_error (error, "op_id");
        }

      if (g_str_equal (status, "applied"))
        {
          ok = apply_applied (store, entry, result, before, refetch, error);
          counts.pushed++;
          counts.restated += entry->fork >= 0;
        }
      else if (g_str_equal (status, "merged"))
        {
          ok = apply_merged (store, entry, result, error);
          counts.merged++;
          counts.restated += entry->fork >= 0;
        }
      else if (g_str_equal (status, "known") && entry->fork >= 0)
        {
          /* The server has the restated row already: take its current one. */
          ok = apply_merged (store, entry, result, error);
        }
      else if (g_str_equal (status, "conflict") && entry->fork >= 0)
        {
          g_autoptr(LotseOutboxEntry) changes = restated_changes (entry, result);

          ok = apply_conflict (store, changes, result, error);
          counts.conflicts++;
        }
      else if (g_str_equal (status, "conflict"))
        {
          ok = apply_conflict (store, entry, result, error);
          counts.conflicts++;
        }
      else if (g_str_equal (status, "rejected"))
        {
          ok = apply_rejected (store, entry, result, error);
          counts.rejected++;
        }
      else
        {
          ok = protocol_error (error, status);
        }

      if (!ok)
        {
          lotse_store_rollback (store);
          return FALSE;
        }
    }

  if ((next > before && !lotse_store_sync_save_cursor (store, server_id, next, error)) ||
      (server_id != NULL && !lotse_sync_note_mark (store, server_id, get_string (root, "mark"), -1, error)) ||
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

gboolean
lotse_sync_parse_cursor (const char *text,
                         gint64     *out_seq)
{
  const char *colon = text ? strrchr (text, ':') : NULL;
  guint64 seq;

  if (colon == NULL || !g_ascii_string_to_unsigned (colon + 1, 10, 0, G_MAXINT64, &seq, NULL))
    return FALSE;

  *out_seq = (gint64)seq;
  return TRUE;
}

/* The health rule (lotse-health.c) for a pulled row: a status report as
 * it was (@before) and is now, or the project's own row, which comes later
 * than its reports and so stands. */
static gboolean
note_for_health (LotseStore        *store,
                 LotseHealthPull   *health,
                 const LotseTable  *table,
                 const char        *id,
                 LotseRecord       *before,
                 GError           **error)
{
  g_autoptr(LotseRecord) after = NULL;
  g_autoptr(GError) local_error = NULL;

  if (g_str_equal (table->name, "project"))
    lotse_health_pull_note_project (health, id);
  if (!g_str_equal (table->name, "status_report"))
    return TRUE;

  after = lotse_store_sync_get_row (store, table->name, id, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  lotse_health_pull_note_report (health, before, after);
  return TRUE;
}

/* Writes one row as the server has it, unless local edits wait for push
 * (the push that follows merges them) or the local copy is newer.
 * @values holds one value (or NULL) per field of @table. */
static gboolean
apply_remote_row (LotseStore                   *store,
                  const LotseTable             *table,
                  const char                   *id,
                  gint64                        rev,
                  gboolean                      deleted,
                  const LotseSyncValue * const *values,
                  const char                   *updated_at,
                  gboolean                      outbox_empty,
                  LotseHealthPull              *health,
                  LotseSyncStats               *stats,
                  GError                      **error)
{
  g_autoptr(LotseRecord) report = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *now = NULL;
  gboolean has_outbox = FALSE;
  gboolean written = FALSE;

  if (!outbox_empty && !lotse_store_sync_row_has_outbox (store, table->name, id, &has_outbox, error))
    return FALSE;

  if (has_outbox)
    {
      stats->held_back++;
      return TRUE;
    }

  if (updated_at == NULL)
    updated_at = now = lotse_store_sync_now ();

  if (g_str_equal (table->name, "status_report"))
    report = lotse_store_sync_get_row (store, table->name, id, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  if (!lotse_store_sync_put_remote (store, table, id, rev, deleted, values, updated_at, &written, error))
    return FALSE;

  if (written)
    stats->pulled++;
  return !written || note_for_health (store, health, table, id, report, error);
}

/* A newer server may know tables this version does not: their rows are
 * skipped (NULL without an error). */
static const LotseTable *
known_table (const char *name)
{
  const LotseTable *table = lotse_schema_lookup_table (name);

  if (table == NULL)
    g_debug ("Skipping a row of unknown table %s", name);

  return table;
}

static gboolean
apply_page_row (LotseStore              *store,
                const LotseSyncPage     *page,
                const LotseSyncPageRow  *row,
                gboolean                 outbox_empty,
                gboolean                 reconciling,
                LotseHealthPull         *health,
                LotseSyncStats          *stats,
                GError                 **error)
{
  const LotseTable *table;
  const LotseSyncValue **values;
  gboolean held = FALSE;

  if (row->table == NULL || row->id == NULL || !row->has_fields || !row->has_rev || row->deleted < 0 ||
      !lotse_is_uuid (row->id))
    return protocol_error (error, "row");

  if ((table = known_table (row->table)) == NULL)
    return TRUE;

  values = g_newa (const LotseSyncValue *, table->n_fields);
  for (guint i = 0; i < table->n_fields; i++)
    values[i] = lotse_sync_page_get_value (page, row, table->fields[i].name);

  /* A row the server may have lost stays as it is until it is restated
   * (lotse-sync-restore.c). */
  if (reconciling &&
      !lotse_sync_reconcile_check_row (store, table, row->id, row->rev, row->deleted, values, &held, error))
    return FALSE;
  if (held)
    {
      stats->held_back++;
      return TRUE;
    }

  return apply_remote_row (store, table, row->id, row->rev, row->deleted, values, row->updated_at,
                           outbox_empty, health, stats, error);
}

/**
 * lotse_sync_apply_pull_page:
 * @store: the store
 * @server_id: the server the page came from
 * @page: the page `{"rows":[…],"next_cursor","more"}` (lotse_sync_page_parse())
 * @reconciling: whether rows are being restated after a restore: rows
 *   that may hold what the server lost are then not overwritten
 * @out_cursor: (out): the new cursor (seq)
 * @out_more: (out): whether more pages follow
 * @stats: counts to add to
 * @error: a location for a #GError
 *
 * Writes the rows, the new cursor and the page's mark in one transaction.
 */
gboolean
lotse_sync_apply_pull_page (LotseStore           *store,
                            const char           *server_id,
                            const LotseSyncPage  *page,
                            gboolean              reconciling,
                            gint64               *out_cursor,
                            gboolean             *out_more,
                            LotseSyncStats       *stats,
                            GError              **error)
{
  g_autoptr(LotseHealthPull) health = lotse_health_pull_new ();
  LotseSyncStats counts = { 0, };
  gint64 cursor = 0;
  gboolean outbox_empty = FALSE;
  guint n_rows = lotse_sync_page_get_n_rows (page);
  int more = lotse_sync_page_get_more (page);

  if (!lotse_sync_page_has_rows (page) || more < 0 ||
      !lotse_sync_parse_cursor (lotse_sync_page_get_next_cursor (page), &cursor))
    return protocol_error (error, "pull");

  if (!lotse_store_begin (store, error))
    return FALSE;

  /* New rows are indexed for search together at the end of the page.
   * Applying the page adds nothing to the outbox. */
  if (n_rows > 0 &&
      (!lotse_search_defer_begin (store, error) ||
       !lotse_store_sync_outbox_is_empty (store, &outbox_empty, error)))
    {
      lotse_store_rollback (store);
      return FALSE;
    }

  for (guint i = 0; i < n_rows; i++)
    {
      if (!apply_page_row (store, page, lotse_sync_page_get_row (page, i), outbox_empty, reconciling, health,
                           &counts, error))
        {
          lotse_store_rollback (store);
          return FALSE;
        }
    }

  if (!lotse_health_pull_apply (health, store, error) ||
      (n_rows > 0 && !lotse_search_defer_end (store, error)) ||
      !lotse_store_sync_save_cursor (store, server_id, cursor, error) ||
      !lotse_sync_note_mark (store, server_id, lotse_sync_page_get_mark (page), lotse_sync_page_get_fork (page),
                             error) ||
      !lotse_store_commit (store, error))
    {
      lotse_store_rollback (store);
      return FALSE;
    }

  stats->pulled += counts.pulled;
  stats->held_back += counts.held_back;
  *out_cursor = cursor;
  *out_more = more;

  return TRUE;
}

/* The value of a field as it was written in JSON. */
static void
value_from_node (LotseSyncValue *value,
                 JsonNode       *node)
{
  value->kind = LOTSE_SYNC_VALUE_NULL;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return;
  if (!JSON_NODE_HOLDS_VALUE (node))
    {
      value->kind = LOTSE_SYNC_VALUE_OTHER;
      return;
    }

  switch (json_node_get_value_type (node))
    {
    case G_TYPE_STRING:
      value->kind = LOTSE_SYNC_VALUE_STRING;
      value->text = json_node_get_string (node);
      break;
    case G_TYPE_INT64:
      value->kind = LOTSE_SYNC_VALUE_INT;
      value->number = json_node_get_int (node);
      break;
    case G_TYPE_DOUBLE:
      value->kind = LOTSE_SYNC_VALUE_DOUBLE;
      value->real = json_node_get_double (node);
      break;
    case G_TYPE_BOOLEAN:
      value->kind = LOTSE_SYNC_VALUE_BOOL;
      value->number = json_node_get_boolean (node);
      break;
    default:
      value->kind = LOTSE_SYNC_VALUE_OTHER;
    }
}

/* A revision of GET /v1/items/{table}/{id}/history, written like a
 * pulled row. */
static gboolean
apply_history_row (LotseStore       *store,
                   const char       *table_name,
                   const char       *id,
                   JsonObject       *revision,
                   LotseHealthPull  *health,
                   LotseSyncStats   *stats,
                   GError          **error)
{
  JsonObject *fields = lotse_sync_json_get_object (revision, "fields");
  const LotseTable *table;
  g_autofree LotseSyncValue *storage = NULL;
  const LotseSyncValue **values;
  gboolean deleted = FALSE;
  gint64 rev = 0;

  if (fields == NULL || !get_int (revision, "rev", &rev) ||
      !lotse_sync_json_get_bool (revision, "deleted", &deleted) || !lotse_is_uuid (id))
    return protocol_error (error, "row");

  if ((table = known_table (table_name)) == NULL)
    return TRUE;

  storage = g_new0 (LotseSyncValue, table->n_fields);
  values = g_newa (const LotseSyncValue *, table->n_fields);
  for (guint i = 0; i < table->n_fields; i++)
    {
      JsonNode *node = json_object_get_member (fields, table->fields[i].name);

      value_from_node (&storage[i], node);
      values[i] = node ? &storage[i] : NULL;
    }

  return apply_remote_row (store, table, id, rev, deleted, values, get_string (revision, "updated_at"),
                           FALSE, health, stats, error);
}

/**
 * lotse_sync_apply_history:
 *
 * Writes the newest revision of a row's history (GET
 * /v1/items/{table}/{id}/history) like a pulled row.
 */
gboolean
lotse_sync_apply_history (LotseStore      *store,
                          const char      *table,
                          const char      *id,
                          JsonNode        *answer,
                          LotseSyncStats  *stats,
                          GError         **error)
{
  JsonObject *root = answer && JSON_NODE_HOLDS_OBJECT (answer) ? json_node_get_object (answer) : NULL;
  JsonArray *revisions = lotse_sync_json_get_array (root, "revisions");
  g_autoptr(LotseHealthPull) health = lotse_health_pull_new ();
  JsonNode *last;
  LotseSyncStats counts = { 0, };

  if (revisions == NULL)
    return protocol_error (error, "history");

  if (json_array_get_length (revisions) == 0)
    return TRUE;

  last = json_array_get_element (revisions, json_array_get_length (revisions) - 1);
  if (!JSON_NODE_HOLDS_OBJECT (last))
    return protocol_error (error, "history");

  if (!lotse_store_begin (store, error))
    return FALSE;

  if (!apply_history_row (store, table, id, json_node_get_object (last), health, &counts, error) ||
      !lotse_health_pull_apply (health, store, error) ||
      !lotse_store_commit (store, error))
    {
      lotse_store_rollback (store);
      return FALSE;
    }

  stats->pulled += counts.pulled;
  stats->held_back += counts.held_back;
  return TRUE;
}
