/* lotse-agenda-minutes.c: the minutes of one agenda item
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The item's state, its notes, its decisions and its action items, with
 * entries to add more. The agenda row builds it the first time its item
 * is the current one in minutes mode. The notes are not in a scrolled
 * window of their own: they grow with the text, and the mouse wheel over
 * them scrolls the page (a nested scrolled window would take the wheel).
 *
 * The notes are written when typing pauses and when the view is left;
 * when the item changed elsewhere, they take the new text only if the
 * user has not typed since they were last filled. Adding and deleting
 * go through the row's actions (agenda-item.add-decision and so on), so
 * keys, buttons and the tests take one path.
 */

#define G_LOG_DOMAIN "lotse-agenda-minutes"

#include "config.h"

#include <glib/gi18n.h>

#include "lotse-action-item-row.h"
#include "lotse-agenda-minutes.h"
#include "lotse-date-entry.h"
#include "lotse-jourfixe-private.h"

#define NOTES_SAVE_DELAY_MS 800

static const char * const statuses[] = { "open", "done", "deferred" };

struct _LotseAgendaMinutes
{
  GtkBox                parent_instance;

  LotseJourfixeCatalog *catalog;
  LotseRecord          *item;
  gboolean              filling;
  gboolean              locked;
  char                 *notes_loaded;
  guint                 notes_timeout;
  GListStore           *decisions;
  GListStore           *action_items;

  GtkToggleButton      *status_open;
  GtkToggleButton      *status_done;
  GtkToggleButton      *status_deferred;
  GtkTextView          *notes_view;
  GtkListBox           *decision_list;
  GtkEntry             *decision_entry;
  GtkListBox           *action_list;
  GtkEntry             *action_entry;
  GtkDropDown          *owner_dropdown;
  LotseDateEntry       *due_entry;
};

G_DEFINE_FINAL_TYPE (LotseAgendaMinutes, lotse_agenda_minutes, GTK_TYPE_BOX)

static LotseStore *
get_store (LotseAgendaMinutes *self)
{
  return lotse_jourfixe_catalog_get_store (self->catalog);
}

static GtkToggleButton *
status_button (LotseAgendaMinutes *self,
               guint               index)
{
  GtkToggleButton *buttons[] = { self->status_open, self->status_done, self->status_deferred };

  G_STATIC_ASSERT (G_N_ELEMENTS (buttons) == G_N_ELEMENTS (statuses));

  return buttons[index];
}

static char *
notes_text (LotseAgendaMinutes *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->notes_view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static void
save_notes (LotseAgendaMinutes *self)
{
  g_autofree char *text = NULL;

  g_clear_handle_id (&self->notes_timeout, g_source_remove);
  if (self->item == NULL)
    return;

  text = notes_text (self);
  if (g_strcmp0 (text, self->notes_loaded ? self->notes_loaded : "") == 0)
    return;

  lotse_jourfixe_save_field (GTK_WIDGET (self), get_store (self), &self->item, LOTSE_AGENDA_ITEM_NOTES,
                             *text != '\0' ? text : NULL);
  g_free (self->notes_loaded);
  self->notes_loaded = g_steal_pointer (&text);
}

static gboolean
notes_timeout_cb (gpointer data)
{
  LotseAgendaMinutes *self = data;

  self->notes_timeout = 0;
  save_notes (self);

  return G_SOURCE_REMOVE;
}

static void
on_notes_changed (LotseAgendaMinutes *self)
{
  if (self->filling)
    return;

  g_clear_handle_id (&self->notes_timeout, g_source_remove);
  self->notes_timeout = g_timeout_add (NOTES_SAVE_DELAY_MS, notes_timeout_cb, self);
}

static void
on_status_toggled (GtkToggleButton    *button,
                   LotseAgendaMinutes *self)
{
  if (self->filling || self->item == NULL || !gtk_toggle_button_get_active (button))
    return;

  for (guint i = 0; i < G_N_ELEMENTS (statuses); i++)
    if (status_button (self, i) == button)
      lotse_jourfixe_save_field (GTK_WIDGET (self), get_store (self), &self->item,
                                 LOTSE_AGENDA_ITEM_STATUS, statuses[i]);
}

static void
on_decision_activate (GtkEntry           *entry,
                      LotseAgendaMinutes *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "agenda-item.add-decision", NULL);
}

static void
on_action_activate (GtkEntry           *entry,
                    LotseAgendaMinutes *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "agenda-item.add-action", NULL);
}

/* One decision or action item: its text and a button to delete it. */
static GtkWidget *
minutes_line (const char *text,
              const char *tooltip,
              const char *action,
              const char *id)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *label = gtk_label_new (text);
  GtkWidget *button = gtk_button_new_from_icon_name ("user-trash-symbolic");
  GtkWidget *row = gtk_list_box_row_new ();

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

  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);

  return row;
}

