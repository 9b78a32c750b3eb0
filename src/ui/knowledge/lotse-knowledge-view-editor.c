/* lotse-knowledge-view-editor.c: writing and changing an article
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The editor page of the knowledge view: title, summary, category,
 * project and author, tags as chips with suggestions from the existing
 * ones, and the Markdown text with a preview. Saving writes the article
 * and its tags in one transaction.
 */

#define G_LOG_DOMAIN "lotse-knowledge-view"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "lotse-drop-down.h"
#include "lotse-knowledge-view-private.h"
#include "lotse-tag-chip.h"
#include "lotse-widget-util.h"

static void
tag_chip_remove_cb (LotseTagChip       *chip,
                    LotseKnowledgeView *self)
{
  const char *name = lotse_tag_chip_get_name (chip);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->edit_tags));

  for (guint i = 0; i < n; i++)
    if (g_strcmp0 (gtk_string_list_get_string (self->edit_tags, i), name) == 0)
      {
        gtk_string_list_remove (self->edit_tags, i);
        break;
      }

  gtk_widget_grab_focus (GTK_WIDGET (self->tag_entry));
}

/* The flow box's child for a name of self->edit_tags */
static GtkWidget *
tag_chip_new (gpointer item,
              gpointer user_data)
{
  GtkWidget *chip = lotse_tag_chip_new (gtk_string_object_get_string (item));

  g_signal_connect (chip, "remove", G_CALLBACK (tag_chip_remove_cb), user_data);
  return chip;
}

static void
edit_tags_changed_cb (LotseKnowledgeView *self)
{
  gtk_widget_set_visible (GTK_WIDGET (self->edit_tags_box),
                          g_list_model_get_n_items (G_LIST_MODEL (self->edit_tags)) > 0);
}

/* The names of the tags being edited, NULL-terminated */
static GStrv
edit_tag_names (LotseKnowledgeView *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->edit_tags));
  GStrv names = g_new0 (char *, n + 1);

  for (guint i = 0; i < n; i++)
    names[i] = g_strdup (gtk_string_list_get_string (self->edit_tags, i));

  return names;
}

void
lotse_knowledge_view_add_tag (LotseKnowledgeView *self)
{
  g_autofree char *name =
    lotse_article_normalize_tag (gtk_editable_get_text (GTK_EDITABLE (self->tag_entry)));
  g_autofree char *key = NULL;

  gtk_editable_set_text (GTK_EDITABLE (self->tag_entry), "");
  if (name == NULL)
    return;

  key = g_utf8_casefold (name, -1);
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->edit_tags)); i++)
    {
      g_autofree char *other = g_utf8_casefold (gtk_string_list_get_string (self->edit_tags, i), -1);

      if (g_str_equal (key, other))
        return;
    }

  gtk_string_list_append (self->edit_tags, name);
}

/* A combo row over @records, “None” first, @selected_id chosen */
static void
fill_reference_row (AdwComboRow *row,
                    GPtrArray   *ids,
                    GPtrArray   *records,
                    const char  *selected_id)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  g_autoptr(GtkStringList) model = NULL;
  guint selected = 0;

  g_ptr_array_set_size (ids, 0);
  g_ptr_array_add (ids, NULL);
  /* Translators: no project or no author chosen for an article */
  g_ptr_array_add (names, (gpointer) C_("reference", "None"));

  for (guint i = 0; records != NULL && i < records->len; i++)
    {
      LotseRecord *record = g_ptr_array_index (records, i);

      if (g_strcmp0 (lotse_record_get_id (record), selected_id) == 0)
        selected = ids->len;
      g_ptr_array_add (ids, g_strdup (lotse_record_get_id (record)));
      g_ptr_array_add (names, (gpointer) lotse_record_get_title (record));
    }
  g_ptr_array_add (names, NULL);

  model = gtk_string_list_new ((const char * const *) names->pdata);
  adw_combo_row_set_model (row, G_LIST_MODEL (model));
  adw_combo_row_set_selected (row, selected);
}

/* Until all projects and persons are read, a row offers “None” and the
 * current value. */
