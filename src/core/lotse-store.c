/* lotse-store.c: the local SQLite database, the only writer
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every write runs in one transaction together with its outbox row, so
 * nothing a person saved can be missed by sync. SQL is assembled only from
 * the schema's identifiers; values are always bound.
 */

#define G_LOG_DOMAIN "lotse-store"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>

#include "lotse-collate-private.h"
#include "lotse-core-resources.h"
#include "lotse-error.h"
#include "lotse-health-private.h"
#include "lotse-record-private.h"
#include "lotse-search-private.h"
#include "lotse-store-files.h"
#include "lotse-store-private.h"

#define LOTSE_APPLICATION_ID 1280267347 /* 'LOTS' */
#define BUSY_TIMEOUT_MS      5000

#define N_META_COLUMNS LOTSE_STORE_N_META_COLUMNS

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

static char *
now_utc (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  return g_date_time_format (now, "%Y-%m-%dT%H:%M:%S.%fZ");
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
      sqlite3_exec (self->db, "PRAGMA cache_size = -65536; PRAGMA wal_autocheckpoint = 262144",
                    NULL, NULL, NULL);
      return;
    }

  sqlite3_exec (self->db, "PRAGMA cache_size = -2000", NULL, NULL, NULL);
  g_clear_pointer (&self->checkpointer, g_thread_join);
  self->checkpointed = FALSE;
  self->checkpointer = g_thread_new ("lotse-checkpoint", checkpoint_wal, self);
}

/* Internal writes nest inside a caller's transaction as savepoints, so a
 * failed write undoes itself and leaves the caller's earlier writes.
 * Outside one they start their own with BEGIN IMMEDIATE, which waits for
 * another connection's write lock (busy_timeout). A deferred transaction
 * (a bare SAVEPOINT is one) reads first, and SQLite cannot let a reader
 * wait to become a writer: it fails with SQLITE_BUSY at once. */
