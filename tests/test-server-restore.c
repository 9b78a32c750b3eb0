/* test-server-restore.c: marks, 410 and restated rows over HTTP
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The server's side of sync after a restore (PROTOCOL.md, "Marks" and
 * "After a restore"), with hand-written requests: answers carry the mark
 * of their history; a mark the history no longer has is refused with 410
 * and nothing is applied; a restated row is `known`, merged against the
 * fork or a conflict; a database of version 1 gets the digests a live
 * server computed.
 */

#include "config.h"

#include <sqlite3.h>
#include <string.h>

#include "lotse-test-server.h"

#define PROJECT_ID "0f0e0d0c-0b0a-4908-8706-050403020100"
#define OTHER_ID   "1f0e0d0c-0b0a-4908-8706-050403020100"

/* One more than a pull may send. */
#define LOTSE_TEST_MANY_MARKS 65

typedef struct
{
  LotseTestServer *server;
  char            *token;
  char            *device;
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
  fixture->token = lotse_test_server_login (fixture->server, "anna", "anna-secret-1", &fixture->device);
  fixture->ben_token = lotse_test_server_login (fixture->server, "ben", "ben-secret-12", &fixture->ben_device);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  g_assert_cmpint (lotse_test_server_stop (fixture->server), ==, 0);
  g_clear_pointer (&fixture->server, lotse_test_server_free);
  g_free (fixture->token);
  g_free (fixture->device);
  g_free (fixture->ben_token);
  g_free (fixture->ben_device);
}

/* Pushes one change as anna (or ben); @extra goes into the change object,
 * @known (nullable) into the body. */
static JsonNode *
push (Fixture    *fixture,
      gboolean    as_ben,
      const char *known,
      gint64      base_rev,
      const char *fields,
      const char *extra,
      guint      *status)
{
  g_autofree char *op_id = lotse_new_uuid ();
  g_autofree char *known_member = known ? g_strdup_printf (",\"known\":\"%s\"", known) : g_strdup ("");
  g_autofree char *body = NULL;

  body = g_strdup_printf ("{\"device_id\":\"%s\"%s,\"changes\":[{\"op_id\":\"%s\",\"table\":\"project\","
                          "\"id\":\"" PROJECT_ID "\",\"base_rev\":%" G_GINT64_FORMAT ",\"deleted\":false,"
                          "\"fields\":%s%s}]}",
                          as_ben ? fixture->ben_device : fixture->device, known_member, op_id, base_rev, fields,
                          extra ? extra : "");
  return lotse_test_server_request (fixture->server, "POST", "/v1/sync/push",
                                    as_ben ? fixture->ben_token : fixture->token, body, status);
}

static JsonObject *
first_result (JsonNode *answer)
{
  return json_array_get_object_element (json_object_get_array_member (json_node_get_object (answer), "results"), 0);
}

static const char *
result_status (JsonNode *answer)
{
  return json_object_get_string_member (first_result (answer), "status");
}

static char *
mark_of (JsonNode *answer)
{
  return g_strdup (json_object_get_string_member (json_node_get_object (answer), "mark"));
}

