/* lotse-pane-bin.c: a side pane that grows with the window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * An unfolded AdwLeaflet gives a pane that does not expand its natural
 * width, and a list's natural width is that of its header: the sidebars
 * stayed about 300 px wide on a 1920 px screen and cut the titles beside
 * empty space. This bin asks for a share of the width its parent has
 * (by default 30 %, up to 600 px) and never less than its child needs, so
 * the pane keeps its share as the window grows and still folds at 360 px.
 *
 * libadwaita 1.2 has no breakpoints; the width of the parent is known
 * only once it is allocated. When it changes, the bin asks for a new size,
 * and the next frame lays the pane out at its share.
 */

#define G_LOG_DOMAIN "lotse-pane-bin"

#include "config.h"

#include "lotse-pane-bin.h"

struct _LotsePaneBin
{
  GtkWidget  parent_instance;

  GtkWidget *child;
  double     fraction;
  int        maximum_width;
  int        parent_width;   /* at the last allocation */
};

static void buildable_iface_init (GtkBuildableIface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (LotsePaneBin, lotse_pane_bin, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (GTK_TYPE_BUILDABLE, buildable_iface_init))

enum {
  PROP_0,
  PROP_CHILD,
  PROP_FRACTION,
  PROP_MAXIMUM_WIDTH,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];
static GtkBuildableIface *parent_buildable_iface;

static void
lotse_pane_bin_measure (GtkWidget      *widget,
                        GtkOrientation  orientation,
                        int             for_size,
                        int            *minimum,
                        int            *natural,
                        int            *minimum_baseline,
                        int            *natural_baseline)
{
  LotsePaneBin *self = LOTSE_PANE_BIN (widget);
  int child_min = 0, child_nat = 0;

  if (self->child != NULL && gtk_widget_should_layout (self->child))
    gtk_widget_measure (self->child, orientation, for_size, &child_min, &child_nat,
                        minimum_baseline, natural_baseline);

  *minimum = child_min;
  *natural = child_nat;

  if (orientation == GTK_ORIENTATION_HORIZONTAL && self->parent_width > 0)
    *natural = CLAMP ((int) (self->parent_width * self->fraction), child_min,
                      MAX (child_min, self->maximum_width));
}

static void
lotse_pane_bin_size_allocate (GtkWidget *widget,
                              int        width,
                              int        height,
                              int        baseline)
{
  LotsePaneBin *self = LOTSE_PANE_BIN (widget);
  GtkWidget *parent = gtk_widget_get_parent (widget);
  int parent_width = parent != NULL ? gtk_widget_get_width (parent) : 0;

  if (self->child != NULL && gtk_widget_should_layout (self->child))
    gtk_widget_allocate (self->child, width, height, baseline, NULL);

  if (parent_width != self->parent_width)
    {
      self->parent_width = parent_width;
      gtk_widget_queue_resize (widget);
    }
}

static void
lotse_pane_bin_compute_expand (GtkWidget *widget,
                               gboolean  *hexpand,
                               gboolean  *vexpand)
{
  GtkWidget *child = LOTSE_PANE_BIN (widget)->child;

  *hexpand = child != NULL && gtk_widget_compute_expand (child, GTK_ORIENTATION_HORIZONTAL);
  *vexpand = child != NULL && gtk_widget_compute_expand (child, GTK_ORIENTATION_VERTICAL);
}

static void
lotse_pane_bin_dispose (GObject *object)
{
  LotsePaneBin *self = LOTSE_PANE_BIN (object);

  g_clear_pointer (&self->child, gtk_widget_unparent);

  G_OBJECT_CLASS (lotse_pane_bin_parent_class)->dispose (object);
}

static void
lotse_pane_bin_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  LotsePaneBin *self = LOTSE_PANE_BIN (object);

  switch (prop_id)
    {
    case PROP_CHILD:
      g_value_set_object (value, self->child);
      break;
    case PROP_FRACTION:
      g_value_set_double (value, self->fraction);
      break;
    case PROP_MAXIMUM_WIDTH:
      g_value_set_int (value, self->maximum_width);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lotse_pane_bin_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  LotsePaneBin *self = LOTSE_PANE_BIN (object);

  switch (prop_id)
    {
    case PROP_CHILD:
      lotse_pane_bin_set_child (self, g_value_get_object (value));
      break;
    case PROP_FRACTION:
      lotse_pane_bin_set_fraction (self, g_value_get_double (value));
      break;
    case PROP_MAXIMUM_WIDTH:
      lotse_pane_bin_set_maximum_width (self, g_value_get_int (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lotse_pane_bin_class_init (LotsePaneBinClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lotse_pane_bin_dispose;
  object_class->get_property = lotse_pane_bin_get_property;
  object_class->set_property = lotse_pane_bin_set_property;
  widget_class->measure = lotse_pane_bin_measure;
  widget_class->size_allocate = lotse_pane_bin_size_allocate;
  widget_class->compute_expand = lotse_pane_bin_compute_expand;

  properties[PROP_CHILD] =
    g_param_spec_object ("child", NULL, NULL, GTK_TYPE_WIDGET,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  /**
   * LotsePaneBin:fraction:
   *
   * The share of the parent's width the pane asks for.
   */
  properties[PROP_FRACTION] =
    g_param_spec_double ("fraction", NULL, NULL, 0.0, 1.0, 0.3,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  /**
   * LotsePaneBin:maximum-width:
   *
   * The widest the pane asks to be, unless its child needs more.
   */
  properties[PROP_MAXIMUM_WIDTH] =
    g_param_spec_int ("maximum-width", NULL, NULL, 0, G_MAXINT, 600,
                      (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
lotse_pane_bin_init (LotsePaneBin *self)
{
  self->fraction = 0.3;
  self->maximum_width = 600;
}

static void
lotse_pane_bin_add_child (GtkBuildable *buildable,
                          GtkBuilder   *builder,
                          GObject      *child,
                          const char   *type)
{
  if (GTK_IS_WIDGET (child))
    lotse_pane_bin_set_child (LOTSE_PANE_BIN (buildable), GTK_WIDGET (child));
  else
    parent_buildable_iface->add_child (buildable, builder, child, type);
}

static void
buildable_iface_init (GtkBuildableIface *iface)
{
  parent_buildable_iface = g_type_interface_peek_parent (iface);
  iface->add_child = lotse_pane_bin_add_child;
}

GtkWidget *
lotse_pane_bin_new (void)
{
  return g_object_new (LOTSE_TYPE_PANE_BIN, NULL);
}

GtkWidget *
lotse_pane_bin_get_child (LotsePaneBin *self)
{
  g_return_val_if_fail (LOTSE_IS_PANE_BIN (self), NULL);

  return self->child;
}

void
lotse_pane_bin_set_child (LotsePaneBin *self,
                          GtkWidget    *child)
{
  g_return_if_fail (LOTSE_IS_PANE_BIN (self));
  g_return_if_fail (child == NULL || GTK_IS_WIDGET (child));

  if (self->child == child)
    return;

  g_clear_pointer (&self->child, gtk_widget_unparent);
  if (child != NULL)
    {
      self->child = child;
      gtk_widget_set_parent (child, GTK_WIDGET (self));
    }

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CHILD]);
}

double
lotse_pane_bin_get_fraction (LotsePaneBin *self)
{
  g_return_val_if_fail (LOTSE_IS_PANE_BIN (self), 0.0);

  return self->fraction;
}

void
lotse_pane_bin_set_fraction (LotsePaneBin *self,
                             double        fraction)
{
  g_return_if_fail (LOTSE_IS_PANE_BIN (self));

  fraction = CLAMP (fraction, 0.0, 1.0);
  if (self->fraction == fraction)
    return;

  self->fraction = fraction;
  gtk_widget_queue_resize (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FRACTION]);
}

int
lotse_pane_bin_get_maximum_width (LotsePaneBin *self)
{
  g_return_val_if_fail (LOTSE_IS_PANE_BIN (self), 0);

  return self->maximum_width;
}

void
lotse_pane_bin_set_maximum_width (LotsePaneBin *self,
                                  int           maximum_width)
{
  g_return_if_fail (LOTSE_IS_PANE_BIN (self));

  if (self->maximum_width == maximum_width)
    return;

  self->maximum_width = maximum_width;
  gtk_widget_queue_resize (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MAXIMUM_WIDTH]);
}
