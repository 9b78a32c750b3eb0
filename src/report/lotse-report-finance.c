/* lotse-report-finance.c: the finance overview of a programme
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Per project of a programme: its grant, what is planned, spent and
 * remaining, the funds called and received, and whether a cost category
 * is spent beyond plan and tolerance; then the programme's totals. Without
 * a programme every programme gets its table and totals, the projects
 * without one last, and a grand total ends the report. Every figure is a
 * row of lotse_finance_query_programme(), the query the portfolio's
 * budget column reads, so the PDF and the app cannot disagree. On
 * landscape A4: eight columns of amounts do not fit upright.
 */

#define G_LOG_DOMAIN "lotse-report"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "lotse-report-private.h"

#define N_COLUMNS 8

static char *
money (gint64 cents)
{
  g_autofree char *text = g_strdup_printf ("%" G_GINT64_FORMAT, cents);

  return lotse_format_money (text);
}

/* One row: a project's (@title, @grant may be -1) or a total's in bold. */
static void
add_row (LotseReportTable       *table,
         const char             *title,
         gint64                  grant_cents,
         const LotseFinanceSums *sums,
         const char             *state,
         gboolean                total)
{
  LotseReportCellFlags flags = total ? LOTSE_REPORT_CELL_BOLD : LOTSE_REPORT_CELL_PLAIN;
  g_autofree char *grant = grant_cents >= 0 ? money (grant_cents) : g_strdup ("–");
  g_autofree char *planned = money (sums->planned_cents);
  g_autofree char *spent = money (sums->spent_cents);
  g_autofree char *remaining = money (sums->planned_cents - sums->spent_cents);
  g_autofree char *called = money (sums->called_cents);
  g_autofree char *received = money (sums->received_cents);
  const LotseReportCell cells[N_COLUMNS] = {
    { title, flags, LOTSE_REPORT_NONE }, { grant, flags, LOTSE_REPORT_NONE },
    { planned, flags, LOTSE_REPORT_NONE }, { spent, flags, LOTSE_REPORT_NONE },
    { remaining, flags, LOTSE_REPORT_NONE }, { called, flags, LOTSE_REPORT_NONE },
    { received, flags, LOTSE_REPORT_NONE }, { state, flags, LOTSE_REPORT_NONE },
  };

  lotse_report_table_add_row (table, cells);
}

static LotseReportTable *
table_new (LotseReportBuilder *b)
{
  static const double weights[N_COLUMNS] = { 2.6, 1.15, 1.15, 1.15, 1.15, 1.15, 1.15, 0.9 };
  const char *titles[N_COLUMNS] = { _("Project"), _("Grant"), _("Planned"), _("Spent"), _("Remaining"),
                                    _("Funds called"), _("Funds received"), _("Warning") };
  LotseReportColumn columns[N_COLUMNS];

  for (guint c = 0; c < N_COLUMNS; c++)
    columns[c] = (LotseReportColumn) { titles[c], weights[c],
                                       c == 0 || c == N_COLUMNS - 1 ? PANGO_ALIGN_LEFT : PANGO_ALIGN_RIGHT };

  return lotse_report_table_new (b, columns, N_COLUMNS);
}

static char *
overspent_text (guint n_overspent)
{
  if (n_overspent == 0)
    return g_strdup ("");

  /* Translators: in the total row of the finance overview: how many projects are over plan */
  return g_strdup_printf (ngettext ("%u over plan", "%u over plan", n_overspent), n_overspent);
}

/* The table of the projects in @projects whose programme is @programme_id
 * (NULL: none), with their total; adds their sums to @all. */
static void
add_programme (LotseReportBuilder *b,
               GPtrArray          *projects,
               const char         *programme_id,
               const char         *heading,
               LotseFinanceSums   *all)
{
  g_autoptr(LotseReportTable) table = NULL;
  g_autofree char *state = NULL;
  LotseFinanceSums sums = { 0, };

  for (guint i = 0; i < projects->len; i++)
    {
      const LotseFinanceTotals *totals = g_ptr_array_index (projects, i);
      LotseFinanceSums one = { 0, };

      if (g_strcmp0 (totals->programme_id, programme_id) != 0)
        continue;
      if (table == NULL)
        {
          lotse_report_builder_heading (b, heading, LOTSE_REPORT_FONT_HEADING, 60, 1);
          table = table_new (b);
        }
      lotse_finance_sums_add (&one, totals);
      lotse_finance_sums_add (&sums, totals);
      /* Translators: the warning state of a project in the finance overview */
      add_row (table, totals->title, totals->grant_cents, &one, totals->overspent ? _("Over plan") : "", FALSE);
    }
  if (table == NULL)
    return;

  state = overspent_text (sums.n_overspent);
  add_row (table, _("Programme total"), sums.grant_cents, &sums, state, TRUE);
  lotse_report_builder_space (b, 14);
  lotse_finance_sums_add_sums (all, &sums);
}

