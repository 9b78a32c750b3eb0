/* test-cli.c: lotse-cli as a user runs it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every test spawns the real binary ($LOTSE_CLI) against a database in a
 * temporary directory and checks the exit status, stdout, stderr and the
 * database file itself.
 */

#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>

#include "lotse-test-cli.h"

static gint64
query_int (LotseTestCliFixture *fixture,
           const char          *format,
           ...) G_GNUC_PRINTF (2, 3);

static gint64
query_int (LotseTestCliFixture *fixture,
           const char          *format,
           ...)
{
  g_autofree char *sql = NULL;
  va_list ap;

  va_start (ap, format);
  sql = g_strdup_vprintf (format, ap);
  va_end (ap);

  return lotse_test_query_int (fixture->db, sql);
}

static char *
query_text (LotseTestCliFixture *fixture,
            const char          *format,
            ...) G_GNUC_PRINTF (2, 3);

static char *
query_text (LotseTestCliFixture *fixture,
            const char          *format,
            ...)
{
  g_autofree char *sql = NULL;
  va_list ap;

  va_start (ap, format);
  sql = g_strdup_vprintf (format, ap);
  va_end (ap);

  return lotse_test_query_text (fixture->db, sql);
}

/* Rows of every synced table, tombstones included. */
static gint64
count_all_rows (LotseTestCliFixture *fixture)
{
  const LotseTable * const *tables;
  guint n_tables;
  gint64 total = 0;

  tables = lotse_schema_get_tables (&n_tables);
  /* The cost categories are seeded by migration 014, not written. */
  for (guint i = 0; i < n_tables; i++)
    if (!g_str_equal (tables[i]->name, "cost_category"))
      total += query_int (fixture, "SELECT count(*) FROM %s", tables[i]->name);

  return total;
}

static char *
file_checksum (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize length = 0;

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);

  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) contents, length);
}

static guint
count_files (const char *dir)
{
  g_autoptr(GDir) handle = g_dir_open (dir, 0, NULL);
  guint n = 0;

  g_assert_nonnull (handle);
  while (g_dir_read_name (handle) != NULL)
    n++;

  return n;
}

static JsonNode *
parse_json (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);

  return json_node_copy (json_parser_get_root (parser));
}

static JsonArray *
list_json (LotseTestCliFixture *fixture,
           const char          *table,
           JsonNode           **out_root)
{
  g_autoptr(LotseTestCliResult) result = NULL;

  result = lotse_test_cli_run (fixture->dir, "--db", fixture->db, "list", table, "--json", NULL);
  g_assert_cmpstr (result->err, ==, "");
  g_assert_cmpint (result->status, ==, 0);

  *out_root = parse_json (result->out);
  g_assert_true (JSON_NODE_HOLDS_ARRAY (*out_root));

  return json_node_get_array (*out_root);
}

static void
assert_usage_error (LotseTestCliResult *result)
{
  g_assert_cmpint (result->status, ==, 2);
  g_assert_cmpstr (result->out, ==, "");
  g_assert_nonnull (strstr (result->err, "Usage:"));
}

static void
test_usage_help (void)
{
  g_autoptr(LotseTestCliFixture) fixture = lotse_test_cli_fixture_new ();
  const char *commands[] = { "demo", "generate", "list", "show", "add", "update", "delete",
                             "monitor", "import", "export", "search", "prepare-meeting",
                             "sync", "conflicts", "resolve" };
  g_autoptr(LotseTestCliResult) help = lotse_test_cli_run (fixture->dir, "--help", NULL);
  g_autoptr(LotseTestCliResult) help_command = lotse_test_cli_run (fixture->dir, "help", NULL);
  g_autoptr(LotseTestCliResult) list_help = lotse_test_cli_run (fixture->dir, "list",
                                                                "--help", NULL);
  g_autoptr(LotseTestCliResult) add_help = lotse_test_cli_run (fixture->dir, "add", "project",
                                                               "--help", NULL);

  g_assert_cmpint (help->status, ==, 0);
  g_assert_cmpstr (help->err, ==, "");
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      g_autofree char *line = g_strdup_printf ("\n  %s", commands[i]);

      g_assert_nonnull (strstr (help->out, line));
    }
  g_assert_cmpint (help_command->status, ==, 0);
  g_assert_cmpstr (help_command->out, ==, help->out);

  g_assert_cmpint (list_help->status, ==, 0);
  g_assert_nonnull (strstr (list_help->out, "--where"));

  /* With a table, the help of add lists its fields */
  g_assert_cmpint (add_help->status, ==, 0);
  g_assert_nonnull (strstr (add_help->out, "budget_cents"));

  /* Nothing of this created a database */
  g_assert_cmpuint (count_files (fixture->dir), ==, 0);
}

static void
test_usage_no_command (void)
{
  g_autoptr(LotseTestCliFixture) fixture = lotse_test_cli_fixture_new ();
  g_autoptr(LotseTestCliResult) result = lotse_test_cli_run (fixture->dir, NULL);
  g_autoptr(LotseTestCliResult) db_only = lotse_test_cli_run (fixture->dir, "--db",
                                                              fixture->db, NULL);

  assert_usage_error (result);
  assert_usage_error (db_only);
  g_assert_false (g_file_test (fixture->db, G_FILE_TEST_EXISTS));
}

