/* lotse-search.c: full-text search over articles and all records
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The indexes themselves are SQL (migrations/002-search.sql): FTS5 tables
 * kept current by triggers, which can defer the indexing of inserted rows
 * to the end of a bulk write (005-search-deferred.sql). This file turns any
 * user text into a query that cannot fail, and ranks; keeping the indexes
 * is lotse-search-index.c, and the tokenizer that
 * folds German spellings is lotse-search-tokenizer.c.
 */

#define G_LOG_DOMAIN "lotse-search"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "lotse-error.h"
#include "lotse-search-private.h"
#include "lotse-store-private.h"

/* Words of a query beyond this many are ignored; more words only narrow a
 * result that is empty long before. */
#define MAX_QUERY_WORDS   16
#define MAX_WORD_BYTES    100
/* A finished word of a query (one followed by more) this long or longer
 * is a prefix too; see build_query(). */
#define MIN_PREFIX_CHARS  4
#define SNIPPET_TOKENS    16
#define MAX_TITLE_CHARS   120

/* Ranking every match by bm25 costs time in proportion to the matches:
 * words that occur in most of 100,000 articles took over 150 ms. When a
 * query matches more than CANDIDATE_LIMIT rows, only the newest
 * CANDIDATE_LIMIT of them (by rowid, which grows with insertion) are ranked.
 * The trade-off: for such unspecific queries an older article that would
 * rank first can be missed, while a more specific query (another word) finds
 * it; newer articles are the likelier target of a vague query anyway. Below
 * the limit the ranking is exact. */
#define CANDIDATE_LIMIT   1000

static const char * const kind_tables[] = {
  [LOTSE_SEARCH_KIND_PROJECT]     = "project",
  [LOTSE_SEARCH_KIND_MILESTONE]   = "milestone",
  [LOTSE_SEARCH_KIND_MEETING]     = "meeting",
  [LOTSE_SEARCH_KIND_AGENDA_ITEM] = "agenda_item",
  [LOTSE_SEARCH_KIND_DECISION]    = "decision",
  [LOTSE_SEARCH_KIND_ACTION_ITEM] = "action_item",
  [LOTSE_SEARCH_KIND_ARTICLE]     = "article",
};

G_STATIC_ASSERT (G_N_ELEMENTS (kind_tables) == LOTSE_SEARCH_N_KINDS);

/**
 * lotse_search_kind_to_table:
 * @kind: a kind of search result
 *
 * Returns: the name of the table that holds results of @kind
 */
const char *
lotse_search_kind_to_table (LotseSearchKind kind)
{
  g_return_val_if_fail (kind < LOTSE_SEARCH_N_KINDS, NULL);

  return kind_tables[kind];
}

static gboolean
kind_from_table (const char      *table,
                 LotseSearchKind *out_kind)
{
  for (guint i = 0; i < LOTSE_SEARCH_N_KINDS; i++)
    {
      if (g_strcmp0 (kind_tables[i], table) == 0)
        {
          *out_kind = i;
          return TRUE;
        }
    }

  return FALSE;
}

void
lotse_search_result_free (LotseSearchResult *result)
{
  if (result == NULL)
    return;

  g_free (result->id);
  g_free (result->title);
  g_free (result->snippet);
  g_free (result->parent);
  g_free (result->date);
  g_free (result->project);
  g_free (result->category);
  g_free (result);
}

/**
 * lotse_search_result_snippet_is_title:
 * @result: a result
 *
 * Whether the snippet is the title and nothing else (the words were found
 * in the title), so that a list need not show it twice.
 */
gboolean
lotse_search_result_snippet_is_title (const LotseSearchResult *result)
{
  g_autoptr(GString) plain = g_string_new (result->snippet);

  g_string_replace (plain, LOTSE_SEARCH_MATCH_START, "", 0);
  g_string_replace (plain, LOTSE_SEARCH_MATCH_END, "", 0);

  return g_strcmp0 (plain->str, result->title) == 0;
}

/* Queries ------------------------------------------------------------------ */

/* unicode61 counts letters, digits and marks as parts of a word. */
static gboolean
is_word_char (gunichar c)
{
  return g_unichar_isalnum (c) || g_unichar_ismark (c);
}

