/* test-search-worker.c: searches on the worker thread, and their cancelling
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <pango/pango.h>

#include "lotse-search-worker.h"
#include "lotse-store-private.h"
#include "lotse-test-helpers.h"

typedef struct
{
  GPtrArray *results;
  GError    *error;
  gboolean   done;
  gint64     finished_at;
} Outcome;

static void
done_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  Outcome *outcome = user_data;

  outcome->results = lotse_search_worker_run_finish (LOTSE_SEARCH_WORKER (object), result,
                                                     &outcome->error);
  outcome->done = TRUE;
  outcome->finished_at = g_get_monotonic_time ();
}

static void
wait_for (Outcome *outcome)
{
  gint64 deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

  while (!outcome->done && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (outcome->done);
}

static GPtrArray *
search_text (LotseStore  *store,
             gpointer     query,
             GError     **error)
{
  return lotse_search_global (store, query, 5, error);
}

/* A statement that runs for minutes unless interrupted */
static GPtrArray *
endless (LotseStore  *store,
         gpointer     query,
         GError     **error)
{
  sqlite3 *db = lotse_store_get_db (store);
  sqlite3_stmt *stmt = NULL;
  int rc;

  sqlite3_prepare_v2 (db,
                      "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n"
                      " WHERE i < 10000000000) SELECT count(*) FROM n",
                      -1, &stmt, NULL);
  rc = sqlite3_step (stmt);
  sqlite3_finalize (stmt);

  if (rc != SQLITE_ROW)
    {
      g_set_error (error, LOTSE_ERROR, LOTSE_ERROR_DATABASE, "%s", sqlite3_errstr (rc));
      return NULL;
    }

  return g_ptr_array_new ();
}

static void
test_search (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(LotseStore) store = lotse_test_open_store (&dir);
  g_autoptr(LotseSearchWorker) worker = lotse_search_worker_new (lotse_store_get_path (store));
  g_autofree char *id = lotse_test_insert (store, "project", "title=Grünflächen messen", NULL);
  Outcome outcome = { 0 };
  LotseSearchResult *result;

  lotse_search_worker_run_async (worker, search_text, g_strdup ("gruenflaechen"), g_free, NULL,
                                 done_cb, &outcome);
  wait_for (&outcome);
  g_assert_no_error (outcome.error);
  g_assert_cmpuint (outcome.results->len, ==, 1);
  result = g_ptr_array_index (outcome.results, 0);
  g_assert_cmpstr (result->id, ==, id);
  g_ptr_array_unref (outcome.results);

  lotse_test_remove_tree (dir);
}

static void
test_cancel_interrupts (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(LotseStore) store = lotse_test_open_store (&dir);
  g_autoptr(LotseSearchWorker) worker = lotse_search_worker_new (lotse_store_get_path (store));
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  Outcome slow = { 0 };
  Outcome next = { 0 };
  Outcome queued = { 0 };
  g_autoptr(GCancellable) queued_cancellable = g_cancellable_new ();
  gint64 cancelled_at;

  lotse_search_worker_run_async (worker, endless, NULL, NULL, cancellable, done_cb, &slow);
  /* Queued behind it: cancelled before it runs */
  lotse_search_worker_run_async (worker, endless, NULL, NULL, queued_cancellable, done_cb, &queued);
  g_cancellable_cancel (queued_cancellable);
  /* And the next search, which must not wait for the endless one */
  lotse_search_worker_run_async (worker, search_text, g_strdup ("x"), g_free, NULL, done_cb, &next);

  g_usleep (200 * 1000);
  cancelled_at = g_get_monotonic_time ();
  g_cancellable_cancel (cancellable);

  wait_for (&slow);
  wait_for (&queued);
  wait_for (&next);

  g_assert_error (slow.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (slow.results);
  g_assert_error (queued.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_no_error (next.error);
  g_ptr_array_unref (next.results);
  g_test_message ("interrupted after %" G_GINT64_FORMAT " ms",
                  (slow.finished_at - cancelled_at) / 1000);
  g_assert_cmpint (next.finished_at - cancelled_at, <, 5 * G_USEC_PER_SEC);

  g_clear_error (&slow.error);
  g_clear_error (&queued.error);
  lotse_test_remove_tree (dir);
}

static void
test_snippet_markup (void)
{
  static const struct
  {
    const char *snippet;
    const char *markup;
  } cases[] = {
    { "", "" },
    { "kein Treffer", "kein Treffer" },
    { "der \001Meilenstein\002 ist <fällig> & \"wichtig\"",
      "der <b>Meilenstein</b> ist &lt;fällig&gt; &amp; &quot;wichtig&quot;" },
    { "\001offen", "<b>offen</b>" },
    { "zu\002 \001a\002\001b\002", "zu <b>a</b><b>b</b>" },
    { "Zeile\nzwei\tund\003drei", "Zeile zwei und drei" },
    { "\xff kaputt", "\xef\xbf\xbd kaputt" },
    /* Markdown marks go, other punctuation stays. */
    { "…schicken.\n\n## Ständige \001Tages\002ordnung", "…schicken.  Ständige <b>Tages</b>ordnung" },
    { "- [ ] Frage 1: Wer?\n- [x] Frage 2", "Frage 1: Wer? Frage 2" },
    { "ein **\001fetter\002** und `code` Text", "ein <b>fetter</b> und code Text" },
    { "> - zitiert", "zitiert" },
    { "Ergebnis - gut, 3 * 4 = 12, C#", "Ergebnis - gut, 3 * 4 = 12, C#" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *markup = lotse_search_snippet_to_markup (cases[i].snippet);

      g_assert_cmpstr (markup, ==, cases[i].markup);
      g_assert_true (pango_parse_markup (markup, -1, 0, NULL, NULL, NULL, NULL));
    }

  g_assert_cmpstr (lotse_search_snippet_to_markup (NULL), ==, "");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/search-worker/search", test_search);
  g_test_add_func ("/search-worker/cancel-interrupts", test_cancel_interrupts);
  g_test_add_func ("/search-worker/snippet-markup", test_snippet_markup);

  return g_test_run ();
}
