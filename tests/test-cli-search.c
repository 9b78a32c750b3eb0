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

#include "lotse-test-cli.h"

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

static void
test_grouped_output (Fixture       *f,
                     gconstpointer  data G_GNUC_UNUSED)
{
  g_autoptr(LotseTestCliResult) result = lotse_test_cli_run_db (f->dir, f->db, "search",
                                                                "buro", NULL);
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
  g_autoptr(LotseTestCliResult) result = lotse_test_cli_run_db (f->dir, f->db, "search",
                                                                "morgens", NULL);

  g_assert_cmpint (result->status, ==, 0);
  /* Line breaks of the body do not break the snippet */
  g_assert_nonnull (strstr (result->out, "\n    Das Büro öffnet *morgens* um acht.\n"));
}

static void
test_json (Fixture       *f,
           gconstpointer  data G_GNUC_UNUSED)
{
  g_autoptr(LotseTestCliResult) result = lotse_test_cli_run_db (f->dir, f->db, "search",
                                                                "Bürgerbüro", "--json", NULL);
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
  g_autoptr(LotseTestCliResult) nothing = lotse_test_cli_run_db (f->dir, f->db, "search",
                                                                 "Zeppelin", NULL);
  g_autoptr(LotseTestCliResult) empty_json = lotse_test_cli_run_db (f->dir, f->db, "search",
                                                                    "--json", "\"(", NULL);
  g_autoptr(LotseTestCliResult) hostile = lotse_test_cli_run_db (f->dir, f->db, "search",
                                                                 "NEAR(\"büro", "AND", "*", NULL);
  g_autoptr(LotseTestCliResult) bad_limit = lotse_test_cli_run_db (f->dir, f->db, "search",
                                                                   "--limit", "0", "büro", NULL);
  g_autoptr(LotseTestCliResult) no_query = lotse_test_cli_run_db (f->dir, f->db, "search", NULL);
  g_autoptr(LotseTestCliResult) limited = lotse_test_cli_run_db (f->dir, f->db, "search", "--limit",
                                                                 "1", "--json", "büro", NULL);

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
  g_autoptr(LotseTestCliResult) rebuild = lotse_test_cli_run_db (f->dir, f->db, "search",
                                                                 "--rebuild", NULL);
  g_autoptr(LotseTestCliResult) after = lotse_test_cli_run_db (f->dir, f->db, "search", "--json",
                                                               "Oeffnungszeiten", NULL);
  g_autoptr(LotseTestCliResult) missing = NULL;
  g_autofree char *missing_db = g_build_filename (f->dir, "missing.db", NULL);

  g_assert_cmpint (rebuild->status, ==, 0);
  g_assert_cmpstr (rebuild->out, ==, "The search index was rebuilt.\n");
  g_assert_cmpint (after->status, ==, 0);
  g_assert_nonnull (strstr (after->out, f->article));

  g_free (f->db);
  f->db = g_steal_pointer (&missing_db);
  missing = lotse_test_cli_run_db (f->dir, f->db, "search", "büro", NULL);
  g_assert_cmpint (missing->status, ==, 1);
  g_assert_false (g_file_test (f->db, G_FILE_TEST_EXISTS));
}

/* The README's example over the demo programme: the words before the
 * last are stems too, so “Lernreise” finds “Lernreisen”. */
static void
test_readme_example (void)
{
  g_autoptr(LotseTestCliFixture) fixture = lotse_test_cli_fixture_new ();
  g_autoptr(LotseTestCliResult) demo = lotse_test_cli_run_db (fixture->dir, fixture->db, "demo", NULL);
  g_autoptr(LotseTestCliResult) text = NULL;
  g_autoptr(LotseTestCliResult) json = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;
  JsonArray *array;
  gboolean found = FALSE;

  g_assert_cmpint (demo->status, ==, 0);

  text = lotse_test_cli_run_db (fixture->dir, fixture->db, "search", "Lernreise KMU", NULL);
  g_assert_cmpint (text->status, ==, 0);
  g_assert_null (strstr (text->out, "Nothing found"));
  g_assert_nonnull (strstr (text->out, "Projects\n"));

  json = lotse_test_cli_run_db (fixture->dir, fixture->db, "search", "Lernreise KMU", "--json", NULL);
  g_assert_cmpint (json->status, ==, 0);
  root = json_from_string (json->out, &error);
  g_assert_no_error (error);
  array = json_node_get_array (root);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *hit = json_array_get_object_element (array, i);

      if (g_str_equal (json_object_get_string_member (hit, "kind"), "project") &&
          g_str_equal (json_object_get_string_member (hit, "title"),
                       "Digitalisierungs-Missionare – Lernreisen für KMU"))
        found = TRUE;
    }
  g_assert_true (found);
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
  g_test_add_func ("/cli/search/readme-example", test_readme_example);

#undef ADD

  return g_test_run ();
}
