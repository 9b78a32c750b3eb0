/* test-store.c: the SQLite store
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <sqlite3.h>
#include <string.h>

#include "lotse-store-private.h"
#include "lotse-test-helpers.h"

typedef struct
{
  char       *dir;
  char       *path;
  LotseStore *store;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->store = lotse_test_open_store (&f->dir);
  f->path = g_strdup (lotse_store_get_path (f->store));
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->store);
  lotse_test_remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->path);
}

static gint64
count_rows (const char *path,
            const char *table)
{
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM %s", table);

  return lotse_test_query_int (path, sql);
}

static char *
file_checksum (const char *path)
{
  g_autofree char *contents = NULL;
  gsize length = 0;

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));

  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *)contents, length);
}

/* The basic rows most tests need: a programme, an organisation, a project. */
static char *
insert_project (LotseStore *store)
{
  g_autofree char *programme = lotse_test_insert (store, "programme", "name=OWL 4.0", NULL);
  g_autofree char *programme_ref = g_strdup_printf ("programme_id=%s", programme);

  return lotse_test_insert (store, "project", "title=OWL Arena 4.0", "acronym=Arena",
                            programme_ref, "start_date=2016-03-01", "end_date=2019-02-28",
                            "status=running", "health=green", NULL);
}

static void
test_migrations_fresh (Fixture       *f,
                       gconstpointer  data)
{
  guint n_tables;
  const LotseTable * const *tables = lotse_schema_get_tables (&n_tables);
  const char *local[] = { "outbox", "sync_state", "conflicts" };

  g_assert_cmpint (lotse_store_get_schema_version (f->store), ==, LOTSE_STORE_SCHEMA_VERSION);
  g_assert_cmpint (lotse_test_query_int (f->path, "PRAGMA user_version"), ==,
                   LOTSE_STORE_SCHEMA_VERSION);
  g_assert_cmpstr (lotse_test_query_text (f->path, "PRAGMA journal_mode"), ==, "wal");

  /* Every schema field is a column of its table, from the first migration. */
  for (guint i = 0; i < n_tables; i++)
    {
      for (guint j = 0; j < tables[i]->n_fields; j++)
        {
          g_autofree char *sql =
            g_strdup_printf ("SELECT count(*) FROM pragma_table_info('%s') WHERE name = '%s'",
                             tables[i]->name, tables[i]->fields[j].name);

          g_assert_cmpint (lotse_test_query_int (f->path, sql), ==, 1);
        }
    }

  for (guint i = 0; i < G_N_ELEMENTS (local); i++)
    {
      g_autofree char *sql =
        g_strdup_printf ("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = '%s'",
                         local[i]);

      g_assert_cmpint (lotse_test_query_int (f->path, sql), ==, 1);
    }
}

static void
test_migrations_reopen (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LotseStore) again = NULL;
  g_autofree char *id = insert_project (f->store);
  g_autoptr(LotseRecord) record = NULL;

  g_clear_object (&f->store);
  again = lotse_store_open (f->path, &error);
  g_assert_no_error (error);

  record = lotse_store_get (again, "project", id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (lotse_record_get (record, "title"), ==, "OWL Arena 4.0");
}

static void
test_refuse_newer (void)
{
  g_autofree char *dir = lotse_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "lotse.db", NULL);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(LotseStore) store = NULL;
  sqlite3 *db = NULL;

  store = lotse_store_open (path, &error);
  g_assert_no_error (error);
  g_clear_object (&store);

  /* What a future Lotse would leave behind. */
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA journal_mode = DELETE; PRAGMA user_version = 99",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  before = file_checksum (path);

  store = lotse_store_open (path, &error);
  g_assert_null (store);
  g_assert_error (error, LOTSE_ERROR, LOTSE_ERROR_NEWER_VERSION);
  g_assert_nonnull (strstr (error->message, "newer"));

  after = file_checksum (path);
  g_assert_cmpstr (before, ==, after);
  g_assert_cmpint (lotse_test_query_int (path, "PRAGMA user_version"), ==, 99);

  lotse_test_remove_tree (dir);
}

/* A connection that holds the file exclusively for a moment, as the last
 * connection does while it checkpoints on close. */
