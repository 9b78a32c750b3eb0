/* lotse-portfolio-cell.c: a cell of the portfolio's table
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The text of a row's column (lotse_portfolio_table_item_dup_text(), the
 * same as export and print take), right-aligned for numbers, and for the
 * traffic light, overdue milestones and an overspent budget an icon.
 */

#define G_LOG_DOMAIN "lotse-portfolio-cell"

#include "config.h"

#include "lotse-portfolio-cell.h"
#include "lotse-project-row.h"

struct _LotsePortfolioCell
{
  GtkBox                parent_instance;

  LotsePortfolioColumn  column;

  GtkImage             *icon;
  GtkLabel             *label;
};

G_DEFINE_FINAL_TYPE (LotsePortfolioCell, lotse_portfolio_cell, GTK_TYPE_BOX)

static gboolean
query_cell_tooltip (GtkWidget  *label,
                    int         x,
                    int         y,
                    gboolean    keyboard,
                    GtkTooltip *tooltip,
                    gpointer    user_data)
{
  if (!pango_layout_is_ellipsized (gtk_label_get_layout (GTK_LABEL (label))))
    return FALSE;

  gtk_tooltip_set_text (tooltip, gtk_label_get_text (GTK_LABEL (label)));
  return TRUE;
}

static void
lotse_portfolio_cell_class_init (LotsePortfolioCellClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/app/lotse/Lotse/portfolio/lotse-portfolio-cell.ui");
  gtk_widget_class_bind_template_child (widget_class, LotsePortfolioCell, icon);
  gtk_widget_class_bind_template_child (widget_class, LotsePortfolioCell, label);
  gtk_widget_class_bind_template_callback (widget_class, query_cell_tooltip);
}

static void
lotse_portfolio_cell_init (LotsePortfolioCell *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
lotse_portfolio_cell_new (LotsePortfolioColumn column)
{
  LotsePortfolioCell *self = g_object_new (LOTSE_TYPE_PORTFOLIO_CELL, NULL);

  self->column = column;
  if (column == LOTSE_PORTFOLIO_COLUMN_OVERDUE || column == LOTSE_PORTFOLIO_COLUMN_BUDGET)
    {
      gtk_label_set_xalign (self->label, 1.0f);
      gtk_widget_add_css_class (GTK_WIDGET (self->icon), "overdue-icon");
    }
  else if (column == LOTSE_PORTFOLIO_COLUMN_HEALTH)
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->icon), "health-icon");
      gtk_widget_set_visible (GTK_WIDGET (self->icon), TRUE);
    }

  return GTK_WIDGET (self);
}

static void
show_health (LotsePortfolioCell *self,
             const char         *health)
{
  GtkWidget *icon = GTK_WIDGET (self->icon);
  const char *css = lotse_project_health_css_class (health);

  gtk_image_set_from_icon_name (self->icon, lotse_project_health_icon_name (health));
  gtk_widget_remove_css_class (icon, "health-green");
  gtk_widget_remove_css_class (icon, "health-yellow");
  gtk_widget_remove_css_class (icon, "health-red");
  if (css != NULL)
    gtk_widget_add_css_class (icon, css);
}

/* An overdue milestone or an overspent budget: the icon, and the cell in
 * the colour of everything overdue */
static void
show_warning (LotsePortfolioCell *self,
              const char         *icon_name,
              gboolean            warning)
{
  gtk_image_set_from_icon_name (self->icon, icon_name);
  gtk_widget_set_visible (GTK_WIDGET (self->icon), warning);
  if (warning)
    gtk_widget_add_css_class (GTK_WIDGET (self), "overdue");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self), "overdue");
}

void
lotse_portfolio_cell_bind (LotsePortfolioCell      *self,
                           LotsePortfolioTableItem *item)
{
  const LotseProjectTableRow *row = lotse_portfolio_table_item_get_row (item);
  g_autofree char *text = lotse_portfolio_table_item_dup_text (item, self->column);

  gtk_label_set_text (self->label, text);

  if (self->column == LOTSE_PORTFOLIO_COLUMN_HEALTH)
    show_health (self, row->health);
  else if (self->column == LOTSE_PORTFOLIO_COLUMN_OVERDUE)
    show_warning (self, "alarm-symbolic", row->n_overdue > 0);
  else if (self->column == LOTSE_PORTFOLIO_COLUMN_BUDGET)
    show_warning (self, "dialog-warning-symbolic", lotse_portfolio_table_item_get_overspent (item));
}
