/* lotse-print-scope.c: the milestone overview's programme and period
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Before the milestone overview is exported or printed, a dialog asks for
 * the programme (or all) and the period of due dates, like --programme,
 * --from and --to of `lotse-cli export milestones`.
 */

#define G_LOG_DOMAIN "lotse-print"

#include "config.h"

#include <glib/gi18n.h>

#include "lotse-date-entry.h"
#include "lotse-drop-down.h"
#include "lotse-print.h"
#include "lotse-print-private.h"
#include "lotse-widget-util.h"

void
lotse_print_scope_set (Scope                             *scope,
           const LotseMilestoneReportOptions *options)
{
  scope->programme_id = options ? g_strdup (options->programme_id) : NULL;
  scope->from = options ? g_strdup (options->from) : NULL;
  scope->to = options ? g_strdup (options->to) : NULL;
}

void
lotse_print_scope_clear (Scope *scope)
{
  g_clear_pointer (&scope->programme_id, g_free);
  g_clear_pointer (&scope->from, g_free);
  g_clear_pointer (&scope->to, g_free);
}

void
lotse_print_scope_free (Scope *scope)
{
  lotse_print_scope_clear (scope);
  g_free (scope);
}

LotseMilestoneReportOptions
lotse_print_scope_to_options (const Scope *scope)
{
  LotseMilestoneReportOptions options = {
    .programme_id = scope->programme_id,
    .from = scope->from,
    .to = scope->to,
  };

  return options;
}

/* --- the milestone overview's programme and period ---------------------------- */

typedef struct
{
  LotseWindow    *window;
  const char     *response;       /* "export" or "print" */
  GPtrArray      *programme_ids;  /* per row of the combo row; [0] NULL: all */
  AdwComboRow    *programme_row;
  LotseDateEntry *from_entry;
  LotseDateEntry *to_entry;
} ScopeDialog;

static void
scope_dialog_free (ScopeDialog *data)
{
  g_object_unref (data->window);
  g_ptr_array_unref (data->programme_ids);
  g_free (data);
}

/* Whether the period is one: either end open or dates, ending after it
 * starts; @data's entries show why not once the user is done with them. */
static gboolean
scope_dialog_read (ScopeDialog *data,
                   Scope       *scope)
{
  guint selected = adw_combo_row_get_selected (data->programme_row);
  gboolean valid = lotse_date_entry_get_date (data->from_entry, &scope->from, NULL) &&
                   lotse_date_entry_get_date (data->to_entry, &scope->to, NULL);

  scope->programme_id = selected < data->programme_ids->len
                          ? g_strdup (g_ptr_array_index (data->programme_ids, selected)) : NULL;

  return valid && (scope->from == NULL || scope->to == NULL || strcmp (scope->from, scope->to) <= 0);
}

static void
on_scope_changed (ScopeDialog *data)
{
  Scope scope = { NULL, };
  GtkWidget *dialog = gtk_widget_get_ancestor (GTK_WIDGET (data->programme_row), ADW_TYPE_MESSAGE_DIALOG);
  gboolean valid = scope_dialog_read (data, &scope);

  lotse_print_scope_clear (&scope);
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (dialog), data->response, valid);
}

/* A period that ends before it starts shows at its end, once given. */
static void
on_date_given (ScopeDialog *data)
{
  Scope scope = { NULL, };

  if (!scope_dialog_read (data, &scope) && scope.from != NULL && scope.to != NULL)
    lotse_date_entry_set_error (data->to_entry, _("The period ends before it starts"));
  lotse_print_scope_clear (&scope);
}

static void
on_scope_response (AdwMessageDialog *dialog,
                   const char       *response,
                   ScopeDialog      *data)
{
  Scope scope = { NULL, };
  LotseMilestoneReportOptions options;

  if (g_str_equal (response, "cancel") || !scope_dialog_read (data, &scope))
    {
      lotse_print_scope_clear (&scope);
      return;
    }

  options = lotse_print_scope_to_options (&scope);
  lotse_print_milestones (data->window, &options, g_str_equal (response, "print"));
  lotse_print_scope_clear (&scope);
}

static LotseDateEntry *
add_date_row (GtkWidget   *list,
              const char  *title,
              const char  *name,
              ScopeDialog *data)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *entry = lotse_date_entry_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  lotse_date_entry_set_label (LOTSE_DATE_ENTRY (entry), title);
  gtk_widget_set_name (entry, name);
  gtk_widget_set_valign (entry, GTK_ALIGN_CENTER);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), entry);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), entry);
  gtk_list_box_append (GTK_LIST_BOX (list), row);
  g_signal_connect_swapped (entry, "changed", G_CALLBACK (on_scope_changed), data);
  g_signal_connect_swapped (entry, "activate", G_CALLBACK (on_date_given), data);

  return LOTSE_DATE_ENTRY (entry);
}

