/* lotse-store.c: the local SQLite database, the only writer
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Opening and migrating the file, its locks, transactions and the
 * ::changed signal. Records are written in lotse-store-write.c and read in
 * lotse-store-select.c, through the statement cache and transactions of
 * this file.
 */

#define G_LOG_DOMAIN "lotse-store"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <sqlite3.h>

#include "lotse-collate-private.h"
#include "lotse-core-resources.h"
#include "lotse-error.h"
#include "lotse-search-private.h"
#include "lotse-store-files.h"
#include "lotse-store-private.h"

#define LOTSE_APPLICATION_ID 1280267347 /* 'LOTS' */
#define BUSY_TIMEOUT_MS      5000
/* cache_size in KiB (negative): SQLite's default, and that of many writes. */
#define DEFAULT_CACHE        "-2000"
#define LARGE_CACHE          "-65536"

struct _LotseStore
{
  GObject     parent_instance;

  char       *path;
  sqlite3    *db;
  GHashTable *statements;      /* SQL text → sqlite3_stmt */
  GHashTable *pending_changes; /* table name → changed id or NULL for many, until commit */
  guint       depth;           /* nesting of begin/commit and of internal writes */
  guint       savepoint;       /* counter for unique savepoint names */
  int         schema_version;
  gboolean    bulk;            /* see lotse_store_set_bulk_mode() */
  gboolean    large_cache;     /* see lotse_store_set_large_cache() */
  gboolean    read_only;       /* a reader's connection: lotse_store_open_read_only() */
  GThread    *checkpointer;    /* moves the WAL of bulk writes into the database */
  gint        checkpointed;    /* set by the checkpointer when it is done */
  GPtrArray  *traced;          /* see lotse_store_trace() */
};

enum {
  CHANGED,
  N_SIGNALS
};

G_DEFINE_FINAL_TYPE (LotseStore, lotse_store, G_TYPE_OBJECT)

static void
finalize_statement (gpointer stmt)
{
  sqlite3_finalize (stmt);
}

static guint signals[N_SIGNALS];

static const char * const migrations[] = {
  "/app/lotse/Lotse/core/migrations/001-initial.sql",
  "/app/lotse/Lotse/core/migrations/002-search.sql",
  "/app/lotse/Lotse/core/migrations/003-monitor.sql",
  "/app/lotse/Lotse/core/migrations/004-sync.sql",
  "/app/lotse/Lotse/core/migrations/005-search-deferred.sql",
  "/app/lotse/Lotse/core/migrations/006-sync-restore.sql",
  "/app/lotse/Lotse/core/migrations/007-office.sql",
  "/app/lotse/Lotse/core/migrations/008-sync-account.sql",
  "/app/lotse/Lotse/core/migrations/009-monitor-scope.sql",
  "/app/lotse/Lotse/core/migrations/010-search-prefix.sql",
  "/app/lotse/Lotse/core/migrations/011-monitor-covering.sql",
  "/app/lotse/Lotse/core/migrations/012-minutes-approval.sql",
  "/app/lotse/Lotse/core/migrations/013-attachments.sql",
  "/app/lotse/Lotse/core/migrations/014-finance.sql",
  "/app/lotse/Lotse/core/migrations/015-meeting-lines.sql",
  "/app/lotse/Lotse/core/migrations/016-approval-item.sql",
  "/app/lotse/Lotse/core/migrations/017-action-item-notes.sql",
  "/app/lotse/Lotse/core/migrations/018-agenda-proposals.sql",
  "/app/lotse/Lotse/core/migrations/019-expenditure-sums.sql",
  "/app/lotse/Lotse/core/migrations/020-expenditure-newest.sql",
};

G_STATIC_ASSERT (G_N_ELEMENTS (migrations) == LOTSE_STORE_SCHEMA_VERSION);

