/* lotse-server-request.c: parsing the bodies and queries of requests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lotse-server"

#include "config.h"

#include <string.h>

#include "lotse-server-json.h"
#include "lotse-server-request.h"
#include "lotse-server-storage.h"

#define DEFAULT_PULL_LIMIT 500
#define MAX_PULL_LIMIT 1000
#define MAX_USER_LENGTH 64
#define MAX_PASSWORD_LENGTH 1024
#define MAX_DEVICE_NAME_LENGTH 200

LotseServerError *
lotse_server_error_new (guint       status,
                        const char *code,
                        const char *field,
                        int         index,
                        const char *format,
                        ...)
{
  LotseServerError *error = g_new0 (LotseServerError, 1);
  va_list args;

  g_autofree char *message = NULL;

  error->status = status;
  error->code = g_strdup (code);
  /* Both may quote the request (json-glib's parse errors do), whose
   * escapes can decode to invalid UTF-8: what goes back is valid. */
  error->field = field != NULL ? g_utf8_make_valid (field, -1) : NULL;
  error->index = index;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  error->message = g_utf8_make_valid (message, -1);

  return error;
}

void
lotse_server_error_free (LotseServerError *error)
{
  if (error == NULL)
    return;

  g_free (error->code);
  g_free (error->message);
  g_free (error->field);
  g_free (error);
}

/* Written directly: refused requests (401, 429 …) are the ones a
 * misbehaving client sends by the thousand. The texts are valid UTF-8
 * (lotse_server_error_new()). */
char *
lotse_server_error_to_json (const LotseServerError *error)
{
  GString *out = g_string_sized_new (128);

  g_string_append (out, "{\"error\":{\"code\":");
  lotse_server_json_append_string (out, error->code);
  g_string_append (out, ",\"message\":");
  lotse_server_json_append_string (out, error->message);
  if (error->field != NULL)
    {
      g_string_append (out, ",\"field\":");
      lotse_server_json_append_string (out, error->field);
    }
  if (error->index >= 0)
    g_string_append_printf (out, ",\"index\":%d", error->index);
  g_string_append (out, "}}");

  return g_string_free (out, FALSE);
}

static void
change_free (LotseServerChange *change)
{
  if (change->table != NULL)
    {
      for (guint i = 0; i < change->table->n_fields; i++)
        g_free (change->values[i]);
    }
  g_free (change->values);
  g_free (change->present);
  g_free (change->op_id);
  g_free (change->id);
  g_free (change);
}

void
lotse_server_push_free (LotseServerPush *push)
{
  if (push == NULL)
    return;

  g_free (push->device_id);
  g_clear_pointer (&push->changes, g_ptr_array_unref);
  g_free (push->cursor_server_id);
  g_free (push->known.digest);
  g_free (push);
}

void
lotse_server_login_free (LotseServerLogin *login)
{
  if (login == NULL)
    return;

  g_free (login->user);
  if (login->password != NULL)
    memset (login->password, 0, strlen (login->password));
  g_free (login->password);
  g_free (login->device_name);
  g_free (login);
}

void
lotse_server_pull_free (LotseServerPull *pull)
{
  if (pull == NULL)
    return;

  g_free (pull->cursor_server_id);
  g_free (pull->known.digest);
  g_clear_pointer (&pull->marks, g_array_unref);
  g_free (pull);
}

static gboolean set_bad (LotseServerError **error,
                         const char        *code,
                         const char        *field,
                         int                index,
                         const char        *format,
                         ...) G_GNUC_PRINTF (5, 6);

static gboolean
set_bad (LotseServerError **error,
         const char        *code,
         const char        *field,
         int                index,
         const char        *format,
         ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  *error = lotse_server_error_new (400, code, field, index, "%s", message);
  return FALSE;
}

#define BAD(...) set_bad (error, __VA_ARGS__)

