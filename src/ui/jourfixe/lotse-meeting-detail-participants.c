/* lotse-meeting-detail-participants.c: who is invited to the meeting and who came
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Part of LotseMeetingDetail (lotse-meeting-detail.c): a row per
 * participant, by name, with the attendance to pick, and a drop-down of
 * the people to invite. The rows are made from a list model of the
 * participants' records.
 */

#define G_LOG_DOMAIN "lotse-meeting-detail"

#include "config.h"

#include <glib/gi18n.h>

#include "lotse-jourfixe-private.h"
#include "lotse-meeting-detail-private.h"

static const char * const attendances[] = { "invited", "present", "excused", "absent", NULL };

static GtkDropDown *
row_attendance (GtkWidget *row)
{
  return g_object_get_data (G_OBJECT (row), "attendance");
}

static void
on_attendance_selected (GtkDropDown        *dropdown,
                        GParamSpec         *pspec,
                        LotseMeetingDetail *self)
{
  GtkWidget *row = gtk_widget_get_ancestor (GTK_WIDGET (dropdown), GTK_TYPE_LIST_BOX_ROW);
  guint selected = gtk_drop_down_get_selected (dropdown);
  g_autoptr(LotseRecord) item = NULL;
  g_autoptr(LotseRecord) participant = NULL;

  if (self->filling || row == NULL || selected >= G_N_ELEMENTS (attendances) - 1)
    return;

  item = g_list_model_get_item (G_LIST_MODEL (self->participants),
                                gtk_list_box_row_get_index (GTK_LIST_BOX_ROW (row)));
  if (item == NULL)
    return;

  participant = lotse_store_get (lotse_meeting_detail_get_store (self), LOTSE_TABLE_MEETING_PARTICIPANT,
                                 lotse_record_get_id (item), NULL);
  if (participant == NULL)
    return;

  lotse_record_set (participant, LOTSE_MEETING_PARTICIPANT_ATTENDANCE, attendances[selected]);
  lotse_jourfixe_save (GTK_WIDGET (self), lotse_meeting_detail_get_store (self), participant);
}

/* The participant's name and attendance into @row */
static void
show_participant (LotseMeetingDetail *self,
                  GtkWidget          *row,
                  LotseRecord        *participant)
{
  const char *name = lotse_jourfixe_catalog_get_title (self->catalog, LOTSE_TABLE_PERSON,
                                                       lotse_record_get (participant,
                                                                         LOTSE_MEETING_PARTICIPANT_PERSON_ID));
  gboolean filling = self->filling;

  self->filling = TRUE;
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name ? name : "");
  gtk_drop_down_set_selected (row_attendance (row),
                              lotse_jourfixe_enum_index (attendances,
                                                         lotse_record_get (participant,
                                                                           LOTSE_MEETING_PARTICIPANT_ATTENDANCE)));
  self->filling = filling;
}

