/* lotse-portal-model.c: what the portal reads, a core store per workspace
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The server keeps rows as JSON per workspace, good for sync and useless
 * for a portfolio sorted by health or a full-text search with the app's
 * umlaut rules. Those queries exist once, in core, on a LotseStore. So
 * the portal reads a real store, a SQLite file per workspace in a
 * directory of its own, that follows the server's storage as a sync
 * client would: before each request the serving thread asks whether
 * anything was committed after the seq it has seen (one cheap
 * seq_range()); if so, a worker thread (lotse-portal-worker.c) pulls it
 * and writes those rows with the sync client's fast path
 * (lotse_store_sync_put_remote()). The same code serves both backends,
 * as it reads only through LotseServerStorage; with PostgreSQL, each
 * server process keeps its own copy. A new server id, or a history that
 * went back (a restored backup), starts the copy from nothing.
 *
 * The copy is never written otherwise and holds nothing the storage does
 * not: it is removed when the server stops and rebuilt when it starts.
 */

#define G_LOG_DOMAIN "lotse-portal"

#include "config.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>

#include "lotse-portal-model.h"
#include "lotse-store-sync.h"

/* Rows applied per transaction: a large office is copied in steps that
 * keep each write short. */
#define PULL_LIMIT 1000
/* Answers kept per workspace: the pages people page through between two
 * changes, not every page of a large office. */
#define CACHE_SIZE 512

typedef struct
{
  gpointer       value;
  GDestroyNotify free_func;
} CacheEntry;

struct _LotsePortalModel
{
  char       *path;
  LotseStore *store;
  char       *server_id;
  gint64      seq;
  char        digest[LOTSE_SERVER_DIGEST_LENGTH + 1];  /* of the history up to seq */
  GHashTable *cache;     /* key → CacheEntry */
  GHashTable *feeds;     /* feed key → LotseIcsFeed, kept for its next text */
  gboolean    fresh;        /* copied from nothing since it was last asked */
  GCancellable *cancellable;
};

static void
cache_entry_free (CacheEntry *entry)
{
  entry->free_func (entry->value);
  g_free (entry);
}

LotsePortalModel *
lotse_portal_model_new (const char *path)
{
  LotsePortalModel *self = g_new0 (LotsePortalModel, 1);

  self->path = g_strdup (path);
  self->cancellable = g_cancellable_new ();
  self->cache = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify)cache_entry_free);
  self->feeds = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                       (GDestroyNotify)lotse_ics_feed_free);
  return self;
}

static void
remove_files (const char *path)
{
  static const char * const suffixes[] = { "", "-wal", "-shm" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *name = g_strconcat (path, suffixes[i], NULL);

      g_unlink (name);
    }
}

static void
close_store (LotsePortalModel *self)
{
  g_hash_table_remove_all (self->cache);
  g_hash_table_remove_all (self->feeds);
  g_clear_object (&self->store);
  g_clear_pointer (&self->server_id, g_free);
  self->seq = 0;
  g_strlcpy (self->digest, LOTSE_SERVER_DIGEST_EMPTY, sizeof self->digest);
  remove_files (self->path);
}

void
lotse_portal_model_free (LotsePortalModel *self)
{
  if (self == NULL)
    return;

  close_store (self);
  g_hash_table_unref (self->cache);
  g_hash_table_unref (self->feeds);
  g_clear_object (&self->cancellable);
  g_free (self->path);
  g_free (self);
}

static gboolean
apply_row (LotseStore      *store,
           LotseServerRow  *row,
           GError         **error)
{
  const LotseTable *table = row->table;
  g_autofree LotseSyncValue *values = g_new0 (LotseSyncValue, table->n_fields);
  g_autofree const LotseSyncValue **pointers = g_new0 (const LotseSyncValue *, table->n_fields);
  gboolean written = FALSE;

  if (!lotse_server_row_fields_from_json (row, row->fields_json, error))
    return FALSE;

  for (guint i = 0; i < table->n_fields; i++)
    {
      const char *value = row->values[i];

      if (value == NULL)
        continue;
      values[i].name = table->fields[i].name;
      if (table->fields[i].type == LOTSE_FIELD_INT)
        {
          values[i].kind = LOTSE_SYNC_VALUE_INT;
          values[i].number = g_ascii_strtoll (value, NULL, 10);
        }
      else
        {
          values[i].kind = LOTSE_SYNC_VALUE_STRING;
          values[i].text = value;
        }
      pointers[i] = &values[i];
    }

  return lotse_store_sync_put_remote (store, table, row->id, row->rev, row->deleted,
                                      pointers, row->updated_at, &written, error);
}

