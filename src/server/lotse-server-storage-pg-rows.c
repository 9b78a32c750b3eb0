/* lotse-server-storage-pg-rows.c: rows, history and pulls in PostgreSQL
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A push transaction (PgTx) holds its workspace's lock (see
 * lotse-server-storage-pg.c), so nobody else writes the workspace's rows
 * and push results meanwhile: what it read once, it keeps, and what it
 * writes goes into its cache and is sent in bulk (COPY for the history
 * and the push results, one upsert of all changed rows) before COMMIT, or
 * before a read the cache cannot answer (the history of a row). prefetch()
 * reads every row and op_id a push will look at in two queries. A push of
 * a thousand changes thus costs about ten round trips instead of five
 * thousand.
 */

#define G_LOG_DOMAIN "lotse-server"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "lotse-server-storage-pg-private.h"

typedef struct
{
  char *account;
  char *result;
} OpEntry;

struct _PgTx
{
  gint64      ws;
  gint64      first_seq;    /* the counter when the transaction began */
  gint64      seq;          /* the counter with this transaction's revisions */
  gint64      horizon;
  char        digest[LOTSE_SERVER_DIGEST_LENGTH + 1];
  GHashTable *rows;         /* row key → LotseServerRow, or NULL: there is none */
  GHashTable *ops;          /* op_id → OpEntry, or NULL: unknown */
  GString    *history;      /* COPY text of revisions not sent yet */
  GString    *op_lines;     /* COPY text of push results not sent yet */
  GHashTable *dirty;        /* keys of rows written and not sent yet */
};

static void
op_entry_free (OpEntry *entry)
{
  if (entry == NULL)
    return;
  g_free (entry->account);
  g_free (entry->result);
  g_free (entry);
}

PgTx *
pg_tx_new (gint64      ws,
           gint64      seq,
           const char *digest,
           gint64      horizon)
{
  PgTx *tx = g_new0 (PgTx, 1);

  tx->ws = ws;
  tx->first_seq = tx->seq = seq;
  tx->horizon = horizon;
  g_strlcpy (tx->digest, digest, sizeof tx->digest);
  tx->rows = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify)lotse_server_row_free);
  tx->ops = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify)op_entry_free);
  tx->history = g_string_new (NULL);
  tx->op_lines = g_string_new (NULL);
  tx->dirty = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  return tx;
}

void
pg_tx_free (PgTx *tx)
{
  g_hash_table_unref (tx->dirty);
  g_hash_table_unref (tx->rows);
  g_hash_table_unref (tx->ops);
  g_string_free (tx->history, TRUE);
  g_string_free (tx->op_lines, TRUE);
  g_free (tx);
}

gboolean
pg_tx_head (PgTx        *tx,
            gint64      *seq,
            const char **digest)
{
  *seq = tx->seq;
  *digest = tx->digest;
  return tx->seq != tx->first_seq;
}

void
pg_tx_set_head (PgTx       *tx,
                gint64      seq,
                const char *digest)
{
  tx->seq = seq;
  g_strlcpy (tx->digest, digest, sizeof tx->digest);
}

/* The push transaction of this handle's workspace, if one is open. */
static PgTx *
current_tx (PgStorage *self)
{
  PgTx *tx = self->db->tx;

  return tx != NULL && tx->ws == self->ws ? tx : NULL;
}

static char *
row_key (const char *table,
         const char *id)
{
  return g_strconcat (table, "\x1f", id, NULL);
}

static gboolean
send_rows (PgStorage  *self,
           PgTx       *tx,
           GError    **error)
{
  GString *arrays[7];
  const char *params[7];
  GHashTableIter iter;
  const char *key;
  PGresult *result;

  for (guint i = 0; i < G_N_ELEMENTS (arrays); i++)
    arrays[i] = g_string_new ("{");

  g_hash_table_iter_init (&iter, tx->dirty);
  while (g_hash_table_iter_next (&iter, (gpointer *)&key, NULL))
    {
      const LotseServerRow *row = g_hash_table_lookup (tx->rows, key);
      PgInt rev, seq;

      pg_array_append (arrays[0], row->table->name);
      pg_array_append (arrays[1], row->id);
      pg_array_append (arrays[2], pg_int (&rev, row->rev));
      pg_array_append (arrays[3], pg_int (&seq, row->seq));
      pg_array_append (arrays[4], row->deleted ? "1" : "0");
      pg_array_append (arrays[5], row->fields_json);
      pg_array_append (arrays[6], row->updated_at);
    }
  for (guint i = 0; i < G_N_ELEMENTS (arrays); i++)
    {
      g_string_truncate (arrays[i], arrays[i]->len - 1);
      g_string_append_c (arrays[i], '}');
      params[i] = arrays[i]->str;
    }

  result = pg_exec_ws (self, PG_ROWS_UPSERT, G_N_ELEMENTS (params), params, error);
  for (guint i = 0; i < G_N_ELEMENTS (arrays); i++)
    g_string_free (arrays[i], TRUE);
  if (result == NULL)
    return FALSE;

  PQclear (result);
  g_hash_table_remove_all (tx->dirty);
  return TRUE;
}