/* German inflects and compounds: “Lernreise” is to find “Lernreisen”.
 * The last word is matched as a prefix, being typed, from two letters on;
 * the words before it from MIN_PREFIX_CHARS on. Had only the last word
 * been a prefix, a second word would lose what the first found alone:
 * “Lernreise” found “Lernreisen für KMU”, “Lernreise KMU” found nothing.
 * Shorter words before the last stay whole: “KI” is not every word that
 * begins with “ki”. */
static char *
build_query (const char *user_text,
             gboolean    as_prefixes)
{
  g_autofree char *valid = NULL;
  g_autoptr(GString) query = g_string_new (NULL);
  g_autoptr(GString) word = g_string_new (NULL);
  guint n_words = 0;
  const char *p;

  if (user_text == NULL)
    return NULL;

  valid = g_utf8_make_valid (user_text, -1);

  for (p = valid; n_words < MAX_QUERY_WORDS; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c != 0 && is_word_char (c))
        {
          if (word->len + 6 <= MAX_WORD_BYTES)
            g_string_append_unichar (word, c);
          continue;
        }

      if (word->len > 0)
        {
          glong length = g_utf8_strlen (word->str, -1);

          g_string_append_printf (query, "%s\"%s\"", n_words > 0 ? " AND " : "", word->str);
          n_words++;
          if (as_prefixes && length >= (c == 0 ? 2 : MIN_PREFIX_CHARS))
            g_string_append_c (query, '*');
          g_string_truncate (word, 0);
        }

      if (c == 0)
        break;
    }

  if (n_words == 0)
    return NULL;

  return g_string_free (g_steal_pointer (&query), FALSE);
}

/**
 * lotse_search_build_fts_query:
 * @user_text: (nullable): what a person typed
 *
 * Turns any text into an FTS5 query that cannot raise a syntax error: the
 * words become quoted strings joined by AND, so operators, quotes and
 * brackets in @user_text are only separators. The last word is matched as
 * a prefix while it is being typed (no space after it yet), and so is
 * every word of four letters or more, so that an inflected or compound
 * word is found by its stem. Folding is left to the tokenizer, which
 * treats the query like the indexed text.
 *
 * Returns: (transfer full) (nullable): the query, or %NULL when @user_text
 *   has no word in it
 */
char *
lotse_search_build_fts_query (const char *user_text)
{
  return build_query (user_text, TRUE);
}

static gboolean
search_error (GError     **error,
              sqlite3     *db)
{
  /* Translators: %s is SQLite's description of the error */
  g_set_error (error, LOTSE_ERROR, LOTSE_ERROR_DATABASE, _("Could not search: %s"),
               sqlite3_errmsg (db));
  return FALSE;
}

static sqlite3_stmt *
prepare (sqlite3     *db,
         const char  *sql,
         GError     **error)
{
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    {
      search_error (error, db);
      return NULL;
    }

  return stmt;
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3_stmt, sqlite3_finalize)

/* The smallest rowid to rank (see CANDIDATE_LIMIT): 0 when the query
 * matches few enough rows to rank them all; -1 on error. */
static gint64
candidate_floor (sqlite3    *db,
                 const char *sql,
                 const char *fts_query,
                 GError    **error)
{
  g_autoptr(sqlite3_stmt) stmt = prepare (db, sql, error);
  int rc;

  if (stmt == NULL)
    return -1;

  sqlite3_bind_text (stmt, 1, fts_query, -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 2, CANDIDATE_LIMIT - 1);

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return sqlite3_column_int64 (stmt, 0);
  if (rc != SQLITE_DONE)
    {
      search_error (error, db);
      return -1;
    }

  return 0;
}

/* The number of letters of the last word of @user_text, the one being
 * typed. */
static glong
last_word_length (const char *user_text)
{
  g_autofree char *valid = g_utf8_make_valid (user_text, -1);
  glong length = 0;

  for (const char *p = valid; *p != '\0'; p = g_utf8_next_char (p))
    length = is_word_char (g_utf8_get_char (p)) ? length + 1 : 0;

  return length;
}

/* Picks the query to run and its candidate floor.
 *
 * A last word of two or three letters is a prefix with an index of its own
 * (migrations/010-search-prefix.sql): one list to read, however many words
 * it begins. Longer prefixes are merged from the lists of every word they
 * begin, so words that as whole words already match more than
 * CANDIDATE_LIMIT rows are not expanded: expanding a frequent word merges
 * lists it does not need, while its own matches already fill the
 * candidates. The cost: typing “Projekt” where “projekt” is frequent does
 * not find “Projektleitung” until a letter more is typed. */
