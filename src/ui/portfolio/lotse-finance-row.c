/* lotse-finance-row.c: a row of the finance page's lists
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * An AdwPreferencesRow (so a preferences group lists it in its boxed
 * list, and its title is the row's) that looks as an AdwActionRow does
 * (title, subtitle, prefixes and suffixes, with libadwaita's style for a
 * row's header box) and costs a fraction
 * of its layout. AdwActionRow keeps its title and subtitle in a vertical
 * box inside its horizontal header box; GtkBox asks that box, and so the
 * wrapping labels, for the width they need at a given height, which
 * GtkLabel finds by laying its text out again at width after width (a
 * binary search, twice per frame): some 50 layouts per label, most of
 * the finance page's first frame. Here the labels are in a grid, which
 * asks a label only for its width and for its height at a width.
 */

#define G_LOG_DOMAIN "lotse-finance-page"

#include "config.h"

#include "lotse-finance-row.h"

struct _LotseFinanceRow
{
  AdwPreferencesRow  parent_instance;

  GtkBox        *prefixes;
  GtkLabel      *subtitle_label;
  GtkBox        *suffixes;
};

G_DEFINE_FINAL_TYPE (LotseFinanceRow, lotse_finance_row, ADW_TYPE_PREFERENCES_ROW)

/**
 * lotse_finance_row_new:
 * @title: the row's title, plain text
 * @subtitle: (nullable): its subtitle, plain text; none when %NULL or empty
 *
 * Returns: (transfer floating): a new row
 */
GtkWidget *
lotse_finance_row_new (const char *title,
                       const char *subtitle)
{
  LotseFinanceRow *self;

  g_return_val_if_fail (title != NULL, NULL);

  self = g_object_new (LOTSE_TYPE_FINANCE_ROW, "title", title, "use-markup", FALSE, NULL);
  gtk_label_set_text (self->subtitle_label, subtitle != NULL ? subtitle : "");
  gtk_widget_set_visible (GTK_WIDGET (self->subtitle_label), subtitle != NULL && *subtitle != '\0');

  return GTK_WIDGET (self);
}

const char *
lotse_finance_row_get_subtitle (LotseFinanceRow *self)
{
  g_return_val_if_fail (LOTSE_IS_FINANCE_ROW (self), NULL);

  return gtk_label_get_text (self->subtitle_label);
}

/**
 * lotse_finance_row_add_prefix:
 * @self: a row
 * @widget: (transfer floating): what to show before the title
 */
void
lotse_finance_row_add_prefix (LotseFinanceRow *self,
                              GtkWidget       *widget)
{
  g_return_if_fail (LOTSE_IS_FINANCE_ROW (self));
  g_return_if_fail (GTK_IS_WIDGET (widget));

  gtk_box_append (self->prefixes, widget);
  gtk_widget_set_visible (GTK_WIDGET (self->prefixes), TRUE);
}

/**
 * lotse_finance_row_add_suffix:
 * @self: a row
 * @widget: (transfer floating): what to show at the row's end
 */
void
lotse_finance_row_add_suffix (LotseFinanceRow *self,
                              GtkWidget       *widget)
{
  g_return_if_fail (LOTSE_IS_FINANCE_ROW (self));
  g_return_if_fail (GTK_IS_WIDGET (widget));

  gtk_box_append (self->suffixes, widget);
  gtk_widget_set_visible (GTK_WIDGET (self->suffixes), TRUE);
}

static void
lotse_finance_row_class_init (LotseFinanceRowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_set_template_from_resource (widget_class, "/app/lotse/Lotse/portfolio/lotse-finance-row.ui");
  gtk_widget_class_bind_template_child (widget_class, LotseFinanceRow, prefixes);
  gtk_widget_class_bind_template_child (widget_class, LotseFinanceRow, subtitle_label);
  gtk_widget_class_bind_template_child (widget_class, LotseFinanceRow, suffixes);
}

static void
lotse_finance_row_init (LotseFinanceRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
