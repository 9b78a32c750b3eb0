/* test-server-input.c: lotse-server refuses bad input and changes nothing
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each case checks the status code, the error code (and field/index where
 * the protocol names them) and that the server database is byte for byte
 * the same afterwards. The server runs with --max-batch 5 and
 * --max-body 65536 so that the limits are cheap to reach.
 */

#include "config.h"

#include <string.h>

#include "lotse-test-server.h"

#define PROJECT_ID "0f0e0d0c-0b0a-4908-8706-050403020100"
#define MAX_BODY 65536

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
  const char * const args[] = { "--max-batch", "5", "--max-body", G_STRINGIFY (MAX_BODY), NULL };
  g_autofree char *body = NULL;
  g_autoptr(JsonNode) answer = NULL;
  guint status = 0;

  fixture->server = lotse_test_server_new ();
  lotse_test_server_add_user (fixture->server, "anna", "editor", "anna-secret-1");
  lotse_test_server_add_user (fixture->server, "ben", "editor", "ben-secret-12");
  lotse_test_server_add_user (fixture->server, "rita", "reader", "rita-secret-1");
  lotse_test_server_start (fixture->server, args, NULL);

  fixture->anna_token = lotse_test_server_login (fixture->server, "anna", "anna-secret-1",
                                                 &fixture->anna_device);
  fixture->ben_token = lotse_test_server_login (fixture->server, "ben", "ben-secret-12",
                                                &fixture->ben_device);
  fixture->rita_token = lotse_test_server_login (fixture->server, "rita", "rita-secret-1",
                                                 &fixture->rita_device);

  /* One row, so that "unchanged" means something. */
  body = g_strdup_printf ("{\"device_id\":\"%s\",\"changes\":[{\"op_id\":\"aaaaaaaa-0000-4000-8000-000000000001\","
                          "\"table\":\"project\",\"id\":\"" PROJECT_ID "\",\"base_rev\":0,\"deleted\":false,"
                          "\"fields\":{\"title\":\"OWL 4.0\",\"status\":\"running\"}}]}",
                          fixture->anna_device);
  answer = lotse_test_server_request (fixture->server, "POST", "/v1/sync/push", fixture->anna_token,
                                      body, &status);
  g_assert_cmpuint (status, ==, 200);
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

/* Everything a request could have changed, as one string. */
static char *
snapshot (Fixture *fixture)
{
  return lotse_test_server_query_text (fixture->server,
    "SELECT (SELECT count(*) FROM history) || '|' ||"
    " (SELECT coalesce(group_concat(seq || tbl || id || rev || deleted || fields || device_id, ','), '') FROM history) || '|' ||"
    " (SELECT coalesce(group_concat(tbl || id || rev || seq || deleted || fields, ','), '') FROM rows) || '|' ||"
    " (SELECT coalesce(group_concat(op_id || account || result, ','), '') FROM ops) || '|' ||"
    " (SELECT coalesce(group_concat(id || coalesce(revoked_at, '-'), ','), '') FROM devices)");
}

static void
assert_error (JsonNode   *answer,
              const char *code,
              const char *field,
              int         index)
{
  JsonObject *error;

  g_assert_nonnull (answer);
  error = json_object_get_object_member (json_node_get_object (answer), "error");
  g_assert_nonnull (error);
  g_assert_cmpstr (json_object_get_string_member (error, "code"), ==, code);
  g_assert_true (json_object_has_member (error, "message"));
  if (field != NULL)
    g_assert_cmpstr (json_object_get_string_member (error, "field"), ==, field);
  if (index >= 0)
    g_assert_cmpint (json_object_get_int_member (error, "index"), ==, index);
}

/* A push body with a valid change first and @change second. */
static char *
push_body (Fixture    *fixture,
           const char *change)
{
  return g_strdup_printf ("{\"device_id\":\"%s\",\"changes\":["
                          "{\"op_id\":\"bbbbbbbb-0000-4000-8000-000000000001\",\"table\":\"tag\","
                          "\"id\":\"cccccccc-0000-4000-8000-000000000001\",\"base_rev\":0,\"deleted\":false,"
                          "\"fields\":{\"name\":\"Smart City\"}},%s]}",
                          fixture->anna_device, change);
}

