/* lotse-text-dialog.c: a question answered with a text
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A message dialog whose extra child holds an entry that must not be
 * empty (or only spaces) before the answer can be given: a reason to
 * reopen minutes or to decline a proposal, an amendment, a proposed
 * item. The answer goes to the asking widget, and not at all once it is
 * gone.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "lotse-text-dialog.h"

static void
on_entry_changed (GtkEditable      *entry,
                  AdwMessageDialog *dialog)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (entry)));

  adw_message_dialog_set_response_enabled (dialog, "apply", *text != '\0');
}

static void
on_response (AdwMessageDialog *dialog,
             const char       *response,
             GtkWidget        *owner)
{
  LotseTextDialogFunc respond = g_object_get_data (G_OBJECT (dialog), "lotse-respond");
  GtkEditable *entry = g_object_get_data (G_OBJECT (dialog), "lotse-entry");

  if (g_str_equal (response, "apply"))
    respond (owner, adw_message_dialog_get_extra_child (dialog), gtk_editable_get_text (entry));
}

/* An entry labelled @label for screen readers and as its placeholder. */
GtkWidget *
lotse_text_dialog_entry_new (const char *label)
{
  GtkWidget *entry = gtk_entry_new ();

  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  return entry;
}

/* Asks @heading with @extra (which holds @entry) below @body, and hands
 * the text of @entry to @respond when @apply_label is chosen. */
void
lotse_text_dialog_present (GtkWidget           *owner,
                           const char          *heading,
                           const char          *body,
                           const char          *apply_label,
                           GtkWidget           *extra,
                           GtkWidget           *entry,
                           LotseTextDialogFunc  respond)
{
  GtkRoot *root = gtk_widget_get_root (owner);
  AdwMessageDialog *dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                                                         heading, body));

  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "apply", apply_label, NULL);
  adw_message_dialog_set_response_appearance (dialog, "apply", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_response_enabled (dialog, "apply", FALSE);
  adw_message_dialog_set_default_response (dialog, "apply");
  adw_message_dialog_set_close_response (dialog, "cancel");
  adw_message_dialog_set_extra_child (dialog, extra);
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);

  g_object_set_data (G_OBJECT (dialog), "lotse-respond", respond);
  g_object_set_data (G_OBJECT (dialog), "lotse-entry", entry);
  g_signal_connect (entry, "changed", G_CALLBACK (on_entry_changed), dialog);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_response), owner, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}
