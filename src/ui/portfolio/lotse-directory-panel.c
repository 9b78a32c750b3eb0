/* lotse-directory-panel.c: organisations and people
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A searchable list of the partner organisations and their people, and a
 * detail pane: an organisation's people, the projects it partners in (with
 * the role from project_partner) and those it leads; a person's
 * organisation and the projects they lead. Projects open with
 * win.open-record. The detail pane doubles as the form: text fields are
 * entry rows, Save writes through the store, Delete leaves an undo toast.
 * Both tables are small (a programme has 20–150 partners), so they are
 * read on the main thread. The detail pane is lotse-directory-detail.c.
 */

#define G_LOG_DOMAIN "lotse-directory-panel"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "lotse-directory-panel-private.h"
#include "lotse-pane-bin.h"
#include "lotse-record-row.h"
#include "lotse-view-shortcuts.h"

G_DEFINE_FINAL_TYPE (LotseDirectoryPanel, lotse_directory_panel, LOTSE_TYPE_PANEL)

static LotseStore *
store_of (LotseDirectoryPanel *self)
{
  return lotse_panel_get_store (LOTSE_PANEL (self));
}

/* The list */

static char *
fold (const char *text)
{
  g_autofree char *normalized = g_utf8_normalize (text ? text : "", -1, G_NORMALIZE_ALL);

  return g_utf8_casefold (normalized, -1);
}

/* Everything a search looks at, folded once when the rows are read. */
static char *
haystack_of (LotseRecord *record,
             GHashTable  *organisation_names)
{
  const char *fields[] = {
    LOTSE_ORGANISATION_NAME, LOTSE_ORGANISATION_CITY, LOTSE_PERSON_ROLE, LOTSE_PERSON_EMAIL
  };
  const LotseTable *table = lotse_record_get_table (record);
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    if (lotse_table_lookup_field (table, fields[i]) != NULL && lotse_record_get (record, fields[i]))
      g_string_append_printf (text, "%s\n", lotse_record_get (record, fields[i]));

  if (lotse_table_lookup_field (table, LOTSE_PERSON_ORGANISATION_ID) != NULL)
    {
      const char *org = g_hash_table_lookup (organisation_names,
                                             lotse_record_get (record, LOTSE_PERSON_ORGANISATION_ID) ?: "");

      if (org != NULL)
        g_string_append (text, org);
    }

  return fold (text->str);
}

static gboolean
matches_search (gpointer item,
                gpointer user_data)
{
  LotseDirectoryPanel *self = user_data;
  LotseRecord *record = item;
  const char *haystack;

  if (self->needle == NULL || *self->needle == '\0')
    return TRUE;

  haystack = g_object_get_data (G_OBJECT (record), "lotse-directory-haystack");
  if (haystack == NULL)
    {
      g_object_set_data_full (G_OBJECT (record), "lotse-directory-haystack",
                              haystack_of (record, self->organisation_names), g_free);
      haystack = g_object_get_data (G_OBJECT (record), "lotse-directory-haystack");
    }

  return strstr (haystack, self->needle) != NULL;
}

static void
bind_result (LotseRecordRow *row,
             LotseRecord    *record,
             gpointer        user_data)
{
  LotseDirectoryPanel *self = user_data;
  g_autofree char *subtitle = NULL;

  if (g_str_equal (lotse_record_get_table_name (record), LOTSE_TABLE_ORGANISATION))
    {
      const char *city = lotse_record_get (record, LOTSE_ORGANISATION_CITY);
      const char *kind = lotse_enum_value_label (LOTSE_TABLE_ORGANISATION, LOTSE_ORGANISATION_KIND,
                                                 lotse_record_get (record, LOTSE_ORGANISATION_KIND));

      subtitle = city != NULL && *city != '\0'
        /* Translators: an organisation's kind and city, e.g. "University · Bielefeld" */
        ? g_strdup_printf (_("%s · %s"), kind, city)
        : g_strdup (kind);
      lotse_record_row_set_badge (row, _("Organisation"), NULL);
    }
  else
    {
      const char *org = g_hash_table_lookup (self->organisation_names,
                                             lotse_record_get (record, LOTSE_PERSON_ORGANISATION_ID) ?: "");
      const char *role = lotse_record_get (record, LOTSE_PERSON_ROLE);

      if (org != NULL && role != NULL && *role != '\0')
        /* Translators: a person's role and organisation */
        subtitle = g_strdup_printf (_("%s · %s"), role, org);
      else
        subtitle = g_strdup (org != NULL ? org : role);
      lotse_record_row_set_badge (row, _("Person"), NULL);
    }

  lotse_record_row_set_title (row, lotse_record_get (record, LOTSE_ORGANISATION_NAME));
  lotse_record_row_set_subtitle (row, subtitle);
}