/* The body's object, in @json; NULL with @error set when it is not one. */
static const LotseServerJsonNode *
parse_object (const char        *data,
              gsize              length,
              LotseServerJson  **json,
              LotseServerError **error)
{
  const LotseServerJsonNode *root;

  *json = lotse_server_json_parse (data, length, error);
  if (*json == NULL)
    return NULL;

  root = lotse_server_json_get_root (*json);
  if (root->type != LOTSE_SERVER_JSON_OBJECT)
    {
      *error = lotse_server_error_new (400, "wrong_type", NULL, -1,
                                       "The request body must be a JSON object");
      return NULL;
    }

  /* json-glib kept the last of members with the same name (and a client
   * may have meant any of them): which one is anybody's guess. */
  if (lotse_server_json_has_duplicates (*json))
    {
      *error = lotse_server_error_new (400, "duplicate_member", NULL, -1,
                                       "An object in the request body names a member twice");
      return NULL;
    }

  return root;
}

/* Its text is valid UTF-8: the whole body was checked, and escapes
 * decode to valid UTF-8 only. */
static gboolean
node_is_string (const LotseServerJsonNode *node)
{
  return node != NULL && node->type == LOTSE_SERVER_JSON_STRING;
}

static gboolean
node_is_int (const LotseServerJsonNode *node)
{
  return node != NULL && node->type == LOTSE_SERVER_JSON_INT;
}

static gboolean
node_is_bool (const LotseServerJsonNode *node)
{
  return node != NULL && node->type == LOTSE_SERVER_JSON_BOOLEAN;
}

/* A string member; NULL with *error set when missing or of another type. */
static const char *
get_string (const LotseServerJsonNode  *object,
            const char                 *member,
            int                         index,
            LotseServerError          **error)
{
  const LotseServerJsonNode *node = lotse_server_json_member (object, member);

  if (node == NULL)
    {
      BAD ("missing_member", member, index, "The member “%s” is missing", member);
      return NULL;
    }
  if (!node_is_string (node))
    {
      BAD ("wrong_type", member, index, "The member “%s” must be a string", member);
      return NULL;
    }

  return node->string;
}

static const char *
get_uuid (const LotseServerJsonNode  *object,
          const char                 *member,
          int                         index,
          LotseServerError          **error)
{
  const char *value = get_string (object, member, index, error);

  if (value != NULL && !lotse_is_uuid (value))
    {
      BAD ("bad_uuid", member, index,
           "The member “%s” must be a lower-case UUID", member);
      return NULL;
    }

  return value;
}

static const char *
type_description (const LotseField *field)
{
  switch (field->type)
    {
    case LOTSE_FIELD_TEXT: return "a string";
    case LOTSE_FIELD_INT: return "an integer";
    case LOTSE_FIELD_DATE: return "a date like 2024-03-31";
    case LOTSE_FIELD_DATETIME: return "a date and time with zone like 2024-03-31T10:00:00+02:00";
    case LOTSE_FIELD_ENUM: return "one of the allowed values";
    case LOTSE_FIELD_REF: return "the UUID of a row";
    case LOTSE_FIELD_TIME_ZONE: return "a time zone like Europe/Berlin";
    default: return "a value";
    }
}

static gboolean
parse_value (LotseServerChange          *change,
             guint                       field_index,
             const LotseServerJsonNode  *node,
             int                         index,
             LotseServerError          **error)
{
  const LotseField *field = &change->table->fields[field_index];
  const char *text;
  char *normalized;

  change->present[field_index] = TRUE;

  if (node->type == LOTSE_SERVER_JSON_NULL)
    {
      if (field->flags & LOTSE_FIELD_REQUIRED)
        return BAD ("invalid_value", field->name, index,
                    "The field “%s” is required and cannot be null", field->name);
      return TRUE;
    }

  if (field->type == LOTSE_FIELD_INT)
    {
      gint64 number;

      if (!node_is_int (node))
        return BAD ("wrong_type", field->name, index,
                    "The field “%s” must be an integer", field->name);
      number = node->integer;
      if (number < field->min_value || number > field->max_value)
        return BAD ("invalid_value", field->name, index,
                    "The field “%s” must be between %" G_GINT64_FORMAT " and %" G_GINT64_FORMAT,
                    field->name, field->min_value, field->max_value);
      change->values[field_index] = g_strdup_printf ("%" G_GINT64_FORMAT, number);
      return TRUE;
    }

  if (!node_is_string (node))
    return BAD ("wrong_type", field->name, index,
                "The field “%s” must be a string", field->name);

  text = node->string;

  if (field->type == LOTSE_FIELD_TEXT && field->max_length > 0 &&
      g_utf8_strlen (text, -1) > (glong)field->max_length)
    return BAD ("invalid_value", field->name, index,
                "The field “%s” is longer than %u characters", field->name, field->max_length);

  normalized = lotse_field_normalize (field, text, NULL);
  if (normalized == NULL)
    return BAD ("invalid_value", field->name, index,
                "The field “%s” must be %s", field->name, type_description (field));

  /* The store's rule (lotse_field_check()): only white space is empty. */
  if (lotse_field_check (field, normalized) == LOTSE_VALUE_BLANK)
    {
      g_free (normalized);
      return BAD ("invalid_value", field->name, index,
                  "The field “%s” is required and cannot be empty", field->name);
    }

  change->values[field_index] = normalized;
  return TRUE;
}