gboolean
pg_tx_flush (PgStorage  *self,
             GError    **error)
{
  PgTx *tx = self->db->tx;

  if (tx == NULL)
    return TRUE;

  if (tx->history->len > 0)
    {
      if (!pg_copy_in (self, "history (ws, seq, tbl, id, rev, deleted, fields, device_id, account,"
                             " committed_at, digest)", tx->history, error))
        return FALSE;
      g_string_truncate (tx->history, 0);
    }
  if (tx->op_lines->len > 0)
    {
      if (!pg_copy_in (self, "ops (ws, op_id, account, result)", tx->op_lines, error))
        return FALSE;
      g_string_truncate (tx->op_lines, 0);
    }

  return g_hash_table_size (tx->dirty) == 0 || send_rows (self, tx, error);
}

/* A row of a result: rev, seq, deleted, fields, updated_at from @first on,
 * then device_id and account (@with_origin). @raw: fields as text only. */
static LotseServerRow *
row_from_result (PGresult          *result,
                 int                i,
                 int                first,
                 const LotseTable  *table,
                 const char        *id,
                 gboolean           with_origin,
                 gboolean           raw,
                 GError           **error)
{
  g_autoptr(LotseServerRow) row = lotse_server_row_new (table, id);

  row->rev = pg_get_int (result, i, first);
  row->seq = pg_get_int (result, i, first + 1);
  row->deleted = pg_get_int (result, i, first + 2) != 0;
  if (raw)
    row->fields_json = pg_get_dup (result, i, first + 3);
  else if (!lotse_server_row_fields_from_json (row, PQgetvalue (result, i, first + 3), error))
    return NULL;
  row->updated_at = pg_get_dup (result, i, first + 4);
  if (with_origin)
    {
      row->device_id = pg_get_dup (result, i, first + 5);
      row->account = pg_get_dup (result, i, first + 6);
    }

  return g_steal_pointer (&row);
}

LotseServerRow *
pg_row_get (LotseServerStorage  *storage,
            const LotseTable    *table,
            const char          *id,
            GError             **error)
{
  PgStorage *self = (PgStorage *)storage;
  PgTx *tx = current_tx (self);
  const char *params[] = { table->name, id };
  g_autofree char *key = NULL;
  LotseServerRow *cached = NULL;
  LotseServerRow *row = NULL;
  PGresult *result;

  if (tx != NULL)
    {
      key = row_key (table->name, id);
      if (g_hash_table_lookup_extended (tx->rows, key, NULL, (gpointer *)&cached))
        return cached != NULL ? lotse_server_row_copy (cached) : NULL;
    }

  result = pg_exec_ws (self, PG_ROW_GET, G_N_ELEMENTS (params), params, error);
  if (result == NULL)
    return NULL;
  if (PQntuples (result) > 0)
    row = row_from_result (result, 0, 0, table, id, FALSE, FALSE, error);
  PQclear (result);

  if (tx != NULL && (row != NULL || error == NULL || *error == NULL))
    g_hash_table_insert (tx->rows, g_steal_pointer (&key), row != NULL ? lotse_server_row_copy (row) : NULL);
  return row;
}

gboolean
pg_row_exists (LotseServerStorage  *storage,
               const LotseTable    *table,
               const char          *id,
               gboolean            *out_exists,
               GError             **error)
{
  PgStorage *self = (PgStorage *)storage;
  PgTx *tx = current_tx (self);
  const char *params[] = { table->name, id };
  LotseServerRow *cached;
  PGresult *result;

  if (tx != NULL)
    {
      g_autofree char *key = row_key (table->name, id);

      if (g_hash_table_lookup_extended (tx->rows, key, NULL, (gpointer *)&cached))
        {
          *out_exists = cached != NULL;
          return TRUE;
        }
    }

  result = pg_exec_ws (self, PG_ROW_EXISTS, G_N_ELEMENTS (params), params, error);
  if (result == NULL)
    return FALSE;
  *out_exists = PQntuples (result) > 0;
  PQclear (result);
  return TRUE;
}

