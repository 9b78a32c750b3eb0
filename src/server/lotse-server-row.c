/* lotse-server-row.c: rows, accounts and sessions of the server storage
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lotse-server"

#include "config.h"

#include <gnutls/crypto.h>
#include <string.h>

#include "lotse-record-private.h"
#include "lotse-server-json.h"
#include "lotse-server-storage.h"

LotseServerRow *
lotse_server_row_new (const LotseTable *table,
                      const char       *id)
{
  LotseServerRow *row = g_new0 (LotseServerRow, 1);

  row->table = table;
  row->id = g_strdup (id);
  row->values = g_new0 (char *, table->n_fields + 1);

  return row;
}

LotseServerRow *
lotse_server_row_copy (const LotseServerRow *row)
{
  LotseServerRow *copy = lotse_server_row_new (row->table, row->id);

  copy->rev = row->rev;
  copy->seq = row->seq;
  copy->deleted = row->deleted;
  for (guint i = 0; i < row->table->n_fields; i++)
    copy->values[i] = g_strdup (row->values[i]);
  copy->updated_at = g_strdup (row->updated_at);
  copy->fields_json = g_strdup (row->fields_json);
  copy->device_id = g_strdup (row->device_id);
  copy->account = g_strdup (row->account);

  return copy;
}

void
lotse_server_row_free (LotseServerRow *row)
{
  if (row == NULL)
    return;

  for (guint i = 0; i < row->table->n_fields; i++)
    g_free (row->values[i]);
  g_free (row->values);
  g_free (row->id);
  g_free (row->updated_at);
  g_free (row->fields_json);
  g_free (row->device_id);
  g_free (row->account);
  g_free (row);
}

gboolean
lotse_server_row_equal_values (const LotseServerRow *a,
                               const LotseServerRow *b)
{
  g_return_val_if_fail (a->table == b->table, FALSE);

  if (!a->deleted != !b->deleted)
    return FALSE;

  for (guint i = 0; i < a->table->n_fields; i++)
    {
      if (g_strcmp0 (a->values[i], b->values[i]) != 0)
        return FALSE;
    }

  return TRUE;
}

/**
 * lotse_server_row_add_fields:
 * @row: a row
 * @builder: a builder expecting a value
 *
 * Adds an object with every field of the row's table by its schema name,
 * in the form of lotse_record_to_json(): integers as numbers, unset as null.
 */
void
lotse_server_row_add_fields (const LotseServerRow *row,
                             JsonBuilder          *builder)
{
  json_builder_begin_object (builder);
  for (guint i = 0; i < row->table->n_fields; i++)
    {
      json_builder_set_member_name (builder, row->table->fields[i].name);
      lotse_field_add_json_value (builder, &row->table->fields[i], row->values[i]);
    }
  json_builder_end_object (builder);
}

/**
 * lotse_server_json_append_string:
 * @out: where to write
 * @text: valid UTF-8
 *
 * Appends @text as a JSON string literal.
 */
void
lotse_server_json_append_string (GString    *out,
                                 const char *text)
{
  const char *run = text;

  g_string_append_c (out, '"');
  for (const char *p = text; *p != '\0'; p++)
    {
      guchar c = (guchar)*p;

      if (c >= 0x20 && c != '"' && c != '\\')
        continue;

      g_string_append_len (out, run, p - run);
      run = p + 1;
      switch (c)
        {
        case '"': g_string_append (out, "\\\""); break;
        case '\\': g_string_append (out, "\\\\"); break;
        case '\n': g_string_append (out, "\\n"); break;
        case '\r': g_string_append (out, "\\r"); break;
        case '\t': g_string_append (out, "\\t"); break;
        default: g_string_append_printf (out, "\\u%04x", c); break;
        }
    }
  g_string_append (out, run);
  g_string_append_c (out, '"');
}

/* The stored form of the fields: what lotse_server_row_add_fields() builds,
 * written directly (a push writes one per change). */
char *
lotse_server_row_fields_to_json (const LotseServerRow *row)
{
  GString *out = g_string_sized_new (256);

  g_string_append_c (out, '{');
  for (guint i = 0; i < row->table->n_fields; i++)
    {
      const LotseField *field = &row->table->fields[i];
      const char *value = row->values[i];

      if (i > 0)
        g_string_append_c (out, ',');
      g_string_append_c (out, '"');
      g_string_append (out, field->name);
      g_string_append (out, "\":");

      if (value == NULL)
        g_string_append (out, "null");
      else if (field->type == LOTSE_FIELD_INT &&
               g_ascii_string_to_signed (value, 10, G_MININT64, G_MAXINT64, NULL, NULL))
        g_string_append (out, value);
      else
        lotse_server_json_append_string (out, value);
    }
  g_string_append_c (out, '}');

  return g_string_free (out, FALSE);
}

