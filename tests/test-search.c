/* test-search.c: full-text search, its query sanitising and its indexes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <sqlite3.h>
#include <string.h>

#include "lotse-core-resources.h"
#include "lotse-store-private.h"
#include "lotse-test-helpers.h"

typedef struct
{
  char       *dir;
  LotseStore *store;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data G_GNUC_UNUSED)
{
  f->store = lotse_test_open_store (&f->dir);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data G_GNUC_UNUSED)
{
  g_clear_object (&f->store);
  lotse_test_remove_tree (f->dir);
  g_free (f->dir);
}

static char *
add_article (Fixture    *f,
             const char *title,
             const char *body)
{
  g_autofree char *title_assignment = g_strconcat ("title=", title, NULL);
  g_autofree char *body_assignment = g_strconcat ("body=", body, NULL);

  return lotse_test_insert (f->store, "article", title_assignment, body_assignment, NULL);
}

static GPtrArray *
search_articles (Fixture    *f,
                 const char *text)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *results = lotse_search_articles (f->store, text, NULL, NULL, 50, &error);

  g_assert_no_error (error);
  g_assert_nonnull (results);

  return results;
}

static gboolean
results_contain (GPtrArray  *results,
                 const char *id)
{
  for (guint i = 0; i < results->len; i++)
    {
      LotseSearchResult *result = g_ptr_array_index (results, i);

      if (g_str_equal (result->id, id))
        return TRUE;
    }

  return FALSE;
}

static gboolean
article_found (Fixture    *f,
               const char *text,
               const char *id)
{
  g_autoptr(GPtrArray) results = search_articles (f, text);

  return results_contain (results, id);
}

static void
test_query_build (void)
{
  struct {
    const char *text;
    const char *query;
  } cases[] = {
    { "Büro", "\"Büro\"*" },
    { "Büro ", "\"Büro\"*" },
    { "foo bar", "\"foo\" AND \"bar\"*" },
    /* A finished word of four letters or more is a prefix too. */
    { "Lernreise KMU", "\"Lernreise\"* AND \"KMU\"*" },
    { "KI Projekt ", "\"KI\" AND \"Projekt\"*" },
    { "Bau ", "\"Bau\"" },
    { "a", "\"a\"" },
    { "\"NEAR(x y)\" OR -z*", "\"NEAR\"* AND \"x\" AND \"y\" AND \"OR\" AND \"z\"" },
    { "", NULL },
    { "  \"* ( ) - ^ : ", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *query = lotse_search_build_fts_query (cases[i].text);

      g_assert_cmpstr (query, ==, cases[i].query);
    }

  g_assert_null (lotse_search_build_fts_query (NULL));
}

static void
test_query_hostile (Fixture       *f,
                    gconstpointer  data G_GNUC_UNUSED)
{
  g_autofree char *long_word = g_strnfill (10000, 'x');
  g_autofree char *long_words = NULL;
  g_autoptr(GString) many = g_string_new (NULL);
  const char *inputs[] = {
    "\"", "\"\"", "'", "AND", "OR", "NOT", "NEAR", "NEAR(", "NEAR(a b, 3)", "a AND",
    "AND b", "a OR b", "a NOT b", "(", ")", "()", "(a", "a)", "*", "a*", "*a", "-",
    "-a", "a-b", "^", "^a", ":", "title:", "title:a", "{title}: a", "a + b", "\"a",
    "a\"b", "\\", "%", "_", ";", "; DROP TABLE article; --", "\t\n\r\v\f", "\x01\x02\x1b",
    "\xff\xfe", "B\xc3", "\xc3\x28", "büro\xe2\x82", "€", "😀", "日本語", "İ", "ß", "ẞ",
    "a\u0308", "NEAR/3", "a NEAR/2 b", "x:", "ü ö ä", "0", "1.5", "e", "ae oe ue",
  };

  for (guint i = 0; i < 200; i++)
    g_string_append (many, i % 2 ? " OR " : "wort\" (");
  long_words = g_strdup (many->str);

  g_free (add_article (f, "Büro und Straße", "Ärger im Projektbüro"));

  for (guint i = 0; i < G_N_ELEMENTS (inputs) + 2; i++)
    {
      const char *input = i < G_N_ELEMENTS (inputs) ? inputs[i]
                                                    : (i == G_N_ELEMENTS (inputs) ? long_word
                                                                                  : long_words);
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) articles = NULL;
      g_autoptr(GPtrArray) global = NULL;

      articles = lotse_search_articles (f->store, input, NULL, NULL, 50, &error);
      g_assert_no_error (error);
      g_assert_nonnull (articles);

      global = lotse_search_global (f->store, input, 5, &error);
      g_assert_no_error (error);
      g_assert_nonnull (global);
    }
}

