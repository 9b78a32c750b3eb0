/* test-sync-cli.c: lotse-cli sync, conflicts and resolve against a real
 * lotse-server, and what the user sees when something goes wrong
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <ifaddrs.h>
#include <net/if.h>
#include <netinet/in.h>
#include <string.h>
#include <sys/stat.h>

#include "lotse-test-sync.h"

typedef struct
{
  char            *dir;
  char            *db_a;
  char            *db_b;
  LotseTestServer *server;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->dir = lotse_test_make_tmpdir ();
  fixture->db_a = g_build_filename (fixture->dir, "a.db", NULL);
  fixture->db_b = g_build_filename (fixture->dir, "b.db", NULL);
  fixture->server = lotse_test_server_new ();
  lotse_test_server_add_user (fixture->server, "anna", "editor", "secret-anna");
  lotse_test_server_add_user (fixture->server, "ben", "editor", "secret-ben");
  lotse_test_server_add_user (fixture->server, "rita", "reader", "secret-rita");
  lotse_test_server_start (fixture->server, NULL, NULL);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  if (fixture->server != NULL)
    {
      lotse_test_server_stop (fixture->server);
      lotse_test_server_free (fixture->server);
    }
  lotse_test_remove_tree (fixture->dir);
  g_free (fixture->db_a);
  g_free (fixture->db_b);
  g_free (fixture->dir);
}

static LotseTestCliResult *
login (Fixture    *fixture,
       const char *db,
       const char *user)
{
  g_autofree char *password = g_strdup_printf ("secret-%s\n", user);

  return test_sync_cli (fixture->dir, password, NULL, "--db", db, "sync", "--server",
                        lotse_test_server_get_url (fixture->server), "--user", user,
                        "--password-stdin", NULL);
}

static LotseTestCliResult *
sync_again (Fixture    *fixture,
            const char *db)
{
  return test_sync_cli (fixture->dir, NULL, NULL, "--db", db, "sync", NULL);
}

static char *
cli_add (Fixture    *fixture,
         const char *db,
         const char *table,
         const char *assignment)
{
  g_autoptr(LotseTestCliResult) result = test_sync_cli (fixture->dir, NULL, NULL, "--db", db, "add",
                                                        table, assignment, NULL);

  g_assert_cmpint (result->status, ==, 0);
  return g_strstrip (g_strdup (result->out));
}

static void
assert_ok (LotseTestCliResult *result)
{
  if (result->status != 0)
    g_test_message ("stdout: %s\nstderr: %s", result->out, result->err);
  g_assert_cmpint (result->status, ==, 0);
}

static void
test_login_and_sync (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(LotseTestCliResult) first = login (fixture, fixture->db_a, "anna");
  g_autoptr(LotseTestCliResult) second = NULL;
  g_autoptr(LotseTestCliResult) pull = NULL;
  g_autoptr(LotseTestCliResult) show = NULL;
  g_autofree char *token_file = g_strconcat (fixture->db_a, ".token", NULL);
  g_autofree char *token_text = NULL;
  g_autofree char *id = NULL;
  GStatBuf st;

  assert_ok (first);
  g_assert_nonnull (strstr (first->out, "Logged in as anna"));
  /* http:// on loopback does not leave the machine: no warning. */
  g_assert_null (strstr (first->err, "unencrypted"));
  g_assert_nonnull (strstr (first->out, token_file));
  g_assert_nonnull (strstr (first->out, "Pulled: 0 rows"));

  /* The token is in a file only its owner can read, not in the database. */
  g_assert_cmpint (g_stat (token_file, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  g_assert_true (g_file_get_contents (token_file, &token_text, NULL, NULL));
  g_assert_nonnull (strstr (token_text, "token="));
  g_assert_cmpint (lotse_test_query_int (fixture->db_a,
                                         "SELECT count(*) FROM sync_state WHERE user_name = 'anna'"
                                         " AND device_id IS NOT NULL"), ==, 1);

  /* Later runs use the stored token and the last server and user. */
  id = cli_add (fixture, fixture->db_a, "organisation", "name=Kreis Lippe");
  second = sync_again (fixture, fixture->db_a);
  assert_ok (second);
  g_assert_null (strstr (second->out, "Logged in"));
  g_assert_nonnull (strstr (second->out, "Pushed: 1 applied, 0 merged, 0 conflicting, 0 rejected"));

  pull = login (fixture, fixture->db_b, "ben");
  assert_ok (pull);
  g_assert_nonnull (strstr (pull->out, "Pulled: 1 rows"));
  show = test_sync_cli (fixture->dir, NULL, NULL, "--db", fixture->db_b, "show", "organisation", id, NULL);
  assert_ok (show);
  g_assert_nonnull (strstr (show->out, "Kreis Lippe"));
}

static JsonArray *
conflicts_json (Fixture    *fixture,
                const char *db,
                gboolean    all,
                JsonNode  **out_root)
{
  g_autoptr(LotseTestCliResult) result = test_sync_cli (fixture->dir, NULL, NULL, "--db", db, "conflicts",
                                                        "--json", all ? "--all" : NULL, NULL);
  g_autoptr(GError) error = NULL;

  assert_ok (result);
  *out_root = json_from_string (result->out, &error);
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_ARRAY (*out_root));

  return json_node_get_array (*out_root);
}

