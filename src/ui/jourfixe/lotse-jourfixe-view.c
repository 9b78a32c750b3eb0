/* lotse-jourfixe-view.c: the meetings of the office: jour fixe, steering board, workshops
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A leaflet with the meetings, grouped by series, on the left and the
 * open meeting, series or the registers on the right; narrow, it shows one
 * of the two. Deletions take what hangs on the record with them (a
 * meeting its agenda, participants, decisions and action items) in one
 * transaction, and the toast's Undo (or Ctrl+Z) brings all of it back.
 */

#define G_LOG_DOMAIN "lotse-jourfixe-view"

#include "config.h"

#include <glib/gi18n.h>

#include "lotse-conflict-badge.h"
#include "lotse-jourfixe-catalog.h"
#include "lotse-jourfixe-private.h"
#include "lotse-jourfixe-view-private.h"
#include "lotse-ics.h"
#include "lotse-meeting.h"
#include "lotse-meeting-list.h"
#include "lotse-record-row.h"
#include "lotse-widget-util.h"
#include "lotse-view-shortcuts.h"

G_DEFINE_FINAL_TYPE (LotseJourfixeView, lotse_jourfixe_view, LOTSE_TYPE_VIEW)

/* --- the list ------------------------------------------------------------- */

static GListModel *
lotse_jourfixe_view_create_model (LotseView  *view,
                                  LotseStore *store)
{
  LotseJourfixeView *self = LOTSE_JOURFIXE_VIEW (view);

  g_clear_object (&self->meetings);
  self->meetings = lotse_meeting_list_new (store);

  return G_LIST_MODEL (g_object_ref (self->meetings));
}

/* A meeting's title and time as the office reads them: in its zone. */
static void
fill_meeting_row (LotseJourfixeView *self,
                  LotseRecordRow    *row,
                  LotseRecord       *meeting)
{
  LotseStore *store = lotse_view_get_store (LOTSE_VIEW (self));
  g_autoptr(GTimeZone) zone = store != NULL ? lotse_office_get_time_zone (store)
                                            : g_time_zone_new_utc ();
  const char *series = self->catalog != NULL
                         ? lotse_jourfixe_catalog_get_title (self->catalog, LOTSE_TABLE_MEETING_SERIES,
                                                             lotse_record_get (meeting, LOTSE_MEETING_SERIES_ID))
                         : NULL;
  g_autofree char *title = lotse_meeting_format_title (meeting, series, zone);
  g_autofree char *when = lotse_jourfixe_format_when (lotse_record_get (meeting, LOTSE_MEETING_STARTS_AT), zone);

  lotse_record_row_set_title (row, title);
  lotse_record_row_set_subtitle (row, when ? when : _("No date yet"));
}

/* The plain row the base would use; replaced by the grouped rows below. */
static void
bind_meeting (LotseRecordRow *row,
              LotseRecord    *meeting,
              gpointer        user_data)
{
  fill_meeting_row (LOTSE_JOURFIXE_VIEW (user_data), row, meeting);
}

static void
setup_row (GtkSignalListItemFactory *factory,
           GtkListItem              *list_item,
           gpointer                  user_data)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *heading = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (heading), 0);
  gtk_label_set_ellipsize (GTK_LABEL (heading), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (heading, "heading");
  gtk_widget_add_css_class (heading, "meeting-group");
  gtk_box_append (GTK_BOX (box), heading);
  gtk_box_append (GTK_BOX (box), lotse_record_row_new ());
  gtk_list_item_set_child (list_item, box);
}

