/* lotse-knowledge-view.c: the knowledge base of best practices and lessons learned
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A list of articles beside the article, in a leaflet that shows one at a
 * time when narrow. Without a search or filter the list is the base
 * view's lazily paged list of all articles; typing or choosing a category
 * or tag switches to the results of a search that runs on a worker thread
 * (ranked, with the matched words in bold). The article is rendered from
 * its Markdown; editing happens in place, with a preview.
 */

#define G_LOG_DOMAIN "lotse-knowledge-view"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "lotse-article-hit-row.h"
#include "lotse-drop-down.h"
#include "lotse-knowledge-view-private.h"
#include "lotse-markdown-buffer.h"
#include "lotse-output.h"
#include "lotse-search-snippet.h"
#include "lotse-widget-util.h"
#include "lotse-view-shortcuts.h"

G_DEFINE_FINAL_TYPE (LotseKnowledgeView, lotse_knowledge_view, LOTSE_TYPE_VIEW)

const char * const *
lotse_knowledge_view_category_values (void)
{
  const LotseTable *table = lotse_schema_lookup_table (LOTSE_TABLE_ARTICLE);

  return lotse_table_lookup_field (table, LOTSE_ARTICLE_CATEGORY)->enum_values;
}

const char *
lotse_knowledge_view_category_label (const char *value)
{
  return lotse_enum_value_label (LOTSE_TABLE_ARTICLE, LOTSE_ARTICLE_CATEGORY, value);
}

void
lotse_knowledge_view_add_toast (LotseKnowledgeView *self,
           AdwToast           *toast)
{
  lotse_widget_add_toast (GTK_WIDGET (self), toast);
}

void
lotse_knowledge_view_show_error (LotseKnowledgeView *self,
            const char         *message)
{
  AdwToast *toast = adw_toast_new (message);

  adw_toast_set_timeout (toast, 0);
  lotse_knowledge_view_add_toast (self, toast);
}

void
lotse_knowledge_view_update_actions (LotseKnowledgeView *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  gboolean shown = self->article_id != NULL && !self->editing;

  gtk_widget_action_set_enabled (widget, "knowledge.new", self->store != NULL && !self->editing);
  gtk_widget_action_set_enabled (widget, "knowledge.edit", shown);
  gtk_widget_action_set_enabled (widget, "knowledge.delete", shown);
  gtk_widget_action_set_enabled (widget, "knowledge.export", shown);
  gtk_widget_action_set_enabled (widget, "knowledge.save", self->editing);
  gtk_widget_action_set_enabled (widget, "knowledge.cancel", self->editing);
  gtk_widget_action_set_enabled (widget, "knowledge.add-tag", self->editing);
  gtk_widget_action_set_enabled (widget, "knowledge.toggle-preview", self->editing);
}

/* Rows ------------------------------------------------------------------------ */

static void
bind_article (LotseRecordRow *row,
              LotseRecord    *article,
              gpointer        user_data)
{
  lotse_record_row_set_title (row, lotse_record_get (article, LOTSE_ARTICLE_TITLE));
  lotse_record_row_set_subtitle (row, lotse_record_get (article, LOTSE_ARTICLE_SUMMARY));
  lotse_record_row_set_badge (row, lotse_knowledge_view_category_label (lotse_record_get (article, LOTSE_ARTICLE_CATEGORY)), NULL);
  lotse_conflict_badge_set_record (lotse_conflict_badge_ensure (GTK_WIDGET (row)), LOTSE_TABLE_ARTICLE,
                                   lotse_record_get_id (article));
}

/* The tag filter follows the tags; the chosen tag stays chosen. */
static void
reload_tags (LotseKnowledgeView *self)
{
  g_autoptr(GPtrArray) tags = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  g_autofree char *selected = g_strdup (lotse_knowledge_view_selected_tag_id (self));
  guint position = 0;
  GtkTreeIter iter;

  g_ptr_array_set_size (self->tag_ids, 0);
  g_ptr_array_add (self->tag_ids, NULL);
  g_ptr_array_add (names, (gpointer) _("All Tags"));
  gtk_list_store_clear (self->completion_model);

  if (self->store != NULL)
    tags = lotse_store_list (self->store, LOTSE_TABLE_TAG, NULL, 0, LOTSE_TAG_NAME, 0, 0, NULL);

  for (guint i = 0; tags != NULL && i < tags->len; i++)
    {
      LotseRecord *tag = g_ptr_array_index (tags, i);

      if (g_strcmp0 (lotse_record_get_id (tag), selected) == 0)
        position = self->tag_ids->len;
      g_ptr_array_add (self->tag_ids, g_strdup (lotse_record_get_id (tag)));
      g_ptr_array_add (names, (gpointer) lotse_record_get (tag, LOTSE_TAG_NAME));

      gtk_list_store_append (self->completion_model, &iter);
      gtk_list_store_set (self->completion_model, &iter, 0, lotse_record_get (tag, LOTSE_TAG_NAME), -1);
    }
  g_ptr_array_add (names, NULL);

  g_signal_handlers_block_by_func (self->tag_filter, lotse_knowledge_view_update_search, self);
  gtk_string_list_splice (self->tag_names, 0,
                          g_list_model_get_n_items (G_LIST_MODEL (self->tag_names)),
                          (const char * const *) names->pdata);
  gtk_drop_down_set_selected (self->tag_filter, position);
  g_signal_handlers_unblock_by_func (self->tag_filter, lotse_knowledge_view_update_search, self);
}

