/* lotse-timeline-draw.c: the timeline's geometry and drawing
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The names of the projects keep a column of their own on the left, which
 * a horizontal scroll does not move; the chart scrolls beside it. On a row,
 * milestones whose diamonds would overlap at the zoom shown are one mark
 * with their number, and every mark takes a label (the milestone's title,
 * or "3 milestones") as far as the next mark leaves room. An overdue
 * milestone (lotse_monitor_is_overdue()) has a ring in the overdue colour
 * and "overdue" in its label: shape and words, not colour alone.
 *
 * Colours come from the style sheet (@timeline_* in style.css, built on
 * libadwaita's named colours), so dark and high-contrast styles follow;
 * text is at 4.5:1 or more against the view's background (test-contrast).
 */

#define G_LOG_DOMAIN "lotse-timeline"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "lotse-timeline-private.h"

const char * const lotse_timeline_status_names[] = { "open", "done", "at_risk", "missed", "cancelled" };

/* Geometry */

/* A fifth of a wide timeline, so that names are not cut beside room to
 * spare; at most two fifths of a narrow one. */
int
lotse_timeline_name_width (LotseTimeline *self)
{
  int width = gtk_widget_get_width (GTK_WIDGET (self));

  return MIN (MAX (NAME_WIDTH, width / 5), MIN (NAME_MAX_WIDTH, width * 2 / 5));
}

double
lotse_timeline_x_of_day (LotseTimeline *self,
                         double         day)
{
  double origin = self->data != NULL ? self->data->first_day : self->today - 365;
  double offset = self->hadjustment ? gtk_adjustment_get_value (self->hadjustment) : 0;

  return lotse_timeline_name_width (self) + (day - origin) * lotse_timeline_get_pixels_per_day (self) - offset;
}

double
lotse_timeline_y_of_row (LotseTimeline *self,
                         int            row)
{
  double offset = self->vadjustment ? gtk_adjustment_get_value (self->vadjustment) : 0;

  return AXIS_HEIGHT + (double) row * ROW_HEIGHT - offset;
}

Project *
lotse_timeline_project_at (LotseTimeline *self,
                           int            row)
{
  if (self->data == NULL || row < 0 || (guint) row >= self->data->projects->len)
    return NULL;

  return &g_array_index (self->data->projects, Project, row);
}

/* Overdue first, then missed, at risk, open, done, cancelled. */
static int
urgency (Status   status,
         gboolean overdue)
{
  static const int ranks[] = { [STATUS_OPEN] = 3, [STATUS_DONE] = 1, [STATUS_AT_RISK] = 4,
                               [STATUS_MISSED] = 5, [STATUS_CANCELLED] = 0 };

  return overdue ? 6 : ranks[status];
}

static char *
mark_label (Project    *project,
            const Mark *mark)
{
  Milestone *milestone = &g_array_index (project->milestones, Milestone, mark->first);

  if (mark->count > 1)
    return g_strdup_printf (mark->overdue
                              /* Translators: several milestones under one mark of the timeline */
                              ? ngettext ("%u milestone, overdue", "%u milestones, overdue", mark->count)
                              : ngettext ("%u milestone", "%u milestones", mark->count),
                            mark->count);
  if (mark->overdue)
    /* Translators: a milestone's title on the timeline, and that it is overdue */
    return g_strdup_printf (_("%s, overdue"), milestone->title);

  return g_strdup (milestone->title);
}

/**
 * lotse_timeline_layout_marks:
 * @self: a timeline
 * @project: one of its projects
 * @layout: (nullable): to measure labels with; without, labels take the room
 *
 * Returns: (transfer full) (element-type Mark): the marks of @project's
 *   milestones in view, left to right
 */
