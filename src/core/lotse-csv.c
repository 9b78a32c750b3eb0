/* lotse-csv.c: reading CSV files, and the export of projects, milestones,
 * organisations and status reports
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Project offices keep lists in spreadsheets, so the reader takes what
 * Excel and LibreOffice write: UTF-8 with or without a byte order mark,
 * “;” or “,” between cells (whichever the header line uses), RFC 4180
 * quotes, CRLF or LF. What the cells mean is lotse-csv-import.c.
 *
 * The export writes what the import reads back unchanged: a BOM (so Excel
 * recognises UTF-8), the schema's field names as header, “,” and CRLF, and
 * references as ids.
 *
 * A spreadsheet must never run what a cell holds. A text that begins with
 * “=”, “+”, “-”, “@”, a tab or a carriage return would be a formula (or a
 * DDE call) in LibreOffice and Excel, so the export writes it after a
 * single quote, as OWASP's “CSV Injection” advises: “'=1+1” shows as text.
 * A text that begins with a quote itself gets one more, so the import can
 * take exactly one away from a cell that begins with a quote followed by
 * one of those characters or another quote, and every text comes back as
 * it was stored. Other cells that begin with a quote are imported as
 * they are (“'s-Hertogenbosch”).
 *
 * Every cell but a number is quoted: that is what CSV has to say “text”,
 * and LibreOffice keeps “0042” as text with “Format quoted field as text”
 * (Excel reads it as 42 whatever the file says, unless the column is
 * imported as Text). Whole numbers are written bare: the schema allows
 * only digits with an optional minus there, and “-5” in a number column is
 * the number −5 in a spreadsheet, not a formula.
 */

#define G_LOG_DOMAIN "lotse-csv"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "lotse-csv-private.h"
#include "lotse-error.h"
#include "lotse-output.h"

#define UTF8_BOM "\xEF\xBB\xBF"

static const char * const importable_tables[] = { "organisation", "project", "milestone", "status_report",
                                                   "expenditure", NULL };

void
lotse_csv_row_free (LotseCsvRow *row)
{
  if (row == NULL)
    return;

  g_strfreev (row->cells);
  g_free (row);
}

/**
 * lotse_csv_can_import:
 * @table: a table name
 *
 * Returns: whether CSV import and export support @table
 */
gboolean
lotse_csv_can_import (const char *table)
{
  return table != NULL && g_strv_contains (importable_tables, table);
}

static guint
line_of (const char *data,
         const char *position)
{
  guint line = 1;

  for (const char *p = data; p < position; p++)
    if (*p == '\n')
      line++;

  return line;
}

char *
lotse_csv_line_message (guint       line,
                        const char *message)
{
  /* Translators: the first is a line number of a CSV file, the second what is wrong there */
  return g_strdup_printf (_("line %u: %s"), line, message);
}

/* The separator is the one the header line uses more often. */
static char
detect_separator (const char *p,
                  const char *end)
{
  guint semicolons = 0;
  guint commas = 0;
  gboolean quoted = FALSE;

  for (; p < end; p++)
    {
      if (*p == '"')
        quoted = !quoted;
      else if (!quoted && (*p == '\n' || *p == '\r'))
        break;
      else if (!quoted && *p == ';')
        semicolons++;
      else if (!quoted && *p == ',')
        commas++;
    }

  return semicolons > commas ? ';' : ',';
}

static gboolean
is_line_end (char c)
{
  return c == '\n' || c == '\r';
}

/* Reads a quoted cell starting after its opening quote; CRLF inside it
 * becomes LF. */
static gboolean
parse_quoted (const char **pp,
              const char  *end,
              char         separator,
              guint       *line,
              guint        start_line,
              GString     *cell,
              GError     **error)
{
  const char *p = *pp;

  for (;;)
    {
      if (p >= end)
        {
          g_autofree char *message = lotse_csv_line_message (start_line, _("a quoted cell is not closed"));

          g_set_error_literal (error, LOTSE_ERROR, LOTSE_ERROR_INVALID_VALUE, message);
          return FALSE;
        }

      if (*p == '"')
        {
          if (p + 1 < end && p[1] == '"')
            {
              g_string_append_c (cell, '"');
              p += 2;
              continue;
            }
          p++;
          break;
        }

      if (*p == '\r' && p + 1 < end && p[1] == '\n')
        {
          p++;
          continue;
        }
      if (*p == '\n')
        (*line)++;
      g_string_append_c (cell, *p);
      p++;
    }

  if (p < end && *p != separator && !is_line_end (*p))
    {
      g_autofree char *message = lotse_csv_line_message (*line, _("text after the closing quote of a cell"));

      g_set_error_literal (error, LOTSE_ERROR, LOTSE_ERROR_INVALID_VALUE, message);
      return FALSE;
    }

  *pp = p;
  return TRUE;
}

