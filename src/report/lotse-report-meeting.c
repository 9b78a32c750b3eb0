/* lotse-report-meeting.c: the agenda and the minutes of a meeting
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Portrait A4. The agenda lists the items with their computed start times;
 * the minutes add attendance, notes, decisions and the action items.
 * Items carried over from an earlier meeting say so.
 */

#define G_LOG_DOMAIN "lotse-report"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "lotse-report-private.h"

typedef struct
{
  LotseStore         *store;
  LotseReportBuilder *builder;
  LotseRecord        *meeting;
  char               *title;         /* as shown, see lotse_meeting_format_title() */
  GTimeZone          *zone;          /* the office's: every time is shown in it */
  GDateTime          *starts;        /* nullable; in zone */
  GPtrArray          *participants;  /* meeting_participant */
  GPtrArray          *items;         /* agenda_item, by position */
  GPtrArray          *decisions;
  GPtrArray          *actions;
  GPtrArray          *guests;        /* meeting_guest */
  GPtrArray          *amendments;    /* minutes_amendment, oldest first */
  LotseRecord        *approval;      /* nullable: the minutes are not approved */
  GHashTable         *cache;         /* "table/id" → LotseRecord */
} MeetingReport;

static void
meeting_report_clear (MeetingReport *report)
{
  g_clear_object (&report->meeting);
  g_clear_pointer (&report->title, g_free);
  g_clear_pointer (&report->zone, g_time_zone_unref);
  g_clear_pointer (&report->starts, g_date_time_unref);
  g_clear_pointer (&report->participants, g_ptr_array_unref);
  g_clear_pointer (&report->items, g_ptr_array_unref);
  g_clear_pointer (&report->decisions, g_ptr_array_unref);
  g_clear_pointer (&report->actions, g_ptr_array_unref);
  g_clear_pointer (&report->guests, g_ptr_array_unref);
  g_clear_pointer (&report->amendments, g_ptr_array_unref);
  g_clear_object (&report->approval);
  g_clear_pointer (&report->cache, g_hash_table_unref);
}

/* A row another row refers to, read once; NULL if it is gone. */
static LotseRecord *
lookup (MeetingReport *report,
        const char    *table,
        const char    *id)
{
  g_autofree char *key = NULL;
  LotseRecord *record;

  if (id == NULL)
    return NULL;

  key = g_strconcat (table, "/", id, NULL);
  if (g_hash_table_lookup_extended (report->cache, key, NULL, (gpointer *) &record))
    return record;

  record = lotse_store_get (report->store, table, id, NULL);
  g_hash_table_insert (report->cache, g_steal_pointer (&key), record);

  return record;
}

static const char *
lookup_name (MeetingReport *report,
             const char    *table,
             const char    *id)
{
  LotseRecord *record = lookup (report, table, id);

  return record != NULL ? lotse_record_get_title (record) : NULL;
}

static const char *
project_name (MeetingReport *report,
              const char    *project_id)
{
  LotseRecord *project = lookup (report, LOTSE_TABLE_PROJECT, project_id);
  const char *acronym;

  if (project == NULL)
    return NULL;

  acronym = lotse_record_get (project, LOTSE_PROJECT_ACRONYM);
  return acronym != NULL && *acronym != '\0' ? acronym : lotse_record_get (project, LOTSE_PROJECT_TITLE);
}

static GPtrArray *
list_for_meeting (MeetingReport  *report,
                  const char     *table,
                  const char     *order,
                  GError        **error)
{
  /* Each of the meeting's tables names its meeting "meeting_id". */
  LotseFilter filter = { LOTSE_AGENDA_ITEM_MEETING_ID, lotse_record_get_id (report->meeting) };

  return lotse_store_list (report->store, table, &filter, 1, order, 0, 0, error);
}

static gboolean
load (MeetingReport  *report,
      LotseStore     *store,
      const char     *meeting_id,
      GError        **error)
{
  LotseRecord *series;

  report->store = store;
  report->cache = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  report->meeting = lotse_store_get (store, LOTSE_TABLE_MEETING, meeting_id, error);
  if (report->meeting == NULL)
    return FALSE;

  report->zone = lotse_office_get_time_zone (store);
  report->starts = lotse_time_parse (lotse_record_get (report->meeting, LOTSE_MEETING_STARTS_AT),
                                     report->zone);
  series = lookup (report, LOTSE_TABLE_MEETING_SERIES,
                   lotse_record_get (report->meeting, LOTSE_MEETING_SERIES_ID));
  report->title = lotse_meeting_format_title (report->meeting,
                                              series != NULL
                                                ? lotse_record_get (series, LOTSE_MEETING_SERIES_TITLE)
                                                : NULL,
                                              report->zone);

  report->participants = list_for_meeting (report, LOTSE_TABLE_MEETING_PARTICIPANT, "created_at", error);
  if (report->participants == NULL)
    return FALSE;
  report->items = list_for_meeting (report, LOTSE_TABLE_AGENDA_ITEM, LOTSE_AGENDA_ITEM_POSITION, error);
  if (report->items == NULL)
    return FALSE;
  report->decisions = list_for_meeting (report, LOTSE_TABLE_DECISION, "created_at", error);
  if (report->decisions == NULL)
    return FALSE;
  report->actions = list_for_meeting (report, LOTSE_TABLE_ACTION_ITEM, LOTSE_ACTION_ITEM_DUE_DATE, error);
  if (report->actions == NULL)
    return FALSE;
  report->guests = list_for_meeting (report, LOTSE_TABLE_MEETING_GUEST, LOTSE_MEETING_GUEST_NAME, error);
  if (report->guests == NULL)
    return FALSE;
  report->approval = lotse_minutes_get_approval (store, meeting_id);
  report->amendments = list_for_meeting (report, LOTSE_TABLE_MINUTES_AMENDMENT,
                                         LOTSE_MINUTES_AMENDMENT_WRITTEN_AT, error);

  return report->amendments != NULL;
}

