/* test-sync-minutes.c: approved minutes through a real lotse-server
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Ben edits the minutes on his laptop offline while Anna approves them.
 * When Ben syncs, the server refuses his edits of the approved minutes,
 * and his laptop keeps them as visible conflicts: nothing is silently
 * dropped, and the approved minutes stay as approved everywhere.
 *
 * Agenda proposals travel the same way: Anna proposes, Ben accepts or
 * declines, and Anna sees what he decided and the new agenda item; the
 * server refuses a proposal for a meeting that was held meanwhile and a
 * decision on approved minutes.
 */

#include "config.h"

#include <string.h>

#include "lotse-test-sync.h"

typedef struct
{
  char            *dir;
  LotseTestServer *server;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->dir = lotse_test_make_tmpdir ();
  fixture->server = lotse_test_server_new ();
  lotse_test_server_add_user (fixture->server, "anna", "editor", "secret-anna");
  lotse_test_server_add_user (fixture->server, "ben", "editor", "secret-ben");
  lotse_test_server_start (fixture->server, NULL, NULL);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  lotse_test_server_stop (fixture->server);
  g_clear_pointer (&fixture->server, lotse_test_server_free);
  lotse_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
}

static void
approve (TestClient *client,
         const char *meeting)
{
  g_autoptr(GDateTime) now = g_date_time_new_from_iso8601 ("2026-12-12T15:30:00+01:00", NULL);
  g_autoptr(GError) error = NULL;

  g_assert_true (lotse_meeting_approve_minutes (client->store, meeting, "Anna", now, &error));
  g_assert_no_error (error);
}