static void
lotse_store_finalize (GObject *object)
{
  LotseStore *self = (LotseStore *)object;

  g_clear_pointer (&self->checkpointer, g_thread_join);
  g_clear_pointer (&self->statements, g_hash_table_unref);
  g_clear_pointer (&self->pending_changes, g_hash_table_unref);
  g_clear_pointer (&self->traced, g_ptr_array_unref);
  if (self->db != NULL)
    sqlite3_close_v2 (g_steal_pointer (&self->db));
  g_clear_pointer (&self->path, g_free);

  G_OBJECT_CLASS (lotse_store_parent_class)->finalize (object);
}

static void
lotse_store_class_init (LotseStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = lotse_store_finalize;

  /**
   * LotseStore::changed:
   * @store: the store
   * @table: the table that changed
   * @id: (nullable): the row that changed, or %NULL when many rows did
   *
   * Emitted after a write was committed.
   */
  signals[CHANGED] =
    g_signal_new ("changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_STRING);
}

static void
lotse_store_init (LotseStore *self)
{
  self->statements = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                            finalize_statement);
  self->pending_changes = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
}

static gboolean
set_sqlite_error (GError     **error,
                  sqlite3     *db,
                  const char  *what)
{
  int code = sqlite3_extended_errcode (db);
  int primary = code & 0xff;

  if (primary == SQLITE_CORRUPT || primary == SQLITE_NOTADB)
    g_set_error (error, LOTSE_ERROR, LOTSE_ERROR_CORRUPT,
                 _("The database is damaged or not a Lotse database (%s)"),
                 sqlite3_errmsg (db));
  else if (primary == SQLITE_BUSY)
    g_set_error (error, LOTSE_ERROR, LOTSE_ERROR_BUSY,
                 ngettext ("“%s” is in use by another program, which kept it locked for more than "
                           "%d second; nothing was changed. Try again later.",
                           "“%s” is in use by another program, which kept it locked for more than "
                           "%d seconds; nothing was changed. Try again later.",
                           BUSY_TIMEOUT_MS / 1000),
                 sqlite3_db_filename (db, "main"), BUSY_TIMEOUT_MS / 1000);
  else
    g_set_error (error, LOTSE_ERROR, LOTSE_ERROR_DATABASE,
                 _("Database error: %s"), sqlite3_errmsg (db));

  g_debug ("SQLite error %d while %s: %s", code, what, sqlite3_errmsg (db));

  return FALSE;
}

static sqlite3_stmt *
prepare (LotseStore  *self,
         const char  *sql,
         GError     **error)
{
  sqlite3_stmt *stmt = g_hash_table_lookup (self->statements, sql);

  if (stmt != NULL)
    {
      sqlite3_reset (stmt);
      sqlite3_clear_bindings (stmt);
      return stmt;
    }

  if (sqlite3_prepare_v3 (self->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL) != SQLITE_OK)
    {
      set_sqlite_error (error, self->db, "preparing a query");
      return NULL;
    }

  g_hash_table_insert (self->statements, g_strdup (sql), stmt);

  return stmt;
}

static gboolean
exec (LotseStore  *self,
      const char  *sql,
      GError     **error)
{
  if (sqlite3_exec (self->db, sql, NULL, NULL, NULL) != SQLITE_OK)
    return set_sqlite_error (error, self->db, "writing");

  return TRUE;
}

void
lotse_store_bind_text (sqlite3_stmt *stmt,
                       int           column,
                       const char   *value)
{
  if (value == NULL)
    sqlite3_bind_null (stmt, column);
  else
    sqlite3_bind_text (stmt, column, value, -1, SQLITE_TRANSIENT);
}

void
lotse_store_bind_value (sqlite3_stmt     *stmt,
                        int               column,
                        const LotseField *field,
                        const char       *value)
{
  gint64 number;

  if (value != NULL && field->type == LOTSE_FIELD_INT &&
      g_ascii_string_to_signed (value, 10, G_MININT64, G_MAXINT64, &number, NULL))
    sqlite3_bind_int64 (stmt, column, number);
  else
    lotse_store_bind_text (stmt, column, value);
}

/* Reads single integer pragmas and the schema catalogue without writing,
 * so that a file that is refused stays byte for byte as it was. */
