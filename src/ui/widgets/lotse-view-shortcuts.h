/* lotse-view-shortcuts.h: a view's shortcuts, wherever the focus is
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

typedef struct
{
  const char *trigger;  /* as gtk_shortcut_trigger_parse_string() reads it */
  const char *action;   /* an action of the widget, e.g. "knowledge.new" */
} LotseViewShortcut;

void lotse_view_shortcuts_add (GtkWidget               *widget,
                               const LotseViewShortcut *shortcuts,
                               guint                    n_shortcuts);

G_END_DECLS
