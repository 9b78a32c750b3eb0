/* lotse-ics.c: iCalendar export of meetings and meeting series
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * libical builds the calendar, so folding of long lines and escaping of
 * “,”, “;” and newlines follow RFC 5545. A meeting becomes one VEVENT with
 * its agenda and its participants in the description; a series one VEVENT
 * with its recurrence as RRULE, starting at the series’ first meeting,
 * with EXDATEs for cancelled meetings. UIDs are the record ids at
 * lotse.app, so a re-export updates the calendar entry instead of adding
 * one.
 *
 * Times carry the TZID of the office’s zone (a series’ own TZID for its
 * recurrence) with its VTIMEZONE, never the zone of the exporting machine;
 * UTC is written as UTC.
 *
 * Every calendar is an iTIP PUBLISH (RFC 5546) and passes libical’s
 * icalcomponent_check_restrictions(): the office is the ORGANIZER (its
 * email address, or without one the office’s URN, as calendars want an
 * address but a PUBLISH is never answered), and as PUBLISH allows no
 * ATTENDEE the participants are listed in the description.
 */

#define G_LOG_DOMAIN "lotse-ics"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <libical/ical.h>
#include <string.h>

#include "lotse-error.h"
#include "lotse-ics.h"
#include "lotse-meeting.h"
#include "lotse-office.h"
#include "lotse-output.h"
#include "lotse-recurrence.h"
#include "lotse-store-private.h"

#define UID_DOMAIN "lotse.app"

G_DEFINE_AUTOPTR_CLEANUP_FUNC (icalcomponent, icalcomponent_free)

/* The libical zone for @zone (one of lotse_time_zone_new(), so libical
 * knows it), or NULL to write UTC. */
static icaltimezone *
lookup_ical_zone (GTimeZone *zone)
{
  icaltimezone *ical_zone = icaltimezone_get_builtin_timezone (g_time_zone_get_identifier (zone));

  if (ical_zone == NULL || ical_zone == icaltimezone_get_utc_timezone ())
    return NULL;

  return ical_zone;
}

/* A time in @ical_zone (floating, named by the TZID parameter the caller
 * adds) or in UTC when there is none. */
static struct icaltimetype
ical_time (GDateTime    *time,
           GTimeZone    *zone,
           icaltimezone *ical_zone)
{
  g_autoptr(GDateTime) local = NULL;
  struct icaltimetype t = icaltime_null_time ();

  if (ical_zone != NULL)
    local = g_date_time_to_timezone (time, zone);
  else
    local = g_date_time_to_utc (time);

  t.year = g_date_time_get_year (local);
  t.month = g_date_time_get_month (local);
  t.day = g_date_time_get_day_of_month (local);
  t.hour = g_date_time_get_hour (local);
  t.minute = g_date_time_get_minute (local);
  t.second = g_date_time_get_second (local);
  t.is_date = 0;
  t.zone = ical_zone != NULL ? NULL : icaltimezone_get_utc_timezone ();

  return t;
}

/* libical names its zones “/freeassociation.sourceforge.net/Europe/Berlin”;
 * calendars expect the plain Olson name as TZID. */
static void
add_tzid (icalproperty *property,
          icaltimezone *ical_zone)
{
  if (ical_zone != NULL)
    icalproperty_add_parameter (property,
                                icalparameter_new_tzid (icaltimezone_get_location (ical_zone)));
}

/* The zone’s rules from @from on (earlier history is of no use to a
 * calendar and would take a hundred lines), under the plain name. */
static icalcomponent *
new_vtimezone (icaltimezone *ical_zone,
               GDateTime    *from)
{
  icalcomponent *vtimezone = icalcomponent_new_clone (icaltimezone_get_component (ical_zone));
  g_autoptr(GDateTime) start = g_date_time_add_years (from, -1);
  g_autoptr(GDateTime) utc = g_date_time_to_utc (start);
  struct icaltimetype t = icaltime_null_time ();
  icalproperty *tzid;

  t.year = g_date_time_get_year (utc);
  t.month = 1;
  t.day = 1;
  t.zone = icaltimezone_get_utc_timezone ();
  icaltimezone_truncate_vtimezone (vtimezone, t, icaltime_null_time (), 1);

  tzid = icalcomponent_get_first_property (vtimezone, ICAL_TZID_PROPERTY);
  if (tzid != NULL)
    icalproperty_set_tzid (tzid, icaltimezone_get_location (ical_zone));

  return vtimezone;
}

