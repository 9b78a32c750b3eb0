/* lotse-cli-format.c: aligned tables and JSON on stdout
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lotse-cli"

#include "config.h"

#include <stdio.h>
#include <string.h>

#include "lotse-cli-private.h"

struct _LotseCliTable
{
  guint      n_columns;
  guint     *max_widths;  /* 0 = no limit */
  GPtrArray *cells;       /* char *, row by row; the first row is the header */
};

/* Columns a terminal gives the text: East Asian wide characters take two,
 * combining marks none. */
guint
lotse_cli_display_width (const char *text)
{
  guint width = 0;

  g_return_val_if_fail (text != NULL, 0);

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_iszerowidth (c))
        continue;
      width += g_unichar_iswide (c) ? 2 : 1;
    }

  return width;
}

/* Shortens @text to at most @max_width columns, ending with “…” when
 * something was cut. Control characters (line breaks in a title) become
 * spaces so that one row stays one line. */
char *
lotse_cli_truncate (const char *text,
                    guint       max_width)
{
  g_autoptr(GString) result = NULL;
  guint width = 0;
  guint total;

  g_return_val_if_fail (text != NULL, NULL);

  total = lotse_cli_display_width (text);
  result = g_string_new (NULL);

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      guint char_width = g_unichar_iszerowidth (c) ? 0 : g_unichar_iswide (c) ? 2 : 1;

      if (max_width > 0 && total > max_width && width + char_width > max_width - 1)
        {
          g_string_append (result, "…");
          break;
        }

      if (g_unichar_iscntrl (c))
        g_string_append_c (result, ' ');
      else
        g_string_append_unichar (result, c);
      width += char_width;
    }

  return g_string_free (g_steal_pointer (&result), FALSE);
}

LotseCliTable *
lotse_cli_table_new (guint n_columns)
{
  LotseCliTable *table;

  g_return_val_if_fail (n_columns > 0, NULL);

  table = g_new0 (LotseCliTable, 1);
  table->n_columns = n_columns;
  table->max_widths = g_new0 (guint, n_columns);
  table->cells = g_ptr_array_new_with_free_func (g_free);

  return table;
}

void
lotse_cli_table_free (LotseCliTable *table)
{
  if (table == NULL)
    return;

  g_ptr_array_unref (table->cells);
  g_free (table->max_widths);
  g_free (table);
}

void
lotse_cli_table_set_max_width (LotseCliTable *table,
                               guint          column,
                               guint          max_width)
{
  g_return_if_fail (table != NULL);
  g_return_if_fail (column < table->n_columns);

  table->max_widths[column] = max_width;
}

/* Adds one row of @n_columns cells; NULL cells are shown empty. */
void
lotse_cli_table_add_row (LotseCliTable      *table,
                         const char * const *cells)
{
  g_return_if_fail (table != NULL);
  g_return_if_fail (cells != NULL);

  for (guint i = 0; i < table->n_columns; i++)
    {
      const char *cell = cells[i] != NULL ? cells[i] : "";

      g_ptr_array_add (table->cells, lotse_cli_truncate (cell, table->max_widths[i]));
    }
}

static void
append_padded (GString    *line,
               const char *cell,
               guint       width)
{
  guint cell_width = lotse_cli_display_width (cell);

  g_string_append (line, cell);
  for (guint i = cell_width; i < width; i++)
    g_string_append_c (line, ' ');
}

/* Prints the header, a rule under it and the rows, each column as wide as
 * its widest cell; the last column is not padded. */
void
lotse_cli_table_print (LotseCliTable *table)
{
  g_autofree guint *widths = NULL;
  g_autoptr(GString) line = g_string_new (NULL);
  guint n_rows;

  g_return_if_fail (table != NULL);

  n_rows = table->cells->len / table->n_columns;
  widths = g_new0 (guint, table->n_columns);

  for (guint i = 0; i < table->cells->len; i++)
    {
      guint column = i % table->n_columns;

      widths[column] = MAX (widths[column],
                            lotse_cli_display_width (g_ptr_array_index (table->cells, i)));
    }

  for (guint row = 0; row < n_rows; row++)
    {
      g_string_truncate (line, 0);
      for (guint column = 0; column < table->n_columns; column++)
        {
          const char *cell = g_ptr_array_index (table->cells, row * table->n_columns + column);

          if (column > 0)
            g_string_append (line, "  ");
          if (column + 1 < table->n_columns)
            append_padded (line, cell, widths[column]);
          else
            g_string_append (line, cell);
        }
      /* an empty last cell would leave trailing blanks */
      while (line->len > 0 && line->str[line->len - 1] == ' ')
        g_string_truncate (line, line->len - 1);
      g_string_append_c (line, '\n');
      g_print ("%s", line->str);

      if (row == 0)
        {
          g_string_truncate (line, 0);
          for (guint column = 0; column < table->n_columns; column++)
            {
              if (column > 0)
                g_string_append (line, "  ");
              for (guint i = 0; i < widths[column]; i++)
                g_string_append_c (line, '-');
            }
          g_string_append_c (line, '\n');
          g_print ("%s", line->str);
        }
    }
}

/* Pretty JSON text of @node; lines after the first are indented by
 * @indent spaces, so that objects can be streamed into an array one by one. */
char *
lotse_cli_json_to_string (JsonNode *node,
                          guint     indent)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autofree char *text = NULL;
  g_autoptr(GString) indented = NULL;

  g_return_val_if_fail (node != NULL, NULL);

  json_generator_set_pretty (generator, TRUE);
  json_generator_set_indent (generator, 2);
  json_generator_set_root (generator, node);
  text = json_generator_to_data (generator, NULL);

  if (indent == 0)
    return g_steal_pointer (&text);

  indented = g_string_sized_new (strlen (text) + strlen (text) / 8);
  for (const char *p = text; *p != '\0'; p++)
    {
      g_string_append_c (indented, *p);
      if (*p == '\n')
        {
          for (guint i = 0; i < indent; i++)
            g_string_append_c (indented, ' ');
        }
    }

  return g_string_free (g_steal_pointer (&indented), FALSE);
}

/* JSON goes out as UTF-8 whatever the locale's charset, since it is data
 * for programs, not text for people. */
void
lotse_cli_print_json (JsonNode *node)
{
  g_autofree char *text = NULL;

  g_return_if_fail (node != NULL);

  text = lotse_cli_json_to_string (node, 0);
  fputs (text, stdout);
  fputc ('\n', stdout);
}