/* An agenda or minutes is named after the meeting's day, not the day it
 * was exported: “Agenda-2026-11-24.pdf”. */
static void
set_file_date (LotseReport   *self,
               MeetingReport *report)
{
  g_autofree char *date = lotse_meeting_get_date (report->meeting, report->zone);

  if (date != NULL)
    lotse_report_set_file_date (self, date);
}

/* --- pieces of text ------------------------------------------------------------ */

static char *
duration_text (gint64 minutes)
{
  /* Translators: a duration in minutes, e.g. “15 min” */
  return g_strdup_printf (C_("duration", "%d min"), (int) minutes);
}

static char *
time_range_text (MeetingReport *report)
{
  g_autofree char *start = NULL;
  g_autofree char *end = NULL;
  g_autoptr(GDateTime) ends = NULL;
  gint64 duration = lotse_record_get_int (report->meeting, LOTSE_MEETING_DURATION_MIN, 0);

  if (report->starts == NULL)
    return NULL;

  start = lotse_report_format_time (report->starts);
  if (duration <= 0)
    /* Translators: the time a meeting starts, e.g. “10:00”; German “%s Uhr” */
    return g_strdup_printf (C_("meeting time", "%s"), start);

  ends = g_date_time_add_minutes (report->starts, (int) duration);
  end = lotse_report_format_time (ends);
  /* Translators: the time of a meeting, e.g. “10:00–11:30”; German “%s–%s Uhr” */
  return g_strdup_printf (C_("meeting time", "%s–%s"), start, end);
}

/* “Carried over from the meeting on 10.11.2026”, or NULL. */
static char *
carried_text (MeetingReport *report,
              LotseRecord   *item)
{
  const char *from_id = lotse_record_get (item, LOTSE_AGENDA_ITEM_CARRIED_FROM_ID);
  LotseRecord *from;
  LotseRecord *meeting;
  g_autofree char *iso = NULL;
  g_autofree char *date = NULL;

  if (from_id == NULL)
    return NULL;

  from = lookup (report, LOTSE_TABLE_AGENDA_ITEM, from_id);
  meeting = from != NULL
              ? lookup (report, LOTSE_TABLE_MEETING, lotse_record_get (from, LOTSE_AGENDA_ITEM_MEETING_ID))
              : NULL;
  if (meeting != NULL)
    iso = lotse_meeting_get_date (meeting, report->zone);
  if (iso == NULL)
    return g_strdup (_("Carried over from an earlier meeting"));

  date = lotse_report_format_date (iso);
  /* Translators: marks an agenda item carried over; %s is a date */
  return g_strdup_printf (_("Carried over from the meeting on %s"), date);
}

static char *
person_with_organisation (MeetingReport *report,
                          const char    *person_id)
{
  LotseRecord *person = lookup (report, LOTSE_TABLE_PERSON, person_id);
  const char *organisation;

  if (person == NULL)
    return NULL;

  organisation = lookup_name (report, LOTSE_TABLE_ORGANISATION,
                              lotse_record_get (person, LOTSE_PERSON_ORGANISATION_ID));
  if (organisation == NULL)
    return g_strdup (lotse_record_get (person, LOTSE_PERSON_NAME));

  /* Translators: a person and their organisation, e.g. “Anna Demir (Universität Bielefeld)” */
  return g_strdup_printf (_("%s (%s)"), lotse_record_get (person, LOTSE_PERSON_NAME), organisation);
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_utf8_collate (*(const char **) a, *(const char **) b);
}

static const char *
attendance_label (const char *attendance)
{
  return lotse_enum_value_label (LOTSE_TABLE_MEETING_PARTICIPANT, LOTSE_MEETING_PARTICIPANT_ATTENDANCE,
                                 attendance);
}

/* The participants with @attendance (all when NULL), joined by commas. */
static char *
participants_text (MeetingReport *report,
                   const char    *attendance)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < report->participants->len; i++)
    {
      LotseRecord *participant = g_ptr_array_index (report->participants, i);
      char *name;

      if (attendance != NULL &&
          g_strcmp0 (lotse_record_get (participant, LOTSE_MEETING_PARTICIPANT_ATTENDANCE), attendance) != 0)
        continue;
      name = person_with_organisation (report, lotse_record_get (participant,
                                                                 LOTSE_MEETING_PARTICIPANT_PERSON_ID));
      if (name != NULL)
        g_ptr_array_add (names, name);
    }
  for (guint i = 0; i < report->guests->len; i++)
    {
      LotseRecord *guest = g_ptr_array_index (report->guests, i);
      const char *organisation = lotse_record_get (guest, LOTSE_MEETING_GUEST_ORGANISATION);

      if (attendance != NULL && g_strcmp0 (lotse_record_get (guest, LOTSE_MEETING_GUEST_ATTENDANCE),
                                           attendance) != 0)
        continue;
      if (organisation != NULL && *organisation != '\0')
        /* Translators: a guest and their organisation in the list of attendance */
        g_ptr_array_add (names, g_strdup_printf (_("%s (%s, guest)"), lotse_record_get (guest, LOTSE_MEETING_GUEST_NAME),
                                                 organisation));
      else
        /* Translators: a guest without organisation in the list of attendance */
        g_ptr_array_add (names, g_strdup_printf (_("%s (guest)"),
                                                 lotse_record_get (guest, LOTSE_MEETING_GUEST_NAME)));
    }

  if (names->len == 0)
    return NULL;

  g_ptr_array_sort (names, compare_names);
  g_ptr_array_add (names, NULL);

  /* Translators: the separator between names in a list */
  return g_strjoinv (_(", "), (char **) names->pdata);
}

