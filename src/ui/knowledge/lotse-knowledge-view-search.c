/* lotse-knowledge-view-search.c: searching and filtering the articles
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Part of LotseKnowledgeView (lotse-knowledge-view.c). Words, a category
 * and a tag narrow the list; the query runs on the search worker's own
 * connection, a newer one cancels the one running, and the results show
 * the snippet where the words were found.
 */

#define G_LOG_DOMAIN "lotse-knowledge-view"

#include "config.h"

#include <glib/gi18n.h>

#include "lotse-knowledge-view-private.h"
#include "lotse-search-snippet.h"

/* Searches and filters list at most this many articles; a person narrows
 * a longer list by another word rather than by scrolling it. */
#define MAX_RESULTS 200

/* One article in the results of a search ----------------------------------- */

/* Its fields are properties too, for the list's factory to bind
 * (lotse-article-hit-item.ui); it never changes once made. */
enum {
  HIT_PROP_0,
  HIT_PROP_ID,
  HIT_PROP_TITLE,
  HIT_PROP_MARKUP,
  HIT_PROP_CATEGORY,
  HIT_N_PROPS
};

static GParamSpec *hit_properties[HIT_N_PROPS];

G_DEFINE_FINAL_TYPE (LotseArticleHit, lotse_article_hit, G_TYPE_OBJECT)

static void
lotse_article_hit_finalize (GObject *object)
{
  LotseArticleHit *self = LOTSE_ARTICLE_HIT (object);

  g_free (self->id);
  g_free (self->title);
  g_free (self->markup);
  g_free (self->category);

  G_OBJECT_CLASS (lotse_article_hit_parent_class)->finalize (object);
}

static void
lotse_article_hit_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  LotseArticleHit *self = LOTSE_ARTICLE_HIT (object);

  switch (prop_id)
    {
    case HIT_PROP_ID:
      g_value_set_string (value, self->id);
      break;
    case HIT_PROP_TITLE:
      g_value_set_string (value, self->title);
      break;
    case HIT_PROP_MARKUP:
      g_value_set_string (value, self->markup);
      break;
    case HIT_PROP_CATEGORY:
      g_value_set_string (value, self->category);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lotse_article_hit_class_init (LotseArticleHitClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->finalize = lotse_article_hit_finalize;
  object_class->get_property = lotse_article_hit_get_property;

  hit_properties[HIT_PROP_ID] = g_param_spec_string ("id", NULL, NULL, NULL, flags);
  hit_properties[HIT_PROP_TITLE] = g_param_spec_string ("title", NULL, NULL, NULL, flags);
  /* The snippet, or the summary, as Pango markup */
  hit_properties[HIT_PROP_MARKUP] = g_param_spec_string ("markup", NULL, NULL, NULL, flags);
  hit_properties[HIT_PROP_CATEGORY] = g_param_spec_string ("category", NULL, NULL, NULL, flags);
  g_object_class_install_properties (object_class, HIT_N_PROPS, hit_properties);
}

static void
lotse_article_hit_init (LotseArticleHit *self)
{
}

/* Searching ----------------------------------------------------------------- */

typedef struct
{
  char *text;
  char *category;
  char *tag_id;
} ArticleQuery;

static void
article_query_free (ArticleQuery *query)
{
  g_free (query->text);
  g_free (query->category);
  g_free (query->tag_id);
  g_free (query);
}

static LotseSearchResult *
result_from_record (LotseRecord *article)
{
  LotseSearchResult *result = g_new0 (LotseSearchResult, 1);

  result->kind = LOTSE_SEARCH_KIND_ARTICLE;
  result->id = g_strdup (lotse_record_get_id (article));
  result->title = g_strdup (lotse_record_get (article, LOTSE_ARTICLE_TITLE));
  result->snippet = g_strdup (lotse_record_get (article, LOTSE_ARTICLE_SUMMARY));

  return result;
}

/* Without words: the articles of a category and/or a tag, by title */
static GPtrArray *
list_filtered (LotseStore    *store,
               ArticleQuery  *query,
               GError       **error)
{
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  LotseFilter filter = { NULL, NULL };

  results = g_ptr_array_new_with_free_func ((GDestroyNotify) lotse_search_result_free);

  if (query->tag_id == NULL)
    {
      filter.field = LOTSE_ARTICLE_CATEGORY;
      filter.value = query->category;
      rows = lotse_store_list (store, LOTSE_TABLE_ARTICLE, &filter, 1, LOTSE_ARTICLE_TITLE,
                               MAX_RESULTS, 0, error);
      if (rows == NULL)
        return NULL;

      for (guint i = 0; i < rows->len; i++)
        g_ptr_array_add (results, result_from_record (g_ptr_array_index (rows, i)));
      return g_steal_pointer (&results);
    }

  filter.field = LOTSE_ARTICLE_TAG_TAG_ID;
  filter.value = query->tag_id;
  rows = lotse_store_list (store, LOTSE_TABLE_ARTICLE_TAG, &filter, 1, NULL, 0, 0, error);
  if (rows == NULL)
    return NULL;

  for (guint i = 0; i < rows->len && results->len < MAX_RESULTS; i++)
    {
      const char *article_id = lotse_record_get (g_ptr_array_index (rows, i), LOTSE_ARTICLE_TAG_ARTICLE_ID);
      g_autoptr(LotseRecord) article = lotse_store_get (store, LOTSE_TABLE_ARTICLE, article_id, NULL);

      if (article == NULL ||
          (query->category != NULL &&
           g_strcmp0 (lotse_record_get (article, LOTSE_ARTICLE_CATEGORY), query->category) != 0))
        continue;

      g_ptr_array_add (results, result_from_record (article));
    }

  return g_steal_pointer (&results);
}

static char *
escape_summary (const char *summary)
{
  g_autofree char *escaped = NULL;

  if (summary == NULL)
    return g_strdup ("");

  escaped = g_markup_escape_text (summary, -1);
  return g_strdelimit (g_steal_pointer (&escaped), "\r\n\t", ' ');
}

/* On the worker thread: the rows of the list, ready to show, so the main
 * thread only swaps them in. */
static gpointer
run_article_query (LotseStore  *store,
                   gpointer     data,
                   GError     **error)
{
  ArticleQuery *query = data;
  g_autofree char *fts_query = lotse_search_build_fts_query (query->text);
  g_autoptr(GPtrArray) results = NULL;
  GPtrArray *hits;

  if (fts_query != NULL)
    results = lotse_search_articles (store, query->text, query->category, query->tag_id,
                                     MAX_RESULTS, error);
  else
    results = list_filtered (store, query, error);

  if (results == NULL)
    return NULL;

  hits = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < results->len; i++)
    {
      LotseSearchResult *r = g_ptr_array_index (results, i);
      LotseArticleHit *hit = g_object_new (LOTSE_TYPE_ARTICLE_HIT, NULL);
      g_autoptr(LotseRecord) article = lotse_store_get (store, LOTSE_TABLE_ARTICLE, r->id, NULL);

      hit->id = g_strdup (r->id);
      hit->title = g_strdup (r->title);
      hit->markup = fts_query != NULL ? lotse_search_snippet_to_markup (r->snippet)
                                      : escape_summary (r->snippet);
      hit->category = g_strdup (article != NULL ? lotse_record_get (article, LOTSE_ARTICLE_CATEGORY) : NULL);
      g_ptr_array_add (hits, hit);
    }

  return hits;
}

