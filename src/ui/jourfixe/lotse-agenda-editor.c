/* lotse-agenda-editor.c: the fields of one agenda item
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Title, kind, presenter, duration, project and milestone of an agenda
 * item, and buttons to move or delete it. The agenda row builds it the
 * first time the row is opened, so a meeting with many items opens at once.
 *
 * Every field writes to the store on its own (the title when the entry is
 * activated or left); when the item changed elsewhere, the title entry
 * takes the new value only if the user has not typed into it since it was
 * last filled.
 */

#define G_LOG_DOMAIN "lotse-agenda-editor"

#include "config.h"

#include <glib/gi18n.h>

#include "lotse-agenda-editor.h"
#include "lotse-drop-down.h"
#include "lotse-jourfixe-private.h"

static const char * const kinds[] = { "information", "discussion", "decision", NULL };

struct _LotseAgendaEditor
{
  GtkBox                parent_instance;

  LotseJourfixeCatalog *catalog;
  LotseRecord          *item;
  gboolean              filling;
  char                 *title_loaded;
  GPtrArray            *milestone_ids;

  GtkEntry             *title_entry;
  GtkDropDown          *kind_dropdown;
  GtkDropDown          *presenter_dropdown;
  GtkSpinButton        *duration_spin;
  GtkDropDown          *project_dropdown;
  GtkDropDown          *milestone_dropdown;
};

G_DEFINE_FINAL_TYPE (LotseAgendaEditor, lotse_agenda_editor, GTK_TYPE_BOX)

static LotseStore *
get_store (LotseAgendaEditor *self)
{
  return lotse_jourfixe_catalog_get_store (self->catalog);
}

/* Writes one field of the item; the store's ::changed brings it back. */
static void
save_field (LotseAgendaEditor *self,
            const char        *field,
            const char        *value)
{
  if (self->filling || self->item == NULL)
    return;

  lotse_jourfixe_save_field (GTK_WIDGET (self), get_store (self), &self->item, field, value);
}

static void
on_title_commit (LotseAgendaEditor *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->title_entry));
  g_autofree char *stripped = g_strstrip (g_strdup (text));

  if (self->filling || self->item == NULL)
    return;

  if (*stripped == '\0')
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->title_entry), "error");
      lotse_jourfixe_toast (GTK_WIDGET (self), _("An agenda item needs a title"));
      return;
    }

  gtk_widget_remove_css_class (GTK_WIDGET (self->title_entry), "error");
  save_field (self, "title", text);
  g_free (self->title_loaded);
  self->title_loaded = g_strdup (lotse_record_get (self->item, "title"));
}

static void
on_title_focus_leave (LotseAgendaEditor *self)
{
  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (self->title_entry)), self->title_loaded) != 0)
    on_title_commit (self);
}

static void
on_kind_selected (LotseAgendaEditor *self)
{
  guint selected = gtk_drop_down_get_selected (self->kind_dropdown);

  if (selected < G_N_ELEMENTS (kinds) - 1)
    save_field (self, "kind", kinds[selected]);
}

static void
on_presenter_selected (LotseAgendaEditor *self)
{
  if (self->filling || self->item == NULL)
    return;

  save_field (self, "presenter_person_id",
              lotse_jourfixe_catalog_dropdown_get_id (self->catalog, self->presenter_dropdown));
}

static void
on_duration_changed (LotseAgendaEditor *self)
{
  g_autofree char *value = g_strdup_printf ("%d", gtk_spin_button_get_value_as_int (self->duration_spin));

  save_field (self, "duration_min", value);
}

static void fill_milestones (LotseAgendaEditor *self);

static void
on_project_selected (LotseAgendaEditor *self)
{
  const char *project_id;
  g_autoptr(LotseRecord) copy = NULL;

  if (self->filling || self->item == NULL)
    return;

  project_id = lotse_jourfixe_catalog_dropdown_get_id (self->catalog, self->project_dropdown);
  if (g_strcmp0 (project_id, lotse_record_get (self->item, "project_id")) == 0)
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
on_milestone_selected (LotseAgendaEditor *self)
{
  guint selected = gtk_drop_down_get_selected (self->milestone_dropdown);

  if (self->milestone_ids == NULL || selected >= self->milestone_ids->len)
    return;

  save_field (self, "milestone_id", g_ptr_array_index (self->milestone_ids, selected));
}

/* Whether the milestone drop-down lists @ids and @names already. */
static gboolean
milestones_shown (LotseAgendaEditor *self,
                  GPtrArray         *ids,
                  GListModel        *names)
{
  GListModel *shown = gtk_drop_down_get_model (self->milestone_dropdown);

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
fill_milestones (LotseAgendaEditor *self)
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
      gtk_drop_down_set_model (self->milestone_dropdown, G_LIST_MODEL (names));
    }
  if (gtk_drop_down_get_selected (self->milestone_dropdown) != selected)
    gtk_drop_down_set_selected (self->milestone_dropdown, selected);
  gtk_widget_set_sensitive (GTK_WIDGET (self->milestone_dropdown), project_id != NULL);
  self->filling = FALSE;
}

static void
lotse_agenda_editor_dispose (GObject *object)
{
  LotseAgendaEditor *self = LOTSE_AGENDA_EDITOR (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), LOTSE_TYPE_AGENDA_EDITOR);
  g_clear_object (&self->catalog);
  g_clear_object (&self->item);
  g_clear_pointer (&self->milestone_ids, g_ptr_array_unref);
  g_clear_pointer (&self->title_loaded, g_free);

  G_OBJECT_CLASS (lotse_agenda_editor_parent_class)->dispose (object);
}