static void
bind_row (GtkSignalListItemFactory *factory,
          GtkListItem              *list_item,
          LotseJourfixeView        *self)
{
  LotseRecord *meeting = gtk_list_item_get_item (list_item);
  GtkWidget *box = gtk_list_item_get_child (list_item);
  GtkWidget *heading = gtk_widget_get_first_child (box);
  LotseRecordRow *row = LOTSE_RECORD_ROW (gtk_widget_get_next_sibling (heading));
  const char *group = NULL;
  const char *status;

  if (meeting == NULL)
    return;

  if (self->meetings != NULL)
    group = lotse_meeting_list_get_heading (self->meetings, gtk_list_item_get_position (list_item));
  gtk_label_set_text (GTK_LABEL (heading), group ? group : "");
  gtk_widget_set_visible (heading, group != NULL);

  status = lotse_record_get (meeting, LOTSE_MEETING_STATUS);
  fill_meeting_row (self, row, meeting);
  lotse_record_row_set_badge (row, lotse_enum_value_label (LOTSE_TABLE_MEETING, LOTSE_MEETING_STATUS, status), NULL);
  lotse_conflict_badge_set_record (lotse_conflict_badge_ensure (GTK_WIDGET (row)), LOTSE_TABLE_MEETING,
                                   lotse_record_get_id (meeting));

  /* The meeting open on the right is marked, in the list's own way. */
  if (g_strcmp0 (lotse_record_get_id (meeting), self->current_id) == 0)
    {
      gtk_widget_add_css_class (gtk_widget_get_parent (box), "current-meeting");
      gtk_accessible_update_state (GTK_ACCESSIBLE (gtk_widget_get_parent (box)),
                                   GTK_ACCESSIBLE_STATE_SELECTED, TRUE, -1);
    }
  else
    {
      gtk_widget_remove_css_class (gtk_widget_get_parent (box), "current-meeting");
      gtk_accessible_update_state (GTK_ACCESSIBLE (gtk_widget_get_parent (box)),
                                   GTK_ACCESSIBLE_STATE_SELECTED, FALSE, -1);
    }
}

static void
set_current (LotseJourfixeView *self,
             const char        *id)
{
  g_autofree char *old = g_steal_pointer (&self->current_id);

  self->current_id = g_strdup (id);
  if (self->meetings != NULL && g_strcmp0 (old, id) != 0)
    {
      lotse_meeting_list_refresh_row (self->meetings, old);
      lotse_meeting_list_refresh_row (self->meetings, id);
    }
}

static void
show_page (LotseJourfixeView *self,
           const char        *page)
{
  if (!g_str_equal (page, "meeting"))
    set_current (self, NULL);
  gtk_stack_set_visible_child_name (self->detail_stack, page);
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
}

gboolean
lotse_jourfixe_view_show_meeting (LotseJourfixeView *self,
                                  const char        *id)
{
  lotse_meeting_detail_set_meeting (self->meeting_detail, id);
  if (lotse_meeting_detail_get_meeting_id (self->meeting_detail) == NULL)
    return FALSE;

  show_page (self, "meeting");
  set_current (self, id);
  return TRUE;
}

gboolean
lotse_jourfixe_view_show_series (LotseJourfixeView *self,
                                 const char        *id)
{
  lotse_series_editor_set_series (self->series_editor, id);
  if (lotse_series_editor_get_series_id (self->series_editor) == NULL)
    return FALSE;

  show_page (self, "series");
  return TRUE;
}

static void
on_list_activate (GtkListView       *list_view,
                  guint              position,
                  LotseJourfixeView *self)
{
  GListModel *model = G_LIST_MODEL (gtk_list_view_get_model (list_view));
  g_autoptr(LotseRecord) meeting = g_list_model_get_item (model, position);

  if (meeting != NULL)
    lotse_jourfixe_view_show_meeting (self, lotse_record_get_id (meeting));
}

static void
rebuild_series_menu (LotseJourfixeView *self)
{
  GListModel *names;
  guint n;

  g_menu_remove_all (self->series_menu);
  if (self->catalog == NULL)
    return;

  names = lotse_jourfixe_catalog_get_names (self->catalog, LOTSE_TABLE_MEETING_SERIES);
  n = g_list_model_get_n_items (names);
  for (guint i = 1; i < n; i++)
    {
      g_autoptr(GtkStringObject) name = g_list_model_get_item (names, i);
      g_autoptr(GMenuItem) item = g_menu_item_new (NULL, NULL);
      g_autofree char *label = NULL;
      const char *id = lotse_jourfixe_catalog_get_id_at (self->catalog, LOTSE_TABLE_MEETING_SERIES, i);

      /* Titles are data, not mnemonics. */
      label = g_strdup (gtk_string_object_get_string (name));
      g_strdelimit (label, "_", ' ');
      g_menu_item_set_label (item, label);
      g_menu_item_set_action_and_target (item, "jourfixe.edit-series", "s", id);
      g_menu_append_item (self->series_menu, item);
    }

  gtk_widget_set_sensitive (GTK_WIDGET (self->series_button), n > 1);
}

static void
on_catalog_changed (LotseJourfixeView *self,
                    const char        *table)
{
  if (g_str_equal (table, LOTSE_TABLE_MEETING_SERIES))
    rebuild_series_menu (self);
}

