/* lotse-agenda-row.c: one item of a meeting's agenda, with its minutes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A line with the computed start time, the title, what kind of item it is,
 * who presents it and how long it takes. Activating the row opens its
 * editor; in minutes mode the row also shows the notes, the item's state,
 * its decisions and its action items. The editors are built the first
 * time they are needed, so a meeting with many items opens at once.
 *
 * Every editor writes to the store on its own (a title when the entry is
 * activated or left, notes when typing pauses); when the store reports
 * the item changed elsewhere, an editor takes the new value only if the
 * user has not typed into it since it was last filled.
 *
 * The row can be dragged onto another row, and moved with Alt+Up and
 * Alt+Down; it asks its meeting to do the moving with ::move and
 * ::drop-item, since positions are the meeting's business.
 */

#define G_LOG_DOMAIN "lotse-agenda-row"

#include "config.h"

#include <glib/gi18n.h>

#include "lotse-agenda-row.h"
#include "lotse-conflict-badge.h"
#include "lotse-date-entry.h"
#include "lotse-drop-down.h"
#include "lotse-jourfixe-private.h"

#define NOTES_SAVE_DELAY_MS 800

static const char * const kinds[] = { "information", "discussion", "decision", NULL };

struct _LotseAgendaRow
{
  GtkListBoxRow         parent_instance;

  LotseJourfixeCatalog *catalog;
  LotseRecord          *item;
  gboolean              minutes_mode;
  gboolean              filling;

  GtkWidget            *start_label;
  GtkWidget            *title_label;
  GtkWidget            *subtitle_label;
  GtkWidget            *status_box;
  GtkWidget            *status_icon;
  GtkWidget            *status_label;
  GtkWidget            *duration_label;
  GtkWidget            *expand_button;
  GtkWidget            *conflict_badge;

  /* Built on first use */
  GtkWidget            *editor;
  GtkWidget            *title_entry;
  char                 *title_loaded;
  GtkWidget            *kind_dropdown;
  GtkWidget            *presenter_dropdown;
  GtkWidget            *duration_spin;
  GtkWidget            *project_dropdown;
  GtkWidget            *milestone_dropdown;
  GPtrArray            *milestone_ids;

  GtkWidget            *minutes;
  GtkWidget            *notes_view;
  char                 *notes_loaded;
  guint                 notes_timeout;
  GtkWidget            *status_buttons[3];
  GtkWidget            *decision_list;
  GtkWidget            *decision_entry;
  GtkWidget            *action_list;
  GtkWidget            *action_entry;
  GtkWidget            *owner_dropdown;
  GtkWidget            *due_entry;
  GPtrArray            *decisions;
  GPtrArray            *action_items;

  char                 *start_text;
};

G_DEFINE_FINAL_TYPE (LotseAgendaRow, lotse_agenda_row, GTK_TYPE_LIST_BOX_ROW)

enum {
  MOVE,
  DROP_ITEM,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const char * const statuses[] = { "open", "done", "deferred" };

static LotseStore *
get_store (LotseAgendaRow *self)
{
  return lotse_jourfixe_catalog_get_store (self->catalog);
}

static const char *
nonempty (const char *text)
{
  return text != NULL && *text != '\0' ? text : NULL;
}

/* Writes one field of the item; the store's ::changed brings it back. */
static void
save_field (LotseAgendaRow *self,
            const char     *field,
            const char     *value)
{
  g_autoptr(LotseRecord) copy = NULL;

  if (self->filling || self->item == NULL)
    return;
  if (g_strcmp0 (lotse_record_get (self->item, field), value) == 0)
    return;

  copy = lotse_record_copy (self->item);
  lotse_record_set (copy, field, value);
  if (lotse_jourfixe_save (GTK_WIDGET (self), get_store (self), copy))
    g_set_object (&self->item, copy);
}

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
                           gtk_label_get_text (GTK_LABEL (self->title_label)),
                           gtk_label_get_text (GTK_LABEL (self->subtitle_label)),
                           gtk_label_get_text (GTK_LABEL (self->duration_label)));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
}

static void
update_summary (LotseAgendaRow *self)
{
  LotseRecord *item = self->item;
  const char *kind = lotse_record_get (item, "kind");
  const char *status = lotse_record_get (item, "status");
  const char *presenter = lotse_jourfixe_catalog_get_title (self->catalog, "person",
                                                            lotse_record_get (item, "presenter_person_id"));
  const char *project = lotse_jourfixe_catalog_get_title (self->catalog, "project",
                                                          lotse_record_get (item, "project_id"));
  const char *milestone = lotse_jourfixe_catalog_get_title (self->catalog, "milestone",
                                                            lotse_record_get (item, "milestone_id"));
  gint64 duration = lotse_record_get_int (item, "duration_min", 0);
  g_autoptr(GString) subtitle = g_string_new (lotse_enum_value_label ("agenda_item", "kind", kind));
  g_autofree char *duration_text = NULL;

  gtk_label_set_text (GTK_LABEL (self->title_label), lotse_record_get (item, "title"));

  if (presenter != NULL)
    g_string_append_printf (subtitle, " · %s", presenter);
  if (project != NULL)
    g_string_append_printf (subtitle, " · %s", project);
  if (milestone != NULL)
    g_string_append_printf (subtitle, " · %s", milestone);
  gtk_label_set_text (GTK_LABEL (self->subtitle_label), subtitle->str);

  /* Translators: the length of an agenda item in minutes */
  duration_text = g_strdup_printf (ngettext ("%d min", "%d min", (int)duration), (int)duration);
  gtk_label_set_text (GTK_LABEL (self->duration_label), duration_text);

  /* Done and deferred say so in words, with an icon beside. */
  gtk_widget_set_visible (self->status_box, g_strcmp0 (status, "open") != 0);
  gtk_label_set_text (GTK_LABEL (self->status_label),
                      lotse_enum_value_label ("agenda_item", "status", status));
  gtk_image_set_from_icon_name (GTK_IMAGE (self->status_icon),
                                g_strcmp0 (status, "done") == 0 ? "object-select-symbolic"
                                                                 : "media-seek-forward-symbolic");
  update_accessible_label (self);
}