static icalcomponent *
new_calendar (icaltimezone *ical_zone,
              GDateTime    *from)
{
  icalcomponent *calendar = icalcomponent_new_vcalendar ();

  icalcomponent_add_property (calendar, icalproperty_new_version ("2.0"));
  icalcomponent_add_property (calendar, icalproperty_new_prodid ("-//Lotse//Lotse " PACKAGE_VERSION "//EN"));
  icalcomponent_add_property (calendar, icalproperty_new_calscale ("GREGORIAN"));
  icalcomponent_add_property (calendar, icalproperty_new_method (ICAL_METHOD_PUBLISH));
  if (ical_zone != NULL)
    icalcomponent_add_component (calendar, new_vtimezone (ical_zone, from));

  return calendar;
}

static icalproperty *
new_organizer (LotseRecord *office)
{
  const char *email = lotse_record_get (office, "email");
  const char *name = lotse_record_get (office, "name");
  g_autofree char *address = NULL;
  icalproperty *organizer;

  if (email != NULL && strchr (email, '@') != NULL)
    address = g_strconcat ("mailto:", email, NULL);
  else
    address = g_strdup ("urn:uuid:" LOTSE_OFFICE_ID);

  organizer = icalproperty_new_organizer (address);
  if (name != NULL && *name != '\0')
    icalproperty_add_parameter (organizer, icalparameter_new_cn (name));

  return organizer;
}

static icalcomponent *
new_event (const char  *id,
           const char  *title,
           const char  *location,
           LotseRecord *office)
{
  icalcomponent *event = icalcomponent_new_vevent ();
  g_autofree char *uid = g_strdup_printf ("%s@" UID_DOMAIN, id);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  struct icaltimetype stamp = icaltime_null_time ();

  stamp.year = g_date_time_get_year (now);
  stamp.month = g_date_time_get_month (now);
  stamp.day = g_date_time_get_day_of_month (now);
  stamp.hour = g_date_time_get_hour (now);
  stamp.minute = g_date_time_get_minute (now);
  stamp.second = g_date_time_get_second (now);
  stamp.zone = icaltimezone_get_utc_timezone ();

  icalcomponent_set_uid (event, uid);
  icalcomponent_set_dtstamp (event, stamp);
  icalcomponent_set_summary (event, title);
  icalcomponent_add_property (event, new_organizer (office));
  if (location != NULL && *location != '\0')
    icalcomponent_set_location (event, location);

  return event;
}

static void
set_start_and_duration (icalcomponent *event,
                        GDateTime     *start,
                        GTimeZone     *zone,
                        icaltimezone  *ical_zone,
                        gint64         duration_min)
{
  icalproperty *dtstart = icalproperty_new_dtstart (ical_time (start, zone, ical_zone));

  add_tzid (dtstart, ical_zone);
  icalcomponent_add_property (event, dtstart);
  if (duration_min > 0)
    icalcomponent_set_duration (event, icaldurationtype_from_int ((int) duration_min * 60));
}

#define CALENDAR_END "END:VCALENDAR\r\n"

/* The text of @calendar, or of one component of it. */
static char *
calendar_to_string (icalcomponent *calendar)
{
  char *text = icalcomponent_as_ical_string_r (calendar);
  char *copy = g_strdup (text);

  free (text);
  return copy;
}

/* The lines of the meetings' descriptions besides their notes: agendas
 * and participants. A feed of thousands of meetings reads them in one
 * query each, as text (not two queries, a record per row and a lookup
 * per person for every meeting: 864 ms for 2,000 meetings). */
typedef struct
{
  GHashTable *agenda;        /* meeting id → GString "1. TITLE\n…" */
  GHashTable *participants;  /* meeting id → GString "- NAME (ANSWER)\n…" */
} Related;

