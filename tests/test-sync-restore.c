/* test-sync-restore.c: a server restored from a backup loses no edit
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Three laptops and a real lotse-server. The server's database is backed
 * up the documented way (sqlite3 ".backup"), the laptops go on editing and
 * syncing, the server is stopped and the backup put back, with `server
 * new-id` as the help says or without (an administrator who skipped it);
 * then everybody edits and syncs again, and a fourth device joins.
 *
 * Every edit that was acknowledged, before or after the backup, must be on
 * the server (now, or in its history: a later edit may have followed it)
 * or in a conflict a laptop shows; and all devices must hold the same rows
 * with the same values as the server, table by table.
 */

#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>

#include "lotse-store-private.h"
#include "lotse-test-sync.h"

typedef struct
{
  char *table;
  char *id;
  char *field;   /* or "deleted" */
  char *value;
  TestClient *by;  /* whose next sync acknowledges it */
} Edit;

typedef struct
{
  char            *dir;
  LotseTestServer *server;
  TestClient      *a;
  TestClient      *b;
  TestClient      *c;
  GPtrArray       *edits;    /* Edit: acknowledged */
  GPtrArray       *pending;  /* Edit: made, not yet synced */
} Fixture;

static void
edit_free (Edit *edit)
{
  g_free (edit->table);
  g_free (edit->id);
  g_free (edit->field);
  g_free (edit->value);
  g_free (edit);
}

static const char * const server_args_high_limits[] = { "--rate-limit", "100000", "--rate-burst", "100000", NULL };

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->dir = lotse_test_make_tmpdir ();
  fixture->server = lotse_test_server_new ();
  lotse_test_server_add_user (fixture->server, "anna", "editor", "secret-anna");
  lotse_test_server_add_user (fixture->server, "ben", "editor", "secret-ben");
  lotse_test_server_add_user (fixture->server, "carl", "editor", "secret-carl");
  lotse_test_server_start (fixture->server, server_args_high_limits, NULL);

  fixture->a = test_client_new (fixture->server, fixture->dir, "a", "anna", "secret-anna");
  fixture->b = test_client_new (fixture->server, fixture->dir, "b", "ben", "secret-ben");
  fixture->c = test_client_new (fixture->server, fixture->dir, "c", "carl", "secret-carl");
  fixture->edits = g_ptr_array_new_with_free_func ((GDestroyNotify)edit_free);
  fixture->pending = g_ptr_array_new_with_free_func ((GDestroyNotify)edit_free);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  lotse_test_server_stop (fixture->server);
  test_client_free (fixture->a);
  test_client_free (fixture->b);
  test_client_free (fixture->c);
  lotse_test_server_free (fixture->server);
  lotse_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
  g_ptr_array_unref (fixture->edits);
  g_ptr_array_unref (fixture->pending);
}

static void
note (Fixture    *fixture,
      TestClient *client,
      const char *table,
      const char *id,
      const char *field,
      const char *value)
{
  Edit *edit = g_new0 (Edit, 1);

  edit->table = g_strdup (table);
  edit->id = g_strdup (id);
  edit->field = g_strdup (field);
  edit->value = g_strdup (value);
  edit->by = client;
  g_ptr_array_add (fixture->pending, edit);
}

static void
set (Fixture    *fixture,
     TestClient *client,
     const char *table,
     const char *id,
     const char *field,
     const char *value)
{
  g_autofree char *assignment = g_strdup_printf ("%s=%s", field, value);

  test_client_set (client, table, id, assignment, NULL);
  note (fixture, client, table, id, field, value);
}

/* Inserts a row with two fields and notes both. */
static char *
add (Fixture    *fixture,
     TestClient *client,
     const char *table,
     const char *field,
     const char *value,
     const char *other_field,
     const char *other_value)
{
  g_autofree char *first = g_strdup_printf ("%s=%s", field, value);
  g_autofree char *second = g_strdup_printf ("%s=%s", other_field, other_value);
  char *id = test_client_add (client, table, first, second, NULL);

  note (fixture, client, table, id, field, value);
  note (fixture, client, table, id, other_field, other_value);
  return id;
}

/* Syncs; what the client edited is acknowledged now: nothing waits in
 * its outbox and nothing conflicted. */
static void
sync_acked (Fixture    *fixture,
            TestClient *client)
{
  LotseSyncStats stats = { 0, };

  test_client_sync (client, &stats);
  g_assert_cmpint (test_client_count (client, "SELECT count(*) FROM outbox"), ==, 0);
  g_assert_cmpint (test_client_count (client, "SELECT count(*) FROM conflicts"), ==, 0);

  for (guint i = fixture->pending->len; i > 0; i--)
    {
      Edit *edit = g_ptr_array_index (fixture->pending, i - 1);

      if (edit->by != client)
        continue;
      g_ptr_array_add (fixture->edits, g_ptr_array_steal_index (fixture->pending, i - 1));
    }
}