/* The article ---------------------------------------------------------------- */

static void
filter_tag_clicked_cb (GtkButton          *button,
                       LotseKnowledgeView *self)
{
  GtkWidget *child = gtk_widget_get_ancestor (GTK_WIDGET (button), GTK_TYPE_FLOW_BOX_CHILD);
  g_autoptr(LotseRecord) tag = NULL;

  if (child == NULL)
    return;

  tag = g_list_model_get_item (G_LIST_MODEL (self->article_tags),
                               gtk_flow_box_child_get_index (GTK_FLOW_BOX_CHILD (child)));
  if (tag == NULL)
    return;

  for (guint i = 1; i < self->tag_ids->len; i++)
    if (g_strcmp0 (g_ptr_array_index (self->tag_ids, i), lotse_record_get_id (tag)) == 0)
      gtk_drop_down_set_selected (self->tag_filter, i);

  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
}

/* A chip of the shown article's tags: it lists the articles with the tag. */
static GtkWidget *
tag_chip_new (gpointer item,
              gpointer user_data)
{
  LotseKnowledgeView *self = user_data;
  LotseRecord *tag = item;
  GtkWidget *button = gtk_button_new_with_label (lotse_record_get (tag, LOTSE_TAG_NAME));
  g_autofree char *tooltip =
    /* Translators: %s is a tag; the button lists the articles with it */
    g_strdup_printf (_("Show all articles tagged “%s”"), lotse_record_get (tag, LOTSE_TAG_NAME));

  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_widget_set_halign (button, GTK_ALIGN_START);
  gtk_widget_add_css_class (button, "tag-chip");
  g_signal_connect (button, "clicked", G_CALLBACK (filter_tag_clicked_cb), self);

  return button;
}

static void
fill_tags (LotseKnowledgeView *self,
           const char         *article_id)
{
  g_autoptr(GPtrArray) links = NULL;
  g_autoptr(GPtrArray) tags = g_ptr_array_new_with_free_func (g_object_unref);
  LotseFilter filter = { LOTSE_ARTICLE_TAG_ARTICLE_ID, article_id };

  links = lotse_store_list (self->store, LOTSE_TABLE_ARTICLE_TAG, &filter, 1, NULL, 0, 0, NULL);
  for (guint i = 0; links != NULL && i < links->len; i++)
    {
      const char *tag_id = lotse_record_get (g_ptr_array_index (links, i), LOTSE_ARTICLE_TAG_TAG_ID);
      LotseRecord *tag = lotse_store_get (self->store, LOTSE_TABLE_TAG, tag_id, NULL);

      if (tag != NULL)
        g_ptr_array_add (tags, tag);
    }

  g_list_store_splice (self->article_tags, 0, g_list_model_get_n_items (G_LIST_MODEL (self->article_tags)),
                       tags->pdata, tags->len);
  gtk_widget_set_visible (GTK_WIDGET (self->tags_box), tags->len > 0);
}

/* A link in the meta line that opens a record: "lotse:TABLE/ID" */
static char *
record_link (const char *table,
             const char *id,
             const char *text)
{
  g_autofree char *escaped = g_markup_escape_text (text != NULL ? text : "", -1);

  return g_strdup_printf ("<a href=\"lotse:%s/%s\">%s</a>", table, id, escaped);
}

