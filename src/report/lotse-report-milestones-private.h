/* lotse-report-milestones-private.h: what the overview and its timeline share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "lotse-report-private.h"

G_BEGIN_DECLS

typedef struct
{
  LotseRecord *project;
  char        *lead;        /* the lead organisation's name, or NULL */
  GPtrArray   *milestones;  /* LotseRecord in the period, by due date */
  guint        done;
  guint        overdue;
  LotseRecord *next;        /* the next open milestone, or NULL */
} ProjectRow;

typedef enum
{
  AXIS_MONTHS,
  AXIS_QUARTERS,
  AXIS_YEARS,
} AxisUnit;

typedef struct
{
  LotseReportBuilder *builder;
  GPtrArray          *rows;      /* ProjectRow */
  const char         *today;
  char               *from;      /* the period shown, YYYY-MM-DD; NULL: open */
  char               *to;
  guint32             first_day; /* the timeline's range as Julian days */
  guint32             last_day;
  AxisUnit            unit;
  double              chart_x;
  double              chart_width;
  double              slice_top; /* where the rows of this page start */
} MilestoneReport;

gboolean    lotse_report_milestone_is_overdue    (LotseRecord     *milestone,
                                                  LotseRecord     *project,
                                                  const char      *today);
const char *lotse_report_project_name            (LotseRecord     *project);
guint32     lotse_report_status_colour           (const char      *status);
void        lotse_report_milestones_add_timeline (MilestoneReport *report);

G_END_DECLS