static void
fill_reference_row_with (LotseKnowledgeView *self,
                         AdwComboRow        *row,
                         GPtrArray          *ids,
                         const char         *table,
                         const char         *selected_id)
{
  g_autoptr(GPtrArray) records = g_ptr_array_new_with_free_func (g_object_unref);
  LotseRecord *current = selected_id != NULL ? lotse_store_get (self->store, table, selected_id, NULL)
                                             : NULL;

  if (current != NULL)
    g_ptr_array_add (records, current);

  fill_reference_row (row, ids, records, selected_id);
}

static const char *
selected_reference (AdwComboRow *row,
                    GPtrArray   *ids)
{
  guint position = adw_combo_row_get_selected (row);

  return position < ids->len ? g_ptr_array_index (ids, position) : NULL;
}

/* On the worker thread: every project and every person, by name. Over
 * 10,000 projects and 20,000 persons this takes 0.2 s, which the editor
 * does not wait for. */
static gpointer
load_references (LotseStore  *store,
                 gpointer     data,
                 GError     **error)
{
  g_autoptr(GPtrArray) both = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  GPtrArray *projects;
  GPtrArray *persons;

  projects = lotse_store_list (store, LOTSE_TABLE_PROJECT, NULL, 0, LOTSE_PROJECT_TITLE, 0, 0, error);
  if (projects == NULL)
    return NULL;
  g_ptr_array_add (both, projects);

  persons = lotse_store_list (store, LOTSE_TABLE_PERSON, NULL, 0, LOTSE_PERSON_NAME, 0, 0, error);
  if (persons == NULL)
    return NULL;
  g_ptr_array_add (both, persons);

  return g_steal_pointer (&both);
}

static void
references_loaded_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(LotseKnowledgeView) self = user_data;
  g_autoptr(GPtrArray) both = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *project_id = NULL;
  g_autofree char *author_id = NULL;

  both = lotse_store_reader_run_finish (LOTSE_STORE_READER (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || !self->editing)
    return;

  if (both == NULL)
    {
      g_warning ("Could not read the projects and persons: %s", error->message);
      return;
    }

  /* What was chosen meanwhile stays chosen. */
  project_id = g_strdup (selected_reference (self->project_row, self->project_ids));
  author_id = g_strdup (selected_reference (self->author_row, self->author_ids));
  fill_reference_row (self->project_row, self->project_ids, g_ptr_array_index (both, 0), project_id);
  fill_reference_row (self->author_row, self->author_ids, g_ptr_array_index (both, 1), author_id);
  self->references_loaded = TRUE;
}

static void
load_references_async (LotseKnowledgeView *self)
{
  g_cancellable_cancel (self->references_cancellable);
  g_clear_object (&self->references_cancellable);

  self->references_loaded = FALSE;
  self->references_cancellable = g_cancellable_new ();
  lotse_store_reader_run_async (lotse_store_get_reader (self->store), load_references, NULL,
                                NULL, (GDestroyNotify) g_ptr_array_unref,
                                self->references_cancellable, references_loaded_cb,
                                g_object_ref (self));
}

static void update_preview (LotseKnowledgeView *self);

void
lotse_knowledge_view_begin_edit (LotseKnowledgeView *self,
            LotseRecord        *article)
{
  const char * const *values = lotse_knowledge_view_category_values ();
  const char *category = article != NULL ? lotse_record_get (article, LOTSE_ARTICLE_CATEGORY) : "note";
  const char *body = article != NULL ? lotse_record_get (article, LOTSE_ARTICLE_BODY) : NULL;
  const char *summary = article != NULL ? lotse_record_get (article, LOTSE_ARTICLE_SUMMARY) : NULL;
  g_auto(GStrv) tags = NULL;

  self->editing = TRUE;
  g_free (self->article_id);
  self->article_id = article != NULL ? g_strdup (lotse_record_get_id (article)) : NULL;

  gtk_label_set_text (self->edit_title_label, article != NULL ? _("Edit Article") : _("New Article"));
  gtk_editable_set_text (GTK_EDITABLE (self->title_row),
                         article != NULL ? lotse_record_get (article, LOTSE_ARTICLE_TITLE) : "");
  gtk_editable_set_text (GTK_EDITABLE (self->summary_row), summary != NULL ? summary : "");

  for (guint i = 0; values[i] != NULL; i++)
    if (g_strcmp0 (values[i], category) == 0)
      adw_combo_row_set_selected (self->category_row, i);

  fill_reference_row_with (self, self->project_row, self->project_ids, LOTSE_TABLE_PROJECT,
                           article != NULL ? lotse_record_get (article, LOTSE_ARTICLE_PROJECT_ID) : NULL);
  fill_reference_row_with (self, self->author_row, self->author_ids, LOTSE_TABLE_PERSON,
                           article != NULL ? lotse_record_get (article, LOTSE_ARTICLE_AUTHOR_PERSON_ID) : NULL);
  load_references_async (self);

  if (article != NULL)
    tags = lotse_article_get_tag_names (self->store, lotse_record_get_id (article), NULL);
  gtk_string_list_splice (self->edit_tags, 0, g_list_model_get_n_items (G_LIST_MODEL (self->edit_tags)),
                          (const char * const *) tags);
  gtk_editable_set_text (GTK_EDITABLE (self->tag_entry), "");

  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->body_editor), body != NULL ? body : "", -1);
  gtk_toggle_button_set_active (self->preview_toggle, FALSE);
  adw_leaflet_set_visible_child_name (self->editor_stack, "source");
  update_preview (self);

  gtk_stack_set_visible_child_name (self->detail_stack, "edit");
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
  gtk_widget_grab_focus (GTK_WIDGET (self->title_row));
  lotse_knowledge_view_update_actions (self);
}

