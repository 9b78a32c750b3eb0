/* lotse-cli-records.c: list, show, add, update and delete rows
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every read and write goes through the store; the table and field names
 * on the command line are checked against the schema before the database
 * is opened, so that a typo never creates or touches a file.
 */

#define G_LOG_DOMAIN "lotse-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#include "lotse-cli-private.h"

/* Rows are read from the store in a few large pages: each page re-runs the
 * sorted query with an OFFSET, so many small pages cost a sort each (100
 * pages of 1,000 milestones took 14 s), while one page would hold every
 * record in memory at once. */
#define MIN_PAGE_SIZE    10000
#define MAX_PAGES        8
#define MAX_LIMIT        G_MAXUINT32
#define TITLE_WIDTH      50
#define COLUMN_WIDTH     30
#define N_EXTRA_COLUMNS  3
#define SHORT_TEXT       100

static int
not_found (const LotseTable *table,
           const char       *id)
{
  /* Translators: the first %s is a table name such as “project”, the second an id */
  /* Translators: a table's name and a record's id */
  lotse_cli_print_error (_("%s “%s” does not exist."), _(table->label), id);
  return LOTSE_CLI_EXIT_ERROR;
}

/* Loads a row that is not deleted; a missing row is the command's error,
 * anything else (a damaged file) the store's. */
static LotseRecord *
load_record (LotseCli         *cli,
             LotseStore       *store,
             const LotseTable *table,
             const char       *id,
             int              *out_status)
{
  g_autoptr(GError) error = NULL;
  LotseRecord *record;

  record = lotse_store_get (store, table->name, id, &error);
  if (record != NULL)
    return record;

  if (g_error_matches (error, LOTSE_ERROR, LOTSE_ERROR_NOT_FOUND))
    *out_status = not_found (table, id);
  else
    *out_status = lotse_cli_fail (cli, error);

  return NULL;
}

/* Checks the form of FIELD=VALUE and the field name; the values are
 * checked when they are applied to a record. */
static gboolean
check_assignments (LotseCli          *cli,
                   const LotseTable  *table,
                   char             **assignments,
                   int               *out_status)
{
  for (guint i = 0; assignments[i] != NULL; i++)
    {
      const char *equals = strchr (assignments[i], '=');
      g_autofree char *name = NULL;

      if (equals == NULL || equals == assignments[i])
        {
          *out_status = lotse_cli_usage_error (cli, _("“%s” is not of the form FIELD=VALUE."),
                                               assignments[i]);
          return FALSE;
        }

      name = g_strndup (assignments[i], equals - assignments[i]);
      if (lotse_cli_lookup_field (cli, table, name, NULL, out_status) == NULL)
        return FALSE;
    }

  return TRUE;
}

static gboolean
apply_assignments (LotseCli     *cli,
                   LotseRecord  *record,
                   char        **assignments,
                   int          *out_status)
{
  for (guint i = 0; assignments[i] != NULL; i++)
    {
      g_autoptr(GError) error = NULL;

      if (!lotse_record_parse_assignment (record, assignments[i], &error))
        {
          *out_status = lotse_cli_fail (cli, error);
          return FALSE;
        }
    }

  return TRUE;
}

/* Turns --where FIELD=VALUE into store filters; values are normalised like
 * assignments (so dates and numbers match), and FIELD= matches unset
 * fields. The filter values point into @values. */
static gboolean
parse_filters (LotseCli          *cli,
               const LotseTable  *table,
               char             **where,
               GArray            *filters,
               GPtrArray         *values,
               int               *out_status)
{
  for (guint i = 0; where != NULL && where[i] != NULL; i++)
    {
      const char *equals = strchr (where[i], '=');
      g_autofree char *name = NULL;
      const LotseField *field = NULL;
      gboolean amount = FALSE;
      LotseFilter filter;
      char *value = NULL;

      if (equals == NULL || equals == where[i])
        {
          *out_status = lotse_cli_usage_error (cli, _("--where needs FIELD=VALUE, not “%s”."),
                                               where[i]);
          return FALSE;
        }

      name = g_strndup (where[i], equals - where[i]);
      if (!g_str_equal (name, "id") &&
          (field = lotse_cli_lookup_field (cli, table, name, &amount, out_status)) == NULL)
        return FALSE;
      if (amount)
        {
          g_free (name);
          name = g_strdup (field->name);
        }

      if (equals[1] != '\0')
        {
          g_autoptr(GError) error = NULL;

          if (field == NULL)
            value = g_strdup (equals + 1);
          else if ((value = amount ? lotse_field_normalize_amount (field, equals + 1, &error)
                                   : lotse_field_normalize (field, equals + 1, &error)) == NULL)
            {
              *out_status = lotse_cli_usage_error (cli, "%s", error->message);
              return FALSE;
            }
          g_ptr_array_add (values, value);
        }

      g_ptr_array_add (values, g_steal_pointer (&name));
      filter.field = g_ptr_array_index (values, values->len - 1);
      filter.value = value;
      g_array_append_val (filters, filter);
    }

  return TRUE;
}

