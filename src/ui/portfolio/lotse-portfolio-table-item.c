/* lotse-portfolio-table-item.c: a row of the portfolio's table
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A project as the table shows it (from lotse_project_query_table()), with
 * its place by each column worked out once, on the worker thread that
 * reads the rows: text by collation keys in the reader's locale, status
 * and traffic light by their order of meaning. The columns sort by these
 * numbers (GtkNumericSorter), so a click on a header sorts 10,000 rows
 * without collating a text on the main thread. The budget column shows
 * what was spent of what was planned (lotse_finance_query_programme())
 * and whether a cost category is spent beyond plan and tolerance; it
 * sorts by the share spent, projects without a plan last.
 */

#define G_LOG_DOMAIN "lotse-portfolio-table"

#include "config.h"

#include <glib/gi18n.h>
#include <stdlib.h>
#include <string.h>

#include "lotse-portfolio-table-item.h"
#include "lotse-project-row.h"

static const struct
{
  const char *id;
  const char *title;
  double      weight;   /* its share of a printed page's width */
} columns[] = {
  [LOTSE_PORTFOLIO_COLUMN_PROJECT]   = { "project", N_("Project"), 3.0 },
  [LOTSE_PORTFOLIO_COLUMN_PROGRAMME] = { "programme", N_("Programme"), 2.2 },
  [LOTSE_PORTFOLIO_COLUMN_STATUS]    = { "status", N_("Status"), 1.1 },
  [LOTSE_PORTFOLIO_COLUMN_HEALTH]    = { "health", N_("Traffic Light"), 1.1 },
  [LOTSE_PORTFOLIO_COLUMN_NEXT]      = { "next", N_("Next Milestone"), 2.8 },
  [LOTSE_PORTFOLIO_COLUMN_OVERDUE]   = { "overdue", N_("Overdue"), 0.9 },
  [LOTSE_PORTFOLIO_COLUMN_BUDGET]    = { "budget", N_("Budget"), 2.4 },
  [LOTSE_PORTFOLIO_COLUMN_LEAD]      = { "lead", N_("Lead Organisation"), 2.2 },
};

G_STATIC_ASSERT (G_N_ELEMENTS (columns) == LOTSE_PORTFOLIO_N_COLUMNS);

struct _LotsePortfolioTableItem
{
  GObject               parent_instance;
  LotseProjectTableRow *row;
  guint                 rank[LOTSE_PORTFOLIO_N_COLUMNS];  /* its place by each column */
  gint64                planned_cents;
  gint64                spent_cents;
  gboolean              overspent;      /* a category beyond plan and tolerance */
};

G_DEFINE_FINAL_TYPE (LotsePortfolioTableItem, lotse_portfolio_table_item, G_TYPE_OBJECT)

static void
lotse_portfolio_table_item_finalize (GObject *object)
{
  LotsePortfolioTableItem *self = LOTSE_PORTFOLIO_TABLE_ITEM (object);

  lotse_project_table_row_free (self->row);

  G_OBJECT_CLASS (lotse_portfolio_table_item_parent_class)->finalize (object);
}

static void
lotse_portfolio_table_item_get_property (GObject    *object,
                                         guint       prop_id,
                                         GValue     *value,
                                         GParamSpec *pspec)
{
  LotsePortfolioTableItem *self = LOTSE_PORTFOLIO_TABLE_ITEM (object);

  if (prop_id == 0 || prop_id > LOTSE_PORTFOLIO_N_COLUMNS)
    {
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
      return;
    }

  g_value_set_uint (value, self->rank[prop_id - 1]);
}

