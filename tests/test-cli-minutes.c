/* test-cli-minutes.c: lotse-cli attendance, approve-minutes,
 * amend-minutes, reopen-minutes, the lock of approved minutes and
 * agenda proposals (propose, proposals, accept-proposal, decline-proposal)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <json-glib/json-glib.h>
#include <string.h>

#include "lotse-test-cli.h"

typedef struct
{
  LotseTestCliFixture *cli;
  char                *person;
  char                *held;
  char                *planned;
  char                *item;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *of_held = NULL;

  f->cli = lotse_test_cli_fixture_new ();
  f->person = lotse_test_cli_add_row (f->cli, "person", "name=Katrin Voßmeyer", NULL);
  f->held = lotse_test_cli_add_row (f->cli, "meeting", "title=Jour fixe 12/2026", "status=held",
                                    "starts_at=2026-12-10T10:00:00+01:00", NULL);
  f->planned = lotse_test_cli_add_row (f->cli, "meeting", "title=Jour fixe 01/2027",
                                       "status=planned", NULL);
  of_held = g_strconcat ("meeting_id=", f->held, NULL);
  f->item = lotse_test_cli_add_row (f->cli, "agenda_item", of_held, "title=Budget",
                                    "notes=Agreed.", NULL);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_pointer (&f->cli, lotse_test_cli_fixture_free);
  g_free (f->person);
  g_free (f->held);
  g_free (f->planned);
  g_free (f->item);
}

static LotseTestCliResult *
run (Fixture *f,
     ...)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  const char *arg;
  va_list ap;

  g_ptr_array_add (args, (gpointer) "--db");
  g_ptr_array_add (args, f->cli->db);
  va_start (ap, f);
  while ((arg = va_arg (ap, const char *)) != NULL)
    g_ptr_array_add (args, (gpointer) arg);
  va_end (ap);
  g_ptr_array_add (args, NULL);

  return lotse_test_cli_run_argv (f->cli->dir, (const char * const *) args->pdata);
}

static void
assert_fails (LotseTestCliResult *result,
              int                 status,
              const char         *message)
{
  g_assert_cmpint (result->status, ==, status);
  if (strstr (result->err, message) == NULL)
    g_error ("“%s” does not contain “%s”", result->err, message);
}

static void
test_attendance (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(LotseTestCliResult) by_name = run (f, "attendance", f->held, "Katrin Voßmeyer",
                                               "excused", NULL);
  g_autoptr(LotseTestCliResult) by_id = NULL;
  g_autoptr(LotseTestCliResult) bad = NULL;
  g_autoptr(LotseTestCliResult) nobody = NULL;
  g_autofree char *stored = NULL;

  g_assert_cmpint (by_name->status, ==, 0);
  by_id = run (f, "attendance", f->held, f->person, "present", NULL);
  g_assert_cmpint (by_id->status, ==, 0);
  stored = lotse_test_query_text (f->cli->db, "SELECT group_concat (attendance) FROM meeting_participant");
  g_assert_cmpstr (stored, ==, "present");

  bad = run (f, "attendance", f->held, f->person, "late", NULL);
  assert_fails (bad, 2, "late");
  nobody = run (f, "attendance", f->held, "Nobody", "present", NULL);
  assert_fails (nobody, 1, "Nobody");
  g_assert_cmpint (lotse_test_query_int (f->cli->db, "SELECT count(*) FROM meeting_participant"), ==, 1);
}

static void
test_approve_and_lock (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(LotseTestCliResult) not_held = run (f, "approve-minutes", f->planned, NULL);
  g_autoptr(LotseTestCliResult) approve = NULL;
  g_autoptr(LotseTestCliResult) edit = NULL;
  g_autoptr(LotseTestCliResult) attend = NULL;
  g_autoptr(LotseTestCliResult) amend = NULL;
  g_autoptr(LotseTestCliResult) no_reason = NULL;
  g_autoptr(LotseTestCliResult) reopen = NULL;
  g_autoptr(LotseTestCliResult) edit_again = NULL;
  g_autofree char *notes = NULL;
  g_autofree char *amendment = NULL;
  g_autoptr(LotseTestCliResult) action = NULL;
  g_autoptr(LotseTestCliResult) work = NULL;
  g_autoptr(LotseTestCliResult) retitle = NULL;
  g_autofree char *meeting_field = g_strconcat ("meeting_id=", f->held, NULL);
  g_autofree char *action_id = NULL;
  g_autofree char *action_notes = NULL;

  assert_fails (not_held, 1, "has not been held");
  g_assert_cmpint (lotse_test_query_int (f->cli->db, "SELECT count(*) FROM minutes_approval"), ==, 0);

  action = run (f, "add", "action_item", meeting_field, "title=Send the report", NULL);
  g_assert_cmpint (action->status, ==, 0);
  action_id = g_strstrip (g_strdup (action->out));

  approve = run (f, "approve-minutes", f->held, "--by", "Katrin Voßmeyer", NULL);
  g_assert_cmpint (approve->status, ==, 0);

  /* An action item's notes are work that goes on, its title is minutes. */
  work = run (f, "update", "action_item", action_id, "notes=Draft with the funder.", NULL);
  g_assert_cmpint (work->status, ==, 0);
  retitle = run (f, "update", "action_item", action_id, "title=Something else", NULL);
  assert_fails (retitle, 1, "were approved on");
  action_notes = lotse_test_query_text (f->cli->db, "SELECT title || ': ' || notes FROM action_item");
  g_assert_cmpstr (action_notes, ==, "Send the report: Draft with the funder.");

  edit = run (f, "update", "agenda_item", f->item, "notes=Rewritten.", NULL);
  assert_fails (edit, 1, "were approved on");
  attend = run (f, "attendance", f->held, f->person, "present", NULL);
  assert_fails (attend, 1, "were approved on");
  notes = lotse_test_query_text (f->cli->db, "SELECT notes FROM agenda_item");
  g_assert_cmpstr (notes, ==, "Agreed.");

  amend = run (f, "amend-minutes", f->held, "One abstention.", "--item", f->item, NULL);
  g_assert_cmpint (amend->status, ==, 0);
  amendment = lotse_test_query_text (f->cli->db, "SELECT text FROM minutes_amendment");
  g_assert_cmpstr (amendment, ==, "One abstention.");

  no_reason = run (f, "reopen-minutes", f->held, NULL);
  assert_fails (no_reason, 2, "--reason");
  reopen = run (f, "reopen-minutes", f->held, "--reason", "Wrong budget figure", NULL);
  g_assert_cmpint (reopen->status, ==, 0);
  edit_again = run (f, "update", "agenda_item", f->item, "notes=Corrected.", NULL);
  g_assert_cmpint (edit_again->status, ==, 0);
}