static void
add_title_block (MeetingReport *report,
                 const char    *document,
                 const char    *extra_label,
                 const char    *extra_value)
{
  LotseReportBuilder *b = report->builder;
  const char *kind = lotse_enum_value_label (LOTSE_TABLE_MEETING, LOTSE_MEETING_KIND,
                                             lotse_record_get (report->meeting, LOTSE_MEETING_KIND));
  /* Translators: above a meeting's title, e.g. “Agenda · Jour fixe” */
  g_autofree char *kicker = g_strdup_printf (_("%s · %s"), document, kind);
  g_autoptr(PangoLayout) kicker_layout = lotse_report_builder_layout (b, kicker, LOTSE_REPORT_FONT_SUBTITLE,
                                                                      lotse_report_builder_width (b));
  g_autoptr(PangoLayout) title = lotse_report_builder_layout (b, report->title,
                                                              LOTSE_REPORT_FONT_TITLE,
                                                              lotse_report_builder_width (b));
  g_autofree char *date = report->starts != NULL ? lotse_report_format_date_long (report->starts) : NULL;
  g_autofree char *time = time_range_text (report);
  const char *fields[] = {
    _("Date"), date != NULL ? date : _("not yet fixed"),
    _("Time"), time,
    _("Place"), lotse_record_get (report->meeting, LOTSE_MEETING_LOCATION),
    extra_label, extra_value,
    NULL,
  };

  lotse_report_builder_add_text (b, kicker_layout, b->left, b->y, LOTSE_REPORT_MUTED);
  b->y += lotse_report_layout_height (kicker_layout) + 2;
  lotse_report_builder_add_text (b, title, b->left, b->y, LOTSE_REPORT_INK);
  b->y += lotse_report_layout_height (title) + 8;
  lotse_report_builder_fields (b, fields);
  b->y += 6;
  lotse_report_builder_add_line (b, b->left, b->y, b->right, b->y, LOTSE_REPORT_INK, 1.0, FALSE);
  lotse_report_builder_space (b, 14);
}

/* --- agenda ---------------------------------------------------------------------- */

static char *
item_markup (MeetingReport *report,
             LotseRecord   *item)
{
  g_autofree char *title = g_markup_escape_text (lotse_record_get (item, LOTSE_AGENDA_ITEM_TITLE), -1);
  g_autofree char *carried = carried_text (report, item);
  g_autofree char *carried_markup = carried != NULL ? g_markup_escape_text (carried, -1) : NULL;
  const char *kind = lotse_enum_value_label (LOTSE_TABLE_AGENDA_ITEM, LOTSE_AGENDA_ITEM_KIND,
                                             lotse_record_get (item, LOTSE_AGENDA_ITEM_KIND));

  if (carried_markup != NULL)
    return g_strdup_printf ("<b>%s</b>\n<span foreground=\"#5e5c64\">%s</span>\n"
                            "<span foreground=\"#c64600\"><i>%s</i></span>",
                            title, kind, carried_markup);

  return g_strdup_printf ("<b>%s</b>\n<span foreground=\"#5e5c64\">%s</span>", title, kind);
}

static void
add_agenda_items (MeetingReport *report)
{
  LotseReportBuilder *b = report->builder;
  const LotseReportColumn columns[] = {
    /* Translators: a table column: the number of an agenda item */
    { _("No."), 0.45, PANGO_ALIGN_RIGHT },
    { _("Time"), 0.7, PANGO_ALIGN_LEFT },
    { _("Item"), 4.0, PANGO_ALIGN_LEFT },
    { _("Duration"), 0.85, PANGO_ALIGN_RIGHT },
    { _("Presenter"), 1.6, PANGO_ALIGN_LEFT },
    { _("Project"), 1.3, PANGO_ALIGN_LEFT },
  };
  g_autoptr(LotseReportTable) table = NULL;
  g_autoptr(GDateTime) at = report->starts != NULL ? g_date_time_ref (report->starts) : NULL;
  g_autofree char *total_text = NULL;
  gint64 total = 0;

  lotse_report_builder_heading (b, _("Agenda items"), LOTSE_REPORT_FONT_HEADING, 50, -1);

  if (report->items->len == 0)
    {
      lotse_report_builder_paragraph (b, _("The agenda has no items yet."), FALSE,
                                      LOTSE_REPORT_FONT_BODY, 0, LOTSE_REPORT_MUTED);
      return;
    }

  table = lotse_report_table_new (b, columns, G_N_ELEMENTS (columns));
  for (guint i = 0; i < report->items->len; i++)
    {
      LotseRecord *item = g_ptr_array_index (report->items, i);
      gint64 minutes = lotse_record_get_int (item, LOTSE_AGENDA_ITEM_DURATION_MIN, 0);
      g_autofree char *number = g_strdup_printf ("%u", i + 1);
      g_autofree char *start = at != NULL ? lotse_report_format_time (at) : g_strdup ("–");
      g_autofree char *markup = item_markup (report, item);
      g_autofree char *duration = minutes > 0 ? duration_text (minutes) : g_strdup ("–");
      const char *presenter = lookup_name (report, LOTSE_TABLE_PERSON,
                                           lotse_record_get (item, LOTSE_AGENDA_ITEM_PRESENTER_PERSON_ID));
      const char *project = project_name (report, lotse_record_get (item, LOTSE_AGENDA_ITEM_PROJECT_ID));
      LotseReportCell cells[] = {
        { number, 0, LOTSE_REPORT_NONE },
        { start, 0, LOTSE_REPORT_NONE },
        { markup, LOTSE_REPORT_CELL_MARKUP, LOTSE_REPORT_NONE },
        { duration, 0, LOTSE_REPORT_NONE },
        { presenter != NULL ? presenter : "–", 0, LOTSE_REPORT_NONE },
        { project != NULL ? project : "–", 0, LOTSE_REPORT_NONE },
      };

      lotse_report_table_add_row (table, cells);

      total += minutes;
      if (at != NULL)
        {
          GDateTime *next = g_date_time_add_minutes (at, (int) minutes);

          g_date_time_unref (at);
          at = next;
        }
    }

  b->y += 6;
  {
    g_autofree char *duration = duration_text (total);

    /* Translators: under the agenda; %s is a duration such as “90 min” */
    total_text = g_strdup_printf (_("Total time: %s"), duration);
  }
  lotse_report_builder_paragraph (b, total_text, FALSE, LOTSE_REPORT_FONT_SMALL, 0, LOTSE_REPORT_MUTED);
}

