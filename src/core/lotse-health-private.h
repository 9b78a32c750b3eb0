/* lotse-health-private.h: a project's traffic light follows its status reports
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The rule is described in lotse-health.c. Every writer of status reports
 * applies it: the store's insert, update, delete and undelete, the edits
 * sync makes on the person's behalf, and the apply of pulled rows.
 */

#pragma once

#include "lotse-store.h"

G_BEGIN_DECLS

/* Orders reports of one date: the worst first when sorted descending. */
#define LOTSE_HEALTH_RANK(column) \
  "CASE " column " WHEN 'red' THEN 2 WHEN 'yellow' THEN 1 ELSE 0 END"

/* After a write of a status report from @before to @after (either may be
 * %NULL: inserted, or gone; rows of other tables are ignored), inside the
 * writer's transaction: if the write changed what decides, the health of
 * the report's project (both projects, if it moved) follows, as an
 * ordinary edit with its outbox entry. */
gboolean lotse_health_follow_report_change (LotseStore   *store,
                                            LotseRecord  *before,
                                            LotseRecord  *after,
                                            GError      **error);

/* Sets the health of project @project_id from its reports without an
 * outbox entry, for rows written without one (bulk generation). */
gboolean lotse_health_set_from_reports     (LotseStore   *store,
                                            const char   *project_id,
                                            GError      **error);

/* The projects whose reports a pull wrote, for lotse-sync-apply.c. */
typedef struct _LotseHealthPull LotseHealthPull;

LotseHealthPull *lotse_health_pull_new            (void);
void             lotse_health_pull_free           (LotseHealthPull  *pull);
/* A pulled status report went from @before to @after (either may be
 * %NULL); rows of other tables are ignored. */
void             lotse_health_pull_note_report    (LotseHealthPull  *pull,
                                                   LotseRecord      *before,
                                                   LotseRecord      *after);
/* The project's own row was pulled after its reports: whoever wrote it
 * had seen them, so its health stands. */
void             lotse_health_pull_note_project   (LotseHealthPull  *pull,
                                                   const char       *project_id);
/* Applies the rule to every project noted with a report and not since with
 * its own row. */
gboolean         lotse_health_pull_apply          (LotseHealthPull  *pull,
                                                   LotseStore       *store,
                                                   GError          **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LotseHealthPull, lotse_health_pull_free)

G_END_DECLS