/* "state" and "fork" (protocol 2): the change restates the client's whole
 * row after a restore; "fields" holds every field then. */
static gboolean
parse_state (const LotseServerJsonNode  *object,
             LotseServerChange          *change,
             int                         index,
             LotseServerError          **error)
{
  const LotseServerJsonNode *member = lotse_server_json_member (object, "state");

  if (member == NULL)
    return TRUE;
  if (!node_is_bool (member))
    return BAD ("wrong_type", "state", index, "The member “state” must be true or false");
  change->state = member->integer != 0;

  member = lotse_server_json_member (object, "fork");
  if (member == NULL)
    return TRUE;
  if (!node_is_int (member) || member->integer < 0)
    return BAD ("wrong_type", "fork", index, "The member “fork” must be an integer of 0 or more");
  change->fork = member->integer;

  return TRUE;
}

/* "table" and "id": the row the change is for. */
static gboolean
parse_row (const LotseServerJsonNode  *object,
           LotseServerChange          *change,
           int                         index,
           LotseServerError          **error)
{
  const char *value;

  if ((value = get_string (object, "table", index, error)) == NULL)
    return FALSE;
  change->table = lotse_schema_lookup_table (value);
  if (change->table == NULL)
    return BAD ("unknown_table", "table", index, "There is no table “%s”", value);
  change->present = g_new0 (gboolean, change->table->n_fields);
  change->values = g_new0 (char *, change->table->n_fields + 1);

  if ((value = get_uuid (object, "id", index, error)) == NULL)
    return FALSE;
  /* A second office would split the office's settings between laptops. */
  if (change->table->singleton_id != NULL && strcmp (value, change->table->singleton_id) != 0)
    return BAD ("invalid_value", "id", index, "The table “%s” has one row, whose id is %s",
                change->table->name, change->table->singleton_id);
  change->id = g_strdup (value);

  return TRUE;
}

/* "base_rev" and "deleted", which every change carries. */
static gboolean
parse_revision (const LotseServerJsonNode  *object,
                LotseServerChange          *change,
                int                         index,
                LotseServerError          **error)
{
  const LotseServerJsonNode *member = lotse_server_json_member (object, "base_rev");

  if (member == NULL)
    return BAD ("missing_member", "base_rev", index, "The member “base_rev” is missing");
  if (!node_is_int (member) || member->integer < 0)
    return BAD ("wrong_type", "base_rev", index,
                "The member “base_rev” must be an integer of 0 or more");
  change->base_rev = member->integer;

  member = lotse_server_json_member (object, "deleted");
  if (member == NULL)
    return BAD ("missing_member", "deleted", index, "The member “deleted” is missing");
  if (!node_is_bool (member))
    return BAD ("wrong_type", "deleted", index, "The member “deleted” must be true or false");
  change->deleted = member->integer != 0;

  return TRUE;
}