static void
lotse_portfolio_table_item_class_init (LotsePortfolioTableItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = lotse_portfolio_table_item_finalize;
  object_class->get_property = lotse_portfolio_table_item_get_property;

  /* "project-rank", "programme-rank" …: what the columns' sorters compare */
  for (guint c = 0; c < LOTSE_PORTFOLIO_N_COLUMNS; c++)
    {
      g_autofree char *name = g_strdup_printf ("%s-rank", columns[c].id);

      g_object_class_install_property (object_class, c + 1,
                                       g_param_spec_uint (g_intern_string (name), NULL, NULL,
                                                          0, G_MAXUINT, 0,
                                                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
    }
}

static void
lotse_portfolio_table_item_init (LotsePortfolioTableItem *self)
{
}

/* A text's collation key; empty texts have none and sort last. */
static char *
collate_key (const char *text)
{
  g_autofree char *folded = NULL;

  if (text == NULL || *text == '\0')
    return NULL;

  folded = g_utf8_casefold (text, -1);
  return g_utf8_collate_key (folded, -1);
}

/* The key of a text column; the next milestone by date, then by title. */
static char *
column_key (const LotseProjectTableRow *row,
            LotsePortfolioColumn        column)
{
  g_autofree char *title = NULL;

  switch (column)
    {
    case LOTSE_PORTFOLIO_COLUMN_PROJECT:
      return collate_key (row->title);
    case LOTSE_PORTFOLIO_COLUMN_PROGRAMME:
      return collate_key (row->programme);
    case LOTSE_PORTFOLIO_COLUMN_LEAD:
      return collate_key (row->lead);
    case LOTSE_PORTFOLIO_COLUMN_NEXT:
      if (row->next_due == NULL)
        return NULL;
      /* ISO dates of one length compare as text. */
      title = collate_key (row->next_title);
      return g_strconcat (row->next_due, "\001", title, NULL);
    case LOTSE_PORTFOLIO_COLUMN_STATUS:
    case LOTSE_PORTFOLIO_COLUMN_HEALTH:
    case LOTSE_PORTFOLIO_COLUMN_OVERDUE:
    case LOTSE_PORTFOLIO_COLUMN_BUDGET:
    case LOTSE_PORTFOLIO_N_COLUMNS:
    default:
      g_assert_not_reached ();
    }
}

typedef struct
{
  char                    *key;
  LotsePortfolioTableItem *item;
} Keyed;

static int
compare_keyed (const void *a,
               const void *b)
{
  const Keyed *x = a;
  const Keyed *y = b;

  if (x->key == NULL || y->key == NULL)
    return (x->key == NULL) - (y->key == NULL);

  return strcmp (x->key, y->key);
}

/* Numbers the items in the order of a text column's collation keys,
 * equal texts with equal numbers. */
static void
rank_by_text (GPtrArray            *items,
              LotsePortfolioColumn  column)
{
  g_autofree Keyed *keyed = g_new (Keyed, MAX (items->len, 1));
  guint rank = 0;

  for (guint i = 0; i < items->len; i++)
    {
      keyed[i].item = g_ptr_array_index (items, i);
      keyed[i].key = column_key (keyed[i].item->row, column);
    }
  qsort (keyed, items->len, sizeof (Keyed), compare_keyed);

  for (guint i = 0; i < items->len; i++)
    {
      if (i > 0 && compare_keyed (&keyed[i - 1], &keyed[i]) != 0)
        rank = i;
      keyed[i].item->rank[column] = rank;
    }
  for (guint i = 0; i < items->len; i++)
    g_free (keyed[i].key);
}

static int
compare_by_title (gconstpointer a,
                  gconstpointer b)
{
  guint x = (*(LotsePortfolioTableItem * const *) a)->rank[LOTSE_PORTFOLIO_COLUMN_PROJECT];
  guint y = (*(LotsePortfolioTableItem * const *) b)->rank[LOTSE_PORTFOLIO_COLUMN_PROJECT];

  return (x > y) - (x < y);
}

/**
 * lotse_portfolio_table_items_new:
 * @rows: (transfer full) (element-type LotseProjectTableRow): the projects
 *
 * Makes the table's rows, numbered by each column in the reader's
 * collation (g_utf8_collate_key()). This is the costly part: it runs on
 * the worker thread that reads the rows, and a click on a header then
 * sorts numbers.
 *
 * Returns: (transfer full) (element-type LotsePortfolioTableItem): the
 *   rows by title; rows a column sorts as equal keep this order
 */
GPtrArray *
lotse_portfolio_table_items_new (GPtrArray *rows)
{
  GPtrArray *items = g_ptr_array_new_full (rows->len, g_object_unref);

  g_ptr_array_set_free_func (rows, NULL);
  for (guint i = 0; i < rows->len; i++)
    {
      LotsePortfolioTableItem *item = g_object_new (LOTSE_TYPE_PORTFOLIO_TABLE_ITEM, NULL);
      LotseProjectTableRow *row = g_ptr_array_index (rows, i);

      item->row = row;
      item->rank[LOTSE_PORTFOLIO_COLUMN_STATUS] = lotse_project_status_rank (row->status);
      item->rank[LOTSE_PORTFOLIO_COLUMN_HEALTH] = lotse_project_health_rank (row->health);
      item->rank[LOTSE_PORTFOLIO_COLUMN_OVERDUE] = row->n_overdue;
      item->rank[LOTSE_PORTFOLIO_COLUMN_BUDGET] = G_MAXUINT;
      g_ptr_array_add (items, item);
    }
  g_ptr_array_unref (rows);

  rank_by_text (items, LOTSE_PORTFOLIO_COLUMN_PROJECT);
  rank_by_text (items, LOTSE_PORTFOLIO_COLUMN_PROGRAMME);
  rank_by_text (items, LOTSE_PORTFOLIO_COLUMN_NEXT);
  rank_by_text (items, LOTSE_PORTFOLIO_COLUMN_LEAD);
  g_ptr_array_sort (items, compare_by_title);

  return items;
}

/* The share spent in thousandths; without a plan after every share. */
static guint
budget_rank (gint64 planned,
             gint64 spent)
{
  if (planned <= 0)
    return spent > 0 ? G_MAXUINT - 1 : G_MAXUINT;

  return (guint) CLAMP (spent / planned * 1000 + spent % planned * 1000 / planned, 0, G_MAXUINT - 2);
}

/* Gives each row its project's planned and spent money, its warning
 * state and its place by the budget column. */
static void
set_budgets (GPtrArray *items,
             GPtrArray *totals)
{
  g_autoptr(GHashTable) by_id = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < totals->len; i++)
    {
      LotseFinanceTotals *project = g_ptr_array_index (totals, i);

      g_hash_table_insert (by_id, project->project_id, project);
    }

  for (guint i = 0; i < items->len; i++)
    {
      LotsePortfolioTableItem *item = g_ptr_array_index (items, i);
      LotseFinanceTotals *project = g_hash_table_lookup (by_id, item->row->id);

      if (project == NULL)
        continue;
      item->planned_cents = project->planned_cents;
      item->spent_cents = project->spent_cents;
      item->overspent = project->overspent;
      item->rank[LOTSE_PORTFOLIO_COLUMN_BUDGET] = budget_rank (project->planned_cents, project->spent_cents);
    }
}

/**
 * lotse_portfolio_table_items_read:
 * @store: a store, on the worker thread its reader runs
 * @query: the filters
 * @today: today, YYYY-MM-DD
 * @finance: the tolerance that marks a budget overspent
 * @out_sums: (out) (optional): the totals of the programme filtered for,
 *   or of all projects: of every project in it, whatever else is filtered
 * @error: a location for a #GError
 *
 * Reads the table's rows with their money, as
 * lotse_portfolio_table_items_new() makes them.
 *
 * Returns: (transfer full) (element-type LotsePortfolioTableItem)
 *   (nullable): the rows by title, or %NULL with @error set
 */
GPtrArray *
lotse_portfolio_table_items_read (LotseStore                 *store,
                                  const LotseProjectQuery    *query,
                                  const char                 *today,
                                  const LotseFinanceSettings *finance,
                                  LotseFinanceSums           *out_sums,
                                  GError                    **error)
{
  GPtrArray *rows = lotse_project_query_table (store, query, today, error);
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GPtrArray) totals = NULL;

  if (rows == NULL)
    return NULL;

  items = lotse_portfolio_table_items_new (rows);
  totals = lotse_finance_query_programme (store, query->programme_id, finance, error);
  if (totals == NULL)
    return NULL;
  set_budgets (items, totals);
  if (out_sums != NULL)
    {
      *out_sums = (LotseFinanceSums) { 0, };
      for (guint i = 0; i < totals->len; i++)
        lotse_finance_sums_add (out_sums, g_ptr_array_index (totals, i));
    }

  return g_steal_pointer (&items);
}

