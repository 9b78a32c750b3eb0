/* lotse-report-statement.c: a project's numerical statement of use
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What a funder asks for with an interim or final statement
 * (Zwischen- or Verwendungsnachweis): per cost category the plan, what
 * was spent in the period and in total, and what remains; the funds
 * called and received; and the voucher list of the period, grouped by
 * category with a subtotal each. Every figure comes from
 * lotse_finance_summarize() and lotse_finance_list_expenditures(), the
 * same sums the finance page and `lotse-cli finance` show. Amounts are
 * written as the locale writes money, right-aligned.
 */

#define G_LOG_DOMAIN "lotse-report"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "lotse-report-private.h"

static char *
money (gint64 cents)
{
  g_autofree char *text = g_strdup_printf ("%" G_GINT64_FORMAT, cents);

  return lotse_format_money (text);
}

static void
add_title_block (LotseReportBuilder                *b,
                 LotseRecord                       *project,
                 const LotseStatementReportOptions *options,
                 const char                        *today)
{
  g_autofree char *title = g_strdup_printf ("%s: %s", _("Financial statement"),
                                            lotse_record_get (project, LOTSE_PROJECT_TITLE));
  g_autoptr(PangoLayout) layout = lotse_report_builder_layout (b, title, LOTSE_REPORT_FONT_TITLE,
                                                               lotse_report_builder_width (b));
  g_autofree char *from = options->from != NULL ? lotse_report_format_date (options->from) : g_strdup ("…");
  g_autofree char *to = lotse_report_format_date (options->to != NULL ? options->to : today);
  /* Translators: the first and last day of a period */
  g_autofree char *period = g_strdup_printf (_("%s to %s"), from, to);
  g_autofree char *date = lotse_report_format_date (today);
  const char *fields[] = {
    _("Funder"), lotse_record_get (project, LOTSE_PROJECT_FUNDER),
    _("Grant reference"), lotse_record_get (project, LOTSE_PROJECT_GRANT_REFERENCE),
    _("Period"), period,
    C_("report", "As of"), date,
    NULL,
  };

  lotse_report_builder_add_text (b, layout, b->left, b->y, LOTSE_REPORT_INK);
  b->y += lotse_report_layout_height (layout) + 8;
  lotse_report_builder_fields (b, fields);
  b->y += 6;
  lotse_report_builder_add_line (b, b->left, b->y, b->right, b->y, LOTSE_REPORT_INK, 1.0, FALSE);
  lotse_report_builder_space (b, 14);
}

static void
add_categories (LotseReportBuilder  *b,
                LotseFinanceSummary *summary)
{
  static const double weights[] = { 2.2, 1, 1, 1, 1 };
  LotseReportColumn columns[5];
  const char *titles[] = { _("Cost category"), _("Planned"), _("Spent in the period"),
                           _("Spent in total"), _("Remaining") };
  g_autoptr(LotseReportTable) table = NULL;

  for (guint c = 0; c < G_N_ELEMENTS (columns); c++)
    columns[c] = (LotseReportColumn) { titles[c], weights[c], c == 0 ? PANGO_ALIGN_LEFT : PANGO_ALIGN_RIGHT };

  lotse_report_builder_heading (b, _("Costs by category"), LOTSE_REPORT_FONT_HEADING, 60, 1);
  table = lotse_report_table_new (b, columns, G_N_ELEMENTS (columns));
  for (guint i = 0; i <= summary->categories->len; i++)
    {
      gboolean total = i == summary->categories->len;
      LotseFinanceLine *line = total ? NULL : g_ptr_array_index (summary->categories, i);
      g_autofree char *planned = money (total ? summary->planned_cents : line->planned_cents);
      g_autofree char *period = money (total ? summary->period_cents : line->period_cents);
      g_autofree char *spent = money (total ? summary->spent_cents : line->spent_cents);
      g_autofree char *remaining = money (total ? summary->remaining_cents
                                                : line->planned_cents - line->spent_cents);
      LotseReportCellFlags flags = total ? LOTSE_REPORT_CELL_BOLD : LOTSE_REPORT_CELL_PLAIN;
      const LotseReportCell cells[] = {
        { total ? _("Total") : line->label, flags, LOTSE_REPORT_NONE },
        { planned, flags, LOTSE_REPORT_NONE }, { period, flags, LOTSE_REPORT_NONE },
        { spent, flags, LOTSE_REPORT_NONE }, { remaining, flags, LOTSE_REPORT_NONE },
      };

      lotse_report_table_add_row (table, cells);
    }
}