static gboolean
check_existing_file (const char  *path,
                     GError     **error)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 user_version = 0;
  gint64 application_id = 0;
  gint64 n_objects = 0;
  const char *queries[] = {
    "PRAGMA user_version",
    "PRAGMA application_id",
    "SELECT count(*) FROM sqlite_master",
  };
  gint64 *results[] = { &user_version, &application_id, &n_objects };
  gboolean ok = TRUE;

  if (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK)
    {
      g_set_error (error, LOTSE_ERROR, LOTSE_ERROR_DATABASE,
                   _("Could not open “%s”: %s"), path, db ? sqlite3_errmsg (db) : "");
      sqlite3_close_v2 (db);
      return FALSE;
    }

  /* Another connection may hold the file for a moment (a write, or the
   * checkpoint when the last connection closes): wait like the store does. */
  sqlite3_busy_timeout (db, BUSY_TIMEOUT_MS);

  for (guint i = 0; ok && i < G_N_ELEMENTS (queries); i++)
    {
      int rc = sqlite3_prepare_v2 (db, queries[i], -1, &stmt, NULL);

      if (rc == SQLITE_OK)
        rc = sqlite3_step (stmt);

      if ((rc & 0xff) == SQLITE_BUSY || (rc & 0xff) == SQLITE_LOCKED)
        {
          g_set_error (error, LOTSE_ERROR, LOTSE_ERROR_DATABASE,
                       _("“%s” is in use by another program; try again later"), path);
          ok = FALSE;
        }
      else if (rc != SQLITE_ROW)
        {
          g_set_error (error, LOTSE_ERROR, LOTSE_ERROR_CORRUPT,
                       _("“%s” is damaged or not a Lotse database (%s); it was left unchanged"),
                       path, sqlite3_errmsg (db));
          ok = FALSE;
        }
      else
        *results[i] = sqlite3_column_int64 (stmt, 0);

      g_clear_pointer (&stmt, sqlite3_finalize);
    }

  sqlite3_close_v2 (db);

  if (!ok)
    return FALSE;

  if (n_objects > 0 && application_id != LOTSE_APPLICATION_ID)
    {
      g_set_error (error, LOTSE_ERROR, LOTSE_ERROR_CORRUPT,
                   _("“%s” is an SQLite database of another application; it was left unchanged"),
                   path);
      return FALSE;
    }

  if (user_version > LOTSE_STORE_SCHEMA_VERSION)
    {
      g_set_error (error, LOTSE_ERROR, LOTSE_ERROR_NEWER_VERSION,
                   _("“%s” was written by a newer version of Lotse (schema %d, this version "
                     "reads up to %d); it was left unchanged"),
                   path, (int)MIN (user_version, G_MAXINT), LOTSE_STORE_SCHEMA_VERSION);
      return FALSE;
    }

  return TRUE;
}

static int
query_int (LotseStore *self,
           const char *sql)
{
  sqlite3_stmt *stmt = prepare (self, sql, NULL);
  int value;

  if (stmt == NULL || sqlite3_step (stmt) != SQLITE_ROW)
    return -1;

  /* A statement left on a row holds a read transaction open. */
  value = sqlite3_column_int (stmt, 0);
  sqlite3_reset (stmt);

  return value;
}

