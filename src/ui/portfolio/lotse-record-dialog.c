/* lotse-record-dialog.c: a small dialog that adds or edits one record
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * An AdwMessageDialog with a form row per field (lotse-field-row.c). What
 * the user types is checked as they type with the store's own validation;
 * the save button stays insensitive until the record could be written, so
 * a dialog never closes over a record that failed to save.
 *
 * Why it cannot be saved shows below the form, and at the row it is
 * about, only once the user has acted there: left a field they typed
 * into, chose in a drop-down, gave a date, or pressed Enter to save. A
 * new record's empty title is no mistake before anyone typed.
 */

#define G_LOG_DOMAIN "lotse-record-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "lotse-field-row.h"
#include "lotse-record-dialog.h"

#define STATE_KEY   "lotse-record-dialog"
#define DIALOG_KEY  "lotse-record-dialog-dialog"
#define DIRTY_KEY   "lotse-record-dialog-dirty"
#define TOUCHED_KEY "lotse-record-dialog-touched"

typedef struct
{
  LotseStore             *store;
  LotseRecord            *record;
  gboolean                is_new;
  gboolean                show_all;  /* the user tried to save */
  gboolean                closed;    /* focus leaves the rows as it goes */
  GPtrArray              *rows;
  GtkLabel               *error_label;
  LotseRecordDialogSaved  saved;
  gpointer                user_data;
} DialogState;

static void
dialog_state_free (DialogState *state)
{
  g_clear_object (&state->store);
  g_clear_object (&state->record);
  g_clear_pointer (&state->rows, g_ptr_array_unref);
  g_free (state);
}

static gboolean
row_flag (GtkWidget  *row,
          const char *key)
{
  return GPOINTER_TO_INT (g_object_get_data (G_OBJECT (row), key));
}

static void
set_row_flag (GtkWidget  *row,
              const char *key)
{
  g_object_set_data (G_OBJECT (row), key, GINT_TO_POINTER (TRUE));
}

/* The record as the form shows it, or NULL with the reason and in
 * @out_row the row it is about (NULL: the record as a whole). */
static LotseRecord *
compose (DialogState  *state,
         GtkWidget   **out_row,
         GError      **error)
{
  g_autoptr(LotseRecord) record = lotse_record_copy (state->record);
  const LotseTable *table = lotse_record_get_table (record);

  *out_row = NULL;
  for (guint i = 0; i < state->rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (state->rows, i);
      const LotseField *field = lotse_table_lookup_field (table, lotse_field_row_get_field (row));
      g_autofree char *value = NULL;

      *out_row = row;
      if (!lotse_field_row_get_value (row, &value, error))
        return NULL;
      if (value == NULL && (field->flags & LOTSE_FIELD_REQUIRED))
        {
          g_set_error (error, LOTSE_ERROR, LOTSE_ERROR_INVALID_VALUE,
                       /* Translators: a field of a form left empty, e.g. “Title” */
                       _("“%s” must not be empty"), _(field->label));
          return NULL;
        }
      lotse_record_set (record, field->name, value);
    }

  *out_row = NULL;
  if (!lotse_store_validate (state->store, record, error))
    return NULL;

  return g_steal_pointer (&record);
}

static gboolean
any_touched (DialogState *state)
{
  for (guint i = 0; i < state->rows->len; i++)
    if (row_flag (g_ptr_array_index (state->rows, i), TOUCHED_KEY))
      return TRUE;

  return FALSE;
}

static void
check (AdwMessageDialog *dialog)
{
  DialogState *state = g_object_get_data (G_OBJECT (dialog), STATE_KEY);
  g_autoptr(LotseRecord) record = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *error_row = NULL;
  gboolean shown;

  if (state->closed)
    return;

  record = compose (state, &error_row, &error);
  adw_message_dialog_set_response_enabled (dialog, "save", record != NULL);

  shown = error != NULL &&
          (state->show_all || (error_row != NULL ? row_flag (error_row, TOUCHED_KEY) : any_touched (state)));
  for (guint i = 0; i < state->rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (state->rows, i);

      lotse_field_row_set_error (row, shown && row == error_row);
    }
  gtk_label_set_text (state->error_label, shown ? error->message : "");
  gtk_widget_set_visible (GTK_WIDGET (state->error_label), shown);
}

/* The user acted on @row: its mistakes may show now. */
static void
touch (GtkWidget *row)
{
  set_row_flag (row, TOUCHED_KEY);
  check (g_object_get_data (G_OBJECT (row), DIALOG_KEY));
}

static void
on_row_changed (GtkWidget *row)
{
  set_row_flag (row, DIRTY_KEY);
  check (g_object_get_data (G_OBJECT (row), DIALOG_KEY));
}

static void
on_row_left (GtkEventControllerFocus *controller)
{
  GtkWidget *row = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (controller));

  if (row_flag (row, DIRTY_KEY))
    touch (row);
}

/* Enter in a field: saves through the default response if it can,
 * otherwise says why not. */
static void
on_entry_activated (AdwMessageDialog *dialog)
{
  DialogState *state = g_object_get_data (G_OBJECT (dialog), STATE_KEY);

  state->show_all = TRUE;
  check (dialog);
}

