/* lotse-meeting-detail.c: one meeting: its data, agenda, participants and minutes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Reads the meeting, its agenda items, decisions, action items and
 * participants with one query each, and reads them again when the store
 * reports a change of those tables. Rows are kept per record and only
 * refilled, so focus and what the user is typing survive changes made
 * elsewhere (sync, the CLI, another window).
 *
 * The start time of each item is the meeting's start plus the durations of
 * the items before it; the total is set against the meeting's length, and
 * an overrun is said in words with an icon. Every time is shown and typed
 * in the office's zone (lotse-office.h), never in the laptop's.
 *
 * A meeting that is over but still a draft or planned offers, above its
 * data, to mark it held.
 */

#define G_LOG_DOMAIN "lotse-meeting-detail"

#include "config.h"

#include <glib/gi18n.h>

#include "lotse-conflict-badge.h"
#include "lotse-date-entry.h"
#include "lotse-entry-row.h"
#include "lotse-jourfixe-private.h"
#include "lotse-meeting-detail-private.h"

static const char * const meeting_kinds[] = { "jour_fixe", "steering", "strategy", "workshop", "event", NULL };
static const char * const meeting_statuses[] = { "draft", "planned", "held", "cancelled", NULL };


G_DEFINE_FINAL_TYPE (LotseMeetingDetail, lotse_meeting_detail, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_NARROW,
  PROP_MINUTES,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

LotseStore *
lotse_meeting_detail_get_store (LotseMeetingDetail *self)
{
  return self->catalog ? lotse_jourfixe_catalog_get_store (self->catalog) : NULL;
}

static const char *
nonempty (const char *text)
{
  return text != NULL && *text != '\0' ? text : NULL;
}

/* Fills an entry row unless the user has typed into it since it was last
 * filled: changes from elsewhere never overwrite typing. */
static void
fill_entry (LotseMeetingDetail *self,
            AdwEntryRow        *row,
            const char         *value)
{
  const char *loaded = g_hash_table_lookup (self->loaded, row);
  const char *current = gtk_editable_get_text (GTK_EDITABLE (row));

  if (loaded != NULL && g_strcmp0 (current, loaded) != 0)
    return;

  lotse_entry_row_set_stored_text (row, value);
  g_hash_table_insert (self->loaded, row, g_strdup (value ? value : ""));
}

static void
mark_filled (LotseMeetingDetail *self,
             AdwEntryRow        *row)
{
  g_hash_table_insert (self->loaded, row, g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
}

static gboolean
save_meeting_field (LotseMeetingDetail *self,
                    const char         *field,
                    const char         *value)
{
  if (self->filling || self->meeting == NULL)
    return FALSE;

  return lotse_jourfixe_save_field (GTK_WIDGET (self), lotse_meeting_detail_get_store (self), &self->meeting, field, value);
}

/* --- the meeting's data --------------------------------------------------- */

static GTimeZone *
office_zone (LotseMeetingDetail *self)
{
  LotseStore *store = lotse_meeting_detail_get_store (self);

  return store != NULL ? lotse_office_get_time_zone (store) : g_time_zone_new_utc ();
}

/* The meeting's start in the office's zone. */
GDateTime *
lotse_meeting_detail_get_start (LotseMeetingDetail *self)
{
  g_autoptr(GTimeZone) zone = NULL;

  if (self->meeting == NULL)
    return NULL;

  zone = office_zone (self);
  return lotse_time_parse (lotse_record_get (self->meeting, LOTSE_MEETING_STARTS_AT), zone);
}

/* Over (started and its length past) but not yet marked held. */
static gboolean
meeting_is_overdue (LotseRecord *meeting,
                    GDateTime   *start)
{
  const char *status = lotse_record_get (meeting, LOTSE_MEETING_STATUS);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) end = NULL;

  if (start == NULL || (g_strcmp0 (status, "planned") != 0 && g_strcmp0 (status, "draft") != 0))
    return FALSE;

  end = g_date_time_add_minutes (start, (int) lotse_record_get_int (meeting, LOTSE_MEETING_DURATION_MIN, 0));
  return g_date_time_compare (end, now) < 0;
}

static void
fill_held_banner (LotseMeetingDetail *self,
                  GDateTime          *start)
{
  gboolean overdue = meeting_is_overdue (self->meeting, start);

  if (overdue && g_strcmp0 (lotse_record_get (self->meeting, LOTSE_MEETING_STATUS), "draft") == 0)
    gtk_label_set_text (self->held_label, _("This meeting is over but still a draft."));
  else if (overdue)
    gtk_label_set_text (self->held_label, _("This meeting is over but still planned."));
  gtk_revealer_set_reveal_child (self->held_revealer, overdue);
}

static void
fill_meeting (LotseMeetingDetail *self)
{
  LotseRecord *meeting = self->meeting;
  g_autoptr(GTimeZone) zone = office_zone (self);
  g_autoptr(GDateTime) start = lotse_meeting_detail_get_start (self);
  const char *series_id = lotse_record_get (meeting, LOTSE_MEETING_SERIES_ID);
  const char *series = lotse_jourfixe_catalog_get_title (self->catalog,
                                                         LOTSE_TABLE_MEETING_SERIES, series_id);
  g_autofree char *heading = lotse_meeting_format_title (meeting, series, zone);
  g_autofree char *date = NULL;
  g_autofree char *time = NULL;
  g_autofree char *time_title = NULL;

  self->filling = TRUE;

  gtk_label_set_text (self->heading_label, heading);
  lotse_conflict_badge_set_record (self->conflict_badge, LOTSE_TABLE_MEETING, lotse_record_get_id (meeting));
  fill_entry (self, self->title_row, lotse_record_get (meeting, LOTSE_MEETING_TITLE));
  fill_held_banner (self, start);

  if (start != NULL)
    {
      date = g_date_time_format (start, "%Y-%m-%d");
      time = g_date_time_format (start, "%H:%M");
    }
  /* Translators: the title of a field; %s is the office's time zone, e.g. Europe/Berlin */
  time_title = g_strdup_printf (_("Time (HH:MM, %s)"), g_time_zone_get_identifier (zone));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->time_row), time_title);
  if (!lotse_date_entry_is_edited (self->date_entry))
    lotse_date_entry_set_date (self->date_entry, date);
  fill_entry (self, self->time_row, time);
  fill_entry (self, self->location_row, lotse_record_get (meeting, LOTSE_MEETING_LOCATION));

  gtk_spin_button_set_value (self->duration_spin,
                             lotse_record_get_int (meeting, LOTSE_MEETING_DURATION_MIN, 60));
  adw_combo_row_set_selected (self->kind_row,
                              lotse_jourfixe_enum_index (meeting_kinds,
                                                         lotse_record_get (meeting, LOTSE_MEETING_KIND)));
  adw_combo_row_set_selected (self->status_row,
                              lotse_jourfixe_enum_index (meeting_statuses,
                                                         lotse_record_get (meeting, LOTSE_MEETING_STATUS)));

  {
    g_autofree char *when = lotse_jourfixe_format_when (lotse_record_get (meeting, LOTSE_MEETING_STARTS_AT), zone);
    const char *location = lotse_record_get (meeting, LOTSE_MEETING_LOCATION);
    const char *status = lotse_enum_value_label (LOTSE_TABLE_MEETING, LOTSE_MEETING_STATUS,
                                                 lotse_record_get (meeting, LOTSE_MEETING_STATUS));
    g_autoptr(GString) summary = g_string_new (when ? when : _("No date yet"));

    if (location != NULL)
      g_string_append_printf (summary, " · %s", location);
    g_string_append_printf (summary, " · %s", status);
    adw_expander_row_set_subtitle (self->details_row, summary->str);
  }

  gtk_widget_set_visible (GTK_WIDGET (self->series_row), series != NULL);
  adw_action_row_set_subtitle (self->series_row, series ? series : "");

  self->filling = FALSE;
}

