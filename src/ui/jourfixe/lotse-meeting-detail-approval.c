/* lotse-meeting-detail-approval.c: approving a meeting's minutes, and correcting them after
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A held meeting offers to approve its minutes, naming who approves
 * (the system user's real name unless typed otherwise, as lotse-cli
 * does). Approved minutes say when and by whom, and every editor of the
 * meeting and its items turns insensitive: the store refuses those edits
 * anyway (lotse-minutes.c), and an editor that takes typing only to
 * refuse it on saving would lose what was typed. The action items stay
 * workable (owner, due date, status), as the lock allows.
 *
 * Two ways of correcting approved minutes: an amendment, written beside
 * them, or reopening them with a reason; both are recorded by core and
 * listed under the approval.
 */

#define G_LOG_DOMAIN "lotse-meeting-detail"

#include "config.h"

#include <glib/gi18n.h>

#include "lotse-jourfixe-private.h"
#include "lotse-meeting-detail-private.h"
#include "lotse-text-dialog.h"

static const char *author (LotseMeetingDetail *self);

/* Who approves or writes unless the user names someone: as lotse-cli. */
static const char *
default_author (void)
{
  if (g_strcmp0 (g_get_real_name (), "Unknown") != 0)
    return g_get_real_name ();
  return g_get_user_name ();
}

/* The name typed in the approval's entry, trimmed; NULL when empty. */
static char *
typed_author (LotseMeetingDetail *self)
{
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->approver_entry))));

  return *name != '\0' ? g_steal_pointer (&name) : NULL;
}

static GDateTime *
office_now (LotseMeetingDetail *self)
{
  g_autoptr(GTimeZone) zone = lotse_office_get_time_zone (lotse_meeting_detail_get_store (self));

  return g_date_time_new_now (zone);
}

void
lotse_meeting_detail_init_approval (LotseMeetingDetail *self)
{
  /* Its name comes from the label above it (its mnemonic widget). */
  gtk_editable_set_text (GTK_EDITABLE (self->approver_entry), default_author ());
}

/* Read-only while approved: everything but the action items' work. */
static void
apply_lock (LotseMeetingDetail *self)
{
  gboolean open = !self->approved;
  GHashTableIter iter;
  gpointer row;

  gtk_widget_set_sensitive (self->meeting_group, open);
  gtk_widget_set_sensitive (GTK_WIDGET (self->participants_list), open);
  gtk_widget_set_sensitive (GTK_WIDGET (self->add_participant_box), open);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "meeting.add-item", open);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "meeting.mark-held", open);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "meeting.add-participant", open);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "meeting.remove-participant", open);

  g_hash_table_iter_init (&iter, self->agenda_rows);
  while (g_hash_table_iter_next (&iter, NULL, &row))
    lotse_agenda_row_set_locked (row, self->approved);
}