GArray *
lotse_timeline_layout_marks (LotseTimeline *self,
                             Project       *project,
                             PangoLayout   *layout)
{
  GArray *marks = g_array_new (FALSE, TRUE, sizeof (Mark));
  int width = gtk_widget_get_width (GTK_WIDGET (self));
  double left = lotse_timeline_name_width (self);

  for (guint i = 0; i < project->milestones->len; i++)
    {
      Milestone *milestone = &g_array_index (project->milestones, Milestone, i);
      double x = lotse_timeline_x_of_day (self, milestone->day + 0.5);
      Mark *last = marks->len > 0 ? &g_array_index (marks, Mark, marks->len - 1) : NULL;

      if (x < left - DIAMOND || x > width + DIAMOND)
        continue;

      if (last != NULL && x - last->x < MARK_ROOM)
        {
          last->count++;
          if (urgency (milestone->status, milestone->overdue) > urgency (last->status, last->overdue))
            last->status = milestone->status;
          last->overdue |= milestone->overdue;
        }
      else
        {
          Mark mark = { x, i, 1, milestone->status, milestone->overdue, 0, 0 };

          g_array_append_val (marks, mark);
        }
    }

  /* A label to the right of its mark, up to the next one. */
  for (guint i = 0; i < marks->len; i++)
    {
      Mark *mark = &g_array_index (marks, Mark, i);
      double end = i + 1 < marks->len ? g_array_index (marks, Mark, i + 1).x - DIAMOND - 6 : width - 4;

      mark->label_x = MAX (mark->x + DIAMOND + 4, left + 4);
      mark->label_width = MAX (0, end - mark->label_x);
      if (layout != NULL)
        {
          g_autofree char *label = mark_label (project, mark);
          int text_width;

          pango_layout_set_width (layout, -1);
          pango_layout_set_text (layout, label, -1);
          pango_layout_get_pixel_size (layout, &text_width, NULL);
          mark->label_width = MIN (mark->label_width, text_width);
        }
    }

  return marks;
}

/* Colours */

static GdkRGBA
lookup_color (GtkWidget  *widget,
              const char *name,
              const char *fallback)
{
  GtkStyleContext *context = gtk_widget_get_style_context (widget);
  GdkRGBA color;

  if (!gtk_style_context_lookup_color (context, name, &color))
    gdk_rgba_parse (&color, fallback);

  return color;
}

void
lotse_timeline_read_palette (GtkWidget *widget,
                             Palette   *palette)
{
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &palette->fg);
  palette->bg = lookup_color (widget, "view_bg_color", "#ffffff");
  palette->bar = lookup_color (widget, "timeline_bar_color", "rgba(53,132,228,0.35)");
  palette->bar_border = lookup_color (widget, "timeline_bar_border_color", "#1c71d8");
  palette->grid = lookup_color (widget, "timeline_grid_color", "rgba(0,0,0,0.12)");
  palette->today = lookup_color (widget, "timeline_today_color", "#c01c28");
  palette->focus = lookup_color (widget, "accent_color", "#1c71d8");
  palette->label = lookup_color (widget, "timeline_label_color", "rgba(0,0,0,0.6)");
  palette->overdue = lookup_color (widget, "timeline_overdue_color", "#c01c28");
  palette->status[STATUS_OPEN] = lookup_color (widget, "timeline_open_color", "#1c71d8");
  palette->status[STATUS_DONE] = lookup_color (widget, "timeline_done_color", "#26a269");
  palette->status[STATUS_AT_RISK] = lookup_color (widget, "timeline_at_risk_color", "#9c6e03");
  palette->status[STATUS_MISSED] = lookup_color (widget, "timeline_missed_color", "#c01c28");
  palette->status[STATUS_CANCELLED] = lookup_color (widget, "timeline_cancelled_color", "#77767b");
}

/* Drawing */

static void
draw_text (cairo_t       *cr,
           PangoLayout   *layout,
           const char    *text,
           double         x,
           double         y,
           const GdkRGBA *color)
{
  pango_layout_set_text (layout, text, -1);
  gdk_cairo_set_source_rgba (cr, color);
  cairo_move_to (cr, x, y);
  pango_cairo_show_layout (cr, layout);
}

static char *
format_month (int         year,
              int         month,
              const char *format)
{
  g_autoptr(GDateTime) date = g_date_time_new_utc (year, month, 1, 0, 0, 0);

  return g_date_time_format (date, format);
}

/* Grid lines and labels: months in the month zoom, quarters in the
 * quarter zoom, years in the year zoom; finer ticks without labels. */
