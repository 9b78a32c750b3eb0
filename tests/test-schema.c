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

  g_assert_cmpuint (n_tables, ==, 17);

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
          if (field->type == LOTSE_FIELD_REF)
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

  return g_test_run ();
}
