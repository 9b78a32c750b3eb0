/* lotse-report-milestones.c: the milestone overview for the steering board
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Landscape A4: a title block, a summary table (one row per project), a
 * timeline chart (runtime bars, milestone diamonds, today line), then one
 * milestone table per project.
 */

#define G_LOG_DOMAIN "lotse-report"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "lotse-report-private.h"

#define LABEL_WIDTH     150.0  /* the project names left of the timeline */
#define ROW_MIN_HEIGHT  20.0
#define BAR_HEIGHT      7.0
#define DIAMOND_SIZE    9.0

typedef struct
{
  LotseRecord *project;
  char        *lead;        /* the lead organisation's name, or NULL */
  GPtrArray   *milestones;  /* LotseRecord in the period, by due date */
  guint        done;
  guint        overdue;
  LotseRecord *next;        /* the next open milestone, or NULL */
} ProjectRow;

typedef enum
{
  AXIS_MONTHS,
  AXIS_QUARTERS,
  AXIS_YEARS,
} AxisUnit;

typedef struct
{
  LotseReportBuilder *builder;
  GPtrArray          *rows;      /* ProjectRow */
  const char         *today;
  char               *from;      /* the period shown, YYYY-MM-DD; NULL: open */
  char               *to;
  guint32             first_day; /* the timeline's range as Julian days */
  guint32             last_day;
  AxisUnit            unit;
  double              chart_x;
  double              chart_width;
  double              slice_top; /* where the rows of this page start */
} MilestoneReport;

static void
project_row_free (gpointer data)
{
  ProjectRow *row = data;

  g_clear_object (&row->project);
  g_clear_pointer (&row->milestones, g_ptr_array_unref);
  g_free (row->lead);
  g_free (row);
}

/* --- data ------------------------------------------------------------------ */

static gboolean
is_closed (LotseRecord *milestone)
{
  const char *status = lotse_record_get (milestone, "status");

  return g_strcmp0 (status, "done") == 0 || g_strcmp0 (status, "cancelled") == 0;
}

static gboolean
is_overdue (LotseRecord *milestone,
            const char  *today)
{
  const char *due = lotse_record_get (milestone, "due_date");

  return !is_closed (milestone) && due != NULL && strcmp (due, today) < 0;
}

static int
compare_milestones (gconstpointer a,
                    gconstpointer b)
{
  LotseRecord *x = *(LotseRecord **) a;
  LotseRecord *y = *(LotseRecord **) b;
  const char *dx = lotse_record_get (x, "due_date");
  const char *dy = lotse_record_get (y, "due_date");

  /* Undated milestones last. */
  if (dx == NULL || dy == NULL)
    return (dx == NULL) - (dy == NULL);
  if (strcmp (dx, dy) != 0)
    return strcmp (dx, dy);

  return g_utf8_collate (lotse_record_get (x, "title"), lotse_record_get (y, "title"));
}

static gboolean
in_period (const char *date,
           const char *from,
           const char *to)
{
  if (date == NULL)
    return from == NULL && to == NULL;

  return (from == NULL || strcmp (date, from) >= 0) && (to == NULL || strcmp (date, to) <= 0);
}

/* A project runs in the period if its runtime overlaps it. */
static gboolean
runs_in_period (LotseRecord *project,
                const char  *from,
                const char  *to)
{
  const char *start = lotse_record_get (project, "start_date");
  const char *end = lotse_record_get (project, "end_date");

  if (start == NULL && end == NULL)
    return from == NULL && to == NULL;

  return (to == NULL || start == NULL || strcmp (start, to) <= 0) &&
         (from == NULL || end == NULL || strcmp (end, from) >= 0);
}

static const char *
organisation_name (LotseStore  *store,
                   GHashTable  *cache,
                   const char  *id)
{
  LotseRecord *organisation;

  if (id == NULL)
    return NULL;

  organisation = g_hash_table_lookup (cache, id);
  if (organisation == NULL)
    {
      organisation = lotse_store_get (store, "organisation", id, NULL);
      if (organisation == NULL)
        return NULL;
      g_hash_table_insert (cache, g_strdup (id), organisation);
    }

  return lotse_record_get (organisation, "name");
}

