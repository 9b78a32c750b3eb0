/* bench-search.c: full-text and global search on the generated database
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 *   bench-search DB [CLASS]
 *
 * The queries come from the database's own article vocabulary (fts5vocab):
 * what a person has typed after one, two and three letters of a word (the
 * letters a–z, and the first two and three letters of 400 words), 1,000
 * queries of one or two whole words without the 200 most frequent words,
 * 200 queries made only of those 200, and every keystroke of 100 words
 * typed letter by letter. Each class runs through the knowledge search and
 * the global search (Ctrl+K), asking for as many results as they show
 * (200 articles; 5 of each kind), so what is timed is ranking and
 * snippets of what the user is shown. The last word of a query is matched
 * as a prefix, as while typing. Prints median and p95 per query class and
 * the load average; besides the wall time the CPU time, which the load
 * does not stretch. CLASS runs only the classes whose name contains it
 * (e.g. "letters").
 *
 * The knowledge search is timed as the view runs it: 200 articles ranked,
 * snippets for the first screenful only (the view makes the others when
 * their rows are shown), the category of each. The line "scroll" times
 * the snippets of the next screenful for the top-200 words, what a row
 * scrolled into view waits for.
 */

#include "config.h"

#include <sqlite3.h>
#include <string.h>
#include <time.h>

#include "lotse-core.h"
#include "lotse-store-private.h"

#include "bench-load.h"

#define N_FREQUENT        200
#define N_RARE_QUERIES    1000
#define N_FREQUENT_QUERIES 200
#define N_PREFIX_QUERIES  400
#define N_TYPED_WORDS     100
/* What the knowledge view and the Ctrl+K popover ask for
 * (lotse-knowledge-view-search.c, lotse-global-search.c). */
#define ARTICLE_LIMIT     200
#define ARTICLE_SNIPPETS  30
#define GLOBAL_LIMIT      5
/* The targets of issue #22 per keystroke. */
#define TARGET_MEDIAN_MS  20
#define TARGET_P95_MS     100
#define SEED              20240611

typedef enum
{
  MODE_ARTICLES,
  MODE_GLOBAL,
  MODE_SCROLL,
} Mode;

static const char * const mode_names[] = { "articles", "global", "scroll" };