#define CHANGE(fields) \
  "{\"op_id\":\"bbbbbbbb-0000-4000-8000-000000000002\",\"table\":\"project\"," \
  "\"id\":\"dddddddd-0000-4000-8000-000000000001\",\"base_rev\":0,\"deleted\":false,\"fields\":" fields "}"

typedef struct
{
  const char *name;
  const char *change;     /* the second change; NULL: @body is the whole body */
  const char *body;
  const char *code;
  const char *field;
  int         index;
} PushCase;

static const PushCase push_cases[] = {
  { "empty body", NULL, "", "malformed_json", NULL, -1 },
  { "malformed JSON", NULL, "{\"device_id\":", "malformed_json", NULL, -1 },
  { "trailing garbage", NULL, "{} x", "malformed_json", NULL, -1 },
  { "array body", NULL, "[1,2,3]", "wrong_type", NULL, -1 },
  { "string body", NULL, "\"push\"", "wrong_type", NULL, -1 },
  { "invalid UTF-8", NULL, "{\"device_id\":\"\xff\xfe\",\"changes\":[]}", "invalid_utf8", NULL, -1 },
  { "overlong UTF-8", NULL, "{\"device_id\":\"\xc0\xaf\",\"changes\":[]}", "invalid_utf8", NULL, -1 },
  { "nesting 9", NULL, "{\"a\":[[[[[[[[1]]]]]]]]}", "too_deep", NULL, -1 },
  { "missing device_id", NULL, "{\"changes\":[]}", "missing_member", "device_id", -1 },
  { "device_id number", NULL, "{\"device_id\":5,\"changes\":[]}", "wrong_type", "device_id", -1 },
  { "device_id not uuid", NULL, "{\"device_id\":\"laptop\",\"changes\":[]}", "bad_uuid", "device_id", -1 },
  { "changes object", NULL, "{\"device_id\":\"00000000-0000-4000-8000-000000000000\",\"changes\":{}}", "wrong_type", "changes", -1 },
  { "change not object", "5", NULL, "wrong_type", NULL, 1 },
  { "missing op_id", "{\"table\":\"tag\"}", NULL, "missing_member", "op_id", 1 },
  { "upper-case op_id", "{\"op_id\":\"BBBBBBBB-0000-4000-8000-000000000002\"}", NULL, "bad_uuid", "op_id", 1 },
  { "unknown table",
    "{\"op_id\":\"bbbbbbbb-0000-4000-8000-000000000002\",\"table\":\"outbox\",\"id\":\"dddddddd-0000-4000-8000-000000000001\",\"base_rev\":0,\"deleted\":false,\"fields\":{}}",
    NULL, "unknown_table", "table", 1 },
  { "table number",
    "{\"op_id\":\"bbbbbbbb-0000-4000-8000-000000000002\",\"table\":7}", NULL, "wrong_type", "table", 1 },
  { "bad row id",
    "{\"op_id\":\"bbbbbbbb-0000-4000-8000-000000000002\",\"table\":\"tag\",\"id\":\"1; DROP TABLE rows\",\"base_rev\":0,\"deleted\":false,\"fields\":{}}",
    NULL, "bad_uuid", "id", 1 },
  { "base_rev string",
    "{\"op_id\":\"bbbbbbbb-0000-4000-8000-000000000002\",\"table\":\"tag\",\"id\":\"dddddddd-0000-4000-8000-000000000001\",\"base_rev\":\"0\",\"deleted\":false,\"fields\":{}}",
    NULL, "wrong_type", "base_rev", 1 },
  { "base_rev negative",
    "{\"op_id\":\"bbbbbbbb-0000-4000-8000-000000000002\",\"table\":\"tag\",\"id\":\"dddddddd-0000-4000-8000-000000000001\",\"base_rev\":-1,\"deleted\":false,\"fields\":{}}",
    NULL, "wrong_type", "base_rev", 1 },
  { "base_rev float",
    "{\"op_id\":\"bbbbbbbb-0000-4000-8000-000000000002\",\"table\":\"tag\",\"id\":\"dddddddd-0000-4000-8000-000000000001\",\"base_rev\":1.5,\"deleted\":false,\"fields\":{}}",
    NULL, "wrong_type", "base_rev", 1 },
  { "deleted missing",
    "{\"op_id\":\"bbbbbbbb-0000-4000-8000-000000000002\",\"table\":\"tag\",\"id\":\"dddddddd-0000-4000-8000-000000000001\",\"base_rev\":0,\"fields\":{}}",
    NULL, "missing_member", "deleted", 1 },
  { "deleted number",
    "{\"op_id\":\"bbbbbbbb-0000-4000-8000-000000000002\",\"table\":\"tag\",\"id\":\"dddddddd-0000-4000-8000-000000000001\",\"base_rev\":0,\"deleted\":0,\"fields\":{}}",
    NULL, "wrong_type", "deleted", 1 },
  { "fields missing",
    "{\"op_id\":\"bbbbbbbb-0000-4000-8000-000000000002\",\"table\":\"tag\",\"id\":\"dddddddd-0000-4000-8000-000000000001\",\"base_rev\":0,\"deleted\":false}",
    NULL, "missing_member", "fields", 1 },
  { "fields array", CHANGE ("[]"), NULL, "wrong_type", "fields", 1 },
  { "unknown field", CHANGE ("{\"title\":\"x\",\"colour\":\"red\"}"), NULL, "unknown_field", "colour", 1 },
  { "local-only field", CHANGE ("{\"title\":\"x\",\"rev\":3}"), NULL, "unknown_field", "rev", 1 },
  { "text as number", CHANGE ("{\"title\":5}"), NULL, "wrong_type", "title", 1 },
  { "text as object", CHANGE ("{\"title\":{\"de\":\"x\"}}"), NULL, "wrong_type", "title", 1 },
  { "int as string", CHANGE ("{\"title\":\"x\",\"budget_cents\":\"12\"}"), NULL, "wrong_type", "budget_cents", 1 },
  { "int as float", CHANGE ("{\"title\":\"x\",\"budget_cents\":1.5}"), NULL, "wrong_type", "budget_cents", 1 },
  { "int too big", CHANGE ("{\"title\":\"x\",\"budget_cents\":100000000000001}"), NULL, "invalid_value", "budget_cents", 1 },
  { "int negative", CHANGE ("{\"title\":\"x\",\"budget_cents\":-1}"), NULL, "invalid_value", "budget_cents", 1 },
  /* Refused before the body is parsed: json-glib would wrap it round. */
  { "int beyond int64", CHANGE ("{\"title\":\"x\",\"budget_cents\":99999999999999999999999}"), NULL, "invalid_value", NULL, -1 },
  { "bad enum", CHANGE ("{\"title\":\"x\",\"status\":\"frozen\"}"), NULL, "invalid_value", "status", 1 },
  { "bad date", CHANGE ("{\"title\":\"x\",\"start_date\":\"2024-02-30\"}"), NULL, "invalid_value", "start_date", 1 },
  { "date as datetime", CHANGE ("{\"title\":\"x\",\"start_date\":\"2024-02-03T10:00:00Z\"}"), NULL, "invalid_value", "start_date", 1 },
  { "bad reference", CHANGE ("{\"title\":\"x\",\"programme_id\":\"programme-1\"}"), NULL, "invalid_value", "programme_id", 1 },
  { "required null", CHANGE ("{\"title\":null}"), NULL, "invalid_value", "title", 1 },
  { "required empty", CHANGE ("{\"title\":\"\"}"), NULL, "invalid_value", "title", 1 },
  { "escaped NUL", CHANGE ("{\"title\":\"OWL\\u0000 4.0\"}"), NULL, "invalid_value", NULL, -1 },
  { "escaped lone surrogate", CHANGE ("{\"title\":\"\\ud800\"}"), NULL, "malformed_json", NULL, -1 },
  { "too many changes", NULL, NULL, "too_many_changes", "changes", -1 },
};