static void add_annexes (MeetingReport *report);

static void add_action_table (MeetingReport *, const char *, GPtrArray *, gboolean);

/* What the meeting goes through besides its items: every open action
 * item of the series, as a list of its own rather than in the notes of
 * one item (where the prepared agenda can list only some). A held
 * meeting's agenda is history and shows none. */
static gboolean
add_open_actions (MeetingReport  *report,
                  GError        **error)
{
  const char *series_id = lotse_record_get (report->meeting, LOTSE_MEETING_SERIES_ID);
  const char *status = lotse_record_get (report->meeting, LOTSE_MEETING_STATUS);
  g_autoptr(GPtrArray) open = NULL;

  if (series_id == NULL || g_strcmp0 (status, "held") == 0 || g_strcmp0 (status, "cancelled") == 0)
    return TRUE;
  if ((open = lotse_action_items_list_open_for_series (report->store, series_id, error)) == NULL)
    return FALSE;
  if (open->len > 0)
    add_action_table (report, _("Open action items"), open, TRUE);
  return TRUE;
}

/**
 * lotse_report_new_agenda:
 * @store: the store to read
 * @meeting_id: the meeting
 * @today: (nullable): the export date YYYY-MM-DD; %NULL is today
 * @error: a location for a #GError
 *
 * Returns: (transfer full): the agenda, laid out, or %NULL if the meeting
 *   does not exist
 */
LotseReport *
lotse_report_new_agenda (LotseStore  *store,
                         const char  *meeting_id,
                         const char  *today,
                         GError     **error)
{
  MeetingReport report = { NULL, };
  g_autofree char *title = NULL;
  g_autofree char *participants = NULL;
  LotseReport *self;

  g_return_val_if_fail (LOTSE_IS_STORE (store), NULL);
  g_return_val_if_fail (meeting_id != NULL, NULL);

  if (today != NULL && !lotse_report_parse_date (today, error))
    return NULL;
  if (!load (&report, store, meeting_id, error))
    {
      meeting_report_clear (&report);
      return NULL;
    }

  /* Translators: the title of a PDF; %s is a meeting's title */
  title = g_strdup_printf (_("Agenda: %s"), report.title);
  self = lotse_report_new (LOTSE_REPORT_AGENDA, title, today, NULL, FALSE);
  set_file_date (self, &report);
  report.builder = lotse_report_builder_new (self);

  participants = participants_text (&report, NULL);
  add_title_block (&report, _("Agenda"), _("Participants"), participants);
  add_agenda_items (&report);
  if (!add_open_actions (&report, error))
    {
      g_object_unref (self);
      meeting_report_clear (&report);
      return NULL;
    }
  add_annexes (&report);

  lotse_report_builder_finish (report.builder);
  meeting_report_clear (&report);

  return self;
}

/* --- minutes --------------------------------------------------------------------- */

static void
add_attendance (MeetingReport *report)
{
  LotseReportBuilder *b = report->builder;
  g_autofree char *present = participants_text (report, "present");
  g_autofree char *excused = participants_text (report, "excused");
  g_autofree char *absent = participants_text (report, "absent");
  g_autofree char *invited = participants_text (report, "invited");
  const char *fields[] = {
    attendance_label ("present"), present,
    attendance_label ("excused"), excused,
    attendance_label ("absent"), absent,
    attendance_label ("invited"), invited,
    NULL,
  };

  lotse_report_builder_heading (b, _("Attendance list"), LOTSE_REPORT_FONT_HEADING, 30, 0);
  if (report->participants->len == 0 && report->guests->len == 0)
    lotse_report_builder_paragraph (b, _("No participants were recorded."), FALSE,
                                    LOTSE_REPORT_FONT_BODY, 0, LOTSE_REPORT_MUTED);
  else
    lotse_report_builder_fields (b, fields);
  lotse_report_builder_space (b, 10);
}

