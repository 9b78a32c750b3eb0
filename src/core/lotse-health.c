/* lotse-health.c: a project's traffic light follows its status reports
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The rule, applied by every writer of status reports (the store's insert,
 * update, delete and undelete, so the app, lotse-cli and the CSV import;
 * the edits sync makes on the person's behalf; the apply of pulled rows):
 *
 * - A project's health is the health of its latest status report that is
 *   not deleted: the one with the latest date; of several on that date the
 *   worst (red, then yellow, then green); of those the one with the
 *   greatest id. Each of these values is synced, so every laptop picks the
 *   same report. (created_at is not: a pulled row gets the time of its
 *   pull, so it would pick differently on different laptops.)
 * - It is applied when what decides changes: a report is added, deleted or
 *   restored, or its date, health or project changes. An edit of a
 *   report's summary alone changes nothing.
 * - When the last report of a project is deleted, the project has no
 *   health ("Not assessed"): nothing stands behind a traffic light then.
 * - A direct edit of project.health stays allowed, as an assessment
 *   between reports or of a project without any. It stands until the
 *   project's reports next change.
 * - The health is written as an ordinary edit of the project, with its
 *   outbox entry, in the transaction that wrote the report, so the server
 *   and the other laptops get it like any edit. A laptop that finds the
 *   health right already writes nothing; two laptops that derive the same
 *   value push equal values, which the server's merge takes as no change,
 *   never as a conflict.
 * - A pulled report that changes what decides moves the health at the end
 *   of its page, unless the project's own row came later in the pull:
 *   whoever wrote that row had seen the report (a Lotse with this rule
 *   sends the derived health right after the report), so the pulled health
 *   stands, a direct edit made after the report included. A report from a
 *   writer without the rule (an older Lotse) thus still moves the traffic
 *   light on every laptop, and the first to sync sends it to the server.
 * - Bulk generation of benchmark data, which writes without an outbox,
 *   applies the rule without one too (lotse_health_set_from_reports()).
 */

#define G_LOG_DOMAIN "lotse-health"

#include "config.h"

#include "lotse-error.h"
#include "lotse-health-private.h"
#include "lotse-store-private.h"
#include "lotse-store-sync.h"

#define LATEST_REPORT_HEALTH \
  "SELECT health FROM status_report WHERE project_id = ?1 AND deleted = 0" \
  " ORDER BY date DESC, " LOTSE_HEALTH_RANK ("health") " DESC, id DESC LIMIT 1"

/* The health the rule gives the project; *out_health is NULL when it has
 * no report. */
static gboolean
latest_report_health (LotseStore  *store,
                      const char  *project_id,
                      char       **out_health,
                      GError     **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = lotse_store_prepare_cached (store, LATEST_REPORT_HEALTH, error);
  if (stmt == NULL)
    return FALSE;

  lotse_store_bind_text (stmt, 1, project_id);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      lotse_store_set_sqlite_error (store, error, "reading the latest status report");
      sqlite3_reset (stmt);
      return FALSE;
    }

  *out_health = rc == SQLITE_ROW ? g_strdup ((const char *) sqlite3_column_text (stmt, 0)) : NULL;
  sqlite3_reset (stmt);

  return TRUE;
}

static gboolean
write_health (LotseStore   *store,
              LotseRecord  *project,
              const char   *health,
              GError      **error)
{
  const LotseTable *table = lotse_record_get_table (project);
  g_autofree gboolean *changed = g_new0 (gboolean, table->n_fields);
  g_autofree char *now = lotse_store_sync_now ();
  g_autofree char *fields_json = NULL;
  const char *id = lotse_record_get_id (project);
  sqlite3_stmt *stmt;

  stmt = lotse_store_prepare_cached (store, "UPDATE project SET health = ?, updated_at = ? WHERE id = ?",
                                     error);
  if (stmt == NULL)
    return FALSE;

  lotse_store_bind_text (stmt, 1, health);
  lotse_store_bind_text (stmt, 2, now);
  lotse_store_bind_text (stmt, 3, id);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      lotse_store_set_sqlite_error (store, error, "writing a project's health");
      sqlite3_reset (stmt);
      return FALSE;
    }
  sqlite3_reset (stmt);

  lotse_record_set (project, "health", health);
  changed[lotse_table_field_index (table, "health")] = TRUE;
  fields_json = lotse_store_fields_to_json (table, project, changed);
  if (!lotse_store_append_outbox (store, table->name, id, lotse_record_get_rev (project), FALSE,
                                  fields_json, now, error))
    return FALSE;

  lotse_store_note_change (store, table->name, id);
  return TRUE;
}