/* --- the editor ----------------------------------------------------------- */

static void
on_title_commit (LotseAgendaRow *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->title_entry));

  g_autofree char *stripped = g_strstrip (g_strdup (text));

  if (self->filling)
    return;

  if (*stripped == '\0')
    {
      gtk_widget_add_css_class (self->title_entry, "error");
      lotse_jourfixe_toast (GTK_WIDGET (self), _("An agenda item needs a title"));
      return;
    }

  gtk_widget_remove_css_class (self->title_entry, "error");
  save_field (self, "title", text);
  g_free (self->title_loaded);
  self->title_loaded = g_strdup (lotse_record_get (self->item, "title"));
}

static void
on_title_focus_leave (LotseAgendaRow *self)
{
  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (self->title_entry)), self->title_loaded) != 0)
    on_title_commit (self);
}

static void
on_kind_selected (LotseAgendaRow *self)
{
  guint selected = gtk_drop_down_get_selected (GTK_DROP_DOWN (self->kind_dropdown));

  if (selected < G_N_ELEMENTS (kinds) - 1)
    save_field (self, "kind", kinds[selected]);
}

static void
on_presenter_selected (LotseAgendaRow *self)
{
  save_field (self, "presenter_person_id",
              lotse_jourfixe_catalog_dropdown_get_id (self->catalog,
                                                      GTK_DROP_DOWN (self->presenter_dropdown)));
}

static void
on_duration_changed (LotseAgendaRow *self)
{
  g_autofree char *value = g_strdup_printf ("%d",
    gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (self->duration_spin)));

  save_field (self, "duration_min", value);
}

static void fill_milestones (LotseAgendaRow *self);

static void
on_project_selected (LotseAgendaRow *self)
{
  const char *project_id = lotse_jourfixe_catalog_dropdown_get_id (self->catalog,
                                                                   GTK_DROP_DOWN (self->project_dropdown));
  g_autoptr(LotseRecord) copy = NULL;

  if (self->filling || g_strcmp0 (project_id, lotse_record_get (self->item, "project_id")) == 0)
    return;

  /* A milestone belongs to its project. */
  copy = lotse_record_copy (self->item);
  lotse_record_set (copy, "project_id", project_id);
  lotse_record_set (copy, "milestone_id", NULL);
  if (lotse_jourfixe_save (GTK_WIDGET (self), get_store (self), copy))
    g_set_object (&self->item, copy);
  fill_milestones (self);
}

static void
on_milestone_selected (LotseAgendaRow *self)
{
  guint selected = gtk_drop_down_get_selected (GTK_DROP_DOWN (self->milestone_dropdown));

  if (self->milestone_ids == NULL || selected >= self->milestone_ids->len)
    return;

  save_field (self, "milestone_id", g_ptr_array_index (self->milestone_ids, selected));
}

/* Whether the milestone drop-down lists @ids and @names already. */
static gboolean
milestones_shown (LotseAgendaRow *self,
                  GPtrArray      *ids,
                  GListModel     *names)
{
  GListModel *shown = gtk_drop_down_get_model (GTK_DROP_DOWN (self->milestone_dropdown));

  if (self->milestone_ids == NULL || shown == NULL || self->milestone_ids->len != ids->len)
    return FALSE;

  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr(GtkStringObject) a = g_list_model_get_item (shown, i);
      g_autoptr(GtkStringObject) b = g_list_model_get_item (names, i);

      if (g_strcmp0 (g_ptr_array_index (self->milestone_ids, i), g_ptr_array_index (ids, i)) != 0 ||
          g_strcmp0 (gtk_string_object_get_string (a), gtk_string_object_get_string (b)) != 0)
        return FALSE;
    }

  return TRUE;
}

/* The milestones of the item's project; one project has a few dozen. The
 * choice saved refreshes the row from inside the drop-down's selection:
 * a model replaced then would be freed under it, so an unchanged list
 * keeps its model. */
