/* lotse-jourfixe-view.c: the meetings of the office: jour fixe, steering board, workshops
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lotse-jourfixe-view"

#include "config.h"

#include <glib/gi18n.h>

#include "lotse-jourfixe-view.h"

struct _LotseJourfixeView
{
  LotseView    parent_instance;

  GtkStack    *stack;
  GtkListView *list_view;
};

G_DEFINE_FINAL_TYPE (LotseJourfixeView, lotse_jourfixe_view, LOTSE_TYPE_VIEW)

/* A stored date and time with zone, in the local zone and the user's
 * locale; NULL if there is none. */
static char *
format_starts_at (const char *iso8601)
{
  g_autoptr(GDateTime) parsed = NULL;
  g_autoptr(GDateTime) local = NULL;

  if (iso8601 == NULL || *iso8601 == '\0')
    return NULL;

  parsed = g_date_time_new_from_iso8601 (iso8601, NULL);
  if (parsed == NULL)
    return NULL;

  local = g_date_time_to_local (parsed);

  /* Translators: the date and time of a meeting in a list; %x is the date in
   * the locale's format, %R the time as hours and minutes. See
   * https://docs.gtk.org/glib/method.DateTime.format.html */
  return g_date_time_format (local, _("%x, %R"));
}

static void
bind_meeting (LotseRecordRow *row,
              LotseRecord    *meeting,
              gpointer        user_data)
{
  g_autofree char *when = format_starts_at (lotse_record_get (meeting, "starts_at"));
  const char *status = lotse_record_get (meeting, "status");

  lotse_record_row_set_title (row, lotse_record_get (meeting, "title"));
  lotse_record_row_set_subtitle (row, when);
  lotse_record_row_set_badge (row, lotse_enum_value_label ("meeting", "status", status), NULL);
}

static void
lotse_jourfixe_view_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), LOTSE_TYPE_JOURFIXE_VIEW);

  G_OBJECT_CLASS (lotse_jourfixe_view_parent_class)->dispose (object);
}

static void
lotse_jourfixe_view_class_init (LotseJourfixeViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lotse_jourfixe_view_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/app/lotse/Lotse/jourfixe/lotse-jourfixe-view.ui");
  gtk_widget_class_bind_template_child (widget_class, LotseJourfixeView, stack);
  gtk_widget_class_bind_template_child (widget_class, LotseJourfixeView, list_view);
}

static void
lotse_jourfixe_view_init (LotseJourfixeView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  lotse_view_show_records (LOTSE_VIEW (self), self->stack, self->list_view,
                           "meeting", "-starts_at", bind_meeting);
}