static gboolean
choose_query (sqlite3     *db,
              const char  *floor_sql,
              const char  *user_text,
              char       **out_query,
              gint64      *out_floor,
              GError     **error)
{
  g_autofree char *exact = build_query (user_text, FALSE);
  g_autofree char *prefixed = build_query (user_text, TRUE);
  glong typed = user_text != NULL ? last_word_length (user_text) : 0;
  gint64 floor;

  *out_query = NULL;
  if (exact == NULL)
    return TRUE;

  if (typed == 2 || typed == 3)
    {
      g_free (exact);
      exact = g_steal_pointer (&prefixed);
    }

  floor = candidate_floor (db, floor_sql, exact, error);
  if (floor == 0 && prefixed != NULL && !g_str_equal (exact, prefixed))
    {
      g_free (exact);
      exact = g_steal_pointer (&prefixed);
      floor = candidate_floor (db, floor_sql, exact, error);
    }

  if (floor < 0)
    return FALSE;

  *out_query = g_steal_pointer (&exact);
  *out_floor = floor;
  return TRUE;
}

static char *
shorten_title (const char *title)
{
  if (title == NULL)
    return g_strdup ("");

  if (g_utf8_strlen (title, -1) <= MAX_TITLE_CHARS)
    return g_strdup (title);

  {
    g_autofree char *start = g_utf8_substring (title, 0, MAX_TITLE_CHARS - 1);

    return g_strconcat (start, "…", NULL);
  }
}

/* A result of @kind from the columns id, title, rank of @stmt; its
 * snippet is made later (make_snippets()). */
static LotseSearchResult *
result_new (LotseSearchKind  kind,
            sqlite3_stmt    *stmt,
            int              first_column)
{
  LotseSearchResult *result = g_new0 (LotseSearchResult, 1);

  result->kind = kind;
  result->id = g_strdup ((const char *) sqlite3_column_text (stmt, first_column));
  result->title = shorten_title ((const char *) sqlite3_column_text (stmt, first_column + 1));
  result->rank = sqlite3_column_double (stmt, first_column + 2);

  return result;
}

/* A JSON array of @rowids, for json_each(). */
static char *
rowids_to_json (const gint64 *rowids,
                guint         n)
{
  GString *json = g_string_new ("[");

  for (guint i = 0; i < n; i++)
    g_string_append_printf (json, "%s%" G_GINT64_FORMAT, i > 0 ? "," : "", rowids[i]);
  g_string_append_c (json, ']');

  return g_string_free (json, FALSE);
}

/* Makes the snippets of the rows @rowids of @table (an FTS5 table) that
 * @fts_query matches, into @snippets at the same index; a row it no longer
 * matches, or of rowid 0 (none), gets "".
 *
 * A snippet tokenizes the text of its row: 200 snippets of articles were
 * 40 % of a search, so only the rows a person sees get one. One statement
 * for all of them: SQLite 3.40's FTS5 merges the lists of the words a
 * prefix without an index of its own begins (four letters or more) anew
 * in every statement, a statement per row merged them as often. The
 * statement reads only the matches between the smallest and largest rowid,
 * and “+rowid” keeps the IN list from being handed to FTS5, which would
 * run the query once per rowid. */
static gboolean
make_snippets (sqlite3       *db,
               const char    *table,
               const char    *fts_query,
               const gint64  *rowids,
               guint          n,
               char         **snippets,
               GError       **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *sql = NULL;
  g_autofree char *json = NULL;
  gint64 lowest = G_MAXINT64;
  gint64 highest = G_MININT64;
  int rc;

  for (guint i = 0; i < n; i++)
    {
      if (rowids[i] == 0)
        continue;
      lowest = MIN (lowest, rowids[i]);
      highest = MAX (highest, rowids[i]);
    }

  sql = g_strdup_printf ("SELECT rowid, snippet(%s, -1, char(1), char(2), '…', %d) FROM %s"
                         " WHERE %s MATCH ?1 AND rowid BETWEEN ?2 AND ?3"
                         " AND +rowid IN (SELECT value FROM json_each(?4))",
                         table, SNIPPET_TOKENS, table, table);
  stmt = prepare (db, sql, error);
  if (stmt == NULL)
    return FALSE;

  json = rowids_to_json (rowids, n);
  sqlite3_bind_text (stmt, 1, fts_query, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, lowest);
  sqlite3_bind_int64 (stmt, 3, highest);
  sqlite3_bind_text (stmt, 4, json, -1, SQLITE_STATIC);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 rowid = sqlite3_column_int64 (stmt, 0);

      for (guint i = 0; i < n; i++)
        if (rowids[i] == rowid && snippets[i] == NULL)
          snippets[i] = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
    }
  if (rc != SQLITE_DONE)
    return search_error (error, db);

  for (guint i = 0; i < n; i++)
    if (snippets[i] == NULL)
      snippets[i] = g_strdup ("");

  return TRUE;
}

