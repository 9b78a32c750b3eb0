/* test-schema.c: the schema description and value parsing
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "lotse-test-helpers.h"

static void
test_tables_consistent (void)
{
  guint n_tables;
  const LotseTable * const *tables = lotse_schema_get_tables (&n_tables);

  g_assert_cmpuint (n_tables, ==, 28);

  for (guint i = 0; i < n_tables; i++)
    {
      const LotseTable *table = tables[i];

      g_assert_true (lotse_schema_lookup_table (table->name) == table);
      g_assert_nonnull (lotse_table_lookup_field (table, table->title_field));
      g_assert_true (lotse_table_lookup_field (table, table->order_field) != NULL ||
                     g_str_equal (table->order_field, "created_at"));
      if (table->range_start != NULL)
        {
          g_assert_cmpint (lotse_table_lookup_field (table, table->range_start)->type, ==,
                           LOTSE_FIELD_DATE);
          g_assert_cmpint (lotse_table_lookup_field (table, table->range_end)->type, ==,
                           LOTSE_FIELD_DATE);
        }

      for (guint j = 0; j < table->n_fields; j++)
        {
          const LotseField *field = &table->fields[j];

          g_assert_nonnull (field->label);
          if (field->type == LOTSE_FIELD_REF && field->ref_table == NULL)
            {
              /* A reference whose table the row names: an enum of tables
               * that come before, given before the reference. */
              int names = lotse_table_field_index (table, field->ref_table_field);

              g_assert_cmpint (names, >=, 0);
              g_assert_cmpint (names, <, (int)j);
              g_assert_cmpint (table->fields[names].type, ==, LOTSE_FIELD_ENUM);
              for (guint k = 0; table->fields[names].enum_values[k]; k++)
                g_assert_nonnull (lotse_schema_lookup_table (table->fields[names].enum_values[k]));
            }
          else if (field->type == LOTSE_FIELD_REF)
            {
              const LotseTable *target = lotse_schema_lookup_table (field->ref_table);
              guint target_index = 0;

              /* Parents come before children so inserts in schema order work. */
              g_assert_nonnull (target);
              while (tables[target_index] != target)
                target_index++;
              g_assert_true (target_index <= i);
            }
          if (field->type == LOTSE_FIELD_ENUM)
            {
              g_assert_nonnull (field->enum_values);
              for (guint k = 0; field->enum_values[k]; k++)
                g_assert_cmpstr (lotse_enum_value_label (table->name, field->name,
                                                         field->enum_values[k]), !=,
                                 field->enum_values[k]);
              if (field->default_value != NULL)
                g_assert_true (lotse_field_is_valid_enum (field, field->default_value));
            }
        }
    }

  g_assert_null (lotse_schema_lookup_table ("projects"));
  g_assert_null (lotse_schema_lookup_table (NULL));
}

typedef struct
{
  const char *table;
  const char *field;
  const char *input;
  const char *normalized; /* NULL: rejected */
} Case;