/* "fields": the changed fields by name; a deletion may leave it out. */
static gboolean
parse_fields (const LotseServerJsonNode  *object,
              LotseServerChange          *change,
              int                         index,
              LotseServerError          **error)
{
  const LotseServerJsonNode *fields = lotse_server_json_member (object, "fields");
  guint position = 0;

  if (fields == NULL && change->deleted && !change->state)
    return TRUE;
  if (fields == NULL)
    return BAD ("missing_member", "fields", index, "The member “fields” is missing");
  if (fields->type != LOTSE_SERVER_JSON_OBJECT)
    return BAD ("wrong_type", "fields", index, "The member “fields” must be an object");

  for (const LotseServerJsonNode *member = fields->first; member != NULL; member = member->next)
    {
      int field_index = lotse_server_field_index (change->table, member->name, position++);

      if (field_index < 0)
        return BAD ("unknown_field", member->name, index,
                    "The table “%s” has no field “%s”", change->table->name, member->name);
      if (!parse_value (change, field_index, member, index, error))
        return FALSE;
    }

  return TRUE;
}

static LotseServerChange *
parse_change (const LotseServerJsonNode  *object,
              int                         index,
              LotseServerError          **error)
{
  LotseServerChange *change;
  const char *op_id;

  if (object->type != LOTSE_SERVER_JSON_OBJECT)
    {
      BAD ("wrong_type", NULL, index, "Each change must be a JSON object");
      return NULL;
    }

  change = g_new0 (LotseServerChange, 1);

  if ((op_id = get_uuid (object, "op_id", index, error)) == NULL)
    goto failed;
  change->op_id = g_strdup (op_id);

  if (!parse_row (object, change, index, error) ||
      !parse_revision (object, change, index, error) ||
      !parse_state (object, change, index, error) ||
      !parse_fields (object, change, index, error))
    goto failed;

  return change;

failed:
  change_free (change);
  return NULL;
}

static gboolean
parse_cursor (const char        *cursor,
              gboolean          *out_has,
              char             **out_server_id,
              gint64            *out_seq,
              LotseServerError **error)
{
  const char *colon = strchr (cursor, ':');
  g_autofree char *server_id = NULL;
  guint64 seq;

  if (colon == NULL)
    return BAD ("bad_cursor", "cursor", -1, "The cursor is not one this server handed out");

  server_id = g_strndup (cursor, colon - cursor);
  if (!lotse_is_uuid (server_id) || colon[1] == '\0' ||
      strspn (colon + 1, "0123456789") != strlen (colon + 1) ||
      !g_ascii_string_to_unsigned (colon + 1, 10, 0, G_MAXINT64, &seq, NULL))
    return BAD ("bad_cursor", "cursor", -1, "The cursor is not one this server handed out");

  *out_has = TRUE;
  *out_server_id = g_steal_pointer (&server_id);
  *out_seq = (gint64)seq;

  return TRUE;
}

static gboolean
parse_mark (const char        *text,
            const char        *member,
            LotseServerMark   *out_mark,
            LotseServerError **error)
{
  const char *colon = strchr (text, ':');
  g_autofree char *seq_text = NULL;
  guint64 seq;

  if (colon == NULL || strlen (colon + 1) != 32 || strspn (colon + 1, "0123456789abcdef") != 32)
    return BAD ("bad_mark", member, -1, "The mark is not one this server handed out");

  seq_text = g_strndup (text, colon - text);
  if (seq_text[0] == '\0' || strspn (seq_text, "0123456789") != strlen (seq_text) ||
      !g_ascii_string_to_unsigned (seq_text, 10, 0, G_MAXINT64, &seq, NULL))
    return BAD ("bad_mark", member, -1, "The mark is not one this server handed out");

  out_mark->seq = (gint64)seq;
  out_mark->digest = g_strdup (colon + 1);
  return TRUE;
}

static void
mark_clear (gpointer data)
{
  g_free (((LotseServerMark *)data)->digest);
}