static gboolean
is_short_field (const LotseField *field,
                guint             pass)
{
  switch (pass)
    {
    case 0:
      return field->type == LOTSE_FIELD_TEXT && field->max_length > 0 &&
             field->max_length <= SHORT_TEXT;
    case 1:
      return field->type == LOTSE_FIELD_ENUM;
    case 2:
      return field->type == LOTSE_FIELD_DATE || field->type == LOTSE_FIELD_DATETIME;
    case 3:
      return field->type == LOTSE_FIELD_INT;
    case 4:
      return field->type == LOTSE_FIELD_REF;
    default:
      return FALSE;
    }
}

/* The columns of the human list: the title and up to three short fields,
 * picked by kind (short text, choices, dates, numbers, then references,
 * which show the title of the row they point to) and shown in schema order. */
static GArray *
pick_list_columns (const LotseTable *table)
{
  g_autofree gboolean *picked = g_new0 (gboolean, table->n_fields);
  GArray *columns = g_array_new (FALSE, FALSE, sizeof (guint));
  int title_index = lotse_table_field_index (table, table->title_field);
  guint n_picked = 0;

  for (guint pass = 0; pass < 5 && n_picked < N_EXTRA_COLUMNS; pass++)
    {
      for (guint i = 0; i < table->n_fields && n_picked < N_EXTRA_COLUMNS; i++)
        {
          if ((int) i == title_index || picked[i] || !is_short_field (&table->fields[i], pass))
            continue;
          picked[i] = TRUE;
          n_picked++;
        }
    }

  if (title_index >= 0)
    {
      guint index = title_index;

      g_array_append_val (columns, index);
    }

  for (guint i = 0; i < table->n_fields; i++)
    {
      if (picked[i])
        g_array_append_val (columns, i);
    }

  return columns;
}

/* The title of the row a reference points to, remembered in @cache since
 * lists repeat the same parents. Falls back to the id. */
static const char *
resolve_reference (LotseStore       *store,
                   const LotseField *field,
                   const char       *id,
                   GHashTable       *cache)
{
  g_autofree char *key = g_strconcat (field->ref_table, ":", id, NULL);
  g_autoptr(LotseRecord) target = NULL;
  char *title;

  title = g_hash_table_lookup (cache, key);
  if (title != NULL)
    return title;

  target = lotse_store_get (store, field->ref_table, id, NULL);
  if (target != NULL && *lotse_record_get_title (target) != '\0')
    title = g_strdup (lotse_record_get_title (target));
  else
    title = g_strdup (id);

  g_hash_table_insert (cache, g_steal_pointer (&key), title);
  return title;
}

typedef struct
{
  gboolean        json;
  guint           n_printed;
  /* human output */
  LotseCliTable  *table;
  GArray         *columns;
  GHashTable     *reference_titles;
} ListOutput;

static void
list_output_begin (ListOutput       *out,
                   const LotseTable *table)
{
  g_autoptr(GPtrArray) header = g_ptr_array_new ();

  if (out->json)
    return;

  out->columns = pick_list_columns (table);
  out->table = lotse_cli_table_new (out->columns->len + 1);
  out->reference_titles = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  g_ptr_array_add (header, (gpointer) _("ID"));
  for (guint i = 0; i < out->columns->len; i++)
    {
      const LotseField *field = &table->fields[g_array_index (out->columns, guint, i)];

      g_ptr_array_add (header, (gpointer) _(field->label));
      lotse_cli_table_set_max_width (out->table, i + 1,
                                     i == 0 ? TITLE_WIDTH : COLUMN_WIDTH);
    }
  lotse_cli_table_add_row (out->table, (const char * const *) header->pdata);
}

