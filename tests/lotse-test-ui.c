/* lotse-test-ui.c: waiting for, finding and typing into real widgets
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <gdk/x11/gdkx.h>
#include <X11/extensions/XTest.h>
#include <X11/XKBlib.h>

#include "lotse-test-ui.h"

#define WAIT_USEC (15 * G_USEC_PER_SEC)

void
lotse_test_iterate_until_idle (void)
{
  gint64 deadline = g_get_monotonic_time () + WAIT_USEC;

  while (g_main_context_pending (NULL) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, FALSE);
}

gboolean
lotse_test_wait_until (LotseTestCondition condition,
                       gpointer           data)
{
  gint64 deadline = g_get_monotonic_time () + WAIT_USEC;

  while (!condition (data))
    {
      if (g_get_monotonic_time () > deadline)
        return FALSE;
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (2000);
    }

  return TRUE;
}

GtkWidget *
lotse_test_find_widget (GtkWidget      *root,
                        GType           type,
                        LotseTestMatch  match,
                        gconstpointer   data)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type) && (match == NULL || match (root, data)))
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = lotse_test_find_widget (child, type, match, data);

      if (found != NULL)
        return found;
    }

  return NULL;
}

gboolean
lotse_test_is_mapped (GtkWidget     *widget,
                      gconstpointer  data)
{
  return gtk_widget_get_mapped (widget);
}

gboolean
lotse_test_label_is (GtkWidget     *widget,
                     gconstpointer  data)
{
  return GTK_IS_LABEL (widget) && gtk_widget_get_mapped (widget) &&
         g_str_equal (gtk_label_get_text (GTK_LABEL (widget)), data);
}

GtkWindow *
lotse_test_find_dialog (GtkWindow  *main,
                        const char *title)
{
  g_autoptr(GList) toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l != NULL; l = l->next)
    {
      GtkWindow *window = l->data;
      const char *text = ADW_IS_MESSAGE_DIALOG (window) ? adw_message_dialog_get_heading (l->data)
                                                       : gtk_window_get_title (window);

      if (window != main && gtk_widget_get_visible (l->data) && g_strcmp0 (text, title) == 0)
        return window;
    }

  return NULL;
}

GtkWindow *
lotse_test_find_toplevel (GType type)
{
  g_autoptr(GList) toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (G_TYPE_CHECK_INSTANCE_TYPE (l->data, type) && gtk_widget_get_visible (l->data))
      return l->data;

  return NULL;
}

void
lotse_test_destroy_toplevels (GtkWindow *keep)
{
  for (;;)
    {
      g_autoptr(GList) toplevels = gtk_window_list_toplevels ();
      GList *l = toplevels;

      while (l != NULL && l->data == (gpointer) keep)
        l = l->next;
      if (l == NULL)
        break;
      gtk_window_destroy (l->data);
      lotse_test_iterate_until_idle ();
    }
}

static void
fake_key (Display *display,
          KeySym   keysym,
          gboolean press)
{
  KeyCode code = XKeysymToKeycode (display, keysym);

  g_assert_cmpuint (code, !=, 0);
  XTestFakeKeyEvent (display, code, press, CurrentTime);
}

/* Modifiers down, key down and up, modifiers up, as a person types. A key
 * whose symbol sits on the shifted level ("plus") takes Shift too. */
void
lotse_test_press_keys (GtkWindow  *window,
                       const char *accelerator)
{
  Display *display = gdk_x11_display_get_xdisplay (gtk_widget_get_display (GTK_WIDGET (window)));
  KeySym modifier_keys[3] = { NoSymbol, NoSymbol, NoSymbol };
  GdkModifierType modifiers;
  guint keyval;
  KeyCode code;

  g_assert_true (gtk_accelerator_parse (accelerator, &keyval, &modifiers));
  code = XKeysymToKeycode (display, keyval);
  g_assert_cmpuint (code, !=, 0);
  if (XkbKeycodeToKeysym (display, code, 0, 0) != keyval && XkbKeycodeToKeysym (display, code, 0, 1) == keyval)
    modifiers |= GDK_SHIFT_MASK;
  if (modifiers & GDK_CONTROL_MASK)
    modifier_keys[0] = XK_Control_L;
  if (modifiers & GDK_SHIFT_MASK)
    modifier_keys[1] = XK_Shift_L;
  if (modifiers & GDK_ALT_MASK)
    modifier_keys[2] = XK_Alt_L;

  /* Keys go to the window with the X focus; without a window manager
   * nobody gives it back after a dialog. */
  gtk_window_present (window);
  XSetInputFocus (display, gdk_x11_surface_get_xid (gtk_native_get_surface (GTK_NATIVE (window))),
                  RevertToParent, CurrentTime);
  XSync (display, False);
  lotse_test_iterate_until_idle ();

  for (guint i = 0; i < G_N_ELEMENTS (modifier_keys); i++)
    if (modifier_keys[i] != NoSymbol)
      fake_key (display, modifier_keys[i], TRUE);
  XTestFakeKeyEvent (display, code, True, CurrentTime);
  XTestFakeKeyEvent (display, code, False, CurrentTime);
  for (guint i = G_N_ELEMENTS (modifier_keys); i > 0; i--)
    if (modifier_keys[i - 1] != NoSymbol)
      fake_key (display, modifier_keys[i - 1], FALSE);
  XSync (display, False);
  lotse_test_iterate_until_idle ();
}
