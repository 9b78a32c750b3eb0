/* test-sync.c: clients syncing through a real lotse-server
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each test starts lotse-server on a loopback port with a fresh data dir
 * and gives every client its own SQLite file.
 */

#include "config.h"

#include <sqlite3.h>
#include <string.h>

#include "lotse-store-private.h"
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
  lotse_test_server_add_user (fixture->server, "rita", "reader", "secret-rita");
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

static TestClient *
new_client (Fixture    *fixture,
            const char *name,
            const char *user)
{
  g_autofree char *password = g_strdup_printf ("secret-%s", user);

  return test_client_new (fixture->server, fixture->dir, name, user, password);
}

static void
assert_field (TestClient *client,
              const char *table,
              const char *id,
              const char *field,
              const char *expected)
{
  g_autofree char *value = test_client_get (client, table, id, field);

  g_assert_cmpstr (value, ==, expected);
}

static gint64
server_count (Fixture    *fixture,
              const char *sql)
{
  return lotse_test_server_query_int (fixture->server, sql);
}

static GPtrArray *
open_conflicts (TestClient *client)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *conflicts = lotse_store_sync_list_conflicts (client->store, FALSE, &error);

  g_assert_no_error (error);
  return conflicts;
}

/* Two clients, one project: created on a, seen on b, edited on b, seen on a. */
static char *
shared_project (Fixture    *fixture,
                TestClient *a,
                TestClient *b)
{
  char *id = test_client_add (a, "project", "title=Smart Region OWL", "status=running",
                              "acronym=SRO", NULL);

  test_client_sync (a, NULL);
  test_client_sync (b, NULL);
  assert_field (b, "project", id, "title", "Smart Region OWL");

  return id;
}

static void
count_progress (LotseSyncClient *client,
                guint            phase,
                guint64          done,
                gpointer         data)
{
  guint *count = data;

  g_assert_true (phase == LOTSE_SYNC_PHASE_PUSHING || phase == LOTSE_SYNC_PHASE_PULLING);
  g_assert_true (lotse_sync_client_get_busy (client));
  (*count)++;
}

typedef struct
{
  LotseTestServer *server;
  guint            batches;
  gboolean         next_committed;
} PipelineCheck;

/* After the first batch was applied locally: the second is on its way
 * already, so the server commits it while this handler still blocks the
 * main thread. Sent only after the handler, it never would. */
static void
wait_for_second_batch (LotseSyncClient *client,
                       guint            phase,
                       guint64          done,
                       gpointer         data)
{
  PipelineCheck *check = data;
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  if (phase != LOTSE_SYNC_PHASE_PUSHING || check->batches++ > 0)
    return;

  while (!check->next_committed && g_get_monotonic_time () < deadline)
    {
      check->next_committed =
        lotse_test_server_query_int (check->server, "SELECT count(*) FROM history") >= 4;
      if (!check->next_committed)
        g_usleep (10 * 1000);
    }
}

/* Batches go out pipelined: the next while the answer to the one before
 * is applied, each still acknowledged by its own answer and in order (the
 * update of a row after its insert, a project after its organisation). */
static void
test_push_pipelined (Fixture       *fixture,
                     gconstpointer  data)
{
  const char * const args[] = { "--max-batch", "2", NULL };
  g_autoptr(LotseTestServer) server = lotse_test_server_new ();
  g_autoptr(TestClient) a = NULL;
  g_autofree char *org = NULL;
  g_autofree char *project = NULL;
  g_autofree char *lead = NULL;
  PipelineCheck check = { 0, };
  LotseSyncStats stats = { 0, };

  lotse_test_server_add_user (server, "anna", "editor", "secret-anna");
  lotse_test_server_start (server, args, NULL);
  a = test_client_new (server, fixture->dir, "pipelined", "anna", "secret-anna");
  check.server = server;

  org = test_client_add (a, "organisation", "name=Hochschule Bielefeld", "kind=university", NULL);
  lead = g_strdup_printf ("lead_organisation_id=%s", org);
  project = test_client_add (a, "project", "title=Digitale Verwaltung", "status=planned", lead, NULL);
  for (guint i = 0; i < 4; i++)
    {
      g_autofree char *name = g_strdup_printf ("name=Partner %u", i);

      g_free (test_client_add (a, "organisation", name, "kind=company", NULL));
    }
  test_client_set (a, "project", project, "status=running", NULL);

  g_signal_connect (a->client, "progress", G_CALLBACK (wait_for_second_batch), &check);
  test_client_sync (a, &stats);

  g_assert_true (check.next_committed);
  g_assert_cmpuint (check.batches, ==, 4);
  g_assert_cmpuint (stats.pushed, ==, 7);
  g_assert_cmpuint (stats.rejected + stats.conflicts + stats.merged, ==, 0);
  g_assert_cmpint (test_client_count (a, "SELECT count(*) FROM outbox"), ==, 0);
  g_assert_cmpint (lotse_test_server_query_int (server, "SELECT count(*) FROM history"), ==, 7);
  assert_field (a, "project", project, "rev", "2");

  g_clear_pointer (&a, test_client_free);
  lotse_test_server_stop (server);
}