static gboolean
write_begin (LotseStore  *self,
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

static gboolean
write_end (LotseStore  *self,
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

static gboolean
row_exists (LotseStore  *self,
            const char  *table,
            const char  *id,
            gboolean     include_deleted,
            gboolean    *exists,
            GError     **error)
{
  g_autofree char *sql = NULL;
  sqlite3_stmt *stmt;
  int rc;

  sql = g_strdup_printf ("SELECT 1 FROM %s WHERE id = ?%s", table,
                         include_deleted ? "" : " AND deleted = 0");
  stmt = prepare (self, sql, error);
  if (stmt == NULL)
    return FALSE;

  lotse_store_bind_text (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return set_sqlite_error (error, self->db, "reading");

  *exists = (rc == SQLITE_ROW);
  sqlite3_reset (stmt);

  return TRUE;
}

static gboolean
live_row_exists (const LotseField  *field,
                 const char        *id,
                 gboolean          *out_exists,
                 gpointer           user_data,
                 GError           **error)
{
  return row_exists (user_data, field->ref_table, id, FALSE, out_exists, error);
}

/* The store's words for what lotse_table_check_row() found. */
static void
set_problem_error (const LotseTable   *table,
                   const char * const *values,
                   LotseValueProblem   problem,
                   guint               index,
                   GError            **error)
{
  const LotseField *field = &table->fields[index];
  const char *value = values[index];
  g_autofree char *normalized = NULL;

  switch (problem)
    {
    case LOTSE_VALUE_BLANK:
      g_set_error (error, LOTSE_ERROR, LOTSE_ERROR_INVALID_VALUE,
                   _("Field “%s” must not be empty"), field->name);
      break;
    case LOTSE_VALUE_MALFORMED:
      normalized = lotse_field_normalize (field, value, error);
      break;
    case LOTSE_VALUE_NOT_NORMAL:
      normalized = lotse_field_normalize (field, value, NULL);
      g_set_error (error, LOTSE_ERROR, LOTSE_ERROR_INVALID_VALUE,
                   _("Field “%s” holds “%s”, which is not in its normal form “%s”"),
                   field->name, value, normalized);
      break;
    case LOTSE_VALUE_DANGLING:
      g_set_error (error, LOTSE_ERROR, LOTSE_ERROR_INVALID_VALUE,
                   _("Field “%s” refers to a record of table “%s” that does not exist: %s"),
                   field->name, field->ref_table, value);
      break;
    case LOTSE_VALUE_BACKWARDS:
      g_set_error (error, LOTSE_ERROR, LOTSE_ERROR_INVALID_VALUE,
                   _("Field “%s” (%s) must not be before “%s” (%s)"),
                   table->range_end, value, table->range_start,
                   values[lotse_table_field_index (table, table->range_start)]);
      break;
    case LOTSE_VALUE_VALID:
    default:
      g_return_if_reached ();
    }
}

static gboolean
validate_record (LotseStore   *self,
                 LotseRecord  *record,
                 gboolean      check_references,
                 GError      **error)
{
  const LotseTable *table = lotse_record_get_table (record);
  const char *id = lotse_record_get_id (record);
  const char **values = g_newa (const char *, table->n_fields);
  gboolean *check_refs = g_newa (gboolean, table->n_fields);
  LotseValueProblem problem;
  guint index;

  if (id != NULL && !lotse_is_uuid (id))
    {
      g_set_error (error, LOTSE_ERROR, LOTSE_ERROR_INVALID_VALUE,
                   _("Field “id” must be a lower-case UUID, not “%s”"), id);
      return FALSE;
    }

  if (id != NULL && table->singleton_id != NULL && strcmp (id, table->singleton_id) != 0)
    {
      g_set_error (error, LOTSE_ERROR, LOTSE_ERROR_INVALID_VALUE,
                   /* Translators: %s is a table's name, then its one id */
                   _("There is only one %s; its id is %s"), _(table->label), table->singleton_id);
      return FALSE;
    }

  for (guint i = 0; i < table->n_fields; i++)
    {
      values[i] = lotse_record_get_nth (record, i);
      check_refs[i] = check_references;
    }

  if (!lotse_table_check_row (table, values, check_refs, live_row_exists, self, &problem, &index, error))
    return FALSE;

  if (problem != LOTSE_VALUE_VALID)
    {
      set_problem_error (table, values, problem, index, error);
      return FALSE;
    }

  return TRUE;
}

/**
 * lotse_store_validate:
 * @self: a store
 * @record: a record
 * @error: a location for a #GError
 *
 * Checks what the store checks on write: required fields, types, enum
 * values, limits, date ranges and that references point to existing rows.
 * The message of @error names the field.
 *
 * Returns: %TRUE if @record could be written
 */
gboolean
lotse_store_validate (LotseStore   *self,
                      LotseRecord  *record,
                      GError      **error)
{
  g_return_val_if_fail (LOTSE_IS_STORE (self), FALSE);
  g_return_val_if_fail (LOTSE_IS_RECORD (record), FALSE);

  return validate_record (self, record, TRUE, error);
}

char *
lotse_store_fields_to_json (const LotseTable *table,
                            LotseRecord      *record,
                            const gboolean   *changed)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (builder);
  for (guint i = 0; i < table->n_fields; i++)
    {
      if (!changed[i])
        continue;

      json_builder_set_member_name (builder, table->fields[i].name);
      lotse_field_add_json_value (builder, &table->fields[i], lotse_record_get_nth (record, i));
    }
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);

  return json_to_string (root, FALSE);
}

gboolean
lotse_store_append_outbox (LotseStore  *self,
                           const char  *table,
                           const char  *row_id,
                           gint64       base_rev,
                           gboolean     deleted,
                           const char  *fields_json,
                           const char  *now,
                           GError     **error)
{
  g_autofree char *op_id = lotse_new_uuid ();
  sqlite3_stmt *stmt;

  stmt = prepare (self,
                  "INSERT INTO outbox (op_id, table_name, row_id, base_rev, deleted, fields, created_at)"
                  " VALUES (?, ?, ?, ?, ?, ?, ?)",
                  error);
  if (stmt == NULL)
    return FALSE;

  lotse_store_bind_text (stmt, 1, op_id);
  lotse_store_bind_text (stmt, 2, table);
  lotse_store_bind_text (stmt, 3, row_id);
  sqlite3_bind_int64 (stmt, 4, base_rev);
  sqlite3_bind_int (stmt, 5, deleted);
  lotse_store_bind_text (stmt, 6, fields_json);
  lotse_store_bind_text (stmt, 7, now);

  if (sqlite3_step (stmt) != SQLITE_DONE)
    return set_sqlite_error (error, self->db, "recording the change for sync");

  return TRUE;
}

static char *
insert_sql (const LotseTable *table)
{
  GString *sql = g_string_new (NULL);

  g_string_append_printf (sql, "INSERT INTO %s (id, rev, created_at, updated_at, deleted", table->name);
  for (guint i = 0; i < table->n_fields; i++)
    g_string_append_printf (sql, ", %s", table->fields[i].name);
  g_string_append (sql, ") VALUES (?, ?, ?, ?, ?");
  for (guint i = 0; i < table->n_fields; i++)
    g_string_append (sql, ", ?");
  g_string_append (sql, ")");

  return g_string_free (sql, FALSE);
}

gboolean
lotse_store_insert (LotseStore   *self,
                    LotseRecord  *record,
                    GError      **error)
{
  return lotse_store_insert_full (self, record, LOTSE_STORE_WRITE_DEFAULT, error);
}

/**
 * lotse_store_insert_full:
 * @self: a store
 * @record: the record; gets a new id if it has none, and its timestamps
 * @flags: how to write
 * @error: a location for a #GError
 *
 * Inserts @record after validating it and, unless
 * %LOTSE_STORE_WRITE_NO_OUTBOX, appends all its set fields to the outbox in
 * the same transaction. Unset fields with a schema default get it.
 *
 * Returns: %TRUE on success; on failure nothing was written
 */
gboolean
lotse_store_insert_full (LotseStore            *self,
                         LotseRecord           *record,
                         LotseStoreWriteFlags   flags,
                         GError               **error)
{
  const LotseTable *table;
  g_autofree char *now = NULL;
  g_autofree gboolean *set = NULL;
  g_autofree char *fields_json = NULL;
  g_autofree char *sql = NULL;
  sqlite3_stmt *stmt;
  gboolean exists = FALSE;
  gboolean ok = FALSE;

  g_return_val_if_fail (LOTSE_IS_STORE (self), FALSE);
  g_return_val_if_fail (LOTSE_IS_RECORD (record), FALSE);

  table = lotse_record_get_table (record);

  for (guint i = 0; i < table->n_fields; i++)
    {
      if (lotse_record_get_nth (record, i) == NULL && table->fields[i].default_value != NULL)
        lotse_record_take_nth (record, i, g_strdup (table->fields[i].default_value));
    }

  if (lotse_record_get_id (record) == NULL)
    {
      g_autofree char *id = table->singleton_id != NULL ? g_strdup (table->singleton_id)
                                                        : lotse_new_uuid ();

      lotse_record_set_id (record, id);
    }

  if (!validate_record (self, record, !(flags & LOTSE_STORE_WRITE_TRUSTED), error))
    return FALSE;

  if (!write_begin (self, error))
    return FALSE;

  if (!row_exists (self, table->name, lotse_record_get_id (record), TRUE, &exists, error))
    goto out;

  if (exists)
    {
      g_set_error (error, LOTSE_ERROR, LOTSE_ERROR_INVALID_VALUE,
                   /* Translators: a table's name and a record's id */
                   _("%s %s already exists"), _(table->label), lotse_record_get_id (record));
      goto out;
    }

  now = now_utc ();
  if (!(flags & LOTSE_STORE_WRITE_NO_OUTBOX) || lotse_record_get_created_at (record) == NULL)
    lotse_record_set_timestamps (record, now, now);

  sql = insert_sql (table);
  stmt = prepare (self, sql, error);
  if (stmt == NULL)
    goto out;

  lotse_store_bind_text (stmt, 1, lotse_record_get_id (record));
  sqlite3_bind_int64 (stmt, 2, lotse_record_get_rev (record));
  lotse_store_bind_text (stmt, 3, lotse_record_get_created_at (record));
  lotse_store_bind_text (stmt, 4, lotse_record_get_updated_at (record));
  sqlite3_bind_int (stmt, 5, lotse_record_get_deleted (record));
  for (guint i = 0; i < table->n_fields; i++)
    lotse_store_bind_value (stmt, N_META_COLUMNS + 1 + i, &table->fields[i], lotse_record_get_nth (record, i));

  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      set_sqlite_error (error, self->db, "inserting");
      goto out;
    }

  if (!(flags & LOTSE_STORE_WRITE_NO_OUTBOX))
    {
      set = g_new0 (gboolean, table->n_fields);
      for (guint i = 0; i < table->n_fields; i++)
        set[i] = lotse_record_get_nth (record, i) != NULL;
      fields_json = lotse_store_fields_to_json (table, record, set);

      if (!lotse_store_append_outbox (self, table->name, lotse_record_get_id (record), 0, FALSE,
                          fields_json, now, error) ||
          !lotse_health_follow_report_change (self, NULL, record, error))
        goto out;
    }

  note_change (self, table->name, lotse_record_get_id (record));
  ok = TRUE;

out:
  return write_end (self, ok, ok ? error : NULL);
}

