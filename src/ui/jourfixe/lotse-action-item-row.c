/* lotse-action-item-row.c: one action item of the minutes, editable in place
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * An action item is work that goes on after the meeting: its title,
 * owner, due date, status and notes are edited where it was agreed. Each
 * field is written when it is changed (title and notes when Enter is
 * pressed or the entry is left), through the store like every jour fixe
 * editor. When the item changed elsewhere, title and notes take the new
 * text only if the user has not typed since they were last filled.
 *
 * The notes are one line: a word on how the work stands, beside the
 * status, not a second set of minutes.
 *
 * Approved minutes lock what was agreed (the title) and deleting; owner,
 * due date, status and notes stay workable, as lotse-minutes.c allows.
 */

#define G_LOG_DOMAIN "lotse-action-item-row"

#include "config.h"

#include <glib/gi18n.h>

#include "lotse-action-item-row.h"
#include "lotse-date-entry.h"
#include "lotse-jourfixe-private.h"

static const char * const statuses[] = { "open", "done", "dropped", NULL };

struct _LotseActionItemRow
{
  GtkListBoxRow         parent_instance;

  LotseJourfixeCatalog *catalog;
  LotseRecord          *action_item;
  char                 *title_loaded;
  char                 *notes_loaded;
  gboolean              filling;

  GtkEntry             *title_entry;
  GtkButton            *delete_button;
  GtkDropDown          *owner_dropdown;
  LotseDateEntry       *due_entry;
  GtkDropDown          *status_dropdown;
  GtkEntry             *notes_entry;
};

G_DEFINE_FINAL_TYPE (LotseActionItemRow, lotse_action_item_row, GTK_TYPE_LIST_BOX_ROW)

static LotseStore *
get_store (LotseActionItemRow *self)
{
  return lotse_jourfixe_catalog_get_store (self->catalog);
}

static gboolean
save_field (LotseActionItemRow *self,
            const char         *field,
            const char         *value)
{
  if (self->filling || self->action_item == NULL)
    return FALSE;

  return lotse_jourfixe_save_field (GTK_WIDGET (self), get_store (self), &self->action_item, field, value);
}

static void
save_title (LotseActionItemRow *self)
{
  g_autofree char *title = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->title_entry))));

  if (self->filling || self->action_item == NULL || g_strcmp0 (title, self->title_loaded) == 0)
    return;

  if (*title == '\0')
    {
      /* A title is required: the stored one comes back. */
      lotse_jourfixe_toast (GTK_WIDGET (self), _("An action item needs a title"));
      gtk_editable_set_text (GTK_EDITABLE (self->title_entry), self->title_loaded);
      return;
    }

  if (save_field (self, LOTSE_ACTION_ITEM_TITLE, title))
    {
      g_free (self->title_loaded);
      self->title_loaded = g_steal_pointer (&title);
    }
}

static void
save_notes (LotseActionItemRow *self)
{
  g_autofree char *notes = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->notes_entry))));

  if (self->filling || self->action_item == NULL || g_strcmp0 (notes, self->notes_loaded) == 0)
    return;

  if (save_field (self, LOTSE_ACTION_ITEM_NOTES, *notes != '\0' ? notes : NULL))
    {
      g_free (self->notes_loaded);
      self->notes_loaded = g_steal_pointer (&notes);
    }
}

static void
save_due (LotseActionItemRow *self)
{
  g_autofree char *due = NULL;
  g_autoptr(GError) error = NULL;

  if (self->filling || self->action_item == NULL)
    return;

  if (!lotse_date_entry_get_date (self->due_entry, &due, &error))
    {
      lotse_date_entry_set_error (self->due_entry, error->message);
      lotse_jourfixe_toast (GTK_WIDGET (self), error->message);
      return;
    }
  save_field (self, LOTSE_ACTION_ITEM_DUE_DATE, due);
}

static void
on_owner_selected (LotseActionItemRow *self)
{
  save_field (self, LOTSE_ACTION_ITEM_OWNER_PERSON_ID,
              lotse_jourfixe_catalog_dropdown_get_id (self->catalog, self->owner_dropdown));
}