typedef struct
{
  GPtrArray  *records;             /* organisations by name, then people by name */
  GHashTable *organisation_names;
} LoadResult;

static void
load_result_free (LoadResult *result)
{
  g_clear_pointer (&result->records, g_ptr_array_unref);
  g_clear_pointer (&result->organisation_names, g_hash_table_unref);
  g_free (result);
}

/* On a worker thread, with the store's reader; the rows and their search
 * texts are made here, so a directory of thousands never blocks a frame. */
static gpointer
load_query (LotseStore  *store,
            gpointer     data G_GNUC_UNUSED,
            GError     **error)
{
  g_autoptr(GPtrArray) people = NULL;
  gint64 start = g_get_monotonic_time ();
  LoadResult *result;

  result = g_new0 (LoadResult, 1);
  result->organisation_names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  result->records = lotse_store_list (store, LOTSE_TABLE_ORGANISATION, NULL, 0,
                                      LOTSE_ORGANISATION_NAME, 0, 0, error);
  if (result->records != NULL)
    people = lotse_store_list (store, LOTSE_TABLE_PERSON, NULL, 0, LOTSE_PERSON_NAME, 0, 0, error);
  if (people == NULL)
    {
      load_result_free (result);
      return NULL;
    }

  for (guint i = 0; i < result->records->len; i++)
    {
      LotseRecord *record = g_ptr_array_index (result->records, i);

      g_hash_table_insert (result->organisation_names, g_strdup (lotse_record_get_id (record)),
                           g_strdup (lotse_record_get (record, LOTSE_ORGANISATION_NAME)));
    }
  g_ptr_array_extend_and_steal (result->records, g_steal_pointer (&people));

  for (guint i = 0; i < result->records->len; i++)
    {
      LotseRecord *record = g_ptr_array_index (result->records, i);

      g_object_set_data_full (G_OBJECT (record), "lotse-directory-haystack",
                              haystack_of (record, result->organisation_names), g_free);
    }

  g_debug ("Read %u organisations and people in %.0f ms", result->records->len,
           (g_get_monotonic_time () - start) / 1000.0);
  return result;
}

static void
load_ready (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(LotseDirectoryPanel) self = user_data;
  g_autoptr(GError) error = NULL;
  LoadResult *loaded;

  loaded = lotse_store_reader_run_finish (LOTSE_STORE_READER (object), result, &error);
  if (loaded == NULL && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self->loading = FALSE;
  if (loaded == NULL)
    {
      adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (error->message));
      return;
    }

  g_clear_pointer (&self->organisation_names, g_hash_table_unref);
  self->organisation_names = g_steal_pointer (&loaded->organisation_names);
  g_list_store_splice (self->records, 0, g_list_model_get_n_items (G_LIST_MODEL (self->records)),
                       loaded->records->pdata, loaded->records->len);
  load_result_free (loaded);
}

static void
reload (LotseDirectoryPanel *self)
{
  g_clear_handle_id (&self->reload_source, g_source_remove);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);

  if (store_of (self) == NULL)
    {
      g_list_store_remove_all (self->records);
      g_hash_table_remove_all (self->organisation_names);
      self->loading = FALSE;
      return;
    }

  self->cancellable = g_cancellable_new ();
  self->loading = TRUE;
  lotse_store_reader_run_async (lotse_store_get_reader (store_of (self)), load_query, NULL, NULL,
                                (GDestroyNotify) load_result_free, self->cancellable,
                                load_ready, g_object_ref (self));
}

static gboolean
reload_idle (gpointer user_data)
{
  LotseDirectoryPanel *self = user_data;

  self->reload_source = 0;
  reload (self);

  /* The shown record may have changed or gone; what the user is typing
   * is not thrown away for it. */
  if (self->shown != NULL && lotse_record_get_id (self->shown) != NULL && !self->form_dirty)
    {
      g_autofree char *table = g_strdup (lotse_record_get_table_name (self->shown));
      g_autofree char *id = g_strdup (lotse_record_get_id (self->shown));

      lotse_directory_panel_show_record (self, table, id);
    }

  return G_SOURCE_REMOVE;
}

