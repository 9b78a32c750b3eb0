/* lotse-agenda-row.c: one item of a meeting's agenda, with its minutes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A line with the computed start time, the title, what kind of item it is,
 * who presents it and how long it takes. Activating the row opens its
 * editor (LotseAgendaEditor). In minutes mode the current item's row
 * also shows its notes, state, decisions and action items
 * (LotseAgendaMinutes) and the running clock against its time box; the
 * other rows shrink to the title and time box, so the agenda around the
 * current item stays a compact list. Editor and minutes are built the
 * first time they are needed, so a meeting with many items opens at once.
 *
 * The row can be dragged onto another row, and moved with Alt+Up and
 * Alt+Down; it asks its meeting to do the moving with ::move and
 * ::drop-item, since positions are the meeting's business.
 */

#define G_LOG_DOMAIN "lotse-agenda-row"

#include "config.h"

#include <glib/gi18n.h>

#include "lotse-agenda-editor.h"
#include "lotse-agenda-minutes.h"
#include "lotse-agenda-row.h"
#include "lotse-conflict-badge.h"
#include "lotse-jourfixe-private.h"

struct _LotseAgendaRow
{
  GtkListBoxRow         parent_instance;

  LotseJourfixeCatalog *catalog;
  LotseRecord          *item;
  GPtrArray            *decisions;
  GPtrArray            *action_items;
  gboolean              minutes_mode;
  gboolean              current;
  gboolean              locked;
  char                 *start_text;

  GtkWidget            *line;
  GtkLabel             *start_label;
  GtkLabel             *title_label;
  GtkLabel             *subtitle_label;
  GtkWidget            *status_box;
  GtkImage             *status_icon;
  GtkLabel             *status_label;
  GtkLabel             *duration_label;
  GtkWidget            *clock_box;
  GtkWidget            *clock_icon;
  GtkLabel             *clock_label;
  GtkToggleButton      *expand_button;
  GtkWidget            *approve_button;
  LotseConflictBadge   *conflict_badge;

  /* Built on first use */
  LotseAgendaEditor    *editor;
  LotseAgendaMinutes   *minutes;
};

G_DEFINE_FINAL_TYPE (LotseAgendaRow, lotse_agenda_row, GTK_TYPE_LIST_BOX_ROW)