/* The snippets of @n results from @first on, whose rowids in @table are
 * the first @n of @rowids. */
static gboolean
add_snippets (sqlite3     *db,
              const char  *table,
              const char  *fts_query,
              GArray      *rowids,
              GPtrArray   *results,
              guint        first,
              guint        n,
              GError     **error)
{
  g_autofree char **snippets = g_new0 (char *, n + 1);

  if (n == 0)
    return TRUE;

  if (!make_snippets (db, table, fts_query, (const gint64 *) rowids->data, n, snippets, error))
    {
      for (guint i = 0; i < n; i++)
        g_free (snippets[i]);
      return FALSE;
    }

  for (guint i = 0; i < n; i++)
    ((LotseSearchResult *) g_ptr_array_index (results, first + i))->snippet = snippets[i];

  return TRUE;
}

/* Picks the query for @user_text over article_fts and its candidate
 * floor (choose_query()). */
static gboolean
choose_article_query (sqlite3     *db,
                      const char  *user_text,
                      char       **out_query,
                      gint64      *out_floor,
                      GError     **error)
{
  return choose_query (db,
                       "SELECT rowid FROM article_fts WHERE article_fts MATCH ?1"
                       " ORDER BY rowid DESC LIMIT 1 OFFSET ?2",
                       user_text, out_query, out_floor, error);
}

/* The id, title and category come from the article row, not from the
 * index's columns: FTS5 reads an external content row whole, body and
 * all.
 *
 * “ORDER BY +rank” has SQLite sort the rows by the rank FTS5 computes for
 * each (the bm25 of migrations/010-search-prefix.sql). With “ORDER BY
 * rank” FTS5 sorts them itself and then finds every row it returns anew
 * in the lists of the query's words: twice the time for a prefix of two
 * letters (“de”: 17 against 9 ms for 1,000 candidates). */
static gboolean
search_articles (sqlite3     *db,
                 const char  *user_text,
                 const char  *category,
                 const char  *tag_id,
                 guint        limit,
                 guint        n_snippets,
                 GPtrArray   *results,
                 GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GArray) rowids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autofree char *fts_query = NULL;
  guint first = results->len;
  gint64 floor = 0;
  int rc;

  if (!choose_article_query (db, user_text, &fts_query, &floor, error))
    return FALSE;
  if (fts_query == NULL)
    return TRUE;

  stmt = prepare (db,
                  "SELECT rowid, (SELECT id FROM article WHERE rowid = article_fts.rowid),"
                  " (SELECT title FROM article WHERE rowid = article_fts.rowid), rank,"
                  " (SELECT category FROM article WHERE rowid = article_fts.rowid)"
                  " FROM article_fts WHERE article_fts MATCH ?1 AND rowid >= ?2"
                  " AND (?3 IS NULL OR EXISTS (SELECT 1 FROM article a"
                  "  WHERE a.rowid = article_fts.rowid AND a.category = ?3))"
                  " AND (?4 IS NULL OR EXISTS (SELECT 1 FROM article a"
                  "  JOIN article_tag t ON t.article_id = a.id"
                  "  WHERE a.rowid = article_fts.rowid AND t.tag_id = ?4 AND t.deleted = 0))"
                  " ORDER BY +rank LIMIT ?5",
                  error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, fts_query, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, floor);
  sqlite3_bind_text (stmt, 3, category, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, tag_id, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 5, limit);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      LotseSearchResult *result = result_new (LOTSE_SEARCH_KIND_ARTICLE, stmt, 1);
      gint64 rowid = sqlite3_column_int64 (stmt, 0);

      result->category = g_strdup ((const char *) sqlite3_column_text (stmt, 4));
      g_ptr_array_add (results, result);
      g_array_append_val (rowids, rowid);
    }

  if (rc != SQLITE_DONE)
    return search_error (error, db);

  return add_snippets (db, "article_fts", fts_query, rowids, results, first,
                       MIN (n_snippets, rowids->len), error);
}

