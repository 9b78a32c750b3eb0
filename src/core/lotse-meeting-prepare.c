/* lotse-meeting-prepare.c: “prepare next meeting”
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Finds the date of a series’ next meeting (its recurrence stepped from
 * the last meeting, or a given date), then creates the meeting or fills
 * one that is not yet held, with the draft agenda of
 * lotse-meeting-agenda.c, the series’ defaults and the participants of
 * the meeting before it — all of it in one transaction.
 *
 * The time of day of a new meeting is the recurrence’s BYHOUR/BYMINUTE
 * when given, else the wall-clock time of the series’ last meeting in the
 * series’ zone (so a 10:00 meeting stays at 10:00 across daylight saving
 * time), else 10:00.
 */

#define G_LOG_DOMAIN "lotse-meeting"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "lotse-error.h"
#include "lotse-meeting-private.h"
#include "lotse-office.h"
#include "lotse-parse.h"

#define MAX_CATCH_UP           10000
#define DEFAULT_DURATION_MIN   60
#define HORIZON_DAYS_NO_RULE   28

static void
series_meeting_free (LotseSeriesMeeting *meeting)
{
  g_clear_object (&meeting->record);
  g_clear_pointer (&meeting->start, g_date_time_unref);
  g_free (meeting);
}

static void
prep_clear (LotseMeetingPrep *prep)
{
  g_clear_object (&prep->series);
  g_clear_pointer (&prep->rule, lotse_recurrence_free);
  g_clear_pointer (&prep->zone, g_time_zone_unref);
  g_clear_pointer (&prep->now, g_date_time_unref);
  g_clear_pointer (&prep->meetings, g_ptr_array_unref);
  g_clear_pointer (&prep->start, g_date_time_unref);
  g_clear_pointer (&prep->date, g_free);
  g_clear_pointer (&prep->horizon, g_free);
  g_clear_pointer (&prep->agenda, g_ptr_array_unref);
  g_clear_pointer (&prep->carried_milestones, g_hash_table_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (LotseMeetingPrep, prep_clear)

static int
compare_series_meetings (gconstpointer a,
                         gconstpointer b)
{
  const LotseSeriesMeeting *ma = *(LotseSeriesMeeting * const *) a;
  const LotseSeriesMeeting *mb = *(LotseSeriesMeeting * const *) b;

  return g_date_time_compare (ma->start, mb->start);
}

static gboolean
load_series_meetings (LotseMeetingPrep  *prep,
                      GError           **error)
{
  LotseFilter filter = { "series_id", lotse_record_get_id (prep->series) };
  g_autoptr(GPtrArray) rows = NULL;

  rows = lotse_store_list (prep->store, "meeting", &filter, 1, "starts_at", 0, 0, error);
  if (rows == NULL)
    return FALSE;

  prep->meetings = g_ptr_array_new_with_free_func ((GDestroyNotify) series_meeting_free);
  for (guint i = 0; i < rows->len; i++)
    {
      LotseRecord *record = g_ptr_array_index (rows, i);
      const char *starts_at = lotse_record_get (record, "starts_at");
      g_autoptr(GDateTime) start = NULL;
      LotseSeriesMeeting *meeting;

      if (starts_at == NULL || (start = g_date_time_new_from_iso8601 (starts_at, NULL)) == NULL)
        continue;

      meeting = g_new0 (LotseSeriesMeeting, 1);
      meeting->record = g_object_ref (record);
      meeting->start = g_steal_pointer (&start);
      g_ptr_array_add (prep->meetings, meeting);
    }

  /* starts_at sorts as text, which is not time order across offsets. */
  g_ptr_array_sort (prep->meetings, compare_series_meetings);

  return TRUE;
}

/* The zone of the series’ wall-clock times: its TZID, else the office's,
 * whatever the zone of this machine. */
static void
choose_zone (LotseMeetingPrep *prep)
{
  GPtrArray *meetings = prep->meetings;
  g_autoptr(GTimeZone) office_zone = lotse_office_get_time_zone (prep->store);

  prep->zone = prep->rule != NULL ? lotse_recurrence_get_time_zone (prep->rule, office_zone)
                                  : g_time_zone_ref (office_zone);

  for (guint i = 0; i < meetings->len; i++)
    {
      LotseSeriesMeeting *meeting = g_ptr_array_index (meetings, i);
      GDateTime *start = g_date_time_to_timezone (meeting->start, prep->zone);

      g_date_time_unref (meeting->start);
      meeting->start = start;
    }
}

static LotseSeriesMeeting *
last_meeting (LotseMeetingPrep *prep)
{
  return prep->meetings->len > 0 ? g_ptr_array_index (prep->meetings, prep->meetings->len - 1)
                                 : NULL;
}

static gboolean
meeting_has_status (LotseSeriesMeeting *meeting,
                    const char         *status)
{
  return g_strcmp0 (lotse_record_get (meeting->record, "status"), status) == 0;
}

static gboolean
meeting_is_pending (LotseSeriesMeeting *meeting)
{
  return meeting_has_status (meeting, "draft") || meeting_has_status (meeting, "planned");
}

/* The time of day of new meetings: BYHOUR/BYMINUTE, else the last meeting’s. */
static void
meeting_time_of_day (LotseMeetingPrep *prep,
                     int              *hour,
                     int              *minute)
{
  LotseSeriesMeeting *last = last_meeting (prep);

  if (prep->rule != NULL && lotse_recurrence_get_time_of_day (prep->rule, hour, minute))
    return;

  if (last != NULL)
    {
      *hour = g_date_time_get_hour (last->start);
      *minute = g_date_time_get_minute (last->start);
    }
  else
    {
      *hour = LOTSE_MEETING_DEFAULT_HOUR;
      *minute = 0;
    }
}

/* The series’ meeting on @date; one not yet held comes first. */
static LotseSeriesMeeting *
find_meeting_on (LotseMeetingPrep *prep,
                 const char       *date)
{
  LotseSeriesMeeting *found = NULL;

  for (guint i = 0; i < prep->meetings->len; i++)
    {
      LotseSeriesMeeting *meeting = g_ptr_array_index (prep->meetings, i);
      g_autofree char *day = lotse_meeting_local_date (meeting->start);

      if (strcmp (day, date) != 0)
        continue;
      if (meeting_is_pending (meeting))
        return meeting;
      if (found == NULL)
        found = meeting;
    }

  return found;
}

static gboolean
choose_given_date (LotseMeetingPrep  *prep,
                   const char        *date,
                   GError           **error)
{
  LotseSeriesMeeting *last = last_meeting (prep);
  LotseSeriesMeeting *existing;
  guint year, month, day;
  int hour, minute;

  if (!lotse_parse_iso_date (date, &year, &month, &day))
    {
      g_set_error (error, LOTSE_ERROR, LOTSE_ERROR_INVALID_VALUE,
                   _("“%s” is not a date; give it as YYYY-MM-DD"), date);
      return FALSE;
    }

  existing = find_meeting_on (prep, date);
  if (existing != NULL && !meeting_is_pending (existing))
    {
      g_set_error (error, LOTSE_ERROR, LOTSE_ERROR_INVALID_VALUE,
                   meeting_has_status (existing, "held")
                     ? _("The series already held its meeting “%s” on %s")
                     : _("The series’ meeting “%s” on %s was cancelled"),
                   lotse_record_get_title (existing->record), date);
      return FALSE;
    }

  if (existing == NULL && last != NULL)
    {
      g_autofree char *last_date = lotse_meeting_local_date (last->start);

      if (strcmp (date, last_date) < 0)
        {
          g_set_error (error, LOTSE_ERROR, LOTSE_ERROR_INVALID_VALUE,
                       _("%s is before the series’ last meeting on %s"), date, last_date);
          return FALSE;
        }
    }

  if (existing != NULL)
    {
      prep->target = existing;
      prep->start = g_date_time_ref (existing->start);
    }
  else
    {
      meeting_time_of_day (prep, &hour, &minute);
      prep->start = g_date_time_new (prep->zone, year, month, day, hour, minute, 0);
    }

  return prep->start != NULL;
}

/* A meeting not yet held from today on is the next one already. */
static gboolean
find_pending_meeting (LotseMeetingPrep *prep)
{
  g_autoptr(GDateTime) today = g_date_time_new (prep->zone, g_date_time_get_year (prep->now),
                                                g_date_time_get_month (prep->now),
                                                g_date_time_get_day_of_month (prep->now),
                                                0, 0, 0);

  for (guint i = 0; i < prep->meetings->len; i++)
    {
      LotseSeriesMeeting *meeting = g_ptr_array_index (prep->meetings, i);

      if (meeting_is_pending (meeting) && g_date_time_compare (meeting->start, today) >= 0)
        {
          prep->target = meeting;
          prep->start = g_date_time_ref (meeting->start);
          return TRUE;
        }
    }

  return FALSE;
}

/* Keeps the rhythm of the series: steps from its last meeting until the
 * date is no longer in the past. */
static GDateTime *
step_from_last (LotseMeetingPrep   *prep,
                LotseSeriesMeeting *last)
{
  GDateTime *next = g_date_time_ref (last->start);

  for (guint i = 0; next != NULL && i < MAX_CATCH_UP; i++)
    {
      GDateTime *following;

      if (g_date_time_compare (next, prep->now) > 0 && next != last->start)
        break;
      following = lotse_recurrence_next_after (prep->rule, prep->zone, next, NULL);
      g_date_time_unref (next);
      next = following;
    }

  return next;
}

static gboolean
choose_next_date (LotseMeetingPrep  *prep,
                  GError           **error)
{
  LotseSeriesMeeting *last = last_meeting (prep);
  GDateTime *next = NULL;
  int hour, minute;

  if (find_pending_meeting (prep))
    return TRUE;

  if (prep->rule == NULL)
    {
      g_set_error (error, LOTSE_ERROR, LOTSE_ERROR_INVALID_VALUE,
                   _("The meeting series “%s” has no recurrence, so the date of its next "
                     "meeting must be given"),
                   lotse_record_get_title (prep->series));
      return FALSE;
    }

  meeting_time_of_day (prep, &hour, &minute);
  if (last != NULL)
    next = step_from_last (prep, last);
  else
    /* Without a meeting there is no rhythm yet: the first matching day. */
    next = lotse_recurrence_first_after (prep->rule, prep->zone, prep->now, hour, minute, NULL);

  if (next == NULL || g_date_time_compare (next, prep->now) <= 0)
    {
      g_clear_pointer (&next, g_date_time_unref);
      g_set_error (error, LOTSE_ERROR, LOTSE_ERROR_INVALID_VALUE,
                   _("The recurrence “%s” has no further date"),
                   lotse_record_get (prep->series, "recurrence"));
      return FALSE;
    }

  prep->start = next;
  return TRUE;
}

/* The last held meeting gives the carried items and the health baseline;
 * the last meeting that was not cancelled (else any) the participants. */
static void
find_baselines (LotseMeetingPrep *prep)
{
  LotseSeriesMeeting *last_cancelled = NULL;

  for (guint i = 0; i < prep->meetings->len; i++)
    {
      LotseSeriesMeeting *meeting = g_ptr_array_index (prep->meetings, i);

      if (meeting == prep->target || g_date_time_compare (meeting->start, prep->start) >= 0)
        continue;

      if (meeting_has_status (meeting, "cancelled"))
        last_cancelled = meeting;
      else
        prep->previous = meeting;
      if (meeting_has_status (meeting, "held"))
        prep->last_held = meeting;
    }

  if (prep->previous == NULL)
    prep->previous = last_cancelled;
}

static void
compute_horizon (LotseMeetingPrep *prep)
{
  g_autoptr(GDateTime) after = NULL;

  if (prep->rule != NULL)
    after = lotse_recurrence_next_after (prep->rule, prep->zone, prep->start, NULL);
  if (after == NULL)
    after = g_date_time_add_days (prep->start, HORIZON_DAYS_NO_RULE);

  prep->horizon = lotse_meeting_local_date (after);
}

gboolean
lotse_meeting_row_alive (LotseStore *store,
                         const char *table,
                         const char *id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LotseRecord) record = NULL;

  if (id == NULL)
    return FALSE;

  record = lotse_store_get (store, table, id, &error);
  return record != NULL;
}

static LotseRecord *
new_meeting (LotseMeetingPrep *prep)
{
  LotseRecord *meeting = lotse_record_new_for_table ("meeting");
  LotseRecord *series = prep->series;
  LotseRecord *previous = prep->previous != NULL ? prep->previous->record : NULL;
  g_autofree char *starts_at = lotse_time_to_stored (prep->start);
  g_autofree char *title = NULL;
  const char *location = lotse_record_get (series, "default_location");
  gint64 duration = lotse_record_get_int (series, "default_duration_min", 0);

  if (location == NULL && previous != NULL)
    location = lotse_record_get (previous, "location");
  if (duration <= 0 && previous != NULL)
    duration = lotse_record_get_int (previous, "duration_min", 0);
  if (duration <= 0)
    duration = DEFAULT_DURATION_MIN;

  /* The series' title alone: the title is synced and printed, so a date
   * in it would be in the preparer's locale; lotse_meeting_format_title()
   * adds the date in the reader's. */
  title = g_strdup (lotse_record_get (series, "title"));

  lotse_record_set (meeting, "series_id", lotse_record_get_id (series));
  lotse_record_set (meeting, "title", title);
  lotse_record_set (meeting, "kind", lotse_record_get (series, "kind"));
  lotse_record_set (meeting, "starts_at", starts_at);
  lotse_record_set_int (meeting, "duration_min", duration);
  lotse_record_set (meeting, "location", location);
  lotse_record_set (meeting, "status", "draft");

  return meeting;
}

static gboolean
copy_participants (LotseMeetingPrep  *prep,
                   const char        *meeting_id,
                   GError           **error)
{
  g_autoptr(GPtrArray) existing = NULL;
  g_autoptr(GPtrArray) previous = NULL;
  g_autoptr(GHashTable) people = g_hash_table_new (g_str_hash, g_str_equal);

  if (prep->previous == NULL)
    return TRUE;

  existing = lotse_meeting_list_participants (prep->store, meeting_id, error);
  previous = existing != NULL
               ? lotse_meeting_list_participants (prep->store,
                                                  lotse_record_get_id (prep->previous->record),
                                                  error)
               : NULL;
  if (previous == NULL)
    return FALSE;

  for (guint i = 0; i < existing->len; i++)
    g_hash_table_add (people,
                      (gpointer) lotse_record_get (g_ptr_array_index (existing, i), "person_id"));

  for (guint i = 0; i < previous->len; i++)
    {
      const char *person = lotse_record_get (g_ptr_array_index (previous, i), "person_id");
      g_autoptr(LotseRecord) participant = NULL;

      if (g_hash_table_contains (people, person) || !lotse_meeting_row_alive (prep->store, "person", person))
        continue;
      g_hash_table_add (people, (gpointer) person);

      participant = lotse_record_new_for_table ("meeting_participant");
      lotse_record_set (participant, "meeting_id", meeting_id);
      lotse_record_set (participant, "person_id", person);
      lotse_record_set (participant, "attendance", "invited");
      if (!lotse_store_insert (prep->store, participant, error))
        return FALSE;
    }

  return TRUE;
}

static LotseRecord *
write_prepared_meeting (LotseMeetingPrep  *prep,
                        GError           **error)
{
  g_autoptr(LotseRecord) meeting = NULL;
  const char *meeting_id;

  if (!lotse_store_begin (prep->store, error))
    return NULL;

  if (prep->target != NULL)
    {
      meeting = g_object_ref (prep->target->record);
    }
  else
    {
      meeting = new_meeting (prep);
      if (!lotse_store_insert (prep->store, meeting, error))
        goto fail;
    }
  meeting_id = lotse_record_get_id (meeting);

  if (!copy_participants (prep, meeting_id, error))
    goto fail;

  for (guint i = 0; i < prep->agenda->len; i++)
    {
      LotseRecord *item = g_ptr_array_index (prep->agenda, i);

      lotse_record_set (item, "meeting_id", meeting_id);
      lotse_record_set_int (item, "position", i + 1);
      if (!lotse_store_insert (prep->store, item, error))
        goto fail;
    }

  if (!lotse_store_commit (prep->store, error))
    goto fail;

  return lotse_store_get (prep->store, "meeting", meeting_id, error);

fail:
  lotse_store_rollback (prep->store);
  return NULL;
}

/**
 * lotse_meeting_prepare_next_at:
 * @store: a store
 * @series_id: the id of a meeting series
 * @date: (nullable): the meeting’s date, YYYY-MM-DD, or %NULL for the next
 *   occurrence
 * @now: (nullable): the present time, or %NULL for the clock’s; tests and
 *   reproducible reports pass it
 * @error: a location for a #GError
 *
 * Like lotse_meeting_prepare_next(), with a given present time.
 *
 * Returns: (transfer full) (nullable): the prepared meeting
 */
LotseRecord *
lotse_meeting_prepare_next_at (LotseStore  *store,
                               const char  *series_id,
                               const char  *date,
                               GDateTime   *now,
                               GError     **error)
{
  g_auto(LotseMeetingPrep) prep = { 0, };
  g_autoptr(GPtrArray) agenda = NULL;
  g_autoptr(GError) local_error = NULL;
  const char *recurrence;

  g_return_val_if_fail (LOTSE_IS_STORE (store), NULL);
  g_return_val_if_fail (series_id != NULL, NULL);

  prep.store = store;
  prep.series = lotse_store_get (store, "meeting_series", series_id, &local_error);
  if (prep.series == NULL)
    {
      if (g_error_matches (local_error, LOTSE_ERROR, LOTSE_ERROR_NOT_FOUND))
        g_set_error (error, LOTSE_ERROR, LOTSE_ERROR_NOT_FOUND,
                     _("There is no meeting series with the id “%s”"), series_id);
      else
        g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  recurrence = lotse_record_get (prep.series, "recurrence");
  if (recurrence != NULL && *recurrence != '\0' &&
      (prep.rule = lotse_recurrence_parse (recurrence, error)) == NULL)
    return NULL;

  if (!load_series_meetings (&prep, error))
    return NULL;

  choose_zone (&prep);
  prep.now = now != NULL ? g_date_time_to_timezone (now, prep.zone)
                         : g_date_time_new_now (prep.zone);

  if (date != NULL ? !choose_given_date (&prep, date, error) : !choose_next_date (&prep, error))
    return NULL;
  prep.date = lotse_meeting_local_date (prep.start);

  /* Preparing twice changes nothing: a meeting with an agenda is kept. */
  if (prep.target != NULL)
    {
      agenda = lotse_meeting_list_agenda (store, lotse_record_get_id (prep.target->record), error);
      if (agenda == NULL)
        return NULL;
      if (agenda->len > 0)
        return g_object_ref (prep.target->record);
    }

  find_baselines (&prep);
  compute_horizon (&prep);

  if (!lotse_meeting_build_agenda (&prep, error))
    return NULL;

  return write_prepared_meeting (&prep, error);
}

/**
 * lotse_meeting_prepare_next:
 * @store: a store
 * @series_id: the id of a meeting series
 * @date: (nullable): the meeting’s date, YYYY-MM-DD, or %NULL for the next
 *   occurrence after the series’ last meeting (and after now)
 * @error: a location for a #GError
 *
 * Creates the next meeting of the series as a draft with a prepared agenda
 * (see the top of lotse-meeting-agenda.c for the rules), its place and length
 * from the series, its participants those of the last meeting, invited.
 * All of it is written in one transaction.
 *
 * A meeting of the series that is not yet held (draft or planned) on that
 * date — or, without @date, from today on — is the one prepared: if it
 * has agenda items it is returned unchanged, otherwise it gets the agenda.
 * Refused: an unknown or deleted series, a @date that is not a date, lies
 * before the series’ last meeting or has a held or cancelled meeting, no
 * @date for a series without recurrence.
 *
 * Returns: (transfer full) (nullable): the prepared meeting
 */
LotseRecord *
lotse_meeting_prepare_next (LotseStore  *store,
                            const char  *series_id,
                            const char  *date,
                            GError     **error)
{
  return lotse_meeting_prepare_next_at (store, series_id, date, NULL, error);
}
