/* lotse-directory-detail.c: the directory's detail pane
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The pane shows one organisation or person as a form (entry rows, a
 * choice, Save and Delete) and below it what links to the record: an
 * organisation's people, the projects it partners in and leads; a
 * person's organisation, the projects they lead and their jour fixe
 * items. The pane is rebuilt for each record; a link opens its record.
 */

#define G_LOG_DOMAIN "lotse-directory-panel"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "lotse-directory-panel-private.h"
#include "lotse-drop-down.h"

static const char * const organisation_form[] = { LOTSE_ORGANISATION_NAME, LOTSE_ORGANISATION_CITY,
                                                  LOTSE_ORGANISATION_WEBSITE, LOTSE_ORGANISATION_NOTES, NULL };
static const char * const person_form[] = { LOTSE_PERSON_NAME, LOTSE_PERSON_ROLE, LOTSE_PERSON_EMAIL,
                                            LOTSE_PERSON_PHONE, NULL };

const char * const *
lotse_directory_form_fields (const char *table)
{
  return g_str_equal (table, LOTSE_TABLE_ORGANISATION) ? organisation_form : person_form;
}

static void
clear_detail (LotseDirectoryPanel *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->detail_box))) != NULL)
    gtk_box_remove (self->detail_box, child);
  g_hash_table_remove_all (self->entries);
  self->choice_row = NULL;
  g_ptr_array_set_size (self->choice_values, 0);
  g_ptr_array_set_size (self->detail_projects, 0);
}

static void
open_project_row (AdwActionRow        *row,
                  LotseDirectoryPanel *self)
{
  const char *id = g_object_get_data (G_OBJECT (row), "project-id");

  gtk_widget_activate_action (GTK_WIDGET (self), "win.open-record", "(ss)", LOTSE_TABLE_PROJECT, id);
}

static void
show_linked_row (AdwActionRow        *row,
                 LotseDirectoryPanel *self)
{
  g_autofree char *table = g_strdup (g_object_get_data (G_OBJECT (row), "table"));
  g_autofree char *id = g_strdup (g_object_get_data (G_OBJECT (row), "id"));

  lotse_directory_panel_show_record (self, table, id);
}

static GtkWidget *
add_group (LotseDirectoryPanel *self,
           const char          *title)
{
  GtkWidget *group = adw_preferences_group_new ();

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), title);
  gtk_box_append (self->detail_box, group);

  return group;
}

static void
add_project_row (LotseDirectoryPanel *self,
                 GtkWidget           *group,
                 LotseRecord         *project,
                 const char          *subtitle)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), lotse_record_get (project, LOTSE_PROJECT_TITLE));
  if (subtitle != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  g_object_set_data_full (G_OBJECT (row), "project-id",
                          g_strdup (lotse_record_get_id (project)), g_free);
  g_signal_connect (row, "activated", G_CALLBACK (open_project_row), self);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
  g_ptr_array_add (self->detail_projects, g_strdup (lotse_record_get_id (project)));
}

static void
add_linked_row (LotseDirectoryPanel *self,
                GtkWidget           *group,
                const char          *table,
                const char          *id,
                const char          *title,
                const char          *subtitle)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (subtitle != NULL && *subtitle != '\0')
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  g_object_set_data_full (G_OBJECT (row), "table", g_strdup (table), g_free);
  g_object_set_data_full (G_OBJECT (row), "id", g_strdup (id), g_free);
  g_signal_connect (row, "activated", G_CALLBACK (show_linked_row), self);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
}

static GPtrArray *
list_where (LotseDirectoryPanel *self,
            const char          *table,
            const char          *field,
            const char          *value)
{
  LotseFilter filter = { field, value };
  g_autoptr(GError) error = NULL;
  GPtrArray *rows = lotse_store_list (lotse_panel_get_store (LOTSE_PANEL (self)), table, &filter, 1, NULL, 0, 0, &error);

  if (rows == NULL)
    {
      g_warning ("Could not list %s: %s", table, error->message);
      return g_ptr_array_new ();
    }

  return rows;
}

static void
add_led_projects (LotseDirectoryPanel *self,
                  const char          *field,
                  const char          *id)
{
  g_autoptr(GPtrArray) projects = list_where (self, LOTSE_TABLE_PROJECT, field, id);
  GtkWidget *group;

  if (projects->len == 0)
    return;

  group = add_group (self, _("Leads"));
  for (guint i = 0; i < projects->len; i++)
    add_project_row (self, group, g_ptr_array_index (projects, i), NULL);
}

