/* test-sync-apply.c: the sync client's local side against a real store
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The server's answers are written by hand here, in the form of
 * PROTOCOL.md; test-sync.c runs the same code against a real lotse-server.
 */

#include "config.h"

#include <string.h>

#include "lotse-sync-private.h"
#include "lotse-test-helpers.h"

typedef struct
{
  char       *dir;
  LotseStore *store;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->store = lotse_test_open_store (&fixture->dir);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->store);
  lotse_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
}

static JsonNode *
json_printf (const char *format,
             ...) G_GNUC_PRINTF (1, 2);

static JsonNode *
json_printf (const char *format,
             ...)
{
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  JsonNode *node;
  va_list ap;

  va_start (ap, format);
  text = g_strdup_vprintf (format, ap);
  va_end (ap);

  node = json_from_string (text, &error);
  g_assert_no_error (error);
  return node;
}

static LotseSyncPage *
page_printf (const char *format,
             ...) G_GNUC_PRINTF (1, 2);

static LotseSyncPage *
page_printf (const char *format,
             ...)
{
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  LotseSyncPage *page;
  va_list ap;

  va_start (ap, format);
  text = g_strdup_vprintf (format, ap);
  va_end (ap);

  page = lotse_sync_page_parse (text, strlen (text), &error);
  g_assert_no_error (error);
  return page;
}

static GPtrArray *
read_outbox (LotseStore *store)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *entries = lotse_store_sync_read_outbox (store, 100, &error);

  g_assert_no_error (error);
  return entries;
}

static LotseRecord *
get_row (LotseStore *store,
         const char *table,
         const char *id)
{
  g_autoptr(GError) error = NULL;
  LotseRecord *record = lotse_store_sync_get_row (store, table, id, &error);

  g_assert_no_error (error);
  g_assert_nonnull (record);
  return record;
}

static void
update_field (LotseStore *store,
              const char *table,
              const char *id,
              const char *field,
              const char *value)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LotseRecord) record = lotse_store_get (store, table, id, &error);

  g_assert_no_error (error);
  lotse_record_set (record, field, value);
  lotse_store_update (store, record, &error);
  g_assert_no_error (error);
}

/* Acknowledges everything in the outbox as applied, rev = base_rev + 1. */
static void
ack_all (LotseStore *store)
{
  for (;;)
    {
      g_autoptr(GPtrArray) entries = read_outbox (store);
      g_autoptr(GString) answer = g_string_new ("{\"results\":[");
      g_autoptr(JsonNode) node = NULL;
      g_autoptr(GError) error = NULL;
      LotseSyncStats stats = { 0, };

      if (entries->len == 0)
        return;

      for (guint i = 0; i < entries->len; i++)
        {
          LotseOutboxEntry *entry = g_ptr_array_index (entries, i);

          g_string_append_printf (answer, "%s{\"op_id\":\"%s\",\"status\":\"applied\",\"rev\":%"
                                  G_GINT64_FORMAT ",\"seq\":%u}",
                                  i ? "," : "", entry->op_id, entry->base_rev + 1, 1000 + i);
        }
      g_string_append (answer, "]}");
      node = json_from_string (answer->str, &error);
      g_assert_no_error (error);
      lotse_sync_apply_push_results (store, entries, node, NULL, NULL, NULL, &stats, &error);
      g_assert_no_error (error);
    }
}

static void
test_outbox_oldest_per_row (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autofree char *a = lotse_test_insert (fixture->store, "organisation", "name=A", NULL);
  g_autofree char *b = lotse_test_insert (fixture->store, "organisation", "name=B", NULL);
  g_autoptr(GPtrArray) first = NULL;
  g_autoptr(GPtrArray) limited = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *body = NULL;
  g_autoptr(JsonNode) parsed = NULL;
  guint n_included = 0;

  update_field (fixture->store, "organisation", a, "city", "Bielefeld");

  first = read_outbox (fixture->store);
  g_assert_cmpuint (first->len, ==, 2);
  g_assert_cmpstr (((LotseOutboxEntry *)first->pdata[0])->row_id, ==, a);
  g_assert_cmpstr (((LotseOutboxEntry *)first->pdata[1])->row_id, ==, b);

  limited = lotse_store_sync_read_outbox (fixture->store, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (limited->len, ==, 1);

  body = lotse_sync_build_push_body ("0d7c2e1a-4b1f-4a36-9d8e-1f0a7c9b2e11", NULL, NULL, first, 0, &n_included);
  g_assert_cmpuint (n_included, ==, 2);
  parsed = json_from_string (body, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (json_node_get_object (parsed),
                                                                        "changes")), ==, 2);

  /* A limit on the size keeps the body under it and says how many fit. */
  for (gsize limit = 1; limit < strlen (body) + 10; limit++)
    {
      g_autofree char *cut = lotse_sync_build_push_body ("0d7c2e1a-4b1f-4a36-9d8e-1f0a7c9b2e11", NULL, NULL, first, limit,
                                                         &n_included);
      g_autoptr(JsonNode) cut_parsed = json_from_string (cut, &error);

      g_assert_no_error (error);
      g_assert_cmpuint (json_array_get_length (json_object_get_array_member (json_node_get_object (cut_parsed),
                                                                            "changes")), ==, n_included);
      if (n_included > 0)
        g_assert_cmpuint (strlen (cut), <=, limit);
      if (limit >= strlen (body))
        g_assert_cmpuint (n_included, ==, 2);
    }
}