static void
watch_row (AdwMessageDialog *dialog,
           GtkWidget        *row)
{
  GtkEditable *editable = lotse_field_row_get_editable (row);
  GtkEventController *focus;

  g_object_set_data (G_OBJECT (row), DIALOG_KEY, dialog);
  if (editable == NULL)
    {
      g_signal_connect (row, "notify::selected", G_CALLBACK (touch), NULL);
      return;
    }

  g_signal_connect_swapped (editable, "changed", G_CALLBACK (on_row_changed), row);
  focus = gtk_event_controller_focus_new ();
  g_signal_connect (focus, "leave", G_CALLBACK (on_row_left), NULL);
  gtk_widget_add_controller (row, focus);

  if (ADW_IS_ENTRY_ROW (row))
    {
      adw_entry_row_set_activates_default (ADW_ENTRY_ROW (row), TRUE);
      g_signal_connect_swapped (row, "entry-activated", G_CALLBACK (on_entry_activated), dialog);
    }
  else
    {
      /* A date given by Enter or from the calendar. */
      g_signal_connect_swapped (editable, "activate", G_CALLBACK (touch), row);
    }
}

static void
on_response (AdwMessageDialog *dialog,
             const char       *response,
             gpointer          user_data)
{
  DialogState *state = g_object_get_data (G_OBJECT (dialog), STATE_KEY);
  g_autoptr(LotseRecord) record = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *error_row = NULL;
  gboolean ok;

  if (g_strcmp0 (response, "save") != 0)
    return;

  record = compose (state, &error_row, &error);
  if (record != NULL)
    {
      ok = state->is_new ? lotse_store_insert (state->store, record, &error)
                         : lotse_store_update (state->store, record, &error);
      if (ok)
        {
          if (state->saved != NULL)
            state->saved (record, state->user_data);
          return;
        }
    }

  /* Checked as the user typed; only a write that failed since ends here. */
  g_warning ("Could not save %s: %s", lotse_record_get_table_name (state->record),
             error->message);
}

static void
on_unmap (GtkWidget *dialog)
{
  DialogState *state = g_object_get_data (G_OBJECT (dialog), STATE_KEY);

  state->closed = TRUE;
}

/**
 * lotse_record_dialog_new:
 * @parent: a widget in the window the dialog belongs to
 * @store: the store to write to
 * @record: a new record with its preset fields, or a copy of a stored one
 * @fields: (array zero-terminated=1): the fields the dialog edits
 * @heading: the dialog's heading
 * @save_label: the label of the button that saves, with a mnemonic
 * @saved: (scope notified) (nullable): called after the record was written
 * @user_data: for @saved; must outlive the dialog
 *
 * Returns: (transfer none): the dialog, shown
 */
AdwMessageDialog *
lotse_record_dialog_new (GtkWidget              *parent,
                         LotseStore             *store,
                         LotseRecord            *record,
                         const char * const     *fields,
                         const char             *heading,
                         const char             *save_label,
                         LotseRecordDialogSaved  saved,
                         gpointer                user_data)
{
  AdwMessageDialog *dialog;
  DialogState *state;
  GtkWidget *box;
  GtkWidget *group;
  GtkRoot *root;

  g_return_val_if_fail (GTK_IS_WIDGET (parent), NULL);
  g_return_val_if_fail (LOTSE_IS_STORE (store), NULL);
  g_return_val_if_fail (LOTSE_IS_RECORD (record), NULL);

  root = gtk_widget_get_root (parent);
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                                       heading, NULL));

  /* @user_data usually belongs to the window: the dialog goes with it. */
  gtk_window_set_destroy_with_parent (GTK_WINDOW (dialog), TRUE);

  state = g_new0 (DialogState, 1);
  state->store = g_object_ref (store);
  state->record = g_object_ref (record);
  state->is_new = lotse_record_get_id (record) == NULL;
  state->rows = g_ptr_array_new_with_free_func (g_object_unref);
  state->saved = saved;
  state->user_data = user_data;
  g_object_set_data_full (G_OBJECT (dialog), STATE_KEY, state, (GDestroyNotify) dialog_state_free);

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  group = adw_preferences_group_new ();
  gtk_box_append (GTK_BOX (box), group);

  for (guint i = 0; fields[i] != NULL; i++)
    {
      GtkWidget *row = lotse_field_row_new (store, lotse_record_get_table_name (record), fields[i]);
      g_autofree char *key = g_strconcat ("row-", fields[i], NULL);

      lotse_field_row_set_value (row, lotse_record_get (record, fields[i]));
      watch_row (dialog, row);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
      g_ptr_array_add (state->rows, g_object_ref (row));
      g_object_set_data (G_OBJECT (dialog), key, row);
    }

  state->error_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (state->error_label, TRUE);
  gtk_label_set_xalign (state->error_label, 0.0f);
  gtk_widget_add_css_class (GTK_WIDGET (state->error_label), "error");
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (state->error_label));

  adw_message_dialog_set_extra_child (dialog, box);
  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Cancel"),
                                    "save", save_label,
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "save", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "save");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect (dialog, "response", G_CALLBACK (on_response), NULL);
  g_signal_connect (dialog, "unmap", G_CALLBACK (on_unmap), NULL);

  check (dialog);
  gtk_window_present (GTK_WINDOW (dialog));

  return dialog;
}

/**
 * lotse_record_dialog_get_row:
 * @dialog: a dialog from lotse_record_dialog_new()
 * @field: one of its fields
 *
 * Returns: (transfer none) (nullable): the row that edits @field
 */
GtkWidget *
lotse_record_dialog_get_row (AdwMessageDialog *dialog,
                             const char       *field)
{
  g_autofree char *key = g_strconcat ("row-", field, NULL);

  return g_object_get_data (G_OBJECT (dialog), key);
}

/**
 * lotse_record_dialog_get_error:
 * @dialog: a dialog from lotse_record_dialog_new()
 *
 * Returns: why the record cannot be saved as it is, as the dialog shows
 *   it: "" until the user acted where the mistake is
 */
const char *
lotse_record_dialog_get_error (AdwMessageDialog *dialog)
{
  DialogState *state = g_object_get_data (G_OBJECT (dialog), STATE_KEY);

  return gtk_label_get_text (state->error_label);
}
