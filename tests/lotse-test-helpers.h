/* lotse-test-helpers.h: shared fixtures for the test suites
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "lotse-core.h"
#include "lotse-generate.h"

G_BEGIN_DECLS

/* A fresh directory under the system temp dir, removed by
 * lotse_test_remove_tree(). */
char       *lotse_test_make_tmpdir   (void);
void        lotse_test_remove_tree   (const char *path);
/* A new store on a new file in a new temp dir; *out_dir receives the dir. */
LotseStore *lotse_test_open_store    (char      **out_dir);
/* Inserts a row with the given FIELD=VALUE assignments (NULL-terminated)
 * and returns its id; fails the test on error. */
char       *lotse_test_insert        (LotseStore  *store,
                                      const char  *table,
                                      ...) G_GNUC_NULL_TERMINATED;
/* Runs a single-value SQL query on the database file directly (a second
 * connection, read only) and returns the value as text. */
char       *lotse_test_query_text    (const char  *db_path,
                                      const char  *sql);
gint64      lotse_test_query_int     (const char  *db_path,
                                      const char  *sql);

/* Fails the test unless each of @needles (NULL-terminated) occurs in @text,
 * the first occurrences in this order. */
void        lotse_test_assert_in_order (const char         *text,
                                        const char * const *needles);

G_END_DECLS
