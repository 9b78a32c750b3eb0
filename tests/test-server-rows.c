/* test-server-rows.c: lotse-server stores only rows a client can edit
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Hand-written push bodies against the real server: a required title of
 * white space only, references to rows the server never had (and the
 * rules for rows of the same push and for tombstones), date ranges that
 * run backwards, also when they only arise from a merge. What the server
 * refused is checked in its database: nothing of it is stored.
 */

#include "config.h"

#include <string.h>

#include "lotse-test-server.h"

#define PROJECT_ID "0f0e0d0c-0b0a-4908-8706-050403020100"
#define ORG_ID     "2f0e0d0c-0b0a-4908-8706-050403020100"
#define LATER_ID   "3f0e0d0c-0b0a-4908-8706-050403020100"
#define NEVER_ID   "4f0e0d0c-0b0a-4908-8706-050403020100"

typedef struct
{
  LotseTestServer *server;
  char            *anna_token;
  char            *anna_device;
  char            *ben_token;
  char            *ben_device;
} Fixture;

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  fixture->server = lotse_test_server_new ();
  lotse_test_server_add_user (fixture->server, "anna", "editor", "anna-secret-1");
  lotse_test_server_add_user (fixture->server, "ben", "editor", "ben-secret-12");
  lotse_test_server_start (fixture->server, NULL, NULL);
  fixture->anna_token = lotse_test_server_login (fixture->server, "anna", "anna-secret-1",
                                                 &fixture->anna_device);
  fixture->ben_token = lotse_test_server_login (fixture->server, "ben", "ben-secret-12",
                                                &fixture->ben_device);
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
}

/* One change of a push body. */
static char *
change (const char *table,
        const char *id,
        gint64      base_rev,
        gboolean    deleted,
        const char *fields)
{
  g_autofree char *op_id = lotse_new_uuid ();

  return g_strdup_printf ("{\"op_id\":\"%s\",\"table\":\"%s\",\"id\":\"%s\",\"base_rev\":%" G_GINT64_FORMAT
                          ",\"deleted\":%s,\"fields\":%s}",
                          op_id, table, id, base_rev, deleted ? "true" : "false", fields);
}

/* Pushes the changes (NULL-terminated, taken) as anna or ben and returns
 * the answer; *status gets the HTTP status. */
static JsonNode *
push (Fixture  *fixture,
      gboolean  as_ben,
      guint    *status,
      ...)
{
  g_autoptr(GString) body = g_string_new (NULL);
  va_list ap;
  char *item;

  g_string_printf (body, "{\"device_id\":\"%s\",\"changes\":[",
                   as_ben ? fixture->ben_device : fixture->anna_device);
  va_start (ap, status);
  for (guint i = 0; (item = va_arg (ap, char *)) != NULL; i++)
    {
      g_string_append_printf (body, "%s%s", i > 0 ? "," : "", item);
      g_free (item);
    }
  va_end (ap);
  g_string_append (body, "]}");

  return lotse_test_server_request (fixture->server, "POST", "/v1/sync/push",
                                    as_ben ? fixture->ben_token : fixture->anna_token, body->str, status);
}

static JsonObject *
result_at (JsonNode *answer,
           guint     index)
{
  return json_array_get_object_element (json_object_get_array_member (json_node_get_object (answer), "results"),
                                        index);
}

static void
assert_result (JsonNode   *answer,
               guint       index,
               const char *status,
               const char *code,
               const char *field)
{
  JsonObject *result = result_at (answer, index);
  JsonObject *error;

  g_assert_cmpstr (json_object_get_string_member (result, "status"), ==, status);
  if (code == NULL)
    return;

  error = json_object_get_object_member (result, "error");
  g_assert_cmpstr (json_object_get_string_member (error, "code"), ==, code);
  g_assert_cmpstr (json_object_get_string_member (error, "field"), ==, field);
}

static void
assert_refused (JsonNode   *answer,
                const char *code,
                const char *field,
                gint64      index)
{
  JsonObject *error = json_object_get_object_member (json_node_get_object (answer), "error");

  g_assert_cmpstr (json_object_get_string_member (error, "code"), ==, code);
  g_assert_cmpstr (json_object_get_string_member (error, "field"), ==, field);
  g_assert_cmpint (json_object_get_int_member (error, "index"), ==, index);
}

