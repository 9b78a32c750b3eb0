/* lotse-timeline-data.c: what the timeline reads
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The projects with their runtime and milestones, read in one go on a
 * worker thread with the store's reader and kept as small structs, not
 * records: days as Julian day numbers, statuses as enums. The range of
 * days runs a little beyond the first and last date, and always includes
 * today.
 */

#define G_LOG_DOMAIN "lotse-timeline"

#include "config.h"

#include <glib/gi18n.h>

#include "lotse-parse.h"
#include "lotse-store-queries.h"
#include "lotse-timeline-private.h"

#define PADDING_DAYS  45

typedef struct
{
  Data       *data;
  GHashTable *by_id;   /* project id → index in data->projects */
  const char *today;
  gboolean    history;
} ReadState;

int
lotse_timeline_julian_of (const char *text)
{
  GDate date;
  guint y, m, d;

  /* Not g_date_set_parse(): it reads the locale's order. */
  if (!lotse_parse_iso_date (text, &y, &m, &d))
    return 0;

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, (GDateDay) d, (GDateMonth) m, (GDateYear) y);

  return (int) g_date_get_julian (&date);
}

Status
lotse_timeline_status_from_string (const char *status)
{
  for (guint i = 0; i <= STATUS_CANCELLED; i++)
    if (g_strcmp0 (status, lotse_timeline_status_names[i]) == 0)
      return (Status) i;

  return STATUS_OPEN;
}

static void
milestone_clear (gpointer data)
{
  Milestone *milestone = data;

  g_free (milestone->id);
  g_free (milestone->title);
  g_free (milestone->due);
}

static void
project_clear (gpointer data)
{
  Project *project = data;

  g_free (project->id);
  g_free (project->title);
  g_free (project->start);
  g_free (project->end);
  g_free (project->status);
  g_clear_pointer (&project->milestones, g_array_unref);
}

void
lotse_timeline_data_free (Data *data)
{
  g_clear_pointer (&data->projects, g_array_unref);
  g_free (data);
}

static void
add_project_row (const char * const *columns,
                 gpointer            user_data)
{
  ReadState *state = user_data;
  Data *data = state->data;
  Project project = { 0, };
  const char *acronym = columns[2];

  if (!state->history && lotse_monitor_project_is_closed (columns[5]))
    return;

  project.id = g_strdup (columns[0]);
  project.title = acronym != NULL && *acronym != '\0'
    /* Translators: a project's acronym and title in the timeline */
    ? g_strdup_printf (_("%s · %s"), acronym, columns[1])
    : g_strdup (columns[1]);
  project.start = g_strdup (columns[3]);
  project.end = g_strdup (columns[4]);
  project.status = g_strdup (columns[5]);
  project.start_day = lotse_timeline_julian_of (project.start);
  project.end_day = lotse_timeline_julian_of (project.end);
  if (project.start_day != 0 && project.end_day < project.start_day)
    project.end_day = project.start_day;
  if (project.start_day != 0)
    {
      data->first_day = MIN (data->first_day, project.start_day);
      data->last_day = MAX (data->last_day, project.end_day);
    }
  project.milestones = g_array_new (FALSE, TRUE, sizeof (Milestone));
  g_array_set_clear_func (project.milestones, milestone_clear);

  g_hash_table_insert (state->by_id, project.id, GUINT_TO_POINTER (data->projects->len + 1));
  g_array_append_val (data->projects, project);
}

static void
add_milestone_row (const char * const *columns,
                   gpointer            user_data)
{
  ReadState *state = user_data;
  Data *data = state->data;
  guint index = GPOINTER_TO_UINT (g_hash_table_lookup (state->by_id, columns[1]));
  Milestone milestone = { 0, };
  Project *project;

  milestone.day = lotse_timeline_julian_of (columns[3]);
  if (index == 0 || milestone.day == 0)
    return;

  project = &g_array_index (data->projects, Project, index - 1);
  milestone.id = g_strdup (columns[0]);
  milestone.title = g_strdup (columns[2]);
  milestone.due = g_strdup (columns[3]);
  milestone.status = lotse_timeline_status_from_string (columns[4]);
  milestone.overdue = lotse_monitor_is_overdue (columns[4], columns[3], project->status, state->today);
  data->first_day = MIN (data->first_day, milestone.day);
  data->last_day = MAX (data->last_day, milestone.day);
  g_array_append_val (project->milestones, milestone);
}

static int
compare_milestones (gconstpointer a,
                    gconstpointer b)
{
  const Milestone *x = a, *y = b;

  if (x->day != y->day)
    return (x->day > y->day) - (x->day < y->day);
  return g_strcmp0 (x->id, y->id);
}

static Data *
read_data (LotseStore  *store,
           int          today,
           gboolean     history,
           GError     **error)
{
  g_autoptr(GHashTable) by_id = g_hash_table_new (g_str_hash, g_str_equal);
  g_autofree char *today_text = NULL;
  ReadState state = { NULL, by_id, NULL, history };
  GDate today_date;
  Data *data;

  g_date_clear (&today_date, 1);
  g_date_set_julian (&today_date, (guint32) today);
  today_text = g_strdup_printf ("%04u-%02u-%02u", g_date_get_year (&today_date),
                                g_date_get_month (&today_date), g_date_get_day (&today_date));
  state.today = today_text;

  data = g_new0 (Data, 1);
  data->projects = g_array_new (FALSE, TRUE, sizeof (Project));
  g_array_set_clear_func (data->projects, project_clear);
  data->first_day = G_MAXINT;
  data->last_day = 0;
  state.data = data;

  /* The project ids in by_id belong to data->projects, which does not
   * move them: only the Project structs are reallocated, not their id
   * strings. */
  if (!lotse_store_query_timeline (store, add_project_row, add_milestone_row, &state, error))
    {
      lotse_timeline_data_free (data);
      return NULL;
    }

  /* Milestones of deleted projects found no row above. */
  for (guint i = 0; i < data->projects->len; i++)
    g_array_sort (g_array_index (data->projects, Project, i).milestones, compare_milestones);

  if (data->first_day == G_MAXINT)
    {
      data->first_day = today - 365;
      data->last_day = today + 365;
    }
  data->first_day = MIN (data->first_day, today) - PADDING_DAYS;
  data->last_day = MAX (data->last_day, today) + PADDING_DAYS;

  return data;
}

/* On a worker thread, with the store's reader. */
gpointer
lotse_timeline_load_query (LotseStore  *store,
                           gpointer     user_data,
                           GError     **error)
{
  LoadRequest *request = user_data;
  gint64 start = g_get_monotonic_time ();
  Data *data;

  data = read_data (store, request->today, request->history, error);
  if (data != NULL)
    g_debug ("Read %u projects in %.0f ms", data->projects->len,
             (g_get_monotonic_time () - start) / 1000.0);

  return data;
}