static void
lotse_directory_panel_store_changed (LotsePanel *panel,
                                     const char *table,
                                     const char *id)
{
  LotseDirectoryPanel *self = LOTSE_DIRECTORY_PANEL (panel);
  const char *tables[] = { LOTSE_TABLE_ORGANISATION, LOTSE_TABLE_PERSON, LOTSE_TABLE_PROJECT,
                           LOTSE_TABLE_PROJECT_PARTNER };

  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    if (table == NULL || g_str_equal (table, tables[i]))
      {
        if (self->reload_source == 0)
          self->reload_source = g_timeout_add (100, reload_idle, self);
        return;
      }
}

/* An empty list says why: nothing matches the search, or nothing yet. */
static void
results_changed (LotseDirectoryPanel *self)
{
  gboolean searching = self->needle != NULL && *self->needle != '\0';

  if (g_list_model_get_n_items (G_LIST_MODEL (self->results)) > 0)
    {
      gtk_stack_set_visible_child_name (self->list_stack, "list");
      return;
    }

  adw_status_page_set_icon_name (self->empty_page, searching ? "edit-find-symbolic" : "lotse-system-users-symbolic");
  adw_status_page_set_title (self->empty_page, searching ? _("No Matches") : _("No Organisations Yet"));
  adw_status_page_set_description (self->empty_page,
                                   searching ? _("No organisation or person matches the search.")
                                             : _("Add the partner organisations of your programme and their people with the + button."));
  gtk_stack_set_visible_child_name (self->list_stack, "empty");
}

static void
search_changed (GtkSearchEntry      *entry,
                LotseDirectoryPanel *self)
{
  lotse_directory_panel_set_search (self, gtk_editable_get_text (GTK_EDITABLE (entry)));
}

static void
result_activated (GtkListView         *list_view,
                  guint                position,
                  LotseDirectoryPanel *self)
{
  g_autoptr(LotseRecord) record = g_list_model_get_item (G_LIST_MODEL (self->results), position);

  if (record != NULL)
    lotse_directory_panel_show_record (self, lotse_record_get_table_name (record),
                                       lotse_record_get_id (record));
}

/* The leaflet's child for the list: the pane bin around it */
static GtkWidget *
list_page (LotseDirectoryPanel *self)
{
  return gtk_widget_get_parent (self->list_pane);
}

static void
back_clicked (GtkButton           *button,
              LotseDirectoryPanel *self)
{
  adw_leaflet_set_visible_child (self->leaflet, list_page (self));
}

static void
new_record_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  lotse_directory_panel_new_record (LOTSE_DIRECTORY_PANEL (widget),
                                    g_str_equal (action_name, "directory.new-organisation")
                                    ? LOTSE_TABLE_ORGANISATION : LOTSE_TABLE_PERSON);
}

static void
search_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  LotseDirectoryPanel *self = LOTSE_DIRECTORY_PANEL (widget);

  adw_leaflet_set_visible_child (self->leaflet, list_page (self));
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  LotseDirectoryPanel *self = LOTSE_DIRECTORY_PANEL (widget);
  g_autoptr(GError) error = NULL;

  if (self->shown == NULL || lotse_record_get_id (self->shown) == NULL)
    return;

  if (!lotse_directory_panel_delete (self, &error))
    adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (error->message));
}

static void
undo_clicked (AdwToast            *toast,
              LotseDirectoryPanel *self)
{
  g_autoptr(GError) error = NULL;

  if (!lotse_directory_panel_undo_delete (self, &error))
    adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (error->message));
}

/* GObject */

static void
lotse_directory_panel_load (LotsePanel *panel)
{
  LotseDirectoryPanel *self = LOTSE_DIRECTORY_PANEL (panel);

  reload (self);
  lotse_directory_panel_show_empty_detail (self);
}