static GtkWidget *
decision_line (gpointer item,
               gpointer user_data)
{
  LotseRecord *decision = item;

  return minutes_line (lotse_record_get (decision, LOTSE_DECISION_TEXT), _("Delete Decision"),
                       "agenda-item.delete-decision", lotse_record_get_id (decision));
}

static GtkWidget *
action_item_line (gpointer item,
                  gpointer user_data)
{
  LotseAgendaMinutes *self = user_data;
  GtkWidget *row = lotse_action_item_row_new (self->catalog, item);

  lotse_action_item_row_set_locked (LOTSE_ACTION_ITEM_ROW (row), self->locked);
  return row;
}

static void
lotse_agenda_minutes_dispose (GObject *object)
{
  LotseAgendaMinutes *self = LOTSE_AGENDA_MINUTES (object);

  /* Notes typed just before the meeting was left are kept. */
  if (self->notes_timeout != 0)
    save_notes (self);

  gtk_widget_dispose_template (GTK_WIDGET (self), LOTSE_TYPE_AGENDA_MINUTES);
  g_clear_object (&self->catalog);
  g_clear_object (&self->item);
  g_clear_object (&self->decisions);
  g_clear_object (&self->action_items);
  g_clear_pointer (&self->notes_loaded, g_free);

  G_OBJECT_CLASS (lotse_agenda_minutes_parent_class)->dispose (object);
}

static void
lotse_agenda_minutes_class_init (LotseAgendaMinutesClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lotse_agenda_minutes_dispose;

  g_type_ensure (LOTSE_TYPE_DATE_ENTRY);

  gtk_widget_class_set_template_from_resource (widget_class, "/app/lotse/Lotse/jourfixe/lotse-agenda-minutes.ui");
  gtk_widget_class_bind_template_child (widget_class, LotseAgendaMinutes, status_open);
  gtk_widget_class_bind_template_child (widget_class, LotseAgendaMinutes, status_done);
  gtk_widget_class_bind_template_child (widget_class, LotseAgendaMinutes, status_deferred);
  gtk_widget_class_bind_template_child (widget_class, LotseAgendaMinutes, notes_view);
  gtk_widget_class_bind_template_child (widget_class, LotseAgendaMinutes, decision_list);
  gtk_widget_class_bind_template_child (widget_class, LotseAgendaMinutes, decision_entry);
  gtk_widget_class_bind_template_child (widget_class, LotseAgendaMinutes, action_list);
  gtk_widget_class_bind_template_child (widget_class, LotseAgendaMinutes, action_entry);
  gtk_widget_class_bind_template_child (widget_class, LotseAgendaMinutes, owner_dropdown);
  gtk_widget_class_bind_template_child (widget_class, LotseAgendaMinutes, due_entry);
  gtk_widget_class_bind_template_callback (widget_class, on_status_toggled);
  gtk_widget_class_bind_template_callback (widget_class, on_notes_changed);
  gtk_widget_class_bind_template_callback (widget_class, save_notes);
  gtk_widget_class_bind_template_callback (widget_class, on_decision_activate);
  gtk_widget_class_bind_template_callback (widget_class, on_action_activate);
}

static void
lotse_agenda_minutes_init (LotseAgendaMinutes *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  for (guint i = 0; i < G_N_ELEMENTS (statuses); i++)
    gtk_button_set_label (GTK_BUTTON (status_button (self, i)),
                          lotse_enum_value_label (LOTSE_TABLE_AGENDA_ITEM,
                                                  LOTSE_AGENDA_ITEM_STATUS, statuses[i]));

  self->decisions = g_list_store_new (LOTSE_TYPE_RECORD);
  self->action_items = g_list_store_new (LOTSE_TYPE_RECORD);
  gtk_list_box_bind_model (self->decision_list, G_LIST_MODEL (self->decisions),
                           decision_line, self, NULL);
  gtk_list_box_bind_model (self->action_list, G_LIST_MODEL (self->action_items),
                           action_item_line, self, NULL);
}

/**
 * lotse_agenda_minutes_new:
 * @catalog: the names of people
 *
 * Returns: (transfer floating): minutes; they show an item once given one
 */
GtkWidget *
lotse_agenda_minutes_new (LotseJourfixeCatalog *catalog)
{
  LotseAgendaMinutes *self;

  g_return_val_if_fail (LOTSE_IS_JOURFIXE_CATALOG (catalog), NULL);

  self = g_object_new (LOTSE_TYPE_AGENDA_MINUTES, NULL);
  self->catalog = g_object_ref (catalog);
  lotse_jourfixe_catalog_setup_dropdown (catalog, self->owner_dropdown, LOTSE_TABLE_PERSON, NULL);

  return GTK_WIDGET (self);
}

