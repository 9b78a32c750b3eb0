/* lotse-monitor.c: milestones and funder reports overdue or due soon
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What a project office looks at before every jour fixe: milestones that
 * are neither done nor cancelled and are overdue or due within the next N
 * days, and, beside them in the same order, the open statements of use
 * the funders expect (funder_report), which are overdue by the same rule. Dates are calendar days; "today" can be given so that tests and
 * reports are reproducible.
 *
 * The rule for "overdue": a milestone is overdue when it is neither done
 * nor cancelled, its due date has passed, and its project still runs
 * (planned, running or paused). A milestone that a completed or cancelled
 * project left open can no longer be reached; it is history, which the
 * monitor shows only when asked (LOTSE_MONITOR_SCOPE_HISTORY), so that the
 * office sees first what it must act on. Every view that marks milestones
 * as overdue asks lotse_monitor_is_overdue().
 */

#define G_LOG_DOMAIN "lotse-monitor"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "lotse-error.h"
#include "lotse-monitor.h"
#include "lotse-parse.h"
#include "lotse-schema.h"
#include "lotse-store-queries.h"

G_DEFINE_BOXED_TYPE (LotseMonitorEntry, lotse_monitor_entry,
                     lotse_monitor_entry_copy, lotse_monitor_entry_free)

LotseMonitorEntry *
lotse_monitor_entry_new (void)
{
  return g_new0 (LotseMonitorEntry, 1);
}

LotseMonitorEntry *
lotse_monitor_entry_copy (const LotseMonitorEntry *entry)
{
  LotseMonitorEntry *copy;

  g_return_val_if_fail (entry != NULL, NULL);

  copy = lotse_monitor_entry_new ();
  copy->milestone = entry->milestone ? lotse_record_copy (entry->milestone) : NULL;
  copy->report_kind = g_strdup (entry->report_kind);
  copy->project_id = g_strdup (entry->project_id);
  copy->project_title = g_strdup (entry->project_title);
  copy->project_acronym = g_strdup (entry->project_acronym);
  copy->programme_id = g_strdup (entry->programme_id);
  copy->project_status = g_strdup (entry->project_status);
  copy->due_date = g_strdup (entry->due_date);
  copy->days_overdue = entry->days_overdue;
  copy->state = entry->state;

  return copy;
}

void
lotse_monitor_entry_free (LotseMonitorEntry *entry)
{
  if (entry == NULL)
    return;

  g_clear_object (&entry->milestone);
  g_free (entry->report_kind);
  g_free (entry->project_id);
  g_free (entry->project_title);
  g_free (entry->project_acronym);
  g_free (entry->programme_id);
  g_free (entry->project_status);
  g_free (entry->due_date);
  g_free (entry);
}

/**
 * lotse_monitor_entry_get_title:
 * @entry: an entry
 *
 * A funder report needs no title of its own; untitled, it is named by its
 * kind ("Interim statement").
 *
 * Returns: what the entry is called
 */
const char *
lotse_monitor_entry_get_title (const LotseMonitorEntry *entry)
{
  const char *title;

  g_return_val_if_fail (entry != NULL && entry->milestone != NULL, NULL);

  title = lotse_record_get (entry->milestone, LOTSE_MILESTONE_TITLE);
  if (entry->report_kind != NULL && (title == NULL || *title == '\0'))
    return lotse_enum_value_label (LOTSE_TABLE_FUNDER_REPORT, LOTSE_FUNDER_REPORT_KIND,
                                   entry->report_kind);

  return title;
}

/* Dates in the store are validated YYYY-MM-DD; anything else is refused. */
static gboolean
parse_date (const char *text,
            GDate      *date)
{
  guint year, month, day;

  g_date_clear (date, 1);

  if (!lotse_parse_iso_date (text, &year, &month, &day))
    return FALSE;

  g_date_set_dmy (date, (GDateDay) day, (GDateMonth) month, (GDateYear) year);

  return TRUE;
}

static char *
format_date (const GDate *date)
{
  return g_strdup_printf ("%04u-%02u-%02u", g_date_get_year (date),
                          g_date_get_month (date), g_date_get_day (date));
}

/**
 * lotse_monitor_today:
 *
 * Returns: (transfer full): the local date of today, YYYY-MM-DD
 */
char *
lotse_monitor_today (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  return g_date_time_format (now, "%Y-%m-%d");
}

const char *
lotse_monitor_state_to_string (LotseMonitorState state)
{
  switch (state)
    {
    case LOTSE_MONITOR_OVERDUE: return "overdue";
    case LOTSE_MONITOR_DUE_SOON: return "due_soon";
    case LOTSE_MONITOR_CLOSED: return "closed";
    default: g_return_val_if_reached ("due_soon");
    }
}

