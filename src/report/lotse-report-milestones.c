/* lotse-report-milestones.c: the milestone overview for the steering board
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Landscape A4: a title block, a summary table (one row per project), a
 * timeline chart (runtime bars, milestone diamonds, today line), then one
 * milestone table per project; the chart is in lotse-report-timeline.c.
 * "Overdue" follows core's rule (lotse_monitor_is_overdue()): never a
 * completed project's milestone.
 */

#define G_LOG_DOMAIN "lotse-report"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "lotse-report-milestones-private.h"

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
  const char *status = lotse_record_get (milestone, LOTSE_MILESTONE_STATUS);

  return g_strcmp0 (status, "done") == 0 || g_strcmp0 (status, "cancelled") == 0;
}

gboolean
lotse_report_milestone_is_overdue (LotseRecord *milestone,
                                   LotseRecord *project,
                                   const char  *today)
{
  return lotse_monitor_is_overdue (lotse_record_get (milestone, LOTSE_MILESTONE_STATUS),
                                   lotse_record_get (milestone, LOTSE_MILESTONE_DUE_DATE),
                                   lotse_record_get (project, LOTSE_PROJECT_STATUS), today);
}

static int
compare_milestones (gconstpointer a,
                    gconstpointer b)
{
  LotseRecord *x = *(LotseRecord **) a;
  LotseRecord *y = *(LotseRecord **) b;
  const char *dx = lotse_record_get (x, LOTSE_MILESTONE_DUE_DATE);
  const char *dy = lotse_record_get (y, LOTSE_MILESTONE_DUE_DATE);

  /* Undated milestones last. */
  if (dx == NULL || dy == NULL)
    return (dx == NULL) - (dy == NULL);
  if (strcmp (dx, dy) != 0)
    return strcmp (dx, dy);

  return g_utf8_collate (lotse_record_get (x, LOTSE_MILESTONE_TITLE),
                         lotse_record_get (y, LOTSE_MILESTONE_TITLE));
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
  const char *start = lotse_record_get (project, LOTSE_PROJECT_START_DATE);
  const char *end = lotse_record_get (project, LOTSE_PROJECT_END_DATE);

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
      organisation = lotse_store_get (store, LOTSE_TABLE_ORGANISATION, id, NULL);
      if (organisation == NULL)
        return NULL;
      g_hash_table_insert (cache, g_strdup (id), organisation);
    }

  return lotse_record_get (organisation, LOTSE_ORGANISATION_NAME);
}

/* The milestones of the projects, by project id. One pass over the table:
 * a query per project would make SQLite walk its due-date index for each. */
static GHashTable *
load_milestones (LotseStore                        *store,
                 const LotseMilestoneReportOptions *options,
                 GError                           **error)
{
  LotseFilter filter = { LOTSE_MILESTONE_PROJECT_ID, options->project_id };
  g_autoptr(GPtrArray) milestones = NULL;
  GHashTable *by_project;

  milestones = lotse_store_list (store, LOTSE_TABLE_MILESTONE, &filter, options->project_id != NULL ? 1 : 0,
                                 LOTSE_MILESTONE_PROJECT_ID, 0, 0, error);
  if (milestones == NULL)
    return NULL;

  by_project = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                      (GDestroyNotify) g_ptr_array_unref);
  for (guint i = 0; i < milestones->len; i++)
    {
      LotseRecord *milestone = g_ptr_array_index (milestones, i);
      const char *project_id = lotse_record_get (milestone, LOTSE_MILESTONE_PROJECT_ID);
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
                                           lotse_record_get (project, LOTSE_PROJECT_LEAD_ORGANISATION_ID)));
  row->milestones = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; milestones != NULL && i < milestones->len; i++)
    {
      LotseRecord *milestone = g_ptr_array_index (milestones, i);

      if (in_period (lotse_record_get (milestone, LOTSE_MILESTONE_DUE_DATE), from, to))
        g_ptr_array_add (row->milestones, g_object_ref (milestone));
    }
  g_ptr_array_sort (row->milestones, compare_milestones);

  for (guint i = 0; i < row->milestones->len; i++)
    {
      LotseRecord *milestone = g_ptr_array_index (row->milestones, i);
      const char *due = lotse_record_get (milestone, LOTSE_MILESTONE_DUE_DATE);

      if (g_strcmp0 (lotse_record_get (milestone, LOTSE_MILESTONE_STATUS), "done") == 0)
        row->done++;
      if (lotse_report_milestone_is_overdue (milestone, project, today))
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
  LotseFilter filter = { LOTSE_PROJECT_PROGRAMME_ID, options->programme_id };

  if (options->project_id != NULL)
    {
      g_autoptr(LotseRecord) project = lotse_store_get (store, LOTSE_TABLE_PROJECT,
                                                        options->project_id, error);
      GPtrArray *projects;

      if (project == NULL)
        return NULL;

      if (options->programme_id != NULL &&
          g_strcmp0 (lotse_record_get (project, LOTSE_PROJECT_PROGRAMME_ID), options->programme_id) != 0)
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

  return lotse_store_list (store, LOTSE_TABLE_PROJECT, options->programme_id != NULL ? &filter : NULL,
                           options->programme_id != NULL ? 1 : 0, LOTSE_PROJECT_TITLE, 0, 0, error);
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

      programme_id = lotse_record_get (first->project, LOTSE_PROJECT_PROGRAMME_ID);
      for (guint i = 1; programme_id != NULL && i < rows->len; i++)
        {
          ProjectRow *row = g_ptr_array_index (rows, i);

          if (g_strcmp0 (lotse_record_get (row->project, LOTSE_PROJECT_PROGRAMME_ID), programme_id) != 0)
            programme_id = NULL;
        }
    }

  if (programme_id != NULL)
    programme = lotse_store_get (store, LOTSE_TABLE_PROGRAMME, programme_id, NULL);
  if (programme == NULL)
    return g_strdup (_("All programmes"));

  return g_strdup (lotse_record_get (programme, LOTSE_PROGRAMME_NAME));
}