static gboolean
migrate (LotseStore  *self,
         GError     **error)
{
  int version = query_int (self, "PRAGMA user_version");

  if (version < 0)
    return set_sqlite_error (error, self->db, "reading the schema version");

  if (version >= LOTSE_STORE_SCHEMA_VERSION)
    {
      self->schema_version = version;
      return TRUE;
    }

  if (!exec (self, "BEGIN IMMEDIATE", error))
    return FALSE;

  /* Another process may have migrated while this one waited for the lock. */
  version = query_int (self, "PRAGMA user_version");
  if (version < 0)
    {
      set_sqlite_error (error, self->db, "reading the schema version");
      goto failed;
    }

  for (int i = version; i < LOTSE_STORE_SCHEMA_VERSION; i++)
    {
      g_autoptr(GBytes) sql = NULL;
      g_autofree char *text = NULL;
      g_autofree char *set_version = NULL;

      sql = g_resources_lookup_data (migrations[i], G_RESOURCE_LOOKUP_FLAGS_NONE, error);
      if (sql == NULL)
        goto failed;

      text = g_strndup (g_bytes_get_data (sql, NULL), g_bytes_get_size (sql));
      set_version = g_strdup_printf ("PRAGMA user_version = %d", i + 1);

      if (!exec (self, text, error) || !exec (self, set_version, error))
        goto failed;
    }

  if (!exec (self, "COMMIT", error))
    goto failed;

  self->schema_version = LOTSE_STORE_SCHEMA_VERSION;

  return TRUE;

failed:
  sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
  g_prefix_error (error, _("Could not update the database schema: "));
  return FALSE;
}

/**
 * lotse_store_open:
 * @path: the database file; created with its folder if missing
 * @error: a location for a #GError
 *
 * Opens the database, refusing a damaged file, a file of another
 * application or one from a newer Lotse without touching it, and migrates
 * an older schema in one transaction.
 *
 * Returns: (transfer full) (nullable): the store
 */
/* Before SQLite's first use in the process. Its memory statistics,
 * which nothing here reads, take a global mutex around every allocation:
 * in a full pull that was a twentieth of the main thread's time. */
static void
configure_sqlite (void)
{
  static gsize configured = 0;

  if (g_once_init_enter (&configured))
    {
      /* SQLITE_MISUSE if something initialised SQLite already: harmless. */
      sqlite3_config (SQLITE_CONFIG_MEMSTATUS, 0);
      lotse_store_files_init ();
      g_once_init_leave (&configured, 1);
    }
}

LotseStore *
lotse_store_open (const char  *path,
                  GError     **error)
{
  g_autoptr(LotseStore) self = NULL;
  g_autofree char *folder = NULL;

  g_return_val_if_fail (path != NULL, NULL);

  g_resources_register (lotse_core_get_resource ());
  configure_sqlite ();

  if (g_file_test (path, G_FILE_TEST_EXISTS))
    {
      if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
        {
          g_set_error (error, LOTSE_ERROR, LOTSE_ERROR_CORRUPT,
                       _("“%s” is not a file"), path);
          return NULL;
        }

      if (!check_existing_file (path, error))
        return NULL;
    }
  else
    {
      folder = g_path_get_dirname (path);
      if (g_mkdir_with_parents (folder, 0700) != 0)
        {
          int saved_errno = errno;

          g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                       _("Could not create the folder “%s”: %s"),
                       folder, g_strerror (saved_errno));
          return NULL;
        }
    }

  self = g_object_new (LOTSE_TYPE_STORE, NULL);
  self->path = g_strdup (path);

  if (sqlite3_open_v2 (path, &self->db,
                       SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
                       NULL) != SQLITE_OK)
    {
      g_set_error (error, LOTSE_ERROR, LOTSE_ERROR_DATABASE,
                   _("Could not open “%s”: %s"), path, sqlite3_errmsg (self->db));
      return NULL;
    }

  sqlite3_busy_timeout (self->db, BUSY_TIMEOUT_MS);
  sqlite3_extended_result_codes (self->db, 1);

  /* The search indexes' tokenizer, before any migration or trigger needs it. */
  if (!lotse_search_register_tokenizer (self->db, error) ||
      !lotse_collate_register (self->db, error))
    return NULL;

  if (!exec (self, "PRAGMA journal_mode = WAL", error) ||
      !exec (self, "PRAGMA synchronous = NORMAL", error) ||
      !exec (self, "PRAGMA foreign_keys = ON", error) ||
      !migrate (self, error))
    return NULL;

  return g_steal_pointer (&self);
}