/**
 * lotse_search_articles:
 * @store: a store
 * @user_text: what a person typed; any text is fine
 * @category: (nullable): only articles of this category
 * @tag_id: (nullable): only articles with this tag
 * @limit: the most results to return
 * @error: a location for a #GError
 *
 * Finds articles, best first, each with a snippet of the best matching
 * field; lotse_search_articles_ranked() with a snippet for every result.
 *
 * Returns: (transfer container) (element-type LotseSearchResult): the
 *   results, empty when @user_text has no words; %NULL on error
 */
GPtrArray *
lotse_search_articles (LotseStore  *store,
                       const char  *user_text,
                       const char  *category,
                       const char  *tag_id,
                       guint        limit,
                       GError     **error)
{
  return lotse_search_articles_ranked (store, user_text, category, tag_id, limit, limit, error);
}

/**
 * lotse_search_articles_ranked:
 * @store: a store
 * @user_text: what a person typed; any text is fine
 * @category: (nullable): only articles of this category
 * @tag_id: (nullable): only articles with this tag
 * @limit: the most results to return
 * @n_snippets: how many of the best results get a snippet
 * @error: a location for a #GError
 *
 * Finds articles, best first, with their category. The first @n_snippets
 * get a snippet of the best matching field, the others %NULL: a list
 * makes them when it shows those rows, with
 * lotse_search_article_snippets().
 *
 * Returns: (transfer container) (element-type LotseSearchResult): the
 *   results, empty when @user_text has no words; %NULL on error
 */
GPtrArray *
lotse_search_articles_ranked (LotseStore  *store,
                              const char  *user_text,
                              const char  *category,
                              const char  *tag_id,
                              guint        limit,
                              guint        n_snippets,
                              GError     **error)
{
  g_autoptr(GPtrArray) results = NULL;

  g_return_val_if_fail (LOTSE_IS_STORE (store), NULL);

  results = g_ptr_array_new_with_free_func ((GDestroyNotify) lotse_search_result_free);
  if (limit == 0)
    return g_steal_pointer (&results);

  if (!search_articles (lotse_store_get_db (store), user_text, category, tag_id, limit,
                        n_snippets, results, error))
    return NULL;

  return g_steal_pointer (&results);
}

/* The rowids of the articles @ids; 0 for one that is gone. */
static gboolean
article_rowids (sqlite3             *db,
                const char * const  *ids,
                GArray              *rowids,
                GError             **error)
{
  g_autoptr(sqlite3_stmt) stmt = prepare (db, "SELECT rowid FROM article WHERE id = ?1", error);

  if (stmt == NULL)
    return FALSE;

  for (guint i = 0; ids[i] != NULL; i++)
    {
      gint64 rowid = 0;
      int rc;

      sqlite3_reset (stmt);
      sqlite3_bind_text (stmt, 1, ids[i], -1, SQLITE_STATIC);
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        rowid = sqlite3_column_int64 (stmt, 0);
      else if (rc != SQLITE_DONE)
        return search_error (error, db);
      g_array_append_val (rowids, rowid);
    }

  return TRUE;
}

/**
 * lotse_search_article_snippets:
 * @store: a store
 * @user_text: what the results were found for
 * @article_ids: (array zero-terminated=1): articles among the results
 * @error: a location for a #GError
 *
 * Makes the snippets that lotse_search_articles_ranked() left out, for
 * the rows a list shows.
 *
 * Returns: (transfer full): the snippets, in the order of @article_ids;
 *   "" for an article the text no longer finds; %NULL on error
 */