static int
item_number (MeetingReport *report,
             const char    *item_id)
{
  for (guint i = 0; item_id != NULL && i < report->items->len; i++)
    {
      if (g_strcmp0 (lotse_record_get_id (g_ptr_array_index (report->items, i)), item_id) == 0)
        return i + 1;
    }

  return 0;
}

static char *
action_line (MeetingReport *report,
             LotseRecord   *action)
{
  const char *owner = lookup_name (report, LOTSE_TABLE_PERSON,
                                   lotse_record_get (action, LOTSE_ACTION_ITEM_OWNER_PERSON_ID));
  const char *due = lotse_record_get (action, LOTSE_ACTION_ITEM_DUE_DATE);
  g_autofree char *title = g_markup_escape_text (lotse_record_get (action, LOTSE_ACTION_ITEM_TITLE), -1);
  g_autofree char *owner_markup = owner != NULL ? g_markup_escape_text (owner, -1) : NULL;
  g_autofree char *due_text = due != NULL ? lotse_report_format_date (due) : NULL;
  g_autoptr(GString) line = g_string_new (NULL);

  /* Translators: before an action item in the minutes */
  g_string_append_printf (line, "<b>%s</b> %s", _("Action item:"), title);
  if (owner_markup != NULL)
    g_string_append_printf (line, " — %s", owner_markup);
  if (due_text != NULL)
    /* Translators: when an action item is due, e.g. “due 15.12.2026” */
    g_string_append_printf (line, ", %s", _("due"));
  if (due_text != NULL)
    g_string_append_printf (line, " %s", due_text);

  return g_string_free (g_steal_pointer (&line), FALSE);
}

/* “Amendment of 12.12.2026 (Tobias Rehkemper): …” as markup. */
static char *
amendment_markup (LotseRecord *amendment)
{
  g_autofree char *day = g_strndup (lotse_record_get (amendment, LOTSE_MINUTES_AMENDMENT_WRITTEN_AT), 10);
  g_autofree char *date = lotse_report_format_date (day);
  g_autofree char *text = g_markup_escape_text (lotse_record_get (amendment, LOTSE_MINUTES_AMENDMENT_TEXT), -1);
  const char *author = lotse_record_get (amendment, LOTSE_MINUTES_AMENDMENT_AUTHOR);
  g_autofree char *author_markup = author != NULL ? g_markup_escape_text (author, -1) : NULL;
  gboolean reopening = g_strcmp0 (lotse_record_get (amendment, LOTSE_MINUTES_AMENDMENT_KIND), "reopening") == 0;
  g_autofree char *label = NULL;

  if (author_markup != NULL)
    label = reopening
      /* Translators: a date and a name, before the reason minutes were reopened */
      ? g_strdup_printf (_("Reopened on %s (%s):"), date, author_markup)
      /* Translators: a date and a name, before an amendment of approved minutes */
      : g_strdup_printf (_("Amendment of %s (%s):"), date, author_markup);
  else
    label = reopening
      /* Translators: a date, before the reason minutes were reopened */
      ? g_strdup_printf (_("Reopened on %s:"), date)
      /* Translators: a date, before an amendment of approved minutes */
      : g_strdup_printf (_("Amendment of %s:"), date);

  return g_strdup_printf ("<b>%s</b> %s", label, text);
}

/* The amendments of @item_id, or of the whole meeting for %NULL. */
static void
add_amendments (MeetingReport *report,
                const char    *item_id,
                int            indent)
{
  for (guint i = 0; i < report->amendments->len; i++)
    {
      LotseRecord *amendment = g_ptr_array_index (report->amendments, i);
      g_autofree char *markup = NULL;

      if (g_strcmp0 (lotse_record_get (amendment, LOTSE_MINUTES_AMENDMENT_AGENDA_ITEM_ID), item_id) != 0)
        continue;

      markup = amendment_markup (amendment);
      report->builder->y += 3;
      lotse_report_builder_paragraph (report->builder, markup, TRUE, LOTSE_REPORT_FONT_BODY, indent,
                                      0xc64600);
    }
}

/* Amendments and reopenings of the whole meeting, not of one item. */
static gboolean
has_meeting_amendments (MeetingReport *report)
{
  for (guint i = 0; i < report->amendments->len; i++)
    if (lotse_record_get (g_ptr_array_index (report->amendments, i), LOTSE_MINUTES_AMENDMENT_AGENDA_ITEM_ID) == NULL)
      return TRUE;

  return FALSE;
}

/* Whether and when the minutes were approved, under the attendance. */
static void
add_approval (MeetingReport *report)
{
  g_autofree char *day = NULL;
  g_autofree char *date = NULL;
  g_autofree char *text = NULL;
  const char *by;

  if (report->approval == NULL)
    {
      lotse_report_builder_paragraph (report->builder, _("These minutes are not approved yet."),
                                      FALSE, LOTSE_REPORT_FONT_BODY, 0, LOTSE_REPORT_MUTED);
      lotse_report_builder_space (report->builder, 10);
      return;
    }

  day = g_strndup (lotse_record_get (report->approval, LOTSE_MINUTES_APPROVAL_APPROVED_AT), 10);
  date = lotse_report_format_date (day);
  by = lotse_record_get (report->approval, LOTSE_MINUTES_APPROVAL_APPROVED_BY);
  text = by != NULL
    /* Translators: a date and a name */
    ? g_strdup_printf (_("Minutes approved on %s by %s."), date, by)
    /* Translators: a date */
    : g_strdup_printf (_("Minutes approved on %s."), date);
  lotse_report_builder_paragraph (report->builder, text, FALSE, LOTSE_REPORT_FONT_BODY, 0,
                                  LOTSE_REPORT_INK);
  lotse_report_builder_space (report->builder, 10);
}