/* The milestones of the projects, by project id. One pass over the table:
 * a query per project would make SQLite walk its due-date index for each. */
static GHashTable *
load_milestones (LotseStore                        *store,
                 const LotseMilestoneReportOptions *options,
                 GError                           **error)
{
  LotseFilter filter = { "project_id", options->project_id };
  g_autoptr(GPtrArray) milestones = NULL;
  GHashTable *by_project;

  milestones = lotse_store_list (store, "milestone", &filter, options->project_id != NULL ? 1 : 0,
                                 "project_id", 0, 0, error);
  if (milestones == NULL)
    return NULL;

  by_project = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                      (GDestroyNotify) g_ptr_array_unref);
  for (guint i = 0; i < milestones->len; i++)
    {
      LotseRecord *milestone = g_ptr_array_index (milestones, i);
      const char *project_id = lotse_record_get (milestone, "project_id");
      GPtrArray *list = g_hash_table_lookup (by_project, project_id);

      if (list == NULL)
        {
          list = g_ptr_array_new_with_free_func (g_object_unref);
          g_hash_table_insert (by_project, g_strdup (project_id), list);
        }
      g_ptr_array_add (list, g_object_ref (milestone));
    }

  return by_project;
}

static ProjectRow *
load_project_row (LotseStore   *store,
                  GHashTable   *organisations,
                  GHashTable   *milestones_by_project,
                  LotseRecord  *project,
                  const char   *from,
                  const char   *to,
                  const char   *today)
{
  GPtrArray *milestones = g_hash_table_lookup (milestones_by_project, lotse_record_get_id (project));
  ProjectRow *row;

  row = g_new0 (ProjectRow, 1);
  row->project = g_object_ref (project);
  row->lead = g_strdup (organisation_name (store, organisations,
                                           lotse_record_get (project, "lead_organisation_id")));
  row->milestones = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; milestones != NULL && i < milestones->len; i++)
    {
      LotseRecord *milestone = g_ptr_array_index (milestones, i);

      if (in_period (lotse_record_get (milestone, "due_date"), from, to))
        g_ptr_array_add (row->milestones, g_object_ref (milestone));
    }
  g_ptr_array_sort (row->milestones, compare_milestones);

  for (guint i = 0; i < row->milestones->len; i++)
    {
      LotseRecord *milestone = g_ptr_array_index (row->milestones, i);
      const char *due = lotse_record_get (milestone, "due_date");

      if (g_strcmp0 (lotse_record_get (milestone, "status"), "done") == 0)
        row->done++;
      if (is_overdue (milestone, today))
        row->overdue++;
      if (row->next == NULL && !is_closed (milestone) && due != NULL && strcmp (due, today) >= 0)
        row->next = milestone;
    }

  return row;
}

static GPtrArray *
load_projects (LotseStore                        *store,
               const LotseMilestoneReportOptions *options,
               GError                           **error)
{
  LotseFilter filter = { "programme_id", options->programme_id };

  if (options->project_id != NULL)
    {
      g_autoptr(LotseRecord) project = lotse_store_get (store, "project", options->project_id, error);
      GPtrArray *projects;

      if (project == NULL)
        return NULL;

      if (options->programme_id != NULL &&
          g_strcmp0 (lotse_record_get (project, "programme_id"), options->programme_id) != 0)
        {
          g_set_error (error, LOTSE_ERROR, LOTSE_ERROR_INVALID_VALUE,
                       /* Translators: both are ids */
                       _("Project %s does not belong to programme %s"),
                       options->project_id, options->programme_id);
          return NULL;
        }

      projects = g_ptr_array_new_with_free_func (g_object_unref);
      g_ptr_array_add (projects, g_steal_pointer (&project));
      return projects;
    }

  return lotse_store_list (store, "project", options->programme_id != NULL ? &filter : NULL,
                           options->programme_id != NULL ? 1 : 0, "title", 0, 0, error);
}

