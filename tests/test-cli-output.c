/* test-cli-output.c: where lotse-cli's exports may write (-o)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every export with -o (CSV, iCalendar, PDF) writes a new name or replaces
 * a regular file atomically with its permissions kept, writes standard
 * output for “-”, and refuses a symbolic link, a named pipe, a folder and
 * a device with exit status 1, leaving them as they were.
 */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>

#include "lotse-test-cli.h"

static LotseTestCliFixture *demo;

typedef struct
{
  const char *name;
  const char *args[6];
  const char *magic;   /* how the file starts */
} Export;

static Export exports[] = {
  { "csv", { "export", "csv", "project" }, "\xEF\xBB\xBF" "id," },
  { "ics", { "export", "ics", "--series", NULL /* set in main () */ }, "BEGIN:VCALENDAR" },
  { "pdf", { "export", "milestones", "--today", "2026-11-30" }, "%PDF-" },
};

typedef struct
{
  char *dir;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->dir = lotse_test_make_tmpdir ();
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  lotse_test_remove_tree (f->dir);
  g_free (f->dir);
}

static LotseTestCliResult *
run_export (const Export *export,
            const char   *output)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();

  g_ptr_array_add (args, (gpointer) "--db");
  g_ptr_array_add (args, demo->db);
  for (guint i = 0; export->args[i] != NULL; i++)
    g_ptr_array_add (args, (gpointer) export->args[i]);
  g_ptr_array_add (args, (gpointer) "-o");
  g_ptr_array_add (args, (gpointer) output);
  g_ptr_array_add (args, NULL);

  return lotse_test_cli_run_argv (demo->dir, (const char * const *) args->pdata);
}

static guint
count_entries (const char *dir)
{
  g_autoptr(GDir) handle = g_dir_open (dir, 0, NULL);
  guint n = 0;

  g_assert_nonnull (handle);
  while (g_dir_read_name (handle) != NULL)
    n++;

  return n;
}

static void
assert_refused (const Export *export,
                const char   *dir,
                const char   *target,
                const char   *message)
{
  g_autoptr(LotseTestCliResult) result = NULL;
  guint before = count_entries (dir);

  result = run_export (export, target);
  if (result->status != 1 || strstr (result->err, message) == NULL)
    g_error ("%s to %s: exit %d, “%s”", export->name, target, result->status, result->err);
  g_assert_cmpstr (result->out, ==, "");
  /* Nothing left behind, no temporary file either. */
  g_assert_cmpuint (count_entries (dir), ==, before);
}

static void
test_symlink (Fixture       *f,
              gconstpointer  data)
{
  const Export *export = data;
  g_autofree char *target = g_build_filename (f->dir, "target.txt", NULL);
  g_autofree char *link = g_build_filename (f->dir, "link", NULL);
  g_autofree char *contents = NULL;
  g_autofree char *points_to = NULL;

  g_assert_true (g_file_set_contents (target, "untouched", -1, NULL));
  g_assert_cmpint (symlink ("target.txt", link), ==, 0);

  assert_refused (export, f->dir, link, "symbolic link");
  points_to = g_file_read_link (link, NULL);
  g_assert_cmpstr (points_to, ==, "target.txt");
  g_assert_true (g_file_get_contents (target, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "untouched");
}

static void
test_fifo (Fixture       *f,
           gconstpointer  data)
{
  g_autofree char *fifo = g_build_filename (f->dir, "fifo", NULL);
  GStatBuf st;

  g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);
  assert_refused (data, f->dir, fifo, "not a regular file");
  g_assert_cmpint (g_lstat (fifo, &st), ==, 0);
  g_assert_true (S_ISFIFO (st.st_mode));
}

static void
test_directory (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *folder = g_build_filename (f->dir, "folder", NULL);

  g_assert_cmpint (g_mkdir (folder, 0700), ==, 0);
  assert_refused (data, f->dir, folder, "folder");
  g_assert_true (g_file_test (folder, G_FILE_TEST_IS_DIR));
  g_assert_cmpuint (count_entries (folder), ==, 0);
}

/* A device like /dev/null. Root makes one of its own in the test's folder,
 * so that no build of Lotse can replace the system's; others cannot
 * replace /dev/null and use it. */