/* On main a held meeting became a draft again. */
static void
test_held_not_draft (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(LotseTestCliResult) draft = run (f, "update", "meeting", f->held, "status=draft", NULL);
  g_autofree char *status = NULL;

  assert_fails (draft, 1, "cannot become a draft");
  status = lotse_test_query_text (f->cli->db, "SELECT status FROM meeting WHERE title LIKE '%12/2026'");
  g_assert_cmpstr (status, ==, "held");
}

/* approve-minutes through the standing agenda item "Approval of the
 * minutes of <date>" of the next meeting: those minutes are approved and
 * the item done. Another item, or approving twice, is refused. */
static void
test_approve_through_item (Fixture       *f,
                           gconstpointer  data)
{
  g_autofree char *of_planned = g_strconcat ("meeting_id=", f->planned, NULL);
  g_autofree char *approves = g_strconcat ("approves_meeting_id=", f->held, NULL);
  g_autofree char *standing = lotse_test_cli_add_row (f->cli, "agenda_item", of_planned,
                                                      "title=Approval of the minutes of 10.12.2026", approves,
                                                      NULL);
  g_autoptr(LotseTestCliResult) other = run (f, "approve-minutes", f->item, NULL);
  g_autoptr(LotseTestCliResult) approve = NULL;
  g_autoptr(LotseTestCliResult) twice = NULL;
  g_autofree char *sql = NULL;
  g_autofree char *approved = NULL;
  g_autofree char *status = NULL;
  g_autofree char *expected = g_strconcat (f->held, " Katrin Voßmeyer", NULL);

  assert_fails (other, 1, "is not the approval of minutes");
  g_assert_cmpint (lotse_test_query_int (f->cli->db, "SELECT count(*) FROM minutes_approval"), ==, 0);

  approve = run (f, "approve-minutes", standing, "--by", "Katrin Voßmeyer", NULL);
  g_assert_cmpint (approve->status, ==, 0);
  sql = g_strdup ("SELECT meeting_id || ' ' || approved_by FROM minutes_approval");
  approved = lotse_test_query_text (f->cli->db, sql);
  g_assert_cmpstr (approved, ==, expected);
  g_free (sql);
  sql = g_strdup_printf ("SELECT status FROM agenda_item WHERE id = '%s'", standing);
  status = lotse_test_query_text (f->cli->db, sql);
  g_assert_cmpstr (status, ==, "done");

  twice = run (f, "approve-minutes", standing, NULL);
  assert_fails (twice, 1, "were approved on");
}

