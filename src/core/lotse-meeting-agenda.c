/* lotse-meeting-agenda.c: the draft agenda of a prepared meeting
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Preparing the next jour fixe builds its draft agenda from the series’
 * history, in this order (positions 1, 2, 3 … without gaps):
 *
 *  1. the series’ standing items that open the meeting, then “Approval of
 *     the minutes of <date>” when the last held meeting's minutes are not
 *     approved yet (approves_meeting_id names that meeting; approving
 *     through the item approves them, lotse-minutes.c);
 *  2. “Open action items”: one item, a time slot for going through the
 *     series' open action items, which are listed below the agenda;
 *  3. one item per project of the series whose health changed since the
 *     last held meeting (status reports dated after it, up to the meeting’s
 *     day, that differ from the report before them), titled with the
 *     sequence of healths;
 *  4. one item per milestone of a running project of the series that is
 *     neither done nor cancelled and due before the meeting after this one
 *     (overdue ones are marked so; a completed or cancelled project's are
 *     history, as in the monitor);
 *  5. every agenda item of the last held meeting that is not done, carried
 *     over with carried_from_id pointing to the item it was copied from, so
 *     an item carried several times forms a chain back to its original;
 *  6. the standing items that close the meeting.
 *
 * The projects of a series are those that an agenda item (directly or
 * through its milestone), a decision or an action item of one of its
 * meetings refers to: a jour fixe hears about the projects it deals with,
 * not about every project of the office.
 *
 * standing_items holds one title per line. When a blank line separates
 * them, the lines before it open the meeting and those after it close it;
 * otherwise the last of two or more lines closes it (“Verschiedenes”).
 *
 * Nothing appears twice: items of the last meeting that are recreated anyway
 * (standing items, the open action items) are not carried; two items carried
 * from the same original are carried once; a milestone already on a carried
 * item gets no item of its own.
 */

#define G_LOG_DOMAIN "lotse-meeting"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "lotse-action-items.h"
#include "lotse-collate-private.h"
#include "lotse-error.h"
#include "lotse-health-private.h"
#include "lotse-meeting-private.h"
#include "lotse-minutes.h"
#include "lotse-store-private.h"

static gboolean
db_error (GError     **error,
          sqlite3     *db,
          const char  *what)
{
  g_set_error (error, LOTSE_ERROR, LOTSE_ERROR_DATABASE, _("Database error: %s"),
               sqlite3_errmsg (db));
  g_debug ("SQLite error while %s: %s", what, sqlite3_errmsg (db));
  return FALSE;
}

/* “a.id, a.rev, …, a.<field>…” for a table in schema order. */
static void
append_columns (GString          *sql,
                const LotseTable *table,
                const char       *alias)
{
  g_string_append_printf (sql, "%s.id, %s.rev, %s.created_at, %s.updated_at, %s.deleted",
                          alias, alias, alias, alias, alias);
  for (guint i = 0; i < table->n_fields; i++)
    g_string_append_printf (sql, ", %s.%s", alias, table->fields[i].name);
}

static const char *
column_text (sqlite3_stmt *stmt,
             int           column)
{
  return (const char *) sqlite3_column_text (stmt, column);
}


static LotseRecord *
new_agenda_item (const char *title,
                 const char *kind,
                 gint64      duration_min)
{
  LotseRecord *item = lotse_record_new_for_table ("agenda_item");
  g_autofree char *short_title = NULL;

  /* Titles built from project and milestone names may run long. */
  if (g_utf8_strlen (title, -1) > 300)
    title = short_title = g_utf8_substring (title, 0, 300);

  lotse_record_set (item, "title", title);
  lotse_record_set (item, "kind", kind);
  lotse_record_set (item, "status", "open");
  if (duration_min > 0)
    lotse_record_set_int (item, "duration_min", duration_min);

  return item;
}

/* The standing items' titles: those that open the meeting and those that
 * close it (see the top of this file); an accepted agenda proposal goes
 * before the closing ones (lotse-agenda-proposal.c). */