static void
on_store_changed (LotseJourfixeView *self,
                  const char        *table,
                  const char        *id,
                  LotseStore        *store)
{
  const char *page = gtk_stack_get_visible_child_name (self->detail_stack);

  /* The open record went away (here or through sync). */
  if (g_str_equal (page, "meeting") && g_str_equal (table, LOTSE_TABLE_MEETING) &&
      lotse_meeting_detail_get_meeting_id (self->meeting_detail) == NULL)
    gtk_stack_set_visible_child_name (self->detail_stack, "none");
  else if (g_str_equal (page, "series") && g_str_equal (table, LOTSE_TABLE_MEETING_SERIES) &&
           lotse_series_editor_get_series_id (self->series_editor) == NULL)
    gtk_stack_set_visible_child_name (self->detail_stack, "none");
}

static void
load_store (LotseJourfixeView *self)
{
  LotseStore *store = lotse_view_get_store (LOTSE_VIEW (self));

  lotse_meeting_detail_set_catalog (self->meeting_detail, NULL);
  lotse_series_editor_set_catalog (self->series_editor, NULL);
  lotse_registers_set_catalog (self->registers, NULL);
  lotse_my_actions_set_catalog (self->my_actions, NULL);
  if (self->catalog != NULL)
    g_signal_handlers_disconnect_by_func (lotse_jourfixe_catalog_get_store (self->catalog),
                                          on_store_changed, self);
  g_clear_object (&self->catalog);
  g_array_set_size (self->undo, 0);
  gtk_stack_set_visible_child_name (self->detail_stack, "none");

  if (store != NULL)
    {
      self->catalog = lotse_jourfixe_catalog_new (store);
      g_signal_connect_object (self->catalog, "changed", G_CALLBACK (on_catalog_changed), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (store, "changed", G_CALLBACK (on_store_changed), self,
                               G_CONNECT_SWAPPED | G_CONNECT_AFTER);
      lotse_meeting_detail_set_catalog (self->meeting_detail, self->catalog);
      lotse_series_editor_set_catalog (self->series_editor, self->catalog);
      lotse_registers_set_catalog (self->registers, self->catalog);
      lotse_my_actions_set_catalog (self->my_actions, self->catalog);
    }

  rebuild_series_menu (self);
}

static void
lotse_jourfixe_view_load (LotsePanel *panel)
{
  LOTSE_PANEL_CLASS (lotse_jourfixe_view_parent_class)->load (panel);
  load_store (LOTSE_JOURFIXE_VIEW (panel));
}

/* --- actions -------------------------------------------------------------- */

/* Tomorrow at 10:00 in the office. */
static char *
default_start (LotseStore *store)
{
  g_autoptr(GTimeZone) zone = lotse_office_get_time_zone (store);
  g_autoptr(GDateTime) now = g_date_time_new_now (zone);
  g_autoptr(GDateTime) tomorrow = g_date_time_add_days (now, 1);
  g_autoptr(GDateTime) start = g_date_time_new (zone, g_date_time_get_year (tomorrow),
                                                g_date_time_get_month (tomorrow),
                                                g_date_time_get_day_of_month (tomorrow),
                                                10, 0, 0);

  return lotse_time_to_stored (start);
}

static void
new_meeting_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  LotseJourfixeView *self = LOTSE_JOURFIXE_VIEW (widget);
  LotseStore *store = lotse_view_get_store (LOTSE_VIEW (self));
  g_autoptr(LotseRecord) meeting = NULL;
  g_autofree char *start = NULL;

  if (store == NULL)
    return;

  start = default_start (store);
  meeting = lotse_record_new_for_table (LOTSE_TABLE_MEETING);
  lotse_record_set (meeting, LOTSE_MEETING_TITLE, _("New meeting"));
  lotse_record_set (meeting, LOTSE_MEETING_KIND, "jour_fixe");
  lotse_record_set (meeting, LOTSE_MEETING_STATUS, "draft");
  lotse_record_set (meeting, LOTSE_MEETING_STARTS_AT, start);
  lotse_record_set_int (meeting, LOTSE_MEETING_DURATION_MIN, 60);
  if (!lotse_jourfixe_insert (widget, store, meeting))
    return;

  if (lotse_jourfixe_view_show_meeting (self, lotse_record_get_id (meeting)))
    {
      AdwEntryRow *title = lotse_meeting_detail_get_title_row (self->meeting_detail);

      lotse_meeting_detail_set_details_expanded (self->meeting_detail, TRUE);
      gtk_widget_grab_focus (GTK_WIDGET (title));
      gtk_editable_select_region (GTK_EDITABLE (title), 0, -1);
    }
}