/* Pango markup: the project and the author link to their records. */
static char *
format_meta (LotseKnowledgeView *self,
             LotseRecord        *article)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  const char *project_id = lotse_record_get (article, LOTSE_ARTICLE_PROJECT_ID);
  const char *author_id = lotse_record_get (article, LOTSE_ARTICLE_AUTHOR_PERSON_ID);
  g_autoptr(GDateTime) updated = NULL;

  if (project_id != NULL)
    {
      g_autoptr(LotseRecord) project = lotse_store_get (self->store, LOTSE_TABLE_PROJECT, project_id, NULL);

      if (project != NULL)
        g_ptr_array_add (parts, record_link (LOTSE_TABLE_PROJECT, project_id,
                                             lotse_record_get (project, LOTSE_PROJECT_TITLE)));
    }

  if (author_id != NULL)
    {
      g_autoptr(LotseRecord) author = lotse_store_get (self->store, LOTSE_TABLE_PERSON, author_id, NULL);

      if (author != NULL)
        {
          g_autofree char *link = record_link (LOTSE_TABLE_PERSON, author_id,
                                               lotse_record_get (author, LOTSE_PERSON_NAME));

          /* Translators: %s is the name of the article's author */
          g_ptr_array_add (parts, g_strdup_printf (_("by %s"), link));
        }
    }

  updated = g_date_time_new_from_iso8601 (lotse_record_get_updated_at (article), NULL);
  if (updated != NULL)
    {
      g_autoptr(GDateTime) local = g_date_time_to_local (updated);
      g_autofree char *day = g_date_time_format (local, "%Y-%m-%d");
      g_autofree char *date = lotse_format_date (day);
      g_autofree char *escaped = g_markup_escape_text (date, -1);

      /* Translators: %s is a date in the locale's format */
      g_ptr_array_add (parts, g_strdup_printf (_("updated %s"), escaped));
    }

  g_ptr_array_add (parts, NULL);

  /* A list of facts, not a sentence: each part is translated on its own. */
  return g_strjoinv (" · ", (char **) parts->pdata);
}

static gboolean
meta_link_cb (GtkLabel           *label,
              const char         *uri,
              LotseKnowledgeView *self)
{
  g_auto(GStrv) parts = NULL;

  if (!g_str_has_prefix (uri, "lotse:"))
    return FALSE;

  parts = g_strsplit (uri + strlen ("lotse:"), "/", 2);
  if (g_strv_length (parts) == 2)
    gtk_widget_activate_action (GTK_WIDGET (self), "win.open-record", "(ss)", parts[0], parts[1]);

  return TRUE;
}

gboolean
lotse_knowledge_view_show_article (LotseKnowledgeView *self,
              const char         *article_id)
{
  g_autoptr(LotseRecord) article = NULL;
  g_autofree char *meta = NULL;
  g_autofree char *blob_dir = NULL;
  const char *summary;
  g_autofree char *id = g_strdup (article_id);

  if (self->store == NULL || article_id == NULL)
    return FALSE;

  article = lotse_store_get (self->store, LOTSE_TABLE_ARTICLE, article_id, NULL);
  if (article == NULL)
    return FALSE;

  g_free (self->article_id);
  self->article_id = g_steal_pointer (&id);
  self->editing = FALSE;

  gtk_label_set_text (self->category_label,
                      lotse_knowledge_view_category_label (lotse_record_get (article, LOTSE_ARTICLE_CATEGORY)));
  gtk_label_set_text (self->title_label, lotse_record_get (article, LOTSE_ARTICLE_TITLE));
  lotse_conflict_badge_set_record (self->conflict_badge, LOTSE_TABLE_ARTICLE, self->article_id);

  meta = format_meta (self, article);
  gtk_label_set_markup (self->meta_label, meta);
  gtk_widget_set_visible (GTK_WIDGET (self->meta_label), *meta != '\0');

  summary = lotse_record_get (article, LOTSE_ARTICLE_SUMMARY);
  gtk_label_set_text (self->summary_label, summary != NULL ? summary : "");
  gtk_widget_set_visible (GTK_WIDGET (self->summary_label), summary != NULL && *summary != '\0');

  fill_tags (self, article_id);
  blob_dir = lotse_attachment_dup_blob_dir (self->store);
  lotse_markdown_buffer_set_blob_dir (self->body_buffer, blob_dir);
  lotse_markdown_buffer_set_blob_dir (self->preview_buffer, blob_dir);
  lotse_markdown_buffer_set_markdown (self->body_buffer, lotse_record_get (article, LOTSE_ARTICLE_BODY));
  lotse_attachment_list_set_owner (self->attachments, self->store, LOTSE_TABLE_ARTICLE, self->article_id);

  gtk_stack_set_visible_child_name (self->detail_stack, "article");
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
  lotse_knowledge_view_update_actions (self);

  return TRUE;
}

static void
show_nothing (LotseKnowledgeView *self)
{
  g_clear_pointer (&self->article_id, g_free);
  self->editing = FALSE;
  gtk_stack_set_visible_child_name (self->detail_stack, "none");
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
  lotse_knowledge_view_update_actions (self);
}

