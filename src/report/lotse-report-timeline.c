/* lotse-report-timeline.c: the milestone overview's timeline chart
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runtime bars, milestone diamonds and a today line against an axis of
 * months, quarters or years, one row per project, over as many pages as
 * it takes. Every page of the chart begins with its legend and axis. Each
 * milestone is labelled with its title beside its diamond, as far as the
 * next one leaves room; milestones too near to tell apart at the chart's
 * scale share one mark, two diamonds labelled with their number. Overdue
 * milestones (lotse_monitor_is_overdue()) have a red ring and say so in
 * their label.
 */

#define G_LOG_DOMAIN "lotse-report"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "lotse-report-milestones-private.h"

#define LABEL_WIDTH     150.0  /* the project names left of the timeline */
#define ROW_MIN_HEIGHT  26.0   /* a line of milestone labels above the bar */
#define BAR_HEIGHT      7.0
#define DIAMOND_SIZE    9.0
#define MARK_ROOM       (DIAMOND_SIZE + 4)  /* nearer diamonds share a mark */

static guint32
julian (const char *iso_date)
{
  g_autoptr(GDate) date = lotse_report_parse_gdate (iso_date);

  return date != NULL ? g_date_get_julian (date) : 0;
}

static void
widen (guint32    *first,
       guint32    *last,
       const char *iso_date)
{
  guint32 day = julian (iso_date);

  if (day == 0)
    return;
  if (*first == 0 || day < *first)
    *first = day;
  if (*last == 0 || day > *last)
    *last = day;
}

/* The range of the axis: the period, or what the projects span, rounded
 * out to whole units. */
static void
compute_range (MilestoneReport *report)
{
  guint32 first = julian (report->from), last = julian (report->to);
  g_autoptr(GDate) start = NULL;
  g_autoptr(GDate) end = NULL;
  int months;

  if (first == 0 || last == 0)
    {
      guint32 lo = 0, hi = 0;

      for (guint i = 0; i < report->rows->len; i++)
        {
          ProjectRow *row = g_ptr_array_index (report->rows, i);

          widen (&lo, &hi, lotse_record_get (row->project, LOTSE_PROJECT_START_DATE));
          widen (&lo, &hi, lotse_record_get (row->project, LOTSE_PROJECT_END_DATE));
          for (guint j = 0; j < row->milestones->len; j++)
            widen (&lo, &hi, lotse_record_get (g_ptr_array_index (row->milestones, j),
                                               LOTSE_MILESTONE_DUE_DATE));
        }
      if (lo == 0)
        lo = hi = julian (report->today);
      if (first == 0)
        first = MIN (lo, last != 0 ? last : lo);
      if (last == 0)
        last = MAX (hi, first);
    }

  start = g_date_new_julian (first);
  end = g_date_new_julian (last);
  months = (g_date_get_year (end) - g_date_get_year (start)) * 12 +
           g_date_get_month (end) - g_date_get_month (start) + 1;

  report->unit = months <= 24 ? AXIS_MONTHS : months <= 96 ? AXIS_QUARTERS : AXIS_YEARS;

  /* Round out: to the first day of the unit, and to its last day. */
  g_date_set_day (start, 1);
  if (report->unit != AXIS_MONTHS)
    g_date_set_month (start, report->unit == AXIS_YEARS ? 1 : (g_date_get_month (start) - 1) / 3 * 3 + 1);
  g_date_set_day (end, 1);
  if (report->unit == AXIS_QUARTERS)
    g_date_set_month (end, (g_date_get_month (end) - 1) / 3 * 3 + 1);
  else if (report->unit == AXIS_YEARS)
    g_date_set_month (end, 1);
  g_date_add_months (end, report->unit == AXIS_MONTHS ? 1 : report->unit == AXIS_QUARTERS ? 3 : 12);
  g_date_subtract_days (end, 1);

  report->first_day = g_date_get_julian (start);
  report->last_day = g_date_get_julian (end);
}