static void
lotse_directory_panel_dispose (GObject *object)
{
  GtkWidget *child;
  LotseDirectoryPanel *self = LOTSE_DIRECTORY_PANEL (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_handle_id (&self->reload_source, g_source_remove);
  g_clear_object (&self->shown);

  gtk_widget_dispose_template (GTK_WIDGET (object), LOTSE_TYPE_DIRECTORY_PANEL);
  /* The template's top box is not bound, so it is not unparented above. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (lotse_directory_panel_parent_class)->dispose (object);
}

static void
lotse_directory_panel_finalize (GObject *object)
{
  LotseDirectoryPanel *self = LOTSE_DIRECTORY_PANEL (object);

  g_clear_object (&self->records);
  g_clear_object (&self->results);
  g_clear_pointer (&self->organisation_names, g_hash_table_unref);
  g_clear_pointer (&self->entries, g_hash_table_unref);
  g_clear_pointer (&self->choice_values, g_ptr_array_unref);
  g_clear_pointer (&self->detail_projects, g_ptr_array_unref);
  g_free (self->search);
  g_free (self->needle);
  g_free (self->deleted_table);
  g_free (self->deleted_id);

  G_OBJECT_CLASS (lotse_directory_panel_parent_class)->finalize (object);
}

static void
lotse_directory_panel_class_init (LotseDirectoryPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lotse_directory_panel_dispose;
  object_class->finalize = lotse_directory_panel_finalize;

  LOTSE_PANEL_CLASS (klass)->load = lotse_directory_panel_load;
  LOTSE_PANEL_CLASS (klass)->store_changed = lotse_directory_panel_store_changed;

  g_type_ensure (LOTSE_TYPE_PANE_BIN);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/app/lotse/Lotse/portfolio/lotse-directory-panel.ui");
  gtk_widget_class_bind_template_child (widget_class, LotseDirectoryPanel, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, LotseDirectoryPanel, leaflet);
  gtk_widget_class_bind_template_child (widget_class, LotseDirectoryPanel, list_pane);
  gtk_widget_class_bind_template_child (widget_class, LotseDirectoryPanel, detail_pane);
  gtk_widget_class_bind_template_child (widget_class, LotseDirectoryPanel, search_entry);
  gtk_widget_class_bind_template_child (widget_class, LotseDirectoryPanel, list_view);
  gtk_widget_class_bind_template_child (widget_class, LotseDirectoryPanel, detail_box);
  gtk_widget_class_bind_template_child (widget_class, LotseDirectoryPanel, list_stack);
  gtk_widget_class_bind_template_child (widget_class, LotseDirectoryPanel, empty_page);
  gtk_widget_class_bind_template_callback (widget_class, search_changed);
  gtk_widget_class_bind_template_callback (widget_class, result_activated);
  gtk_widget_class_bind_template_callback (widget_class, back_clicked);

  gtk_widget_class_install_action (widget_class, "directory.new-organisation", NULL, new_record_action);
  gtk_widget_class_install_action (widget_class, "directory.new-person", NULL, new_record_action);
  gtk_widget_class_install_action (widget_class, "directory.search", NULL, search_action);
  gtk_widget_class_install_action (widget_class, "directory.delete", NULL, delete_action);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "directory-panel");
}

static void
lotse_directory_panel_init (LotseDirectoryPanel *self)
{
  static const LotseViewShortcut shortcuts[] = {
    { "<Control>Delete", "directory.delete" },
    { "<Control>f", "directory.search" },
    { "<Control><Alt>n", "directory.new-organisation" },
    { "<Control><Alt>p", "directory.new-person" },
  };
  g_autoptr(GtkSelectionModel) selection = NULL;
  g_autoptr(GtkListItemFactory) factory = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));
  lotse_view_shortcuts_add (GTK_WIDGET (self), shortcuts, G_N_ELEMENTS (shortcuts));

  self->records = g_list_store_new (LOTSE_TYPE_RECORD);
  self->filter = gtk_custom_filter_new (matches_search, self, NULL);
  self->results = gtk_filter_list_model_new (g_object_ref (G_LIST_MODEL (self->records)),
                                             GTK_FILTER (self->filter));
  self->organisation_names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->entries = g_hash_table_new (g_str_hash, g_str_equal);
  self->choice_values = g_ptr_array_new_with_free_func (g_free);
  self->detail_projects = g_ptr_array_new_with_free_func (g_free);

  g_signal_connect_object (self->results, "items-changed", G_CALLBACK (results_changed), self,
                           G_CONNECT_SWAPPED);
  selection = GTK_SELECTION_MODEL (gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->results))));
  gtk_single_selection_set_autoselect (GTK_SINGLE_SELECTION (selection), FALSE);
  gtk_list_view_set_model (self->list_view, selection);
  factory = lotse_record_row_factory_new (bind_result, self);
  gtk_list_view_set_factory (self->list_view, factory);

  lotse_directory_panel_show_empty_detail (self);
  results_changed (self);
}

GtkWidget *
lotse_directory_panel_new (LotseStore *store)
{
  return g_object_new (LOTSE_TYPE_DIRECTORY_PANEL, "store", store, NULL);
}

void
lotse_directory_panel_set_search (LotseDirectoryPanel *self,
                                  const char          *text)
{
  g_return_if_fail (LOTSE_IS_DIRECTORY_PANEL (self));

  if (g_strcmp0 (self->search, text) == 0)
    return;

  g_free (self->search);
  self->search = g_strdup (text);
  g_free (self->needle);
  self->needle = fold (text);
  /* Setting the text empties the entry first, and an empty search entry
   * reports at once: that must not become the search. */
  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (self->search_entry)), text ?: "") != 0)
    {
      g_signal_handlers_block_by_func (self->search_entry, search_changed, self);
      gtk_editable_set_text (GTK_EDITABLE (self->search_entry), text ?: "");
      g_signal_handlers_unblock_by_func (self->search_entry, search_changed, self);
    }
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
  results_changed (self);
}

