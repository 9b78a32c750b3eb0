/* bench-search.c: full-text and global search on the generated database
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 *   bench-search DB
 *
 * The queries come from the database's own article vocabulary (fts5vocab):
 * 1,000 queries of one or two words without the 200 most frequent words,
 * 200 queries made only of those 200, and the first set again through the
 * global search. Each query is typed as a person would, so its last word
 * is matched as a prefix. Prints median and p95 per query class.
 */

#include "config.h"

#include <sqlite3.h>

#include "lotse-core.h"
#include "lotse-store-private.h"

#define N_FREQUENT        200
#define N_RARE_QUERIES    1000
#define N_FREQUENT_QUERIES 200
#define ARTICLE_LIMIT     50
#define GLOBAL_LIMIT      5
#define SEED              20240611

typedef enum
{
  MODE_ARTICLES,
  MODE_GLOBAL,
} Mode;

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

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a;
  double y = *(const double *) b;

  return (x > y) - (x < y);
}

static void
run_class (LotseStore  *store,
           const char  *name,
           char       **queries,
           Mode         mode,
           double       target_median,
           double       target_p95)
{
  guint n = g_strv_length (queries);
  g_autofree double *times = g_new (double, n);
  guint64 n_results = 0;
  guint n_empty = 0;
  double median;
  double p95;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) results = NULL;
      gint64 start = g_get_monotonic_time ();

      if (mode == MODE_ARTICLES)
        results = lotse_search_articles (store, queries[i], NULL, NULL, ARTICLE_LIMIT, &error);
      else
        results = lotse_search_global (store, queries[i], GLOBAL_LIMIT, &error);

      times[i] = (g_get_monotonic_time () - start) / 1000.0;
      if (results == NULL)
        g_error ("“%s”: %s", queries[i], error->message);

      n_results += results->len;
      n_empty += results->len == 0;
    }

  qsort (times, n, sizeof (double), compare_doubles);
  median = times[n / 2];
  p95 = times[MIN (n - 1, (guint) (n * 0.95))];

  g_print ("%-34s %6u %9.2f %9.2f %9.2f   %7.1f %6u   %s\n", name, n, median, p95, times[n - 1],
           (double) n_results / n, n_empty,
           (target_median <= 0 || median <= target_median) && (target_p95 <= 0 || p95 <= target_p95)
             ? "ok" : "MISSED");
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(LotseStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) terms = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (SEED);
  g_auto(GStrv) rare = NULL;
  g_auto(GStrv) frequent = NULL;
  g_auto(GStrv) warm_up = NULL;

  if (argc != 2)
    {
      g_printerr ("Usage: %s DB\n", argv[0]);
      return 2;
    }

  store = lotse_store_open (argv[1], &error);
  if (store == NULL)
    g_error ("%s", error->message);

  terms = load_vocabulary (store);
  if (terms->len <= N_FREQUENT * 2)
    g_error ("The database has too few articles for this benchmark");

  rare = make_queries (rand, terms, N_FREQUENT, terms->len, N_RARE_QUERIES);
  frequent = make_queries (rand, terms, 0, N_FREQUENT, N_FREQUENT_QUERIES);
  warm_up = make_queries (rand, terms, 0, terms->len, 50);

  g_print ("vocabulary: %u terms; top %u: %s ... %s\n", terms->len, N_FREQUENT,
           (char *) g_ptr_array_index (terms, 0),
           (char *) g_ptr_array_index (terms, N_FREQUENT - 1));

  /* The first queries read the index into the page cache. */
  for (guint i = 0; warm_up[i] != NULL; i++)
    {
      g_autoptr(GPtrArray) results = lotse_search_articles (store, warm_up[i], NULL, NULL,
                                                            ARTICLE_LIMIT, NULL);
      g_autoptr(GPtrArray) global = lotse_search_global (store, warm_up[i], GLOBAL_LIMIT, NULL);
    }

  g_print ("targets: articles w/o top 200 median <= 5 ms, p95 <= 15 ms; top 200 p95 <= 50 ms;\n"
           "global median <= 20 ms\n");
  g_print ("%-34s %6s %9s %9s %9s   %7s %6s\n", "query class (ms)", "n", "median", "p95", "max",
           "results", "empty");
  run_class (store, "articles, 1-2 words w/o top 200", rare, MODE_ARTICLES, 5, 15);
  run_class (store, "articles, top-200 words only", frequent, MODE_ARTICLES, 0, 50);
  run_class (store, "global, 1-2 words w/o top 200", rare, MODE_GLOBAL, 20, 0);
  run_class (store, "global, top-200 words only", frequent, MODE_GLOBAL, 20, 0);

  return 0;
}