static void
list_activate_cb (GtkListView        *list_view,
                  guint               position,
                  LotseKnowledgeView *self)
{
  g_autoptr(GObject) item = g_list_model_get_item (G_LIST_MODEL (gtk_list_view_get_model (list_view)),
                                                   position);

  if (self->editing)
    return;

  if (LOTSE_IS_RECORD (item))
    lotse_knowledge_view_show_article (self, lotse_record_get_id (LOTSE_RECORD (item)));
  else if (LOTSE_IS_ARTICLE_HIT (item))
    lotse_knowledge_view_show_article (self, LOTSE_ARTICLE_HIT (item)->id);
}

/* Actions ------------------------------------------------------------------ */

static void
new_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  lotse_knowledge_view_begin_edit (LOTSE_KNOWLEDGE_VIEW (widget), NULL);
}

static void
edit_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  LotseKnowledgeView *self = LOTSE_KNOWLEDGE_VIEW (widget);
  g_autoptr(LotseRecord) article = NULL;

  if (self->article_id == NULL)
    return;

  article = lotse_store_get (self->store, LOTSE_TABLE_ARTICLE, self->article_id, NULL);
  if (article != NULL)
    lotse_knowledge_view_begin_edit (self, article);
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  LotseKnowledgeView *self = LOTSE_KNOWLEDGE_VIEW (widget);
  g_autoptr(GError) error = NULL;

  if (!lotse_knowledge_view_save (self, &error))
    {
      g_autofree char *message =
        /* Translators: %s says why, e.g. a field that is too long */
        g_strdup_printf (_("Could not save the article: %s"), error->message);

      lotse_knowledge_view_show_error (self, message);
    }
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  LotseKnowledgeView *self = LOTSE_KNOWLEDGE_VIEW (widget);
  g_autofree char *id = g_strdup (self->article_id);

  self->editing = FALSE;
  if (id == NULL || !lotse_knowledge_view_show_article (self, id))
    show_nothing (self);
}

static void
undo_delete (LotseKnowledgeView *self,
             const char         *id)
{
  g_autoptr(GError) error = NULL;

  if (!lotse_store_undelete (self->store, LOTSE_TABLE_ARTICLE, id, &error))
    {
      lotse_knowledge_view_show_error (self, error->message);
      return;
    }

  if (!self->editing)
    lotse_knowledge_view_show_article (self, id);
}

static void
undo_delete_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  undo_delete (LOTSE_KNOWLEDGE_VIEW (widget), g_variant_get_string (parameter, NULL));
}

static void
toast_undo_cb (AdwToast           *toast,
               LotseKnowledgeView *self)
{
  undo_delete (self, g_object_get_data (G_OBJECT (toast), "article-id"));
}

static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  LotseKnowledgeView *self = LOTSE_KNOWLEDGE_VIEW (widget);
  g_autoptr(LotseRecord) article = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  AdwToast *toast;

  if (self->article_id == NULL)
    return;

  /* Narrow, with the list on show: the Delete key is not meant for the
   * article out of sight. */
  if (adw_leaflet_get_folded (self->leaflet) &&
      g_strcmp0 (adw_leaflet_get_visible_child_name (self->leaflet), "detail") != 0)
    return;

  article = lotse_store_get (self->store, LOTSE_TABLE_ARTICLE, self->article_id, NULL);
  if (article == NULL || !lotse_store_delete (self->store, LOTSE_TABLE_ARTICLE, self->article_id, &error))
    {
      if (error != NULL)
        lotse_knowledge_view_show_error (self, error->message);
      return;
    }

  /* Translators: %s is the title of the deleted article */
  title = g_strdup_printf (_("“%s” deleted"), lotse_record_get (article, LOTSE_ARTICLE_TITLE));
  toast = adw_toast_new (title);
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  g_object_set_data_full (G_OBJECT (toast), "article-id",
                          g_strdup (lotse_record_get_id (article)), g_free);
  g_signal_connect_object (toast, "button-clicked", G_CALLBACK (toast_undo_cb), self, 0);
  lotse_knowledge_view_add_toast (self, toast);

  show_nothing (self);
}

