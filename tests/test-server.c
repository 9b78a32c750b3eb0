/* test-server.c: lotse-server over HTTP — login, push, merge, pull, history
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every test starts the real lotse-server binary on a loopback port with a
 * fresh data dir and talks to it with libsoup.
 */

#include "config.h"

#include <locale.h>
#include <string.h>

#include "lotse-test-server.h"

#define PROJECT_ID "0f0e0d0c-0b0a-4908-8706-050403020100"
#define OTHER_ID   "1f0e0d0c-0b0a-4908-8706-050403020100"

typedef struct
{
  LotseTestServer *server;
  char            *anna_token;
  char            *anna_device;
  char            *ben_token;
  char            *ben_device;
  char            *rita_token;
  char            *rita_device;
} Fixture;

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  fixture->server = lotse_test_server_new ();
  lotse_test_server_add_user (fixture->server, "anna", "editor", "anna-secret-1");
  lotse_test_server_add_user (fixture->server, "ben", "admin", "ben-secret-12");
  lotse_test_server_add_user (fixture->server, "rita", "reader", "rita-secret-1");
  lotse_test_server_start (fixture->server, NULL, NULL);

  fixture->anna_token = lotse_test_server_login (fixture->server, "anna", "anna-secret-1",
                                                 &fixture->anna_device);
  fixture->ben_token = lotse_test_server_login (fixture->server, "ben", "ben-secret-12",
                                                &fixture->ben_device);
  fixture->rita_token = lotse_test_server_login (fixture->server, "rita", "rita-secret-1",
                                                 &fixture->rita_device);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  g_assert_cmpint (lotse_test_server_stop (fixture->server), ==, 0);
  g_clear_pointer (&fixture->server, lotse_test_server_free);
  g_free (fixture->anna_token);
  g_free (fixture->anna_device);
  g_free (fixture->ben_token);
  g_free (fixture->ben_device);
  g_free (fixture->rita_token);
  g_free (fixture->rita_device);
}

/* Pushes one change and returns its result object (a new reference). */
static JsonObject *
push_one (Fixture    *fixture,
          const char *token,
          const char *device,
          const char *op_id,
          const char *table,
          const char *id,
          gint64      base_rev,
          gboolean    deleted,
          const char *fields)
{
  g_autofree char *body = NULL;
  g_autoptr(JsonNode) answer = NULL;
  JsonArray *results;
  guint status = 0;

  body = g_strdup_printf ("{\"device_id\":\"%s\",\"changes\":[{\"op_id\":\"%s\",\"table\":\"%s\","
                          "\"id\":\"%s\",\"base_rev\":%" G_GINT64_FORMAT ",\"deleted\":%s,"
                          "\"fields\":%s}]}",
                          device, op_id, table, id, base_rev, deleted ? "true" : "false", fields);
  answer = lotse_test_server_request (fixture->server, "POST", "/v1/sync/push", token, body, &status);
  g_assert_cmpuint (status, ==, 200);
  g_assert_nonnull (answer);

  results = json_object_get_array_member (json_node_get_object (answer), "results");
  g_assert_cmpuint (json_array_get_length (results), ==, 1);

  return json_object_ref (json_array_get_object_element (results, 0));
}

static char *
new_op (void)
{
  return lotse_new_uuid ();
}

static gint64
count_history (Fixture *fixture)
{
  return lotse_test_server_query_int (fixture->server,
                               "SELECT count(*) FROM history");
}

static const char *
row_field (JsonObject *state,
           const char *field)
{
  JsonObject *fields = json_object_get_object_member (state, "fields");

  if (json_object_get_null_member (fields, field))
    return NULL;
  return json_object_get_string_member (fields, field);
}

/* Inserts the project as anna (rev 1) and edits its title (rev 2). */
static void
insert_project (Fixture *fixture)
{
  g_autofree char *op = new_op ();
  g_autoptr(JsonObject) result = NULL;

  result = push_one (fixture, fixture->anna_token, fixture->anna_device, op, "project", PROJECT_ID,
                     0, FALSE, "{\"title\":\"OWL 4.0\",\"status\":\"running\",\"budget_cents\":120000}");
  g_assert_cmpstr (json_object_get_string_member (result, "status"), ==, "applied");
  g_assert_cmpint (json_object_get_int_member (result, "rev"), ==, 1);
}

static void
test_info (Fixture       *fixture,
           gconstpointer  data)
{
  g_autoptr(JsonNode) answer = NULL;
  JsonObject *object;
  guint status = 0;

  answer = lotse_test_server_request (fixture->server, "GET", "/v1/info", NULL, NULL, &status);
  g_assert_cmpuint (status, ==, 200);
  object = json_node_get_object (answer);
  g_assert_true (lotse_is_uuid (json_object_get_string_member (object, "server_id")));
  g_assert_cmpint (json_array_get_int_element (json_object_get_array_member (object, "protocol"), 0), ==, 1);
  g_assert_cmpint (json_object_get_int_member (object, "max_body"), >, 0);
  g_assert_cmpint (json_object_get_int_member (object, "max_batch"), >, 0);
}