static void
sync_quietly (TestClient *client)
{
  test_client_sync (client, NULL);
}

static void
run_tool (const char * const *argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;
  int status = 0;

  g_spawn_sync (NULL, (char **)argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL, NULL,
                &err, &status, &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("%s failed: %s", argv[0], err);
}

/* The documented backup while the server runs: SQLite's backup command,
 * or pg_dump. */
static void
back_up (Fixture    *fixture,
         const char *copy)
{
  g_autofree char *command = g_strdup_printf (".backup '%s'", copy);
  const char *sqlite_argv[] = { "sqlite3", lotse_test_server_get_db (fixture->server), command, NULL };
  const char *pg_argv[] = { "pg_dump", "--format=custom", "--file", copy,
                            lotse_test_server_get_database (fixture->server), NULL };

  run_tool (lotse_test_server_is_postgresql (fixture->server) ? pg_argv : sqlite_argv);
}

/* The documented restore: stop, put the copy in place (SQLite: remove -wal
 * and -shm; PostgreSQL: pg_restore --clean), optionally `server new-id`,
 * start again (on the same address). */
static void
restore_file (Fixture    *fixture,
              const char *copy)
{
  const char *db = lotse_test_server_get_db (fixture->server);
  g_autofree char *wal = g_strconcat (db, "-wal", NULL);
  g_autofree char *shm = g_strconcat (db, "-shm", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  gsize length = 0;

  g_file_get_contents (copy, &contents, &length, &error);
  g_assert_no_error (error);
  g_file_set_contents (db, contents, length, &error);
  g_assert_no_error (error);
  g_unlink (wal);
  g_unlink (shm);
}

static void
restore (Fixture    *fixture,
         const char *copy,
         gboolean    new_id)
{
  g_autofree char *listen = g_strdup_printf ("127.0.0.1:%u", lotse_test_server_get_port (fixture->server));
  const char * const args[] = { "--listen", listen, "--rate-limit", "100000", "--rate-burst", "100000", NULL };
  const char *pg_argv[] = { "pg_restore", "--clean", "--if-exists", "--dbname",
                            lotse_test_server_get_database (fixture->server), copy, NULL };

  g_assert_cmpint (lotse_test_server_stop (fixture->server), ==, 0);
  if (lotse_test_server_is_postgresql (fixture->server))
    run_tool (pg_argv);
  else
    restore_file (fixture, copy);

  if (new_id)
    g_assert_cmpint (lotse_test_server_admin (fixture->server, NULL, NULL, NULL, "server", "new-id", NULL), ==, 0);

  lotse_test_server_start (fixture->server, args, NULL);
}

/* ---- what is checked ------------------------------------------------ */

static char *
server_query (Fixture    *fixture,
              const char *format,
              ...) G_GNUC_PRINTF (2, 3);

static char *
server_query (Fixture    *fixture,
              const char *format,
              ...)
{
  g_autofree char *sql = NULL;
  va_list ap;

  va_start (ap, format);
  sql = g_strdup_vprintf (format, ap);
  va_end (ap);

  return lotse_test_server_query_text (fixture->server, sql);
}

/* An edit is kept if the server holds it now or held it after the restore
 * (a later edit followed it), or a client shows it in an open conflict. */
static gboolean
edit_kept (Fixture    *fixture,
           const Edit *edit)
{
  TestClient *clients[] = { fixture->a, fixture->b, fixture->c };
  g_autofree char *on_server = NULL;
  gboolean deleted = g_str_equal (edit->field, "deleted");
  char *literal = sqlite3_mprintf ("%Q", edit->value);
  g_autofree char *quoted = g_strdup (literal);

  sqlite3_free (literal);

  if (deleted)
    on_server = server_query (fixture, "SELECT count(*) FROM history WHERE tbl = '%s' AND id = '%s' AND deleted = 1",
                              edit->table, edit->id);
  else
    on_server = server_query (fixture, "SELECT count(*) FROM history WHERE tbl = '%s' AND id = '%s'"
                                       " AND json_extract (fields, '$.%s') = %s",
                              edit->table, edit->id, edit->field, quoted);
  if (atoi (on_server) > 0)
    return TRUE;

  for (guint i = 0; i < G_N_ELEMENTS (clients); i++)
    {
      g_autofree char *sql = NULL;

      if (deleted)
        sql = g_strdup_printf ("SELECT count(*) FROM conflicts WHERE resolved_at IS NULL AND table_name = '%s'"
                               " AND row_id = '%s' AND json_extract (mine, '$.deleted') = 1",
                               edit->table, edit->id);
      else
        sql = g_strdup_printf ("SELECT count(*) FROM conflicts WHERE resolved_at IS NULL AND table_name = '%s'"
                               " AND row_id = '%s' AND json_extract (mine, '$.fields.%s') = %s",
                               edit->table, edit->id, edit->field, quoted);
      if (test_client_count (clients[i], sql) > 0)
        return TRUE;
    }

  return FALSE;
}

static void
assert_edits_kept (Fixture *fixture)
{
  g_assert_cmpuint (fixture->pending->len, ==, 0);
  for (guint i = 0; i < fixture->edits->len; i++)
    {
      const Edit *edit = g_ptr_array_index (fixture->edits, i);

      if (!edit_kept (fixture, edit))
        g_error ("The edit %s %s %s=%s is neither on the server nor in a conflict",
                 edit->table, edit->id, edit->field, edit->value);
    }
}

static void
append_value (GString    *out,
              const char *value)
{
  g_string_append_printf (out, "|%s", value != NULL ? value : "∅");
}

/* The rows of one table of a client, one line each: id, deleted, fields. */
static char *
client_dump (TestClient       *client,
             const LotseTable *table)
{
  g_autoptr(GString) sql = g_string_new ("SELECT id, deleted");
  g_autoptr(GString) out = g_string_new (NULL);
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;

  for (guint i = 0; i < table->n_fields; i++)
    g_string_append_printf (sql, ", %s", table->fields[i].name);
  /* Seeded rows nobody edited (migration 014) are on no server. */
  g_string_append_printf (sql, " FROM %s t WHERE NOT (" LOTSE_STORE_SEEDED_SQL ") ORDER BY id", table->name,
                          table->name);

  g_assert_cmpint (sqlite3_open_v2 (client->db, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql->str, -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_string_append_printf (out, "%s|%d", sqlite3_column_text (stmt, 0), sqlite3_column_int (stmt, 1));
      for (guint i = 0; i < table->n_fields; i++)
        append_value (out, (const char *)sqlite3_column_text (stmt, 2 + i));
      g_string_append_c (out, '\n');
    }
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* The same for the server's current rows. */
static char *
server_dump (Fixture          *fixture,
             const LotseTable *table)
{
  g_autoptr(GString) out = g_string_new (NULL);
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_open_v2 (lotse_test_server_get_copy (fixture->server), &db, SQLITE_OPEN_READONLY, NULL),
                   ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT id, deleted, fields FROM rows WHERE tbl = ? ORDER BY id", -1,
                                       &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, table->name, -1, SQLITE_STATIC);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_autoptr(JsonNode) fields = json_from_string ((const char *)sqlite3_column_text (stmt, 2), NULL);
      JsonObject *object = json_node_get_object (fields);

      g_string_append_printf (out, "%s|%d", sqlite3_column_text (stmt, 0), sqlite3_column_int (stmt, 1));
      for (guint i = 0; i < table->n_fields; i++)
        {
          JsonNode *node = json_object_get_member (object, table->fields[i].name);
          g_autofree char *number = NULL;

          if (node == NULL || JSON_NODE_HOLDS_NULL (node))
            append_value (out, NULL);
          else if (json_node_get_value_type (node) == G_TYPE_INT64)
            append_value (out, number = g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node)));
          else
            append_value (out, json_node_get_string (node));
        }
      g_string_append_c (out, '\n');
    }
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  return g_string_free (g_steal_pointer (&out), FALSE);
}

