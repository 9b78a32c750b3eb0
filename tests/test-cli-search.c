/* test-cli-search.c: “lotse-cli search” as a user runs it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Spawns the real binary ($LOTSE_CLI) against a database in a temporary
 * directory filled through the store.
 */

#include "config.h"

#include <json-glib/json-glib.h>
#include <string.h>
#include <sys/wait.h>

#include "lotse-test-helpers.h"

typedef struct
{
  int   status;
  char *out;
  char *err;
} CliResult;

static void
cli_result_free (CliResult *result)
{
  g_free (result->out);
  g_free (result->err);
  g_free (result);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CliResult, cli_result_free)

typedef struct
{
  char *dir;
  char *db;
  char *project;
  char *article;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data G_GNUC_UNUSED)
{
  g_autoptr(LotseStore) store = lotse_test_open_store (&f->dir);

  f->db = g_strdup (lotse_store_get_path (store));
  f->project = lotse_test_insert (store, "project", "title=Bürgerbüro Nord", "acronym=BBN",
                                  "summary=Ein neues Büro für alle", NULL);
  f->article = lotse_test_insert (store, "article", "title=Öffnungszeiten im Buero",
                                  "body=Das Büro öffnet\nmorgens um acht.", NULL);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data G_GNUC_UNUSED)
{
  lotse_test_remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->db);
  g_free (f->project);
  g_free (f->article);
}

static CliResult *run_cli (Fixture *f,
                           ...) G_GNUC_NULL_TERMINATED;

/* XDG_DATA_HOME points into the fixture so that the default database of
 * the person running the tests is never touched. */
static CliResult *
run_cli (Fixture *f,
         ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *data_home = g_build_filename (f->dir, "data-home", NULL);
  g_auto(GStrv) envp = g_environ_setenv (g_get_environ (), "XDG_DATA_HOME", data_home, TRUE);
  const char *cli = g_getenv ("LOTSE_CLI");
  CliResult *result = g_new0 (CliResult, 1);
  int wait_status = 0;
  const char *arg;
  va_list ap;

  g_assert_nonnull (cli);

  g_ptr_array_add (argv, (gpointer) cli);
  g_ptr_array_add (argv, (gpointer) "--db");
  g_ptr_array_add (argv, f->db);
  va_start (ap, f);
  while ((arg = va_arg (ap, const char *)) != NULL)
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (ap);
  g_ptr_array_add (argv, NULL);

  g_spawn_sync (NULL, (char **) argv->pdata, envp, G_SPAWN_DEFAULT, NULL, NULL,
                &result->out, &result->err, &wait_status, &error);
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (wait_status));
  result->status = WEXITSTATUS (wait_status);

  return result;
}

static void
test_grouped_output (Fixture       *f,
                     gconstpointer  data G_GNUC_UNUSED)
{
  g_autoptr(CliResult) result = run_cli (f, "search", "buro", NULL);
  const char *projects;
  const char *articles;

  g_assert_cmpint (result->status, ==, 0);
  g_assert_cmpstr (result->err, ==, "");

  projects = strstr (result->out, "Projects\n");
  articles = strstr (result->out, "Articles\n");
  g_assert_nonnull (projects);
  g_assert_nonnull (articles);
  g_assert_true (projects < articles);
  g_assert_nonnull (strstr (result->out, f->project));
  g_assert_nonnull (strstr (result->out, f->article));
  /* Hits are marked */
  g_assert_nonnull (strstr (result->out, "im *Buero*"));
  g_assert_null (strchr (result->out, '\001'));
}

static void
test_snippet_one_line (Fixture       *f,
                       gconstpointer  data G_GNUC_UNUSED)
{
  g_autoptr(CliResult) result = run_cli (f, "search", "morgens", NULL);

  g_assert_cmpint (result->status, ==, 0);
  /* Line breaks of the body do not break the snippet */
  g_assert_nonnull (strstr (result->out, "\n    Das Büro öffnet *morgens* um acht.\n"));
}

