/* test-server-parse.c: lotse-server's request parsers without a server
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Also replays the fuzzer's seed corpus and every input it ever crashed on
 * (fuzz/regressions) through the fuzz target, so a finding stays fixed in
 * the ordinary test run.
 */

#include "config.h"

#include <stdint.h>
#include <string.h>

#include "fuzz-server.h"
#include "lotse-server-json.h"
#include "lotse-server-request.h"
#include "lotse-server-storage.h"
#include "lotse-server-limits.h"
#include "lotse-server-auth.h"


static void
test_push_ok (void)
{
  const char body[] =
    "{\"device_id\":\"0f0e0d0c-0b0a-4908-8706-050403020100\",\"changes\":["
    "{\"op_id\":\"aaaaaaaa-0000-4000-8000-000000000001\",\"table\":\"meeting\","
    "\"id\":\"dddddddd-0000-4000-8000-000000000001\",\"base_rev\":4,\"deleted\":false,"
    "\"fields\":{\"title\":\"Jour fixe\",\"starts_at\":\"2024-03-05T10:00:00Z\",\"duration_min\":90,\"location\":null}},"
    "{\"op_id\":\"aaaaaaaa-0000-4000-8000-000000000002\",\"table\":\"tag\","
    "\"id\":\"dddddddd-0000-4000-8000-000000000002\",\"base_rev\":2,\"deleted\":true}]}";
  g_autoptr(LotseServerError) error = NULL;
  g_autoptr(LotseServerPush) push = NULL;
  const LotseServerChange *change;
  int starts_at, duration, location, title;

  push = lotse_server_parse_push (body, strlen (body), 10, &error);
  g_assert_null (error);
  g_assert_nonnull (push);
  g_assert_cmpuint (push->changes->len, ==, 2);

  change = g_ptr_array_index (push->changes, 0);
  g_assert_cmpstr (change->table->name, ==, "meeting");
  g_assert_cmpint (change->base_rev, ==, 4);
  g_assert_false (change->deleted);
  starts_at = lotse_table_field_index (change->table, "starts_at");
  duration = lotse_table_field_index (change->table, "duration_min");
  location = lotse_table_field_index (change->table, "location");
  title = lotse_table_field_index (change->table, "title");
  /* Normalised like the client's store does. */
  g_assert_cmpstr (change->values[starts_at], ==, "2024-03-05T10:00:00+00:00");
  g_assert_cmpstr (change->values[duration], ==, "90");
  g_assert_cmpstr (change->values[title], ==, "Jour fixe");
  g_assert_true (change->present[location]);
  g_assert_null (change->values[location]);
  g_assert_false (change->present[lotse_table_field_index (change->table, "notes")]);

  change = g_ptr_array_index (push->changes, 1);
  g_assert_true (change->deleted);
}

/* The optional pull cursor of a push: absent, well formed, or refused
 * like a pull's cursor, as a whole request. */
static void
test_push_cursor (void)
{
  const char *head = "{\"device_id\":\"0f0e0d0c-0b0a-4908-8706-050403020100\",";
  const char *tail = "\"changes\":[]}";
  const char *bad[] = {
    "\"cursor\":\"\",", "\"cursor\":\"abc\",", "\"cursor\":\"0f0e0d0c-0b0a-4908-8706-050403020100:\",",
    "\"cursor\":\"0f0e0d0c-0b0a-4908-8706-050403020100:-1\",",
    "\"cursor\":\"0f0e0d0c-0b0a-4908-8706-050403020100:99999999999999999999\",",
    "\"cursor\":\"not-a-uuid:5\",",
  };
  g_autoptr(LotseServerError) error = NULL;
  g_autoptr(LotseServerPush) push = NULL;
  g_autofree char *body = NULL;

  body = g_strconcat (head, tail, NULL);
  push = lotse_server_parse_push (body, strlen (body), 10, &error);
  g_assert_null (error);
  g_assert_false (push->has_cursor);
  g_clear_pointer (&push, lotse_server_push_free);
  g_clear_pointer (&body, g_free);

  body = g_strconcat (head, "\"cursor\":\"1b4e28ba-2fa1-41d2-883f-0016d3cca427:42\",", tail, NULL);
  push = lotse_server_parse_push (body, strlen (body), 10, &error);
  g_assert_null (error);
  g_assert_true (push->has_cursor);
  g_assert_cmpstr (push->cursor_server_id, ==, "1b4e28ba-2fa1-41d2-883f-0016d3cca427");
  g_assert_cmpint (push->cursor_seq, ==, 42);
  g_clear_pointer (&push, lotse_server_push_free);
  g_clear_pointer (&body, g_free);

  body = g_strconcat (head, "\"cursor\":42,", tail, NULL);
  push = lotse_server_parse_push (body, strlen (body), 10, &error);
  g_assert_null (push);
  g_assert_cmpstr (error->code, ==, "wrong_type");
  g_assert_cmpstr (error->field, ==, "cursor");
  g_clear_pointer (&error, lotse_server_error_free);
  g_clear_pointer (&body, g_free);

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autofree char *text = g_strconcat (head, bad[i], tail, NULL);

      push = lotse_server_parse_push (text, strlen (text), 10, &error);
      g_assert_null (push);
      g_assert_cmpstr (error->code, ==, "bad_cursor");
      g_assert_cmpuint (error->status, ==, 400);
      g_clear_pointer (&error, lotse_server_error_free);
    }
}

