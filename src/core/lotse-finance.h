/* lotse-finance.h: a project's money: plan against actual, warnings
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "lotse-record.h"
#include "lotse-store.h"

G_BEGIN_DECLS

/* The defaults of the settings an office may change. */
#define LOTSE_FINANCE_DEFAULT_TOLERANCE    20 /* percent over plan */
#define LOTSE_FINANCE_DEFAULT_SPEND_WITHIN 42 /* days: six weeks */

typedef struct
{
  guint tolerance;     /* percent a category may be over plan, and spending under it */
  guint spend_within;  /* days in which funds received must be spent */
} LotseFinanceSettings;

typedef enum
{
  LOTSE_FINANCE_WARNING_OVERSPENT,  /* a category spent beyond plan + tolerance */
  LOTSE_FINANCE_WARNING_LAGGING,    /* spent so far under the plan so far − tolerance */
  LOTSE_FINANCE_WARNING_UNSPENT,    /* funds received longer ago than spend_within unspent */
} LotseFinanceWarningKind;

typedef struct
{
  LotseFinanceWarningKind  kind;
  char                    *category;  /* nullable: the code of the category concerned */
  gint64                   cents;     /* how much: over plan, behind plan, unspent */
  char                    *message;   /* translated, for people */
} LotseFinanceWarning;

/* Plan against actual of one cost category, in one year or (year 0) in
 * all years. */
typedef struct
{
  char   *category;       /* the code, e.g. “personnel” */
  char   *label;          /* translated, for people */
  guint   year;           /* 0: all years */
  gint64  planned_cents;
  gint64  spent_cents;    /* in total */
  gint64  period_cents;   /* within the period asked for */
} LotseFinanceLine;

typedef struct
{
  char      *project_id;
  GPtrArray *categories;  /* LotseFinanceLine, year 0, in the categories' order */
  GPtrArray *years;       /* LotseFinanceLine per category and year */
  gint64     planned_cents;
  gint64     spent_cents;
  gint64     period_cents;
  gint64     remaining_cents;  /* planned − spent; negative when overspent */
  gint64     called_cents;     /* fund calls, requested or received */
  gint64     received_cents;
  gint64     grant_cents;      /* the project's grant; -1 when unset */
  GPtrArray *warnings;         /* LotseFinanceWarning */
} LotseFinanceSummary;

/* One project in the programme's overview. */
typedef struct
{
  char    *project_id;
  char    *title;
  char    *programme_id;    /* nullable */
  gint64   grant_cents;     /* -1 when unset */
  gint64   planned_cents;
  gint64   spent_cents;
  gint64   called_cents;    /* fund calls, requested or received */
  gint64   received_cents;
  gboolean overspent;       /* a category beyond plan + tolerance */
} LotseFinanceTotals;

/* The totals of some projects: a programme's, or all. */
typedef struct
{
  guint  n_projects;
  guint  n_overspent;
  gint64 grant_cents;     /* the grants set; an unset one counts 0 */
  gint64 planned_cents;
  gint64 spent_cents;
  gint64 called_cents;
  gint64 received_cents;
} LotseFinanceSums;

/* One month of the burn chart: what was planned and spent up to its end. */
typedef struct
{
  guint  year;
  guint  month;
  gint64 planned_cents;  /* cumulative; a year's plan spread evenly over its months */
  gint64 spent_cents;    /* cumulative */
} LotseFinanceMonth;

void                 lotse_finance_settings_init     (LotseFinanceSettings *settings);
LotseFinanceSummary *lotse_finance_summarize         (LotseStore                 *store,
                                                      const char                 *project_id,
                                                      const char                 *today,
                                                      const char                 *from,
                                                      const char                 *to,
                                                      const LotseFinanceSettings *settings,
                                                      GError                    **error);
void                 lotse_finance_summary_free      (LotseFinanceSummary        *summary);
GPtrArray           *lotse_finance_query_programme   (LotseStore                 *store,
                                                      const char                 *programme_id,
                                                      const LotseFinanceSettings *settings,
                                                      GError                    **error);
void                 lotse_finance_sums_add          (LotseFinanceSums           *sums,
                                                      const LotseFinanceTotals   *totals);
void                 lotse_finance_sums_add_sums     (LotseFinanceSums           *sums,
                                                      const LotseFinanceSums     *other);
GArray              *lotse_finance_query_burn        (LotseStore                 *store,
                                                      const char                 *project_id,
                                                      GError                    **error);
GPtrArray           *lotse_finance_list_expenditures (LotseStore                 *store,
                                                      const char                 *project_id,
                                                      const char                 *from,
                                                      const char                 *to,
                                                      GError                    **error);
char                *lotse_finance_category_label    (LotseStore                 *store,
                                                      const char                 *code);
gboolean             lotse_finance_category_exists   (LotseStore                 *store,
                                                      const char                 *code,
                                                      gboolean                   *out_exists,
                                                      GError                    **error);
char                *lotse_finance_warn_record       (LotseStore                 *store,
                                                      LotseRecord                *record);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LotseFinanceSummary, lotse_finance_summary_free)

G_END_DECLS
