/* lotse-view-shortcuts.c: a view's shortcuts, wherever the focus is
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The shortcuts window lists a view's keys for the view as a whole: Ctrl+N
 * in the knowledge view makes an article also when the focus is on the
 * view switcher the user has just clicked. Key bindings of the view's
 * class see only keys that arrive while the focus is inside the view, so
 * the keys are shortcuts of the window instead (global scope) for as long
 * as the view is shown, and of nobody when it is not: views can use the
 * same keys. A disabled action lets its key go on to the next handler.
 */

#define G_LOG_DOMAIN "lotse-view-shortcuts"

#include "config.h"

#include "lotse-view-shortcuts.h"

static void
follow_mapping (GtkWidget             *widget,
                GtkShortcutController *controller)
{
  gtk_shortcut_controller_set_scope (controller, gtk_widget_get_mapped (widget) ? GTK_SHORTCUT_SCOPE_GLOBAL
                                                                                 : GTK_SHORTCUT_SCOPE_LOCAL);
}

/**
 * lotse_view_shortcuts_add:
 * @widget: a view or a panel with the actions
 * @shortcuts: (array length=n_shortcuts): the keys and the actions they run
 * @n_shortcuts: the number of @shortcuts
 *
 * Makes @shortcuts work in the whole window while @widget is shown.
 */
void
lotse_view_shortcuts_add (GtkWidget               *widget,
                          const LotseViewShortcut *shortcuts,
                          guint                    n_shortcuts)
{
  GtkEventController *controller;

  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (shortcuts != NULL || n_shortcuts == 0);

  controller = gtk_shortcut_controller_new ();
  for (guint i = 0; i < n_shortcuts; i++)
    {
      GtkShortcutTrigger *trigger = gtk_shortcut_trigger_parse_string (shortcuts[i].trigger);

      g_return_if_fail (trigger != NULL);
      gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (controller),
                                            gtk_shortcut_new (trigger, gtk_named_action_new (shortcuts[i].action)));
    }
  gtk_widget_add_controller (widget, controller);

  g_signal_connect_object (widget, "map", G_CALLBACK (follow_mapping), controller, 0);
  g_signal_connect_object (widget, "unmap", G_CALLBACK (follow_mapping), controller, 0);
  follow_mapping (widget, GTK_SHORTCUT_CONTROLLER (controller));
}