static void
test_push_cases (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autofree char *before = snapshot (fixture);

  for (guint i = 0; i < G_N_ELEMENTS (push_cases); i++)
    {
      const PushCase *c = &push_cases[i];
      g_autoptr(JsonNode) answer = NULL;
      g_autofree char *body = NULL;
      g_autofree char *after = NULL;
      guint status = 0;

      g_test_message ("case: %s", c->name);

      if (g_str_equal (c->name, "too many changes"))
        {
          GString *many = g_string_new (NULL);

          for (guint j = 0; j < 5; j++)
            g_string_append_printf (many, "%s{\"op_id\":\"eeeeeeee-0000-4000-8000-00000000000%u\",\"table\":\"tag\","
                                    "\"id\":\"ffffffff-0000-4000-8000-00000000000%u\",\"base_rev\":0,\"deleted\":false,"
                                    "\"fields\":{\"name\":\"Tag %u\"}}", j > 0 ? "," : "", j, j, j);
          body = push_body (fixture, many->str);
          g_string_free (many, TRUE);
        }
      else if (c->change != NULL)
        body = push_body (fixture, c->change);
      else
        body = g_strdup (c->body);

      answer = lotse_test_server_request (fixture->server, "POST", "/v1/sync/push",
                                          fixture->anna_token, body, &status);
      g_assert_cmpuint (status, ==, 400);
      if (c->code != NULL)
        assert_error (answer, c->code, c->field, c->index);

      after = snapshot (fixture);
      g_assert_cmpstr (before, ==, after);
    }
}