static void
test_normalize (void)
{
  const Case cases[] = {
    { "project", "start_date", "2016-03-01", "2016-03-01" },
    { "project", "start_date", "2016-02-30", NULL },
    { "project", "start_date", "2016-3-1", NULL },
    { "project", "start_date", "+016-03-01", NULL },
    { "project", "start_date", "2016-03-01x", NULL },
    { "project", "budget_cents", "00042", "42" },
    { "project", "budget_cents", "4 2", NULL },
    { "project", "budget_cents", "99999999999999999999999", NULL },
    { "project", "status", "running", "running" },
    { "project", "status", "Running", NULL },
    { "project", "programme_id", "6f1c1e8e-4f2a-4b8e-9c2d-1a2b3c4d5e6f",
      "6f1c1e8e-4f2a-4b8e-9c2d-1a2b3c4d5e6f" },
    { "project", "programme_id", "6F1C1E8E-4F2A-4B8E-9C2D-1A2B3C4D5E6F", NULL },
    { "project", "programme_id", "6f1c1e8e4f2a4b8e9c2d1a2b3c4d5e6f", NULL },
    /* The office's zone: a zone of the tz database, not an offset or a path. */
    { "office", "time_zone", "Europe/Vienna", "Europe/Vienna" },
    { "office", "time_zone", "UTC", "UTC" },
    { "office", "time_zone", "America/Argentina/Buenos_Aires", "America/Argentina/Buenos_Aires" },
    { "office", "time_zone", "+01:00", NULL },
    { "office", "time_zone", "europe/berlin", NULL },
    { "office", "time_zone", "Europe/Berlin ", NULL },
    { "office", "time_zone", "Mars/Olympus", NULL },
    { "office", "time_zone", "../../../etc/passwd", NULL },
    { "office", "time_zone", "/usr/share/zoneinfo/Europe/Berlin", NULL },
    { "office", "time_zone", "CET-1CEST,M3.5.0,M10.5.0/3", NULL },
    { "meeting", "starts_at", "2018-05-16T10:00:00+02:00", "2018-05-16T10:00:00+02:00" },
    { "meeting", "starts_at", "2018-05-16T08:00:00Z", "2018-05-16T08:00:00+00:00" },
    { "meeting", "starts_at", "2018-05-16T10:00:00", NULL },
    /* A blob's hash names a file: 64 lowercase hex digits and nothing else. */
    { "attachment", "sha256", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
      "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855" },
    { "attachment", "sha256", "E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855", NULL },
    { "attachment", "sha256", "../../../../../../../../../../../../../../../../../../etc/passwd", NULL },
    { "attachment", "sha256", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b85", NULL },
    { "attachment", "owner_table", "person", NULL },
    { "attachment", "owner_table", "meeting", "meeting" },
    /* Years before 1000 keep four digits (found by the fuzzer). */
    { "meeting", "starts_at", "0539-03-05T10:00:00+01:00", "0539-03-05T10:00:00+01:00" },
    { "meeting", "starts_at", "0001-01-01T00:30:00+01:00", "0001-01-01T00:30:00+01:00" },
    { "meeting", "duration_min", "1441", NULL },
    { "tag", "name", "Künstliche Intelligenz", "Künstliche Intelligenz" },
    { "tag", "name", "\xff\xfe", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const LotseTable *table = lotse_schema_lookup_table (cases[i].table);
      const LotseField *field = lotse_table_lookup_field (table, cases[i].field);
      g_autoptr(GError) error = NULL;
      g_autofree char *normalized = lotse_field_normalize (field, cases[i].input, &error);

      g_assert_cmpstr (normalized, ==, cases[i].normalized);
      if (cases[i].normalized == NULL)
        {
          g_assert_error (error, LOTSE_ERROR, LOTSE_ERROR_INVALID_VALUE);
          g_assert_nonnull (strstr (error->message, cases[i].field));
        }
      else
        {
          /* A stored value normalises to itself. */
          g_autofree char *again = lotse_field_normalize (field, normalized, NULL);

          g_assert_cmpstr (again, ==, normalized);
        }
    }
}

static void
test_text_limit (void)
{
  const LotseField *title = lotse_table_lookup_field (lotse_schema_lookup_table ("project"), "title");
  g_autofree char *fits = g_strnfill (title->max_length, 'a');
  g_autofree char *too_long = g_strnfill (title->max_length + 1, 'a');
  g_autofree char *ok = NULL;
  g_autofree char *refused = NULL;
  g_autoptr(GError) error = NULL;

  ok = lotse_field_normalize (title, fits, &error);
  g_assert_no_error (error);
  g_assert_nonnull (ok);
  refused = lotse_field_normalize (title, too_long, &error);
  g_assert_null (refused);
  g_assert_error (error, LOTSE_ERROR, LOTSE_ERROR_INVALID_VALUE);
}

static void
test_assignment (void)
{
  g_autoptr(LotseRecord) record = lotse_record_new_for_table ("project");
  g_autoptr(GError) error = NULL;

  g_assert_true (lotse_record_parse_assignment (record, "title=A=B", &error));
  g_assert_cmpstr (lotse_record_get (record, "title"), ==, "A=B");
  g_assert_true (lotse_record_parse_assignment (record, "budget_cents=0100", &error));
  g_assert_cmpint (lotse_record_get_int (record, "budget_cents", -1), ==, 100);
  g_assert_true (lotse_record_parse_assignment (record, "budget_cents=", &error));
  g_assert_null (lotse_record_get (record, "budget_cents"));

  g_assert_false (lotse_record_parse_assignment (record, "title", &error));
  g_assert_error (error, LOTSE_ERROR, LOTSE_ERROR_INVALID_VALUE);
  g_clear_error (&error);
  g_assert_false (lotse_record_parse_assignment (record, "=x", &error));
  g_assert_error (error, LOTSE_ERROR, LOTSE_ERROR_INVALID_VALUE);
  g_clear_error (&error);
  g_assert_false (lotse_record_parse_assignment (record, "colour=red", &error));
  g_assert_error (error, LOTSE_ERROR, LOTSE_ERROR_UNKNOWN_FIELD);
  g_clear_error (&error);
  g_assert_false (lotse_record_parse_assignment (record, "status=unknown", &error));
  g_assert_error (error, LOTSE_ERROR, LOTSE_ERROR_INVALID_VALUE);
  g_assert_nonnull (strstr (error->message, "status"));
}

static void
test_uuid (void)
{
  for (guint i = 0; i < 100; i++)
    {
      g_autofree char *id = lotse_new_uuid ();

      g_assert_true (lotse_is_uuid (id));
    }

  g_assert_false (lotse_is_uuid (""));
  g_assert_false (lotse_is_uuid ("6f1c1e8e-4f2a-4b8e-9c2d-1a2b3c4d5e6"));
  g_assert_false (lotse_is_uuid ("6f1c1e8e-4f2a-4b8e-9c2d-1a2b3c4d5e6fa"));
  g_assert_false (lotse_is_uuid ("6f1c1e8e_4f2a-4b8e-9c2d-1a2b3c4d5e6f"));
  g_assert_false (lotse_is_uuid ("6f1c1e8e-4f2a-4b8e-9c2d-1a2b3c4d5e6g"));
}

/* Op ids are UUIDs of version 7 and variant 10, the current time in
 * front: ids made later sort after earlier ones (here a millisecond
 * apart, so the random part cannot reorder them), and the time is now. */
static void
test_op_id (void)
{
  g_autofree char *previous = NULL;
  GHashTable *seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; i < 20; i++)
    {
      gint64 before = g_get_real_time () / 1000;
      g_autofree char *id = lotse_new_op_id ();
      g_autofree char *hex = g_strndup (id, 8);
      gint64 ms;

      g_assert_true (lotse_is_uuid (id));
      g_assert_cmpint (id[14], ==, '7');
      g_assert_nonnull (strchr ("89ab", id[19]));
      g_assert_true (g_hash_table_add (seen, g_strdup (id)));
      ms = (gint64)g_ascii_strtoull (hex, NULL, 16) << 16 | (gint64)g_ascii_strtoull (id + 9, NULL, 16);
      g_assert_cmpint (ms, >=, before);
      g_assert_cmpint (ms, <=, g_get_real_time () / 1000);
      if (previous != NULL)
        g_assert_cmpstr (previous, <, id);
      g_free (previous);
      previous = g_steal_pointer (&id);
      g_usleep (1100);
    }

  for (guint i = 0; i < 1000; i++)
    g_assert_true (g_hash_table_add (seen, lotse_new_op_id ()));
  g_hash_table_unref (seen);
}

/* A money field is an INT of cents named “…_cents”; its amount name finds
 * it, and an amount of euros becomes its cents. */
static void
test_money (void)
{
  const LotseTable * const *tables;
  const LotseTable *project = lotse_schema_lookup_table ("project");
  const LotseField *budget = lotse_table_lookup_amount (project, "budget");
  g_autoptr(GError) error = NULL;
  g_autofree char *cents = NULL;
  g_autofree char *bad = NULL;
  guint n_tables, n_money = 0;

  tables = lotse_schema_get_tables (&n_tables);
  for (guint t = 0; t < n_tables; t++)
    {
      for (guint i = 0; i < tables[t]->n_fields; i++)
        {
          const LotseField *field = &tables[t]->fields[i];
          g_autofree char *amount = NULL;

          if (!lotse_field_is_money (field))
            continue;
          n_money++;
          g_assert_cmpint (field->type, ==, LOTSE_FIELD_INT);
          g_assert_true (g_str_has_suffix (field->name, LOTSE_MONEY_SUFFIX));
          amount = lotse_field_dup_amount_name (field);
          g_assert_true (lotse_table_lookup_amount (tables[t], amount) == field);
          g_assert_null (lotse_table_lookup_field (tables[t], amount));
        }
    }
  g_assert_cmpuint (n_money, >=, 1);

  g_assert_nonnull (budget);
  g_assert_cmpstr (budget->name, ==, "budget_cents");
  g_assert_null (lotse_table_lookup_amount (project, "budget_cents"));
  g_assert_null (lotse_table_lookup_amount (project, "title"));

  cents = lotse_field_normalize_amount (budget, "1,250,000.50", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (cents, ==, "125000050");
  bad = lotse_field_normalize_amount (budget, "twelve", &error);
  g_assert_null (bad);
  g_assert_error (error, LOTSE_ERROR, LOTSE_ERROR_INVALID_VALUE);
  g_assert_nonnull (strstr (error->message, "budget"));
  g_assert_nonnull (strstr (error->message, "twelve"));
}

/* The columns every synced table has besides its schema fields
 * (migrations/001-initial.sql), with their SQL types. */
static const char * const row_columns[] = {
  "id TEXT 1", "rev INTEGER 1", "created_at TEXT 1", "updated_at TEXT 1", "deleted INTEGER 1",
};

/* “name TYPE NOTNULL” as the table of the migrations must have it. */
static char *
expected_column (const LotseField *field)
{
  gboolean required = (field->flags & LOTSE_FIELD_REQUIRED) != 0;

  return g_strdup_printf ("%s %s %d", field->name,
                          field->type == LOTSE_FIELD_INT ? "INTEGER" : "TEXT", required);
}

static char **
table_columns (const char *db_path,
               const char *table)
{
  g_autofree char *sql = g_strdup_printf ("SELECT group_concat (name || ' ' || type || ' ' || \"notnull\", ',')"
                                          " FROM pragma_table_info ('%s')", table);
  g_autofree char *columns = lotse_test_query_text (db_path, sql);

  return g_strsplit (columns != NULL ? columns : "", ",", -1);
}

/* A field the store writes into a column the migrations never created, a
 * column no field describes, or a type or NOT NULL that disagrees: the
 * schema and the SQL are written down twice, so check that they agree. */
static void
test_tables_match_migrations (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(LotseStore) store = lotse_test_open_store (&dir);
  g_autofree char *db_path = g_build_filename (dir, "lotse.db", NULL);
  g_autofree char *all = NULL;
  g_auto(GStrv) all_tables = NULL;
  guint n_tables, n_synced = 0;
  const LotseTable * const *tables = lotse_schema_get_tables (&n_tables);

  for (guint i = 0; i < n_tables; i++)
    {
      g_auto(GStrv) columns = table_columns (db_path, tables[i]->name);
      g_autoptr(GPtrArray) expected = g_ptr_array_new_null_terminated (0, g_free, TRUE);
      const char * const *expected_columns;

      for (guint j = 0; j < G_N_ELEMENTS (row_columns); j++)
        g_ptr_array_add (expected, g_strdup (row_columns[j]));
      for (guint j = 0; j < tables[i]->n_fields; j++)
        g_ptr_array_add (expected, expected_column (&tables[i]->fields[j]));
      expected_columns = (const char * const *)expected->pdata;

      for (guint j = 0; columns[j] != NULL; j++)
        if (!g_strv_contains (expected_columns, columns[j]))
          g_test_fail_printf ("%s: column “%s” of the migrations is not in the schema",
                              tables[i]->name, columns[j]);
      for (guint j = 0; expected_columns[j] != NULL; j++)
        if (!g_strv_contains ((const char * const *)columns, expected_columns[j]))
          g_test_fail_printf ("%s: field “%s” of the schema is not a column of the migrations",
                              tables[i]->name, expected_columns[j]);
    }

  /* And every table of rows that sync (they carry rev and deleted) is in
   * the schema. Virtual tables are left out: their tokenizer is the store's. */
  all = lotse_test_query_text (db_path,
                               "SELECT group_concat (name, ',') FROM sqlite_master"
                               " WHERE type = 'table' AND sql NOT LIKE 'CREATE VIRTUAL TABLE%'");
  all_tables = g_strsplit (all, ",", -1);
  for (guint i = 0; all_tables[i] != NULL; i++)
    {
      g_auto(GStrv) columns = table_columns (db_path, all_tables[i]);

      if (!g_strv_contains ((const char * const *)columns, "rev INTEGER 1") ||
          !g_strv_contains ((const char * const *)columns, "deleted INTEGER 1"))
        continue;
      n_synced++;
      if (lotse_schema_lookup_table (all_tables[i]) == NULL)
        g_test_fail_printf ("table “%s” of the migrations is not in the schema", all_tables[i]);
    }
  g_assert_cmpuint (n_synced, ==, n_tables);

  lotse_test_remove_tree (dir);
}

/* The generated names are those of the schema (gen-schema-names.py). */
static void
test_names (void)
{
  const LotseTable *project = lotse_schema_lookup_table (LOTSE_TABLE_PROJECT);

  g_assert_nonnull (project);
  g_assert_nonnull (lotse_table_lookup_field (project, LOTSE_PROJECT_HEALTH));
  g_assert_nonnull (lotse_table_lookup_field (lotse_schema_lookup_table (LOTSE_TABLE_ARTICLE_TAG),
                                              LOTSE_ARTICLE_TAG_TAG_ID));
  g_assert_cmpstr (LOTSE_MEETING_SERIES_DEFAULT_DURATION_MIN, ==, "default_duration_min");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/schema/tables/consistent", test_tables_consistent);
  g_test_add_func ("/schema/values/normalize", test_normalize);
  g_test_add_func ("/schema/values/text-limit", test_text_limit);
  g_test_add_func ("/schema/record/assignment", test_assignment);
  g_test_add_func ("/schema/uuid", test_uuid);
  g_test_add_func ("/schema/op-id", test_op_id);
  g_test_add_func ("/schema/money", test_money);
  g_test_add_func ("/schema/tables/match-migrations", test_tables_match_migrations);
  g_test_add_func ("/schema/names", test_names);

  return g_test_run ();
}
