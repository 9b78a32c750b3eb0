/* test-minutes.c: approving minutes, their lock, amendments, reopening
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "lotse-test-helpers.h"

/* Inserts a row from field/value pairs ending with NULL. */
static char *
add (LotseStore *store,
     const char *table,
     ...)
{
  g_autoptr(LotseRecord) record = lotse_record_new_for_table (table);
  g_autoptr(GError) error = NULL;
  const char *field;
  va_list args;

  va_start (args, table);
  while ((field = va_arg (args, const char *)) != NULL)
    lotse_record_set (record, field, va_arg (args, const char *));
  va_end (args);

  lotse_store_insert (store, record, &error);
  g_assert_no_error (error);

  return g_strdup (lotse_record_get_id (record));
}

typedef struct
{
  LotseStore *store;
  char       *dir;
  char       *db_path;
  char       *person;
  char       *meeting;
  char       *item;
  char       *decision;
  char       *action;
  char       *participant;
  char       *guest;
  GDateTime  *now;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->store = lotse_test_open_store (&f->dir);
  f->db_path = g_build_filename (f->dir, "lotse.db", NULL);
  f->now = g_date_time_new_from_iso8601 ("2026-12-12T15:30:00+01:00", NULL);
  f->person = add (f->store, "person", "name", "Katrin Voßmeyer", NULL);
  f->meeting = add (f->store, "meeting", "title", "Jour fixe 12/2026",
                                  "starts_at", "2026-12-10T10:00:00+01:00", "status", "held", NULL);
  f->item = add (f->store, "agenda_item", "meeting_id", f->meeting, "title", "Budget",
                               "notes", "Agreed as planned.", NULL);
  f->decision = add (f->store, "decision", "meeting_id", f->meeting,
                                   "agenda_item_id", f->item, "text", "Budget approved.", NULL);
  f->action = add (f->store, "action_item", "meeting_id", f->meeting,
                                 "agenda_item_id", f->item, "title", "Send the budget",
                                 "owner_person_id", f->person, "due_date", "2026-12-20", NULL);
  f->participant = add (f->store, "meeting_participant", "meeting_id", f->meeting,
                                      "person_id", f->person, "attendance", "present", NULL);
  f->guest = add (f->store, "meeting_guest", "meeting_id", f->meeting,
                                "name", "Jonas Brandt", "organisation", "IHK Bielefeld", NULL);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->store);
  lotse_test_remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->db_path);
  g_free (f->person);
  g_free (f->meeting);
  g_free (f->item);
  g_free (f->decision);
  g_free (f->action);
  g_free (f->participant);
  g_free (f->guest);
  g_date_time_unref (f->now);
}

static void
approve (Fixture *f)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (lotse_meeting_approve_minutes (f->store, f->meeting, "Katrin Voßmeyer", f->now,
                                                &error));
  g_assert_no_error (error);
}

static gint64
outbox (Fixture *f)
{
  return lotse_store_count_outbox (f->store);
}

/* Sets @field of a row to @value and expects the lock to refuse it,
 * leaving the row and the outbox as they were. */