static gboolean
apply_page (LotsePortalModel    *self,
            GPtrArray           *rows,
            GError             **error)
{
  if (!lotse_store_begin (self->store, error))
    return FALSE;

  for (guint i = 0; i < rows->len; i++)
    {
      LotseServerRow *row = g_ptr_array_index (rows, i);

      if (!apply_row (self->store, row, error))
        {
          lotse_store_rollback (self->store);
          return FALSE;
        }
      self->seq = row->seq;
    }

  return lotse_store_commit (self->store, error);
}

static gboolean
open_store (LotsePortalModel    *self,
            const char          *server_id,
            GError             **error)
{
  close_store (self);
  self->store = lotse_store_open (self->path, error);
  if (self->store == NULL)
    return FALSE;

  self->server_id = g_strdup (server_id);
  self->fresh = TRUE;
  return TRUE;
}

/* Pulls (seq, current] page by page. A failure leaves the store at the
 * last whole page, from where the next request goes on. */
static gboolean
pull (LotsePortalModel    *self,
      LotseServerStorage  *storage,
      gint64               current,
      GError             **error)
{
  while (self->seq < current)
    {
      g_autoptr(GPtrArray) rows = NULL;
      gint64 before = self->seq;

      if (g_cancellable_set_error_if_cancelled (self->cancellable, error))
        return FALSE;
      rows = storage->vtable->pull (storage, self->seq, current, PULL_LIMIT, error);
      if (rows == NULL || !apply_page (self, rows, error))
        return FALSE;
      if (rows->len == 0 || self->seq == before)
        break;
    }
  self->seq = current;
  return TRUE;
}

/* Whether the history up to the copy's seq is still the one it copied:
 * a backup restored without `server new-id` keeps the id and may even
 * reach the same seq again, with other rows. */
static gboolean
same_history (LotsePortalModel    *self,
              LotseServerStorage  *storage,
              gint64               current,
              const char          *digest,
              gboolean            *same,
              GError             **error)
{
  g_autofree char *then = NULL;

  if (current == self->seq)
    {
      *same = g_str_equal (digest, self->digest);
      return TRUE;
    }
  if (current < self->seq)
    {
      *same = FALSE;
      return TRUE;
    }

  then = storage->vtable->digest_at (storage, self->seq, error);
  if (then == NULL && error != NULL && *error != NULL)
    return FALSE;
  *same = g_strcmp0 (then, self->digest) == 0;
  return TRUE;
}

LotseStore *
lotse_portal_model_update (LotsePortalModel    *self,
                           LotseServerStorage  *storage,
                           GError             **error)
{
  const char *server_id = storage->vtable->get_server_id (storage);
  char digest[LOTSE_SERVER_DIGEST_LENGTH + 1] = { 0 };
  gint64 horizon = 0;
  gint64 current = 0;
  gboolean same = FALSE;

  g_return_val_if_fail (self != NULL, NULL);

  if (!storage->vtable->seq_range (storage, &horizon, &current, digest, error))
    return NULL;

  if (self->store != NULL && g_strcmp0 (self->server_id, server_id) == 0 &&
      !same_history (self, storage, current, digest, &same, error))
    return NULL;
  if (!same && !open_store (self, server_id, error))
    return NULL;

  if (current > self->seq)
    {
      g_hash_table_remove_all (self->cache);
      if (!pull (self, storage, current, error))
        return NULL;
      g_strlcpy (self->digest, digest, sizeof self->digest);
    }

  return self->store;
}