static void
test_shape (void)
{
  g_autoptr(LotseServerError) error = NULL;
  const char eight[] = "[[[[[[[[]]]]]]]]";
  const char nine[] = "[[[[[[[[[]]]]]]]]]";
  const char in_string[] = "{\"a\":\"[[[[[[[[[[[[[[[[\\\"[[[[[[[\"}";

  g_assert_true (lotse_server_json_check (eight, strlen (eight), NULL, &error));
  g_assert_true (lotse_server_json_check (in_string, strlen (in_string), NULL, &error));
  g_assert_false (lotse_server_json_check (nine, strlen (nine), NULL, &error));
  g_assert_cmpstr (error->code, ==, "too_deep");
  g_clear_pointer (&error, lotse_server_error_free);
  g_assert_false (lotse_server_json_check ("{\"a\":\"\xed\xa0\x80\"}", 9, NULL, &error));
  g_assert_cmpstr (error->code, ==, "invalid_utf8");
}

/* Exactly RFC 8259: what json-glib would also take is refused. */
static void
test_strict_json (void)
{
  const char *good[] = {
    "{}", " {\"a\" : [1, -0, 0.5, 1e5, -1.5E-3, true, false, null, \"\"]} \r\n",
    "{\"s\":\"\\\" \\\\ \\/ \\b \\f \\n \\r \\t \\u00e4 \\ud83d\\ude00 \xc3\xa4\"}",
    "{\"n\":9223372036854775807,\"m\":-9223372036854775808}", "[]", "\"x\"", "0",
    "[1e308, 1e-400, -0.0]",
  };
  const char *bad[] = {
    "{\"a\":1}{\"b\":2}", "{\"a\":1} x", "{'a':1}", "{\"a\":'x'}", "{a:1}",
    "{\"a\":1 /* c */}", "{\"a\":1} // c", "# c\n{}", "{\"a\":0x10}", "{\"a\":00}",
    "{\"a\":01}", "{\"a\":.5}", "{\"a\":1.}", "{\"a\":+1}", "{\"a\":-}", "{\"a\":1e}",
    "{\"a\":NaN}", "{\"a\":Infinity}", "{\"a\":-Infinity}", "{\"a\":tru}", "{\"a\":True}",
    "{\"a\":\"x\ty\"}", "{\"a\":\"x\ny\"}", "{\"a\":\"\x01\"}", "{\"a\":\"\\x41\"}",
    "{\"a\":\"\\u12\"}", "{\"a\":\"\\ud800\"}", "{\"a\":\"\\udc00\"}", "{\"a\":\"\\ud800\\u0041\"}",
    "{\"a\":1,}", "[1,]", "[,1]", "{,}", "{\"a\"}", "{\"a\":}", "{\"a\" 1}", "[1 2]",
    "\xef\xbb\xbf{}", "{\"a\":18446744073709551617}", "{\"a\":9223372036854775808}",
    "{\"a\":-9223372036854775809}", "{\"a\":1e400}", "{\"a\":-1.5e309}", "{\"a\":\"\\u0000\"}", "{\"a\":\"x", "{\"a\":1", "[",
    "\f{}", "{}\v", "\xc2\xa0{}", "", " ",
  };
  const char with_nul[] = "{\"a\":\"x\0y\"}";

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      g_autoptr(LotseServerError) error = NULL;

      g_test_message ("good: %s", good[i]);
      g_assert_true (lotse_server_json_check (good[i], strlen (good[i]), NULL, &error));
    }

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(LotseServerError) error = NULL;

      g_test_message ("bad: %s", bad[i]);
      g_assert_false (lotse_server_json_check (bad[i], strlen (bad[i]), NULL, &error));
      g_assert_cmpuint (error->status, ==, 400);
      g_assert_true (g_utf8_validate (error->message, -1, NULL));
    }

  {
    g_autoptr(LotseServerError) error = NULL;

    g_assert_false (lotse_server_json_check (with_nul, sizeof with_nul - 1, NULL, &error));
  }
}

