/* test-store-reader.c: read-only queries on worker threads
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <sqlite3.h>
#include <string.h>

#include "lotse-store-private.h"
#include "lotse-test-helpers.h"

typedef struct
{
  char             *dir;
  LotseStore       *store;
  LotseStoreReader *reader;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data G_GNUC_UNUSED)
{
  f->store = lotse_test_open_store (&f->dir);
  f->reader = g_object_ref (lotse_store_get_reader (f->store));
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data G_GNUC_UNUSED)
{
  g_clear_object (&f->reader);
  g_clear_object (&f->store);
  lotse_test_remove_tree (f->dir);
  g_free (f->dir);
}

typedef struct
{
  gboolean  done;
  gpointer  result;
  GError   *error;
} Outcome;

static void
on_done (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  Outcome *outcome = user_data;

  outcome->result = lotse_store_reader_run_finish (LOTSE_STORE_READER (object), result,
                                                   &outcome->error);
  outcome->done = TRUE;
}

/* Runs @func on the reader and waits for it on the main context. */
static gpointer
run (LotseStoreReader    *reader,
     LotseStoreReadFunc   func,
     gpointer             data,
     GCancellable        *cancellable,
     GError             **error)
{
  Outcome outcome = { FALSE, NULL, NULL };

  lotse_store_reader_run_async (reader, func, data, NULL, g_free, cancellable, on_done, &outcome);
  while (!outcome.done)
    g_main_context_iteration (NULL, TRUE);

  if (outcome.error != NULL)
    g_propagate_error (error, outcome.error);
  return outcome.result;
}

static gpointer
read_title (LotseStore  *store,
            gpointer     data,
            GError     **error)
{
  g_autoptr(LotseRecord) record = lotse_store_get (store, "project", data, error);

  if (record == NULL)
    return NULL;
  return g_strdup (lotse_record_get (record, "title"));
}

static gpointer
count_projects (LotseStore  *store,
                gpointer     data G_GNUC_UNUSED,
                GError     **error)
{
  gint64 n = lotse_store_count (store, "project", NULL, 0, error);

  return n < 0 ? NULL : g_strdup_printf ("%" G_GINT64_FORMAT, n);
}

