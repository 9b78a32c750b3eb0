/* lotse-meeting.c: reading meetings: agenda, participants, times, titles
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * How a series repeats is lotse-recurrence.c; preparing its next meeting
 * is lotse-meeting-prepare.c with its draft agenda in
 * lotse-meeting-agenda.c.
 */

#define G_LOG_DOMAIN "lotse-meeting"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "lotse-error.h"
#include "lotse-meeting-private.h"
#include "lotse-office.h"
#include "lotse-parse.h"

/**
 * lotse_meeting_series_next_occurrence:
 * @series: a meeting_series record
 * @office_zone: the office's zone, that of a series without TZID
 * @after: a time; converted to the series’ zone
 * @error: a location for a #GError
 *
 * Computes the next occurrence strictly after @after with
 * lotse_recurrence_next_after().
 *
 * Returns: (transfer full) (nullable): the occurrence in the series’ zone,
 *   or %NULL with @error set when the series has no valid recurrence or no
 *   further occurrence
 */
GDateTime *
lotse_meeting_series_next_occurrence (LotseRecord  *series,
                                      GTimeZone    *office_zone,
                                      GDateTime    *after,
                                      GError      **error)
{
  g_autoptr(LotseRecurrence) rule = NULL;
  const char *recurrence;

  g_return_val_if_fail (LOTSE_IS_RECORD (series), NULL);
  g_return_val_if_fail (g_strcmp0 (lotse_record_get_table_name (series), "meeting_series") == 0,
                        NULL);
  g_return_val_if_fail (office_zone != NULL, NULL);
  g_return_val_if_fail (after != NULL, NULL);

  recurrence = lotse_record_get (series, "recurrence");
  if (recurrence == NULL || *recurrence == '\0')
    {
      g_set_error (error, LOTSE_ERROR, LOTSE_ERROR_INVALID_VALUE,
                   _("The meeting series “%s” has no recurrence"),
                   lotse_record_get_title (series));
      return NULL;
    }

  rule = lotse_recurrence_parse (recurrence, error);
  if (rule == NULL)
    return NULL;

  return lotse_recurrence_next_after (rule, office_zone, after, error);
}

/**
 * lotse_meeting_list_agenda:
 * @store: a store
 * @meeting_id: a meeting’s id
 * @error: a location for a #GError
 *
 * Returns: (transfer container) (element-type LotseRecord) (nullable): the
 *   meeting’s agenda items by position
 */
GPtrArray *
lotse_meeting_list_agenda (LotseStore  *store,
                           const char  *meeting_id,
                           GError     **error)
{
  LotseFilter filter = { "meeting_id", meeting_id };

  g_return_val_if_fail (LOTSE_IS_STORE (store), NULL);
  g_return_val_if_fail (meeting_id != NULL, NULL);

  return lotse_store_list (store, "agenda_item", &filter, 1, "position", 0, 0, error);
}

/**
 * lotse_meeting_list_participants:
 * @store: a store
 * @meeting_id: a meeting’s id
 * @error: a location for a #GError
 *
 * Returns: (transfer container) (element-type LotseRecord) (nullable): the
 *   meeting’s participant rows
 */
GPtrArray *
lotse_meeting_list_participants (LotseStore  *store,
                                 const char  *meeting_id,
                                 GError     **error)
{
  LotseFilter filter = { "meeting_id", meeting_id };

  g_return_val_if_fail (LOTSE_IS_STORE (store), NULL);
  g_return_val_if_fail (meeting_id != NULL, NULL);

  return lotse_store_list (store, "meeting_participant", &filter, 1, "created_at", 0, 0, error);
}

/**
 * lotse_meeting_agenda_start_times:
 * @meeting: a meeting record
 * @agenda: (element-type LotseRecord): its agenda items in order
 * @zone: the zone to give the times in, the office's
 *
 * Computes when each agenda item starts: the meeting’s start plus the
 * durations of the items before it (an item without duration takes none).
 *
 * Returns: (transfer container) (element-type GDateTime) (nullable): one
 *   start per item, in @zone, or %NULL when the meeting has no start
 */
GPtrArray *
lotse_meeting_agenda_start_times (LotseRecord *meeting,
                                  GPtrArray   *agenda,
                                  GTimeZone   *zone)
{
  g_autoptr(GDateTime) start = NULL;
  GPtrArray *times;
  gint64 minutes = 0;

  g_return_val_if_fail (LOTSE_IS_RECORD (meeting), NULL);
  g_return_val_if_fail (agenda != NULL, NULL);
  g_return_val_if_fail (zone != NULL, NULL);

  start = lotse_time_parse (lotse_record_get (meeting, "starts_at"), zone);
  if (start == NULL)
    return NULL;

  times = g_ptr_array_new_full (agenda->len, (GDestroyNotify) g_date_time_unref);
  for (guint i = 0; i < agenda->len; i++)
    {
      g_ptr_array_add (times, g_date_time_add_minutes (start, (int) minutes));
      minutes += MAX (0, lotse_record_get_int (g_ptr_array_index (agenda, i), "duration_min", 0));
    }

  return times;
}

/**
 * lotse_meeting_get_date:
 * @meeting: a meeting record
 * @zone: the office's zone
 *
 * Returns: (transfer full) (nullable): the day the meeting is on in @zone,
 *   YYYY-MM-DD, or %NULL when it has no start
 */
char *
lotse_meeting_get_date (LotseRecord *meeting,
                        GTimeZone   *zone)
{
  g_autoptr(GDateTime) start = NULL;

  g_return_val_if_fail (LOTSE_IS_RECORD (meeting), NULL);
  g_return_val_if_fail (zone != NULL, NULL);

  start = lotse_time_parse (lotse_record_get (meeting, "starts_at"), zone);
  return start != NULL ? lotse_meeting_local_date (start) : NULL;
}

/**
 * lotse_meeting_format_title:
 * @meeting: a meeting record
 * @series_title: (nullable): the title of the meeting's series
 * @zone: the zone to give the date in, the office's
 *
 * A prepared meeting is stored under its series' title, without a date;
 * it is shown with its date in the reader's locale, e.g. “Jour fixe on
 * 08.12.2026”. A title someone gave the meeting is shown as it is.
 *
 * Returns: (transfer full): the title to show
 */
char *
lotse_meeting_format_title (LotseRecord *meeting,
                            const char  *series_title,
                            GTimeZone   *zone)
{
  const char *title;
  g_autofree char *date = NULL;
  g_autofree char *day = NULL;

  g_return_val_if_fail (LOTSE_IS_RECORD (meeting), NULL);
  g_return_val_if_fail (zone != NULL, NULL);

  title = lotse_record_get (meeting, "title");
  date = lotse_meeting_get_date (meeting, zone);
  if (date == NULL || series_title == NULL || g_strcmp0 (title, series_title) != 0)
    return g_strdup (title != NULL ? title : "");

  day = lotse_format_date (date);
  /* Translators: the title of a prepared meeting: the series’ title and the date */
  return g_strdup_printf (C_("meeting title", "%s on %s"), title, day);
}