static double
day_x (MilestoneReport *report,
       guint32          day)
{
  double span = report->last_day + 1 - report->first_day;

  day = CLAMP (day, report->first_day, report->last_day + 1);

  return report->chart_x + (day - report->first_day) / span * report->chart_width;
}

/* The vertical lines of a page's slice of rows: unit boundaries and today. */
static void
close_slice (MilestoneReport *report)
{
  LotseReportBuilder *b = report->builder;
  g_autoptr(GDate) date = g_date_new_julian (report->first_day);
  guint32 today = julian (report->today);
  int step = report->unit == AXIS_MONTHS ? 1 : report->unit == AXIS_QUARTERS ? 3 : 12;

  if (b->y <= report->slice_top)
    return;

  while (g_date_get_julian (date) <= report->last_day + 1)
    {
      double x = day_x (report, g_date_get_julian (date));

      lotse_report_builder_add_line (b, x, report->slice_top, x, b->y, LOTSE_REPORT_RULE, 0.3, FALSE);
      g_date_add_months (date, step);
    }

  if (today >= report->first_day && today <= report->last_day)
    {
      double x = day_x (report, today);

      lotse_report_builder_add_line (b, x, report->slice_top, x, b->y, 0xc01c28, 1.0, TRUE);
    }
}

static char *
unit_label (AxisUnit  unit,
            GDate    *date)
{
  if (unit == AXIS_MONTHS)
    return g_strdup (lotse_report_month_abbrev (g_date_get_month (date)));
  if (unit == AXIS_QUARTERS)
    /* Translators: a quarter of a year on the timeline's axis, e.g. “Q1” */
    return g_strdup_printf (_("Q%d"), (g_date_get_month (date) - 1) / 3 + 1);

  return g_strdup_printf ("%d", g_date_get_year (date));
}

static void
add_axis (MilestoneReport *report)
{
  LotseReportBuilder *b = report->builder;
  g_autoptr(GDate) date = g_date_new_julian (report->first_day);
  int step = report->unit == AXIS_MONTHS ? 1 : report->unit == AXIS_QUARTERS ? 3 : 12;
  double row_height = 12;
  double top = b->y;
  guint32 today = julian (report->today);
  g_autoptr(PangoLayout) project = lotse_report_builder_layout (b, _("Project"),
                                                                LOTSE_REPORT_FONT_TABLE_HEADER,
                                                                LABEL_WIDTH - 8);

  lotse_report_builder_add_rect (b, b->left, top, lotse_report_builder_width (b),
                                 report->unit == AXIS_YEARS ? row_height + 4 : 2 * row_height + 4,
                                 LOTSE_REPORT_HEADER_BG, LOTSE_REPORT_NONE);
  lotse_report_builder_add_text (b, project, b->left + 4, top + 2, LOTSE_REPORT_INK);

  /* The years above months or quarters. */
  if (report->unit != AXIS_YEARS)
    {
      g_autoptr(GDate) year = g_date_new_julian (report->first_day);

      while (g_date_get_julian (year) <= report->last_day)
        {
          g_autoptr(GDate) next = g_date_new_dmy (1, 1, g_date_get_year (year) + 1);
          double x0 = day_x (report, g_date_get_julian (year));
          double x1 = day_x (report, g_date_get_julian (next));
          g_autofree char *text = g_strdup_printf ("%d", g_date_get_year (year));
          g_autoptr(PangoLayout) layout = lotse_report_builder_layout (b, text,
                                                                       LOTSE_REPORT_FONT_TABLE_HEADER, 0);

          if (lotse_report_layout_width (layout) + 4 <= x1 - x0)
            lotse_report_builder_add_text (b, layout, x0 + 3, top + 2, LOTSE_REPORT_INK);
          lotse_report_builder_add_line (b, x0, top, x0, top + 2 * row_height + 4,
                                         LOTSE_REPORT_MUTED, 0.5, FALSE);
          g_date_set_julian (year, g_date_get_julian (next));
        }
      top += row_height;
    }

  while (g_date_get_julian (date) <= report->last_day)
    {
      g_autoptr(GDate) next = g_date_new_julian (g_date_get_julian (date));
      g_autofree char *text = unit_label (report->unit, date);
      g_autoptr(PangoLayout) layout = NULL;
      double x0, x1;

      g_date_add_months (next, step);
      x0 = day_x (report, g_date_get_julian (date));
      x1 = day_x (report, g_date_get_julian (next));
      layout = lotse_report_builder_layout (b, text, LOTSE_REPORT_FONT_SMALL, x1 - x0);
      pango_layout_set_alignment (layout, PANGO_ALIGN_CENTER);
      /* Too narrow for a name: the grid says enough. */
      if (lotse_report_layout_width (layout) <= x1 - x0 && pango_layout_get_line_count (layout) == 1)
        lotse_report_builder_add_text (b, layout, x0, top + 3, LOTSE_REPORT_INK);
      g_date_set_julian (date, g_date_get_julian (next));
    }

  b->y = top + row_height + 4;

  if (today >= report->first_day && today <= report->last_day)
    {
      double x = day_x (report, today);

      lotse_report_builder_add_mark (b, LOTSE_REPORT_ITEM_DIAMOND, x, b->y - 2, 4, 0xc01c28,
                                     LOTSE_REPORT_NONE);
    }
  lotse_report_builder_add_line (b, b->left, b->y, b->right, b->y, LOTSE_REPORT_MUTED, 0.8, FALSE);
  report->slice_top = b->y;
}