static void
new_series_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  LotseJourfixeView *self = LOTSE_JOURFIXE_VIEW (widget);
  LotseStore *store = lotse_view_get_store (LOTSE_VIEW (self));
  g_autoptr(LotseRecord) series = NULL;
  g_autoptr(GTimeZone) zone = NULL;
  g_autoptr(GDateTime) now = NULL;
  LotseRecurrencePattern every_two_weeks = { LOTSE_RECURRENCE_WEEKLY, 2, };
  g_autoptr(LotseRecurrence) recurrence = NULL;
  g_autofree char *rule = NULL;

  if (store == NULL)
    return;

  /* Every other week on today's weekday, as a jour fixe usually meets. */
  zone = lotse_office_get_time_zone (store);
  now = g_date_time_new_now (zone);
  every_two_weeks.weekday = g_date_time_get_day_of_week (now);
  recurrence = lotse_recurrence_new (&every_two_weeks);
  rule = lotse_recurrence_to_string (recurrence);

  series = lotse_record_new_for_table (LOTSE_TABLE_MEETING_SERIES);
  lotse_record_set (series, LOTSE_MEETING_SERIES_TITLE, _("New series"));
  lotse_record_set (series, LOTSE_MEETING_SERIES_KIND, "jour_fixe");
  lotse_record_set (series, LOTSE_MEETING_SERIES_RECURRENCE, rule);
  lotse_record_set_int (series, LOTSE_MEETING_SERIES_DEFAULT_DURATION_MIN, 90);
  if (!lotse_jourfixe_insert (widget, store, series))
    return;

  if (lotse_jourfixe_view_show_series (self, lotse_record_get_id (series)))
    {
      AdwEntryRow *title = lotse_series_editor_get_title_row (self->series_editor);

      gtk_widget_grab_focus (GTK_WIDGET (title));
      gtk_editable_select_region (GTK_EDITABLE (title), 0, -1);
    }
}

static void
show_registers_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  LotseJourfixeView *self = LOTSE_JOURFIXE_VIEW (widget);

  if (self->catalog == NULL)
    return;

  lotse_registers_reload (self->registers);
  show_page (self, "registers");
}

static void
show_my_actions_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  LotseJourfixeView *self = LOTSE_JOURFIXE_VIEW (widget);

  if (self->catalog == NULL)
    return;

  lotse_my_actions_reload (self->my_actions);
  show_page (self, "my-actions");
}

static void
show_meeting_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  LotseJourfixeView *self = LOTSE_JOURFIXE_VIEW (widget);

  if (!lotse_jourfixe_view_show_meeting (self, g_variant_get_string (parameter, NULL)))
    lotse_jourfixe_toast (widget, _("This record no longer exists"));
}

static void
edit_series_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  LotseJourfixeView *self = LOTSE_JOURFIXE_VIEW (widget);

  if (!lotse_jourfixe_view_show_series (self, g_variant_get_string (parameter, NULL)))
    lotse_jourfixe_toast (widget, _("This record no longer exists"));
}

static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  const char *table = g_str_equal (action_name, "jourfixe.delete-series") ? LOTSE_TABLE_MEETING_SERIES : LOTSE_TABLE_MEETING;

  lotse_jourfixe_view_delete (LOTSE_JOURFIXE_VIEW (widget), table, g_variant_get_string (parameter, NULL));
}

/* The meeting or series open on the right, for the shortcuts that act on it. */
static const char *
current_record (LotseJourfixeView  *self,
                const char        **table)
{
  const char *page = gtk_stack_get_visible_child_name (self->detail_stack);

  if (g_str_equal (page, "meeting"))
    {
      *table = LOTSE_TABLE_MEETING;
      return lotse_meeting_detail_get_meeting_id (self->meeting_detail);
    }
  if (g_str_equal (page, "series"))
    {
      *table = LOTSE_TABLE_MEETING_SERIES;
      return lotse_series_editor_get_series_id (self->series_editor);
    }

  *table = NULL;
  return NULL;
}

static void
delete_current_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  LotseJourfixeView *self = LOTSE_JOURFIXE_VIEW (widget);
  const char *table;
  const char *id = current_record (self, &table);

  if (id != NULL)
    lotse_jourfixe_view_delete (self, table, id);
  else
    gtk_widget_error_bell (widget);
}