/* One line per amendment and reopening, oldest first. */
static char *
format_amendments (GPtrArray *amendments)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < amendments->len; i++)
    {
      LotseRecord *amendment = g_ptr_array_index (amendments, i);
      g_autofree char *iso_date = g_strndup (lotse_record_get (amendment, LOTSE_MINUTES_AMENDMENT_WRITTEN_AT), 10);
      g_autofree char *date = lotse_format_date (iso_date);
      const char *author = lotse_record_get (amendment, LOTSE_MINUTES_AMENDMENT_AUTHOR);
      const char *kind = lotse_enum_value_label (LOTSE_TABLE_MINUTES_AMENDMENT, LOTSE_MINUTES_AMENDMENT_KIND,
                                                 lotse_record_get (amendment, LOTSE_MINUTES_AMENDMENT_KIND));

      if (text->len > 0)
        g_string_append_c (text, '\n');
      /* Translators: an amendment of approved minutes: its kind (Amendment,
       * Reopening), the date, who wrote it, and its text */
      g_string_append_printf (text, _("%s of %s by %s: %s"), kind, date ? date : "",
                              author ? author : _("unknown"),
                              lotse_record_get (amendment, LOTSE_MINUTES_AMENDMENT_TEXT));
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
fill_approved_label (LotseMeetingDetail *self,
                     LotseRecord        *approval)
{
  g_autofree char *iso_date = g_strndup (lotse_record_get (approval, LOTSE_MINUTES_APPROVAL_APPROVED_AT), 10);
  g_autofree char *date = lotse_format_date (iso_date);
  const char *by = lotse_record_get (approval, LOTSE_MINUTES_APPROVAL_APPROVED_BY);
  g_autofree char *text = NULL;

  if (by != NULL)
    /* Translators: %s are the date and who approved */
    text = g_strdup_printf (_("Minutes approved on %s by %s"), date, by);
  else
    /* Translators: %s is the date */
    text = g_strdup_printf (_("Minutes approved on %s"), date);
  gtk_label_set_text (self->approved_label, text);
}

/* Shows whether the minutes can be or are approved, and locks the editors. */
void
lotse_meeting_detail_fill_approval (LotseMeetingDetail *self)
{
  LotseStore *store = lotse_meeting_detail_get_store (self);
  g_autoptr(LotseRecord) approval = NULL;
  g_autoptr(GPtrArray) amendments = NULL;
  g_autofree char *listed = NULL;
  gboolean held;

  if (store == NULL || self->meeting == NULL)
    return;

  held = g_strcmp0 (lotse_record_get (self->meeting, LOTSE_MEETING_STATUS), "held") == 0;
  approval = lotse_minutes_get_approval (store, self->meeting_id);
  amendments = lotse_meeting_list_amendments (store, self->meeting_id, NULL);
  self->approved = approval != NULL;

  gtk_widget_set_visible (self->approval_box, held || self->approved);
  gtk_widget_set_visible (self->approve_box, held && !self->approved);
  gtk_widget_set_visible (self->approved_box, self->approved);
  if (approval != NULL)
    fill_approved_label (self, approval);

  listed = amendments != NULL ? format_amendments (amendments) : NULL;
  gtk_label_set_text (self->amendments_label, listed ? listed : "");
  gtk_widget_set_visible (GTK_WIDGET (self->amendments_label), listed != NULL && *listed != '\0');

  apply_lock (self);
}

void
lotse_meeting_detail_approve_action (GtkWidget  *widget,
                                     const char *action_name,
                                     GVariant   *parameter)
{
  LotseMeetingDetail *self = LOTSE_MEETING_DETAIL (widget);
  g_autofree char *name = typed_author (self);
  g_autoptr(GDateTime) now = NULL;
  g_autoptr(GError) error = NULL;

  if (self->meeting == NULL)
    return;
  if (name == NULL)
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->approver_entry), "error");
      lotse_jourfixe_toast (widget, _("Say who approves the minutes"));
      return;
    }

  now = office_now (self);
  if (!lotse_meeting_approve_minutes (lotse_meeting_detail_get_store (self), self->meeting_id, name, now, &error))
    {
      lotse_jourfixe_toast (widget, error->message);
      return;
    }
  gtk_widget_remove_css_class (GTK_WIDGET (self->approver_entry), "error");
}

/* meeting.approve-item (an agenda item's id): the standing item “Approval
 * of the minutes of <date>” approves the minutes it names, by the user
 * (or whom the approval entry names), as lotse-cli approve-minutes does. */
void
lotse_meeting_detail_approve_item_action (GtkWidget  *widget,
                                          const char *action_name,
                                          GVariant   *parameter)
{
  LotseMeetingDetail *self = LOTSE_MEETING_DETAIL (widget);
  g_autoptr(GDateTime) now = office_now (self);
  g_autoptr(GError) error = NULL;

  if (!lotse_meeting_approve_minutes_item (lotse_meeting_detail_get_store (self),
                                           g_variant_get_string (parameter, NULL), author (self), now, &error))
    lotse_jourfixe_toast (widget, error->message);
  else
    lotse_jourfixe_toast (widget, _("The minutes are approved and now read-only."));
}

void
lotse_meeting_detail_on_approver_activate (LotseMeetingDetail *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "meeting.approve-minutes", NULL);
}