/* One mark of a row: a milestone, or those too near it to tell apart. */
typedef struct
{
  double       x;
  LotseRecord *first;
  guint        count;
  const char  *status;   /* the most urgent of them */
  gboolean     overdue;  /* any of them */
} Mark;

static int
urgency (const char *status,
         gboolean    overdue)
{
  static const char * const order[] = { "cancelled", "done", "open", "at_risk", "missed", NULL };

  if (overdue)
    return G_N_ELEMENTS (order);
  for (guint i = 0; order[i] != NULL; i++)
    if (g_strcmp0 (status, order[i]) == 0)
      return (int) i;
  return 2;
}

static GArray *
layout_marks (MilestoneReport *report,
              ProjectRow      *row)
{
  GArray *marks = g_array_new (FALSE, TRUE, sizeof (Mark));

  for (guint i = 0; i < row->milestones->len; i++)
    {
      LotseRecord *milestone = g_ptr_array_index (row->milestones, i);
      guint32 due = julian (lotse_record_get (milestone, LOTSE_MILESTONE_DUE_DATE));
      const char *status = lotse_record_get (milestone, LOTSE_MILESTONE_STATUS);
      gboolean overdue = lotse_report_milestone_is_overdue (milestone, row->project, report->today);
      Mark *last = marks->len > 0 ? &g_array_index (marks, Mark, marks->len - 1) : NULL;
      double x;

      if (due == 0 || due < report->first_day || due > report->last_day)
        continue;

      x = day_x (report, due);
      if (last != NULL && x - last->x < MARK_ROOM)
        {
          last->count++;
          if (urgency (status, overdue) > urgency (last->status, last->overdue))
            last->status = status;
          last->overdue |= overdue;
        }
      else
        {
          Mark mark = { x, milestone, 1, status, overdue };

          g_array_append_val (marks, mark);
        }
    }

  return marks;
}

static char *
mark_label (const Mark *mark)
{
  if (mark->count > 1)
    return g_strdup_printf (mark->overdue
                              /* Translators: several milestones under one mark of the PDF's timeline */
                              ? ngettext ("%u milestone, overdue", "%u milestones, overdue", mark->count)
                              : ngettext ("%u milestone", "%u milestones", mark->count),
                            mark->count);
  if (mark->overdue)
    /* Translators: a milestone's title on the PDF's timeline, and that it is overdue */
    return g_strdup_printf (_("%s, overdue"), lotse_record_get (mark->first, LOTSE_MILESTONE_TITLE));

  return g_strdup (lotse_record_get (mark->first, LOTSE_MILESTONE_TITLE));
}