/**
 * lotse_server_field_index:
 * @table: a table
 * @name: a field name
 * @position: where @name stands among the fields of an object
 *
 * lotse_table_field_index(), first trying the field at @position: the
 * server and the clients write fields in the schema's order.
 *
 * Returns: the index of the field, or -1
 */
int
lotse_server_field_index (const LotseTable *table,
                          const char       *name,
                          guint             position)
{
  if (position < table->n_fields && strcmp (table->fields[position].name, name) == 0)
    return (int)position;

  return lotse_table_field_index (table, name);
}

/* Reads the stored form of fields_to_json() back; unknown members (a field
 * a newer schema dropped) are ignored. */
gboolean
lotse_server_row_fields_from_json (LotseServerRow  *row,
                                   const char      *json,
                                   GError         **error)
{
  g_autoptr(LotseServerError) parse_error = NULL;
  g_autoptr(LotseServerJson) tree = NULL;
  const LotseServerJsonNode *object;
  guint position = 0;

  tree = lotse_server_json_parse (json, json != NULL ? strlen (json) : 0, &parse_error);
  object = tree != NULL ? lotse_server_json_get_root (tree) : NULL;
  if (object == NULL || object->type != LOTSE_SERVER_JSON_OBJECT)
    {
      g_set_error (error, LOTSE_ERROR, LOTSE_ERROR_CORRUPT, "stored fields are not a JSON object%s%s",
                   parse_error != NULL ? ": " : "", parse_error != NULL ? parse_error->message : "");
      return FALSE;
    }

  for (guint i = 0; i < row->table->n_fields; i++)
    g_clear_pointer (&row->values[i], g_free);

  /* Of members named twice, the last counts, as it did with json-glib. */
  for (const LotseServerJsonNode *member = object->first; member != NULL; member = member->next)
    {
      int i = lotse_server_field_index (row->table, member->name, position++);

      if (i < 0)
        continue;
      g_clear_pointer (&row->values[i], g_free);
      if (member->type == LOTSE_SERVER_JSON_STRING)
        row->values[i] = g_strdup (member->string);
      else if (member->type == LOTSE_SERVER_JSON_INT)
        row->values[i] = g_strdup_printf ("%" G_GINT64_FORMAT, member->integer);
    }

  return TRUE;
}

/**
 * lotse_server_chain_digest:
 * @previous: the digest of the history before this revision
 *   (%LOTSE_SERVER_DIGEST_EMPTY for the first one)
 * @revision: (array fixed-size=8): the revision as stored: table, id, rev,
 *   deleted ("1" or "0"), fields (lotse_server_row_fields_to_json()),
 *   device id, account, committed_at
 * @out: (out caller-allocates): the digest of the history up to it; may
 *   be @previous
 *
 * Each revision's digest covers its predecessor's, so one digest stands
 * for the whole history up to its seq: a client that names a seq with its
 * digest learns whether the server's history up to there is still the
 * one it pulled (after a backup was restored it is not). Device and
 * commit time are part of it, so a later write of the same values is a
 * different history. The server id is not: `server new-id` keeps the
 * digests. Every backend must compute it this way, for the digests
 * clients hold.
 */
void
lotse_server_chain_digest (const char         *previous,
                           const char * const  revision[8],
                           char                out[LOTSE_SERVER_DIGEST_LENGTH + 1])
{
  gnutls_hash_hd_t hash;
  guint8 digest[32];

  /* GnuTLS, not GChecksum: it uses the processor's SHA instructions, and
   * a push hashes every change it stores (a sixth of its CPU before). */
  if (gnutls_hash_init (&hash, GNUTLS_DIG_SHA256) != 0)
    g_error ("SHA-256 is not available");

  /* Each part with its terminating NUL, which keeps them apart: none
   * holds a NUL of its own. */
  gnutls_hash (hash, previous, strlen (previous) + 1);
  for (guint i = 0; i < 8; i++)
    {
      const char *part = revision[i] != NULL ? revision[i] : "";

      gnutls_hash (hash, part, strlen (part) + 1);
    }
  gnutls_hash_deinit (hash, digest);

  /* Not g_snprintf() per byte: a push computes one digest per change. */
  for (guint i = 0; i < LOTSE_SERVER_DIGEST_LENGTH / 2; i++)
    {
      out[2 * i] = "0123456789abcdef"[digest[i] >> 4];
      out[2 * i + 1] = "0123456789abcdef"[digest[i] & 0xf];
    }
  out[LOTSE_SERVER_DIGEST_LENGTH] = '\0';
}

void
lotse_server_account_free (LotseServerAccount *account)
{
  if (account == NULL)
    return;

  g_free (account->name);
  g_free (account->role);
  g_free (account->password_hash);
  g_free (account->created_at);
  g_free (account);
}

void
lotse_server_session_free (LotseServerSession *session)
{
  if (session == NULL)
    return;

  g_free (session->device_id);
  g_free (session->account);
  g_free (session->role);
  g_free (session);
}