enum {
  MOVE,
  DROP_ITEM,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* What a screen reader says for the row: the line as one sentence. */
static void
update_accessible_label (LotseAgendaRow *self)
{
  g_autofree char *label = NULL;

  if (self->item == NULL)
    return;

  /* Translators: an agenda item for screen readers: start time, title,
   * kind, presenter and so on, and the duration */
  label = g_strdup_printf (_("%s %s, %s, %s"),
                           self->start_text ? self->start_text : "",
                           gtk_label_get_text (self->title_label),
                           gtk_label_get_text (self->subtitle_label),
                           gtk_label_get_text (self->duration_label));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
}

static void
append_title (LotseAgendaRow *self,
              GString        *text,
              const char     *table,
              const char     *field)
{
  const char *title = lotse_jourfixe_catalog_get_title (self->catalog, table,
                                                        lotse_record_get (self->item, field));

  if (title != NULL)
    g_string_append_printf (text, " · %s", title);
}

static void
update_summary (LotseAgendaRow *self)
{
  LotseRecord *item = self->item;
  const char *status = lotse_record_get (item, LOTSE_AGENDA_ITEM_STATUS);
  gint64 duration = lotse_record_get_int (item, LOTSE_AGENDA_ITEM_DURATION_MIN, 0);
  g_autoptr(GString) subtitle = g_string_new (lotse_enum_value_label (LOTSE_TABLE_AGENDA_ITEM, LOTSE_AGENDA_ITEM_KIND,
                                                                      lotse_record_get (item, LOTSE_AGENDA_ITEM_KIND)));
  g_autofree char *duration_text = NULL;

  gtk_label_set_text (self->title_label, lotse_record_get (item, LOTSE_AGENDA_ITEM_TITLE));
  gtk_actionable_set_action_target (GTK_ACTIONABLE (self->approve_button), "s", lotse_record_get_id (item));
  gtk_widget_set_visible (self->approve_button,
                          lotse_record_get (item, LOTSE_AGENDA_ITEM_APPROVES_MEETING_ID) != NULL &&
                          g_strcmp0 (status, "done") != 0);

  append_title (self, subtitle, LOTSE_TABLE_PERSON, LOTSE_AGENDA_ITEM_PRESENTER_PERSON_ID);
  append_title (self, subtitle, LOTSE_TABLE_PROJECT, LOTSE_AGENDA_ITEM_PROJECT_ID);
  append_title (self, subtitle, LOTSE_TABLE_MILESTONE, LOTSE_AGENDA_ITEM_MILESTONE_ID);
  gtk_label_set_text (self->subtitle_label, subtitle->str);

  /* Translators: the length of an agenda item in minutes */
  duration_text = g_strdup_printf (ngettext ("%d min", "%d min", (int)duration), (int)duration);
  gtk_label_set_text (self->duration_label, duration_text);

  /* Done and deferred say so in words, with an icon beside. */
  gtk_widget_set_visible (self->status_box, g_strcmp0 (status, "open") != 0);
  gtk_label_set_text (self->status_label,
                      lotse_enum_value_label (LOTSE_TABLE_AGENDA_ITEM, LOTSE_AGENDA_ITEM_STATUS, status));
  gtk_image_set_from_icon_name (self->status_icon,
                                g_strcmp0 (status, "done") == 0 ? "object-select-symbolic"
                                                                 : "media-seek-forward-symbolic");
  update_accessible_label (self);
}

static void
ensure_editor (LotseAgendaRow *self)
{
  if (self->editor != NULL)
    return;

  self->editor = LOTSE_AGENDA_EDITOR (lotse_agenda_editor_new (self->catalog));
  gtk_widget_set_visible (GTK_WIDGET (self->editor), FALSE);
  gtk_box_insert_child_after (GTK_BOX (gtk_list_box_row_get_child (GTK_LIST_BOX_ROW (self))),
                              GTK_WIDGET (self->editor), self->line);
  lotse_agenda_editor_set_item (self->editor, self->item);
  gtk_widget_set_sensitive (GTK_WIDGET (self->editor), !self->locked);
}

static void
ensure_minutes (LotseAgendaRow *self)
{
  if (self->minutes != NULL)
    return;

  self->minutes = LOTSE_AGENDA_MINUTES (lotse_agenda_minutes_new (self->catalog));
  gtk_widget_set_visible (GTK_WIDGET (self->minutes), FALSE);
  gtk_box_append (GTK_BOX (gtk_list_box_row_get_child (GTK_LIST_BOX_ROW (self))), GTK_WIDGET (self->minutes));
  lotse_agenda_minutes_set_item (self->minutes, self->item);
  lotse_agenda_minutes_set_records (self->minutes, self->decisions, self->action_items);
  lotse_agenda_minutes_set_locked (self->minutes, self->locked);
}

static void
update_visibility (LotseAgendaRow *self)
{
  gboolean expanded = gtk_toggle_button_get_active (self->expand_button);

  if (expanded)
    ensure_editor (self);
  if (self->editor != NULL)
    gtk_widget_set_visible (GTK_WIDGET (self->editor), expanded);

  if (self->minutes_mode && self->current)
    ensure_minutes (self);
  if (self->minutes != NULL)
    gtk_widget_set_visible (GTK_WIDGET (self->minutes), self->minutes_mode && self->current);

  /* During the meeting the other items are one line: title and time box. */
  gtk_widget_set_visible (GTK_WIDGET (self->subtitle_label), !self->minutes_mode || self->current);
  gtk_widget_set_visible (self->clock_box, self->minutes_mode && self->current);
  if (self->minutes_mode && self->current)
    gtk_widget_add_css_class (GTK_WIDGET (self), "current-item");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self), "current-item");
}

/* --- actions -------------------------------------------------------------- */

static void
move_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  g_signal_emit (widget, signals[MOVE], 0, g_str_equal (action_name, "agenda-item.move-up") ? -1 : 1);
}

static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  LotseAgendaRow *self = LOTSE_AGENDA_ROW (widget);

  lotse_jourfixe_delete (widget, LOTSE_TABLE_AGENDA_ITEM, lotse_record_get_id (self->item));
}