static gpointer
hold_lock_thread (gpointer data)
{
  sqlite3 *db = data;

  g_usleep (300 * G_TIME_SPAN_MILLISECOND);
  g_assert_cmpint (sqlite3_exec (db, "COMMIT", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  return NULL;
}

static void
test_open_waits_for_lock (void)
{
  g_autofree char *dir = lotse_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "lotse.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(LotseStore) store = NULL;
  g_autofree char *set_version = NULL;
  GThread *thread;
  sqlite3 *db = NULL;

  store = lotse_store_open (path, &error);
  g_assert_no_error (error);
  g_clear_object (&store);

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  /* Writing the version it has takes the lock without asking for
   * migrations again, which ALTER TABLE … ADD COLUMN (014) cannot repeat. */
  set_version = g_strdup_printf ("PRAGMA locking_mode = EXCLUSIVE; BEGIN EXCLUSIVE; "
                                 "PRAGMA user_version = %d", LOTSE_STORE_SCHEMA_VERSION);
  g_assert_cmpint (sqlite3_exec (db, set_version, NULL, NULL, NULL), ==, SQLITE_OK);
  thread = g_thread_new ("hold-lock", hold_lock_thread, db);

  store = lotse_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (store);
  g_assert_cmpint (lotse_store_get_schema_version (store), ==, LOTSE_STORE_SCHEMA_VERSION);

  g_thread_join (thread);
  g_clear_object (&store);
  lotse_test_remove_tree (dir);
}

static void
test_refuse_corrupt (void)
{
  g_autofree char *dir = lotse_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "lotse.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(LotseStore) store = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *wal = NULL;
  guchar garbage[8192];
  GRand *rand = g_rand_new_with_seed (42);

  for (guint i = 0; i < sizeof garbage; i++)
    garbage[i] = g_rand_int_range (rand, 0, 256);
  g_rand_free (rand);

  g_assert_true (g_file_set_contents (path, (const char *)garbage, sizeof garbage, NULL));
  before = file_checksum (path);

  store = lotse_store_open (path, &error);
  g_assert_null (store);
  g_assert_error (error, LOTSE_ERROR, LOTSE_ERROR_CORRUPT);
  g_assert_nonnull (strstr (error->message, path));

  after = file_checksum (path);
  g_assert_cmpstr (before, ==, after);
  wal = g_strconcat (path, "-wal", NULL);
  g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));

  lotse_test_remove_tree (dir);
}

static void
test_refuse_damaged_header (void)
{
  g_autofree char *dir = lotse_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "lotse.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(LotseStore) store = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  gsize length = 0;
  sqlite3 *db = NULL;

  store = lotse_store_open (path, &error);
  g_assert_no_error (error);
  g_clear_object (&store);

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  sqlite3_exec (db, "PRAGMA journal_mode = DELETE", NULL, NULL, NULL);
  sqlite3_close (db);

  /* Overwrite the schema page behind an intact header. */
  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  g_assert_cmpuint (length, >, 4096 + 512);
  memset (contents + 100, 0xA5, 3000);
  g_assert_true (g_file_set_contents (path, contents, length, NULL));
  before = file_checksum (path);

  store = lotse_store_open (path, &error);
  g_assert_null (store);
  g_assert_error (error, LOTSE_ERROR, LOTSE_ERROR_CORRUPT);

  after = file_checksum (path);
  g_assert_cmpstr (before, ==, after);

  lotse_test_remove_tree (dir);
}

static void
test_refuse_foreign_database (void)
{
  g_autofree char *dir = lotse_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "other.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(LotseStore) store = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "CREATE TABLE notes (text TEXT)", NULL, NULL, NULL), ==,
                   SQLITE_OK);
  sqlite3_close (db);
  before = file_checksum (path);

  store = lotse_store_open (path, &error);
  g_assert_null (store);
  g_assert_error (error, LOTSE_ERROR, LOTSE_ERROR_CORRUPT);

  after = file_checksum (path);
  g_assert_cmpstr (before, ==, after);

  lotse_test_remove_tree (dir);
}

static void
test_refuse_directory (void)
{
  g_autofree char *dir = lotse_test_make_tmpdir ();
  g_autoptr(GError) error = NULL;
  g_autoptr(LotseStore) store = NULL;

  store = lotse_store_open (dir, &error);
  g_assert_null (store);
  g_assert_error (error, LOTSE_ERROR, LOTSE_ERROR_CORRUPT);

  lotse_test_remove_tree (dir);
}

static void
assert_mode (const char *path,
             guint       expected)
{
  GStatBuf st;

  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpuint (st.st_mode & 07777, ==, expected);
}

/* Folders and files the store creates are its user's alone (issue #21.13):
 * the database, its -wal and -shm, whatever the umask lets others see. */
