/* test-sync-search.c: the search index after pulls that defer indexing
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A pull page notes inserted rows and indexes them in one statement per
 * kind at its end (lotse_search_defer_begin/_end, migration 005). These
 * tests compare the index after such writes with a full rebuild: term by
 * term, row by row, both FTS5 tables.
 */

#include "config.h"

#include <sqlite3.h>
#include <string.h>

#include "lotse-generate.h"
#include "lotse-search-private.h"
#include "lotse-store-private.h"
#include "lotse-test-sync.h"

static void
append_query (GString    *out,
              sqlite3    *db,
              const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_string_append_printf (out, "== %s\n", sql);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      for (int i = 0; i < sqlite3_column_count (stmt); i++)
        {
          const char *text = (const char *)sqlite3_column_text (stmt, i);

          g_string_append_printf (out, "%s%s", i > 0 ? "|" : "", text ? text : "NULL");
        }
      g_string_append_c (out, '\n');
    }
  g_assert_cmpint (rc, ==, SQLITE_DONE);
  sqlite3_finalize (stmt);
}

/* Everything both indexes hold: every token instance of every row and the
 * stored columns of search_index. Equal snapshots mean equal indexes. */
static char *
index_snapshot (LotseStore *store)
{
  sqlite3 *db = lotse_store_get_db (store);
  GString *out = g_string_new (NULL);

  g_assert_cmpint (sqlite3_exec (db,
                                 "CREATE VIRTUAL TABLE IF NOT EXISTS temp.search_instances"
                                 "  USING fts5vocab (main, search_index, 'instance');"
                                 "CREATE VIRTUAL TABLE IF NOT EXISTS temp.article_instances"
                                 "  USING fts5vocab (main, article_fts, 'instance');",
                                 NULL, NULL, NULL), ==, SQLITE_OK);

  append_query (out, db, "SELECT rowid, kind, row_id, title, keywords, body FROM search_index ORDER BY rowid");
  append_query (out, db, "SELECT term, doc, col, offset FROM temp.search_instances ORDER BY 1, 2, 3, 4");
  append_query (out, db, "SELECT term, doc, col, offset FROM temp.article_instances ORDER BY 1, 2, 3, 4");
  append_query (out, db, "SELECT count(*) FROM search_pending");

  return g_string_free (out, FALSE);
}

/* Names the first line that differs instead of printing megabytes. */
static void
assert_same_snapshot (const char *before,
                      const char *after)
{
  g_auto(GStrv) a = g_strsplit (before, "\n", -1);
  g_auto(GStrv) b = g_strsplit (after, "\n", -1);
  guint i;

  for (i = 0; a[i] != NULL && b[i] != NULL; i++)
    if (strcmp (a[i], b[i]) != 0)
      break;

  if (a[i] != NULL || b[i] != NULL)
    g_error ("index differs from a rebuilt one at line %u: “%s” vs. rebuilt “%s”",
             i + 1, a[i] ? a[i] : "(end)", b[i] ? b[i] : "(end)");
}

