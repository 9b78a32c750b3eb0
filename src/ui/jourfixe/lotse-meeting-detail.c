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
#include "lotse-meeting-detail.h"

static const char * const meeting_kinds[] = { "jour_fixe", "steering", "strategy", "workshop", "event", NULL };
static const char * const meeting_statuses[] = { "draft", "planned", "held", "cancelled", NULL };
static const char * const attendances[] = { "invited", "present", "excused", "absent", NULL };

struct _LotseMeetingDetail
{
  GtkWidget             parent_instance;

  LotseJourfixeCatalog *catalog;
  char                 *meeting_id;
  LotseRecord          *meeting;
  gboolean              narrow;
  gboolean              minutes;
  gboolean              filling;

  GHashTable           *agenda_rows;       /* item id → LotseAgendaRow */
  GHashTable           *participant_rows;  /* participant id → AdwActionRow */
  GHashTable           *loaded;            /* entry row → the text it was filled with */
  GMenu                *menu;
  GtkWidget            *person_dropdown;
  char                 *total_text;

  GtkLabel             *heading_label;
  GtkRevealer          *held_revealer;
  GtkLabel             *held_label;
  LotseConflictBadge   *conflict_badge;
  GtkMenuButton        *menu_button;
  GtkButton            *prepare_button;
  GtkScrolledWindow    *scrolled;
  AdwEntryRow          *title_row;
  AdwExpanderRow       *details_row;
  GtkWidget            *meeting_group;
  LotseDateEntry       *date_entry;
  AdwEntryRow          *time_row;
  GtkSpinButton        *duration_spin;
  AdwEntryRow          *location_row;
  AdwComboRow          *kind_row;
  AdwComboRow          *status_row;
  AdwActionRow         *series_row;
  GtkListBox           *agenda_list;
  GtkLabel             *total_label;
  GtkWidget            *overrun_box;
  GtkLabel             *overrun_label;
  GtkListBox           *participants_list;
  GtkBox               *add_participant_box;
};

G_DEFINE_FINAL_TYPE (LotseMeetingDetail, lotse_meeting_detail, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_NARROW,
  PROP_MINUTES,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static LotseStore *
get_store (LotseMeetingDetail *self)
{
  return self->catalog ? lotse_jourfixe_catalog_get_store (self->catalog) : NULL;
}

static const char *
nonempty (const char *text)
{
  return text != NULL && *text != '\0' ? text : NULL;
}

static GListModel *
enum_model (const char         *table,
            const char         *field,
            const char * const *values)
{
  GtkStringList *list = gtk_string_list_new (NULL);

  for (guint i = 0; values[i] != NULL; i++)
    gtk_string_list_append (list, lotse_enum_value_label (table, field, values[i]));

  return G_LIST_MODEL (list);
}

static guint
enum_index (const char * const *values,
            const char         *value)
{
  for (guint i = 0; values[i] != NULL; i++)
    if (g_strcmp0 (values[i], value) == 0)
      return i;
  return 0;
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
  g_autoptr(LotseRecord) copy = NULL;

  if (self->filling || self->meeting == NULL)
    return FALSE;
  if (g_strcmp0 (lotse_record_get (self->meeting, field), value) == 0)
    return TRUE;

  copy = lotse_record_copy (self->meeting);
  lotse_record_set (copy, field, value);
  if (!lotse_jourfixe_save (GTK_WIDGET (self), get_store (self), copy))
    return FALSE;

  g_set_object (&self->meeting, copy);
  return TRUE;
}

/* --- the meeting's data --------------------------------------------------- */

static GTimeZone *
office_zone (LotseMeetingDetail *self)
{
  LotseStore *store = get_store (self);

  return store != NULL ? lotse_office_get_time_zone (store) : g_time_zone_new_utc ();
}

/* The meeting's start in the office's zone. */
static GDateTime *
meeting_start (LotseMeetingDetail *self)
{
  g_autoptr(GTimeZone) zone = NULL;

  if (self->meeting == NULL)
    return NULL;

  zone = office_zone (self);
  return lotse_time_parse (lotse_record_get (self->meeting, "starts_at"), zone);
}

/* Over (started and its length past) but not yet marked held. */
static gboolean
meeting_is_overdue (LotseRecord *meeting,
                    GDateTime   *start)
{
  const char *status = lotse_record_get (meeting, "status");
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) end = NULL;

  if (start == NULL || (g_strcmp0 (status, "planned") != 0 && g_strcmp0 (status, "draft") != 0))
    return FALSE;

  end = g_date_time_add_minutes (start, (int) lotse_record_get_int (meeting, "duration_min", 0));
  return g_date_time_compare (end, now) < 0;
}