gboolean
lotse_portfolio_table_item_get_overspent (LotsePortfolioTableItem *item)
{
  g_return_val_if_fail (LOTSE_IS_PORTFOLIO_TABLE_ITEM (item), FALSE);

  return item->overspent;
}

static char *
money (gint64 cents)
{
  g_autofree char *text = g_strdup_printf ("%" G_GINT64_FORMAT, cents);

  return lotse_format_money (text);
}

static char *
budget_text (LotsePortfolioTableItem *item)
{
  g_autofree char *spent = NULL;
  g_autofree char *planned = NULL;

  if (item->planned_cents == 0 && item->spent_cents == 0)
    return g_strdup ("");

  spent = money (item->spent_cents);
  planned = money (item->planned_cents);
  if (item->overspent)
    /* Translators: money spent / money planned of a project in the portfolio
     * table, when a cost category is spent beyond plan and tolerance */
    return g_strdup_printf (_("%s / %s, over plan"), spent, planned);

  /* Translators: money spent / money planned of a project in the portfolio table */
  return g_strdup_printf (_("%s / %s"), spent, planned);
}

/**
 * lotse_portfolio_table_item_dup_text:
 * @item: a row
 * @column: a column
 *
 * Returns: (transfer full): the text of a cell, as the table shows it and
 *   as it is exported and printed
 */