static void
test_login (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(JsonNode) wrong = NULL;
  g_autoptr(JsonNode) unknown = NULL;
  g_autoptr(JsonNode) answer = NULL;
  g_autofree char *token_hash = NULL;
  g_autofree char *sql = NULL;
  guint status = 0;

  /* The token is 43 characters of base64url and stored only hashed. */
  g_assert_cmpuint (strlen (fixture->anna_token), ==, 43);
  g_assert_true (lotse_is_uuid (fixture->anna_device));
  token_hash = g_compute_checksum_for_string (G_CHECKSUM_SHA256, fixture->anna_token, -1);
  sql = g_strdup_printf ("SELECT count(*) FROM devices WHERE token_hash = '%s' AND id = '%s'",
                         token_hash, fixture->anna_device);
  g_assert_cmpint (lotse_test_server_query_int (fixture->server, sql), ==, 1);
  g_assert_cmpint (lotse_test_server_query_int (fixture->server,
                                         "SELECT count(*) FROM accounts WHERE password_hash LIKE '$y$%'"),
                   ==, 3);

  wrong = lotse_test_server_request (fixture->server, "POST", "/v1/auth/login", NULL,
                                     "{\"user\":\"anna\",\"password\":\"wrong-password\"}", &status);
  g_assert_cmpuint (status, ==, 401);
  unknown = lotse_test_server_request (fixture->server, "POST", "/v1/auth/login", NULL,
                                       "{\"user\":\"nobody\",\"password\":\"wrong-password\"}", &status);
  g_assert_cmpuint (status, ==, 401);
  /* Same answer for both, so names cannot be probed. */
  g_assert_true (json_node_equal (wrong, unknown));
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (json_node_get_object (wrong), "error"), "code"),
                   ==, "bad_credentials");

  /* A token works until it is logged out. */
  answer = lotse_test_server_request (fixture->server, "GET", "/v1/sync/pull", fixture->anna_token, NULL, &status);
  g_assert_cmpuint (status, ==, 200);
  g_clear_pointer (&answer, json_node_unref);
  answer = lotse_test_server_request (fixture->server, "POST", "/v1/auth/logout", fixture->anna_token, "{}", &status);
  g_assert_cmpuint (status, ==, 200);
  g_clear_pointer (&answer, json_node_unref);
  answer = lotse_test_server_request (fixture->server, "GET", "/v1/sync/pull", fixture->anna_token, NULL, &status);
  g_assert_cmpuint (status, ==, 401);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (json_node_get_object (answer), "error"), "code"),
                   ==, "unauthorized");
}

static void
test_push_pull_history (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autofree char *op = new_op ();
  g_autoptr(JsonObject) result = NULL;
  g_autoptr(JsonObject) again = NULL;
  g_autoptr(JsonNode) pull = NULL;
  g_autoptr(JsonNode) history = NULL;
  JsonObject *row;
  JsonArray *rows;
  JsonArray *revisions;
  guint status = 0;

  result = push_one (fixture, fixture->anna_token, fixture->anna_device, op, "project", PROJECT_ID,
                     0, FALSE, "{\"title\":\"OWL 4.0\",\"status\":\"running\",\"budget_cents\":120000}");
  g_assert_cmpstr (json_object_get_string_member (result, "status"), ==, "applied");
  g_assert_cmpint (json_object_get_int_member (result, "rev"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (result, "seq"), ==, 1);

  /* The same op_id again: the stored result, nothing applied. */
  again = push_one (fixture, fixture->anna_token, fixture->anna_device, op, "project", PROJECT_ID,
                    0, FALSE, "{\"title\":\"Something else\"}");
  g_assert_cmpint (json_object_get_int_member (again, "seq"), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (again, "status"), ==, "applied");
  g_assert_cmpint (json_object_get_int_member (again, "rev"), ==, 1);
  g_assert_cmpint (count_history (fixture), ==, 1);

  pull = lotse_test_server_request (fixture->server, "GET", "/v1/sync/pull", fixture->rita_token, NULL, &status);
  g_assert_cmpuint (status, ==, 200);
  rows = json_object_get_array_member (json_node_get_object (pull), "rows");
  g_assert_cmpuint (json_array_get_length (rows), ==, 1);
  row = json_array_get_object_element (rows, 0);
  g_assert_cmpstr (json_object_get_string_member (row, "table"), ==, "project");
  g_assert_cmpstr (json_object_get_string_member (row, "id"), ==, PROJECT_ID);
  g_assert_cmpint (json_object_get_int_member (row, "rev"), ==, 1);
  g_assert_false (json_object_get_boolean_member (row, "deleted"));
  g_assert_cmpstr (row_field (row, "title"), ==, "OWL 4.0");
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (row, "fields"), "budget_cents"), ==, 120000);
  g_assert_null (row_field (row, "acronym"));
  g_assert_false (json_object_get_boolean_member (json_node_get_object (pull), "more"));
  g_assert_true (g_str_has_suffix (json_object_get_string_member (json_node_get_object (pull), "next_cursor"), ":1"));

  history = lotse_test_server_request (fixture->server, "GET", "/v1/items/project/" PROJECT_ID "/history",
                                       fixture->rita_token, NULL, &status);
  g_assert_cmpuint (status, ==, 200);
  revisions = json_object_get_array_member (json_node_get_object (history), "revisions");
  g_assert_cmpuint (json_array_get_length (revisions), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (revisions, 0), "user"), ==, "anna");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (revisions, 0), "device_id"),
                   ==, fixture->anna_device);
  g_clear_pointer (&history, json_node_unref);

  history = lotse_test_server_request (fixture->server, "GET", "/v1/items/project/" OTHER_ID "/history",
                                       fixture->rita_token, NULL, &status);
  g_assert_cmpuint (status, ==, 404);
}