static void
fill_held_banner (LotseMeetingDetail *self,
                  GDateTime          *start)
{
  gboolean overdue = meeting_is_overdue (self->meeting, start);

  if (overdue && g_strcmp0 (lotse_record_get (self->meeting, "status"), "draft") == 0)
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
  g_autoptr(GDateTime) start = meeting_start (self);
  const char *series_id = lotse_record_get (meeting, "series_id");
  const char *series = lotse_jourfixe_catalog_get_title (self->catalog, "meeting_series", series_id);
  g_autofree char *heading = lotse_meeting_format_title (meeting, series, zone);
  g_autofree char *date = NULL;
  g_autofree char *time = NULL;
  g_autofree char *time_title = NULL;

  self->filling = TRUE;

  gtk_label_set_text (self->heading_label, heading);
  lotse_conflict_badge_set_record (self->conflict_badge, "meeting", lotse_record_get_id (meeting));
  fill_entry (self, self->title_row, lotse_record_get (meeting, "title"));
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
  fill_entry (self, self->location_row, lotse_record_get (meeting, "location"));

  gtk_spin_button_set_value (self->duration_spin, lotse_record_get_int (meeting, "duration_min", 60));
  adw_combo_row_set_selected (self->kind_row, enum_index (meeting_kinds, lotse_record_get (meeting, "kind")));
  adw_combo_row_set_selected (self->status_row,
                              enum_index (meeting_statuses, lotse_record_get (meeting, "status")));

  {
    g_autofree char *when = lotse_jourfixe_format_when (lotse_record_get (meeting, "starts_at"), zone);
    const char *location = lotse_record_get (meeting, "location");
    const char *status = lotse_enum_value_label ("meeting", "status", lotse_record_get (meeting, "status"));
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
  const char *series_id = lotse_record_get (self->meeting, "series_id");
  g_autoptr(GMenu) series = g_menu_new ();
  g_autoptr(GMenu) calendar = g_menu_new ();
  g_autoptr(GMenu) reports = g_menu_new ();
  g_autoptr(GMenu) delete = g_menu_new ();
  GMenuItem *item;

  g_menu_remove_all (self->menu);

  gtk_widget_set_visible (GTK_WIDGET (self->prepare_button), FALSE);
  if (series_id != NULL && lotse_jourfixe_catalog_get_title (self->catalog, "meeting_series", series_id))
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
  if (save_meeting_field (self, "title", title))
    mark_filled (self, self->title_row);
}

static void
on_location_apply (LotseMeetingDetail *self)
{
  g_autofree char *location = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->location_row))));

  if (save_meeting_field (self, "location", nonempty (location)))
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
      if (save_meeting_field (self, "starts_at", NULL))
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
  if (save_meeting_field (self, "starts_at", value))
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

  if (save_meeting_field (self, "status", "held"))
    {
      self->filling = TRUE;
      adw_combo_row_set_selected (self->status_row, enum_index (meeting_statuses, "held"));
      self->filling = FALSE;
      gtk_revealer_set_reveal_child (self->held_revealer, FALSE);
    }
}

static void
on_duration_changed (LotseMeetingDetail *self)
{
  g_autofree char *value = g_strdup_printf ("%d", gtk_spin_button_get_value_as_int (self->duration_spin));

  save_meeting_field (self, "duration_min", value);
}

static void
on_kind_selected (LotseMeetingDetail *self)
{
  guint selected = adw_combo_row_get_selected (self->kind_row);

  if (selected < G_N_ELEMENTS (meeting_kinds) - 1)
    save_meeting_field (self, "kind", meeting_kinds[selected]);
}

