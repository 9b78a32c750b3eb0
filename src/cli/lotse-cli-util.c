/* lotse-cli-util.c: option parsing, error reporting and opening the store
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lotse-cli"

#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#include "lotse-cli-private.h"

#define HELP_COLUMN 26

/* The translated synopsis; gettext ("") would be the catalogue's header. */
const char *
lotse_cli_command_get_synopsis (const LotseCliCommand *command)
{
  g_return_val_if_fail (command != NULL, "");

  if (command->synopsis == NULL || *command->synopsis == '\0')
    return "";

  return _(command->synopsis);
}

void
lotse_cli_print_error (const char *format,
                       ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  g_printerr ("lotse-cli: %s\n", message);
}

static void
print_command_usage_line (LotseCli *cli)
{
  g_autofree char *help_command = NULL;

  g_assert (cli->command != NULL);

  help_command = g_strdup_printf ("lotse-cli %s --help", cli->command->name);
  g_printerr ("%s lotse-cli %s%s%s\n", _("Usage:"), cli->command->name,
              *cli->command->synopsis != '\0' ? " " : "",
              lotse_cli_command_get_synopsis (cli->command));
  /* Translators: %s is a command such as “lotse-cli list --help” */
  g_printerr (_("Run “%s” for more."), help_command);
  g_printerr ("\n");
}

int
lotse_cli_usage_error (LotseCli   *cli,
                       const char *format,
                       ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  lotse_cli_print_error ("%s", message);
  if (cli->command != NULL)
    print_command_usage_line (cli);

  return LOTSE_CLI_EXIT_USAGE;
}

/* Unknown tables and fields are mistakes in the command line; everything
 * else (invalid values, a damaged database, …) is an error of the data. */
int
lotse_cli_fail (LotseCli     *cli,
                const GError *error)
{
  g_return_val_if_fail (error != NULL, LOTSE_CLI_EXIT_ERROR);

  if (g_error_matches (error, LOTSE_ERROR, LOTSE_ERROR_UNKNOWN_TABLE) ||
      g_error_matches (error, LOTSE_ERROR, LOTSE_ERROR_UNKNOWN_FIELD))
    return lotse_cli_usage_error (cli, "%s", error->message);

  lotse_cli_print_error ("%s", error->message);
  return LOTSE_CLI_EXIT_ERROR;
}

static void
print_option (const GOptionEntry *entry)
{
  g_autoptr(GString) text = g_string_new ("  ");
  const char *description = _(entry->description);
  const char *left;
  guint width;

  if (entry->short_name != '\0')
    g_string_append_printf (text, "-%c, ", entry->short_name);
  g_string_append_printf (text, "--%s", entry->long_name);
  if (entry->arg_description != NULL)
    g_string_append_printf (text, " %s", _(entry->arg_description));
  left = text->str;

  width = lotse_cli_display_width (left);
  if (width + 2 > HELP_COLUMN)
    g_print ("%s\n%*s%s\n", left, HELP_COLUMN, "", description);
  else
    g_print ("%s%*s%s\n", left, (int) (HELP_COLUMN - width), "", description);
}