static void
related_clear (Related *related)
{
  g_clear_pointer (&related->agenda, g_hash_table_unref);
  g_clear_pointer (&related->participants, g_hash_table_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Related, related_clear)

/* In the order lotse_meeting_list_agenda() and
 * lotse_meeting_list_participants() give for one meeting, read from the
 * covering indexes agenda_item_meeting_lines and
 * meeting_participant_meeting_lines (migration 015) without a sort. The
 * participants lead the join (CROSS JOIN keeps SQLite to that order):
 * left to itself it walked all people by name and looked up each one's
 * meetings, 20,000 lookups for 12,000 rows. */
#define AGENDA_SQL(where) \
  "SELECT meeting_id, title FROM agenda_item WHERE deleted = 0" where " ORDER BY meeting_id, position, id"
#define PARTICIPANTS_SQL(where) \
  "SELECT p.meeting_id, person.name, p.attendance FROM meeting_participant p" \
  " CROSS JOIN person ON person.id = p.person_id AND person.deleted = 0" \
  " WHERE p.deleted = 0" where " ORDER BY p.meeting_id, p.created_at, p.id"

static const char * const agenda_sql[] = {
  AGENDA_SQL (""), AGENDA_SQL (" AND meeting_id = ?1")
};
static const char * const participants_sql[] = {
  PARTICIPANTS_SQL (""), PARTICIPANTS_SQL (" AND p.meeting_id = ?1")
};

/* Up to how many meetings a feed reads their lines meeting by meeting
 * rather than those of all meetings in one pass: a series has a few dozen,
 * the office thousands. */
#define FEED_SEEK_LIMIT 200

static void
string_free (gpointer text)
{
  g_string_free (text, TRUE);
}

static void
append_line (GString      *text,
             sqlite3_stmt *stmt,
             gboolean      agenda,
             guint         number)
{
  const char *value = (const char *)sqlite3_column_text (stmt, 1);
  const char *attendance;

  if (agenda)
    {
      g_string_append_printf (text, "%u. %s\n", number, value);
      return;
    }

  /* How they answered, when they did not just get the invitation. */
  attendance = (const char *)sqlite3_column_text (stmt, 2);
  g_string_append_printf (text, "- %s", value);
  if (g_strcmp0 (attendance, "invited") != 0)
    g_string_append_printf (text, " (%s)",
                            lotse_enum_value_label ("meeting_participant", "attendance", attendance));
  g_string_append_c (text, '\n');
}

/* Adds the lines of @sql (agenda_sql or participants_sql) to @lines by
 * meeting, of every meeting or of @meeting_id. */
static gboolean
read_lines (LotseStore         *store,
            const char * const *sql,
            const char         *meeting_id,
            GHashTable         *lines,
            GError            **error)
{
  sqlite3_stmt *stmt = lotse_store_prepare_cached (store, sql[meeting_id != NULL], error);
  GString *text = NULL;
  guint number = 0;
  int rc;

  if (stmt == NULL)
    return FALSE;
  if (meeting_id != NULL)
    lotse_store_bind_text (stmt, 1, meeting_id);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *id = (const char *)sqlite3_column_text (stmt, 0);

      if (id == NULL)
        continue;
      if ((text = g_hash_table_lookup (lines, id)) == NULL)
        {
          text = g_string_new (NULL);
          g_hash_table_insert (lines, g_strdup (id), text);
          number = 0;
        }
      append_line (text, stmt, sql == agenda_sql, ++number);
    }

  if (rc != SQLITE_DONE)
    {
      lotse_store_set_sqlite_error (store, error, "reading");
      return FALSE;
    }
  sqlite3_reset (stmt);
  return TRUE;
}

static GHashTable *
lines_new (void)
{
  return g_hash_table_new_full (g_str_hash, g_str_equal, g_free, string_free);
}

/* The agendas and participants of every meeting, or of @meeting_id. */
static gboolean
related_read (Related     *related,
              LotseStore  *store,
              const char  *meeting_id,
              GError     **error)
{
  related->agenda = lines_new ();
  related->participants = lines_new ();
  return read_lines (store, agenda_sql, meeting_id, related->agenda, error) &&
         read_lines (store, participants_sql, meeting_id, related->participants, error);
}

/* The lines of @sql of @meetings: of every meeting in one pass when they
 * are many, else meeting by meeting (one seek each), so that the feed of
 * a series neither reads nor keeps those of the whole office. */