static void
toggle_expanded_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  LotseAgendaRow *self = LOTSE_AGENDA_ROW (widget);

  gtk_toggle_button_set_active (self->expand_button, !gtk_toggle_button_get_active (self->expand_button));
}

static void
add_decision_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  LotseAgendaRow *self = LOTSE_AGENDA_ROW (widget);

  ensure_minutes (self);
  lotse_agenda_minutes_add_decision (self->minutes);
}

static void
add_action_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  LotseAgendaRow *self = LOTSE_AGENDA_ROW (widget);

  ensure_minutes (self);
  lotse_agenda_minutes_add_action_item (self->minutes);
}

static void
delete_child_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  const char *table = g_str_equal (action_name, "agenda-item.delete-decision") ? LOTSE_TABLE_DECISION : LOTSE_TABLE_ACTION_ITEM;

  lotse_jourfixe_delete (widget, table, g_variant_get_string (parameter, NULL));
}

static void
set_status_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  static const char * const statuses[] = { "open", "done", "deferred", NULL };
  LotseAgendaRow *self = LOTSE_AGENDA_ROW (widget);
  const char *status = g_variant_get_string (parameter, NULL);

  if (g_strv_contains (statuses, status))
    lotse_jourfixe_save_field (widget, lotse_jourfixe_catalog_get_store (self->catalog),
                               &self->item, LOTSE_ACTION_ITEM_STATUS, status);
}

/* --- drag and drop -------------------------------------------------------- */

static GdkContentProvider *
on_drag_prepare (GtkDragSource  *source,
                 double          x,
                 double          y,
                 LotseAgendaRow *self)
{
  return gdk_content_provider_new_typed (G_TYPE_STRING, lotse_record_get_id (self->item));
}

static void
on_drag_begin (GtkDragSource  *source,
               GdkDrag        *drag,
               LotseAgendaRow *self)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (GTK_WIDGET (self));

  gtk_drag_source_set_icon (source, paintable, 0, 0);
}

static gboolean
on_drop (GtkDropTarget  *target,
         const GValue   *value,
         double          x,
         double          y,
         LotseAgendaRow *self)
{
  const char *source_id = g_value_get_string (value);

  if (source_id == NULL || g_strcmp0 (source_id, lotse_record_get_id (self->item)) == 0)
    return FALSE;

  g_signal_emit (self, signals[DROP_ITEM], 0, source_id);

  return TRUE;
}

/* --- class ---------------------------------------------------------------- */

static void
lotse_agenda_row_dispose (GObject *object)
{
  LotseAgendaRow *self = LOTSE_AGENDA_ROW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), LOTSE_TYPE_AGENDA_ROW);
  self->editor = NULL;
  self->minutes = NULL;
  g_clear_object (&self->catalog);
  g_clear_object (&self->item);
  g_clear_pointer (&self->decisions, g_ptr_array_unref);
  g_clear_pointer (&self->action_items, g_ptr_array_unref);
  g_clear_pointer (&self->start_text, g_free);

  G_OBJECT_CLASS (lotse_agenda_row_parent_class)->dispose (object);
}

static void
install_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "agenda-item.move-up", NULL, move_action);
  gtk_widget_class_install_action (widget_class, "agenda-item.move-down", NULL, move_action);
  gtk_widget_class_install_action (widget_class, "agenda-item.delete", NULL, delete_action);
  gtk_widget_class_install_action (widget_class, "agenda-item.toggle-expanded", NULL,
                                   toggle_expanded_action);
  gtk_widget_class_install_action (widget_class, "agenda-item.add-decision", NULL, add_decision_action);
  gtk_widget_class_install_action (widget_class, "agenda-item.add-action", NULL, add_action_action);
  gtk_widget_class_install_action (widget_class, "agenda-item.delete-decision", "s", delete_child_action);
  gtk_widget_class_install_action (widget_class, "agenda-item.delete-action", "s", delete_child_action);
  gtk_widget_class_install_action (widget_class, "agenda-item.set-status", "s", set_status_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Up, GDK_ALT_MASK,
                                       "agenda-item.move-up", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Up, GDK_ALT_MASK,
                                       "agenda-item.move-up", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Down, GDK_ALT_MASK,
                                       "agenda-item.move-down", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Down, GDK_ALT_MASK,
                                       "agenda-item.move-down", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Delete, GDK_CONTROL_MASK,
                                       "agenda-item.delete", NULL);
}

