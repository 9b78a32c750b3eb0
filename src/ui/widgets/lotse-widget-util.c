/* lotse-widget-util.c: what a widget finds through the widgets it is in
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A view shows toasts in the nearest toast overlay it sits in and reads
 * the store of the window it is in, without knowing the window's type:
 * views do not include lotse-window.h (tests/check-includes.sh holds the
 * line). A toast is an object here, not an action's text parameter,
 * because an undo toast carries its button and the callback behind it.
 */

#define G_LOG_DOMAIN "lotse-widget-util"

#include "config.h"

#include "lotse-widget-util.h"

static GtkWidget *
find_overlay_below (GtkWidget *widget)
{
  if (ADW_IS_TOAST_OVERLAY (widget))
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *overlay = find_overlay_below (child);

      if (overlay != NULL)
        return overlay;
    }

  return NULL;
}

/**
 * lotse_widget_add_toast:
 * @widget: a widget in a window, or the window
 * @toast: (transfer full): the toast
 *
 * Shows @toast in the nearest #AdwToastOverlay that holds @widget, or for
 * a widget outside one (the window itself, for its actions) the first
 * overlay of its window. A widget in no window with an overlay logs the
 * toast's title instead.
 */
void
lotse_widget_add_toast (GtkWidget *widget,
                        AdwToast  *toast)
{
  GtkWidget *overlay;

  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (ADW_IS_TOAST (toast));

  overlay = gtk_widget_get_ancestor (widget, ADW_TYPE_TOAST_OVERLAY);
  if (overlay == NULL && gtk_widget_get_root (widget) != NULL)
    overlay = find_overlay_below (GTK_WIDGET (gtk_widget_get_root (widget)));
  if (overlay == NULL)
    {
      g_message ("%s", adw_toast_get_title (toast));
      g_object_unref (g_object_ref_sink (toast));
      return;
    }

  adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), toast);
}

/**
 * lotse_widget_show_toast:
 * @widget: a widget in a window
 * @message: what the toast says, as plain text
 *
 * Shows @message in a toast of its own (lotse_widget_add_toast()).
 */
void
lotse_widget_show_toast (GtkWidget  *widget,
                         const char *message)
{
  g_autofree char *escaped = NULL;

  g_return_if_fail (message != NULL);

  /* A toast's title is markup; a message may name “Forschung & Entwicklung”. */
  escaped = g_markup_escape_text (message, -1);
  lotse_widget_add_toast (widget, adw_toast_new (escaped));
}

/**
 * lotse_widget_get_store:
 * @widget: a widget
 *
 * Returns: (transfer none) (nullable): the store of @widget's window (its
 *   "store" property), or %NULL outside such a window
 */
LotseStore *
lotse_widget_get_store (GtkWidget *widget)
{
  GtkRoot *root;
  GParamSpec *pspec;
  LotseStore *store = NULL;

  g_return_val_if_fail (GTK_IS_WIDGET (widget), NULL);

  root = gtk_widget_get_root (widget);
  if (root == NULL)
    return NULL;
  pspec = g_object_class_find_property (G_OBJECT_GET_CLASS (root), "store");
  if (pspec == NULL || pspec->value_type != LOTSE_TYPE_STORE)
    return NULL;

  /* Transfer none: the window keeps its store. */
  g_object_get (root, "store", &store, NULL);
  if (store != NULL)
    g_object_unref (store);
  return store;
}
