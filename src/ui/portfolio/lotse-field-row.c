/* lotse-field-row.c: a form row that edits one field of the schema
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The project form and the dialogs build their rows from the schema: text,
 * dates and the budget in an AdwEntryRow, choices and references in an
 * AdwComboRow. A row remembers the text it was last filled with, so a
 * refresh from the store can leave alone what the user is typing.
 *
 * Dates and the budget are read and shown the locale's way
 * (lotse-parse.c); the budget is stored in cents.
 */

#define G_LOG_DOMAIN "lotse-field-row"

#include "config.h"

#include <glib/gi18n.h>

#include "lotse-field-row.h"

#define FIELD_KEY  "lotse-field"
#define VALUES_KEY "lotse-field-values"
#define LOADED_KEY "lotse-field-loaded"

static const LotseField *
row_field (GtkWidget *row)
{
  return g_object_get_data (G_OBJECT (row), FIELD_KEY);
}

const char *
lotse_field_row_get_field (GtkWidget *row)
{
  const LotseField *field = row_field (row);

  g_return_val_if_fail (field != NULL, NULL);

  return field->name;
}

static char *
display_text (const LotseField *field,
              const char       *value)
{
  if (field->type == LOTSE_FIELD_INT && g_str_equal (field->name, "budget_cents") && value != NULL)
    return lotse_format_money (value);

  return g_strdup (value != NULL ? value : "");
}

static GtkWidget *
entry_row_new (const LotseField *field)
{
  GtkWidget *row = adw_entry_row_new ();

  if (field->type == LOTSE_FIELD_DATE)
    {
      /* Translators: the hint under a date field of a form */
      gtk_widget_set_tooltip_text (row, _("A date such as 2026-12-31 or 31.12.2026"));
    }
  else if (g_str_equal (field->name, "budget_cents"))
    {
      gtk_widget_set_tooltip_text (row, _("Euros with cents, such as 250000.00"));
    }

  return row;
}

static GtkWidget *
combo_row_new (LotseStore       *store,
               const LotseTable *table,
               const LotseField *field)
{
  GtkWidget *row = adw_combo_row_new ();
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  g_autoptr(GPtrArray) values = g_ptr_array_new_with_free_func (g_free);

  if (!(field->flags & LOTSE_FIELD_REQUIRED))
    {
      /* Translators: the choice for a field left empty */
      gtk_string_list_append (labels, _("Not set"));
      g_ptr_array_add (values, NULL);
    }

  if (field->type == LOTSE_FIELD_ENUM)
    {
      for (guint i = 0; field->enum_values[i] != NULL; i++)
        {
          gtk_string_list_append (labels, lotse_enum_value_label (table->name, field->name,
                                                                  field->enum_values[i]));
          g_ptr_array_add (values, g_strdup (field->enum_values[i]));
        }
    }
  else
    {
      const LotseTable *ref = lotse_schema_lookup_table (field->ref_table);
      g_autoptr(GPtrArray) rows = NULL;

      rows = lotse_store_list (store, field->ref_table, NULL, 0, ref->title_field, 0, 0, NULL);
      for (guint i = 0; rows != NULL && i < rows->len; i++)
        {
          LotseRecord *record = g_ptr_array_index (rows, i);

          gtk_string_list_append (labels, lotse_record_get_title (record));
          g_ptr_array_add (values, g_strdup (lotse_record_get_id (record)));
        }
    }

  g_ptr_array_add (values, NULL);
  g_object_set_data_full (G_OBJECT (row), VALUES_KEY, g_ptr_array_free (g_steal_pointer (&values), FALSE),
                          (GDestroyNotify) g_strfreev);
  adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (labels));
  adw_combo_row_set_use_subtitle (ADW_COMBO_ROW (row), FALSE);

  return row;
}

/**
 * lotse_field_row_new:
 * @store: the store, for the choices of a reference
 * @table: a table name
 * @field: a field of @table
 *
 * Returns: (transfer floating): an AdwEntryRow or AdwComboRow titled with
 *   the field's label
 */
