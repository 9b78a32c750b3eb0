/* test-server-workspaces.c: offices side by side on one server, copied
 * between databases, and a database that is not there
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs on SQLite (server suite) and PostgreSQL (server-pg).
 */

#include "config.h"

#include "lotse-test-postgresql.h"
#include "lotse-test-server.h"

#define PROJECT_ID "0f0e0d0c-0b0a-4908-8706-050403020100"

static const char *
location (LotseTestServer *server)
{
  const char *database = lotse_test_server_get_database (server);

  return database != NULL ? database : lotse_test_server_get_data_dir (server);
}

static guint
push_project (LotseTestServer *server,
              const char      *prefix,
              const char      *token,
              const char      *device,
              const char      *title)
{
  g_autofree char *op_id = lotse_new_uuid ();
  g_autofree char *path = g_strconcat (prefix, "/v1/sync/push", NULL);
  g_autofree char *body = NULL;
  g_autoptr(JsonNode) answer = NULL;
  guint status = 0;

  body = g_strdup_printf ("{\"device_id\":\"%s\",\"changes\":[{\"op_id\":\"%s\",\"table\":\"project\","
                          "\"id\":\"" PROJECT_ID "\",\"base_rev\":0,\"deleted\":false,"
                          "\"fields\":{\"title\":\"%s\"}}]}", device, op_id, title);
  answer = lotse_test_server_request (server, "POST", path, token, body, &status);
  return status;
}

/* The titles a pull hands out, or NULL when it is refused (*status). */
static char *
pulled_titles (LotseTestServer *server,
               const char      *prefix,
               const char      *token,
               guint           *status)
{
  g_autofree char *path = g_strconcat (prefix, "/v1/sync/pull", NULL);
  g_autoptr(JsonNode) answer = lotse_test_server_request (server, "GET", path, token, NULL, status);
  GString *titles = g_string_new (NULL);
  JsonArray *rows;

  if (*status != 200)
    return g_string_free (titles, TRUE);

  rows = json_object_get_array_member (json_node_get_object (answer), "rows");
  for (guint i = 0; i < json_array_get_length (rows); i++)
    {
      JsonObject *fields = json_object_get_object_member (json_array_get_object_element (rows, i), "fields");

      g_string_append_printf (titles, "%s%s", i > 0 ? "," : "", json_object_get_string_member (fields, "title"));
    }
  return g_string_free (titles, FALSE);
}

static void
add_user (LotseTestServer *server,
          const char      *workspace,
          const char      *name,
          const char      *password)
{
  g_autofree char *input = g_strdup_printf ("%s\n", password);

  g_assert_cmpint (lotse_test_server_admin (server, input, NULL, NULL, "--workspace", workspace,
                                            "user", "add", name, "--role", "editor", NULL), ==, 0);
}

/* Nothing of one workspace can be read or written with another's token;
 * a push to a workspace that is not there is 404. */
static void
test_isolation (void)
{
  g_autoptr(LotseTestServer) server = lotse_test_server_new ();
  g_autofree char *anna = NULL, *anna_device = NULL, *bert = NULL, *bert_device = NULL;
  g_autofree char *titles = NULL, *listed = NULL, *refused = NULL;
  guint status = 0;

  lotse_test_server_add_user (server, "anna", "editor", "anna-secret-1");
  g_assert_cmpint (lotse_test_server_admin (server, NULL, NULL, NULL, "workspace", "create", "ost", NULL), ==, 0);
  add_user (server, "ost", "bert", "bert-secret-1");
  lotse_test_server_start (server, NULL, NULL);

  anna = lotse_test_server_login (server, "anna", "anna-secret-1", &anna_device);
  bert = lotse_test_server_login_at (server, "/w/ost", "bert", "bert-secret-1", &bert_device);
  g_assert_cmpuint (push_project (server, "", anna, anna_device, "Default project"), ==, 200);
  g_assert_cmpuint (push_project (server, "/w/ost", bert, bert_device, "Ost project"), ==, 200);

  /* Each sees its own, with the same row id on both sides. */
  titles = pulled_titles (server, "", anna, &status);
  g_assert_cmpstr (titles, ==, "Default project");
  g_clear_pointer (&titles, g_free);
  titles = pulled_titles (server, "/w/ost", bert, &status);
  g_assert_cmpstr (titles, ==, "Ost project");

  /* A token is unknown in the other workspace, for reading and writing. */
  refused = pulled_titles (server, "/w/ost", anna, &status);
  g_assert_cmpuint (status, ==, 401);
  g_assert_cmpuint (push_project (server, "", bert, bert_device, "Sneaked in"), ==, 401);
  g_assert_cmpuint (push_project (server, "/w/ost", anna, anna_device, "Sneaked in"), ==, 401);
  g_assert_cmpuint (push_project (server, "/w/nowhere", anna, anna_device, "Lost"), ==, 404);

  g_clear_pointer (&titles, g_free);
  titles = pulled_titles (server, "", anna, &status);
  g_assert_cmpstr (titles, ==, "Default project");
  g_assert_cmpint (lotse_test_server_stop (server), ==, 0);

  g_assert_cmpint (lotse_test_server_admin (server, NULL, &listed, NULL, "workspace", "list", NULL), ==, 0);
  g_assert_nonnull (strstr (listed, "ost"));
  g_assert_cmpint (lotse_test_server_admin (server, NULL, NULL, NULL, "workspace", "remove", "ost", NULL), ==, 0);
  lotse_test_server_start (server, NULL, NULL);
  g_clear_pointer (&titles, g_free);
  titles = pulled_titles (server, "/w/ost", bert, &status);
  g_assert_cmpuint (status, ==, 404);
  g_assert_cmpint (lotse_test_server_stop (server), ==, 0);
}