/* `marks=<mark>,<mark>,…` of a pull, newest first. */
static gboolean
parse_marks (const char        *text,
             LotseServerPull   *pull,
             LotseServerError **error)
{
  g_auto(GStrv) items = g_strsplit (text, ",", -1);

  if (g_strv_length (items) > LOTSE_SERVER_MAX_MARKS)
    return BAD ("bad_mark", "marks", -1, "At most %d marks, please", LOTSE_SERVER_MAX_MARKS);

  pull->marks = g_array_new (FALSE, TRUE, sizeof (LotseServerMark));
  g_array_set_clear_func (pull->marks, mark_clear);
  for (guint i = 0; items[i] != NULL; i++)
    {
      LotseServerMark mark = { 0, NULL };

      if (!parse_mark (items[i], "marks", &mark, error))
        return FALSE;
      g_array_append_val (pull->marks, mark);
    }

  return TRUE;
}

/* Where the client stands, both optional: "cursor" and "known". */
static gboolean
parse_push_position (const LotseServerJsonNode  *object,
                     LotseServerPush            *push,
                     LotseServerError          **error)
{
  /* The client's pull cursor: when nothing was written since, the answer
   * moves it past this push (next_cursor). */
  if (lotse_server_json_member (object, "cursor") != NULL)
    {
      const char *cursor = get_string (object, "cursor", -1, error);

      if (cursor == NULL ||
          !parse_cursor (cursor, &push->has_cursor, &push->cursor_server_id, &push->cursor_seq, error))
        return FALSE;
    }

  /* The newest point of the history the client holds rows from: the
   * push is refused (410) when the server's history differs there. */
  if (lotse_server_json_member (object, "known") != NULL)
    {
      const char *known = get_string (object, "known", -1, error);

      if (known == NULL || !parse_mark (known, "known", &push->known, error))
        return FALSE;
      push->has_known = TRUE;
    }

  return TRUE;
}

/**
 * lotse_server_parse_push:
 * @data: the request body
 * @length: its length in bytes
 * @max_batch: the most changes one request may carry
 * @error: (out): the reason for refusing the whole request
 *
 * Returns: (transfer full) (nullable): the push, or %NULL with @error set
 */
LotseServerPush *
lotse_server_parse_push (const char        *data,
                         gsize              length,
                         guint              max_batch,
                         LotseServerError **error)
{
  g_autoptr(LotseServerJson) json = NULL;
  g_autoptr(LotseServerPush) push = NULL;
  const LotseServerJsonNode *object;
  const LotseServerJsonNode *changes;
  const char *device_id;
  int index = 0;

  g_return_val_if_fail (error != NULL && *error == NULL, NULL);

  object = parse_object (data, length, &json, error);
  if (object == NULL)
    return NULL;

  device_id = get_uuid (object, "device_id", -1, error);
  if (device_id == NULL)
    return NULL;

  changes = lotse_server_json_member (object, "changes");
  if (changes == NULL)
    {
      BAD ("missing_member", "changes", -1, "The member “changes” is missing");
      return NULL;
    }
  if (changes->type != LOTSE_SERVER_JSON_ARRAY)
    {
      BAD ("wrong_type", "changes", -1, "The member “changes” must be an array");
      return NULL;
    }

  if (changes->n_children > max_batch)
    {
      BAD ("too_many_changes", "changes", -1,
           "A push may carry at most %u changes, not %u",
           max_batch, changes->n_children);
      return NULL;
    }

  push = g_new0 (LotseServerPush, 1);
  push->device_id = g_strdup (device_id);

  if (!parse_push_position (object, push, error))
    return NULL;

  push->changes = g_ptr_array_new_full (changes->n_children, (GDestroyNotify)change_free);

  for (const LotseServerJsonNode *element = changes->first; element != NULL; element = element->next)
    {
      LotseServerChange *change = parse_change (element, index++, error);

      if (change == NULL)
        return NULL;
      g_ptr_array_add (push->changes, change);
    }

  return g_steal_pointer (&push);
}

