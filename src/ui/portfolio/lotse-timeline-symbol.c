/* lotse-timeline-symbol.c: a milestone's shape, as the timeline draws it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The legend of the timeline panel shows one per milestone status, so a
 * template can name a status and bind its label (the schema's word for
 * it) to a GtkLabel beside it. "overdue" is an open milestone past its
 * due date: the timeline draws it as open, marked overdue.
 */

#define G_LOG_DOMAIN "lotse-timeline-symbol"

#include "config.h"

#include "lotse-timeline.h"
#include "lotse-timeline-symbol.h"

#define OVERDUE "overdue"

struct _LotseTimelineSymbol
{
  GtkDrawingArea parent_instance;

  char          *status;
};

G_DEFINE_FINAL_TYPE (LotseTimelineSymbol, lotse_timeline_symbol, GTK_TYPE_DRAWING_AREA)

enum {
  PROP_0,
  PROP_STATUS,
  PROP_LABEL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
draw_symbol (GtkDrawingArea *area,
             cairo_t        *cr,
             int             width,
             int             height,
             gpointer        user_data)
{
  LotseTimelineSymbol *self = LOTSE_TIMELINE_SYMBOL (area);
  gboolean overdue = g_strcmp0 (self->status, OVERDUE) == 0;

  if (self->status == NULL)
    return;

  lotse_timeline_draw_status_symbol (GTK_WIDGET (area), cr, overdue ? "open" : self->status, overdue,
                                     width / 2.0, height / 2.0);
}

static void
lotse_timeline_symbol_finalize (GObject *object)
{
  LotseTimelineSymbol *self = LOTSE_TIMELINE_SYMBOL (object);

  g_clear_pointer (&self->status, g_free);

  G_OBJECT_CLASS (lotse_timeline_symbol_parent_class)->finalize (object);
}

static void
lotse_timeline_symbol_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  LotseTimelineSymbol *self = LOTSE_TIMELINE_SYMBOL (object);

  switch (prop_id)
    {
    case PROP_STATUS:
      g_value_set_string (value, self->status);
      break;

    case PROP_LABEL:
      g_value_set_string (value, lotse_timeline_symbol_get_label (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lotse_timeline_symbol_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  LotseTimelineSymbol *self = LOTSE_TIMELINE_SYMBOL (object);

  switch (prop_id)
    {
    case PROP_STATUS:
      lotse_timeline_symbol_set_status (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lotse_timeline_symbol_class_init (LotseTimelineSymbolClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = lotse_timeline_symbol_finalize;
  object_class->get_property = lotse_timeline_symbol_get_property;
  object_class->set_property = lotse_timeline_symbol_set_property;

  properties[PROP_STATUS] =
    g_param_spec_string ("status", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_LABEL] =
    g_param_spec_string ("label", NULL, NULL, NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
lotse_timeline_symbol_init (LotseTimelineSymbol *self)
{
  gtk_drawing_area_set_content_width (GTK_DRAWING_AREA (self), 24);
  gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (self), 24);
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (self), draw_symbol, NULL, NULL);
}

const char *
lotse_timeline_symbol_get_status (LotseTimelineSymbol *self)
{
  g_return_val_if_fail (LOTSE_IS_TIMELINE_SYMBOL (self), NULL);

  return self->status;
}

void
lotse_timeline_symbol_set_status (LotseTimelineSymbol *self,
                                  const char          *status)
{
  g_return_if_fail (LOTSE_IS_TIMELINE_SYMBOL (self));

  if (!lotse_set_str (&self->status, status))
    return;

  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATUS]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LABEL]);
}

/**
 * lotse_timeline_symbol_get_label:
 *
 * Returns: (nullable): the milestone status's name as the schema says it,
 *   %NULL for "overdue" (which is not a status of its own) or no status
 */
const char *
lotse_timeline_symbol_get_label (LotseTimelineSymbol *self)
{
  g_return_val_if_fail (LOTSE_IS_TIMELINE_SYMBOL (self), NULL);

  if (self->status == NULL || g_str_equal (self->status, OVERDUE))
    return NULL;

  return lotse_enum_value_label (LOTSE_TABLE_MILESTONE, LOTSE_MILESTONE_STATUS, self->status);
}