static void
rebuild_menu (LotseMeetingDetail *self)
{
  const char *id = self->meeting_id;
  const char *series_id = lotse_record_get (self->meeting, LOTSE_MEETING_SERIES_ID);
  g_autoptr(GMenu) series = g_menu_new ();
  g_autoptr(GMenu) calendar = g_menu_new ();
  g_autoptr(GMenu) reports = g_menu_new ();
  g_autoptr(GMenu) delete = g_menu_new ();
  GMenuItem *item;

  g_menu_remove_all (self->menu);

  gtk_widget_set_visible (GTK_WIDGET (self->prepare_button), FALSE);
  if (series_id != NULL && lotse_jourfixe_catalog_get_title (self->catalog,
                                                             LOTSE_TABLE_MEETING_SERIES, series_id))
    {
      gtk_actionable_set_action_target (GTK_ACTIONABLE (self->prepare_button), "s", series_id);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (self->prepare_button), "jourfixe.prepare-next");
      gtk_widget_set_visible (GTK_WIDGET (self->prepare_button), TRUE);

      item = g_menu_item_new (_("_Prepare Next Meeting"), NULL);
      g_menu_item_set_action_and_target (item, "jourfixe.prepare-next", "s", series_id);
      g_menu_append_item (series, item);
      g_object_unref (item);
      item = g_menu_item_new (_("Edit _Series"), NULL);
      g_menu_item_set_action_and_target (item, "jourfixe.edit-series", "s", series_id);
      g_menu_append_item (series, item);
      g_object_unref (item);
      g_menu_append_section (self->menu, NULL, G_MENU_MODEL (series));
    }

  item = g_menu_item_new (_("Export to _Calendar…"), NULL);
  g_menu_item_set_action_and_target (item, "jourfixe.export-meeting", "s", id);
  g_menu_append_item (calendar, item);
  g_object_unref (item);
  g_menu_append_section (self->menu, NULL, G_MENU_MODEL (calendar));
  lotse_meeting_send_append_menu (self->menu, self->meeting);

  /* The report actions belong to the window; they turn up there when the
   * reports are built in, and the items stay insensitive until then. */
  {
    static const struct { const char *label; const char *action; } report_items[] = {
      { N_("Export _Agenda…"), "win.export-agenda" },
      { N_("P_rint Agenda…"), "win.print-agenda" },
      { N_("Export _Minutes…"), "win.export-minutes" },
      { N_("Print M_inutes…"), "win.print-minutes" },
    };

    for (guint i = 0; i < G_N_ELEMENTS (report_items); i++)
      {
        item = g_menu_item_new (_(report_items[i].label), NULL);
        g_menu_item_set_action_and_target (item, report_items[i].action, "s", id);
        g_menu_append_item (reports, item);
        g_object_unref (item);
      }
    g_menu_append_section (self->menu, NULL, G_MENU_MODEL (reports));
  }

  item = g_menu_item_new (_("_Delete Meeting"), NULL);
  g_menu_item_set_action_and_target (item, "jourfixe.delete-meeting", "s", id);
  g_menu_append_item (delete, item);
  g_object_unref (item);
  g_menu_append_section (self->menu, NULL, G_MENU_MODEL (delete));
}