/**
 * lotse_store_open_read_only:
 * @path: an existing database, already migrated by lotse_store_open()
 * @error: a location for a #GError
 *
 * A connection for a worker thread (see LotseStoreReader): SQLite opens
 * the file read-only, and lotse_store_begin(), where every write starts,
 * refuses with %LOTSE_ERROR_READ_ONLY. It registers what the queries need
 * (the search tokenizer, the collation) and migrates nothing.
 *
 * Returns: (transfer full) (nullable): the store
 */
LotseStore *
lotse_store_open_read_only (const char  *path,
                            GError     **error)
{
  g_autoptr(LotseStore) self = NULL;

  g_return_val_if_fail (path != NULL, NULL);

  g_resources_register (lotse_core_get_resource ());
  configure_sqlite ();

  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
    {
      g_set_error (error, LOTSE_ERROR, LOTSE_ERROR_NOT_FOUND,
                   _("There is no database at “%s”"), path);
      return NULL;
    }
  if (!check_existing_file (path, error))
    return NULL;

  self = g_object_new (LOTSE_TYPE_STORE, NULL);
  self->path = g_strdup (path);
  self->read_only = TRUE;

  if (sqlite3_open_v2 (path, &self->db, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX,
                       NULL) != SQLITE_OK)
    {
      g_set_error (error, LOTSE_ERROR, LOTSE_ERROR_DATABASE,
                   _("Could not open “%s”: %s"), path, sqlite3_errmsg (self->db));
      return NULL;
    }

  sqlite3_busy_timeout (self->db, BUSY_TIMEOUT_MS);
  sqlite3_extended_result_codes (self->db, 1);

  if (!lotse_search_register_tokenizer (self->db, error) ||
      !lotse_collate_register (self->db, error))
    return NULL;

  self->schema_version = query_int (self, "PRAGMA user_version");
  if (self->schema_version != LOTSE_STORE_SCHEMA_VERSION)
    {
      g_set_error (error, LOTSE_ERROR, LOTSE_ERROR_CORRUPT,
                   _("“%s” has schema %d, this version of Lotse reads %d; open it in the app "
                     "first"),
                   path, self->schema_version, LOTSE_STORE_SCHEMA_VERSION);
      return NULL;
    }

  return g_steal_pointer (&self);
}

/**
 * lotse_store_default_path:
 *
 * Returns: (transfer full): `$XDG_DATA_HOME/lotse/lotse.db`, shared by the
 *   app and lotse-cli
 */
char *
lotse_store_default_path (void)
{
  return g_build_filename (g_get_user_data_dir (), "lotse", "lotse.db", NULL);
}

LotseStore *
lotse_store_open_default (GError **error)
{
  g_autofree char *path = lotse_store_default_path ();

  return lotse_store_open (path, error);
}

const char *
lotse_store_get_path (LotseStore *self)
{
  g_return_val_if_fail (LOTSE_IS_STORE (self), NULL);

  return self->path;
}

int
lotse_store_get_schema_version (LotseStore *self)
{
  g_return_val_if_fail (LOTSE_IS_STORE (self), 0);

  return self->schema_version;
}

/* Changes are announced after commit, so listeners never read a state
 * that could still be rolled back. */
static void
note_change (LotseStore *self,
             const char *table,
             const char *id)
{
  gpointer pending_id;

  if (self->depth == 0)
    {
      g_signal_emit (self, signals[CHANGED], 0, table, id);
      return;
    }

  /* One row changed keeps its id; several rows of a table become NULL. */
  if (!g_hash_table_lookup_extended (self->pending_changes, table, NULL, &pending_id))
    g_hash_table_insert (self->pending_changes, (gpointer)table, g_strdup (id));
  else if (g_strcmp0 (pending_id, id) != 0)
    g_hash_table_insert (self->pending_changes, (gpointer)table, NULL);
}

static void
flush_changes (LotseStore *self)
{
  g_autoptr(GHashTable) pending = NULL;
  GHashTableIter iter;
  gpointer table;
  gpointer id;

  pending = g_steal_pointer (&self->pending_changes);
  self->pending_changes = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);

  g_hash_table_iter_init (&iter, pending);
  while (g_hash_table_iter_next (&iter, &table, &id))
    g_signal_emit (self, signals[CHANGED], 0, table, id);
}