/* What the app committed is there; what it has not yet committed is not. */
static void
test_sees_committed (Fixture       *f,
                     gconstpointer  data G_GNUC_UNUSED)
{
  g_autofree char *id = lotse_test_insert (f->store, "project", "title=Bürgerportal", NULL);
  g_autofree char *title = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(GError) error = NULL;

  title = run (f->reader, read_title, id, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (title, ==, "Bürgerportal");

  g_assert_true (lotse_store_begin (f->store, &error));
  g_free (lotse_test_insert (f->store, "project", "title=Radweg Süd", NULL));
  before = run (f->reader, count_projects, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (before, ==, "1");
  g_assert_true (lotse_store_commit (f->store, &error));

  after = run (f->reader, count_projects, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (after, ==, "2");
}

static gpointer
try_writes (LotseStore  *store,
            gpointer     data,
            GError     **error)
{
  g_autoptr(LotseRecord) record = lotse_record_new_for_table ("project");
  g_autoptr(LotseRecord) existing = lotse_store_get (store, "project", data, NULL);
  g_autoptr(GError) update_error = NULL;
  g_autoptr(GError) delete_error = NULL;
  g_autoptr(GError) rebuild_error = NULL;

  g_assert_nonnull (existing);
  lotse_record_set (existing, "title", "Überschrieben");
  g_assert_false (lotse_store_update (store, existing, &update_error));
  g_assert_error (update_error, LOTSE_ERROR, LOTSE_ERROR_READ_ONLY);
  g_assert_false (lotse_store_delete (store, "project", data, &delete_error));
  g_assert_error (delete_error, LOTSE_ERROR, LOTSE_ERROR_READ_ONLY);
  g_assert_false (lotse_search_rebuild (store, &rebuild_error));
  g_assert_error (rebuild_error, LOTSE_ERROR, LOTSE_ERROR_READ_ONLY);

  lotse_record_set (record, "title", "Eingeschmuggelt");
  if (!lotse_store_insert (store, record, error))
    return NULL;
  return g_strdup ("written");
}

/* A write through a reader fails, says why, and changes nothing. */
static void
test_cannot_write (Fixture       *f,
                   gconstpointer  data G_GNUC_UNUSED)
{
  g_autofree char *id = lotse_test_insert (f->store, "project", "title=Bürgerportal", NULL);
  const char *path = lotse_store_get_path (f->store);
  g_autofree char *written = NULL;
  g_autofree char *title = NULL;
  g_autoptr(GError) error = NULL;

  written = run (f->reader, try_writes, id, NULL, &error);
  g_assert_null (written);
  g_assert_error (error, LOTSE_ERROR, LOTSE_ERROR_READ_ONLY);
  g_assert_nonnull (strstr (error->message, "reading only"));

  g_assert_cmpint (lotse_test_query_int (path, "SELECT count(*) FROM project"), ==, 1);
  g_assert_cmpint (lotse_test_query_int (path, "SELECT count(*) FROM outbox"), ==, 1);
  title = lotse_test_query_text (path, "SELECT title FROM project");
  g_assert_cmpstr (title, ==, "Bürgerportal");
}

typedef struct
{
  gint started;
} Long;

/* Counts to ten billion: hours, unless it is stopped. */
static gpointer
count_for_hours (LotseStore  *store,
                 gpointer     data,
                 GError     **error)
{
  Long *job = data;
  sqlite3 *db = lotse_store_get_db (store);
  sqlite3_stmt *stmt = NULL;
  gpointer result = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (db,
                                       "WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL "
                                       "SELECT x + 1 FROM n WHERE x < 10000000000) "
                                       "SELECT count(*) FROM n",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  g_atomic_int_set (&job->started, TRUE);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    result = g_strdup ("finished");
  else
    lotse_store_set_sqlite_error (store, error, "counting");
  sqlite3_finalize (stmt);

  return result;
}

static gboolean
cancel_when_started (gpointer data)
{
  GCancellable *cancellable = data;
  Long *job = g_object_get_data (G_OBJECT (cancellable), "job");

  if (!g_atomic_int_get (&job->started))
    return G_SOURCE_CONTINUE;
  g_cancellable_cancel (cancellable);
  return G_SOURCE_REMOVE;
}

/* Cancelling stops a running statement at once, and the reader goes on. */
static void
test_cancel_interrupts (Fixture       *f,
                        gconstpointer  data G_GNUC_UNUSED)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *result = NULL;
  g_autofree char *count = NULL;
  Long job = { FALSE };
  gint64 start;

  g_object_set_data (G_OBJECT (cancellable), "job", &job);
  g_timeout_add (10, cancel_when_started, cancellable);

  start = g_get_monotonic_time ();
  result = run (f->reader, count_for_hours, &job, cancellable, &error);
  g_assert_null (result);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_true (g_atomic_int_get (&job.started));
  /* The count runs for hours; a few seconds leave room for a loaded machine. */
  g_assert_cmpint (g_get_monotonic_time () - start, <, 10 * G_USEC_PER_SEC);

  g_clear_error (&error);
  count = run (f->reader, count_projects, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (count, ==, "0");
}

static gpointer
search_text (LotseStore  *store,
             gpointer     query,
             GError     **error)
{
  return lotse_search_global (store, query, 5, error);
}

/* The global search as the search box runs it: a search cancelled at once
 * ends, and the next one does not wait for an endless one. */
static void
test_search_beside_endless (Fixture       *f,
                            gconstpointer  data G_GNUC_UNUSED)
{
  g_autofree char *id = lotse_test_insert (f->store, "project", "title=Grünflächen messen", NULL);
  g_autoptr(GCancellable) endless_cancellable = g_cancellable_new ();
  g_autoptr(GCancellable) queued_cancellable = g_cancellable_new ();
  Outcome endless = { FALSE, NULL, NULL };
  Outcome queued = { FALSE, NULL, NULL };
  Outcome next = { FALSE, NULL, NULL };
  Long endless_job = { FALSE };
  Long queued_job = { FALSE };
  GPtrArray *hits;

  lotse_store_reader_run_async (f->reader, count_for_hours, &endless_job, NULL, g_free,
                                endless_cancellable, on_done, &endless);
  lotse_store_reader_run_async (f->reader, count_for_hours, &queued_job, NULL, g_free,
                                queued_cancellable, on_done, &queued);
  g_cancellable_cancel (queued_cancellable);
  lotse_store_reader_run_async (f->reader, search_text, g_strdup ("gruenflaechen"), g_free,
                                (GDestroyNotify) g_ptr_array_unref, NULL, on_done, &next);

  while (!next.done || !queued.done)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (endless.done);
  g_assert_no_error (next.error);
  hits = next.result;
  g_assert_cmpuint (hits->len, ==, 1);
  g_assert_cmpstr (((LotseSearchResult *) g_ptr_array_index (hits, 0))->id, ==, id);
  g_ptr_array_unref (hits);
  /* Cancelled before or while it ran: jobs start at once, side by side. */
  g_assert_error (queued.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&queued.error);

  g_cancellable_cancel (endless_cancellable);
  while (!endless.done)
    g_main_context_iteration (NULL, TRUE);
  g_assert_error (endless.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&endless.error);
}

/* A job cancelled before it starts never runs. */
static void
test_cancel_before (Fixture       *f,
                    gconstpointer  data G_GNUC_UNUSED)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *result = NULL;
  Long job = { FALSE };

  g_cancellable_cancel (cancellable);
  result = run (f->reader, count_for_hours, &job, cancellable, &error);
  g_assert_null (result);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_false (g_atomic_int_get (&job.started));
}

/* No file, or not a Lotse database: a clear error, and no file made. */
static void
test_bad_file (void)
{
  g_autofree char *dir = lotse_test_make_tmpdir ();
  g_autofree char *missing = g_build_filename (dir, "missing.db", NULL);
  g_autofree char *other = g_build_filename (dir, "other.db", NULL);
  g_autoptr(LotseStoreReader) reader = NULL;
  g_autoptr(LotseStoreReader) other_reader = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *result = NULL;
  sqlite3 *db = NULL;

  reader = lotse_store_reader_new (missing);
  result = run (reader, count_projects, NULL, NULL, &error);
  g_assert_null (result);
  g_assert_error (error, LOTSE_ERROR, LOTSE_ERROR_NOT_FOUND);
  g_assert_false (g_file_test (missing, G_FILE_TEST_EXISTS));

  g_assert_cmpint (sqlite3_open (other, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "CREATE TABLE t (x)", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  g_clear_error (&error);
  other_reader = lotse_store_reader_new (other);
  result = run (other_reader, count_projects, NULL, NULL, &error);
  g_assert_null (result);
  g_assert_error (error, LOTSE_ERROR, LOTSE_ERROR_CORRUPT);

  lotse_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/store-reader/sees-committed", Fixture, NULL,
              fixture_set_up, test_sees_committed, fixture_tear_down);
  g_test_add ("/store-reader/cannot-write", Fixture, NULL,
              fixture_set_up, test_cannot_write, fixture_tear_down);
  g_test_add ("/store-reader/cancel-interrupts", Fixture, NULL,
              fixture_set_up, test_cancel_interrupts, fixture_tear_down);
  g_test_add ("/store-reader/search-beside-endless", Fixture, NULL,
              fixture_set_up, test_search_beside_endless, fixture_tear_down);
  g_test_add ("/store-reader/cancel-before", Fixture, NULL,
              fixture_set_up, test_cancel_before, fixture_tear_down);
  g_test_add_func ("/store-reader/bad-file", test_bad_file);

  return g_test_run ();
}