static void
draw_mark (LotseReportBuilder *b,
           const Mark         *mark,
           double              y)
{
  guint32 colour = lotse_report_status_colour (mark->status);
  guint32 stroke = mark->overdue ? 0xc01c28 : LOTSE_REPORT_INK;

  /* Several: a second diamond behind the first. */
  if (mark->count > 1)
    lotse_report_builder_add_mark (b, LOTSE_REPORT_ITEM_DIAMOND, mark->x + 3, y - 3, DIAMOND_SIZE,
                                   colour, stroke);
  lotse_report_builder_add_mark (b, LOTSE_REPORT_ITEM_DIAMOND, mark->x, y, DIAMOND_SIZE, colour, stroke);
  if (mark->overdue)
    lotse_report_builder_add_mark (b, LOTSE_REPORT_ITEM_DIAMOND, mark->x, y, DIAMOND_SIZE + 4,
                                   LOTSE_REPORT_NONE, 0xc01c28);
}

/* Each mark's label to its right, up to the next mark. */
static void
add_mark_labels (MilestoneReport *report,
                 GArray          *marks,
                 double           top)
{
  LotseReportBuilder *b = report->builder;

  for (guint i = 0; i < marks->len; i++)
    {
      Mark *mark = &g_array_index (marks, Mark, i);
      double left = mark->x + DIAMOND_SIZE / 2 + 2;
      double end = i + 1 < marks->len ? g_array_index (marks, Mark, i + 1).x - DIAMOND_SIZE / 2 - 3
                                      : report->chart_x + report->chart_width;
      g_autofree char *text = NULL;
      g_autoptr(PangoLayout) layout = NULL;

      if (end - left < 18)
        continue;

      text = mark_label (mark);
      layout = lotse_report_builder_layout (b, text, LOTSE_REPORT_FONT_SMALL, end - left);
      pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
      lotse_report_builder_add_text (b, layout, left, top, mark->overdue ? 0xc01c28 : LOTSE_REPORT_MUTED);
    }
}

static void
add_legend (MilestoneReport *report)
{
  LotseReportBuilder *b = report->builder;
  const char *statuses[] = { "open", "at_risk", "done", "missed", "cancelled" };
  double x = b->left, line_height = 14;

  lotse_report_builder_ensure (b, 2 * line_height);

  /* The entries flow left to right and wrap like words. */
  for (guint i = 0; i < G_N_ELEMENTS (statuses) + 4; i++)
    {
      g_autoptr(PangoLayout) layout = NULL;
      const char *text;
      double width;

      if (i < G_N_ELEMENTS (statuses))
        text = lotse_enum_value_label (LOTSE_TABLE_MILESTONE, LOTSE_MILESTONE_STATUS, statuses[i]);
      else if (i == G_N_ELEMENTS (statuses))
        text = _("Overdue");
      else if (i == G_N_ELEMENTS (statuses) + 1)
        /* Translators: the PDF timeline's legend: a mark of two diamonds */
        text = _("Several milestones, too near to tell apart");
      else if (i == G_N_ELEMENTS (statuses) + 2)
        text = _("Project runtime");
      else
        text = _("Today");

      layout = lotse_report_builder_layout (b, text, LOTSE_REPORT_FONT_SMALL, 0);
      width = 16 + lotse_report_layout_width (layout) + 14;
      if (x + width > b->right && x > b->left)
        {
          x = b->left;
          b->y += line_height;
          lotse_report_builder_ensure (b, line_height);
        }

      if (i < G_N_ELEMENTS (statuses))
        lotse_report_builder_add_mark (b, LOTSE_REPORT_ITEM_DIAMOND, x + 5, b->y + 5, DIAMOND_SIZE,
                                       lotse_report_status_colour (statuses[i]), LOTSE_REPORT_INK);
      else if (i == G_N_ELEMENTS (statuses))
        {
          lotse_report_builder_add_mark (b, LOTSE_REPORT_ITEM_DIAMOND, x + 5, b->y + 5, DIAMOND_SIZE,
                                         lotse_report_status_colour ("open"), 0xc01c28);
          lotse_report_builder_add_mark (b, LOTSE_REPORT_ITEM_DIAMOND, x + 5, b->y + 5,
                                         DIAMOND_SIZE + 4, LOTSE_REPORT_NONE, 0xc01c28);
        }
      else if (i == G_N_ELEMENTS (statuses) + 1)
        {
          Mark several = { x + 5, NULL, 2, "open", FALSE };

          draw_mark (b, &several, b->y + 6);
        }
      else if (i == G_N_ELEMENTS (statuses) + 2)
        lotse_report_builder_add_rect (b, x, b->y + 2, 12, BAR_HEIGHT, 0x99c1f1, 0x62a0ea);
      else
        lotse_report_builder_add_line (b, x + 5, b->y - 1, x + 5, b->y + 11, 0xc01c28, 1.0, TRUE);

      lotse_report_builder_add_text (b, layout, x + 16, b->y, LOTSE_REPORT_INK);
      x += width;
    }

  b->y += line_height + 4;
}