/* On a connection of its own, so that no write of the store waits for it.
 * PASSIVE: it copies what no reader still needs and leaves the rest to
 * the automatic checkpoints. */
static gpointer
checkpoint_wal (gpointer data)
{
  LotseStore *self = data;
  sqlite3 *db = NULL;

  /* A new connection finds the WAL only with its first read; until then
   * a checkpoint does nothing and says SQLITE_OK. */
  if (sqlite3_open_v2 (self->path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK ||
      sqlite3_busy_timeout (db, BUSY_TIMEOUT_MS) != SQLITE_OK ||
      sqlite3_exec (db, "PRAGMA schema_version", NULL, NULL, NULL) != SQLITE_OK ||
      sqlite3_wal_checkpoint_v2 (db, NULL, SQLITE_CHECKPOINT_PASSIVE, NULL, NULL) != SQLITE_OK)
    g_debug ("Checkpoint after bulk writes: %s", sqlite3_errmsg (db));
  sqlite3_close_v2 (db);
  g_atomic_int_set (&self->checkpointed, TRUE);

  return NULL;
}

/* The store's connection checkpoints by itself again only once the
 * checkpointer is done: before, its next commit could win the race for
 * the WAL and do all of its work and fsyncs on the caller's thread. */
static void
resume_checkpoints (LotseStore *self)
{
  if (self->bulk || self->checkpointer == NULL || !g_atomic_int_get (&self->checkpointed))
    return;

  g_clear_pointer (&self->checkpointer, g_thread_join);
  sqlite3_exec (self->db, "PRAGMA wal_autocheckpoint = 1000", NULL, NULL, NULL);
}

/**
 * lotse_store_begin:
 * @self: a store
 * @error: a location for a #GError
 *
 * Starts a transaction around many writes. Writes inside it are undone
 * together by lotse_store_rollback(); the ::changed signals are held back
 * until lotse_store_commit(). Transactions nest.
 *
 * Returns: %TRUE on success
 */
gboolean
lotse_store_begin (LotseStore  *self,
                   GError     **error)
{
  g_return_val_if_fail (LOTSE_IS_STORE (self), FALSE);

  /* Every write starts here; SQLite would refuse it later with a message
   * that does not say whose mistake it was. */
  if (self->read_only)
    {
      g_set_error (error, LOTSE_ERROR, LOTSE_ERROR_READ_ONLY,
                   _("“%s” is open for reading only here; nothing was changed"), self->path);
      return FALSE;
    }

  if (self->depth == 0)
    {
      resume_checkpoints (self);
      if (!exec (self, "BEGIN IMMEDIATE", error))
        return FALSE;
    }

  self->depth++;

  return TRUE;
}

gboolean
lotse_store_commit (LotseStore  *self,
                    GError     **error)
{
  g_return_val_if_fail (LOTSE_IS_STORE (self), FALSE);
  g_return_val_if_fail (self->depth > 0, FALSE);

  if (self->depth == 1 && !exec (self, "COMMIT", error))
    return FALSE;

  self->depth--;
  if (self->depth == 0)
    flush_changes (self);

  return TRUE;
}

void
lotse_store_rollback (LotseStore *self)
{
  g_return_if_fail (LOTSE_IS_STORE (self));
  g_return_if_fail (self->depth > 0);

  self->depth--;
  if (self->depth == 0)
    {
      sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
      g_hash_table_remove_all (self->pending_changes);
    }
}

/**
 * lotse_store_set_bulk_mode:
 * @self: a store
 * @bulk: whether many rows are about to be written
 *
 * Speeds up writing many rows (a first pull, generated data) without
 * exposing the file to a power cut. synchronous stays NORMAL: in WAL mode
 * that keeps the database whole, a power cut loses at most the last
 * transactions (OFF lets a checkpoint write pages to the database that
 * never reached the WAL on disk, and the file can be damaged). What NORMAL
 * pays is an fsync of WAL and database at every checkpoint, and a large
 * database written in bulk would pay it every 4 MB. So bulk writes grow the
 * WAL without checkpoints, and when they end a thread moves it into the
 * database: neither the bulk writes nor the next ones wait for the disk.
 */
void
lotse_store_set_bulk_mode (LotseStore *self,
                           gboolean    bulk)
{
  g_return_if_fail (LOTSE_IS_STORE (self));

  self->bulk = bulk;
  if (bulk)
    {
      /* Up to 1 GiB of 4 KiB pages; beyond that each GiB pays a checkpoint. */
      sqlite3_exec (self->db, "PRAGMA cache_size = " LARGE_CACHE "; PRAGMA wal_autocheckpoint = 262144",
                    NULL, NULL, NULL);
      return;
    }

  if (!self->large_cache)
    sqlite3_exec (self->db, "PRAGMA cache_size = " DEFAULT_CACHE, NULL, NULL, NULL);
  g_clear_pointer (&self->checkpointer, g_thread_join);
  self->checkpointed = FALSE;
  self->checkpointer = g_thread_new ("lotse-checkpoint", checkpoint_wal, self);
}

/**
 * lotse_store_set_large_cache:
 * @self: a store
 * @large: whether many rows all over the tables are about to be written
 *
 * A sync that pushes thousands of changes updates rows and outbox entries
 * all over the file, a page for each. In SQLite's default cache of 2 MB a
 * transaction of a batch spills its dirty pages into the WAL before it
 * commits and writes them again when it changes them once more, and it
 * reads back what it evicted. A large cache (64 MiB, as in bulk mode)
 * keeps them until the commit; durability is that of any other commit.
 * The memory goes back to the system when @large is set %FALSE again.
 */
void
lotse_store_set_large_cache (LotseStore *self,
                             gboolean    large)
{
  g_return_if_fail (LOTSE_IS_STORE (self));

  self->large_cache = large;
  if (!self->bulk)
    sqlite3_exec (self->db, large ? "PRAGMA cache_size = " LARGE_CACHE : "PRAGMA cache_size = " DEFAULT_CACHE,
                  NULL, NULL, NULL);
}

/* Internal writes nest inside a caller's transaction as savepoints, so a
 * failed write undoes itself and leaves the caller's earlier writes.
 * Outside one they start their own with BEGIN IMMEDIATE, which waits for
 * another connection's write lock (busy_timeout). A deferred transaction
 * (a bare SAVEPOINT is one) reads first, and SQLite cannot let a reader
 * wait to become a writer: it fails with SQLITE_BUSY at once. */
gboolean
lotse_store_write_begin (LotseStore  *self,
                         GError     **error)
{
  g_autofree char *sql = NULL;

  if (self->depth == 0)
    return lotse_store_begin (self, error);

  sql = g_strdup_printf ("SAVEPOINT w%u", self->savepoint);
  if (!exec (self, sql, error))
    return FALSE;

  self->savepoint++;
  self->depth++;

  return TRUE;
}

gboolean
lotse_store_write_end (LotseStore  *self,
                       gboolean     ok,
                       GError     **error)
{
  g_autofree char *release = NULL;
  g_autofree char *undo = NULL;

  if (self->depth == 1)
    {
      if (ok && lotse_store_commit (self, error))
        return TRUE;

      lotse_store_rollback (self);
      return FALSE;
    }

  self->savepoint--;
  self->depth--;

  if (ok)
    {
      release = g_strdup_printf ("RELEASE w%u", self->savepoint);
      ok = exec (self, release, error);
    }

  if (!ok)
    {
      undo = g_strdup_printf ("ROLLBACK TO w%u; RELEASE w%u", self->savepoint, self->savepoint);
      sqlite3_exec (self->db, undo, NULL, NULL, NULL);
    }

  return ok;
}

/**
 * lotse_store_count_outbox:
 * @self: a store
 *
 * Returns: the number of writes not yet sent to the server
 */
gint64
lotse_store_count_outbox (LotseStore *self)
{
  g_return_val_if_fail (LOTSE_IS_STORE (self), -1);

  return query_int (self, "SELECT count(*) FROM outbox");
}

/**
 * lotse_store_is_empty:
 * @self: a store
 *
 * Returns: %TRUE if no synced table holds a row that is not deleted,
 *   but for the untouched seeded rows every database has
 */
gboolean
lotse_store_is_empty (LotseStore *self)
{
  const LotseTable * const *tables;
  guint n_tables;

  g_return_val_if_fail (LOTSE_IS_STORE (self), TRUE);

  tables = lotse_schema_get_tables (&n_tables);
  for (guint i = 0; i < n_tables; i++)
    {
      /* Seeded rows nobody touched (the cost categories of migration
       * 014) are in every database. */
      g_autofree char *sql = g_strdup_printf ("SELECT EXISTS (SELECT 1 FROM %s t WHERE deleted = 0 AND NOT"
                                              " (" LOTSE_STORE_SEEDED_SQL "))",
                                              tables[i]->name, tables[i]->name);

      if (query_int (self, sql) != 0)
        return FALSE;
    }

  return TRUE;
}

/* For lotse-store-sync.c, which writes rows that come from the server
 * inside a transaction opened with lotse_store_begin(). */
sqlite3_stmt *
lotse_store_prepare_cached (LotseStore  *self,
                            const char  *sql,
                            GError     **error)
{
  return prepare (self, sql, error);
}

char *
lotse_store_column_dup (sqlite3_stmt *stmt,
                        int           column)
{
  return g_strdup ((const char *)sqlite3_column_text (stmt, column));
}

gboolean
lotse_store_step_done (LotseStore    *self,
                       sqlite3_stmt  *stmt,
                       const char    *what,
                       GError       **error)
{
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      set_sqlite_error (error, self->db, what);
      sqlite3_reset (stmt);
      return FALSE;
    }

  sqlite3_reset (stmt);
  return TRUE;
}

