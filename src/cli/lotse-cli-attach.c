/* lotse-cli-attach.c: attach, attachments, get-attachment
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 *   lotse-cli attach TABLE ID FILE
 *   lotse-cli attachments TABLE ID [--json]
 *   lotse-cli get-attachment ID -o FILE
 *
 * The file's content goes into the blob store beside the database
 * (lotse-attachment.c); its name is kept only to be shown. A copy is
 * written with lotse_cli_write_output(), as every export: only to a new
 * name or a regular file, atomically.
 */

#define G_LOG_DOMAIN "lotse-cli"

#include "config.h"

#include <glib/gi18n.h>

#include "lotse-cli-private.h"

int
lotse_cli_command_attach (LotseCli  *cli,
                          int        argc,
                          char     **argv)
{
  g_auto(GStrv) args = NULL;
  g_autoptr(LotseStore) store = NULL;
  g_autoptr(LotseRecord) record = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = NULL;
  int status = LOTSE_CLI_EXIT_SUCCESS;

  if (!lotse_cli_parse_options (cli, NULL, argc, argv, 3, 3, &args, &status))
    return status;
  if (lotse_cli_lookup_table (cli, args[0], &status) == NULL)
    return status;
  if (!lotse_attachment_can_own (args[0]))
    return lotse_cli_usage_error (cli, _("Files cannot be attached to records of “%s”"), args[0]);
  if (!g_file_test (args[2], G_FILE_TEST_IS_REGULAR))
    {
      lotse_cli_print_error (_("“%s” is not a regular file"), args[2]);
      return LOTSE_CLI_EXIT_ERROR;
    }

  if ((store = lotse_cli_open_store_or_fail (cli, LOTSE_CLI_OPEN_EXISTING, &status)) == NULL)
    return status;

  file = g_file_new_for_commandline_arg (args[2]);
  record = lotse_attachment_add (store, args[0], args[1], file, NULL, &error);
  if (record == NULL)
    return lotse_cli_fail (cli, error);

  g_print ("%s\n", lotse_record_get_id (record));
  return LOTSE_CLI_EXIT_SUCCESS;
}

static void
print_attachments (LotseStore *store,
                   GPtrArray  *rows)
{
  g_autoptr(LotseCliTable) table = lotse_cli_table_new (6);
  const char *head[] = { _("Name"), _("Size"), _("Type"), _("Added by"), _("Added"), _("Id"), NULL };

  lotse_cli_table_add_row (table, head);
  for (guint i = 0; i < rows->len; i++)
    {
      LotseRecord *row = rows->pdata[i];
      g_autofree char *path = lotse_attachment_dup_path (store, row);
      g_autofree char *size = g_format_size (lotse_record_get_int (row, LOTSE_ATTACHMENT_SIZE, 0));
      /* Translators: an attachment whose file this device does not have yet */
      g_autofree char *shown_size = path != NULL ? g_strdup (size) : g_strdup_printf (_("%s, not on this device"), size);
      const char *cells[] = {
        lotse_record_get (row, LOTSE_ATTACHMENT_NAME), shown_size,
        lotse_record_get (row, LOTSE_ATTACHMENT_CONTENT_TYPE), lotse_record_get (row, LOTSE_ATTACHMENT_ADDED_BY),
        lotse_record_get_created_at (row), lotse_record_get_id (row), NULL
      };

      for (guint c = 0; c < G_N_ELEMENTS (cells) - 1; c++)
        if (cells[c] == NULL)
          cells[c] = "";
      lotse_cli_table_add_row (table, cells);
    }
  lotse_cli_table_set_max_width (table, 0, 40);
  lotse_cli_table_print (table);
}