/**
 * lotse_directory_panel_get_results:
 * @self: a panel
 *
 * Returns: (transfer none): the matching records
 */
GListModel *
lotse_directory_panel_get_results (LotseDirectoryPanel *self)
{
  g_return_val_if_fail (LOTSE_IS_DIRECTORY_PANEL (self), NULL);

  return G_LIST_MODEL (self->results);
}

gboolean
lotse_directory_panel_show_record (LotseDirectoryPanel *self,
                                   const char          *table,
                                   const char          *id)
{
  g_autoptr(LotseRecord) record = NULL;

  g_return_val_if_fail (LOTSE_IS_DIRECTORY_PANEL (self), FALSE);

  if (store_of (self) == NULL || table == NULL || id == NULL ||
      (!g_str_equal (table, LOTSE_TABLE_ORGANISATION) && !g_str_equal (table, LOTSE_TABLE_PERSON)))
    return FALSE;

  record = lotse_store_get (store_of (self), table, id, NULL);
  if (record == NULL)
    {
      lotse_directory_panel_show_empty_detail (self);
      return FALSE;
    }

  g_set_object (&self->shown, record);
  lotse_directory_panel_build_form (self);

  return TRUE;
}

/**
 * lotse_directory_panel_get_detail_projects:
 * @self: a panel
 *
 * Returns: (transfer none) (element-type utf8): the project ids listed
 */
GPtrArray *
lotse_directory_panel_get_detail_projects (LotseDirectoryPanel *self)
{
  g_return_val_if_fail (LOTSE_IS_DIRECTORY_PANEL (self), NULL);

  return self->detail_projects;
}

void
lotse_directory_panel_new_record (LotseDirectoryPanel *self,
                                  const char          *table)
{
  g_autoptr(LotseRecord) record = NULL;

  g_return_if_fail (LOTSE_IS_DIRECTORY_PANEL (self));
  g_return_if_fail (g_strcmp0 (table, LOTSE_TABLE_ORGANISATION) == 0 || g_strcmp0 (table, LOTSE_TABLE_PERSON) == 0);

  record = lotse_record_new_for_table (table);
  /* "Add person" from an organisation's page belongs to it. */
  if (g_str_equal (table, LOTSE_TABLE_PERSON) && self->shown != NULL &&
      g_str_equal (lotse_record_get_table_name (self->shown), LOTSE_TABLE_ORGANISATION))
    lotse_record_set (record, LOTSE_PERSON_ORGANISATION_ID, lotse_record_get_id (self->shown));

  g_set_object (&self->shown, record);
  lotse_directory_panel_build_form (self);
  gtk_widget_grab_focus (g_hash_table_lookup (self->entries, lotse_record_get_table (record)->title_field));
}

void
lotse_directory_panel_set_field (LotseDirectoryPanel *self,
                                 const char          *field,
                                 const char          *value)
{
  GtkWidget *row;

  g_return_if_fail (LOTSE_IS_DIRECTORY_PANEL (self));

  if (self->choice_row != NULL && self->shown != NULL &&
      g_strcmp0 (field, lotse_directory_choice_field (self->shown)) == 0)
    {
      for (guint i = 0; i < self->choice_values->len; i++)
        if (g_strcmp0 (g_ptr_array_index (self->choice_values, i), value) == 0)
          adw_combo_row_set_selected (self->choice_row, i);
      return;
    }

  row = g_hash_table_lookup (self->entries, field);
  g_return_if_fail (row != NULL);

  gtk_editable_set_text (GTK_EDITABLE (row), value ?: "");
}