static GtkWidget *
participant_row_new (gpointer item,
                     gpointer user_data)
{
  LotseMeetingDetail *self = user_data;
  LotseRecord *participant = item;
  GtkWidget *row = adw_action_row_new ();
  g_autoptr(GListModel) model = lotse_jourfixe_enum_model (LOTSE_TABLE_MEETING_PARTICIPANT,
                                                           LOTSE_MEETING_PARTICIPANT_ATTENDANCE, attendances);
  GtkWidget *dropdown = gtk_drop_down_new (g_steal_pointer (&model), NULL);
  GtkWidget *remove = gtk_button_new_from_icon_name ("user-trash-symbolic");

  /* Names are text, not markup. */
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);

  gtk_widget_set_valign (dropdown, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (dropdown), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Attendance"), -1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), dropdown);
  g_object_set_data (G_OBJECT (row), "attendance", dropdown);
  show_participant (self, row, participant);
  g_signal_connect (dropdown, "notify::selected", G_CALLBACK (on_attendance_selected), self);

  gtk_widget_add_css_class (remove, "flat");
  gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (remove, _("Remove Participant"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (remove), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Remove Participant"), -1);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (remove), "meeting.remove-participant");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (remove), "s", lotse_record_get_id (participant));
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
  const char *na = lotse_jourfixe_catalog_get_title (self->catalog, LOTSE_TABLE_PERSON,
                                                     lotse_record_get (pa, LOTSE_MEETING_PARTICIPANT_PERSON_ID));
  const char *nb = lotse_jourfixe_catalog_get_title (self->catalog, LOTSE_TABLE_PERSON,
                                                     lotse_record_get (pb, LOTSE_MEETING_PARTICIPANT_PERSON_ID));

  return g_utf8_collate (na ? na : "", nb ? nb : "");
}

/* Whether @participants are those of the model, in the same order */
static gboolean
same_participants (LotseMeetingDetail *self,
                   GPtrArray          *participants)
{
  GListModel *model = G_LIST_MODEL (self->participants);

  if (g_list_model_get_n_items (model) != participants->len)
    return FALSE;

  for (guint i = 0; i < participants->len; i++)
    {
      g_autoptr(LotseRecord) shown = g_list_model_get_item (model, i);

      if (g_strcmp0 (lotse_record_get_id (shown), lotse_record_get_id (g_ptr_array_index (participants, i))) != 0)
        return FALSE;
    }

  return TRUE;
}

void
lotse_meeting_detail_init_participants (LotseMeetingDetail *self)
{
  self->participants = g_list_store_new (LOTSE_TYPE_RECORD);
  gtk_list_box_bind_model (self->participants_list, G_LIST_MODEL (self->participants),
                           participant_row_new, self, NULL);
}

void
lotse_meeting_detail_reload_participants (LotseMeetingDetail *self)
{
  g_autoptr(GPtrArray) participants = lotse_meeting_detail_list (self, LOTSE_TABLE_MEETING_PARTICIPANT, "created_at");

  g_ptr_array_sort_with_data (participants, compare_by_name, self);

  /* The same people in the same order (an attendance changed, here or
   * elsewhere): the rows are kept and show the new values, so that the
   * drop-down just used keeps the focus. The model keeps the records it
   * was given; what a row writes it reads from the store by id. */
  if (same_participants (self, participants))
    {
      for (guint i = 0; i < participants->len; i++)
        show_participant (self, GTK_WIDGET (gtk_list_box_get_row_at_index (self->participants_list, i)),
                          g_ptr_array_index (participants, i));
    }
  else
    {
      g_list_store_splice (self->participants, 0, g_list_model_get_n_items (G_LIST_MODEL (self->participants)),
                           participants->pdata, participants->len);
    }

  gtk_widget_set_visible (GTK_WIDGET (self->participants_list), participants->len > 0);
}

/* The people of a large office are many; they are read when the user
 * first wants to add someone, not when a meeting opens. */
static void
ensure_person_dropdown (LotseMeetingDetail *self)
{
  if (self->person_dropdown != NULL)
    return;

  self->person_dropdown = lotse_jourfixe_catalog_new_dropdown (self->catalog, LOTSE_TABLE_PERSON, NULL);
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
    { LOTSE_MEETING_PARTICIPANT_MEETING_ID, self->meeting_id },
    { LOTSE_MEETING_PARTICIPANT_PERSON_ID, NULL },
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
  if (lotse_store_count (lotse_meeting_detail_get_store (self), LOTSE_TABLE_MEETING_PARTICIPANT,
                         filters, 2, NULL) > 0)
    {
      lotse_jourfixe_toast (widget, _("This person already takes part"));
      return;
    }

  participant = lotse_record_new_for_table (LOTSE_TABLE_MEETING_PARTICIPANT);
  lotse_record_set (participant, LOTSE_MEETING_PARTICIPANT_MEETING_ID, self->meeting_id);
  lotse_record_set (participant, LOTSE_MEETING_PARTICIPANT_PERSON_ID, person_id);
  lotse_record_set (participant, LOTSE_MEETING_PARTICIPANT_ATTENDANCE, "invited");
  if (lotse_jourfixe_insert (widget, lotse_meeting_detail_get_store (self), participant))
    gtk_drop_down_set_selected (GTK_DROP_DOWN (self->person_dropdown), 0);
}

void
lotse_meeting_detail_remove_participant_action (GtkWidget  *widget,
                                           const char *action_name,
                                           GVariant   *parameter)
{
  lotse_jourfixe_delete (widget, LOTSE_TABLE_MEETING_PARTICIPANT, g_variant_get_string (parameter, NULL));
}

GtkDropDown *
lotse_meeting_detail_get_person_dropdown (LotseMeetingDetail *self)
{
  ensure_person_dropdown (self);
  return GTK_DROP_DOWN (self->person_dropdown);
}