/* --- text -------------------------------------------------------------------- */

const char *
lotse_report_project_name (LotseRecord *project)
{
  const char *acronym = lotse_record_get (project, LOTSE_PROJECT_ACRONYM);

  return acronym != NULL && *acronym != '\0' ? acronym : lotse_record_get (project, LOTSE_PROJECT_TITLE);
}

static char *
date_or_dash (const char *iso_date)
{
  return iso_date != NULL ? lotse_report_format_date (iso_date) : g_strdup ("–");
}

guint32
lotse_report_status_colour (const char *status)
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

  title = g_markup_escape_text (lotse_record_get (next, LOTSE_MILESTONE_TITLE), -1);
  due = lotse_report_format_date (lotse_record_get (next, LOTSE_MILESTONE_DUE_DATE));

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
      const char *acronym = lotse_record_get (row->project, LOTSE_PROJECT_ACRONYM);
      const char *health = lotse_record_get (row->project, LOTSE_PROJECT_HEALTH);
      g_autofree char *title = g_markup_escape_text (lotse_record_get (row->project,
                                                                       LOTSE_PROJECT_TITLE), -1);
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
        { lotse_enum_value_label (LOTSE_TABLE_PROJECT, LOTSE_PROJECT_HEALTH, health), 0,
          health_colour (health) },
        { lotse_enum_value_label (LOTSE_TABLE_PROJECT, LOTSE_PROJECT_STATUS,
                                  lotse_record_get (row->project, LOTSE_PROJECT_STATUS)),
          0, LOTSE_REPORT_NONE },
        { count, 0, LOTSE_REPORT_NONE },
        { next, LOTSE_REPORT_CELL_MARKUP, LOTSE_REPORT_NONE },
        { overdue, row->overdue > 0 ? LOTSE_REPORT_CELL_BOLD : 0, LOTSE_REPORT_NONE },
      };

      lotse_report_table_add_row (table, cells);
    }
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
  const char *acronym = lotse_record_get (row->project, LOTSE_PROJECT_ACRONYM);
  const char *title = lotse_record_get (row->project, LOTSE_PROJECT_TITLE);
  /* “Bauen 4.0 – Bauen 4.0 – BIM im Mittelstand” says it twice. */
  g_autofree char *heading = acronym != NULL && *acronym != '\0' && !g_str_has_prefix (title, acronym)
    ? g_strdup_printf ("%s – %s", acronym, title) : g_strdup (title);
  g_autofree char *runtime = period_text (lotse_record_get (row->project, LOTSE_PROJECT_START_DATE),
                                          lotse_record_get (row->project, LOTSE_PROJECT_END_DATE));
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
      const char *status = lotse_record_get (milestone, LOTSE_MILESTONE_STATUS);
      const char *label = lotse_enum_value_label (LOTSE_TABLE_MILESTONE, LOTSE_MILESTONE_STATUS, status);
      g_autofree char *due = date_or_dash (lotse_record_get (milestone, LOTSE_MILESTONE_DUE_DATE));
      g_autofree char *done = date_or_dash (lotse_record_get (milestone, LOTSE_MILESTONE_DONE_DATE));
      g_autofree char *status_text = lotse_report_milestone_is_overdue (milestone, row->project, report->today)
        /* Translators: a milestone's status and that it is overdue, e.g. “Open, overdue” */
        ? g_strdup_printf (_("%s, overdue"), label) : g_strdup (label);
      LotseReportCell cells[] = {
        { lotse_record_get (milestone, LOTSE_MILESTONE_TITLE), 0, LOTSE_REPORT_NONE },
        { due, 0, LOTSE_REPORT_NONE },
        { done, 0, LOTSE_REPORT_NONE },
        { status_text, 0, lotse_report_status_colour (status) },
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
      g_autoptr(LotseRecord) programme = lotse_store_get (store, LOTSE_TABLE_PROGRAMME,
                                                          options->programme_id, error);

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
                     ? lotse_record_get (((ProjectRow *) g_ptr_array_index (rows, 0))->project,
                                         LOTSE_PROJECT_TITLE)
                     : NULL);
  add_summary (&report);
  if (rows->len > 0)
    {
      lotse_report_milestones_add_timeline (&report);

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