static void
assert_update_locked (Fixture    *f,
                      const char *table,
                      const char *id,
                      const char *field,
                      const char *value)
{
  g_autoptr(LotseRecord) record = lotse_store_get (f->store, table, id, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *before = g_strdup (lotse_record_get (record, field));
  g_autofree char *sql = g_strdup_printf ("SELECT %s FROM %s WHERE id = '%s'", field, table, id);
  g_autofree char *stored = NULL;
  gint64 queued = outbox (f);

  lotse_record_set (record, field, value);
  g_assert_false (lotse_store_update (f->store, record, &error));
  g_assert_error (error, LOTSE_ERROR, LOTSE_ERROR_LOCKED);
  g_assert_nonnull (strstr (error->message, "Jour fixe 12/2026"));
  g_assert_nonnull (strstr (error->message, "amendment"));
  stored = lotse_test_query_text (f->db_path, sql);
  g_assert_cmpstr (stored, ==, before);
  g_assert_cmpint (outbox (f), ==, queued);
}

static void
test_approve (Fixture       *f,
              gconstpointer  data)
{
  g_autofree char *at = NULL;
  g_autofree char *by = NULL;

  approve (f);
  at = lotse_test_query_text (f->db_path, "SELECT approved_at FROM minutes_approval"
                                          " JOIN meeting USING (id)");
  by = lotse_test_query_text (f->db_path, "SELECT approved_by FROM minutes_approval"
                                          " WHERE meeting_id = id");
  g_assert_cmpstr (at, ==, "2026-12-12T15:30:00+01:00");
  g_assert_cmpstr (by, ==, "Katrin Voßmeyer");
}

/* The worst input: a meeting not held, one approved already, an id that
 * is no meeting. Each changes nothing. */
static void
test_approve_bad_input (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *planned = add (f->store, "meeting", "title", "Next jour fixe",
                                                "status", "planned", NULL);
  g_autofree char *approved = NULL;
  gint64 queued = outbox (f);

  g_assert_false (lotse_meeting_approve_minutes (f->store, planned, "Katrin", f->now, &error));
  g_assert_error (error, LOTSE_ERROR, LOTSE_ERROR_INVALID_VALUE);
  g_assert_nonnull (strstr (error->message, "has not been held"));
  g_clear_error (&error);

  g_assert_false (lotse_meeting_approve_minutes (f->store, f->item, "Katrin", f->now, &error));
  g_assert_error (error, LOTSE_ERROR, LOTSE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_cmpint (outbox (f), ==, queued);

  approve (f);
  g_assert_false (lotse_meeting_approve_minutes (f->store, f->meeting, "Tobias", f->now, &error));
  g_assert_error (error, LOTSE_ERROR, LOTSE_ERROR_INVALID_VALUE);
  g_assert_nonnull (strstr (error->message, "already"));
  approved = lotse_test_query_text (f->db_path, "SELECT approved_by FROM minutes_approval");
  g_assert_cmpstr (approved, ==, "Katrin Voßmeyer");
}

static void
test_lock (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(LotseRecord) action = NULL;
  g_autoptr(LotseRecord) decision = NULL;
  g_autoptr(GError) error = NULL;
  gint64 queued;

  approve (f);
  queued = outbox (f);

  assert_update_locked (f, "agenda_item", f->item, "notes", "Rewritten afterwards.");
  assert_update_locked (f, "decision", f->decision, "text", "Budget cut.");
  assert_update_locked (f, "meeting", f->meeting, "title", "Another title");
  assert_update_locked (f, "meeting", f->meeting, "status", "planned");
  assert_update_locked (f, "meeting_participant", f->participant, "attendance", "absent");
  assert_update_locked (f, "meeting_guest", f->guest, "attendance", "excused");
  assert_update_locked (f, "action_item", f->action, "title", "Send nothing");
  assert_update_locked (f, "action_item", f->action, "agenda_item_id", NULL);

  decision = lotse_record_new_for_table ("decision");
  lotse_record_set (decision, "meeting_id", f->meeting);
  lotse_record_set (decision, "text", "Added later.");
  g_assert_false (lotse_store_insert (f->store, decision, &error));
  g_assert_error (error, LOTSE_ERROR, LOTSE_ERROR_LOCKED);
  g_clear_error (&error);

  g_assert_false (lotse_store_delete (f->store, "agenda_item", f->item, &error));
  g_assert_error (error, LOTSE_ERROR, LOTSE_ERROR_LOCKED);
  g_clear_error (&error);
  g_assert_false (lotse_store_delete (f->store, "meeting", f->meeting, &error));
  g_assert_error (error, LOTSE_ERROR, LOTSE_ERROR_LOCKED);
  g_clear_error (&error);
  g_assert_cmpint (outbox (f), ==, queued);
  g_assert_cmpint (lotse_test_query_int (f->db_path, "SELECT count(*) FROM decision"), ==, 1);
  g_assert_cmpint (lotse_test_query_int (f->db_path, "SELECT sum(deleted) FROM agenda_item"), ==, 0);

  /* An action item is work: its owner, due date, status and notes go on. */
  action = lotse_store_get (f->store, "action_item", f->action, NULL);
  lotse_record_set (action, "status", "done");
  lotse_record_set (action, "notes", "Sent on 21 December.");
  lotse_record_set (action, "due_date", "2026-12-22");
  lotse_record_set (action, "owner_person_id", NULL);
  g_assert_true (lotse_store_update (f->store, action, &error));
  g_assert_no_error (error);
  g_assert_cmpint (lotse_test_query_int (f->db_path,
                                         "SELECT count(*) FROM action_item WHERE status = 'done'"
                                         " AND due_date = '2026-12-22'"
                                         " AND notes = 'Sent on 21 December.'"), ==, 1);
}

/* A deleted item of an approved meeting does not come back by undo. */
static void
test_lock_undelete (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (lotse_store_delete (f->store, "decision", f->decision, &error));
  approve (f);
  g_assert_false (lotse_store_undelete (f->store, "decision", f->decision, &error));
  g_assert_error (error, LOTSE_ERROR, LOTSE_ERROR_LOCKED);
  g_assert_cmpint (lotse_test_query_int (f->db_path, "SELECT deleted FROM decision"), ==, 1);
}

static void
test_amend (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LotseRecord) amendment = NULL;
  g_autoptr(GPtrArray) list = NULL;

  amendment = lotse_meeting_amend_minutes (f->store, f->meeting, f->item, "Too early", "Tobias",
                                           f->now, &error);
  g_assert_null (amendment);
  g_assert_error (error, LOTSE_ERROR, LOTSE_ERROR_INVALID_VALUE);
  g_clear_error (&error);

  approve (f);
  amendment = lotse_meeting_amend_minutes (f->store, f->meeting, f->item, "   ", "Tobias", f->now,
                                           &error);
  g_assert_null (amendment);
  g_assert_error (error, LOTSE_ERROR, LOTSE_ERROR_INVALID_VALUE);
  g_clear_error (&error);

  amendment = lotse_meeting_amend_minutes (f->store, f->meeting, f->item,
                                           "The budget was approved with one abstention.",
                                           "Tobias Rehkemper", f->now, &error);
  g_assert_no_error (error);
  list = lotse_meeting_list_amendments (f->store, f->meeting, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 1);
  g_assert_cmpstr (lotse_record_get (g_ptr_array_index (list, 0), "agenda_item_id"), ==, f->item);
  g_assert_cmpstr (lotse_record_get (g_ptr_array_index (list, 0), "author"), ==,
                   "Tobias Rehkemper");

  /* Once written, an amendment is part of the record. */
  assert_update_locked (f, "minutes_amendment", lotse_record_get_id (amendment), "text", "Nothing");
}

static void
test_reopen (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LotseRecord) item = NULL;
  g_autofree char *reason = NULL;

  g_assert_false (lotse_meeting_reopen_minutes (f->store, f->meeting, "Typo", "Tobias", f->now,
                                                &error));
  g_assert_error (error, LOTSE_ERROR, LOTSE_ERROR_INVALID_VALUE);
  g_clear_error (&error);

  approve (f);
  g_assert_false (lotse_meeting_reopen_minutes (f->store, f->meeting, " \n", "Tobias", f->now,
                                                &error));
  g_assert_error (error, LOTSE_ERROR, LOTSE_ERROR_INVALID_VALUE);
  g_clear_error (&error);
  g_assert_cmpint (lotse_test_query_int (f->db_path, "SELECT count(*) FROM minutes_amendment"), ==, 0);

  g_assert_true (lotse_meeting_reopen_minutes (f->store, f->meeting, "The budget item was wrong",
                                               "Tobias", f->now, &error));
  g_assert_no_error (error);
  g_assert_cmpint (lotse_test_query_int (f->db_path,
                                         "SELECT count(*) FROM minutes_approval"
                                         " WHERE approved_at IS NULL AND approved_by IS NULL"), ==, 1);
  reason = lotse_test_query_text (f->db_path, "SELECT text FROM minutes_amendment"
                                              " WHERE kind = 'reopening'");
  g_assert_cmpstr (reason, ==, "The budget item was wrong");

  item = lotse_store_get (f->store, "agenda_item", f->item, NULL);
  lotse_record_set (item, "notes", "Corrected.");
  g_assert_true (lotse_store_update (f->store, item, &error));
  g_assert_no_error (error);
}