static void
test_apply_current (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autofree char *op1 = new_op ();
  g_autofree char *op2 = new_op ();
  g_autoptr(JsonObject) result = NULL;
  g_autoptr(JsonObject) same = NULL;

  insert_project (fixture);

  result = push_one (fixture, fixture->ben_token, fixture->ben_device, op1, "project", PROJECT_ID,
                     1, FALSE, "{\"title\":\"OWL 4.0 – Digitale Region\"}");
  g_assert_cmpstr (json_object_get_string_member (result, "status"), ==, "applied");
  g_assert_cmpint (json_object_get_int_member (result, "rev"), ==, 2);
  g_assert_cmpint (json_object_get_int_member (result, "seq"), ==, 2);

  /* A change equal to the server row: applied, no new revision. */
  same = push_one (fixture, fixture->ben_token, fixture->ben_device, op2, "project", PROJECT_ID,
                   2, FALSE, "{\"title\":\"OWL 4.0 – Digitale Region\"}");
  g_assert_cmpstr (json_object_get_string_member (same, "status"), ==, "applied");
  g_assert_cmpint (json_object_get_int_member (same, "rev"), ==, 2);
  g_assert_cmpint (count_history (fixture), ==, 2);
}

static void
test_merge (Fixture       *fixture,
            gconstpointer  data)
{
  g_autofree char *op1 = new_op ();
  g_autofree char *op2 = new_op ();
  g_autofree char *op3 = new_op ();
  g_autoptr(JsonObject) first = NULL;
  g_autoptr(JsonObject) merged = NULL;
  g_autoptr(JsonObject) equal = NULL;
  JsonObject *row;

  insert_project (fixture);

  first = push_one (fixture, fixture->anna_token, fixture->anna_device, op1, "project", PROJECT_ID,
                    1, FALSE, "{\"title\":\"OWL 4.0 neu\"}");
  g_assert_cmpstr (json_object_get_string_member (first, "status"), ==, "applied");

  /* Ben still has rev 1 and changes another field: merged. */
  merged = push_one (fixture, fixture->ben_token, fixture->ben_device, op2, "project", PROJECT_ID,
                     1, FALSE, "{\"status\":\"paused\",\"health\":\"yellow\"}");
  g_assert_cmpstr (json_object_get_string_member (merged, "status"), ==, "merged");
  g_assert_cmpint (json_object_get_int_member (merged, "rev"), ==, 3);
  row = json_object_get_object_member (merged, "row");
  g_assert_cmpint (json_object_get_int_member (row, "rev"), ==, 3);
  g_assert_cmpstr (row_field (row, "title"), ==, "OWL 4.0 neu");
  g_assert_cmpstr (row_field (row, "status"), ==, "paused");
  g_assert_cmpstr (row_field (row, "health"), ==, "yellow");
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (row, "fields"), "budget_cents"), ==, 120000);

  /* An old base whose only change equals the server: applied, no revision. */
  equal = push_one (fixture, fixture->ben_token, fixture->ben_device, op3, "project", PROJECT_ID,
                    1, FALSE, "{\"title\":\"OWL 4.0 neu\"}");
  g_assert_cmpstr (json_object_get_string_member (equal, "status"), ==, "applied");
  g_assert_cmpint (json_object_get_int_member (equal, "rev"), ==, 3);
  g_assert_cmpint (count_history (fixture), ==, 3);
}

