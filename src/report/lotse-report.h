/* lotse-report.h: PDF documents laid out into pages, drawn with cairo + pango
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A report reads what it shows from the store when it is made and lays it
 * out into A4 pages at once. It then owns everything it draws, so it can be
 * written or drawn from another thread than the one that made it. The same
 * drawing code serves the PDF writer and printing (GtkPrintOperation in the
 * app): lotse_report_draw_page() draws one page onto any cairo_t.
 */

#pragma once

#include <cairo.h>

#include "lotse-core.h"

G_BEGIN_DECLS

#define LOTSE_TYPE_REPORT (lotse_report_get_type ())

G_DECLARE_FINAL_TYPE (LotseReport, lotse_report, LOTSE, REPORT, GObject)

typedef enum
{
  LOTSE_REPORT_MILESTONES,
  LOTSE_REPORT_AGENDA,
  LOTSE_REPORT_MINUTES,
  LOTSE_REPORT_TABLE,
  LOTSE_REPORT_STATEMENT,
  LOTSE_REPORT_FINANCE_OVERVIEW,
} LotseReportKind;

/* What a milestone overview shows. Every member is optional (NULL). */
typedef struct
{
  const char *programme_id;  /* only this programme's projects */
  const char *project_id;    /* only this project */
  const char *from;          /* YYYY-MM-DD: milestones due on or after */
  const char *to;            /* YYYY-MM-DD: milestones due on or before */
  const char *today;         /* YYYY-MM-DD: the export date; NULL is today */
  const char *author;        /* PDF metadata; NULL is the user's name */
} LotseMilestoneReportOptions;

/* A table as the app shows it (lotse_report_new_table()). */
typedef struct
{
  const char         *title;
  const char         *description;  /* what is shown, e.g. the filters; nullable */
  guint               n_columns;
  const char * const *headers;      /* n_columns */
  const double       *weights;      /* n_columns shares of the width; NULL: equal */
  const gboolean     *numeric;      /* n_columns: right-aligned; NULL: none */
  GPtrArray          *rows;         /* GStrv of n_columns cells each */
  const char         *today;        /* YYYY-MM-DD; NULL is today */
  const char         *author;       /* PDF metadata; NULL is the user's name */
} LotseReportTableOptions;

LotseReport     *lotse_report_new_milestones      (LotseStore                        *store,
                                                   const LotseMilestoneReportOptions *options,
                                                   GError                           **error);
LotseReport     *lotse_report_new_agenda          (LotseStore                        *store,
                                                   const char                        *meeting_id,
                                                   const char                        *today,
                                                   GError                           **error);
LotseReport     *lotse_report_new_minutes         (LotseStore                        *store,
                                                   const char                        *meeting_id,
                                                   const char                        *today,
                                                   GError                           **error);

/* A project's numerical statement of use for a period. */
typedef struct
{
  const char *project_id;
  const char *from;          /* YYYY-MM-DD: the period's first day; NULL: from the start */
  const char *to;            /* YYYY-MM-DD: its last day; NULL: up to today */
  const char *today;         /* YYYY-MM-DD: the export date; NULL is today */
  const char *author;        /* PDF metadata; NULL is the user's name */
} LotseStatementReportOptions;

LotseReport     *lotse_report_new_statement      (LotseStore                        *store,
                                                   const LotseStatementReportOptions *options,
                                                   GError                           **error);
/* The finance overview of a programme, or of all. */
typedef struct
{
  const char                 *programme_id;  /* NULL: every programme */
  const LotseFinanceSettings *settings;      /* the tolerance; NULL: the default */
  const char                 *today;         /* YYYY-MM-DD: the export date; NULL is today */
  const char                 *author;        /* PDF metadata; NULL is the user's name */
} LotseFinanceReportOptions;

LotseReport     *lotse_report_new_finance_overview (LotseStore                     *store,
                                                   const LotseFinanceReportOptions *options,
                                                   GError                         **error);
LotseReport     *lotse_report_new_table           (const LotseReportTableOptions     *options,
                                                   GError                           **error);

LotseReportKind  lotse_report_get_kind            (LotseReport                       *self);
const char      *lotse_report_get_title           (LotseReport                       *self);
guint            lotse_report_get_n_pages         (LotseReport                       *self);
void             lotse_report_get_page_size       (LotseReport                       *self,
                                                   double                            *width,
                                                   double                            *height);
gboolean         lotse_report_is_landscape        (LotseReport                       *self);
void             lotse_report_draw_page           (LotseReport                       *self,
                                                   cairo_t                           *cr,
                                                   guint                              page,
                                                   double                             width,
                                                   double                             height);
GBytes          *lotse_report_to_pdf              (LotseReport                       *self,
                                                   GError                           **error);
gboolean         lotse_report_write_pdf           (LotseReport                       *self,
                                                   const char                        *path,
                                                   GError                           **error);
char            *lotse_report_suggest_filename    (LotseReport                       *self);
char            *lotse_report_kind_suggest_filename (LotseReportKind                  kind,
                                                   const char                        *date);

gboolean         lotse_report_attach_meeting_documents (LotseStore                  *store,
                                                        LotseMeetingMail            *mail,
                                                        GError                     **error);

gboolean         lotse_report_parse_date          (const char                        *text,
                                                   GError                           **error);

G_END_DECLS