/* Revisions of one row, from the database (after what the transaction
 * wrote has been sent). */
static GPtrArray *
read_revisions (PgStorage         *self,
                PgStmt             stmt,
                const LotseTable  *table,
                const char        *id,
                gint64             rev,
                GError           **error)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify)lotse_server_row_free);
  PgInt rev_text;
  const char *params[] = { table->name, id, pg_int (&rev_text, rev) };
  PGresult *result;

  if (!pg_tx_flush (self, error))
    return NULL;
  result = pg_exec_ws (self, stmt, G_N_ELEMENTS (params), params, error);
  if (result == NULL)
    return NULL;

  for (int i = 0; i < PQntuples (result); i++)
    {
      LotseServerRow *row = row_from_result (result, i, 0, table, id, TRUE, FALSE, error);

      if (row == NULL)
        {
          PQclear (result);
          return NULL;
        }
      g_ptr_array_add (rows, row);
    }
  PQclear (result);

  return g_steal_pointer (&rows);
}

LotseServerRow *
pg_revision_get (LotseServerStorage  *storage,
                 const LotseTable    *table,
                 const char          *id,
                 gint64               rev,
                 GError             **error)
{
  g_autoptr(GPtrArray) rows = read_revisions ((PgStorage *)storage, PG_REVISION_GET, table, id, rev, error);

  if (rows == NULL || rows->len == 0)
    return NULL;
  return g_ptr_array_steal_index (rows, 0);
}

GPtrArray *
pg_history (LotseServerStorage  *storage,
            const LotseTable    *table,
            const char          *id,
            gint64               from_rev,
            GError             **error)
{
  return read_revisions ((PgStorage *)storage, PG_HISTORY, table, id, from_rev, error);
}

gboolean
pg_revision_write (LotseServerStorage  *storage,
                   LotseServerRow      *row,
                   GError             **error)
{
  PgStorage *self = (PgStorage *)storage;
  PgTx *tx = current_tx (self);
  char *fields = lotse_server_row_fields_to_json (row);
  LotseServerRow *cached;
  PgInt ws, seq, rev;

  g_return_val_if_fail (tx != NULL, FALSE);

  if (row->updated_at == NULL)
    row->updated_at = lotse_server_now_iso8601 ();
  row->seq = ++tx->seq;
  pg_int (&rev, row->rev);
  {
    const char * const revision[8] = {
      row->table->name, row->id, rev.text, row->deleted ? "1" : "0", fields, row->device_id, row->account,
      row->updated_at,
    };

    lotse_server_chain_digest (tx->digest, revision, tx->digest);
  }

  pg_copy_append (tx->history, pg_int (&ws, self->ws), '\t');
  pg_copy_append (tx->history, pg_int (&seq, row->seq), '\t');
  pg_copy_append (tx->history, row->table->name, '\t');
  pg_copy_append (tx->history, row->id, '\t');
  pg_copy_append (tx->history, rev.text, '\t');
  pg_copy_append (tx->history, row->deleted ? "1" : "0", '\t');
  pg_copy_append (tx->history, fields, '\t');
  pg_copy_append (tx->history, row->device_id, '\t');
  pg_copy_append (tx->history, row->account, '\t');
  pg_copy_append (tx->history, row->updated_at, '\t');
  pg_copy_append (tx->history, tx->digest, '\n');

  cached = lotse_server_row_copy (row);
  g_free (cached->fields_json);
  cached->fields_json = fields;
  {
    char *key = row_key (row->table->name, row->id);

    g_hash_table_add (tx->dirty, g_strdup (key));
    g_hash_table_replace (tx->rows, key, cached);
  }
  return TRUE;
}

gboolean
pg_op_get (LotseServerStorage  *storage,
           const char          *op_id,
           char               **account,
           char               **result_json,
           GError             **error)
{
  PgStorage *self = (PgStorage *)storage;
  PgTx *tx = current_tx (self);
  g_autofree char *array = NULL;
  const OpEntry *entry = NULL;
  PGresult *result;
  gboolean found;

  if (tx == NULL || !g_hash_table_lookup_extended (tx->ops, op_id, NULL, (gpointer *)&entry))
    {
      g_autoptr(GString) literal = g_string_new ("{");

      pg_array_append (literal, op_id);
      literal->str[literal->len - 1] = '}';
      array = g_string_free (g_steal_pointer (&literal), FALSE);
      result = pg_exec_ws (self, PG_OPS_GET, 1, (const char *[]) { array }, error);
      if (result == NULL)
        return FALSE;
      found = PQntuples (result) > 0;
      if (found)
        {
          *account = pg_get_dup (result, 0, 1);
          *result_json = pg_get_dup (result, 0, 2);
        }
      PQclear (result);
      return found;
    }

  if (entry == NULL)
    return FALSE;
  *account = g_strdup (entry->account);
  *result_json = g_strdup (entry->result);
  return TRUE;
}