static void
fill_milestones (LotseAgendaRow *self)
{
  const char *project_id = lotse_record_get (self->item, "project_id");
  const char *milestone_id = lotse_record_get (self->item, "milestone_id");
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) rows = NULL;
  guint selected = 0;

  gtk_string_list_append (names, C_("choice", "None"));
  g_ptr_array_add (ids, NULL);

  if (project_id != NULL)
    {
      LotseFilter filter = { "project_id", project_id };

      rows = lotse_store_list (get_store (self), "milestone", &filter, 1, "due_date", 0, 0, NULL);
    }

  for (guint i = 0; rows != NULL && i < rows->len; i++)
    {
      LotseRecord *milestone = g_ptr_array_index (rows, i);

      gtk_string_list_append (names, lotse_record_get (milestone, "title"));
      g_ptr_array_add (ids, g_strdup (lotse_record_get_id (milestone)));
      if (g_strcmp0 (milestone_id, lotse_record_get_id (milestone)) == 0)
        selected = ids->len - 1;
    }

  self->filling = TRUE;
  if (!milestones_shown (self, ids, G_LIST_MODEL (names)))
    {
      g_clear_pointer (&self->milestone_ids, g_ptr_array_unref);
      self->milestone_ids = g_steal_pointer (&ids);
      gtk_drop_down_set_model (GTK_DROP_DOWN (self->milestone_dropdown), G_LIST_MODEL (names));
    }
  if (gtk_drop_down_get_selected (GTK_DROP_DOWN (self->milestone_dropdown)) != selected)
    gtk_drop_down_set_selected (GTK_DROP_DOWN (self->milestone_dropdown), selected);
  gtk_widget_set_sensitive (self->milestone_dropdown, project_id != NULL);
  self->filling = FALSE;
}

static GtkWidget *
labelled (const char *text,
          GtkWidget  *widget)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  GtkWidget *label = gtk_label_new_with_mnemonic (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_mnemonic_widget (GTK_LABEL (label), widget);
  gtk_widget_add_css_class (label, "caption-heading");
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), widget);

  return box;
}

static GtkWidget *
kind_dropdown_new (void)
{
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);

  for (guint i = 0; kinds[i] != NULL; i++)
    gtk_string_list_append (names, lotse_enum_value_label ("agenda_item", "kind", kinds[i]));

  return gtk_drop_down_new (G_LIST_MODEL (g_steal_pointer (&names)), NULL);
}

static GtkWidget *
icon_button (const char *icon,
             const char *tooltip,
             const char *action)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon);

  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
  gtk_widget_add_css_class (button, "flat");
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, tooltip, -1);

  return button;
}

static void fill_editor (LotseAgendaRow *self);

static void
ensure_editor (LotseAgendaRow *self)
{
  GtkWidget *flow;
  GtkWidget *buttons;
  GtkEventController *controller;

  if (self->editor != NULL)
    return;

  self->editor = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  gtk_widget_add_css_class (self->editor, "agenda-editor");

  self->title_entry = gtk_entry_new ();
  g_signal_connect_swapped (self->title_entry, "activate", G_CALLBACK (on_title_commit), self);
  controller = gtk_event_controller_focus_new ();
  g_signal_connect_swapped (controller, "leave", G_CALLBACK (on_title_focus_leave), self);
  gtk_widget_add_controller (self->title_entry, controller);
  gtk_box_append (GTK_BOX (self->editor), labelled (_("_Title"), self->title_entry));

  /* Wraps to one field a line at 360 px. */
  flow = gtk_flow_box_new ();
  gtk_flow_box_set_selection_mode (GTK_FLOW_BOX (flow), GTK_SELECTION_NONE);
  gtk_flow_box_set_max_children_per_line (GTK_FLOW_BOX (flow), 3);
  gtk_flow_box_set_column_spacing (GTK_FLOW_BOX (flow), 12);
  gtk_flow_box_set_row_spacing (GTK_FLOW_BOX (flow), 12);
  gtk_flow_box_set_homogeneous (GTK_FLOW_BOX (flow), TRUE);

  self->kind_dropdown = kind_dropdown_new ();
  g_signal_connect_swapped (self->kind_dropdown, "notify::selected", G_CALLBACK (on_kind_selected), self);
  gtk_flow_box_append (GTK_FLOW_BOX (flow), labelled (_("_Kind"), self->kind_dropdown));

  self->presenter_dropdown = lotse_jourfixe_catalog_new_dropdown (self->catalog, "person", NULL);
  g_signal_connect_swapped (self->presenter_dropdown, "notify::selected",
                            G_CALLBACK (on_presenter_selected), self);
  gtk_flow_box_append (GTK_FLOW_BOX (flow), labelled (_("_Presenter"), self->presenter_dropdown));

  self->duration_spin = gtk_spin_button_new_with_range (0, 24 * 60, 5);
  gtk_spin_button_set_numeric (GTK_SPIN_BUTTON (self->duration_spin), TRUE);
  g_signal_connect_swapped (self->duration_spin, "value-changed", G_CALLBACK (on_duration_changed), self);
  gtk_flow_box_append (GTK_FLOW_BOX (flow), labelled (_("_Duration (minutes)"), self->duration_spin));

  self->project_dropdown = lotse_jourfixe_catalog_new_dropdown (self->catalog, "project", NULL);
  g_signal_connect_swapped (self->project_dropdown, "notify::selected",
                            G_CALLBACK (on_project_selected), self);
  gtk_flow_box_append (GTK_FLOW_BOX (flow), labelled (_("P_roject"), self->project_dropdown));

  self->milestone_dropdown = gtk_drop_down_new (NULL, NULL);
  lotse_drop_down_ellipsize (GTK_DROP_DOWN (self->milestone_dropdown), 10);
  g_signal_connect_swapped (self->milestone_dropdown, "notify::selected",
                            G_CALLBACK (on_milestone_selected), self);
  gtk_flow_box_append (GTK_FLOW_BOX (flow), labelled (_("_Milestone"), self->milestone_dropdown));

  gtk_box_append (GTK_BOX (self->editor), flow);

  buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_box_append (GTK_BOX (buttons), icon_button ("go-up-symbolic", _("Move Up"), "agenda-item.move-up"));
  gtk_box_append (GTK_BOX (buttons), icon_button ("go-down-symbolic", _("Move Down"),
                                                  "agenda-item.move-down"));
  {
    GtkWidget *delete = icon_button ("user-trash-symbolic", _("Delete Item"), "agenda-item.delete");

    gtk_widget_set_hexpand (delete, TRUE);
    gtk_widget_set_halign (delete, GTK_ALIGN_END);
    gtk_box_append (GTK_BOX (buttons), delete);
  }
  gtk_box_append (GTK_BOX (self->editor), buttons);

  gtk_widget_set_visible (self->editor, FALSE);
  gtk_box_insert_child_after (GTK_BOX (gtk_list_box_row_get_child (GTK_LIST_BOX_ROW (self))),
                              self->editor,
                              gtk_widget_get_first_child (gtk_list_box_row_get_child (GTK_LIST_BOX_ROW (self))));

  fill_editor (self);
}