static char *
describe_field (const LotseField *field)
{
  g_autoptr(GString) text = g_string_new (NULL);

  switch (field->type)
    {
    case LOTSE_FIELD_TEXT:
      if (field->max_length > 0)
        /* Translators: a field type in “lotse-cli add TABLE --help” */
        g_string_append_printf (text, _("text, at most %u characters"), field->max_length);
      else
        g_string_append (text, _("text"));
      break;

    case LOTSE_FIELD_INT:
      {
        g_autofree char *min = g_strdup_printf ("%" G_GINT64_FORMAT, field->min_value);
        g_autofree char *max = g_strdup_printf ("%" G_GINT64_FORMAT, field->max_value);

        /* Translators: a field type in “lotse-cli add TABLE --help”; both are numbers */
        g_string_append_printf (text, _("whole number from %s to %s"), min, max);
      }
      break;

    case LOTSE_FIELD_DATE:
      g_string_append (text, _("date, YYYY-MM-DD"));
      break;

    case LOTSE_FIELD_DATETIME:
      g_string_append (text, _("date and time, e.g. 2024-03-05T10:00:00+01:00"));
      break;

    case LOTSE_FIELD_ENUM:
      {
        g_autofree char *values = g_strjoinv (", ", (char **) field->enum_values);

        /* Translators: %s is a list of values such as “planned, running, completed” */
        g_string_append_printf (text, _("one of %s"), values);
      }
      break;

    case LOTSE_FIELD_REF:
      /* Translators: %s is a table name such as “project” */
      g_string_append_printf (text, _("the id of a row in %s"), field->ref_table);
      break;

    case LOTSE_FIELD_TIME_ZONE:
      g_string_append (text, _("time zone, e.g. Europe/Berlin"));
      break;

    default:
      g_assert_not_reached ();
    }

  if (field->default_value != NULL)
    {
      g_string_append (text, "; ");
      /* Translators: %s is the value a field gets when it is not given */
      g_string_append_printf (text, _("default %s"), field->default_value);
    }
  else if (field->flags & LOTSE_FIELD_REQUIRED)
    {
      g_string_append (text, "; ");
      g_string_append (text, _("required"));
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
print_table_fields (const LotseTable *table)
{
  g_print ("\n");
  /* Translators: %s is a table name such as “project” */
  g_print (_("Fields of %s:"), table->name);
  g_print ("\n");

  for (guint i = 0; i < table->n_fields; i++)
    {
      const LotseField *field = &table->fields[i];
      g_autofree char *description = describe_field (field);
      guint width = lotse_cli_display_width (field->name) + 2;

      if (width + 2 > HELP_COLUMN)
        g_print ("  %s\n%*s%s\n", field->name, HELP_COLUMN, "", description);
      else
        g_print ("  %s%*s%s\n", field->name, (int) (HELP_COLUMN - width), "", description);
    }
}

static void
print_command_help (LotseCli           *cli,
                    const GOptionEntry *entries,
                    const GOptionEntry *common_entries,
                    char              **args)
{
  const GOptionEntry *lists[] = { entries, common_entries };

  g_print ("%s\n  lotse-cli %s%s%s\n\n%s\n\n%s\n", _("Usage:"), cli->command->name,
           *cli->command->synopsis != '\0' ? " " : "",
           lotse_cli_command_get_synopsis (cli->command), _(cli->command->summary),
           _("Options:"));

  for (guint l = 0; l < G_N_ELEMENTS (lists); l++)
    {
      for (const GOptionEntry *e = lists[l]; e != NULL && e->long_name != NULL; e++)
        print_option (e);
    }

  /* With a table named (“lotse-cli add project --help”) the help also
   * says which fields that table has. */
  if (strstr (cli->command->synopsis, "TABLE") == NULL)
    return;

  if (args != NULL && args[0] != NULL && args[1] != NULL &&
      lotse_schema_lookup_table (args[1]) != NULL)
    {
      print_table_fields (lotse_schema_lookup_table (args[1]));
    }
  else
    {
      g_autofree char *example = g_strdup_printf ("lotse-cli %s project --help",
                                                  cli->command->name);

      g_print ("\n");
      /* Translators: %s is a command such as “lotse-cli add project --help” */
      g_print (_("Name a table to see its fields, e.g. “%s”."), example);
      g_print ("\n");
    }
}

/* Parses the options of one command and checks the number of positional
 * arguments. Returns TRUE to go on, with the positional arguments (without
 * the command name) in @out_args; otherwise @out_status is the exit status. */
gboolean
lotse_cli_parse_options (LotseCli            *cli,
                         const GOptionEntry  *entries,
                         int                  argc,
                         char               **argv,
                         guint                min_args,
                         guint                max_args,
                         char              ***out_args,
                         int                 *out_status)
{
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *db_path = NULL;
  g_auto(GStrv) args = NULL;
  gboolean help = FALSE;
  guint n_args;
  const GOptionEntry common_entries[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &db_path, N_("Use the database at PATH"), N_("PATH") },
    { "help", 'h', 0, G_OPTION_ARG_NONE, &help, N_("Show this help"), NULL },
    G_OPTION_ENTRY_NULL
  };

  g_return_val_if_fail (cli->command != NULL, FALSE);
  g_return_val_if_fail (out_args != NULL, FALSE);
  g_return_val_if_fail (out_status != NULL, FALSE);

  *out_args = NULL;
  *out_status = LOTSE_CLI_EXIT_USAGE;

  args = g_new0 (char *, argc + 1);
  for (int i = 0; i < argc; i++)
    args[i] = g_strdup (argv[i]);

  g_option_context_set_help_enabled (context, FALSE);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  if (entries != NULL)
    g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_add_main_entries (context, common_entries, GETTEXT_PACKAGE);

  if (!g_option_context_parse_strv (context, &args, &error))
    {
      *out_status = lotse_cli_usage_error (cli, "%s", error->message);
      return FALSE;
    }

  if (help)
    {
      print_command_help (cli, entries, common_entries, args);
      *out_status = LOTSE_CLI_EXIT_SUCCESS;
      return FALSE;
    }

  if (db_path != NULL)
    {
      if (*db_path == '\0')
        {
          *out_status = lotse_cli_usage_error (cli, _("The option --db needs a path."));
          return FALSE;
        }
      g_free (cli->db_path);
      cli->db_path = g_steal_pointer (&db_path);
    }

  /* args[0] is the command name */
  n_args = g_strv_length (args) - 1;
  if (n_args < min_args)
    {
      *out_status = lotse_cli_usage_error (cli, _("Missing arguments."));
      return FALSE;
    }
  if (n_args > max_args)
    {
      *out_status = lotse_cli_usage_error (cli, _("Unexpected argument “%s”."),
                                           args[max_args + 1]);
      return FALSE;
    }

  *out_args = g_strdupv (args + 1);
  return TRUE;
}

char *
lotse_cli_list_table_names (void)
{
  g_autoptr(GString) names = g_string_new (NULL);
  const LotseTable * const *tables;
  guint n_tables;

  tables = lotse_schema_get_tables (&n_tables);
  for (guint i = 0; i < n_tables; i++)
    {
      if (i > 0)
        g_string_append (names, ", ");
      g_string_append (names, tables[i]->name);
    }

  return g_string_free (g_steal_pointer (&names), FALSE);
}

static char *
list_field_names (const LotseTable *table)
{
  g_autoptr(GString) names = g_string_new (NULL);

  for (guint i = 0; i < table->n_fields; i++)
    {
      if (i > 0)
        g_string_append (names, ", ");
      g_string_append (names, table->fields[i].name);
    }

  return g_string_free (g_steal_pointer (&names), FALSE);
}

const LotseTable *
lotse_cli_lookup_table (LotseCli   *cli,
                        const char *name,
                        int        *out_status)
{
  const LotseTable *table;
  g_autofree char *names = NULL;

  g_return_val_if_fail (name != NULL, NULL);
  g_return_val_if_fail (out_status != NULL, NULL);

  table = lotse_schema_lookup_table (name);
  if (table != NULL)
    return table;

  names = lotse_cli_list_table_names ();
  *out_status = lotse_cli_usage_error (cli, _("There is no table “%s”. The tables are: %s."),
                                       name, names);
  return NULL;
}

const LotseField *
lotse_cli_lookup_field (LotseCli         *cli,
                        const LotseTable *table,
                        const char       *name,
                        int              *out_status)
{
  const LotseField *field;
  g_autofree char *names = NULL;

  g_return_val_if_fail (table != NULL, NULL);
  g_return_val_if_fail (name != NULL, NULL);
  g_return_val_if_fail (out_status != NULL, NULL);

  field = lotse_table_lookup_field (table, name);
  if (field != NULL)
    return field;

  names = list_field_names (table);
  /* Translators: the first %s is a table name, the second a field name */
  *out_status = lotse_cli_usage_error (cli, _("The table %s has no field “%s”. Its fields are: %s."),
                                       table->name, name, names);
  return NULL;
}

/* Opens --db or the default database. Commands that only read or change
 * existing rows refuse to create a new, empty database at a mistyped path. */
LotseStore *
lotse_cli_open_store (LotseCli          *cli,
                      LotseCliOpenMode   mode,
                      GError           **error)
{
  g_autofree char *path = NULL;

  if (cli->db_path != NULL)
    path = g_strdup (cli->db_path);
  else
    path = lotse_store_default_path ();

  if (mode == LOTSE_CLI_OPEN_EXISTING && !g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_autofree char *display = g_filename_display_name (path);

      g_set_error (error, LOTSE_ERROR, LOTSE_ERROR_NOT_FOUND,
                   _("There is no database at “%s”."), display);
      return NULL;
    }

  return lotse_store_open (path, error);
}

/* A count on the command line: decimal digits only, so that “-5”, “1e3”,
 * “ 7” and “” are refused instead of being read as something else. */
gboolean
lotse_cli_parse_count (const char *text,
                       guint64     max_value,
                       guint64    *out_value)
{
  guint64 value;

  g_return_val_if_fail (out_value != NULL, FALSE);

  if (text == NULL || *text == '\0' || strlen (text) > 20)
    return FALSE;

  for (const char *p = text; *p != '\0'; p++)
    {
      if (!g_ascii_isdigit (*p))
        return FALSE;
    }

  if (!g_ascii_string_to_unsigned (text, 10, 0, max_value, &value, NULL))
    return FALSE;

  *out_value = value;
  return TRUE;
}

/* A date as the schema stores one, YYYY-MM-DD, and nothing else. */
gboolean
lotse_cli_is_iso_date (const char *text)
{
  const LotseField *due = lotse_table_lookup_field (lotse_schema_lookup_table ("milestone"),
                                                    "due_date");
  g_autofree char *normalized = lotse_field_normalize (due, text, NULL);

  return normalized != NULL && g_str_equal (normalized, text);
}

/* Digits grouped as the locale does it (12,345 or 12.345). */
char *
lotse_cli_format_count (guint64 value)
{
  return g_strdup_printf ("%'" G_GUINT64_FORMAT, value);
}

/**
 * lotse_cli_open_store_or_fail:
 * @cli: the command line
 * @mode: whether a missing database may be created
 * @out_status: (out): the exit status when the store cannot be opened
 *
 * Opens the store, printing the error and setting @out_status on failure.
 *
 * Returns: (transfer full) (nullable): the store
 */
LotseStore *
lotse_cli_open_store_or_fail (LotseCli         *cli,
                              LotseCliOpenMode  mode,
                              int              *out_status)
{
  g_autoptr(GError) error = NULL;
  LotseStore *store;

  store = lotse_cli_open_store (cli, mode, &error);
  if (store == NULL)
    *out_status = lotse_cli_fail (cli, error);

  return store;
}

/* “-o -” names standard output, as for most command-line tools. */
gboolean
lotse_cli_output_is_stdout (const char *output)
{
  return g_strcmp0 (output, "-") == 0;
}

/**
 * lotse_cli_write_output:
 * @output: the argument of -o: “-” or a file
 * @data: (array length=length): the export
 * @length: its size in bytes
 * @error: a location for a #GError
 *
 * Writes an export to standard output or, atomically, to a regular file
 * or a new name; any other file is refused (lotse_output_write_file()).
 */
gboolean
lotse_cli_write_output (const char  *output,
                        const void  *data,
                        gsize        length,
                        GError     **error)
{
  if (!lotse_cli_output_is_stdout (output))
    return lotse_output_write_file (output, data, length, error);

  if (fwrite (data, 1, length, stdout) != length || fflush (stdout) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, LOTSE_ERROR, LOTSE_ERROR_FAILED,
                   /* Translators: %s says why */
                   _("Cannot write to standard output: %s"), g_strerror (saved_errno));
      return FALSE;
    }

  return TRUE;
}