static void
toggle_minutes_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  LotseJourfixeView *self = LOTSE_JOURFIXE_VIEW (widget);
  const char *table;

  if (current_record (self, &table) == NULL || !g_str_equal (table, LOTSE_TABLE_MEETING))
    {
      gtk_widget_error_bell (widget);
      return;
    }

  lotse_meeting_detail_set_minutes (self->meeting_detail,
                                    !lotse_meeting_detail_get_minutes (self->meeting_detail));
}

static void
add_item_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  LotseJourfixeView *self = LOTSE_JOURFIXE_VIEW (widget);
  const char *table;

  if (current_record (self, &table) == NULL || !g_str_equal (table, LOTSE_TABLE_MEETING))
    {
      gtk_widget_error_bell (widget);
      return;
    }

  gtk_widget_activate_action (GTK_WIDGET (self->meeting_detail), "meeting.add-item", NULL);
}

static void
prepare_next (LotseJourfixeView *self,
              const char        *series_id)
{
  LotseStore *store = lotse_view_get_store (LOTSE_VIEW (self));
  g_autoptr(GError) error = NULL;
  g_autoptr(LotseRecord) meeting = NULL;

  if (store == NULL)
    return;

  meeting = lotse_meeting_prepare_next (store, series_id, NULL, &error);
  if (meeting == NULL)
    {
      lotse_jourfixe_toast (GTK_WIDGET (self), error->message);
      return;
    }

  lotse_jourfixe_view_show_meeting (self, lotse_record_get_id (meeting));
}

static void
prepare_next_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  prepare_next (LOTSE_JOURFIXE_VIEW (widget), g_variant_get_string (parameter, NULL));
}

/* The series of the meeting or series open on the right. */
static void
prepare_current_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  LotseJourfixeView *self = LOTSE_JOURFIXE_VIEW (widget);
  const char *table;
  const char *id = current_record (self, &table);
  g_autoptr(LotseRecord) meeting = NULL;

  if (id != NULL && g_str_equal (table, LOTSE_TABLE_MEETING))
    {
      meeting = lotse_store_get (lotse_view_get_store (LOTSE_VIEW (self)), LOTSE_TABLE_MEETING, id, NULL);
      id = meeting ? lotse_record_get (meeting, LOTSE_MEETING_SERIES_ID) : NULL;
    }

  if (id == NULL)
    {
      lotse_jourfixe_toast (widget, _("Open a meeting series or one of its meetings first"));
      return;
    }

  prepare_next (self, id);
}

/**
 * lotse_jourfixe_view_export_ics:
 * @self: the view
 * @table: "meeting" or "meeting_series"
 * @id: the record
 * @path: the file to write
 *
 * Writes the iCalendar file and says so, or why not, in a toast.
 *
 * Returns: whether the file was written
 */
gboolean
lotse_jourfixe_view_export_ics (LotseJourfixeView *self,
                                const char        *table,
                                const char        *id,
                                const char        *path)
{
  LotseStore *store = lotse_view_get_store (LOTSE_VIEW (self));
  g_autoptr(GError) error = NULL;
  g_autofree char *basename = NULL;
  g_autofree char *message = NULL;
  gboolean ok;

  g_return_val_if_fail (LOTSE_IS_JOURFIXE_VIEW (self), FALSE);

  if (store == NULL)
    return FALSE;

  if (g_str_equal (table, LOTSE_TABLE_MEETING_SERIES))
    ok = lotse_ics_export_series (store, id, path, &error);
  else
    ok = lotse_ics_export_meeting (store, id, path, &error);

  if (!ok)
    {
      lotse_jourfixe_toast (GTK_WIDGET (self), error->message);
      return FALSE;
    }

  basename = g_path_get_basename (path);
  /* Translators: %s is the name of the calendar file written */
  message = g_strdup_printf (_("Saved “%s”"), basename);
  lotse_jourfixe_toast (GTK_WIDGET (self), message);

  return TRUE;
}

static void
on_export_response (GtkNativeDialog   *dialog,
                    int                response,
                    LotseJourfixeView *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autofree char *path = file ? g_file_get_path (file) : NULL;

      if (path != NULL)
        lotse_jourfixe_view_export_ics (self,
                                        g_object_get_data (G_OBJECT (dialog), "table"),
                                        g_object_get_data (G_OBJECT (dialog), "id"),
                                        path);
    }

  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);
  g_object_unref (self);
}