/* An approval names its meeting by its own id, and only a held one. */
static void
test_approval_row (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(LotseRecord) approval = lotse_record_new_for_table ("minutes_approval");
  g_autoptr(GError) error = NULL;
  g_autofree char *planned = add (f->store, "meeting", "title", "Next", "status", "planned", NULL);

  lotse_record_set (approval, "meeting_id", f->meeting);
  lotse_record_set (approval, "approved_at", "2026-12-12T10:00:00+01:00");
  g_assert_false (lotse_store_insert (f->store, approval, &error));
  g_assert_error (error, LOTSE_ERROR, LOTSE_ERROR_INVALID_VALUE);
  g_clear_error (&error);

  lotse_record_set_id (approval, planned);
  lotse_record_set (approval, "meeting_id", planned);
  g_assert_false (lotse_store_insert (f->store, approval, &error));
  g_assert_error (error, LOTSE_ERROR, LOTSE_ERROR_INVALID_VALUE);
  g_assert_cmpint (lotse_test_query_int (f->db_path, "SELECT count(*) FROM minutes_approval"), ==, 0);
}

/* A held meeting does not become a draft again (it did on main). */
static void
test_held_not_draft (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(LotseRecord) meeting = lotse_store_get (f->store, "meeting", f->meeting, NULL);
  g_autoptr(GError) error = NULL;

  lotse_record_set (meeting, "status", "draft");
  g_assert_false (lotse_store_update (f->store, meeting, &error));
  g_assert_error (error, LOTSE_ERROR, LOTSE_ERROR_INVALID_VALUE);
  g_assert_nonnull (strstr (error->message, "draft"));
  g_clear_error (&error);
  g_assert_cmpint (lotse_test_query_int (f->db_path,
                                         "SELECT count(*) FROM meeting WHERE status = 'held'"), ==, 1);

  lotse_record_set (meeting, "status", "planned");
  g_assert_true (lotse_store_update (f->store, meeting, &error));
  g_assert_no_error (error);
}