static void
on_title_apply (LotseMeetingDetail *self)
{
  g_autofree char *title = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->title_row))));

  if (*title == '\0')
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->title_row), "error");
      lotse_jourfixe_toast (GTK_WIDGET (self), _("A meeting needs a title"));
      return;
    }

  gtk_widget_remove_css_class (GTK_WIDGET (self->title_row), "error");
  if (save_meeting_field (self, LOTSE_MEETING_TITLE, title))
    mark_filled (self, self->title_row);
}

static void
on_location_apply (LotseMeetingDetail *self)
{
  g_autofree char *location = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->location_row))));

  if (save_meeting_field (self, LOTSE_MEETING_LOCATION, nonempty (location)))
    mark_filled (self, self->location_row);
}

static void
set_row_error (AdwEntryRow *row,
               gboolean     error)
{
  if (error)
    gtk_widget_add_css_class (GTK_WIDGET (row), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (row), "error");
}

/* Date and time make up one stored value, in the office's zone; either
 * applies both, and a wrong one changes nothing. */
static void
on_when_apply (LotseMeetingDetail *self)
{
  g_autofree char *date = NULL;
  g_autofree char *time = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->time_row))));
  g_autofree char *value = NULL;
  g_autoptr(GTimeZone) zone = NULL;
  g_autoptr(GDateTime) start = NULL;
  g_autoptr(GError) error = NULL;

  set_row_error (self->time_row, FALSE);

  if (!lotse_date_entry_get_date (self->date_entry, &date, &error))
    {
      lotse_date_entry_set_error (self->date_entry, error->message);
      lotse_jourfixe_toast (GTK_WIDGET (self), error->message);
      return;
    }

  if (date == NULL)
    {
      if (save_meeting_field (self, LOTSE_MEETING_STARTS_AT, NULL))
        mark_filled (self, self->time_row);
      return;
    }

  zone = office_zone (self);
  start = lotse_time_new (zone, date, *time != '\0' ? time : "00:00", &error);
  if (start == NULL)
    {
      set_row_error (self->time_row, TRUE);
      lotse_jourfixe_toast (GTK_WIDGET (self), error->message);
      return;
    }

  value = lotse_time_to_stored (start);
  if (save_meeting_field (self, LOTSE_MEETING_STARTS_AT, value))
    {
      g_autofree char *shown = g_date_time_format (start, "%H:%M");

      /* As it was read: “9:30” shows as 09:30. */
      lotse_entry_row_set_stored_text (self->time_row, shown);
      mark_filled (self, self->time_row);
    }
}