static char *
programme_title (LotseStore                        *store,
                 const LotseMilestoneReportOptions *options,
                 GPtrArray                         *rows)
{
  const char *programme_id = options->programme_id;
  g_autoptr(LotseRecord) programme = NULL;

  /* Without a programme named, the projects may still all share one. */
  if (programme_id == NULL && rows->len > 0)
    {
      ProjectRow *first = g_ptr_array_index (rows, 0);

      programme_id = lotse_record_get (first->project, "programme_id");
      for (guint i = 1; programme_id != NULL && i < rows->len; i++)
        {
          ProjectRow *row = g_ptr_array_index (rows, i);

          if (g_strcmp0 (lotse_record_get (row->project, "programme_id"), programme_id) != 0)
            programme_id = NULL;
        }
    }

  if (programme_id != NULL)
    programme = lotse_store_get (store, "programme", programme_id, NULL);
  if (programme == NULL)
    return g_strdup (_("All programmes"));

  return g_strdup (lotse_record_get (programme, "name"));
}

/* --- text -------------------------------------------------------------------- */

static const char *
project_name (LotseRecord *project)
{
  const char *acronym = lotse_record_get (project, "acronym");

  return acronym != NULL && *acronym != '\0' ? acronym : lotse_record_get (project, "title");
}

static char *
date_or_dash (const char *iso_date)
{
  return iso_date != NULL ? lotse_report_format_date (iso_date) : g_strdup ("–");
}

static guint32
status_colour (const char *status)
{
  if (g_strcmp0 (status, "done") == 0)
    return 0x2ec27e;
  if (g_strcmp0 (status, "at_risk") == 0)
    return 0xff7800;
  if (g_strcmp0 (status, "missed") == 0)
    return 0xc01c28;
  if (g_strcmp0 (status, "cancelled") == 0)
    return 0x9a9996;

  return 0x3584e4;
}

static guint32
health_colour (const char *health)
{
  if (g_strcmp0 (health, "green") == 0)
    return 0x33d17a;
  if (g_strcmp0 (health, "yellow") == 0)
    return 0xf6d32d;
  if (g_strcmp0 (health, "red") == 0)
    return 0xe01b24;

  return 0xffffff;
}

static char *
period_text (const char *from,
             const char *to)
{
  g_autofree char *a = from != NULL ? lotse_report_format_date (from) : NULL;
  g_autofree char *b = to != NULL ? lotse_report_format_date (to) : NULL;

  if (a != NULL && b != NULL)
    /* Translators: a period of time; both are dates */
    return g_strdup_printf (_("%s to %s"), a, b);
  if (a != NULL)
    /* Translators: a period of time that has no end; %s is a date */
    return g_strdup_printf (_("from %s"), a);
  if (b != NULL)
    /* Translators: a period of time that has no start; %s is a date */
    return g_strdup_printf (_("until %s"), b);

  return g_strdup (_("all dates"));
}

/* --- title and summary ------------------------------------------------------- */

static void
add_title_block (MilestoneReport *report,
                 const char      *programme,
                 const char      *project)
{
  LotseReportBuilder *b = report->builder;
  g_autoptr(PangoLayout) title = lotse_report_builder_layout (b, _("Milestone overview"),
                                                              LOTSE_REPORT_FONT_TITLE,
                                                              lotse_report_builder_width (b));
  g_autofree char *period = period_text (report->from, report->to);
  g_autofree char *today = lotse_report_format_date (report->today);
  const char *fields[] = {
    _("Programme"), programme,
    _("Project"), project,
    _("Period"), period,
    /* Translators: the date a report shows the state of; German “Stand” */
    C_("report", "As of"), today,
    NULL,
  };

  lotse_report_builder_add_text (b, title, b->left, b->y, LOTSE_REPORT_INK);
  b->y += lotse_report_layout_height (title) + 8;
  lotse_report_builder_fields (b, fields);
  b->y += 6;
  lotse_report_builder_add_line (b, b->left, b->y, b->right, b->y, LOTSE_REPORT_INK, 1.0, FALSE);
  lotse_report_builder_space (b, 14);
}