/* Bodies json-glib would take although they are not RFC 8259 JSON: each
 * would change something if it were taken (every one holds a valid push
 * or login), and each gets 400 and changes nothing. */
static void
test_strict_json (Fixture       *fixture,
                  gconstpointer  data)
{
#define TAG(quote, name) \
  "{" quote "op_id" quote ":" quote "bbbbbbbb-0000-4000-8000-0000000000aa" quote "," \
  quote "table" quote ":" quote "tag" quote "," \
  quote "id" quote ":" quote "cccccccc-0000-4000-8000-0000000000aa" quote "," \
  quote "base_rev" quote ":0," quote "deleted" quote ":false," \
  quote "fields" quote ":{" quote "name" quote ":" quote name quote "}}"
  const char *pushes[] = {
    "{\"device_id\":\"DEVICE\",\"changes\":[" TAG ("\"", "Smart City") "]}{\"device_id\":\"DEVICE\",\"changes\":[]}",
    "{\"device_id\":\"DEVICE\",\"changes\":[" TAG ("\"", "Smart City") "]}\n{}",
    "{'device_id':'DEVICE','changes':[" TAG ("'", "Smart City") "]}",
    "{\"device_id\":\"DEVICE\",\"changes\":[" TAG ("\"", "Smart City") "]} /* comment */",
    "{\"device_id\":\"DEVICE\", // comment\n\"changes\":[" TAG ("\"", "Smart City") "]}",
    "{\"device_id\":\"DEVICE\",\"changes\":[" TAG ("\"", "Smart\tCity") "]}",
    "{\"device_id\":\"DEVICE\",\"changes\":[" TAG ("\"", "Smart\x01City") "]}",
    "{\"device_id\":\"DEVICE\",\"changes\":[" TAG ("\"", "Smart City") ",]}",
    "{\"device_id\":\"DEVICE\",\"changes\":[" TAG ("\"", "Smart City") "],}",
    "\xef\xbb\xbf{\"device_id\":\"DEVICE\",\"changes\":[" TAG ("\"", "Smart City") "]}",
    "{\"device_id\":\"DEVICE\",\"changes\":[" TAG ("\"", "Smart City") "],\"changes\":[]}",
    "{\"device_id\":\"DEVICE\",\"changes\":["
      "{\"op_id\":\"bbbbbbbb-0000-4000-8000-0000000000aa\",\"table\":\"tag\",\"id\":\"cccccccc-0000-4000-8000-0000000000aa\","
      "\"base_rev\":0x0,\"deleted\":false,\"fields\":{\"name\":\"Smart City\"}}]}",
    "{\"device_id\":\"DEVICE\",\"changes\":["
      "{\"op_id\":\"bbbbbbbb-0000-4000-8000-0000000000aa\",\"table\":\"tag\",\"id\":\"cccccccc-0000-4000-8000-0000000000aa\","
      "\"base_rev\":00,\"deleted\":false,\"fields\":{\"name\":\"Smart City\"}}]}",
    "{\"device_id\":\"DEVICE\",\"changes\":["
      "{\"op_id\":\"bbbbbbbb-0000-4000-8000-0000000000aa\",\"table\":\"tag\",\"id\":\"cccccccc-0000-4000-8000-0000000000aa\","
      "\"base_rev\":18446744073709551616,\"deleted\":false,\"fields\":{\"name\":\"Smart City\"}}]}",
  };
  const char *logins[] = {
    "{\"user\":\"anna\",\"password\":\"anna-secret-1\"}{}",
    "{'user':'anna','password':'anna-secret-1'}",
    "{\"user\":\"anna\",\"password\":\"anna-secret-1\" /* c */}",
    "{\"user\":\"anna\",\"password\":\"anna-secret-1\",}",
    "{\"user\":\"ben\",\"user\":\"anna\",\"password\":\"anna-secret-1\"}",
    "{\"user\":\"anna\",\"password\":\"anna-secret-1\",\"device_name\":\"a\nb\"}",
  };
  const char *logouts[] = { "{}{}", "{'a':1}", "bye" };
  g_autofree char *before = snapshot (fixture);

  for (guint i = 0; i < G_N_ELEMENTS (pushes); i++)
    {
      GString *text = g_string_new (pushes[i]);
      g_autofree char *body = NULL;
      g_autoptr(JsonNode) answer = NULL;
      g_autofree char *after = NULL;
      guint status = 0;

      g_string_replace (text, "DEVICE", fixture->anna_device, 0);
      body = g_string_free (text, FALSE);
      g_test_message ("push: %s", body);
      answer = lotse_test_server_request (fixture->server, "POST", "/v1/sync/push",
                                          fixture->anna_token, body, &status);
      g_assert_cmpuint (status, ==, 400);
      g_assert_nonnull (answer);
      after = snapshot (fixture);
      g_assert_cmpstr (before, ==, after);
    }

  for (guint i = 0; i < G_N_ELEMENTS (logins); i++)
    {
      g_autoptr(JsonNode) answer = NULL;
      g_autofree char *after = NULL;
      guint status = 0;

      g_test_message ("login: %s", logins[i]);
      answer = lotse_test_server_request (fixture->server, "POST", "/v1/auth/login", NULL, logins[i], &status);
      g_assert_cmpuint (status, ==, 400);
      after = snapshot (fixture);
      g_assert_cmpstr (before, ==, after);
    }

  /* Logout needs no body, but one that is sent is JSON too: the token
   * stays valid. */
  for (guint i = 0; i < G_N_ELEMENTS (logouts); i++)
    {
      g_autoptr(JsonNode) answer = NULL;
      g_autofree char *after = NULL;
      guint status = 0;

      answer = lotse_test_server_request (fixture->server, "POST", "/v1/auth/logout",
                                          fixture->anna_token, logouts[i], &status);
      g_assert_cmpuint (status, ==, 400);
      after = snapshot (fixture);
      g_assert_cmpstr (before, ==, after);
    }
#undef TAG
}