/* Writes the article to @file and says how it went, in a toast */
gboolean
lotse_knowledge_view_export_to (LotseKnowledgeView *self,
                                const char         *article_id,
                                GFile              *file)
{
  g_autofree char *markdown = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (LOTSE_IS_KNOWLEDGE_VIEW (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  /* The window may have closed meanwhile. */
  if (self->store == NULL)
    return FALSE;

  /* The same rules as every other export: a new name or a regular file,
   * never through a link or into a device. */
  path = lotse_output_path_for_file (file, &error);
  if (path != NULL)
    markdown = lotse_article_export_markdown (self->store, article_id, &error);
  if (markdown == NULL ||
      !lotse_output_write_file (path, markdown, strlen (markdown), &error))
    {
      g_autofree char *message =
        /* Translators: %s says why */
        g_strdup_printf (_("Could not export the article: %s"), error->message);

      lotse_knowledge_view_show_error (self, message);
      return FALSE;
    }

  lotse_knowledge_view_add_toast (self, adw_toast_new (_("Article exported")));
  return TRUE;
}

static void
export_response_cb (GtkNativeDialog    *dialog,
                    int                 response,
                    LotseKnowledgeView *self)
{
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));

  if (file != NULL)
    lotse_knowledge_view_export_to (self, g_object_get_data (G_OBJECT (dialog), "article-id"), file);

  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);
  g_object_unref (self);
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  LotseKnowledgeView *self = LOTSE_KNOWLEDGE_VIEW (widget);
  g_autoptr(LotseRecord) article = NULL;
  g_autofree char *name = NULL;
  GtkFileChooserNative *dialog;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  if (self->article_id == NULL)
    return;

  article = lotse_store_get (self->store, LOTSE_TABLE_ARTICLE, self->article_id, NULL);
  if (article == NULL)
    return;

  dialog = gtk_file_chooser_native_new (_("Export Article"),
                                        GTK_WINDOW (gtk_widget_get_root (widget)),
                                        GTK_FILE_CHOOSER_ACTION_SAVE,
                                        _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);

  /* The title as file name, without characters file systems refuse */
  name = g_strdup_printf ("%s.md", lotse_record_get (article, LOTSE_ARTICLE_TITLE));
  g_strdelimit (name, "/\\:*?\"<>|\r\n\t", '-');
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), name);

  gtk_file_filter_set_name (filter, _("Markdown"));
  gtk_file_filter_add_mime_type (filter, "text/markdown");
  gtk_file_filter_add_suffix (filter, "md");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), filter);

  g_object_set_data_full (G_OBJECT (dialog), "article-id", g_strdup (self->article_id), g_free);
  g_signal_connect (dialog, "response", G_CALLBACK (export_response_cb), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

static void
back_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  LotseKnowledgeView *self = LOTSE_KNOWLEDGE_VIEW (widget);

  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
}

static void
add_tag_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  LotseKnowledgeView *self = LOTSE_KNOWLEDGE_VIEW (widget);

  lotse_knowledge_view_add_tag (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->tag_entry));
}

static void
toggle_preview_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  LotseKnowledgeView *self = LOTSE_KNOWLEDGE_VIEW (widget);

  gtk_toggle_button_set_active (self->preview_toggle,
                                !gtk_toggle_button_get_active (self->preview_toggle));
}

static void
search_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  LotseKnowledgeView *self = LOTSE_KNOWLEDGE_VIEW (widget);

  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

/* The store -------------------------------------------------------------------- */

static void
lotse_knowledge_view_store_changed (LotsePanel *panel,
                                    const char *table,
                                    const char *id)
{
  LotseKnowledgeView *self = LOTSE_KNOWLEDGE_VIEW (panel);

  if (g_str_equal (table, LOTSE_TABLE_TAG))
    reload_tags (self);

  if (!g_str_equal (table, LOTSE_TABLE_ARTICLE) && !g_str_equal (table, LOTSE_TABLE_ARTICLE_TAG) &&
      !g_str_equal (table, LOTSE_TABLE_TAG))
    return;

  if (gtk_stack_get_visible_child_name (self->list_stack) != NULL &&
      !g_str_equal (gtk_stack_get_visible_child_name (self->list_stack), "all"))
    lotse_knowledge_view_update_search (self);

  /* Sync or another window changed the article on show. */
  if (!self->editing && self->article_id != NULL &&
      (id == NULL || g_strcmp0 (id, self->article_id) == 0 || !g_str_equal (table, LOTSE_TABLE_ARTICLE)))
    {
      g_autofree char *shown = g_strdup (self->article_id);

      if (!lotse_knowledge_view_show_article (self, shown))
        show_nothing (self);
    }
}

static void
load_store (LotseKnowledgeView *self)
{
  LotseStore *store = lotse_view_get_store (LOTSE_VIEW (self));

  if (self->store == store)
    return;

  g_set_object (&self->store, store);
  g_cancellable_cancel (self->search_cancellable);

  show_nothing (self);
  reload_tags (self);
  lotse_knowledge_view_update_search (self);
}