static void
print_attachments_json (LotseStore *store,
                        GPtrArray  *rows)
{
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_ARRAY);
  JsonArray *array = json_array_new ();

  json_node_take_array (node, array);
  for (guint i = 0; i < rows->len; i++)
    {
      JsonNode *item = lotse_record_to_json (rows->pdata[i]);
      g_autofree char *path = lotse_attachment_dup_path (store, rows->pdata[i]);

      json_object_set_boolean_member (json_node_get_object (item), "available", path != NULL);
      json_array_add_element (array, item);
    }
  lotse_cli_print_json (node);
}

int
lotse_cli_command_attachments (LotseCli  *cli,
                               int        argc,
                               char     **argv)
{
  gboolean json = FALSE;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json,
      N_("Print a JSON array; “available” says whether the file is on this device"), NULL },
    G_OPTION_ENTRY_NULL
  };
  g_auto(GStrv) args = NULL;
  g_autoptr(LotseStore) store = NULL;
  g_autoptr(LotseRecord) owner = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;
  int status = LOTSE_CLI_EXIT_SUCCESS;

  if (!lotse_cli_parse_options (cli, entries, argc, argv, 2, 2, &args, &status))
    return status;
  if (lotse_cli_lookup_table (cli, args[0], &status) == NULL)
    return status;
  if (!lotse_attachment_can_own (args[0]))
    return lotse_cli_usage_error (cli, _("Files cannot be attached to records of “%s”"), args[0]);
  if ((store = lotse_cli_open_store_or_fail (cli, LOTSE_CLI_OPEN_EXISTING, &status)) == NULL)
    return status;

  owner = lotse_is_uuid (args[1]) ? lotse_store_get (store, args[0], args[1], &error) : NULL;
  if (owner == NULL)
    {
      lotse_cli_print_error (_("There is no record of “%s” with id %s"), args[0], args[1]);
      return LOTSE_CLI_EXIT_ERROR;
    }

  rows = lotse_attachment_list (store, args[0], args[1], &error);
  if (rows == NULL)
    return lotse_cli_fail (cli, error);
  if (json)
    print_attachments_json (store, rows);
  else
    print_attachments (store, rows);
  return LOTSE_CLI_EXIT_SUCCESS;
}

int
lotse_cli_command_get_attachment (LotseCli  *cli,
                                  int        argc,
                                  char     **argv)
{
  g_autofree char *output = NULL;
  const GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output,
      N_("Write the file here (“-” for standard output)"), N_("FILE") },
    G_OPTION_ENTRY_NULL
  };
  g_auto(GStrv) args = NULL;
  g_autoptr(LotseStore) store = NULL;
  g_autoptr(LotseRecord) row = NULL;
  g_autoptr(GMappedFile) mapped = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  int status = LOTSE_CLI_EXIT_SUCCESS;

  if (!lotse_cli_parse_options (cli, entries, argc, argv, 1, 1, &args, &status))
    return status;
  if (output == NULL)
    return lotse_cli_usage_error (cli, _("Name the file to write with -o FILE"));
  if ((store = lotse_cli_open_store_or_fail (cli, LOTSE_CLI_OPEN_EXISTING, &status)) == NULL)
    return status;

  row = lotse_is_uuid (args[0]) ? lotse_store_get (store, LOTSE_TABLE_ATTACHMENT, args[0], NULL) : NULL;
  if (row == NULL)
    {
      lotse_cli_print_error (_("There is no attachment with id %s"), args[0]);
      return LOTSE_CLI_EXIT_ERROR;
    }

  path = lotse_attachment_dup_path (store, row);
  if (path == NULL)
    {
      lotse_cli_print_error (_("The file “%s” is not on this device yet; sync to fetch it"),
                             lotse_record_get (row, LOTSE_ATTACHMENT_NAME));
      return LOTSE_CLI_EXIT_ERROR;
    }

  mapped = g_mapped_file_new (path, FALSE, &error);
  if (mapped == NULL ||
      !lotse_cli_write_output (output, g_mapped_file_get_contents (mapped), g_mapped_file_get_length (mapped), &error))
    return lotse_cli_fail (cli, error);
  return LOTSE_CLI_EXIT_SUCCESS;
}