static void
fill_editor (LotseAgendaRow *self)
{
  const char *kind = lotse_record_get (self->item, "kind");
  const char *title = lotse_record_get (self->item, "title");

  if (self->editor == NULL)
    return;

  self->filling = TRUE;

  /* What the user typed and has not saved stays. */
  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (self->title_entry)), self->title_loaded) == 0 ||
      self->title_loaded == NULL)
    {
      gtk_editable_set_text (GTK_EDITABLE (self->title_entry), title ? title : "");
      g_free (self->title_loaded);
      self->title_loaded = g_strdup (title ? title : "");
    }

  for (guint i = 0; kinds[i] != NULL; i++)
    if (g_strcmp0 (kinds[i], kind) == 0)
      gtk_drop_down_set_selected (GTK_DROP_DOWN (self->kind_dropdown), i);

  gtk_drop_down_set_selected (GTK_DROP_DOWN (self->presenter_dropdown),
                              lotse_jourfixe_catalog_get_position (self->catalog, "person",
                                                                   lotse_record_get (self->item, "presenter_person_id")));
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (self->duration_spin),
                             lotse_record_get_int (self->item, "duration_min", 0));
  gtk_drop_down_set_selected (GTK_DROP_DOWN (self->project_dropdown),
                              lotse_jourfixe_catalog_get_position (self->catalog, "project",
                                                                   lotse_record_get (self->item, "project_id")));
  self->filling = FALSE;

  fill_milestones (self);
}

/* --- minutes -------------------------------------------------------------- */

static void
save_notes (LotseAgendaRow *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->notes_view));
  GtkTextIter start, end;
  g_autofree char *text = NULL;

  g_clear_handle_id (&self->notes_timeout, g_source_remove);

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  if (g_strcmp0 (text, self->notes_loaded ? self->notes_loaded : "") == 0)
    return;

  save_field (self, "notes", nonempty (text));
  g_free (self->notes_loaded);
  self->notes_loaded = g_strdup (text);
}

static gboolean
notes_timeout_cb (gpointer data)
{
  LotseAgendaRow *self = data;

  self->notes_timeout = 0;
  save_notes (self);

  return G_SOURCE_REMOVE;
}

static void
on_notes_changed (LotseAgendaRow *self)
{
  if (self->filling)
    return;

  g_clear_handle_id (&self->notes_timeout, g_source_remove);
  self->notes_timeout = g_timeout_add (NOTES_SAVE_DELAY_MS, notes_timeout_cb, self);
}

static void
on_status_toggled (GtkToggleButton *button,
                   LotseAgendaRow  *self)
{
  if (self->filling || !gtk_toggle_button_get_active (button))
    return;

  for (guint i = 0; i < G_N_ELEMENTS (statuses); i++)
    if (self->status_buttons[i] == GTK_WIDGET (button))
      save_field (self, "status", statuses[i]);
}

static GtkWidget *
section_label (const char *text)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "heading");

  return label;
}

static void
on_entry_activate_decision (GtkEntry       *entry,
                            LotseAgendaRow *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "agenda-item.add-decision", NULL);
}

static void
on_entry_activate_action (GtkEntry       *entry,
                          LotseAgendaRow *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "agenda-item.add-action", NULL);
}

static void fill_minutes (LotseAgendaRow *self);

