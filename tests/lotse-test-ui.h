/* lotse-test-ui.h: driving the real widgets under Xvfb
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

typedef gboolean (*LotseTestCondition) (gpointer data);

/* Iterates the default main context until @condition holds, for at most
 * ten seconds; returns whether it held. */
gboolean lotse_test_wait_until       (LotseTestCondition  condition,
                                      gpointer            data);
void     lotse_test_iterate_idle     (void);
/* Until @widget's window has painted @n_frames more frames: a layout that
 * was pending is done. */
gboolean lotse_test_wait_frames      (GtkWidget          *widget,
                                      guint               n_frames);
/* Until the widget is mapped and has a size: it can be clicked. */
gboolean lotse_test_wait_shown       (GtkWidget          *widget);
/* A real click of the primary button in the middle of @widget, through
 * the X server (XTEST), as a person's mouse would do it; after the
 * double-click time since the last one, so clicks stay single clicks. */
void     lotse_test_click            (GtkWidget          *widget);
/* The same at (@x, @y) in @widget's coordinates */
void     lotse_test_click_at         (GtkWidget          *widget,
                                      double              x,
                                      double              y);
/* A real key press and release, with Control, Alt or Shift held as
 * @modifiers says, to the focused window, through the X server. */
void     lotse_test_press_key        (guint               keyval,
                                      GdkModifierType     modifiers);
/* The first widget below @root of @type whose (label) text is @text, or
 * of @type alone with @text NULL. */
GtkWidget *lotse_test_find_widget    (GtkWidget          *root,
                                      const char         *type_name,
                                      const char         *text);
/* Destroys every toplevel and lets their disposal run. */
void     lotse_test_destroy_windows  (void);

G_END_DECLS