static void
add_minutes_item (MeetingReport *report,
                  LotseRecord   *item,
                  guint          number)
{
  LotseReportBuilder *b = report->builder;
  const char *id = lotse_record_get_id (item);
  const char *notes = lotse_record_get (item, LOTSE_AGENDA_ITEM_NOTES);
  const char *presenter = lookup_name (report, LOTSE_TABLE_PERSON,
                                       lotse_record_get (item, LOTSE_AGENDA_ITEM_PRESENTER_PERSON_ID));
  const char *project = project_name (report, lotse_record_get (item, LOTSE_AGENDA_ITEM_PROJECT_ID));
  g_autofree char *heading = g_strdup_printf ("%u. %s", number,
                                              lotse_record_get (item, LOTSE_AGENDA_ITEM_TITLE));
  g_autofree char *carried = carried_text (report, item);
  g_autoptr(GString) details =
    g_string_new (lotse_enum_value_label (LOTSE_TABLE_AGENDA_ITEM, LOTSE_AGENDA_ITEM_KIND,
                                          lotse_record_get (item, LOTSE_AGENDA_ITEM_KIND)));

  if (presenter != NULL)
    g_string_append_printf (details, " · %s", presenter);
  if (project != NULL)
    /* Translators: the project an agenda item is about */
    g_string_append_printf (details, " · %s %s", _("Project:"), project);
  /* An item put off to a later meeting says so. */
  if (g_strcmp0 (lotse_record_get (item, LOTSE_AGENDA_ITEM_STATUS), "deferred") == 0)
    g_string_append_printf (details, " · %s",
                            lotse_enum_value_label (LOTSE_TABLE_AGENDA_ITEM,
                                                    LOTSE_AGENDA_ITEM_STATUS, "deferred"));

  lotse_report_builder_space (b, 10);
  lotse_report_builder_heading (b, heading, LOTSE_REPORT_FONT_SUBHEADING, 40, 1);
  lotse_report_builder_paragraph (b, details->str, FALSE, LOTSE_REPORT_FONT_SMALL, 0, LOTSE_REPORT_MUTED);
  if (carried != NULL)
    lotse_report_builder_paragraph (b, carried, FALSE, LOTSE_REPORT_FONT_SMALL, 0, 0xc64600);
  b->y += 3;

  if (notes != NULL && *notes != '\0')
    lotse_report_builder_paragraph (b, notes, FALSE, LOTSE_REPORT_FONT_BODY, 0, LOTSE_REPORT_INK);
  else
    lotse_report_builder_paragraph (b, _("No notes."), FALSE, LOTSE_REPORT_FONT_BODY, 0,
                                    LOTSE_REPORT_MUTED);

  for (guint i = 0; i < report->decisions->len; i++)
    {
      LotseRecord *decision = g_ptr_array_index (report->decisions, i);
      g_autofree char *text = NULL;
      g_autofree char *markup = NULL;

      if (g_strcmp0 (lotse_record_get (decision, LOTSE_DECISION_AGENDA_ITEM_ID), id) != 0)
        continue;

      text = g_markup_escape_text (lotse_record_get (decision, LOTSE_DECISION_TEXT), -1);
      /* Translators: before a decision in the minutes */
      markup = g_strdup_printf ("<b>%s</b> %s", _("Decision:"), text);
      b->y += 3;
      lotse_report_builder_paragraph (b, markup, TRUE, LOTSE_REPORT_FONT_BODY, 12, LOTSE_REPORT_INK);
    }

  for (guint i = 0; i < report->actions->len; i++)
    {
      LotseRecord *action = g_ptr_array_index (report->actions, i);
      g_autofree char *markup = NULL;

      if (g_strcmp0 (lotse_record_get (action, LOTSE_ACTION_ITEM_AGENDA_ITEM_ID), id) != 0)
        continue;

      markup = action_line (report, action);
      b->y += 3;
      lotse_report_builder_paragraph (b, markup, TRUE, LOTSE_REPORT_FONT_BODY, 12, LOTSE_REPORT_INK);
    }

  add_amendments (report, id, 12);
}

static void
add_other_decisions (MeetingReport *report)
{
  LotseReportBuilder *b = report->builder;
  gboolean any = FALSE;

  for (guint i = 0; i < report->decisions->len; i++)
    {
      LotseRecord *decision = g_ptr_array_index (report->decisions, i);

      if (item_number (report, lotse_record_get (decision, LOTSE_DECISION_AGENDA_ITEM_ID)) != 0)
        continue;

      if (!any)
        {
          lotse_report_builder_space (b, 10);
          lotse_report_builder_heading (b, _("Further decisions"), LOTSE_REPORT_FONT_HEADING, 30, 0);
          any = TRUE;
        }
      lotse_report_builder_paragraph (b, lotse_record_get (decision, LOTSE_DECISION_TEXT), FALSE,
                                      LOTSE_REPORT_FONT_BODY, 0, LOTSE_REPORT_INK);
      b->y += 3;
    }
}

/* Where an action item was agreed: the number of this meeting's agenda
 * item, or (@elsewhere, in the agenda) the day of the series' meeting. */