static void
test_device (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *own = g_build_filename (f->dir, "null", NULL);
  const char *device = own;
  GStatBuf st;

  if (mknod (own, S_IFCHR | 0666, makedev (1, 3)) != 0)
    device = "/dev/null";

  assert_refused (data, device == own ? f->dir : "/dev", device, "not a regular file");
  g_assert_cmpint (g_lstat (device, &st), ==, 0);
  g_assert_true (S_ISCHR (st.st_mode));
}

static void
test_stdout (Fixture       *f,
             gconstpointer  data)
{
  const Export *export = data;
  g_autoptr(LotseTestCliResult) result = NULL;

  /* lotse-cli runs in the test's working folder. */
  g_assert_false (g_file_test ("-", G_FILE_TEST_EXISTS));
  result = run_export (export, "-");
  g_assert_cmpint (result->status, ==, 0);
  g_assert_cmpstr (result->err, ==, "");
  g_assert_true (g_str_has_prefix (result->out, export->magic));
  g_assert_false (g_file_test ("-", G_FILE_TEST_EXISTS));
}

/* An existing file is replaced by a rename (a new inode, so a reader of the
 * old one never sees half an export) and keeps its permissions. */
static void
test_regular_file (Fixture       *f,
                   gconstpointer  data)
{
  const Export *export = data;
  g_autofree char *path = g_build_filename (f->dir, "export.out", NULL);
  g_autofree char *created = g_build_filename (f->dir, "new.out", NULL);
  g_autoptr(LotseTestCliResult) replaced = NULL;
  g_autoptr(LotseTestCliResult) fresh = NULL;
  g_autofree char *contents = NULL;
  GStatBuf before, after;

  g_assert_true (g_file_set_contents (path, "old", -1, NULL));
  g_assert_cmpint (g_chmod (path, 0640), ==, 0);
  g_assert_cmpint (g_stat (path, &before), ==, 0);

  replaced = run_export (export, path);
  g_assert_cmpint (replaced->status, ==, 0);
  g_assert_cmpint (g_stat (path, &after), ==, 0);
  g_assert_cmpuint (after.st_mode & 07777, ==, 0640);
  g_assert_cmpuint (after.st_ino, !=, before.st_ino);
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_true (g_str_has_prefix (contents, export->magic));

  fresh = run_export (export, created);
  g_assert_cmpint (fresh->status, ==, 0);
  g_assert_true (g_file_test (created, G_FILE_TEST_IS_REGULAR));
  g_assert_cmpuint (count_entries (f->dir), ==, 2);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(LotseTestCliResult) loaded = NULL;
  g_autofree char *series = NULL;
  int status;
  struct { const char *path; GTestFixtureFunc func; } cases[] = {
    { "symlink", (GTestFixtureFunc) test_symlink },
    { "fifo", (GTestFixtureFunc) test_fifo },
    { "directory", (GTestFixtureFunc) test_directory },
    { "device", (GTestFixtureFunc) test_device },
    { "stdout", (GTestFixtureFunc) test_stdout },
    { "regular-file", (GTestFixtureFunc) test_regular_file },
  };

  g_test_init (&argc, &argv, NULL);

  demo = lotse_test_cli_fixture_new ();
  loaded = lotse_test_cli_run_db (demo->dir, demo->db, "demo", NULL);
  g_assert_cmpint (loaded->status, ==, 0);
  series = lotse_test_query_text (demo->db, "SELECT id FROM meeting_series"
                                            " WHERE recurrence IS NOT NULL ORDER BY id LIMIT 1");
  exports[1].args[3] = series;

  for (guint e = 0; e < G_N_ELEMENTS (exports); e++)
    for (guint c = 0; c < G_N_ELEMENTS (cases); c++)
      {
        g_autofree char *path = g_strdup_printf ("/cli/output/%s/%s", exports[e].name, cases[c].path);

        g_test_add_vtable (path, sizeof (Fixture), &exports[e], (GTestFixtureFunc) fixture_set_up,
                           cases[c].func, (GTestFixtureFunc) fixture_tear_down);
      }

  status = g_test_run ();
  lotse_test_cli_fixture_free (demo);

  return status;
}