static void
test_push_applied_rebases (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autofree char *a = lotse_test_insert (fixture->store, "organisation", "name=A", NULL);
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GPtrArray) rest = NULL;
  g_autoptr(JsonNode) answer = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(LotseRecord) row = NULL;
  LotseSyncStats stats = { 0, };

  update_field (fixture->store, "organisation", a, "city", "Bielefeld");
  entries = read_outbox (fixture->store);
  g_assert_cmpuint (entries->len, ==, 1);

  answer = json_printf ("{\"results\":[{\"op_id\":\"%s\",\"status\":\"applied\",\"rev\":1,\"seq\":7}]}",
                        ((LotseOutboxEntry *)entries->pdata[0])->op_id);
  g_assert_true (lotse_sync_apply_push_results (fixture->store, entries, answer, NULL, NULL, NULL, &stats, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (stats.pushed, ==, 1);

  /* The update made on top of the insert is now based on revision 1. */
  rest = read_outbox (fixture->store);
  g_assert_cmpuint (rest->len, ==, 1);
  g_assert_cmpint (((LotseOutboxEntry *)rest->pdata[0])->base_rev, ==, 1);
  row = get_row (fixture->store, "organisation", a);
  g_assert_cmpint (lotse_record_get_rev (row), ==, 1);
  g_assert_cmpstr (lotse_record_get (row, "city"), ==, "Bielefeld");
}

static void
test_push_bad_answer_keeps_outbox (Fixture       *fixture,
                                   gconstpointer  data)
{
  g_autofree char *a = lotse_test_insert (fixture->store, "organisation", "name=A", NULL);
  g_autofree char *b = lotse_test_insert (fixture->store, "organisation", "name=B", NULL);
  g_autoptr(GPtrArray) entries = read_outbox (fixture->store);
  const char *answers[] = {
    "[]",
    "{\"results\":[]}",
    "{\"results\":[{\"op_id\":\"%s\",\"status\":\"applied\",\"rev\":1,\"seq\":1},"
      "{\"op_id\":\"%s\",\"status\":\"applied\",\"rev\":1,\"seq\":2}]}",
    "{\"results\":[{\"op_id\":\"%s\",\"status\":\"applied\",\"rev\":1,\"seq\":1},"
      "{\"op_id\":\"%s\",\"status\":\"exploded\"}]}",
    "{\"results\":[{\"op_id\":\"%s\",\"status\":\"applied\",\"rev\":1,\"seq\":1},"
      "{\"op_id\":\"%s\",\"status\":\"merged\",\"rev\":2,\"seq\":2}]}",
    "{\"results\":[{\"op_id\":\"%s\",\"status\":\"applied\",\"rev\":1,\"seq\":1},"
      "{\"op_id\":\"%s\",\"status\":\"conflict\",\"fields\":[\"name\"]}]}",
  };

  for (guint i = 0; i < G_N_ELEMENTS (answers); i++)
    {
      g_autofree char *text = NULL;
      g_autoptr(JsonNode) answer = NULL;
      g_autoptr(GError) error = NULL;
      LotseSyncStats stats = { 0, };

#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
#pragma GCC diagnostic ignored "-Wformat-extra-args"
      /* The second result names the wrong op in the third answer. */
      text = g_strdup_printf (answers[i], ((LotseOutboxEntry *)entries->pdata[0])->op_id,
                              i == 2 ? ((LotseOutboxEntry *)entries->pdata[0])->op_id
                                     : ((LotseOutboxEntry *)entries->pdata[1])->op_id);
#pragma GCC diagnostic pop
      answer = json_from_string (text, NULL);
      g_assert_false (lotse_sync_apply_push_results (fixture->store, entries, answer, NULL, NULL, NULL, &stats, &error));
      g_assert_error (error, LOTSE_SYNC_ERROR, LOTSE_SYNC_ERROR_PROTOCOL);
      /* Nothing of the answer was applied: the same op_ids go out again. */
      g_assert_cmpint (lotse_store_count_outbox (fixture->store), ==, 2);
      g_assert_cmpint (lotse_test_query_int (lotse_store_get_path (fixture->store),
                                             "SELECT count(*) FROM organisation WHERE rev > 0"), ==, 0);
    }

  (void)a;
  (void)b;
}

static void
test_push_merged_keeps_pending (Fixture       *fixture,
                                gconstpointer  data)
{
  g_autofree char *a = lotse_test_insert (fixture->store, "organisation", "name=A", "city=Minden", NULL);
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(JsonNode) answer = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(LotseRecord) row = NULL;
  LotseSyncStats stats = { 0, };

  ack_all (fixture->store);
  update_field (fixture->store, "organisation", a, "city", "Herford");
  entries = read_outbox (fixture->store);
  /* Edited again while the push is on its way. */
  update_field (fixture->store, "organisation", a, "notes", "local note");

  answer = json_printf ("{\"results\":[{\"op_id\":\"%s\",\"status\":\"merged\",\"rev\":3,\"seq\":9,"
                        "\"row\":{\"rev\":3,\"deleted\":false,\"fields\":{\"name\":\"A (renamed)\","
                        "\"kind\":\"other\",\"city\":\"Herford\",\"website\":null,\"notes\":\"server note\"}}}]}",
                        ((LotseOutboxEntry *)entries->pdata[0])->op_id);
  g_assert_true (lotse_sync_apply_push_results (fixture->store, entries, answer, NULL, NULL, NULL, &stats, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (stats.merged, ==, 1);

  row = get_row (fixture->store, "organisation", a);
  g_assert_cmpstr (lotse_record_get (row, "name"), ==, "A (renamed)");
  g_assert_cmpstr (lotse_record_get (row, "city"), ==, "Herford");
  g_assert_cmpstr (lotse_record_get (row, "notes"), ==, "local note");
  g_assert_cmpint (lotse_record_get_rev (row), ==, 3);
  g_assert_cmpint (lotse_store_count_outbox (fixture->store), ==, 1);
  /* The later edit keeps the revision it was made on: the server must
   * still see what other devices changed since then (the rename). */
  g_assert_cmpint (lotse_test_query_int (lotse_store_get_path (fixture->store),
                                         "SELECT base_rev FROM outbox"), ==, 1);
}

static void
test_push_conflict_and_resolve (Fixture       *fixture,
                                gconstpointer  data)
{
  g_autofree char *a = lotse_test_insert (fixture->store, "organisation", "name=A", "city=Minden", NULL);
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GPtrArray) conflicts = NULL;
  g_autoptr(JsonNode) answer = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(LotseRecord) row = NULL;
  g_autoptr(LotseRecord) resolved = NULL;
  g_autoptr(GPtrArray) outbox = NULL;
  LotseConflict *conflict;
  LotseSyncStats stats = { 0, };

  ack_all (fixture->store);
  {
    g_autoptr(LotseRecord) record = lotse_store_get (fixture->store, "organisation", a, &error);

    lotse_record_set (record, "name", "A mine");
    lotse_record_set (record, "notes", "only here");
    lotse_store_update (fixture->store, record, &error);
    g_assert_no_error (error);
  }
  entries = read_outbox (fixture->store);

  answer = json_printf ("{\"results\":[{\"op_id\":\"%s\",\"status\":\"conflict\",\"fields\":[\"name\"],"
                        "\"server\":{\"rev\":2,\"deleted\":false,\"fields\":{\"name\":\"A theirs\","
                        "\"kind\":\"other\",\"city\":\"Lemgo\",\"website\":null,\"notes\":null}},"
                        "\"base\":{\"rev\":1,\"deleted\":false,\"fields\":{\"name\":\"A\","
                        "\"kind\":\"other\",\"city\":\"Minden\",\"website\":null,\"notes\":null}}}]}",
                        ((LotseOutboxEntry *)entries->pdata[0])->op_id);
  g_assert_true (lotse_sync_apply_push_results (fixture->store, entries, answer, NULL, NULL, NULL, &stats, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (stats.conflicts, ==, 1);

  /* The row shows the server's state plus the field that did not conflict,
   * which waits in the outbox based on the server's revision. */
  row = get_row (fixture->store, "organisation", a);
  g_assert_cmpstr (lotse_record_get (row, "name"), ==, "A theirs");
  g_assert_cmpstr (lotse_record_get (row, "city"), ==, "Lemgo");
  g_assert_cmpstr (lotse_record_get (row, "notes"), ==, "only here");
  g_assert_cmpint (lotse_record_get_rev (row), ==, 2);
  outbox = read_outbox (fixture->store);
  g_assert_cmpuint (outbox->len, ==, 1);
  g_assert_cmpint (((LotseOutboxEntry *)outbox->pdata[0])->base_rev, ==, 2);
  g_assert_cmpstr (((LotseOutboxEntry *)outbox->pdata[0])->fields_json, ==, "{\"notes\":\"only here\"}");

  conflicts = lotse_store_sync_list_conflicts (fixture->store, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (conflicts->len, ==, 1);
  conflict = g_ptr_array_index (conflicts, 0);
  g_assert_cmpstr (conflict->row_id, ==, a);
  g_assert_cmpstr (conflict->fields_json, ==, "[\"name\"]");
  g_assert_nonnull (strstr (conflict->mine_json, "\"A mine\""));
  g_assert_nonnull (strstr (conflict->theirs_json, "\"A theirs\""));
  g_assert_nonnull (strstr (conflict->base_json, "\"Minden\""));
  g_assert_cmpint (conflict->theirs_rev, ==, 2);

  ack_all (fixture->store);
  g_assert_true (lotse_sync_resolve_conflict (fixture->store, conflict->id, LOTSE_SYNC_TAKE_MINE, &error));
  g_assert_no_error (error);
  resolved = get_row (fixture->store, "organisation", a);
  g_assert_cmpstr (lotse_record_get (resolved, "name"), ==, "A mine");
  g_assert_cmpstr (lotse_record_get (resolved, "city"), ==, "Lemgo");
  g_assert_cmpint (lotse_store_count_outbox (fixture->store), ==, 1);
  g_assert_cmpint (lotse_store_sync_count_conflicts (fixture->store), ==, 0);

  /* A second decision is refused and changes nothing. */
  g_assert_false (lotse_sync_resolve_conflict (fixture->store, conflict->id, LOTSE_SYNC_TAKE_THEIRS, &error));
  g_assert_error (error, LOTSE_ERROR, LOTSE_ERROR_INVALID_VALUE);
  g_clear_error (&error);
  g_assert_false (lotse_sync_resolve_conflict (fixture->store, "no-such-conflict", LOTSE_SYNC_TAKE_MINE, &error));
  g_assert_error (error, LOTSE_ERROR, LOTSE_ERROR_NOT_FOUND);
  g_assert_cmpint (lotse_store_count_outbox (fixture->store), ==, 1);
}

static void
test_push_edit_vs_delete (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autofree char *a = lotse_test_insert (fixture->store, "organisation", "name=A", NULL);
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GPtrArray) conflicts = NULL;
  g_autoptr(JsonNode) answer = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(LotseRecord) row = NULL;
  g_autoptr(LotseRecord) after = NULL;
  g_autoptr(GPtrArray) outbox = NULL;
  LotseSyncStats stats = { 0, };

  ack_all (fixture->store);
  update_field (fixture->store, "organisation", a, "city", "Detmold");
  entries = read_outbox (fixture->store);

  /* Deleted on the server meanwhile. */
  answer = json_printf ("{\"results\":[{\"op_id\":\"%s\",\"status\":\"conflict\",\"fields\":[],"
                        "\"server\":{\"rev\":2,\"deleted\":true,\"fields\":{\"name\":\"A\","
                        "\"kind\":\"other\",\"city\":null,\"website\":null,\"notes\":null}},\"base\":null}]}",
                        ((LotseOutboxEntry *)entries->pdata[0])->op_id);
  g_assert_true (lotse_sync_apply_push_results (fixture->store, entries, answer, NULL, NULL, NULL, &stats, &error));
  g_assert_no_error (error);

  row = get_row (fixture->store, "organisation", a);
  g_assert_true (lotse_record_get_deleted (row));
  g_assert_cmpint (lotse_store_count_outbox (fixture->store), ==, 0);

  conflicts = lotse_store_sync_list_conflicts (fixture->store, FALSE, &error);
  g_assert_cmpuint (conflicts->len, ==, 1);

  /* Keeping the edit brings the row back, as an ordinary change. */
  g_assert_true (lotse_sync_resolve_conflict (fixture->store, ((LotseConflict *)conflicts->pdata[0])->id,
                                              LOTSE_SYNC_TAKE_MINE, &error));
  g_assert_no_error (error);
  after = get_row (fixture->store, "organisation", a);
  g_assert_false (lotse_record_get_deleted (after));
  g_assert_cmpstr (lotse_record_get (after, "city"), ==, "Detmold");
  outbox = read_outbox (fixture->store);
  g_assert_cmpuint (outbox->len, ==, 1);
  g_assert_false (((LotseOutboxEntry *)outbox->pdata[0])->deleted);
  g_assert_cmpint (((LotseOutboxEntry *)outbox->pdata[0])->base_rev, ==, 2);
}

static void
test_push_rejected (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autofree char *a = lotse_test_insert (fixture->store, "organisation", "name=A", NULL);
  g_autoptr(GPtrArray) entries = read_outbox (fixture->store);
  g_autoptr(GPtrArray) conflicts = NULL;
  g_autoptr(JsonNode) answer = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) outbox = NULL;
  LotseSyncStats stats = { 0, };

  answer = json_printf ("{\"results\":[{\"op_id\":\"%s\",\"status\":\"rejected\",\"error\":"
                        "{\"code\":\"op_id_taken\",\"message\":\"taken\"}}]}",
                        ((LotseOutboxEntry *)entries->pdata[0])->op_id);
  g_test_expect_message ("lotse-sync", G_LOG_LEVEL_WARNING, "*rejected*");
  g_assert_true (lotse_sync_apply_push_results (fixture->store, entries, answer, NULL, NULL, NULL, &stats, &error));
  g_test_assert_expected_messages ();
  g_assert_no_error (error);
  g_assert_cmpuint (stats.rejected, ==, 1);
  g_assert_cmpint (lotse_store_count_outbox (fixture->store), ==, 0);

  conflicts = lotse_store_sync_list_conflicts (fixture->store, FALSE, &error);
  g_assert_cmpuint (conflicts->len, ==, 1);
  g_assert_cmpstr (((LotseConflict *)conflicts->pdata[0])->error, ==, "op_id_taken: taken");

  /* Taking mine sends the whole row again under a new op_id. */
  g_assert_true (lotse_sync_resolve_conflict (fixture->store, ((LotseConflict *)conflicts->pdata[0])->id,
                                              LOTSE_SYNC_TAKE_MINE, &error));
  g_assert_no_error (error);
  outbox = read_outbox (fixture->store);
  g_assert_cmpuint (outbox->len, ==, 1);
  g_assert_nonnull (strstr (((LotseOutboxEntry *)outbox->pdata[0])->fields_json, "\"name\":\"A\""));
  g_assert_cmpstr (((LotseOutboxEntry *)outbox->pdata[0])->op_id, !=,
                   ((LotseOutboxEntry *)entries->pdata[0])->op_id);
  (void)a;
}

static void
save_state (LotseStore *store)
{
  LotseSyncStateRow row = { (char *)"srv", (char *)"http://x", NULL, NULL, 0, NULL };
  g_autoptr(GError) error = NULL;

  lotse_store_sync_save_state (store, &row, &error);
  g_assert_no_error (error);
}

static void
test_pull_page (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *local = lotse_test_insert (fixture->store, "organisation", "name=Local", NULL);
  const char *remote = "6b0f8a3e-2c4d-4e5f-8a9b-0c1d2e3f4a5b";
  const char *gone = "7c1a9b4f-3d5e-4f6a-9b0c-1d2e3f4a5b6c";
  g_autoptr(LotseSyncPage) page = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(LotseRecord) kept = NULL;
  g_autoptr(LotseRecord) pulled = NULL;
  g_autoptr(LotseRecord) tomb = NULL;
  LotseSyncStats stats = { 0, };
  gint64 cursor = 0;
  gboolean more = TRUE;

  save_state (fixture->store);
  page = page_printf ("{\"server_id\":\"srv\",\"rows\":["
                      "{\"table\":\"organisation\",\"id\":\"%s\",\"rev\":4,\"seq\":10,\"deleted\":false,"
                      "\"fields\":{\"name\":\"Server\",\"kind\":\"other\",\"city\":null,\"website\":null,\"notes\":null},"
                      "\"updated_at\":\"2026-01-01T00:00:00Z\"},"
                      "{\"table\":\"organisation\",\"id\":\"%s\",\"rev\":1,\"seq\":11,\"deleted\":false,"
                      "\"fields\":{\"name\":\"New\",\"kind\":\"company\",\"city\":\"Paderborn\",\"website\":null,\"notes\":null},"
                      "\"updated_at\":\"2026-01-02T00:00:00Z\"},"
                      "{\"table\":\"organisation\",\"id\":\"%s\",\"rev\":2,\"seq\":12,\"deleted\":true,"
                      "\"fields\":{\"name\":\"Gone\",\"kind\":\"other\",\"city\":null,\"website\":null,\"notes\":null},"
                      "\"updated_at\":\"2026-01-03T00:00:00Z\"},"
                      "{\"table\":\"future_table\",\"id\":\"%s\",\"rev\":1,\"seq\":13,\"deleted\":false,"
                      "\"fields\":{},\"updated_at\":\"2026-01-03T00:00:00Z\"}"
                      "],\"next_cursor\":\"srv:13\",\"more\":false}",
                      local, remote, gone, gone);

  g_assert_true (lotse_sync_apply_pull_page (fixture->store, "srv", page, FALSE, &cursor, &more, &stats, &error));
  g_assert_no_error (error);
  g_assert_cmpint (cursor, ==, 13);
  g_assert_false (more);
  g_assert_cmpuint (stats.pulled, ==, 2);
  g_assert_cmpuint (stats.held_back, ==, 1);

  /* Unpushed local edits are not overwritten. */
  kept = get_row (fixture->store, "organisation", local);
  g_assert_cmpstr (lotse_record_get (kept, "name"), ==, "Local");
  pulled = get_row (fixture->store, "organisation", remote);
  g_assert_cmpstr (lotse_record_get (pulled, "city"), ==, "Paderborn");
  g_assert_cmpint (lotse_record_get_rev (pulled), ==, 1);
  tomb = get_row (fixture->store, "organisation", gone);
  g_assert_true (lotse_record_get_deleted (tomb));
  g_assert_cmpint (lotse_test_query_int (lotse_store_get_path (fixture->store),
                                         "SELECT cursor FROM sync_state WHERE server_id = 'srv'"), ==, 13);
}

static void
test_pull_bad_page_changes_nothing (Fixture       *fixture,
                                    gconstpointer  data)
{
  const char *remote = "6b0f8a3e-2c4d-4e5f-8a9b-0c1d2e3f4a5b";
  const char *pages[] = {
    "{\"rows\":[],\"next_cursor\":\"srv:garbage\",\"more\":false}",
    "{\"rows\":[],\"more\":false}",
    "{\"rows\":{},\"next_cursor\":\"srv:1\",\"more\":false}",
    "{\"rows\":[{\"table\":\"organisation\",\"id\":\"%s\",\"rev\":1,\"deleted\":false,"
      "\"fields\":{\"name\":\"Fine\"}},{\"table\":\"organisation\",\"id\":\"not-a-uuid\",\"rev\":1,"
      "\"deleted\":false,\"fields\":{}}],\"next_cursor\":\"srv:2\",\"more\":false}",
    "{\"rows\":[{\"table\":\"organisation\",\"id\":\"%s\",\"rev\":\"1\",\"deleted\":false,"
      "\"fields\":{\"name\":\"Fine\"}}],\"next_cursor\":\"srv:2\",\"more\":false}",
  };

  save_state (fixture->store);

  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    {
      g_autofree char *text = NULL;
      g_autoptr(LotseSyncPage) page = NULL;
      g_autoptr(GError) error = NULL;
      LotseSyncStats stats = { 0, };
      gint64 cursor = 0;
      gboolean more = FALSE;

#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
#pragma GCC diagnostic ignored "-Wformat-extra-args"
      text = g_strdup_printf (pages[i], remote);
#pragma GCC diagnostic pop
      page = lotse_sync_page_parse (text, strlen (text), NULL);
      g_assert_nonnull (page);
      g_assert_false (lotse_sync_apply_pull_page (fixture->store, "srv", page, FALSE, &cursor, &more, &stats, &error));
      g_assert_error (error, LOTSE_SYNC_ERROR, LOTSE_SYNC_ERROR_PROTOCOL);
      g_assert_cmpint (lotse_test_query_int (lotse_store_get_path (fixture->store),
                                             "SELECT count(*) FROM organisation"), ==, 0);
      g_assert_cmpint (lotse_test_query_int (lotse_store_get_path (fixture->store),
                                             "SELECT cursor FROM sync_state"), ==, 0);
    }
}

/* The page reader against json-glib's reading of the same text, and
 * against text that is not JSON. */
static void
test_page_parse (void)
{
  const char good[] =
    " {\"extra\":{\"deep\":[1,2,{\"x\":null}]},\"rows\":[ {\"fields\":{\"name\":\"first\"},"
    "\"table\":\"organisation\",\"id\":\"6b0f8a3e-2c4d-4e5f-8a9b-0c1d2e3f4a5b\",\"rev\":7,"
    "\"deleted\":true,\"updated_at\":\"2026-11-30T10:00:00Z\",\"fields\":{"
    "\"name\":\"B\\u00fcro \\\"Nord\\\"\\n\\t\\/\\\\ \\ud83d\\ude00 Stra\u00dfe\","
    "\"count\":-42,\"big\":123456789012345678901234567890,\"real\":1.5e3,\"flag\":false,"
    "\"nothing\":null,\"nested\":{\"a\":[]},\"name\":\"second\"}},"
    "{\"table\":5,\"id\":\"x\",\"rev\":\"1\",\"deleted\":0,\"fields\":[]}],"
    "\"next_cursor\":\"srv:41\",\"more\":true}\n";
  const char *bad[] = {
    "", " ", "[]", "null", "{", "{\"rows\":[}", "{\"a\":\"open}", "{\"a\":\"tab\there\"}",
    "{\"a\":\"\\x\"}", "{\"a\":\"\\ud800\"}", "{\"a\":\"\\udc00\"}", "{\"a\":\"\\ud800\\u0041\"}",
    "{\"a\":\"\\u0000\"}", "{\"a\":\"\\u12\"}", "{\"a\":01}", "{\"a\":1.}", "{\"a\":-}", "{\"a\":.5}",
    "{\"a\":1e}", "{\"a\":tru}", "{\"a\":nul}", "{\"a\":1,}", "{,}", "{\"a\" 1}", "{\"a\":1} x",
    "{\"a\":1}}", "{'a':1}", "{\"a\":\"\xff\"}", "{\"a\":\"\xc3\"}", "{\"rows\":[1]}",
    "{\"rows\":[{\"fields\":{\"a\":1,}}]}",
  };
  g_autoptr(LotseSyncPage) page = NULL;
  g_autoptr(GError) error = NULL;
  const LotseSyncPageRow *row;
  const LotseSyncValue *value;
  g_autoptr(GString) deep = g_string_new ("{\"a\":");

  page = lotse_sync_page_parse (good, sizeof good - 1, &error);
  g_assert_no_error (error);
  g_assert_true (lotse_sync_page_has_rows (page));
  g_assert_cmpuint (lotse_sync_page_get_n_rows (page), ==, 2);
  g_assert_cmpint (lotse_sync_page_get_more (page), ==, TRUE);
  g_assert_cmpstr (lotse_sync_page_get_next_cursor (page), ==, "srv:41");

  row = lotse_sync_page_get_row (page, 0);
  g_assert_cmpstr (row->table, ==, "organisation");
  g_assert_true (row->has_rev);
  g_assert_cmpint (row->rev, ==, 7);
  g_assert_cmpint (row->deleted, ==, TRUE);
  g_assert_cmpstr (row->updated_at, ==, "2026-11-30T10:00:00Z");
  g_assert_true (row->has_fields);
  /* The second "fields" replaced the first; the last "name" counts. */
  value = lotse_sync_page_get_value (page, row, "name");
  g_assert_cmpstr (value->text, ==, "second");
  value = lotse_sync_page_get_nth_value (page, row, 0);
  g_assert_cmpint (value->kind, ==, LOTSE_SYNC_VALUE_STRING);
  g_assert_cmpstr (value->text, ==, "B\u00fcro \"Nord\"\n\t/\\ \U0001F600 Stra\u00dfe");
  g_assert_cmpint (lotse_sync_page_get_value (page, row, "count")->number, ==, -42);
  g_assert_cmpint (lotse_sync_page_get_value (page, row, "big")->kind, ==, LOTSE_SYNC_VALUE_DOUBLE);
  g_assert_cmpfloat (lotse_sync_page_get_value (page, row, "real")->real, ==, 1500.0);
  g_assert_cmpint (lotse_sync_page_get_value (page, row, "flag")->kind, ==, LOTSE_SYNC_VALUE_BOOL);
  g_assert_cmpint (lotse_sync_page_get_value (page, row, "nothing")->kind, ==, LOTSE_SYNC_VALUE_NULL);
  g_assert_cmpint (lotse_sync_page_get_value (page, row, "nested")->kind, ==, LOTSE_SYNC_VALUE_OTHER);
  g_assert_null (lotse_sync_page_get_value (page, row, "missing"));

  /* Members of the wrong type are marked, for the apply to refuse. */
  row = lotse_sync_page_get_row (page, 1);
  g_assert_null (row->table);
  g_assert_false (row->has_rev);
  g_assert_cmpint (row->deleted, ==, -1);
  g_assert_false (row->has_fields);
  g_clear_pointer (&page, lotse_sync_page_free);

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      page = lotse_sync_page_parse (bad[i], strlen (bad[i]), &error);
      if (page != NULL)
        g_error ("accepted: %s", bad[i]);
      g_assert_error (error, LOTSE_SYNC_ERROR, LOTSE_SYNC_ERROR_PROTOCOL);
      g_clear_error (&error);
    }

  /* A NUL byte is not JSON, also inside a string. */
  page = lotse_sync_page_parse ("{\"a\":\"x\0y\"}", 11, &error);
  g_assert_null (page);
  g_clear_error (&error);

  /* Nesting beyond the limit, in a member nobody reads. */
  for (guint i = 0; i < 100; i++)
    g_string_append_c (deep, '[');
  for (guint i = 0; i < 100; i++)
    g_string_append_c (deep, ']');
  g_string_append_c (deep, '}');
  page = lotse_sync_page_parse (deep->str, deep->len, &error);
  g_assert_null (page);
  g_assert_error (error, LOTSE_SYNC_ERROR, LOTSE_SYNC_ERROR_PROTOCOL);
}

static void
test_parse_cursor (void)
{
  gint64 seq = -1;

  g_assert_true (lotse_sync_parse_cursor ("abc:42", &seq));
  g_assert_cmpint (seq, ==, 42);
  g_assert_true (lotse_sync_parse_cursor ("a:b:0", &seq));
  g_assert_cmpint (seq, ==, 0);
  g_assert_false (lotse_sync_parse_cursor ("42", &seq));
  g_assert_false (lotse_sync_parse_cursor ("abc:", &seq));
  g_assert_false (lotse_sync_parse_cursor ("abc:-1", &seq));
  g_assert_false (lotse_sync_parse_cursor (NULL, &seq));
}

/* Marks (lotse-sync-restore.c): the newest first; one older than the
 * newest changes nothing; older ones thin out with growing distances,
 * so that an old backup still meets one, and the list stays short. */
static void
test_marks (void)
{
  g_autofree char *marks = NULL;
  g_autofree char *newest = NULL;
  g_autofree char *unchanged = NULL;
  g_auto(GStrv) kept = NULL;
  gint64 previous_distance = 0;

  for (guint seq = 1; seq <= 5000; seq++)
    {
      g_autofree char *mark = g_strdup_printf ("%u:%032x", seq, seq);
      char *next = lotse_sync_marks_add (marks, mark);

      g_free (marks);
      marks = next;
    }

  newest = lotse_sync_marks_newest (marks);
  g_assert_cmpstr (newest, ==, "5000:00000000000000000000000000001388");
  unchanged = lotse_sync_marks_add (marks, "17:00000000000000000000000000000011");
  g_assert_cmpstr (unchanged, ==, marks);
  /* What a server should never send is not kept. */
  for (guint i = 0; i < 4; i++)
    {
      static const char * const bad[] = { "6000:abc def", "6000", "x:00000000000000000000000000000011",
                                          "6000:0000000000000000000000000000001G" };
      g_autofree char *same = lotse_sync_marks_add (marks, bad[i]);

      g_assert_cmpstr (same, ==, marks);
    }

  kept = g_strsplit (marks, " ", -1);
  g_assert_cmpuint (g_strv_length (kept), <=, 32);
  for (guint i = 1; kept[i] != NULL; i++)
    {
      gint64 distance = 5000 - g_ascii_strtoll (kept[i], NULL, 10);

      g_assert_cmpint (distance, >, previous_distance);
      /* The newest eight, then one per doubling of the distance. */
      if (i < 8)
        g_assert_cmpint (distance, ==, i);
      else
        g_assert_cmpuint (g_bit_storage (distance), >, g_bit_storage (previous_distance));
      previous_distance = distance;
    }
  /* The oldest kept is far back: the first mark of all. */
  g_assert_cmpint (previous_distance, ==, 4999);
  g_assert_null (lotse_sync_marks_newest (NULL));
}

/* A restated row goes out whole, a tombstone's fields too, with its fork;
 * the newest mark goes with the push. */
static void
test_push_body_restated (void)
{
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func ((GDestroyNotify)lotse_outbox_entry_free);
  LotseOutboxEntry *entry = g_new0 (LotseOutboxEntry, 1);
  g_autofree char *body = NULL;
  g_autoptr(JsonNode) node = NULL;
  JsonObject *change;
  guint n_included = 0;

  entry->op_id = g_strdup ("6a1c2e1a-4b1f-4a36-9d8e-1f0a7c9b2e11");
  entry->table = "organisation";
  entry->row_id = g_strdup ("7b1c2e1a-4b1f-4a36-9d8e-1f0a7c9b2e11");
  entry->base_rev = 4;
  entry->deleted = TRUE;
  entry->fields_json = g_strdup ("{\"name\":\"Stadtwerke\"}");
  entry->fork = 9;
  g_ptr_array_add (entries, entry);

  body = lotse_sync_build_push_body ("0d7c2e1a-4b1f-4a36-9d8e-1f0a7c9b2e11", NULL, "12:0123456789abcdef0123456789abcdef",
                                     entries, 0, &n_included);
  g_assert_cmpuint (n_included, ==, 1);
  node = json_from_string (body, NULL);
  g_assert_nonnull (node);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (node), "known"), ==,
                   "12:0123456789abcdef0123456789abcdef");
  change = json_array_get_object_element (json_object_get_array_member (json_node_get_object (node), "changes"), 0);
  g_assert_true (json_object_get_boolean_member (change, "state"));
  g_assert_cmpint (json_object_get_int_member (change, "fork"), ==, 9);
  g_assert_cmpint (json_object_get_int_member (change, "base_rev"), ==, 4);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (change, "fields"), "name"), ==,
                   "Stadtwerke");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/sync/outbox/oldest-per-row", test_outbox_oldest_per_row);
  ADD ("/sync/push/applied-rebases", test_push_applied_rebases);
  ADD ("/sync/push/bad-answer-keeps-outbox", test_push_bad_answer_keeps_outbox);
  ADD ("/sync/push/merged-keeps-pending", test_push_merged_keeps_pending);
  ADD ("/sync/push/conflict-and-resolve", test_push_conflict_and_resolve);
  ADD ("/sync/push/edit-vs-delete", test_push_edit_vs_delete);
  ADD ("/sync/push/rejected", test_push_rejected);
  ADD ("/sync/pull/page", test_pull_page);
  ADD ("/sync/pull/bad-page-changes-nothing", test_pull_bad_page_changes_nothing);
  g_test_add_func ("/sync/page/parse", test_page_parse);
  g_test_add_func ("/sync/cursor/parse", test_parse_cursor);
  g_test_add_func ("/sync/marks", test_marks);
  g_test_add_func ("/sync/push/body-restated", test_push_body_restated);

  return g_test_run ();
}