static void
ensure_minutes (LotseAgendaRow *self)
{
  GtkWidget *status_box;
  GtkWidget *scrolled;
  GtkWidget *add_box;
  GtkWidget *button;
  GtkEventController *controller;

  if (self->minutes != NULL)
    return;

  self->minutes = gtk_box_new (GTK_ORIENTATION_VERTICAL, 8);
  gtk_widget_add_css_class (self->minutes, "agenda-minutes");

  status_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  gtk_widget_add_css_class (status_box, "linked");
  for (guint i = 0; i < G_N_ELEMENTS (statuses); i++)
    {
      self->status_buttons[i] =
        gtk_toggle_button_new_with_label (lotse_enum_value_label ("agenda_item", "status", statuses[i]));
      if (i > 0)
        gtk_toggle_button_set_group (GTK_TOGGLE_BUTTON (self->status_buttons[i]),
                                     GTK_TOGGLE_BUTTON (self->status_buttons[0]));
      g_signal_connect (self->status_buttons[i], "toggled", G_CALLBACK (on_status_toggled), self);
      gtk_box_append (GTK_BOX (status_box), self->status_buttons[i]);
    }
  gtk_widget_set_halign (status_box, GTK_ALIGN_START);
  gtk_box_append (GTK_BOX (self->minutes), status_box);

  self->notes_view = gtk_text_view_new ();
  gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (self->notes_view), GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_accepts_tab (GTK_TEXT_VIEW (self->notes_view), FALSE);
  gtk_text_view_set_top_margin (GTK_TEXT_VIEW (self->notes_view), 6);
  gtk_text_view_set_bottom_margin (GTK_TEXT_VIEW (self->notes_view), 6);
  gtk_text_view_set_left_margin (GTK_TEXT_VIEW (self->notes_view), 8);
  gtk_text_view_set_right_margin (GTK_TEXT_VIEW (self->notes_view), 8);
  gtk_widget_add_css_class (self->notes_view, "agenda-notes");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->notes_view),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Minutes"), -1);
  g_signal_connect_swapped (gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->notes_view)), "changed",
                            G_CALLBACK (on_notes_changed), self);
  controller = gtk_event_controller_focus_new ();
  g_signal_connect_swapped (controller, "leave", G_CALLBACK (save_notes), self);
  gtk_widget_add_controller (self->notes_view, controller);
  scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), self->notes_view);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (scrolled), 80);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scrolled), TRUE);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scrolled), 300);
  gtk_widget_add_css_class (scrolled, "card");
  gtk_box_append (GTK_BOX (self->minutes), section_label (_("Minutes")));
  gtk_box_append (GTK_BOX (self->minutes), scrolled);

  /* Decisions */
  gtk_box_append (GTK_BOX (self->minutes), section_label (_("Decisions")));
  self->decision_list = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  gtk_box_append (GTK_BOX (self->minutes), self->decision_list);
  add_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  self->decision_entry = gtk_entry_new ();
  gtk_entry_set_placeholder_text (GTK_ENTRY (self->decision_entry), _("New decision"));
  gtk_widget_set_hexpand (self->decision_entry, TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->decision_entry),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("New decision"), -1);
  g_signal_connect (self->decision_entry, "activate", G_CALLBACK (on_entry_activate_decision), self);
  gtk_box_append (GTK_BOX (add_box), self->decision_entry);
  gtk_editable_set_width_chars (GTK_EDITABLE (self->decision_entry), 8);
  button = gtk_button_new_from_icon_name ("list-add-symbolic");
  gtk_widget_set_tooltip_text (button, _("Add Decision"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Add Decision"), -1);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "agenda-item.add-decision");
  gtk_box_append (GTK_BOX (add_box), button);
  gtk_box_append (GTK_BOX (self->minutes), add_box);

  /* Action items */
  gtk_box_append (GTK_BOX (self->minutes), section_label (_("Action Items")));
  self->action_list = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  gtk_box_append (GTK_BOX (self->minutes), self->action_list);
  add_box = gtk_flow_box_new ();
  gtk_flow_box_set_selection_mode (GTK_FLOW_BOX (add_box), GTK_SELECTION_NONE);
  gtk_flow_box_set_max_children_per_line (GTK_FLOW_BOX (add_box), 4);
  gtk_flow_box_set_column_spacing (GTK_FLOW_BOX (add_box), 6);
  gtk_flow_box_set_row_spacing (GTK_FLOW_BOX (add_box), 6);
  self->action_entry = gtk_entry_new ();
  gtk_entry_set_placeholder_text (GTK_ENTRY (self->action_entry), _("New action item"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->action_entry),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("New action item"), -1);
  g_signal_connect (self->action_entry, "activate", G_CALLBACK (on_entry_activate_action), self);
  gtk_editable_set_width_chars (GTK_EDITABLE (self->action_entry), 8);
  gtk_flow_box_append (GTK_FLOW_BOX (add_box), self->action_entry);
  self->owner_dropdown = lotse_jourfixe_catalog_new_dropdown (self->catalog, "person", NULL);
  gtk_widget_set_tooltip_text (self->owner_dropdown, _("Owner"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->owner_dropdown),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Owner"), -1);
  gtk_flow_box_append (GTK_FLOW_BOX (add_box), self->owner_dropdown);
  self->due_entry = lotse_date_entry_new ();
  lotse_date_entry_set_label (LOTSE_DATE_ENTRY (self->due_entry), _("Due date"));
  {
    GtkWidget *due_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
    /* Translators: before the entry of an action item's due date */
    GtkWidget *due_label = gtk_label_new (C_("action item", "Due"));

    gtk_widget_add_css_class (due_label, "dim-label");
    gtk_box_append (GTK_BOX (due_box), due_label);
    gtk_box_append (GTK_BOX (due_box), self->due_entry);
    gtk_flow_box_append (GTK_FLOW_BOX (add_box), due_box);
  }
  button = gtk_button_new_with_mnemonic (_("Add _Action Item"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "agenda-item.add-action");
  gtk_flow_box_append (GTK_FLOW_BOX (add_box), button);
  gtk_box_append (GTK_BOX (self->minutes), add_box);

  gtk_widget_set_visible (self->minutes, FALSE);
  gtk_box_append (GTK_BOX (gtk_list_box_row_get_child (GTK_LIST_BOX_ROW (self))), self->minutes);

  fill_minutes (self);
}

static GtkWidget *
minutes_line (const char *text,
              const char *icon,
              const char *tooltip,
              const char *action,
              const char *id)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *label = gtk_label_new (text);
  GtkWidget *button = gtk_button_new_from_icon_name (icon);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_box_append (GTK_BOX (box), label);

  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, tooltip, -1);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", id);
  gtk_box_append (GTK_BOX (box), button);

  return box;
}

static void
clear_box (GtkWidget *box)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (box)) != NULL)
    gtk_box_remove (GTK_BOX (box), child);
}

