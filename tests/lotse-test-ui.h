/* lotse-test-ui.h: waiting for, finding and typing into real widgets
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

typedef gboolean (*LotseTestCondition) (gpointer data);
typedef gboolean (*LotseTestMatch)     (GtkWidget     *widget,
                                        gconstpointer  data);

/* Iterates the default main context until nothing is pending. */
void       lotse_test_iterate_until_idle (void);
/* Iterates until @condition holds; FALSE when 15 s have passed first. */
gboolean   lotse_test_wait_until         (LotseTestCondition  condition,
                                          gpointer            data);
/* The first widget under @root (itself included) of @type for which
 * @match (nullable) holds, depth first. */
GtkWidget *lotse_test_find_widget        (GtkWidget          *root,
                                          GType               type,
                                          LotseTestMatch      match,
                                          gconstpointer       data);
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
/* Presses @accelerator ("<Control><Shift>e") through the X server (XTest)
 * on @window, which gets the input focus first: the event takes GTK's
 * whole way, as a person's key does. */
void       lotse_test_press_keys         (GtkWindow          *window,
                                          const char         *accelerator);

G_END_DECLS