char *
lotse_knowledge_view_editor_text (GtkTextView *view)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static void
set_optional (LotseRecord *record,
              const char  *field,
              const char  *value)
{
  g_autofree char *stripped = g_strstrip (g_strdup (value != NULL ? value : ""));

  lotse_record_set (record, field, *stripped != '\0' ? stripped : NULL);
}

gboolean
lotse_knowledge_view_save (LotseKnowledgeView  *self,
              GError             **error)
{
  g_autoptr(LotseRecord) article = NULL;
  g_autofree char *title = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->title_row))));
  g_autofree char *body = lotse_knowledge_view_editor_text (self->body_editor);
  guint category = adw_combo_row_get_selected (self->category_row);
  g_auto(GStrv) tags = NULL;
  gboolean ok;

  if (*title == '\0')
    {
      g_set_error_literal (error, LOTSE_ERROR, LOTSE_ERROR_INVALID_VALUE,
                           _("An article needs a title"));
      return FALSE;
    }

  /* A tag still in the entry counts as added. */
  lotse_knowledge_view_add_tag (self);

  if (self->article_id != NULL)
    article = lotse_store_get (self->store, LOTSE_TABLE_ARTICLE, self->article_id, error);
  else
    article = lotse_record_new_for_table (LOTSE_TABLE_ARTICLE);
  if (article == NULL)
    return FALSE;

  lotse_record_set (article, LOTSE_ARTICLE_TITLE, title);
  set_optional (article, LOTSE_ARTICLE_SUMMARY, gtk_editable_get_text (GTK_EDITABLE (self->summary_row)));
  lotse_record_set (article, LOTSE_ARTICLE_BODY, *body != '\0' ? body : NULL);
  if (category != GTK_INVALID_LIST_POSITION && category < g_strv_length ((GStrv) lotse_knowledge_view_category_values ()))
    lotse_record_set (article, LOTSE_ARTICLE_CATEGORY, lotse_knowledge_view_category_values ()[category]);
  lotse_record_set (article, LOTSE_ARTICLE_PROJECT_ID,
                    selected_reference (self->project_row, self->project_ids));
  lotse_record_set (article, LOTSE_ARTICLE_AUTHOR_PERSON_ID,
                    selected_reference (self->author_row, self->author_ids));

  if (!lotse_store_begin (self->store, error))
    return FALSE;

  tags = edit_tag_names (self);
  ok = (self->article_id != NULL
        ? lotse_store_update (self->store, article, error)
        : lotse_store_insert (self->store, article, error)) &&
       lotse_article_set_tags (self->store, lotse_record_get_id (article), (const char * const *) tags, error);

  if (!ok)
    {
      lotse_store_rollback (self->store);
      return FALSE;
    }

  if (!lotse_store_commit (self->store, error))
    return FALSE;

  self->editing = FALSE;
  lotse_knowledge_view_show_article (self, lotse_record_get_id (article));
  return TRUE;
}