/* json-glib keeps the last of two members with one name: refused. */
static void
test_duplicate_member (void)
{
  const char *bodies[] = {
    "{\"user\":\"anna\",\"user\":\"ben\",\"password\":\"x\"}",
    "{\"user\":\"anna\",\"password\":\"x\",\"pass\\u0077ord\":\"y\"}",
  };

  for (guint i = 0; i < G_N_ELEMENTS (bodies); i++)
    {
      g_autoptr(LotseServerError) error = NULL;
      g_autoptr(LotseServerLogin) login = lotse_server_parse_login (bodies[i], strlen (bodies[i]), &error);

      g_assert_null (login);
      g_assert_cmpstr (error->code, ==, "duplicate_member");
    }
}

/* The server's own tree (lotse_server_json_parse()) reads what json-glib,
 * which it replaces, read: escapes, surrogate pairs, numbers, nesting,
 * member order. */
static void
assert_same_tree (const LotseServerJsonNode *mine,
                  JsonNode                  *theirs)
{
  switch (mine->type)
    {
    case LOTSE_SERVER_JSON_NULL:
      g_assert_true (JSON_NODE_HOLDS_NULL (theirs));
      break;
    case LOTSE_SERVER_JSON_BOOLEAN:
      g_assert_cmpint (json_node_get_value_type (theirs), ==, G_TYPE_BOOLEAN);
      g_assert_cmpint (mine->integer, ==, json_node_get_boolean (theirs));
      break;
    case LOTSE_SERVER_JSON_INT:
      g_assert_cmpint (json_node_get_value_type (theirs), ==, G_TYPE_INT64);
      g_assert_cmpint (mine->integer, ==, json_node_get_int (theirs));
      break;
    case LOTSE_SERVER_JSON_DOUBLE:
      g_assert_cmpint (json_node_get_value_type (theirs), ==, G_TYPE_DOUBLE);
      break;
    case LOTSE_SERVER_JSON_STRING:
      g_assert_cmpstr (mine->string, ==, json_node_get_string (theirs));
      break;
    case LOTSE_SERVER_JSON_ARRAY:
      {
        JsonArray *array = json_node_get_array (theirs);
        guint i = 0;

        g_assert_cmpuint (mine->n_children, ==, json_array_get_length (array));
        for (const LotseServerJsonNode *child = mine->first; child != NULL; child = child->next)
          assert_same_tree (child, json_array_get_element (array, i++));
      }
      break;
    case LOTSE_SERVER_JSON_OBJECT:
      {
        JsonObject *object = json_node_get_object (theirs);
        g_autoptr(GList) names = json_object_get_members (object);
        const GList *name = names;

        g_assert_cmpuint (mine->n_children, ==, json_object_get_size (object));
        for (const LotseServerJsonNode *child = mine->first; child != NULL; child = child->next, name = name->next)
          {
            g_assert_cmpstr (child->name, ==, name->data);
            assert_same_tree (child, json_object_get_member (object, child->name));
          }
      }
      break;
    default:
      g_assert_not_reached ();
    }
}

