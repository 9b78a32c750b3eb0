/* lotse-portfolio-view.c: the projects of the programme
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lotse-portfolio-view"

#include "config.h"

#include <glib/gi18n.h>

#include "lotse-portfolio-view.h"

struct _LotsePortfolioView
{
  LotseView    parent_instance;

  GtkStack    *stack;
  GtkListView *list_view;
};

G_DEFINE_FINAL_TYPE (LotsePortfolioView, lotse_portfolio_view, LOTSE_TYPE_VIEW)

static const char *
health_dot_class (const char *health)
{
  if (g_strcmp0 (health, "green") == 0)
    return "health-green";
  if (g_strcmp0 (health, "yellow") == 0)
    return "health-yellow";
  if (g_strcmp0 (health, "red") == 0)
    return "health-red";
  return NULL;
}

static void
bind_project (LotseRecordRow *row,
              LotseRecord    *project,
              gpointer        user_data)
{
  const char *acronym = lotse_record_get (project, "acronym");
  const char *status = lotse_enum_value_label ("project", "status",
                                              lotse_record_get (project, "status"));
  const char *health = lotse_record_get (project, "health");
  g_autofree char *subtitle = NULL;

  if (acronym != NULL && *acronym != '\0')
    /* Translators: the acronym and the status of a project in the list,
     * e.g. "KIWI · Running" */
    subtitle = g_strdup_printf (_("%s · %s"), acronym, status);
  else
    subtitle = g_strdup (status);

  lotse_record_row_set_title (row, lotse_record_get (project, "title"));
  lotse_record_row_set_subtitle (row, subtitle);
  lotse_record_row_set_badge (row,
                              lotse_enum_value_label ("project", "health", health),
                              health_dot_class (health));
}

static void
lotse_portfolio_view_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), LOTSE_TYPE_PORTFOLIO_VIEW);

  G_OBJECT_CLASS (lotse_portfolio_view_parent_class)->dispose (object);
}

static void
lotse_portfolio_view_class_init (LotsePortfolioViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lotse_portfolio_view_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/app/lotse/Lotse/portfolio/lotse-portfolio-view.ui");
  gtk_widget_class_bind_template_child (widget_class, LotsePortfolioView, stack);
  gtk_widget_class_bind_template_child (widget_class, LotsePortfolioView, list_view);
}

static void
lotse_portfolio_view_init (LotsePortfolioView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  lotse_view_show_records (LOTSE_VIEW (self), self->stack, self->list_view,
                           "project", "title", bind_project);
}