static void
test_usage_unknown_command (void)
{
  g_autoptr(LotseTestCliFixture) fixture = lotse_test_cli_fixture_new ();
  g_autoptr(LotseTestCliResult) result = lotse_test_cli_run (fixture->dir, "--db", fixture->db,
                                                             "frobnicate", NULL);
  g_autoptr(LotseTestCliResult) later = lotse_test_cli_run (fixture->dir, "--db", fixture->db,
                                                            "conflicts", "x", NULL);
  g_autoptr(LotseTestCliResult) option = lotse_test_cli_run (fixture->dir, "--frob", "list",
                                                             "project", NULL);

  assert_usage_error (result);
  g_assert_nonnull (strstr (result->err, "frobnicate"));
  assert_usage_error (later);
  assert_usage_error (option);
  g_assert_false (g_file_test (fixture->db, G_FILE_TEST_EXISTS));
}

static void
test_usage_unknown_table (void)
{
  g_autoptr(LotseTestCliFixture) fixture = lotse_test_cli_fixture_new ();
  const char *id = "0b49bf7e-36e0-48a9-96b6-0b97aa36d8b2";
  const char *commands[][5] = {
    { "list", "projects", NULL },
    { "list", "projects", "--json", NULL },
    { "show", "projects", id, NULL },
    { "add", "projects", "title=x", NULL },
    { "update", "projects", id, "title=x", NULL },
    { "delete", "projects", id, NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      g_autoptr(LotseTestCliResult) result = NULL;

      result = lotse_test_cli_run (fixture->dir, "--db", fixture->db, commands[i][0],
                                   commands[i][1], commands[i][2], commands[i][3], NULL);
      assert_usage_error (result);
      /* The message names the tables there are */
      g_assert_nonnull (strstr (result->err, "project"));
      g_assert_nonnull (strstr (result->err, "meeting_series"));
    }

  g_assert_false (g_file_test (fixture->db, G_FILE_TEST_EXISTS));
}

static void
test_usage_db_without_value (void)
{
  g_autoptr(LotseTestCliFixture) fixture = lotse_test_cli_fixture_new ();
  g_autoptr(LotseTestCliResult) alone = lotse_test_cli_run (fixture->dir, "--db", NULL);
  g_autoptr(LotseTestCliResult) empty = lotse_test_cli_run (fixture->dir, "--db=", "list",
                                                            "project", NULL);
  g_autoptr(LotseTestCliResult) empty_arg = lotse_test_cli_run (fixture->dir, "--db", "", "list",
                                                                "project", NULL);
  g_autoptr(LotseTestCliResult) after = lotse_test_cli_run (fixture->dir, "list", "project",
                                                            "--db", NULL);

  assert_usage_error (alone);
  g_assert_nonnull (strstr (alone->err, "--db"));
  assert_usage_error (empty);
  assert_usage_error (empty_arg);
  assert_usage_error (after);
}

static void
test_usage_bad_numbers (void)
{
  g_autoptr(LotseTestCliFixture) fixture = lotse_test_cli_fixture_new ();
  const char *bad[] = { "abc", "-5", "1e3", "", " 5", "+5", "10000001", "0x10", "5.0" };
  const char *options[] = { "--projects", "--milestones", "--meetings", "--articles" };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      for (guint j = 0; j < G_N_ELEMENTS (options); j++)
        {
          g_autoptr(LotseTestCliResult) result = NULL;

          result = lotse_test_cli_run (fixture->dir, "--db", fixture->db, "generate",
                                       "--projects", "1", options[j], bad[i], NULL);
          assert_usage_error (result);
          g_assert_nonnull (strstr (result->err, options[j]));
        }
    }

  {
    g_autoptr(LotseTestCliResult) seed = lotse_test_cli_run (fixture->dir, "--db", fixture->db,
                                                             "generate", "--projects", "1",
                                                             "--seed", "x", NULL);
    g_autoptr(LotseTestCliResult) limit = lotse_test_cli_run (fixture->dir, "--db", fixture->db,
                                                              "list", "project", "--limit",
                                                              "-1", NULL);
    g_autoptr(LotseTestCliResult) nothing = lotse_test_cli_run (fixture->dir, "--db", fixture->db,
                                                                "generate", NULL);
    g_autoptr(LotseTestCliResult) missing = lotse_test_cli_run (fixture->dir, "--db", fixture->db,
                                                                "generate", "--projects", NULL);

    assert_usage_error (seed);
    assert_usage_error (limit);
    assert_usage_error (nothing);
    assert_usage_error (missing);
  }

  /* Wrong usage is found before the database is opened */
  g_assert_false (g_file_test (fixture->db, G_FILE_TEST_EXISTS));
}

static void
assert_string_member (JsonObject *object,
                      const char *name,
                      const char *expected)
{
  JsonNode *node = json_object_get_member (object, name);

  g_assert_nonnull (node);
  g_assert_cmpint (json_node_get_value_type (node), ==, G_TYPE_STRING);
  g_assert_cmpstr (json_node_get_string (node), ==, expected);
}