static char *
next_milestone_markup (LotseRecord *next)
{
  g_autofree char *title = NULL;
  g_autofree char *due = NULL;

  if (next == NULL)
    return g_strdup ("–");

  title = g_markup_escape_text (lotse_record_get (next, "title"), -1);
  due = lotse_report_format_date (lotse_record_get (next, "due_date"));

  return g_strdup_printf ("%s\n<span foreground=\"#5e5c64\">%s</span>", title, due);
}

static void
add_summary (MilestoneReport *report)
{
  LotseReportBuilder *b = report->builder;
  const LotseReportColumn columns[] = {
    { _("Project"), 3.0, PANGO_ALIGN_LEFT },
    { _("Lead organisation"), 2.0, PANGO_ALIGN_LEFT },
    { _("Health"), 1.2, PANGO_ALIGN_LEFT },
    { _("Status"), 1.0, PANGO_ALIGN_LEFT },
    /* Translators: a table column: milestones done of all milestones */
    { _("Milestones done"), 1.0, PANGO_ALIGN_RIGHT },
    { _("Next milestone"), 2.6, PANGO_ALIGN_LEFT },
    { _("Overdue"), 0.8, PANGO_ALIGN_RIGHT },
  };
  g_autoptr(LotseReportTable) table = NULL;

  lotse_report_builder_heading (b, _("Summary"), LOTSE_REPORT_FONT_HEADING, 60, 0);

  if (report->rows->len == 0)
    {
      lotse_report_builder_paragraph (b, _("No projects run or have milestones in this period."),
                                      FALSE, LOTSE_REPORT_FONT_BODY, 0, LOTSE_REPORT_MUTED);
      return;
    }

  table = lotse_report_table_new (b, columns, G_N_ELEMENTS (columns));
  for (guint i = 0; i < report->rows->len; i++)
    {
      ProjectRow *row = g_ptr_array_index (report->rows, i);
      const char *acronym = lotse_record_get (row->project, "acronym");
      const char *health = lotse_record_get (row->project, "health");
      g_autofree char *title = g_markup_escape_text (lotse_record_get (row->project, "title"), -1);
      g_autofree char *acronym_markup = acronym != NULL ? g_markup_escape_text (acronym, -1) : NULL;
      g_autofree char *project = acronym_markup != NULL && *acronym_markup != '\0'
        ? g_strdup_printf ("<b>%s</b>\n%s", acronym_markup, title)
        : g_strdup_printf ("<b>%s</b>", title);
      /* Translators: milestones done of all, e.g. “3 / 7” */
      g_autofree char *count = g_strdup_printf (_("%u / %u"), row->done, row->milestones->len);
      g_autofree char *overdue = g_strdup_printf ("%u", row->overdue);
      g_autofree char *next = next_milestone_markup (row->next);
      LotseReportCell cells[] = {
        { project, LOTSE_REPORT_CELL_MARKUP, LOTSE_REPORT_NONE },
        { row->lead != NULL ? row->lead : "–", 0, LOTSE_REPORT_NONE },
        { lotse_enum_value_label ("project", "health", health), 0, health_colour (health) },
        { lotse_enum_value_label ("project", "status", lotse_record_get (row->project, "status")),
          0, LOTSE_REPORT_NONE },
        { count, 0, LOTSE_REPORT_NONE },
        { next, LOTSE_REPORT_CELL_MARKUP, LOTSE_REPORT_NONE },
        { overdue, row->overdue > 0 ? LOTSE_REPORT_CELL_BOLD : 0, LOTSE_REPORT_NONE },
      };

      lotse_report_table_add_row (table, cells);
    }
}

/* --- timeline ---------------------------------------------------------------- */

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

          widen (&lo, &hi, lotse_record_get (row->project, "start_date"));
          widen (&lo, &hi, lotse_record_get (row->project, "end_date"));
          for (guint j = 0; j < row->milestones->len; j++)
            widen (&lo, &hi, lotse_record_get (g_ptr_array_index (row->milestones, j), "due_date"));
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