static void
test_creates_folder (void)
{
  g_autofree char *dir = lotse_test_make_tmpdir ();
  g_autofree char *outer = g_build_filename (dir, "a", NULL);
  g_autofree char *inner = g_build_filename (dir, "a", "b", NULL);
  g_autofree char *path = g_build_filename (inner, "lotse.db", NULL);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(LotseStore) store = NULL;
  mode_t umask_before = umask (022);

  store = lotse_store_open (path, &error);
  g_assert_no_error (error);
  g_free (lotse_test_insert (store, "organisation", "name=Kreis Lippe", NULL));
  assert_mode (outer, 0700);
  assert_mode (inner, 0700);
  assert_mode (path, 0600);
  assert_mode (wal, 0600);
  assert_mode (shm, 0600);
  g_clear_object (&store);

  umask (umask_before);
  lotse_test_remove_tree (dir);
}

#define SHA256_OF_NOTHING "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"

/* One valid row for each table, inserted parents first (the schema lists
 * them in that order). */
static GHashTable *
insert_one_of_each (LotseStore *store)
{
  GHashTable *ids = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  guint n_tables;
  const LotseTable * const *tables = lotse_schema_get_tables (&n_tables);

  for (guint i = 0; i < n_tables; i++)
    {
      const LotseTable *table = tables[i];
      g_autoptr(LotseRecord) record = lotse_record_new (table);
      g_autoptr(GError) error = NULL;

      for (guint j = 0; j < table->n_fields; j++)
        {
          const LotseField *field = &table->fields[j];
          g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, MAX (field->min_value, 30));
          const char *value = NULL;

          switch (field->type)
            {
            /* A cost category is one the store knows (migration 014). */
            case LOTSE_FIELD_TEXT:
              if (field->flags & LOTSE_FIELD_SHA256)
                value = SHA256_OF_NOTHING;
              else
                value = g_str_equal (field->name, "category") ? "travel" : "Jour fixe der Projektleitungen";
              break;
            case LOTSE_FIELD_INT: value = number; break;
            case LOTSE_FIELD_DATE: value = "2018-05-16"; break;
            case LOTSE_FIELD_DATETIME: value = "2018-05-16T10:00:00+02:00"; break;
            case LOTSE_FIELD_ENUM: value = field->enum_values[1]; break;
            case LOTSE_FIELD_REF:
              /* An attachment's owner: the table its owner_table names. */
              value = g_hash_table_lookup (ids, field->ref_table != NULL
                                                  ? field->ref_table
                                                  : lotse_record_get (record, field->ref_table_field));
              break;
            case LOTSE_FIELD_TIME_ZONE: value = "Europe/Vienna"; break;
            default: g_assert_not_reached ();
            }

          lotse_record_set (record, field->name, value);
        }

      /* An approval is its meeting's row, and the meeting is not held. */
      if (g_str_equal (table->name, "minutes_approval"))
        {
          lotse_record_set_id (record, g_hash_table_lookup (ids, "meeting"));
          lotse_record_set (record, "approved_at", NULL);
        }

      lotse_store_insert (store, record, &error);
      g_assert_no_error (error);
      g_hash_table_insert (ids, (gpointer)table->name, g_strdup (lotse_record_get_id (record)));
    }

  return ids;
}

static JsonObject *
outbox_fields (const char *path,
               const char *table,
               const char *id,
               int         nth)
{
  g_autofree char *sql =
    g_strdup_printf ("SELECT fields FROM outbox WHERE table_name = '%s' AND row_id = '%s'"
                     " ORDER BY seq LIMIT 1 OFFSET %d", table, id, nth);
  g_autofree char *text = lotse_test_query_text (path, sql);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);

  return json_object_ref (json_node_get_object (json_parser_get_root (parser)));
}