static void
test_tree (void)
{
  const char * const texts[] = {
    "{\"a\":\"x\\\"y\\\\z\\/\\b\\f\\n\\r\\t\",\"b\":\"\\u00e4\\u20AC\\ud83d\\ude00 \u00fc\"}",
    "{\"z\":1,\"y\":-0,\"x\":-9223372036854775808,\"w\":9223372036854775807,\"v\":1.5,\"u\":2e3}",
    "[true,false,null,[],{},[[1],{\"\\u0041\":[\"\"]}]]",
    " \t\r\n{ \"k\" : [ 1 , \"two\" ] } ",
    "\"only a string\"",
    "42",
  };

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_autoptr(LotseServerError) error = NULL;
      g_autoptr(LotseServerJson) mine = lotse_server_json_parse (texts[i], strlen (texts[i]), &error);
      g_autoptr(JsonParser) parser = json_parser_new ();

      g_test_message ("%s", texts[i]);
      g_assert_null (error);
      g_assert_nonnull (mine);
      g_assert_false (lotse_server_json_has_duplicates (mine));
      g_assert_true (json_parser_load_from_data (parser, texts[i], -1, NULL));
      assert_same_tree (lotse_server_json_get_root (mine), json_parser_get_root (parser));
    }
}

/* Only what lotse_server_json_check() takes is built, and nothing of a
 * refused text is handed out. */
static void
test_tree_refused (void)
{
  const char * const texts[] = {
    "", "{", "{\"a\":1,}", "[1 2]", "\"\\ud800\"", "\"\\u0000\"", "99999999999999999999",
    "{\"a\":{\"b\":{\"c\":{\"d\":{\"e\":{\"f\":{\"g\":{\"h\":{}}}}}}}}}", "1 2",
  };

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_autoptr(LotseServerError) error = NULL;
      g_autoptr(LotseServerJson) tree = lotse_server_json_parse (texts[i], strlen (texts[i]), &error);

      g_test_message ("%s", texts[i]);
      g_assert_null (tree);
      g_assert_nonnull (error);
      g_assert_cmpuint (error->status, ==, 400);
    }

  /* A body may hold millions of members: the names of a large object are
   * compared through a hash table, not each with every other (which
   * took minutes here). */
  for (guint duplicate = 0; duplicate < 2; duplicate++)
    {
      g_autoptr(GString) text = g_string_new ("{");
      g_autoptr(LotseServerError) error = NULL;
      g_autoptr(LotseServerJson) tree = NULL;

      for (guint i = 0; i < 300000; i++)
        g_string_append_printf (text, "\"m%u\":%u,", i, i);
      g_string_append_printf (text, "\"m%u\":0}", duplicate ? 299990 : 300000);
      tree = lotse_server_json_parse (text->str, text->len, &error);
      g_assert_nonnull (tree);
      g_assert_cmpuint (lotse_server_json_get_root (tree)->n_children, ==, 300001);
      g_assert_cmpint (lotse_server_json_has_duplicates (tree), ==, duplicate);
    }

  {
    const char text[] = "{\"a\":1,\"b\":{\"c\":1,\"c\":2}}";
    g_autoptr(LotseServerError) error = NULL;
    g_autoptr(LotseServerJson) tree = lotse_server_json_parse (text, strlen (text), &error);

    g_assert_nonnull (tree);
    g_assert_true (lotse_server_json_has_duplicates (tree));
  }
}

/* The digest of a history (lotse_server_chain_digest()) is what clients
 * hold: SHA-256 over the parts, each with its NUL, whatever computes it. */
static void
test_chain_digest (void)
{
  const char * const revision[8] = {
    "meeting", "dddddddd-0000-4000-8000-000000000001", "3", "0", "{\"title\":\"Jour fixe \u00e4\"}",
    "0f0e0d0c-0b0a-4908-8706-050403020100", "anna", "2026-12-08T00:40:00Z",
  };
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  char digest[LOTSE_SERVER_DIGEST_LENGTH + 1];
  g_autofree char *expected = NULL;
  g_autofree char *next = NULL;

  g_checksum_update (checksum, (const guchar *)LOTSE_SERVER_DIGEST_EMPTY, sizeof LOTSE_SERVER_DIGEST_EMPTY);
  for (guint i = 0; i < 8; i++)
    g_checksum_update (checksum, (const guchar *)revision[i], strlen (revision[i]) + 1);
  expected = g_strndup (g_checksum_get_string (checksum), LOTSE_SERVER_DIGEST_LENGTH);

  lotse_server_chain_digest (LOTSE_SERVER_DIGEST_EMPTY, revision, digest);
  g_assert_cmpstr (digest, ==, expected);

  /* In place, as the backends call it. */
  lotse_server_chain_digest (digest, revision, digest);
  g_checksum_reset (checksum);
  g_checksum_update (checksum, (const guchar *)expected, strlen (expected) + 1);
  for (guint i = 0; i < 8; i++)
    g_checksum_update (checksum, (const guchar *)revision[i], strlen (revision[i]) + 1);
  next = g_strndup (g_checksum_get_string (checksum), LOTSE_SERVER_DIGEST_LENGTH);
  g_assert_cmpstr (digest, ==, next);
}