static void
mark_held_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  LotseMeetingDetail *self = LOTSE_MEETING_DETAIL (widget);

  if (save_meeting_field (self, LOTSE_ACTION_ITEM_STATUS, "held"))
    {
      self->filling = TRUE;
      adw_combo_row_set_selected (self->status_row, lotse_jourfixe_enum_index (meeting_statuses, "held"));
      self->filling = FALSE;
      gtk_revealer_set_reveal_child (self->held_revealer, FALSE);
    }
}

static void
on_duration_changed (LotseMeetingDetail *self)
{
  g_autofree char *value = g_strdup_printf ("%d", gtk_spin_button_get_value_as_int (self->duration_spin));

  save_meeting_field (self, LOTSE_MEETING_DURATION_MIN, value);
}

static void
on_kind_selected (LotseMeetingDetail *self)
{
  guint selected = adw_combo_row_get_selected (self->kind_row);

  if (selected < G_N_ELEMENTS (meeting_kinds) - 1)
    save_meeting_field (self, LOTSE_MEETING_KIND, meeting_kinds[selected]);
}

static void
on_status_selected (LotseMeetingDetail *self)
{
  guint selected = adw_combo_row_get_selected (self->status_row);

  if (selected < G_N_ELEMENTS (meeting_statuses) - 1)
    save_meeting_field (self, LOTSE_MEETING_STATUS, meeting_statuses[selected]);
}

static void
on_series_activated (LotseMeetingDetail *self)
{
  const char *series_id = lotse_record_get (self->meeting, LOTSE_MEETING_SERIES_ID);

  if (series_id != NULL)
    gtk_widget_activate_action (GTK_WIDGET (self), "jourfixe.edit-series", "s", series_id);
}

/* --- loading -------------------------------------------------------------- */

static gboolean
reload_meeting (LotseMeetingDetail *self)
{
  g_autoptr(LotseRecord) meeting = NULL;

  if (self->meeting_id == NULL || lotse_meeting_detail_get_store (self) == NULL)
    return FALSE;

  meeting = lotse_store_get (lotse_meeting_detail_get_store (self), LOTSE_TABLE_MEETING,
                             self->meeting_id, NULL);
  if (meeting == NULL)
    return FALSE;

  g_set_object (&self->meeting, meeting);
  fill_meeting (self);
  rebuild_menu (self);
  lotse_meeting_detail_fill_approval (self);
  lotse_meeting_send_set_meeting (self->send, lotse_meeting_detail_get_store (self), self->meeting);

  return TRUE;
}

static void
on_store_changed (LotseMeetingDetail *self,
                  const char         *table,
                  const char         *id,
                  LotseStore         *store)
{
  if (self->meeting == NULL)
    return;

  if (g_str_equal (table, LOTSE_TABLE_OFFICE))
    {
      /* Another zone: every time shown moves with it. */
      fill_meeting (self);
      lotse_meeting_detail_reload_agenda (self);
    }
  else if (g_str_equal (table, LOTSE_TABLE_MEETING))
    {
      if (id == NULL || g_strcmp0 (id, self->meeting_id) == 0)
        {
          if (!reload_meeting (self))
            {
              /* Deleted: the view shows what is left. */
              g_clear_object (&self->meeting);
              return;
            }
          lotse_meeting_detail_reload_agenda (self);
        }
    }
  else if (g_str_equal (table, LOTSE_TABLE_AGENDA_ITEM) || g_str_equal (table, LOTSE_TABLE_DECISION) ||
           g_str_equal (table, LOTSE_TABLE_ACTION_ITEM) || g_str_equal (table, LOTSE_TABLE_AGENDA_PROPOSAL))
    {
      lotse_meeting_detail_reload_agenda (self);
    }
  else if (g_str_equal (table, LOTSE_TABLE_MEETING_PARTICIPANT))
    {
      lotse_meeting_detail_reload_participants (self);
    }
  else if (g_str_equal (table, LOTSE_TABLE_MINUTES_APPROVAL) || g_str_equal (table, LOTSE_TABLE_MINUTES_AMENDMENT))
    {
      lotse_meeting_detail_fill_approval (self);
    }
}

static void
on_catalog_changed (LotseMeetingDetail *self,
                    const char         *table)
{
  if (self->meeting == NULL)
    return;

  if (g_str_equal (table, LOTSE_TABLE_PERSON))
    lotse_meeting_detail_reload_participants (self);
  if (g_str_equal (table, LOTSE_TABLE_MEETING_SERIES))
    {
      fill_meeting (self);
      rebuild_menu (self);
    }
  lotse_meeting_detail_reload_agenda (self);
}

/* --- class ---------------------------------------------------------------- */

