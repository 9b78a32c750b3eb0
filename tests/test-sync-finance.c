/* test-sync-finance.c: expenditures and cost categories through a real
 * lotse-server
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Two devices edit the same expenditure: different fields merge, the
 * same field conflicts. A seeded cost category (migration 014, on every
 * device without a sync) reaches the server with its first edit. The
 * sums kept per project, category and year equal a fresh sum after
 * writes on either device and the pulls that bring them.
 */

#include "config.h"

#include <sqlite3.h>
#include <string.h>

#include "lotse-test-sync.h"

typedef struct
{
  char            *dir;
  LotseTestServer *server;
  TestClient      *a;
  TestClient      *b;
  char            *expenditure;
} Fixture;

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

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *project = NULL;
  g_autofree char *project_assignment = NULL;

  fixture->dir = lotse_test_make_tmpdir ();
  fixture->server = lotse_test_server_new ();
  lotse_test_server_add_user (fixture->server, "anna", "editor", "secret-anna");
  lotse_test_server_add_user (fixture->server, "ben", "editor", "secret-ben");
  lotse_test_server_start (fixture->server, NULL, NULL);
  fixture->a = test_client_new (fixture->server, fixture->dir, "a", "anna", "secret-anna");
  fixture->b = test_client_new (fixture->server, fixture->dir, "b", "ben", "secret-ben");

  project = test_client_add (fixture->a, "project", "title=Funded", "grant_cents=50000000", NULL);
  project_assignment = g_strdup_printf ("project_id=%s", project);
  fixture->expenditure = test_client_add (fixture->a, "expenditure", project_assignment,
                                          "date=2026-03-01", "amount_cents=125000", "category=travel",
                                          "voucher=T-1", NULL);
  test_client_sync (fixture->a, NULL);
  test_client_sync (fixture->b, NULL);
  assert_field (fixture->b, "expenditure", fixture->expenditure, "amount_cents", "125000");
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_pointer (&fixture->a, test_client_free);
  g_clear_pointer (&fixture->b, test_client_free);
  lotse_test_server_stop (fixture->server);
  g_clear_pointer (&fixture->server, lotse_test_server_free);
  lotse_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->expenditure);
}

static void
test_different_fields_merge (Fixture       *fixture,
                             gconstpointer  data)
{
  LotseSyncStats stats = { 0, };

  test_client_set (fixture->a, "expenditure", fixture->expenditure, "amount_cents=130000", NULL);
  test_client_set (fixture->b, "expenditure", fixture->expenditure, "description=Zug nach Bonn",
                   "voucher=T-1a", NULL);
  test_client_sync (fixture->a, NULL);
  test_client_sync (fixture->b, &stats);
  g_assert_cmpuint (stats.merged, ==, 1);
  g_assert_cmpuint (stats.conflicts, ==, 0);
  test_client_sync (fixture->a, NULL);

  for (guint i = 0; i < 2; i++)
    {
      TestClient *client = i == 0 ? fixture->a : fixture->b;

      assert_field (client, "expenditure", fixture->expenditure, "amount_cents", "130000");
      assert_field (client, "expenditure", fixture->expenditure, "description", "Zug nach Bonn");
      assert_field (client, "expenditure", fixture->expenditure, "voucher", "T-1a");
      assert_field (client, "expenditure", fixture->expenditure, "category", "travel");
      g_assert_cmpint (test_client_count (client, "SELECT count(*) FROM conflicts"), ==, 0);
    }
}

static void
test_same_field_conflicts (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) conflicts = NULL;
  LotseConflict *conflict;
  LotseSyncStats stats = { 0, };

  test_client_set (fixture->a, "expenditure", fixture->expenditure, "amount_cents=130000", NULL);
  test_client_set (fixture->b, "expenditure", fixture->expenditure, "amount_cents=140000", NULL);
  test_client_sync (fixture->a, NULL);
  test_client_sync (fixture->b, &stats);
  g_assert_cmpuint (stats.conflicts, ==, 1);

  conflicts = lotse_store_sync_list_conflicts (fixture->b->store, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (conflicts->len, ==, 1);
  conflict = g_ptr_array_index (conflicts, 0);
  g_assert_cmpstr (conflict->fields_json, ==, "[\"amount_cents\"]");
  g_assert_nonnull (strstr (conflict->mine_json, "140000"));
  g_assert_nonnull (strstr (conflict->theirs_json, "130000"));
  /* b shows the server's value until someone decides. */
  assert_field (fixture->b, "expenditure", fixture->expenditure, "amount_cents", "130000");
}

/* A seeded category is on every device but on no server: its first edit
 * creates it there, and the other device takes the edit. */