static void
test_deep_nesting (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *before = snapshot (fixture);
  g_autofree char *after = NULL;
  g_autoptr(JsonNode) answer = NULL;
  GString *body = g_string_new (NULL);
  guint status = 0;

  /* 30,000 levels would overflow a recursive parser's stack. */
  for (guint i = 0; i < 30000; i++)
    g_string_append_c (body, '[');
  for (guint i = 0; i < 30000; i++)
    g_string_append_c (body, ']');

  answer = lotse_test_server_request (fixture->server, "POST", "/v1/sync/push",
                                      fixture->anna_token, body->str, &status);
  g_string_free (body, TRUE);
  g_assert_cmpuint (status, ==, 400);
  assert_error (answer, "too_deep", NULL, -1);

  after = snapshot (fixture);
  g_assert_cmpstr (before, ==, after);
}

static void
test_body_too_large (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autofree char *before = snapshot (fixture);
  g_autofree char *after = NULL;
  g_autofree char *answer = NULL;
  g_autofree char *request = NULL;
  g_autoptr(JsonNode) info = NULL;
  gint64 started;
  guint status = 0;

  /* 1 GB announced, no body sent: the answer must come at once. */
  request = g_strdup_printf ("POST /v1/sync/push HTTP/1.1\r\n"
                             "Host: 127.0.0.1\r\n"
                             "Authorization: Bearer %s\r\n"
                             "Content-Type: application/json\r\n"
                             "Content-Length: 1000000000\r\n"
                             "\r\n", fixture->anna_token);
  started = g_get_monotonic_time ();
  answer = lotse_test_server_raw (fixture->server, request, strlen (request), 10000);
  g_assert_cmpint (g_get_monotonic_time () - started, <, 5 * G_USEC_PER_SEC);
  g_assert_true (g_str_has_prefix (answer, "HTTP/1.1 413"));
  g_assert_nonnull (strstr (answer, "body_too_large"));

  /* The same through libsoup with a body just over the limit. */
  {
    g_autofree char *big = g_strnfill (MAX_BODY + 1, ' ');
    g_autoptr(JsonNode) node = NULL;

    node = lotse_test_server_request (fixture->server, "POST", "/v1/sync/push",
                                      fixture->anna_token, big, &status);
    g_assert_cmpuint (status, ==, 413);
  }

  after = snapshot (fixture);
  g_assert_cmpstr (before, ==, after);

  /* Still serving. */
  info = lotse_test_server_request (fixture->server, "GET", "/v1/info", NULL, NULL, &status);
  g_assert_cmpuint (status, ==, 200);
}

