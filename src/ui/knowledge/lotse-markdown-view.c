/* lotse-markdown-view.c: a text view that shows a Markdown buffer
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What a reader does with an article besides reading: open its links (a
 * click, or Enter with the caret on one) and tick its task boxes (a click,
 * or Enter or Space on one). Only links a browser or mail program opens
 * are opened: a knowledge article comes from other people.
 */

#define G_LOG_DOMAIN "lotse-markdown-buffer"

#include "config.h"

#include "lotse-markdown-buffer.h"

/* A click, Enter or Space on a task box: the buffer says so. */
static gboolean
toggle_task_at (GtkTextView       *view,
                const GtkTextIter *iter)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  int index;

  if (!LOTSE_IS_MARKDOWN_BUFFER (buffer))
    return FALSE;

  index = lotse_markdown_buffer_get_task_at (LOTSE_MARKDOWN_BUFFER (buffer), iter);
  if (index < 0)
    return FALSE;

  lotse_markdown_buffer_activate_task (LOTSE_MARKDOWN_BUFFER (buffer), (guint) index);
  return TRUE;
}

/* Only links that a browser or mail program opens; a knowledge article
 * comes from other people and must not start anything else. */
static gboolean
is_openable (const char *uri)
{
  g_autofree char *scheme = g_uri_parse_scheme (uri);

  return scheme != NULL &&
         (g_ascii_strcasecmp (scheme, "http") == 0 ||
          g_ascii_strcasecmp (scheme, "https") == 0 ||
          g_ascii_strcasecmp (scheme, "mailto") == 0);
}

static gboolean
open_link_at (GtkTextView       *view,
              const GtkTextIter *iter)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  const char *uri;

  if (!LOTSE_IS_MARKDOWN_BUFFER (buffer))
    return FALSE;

  uri = lotse_markdown_buffer_get_link_at (LOTSE_MARKDOWN_BUFFER (buffer), iter);
  if (uri == NULL || !is_openable (uri))
    return FALSE;

  gtk_show_uri (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (view))), uri, GDK_CURRENT_TIME);
  return TRUE;
}

static void
click_released_cb (GtkGestureClick *gesture,
                   int              n_press,
                   double           x,
                   double           y,
                   GtkTextView     *view)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GtkTextIter start, end, iter;
  int bx, by;

  /* A drag that selected text is not a click on a link. */
  if (gtk_text_buffer_get_selection_bounds (buffer, &start, &end))
    return;

  gtk_text_view_window_to_buffer_coords (view, GTK_TEXT_WINDOW_WIDGET, (int) x, (int) y, &bx, &by);
  if (gtk_text_view_get_iter_at_location (view, &iter, bx, by) && !toggle_task_at (view, &iter))
    open_link_at (view, &iter);
}

static void
motion_cb (GtkEventControllerMotion *controller,
           double                    x,
           double                    y,
           GtkTextView              *view)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GtkTextIter iter;
  gboolean on_link = FALSE;
  int bx, by;

  gtk_text_view_window_to_buffer_coords (view, GTK_TEXT_WINDOW_WIDGET, (int) x, (int) y, &bx, &by);
  if (LOTSE_IS_MARKDOWN_BUFFER (buffer) && gtk_text_view_get_iter_at_location (view, &iter, bx, by))
    on_link = lotse_markdown_buffer_get_link_at (LOTSE_MARKDOWN_BUFFER (buffer), &iter) != NULL ||
              lotse_markdown_buffer_get_task_at (LOTSE_MARKDOWN_BUFFER (buffer), &iter) >= 0;

  gtk_widget_set_cursor_from_name (GTK_WIDGET (view), on_link ? "pointer" : NULL);
}

static gboolean
key_pressed_cb (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                GtkTextView           *view)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GtkTextIter iter;

  if (keyval != GDK_KEY_Return && keyval != GDK_KEY_KP_Enter && keyval != GDK_KEY_space)
    return FALSE;

  gtk_text_buffer_get_iter_at_mark (buffer, &iter, gtk_text_buffer_get_insert (buffer));
  if (toggle_task_at (view, &iter))
    return TRUE;
  return keyval != GDK_KEY_space && open_link_at (view, &iter);
}

/**
 * lotse_markdown_view_setup:
 * @view: a text view that shows a #LotseMarkdownBuffer
 *
 * Makes @view a read-only article view whose links open on a click and,
 * with the caret on them, on Enter; a click on a task box, or Enter or
 * Space with the caret on it, emits #LotseMarkdownBuffer::toggle-task.
 */
void
lotse_markdown_view_setup (GtkTextView *view)
{
  GtkGesture *click;
  GtkEventController *controller;

  g_return_if_fail (GTK_IS_TEXT_VIEW (view));

  gtk_text_view_set_editable (view, FALSE);
  gtk_text_view_set_wrap_mode (view, GTK_WRAP_WORD_CHAR);

  /* Before the text view's own click, which claims the press (to place
   * the caret) and cancels any other gesture of the widget: in the
   * capture phase this one still sees the release. */
  click = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_PRIMARY);
  gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (click), GTK_PHASE_CAPTURE);
  g_signal_connect (click, "released", G_CALLBACK (click_released_cb), view);
  gtk_widget_add_controller (GTK_WIDGET (view), GTK_EVENT_CONTROLLER (click));

  controller = gtk_event_controller_motion_new ();
  g_signal_connect (controller, "motion", G_CALLBACK (motion_cb), view);
  gtk_widget_add_controller (GTK_WIDGET (view), controller);

  controller = gtk_event_controller_key_new ();
  g_signal_connect (controller, "key-pressed", G_CALLBACK (key_pressed_cb), view);
  gtk_widget_add_controller (GTK_WIDGET (view), controller);
}