static void
on_status_selected (LotseMeetingDetail *self)
{
  guint selected = adw_combo_row_get_selected (self->status_row);

  if (selected < G_N_ELEMENTS (meeting_statuses) - 1)
    save_meeting_field (self, "status", meeting_statuses[selected]);
}

static void
on_series_activated (LotseMeetingDetail *self)
{
  const char *series_id = lotse_record_get (self->meeting, "series_id");

  if (series_id != NULL)
    gtk_widget_activate_action (GTK_WIDGET (self), "jourfixe.edit-series", "s", series_id);
}

/* --- the agenda ----------------------------------------------------------- */

static void on_row_move (LotseAgendaRow *row, int delta, LotseMeetingDetail *self);
static void on_row_drop (LotseAgendaRow *row, const char *source_id, LotseMeetingDetail *self);

static GPtrArray *
list_for_meeting (LotseMeetingDetail *self,
                  const char         *table,
                  const char         *order)
{
  LotseFilter filter = { "meeting_id", self->meeting_id };
  g_autoptr(GError) error = NULL;
  GPtrArray *rows = lotse_store_list (get_store (self), table, &filter, 1, order, 0, 0, &error);

  if (rows == NULL)
    {
      g_warning ("Could not read %s: %s", table, error->message);
      rows = g_ptr_array_new_with_free_func (g_object_unref);
    }

  return rows;
}

/* Groups decisions or action items by their agenda item. */
static GHashTable *
group_by_item (GPtrArray *records)
{
  GHashTable *groups = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                              (GDestroyNotify)g_ptr_array_unref);

  for (guint i = 0; i < records->len; i++)
    {
      LotseRecord *record = g_ptr_array_index (records, i);
      const char *item_id = lotse_record_get (record, "agenda_item_id");
      GPtrArray *group;

      if (item_id == NULL)
        continue;
      group = g_hash_table_lookup (groups, item_id);
      if (group == NULL)
        {
          group = g_ptr_array_new_with_free_func (g_object_unref);
          g_hash_table_insert (groups, g_strdup (item_id), group);
        }
      g_ptr_array_add (group, g_object_ref (record));
    }

  return groups;
}

static void
update_totals (LotseMeetingDetail *self,
               gint64              total)
{
  gint64 length = self->meeting ? lotse_record_get_int (self->meeting, "duration_min", 0) : 0;
  g_autofree char *over_text = NULL;

  g_free (self->total_text);
  if (length > 0)
    /* Translators: the planned length of all agenda items against the
     * meeting's length, in minutes */
    self->total_text = g_strdup_printf (ngettext ("Total: %d of %d minute",
                                                  "Total: %d of %d minutes", (int)length),
                                        (int)total, (int)length);
  else
    self->total_text = g_strdup_printf (ngettext ("Total: %d minute", "Total: %d minutes", (int)total),
                                        (int)total);
  gtk_label_set_text (self->total_label, self->total_text);

  /* An overrun is said in words, with a warning icon, not by colour alone. */
  gtk_widget_set_visible (self->overrun_box, length > 0 && total > length);
  if (length > 0 && total > length)
    {
      over_text = g_strdup_printf (ngettext ("%d minute over the meeting's length",
                                             "%d minutes over the meeting's length",
                                             (int)(total - length)),
                                   (int)(total - length));
      gtk_label_set_text (self->overrun_label, over_text);
    }
  else
    {
      gtk_label_set_text (self->overrun_label, "");
    }
}

static LotseAgendaRow *
focused_row (LotseMeetingDetail *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root ? gtk_root_get_focus (root) : NULL;
  GtkWidget *row = focus ? gtk_widget_get_ancestor (focus, LOTSE_TYPE_AGENDA_ROW) : NULL;

  return row ? LOTSE_AGENDA_ROW (row) : NULL;
}