static void
test_chunked_too_large (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autofree char *before = snapshot (fixture);
  g_autofree char *after = NULL;
  g_autofree char *answer = NULL;
  g_autofree char *chunk = g_strnfill (8192, ' ');
  g_autoptr(JsonNode) info = NULL;
  GString *request = g_string_new (NULL);
  guint status = 0;

  g_string_append_printf (request, "POST /v1/sync/push HTTP/1.1\r\n"
                                   "Host: 127.0.0.1\r\n"
                                   "Authorization: Bearer %s\r\n"
                                   "Content-Type: application/json\r\n"
                                   "Transfer-Encoding: chunked\r\n"
                                   "\r\n", fixture->anna_token);
  /* 4 × the limit, without the closing chunk. */
  for (guint i = 0; i < 4 * MAX_BODY / 8192; i++)
    g_string_append_printf (request, "2000\r\n%s\r\n", chunk);

  answer = lotse_test_server_raw (fixture->server, request->str, request->len, 10000);
  g_string_free (request, TRUE);
  g_assert_true (g_str_has_prefix (answer, "HTTP/1.1 413"));
  g_assert_nonnull (strstr (answer, "body_too_large"));

  after = snapshot (fixture);
  g_assert_cmpstr (before, ==, after);

  info = lotse_test_server_request (fixture->server, "GET", "/v1/info", NULL, NULL, &status);
  g_assert_cmpuint (status, ==, 200);
}

static void
test_tokens (Fixture       *fixture,
             gconstpointer  data)
{
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *body = push_body (fixture, CHANGE ("{\"title\":\"Neu\"}"));
  g_autofree char *wrong = g_strnfill (43, 'A');
  g_autofree char *long_token = g_strnfill (5000, 'A');
  const char *tokens[] = { NULL, "", wrong, long_token, "anna-secret-1" };
  g_autoptr(JsonNode) logout = NULL;
  guint status = 0;

  before = snapshot (fixture);
  for (guint i = 0; i < G_N_ELEMENTS (tokens); i++)
    {
      g_autoptr(JsonNode) answer = NULL;

      answer = lotse_test_server_request (fixture->server, "POST", "/v1/sync/push", tokens[i], body, &status);
      g_assert_cmpuint (status, ==, 401);
      assert_error (answer, "unauthorized", NULL, -1);
    }

  /* Not a bearer token at all. */
  {
    g_autofree char *request = g_strdup_printf ("POST /v1/sync/push HTTP/1.1\r\nHost: x\r\n"
                                                "Authorization: Basic YW5uYTphbm5h\r\n"
                                                "Connection: close\r\nContent-Length: %zu\r\n\r\n%s",
                                                strlen (body), body);
    g_autofree char *answer = lotse_test_server_raw (fixture->server, request, strlen (request), 5000);

    g_assert_true (g_str_has_prefix (answer, "HTTP/1.1 401"));
  }
  after = snapshot (fixture);
  g_assert_cmpstr (before, ==, after);

  /* Revoked by logout. */
  logout = lotse_test_server_request (fixture->server, "POST", "/v1/auth/logout", fixture->anna_token, "{}", &status);
  g_assert_cmpuint (status, ==, 200);
  g_free (before);
  before = snapshot (fixture);
  {
    g_autoptr(JsonNode) answer = NULL;

    answer = lotse_test_server_request (fixture->server, "POST", "/v1/sync/push", fixture->anna_token, body, &status);
    g_assert_cmpuint (status, ==, 401);
  }
  g_free (after);
  after = snapshot (fixture);
  g_assert_cmpstr (before, ==, after);
}