static void
test_offline_edit_surfaced (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(TestClient) a = test_client_new (fixture->server, fixture->dir, "a", "anna", "secret-anna");
  g_autoptr(TestClient) b = test_client_new (fixture->server, fixture->dir, "b", "ben", "secret-ben");
  g_autoptr(GPtrArray) conflicts = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *meeting = NULL;
  g_autofree char *item = NULL;
  g_autofree char *action = NULL;
  g_autofree char *decision = NULL;
  g_autofree char *notes_a = NULL;
  g_autofree char *notes_b = NULL;
  g_autofree char *status_a = NULL;
  g_autofree char *server_notes = NULL;
  g_autoptr(LotseRecord) edit = NULL;
  g_autoptr(LotseRecord) approval = NULL;
  g_autofree char *of_meeting = NULL;
  LotseSyncStats stats = { 0, };

  meeting = test_client_add (a, "meeting", "title=Jour fixe 12/2026", "status=held",
                             "starts_at=2026-12-10T10:00:00+01:00", NULL);
  of_meeting = g_strconcat ("meeting_id=", meeting, NULL);
  item = test_client_add (a, "agenda_item", "title=Budget", "notes=Agreed as planned.", of_meeting,
                          NULL);
  action = test_client_add (a, "action_item", "title=Send the budget", of_meeting, NULL);
  test_client_sync (a, NULL);
  test_client_sync (b, NULL);

  /* Ben, offline: rewrites the minutes, adds a decision, closes the action item. */
  test_client_set (b, "agenda_item", item, "notes=Agreed with one abstention.", NULL);
  decision = test_client_add (b, "decision", "text=Budget approved.", of_meeting, NULL);
  test_client_set (b, "action_item", action, "status=done", NULL);

  /* Anna approves and syncs first. */
  approve (a, meeting);
  test_client_sync (a, NULL);

  g_test_expect_message ("lotse-sync", G_LOG_LEVEL_WARNING, "*minutes_approved*");
  g_test_expect_message ("lotse-sync", G_LOG_LEVEL_WARNING, "*minutes_approved*");
  test_client_sync (b, &stats);
  g_test_assert_expected_messages ();
  g_assert_cmpuint (stats.rejected, ==, 2);

  /* Ben's edits are his open conflicts, with the server's reason. */
  conflicts = lotse_store_sync_list_conflicts (b->store, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (conflicts->len, ==, 2);
  for (guint i = 0; i < conflicts->len; i++)
    {
      LotseConflict *conflict = g_ptr_array_index (conflicts, i);

      g_assert_nonnull (strstr (conflict->error, "minutes_approved"));
      g_assert_true (g_str_equal (conflict->row_id, item) || g_str_equal (conflict->row_id, decision));
    }
  notes_b = test_client_get (b, "agenda_item", item, "notes");
  g_assert_cmpstr (notes_b, ==, "Agreed with one abstention.");

  /* The approved minutes stay as approved, on the server and on Anna's
   * laptop; the action item, which is work, is done everywhere. */
  server_notes = lotse_test_server_query_text (fixture->server,
                                               "SELECT fields FROM rows WHERE tbl = 'agenda_item'");
  g_assert_nonnull (strstr (server_notes, "Agreed as planned."));
  test_client_sync (a, NULL);
  notes_a = test_client_get (a, "agenda_item", item, "notes");
  status_a = test_client_get (a, "action_item", action, "status");
  g_assert_cmpstr (notes_a, ==, "Agreed as planned.");
  g_assert_cmpstr (status_a, ==, "done");
  g_assert_cmpint (test_client_count (a, "SELECT count(*) FROM decision"), ==, 0);

  /* Ben's laptop now has the approval and refuses further edits. */
  approval = lotse_minutes_get_approval (b->store, meeting);
  g_assert_nonnull (approval);
  edit = lotse_store_get (b->store, "agenda_item", item, NULL);
  lotse_record_set (edit, "title", "Budget 2027");
  g_assert_false (lotse_store_update (b->store, edit, &error));
  g_assert_error (error, LOTSE_ERROR, LOTSE_ERROR_LOCKED);
}

/* An approval under an id other than its meeting's would escape the
 * lock: the server refuses it. */
static void
test_approval_elsewhere_refused (Fixture       *fixture,
                                 gconstpointer  data)
{
  g_autofree char *device = NULL;
  g_autofree char *token = lotse_test_server_login (fixture->server, "anna", "secret-anna", &device);
  g_autofree char *op = g_uuid_string_random ();
  g_autofree char *body = g_strdup_printf ("{\"device_id\":\"%s\",\"changes\":[{\"op_id\":\"%s\","
                                           "\"table\":\"minutes_approval\",\"id\":\"%s\",\"base_rev\":0,"
                                           "\"deleted\":false,\"fields\":{\"meeting_id\":\"%s\","
                                           "\"approved_at\":\"2026-12-12T10:00:00+01:00\"}}]}",
                                           device, op, "6f1c1e8e-4f2a-4b8e-9c2d-1a2b3c4d5e6f",
                                           "7a1c1e8e-4f2a-4b8e-9c2d-1a2b3c4d5e6f");
  g_autoptr(JsonNode) answer = NULL;
  g_autofree char *text = NULL;
  guint status = 0;

  answer = lotse_test_server_request (fixture->server, "POST", "/v1/sync/push", token, body, &status);
  g_assert_nonnull (answer);
  text = json_to_string (answer, FALSE);
  g_assert_nonnull (strstr (text, "\"rejected\""));
  g_assert_nonnull (strstr (text, "meeting_id"));
  g_assert_cmpint (lotse_test_server_query_int (fixture->server,
                                                "SELECT count(*) FROM rows WHERE tbl = 'minutes_approval'"),
                   ==, 0);
}

/* A planned meeting of a series that closes with “Verschiedenes”. */
static char *
add_planned_meeting (TestClient *client)
{
  g_autofree char *series = test_client_add (client, "meeting_series", "title=Jour fixe",
                                             "standing_items=Begrüßung\nVerschiedenes", NULL);
  g_autofree char *of_series = g_strconcat ("series_id=", series, NULL);
  char *meeting = test_client_add (client, "meeting", "title=Jour fixe", of_series, "status=planned",
                                   "starts_at=2026-12-22T10:00:00+01:00", NULL);
  g_autofree char *of_meeting = g_strconcat ("meeting_id=", meeting, NULL);

  g_free (test_client_add (client, "agenda_item", "title=Begrüßung", "position=1", of_meeting, NULL));
  g_free (test_client_add (client, "agenda_item", "title=Verschiedenes", "position=2", of_meeting, NULL));
  return meeting;
}

static char *
propose (TestClient *client,
         const char *meeting,
         const char *title,
         const char *person)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LotseRecord) proposal = lotse_agenda_proposal_propose (client->store, meeting, title, NULL,
                                                                   person, NULL, &error);

  g_assert_no_error (error);
  return g_strdup (lotse_record_get_id (proposal));
}

