/* lotse-monitor.h: milestones and funder reports overdue or due soon
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "lotse-store.h"

G_BEGIN_DECLS

typedef enum
{
  LOTSE_MONITOR_OVERDUE,   /* due before today */
  LOTSE_MONITOR_DUE_SOON,  /* due today or within the horizon */
  LOTSE_MONITOR_CLOSED,    /* left open by a completed or cancelled project */
} LotseMonitorState;

/* Which projects' milestones the monitor lists. A milestone that a
 * completed or cancelled project left open is history, not a warning:
 * nobody can still reach it. */
typedef enum
{
  LOTSE_MONITOR_SCOPE_CURRENT,  /* projects planned, running or paused */
  LOTSE_MONITOR_SCOPE_HISTORY,  /* also completed and cancelled projects */
} LotseMonitorScope;

typedef enum
{
  LOTSE_MONITOR_GROUP_WEEK,     /* ISO week of the due date, e.g. "2026-W48" */
  LOTSE_MONITOR_GROUP_PROJECT,  /* the project's id */
} LotseMonitorGroup;

#define LOTSE_TYPE_MONITOR_ENTRY (lotse_monitor_entry_get_type ())

typedef struct _LotseMonitorEntry LotseMonitorEntry;

/* @milestone holds what the monitor shows: id, revision, project, title,
 * dates and status, read from the index alone; not the description nor
 * the timestamps (read the record from the store to edit it). For an
 * open funder report it is the report's record (table funder_report),
 * and @report_kind is its kind ("interim", "final"); the monitor lists
 * the statements a funder expects like milestones. */
struct _LotseMonitorEntry
{
  LotseRecord        *milestone;
  char               *report_kind;      /* nullable: NULL for a milestone */
  char               *project_id;
  char               *project_title;
  char               *project_acronym;  /* nullable */
  char               *programme_id;     /* nullable */
  char               *project_status;
  char               *due_date;         /* YYYY-MM-DD */
  int                 days_overdue;     /* negative: due in that many days */
  LotseMonitorState   state;
};

/* The size of the whole result a page belongs to. */
typedef struct
{
  guint total;    /* entries in all pages */
  guint overdue;  /* of which overdue (never those of closed projects) */
  guint closed;   /* of which of closed projects: history */
} LotseMonitorCounts;

GType              lotse_monitor_entry_get_type   (void) G_GNUC_CONST;
LotseMonitorEntry *lotse_monitor_entry_new        (void);
LotseMonitorEntry *lotse_monitor_entry_copy       (const LotseMonitorEntry *entry);
void               lotse_monitor_entry_free       (LotseMonitorEntry       *entry);

GPtrArray         *lotse_monitor_query            (LotseStore              *store,
                                                   const char              *today,
                                                   guint                    days,
                                                   const char              *programme_id,
                                                   LotseMonitorScope        scope,
                                                   GError                 **error);
GPtrArray         *lotse_monitor_query_page       (LotseStore              *store,
                                                   const char              *today,
                                                   guint                    days,
                                                   const char              *programme_id,
                                                   LotseMonitorScope        scope,
                                                   guint                    offset,
                                                   guint                    limit,
                                                   LotseMonitorCounts      *counts,
                                                   GError                 **error);
GPtrArray         *lotse_monitor_query_after      (LotseStore              *store,
                                                   const char              *today,
                                                   guint                    days,
                                                   const char              *programme_id,
                                                   LotseMonitorScope        scope,
                                                   const LotseMonitorEntry *after,
                                                   guint                    limit,
                                                   GError                 **error);
const char        *lotse_monitor_entry_get_title  (const LotseMonitorEntry *entry);
char              *lotse_monitor_group_key        (const LotseMonitorEntry *entry,
                                                   LotseMonitorGroup        group);
const char        *lotse_monitor_state_to_string  (LotseMonitorState        state);
gboolean           lotse_monitor_project_is_closed (const char             *project_status);
int                lotse_monitor_days_between     (const char              *from,
                                                   const char              *to);
gboolean           lotse_monitor_is_overdue       (const char              *milestone_status,
                                                   const char              *due_date,
                                                   const char              *project_status,
                                                   const char              *today);
char              *lotse_monitor_today            (void);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LotseMonitorEntry, lotse_monitor_entry_free)

G_END_DECLS