static void
reload_agenda (LotseMeetingDetail *self)
{
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GPtrArray) decisions = NULL;
  g_autoptr(GPtrArray) actions = NULL;
  g_autoptr(GHashTable) decisions_by_item = NULL;
  g_autoptr(GHashTable) actions_by_item = NULL;
  g_autoptr(GHashTable) keep = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) order = g_ptr_array_new ();
  g_autoptr(GDateTime) start = NULL;
  g_autoptr(GPtrArray) stale = g_ptr_array_new ();
  GHashTableIter iter;
  gpointer key, value;
  LotseAgendaRow *focus;
  gboolean same_order = TRUE;
  GtkWidget *child;
  guint index = 0;
  gint64 total = 0;

  items = list_for_meeting (self, "agenda_item", "position");
  decisions = list_for_meeting (self, "decision", "created_at");
  actions = list_for_meeting (self, "action_item", "created_at");
  decisions_by_item = group_by_item (decisions);
  actions_by_item = group_by_item (actions);

  start = meeting_start (self);
  focus = focused_row (self);

  for (guint i = 0; i < items->len; i++)
    {
      LotseRecord *item = g_ptr_array_index (items, i);
      const char *id = lotse_record_get_id (item);
      LotseAgendaRow *row = g_hash_table_lookup (self->agenda_rows, id);

      if (row == NULL)
        {
          row = LOTSE_AGENDA_ROW (lotse_agenda_row_new (self->catalog, item));
          g_signal_connect (row, "move", G_CALLBACK (on_row_move), self);
          g_signal_connect (row, "drop-item", G_CALLBACK (on_row_drop), self);
          g_hash_table_insert (self->agenda_rows, g_strdup (id), g_object_ref_sink (row));
        }
      else
        {
          lotse_agenda_row_set_item (row, item);
        }

      lotse_agenda_row_set_minutes (row, g_hash_table_lookup (decisions_by_item, id),
                                    g_hash_table_lookup (actions_by_item, id));
      lotse_agenda_row_set_minutes_mode (row, self->minutes);

      if (start != NULL)
        {
          g_autoptr(GDateTime) item_start = g_date_time_add_minutes (start, (int)total);

          lotse_agenda_row_set_start (row, item_start);
        }
      else
        {
          lotse_agenda_row_set_start (row, NULL);
        }
      total += lotse_record_get_int (item, "duration_min", 0);

      g_hash_table_add (keep, (gpointer)lotse_agenda_row_get_id (row));
      g_ptr_array_add (order, row);
    }

  /* Rows of items gone */
  g_hash_table_iter_init (&iter, self->agenda_rows);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (!g_hash_table_contains (keep, key))
      g_ptr_array_add (stale, value);
  for (guint i = 0; i < stale->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (stale, i);

      if (gtk_widget_get_parent (row) != NULL)
        gtk_list_box_remove (self->agenda_list, row);
      g_hash_table_remove (self->agenda_rows, lotse_agenda_row_get_id (LOTSE_AGENDA_ROW (row)));
    }

  for (child = gtk_widget_get_first_child (GTK_WIDGET (self->agenda_list));
       child != NULL || index < order->len;
       child = child ? gtk_widget_get_next_sibling (child) : NULL, index++)
    {
      if (index >= order->len || child != g_ptr_array_index (order, index))
        {
          same_order = FALSE;
          break;
        }
    }

  if (!same_order)
    {
      while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->agenda_list))) != NULL)
        gtk_list_box_remove (self->agenda_list, child);
      for (guint i = 0; i < order->len; i++)
        gtk_list_box_append (self->agenda_list, g_ptr_array_index (order, i));
      if (focus != NULL && gtk_widget_get_parent (GTK_WIDGET (focus)) != NULL)
        gtk_widget_grab_focus (GTK_WIDGET (focus));
    }

  update_totals (self, total);
}

/* Writes positions 1…n in the given order, in one transaction. */
static void
write_order (LotseMeetingDetail *self,
             GPtrArray          *rows)
{
  LotseStore *store = get_store (self);
  g_autoptr(GError) error = NULL;

  if (!lotse_store_begin (store, &error))
    goto fail;

  for (guint i = 0; i < rows->len; i++)
    {
      LotseRecord *item = lotse_agenda_row_get_item (g_ptr_array_index (rows, i));
      g_autoptr(LotseRecord) copy = NULL;

      if (lotse_record_get_int (item, "position", -1) == (gint64)(i + 1))
        continue;

      copy = lotse_record_copy (item);
      lotse_record_set_int (copy, "position", i + 1);
      if (!lotse_store_update (store, copy, &error))
        {
          lotse_store_rollback (store);
          goto fail;
        }
    }

  if (lotse_store_commit (store, &error))
    return;

  lotse_store_rollback (store);

fail:
  lotse_jourfixe_toast (GTK_WIDGET (self), error->message);
}