static void
lotse_agenda_row_class_init (LotseAgendaRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lotse_agenda_row_dispose;

  /**
   * LotseAgendaRow::move:
   * @delta: -1 to move the item up, 1 to move it down
   */
  signals[MOVE] =
    g_signal_new ("move", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_INT);

  /**
   * LotseAgendaRow::drop-item:
   * @id: the agenda item dropped on this row; it goes to this row's place
   */
  signals[DROP_ITEM] =
    g_signal_new ("drop-item", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);

  install_actions (widget_class);

  g_type_ensure (LOTSE_TYPE_CONFLICT_BADGE);
  gtk_widget_class_set_template_from_resource (widget_class, "/app/lotse/Lotse/jourfixe/lotse-agenda-row.ui");
  gtk_widget_class_bind_template_child (widget_class, LotseAgendaRow, line);
  gtk_widget_class_bind_template_child (widget_class, LotseAgendaRow, start_label);
  gtk_widget_class_bind_template_child (widget_class, LotseAgendaRow, title_label);
  gtk_widget_class_bind_template_child (widget_class, LotseAgendaRow, subtitle_label);
  gtk_widget_class_bind_template_child (widget_class, LotseAgendaRow, status_box);
  gtk_widget_class_bind_template_child (widget_class, LotseAgendaRow, status_icon);
  gtk_widget_class_bind_template_child (widget_class, LotseAgendaRow, status_label);
  gtk_widget_class_bind_template_child (widget_class, LotseAgendaRow, duration_label);
  gtk_widget_class_bind_template_child (widget_class, LotseAgendaRow, clock_box);
  gtk_widget_class_bind_template_child (widget_class, LotseAgendaRow, clock_icon);
  gtk_widget_class_bind_template_child (widget_class, LotseAgendaRow, clock_label);
  gtk_widget_class_bind_template_child (widget_class, LotseAgendaRow, expand_button);
  gtk_widget_class_bind_template_child (widget_class, LotseAgendaRow, approve_button);
  gtk_widget_class_bind_template_child (widget_class, LotseAgendaRow, conflict_badge);
  gtk_widget_class_bind_template_callback (widget_class, update_visibility);
  gtk_widget_class_bind_template_callback (widget_class, on_drag_prepare);
  gtk_widget_class_bind_template_callback (widget_class, on_drag_begin);

  gtk_widget_class_set_css_name (widget_class, "row");
}

static void
lotse_agenda_row_init (LotseAgendaRow *self)
{
  GtkDropTarget *drop;

  gtk_widget_init_template (GTK_WIDGET (self));

  /* The drop target's type is given at construction, which a template
   * cannot do. */
  drop = gtk_drop_target_new (G_TYPE_STRING, GDK_ACTION_MOVE);
  g_signal_connect (drop, "drop", G_CALLBACK (on_drop), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drop));
}

/**
 * lotse_agenda_row_new:
 * @catalog: the names of people and projects
 * @item: an agenda item
 *
 * Returns: (transfer floating): a row for @item
 */
GtkWidget *
lotse_agenda_row_new (LotseJourfixeCatalog *catalog,
                      LotseRecord          *item)
{
  LotseAgendaRow *self;

  g_return_val_if_fail (LOTSE_IS_JOURFIXE_CATALOG (catalog), NULL);
  g_return_val_if_fail (LOTSE_IS_RECORD (item), NULL);

  self = g_object_new (LOTSE_TYPE_AGENDA_ROW, NULL);
  self->catalog = g_object_ref (catalog);
  lotse_agenda_row_set_item (self, item);

  return GTK_WIDGET (self);
}

LotseRecord *
lotse_agenda_row_get_item (LotseAgendaRow *self)
{
  g_return_val_if_fail (LOTSE_IS_AGENDA_ROW (self), NULL);

  return self->item;
}

const char *
lotse_agenda_row_get_id (LotseAgendaRow *self)
{
  g_return_val_if_fail (LOTSE_IS_AGENDA_ROW (self), NULL);

  return lotse_record_get_id (self->item);
}