static void
test_add_round_trip (void)
{
  g_autoptr(LotseTestCliFixture) fixture = lotse_test_cli_fixture_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *programme = NULL;
  g_autofree char *project = NULL;
  g_autofree char *stored_title = NULL;
  const LotseTable *table = lotse_schema_lookup_table ("project");
  JsonArray *rows;
  JsonObject *row;

  programme = lotse_test_cli_add_row (fixture, "programme", "name=OWL 4.0",
                                      "start_date=2024-01-01", NULL);
  g_free (lotse_test_cli_add_row (fixture, "project", "title=Zweites Projekt", NULL));

  {
    g_autofree char *programme_assignment = g_strconcat ("programme_id=", programme, NULL);

    project = lotse_test_cli_add_row (fixture, "project",
                                      "title=Smarte Länder — Datenräume",
                                      "acronym=SLD",
                                      programme_assignment,
                                      "status=running",
                                      "health=yellow",
                                      "start_date=2024-02-01",
                                      "end_date=2026-01-31",
                                      "budget_cents=125000000",
                                      NULL);
  }

  rows = list_json (fixture, "project", &root);
  g_assert_cmpuint (json_array_get_length (rows), ==, 2);

  row = NULL;
  for (guint i = 0; i < json_array_get_length (rows); i++)
    {
      JsonObject *candidate = json_array_get_object_element (rows, i);

      if (g_strcmp0 (json_object_get_string_member (candidate, "id"), project) == 0)
        row = candidate;
    }
  g_assert_nonnull (row);

  /* Every field by its schema name, with its type */
  for (guint i = 0; i < table->n_fields; i++)
    g_assert_true (json_object_has_member (row, table->fields[i].name));
  assert_string_member (row, "title", "Smarte Länder — Datenräume");
  assert_string_member (row, "acronym", "SLD");
  assert_string_member (row, "programme_id", programme);
  assert_string_member (row, "status", "running");
  assert_string_member (row, "health", "yellow");
  assert_string_member (row, "start_date", "2024-02-01");
  assert_string_member (row, "end_date", "2026-01-31");
  g_assert_cmpint (json_node_get_value_type (json_object_get_member (row, "budget_cents")), ==,
                   G_TYPE_INT64);
  g_assert_cmpint (json_object_get_int_member (row, "budget_cents"), ==, 125000000);
  g_assert_true (JSON_NODE_HOLDS_NULL (json_object_get_member (row, "website")));
  g_assert_true (JSON_NODE_HOLDS_NULL (json_object_get_member (row, "leader_person_id")));
  g_assert_cmpint (json_node_get_value_type (json_object_get_member (row, "rev")), ==,
                   G_TYPE_INT64);
  g_assert_cmpint (json_object_get_int_member (row, "rev"), ==, 0);
  g_assert_nonnull (json_object_get_string_member (row, "created_at"));
  g_assert_nonnull (json_object_get_string_member (row, "updated_at"));

  /* … and the database holds what the JSON says */
  stored_title = query_text (fixture, "SELECT title FROM project WHERE id = '%s'", project);
  g_assert_cmpstr (stored_title, ==, "Smarte Länder — Datenräume");
  g_assert_cmpint (query_int (fixture, "SELECT budget_cents FROM project WHERE id = '%s'", project),
                   ==, 125000000);
  g_assert_cmpint (query_int (fixture, "SELECT count(*) FROM outbox WHERE row_id = '%s'", project),
                   ==, 1);
}

static void
test_add_default_database (void)
{
  g_autoptr(LotseTestCliFixture) fixture = lotse_test_cli_fixture_new ();
  g_autoptr(LotseTestCliResult) result = NULL;
  g_autofree char *path = g_build_filename (fixture->dir, "data-home", "lotse", "lotse.db", NULL);

  result = lotse_test_cli_run (fixture->dir, "add", "tag", "name=Mobilität", NULL);
  g_assert_cmpint (result->status, ==, 0);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
  g_assert_cmpint (lotse_test_query_int (path, "SELECT count(*) FROM tag"), ==, 1);
}

static void
test_list_human (void)
{
  g_autoptr(LotseTestCliFixture) fixture = lotse_test_cli_fixture_new ();
  g_autoptr(LotseTestCliResult) all = NULL;
  g_autoptr(LotseTestCliResult) running = NULL;
  g_autoptr(LotseTestCliResult) unset = NULL;
  g_autoptr(LotseTestCliResult) limited = NULL;
  g_autoptr(LotseTestCliResult) bad_field = NULL;
  g_autoptr(LotseTestCliResult) bad_value = NULL;
  g_autoptr(LotseTestCliResult) empty = NULL;
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;

  a = lotse_test_cli_add_row (fixture, "project", "title=Alpha", "status=running",
                              "health=green", NULL);
  b = lotse_test_cli_add_row (fixture, "project", "title=Beta", NULL);

  all = lotse_test_cli_run (fixture->dir, "--db", fixture->db, "list", "project", NULL);
  g_assert_cmpint (all->status, ==, 0);
  g_assert_nonnull (strstr (all->out, "Title"));
  g_assert_nonnull (strstr (all->out, "Status"));
  g_assert_nonnull (strstr (all->out, a));
  g_assert_nonnull (strstr (all->out, b));
  g_assert_nonnull (strstr (all->out, "Alpha"));
  /* Sorted by title, the table's order */
  g_assert_true (strstr (all->out, "Alpha") < strstr (all->out, "Beta"));

  running = lotse_test_cli_run (fixture->dir, "--db", fixture->db, "list", "project",
                                "--where", "status=running", NULL);
  g_assert_cmpint (running->status, ==, 0);
  g_assert_nonnull (strstr (running->out, a));
  g_assert_null (strstr (running->out, b));

  /* FIELD= matches rows where the field is unset; conditions combine */
  unset = lotse_test_cli_run (fixture->dir, "--db", fixture->db, "list", "project", "--json",
                              "--where", "health=", "--where", "status=planned", NULL);
  g_assert_cmpint (unset->status, ==, 0);
  g_assert_null (strstr (unset->out, a));
  g_assert_nonnull (strstr (unset->out, b));

  limited = lotse_test_cli_run (fixture->dir, "--db", fixture->db, "list", "project", "--limit",
                                "1", NULL);
  g_assert_cmpint (limited->status, ==, 0);
  g_assert_nonnull (strstr (limited->out, a));
  g_assert_null (strstr (limited->out, b));

  bad_field = lotse_test_cli_run (fixture->dir, "--db", fixture->db, "list", "project",
                                  "--where", "colour=red", NULL);
  assert_usage_error (bad_field);
  g_assert_nonnull (strstr (bad_field->err, "colour"));

  bad_value = lotse_test_cli_run (fixture->dir, "--db", fixture->db, "list", "project",
                                  "--where", "status=sleeping", NULL);
  assert_usage_error (bad_value);

  empty = lotse_test_cli_run (fixture->dir, "--db", fixture->db, "list", "milestone",
                              "--json", NULL);
  g_assert_cmpint (empty->status, ==, 0);
  g_assert_cmpstr (empty->out, ==, "[]\n");
}

