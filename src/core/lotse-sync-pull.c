/* lotse-sync-pull.c: writing the rows the server sends into the local store
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A page of a pull, or the newest revision of a row's history, is written
 * in one transaction together with the cursor and the page's mark, so a
 * crash leaves all of it or none of it. A pulled row overwrites a row only
 * if it has no unpushed edits (the push that follows merges them); no
 * local row is ever removed because the server lacks it.
 */

#define G_LOG_DOMAIN "lotse-sync"

#include "config.h"

#include "lotse-health-private.h"
#include "lotse-record-private.h"
#include "lotse-search-private.h"
#include "lotse-sync-private.h"

/* The health rule (lotse-health.c) for a pulled row: a status report as
 * it was (@before) and is now, or the project's own row, which comes later
 * than its reports and so stands. */
static gboolean
note_for_health (LotseStore        *store,
                 LotseHealthPull   *health,
                 const LotseTable  *table,
                 const char        *id,
                 LotseRecord       *before,
                 GError           **error)
{
  g_autoptr(LotseRecord) after = NULL;

  if (g_str_equal (table->name, LOTSE_TABLE_PROJECT))
    lotse_health_pull_note_project (health, id);
  if (!g_str_equal (table->name, LOTSE_TABLE_STATUS_REPORT))
    return TRUE;

  if (!lotse_store_sync_find_row (store, table->name, id, &after, error))
    return FALSE;

  lotse_health_pull_note_report (health, before, after);
  return TRUE;
}

/* Writes one row as the server has it, unless local edits wait for push
 * (the push that follows merges them) or the local copy is newer.
 * @values holds one value (or NULL) per field of @table. */
static gboolean
apply_remote_row (LotseStore                   *store,
                  const LotseTable             *table,
                  const char                   *id,
                  gint64                        rev,
                  gboolean                      deleted,
                  const LotseSyncValue * const *values,
                  const char                   *updated_at,
                  gboolean                      outbox_empty,
                  LotseHealthPull              *health,
                  LotseSyncStats               *stats,
                  GError                      **error)
{
  g_autoptr(LotseRecord) report = NULL;
  g_autofree char *now = NULL;
  gboolean has_outbox = FALSE;
  gboolean written = FALSE;

  if (!outbox_empty && !lotse_store_sync_row_has_outbox (store, table->name, id, &has_outbox, error))
    return FALSE;

  if (has_outbox)
    {
      stats->held_back++;
      return TRUE;
    }

  if (updated_at == NULL)
    updated_at = now = lotse_store_sync_now ();

  if (g_str_equal (table->name, LOTSE_TABLE_STATUS_REPORT) &&
      !lotse_store_sync_find_row (store, table->name, id, &report, error))
    return FALSE;

  if (!lotse_store_sync_put_remote (store, table, id, rev, deleted, values, updated_at, &written, error))
    return FALSE;

  if (written)
    stats->pulled++;
  return !written || note_for_health (store, health, table, id, report, error);
}

/* A newer server may know tables this version does not: their rows are
 * skipped (NULL without an error). */
static const LotseTable *
known_table (const char *name)
{
  const LotseTable *table = lotse_schema_lookup_table (name);

  if (table == NULL)
    g_debug ("Skipping a row of unknown table %s", name);

  return table;
}

