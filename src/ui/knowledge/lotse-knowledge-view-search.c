/* lotse-knowledge-view-search.c: searching and filtering the articles
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Part of LotseKnowledgeView (lotse-knowledge-view.c). Words, a category
 * and a tag narrow the list; the query runs on the search worker's own
 * connection, a newer one cancels the one running, and the results show
 * the snippet where the words were found.
 *
 * Snippets cost most of a search (each tokenizes its article), so the
 * search makes them for the first screenful only. A row bound to a hit
 * without one reads its “markup”, which asks the view for it; the view
 * collects what is asked in one go and makes those snippets on the worker.
 */

#define G_LOG_DOMAIN "lotse-knowledge-view"

#include "config.h"

#include <glib/gi18n.h>

#include "lotse-knowledge-view-private.h"
#include "lotse-search-snippet.h"

/* Searches and filters list at most this many articles; a person narrows
 * a longer list by another word rather than by scrolling it. */
#define MAX_RESULTS 200
/* The rows a tall window shows at once: they get their snippets with the
 * search, the others when their rows are bound. */
#define FIRST_SNIPPETS 30

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

enum {
  HIT_SNIPPET_WANTED,
  HIT_N_SIGNALS
};

static guint hit_signals[HIT_N_SIGNALS];

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
      /* Read by the row it is bound to: the snippet is wanted now. */
      if (self->snippet_pending && !self->snippet_asked)
        {
          self->snippet_asked = TRUE;
          g_signal_emit (self, hit_signals[HIT_SNIPPET_WANTED], 0);
        }
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
  /* The snippet, or the summary, as Pango markup; NULL until the snippet
   * is made */
  hit_properties[HIT_PROP_MARKUP] = g_param_spec_string ("markup", NULL, NULL, NULL, flags);
  hit_properties[HIT_PROP_CATEGORY] = g_param_spec_string ("category", NULL, NULL, NULL, flags);
  g_object_class_install_properties (object_class, HIT_N_PROPS, hit_properties);

  /* The markup of a hit whose snippet is still to be made was read. */
  hit_signals[HIT_SNIPPET_WANTED] = g_signal_new ("snippet-wanted", G_TYPE_FROM_CLASS (klass),
                                                  G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                                  G_TYPE_NONE, 0);
}

static void
lotse_article_hit_init (LotseArticleHit *self)
{
}

static void
lotse_article_hit_set_snippet (LotseArticleHit *self,
                               char            *markup)
{
  g_free (self->markup);
  self->markup = markup;
  self->snippet_pending = FALSE;
  g_object_notify_by_pspec (G_OBJECT (self), hit_properties[HIT_PROP_MARKUP]);
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
  result->category = g_strdup (lotse_record_get (article, LOTSE_ARTICLE_CATEGORY));

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
    results = lotse_search_articles_ranked (store, query->text, query->category, query->tag_id,
                                            MAX_RESULTS, FIRST_SNIPPETS, error);
  else
    results = list_filtered (store, query, error);

  if (results == NULL)
    return NULL;

  hits = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < results->len; i++)
    {
      LotseSearchResult *r = g_ptr_array_index (results, i);
      LotseArticleHit *hit = g_object_new (LOTSE_TYPE_ARTICLE_HIT, NULL);

      hit->id = g_strdup (r->id);
      hit->title = g_strdup (r->title);
      hit->category = g_strdup (r->category);
      if (fts_query == NULL)
        hit->markup = escape_summary (r->snippet);
      else if (r->snippet != NULL)
        hit->markup = lotse_search_snippet_to_markup (r->snippet);
      else
        hit->snippet_pending = TRUE;
      g_ptr_array_add (hits, hit);
    }

  return hits;
}

/* Making the snippets of the rows shown ------------------------------------ */

typedef struct
{
  char  *text;
  GStrv  ids;
} SnippetQuery;

static void
snippet_query_free (SnippetQuery *query)
{
  g_free (query->text);
  g_strfreev (query->ids);
  g_free (query);
}

/* On the worker thread: the snippets as markup, in the order of the ids */
static gpointer
run_snippet_query (LotseStore  *store,
                   gpointer     data,
                   GError     **error)
{
  SnippetQuery *query = data;
  g_auto(GStrv) snippets = NULL;
  GStrv markup;
  guint n;

  snippets = lotse_search_article_snippets (store, query->text, (const char * const *) query->ids,
                                            error);
  if (snippets == NULL)
    return NULL;

  n = g_strv_length (snippets);
  markup = g_new0 (char *, n + 1);
  for (guint i = 0; i < n; i++)
    markup[i] = lotse_search_snippet_to_markup (snippets[i]);

  return markup;
}