LotseRecord *
lotse_store_record_from_row (const LotseTable *table,
                             sqlite3_stmt     *stmt)
{
  LotseRecord *record = lotse_record_new (table);

  lotse_record_set_id (record, (const char *)sqlite3_column_text (stmt, 0));
  lotse_record_set_rev (record, sqlite3_column_int64 (stmt, 1));
  lotse_record_set_timestamps (record,
                               (const char *)sqlite3_column_text (stmt, 2),
                               (const char *)sqlite3_column_text (stmt, 3));
  lotse_record_set_deleted (record, sqlite3_column_int (stmt, 4));

  for (guint i = 0; i < table->n_fields; i++)
    {
      const char *value = (const char *)sqlite3_column_text (stmt, N_META_COLUMNS + i);

      lotse_record_take_nth (record, i, g_strdup (value));
    }

  return record;
}

void
lotse_store_append_select (GString          *sql,
                           const LotseTable *table)
{
  g_string_append (sql, "SELECT id, rev, created_at, updated_at, deleted");
  for (guint i = 0; i < table->n_fields; i++)
    g_string_append_printf (sql, ", %s", table->fields[i].name);
  g_string_append_printf (sql, " FROM %s", table->name);
}

const LotseTable *
lotse_store_lookup_table (const char  *name,
                          GError     **error)
{
  const LotseTable *table = lotse_schema_lookup_table (name);

  if (table == NULL)
    g_set_error (error, LOTSE_ERROR, LOTSE_ERROR_UNKNOWN_TABLE,
                 _("There is no table “%s”"), name ? name : "");

  return table;
}