void
lotse_meeting_split_standing_items (LotseRecord  *series,
                                    GPtrArray    *opening,
                                    GPtrArray    *closing)
{
  const char *text = lotse_record_get (series, "standing_items");
  g_auto(GStrv) lines = NULL;
  gboolean separated = FALSE;

  if (text == NULL)
    return;

  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      char *line = g_strstrip (lines[i]);

      if (*line == '\0')
        {
          if (opening->len > 0 || closing->len > 0)
            separated = TRUE;
          continue;
        }

      g_ptr_array_add (separated ? closing : opening, g_strdup (line));
    }

  if (!separated && opening->len >= 2)
    g_ptr_array_add (closing, g_ptr_array_steal_index (opening, opening->len - 1));
}

static gboolean
title_in (GPtrArray  *titles,
          const char *title)
{
  for (guint i = 0; i < titles->len; i++)
    {
      if (g_strcmp0 (g_ptr_array_index (titles, i), title) == 0)
        return TRUE;
    }

  return FALSE;
}

static void
add_standing_items (LotseMeetingPrep *prep,
                    GPtrArray        *titles)
{
  for (guint i = 0; i < titles->len; i++)
    g_ptr_array_add (prep->agenda,
                     new_agenda_item (g_ptr_array_index (titles, i), "information", 5));
}

/* The projects of the series: those an agenda item (directly or through
 * its milestone), a decision or an action item of its meetings refers to.
 * ?1 is the series’ id. “+deleted” keeps SQLite from reading all meetings
 * through the index on deleted instead of those of the series. */
#define LINKED_PROJECTS_CTE \
  "WITH series_meeting AS (" \
  "  SELECT id FROM meeting WHERE series_id = ?1 AND +deleted = 0)," \
  " linked (project_id) AS (" \
  "  SELECT a.project_id FROM agenda_item AS a" \
  "   WHERE a.deleted = 0 AND a.meeting_id IN series_meeting AND a.project_id IS NOT NULL" \
  "  UNION SELECT l.project_id FROM agenda_item AS a" \
  "   JOIN milestone AS l ON l.id = a.milestone_id" \
  "   WHERE a.deleted = 0 AND a.meeting_id IN series_meeting" \
  "  UNION SELECT d.project_id FROM decision AS d" \
  "   WHERE d.deleted = 0 AND d.meeting_id IN series_meeting AND d.project_id IS NOT NULL" \
  "  UNION SELECT t.project_id FROM action_item AS t" \
  "   WHERE t.deleted = 0 AND t.meeting_id IN series_meeting AND t.project_id IS NOT NULL)"

/* One item for going through the open action items: a time slot, not a
 * list. The agenda view, the agenda PDF and the CLI list them below the
 * agenda from the store, always current; a copy in the notes would go
 * stale with the first action item closed before the meeting and showed
 * each one twice. */
static gboolean
add_open_action_items (LotseMeetingPrep  *prep,
                       GError           **error)
{
  g_autoptr(GPtrArray) open = NULL;
  LotseRecord *item;

  open = lotse_action_items_list_open_for_series (prep->store,
                                                  lotse_record_get_id (prep->series), error);
  if (open == NULL)
    return FALSE;
  if (open->len == 0)
    return TRUE;

  item = new_agenda_item (_("Open action items"), "discussion", MIN (30, 5 + 2 * (gint64) open->len));
  g_ptr_array_add (prep->agenda, item);

  return TRUE;
}

static const char *
project_name (const char *title,
              const char *acronym)
{
  return acronym != NULL && *acronym != '\0' ? acronym : title;
}

static const char *
health_label (const char *health)
{
  return lotse_enum_value_label ("status_report", "health", health);
}

typedef struct
{
  char      *project_id;
  char      *name;
  char      *leader_id;
  GPtrArray *healths;  /* the sequence, without repeats */
  gboolean   changed;
} HealthChange;

static void
health_change_free (HealthChange *change)
{
  g_free (change->project_id);
  g_free (change->name);
  g_free (change->leader_id);
  g_ptr_array_unref (change->healths);
  g_free (change);
}