static void
test_fold_umlauts (Fixture       *f,
                   gconstpointer  data G_GNUC_UNUSED)
{
  g_autofree char *umlaut = add_article (f, "Das Büro", "Ärger über die Straße");
  g_autofree char *spelled = add_article (f, "Das Buero", "Aerger ueber die Strasse");
  const char *queries[] = {
    "Büro", "Buero", "buro", "BÜRO", "Straße", "Strasse", "strase ", "Ärger", "Aerger", "arger",
    "über", "ueber", "Bü", "Bue",
  };

  for (guint i = 0; i < G_N_ELEMENTS (queries); i++)
    {
      /* "strase " is misspelt and must find nothing */
      gboolean expected = !g_str_equal (queries[i], "strase ");

      g_test_message ("query %s", queries[i]);
      g_assert_true (article_found (f, queries[i], umlaut) == expected);
      g_assert_true (article_found (f, queries[i], spelled) == expected);
    }
}

static void
test_rank_order (Fixture       *f,
                 gconstpointer  data G_GNUC_UNUSED)
{
  g_autofree char *body_only = add_article (f, "Protokoll", "Es ging um den Windpark am Deich.");
  g_autofree char *title_hit = add_article (f, "Windpark", "Ein Bericht über Anlagen am Deich.");
  g_autofree char *once = add_article (f, "Notiz eins", "Solar auf dem Dach, dann Wärme.");
  g_autofree char *often = add_article (f, "Notiz zwei", "Solar hier, Solar dort, Solar überall.");
  g_autoptr(GPtrArray) wind = search_articles (f, "windpark");
  g_autoptr(GPtrArray) solar = search_articles (f, "solar");

  g_assert_cmpuint (wind->len, ==, 2);
  g_assert_cmpstr (((LotseSearchResult *) g_ptr_array_index (wind, 0))->id, ==, title_hit);
  g_assert_cmpstr (((LotseSearchResult *) g_ptr_array_index (wind, 1))->id, ==, body_only);

  g_assert_cmpuint (solar->len, ==, 2);
  g_assert_cmpstr (((LotseSearchResult *) g_ptr_array_index (solar, 0))->id, ==, often);
  g_assert_cmpstr (((LotseSearchResult *) g_ptr_array_index (solar, 1))->id, ==, once);
}

/* More matches than are ranked exactly (the bounded path): still a full
 * page of results, the newest title hit first. */
static void
test_rank_many_matches (Fixture       *f,
                        gconstpointer  data G_GNUC_UNUSED)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) results = NULL;
  g_autofree char *title_hit = NULL;

  g_assert_true (lotse_store_begin (f->store, &error));
  for (guint i = 0; i < 2500; i++)
    {
      g_autofree char *title = g_strdup_printf ("Bericht %u", i);

      g_free (add_article (f, title, "Wir haben gemeinsam geplant."));
    }
  title_hit = add_article (f, "Gemeinsam planen", "Ein Leitfaden.");
  g_assert_true (lotse_store_commit (f->store, &error));

  results = search_articles (f, "gemeinsam");
  g_assert_cmpuint (results->len, ==, 50);
  g_assert_cmpstr (((LotseSearchResult *) g_ptr_array_index (results, 0))->id, ==, title_hit);
  for (guint i = 0; i < results->len; i++)
    {
      LotseSearchResult *result = g_ptr_array_index (results, i);

      g_assert_nonnull (strstr (result->snippet, LOTSE_SEARCH_MATCH_START));
    }
}