static void
assert_converged (Fixture    *fixture,
                  TestClient *newcomer)
{
  TestClient *clients[] = { fixture->a, fixture->b, fixture->c, newcomer };
  const LotseTable * const *tables;
  guint n_tables;

  tables = lotse_schema_get_tables (&n_tables);
  for (guint t = 0; t < n_tables; t++)
    {
      g_autofree char *expected = server_dump (fixture, tables[t]);

      for (guint i = 0; i < G_N_ELEMENTS (clients); i++)
        {
          g_autofree char *rows = client_dump (clients[i], tables[t]);

          if (g_strcmp0 (rows, expected) != 0)
            g_error ("Table %s of %s differs from the server's:\n%s\nserver:\n%s", tables[t]->name,
                     clients[i]->name, rows, expected);
        }
    }
}

/* ---- the story ------------------------------------------------------ */

static void
restore_keeps_edits (Fixture       *fixture,
                     gconstpointer  data)
{
  gboolean new_id = GPOINTER_TO_INT (data);
  g_autofree char *copy = g_build_filename (fixture->dir, "backup.db", NULL);
  g_autofree char *org = NULL, *p1 = NULL, *p2 = NULL, *p3 = NULL, *p4 = NULL, *p5 = NULL;
  g_autofree char *title = NULL, *summary = NULL;
  g_autoptr(TestClient) d = NULL;
  Fixture *f = fixture;

  /* Before the backup. */
  org = add (f, f->a, "organisation", "name", "Stadtwerke Bielefeld", "city", "Bielefeld");
  p1 = add (f, f->a, "project", "title", "Projekt 1", "lead_organisation_id", org);
  p2 = add (f, f->a, "project", "title", "Projekt 2", "status", "planned");
  p3 = add (f, f->a, "project", "title", "Projekt 3", "status", "planned");
  p4 = add (f, f->a, "project", "title", "Projekt 4", "status", "planned");
  sync_acked (f, f->a);
  sync_quietly (f->b);
  set (f, f->b, "project", p2, "acronym", "P2B");
  sync_acked (f, f->b);
  sync_quietly (f->a);
  sync_quietly (f->c);

  back_up (f, copy);

  /* After the backup: acknowledged edits the copy lacks. */
  set (f, f->a, "project", p1, "title", "Projekt 1 (A)");
  sync_acked (f, f->a);
  sync_quietly (f->b);
  p5 = add (f, f->b, "project", "title", "Projekt 5 (B)", "lead_organisation_id", org);
  sync_acked (f, f->b);
  sync_quietly (f->c);
  set (f, f->c, "project", p2, "status", "running");
  sync_acked (f, f->c);
  sync_quietly (f->a);
  sync_quietly (f->b);
  test_client_delete (f->b, "project", p3);
  note (f, f->b, "project", p3, "deleted", "1");
  sync_acked (f, f->b);
  sync_quietly (f->a);
  g_free (add (f, f->a, "milestone", "title", "Meilenstein A", "project_id", p1));
  g_free (add (f, f->a, "milestone", "title", "Meilenstein B5", "project_id", p5));
  sync_acked (f, f->a);
  sync_quietly (f->c);
  set (f, f->a, "project", p4, "title", "Projekt 4 (A)");
  sync_acked (f, f->a);

  restore (f, copy, new_id);

  /* Everybody goes on. Ben still has Anna's new title of project 1 and
   * adds a summary; Carl never saw Anna's title of project 4 and writes
   * his own; then Carl edits so much that the server's seq passes the one
   * Anna's cursor names. */
  set (f, f->b, "project", p1, "summary", "Zusammenfassung (B)");
  sync_acked (f, f->b);
  set (f, f->c, "project", p4, "title", "Projekt 4 (C)");
  sync_acked (f, f->c);
  for (guint round = 0; round < 3; round++)
    {
      const char *projects[] = { p1, p2, p5 };

      for (guint i = 0; i < G_N_ELEMENTS (projects); i++)
        {
          g_autofree char *topic = g_strdup_printf ("Thema %u", round);

          set (f, f->c, "project", projects[i], "topic", topic);
          sync_acked (f, f->c);
        }
    }

  for (guint round = 0; round < 2; round++)
    {
      sync_quietly (f->a);
      sync_quietly (f->b);
      sync_quietly (f->c);
    }
  d = test_client_new (f->server, f->dir, "d", "carl", "secret-carl");
  sync_quietly (d);

  assert_edits_kept (f);
  assert_converged (f, d);

  /* Edits of different fields merge: no conflict where none is. */
  title = server_query (f, "SELECT json_extract (fields, '$.title') FROM rows WHERE id = '%s'", p1);
  summary = server_query (f, "SELECT json_extract (fields, '$.summary') FROM rows WHERE id = '%s'", p1);
  g_assert_cmpstr (title, ==, "Projekt 1 (A)");
  g_assert_cmpstr (summary, ==, "Zusammenfassung (B)");
  g_assert_cmpint (test_client_count (f->a, "SELECT count(*) FROM conflicts"), ==, 1);
  g_assert_cmpint (test_client_count (f->b, "SELECT count(*) FROM conflicts"), ==, 0);
  g_assert_cmpint (test_client_count (f->c, "SELECT count(*) FROM conflicts"), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/sync-restore/with-new-id", Fixture, GINT_TO_POINTER (TRUE), fixture_set_up,
              restore_keeps_edits, fixture_tear_down);
  g_test_add ("/sync-restore/without-new-id", Fixture, GINT_TO_POINTER (FALSE), fixture_set_up,
              restore_keeps_edits, fixture_tear_down);

  return g_test_run ();
}