static void
test_json (Fixture       *f,
           gconstpointer  data G_GNUC_UNUSED)
{
  g_autoptr(CliResult) result = run_cli (f, "search", "Bürgerbüro", "--json", NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonArray *array;
  JsonObject *object;

  g_assert_cmpint (result->status, ==, 0);
  json_parser_load_from_data (parser, result->out, -1, &error);
  g_assert_no_error (error);

  array = json_node_get_array (json_parser_get_root (parser));
  g_assert_cmpuint (json_array_get_length (array), ==, 1);
  object = json_array_get_object_element (array, 0);
  g_assert_cmpstr (json_object_get_string_member (object, "kind"), ==, "project");
  g_assert_cmpstr (json_object_get_string_member (object, "id"), ==, f->project);
  g_assert_cmpstr (json_object_get_string_member (object, "title"), ==, "Bürgerbüro Nord");
  g_assert_cmpstr (json_object_get_string_member (object, "snippet"), ==, "*Bürgerbüro* Nord");
  g_assert_true (json_object_has_member (object, "rank"));
}

static void
test_limit_and_nothing (Fixture       *f,
                        gconstpointer  data G_GNUC_UNUSED)
{
  g_autoptr(CliResult) nothing = run_cli (f, "search", "Zeppelin", NULL);
  g_autoptr(CliResult) empty_json = run_cli (f, "search", "--json", "\"(", NULL);
  g_autoptr(CliResult) hostile = run_cli (f, "search", "NEAR(\"büro", "AND", "*", NULL);
  g_autoptr(CliResult) bad_limit = run_cli (f, "search", "--limit", "0", "büro", NULL);
  g_autoptr(CliResult) no_query = run_cli (f, "search", NULL);
  g_autoptr(CliResult) limited = run_cli (f, "search", "--limit", "1", "--json", "büro", NULL);

  g_assert_cmpint (nothing->status, ==, 0);
  g_assert_cmpstr (nothing->out, ==, "Nothing found.\n");
  g_assert_cmpint (empty_json->status, ==, 0);
  g_assert_cmpstr (g_strstrip (empty_json->out), ==, "[]");
  g_assert_cmpint (hostile->status, ==, 0);
  g_assert_cmpstr (hostile->err, ==, "");
  g_assert_cmpint (bad_limit->status, ==, 2);
  g_assert_cmpint (no_query->status, ==, 2);
  g_assert_cmpint (limited->status, ==, 0);
}

static void
test_rebuild (Fixture       *f,
              gconstpointer  data G_GNUC_UNUSED)
{
  g_autoptr(CliResult) rebuild = run_cli (f, "search", "--rebuild", NULL);
  g_autoptr(CliResult) after = run_cli (f, "search", "--json", "Oeffnungszeiten", NULL);
  g_autoptr(CliResult) missing = NULL;
  g_autofree char *missing_db = g_build_filename (f->dir, "missing.db", NULL);

  g_assert_cmpint (rebuild->status, ==, 0);
  g_assert_cmpstr (rebuild->out, ==, "The search index was rebuilt.\n");
  g_assert_cmpint (after->status, ==, 0);
  g_assert_nonnull (strstr (after->out, f->article));

  g_free (f->db);
  f->db = g_steal_pointer (&missing_db);
  missing = run_cli (f, "search", "büro", NULL);
  g_assert_cmpint (missing->status, ==, 1);
  g_assert_false (g_file_test (f->db, G_FILE_TEST_EXISTS));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/cli/search/grouped", test_grouped_output);
  ADD ("/cli/search/snippet-one-line", test_snippet_one_line);
  ADD ("/cli/search/json", test_json);
  ADD ("/cli/search/limit-and-nothing", test_limit_and_nothing);
  ADD ("/cli/search/rebuild", test_rebuild);

#undef ADD

  return g_test_run ();
}