/* The rowids @table matches for @fts_query, on the store's connection. */
static char *
matching_rowids (Fixture    *f,
                 const char *table,
                 const char *fts_query)
{
  g_autofree char *sql = g_strdup_printf ("SELECT group_concat(rowid) FROM (SELECT rowid FROM %s"
                                          " WHERE %s MATCH ?1 ORDER BY rowid)", table, table);
  sqlite3_stmt *stmt = NULL;
  char *rowids;

  g_assert_cmpint (sqlite3_prepare_v2 (lotse_store_get_db (f->store), sql, -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, fts_query, -1, SQLITE_STATIC);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  rowids = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);

  return rowids;
}

/* A word being typed finds the words it begins also where it is a
 * frequent word itself: main matched “bau” only as the word once it was in
 * over 1,000 articles, so “Bauantrag” appeared a letter later. */
static void
test_prefix_of_frequent_word (Fixture       *f,
                              gconstpointer  data G_GNUC_UNUSED)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) results = NULL;
  g_autofree char *applied = NULL;

  g_assert_true (lotse_store_begin (f->store, &error));
  for (guint i = 0; i < 1200; i++)
    {
      g_autofree char *title = g_strdup_printf ("Notiz %u", i);

      g_free (add_article (f, title, "Der Bau beginnt im Mai."));
    }
  applied = add_article (f, "Bauantrag gestellt", "Beim Amt eingereicht.");
  g_assert_true (lotse_store_commit (f->store, &error));

  g_assert_true (article_found (f, "Bau", applied));
  g_assert_true (article_found (f, "ba", applied));
  g_assert_true (article_found (f, "Amt ba", applied));
  /* A finished word stays the word. */
  g_assert_false (article_found (f, "Bau ", applied));

  results = lotse_search_global (f->store, "bau", 5, &error);
  g_assert_no_error (error);
  g_assert_true (results_contain (results, applied));
}

/* Each index has a list of its own for prefixes of two and three letters,
 * and finds with it exactly what the words' own lists find. */
static void
test_prefix_index_same_hits (Fixture       *f,
                             gconstpointer  data G_GNUC_UNUSED)
{
  static const char * const articles[][2] = {
    { "Dämmung der Fassade", "Der Dachstuhl wird gedämmt." },
    { "Daemmstoffe im Vergleich", "Holzfaser, Mineralwolle, Hanf." },
    { "Straßenbau", "Die Strasse wird gesperrt." },
    { "Deutschlandticket", "Dienstreisen mit der Bahn." },
    { "Datenschutz", "DSGVO und die Dokumentation." },
  };
  static const char * const queries[] = {
    "d", "da", "dä", "dam", "dae", "de", "der", "st", "str", "stra", "straß", "do", "dok", "xy",
  };
  guint n_found = 0;

  for (guint i = 0; i < G_N_ELEMENTS (articles); i++)
    g_free (add_article (f, articles[i][0], articles[i][1]));

  g_assert_cmpint (lotse_test_query_int (lotse_store_get_path (f->store),
                                         "SELECT count(*) FROM sqlite_master WHERE name IN"
                                         " ('article_fts', 'search_index') AND sql LIKE '%prefix%''2 3''%'"),
                   ==, 2);

  /* The same rows in an index without prefixes, on the store's connection
   * (which has the tokenizer). */
  g_assert_cmpint (sqlite3_exec (lotse_store_get_db (f->store),
                                 "CREATE VIRTUAL TABLE temp.plain USING fts5 (title, summary, body,"
                                 " tokenize = 'lotse');"
                                 "INSERT INTO temp.plain (rowid, title, summary, body)"
                                 " SELECT rowid, title, summary, body FROM article;",
                                 NULL, NULL, NULL), ==, SQLITE_OK);

  for (guint i = 0; i < G_N_ELEMENTS (queries); i++)
    {
      g_autofree char *fts_query = lotse_search_build_fts_query (queries[i]);
      g_autofree char *indexed = matching_rowids (f, "article_fts", fts_query);
      g_autofree char *plain = matching_rowids (f, "plain", fts_query);

      g_assert_cmpstr (indexed, ==, plain);
      n_found += plain != NULL;
    }
  /* All but “xy”, and “d”: one letter is matched as a word. */
  g_assert_cmpuint (n_found, ==, G_N_ELEMENTS (queries) - 2);
}