static void
add_health_item (LotseMeetingPrep *prep,
                 HealthChange     *change)
{
  g_autoptr(GString) sequence = g_string_new (NULL);
  g_autofree char *title = NULL;
  g_autoptr(LotseRecord) item = NULL;

  if (!change->changed)
    return;

  for (guint i = 0; i < change->healths->len; i++)
    {
      if (i > 0)
        g_string_append (sequence, " → ");
      g_string_append (sequence, health_label (g_ptr_array_index (change->healths, i)));
    }

  /* Translators: an agenda item: a project’s name and its health, e.g. “Green → Red” */
  title = g_strdup_printf (_("Status of %s: %s"), change->name, sequence->str);
  item = new_agenda_item (title, "discussion", 10);
  lotse_record_set (item, "project_id", change->project_id);
  if (lotse_meeting_row_alive (prep->store, "person", change->leader_id))
    lotse_record_set (item, "presenter_person_id", change->leader_id);
  g_ptr_array_add (prep->agenda, g_steal_pointer (&item));
}

/* Adds one report's row to the sequence of its project, which starts
 * with the report before the first; returns that project's change. */
static HealthChange *
add_health_report (GPtrArray    *changes,
                   HealthChange *current,
                   sqlite3_stmt *stmt)
{
  const char *project_id = column_text (stmt, 0);
  const char *health = column_text (stmt, 1);
  const char *previous = column_text (stmt, 2);
  const char *last_health;

  if (current == NULL || strcmp (current->project_id, project_id) != 0)
    {
      current = g_new0 (HealthChange, 1);
      current->project_id = g_strdup (project_id);
      current->name = g_strdup (project_name (column_text (stmt, 3), column_text (stmt, 4)));
      current->leader_id = g_strdup (column_text (stmt, 5));
      current->healths = g_ptr_array_new_with_free_func (g_free);
      if (previous != NULL)
        g_ptr_array_add (current->healths, g_strdup (previous));
      g_ptr_array_add (changes, current);
    }

  /* A first report ever has nothing to differ from. */
  if (current->healths->len == 0)
    {
      g_ptr_array_add (current->healths, g_strdup (health));
      return current;
    }

  last_health = g_ptr_array_index (current->healths, current->healths->len - 1);
  if (g_strcmp0 (last_health, health) != 0)
    {
      g_ptr_array_add (current->healths, g_strdup (health));
      current->changed = TRUE;
    }

  return current;
}