static void
add_timeline_row (MilestoneReport *report,
                  ProjectRow      *row,
                  guint            index)
{
  LotseReportBuilder *b = report->builder;
  g_autoptr(PangoLayout) label = lotse_report_builder_layout (b, lotse_report_project_name (row->project),
                                                              LOTSE_REPORT_FONT_TABLE, LABEL_WIDTH - 8);
  g_autoptr(GArray) marks = NULL;
  double height = MAX (ROW_MIN_HEIGHT, lotse_report_layout_height (label) + 5);
  guint32 start = julian (lotse_record_get (row->project, LOTSE_PROJECT_START_DATE));
  guint32 end = julian (lotse_record_get (row->project, LOTSE_PROJECT_END_DATE));
  double mid;

  /* Every page of the chart begins with its legend and axis. */
  if (b->y + height > b->bottom)
    {
      close_slice (report);
      lotse_report_builder_new_page (b);
      add_legend (report);
      add_axis (report);
    }

  mid = b->y + height - BAR_HEIGHT / 2 - 5;
  if (index % 2 == 1)
    lotse_report_builder_add_rect (b, b->left, b->y, lotse_report_builder_width (b), height,
                                   LOTSE_REPORT_SHADE, LOTSE_REPORT_NONE);
  lotse_report_builder_add_text (b, label, b->left + 4,
                                 b->y + (height - lotse_report_layout_height (label)) / 2,
                                 LOTSE_REPORT_INK);

  /* The runtime bar, cut to the visible range. */
  if (start != 0 || end != 0)
    {
      guint32 s = start != 0 ? start : report->first_day;
      guint32 e = end != 0 ? end + 1 : report->last_day + 1;

      if (s <= report->last_day && e >= report->first_day)
        {
          double x0 = day_x (report, s), x1 = day_x (report, e);

          lotse_report_builder_add_rect (b, x0, mid - BAR_HEIGHT / 2, MAX (x1 - x0, 1), BAR_HEIGHT,
                                         0x99c1f1, 0x62a0ea);
        }
    }

  marks = layout_marks (report, row);
  for (guint i = 0; i < marks->len; i++)
    draw_mark (b, &g_array_index (marks, Mark, i), mid);
  add_mark_labels (report, marks, b->y + 1);

  b->y += height;
}

void
lotse_report_milestones_add_timeline (MilestoneReport *report)
{
  LotseReportBuilder *b = report->builder;

  report->chart_x = b->left + LABEL_WIDTH;
  report->chart_width = lotse_report_builder_width (b) - LABEL_WIDTH;
  compute_range (report);

  lotse_report_builder_space (b, 12);
  lotse_report_builder_heading (b, _("Timeline"), LOTSE_REPORT_FONT_HEADING, 90, 0);
  add_legend (report);
  add_axis (report);
  for (guint i = 0; i < report->rows->len; i++)
    add_timeline_row (report, g_ptr_array_index (report->rows, i), i);
  close_slice (report);
}