static void
test_pull_query (void)
{
  g_autoptr(LotseServerError) error = NULL;
  g_autoptr(LotseServerPull) pull = NULL;

  pull = lotse_server_parse_pull (NULL, &error);
  g_assert_nonnull (pull);
  g_assert_false (pull->has_cursor);
  g_assert_cmpuint (pull->limit, ==, 500);
  g_clear_pointer (&pull, lotse_server_pull_free);

  pull = lotse_server_parse_pull ("limit=7&cursor=0f0e0d0c-0b0a-4908-8706-050403020100%3A12", &error);
  g_assert_nonnull (pull);
  g_assert_true (pull->has_cursor);
  g_assert_cmpstr (pull->cursor_server_id, ==, "0f0e0d0c-0b0a-4908-8706-050403020100");
  g_assert_cmpint (pull->cursor_seq, ==, 12);
  g_assert_cmpuint (pull->limit, ==, 7);
}

static void
test_limiter (void)
{
  g_autoptr(LotseServerLimiter) limiter = lotse_server_limiter_new (2, 3);
  g_autoptr(LotseServerLimiter) off = lotse_server_limiter_new (0, 1);
  gint64 now = 1000 * G_USEC_PER_SEC;
  guint retry = 0;

  for (guint i = 0; i < 3; i++)
    g_assert_true (lotse_server_limiter_take (limiter, "a", now, &retry));
  g_assert_false (lotse_server_limiter_take (limiter, "a", now, &retry));
  g_assert_cmpuint (retry, ==, 1);
  g_assert_true (lotse_server_limiter_take (limiter, "b", now, &retry));
  /* Half a second later one token is back (2 per second). */
  g_assert_true (lotse_server_limiter_take (limiter, "a", now + G_USEC_PER_SEC / 2, &retry));
  g_assert_false (lotse_server_limiter_take (limiter, "a", now + G_USEC_PER_SEC / 2, &retry));

  for (guint i = 0; i < 1000; i++)
    g_assert_true (lotse_server_limiter_take (off, "a", now, &retry));
}

static void
test_backoff (void)
{
  g_autoptr(LotseServerBackoff) backoff = lotse_server_backoff_new (3, 1, 8);
  gint64 now = 1000 * G_USEC_PER_SEC;
  guint retry = 0, locked = 0, failures = 0;

  /* Three attempts are free, the fourth locks for 1 s. */
  for (guint i = 1; i <= 3; i++)
    {
      g_assert_true (lotse_server_backoff_take (backoff, "anna", now, &retry, &locked, &failures));
      g_assert_cmpuint (locked, ==, 0);
      g_assert_cmpuint (failures, ==, i);
    }
  g_assert_true (lotse_server_backoff_take (backoff, "anna", now, &retry, &locked, &failures));
  g_assert_cmpuint (locked, ==, 1);
  g_assert_false (lotse_server_backoff_take (backoff, "anna", now, &retry, &locked, &failures));
  g_assert_cmpuint (retry, ==, 1);

  /* Another account is not affected. */
  g_assert_true (lotse_server_backoff_take (backoff, "ben", now, &retry, &locked, &failures));

  /* Doubling, at most 8 s. */
  now += G_USEC_PER_SEC;
  g_assert_true (lotse_server_backoff_take (backoff, "anna", now, &retry, &locked, &failures));
  g_assert_cmpuint (locked, ==, 2);
  now += 2 * G_USEC_PER_SEC;
  g_assert_true (lotse_server_backoff_take (backoff, "anna", now, &retry, &locked, &failures));
  g_assert_cmpuint (locked, ==, 4);
  g_assert_false (lotse_server_backoff_take (backoff, "anna", now + 3 * G_USEC_PER_SEC, &retry, &locked, &failures));
  g_assert_cmpuint (retry, ==, 1);
  now += 4 * G_USEC_PER_SEC;
  g_assert_true (lotse_server_backoff_take (backoff, "anna", now, &retry, &locked, &failures));
  g_assert_cmpuint (locked, ==, 8);
  now += 8 * G_USEC_PER_SEC;
  g_assert_true (lotse_server_backoff_take (backoff, "anna", now, &retry, &locked, &failures));
  g_assert_cmpuint (locked, ==, 8);

  /* A success forgets the failures … */
  lotse_server_backoff_succeed (backoff, "anna");
  g_assert_true (lotse_server_backoff_take (backoff, "anna", now, &retry, &locked, &failures));
  g_assert_cmpuint (failures, ==, 1);

  /* … and so does an hour without one. */
  for (guint i = 0; i < 3; i++)
    g_assert_true (lotse_server_backoff_take (backoff, "ben", now, &retry, &locked, &failures));
  g_assert_cmpuint (locked, ==, 1);
  now += (gint64)3601 * G_USEC_PER_SEC;
  g_assert_true (lotse_server_backoff_take (backoff, "ben", now, &retry, &locked, &failures));
  g_assert_cmpuint (failures, ==, 1);
}