static void
lotse_agenda_editor_class_init (LotseAgendaEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lotse_agenda_editor_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/app/lotse/Lotse/jourfixe/lotse-agenda-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, LotseAgendaEditor, title_entry);
  gtk_widget_class_bind_template_child (widget_class, LotseAgendaEditor, kind_dropdown);
  gtk_widget_class_bind_template_child (widget_class, LotseAgendaEditor, presenter_dropdown);
  gtk_widget_class_bind_template_child (widget_class, LotseAgendaEditor, duration_spin);
  gtk_widget_class_bind_template_child (widget_class, LotseAgendaEditor, project_dropdown);
  gtk_widget_class_bind_template_child (widget_class, LotseAgendaEditor, milestone_dropdown);
  gtk_widget_class_bind_template_callback (widget_class, on_title_commit);
  gtk_widget_class_bind_template_callback (widget_class, on_title_focus_leave);
  gtk_widget_class_bind_template_callback (widget_class, on_kind_selected);
  gtk_widget_class_bind_template_callback (widget_class, on_presenter_selected);
  gtk_widget_class_bind_template_callback (widget_class, on_duration_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_project_selected);
  gtk_widget_class_bind_template_callback (widget_class, on_milestone_selected);
}

static void
lotse_agenda_editor_init (LotseAgendaEditor *self)
{
  g_autoptr(GListModel) names = lotse_jourfixe_enum_model ("agenda_item", "kind", kinds);

  gtk_widget_init_template (GTK_WIDGET (self));

  gtk_drop_down_set_model (self->kind_dropdown, names);
  lotse_drop_down_ellipsize (self->milestone_dropdown, 10);
}

/**
 * lotse_agenda_editor_new:
 * @catalog: the names of people and projects
 *
 * Returns: (transfer floating): an editor; it shows an item once given one
 */
GtkWidget *
lotse_agenda_editor_new (LotseJourfixeCatalog *catalog)
{
  LotseAgendaEditor *self;

  g_return_val_if_fail (LOTSE_IS_JOURFIXE_CATALOG (catalog), NULL);

  self = g_object_new (LOTSE_TYPE_AGENDA_EDITOR, NULL);
  self->catalog = g_object_ref (catalog);
  lotse_jourfixe_catalog_setup_dropdown (catalog, self->presenter_dropdown, "person", NULL);
  lotse_jourfixe_catalog_setup_dropdown (catalog, self->project_dropdown, "project", NULL);

  return GTK_WIDGET (self);
}

/**
 * lotse_agenda_editor_set_item:
 * @self: an editor
 * @item: the item as the store holds it now
 *
 * Shows @item; a title the user has typed and not saved stays.
 */
void
lotse_agenda_editor_set_item (LotseAgendaEditor *self,
                              LotseRecord       *item)
{
  const char *kind = lotse_record_get (item, "kind");
  const char *title = lotse_record_get (item, "title");

  g_return_if_fail (LOTSE_IS_AGENDA_EDITOR (self));
  g_return_if_fail (LOTSE_IS_RECORD (item));

  g_set_object (&self->item, item);
  self->filling = TRUE;

  if (self->title_loaded == NULL ||
      g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (self->title_entry)), self->title_loaded) == 0)
    {
      gtk_editable_set_text (GTK_EDITABLE (self->title_entry), title ? title : "");
      g_free (self->title_loaded);
      self->title_loaded = g_strdup (title ? title : "");
    }

  for (guint i = 0; kinds[i] != NULL; i++)
    if (g_strcmp0 (kinds[i], kind) == 0)
      gtk_drop_down_set_selected (self->kind_dropdown, i);

  gtk_drop_down_set_selected (self->presenter_dropdown,
                              lotse_jourfixe_catalog_get_position (self->catalog, "person",
                                                                   lotse_record_get (item, "presenter_person_id")));
  gtk_spin_button_set_value (self->duration_spin, lotse_record_get_int (item, "duration_min", 0));
  gtk_drop_down_set_selected (self->project_dropdown,
                              lotse_jourfixe_catalog_get_position (self->catalog, "project",
                                                                   lotse_record_get (item, "project_id")));
  self->filling = FALSE;

  fill_milestones (self);
}

GtkEditable *
lotse_agenda_editor_get_title_entry (LotseAgendaEditor *self)
{
  return GTK_EDITABLE (self->title_entry);
}

GtkSpinButton *
lotse_agenda_editor_get_duration_spin (LotseAgendaEditor *self)
{
  return self->duration_spin;
}

GtkDropDown *
lotse_agenda_editor_get_kind_dropdown (LotseAgendaEditor *self)
{
  return self->kind_dropdown;
}

GtkDropDown *
lotse_agenda_editor_get_presenter_dropdown (LotseAgendaEditor *self)
{
  return self->presenter_dropdown;
}

GtkDropDown *
lotse_agenda_editor_get_project_dropdown (LotseAgendaEditor *self)
{
  return self->project_dropdown;
}

GtkDropDown *
lotse_agenda_editor_get_milestone_dropdown (LotseAgendaEditor *self)
{
  return self->milestone_dropdown;
}