/**
 * lotse_monitor_project_is_closed:
 * @project_status: (nullable): a project's status
 *
 * Returns: whether the project is completed or cancelled: its open
 *   milestones are history
 */
gboolean
lotse_monitor_project_is_closed (const char *project_status)
{
  return g_strcmp0 (project_status, "completed") == 0 ||
         g_strcmp0 (project_status, "cancelled") == 0;
}

/**
 * lotse_monitor_days_between:
 * @from: a date, YYYY-MM-DD
 * @to: a date, YYYY-MM-DD
 *
 * Returns: the days from @from to @to, negative when @to comes first; 0
 *   when either is not a date
 */
int
lotse_monitor_days_between (const char *from,
                            const char *to)
{
  GDate a, b;

  if (!parse_date (from, &a) || !parse_date (to, &b))
    return 0;

  return g_date_days_between (&a, &b);
}

/**
 * lotse_monitor_is_overdue:
 * @milestone_status: (nullable): the milestone's status
 * @due_date: (nullable): its due date, YYYY-MM-DD
 * @project_status: (nullable): its project's status; %NULL when unknown
 * @today: today, YYYY-MM-DD
 *
 * The one rule for marking a milestone overdue (see the top of this file).
 *
 * Returns: whether the milestone is overdue on @today
 */
gboolean
lotse_monitor_is_overdue (const char *milestone_status,
                          const char *due_date,
                          const char *project_status,
                          const char *today)
{
  g_return_val_if_fail (today != NULL, FALSE);

  if (g_strcmp0 (milestone_status, "done") == 0 || g_strcmp0 (milestone_status, "cancelled") == 0)
    return FALSE;
  if (lotse_monitor_project_is_closed (project_status))
    return FALSE;

  return due_date != NULL && strcmp (due_date, today) < 0;
}

/* Resolves @today (NULL: the local date) and the last day of the horizon. */
static gboolean
monitor_range (const char  *today,
               guint        days,
               char       **today_out,
               char       **until_out,
               GDate       *today_date,
               GError     **error)
{
  g_autofree char *local_today = NULL;
  GDate until;

  if (today == NULL)
    today = local_today = lotse_monitor_today ();

  if (!parse_date (today, today_date))
    {
      g_set_error (error, LOTSE_ERROR, LOTSE_ERROR_INVALID_VALUE,
                   _("“%s” is not a date like 2024-03-31"), today);
      return FALSE;
    }

  /* Beyond the last day GDate knows, every milestone is in the horizon. */
  until = *today_date;
  if (days > (guint) (G_MAXUINT32 - g_date_get_julian (&until)) ||
      g_date_get_julian (&until) + days > 3652059 /* 9999-12-31 */)
    g_date_set_dmy (&until, 31, 12, 9999);
  else
    g_date_add_days (&until, days);

  *today_out = format_date (today_date);
  *until_out = format_date (&until);

  return TRUE;
}

static void
fill_in_states (GPtrArray   *entries,
                const GDate *today_date)
{
  for (guint i = 0; i < entries->len; i++)
    {
      LotseMonitorEntry *entry = g_ptr_array_index (entries, i);
      GDate due;

      if (!parse_date (entry->due_date, &due))
        continue;

      entry->days_overdue = g_date_days_between (&due, today_date);
      if (lotse_monitor_project_is_closed (entry->project_status))
        entry->state = LOTSE_MONITOR_CLOSED;
      else
        entry->state = entry->days_overdue > 0 ? LOTSE_MONITOR_OVERDUE : LOTSE_MONITOR_DUE_SOON;
    }
}

/**
 * lotse_monitor_query_page:
 * @store: a store
 * @today: (nullable): the day to count from, YYYY-MM-DD, or %NULL for the
 *   local date of today
 * @days: the horizon: milestones due up to @today + @days are included
 * @programme_id: (nullable): only projects of this programme
 * @scope: whether the milestones of completed and cancelled projects count
 * @offset: how many entries to skip
 * @limit: at most this many entries; 0 for all
 * @counts: (out caller-allocates) (optional): the size of the whole result
 * @error: a location for a #GError
 *
 * Lists one page of what lotse_monitor_query() lists, in the same order.
 * A programme with years of history has tens of thousands of open overdue
 * milestones; a page of them and the counts come from the index in a few
 * milliseconds, all of them take ten times longer.
 *
 * Returns: (transfer full) (element-type LotseMonitorEntry) (nullable): the
 *   entries, or %NULL with @error set
 */