/* --- reopening and amending: a question with a text ------------------------ */

static const char *
author (LotseMeetingDetail *self)
{
  const char *typed = gtk_editable_get_text (GTK_EDITABLE (self->approver_entry));

  return *typed != '\0' ? typed : default_author ();
}

static void
reopen (GtkWidget  *widget,
        GtkWidget  *extra,
        const char *reason)
{
  LotseMeetingDetail *self = LOTSE_MEETING_DETAIL (widget);
  g_autoptr(GDateTime) now = NULL;
  g_autoptr(GError) error = NULL;

  if (self->meeting == NULL)
    return;
  now = office_now (self);
  if (!lotse_meeting_reopen_minutes (lotse_meeting_detail_get_store (self), self->meeting_id, reason,
                                     author (self), now, &error))
    lotse_jourfixe_toast (GTK_WIDGET (self), error->message);
}

void
lotse_meeting_detail_reopen_action (GtkWidget  *widget,
                                    const char *action_name,
                                    GVariant   *parameter)
{
  GtkWidget *entry = lotse_text_dialog_entry_new (_("Reason"));

  lotse_text_dialog_present (widget, _("Reopen the Minutes?"),
                             _("The minutes become editable again and need a new approval. The reason is recorded with them."),
                             _("_Reopen"), entry, entry, reopen);
}

static void
amend (GtkWidget  *widget,
       GtkWidget  *extra,
       const char *text)
{
  LotseMeetingDetail *self = LOTSE_MEETING_DETAIL (widget);
  GtkDropDown *items = g_object_get_data (G_OBJECT (extra), "items");
  GPtrArray *ids = g_object_get_data (G_OBJECT (extra), "ids");
  guint selected = gtk_drop_down_get_selected (items);
  const char *item_id = selected > 0 && selected <= ids->len ? g_ptr_array_index (ids, selected - 1) : NULL;
  g_autoptr(GDateTime) now = office_now (self);
  g_autoptr(LotseRecord) amendment = NULL;
  g_autoptr(GError) error = NULL;

  if (self->meeting == NULL)
    return;
  amendment = lotse_meeting_amend_minutes (lotse_meeting_detail_get_store (self), self->meeting_id, item_id,
                                           text, author (self), now, &error);
  if (amendment == NULL)
    lotse_jourfixe_toast (GTK_WIDGET (self), error->message);
}

void
lotse_meeting_detail_amend_action (GtkWidget  *widget,
                                   const char *action_name,
                                   GVariant   *parameter)
{
  LotseMeetingDetail *self = LOTSE_MEETING_DETAIL (widget);
  GtkStringList *titles = gtk_string_list_new (NULL);
  GPtrArray *ids = g_ptr_array_new_with_free_func (g_free);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *items = gtk_drop_down_new (G_LIST_MODEL (titles), NULL);
  GtkWidget *entry = lotse_text_dialog_entry_new (_("Correction"));
  guint n = lotse_meeting_detail_get_n_items (self);

  /* The amendment corrects the minutes as a whole or one item of them. */
  gtk_string_list_append (titles, _("The minutes as a whole"));
  for (guint i = 0; i < n; i++)
    {
      LotseRecord *item = lotse_agenda_row_get_item (lotse_meeting_detail_get_row (self, i));

      gtk_string_list_append (titles, lotse_record_get (item, LOTSE_AGENDA_ITEM_TITLE));
      g_ptr_array_add (ids, g_strdup (lotse_record_get_id (item)));
    }
  gtk_accessible_update_property (GTK_ACCESSIBLE (items), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Agenda item"), -1);
  gtk_box_append (GTK_BOX (box), items);
  gtk_box_append (GTK_BOX (box), entry);
  g_object_set_data (G_OBJECT (box), "items", items);
  g_object_set_data_full (G_OBJECT (box), "ids", ids, (GDestroyNotify) g_ptr_array_unref);

  lotse_text_dialog_present (widget, _("Add Amendment"),
                             _("The approved minutes stay as they are; the amendment is shown with them and in their PDF."),
                             _("_Add"), box, entry, amend);
}