/**
 * lotse_jourfixe_view_suggest_ics_name:
 * @store: the store
 * @record: a meeting or meeting series
 *
 * Returns: (transfer full): the file name offered for its calendar file:
 *   its title, for a meeting with its day in the office (prepared
 *   meetings share their series' title), without characters file names
 *   do not like
 */
char *
lotse_jourfixe_view_suggest_ics_name (LotseStore  *store,
                                      LotseRecord *record)
{
  g_autoptr(GTimeZone) zone = lotse_office_get_time_zone (store);
  g_autofree char *date = NULL;
  char *name;

  if (g_str_equal (lotse_record_get_table_name (record), LOTSE_TABLE_MEETING))
    date = lotse_meeting_get_date (record, zone);

  if (date != NULL)
    name = g_strdup_printf ("%s-%s.ics", lotse_record_get_title (record), date);
  else
    name = g_strdup_printf ("%s.ics", lotse_record_get_title (record));
  g_strdelimit (name, "/\\:*?\"<>|", '-');

  return name;
}

static void
export_ics (LotseJourfixeView *self,
            const char        *table,
            const char        *id)
{
  LotseStore *store = lotse_view_get_store (LOTSE_VIEW (self));
  g_autoptr(LotseRecord) record = NULL;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autofree char *name = NULL;
  GtkFileChooserNative *dialog;
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (store == NULL || (record = lotse_store_get (store, table, id, NULL)) == NULL)
    {
      lotse_jourfixe_toast (GTK_WIDGET (self), _("This record no longer exists"));
      return;
    }

  dialog = gtk_file_chooser_native_new (_("Export to Calendar"),
                                        GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                        GTK_FILE_CHOOSER_ACTION_SAVE,
                                        _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  gtk_file_filter_set_name (filter, _("iCalendar files"));
  gtk_file_filter_add_mime_type (filter, "text/calendar");
  gtk_file_filter_add_suffix (filter, "ics");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), filter);

  name = lotse_jourfixe_view_suggest_ics_name (store, record);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), name);

  g_object_set_data_full (G_OBJECT (dialog), "table", g_strdup (table), g_free);
  g_object_set_data_full (G_OBJECT (dialog), "id", g_strdup (id), g_free);
  g_signal_connect (dialog, "response", G_CALLBACK (on_export_response), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  const char *table = g_str_equal (action_name, "jourfixe.export-series") ? LOTSE_TABLE_MEETING_SERIES : LOTSE_TABLE_MEETING;

  export_ics (LOTSE_JOURFIXE_VIEW (widget), table, g_variant_get_string (parameter, NULL));
}

static void
export_current_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  LotseJourfixeView *self = LOTSE_JOURFIXE_VIEW (widget);
  const char *table;
  const char *id = current_record (self, &table);

  if (id == NULL)
    {
      lotse_jourfixe_toast (widget, _("Open a meeting or a meeting series first"));
      return;
    }

  export_ics (self, table, id);
}

static void
undo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  if (!lotse_jourfixe_view_undo (LOTSE_JOURFIXE_VIEW (widget)))
    gtk_widget_error_bell (widget);
}

static void
back_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  LotseJourfixeView *self = LOTSE_JOURFIXE_VIEW (widget);

  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
}

/* --- LotseView ------------------------------------------------------------ */