GStrv
lotse_search_article_snippets (LotseStore          *store,
                               const char          *user_text,
                               const char * const  *article_ids,
                               GError             **error)
{
  g_autoptr(GArray) rowids = NULL;
  g_autofree char *fts_query = NULL;
  GStrv snippets;
  gint64 floor;
  sqlite3 *db;
  guint n;

  g_return_val_if_fail (LOTSE_IS_STORE (store), NULL);
  g_return_val_if_fail (article_ids != NULL, NULL);

  n = g_strv_length ((GStrv) article_ids);
  snippets = g_new0 (char *, n + 1);
  rowids = g_array_new (FALSE, FALSE, sizeof (gint64));
  db = lotse_store_get_db (store);
  if (!choose_article_query (db, user_text, &fts_query, &floor, error) ||
      !article_rowids (db, article_ids, rowids, error) ||
      (fts_query != NULL && n > 0 &&
       !make_snippets (db, "article_fts", fts_query, (const gint64 *) rowids->data, n,
                       snippets, error)))
    {
      g_strfreev (snippets);
      return NULL;
    }

  for (guint i = 0; i < n; i++)
    if (snippets[i] == NULL)
      snippets[i] = g_strdup ("");

  return snippets;
}

/* The best rows per kind of the global index, ranked, onto @results
 * grouped by kind, and their rowids onto @rowids. The rank and the
 * columns come from the same read of a row, which the kind needs anyway;
 * snippets are made afterwards, for the rows kept only. “+rank”: see
 * search_articles(). */
static gboolean
collect_global_results (sqlite3     *db,
                        const char  *fts_query,
                        gint64       floor,
                        guint        limit_per_kind,
                        GPtrArray   *results,
                        GArray      *rowids,
                        GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) kept = g_ptr_array_new_with_free_func ((GDestroyNotify) lotse_search_result_free);
  g_autoptr(GArray) kept_rowids = g_array_new (FALSE, FALSE, sizeof (gint64));
  guint counts[LOTSE_SEARCH_N_KINDS] = { 0 };
  guint n_full = 0;
  int rc = SQLITE_DONE;

  stmt = prepare (db,
                  "SELECT rowid, kind, row_id, title, rank FROM search_index"
                  " WHERE search_index MATCH ?1 AND rowid >= ?2 ORDER BY +rank",
                  error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, fts_query, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, floor);

  /* Articles have their own index. */
  while (n_full < LOTSE_SEARCH_KIND_ARTICLE && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      LotseSearchKind kind;
      gint64 rowid = sqlite3_column_int64 (stmt, 0);

      if (!kind_from_table ((const char *) sqlite3_column_text (stmt, 1), &kind) ||
          counts[kind] >= limit_per_kind)
        continue;

      g_ptr_array_add (kept, result_new (kind, stmt, 2));
      g_array_append_val (kept_rowids, rowid);
      if (++counts[kind] == limit_per_kind)
        n_full++;
    }

  if (n_full < LOTSE_SEARCH_KIND_ARTICLE && rc != SQLITE_DONE)
    return search_error (error, db);

  /* Grouped by kind, best first within a kind (the order found). */
  for (guint kind = 0; kind < LOTSE_SEARCH_KIND_ARTICLE; kind++)
    for (guint i = 0; i < kept->len; i++)
      {
        LotseSearchResult *result = g_ptr_array_index (kept, i);

        if (result != NULL && result->kind == kind)
          {
            g_ptr_array_add (results, g_steal_pointer (&kept->pdata[i]));
            g_array_append_val (rowids, g_array_index (kept_rowids, gint64, i));
          }
      }

  return TRUE;
}

/* Per kind: the parent's title, the date and the project of a hit. */
static const char * const context_sql[LOTSE_SEARCH_N_KINDS] = {
  [LOTSE_SEARCH_KIND_PROJECT] =
    "SELECT g.name, NULL, NULL FROM project AS x"
    " LEFT JOIN programme AS g ON g.id = x.programme_id AND g.deleted = 0 WHERE x.id = ?1",
  [LOTSE_SEARCH_KIND_MILESTONE] =
    "SELECT p.title, x.due_date, NULL FROM milestone AS x"
    " LEFT JOIN project AS p ON p.id = x.project_id AND p.deleted = 0 WHERE x.id = ?1",
  [LOTSE_SEARCH_KIND_MEETING] =
    "SELECT s.title, x.starts_at, NULL FROM meeting AS x"
    " LEFT JOIN meeting_series AS s ON s.id = x.series_id AND s.deleted = 0 WHERE x.id = ?1",
  [LOTSE_SEARCH_KIND_AGENDA_ITEM] =
    "SELECT m.title, m.starts_at, p.title FROM agenda_item AS x"
    " LEFT JOIN meeting AS m ON m.id = x.meeting_id AND m.deleted = 0"
    " LEFT JOIN project AS p ON p.id = x.project_id AND p.deleted = 0 WHERE x.id = ?1",
  [LOTSE_SEARCH_KIND_DECISION] =
    "SELECT m.title, m.starts_at, p.title FROM decision AS x"
    " LEFT JOIN meeting AS m ON m.id = x.meeting_id AND m.deleted = 0"
    " LEFT JOIN project AS p ON p.id = x.project_id AND p.deleted = 0 WHERE x.id = ?1",
  [LOTSE_SEARCH_KIND_ACTION_ITEM] =
    "SELECT m.title, m.starts_at, p.title FROM action_item AS x"
    " LEFT JOIN meeting AS m ON m.id = x.meeting_id AND m.deleted = 0"
    " LEFT JOIN project AS p ON p.id = x.project_id AND p.deleted = 0 WHERE x.id = ?1",
  [LOTSE_SEARCH_KIND_ARTICLE] =
    "SELECT p.title, NULL, NULL FROM article AS x"
    " LEFT JOIN project AS p ON p.id = x.project_id AND p.deleted = 0 WHERE x.id = ?1",
};