static gint64
query_int (LotseStore *store,
           const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  gint64 value;

  g_assert_cmpint (sqlite3_prepare_v2 (lotse_store_get_db (store), sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);

  return value;
}

/* FTS5's own check, then the snapshot against a rebuilt index. */
static void
assert_index_exact (LotseStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  sqlite3 *db = lotse_store_get_db (store);

  g_assert_cmpint (sqlite3_exec (db,
                                 "INSERT INTO search_index (search_index) VALUES ('integrity-check');"
                                 "INSERT INTO article_fts (article_fts) VALUES ('integrity-check');",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM search_pending"), ==, 0);

  before = index_snapshot (store);
  g_assert_true (lotse_search_rebuild (store, &error));
  g_assert_no_error (error);
  after = index_snapshot (store);

  assert_same_snapshot (before, after);
}

static guint
count_hits (LotseStore      *store,
            const char      *text,
            LotseSearchKind  kind,
            const char      *id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) results = lotse_search_global (store, text, 50, &error);
  guint hits = 0;

  g_assert_no_error (error);
  for (guint i = 0; i < results->len; i++)
    {
      LotseSearchResult *result = g_ptr_array_index (results, i);

      if (result->kind == kind && (id == NULL || g_strcmp0 (result->id, id) == 0))
        hits++;
    }

  return hits;
}

/* Copies all rows of @source into @client as local inserts. */
static guint
copy_all (LotseStore *source,
          TestClient *client)
{
  const LotseTable * const *tables;
  guint n_tables;
  guint copied = 0;
  g_autoptr(GError) error = NULL;

  tables = lotse_schema_get_tables (&n_tables);
  g_assert_true (lotse_store_begin (client->store, &error));
  for (guint t = 0; t < n_tables; t++)
    {
      g_autoptr(GPtrArray) rows = lotse_store_list (source, tables[t]->name, NULL, 0, NULL, 0, 0, &error);

      g_assert_no_error (error);
      for (guint i = 0; i < rows->len; i++)
        {
          LotseRecord *record = g_ptr_array_index (rows, i);

          /* The seeded cost categories are in every database already. */
          if (g_str_has_prefix (lotse_record_get_id (record), LOTSE_WELL_KNOWN_ID_PREFIX))
            continue;
          lotse_record_set_rev (record, 0);
          g_assert_true (lotse_store_insert_full (client->store, record, LOTSE_STORE_WRITE_TRUSTED, &error));
          g_assert_no_error (error);
          copied++;
        }
    }
  g_assert_true (lotse_store_commit (client->store, &error));

  return copied;
}

/* Several pull pages of new rows, then a pull that updates, deletes and
 * adds indexed rows the reader has: the index equals a rebuilt one, and
 * search finds what was pulled. */
static void
test_large_pull (void)
{
  g_autofree char *dir = lotse_test_make_tmpdir ();
  g_autofree char *generated_path = g_build_filename (dir, "generated.db", NULL);
  g_autoptr(LotseStore) generated = NULL;
  g_autoptr(LotseTestServer) server = lotse_test_server_new ();
  g_autoptr(TestClient) writer = NULL;
  g_autoptr(TestClient) reader = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *project = NULL;
  g_autofree char *article = NULL;
  g_autofree char *renamed = NULL;
  g_autofree char *gone = NULL;
  LotseGenerateOptions options = { 40, 1500, 30, 200, 7 };
  LotseSyncStats stats = { 0, };
  guint copied;
  gint64 n_changes;

  generated = lotse_store_open (generated_path, &error);
  g_assert_no_error (error);
  g_assert_true (lotse_generate (generated, &options, NULL, NULL, NULL, &error));
  g_assert_no_error (error);

  lotse_test_server_add_user (server, "anna", "editor", "secret-anna");
  lotse_test_server_start (server, NULL, NULL);
  writer = test_client_new (server, dir, "writer", "anna", "secret-anna");
  reader = test_client_new (server, dir, "reader", "anna", "secret-anna");

  copied = copy_all (generated, writer);
  g_assert_cmpuint (copied, >, 3000);
  project = test_client_add (writer, "project", "title=Quartiersentwicklung Sennestadt",
                             "acronym=QSENNE", "status=running", NULL);
  article = test_client_add (writer, "article", "title=Förderaufruf Klimaanpassung",
                             "body=Fristen für die Einreichung der Skizzen", NULL);
  /* Besides the rows, the health their projects took from the status
   * reports copied oldest first (lotse-health.c). */
  n_changes = lotse_store_count_outbox (writer->store);
  g_assert_cmpint (n_changes, >=, copied + 2);
  test_client_sync (writer, &stats);
  g_assert_cmpuint (stats.pushed + stats.merged, ==, n_changes);
  g_assert_cmpuint (stats.conflicts + stats.rejected, ==, 0);

  /* A local row of the reader, indexed as it was written. */
  g_free (test_client_add (reader, "project", "title=Zwischenbericht Lesegerät", NULL));

  /* The reader's own row comes back with the server's revision. */
  test_client_sync (reader, &stats);
  g_assert_cmpuint (stats.pulled, ==, copied + 3);
  g_assert_cmpuint (count_hits (reader->store, "Sennestadt", LOTSE_SEARCH_KIND_PROJECT, project), ==, 1);
  g_assert_cmpuint (count_hits (reader->store, "QSENNE", LOTSE_SEARCH_KIND_PROJECT, project), ==, 1);
  g_assert_cmpuint (count_hits (reader->store, "Foerderaufruf", LOTSE_SEARCH_KIND_ARTICLE, article), ==, 1);
  g_assert_cmpuint (count_hits (reader->store, "Lesegerat", LOTSE_SEARCH_KIND_PROJECT, NULL), ==, 1);
  g_assert_cmpint (query_int (reader->store, "SELECT count(*) FROM search_index"), ==,
                   query_int (reader->store,
                              "SELECT (SELECT count(*) FROM project WHERE deleted = 0)"
                              " + (SELECT count(*) FROM milestone WHERE deleted = 0)"
                              " + (SELECT count(*) FROM meeting WHERE deleted = 0)"
                              " + (SELECT count(*) FROM agenda_item WHERE deleted = 0)"
                              " + (SELECT count(*) FROM decision WHERE deleted = 0)"
                              " + (SELECT count(*) FROM action_item WHERE deleted = 0)"));
  assert_index_exact (reader->store);

  /* Updates, tombstones and new rows in one page. */
  test_client_set (writer, "project", project, "title=Quartier Sennestadt Nord", NULL);
  test_client_set (writer, "article", article, "title=Aufruf Hitzeschutz", NULL);
  {
    g_autofree char *parent = g_strdup_printf ("project_id=%s", project);

    renamed = test_client_add (writer, "milestone", "title=Abnahme Brückenprüfung", parent, NULL);
  }
  gone = test_client_add (writer, "meeting", "title=Lenkungskreis Ostwestfalen",
                          "starts_at=2026-03-02T09:00:00Z", NULL);
  test_client_sync (writer, NULL);
  test_client_sync (reader, NULL);
  g_assert_cmpuint (count_hits (reader->store, "Lenkungskreis", LOTSE_SEARCH_KIND_MEETING, gone), ==, 1);
  test_client_delete (writer, "meeting", gone);
  test_client_set (writer, "milestone", renamed, "title=Abnahme Schleusenprüfung", NULL);
  test_client_sync (writer, NULL);
  test_client_sync (reader, &stats);
  g_assert_cmpuint (stats.pulled, ==, 2);

  g_assert_cmpuint (count_hits (reader->store, "Nord", LOTSE_SEARCH_KIND_PROJECT, project), ==, 1);
  g_assert_cmpuint (count_hits (reader->store, "Hitzeschutz", LOTSE_SEARCH_KIND_ARTICLE, article), ==, 1);
  g_assert_cmpuint (count_hits (reader->store, "Foerderaufruf", LOTSE_SEARCH_KIND_ARTICLE, article), ==, 0);
  g_assert_cmpuint (count_hits (reader->store, "Schleusenprufung", LOTSE_SEARCH_KIND_MILESTONE, renamed), ==, 1);
  g_assert_cmpuint (count_hits (reader->store, "Bruckenprufung", LOTSE_SEARCH_KIND_MILESTONE, renamed), ==, 0);
  g_assert_cmpuint (count_hits (reader->store, "Lenkungskreis", LOTSE_SEARCH_KIND_MEETING, gone), ==, 0);
  assert_index_exact (reader->store);

  g_clear_pointer (&writer, test_client_free);
  g_clear_pointer (&reader, test_client_free);
  lotse_test_server_stop (server);
  g_clear_object (&generated);
  lotse_test_remove_tree (dir);
}

static LotseRecord *
new_record (const char *table,
            ...)
{
  LotseRecord *record = lotse_record_new (lotse_schema_lookup_table (table));
  const char *name;
  va_list args;

  va_start (args, table);
  while ((name = va_arg (args, const char *)) != NULL)
    lotse_record_set (record, name, va_arg (args, const char *));
  va_end (args);

  return record;
}

/* Inside one deferred window: rows inserted, then edited, deleted and
 * restored; rows indexed before edited; a rolled back window leaves
 * nothing behind. */
static void
test_deferred_window (void)
{
  g_autofree char *dir = lotse_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "store.db", NULL);
  g_autoptr(LotseStore) store = NULL;
  g_autoptr(LotseRecord) old_article = new_record ("article", "title", "Altbestand Wasserstoff", NULL);
  g_autoptr(LotseRecord) old_project = new_record ("project", "title", "Altprojekt Moorschutz",
                                                   "status", "running", NULL);
  g_autoptr(LotseRecord) article = new_record ("article", "title", "Neu Radverkehr",
                                               "summary", "Pendlerrouten", NULL);
  g_autoptr(LotseRecord) project = new_record ("project", "title", "Neu Glasfaser",
                                               "status", "planned", NULL);
  g_autoptr(LotseRecord) milestone = NULL;
  g_autoptr(LotseRecord) rolled_back = new_record ("project", "title", "Verworfen Seilbahn",
                                                   "status", "planned", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *snapshot = NULL;

  store = lotse_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (lotse_store_get_schema_version (store), >=, 5);
  g_assert_true (lotse_store_insert (store, old_article, &error));
  g_assert_true (lotse_store_insert (store, old_project, &error));
  g_assert_no_error (error);

  g_assert_true (lotse_store_begin (store, &error));
  g_assert_true (lotse_search_defer_begin (store, &error));
  g_assert_true (lotse_store_insert (store, article, &error));
  g_assert_true (lotse_store_insert (store, project, &error));
  g_assert_no_error (error);
  milestone = new_record ("milestone", "title", "Neu Ausschreibung",
                          "project_id", lotse_record_get_id (project), NULL);
  g_assert_true (lotse_store_insert (store, milestone, &error));
  g_assert_no_error (error);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM search_pending WHERE kind > 0"), ==, 3);

  /* Noted rows change before the end; rows indexed before change at once. */
  lotse_record_set (article, "title", "Neu Fussverkehr");
  g_assert_true (lotse_store_update (store, article, &error));
  g_assert_true (lotse_store_delete (store, "milestone", lotse_record_get_id (milestone), &error));
  g_assert_true (lotse_store_delete (store, "article", lotse_record_get_id (article), &error));
  g_assert_true (lotse_store_undelete (store, "article", lotse_record_get_id (article), &error));
  lotse_record_set (project, "title", "Neu Glasfaser Ausbau");
  g_assert_true (lotse_store_update (store, project, &error));
  lotse_record_set (old_article, "title", "Altbestand Biogas");
  g_assert_true (lotse_store_update (store, old_article, &error));
  g_assert_true (lotse_store_delete (store, "project", lotse_record_get_id (old_project), &error));
  g_assert_no_error (error);

  g_assert_true (lotse_search_defer_end (store, &error));
  g_assert_no_error (error);
  g_assert_true (lotse_store_commit (store, &error));

  g_assert_cmpuint (count_hits (store, "Fussverkehr", LOTSE_SEARCH_KIND_ARTICLE, NULL), ==, 1);
  g_assert_cmpuint (count_hits (store, "Radverkehr", LOTSE_SEARCH_KIND_ARTICLE, NULL), ==, 0);
  g_assert_cmpuint (count_hits (store, "Pendlerrouten", LOTSE_SEARCH_KIND_ARTICLE, NULL), ==, 1);
  g_assert_cmpuint (count_hits (store, "Ausbau", LOTSE_SEARCH_KIND_PROJECT, NULL), ==, 1);
  g_assert_cmpuint (count_hits (store, "Ausschreibung", LOTSE_SEARCH_KIND_MILESTONE, NULL), ==, 0);
  g_assert_cmpuint (count_hits (store, "Biogas", LOTSE_SEARCH_KIND_ARTICLE, NULL), ==, 1);
  g_assert_cmpuint (count_hits (store, "Wasserstoff", LOTSE_SEARCH_KIND_ARTICLE, NULL), ==, 0);
  g_assert_cmpuint (count_hits (store, "Moorschutz", LOTSE_SEARCH_KIND_PROJECT, NULL), ==, 0);
  assert_index_exact (store);

  /* A window that is rolled back leaves neither notes nor index entries. */
  snapshot = index_snapshot (store);
  g_assert_true (lotse_store_begin (store, &error));
  g_assert_true (lotse_search_defer_begin (store, &error));
  g_assert_true (lotse_store_insert (store, rolled_back, &error));
  g_assert_no_error (error);
  lotse_store_rollback (store);
  {
    g_autofree char *after = index_snapshot (store);

    assert_same_snapshot (snapshot, after);
  }
  g_assert_cmpuint (count_hits (store, "Seilbahn", LOTSE_SEARCH_KIND_PROJECT, NULL), ==, 0);

  /* Outside a window every write is indexed at once. */
  lotse_record_set (project, "title", "Glasfaser Kreis Lippe");
  g_assert_true (lotse_store_update (store, project, &error));
  g_assert_no_error (error);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM search_pending"), ==, 0);
  g_assert_cmpuint (count_hits (store, "Lippe", LOTSE_SEARCH_KIND_PROJECT, NULL), ==, 1);
  assert_index_exact (store);

  g_clear_object (&store);
  lotse_test_remove_tree (dir);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_setenv ("LOTSE_CREDENTIALS", "file", TRUE);

  g_test_add_func ("/sync-search/deferred-window", test_deferred_window);
  g_test_add_func ("/sync-search/large-pull", test_large_pull);

  return g_test_run ();
}
