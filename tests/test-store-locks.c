/* test-store-locks.c: the database shared by the app's process and others
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Two processes on one SQLite file: this test process, which links the
 * store code as the app does, and the real lotse-cli, a Python sqlite3
 * session or a sync. Checked: what each side wrote is stored, the file
 * stays whole, nobody deletes the -wal and -shm of a connection that is
 * still open, and a writer waits for a lock as long as promised (5 s),
 * then fails with a clear message and changes nothing.
 */

#include "config.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>
#include <unistd.h>

#include "lotse-test-sync.h"

typedef struct
{
  char *dir;
  char *db;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->dir = lotse_test_make_tmpdir ();
  fixture->db = g_build_filename (fixture->dir, "lotse.db", NULL);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  lotse_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->db);
}

/* A lotse-cli run that goes on while the test does something else. */
typedef struct
{
  GSubprocess *process;
  gint64       started;
  gint64       ended;
  gboolean     done;
  char        *out;
  char        *err;
  int          status;
} Cli;

static void
cli_communicated (GObject      *source,
                  GAsyncResult *result,
                  gpointer      data)
{
  Cli *cli = data;
  g_autoptr(GError) error = NULL;

  g_subprocess_communicate_utf8_finish (G_SUBPROCESS (source), result, &cli->out, &cli->err, &error);
  g_assert_no_error (error);
  g_subprocess_wait (cli->process, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (cli->process));
  cli->status = g_subprocess_get_exit_status (cli->process);
  cli->ended = g_get_monotonic_time ();
  cli->done = TRUE;

  if (g_test_verbose ())
    g_test_message ("lotse-cli → %d after %.2f s\n%s%s", cli->status,
                    (cli->ended - cli->started) / (double)G_USEC_PER_SEC, cli->out, cli->err);
}

/* Runs lotse-cli --db <the fixture's database> with the arguments after
 * @input (for its standard input, may be NULL). */
static Cli *
cli_start (Fixture    *fixture,
           const char *input,
           ...)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *data_home = g_build_filename (fixture->dir, "data-home", NULL);
  Cli *cli = g_new0 (Cli, 1);
  const char *arg;
  va_list ap;

  g_assert_nonnull (g_getenv ("LOTSE_CLI"));
  g_ptr_array_add (argv, (gpointer)g_getenv ("LOTSE_CLI"));
  g_ptr_array_add (argv, (gpointer)"--db");
  g_ptr_array_add (argv, fixture->db);
  va_start (ap, input);
  while ((arg = va_arg (ap, const char *)) != NULL)
    g_ptr_array_add (argv, (gpointer)arg);
  va_end (ap);
  g_ptr_array_add (argv, NULL);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                        G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_subprocess_launcher_setenv (launcher, "XDG_DATA_HOME", data_home, TRUE);
  g_subprocess_launcher_setenv (launcher, "LOTSE_CREDENTIALS", "file", TRUE);
  cli->started = g_get_monotonic_time ();
  cli->process = g_subprocess_launcher_spawnv (launcher, (const char * const *)argv->pdata, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8_async (cli->process, input ? input : "", NULL, cli_communicated, cli);

  return cli;
}

static void
cli_finish (Cli *cli)
{
  while (!cli->done)
    g_main_context_iteration (NULL, TRUE);
}

static void
cli_free (Cli *cli)
{
  cli_finish (cli);
  g_object_unref (cli->process);
  g_free (cli->out);
  g_free (cli->err);
  g_free (cli);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Cli, cli_free)

static double
cli_seconds (Cli *cli)
{
  return (cli->ended - cli->started) / (double)G_USEC_PER_SEC;
}

static gboolean
quit_loop (gpointer data)
{
  g_main_loop_quit (data);
  return G_SOURCE_REMOVE;
}

/* Keeps the main context running (the CLI's output is read) for @seconds. */
static void
run_for (double seconds)
{
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);

  g_timeout_add ((guint)(seconds * 1000), quit_loop, loop);
  g_main_loop_run (loop);
}

static char *
insert_organisation (LotseStore *store,
                     const char *name)
{
  g_autoptr(LotseRecord) record = lotse_record_new_for_table ("organisation");
  g_autoptr(GError) error = NULL;

  lotse_record_set (record, "name", name);
  lotse_store_insert (store, record, &error);
  g_assert_no_error (error);

  return g_strdup (lotse_record_get_id (record));
}