static void
lotse_knowledge_view_load (LotsePanel *panel)
{
  LOTSE_PANEL_CLASS (lotse_knowledge_view_parent_class)->load (panel);
  load_store (LOTSE_KNOWLEDGE_VIEW (panel));
}

/* open_record ------------------------------------------------------------------ */

static gboolean
lotse_knowledge_view_open_record (LotseView  *view,
                                  const char *table,
                                  const char *id)
{
  LotseKnowledgeView *self = LOTSE_KNOWLEDGE_VIEW (view);

  if (self->store == NULL)
    return FALSE;

  /* Unsaved edits are not dropped for a jump from elsewhere: the editor
   * stays, and says why. */
  if (self->editing)
    {
      lotse_knowledge_view_add_toast (self, adw_toast_new (_("Save or cancel the article you are editing first")));
      return TRUE;
    }

  if (g_str_equal (table, LOTSE_TABLE_ARTICLE))
    return lotse_knowledge_view_show_article (self, id);

  if (g_str_equal (table, LOTSE_TABLE_ARTICLE_TAG))
    {
      g_autoptr(LotseRecord) link = lotse_store_get (self->store, LOTSE_TABLE_ARTICLE_TAG, id, NULL);

      return link != NULL && lotse_knowledge_view_show_article (self, lotse_record_get (link, LOTSE_ARTICLE_TAG_ARTICLE_ID));
    }

  if (g_str_equal (table, LOTSE_TABLE_TAG))
    {
      for (guint i = 1; i < self->tag_ids->len; i++)
        if (g_strcmp0 (g_ptr_array_index (self->tag_ids, i), id) == 0)
          {
            gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
            gtk_drop_down_set_selected (self->tag_filter, i);
            adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
            return TRUE;
          }
      return FALSE;
    }

  return FALSE;
}

/* GObject ------------------------------------------------------------------------ */

static void
lotse_knowledge_view_dispose (GObject *object)
{
  LotseKnowledgeView *self = LOTSE_KNOWLEDGE_VIEW (object);

  g_cancellable_cancel (self->search_cancellable);
  g_clear_object (&self->search_cancellable);
  g_cancellable_cancel (self->references_cancellable);
  g_clear_object (&self->references_cancellable);
  g_clear_object (&self->store);

  gtk_widget_dispose_template (GTK_WIDGET (object), LOTSE_TYPE_KNOWLEDGE_VIEW);

  g_clear_object (&self->body_buffer);
  g_clear_object (&self->preview_buffer);
  g_clear_handle_id (&self->preview_id, g_source_remove);
  lotse_knowledge_view_dispose_results (self);
  g_clear_object (&self->article_tags);
  g_clear_object (&self->tag_names);
  g_clear_object (&self->completion_model);

  G_OBJECT_CLASS (lotse_knowledge_view_parent_class)->dispose (object);
}

static void
lotse_knowledge_view_finalize (GObject *object)
{
  LotseKnowledgeView *self = LOTSE_KNOWLEDGE_VIEW (object);

  g_free (self->article_id);
  g_ptr_array_unref (self->tag_ids);
  g_clear_object (&self->edit_tags);
  g_ptr_array_unref (self->project_ids);
  g_ptr_array_unref (self->author_ids);

  G_OBJECT_CLASS (lotse_knowledge_view_parent_class)->finalize (object);
}