/**
 * lotse_print_milestone_dialog_new:
 * @window: the main window
 * @print: whether the dialog leads to printing rather than a PDF file
 *
 * The dialog before exporting or printing the milestone overview: which
 * programme (or all) and which period of due dates (either end open),
 * typed the locale's way or picked from a calendar. Export and Print stay
 * disabled while a date is not a date or the period ends before it
 * starts; the entries say why once the user is done with them.
 *
 * Returns: (transfer floating): the dialog, not yet shown
 */
GtkWidget *
lotse_print_milestone_dialog_new (LotseWindow *window,
                                  gboolean     print)
{
  g_autoptr(GPtrArray) programmes = NULL;
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  ScopeDialog *data = g_new0 (ScopeDialog, 1);
  GtkWidget *dialog;
  GtkWidget *list;

  g_return_val_if_fail (GTK_IS_WINDOW (window), NULL);

  data->window = g_object_ref (window);
  data->response = print ? "print" : "export";
  data->programme_ids = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (data->programme_ids, NULL);
  gtk_string_list_append (names, _("All Programmes"));

  programmes = lotse_store_list (lotse_widget_get_store (GTK_WIDGET (window)), "programme", NULL, 0,
                                "name", 0, 0, NULL);
  for (guint i = 0; programmes != NULL && i < programmes->len; i++)
    {
      LotseRecord *programme = g_ptr_array_index (programmes, i);

      g_ptr_array_add (data->programme_ids, g_strdup (lotse_record_get_id (programme)));
      gtk_string_list_append (names, lotse_record_get (programme, "name"));
    }

  dialog = adw_message_dialog_new (GTK_WINDOW (window), _("Milestone Overview"),
                                   _("Choose the programme and the period of due dates to show. "
                                     "Leave a date empty to leave that end open."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    data->response, print ? _("_Print…") : _("_Export…"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), data->response,
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), data->response);
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");

  list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");

  data->programme_row = ADW_COMBO_ROW (adw_combo_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (data->programme_row), _("Programme"));
  adw_combo_row_set_model (data->programme_row, G_LIST_MODEL (names));
  lotse_combo_row_show_full_names (data->programme_row);
  gtk_widget_set_name (GTK_WIDGET (data->programme_row), "programme-row");
  gtk_list_box_append (GTK_LIST_BOX (list), GTK_WIDGET (data->programme_row));

  /* Translators: the first due date the milestone overview shows */
  data->from_entry = add_date_row (list, C_("period", "From"), "from-date", data);
  /* Translators: the last due date the milestone overview shows */
  data->to_entry = add_date_row (list, C_("period", "To"), "to-date", data);

  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), list);

  g_signal_connect_swapped (data->programme_row, "notify::selected", G_CALLBACK (on_scope_changed), data);
  g_signal_connect_data (dialog, "response", G_CALLBACK (on_scope_response), data,
                         (GClosureNotify) scope_dialog_free, 0);
  g_object_set_data (G_OBJECT (dialog), "lotse-scope-dialog", data);

  return dialog;
}

/**
 * lotse_print_milestone_dialog_get_options:
 * @dialog: a dialog of lotse_print_milestone_dialog_new()
 * @options: (out caller-allocates): filled with strings owned by @dialog,
 *   valid until the next call or until @dialog is destroyed
 *
 * Returns: whether the entries are valid; @options is set only then
 */
gboolean
lotse_print_milestone_dialog_get_options (GtkWidget                   *dialog,
                                          LotseMilestoneReportOptions *options)
{
  ScopeDialog *data;
  Scope *scope;

  g_return_val_if_fail (ADW_IS_MESSAGE_DIALOG (dialog), FALSE);

  data = g_object_get_data (G_OBJECT (dialog), "lotse-scope-dialog");
  g_return_val_if_fail (data != NULL, FALSE);

  scope = g_object_get_data (G_OBJECT (dialog), "lotse-scope");
  if (scope == NULL)
    {
      scope = g_new0 (Scope, 1);
      g_object_set_data_full (G_OBJECT (dialog), "lotse-scope", scope, (GDestroyNotify) lotse_print_scope_free);
    }
  lotse_print_scope_clear (scope);

  if (!scope_dialog_read (data, scope))
    return FALSE;

  *options = lotse_print_scope_to_options (scope);
  return TRUE;
}
