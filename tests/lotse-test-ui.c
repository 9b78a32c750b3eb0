/* lotse-test-ui.c: driving the real widgets under Xvfb
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * GTK 4 has no way to make input events for a test; a person's clicks and
 * keys come from the X server. XTEST makes the Xvfb server send them, so
 * a click goes through GTK's event handling and the widget's gestures as
 * a real one does (a column header's click sorts, a toggle toggles).
 */

#include "config.h"

#include <adwaita.h>
#include <gdk/x11/gdkx.h>
#include <X11/extensions/XTest.h>
#include <X11/XKBlib.h>

#include "lotse-test-ui.h"

#define WAIT_USEC (10 * G_USEC_PER_SEC)

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
        g_usleep (1000);
    }

  return TRUE;
}

void
lotse_test_iterate_idle (void)
{
  gint64 deadline = g_get_monotonic_time () + WAIT_USEC;

  while (g_main_context_pending (NULL) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, FALSE);
}

typedef struct
{
  GtkWidget *widget;
  guint      painted;
  guint      wanted;
} FrameWait;

/* A drawn widget asks for no further frame by itself: each frame asks
 * for the next one until enough were painted. */
static void
after_paint_cb (GdkFrameClock *clock,
                FrameWait     *wait)
{
  wait->painted++;
  if (wait->painted < wait->wanted)
    gtk_widget_queue_draw (wait->widget);
}

static gboolean
frames_painted (gpointer data)
{
  FrameWait *wait = data;

  return wait->painted >= wait->wanted;
}

gboolean
lotse_test_wait_frames (GtkWidget *widget,
                        guint      n_frames)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (widget);
  FrameWait wait = { widget, 0, n_frames };
  gboolean ok;
  gulong id;

  g_assert_nonnull (clock);
  id = g_signal_connect (clock, "after-paint", G_CALLBACK (after_paint_cb), &wait);
  gtk_widget_queue_draw (widget);
  ok = lotse_test_wait_until (frames_painted, &wait);
  g_signal_handler_disconnect (clock, id);

  return ok;
}

static gboolean
is_shown (gpointer data)
{
  GtkWidget *widget = data;

  return gtk_widget_get_mapped (widget) && gtk_widget_get_width (widget) > 0 &&
         gtk_widget_get_height (widget) > 0;
}

gboolean
lotse_test_wait_shown (GtkWidget *widget)
{
  return lotse_test_wait_until (is_shown, widget);
}

static Display *
x_display (void)
{
  GdkDisplay *display = gdk_display_get_default ();

  g_assert_true (GDK_IS_X11_DISPLAY (display));

  return gdk_x11_display_get_xdisplay (display);
}

static gint64 last_click;

/* A second click within the double-click time would be a double click. */
static gboolean
double_click_time_passed (gpointer data)
{
  int double_click_ms = 400;

  g_object_get (gtk_settings_get_default (), "gtk-double-click-time", &double_click_ms, NULL);

  return g_get_monotonic_time () - last_click > (double_click_ms + 50) * 1000;
}

void
lotse_test_click (GtkWidget *widget)
{
  g_assert_true (lotse_test_wait_shown (widget));
  lotse_test_click_at (widget, gtk_widget_get_width (widget) / 2.0, gtk_widget_get_height (widget) / 2.0);
}

/* Moves the pointer to (@x, @y) in @widget, through the X server. */
static void
move_pointer_to (GtkWidget *widget,
                 double     x,
                 double     y)
{
  GtkNative *native;
  GdkSurface *surface;
  graphene_point_t point;
  double sx, sy;
  int root_x, root_y;
  Window child;
  Display *dpy = x_display ();

  /* Where the widget is drawn now, not before a pending layout */
  g_assert_true (lotse_test_wait_frames (widget, 2));

  native = gtk_widget_get_native (widget);
  surface = gtk_native_get_surface (native);
  g_assert_true (gtk_widget_compute_point (widget, GTK_WIDGET (native),
                                           &GRAPHENE_POINT_INIT ((float) x, (float) y), &point));
  gtk_native_get_surface_transform (native, &sx, &sy);
  XTranslateCoordinates (dpy, gdk_x11_surface_get_xid (surface), DefaultRootWindow (dpy),
                         (int) (point.x + sx), (int) (point.y + sy), &root_x, &root_y, &child);

  XTestFakeMotionEvent (dpy, -1, root_x, root_y, CurrentTime);
}

/* The pointer does not stay on a window: a later test's window under it
 * would get hover and tooltip timeouts of its own. */
static void
move_pointer_away (void)
{
  Display *dpy = x_display ();

  XTestFakeMotionEvent (dpy, -1, DisplayWidth (dpy, DefaultScreen (dpy)) - 1,
                        DisplayHeight (dpy, DefaultScreen (dpy)) - 1, CurrentTime);
  XFlush (dpy);
}

void
lotse_test_click_at (GtkWidget *widget,
                     double     x,
                     double     y)
{
  Display *dpy = x_display ();

  g_assert_true (lotse_test_wait_shown (widget));
  g_assert_true (lotse_test_wait_until (double_click_time_passed, NULL));

  move_pointer_to (widget, x, y);
  XTestFakeButtonEvent (dpy, 1, True, CurrentTime);
  XTestFakeButtonEvent (dpy, 1, False, CurrentTime);
  move_pointer_away ();
  last_click = g_get_monotonic_time ();
}