static void
test_foreign_device (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autofree char *before = snapshot (fixture);
  g_autofree char *after = NULL;
  g_autofree char *body = NULL;
  g_autoptr(JsonNode) answer = NULL;
  guint status = 0;

  /* Ben's token with Anna's device id. */
  body = push_body (fixture, CHANGE ("{\"title\":\"Neu\"}"));
  answer = lotse_test_server_request (fixture->server, "POST", "/v1/sync/push", fixture->ben_token, body, &status);
  g_assert_cmpuint (status, ==, 400);
  assert_error (answer, "device_mismatch", "device_id", -1);

  after = snapshot (fixture);
  g_assert_cmpstr (before, ==, after);
}

static void
test_foreign_op_id (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autofree char *before = snapshot (fixture);
  g_autofree char *after = NULL;
  g_autofree char *body = NULL;
  g_autoptr(JsonNode) answer = NULL;
  JsonObject *result;
  guint status = 0;

  /* Anna's op_id from the setup, sent by Ben. */
  body = g_strdup_printf ("{\"device_id\":\"%s\",\"changes\":[{\"op_id\":\"aaaaaaaa-0000-4000-8000-000000000001\","
                          "\"table\":\"project\",\"id\":\"" PROJECT_ID "\",\"base_rev\":1,\"deleted\":false,"
                          "\"fields\":{\"title\":\"Bens Titel\"}}]}", fixture->ben_device);
  answer = lotse_test_server_request (fixture->server, "POST", "/v1/sync/push", fixture->ben_token, body, &status);
  g_assert_cmpuint (status, ==, 200);
  result = json_array_get_object_element (json_object_get_array_member (json_node_get_object (answer), "results"), 0);
  g_assert_cmpstr (json_object_get_string_member (result, "status"), ==, "rejected");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (result, "error"), "code"), ==, "op_id_taken");

  after = snapshot (fixture);
  g_assert_cmpstr (before, ==, after);
}

static void
test_reader_push (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autofree char *before = snapshot (fixture);
  g_autofree char *after = NULL;
  g_autofree char *body = NULL;
  g_autoptr(JsonNode) answer = NULL;
  guint status = 0;

  body = g_strdup_printf ("{\"device_id\":\"%s\",\"changes\":[{\"op_id\":\"bbbbbbbb-0000-4000-8000-000000000009\","
                          "\"table\":\"project\",\"id\":\"" PROJECT_ID "\",\"base_rev\":1,\"deleted\":true,"
                          "\"fields\":{}}]}", fixture->rita_device);
  answer = lotse_test_server_request (fixture->server, "POST", "/v1/sync/push", fixture->rita_token, body, &status);
  g_assert_cmpuint (status, ==, 403);
  assert_error (answer, "read_only", NULL, -1);

  after = snapshot (fixture);
  g_assert_cmpstr (before, ==, after);
}