static const char *
error_code (JsonNode *answer)
{
  return json_object_get_string_member (json_object_get_object_member (json_node_get_object (answer), "error"), "code");
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

/* Every answer names the point of the history it reflects; a request that
 * names a point the history does not have (any more) is refused with 410,
 * the push without applying anything. */
static void
test_marks (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(JsonNode) info = NULL;
  g_autoptr(JsonNode) first = NULL;
  g_autoptr(JsonNode) second = NULL;
  g_autoptr(JsonNode) refused = NULL;
  g_autoptr(JsonNode) pulled = NULL;
  g_autoptr(JsonNode) stale_pull = NULL;
  g_autoptr(JsonNode) bad = NULL;
  g_autofree char *mark1 = NULL;
  g_autofree char *mark2 = NULL;
  g_autofree char *forged = NULL;
  g_autofree char *digest = NULL;
  g_autofree char *path = NULL;
  g_autofree char *escaped = NULL;
  JsonArray *protocol;
  guint status = 0;

  info = lotse_test_server_request (fixture->server, "GET", "/v1/info", NULL, NULL, &status);
  protocol = json_object_get_array_member (json_node_get_object (info), "protocol");
  g_assert_cmpint (json_array_get_length (protocol), ==, 2);
  g_assert_cmpint (json_array_get_int_element (protocol, 1), ==, 2);

  first = push (fixture, FALSE, NULL, 0, "{\"title\":\"OWL 4.0\"}", NULL, &status);
  g_assert_cmpuint (status, ==, 200);
  mark1 = mark_of (first);
  digest = server_text (fixture, "SELECT digest FROM history WHERE seq = 1");
  g_assert_cmpuint (strlen (digest), ==, 32);
  g_assert_true (g_str_has_prefix (mark1, "1:"));
  g_assert_cmpstr (mark1 + 2, ==, digest);

  second = push (fixture, FALSE, mark1, 1, "{\"acronym\":\"OWL\"}", NULL, &status);
  g_assert_cmpuint (status, ==, 200);
  mark2 = mark_of (second);
  g_assert_true (g_str_has_prefix (mark2, "2:"));
  g_assert_cmpstr (mark2, !=, mark1);

  /* The same seq with another history: as after a restore. */
  forged = g_strdup_printf ("2:%s", digest);
  refused = push (fixture, FALSE, forged, 2, "{\"topic\":\"Energie\"}", NULL, &status);
  g_assert_cmpuint (status, ==, 410);
  g_assert_cmpstr (error_code (refused), ==, "resync_required");
  g_assert_cmpint (server_int (fixture, "SELECT count(*) FROM history"), ==, 2);

  escaped = g_uri_escape_string (mark2, NULL, FALSE);
  path = g_strdup_printf ("/v1/sync/pull?known=%s", escaped);
  pulled = lotse_test_server_request (fixture->server, "GET", path, fixture->token, NULL, &status);
  g_assert_cmpuint (status, ==, 200);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (pulled), "mark"), ==, mark2);
  g_free (path);
  g_free (escaped);

  escaped = g_uri_escape_string (forged, NULL, FALSE);
  path = g_strdup_printf ("/v1/sync/pull?known=%s", escaped);
  stale_pull = lotse_test_server_request (fixture->server, "GET", path, fixture->token, NULL, &status);
  g_assert_cmpuint (status, ==, 410);

  bad = lotse_test_server_request (fixture->server, "GET", "/v1/sync/pull?known=2:xyz", fixture->token, NULL,
                                   &status);
  g_assert_cmpuint (status, ==, 400);
  g_assert_cmpstr (error_code (bad), ==, "bad_mark");
}

/* The newest of the marks a pull sends that the history still has is the
 * fork; marks of another history do not count. */
static void
test_fork (Fixture       *fixture,
           gconstpointer  data)
{
  g_autoptr(JsonNode) first = NULL;
  g_autoptr(JsonNode) second = NULL;
  g_autoptr(JsonNode) pulled = NULL;
  g_autofree char *mark1 = NULL;
  g_autofree char *mark2 = NULL;
  g_autofree char *path = NULL;
  guint status = 0;

  first = push (fixture, FALSE, NULL, 0, "{\"title\":\"OWL 4.0\"}", NULL, &status);
  mark1 = mark_of (first);
  second = push (fixture, FALSE, NULL, 1, "{\"acronym\":\"OWL\"}", NULL, &status);
  mark2 = mark_of (second);

  path = g_strdup_printf ("/v1/sync/pull?marks=9:%s,%s,0:00000000000000000000000000000000",
                          mark2 + 2, mark1);
  pulled = lotse_test_server_request (fixture->server, "GET", path, fixture->token, NULL, &status);
  g_assert_cmpuint (status, ==, 200);
  g_assert_cmpint (json_object_get_int_member (json_node_get_object (pulled), "fork"), ==, 1);
}