static void
search_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(LotseKnowledgeView) self = user_data;
  g_autoptr(GPtrArray) hits = NULL;
  g_autoptr(GError) error = NULL;

  hits = lotse_store_reader_run_finish (LOTSE_STORE_READER (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self->searching = FALSE;

  if (hits == NULL)
    {
      /* Never SQL in the window: the sanitiser makes any text a query,
       * so this is a damaged file or a full disk. */
      g_warning ("Could not search the articles: %s", error->message);
      g_list_store_remove_all (self->results);
      gtk_stack_set_visible_child_name (self->list_stack, "no-results");
      return;
    }

  g_list_store_splice (self->results, 0, g_list_model_get_n_items (G_LIST_MODEL (self->results)),
                       hits->pdata, hits->len);
  gtk_stack_set_visible_child_name (self->list_stack, hits->len > 0 ? "results" : "no-results");
}

static const char *
selected_category (LotseKnowledgeView *self)
{
  guint position = gtk_drop_down_get_selected (self->category_filter);

  if (position == 0 || position == GTK_INVALID_LIST_POSITION)
    return NULL;

  return lotse_knowledge_view_category_values ()[position - 1];
}

const char *
lotse_knowledge_view_selected_tag_id (LotseKnowledgeView *self)
{
  guint position = gtk_drop_down_get_selected (self->tag_filter);

  if (position == GTK_INVALID_LIST_POSITION || position >= self->tag_ids->len)
    return NULL;

  return g_ptr_array_index (self->tag_ids, position);
}

void
lotse_knowledge_view_update_search (LotseKnowledgeView *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  g_autofree char *fts_query = lotse_search_build_fts_query (text);
  const char *category = selected_category (self);
  const char *tag_id = lotse_knowledge_view_selected_tag_id (self);
  ArticleQuery *query;

  g_cancellable_cancel (self->search_cancellable);
  g_clear_object (&self->search_cancellable);

  if (self->store == NULL || (fts_query == NULL && category == NULL && tag_id == NULL))
    {
      self->searching = FALSE;
      g_list_store_remove_all (self->results);
      gtk_stack_set_visible_child_name (self->list_stack, "all");
      return;
    }

  query = g_new0 (ArticleQuery, 1);
  query->text = g_strdup (text);
  query->category = g_strdup (category);
  query->tag_id = g_strdup (tag_id);

  self->searching = TRUE;
  self->search_cancellable = g_cancellable_new ();
  lotse_store_reader_run_async (lotse_store_get_reader (self->store), run_article_query, query,
                                (GDestroyNotify) article_query_free,
                                (GDestroyNotify) g_ptr_array_unref, self->search_cancellable,
                                search_done_cb, g_object_ref (self));
}

void
lotse_knowledge_view_init_results (LotseKnowledgeView *self)
{
  self->results = g_list_store_new (LOTSE_TYPE_ARTICLE_HIT);
  gtk_list_view_set_model (self->results_view,
                           GTK_SELECTION_MODEL (gtk_no_selection_new (
                             g_object_ref (G_LIST_MODEL (self->results)))));
}

const char *
lotse_knowledge_view_get_result_id (LotseKnowledgeView *self,
                                    guint               position)
{
  g_autoptr(LotseArticleHit) hit = NULL;

  g_return_val_if_fail (LOTSE_IS_KNOWLEDGE_VIEW (self), NULL);

  hit = g_list_model_get_item (G_LIST_MODEL (self->results), position);
  return hit != NULL ? hit->id : NULL;
}
