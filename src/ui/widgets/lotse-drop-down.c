/* lotse-drop-down.c: drop-downs that fit a phone's width
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * GtkDropDown's own factory shows the chosen item in a label that never
 * shortens, so one long project title or a long German label makes the
 * whole window wider than 360 px. Here the button's label ellipsizes,
 * while the list that opens keeps the full names.
 */

#define G_LOG_DOMAIN "lotse-drop-down"

#include "config.h"

#include "lotse-drop-down.h"

/* The item's text, through the drop-down's expression like GTK does. */
static char *
item_text (GtkDropDown *drop_down,
           gpointer     item)
{
  GtkExpression *expression = gtk_drop_down_get_expression (drop_down);
  g_auto(GValue) value = G_VALUE_INIT;

  if (expression != NULL && gtk_expression_evaluate (expression, item, &value) &&
      G_VALUE_HOLDS_STRING (&value))
    return g_value_dup_string (&value);

  if (GTK_IS_STRING_OBJECT (item))
    return g_strdup (gtk_string_object_get_string (item));

  return g_strdup ("");
}

static void
setup_label (GtkSignalListItemFactory *factory,
             GtkListItem              *item,
             gpointer                  user_data)
{
  GtkWidget *label = gtk_label_new (NULL);
  int width_chars = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (factory), "lotse-width-chars"));

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  if (width_chars > 0)
    {
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      gtk_label_set_width_chars (GTK_LABEL (label), width_chars);
    }
  gtk_list_item_set_child (item, label);
}

static void
bind_label (GtkSignalListItemFactory *factory,
            GtkListItem              *item,
            GtkDropDown              *drop_down)
{
  g_autofree char *text = item_text (drop_down, gtk_list_item_get_item (item));
  GtkWidget *label = gtk_list_item_get_child (item);

  gtk_label_set_text (GTK_LABEL (label), text);
  /* The full text where the button shortens it. */
  gtk_widget_set_tooltip_text (label, gtk_label_get_ellipsize (GTK_LABEL (label)) ? text : NULL);
}

static GtkListItemFactory *
label_factory_new (GtkDropDown *drop_down,
                   int          width_chars)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

  g_object_set_data (G_OBJECT (factory), "lotse-width-chars", GINT_TO_POINTER (width_chars));
  g_signal_connect (factory, "setup", G_CALLBACK (setup_label), NULL);
  /* The factory belongs to the drop-down: no reference back. */
  g_signal_connect (factory, "bind", G_CALLBACK (bind_label), drop_down);

  return factory;
}

/**
 * lotse_drop_down_ellipsize:
 * @drop_down: a drop-down showing strings (a #GtkStringList or an expression)
 * @width_chars: the narrowest the button's label gets, in characters
 *
 * Lets the button's label shorten with an ellipsis (the full text in a
 * tooltip) down to @width_chars; the list keeps the full names.
 */
void
lotse_drop_down_ellipsize (GtkDropDown *drop_down,
                           int          width_chars)
{
  g_autoptr(GtkListItemFactory) factory = NULL;
  g_autoptr(GtkListItemFactory) list_factory = NULL;

  g_return_if_fail (GTK_IS_DROP_DOWN (drop_down));
  g_return_if_fail (width_chars > 0);

  factory = label_factory_new (drop_down, width_chars);
  list_factory = label_factory_new (drop_down, 0);
  gtk_drop_down_set_factory (drop_down, factory);
  gtk_drop_down_set_list_factory (drop_down, list_factory);
}