static void
test_two_clients_basic (Fixture       *fixture,
                        gconstpointer  data)
{
  guint progress = 0;
  g_autoptr(TestClient) a = new_client (fixture, "a", "anna");
  g_autoptr(TestClient) b = new_client (fixture, "b", "ben");
  g_autofree char *org = test_client_add (a, "organisation", "name=Hochschule Bielefeld",
                                          "kind=university", "city=Bielefeld", NULL);
  g_autofree char *project = NULL;
  LotseSyncStats stats = { 0, };

  project = test_client_add (a, "project", "title=Digitale Verwaltung", "status=planned", NULL);
  g_signal_connect (a->client, "progress", G_CALLBACK (count_progress), &progress);
  {
    g_autofree char *assignment = g_strdup_printf ("lead_organisation_id=%s", org);

    test_client_set (a, "project", project, assignment, "budget_cents=125000000", NULL);
  }

  test_client_sync (a, &stats);
  /* Insert and update of the project go out in two batches. */
  g_assert_cmpuint (stats.pushed, ==, 3);
  g_assert_cmpuint (stats.conflicts, ==, 0);
  /* Two push batches and one pull page. */
  g_assert_cmpuint (progress, ==, 3);
  g_assert_false (lotse_sync_client_get_busy (a->client));
  g_assert_cmpint (lotse_sync_client_get_phase (a->client), ==, LOTSE_SYNC_PHASE_IDLE);
  g_assert_cmpint (lotse_store_count_outbox (a->store), ==, 0);
  assert_field (a, "project", project, "rev", "2");

  test_client_sync (b, &stats);
  g_assert_cmpuint (stats.pushed, ==, 0);
  g_assert_cmpuint (stats.pulled, ==, 2);
  assert_field (b, "organisation", org, "city", "Bielefeld");
  assert_field (b, "project", project, "lead_organisation_id", org);
  assert_field (b, "project", project, "budget_cents", "125000000");
  assert_field (b, "project", project, "rev", "2");

  test_client_set (b, "project", project, "status=running", NULL);
  test_client_sync (b, &stats);
  g_assert_cmpuint (stats.pushed, ==, 1);
  test_client_sync (a, &stats);
  assert_field (a, "project", project, "status", "running");
  assert_field (a, "project", project, "rev", "3");

  /* Nothing to do: nothing sent, nothing written. */
  test_client_sync (a, &stats);
  g_assert_cmpuint (stats.pushed + stats.pulled, ==, 0);
  g_assert_cmpint (server_count (fixture, "SELECT count(*) FROM history"), ==, 4);
}

/* Anna and Ben give the project different titles; Anna syncs first, so
 * Ben's sync ends in one conflict. Returns Ben's open conflicts. */
static GPtrArray *
make_title_conflict (TestClient *a,
                     TestClient *b,
                     const char *project)
{
  LotseSyncStats stats = { 0, };
  GPtrArray *conflicts;

  test_client_set (a, "project", project, "title=Smart Region OWL (Anna)", NULL);
  test_client_set (b, "project", project, "title=Smart Region OWL (Ben)", NULL);
  test_client_sync (a, NULL);
  test_client_sync (b, &stats);
  g_assert_cmpuint (stats.conflicts, ==, 1);

  conflicts = open_conflicts (b);
  g_assert_cmpuint (conflicts->len, ==, 1);
  return conflicts;
}

static void
test_same_field_conflict (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(TestClient) a = new_client (fixture, "a", "anna");
  g_autoptr(TestClient) b = new_client (fixture, "b", "ben");
  g_autofree char *project = shared_project (fixture, a, b);
  g_autoptr(GPtrArray) conflicts = NULL;
  g_autoptr(GError) error = NULL;
  LotseConflict *conflict;
  LotseSyncStats stats = { 0, };

  conflicts = make_title_conflict (a, b, project);
  conflict = g_ptr_array_index (conflicts, 0);
  g_assert_cmpstr (conflict->fields_json, ==, "[\"title\"]");
  g_assert_nonnull (strstr (conflict->mine_json, "Smart Region OWL (Ben)"));
  g_assert_nonnull (strstr (conflict->theirs_json, "Smart Region OWL (Anna)"));
  g_assert_nonnull (strstr (conflict->base_json, "\"Smart Region OWL\""));
  /* b shows the server's value until someone decides. */
  assert_field (b, "project", project, "title", "Smart Region OWL (Anna)");
  g_assert_cmpint (lotse_store_count_outbox (b->store), ==, 0);

  g_assert_true (lotse_sync_resolve_conflict (b->store, conflict->id, LOTSE_SYNC_TAKE_MINE, &error));
  g_assert_no_error (error);
  test_client_sync (b, &stats);
  g_assert_cmpuint (stats.pushed, ==, 1);
  g_assert_cmpuint (stats.conflicts, ==, 0);
  test_client_sync (a, NULL);
  assert_field (a, "project", project, "title", "Smart Region OWL (Ben)");
  g_assert_cmpuint (open_conflicts (a)->len, ==, 0);
}

/* The server moves on after the conflict was stored: resolving it neither
 * overwrites the newer value nobody saw (mine) nor brings back the older
 * one (theirs). */
static void
resolve_after_newer_pull (Fixture       *fixture,
                          LotseSyncTake  take)
{
  g_autoptr(TestClient) a = new_client (fixture, "a", "anna");
  g_autoptr(TestClient) b = new_client (fixture, "b", "ben");
  g_autofree char *project = shared_project (fixture, a, b);
  g_autoptr(GPtrArray) conflicts = NULL;
  g_autoptr(GPtrArray) again = NULL;
  g_autoptr(GError) error = NULL;
  LotseSyncStats stats = { 0, };

  conflicts = make_title_conflict (a, b, project);
  test_client_set (a, "project", project, "title=Smart Region OWL (Anna, later)", NULL);
  test_client_sync (a, NULL);
  test_client_sync (b, NULL);
  assert_field (b, "project", project, "title", "Smart Region OWL (Anna, later)");

  g_assert_true (lotse_sync_resolve_conflict (b->store, ((LotseConflict *)conflicts->pdata[0])->id,
                                              take, &error));
  g_assert_no_error (error);
  test_client_sync (b, &stats);

  if (take == LOTSE_SYNC_TAKE_MINE)
    {
      /* Mine meets the newer value: a new conflict, nothing overwritten. */
      g_assert_cmpuint (stats.conflicts, ==, 1);
      again = open_conflicts (b);
      g_assert_cmpuint (again->len, ==, 1);
      g_assert_nonnull (strstr (((LotseConflict *)again->pdata[0])->mine_json, "OWL (Ben)"));
      g_assert_nonnull (strstr (((LotseConflict *)again->pdata[0])->theirs_json, "OWL (Anna, later)"));
    }
  else
    {
      g_assert_cmpuint (stats.pushed + stats.conflicts, ==, 0);
      g_assert_cmpuint (open_conflicts (b)->len, ==, 0);
    }

  assert_field (b, "project", project, "title", "Smart Region OWL (Anna, later)");
  test_client_sync (a, NULL);
  assert_field (a, "project", project, "title", "Smart Region OWL (Anna, later)");
  g_assert_cmpint (lotse_store_count_outbox (b->store), ==, 0);
}

static void
test_resolve_mine_after_newer_pull (Fixture       *fixture,
                                    gconstpointer  data)
{
  resolve_after_newer_pull (fixture, LOTSE_SYNC_TAKE_MINE);
}