static LotseRecord *
get_row (LotseStore  *self,
         const char  *table_name,
         const char  *id,
         gboolean     include_deleted,
         GError     **error)
{
  const LotseTable *table;
  g_autoptr(GString) sql = g_string_new (NULL);
  sqlite3_stmt *stmt;
  int rc;

  table = lotse_store_lookup_table (table_name, error);
  if (table == NULL)
    return NULL;

  lotse_store_append_select (sql, table);
  g_string_append (sql, include_deleted ? " WHERE id = ?" : " WHERE id = ? AND deleted = 0");

  stmt = prepare (self, sql->str, error);
  if (stmt == NULL)
    return NULL;

  lotse_store_bind_text (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      LotseRecord *record = lotse_store_record_from_row (table, stmt);

      sqlite3_reset (stmt);
      return record;
    }

  if (rc != SQLITE_DONE)
    set_sqlite_error (error, self->db, "reading");
  else
    g_set_error (error, LOTSE_ERROR, LOTSE_ERROR_NOT_FOUND,
                 /* Translators: a table's name and a record's id */
                 _("%s %s does not exist"), _(table->label), id);

  return NULL;
}

/**
 * lotse_store_get:
 * @self: a store
 * @table: a table name
 * @id: a row id
 * @error: a location for a #GError
 *
 * Returns: (transfer full) (nullable): the row, or %NULL with
 *   %LOTSE_ERROR_NOT_FOUND if it does not exist or was deleted
 */
