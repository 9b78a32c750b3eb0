/* lotse-record.c: one row of a synced table
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A record holds its values as text, exactly as SQLite and the CLI see
 * them; the schema says how to read each one. One type serves every table
 * so that validation, JSON and (later) merging are written once.
 */

#define G_LOG_DOMAIN "lotse-record"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "lotse-error.h"
#include "lotse-record-private.h"
#include "lotse-util.h"

struct _LotseRecord
{
  GObject           parent_instance;

  const LotseTable *table;
  char             *id;
  gint64            rev;
  char             *created_at;
  char             *updated_at;
  char            **values;
  guint             deleted : 1;
};

enum {
  PROP_0,
  PROP_ID,
  PROP_TITLE,
  PROP_TABLE_NAME,
  N_PROPS
};

G_DEFINE_FINAL_TYPE (LotseRecord, lotse_record, G_TYPE_OBJECT)

static GParamSpec *properties[N_PROPS];

static void
lotse_record_finalize (GObject *object)
{
  LotseRecord *self = (LotseRecord *)object;

  if (self->values != NULL)
    {
      for (guint i = 0; i < self->table->n_fields; i++)
        g_free (self->values[i]);
      g_free (self->values);
    }
  g_free (self->id);
  g_free (self->created_at);
  g_free (self->updated_at);

  G_OBJECT_CLASS (lotse_record_parent_class)->finalize (object);
}

