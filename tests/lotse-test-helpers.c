/* lotse-test-helpers.c: shared fixtures for the test suites
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>

#include "lotse-test-helpers.h"

char *
lotse_test_make_tmpdir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("lotse-test-XXXXXX", &error);

  g_assert_no_error (error);

  return dir;
}

void
lotse_test_remove_tree (const char *path)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  if (path == NULL)
    return;

  dir = g_dir_open (path, 0, NULL);
  if (dir != NULL)
    {
      while ((name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);

          if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
            lotse_test_remove_tree (child);
          else
            g_unlink (child);
        }
    }

  g_rmdir (path);
}

LotseStore *
lotse_test_open_store (char **out_dir)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = lotse_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "lotse.db", NULL);
  LotseStore *store;

  store = lotse_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (store);

  if (out_dir != NULL)
    *out_dir = g_steal_pointer (&dir);

  return store;
}

char *
lotse_test_insert (LotseStore *store,
                   const char *table,
                   ...)
{
  g_autoptr(LotseRecord) record = lotse_record_new_for_table (table);
  g_autoptr(GError) error = NULL;
  const char *assignment;
  va_list args;

  va_start (args, table);
  while ((assignment = va_arg (args, const char *)) != NULL)
    {
      lotse_record_parse_assignment (record, assignment, &error);
      g_assert_no_error (error);
    }
  va_end (args);

  lotse_store_insert (store, record, &error);
  g_assert_no_error (error);

  return g_strdup (lotse_record_get_id (record));
}

static sqlite3_stmt *
query (const char  *db_path,
       const char  *sql,
       sqlite3    **db)
{
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_open_v2 (db_path, db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  /* The store may be checkpointing in its own thread right now (after a
   * bulk write such as loading the demo): wait as any reader would. */
  sqlite3_busy_timeout (*db, 5000);
  if (sqlite3_prepare_v2 (*db, sql, -1, &stmt, NULL) != SQLITE_OK)
    g_error ("%s: %s", sql, sqlite3_errmsg (*db));
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);

  return stmt;
}

char *
lotse_test_query_text (const char *db_path,
                       const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = query (db_path, sql, &db);
  char *value = g_strdup ((const char *)sqlite3_column_text (stmt, 0));

  sqlite3_finalize (stmt);
  sqlite3_close (db);

  return value;
}

gint64
lotse_test_query_int (const char *db_path,
                      const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = query (db_path, sql, &db);
  gint64 value = sqlite3_column_int64 (stmt, 0);

  sqlite3_finalize (stmt);
  sqlite3_close (db);

  return value;
}

void
lotse_test_assert_in_order (const char         *text,
                            const char * const *needles)
{
  const char *previous = text;

  for (guint i = 0; needles[i] != NULL; i++)
    {
      const char *found = strstr (text, needles[i]);

      if (found == NULL)
        g_error ("“%s” is not in:\n%s", needles[i], text);
      if (found < previous)
        g_error ("“%s” comes before “%s” in:\n%s", needles[i], needles[i - 1], text);
      previous = found;
    }
}