static GPtrArray *
current_rows (LotseMeetingDetail *self)
{
  GPtrArray *rows = g_ptr_array_new ();

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->agenda_list));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (LOTSE_IS_AGENDA_ROW (child))
      g_ptr_array_add (rows, child);

  return rows;
}

static void
move_row_to (LotseMeetingDetail *self,
             LotseAgendaRow     *row,
             guint               target)
{
  g_autoptr(GPtrArray) rows = current_rows (self);
  guint from;

  if (!g_ptr_array_find (rows, row, &from) || target >= rows->len || target == from)
    return;

  g_ptr_array_remove_index (rows, from);
  g_ptr_array_insert (rows, target, row);

  g_object_ref (row);
  write_order (self, rows);
  if (gtk_widget_get_parent (GTK_WIDGET (row)) != NULL)
    gtk_widget_grab_focus (GTK_WIDGET (row));
  g_object_unref (row);
}

static void
on_row_move (LotseAgendaRow     *row,
             int                 delta,
             LotseMeetingDetail *self)
{
  g_autoptr(GPtrArray) rows = current_rows (self);
  guint from;

  if (!g_ptr_array_find (rows, row, &from))
    return;
  if ((delta < 0 && from == 0) || (delta > 0 && from + 1 >= rows->len))
    {
      gtk_widget_error_bell (GTK_WIDGET (self));
      return;
    }

  move_row_to (self, row, from + delta);
}

static void
on_row_drop (LotseAgendaRow     *row,
             const char         *source_id,
             LotseMeetingDetail *self)
{
  g_autoptr(GPtrArray) rows = current_rows (self);
  LotseAgendaRow *source = g_hash_table_lookup (self->agenda_rows, source_id);
  guint target;

  if (source == NULL || !g_ptr_array_find (rows, row, &target))
    return;

  move_row_to (self, source, target);
}

static void
add_item_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  LotseMeetingDetail *self = LOTSE_MEETING_DETAIL (widget);
  g_autoptr(LotseRecord) item = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  LotseAgendaRow *row;
  gint64 position = 0;

  if (self->meeting == NULL)
    return;

  rows = current_rows (self);
  for (guint i = 0; i < rows->len; i++)
    position = MAX (position, lotse_record_get_int (lotse_agenda_row_get_item (g_ptr_array_index (rows, i)),
                                                    "position", 0));

  item = lotse_record_new_for_table ("agenda_item");
  lotse_record_set (item, "meeting_id", self->meeting_id);
  lotse_record_set_int (item, "position", position + 1);
  lotse_record_set (item, "title", _("New item"));
  lotse_record_set (item, "kind", "information");
  lotse_record_set_int (item, "duration_min", 10);
  lotse_record_set (item, "status", "open");
  if (!lotse_jourfixe_insert (widget, get_store (self), item))
    return;

  /* The store's ::changed has added the row; open it to name the item. */
  row = g_hash_table_lookup (self->agenda_rows, lotse_record_get_id (item));
  if (row != NULL)
    {
      GtkEditable *entry;

      lotse_agenda_row_set_expanded (row, TRUE);
      entry = lotse_agenda_row_get_title_entry (row);
      gtk_widget_grab_focus (GTK_WIDGET (entry));
      gtk_editable_select_region (entry, 0, -1);
    }
}

/* --- participants --------------------------------------------------------- */

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

  participant = lotse_store_get (get_store (self), "meeting_participant", id, NULL);
  if (participant == NULL)
    return;

  lotse_record_set (participant, "attendance", attendances[selected]);
  lotse_jourfixe_save (GTK_WIDGET (self), get_store (self), participant);
}

static GtkWidget *
participant_row_new (LotseMeetingDetail *self,
                     const char         *participant_id)
{
  GtkWidget *row = adw_action_row_new ();
  g_autoptr(GListModel) model = enum_model ("meeting_participant", "attendance", attendances);
  GtkWidget *dropdown = gtk_drop_down_new (g_steal_pointer (&model), NULL);
  GtkWidget *remove = gtk_button_new_from_icon_name ("user-trash-symbolic");

  /* Names are text, not markup. */
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);

  gtk_widget_set_valign (dropdown, GTK_ALIGN_CENTER);
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