static void
fill_minutes (LotseAgendaRow *self)
{
  const char *status = lotse_record_get (self->item, "status");
  const char *notes = lotse_record_get (self->item, "notes");
  GtkTextBuffer *buffer;
  GtkTextIter start, end;
  g_autofree char *current = NULL;

  if (self->minutes == NULL)
    return;

  self->filling = TRUE;

  for (guint i = 0; i < G_N_ELEMENTS (statuses); i++)
    gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (self->status_buttons[i]),
                                  g_strcmp0 (status, statuses[i]) == 0);

  buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->notes_view));
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  current = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  if (self->notes_timeout == 0 &&
      g_strcmp0 (current, self->notes_loaded ? self->notes_loaded : "") == 0)
    {
      gtk_text_buffer_set_text (buffer, notes ? notes : "", -1);
      g_free (self->notes_loaded);
      self->notes_loaded = g_strdup (notes ? notes : "");
    }

  self->filling = FALSE;

  clear_box (self->decision_list);
  for (guint i = 0; self->decisions != NULL && i < self->decisions->len; i++)
    {
      LotseRecord *decision = g_ptr_array_index (self->decisions, i);

      gtk_box_append (GTK_BOX (self->decision_list),
                      minutes_line (lotse_record_get (decision, "text"), "user-trash-symbolic",
                                    _("Delete Decision"), "agenda-item.delete-decision",
                                    lotse_record_get_id (decision)));
    }

  clear_box (self->action_list);
  for (guint i = 0; self->action_items != NULL && i < self->action_items->len; i++)
    {
      LotseRecord *action = g_ptr_array_index (self->action_items, i);
      const char *owner = lotse_jourfixe_catalog_get_title (self->catalog, "person",
                                                            lotse_record_get (action, "owner_person_id"));
      g_autofree char *due = lotse_format_date (lotse_record_get (action, "due_date"));
      g_autoptr(GString) text = g_string_new (lotse_record_get (action, "title"));

      if (owner != NULL)
        g_string_append_printf (text, " — %s", owner);
      if (due != NULL)
        /* Translators: the due date of an action item */
        g_string_append_printf (text, ", %s", due);
      if (g_strcmp0 (lotse_record_get (action, "status"), "open") != 0)
        g_string_append_printf (text, " (%s)",
                                lotse_enum_value_label ("action_item", "status",
                                                        lotse_record_get (action, "status")));

      gtk_box_append (GTK_BOX (self->action_list),
                      minutes_line (text->str, "user-trash-symbolic", _("Delete Action Item"),
                                    "agenda-item.delete-action", lotse_record_get_id (action)));
    }
}

static void
update_visibility (LotseAgendaRow *self)
{
  gboolean expanded = gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (self->expand_button));

  if (expanded)
    ensure_editor (self);
  if (self->editor != NULL)
    gtk_widget_set_visible (self->editor, expanded);

  if (self->minutes_mode)
    ensure_minutes (self);
  if (self->minutes != NULL)
    gtk_widget_set_visible (self->minutes, self->minutes_mode);
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

  lotse_jourfixe_delete (widget, "agenda_item", lotse_record_get_id (self->item));
}

static void
toggle_expanded_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  LotseAgendaRow *self = LOTSE_AGENDA_ROW (widget);
  GtkToggleButton *button = GTK_TOGGLE_BUTTON (self->expand_button);

  gtk_toggle_button_set_active (button, !gtk_toggle_button_get_active (button));
}