LotseRecord *
lotse_store_get (LotseStore  *self,
                 const char  *table,
                 const char  *id,
                 GError     **error)
{
  g_return_val_if_fail (LOTSE_IS_STORE (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  return get_row (self, table, id, FALSE, error);
}

/**
 * lotse_store_update:
 * @self: a store
 * @record: a record read from the store and changed
 * @error: a location for a #GError
 *
 * Writes the fields of @record that differ from the stored row and appends
 * them, with the stored revision as base, to the outbox. Writing a record
 * without changes does nothing.
 *
 * Returns: %TRUE on success; on failure nothing was written
 */
gboolean
lotse_store_update (LotseStore   *self,
                    LotseRecord  *record,
                    GError      **error)
{
  const LotseTable *table;
  g_autoptr(LotseRecord) stored = NULL;
  g_autoptr(GString) sql = NULL;
  g_autofree gboolean *changed = NULL;
  g_autofree char *now = NULL;
  g_autofree char *fields_json = NULL;
  sqlite3_stmt *stmt;
  guint n_changed = 0;
  int column = 1;
  gboolean ok = FALSE;

  g_return_val_if_fail (LOTSE_IS_STORE (self), FALSE);
  g_return_val_if_fail (LOTSE_IS_RECORD (record), FALSE);
  g_return_val_if_fail (lotse_record_get_id (record) != NULL, FALSE);

  table = lotse_record_get_table (record);

  if (!validate_record (self, record, TRUE, error))
    return FALSE;

  if (!write_begin (self, error))
    return FALSE;

  stored = get_row (self, table->name, lotse_record_get_id (record), FALSE, error);
  if (stored == NULL)
    goto out;

  changed = g_new0 (gboolean, table->n_fields);
  for (guint i = 0; i < table->n_fields; i++)
    {
      changed[i] = g_strcmp0 (lotse_record_get_nth (stored, i),
                              lotse_record_get_nth (record, i)) != 0;
      n_changed += changed[i];
    }

  if (n_changed == 0)
    {
      ok = TRUE;
      goto out;
    }

  now = now_utc ();
  sql = g_string_new (NULL);
  g_string_append_printf (sql, "UPDATE %s SET updated_at = ?", table->name);
  for (guint i = 0; i < table->n_fields; i++)
    if (changed[i])
      g_string_append_printf (sql, ", %s = ?", table->fields[i].name);
  g_string_append (sql, " WHERE id = ?");

  stmt = prepare (self, sql->str, error);
  if (stmt == NULL)
    goto out;

  lotse_store_bind_text (stmt, column++, now);
  for (guint i = 0; i < table->n_fields; i++)
    if (changed[i])
      lotse_store_bind_value (stmt, column++, &table->fields[i], lotse_record_get_nth (record, i));
  lotse_store_bind_text (stmt, column, lotse_record_get_id (record));

  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      set_sqlite_error (error, self->db, "updating");
      goto out;
    }

  fields_json = lotse_store_fields_to_json (table, record, changed);
  if (!lotse_store_append_outbox (self, table->name, lotse_record_get_id (record),
                      lotse_record_get_rev (stored), FALSE, fields_json, now, error) ||
      !lotse_health_follow_report_change (self, stored, record, error))
    goto out;

  lotse_record_set_timestamps (record, lotse_record_get_created_at (stored), now);
  lotse_record_set_rev (record, lotse_record_get_rev (stored));
  note_change (self, table->name, lotse_record_get_id (record));
  ok = TRUE;

out:
  return write_end (self, ok, ok ? error : NULL);
}

/**
 * lotse_store_delete:
 * @self: a store
 * @table: a table name
 * @id: the row to delete
 * @error: a location for a #GError
 *
 * Marks the row deleted (a tombstone that sync carries to the server) and
 * appends the deletion to the outbox.
 *
 * Returns: %TRUE on success; %LOTSE_ERROR_NOT_FOUND if there is no such row
 */
gboolean
lotse_store_delete (LotseStore  *self,
                    const char  *table,
                    const char  *id,
                    GError     **error)
{
  g_autoptr(LotseRecord) stored = NULL;
  g_autofree char *sql = NULL;
  g_autofree char *now = NULL;
  sqlite3_stmt *stmt;
  gboolean ok = FALSE;

  g_return_val_if_fail (LOTSE_IS_STORE (self), FALSE);
  g_return_val_if_fail (id != NULL, FALSE);

  if (lotse_store_lookup_table (table, error) == NULL)
    return FALSE;

  if (!write_begin (self, error))
    return FALSE;

  stored = get_row (self, table, id, FALSE, error);
  if (stored == NULL)
    goto out;

  now = now_utc ();
  sql = g_strdup_printf ("UPDATE %s SET deleted = 1, updated_at = ? WHERE id = ?", table);
  stmt = prepare (self, sql, error);
  if (stmt == NULL)
    goto out;

  lotse_store_bind_text (stmt, 1, now);
  lotse_store_bind_text (stmt, 2, id);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      set_sqlite_error (error, self->db, "deleting");
      goto out;
    }

  if (!lotse_store_append_outbox (self, table, id, lotse_record_get_rev (stored), TRUE, "{}", now, error) ||
      !lotse_health_follow_report_change (self, stored, NULL, error))
    goto out;

  note_change (self, lotse_record_get_table_name (stored), id);
  ok = TRUE;

out:
  return write_end (self, ok, ok ? error : NULL);
}