static void
test_conflict (Fixture       *fixture,
               gconstpointer  data)
{
  g_autofree char *op1 = new_op ();
  g_autofree char *op2 = new_op ();
  g_autoptr(JsonObject) first = NULL;
  g_autoptr(JsonObject) conflict = NULL;
  JsonArray *fields;
  JsonObject *server;
  JsonObject *base;

  insert_project (fixture);
  first = push_one (fixture, fixture->anna_token, fixture->anna_device, op1, "project", PROJECT_ID,
                    1, FALSE, "{\"title\":\"Anna's title\"}");
  g_assert_cmpstr (json_object_get_string_member (first, "status"), ==, "applied");

  /* Ben changes the same field differently and another one: nothing of
   * his change is applied. */
  conflict = push_one (fixture, fixture->ben_token, fixture->ben_device, op2, "project", PROJECT_ID,
                       1, FALSE, "{\"title\":\"Ben's title\",\"acronym\":\"OWL\"}");
  g_assert_cmpstr (json_object_get_string_member (conflict, "status"), ==, "conflict");
  fields = json_object_get_array_member (conflict, "fields");
  g_assert_cmpuint (json_array_get_length (fields), ==, 1);
  g_assert_cmpstr (json_array_get_string_element (fields, 0), ==, "title");
  server = json_object_get_object_member (conflict, "server");
  g_assert_cmpint (json_object_get_int_member (server, "rev"), ==, 2);
  g_assert_cmpstr (row_field (server, "title"), ==, "Anna's title");
  g_assert_null (row_field (server, "acronym"));
  base = json_object_get_object_member (conflict, "base");
  g_assert_cmpint (json_object_get_int_member (base, "rev"), ==, 1);
  g_assert_cmpstr (row_field (base, "title"), ==, "OWL 4.0");
  g_assert_cmpint (count_history (fixture), ==, 2);
  g_assert_cmpint (lotse_test_server_query_int (fixture->server,
                                         "SELECT count(*) FROM rows WHERE fields LIKE '%OWL\"%'"), ==, 0);
}

/* Two edits of the same field made offline on one device travel with the
 * same base_rev; the second follows the first instead of conflicting with
 * it. An edit by another device in between still conflicts. */
static void
test_same_device_sequence (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autofree char *body = NULL;
  g_autofree char *op1 = new_op ();
  g_autofree char *op2 = new_op ();
  g_autofree char *op3 = new_op ();
  g_autofree char *op4 = new_op ();
  g_autoptr(JsonNode) answer = NULL;
  g_autoptr(JsonObject) ben = NULL;
  g_autoptr(JsonObject) anna_again = NULL;
  JsonArray *results;
  JsonObject *second;
  guint status = 0;

  insert_project (fixture);

  body = g_strdup_printf ("{\"device_id\":\"%s\",\"changes\":["
                          "{\"op_id\":\"%s\",\"table\":\"project\",\"id\":\"" PROJECT_ID "\",\"base_rev\":1,"
                          "\"deleted\":false,\"fields\":{\"title\":\"OWL 4.0 – Entwurf\"}},"
                          "{\"op_id\":\"%s\",\"table\":\"project\",\"id\":\"" PROJECT_ID "\",\"base_rev\":1,"
                          "\"deleted\":false,\"fields\":{\"title\":\"OWL 4.0 – Digitale Region\"}}]}",
                          fixture->anna_device, op1, op2);
  answer = lotse_test_server_request (fixture->server, "POST", "/v1/sync/push", fixture->anna_token, body, &status);
  g_assert_cmpuint (status, ==, 200);
  results = json_object_get_array_member (json_node_get_object (answer), "results");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (results, 0), "status"), ==, "applied");
  second = json_array_get_object_element (results, 1);
  g_assert_cmpstr (json_object_get_string_member (second, "status"), ==, "merged");
  g_assert_cmpint (json_object_get_int_member (second, "rev"), ==, 3);
  g_assert_cmpstr (row_field (json_object_get_object_member (second, "row"), "title"), ==, "OWL 4.0 – Digitale Region");

  /* Ben, still on rev 1, changes the title: Anna's edits conflict with his. */
  ben = push_one (fixture, fixture->ben_token, fixture->ben_device, op3, "project", PROJECT_ID,
                  1, FALSE, "{\"title\":\"OWL Vier Null\"}");
  g_assert_cmpstr (json_object_get_string_member (ben, "status"), ==, "conflict");

  /* And Anna, again from rev 1, conflicts with nothing of her own. */
  anna_again = push_one (fixture, fixture->anna_token, fixture->anna_device, op4, "project", PROJECT_ID,
                         1, FALSE, "{\"title\":\"OWL 4.0\",\"acronym\":\"OWL\"}");
  g_assert_cmpstr (json_object_get_string_member (anna_again, "status"), ==, "merged");
  g_assert_cmpstr (row_field (json_object_get_object_member (anna_again, "row"), "title"), ==, "OWL 4.0");
  g_assert_cmpint (count_history (fixture), ==, 4);
}