/* The agenda item that approves the minutes of @meeting in the agenda of
 * @next, or NULL. */
static char *
approval_item (Fixture    *f,
               const char *next,
               const char *meeting)
{
  g_autofree char *sql = g_strdup_printf ("SELECT id FROM agenda_item WHERE meeting_id = '%s' "
                                          "AND approves_meeting_id = '%s' AND deleted = 0", next, meeting);

  return lotse_test_query_text (f->db_path, sql);
}

/* Preparing the next meeting of the series adds "Approval of the minutes
 * of <date>" for the held meeting before it; approving through that item
 * approves those minutes and closes the item. Once approved, the next
 * preparation has no such item. */
static void
test_standing_item (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *series = add (f->store, "meeting_series", "title", "Jour fixe", "kind", "jour_fixe", NULL);
  g_autoptr(LotseRecord) meeting = lotse_store_get (f->store, "meeting", f->meeting, NULL);
  g_autoptr(LotseRecord) next = NULL;
  g_autoptr(LotseRecord) after = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *item = NULL;
  g_autofree char *sql = NULL;
  g_autofree char *title = NULL;
  g_autofree char *approved = NULL;
  g_autofree char *status = NULL;
  g_autofree char *none = NULL;

  lotse_record_set (meeting, "series_id", series);
  g_assert_true (lotse_store_update (f->store, meeting, &error));
  g_assert_no_error (error);

  next = lotse_meeting_prepare_next_at (f->store, series, "2026-12-17", f->now, &error);
  g_assert_no_error (error);
  item = approval_item (f, lotse_record_get_id (next), f->meeting);
  g_assert_nonnull (item);
  sql = g_strdup_printf ("SELECT title || ' ' || position || ' ' || status FROM agenda_item WHERE id = '%s'", item);
  title = lotse_test_query_text (f->db_path, sql);
  g_assert_cmpstr (title, ==, "Approval of the minutes of 2026-12-10 1 open");

  /* Not such an item: refused, nothing approved */
  g_assert_false (lotse_meeting_approve_minutes_item (f->store, f->item, "Katrin Voßmeyer", f->now, &error));
  g_assert_error (error, LOTSE_ERROR, LOTSE_ERROR_INVALID_VALUE);
  g_clear_error (&error);
  g_assert_null (lotse_minutes_get_approval (f->store, f->meeting));

  g_assert_true (lotse_meeting_approve_minutes_item (f->store, item, "Katrin Voßmeyer", f->now, &error));
  g_assert_no_error (error);
  g_clear_pointer (&sql, g_free);
  sql = g_strdup_printf ("SELECT approved_by || ' ' || approved_at FROM minutes_approval WHERE meeting_id = '%s'",
                         f->meeting);
  approved = lotse_test_query_text (f->db_path, sql);
  g_assert_cmpstr (approved, ==, "Katrin Voßmeyer 2026-12-12T15:30:00+01:00");
  g_clear_pointer (&sql, g_free);
  sql = g_strdup_printf ("SELECT status FROM agenda_item WHERE id = '%s'", item);
  status = lotse_test_query_text (f->db_path, sql);
  g_assert_cmpstr (status, ==, "done");

  /* Twice: refused, the item stays as it is */
  g_assert_false (lotse_meeting_approve_minutes_item (f->store, item, "Someone Else", f->now, &error));
  g_assert_error (error, LOTSE_ERROR, LOTSE_ERROR_INVALID_VALUE);
  g_clear_error (&error);

  /* The next meeting is held; its own successor has no approval item for
   * the approved minutes, and the item is not carried. */
  lotse_record_set (next, "status", "held");
  g_assert_true (lotse_store_update (f->store, next, &error));
  g_assert_true (lotse_meeting_approve_minutes (f->store, lotse_record_get_id (next), "K", f->now, &error));
  after = lotse_meeting_prepare_next_at (f->store, series, "2026-12-24", f->now, &error);
  g_assert_no_error (error);
  g_clear_pointer (&sql, g_free);
  sql = g_strdup_printf ("SELECT count(*) FROM agenda_item WHERE meeting_id = '%s' "
                         "AND approves_meeting_id IS NOT NULL", lotse_record_get_id (after));
  none = lotse_test_query_text (f->db_path, sql);
  g_assert_cmpstr (none, ==, "0");
}