/**
 * lotse_agenda_minutes_set_item:
 * @self: minutes
 * @item: the item as the store holds it now
 *
 * Shows @item's state and notes; notes the user is typing stay.
 */
void
lotse_agenda_minutes_set_item (LotseAgendaMinutes *self,
                               LotseRecord        *item)
{
  const char *status = lotse_record_get (item, LOTSE_AGENDA_ITEM_STATUS);
  const char *notes = lotse_record_get (item, LOTSE_AGENDA_ITEM_NOTES);
  g_autofree char *current = NULL;

  g_return_if_fail (LOTSE_IS_AGENDA_MINUTES (self));
  g_return_if_fail (LOTSE_IS_RECORD (item));

  g_set_object (&self->item, item);
  self->filling = TRUE;

  for (guint i = 0; i < G_N_ELEMENTS (statuses); i++)
    gtk_toggle_button_set_active (status_button (self, i), g_strcmp0 (status, statuses[i]) == 0);

  current = notes_text (self);
  if (self->notes_timeout == 0 &&
      g_strcmp0 (current, self->notes_loaded ? self->notes_loaded : "") == 0)
    {
      gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->notes_view), notes ? notes : "", -1);
      g_free (self->notes_loaded);
      self->notes_loaded = g_strdup (notes ? notes : "");
    }

  self->filling = FALSE;
}

static void
replace_records (GListStore *store,
                 GPtrArray  *records)
{
  g_list_store_splice (store, 0, g_list_model_get_n_items (G_LIST_MODEL (store)),
                       records != NULL ? records->pdata : NULL, records != NULL ? records->len : 0);
}

/* The same action items as shown, in the same order: their rows take the
 * records as they are now, so the field being edited keeps the focus
 * when a change is written (rebinding the model would build new rows).
 * The model keeps the records the rows were made from; only their ids
 * are read from it. */
static gboolean
update_action_items (LotseAgendaMinutes *self,
                     GPtrArray          *action_items)
{
  guint n = action_items != NULL ? action_items->len : 0;

  if (g_list_model_get_n_items (G_LIST_MODEL (self->action_items)) != n)
    return FALSE;

  for (guint i = 0; i < n; i++)
    {
      GtkListBoxRow *row = gtk_list_box_get_row_at_index (self->action_list, i);

      if (!LOTSE_IS_ACTION_ITEM_ROW (row) ||
          g_strcmp0 (lotse_action_item_row_get_id (LOTSE_ACTION_ITEM_ROW (row)),
                     lotse_record_get_id (g_ptr_array_index (action_items, i))) != 0)
        return FALSE;
    }

  for (guint i = 0; i < n; i++)
    {
      GtkListBoxRow *row = gtk_list_box_get_row_at_index (self->action_list, i);

      lotse_action_item_row_set_action_item (LOTSE_ACTION_ITEM_ROW (row), g_ptr_array_index (action_items, i));
    }

  return TRUE;
}

/**
 * lotse_agenda_minutes_set_records:
 * @self: minutes
 * @decisions: (element-type LotseRecord) (nullable): the item's decisions
 * @action_items: (element-type LotseRecord) (nullable): its action items
 */
void
lotse_agenda_minutes_set_records (LotseAgendaMinutes *self,
                                  GPtrArray          *decisions,
                                  GPtrArray          *action_items)
{
  g_return_if_fail (LOTSE_IS_AGENDA_MINUTES (self));

  replace_records (self->decisions, decisions);
  if (!update_action_items (self, action_items))
    replace_records (self->action_items, action_items);
}

/* A decision or action item hangs on the item, its meeting and project. */
static LotseRecord *
new_child_record (LotseAgendaMinutes *self,
                  const char         *table)
{
  LotseRecord *record = lotse_record_new_for_table (table);

  lotse_record_set (record, LOTSE_AGENDA_ITEM_MEETING_ID,
                    lotse_record_get (self->item, LOTSE_AGENDA_ITEM_MEETING_ID));
  lotse_record_set (record, LOTSE_DECISION_AGENDA_ITEM_ID, lotse_record_get_id (self->item));
  lotse_record_set (record, LOTSE_AGENDA_ITEM_PROJECT_ID,
                    lotse_record_get (self->item, LOTSE_AGENDA_ITEM_PROJECT_ID));

  return record;
}

/**
 * lotse_agenda_minutes_set_locked:
 * @self: minutes
 * @locked: whether the minutes are approved
 *
 * Approved minutes take no notes, state or decisions, and no new action
 * items; the action items there are stay workable.
 */
