/* test-article.c: article tags and Markdown export
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "lotse-test-helpers.h"

typedef struct
{
  char       *dir;
  char       *path;
  LotseStore *store;
  char       *article;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->store = lotse_test_open_store (&f->dir);
  f->path = g_strdup (lotse_store_get_path (f->store));
  f->article = lotse_test_insert (f->store, "article",
                                  "title=Meilensteinmonitoring \"im\" Verbund",
                                  "summary=Zeile eins\nZeile zwei",
                                  "category=best_practice",
                                  "body=## Worum es geht\n\nText mit **fett**.",
                                  NULL);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->store);
  lotse_test_remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->path);
  g_free (f->article);
}

static void
test_normalize (void)
{
  g_autofree char *a = lotse_article_normalize_tag ("  Jour \t fixe\n ");
  g_autofree char *b = lotse_article_normalize_tag (" \n\t ");
  g_autofree char *c = lotse_article_normalize_tag ("Bür\xffo");

  g_assert_cmpstr (a, ==, "Jour fixe");
  g_assert_null (b);
  g_assert_null (lotse_article_normalize_tag (NULL));
  g_assert_true (g_utf8_validate (c, -1, NULL));
}

static void
test_set_tags (Fixture       *f,
               gconstpointer  data)
{
  const char *first[] = { "Nachnutzung", " KMU ", "kmu", "", "Jour  fixe", NULL };
  const char *second[] = { "NACHNUTZUNG", "Leitfaden", NULL };
  g_auto(GStrv) names = NULL;
  g_autoptr(GError) error = NULL;
  gint64 outbox;

  g_assert_true (lotse_article_set_tags (f->store, f->article, first, &error));
  g_assert_no_error (error);
  names = lotse_article_get_tag_names (f->store, f->article, &error);
  g_assert_cmpstrv (names, ((const char *[]) { "Jour fixe", "KMU", "Nachnutzung", NULL }));
  g_assert_cmpint (lotse_store_count (f->store, "tag", NULL, 0, NULL), ==, 3);
  g_assert_cmpint (lotse_store_count (f->store, "article_tag", NULL, 0, NULL), ==, 3);

  /* The same set again changes nothing. */
  outbox = lotse_store_count_outbox (f->store);
  g_assert_true (lotse_article_set_tags (f->store, f->article, first, &error));
  g_assert_cmpint (lotse_store_count_outbox (f->store), ==, outbox);

  /* Another set: a tag found regardless of case keeps its spelling;
   * dropped links are tombstones, the tags themselves stay. */
  g_clear_pointer (&names, g_strfreev);
  g_assert_true (lotse_article_set_tags (f->store, f->article, second, &error));
  names = lotse_article_get_tag_names (f->store, f->article, &error);
  g_assert_cmpstrv (names, ((const char *[]) { "Leitfaden", "Nachnutzung", NULL }));
  g_assert_cmpint (lotse_store_count (f->store, "tag", NULL, 0, NULL), ==, 4);
  g_assert_cmpint (lotse_store_count (f->store, "article_tag", NULL, 0, NULL), ==, 2);
  g_assert_cmpint (lotse_test_query_int (f->path, "SELECT count(*) FROM article_tag WHERE deleted = 1"),
                   ==, 2);

  /* None */
  g_clear_pointer (&names, g_strfreev);
  g_assert_true (lotse_article_set_tags (f->store, f->article, NULL, &error));
  names = lotse_article_get_tag_names (f->store, f->article, &error);
  g_assert_cmpuint (g_strv_length (names), ==, 0);
}

static void
test_set_tags_invalid (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *long_name = g_strnfill (101, 'x');
  const char *bad[] = { "gut", long_name, NULL };
  const char *good[] = { "gut", NULL };
  g_autofree char *missing = lotse_new_uuid ();
  g_autoptr(GError) error = NULL;
  gint64 outbox = lotse_store_count_outbox (f->store);

  /* A name over the limit: an error naming the field, nothing written */
  g_assert_false (lotse_article_set_tags (f->store, f->article, bad, &error));
  g_assert_error (error, LOTSE_ERROR, LOTSE_ERROR_INVALID_VALUE);
  g_clear_error (&error);
  g_assert_cmpint (lotse_store_count (f->store, "tag", NULL, 0, NULL), ==, 0);
  g_assert_cmpint (lotse_store_count_outbox (f->store), ==, outbox);

  g_assert_false (lotse_article_set_tags (f->store, missing, good, &error));
  g_assert_error (error, LOTSE_ERROR, LOTSE_ERROR_NOT_FOUND);
  g_assert_cmpint (lotse_store_count (f->store, "tag", NULL, 0, NULL), ==, 0);
}

static void
test_export (Fixture       *f,
             gconstpointer  data)
{
  const char *tags[] = { "Nachnutzung", "Büro \"Süd\"", NULL };
  g_autofree char *markdown = NULL;
  g_autofree char *missing = lotse_new_uuid ();
  g_autoptr(GError) error = NULL;

  g_assert_true (lotse_article_set_tags (f->store, f->article, tags, NULL));
  markdown = lotse_article_export_markdown (f->store, f->article, &error);
  g_assert_no_error (error);

  g_assert_true (g_str_has_prefix (markdown,
                                   "---\n"
                                   "title: \"Meilensteinmonitoring \\\"im\\\" Verbund\"\n"
                                   "summary: \"Zeile eins\\nZeile zwei\"\n"
                                   "category: \"best_practice\"\n"
                                   "tags:\n"
                                   "  - \"Büro \\\"Süd\\\"\"\n"
                                   "  - \"Nachnutzung\"\n"
                                   "created: \""));
  g_assert_nonnull (strstr (markdown,
                            "---\n\n# Meilensteinmonitoring \"im\" Verbund\n\n"
                            "## Worum es geht\n\nText mit **fett**.\n"));
  g_assert_true (g_str_has_suffix (markdown, "**fett**.\n"));

  g_clear_pointer (&markdown, g_free);
  markdown = lotse_article_export_markdown (f->store, missing, &error);
  g_assert_null (markdown);
  g_assert_error (error, LOTSE_ERROR, LOTSE_ERROR_NOT_FOUND);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  g_test_add_func ("/article/tags/normalize", test_normalize);
  ADD ("/article/tags/set", test_set_tags);
  ADD ("/article/tags/invalid", test_set_tags_invalid);
  ADD ("/article/export/markdown", test_export);

#undef ADD

  return g_test_run ();
}