static gint64
count_organisations (LotseStore *store)
{
  g_autoptr(GError) error = NULL;
  gint64 count = lotse_store_count (store, "organisation", NULL, 0, &error);

  g_assert_no_error (error);
  return count;
}

/* ---- another descriptor of the database in the app's process -------- */

/* What a file chooser, a drop target or a thumbnailer in the app's
 * process does with a file it shows: read it whole, sniff its content
 * type, stream its head; each opens and closes a descriptor. */
static void
touch_through_gio (const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GFileInputStream) stream = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  char head[100];

  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    return;

  g_assert_true (g_file_load_contents (file, NULL, &contents, NULL, NULL, &error));
  g_assert_no_error (error);
  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_CONTENT_TYPE, G_FILE_QUERY_INFO_NONE, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (g_file_info_get_content_type (info));
  stream = g_file_read (file, NULL, &error);
  g_assert_no_error (error);
  g_input_stream_read (G_INPUT_STREAM (stream), head, sizeof head, NULL, &error);
  g_assert_no_error (error);
  g_input_stream_close (G_INPUT_STREAM (stream), NULL, &error);
  g_assert_no_error (error);
}

static void
touch_database_files (Fixture *fixture)
{
  const char * const suffixes[] = { "", "-wal", "-shm" };
  g_autofree char *hard_link = g_build_filename (fixture->dir, "hard-link.db", NULL);
  g_autofree char *sym_link = g_build_filename (fixture->dir, "sym-link.db", NULL);

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *path = g_strconcat (fixture->db, suffixes[i], NULL);

      touch_through_gio (path);
    }

  /* The same file under other names. */
  touch_through_gio (hard_link);
  touch_through_gio (sym_link);
}

static void
assert_journal_files_exist (Fixture *fixture)
{
  g_autofree char *wal = g_strconcat (fixture->db, "-wal", NULL);
  g_autofree char *shm = g_strconcat (fixture->db, "-shm", NULL);

  g_assert_true (g_file_test (wal, G_FILE_TEST_IS_REGULAR));
  g_assert_true (g_file_test (shm, G_FILE_TEST_IS_REGULAR));
}

/* Issue #13.2: the app's process opens and closes its own database files
 * (and other names of them) through GIO, before and while lotse-cli
 * writes. Closing such a descriptor dropped the app's POSIX locks, so the
 * CLI took itself for the last connection and deleted -wal and -shm under
 * the app, whose next write went into a deleted file. */
static void
test_foreign_descriptors (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(LotseStore) app = NULL;
  g_autoptr(LotseStore) worker = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *hard_link = g_build_filename (fixture->dir, "hard-link.db", NULL);
  g_autofree char *sym_link = g_build_filename (fixture->dir, "sym-link.db", NULL);
  const guint rounds = 4;

  app = lotse_store_open (fixture->db, &error);
  g_assert_no_error (error);
  g_free (insert_organisation (app, "App 0"));
  g_assert_cmpint (link (fixture->db, hard_link), ==, 0);
  g_assert_cmpint (symlink (fixture->db, sym_link), ==, 0);
  /* The app has several connections: its workers open their own. */
  worker = lotse_store_open (fixture->db, &error);
  g_assert_no_error (error);

  for (guint i = 1; i <= rounds; i++)
    {
      g_autofree char *cli_name = g_strdup_printf ("name=CLI %u", i);
      g_autofree char *app_name = g_strdup_printf ("App %u", i);
      g_autofree char *worker_name = g_strdup_printf ("Worker %u", i);
      g_autoptr(Cli) cli = NULL;

      touch_database_files (fixture);
      cli = cli_start (fixture, NULL, "add", "organisation", cli_name, NULL);
      while (!cli->done)
        {
          touch_database_files (fixture);
          g_main_context_iteration (NULL, FALSE);
        }
      g_assert_cmpstr (cli->err, ==, "");
      g_assert_cmpint (cli->status, ==, 0);

      /* The app's connections are open: their journal files stay. */
      assert_journal_files_exist (fixture);
      g_assert_cmpint (count_organisations (app), ==, 3 * i - 1);
      g_free (insert_organisation (app, app_name));
      g_free (insert_organisation (worker, worker_name));
      g_assert_cmpint (count_organisations (worker), ==, 3 * i + 1);
    }

  g_clear_object (&worker);
  touch_database_files (fixture);
  g_assert_cmpint (count_organisations (app), ==, 3 * rounds + 1);
  g_clear_object (&app);

  g_assert_cmpstr (lotse_test_query_text (fixture->db, "PRAGMA integrity_check"), ==, "ok");
  g_assert_cmpint (lotse_test_query_int (fixture->db, "SELECT count(*) FROM organisation"), ==, 3 * rounds + 1);
  g_assert_cmpint (lotse_test_query_int (fixture->db,
                                         "SELECT count(*) FROM organisation WHERE name GLOB 'CLI *'"),
                   ==, rounds);
  g_assert_cmpint (lotse_test_query_int (fixture->db,
                                         "SELECT count(*) FROM organisation WHERE name GLOB 'Worker *'"),
                   ==, rounds);
  g_assert_cmpint (lotse_test_query_int (fixture->db, "SELECT count(*) FROM outbox"), ==, 3 * rounds + 1);
}

