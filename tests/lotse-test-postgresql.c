/* lotse-test-postgresql.c: databases for LotseTestServer on PostgreSQL
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <libpq-fe.h>
#include <string.h>
#include <unistd.h>

#include "lotse-test-postgresql.h"

/* SQLite's functions the tests use, for PostgreSQL: json_extract() with a
 * "$.member" path, group_concat() in the order rows come, ifnull(). */
static const char compat_sql[] =
  "CREATE FUNCTION json_extract (document text, path text) RETURNS text"
  "  LANGUAGE sql IMMUTABLE AS $$ SELECT document::jsonb ->> substr (path, 3) $$;"
  "CREATE FUNCTION lotse_test_concat (so_far text, value text, separator text) RETURNS text"
  "  LANGUAGE sql IMMUTABLE AS"
  "  $$ SELECT CASE WHEN so_far IS NULL THEN value ELSE so_far || separator || value END $$;"
  "CREATE AGGREGATE group_concat (text, text) (SFUNC = lotse_test_concat, STYPE = text);"
  "CREATE FUNCTION ifnull (value text, otherwise text) RETURNS text"
  "  LANGUAGE sql IMMUTABLE AS $$ SELECT coalesce (value, otherwise) $$;";

gboolean
lotse_test_postgresql_enabled (void)
{
  const char *dir = g_getenv ("LOTSE_TEST_POSTGRESQL");

  return dir != NULL && *dir != '\0';
}

static char *
database_uri (const char *name)
{
  return g_strdup_printf ("postgresql://lotse@/%s?host=%s", name, g_getenv ("LOTSE_TEST_POSTGRESQL"));
}

static PGconn *
connect_to (const char *uri)
{
  PGconn *conn = PQconnectdb (uri);

  if (PQstatus (conn) != CONNECTION_OK)
    g_error ("%s: %s", uri, PQerrorMessage (conn));
  return conn;
}

void
lotse_test_postgresql_exec (const char *uri,
                            const char *sql)
{
  PGconn *conn = connect_to (uri);
  PGresult *result = PQexec (conn, sql);

  if (PQresultStatus (result) != PGRES_COMMAND_OK && PQresultStatus (result) != PGRES_TUPLES_OK)
    g_error ("%s: %s", sql, PQerrorMessage (conn));
  PQclear (result);
  PQfinish (conn);
}

char *
lotse_test_postgresql_new_database (void)
{
  static guint counter;
  g_autofree char *name = g_strdup_printf ("test_%d_%u", (int)getpid (), ++counter);
  g_autofree char *admin = database_uri ("postgres");
  g_autofree char *create = g_strdup_printf ("CREATE DATABASE %s", name);
  char *uri = database_uri (name);

  g_assert_true (lotse_test_postgresql_enabled ());
  lotse_test_postgresql_exec (admin, create);
  lotse_test_postgresql_exec (uri, compat_sql);

  return uri;
}

char *
lotse_test_postgresql_database_name (const char *uri)
{
  const char *name = strstr (uri, "@/") + 2;

  return g_strndup (name, strcspn (name, "?"));
}

void
lotse_test_postgresql_admin_exec (const char *sql)
{
  g_autofree char *admin = database_uri ("postgres");

  lotse_test_postgresql_exec (admin, sql);
}

void
lotse_test_postgresql_drop_database (const char *uri)
{
  g_autofree char *name = lotse_test_postgresql_database_name (uri);
  g_autofree char *drop = g_strdup_printf ("DROP DATABASE %s WITH (FORCE)", name);

  lotse_test_postgresql_admin_exec (drop);
}

static PGresult *
query (const char  *uri,
       const char  *sql)
{
  PGconn *conn = connect_to (uri);
  PGresult *result = PQexec (conn, sql);

  if (PQresultStatus (result) != PGRES_TUPLES_OK)
    g_error ("%s: %s", sql, PQerrorMessage (conn));
  g_assert_cmpint (PQntuples (result), >, 0);
  PQfinish (conn);

  return result;
}

gint64
lotse_test_postgresql_query_int (const char *uri,
                                 const char *sql)
{
  PGresult *result = query (uri, sql);
  gint64 value = g_ascii_strtoll (PQgetvalue (result, 0, 0), NULL, 10);

  PQclear (result);
  return value;
}

char *
lotse_test_postgresql_query_text (const char *uri,
                                  const char *sql)
{
  PGresult *result = query (uri, sql);
  char *value = PQgetisnull (result, 0, 0) ? NULL : g_strdup (PQgetvalue (result, 0, 0));

  PQclear (result);
  return value;
}