static void
cancel_snippets (LotseKnowledgeView *self)
{
  g_cancellable_cancel (self->snippets_cancellable);
  g_clear_object (&self->snippets_cancellable);
  g_clear_pointer (&self->snippets_making, g_ptr_array_unref);
  if (self->snippets_wanted != NULL)
    g_ptr_array_set_size (self->snippets_wanted, 0);
  g_clear_handle_id (&self->snippets_idle, g_source_remove);
}

static gboolean make_snippets_cb (gpointer user_data);

static void
snippets_done_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(LotseKnowledgeView) self = user_data;
  g_autoptr(GPtrArray) hits = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) markup = NULL;

  markup = lotse_store_reader_run_finish (LOTSE_STORE_READER (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  hits = g_steal_pointer (&self->snippets_making);
  if (markup == NULL)
    g_warning ("Could not make the snippets of the articles found: %s", error->message);

  /* The row shows no snippet rather than ask for it again and again. */
  for (guint i = 0; i < hits->len; i++)
    lotse_article_hit_set_snippet (g_ptr_array_index (hits, i),
                                   g_strdup (markup != NULL ? markup[i] : ""));

  if (self->snippets_wanted->len > 0 && self->snippets_idle == 0)
    self->snippets_idle = g_idle_add (make_snippets_cb, self);
}

/* The snippets of all the rows bound since the last time, in one job. */
static gboolean
make_snippets_cb (gpointer user_data)
{
  LotseKnowledgeView *self = user_data;
  SnippetQuery *query;

  self->snippets_idle = 0;
  if (self->snippets_making != NULL || self->snippets_wanted->len == 0)
    return G_SOURCE_REMOVE;

  self->snippets_making = g_steal_pointer (&self->snippets_wanted);
  self->snippets_wanted = g_ptr_array_new_with_free_func (g_object_unref);

  query = g_new0 (SnippetQuery, 1);
  query->text = g_strdup (self->search_text);
  query->ids = g_new0 (char *, self->snippets_making->len + 1);
  for (guint i = 0; i < self->snippets_making->len; i++)
    query->ids[i] = g_strdup (((LotseArticleHit *) g_ptr_array_index (self->snippets_making, i))->id);

  if (self->snippets_cancellable == NULL)
    self->snippets_cancellable = g_cancellable_new ();
  lotse_store_reader_run_async (lotse_store_get_reader (self->store), run_snippet_query, query,
                                (GDestroyNotify) snippet_query_free, (GDestroyNotify) g_strfreev,
                                self->snippets_cancellable, snippets_done_cb, g_object_ref (self));

  return G_SOURCE_REMOVE;
}

static void
snippet_wanted_cb (LotseArticleHit    *hit,
                   LotseKnowledgeView *self)
{
  /* A newer search replaces the hits shown; search_text is its text. */
  if (self->searching)
    {
      hit->snippet_asked = FALSE;
      return;
    }

  g_ptr_array_add (self->snippets_wanted, g_object_ref (hit));
  if (self->snippets_idle == 0)
    self->snippets_idle = g_idle_add (make_snippets_cb, self);
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

  /* Binding the rows (in the splice) asks for the missing snippets. */
  for (guint i = 0; i < hits->len; i++)
    {
      LotseArticleHit *hit = g_ptr_array_index (hits, i);

      if (hit->snippet_pending)
        g_signal_connect_object (hit, "snippet-wanted", G_CALLBACK (snippet_wanted_cb), self, 0);
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
  /* The hits of the search before are replaced: no snippets for them. */
  cancel_snippets (self);
  g_free (self->search_text);
  self->search_text = g_strdup (text);

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
lotse_knowledge_view_dispose_results (LotseKnowledgeView *self)
{
  cancel_snippets (self);
  g_clear_pointer (&self->snippets_wanted, g_ptr_array_unref);
  g_clear_pointer (&self->search_text, g_free);
  g_clear_object (&self->results);
}

void
lotse_knowledge_view_init_results (LotseKnowledgeView *self)
{
  self->snippets_wanted = g_ptr_array_new_with_free_func (g_object_unref);
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