static gboolean
lotse_jourfixe_view_open_record (LotseView  *view,
                                 const char *table,
                                 const char *id)
{
  LotseJourfixeView *self = LOTSE_JOURFIXE_VIEW (view);
  LotseStore *store = lotse_view_get_store (view);
  g_autoptr(LotseRecord) record = NULL;
  const char *meeting_id;
  const char *item_id = NULL;

  if (store == NULL)
    return FALSE;

  if (g_str_equal (table, LOTSE_TABLE_MEETING))
    return lotse_jourfixe_view_show_meeting (self, id);
  if (g_str_equal (table, LOTSE_TABLE_MEETING_SERIES))
    return lotse_jourfixe_view_show_series (self, id);

  if (!g_str_equal (table, LOTSE_TABLE_AGENDA_ITEM) && !g_str_equal (table, LOTSE_TABLE_DECISION) &&
      !g_str_equal (table, LOTSE_TABLE_ACTION_ITEM) && !g_str_equal (table, LOTSE_TABLE_MEETING_PARTICIPANT))
    return FALSE;

  record = lotse_store_get (store, table, id, NULL);
  if (record == NULL)
    return FALSE;

  meeting_id = lotse_record_get (record, LOTSE_MEETING_PARTICIPANT_MEETING_ID);
  if (g_str_equal (table, LOTSE_TABLE_AGENDA_ITEM))
    item_id = id;
  else if (!g_str_equal (table, LOTSE_TABLE_MEETING_PARTICIPANT))
    item_id = lotse_record_get (record, LOTSE_ACTION_ITEM_AGENDA_ITEM_ID);

  /* An action item from outside a meeting is found in its register. */
  if (meeting_id == NULL)
    {
      lotse_registers_reload (self->registers);
      lotse_registers_show (self->registers,
                            g_str_equal (table, LOTSE_TABLE_DECISION) ? "decisions" : "actions");
      show_page (self, "registers");
      return TRUE;
    }

  if (!lotse_jourfixe_view_show_meeting (self, meeting_id))
    return FALSE;

  /* Decisions and action items are written in minutes mode. */
  if (!g_str_equal (table, LOTSE_TABLE_AGENDA_ITEM) && !g_str_equal (table, LOTSE_TABLE_MEETING_PARTICIPANT))
    lotse_meeting_detail_set_minutes (self->meeting_detail, TRUE);
  if (item_id != NULL)
    lotse_meeting_detail_focus_item (self->meeting_detail, item_id);

  return TRUE;
}

/* --- class ---------------------------------------------------------------- */

static void
lotse_jourfixe_view_dispose (GObject *object)
{
  LotseJourfixeView *self = LOTSE_JOURFIXE_VIEW (object);

  if (self->undo_toast != NULL)
    g_signal_handlers_disconnect_by_data (self->undo_toast, self);
  self->undo_toast = NULL;
  if (self->catalog != NULL)
    g_signal_handlers_disconnect_by_func (lotse_jourfixe_catalog_get_store (self->catalog),
                                          on_store_changed, self);

  gtk_widget_dispose_template (GTK_WIDGET (object), LOTSE_TYPE_JOURFIXE_VIEW);

  g_clear_object (&self->catalog);
  g_clear_object (&self->meetings);
  g_clear_object (&self->series_menu);
  g_clear_pointer (&self->undo, g_array_unref);
  g_clear_pointer (&self->current_id, g_free);

  G_OBJECT_CLASS (lotse_jourfixe_view_parent_class)->dispose (object);
}

static void
lotse_jourfixe_view_class_init (LotseJourfixeViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  LotseViewClass *view_class = LOTSE_VIEW_CLASS (klass);

  object_class->dispose = lotse_jourfixe_view_dispose;
  LOTSE_PANEL_CLASS (klass)->load = lotse_jourfixe_view_load;
  view_class->open_record = lotse_jourfixe_view_open_record;
  view_class->create_model = lotse_jourfixe_view_create_model;

  g_type_ensure (LOTSE_TYPE_MEETING_DETAIL);
  g_type_ensure (LOTSE_TYPE_SERIES_EDITOR);
  g_type_ensure (LOTSE_TYPE_REGISTERS);
  g_type_ensure (LOTSE_TYPE_MY_ACTIONS);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/app/lotse/Lotse/jourfixe/lotse-jourfixe-view.ui");
  gtk_widget_class_bind_template_child (widget_class, LotseJourfixeView, leaflet);
  gtk_widget_class_bind_template_child (widget_class, LotseJourfixeView, sidebar);
  gtk_widget_class_bind_template_child (widget_class, LotseJourfixeView, stack);
  gtk_widget_class_bind_template_child (widget_class, LotseJourfixeView, list_view);
  gtk_widget_class_bind_template_child (widget_class, LotseJourfixeView, series_button);
  gtk_widget_class_bind_template_child (widget_class, LotseJourfixeView, detail_stack);
  gtk_widget_class_bind_template_child (widget_class, LotseJourfixeView, meeting_detail);
  gtk_widget_class_bind_template_child (widget_class, LotseJourfixeView, series_editor);
  gtk_widget_class_bind_template_child (widget_class, LotseJourfixeView, registers);
  gtk_widget_class_bind_template_child (widget_class, LotseJourfixeView, my_actions);
  gtk_widget_class_bind_template_callback (widget_class, on_list_activate);

  gtk_widget_class_install_action (widget_class, "jourfixe.new-meeting", NULL, new_meeting_action);
  gtk_widget_class_install_action (widget_class, "jourfixe.new-series", NULL, new_series_action);
  gtk_widget_class_install_action (widget_class, "jourfixe.show-registers", NULL, show_registers_action);
  gtk_widget_class_install_action (widget_class, "jourfixe.show-my-actions", NULL, show_my_actions_action);
  gtk_widget_class_install_action (widget_class, "jourfixe.show-meeting", "s", show_meeting_action);
  gtk_widget_class_install_action (widget_class, "jourfixe.edit-series", "s", edit_series_action);
  gtk_widget_class_install_action (widget_class, "jourfixe.delete-meeting", "s", delete_action);
  gtk_widget_class_install_action (widget_class, "jourfixe.delete-series", "s", delete_action);
  gtk_widget_class_install_action (widget_class, "jourfixe.delete-current", NULL, delete_current_action);
  gtk_widget_class_install_action (widget_class, "jourfixe.toggle-minutes", NULL, toggle_minutes_action);
  gtk_widget_class_install_action (widget_class, "jourfixe.add-item", NULL, add_item_action);
  gtk_widget_class_install_action (widget_class, "jourfixe.undo", NULL, undo_action);
  gtk_widget_class_install_action (widget_class, "jourfixe.prepare-next", "s", prepare_next_action);
  gtk_widget_class_install_action (widget_class, "jourfixe.prepare-current", NULL, prepare_current_action);
  gtk_widget_class_install_action (widget_class, "jourfixe.export-meeting", "s", export_action);
  gtk_widget_class_install_action (widget_class, "jourfixe.export-series", "s", export_action);
  gtk_widget_class_install_action (widget_class, "jourfixe.export-current", NULL, export_current_action);
  gtk_widget_class_install_action (widget_class, "jourfixe.back", NULL, back_action);
}