static void
test_passwords (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *hash = lotse_server_hash_password ("Projektbüro OWL", &error);
  g_autofree char *token = NULL;
  g_autofree char *other = NULL;

  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (hash, "$y$"));
  g_assert_true (lotse_server_check_password ("Projektbüro OWL", hash));
  g_assert_false (lotse_server_check_password ("Projektbuero OWL", hash));
  g_assert_false (lotse_server_check_password ("", hash));
  g_assert_false (lotse_server_check_password ("x", "not a hash"));

  token = lotse_server_new_token (&error);
  other = lotse_server_new_token (&error);
  g_assert_cmpuint (strlen (token), ==, 43);
  g_assert_cmpstr (token, !=, other);
  g_assert_null (strpbrk (token, "+/="));
  g_assert_cmpuint (strlen (lotse_server_hash_token (token)), ==, 64);
}

typedef int (*FuzzTarget) (const uint8_t *data,
                           size_t         size);

/* Every input of fuzz/@kind/@target goes through the fuzz target again. */
static guint
replay_dir (const char *kind,
            const char *target,
            FuzzTarget  func)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "fuzz", kind, target, NULL);
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *file;
  guint count = 0;

  if (dir == NULL)
    return 0;

  while ((file = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *input = g_build_filename (path, file, NULL);
      g_autofree char *data = NULL;
      gsize length;

      g_assert_true (g_file_get_contents (input, &data, &length, NULL));
      g_test_message ("replaying %s/%s/%s", kind, target, file);
      func ((const uint8_t *)data, length);
      count++;
    }

  return count;
}

static void
test_fuzz_corpus (void)
{
  const struct { const char *name; FuzzTarget func; } targets[] = {
    { "push", lotse_fuzz_push },
    { "login", lotse_fuzz_login },
    { "query", lotse_fuzz_query },
    { "page", lotse_fuzz_page },
  };

  for (guint i = 0; i < G_N_ELEMENTS (targets); i++)
    {
      g_assert_cmpuint (replay_dir ("corpus", targets[i].name, targets[i].func), >, 0);
      replay_dir ("regressions", targets[i].name, targets[i].func);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/server-parse/push-ok", test_push_ok);
  g_test_add_func ("/server-parse/push-cursor", test_push_cursor);
  g_test_add_func ("/server-parse/shape", test_shape);
  g_test_add_func ("/server-parse/strict-json", test_strict_json);
  g_test_add_func ("/server-parse/duplicate-member", test_duplicate_member);
  g_test_add_func ("/server-parse/tree", test_tree);
  g_test_add_func ("/server-parse/tree-refused", test_tree_refused);
  g_test_add_func ("/server-parse/chain-digest", test_chain_digest);
  g_test_add_func ("/server-parse/pull-query", test_pull_query);
  g_test_add_func ("/server-parse/limiter", test_limiter);
  g_test_add_func ("/server-parse/backoff", test_backoff);
  g_test_add_func ("/server-parse/passwords", test_passwords);
  g_test_add_func ("/server-parse/fuzz-corpus", test_fuzz_corpus);

  return g_test_run ();
}