static void
test_every_table (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GHashTable) ids = insert_one_of_each (f->store);
  guint n_tables;
  const LotseTable * const *tables = lotse_schema_get_tables (&n_tables);

  g_assert_cmpint (count_rows (f->path, "outbox"), ==, n_tables);

  for (guint i = 0; i < n_tables; i++)
    {
      const LotseTable *table = tables[i];
      const char *id = g_hash_table_lookup (ids, table->name);
      g_autoptr(LotseRecord) record = NULL;
      g_autoptr(JsonObject) inserted = NULL;
      g_autoptr(JsonObject) updated = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *sql = NULL;
      const LotseField *first_text = NULL;

      /* Insert: the outbox row carries every set field with its type. */
      inserted = outbox_fields (f->path, table->name, id, 0);
      record = lotse_store_get (f->store, table->name, id, &error);
      g_assert_no_error (error);
      for (guint j = 0; j < table->n_fields; j++)
        {
          JsonNode *node = json_object_get_member (inserted, table->fields[j].name);

          /* Only a self-reference (agenda_item.carried_from_id) and the
           * time of an approval of a meeting not held are unset. */
          if (lotse_record_get_nth (record, j) == NULL)
            {
              g_assert_null (node);
              if (!g_str_equal (table->fields[j].name, "approved_at"))
                g_assert_cmpstr (table->fields[j].ref_table, ==, table->name);
              continue;
            }

          g_assert_nonnull (node);
          g_assert_cmpint (json_node_get_value_type (node), ==,
                           table->fields[j].type == LOTSE_FIELD_INT ? G_TYPE_INT64 : G_TYPE_STRING);
          if (table->fields[j].type == LOTSE_FIELD_INT)
            g_assert_cmpint (json_node_get_int (node), ==,
                             lotse_record_get_int (record, table->fields[j].name, -1));
          else
            g_assert_cmpstr (json_node_get_string (node), ==, lotse_record_get_nth (record, j));
          /* A category must stay one the store knows. */
          if (first_text == NULL && table->fields[j].type == LOTSE_FIELD_TEXT &&
              !g_str_equal (table->fields[j].name, "category"))
            first_text = &table->fields[j];
        }

      sql = g_strdup_printf ("SELECT base_rev FROM outbox WHERE row_id = '%s'", id);
      g_assert_cmpint (lotse_test_query_int (f->path, sql), ==, 0);

      /* Update: only the changed field travels. */
      if (first_text != NULL)
        lotse_record_set (record, first_text->name, "Geändert");
      else
        lotse_record_set (record, table->fields[0].name,
                          g_hash_table_lookup (ids, table->fields[0].ref_table));
      lotse_store_update (f->store, record, &error);
      g_assert_no_error (error);

      if (first_text != NULL)
        {
          updated = outbox_fields (f->path, table->name, id, 1);
          g_assert_cmpuint (json_object_get_size (updated), ==, 1);
          g_assert_cmpstr (json_object_get_string_member (updated, first_text->name), ==, "Geändert");
        }
    }

  /* Delete every row, children first: tombstones with an outbox row each. */
  for (guint i = n_tables; i-- > 0;)
    {
      const char *id = g_hash_table_lookup (ids, tables[i]->name);
      g_autoptr(GError) error = NULL;
      g_autoptr(LotseRecord) gone = NULL;
      g_autofree char *sql = NULL;

      lotse_store_delete (f->store, tables[i]->name, id, &error);
      g_assert_no_error (error);

      gone = lotse_store_get (f->store, tables[i]->name, id, &error);
      g_assert_null (gone);
      g_assert_error (error, LOTSE_ERROR, LOTSE_ERROR_NOT_FOUND);

      sql = g_strdup_printf ("SELECT deleted FROM %s WHERE id = '%s'", tables[i]->name, id);
      g_assert_cmpint (lotse_test_query_int (f->path, sql), ==, 1);
      g_clear_pointer (&sql, g_free);
      sql = g_strdup_printf ("SELECT count(*) FROM outbox WHERE table_name = '%s' AND row_id = '%s'"
                             " AND deleted = 1 AND fields = '{}'", tables[i]->name, id);
      g_assert_cmpint (lotse_test_query_int (f->path, sql), ==, 1);
      /* What is left are the seven seeded cost categories (migration 014). */
      g_assert_cmpint (lotse_store_count (f->store, tables[i]->name, NULL, 0, NULL), ==,
                       g_str_equal (tables[i]->name, "cost_category") ? 7 : 0);
    }

  g_assert_true (lotse_store_is_empty (f->store));
}