/* Only the health is written, so the project's other references are not
 * checked again: a report must not fail because the project's lead
 * organisation was deleted meanwhile. */
static gboolean
follow_reports (LotseStore  *store,
                const char  *project_id,
                GError     **error)
{
  g_autoptr(LotseRecord) project = NULL;
  g_autofree char *health = NULL;

  if (project_id == NULL)
    return TRUE;

  if (!lotse_store_sync_find_row (store, "project", project_id, &project, error))
    return FALSE;

  /* Pulled before its project, or of a deleted one: nothing to follow. */
  if (project == NULL || lotse_record_get_deleted (project))
    return TRUE;

  if (!latest_report_health (store, project_id, &health, error))
    return FALSE;

  if (g_strcmp0 (lotse_record_get (project, "health"), health) == 0)
    return TRUE;

  return write_health (store, project, health, error);
}

gboolean
lotse_health_set_from_reports (LotseStore  *store,
                               const char  *project_id,
                               GError     **error)
{
  sqlite3_stmt *stmt;

  stmt = lotse_store_prepare_cached (store, "UPDATE project SET health = (" LATEST_REPORT_HEALTH ")"
                                     " WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;

  lotse_store_bind_text (stmt, 1, project_id);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      lotse_store_set_sqlite_error (store, error, "setting a project's health");
      sqlite3_reset (stmt);
      return FALSE;
    }
  sqlite3_reset (stmt);

  return TRUE;
}

static gboolean
is_report (LotseRecord *before,
           LotseRecord *after)
{
  return g_str_equal (lotse_record_get_table_name (before != NULL ? before : after), "status_report");
}

/* Whether the change can change its project's health. */
static gboolean
report_matters (LotseRecord *before,
                LotseRecord *after)
{
  static const char * const deciding[] = { "project_id", "date", "health" };

  if (before == NULL || after == NULL)
    return before != after;

  if (lotse_record_get_deleted (before) != lotse_record_get_deleted (after))
    return TRUE;

  for (guint i = 0; i < G_N_ELEMENTS (deciding); i++)
    {
      if (g_strcmp0 (lotse_record_get (before, deciding[i]), lotse_record_get (after, deciding[i])) != 0)
        return TRUE;
    }

  return FALSE;
}

static const char *
project_of (LotseRecord *report)
{
  return report != NULL ? lotse_record_get (report, "project_id") : NULL;
}

gboolean
lotse_health_follow_report_change (LotseStore   *store,
                                   LotseRecord  *before,
                                   LotseRecord  *after,
                                   GError      **error)
{
  g_return_val_if_fail (LOTSE_IS_STORE (store), FALSE);

  if ((before == NULL && after == NULL) || !is_report (before, after) || !report_matters (before, after))
    return TRUE;

  if (!follow_reports (store, project_of (after), error))
    return FALSE;

  return g_strcmp0 (project_of (before), project_of (after)) == 0 ||
         follow_reports (store, project_of (before), error);
}

struct _LotseHealthPull
{
  GHashTable *projects;  /* project ids whose health is to follow */
};

LotseHealthPull *
lotse_health_pull_new (void)
{
  LotseHealthPull *pull = g_new0 (LotseHealthPull, 1);

  pull->projects = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  return pull;
}

void
lotse_health_pull_free (LotseHealthPull *pull)
{
  if (pull == NULL)
    return;

  g_hash_table_unref (pull->projects);
  g_free (pull);
}

void
lotse_health_pull_note_report (LotseHealthPull *pull,
                               LotseRecord     *before,
                               LotseRecord     *after)
{
  if ((before == NULL && after == NULL) || !is_report (before, after) || !report_matters (before, after))
    return;

  if (project_of (before) != NULL)
    g_hash_table_add (pull->projects, g_strdup (project_of (before)));
  if (project_of (after) != NULL)
    g_hash_table_add (pull->projects, g_strdup (project_of (after)));
}

void
lotse_health_pull_note_project (LotseHealthPull *pull,
                                const char      *project_id)
{
  g_hash_table_remove (pull->projects, project_id);
}

gboolean
lotse_health_pull_apply (LotseHealthPull  *pull,
                         LotseStore       *store,
                         GError          **error)
{
  GHashTableIter iter;
  gpointer project_id;

  g_hash_table_iter_init (&iter, pull->projects);
  while (g_hash_table_iter_next (&iter, &project_id, NULL))
    {
      if (!follow_reports (store, project_id, error))
        return FALSE;
    }

  g_hash_table_remove_all (pull->projects);
  return TRUE;
}
