/* lotse-sync-wire.c: the wire form of sync on the client's side
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The members of the server's JSON answers read leniently (a member that
 * is missing or of another type reads as NULL or FALSE, and the caller
 * calls it a protocol error), field values as the store's text, and the
 * body of a push, written as text so the stored field objects go in as
 * they are (PROTOCOL.md).
 */

#define G_LOG_DOMAIN "lotse-sync"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "lotse-sync-private.h"

gboolean
lotse_sync_protocol_error (GError     **error,
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

const char *
lotse_sync_json_get_string (JsonObject *object,
                            const char *name)
{
  JsonNode *node = object ? json_object_get_member (object, name) : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;

  return json_node_get_string (node);
}

gboolean
lotse_sync_json_get_int (JsonObject *object,
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