static void
add_decision_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  LotseAgendaRow *self = LOTSE_AGENDA_ROW (widget);
  g_autofree char *text = NULL;
  g_autoptr(LotseRecord) decision = NULL;

  ensure_minutes (self);
  text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->decision_entry))));
  if (*text == '\0')
    {
      gtk_widget_add_css_class (self->decision_entry, "error");
      lotse_jourfixe_toast (widget, _("Write the decision first"));
      return;
    }

  decision = lotse_record_new_for_table ("decision");
  lotse_record_set (decision, "meeting_id", lotse_record_get (self->item, "meeting_id"));
  lotse_record_set (decision, "agenda_item_id", lotse_record_get_id (self->item));
  lotse_record_set (decision, "project_id", lotse_record_get (self->item, "project_id"));
  lotse_record_set (decision, "text", text);
  if (lotse_jourfixe_insert (widget, get_store (self), decision))
    {
      gtk_widget_remove_css_class (self->decision_entry, "error");
      gtk_editable_set_text (GTK_EDITABLE (self->decision_entry), "");
    }
}

static void
add_action_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  LotseAgendaRow *self = LOTSE_AGENDA_ROW (widget);
  g_autofree char *title = NULL;
  g_autofree char *due = NULL;
  g_autoptr(LotseRecord) action = NULL;
  g_autoptr(GError) error = NULL;

  ensure_minutes (self);
  title = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->action_entry))));

  gtk_widget_remove_css_class (self->action_entry, "error");
  if (*title == '\0')
    {
      gtk_widget_add_css_class (self->action_entry, "error");
      lotse_jourfixe_toast (widget, _("An action item needs a title"));
      return;
    }

  action = lotse_record_new_for_table ("action_item");
  lotse_record_set (action, "meeting_id", lotse_record_get (self->item, "meeting_id"));
  lotse_record_set (action, "agenda_item_id", lotse_record_get_id (self->item));
  lotse_record_set (action, "project_id", lotse_record_get (self->item, "project_id"));
  lotse_record_set (action, "title", title);
  lotse_record_set (action, "owner_person_id",
                    lotse_jourfixe_catalog_dropdown_get_id (self->catalog,
                                                            GTK_DROP_DOWN (self->owner_dropdown)));
  if (!lotse_date_entry_get_date (LOTSE_DATE_ENTRY (self->due_entry), &due, &error))
    {
      lotse_date_entry_set_error (LOTSE_DATE_ENTRY (self->due_entry), error->message);
      lotse_jourfixe_toast (widget, error->message);
      return;
    }
  lotse_record_set (action, "due_date", due);
  lotse_record_set (action, "status", "open");

  if (lotse_jourfixe_insert (widget, get_store (self), action))
    {
      gtk_editable_set_text (GTK_EDITABLE (self->action_entry), "");
      lotse_date_entry_set_date (LOTSE_DATE_ENTRY (self->due_entry), NULL);
      gtk_drop_down_set_selected (GTK_DROP_DOWN (self->owner_dropdown), 0);
    }
}

static void
delete_child_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  const char *table = g_str_equal (action_name, "agenda-item.delete-decision") ? "decision" : "action_item";

  lotse_jourfixe_delete (widget, table, g_variant_get_string (parameter, NULL));
}

static void
set_status_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  LotseAgendaRow *self = LOTSE_AGENDA_ROW (widget);
  const char *status = g_variant_get_string (parameter, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (statuses); i++)
    if (g_str_equal (statuses[i], status))
      save_field (self, "status", status);
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

  if (self->notes_timeout != 0)
    save_notes (self);
  g_clear_object (&self->catalog);
  g_clear_object (&self->item);
  g_clear_pointer (&self->decisions, g_ptr_array_unref);
  g_clear_pointer (&self->action_items, g_ptr_array_unref);
  g_clear_pointer (&self->milestone_ids, g_ptr_array_unref);

  G_OBJECT_CLASS (lotse_agenda_row_parent_class)->dispose (object);
}

static void
lotse_agenda_row_finalize (GObject *object)
{
  LotseAgendaRow *self = LOTSE_AGENDA_ROW (object);

  g_free (self->title_loaded);
  g_free (self->notes_loaded);
  g_free (self->start_text);

  G_OBJECT_CLASS (lotse_agenda_row_parent_class)->finalize (object);
}

static void
lotse_agenda_row_class_init (LotseAgendaRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lotse_agenda_row_dispose;
  object_class->finalize = lotse_agenda_row_finalize;

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

  gtk_widget_class_set_css_name (widget_class, "row");
}

static GtkWidget *
dim_label (const char *css_class)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "dim-label");
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);

  return label;
}