char *
lotse_portfolio_table_item_dup_text (LotsePortfolioTableItem *item,
                                     LotsePortfolioColumn     column)
{
  const LotseProjectTableRow *row = item->row;

  switch (column)
    {
    case LOTSE_PORTFOLIO_COLUMN_PROJECT:
      return g_strdup (row->title);
    case LOTSE_PORTFOLIO_COLUMN_PROGRAMME:
      return g_strdup (row->programme != NULL ? row->programme : "");
    case LOTSE_PORTFOLIO_COLUMN_STATUS:
      return g_strdup (lotse_enum_value_label (LOTSE_TABLE_PROJECT, LOTSE_PROJECT_STATUS, row->status));
    case LOTSE_PORTFOLIO_COLUMN_HEALTH:
      /* NULL gives the empty state's one name, as in the list and the PDF */
      return g_strdup (lotse_enum_value_label (LOTSE_TABLE_PROJECT, LOTSE_PROJECT_HEALTH, row->health));
    case LOTSE_PORTFOLIO_COLUMN_NEXT:
      if (row->next_title != NULL)
        {
          g_autofree char *due = lotse_format_date (row->next_due);

          /* Translators: a project's next milestone in the table: its due
           * date and its title, e.g. "15.01.2027 – Kick-off" */
          return g_strdup_printf (_("%s – %s"), due, row->next_title);
        }
      return g_strdup ("");
    case LOTSE_PORTFOLIO_COLUMN_OVERDUE:
      return g_strdup_printf ("%u", row->n_overdue);
    case LOTSE_PORTFOLIO_COLUMN_BUDGET:
      return budget_text (item);
    case LOTSE_PORTFOLIO_COLUMN_LEAD:
      return g_strdup (row->lead != NULL ? row->lead : "");
    case LOTSE_PORTFOLIO_N_COLUMNS:
    default:
      g_assert_not_reached ();
    }
}

const char *
lotse_portfolio_column_id (LotsePortfolioColumn column)
{
  g_return_val_if_fail (column < LOTSE_PORTFOLIO_N_COLUMNS, NULL);

  return columns[column].id;
}

/* Translated */
const char *
lotse_portfolio_column_title (LotsePortfolioColumn column)
{
  g_return_val_if_fail (column < LOTSE_PORTFOLIO_N_COLUMNS, NULL);

  return _(columns[column].title);
}

double
lotse_portfolio_column_weight (LotsePortfolioColumn column)
{
  g_return_val_if_fail (column < LOTSE_PORTFOLIO_N_COLUMNS, 1.0);

  return columns[column].weight;
}

const LotseProjectTableRow *
lotse_portfolio_table_item_get_row (LotsePortfolioTableItem *item)
{
  g_return_val_if_fail (LOTSE_IS_PORTFOLIO_TABLE_ITEM (item), NULL);

  return item->row;
}