static gboolean
add_health_changes (LotseMeetingPrep  *prep,
                    GError           **error)
{
  static const char sql[] =
    LINKED_PROJECTS_CTE
    " SELECT r.project_id, r.health,"
    " (SELECT q.health FROM status_report AS q"
    "  WHERE q.project_id = r.project_id AND q.deleted = 0"
    "  AND (q.date, " LOTSE_HEALTH_RANK ("q.health") ", q.id)"
    "    < (r.date, " LOTSE_HEALTH_RANK ("r.health") ", r.id)"
    "  ORDER BY q.date DESC, " LOTSE_HEALTH_RANK ("q.health") " DESC, q.id DESC LIMIT 1),"
    " p.title, p.acronym, p.leader_person_id"
    " FROM linked AS l CROSS JOIN status_report AS r ON r.project_id = l.project_id"
    " JOIN project AS p ON p.id = r.project_id"
    " WHERE r.deleted = 0 AND p.deleted = 0 AND r.date > ?2 AND r.date <= ?3"
    /* Reports in the order of the health rule (lotse-health.c), so the
     * last of a project's sequence is its health. */
    " ORDER BY p.title" LOTSE_COLLATE ", r.project_id, r.date, " LOTSE_HEALTH_RANK ("r.health") ", r.id";
  sqlite3 *db = lotse_store_get_db (prep->store);
  g_autoptr(GPtrArray) changes = NULL;
  g_autofree char *since = NULL;
  HealthChange *current = NULL;
  sqlite3_stmt *stmt = NULL;
  int rc;

  /* Without a held meeting there is nothing to compare with. */
  if (prep->last_held == NULL)
    return TRUE;

  since = lotse_meeting_local_date (prep->last_held->start);
  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    return db_error (error, db, "preparing the health changes");
  sqlite3_bind_text (stmt, 1, lotse_record_get_id (prep->series), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, since, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, prep->date, -1, SQLITE_TRANSIENT);

  changes = g_ptr_array_new_with_free_func ((GDestroyNotify) health_change_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    current = add_health_report (changes, current, stmt);

  if (rc != SQLITE_DONE)
    {
      db_error (error, db, "reading the health changes");
      sqlite3_finalize (stmt);
      return FALSE;
    }
  sqlite3_finalize (stmt);

  for (guint i = 0; i < changes->len; i++)
    add_health_item (prep, g_ptr_array_index (changes, i));

  return TRUE;
}

static gboolean
add_due_milestones (LotseMeetingPrep  *prep,
                    GError           **error)
{
  const LotseTable *table = lotse_schema_lookup_table ("milestone");
  sqlite3 *db = lotse_store_get_db (prep->store);
  g_autoptr(GString) sql = g_string_new (NULL);
  sqlite3_stmt *stmt = NULL;
  int rc;

  g_string_append (sql, LINKED_PROJECTS_CTE " SELECT ");
  append_columns (sql, table, "m");
  g_string_append (sql,
                   ", p.title, p.acronym, p.leader_person_id"
                   " FROM linked AS l CROSS JOIN milestone AS m ON m.project_id = l.project_id"
                   " JOIN project AS p ON p.id = m.project_id"
                   " WHERE m.deleted = 0 AND p.deleted = 0"
                   " AND m.status NOT IN ('done', 'cancelled')"
                   /* a closed project's open milestones are history, as in the monitor */
                   " AND p.status NOT IN ('completed', 'cancelled')"
                   " AND m.due_date IS NOT NULL AND m.due_date < ?2"
                   " ORDER BY m.due_date, p.title" LOTSE_COLLATE ", m.title" LOTSE_COLLATE ", m.id");

  if (sqlite3_prepare_v2 (db, sql->str, -1, &stmt, NULL) != SQLITE_OK)
    return db_error (error, db, "preparing the due milestones");
  sqlite3_bind_text (stmt, 1, lotse_record_get_id (prep->series), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, prep->horizon, -1, SQLITE_TRANSIENT);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr(LotseRecord) milestone = lotse_store_record_from_row (table, stmt);
      int column = LOTSE_STORE_N_META_COLUMNS + (int) table->n_fields;
      const char *name = project_name (column_text (stmt, column), column_text (stmt, column + 1));
      const char *leader = column_text (stmt, column + 2);
      const char *due = lotse_record_get (milestone, "due_date");
      gboolean overdue = strcmp (due, prep->date) < 0;
      g_autofree char *title = NULL;
      g_autoptr(LotseRecord) item = NULL;

      if (g_hash_table_contains (prep->carried_milestones, lotse_record_get_id (milestone)))
        continue;

      title = overdue
                /* Translators: an agenda item: project, milestone title, due date */
                ? g_strdup_printf (_("Overdue milestone of %s: %s (due %s)"), name,
                                   lotse_record_get (milestone, "title"), due)
                /* Translators: an agenda item: project, milestone title, due date */
                : g_strdup_printf (_("Milestone of %s: %s (due %s)"), name,
                                   lotse_record_get (milestone, "title"), due);
      item = new_agenda_item (title, overdue ? "discussion" : "information", 5);
      lotse_record_set (item, "project_id", lotse_record_get (milestone, "project_id"));
      lotse_record_set (item, "milestone_id", lotse_record_get_id (milestone));
      if (lotse_meeting_row_alive (prep->store, "person", leader))
        lotse_record_set (item, "presenter_person_id", leader);
      g_ptr_array_add (prep->agenda, g_steal_pointer (&item));
    }

  if (rc != SQLITE_DONE)
    {
      db_error (error, db, "reading the due milestones");
      sqlite3_finalize (stmt);
      return FALSE;
    }
  sqlite3_finalize (stmt);

  return TRUE;
}

/* “Approval of the minutes of <date>” for the last held meeting, unless
 * its minutes are approved. The date is ISO, as in the other items'
 * titles: a title is stored and synced, so it must not depend on the
 * preparer's regional format. The item finds the meeting by its
 * reference, not by its title. */
static void
add_approval_item (LotseMeetingPrep *prep)
{
  LotseRecord *held = prep->last_held != NULL ? prep->last_held->record : NULL;
  g_autoptr(LotseRecord) approval = NULL;
  g_autofree char *day = NULL;
  g_autofree char *title = NULL;
  LotseRecord *item;

  if (held == NULL)
    return;
  approval = lotse_minutes_get_approval (prep->store, lotse_record_get_id (held));
  if (approval != NULL)
    return;

  day = lotse_meeting_local_date (prep->last_held->start);
  /* Translators: a standing agenda item; %s is the date of the last
   * meeting, YYYY-MM-DD */
  title = g_strdup_printf (_("Approval of the minutes of %s"), day);
  item = new_agenda_item (title, "decision", 5);
  lotse_record_set (item, "approves_meeting_id", lotse_record_get_id (held));
  g_ptr_array_add (prep->agenda, item);
}