static gint64
server_int (Fixture    *fixture,
            const char *sql)
{
  return lotse_test_server_query_int (fixture->server, sql);
}

static char *
server_text (Fixture    *fixture,
             const char *sql)
{
  return lotse_test_server_query_text (fixture->server, sql);
}

static void
insert_project (Fixture *fixture)
{
  g_autoptr(JsonNode) answer = NULL;
  guint status = 0;

  answer = push (fixture, FALSE, &status,
                 change ("project", PROJECT_ID, 0, FALSE,
                         "{\"title\":\"OWL 4.0\",\"start_date\":\"2025-01-01\",\"end_date\":\"2025-12-31\"}"),
                 NULL);
  g_assert_cmpuint (status, ==, 200);
  assert_result (answer, 0, "applied", NULL, NULL);
}

/* White space is as empty as "" for a required field, in an insert and in
 * an edit; the whole push is refused and names the change. */
static void
test_blank_title (Fixture       *fixture,
                  gconstpointer  data)
{
  static const char * const blanks[] = { "   ", "\\t\\n", "\\u00a0\\u2003", " \\r\\n " };
  g_autofree char *title = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (blanks); i++)
    {
      g_autofree char *fields = g_strdup_printf ("{\"title\":\"%s\"}", blanks[i]);
      g_autoptr(JsonNode) answer = NULL;
      guint status = 0;

      answer = push (fixture, FALSE, &status,
                     change ("organisation", ORG_ID, 0, FALSE, "{\"name\":\"Stadtwerke\"}"),
                     change ("project", PROJECT_ID, 0, FALSE, fields),
                     NULL);
      g_assert_cmpuint (status, ==, 400);
      assert_refused (answer, "invalid_value", "title", 1);
    }
  g_assert_cmpint (server_int (fixture, "SELECT count(*) FROM history"), ==, 0);

  insert_project (fixture);
  for (guint i = 0; i < G_N_ELEMENTS (blanks); i++)
    {
      g_autofree char *fields = g_strdup_printf ("{\"title\":\"%s\"}", blanks[i]);
      g_autoptr(JsonNode) answer = NULL;
      guint status = 0;

      answer = push (fixture, TRUE, &status, change ("project", PROJECT_ID, 1, FALSE, fields), NULL);
      g_assert_cmpuint (status, ==, 400);
      assert_refused (answer, "invalid_value", "title", 0);
    }
  title = server_text (fixture, "SELECT json_extract (fields, '$.title') FROM rows");
  g_assert_cmpstr (title, ==, "OWL 4.0");
  g_assert_cmpint (server_int (fixture, "SELECT count(*) FROM history"), ==, 1);
}

/* A reference to a row the server never had is refused, in an insert and
 * in an edit; the rest of the push goes through. */
static void
test_unknown_reference (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(JsonNode) answer = NULL;
  g_autoptr(JsonNode) edit = NULL;
  g_autofree char *lead = NULL;
  guint status = 0;

  answer = push (fixture, FALSE, &status,
                 change ("project", PROJECT_ID, 0, FALSE,
                         "{\"title\":\"OWL 4.0\",\"lead_organisation_id\":\"" NEVER_ID "\"}"),
                 change ("organisation", ORG_ID, 0, FALSE, "{\"name\":\"Stadtwerke\"}"),
                 NULL);
  g_assert_cmpuint (status, ==, 200);
  assert_result (answer, 0, "rejected", "unknown_reference", "lead_organisation_id");
  assert_result (answer, 1, "applied", NULL, NULL);
  g_assert_cmpint (server_int (fixture, "SELECT count(*) FROM rows WHERE tbl = 'project'"), ==, 0);

  insert_project (fixture);
  edit = push (fixture, TRUE, &status,
               change ("project", PROJECT_ID, 1, FALSE, "{\"leader_person_id\":\"" NEVER_ID "\"}"), NULL);
  g_assert_cmpuint (status, ==, 200);
  assert_result (edit, 0, "rejected", "unknown_reference", "leader_person_id");
  lead = server_text (fixture, "SELECT rev || ':' || ifnull (json_extract (fields, '$.leader_person_id'), '-')"
                               " FROM rows WHERE tbl = 'project'");
  g_assert_cmpstr (lead, ==, "1:-");
}

/* Rows of the same push count from the change that inserts them on: a
 * reference to a row inserted earlier in the push is fine, one to a row
 * inserted later is not (the client sends parents first). */