/**
 * lotse_store_undelete:
 * @self: a store
 * @table: a table name
 * @id: a row deleted with lotse_store_delete()
 * @error: a location for a #GError
 *
 * Takes back a deletion, for the undo of a delete: the tombstone becomes a
 * row again, and the outbox carries it with all its fields, so a server
 * that has the tombstone gets the whole row back. A row that is not
 * deleted stays as it is.
 *
 * Returns: %TRUE on success; %LOTSE_ERROR_NOT_FOUND if there is no such row
 */
gboolean
lotse_store_undelete (LotseStore  *self,
                      const char  *table,
                      const char  *id,
                      GError     **error)
{
  const LotseTable *schema_table;
  g_autoptr(LotseRecord) stored = NULL;
  g_autofree gboolean *all = NULL;
  g_autofree char *fields_json = NULL;
  g_autofree char *sql = NULL;
  g_autofree char *now = NULL;
  sqlite3_stmt *stmt;
  gboolean ok = FALSE;

  g_return_val_if_fail (LOTSE_IS_STORE (self), FALSE);
  g_return_val_if_fail (id != NULL, FALSE);

  schema_table = lotse_store_lookup_table (table, error);
  if (schema_table == NULL)
    return FALSE;

  if (!write_begin (self, error))
    return FALSE;

  stored = get_row (self, table, id, TRUE, error);
  if (stored == NULL)
    goto out;

  if (!lotse_record_get_deleted (stored))
    {
      ok = TRUE;
      goto out;
    }

  now = now_utc ();
  sql = g_strdup_printf ("UPDATE %s SET deleted = 0, updated_at = ? WHERE id = ?", schema_table->name);
  stmt = prepare (self, sql, error);
  if (stmt == NULL)
    goto out;

  lotse_store_bind_text (stmt, 1, now);
  lotse_store_bind_text (stmt, 2, id);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      set_sqlite_error (error, self->db, "restoring");
      goto out;
    }

  all = g_new0 (gboolean, schema_table->n_fields);
  for (guint i = 0; i < schema_table->n_fields; i++)
    all[i] = lotse_record_get_nth (stored, i) != NULL;
  fields_json = lotse_store_fields_to_json (schema_table, stored, all);
  if (!lotse_store_append_outbox (self, schema_table->name, id, lotse_record_get_rev (stored), FALSE,
                      fields_json, now, error) ||
      !lotse_health_follow_report_change (self, NULL, stored, error))
    goto out;

  note_change (self, schema_table->name, id);
  ok = TRUE;