static GHashTable *
read_meetings_lines (LotseStore         *store,
                     const char * const *sql,
                     GPtrArray          *meetings,
                     GError            **error)
{
  g_autoptr(GHashTable) lines = lines_new ();

  if (meetings->len > FEED_SEEK_LIMIT)
    return read_lines (store, sql, NULL, lines, error) ? g_steal_pointer (&lines) : NULL;

  for (guint i = 0; i < meetings->len; i++)
    {
      const char *id = lotse_record_get_id (g_ptr_array_index (meetings, i));

      if (!read_lines (store, sql, id, lines, error))
        return NULL;
    }
  return g_steal_pointer (&lines);
}

static void
append_section (GString    *text,
                const char *title,
                GHashTable *lines,
                const char *meeting_id)
{
  const GString *section = g_hash_table_lookup (lines, meeting_id);

  if (section == NULL)
    return;
  g_string_append_printf (text, "%s%s\n", text->len > 0 ? "\n" : "", title);
  g_string_append_len (text, section->str, section->len);
}

static char *
meeting_description (const Related *related,
                     LotseRecord   *meeting)
{
  g_autoptr(GString) text = g_string_new (NULL);
  const char *notes = lotse_record_get (meeting, "notes");

  if (notes != NULL && *notes != '\0')
    g_string_append_printf (text, "%s\n", notes);

  append_section (text, _("Agenda:"), related->agenda, lotse_record_get_id (meeting));
  append_section (text, _("Participants:"), related->participants, lotse_record_get_id (meeting));

  g_strchomp (text->str);
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static enum icalproperty_status
meeting_status (const char *status)
{
  if (g_strcmp0 (status, "cancelled") == 0)
    return ICAL_STATUS_CANCELLED;
  if (g_strcmp0 (status, "draft") == 0)
    return ICAL_STATUS_TENTATIVE;
  return ICAL_STATUS_CONFIRMED;
}

/* The VEVENT of @meeting, which has a start time. */
static icalcomponent *
meeting_event (LotseRecord    *meeting,
               const char     *description,
               LotseRecord    *office,
               GTimeZone      *zone,
               icaltimezone   *ical_zone)
{
  g_autoptr(GDateTime) start = lotse_time_parse (lotse_record_get (meeting, "starts_at"), zone);
  icalcomponent *event;

  event = new_event (lotse_record_get_id (meeting), lotse_record_get (meeting, "title"),
                     lotse_record_get (meeting, "location"), office);
  set_start_and_duration (event, start, zone, ical_zone,
                          lotse_record_get_int (meeting, "duration_min", 0));
  icalcomponent_set_status (event, meeting_status (lotse_record_get (meeting, "status")));
  if (*description != '\0')
    icalcomponent_set_description (event, description);
  return event;
}

/**
 * lotse_ics_meeting_to_string:
 * @store: a store
 * @meeting_id: a meeting’s id
 * @error: a location for a #GError
 *
 * Returns: (transfer full) (nullable): an iCalendar text with one VEVENT
 *   for the meeting, its agenda in the description
 */
char *
lotse_ics_meeting_to_string (LotseStore  *store,
                             const char  *meeting_id,
                             GError     **error)
{
  g_autoptr(LotseRecord) meeting = NULL;
  g_autoptr(LotseRecord) office = NULL;
  g_autoptr(GTimeZone) zone = NULL;
  g_autoptr(GDateTime) start = NULL;
  g_autoptr(icalcomponent) calendar = NULL;
  g_autoptr(GError) local_error = NULL;
  g_auto(Related) related = { NULL };
  g_autofree char *description = NULL;
  icaltimezone *ical_zone;

  g_return_val_if_fail (LOTSE_IS_STORE (store), NULL);
  g_return_val_if_fail (meeting_id != NULL, NULL);

  meeting = lotse_store_get (store, "meeting", meeting_id, &local_error);
  if (meeting == NULL)
    {
      if (g_error_matches (local_error, LOTSE_ERROR, LOTSE_ERROR_NOT_FOUND))
        g_set_error (error, LOTSE_ERROR, LOTSE_ERROR_NOT_FOUND,
                     _("There is no meeting with the id “%s”"), meeting_id);
      else
        g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  office = lotse_office_get (store, error);
  if (office == NULL)
    return NULL;
  zone = lotse_office_get_time_zone (store);
  start = lotse_time_parse (lotse_record_get (meeting, "starts_at"), zone);
  if (start == NULL)
    {
      g_set_error (error, LOTSE_ERROR, LOTSE_ERROR_INVALID_VALUE,
                   _("The meeting “%s” has no start time"), lotse_record_get_title (meeting));
      return NULL;
    }

  if (!related_read (&related, store, meeting_id, error))
    return NULL;

  ical_zone = lookup_ical_zone (zone);
  calendar = new_calendar (ical_zone, start);
  description = meeting_description (&related, meeting);
  icalcomponent_add_component (calendar, meeting_event (meeting, description, office, zone, ical_zone));

  return calendar_to_string (calendar);
}

/* What an event's text depends on besides the office as organizer and
 * the time zone (@context): the meeting's fields it shows and its
 * description (agenda and participants, in the language of the process).
 * Not the revision: a local edit keeps it until it is pushed. */
static char *
event_key (LotseRecord  *meeting,
           const char   *description,
           const char   *context)
{
  static const char * const fields[] = { "title", "location", "starts_at", "duration_min", "status" };
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA1);

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      const char *value = lotse_record_get (meeting, fields[i]);

      /* A separator no field holds, and NULL apart from "". */
      g_checksum_update (checksum, (const guchar *)(value != NULL ? "\x1f" : "\x1e"), 1);
      if (value != NULL)
        g_checksum_update (checksum, (const guchar *)value, -1);
    }
  g_checksum_update (checksum, (const guchar *)"\x1f", 1);
  g_checksum_update (checksum, (const guchar *)description, -1);

  return g_strdup_printf ("%s|%s|%s", lotse_record_get_id (meeting), g_checksum_get_string (checksum), context);
}