static void
add_timeline_row (MilestoneReport *report,
                  ProjectRow      *row,
                  guint            index)
{
  LotseReportBuilder *b = report->builder;
  g_autoptr(PangoLayout) label = lotse_report_builder_layout (b, project_name (row->project),
                                                              LOTSE_REPORT_FONT_TABLE, LABEL_WIDTH - 8);
  double height = MAX (ROW_MIN_HEIGHT, lotse_report_layout_height (label) + 5);
  guint32 start = julian (lotse_record_get (row->project, "start_date"));
  guint32 end = julian (lotse_record_get (row->project, "end_date"));
  double mid;

  if (b->y + height > b->bottom)
    {
      close_slice (report);
      lotse_report_builder_new_page (b);
      add_axis (report);
    }

  mid = b->y + height / 2;
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

  for (guint i = 0; i < row->milestones->len; i++)
    {
      LotseRecord *milestone = g_ptr_array_index (row->milestones, i);
      guint32 due = julian (lotse_record_get (milestone, "due_date"));
      gboolean overdue = is_overdue (milestone, report->today);

      if (due == 0 || due < report->first_day || due > report->last_day)
        continue;

      lotse_report_builder_add_mark (b, LOTSE_REPORT_ITEM_DIAMOND, day_x (report, due) ,
                                     mid, DIAMOND_SIZE,
                                     status_colour (lotse_record_get (milestone, "status")),
                                     overdue ? 0xc01c28 : LOTSE_REPORT_INK);
      if (overdue)
        lotse_report_builder_add_mark (b, LOTSE_REPORT_ITEM_DIAMOND, day_x (report, due), mid,
                                       DIAMOND_SIZE + 4, LOTSE_REPORT_NONE, 0xc01c28);
    }

  b->y += height;
}

typedef struct
{
  LotseReportItemKind kind;
  guint32             fill;
  guint32             stroke;
  const char         *label;
  gboolean            ring;
} LegendEntry;

static void
add_legend (MilestoneReport *report)
{
  LotseReportBuilder *b = report->builder;
  const char *statuses[] = { "open", "at_risk", "done", "missed", "cancelled" };
  double x = b->left, line_height = 14;

  b->y += 8;
  lotse_report_builder_ensure (b, 2 * line_height);

  /* The entries flow left to right and wrap like words. */
  for (guint i = 0; i < G_N_ELEMENTS (statuses) + 3; i++)
    {
      g_autoptr(PangoLayout) layout = NULL;
      const char *text;
      double width;

      if (i < G_N_ELEMENTS (statuses))
        text = lotse_enum_value_label ("milestone", "status", statuses[i]);
      else if (i == G_N_ELEMENTS (statuses))
        text = _("Overdue");
      else if (i == G_N_ELEMENTS (statuses) + 1)
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
                                       status_colour (statuses[i]), LOTSE_REPORT_INK);
      else if (i == G_N_ELEMENTS (statuses))
        {
          lotse_report_builder_add_mark (b, LOTSE_REPORT_ITEM_DIAMOND, x + 5, b->y + 5, DIAMOND_SIZE,
                                         status_colour ("open"), 0xc01c28);
          lotse_report_builder_add_mark (b, LOTSE_REPORT_ITEM_DIAMOND, x + 5, b->y + 5,
                                         DIAMOND_SIZE + 4, LOTSE_REPORT_NONE, 0xc01c28);
        }
      else if (i == G_N_ELEMENTS (statuses) + 1)
        lotse_report_builder_add_rect (b, x, b->y + 2, 12, BAR_HEIGHT, 0x99c1f1, 0x62a0ea);
      else
        lotse_report_builder_add_line (b, x + 5, b->y - 1, x + 5, b->y + 11, 0xc01c28, 1.0, TRUE);

      lotse_report_builder_add_text (b, layout, x + 16, b->y, LOTSE_REPORT_INK);
      x += width;
    }

  b->y += line_height;
}

static void
add_timeline (MilestoneReport *report)
{
  LotseReportBuilder *b = report->builder;

  report->chart_x = b->left + LABEL_WIDTH;
  report->chart_width = lotse_report_builder_width (b) - LABEL_WIDTH;
  compute_range (report);

  lotse_report_builder_space (b, 12);
  lotse_report_builder_heading (b, _("Timeline"), LOTSE_REPORT_FONT_HEADING, 90, 0);
  add_axis (report);
  for (guint i = 0; i < report->rows->len; i++)
    add_timeline_row (report, g_ptr_array_index (report->rows, i), i);
  close_slice (report);
  add_legend (report);
}