/**
 * lotse_agenda_row_set_item:
 * @self: a row
 * @item: the item as the store holds it now
 *
 * Shows @item; editors the user has typed into keep what was typed.
 */
void
lotse_agenda_row_set_item (LotseAgendaRow *self,
                           LotseRecord    *item)
{
  g_return_if_fail (LOTSE_IS_AGENDA_ROW (self));
  g_return_if_fail (LOTSE_IS_RECORD (item));

  g_set_object (&self->item, item);
  lotse_conflict_badge_set_record (self->conflict_badge, LOTSE_TABLE_AGENDA_ITEM, lotse_record_get_id (item));
  update_summary (self);
  if (self->editor != NULL)
    lotse_agenda_editor_set_item (self->editor, item);
  if (self->minutes != NULL)
    lotse_agenda_minutes_set_item (self->minutes, item);
}

void
lotse_agenda_row_set_start (LotseAgendaRow *self,
                            GDateTime      *start)
{
  g_return_if_fail (LOTSE_IS_AGENDA_ROW (self));

  g_free (self->start_text);
  /* Translators: the start time of an agenda item, as hours and minutes */
  self->start_text = start != NULL ? g_date_time_format (start, _("%R")) : g_strdup ("");
  gtk_label_set_text (self->start_label, self->start_text);
  update_accessible_label (self);
}

const char *
lotse_agenda_row_get_start_text (LotseAgendaRow *self)
{
  g_return_val_if_fail (LOTSE_IS_AGENDA_ROW (self), NULL);

  return self->start_text;
}

void
lotse_agenda_row_set_minutes_mode (LotseAgendaRow *self,
                                   gboolean        minutes_mode)
{
  g_return_if_fail (LOTSE_IS_AGENDA_ROW (self));

  self->minutes_mode = !!minutes_mode;
  update_visibility (self);
}

/**
 * lotse_agenda_row_set_current:
 * @self: a row
 * @current: whether the meeting is at this item
 *
 * In minutes mode only the current item shows its minutes.
 */
void
lotse_agenda_row_set_current (LotseAgendaRow *self,
                              gboolean        current)
{
  g_return_if_fail (LOTSE_IS_AGENDA_ROW (self));

  self->current = !!current;
  update_visibility (self);
}

gboolean
lotse_agenda_row_get_current (LotseAgendaRow *self)
{
  g_return_val_if_fail (LOTSE_IS_AGENDA_ROW (self), FALSE);

  return self->current;
}

/**
 * lotse_agenda_row_set_clock:
 * @self: a row
 * @text: the time spent on the item against its time box
 * @over: whether the time box is used up
 */
void
lotse_agenda_row_set_clock (LotseAgendaRow *self,
                            const char     *text,
                            gboolean        over)
{
  g_return_if_fail (LOTSE_IS_AGENDA_ROW (self));

  gtk_label_set_text (self->clock_label, text);
  gtk_widget_set_visible (self->clock_icon, over);
  if (over)
    gtk_widget_add_css_class (self->clock_box, "over");
  else
    gtk_widget_remove_css_class (self->clock_box, "over");
}

const char *
lotse_agenda_row_get_clock_text (LotseAgendaRow *self)
{
  g_return_val_if_fail (LOTSE_IS_AGENDA_ROW (self), NULL);

  return gtk_label_get_text (self->clock_label);
}

gboolean
lotse_agenda_row_get_clock_over (LotseAgendaRow *self)
{
  g_return_val_if_fail (LOTSE_IS_AGENDA_ROW (self), FALSE);

  return gtk_widget_has_css_class (self->clock_box, "over");
}

/* Moves the focus to the notes, where the minutes of the item are typed;
 * to the row when they are read-only, so the keys go on working there. */
void
lotse_agenda_row_focus_notes (LotseAgendaRow *self)
{
  g_return_if_fail (LOTSE_IS_AGENDA_ROW (self));

  if (!gtk_widget_grab_focus (GTK_WIDGET (lotse_agenda_row_get_notes_view (self))))
    gtk_widget_grab_focus (GTK_WIDGET (self));
}

/**
 * lotse_agenda_row_set_minutes:
 * @self: a row
 * @decisions: (element-type LotseRecord) (transfer none) (nullable): the item's decisions
 * @action_items: (element-type LotseRecord) (transfer none) (nullable): its action items
 */