static const char *
side_field (JsonObject *conflict,
            const char *side,
            const char *field)
{
  JsonObject *object = json_object_get_object_member (conflict, side);

  return json_object_get_string_member (json_object_get_object_member (object, "fields"), field);
}

static void
test_conflicts_and_resolve (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(LotseTestCliResult) login_a = login (fixture, fixture->db_a, "anna");
  g_autoptr(LotseTestCliResult) login_b = NULL;
  g_autoptr(LotseTestCliResult) result = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *id = NULL;
  g_autofree char *conflict_id = NULL;
  JsonArray *list;
  JsonObject *conflict;

  assert_ok (login_a);
  id = cli_add (fixture, fixture->db_a, "project", "title=OWL 4.0");
  g_clear_pointer (&result, lotse_test_cli_result_free);
  result = sync_again (fixture, fixture->db_a);
  assert_ok (result);
  login_b = login (fixture, fixture->db_b, "ben");
  assert_ok (login_b);

  g_clear_pointer (&result, lotse_test_cli_result_free);
  result = test_sync_cli (fixture->dir, NULL, NULL, "--db", fixture->db_a, "update", "project", id,
                          "title=OWL 4.0 – Anna", NULL);
  assert_ok (result);
  g_clear_pointer (&result, lotse_test_cli_result_free);
  result = test_sync_cli (fixture->dir, NULL, NULL, "--db", fixture->db_b, "update", "project", id,
                          "title=OWL 4.0 – Ben", NULL);
  assert_ok (result);
  g_clear_pointer (&result, lotse_test_cli_result_free);
  result = sync_again (fixture, fixture->db_a);
  assert_ok (result);
  g_clear_pointer (&result, lotse_test_cli_result_free);
  result = sync_again (fixture, fixture->db_b);
  assert_ok (result);
  g_assert_nonnull (strstr (result->out, "1 conflicting"));
  g_assert_nonnull (strstr (result->out, "1 conflict is open"));

  list = conflicts_json (fixture, fixture->db_b, FALSE, &root);
  g_assert_cmpuint (json_array_get_length (list), ==, 1);
  conflict = json_array_get_object_element (list, 0);
  conflict_id = g_strdup (json_object_get_string_member (conflict, "id"));
  g_assert_cmpstr (json_object_get_string_member (conflict, "table"), ==, "project");
  g_assert_cmpstr (json_object_get_string_member (conflict, "row_id"), ==, id);
  g_assert_cmpstr (json_array_get_string_element (json_object_get_array_member (conflict, "fields"), 0),
                   ==, "title");
  g_assert_cmpstr (side_field (conflict, "mine", "title"), ==, "OWL 4.0 – Ben");
  g_assert_cmpstr (side_field (conflict, "theirs", "title"), ==, "OWL 4.0 – Anna");
  g_assert_cmpstr (side_field (conflict, "base", "title"), ==, "OWL 4.0");
  g_assert_true (json_object_get_null_member (conflict, "resolved_at"));

  /* The text listing names the field and both values. */
  g_clear_pointer (&result, lotse_test_cli_result_free);
  result = test_sync_cli (fixture->dir, NULL, NULL, "--db", fixture->db_b, "conflicts", NULL);
  assert_ok (result);
  g_assert_nonnull (strstr (result->out, conflict_id));
  g_assert_nonnull (strstr (result->out, "Title: here \"OWL 4.0 – Ben\", on the server \"OWL 4.0 – Anna\""));

  /* Bad decisions are refused and change nothing. */
  g_clear_pointer (&result, lotse_test_cli_result_free);
  result = test_sync_cli (fixture->dir, NULL, NULL, "--db", fixture->db_b, "resolve", conflict_id,
                          "--take", "both", NULL);
  g_assert_cmpint (result->status, ==, 2);
  g_clear_pointer (&result, lotse_test_cli_result_free);
  result = test_sync_cli (fixture->dir, NULL, NULL, "--db", fixture->db_b, "resolve",
                          "00000000-0000-4000-8000-000000000000", "--take", "mine", NULL);
  g_assert_cmpint (result->status, ==, 1);
  g_assert_nonnull (strstr (result->err, "There is no conflict"));

  g_clear_pointer (&result, lotse_test_cli_result_free);
  result = test_sync_cli (fixture->dir, NULL, NULL, "--db", fixture->db_b, "resolve", conflict_id,
                          "--take", "mine", NULL);
  assert_ok (result);
  g_clear_pointer (&result, lotse_test_cli_result_free);
  result = test_sync_cli (fixture->dir, NULL, NULL, "--db", fixture->db_b, "resolve", conflict_id,
                          "--take", "theirs", NULL);
  g_assert_cmpint (result->status, ==, 1);
  g_assert_nonnull (strstr (result->err, "resolved already"));

  g_clear_pointer (&root, json_node_unref);
  list = conflicts_json (fixture, fixture->db_b, FALSE, &root);
  g_assert_cmpuint (json_array_get_length (list), ==, 0);
  g_clear_pointer (&root, json_node_unref);
  list = conflicts_json (fixture, fixture->db_b, TRUE, &root);
  g_assert_cmpuint (json_array_get_length (list), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (list, 0), "resolution"),
                   ==, "mine");

  /* The decision travels as an ordinary edit. */
  g_clear_pointer (&result, lotse_test_cli_result_free);
  result = sync_again (fixture, fixture->db_b);
  assert_ok (result);
  g_assert_nonnull (strstr (result->out, "Pushed: 1 applied"));
  g_clear_pointer (&result, lotse_test_cli_result_free);
  result = sync_again (fixture, fixture->db_a);
  assert_ok (result);
  g_clear_pointer (&result, lotse_test_cli_result_free);
  result = test_sync_cli (fixture->dir, NULL, NULL, "--db", fixture->db_a, "show", "project", id, NULL);
  g_assert_nonnull (strstr (result->out, "OWL 4.0 – Ben"));
}