static void
test_resolve_theirs_after_newer_pull (Fixture       *fixture,
                                      gconstpointer  data)
{
  resolve_after_newer_pull (fixture, LOTSE_SYNC_TAKE_THEIRS);
}

static void
test_different_fields_merge (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autoptr(TestClient) a = new_client (fixture, "a", "anna");
  g_autoptr(TestClient) b = new_client (fixture, "b", "ben");
  g_autofree char *project = shared_project (fixture, a, b);
  LotseSyncStats stats = { 0, };

  test_client_set (a, "project", project, "title=Smart Region Ostwestfalen", NULL);
  test_client_set (b, "project", project, "health=yellow", "topic=Mobilität", NULL);
  test_client_sync (a, NULL);
  test_client_sync (b, &stats);
  g_assert_cmpuint (stats.merged, ==, 1);
  g_assert_cmpuint (stats.conflicts, ==, 0);
  test_client_sync (a, NULL);

  for (guint i = 0; i < 2; i++)
    {
      TestClient *client = i == 0 ? a : b;

      assert_field (client, "project", project, "title", "Smart Region Ostwestfalen");
      assert_field (client, "project", project, "health", "yellow");
      assert_field (client, "project", project, "topic", "Mobilität");
      assert_field (client, "project", project, "acronym", "SRO");
      assert_field (client, "project", project, "rev", "3");
      g_assert_cmpuint (open_conflicts (client)->len, ==, 0);
    }
}

static void
test_equal_values (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(TestClient) a = new_client (fixture, "a", "anna");
  g_autoptr(TestClient) b = new_client (fixture, "b", "ben");
  g_autofree char *project = shared_project (fixture, a, b);
  LotseSyncStats stats = { 0, };

  test_client_set (a, "project", project, "status=paused", "health=red", NULL);
  test_client_set (b, "project", project, "status=paused", NULL);
  test_client_sync (a, NULL);
  test_client_sync (b, &stats);
  g_assert_cmpuint (stats.conflicts, ==, 0);
  g_assert_cmpuint (open_conflicts (b)->len, ==, 0);
  test_client_sync (b, NULL);
  /* The equal change added no revision, and b got a's other field. */
  assert_field (b, "project", project, "health", "red");
  assert_field (b, "project", project, "status", "paused");
  g_assert_cmpint (lotse_store_count_outbox (b->store), ==, 0);
}

static void
test_edit_vs_delete (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(TestClient) a = new_client (fixture, "a", "anna");
  g_autoptr(TestClient) b = new_client (fixture, "b", "ben");
  g_autofree char *first = shared_project (fixture, a, b);
  g_autofree char *second = shared_project (fixture, a, b);
  g_autoptr(GPtrArray) conflicts = NULL;
  g_autoptr(GError) error = NULL;
  LotseSyncStats stats = { 0, };

  /* Deleted first, edited second: the edit conflicts, the row is deleted
   * on b too, and the edit waits in the conflict. */
  test_client_delete (a, "project", first);
  test_client_set (b, "project", first, "summary=Neue Zusammenfassung", NULL);
  test_client_sync (a, NULL);
  test_client_sync (b, &stats);
  g_assert_cmpuint (stats.conflicts, ==, 1);
  assert_field (b, "project", first, "deleted", "1");
  conflicts = open_conflicts (b);
  g_assert_cmpuint (conflicts->len, ==, 1);
  g_assert_cmpstr (((LotseConflict *)conflicts->pdata[0])->fields_json, ==, "[]");
  g_assert_nonnull (strstr (((LotseConflict *)conflicts->pdata[0])->mine_json, "Neue Zusammenfassung"));

  /* Keeping the edit restores the row everywhere. */
  g_assert_true (lotse_sync_resolve_conflict (b->store, ((LotseConflict *)conflicts->pdata[0])->id,
                                              LOTSE_SYNC_TAKE_MINE, &error));
  g_assert_no_error (error);
  test_client_sync (b, &stats);
  g_assert_cmpuint (stats.conflicts, ==, 0);
  test_client_sync (a, NULL);
  assert_field (a, "project", first, "deleted", "0");
  assert_field (a, "project", first, "summary", "Neue Zusammenfassung");

  /* Edited first, deleted second: the delete conflicts; the row stays. */
  g_clear_pointer (&conflicts, g_ptr_array_unref);
  test_client_set (a, "project", second, "summary=Bearbeitet", NULL);
  test_client_delete (b, "project", second);
  test_client_sync (a, NULL);
  test_client_sync (b, &stats);
  g_assert_cmpuint (stats.conflicts, ==, 1);
  assert_field (b, "project", second, "deleted", "0");
  assert_field (b, "project", second, "summary", "Bearbeitet");
  conflicts = open_conflicts (b);
  g_assert_cmpuint (conflicts->len, ==, 1);
  g_assert_true (lotse_sync_resolve_conflict (b->store, ((LotseConflict *)conflicts->pdata[0])->id,
                                              LOTSE_SYNC_TAKE_MINE, &error));
  g_assert_no_error (error);
  assert_field (b, "project", second, "deleted", "1");
  test_client_sync (b, NULL);
  test_client_sync (a, NULL);
  assert_field (a, "project", second, "deleted", "1");
}

/* Decided behaviour: a child created under a parent that another device
 * deleted is kept on the server and on every device, still pointing to
 * the parent's tombstone. Nothing is lost; restoring the parent (resolve
 * or undelete) makes the tree whole again. */
static void
test_child_under_deleted_parent (Fixture       *fixture,
                                 gconstpointer  data)
{
  g_autoptr(TestClient) a = new_client (fixture, "a", "anna");
  g_autoptr(TestClient) b = new_client (fixture, "b", "ben");
  g_autofree char *project = shared_project (fixture, a, b);
  g_autofree char *assignment = g_strdup_printf ("project_id=%s", project);
  g_autofree char *milestone = NULL;
  LotseSyncStats stats = { 0, };

  test_client_delete (a, "project", project);
  test_client_sync (a, NULL);
  milestone = test_client_add (b, "milestone", assignment, "title=Zwischenbericht",
                               "due_date=2026-06-30", NULL);
  test_client_sync (b, &stats);
  g_assert_cmpuint (stats.pushed, ==, 1);
  g_assert_cmpuint (stats.conflicts + stats.rejected, ==, 0);
  test_client_sync (a, NULL);

  for (guint i = 0; i < 2; i++)
    {
      TestClient *client = i == 0 ? a : b;

      assert_field (client, "project", project, "deleted", "1");
      assert_field (client, "milestone", milestone, "deleted", "0");
      assert_field (client, "milestone", milestone, "project_id", project);
      assert_field (client, "milestone", milestone, "title", "Zwischenbericht");
    }
  g_assert_cmpint (server_count (fixture, "SELECT count(*) FROM history WHERE tbl = 'milestone'"), ==, 1);
}