static int
run_migrate (const char  *from,
             const char  *to,
             const char  *to_workspace,
             char       **out)
{
  const char *argv[] = { g_getenv ("LOTSE_SERVER"), "migrate", "--from", from, "--to", to,
                         "--to-workspace", to_workspace, NULL };
  g_autoptr(GError) error = NULL;
  int status = 0;

  g_spawn_sync (NULL, (char **)argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, out, NULL, &status, &error);
  g_assert_no_error (error);
  return g_spawn_check_wait_status (status, NULL) ? 0 : 1;
}

/* An office copied to a data directory and back into a workspace of the
 * first database: the same rows, and the devices' tokens still valid. */
static void
test_migrate_round_trip (void)
{
  g_autoptr(LotseTestServer) server = lotse_test_server_new ();
  g_autofree char *token = NULL, *device = NULL, *before = NULL, *after = NULL;
  g_autofree char *dir = NULL, *out = NULL, *again = NULL;
  guint status = 0;

  lotse_test_server_add_user (server, "anna", "editor", "anna-secret-1");
  lotse_test_server_start (server, NULL, NULL);
  token = lotse_test_server_login (server, "anna", "anna-secret-1", &device);
  g_assert_cmpuint (push_project (server, "", token, device, "Copied project"), ==, 200);
  before = pulled_titles (server, "", token, &status);
  g_assert_cmpint (lotse_test_server_stop (server), ==, 0);

  dir = g_build_filename (lotse_test_server_get_dir (server), "copy", NULL);
  g_assert_cmpint (run_migrate (location (server), dir, "default", &out), ==, 0);
  g_assert_nonnull (strstr (out, "matches"));
  g_assert_cmpint (run_migrate (dir, location (server), "back", NULL), ==, 0);
  /* Not into a workspace that holds anything. */
  g_assert_cmpint (run_migrate (dir, location (server), "back", NULL), ==, 1);

  lotse_test_server_start (server, NULL, NULL);
  after = pulled_titles (server, "/w/back", token, &status);
  g_assert_cmpuint (status, ==, 200);
  g_assert_cmpstr (after, ==, before);
  again = pulled_titles (server, "", token, &status);
  g_assert_cmpstr (again, ==, before);
  g_assert_cmpint (lotse_test_server_stop (server), ==, 0);
}

/* A database that cannot be reached: a clear message without the
 * password, and exit status 69 (EX_UNAVAILABLE). */
static void
test_unreachable (void)
{
  g_autofree char *dir = lotse_test_make_tmpdir ();
  g_autofree char *uri = g_strdup_printf ("postgresql://lotse:hunter2@/lotse?host=%s/none", dir);
  const char *argv[] = { g_getenv ("LOTSE_SERVER"), "--database", uri, "--listen", "127.0.0.1:0", NULL };
  g_autofree char *out = NULL, *err = NULL;
  g_autoptr(GError) error = NULL;
  int status = 0;

  g_spawn_sync (NULL, (char **)argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status, &error);
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (status));
  g_assert_cmpint (WEXITSTATUS (status), ==, 69);
  g_assert_nonnull (strstr (err, "Could not reach the database"));
  g_assert_null (strstr (err, "hunter2"));
  g_assert_cmpstr (out, ==, "");
  lotse_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/server-workspaces/isolation", test_isolation);
  g_test_add_func ("/server-workspaces/migrate-round-trip", test_migrate_round_trip);
  g_test_add_func ("/server-workspaces/unreachable", test_unreachable);

  return g_test_run ();
}