/* meeting.send and meeting.save-eml ("invitation" or "minutes"), for the menu */
static void
mail_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  LotseMeetingDetail *self = LOTSE_MEETING_DETAIL (widget);
  LotseMailKind kind = g_str_equal (g_variant_get_string (parameter, NULL), "minutes") ? LOTSE_MAIL_MINUTES
                                                                                       : LOTSE_MAIL_INVITATION;

  if (g_str_equal (action_name, "meeting.send"))
    lotse_meeting_send_present (self->send, kind);
  else
    lotse_meeting_send_save_as (self->send, kind);
}

static void
lotse_meeting_detail_dispose (GObject *object)
{
  LotseMeetingDetail *self = LOTSE_MEETING_DETAIL (object);

  lotse_meeting_detail_set_catalog (self, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), LOTSE_TYPE_MEETING_DETAIL);
  /* The template's top box has no name, so disposing the template leaves it. */
  {
    GtkWidget *child;

    while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
      gtk_widget_unparent (child);
  }
  lotse_meeting_detail_dispose_minutes (self);
  g_clear_object (&self->agenda_model);
  g_clear_pointer (&self->agenda_rows, g_hash_table_unref);
  g_clear_object (&self->participants);
  g_clear_object (&self->meeting);
  g_clear_object (&self->menu);

  G_OBJECT_CLASS (lotse_meeting_detail_parent_class)->dispose (object);
}

static void
lotse_meeting_detail_finalize (GObject *object)
{
  LotseMeetingDetail *self = LOTSE_MEETING_DETAIL (object);

  g_clear_pointer (&self->loaded, g_hash_table_unref);
  g_free (self->meeting_id);
  g_free (self->total_text);

  G_OBJECT_CLASS (lotse_meeting_detail_parent_class)->finalize (object);
}