static void
add_organisation_links (LotseDirectoryPanel *self,
                        const char          *id)
{
  g_autoptr(GPtrArray) people = list_where (self, LOTSE_TABLE_PERSON, LOTSE_PERSON_ORGANISATION_ID, id);
  g_autoptr(GPtrArray) partners = list_where (self, LOTSE_TABLE_PROJECT_PARTNER,
                                              LOTSE_PROJECT_PARTNER_ORGANISATION_ID, id);
  GtkWidget *group = add_group (self, _("People"));
  GtkWidget *add = gtk_button_new_from_icon_name ("list-add-symbolic");

  gtk_widget_set_tooltip_text (add, _("Add a Person to This Organisation"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (add), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Add a Person to This Organisation"), -1);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (add), "directory.new-person");
  gtk_widget_add_css_class (add, "flat");
  adw_preferences_group_set_header_suffix (ADW_PREFERENCES_GROUP (group), add);
  for (guint i = 0; i < people->len; i++)
    {
      LotseRecord *person = g_ptr_array_index (people, i);

      add_linked_row (self, group, LOTSE_TABLE_PERSON, lotse_record_get_id (person),
                      lotse_record_get (person, LOTSE_PERSON_NAME), lotse_record_get (person, LOTSE_PERSON_ROLE));
    }

  if (partners->len > 0)
    {
      group = add_group (self, _("Partner In"));
      for (guint i = 0; i < partners->len; i++)
        {
          LotseRecord *partner = g_ptr_array_index (partners, i);
          g_autoptr(LotseRecord) project = NULL;

          project = lotse_store_get (lotse_panel_get_store (LOTSE_PANEL (self)), LOTSE_TABLE_PROJECT,
                                     lotse_record_get (partner, LOTSE_PROJECT_PARTNER_PROJECT_ID), NULL);
          if (project != NULL)
            add_project_row (self, group, project, lotse_record_get (partner, LOTSE_PROJECT_PARTNER_ROLE));
        }
    }

  add_led_projects (self, LOTSE_PROJECT_LEAD_ORGANISATION_ID, id);
}

static void
open_record_row (AdwActionRow        *row,
                 LotseDirectoryPanel *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "win.open-record", "(ss)",
                              g_object_get_data (G_OBJECT (row), "table"),
                              g_object_get_data (G_OBJECT (row), "id"));
}

/* A person's action items and agenda items from the jour fixe: the latest
 * few, each opening in the Jour fixe view. */
#define MEETING_ROWS 20

static void
add_meeting_rows (LotseDirectoryPanel *self,
                  const char          *title,
                  const char          *table,
                  const char          *field,
                  const char          *id)
{
  LotseFilter filter = { field, id };
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *group;

  rows = lotse_store_list (lotse_panel_get_store (LOTSE_PANEL (self)), table, &filter, 1, "-created_at", MEETING_ROWS, 0, &error);
  if (rows == NULL)
    {
      g_warning ("Could not list %s: %s", table, error->message);
      return;
    }
  if (rows->len == 0)
    return;

  group = add_group (self, title);
  for (guint i = 0; i < rows->len; i++)
    {
      LotseRecord *record = g_ptr_array_index (rows, i);
      GtkWidget *row = adw_action_row_new ();
      const char *status = lotse_record_get (record, LOTSE_MEETING_STATUS);
      g_autofree char *due = lotse_table_lookup_field (lotse_record_get_table (record),
                                                       LOTSE_ACTION_ITEM_DUE_DATE)
                             ? lotse_format_date (lotse_record_get (record, LOTSE_ACTION_ITEM_DUE_DATE)) : NULL;
      g_autofree char *subtitle = NULL;

      if (due != NULL)
        /* Translators: an action item's status and due date */
        subtitle = g_strdup_printf (_("%s · due %s"),
                                    lotse_enum_value_label (table, LOTSE_MEETING_STATUS, status), due);
      else
        subtitle = g_strdup (lotse_enum_value_label (table, LOTSE_MEETING_STATUS, status));

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                     lotse_record_get (record, LOTSE_MEETING_TITLE));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      g_object_set_data (G_OBJECT (row), "table", (gpointer) table);
      g_object_set_data_full (G_OBJECT (row), "id", g_strdup (lotse_record_get_id (record)), g_free);
      g_signal_connect (row, "activated", G_CALLBACK (open_record_row), self);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
    }
}

