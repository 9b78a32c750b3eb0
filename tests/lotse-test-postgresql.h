/* lotse-test-postgresql.h: the PostgreSQL the server and sync tests may run on
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * tests/lotse-test-postgresql.sh starts a PostgreSQL for one test binary
 * and names its socket directory in LOTSE_TEST_POSTGRESQL; a
 * LotseTestServer then keeps its data in a database of its own there
 * instead of a data directory. The databases have SQLite's json_extract(),
 * group_concat() and ifnull(), so that a test asks both backends the same
 * questions about what the server stored.
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Whether the tests run against PostgreSQL. */
gboolean lotse_test_postgresql_enabled       (void);
/* A new empty database, as the postgresql:// URI lotse-server takes. */
char    *lotse_test_postgresql_new_database  (void);
void     lotse_test_postgresql_drop_database (const char *uri);
/* The name of the database of @uri. */
char    *lotse_test_postgresql_database_name (const char *uri);
/* Runs @sql on the cluster's postgres database (ALTER DATABASE …). */
void     lotse_test_postgresql_admin_exec    (const char *sql);
/* The first column of the first row of @sql. */
gint64   lotse_test_postgresql_query_int     (const char *uri,
                                              const char *sql);
char    *lotse_test_postgresql_query_text    (const char *uri,
                                              const char *sql);
/* Runs @sql (several statements), e.g. to break what a test needs broken. */
void     lotse_test_postgresql_exec          (const char *uri,
                                              const char *sql);

G_END_DECLS