LotseServerLogin *
lotse_server_parse_login (const char        *data,
                          gsize              length,
                          LotseServerError **error)
{
  g_autoptr(LotseServerJson) json = NULL;
  g_autoptr(LotseServerLogin) login = NULL;
  const LotseServerJsonNode *object;
  const char *value;

  g_return_val_if_fail (error != NULL && *error == NULL, NULL);

  object = parse_object (data, length, &json, error);
  if (object == NULL)
    return NULL;

  login = g_new0 (LotseServerLogin, 1);

  if ((value = get_string (object, "user", -1, error)) == NULL)
    return NULL;
  if (strlen (value) == 0 || strlen (value) > MAX_USER_LENGTH)
    {
      BAD ("invalid_value", "user", -1, "The user name must have 1 to %d characters",
           MAX_USER_LENGTH);
      return NULL;
    }
  login->user = g_strdup (value);

  if ((value = get_string (object, "password", -1, error)) == NULL)
    return NULL;
  if (strlen (value) > MAX_PASSWORD_LENGTH)
    {
      BAD ("invalid_value", "password", -1, "The password is longer than %d bytes",
           MAX_PASSWORD_LENGTH);
      return NULL;
    }
  login->password = g_strdup (value);

  if (lotse_server_json_member (object, "device_name") != NULL)
    {
      if ((value = get_string (object, "device_name", -1, error)) == NULL)
        return NULL;
      if (g_utf8_strlen (value, -1) > MAX_DEVICE_NAME_LENGTH)
        {
          BAD ("invalid_value", "device_name", -1,
               "The device name is longer than %d characters", MAX_DEVICE_NAME_LENGTH);
          return NULL;
        }
      /* The portal's own: `feed-token create` and the portal's sign-in
       * would take such a device of an app for one of theirs. */
      if (g_str_equal (value, LOTSE_PORTAL_SESSION_DEVICE) || g_str_equal (value, LOTSE_PORTAL_FEED_DEVICE))
        {
          BAD ("invalid_value", "device_name", -1, "The device name “%s” is the portal's", value);
          return NULL;
        }
      login->device_name = g_strdup (value);
    }
  else
    login->device_name = g_strdup ("");

  return g_steal_pointer (&login);
}


/**
 * lotse_server_parse_pull:
 * @query: (nullable): the query string of the URI, without '?'
 *
 * Returns: (transfer full) (nullable): the pull parameters, or %NULL with
 *   @error set
 */
LotseServerPull *
lotse_server_parse_pull (const char        *query,
                         LotseServerError **error)
{
  g_autoptr(LotseServerPull) pull = g_new0 (LotseServerPull, 1);
  g_autoptr(GHashTable) params = NULL;
  const char *value;

  g_return_val_if_fail (error != NULL && *error == NULL, NULL);

  pull->limit = DEFAULT_PULL_LIMIT;
  if (query == NULL || *query == '\0')
    return g_steal_pointer (&pull);

  if (!g_utf8_validate (query, -1, NULL))
    {
      BAD ("bad_request", NULL, -1, "The query is not valid UTF-8");
      return NULL;
    }

  params = g_uri_parse_params (query, -1, "&", G_URI_PARAMS_NONE, NULL);
  if (params == NULL)
    {
      BAD ("bad_request", NULL, -1, "The query cannot be parsed");
      return NULL;
    }

  value = g_hash_table_lookup (params, "cursor");
  if (value != NULL &&
      !parse_cursor (value, &pull->has_cursor, &pull->cursor_server_id, &pull->cursor_seq, error))
    return NULL;

  value = g_hash_table_lookup (params, "known");
  if (value != NULL)
    {
      if (!parse_mark (value, "known", &pull->known, error))
        return NULL;
      pull->has_known = TRUE;
    }

  value = g_hash_table_lookup (params, "marks");
  if (value != NULL && !parse_marks (value, pull, error))
    return NULL;

  value = g_hash_table_lookup (params, "limit");
  if (value != NULL)
    {
      guint64 limit;

      if (strspn (value, "0123456789") != strlen (value) ||
          !g_ascii_string_to_unsigned (value, 10, 1, MAX_PULL_LIMIT, &limit, NULL))
        {
          BAD ("bad_limit", "limit", -1, "The limit must be a number from 1 to %d",
               MAX_PULL_LIMIT);
          return NULL;
        }
      pull->limit = (guint)limit;
    }

  return g_steal_pointer (&pull);
}