static char *
agreed_where (MeetingReport *report,
              LotseRecord   *action,
              gboolean       elsewhere)
{
  LotseRecord *meeting = lookup (report, LOTSE_TABLE_MEETING, lotse_record_get (action, LOTSE_ACTION_ITEM_MEETING_ID));
  g_autofree char *day = elsewhere && meeting != NULL ? lotse_meeting_get_date (meeting, report->zone) : NULL;
  int item = item_number (report, lotse_record_get (action, LOTSE_ACTION_ITEM_AGENDA_ITEM_ID));

  if (elsewhere)
    return day != NULL ? lotse_report_format_date (day) : g_strdup ("–");
  return item > 0 ? g_strdup_printf ("%d", item) : g_strdup ("–");
}

/* The minutes' action items; in the agenda (@elsewhere) the open ones of
 * the series, agreed in its earlier meetings. */
static void
add_action_table (MeetingReport *report,
                  const char    *heading,
                  GPtrArray     *actions,
                  gboolean       elsewhere)
{
  LotseReportBuilder *b = report->builder;
  const LotseReportColumn columns[] = {
    { _("No."), 0.45, PANGO_ALIGN_RIGHT },
    { _("Action item"), 4.0, PANGO_ALIGN_LEFT },
    { _("Owner"), 1.7, PANGO_ALIGN_LEFT },
    { _("Due"), 1.0, PANGO_ALIGN_LEFT },
    { _("Status"), 1.0, PANGO_ALIGN_LEFT },
    /* Translators: a table column: the number of the agenda item, or the
     * day of the meeting where an open action item was agreed */
    { elsewhere ? _("Agreed") : _("Item"), elsewhere ? 1.0 : 0.6, PANGO_ALIGN_RIGHT },
  };
  g_autoptr(LotseReportTable) table = NULL;

  lotse_report_builder_space (b, 14);
  lotse_report_builder_heading (b, heading, LOTSE_REPORT_FONT_HEADING, 50, 0);
  if (actions->len == 0)
    {
      lotse_report_builder_paragraph (b, _("No action items."), FALSE, LOTSE_REPORT_FONT_BODY, 0,
                                      LOTSE_REPORT_MUTED);
      return;
    }

  table = lotse_report_table_new (b, columns, G_N_ELEMENTS (columns));
  for (guint i = 0; i < actions->len; i++)
    {
      LotseRecord *action = g_ptr_array_index (actions, i);
      const char *owner = lookup_name (report, LOTSE_TABLE_PERSON,
                                       lotse_record_get (action, LOTSE_ACTION_ITEM_OWNER_PERSON_ID));
      const char *due = lotse_record_get (action, LOTSE_ACTION_ITEM_DUE_DATE);
      g_autofree char *number = g_strdup_printf ("%u", i + 1);
      g_autofree char *due_text = due != NULL ? lotse_report_format_date (due) : g_strdup ("–");
      g_autofree char *item_text = agreed_where (report, action, elsewhere);
      /* The notes under what was agreed: how the work stood when printed. */
      g_autofree char *title = g_strjoin ("\n", lotse_record_get (action, LOTSE_ACTION_ITEM_TITLE),
                                          lotse_record_get (action, LOTSE_ACTION_ITEM_NOTES), NULL);
      LotseReportCell cells[] = {
        { number, 0, LOTSE_REPORT_NONE },
        { title, 0, LOTSE_REPORT_NONE },
        { owner != NULL ? owner : "–", 0, LOTSE_REPORT_NONE },
        { due_text, 0, LOTSE_REPORT_NONE },
        { lotse_enum_value_label (LOTSE_TABLE_ACTION_ITEM, LOTSE_ACTION_ITEM_STATUS,
                                  lotse_record_get (action, LOTSE_ACTION_ITEM_STATUS)),
          0, LOTSE_REPORT_NONE },
        { item_text, 0, LOTSE_REPORT_NONE },
      };

      lotse_report_table_add_row (table, cells);
    }
}

/* --- annexes (both documents) ------------------------------------------------------ */

/* One line of the annexes: the name as given, what it is and how large,
 * and the agenda item it belongs to, if any. */
static char *
annex_line (LotseRecord *attachment,
            int          item)
{
  g_autofree char *type = g_content_type_from_mime_type (lotse_record_get (attachment, LOTSE_ATTACHMENT_CONTENT_TYPE));
  g_autofree char *kind = type != NULL ? g_content_type_get_description (type) : NULL;
  g_autofree char *size = g_format_size (lotse_record_get_int (attachment, LOTSE_ATTACHMENT_SIZE, 0));
  g_autofree char *name = g_markup_escape_text (lotse_record_get (attachment, LOTSE_ATTACHMENT_NAME), -1);
  g_autofree char *details = kind != NULL ? g_strdup_printf (_("%s, %s"), kind, size) : g_strdup (size);
  g_autofree char *escaped = g_markup_escape_text (details, -1);

  if (item > 0)
    /* Translators: an annex of minutes: its name, type and size, and the agenda item */
    return g_strdup_printf (_("<b>%s</b> (%s) · item %d"), name, escaped, item);
  /* Translators: an annex of minutes: its name, then its type and size */
  return g_strdup_printf (_("<b>%s</b> (%s)"), name, escaped);
}

/* The files attached to the meeting, then to its items, decisions and
 * action items, as the meeting's annexes. */