out:
  return write_end (self, ok, ok ? error : NULL);
}

static gboolean
append_filters (GString           *sql,
                const LotseTable  *table,
                const LotseFilter *filters,
                guint              n_filters,
                GError           **error)
{
  g_string_append (sql, " WHERE deleted = 0");

  for (guint i = 0; i < n_filters; i++)
    {
      if (lotse_table_lookup_field (table, filters[i].field) == NULL &&
          g_strcmp0 (filters[i].field, "id") != 0)
        {
          g_set_error (error, LOTSE_ERROR, LOTSE_ERROR_UNKNOWN_FIELD,
                       _("Table “%s” has no field “%s”"), table->name,
                       filters[i].field ? filters[i].field : "");
          return FALSE;
        }

      g_string_append_printf (sql, filters[i].value ? " AND %s = ?" : " AND %s IS NULL",
                              filters[i].field);
    }

  return TRUE;
}

static int
bind_filters (sqlite3_stmt      *stmt,
              const LotseTable  *table,
              const LotseFilter *filters,
              guint              n_filters)
{
  int column = 1;

  for (guint i = 0; i < n_filters; i++)
    {
      const LotseField *field = lotse_table_lookup_field (table, filters[i].field);

      if (filters[i].value == NULL)
        continue;

      if (field != NULL)
        lotse_store_bind_value (stmt, column++, field, filters[i].value);
      else
        lotse_store_bind_text (stmt, column++, filters[i].value);
    }

  return column;
}

/* The SELECT of lotse_store_list(), with the LIMIT and OFFSET after its
 * filters' parameters. */
static gboolean
append_list_query (GString            *sql,
                   const LotseTable   *table,
                   const LotseFilter  *filters,
                   guint               n_filters,
                   const char         *order_field,
                   gboolean            descending,
                   GError            **error)
{
  const LotseField *field = lotse_table_lookup_field (table, order_field);
  const char *direction = descending ? "DESC" : "ASC";

  lotse_store_append_select (sql, table);

  if (field == NULL || field->type != LOTSE_FIELD_TEXT)
    {
      if (!append_filters (sql, table, filters, n_filters, error))
        return FALSE;
      g_string_append_printf (sql, " ORDER BY %s %s, id %s LIMIT ? OFFSET ?", order_field,
                              direction, direction);
      return TRUE;
    }

  /* The locale's order cannot come from an index, so the rows are sorted:
   * only their text and rowid (read from the index on the field where
   * there is one), and then the page's rows are read whole. Sorting whole
   * rows would read every article's body for a page of titles. */
  g_string_append_printf (sql, " WHERE rowid IN (SELECT rowid FROM %s", table->name);
  if (!append_filters (sql, table, filters, n_filters, error))
    return FALSE;
  g_string_append_printf (sql, " ORDER BY %s" LOTSE_COLLATE " %s, rowid %s LIMIT ? OFFSET ?)"
                          " ORDER BY %s" LOTSE_COLLATE " %s, rowid %s",
                          order_field, direction, direction, order_field, direction, direction);

  return TRUE;
}