/* In German, “Äpfel” is among the A and “eGovernment” among the E, not
 * after “Zukunft” as their bytes are. */
static void
test_list_locale_order (void)
{
  g_autoptr(LotseTestCliFixture) fixture = lotse_test_cli_fixture_new ();
  const char *titles[] = { "Zukunft", "Ökologie", "eGovernment", "Äpfel", "Arbeit" };
  const char *german[] = { "Äpfel", "Arbeit", "eGovernment", "Ökologie", "Zukunft", NULL };
  g_autoptr(LotseTestCliResult) human = NULL;
  g_autoptr(LotseTestCliResult) json = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (titles); i++)
    {
      g_autofree char *title = g_strdup_printf ("title=%s", titles[i]);
      g_autofree char *id = lotse_test_cli_add_row (fixture, "project", title, NULL);
    }

  g_setenv ("LC_ALL", "de_DE.UTF-8", TRUE);
  human = lotse_test_cli_run (fixture->dir, "--db", fixture->db, "list", "project", NULL);
  json = lotse_test_cli_run (fixture->dir, "--db", fixture->db, "list", "project", "--json", NULL);
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);

  g_assert_cmpint (human->status, ==, 0);
  lotse_test_assert_in_order (human->out, german);
  g_assert_cmpint (json->status, ==, 0);
  lotse_test_assert_in_order (json->out, german);
}

static void
test_show_record (void)
{
  g_autoptr(LotseTestCliFixture) fixture = lotse_test_cli_fixture_new ();
  g_autoptr(LotseTestCliResult) human = NULL;
  g_autoptr(LotseTestCliResult) json = NULL;
  g_autoptr(LotseTestCliResult) missing = NULL;
  g_autoptr(LotseTestCliResult) too_many = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *id = NULL;
  JsonObject *object;

  id = lotse_test_cli_add_row (fixture, "project", "title=Datenraum Kommune", "status=running",
                               "summary=Erste Zeile\nZweite Zeile", NULL);

  human = lotse_test_cli_run (fixture->dir, "--db", fixture->db, "show", "project", id, NULL);
  g_assert_cmpint (human->status, ==, 0);
  g_assert_cmpstr (human->err, ==, "");
  g_assert_nonnull (strstr (human->out, "Title:"));
  g_assert_nonnull (strstr (human->out, "Datenraum Kommune"));
  g_assert_nonnull (strstr (human->out, "Status:"));
  g_assert_nonnull (strstr (human->out, "Zweite Zeile"));
  g_assert_nonnull (strstr (human->out, id));

  json = lotse_test_cli_run (fixture->dir, "--db", fixture->db, "show", "project", id,
                             "--json", NULL);
  g_assert_cmpint (json->status, ==, 0);
  root = parse_json (json->out);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (root));
  object = json_node_get_object (root);
  assert_string_member (object, "id", id);
  assert_string_member (object, "title", "Datenraum Kommune");
  assert_string_member (object, "summary", "Erste Zeile\nZweite Zeile");
  g_assert_true (JSON_NODE_HOLDS_NULL (json_object_get_member (object, "budget_cents")));

  missing = lotse_test_cli_run (fixture->dir, "--db", fixture->db, "show", "project",
                                "0b49bf7e-36e0-48a9-96b6-0b97aa36d8b2", NULL);
  g_assert_cmpint (missing->status, ==, 1);
  g_assert_cmpstr (missing->out, ==, "");
  g_assert_nonnull (strstr (missing->err, "Project “"));

  too_many = lotse_test_cli_run (fixture->dir, "--db", fixture->db, "show", "project", id,
                                 id, NULL);
  assert_usage_error (too_many);
}