void
lotse_test_scroll_at (GtkWidget *widget,
                      double     x,
                      double     y,
                      int        steps)
{
  Display *dpy = x_display ();
  /* X11 sends a wheel step as a press of button 4 (up) or 5 (down). */
  unsigned int button = steps < 0 ? 4 : 5;

  g_assert_true (lotse_test_wait_shown (widget));

  move_pointer_to (widget, x, y);
  XSync (dpy, False);
  /* The pointer is over the widget before the wheel turns. */
  lotse_test_iterate_idle ();
  for (int i = 0; i < ABS (steps); i++)
    {
      XTestFakeButtonEvent (dpy, button, True, CurrentTime);
      XTestFakeButtonEvent (dpy, button, False, CurrentTime);
    }
  XSync (dpy, False);
  lotse_test_iterate_idle ();
  move_pointer_away ();
}

void
lotse_test_press_key (guint           keyval,
                      GdkModifierType modifiers)
{
  static const struct { GdkModifierType mask; guint keyval; } held[] = {
    { GDK_CONTROL_MASK, GDK_KEY_Control_L },
    { GDK_ALT_MASK, GDK_KEY_Alt_L },
    { GDK_SHIFT_MASK, GDK_KEY_Shift_L },
  };
  Display *dpy = x_display ();
  KeyCode code = XKeysymToKeycode (dpy, keyval);

  g_assert_cmpuint (code, !=, 0);
  for (guint i = 0; i < G_N_ELEMENTS (held); i++)
    if (modifiers & held[i].mask)
      XTestFakeKeyEvent (dpy, XKeysymToKeycode (dpy, held[i].keyval), True, CurrentTime);
  XTestFakeKeyEvent (dpy, code, True, CurrentTime);
  XTestFakeKeyEvent (dpy, code, False, CurrentTime);
  for (guint i = G_N_ELEMENTS (held); i > 0; i--)
    if (modifiers & held[i - 1].mask)
      XTestFakeKeyEvent (dpy, XKeysymToKeycode (dpy, held[i - 1].keyval), False, CurrentTime);
  XFlush (dpy);
}

static const char *
widget_text (GtkWidget *widget)
{
  if (GTK_IS_LABEL (widget))
    return gtk_label_get_text (GTK_LABEL (widget));
  if (GTK_IS_BUTTON (widget))
    return gtk_button_get_label (GTK_BUTTON (widget));
  if (GTK_IS_EDITABLE (widget))
    return gtk_editable_get_text (GTK_EDITABLE (widget));
  return NULL;
}

GtkWidget *
lotse_test_find_widget (GtkWidget  *root,
                        const char *type_name,
                        const char *text)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (g_str_equal (G_OBJECT_TYPE_NAME (child), type_name) &&
          (text == NULL || g_strcmp0 (widget_text (child), text) == 0))
        return child;

      found = lotse_test_find_widget (child, type_name, text);
      if (found != NULL)
        return found;
    }

  return NULL;
}

void
lotse_test_destroy_windows (void)
{
  GList *windows;

  while ((windows = gtk_window_list_toplevels ()) != NULL)
    {
      gtk_window_destroy (GTK_WINDOW (windows->data));
      g_list_free (windows);
    }
  lotse_test_iterate_idle ();
}

GtkWidget *
lotse_test_find_widget_matching (GtkWidget      *root,
                                 GType           type,
                                 LotseTestMatch  match,
                                 gconstpointer   data)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type) && (match == NULL || match (root, data)))
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = lotse_test_find_widget_matching (child, type, match, data);

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
      /* Hidden first, with its popovers, and only then destroyed: GTK 4.8
       * could otherwise hand an idle of its own the surface of an open
       * popover destroyed with the window (GDK_IS_SURFACE fails in
       * gdk_surface_get_device_position; the a11y harness met it after
       * its state with the filter popover open). */
      gtk_widget_set_visible (l->data, FALSE);
      lotse_test_iterate_idle ();
      gtk_window_destroy (l->data);
      lotse_test_iterate_idle ();
    }
}

/* As a person types: on the window with the X focus, which nobody gives
 * back after a dialog without a window manager. */
void
lotse_test_press_keys (GtkWindow  *window,
                       const char *accelerator)
{
  Display *display = x_display ();
  GdkModifierType modifiers;
  guint keyval;
  KeyCode code;

  g_assert_true (gtk_accelerator_parse (accelerator, &keyval, &modifiers));
  code = XKeysymToKeycode (display, keyval);
  g_assert_cmpuint (code, !=, 0);
  if (XkbKeycodeToKeysym (display, code, 0, 0) != keyval && XkbKeycodeToKeysym (display, code, 0, 1) == keyval)
    modifiers |= GDK_SHIFT_MASK;

  gtk_window_present (window);
  XSetInputFocus (display, gdk_x11_surface_get_xid (gtk_native_get_surface (GTK_NATIVE (window))),
                  RevertToParent, CurrentTime);
  XSync (display, False);
  lotse_test_iterate_idle ();

  lotse_test_press_key (keyval, modifiers);
  XSync (display, False);
  lotse_test_iterate_idle ();
}
