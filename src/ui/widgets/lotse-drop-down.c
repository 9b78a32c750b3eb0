/* lotse-drop-down.c: drop-downs that fit a phone's width
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * GtkDropDown's own factory shows the chosen item in a label that never
 * shortens, so one long project title or a long German label makes the
 * whole window wider than 360 px. Here the button's label ellipsizes,
 * while the list that opens keeps the full names.
 *
 * AdwComboRow (libadwaita 1.2) does the opposite: its factory cuts every
 * name after 20 characters, in the row and in the list that opens
 * ("SMART REGION Emsch…" beside empty space). Its rows here show the
 * chosen name as wide as the row allows, and the list the full names.
 */

#define G_LOG_DOMAIN "lotse-drop-down"

#include "config.h"

#include "lotse-drop-down.h"

/* The item's text, through the widget's expression like GTK does. */
static char *
item_text (GtkExpression *expression,
           gpointer       item)
{
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
  g_autofree char *text = item_text (gtk_drop_down_get_expression (drop_down),
                                    gtk_list_item_get_item (item));
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

/* Combo rows */

static void
setup_current (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               gpointer                  user_data)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_widget_set_valign (label, GTK_ALIGN_CENTER);
  gtk_list_item_set_child (item, label);
}

static void
bind_current (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              AdwComboRow              *row)
{
  g_autofree char *text = item_text (adw_combo_row_get_expression (row), gtk_list_item_get_item (item));

  gtk_label_set_text (GTK_LABEL (gtk_list_item_get_child (item)), text);
}

/* The list: the full name, wrapped if it must, and the check mark of the
 * chosen one, as libadwaita's own list shows it. */
static void
setup_choice (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              gpointer                  user_data)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 60);
  gtk_widget_set_valign (label, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), gtk_image_new_from_icon_name ("object-select-symbolic"));
  gtk_list_item_set_child (item, box);
}

static void
update_check (AdwComboRow *row,
              GParamSpec  *pspec,
              GtkListItem *item)
{
  GtkWidget *check = gtk_widget_get_last_child (gtk_list_item_get_child (item));

  gtk_widget_set_opacity (check, adw_combo_row_get_selected_item (row) == gtk_list_item_get_item (item));
}

static void
bind_choice (GtkSignalListItemFactory *factory,
             GtkListItem              *item,
             AdwComboRow              *row)
{
  g_autofree char *text = item_text (adw_combo_row_get_expression (row), gtk_list_item_get_item (item));
  GtkWidget *label = gtk_widget_get_first_child (gtk_list_item_get_child (item));

  gtk_label_set_text (GTK_LABEL (label), text);
  g_signal_connect (row, "notify::selected-item", G_CALLBACK (update_check), item);
  update_check (row, NULL, item);
}

static void
unbind_choice (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               AdwComboRow              *row)
{
  g_signal_handlers_disconnect_by_func (row, update_check, item);
}

/**
 * lotse_combo_row_show_full_names:
 * @row: a combo row showing strings (a #GtkStringList or an expression)
 *
 * Lets the row show the chosen name as wide as it has room for (shortened
 * with an ellipsis only when it must) and the list that opens show the
 * full names.
 */
void
lotse_combo_row_show_full_names (AdwComboRow *row)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
  g_autoptr(GtkListItemFactory) list_factory = gtk_signal_list_item_factory_new ();

  g_return_if_fail (ADW_IS_COMBO_ROW (row));

  /* The factories belong to the row: no reference back. */
  g_signal_connect (factory, "setup", G_CALLBACK (setup_current), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_current), row);
  g_signal_connect (list_factory, "setup", G_CALLBACK (setup_choice), NULL);
  g_signal_connect (list_factory, "bind", G_CALLBACK (bind_choice), row);
  g_signal_connect (list_factory, "unbind", G_CALLBACK (unbind_choice), row);
  adw_combo_row_set_factory (row, factory);
  adw_combo_row_set_list_factory (row, list_factory);
}