/* Done records when, as in the registers; any other state has no such time. */
static void
on_status_selected (LotseActionItemRow *self)
{
  guint selected = gtk_drop_down_get_selected (self->status_dropdown);
  g_autoptr(LotseRecord) action = NULL;
  g_autofree char *now = NULL;
  gboolean done;

  if (self->filling || self->action_item == NULL || selected >= G_N_ELEMENTS (statuses) - 1 ||
      g_strcmp0 (lotse_record_get (self->action_item, LOTSE_ACTION_ITEM_STATUS), statuses[selected]) == 0)
    return;

  done = g_str_equal (statuses[selected], "done");
  now = done ? lotse_jourfixe_now (get_store (self)) : NULL;
  action = lotse_record_copy (self->action_item);
  lotse_record_set (action, LOTSE_ACTION_ITEM_STATUS, statuses[selected]);
  lotse_record_set (action, LOTSE_ACTION_ITEM_DONE_AT, now);
  if (lotse_jourfixe_save (GTK_WIDGET (self), get_store (self), action))
    g_set_object (&self->action_item, action);
  else
    lotse_action_item_row_set_action_item (self, self->action_item);
}

static void
lotse_action_item_row_dispose (GObject *object)
{
  LotseActionItemRow *self = LOTSE_ACTION_ITEM_ROW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), LOTSE_TYPE_ACTION_ITEM_ROW);
  g_clear_object (&self->catalog);
  g_clear_object (&self->action_item);
  g_clear_pointer (&self->title_loaded, g_free);
  g_clear_pointer (&self->notes_loaded, g_free);

  G_OBJECT_CLASS (lotse_action_item_row_parent_class)->dispose (object);
}

static void
lotse_action_item_row_class_init (LotseActionItemRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lotse_action_item_row_dispose;

  g_type_ensure (LOTSE_TYPE_DATE_ENTRY);
  gtk_widget_class_set_template_from_resource (widget_class, "/app/lotse/Lotse/jourfixe/lotse-action-item-row.ui");
  gtk_widget_class_bind_template_child (widget_class, LotseActionItemRow, title_entry);
  gtk_widget_class_bind_template_child (widget_class, LotseActionItemRow, delete_button);
  gtk_widget_class_bind_template_child (widget_class, LotseActionItemRow, owner_dropdown);
  gtk_widget_class_bind_template_child (widget_class, LotseActionItemRow, due_entry);
  gtk_widget_class_bind_template_child (widget_class, LotseActionItemRow, status_dropdown);
  gtk_widget_class_bind_template_child (widget_class, LotseActionItemRow, notes_entry);
  gtk_widget_class_bind_template_callback (widget_class, save_title);
  gtk_widget_class_bind_template_callback (widget_class, save_due);
  gtk_widget_class_bind_template_callback (widget_class, save_notes);
}

static void
lotse_action_item_row_init (LotseActionItemRow *self)
{
  g_autoptr(GListModel) states = lotse_jourfixe_enum_model (LOTSE_TABLE_ACTION_ITEM, LOTSE_ACTION_ITEM_STATUS,
                                                            statuses);
  GtkEventController *focus = gtk_event_controller_focus_new ();
  GtkEventController *notes_focus = gtk_event_controller_focus_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_drop_down_set_model (self->status_dropdown, states);

  /* Leaving the title keeps what was typed, as leaving any field does. */
  g_signal_connect_swapped (focus, "leave", G_CALLBACK (save_title), self);
  gtk_widget_add_controller (GTK_WIDGET (self->title_entry), focus);
  g_signal_connect_swapped (notes_focus, "leave", G_CALLBACK (save_notes), self);
  gtk_widget_add_controller (GTK_WIDGET (self->notes_entry), notes_focus);
  g_signal_connect_swapped (self->status_dropdown, "notify::selected", G_CALLBACK (on_status_selected), self);
}

/**
 * lotse_action_item_row_new:
 * @catalog: the names of people
 * @action_item: an action item
 *
 * Returns: (transfer floating): a row editing @action_item
 */