static void
add_funds (LotseReportBuilder  *b,
           LotseFinanceSummary *summary)
{
  g_autofree char *grant = summary->grant_cents >= 0 ? money (summary->grant_cents) : NULL;
  g_autofree char *called = money (summary->called_cents);
  g_autofree char *received = money (summary->received_cents);
  g_autofree char *unspent = money (summary->received_cents - summary->spent_cents);
  const char *fields[] = {
    _("Grant"), grant,
    _("Funds called"), called,
    _("Funds received"), received,
    _("Received, less spent"), unspent,
    NULL,
  };

  lotse_report_builder_space (b, 14);
  lotse_report_builder_heading (b, _("Funds"), LOTSE_REPORT_FONT_HEADING, 60, 1);
  lotse_report_builder_fields (b, fields);
}

/* The rows of one category of the voucher list and its subtotal. */
static void
add_voucher_group (LotseReportTable *table,
                   GPtrArray        *expenditures,
                   guint             first,
                   guint             end,
                   const char       *label)
{
  gint64 sum = 0;
  g_autofree char *subtotal = NULL;
  g_autofree char *caption = NULL;

  for (guint i = first; i < end; i++)
    {
      LotseRecord *record = g_ptr_array_index (expenditures, i);
      g_autofree char *date = lotse_report_format_date (lotse_record_get (record, LOTSE_EXPENDITURE_DATE));
      g_autofree char *amount = lotse_format_money (lotse_record_get (record, LOTSE_EXPENDITURE_AMOUNT_CENTS));
      const char *voucher = lotse_record_get (record, LOTSE_EXPENDITURE_VOUCHER);
      const char *description = lotse_record_get (record, LOTSE_EXPENDITURE_DESCRIPTION);
      const char *texts[] = { date, voucher ? voucher : "", description ? description : "", amount, NULL };

      sum += g_ascii_strtoll (lotse_record_get (record, LOTSE_EXPENDITURE_AMOUNT_CENTS), NULL, 10);
      lotse_report_table_add_text_row (table, texts);
    }

  subtotal = money (sum);
  /* Translators: the sum of the vouchers of a cost category, e.g. “Subtotal Travel” */
  caption = g_strdup_printf (_("Subtotal %s"), label);
  lotse_report_table_add_row (table, (const LotseReportCell[]) {
    { "", LOTSE_REPORT_CELL_PLAIN, LOTSE_REPORT_NONE }, { "", LOTSE_REPORT_CELL_PLAIN, LOTSE_REPORT_NONE },
    { caption, LOTSE_REPORT_CELL_BOLD, LOTSE_REPORT_NONE }, { subtotal, LOTSE_REPORT_CELL_BOLD, LOTSE_REPORT_NONE },
  });
}

