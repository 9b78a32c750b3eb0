/* test-sync-cli-pinning.c: lotse-cli and an office server with its own
 * certificate
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A real lotse-server with TLS and a self-signed certificate made by
 * openssl. The first sync is refused with the fingerprint to compare and
 * no password leaves; --trust-fingerprint pins the certificate with the
 * account in the database, later syncs need nothing more, and another
 * certificate on the same address is refused until its fingerprint is
 * given.
 */

#include "config.h"

#include <string.h>

#include "lotse-test-sync.h"

typedef struct
{
  char            *dir;
  char            *db;
  char            *cert[2];
  char            *key[2];
  char            *fingerprint[2];  /* openssl's, "AB:CD:…" */
  LotseTestServer *server;
} Fixture;

static void
start_server (Fixture    *f,
              guint       which,
              const char *listen)
{
  const char * const args[] = { "--tls-cert", f->cert[which], "--tls-key", f->key[which],
                                listen ? "--listen" : NULL, listen, NULL };

  lotse_test_server_start (f->server, args, NULL);
  g_assert_true (g_str_has_prefix (lotse_test_server_get_url (f->server), "https://"));
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  f->dir = lotse_test_make_tmpdir ();
  f->db = g_build_filename (f->dir, "office.db", NULL);
  for (guint i = 0; i < 2; i++)
    {
      g_autofree char *name = g_strdup_printf ("certificate-%u", i);

      if (!test_make_certificate (f->dir, name, &f->cert[i], &f->key[i]))
        return;
      f->fingerprint[i] = test_certificate_fingerprint (f->cert[i]);
    }

  f->server = lotse_test_server_new ();
  lotse_test_server_add_user (f->server, "anna", "editor", "secret-anna");
  start_server (f, 0, NULL);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  if (f->server != NULL)
    {
      lotse_test_server_stop (f->server);
      lotse_test_server_free (f->server);
    }
  for (guint i = 0; i < 2; i++)
    {
      g_free (f->cert[i]);
      g_free (f->key[i]);
      g_free (f->fingerprint[i]);
    }
  lotse_test_remove_tree (f->dir);
  g_free (f->db);
  g_free (f->dir);
}

static gboolean
openssl_missing (Fixture *f)
{
  if (f->server != NULL)
    return FALSE;

  g_test_skip ("openssl is not installed");
  return TRUE;
}

/* `lotse-cli sync` for anna, logging in, and with --trust-fingerprint
 * @trust unless NULL */
static LotseTestCliResult *
log_in (Fixture    *f,
        const char *trust)
{
  return test_sync_cli (f->dir, "secret-anna\n", NULL, "--db", f->db, "sync",
                        "--server", lotse_test_server_get_url (f->server), "--user", "anna",
                        "--password-stdin", trust ? "--trust-fingerprint" : NULL, trust, NULL);
}

static LotseTestCliResult *
sync_again (Fixture    *f,
            const char *trust)
{
  return test_sync_cli (f->dir, NULL, NULL, "--db", f->db, "sync",
                        trust ? "--trust-fingerprint" : NULL, trust, NULL);
}

static void
assert_status (LotseTestCliResult *result,
               int                 status)
{
  if (result->status != status)
    g_test_message ("stdout: %s\nstderr: %s", result->out, result->err);
  g_assert_cmpint (result->status, ==, status);
}

static char *
pinned (Fixture *f)
{
  return lotse_test_query_text (f->db, "SELECT fingerprint FROM sync_account");
}

/* "AB:CD:…" as "abcd…": what a person may type */
static char *
plain_lower (const char *fingerprint)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (const char *p = fingerprint; *p != '\0'; p++)
    if (*p != ':')
      g_string_append_c (text, g_ascii_tolower (*p));

  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