static void
test_tags_add_remove (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(TestClient) a = new_client (fixture, "a", "anna");
  g_autoptr(TestClient) b = new_client (fixture, "b", "ben");
  g_autofree char *article = test_client_add (a, "article", "title=Bürgerbeteiligung digital",
                                              "category=best_practice", NULL);
  g_autofree char *t1 = test_client_add (a, "tag", "name=Beteiligung", NULL);
  g_autofree char *t2 = test_client_add (a, "tag", "name=Verwaltung", NULL);
  g_autofree char *t3 = test_client_add (a, "tag", "name=Open Data", NULL);
  g_autofree char *a1 = g_strdup_printf ("article_id=%s", article);
  g_autofree char *r1 = NULL;
  g_autofree char *r2 = NULL;
  g_autofree char *r3 = NULL;
  LotseSyncStats stats = { 0, };

  {
    g_autofree char *tag1 = g_strdup_printf ("tag_id=%s", t1);
    g_autofree char *tag3 = g_strdup_printf ("tag_id=%s", t3);

    r1 = test_client_add (a, "article_tag", a1, tag1, NULL);
    r3 = test_client_add (a, "article_tag", a1, tag3, NULL);
  }
  test_client_sync (a, NULL);
  test_client_sync (b, NULL);

  /* a removes one tag, b adds another, both remove the third. */
  test_client_delete (a, "article_tag", r1);
  test_client_delete (a, "article_tag", r3);
  {
    g_autofree char *tag2 = g_strdup_printf ("tag_id=%s", t2);

    r2 = test_client_add (b, "article_tag", a1, tag2, NULL);
  }
  test_client_delete (b, "article_tag", r3);
  test_client_sync (a, NULL);
  test_client_sync (b, &stats);
  g_assert_cmpuint (stats.conflicts, ==, 0);
  test_client_sync (a, NULL);

  for (guint i = 0; i < 2; i++)
    {
      TestClient *client = i == 0 ? a : b;

      assert_field (client, "article_tag", r1, "deleted", "1");
      assert_field (client, "article_tag", r2, "deleted", "0");
      assert_field (client, "article_tag", r3, "deleted", "1");
      g_assert_cmpint (test_client_count (client, "SELECT count(*) FROM article_tag WHERE deleted = 0"), ==, 1);
      g_assert_cmpuint (open_conflicts (client)->len, ==, 0);
    }
}

/* Timestamps are for display only: a device whose clock runs days ahead
 * does not win a conflict, and one behind does not lose its edit. */