GPtrArray *
lotse_monitor_query_page (LotseStore          *store,
                          const char          *today,
                          guint                days,
                          const char          *programme_id,
                          LotseMonitorScope    scope,
                          guint                offset,
                          guint                limit,
                          LotseMonitorCounts  *counts,
                          GError             **error)
{
  g_autofree char *today_text = NULL;
  g_autofree char *until_text = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  GDate today_date;

  g_return_val_if_fail (LOTSE_IS_STORE (store), NULL);

  if (!monitor_range (today, days, &today_text, &until_text, &today_date, error))
    return NULL;

  if (counts != NULL &&
      !lotse_store_count_monitor (store, today_text, until_text, programme_id, scope,
                                  &counts->total, &counts->overdue, &counts->closed, error))
    return NULL;

  entries = lotse_store_query_monitor (store, until_text, programme_id, scope, NULL, offset, limit,
                                       error);
  if (entries == NULL)
    return NULL;

  fill_in_states (entries, &today_date);

  return g_steal_pointer (&entries);
}

/**
 * lotse_monitor_query_after:
 * @store: a store
 * @today: (nullable): the day to count from, YYYY-MM-DD, or %NULL for the
 *   local date of today
 * @days: the horizon: milestones due up to @today + @days are included
 * @programme_id: (nullable): only projects of this programme
 * @scope: whether the milestones of completed and cancelled projects count
 * @after: the last entry of the previous page
 * @limit: at most this many entries; 0 for all
 * @error: a location for a #GError
 *
 * The page that follows @after in the order of lotse_monitor_query(),
 * read from where @after stands instead of counting rows from the start:
 * the tenth page costs what the first does.
 *
 * Returns: (transfer full) (element-type LotseMonitorEntry) (nullable): the
 *   entries, or %NULL with @error set
 */
GPtrArray *
lotse_monitor_query_after (LotseStore              *store,
                           const char              *today,
                           guint                    days,
                           const char              *programme_id,
                           LotseMonitorScope        scope,
                           const LotseMonitorEntry *after,
                           guint                    limit,
                           GError                 **error)
{
  g_autofree char *today_text = NULL;
  g_autofree char *until_text = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  GDate today_date;

  g_return_val_if_fail (LOTSE_IS_STORE (store), NULL);
  g_return_val_if_fail (after != NULL && after->milestone != NULL && after->due_date != NULL, NULL);

  if (!monitor_range (today, days, &today_text, &until_text, &today_date, error))
    return NULL;

  entries = lotse_store_query_monitor (store, until_text, programme_id, scope, after, 0, limit,
                                       error);
  if (entries == NULL)
    return NULL;

  fill_in_states (entries, &today_date);

  return g_steal_pointer (&entries);
}

/**
 * lotse_monitor_query:
 * @store: a store
 * @today: (nullable): the day to count from, YYYY-MM-DD, or %NULL for the
 *   local date of today
 * @days: the horizon: milestones due up to @today + @days are included
 * @programme_id: (nullable): only projects of this programme
 * @scope: whether the milestones of completed and cancelled projects count
 * @error: a location for a #GError
 *
 * Lists the milestones that are neither done nor cancelled and the open
 * funder reports, of projects
 * that are not deleted (in the current scope: that still run), and that
 * are due before @today (overdue) or within the next @days days (due
 * soon, including those due today), ordered by due date. For the UI, lotse_monitor_query_page() reads a page at a time.
 *
 * Returns: (transfer full) (element-type LotseMonitorEntry) (nullable): the
 *   entries, or %NULL with @error set
 */
GPtrArray *
lotse_monitor_query (LotseStore         *store,
                     const char         *today,
                     guint               days,
                     const char         *programme_id,
                     LotseMonitorScope   scope,
                     GError            **error)
{
  return lotse_monitor_query_page (store, today, days, programme_id, scope, 0, 0, NULL, error);
}

/* The ISO 8601 week belongs to the year of its Thursday. */
static char *
iso_week_key (const char *due_date)
{
  GDate date, thursday;
  guint weekday;

  if (!parse_date (due_date, &date))
    return g_strdup ("");

  weekday = g_date_get_weekday (&date); /* Monday = 1 … Sunday = 7 */
  thursday = date;
  if (weekday < 4)
    g_date_add_days (&thursday, 4 - weekday);
  else if (weekday > 4)
    g_date_subtract_days (&thursday, weekday - 4);

  return g_strdup_printf ("%04u-W%02u", g_date_get_year (&thursday),
                          g_date_get_iso8601_week_of_year (&date));
}

/**
 * lotse_monitor_group_key:
 * @entry: an entry
 * @group: how to group
 *
 * Returns: (transfer full): the key of the group @entry belongs to: its ISO
 *   week ("2026-W48") or its project's id
 */
char *
lotse_monitor_group_key (const LotseMonitorEntry *entry,
                         LotseMonitorGroup        group)
{
  g_return_val_if_fail (entry != NULL, NULL);

  switch (group)
    {
    case LOTSE_MONITOR_GROUP_WEEK:
      return iso_week_key (entry->due_date);
    case LOTSE_MONITOR_GROUP_PROJECT:
      return g_strdup (entry->project_id);
    default:
      g_return_val_if_reached (NULL);
    }
}
