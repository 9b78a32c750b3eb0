/* test-sync-office.c: the office's data through a real lotse-server
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Two laptops of one office each set part of the office's data before
 * they ever synced: the server merges both into its one office row, field
 * by field, and both laptops then show meetings in the zone set on one.
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
set_office (TestClient *client,
            const char *field,
            const char *value)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LotseRecord) office = lotse_office_get (client->store, &error);

  g_assert_no_error (error);
  lotse_record_set (office, field, value);
  g_assert_true (lotse_office_save (client->store, office, &error));
  g_assert_no_error (error);
}

static char *
office_field (TestClient *client,
              const char *field)
{
  return test_client_get (client, "office", LOTSE_OFFICE_ID, field);
}

static void
test_two_laptops_one_office (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autoptr(TestClient) a = test_client_new (fixture->server, fixture->dir, "a", "anna", "secret-anna");
  g_autoptr(TestClient) b = test_client_new (fixture->server, fixture->dir, "b", "ben", "secret-ben");
  g_autofree char *meeting = NULL;
  g_autofree char *ics = NULL;
  g_autoptr(GError) error = NULL;
  LotseSyncStats stats = { 0, };

  set_office (a, "time_zone", "Europe/Vienna");
  set_office (a, "name", "Projektbüro OWL");
  set_office (b, "email", "buero@owl.example");
  meeting = test_client_add (a, "meeting", "title=Jour fixe", "kind=jour_fixe",
                             "starts_at=2026-12-08T09:00:00Z", "status=planned", NULL);

  test_client_sync (a, NULL);
  test_client_sync (b, &stats);
  g_assert_cmpuint (stats.conflicts, ==, 0);
  test_client_sync (a, NULL);

  for (guint i = 0; i < 2; i++)
    {
      TestClient *client = i == 0 ? a : b;
      g_autofree char *zone_name = office_field (client, "time_zone");
      g_autofree char *name = office_field (client, "name");
      g_autofree char *email = office_field (client, "email");
      g_autoptr(GTimeZone) zone = lotse_office_get_time_zone (client->store);
      g_autoptr(GPtrArray) conflicts = lotse_store_sync_list_conflicts (client->store, FALSE, NULL);

      g_assert_cmpstr (zone_name, ==, "Europe/Vienna");
      g_assert_cmpstr (name, ==, "Projektbüro OWL");
      g_assert_cmpstr (email, ==, "buero@owl.example");
      g_assert_cmpstr (g_time_zone_get_identifier (zone), ==, "Europe/Vienna");
      g_assert_cmpint (test_client_count (client, "SELECT count(*) FROM office"), ==, 1);
      g_assert_cmpuint (conflicts->len, ==, 0);
    }
  g_assert_cmpint (lotse_test_server_query_int (fixture->server,
                                         "SELECT count(*) FROM rows WHERE tbl = 'office'"),
                   ==, 1);

  /* b exports the meeting in the zone set on a, organised by the office. */
  ics = lotse_ics_meeting_to_string (b->store, meeting, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (ics, "DTSTART;TZID=Europe/Vienna:20261208T100000"));
  g_assert_nonnull (strstr (ics, "ORGANIZER;CN=Projektbüro OWL:mailto:buero@owl.example"));
}

/* The server takes the office under its one id only. */
static void
test_second_office_refused (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autofree char *device = NULL;
  g_autofree char *token = lotse_test_server_login (fixture->server, "anna", "secret-anna", &device);
  g_autofree char *op = g_uuid_string_random ();
  g_autofree char *body = g_strdup_printf ("{\"device_id\":\"%s\",\"changes\":[{\"op_id\":\"%s\","
                                           "\"table\":\"office\",\"id\":\"%s\",\"base_rev\":0,"
                                           "\"deleted\":false,\"fields\":{\"time_zone\":\"Europe/Paris\"}}]}",
                                           device, op, "6f1c1e8e-4f2a-4b8e-9c2d-1a2b3c4d5e6f");
  g_autoptr(JsonNode) answer = NULL;
  guint status = 0;

  answer = lotse_test_server_request (fixture->server, "POST", "/v1/sync/push", token, body, &status);
  g_assert_cmpuint (status, ==, 400);
  g_assert_nonnull (answer);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (json_node_get_object (answer), "error"),
                                                  "code"),
                   ==, "invalid_value");
  g_assert_cmpint (lotse_test_server_query_int (fixture->server,
                                         "SELECT count(*) FROM rows WHERE tbl = 'office'"),
                   ==, 0);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/sync/office/two-laptops-one-office", Fixture, NULL, fixture_set_up,
              test_two_laptops_one_office, fixture_tear_down);
  g_test_add ("/sync/office/second-office-refused", Fixture, NULL, fixture_set_up,
              test_second_office_refused, fixture_tear_down);

  return g_test_run ();
}