/* The preview shows what the editor holds. */
static void
update_preview (LotseKnowledgeView *self)
{
  g_autofree char *text = lotse_knowledge_view_editor_text (self->body_editor);

  g_clear_handle_id (&self->preview_id, g_source_remove);
  lotse_markdown_buffer_set_markdown (self->preview_buffer, text);
}

static gboolean
preview_timeout (gpointer data)
{
  LotseKnowledgeView *self = data;

  self->preview_id = 0;
  update_preview (self);

  return G_SOURCE_REMOVE;
}

/* Side by side (a wide window), the preview follows the typing, a pause
 * after the last key. */
static void
editor_changed_cb (LotseKnowledgeView *self)
{
  if (adw_leaflet_get_folded (self->editor_stack))
    return;

  g_clear_handle_id (&self->preview_id, g_source_remove);
  self->preview_id = g_timeout_add (200, preview_timeout, self);
}

/* Narrow, the toggle switches between the text and its preview. */
static void
preview_toggled_cb (GtkToggleButton    *toggle,
                    LotseKnowledgeView *self)
{
  if (gtk_toggle_button_get_active (toggle))
    {
      update_preview (self);
      adw_leaflet_set_visible_child_name (self->editor_stack, "preview");
    }
  else
    {
      adw_leaflet_set_visible_child_name (self->editor_stack, "source");
    }
}

static void
editor_folded_cb (LotseKnowledgeView *self)
{
  if (!adw_leaflet_get_folded (self->editor_stack))
    update_preview (self);
  else
    preview_toggled_cb (self->preview_toggle, self);
}

/* A box ticked in the article: saved at once, as a tick on paper. The
 * caret stays on it for the keyboard. */
static void
body_task_toggled_cb (LotseMarkdownBuffer *buffer,
                      guint                index,
                      LotseKnowledgeView  *self)
{
  g_autofree char *markdown = lotse_markdown_buffer_toggle_task (buffer, index);
  int offset = lotse_markdown_buffer_get_task_offset (buffer, index);
  g_autoptr(LotseRecord) article = NULL;
  g_autoptr(GError) error = NULL;
  GtkTextIter iter;

  if (markdown == NULL || self->article_id == NULL || self->store == NULL)
    return;

  article = lotse_store_get (self->store, LOTSE_TABLE_ARTICLE, self->article_id, &error);
  if (article != NULL)
    {
      lotse_record_set (article, LOTSE_ARTICLE_BODY, markdown);
      lotse_store_update (self->store, article, &error);
    }
  if (error != NULL)
    {
      lotse_knowledge_view_show_error (self, error->message);
      return;
    }

  gtk_text_buffer_get_iter_at_offset (GTK_TEXT_BUFFER (buffer), &iter, offset);
  gtk_text_buffer_place_cursor (GTK_TEXT_BUFFER (buffer), &iter);
}

/* A box ticked in the editor's preview: the text being edited changes,
 * and is saved with the rest. */
static void
preview_task_toggled_cb (LotseMarkdownBuffer *buffer,
                         guint                index,
                         LotseKnowledgeView  *self)
{
  g_autofree char *markdown = lotse_markdown_buffer_toggle_task (buffer, index);
  int offset = lotse_markdown_buffer_get_task_offset (buffer, index);
  GtkTextIter iter;

  if (markdown == NULL)
    return;

  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->body_editor), markdown, -1);
  update_preview (self);
  gtk_text_buffer_get_iter_at_offset (GTK_TEXT_BUFFER (buffer), &iter, offset);
  gtk_text_buffer_place_cursor (GTK_TEXT_BUFFER (buffer), &iter);
}

/* --- pictures dropped into the text ------------------------------------------ */

/* “![caption](attachment:HASH)” for a picture, at the cursor: the
 * caption is the file's name without its extension, brackets taken out
 * so that it cannot end the Markdown early. */
static void
insert_picture (GtkTextView *editor,
                LotseRecord *attachment)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (editor);
  g_autofree char *caption = g_strdup (lotse_record_get (attachment, LOTSE_ATTACHMENT_NAME));
  g_autofree char *markdown = NULL;
  char *dot = strrchr (caption, '.');

  if (dot != NULL && dot != caption)
    *dot = '\0';
  g_strdelimit (caption, "[]\n", ' ');
  markdown = g_strdup_printf ("![%s](attachment:%s)", caption, lotse_record_get (attachment, LOTSE_ATTACHMENT_SHA256));
  gtk_text_buffer_insert_at_cursor (buffer, markdown, -1);
}