static gboolean
apply_page_row (LotseStore              *store,
                const LotseSyncPage     *page,
                const LotseSyncPageRow  *row,
                gboolean                 outbox_empty,
                gboolean                 reconciling,
                LotseHealthPull         *health,
                LotseSyncStats          *stats,
                GError                 **error)
{
  const LotseTable *table;
  const LotseSyncValue **values;
  gboolean held = FALSE;

  if (row->table == NULL || row->id == NULL || !row->has_fields || !row->has_rev || row->deleted < 0 ||
      !lotse_is_uuid (row->id))
    return lotse_sync_protocol_error (error, "row");

  if ((table = known_table (row->table)) == NULL)
    return TRUE;

  values = g_newa (const LotseSyncValue *, table->n_fields);
  for (guint i = 0; i < table->n_fields; i++)
    values[i] = lotse_sync_page_get_value (page, row, table->fields[i].name);

  /* A row the server may have lost stays as it is until it is restated
   * (lotse-sync-restore.c). */
  if (reconciling &&
      !lotse_sync_reconcile_check_row (store, table, row->id, row->rev, row->deleted, values, &held, error))
    return FALSE;
  if (held)
    {
      stats->held_back++;
      return TRUE;
    }

  return apply_remote_row (store, table, row->id, row->rev, row->deleted, values, row->updated_at,
                           outbox_empty, health, stats, error);
}

/**
 * lotse_sync_apply_pull_page:
 * @store: the store
 * @server_id: the server the page came from
 * @page: the page `{"rows":[…],"next_cursor","more"}` (lotse_sync_page_parse())
 * @reconciling: whether rows are being restated after a restore: rows
 *   that may hold what the server lost are then not overwritten
 * @out_cursor: (out): the new cursor (seq)
 * @out_more: (out): whether more pages follow
 * @stats: counts to add to
 * @error: a location for a #GError
 *
 * Writes the rows, the new cursor and the page's mark in one transaction.
 */
gboolean
lotse_sync_apply_pull_page (LotseStore           *store,
                            const char           *server_id,
                            const LotseSyncPage  *page,
                            gboolean              reconciling,
                            gint64               *out_cursor,
                            gboolean             *out_more,
                            LotseSyncStats       *stats,
                            GError              **error)
{
  g_autoptr(LotseHealthPull) health = lotse_health_pull_new ();
  LotseSyncStats counts = { 0, };
  gint64 cursor = 0;
  gboolean outbox_empty = FALSE;
  guint n_rows = lotse_sync_page_get_n_rows (page);
  int more = lotse_sync_page_get_more (page);

  if (!lotse_sync_page_has_rows (page) || more < 0 ||
      !lotse_sync_parse_cursor (lotse_sync_page_get_next_cursor (page), &cursor))
    return lotse_sync_protocol_error (error, "pull");

  if (!lotse_store_begin (store, error))
    return FALSE;

  /* New rows are indexed for search together at the end of the page.
   * Applying the page adds nothing to the outbox. */
  if (n_rows > 0 &&
      (!lotse_search_defer_begin (store, error) ||
       !lotse_store_sync_outbox_is_empty (store, &outbox_empty, error)))
    {
      lotse_store_rollback (store);
      return FALSE;
    }

  for (guint i = 0; i < n_rows; i++)
    {
      if (!apply_page_row (store, page, lotse_sync_page_get_row (page, i), outbox_empty, reconciling, health,
                           &counts, error))
        {
          lotse_store_rollback (store);
          return FALSE;
        }
    }

  if (!lotse_health_pull_apply (health, store, error) ||
      (n_rows > 0 && !lotse_search_defer_end (store, error)) ||
      !lotse_store_sync_save_cursor (store, server_id, cursor, error) ||
      !lotse_sync_note_mark (store, server_id, lotse_sync_page_get_mark (page), lotse_sync_page_get_fork (page),
                             error) ||
      !lotse_store_commit (store, error))
    {
      lotse_store_rollback (store);
      return FALSE;
    }

  stats->pulled += counts.pulled;
  stats->held_back += counts.held_back;
  *out_cursor = cursor;
  *out_more = more;

  return TRUE;
}