static void
test_edit_vs_delete (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autofree char *op1 = new_op ();
  g_autofree char *op2 = new_op ();
  g_autofree char *op3 = new_op ();
  g_autofree char *op4 = new_op ();
  g_autofree char *op5 = new_op ();
  g_autoptr(JsonObject) deleted = NULL;
  g_autoptr(JsonObject) edit = NULL;
  g_autoptr(JsonObject) edited = NULL;
  g_autoptr(JsonObject) delete_late = NULL;
  g_autoptr(JsonObject) both = NULL;
  JsonObject *server;

  insert_project (fixture);

  /* Anna deletes; Ben edits rev 1: conflict, the server row stays deleted. */
  deleted = push_one (fixture, fixture->anna_token, fixture->anna_device, op1, "project", PROJECT_ID,
                      1, TRUE, "{}");
  g_assert_cmpstr (json_object_get_string_member (deleted, "status"), ==, "applied");
  g_assert_cmpint (json_object_get_int_member (deleted, "rev"), ==, 2);
  edit = push_one (fixture, fixture->ben_token, fixture->ben_device, op2, "project", PROJECT_ID,
                   1, FALSE, "{\"summary\":\"Neue Zusammenfassung\"}");
  g_assert_cmpstr (json_object_get_string_member (edit, "status"), ==, "conflict");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (edit, "fields")), ==, 0);
  server = json_object_get_object_member (edit, "server");
  g_assert_true (json_object_get_boolean_member (server, "deleted"));
  g_assert_false (json_object_get_boolean_member (json_object_get_object_member (edit, "base"), "deleted"));

  /* Another delete of the deleted row is no change. */
  both = push_one (fixture, fixture->ben_token, fixture->ben_device, op5, "project", PROJECT_ID,
                   1, TRUE, "{}");
  g_assert_cmpstr (json_object_get_string_member (both, "status"), ==, "applied");
  g_assert_cmpint (json_object_get_int_member (both, "rev"), ==, 2);

  /* The other order: Ben edits another row first, Anna deletes rev 1. */
  {
    g_autofree char *op = new_op ();
    g_autoptr(JsonObject) inserted = push_one (fixture, fixture->anna_token, fixture->anna_device, op,
                                               "milestone", OTHER_ID, 0, FALSE,
                                               "{\"project_id\":\"" PROJECT_ID "\",\"title\":\"Kick-off\",\"status\":\"open\"}");
    g_assert_cmpstr (json_object_get_string_member (inserted, "status"), ==, "applied");
  }
  edited = push_one (fixture, fixture->ben_token, fixture->ben_device, op3, "milestone", OTHER_ID,
                     1, FALSE, "{\"status\":\"done\"}");
  g_assert_cmpstr (json_object_get_string_member (edited, "status"), ==, "applied");
  delete_late = push_one (fixture, fixture->anna_token, fixture->anna_device, op4, "milestone", OTHER_ID,
                          1, TRUE, "{}");
  g_assert_cmpstr (json_object_get_string_member (delete_late, "status"), ==, "conflict");
  server = json_object_get_object_member (delete_late, "server");
  g_assert_false (json_object_get_boolean_member (server, "deleted"));
  g_assert_cmpstr (row_field (server, "status"), ==, "done");
  g_assert_cmpint (lotse_test_server_query_int (fixture->server,
                                         "SELECT deleted FROM rows WHERE id = '" OTHER_ID "'"), ==, 0);
}

static void
test_rejected (Fixture       *fixture,
               gconstpointer  data)
{
  g_autofree char *op1 = new_op ();
  g_autoptr(JsonObject) ahead = NULL;
  g_autoptr(JsonObject) taken = NULL;
  g_autoptr(JsonObject) missing = NULL;
  g_autofree char *op3 = new_op ();

  insert_project (fixture);

  ahead = push_one (fixture, fixture->anna_token, fixture->anna_device, op1, "project", PROJECT_ID,
                    7, FALSE, "{\"title\":\"x\"}");
  g_assert_cmpstr (json_object_get_string_member (ahead, "status"), ==, "rejected");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (ahead, "error"), "code"),
                   ==, "base_rev_ahead");

  /* Ben may not reuse Anna's op_id. */
  taken = push_one (fixture, fixture->ben_token, fixture->ben_device, op1, "project", PROJECT_ID,
                    1, FALSE, "{\"title\":\"y\"}");
  g_assert_cmpstr (json_object_get_string_member (taken, "status"), ==, "rejected");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (taken, "error"), "code"),
                   ==, "op_id_taken");

  /* An insert without a required field. */
  missing = push_one (fixture, fixture->anna_token, fixture->anna_device, op3, "milestone", OTHER_ID,
                      0, FALSE, "{\"title\":\"Ohne Projekt\"}");
  g_assert_cmpstr (json_object_get_string_member (missing, "status"), ==, "rejected");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (missing, "error"), "field"),
                   ==, "project_id");

  g_assert_cmpint (count_history (fixture), ==, 1);
}