static void
test_proposals (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(TestClient) a = test_client_new (fixture->server, fixture->dir, "a", "anna", "secret-anna");
  g_autoptr(TestClient) b = test_client_new (fixture->server, fixture->dir, "b", "ben", "secret-ben");
  g_autoptr(GPtrArray) seen = NULL;
  g_autoptr(LotseRecord) item = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *anna = test_client_add (a, "person", "name=Anna Wagener", NULL);
  g_autofree char *meeting = add_planned_meeting (a);
  g_autofree char *summit = NULL;
  g_autofree char *outing = NULL;
  g_autofree char *state = NULL;
  g_autofree char *reason = NULL;
  g_autofree char *item_id = NULL;
  g_autofree char *title = NULL;
  g_autofree char *position = NULL;

  test_client_sync (a, NULL);
  test_client_sync (b, NULL);

  summit = propose (a, meeting, "Digitalgipfel 2027", anna);
  outing = propose (a, meeting, "Betriebsausflug", anna);
  test_client_sync (a, NULL);

  /* Ben sees both and decides. */
  test_client_sync (b, NULL);
  seen = lotse_agenda_proposal_list (b->store, meeting, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (seen->len, ==, 2);
  item = lotse_agenda_proposal_accept (b->store, summit, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (lotse_agenda_proposal_decline (b->store, outing, "Gehört in die Teamrunde", NULL, NULL,
                                                &error));
  g_assert_no_error (error);
  test_client_sync (b, NULL);

  /* Anna sees the outcome: the item on her agenda before “Verschiedenes”, and why the other was declined. */
  test_client_sync (a, NULL);
  state = test_client_get (a, "agenda_proposal", summit, "state");
  item_id = test_client_get (a, "agenda_proposal", summit, "agenda_item_id");
  g_assert_cmpstr (state, ==, "accepted");
  g_assert_cmpstr (item_id, ==, lotse_record_get_id (item));
  title = test_client_get (a, "agenda_item", item_id, "title");
  position = test_client_get (a, "agenda_item", item_id, "position");
  g_assert_cmpstr (title, ==, "Digitalgipfel 2027");
  g_assert_cmpstr (position, ==, "2");
  g_assert_cmpint (test_client_count (a, "SELECT position FROM agenda_item WHERE title = 'Verschiedenes'"), ==, 3);
  g_clear_pointer (&state, g_free);
  state = test_client_get (a, "agenda_proposal", outing, "state");
  reason = test_client_get (a, "agenda_proposal", outing, "decline_reason");
  g_assert_cmpstr (state, ==, "declined");
  g_assert_cmpstr (reason, ==, "Gehört in die Teamrunde");
  g_assert_cmpint (lotse_store_count_outbox (a->store), ==, 0);
}

static void
test_proposals_refused (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(TestClient) a = test_client_new (fixture->server, fixture->dir, "a", "anna", "secret-anna");
  g_autoptr(TestClient) b = test_client_new (fixture->server, fixture->dir, "b", "ben", "secret-ben");
  g_autoptr(GPtrArray) conflicts = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *meeting = add_planned_meeting (a);
  g_autofree char *early = NULL;
  g_autofree char *late = NULL;
  g_autofree char *state = NULL;
  LotseSyncStats stats = { 0, };

  early = propose (a, meeting, "Haushalt 2027", NULL);
  test_client_sync (a, NULL);
  test_client_sync (b, NULL);

  /* Ben, offline: proposes one more and declines the first one … */
  late = propose (b, meeting, "Nachzügler", NULL);
  g_assert_true (lotse_agenda_proposal_decline (b->store, early, "Zu spät", NULL, NULL, &error));
  g_assert_no_error (error);

  /* … while Anna holds the meeting and approves its minutes. */
  test_client_set (a, "meeting", meeting, "status=held", NULL);
  approve (a, meeting);
  test_client_sync (a, NULL);

  g_test_expect_message ("lotse-sync", G_LOG_LEVEL_WARNING, "*meeting_not_planned*");
  g_test_expect_message ("lotse-sync", G_LOG_LEVEL_WARNING, "*minutes_approved*");
  test_client_sync (b, &stats);
  g_test_assert_expected_messages ();
  g_assert_cmpuint (stats.rejected, ==, 2);

  /* Both are Ben's visible conflicts; the server has neither. */
  conflicts = lotse_store_sync_list_conflicts (b->store, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (conflicts->len, ==, 2);
  g_assert_cmpint (lotse_test_server_query_int (fixture->server,
                                                "SELECT count(*) FROM rows WHERE tbl = 'agenda_proposal'"),
                   ==, 1);
  test_client_sync (a, NULL);
  state = test_client_get (a, "agenda_proposal", early, "state");
  g_assert_cmpstr (state, ==, "proposed");
  g_assert_cmpint (test_client_count (a, "SELECT count(*) FROM agenda_proposal"), ==, 1);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/sync/minutes/offline-edit-surfaced", Fixture, NULL, fixture_set_up,
              test_offline_edit_surfaced, fixture_tear_down);
  g_test_add ("/sync/minutes/approval-elsewhere-refused", Fixture, NULL, fixture_set_up,
              test_approval_elsewhere_refused, fixture_tear_down);
  g_test_add ("/sync/minutes/proposals", Fixture, NULL, fixture_set_up, test_proposals, fixture_tear_down);
  g_test_add ("/sync/minutes/proposals-refused", Fixture, NULL, fixture_set_up, test_proposals_refused,
              fixture_tear_down);

  return g_test_run ();
}
