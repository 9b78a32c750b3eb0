/* lotse-timeline.c: projects and milestones on a time axis
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One row per project: its runtime as a bar from start_date to end_date,
 * its milestones as diamonds whose shape and fill tell the status (not the
 * colour alone), a today line and a time axis. The widget is GtkScrollable:
 * the scrolled window hands it the adjustments, and snapshot() draws only
 * the rows and the days inside them, so 10,000 projects cost what the
 * screen shows. The data is read in a worker thread on a connection of its
 * own and kept as small structs, not records.
 *
 * It opens on what runs around today: completed and cancelled projects
 * are left out unless asked for (the history, as in the monitor), and the
 * first row shown is the first project still running on or after today.
 * Drawing and geometry are in lotse-timeline-draw.c, reading the data in
 * lotse-timeline-data.c, the selection, keys and pointer in
 * lotse-timeline-input.c. Ctrl+plus/minus zoom, Ctrl+T goes to today.
 */

#define G_LOG_DOMAIN "lotse-timeline"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "lotse-parse.h"
#include "lotse-store-queries.h"
#include "lotse-timeline-private.h"

enum {
  PROP_0,
  PROP_STORE,
  PROP_ZOOM,
  PROP_LOADING,
  PROP_HISTORY,
  N_PROPS,
  PROP_HADJUSTMENT = N_PROPS,
  PROP_VADJUSTMENT,
  PROP_HSCROLL_POLICY,
  PROP_VSCROLL_POLICY,
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE_WITH_CODE (LotseTimeline, lotse_timeline, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (GTK_TYPE_SCROLLABLE, NULL))

static const double zoom_pixels_per_day[] = { 4.0, 1.4, 0.4 };

static void
set_loading (LotseTimeline *self,
             gboolean       loading)
{
  if (self->loading == loading)
    return;

  self->loading = loading;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

/* Geometry */

static double
pixels_per_day (LotseTimeline *self)
{
  return zoom_pixels_per_day[self->zoom];
}

static guint
n_projects (LotseTimeline *self)
{
  return self->data != NULL ? self->data->projects->len : 0;
}


static double
content_width (LotseTimeline *self)
{
  if (self->data == NULL)
    return 0;

  return (self->data->last_day - self->data->first_day) * pixels_per_day (self);
}

static double
content_height (LotseTimeline *self)
{
  return AXIS_HEIGHT + (double) n_projects (self) * ROW_HEIGHT;
}

static void
configure_adjustment (GtkAdjustment *adjustment,
                      double         size,
                      double         page,
                      double         value)
{
  if (adjustment == NULL)
    return;

  value = CLAMP (value, 0, MAX (0, size - page));
  gtk_adjustment_configure (adjustment, value, 0, MAX (size, page),
                            page * 0.1, page * 0.9, page);
}

static void
configure_adjustments (LotseTimeline *self)
{
  int width = gtk_widget_get_width (GTK_WIDGET (self));
  int height = gtk_widget_get_height (GTK_WIDGET (self));

  /* The chart scrolls beside the column of names. */
  configure_adjustment (self->hadjustment, content_width (self), width - lotse_timeline_name_width (self),
                        self->hadjustment ? gtk_adjustment_get_value (self->hadjustment) : 0);
  configure_adjustment (self->vadjustment, content_height (self), height,
                        self->vadjustment ? gtk_adjustment_get_value (self->vadjustment) : 0);
}

static void
lotse_timeline_snapshot (GtkWidget   *widget,
                         GtkSnapshot *snapshot)
{
  LotseTimeline *self = LOTSE_TIMELINE (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  g_autoptr(PangoLayout) layout = NULL;
  cairo_t *cr;

  if (self->data == NULL || width <= 0 || height <= 0)
    return;

  layout = gtk_widget_create_pango_layout (widget, NULL);
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  lotse_timeline_draw (self, cr, layout, width, height);
  cairo_destroy (cr);
}

/* Loading */

static void
load_ready (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(LotseTimeline) self = user_data;
  g_autoptr(GError) error = NULL;
  Data *data;
  g_autofree char *selected_id = NULL;
  int selected_milestone;

  data = lotse_store_reader_run_finish (LOTSE_STORE_READER (object), result, &error);
  if (data == NULL && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  set_loading (self, FALSE);
  if (data == NULL)
    {
      g_warning ("Could not read the timeline: %s", error->message);
      return;
    }

  /* Keep the selection on the same project across reloads. */
  if (lotse_timeline_project_at (self, self->sel_project) != NULL)
    selected_id = g_strdup (lotse_timeline_project_at (self, self->sel_project)->id);
  selected_milestone = self->sel_milestone;

  g_clear_pointer (&self->data, lotse_timeline_data_free);
  self->data = data;
  self->sel_project = -1;
  self->sel_milestone = -1;
  for (guint i = 0; selected_id != NULL && i < data->projects->len; i++)
    if (g_strcmp0 (g_array_index (data->projects, Project, i).id, selected_id) == 0)
      {
        self->sel_project = (int) i;
        self->sel_milestone = MIN (selected_milestone,
                                   (int) g_array_index (data->projects, Project, i).milestones->len - 1);
      }

  configure_adjustments (self);
  if (!self->scrolled_to_today && gtk_widget_get_width (GTK_WIDGET (self)) > 0)
    lotse_timeline_scroll_to_today (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
reload (LotseTimeline *self)
{
  LoadRequest *request;

  g_clear_handle_id (&self->reload_source, g_source_remove);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);

  if (self->store == NULL)
    {
      g_clear_pointer (&self->data, lotse_timeline_data_free);
      set_loading (self, FALSE);
      configure_adjustments (self);
      gtk_widget_queue_draw (GTK_WIDGET (self));
      return;
    }

  self->cancellable = g_cancellable_new ();
  set_loading (self, TRUE);
  request = g_new0 (LoadRequest, 1);
  request->today = self->today;
  request->history = self->history;
  lotse_store_reader_run_async (lotse_store_get_reader (self->store), lotse_timeline_load_query, request, g_free,
                                (GDestroyNotify) lotse_timeline_data_free, self->cancellable,
                                load_ready, g_object_ref (self));
}

static gboolean
reload_idle (gpointer user_data)
{
  LotseTimeline *self = user_data;

  self->reload_source = 0;
  reload (self);

  return G_SOURCE_REMOVE;
}

static void
store_changed (LotseStore    *store,
               const char    *table,
               const char    *id,
               LotseTimeline *self)
{
  if (table != NULL && g_strcmp0 (table, LOTSE_TABLE_PROJECT) != 0 && g_strcmp0 (table, LOTSE_TABLE_MILESTONE) != 0)
    return;

  if (self->reload_source == 0)
    self->reload_source = g_timeout_add (300, reload_idle, self);
}

/* Zoom */

static void
zoom_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  LotseTimeline *self = LOTSE_TIMELINE (widget);

  if (g_str_equal (action_name, "timeline.zoom-in") && self->zoom > LOTSE_TIMELINE_ZOOM_MONTHS)
    lotse_timeline_set_zoom (self, self->zoom - 1);
  else if (g_str_equal (action_name, "timeline.zoom-out") && self->zoom < LOTSE_TIMELINE_ZOOM_YEARS)
    lotse_timeline_set_zoom (self, self->zoom + 1);
  else if (g_str_equal (action_name, "timeline.today"))
    lotse_timeline_scroll_to_today (self);
}

static void
update_zoom_actions (LotseTimeline *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "timeline.zoom-in",
                                 self->zoom > LOTSE_TIMELINE_ZOOM_MONTHS);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "timeline.zoom-out",
                                 self->zoom < LOTSE_TIMELINE_ZOOM_YEARS);
}

/* GtkWidget */

static void
lotse_timeline_measure (GtkWidget      *widget,
                        GtkOrientation  orientation,
                        int             for_size,
                        int            *minimum,
                        int            *natural,
                        int            *minimum_baseline,
                        int            *natural_baseline)
{
  *minimum = orientation == GTK_ORIENTATION_HORIZONTAL ? 120 : AXIS_HEIGHT + ROW_HEIGHT;
  *natural = orientation == GTK_ORIENTATION_HORIZONTAL ? 600 : 400;
}

static void
lotse_timeline_size_allocate (GtkWidget *widget,
                              int        width,
                              int        height,
                              int        baseline)
{
  LotseTimeline *self = LOTSE_TIMELINE (widget);

  configure_adjustments (self);
  if (!self->scrolled_to_today && self->data != NULL && width > 0)
    lotse_timeline_scroll_to_today (self);
}

static void
lotse_timeline_css_changed (GtkWidget         *widget,
                            GtkCssStyleChange *change)
{
  GTK_WIDGET_CLASS (lotse_timeline_parent_class)->css_changed (widget, change);
  gtk_widget_queue_draw (widget);
}

static void
adjustment_changed (GtkAdjustment *adjustment,
                    LotseTimeline *self)
{
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
set_adjustment (LotseTimeline  *self,
                GtkAdjustment **slot,
                GtkAdjustment  *adjustment)
{
  if (adjustment != NULL && *slot == adjustment)
    return;

  if (*slot != NULL)
    {
      g_signal_handlers_disconnect_by_func (*slot, adjustment_changed, self);
      g_clear_object (slot);
    }

  if (adjustment == NULL)
    adjustment = gtk_adjustment_new (0, 0, 0, 0, 0, 0);

  *slot = g_object_ref_sink (adjustment);
  g_signal_connect (adjustment, "value-changed", G_CALLBACK (adjustment_changed), self);
  configure_adjustments (self);
}

/* GObject */

static void
lotse_timeline_dispose (GObject *object)
{
  LotseTimeline *self = LOTSE_TIMELINE (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_handle_id (&self->reload_source, g_source_remove);
  if (self->store != NULL)
    g_clear_signal_handler (&self->changed_handler, self->store);
  g_clear_object (&self->store);
  if (self->hadjustment)
    g_signal_handlers_disconnect_by_func (self->hadjustment, adjustment_changed, self);
  if (self->vadjustment)
    g_signal_handlers_disconnect_by_func (self->vadjustment, adjustment_changed, self);
  g_clear_object (&self->hadjustment);
  g_clear_object (&self->vadjustment);

  G_OBJECT_CLASS (lotse_timeline_parent_class)->dispose (object);
}

static void
lotse_timeline_finalize (GObject *object)
{
  LotseTimeline *self = LOTSE_TIMELINE (object);

  g_clear_pointer (&self->data, lotse_timeline_data_free);

  G_OBJECT_CLASS (lotse_timeline_parent_class)->finalize (object);
}

static void
lotse_timeline_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  LotseTimeline *self = LOTSE_TIMELINE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_ZOOM:
      g_value_set_int (value, self->zoom);
      break;
    case PROP_LOADING:
      g_value_set_boolean (value, self->loading);
      break;
    case PROP_HISTORY:
      g_value_set_boolean (value, self->history);
      break;
    case PROP_HADJUSTMENT:
      g_value_set_object (value, self->hadjustment);
      break;
    case PROP_VADJUSTMENT:
      g_value_set_object (value, self->vadjustment);
      break;
    case PROP_HSCROLL_POLICY:
      g_value_set_enum (value, self->hscroll_policy);
      break;
    case PROP_VSCROLL_POLICY:
      g_value_set_enum (value, self->vscroll_policy);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lotse_timeline_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  LotseTimeline *self = LOTSE_TIMELINE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      lotse_timeline_set_store (self, g_value_get_object (value));
      break;
    case PROP_ZOOM:
      lotse_timeline_set_zoom (self, g_value_get_int (value));
      break;
    case PROP_HISTORY:
      lotse_timeline_set_history (self, g_value_get_boolean (value));
      break;
    case PROP_HADJUSTMENT:
      set_adjustment (self, &self->hadjustment, g_value_get_object (value));
      break;
    case PROP_VADJUSTMENT:
      set_adjustment (self, &self->vadjustment, g_value_get_object (value));
      break;
    case PROP_HSCROLL_POLICY:
      self->hscroll_policy = g_value_get_enum (value);
      gtk_widget_queue_resize (GTK_WIDGET (self));
      break;
    case PROP_VSCROLL_POLICY:
      self->vscroll_policy = g_value_get_enum (value);
      gtk_widget_queue_resize (GTK_WIDGET (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lotse_timeline_class_init (LotseTimelineClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lotse_timeline_dispose;
  object_class->finalize = lotse_timeline_finalize;
  object_class->get_property = lotse_timeline_get_property;
  object_class->set_property = lotse_timeline_set_property;

  widget_class->snapshot = lotse_timeline_snapshot;
  widget_class->measure = lotse_timeline_measure;
  widget_class->size_allocate = lotse_timeline_size_allocate;
  widget_class->query_tooltip = lotse_timeline_query_tooltip;
  widget_class->css_changed = lotse_timeline_css_changed;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, LOTSE_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ZOOM] =
    g_param_spec_int ("zoom", NULL, NULL, LOTSE_TIMELINE_ZOOM_MONTHS, LOTSE_TIMELINE_ZOOM_YEARS,
                      LOTSE_TIMELINE_ZOOM_QUARTERS,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_HISTORY] =
    g_param_spec_boolean ("history", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
  g_object_class_override_property (object_class, PROP_HADJUSTMENT, "hadjustment");
  g_object_class_override_property (object_class, PROP_VADJUSTMENT, "vadjustment");
  g_object_class_override_property (object_class, PROP_HSCROLL_POLICY, "hscroll-policy");
  g_object_class_override_property (object_class, PROP_VSCROLL_POLICY, "vscroll-policy");

  gtk_widget_class_install_action (widget_class, "timeline.zoom-in", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "timeline.zoom-out", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "timeline.today", NULL, zoom_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_plus, GDK_CONTROL_MASK, "timeline.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_equal, GDK_CONTROL_MASK, "timeline.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Add, GDK_CONTROL_MASK, "timeline.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_minus, GDK_CONTROL_MASK, "timeline.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Subtract, GDK_CONTROL_MASK, "timeline.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_t, GDK_CONTROL_MASK, "timeline.today", NULL);

  gtk_widget_class_set_css_name (widget_class, "timeline");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GRID);
}

static void
lotse_timeline_init (LotseTimeline *self)
{
  g_autofree char *today = lotse_monitor_today ();

  self->zoom = LOTSE_TIMELINE_ZOOM_QUARTERS;
  self->today = lotse_timeline_julian_of (today);
  self->sel_project = -1;
  self->sel_milestone = -1;

  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_overflow (GTK_WIDGET (self), GTK_OVERFLOW_HIDDEN);
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  set_adjustment (self, &self->hadjustment, NULL);
  set_adjustment (self, &self->vadjustment, NULL);

  lotse_timeline_add_controllers (self);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Project timeline"),
                                  -1);
  update_zoom_actions (self);
}

GtkWidget *
lotse_timeline_new (LotseStore *store)
{
  return g_object_new (LOTSE_TYPE_TIMELINE, "store", store, NULL);
}

LotseStore *
lotse_timeline_get_store (LotseTimeline *self)
{
  g_return_val_if_fail (LOTSE_IS_TIMELINE (self), NULL);

  return self->store;
}

void
lotse_timeline_set_store (LotseTimeline *self,
                          LotseStore    *store)
{
  g_return_if_fail (LOTSE_IS_TIMELINE (self));
  g_return_if_fail (store == NULL || LOTSE_IS_STORE (store));

  if (self->store == store)
    return;

  if (self->store != NULL)
    g_clear_signal_handler (&self->changed_handler, self->store);
  g_set_object (&self->store, store);
  if (store != NULL)
    self->changed_handler = g_signal_connect (store, "changed", G_CALLBACK (store_changed), self);

  self->sel_project = -1;
  self->sel_milestone = -1;
  self->scrolled_to_today = FALSE;
  reload (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
}

LotseTimelineZoom
lotse_timeline_get_zoom (LotseTimeline *self)
{
  g_return_val_if_fail (LOTSE_IS_TIMELINE (self), LOTSE_TIMELINE_ZOOM_QUARTERS);

  return self->zoom;
}

/* Zooming keeps the day in the middle of the view where it was. */
void
lotse_timeline_set_zoom (LotseTimeline     *self,
                         LotseTimelineZoom  zoom)
{
  double half, centre_day;

  g_return_if_fail (LOTSE_IS_TIMELINE (self));

  zoom = CLAMP (zoom, LOTSE_TIMELINE_ZOOM_MONTHS, LOTSE_TIMELINE_ZOOM_YEARS);
  if (self->zoom == zoom)
    return;

  half = gtk_widget_get_width (GTK_WIDGET (self)) / 2.0;
  centre_day = (gtk_adjustment_get_value (self->hadjustment) + half) / pixels_per_day (self);
  self->zoom = zoom;
  configure_adjustments (self);
  gtk_adjustment_set_value (self->hadjustment, centre_day * pixels_per_day (self) - half);
  update_zoom_actions (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ZOOM]);
}

double
lotse_timeline_get_pixels_per_day (LotseTimeline *self)
{
  g_return_val_if_fail (LOTSE_IS_TIMELINE (self), 0);

  return pixels_per_day (self);
}

void
lotse_timeline_set_today (LotseTimeline *self,
                          const char    *today)
{
  g_autofree char *local = NULL;

  g_return_if_fail (LOTSE_IS_TIMELINE (self));

  if (today == NULL)
    today = local = lotse_monitor_today ();
  if (lotse_timeline_julian_of (today) == 0)
    return;

  self->today = lotse_timeline_julian_of (today);
  reload (self);
}

/* The first row of what runs around today: a project whose runtime
 * includes today, else one that starts later or has a milestone ahead.
 * Rows are by start date, so the rows after it are today's work. */
static int
first_current_row (LotseTimeline *self)
{
  for (int pass = 0; pass < 2; pass++)
    for (guint i = 0; i < n_projects (self); i++)
      {
        Project *project = lotse_timeline_project_at (self, (int) i);
        int last = project->end_day;

        if (pass == 0 && project->start_day != 0 && project->start_day <= self->today &&
            project->end_day >= self->today)
          return (int) i;
        if (project->milestones->len > 0)
          last = MAX (last, g_array_index (project->milestones, Milestone, project->milestones->len - 1).day);
        if (pass == 1 && last >= self->today)
          return (int) i;
      }

  return 0;
}

void
lotse_timeline_scroll_to_today (LotseTimeline *self)
{
  int width;

  g_return_if_fail (LOTSE_IS_TIMELINE (self));

  width = gtk_widget_get_width (GTK_WIDGET (self));
  if (self->data == NULL || width <= 0)
    return;

  /* The adjustments must know the content before they take a value. */
  configure_adjustments (self);
  self->scrolled_to_today = TRUE;
  gtk_adjustment_set_value (self->hadjustment,
                            (self->today - self->data->first_day) * pixels_per_day (self) -
                            (width - lotse_timeline_name_width (self)) / 3.0);
  gtk_adjustment_set_value (self->vadjustment, (double) first_current_row (self) * ROW_HEIGHT);
}

gboolean
lotse_timeline_is_loading (LotseTimeline *self)
{
  g_return_val_if_fail (LOTSE_IS_TIMELINE (self), FALSE);

  return self->loading || self->reload_source != 0;
}

guint
lotse_timeline_get_n_projects (LotseTimeline *self)
{
  g_return_val_if_fail (LOTSE_IS_TIMELINE (self), 0);

  return n_projects (self);
}

/**
 * lotse_timeline_draw_status_symbol:
 * @widget: the widget whose style gives the colours
 * @cr: where to draw
 * @status: a milestone status ("open", "done", "at_risk", "missed", "cancelled")
 * @overdue: whether to mark it overdue too
 * @x: the centre
 * @y: the centre
 *
 * Draws a milestone as the timeline does, for a legend.
 */
void
lotse_timeline_draw_status_symbol (GtkWidget  *widget,
                                   cairo_t    *cr,
                                   const char *status,
                                   gboolean    overdue,
                                   double      x,
                                   double      y)
{
  Palette palette;

  g_return_if_fail (GTK_IS_WIDGET (widget));

  lotse_timeline_read_palette (widget, &palette);
  lotse_timeline_draw_mark (cr, &palette, lotse_timeline_status_from_string (status), overdue, x, y);
}

gboolean
lotse_timeline_get_history (LotseTimeline *self)
{
  g_return_val_if_fail (LOTSE_IS_TIMELINE (self), FALSE);

  return self->history;
}

/* With history, also the projects completed or cancelled. */
void
lotse_timeline_set_history (LotseTimeline *self,
                            gboolean       history)
{
  g_return_if_fail (LOTSE_IS_TIMELINE (self));

  history = !!history;
  if (self->history == history)
    return;

  self->history = history;
  self->scrolled_to_today = FALSE;
  reload (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HISTORY]);
}

/**
 * lotse_timeline_get_first_visible_project:
 * @self: a timeline
 *
 * Returns: (nullable): the id of the project in the first row below the
 *   axis
 */
const char *
lotse_timeline_get_first_visible_project (LotseTimeline *self)
{
  Project *project;

  g_return_val_if_fail (LOTSE_IS_TIMELINE (self), NULL);

  project = lotse_timeline_project_at (self, lotse_timeline_first_visible_row (self));
  return project != NULL ? project->id : NULL;
}

/**
 * lotse_timeline_get_name_area:
 * @self: a timeline
 * @project_id: a project shown
 * @area: (out): where its name is drawn, in the widget's coordinates
 *
 * Returns: whether the project is shown
 */
gboolean
lotse_timeline_get_name_area (LotseTimeline   *self,
                              const char      *project_id,
                              graphene_rect_t *area)
{
  g_return_val_if_fail (LOTSE_IS_TIMELINE (self), FALSE);

  for (guint i = 0; i < n_projects (self); i++)
    if (g_strcmp0 (lotse_timeline_project_at (self, (int) i)->id, project_id) == 0)
      {
        graphene_rect_init (area, 0, lotse_timeline_y_of_row (self, (int) i),
                            lotse_timeline_name_width (self), ROW_HEIGHT);
        return TRUE;
      }

  return FALSE;
}

/**
 * lotse_timeline_get_marks:
 * @self: a timeline
 * @project_id: a project shown
 *
 * The marks of the project's milestones in view, as drawn.
 *
 * Returns: (transfer full) (element-type LotseTimelineMark): the marks,
 *   left to right; empty when the project is not shown
 */
GArray *
lotse_timeline_get_marks (LotseTimeline *self,
                          const char    *project_id)
{
  GArray *result = g_array_new (FALSE, TRUE, sizeof (LotseTimelineMark));
  g_autoptr(PangoLayout) layout = NULL;

  g_return_val_if_fail (LOTSE_IS_TIMELINE (self), result);

  layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), NULL);
  for (guint i = 0; i < n_projects (self); i++)
    {
      Project *project = lotse_timeline_project_at (self, (int) i);
      g_autoptr(GArray) marks = NULL;

      if (g_strcmp0 (project->id, project_id) != 0)
        continue;

      marks = lotse_timeline_layout_marks (self, project, layout);
      for (guint j = 0; j < marks->len; j++)
        {
          Mark *mark = &g_array_index (marks, Mark, j);
          LotseTimelineMark public = {
            mark->x, mark->label_x, mark->label_width, mark->count, mark->overdue,
            g_array_index (project->milestones, Milestone, mark->first).id,
          };

          g_array_append_val (result, public);
        }
    }

  return result;
}