static void
test_reference_same_push (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(JsonNode) answer = NULL;
  guint status = 0;

  answer = push (fixture, FALSE, &status,
                 change ("organisation", ORG_ID, 0, FALSE, "{\"name\":\"Stadtwerke\"}"),
                 change ("project", PROJECT_ID, 0, FALSE,
                         "{\"title\":\"OWL 4.0\",\"lead_organisation_id\":\"" ORG_ID "\"}"),
                 change ("person", NEVER_ID, 0, FALSE,
                         "{\"name\":\"Jana Vogt\",\"organisation_id\":\"" LATER_ID "\"}"),
                 change ("organisation", LATER_ID, 0, FALSE, "{\"name\":\"Kreis Lippe\"}"),
                 NULL);
  g_assert_cmpuint (status, ==, 200);
  assert_result (answer, 0, "applied", NULL, NULL);
  assert_result (answer, 1, "applied", NULL, NULL);
  assert_result (answer, 2, "rejected", "unknown_reference", "organisation_id");
  assert_result (answer, 3, "applied", NULL, NULL);
  g_assert_cmpint (server_int (fixture, "SELECT count(*) FROM rows WHERE tbl = 'person'"), ==, 0);
}

/* A tombstone is a row the server has: a client may have set the
 * reference before it saw the delete, as it may after (see PROTOCOL.md). */
static void
test_reference_tombstone (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(JsonNode) insert = NULL;
  g_autoptr(JsonNode) delete = NULL;
  g_autoptr(JsonNode) answer = NULL;
  guint status = 0;

  insert = push (fixture, FALSE, &status, change ("organisation", ORG_ID, 0, FALSE, "{\"name\":\"Stadtwerke\"}"),
                 NULL);
  assert_result (insert, 0, "applied", NULL, NULL);
  delete = push (fixture, FALSE, &status, change ("organisation", ORG_ID, 1, TRUE, "{}"), NULL);
  assert_result (delete, 0, "applied", NULL, NULL);

  answer = push (fixture, TRUE, &status,
                 change ("project", PROJECT_ID, 0, FALSE,
                         "{\"title\":\"OWL 4.0\",\"lead_organisation_id\":\"" ORG_ID "\"}"),
                 NULL);
  g_assert_cmpuint (status, ==, 200);
  assert_result (answer, 0, "applied", NULL, NULL);
}

/* A range that runs backwards is refused, also when neither change alone
 * made it so but their merge would. */
static void
test_backwards_range (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(JsonNode) backwards = NULL;
  g_autoptr(JsonNode) first = NULL;
  g_autoptr(JsonNode) second = NULL;
  g_autofree char *dates = NULL;
  guint status = 0;

  backwards = push (fixture, FALSE, &status,
                    change ("project", PROJECT_ID, 0, FALSE,
                            "{\"title\":\"OWL 4.0\",\"start_date\":\"2025-05-01\",\"end_date\":\"2025-04-30\"}"),
                    NULL);
  g_assert_cmpuint (status, ==, 200);
  assert_result (backwards, 0, "rejected", "invalid_value", "end_date");

  insert_project (fixture);
  first = push (fixture, FALSE, &status, change ("project", PROJECT_ID, 1, FALSE, "{\"end_date\":\"2025-03-31\"}"),
                NULL);
  assert_result (first, 0, "applied", NULL, NULL);
  /* Ben worked on revision 1: alone his start is fine. */
  second = push (fixture, TRUE, &status, change ("project", PROJECT_ID, 1, FALSE, "{\"start_date\":\"2025-06-01\"}"),
                 NULL);
  g_assert_cmpuint (status, ==, 200);
  assert_result (second, 0, "rejected", "invalid_value", "end_date");

  dates = server_text (fixture, "SELECT rev || ' ' || json_extract (fields, '$.start_date') || ' '"
                                " || json_extract (fields, '$.end_date') FROM rows WHERE tbl = 'project'");
  g_assert_cmpstr (dates, ==, "2 2025-01-01 2025-03-31");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)

  ADD ("/server-rows/blank-title", test_blank_title);
  ADD ("/server-rows/unknown-reference", test_unknown_reference);
  ADD ("/server-rows/reference-same-push", test_reference_same_push);
  ADD ("/server-rows/reference-tombstone", test_reference_tombstone);
  ADD ("/server-rows/backwards-range", test_backwards_range);

  return g_test_run ();
}