static void
test_clock_skew (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(TestClient) a = new_client (fixture, "a", "anna");
  g_autoptr(TestClient) b = new_client (fixture, "b", "ben");
  g_autofree char *project = shared_project (fixture, a, b);
  sqlite3 *db = NULL;
  LotseSyncStats stats = { 0, };

  test_client_set (a, "project", project, "title=Ahead", "health=green", NULL);
  test_client_set (b, "project", project, "title=Behind", "topic=Energie", NULL);

  /* a's clock ran 40 days ahead, b's 40 days behind. */
  g_assert_cmpint (sqlite3_open (a->db, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "UPDATE project SET updated_at = '2099-01-01T00:00:00.000000Z';"
                                     "UPDATE outbox SET created_at = '2099-01-01T00:00:00.000000Z'",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  g_assert_cmpint (sqlite3_open (b->db, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "UPDATE project SET updated_at = '1999-01-01T00:00:00.000000Z';"
                                     "UPDATE outbox SET created_at = '1999-01-01T00:00:00.000000Z'",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  /* b syncs first: its edit is applied although its clock is behind. */
  test_client_sync (b, &stats);
  g_assert_cmpuint (stats.pushed, ==, 1);
  test_client_sync (a, &stats);
  g_assert_cmpuint (stats.conflicts, ==, 1);
  assert_field (a, "project", project, "title", "Behind");
  assert_field (a, "project", project, "topic", "Energie");
  /* a's other field was not lost: it was sent again after the conflict. */
  assert_field (a, "project", project, "health", "green");
  test_client_sync (a, NULL);
  test_client_sync (b, NULL);
  assert_field (b, "project", project, "health", "green");
  assert_field (b, "project", project, "title", "Behind");
}

typedef struct
{
  gboolean        done;
  GError         *error;
  LotseSyncStats  stats;
} JoinResult;

static void
join_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      data)
{
  JoinResult *join = data;

  lotse_sync_client_sync_finish (LOTSE_SYNC_CLIENT (source), result, &join->stats, &join->error);
  join->done = TRUE;
}

/* Never two cycles at once: a second request joins the running cycle, or
 * is refused clearly when it does not ask to join. */
static void
test_join_and_busy (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(TestClient) a = new_client (fixture, "a", "anna");
  g_autofree char *org = test_client_add (a, "organisation", "name=IHK Ostwestfalen", NULL);
  JoinResult results[3] = { { FALSE, NULL, { 0, } }, };

  for (guint i = 0; i < 3; i++)
    lotse_sync_client_sync_async (a->client, i == 1, NULL, join_cb, &results[i]);
  g_assert_true (lotse_sync_client_get_busy (a->client));

  while (!results[0].done || !results[1].done || !results[2].done)
    g_main_context_iteration (NULL, TRUE);

  g_assert_no_error (results[0].error);
  g_assert_no_error (results[1].error);
  g_assert_cmpuint (results[0].stats.pushed, ==, 1);
  g_assert_cmpuint (results[1].stats.pushed, ==, 1);
  g_assert_error (results[2].error, LOTSE_SYNC_ERROR, LOTSE_SYNC_ERROR_BUSY);
  g_clear_error (&results[2].error);
  g_assert_false (lotse_sync_client_get_busy (a->client));
  g_assert_cmpint (server_count (fixture, "SELECT count(*) FROM history"), ==, 1);
  (void)org;
}

/* A change the server refuses as malformed (400 naming it) is set aside as
 * a visible conflict; the rest of the outbox still goes out. */
static void
test_malformed_change_set_aside (Fixture       *fixture,
                                 gconstpointer  data)
{
  g_autoptr(TestClient) a = new_client (fixture, "a", "anna");
  g_autofree char *good = test_client_add (a, "organisation", "name=Handwerkskammer OWL", NULL);
  g_autofree char *bad = test_client_add (a, "organisation", "name=Kaputt", NULL);
  g_autoptr(GPtrArray) conflicts = NULL;
  sqlite3 *db = NULL;
  g_autofree char *sql = g_strdup_printf ("UPDATE outbox SET fields = '{\"name\":\"Kaputt\",\"kind\":\"bogus\"}'"
                                          " WHERE row_id = '%s'", bad);
  LotseSyncStats stats = { 0, };

  /* A value the local store would refuse, written around it. */
  g_assert_cmpint (sqlite3_open (a->db, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  g_test_expect_message ("lotse-sync", G_LOG_LEVEL_WARNING, "*rejected*");
  test_client_sync (a, &stats);
  g_test_assert_expected_messages ();
  g_assert_cmpuint (stats.rejected, ==, 1);
  g_assert_cmpuint (stats.pushed, ==, 1);
  g_assert_cmpint (lotse_store_count_outbox (a->store), ==, 0);
  g_assert_cmpint (server_count (fixture, "SELECT count(*) FROM rows"), ==, 1);

  conflicts = open_conflicts (a);
  g_assert_cmpuint (conflicts->len, ==, 1);
  g_assert_cmpstr (((LotseConflict *)conflicts->pdata[0])->row_id, ==, bad);
  g_assert_nonnull (((LotseConflict *)conflicts->pdata[0])->error);
  assert_field (a, "organisation", good, "rev", "1");
}

/* 429 with Retry-After: the client waits and tries again. */
static void
test_rate_limited_retry (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(LotseTestServer) limited = lotse_test_server_new ();
  const char * const args[] = { "--rate-limit", "1", "--rate-burst", "2", NULL };
  g_autoptr(TestClient) a = NULL;
  g_autofree char *org = NULL;
  g_autofree char *log = NULL;
  LotseSyncStats stats = { 0, };
  gint64 start;

  lotse_test_server_add_user (limited, "anna", "editor", "secret-anna");
  lotse_test_server_start (limited, args, NULL);
  a = test_client_new (limited, fixture->dir, "a", "anna", "secret-anna");
  org = test_client_add (a, "organisation", "name=Langsam e. V.", NULL);

  start = g_get_monotonic_time ();
  test_client_sync (a, &stats);
  g_assert_cmpuint (stats.pushed, ==, 1);
  g_assert_cmpint (g_get_monotonic_time () - start, >=, G_USEC_PER_SEC / 2);
  lotse_test_server_stop (limited);
  log = lotse_test_server_get_log (limited);
  g_assert_nonnull (strstr (log, " 429 "));
}

/* 413: a batch over the server's max_body is split until it fits. */
static void
test_body_too_large_splits (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(LotseTestServer) small = lotse_test_server_new ();
  const char * const args[] = { "--max-body", "4096", NULL };
  g_autoptr(TestClient) a = NULL;
  g_autofree char *notes = g_strnfill (400, 'x');
  g_autofree char *assignment = g_strdup_printf ("notes=%s", notes);
  g_autofree char *huge_id = NULL;
  g_autoptr(GPtrArray) conflicts = NULL;
  LotseSyncStats stats = { 0, };

  lotse_test_server_add_user (small, "anna", "editor", "secret-anna");
  lotse_test_server_start (small, args, NULL);
  a = test_client_new (small, fixture->dir, "a", "anna", "secret-anna");
  for (guint i = 0; i < 30; i++)
    {
      g_autofree char *name = g_strdup_printf ("name=Verein %u", i);

      g_free (test_client_add (a, "organisation", name, assignment, NULL));
    }

  /* One change alone over the limit is set aside, visibly. */
  {
    g_autofree char *huge = g_strnfill (5000, 'y');
    g_autofree char *huge_assignment = g_strdup_printf ("notes=%s", huge);

    huge_id = test_client_add (a, "organisation", "name=Zu groß", huge_assignment, NULL);
  }

  g_test_expect_message ("lotse-sync", G_LOG_LEVEL_WARNING, "*rejected*");
  test_client_sync (a, &stats);
  g_test_assert_expected_messages ();
  g_assert_cmpuint (stats.pushed, ==, 30);
  g_assert_cmpuint (stats.rejected, ==, 1);
  g_assert_cmpint (lotse_store_count_outbox (a->store), ==, 0);
  g_assert_cmpint (lotse_test_server_query_int (small, "SELECT count(*) FROM rows"), ==, 30);
  conflicts = open_conflicts (a);
  g_assert_cmpuint (conflicts->len, ==, 1);
  g_assert_cmpstr (((LotseConflict *)conflicts->pdata[0])->row_id, ==, huge_id);
  g_assert_nonnull (strstr (((LotseConflict *)conflicts->pdata[0])->error, "body_too_large"));
  lotse_test_server_stop (small);
}

/* Cancelling stops the cycle between answers; what was not acknowledged
 * stays in the outbox and the next cycle sends it. */
static void
test_cancel (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(TestClient) a = new_client (fixture, "a", "anna");
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  JoinResult result = { FALSE, NULL, { 0, } };
  LotseSyncStats stats = { 0, };

  g_free (test_client_add (a, "organisation", "name=Abgebrochen", NULL));
  lotse_sync_client_sync_async (a->client, FALSE, cancellable, join_cb, &result);
  g_cancellable_cancel (cancellable);
  while (!result.done)
    g_main_context_iteration (NULL, TRUE);

  g_assert_error (result.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&result.error);
  g_assert_false (lotse_sync_client_get_busy (a->client));
  g_assert_cmpint (lotse_store_count_outbox (a->store), ==, 1);

  test_client_sync (a, &stats);
  g_assert_cmpuint (stats.pushed, ==, 1);
  g_assert_cmpint (server_count (fixture, "SELECT count(*) FROM history"), ==, 1);
}

static gint64
client_cursor (TestClient *client)
{
  return lotse_test_query_int (lotse_store_get_path (client->store), "SELECT cursor FROM sync_state");
}

/* A push onto a server where nothing was written since the client's
 * cursor moves the cursor past the push: the client does not pull its own
 * changes back. Once another device wrote in between, it pulls as usual
 * and misses nothing. */
static void
test_push_fast_forward (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(TestClient) a = new_client (fixture, "a", "anna");
  g_autoptr(TestClient) b = new_client (fixture, "b", "ben");
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  LotseSyncStats stats = { 0, };
  const char *newest = "SELECT max(seq) FROM history";

  first = test_client_add (a, "organisation", "name=Kreis Lippe", NULL);
  second = test_client_add (a, "organisation", "name=OWL IT", NULL);
  g_free (test_client_add (a, "organisation", "name=Stadt Detmold", NULL));
  test_client_sync (a, &stats);
  g_assert_cmpuint (stats.pushed, ==, 3);
  g_assert_cmpuint (stats.pulled, ==, 0);
  g_assert_cmpint (client_cursor (a), ==, server_count (fixture, newest));

  test_client_sync (b, &stats);
  g_assert_cmpuint (stats.pulled, ==, 3);
  test_client_set (b, "organisation", first, "name=Kreis Lippe (Detmold)", NULL);
  test_client_sync (b, &stats);
  g_assert_cmpuint (stats.pushed, ==, 1);
  g_assert_cmpuint (stats.pulled, ==, 0);

  /* b wrote after a's cursor: a's push must not skip it. */
  test_client_set (a, "organisation", second, "name=OWL IT GmbH", NULL);
  test_client_sync (a, &stats);
  g_assert_cmpuint (stats.pushed, ==, 1);
  g_assert_cmpuint (stats.pulled, ==, 2);
  assert_field (a, "organisation", first, "name", "Kreis Lippe (Detmold)");
  g_assert_cmpint (client_cursor (a), ==, server_count (fixture, newest));

  test_client_sync (b, &stats);
  assert_field (b, "organisation", second, "name", "OWL IT GmbH");
  g_assert_cmpint (client_cursor (b), ==, server_count (fixture, newest));

  test_client_sync (a, &stats);
  g_assert_cmpuint (stats.pushed + stats.pulled, ==, 0);
}

static void
cancel_on_first_page (LotseSyncClient *client,
                      guint            phase,
                      guint64          count,
                      gpointer         data)
{
  if (phase == LOTSE_SYNC_PHASE_PULLING && count > 0)
    g_cancellable_cancel (data);
}

/* Cancelled while the next page of a pull is on its way (it is read and
 * parsed in the network thread): the cycle ends as cancelled, the pages
 * written so far stay with their cursor, and the next cycle pulls the
 * rest without writing a row twice. */
static void
test_cancel_mid_pull (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(TestClient) a = new_client (fixture, "a", "anna");
  g_autoptr(TestClient) b = new_client (fixture, "b", "ben");
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  JoinResult result = { FALSE, NULL, { 0, } };
  LotseSyncStats stats = { 0, };
  gint64 after_cancel;
  gulong handler;

  lotse_store_set_bulk_mode (a->store, TRUE);
  for (guint i = 0; i < 2500; i++)
    {
      g_autofree char *assignment = g_strdup_printf ("name=Partner %04u", i);

      g_free (test_client_add (a, "organisation", assignment, NULL));
    }
  lotse_store_set_bulk_mode (a->store, FALSE);
  test_client_sync (a, &stats);
  g_assert_cmpuint (stats.pushed, ==, 2500);

  handler = g_signal_connect (b->client, "progress", G_CALLBACK (cancel_on_first_page), cancellable);
  lotse_sync_client_sync_async (b->client, FALSE, cancellable, join_cb, &result);
  while (!result.done)
    g_main_context_iteration (NULL, TRUE);
  g_signal_handler_disconnect (b->client, handler);

  g_assert_error (result.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&result.error);
  g_assert_false (lotse_sync_client_get_busy (b->client));
  after_cancel = lotse_store_count (b->store, "organisation", NULL, 0, NULL);
  g_assert_cmpint (after_cancel, >, 0);
  g_assert_cmpint (after_cancel, <, 2500);

  test_client_sync (b, &stats);
  g_assert_cmpuint (stats.pulled, ==, 2500 - after_cancel);
  g_assert_cmpint (lotse_store_count (b->store, "organisation", NULL, 0, NULL), ==, 2500);
}

typedef struct
{
  LotseStore *store;
  guint       pages;
  int         weakest;  /* the lowest PRAGMA synchronous seen */
} SyncLevel;

static void
note_sync_level (LotseSyncClient *client,
                 guint            phase,
                 guint64          count,
                 gpointer         data)
{
  SyncLevel *level = data;
  sqlite3_stmt *stmt = NULL;

  if (phase != LOTSE_SYNC_PHASE_PULLING || count == 0)
    return;

  g_assert_cmpint (sqlite3_prepare_v2 (lotse_store_get_db (level->store), "PRAGMA synchronous", -1, &stmt,
                                       NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  level->weakest = MIN (level->weakest, sqlite3_column_int (stmt, 0));
  sqlite3_finalize (stmt);
  level->pages++;
}

/* Issue #13.3: the first full pull ran with synchronous=OFF, and a power
 * cut could damage the file. At every page the pulling connection is at
 * NORMAL at least (in WAL mode a power cut then loses at most the last
 * pages, which are pulled again), and the file is whole afterwards. */
static void
test_full_pull_durable (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(TestClient) a = new_client (fixture, "a", "anna");
  g_autoptr(TestClient) b = new_client (fixture, "b", "ben");
  SyncLevel level = { b->store, 0, G_MAXINT };
  LotseSyncStats stats = { 0, };
  g_autofree char *db = NULL;
  g_autofree char *integrity = NULL;
  gulong handler;

  g_assert_true (lotse_store_begin (a->store, NULL));
  for (guint i = 0; i < 2500; i++)
    {
      g_autofree char *assignment = g_strdup_printf ("name=Partner %04u", i);

      g_free (test_client_add (a, "organisation", assignment, NULL));
    }
  g_assert_true (lotse_store_commit (a->store, NULL));
  test_client_sync (a, NULL);

  handler = g_signal_connect (b->client, "progress", G_CALLBACK (note_sync_level), &level);
  test_client_sync (b, &stats);
  g_signal_handler_disconnect (b->client, handler);

  g_assert_cmpuint (stats.pulled, ==, 2500);
  g_assert_cmpuint (level.pages, ==, 3);
  g_assert_cmpint (level.weakest, >=, 1);
  db = g_strdup (b->db);
  g_clear_pointer (&b, test_client_free);
  integrity = lotse_test_query_text (db, "PRAGMA integrity_check");
  g_assert_cmpstr (integrity, ==, "ok");
  g_assert_cmpint (lotse_test_query_int (db, "SELECT count(*) FROM organisation"), ==, 2500);
}

typedef struct
{
  TestClient *client;
  const char *project;
  gboolean    edited;
} EditWhilePulling;

static void
edit_when_pulling (LotseSyncClient  *client,
                   GParamSpec       *pspec,
                   EditWhilePulling *edit)
{
  if (lotse_sync_client_get_phase (client) != LOTSE_SYNC_PHASE_PULLING || edit->edited)
    return;

  /* Saved between this cycle's push and its pull. */
  test_client_set (edit->client, "project", edit->project, "status=paused", NULL);
  edit->edited = TRUE;
}

/* A row pulled while a local edit waited is held back; when that edit
 * turns out equal to the server's row (no new revision, behind the
 * cursor), the client fetches the row again and misses nothing. */
static void
test_held_back_then_equal (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(TestClient) a = new_client (fixture, "a", "anna");
  g_autoptr(TestClient) b = new_client (fixture, "b", "ben");
  g_autofree char *project = shared_project (fixture, a, b);
  EditWhilePulling edit = { b, project, FALSE };
  g_autofree char *log = NULL;
  LotseSyncStats stats = { 0, };
  gulong handler;

  test_client_set (a, "project", project, "status=paused", "health=red", NULL);
  test_client_sync (a, NULL);

  handler = g_signal_connect (b->client, "notify::phase", G_CALLBACK (edit_when_pulling), &edit);
  test_client_sync (b, &stats);
  g_signal_handler_disconnect (b->client, handler);
  g_assert_true (edit.edited);
  g_assert_cmpuint (stats.held_back, ==, 1);
  assert_field (b, "project", project, "health", NULL);

  test_client_sync (b, &stats);
  g_assert_cmpuint (stats.pushed, ==, 1);
  g_assert_cmpuint (stats.conflicts, ==, 0);
  assert_field (b, "project", project, "status", "paused");
  assert_field (b, "project", project, "health", "red");
  assert_field (b, "project", project, "rev", "2");
  g_assert_cmpint (lotse_store_count_outbox (b->store), ==, 0);
  log = lotse_test_server_get_log (fixture->server);
  g_assert_nonnull (strstr (log, "/history"));
}

/* An article both devices know, with title, summary and body. */
static char *
shared_article (TestClient *a,
                TestClient *b)
{
  char *id = test_client_add (a, "article", "title=Förderaufruf Digitale Dörfer",
                              "summary=Kurzfassung", "body=Erste Fassung", NULL);

  test_client_sync (a, NULL);
  test_client_sync (b, NULL);
  assert_field (b, "article", id, "body", "Erste Fassung");

  return id;
}

/* Finds the open conflict whose field list is @fields; fails if none. */
static LotseConflict *
find_conflict (GPtrArray  *conflicts,
               const char *fields)
{
  for (guint i = 0; i < conflicts->len; i++)
    {
      LotseConflict *conflict = g_ptr_array_index (conflicts, i);

      if (g_strcmp0 (conflict->fields_json, fields) == 0)
        return conflict;
    }

  g_error ("No conflict with fields %s", fields);
  return NULL;
}

/* b edits title and body in two separate saves; a changed both. The body
 * edit must not be applied over a's body: both are visible conflicts. */
static void
test_later_op_after_conflict (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autoptr(TestClient) a = new_client (fixture, "a", "anna");
  g_autoptr(TestClient) b = new_client (fixture, "b", "ben");
  g_autoptr(TestClient) c = new_client (fixture, "c", "anna");
  g_autofree char *article = shared_article (a, b);
  g_autoptr(GPtrArray) conflicts = NULL;
  LotseConflict *conflict;
  LotseSyncStats stats = { 0, };

  test_client_set (a, "article", article, "title=Titel Anna", "body=Text Anna", NULL);
  test_client_set (b, "article", article, "title=Titel Ben", NULL);
  test_client_set (b, "article", article, "body=Text Ben", NULL);
  g_assert_cmpint (lotse_store_count_outbox (b->store), ==, 2);
  test_client_sync (a, NULL);
  test_client_sync (b, &stats);
  g_assert_cmpuint (stats.conflicts, ==, 2);
  g_assert_cmpint (lotse_store_count_outbox (b->store), ==, 0);

  conflicts = open_conflicts (b);
  g_assert_cmpuint (conflicts->len, ==, 2);
  conflict = find_conflict (conflicts, "[\"title\"]");
  g_assert_nonnull (strstr (conflict->mine_json, "Titel Ben"));
  g_assert_nonnull (strstr (conflict->theirs_json, "Titel Anna"));
  conflict = find_conflict (conflicts, "[\"body\"]");
  g_assert_nonnull (strstr (conflict->mine_json, "Text Ben"));
  g_assert_nonnull (strstr (conflict->theirs_json, "Text Anna"));

  /* The server still holds a's edit; b shows it until someone decides. */
  assert_field (b, "article", article, "title", "Titel Anna");
  assert_field (b, "article", article, "body", "Text Anna");
  test_client_sync (c, NULL);
  assert_field (c, "article", article, "title", "Titel Anna");
  assert_field (c, "article", article, "body", "Text Anna");
  g_assert_cmpint (server_count (fixture, "SELECT count(*) FROM history"), ==, 2);
}

/* The same edits saved at once on b: one change, one conflict of both. */
static void
test_one_op_two_conflicting_fields (Fixture       *fixture,
                                    gconstpointer  data)
{
  g_autoptr(TestClient) a = new_client (fixture, "a", "anna");
  g_autoptr(TestClient) b = new_client (fixture, "b", "ben");
  g_autoptr(TestClient) c = new_client (fixture, "c", "anna");
  g_autofree char *article = shared_article (a, b);
  g_autoptr(GPtrArray) conflicts = NULL;
  LotseConflict *conflict;
  LotseSyncStats stats = { 0, };

  test_client_set (a, "article", article, "title=Titel Anna", "body=Text Anna", NULL);
  test_client_set (b, "article", article, "title=Titel Ben", "body=Text Ben", NULL);
  test_client_sync (a, NULL);
  test_client_sync (b, &stats);
  g_assert_cmpuint (stats.conflicts, ==, 1);

  conflicts = open_conflicts (b);
  g_assert_cmpuint (conflicts->len, ==, 1);
  conflict = find_conflict (conflicts, "[\"title\",\"body\"]");
  g_assert_nonnull (strstr (conflict->mine_json, "Text Ben"));
  g_assert_nonnull (strstr (conflict->theirs_json, "Text Anna"));
  test_client_sync (c, NULL);
  assert_field (c, "article", article, "body", "Text Anna");
}

/* b saves title, body and summary one after the other; a changed only the
 * body. Title and summary merge, the body is a conflict, not overwritten
 * on top of the revision the title's merge returned. */
static void
test_three_ops_middle_conflicts (Fixture       *fixture,
                                 gconstpointer  data)
{
  g_autoptr(TestClient) a = new_client (fixture, "a", "anna");
  g_autoptr(TestClient) b = new_client (fixture, "b", "ben");
  g_autoptr(TestClient) c = new_client (fixture, "c", "anna");
  g_autofree char *article = shared_article (a, b);
  g_autoptr(GPtrArray) conflicts = NULL;
  LotseConflict *conflict;
  LotseSyncStats stats = { 0, };

  test_client_set (a, "article", article, "body=Text Anna", NULL);
  test_client_set (b, "article", article, "title=Titel Ben", NULL);
  test_client_set (b, "article", article, "body=Text Ben", NULL);
  test_client_set (b, "article", article, "summary=Kurz Ben", NULL);
  test_client_sync (a, NULL);
  test_client_sync (b, &stats);
  g_assert_cmpuint (stats.merged, ==, 2);
  g_assert_cmpuint (stats.conflicts, ==, 1);
  g_assert_cmpint (lotse_store_count_outbox (b->store), ==, 0);

  conflicts = open_conflicts (b);
  g_assert_cmpuint (conflicts->len, ==, 1);
  conflict = find_conflict (conflicts, "[\"body\"]");
  g_assert_nonnull (strstr (conflict->mine_json, "Text Ben"));
  g_assert_nonnull (strstr (conflict->theirs_json, "Text Anna"));

  test_client_sync (c, NULL);
  assert_field (c, "article", article, "title", "Titel Ben");
  assert_field (c, "article", article, "summary", "Kurz Ben");
  assert_field (c, "article", article, "body", "Text Anna");
  assert_field (b, "article", article, "title", "Titel Ben");
  assert_field (b, "article", article, "summary", "Kurz Ben");
  assert_field (b, "article", article, "body", "Text Anna");
}

/* Two offline saves of one field on one device are no conflict with
 * itself, also when they go out one batch after the other. */
static void
test_two_own_ops_same_field (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autoptr(TestClient) a = new_client (fixture, "a", "anna");
  g_autoptr(TestClient) b = new_client (fixture, "b", "ben");
  g_autofree char *article = shared_article (a, b);
  LotseSyncStats stats = { 0, };

  test_client_set (a, "article", article, "summary=Kurz Anna", NULL);
  test_client_set (b, "article", article, "body=Text Ben 1", NULL);
  test_client_set (b, "article", article, "body=Text Ben 2", NULL);
  test_client_sync (a, NULL);
  test_client_sync (b, &stats);
  g_assert_cmpuint (stats.conflicts, ==, 0);
  test_client_sync (a, NULL);
  assert_field (a, "article", article, "body", "Text Ben 2");
  assert_field (a, "article", article, "summary", "Kurz Anna");
  assert_field (b, "article", article, "summary", "Kurz Anna");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/sync/e2e/two-clients", test_two_clients_basic);
  ADD ("/sync/e2e/push-pipelined", test_push_pipelined);
  ADD ("/sync/e2e/full-pull-durable", test_full_pull_durable);
  ADD ("/sync/e2e/same-field-conflict", test_same_field_conflict);
  ADD ("/sync/e2e/resolve-mine-after-newer-pull", test_resolve_mine_after_newer_pull);
  ADD ("/sync/e2e/resolve-theirs-after-newer-pull", test_resolve_theirs_after_newer_pull);
  ADD ("/sync/e2e/different-fields-merge", test_different_fields_merge);
  ADD ("/sync/e2e/equal-values", test_equal_values);
  ADD ("/sync/e2e/edit-vs-delete", test_edit_vs_delete);
  ADD ("/sync/e2e/child-under-deleted-parent", test_child_under_deleted_parent);
  ADD ("/sync/e2e/tags-add-remove", test_tags_add_remove);
  ADD ("/sync/e2e/clock-skew", test_clock_skew);
  ADD ("/sync/e2e/join-and-busy", test_join_and_busy);
  ADD ("/sync/e2e/malformed-change-set-aside", test_malformed_change_set_aside);
  ADD ("/sync/e2e/rate-limited-retry", test_rate_limited_retry);
  ADD ("/sync/e2e/body-too-large-splits", test_body_too_large_splits);
  ADD ("/sync/e2e/cancel", test_cancel);
  ADD ("/sync/e2e/cancel-mid-pull", test_cancel_mid_pull);
  ADD ("/sync/e2e/push-fast-forward", test_push_fast_forward);
  ADD ("/sync/e2e/held-back-then-equal", test_held_back_then_equal);
  ADD ("/sync/e2e/later-op-after-conflict", test_later_op_after_conflict);
  ADD ("/sync/e2e/one-op-two-conflicting-fields", test_one_op_two_conflicting_fields);
  ADD ("/sync/e2e/three-ops-middle-conflicts", test_three_ops_middle_conflicts);
  ADD ("/sync/e2e/two-own-ops-same-field", test_two_own_ops_same_field);

  return g_test_run ();
}