static void
test_update (void)
{
  g_autoptr(LotseTestCliFixture) fixture = lotse_test_cli_fixture_new ();
  g_autofree char *id = NULL;
  g_autofree char *status = NULL;
  g_autofree char *fields = NULL;
  gint64 outbox_before;
  const struct
  {
    const char *assignment;
    int         status;
  } invalid[] = {
    { "status=sleeping", 1 },
    { "title=", 1 },
    { "end_date=2020-01-01", 1 },
    { "start_date=2024-02-30", 1 },
    { "budget_cents=-1", 1 },
    { "leader_person_id=0b49bf7e-36e0-48a9-96b6-0b97aa36d8b2", 1 },
    { "colour=red", 2 },
    { "status", 2 },
  };

  id = lotse_test_cli_add_row (fixture, "project", "title=Kataster", "health=red",
                               "start_date=2024-01-01", NULL);
  outbox_before = query_int (fixture, "SELECT count(*) FROM outbox");

  {
    g_autoptr(LotseTestCliResult) result = NULL;

    result = lotse_test_cli_run (fixture->dir, "--db", fixture->db, "update", "project", id,
                                 "status=paused", "health=", "budget_cents=500", NULL);
    g_assert_cmpstr (result->err, ==, "");
    g_assert_cmpint (result->status, ==, 0);
  }

  status = query_text (fixture, "SELECT status FROM project WHERE id = '%s'", id);
  g_assert_cmpstr (status, ==, "paused");
  g_assert_cmpint (query_int (fixture, "SELECT health IS NULL FROM project WHERE id = '%s'", id),
                   ==, 1);
  g_assert_cmpint (query_int (fixture, "SELECT budget_cents FROM project WHERE id = '%s'", id),
                   ==, 500);
  /* One outbox row with just the changed fields */
  g_assert_cmpint (query_int (fixture, "SELECT count(*) FROM outbox"), ==, outbox_before + 1);
  fields = query_text (fixture, "SELECT fields FROM outbox ORDER BY seq DESC LIMIT 1");
  g_assert_nonnull (strstr (fields, "\"health\":null"));
  g_assert_null (strstr (fields, "title"));

  for (guint i = 0; i < G_N_ELEMENTS (invalid); i++)
    {
      g_autoptr(LotseTestCliResult) result = NULL;
      g_autofree char *before = query_text (fixture, "SELECT updated_at || status || "
                                            "coalesce (health, '-') FROM project WHERE id = '%s'",
                                            id);
      g_autofree char *after = NULL;

      outbox_before = query_int (fixture, "SELECT count(*) FROM outbox");
      result = lotse_test_cli_run (fixture->dir, "--db", fixture->db, "update", "project", id,
                                   "acronym=KAT", invalid[i].assignment, NULL);
      g_assert_cmpint (result->status, ==, invalid[i].status);
      g_assert_cmpstr (result->out, ==, "");
      g_assert_cmpstr (result->err, !=, "");

      after = query_text (fixture, "SELECT updated_at || status || coalesce (health, '-') "
                          "FROM project WHERE id = '%s'", id);
      g_assert_cmpstr (after, ==, before);
      g_assert_cmpint (query_int (fixture, "SELECT acronym IS NULL FROM project WHERE id = '%s'",
                                  id), ==, 1);
      g_assert_cmpint (query_int (fixture, "SELECT count(*) FROM outbox"), ==, outbox_before);
    }

  {
    g_autoptr(LotseTestCliResult) missing = NULL;
    g_autoptr(LotseTestCliResult) no_fields = NULL;

    missing = lotse_test_cli_run (fixture->dir, "--db", fixture->db, "update", "project",
                                  "0b49bf7e-36e0-48a9-96b6-0b97aa36d8b2", "title=x", NULL);
    g_assert_cmpint (missing->status, ==, 1);
    g_assert_nonnull (strstr (missing->err, "Project “"));

    no_fields = lotse_test_cli_run (fixture->dir, "--db", fixture->db, "update", "project",
                                    id, NULL);
    assert_usage_error (no_fields);
  }
}

static void
test_delete (void)
{
  g_autoptr(LotseTestCliFixture) fixture = lotse_test_cli_fixture_new ();
  g_autoptr(LotseTestCliResult) result = NULL;
  g_autoptr(LotseTestCliResult) again = NULL;
  g_autoptr(LotseTestCliResult) show = NULL;
  g_autoptr(LotseTestCliResult) update = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *keep = NULL;
  g_autofree char *gone = NULL;
  JsonArray *rows;

  keep = lotse_test_cli_add_row (fixture, "organisation", "name=Stadt Bielefeld",
                                 "kind=municipality", NULL);
  gone = lotse_test_cli_add_row (fixture, "organisation", "name=Gone GmbH", "kind=company", NULL);

  result = lotse_test_cli_run (fixture->dir, "--db", fixture->db, "delete", "organisation",
                               gone, NULL);
  g_assert_cmpstr (result->err, ==, "");
  g_assert_cmpint (result->status, ==, 0);

  /* A tombstone, not a removed row, and an outbox entry for sync */
  g_assert_cmpint (query_int (fixture, "SELECT deleted FROM organisation WHERE id = '%s'", gone),
                   ==, 1);
  g_assert_cmpint (query_int (fixture, "SELECT deleted FROM organisation WHERE id = '%s'", keep),
                   ==, 0);
  g_assert_cmpint (query_int (fixture, "SELECT count(*) FROM outbox WHERE row_id = '%s' "
                              "AND deleted = 1 AND table_name = 'organisation'", gone), ==, 1);

  rows = list_json (fixture, "organisation", &root);
  g_assert_cmpuint (json_array_get_length (rows), ==, 1);
  assert_string_member (json_array_get_object_element (rows, 0), "id", keep);

  again = lotse_test_cli_run (fixture->dir, "--db", fixture->db, "delete", "organisation",
                              gone, NULL);
  g_assert_cmpint (again->status, ==, 1);
  g_assert_nonnull (strstr (again->err, "Organisation “"));

  show = lotse_test_cli_run (fixture->dir, "--db", fixture->db, "show", "organisation", gone, NULL);
  g_assert_cmpint (show->status, ==, 1);

  update = lotse_test_cli_run (fixture->dir, "--db", fixture->db, "update", "organisation", gone,
                               "city=Nowhere", NULL);
  g_assert_cmpint (update->status, ==, 1);
  g_assert_cmpint (query_int (fixture, "SELECT count(*) FROM outbox WHERE row_id = '%s'", gone),
                   ==, 2);
}