/* Appends the VEVENT of @meeting to @text, taken from @kept when its key
 * is there, and puts it into @used. */
static void
append_event (GString       *text,
              GHashTable    *kept,
              GHashTable    *used,
              const Related *related,
              LotseRecord   *meeting,
              LotseRecord   *office,
              const char    *context,
              GTimeZone     *zone,
              icaltimezone  *ical_zone)
{
  g_autofree char *description = meeting_description (related, meeting);
  char *key = event_key (meeting, description, context);
  gpointer old_key = NULL;
  gpointer event_text = NULL;

  if (kept != NULL && g_hash_table_steal_extended (kept, key, &old_key, &event_text))
    g_free (old_key);
  else
    {
      icalcomponent *event = meeting_event (meeting, description, office, zone, ical_zone);

      event_text = calendar_to_string (event);
      icalcomponent_free (event);
    }
  g_string_append (text, event_text);
  g_hash_table_replace (used, key, event_text);
}

/* A feed as a calendar polls it: the events and the description lines of
 * its last text, kept for the next one. */
struct _LotseIcsFeed
{
  LotseStore *store;
  gulong      changed_id;
  GHashTable *events;    /* event key → its text */
  Related     related;   /* each table NULL once a row it shows changed */
};

/* Forgets the lines a row of @table is shown in. */
static void
on_store_changed (LotseStore   *store,
                  const char   *table,
                  const char   *id,
                  LotseIcsFeed *self)
{
  if (g_str_equal (table, LOTSE_TABLE_AGENDA_ITEM))
    g_clear_pointer (&self->related.agenda, g_hash_table_unref);
  else if (g_str_equal (table, LOTSE_TABLE_MEETING_PARTICIPANT) || g_str_equal (table, LOTSE_TABLE_PERSON))
    g_clear_pointer (&self->related.participants, g_hash_table_unref);
}

/**
 * lotse_ics_feed_new:
 * @store: the store the feed is read from
 *
 * A feed of several meetings that keeps what it wrote for the next call
 * of lotse_ics_feed_write(). It follows @store's #LotseStore::changed on
 * the thread that writes, which must be the one that writes the feed.
 *
 * Returns: (transfer full): a new feed
 */
LotseIcsFeed *
lotse_ics_feed_new (LotseStore *store)
{
  LotseIcsFeed *self;

  g_return_val_if_fail (LOTSE_IS_STORE (store), NULL);

  self = g_new0 (LotseIcsFeed, 1);
  self->store = g_object_ref (store);
  self->changed_id = g_signal_connect (store, "changed", G_CALLBACK (on_store_changed), self);
  return self;
}