test_first_use (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(LotseTestCliResult) refused = NULL;
  g_autoptr(LotseTestCliResult) wrong = NULL;
  g_autoptr(LotseTestCliResult) bad = NULL;
  g_autoptr(LotseTestCliResult) trusted = NULL;
  g_autoptr(LotseTestCliResult) again = NULL;
  g_autoptr(LotseTestCliResult) added = NULL;
  g_autofree char *token_file = NULL;
  g_autofree char *typed = NULL;
  g_autofree char *stored = NULL;

  if (openssl_missing (f))
    return;
  token_file = g_strconcat (f->db, ".token", NULL);

  /* Unknown certificate: refused with the fingerprint to compare, before
   * the password went anywhere */
  refused = log_in (f, NULL);
  assert_status (refused, 1);
  g_assert_nonnull (strstr (refused->err, f->fingerprint[0]));
  g_assert_nonnull (strstr (refused->err, "--trust-fingerprint"));
  g_assert_false (g_file_test (f->db, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (token_file, G_FILE_TEST_EXISTS));
  g_assert_cmpint (lotse_test_server_query_int (f->server,
                                         "SELECT count(*) FROM devices"), ==, 0);

  /* Another fingerprint than the server's: refused just the same */
  wrong = log_in (f, f->fingerprint[1]);
  assert_status (wrong, 1);
  g_assert_nonnull (strstr (wrong->err, "not the one given"));
  g_assert_false (g_file_test (f->db, G_FILE_TEST_EXISTS));

  /* No fingerprint at all: a mistake on the command line */
  bad = log_in (f, "AB:CD:nonsense");
  assert_status (bad, 2);
  g_assert_nonnull (strstr (bad->err, "--trust-fingerprint"));
  g_assert_false (g_file_test (f->db, G_FILE_TEST_EXISTS));

  /* The right one, typed as a person may: pinned with the account */
  typed = plain_lower (f->fingerprint[0]);
  trusted = log_in (f, typed);
  assert_status (trusted, 0);
  g_assert_nonnull (strstr (trusted->out, "Logged in as anna"));
  g_assert_nonnull (strstr (trusted->out, "Synced with"));
  stored = pinned (f);
  g_assert_cmpstr (stored, ==, f->fingerprint[0]);
  g_assert_cmpint (lotse_test_server_query_int (f->server,
                                         "SELECT count(*) FROM devices"), ==, 1);

  /* Later syncs trust it without being told */
  added = test_sync_cli (f->dir, NULL, NULL, "--db", f->db, "add", "organisation", "name=Kreis Lippe", NULL);
  assert_status (added, 0);
  again = sync_again (f, NULL);
  assert_status (again, 0);
  g_assert_nonnull (strstr (again->out, "Pushed: 1 applied"));
}

/* The server comes back on the same address with another certificate:
 * nothing is sent until its fingerprint is given. */
static void
test_changed_certificate (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(LotseTestCliResult) first = NULL;
  g_autoptr(LotseTestCliResult) changed = NULL;
  g_autoptr(LotseTestCliResult) old = NULL;
  g_autoptr(LotseTestCliResult) renewed = NULL;
  g_autoptr(LotseTestCliResult) later = NULL;
  g_autoptr(LotseTestCliResult) added = NULL;
  g_autofree char *url = NULL;
  g_autofree char *listen = NULL;
  g_autofree char *stored = NULL;

  if (openssl_missing (f))
    return;

  first = log_in (f, f->fingerprint[0]);
  assert_status (first, 0);
  url = g_strdup (lotse_test_server_get_url (f->server));
  listen = g_strdup_printf ("127.0.0.1:%u", lotse_test_server_get_port (f->server));
  added = test_sync_cli (f->dir, NULL, NULL, "--db", f->db, "add", "organisation", "name=Stadt Detmold", NULL);
  assert_status (added, 0);

  lotse_test_server_stop (f->server);
  start_server (f, 1, listen);
  g_assert_cmpstr (lotse_test_server_get_url (f->server), ==, url);

  changed = sync_again (f, NULL);
  assert_status (changed, 1);
  g_assert_nonnull (strstr (changed->err, "changed since it was trusted"));
  g_assert_nonnull (strstr (changed->err, f->fingerprint[1]));
  g_assert_nonnull (strstr (changed->err, "1 local change is kept"));
  g_assert_cmpint (lotse_test_query_int (f->db, "SELECT count(*) FROM outbox"), ==, 1);
  stored = pinned (f);
  g_assert_cmpstr (stored, ==, f->fingerprint[0]);

  old = sync_again (f, f->fingerprint[0]);
  assert_status (old, 1);
  g_assert_nonnull (strstr (old->err, "not the one given"));
  g_clear_pointer (&stored, g_free);
  stored = pinned (f);
  g_assert_cmpstr (stored, ==, f->fingerprint[0]);

  /* The administrator's new fingerprint: pinned instead of the old one */
  renewed = sync_again (f, f->fingerprint[1]);
  assert_status (renewed, 0);
  g_assert_nonnull (strstr (renewed->out, "Pushed: 1 applied"));
  g_clear_pointer (&stored, g_free);
  stored = pinned (f);
  g_assert_cmpstr (stored, ==, f->fingerprint[1]);
  later = sync_again (f, NULL);
  assert_status (later, 0);
}

/* At a terminal the question is asked there; "y" trusts and pins. */
static void
test_terminal (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *script = g_find_program_in_path ("script");
  g_autofree char *command = NULL;
  g_autofree char *stored = NULL;
  g_autoptr(LotseTestCliResult) result = NULL;

  if (openssl_missing (f))
    return;
  if (script == NULL)
    {
      g_test_skip ("script (util-linux) is not installed");
      return;
    }

  /* script gives lotse-cli a terminal; what the test writes is typed there */
  command = g_strdup_printf ("'%s' --db '%s' sync --server '%s' --user anna --password-stdin",
                             g_getenv ("LOTSE_CLI"), f->db, lotse_test_server_get_url (f->server));
  {
    const char *argv[] = { script, "-qec", command, "/dev/null", NULL };
    g_autoptr(GSubprocess) process = NULL;
    g_autoptr(GError) error = NULL;
    g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDIN_PIPE |
                                                                         G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                                                         G_SUBPROCESS_FLAGS_STDERR_MERGE);
    g_autofree char *out = NULL;

    g_subprocess_launcher_setenv (launcher, "LOTSE_CREDENTIALS", "file", TRUE);
    process = g_subprocess_launcher_spawnv (launcher, argv, &error);
    g_assert_no_error (error);
    g_subprocess_communicate_utf8 (process, "secret-anna\ny\n", NULL, &out, NULL, &error);
    g_assert_no_error (error);
    result = g_new0 (LotseTestCliResult, 1);
    result->status = g_subprocess_get_exit_status (process);
    result->out = g_steal_pointer (&out);
    result->err = g_strdup ("");
  }

  assert_status (result, 0);
  g_assert_nonnull (strstr (result->out, f->fingerprint[0]));
  g_assert_nonnull (strstr (result->out, "Trust it?"));
  g_assert_nonnull (strstr (result->out, "Logged in as anna"));
  stored = pinned (f);
  g_assert_cmpstr (stored, ==, f->fingerprint[0]);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)

  ADD ("/sync/cli/pinning/first-use", test_first_use);
  ADD ("/sync/cli/pinning/changed-certificate", test_changed_certificate);
  ADD ("/sync/cli/pinning/terminal", test_terminal);

  return g_test_run ();
}