static GPtrArray *
load_vocabulary (LotseStore *store)
{
  GPtrArray *terms = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt = NULL;

  /* Terms of one letter or digits only are not words anyone searches for. */
  if (sqlite3_prepare_v2 (lotse_store_get_db (store),
                          "SELECT term FROM article_vocab WHERE length(term) > 2"
                          " AND term GLOB '*[a-z]*' ORDER BY doc DESC, term",
                          -1, &stmt, NULL) != SQLITE_OK)
    g_error ("Could not read the vocabulary: %s", sqlite3_errmsg (lotse_store_get_db (store)));

  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (terms, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  sqlite3_finalize (stmt);

  return terms;
}

static char **
make_queries (GRand     *rand,
              GPtrArray *terms,
              guint      first,
              guint      end,
              guint      n_queries)
{
  char **queries = g_new0 (char *, n_queries + 1);

  for (guint i = 0; i < n_queries; i++)
    {
      const char *a = g_ptr_array_index (terms, g_rand_int_range (rand, first, end));
      const char *b = g_ptr_array_index (terms, g_rand_int_range (rand, first, end));

      queries[i] = g_rand_boolean (rand) ? g_strdup (a) : g_strdup_printf ("%s %s", a, b);
    }

  return queries;
}

/* The first @length letters of words picked at random from @terms. */
static char **
make_prefixes (GRand     *rand,
               GPtrArray *terms,
               guint      length,
               guint      n_queries)
{
  g_autoptr(GPtrArray) queries = g_ptr_array_new ();

  while (queries->len < n_queries)
    {
      const char *term = g_ptr_array_index (terms, g_rand_int_range (rand, 0, terms->len));

      if (g_utf8_strlen (term, -1) > length)
        g_ptr_array_add (queries, g_utf8_substring (term, 0, length));
    }
  g_ptr_array_add (queries, NULL);

  return (char **) g_ptr_array_free (g_steal_pointer (&queries), FALSE);
}

static char **
make_letters (void)
{
  char **queries = g_new0 (char *, 27);

  for (guint i = 0; i < 26; i++)
    queries[i] = g_strdup_printf ("%c", 'a' + i);

  return queries;
}

/* Every keystroke of words typed letter by letter: “p”, “pr”, “pro” … */
static char **
make_keystrokes (GRand     *rand,
                 GPtrArray *terms,
                 guint      n_words)
{
  g_autoptr(GPtrArray) queries = g_ptr_array_new ();

  for (guint i = 0; i < n_words; i++)
    {
      const char *term = g_ptr_array_index (terms, g_rand_int_range (rand, 0, terms->len));
      glong length = g_utf8_strlen (term, -1);

      for (glong n = 1; n <= length; n++)
        g_ptr_array_add (queries, g_utf8_substring (term, 0, n));
    }
  g_ptr_array_add (queries, NULL);

  return (char **) g_ptr_array_free (g_steal_pointer (&queries), FALSE);
}

/* CPU time of this thread in ms: on a shared machine the wall time grows
 * with the load, the CPU time tells what a search costs. */
static double
thread_cpu_ms (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec * 1000.0 + ts.tv_nsec / 1e6;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a;
  double y = *(const double *) b;

  return (x > y) - (x < y);
}

/* The snippets of the next screenful of the knowledge search's results,
 * as the view asks for them when those rows are shown. */
static GPtrArray *
scroll_snippets (LotseStore  *store,
                 const char  *query,
                 GPtrArray   *results,
                 GError     **error)
{
  g_autoptr(GPtrArray) ids = g_ptr_array_new ();
  g_auto(GStrv) snippets = NULL;

  for (guint i = ARTICLE_SNIPPETS; i < MIN (results->len, 2 * ARTICLE_SNIPPETS); i++)
    g_ptr_array_add (ids, ((LotseSearchResult *) g_ptr_array_index (results, i))->id);
  g_ptr_array_add (ids, NULL);

  snippets = lotse_search_article_snippets (store, query, (const char * const *) ids->pdata, error);
  if (snippets == NULL)
    return NULL;

  return g_ptr_array_ref (results);
}

/* One search, timed: the wall and CPU time in ms into @time and @cpu.
 * MODE_SCROLL times the snippets of the rows after the first screenful,
 * after an untimed search. */
static GPtrArray *
search_once (LotseStore  *store,
             const char  *query,
             Mode         mode,
             double      *time,
             double      *cpu,
             GError     **error)
{
  g_autoptr(GPtrArray) searched = NULL;
  GPtrArray *results;
  gint64 start;
  double cpu_start;

  if (mode == MODE_SCROLL)
    {
      searched = lotse_search_articles_ranked (store, query, NULL, NULL, ARTICLE_LIMIT,
                                               ARTICLE_SNIPPETS, error);
      if (searched == NULL)
        return NULL;
    }

  start = g_get_monotonic_time ();
  cpu_start = thread_cpu_ms ();
  if (mode == MODE_ARTICLES)
    results = lotse_search_articles_ranked (store, query, NULL, NULL, ARTICLE_LIMIT,
                                            ARTICLE_SNIPPETS, error);
  else if (mode == MODE_GLOBAL)
    results = lotse_search_global (store, query, GLOBAL_LIMIT, error);
  else
    results = scroll_snippets (store, query, searched, error);
  *time = (g_get_monotonic_time () - start) / 1000.0;
  *cpu = thread_cpu_ms () - cpu_start;

  return results;
}

static void
run_class (LotseStore  *store,
           const char  *name,
           char       **queries,
           Mode         mode)
{
  guint n = g_strv_length (queries);
  g_autofree double *times = g_new (double, n);
  g_autofree double *cpu = g_new (double, n);
  guint64 n_results = 0;
  guint n_empty = 0;
  double median;
  double p95;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) results = search_once (store, queries[i], mode, &times[i], &cpu[i],
                                                  &error);

      if (results == NULL)
        g_error ("“%s”: %s", queries[i], error->message);

      n_results += results->len;
      n_empty += results->len == 0;
    }

  qsort (times, n, sizeof (double), compare_doubles);
  qsort (cpu, n, sizeof (double), compare_doubles);
  median = times[n / 2];
  p95 = times[MIN (n - 1, (guint) (n * 0.95))];

  g_print ("%-8s %-30s %5u %8.2f %8.2f %8.2f  %8.2f %8.2f  %7.1f %5u  %s\n",
           mode_names[mode], name, n, median, p95, times[n - 1],
           cpu[n / 2], cpu[MIN (n - 1, (guint) (n * 0.95))], (double) n_results / n, n_empty,
           median <= TARGET_MEDIAN_MS && p95 <= TARGET_P95_MS ? "ok" : "MISSED");
}