static void
test_cursors (Fixture       *fixture,
              gconstpointer  data)
{
  g_autofree char *before = snapshot (fixture);
  g_autofree char *after = NULL;
  const struct {
    const char *query;
    guint       status;
    const char *code;
  } cases[] = {
    { "cursor=", 400, "bad_cursor" },
    { "cursor=garbage", 400, "bad_cursor" },
    { "cursor=0f0e0d0c-0b0a-4908-8706-050403020100", 400, "bad_cursor" },
    { "cursor=0f0e0d0c-0b0a-4908-8706-050403020100%3A", 400, "bad_cursor" },
    { "cursor=0f0e0d0c-0b0a-4908-8706-050403020100%3A-1", 400, "bad_cursor" },
    { "cursor=0f0e0d0c-0b0a-4908-8706-050403020100%3A1x", 400, "bad_cursor" },
    { "cursor=0f0e0d0c-0b0a-4908-8706-050403020100%3A99999999999999999999", 400, "bad_cursor" },
    { "cursor=%FF%FE%3A1", 400, NULL },
    { "cursor=0f0e0d0c-0b0a-4908-8706-050403020100%3A1", 410, "resync_required" },
    { "limit=-1", 400, "bad_limit" },
    { "limit=1e3", 400, "bad_limit" },
  };
  guint status = 0;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/v1/sync/pull?%s", cases[i].query);
      g_autoptr(JsonNode) answer = NULL;

      g_test_message ("query: %s", cases[i].query);
      answer = lotse_test_server_request (fixture->server, "GET", path, fixture->anna_token, NULL, &status);
      g_assert_cmpuint (status, ==, cases[i].status);
      if (cases[i].code != NULL)
        assert_error (answer, cases[i].code, NULL, -1);
    }

  after = snapshot (fixture);
  g_assert_cmpstr (before, ==, after);
}

static void
test_login_input (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autofree char *before = snapshot (fixture);
  g_autofree char *after = NULL;
  g_autofree char *long_user = g_strnfill (65, 'a');
  g_autofree char *long_user_body = g_strdup_printf ("{\"user\":\"%s\",\"password\":\"x\"}", long_user);
  const char *bodies[] = {
    "", "{", "[]", "{\"user\":\"anna\"}", "{\"password\":\"anna-secret-1\"}",
    "{\"user\":5,\"password\":\"anna-secret-1\"}", "{\"user\":\"anna\",\"password\":null}",
    "{\"user\":\"\",\"password\":\"x\"}", long_user_body,
    "{\"user\":\"anna\",\"password\":\"anna-secret-1\",\"device_name\":7}",
    "{\"user\":\"an\xffna\",\"password\":\"anna-secret-1\"}",
  };
  guint status = 0;

  for (guint i = 0; i < G_N_ELEMENTS (bodies); i++)
    {
      g_autoptr(JsonNode) answer = NULL;

      answer = lotse_test_server_request (fixture->server, "POST", "/v1/auth/login", NULL, bodies[i], &status);
      g_assert_cmpuint (status, ==, 400);
      g_assert_nonnull (answer);
    }

  after = snapshot (fixture);
  g_assert_cmpstr (before, ==, after);
}

static void
test_garbage_request (Fixture       *fixture,
                      gconstpointer  data)
{
  const char garbage[] = "\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03 HELLO\r\n\r\n";
  g_autofree char *answer = NULL;
  g_autoptr(JsonNode) info = NULL;
  guint status = 0;

  answer = lotse_test_server_raw (fixture->server, garbage, sizeof garbage - 1, 3000);
  g_assert_false (g_str_has_prefix (answer, "HTTP/1.1 2"));

  info = lotse_test_server_request (fixture->server, "GET", "/v1/info", NULL, NULL, &status);
  g_assert_cmpuint (status, ==, 200);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)

  ADD ("/server-input/push", test_push_cases);
  ADD ("/server-input/strict-json", test_strict_json);
  ADD ("/server-input/deep-nesting", test_deep_nesting);
  ADD ("/server-input/body-too-large", test_body_too_large);
  ADD ("/server-input/chunked-too-large", test_chunked_too_large);
  ADD ("/server-input/tokens", test_tokens);
  ADD ("/server-input/foreign-device", test_foreign_device);
  ADD ("/server-input/foreign-op-id", test_foreign_op_id);
  ADD ("/server-input/reader-push", test_reader_push);
  ADD ("/server-input/cursors", test_cursors);
  ADD ("/server-input/login", test_login_input);
  ADD ("/server-input/garbage-request", test_garbage_request);

  return g_test_run ();
}