static void
test_add_invalid (void)
{
  g_autoptr(LotseTestCliFixture) fixture = lotse_test_cli_fixture_new ();
  g_autofree char *programme = NULL;
  const struct
  {
    const char *table;
    const char *assignments[4];
    int         status;
    const char *mention;  /* what stderr must name */
  } cases[] = {
    { "project", { "title=", NULL }, 1, "title" },
    { "project", { "title=   ", NULL }, 1, "title" },
    { "project", { "acronym=X", NULL }, 1, "title" },
    { "project", { "title=x", "status=unknown", NULL }, 1, "status" },
    { "project", { "title=x", "start_date=2024-05-01", "end_date=2024-04-30", NULL }, 1, "end_date" },
    { "project", { "title=x", "programme_id=0b49bf7e-36e0-48a9-96b6-0b97aa36d8b2", NULL }, 1,
      "programme_id" },
    { "project", { "title=x", "programme_id=not-a-uuid", NULL }, 1, "programme_id" },
    { "project", { "title=x", "start_date=2024-13-45", NULL }, 1, "start_date" },
    { "project", { "title=x", "budget_cents=12.50", NULL }, 1, "budget_cents" },
    { "project", { "title=x", "budget_cents=-5", NULL }, 1, "budget_cents" },
    { "milestone", { "title=x", NULL }, 1, "project_id" },
    { "meeting", { "title=x", "starts_at=2024-03-05T10:00:00", NULL }, 1, "starts_at" },
    { "project", { "title=x", "colour=red", NULL }, 2, "colour" },
    { "project", { "title", NULL }, 2, "title" },
    { "project", { "=x", NULL }, 2, "=x" },
    { "project", { NULL }, 2, "Usage" },
  };
  gint64 rows_before;
  gint64 outbox_before;
  g_autofree char *checksum_before = NULL;

  programme = lotse_test_cli_add_row (fixture, "programme", "name=OWL", NULL);
  rows_before = count_all_rows (fixture);
  outbox_before = query_int (fixture, "SELECT count(*) FROM outbox");
  checksum_before = file_checksum (fixture->db);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GPtrArray) args = g_ptr_array_new ();
      g_autoptr(LotseTestCliResult) result = NULL;

      g_ptr_array_add (args, (gpointer) "--db");
      g_ptr_array_add (args, fixture->db);
      g_ptr_array_add (args, (gpointer) "add");
      g_ptr_array_add (args, (gpointer) cases[i].table);
      for (guint j = 0; cases[i].assignments[j] != NULL; j++)
        g_ptr_array_add (args, (gpointer) cases[i].assignments[j]);
      g_ptr_array_add (args, NULL);

      result = lotse_test_cli_run_argv (fixture->dir, (const char * const *) args->pdata);
      g_assert_cmpint (result->status, ==, cases[i].status);
      g_assert_cmpstr (result->out, ==, "");
      g_assert_nonnull (strstr (result->err, cases[i].mention));
      if (cases[i].status == 2)
        g_assert_nonnull (strstr (result->err, "Usage:"));

      g_assert_cmpint (count_all_rows (fixture), ==, rows_before);
      g_assert_cmpint (query_int (fixture, "SELECT count(*) FROM outbox"), ==, outbox_before);
    }

  /* Not a byte of the database changed */
  {
    g_autofree char *checksum_after = file_checksum (fixture->db);

    g_assert_cmpstr (checksum_after, ==, checksum_before);
  }
}

static void
write_random_file (const char *path,
                   gsize       length)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (4711);
  g_autofree guint8 *bytes = g_malloc (length);
  g_autoptr(GError) error = NULL;

  for (gsize i = 0; i < length; i++)
    bytes[i] = g_rand_int_range (rand, 0, 256);

  g_file_set_contents (path, (const char *) bytes, length, &error);
  g_assert_no_error (error);
}

static void
assert_refused_untouched (LotseTestCliFixture *fixture,
                          const char          *mention)
{
  g_autofree char *checksum_before = file_checksum (fixture->db);
  const char *commands[][4] = {
    { "list", "project", NULL },
    { "show", "project", "0b49bf7e-36e0-48a9-96b6-0b97aa36d8b2", NULL },
    { "add", "project", "title=x", NULL },
    { "update", "project", "0b49bf7e-36e0-48a9-96b6-0b97aa36d8b2", "title=x" },
    { "delete", "project", "0b49bf7e-36e0-48a9-96b6-0b97aa36d8b2", NULL },
    { "demo", NULL },
    { "generate", "--projects", "2", NULL },
  };
  guint n_files = count_files (fixture->dir);

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      g_autoptr(GPtrArray) args = g_ptr_array_new ();
      g_autoptr(LotseTestCliResult) result = NULL;
      g_autofree char *checksum_after = NULL;

      g_ptr_array_add (args, (gpointer) "--db");
      g_ptr_array_add (args, fixture->db);
      for (guint j = 0; j < G_N_ELEMENTS (commands[i]) && commands[i][j] != NULL; j++)
        g_ptr_array_add (args, (gpointer) commands[i][j]);
      g_ptr_array_add (args, NULL);

      result = lotse_test_cli_run_argv (fixture->dir, (const char * const *) args->pdata);
      g_assert_cmpint (result->status, ==, 1);
      g_assert_cmpstr (result->out, ==, "");
      g_assert_nonnull (strstr (result->err, mention));

      checksum_after = file_checksum (fixture->db);
      g_assert_cmpstr (checksum_after, ==, checksum_before);
      /* no -wal, -shm or -journal file appeared next to it */
      g_assert_cmpuint (count_files (fixture->dir), ==, n_files);
    }
}

static void
test_database_corrupt (void)
{
  g_autoptr(LotseTestCliFixture) fixture = lotse_test_cli_fixture_new ();

  write_random_file (fixture->db, 64 * 1024);
  assert_refused_untouched (fixture, "lotse.db");
}