/* Three agenda items "Bericht des Projektbüros" only tell apart by their
 * meetings: each result gets the titles and date of where it belongs. */
static gboolean
add_context (sqlite3     *db,
             GPtrArray   *results,
             GError     **error)
{
  sqlite3_stmt *stmts[LOTSE_SEARCH_N_KINDS] = { NULL, };
  gboolean ok = TRUE;

  for (guint i = 0; ok && i < results->len; i++)
    {
      LotseSearchResult *result = g_ptr_array_index (results, i);
      sqlite3_stmt *stmt;
      int rc;

      if (stmts[result->kind] == NULL)
        stmts[result->kind] = prepare (db, context_sql[result->kind], error);
      stmt = stmts[result->kind];
      if (stmt == NULL)
        {
          ok = FALSE;
          break;
        }

      sqlite3_reset (stmt);
      sqlite3_bind_text (stmt, 1, result->id, -1, SQLITE_STATIC);
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        {
          result->parent = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
          result->date = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
          result->project = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
        }
      else if (rc != SQLITE_DONE)
        ok = search_error (error, db);
    }

  for (guint k = 0; k < LOTSE_SEARCH_N_KINDS; k++)
    sqlite3_finalize (stmts[k]);

  return ok;
}

/**
 * lotse_search_global:
 * @store: a store
 * @user_text: what a person typed; any text is fine
 * @limit_per_kind: the most results of each kind
 * @error: a location for a #GError
 *
 * Searches projects, milestones, meetings, agenda items, decisions, action
 * items and articles at once. Each result says where it belongs (its
 * parent, date and project).
 *
 * Returns: (transfer container) (element-type LotseSearchResult): the
 *   results grouped by kind in the order of #LotseSearchKind, best first
 *   within a kind; %NULL on error
 */
GPtrArray *
lotse_search_global (LotseStore  *store,
                     const char  *user_text,
                     guint        limit_per_kind,
                     GError     **error)
{
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(GArray) rowids = NULL;
  g_autofree char *fts_query = NULL;
  gint64 floor = 0;
  sqlite3 *db;

  g_return_val_if_fail (LOTSE_IS_STORE (store), NULL);

  results = g_ptr_array_new_with_free_func ((GDestroyNotify) lotse_search_result_free);
  if (limit_per_kind == 0)
    return g_steal_pointer (&results);

  db = lotse_store_get_db (store);
  if (!choose_query (db,
                     "SELECT rowid FROM search_index WHERE search_index MATCH ?1"
                     " ORDER BY rowid DESC LIMIT 1 OFFSET ?2",
                     user_text, &fts_query, &floor, error))
    return NULL;
  if (fts_query == NULL)
    return g_steal_pointer (&results);

  rowids = g_array_new (FALSE, FALSE, sizeof (gint64));
  if (!collect_global_results (db, fts_query, floor, limit_per_kind, results, rowids, error) ||
      !add_snippets (db, "search_index", fts_query, rowids, results, 0, rowids->len, error) ||
      !search_articles (db, user_text, NULL, NULL, limit_per_kind, limit_per_kind, results,
                        error) ||
      !add_context (db, results, error))
    return NULL;

  return g_steal_pointer (&results);
}