/* --- per project ------------------------------------------------------------- */

static void
add_project_milestones (MilestoneReport *report,
                        ProjectRow      *row)
{
  LotseReportBuilder *b = report->builder;
  const LotseReportColumn columns[] = {
    { _("Milestone"), 6.0, PANGO_ALIGN_LEFT },
    { _("Due"), 1.1, PANGO_ALIGN_LEFT },
    { _("Done"), 1.1, PANGO_ALIGN_LEFT },
    { _("Status"), 1.6, PANGO_ALIGN_LEFT },
  };
  const char *acronym = lotse_record_get (row->project, "acronym");
  const char *title = lotse_record_get (row->project, "title");
  /* “Bauen 4.0 – Bauen 4.0 – BIM im Mittelstand” says it twice. */
  g_autofree char *heading = acronym != NULL && *acronym != '\0' && !g_str_has_prefix (title, acronym)
    ? g_strdup_printf ("%s – %s", acronym, title) : g_strdup (title);
  g_autofree char *runtime = period_text (lotse_record_get (row->project, "start_date"),
                                          lotse_record_get (row->project, "end_date"));
  g_autofree char *details = NULL;
  g_autoptr(LotseReportTable) table = NULL;

  if (row->lead != NULL)
    /* Translators: under a project's name: its lead organisation and its runtime */
    details = g_strdup_printf (_("Lead: %s · Runtime: %s"), row->lead, runtime);
  else
    /* Translators: under a project's name: its runtime */
    details = g_strdup_printf (_("Runtime: %s"), runtime);

  lotse_report_builder_space (b, 10);
  lotse_report_builder_heading (b, heading, LOTSE_REPORT_FONT_SUBHEADING, 60, 1);
  lotse_report_builder_paragraph (b, details, FALSE, LOTSE_REPORT_FONT_SMALL, 0, LOTSE_REPORT_MUTED);
  b->y += 4;

  if (row->milestones->len == 0)
    {
      lotse_report_builder_paragraph (b, report->from != NULL || report->to != NULL
                                        ? _("No milestones in this period.") : _("No milestones."),
                                      FALSE, LOTSE_REPORT_FONT_BODY, 0, LOTSE_REPORT_MUTED);
      return;
    }

  table = lotse_report_table_new (b, columns, G_N_ELEMENTS (columns));
  for (guint i = 0; i < row->milestones->len; i++)
    {
      LotseRecord *milestone = g_ptr_array_index (row->milestones, i);
      const char *status = lotse_record_get (milestone, "status");
      const char *label = lotse_enum_value_label ("milestone", "status", status);
      g_autofree char *due = date_or_dash (lotse_record_get (milestone, "due_date"));
      g_autofree char *done = date_or_dash (lotse_record_get (milestone, "done_date"));
      g_autofree char *status_text = is_overdue (milestone, report->today)
        /* Translators: a milestone's status and that it is overdue, e.g. “Open, overdue” */
        ? g_strdup_printf (_("%s, overdue"), label) : g_strdup (label);
      LotseReportCell cells[] = {
        { lotse_record_get (milestone, "title"), 0, LOTSE_REPORT_NONE },
        { due, 0, LOTSE_REPORT_NONE },
        { done, 0, LOTSE_REPORT_NONE },
        { status_text, 0, status_colour (status) },
      };

      lotse_report_table_add_row (table, cells);
    }
}

/* --- the report -------------------------------------------------------------- */

static gboolean
check_options (LotseStore                        *store,
               const LotseMilestoneReportOptions *options,
               GError                           **error)
{
  if (options->from != NULL && !lotse_report_parse_date (options->from, error))
    return FALSE;
  if (options->to != NULL && !lotse_report_parse_date (options->to, error))
    return FALSE;
  if (options->today != NULL && !lotse_report_parse_date (options->today, error))
    return FALSE;

  if (options->from != NULL && options->to != NULL && strcmp (options->from, options->to) > 0)
    {
      g_set_error (error, LOTSE_ERROR, LOTSE_ERROR_INVALID_VALUE,
                   /* Translators: both are dates YYYY-MM-DD */
                   _("The period starts (%s) after it ends (%s)"), options->from, options->to);
      return FALSE;
    }

  if (options->programme_id != NULL)
    {
      g_autoptr(LotseRecord) programme = lotse_store_get (store, "programme", options->programme_id, error);

      if (programme == NULL)
        return FALSE;
    }

  return TRUE;
}