static void
add_person_links (LotseDirectoryPanel *self,
                  LotseRecord         *person)
{
  const char *organisation_id = lotse_record_get (person, LOTSE_PERSON_ORGANISATION_ID);
  const char *name = organisation_id ? g_hash_table_lookup (self->organisation_names, organisation_id) : NULL;

  if (name != NULL)
    {
      GtkWidget *group = add_group (self, _("Organisation"));

      add_linked_row (self, group, LOTSE_TABLE_ORGANISATION, organisation_id, name, NULL);
    }

  if (lotse_record_get_id (person) != NULL)
    {
      add_led_projects (self, LOTSE_PROJECT_LEADER_PERSON_ID, lotse_record_get_id (person));
      add_meeting_rows (self, _("Action Items"), LOTSE_TABLE_ACTION_ITEM, LOTSE_ACTION_ITEM_OWNER_PERSON_ID,
                        lotse_record_get_id (person));
      add_meeting_rows (self, _("Presents"), LOTSE_TABLE_AGENDA_ITEM, LOTSE_AGENDA_ITEM_PRESENTER_PERSON_ID,
                        lotse_record_get_id (person));
    }
}

static void
save_clicked (GtkButton           *button,
              LotseDirectoryPanel *self)
{
  g_autoptr(GError) error = NULL;

  if (lotse_directory_panel_save (self, &error) == NULL)
    adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (error->message));
  else
    adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (_("Saved")));
}

static void
delete_clicked (GtkButton           *button,
                LotseDirectoryPanel *self)
{
  g_autoptr(GError) error = NULL;

  if (!lotse_directory_panel_delete (self, &error))
    adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (error->message));
}

static void
form_changed (LotseDirectoryPanel *self)
{
  self->form_dirty = TRUE;
}

/* The form field that is a choice: an organisation's kind, a person's
 * organisation. */
const char *
lotse_directory_choice_field (LotseRecord *record)
{
  return g_str_equal (lotse_record_get_table_name (record), LOTSE_TABLE_ORGANISATION)
    ? LOTSE_ORGANISATION_KIND : LOTSE_PERSON_ORGANISATION_ID;
}

static void
add_choice_row (LotseDirectoryPanel *self,
                GtkWidget           *group)
{
  const char *field_name = lotse_directory_choice_field (self->shown);
  const LotseField *field = lotse_table_lookup_field (lotse_record_get_table (self->shown), field_name);
  const char *current = lotse_record_get (self->shown, field_name);
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  GtkWidget *row = adw_combo_row_new ();
  guint selected = 0;

  if (field->type == LOTSE_FIELD_ENUM)
    for (guint i = 0; field->enum_values[i] != NULL; i++)
      {
        gtk_string_list_append (labels, lotse_enum_value_label (LOTSE_TABLE_ORGANISATION, field_name,
                                                                field->enum_values[i]));
        g_ptr_array_add (self->choice_values, g_strdup (field->enum_values[i]));
      }
  else
    {
      guint n = g_list_model_get_n_items (G_LIST_MODEL (self->records));

      /* Translators: a person who belongs to no organisation */
      gtk_string_list_append (labels, C_("organisation", "None"));
      g_ptr_array_add (self->choice_values, NULL);
      for (guint i = 0; i < n; i++)
        {
          g_autoptr(LotseRecord) record = g_list_model_get_item (G_LIST_MODEL (self->records), i);

          if (!g_str_equal (lotse_record_get_table_name (record), LOTSE_TABLE_ORGANISATION))
            break;
          gtk_string_list_append (labels, lotse_record_get (record, LOTSE_ORGANISATION_NAME));
          g_ptr_array_add (self->choice_values, g_strdup (lotse_record_get_id (record)));
        }
    }

  for (guint i = 0; i < self->choice_values->len; i++)
    if (g_strcmp0 (g_ptr_array_index (self->choice_values, i), current) == 0)
      selected = i;

  /* An organisation not (yet) in the list, deleted or not read yet, stays
   * chosen: saving the form must not drop it. */
  if (selected == 0 && current != NULL &&
      g_strcmp0 (g_ptr_array_index (self->choice_values, 0), current) != 0)
    {
      const char *name = g_hash_table_lookup (self->organisation_names, current);

      gtk_string_list_append (labels, name != NULL ? name : _("Unknown Organisation"));
      g_ptr_array_add (self->choice_values, g_strdup (current));
      selected = self->choice_values->len - 1;
    }

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), g_dgettext (GETTEXT_PACKAGE, field->label));
  adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (labels));
  lotse_combo_row_show_full_names (ADW_COMBO_ROW (row));
  adw_combo_row_set_selected (ADW_COMBO_ROW (row), selected);
  g_signal_connect_swapped (row, "notify::selected", G_CALLBACK (form_changed), self);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
  self->choice_row = ADW_COMBO_ROW (row);
}