static void
test_seeded_category (Fixture       *fixture,
                      gconstpointer  data)
{
  const char *travel = LOTSE_WELL_KNOWN_ID_PREFIX "000000001103";
  LotseSyncStats stats = { 0, };

  test_client_set (fixture->a, "cost_category", travel, "name=Reisen und Tagungen", NULL);
  test_client_sync (fixture->a, &stats);
  g_assert_cmpuint (stats.pushed, ==, 1);
  g_assert_cmpuint (stats.rejected + stats.conflicts, ==, 0);
  test_client_sync (fixture->b, &stats);
  g_assert_cmpuint (stats.rejected + stats.conflicts, ==, 0);
  assert_field (fixture->b, "cost_category", travel, "name", "Reisen und Tagungen");
  assert_field (fixture->b, "cost_category", travel, "code", "travel");
  g_assert_cmpint (lotse_test_server_query_int (fixture->server,
                                                "SELECT count(*) FROM rows WHERE id = '"
                                                LOTSE_WELL_KNOWN_ID_PREFIX "000000001103'"), ==, 1);
}

/* The rows of expenditure_sum (migration 019) that differ from a fresh
 * sum of the live expenditures, either way. */
#define SUMS_DIFFERING \
  "SELECT count(*) FROM (SELECT * FROM (SELECT project_id, category, year, amount_cents, n FROM expenditure_sum" \
  " EXCEPT " FRESH_SUMS ") UNION ALL SELECT * FROM (" FRESH_SUMS \
  " EXCEPT SELECT project_id, category, year, amount_cents, n FROM expenditure_sum))"
#define FRESH_SUMS \
  "SELECT project_id, category, CAST(substr(date, 1, 4) AS INTEGER), sum(amount_cents), count(*)" \
  " FROM expenditure WHERE deleted = 0 GROUP BY 1, 2, 3"

/* A row removed as a repair would, not through the store. */
static void
remove_rows (TestClient *client,
             const char *sql)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (client->db, &db), ==, SQLITE_OK);
  sqlite3_busy_timeout (db, 5000);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_changes (db), ==, 1);
  sqlite3_close (db);
}

static void
assert_sums_kept (TestClient *client,
                  gint64      total)
{
  g_assert_cmpint (test_client_count (client, SUMS_DIFFERING), ==, 0);
  g_assert_cmpint (test_client_count (client, "SELECT coalesce(sum(amount_cents), 0) FROM expenditure_sum"),
                   ==, total);
}

/* The sums kept per project, category and year equal a fresh sum on
 * both devices after inserts, edits of amount, date and category, a
 * soft delete and its Undo, a removed row, and each sync pull. */
static void
test_kept_sums (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *project = test_client_get (fixture->a, "expenditure", fixture->expenditure, "project_id");
  g_autofree char *of = g_strdup_printf ("project_id=%s", project);
  g_autofree char *second = NULL;
  g_autofree char *third = NULL;
  g_autoptr(GError) error = NULL;

  assert_sums_kept (fixture->a, 125000);
  assert_sums_kept (fixture->b, 125000);

  second = test_client_add (fixture->a, "expenditure", of, "date=2026-04-01", "amount_cents=1000",
                            "category=travel", NULL);
  third = test_client_add (fixture->a, "expenditure", of, "date=2027-01-15", "amount_cents=20000",
                           "category=personnel", NULL);
  assert_sums_kept (fixture->a, 146000);
  test_client_set (fixture->a, "expenditure", second, "amount_cents=3000", "date=2027-04-01", NULL);
  test_client_set (fixture->a, "expenditure", third, "category=material", NULL);
  assert_sums_kept (fixture->a, 148000);
  test_client_delete (fixture->a, "expenditure", fixture->expenditure);
  assert_sums_kept (fixture->a, 23000);
  g_assert_true (lotse_store_undelete (fixture->a->store, "expenditure", fixture->expenditure, &error));
  g_assert_no_error (error);
  assert_sums_kept (fixture->a, 148000);
  test_client_delete (fixture->a, "expenditure", second);
  assert_sums_kept (fixture->a, 145000);

  test_client_sync (fixture->a, NULL);
  test_client_sync (fixture->b, NULL);
  assert_sums_kept (fixture->b, 145000);

  /* b edits, a pulls the edit; the last of a group goes with its row. */
  test_client_set (fixture->b, "expenditure", third, "amount_cents=25000", "date=2028-02-02", NULL);
  test_client_sync (fixture->b, NULL);
  test_client_sync (fixture->a, NULL);
  assert_sums_kept (fixture->a, 150000);
  g_assert_cmpint (test_client_count (fixture->a, "SELECT count(*) FROM expenditure_sum WHERE year = 2027"), ==, 0);
  remove_rows (fixture->a, "DELETE FROM expenditure WHERE category = 'material'");
  assert_sums_kept (fixture->a, 125000);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/sync/finance/different-fields-merge", test_different_fields_merge);
  ADD ("/sync/finance/same-field-conflicts", test_same_field_conflicts);
  ADD ("/sync/finance/seeded-category", test_seeded_category);
  ADD ("/sync/finance/kept-sums", test_kept_sums);

  return g_test_run ();
}
