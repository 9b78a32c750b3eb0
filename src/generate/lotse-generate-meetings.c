/* lotse-generate-meetings.c: meeting series, meetings, agendas and outcomes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lotse-generate"

#include "config.h"

#include <string.h>

#include "lotse-generate-private.h"
#include "lotse-recurrence.h"

#define PARTICIPANTS_PER_MEETING 6
#define AGENDA_ITEMS_PER_MEETING 10
#define ACTION_ITEMS_PER_MEETING 10
#define DECISIONS_PER_MEETING    2

static const char *const series_titles[] = {
  "Jour fixe der Projektleitungen", "Lenkungskreis", "Strategiewerkstatt",
  "Arbeitskreis Wissenstransfer",   "Regionalforum",
};

static const char *const series_kind_values[] = {
  "jour_fixe", "steering", "strategy", "workshop", "event",
};

#define N_SERIES_WEEKDAYS 5  /* Monday to Friday */

static const char *const agenda_titles[] = {
  "Sachstand",
  "Meilensteinmonitoring",
  "Bericht aus dem Projekt",
  "Risiken und Maßnahmen",
  "Vorbereitung",
  "Abstimmung",
  "Ergebnisse",
  "Öffentlichkeitsarbeit",
};

static const char *const agenda_kinds[] = { "information", "discussion", "decision" };

/* A series is the jour fixe (or steering board …) of one programme: its
 * agenda items and action items are about that programme’s projects. */
typedef struct
{
  gint32 first_day;
  guint  interval_weeks;
  guint  people[PARTICIPANTS_PER_MEETING];
  guint  kind;
  guint  first_project;
  guint  n_projects;
} SeriesPlan;

static void
plan_series (const Generator *gen,
             guint            index,
             SeriesPlan      *plan)
{
  Rng    rng = row_rng (gen, KIND_SERIES, index);
  gint32 first = lotse_generate_days_from_civil (2025, 6, 2) + rng_between (&rng, 0, 420);
  guint  day = rng_below (&rng, N_SERIES_WEEKDAYS);

  /* Move to the series' lotse_generate_weekday (Monday = 1 … Friday = 5). */
  while (lotse_generate_weekday (first) != (int)day + 1)
    first++;

  plan->first_day = first;
  plan->interval_weeks = index % 5 == 0 ? 1 : 2;
  plan->kind = index % G_N_ELEMENTS (series_kind_values);
  for (guint p = 0; p < PARTICIPANTS_PER_MEETING; p++)
    plan->people[p] = (index * 7 + p * 3) % gen->n_people;

  plan->first_project = gen->n_programmes > 0 ? (index % gen->n_programmes) * PROJECTS_PER_PROGRAMME
                                              : 0;
  plan->n_projects = gen->n_projects > plan->first_project
                       ? MIN (PROJECTS_PER_PROGRAMME, gen->n_projects - plan->first_project)
                       : 0;
}

static guint
plan_pick_project (const SeriesPlan *plan,
                   Rng              *rng)
{
  return plan->first_project + rng_below (rng, plan->n_projects);
}

/* A milestone of @project: milestone i belongs to project i % n_projects. */
static gboolean
pick_milestone_of (const Generator *gen,
                   guint            project,
                   Rng             *rng,
                   guint64         *out_milestone)
{
  guint per_project;

  if (gen->n_milestones <= project)
    return FALSE;

  per_project = (gen->n_milestones - project + gen->n_projects - 1) / gen->n_projects;
  *out_milestone = project + (guint64)rng_below (rng, per_project) * gen->n_projects;
  return TRUE;
}