gboolean
lotse_portal_model_is_current (LotsePortalModel    *self,
                               LotseServerStorage  *storage,
                               gboolean            *out_current,
                               GError             **error)
{
  char digest[LOTSE_SERVER_DIGEST_LENGTH + 1] = { 0 };
  gint64 horizon = 0;
  gint64 current = 0;

  *out_current = FALSE;
  if (!storage->vtable->seq_range (storage, &horizon, &current, digest, error))
    return FALSE;

  *out_current = self->store != NULL && current == self->seq &&
                 g_strcmp0 (self->server_id, storage->vtable->get_server_id (storage)) == 0 &&
                 g_str_equal (digest, self->digest);
  return TRUE;
}

LotseStore *
lotse_portal_model_get_store (LotsePortalModel *self)
{
  return self->store;
}

void
lotse_portal_model_cancel (LotsePortalModel *self)
{
  g_cancellable_cancel (self->cancellable);
}

gconstpointer
lotse_portal_model_cache_lookup (LotsePortalModel *self,
                                 const char       *key)
{
  CacheEntry *entry = g_hash_table_lookup (self->cache, key);

  return entry != NULL ? entry->value : NULL;
}

void
lotse_portal_model_cache_insert (LotsePortalModel *self,
                                 const char       *key,
                                 gpointer          value,
                                 GDestroyNotify    free_func)
{
  CacheEntry *entry = g_new (CacheEntry, 1);

  if (g_hash_table_size (self->cache) >= CACHE_SIZE)
    g_hash_table_remove_all (self->cache);

  entry->value = value;
  entry->free_func = free_func;
  g_hash_table_replace (self->cache, g_strdup (key), entry);
}

/* The feed @key of the read model, made on first use: unlike the cache,
 * it outlives a change of the data, which is what it is for. */
LotseIcsFeed *
lotse_portal_model_get_feed (LotsePortalModel *self,
                             const char       *key)
{
  LotseIcsFeed *feed = g_hash_table_lookup (self->feeds, key);

  if (feed == NULL)
    {
      feed = lotse_ics_feed_new (self->store);
      g_hash_table_insert (self->feeds, g_strdup (key), feed);
    }
  return feed;
}

/* Removes the files of one read model directory and the directory. */
void
lotse_portal_model_remove_dir (const char *dir)
{
  g_autoptr(GDir) entries = g_dir_open (dir, 0, NULL);
  const char *name;

  while (entries != NULL && (name = g_dir_read_name (entries)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      if (g_str_has_suffix (name, ".db") || g_str_has_suffix (name, ".db-wal") ||
          g_str_has_suffix (name, ".db-shm") || g_str_has_suffix (name, ".db-journal"))
        g_unlink (path);
    }
  g_rmdir (dir);
}

/* A server that is killed leaves its read models behind: tens of MB for
 * a large office. Their directories name the process ("lotse-portal-PID-
 * XXXXXX"), so the next server removes those whose process is gone. */
static void
remove_stale_copies (const char *tmp)
{
  g_autoptr(GDir) entries = g_dir_open (tmp, 0, NULL);
  const char *name;

  while (entries != NULL && (name = g_dir_read_name (entries)) != NULL)
    {
      g_autofree char *dir = NULL;
      const char *rest;
      char *end = NULL;
      gint64 pid;

      if (!g_str_has_prefix (name, "lotse-portal-"))
        continue;
      rest = name + strlen ("lotse-portal-");
      pid = g_ascii_strtoll (rest, &end, 10);
      if (end == rest || *end != '-' || pid <= 0 || pid > G_MAXINT ||
          kill ((pid_t)pid, 0) == 0 || errno != ESRCH)
        continue;
      dir = g_build_filename (tmp, name, NULL);
      lotse_portal_model_remove_dir (dir);
    }
}

/* A directory of its own for the read models of this process, in the
 * temporary directory. */
char *
lotse_portal_model_make_dir (GError **error)
{
  g_autofree char *template = g_strdup_printf ("lotse-portal-%d-XXXXXX", (int)getpid ());

  remove_stale_copies (g_get_tmp_dir ());
  return g_dir_make_tmp (template, error);
}

/* Whether the copy was made from nothing since the last call: the first
 * copy, or a copy anew after a restored backup. */
gboolean
lotse_portal_model_take_fresh (LotsePortalModel *self)
{
  gboolean fresh = self->fresh;

  self->fresh = FALSE;
  return fresh;
}