static void
test_snippet_markers (Fixture       *f,
                      gconstpointer  data G_GNUC_UNUSED)
{
  g_autofree char *id = add_article (f, "Leitfaden",
                                     "Am Anfang steht die Bürgerbeteiligung im Quartier.");
  g_autoptr(GPtrArray) results = search_articles (f, "Buergerbeteiligung");
  LotseSearchResult *result;

  g_assert_cmpuint (results->len, ==, 1);
  result = g_ptr_array_index (results, 0);
  g_assert_cmpstr (result->id, ==, id);
  g_assert_cmpstr (result->title, ==, "Leitfaden");
  g_assert_cmpint (result->kind, ==, LOTSE_SEARCH_KIND_ARTICLE);
  /* The original spelling is shown, marked */
  g_assert_nonnull (strstr (result->snippet, LOTSE_SEARCH_MATCH_START "Bürgerbeteiligung"
                                             LOTSE_SEARCH_MATCH_END));
}

static void
update_field (Fixture    *f,
              const char *table,
              const char *id,
              const char *assignment)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LotseRecord) record = lotse_store_get (f->store, table, id, &error);

  g_assert_no_error (error);
  lotse_record_parse_assignment (record, assignment, &error);
  g_assert_no_error (error);
  lotse_store_update (f->store, record, &error);
  g_assert_no_error (error);
}

/* What sync does when a tombstone is lifted on the server. */
static void
restore_row (Fixture    *f,
             const char *table,
             const char *id)
{
  g_autofree char *sql = g_strdup_printf ("UPDATE %s SET deleted = 0 WHERE id = ?", table);
  sqlite3 *db = lotse_store_get_db (f->store);
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
  sqlite3_finalize (stmt);
}

static gboolean
global_found (Fixture         *f,
              const char      *text,
              LotseSearchKind  kind,
              const char      *id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) results = lotse_search_global (f->store, text, 10, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < results->len; i++)
    {
      LotseSearchResult *result = g_ptr_array_index (results, i);

      if (result->kind == kind && g_str_equal (result->id, id))
        return TRUE;
    }

  return FALSE;
}

static void
test_index_edit_delete_restore (Fixture       *f,
                                gconstpointer  data G_GNUC_UNUSED)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *article = add_article (f, "Photovoltaik", "Module auf der Turnhalle");
  g_autofree char *project = lotse_test_insert (f->store, "project", "title=Klimaquartier",
                                                "acronym=KLIQ", "summary=Sanierung im Bestand",
                                                NULL);

  g_assert_true (article_found (f, "Turnhalle", article));
  g_assert_true (global_found (f, "Klimaquartier", LOTSE_SEARCH_KIND_PROJECT, project));
  g_assert_true (global_found (f, "kliq", LOTSE_SEARCH_KIND_PROJECT, project));
  g_assert_true (global_found (f, "Turnhalle", LOTSE_SEARCH_KIND_ARTICLE, article));

  update_field (f, "article", article, "body=Module auf dem Rathaus");
  update_field (f, "project", project, "summary=Neubau am Hafen");
  g_assert_false (article_found (f, "Turnhalle", article));
  g_assert_true (article_found (f, "Rathaus", article));
  g_assert_false (global_found (f, "Bestand", LOTSE_SEARCH_KIND_PROJECT, project));
  g_assert_true (global_found (f, "Hafen", LOTSE_SEARCH_KIND_PROJECT, project));

  lotse_store_delete (f->store, "article", article, &error);
  g_assert_no_error (error);
  lotse_store_delete (f->store, "project", project, &error);
  g_assert_no_error (error);
  g_assert_false (article_found (f, "Rathaus", article));
  g_assert_false (article_found (f, "Photovoltaik", article));
  g_assert_false (global_found (f, "Hafen", LOTSE_SEARCH_KIND_PROJECT, project));

  restore_row (f, "article", article);
  restore_row (f, "project", project);
  g_assert_true (article_found (f, "Rathaus", article));
  g_assert_true (global_found (f, "Hafen", LOTSE_SEARCH_KIND_PROJECT, project));
}