GtkWidget *
lotse_action_item_row_new (LotseJourfixeCatalog *catalog,
                           LotseRecord          *action_item)
{
  LotseActionItemRow *self;

  g_return_val_if_fail (LOTSE_IS_JOURFIXE_CATALOG (catalog), NULL);
  g_return_val_if_fail (LOTSE_IS_RECORD (action_item), NULL);

  self = g_object_new (LOTSE_TYPE_ACTION_ITEM_ROW, NULL);
  self->catalog = g_object_ref (catalog);
  lotse_jourfixe_catalog_setup_dropdown (catalog, self->owner_dropdown, LOTSE_TABLE_PERSON, NULL);
  g_signal_connect_swapped (self->owner_dropdown, "notify::selected", G_CALLBACK (on_owner_selected), self);
  lotse_action_item_row_set_action_item (self, action_item);

  return GTK_WIDGET (self);
}

const char *
lotse_action_item_row_get_id (LotseActionItemRow *self)
{
  g_return_val_if_fail (LOTSE_IS_ACTION_ITEM_ROW (self), NULL);

  return lotse_record_get_id (self->action_item);
}

/* Shows @text in @entry unless the user typed there since *@loaded was shown. */
static void
fill_entry (GtkEntry    *entry,
            char       **loaded,
            const char  *text)
{
  const char *current = gtk_editable_get_text (GTK_EDITABLE (entry));

  if (*loaded != NULL && g_strcmp0 (current, *loaded) != 0)
    return;

  gtk_editable_set_text (GTK_EDITABLE (entry), text ? text : "");
  g_free (*loaded);
  *loaded = g_strdup (text ? text : "");
}

/**
 * lotse_action_item_row_set_action_item:
 * @self: a row
 * @action_item: the action item as the store holds it now
 *
 * Shows @action_item; a title the user is typing stays.
 */
void
lotse_action_item_row_set_action_item (LotseActionItemRow *self,
                                       LotseRecord        *action_item)
{
  g_return_if_fail (LOTSE_IS_ACTION_ITEM_ROW (self));
  g_return_if_fail (LOTSE_IS_RECORD (action_item));

  g_set_object (&self->action_item, action_item);
  self->filling = TRUE;

  fill_entry (self->title_entry, &self->title_loaded, lotse_record_get (action_item, LOTSE_ACTION_ITEM_TITLE));
  fill_entry (self->notes_entry, &self->notes_loaded, lotse_record_get (action_item, LOTSE_ACTION_ITEM_NOTES));
  gtk_drop_down_set_selected (self->owner_dropdown,
                              lotse_jourfixe_catalog_get_position (self->catalog, LOTSE_TABLE_PERSON,
                                                                   lotse_record_get (action_item, LOTSE_ACTION_ITEM_OWNER_PERSON_ID)));
  if (!lotse_date_entry_is_edited (self->due_entry))
    lotse_date_entry_set_date (self->due_entry, lotse_record_get (action_item, LOTSE_ACTION_ITEM_DUE_DATE));
  gtk_drop_down_set_selected (self->status_dropdown,
                              lotse_jourfixe_enum_index (statuses, lotse_record_get (action_item, LOTSE_ACTION_ITEM_STATUS)));
  gtk_actionable_set_action_target (GTK_ACTIONABLE (self->delete_button), "s", lotse_record_get_id (action_item));

  self->filling = FALSE;
}

/**
 * lotse_action_item_row_set_locked:
 * @self: a row
 * @locked: whether the minutes are approved
 *
 * Approved minutes keep what was agreed; the work (owner, due date,
 * status, notes) goes on.
 */
void
lotse_action_item_row_set_locked (LotseActionItemRow *self,
                                  gboolean            locked)
{
  g_return_if_fail (LOTSE_IS_ACTION_ITEM_ROW (self));

  gtk_widget_set_sensitive (GTK_WIDGET (self->title_entry), !locked);
}

GtkEditable *
lotse_action_item_row_get_title_entry (LotseActionItemRow *self)
{
  return GTK_EDITABLE (self->title_entry);
}

GtkDropDown *
lotse_action_item_row_get_owner_dropdown (LotseActionItemRow *self)
{
  return self->owner_dropdown;
}

GtkWidget *
lotse_action_item_row_get_due_entry (LotseActionItemRow *self)
{
  return GTK_WIDGET (self->due_entry);
}

GtkDropDown *
lotse_action_item_row_get_status_dropdown (LotseActionItemRow *self)
{
  return self->status_dropdown;
}

GtkEditable *
lotse_action_item_row_get_notes_entry (LotseActionItemRow *self)
{
  return GTK_EDITABLE (self->notes_entry);
}