static void
draw_axis (LotseTimeline *self,
           cairo_t       *cr,
           PangoLayout   *layout,
           const Palette *palette,
           int            width,
           int            height)
{
  double ppd = lotse_timeline_get_pixels_per_day (self);
  double left = gtk_adjustment_get_value (self->hadjustment) / ppd + self->data->first_day;
  double right = left + width / ppd;
  GDate date;
  int year, month;

  g_date_clear (&date, 1);
  g_date_set_julian (&date, (guint32) MAX (1, (int) left - 1));
  year = g_date_get_year (&date);
  month = g_date_get_month (&date);

  pango_layout_set_width (layout, -1);
  cairo_set_line_width (cr, 1.0);
  for (;;)
    {
      GDate tick;
      double x;
      gboolean quarter = (month - 1) % 3 == 0;
      gboolean major = self->zoom == LOTSE_TIMELINE_ZOOM_MONTHS ||
                       (self->zoom == LOTSE_TIMELINE_ZOOM_QUARTERS && quarter) ||
                       (self->zoom == LOTSE_TIMELINE_ZOOM_YEARS && month == 1);
      gboolean minor = self->zoom != LOTSE_TIMELINE_ZOOM_YEARS || quarter;

      g_date_clear (&tick, 1);
      g_date_set_dmy (&tick, 1, (GDateMonth) month, (GDateYear) year);
      if (g_date_get_julian (&tick) > right)
        break;

      x = floor (lotse_timeline_x_of_day (self, g_date_get_julian (&tick))) + 0.5;
      if (minor || major)
        {
          GdkRGBA grid = palette->grid;

          if (!major)
            grid.alpha /= 2;
          gdk_cairo_set_source_rgba (cr, &grid);
          cairo_move_to (cr, x, major ? 0 : AXIS_HEIGHT / 2.0);
          cairo_line_to (cr, x, height);
          cairo_stroke (cr);
        }

      if (major)
        {
          g_autofree char *label = NULL;

          if (self->zoom == LOTSE_TIMELINE_ZOOM_MONTHS)
            label = month == 1 ? format_month (year, month, "%b %Y") : format_month (year, month, "%b");
          else if (self->zoom == LOTSE_TIMELINE_ZOOM_QUARTERS)
            /* Translators: a quarter of a year on the time axis, e.g. "Q1 2026" */
            label = g_strdup_printf (_("Q%d %d"), (month - 1) / 3 + 1, year);
          else
            label = g_strdup_printf ("%d", year);

          draw_text (cr, layout, label, x + 4, 4, &palette->fg);
        }

      if (++month > 12)
        {
          month = 1;
          year++;
        }
    }

  gdk_cairo_set_source_rgba (cr, &palette->grid);
  cairo_move_to (cr, 0, AXIS_HEIGHT - 0.5);
  cairo_line_to (cr, width, AXIS_HEIGHT - 0.5);
  cairo_stroke (cr);
}

static void
diamond_path (cairo_t *cr,
              double   x,
              double   y,
              double   r)
{
  cairo_move_to (cr, x, y - r);
  cairo_line_to (cr, x + r, y);
  cairo_line_to (cr, x, y + r);
  cairo_line_to (cr, x - r, y);
  cairo_close_path (cr);
}

/**
 * lotse_timeline_draw_mark:
 *
 * Shapes by status, so that the status reads without colour: open is
 * hollow, done is filled, at risk is half filled, missed is filled with a
 * cross, cancelled is hollow and struck through. Overdue adds a ring.
 */