static char *
dump_indexes (LotseStore *store)
{
  const char *sql =
    "SELECT group_concat(line, '|') FROM ("
    " SELECT term || ':' || doc || ':' || cnt AS line FROM article_vocab"
    " UNION ALL SELECT rowid || kind || row_id || ifnull(title, '') || ifnull(keywords, '')"
    "  || ifnull(body, '') FROM search_index ORDER BY 1)";
  sqlite3 *db = lotse_store_get_db (store);
  sqlite3_stmt *stmt = NULL;
  char *dump;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  dump = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);

  return dump;
}

static void
test_index_rebuild_equal (Fixture       *f,
                          gconstpointer  data G_GNUC_UNUSED)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *after_writes = NULL;
  g_autofree char *after_rebuild = NULL;
  guint n_inserted = 0;

  /* The demo programme writes every kind of record */
  g_assert_true (lotse_demo_load (f->store, NULL, &n_inserted, &error));
  g_assert_no_error (error);

  for (guint i = 0; i < 30; i++)
    {
      g_autofree char *title = g_strdup_printf ("Artikel %u über Förderung", i);
      g_autofree char *id = add_article (f, title, "Text mit Mängeln und Straßen");
      g_autofree char *meeting_title = g_strdup_printf ("title=Treffen %u", i);
      g_autofree char *decision = NULL;
      g_autofree char *meeting = lotse_test_insert (f->store, "meeting", meeting_title,
                                                    "kind=workshop", "notes=Notizen", NULL);
      g_autofree char *meeting_ref = g_strconcat ("meeting_id=", meeting, NULL);

      decision = lotse_test_insert (f->store, "decision", meeting_ref,
                                    "text=Beschluss zur Förderung", NULL);
      if (i % 3 == 0)
        update_field (f, "article", id, "summary=Geänderte Zusammenfassung");
      if (i % 4 == 0)
        {
          lotse_store_delete (f->store, "article", id, &error);
          g_assert_no_error (error);
          lotse_store_delete (f->store, "decision", decision, &error);
          g_assert_no_error (error);
        }
      if (i % 8 == 0)
        {
          restore_row (f, "article", id);
          restore_row (f, "decision", decision);
        }
    }

  after_writes = dump_indexes (f->store);
  g_assert_true (lotse_search_rebuild (f->store, &error));
  g_assert_no_error (error);
  after_rebuild = dump_indexes (f->store);

  g_assert_cmpstr (after_writes, ==, after_rebuild);
}