static void
list_output_add (ListOutput  *out,
                 LotseStore  *store,
                 LotseRecord *record)
{
  const LotseTable *table = lotse_record_get_table (record);
  g_autoptr(GPtrArray) cells = NULL;

  if (out->json)
    {
      g_autoptr(JsonNode) node = lotse_record_to_json (record);
      g_autofree char *text = lotse_cli_json_to_string (node, 2);

      fputs (out->n_printed == 0 ? "[\n  " : ",\n  ", stdout);
      fputs (text, stdout);
      out->n_printed++;
      return;
    }

  cells = g_ptr_array_new ();
  g_ptr_array_add (cells, (gpointer) lotse_record_get_id (record));
  for (guint i = 0; i < out->columns->len; i++)
    {
      guint index = g_array_index (out->columns, guint, i);
      const LotseField *field = &table->fields[index];
      const char *value = lotse_record_get_nth (record, index);

      if (value != NULL && field->type == LOTSE_FIELD_REF)
        value = resolve_reference (store, field, value, out->reference_titles);
      g_ptr_array_add (cells, (gpointer) value);
    }
  lotse_cli_table_add_row (out->table, (const char * const *) cells->pdata);
  out->n_printed++;
}

static void
list_output_end (ListOutput *out,
                 gint64      n_total)
{
  if (out->json)
    {
      fputs (out->n_printed == 0 ? "[]\n" : "\n]\n", stdout);
      return;
    }

  lotse_cli_table_print (out->table);

  if (n_total > out->n_printed)
    {
      g_autofree char *shown = lotse_cli_format_count (out->n_printed);
      g_autofree char *total = lotse_cli_format_count (n_total);

      /* Translators: the footer of “lotse-cli list … --limit N”; both are numbers */
      g_print (ngettext ("(%s of %s row)", "(%s of %s rows)", (gulong) n_total), shown, total);
    }
  else
    {
      g_autofree char *shown = lotse_cli_format_count (out->n_printed);

      g_print (ngettext ("(%s row)", "(%s rows)", out->n_printed), shown);
    }
  g_print ("\n");

  g_clear_pointer (&out->table, lotse_cli_table_free);
  g_clear_pointer (&out->columns, g_array_unref);
  g_clear_pointer (&out->reference_titles, g_hash_table_unref);
}

int
lotse_cli_command_list (LotseCli  *cli,
                        int        argc,
                        char     **argv)
{
  gboolean json = FALSE;
  g_auto(GStrv) where = NULL;
  g_autofree char *limit_text = NULL;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json,
      N_("Print a JSON array of objects with all fields"), NULL },
    { "where", 0, 0, G_OPTION_ARG_STRING_ARRAY, &where,
      N_("Only rows whose FIELD is VALUE; FIELD= means unset; may be repeated"),
      N_("FIELD=VALUE") },
    { "limit", 0, 0, G_OPTION_ARG_STRING, &limit_text,
      N_("Print at most N rows"), N_("N") },
    G_OPTION_ENTRY_NULL
  };
  g_auto(GStrv) args = NULL;
  g_autoptr(GArray) filters = g_array_new (FALSE, FALSE, sizeof (LotseFilter));
  g_autoptr(GPtrArray) filter_values = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(LotseStore) store = NULL;
  g_autoptr(GError) error = NULL;
  const LotseTable *table;
  ListOutput out = { 0, };
  guint64 limit = 0;
  guint offset = 0;
  gint64 n_total;
  int status = LOTSE_CLI_EXIT_SUCCESS;

  if (!lotse_cli_parse_options (cli, entries, argc, argv, 1, 1, &args, &status))
    return status;

  if ((table = lotse_cli_lookup_table (cli, args[0], &status)) == NULL)
    return status;

  if (limit_text != NULL && !lotse_cli_parse_count (limit_text, MAX_LIMIT, &limit))
    return lotse_cli_usage_error (cli, _("--limit needs a whole number, not “%s”."), limit_text);

  if (!parse_filters (cli, table, where, filters, filter_values, &status))
    return status;

  if ((store = lotse_cli_open_store_or_fail (cli, LOTSE_CLI_OPEN_EXISTING, &status)) == NULL)
    return status;

  n_total = lotse_store_count (store, table->name, (LotseFilter *) filters->data, filters->len,
                               &error);
  if (n_total < 0)
    return lotse_cli_fail (cli, error);

  out.json = json;
  list_output_begin (&out, table);

  while (limit_text == NULL || offset < limit)
    {
      g_autoptr(GPtrArray) rows = NULL;
      guint page = (guint) MAX (MIN_PAGE_SIZE, n_total / MAX_PAGES + 1);

      if (limit_text != NULL)
        page = (guint) MIN ((guint64) page, limit - offset);

      rows = lotse_store_list (store, table->name, (LotseFilter *) filters->data, filters->len,
                               NULL, page, offset, &error);
      if (rows == NULL)
        {
          /* JSON already printed stays incomplete, but the exit status says so */
          return lotse_cli_fail (cli, error);
        }

      for (guint i = 0; i < rows->len; i++)
        list_output_add (&out, store, g_ptr_array_index (rows, i));

      offset += rows->len;
      if (rows->len < page)
        break;
    }

  list_output_end (&out, n_total);

  return LOTSE_CLI_EXIT_SUCCESS;
}