/* A row per project, with its milestones. With a period, only projects
 * that run in it or have milestones in it. */
static GPtrArray *
load_rows (LotseStore                        *store,
           const LotseMilestoneReportOptions *options,
           GPtrArray                         *projects,
           GHashTable                        *milestones,
           const char                        *today)
{
  g_autoptr(GHashTable) organisations = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                               g_object_unref);
  GPtrArray *rows = g_ptr_array_new_with_free_func (project_row_free);
  gboolean period = options->from != NULL || options->to != NULL;

  for (guint i = 0; i < projects->len; i++)
    {
      LotseRecord *project = g_ptr_array_index (projects, i);
      ProjectRow *row = load_project_row (store, organisations, milestones, project,
                                          options->from, options->to, today);

      if (period && options->project_id == NULL && row->milestones->len == 0 &&
          !runs_in_period (project, options->from, options->to))
        project_row_free (row);
      else
        g_ptr_array_add (rows, row);
    }

  return rows;
}

/**
 * lotse_report_new_milestones:
 * @store: the store to read
 * @options: (nullable): what to show
 * @error: a location for a #GError
 *
 * Returns: (transfer full): the milestone overview, laid out, or %NULL if
 *   an option is invalid (a bad date, a programme that does not exist, …)
 */
LotseReport *
lotse_report_new_milestones (LotseStore                        *store,
                             const LotseMilestoneReportOptions *options,
                             GError                           **error)
{
  static const LotseMilestoneReportOptions no_options = { NULL, };
  g_autoptr(GPtrArray) projects = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GHashTable) milestones = NULL;
  g_autofree char *today = NULL;
  g_autofree char *programme = NULL;
  g_autofree char *title = NULL;
  MilestoneReport report = { NULL, };
  LotseReport *self;

  g_return_val_if_fail (LOTSE_IS_STORE (store), NULL);

  if (options == NULL)
    options = &no_options;

  if (!check_options (store, options, error))
    return NULL;

  today = options->today != NULL ? g_strdup (options->today) : lotse_report_today ();
  projects = load_projects (store, options, error);
  if (projects == NULL)
    return NULL;

  milestones = load_milestones (store, options, error);
  if (milestones == NULL)
    return NULL;

  rows = load_rows (store, options, projects, milestones, today);
  programme = programme_title (store, options, rows);
  /* Translators: the title of a PDF; %s is a programme's name */
  title = g_strdup_printf (_("Milestone overview – %s"), programme);
  self = lotse_report_new (LOTSE_REPORT_MILESTONES, title, today, options->author, TRUE);

  report.builder = lotse_report_builder_new (self);
  report.rows = rows;
  report.today = today;
  report.from = g_strdup (options->from);
  report.to = g_strdup (options->to);

  add_title_block (&report, programme,
                   options->project_id != NULL && rows->len > 0
                     ? lotse_record_get (((ProjectRow *) g_ptr_array_index (rows, 0))->project, "title")
                     : NULL);
  add_summary (&report);
  if (rows->len > 0)
    {
      add_timeline (&report);

      /* The tables start on a page of their own unless there is room to spare. */
      lotse_report_builder_ensure (report.builder, (report.builder->bottom - report.builder->top) / 2);
      lotse_report_builder_space (report.builder, 16);
      lotse_report_builder_heading (report.builder, _("Milestones by project"),
                                    LOTSE_REPORT_FONT_HEADING, 80, 0);
      for (guint i = 0; i < rows->len; i++)
        add_project_milestones (&report, g_ptr_array_index (rows, i));
    }

  lotse_report_builder_finish (report.builder);
  g_free (report.from);
  g_free (report.to);

  return self;
}