/* A restated row: what the server has is `known`; an edit made after the
 * fork comes back as a change, merged with what others did since; the
 * same field changed on both sides is a conflict that names what the
 * client changed. */
static void
test_restated (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(JsonNode) insert = NULL;
  g_autoptr(JsonNode) known = NULL;
  g_autoptr(JsonNode) ben = NULL;
  g_autoptr(JsonNode) merged = NULL;
  g_autoptr(JsonNode) conflict = NULL;
  g_autoptr(JsonNode) lost = NULL;
  g_autofree char *op_id = NULL;
  g_autofree char *body = NULL;
  g_autofree char *row = NULL;
  JsonObject *result;
  JsonArray *changed;
  guint status = 0;

  insert = push (fixture, FALSE, NULL, 0, "{\"title\":\"OWL 4.0\",\"status\":\"planned\"}", NULL, &status);
  g_assert_cmpstr (result_status (insert), ==, "applied");

  /* The row as the server has it, rev 1. */
  known = push (fixture, FALSE, NULL, 1,
                "{\"title\":\"OWL 4.0\",\"status\":\"planned\",\"acronym\":null}",
                ",\"state\":true,\"fork\":1", &status);
  g_assert_cmpuint (status, ==, 200);
  g_assert_cmpstr (result_status (known), ==, "known");
  g_assert_cmpint (json_object_get_int_member (first_result (known), "rev"), ==, 1);

  /* After the restore Ben edits the status (rev 2, another content than
   * Anna's lost rev 2); Anna restates her rev 2 with a new title. */
  ben = push (fixture, TRUE, NULL, 1, "{\"status\":\"running\"}", NULL, &status);
  g_assert_cmpstr (result_status (ben), ==, "applied");
  merged = push (fixture, FALSE, NULL, 2,
                 "{\"title\":\"OWL 4.0 Nord\",\"status\":\"planned\",\"acronym\":null}",
                 ",\"state\":true,\"fork\":1", &status);
  g_assert_cmpuint (status, ==, 200);
  g_assert_cmpstr (result_status (merged), ==, "merged");
  row = server_text (fixture, "SELECT rev || ' ' || json_extract (fields, '$.title') || ' '"
                              " || json_extract (fields, '$.status') FROM rows");
  g_assert_cmpstr (row, ==, "3 OWL 4.0 Nord running");

  /* Ben renames too: Anna's restated title meets his. */
  g_clear_pointer (&ben, json_node_unref);
  ben = push (fixture, TRUE, NULL, 3, "{\"title\":\"OWL Süd\"}", NULL, &status);
  g_assert_cmpstr (result_status (ben), ==, "applied");
  conflict = push (fixture, FALSE, NULL, 2,
                   "{\"title\":\"OWL 4.0 West\",\"status\":\"planned\",\"acronym\":\"OWL\"}",
                   ",\"state\":true,\"fork\":1", &status);
  result = first_result (conflict);
  g_assert_cmpstr (json_object_get_string_member (result, "status"), ==, "conflict");
  g_assert_cmpstr (json_array_get_string_element (json_object_get_array_member (result, "fields"), 0), ==, "title");
  changed = json_object_get_array_member (result, "changed");
  g_assert_cmpint (json_array_get_length (changed), ==, 2);
  g_assert_cmpstr (json_array_get_string_element (changed, 0), ==, "title");
  g_assert_cmpstr (json_array_get_string_element (changed, 1), ==, "acronym");
  g_assert_cmpint (server_int (fixture, "SELECT rev FROM rows"), ==, 4);

  /* A row the server lost entirely is inserted again. */
  op_id = lotse_new_uuid ();
  body = g_strdup_printf ("{\"device_id\":\"%s\",\"changes\":[{\"op_id\":\"%s\",\"table\":\"organisation\","
                          "\"id\":\"" OTHER_ID "\",\"base_rev\":3,\"deleted\":false,\"state\":true,\"fork\":1,"
                          "\"fields\":{\"name\":\"Stadtwerke\"}}]}",
                          fixture->device, op_id);
  lost = lotse_test_server_request (fixture->server, "POST", "/v1/sync/push", fixture->token, body, &status);
  g_assert_cmpuint (status, ==, 200);
  g_assert_cmpstr (result_status (lost), ==, "applied");
  g_assert_cmpint (server_int (fixture, "SELECT rev FROM rows WHERE id = '" OTHER_ID "'"), ==, 1);
}