static gboolean
generate_series (Generator  *gen,
                 GError    **error)
{
  for (guint i = 0; i < gen->n_series; i++)
    {
      g_autoptr(LotseRecord) record = lotse_generate_new_row ("meeting_series", gen, KIND_SERIES, i);
      Rng              rng = row_rng (gen, KIND_SERIES, i);
      g_autofree char *place = lotse_generate_make_place (gen, &rng);
      g_autofree char *title = NULL;
      g_autofree char *location = NULL;
      g_autofree char *recurrence = NULL;
      g_autoptr(LotseRecurrence) rule = NULL;
      SeriesPlan       plan;

      plan_series (gen, i, &plan);
      rule = lotse_recurrence_new (&(LotseRecurrencePattern) { LOTSE_RECURRENCE_WEEKLY,
                                                               plan.interval_weeks,
                                                               lotse_generate_weekday (plan.first_day), });
      title = g_strdup_printf ("%s %s %u", series_titles[plan.kind], place, i + 1);
      location = g_strdup_printf ("Rathaus %s, Sitzungsraum %u", place, 1 + rng_below (&rng, 9));
      recurrence = lotse_recurrence_to_string (rule);

      lotse_record_set (record, "title", title);
      lotse_record_set (record, "kind", series_kind_values[plan.kind]);
      lotse_record_set (record, "recurrence", recurrence);
      lotse_record_set (record, "default_location", location);
      lotse_record_set_int (record, "default_duration_min", 90);
      lotse_record_set (record, "standing_items",
                        "Begrüßung\nProtokoll der letzten Sitzung\nVerschiedenes");

      if (!lotse_generate_write_row (gen, record, error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
generate_agenda (Generator        *gen,
                 guint             meeting,
                 const SeriesPlan *plan,
                 gboolean          held,
                 Rng              *rng,
                 GError          **error)
{
  for (guint a = 0; a < AGENDA_ITEMS_PER_MEETING; a++)
    {
      guint64 row = (guint64)meeting * AGENDA_ITEMS_PER_MEETING + a;
      g_autoptr(LotseRecord) record = lotse_generate_new_row ("agenda_item", gen, KIND_AGENDA_ITEM, row);
      g_autofree char *title = NULL;
      gboolean         standing = a < 2 || a == AGENDA_ITEMS_PER_MEETING - 1;

      if (a == 0)
        title = g_strdup ("Begrüßung");
      else if (a == 1)
        title = g_strdup ("Protokoll der letzten Sitzung");
      else if (a == AGENDA_ITEMS_PER_MEETING - 1)
        title = g_strdup ("Verschiedenes");
      else
        {
          g_autofree char *noun = lotse_generate_make_noun (gen, rng);

          title = g_strdup_printf ("%s %s", RNG_PICK (rng, agenda_titles), noun);
        }

      lotse_generate_set_ref (record, "meeting_id", gen, KIND_MEETING, meeting);
      lotse_record_set_int (record, "position", a + 1);
      lotse_record_set (record, "title", title);
      lotse_record_set (record, "kind", standing ? "information" : RNG_PICK (rng, agenda_kinds));
      lotse_generate_set_ref (record, "presenter_person_id", gen, KIND_PERSON,
                              plan->people[rng_below (rng, PARTICIPANTS_PER_MEETING)]);
      lotse_record_set_int (record, "duration_min", standing ? 5 : rng_between (rng, 2, 6) * 5);
      if (!standing && plan->n_projects > 0)
        {
          guint   project = plan_pick_project (plan, rng);
          guint64 milestone;

          lotse_generate_set_ref (record, "project_id", gen, KIND_PROJECT, project);
          if (rng_percent (rng, 30) && pick_milestone_of (gen, project, rng, &milestone))
            lotse_generate_set_ref (record, "milestone_id", gen, KIND_MILESTONE, milestone);
        }
      if (held)
        {
          g_autofree char *notes = lotse_generate_make_sentence (gen->vocabulary, rng, 8, 24);

          lotse_record_set (record, "notes", notes);
        }
      lotse_record_set (record, "status",
                        !held                   ? "open"
                        : rng_percent (rng, 85) ? "done"
                                                : "deferred");

      if (!lotse_generate_write_row (gen, record, error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
generate_meeting_outcomes (Generator        *gen,
                           guint             meeting,
                           gint32            day,
                           const SeriesPlan *plan,
                           gboolean          held,
                           Rng              *rng,
                           GError          **error)
{
  gint32 today = lotse_generate_reference_day ();

  for (guint d = 0; held && d < DECISIONS_PER_MEETING; d++)
    {
      guint64 row = (guint64)meeting * DECISIONS_PER_MEETING + d;
      g_autoptr(LotseRecord) record = lotse_generate_new_row ("decision", gen, KIND_DECISION, row);
      g_autofree char *text = lotse_generate_make_sentence (gen->vocabulary, rng, 8, 20);

      lotse_generate_set_ref (record, "meeting_id", gen, KIND_MEETING, meeting);
      lotse_generate_set_ref (record, "agenda_item_id", gen, KIND_AGENDA_ITEM,
                              (guint64)meeting * AGENDA_ITEMS_PER_MEETING + 2 + d * 3);
      lotse_record_set (record, "text", text);

      if (!lotse_generate_write_row (gen, record, error))
        return FALSE;
    }

  for (guint a = 0; a < ACTION_ITEMS_PER_MEETING; a++)
    {
      guint64 row = (guint64)meeting * ACTION_ITEMS_PER_MEETING + a;
      g_autoptr(LotseRecord) record = lotse_generate_new_row ("action_item", gen, KIND_ACTION_ITEM, row);
      g_autofree char *title = lotse_generate_make_phrase (gen->vocabulary, rng, 3, 9);
      gint32           due = day + rng_between (rng, 7, 42);
      guint            roll = rng_below (rng, 100);
      const char      *status;

      if (due < today)
        status = roll < 70 ? "done" : roll < 80 ? "dropped" : "open";
      else
        status = roll < 10 ? "done" : "open";

      lotse_generate_set_ref (record, "meeting_id", gen, KIND_MEETING, meeting);
      lotse_generate_set_ref (record, "agenda_item_id", gen, KIND_AGENDA_ITEM,
                              (guint64)meeting * AGENDA_ITEMS_PER_MEETING + (a % (AGENDA_ITEMS_PER_MEETING - 3)) +
                                2);
      if (plan->n_projects > 0)
        lotse_generate_set_ref (record, "project_id", gen, KIND_PROJECT, plan_pick_project (plan, rng));
      lotse_record_set (record, "title", title);
      lotse_generate_set_ref (record, "owner_person_id", gen, KIND_PERSON,
                              plan->people[rng_below (rng, PARTICIPANTS_PER_MEETING)]);
      lotse_generate_set_date (record, "due_date", due);
      lotse_record_set (record, "status", status);
      if (strcmp (status, "done") == 0)
        {
          gint32 done = due - rng_between (rng, 0, 10);
          char   done_at[26];

          lotse_generate_format_local_datetime (MIN (done, today), rng_between (rng, 8, 17), 0, done_at);
          lotse_record_set (record, "done_at", done_at);
        }

      if (!lotse_generate_write_row (gen, record, error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
generate_meeting_rows (Generator  *gen,
                       guint       index,
                       GError    **error)
{
  static const char *const attendances[] = {
    "present", "present", "present", "present", "present",
    "present", "present", "present", "excused", "absent",
  };
  g_autoptr(LotseRecord) record = lotse_generate_new_row ("meeting", gen, KIND_MEETING, index);
  Rng              rng = row_rng (gen, KIND_MEETING, index);
  guint            series = index % gen->n_series;
  guint            number = index / gen->n_series;
  SeriesPlan       plan;
  gint32           day;
  gboolean         held;
  const char      *status;
  char             starts_at[26];
  g_autofree char *title = NULL;
  int              year, month, day_of_month;

  plan_series (gen, series, &plan);
  day = plan.first_day + (gint32)(number * 7 * plan.interval_weeks);
  if (day < lotse_generate_reference_day ())
    status = rng_percent (&rng, 95) ? "held" : "cancelled";
  else
    status = "planned";
  held = strcmp (status, "held") == 0;

  lotse_generate_format_local_datetime (day, plan.kind == 1 ? 14 : 10, 0, starts_at);
  lotse_generate_civil_from_days (day, &year, &month, &day_of_month);
  title = g_strdup_printf ("%s am %02d.%02d.%04d", series_titles[plan.kind], day_of_month, month,
                           year);

  lotse_generate_set_ref (record, "series_id", gen, KIND_SERIES, series);
  lotse_record_set (record, "title", title);
  lotse_record_set (record, "kind", series_kind_values[plan.kind]);
  lotse_record_set (record, "starts_at", starts_at);
  lotse_record_set_int (record, "duration_min", 90);
  lotse_record_set (record, "status", status);
  if (held)
    {
      g_autofree char *notes = lotse_generate_make_sentence (gen->vocabulary, &rng, 6, 16);

      lotse_record_set (record, "notes", notes);
    }

  if (!lotse_generate_write_row (gen, record, error))
    return FALSE;

  for (guint p = 0; p < PARTICIPANTS_PER_MEETING; p++)
    {
      guint64 row = (guint64)index * PARTICIPANTS_PER_MEETING + p;
      g_autoptr(LotseRecord)
                   participant = lotse_generate_new_row ("meeting_participant", gen, KIND_PARTICIPANT, row);

      lotse_generate_set_ref (participant, "meeting_id", gen, KIND_MEETING, index);
      lotse_generate_set_ref (participant, "person_id", gen, KIND_PERSON, plan.people[p]);
      lotse_record_set (participant, "attendance", held ? RNG_PICK (&rng, attendances) : "invited");

      if (!lotse_generate_write_row (gen, participant, error))
        return FALSE;
    }

  return generate_agenda (gen, index, &plan, held, &rng, error) &&
         generate_meeting_outcomes (gen, index, day, &plan, held, &rng, error);
}

gboolean
lotse_generate_meetings (Generator  *gen,
                         GError    **error)
{
  if (!generate_series (gen, error))
    return FALSE;

  for (guint i = 0; i < gen->n_meetings; i++)
    {
      if (!generate_meeting_rows (gen, i, error))
        return FALSE;
      gen->stage_done++;
    }

  return TRUE;
}