static void
lotse_knowledge_view_class_init (LotseKnowledgeViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  LotseViewClass *view_class = LOTSE_VIEW_CLASS (klass);

  object_class->dispose = lotse_knowledge_view_dispose;
  object_class->finalize = lotse_knowledge_view_finalize;
  LOTSE_PANEL_CLASS (klass)->load = lotse_knowledge_view_load;
  LOTSE_PANEL_CLASS (klass)->store_changed = lotse_knowledge_view_store_changed;
  view_class->open_record = lotse_knowledge_view_open_record;

  g_type_ensure (LOTSE_TYPE_ATTACHMENT_LIST);
  g_type_ensure (LOTSE_TYPE_CONFLICT_BADGE);
  /* For the factory of the results (lotse-article-hit-item.ui) */
  g_type_ensure (LOTSE_TYPE_ARTICLE_HIT);
  g_type_ensure (LOTSE_TYPE_ARTICLE_HIT_ROW);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/app/lotse/Lotse/knowledge/lotse-knowledge-view.ui");
  gtk_widget_class_bind_template_child (widget_class, LotseKnowledgeView, attachments);
  gtk_widget_class_bind_template_child (widget_class, LotseKnowledgeView, leaflet);
  gtk_widget_class_bind_template_child (widget_class, LotseKnowledgeView, search_entry);
  gtk_widget_class_bind_template_child (widget_class, LotseKnowledgeView, category_filter);
  gtk_widget_class_bind_template_child (widget_class, LotseKnowledgeView, tag_filter);
  gtk_widget_class_bind_template_child (widget_class, LotseKnowledgeView, list_stack);
  gtk_widget_class_bind_template_child (widget_class, LotseKnowledgeView, stack);
  gtk_widget_class_bind_template_child (widget_class, LotseKnowledgeView, list_view);
  gtk_widget_class_bind_template_child (widget_class, LotseKnowledgeView, results_view);
  gtk_widget_class_bind_template_child (widget_class, LotseKnowledgeView, detail_stack);
  gtk_widget_class_bind_template_child (widget_class, LotseKnowledgeView, category_label);
  gtk_widget_class_bind_template_child (widget_class, LotseKnowledgeView, title_label);
  gtk_widget_class_bind_template_child (widget_class, LotseKnowledgeView, conflict_badge);
  gtk_widget_class_bind_template_child (widget_class, LotseKnowledgeView, meta_label);
  gtk_widget_class_bind_template_child (widget_class, LotseKnowledgeView, tags_box);
  gtk_widget_class_bind_template_child (widget_class, LotseKnowledgeView, summary_label);
  gtk_widget_class_bind_template_child (widget_class, LotseKnowledgeView, body_view);
  gtk_widget_class_bind_template_child (widget_class, LotseKnowledgeView, edit_title_label);
  gtk_widget_class_bind_template_child (widget_class, LotseKnowledgeView, preview_toggle);
  gtk_widget_class_bind_template_child (widget_class, LotseKnowledgeView, title_row);
  gtk_widget_class_bind_template_child (widget_class, LotseKnowledgeView, summary_row);
  gtk_widget_class_bind_template_child (widget_class, LotseKnowledgeView, category_row);
  gtk_widget_class_bind_template_child (widget_class, LotseKnowledgeView, project_row);
  gtk_widget_class_bind_template_child (widget_class, LotseKnowledgeView, author_row);
  gtk_widget_class_bind_template_child (widget_class, LotseKnowledgeView, edit_tags_box);
  gtk_widget_class_bind_template_child (widget_class, LotseKnowledgeView, tag_entry);
  gtk_widget_class_bind_template_child (widget_class, LotseKnowledgeView, editor_stack);
  gtk_widget_class_bind_template_child (widget_class, LotseKnowledgeView, body_editor);
  gtk_widget_class_bind_template_child (widget_class, LotseKnowledgeView, preview_view);

  gtk_widget_class_install_action (widget_class, "knowledge.new", NULL, new_action);
  gtk_widget_class_install_action (widget_class, "knowledge.edit", NULL, edit_action);
  gtk_widget_class_install_action (widget_class, "knowledge.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "knowledge.cancel", NULL, cancel_action);
  gtk_widget_class_install_action (widget_class, "knowledge.delete", NULL, delete_action);
  gtk_widget_class_install_action (widget_class, "knowledge.undo-delete", "s", undo_delete_action);
  gtk_widget_class_install_action (widget_class, "knowledge.export", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "knowledge.back", NULL, back_action);
  gtk_widget_class_install_action (widget_class, "knowledge.add-tag", NULL, add_tag_action);
  gtk_widget_class_install_action (widget_class, "knowledge.toggle-preview", NULL,
                                   toggle_preview_action);
  gtk_widget_class_install_action (widget_class, "knowledge.search", NULL, search_action);

}

GtkStringList *
lotse_knowledge_view_category_list (const char *first)
{
  const char * const *values = lotse_knowledge_view_category_values ();
  GtkStringList *list = gtk_string_list_new (NULL);

  if (first != NULL)
    gtk_string_list_append (list, first);
  for (guint i = 0; values[i] != NULL; i++)
    gtk_string_list_append (list, lotse_knowledge_view_category_label (values[i]));

  return list;
}

static void
lotse_knowledge_view_init (LotseKnowledgeView *self)
{
  static const LotseViewShortcut shortcuts[] = {
    { "<Control>n", "knowledge.new" },
    { "<Control>e", "knowledge.edit" },
    { "<Control>s", "knowledge.save" },
    { "Escape", "knowledge.cancel" },
    { "Delete", "knowledge.delete" },
    { "<Control><Shift>e", "knowledge.export" },
    { "<Control><Shift>p", "knowledge.toggle-preview" },
    { "<Control>f", "knowledge.search" },
    { "<Alt>Left", "knowledge.back" },
  };
  g_autoptr(GtkStringList) filter_categories = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));
  lotse_view_shortcuts_add (GTK_WIDGET (self), shortcuts, G_N_ELEMENTS (shortcuts));

  self->tag_ids = g_ptr_array_new_with_free_func (g_free);
  self->edit_tags = gtk_string_list_new (NULL);
  self->project_ids = g_ptr_array_new_with_free_func (g_free);
  self->author_ids = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (self->tag_ids, NULL);

  /* The list of all articles, and the results of a search */
  lotse_view_show_records (LOTSE_VIEW (self), self->stack, self->list_view,
                           LOTSE_TABLE_ARTICLE, LOTSE_ARTICLE_TITLE, bind_article);
  g_signal_connect (self->list_view, "activate", G_CALLBACK (list_activate_cb), self);

  lotse_knowledge_view_init_results (self);
  g_signal_connect (self->results_view, "activate", G_CALLBACK (list_activate_cb), self);

  self->article_tags = g_list_store_new (LOTSE_TYPE_RECORD);
  gtk_flow_box_bind_model (self->tags_box, G_LIST_MODEL (self->article_tags), tag_chip_new, self, NULL);

  /* Filters */
  filter_categories = lotse_knowledge_view_category_list (_("All Categories"));
  gtk_drop_down_set_model (self->category_filter, G_LIST_MODEL (filter_categories));
  self->tag_names = gtk_string_list_new (NULL);
  gtk_drop_down_set_model (self->tag_filter, G_LIST_MODEL (self->tag_names));
  gtk_drop_down_set_expression (self->tag_filter,
                                gtk_property_expression_new (GTK_TYPE_STRING_OBJECT, NULL,
                                                             "string"));
  lotse_drop_down_ellipsize (self->category_filter, 6);
  lotse_drop_down_ellipsize (self->tag_filter, 6);
  g_signal_connect_swapped (self->search_entry, "search-changed", G_CALLBACK (lotse_knowledge_view_update_search), self);
  g_signal_connect_swapped (self->category_filter, "notify::selected",
                            G_CALLBACK (lotse_knowledge_view_update_search), self);
  g_signal_connect_swapped (self->tag_filter, "notify::selected",
                            G_CALLBACK (lotse_knowledge_view_update_search), self);

  /* The article */
  g_signal_connect (self->meta_label, "activate-link", G_CALLBACK (meta_link_cb), self);
  self->body_buffer = lotse_markdown_buffer_new ();
  gtk_text_view_set_buffer (self->body_view, GTK_TEXT_BUFFER (self->body_buffer));
  lotse_markdown_view_setup (self->body_view);

  lotse_knowledge_view_init_editor (self);

  reload_tags (self);
  lotse_knowledge_view_update_actions (self);
}