void
lotse_agenda_minutes_set_locked (LotseAgendaMinutes *self,
                                 gboolean            locked)
{
  GtkWidget *editors[] = {
    GTK_WIDGET (self->status_open), GTK_WIDGET (self->status_done), GTK_WIDGET (self->status_deferred),
    GTK_WIDGET (self->notes_view), GTK_WIDGET (self->decision_entry), GTK_WIDGET (self->action_entry),
    GTK_WIDGET (self->owner_dropdown), GTK_WIDGET (self->due_entry),
  };

  g_return_if_fail (LOTSE_IS_AGENDA_MINUTES (self));

  for (guint i = 0; i < G_N_ELEMENTS (editors); i++)
    gtk_widget_set_sensitive (editors[i], !locked);
  gtk_text_view_set_editable (self->notes_view, !locked);

  self->locked = !!locked;
  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->action_list)); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    if (LOTSE_IS_ACTION_ITEM_ROW (row))
      lotse_action_item_row_set_locked (LOTSE_ACTION_ITEM_ROW (row), self->locked);
}

void
lotse_agenda_minutes_add_decision (LotseAgendaMinutes *self)
{
  g_autofree char *text = NULL;
  g_autoptr(LotseRecord) decision = NULL;

  g_return_if_fail (LOTSE_IS_AGENDA_MINUTES (self));

  text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->decision_entry))));
  if (*text == '\0')
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->decision_entry), "error");
      lotse_jourfixe_toast (GTK_WIDGET (self), _("Write the decision first"));
      return;
    }

  decision = new_child_record (self, LOTSE_TABLE_DECISION);
  lotse_record_set (decision, LOTSE_DECISION_TEXT, text);
  if (lotse_jourfixe_insert (GTK_WIDGET (self), get_store (self), decision))
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self->decision_entry), "error");
      gtk_editable_set_text (GTK_EDITABLE (self->decision_entry), "");
    }
}

void
lotse_agenda_minutes_add_action_item (LotseAgendaMinutes *self)
{
  g_autofree char *title = NULL;
  g_autofree char *due = NULL;
  g_autoptr(LotseRecord) action = NULL;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (LOTSE_IS_AGENDA_MINUTES (self));

  title = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->action_entry))));
  gtk_widget_remove_css_class (GTK_WIDGET (self->action_entry), "error");
  if (*title == '\0')
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->action_entry), "error");
      lotse_jourfixe_toast (GTK_WIDGET (self), _("An action item needs a title"));
      return;
    }
  if (!lotse_date_entry_get_date (self->due_entry, &due, &error))
    {
      lotse_date_entry_set_error (self->due_entry, error->message);
      lotse_jourfixe_toast (GTK_WIDGET (self), error->message);
      return;
    }

  action = new_child_record (self, LOTSE_TABLE_ACTION_ITEM);
  lotse_record_set (action, LOTSE_ACTION_ITEM_TITLE, title);
  lotse_record_set (action, LOTSE_ACTION_ITEM_OWNER_PERSON_ID,
                    lotse_jourfixe_catalog_dropdown_get_id (self->catalog, self->owner_dropdown));
  lotse_record_set (action, LOTSE_ACTION_ITEM_DUE_DATE, due);
  lotse_record_set (action, LOTSE_ACTION_ITEM_STATUS, "open");

  if (lotse_jourfixe_insert (GTK_WIDGET (self), get_store (self), action))
    {
      gtk_editable_set_text (GTK_EDITABLE (self->action_entry), "");
      lotse_date_entry_set_date (self->due_entry, NULL);
      gtk_drop_down_set_selected (self->owner_dropdown, 0);
    }
}

GtkTextView *
lotse_agenda_minutes_get_notes_view (LotseAgendaMinutes *self)
{
  return self->notes_view;
}

GtkEditable *
lotse_agenda_minutes_get_decision_entry (LotseAgendaMinutes *self)
{
  return GTK_EDITABLE (self->decision_entry);
}

GtkEditable *
lotse_agenda_minutes_get_action_entry (LotseAgendaMinutes *self)
{
  return GTK_EDITABLE (self->action_entry);
}

GtkDropDown *
lotse_agenda_minutes_get_owner_dropdown (LotseAgendaMinutes *self)
{
  return self->owner_dropdown;
}

GtkEditable *
lotse_agenda_minutes_get_due_entry (LotseAgendaMinutes *self)
{
  return GTK_EDITABLE (self->due_entry);
}

GtkToggleButton *
lotse_agenda_minutes_get_status_button (LotseAgendaMinutes *self,
                                        const char         *status)
{
  for (guint i = 0; i < G_N_ELEMENTS (statuses); i++)
    if (g_strcmp0 (statuses[i], status) == 0)
      return status_button (self, i);

  return NULL;
}

GtkListBox *
lotse_agenda_minutes_get_decision_list (LotseAgendaMinutes *self)
{
  return self->decision_list;
}

GtkListBox *
lotse_agenda_minutes_get_action_list (LotseAgendaMinutes *self)
{
  return self->action_list;
}