static char *
describe_value (LotseStore       *store,
                const LotseTable *table,
                const LotseField *field,
                const char       *value)
{
  if (value == NULL)
    return g_strdup ("");

  if (field->type == LOTSE_FIELD_ENUM)
    {
      const char *label = lotse_enum_value_label (table->name, field->name, value);

      /* Shows both what the value means and what to type in FIELD=VALUE */
      if (g_ascii_strcasecmp (label, value) == 0)
        return g_strdup (label);
      return g_strdup_printf ("%s (%s)", label, value);
    }

  if (lotse_field_is_money (field))
    return lotse_format_money (value);

  if (field->type == LOTSE_FIELD_REF)
    {
      g_autoptr(LotseRecord) target = lotse_store_get (store, field->ref_table, value, NULL);

      if (target != NULL && *lotse_record_get_title (target) != '\0')
        return g_strdup_printf ("%s (%s)", lotse_record_get_title (target), value);
    }

  return g_strdup (value);
}

static void
print_show_line (const char *label,
                 const char *value,
                 guint       label_width)
{
  g_auto(GStrv) lines = NULL;
  guint width = lotse_cli_display_width (label) + 1;

  if (value == NULL || *value == '\0')
    {
      g_print ("%s:\n", label);
      return;
    }

  /* Multi-line text (minutes, Markdown) keeps its lines, indented */
  lines = g_strsplit (value, "\n", -1);
  g_print ("%s:%*s%s\n", label, (int) (label_width + 2 - width), "", lines[0]);
  for (guint i = 1; lines[i] != NULL; i++)
    g_print ("%*s%s\n", (int) (label_width + 2), "", lines[i]);
}

static void
print_record (LotseStore  *store,
              LotseRecord *record)
{
  const LotseTable *table = lotse_record_get_table (record);
  g_autofree char *rev = g_strdup_printf ("%" G_GINT64_FORMAT, lotse_record_get_rev (record));
  const char *meta_labels[] = { _("ID"), _("Revision"), _("Created"), _("Changed") };
  const char *meta_values[] = {
    lotse_record_get_id (record), rev,
    lotse_record_get_created_at (record), lotse_record_get_updated_at (record),
  };
  guint label_width = 0;

  for (guint i = 0; i < table->n_fields; i++)
    label_width = MAX (label_width, lotse_cli_display_width (_(table->fields[i].label)) + 1);
  for (guint i = 0; i < G_N_ELEMENTS (meta_labels); i++)
    label_width = MAX (label_width, lotse_cli_display_width (meta_labels[i]) + 1);

  for (guint i = 0; i < table->n_fields; i++)
    {
      const LotseField *field = &table->fields[i];
      g_autofree char *value = describe_value (store, table, field,
                                               lotse_record_get_nth (record, i));

      print_show_line (_(field->label), value, label_width);
    }

  g_print ("\n");
  for (guint i = 0; i < G_N_ELEMENTS (meta_labels); i++)
    print_show_line (meta_labels[i], meta_values[i], label_width);
}

