/* lotse-field-row.c: a form row that edits one field of the schema
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The project form and the dialogs build their rows from the schema: text,
 * numbers and money in an AdwEntryRow, dates in an action row with a
 * LotseDateEntry, choices and references in an AdwComboRow. A row
 * remembers the text it was last filled with, so a refresh from the store
 * can leave alone what the user is typing.
 *
 * What is typed is read the locale's way (lotse-parse.c) and shown the
 * same way: dates as 15.12.2026 in German, money with its currency,
 * "1.250.000,00 €", stored in cents.
 */

#define G_LOG_DOMAIN "lotse-field-row"

#include "config.h"

#include <glib/gi18n.h>

#include "lotse-date-entry.h"
#include "lotse-drop-down.h"
#include "lotse-entry-row.h"
#include "lotse-field-row.h"

#define FIELD_KEY  "lotse-field"
#define VALUES_KEY "lotse-field-values"
#define LOADED_KEY "lotse-field-loaded"
#define ENTRY_KEY  "lotse-field-entry"

static const LotseField *
row_field (GtkWidget *row)
{
  return g_object_get_data (G_OBJECT (row), FIELD_KEY);
}

/* The values of a combo row's items: a GPtrArray, NULL for "not set". */
static GPtrArray *
row_values (GtkWidget *row)
{
  return g_object_get_data (G_OBJECT (row), VALUES_KEY);
}

static gboolean
is_money (const LotseField *field)
{
  return g_str_equal (field->name, "budget_cents");
}

const char *
lotse_field_row_get_field (GtkWidget *row)
{
  const LotseField *field = row_field (row);

  g_return_val_if_fail (field != NULL, NULL);

  return field->name;
}

/**
 * lotse_field_row_get_editable:
 * @row: a row from lotse_field_row_new()
 *
 * Returns: (transfer none) (nullable): what the user types into: the
 *   entry row itself, the date entry of a date row; %NULL for a choice
 */
GtkEditable *
lotse_field_row_get_editable (GtkWidget *row)
{
  GtkWidget *entry = g_object_get_data (G_OBJECT (row), ENTRY_KEY);

  if (entry != NULL)
    return GTK_EDITABLE (entry);

  return ADW_IS_ENTRY_ROW (row) ? GTK_EDITABLE (row) : NULL;
}

static char *
display_text (const LotseField *field,
              const char       *value)
{
  char *text = NULL;

  if (field->type == LOTSE_FIELD_DATE)
    text = lotse_format_date (value);
  else if (is_money (field))
    text = lotse_format_money (value);
  else if (field->type == LOTSE_FIELD_INT)
    text = lotse_format_number (value);
  else
    text = g_strdup (value);

  return text != NULL ? text : g_strdup ("");
}

static GtkWidget *
date_row_new (const LotseField *field)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *entry = lotse_date_entry_new ();

  gtk_widget_set_valign (entry, GTK_ALIGN_CENTER);
  lotse_date_entry_set_label (LOTSE_DATE_ENTRY (entry), _(field->label));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), entry);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), entry);
  g_object_set_data (G_OBJECT (row), ENTRY_KEY, entry);

  return row;
}

static GtkWidget *
entry_row_new (const LotseField *field)
{
  GtkWidget *row = adw_entry_row_new ();

  if (is_money (field))
    {
      g_autofree char *example = lotse_format_money ("25000000");
      g_autofree char *tooltip = NULL;

      /* Translators: the hint at the budget of a project; %s is an amount, “250.000,00 €” */
      tooltip = g_strdup_printf (_("Euros with cents, such as %s"), example);
      gtk_widget_set_tooltip_text (row, tooltip);
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
  GPtrArray *values = g_ptr_array_new_with_free_func (g_free);

  if (!(field->flags & LOTSE_FIELD_REQUIRED))
    {
      const char *unset = lotse_enum_value_label (table->name, field->name, NULL);

      /* Translators: the choice for a field left empty */
      gtk_string_list_append (labels, *unset != '\0' ? unset : _("Not set"));
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

  /* Counted by the array, not by its first NULL: "not set" is one. */
  g_object_set_data_full (G_OBJECT (row), VALUES_KEY, values, (GDestroyNotify) g_ptr_array_unref);
  adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (labels));
  adw_combo_row_set_use_subtitle (ADW_COMBO_ROW (row), FALSE);
  lotse_combo_row_show_full_names (ADW_COMBO_ROW (row));

  return row;
}

/**
 * lotse_field_row_new:
 * @store: the store, for the choices of a reference
 * @table: a table name
 * @field: a field of @table
 *
 * Returns: (transfer floating): an AdwEntryRow, an AdwActionRow with a
 *   LotseDateEntry for a date, or an AdwComboRow, titled with the field's
 *   label
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
  else if (field->type == LOTSE_FIELD_DATE)
    row = date_row_new (field);
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
      GPtrArray *values = row_values (row);
      guint selected = adw_combo_row_get_selected (ADW_COMBO_ROW (row));

      if (selected < values->len)
        *out_value = g_strdup (g_ptr_array_index (values, selected));
      return TRUE;
    }

  text = g_strstrip (g_strdup (gtk_editable_get_text (lotse_field_row_get_editable (row))));

  if (field->type == LOTSE_FIELD_DATE)
    return lotse_parse_date (text, out_value, error);
  if (is_money (field))
    return lotse_parse_money (text, out_value, error);
  if (field->type == LOTSE_FIELD_INT)
    return lotse_parse_number (text, out_value, error);

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
  GtkWidget *date_entry = g_object_get_data (G_OBJECT (row), ENTRY_KEY);

  g_return_if_fail (field != NULL);

  if (ADW_IS_COMBO_ROW (row))
    {
      GPtrArray *values = row_values (row);
      guint selected = 0;

      for (guint i = 0; i < values->len; i++)
        if (g_strcmp0 (g_ptr_array_index (values, i), value) == 0)
          {
            selected = i;
            break;
          }
      adw_combo_row_set_selected (ADW_COMBO_ROW (row), selected);
      g_object_set_data_full (G_OBJECT (row), LOADED_KEY, g_strdup (value), g_free);
      return;
    }

  if (date_entry != NULL)
    lotse_date_entry_set_date (LOTSE_DATE_ENTRY (date_entry), value);
  else
    {
      g_autofree char *text = display_text (field, value);

      lotse_entry_row_set_stored_text (ADW_ENTRY_ROW (row), text);
    }
  g_object_set_data_full (G_OBJECT (row), LOADED_KEY,
                          g_strdup (gtk_editable_get_text (lotse_field_row_get_editable (row))), g_free);
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

  return g_strcmp0 (gtk_editable_get_text (lotse_field_row_get_editable (row)),
                    loaded != NULL ? loaded : "") != 0;
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