static void
test_reader (Fixture       *fixture,
             gconstpointer  data)
{
  g_autofree char *body = NULL;
  g_autoptr(JsonNode) answer = NULL;
  guint status = 0;

  body = g_strdup_printf ("{\"device_id\":\"%s\",\"changes\":[{\"op_id\":\"%s\",\"table\":\"tag\","
                          "\"id\":\"%s\",\"base_rev\":0,\"deleted\":false,\"fields\":{\"name\":\"x\"}}]}",
                          fixture->rita_device, OTHER_ID, PROJECT_ID);
  answer = lotse_test_server_request (fixture->server, "POST", "/v1/sync/push", fixture->rita_token,
                                      body, &status);
  g_assert_cmpuint (status, ==, 403);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (json_node_get_object (answer), "error"), "code"),
                   ==, "read_only");
  g_assert_cmpint (count_history (fixture), ==, 0);
}

static JsonNode *
pull_page (Fixture    *fixture,
           const char *cursor,
           guint       limit,
           guint      *status)
{
  g_autofree char *path = NULL;

  if (cursor != NULL)
    path = g_strdup_printf ("/v1/sync/pull?cursor=%s&limit=%u", cursor, limit);
  else
    path = g_strdup_printf ("/v1/sync/pull?limit=%u", limit);

  return lotse_test_server_request (fixture->server, "GET", path, fixture->anna_token, NULL, status);
}

static void
test_pull_paging (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *cursor = NULL;
  g_autofree char *op = new_op ();
  g_autoptr(JsonObject) update = NULL;
  gint64 last_seq = 0;
  guint pages = 0;
  gboolean more = TRUE;

  for (guint i = 0; i < 5; i++)
    {
      g_autofree char *op_i = new_op ();
      g_autofree char *fields = g_strdup_printf ("{\"name\":\"Tag %u\"}", i);
      g_autoptr(JsonObject) result = NULL;
      char *id = lotse_new_uuid ();

      g_ptr_array_add (ids, id);
      result = push_one (fixture, fixture->anna_token, fixture->anna_device, op_i, "tag", id, 0, FALSE, fields);
      g_assert_cmpstr (json_object_get_string_member (result, "status"), ==, "applied");
    }
  /* Tag 0 changes again: it is sent once, at its new seq. */
  update = push_one (fixture, fixture->anna_token, fixture->anna_device, op, "tag",
                     g_ptr_array_index (ids, 0), 1, FALSE, "{\"name\":\"Tag 0 neu\"}");
  g_assert_cmpint (json_object_get_int_member (update, "seq"), ==, 6);

  while (more)
    {
      g_autoptr(JsonNode) page = NULL;
      JsonObject *object;
      JsonArray *rows;
      guint status = 0;

      page = pull_page (fixture, cursor, 2, &status);
      g_assert_cmpuint (status, ==, 200);
      object = json_node_get_object (page);
      rows = json_object_get_array_member (object, "rows");
      g_assert_cmpuint (json_array_get_length (rows), <=, 2);
      for (guint i = 0; i < json_array_get_length (rows); i++)
        {
          JsonObject *row = json_array_get_object_element (rows, i);
          gint64 seq = json_object_get_int_member (row, "seq");

          g_assert_cmpint (seq, >, last_seq);
          last_seq = seq;
          g_assert_true (g_hash_table_add (seen, g_strdup (json_object_get_string_member (row, "id"))));
          if (seq == 6)
            g_assert_cmpstr (row_field (row, "name"), ==, "Tag 0 neu");
        }
      more = json_object_get_boolean_member (object, "more");
      g_free (cursor);
      cursor = g_strdup (json_object_get_string_member (object, "next_cursor"));
      pages++;
      g_assert_cmpuint (pages, <=, 4);
    }

  g_assert_cmpuint (g_hash_table_size (seen), ==, 5);
  g_assert_cmpint (last_seq, ==, 6);
  g_assert_true (g_str_has_suffix (cursor, ":6"));

  /* Nothing new: an empty page with the same cursor. */
  {
    g_autoptr(JsonNode) page = NULL;
    guint status = 0;

    page = pull_page (fixture, cursor, 2, &status);
    g_assert_cmpuint (status, ==, 200);
    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (json_node_get_object (page), "rows")), ==, 0);
    g_assert_cmpstr (json_object_get_string_member (json_node_get_object (page), "next_cursor"), ==, cursor);
  }
}