int
lotse_cli_command_show (LotseCli  *cli,
                        int        argc,
                        char     **argv)
{
  gboolean json = FALSE;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json,
      N_("Print a JSON object with all fields"), NULL },
    G_OPTION_ENTRY_NULL
  };
  g_auto(GStrv) args = NULL;
  g_autoptr(LotseStore) store = NULL;
  g_autoptr(LotseRecord) record = NULL;
  const LotseTable *table;
  int status = LOTSE_CLI_EXIT_SUCCESS;

  if (!lotse_cli_parse_options (cli, entries, argc, argv, 2, 2, &args, &status))
    return status;

  if ((table = lotse_cli_lookup_table (cli, args[0], &status)) == NULL)
    return status;

  if ((store = lotse_cli_open_store_or_fail (cli, LOTSE_CLI_OPEN_EXISTING, &status)) == NULL)
    return status;

  if ((record = load_record (cli, store, table, args[1], &status)) == NULL)
    return status;

  if (json)
    {
      g_autoptr(JsonNode) node = lotse_record_to_json (record);

      lotse_cli_print_json (node);
    }
  else
    {
      print_record (store, record);
    }

  return LOTSE_CLI_EXIT_SUCCESS;
}

/* What was written but deserves a look, such as an expenditure outside
 * the funding period; on standard error, so that scripts still read the
 * id alone. */
static void
print_warning (LotseStore  *store,
               LotseRecord *record)
{
  g_autofree char *warning = lotse_finance_warn_record (store, record);

  if (warning != NULL)
    /* Translators: %s says what deserves a look */
    lotse_cli_print_error (_("Warning: %s"), warning);
}

int
lotse_cli_command_add (LotseCli  *cli,
                       int        argc,
                       char     **argv)
{
  g_auto(GStrv) args = NULL;
  g_autoptr(LotseStore) store = NULL;
  g_autoptr(LotseRecord) record = NULL;
  g_autoptr(GError) error = NULL;
  const LotseTable *table;
  int status = LOTSE_CLI_EXIT_SUCCESS;

  if (!lotse_cli_parse_options (cli, NULL, argc, argv, 2, G_MAXUINT, &args, &status))
    return status;

  if ((table = lotse_cli_lookup_table (cli, args[0], &status)) == NULL)
    return status;

  if (!check_assignments (cli, table, args + 1, &status))
    return status;

  record = lotse_record_new (table);
  if (!apply_assignments (cli, record, args + 1, &status))
    return status;

  if ((store = lotse_cli_open_store_or_fail (cli, LOTSE_CLI_OPEN_CREATE, &status)) == NULL)
    return status;

  if (!lotse_store_insert (store, record, &error))
    return lotse_cli_fail (cli, error);
  print_warning (store, record);

  /* Only the id, so that scripts can capture it */
  g_print ("%s\n", lotse_record_get_id (record));

  return LOTSE_CLI_EXIT_SUCCESS;
}

int
lotse_cli_command_update (LotseCli  *cli,
                          int        argc,
                          char     **argv)
{
  g_auto(GStrv) args = NULL;
  g_autoptr(LotseStore) store = NULL;
  g_autoptr(LotseRecord) record = NULL;
  g_autoptr(GError) error = NULL;
  const LotseTable *table;
  int status = LOTSE_CLI_EXIT_SUCCESS;

  if (!lotse_cli_parse_options (cli, NULL, argc, argv, 3, G_MAXUINT, &args, &status))
    return status;

  if ((table = lotse_cli_lookup_table (cli, args[0], &status)) == NULL)
    return status;

  if (!check_assignments (cli, table, args + 2, &status))
    return status;

  if ((store = lotse_cli_open_store_or_fail (cli, LOTSE_CLI_OPEN_EXISTING, &status)) == NULL)
    return status;

  if ((record = load_record (cli, store, table, args[1], &status)) == NULL)
    return status;

  if (!apply_assignments (cli, record, args + 2, &status))
    return status;

  if (!lotse_store_update (store, record, &error))
    return lotse_cli_fail (cli, error);
  print_warning (store, record);

  return LOTSE_CLI_EXIT_SUCCESS;
}