/* `lotse-cli remind --json` for a timer: what is due, exit 0; a person
 * that does not exist is an error. */
static void
test_remind (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *owner = g_strconcat ("owner_person_id=", f->person, NULL);
  g_autoptr(LotseTestCliResult) action = run (f, "add", "action_item", "title=Send the report", owner,
                                              "due_date=2026-12-20", NULL);
  g_autoptr(LotseTestCliResult) remind = NULL;
  g_autoptr(LotseTestCliResult) quiet = NULL;
  g_autoptr(LotseTestCliResult) nobody = NULL;
  g_autoptr(LotseTestCliResult) unnamed = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonArray *array;
  JsonObject *first;

  g_assert_cmpint (action->status, ==, 0);
  remind = run (f, "remind", "--person", "Katrin Voßmeyer", "--today", "2026-12-18", "--json", NULL);
  g_assert_cmpint (remind->status, ==, 0);
  g_assert_true (json_parser_load_from_data (parser, remind->out, -1, &error));
  g_assert_no_error (error);
  array = json_node_get_array (json_parser_get_root (parser));
  g_assert_cmpuint (json_array_get_length (array), ==, 1);
  first = json_array_get_object_element (array, 0);
  g_assert_cmpstr (json_object_get_string_member (first, "type"), ==, "action_item");
  g_assert_cmpstr (json_object_get_string_member (first, "title"), ==, "Send the report");
  g_assert_cmpstr (json_object_get_string_member (first, "due_date"), ==, "2026-12-20");
  g_assert_cmpint (json_object_get_int_member (first, "days_overdue"), ==, -2);

  quiet = run (f, "remind", "--person", f->person, "--today", "2026-12-01", NULL);
  g_assert_cmpint (quiet->status, ==, 0);
  g_assert_nonnull (strstr (quiet->out, "Nothing is overdue or due within 3 days."));

  nobody = run (f, "remind", "--person", "Nobody", NULL);
  assert_fails (nobody, 1, "Nobody");
  unnamed = run (f, "remind", NULL);
  assert_fails (unnamed, 2, "--person");
}

static gint64
count_rows (Fixture    *f,
            const char *table)
{
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM %s", table);

  return lotse_test_query_int (f->cli->db, sql);
}

static char *
propose_ok (Fixture    *f,
            const char *title)
{
  g_autoptr(LotseTestCliResult) result = run (f, "propose", f->planned, title, "--notes", "Warum",
                                              "--by", "Katrin Voßmeyer", NULL);

  g_assert_cmpstr (result->err, ==, "");
  g_assert_cmpint (result->status, ==, 0);
  return g_strstrip (g_strdup (result->out));
}

static void
test_proposals (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *first = propose_ok (f, "Digitalgipfel");
  g_autofree char *second = propose_ok (f, "Betriebsausflug");
  g_autoptr(LotseTestCliResult) accept = run (f, "accept-proposal", first, NULL);
  g_autoptr(LotseTestCliResult) decline = NULL;
  g_autoptr(LotseTestCliResult) list = NULL;
  g_autoptr(LotseTestCliResult) json = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *item = NULL;
  g_autofree char *stored = NULL;
  g_autofree char *expected = NULL;
  JsonArray *array;

  g_assert_cmpint (accept->status, ==, 0);
  item = g_strstrip (g_strdup (accept->out));
  stored = lotse_test_query_text (f->cli->db, "SELECT state || '|' || agenda_item_id || '|' || notes"
                                              " FROM agenda_proposal WHERE title = 'Digitalgipfel'");
  expected = g_strconcat ("accepted|", item, "|Warum", NULL);
  g_assert_cmpstr (stored, ==, expected);
  g_clear_pointer (&stored, g_free);
  g_clear_pointer (&expected, g_free);
  stored = lotse_test_query_text (f->cli->db, "SELECT meeting_id || '|' || title || '|' || presenter_person_id"
                                              " FROM agenda_item WHERE title = 'Digitalgipfel'");
  expected = g_strconcat (f->planned, "|Digitalgipfel|", f->person, NULL);
  g_assert_cmpstr (stored, ==, expected);

  decline = run (f, "decline-proposal", second, "--reason", "Gehört nicht hierher", NULL);
  g_assert_cmpint (decline->status, ==, 0);

  list = run (f, "proposals", f->planned, NULL);
  g_assert_cmpint (list->status, ==, 0);
  g_assert_nonnull (strstr (list->out, "Accepted"));
  g_assert_nonnull (strstr (list->out, "Declined"));
  g_assert_nonnull (strstr (list->out, "Gehört nicht hierher"));
  g_assert_nonnull (strstr (list->out, "Katrin Voßmeyer"));

  json = run (f, "proposals", f->planned, "--json", NULL);
  g_assert_cmpint (json->status, ==, 0);
  json_parser_load_from_data (parser, json->out, -1, &error);
  g_assert_no_error (error);
  array = json_node_get_array (json_parser_get_root (parser));
  g_assert_cmpuint (json_array_get_length (array), ==, 2);
  for (guint i = 0; i < 2; i++)
    {
      JsonObject *object = json_array_get_object_element (array, i);
      gboolean declined = g_str_equal (json_object_get_string_member (object, "id"), second);

      g_assert_cmpstr (json_object_get_string_member (object, "state"), ==,
                       declined ? "declined" : "accepted");
      if (declined)
        g_assert_cmpstr (json_object_get_string_member (object, "decline_reason"), ==,
                         "Gehört nicht hierher");
    }
}

