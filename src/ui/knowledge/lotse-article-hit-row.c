/* lotse-article-hit-row.c: one article among the results of a search
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The row of the knowledge view's results: the title, the category, a
 * badge while the article has an open conflict, and below the words
 * found, marked (or the summary when the list is only filtered). Its
 * properties are bound to a LotseArticleHit by the list's factory
 * (lotse-article-hit-item.ui); the snippet is Pango markup made by
 * lotse_search_snippet_to_markup(), with the article's own text escaped.
 */

#define G_LOG_DOMAIN "lotse-knowledge-view"

#include "config.h"

#include "lotse-article-hit-row.h"
#include "lotse-conflict-badge.h"
#include "lotse-knowledge-view-private.h"
#include "lotse-util.h"

struct _LotseArticleHitRow
{
  GtkWidget           parent_instance;

  GtkWidget          *header;
  GtkLabel           *title_label;
  GtkLabel           *category_label;
  LotseConflictBadge *badge;
  GtkLabel           *snippet_label;

  char               *article_id;
  char               *title;
  char               *category;
  char               *snippet_markup;
};

enum {
  PROP_0,
  PROP_ARTICLE_ID,
  PROP_TITLE,
  PROP_CATEGORY,
  PROP_SNIPPET_MARKUP,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (LotseArticleHitRow, lotse_article_hit_row, GTK_TYPE_WIDGET)

static void
set_article_id (LotseArticleHitRow *self,
                const char         *article_id)
{
  if (!lotse_set_str (&self->article_id, article_id))
    return;

  lotse_conflict_badge_set_record (self->badge, LOTSE_TABLE_ARTICLE, article_id);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ARTICLE_ID]);
}

static void
set_title (LotseArticleHitRow *self,
           const char         *title)
{
  if (!lotse_set_str (&self->title, title))
    return;

  gtk_label_set_text (self->title_label, title != NULL ? title : "");
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
}

static void
set_category (LotseArticleHitRow *self,
              const char         *category)
{
  if (!lotse_set_str (&self->category, category))
    return;

  gtk_label_set_text (self->category_label, lotse_knowledge_view_category_label (category));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CATEGORY]);
}

static void
set_snippet_markup (LotseArticleHitRow *self,
                    const char         *markup)
{
  if (!lotse_set_str (&self->snippet_markup, markup))
    return;

  gtk_label_set_markup (self->snippet_label, markup != NULL ? markup : "");
  gtk_widget_set_visible (GTK_WIDGET (self->snippet_label), markup != NULL && *markup != '\0');
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SNIPPET_MARKUP]);
}

static void
lotse_article_hit_row_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), LOTSE_TYPE_ARTICLE_HIT_ROW);

  G_OBJECT_CLASS (lotse_article_hit_row_parent_class)->dispose (object);
}

static void
lotse_article_hit_row_finalize (GObject *object)
{
  LotseArticleHitRow *self = LOTSE_ARTICLE_HIT_ROW (object);

  g_free (self->article_id);
  g_free (self->title);
  g_free (self->category);
  g_free (self->snippet_markup);

  G_OBJECT_CLASS (lotse_article_hit_row_parent_class)->finalize (object);
}

static void
lotse_article_hit_row_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  LotseArticleHitRow *self = LOTSE_ARTICLE_HIT_ROW (object);

  switch (prop_id)
    {
    case PROP_ARTICLE_ID:
      g_value_set_string (value, self->article_id);
      break;
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;
    case PROP_CATEGORY:
      g_value_set_string (value, self->category);
      break;
    case PROP_SNIPPET_MARKUP:
      g_value_set_string (value, self->snippet_markup);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lotse_article_hit_row_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  LotseArticleHitRow *self = LOTSE_ARTICLE_HIT_ROW (object);

  switch (prop_id)
    {
    case PROP_ARTICLE_ID:
      set_article_id (self, g_value_get_string (value));
      break;
    case PROP_TITLE:
      set_title (self, g_value_get_string (value));
      break;
    case PROP_CATEGORY:
      set_category (self, g_value_get_string (value));
      break;
    case PROP_SNIPPET_MARKUP:
      set_snippet_markup (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lotse_article_hit_row_class_init (LotseArticleHitRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  const GParamFlags flags = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->dispose = lotse_article_hit_row_dispose;
  object_class->finalize = lotse_article_hit_row_finalize;
  object_class->get_property = lotse_article_hit_row_get_property;
  object_class->set_property = lotse_article_hit_row_set_property;

  properties[PROP_ARTICLE_ID] = g_param_spec_string ("article-id", NULL, NULL, NULL, flags);
  properties[PROP_TITLE] = g_param_spec_string ("title", NULL, NULL, NULL, flags);
  /* The stored value; the row shows its label. */
  properties[PROP_CATEGORY] = g_param_spec_string ("category", NULL, NULL, NULL, flags);
  properties[PROP_SNIPPET_MARKUP] = g_param_spec_string ("snippet-markup", NULL, NULL, NULL, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (LOTSE_TYPE_CONFLICT_BADGE);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/app/lotse/Lotse/knowledge/lotse-article-hit-row.ui");
  gtk_widget_class_bind_template_child (widget_class, LotseArticleHitRow, header);
  gtk_widget_class_bind_template_child (widget_class, LotseArticleHitRow, title_label);
  gtk_widget_class_bind_template_child (widget_class, LotseArticleHitRow, category_label);
  gtk_widget_class_bind_template_child (widget_class, LotseArticleHitRow, badge);
  gtk_widget_class_bind_template_child (widget_class, LotseArticleHitRow, snippet_label);
}

static void
lotse_article_hit_row_init (LotseArticleHitRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

const char *
lotse_article_hit_row_get_title (LotseArticleHitRow *self)
{
  g_return_val_if_fail (LOTSE_IS_ARTICLE_HIT_ROW (self), NULL);

  return gtk_label_get_text (self->title_label);
}

const char *
lotse_article_hit_row_get_category_label (LotseArticleHitRow *self)
{
  g_return_val_if_fail (LOTSE_IS_ARTICLE_HIT_ROW (self), NULL);

  return gtk_label_get_text (self->category_label);
}

/* The snippet's text as shown, without its markup; "" when hidden */
const char *
lotse_article_hit_row_get_snippet (LotseArticleHitRow *self)
{
  g_return_val_if_fail (LOTSE_IS_ARTICLE_HIT_ROW (self), NULL);

  if (!gtk_widget_get_visible (GTK_WIDGET (self->snippet_label)))
    return "";

  return gtk_label_get_text (self->snippet_label);
}