void
lotse_store_note_change (LotseStore *self,
                         const char *table,
                         const char *id)
{
  note_change (self, table, id);
}

gboolean
lotse_store_set_sqlite_error (LotseStore  *self,
                              GError     **error,
                              const char  *what)
{
  return set_sqlite_error (error, self->db, what);
}

/* For the queries in lotse-store-queries.c that need joins the generic
 * API does not offer. */
sqlite3 *
lotse_store_get_db (LotseStore *self)
{
  g_return_val_if_fail (LOTSE_IS_STORE (self), NULL);

  return self->db;
}

static int
trace_statement (unsigned int  type,
                 void         *user_data,
                 void         *stmt,
                 void         *sql)
{
  LotseStore *self = user_data;

  /* A trigger's statements come as "-- TRIGGER name": part of the write. */
  if (!g_str_has_prefix (sql, "--"))
    g_ptr_array_add (self->traced, g_strdup (sql));

  return 0;
}

/**
 * lotse_store_trace:
 * @self: a #LotseStore
 * @enable: whether to record
 *
 * For tests that check which queries run on this connection, and so on the
 * thread that owns it (workers open their own): from now on records the
 * SQL of every statement started, until called with %FALSE.
 */
void
lotse_store_trace (LotseStore *self,
                   gboolean    enable)
{
  g_return_if_fail (LOTSE_IS_STORE (self));

  if (enable && self->traced == NULL)
    self->traced = g_ptr_array_new_with_free_func (g_free);
  sqlite3_trace_v2 (self->db, enable ? SQLITE_TRACE_STMT : 0,
                    enable ? trace_statement : NULL, self);
}

/**
 * lotse_store_get_traced:
 * @self: a #LotseStore
 *
 * Returns: (transfer none) (nullable): the SQL recorded since
 *   lotse_store_trace(), oldest first
 */
GPtrArray *
lotse_store_get_traced (LotseStore *self)
{
  g_return_val_if_fail (LOTSE_IS_STORE (self), NULL);

  return self->traced;
}