int
lotse_cli_command_delete (LotseCli  *cli,
                          int        argc,
                          char     **argv)
{
  g_auto(GStrv) args = NULL;
  g_autoptr(LotseStore) store = NULL;
  g_autoptr(LotseRecord) record = NULL;
  g_autoptr(GError) error = NULL;
  const LotseTable *table;
  int status = LOTSE_CLI_EXIT_SUCCESS;

  if (!lotse_cli_parse_options (cli, NULL, argc, argv, 2, 2, &args, &status))
    return status;

  if ((table = lotse_cli_lookup_table (cli, args[0], &status)) == NULL)
    return status;

  if ((store = lotse_cli_open_store_or_fail (cli, LOTSE_CLI_OPEN_EXISTING, &status)) == NULL)
    return status;

  if ((record = load_record (cli, store, table, args[1], &status)) == NULL)
    return status;

  if (!lotse_store_delete (store, table->name, args[1], &error))
    return lotse_cli_fail (cli, error);

  return LOTSE_CLI_EXIT_SUCCESS;
}

static int
office_set (LotseCli  *cli,
            char     **assignments)
{
  const LotseTable *table = lotse_schema_lookup_table (LOTSE_TABLE_OFFICE);
  g_autoptr(LotseStore) store = NULL;
  g_autoptr(LotseRecord) office = NULL;
  g_autoptr(GError) error = NULL;
  int status = LOTSE_CLI_EXIT_SUCCESS;

  if (assignments[0] == NULL)
    return lotse_cli_usage_error (cli, _("Name what to change, e.g. “office set time_zone=Europe/Vienna”."));

  if (!check_assignments (cli, table, assignments, &status))
    return status;

  if ((store = lotse_cli_open_store_or_fail (cli, LOTSE_CLI_OPEN_CREATE, &status)) == NULL)
    return status;

  office = lotse_office_get (store, &error);
  if (office == NULL)
    return lotse_cli_fail (cli, error);

  if (!apply_assignments (cli, office, assignments, &status))
    return status;

  if (!lotse_office_save (store, office, &error))
    return lotse_cli_fail (cli, error);

  return LOTSE_CLI_EXIT_SUCCESS;
}

/* “office” shows the office's data (its defaults until someone sets
 * them), “office set FIELD=VALUE…” changes it: the one row of table
 * office, synced like the rest. */
int
lotse_cli_command_office (LotseCli  *cli,
                          int        argc,
                          char     **argv)
{
  gboolean json = FALSE;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json,
      N_("Print a JSON object with all fields"), NULL },
    G_OPTION_ENTRY_NULL
  };
  g_auto(GStrv) args = NULL;
  g_autoptr(LotseStore) store = NULL;
  g_autoptr(LotseRecord) office = NULL;
  g_autoptr(GError) error = NULL;
  int status = LOTSE_CLI_EXIT_SUCCESS;

  if (!lotse_cli_parse_options (cli, entries, argc, argv, 0, G_MAXUINT, &args, &status))
    return status;

  if (args[0] != NULL && g_str_equal (args[0], "set") && !json)
    return office_set (cli, args + 1);
  if (args[0] != NULL)
    return lotse_cli_usage_error (cli, _("Unexpected argument “%s”."), args[0]);

  if ((store = lotse_cli_open_store_or_fail (cli, LOTSE_CLI_OPEN_EXISTING, &status)) == NULL)
    return status;

  office = lotse_office_get (store, &error);
  if (office == NULL)
    return lotse_cli_fail (cli, error);
  /* Shown as it counts: unset is the default zone. */
  if (lotse_record_get (office, LOTSE_OFFICE_TIME_ZONE) == NULL)
    lotse_record_set (office, LOTSE_OFFICE_TIME_ZONE, LOTSE_OFFICE_DEFAULT_TIME_ZONE);

  if (json)
    {
      g_autoptr(JsonNode) node = lotse_record_to_json (office);

      lotse_cli_print_json (node);
    }
  else
    {
      print_record (store, office);
    }

  return LOTSE_CLI_EXIT_SUCCESS;
}