/* Items of the last held meeting that are made afresh every time. */
static gboolean
is_recreated_item (LotseRecord *item,
                   GPtrArray   *standing)
{
  const char *title = lotse_record_get (item, "title");

  if (lotse_record_get (item, "approves_meeting_id") != NULL)
    return TRUE;
  if (lotse_record_get (item, "project_id") != NULL ||
      lotse_record_get (item, "milestone_id") != NULL)
    return FALSE;

  return title_in (standing, title) || g_strcmp0 (title, _("Open action items")) == 0 ||
         g_strcmp0 (title, "Open action items") == 0;
}

static gboolean
collect_carried_items (LotseMeetingPrep  *prep,
                       GPtrArray         *standing,
                       GPtrArray         *carried,
                       GError           **error)
{
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  static const struct { const char *field; const char *table; } refs[] = {
    { "presenter_person_id", "person" },
    { "project_id", "project" },
    { "milestone_id", "milestone" },
  };

  if (prep->last_held == NULL)
    return TRUE;

  items = lotse_meeting_list_agenda (prep->store, lotse_record_get_id (prep->last_held->record),
                                     error);
  if (items == NULL)
    return FALSE;

  for (guint i = 0; i < items->len; i++)
    {
      LotseRecord *item = g_ptr_array_index (items, i);
      const char *id = lotse_record_get_id (item);
      const char *from = lotse_record_get (item, "carried_from_id");
      g_autoptr(LotseRecord) copy = NULL;

      if (g_strcmp0 (lotse_record_get (item, "status"), "done") == 0 ||
          is_recreated_item (item, standing))
        continue;

      /* Two items carried from the same original, or an item next to its
       * own original, are one topic: carry it once. */
      if (g_hash_table_contains (seen, id) || (from != NULL && g_hash_table_contains (seen, from)))
        continue;
      g_hash_table_add (seen, (gpointer) id);
      if (from != NULL)
        g_hash_table_add (seen, (gpointer) from);

      copy = new_agenda_item (lotse_record_get (item, "title"), lotse_record_get (item, "kind"),
                              lotse_record_get_int (item, "duration_min", 0));
      for (guint r = 0; r < G_N_ELEMENTS (refs); r++)
        {
          const char *value = lotse_record_get (item, refs[r].field);

          if (lotse_meeting_row_alive (prep->store, refs[r].table, value))
            lotse_record_set (copy, refs[r].field, value);
        }
      lotse_record_set (copy, "carried_from_id", lotse_record_get_id (item));

      if (lotse_record_get (copy, "milestone_id") != NULL)
        g_hash_table_add (prep->carried_milestones,
                          g_strdup (lotse_record_get (copy, "milestone_id")));
      g_ptr_array_add (carried, g_steal_pointer (&copy));
    }

  return TRUE;
}

/* Fills prep->agenda; see the top of this file for the order. */
gboolean
lotse_meeting_build_agenda (LotseMeetingPrep  *prep,
                            GError           **error)
{
  g_autoptr(GPtrArray) opening = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) closing = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) standing = g_ptr_array_new ();
  g_autoptr(GPtrArray) carried = g_ptr_array_new_with_free_func (g_object_unref);

  lotse_meeting_split_standing_items (prep->series, opening, closing);
  g_ptr_array_extend (standing, opening, NULL, NULL);
  g_ptr_array_extend (standing, closing, NULL, NULL);

  prep->agenda = g_ptr_array_new_with_free_func (g_object_unref);
  prep->carried_milestones = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  /* Carried items are collected first so that their milestones are known. */
  if (!collect_carried_items (prep, standing, carried, error))
    return FALSE;

  add_standing_items (prep, opening);
  add_approval_item (prep);
  if (!add_open_action_items (prep, error) || !add_health_changes (prep, error) ||
      !add_due_milestones (prep, error))
    return FALSE;
  g_ptr_array_extend_and_steal (prep->agenda, g_steal_pointer (&carried));
  add_standing_items (prep, closing);

  return TRUE;
}

