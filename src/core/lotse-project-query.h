/* lotse-project-query.h: the portfolio's project list with its filters
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "lotse-store.h"

G_BEGIN_DECLS

typedef enum
{
  LOTSE_PROJECT_SORT_TITLE,
  LOTSE_PROJECT_SORT_ACRONYM,
  LOTSE_PROJECT_SORT_HEALTH,     /* red first, then yellow, green, none */
  LOTSE_PROJECT_SORT_END_DATE,
  LOTSE_PROJECT_SORT_NEXT_DUE,   /* the next open milestone first */
  LOTSE_PROJECT_N_SORTS
} LotseProjectSort;

/* What the list shows; every string is nullable and NULL means "any". */
typedef struct
{
  char             *text;                 /* a part of the title or acronym */
  char             *programme_id;
  char             *status;
  char             *health;
  char             *topic;
  char             *lead_organisation_id;
  LotseProjectSort  sort;
} LotseProjectQuery;

/* One project with what its list row shows about its milestones. */
typedef struct
{
  LotseRecord *project;
  gint64       rowid;          /* the project's rowid in the store */
  char        *next_title;     /* the next open milestone due today or later */
  char        *next_due;       /* YYYY-MM-DD */
  guint        n_overdue;      /* open milestones due before today; 0 when the project is closed */
} LotseProjectSummary;

/* One row of the portfolio as a table: a project with the names of what it
 * refers to and its milestone figures. */
typedef struct
{
  char  *id;
  char  *title;
  char  *acronym;
  char  *programme;      /* the programme's name, or NULL */
  char  *status;         /* the stored value, e.g. "running" */
  char  *health;         /* "green", "yellow", "red" or NULL */
  char  *next_title;     /* the next open milestone due today or later */
  char  *next_due;       /* YYYY-MM-DD */
  guint  n_overdue;      /* open milestones due before today */
  char  *lead;           /* the lead organisation's name, or NULL */
  char  *key;            /* title and acronym, see lotse_project_fold() */
} LotseProjectTableRow;

/* A project's place in the list with the text a search matches. */
typedef struct
{
  gint64  rowid;
  char   *key;       /* title and acronym, case-folded, see lotse_project_fold() */
} LotseProjectKey;

LotseProjectQuery   *lotse_project_query_new       (void);
LotseProjectQuery   *lotse_project_query_copy      (const LotseProjectQuery  *query);
gboolean             lotse_project_query_equal     (const LotseProjectQuery  *a,
                                                    const LotseProjectQuery  *b);
void                 lotse_project_query_free      (LotseProjectQuery        *query);
void                 lotse_project_summary_free    (LotseProjectSummary      *summary);
void                 lotse_project_table_row_free  (LotseProjectTableRow     *row);

GArray              *lotse_project_query_rowids    (LotseStore               *store,
                                                    const LotseProjectQuery  *query,
                                                    const char               *today,
                                                    GError                  **error);
GArray              *lotse_project_query_keys      (LotseStore               *store,
                                                    const LotseProjectQuery  *query,
                                                    const char               *today,
                                                    GError                  **error);
char                *lotse_project_fold            (const char               *text);
GPtrArray           *lotse_project_query_summaries (LotseStore               *store,
                                                    const gint64             *rowids,
                                                    guint                     n_rowids,
                                                    const char               *today,
                                                    GError                  **error);
gint64               lotse_project_query_rowid     (LotseStore               *store,
                                                    const char               *id);
GStrv                lotse_project_query_topics    (LotseStore               *store,
                                                    GError                  **error);
GPtrArray           *lotse_project_query_table     (LotseStore               *store,
                                                    const LotseProjectQuery  *query,
                                                    const char               *today,
                                                    GError                  **error);
guint                lotse_project_health_rank     (const char               *health);
guint                lotse_project_status_rank     (const char               *status);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LotseProjectQuery, lotse_project_query_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LotseProjectSummary, lotse_project_summary_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LotseProjectTableRow, lotse_project_table_row_free)

G_END_DECLS