/**
 * lotse_directory_panel_save:
 * @self: a panel
 * @error: a location for a #GError
 *
 * Writes the form: inserts a new record or updates the shown one. An
 * invalid form (no name, a bad e-mail address) changes nothing.
 *
 * Returns: (transfer none) (nullable): the id of the saved record
 */
const char *
lotse_directory_panel_save (LotseDirectoryPanel *self,
                            GError             **error)
{
  g_autoptr(LotseRecord) record = NULL;
  const char * const *fields;
  gboolean is_new;
  gboolean ok;

  g_return_val_if_fail (LOTSE_IS_DIRECTORY_PANEL (self), NULL);
  g_return_val_if_fail (self->shown != NULL && store_of (self) != NULL, NULL);

  record = lotse_record_copy (self->shown);
  fields = lotse_directory_form_fields (lotse_record_get_table_name (record));
  for (guint i = 0; fields[i] != NULL; i++)
    {
      const char *text = gtk_editable_get_text (g_hash_table_lookup (self->entries, fields[i]));
      g_autofree char *stripped = g_strstrip (g_strdup (text));

      lotse_record_set (record, fields[i], *stripped != '\0' ? stripped : NULL);
    }
  if (self->choice_row != NULL)
    {
      guint selected = adw_combo_row_get_selected (self->choice_row);

      if (selected < self->choice_values->len)
        lotse_record_set (record, lotse_directory_choice_field (record),
                          g_ptr_array_index (self->choice_values, selected));
    }

  is_new = lotse_record_get_id (record) == NULL;
  ok = is_new ? lotse_store_insert (store_of (self), record, error)
              : lotse_store_update (store_of (self), record, error);
  if (!ok)
    return NULL;

  reload (self);
  g_set_object (&self->shown, record);
  lotse_directory_panel_build_form (self);

  return lotse_record_get_id (self->shown);
}

gboolean
lotse_directory_panel_delete (LotseDirectoryPanel *self,
                              GError             **error)
{
  g_autofree char *message = NULL;
  AdwToast *toast;

  g_return_val_if_fail (LOTSE_IS_DIRECTORY_PANEL (self), FALSE);
  g_return_val_if_fail (self->shown != NULL && lotse_record_get_id (self->shown) != NULL, FALSE);

  if (!lotse_store_delete (store_of (self), lotse_record_get_table_name (self->shown),
                           lotse_record_get_id (self->shown), error))
    return FALSE;

  g_free (self->deleted_table);
  g_free (self->deleted_id);
  self->deleted_table = g_strdup (lotse_record_get_table_name (self->shown));
  self->deleted_id = g_strdup (lotse_record_get_id (self->shown));

  /* Translators: a toast after deleting an organisation or a person */
  message = g_strdup_printf (_("“%s” deleted"), lotse_record_get_title (self->shown));
  toast = adw_toast_new (message);
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  g_signal_connect (toast, "button-clicked", G_CALLBACK (undo_clicked), self);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);

  reload (self);
  lotse_directory_panel_show_empty_detail (self);
  adw_leaflet_set_visible_child (self->leaflet, list_page (self));

  return TRUE;
}

gboolean
lotse_directory_panel_undo_delete (LotseDirectoryPanel *self,
                                   GError             **error)
{
  g_autofree char *table = NULL;
  g_autofree char *id = NULL;

  g_return_val_if_fail (LOTSE_IS_DIRECTORY_PANEL (self), FALSE);

  if (self->deleted_id == NULL)
    return TRUE;

  table = g_steal_pointer (&self->deleted_table);
  id = g_steal_pointer (&self->deleted_id);
  if (!lotse_store_undelete (store_of (self), table, id, error))
    return FALSE;

  reload (self);
  lotse_directory_panel_show_record (self, table, id);

  return TRUE;
}

gboolean
lotse_directory_panel_is_loading (LotseDirectoryPanel *self)
{
  g_return_val_if_fail (LOTSE_IS_DIRECTORY_PANEL (self), FALSE);

  return self->loading || self->reload_source != 0 ||
         (!lotse_panel_get_loaded (LOTSE_PANEL (self)) && store_of (self) != NULL);
}
