/* lotse-record-row.c: one row of a record list
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A title, a dim subtitle and an optional badge at the end: a short text,
 * optionally led by a coloured dot. The dot never carries meaning alone;
 * the badge text says the same in words.
 */

#define G_LOG_DOMAIN "lotse-record-row"

#include "config.h"

#include "lotse-record-row.h"

struct _LotseRecordRow
{
  GtkWidget  parent_instance;

  GtkLabel  *title_label;
  GtkLabel  *subtitle_label;
  GtkWidget *badge;
  GtkWidget *dot;
  GtkLabel  *badge_label;
};

G_DEFINE_FINAL_TYPE (LotseRecordRow, lotse_record_row, GTK_TYPE_WIDGET)

static void
lotse_record_row_dispose (GObject *object)
{
  GtkWidget *child;

  /* Not gtk_widget_dispose_template(): the project row adds its conflict
   * badge to the row, and the text box has no name to be disposed by. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (lotse_record_row_parent_class)->dispose (object);
}

static void
lotse_record_row_class_init (LotseRecordRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lotse_record_row_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/app/lotse/Lotse/widgets/lotse-record-row.ui");
  gtk_widget_class_bind_template_child (widget_class, LotseRecordRow, title_label);
  gtk_widget_class_bind_template_child (widget_class, LotseRecordRow, subtitle_label);
  gtk_widget_class_bind_template_child (widget_class, LotseRecordRow, badge);
  gtk_widget_class_bind_template_child (widget_class, LotseRecordRow, dot);
  gtk_widget_class_bind_template_child (widget_class, LotseRecordRow, badge_label);
  gtk_widget_class_set_css_name (widget_class, "record-row");
}

static void
lotse_record_row_init (LotseRecordRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * lotse_record_row_new:
 *
 * Returns: (transfer floating): a new, empty row
 */
GtkWidget *
lotse_record_row_new (void)
{
  return g_object_new (LOTSE_TYPE_RECORD_ROW, NULL);
}

void
lotse_record_row_set_title (LotseRecordRow *self,
                            const char     *title)
{
  g_return_if_fail (LOTSE_IS_RECORD_ROW (self));

  gtk_label_set_text (self->title_label, title != NULL ? title : "");
}

void
lotse_record_row_set_subtitle (LotseRecordRow *self,
                               const char     *subtitle)
{
  g_return_if_fail (LOTSE_IS_RECORD_ROW (self));

  gtk_label_set_text (self->subtitle_label, subtitle != NULL ? subtitle : "");
  gtk_widget_set_visible (GTK_WIDGET (self->subtitle_label),
                          subtitle != NULL && *subtitle != '\0');
}

/**
 * lotse_record_row_set_badge:
 * @self: a #LotseRecordRow
 * @text: (nullable): the badge text; %NULL or empty hides the badge
 * @dot_class: (nullable): a CSS class that colours the dot before the text,
 *   such as "health-green"; %NULL shows no dot
 */
void
lotse_record_row_set_badge (LotseRecordRow *self,
                            const char     *text,
                            const char     *dot_class)
{
  g_return_if_fail (LOTSE_IS_RECORD_ROW (self));

  gtk_label_set_text (self->badge_label, text != NULL ? text : "");
  gtk_widget_set_visible (self->badge, text != NULL && *text != '\0');

  if (dot_class != NULL)
    {
      const char *classes[] = { "status-dot", dot_class, NULL };

      gtk_widget_set_css_classes (self->dot, classes);
    }
  gtk_widget_set_visible (self->dot, dot_class != NULL);
}

const char *
lotse_record_row_get_title (LotseRecordRow *self)
{
  g_return_val_if_fail (LOTSE_IS_RECORD_ROW (self), NULL);

  return gtk_label_get_text (self->title_label);
}

const char *
lotse_record_row_get_subtitle (LotseRecordRow *self)
{
  g_return_val_if_fail (LOTSE_IS_RECORD_ROW (self), NULL);

  return gtk_label_get_text (self->subtitle_label);
}

const char *
lotse_record_row_get_badge (LotseRecordRow *self)
{
  g_return_val_if_fail (LOTSE_IS_RECORD_ROW (self), NULL);

  return gtk_label_get_text (self->badge_label);
}

typedef struct
{
  LotseRecordRowBindFunc bind_func;
  gpointer               user_data;
} FactoryBinding;

static void
factory_setup_cb (GtkSignalListItemFactory *factory,
                  GtkListItem              *list_item,
                  gpointer                  user_data)
{
  gtk_list_item_set_child (list_item, lotse_record_row_new ());
}

static void
factory_bind_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *list_item,
                 gpointer                  user_data)
{
  FactoryBinding *binding = user_data;
  LotseRecordRow *row = LOTSE_RECORD_ROW (gtk_list_item_get_child (list_item));
  LotseRecord *record = gtk_list_item_get_item (list_item);

  g_assert (LOTSE_IS_RECORD (record));

  binding->bind_func (row, record, binding->user_data);
}

/**
 * lotse_record_row_factory_new:
 * @bind_func: fills a row from a record
 * @user_data: passed to @bind_func; must outlive the factory
 *
 * A list item factory for a list of #LotseRecord that shows each record in a
 * #LotseRecordRow.
 *
 * Returns: (transfer full): a new factory
 */
GtkListItemFactory *
lotse_record_row_factory_new (LotseRecordRowBindFunc bind_func,
                              gpointer               user_data)
{
  GtkListItemFactory *factory;
  FactoryBinding *binding;

  g_return_val_if_fail (bind_func != NULL, NULL);

  binding = g_new0 (FactoryBinding, 1);
  binding->bind_func = bind_func;
  binding->user_data = user_data;

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (factory_setup_cb), NULL);
  g_signal_connect_data (factory, "bind", G_CALLBACK (factory_bind_cb),
                         binding, (GClosureNotify) G_CALLBACK (g_free), 0);

  return factory;
}