/* Turns the database back into one of version 1 (one office, no digests,
 * no token use), keeping what it holds. */
static const char version_1_sql[] =
  "BEGIN;"
  "INSERT INTO meta (key, value) SELECT 'server_id', server_id FROM workspaces WHERE id = 1;"
  "INSERT INTO meta (key, value) SELECT 'horizon', horizon FROM workspaces WHERE id = 1;"
  "DROP TABLE workspaces;"
  "ALTER TABLE accounts RENAME TO old_accounts;"
  "CREATE TABLE accounts (name TEXT PRIMARY KEY, role TEXT NOT NULL, password_hash TEXT NOT NULL,"
  " created_at TEXT NOT NULL) WITHOUT ROWID;"
  "INSERT INTO accounts SELECT name, role, password_hash, created_at FROM old_accounts;"
  "ALTER TABLE devices RENAME TO old_devices;"
  "CREATE TABLE devices (id TEXT PRIMARY KEY, account TEXT NOT NULL, name TEXT NOT NULL,"
  " token_hash TEXT NOT NULL UNIQUE, created_at TEXT NOT NULL, revoked_at TEXT) WITHOUT ROWID;"
  "INSERT INTO devices SELECT id, account, name, token_hash, created_at, revoked_at FROM old_devices;"
  "ALTER TABLE history RENAME TO old_history;"
  "CREATE TABLE history (seq INTEGER PRIMARY KEY, tbl TEXT NOT NULL, id TEXT NOT NULL,"
  " rev INTEGER NOT NULL, deleted INTEGER NOT NULL, fields TEXT NOT NULL, device_id TEXT NOT NULL,"
  " account TEXT NOT NULL, committed_at TEXT NOT NULL, UNIQUE (tbl, id, rev));"
  "INSERT INTO history SELECT seq, tbl, id, rev, deleted, fields, device_id, account, committed_at"
  " FROM old_history;"
  "ALTER TABLE rows RENAME TO old_rows;"
  "CREATE TABLE rows (tbl TEXT NOT NULL, id TEXT NOT NULL, rev INTEGER NOT NULL, seq INTEGER NOT NULL,"
  " deleted INTEGER NOT NULL, fields TEXT NOT NULL, updated_at TEXT NOT NULL,"
  " PRIMARY KEY (tbl, id)) WITHOUT ROWID;"
  "INSERT INTO rows SELECT tbl, id, rev, seq, deleted, fields, updated_at FROM old_rows;"
  "ALTER TABLE ops RENAME TO old_ops;"
  "CREATE TABLE ops (op_id TEXT PRIMARY KEY, account TEXT NOT NULL, result TEXT NOT NULL) WITHOUT ROWID;"
  "INSERT INTO ops SELECT op_id, account, result FROM old_ops;"
  "DROP TABLE old_accounts; DROP TABLE old_devices; DROP TABLE old_history; DROP TABLE old_rows;"
  "DROP TABLE old_ops;"
  "PRAGMA user_version = 1;"
  "COMMIT;";

/* A database of version 1 (no digests) gets, on opening, the digests the
 * live server gave: marks clients hold stay valid, and a backup of an
 * older version restored later fits too. */