static void
add_title (LotseReportBuilder *b,
           const char         *title,
           const char         *today)
{
  g_autoptr(PangoLayout) layout = lotse_report_builder_layout (b, title, LOTSE_REPORT_FONT_TITLE,
                                                               lotse_report_builder_width (b));
  g_autofree char *date = lotse_report_format_date (today);
  const char *fields[] = { C_("report", "As of"), date, NULL };

  lotse_report_builder_add_text (b, layout, b->left, b->y, LOTSE_REPORT_INK);
  b->y += lotse_report_layout_height (layout) + 8;
  lotse_report_builder_fields (b, fields);
  b->y += 6;
  lotse_report_builder_add_line (b, b->left, b->y, b->right, b->y, LOTSE_REPORT_INK, 1.0, FALSE);
  lotse_report_builder_space (b, 14);
}

/* Every programme's table, then the projects without one and the total of
 * all. */
static void
add_all_programmes (LotseReportBuilder *b,
                    GPtrArray          *projects,
                    GPtrArray          *programmes)
{
  g_autoptr(LotseReportTable) table = NULL;
  g_autofree char *state = NULL;
  LotseFinanceSums all = { 0, };

  for (guint i = 0; i < programmes->len; i++)
    {
      LotseRecord *programme = g_ptr_array_index (programmes, i);

      add_programme (b, projects, lotse_record_get_id (programme), lotse_record_get_title (programme), &all);
    }
  add_programme (b, projects, NULL, _("Projects without a programme"), &all);

  lotse_report_builder_heading (b, _("All programmes"), LOTSE_REPORT_FONT_HEADING, 60, 1);
  table = table_new (b);
  state = overspent_text (all.n_overspent);
  add_row (table, _("Total"), all.grant_cents, &all, state, TRUE);
}

/**
 * lotse_report_new_finance_overview:
 * @store: a store
 * @options: the programme (or all) and the date
 * @error: a location for a #GError
 *
 * Lays out the finance overview of a programme on landscape A4.
 *
 * Returns: (transfer full) (nullable): the report, or %NULL with @error set
 */
LotseReport *
lotse_report_new_finance_overview (LotseStore                       *store,
                                   const LotseFinanceReportOptions  *options,
                                   GError                          **error)
{
  g_autoptr(LotseRecord) programme = NULL;
  g_autoptr(GPtrArray) projects = NULL;
  g_autoptr(GPtrArray) programmes = NULL;
  g_autofree char *today = NULL;
  g_autofree char *title = NULL;
  LotseReportBuilder *builder;
  LotseReport *self;

  g_return_val_if_fail (LOTSE_IS_STORE (store), NULL);
  g_return_val_if_fail (options != NULL, NULL);

  if (options->programme_id != NULL &&
      (programme = lotse_store_get (store, LOTSE_TABLE_PROGRAMME, options->programme_id, error)) == NULL)
    return NULL;
  projects = lotse_finance_query_programme (store, options->programme_id, options->settings, error);
  if (projects == NULL)
    return NULL;
  if (programme == NULL &&
      (programmes = lotse_store_list (store, LOTSE_TABLE_PROGRAMME, NULL, 0, LOTSE_PROGRAMME_NAME, 0, 0, error)) == NULL)
    return NULL;

  today = options->today != NULL ? g_strdup (options->today) : lotse_report_today ();
  /* Translators: the title of a PDF; %s is a programme's name or “all programmes” */
  title = g_strdup_printf (_("Finance overview: %s"),
                           programme != NULL ? lotse_record_get_title (programme) : _("all programmes"));
  self = lotse_report_new (LOTSE_REPORT_FINANCE_OVERVIEW, title, today, options->author, TRUE);
  builder = lotse_report_builder_new (self);
  add_title (builder, title, today);
  if (programme != NULL)
    {
      LotseFinanceSums all = { 0, };

      add_programme (builder, projects, options->programme_id, lotse_record_get_title (programme), &all);
      if (projects->len == 0)
        lotse_report_builder_paragraph (builder, _("The programme has no projects."), FALSE,
                                        LOTSE_REPORT_FONT_BODY, 0, LOTSE_REPORT_MUTED);
    }
  else
    add_all_programmes (builder, projects, programmes);
  lotse_report_builder_finish (builder);

  return self;
}