static void
test_database_newer (void)
{
  g_autoptr(LotseTestCliFixture) fixture = lotse_test_cli_fixture_new ();
  g_autofree char *id = NULL;
  sqlite3 *db = NULL;

  id = lotse_test_cli_add_row (fixture, "tag", "name=Energie", NULL);

  g_assert_cmpint (sqlite3_open (fixture->db, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA journal_mode = DELETE; PRAGMA user_version = 99",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  assert_refused_untouched (fixture, "newer");
}

static void
test_database_missing (void)
{
  g_autoptr(LotseTestCliFixture) fixture = lotse_test_cli_fixture_new ();
  const char *commands[][4] = {
    { "list", "project", NULL },
    { "show", "project", "0b49bf7e-36e0-48a9-96b6-0b97aa36d8b2", NULL },
    { "update", "project", "0b49bf7e-36e0-48a9-96b6-0b97aa36d8b2", "title=x" },
    { "delete", "project", "0b49bf7e-36e0-48a9-96b6-0b97aa36d8b2", NULL },
  };

  /* Reading from a mistyped path does not create an empty database there */
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      g_autoptr(GPtrArray) args = g_ptr_array_new ();
      g_autoptr(LotseTestCliResult) result = NULL;

      g_ptr_array_add (args, (gpointer) "--db");
      g_ptr_array_add (args, fixture->db);
      for (guint j = 0; j < G_N_ELEMENTS (commands[i]) && commands[i][j] != NULL; j++)
        g_ptr_array_add (args, (gpointer) commands[i][j]);
      g_ptr_array_add (args, NULL);

      result = lotse_test_cli_run_argv (fixture->dir, (const char * const *) args->pdata);
      g_assert_cmpint (result->status, ==, 1);
      g_assert_nonnull (strstr (result->err, "lotse.db"));
      g_assert_false (g_file_test (fixture->db, G_FILE_TEST_EXISTS));
    }
}

static void
test_demo_twice (void)
{
  g_autoptr(LotseTestCliFixture) fixture = lotse_test_cli_fixture_new ();
  g_autoptr(LotseTestCliResult) first = NULL;
  g_autoptr(LotseTestCliResult) second = NULL;
  gint64 rows;
  gint64 outbox;

  first = lotse_test_cli_run (fixture->dir, "--db", fixture->db, "demo", NULL);
  g_assert_cmpstr (first->err, ==, "");
  g_assert_cmpint (first->status, ==, 0);
  g_assert_true (g_str_has_prefix (first->out, "Loaded the demo programme: "));
  g_assert_true (g_str_has_suffix (first->out, " added.\n"));

  rows = count_all_rows (fixture);
  g_assert_cmpint (rows, >, 0);
  {
    /* The number printed is the number of rows written (digits only, as
     * the locale may group them) */
    g_autoptr(GString) digits = g_string_new (NULL);

    for (const char *p = first->out; *p != '\0'; p++)
      if (g_ascii_isdigit (*p))
        g_string_append_c (digits, *p);
    g_assert_cmpint (g_ascii_strtoll (digits->str, NULL, 10), ==, rows);
  }
  outbox = query_int (fixture, "SELECT count(*) FROM outbox");

  second = lotse_test_cli_run (fixture->dir, "--db", fixture->db, "demo", NULL);
  g_assert_cmpint (second->status, ==, 0);
  g_assert_cmpstr (second->out, ==, "The demo programme is already loaded.\n");
  g_assert_cmpint (count_all_rows (fixture), ==, rows);
  g_assert_cmpint (query_int (fixture, "SELECT count(*) FROM outbox"), ==, outbox);
}

/* Loads the demo with the clock of the lotse-cli process set to noon of
 * @day, through faketime(1): what a person loading it that day gets. */
static void
load_demo_on_clock (LotseTestCliFixture *fixture,
                    const char          *day)
{
  g_autofree char *noon = g_strconcat (day, " 12:00:00", NULL);
  g_autofree char *data_home = g_build_filename (fixture->dir, "data-home", NULL);
  g_auto(GStrv) envp = g_environ_setenv (g_get_environ (), "XDG_DATA_HOME", data_home, TRUE);
  const char *argv[] = {
    "faketime", noon, g_getenv ("LOTSE_CLI"), "--db", fixture->db, "demo", NULL
  };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  int wait_status = 0;

  g_spawn_sync (NULL, (char **) argv, envp, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, &err,
                &wait_status, &error);
  g_assert_no_error (error);
  g_test_message ("%s%s", out, err);
  g_assert_true (g_spawn_check_wait_status (wait_status, NULL));
}

/* The demo is placed around the day it is loaded, years after its data
 * were written: its open milestones are overdue by weeks, not years, and
 * its next jour fixe is ahead. On main the demo stayed in November 2026. */
static void
test_demo_around_today (void)
{
  g_autoptr(LotseTestCliFixture) fixture = lotse_test_cli_fixture_new ();
  g_autoptr(LotseTestCliFixture) given = lotse_test_cli_fixture_new ();
  g_autoptr(LotseTestCliResult) result = NULL;
  g_autofree char *next_jour_fixe = NULL;
  g_autofree char *meetings = NULL;
  g_autofree char *given_meetings = NULL;
  const char *meetings_sql =
    "SELECT group_concat (starts_at) FROM (SELECT starts_at FROM meeting ORDER BY id)";

  load_demo_on_clock (fixture, "2031-06-17");

  g_assert_cmpint (query_int (fixture,
                              "SELECT max (julianday ('2031-06-17') - julianday (m.due_date))"
                              " FROM milestone m JOIN project p ON p.id = m.project_id"
                              " WHERE p.status = 'running' AND m.status IN ('open', 'at_risk')"),
                   <=, 60);
  next_jour_fixe = lotse_test_query_text (fixture->db,
                                          "SELECT starts_at FROM meeting"
                                          " WHERE kind = 'jour_fixe' AND status = 'planned'");
  g_assert_cmpstr (next_jour_fixe, >, "2031-06-17");
  g_assert_cmpstr (next_jour_fixe, <, "2031-07-01");

  /* --today gives what the clock gives. */
  result = lotse_test_cli_run_db (given->dir, given->db, "demo", "--today", "2031-06-17", NULL);
  g_assert_cmpint (result->status, ==, 0);
  meetings = lotse_test_query_text (fixture->db, meetings_sql);
  given_meetings = lotse_test_query_text (given->db, meetings_sql);
  g_assert_cmpstr (given_meetings, ==, meetings);
}

/* A --today that is no date is refused before a database is made. */
static void
test_demo_bad_today (void)
{
  static const char * const days[] = { "2026-02-30", "morgen", "", "2026-11-22T10:00" };

  for (guint i = 0; i < G_N_ELEMENTS (days); i++)
    {
      g_autoptr(LotseTestCliFixture) fixture = lotse_test_cli_fixture_new ();
      g_autoptr(LotseTestCliResult) result =
        lotse_test_cli_run_db (fixture->dir, fixture->db, "demo", "--today", days[i], NULL);

      g_assert_cmpint (result->status, ==, 2);
      g_assert_nonnull (strstr (result->err, "--today needs a date like 2024-03-31"));
      g_assert_false (g_file_test (fixture->db, G_FILE_TEST_EXISTS));
    }
}

static char *
generate_and_list (LotseTestCliFixture *fixture,
                   const char          *seed,
                   const char          *table)
{
  g_autoptr(LotseTestCliResult) generated = NULL;
  g_autoptr(LotseTestCliResult) listed = NULL;

  generated = lotse_test_cli_run (fixture->dir, "--db", fixture->db, "generate",
                                  "--projects", "4", "--milestones", "12", "--meetings", "3",
                                  "--articles", "2", "--seed", seed, NULL);
  g_assert_cmpint (generated->status, ==, 0);
  g_assert_true (g_str_has_prefix (generated->out, "Generated "));
  /* stderr is not a terminal here: no progress line */
  g_assert_cmpstr (generated->err, ==, "");

  listed = lotse_test_cli_run (fixture->dir, "--db", fixture->db, "list", table, "--json", NULL);
  g_assert_cmpint (listed->status, ==, 0);

  return g_steal_pointer (&listed->out);
}

static void
test_generate_deterministic (void)
{
  g_autoptr(LotseTestCliFixture) one = lotse_test_cli_fixture_new ();
  g_autoptr(LotseTestCliFixture) two = lotse_test_cli_fixture_new ();
  g_autoptr(LotseTestCliFixture) other = lotse_test_cli_fixture_new ();
  g_autofree char *projects_one = generate_and_list (one, "42", "project");
  g_autofree char *projects_two = generate_and_list (two, "42", "project");
  g_autofree char *projects_other = generate_and_list (other, "43", "project");
  g_autoptr(LotseTestCliResult) milestones_one = NULL;
  g_autoptr(LotseTestCliResult) milestones_two = NULL;
  g_autoptr(JsonNode) root = parse_json (projects_one);

  g_assert_cmpuint (json_array_get_length (json_node_get_array (root)), ==, 4);
  g_assert_cmpint (query_int (one, "SELECT count(*) FROM project"), ==, 4);

  g_assert_cmpstr (projects_one, ==, projects_two);
  g_assert_cmpstr (projects_one, !=, projects_other);

  milestones_one = lotse_test_cli_run (one->dir, "--db", one->db, "list", "milestone",
                                       "--json", NULL);
  milestones_two = lotse_test_cli_run (two->dir, "--db", two->db, "list", "milestone",
                                       "--json", NULL);
  g_assert_cmpint (milestones_one->status, ==, 0);
  g_assert_cmpstr (milestones_one->out, ==, milestones_two->out);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/cli/usage/help", test_usage_help);
  g_test_add_func ("/cli/usage/no-command", test_usage_no_command);
  g_test_add_func ("/cli/usage/unknown-command", test_usage_unknown_command);
  g_test_add_func ("/cli/usage/unknown-table", test_usage_unknown_table);
  g_test_add_func ("/cli/usage/db-without-value", test_usage_db_without_value);
  g_test_add_func ("/cli/usage/bad-numbers", test_usage_bad_numbers);
  g_test_add_func ("/cli/add/round-trip", test_add_round_trip);
  g_test_add_func ("/cli/add/default-database", test_add_default_database);
  g_test_add_func ("/cli/add/invalid", test_add_invalid);
  g_test_add_func ("/cli/list/human", test_list_human);
  g_test_add_func ("/cli/list/locale-order", test_list_locale_order);
  g_test_add_func ("/cli/show", test_show_record);
  g_test_add_func ("/cli/update", test_update);
  g_test_add_func ("/cli/delete", test_delete);
  g_test_add_func ("/cli/database/corrupt", test_database_corrupt);
  g_test_add_func ("/cli/database/newer", test_database_newer);
  g_test_add_func ("/cli/database/missing", test_database_missing);
  g_test_add_func ("/cli/demo/twice", test_demo_twice);
  g_test_add_func ("/cli/demo/around-today", test_demo_around_today);
  g_test_add_func ("/cli/demo/bad-today", test_demo_bad_today);
  g_test_add_func ("/cli/generate/deterministic", test_generate_deterministic);

  return g_test_run ();
}
