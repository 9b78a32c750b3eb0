/* lotse-test-cli.c: running lotse-cli from the test suites
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The CLI suites spawn the real binary ($LOTSE_CLI) against a database in
 * a temporary directory and check the exit status, stdout, stderr and the
 * database file itself.
 */

#include "config.h"

#include <string.h>
#include <sys/wait.h>

#include "lotse-test-cli.h"

/**
 * lotse_test_cli_result_free:
 * @result: (transfer full): a result of lotse_test_cli_run_argv()
 *
 * Frees @result and its output.
 */
void
lotse_test_cli_result_free (LotseTestCliResult *result)
{
  g_free (result->out);
  g_free (result->err);
  g_free (result);
}

/**
 * lotse_test_cli_fixture_new:
 *
 * Makes a fresh temp dir; the database path in it is not created.
 *
 * Returns: (transfer full): the fixture, for lotse_test_cli_fixture_free()
 */
LotseTestCliFixture *
lotse_test_cli_fixture_new (void)
{
  LotseTestCliFixture *fixture = g_new0 (LotseTestCliFixture, 1);

  fixture->dir = lotse_test_make_tmpdir ();
  fixture->db = g_build_filename (fixture->dir, "lotse.db", NULL);

  return fixture;
}

/**
 * lotse_test_cli_fixture_free:
 * @fixture: (transfer full): a fixture
 *
 * Removes the temp dir of @fixture with everything in it and frees @fixture.
 */
void
lotse_test_cli_fixture_free (LotseTestCliFixture *fixture)
{
  lotse_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->db);
  g_free (fixture);
}

/**
 * lotse_test_cli_run_argv:
 * @dir: the test's temp dir
 * @args: (array zero-terminated=1): the arguments after the program name
 *
 * Runs lotse-cli with @args and waits for it to exit; fails the test if it
 * cannot be spawned or does not exit normally. XDG_DATA_HOME points into
 * @dir so that the default database of the person running the tests is
 * never touched.
 *
 * Returns: (transfer full): the exit status and output
 */
LotseTestCliResult *
lotse_test_cli_run_argv (const char         *dir,
                         const char * const *args)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *data_home = g_build_filename (dir, "data-home", NULL);
  g_auto(GStrv) envp = g_environ_setenv (g_get_environ (), "XDG_DATA_HOME", data_home, TRUE);
  const char *cli = g_getenv ("LOTSE_CLI");
  LotseTestCliResult *result = g_new0 (LotseTestCliResult, 1);
  int wait_status = 0;

  g_assert_nonnull (cli);

  g_ptr_array_add (argv, (gpointer) cli);
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);

  g_spawn_sync (NULL, (char **) argv->pdata, envp, G_SPAWN_DEFAULT, NULL, NULL,
                &result->out, &result->err, &wait_status, &error);
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (wait_status));
  result->status = WEXITSTATUS (wait_status);

  if (g_test_verbose ())
    g_test_message ("%s → %d\n%s%s", args[0], result->status, result->out, result->err);

  return result;
}

/* Appends the arguments of @ap up to the terminating NULL to @args, and the
 * NULL itself. */
static void
append_valist (GPtrArray *args,
               va_list    ap)
{
  const char *arg;

  while ((arg = va_arg (ap, const char *)) != NULL)
    g_ptr_array_add (args, (gpointer) arg);
  g_ptr_array_add (args, NULL);
}

/**
 * lotse_test_cli_run:
 * @dir: the test's temp dir
 * @...: the arguments, terminated by %NULL
 *
 * Like lotse_test_cli_run_argv(), with the arguments inline.
 *
 * Returns: (transfer full): the exit status and output
 */
LotseTestCliResult *
lotse_test_cli_run (const char *dir,
                    ...)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  va_list ap;

  va_start (ap, dir);
  append_valist (args, ap);
  va_end (ap);

  return lotse_test_cli_run_argv (dir, (const char * const *) args->pdata);
}

/**
 * lotse_test_cli_run_db:
 * @dir: the test's temp dir
 * @db: the database file
 * @...: the arguments after “--db @db”, terminated by %NULL
 *
 * Like lotse_test_cli_run(), on the database @db.
 *
 * Returns: (transfer full): the exit status and output
 */
LotseTestCliResult *
lotse_test_cli_run_db (const char *dir,
                       const char *db,
                       ...)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  va_list ap;

  g_ptr_array_add (args, (gpointer) "--db");
  g_ptr_array_add (args, (gpointer) db);
  va_start (ap, db);
  append_valist (args, ap);
  va_end (ap);

  return lotse_test_cli_run_argv (dir, (const char * const *) args->pdata);
}

/**
 * lotse_test_cli_add_row:
 * @fixture: a fixture
 * @table: a table name
 * @...: FIELD=VALUE assignments, terminated by %NULL
 *
 * Adds a row to the database of @fixture through “lotse-cli add”; fails
 * the test unless that succeeds quietly and prints an id.
 *
 * Returns: (transfer full): the id of the new row
 */
char *
lotse_test_cli_add_row (LotseTestCliFixture *fixture,
                        const char          *table,
                        ...)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  g_autoptr(LotseTestCliResult) result = NULL;
  va_list ap;

  g_ptr_array_add (args, (gpointer) "--db");
  g_ptr_array_add (args, fixture->db);
  g_ptr_array_add (args, (gpointer) "add");
  g_ptr_array_add (args, (gpointer) table);
  va_start (ap, table);
  append_valist (args, ap);
  va_end (ap);

  result = lotse_test_cli_run_argv (fixture->dir, (const char * const *) args->pdata);
  g_assert_cmpstr (result->err, ==, "");
  g_assert_cmpint (result->status, ==, 0);
  g_assert_true (g_str_has_suffix (result->out, "\n"));
  result->out[strlen (result->out) - 1] = '\0';
  g_assert_true (lotse_is_uuid (result->out));

  return g_steal_pointer (&result->out);
}