/**
 * lotse_store_list:
 * @self: a store
 * @table: a table name
 * @filters: (array length=n_filters) (nullable): conditions, all must hold
 * @n_filters: the number of @filters
 * @order_field: (nullable): the field to sort by, with a leading "-" for
 *   descending order, or %NULL for the table's default order; ties are
 *   broken by id (by rowid after a text field) so pages are stable. Text
 *   fields sort in the locale's order.
 * @limit: the most rows to return, 0 for all
 * @offset: rows to skip
 * @error: a location for a #GError
 *
 * Lists rows that are not deleted.
 *
 * Returns: (transfer container) (element-type LotseRecord) (nullable): the rows
 */
GPtrArray *
lotse_store_list (LotseStore         *self,
                  const char         *table_name,
                  const LotseFilter  *filters,
                  guint               n_filters,
                  const char         *order_field,
                  guint               limit,
                  guint               offset,
                  GError            **error)
{
  const LotseTable *table;
  g_autoptr(GString) sql = g_string_new (NULL);
  g_autoptr(GPtrArray) rows = NULL;
  sqlite3_stmt *stmt;
  int column;
  gboolean descending = FALSE;
  int rc;

  g_return_val_if_fail (LOTSE_IS_STORE (self), NULL);

  table = lotse_store_lookup_table (table_name, error);
  if (table == NULL)
    return NULL;

  if (order_field == NULL)
    order_field = table->order_field;

  /* "-field" sorts newest or largest first. */
  if (order_field[0] == '-')
    {
      descending = TRUE;
      order_field++;
    }

  if (lotse_table_lookup_field (table, order_field) == NULL &&
      g_strcmp0 (order_field, "created_at") != 0 &&
      g_strcmp0 (order_field, "updated_at") != 0)
    {
      g_set_error (error, LOTSE_ERROR, LOTSE_ERROR_UNKNOWN_FIELD,
                   _("Table “%s” has no field “%s”"), table->name, order_field);
      return NULL;
    }

  if (!append_list_query (sql, table, filters, n_filters, order_field, descending, error))
    return NULL;

  stmt = prepare (self, sql->str, error);
  if (stmt == NULL)
    return NULL;

  column = bind_filters (stmt, table, filters, n_filters);
  sqlite3_bind_int64 (stmt, column, limit > 0 ? (gint64)limit : -1);
  sqlite3_bind_int64 (stmt, column + 1, offset);

  rows = g_ptr_array_new_with_free_func (g_object_unref);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (rows, lotse_store_record_from_row (table, stmt));

  if (rc != SQLITE_DONE)
    {
      set_sqlite_error (error, self->db, "reading");
      return NULL;
    }

  sqlite3_reset (stmt);

  return g_steal_pointer (&rows);
}

/**
 * lotse_store_count:
 * @self: a store
 * @table: a table name
 * @filters: (array length=n_filters) (nullable): conditions, all must hold
 * @n_filters: the number of @filters
 * @error: a location for a #GError
 *
 * Returns: the number of rows that are not deleted, or -1 on error
 */
gint64
lotse_store_count (LotseStore         *self,
                   const char         *table_name,
                   const LotseFilter  *filters,
                   guint               n_filters,
                   GError            **error)
{
  const LotseTable *table;
  g_autoptr(GString) sql = g_string_new (NULL);
  sqlite3_stmt *stmt;
  gint64 count;

  g_return_val_if_fail (LOTSE_IS_STORE (self), -1);

  table = lotse_store_lookup_table (table_name, error);
  if (table == NULL)
    return -1;

  g_string_append_printf (sql, "SELECT count(*) FROM %s", table->name);
  if (!append_filters (sql, table, filters, n_filters, error))
    return -1;

  stmt = prepare (self, sql->str, error);
  if (stmt == NULL)
    return -1;

  bind_filters (stmt, table, filters, n_filters);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      set_sqlite_error (error, self->db, "counting");
      return -1;
    }

  count = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);

  return count;
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
 * Returns: %TRUE if no synced table holds a row that is not deleted
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
      g_autofree char *sql = g_strdup_printf ("SELECT EXISTS (SELECT 1 FROM %s WHERE deleted = 0)",
                                              tables[i]->name);

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