#define DETAIL_UI "/app/lotse/Lotse/portfolio/lotse-directory-detail.ui"

/* Builds only the objects named in @ids of lotse-directory-detail.ui. */
static GtkBuilder *
detail_builder (const char * const *ids)
{
  GtkBuilder *builder = gtk_builder_new ();
  g_autoptr(GError) error = NULL;

  if (!gtk_builder_add_objects_from_resource (builder, DETAIL_UI, (const char **) ids, &error))
    g_error ("%s: %s", DETAIL_UI, error->message);

  return builder;
}

static GtkWidget *
detail_object (GtkBuilder *builder,
               const char *id)
{
  return GTK_WIDGET (gtk_builder_get_object (builder, id));
}

void
lotse_directory_panel_build_form (LotseDirectoryPanel *self)
{
  static const char * const ids[] = { "title", "details", "buttons", NULL };
  g_autoptr(GtkBuilder) builder = detail_builder (ids);
  const char *table = lotse_record_get_table_name (self->shown);
  const LotseTable *schema = lotse_record_get_table (self->shown);
  const char * const *fields = lotse_directory_form_fields (table);
  gboolean is_new = lotse_record_get_id (self->shown) == NULL;
  GtkWidget *title = detail_object (builder, "title");
  GtkWidget *group = detail_object (builder, "details");
  GtkWidget *buttons = detail_object (builder, "buttons");
  GtkWidget *delete = detail_object (builder, "delete");

  clear_detail (self);

  if (is_new)
    gtk_label_set_text (GTK_LABEL (title), g_str_equal (table, LOTSE_TABLE_ORGANISATION)
                        ? _("New Organisation") : _("New Person"));
  else
    gtk_label_set_text (GTK_LABEL (title), lotse_record_get (self->shown, LOTSE_ORGANISATION_NAME));
  gtk_box_append (self->detail_box, title);

  gtk_box_append (self->detail_box, group);
  for (guint i = 0; fields[i] != NULL; i++)
    {
      const LotseField *field = lotse_table_lookup_field (schema, fields[i]);
      GtkWidget *row = adw_entry_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), g_dgettext (GETTEXT_PACKAGE, field->label));
      gtk_editable_set_text (GTK_EDITABLE (row), lotse_record_get (self->shown, fields[i]) ?: "");
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
      g_hash_table_insert (self->entries, (gpointer) fields[i], row);
      g_signal_connect_swapped (row, "changed", G_CALLBACK (form_changed), self);
    }

  add_choice_row (self, group);

  g_signal_connect (detail_object (builder, "save"), "clicked", G_CALLBACK (save_clicked), self);
  /* A record not saved yet has nothing to delete. */
  if (is_new)
    gtk_box_remove (GTK_BOX (buttons), delete);
  else
    g_signal_connect (delete, "clicked", G_CALLBACK (delete_clicked), self);
  gtk_box_append (self->detail_box, buttons);

  self->form_dirty = FALSE;

  if (g_str_equal (table, LOTSE_TABLE_ORGANISATION))
    {
      if (!is_new)
        add_organisation_links (self, lotse_record_get_id (self->shown));
    }
  else
    add_person_links (self, self->shown);

  adw_leaflet_set_visible_child (self->leaflet, self->detail_pane);
}

void
lotse_directory_panel_show_empty_detail (LotseDirectoryPanel *self)
{
  static const char * const ids[] = { "empty", NULL };
  g_autoptr(GtkBuilder) builder = detail_builder (ids);

  clear_detail (self);
  g_clear_object (&self->shown);
  gtk_box_append (self->detail_box, detail_object (builder, "empty"));
}