/* What the reminder lists, on fixed days: the person's open action item
 * and the milestone of the project they lead, within the days ahead or
 * overdue; nothing done, nothing of others; a person that does not
 * exist is an error. */
static void
test_reminders (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) ahead = NULL;
  g_autoptr(GPtrArray) early = NULL;
  g_autoptr(GPtrArray) later = NULL;
  g_autoptr(GPtrArray) nobody = NULL;
  g_autofree char *project = add (f->store, "project", "title", "KI-Werkstatt", "status", "running",
                                  "leader_person_id", f->person, NULL);
  g_autofree char *other = add (f->store, "person", "name", "Jonas Brandt", NULL);
  g_autofree char *milestone = add (f->store, "milestone", "project_id", project, "title", "Symposium",
                                    "due_date", "2026-12-19", NULL);
  g_autofree char *done = add (f->store, "milestone", "project_id", project, "title", "Kick-off",
                               "due_date", "2026-12-01", "status", "done", NULL);
  g_autofree char *theirs = add (f->store, "action_item", "meeting_id", f->meeting, "title", "Not mine",
                                 "owner_person_id", other, "due_date", "2026-12-18", NULL);
  LotseReminder *first;

  ahead = lotse_reminders_collect (f->store, f->person, "2026-12-17", 3, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ahead->len, ==, 2);
  first = g_ptr_array_index (ahead, 0);
  g_assert_cmpstr (lotse_record_get_id (first->record), ==, milestone);
  g_assert_cmpint (first->days_overdue, ==, -2);
  g_assert_cmpstr (first->context, ==, "KI-Werkstatt");
  first = g_ptr_array_index (ahead, 1);
  g_assert_cmpstr (lotse_record_get_id (first->record), ==, f->action);
  g_assert_cmpint (first->days_overdue, ==, -3);
  g_assert_cmpstr (first->context, ==, "Jour fixe 12/2026");

  early = lotse_reminders_collect (f->store, f->person, "2026-12-10", 3, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (early->len, ==, 0);

  later = lotse_reminders_collect (f->store, f->person, "2026-12-22", 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (later->len, ==, 2);
  first = g_ptr_array_index (later, 0);
  g_assert_cmpint (first->days_overdue, ==, 3);

  nobody = lotse_reminders_collect (f->store, "00000000-0000-4000-8000-000000000000", "2026-12-17", 3, &error);
  g_assert_null (nobody);
  g_assert_error (error, LOTSE_ERROR, LOTSE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_null (lotse_reminders_collect (f->store, f->person, "17.12.2026", 3, &error));
  g_assert_error (error, LOTSE_ERROR, LOTSE_ERROR_INVALID_VALUE);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/minutes/approve", test_approve);
  ADD ("/minutes/approve/bad-input", test_approve_bad_input);
  ADD ("/minutes/lock", test_lock);
  ADD ("/minutes/lock/undelete", test_lock_undelete);
  ADD ("/minutes/amend", test_amend);
  ADD ("/minutes/reopen", test_reopen);
  ADD ("/minutes/held-not-draft", test_held_not_draft);
  ADD ("/minutes/approval-row", test_approval_row);
  ADD ("/minutes/standing-item", test_standing_item);
  ADD ("/minutes/reminders", test_reminders);
#undef ADD

  return g_test_run ();
}