void
lotse_agenda_row_set_minutes (LotseAgendaRow *self,
                              GPtrArray      *decisions,
                              GPtrArray      *action_items)
{
  g_return_if_fail (LOTSE_IS_AGENDA_ROW (self));

  g_clear_pointer (&self->decisions, g_ptr_array_unref);
  g_clear_pointer (&self->action_items, g_ptr_array_unref);
  self->decisions = decisions ? g_ptr_array_ref (decisions) : NULL;
  self->action_items = action_items ? g_ptr_array_ref (action_items) : NULL;
  if (self->minutes != NULL)
    lotse_agenda_minutes_set_records (self->minutes, decisions, action_items);
}

/**
 * lotse_agenda_row_set_locked:
 * @self: a row
 * @locked: whether the minutes are approved
 *
 * Approved minutes are read-only: the item's editor, its notes, state and
 * decisions, moving and deleting it. Its action items stay workable.
 */
void
lotse_agenda_row_set_locked (LotseAgendaRow *self,
                             gboolean        locked)
{
  static const char * const actions[] = {
    "agenda-item.move-up", "agenda-item.move-down", "agenda-item.delete",
    "agenda-item.add-decision", "agenda-item.delete-decision", "agenda-item.add-action",
    "agenda-item.delete-action", "agenda-item.set-status",
  };

  g_return_if_fail (LOTSE_IS_AGENDA_ROW (self));

  self->locked = !!locked;
  for (guint i = 0; i < G_N_ELEMENTS (actions); i++)
    gtk_widget_action_set_enabled (GTK_WIDGET (self), actions[i], !self->locked);
  if (self->editor != NULL)
    gtk_widget_set_sensitive (GTK_WIDGET (self->editor), !self->locked);
  if (self->minutes != NULL)
    lotse_agenda_minutes_set_locked (self->minutes, self->locked);
}

void
lotse_agenda_row_set_expanded (LotseAgendaRow *self,
                               gboolean        expanded)
{
  g_return_if_fail (LOTSE_IS_AGENDA_ROW (self));

  gtk_toggle_button_set_active (self->expand_button, expanded);
}

LotseAgendaEditor *
lotse_agenda_row_get_editor (LotseAgendaRow *self)
{
  ensure_editor (self);
  return self->editor;
}

LotseAgendaMinutes *
lotse_agenda_row_get_minutes_widget (LotseAgendaRow *self)
{
  ensure_minutes (self);
  return self->minutes;
}

GtkEditable *
lotse_agenda_row_get_title_entry (LotseAgendaRow *self)
{
  return lotse_agenda_editor_get_title_entry (lotse_agenda_row_get_editor (self));
}

GtkSpinButton *
lotse_agenda_row_get_duration_spin (LotseAgendaRow *self)
{
  return lotse_agenda_editor_get_duration_spin (lotse_agenda_row_get_editor (self));
}

GtkDropDown *
lotse_agenda_row_get_kind_dropdown (LotseAgendaRow *self)
{
  return lotse_agenda_editor_get_kind_dropdown (lotse_agenda_row_get_editor (self));
}

GtkTextView *
lotse_agenda_row_get_notes_view (LotseAgendaRow *self)
{
  return lotse_agenda_minutes_get_notes_view (lotse_agenda_row_get_minutes_widget (self));
}

GtkEditable *
lotse_agenda_row_get_decision_entry (LotseAgendaRow *self)
{
  return lotse_agenda_minutes_get_decision_entry (lotse_agenda_row_get_minutes_widget (self));
}

GtkEditable *
lotse_agenda_row_get_action_entry (LotseAgendaRow *self)
{
  return lotse_agenda_minutes_get_action_entry (lotse_agenda_row_get_minutes_widget (self));
}

GtkDropDown *
lotse_agenda_row_get_owner_dropdown (LotseAgendaRow *self)
{
  return lotse_agenda_minutes_get_owner_dropdown (lotse_agenda_row_get_minutes_widget (self));
}

GtkEditable *
lotse_agenda_row_get_due_entry (LotseAgendaRow *self)
{
  return lotse_agenda_minutes_get_due_entry (lotse_agenda_row_get_minutes_widget (self));
}