typedef struct
{
  const char  *name;
  char       **queries;
} QueryClass;

int
main (int   argc,
      char *argv[])
{
  g_autoptr(LotseStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) terms = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (SEED);
  g_auto(GStrv) warm_up = NULL;
  QueryClass classes[6];

  if (argc != 2 && argc != 3)
    {
      g_printerr ("Usage: %s DB [CLASS]\n", argv[0]);
      return 2;
    }

  store = lotse_store_open (argv[1], &error);
  if (store == NULL)
    g_error ("%s", error->message);

  terms = load_vocabulary (store);
  if (terms->len <= N_FREQUENT * 2)
    g_error ("The database has too few articles for this benchmark");

  classes[0] = (QueryClass) { "1 letter (a-z)", make_letters () };
  classes[1] = (QueryClass) { "2 letters of a word", make_prefixes (rand, terms, 2, N_PREFIX_QUERIES) };
  classes[2] = (QueryClass) { "3 letters of a word", make_prefixes (rand, terms, 3, N_PREFIX_QUERIES) };
  classes[3] = (QueryClass) { "1-2 words w/o top 200",
                              make_queries (rand, terms, N_FREQUENT, terms->len, N_RARE_QUERIES) };
  classes[4] = (QueryClass) { "top-200 words only",
                              make_queries (rand, terms, 0, N_FREQUENT, N_FREQUENT_QUERIES) };
  classes[5] = (QueryClass) { "every keystroke of 100 words",
                              make_keystrokes (rand, terms, N_TYPED_WORDS) };
  warm_up = make_queries (rand, terms, 0, terms->len, 50);

  g_print ("vocabulary: %u terms; top %u: %s ... %s\n", terms->len, N_FREQUENT,
           (char *) g_ptr_array_index (terms, 0),
           (char *) g_ptr_array_index (terms, N_FREQUENT - 1));
  bench_print_load ("before");

  /* The first queries read the index into the page cache. */
  for (guint i = 0; warm_up[i] != NULL; i++)
    {
      g_autoptr(GPtrArray) results = lotse_search_articles_ranked (store, warm_up[i], NULL, NULL,
                                                                   ARTICLE_LIMIT, ARTICLE_SNIPPETS,
                                                                   NULL);
      g_autoptr(GPtrArray) global = lotse_search_global (store, warm_up[i], GLOBAL_LIMIT, NULL);
    }

  g_print ("targets per keystroke: median <= %d ms, p95 <= %d ms\n", TARGET_MEDIAN_MS, TARGET_P95_MS);
  g_print ("%-8s %-30s %5s %8s %8s %8s  %8s %8s  %7s %5s\n", "search", "query class (ms)", "n",
           "median", "p95", "max", "cpu med", "cpu p95", "results", "empty");
  for (Mode mode = MODE_ARTICLES; mode <= MODE_GLOBAL; mode++)
    for (guint i = 0; i < G_N_ELEMENTS (classes); i++)
      if (argc < 3 || strstr (classes[i].name, argv[2]) != NULL)
        run_class (store, classes[i].name, classes[i].queries, mode);
  /* What a row scrolled into view waits for, after the frequent words */
  if (argc < 3 || strstr (classes[4].name, argv[2]) != NULL)
    run_class (store, classes[4].name, classes[4].queries, MODE_SCROLL);
  bench_print_load ("after");

  for (guint i = 0; i < G_N_ELEMENTS (classes); i++)
    g_strfreev (classes[i].queries);

  return 0;
}