void
lotse_ics_feed_free (LotseIcsFeed *self)
{
  if (self == NULL)
    return;

  g_clear_signal_handler (&self->changed_id, self->store);
  g_clear_object (&self->store);
  g_clear_pointer (&self->events, g_hash_table_unref);
  related_clear (&self->related);
  g_free (self);
}

/**
 * lotse_ics_feed_get_events:
 * @self: a feed
 *
 * For tests: the events of the last text, by key.
 *
 * Returns: (transfer none) (nullable): event key → text
 */
GHashTable *
lotse_ics_feed_get_events (LotseIcsFeed *self)
{
  return self->events;
}

/**
 * lotse_ics_feed_write:
 * @self: a feed
 * @meetings: (element-type LotseRecord): meetings, the earliest first
 * @error: a location for a #GError
 *
 * A calendar of several meetings, as a subscribed feed shows them: one
 * VEVENT each, with its agenda in the description, under one VTIMEZONE.
 * Meetings without a start time are left out.
 *
 * A feed is asked for again after every change of the office, which
 * touches a few meetings, so two things of the last call are kept:
 * the agendas and the participants of all meetings, each read again only
 * after a row of theirs changed (reading them is most of the work when
 * only meetings changed: 23 of 39 ms at 2,000 meetings and 20,000
 * people);
 * and the events, taken over where nothing they show changed (libical
 * writes 1.8 MB for 2,000 meetings in 40 ms). A kept event's DTSTAMP
 * stays the time it was written.
 *
 * Returns: (transfer full) (nullable): an iCalendar text
 */
char *
lotse_ics_feed_write (LotseIcsFeed  *self,
                      GPtrArray     *meetings,
                      GError       **error)
{
  g_autoptr(LotseRecord) office = NULL;
  g_autoptr(GTimeZone) zone = NULL;
  g_autoptr(GDateTime) first = NULL;
  g_autoptr(icalcomponent) calendar = NULL;
  g_autoptr(GHashTable) used = NULL;
  g_autofree char *head = NULL;
  g_autofree char *context = NULL;
  GString *text;
  icaltimezone *ical_zone;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (meetings != NULL, NULL);

  office = lotse_office_get (self->store, error);
  if (office == NULL)
    return NULL;
  if (self->related.agenda == NULL &&
      (self->related.agenda = read_meetings_lines (self->store, agenda_sql, meetings, error)) == NULL)
    return NULL;
  if (self->related.participants == NULL &&
      (self->related.participants = read_meetings_lines (self->store, participants_sql, meetings, error)) == NULL)
    return NULL;
  zone = lotse_office_get_time_zone (self->store);
  for (guint i = 0; first == NULL && i < meetings->len; i++)
    first = lotse_time_parse (lotse_record_get (g_ptr_array_index (meetings, i), "starts_at"), zone);
  if (first == NULL)
    first = g_date_time_new_now (zone);

  ical_zone = lookup_ical_zone (zone);
  calendar = new_calendar (ical_zone, first);
  head = calendar_to_string (calendar);
  g_assert (g_str_has_suffix (head, CALENDAR_END));
  text = g_string_new_len (head, strlen (head) - strlen (CALENDAR_END));
  context = g_strdup_printf ("%s\x1f%s\x1f%s", lotse_record_get (office, "name") ?: "",
                             lotse_record_get (office, "email") ?: "",
                             ical_zone != NULL ? icaltimezone_get_tzid (ical_zone) : "");

  used = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  for (guint i = 0; i < meetings->len; i++)
    {
      LotseRecord *meeting = g_ptr_array_index (meetings, i);

      if (lotse_record_get (meeting, "starts_at") != NULL)
        append_event (text, self->events, used, &self->related, meeting, office, context, zone, ical_zone);
    }
  g_string_append (text, CALENDAR_END);

  g_clear_pointer (&self->events, g_hash_table_unref);
  self->events = g_steal_pointer (&used);
  return g_string_free (text, FALSE);
}