static void
test_pull_cursors (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(JsonNode) info = NULL;
  const char *server_id;
  guint status = 0;
  struct {
    const char *query;
    guint       status;
    const char *code;
  } cases[] = {
    { "cursor=garbage", 400, "bad_cursor" },
    { "cursor=%3A5", 400, "bad_cursor" },
    { "cursor=00000000-0000-4000-8000-000000000000%3A0", 410, "resync_required" },
    { "limit=0", 400, "bad_limit" },
    { "limit=1001", 400, "bad_limit" },
    { "limit=abc", 400, "bad_limit" },
  };

  insert_project (fixture);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/v1/sync/pull?%s", cases[i].query);
      g_autoptr(JsonNode) answer = NULL;

      answer = lotse_test_server_request (fixture->server, "GET", path, fixture->anna_token, NULL, &status);
      g_assert_cmpuint (status, ==, cases[i].status);
      g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (json_node_get_object (answer), "error"), "code"),
                       ==, cases[i].code);
    }

  info = lotse_test_server_request (fixture->server, "GET", "/v1/info", NULL, NULL, &status);
  server_id = json_object_get_string_member (json_node_get_object (info), "server_id");

  /* A cursor of this server beyond its newest seq: from another life. */
  {
    g_autofree char *path = g_strdup_printf ("/v1/sync/pull?cursor=%s%%3A99", server_id);
    g_autoptr(JsonNode) answer = NULL;

    answer = lotse_test_server_request (fixture->server, "GET", path, fixture->anna_token, NULL, &status);
    g_assert_cmpuint (status, ==, 410);
  }
  {
    g_autofree char *path = g_strdup_printf ("/v1/sync/pull?cursor=%s%%3A1", server_id);
    g_autoptr(JsonNode) answer = NULL;

    answer = lotse_test_server_request (fixture->server, "GET", path, fixture->anna_token, NULL, &status);
    g_assert_cmpuint (status, ==, 200);
    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (json_node_get_object (answer), "rows")), ==, 0);
  }
}

static void
test_paths (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(JsonNode) unknown = NULL;
  g_autoptr(JsonNode) method = NULL;
  guint status = 0;

  unknown = lotse_test_server_request (fixture->server, "GET", "/v2/nothing", NULL, NULL, &status);
  g_assert_cmpuint (status, ==, 404);
  g_assert_nonnull (unknown);
  method = lotse_test_server_request (fixture->server, "GET", "/v1/sync/push", fixture->anna_token, NULL, &status);
  g_assert_cmpuint (status, ==, 405);
}