gboolean
pg_op_put (LotseServerStorage  *storage,
           const char          *op_id,
           const char          *account,
           const char          *result_json,
           GError             **error)
{
  PgStorage *self = (PgStorage *)storage;
  PgTx *tx = current_tx (self);
  OpEntry *entry;
  PgInt ws;

  g_return_val_if_fail (tx != NULL, FALSE);

  pg_copy_append (tx->op_lines, pg_int (&ws, self->ws), '\t');
  pg_copy_append (tx->op_lines, op_id, '\t');
  pg_copy_append (tx->op_lines, account, '\t');
  pg_copy_append (tx->op_lines, result_json, '\n');

  entry = g_new0 (OpEntry, 1);
  entry->account = g_strdup (account);
  entry->result = g_strdup (result_json);
  g_hash_table_replace (tx->ops, g_strdup (op_id), entry);
  return TRUE;
}

static PgHead *
read_head (PgStorage  *self,
           GError    **error)
{
  PGresult *result = pg_exec_ws (self, PG_WORKSPACE_HEAD, 0, NULL, error);
  PgHead *head;

  if (result == NULL)
    return NULL;
  if (PQntuples (result) == 0)
    {
      PQclear (result);
      g_set_error (error, LOTSE_SERVER_STORAGE_ERROR, LOTSE_SERVER_STORAGE_ERROR_NO_WORKSPACE,
                   _("There is no workspace “%s”"), self->name);
      return NULL;
    }

  head = g_new0 (PgHead, 1);
  head->seq = pg_get_int (result, 0, 0);
  g_strlcpy (head->digest, PQgetvalue (result, 0, 1), sizeof head->digest);
  head->horizon = pg_get_int (result, 0, 2);
  PQclear (result);
  return head;
}

/* Outside a push, the head kept until a notification says it moved (see
 * the top of lotse-server-storage-pg.c). */
gboolean
pg_seq_range (LotseServerStorage  *storage,
              gint64              *horizon,
              gint64              *current,
              char                *digest,
              GError             **error)
{
  PgStorage *self = (PgStorage *)storage;
  PgTx *tx = current_tx (self);
  g_autofree PgHead *read = NULL;
  const PgHead *head;

  if (tx != NULL)
    {
      *horizon = tx->horizon;
      *current = tx->seq;
      if (digest != NULL)
        memcpy (digest, tx->digest, sizeof tx->digest);
      return TRUE;
    }

  if (!lotse_server_storage_check_workspace (self->ws, error) || !pg_listen (self, error))
    return FALSE;
  head = g_hash_table_lookup (self->db->heads, &self->ws);
  if (head == NULL)
    {
      read = read_head (self, error);
      if (read == NULL)
        return FALSE;
      head = read;
      /* Not kept when the statement ran on a new connection that does
       * not listen yet. */
      if (self->db->listening)
        g_hash_table_insert (self->db->heads, g_memdup2 (&self->ws, sizeof self->ws), g_steal_pointer (&read));
    }

  *current = head->seq;
  *horizon = head->horizon;
  if (digest != NULL)
    memcpy (digest, head->digest, sizeof head->digest);
  return TRUE;
}

void
pg_forget_head (LotseServerStorage *storage)
{
  PgStorage *self = (PgStorage *)storage;

  g_hash_table_remove (self->db->heads, &self->ws);
}

char *
pg_digest_at (LotseServerStorage  *storage,
              gint64               seq,
              GError             **error)
{
  PgStorage *self = (PgStorage *)storage;
  PgTx *tx = current_tx (self);
  PgInt seq_text;
  const char *params[] = { pg_int (&seq_text, seq) };
  PGresult *result;
  char *digest = NULL;

  if (seq == 0)
    return g_strdup (LOTSE_SERVER_DIGEST_EMPTY);
  if (tx != NULL && seq == tx->seq)
    return g_strdup (tx->digest);
  if (!pg_tx_flush (self, error))
    return NULL;

  result = pg_exec_ws (self, PG_DIGEST_AT, G_N_ELEMENTS (params), params, error);
  if (result == NULL)
    return NULL;
  if (PQntuples (result) > 0)
    digest = pg_get_dup (result, 0, 0);
  PQclear (result);

  return digest;
}