/**
 * lotse_ics_meetings_to_string:
 * @store: a store
 * @meetings: (element-type LotseRecord): meetings, the earliest first
 * @error: a location for a #GError
 *
 * A feed written once (lotse_ics_feed_write()).
 *
 * Returns: (transfer full) (nullable): an iCalendar text
 */
char *
lotse_ics_meetings_to_string (LotseStore  *store,
                              GPtrArray   *meetings,
                              GError     **error)
{
  g_autoptr(LotseIcsFeed) feed = lotse_ics_feed_new (store);

  return lotse_ics_feed_write (feed, meetings, error);
}

static GDateTime *
series_first_start (LotseStore             *store,
                    LotseRecord            *series,
                    const LotseRecurrence  *rule,
                    GTimeZone              *zone,
                    GPtrArray              *cancelled,
                    GError                **error)
{
  LotseFilter filter = { "series_id", lotse_record_get_id (series) };
  g_autoptr(GPtrArray) meetings = NULL;
  GDateTime *first = NULL;

  meetings = lotse_store_list (store, "meeting", &filter, 1, "starts_at", 0, 0, error);
  if (meetings == NULL)
    return NULL;

  for (guint i = 0; i < meetings->len; i++)
    {
      LotseRecord *meeting = g_ptr_array_index (meetings, i);
      const char *starts_at = lotse_record_get (meeting, "starts_at");
      GDateTime *start = starts_at != NULL ? g_date_time_new_from_iso8601 (starts_at, NULL) : NULL;

      if (start == NULL)
        continue;

      if (g_strcmp0 (lotse_record_get (meeting, "status"), "cancelled") == 0)
        g_ptr_array_add (cancelled, g_date_time_ref (start));

      if (first == NULL || g_date_time_compare (start, first) < 0)
        {
          g_clear_pointer (&first, g_date_time_unref);
          first = g_date_time_ref (start);
        }
      g_date_time_unref (start);
    }

  /* A series that has not met yet starts where “prepare next meeting”
   * puts its first meeting: the first matching day, as there is no rhythm
   * to count INTERVAL from yet. */
  if (first == NULL)
    {
      g_autoptr(GDateTime) now = g_date_time_new_now (zone);

      first = lotse_recurrence_first_after (rule, zone, now, LOTSE_MEETING_DEFAULT_HOUR, 0,
                                            error);
    }

  return first;
}