static void
test_global_grouped (Fixture       *f,
                     gconstpointer  data G_GNUC_UNUSED)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) results = NULL;
  g_autofree char *project = lotse_test_insert (f->store, "project", "title=Wärmenetz Nord", NULL);
  g_autofree char *project_ref = g_strconcat ("project_id=", project, NULL);
  g_autofree char *milestone = lotse_test_insert (f->store, "milestone", project_ref,
                                                  "title=Wärmenetz geplant", NULL);
  g_autofree char *meeting = lotse_test_insert (f->store, "meeting", "title=Jour fixe",
                                                "kind=jour_fixe",
                                                "notes=Über das Wärmenetz gesprochen", NULL);
  g_autofree char *meeting_ref = g_strconcat ("meeting_id=", meeting, NULL);
  g_autofree char *agenda = lotse_test_insert (f->store, "agenda_item", meeting_ref,
                                               "title=Wärmenetz Stand", "kind=information",
                                               NULL);
  g_autofree char *decision = lotse_test_insert (f->store, "decision", meeting_ref,
                                                 "text=Das Waermenetz wird gebaut", NULL);
  g_autofree char *action = lotse_test_insert (f->store, "action_item",
                                               "title=Angebot Wärmenetz einholen", NULL);
  g_autofree char *article = add_article (f, "Wärmenetze planen", "Erfahrungen");
  const char *ids[] = { project, milestone, meeting, agenda, decision, action, article };

  results = lotse_search_global (f->store, "warmenetz", 5, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (results->len, ==, G_N_ELEMENTS (ids));

  for (guint i = 0; i < results->len; i++)
    {
      LotseSearchResult *result = g_ptr_array_index (results, i);

      g_assert_cmpint (result->kind, ==, i);
      g_assert_cmpstr (result->id, ==, ids[i]);
      g_assert_nonnull (strstr (result->snippet, LOTSE_SEARCH_MATCH_START));
    }
  g_assert_cmpstr (lotse_search_kind_to_table (LOTSE_SEARCH_KIND_AGENDA_ITEM), ==, "agenda_item");

  g_clear_pointer (&results, g_ptr_array_unref);
  results = lotse_search_global (f->store, "warmenetz", 1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (results->len, ==, G_N_ELEMENTS (ids));
}

/* The knowledge view asks for the snippets of the first screenful with
 * the search and for the others when their rows are shown: the same
 * results in the same order, and the same snippets in the end. */
static void
test_snippets_later (Fixture       *f,
                     gconstpointer  data G_GNUC_UNUSED)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GPtrArray) ranked = NULL;
  g_autoptr(GPtrArray) ids = g_ptr_array_new ();
  g_auto(GStrv) snippets = NULL;
  g_auto(GStrv) none = NULL;
  g_autofree char *gone = NULL;
  const char *hostile_ids[] = { "", "'; DROP TABLE article; --", NULL };

  g_assert_true (lotse_store_begin (f->store, &error));
  for (guint i = 0; i < 40; i++)
    {
      g_autofree char *title = g_strdup_printf ("Hochwasser %u", i);
      g_autofree char *body = g_strdup_printf ("Im Abschnitt %u schützt der Deich vor Hochwasser.", i);

      g_free (add_article (f, title, body));
    }
  g_assert_true (lotse_store_commit (f->store, &error));

  all = lotse_search_articles (f->store, "hochw", NULL, NULL, 40, &error);
  g_assert_no_error (error);
  ranked = lotse_search_articles_ranked (f->store, "hochw", NULL, NULL, 40, 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (all->len, ==, 40);
  g_assert_cmpuint (ranked->len, ==, 40);

  for (guint i = 0; i < ranked->len; i++)
    {
      LotseSearchResult *a = g_ptr_array_index (all, i);
      LotseSearchResult *r = g_ptr_array_index (ranked, i);

      g_assert_cmpstr (r->id, ==, a->id);
      g_assert_cmpstr (r->title, ==, a->title);
      g_assert_cmpstr (r->category, ==, "note");
      g_assert_nonnull (strstr (a->snippet, LOTSE_SEARCH_MATCH_START "Hochwasser"));
      if (i < 10)
        g_assert_cmpstr (r->snippet, ==, a->snippet);
      else
        g_assert_null (r->snippet);
      g_ptr_array_add (ids, r->id);
    }

  /* The rest, asked for later; one article deleted in between. */
  gone = g_strdup (((LotseSearchResult *) g_ptr_array_index (ranked, 39))->id);
  g_assert_true (lotse_store_delete (f->store, "article", gone, &error));
  g_ptr_array_add (ids, NULL);
  snippets = lotse_search_article_snippets (f->store, "hochw",
                                            (const char * const *) ids->pdata + 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (snippets), ==, 30);
  for (guint i = 0; i < 29; i++)
    g_assert_cmpstr (snippets[i], ==, ((LotseSearchResult *) g_ptr_array_index (all, 10 + i))->snippet);
  g_assert_cmpstr (snippets[29], ==, "");

  /* Ids of nothing and text without words: "" each, no error */
  none = lotse_search_article_snippets (f->store, "\"(*", hostile_ids, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (none), ==, 2);
  g_assert_cmpstr (none[0], ==, "");
  g_clear_pointer (&none, g_strfreev);
  none = lotse_search_article_snippets (f->store, "hochw", hostile_ids, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (none[0], ==, "");
  g_assert_cmpstr (none[1], ==, "");
}

static void
test_article_filters (Fixture       *f,
                      gconstpointer  data G_GNUC_UNUSED)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) guidelines = NULL;
  g_autoptr(GPtrArray) tagged = NULL;
  g_autofree char *guideline = lotse_test_insert (f->store, "article", "title=Radweg Leitfaden",
                                                  "category=guideline", NULL);
  g_autofree char *lesson = lotse_test_insert (f->store, "article", "title=Radweg Erfahrung",
                                               "category=lesson_learned", NULL);
  g_autofree char *tag = lotse_test_insert (f->store, "tag", "name=Mobilität", NULL);
  g_autofree char *article_ref = g_strconcat ("article_id=", lesson, NULL);
  g_autofree char *tag_ref = g_strconcat ("tag_id=", tag, NULL);
  g_autofree char *link = lotse_test_insert (f->store, "article_tag", article_ref, tag_ref, NULL);

  guidelines = lotse_search_articles (f->store, "radweg", "guideline", NULL, 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (guidelines->len, ==, 1);
  g_assert_cmpstr (((LotseSearchResult *) g_ptr_array_index (guidelines, 0))->id, ==, guideline);

  tagged = lotse_search_articles (f->store, "radweg", NULL, tag, 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (tagged->len, ==, 1);
  g_assert_cmpstr (((LotseSearchResult *) g_ptr_array_index (tagged, 0))->id, ==, lesson);
}

/* A database of schema 1 with rows gets its indexes filled on opening. */
static void
test_migration_from_1 (void)
{
  g_autofree char *dir = lotse_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "old.db", NULL);
  g_autoptr(GBytes) schema = NULL;
  g_autofree char *schema_sql = NULL;
  g_autoptr(LotseStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) articles = NULL;
  g_autoptr(GPtrArray) global = NULL;
  sqlite3 *db = NULL;

  g_resources_register (lotse_core_get_resource ());
  schema = g_resources_lookup_data ("/app/lotse/Lotse/core/migrations/001-initial.sql",
                                    G_RESOURCE_LOOKUP_FLAGS_NONE, &error);
  g_assert_no_error (error);
  schema_sql = g_strndup (g_bytes_get_data (schema, NULL), g_bytes_get_size (schema));

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, schema_sql, NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db,
                                 "PRAGMA user_version = 1;"
                                 "INSERT INTO article (id, created_at, updated_at, title, body, category)"
                                 " VALUES ('a1', 'x', 'x', 'Altbau', 'Dämmung der Fassade', 'note');"
                                 "INSERT INTO article (id, created_at, updated_at, deleted, title, category)"
                                 " VALUES ('a2', 'x', 'x', 1, 'Gelöschte Dämmung', 'note');"
                                 "INSERT INTO project (id, created_at, updated_at, title, status)"
                                 " VALUES ('p1', 'x', 'x', 'Daemmung im Quartier', 'running');",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  store = lotse_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (lotse_store_get_schema_version (store), ==, LOTSE_STORE_SCHEMA_VERSION);

  articles = lotse_search_articles (store, "dammung", NULL, NULL, 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (articles->len, ==, 1);
  g_assert_cmpstr (((LotseSearchResult *) g_ptr_array_index (articles, 0))->id, ==, "a1");

  global = lotse_search_global (store, "Dämmung", 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (global->len, ==, 2);
  g_assert_cmpstr (((LotseSearchResult *) g_ptr_array_index (global, 0))->id, ==, "p1");

  g_clear_object (&store);
  lotse_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  g_test_add_func ("/search/query/build", test_query_build);
  ADD ("/search/query/hostile", test_query_hostile);
  ADD ("/search/fold/umlauts", test_fold_umlauts);
  ADD ("/search/rank/order", test_rank_order);
  ADD ("/search/rank/many-matches", test_rank_many_matches);
  ADD ("/search/prefix/frequent-word", test_prefix_of_frequent_word);
  ADD ("/search/prefix/same-hits", test_prefix_index_same_hits);
  ADD ("/search/snippet/markers", test_snippet_markers);
  ADD ("/search/index/edit-delete-restore", test_index_edit_delete_restore);
  ADD ("/search/index/rebuild-equal", test_index_rebuild_equal);
  ADD ("/search/global/grouped", test_global_grouped);
  ADD ("/search/articles/filters", test_article_filters);
  ADD ("/search/articles/snippets-later", test_snippets_later);
  g_test_add_func ("/search/migration/from-1", test_migration_from_1);

#undef ADD

  return g_test_run ();
}
