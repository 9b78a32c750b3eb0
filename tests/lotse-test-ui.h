/* lotse-test-ui.h: driving, finding and waiting for the real widgets under Xvfb
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

typedef gboolean (*LotseTestCondition) (gpointer data);
typedef gboolean (*LotseTestMatch)     (GtkWidget     *widget,
                                        gconstpointer  data);

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
/* Turns the mouse wheel over (@x, @y) in @widget by @steps (down, or
 * up when negative), through the X server. */
void     lotse_test_scroll_at        (GtkWidget          *widget,
                                      double              x,
                                      double              y,
                                      int                 steps);
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

/* The first widget under @root (itself included) of @type for which
 * @match (nullable) holds, depth first. */
GtkWidget *lotse_test_find_widget_matching (GtkWidget      *root,
                                            GType           type,
                                            LotseTestMatch  match,
                                            gconstpointer   data);
gboolean   lotse_test_is_mapped          (GtkWidget          *widget,
                                          gconstpointer       data);
/* A mapped label with the text @data. */
gboolean   lotse_test_label_is           (GtkWidget          *widget,
                                          gconstpointer       data);
/* A shown toplevel other than @main: a message dialog by its heading, any
 * other window by its title. */
GtkWindow *lotse_test_find_dialog        (GtkWindow          *main,
                                          const char         *title);
GtkWindow *lotse_test_find_toplevel      (GType               type);
/* Destroys the toplevels other than @keep (nullable), one at a time: a
 * window takes its dialogs with it. */
void       lotse_test_destroy_toplevels  (GtkWindow          *keep);
/* Presses @accelerator ("<Control><Shift>e") on @window, which gets the
 * X input focus first; a key on the shifted level ("plus") takes Shift. */
void       lotse_test_press_keys         (GtkWindow          *window,
                                          const char         *accelerator);

G_END_DECLS