/* The series and its rule: one without cannot be a recurring event. */
static LotseRecurrence *
load_series_rule (LotseStore   *store,
                  const char   *series_id,
                  LotseRecord **out_series,
                  GError      **error)
{
  g_autoptr(LotseRecord) series = NULL;
  g_autoptr(GError) local_error = NULL;
  LotseRecurrence *rule;
  const char *text;

  series = lotse_store_get (store, "meeting_series", series_id, &local_error);
  if (series == NULL)
    {
      if (g_error_matches (local_error, LOTSE_ERROR, LOTSE_ERROR_NOT_FOUND))
        g_set_error (error, LOTSE_ERROR, LOTSE_ERROR_NOT_FOUND,
                     _("There is no meeting series with the id “%s”"), series_id);
      else
        g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  text = lotse_record_get (series, "recurrence");
  if (text == NULL || *text == '\0')
    {
      g_set_error (error, LOTSE_ERROR, LOTSE_ERROR_INVALID_VALUE,
                   _("The meeting series “%s” has no recurrence; export its meetings one by one"),
                   lotse_record_get_title (series));
      return NULL;
    }

  rule = lotse_recurrence_parse (text, error);
  if (rule != NULL)
    *out_series = g_steal_pointer (&series);

  return rule;
}

/**
 * lotse_ics_series_to_string:
 * @store: a store
 * @series_id: a meeting series’ id
 * @error: a location for a #GError
 *
 * Returns: (transfer full) (nullable): an iCalendar text with one
 *   recurring VEVENT for the series; a series without recurrence is refused
 */
char *
lotse_ics_series_to_string (LotseStore  *store,
                            const char  *series_id,
                            GError     **error)
{
  g_autoptr(LotseRecord) series = NULL;
  g_autoptr(LotseRecord) office = NULL;
  g_autoptr(LotseRecurrence) rule = NULL;
  g_autoptr(GTimeZone) office_zone = NULL;
  g_autoptr(GTimeZone) zone = NULL;
  g_autoptr(GDateTime) first = NULL;
  g_autoptr(GPtrArray) cancelled = g_ptr_array_new_with_free_func ((GDestroyNotify) g_date_time_unref);
  g_autoptr(icalcomponent) calendar = NULL;
  g_autofree char *rrule = NULL;
  struct icalrecurrencetype recurrence;
  icaltimezone *ical_zone;
  icalcomponent *event;

  g_return_val_if_fail (LOTSE_IS_STORE (store), NULL);
  g_return_val_if_fail (series_id != NULL, NULL);

  rule = load_series_rule (store, series_id, &series, error);
  if (rule == NULL)
    return NULL;
  rrule = lotse_recurrence_to_rrule (rule);

  office = lotse_office_get (store, error);
  if (office == NULL)
    return NULL;
  office_zone = lotse_office_get_time_zone (store);
  zone = lotse_recurrence_get_time_zone (rule, office_zone);

  first = series_first_start (store, series, rule, zone, cancelled, error);
  if (first == NULL)
    return NULL;

  recurrence = icalrecurrencetype_from_string (rrule);
  if (recurrence.freq == ICAL_NO_RECURRENCE)
    {
      g_set_error (error, LOTSE_ERROR, LOTSE_ERROR_INVALID_VALUE,
                   _("The recurrence “%s” cannot be written as iCalendar"),
                   lotse_record_get (series, "recurrence"));
      return NULL;
    }

  ical_zone = lookup_ical_zone (zone);
  calendar = new_calendar (ical_zone, first);

  event = new_event (lotse_record_get_id (series), lotse_record_get (series, "title"),
                     lotse_record_get (series, "default_location"), office);
  set_start_and_duration (event, first, zone, ical_zone,
                          lotse_record_get_int (series, "default_duration_min", 0));
  icalcomponent_add_property (event, icalproperty_new_rrule (recurrence));
  for (guint i = 0; i < cancelled->len; i++)
    {
      struct icaltimetype t = ical_time (g_ptr_array_index (cancelled, i), zone, ical_zone);
      icalproperty *exdate = icalproperty_new_exdate (t);

      add_tzid (exdate, ical_zone);
      icalcomponent_add_property (event, exdate);
    }
  icalcomponent_add_component (calendar, event);

  return calendar_to_string (calendar);
}

/* Written to a temporary file and renamed: a failure leaves no half file,
 * and only a regular file or a new name is written (lotse-output.c). */
static gboolean
write_file (const char  *path,
            const char  *text,
            GError     **error)
{
  g_autoptr(GError) local_error = NULL;

  if (!lotse_output_write_file (path, text, strlen (text), &local_error))
    {
      g_set_error_literal (error, LOTSE_ERROR, LOTSE_ERROR_FAILED, local_error->message);
      return FALSE;
    }

  return TRUE;
}

/**
 * lotse_ics_export_meeting:
 * @store: a store
 * @meeting_id: a meeting’s id
 * @path: the file to write
 * @error: a location for a #GError
 *
 * Writes the meeting as an iCalendar file; on failure no file is left.
 *
 * Returns: %TRUE on success
 */
gboolean
lotse_ics_export_meeting (LotseStore  *store,
                          const char  *meeting_id,
                          const char  *path,
                          GError     **error)
{
  g_autofree char *text = NULL;

  g_return_val_if_fail (path != NULL, FALSE);

  text = lotse_ics_meeting_to_string (store, meeting_id, error);
  return text != NULL && write_file (path, text, error);
}

/**
 * lotse_ics_export_series:
 * @store: a store
 * @series_id: a meeting series’ id
 * @path: the file to write
 * @error: a location for a #GError
 *
 * Writes the series as a recurring iCalendar event; on failure no file is
 * left.
 *
 * Returns: %TRUE on success
 */
gboolean
lotse_ics_export_series (LotseStore  *store,
                         const char  *series_id,
                         const char  *path,
                         GError     **error)
{
  g_autofree char *text = NULL;

  g_return_val_if_fail (path != NULL, FALSE);

  text = lotse_ics_series_to_string (store, series_id, error);
  return text != NULL && write_file (path, text, error);
}