static void
lotse_jourfixe_view_init (LotseJourfixeView *self)
{
  static const LotseViewShortcut shortcuts[] = {
    { "<Control>n", "jourfixe.new-meeting" },
    { "<Control><Shift>n", "jourfixe.new-series" },
    { "<Control><Shift>r", "jourfixe.show-registers" },
    { "<Control><Shift>t", "jourfixe.show-my-actions" },
    { "<Control>m", "jourfixe.toggle-minutes" },
    { "<Control><Shift>a", "jourfixe.add-item" },
    { "<Shift>Delete", "jourfixe.delete-current" },
    { "<Control>z", "jourfixe.undo" },
    { "<Control><Shift>m", "jourfixe.prepare-current" },
    { "<Control><Shift>e", "jourfixe.export-current" },
    { "<Alt>Left", "jourfixe.back" },
  };
  g_autoptr(GtkListItemFactory) factory = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));

  lotse_jourfixe_view_init_undo (self);

  self->series_menu = g_menu_new ();
  gtk_menu_button_set_menu_model (self->series_button, G_MENU_MODEL (self->series_menu));

  /* The base follows the store and the number of meetings; the rows are
   * this view's own, with the group headings. */
  lotse_view_show_records (LOTSE_VIEW (self), self->stack, self->list_view,
                           LOTSE_TABLE_MEETING, "-starts_at", bind_meeting);

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (setup_row), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row), self);
  gtk_list_view_set_factory (self->list_view, factory);

  lotse_view_shortcuts_add (GTK_WIDGET (self), shortcuts, G_N_ELEMENTS (shortcuts));
}

const char *
lotse_jourfixe_view_get_page (LotseJourfixeView *self)
{
  g_return_val_if_fail (LOTSE_IS_JOURFIXE_VIEW (self), NULL);

  return gtk_stack_get_visible_child_name (self->detail_stack);
}

LotseMeetingDetail *
lotse_jourfixe_view_get_meeting_detail (LotseJourfixeView *self)
{
  return self->meeting_detail;
}

LotseSeriesEditor *
lotse_jourfixe_view_get_series_editor (LotseJourfixeView *self)
{
  return self->series_editor;
}

LotseRegisters *
lotse_jourfixe_view_get_registers (LotseJourfixeView *self)
{
  return self->registers;
}

LotseMyActions *
lotse_jourfixe_view_get_my_actions (LotseJourfixeView *self)
{
  return self->my_actions;
}

GtkListView *
lotse_jourfixe_view_get_list_view (LotseJourfixeView *self)
{
  return self->list_view;
}
