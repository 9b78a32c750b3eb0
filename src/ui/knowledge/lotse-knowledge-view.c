/* lotse-knowledge-view.c: the knowledge base of best practices and lessons learned
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lotse-knowledge-view"

#include "config.h"

#include "lotse-knowledge-view.h"

struct _LotseKnowledgeView
{
  LotseView    parent_instance;

  GtkStack    *stack;
  GtkListView *list_view;
};

G_DEFINE_FINAL_TYPE (LotseKnowledgeView, lotse_knowledge_view, LOTSE_TYPE_VIEW)

static void
bind_article (LotseRecordRow *row,
              LotseRecord    *article,
              gpointer        user_data)
{
  const char *category = lotse_record_get (article, "category");

  lotse_record_row_set_title (row, lotse_record_get (article, "title"));
  lotse_record_row_set_subtitle (row, lotse_record_get (article, "summary"));
  lotse_record_row_set_badge (row, lotse_enum_value_label ("article", "category", category), NULL);
}

static void
lotse_knowledge_view_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), LOTSE_TYPE_KNOWLEDGE_VIEW);

  G_OBJECT_CLASS (lotse_knowledge_view_parent_class)->dispose (object);
}

static void
lotse_knowledge_view_class_init (LotseKnowledgeViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lotse_knowledge_view_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/app/lotse/Lotse/knowledge/lotse-knowledge-view.ui");
  gtk_widget_class_bind_template_child (widget_class, LotseKnowledgeView, stack);
  gtk_widget_class_bind_template_child (widget_class, LotseKnowledgeView, list_view);
}

static void
lotse_knowledge_view_init (LotseKnowledgeView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  lotse_view_show_records (LOTSE_VIEW (self), self->stack, self->list_view,
                           "article", "title", bind_article);
}