static void
test_digests_added (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(JsonNode) first = NULL;
  g_autoptr(JsonNode) second = NULL;
  g_autoptr(JsonNode) pulled = NULL;
  g_autofree char *mark = NULL;
  g_autofree char *digests = NULL;
  g_autofree char *again = NULL;
  g_autofree char *path = NULL;
  sqlite3 *db = NULL;
  guint status = 0;

  if (lotse_test_skip_on_postgresql ("a SQLite database of an older version"))
    return;

  first = push (fixture, FALSE, NULL, 0, "{\"title\":\"OWL 4.0\"}", NULL, &status);
  second = push (fixture, TRUE, NULL, 1, "{\"acronym\":\"OWL\"}", NULL, &status);
  mark = mark_of (second);
  digests = server_text (fixture, "SELECT group_concat (digest, ' ') FROM (SELECT digest FROM history ORDER BY seq)");
  g_assert_cmpint (lotse_test_server_stop (fixture->server), ==, 0);

  g_assert_cmpint (sqlite3_open (lotse_test_server_get_db (fixture->server), &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, version_1_sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  lotse_test_server_start (fixture->server, NULL, NULL);
  again = server_text (fixture, "SELECT group_concat (digest, ' ') FROM (SELECT digest FROM history ORDER BY seq)");
  g_assert_cmpstr (again, ==, digests);
  g_assert_cmpint (server_int (fixture, "PRAGMA user_version"), ==, 4);

  path = g_strdup_printf ("/v1/sync/pull?known=%s", mark);
  pulled = lotse_test_server_request (fixture->server, "GET", path, fixture->token, NULL, &status);
  g_assert_cmpuint (status, ==, 200);
}

/* Malformed marks and restating members are refused with 400 naming the
 * member, and nothing is applied. */
static void
test_bad_input (Fixture       *fixture,
                gconstpointer  data)
{
  static const struct
  {
    const char *known;
    const char *extra;
    const char *code;
    const char *field;
  } cases[] = {
    { "1:0123", NULL, "bad_mark", "known" },
    { "-1:0123456789abcdef0123456789abcdef", NULL, "bad_mark", "known" },
    { "1:0123456789ABCDEF0123456789ABCDEF", NULL, "bad_mark", "known" },
    { NULL, ",\"state\":\"yes\"", "wrong_type", "state" },
    { NULL, ",\"state\":true,\"fork\":-1", "wrong_type", "fork" },
    { NULL, ",\"state\":true,\"fork\":1.5", "wrong_type", "fork" },
  };
  g_autoptr(GString) many = g_string_new ("/v1/sync/pull?marks=");
  g_autoptr(JsonNode) too_many = NULL;
  guint status = 0;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(JsonNode) answer = push (fixture, FALSE, cases[i].known, 0, "{\"title\":\"OWL 4.0\"}",
                                         cases[i].extra, &status);
      JsonObject *error = json_object_get_object_member (json_node_get_object (answer), "error");

      g_assert_cmpuint (status, ==, 400);
      g_assert_cmpstr (json_object_get_string_member (error, "code"), ==, cases[i].code);
      g_assert_cmpstr (json_object_get_string_member (error, "field"), ==, cases[i].field);
    }
  g_assert_cmpint (server_int (fixture, "SELECT count(*) FROM history"), ==, 0);

  for (guint i = 0; i < LOTSE_TEST_MANY_MARKS; i++)
    g_string_append_printf (many, "%s%u:0123456789abcdef0123456789abcdef", i > 0 ? "," : "", i);
  too_many = lotse_test_server_request (fixture->server, "GET", many->str, fixture->token, NULL, &status);
  g_assert_cmpuint (status, ==, 400);
  g_assert_cmpstr (error_code (too_many), ==, "bad_mark");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)

  ADD ("/server-restore/marks", test_marks);
  ADD ("/server-restore/fork", test_fork);
  ADD ("/server-restore/restated", test_restated);
  ADD ("/server-restore/digests-added", test_digests_added);
  ADD ("/server-restore/bad-input", test_bad_input);

  return g_test_run ();
}