static void
reload_participants (LotseMeetingDetail *self)
{
  g_autoptr(GPtrArray) participants = list_for_meeting (self, "meeting_participant", "created_at");
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
                                    enum_index (attendances, lotse_record_get (participant, "attendance")));
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

static void
add_participant_action (GtkWidget  *widget,
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
  if (lotse_store_count (get_store (self), "meeting_participant", filters, 2, NULL) > 0)
    {
      lotse_jourfixe_toast (widget, _("This person already takes part"));
      return;
    }

  participant = lotse_record_new_for_table ("meeting_participant");
  lotse_record_set (participant, "meeting_id", self->meeting_id);
  lotse_record_set (participant, "person_id", person_id);
  lotse_record_set (participant, "attendance", "invited");
  if (lotse_jourfixe_insert (widget, get_store (self), participant))
    gtk_drop_down_set_selected (GTK_DROP_DOWN (self->person_dropdown), 0);
}

static void
remove_participant_action (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter)
{
  lotse_jourfixe_delete (widget, "meeting_participant", g_variant_get_string (parameter, NULL));
}

/* --- loading -------------------------------------------------------------- */

static gboolean
reload_meeting (LotseMeetingDetail *self)
{
  g_autoptr(LotseRecord) meeting = NULL;

  if (self->meeting_id == NULL || get_store (self) == NULL)
    return FALSE;

  meeting = lotse_store_get (get_store (self), "meeting", self->meeting_id, NULL);
  if (meeting == NULL)
    return FALSE;

  g_set_object (&self->meeting, meeting);
  fill_meeting (self);
  rebuild_menu (self);

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

  if (g_str_equal (table, "office"))
    {
      /* Another zone: every time shown moves with it. */
      fill_meeting (self);
      reload_agenda (self);
    }
  else if (g_str_equal (table, "meeting"))
    {
      if (id == NULL || g_strcmp0 (id, self->meeting_id) == 0)
        {
          if (!reload_meeting (self))
            {
              /* Deleted: the view shows what is left. */
              g_clear_object (&self->meeting);
              return;
            }
          reload_agenda (self);
        }
    }
  else if (g_str_equal (table, "agenda_item") || g_str_equal (table, "decision") ||
           g_str_equal (table, "action_item"))
    {
      reload_agenda (self);
    }
  else if (g_str_equal (table, "meeting_participant"))
    {
      reload_participants (self);
    }
}

static void
on_catalog_changed (LotseMeetingDetail *self,
                    const char         *table)
{
  if (self->meeting == NULL)
    return;

  if (g_str_equal (table, "person"))
    reload_participants (self);
  if (g_str_equal (table, "meeting_series"))
    {
      fill_meeting (self);
      rebuild_menu (self);
    }
  reload_agenda (self);
}

/* --- class ---------------------------------------------------------------- */

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
  g_clear_pointer (&self->agenda_rows, g_hash_table_unref);
  g_clear_pointer (&self->participant_rows, g_hash_table_unref);
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

  g_type_ensure (LOTSE_TYPE_CONFLICT_BADGE);
  g_type_ensure (LOTSE_TYPE_DATE_ENTRY);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/app/lotse/Lotse/jourfixe/lotse-meeting-detail.ui");
  gtk_widget_class_bind_template_child (widget_class, LotseMeetingDetail, heading_label);
  gtk_widget_class_bind_template_child (widget_class, LotseMeetingDetail, held_revealer);
  gtk_widget_class_bind_template_child (widget_class, LotseMeetingDetail, held_label);
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
  gtk_widget_class_bind_template_child (widget_class, LotseMeetingDetail, total_label);
  gtk_widget_class_bind_template_child (widget_class, LotseMeetingDetail, overrun_box);
  gtk_widget_class_bind_template_child (widget_class, LotseMeetingDetail, overrun_label);
  gtk_widget_class_bind_template_child (widget_class, LotseMeetingDetail, participants_list);
  gtk_widget_class_bind_template_child (widget_class, LotseMeetingDetail, add_participant_box);

  gtk_widget_class_install_action (widget_class, "meeting.add-item", NULL, add_item_action);
  gtk_widget_class_install_action (widget_class, "meeting.mark-held", NULL, mark_held_action);
  gtk_widget_class_install_action (widget_class, "meeting.add-participant", NULL, add_participant_action);
  gtk_widget_class_install_action (widget_class, "meeting.remove-participant", "s",
                                   remove_participant_action);
  gtk_widget_class_install_property_action (widget_class, "meeting.minutes", "minutes");

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
on_agenda_row_activated (GtkListBox    *list,
                         GtkListBoxRow *row,
                         gpointer       user_data)
{
  gtk_widget_activate_action (GTK_WIDGET (row), "agenda-item.toggle-expanded", NULL);
}