static void
add_vouchers (LotseReportBuilder *b,
              LotseStore         *store,
              GPtrArray          *expenditures)
{
  static const double weights[] = { 1, 1.1, 3, 1.2 };
  LotseReportColumn columns[4];
  const char *titles[] = { _("Date"), _("Voucher"), _("Description"), _("Amount") };
  guint first = 0;

  for (guint c = 0; c < G_N_ELEMENTS (columns); c++)
    columns[c] = (LotseReportColumn) { titles[c], weights[c], c == 3 ? PANGO_ALIGN_RIGHT : PANGO_ALIGN_LEFT };

  lotse_report_builder_space (b, 14);
  lotse_report_builder_heading (b, _("Voucher list"), LOTSE_REPORT_FONT_HEADING, 60, 1);
  if (expenditures->len == 0)
    lotse_report_builder_paragraph (b, _("No expenditures in the period."), FALSE,
                                    LOTSE_REPORT_FONT_BODY, 0, LOTSE_REPORT_MUTED);

  while (first < expenditures->len)
    {
      const char *category = lotse_record_get (g_ptr_array_index (expenditures, first), LOTSE_EXPENDITURE_CATEGORY);
      g_autofree char *label = lotse_finance_category_label (store, category);
      g_autoptr(LotseReportTable) table = NULL;
      guint end = first;

      while (end < expenditures->len &&
             g_strcmp0 (lotse_record_get (g_ptr_array_index (expenditures, end), LOTSE_EXPENDITURE_CATEGORY), category) == 0)
        end++;

      lotse_report_builder_heading (b, label, LOTSE_REPORT_FONT_SUBHEADING, 60, 2);
      table = lotse_report_table_new (b, columns, G_N_ELEMENTS (columns));
      add_voucher_group (table, expenditures, first, end, label);
      lotse_report_builder_space (b, 8);
      first = end;
    }
}

/**
 * lotse_report_new_statement:
 * @store: a store
 * @options: the project and the period
 * @error: a location for a #GError
 *
 * Lays out a project's numerical statement for a period on portrait A4.
 *
 * Returns: (transfer full) (nullable): the report, or %NULL with @error set
 */
LotseReport *
lotse_report_new_statement (LotseStore                         *store,
                            const LotseStatementReportOptions  *options,
                            GError                            **error)
{
  g_autoptr(LotseRecord) project = NULL;
  g_autoptr(LotseFinanceSummary) summary = NULL;
  g_autoptr(GPtrArray) expenditures = NULL;
  g_autofree char *today = NULL;
  g_autofree char *title = NULL;
  LotseReportBuilder *builder;
  LotseReport *self;

  g_return_val_if_fail (LOTSE_IS_STORE (store), NULL);
  g_return_val_if_fail (options != NULL && options->project_id != NULL, NULL);

  if ((options->from != NULL && !lotse_report_parse_date (options->from, error)) ||
      (options->to != NULL && !lotse_report_parse_date (options->to, error)))
    return NULL;
  if (options->from != NULL && options->to != NULL && g_strcmp0 (options->from, options->to) > 0)
    {
      g_set_error (error, LOTSE_ERROR, LOTSE_ERROR_INVALID_VALUE,
                   /* Translators: both are dates YYYY-MM-DD */
                   _("The period starts (%s) after it ends (%s)"), options->from, options->to);
      return NULL;
    }

  today = options->today != NULL ? g_strdup (options->today) : lotse_report_today ();
  project = lotse_store_get (store, LOTSE_TABLE_PROJECT, options->project_id, error);
  if (project == NULL)
    return NULL;
  summary = lotse_finance_summarize (store, options->project_id, today, options->from,
                                     options->to, NULL, error);
  if (summary == NULL)
    return NULL;
  expenditures = lotse_finance_list_expenditures (store, options->project_id, options->from,
                                                  options->to, error);
  if (expenditures == NULL)
    return NULL;

  title = g_strdup_printf ("%s: %s", _("Financial statement"),
                           lotse_record_get (project, LOTSE_PROJECT_TITLE));
  self = lotse_report_new (LOTSE_REPORT_STATEMENT, title, today, options->author, FALSE);
  builder = lotse_report_builder_new (self);
  add_title_block (builder, project, options, today);
  add_categories (builder, summary);
  add_funds (builder, summary);
  add_vouchers (builder, store, expenditures);
  lotse_report_builder_finish (builder);

  return self;
}