GPtrArray *
pg_pull (LotseServerStorage  *storage,
         gint64               after,
         gint64               upto,
         guint                limit,
         GError             **error)
{
  PgStorage *self = (PgStorage *)storage;
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify)lotse_server_row_free);
  PgInt after_text, upto_text, limit_text;
  const char *params[] = { pg_int (&after_text, after), pg_int (&upto_text, upto), pg_int (&limit_text, limit) };
  PGresult *result;

  if (!pg_tx_flush (self, error))
    return NULL;
  result = pg_exec_ws (self, PG_PULL, G_N_ELEMENTS (params), params, error);
  if (result == NULL)
    return NULL;

  for (int i = 0; i < PQntuples (result); i++)
    {
      const LotseTable *table = lotse_schema_lookup_table (PQgetvalue (result, i, 0));

      /* A table a newer schema dropped: nothing a client could store. */
      if (table != NULL)
        g_ptr_array_add (rows, row_from_result (result, i, 2, table, PQgetvalue (result, i, 1), FALSE, TRUE, NULL));
    }
  PQclear (result);

  return g_steal_pointer (&rows);
}

/* Reads the rows of @keys not read yet, and marks those the database
 * does not have. */
static gboolean
prefetch_rows (PgStorage                *self,
               PgTx                     *tx,
               const LotseServerRowKey  *keys,
               guint                     n_keys,
               GError                  **error)
{
  g_autoptr(GString) tables = g_string_new ("{");
  g_autoptr(GString) ids = g_string_new ("{");
  const char *params[2];
  PGresult *result;
  guint wanted = 0;

  for (guint i = 0; i < n_keys; i++)
    {
      char *key = row_key (keys[i].table->name, keys[i].id);

      if (g_hash_table_contains (tx->rows, key))
        {
          g_free (key);
          continue;
        }
      g_hash_table_insert (tx->rows, key, NULL);
      pg_array_append (tables, keys[i].table->name);
      pg_array_append (ids, keys[i].id);
      wanted++;
    }
  if (wanted == 0)
    return TRUE;

  tables->str[tables->len - 1] = '}';
  ids->str[ids->len - 1] = '}';
  params[0] = tables->str;
  params[1] = ids->str;
  result = pg_exec_ws (self, PG_ROWS_GET, 2, params, error);
  if (result == NULL)
    return FALSE;

  for (int i = 0; i < PQntuples (result); i++)
    {
      const LotseTable *table = lotse_schema_lookup_table (PQgetvalue (result, i, 0));
      LotseServerRow *row;

      if (table == NULL)
        continue;
      row = row_from_result (result, i, 2, table, PQgetvalue (result, i, 1), FALSE, FALSE, error);
      if (row == NULL)
        {
          PQclear (result);
          return FALSE;
        }
      g_hash_table_replace (tx->rows, row_key (table->name, row->id), row);
    }
  PQclear (result);
  return TRUE;
}

static gboolean
prefetch_ops (PgStorage           *self,
              PgTx                *tx,
              const char * const  *op_ids,
              guint                n_op_ids,
              GError             **error)
{
  g_autoptr(GString) array = g_string_new ("{");
  PGresult *result;

  for (guint i = 0; i < n_op_ids; i++)
    {
      if (g_hash_table_contains (tx->ops, op_ids[i]))
        continue;
      g_hash_table_insert (tx->ops, g_strdup (op_ids[i]), NULL);
      pg_array_append (array, op_ids[i]);
    }
  if (array->len == 1)
    return TRUE;

  array->str[array->len - 1] = '}';
  result = pg_exec_ws (self, PG_OPS_GET, 1, (const char *[]) { array->str }, error);
  if (result == NULL)
    return FALSE;

  for (int i = 0; i < PQntuples (result); i++)
    {
      OpEntry *entry = g_new0 (OpEntry, 1);

      entry->account = pg_get_dup (result, i, 1);
      entry->result = pg_get_dup (result, i, 2);
      g_hash_table_replace (tx->ops, pg_get_dup (result, i, 0), entry);
    }
  PQclear (result);
  return TRUE;
}

gboolean
pg_prefetch (LotseServerStorage       *storage,
             const LotseServerRowKey  *keys,
             guint                     n_keys,
             const char * const       *op_ids,
             guint                     n_op_ids,
             GError                  **error)
{
  PgStorage *self = (PgStorage *)storage;
  PgTx *tx = current_tx (self);

  if (tx == NULL)
    return TRUE;

  return prefetch_rows (self, tx, keys, n_keys, error) && prefetch_ops (self, tx, op_ids, n_op_ids, error);
}