static void
lotse_agenda_row_init (LotseAgendaRow *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *line = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *handle = gtk_image_new_from_icon_name ("list-drag-handle-symbolic");
  GtkWidget *text = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkDragSource *drag;
  GtkDropTarget *drop;

  gtk_widget_add_css_class (GTK_WIDGET (self), "agenda-row");
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (self), TRUE);

  gtk_widget_add_css_class (handle, "dim-label");
  gtk_widget_set_tooltip_text (handle, _("Drag to move the item; Alt+Up and Alt+Down move it too"));
  gtk_box_append (GTK_BOX (line), handle);

  self->start_label = dim_label ("numeric");
  gtk_widget_set_valign (self->start_label, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (line), self->start_label);

  self->title_label = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (self->title_label), 0);
  gtk_label_set_wrap (GTK_LABEL (self->title_label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (self->title_label), PANGO_WRAP_WORD_CHAR);
  gtk_widget_add_css_class (self->title_label, "heading");
  self->subtitle_label = dim_label ("caption");
  gtk_label_set_wrap (GTK_LABEL (self->subtitle_label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (self->subtitle_label), PANGO_WRAP_WORD_CHAR);
  gtk_box_append (GTK_BOX (text), self->title_label);
  gtk_box_append (GTK_BOX (text), self->subtitle_label);
  gtk_widget_set_hexpand (text, TRUE);
  gtk_box_append (GTK_BOX (line), text);

  /* Duration and state go under the title, so the title keeps its width
   * in a narrow window. */
  {
    GtkWidget *meta = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);

    self->duration_label = dim_label ("numeric");
    gtk_widget_add_css_class (self->duration_label, "caption");
    gtk_box_append (GTK_BOX (meta), self->duration_label);

    self->status_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 4);
    self->status_icon = gtk_image_new ();
    gtk_widget_set_valign (self->status_icon, GTK_ALIGN_CENTER);
    self->status_label = gtk_label_new (NULL);
    gtk_widget_add_css_class (self->status_label, "caption");
    gtk_widget_set_valign (self->status_label, GTK_ALIGN_CENTER);
    gtk_box_append (GTK_BOX (self->status_box), self->status_icon);
    gtk_box_append (GTK_BOX (self->status_box), self->status_label);
    gtk_box_append (GTK_BOX (meta), self->status_box);

    gtk_box_append (GTK_BOX (text), meta);
  }

  self->expand_button = gtk_toggle_button_new ();
  gtk_button_set_icon_name (GTK_BUTTON (self->expand_button), "document-edit-symbolic");
  gtk_widget_add_css_class (self->expand_button, "flat");
  gtk_widget_set_valign (self->expand_button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (self->expand_button, _("Edit Item"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->expand_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Edit Item"), -1);
  g_signal_connect_swapped (self->expand_button, "notify::active", G_CALLBACK (update_visibility), self);
  self->conflict_badge = lotse_conflict_badge_new ();
  gtk_box_append (GTK_BOX (line), self->conflict_badge);
  gtk_box_append (GTK_BOX (line), self->expand_button);

  gtk_box_append (GTK_BOX (box), line);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (self), box);

  drag = gtk_drag_source_new ();
  gtk_drag_source_set_actions (drag, GDK_ACTION_MOVE);
  g_signal_connect (drag, "prepare", G_CALLBACK (on_drag_prepare), self);
  g_signal_connect (drag, "drag-begin", G_CALLBACK (on_drag_begin), self);
  gtk_widget_add_controller (line, GTK_EVENT_CONTROLLER (drag));

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
  lotse_conflict_badge_set_record (LOTSE_CONFLICT_BADGE (self->conflict_badge), "agenda_item",
                                   lotse_record_get_id (item));
  update_summary (self);
  fill_editor (self);
  fill_minutes (self);
}

void
lotse_agenda_row_set_start (LotseAgendaRow *self,
                            GDateTime      *start)
{
  g_return_if_fail (LOTSE_IS_AGENDA_ROW (self));

  g_free (self->start_text);
  /* Translators: the start time of an agenda item, as hours and minutes */
  self->start_text = start != NULL ? g_date_time_format (start, _("%R")) : g_strdup ("");
  gtk_label_set_text (GTK_LABEL (self->start_label), self->start_text);
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
 * lotse_agenda_row_set_minutes:
 * @self: a row
 * @decisions: (element-type LotseRecord) (transfer none): the item's decisions
 * @action_items: (element-type LotseRecord) (transfer none): its action items
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
  fill_minutes (self);
}

void
lotse_agenda_row_set_expanded (LotseAgendaRow *self,
                               gboolean        expanded)
{
  g_return_if_fail (LOTSE_IS_AGENDA_ROW (self));

  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (self->expand_button), expanded);
}

GtkEditable *
lotse_agenda_row_get_title_entry (LotseAgendaRow *self)
{
  ensure_editor (self);
  return GTK_EDITABLE (self->title_entry);
}

GtkSpinButton *
lotse_agenda_row_get_duration_spin (LotseAgendaRow *self)
{
  ensure_editor (self);
  return GTK_SPIN_BUTTON (self->duration_spin);
}

GtkDropDown *
lotse_agenda_row_get_kind_dropdown (LotseAgendaRow *self)
{
  ensure_editor (self);
  return GTK_DROP_DOWN (self->kind_dropdown);
}

GtkTextView *
lotse_agenda_row_get_notes_view (LotseAgendaRow *self)
{
  ensure_minutes (self);
  return GTK_TEXT_VIEW (self->notes_view);
}

GtkEditable *
lotse_agenda_row_get_decision_entry (LotseAgendaRow *self)
{
  ensure_minutes (self);
  return GTK_EDITABLE (self->decision_entry);
}

GtkEditable *
lotse_agenda_row_get_action_entry (LotseAgendaRow *self)
{
  ensure_minutes (self);
  return GTK_EDITABLE (self->action_entry);
}

GtkDropDown *
lotse_agenda_row_get_owner_dropdown (LotseAgendaRow *self)
{
  ensure_minutes (self);
  return GTK_DROP_DOWN (self->owner_dropdown);
}

GtkEditable *
lotse_agenda_row_get_due_entry (LotseAgendaRow *self)
{
  ensure_minutes (self);
  return GTK_EDITABLE (self->due_entry);
}