static void
test_proposals_bad_input (Fixture       *f,
                          gconstpointer  data)
{
  g_autofree char *id = propose_ok (f, "Topic");
  g_autoptr(LotseTestCliResult) held = run (f, "propose", f->held, "Late topic", NULL);
  g_autoptr(LotseTestCliResult) empty = run (f, "propose", f->planned, "  ", NULL);
  g_autoptr(LotseTestCliResult) unknown = run (f, "propose", "no-such-meeting", "X", NULL);
  g_autoptr(LotseTestCliResult) nobody = run (f, "propose", f->planned, "X", "--by", "Nobody", NULL);
  g_autoptr(LotseTestCliResult) no_reason = run (f, "decline-proposal", id, NULL);
  g_autoptr(LotseTestCliResult) blank_reason = run (f, "decline-proposal", id, "--reason", " ", NULL);
  g_autoptr(LotseTestCliResult) no_proposal = run (f, "accept-proposal", "no-such-id", NULL);
  g_autoptr(LotseTestCliResult) no_meeting = run (f, "proposals", "no-such-meeting", NULL);
  g_autoptr(LotseTestCliResult) twice = NULL;
  g_autoptr(LotseTestCliResult) accept = NULL;
  g_autofree char *state = NULL;
  gint64 outbox = lotse_test_query_int (f->cli->db, "SELECT count(*) FROM outbox");

  assert_fails (held, 1, "Held");
  assert_fails (empty, 1, "needs a title");
  assert_fails (unknown, 1, "no-such-meeting");
  assert_fails (nobody, 1, "Nobody");
  assert_fails (no_reason, 2, "--reason");
  assert_fails (blank_reason, 1, "Say why");
  assert_fails (no_proposal, 1, "no-such-id");
  assert_fails (no_meeting, 1, "no-such-meeting");
  g_assert_cmpint (count_rows (f, "agenda_proposal"), ==, 1);
  state = lotse_test_query_text (f->cli->db, "SELECT state FROM agenda_proposal");
  g_assert_cmpstr (state, ==, "proposed");
  g_assert_cmpint (lotse_test_query_int (f->cli->db, "SELECT count(*) FROM outbox"), ==, outbox);

  accept = run (f, "accept-proposal", id, NULL);
  g_assert_cmpint (accept->status, ==, 0);
  twice = run (f, "decline-proposal", id, "--reason", "Changed my mind", NULL);
  assert_fails (twice, 1, "accepted already");
  g_assert_cmpint (count_rows (f, "agenda_item"), ==, 2);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/cli/minutes/attendance", test_attendance);
  ADD ("/cli/minutes/approve-and-lock", test_approve_and_lock);
  ADD ("/cli/minutes/approve-through-item", test_approve_through_item);
  ADD ("/cli/minutes/held-not-draft", test_held_not_draft);
  ADD ("/cli/minutes/remind", test_remind);
  ADD ("/cli/minutes/proposals", test_proposals);
  ADD ("/cli/minutes/proposals/bad-input", test_proposals_bad_input);
#undef ADD

  return g_test_run ();
}
