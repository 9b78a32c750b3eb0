/* lotse-report-table.c: a table as the app shows it, laid out as a PDF
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The portfolio's table view prints and exports exactly what it shows:
 * the columns it shows, in their order, and the rows in the order the
 * person sorted them. The view hands over the texts of its cells; this
 * lays them out on landscape A4 with a title block (the title, the filters
 * that hold, the date) and the header repeated on each page.
 */

#define G_LOG_DOMAIN "lotse-report"

#include "config.h"

#include <glib/gi18n.h>

#include "lotse-report-private.h"

static void
add_title_block (LotseReportBuilder            *b,
                 const LotseReportTableOptions *options,
                 const char                    *today)
{
  g_autoptr(PangoLayout) title = lotse_report_builder_layout (b, options->title,
                                                              LOTSE_REPORT_FONT_TITLE,
                                                              lotse_report_builder_width (b));
  g_autofree char *date = lotse_report_format_date (today);
  /* Translators: how many rows a printed table has */
  g_autofree char *count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u row", "%u rows",
                                                         options->rows->len),
                                            options->rows->len);
  const char *fields[] = {
    /* Translators: the filters a printed table was made with */
    _("Shown"), options->description,
    _("Rows"), count,
    C_("report", "As of"), date,
    NULL,
  };

  lotse_report_builder_add_text (b, title, b->left, b->y, LOTSE_REPORT_INK);
  b->y += lotse_report_layout_height (title) + 8;
  lotse_report_builder_fields (b, fields);
  b->y += 6;
  lotse_report_builder_add_line (b, b->left, b->y, b->right, b->y, LOTSE_REPORT_INK, 1.0, FALSE);
  lotse_report_builder_space (b, 14);
}

static gboolean
check_options (const LotseReportTableOptions  *options,
               GError                        **error)
{
  if (options->title == NULL || options->n_columns == 0 || options->headers == NULL ||
      options->rows == NULL)
    {
      g_set_error_literal (error, LOTSE_ERROR, LOTSE_ERROR_INVALID_VALUE,
                           _("A table needs a title and at least one column."));
      return FALSE;
    }

  for (guint i = 0; i < options->rows->len; i++)
    if (g_strv_length (g_ptr_array_index (options->rows, i)) != options->n_columns)
      {
        /* Translators: %u is a row number of a table */
        g_set_error (error, LOTSE_ERROR, LOTSE_ERROR_INVALID_VALUE,
                     _("Row %u of the table does not have one cell per column."), i + 1);
        return FALSE;
      }

  return TRUE;
}

/**
 * lotse_report_new_table:
 * @options: the title, columns and rows
 * @error: a location for a #GError
 *
 * Lays out a table of texts. Every row of @options must have a cell for
 * each column; an empty cell is the empty string.
 *
 * Returns: (transfer full) (nullable): the report, or %NULL with @error set
 */
LotseReport *
lotse_report_new_table (const LotseReportTableOptions  *options,
                        GError                        **error)
{
  g_autofree LotseReportColumn *columns = NULL;
  g_autoptr(LotseReportTable) table = NULL;
  g_autofree char *today = NULL;
  LotseReportBuilder *builder;
  LotseReport *self;

  g_return_val_if_fail (options != NULL, NULL);

  if (!check_options (options, error))
    return NULL;

  today = options->today != NULL ? g_strdup (options->today) : lotse_report_today ();
  self = lotse_report_new (LOTSE_REPORT_TABLE, options->title, today, options->author, TRUE);
  builder = lotse_report_builder_new (self);
  add_title_block (builder, options, today);

  columns = g_new0 (LotseReportColumn, options->n_columns);
  for (guint c = 0; c < options->n_columns; c++)
    {
      columns[c].title = options->headers[c];
      columns[c].weight = options->weights != NULL ? options->weights[c] : 1.0;
      columns[c].align = options->numeric != NULL && options->numeric[c] ? PANGO_ALIGN_RIGHT
                                                                         : PANGO_ALIGN_LEFT;
    }

  table = lotse_report_table_new (builder, columns, options->n_columns);
  for (guint i = 0; i < options->rows->len; i++)
    lotse_report_table_add_text_row (table, g_ptr_array_index (options->rows, i));
  g_clear_pointer (&table, lotse_report_table_free);

  lotse_report_builder_finish (builder);

  return self;
}