void
lotse_knowledge_view_get_parts (LotseKnowledgeView      *self,
                                LotseKnowledgeViewParts *parts)
{
  g_return_if_fail (LOTSE_IS_KNOWLEDGE_VIEW (self));

  parts->search_entry = GTK_EDITABLE (self->search_entry);
  parts->category_filter = self->category_filter;
  parts->tag_filter = self->tag_filter;
  parts->list_stack = self->list_stack;
  parts->results_view = self->results_view;
  parts->detail_stack = self->detail_stack;
  parts->title_label = self->title_label;
  parts->meta_label = self->meta_label;
  parts->body_view = self->body_view;
  parts->tags_box = self->tags_box;
  parts->title_row = GTK_EDITABLE (self->title_row);
  parts->summary_row = GTK_EDITABLE (self->summary_row);
  parts->category_row = self->category_row;
  parts->project_row = self->project_row;
  parts->author_row = self->author_row;
  parts->body_editor = self->body_editor;
  parts->preview_view = self->preview_view;
  parts->editor_stack = self->editor_stack;
  parts->preview_toggle = self->preview_toggle;
  parts->tag_entry = GTK_EDITABLE (self->tag_entry);
  parts->edit_tags_box = self->edit_tags_box;
}

const char *
lotse_knowledge_view_get_article_id (LotseKnowledgeView *self)
{
  g_return_val_if_fail (LOTSE_IS_KNOWLEDGE_VIEW (self), NULL);

  return self->article_id;
}

gboolean
lotse_knowledge_view_references_loaded (LotseKnowledgeView *self)
{
  g_return_val_if_fail (LOTSE_IS_KNOWLEDGE_VIEW (self), FALSE);

  return self->references_loaded;
}

gboolean
lotse_knowledge_view_is_searching (LotseKnowledgeView *self)
{
  g_return_val_if_fail (LOTSE_IS_KNOWLEDGE_VIEW (self), FALSE);

  return self->searching;
}