static gboolean
cells_are_empty (GPtrArray *cells)
{
  for (guint i = 0; i < cells->len; i++)
    if (*(const char *) g_ptr_array_index (cells, i) != '\0')
      return FALSE;

  return TRUE;
}

/* Reads one record from *pp; returns NULL with @error set on a syntax error. */
static LotseCsvRow *
parse_record (const char **pp,
              const char  *end,
              char         separator,
              guint       *line,
              gboolean    *out_blank,
              GError     **error)
{
  g_autoptr(GPtrArray) cells = g_ptr_array_new_with_free_func (g_free);
  const char *p = *pp;
  guint start_line = *line;
  gboolean quoted_any = FALSE;
  LotseCsvRow *row;

  for (;;)
    {
      g_autoptr(GString) cell = g_string_new (NULL);

      if (p < end && *p == '"')
        {
          p++;
          quoted_any = TRUE;
          if (!parse_quoted (&p, end, separator, line, start_line, cell, error))
            return NULL;
        }
      else
        {
          while (p < end && *p != separator && !is_line_end (*p))
            g_string_append_c (cell, *p++);
        }

      g_ptr_array_add (cells, g_string_free (g_steal_pointer (&cell), FALSE));

      if (p < end && *p == separator)
        {
          p++;
          continue;
        }

      if (p < end && *p == '\r')
        p++;
      if (p < end && *p == '\n')
        p++;
      (*line)++;
      break;
    }

  *out_blank = !quoted_any && cells_are_empty (cells);
  *pp = p;

  g_ptr_array_add (cells, NULL);
  row = g_new0 (LotseCsvRow, 1);
  row->line = start_line;
  row->cells = (GStrv) g_ptr_array_steal (cells, NULL);

  return row;
}

/**
 * lotse_csv_parse:
 * @data: the file's bytes
 * @length: the length of @data
 * @out_separator: (out) (optional): the separator found in the header line
 * @error: a location for a #GError
 *
 * Splits CSV text into records. The first record is the header. Blank
 * lines are skipped. The error message starts with the line number.
 *
 * Returns: (transfer full) (element-type LotseCsvRow) (nullable): the records
 */
GPtrArray *
lotse_csv_parse (const char  *data,
                 gsize        length,
                 char        *out_separator,
                 GError     **error)
{
  g_autoptr(GPtrArray) rows = NULL;
  const char *p = data;
  const char *end = data + length;
  const char *invalid = NULL;
  guint line = 1;
  char separator;

  g_return_val_if_fail (data != NULL || length == 0, NULL);

  if (length == 0)
    return g_ptr_array_new_with_free_func ((GDestroyNotify) lotse_csv_row_free);

  if (length >= 3 && memcmp (data, UTF8_BOM, 3) == 0)
    p += 3;

  if (!g_utf8_validate (p, end - p, &invalid))
    {
      g_autofree char *message = lotse_csv_line_message (line_of (data, invalid),
                                               _("the text is not UTF-8; save the file as “CSV UTF-8”"));

      g_set_error_literal (error, LOTSE_ERROR, LOTSE_ERROR_INVALID_VALUE, message);
      return NULL;
    }

  separator = detect_separator (p, end);
  if (out_separator != NULL)
    *out_separator = separator;

  rows = g_ptr_array_new_with_free_func ((GDestroyNotify) lotse_csv_row_free);
  while (p < end)
    {
      gboolean blank = FALSE;
      LotseCsvRow *row = parse_record (&p, end, separator, &line, &blank, error);

      if (row == NULL)
        return NULL;

      if (blank)
        lotse_csv_row_free (row);
      else
        g_ptr_array_add (rows, row);
    }

  return g_steal_pointer (&rows);
}

gboolean
lotse_csv_check_table (const char  *table,
                       GError     **error)
{
  if (lotse_csv_can_import (table))
    return TRUE;

  g_set_error (error, LOTSE_ERROR, LOTSE_ERROR_UNKNOWN_TABLE,
               /* Translators: %s is a table name; the table names stay English */
               _("CSV import and export work for the tables organisation, project, milestone, "
                 "status_report and expenditure, not “%s”"),
               table != NULL ? table : "");
  return FALSE;
}