static void
test_admin (void)
{
  g_autoptr(LotseTestServer) server = lotse_test_server_new ();
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  int status;

  lotse_test_server_add_user (server, "anna", "editor", "anna-secret-1");

  status = lotse_test_server_admin (server, "short\n", NULL, &err, "user", "add", "bob", "--role", "editor", NULL);
  g_assert_cmpint (status, ==, 1);
  g_assert_nonnull (strstr (err, "at least"));
  g_clear_pointer (&err, g_free);

  status = lotse_test_server_admin (server, "long-enough\n", NULL, &err, "user", "add", "bob", "--role", "boss", NULL);
  g_assert_cmpint (status, ==, 2);
  g_clear_pointer (&err, g_free);

  status = lotse_test_server_admin (server, "long-enough\n", NULL, &err, "user", "add", "anna", "--role", "reader", NULL);
  g_assert_cmpint (status, ==, 1);
  g_clear_pointer (&err, g_free);

  status = lotse_test_server_admin (server, NULL, &out, &err, "user", "list", NULL);
  g_assert_cmpint (status, ==, 0);
  g_assert_nonnull (strstr (out, "anna"));
  g_assert_nonnull (strstr (out, "editor"));
  g_assert_null (strstr (out, "bob"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  status = lotse_test_server_admin (server, NULL, &out, &err, "user", "remove", "nobody", NULL);
  g_assert_cmpint (status, ==, 1);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  status = lotse_test_server_admin (server, NULL, &out, &err, "user", "remove", "anna", NULL);
  g_assert_cmpint (status, ==, 0);
  g_assert_cmpint (lotse_test_server_query_int (server, "SELECT count(*) FROM accounts"), ==, 0);
}

static void
test_revoke (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(JsonNode) answer = NULL;
  g_autofree char *out = NULL;
  guint status = 0;
  int exit_status;

  /* Revoke by device: only that device. */
  exit_status = lotse_test_server_admin (fixture->server, NULL, &out, NULL,
                                         "token", "revoke", "--device", fixture->anna_device, NULL);
  g_assert_cmpint (exit_status, ==, 0);
  answer = lotse_test_server_request (fixture->server, "GET", "/v1/sync/pull", fixture->anna_token, NULL, &status);
  g_assert_cmpuint (status, ==, 401);
  g_clear_pointer (&answer, json_node_unref);
  answer = lotse_test_server_request (fixture->server, "GET", "/v1/sync/pull", fixture->ben_token, NULL, &status);
  g_assert_cmpuint (status, ==, 200);
  g_clear_pointer (&answer, json_node_unref);

  /* By user name, and removing a user kills their tokens too. */
  exit_status = lotse_test_server_admin (fixture->server, NULL, NULL, NULL, "token", "revoke", "ben", NULL);
  g_assert_cmpint (exit_status, ==, 0);
  answer = lotse_test_server_request (fixture->server, "GET", "/v1/sync/pull", fixture->ben_token, NULL, &status);
  g_assert_cmpuint (status, ==, 401);
  g_clear_pointer (&answer, json_node_unref);

  exit_status = lotse_test_server_admin (fixture->server, NULL, NULL, NULL, "user", "remove", "rita", NULL);
  g_assert_cmpint (exit_status, ==, 0);
  answer = lotse_test_server_request (fixture->server, "GET", "/v1/sync/pull", fixture->rita_token, NULL, &status);
  g_assert_cmpuint (status, ==, 401);
}

/* Administrators read German when their locale is German; the wire stays
 * English. */
static void
test_admin_german (void)
{
  g_autoptr(LotseTestServer) server = lotse_test_server_new ();
  g_autofree char *localedir = g_build_filename (g_getenv ("G_TEST_BUILDDIR"), "..", "po", NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(JsonNode) answer = NULL;
  guint status = 0;

  if (setlocale (LC_ALL, "de_DE.UTF-8") == NULL)
    {
      g_test_skip ("the de_DE.UTF-8 locale is not installed");
      return;
    }
  setlocale (LC_ALL, "C.UTF-8");

  g_setenv ("LOTSE_LOCALEDIR", localedir, TRUE);
  g_setenv ("LC_ALL", "de_DE.UTF-8", TRUE);
  g_setenv ("LANGUAGE", "de", TRUE);

  g_assert_cmpint (lotse_test_server_admin (server, NULL, &out, NULL, "user", "list", NULL), ==, 0);
  g_assert_cmpstr (out, ==, "Es gibt noch keine Benutzer.\n");
  g_assert_cmpint (lotse_test_server_admin (server, "kurz\n", NULL, &err,
                                            "user", "add", "anna", "--role", "editor", NULL), ==, 1);
  g_assert_nonnull (strstr (err, "mindestens 8 Zeichen"));
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (lotse_test_server_admin (server, "lang-genug\n", &out, NULL,
                                            "user", "add", "anna", "--role", "editor", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "Benutzer „anna“"));

  lotse_test_server_start (server, NULL, NULL);
  answer = lotse_test_server_request (server, "POST", "/v1/auth/login", NULL,
                                      "{\"user\":\"anna\",\"password\":\"falsch-falsch\"}", &status);
  g_assert_cmpuint (status, ==, 401);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (json_node_get_object (answer), "error"), "message"),
                   ==, "Wrong user name or password");
  g_assert_cmpint (lotse_test_server_stop (server), ==, 0);

  g_unsetenv ("LOTSE_LOCALEDIR");
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  g_unsetenv ("LANGUAGE");
}

static void
test_new_server_id (void)
{
  g_autoptr(LotseTestServer) server = lotse_test_server_new ();
  g_autoptr(JsonNode) before = NULL;
  g_autoptr(JsonNode) after = NULL;
  g_autoptr(JsonNode) pull = NULL;
  g_autofree char *token = NULL;
  g_autofree char *path = NULL;
  g_autofree char *out = NULL;
  const char *old_id;
  guint status = 0;

  lotse_test_server_add_user (server, "anna", "editor", "anna-secret-1");
  lotse_test_server_start (server, NULL, NULL);
  token = lotse_test_server_login (server, "anna", "anna-secret-1", NULL);
  before = lotse_test_server_request (server, "GET", "/v1/info", NULL, NULL, &status);
  old_id = json_object_get_string_member (json_node_get_object (before), "server_id");
  g_assert_cmpint (lotse_test_server_stop (server), ==, 0);

  /* As after restoring a backup. */
  g_assert_cmpint (lotse_test_server_admin (server, NULL, &out, NULL, "server", "new-id", NULL), ==, 0);
  lotse_test_server_start (server, NULL, NULL);
  after = lotse_test_server_request (server, "GET", "/v1/info", NULL, NULL, &status);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (after), "server_id"), !=, old_id);
  g_assert_nonnull (strstr (out, json_object_get_string_member (json_node_get_object (after), "server_id")));

  /* The old cursor is foreign now; the token still works. */
  path = g_strdup_printf ("/v1/sync/pull?cursor=%s%%3A0", old_id);
  pull = lotse_test_server_request (server, "GET", path, token, NULL, &status);
  g_assert_cmpuint (status, ==, 410);
  g_assert_cmpint (lotse_test_server_stop (server), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)

  ADD ("/server/info", test_info);
  ADD ("/server/login", test_login);
  ADD ("/server/push-pull-history", test_push_pull_history);
  ADD ("/server/apply-current", test_apply_current);
  ADD ("/server/merge", test_merge);
  ADD ("/server/conflict", test_conflict);
  ADD ("/server/same-device-sequence", test_same_device_sequence);
  ADD ("/server/edit-vs-delete", test_edit_vs_delete);
  ADD ("/server/rejected", test_rejected);
  ADD ("/server/reader", test_reader);
  ADD ("/server/pull-paging", test_pull_paging);
  ADD ("/server/pull-cursors", test_pull_cursors);
  ADD ("/server/paths", test_paths);
  ADD ("/server/revoke", test_revoke);
  g_test_add_func ("/server/admin", test_admin);
  g_test_add_func ("/server/new-server-id", test_new_server_id);
  g_test_add_func ("/server/admin-german", test_admin_german);

  return g_test_run ();
}