static void
lotse_meeting_detail_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  LotseMeetingDetail *self = LOTSE_MEETING_DETAIL (object);

  switch (prop_id)
    {
    case PROP_NARROW:
      g_value_set_boolean (value, self->narrow);
      break;

    case PROP_MINUTES:
      g_value_set_boolean (value, self->minutes);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lotse_meeting_detail_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  LotseMeetingDetail *self = LOTSE_MEETING_DETAIL (object);

  switch (prop_id)
    {
    case PROP_NARROW:
      if (self->narrow != g_value_get_boolean (value))
        {
          self->narrow = g_value_get_boolean (value);
          g_object_notify_by_pspec (object, pspec);
        }
      break;

    case PROP_MINUTES:
      lotse_meeting_detail_set_minutes (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

/* The page's actions: its buttons, menu and minutes mode. */
static void
install_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "meeting.add-item", NULL,
                                   lotse_meeting_detail_add_item_action);
  gtk_widget_class_install_action (widget_class, "meeting.mark-held", NULL, mark_held_action);
  gtk_widget_class_install_action (widget_class, "meeting.approve-minutes", NULL,
                                   lotse_meeting_detail_approve_action);
  gtk_widget_class_install_action (widget_class, "meeting.approve-item", "s", lotse_meeting_detail_approve_item_action);
  gtk_widget_class_install_action (widget_class, "meeting.reopen-minutes", NULL,
                                   lotse_meeting_detail_reopen_action);
  gtk_widget_class_install_action (widget_class, "meeting.amend-minutes", NULL,
                                   lotse_meeting_detail_amend_action);
  gtk_widget_class_install_action (widget_class, "meeting.add-participant", NULL,
                                   lotse_meeting_detail_add_participant_action);
  gtk_widget_class_install_action (widget_class, "meeting.remove-participant", "s",
                                   lotse_meeting_detail_remove_participant_action);
  gtk_widget_class_install_action (widget_class, "meeting.send", "s", mail_action);
  gtk_widget_class_install_action (widget_class, "meeting.save-eml", "s", mail_action);
  gtk_widget_class_install_property_action (widget_class, "meeting.minutes", "minutes");
  gtk_widget_class_install_action (widget_class, "meeting.next-item", NULL,
                                   lotse_meeting_detail_step_item_action);
  gtk_widget_class_install_action (widget_class, "meeting.previous-item", NULL,
                                   lotse_meeting_detail_step_item_action);
}

static void
lotse_meeting_detail_class_init (LotseMeetingDetailClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lotse_meeting_detail_dispose;
  object_class->finalize = lotse_meeting_detail_finalize;
  object_class->get_property = lotse_meeting_detail_get_property;
  object_class->set_property = lotse_meeting_detail_set_property;

  properties[PROP_NARROW] =
    g_param_spec_boolean ("narrow", NULL, NULL, FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_MINUTES] =
    g_param_spec_boolean ("minutes", NULL, NULL, FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (LOTSE_TYPE_ATTACHMENT_LIST);
  g_type_ensure (LOTSE_TYPE_CONFLICT_BADGE);
  g_type_ensure (LOTSE_TYPE_DATE_ENTRY);
  g_type_ensure (LOTSE_TYPE_MEETING_SEND);
  g_type_ensure (LOTSE_TYPE_OPEN_ACTIONS);
  g_type_ensure (LOTSE_TYPE_MEETING_PROPOSALS);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/app/lotse/Lotse/jourfixe/lotse-meeting-detail.ui");
  gtk_widget_class_bind_template_child (widget_class, LotseMeetingDetail, attachments);
  gtk_widget_class_bind_template_child (widget_class, LotseMeetingDetail, heading_label);
  gtk_widget_class_bind_template_child (widget_class, LotseMeetingDetail, held_revealer);
  gtk_widget_class_bind_template_child (widget_class, LotseMeetingDetail, held_label);
  gtk_widget_class_bind_template_child (widget_class, LotseMeetingDetail, approval_box);
  gtk_widget_class_bind_template_child (widget_class, LotseMeetingDetail, approve_box);
  gtk_widget_class_bind_template_child (widget_class, LotseMeetingDetail, approver_entry);
  gtk_widget_class_bind_template_child (widget_class, LotseMeetingDetail, approve_button);
  gtk_widget_class_bind_template_child (widget_class, LotseMeetingDetail, approved_box);
  gtk_widget_class_bind_template_child (widget_class, LotseMeetingDetail, approved_label);
  gtk_widget_class_bind_template_child (widget_class, LotseMeetingDetail, amendments_label);
  gtk_widget_class_bind_template_callback_full (widget_class, "on_approver_activate",
                                                G_CALLBACK (lotse_meeting_detail_on_approver_activate));
  gtk_widget_class_bind_template_child (widget_class, LotseMeetingDetail, conflict_badge);
  gtk_widget_class_bind_template_child (widget_class, LotseMeetingDetail, menu_button);
  gtk_widget_class_bind_template_child (widget_class, LotseMeetingDetail, prepare_button);
  gtk_widget_class_bind_template_child (widget_class, LotseMeetingDetail, scrolled);
  gtk_widget_class_bind_template_child (widget_class, LotseMeetingDetail, title_row);
  gtk_widget_class_bind_template_child (widget_class, LotseMeetingDetail, details_row);
  gtk_widget_class_bind_template_child (widget_class, LotseMeetingDetail, meeting_group);
  gtk_widget_class_bind_template_child (widget_class, LotseMeetingDetail, date_entry);
  gtk_widget_class_bind_template_child (widget_class, LotseMeetingDetail, time_row);
  gtk_widget_class_bind_template_child (widget_class, LotseMeetingDetail, duration_spin);
  gtk_widget_class_bind_template_child (widget_class, LotseMeetingDetail, location_row);
  gtk_widget_class_bind_template_child (widget_class, LotseMeetingDetail, kind_row);
  gtk_widget_class_bind_template_child (widget_class, LotseMeetingDetail, status_row);
  gtk_widget_class_bind_template_child (widget_class, LotseMeetingDetail, series_row);
  gtk_widget_class_bind_template_child (widget_class, LotseMeetingDetail, agenda_list);
  gtk_widget_class_bind_template_child (widget_class, LotseMeetingDetail, open_actions);
  gtk_widget_class_bind_template_child (widget_class, LotseMeetingDetail, proposals);
  gtk_widget_class_bind_template_child (widget_class, LotseMeetingDetail, total_label);
  gtk_widget_class_bind_template_child (widget_class, LotseMeetingDetail, meeting_clock_label);
  gtk_widget_class_bind_template_child (widget_class, LotseMeetingDetail, overrun_box);
  gtk_widget_class_bind_template_child (widget_class, LotseMeetingDetail, overrun_label);
  gtk_widget_class_bind_template_child (widget_class, LotseMeetingDetail, participants_list);
  gtk_widget_class_bind_template_child (widget_class, LotseMeetingDetail, add_participant_box);
  gtk_widget_class_bind_template_child (widget_class, LotseMeetingDetail, send);

  install_actions (widget_class);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
lotse_meeting_detail_init (LotseMeetingDetail *self)
{
  g_autoptr(GListModel) kinds = lotse_jourfixe_enum_model (LOTSE_TABLE_MEETING, LOTSE_MEETING_KIND,
                                                           meeting_kinds);
  g_autoptr(GListModel) statuses = lotse_jourfixe_enum_model (LOTSE_TABLE_MEETING, LOTSE_MEETING_STATUS,
                                                              meeting_statuses);

  gtk_widget_init_template (GTK_WIDGET (self));

  lotse_meeting_detail_init_agenda (self);
  lotse_meeting_detail_init_participants (self);
  lotse_meeting_detail_init_approval (self);
  lotse_meeting_detail_init_minutes (self);
  self->loaded = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  self->menu = g_menu_new ();
  gtk_menu_button_set_menu_model (self->menu_button, G_MENU_MODEL (self->menu));

  adw_combo_row_set_model (self->kind_row, kinds);
  adw_combo_row_set_model (self->status_row, statuses);

  g_signal_connect_swapped (self->title_row, "apply", G_CALLBACK (on_title_apply), self);
  g_signal_connect_swapped (self->date_entry, "activate", G_CALLBACK (on_when_apply), self);
  g_signal_connect_swapped (self->time_row, "apply", G_CALLBACK (on_when_apply), self);
  g_signal_connect_swapped (self->location_row, "apply", G_CALLBACK (on_location_apply), self);
  g_signal_connect_swapped (self->duration_spin, "value-changed", G_CALLBACK (on_duration_changed), self);
  g_signal_connect_swapped (self->kind_row, "notify::selected", G_CALLBACK (on_kind_selected), self);
  g_signal_connect_swapped (self->status_row, "notify::selected", G_CALLBACK (on_status_selected), self);
  g_signal_connect_swapped (self->series_row, "activated", G_CALLBACK (on_series_activated), self);
}

void
lotse_meeting_detail_set_catalog (LotseMeetingDetail   *self,
                                  LotseJourfixeCatalog *catalog)
{
  g_return_if_fail (LOTSE_IS_MEETING_DETAIL (self));

  if (self->catalog == catalog)
    return;

  if (self->catalog != NULL)
    {
      g_signal_handlers_disconnect_by_func (self->catalog, on_catalog_changed, self);
      g_signal_handlers_disconnect_by_func (lotse_jourfixe_catalog_get_store (self->catalog),
                                            on_store_changed, self);
    }
  if (self->person_dropdown != NULL)
    {
      gtk_box_remove (self->add_participant_box, self->person_dropdown);
      self->person_dropdown = NULL;
    }
  lotse_meeting_detail_clear_agenda (self);

  g_set_object (&self->catalog, catalog);
  g_clear_object (&self->meeting);
  g_clear_pointer (&self->meeting_id, g_free);

  if (catalog == NULL)
    return;

  g_signal_connect_object (catalog, "changed", G_CALLBACK (on_catalog_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (lotse_jourfixe_catalog_get_store (catalog), "changed",
                           G_CALLBACK (on_store_changed), self, G_CONNECT_SWAPPED);
}

/**
 * lotse_meeting_detail_set_meeting:
 * @self: a detail
 * @meeting_id: (nullable): the meeting to show
 *
 * Shows the meeting with its agenda and participants. Needs the catalog.
 */
void
lotse_meeting_detail_set_meeting (LotseMeetingDetail *self,
                                  const char         *meeting_id)
{
  g_return_if_fail (LOTSE_IS_MEETING_DETAIL (self));
  g_return_if_fail (self->catalog != NULL);

  if (g_strcmp0 (meeting_id, self->meeting_id) != 0)
    {
      /* Another meeting: start from empty editors. */
      lotse_meeting_detail_clear_agenda (self);
      lotse_meeting_detail_reset_current (self);
      g_hash_table_remove_all (self->loaded);
      adw_expander_row_set_expanded (self->details_row, FALSE);
      g_free (self->meeting_id);
      self->meeting_id = g_strdup (meeting_id);
      gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scrolled), 0);
    }

  g_clear_object (&self->meeting);
  lotse_attachment_list_set_owner (self->attachments, lotse_meeting_detail_get_store (self), LOTSE_TABLE_MEETING,
                                   meeting_id);
  if (meeting_id == NULL || !reload_meeting (self))
    return;

  lotse_meeting_detail_reload_agenda (self);
  lotse_meeting_detail_reload_participants (self);
}

void
lotse_meeting_detail_set_details_expanded (LotseMeetingDetail *self,
                                           gboolean            expanded)
{
  g_return_if_fail (LOTSE_IS_MEETING_DETAIL (self));

  adw_expander_row_set_expanded (self->details_row, expanded);
}

const char *
lotse_meeting_detail_get_meeting_id (LotseMeetingDetail *self)
{
  g_return_val_if_fail (LOTSE_IS_MEETING_DETAIL (self), NULL);

  return self->meeting != NULL ? self->meeting_id : NULL;
}

gboolean
lotse_meeting_detail_get_minutes (LotseMeetingDetail *self)
{
  g_return_val_if_fail (LOTSE_IS_MEETING_DETAIL (self), FALSE);

  return self->minutes;
}

void
lotse_meeting_detail_set_minutes (LotseMeetingDetail *self,
                                  gboolean            minutes)
{
  GHashTableIter iter;
  gpointer row;

  g_return_if_fail (LOTSE_IS_MEETING_DETAIL (self));

  minutes = !!minutes;
  if (self->minutes == minutes)
    return;

  self->minutes = minutes;
  /* Minutes are taken item by item; the meeting's data steps aside. The
   * attendance follows the agenda, which is where the work is. */
  gtk_widget_set_visible (self->meeting_group, !minutes);
  g_hash_table_iter_init (&iter, self->agenda_rows);
  while (g_hash_table_iter_next (&iter, NULL, &row))
    lotse_agenda_row_set_minutes_mode (row, minutes);
  lotse_meeting_detail_update_current (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MINUTES]);
}

/**
 * lotse_meeting_detail_focus_item:
 * @self: a detail
 * @item_id: an agenda item of the meeting shown
 *
 * Opens the item's row and moves the focus there.
 *
 * Returns: whether the meeting has the item
 */
gboolean
lotse_meeting_detail_focus_item (LotseMeetingDetail *self,
                                 const char         *item_id)
{
  LotseAgendaRow *row;

  g_return_val_if_fail (LOTSE_IS_MEETING_DETAIL (self), FALSE);

  row = g_hash_table_lookup (self->agenda_rows, item_id);
  if (row == NULL)
    return FALSE;

  gtk_widget_grab_focus (GTK_WIDGET (row));
  return TRUE;
}

LotseAgendaRow *
lotse_meeting_detail_get_row (LotseMeetingDetail *self,
                              guint               index)
{
  GtkListBoxRow *row = gtk_list_box_get_row_at_index (self->agenda_list, index);

  return row != NULL ? LOTSE_AGENDA_ROW (row) : NULL;
}

const char *
lotse_meeting_detail_get_total_text (LotseMeetingDetail *self)
{
  return self->total_text;
}

const char *
lotse_meeting_detail_get_overrun_text (LotseMeetingDetail *self)
{
  return gtk_label_get_text (self->overrun_label);
}

gboolean
lotse_meeting_detail_get_overrun_shown (LotseMeetingDetail *self)
{
  return gtk_widget_get_visible (self->overrun_box);
}

GMenuModel *
lotse_meeting_detail_get_menu (LotseMeetingDetail *self)
{
  return G_MENU_MODEL (self->menu);
}

AdwEntryRow *
lotse_meeting_detail_get_title_row (LotseMeetingDetail *self)
{
  return self->title_row;
}

LotseDateEntry *
lotse_meeting_detail_get_date_entry (LotseMeetingDetail *self)
{
  g_return_val_if_fail (LOTSE_IS_MEETING_DETAIL (self), NULL);

  return self->date_entry;
}

AdwEntryRow *
lotse_meeting_detail_get_time_row (LotseMeetingDetail *self)
{
  g_return_val_if_fail (LOTSE_IS_MEETING_DETAIL (self), NULL);

  return self->time_row;
}

const char *
lotse_meeting_detail_get_heading (LotseMeetingDetail *self)
{
  g_return_val_if_fail (LOTSE_IS_MEETING_DETAIL (self), NULL);

  return gtk_label_get_text (self->heading_label);
}

/* The line under “Date, Place and Status”: when, where, status. */
const char *
lotse_meeting_detail_get_summary (LotseMeetingDetail *self)
{
  g_return_val_if_fail (LOTSE_IS_MEETING_DETAIL (self), NULL);

  return adw_expander_row_get_subtitle (self->details_row);
}

GtkRevealer *
lotse_meeting_detail_get_held_banner (LotseMeetingDetail *self)
{
  g_return_val_if_fail (LOTSE_IS_MEETING_DETAIL (self), NULL);

  return self->held_revealer;
}

GtkListBox *
lotse_meeting_detail_get_participants_list (LotseMeetingDetail *self)
{
  return self->participants_list;
}

GtkEditable *
lotse_meeting_detail_get_approver_entry (LotseMeetingDetail *self)
{
  return GTK_EDITABLE (self->approver_entry);
}

GtkButton *
lotse_meeting_detail_get_approve_button (LotseMeetingDetail *self)
{
  return self->approve_button;
}

/* “Minutes approved on …”, or NULL while they are not approved */
const char *
lotse_meeting_detail_get_approval_text (LotseMeetingDetail *self)
{
  return self->approved ? gtk_label_get_text (self->approved_label) : NULL;
}