static void
lotse_record_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  LotseRecord *self = LOTSE_RECORD (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;

    case PROP_TITLE:
      g_value_set_string (value, lotse_record_get_title (self));
      break;

    case PROP_TABLE_NAME:
      g_value_set_string (value, lotse_record_get_table_name (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lotse_record_class_init (LotseRecordClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = lotse_record_finalize;
  object_class->get_property = lotse_record_get_property;

  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, NULL, NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  properties[PROP_TABLE_NAME] =
    g_param_spec_string ("table-name", NULL, NULL, NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
lotse_record_init (LotseRecord *self)
{
}

/**
 * lotse_record_new:
 * @table: the table the record belongs to
 *
 * Returns: (transfer full): an empty record without id
 */
LotseRecord *
lotse_record_new (const LotseTable *table)
{
  LotseRecord *self;

  g_return_val_if_fail (table != NULL, NULL);

  self = g_object_new (LOTSE_TYPE_RECORD, NULL);
  self->table = table;
  self->values = g_new0 (char *, table->n_fields);

  return self;
}

/**
 * lotse_record_new_for_table:
 * @table_name: a table name of the schema
 *
 * Returns: (transfer full) (nullable): an empty record, or %NULL if the
 *   table does not exist
 */
LotseRecord *
lotse_record_new_for_table (const char *table_name)
{
  const LotseTable *table = lotse_schema_lookup_table (table_name);

  g_return_val_if_fail (table != NULL, NULL);

  return lotse_record_new (table);
}

/**
 * lotse_record_copy:
 * @self: a record
 *
 * Returns: (transfer full): a deep copy
 */
LotseRecord *
lotse_record_copy (LotseRecord *self)
{
  LotseRecord *copy;

  g_return_val_if_fail (LOTSE_IS_RECORD (self), NULL);

  copy = lotse_record_new (self->table);
  copy->id = g_strdup (self->id);
  copy->rev = self->rev;
  copy->deleted = self->deleted;
  copy->created_at = g_strdup (self->created_at);
  copy->updated_at = g_strdup (self->updated_at);
  for (guint i = 0; i < self->table->n_fields; i++)
    copy->values[i] = g_strdup (self->values[i]);

  return copy;
}

const LotseTable *
lotse_record_get_table (LotseRecord *self)
{
  g_return_val_if_fail (LOTSE_IS_RECORD (self), NULL);

  return self->table;
}

const char *
lotse_record_get_table_name (LotseRecord *self)
{
  g_return_val_if_fail (LOTSE_IS_RECORD (self), NULL);

  return self->table->name;
}

const char *
lotse_record_get_id (LotseRecord *self)
{
  g_return_val_if_fail (LOTSE_IS_RECORD (self), NULL);

  return self->id;
}

void
lotse_record_set_id (LotseRecord *self,
                     const char  *id)
{
  g_return_if_fail (LOTSE_IS_RECORD (self));

  if (lotse_set_str (&self->id, id))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ID]);
}

gint64
lotse_record_get_rev (LotseRecord *self)
{
  g_return_val_if_fail (LOTSE_IS_RECORD (self), 0);

  return self->rev;
}

void
lotse_record_set_rev (LotseRecord *self,
                      gint64       rev)
{
  g_return_if_fail (LOTSE_IS_RECORD (self));

  self->rev = rev;
}

gboolean
lotse_record_get_deleted (LotseRecord *self)
{
  g_return_val_if_fail (LOTSE_IS_RECORD (self), FALSE);

  return self->deleted;
}

void
lotse_record_set_deleted (LotseRecord *self,
                          gboolean     deleted)
{
  g_return_if_fail (LOTSE_IS_RECORD (self));

  self->deleted = !!deleted;
}

const char *
lotse_record_get_created_at (LotseRecord *self)
{
  g_return_val_if_fail (LOTSE_IS_RECORD (self), NULL);

  return self->created_at;
}

const char *
lotse_record_get_updated_at (LotseRecord *self)
{
  g_return_val_if_fail (LOTSE_IS_RECORD (self), NULL);

  return self->updated_at;
}

void
lotse_record_set_timestamps (LotseRecord *self,
                             const char  *created_at,
                             const char  *updated_at)
{
  g_return_if_fail (LOTSE_IS_RECORD (self));

  lotse_set_str (&self->created_at, created_at);
  lotse_set_str (&self->updated_at, updated_at);
}

/**
 * lotse_record_get_title:
 * @self: a record
 *
 * Returns: (transfer none): the value that names the record in lists
 */
const char *
lotse_record_get_title (LotseRecord *self)
{
  const char *title;

  g_return_val_if_fail (LOTSE_IS_RECORD (self), NULL);

  title = lotse_record_get (self, self->table->title_field);

  return title != NULL ? title : "";
}

/**
 * lotse_record_get_nth:
 * @self: a record
 * @index: a field index of the record's table
 *
 * Returns: (transfer none) (nullable): the value, %NULL when unset
 */
const char *
lotse_record_get_nth (LotseRecord *self,
                      guint        index)
{
  g_return_val_if_fail (LOTSE_IS_RECORD (self), NULL);
  g_return_val_if_fail (index < self->table->n_fields, NULL);

  return self->values[index];
}

/**
 * lotse_record_take_nth:
 * @self: a record
 * @index: a field index of the record's table
 * @value: (transfer full) (nullable): the new value
 */
void
lotse_record_take_nth (LotseRecord *self,
                       guint        index,
                       char        *value)
{
  g_return_if_fail (LOTSE_IS_RECORD (self));
  g_return_if_fail (index < self->table->n_fields);

  g_free (self->values[index]);
  self->values[index] = value;

  if (g_strcmp0 (self->table->fields[index].name, self->table->title_field) == 0)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
}

/**
 * lotse_record_get:
 * @self: a record
 * @field: a field name of the record's table
 *
 * Returns: (transfer none) (nullable): the value, %NULL when unset
 */
const char *
lotse_record_get (LotseRecord *self,
                  const char  *field)
{
  int index;

  g_return_val_if_fail (LOTSE_IS_RECORD (self), NULL);

  index = lotse_table_field_index (self->table, field);
  g_return_val_if_fail (index >= 0, NULL);

  return self->values[index];
}

gint64
lotse_record_get_int (LotseRecord *self,
                      const char  *field,
                      gint64       fallback)
{
  const char *value = lotse_record_get (self, field);
  gint64 number;

  if (value == NULL || !g_ascii_string_to_signed (value, 10, G_MININT64, G_MAXINT64, &number, NULL))
    return fallback;

  return number;
}

/**
 * lotse_record_set:
 * @self: a record
 * @field: a field name of the record's table
 * @value: (nullable): the value in its stored form; %NULL unsets it
 *
 * Sets a value without checking it; the store validates on write.
 */
void
lotse_record_set (LotseRecord *self,
                  const char  *field,
                  const char  *value)
{
  int index;

  g_return_if_fail (LOTSE_IS_RECORD (self));

  index = lotse_table_field_index (self->table, field);
  g_return_if_fail (index >= 0);

  lotse_record_take_nth (self, index, g_strdup (value));
}

void
lotse_record_set_int (LotseRecord *self,
                      const char  *field,
                      gint64       value)
{
  int index;

  g_return_if_fail (LOTSE_IS_RECORD (self));

  index = lotse_table_field_index (self->table, field);
  g_return_if_fail (index >= 0);

  lotse_record_take_nth (self, index, g_strdup_printf ("%" G_GINT64_FORMAT, value));
}

/* A money field given by its own name takes whole cents; someone who
 * typed euros there learns the name that takes them. */
static void
set_assignment_error (GError           **error,
                      const LotseField  *field,
                      const char        *value,
                      const GError      *problem)
{
  g_autofree char *amount_name = NULL;

  if (!lotse_field_is_money (field))
    {
      g_propagate_error (error, g_error_copy (problem));
      return;
    }

  amount_name = lotse_field_dup_amount_name (field);
  g_set_error (error, problem->domain, problem->code,
               /* Translators: an error, then how to give an amount: “budget=12.50” */
               _("%s; an amount in euros is given as %s=%s"), problem->message, amount_name,
               value);
}

/**
 * lotse_record_parse_assignment:
 * @self: a record
 * @assignment: text of the form `FIELD=VALUE`
 * @error: a location for a #GError
 *
 * Parses and normalises one assignment through the schema, as the CLI
 * takes them. An empty value unsets the field. A money field takes its
 * stored cents under its own name (budget_cents=125000000) and an amount
 * of euros under its amount name (budget=1.250.000,00 €), see
 * lotse_field_normalize_amount().
 *
 * Returns: %TRUE if the value was set
 */
gboolean
lotse_record_parse_assignment (LotseRecord  *self,
                               const char   *assignment,
                               GError      **error)
{
  g_autofree char *name = NULL;
  g_autoptr(GError) local_error = NULL;
  const LotseField *amount = NULL;
  const char *equals;
  const char *value;
  char *normalized;
  int index;

  g_return_val_if_fail (LOTSE_IS_RECORD (self), FALSE);
  g_return_val_if_fail (assignment != NULL, FALSE);

  equals = strchr (assignment, '=');
  if (equals == NULL || equals == assignment)
    {
      g_set_error (error, LOTSE_ERROR, LOTSE_ERROR_INVALID_VALUE,
                   _("“%s” is not of the form FIELD=VALUE"), assignment);
      return FALSE;
    }

  name = g_strndup (assignment, equals - assignment);
  value = equals + 1;
  index = lotse_table_field_index (self->table, name);
  if (index < 0 && (amount = lotse_table_lookup_amount (self->table, name)) != NULL)
    index = (int) (amount - self->table->fields);
  if (index < 0)
    {
      g_set_error (error, LOTSE_ERROR, LOTSE_ERROR_UNKNOWN_FIELD,
                   _("Table “%s” has no field “%s”"), self->table->name, name);
      return FALSE;
    }

  if (*value == '\0')
    {
      lotse_record_take_nth (self, index, NULL);
      return TRUE;
    }

  if (amount != NULL)
    normalized = lotse_field_normalize_amount (amount, value, error);
  else if ((normalized = lotse_field_normalize (&self->table->fields[index], value,
                                                &local_error)) == NULL)
    {
      set_assignment_error (error, &self->table->fields[index], value, local_error);
      return FALSE;
    }
  if (normalized == NULL)
    return FALSE;

  lotse_record_take_nth (self, index, normalized);
  return TRUE;
}

/**
 * lotse_record_to_json:
 * @self: a record
 *
 * Returns: (transfer full): an object with "id", every field by its schema
 *   name (integers as numbers, unset as null), "rev", "created_at",
 *   "updated_at" and "deleted"
 */
JsonNode *
lotse_record_to_json (LotseRecord *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  g_return_val_if_fail (LOTSE_IS_RECORD (self), NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_string_value (builder, self->id);

  for (guint i = 0; i < self->table->n_fields; i++)
    {
      json_builder_set_member_name (builder, self->table->fields[i].name);
      lotse_field_add_json_value (builder, &self->table->fields[i], self->values[i]);
    }

  json_builder_set_member_name (builder, "rev");
  json_builder_add_int_value (builder, self->rev);
  json_builder_set_member_name (builder, "created_at");
  json_builder_add_string_value (builder, self->created_at);
  json_builder_set_member_name (builder, "updated_at");
  json_builder_add_string_value (builder, self->updated_at);
  json_builder_set_member_name (builder, "deleted");
  json_builder_add_boolean_value (builder, self->deleted);
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

/**
 * lotse_field_add_json_value:
 * @builder: a builder expecting a value
 * @field: the field the value belongs to
 * @value: (nullable): the stored value
 *
 * Adds @value in its JSON form: integers as numbers, unset as null.
 */
void
lotse_field_add_json_value (JsonBuilder      *builder,
                            const LotseField *field,
                            const char       *value)
{
  gint64 number;

  if (value == NULL)
    json_builder_add_null_value (builder);
  else if (field->type == LOTSE_FIELD_INT &&
           g_ascii_string_to_signed (value, 10, G_MININT64, G_MAXINT64, &number, NULL))
    json_builder_add_int_value (builder, number);
  else
    json_builder_add_string_value (builder, value);
}