/* Export */

static void
append_cell (GString          *out,
             const LotseField *field,
             const char       *value)
{
  if (value == NULL)
    return;

  if (field != NULL && field->type == LOTSE_FIELD_INT)
    {
      g_string_append (out, value);
      return;
    }

  g_string_append_c (out, '"');
  if (value[0] != '\0' && strchr (LOTSE_CSV_NEUTRALISED, value[0]) != NULL)
    g_string_append_c (out, '\'');
  for (const char *p = value; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}

/**
 * lotse_csv_format_table:
 * @headers: the column titles
 * @rows: (element-type GStrv): the rows, each with a cell per column
 *
 * Writes a table as a view shows it, in the format of lotse_csv_export():
 * a UTF-8 byte order mark, “,” between cells, RFC 4180 quotes, cells that
 * a spreadsheet would take for a formula neutralised, and CRLF line
 * ends. A row with fewer cells than @headers gets empty ones.
 *
 * Returns: (transfer full): the CSV text
 */
char *
lotse_csv_format_table (const char * const *headers,
                        GPtrArray          *rows)
{
  guint n_columns;
  GString *out;

  g_return_val_if_fail (headers != NULL, NULL);
  g_return_val_if_fail (rows != NULL, NULL);

  n_columns = g_strv_length ((GStrv) headers);
  out = g_string_new (UTF8_BOM);
  for (guint c = 0; c < n_columns; c++)
    {
      if (c > 0)
        g_string_append_c (out, ',');
      append_cell (out, NULL, headers[c]);
    }
  g_string_append (out, "\r\n");

  for (guint r = 0; r < rows->len; r++)
    {
      const char * const *cells = g_ptr_array_index (rows, r);
      gboolean more = TRUE;

      for (guint c = 0; c < n_columns; c++)
        {
          if (c > 0)
            g_string_append_c (out, ',');
          more = more && cells[c] != NULL;
          append_cell (out, NULL, more ? cells[c] : NULL);
        }
      g_string_append (out, "\r\n");
    }

  return g_string_free (out, FALSE);
}

/**
 * lotse_csv_export:
 * @store: a store
 * @table: organisation, project, milestone or status_report
 * @out_n_rows: (out) (optional): the number of rows written
 * @error: a location for a #GError
 *
 * Writes the rows that are not deleted as CSV: a UTF-8 byte order mark, a
 * header of “id” and the schema's field names, “,” between cells, RFC 4180
 * quotes and CRLF line ends. lotse_csv_import() reads it back unchanged.
 *
 * Returns: (transfer full) (nullable): the CSV text
 */
char *
lotse_csv_export (LotseStore  *store,
                  const char  *table,
                  guint       *out_n_rows,
                  GError     **error)
{
  const LotseTable *schema;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GString) out = NULL;

  g_return_val_if_fail (LOTSE_IS_STORE (store), NULL);

  if (!lotse_csv_check_table (table, error))
    return NULL;

  schema = lotse_schema_lookup_table (table);
  rows = lotse_store_list (store, table, NULL, 0, NULL, 0, 0, error);
  if (rows == NULL)
    return NULL;

  out = g_string_new (UTF8_BOM "id");
  for (guint i = 0; i < schema->n_fields; i++)
    g_string_append_printf (out, ",%s", schema->fields[i].name);
  g_string_append (out, "\r\n");

  for (guint r = 0; r < rows->len; r++)
    {
      LotseRecord *record = g_ptr_array_index (rows, r);

      append_cell (out, NULL, lotse_record_get_id (record));
      for (guint i = 0; i < schema->n_fields; i++)
        {
          g_string_append_c (out, ',');
          append_cell (out, &schema->fields[i], lotse_record_get_nth (record, i));
        }
      g_string_append (out, "\r\n");
    }

  if (out_n_rows != NULL)
    *out_n_rows = rows->len;

  return g_string_free (g_steal_pointer (&out), FALSE);
}

/**
 * lotse_csv_export_file:
 *
 * Like lotse_csv_export(), writing @path with lotse_output_write_file().
 */
gboolean
lotse_csv_export_file (LotseStore  *store,
                       const char  *table,
                       const char  *path,
                       guint       *out_n_rows,
                       GError     **error)
{
  g_autofree char *text = NULL;

  g_return_val_if_fail (path != NULL, FALSE);

  text = lotse_csv_export (store, table, out_n_rows, error);
  if (text == NULL)
    return FALSE;

  return lotse_output_write_file (path, text, strlen (text), error);
}