/* The first connection of the process to the file is read-only (a check
 * before opening, a reader): the locks of the process, which later
 * connections share, must still allow writing. The last connection to
 * close needs the exclusive lock to move the WAL into the database and
 * delete it. */
static void
test_read_only_connection_first (Fixture       *fixture,
                                 gconstpointer  data)
{
  g_autoptr(LotseStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *wal = g_strconcat (fixture->db, "-wal", NULL);
  sqlite3 *reader = NULL;
  sqlite3_stmt *stmt = NULL;

  store = lotse_store_open (fixture->db, &error);
  g_assert_no_error (error);
  g_clear_object (&store);
  g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));

  g_assert_cmpint (sqlite3_open_v2 (fixture->db, &reader, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (reader, "SELECT count(*) FROM organisation", -1, &stmt, NULL), ==,
                   SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, 0);
  sqlite3_reset (stmt);

  store = lotse_store_open (fixture->db, &error);
  g_assert_no_error (error);
  g_free (insert_organisation (store, "Written"));
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, 1);
  sqlite3_finalize (stmt);
  sqlite3_close (reader);

  g_clear_object (&store);
  g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
  g_assert_cmpint (lotse_test_query_int (fixture->db, "SELECT count(*) FROM organisation"), ==, 1);
}

/* ---- waiting for the write lock (issue #21.10) ----------------------- */


/* A store on the fixture's database with one row, "Before". */
static LotseStore *
open_with_one_row (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  LotseStore *store = lotse_store_open (fixture->db, &error);

  g_assert_no_error (error);
  g_free (insert_organisation (store, "Before"));

  return store;
}

/* This process holds the write lock for 2 s (a transaction with a write
 * in it, committed then) while lotse-cli adds a row: the CLI waits and
 * succeeds. It failed at once on main: its insert read the row's absence
 * in a deferred transaction and could not upgrade it to a write. */
static void
test_cli_waits_for_lock (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(LotseStore) holder = open_with_one_row (fixture);
  g_autoptr(GError) error = NULL;
  g_autoptr(Cli) cli = NULL;
  gint64 released;

  g_assert_true (lotse_store_begin (holder, &error));
  g_free (insert_organisation (holder, "Holder"));
  cli = cli_start (fixture, NULL, "add", "organisation", "name=Waiting", NULL);
  run_for (2.0);
  g_assert_false (cli->done);
  g_assert_true (lotse_store_commit (holder, &error));
  released = g_get_monotonic_time ();

  cli_finish (cli);
  g_assert_cmpstr (cli->err, ==, "");
  g_assert_cmpint (cli->status, ==, 0);
  g_assert_cmpint (cli->ended, >=, released);
  g_assert_cmpint (count_organisations (holder), ==, 3);
  g_assert_cmpint (lotse_test_query_int (fixture->db, "SELECT count(*) FROM organisation WHERE name = 'Waiting'"),
                   ==, 1);
  g_assert_cmpint (lotse_test_query_int (fixture->db, "SELECT count(*) FROM outbox"), ==, 3);
}