GtkWidget *
lotse_field_row_new (LotseStore *store,
                     const char *table,
                     const char *field_name)
{
  const LotseTable *schema = lotse_schema_lookup_table (table);
  const LotseField *field;
  GtkWidget *row;

  g_return_val_if_fail (schema != NULL, NULL);
  field = lotse_table_lookup_field (schema, field_name);
  g_return_val_if_fail (field != NULL, NULL);

  if (field->type == LOTSE_FIELD_ENUM || field->type == LOTSE_FIELD_REF)
    row = combo_row_new (store, schema, field);
  else
    row = entry_row_new (field);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _(field->label));
  g_object_set_data (G_OBJECT (row), FIELD_KEY, (gpointer) field);
  lotse_field_row_set_value (row, NULL);

  return row;
}

/**
 * lotse_field_row_get_value:
 * @row: a row from lotse_field_row_new()
 * @out_value: (out) (transfer full) (nullable): the value to store, %NULL
 *   for an empty field
 * @error: a location for a #GError
 *
 * Returns: %TRUE if what the row shows is a value of its type
 */
gboolean
lotse_field_row_get_value (GtkWidget  *row,
                           char      **out_value,
                           GError    **error)
{
  const LotseField *field = row_field (row);
  g_autofree char *text = NULL;

  g_return_val_if_fail (field != NULL, FALSE);

  *out_value = NULL;

  if (ADW_IS_COMBO_ROW (row))
    {
      char **values = g_object_get_data (G_OBJECT (row), VALUES_KEY);
      guint selected = adw_combo_row_get_selected (ADW_COMBO_ROW (row));

      if (selected != GTK_INVALID_LIST_POSITION && selected < g_strv_length (values) + 1)
        *out_value = g_strdup (values[selected]);
      return TRUE;
    }

  text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));

  if (field->type == LOTSE_FIELD_DATE)
    return lotse_parse_date (text, out_value, error);
  if (g_str_equal (field->name, "budget_cents"))
    return lotse_parse_money (text, out_value, error);

  if (*text != '\0')
    *out_value = g_steal_pointer (&text);
  return TRUE;
}

/**
 * lotse_field_row_set_value:
 * @row: a row from lotse_field_row_new()
 * @value: (nullable): a stored value
 *
 * Shows @value and remembers it as the row's unedited state.
 */
void
lotse_field_row_set_value (GtkWidget  *row,
                           const char *value)
{
  const LotseField *field = row_field (row);

  g_return_if_fail (field != NULL);

  if (ADW_IS_COMBO_ROW (row))
    {
      char **values = g_object_get_data (G_OBJECT (row), VALUES_KEY);
      GListModel *model = adw_combo_row_get_model (ADW_COMBO_ROW (row));
      guint n = g_list_model_get_n_items (model);
      guint selected = 0;

      for (guint i = 0; i < n; i++)
        if (g_strcmp0 (values[i], value) == 0)
          {
            selected = i;
            break;
          }
      adw_combo_row_set_selected (ADW_COMBO_ROW (row), selected);
      g_object_set_data_full (G_OBJECT (row), LOADED_KEY, g_strdup (value), g_free);
      return;
    }

  {
    g_autofree char *text = display_text (field, value);

    gtk_editable_set_text (GTK_EDITABLE (row), text);
    g_object_set_data_full (G_OBJECT (row), LOADED_KEY, g_steal_pointer (&text), g_free);
  }
  lotse_field_row_set_error (row, FALSE);
}

/**
 * lotse_field_row_is_edited:
 * @row: a row from lotse_field_row_new()
 *
 * Returns: whether the user changed the row since its last set_value()
 */
gboolean
lotse_field_row_is_edited (GtkWidget *row)
{
  const char *loaded = g_object_get_data (G_OBJECT (row), LOADED_KEY);

  if (ADW_IS_COMBO_ROW (row))
    {
      g_autofree char *value = NULL;

      lotse_field_row_get_value (row, &value, NULL);
      return g_strcmp0 (value, loaded) != 0;
    }

  return g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (row)), loaded != NULL ? loaded : "") != 0;
}

void
lotse_field_row_set_error (GtkWidget *row,
                           gboolean   error)
{
  if (error)
    gtk_widget_add_css_class (row, "error");
  else
    gtk_widget_remove_css_class (row, "error");
}