void
lotse_timeline_draw_mark (cairo_t       *cr,
                          const Palette *palette,
                          Status         status,
                          gboolean       overdue,
                          double         x,
                          double         y)
{
  cairo_set_line_width (cr, 1.5);
  gdk_cairo_set_source_rgba (cr, &palette->status[status]);

  switch (status)
    {
    case STATUS_DONE:
      diamond_path (cr, x, y, DIAMOND);
      cairo_fill (cr);
      break;
    case STATUS_AT_RISK:
      cairo_move_to (cr, x - DIAMOND, y);
      cairo_line_to (cr, x + DIAMOND, y);
      cairo_line_to (cr, x, y + DIAMOND);
      cairo_close_path (cr);
      cairo_fill (cr);
      diamond_path (cr, x, y, DIAMOND);
      cairo_stroke (cr);
      break;
    case STATUS_MISSED:
      diamond_path (cr, x, y, DIAMOND + 1);
      cairo_fill (cr);
      cairo_set_source_rgba (cr, 1, 1, 1, 0.9);
      cairo_move_to (cr, x - 3, y - 3);
      cairo_line_to (cr, x + 3, y + 3);
      cairo_move_to (cr, x + 3, y - 3);
      cairo_line_to (cr, x - 3, y + 3);
      cairo_stroke (cr);
      break;
    case STATUS_CANCELLED:
      diamond_path (cr, x, y, DIAMOND);
      cairo_stroke (cr);
      cairo_move_to (cr, x - DIAMOND - 2, y + DIAMOND + 2);
      cairo_line_to (cr, x + DIAMOND + 2, y - DIAMOND - 2);
      cairo_stroke (cr);
      break;
    case STATUS_OPEN:
    default:
      diamond_path (cr, x, y, DIAMOND);
      cairo_stroke (cr);
      break;
    }

  if (overdue)
    {
      gdk_cairo_set_source_rgba (cr, &palette->overdue);
      cairo_set_line_width (cr, 2);
      cairo_new_sub_path (cr);
      cairo_arc (cr, x, y, DIAMOND + 3.5, 0, 2 * G_PI);
      cairo_stroke (cr);
    }
}

static void
draw_focus_ring (cairo_t       *cr,
                 const Palette *palette,
                 double         x,
                 double         y,
                 double         w,
                 double         h)
{
  double r = 4;

  cairo_new_sub_path (cr);
  cairo_arc (cr, x + w - r, y + r, r, -G_PI / 2, 0);
  cairo_arc (cr, x + w - r, y + h - r, r, 0, G_PI / 2);
  cairo_arc (cr, x + r, y + h - r, r, G_PI / 2, G_PI);
  cairo_arc (cr, x + r, y + r, r, G_PI, 3 * G_PI / 2);
  cairo_close_path (cr);
  gdk_cairo_set_source_rgba (cr, &palette->focus);
  cairo_set_line_width (cr, 2);
  cairo_stroke (cr);
}

/* The bar, the marks and their labels; the part right of the names. */
static void
draw_row_chart (LotseTimeline *self,
                cairo_t       *cr,
                PangoLayout   *layout,
                const Palette *palette,
                int            row)
{
  Project *project = lotse_timeline_project_at (self, row);
  double top = lotse_timeline_y_of_row (self, row);
  double mid = top + BAR_TOP + BAR_HEIGHT / 2.0;
  gboolean focused = row == self->sel_project && gtk_widget_has_focus (GTK_WIDGET (self));
  g_autoptr(GArray) marks = NULL;

  if (project->start_day != 0)
    {
      double x0 = lotse_timeline_x_of_day (self, project->start_day);
      double x1 = MAX (x0 + 2, lotse_timeline_x_of_day (self, project->end_day + 1));

      gdk_cairo_set_source_rgba (cr, &palette->bar);
      cairo_rectangle (cr, x0, top + BAR_TOP, x1 - x0, BAR_HEIGHT);
      cairo_fill_preserve (cr);
      gdk_cairo_set_source_rgba (cr, &palette->bar_border);
      cairo_set_line_width (cr, 1);
      cairo_stroke (cr);
    }

  marks = lotse_timeline_layout_marks (self, project, layout);
  for (guint i = 0; i < marks->len; i++)
    {
      Mark *mark = &g_array_index (marks, Mark, i);
      g_autofree char *label = mark_label (project, mark);

      /* Several milestones: a second diamond behind the first. */
      if (mark->count > 1)
        lotse_timeline_draw_mark (cr, palette, mark->status, FALSE, mark->x + 4, mid - 4);
      lotse_timeline_draw_mark (cr, palette, mark->status, mark->overdue, mark->x, mid);

      if (mark->label_width >= 24)
        {
          pango_layout_set_width (layout, (int) mark->label_width * PANGO_SCALE);
          /* Cut short in the middle, an overdue label still ends in
           * "overdue". */
          pango_layout_set_ellipsize (layout, mark->overdue ? PANGO_ELLIPSIZE_MIDDLE : PANGO_ELLIPSIZE_END);
          draw_text (cr, layout, label, mark->label_x, top + 3,
                     mark->overdue ? &palette->overdue : &palette->label);
          pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_NONE);
        }

      if (focused && self->sel_milestone >= (int) mark->first &&
          self->sel_milestone < (int) (mark->first + mark->count))
        draw_focus_ring (cr, palette, mark->x - DIAMOND - 5, mid - DIAMOND - 5,
                         2 * DIAMOND + 10, 2 * DIAMOND + 10);
    }
}