static gint64
outbox_count (const char *db)
{
  return lotse_test_query_int (db, "SELECT count(*) FROM outbox");
}

static void
test_errors (Fixture       *fixture,
             gconstpointer  data)
{
  const char *url = lotse_test_server_get_url (fixture->server);
  g_autofree char *token_file = g_strconcat (fixture->db_a, ".token", NULL);
  g_autoptr(LotseTestCliResult) result = NULL;
  g_autofree char *admin_out = NULL;
  g_autofree char *admin_err = NULL;

  /* Wrong password: clear message, nothing stored. */
  result = test_sync_cli (fixture->dir, "wrong\n", NULL, "--db", fixture->db_a, "sync", "--server", url,
                          "--user", "anna", "--password-stdin", NULL);
  g_assert_cmpint (result->status, ==, 1);
  g_assert_nonnull (strstr (result->err, "did not accept the user name or password"));
  g_assert_false (g_file_test (token_file, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (fixture->db_a, G_FILE_TEST_EXISTS));

  /* No token and no password. */
  g_clear_pointer (&result, lotse_test_cli_result_free);
  result = test_sync_cli (fixture->dir, NULL, NULL, "--db", fixture->db_a, "sync", "--server", url,
                          "--user", "anna", NULL);
  g_assert_cmpint (result->status, ==, 1);
  g_assert_nonnull (strstr (result->err, "not logged in"));
  g_assert_false (g_file_test (fixture->db_a, G_FILE_TEST_EXISTS));

  /* First sync without a server: usage. */
  g_clear_pointer (&result, lotse_test_cli_result_free);
  result = test_sync_cli (fixture->dir, NULL, NULL, "--db", fixture->db_b, "sync", NULL);
  g_assert_cmpint (result->status, ==, 2);
  g_assert_false (g_file_test (fixture->db_b, G_FILE_TEST_EXISTS));
  g_clear_pointer (&result, lotse_test_cli_result_free);
  result = test_sync_cli (fixture->dir, NULL, NULL, "--db", fixture->db_b, "sync", "--server", url, NULL);
  g_assert_cmpint (result->status, ==, 2);
  g_assert_false (g_file_test (fixture->db_b, G_FILE_TEST_EXISTS));
  g_clear_pointer (&result, lotse_test_cli_result_free);
  result = test_sync_cli (fixture->dir, "", NULL, "--db", fixture->db_b, "sync", "--server", url,
                          "--user", "anna", "--password-stdin", NULL);
  g_assert_cmpint (result->status, ==, 1);
  g_assert_nonnull (strstr (result->err, "No password"));

  /* Logged in; then a local change, and the token is revoked. */
  g_clear_pointer (&result, lotse_test_cli_result_free);
  result = login (fixture, fixture->db_a, "anna");
  assert_ok (result);
  g_free (cli_add (fixture, fixture->db_a, "organisation", "name=Stadt Detmold"));
  g_assert_cmpint (lotse_test_server_admin (fixture->server, NULL, &admin_out, &admin_err,
                                            "token", "revoke", "anna", NULL), ==, 0);
  g_clear_pointer (&result, lotse_test_cli_result_free);
  result = sync_again (fixture, fixture->db_a);
  g_assert_cmpint (result->status, ==, 1);
  g_assert_nonnull (strstr (result->err, "revoked"));
  g_assert_nonnull (strstr (result->err, "--password-stdin"));
  g_assert_nonnull (strstr (result->err, "1 local change is kept"));
  g_assert_cmpint (outbox_count (fixture->db_a), ==, 1);

  /* Logging in again brings the change across. */
  g_clear_pointer (&result, lotse_test_cli_result_free);
  result = login (fixture, fixture->db_a, "anna");
  assert_ok (result);
  g_assert_nonnull (strstr (result->out, "Pushed: 1 applied"));
  g_assert_cmpint (outbox_count (fixture->db_a), ==, 0);

  /* A reader may not push; its change stays. */
  g_clear_pointer (&result, lotse_test_cli_result_free);
  result = login (fixture, fixture->db_b, "rita");
  assert_ok (result);
  g_free (cli_add (fixture, fixture->db_b, "organisation", "name=Nur lesen"));
  g_clear_pointer (&result, lotse_test_cli_result_free);
  result = sync_again (fixture, fixture->db_b);
  g_assert_cmpint (result->status, ==, 1);
  g_assert_nonnull (strstr (result->err, "may only read"));
  g_assert_cmpint (outbox_count (fixture->db_b), ==, 1);

  /* The server is gone: unreachable, changes kept. */
  g_free (cli_add (fixture, fixture->db_a, "organisation", "name=Offline erfasst"));
  lotse_test_server_stop (fixture->server);
  g_clear_pointer (&result, lotse_test_cli_result_free);
  result = sync_again (fixture, fixture->db_a);
  g_assert_cmpint (result->status, ==, 1);
  g_assert_nonnull (strstr (result->err, "Could not reach the server"));
  g_assert_nonnull (strstr (result->err, "1 local change is kept"));
  g_assert_cmpint (outbox_count (fixture->db_a), ==, 1);

  g_clear_pointer (&result, lotse_test_cli_result_free);
  result = test_sync_cli (fixture->dir, NULL, NULL, "--db", fixture->db_a, "sync", "--server", "not a url",
                          "--user", "anna", NULL);
  g_assert_cmpint (result->status, ==, 1);
  g_assert_cmpint (outbox_count (fixture->db_a), ==, 1);

  lotse_test_server_free (g_steal_pointer (&fixture->server));
}

/* A server that answers every request with 503, as lotse-server does
 * while it shuts down. */
static void
unavailable_cb (SoupServer        *server,
                SoupServerMessage *msg,
                const char        *path,
                GHashTable        *query,
                gpointer           data)
{
  static const char body[] = "{\"error\":{\"code\":\"shutting_down\",\"message\":\"shutting down\"}}";

  soup_server_message_set_status (msg, SOUP_STATUS_SERVICE_UNAVAILABLE, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_STATIC, body, strlen (body));
}

static void
test_unavailable (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(SoupServer) fake = soup_server_new (NULL, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(LotseTestCliResult) result = NULL;
  g_autoptr(GSList) uris = NULL;
  g_autofree char *url = NULL;
  g_autofree char *token_file = g_strconcat (fixture->db_a, ".token", NULL);
  g_autofree char *contents = NULL;

  soup_server_add_handler (fake, NULL, unavailable_cb, NULL, NULL);
  soup_server_listen_local (fake, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);
  uris = soup_server_get_uris (fake);
  url = g_uri_to_string_partial (uris->data, G_URI_HIDE_PASSWORD);
  g_slist_free_full (g_steal_pointer (&uris), (GDestroyNotify)g_uri_unref);
  if (g_str_has_suffix (url, "/"))
    url[strlen (url) - 1] = '\0';

  /* A token for the fake server, as if logged in before. */
  contents = g_strdup_printf ("[anna %s]\ndevice_id=5a0c7a52-61b4-4d67-9c8f-2f6d1a1e3b10\ntoken=abc\n", url);
  g_assert_true (g_file_set_contents (token_file, contents, -1, NULL));
  g_free (cli_add (fixture, fixture->db_a, "organisation", "name=Bleibt lokal"));

  result = test_sync_cli (fixture->dir, NULL, NULL, "--db", fixture->db_a, "sync", "--server", url,
                          "--user", "anna", NULL);
  g_assert_cmpint (result->status, ==, 1);
  g_assert_nonnull (strstr (result->err, "not available right now"));
  g_assert_cmpint (outbox_count (fixture->db_a), ==, 1);
}

static void
test_german (Fixture       *fixture,
             gconstpointer  data)
{
  g_autofree char *localedir = g_build_filename (g_getenv ("G_TEST_BUILDDIR"), "..", "po", NULL);
  g_autofree char *localedir_env = g_strdup_printf ("LOTSE_LOCALEDIR=%s", localedir);
  const char * const env[] = { "LANGUAGE=de", "LANG=de_DE.UTF-8", "LC_ALL=de_DE.UTF-8", localedir_env, NULL };
  g_autoptr(LotseTestCliResult) result = NULL;

  result = test_sync_cli (fixture->dir, "falsch\n", env, "--db", fixture->db_a, "sync", "--server",
                          lotse_test_server_get_url (fixture->server), "--user", "anna", "--password-stdin",
                          NULL);
  g_assert_cmpint (result->status, ==, 1);
  g_assert_nonnull (strstr (result->err, "hat Benutzername oder Passwort nicht akzeptiert"));

  g_clear_pointer (&result, lotse_test_cli_result_free);
  result = test_sync_cli (fixture->dir, "secret-anna\n", env, "--db", fixture->db_a, "sync", "--server",
                          lotse_test_server_get_url (fixture->server), "--user", "anna", "--password-stdin",
                          NULL);
  g_assert_cmpint (result->status, ==, 0);
  g_assert_nonnull (strstr (result->out, "Als anna auf"));
  g_assert_nonnull (strstr (result->out, "Empfangen: 0 Zeilen"));
}

/* With a Secret Service on the session bus (gnome-keyring in a private
 * D-Bus session) the token goes to the keyring, not to a file. */
static void
test_keyring (Fixture       *fixture,
              gconstpointer  data)
{
  g_autofree char *dbus_run_session = g_find_program_in_path ("dbus-run-session");
  g_autofree char *keyring_daemon = g_find_program_in_path ("gnome-keyring-daemon");
  g_autofree char *script_path = g_build_filename (fixture->dir, "keyring.sh", NULL);
  g_autofree char *home = g_build_filename (fixture->dir, "home", NULL);
  g_autofree char *token_file = g_strconcat (fixture->db_a, ".token", NULL);
  g_autofree char *script = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) envp = NULL;
  const char *argv[] = { NULL, "--", "/bin/sh", NULL, NULL };
  int wait_status = 0;

  if (dbus_run_session == NULL || keyring_daemon == NULL)
    {
      g_test_skip ("dbus-run-session or gnome-keyring-daemon is not installed");
      return;
    }

  script = g_strdup_printf ("set -e\n"
                            "export HOME='%s' XDG_DATA_HOME='%s/data' XDG_RUNTIME_DIR='%s/run'\n"
                            "mkdir -p \"$XDG_DATA_HOME\" \"$XDG_RUNTIME_DIR\"; chmod 700 \"$XDG_RUNTIME_DIR\"\n"
                            "printf pw | gnome-keyring-daemon --unlock --components=secrets >/dev/null\n"
                            "printf pw | gnome-keyring-daemon --start --components=secrets >/dev/null\n"
                            "echo secret-anna | '%s' --db '%s' sync --server '%s' --user anna --password-stdin\n"
                            "'%s' --db '%s' add organisation 'name=Im Schlüsselbund' >/dev/null\n"
                            "'%s' --db '%s' sync\n",
                            home, home, home,
                            g_getenv ("LOTSE_CLI"), fixture->db_a, lotse_test_server_get_url (fixture->server),
                            g_getenv ("LOTSE_CLI"), fixture->db_a,
                            g_getenv ("LOTSE_CLI"), fixture->db_a);
  g_assert_true (g_file_set_contents (script_path, script, -1, NULL));
  g_assert_cmpint (g_mkdir_with_parents (home, 0700), ==, 0);

  envp = g_environ_unsetenv (g_get_environ (), "LOTSE_CREDENTIALS");
  envp = g_environ_unsetenv (envp, "DBUS_SESSION_BUS_ADDRESS");
  argv[0] = dbus_run_session;
  argv[3] = script_path;
  g_spawn_sync (NULL, (char **)argv, envp, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &wait_status, &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (wait_status, NULL))
    g_test_message ("stdout: %s\nstderr: %s", out, err);
  g_assert_true (g_spawn_check_wait_status (wait_status, NULL));

  g_assert_nonnull (strstr (out, "the device token is stored in the keyring"));
  g_assert_nonnull (strstr (out, "Pushed: 1 applied"));
  g_assert_false (g_file_test (token_file, G_FILE_TEST_EXISTS));
}

/* Generated benchmark rows have no outbox entries: a database holding
 * them refuses to sync, saying why, and sends nothing (on main it said
 * "0 applied" and an edit later made a partial row on the server); a
 * database that syncs refuses to generate. */
static void
test_generated_data (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(LotseTestCliResult) generated = NULL;
  g_autoptr(LotseTestCliResult) refused = NULL;
  g_autoptr(LotseTestCliResult) again = NULL;
  g_autoptr(LotseTestCliResult) synced = NULL;
  g_autoptr(LotseTestCliResult) no_generate = NULL;

  generated = test_sync_cli (fixture->dir, NULL, NULL, "--db", fixture->db_a, "generate", "--projects", "3", NULL);
  assert_ok (generated);

  refused = login (fixture, fixture->db_a, "anna");
  g_assert_cmpint (refused->status, !=, 0);
  g_assert_nonnull (strstr (refused->err, "were written without being recorded for sync"));
  g_assert_nonnull (strstr (refused->err, "lotse-cli generate"));
  g_assert_cmpint (lotse_test_server_query_int (fixture->server, "SELECT count(*) FROM history"), ==, 0);
  g_assert_cmpint (lotse_test_query_int (fixture->db_a, "SELECT count(*) FROM sync_state"), ==, 0);

  /* Editing a generated row changes nothing about that. */
  cli_add (fixture, fixture->db_a, "organisation", "name=Kreis Lippe");
  again = login (fixture, fixture->db_a, "anna");
  g_assert_cmpint (again->status, !=, 0);
  g_assert_nonnull (strstr (again->err, "without being recorded for sync"));
  g_assert_cmpint (lotse_test_server_query_int (fixture->server, "SELECT count(*) FROM history"), ==, 0);

  synced = login (fixture, fixture->db_b, "ben");
  assert_ok (synced);
  no_generate = test_sync_cli (fixture->dir, NULL, NULL, "--db", fixture->db_b, "generate", "--projects", "3", NULL);
  g_assert_cmpint (no_generate->status, !=, 0);
  g_assert_nonnull (strstr (no_generate->err, "generated benchmark data would never reach the server"));
  g_assert_cmpint (lotse_test_query_int (fixture->db_b, "SELECT count(*) FROM project"), ==, 0);
}

/* An IPv4 address of this machine that is not loopback, or NULL. */
static char *
outside_address (void)
{
  struct ifaddrs *list = NULL;
  char *found = NULL;

  if (getifaddrs (&list) != 0)
    return NULL;

  for (struct ifaddrs *i = list; i != NULL && found == NULL; i = i->ifa_next)
    {
      g_autoptr(GSocketAddress) address = NULL;
      GInetAddress *inet;

      if (i->ifa_addr == NULL || i->ifa_addr->sa_family != AF_INET || !(i->ifa_flags & IFF_UP))
        continue;
      address = g_socket_address_new_from_native (i->ifa_addr, sizeof (struct sockaddr_in));
      inet = g_inet_socket_address_get_address (G_INET_SOCKET_ADDRESS (address));
      if (!g_inet_address_get_is_loopback (inet))
        found = g_inet_address_to_string (inet);
    }
  freeifaddrs (list);

  return found;
}

/* A password sent over plain HTTP to another machine can be read on the
 * way: the CLI says so (and still signs in). */
static void
test_plain_http_warning (Fixture       *fixture,
                         gconstpointer  data)
{
  const char * const args[] = { "--listen", "0.0.0.0:0", NULL };
  g_autoptr(LotseTestCliResult) first = NULL;
  g_autoptr(LotseTestCliResult) second = NULL;
  g_autofree char *address = outside_address ();
  g_autofree char *url = NULL;

  if (address == NULL)
    {
      g_test_skip ("this machine has no address but loopback");
      return;
    }

  g_assert_cmpint (lotse_test_server_stop (fixture->server), ==, 0);
  lotse_test_server_start (fixture->server, args, NULL);
  url = g_strdup_printf ("http://%s:%u", address, lotse_test_server_get_port (fixture->server));

  first = test_sync_cli (fixture->dir, "secret-anna\n", NULL, "--db", fixture->db_a, "sync",
                         "--server", url, "--user", "anna", "--password-stdin", NULL);
  assert_ok (first);
  g_assert_nonnull (strstr (first->err, "Warning: the password goes to"));
  g_assert_nonnull (strstr (first->err, "unencrypted"));

  /* Without a password there is nothing to warn about. */
  second = sync_again (fixture, fixture->db_a);
  assert_ok (second);
  g_assert_null (strstr (second->err, "unencrypted"));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/sync/cli/login-and-sync", test_login_and_sync);
  ADD ("/sync/cli/conflicts-and-resolve", test_conflicts_and_resolve);
  ADD ("/sync/cli/errors", test_errors);
  ADD ("/sync/cli/unavailable", test_unavailable);
  ADD ("/sync/cli/german", test_german);
  ADD ("/sync/cli/keyring", test_keyring);
  ADD ("/sync/cli/generated-data", test_generated_data);
  ADD ("/sync/cli/plain-http-warning", test_plain_http_warning);

  return g_test_run ();
}