static GPtrArray *
collect_annexes (MeetingReport *report,
                 GArray        *items)
{
  GPtrArray *annexes = g_ptr_array_new_with_free_func (g_object_unref);
  struct { const char *table; GPtrArray *rows; } owners[] = {
    { LOTSE_TABLE_AGENDA_ITEM, report->items },
    { LOTSE_TABLE_DECISION, report->decisions },
    { LOTSE_TABLE_ACTION_ITEM, report->actions },
  };
  g_autoptr(GPtrArray) own = lotse_attachment_list (report->store, LOTSE_TABLE_MEETING,
                                                    lotse_record_get_id (report->meeting), NULL);

  for (guint i = 0; own != NULL && i < own->len; i++)
    {
      g_ptr_array_add (annexes, g_object_ref (own->pdata[i]));
      g_array_append_val (items, (int){ 0 });
    }
  for (guint o = 0; o < G_N_ELEMENTS (owners); o++)
    for (guint r = 0; r < owners[o].rows->len; r++)
      {
        LotseRecord *row = owners[o].rows->pdata[r];
        g_autoptr(GPtrArray) files = lotse_attachment_list (report->store, owners[o].table,
                                                            lotse_record_get_id (row), NULL);
        int item = g_str_equal (owners[o].table, LOTSE_TABLE_AGENDA_ITEM)
                     ? (int)r + 1 : item_number (report, lotse_record_get (row, LOTSE_ACTION_ITEM_AGENDA_ITEM_ID));

        for (guint i = 0; files != NULL && i < files->len; i++)
          {
            g_ptr_array_add (annexes, g_object_ref (files->pdata[i]));
            g_array_append_val (items, item);
          }
      }
  return annexes;
}

static void
add_annexes (MeetingReport *report)
{
  LotseReportBuilder *b = report->builder;
  g_autoptr(GArray) items = g_array_new (FALSE, FALSE, sizeof (int));
  g_autoptr(GPtrArray) annexes = collect_annexes (report, items);

  if (annexes->len == 0)
    return;

  lotse_report_builder_space (b, 14);
  /* Translators: the files that go with an agenda or minutes (“Anlagen”) */
  lotse_report_builder_heading (b, _("Annexes"), LOTSE_REPORT_FONT_HEADING, 30, 0);
  for (guint i = 0; i < annexes->len; i++)
    {
      g_autofree char *line = annex_line (annexes->pdata[i], g_array_index (items, int, i));
      /* Translators: an annex's number and its line, “Anlage 1: …” */
      g_autofree char *markup = g_strdup_printf (_("Annex %u: %s"), i + 1, line);

      lotse_report_builder_paragraph (b, markup, TRUE, LOTSE_REPORT_FONT_BODY, 0, LOTSE_REPORT_INK);
      b->y += 3;
    }
}

/**
 * lotse_report_new_minutes:
 * @store: the store to read
 * @meeting_id: the meeting
 * @today: (nullable): the export date YYYY-MM-DD; %NULL is today
 * @error: a location for a #GError
 *
 * Returns: (transfer full): the minutes, laid out, or %NULL if the meeting
 *   does not exist
 */
LotseReport *
lotse_report_new_minutes (LotseStore  *store,
                          const char  *meeting_id,
                          const char  *today,
                          GError     **error)
{
  MeetingReport report = { NULL, };
  g_autofree char *title = NULL;
  const char *notes;
  LotseReport *self;

  g_return_val_if_fail (LOTSE_IS_STORE (store), NULL);
  g_return_val_if_fail (meeting_id != NULL, NULL);

  if (today != NULL && !lotse_report_parse_date (today, error))
    return NULL;
  if (!load (&report, store, meeting_id, error))
    {
      meeting_report_clear (&report);
      return NULL;
    }

  /* Translators: the title of a PDF; %s is a meeting's title */
  title = g_strdup_printf (_("Minutes: %s"), report.title);
  self = lotse_report_new (LOTSE_REPORT_MINUTES, title, today, NULL, FALSE);
  set_file_date (self, &report);
  report.builder = lotse_report_builder_new (self);

  add_title_block (&report, _("Minutes"), NULL, NULL);
  add_attendance (&report);
  add_approval (&report);

  notes = lotse_record_get (report.meeting, LOTSE_MEETING_NOTES);
  if (notes != NULL && *notes != '\0')
    {
      lotse_report_builder_heading (report.builder, _("Notes"), LOTSE_REPORT_FONT_HEADING, 30, 0);
      lotse_report_builder_paragraph (report.builder, notes, FALSE, LOTSE_REPORT_FONT_BODY, 0,
                                      LOTSE_REPORT_INK);
      report.builder->y += 10;
    }

  lotse_report_builder_heading (report.builder, _("Items"), LOTSE_REPORT_FONT_HEADING, 50, 0);
  if (report.items->len == 0)
    lotse_report_builder_paragraph (report.builder, _("The meeting had no agenda items."), FALSE,
                                    LOTSE_REPORT_FONT_BODY, 0, LOTSE_REPORT_MUTED);
  for (guint i = 0; i < report.items->len; i++)
    add_minutes_item (&report, g_ptr_array_index (report.items, i), i + 1);
  add_other_decisions (&report);
  if (has_meeting_amendments (&report))
    {
      lotse_report_builder_space (report.builder, 10);
      lotse_report_builder_heading (report.builder, _("Amendments"), LOTSE_REPORT_FONT_HEADING, 30, 0);
      add_amendments (&report, NULL, 0);
    }
  add_action_table (&report, _("Action items"), report.actions, FALSE);
  add_annexes (&report);

  lotse_report_builder_finish (report.builder);
  meeting_report_clear (&report);

  return self;
}