/* The name column: fixed on the left whatever the horizontal scroll. */
static void
draw_names (LotseTimeline *self,
            cairo_t       *cr,
            PangoLayout   *layout,
            const Palette *palette,
            int            first,
            int            last,
            int            height)
{
  int name_width = lotse_timeline_name_width (self);
  gboolean has_focus = gtk_widget_has_focus (GTK_WIDGET (self));

  gdk_cairo_set_source_rgba (cr, &palette->bg);
  cairo_rectangle (cr, 0, 0, name_width, height);
  cairo_fill (cr);

  pango_layout_set_width (layout, (name_width - 12) * PANGO_SCALE);
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
  draw_text (cr, layout, _("Project"), 6, 4, &palette->fg);
  for (int row = first; row <= last; row++)
    {
      Project *project = lotse_timeline_project_at (self, row);
      double top = lotse_timeline_y_of_row (self, row);

      if (top + ROW_HEIGHT <= AXIS_HEIGHT)
        continue;
      cairo_save (cr);
      cairo_rectangle (cr, 0, AXIS_HEIGHT, name_width, height - AXIS_HEIGHT);
      cairo_clip (cr);
      draw_text (cr, layout, project->title, 6, top + (ROW_HEIGHT - 18) / 2.0, &palette->fg);
      if (row == self->sel_project && has_focus && self->sel_milestone < 0)
        draw_focus_ring (cr, palette, 2, top + 2, name_width - 4, ROW_HEIGHT - 4);
      cairo_restore (cr);
    }
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_NONE);
  pango_layout_set_width (layout, -1);

  gdk_cairo_set_source_rgba (cr, &palette->grid);
  cairo_set_line_width (cr, 1);
  cairo_move_to (cr, name_width - 0.5, 0);
  cairo_line_to (cr, name_width - 0.5, height);
  cairo_stroke (cr);
}

void
lotse_timeline_draw (LotseTimeline *self,
                     cairo_t       *cr,
                     PangoLayout   *layout,
                     int            width,
                     int            height)
{
  int name_width = lotse_timeline_name_width (self);
  double vvalue = gtk_adjustment_get_value (self->vadjustment);
  int n = self->data->projects->len;
  int first = MAX (0, (int) floor (vvalue / ROW_HEIGHT));
  int last = MIN (n - 1, (int) ceil ((vvalue + height) / ROW_HEIGHT));
  Palette palette;

  lotse_timeline_read_palette (GTK_WIDGET (self), &palette);

  /* The chart, right of the names. */
  cairo_save (cr);
  cairo_rectangle (cr, name_width, 0, width - name_width, height);
  cairo_clip (cr);
  for (int row = first; row <= last; row++)
    {
      double top = lotse_timeline_y_of_row (self, row);

      if (row == self->sel_project && !gtk_widget_has_focus (GTK_WIDGET (self)))
        {
          GdkRGBA shade = palette.focus;

          shade.alpha = 0.1;
          gdk_cairo_set_source_rgba (cr, &shade);
          cairo_rectangle (cr, 0, top, width, ROW_HEIGHT);
          cairo_fill (cr);
        }
      cairo_save (cr);
      cairo_rectangle (cr, name_width, AXIS_HEIGHT, width - name_width, height - AXIS_HEIGHT);
      cairo_clip (cr);
      draw_row_chart (self, cr, layout, &palette, row);
      cairo_restore (cr);
    }
  draw_axis (self, cr, layout, &palette, width, height);
  {
    double x = floor (lotse_timeline_x_of_day (self, self->today + 0.5)) + 0.5;

    gdk_cairo_set_source_rgba (cr, &palette.today);
    cairo_set_line_width (cr, 2);
    cairo_move_to (cr, x, AXIS_HEIGHT / 2.0);
    cairo_line_to (cr, x, height);
    cairo_stroke (cr);
    pango_layout_set_width (layout, -1);
    draw_text (cr, layout, _("Today"), x + 4, AXIS_HEIGHT / 2.0, &palette.today);
  }
  cairo_restore (cr);

  draw_names (self, cr, layout, &palette, first, last, height);
}