/* The lock is held longer than the CLI waits (5 s): it gives up after
 * about 5 s, says why, and changes nothing. */
static void
test_cli_gives_up (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(LotseStore) holder = open_with_one_row (fixture);
  g_autoptr(GError) error = NULL;
  g_autoptr(Cli) cli = NULL;

  g_assert_true (lotse_store_begin (holder, &error));
  g_free (insert_organisation (holder, "Holder"));
  cli = cli_start (fixture, NULL, "add", "organisation", "name=Refused", NULL);
  cli_finish (cli);
  lotse_store_rollback (holder);

  g_assert_cmpint (cli->status, !=, 0);
  g_assert_cmpfloat (cli_seconds (cli), >=, 4.5);
  g_assert_cmpfloat (cli_seconds (cli), <, 7.0);
  g_assert_cmpstr (cli->out, ==, "");
  g_assert_nonnull (strstr (cli->err, "in use by another program"));
  g_assert_nonnull (strstr (cli->err, "nothing was changed"));
  g_assert_cmpint (lotse_test_query_int (fixture->db, "SELECT count(*) FROM organisation"), ==, 1);
  g_assert_cmpint (lotse_test_query_int (fixture->db, "SELECT count(*) FROM outbox"), ==, 1);
}

/* Another program (Python's sqlite3, with classic POSIX locks) holds the
 * write lock for 2 s and commits a change; a save in the app's process
 * waits for it instead of failing, and both changes are stored. */
static void
test_save_waits_for_other_program (Fixture       *fixture,
                                   gconstpointer  data)
{
  const char *script =
    "import sqlite3, sys, time\n"
    "db = sqlite3.connect(sys.argv[1], isolation_level=None)\n"
    "db.execute(\"BEGIN IMMEDIATE\")\n"
    "db.execute(\"UPDATE organisation SET city = 'Bielefeld' WHERE name = 'Other'\")\n"
    "print('locked', flush=True)\n"
    "time.sleep(2)\n"
    "db.execute(\"COMMIT\")\n";
  g_autoptr(LotseStore) store = open_with_one_row (fixture);
  g_autofree char *mine = insert_organisation (store, "Mine");
  g_autofree char *other = insert_organisation (store, "Other");
  g_autoptr(LotseRecord) record = NULL;
  g_autoptr(GSubprocess) python = NULL;
  g_autoptr(GDataInputStream) lines = NULL;
  g_autofree char *line = NULL;
  g_autoptr(GError) error = NULL;
  gint64 start;

  record = lotse_store_get (store, "organisation", mine, &error);
  g_assert_no_error (error);

  python = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error, "/usr/bin/python3", "-c", script,
                             fixture->db, NULL);
  g_assert_no_error (error);
  lines = g_data_input_stream_new (g_subprocess_get_stdout_pipe (python));
  line = g_data_input_stream_read_line (lines, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (line, ==, "locked");

  start = g_get_monotonic_time ();
  lotse_record_set (record, "city", "Gütersloh");
  lotse_store_update (store, record, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_get_monotonic_time () - start, >=, G_USEC_PER_SEC);

  g_assert_true (g_subprocess_wait_check (python, NULL, &error));
  g_assert_no_error (error);
  g_clear_object (&record);
  record = lotse_store_get (store, "organisation", mine, &error);
  g_assert_cmpstr (lotse_record_get (record, "city"), ==, "Gütersloh");
  g_clear_object (&record);
  record = lotse_store_get (store, "organisation", other, &error);
  g_assert_cmpstr (lotse_record_get (record, "city"), ==, "Bielefeld");
  g_assert_cmpint (lotse_test_query_int (fixture->db, "SELECT count(*) FROM outbox"), ==, 4);
}

/* ---- saves during a sync in another process -------------------------- */

static gboolean
wake_up (gpointer data)
{
  *(gboolean *)data = TRUE;
  return G_SOURCE_REMOVE;
}

/* Until the CLI wrote another page of its pull (or ended). */
static void
wait_for_next_page (LotseStore *store,
                    Cli        *cli,
                    gint64     *seen)
{
  while (!cli->done)
    {
      gint64 now = count_organisations (store);
      gboolean woken = FALSE;

      if (now != *seen)
        {
          *seen = now;
          return;
        }

      g_timeout_add (10, wake_up, &woken);
      while (!woken)
        g_main_context_iteration (NULL, TRUE);
    }
}

