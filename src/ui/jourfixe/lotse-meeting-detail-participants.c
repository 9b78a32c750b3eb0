/* lotse-meeting-detail-participants.c: who is invited to the meeting and who came
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Part of LotseMeetingDetail (lotse-meeting-detail.c): a row per
 * participant, by name, with the attendance to pick, and a drop-down of
 * the people to invite.
 */

#define G_LOG_DOMAIN "lotse-meeting-detail"

#include "config.h"

#include <glib/gi18n.h>

#include "lotse-jourfixe-private.h"
#include "lotse-meeting-detail-private.h"

static const char * const attendances[] = { "invited", "present", "excused", "absent", NULL };

static void
on_attendance_selected (GtkDropDown        *dropdown,
                        GParamSpec         *pspec,
                        LotseMeetingDetail *self)
{
  const char *id = g_object_get_data (G_OBJECT (dropdown), "participant-id");
  guint selected = gtk_drop_down_get_selected (dropdown);
  g_autoptr(LotseRecord) participant = NULL;

  if (self->filling || selected >= G_N_ELEMENTS (attendances) - 1)
    return;

  participant = lotse_store_get (lotse_meeting_detail_get_store (self), "meeting_participant", id, NULL);
  if (participant == NULL)
    return;

  lotse_record_set (participant, "attendance", attendances[selected]);
  lotse_jourfixe_save (GTK_WIDGET (self), lotse_meeting_detail_get_store (self), participant);
}

static GtkWidget *
participant_row_new (LotseMeetingDetail *self,
                     const char         *participant_id)
{
  GtkWidget *row = adw_action_row_new ();
  g_autoptr(GListModel) model = lotse_jourfixe_enum_model ("meeting_participant", "attendance", attendances);
  GtkWidget *dropdown = gtk_drop_down_new (g_steal_pointer (&model), NULL);
  GtkWidget *remove = gtk_button_new_from_icon_name ("user-trash-symbolic");

  /* Names are text, not markup. */
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);

  gtk_widget_set_valign (dropdown, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (dropdown), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Attendance"), -1);
  g_object_set_data_full (G_OBJECT (dropdown), "participant-id", g_strdup (participant_id), g_free);
  g_signal_connect (dropdown, "notify::selected", G_CALLBACK (on_attendance_selected), self);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), dropdown);
  g_object_set_data (G_OBJECT (row), "attendance", dropdown);

  gtk_widget_add_css_class (remove, "flat");
  gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (remove, _("Remove Participant"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (remove), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Remove Participant"), -1);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (remove), "meeting.remove-participant");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (remove), "s", participant_id);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), remove);

  return row;
}

static int
compare_by_name (gconstpointer a,
                 gconstpointer b,
                 gpointer      data)
{
  LotseMeetingDetail *self = data;
  LotseRecord *pa = *(LotseRecord **)a;
  LotseRecord *pb = *(LotseRecord **)b;
  const char *na = lotse_jourfixe_catalog_get_title (self->catalog, "person", lotse_record_get (pa, "person_id"));
  const char *nb = lotse_jourfixe_catalog_get_title (self->catalog, "person", lotse_record_get (pb, "person_id"));

  return g_utf8_collate (na ? na : "", nb ? nb : "");
}

void
lotse_meeting_detail_reload_participants (LotseMeetingDetail *self)
{
  g_autoptr(GPtrArray) participants = lotse_meeting_detail_list (self, "meeting_participant", "created_at");
  GtkWidget *child;

  g_ptr_array_sort_with_data (participants, compare_by_name, self);

  /* A handful of rows; rebuilt in order, reusing the rows of those kept. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->participants_list))) != NULL)
    gtk_list_box_remove (self->participants_list, child);

  self->filling = TRUE;
  {
    g_autoptr(GHashTable) old = g_steal_pointer (&self->participant_rows);

    self->participant_rows = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
    for (guint i = 0; i < participants->len; i++)
      {
        LotseRecord *participant = g_ptr_array_index (participants, i);
        const char *id = lotse_record_get_id (participant);
        const char *name = lotse_jourfixe_catalog_get_title (self->catalog, "person",
                                                             lotse_record_get (participant, "person_id"));
        GtkWidget *row = g_hash_table_lookup (old, id);

        if (row == NULL)
          row = g_object_ref_sink (participant_row_new (self, id));
        else
          g_object_ref (row);

        adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name ? name : "");
        gtk_drop_down_set_selected (g_object_get_data (G_OBJECT (row), "attendance"),
                                    lotse_jourfixe_enum_index (attendances, lotse_record_get (participant, "attendance")));
        gtk_list_box_append (self->participants_list, row);
        g_hash_table_insert (self->participant_rows, g_strdup (id), row);
      }
  }
  self->filling = FALSE;

  gtk_widget_set_visible (GTK_WIDGET (self->participants_list), participants->len > 0);
}

/* The people of a large office are many; they are read when the user
 * first wants to add someone, not when a meeting opens. */
static void
ensure_person_dropdown (LotseMeetingDetail *self)
{
  if (self->person_dropdown != NULL)
    return;

  self->person_dropdown = lotse_jourfixe_catalog_new_dropdown (self->catalog, "person", NULL);
  gtk_widget_set_hexpand (self->person_dropdown, TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->person_dropdown),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Person to add"), -1);
  gtk_box_prepend (self->add_participant_box, self->person_dropdown);
}

void
lotse_meeting_detail_add_participant_action (GtkWidget  *widget,
                                        const char *action_name,
                                        GVariant   *parameter)
{
  LotseMeetingDetail *self = LOTSE_MEETING_DETAIL (widget);
  const char *person_id;
  g_autoptr(LotseRecord) participant = NULL;
  LotseFilter filters[] = {
    { "meeting_id", self->meeting_id },
    { "person_id", NULL },
  };

  if (self->meeting == NULL)
    return;

  /* The first click offers the people; the next one adds the chosen. */
  if (self->person_dropdown == NULL)
    {
      ensure_person_dropdown (self);
      gtk_widget_grab_focus (self->person_dropdown);
      return;
    }

  person_id = lotse_jourfixe_catalog_dropdown_get_id (self->catalog, GTK_DROP_DOWN (self->person_dropdown));
  if (person_id == NULL)
    {
      lotse_jourfixe_toast (widget, _("Choose the person to add first"));
      return;
    }

  filters[1].value = person_id;
  if (lotse_store_count (lotse_meeting_detail_get_store (self), "meeting_participant", filters, 2, NULL) > 0)
    {
      lotse_jourfixe_toast (widget, _("This person already takes part"));
      return;
    }

  participant = lotse_record_new_for_table ("meeting_participant");
  lotse_record_set (participant, "meeting_id", self->meeting_id);
  lotse_record_set (participant, "person_id", person_id);
  lotse_record_set (participant, "attendance", "invited");
  if (lotse_jourfixe_insert (widget, lotse_meeting_detail_get_store (self), participant))
    gtk_drop_down_set_selected (GTK_DROP_DOWN (self->person_dropdown), 0);
}

void
lotse_meeting_detail_remove_participant_action (GtkWidget  *widget,
                                           const char *action_name,
                                           GVariant   *parameter)
{
  lotse_jourfixe_delete (widget, "meeting_participant", g_variant_get_string (parameter, NULL));
}

GtkDropDown *
lotse_meeting_detail_get_person_dropdown (LotseMeetingDetail *self)
{
  ensure_person_dropdown (self);
  return GTK_DROP_DOWN (self->person_dropdown);
}