static void
lotse_meeting_detail_init (LotseMeetingDetail *self)
{
  g_autoptr(GListModel) kinds = enum_model ("meeting", "kind", meeting_kinds);
  g_autoptr(GListModel) statuses = enum_model ("meeting", "status", meeting_statuses);

  gtk_widget_init_template (GTK_WIDGET (self));

  self->agenda_rows = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  self->participant_rows = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  self->loaded = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  self->menu = g_menu_new ();
  gtk_menu_button_set_menu_model (self->menu_button, G_MENU_MODEL (self->menu));

  adw_combo_row_set_model (self->kind_row, kinds);
  adw_combo_row_set_model (self->status_row, statuses);

  g_signal_connect (self->agenda_list, "row-activated", G_CALLBACK (on_agenda_row_activated), NULL);
  g_signal_connect_swapped (self->title_row, "apply", G_CALLBACK (on_title_apply), self);
  g_signal_connect_swapped (self->date_entry, "activate", G_CALLBACK (on_when_apply), self);
  g_signal_connect_swapped (self->time_row, "apply", G_CALLBACK (on_when_apply), self);
  g_signal_connect_swapped (self->location_row, "apply", G_CALLBACK (on_location_apply), self);
  g_signal_connect_swapped (self->duration_spin, "value-changed", G_CALLBACK (on_duration_changed), self);
  g_signal_connect_swapped (self->kind_row, "notify::selected", G_CALLBACK (on_kind_selected), self);
  g_signal_connect_swapped (self->status_row, "notify::selected", G_CALLBACK (on_status_selected), self);
  g_signal_connect_swapped (self->series_row, "activated", G_CALLBACK (on_series_activated), self);

  update_totals (self, 0);
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
  if (self->agenda_rows != NULL)
    {
      GtkWidget *child;

      while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->agenda_list))) != NULL)
        gtk_list_box_remove (self->agenda_list, child);
      g_hash_table_remove_all (self->agenda_rows);
    }

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
  GtkWidget *child;

  g_return_if_fail (LOTSE_IS_MEETING_DETAIL (self));
  g_return_if_fail (self->catalog != NULL);

  if (g_strcmp0 (meeting_id, self->meeting_id) != 0)
    {
      /* Another meeting: start from empty editors. */
      while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->agenda_list))) != NULL)
        gtk_list_box_remove (self->agenda_list, child);
      g_hash_table_remove_all (self->agenda_rows);
      g_hash_table_remove_all (self->loaded);
      adw_expander_row_set_expanded (self->details_row, FALSE);
      g_free (self->meeting_id);
      self->meeting_id = g_strdup (meeting_id);
      gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scrolled), 0);
    }

  g_clear_object (&self->meeting);
  if (meeting_id == NULL || !reload_meeting (self))
    return;

  reload_agenda (self);
  reload_participants (self);
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

guint
lotse_meeting_detail_get_n_items (LotseMeetingDetail *self)
{
  g_autoptr(GPtrArray) rows = current_rows (self);

  return rows->len;
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

GtkDropDown *
lotse_meeting_detail_get_person_dropdown (LotseMeetingDetail *self)
{
  ensure_person_dropdown (self);
  return GTK_DROP_DOWN (self->person_dropdown);
}

GtkListBox *
lotse_meeting_detail_get_participants_list (LotseMeetingDetail *self)
{
  return self->participants_list;
}