static void
test_update_without_change (Fixture       *f,
                            gconstpointer  data)
{
  g_autofree char *id = insert_project (f->store);
  g_autoptr(LotseRecord) record = NULL;
  g_autoptr(GError) error = NULL;
  gint64 before = count_rows (f->path, "outbox");

  record = lotse_store_get (f->store, "project", id, &error);
  g_assert_no_error (error);
  g_assert_true (lotse_store_update (f->store, record, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count_rows (f->path, "outbox"), ==, before);
}

static void
test_update_base_rev (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *id = insert_project (f->store);
  g_autofree char *sql = NULL;
  g_autoptr(LotseRecord) record = NULL;
  g_autoptr(GError) error = NULL;
  sqlite3 *db = NULL;

  /* As if sync had acknowledged revision 7. */
  g_assert_cmpint (sqlite3_open (f->path, &db), ==, SQLITE_OK);
  sql = g_strdup_printf ("UPDATE project SET rev = 7 WHERE id = '%s'", id);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  record = lotse_store_get (f->store, "project", id, &error);
  lotse_record_set (record, "health", "red");
  lotse_store_update (f->store, record, &error);
  g_assert_no_error (error);

  g_clear_pointer (&sql, g_free);
  sql = g_strdup_printf ("SELECT base_rev FROM outbox WHERE row_id = '%s' ORDER BY seq DESC", id);
  g_assert_cmpint (lotse_test_query_int (f->path, sql), ==, 7);
}

typedef struct
{
  const char *table;
  const char *field;
  const char *value;
} BadValue;

static void
test_invalid_values (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *project = insert_project (f->store);
  const BadValue bad[] = {
    { "project", "title", "" },
    { "project", "title", "   " },
    { "project", "title", NULL },
    { "project", "status", "finished" },
    { "project", "health", "blue" },
    { "project", "start_date", "2024-13-45" },
    { "project", "start_date", "31.03.2024" },
    { "project", "end_date", "2016-01-01" },        /* before start */
    { "project", "programme_id", "00000000-0000-4000-8000-000000000000" }, /* dangling */
    { "project", "programme_id", "not-a-uuid" },
    { "project", "budget_cents", "12.5" },
    { "project", "budget_cents", "-1" },
    { "milestone", "project_id", NULL },
    { "milestone", "status", "DONE" },
    { "meeting", "starts_at", "2018-05-16 10:00" },
    { "meeting", "duration_min", "0" },
    { "article", "category", "recipe" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(LotseRecord) record = lotse_record_new_for_table (bad[i].table);
      g_autoptr(GError) error = NULL;
      gint64 outbox_before = count_rows (f->path, "outbox");
      gint64 rows_before = count_rows (f->path, bad[i].table);
      g_autofree char *quoted = g_strdup_printf ("“%s”", bad[i].field);

      /* Start from a valid row, then spoil one field. */
      if (g_str_equal (bad[i].table, "project"))
        {
          g_autoptr(LotseRecord) valid = lotse_store_get (f->store, "project", project, NULL);

          g_clear_object (&record);
          record = lotse_record_copy (valid);
          lotse_record_set_id (record, NULL);
        }
      else if (g_str_equal (bad[i].table, "milestone"))
        {
          lotse_record_set (record, "project_id", project);
          lotse_record_set (record, "title", "Auftakt");
        }
      else
        lotse_record_set (record, "title", "Jour fixe");

      lotse_record_set (record, bad[i].field, bad[i].value);

      g_assert_false (lotse_store_insert (f->store, record, &error));
      g_assert_error (error, LOTSE_ERROR, LOTSE_ERROR_INVALID_VALUE);
      if (strstr (error->message, quoted) == NULL)
        g_error ("“%s” does not name the field %s", error->message, bad[i].field);

      g_assert_cmpint (count_rows (f->path, "outbox"), ==, outbox_before);
      g_assert_cmpint (count_rows (f->path, bad[i].table), ==, rows_before);
    }
}

static void
test_invalid_update_changes_nothing (Fixture       *f,
                                     gconstpointer  data)
{
  g_autofree char *id = insert_project (f->store);
  g_autoptr(LotseRecord) record = NULL;
  g_autoptr(LotseRecord) again = NULL;
  g_autoptr(GError) error = NULL;
  gint64 outbox_before = count_rows (f->path, "outbox");

  record = lotse_store_get (f->store, "project", id, NULL);
  lotse_record_set (record, "title", "Neuer Titel");
  lotse_record_set (record, "end_date", "2010-01-01");
  g_assert_false (lotse_store_update (f->store, record, &error));
  g_assert_error (error, LOTSE_ERROR, LOTSE_ERROR_INVALID_VALUE);
  g_assert_nonnull (strstr (error->message, "end_date"));

  again = lotse_store_get (f->store, "project", id, NULL);
  g_assert_cmpstr (lotse_record_get (again, "title"), ==, "OWL Arena 4.0");
  g_assert_cmpint (count_rows (f->path, "outbox"), ==, outbox_before);
}

static void
test_deleted_reference_is_dangling (Fixture       *f,
                                    gconstpointer  data)
{
  g_autofree char *project = insert_project (f->store);
  g_autoptr(LotseRecord) milestone = lotse_record_new_for_table ("milestone");
  g_autoptr(GError) error = NULL;

  g_assert_true (lotse_store_delete (f->store, "project", project, NULL));

  lotse_record_set (milestone, "project_id", project);
  lotse_record_set (milestone, "title", "Abschlussbericht");
  g_assert_false (lotse_store_insert (f->store, milestone, &error));
  g_assert_error (error, LOTSE_ERROR, LOTSE_ERROR_INVALID_VALUE);
  g_assert_nonnull (strstr (error->message, "project_id"));
}

static void
test_undelete (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *project = insert_project (f->store);
  g_autofree char *missing = lotse_new_uuid ();
  g_autofree char *sql = NULL;
  g_autoptr(LotseRecord) back = NULL;
  g_autoptr(GError) error = NULL;
  gint64 outbox_before;

  g_assert_true (lotse_store_delete (f->store, "project", project, NULL));
  outbox_before = count_rows (f->path, "outbox");

  /* The row returns with its fields; the outbox carries all of them. */
  g_assert_true (lotse_store_undelete (f->store, "project", project, &error));
  g_assert_no_error (error);
  back = lotse_store_get (f->store, "project", project, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (lotse_record_get (back, "title"), ==, "OWL Arena 4.0");
  g_assert_cmpint (count_rows (f->path, "outbox"), ==, outbox_before + 1);
  sql = g_strdup_printf ("SELECT count(*) FROM outbox WHERE row_id = '%s' AND deleted = 0"
                         " AND json_extract(fields, '$.title') = 'OWL Arena 4.0'", project);
  g_assert_cmpint (lotse_test_query_int (f->path, sql), ==, 2);

  /* A row that is not deleted: nothing to do, nothing recorded */
  g_assert_true (lotse_store_undelete (f->store, "project", project, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count_rows (f->path, "outbox"), ==, outbox_before + 1);

  /* No such row, no such table: an error, nothing recorded */
  g_assert_false (lotse_store_undelete (f->store, "project", missing, &error));
  g_assert_error (error, LOTSE_ERROR, LOTSE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (lotse_store_undelete (f->store, "no_table", project, &error));
  g_assert_error (error, LOTSE_ERROR, LOTSE_ERROR_UNKNOWN_TABLE);
  g_assert_cmpint (count_rows (f->path, "outbox"), ==, outbox_before + 1);
}

static void
test_defaults_and_ids (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *project = insert_project (f->store);
  g_autoptr(LotseRecord) milestone = lotse_record_new_for_table ("milestone");
  g_autoptr(LotseRecord) duplicate = NULL;
  g_autoptr(GError) error = NULL;

  lotse_record_set (milestone, "project_id", project);
  lotse_record_set (milestone, "title", "Kick-off");
  g_assert_true (lotse_store_insert (f->store, milestone, &error));
  g_assert_true (lotse_is_uuid (lotse_record_get_id (milestone)));
  g_assert_cmpstr (lotse_record_get (milestone, "status"), ==, "open");
  g_assert_nonnull (lotse_record_get_created_at (milestone));

  duplicate = lotse_record_copy (milestone);
  g_assert_false (lotse_store_insert (f->store, duplicate, &error));
  g_assert_error (error, LOTSE_ERROR, LOTSE_ERROR_INVALID_VALUE);
}

static void
test_transaction_rollback (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *kept = insert_project (f->store);
  gint64 outbox_before = count_rows (f->path, "outbox");
  g_autoptr(LotseRecord) bad = lotse_record_new_for_table ("programme");

  g_assert_true (lotse_store_begin (f->store, &error));
  g_free (lotse_test_insert (f->store, "programme", "name=Digitale Modellregion OWL", NULL));

  /* A failed write inside the transaction undoes only itself. */
  g_assert_false (lotse_store_insert (f->store, bad, &error));
  g_clear_error (&error);
  g_assert_cmpint (lotse_store_count (f->store, "programme", NULL, 0, NULL), ==, 2);

  lotse_store_rollback (f->store);

  g_assert_cmpint (lotse_store_count (f->store, "programme", NULL, 0, NULL), ==, 1);
  g_assert_cmpint (count_rows (f->path, "outbox"), ==, outbox_before);
}

static void
on_changed (LotseStore *store,
            const char *table,
            const char *id,
            GPtrArray  *log)
{
  g_ptr_array_add (log, g_strdup_printf ("%s:%s", table, id ? id : "*"));
}

static void
test_changed_signal (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GPtrArray) log = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *id = NULL;
  g_autofree char *expected = NULL;

  g_signal_connect (f->store, "changed", G_CALLBACK (on_changed), log);

  id = lotse_test_insert (f->store, "tag", "name=Nachnutzung", NULL);
  expected = g_strdup_printf ("tag:%s", id);
  g_assert_cmpuint (log->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (log, 0), ==, expected);

  /* Inside a transaction, one signal per table after commit. */
  g_assert_true (lotse_store_begin (f->store, NULL));
  g_free (lotse_test_insert (f->store, "tag", "name=Lernreise", NULL));
  g_free (lotse_test_insert (f->store, "tag", "name=KMU", NULL));
  g_assert_cmpuint (log->len, ==, 1);
  g_assert_true (lotse_store_commit (f->store, NULL));
  g_assert_cmpuint (log->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (log, 1), ==, "tag:*");
}

static int
count_steps (void *data)
{
  (*(guint *)data)++;
  return 0;
}

/* One project's milestones in due order come from the index on
 * project_id, not from walking every live milestone in due order
 * (milestone_due leads with deleted): counted in SQLite's VM steps,
 * which do not depend on the machine. */
static void
test_list_filter_index (Fixture       *f,
                        gconstpointer  data)
{
  g_autofree char *project = insert_project (f->store);
  g_autofree char *ref = g_strdup_printf ("project_id=%s", project);
  LotseFilter filter[] = { { "project_id", project } };
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;
  guint steps = 0;

  g_assert_true (lotse_store_begin (f->store, NULL));
  for (guint i = 0; i < 50; i++)
    {
      g_autofree char *other = insert_project (f->store);
      g_autofree char *other_ref = g_strdup_printf ("project_id=%s", other);

      for (guint j = 0; j < 40; j++)
        g_free (lotse_test_insert (f->store, "milestone", other_ref, "title=M", "due_date=2017-01-31", NULL));
    }
  g_free (lotse_test_insert (f->store, "milestone", ref, "title=Mine", "due_date=2017-02-01", NULL));
  g_assert_true (lotse_store_commit (f->store, NULL));

  /* A callback per 100 steps: walking the 2,001 milestones takes some
   * 40,000, the index a few hundred. */
  sqlite3_progress_handler (lotse_store_get_db (f->store), 100, count_steps, &steps);
  rows = lotse_store_list (f->store, "milestone", filter, 1, "due_date", 500, 0, &error);
  sqlite3_progress_handler (lotse_store_get_db (f->store), 0, NULL, NULL);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 1);
  g_assert_cmpstr (lotse_record_get_title (g_ptr_array_index (rows, 0)), ==, "Mine");
  g_test_message ("%u hundred steps", steps);
  g_assert_cmpuint (steps, <, 20);
}

static void
test_list_filters (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *project = insert_project (f->store);
  g_autofree char *ref = g_strdup_printf ("project_id=%s", project);
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;
  LotseFilter open[] = { { "status", "open" } };
  LotseFilter unknown[] = { { "colour", "red" } };
  LotseFilter injected[] = { { "status", "open' OR 1=1 --" } };

  g_free (lotse_test_insert (f->store, "milestone", ref, "title=B", "due_date=2017-01-31", NULL));
  g_free (lotse_test_insert (f->store, "milestone", ref, "title=A", "due_date=2016-06-30",
                             "status=done", "done_date=2016-06-28", NULL));
  g_free (lotse_test_insert (f->store, "milestone", ref, "title=C", "due_date=2018-12-31", NULL));

  rows = lotse_store_list (f->store, "milestone", NULL, 0, NULL, 0, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 3);
  g_assert_cmpstr (lotse_record_get_title (g_ptr_array_index (rows, 0)), ==, "A");
  g_clear_pointer (&rows, g_ptr_array_unref);

  rows = lotse_store_list (f->store, "milestone", NULL, 0, "-due_date", 0, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (lotse_record_get_title (g_ptr_array_index (rows, 0)), ==, "C");
  g_assert_cmpstr (lotse_record_get_title (g_ptr_array_index (rows, 2)), ==, "A");
  g_clear_pointer (&rows, g_ptr_array_unref);

  rows = lotse_store_list (f->store, "milestone", open, 1, "title", 1, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 1);
  g_assert_cmpstr (lotse_record_get_title (g_ptr_array_index (rows, 0)), ==, "C");
  g_assert_cmpint (lotse_store_count (f->store, "milestone", open, 1, NULL), ==, 2);
  g_clear_pointer (&rows, g_ptr_array_unref);

  g_assert_cmpint (lotse_store_count (f->store, "milestone", injected, 1, NULL), ==, 0);

  rows = lotse_store_list (f->store, "milestone", unknown, 1, NULL, 0, 0, &error);
  g_assert_null (rows);
  g_assert_error (error, LOTSE_ERROR, LOTSE_ERROR_UNKNOWN_FIELD);
  g_clear_error (&error);

  rows = lotse_store_list (f->store, "milestone", NULL, 0, "title; DROP TABLE milestone", 0, 0,
                           &error);
  g_assert_null (rows);
  g_assert_error (error, LOTSE_ERROR, LOTSE_ERROR_UNKNOWN_FIELD);
  g_clear_error (&error);

  rows = lotse_store_list (f->store, "no_such_table", NULL, 0, NULL, 0, 0, &error);
  g_assert_null (rows);
  g_assert_error (error, LOTSE_ERROR, LOTSE_ERROR_UNKNOWN_TABLE);
}

static void
test_record_json (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *id = insert_project (f->store);
  g_autoptr(LotseRecord) record = lotse_store_get (f->store, "project", id, NULL);
  g_autoptr(JsonNode) node = NULL;
  JsonObject *object;

  lotse_record_set (record, "budget_cents", "125000000");
  node = lotse_record_to_json (record);
  object = json_node_get_object (node);

  g_assert_cmpstr (json_object_get_string_member (object, "id"), ==, id);
  g_assert_cmpstr (json_object_get_string_member (object, "title"), ==, "OWL Arena 4.0");
  g_assert_cmpint (json_object_get_int_member (object, "budget_cents"), ==, 125000000);
  g_assert_true (json_object_get_null_member (object, "website"));
  g_assert_cmpint (json_object_get_int_member (object, "rev"), ==, 0);
}

static gint64
file_size (const char *path)
{
  GStatBuf st;

  g_assert_cmpint (g_stat (path, &st), ==, 0);
  return st.st_size;
}

/* Bulk writes go to the WAL only (no checkpoint, so no fsync, on the
 * writer's thread); when they end, a thread of the store copies them into
 * the database. Nothing else checkpoints here: the store's own connection
 * does not until its next transaction. */
static void
test_bulk_checkpoint_in_thread (Fixture       *f,
                                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 before = file_size (f->path);
  gint64 expected;
  gint64 deadline;

  lotse_store_set_bulk_mode (f->store, TRUE);
  for (guint i = 0; i < 5; i++)
    {
      g_assert_true (lotse_store_begin (f->store, &error));
      for (guint j = 0; j < 1000; j++)
        {
          g_autofree char *name = g_strdup_printf ("name=Partner %u-%u", i, j);

          g_free (lotse_test_insert (f->store, "organisation", name, NULL));
        }
      g_assert_true (lotse_store_commit (f->store, &error));
    }
  g_assert_cmpint (file_size (f->path), ==, before);
  expected = lotse_test_query_int (f->path, "SELECT page_count * page_size FROM pragma_page_count, pragma_page_size");
  g_assert_cmpint (expected, >, before);

  lotse_store_set_bulk_mode (f->store, FALSE);
  deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;
  while (file_size (f->path) < expected && g_get_monotonic_time () < deadline)
    g_usleep (10000);
  g_assert_cmpint (file_size (f->path), ==, expected);
  g_assert_cmpint (count_rows (f->path, "organisation"), ==, 5000);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/store/migrations/fresh", test_migrations_fresh);
  ADD ("/store/migrations/reopen", test_migrations_reopen);
  g_test_add_func ("/store/open/newer-refused", test_refuse_newer);
  g_test_add_func ("/store/open/corrupt-refused", test_refuse_corrupt);
  g_test_add_func ("/store/open/waits-for-lock", test_open_waits_for_lock);
  g_test_add_func ("/store/open/damaged-schema-refused", test_refuse_damaged_header);
  g_test_add_func ("/store/open/foreign-database-refused", test_refuse_foreign_database);
  g_test_add_func ("/store/open/directory-refused", test_refuse_directory);
  g_test_add_func ("/store/open/creates-folder", test_creates_folder);
  ADD ("/store/write/every-table", test_every_table);
  ADD ("/store/write/update-without-change", test_update_without_change);
  ADD ("/store/write/update-base-rev", test_update_base_rev);
  ADD ("/store/write/defaults-and-ids", test_defaults_and_ids);
  ADD ("/store/write/undelete", test_undelete);
  ADD ("/store/validate/invalid-values", test_invalid_values);
  ADD ("/store/validate/invalid-update", test_invalid_update_changes_nothing);
  ADD ("/store/validate/deleted-reference", test_deleted_reference_is_dangling);
  ADD ("/store/transaction/rollback", test_transaction_rollback);
  ADD ("/store/bulk/checkpoint-in-thread", test_bulk_checkpoint_in_thread);
  ADD ("/store/signal/changed", test_changed_signal);
  ADD ("/store/list/filters", test_list_filters);
  ADD ("/store/list/filter-index", test_list_filter_index);
  ADD ("/store/record/json", test_record_json);

#undef ADD

  return g_test_run ();
}