/* Saves in the app's process while lotse-cli pulls 16 pages into the same
 * database: every save waits for the page being written and succeeds
 * (on main 2 of 15 failed with "database is locked"). */
static void
test_saves_during_sync (Fixture       *fixture,
                        gconstpointer  data)
{
  const char * const server_args[] = { "--rate-limit", "100000", "--rate-burst", "100000", NULL };
  const guint n_remote = 16000;
  const guint n_saves = 15;
  g_autoptr(LotseTestServer) server = lotse_test_server_new ();
  g_autoptr(TestClient) anna = NULL;
  g_autoptr(LotseTestCliResult) login = NULL;
  g_autoptr(LotseStore) app = NULL;
  g_autoptr(Cli) cli = NULL;
  g_autoptr(GError) error = NULL;
  char *ids[15] = { NULL, };
  guint n_during_pull = 0;
  gint64 seen;

  lotse_test_server_add_user (server, "anna", "editor", "secret-anna");
  lotse_test_server_add_user (server, "ben", "editor", "secret-ben");
  lotse_test_server_start (server, server_args, NULL);

  login = test_sync_cli (fixture->dir, "secret-ben\n", NULL, "--db", fixture->db, "sync", "--server",
                         lotse_test_server_get_url (server), "--user", "ben", "--password-stdin", NULL);
  g_assert_cmpint (login->status, ==, 0);

  app = lotse_store_open (fixture->db, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < n_saves; i++)
    {
      g_autofree char *name = g_strdup_printf ("Mine %02u", i);

      ids[i] = insert_organisation (app, name);
    }

  anna = test_client_new (server, fixture->dir, "anna", "anna", "secret-anna");
  g_assert_true (lotse_store_begin (anna->store, &error));
  for (guint i = 0; i < n_remote; i++)
    {
      g_autofree char *name = g_strdup_printf ("Partner %05u", i);

      g_free (insert_organisation (anna->store, name));
    }
  g_assert_true (lotse_store_commit (anna->store, &error));
  test_client_sync (anna, NULL);

  seen = count_organisations (app);
  cli = cli_start (fixture, NULL, "sync", NULL);
  for (guint i = 0; i < n_saves; i++)
    {
      g_autoptr(LotseRecord) record = NULL;

      wait_for_next_page (app, cli, &seen);
      record = lotse_store_get (app, "organisation", ids[i], &error);
      g_assert_no_error (error);
      lotse_record_set (record, "city", "Lemgo");
      lotse_store_update (app, record, &error);
      g_assert_no_error (error);
      n_during_pull += !cli->done;
    }

  cli_finish (cli);
  g_assert_cmpuint (n_during_pull, >, 0);
  g_assert_cmpint (cli->status, ==, 0);
  g_assert_cmpint (count_organisations (app), ==, n_remote + n_saves);
  g_assert_cmpint (lotse_test_query_int (fixture->db, "SELECT count(*) FROM organisation WHERE city = 'Lemgo'"),
                   ==, n_saves);

  for (guint i = 0; i < n_saves; i++)
    g_free (ids[i]);
  lotse_test_server_stop (server);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/store/locks/foreign-descriptors", Fixture, NULL, fixture_set_up, test_foreign_descriptors,
              fixture_tear_down);
  g_test_add ("/store/locks/read-only-connection-first", Fixture, NULL, fixture_set_up,
              test_read_only_connection_first, fixture_tear_down);
  g_test_add ("/store/locks/cli-waits", Fixture, NULL, fixture_set_up, test_cli_waits_for_lock,
              fixture_tear_down);
  g_test_add ("/store/locks/cli-gives-up", Fixture, NULL, fixture_set_up, test_cli_gives_up,
              fixture_tear_down);
  g_test_add ("/store/locks/save-waits-for-other-program", Fixture, NULL, fixture_set_up,
              test_save_waits_for_other_program, fixture_tear_down);
  g_test_add ("/store/locks/saves-during-sync", Fixture, NULL, fixture_set_up, test_saves_during_sync,
              fixture_tear_down);

  return g_test_run ();
}
