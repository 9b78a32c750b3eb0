/* lotse-search-index.c: keeping the search indexes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Rebuilding both indexes for repair, and deferring the indexing of the
 * rows a bulk write inserts to one statement per kind at its end
 * (migrations/005-search-deferred.sql). Querying is lotse-search.c.
 */

#define G_LOG_DOMAIN "lotse-search"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "lotse-error.h"
#include "lotse-search-private.h"
#include "lotse-store-private.h"

/**
 * lotse_search_rebuild:
 * @store: a store
 * @error: a location for a #GError
 *
 * Empties both search indexes and fills them again from the rows that are
 * not deleted, in one transaction. The triggers keep the indexes current;
 * this is for repair, after a VACUUM and after bulk loads.
 *
 * Returns: %TRUE on success; on failure the old indexes stay
 */
gboolean
lotse_search_rebuild (LotseStore  *store,
                      GError     **error)
{
  g_autoptr(GBytes) populate = NULL;
  g_autofree char *populate_sql = NULL;
  gboolean ok;
  sqlite3 *db;

  g_return_val_if_fail (LOTSE_IS_STORE (store), FALSE);

  populate = g_resources_lookup_data ("/app/lotse/Lotse/core/search-populate.sql",
                                      G_RESOURCE_LOOKUP_FLAGS_NONE, error);
  if (populate == NULL)
    return FALSE;
  populate_sql = g_strndup (g_bytes_get_data (populate, NULL), g_bytes_get_size (populate));

  if (!lotse_store_begin (store, error))
    return FALSE;

  db = lotse_store_get_db (store);
  ok = sqlite3_exec (db,
                     "INSERT INTO article_fts (article_fts) VALUES ('delete-all');"
                     "DELETE FROM search_index;",
                     NULL, NULL, NULL) == SQLITE_OK &&
       sqlite3_exec (db, populate_sql, NULL, NULL, NULL) == SQLITE_OK &&
       sqlite3_exec (db,
                     "INSERT INTO article_fts (article_fts) VALUES ('optimize');"
                     "INSERT INTO search_index (search_index) VALUES ('optimize');",
                     NULL, NULL, NULL) == SQLITE_OK;
  if (!ok)
    {
      /* Translators: %s is SQLite's description of the error */
      g_set_error (error, LOTSE_ERROR, LOTSE_ERROR_DATABASE,
                   _("Could not rebuild the search index: %s"), sqlite3_errmsg (db));
      lotse_store_rollback (store);
      return FALSE;
    }

  return lotse_store_commit (store, error);
}

/**
 * lotse_search_defer_begin:
 * @store: a store inside a transaction
 * @error: a location for a #GError
 *
 * From now on rows inserted into the indexed tables are only noted; they
 * are indexed by lotse_search_defer_end(), which must be called before
 * the transaction commits. Per-row indexing makes FTS5 write a segment per
 * statement; one statement per kind at the end writes one.
 *
 * Returns: %TRUE on success
 */
gboolean
lotse_search_defer_begin (LotseStore  *store,
                          GError     **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (LOTSE_IS_STORE (store), FALSE);
  g_return_val_if_fail (!sqlite3_get_autocommit (lotse_store_get_db (store)), FALSE);

  stmt = lotse_store_prepare_cached (store,
                                     "INSERT OR IGNORE INTO search_pending (kind, source_rowid) VALUES (0, 0)",
                                     error);
  if (stmt == NULL)
    return FALSE;

  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      sqlite3_reset (stmt);
      return lotse_store_set_sqlite_error (store, error, "deferring the search index");
    }

  sqlite3_reset (stmt);
  return TRUE;
}

/**
 * lotse_search_defer_end:
 * @store: a store inside the transaction of lotse_search_defer_begin()
 * @error: a location for a #GError
 *
 * Indexes the rows inserted since lotse_search_defer_begin() as they are
 * now, and returns to indexing each write at once.
 *
 * Returns: %TRUE on success; on failure the caller rolls back
 */
gboolean
lotse_search_defer_end (LotseStore  *store,
                        GError     **error)
{
  static char **statements;
  static gsize initialized;
  sqlite3 *db;

  g_return_val_if_fail (LOTSE_IS_STORE (store), FALSE);
  db = lotse_store_get_db (store);
  g_return_val_if_fail (!sqlite3_get_autocommit (db), FALSE);

  /* The statements of the resource, one by one, so that each is prepared
   * once per connection (lotse_store_prepare_cached). */
  if (g_once_init_enter (&initialized))
    {
      g_autoptr(GBytes) bytes = g_resources_lookup_data ("/app/lotse/Lotse/core/search-flush.sql",
                                                         G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
      g_autoptr(GPtrArray) list = g_ptr_array_new ();
      g_autofree char *text = NULL;
      const char *next;

      g_assert (bytes != NULL);
      text = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
      next = text;
      while (*next != '\0')
        {
          sqlite3_stmt *stmt = NULL;
          const char *start = next;
          const char *tail = NULL;

          if (sqlite3_prepare_v2 (db, start, -1, &stmt, &tail) != SQLITE_OK)
            g_error ("search-flush.sql: %s", sqlite3_errmsg (db));
          if (stmt != NULL)
            g_ptr_array_add (list, g_strstrip (g_strndup (start, tail - start)));
          sqlite3_finalize (stmt);
          next = tail;
        }
      g_ptr_array_add (list, NULL);
      statements = (char **)g_ptr_array_steal (list, NULL);
      g_once_init_leave (&initialized, 1);
    }

  for (guint i = 0; statements[i] != NULL; i++)
    {
      sqlite3_stmt *stmt = lotse_store_prepare_cached (store, statements[i], error);

      if (stmt == NULL)
        return FALSE;

      if (sqlite3_step (stmt) != SQLITE_DONE)
        {
          sqlite3_reset (stmt);
          return lotse_store_set_sqlite_error (store, error, "updating the search index");
        }
      sqlite3_reset (stmt);
    }

  return TRUE;
}