/* The value of a field as it was written in JSON. */
static void
value_from_node (LotseSyncValue *value,
                 JsonNode       *node)
{
  value->kind = LOTSE_SYNC_VALUE_NULL;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return;
  if (!JSON_NODE_HOLDS_VALUE (node))
    {
      value->kind = LOTSE_SYNC_VALUE_OTHER;
      return;
    }

  switch (json_node_get_value_type (node))
    {
    case G_TYPE_STRING:
      value->kind = LOTSE_SYNC_VALUE_STRING;
      value->text = json_node_get_string (node);
      break;
    case G_TYPE_INT64:
      value->kind = LOTSE_SYNC_VALUE_INT;
      value->number = json_node_get_int (node);
      break;
    case G_TYPE_DOUBLE:
      value->kind = LOTSE_SYNC_VALUE_DOUBLE;
      value->real = json_node_get_double (node);
      break;
    case G_TYPE_BOOLEAN:
      value->kind = LOTSE_SYNC_VALUE_BOOL;
      value->number = json_node_get_boolean (node);
      break;
    default:
      value->kind = LOTSE_SYNC_VALUE_OTHER;
    }
}

/* A revision of GET /v1/items/{table}/{id}/history, written like a
 * pulled row. */
static gboolean
apply_history_row (LotseStore       *store,
                   const char       *table_name,
                   const char       *id,
                   JsonObject       *revision,
                   LotseHealthPull  *health,
                   LotseSyncStats   *stats,
                   GError          **error)
{
  JsonObject *fields = lotse_sync_json_get_object (revision, "fields");
  const LotseTable *table;
  g_autofree LotseSyncValue *storage = NULL;
  const LotseSyncValue **values;
  gboolean deleted = FALSE;
  gint64 rev = 0;

  if (fields == NULL || !lotse_sync_json_get_int (revision, "rev", &rev) ||
      !lotse_sync_json_get_bool (revision, "deleted", &deleted) || !lotse_is_uuid (id))
    return lotse_sync_protocol_error (error, "row");

  if ((table = known_table (table_name)) == NULL)
    return TRUE;

  storage = g_new0 (LotseSyncValue, table->n_fields);
  values = g_newa (const LotseSyncValue *, table->n_fields);
  for (guint i = 0; i < table->n_fields; i++)
    {
      JsonNode *node = json_object_get_member (fields, table->fields[i].name);

      value_from_node (&storage[i], node);
      values[i] = node ? &storage[i] : NULL;
    }

  return apply_remote_row (store, table, id, rev, deleted, values, lotse_sync_json_get_string (revision, "updated_at"),
                           FALSE, health, stats, error);
}

/**
 * lotse_sync_apply_history:
 *
 * Writes the newest revision of a row's history (GET
 * /v1/items/{table}/{id}/history) like a pulled row.
 */
gboolean
lotse_sync_apply_history (LotseStore      *store,
                          const char      *table,
                          const char      *id,
                          JsonNode        *answer,
                          LotseSyncStats  *stats,
                          GError         **error)
{
  JsonObject *root = answer && JSON_NODE_HOLDS_OBJECT (answer) ? json_node_get_object (answer) : NULL;
  JsonArray *revisions = lotse_sync_json_get_array (root, "revisions");
  g_autoptr(LotseHealthPull) health = lotse_health_pull_new ();
  JsonNode *last;
  LotseSyncStats counts = { 0, };

  if (revisions == NULL)
    return lotse_sync_protocol_error (error, "history");

  if (json_array_get_length (revisions) == 0)
    return TRUE;

  last = json_array_get_element (revisions, json_array_get_length (revisions) - 1);
  if (!JSON_NODE_HOLDS_OBJECT (last))
    return lotse_sync_protocol_error (error, "history");

  if (!lotse_store_begin (store, error))
    return FALSE;

  if (!apply_history_row (store, table, id, json_node_get_object (last), health, &counts, error) ||
      !lotse_health_pull_apply (health, store, error) ||
      !lotse_store_commit (store, error))
    {
      lotse_store_rollback (store);
      return FALSE;
    }

  stats->pulled += counts.pulled;
  stats->held_back += counts.held_back;
  return TRUE;
}