static void
picture_added_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      data)
{
  g_autoptr(LotseKnowledgeView) self = data;
  g_autoptr(LotseRecord) attachment = NULL;
  g_autoptr(GError) error = NULL;
  const char *type;

  attachment = lotse_attachment_add_finish (LOTSE_STORE (source), result, &error);
  if (attachment == NULL)
    {
      lotse_widget_show_toast (GTK_WIDGET (self), error->message);
      return;
    }
  type = lotse_record_get (attachment, LOTSE_ATTACHMENT_CONTENT_TYPE);
  if (self->editing && type != NULL && g_str_has_prefix (type, "image/"))
    insert_picture (self->body_editor, attachment);
}

static gboolean
editor_drop_cb (GtkDropTarget      *target,
                const GValue       *value,
                double              x,
                double              y,
                LotseKnowledgeView *self)
{
  if (!G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST))
    return FALSE;
  if (self->article_id == NULL || self->store == NULL)
    {
      lotse_widget_show_toast (GTK_WIDGET (self), _("Save the article first, then add pictures"));
      return TRUE;
    }

  for (GSList *l = g_value_get_boxed (value); l != NULL; l = l->next)
    lotse_attachment_add_async (self->store, LOTSE_TABLE_ARTICLE, self->article_id, l->data, NULL,
                                picture_added_cb, g_object_ref (self));
  return TRUE;
}

void
lotse_knowledge_view_init_editor (LotseKnowledgeView *self)
{
  GtkDropTarget *target = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);

  g_autoptr(GtkStringList) categories = lotse_knowledge_view_category_list (NULL);
  g_autoptr(GtkEntryCompletion) completion = NULL;

  adw_combo_row_set_model (self->category_row, G_LIST_MODEL (categories));
  lotse_combo_row_show_full_names (self->category_row);
  gtk_flow_box_bind_model (self->edit_tags_box, G_LIST_MODEL (self->edit_tags), tag_chip_new, self, NULL);
  g_signal_connect_swapped (self->edit_tags, "items-changed", G_CALLBACK (edit_tags_changed_cb), self);
  edit_tags_changed_cb (self);
  lotse_combo_row_show_full_names (self->project_row);
  lotse_combo_row_show_full_names (self->author_row);
  self->preview_buffer = lotse_markdown_buffer_new ();
  gtk_text_view_set_buffer (self->preview_view, GTK_TEXT_BUFFER (self->preview_buffer));
  lotse_markdown_view_setup (self->preview_view);
  g_signal_connect (self->preview_toggle, "toggled", G_CALLBACK (preview_toggled_cb), self);
  g_object_bind_property (self->editor_stack, "folded", self->preview_toggle, "visible", G_BINDING_SYNC_CREATE);
  g_signal_connect_swapped (self->editor_stack, "notify::folded", G_CALLBACK (editor_folded_cb), self);
  g_signal_connect_swapped (gtk_text_view_get_buffer (self->body_editor), "changed",
                            G_CALLBACK (editor_changed_cb), self);
  g_signal_connect (self->body_buffer, "toggle-task", G_CALLBACK (body_task_toggled_cb), self);
  g_signal_connect (self->preview_buffer, "toggle-task", G_CALLBACK (preview_task_toggled_cb), self);
  g_signal_connect_swapped (self->tag_entry, "activate",
                            G_CALLBACK (lotse_knowledge_view_add_tag), self);
  g_signal_connect (target, "drop", G_CALLBACK (editor_drop_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->body_editor), GTK_EVENT_CONTROLLER (target));

  /* Tags are suggested from the existing ones as one types. */
  self->completion_model = gtk_list_store_new (1, G_TYPE_STRING);
  completion = gtk_entry_completion_new ();
  gtk_entry_completion_set_model (completion, GTK_TREE_MODEL (self->completion_model));
  gtk_entry_completion_set_text_column (completion, 0);
  gtk_entry_completion_set_minimum_key_length (completion, 1);
  gtk_entry_completion_set_inline_completion (completion, TRUE);
  gtk_entry_set_completion (self->tag_entry, completion);
}
