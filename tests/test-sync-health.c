/* test-sync-health.c: the traffic light and status reports from other laptops
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A real lotse-server on loopback and clients with their own SQLite files.
 * The rule is in src/core/lotse-health.c: a pulled report moves its
 * project's health unless the project's own row came later; laptops that
 * derive the same health push it without a conflict.
 */

#include "config.h"

#include <string.h>

#include "lotse-test-sync.h"
#include "test-report-pdf.h"

typedef struct
{
  char            *dir;
  LotseTestServer *server;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->dir = lotse_test_make_tmpdir ();
  f->server = lotse_test_server_new ();
  lotse_test_server_add_user (f->server, "anna", "editor", "secret-anna");
  lotse_test_server_start (f->server, NULL, NULL);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  lotse_test_server_stop (f->server);
  g_clear_pointer (&f->server, lotse_test_server_free);
  lotse_test_remove_tree (f->dir);
  g_free (f->dir);
}

static TestClient *
new_client (Fixture    *f,
            const char *name)
{
  return test_client_new (f->server, f->dir, name, "anna", "secret-anna");
}

static void
assert_health (TestClient *client,
               const char *project,
               const char *expected)
{
  g_autofree char *health = test_client_get (client, "project", project, "health");

  g_assert_cmpstr (health, ==, expected);
}

static void
sync_clean (TestClient *client)
{
  LotseSyncStats stats = { 0, };

  test_client_sync (client, &stats);
  g_assert_cmpuint (stats.conflicts, ==, 0);
  g_assert_cmpuint (stats.rejected, ==, 0);
  g_assert_cmpint (lotse_store_sync_count_conflicts (client->store), ==, 0);
}

/* A laptop whose Lotse does not know the rule: it pushes the report alone,
 * as lotse-cli or an older app did. */
static void
push_report_alone (Fixture    *f,
                   const char *project,
                   const char *health)
{
  g_autofree char *device = NULL;
  g_autofree char *token = lotse_test_server_login (f->server, "anna", "secret-anna", &device);
  g_autofree char *op = lotse_new_uuid ();
  g_autofree char *id = lotse_new_uuid ();
  g_autofree char *body = NULL;
  g_autoptr(JsonNode) answer = NULL;
  guint status = 0;

  body = g_strdup_printf ("{\"device_id\":\"%s\",\"changes\":[{\"op_id\":\"%s\",\"table\":\"status_report\","
                          "\"id\":\"%s\",\"base_rev\":0,\"deleted\":false,\"fields\":{\"project_id\":\"%s\","
                          "\"date\":\"2026-11-20\",\"health\":\"%s\",\"summary\":\"Förderbescheid fehlt\"}}]}",
                          device, op, id, project, health);
  answer = lotse_test_server_request (f->server, "POST", "/v1/sync/push", token, body, &status);
  g_assert_cmpuint (status, ==, 200);
}

/* What the milestone overview of @client's database says of its projects. */
static char *
overview_text (Fixture    *f,
               TestClient *client)
{
  g_autofree char *pdf = g_strdup_printf ("%s.pdf", client->db);
  g_autoptr(LotseTestCliResult) result =
    lotse_test_cli_run_db (f->dir, client->db, "export", "milestones", "--today", "2026-11-30",
                           "-o", pdf, NULL);
  g_autofree char *text = NULL;

  g_assert_cmpint (result->status, ==, 0);
  text = lotse_test_pdf_text (pdf, 1, 1);

  return lotse_test_pdf_normalize (text);
}

static void
test_report_from_old_laptop (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(TestClient) anna = new_client (f, "anna");
  g_autoptr(TestClient) ben = new_client (f, "ben");
  g_autoptr(TestClient) carl = new_client (f, "carl");
  g_autoptr(TestClient) fresh = NULL;
  g_autofree char *project = test_client_add (anna, "project", "title=Smarte Quartiere",
                                              "status=running", "health=yellow", NULL);
  g_autofree char *text = NULL;

  sync_clean (anna);
  sync_clean (ben);
  sync_clean (carl);
  assert_health (ben, project, "yellow");

  push_report_alone (f, project, "red");

  /* Both laptops that pull the report take its health, and each has the
   * derived edit waiting for the next push. */
  sync_clean (ben);
  sync_clean (carl);
  assert_health (ben, project, "red");
  assert_health (carl, project, "red");
  g_assert_cmpint (lotse_store_count_outbox (ben->store), ==, 1);
  g_assert_cmpint (lotse_store_count_outbox (carl->store), ==, 1);

  text = overview_text (f, ben);
  lotse_test_pdf_assert_contains (text, "Critical");
  g_assert_null (strstr (text, "At risk"));

  /* Both push the same value: no conflict, nothing left to send. */
  sync_clean (ben);
  sync_clean (carl);
  g_assert_cmpint (lotse_store_count_outbox (ben->store), ==, 0);
  g_assert_cmpint (lotse_store_count_outbox (carl->store), ==, 0);

  /* The laptop that wrote the project, and a new one, get it from the
   * server without deriving anything themselves. */
  sync_clean (anna);
  assert_health (anna, project, "red");
  g_assert_cmpint (lotse_store_count_outbox (anna->store), ==, 0);
  fresh = new_client (f, "fresh");
  sync_clean (fresh);
  assert_health (fresh, project, "red");
  g_assert_cmpint (lotse_store_count_outbox (fresh->store), ==, 0);
}

/* A report written by a laptop with the rule arrives with the project's
 * health after it; a direct edit made after the report, pulled together
 * with it, stands, and so does it when the report's summary changes. */
static void
test_direct_edit_after_report (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr(TestClient) anna = new_client (f, "anna");
  g_autoptr(TestClient) ben = new_client (f, "ben");
  g_autofree char *project = test_client_add (anna, "project", "title=Digitale Dörfer",
                                              "status=running", "health=green", NULL);
  g_autofree char *project_id = g_strdup_printf ("project_id=%s", project);
  g_autofree char *report = test_client_add (anna, "status_report", project_id, "date=2026-11-02",
                                             "health=red", "summary=Verzug", NULL);

  assert_health (anna, project, "red");
  test_client_set (anna, "project", project, "health=yellow", NULL);
  sync_clean (anna);

  sync_clean (ben);
  assert_health (ben, project, "yellow");
  g_assert_cmpint (lotse_store_count_outbox (ben->store), ==, 0);

  test_client_set (anna, "status_report", report, "summary=Verzug, Aufholplan steht", NULL);
  sync_clean (anna);
  sync_clean (ben);
  assert_health (ben, project, "yellow");
  g_assert_cmpint (lotse_store_count_outbox (ben->store), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/sync/health/report-from-old-laptop", test_report_from_old_laptop);
  ADD ("/sync/health/direct-edit-after-report", test_direct_edit_after_report);

#undef ADD

  return g_test_run ();
}
