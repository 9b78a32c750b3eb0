/* test-generate.c: deterministic synthetic data
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "lotse-store-private.h"
#include "lotse-test-helpers.h"

#define N_PROJECTS   50
#define N_MILESTONES 300
#define N_MEETINGS   10
#define N_ARTICLES   200
#define N_EXPENDITURES 500

static const LotseGenerateOptions small_options = {
  .projects = N_PROJECTS,
  .milestones = N_MILESTONES,
  .meetings = N_MEETINGS,
  .articles = N_ARTICLES,
  .seed = 42,
  .expenditures = N_EXPENDITURES,
};

typedef struct
{
  char       *dir;
  LotseStore *store;
} Generated;

static Generated *
generate (const LotseGenerateOptions *options)
{
  g_autoptr(GError) error = NULL;
  Generated *generated = g_new0 (Generated, 1);

  generated->store = lotse_test_open_store (&generated->dir);
  g_assert_true (lotse_generate (generated->store, options, NULL, NULL, NULL, &error));
  g_assert_no_error (error);

  return generated;
}

static void
generated_free (Generated *generated)
{
  g_clear_object (&generated->store);
  lotse_test_remove_tree (generated->dir);
  g_free (generated->dir);
  g_free (generated);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Generated, generated_free)

static GPtrArray *
list_all (LotseStore *store,
          const char *table)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *rows = lotse_store_list (store, table, NULL, 0, NULL, 0, 0, &error);

  g_assert_no_error (error);
  g_assert_nonnull (rows);

  return rows;
}

static gint64
count_all (LotseStore *store,
           const char *table)
{
  g_autoptr(GError) error = NULL;
  gint64 count = lotse_store_count (store, table, NULL, 0, &error);

  g_assert_no_error (error);

  return count;
}

static int
compare_by_id (gconstpointer a,
               gconstpointer b)
{
  return strcmp (lotse_record_get_id (*(LotseRecord **)a),
                 lotse_record_get_id (*(LotseRecord **)b));
}

/* The ids of a table in order, and a SHA-256 over every value of every
 * row (id, timestamps and fields, NULL distinct from ""). */
static void
digest_table (LotseStore  *store,
              const char  *table,
              char       **out_ids,
              char       **out_digest)
{
  g_autoptr(GPtrArray) rows = list_all (store, table);
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  g_autoptr(GString) ids = g_string_new (NULL);

  g_ptr_array_sort (rows, compare_by_id);

  for (guint i = 0; i < rows->len; i++)
    {
      LotseRecord      *record = g_ptr_array_index (rows, i);
      const LotseTable *schema = lotse_record_get_table (record);
      const char       *meta[] = {
              lotse_record_get_id (record),
              lotse_record_get_created_at (record),
              lotse_record_get_updated_at (record),
      };

      g_string_append_printf (ids, "%s\n", meta[0]);

      for (guint m = 0; m < G_N_ELEMENTS (meta); m++)
        g_checksum_update (checksum, (const guchar *)meta[m], -1);

      for (guint f = 0; f < schema->n_fields; f++)
        {
          const char *value = lotse_record_get_nth (record, f);

          if (value == NULL)
            g_checksum_update (checksum, (const guchar *)"\1", 1);
          else
            g_checksum_update (checksum, (const guchar *)value, strlen (value) + 1);
        }
    }

  *out_ids = g_string_free (g_steal_pointer (&ids), FALSE);
  *out_digest = g_strdup (g_checksum_get_string (checksum));
}

static void
test_generate_deterministic (void)
{
  g_autoptr(Generated) first = generate (&small_options);
  g_autoptr(Generated) second = generate (&small_options);
  const LotseTable *const *tables;
  guint                    n_tables;

  tables = lotse_schema_get_tables (&n_tables);
  for (guint i = 0; i < n_tables; i++)
    {
      g_autofree char *ids1 = NULL, *ids2 = NULL, *digest1 = NULL, *digest2 = NULL;

      g_test_message ("%s", tables[i]->name);
      digest_table (first->store, tables[i]->name, &ids1, &digest1);
      digest_table (second->store, tables[i]->name, &ids2, &digest2);
      g_assert_cmpstr (ids1, ==, ids2);
      g_assert_cmpstr (digest1, ==, digest2);
    }
}

static void
test_generate_seed_matters (void)
{
  LotseGenerateOptions other_options = small_options;
  g_autoptr(Generated) first = NULL;
  g_autoptr(Generated) second = NULL;
  static const char *const tables[] = { "project", "milestone", "meeting", "article" };

  other_options.seed = 43;
  first = generate (&small_options);
  second = generate (&other_options);

  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    {
      g_autofree char *ids1 = NULL, *ids2 = NULL, *digest1 = NULL, *digest2 = NULL;

      digest_table (first->store, tables[i], &ids1, &digest1);
      digest_table (second->store, tables[i], &ids2, &digest2);
      g_assert_cmpstr (ids1, !=, ids2);
      g_assert_cmpstr (digest1, !=, digest2);
    }
}

static void
test_generate_counts (void)
{
  g_autoptr(Generated) generated = generate (&small_options);
  LotseStore *store = generated->store;

  g_assert_cmpint (count_all (store, "project"), ==, N_PROJECTS);
  g_assert_cmpint (count_all (store, "milestone"), ==, N_MILESTONES);
  g_assert_cmpint (count_all (store, "meeting"), ==, N_MEETINGS);
  g_assert_cmpint (count_all (store, "article"), ==, N_ARTICLES);
  g_assert_cmpint (count_all (store, "expenditure"), ==, N_EXPENDITURES);
  /* A plan per seeded category and year of each project (a year at least). */
  g_assert_cmpint (count_all (store, "budget_line"), >=, 6 * N_PROJECTS);

  /* Derived counts: one programme per 20 projects, ten agenda items and
   * ten action items per meeting. */
  g_assert_cmpint (count_all (store, "programme"), ==, (N_PROJECTS + 19) / 20);
  g_assert_cmpint (count_all (store, "agenda_item"), ==, 10 * N_MEETINGS);
  g_assert_cmpint (count_all (store, "action_item"), ==, 10 * N_MEETINGS);
  g_assert_cmpint (count_all (store, "organisation"), >=, N_PROJECTS / 2);
  g_assert_cmpint (count_all (store, "person"), >=, N_PROJECTS);
  g_assert_cmpint (count_all (store, "meeting_series"), >=, 1);
  g_assert_cmpint (count_all (store, "meeting_participant"), >=, N_MEETINGS);
  g_assert_cmpint (count_all (store, "article_tag"), >=, N_ARTICLES);

  /* Bulk rows are not sync changes of this device. */
  g_assert_cmpint (lotse_store_count_outbox (store), ==, 0);
}

static void
test_generate_rows_valid (void)
{
  g_autoptr(Generated) generated = generate (&small_options);
  const LotseTable *const *tables;
  guint                    n_tables;

  /* Written as trusted, so the references were not checked on insert:
   * check them, and everything else, here. */
  tables = lotse_schema_get_tables (&n_tables);
  for (guint i = 0; i < n_tables; i++)
    {
      g_autoptr(GPtrArray) rows = list_all (generated->store, tables[i]->name);

      for (guint j = 0; j < rows->len; j++)
        {
          LotseRecord *record = g_ptr_array_index (rows, j);
          g_autoptr(GError) error = NULL;

          if (!lotse_store_validate (generated->store, record, &error))
            g_error ("%s %s: %s", tables[i]->name, lotse_record_get_id (record), error->message);
        }
    }
}

static void
test_generate_twice (void)
{
  g_autoptr(Generated) generated = generate (&small_options);
  LotseGenerateOptions other_options = small_options;
  g_autoptr(GError) error = NULL;

  /* The same seed again would repeat the ids: refused, nothing added. */
  g_assert_false (lotse_generate (generated->store, &small_options, NULL, NULL, NULL, &error));
  g_assert_error (error, LOTSE_ERROR, LOTSE_ERROR_INVALID_VALUE);
  g_assert_cmpint (count_all (generated->store, "project"), ==, N_PROJECTS);
  g_assert_cmpint (count_all (generated->store, "article"), ==, N_ARTICLES);
  g_clear_error (&error);

  /* Another seed adds to what is there. */
  other_options.seed = 7;
  g_assert_true (lotse_generate (generated->store, &other_options, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count_all (generated->store, "project"), ==, 2 * N_PROJECTS);
  g_assert_cmpint (count_all (generated->store, "milestone"), ==, 2 * N_MILESTONES);
}

typedef struct
{
  char *word;
  guint count;
} WordCount;

static int
compare_by_count (gconstpointer a,
                  gconstpointer b)
{
  const WordCount *x = a, *y = b;

  if (x->count != y->count)
    return x->count > y->count ? -1 : 1;

  return strcmp (x->word, y->word);
}

/* Counts the words of @text (runs of letters, case folded) into @counts. */
static guint
count_words (const char *text,
             GHashTable *counts)
{
  g_autoptr(GString) word = g_string_new (NULL);
  guint n_words = 0;

  for (const char *p = text;; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c != 0 && g_unichar_isalpha (c))
        {
          g_string_append_unichar (word, g_unichar_tolower (c));
          continue;
        }

      if (word->len > 0)
        {
          gpointer old = g_hash_table_lookup (counts, word->str);

          g_hash_table_replace (counts, g_strdup (word->str),
                                GUINT_TO_POINTER (GPOINTER_TO_UINT (old) + 1));
          g_string_truncate (word, 0);
          n_words++;
        }

      if (c == 0)
        break;
    }

  return n_words;
}

static void
test_generate_article_text (void)
{
  g_autoptr(Generated) generated = generate (&small_options);
  g_autoptr(GPtrArray) articles = list_all (generated->store, "article");
  g_autoptr(GHashTable) counts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GArray) ranked = g_array_new (FALSE, FALSE, sizeof (WordCount));
  GHashTableIter iter;
  gpointer       key, value;
  guint64        n_words = 0;
  guint64        top_200 = 0;
  double         average;
  double         coverage;
  guint          n_headings = 0;

  for (guint i = 0; i < articles->len; i++)
    {
      const char *body = lotse_record_get (g_ptr_array_index (articles, i), "body");

      n_words += count_words (body, counts);
      n_headings += g_str_has_prefix (body, "## ") || strstr (body, "\n## ") != NULL;
    }

  /* About 600 words per article, Markdown with headings. */
  average = (double)n_words / articles->len;
  g_test_message ("average words per article: %.1f", average);
  g_assert_cmpfloat (average, >=, 600 * 0.85);
  g_assert_cmpfloat (average, <=, 600 * 1.15);
  g_assert_cmpuint (n_headings, >=, articles->len * 9 / 10);

  g_hash_table_iter_init (&iter, counts);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      WordCount entry = { key, GPOINTER_TO_UINT (value) };

      g_array_append_val (ranked, entry);
    }
  g_array_sort (ranked, compare_by_count);
  g_assert_cmpuint (ranked->len, >, 1000);

  /* A Zipf law with exponent 1: the first word is about 20 times as
   * frequent as the 20th, and the top 200 of a 50,000-word vocabulary
   * cover about half of the text. */
  for (guint i = 0; i < 200; i++)
    top_200 += g_array_index (ranked, WordCount, i).count;
  coverage = (double)top_200 / n_words;

  g_test_message ("most frequent: “%s” %u times, 20th: “%s” %u times, top 200: %.1f %%",
                  g_array_index (ranked, WordCount, 0).word,
                  g_array_index (ranked, WordCount, 0).count,
                  g_array_index (ranked, WordCount, 19).word,
                  g_array_index (ranked, WordCount, 19).count, coverage * 100);
  g_assert_cmpuint (g_array_index (ranked, WordCount, 0).count, >=,
                    5 * g_array_index (ranked, WordCount, 19).count);
  g_assert_cmpfloat (coverage, >=, 0.35);
  g_assert_cmpfloat (coverage, <=, 0.65);
}

typedef struct
{
  GPtrArray    *stages;
  GCancellable *cancellable;
  const char   *cancel_at;
  gboolean      monotonic;
  guint64       last_done;
} ProgressLog;

static void
on_progress (const char *stage,
             guint64     done,
             guint64     total,
             gpointer    user_data)
{
  ProgressLog *log = user_data;
  const char  *last = log->stages->len > 0 ? g_ptr_array_index (log->stages, log->stages->len - 1)
                                           : NULL;

  g_assert_cmpuint (done, <=, total);

  if (g_strcmp0 (last, stage) != 0)
    {
      g_ptr_array_add (log->stages, g_strdup (stage));
      log->last_done = 0;
    }
  log->monotonic &= done >= log->last_done;
  log->last_done = done;

  if (log->cancel_at != NULL && g_str_equal (stage, log->cancel_at) && done > 0)
    g_cancellable_cancel (log->cancellable);
}

static void
test_generate_progress (void)
{
  static const char *const expected[] = {
    "programmes", "organisations", "people", "projects", "milestones", "budget plans", "expenditures",
    "meetings", "articles", NULL,
  };
  g_autofree char *dir = NULL;
  g_autoptr(LotseStore) store = lotse_test_open_store (&dir);
  g_autoptr(GPtrArray) stages = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  ProgressLog log = { stages, NULL, NULL, TRUE, 0 };

  g_assert_true (lotse_generate (store, &small_options, on_progress, &log, NULL, &error));
  g_assert_no_error (error);

  g_ptr_array_add (stages, NULL);
  g_assert_cmpstrv ((const char *const *)stages->pdata, expected);
  g_assert_true (log.monotonic);

  g_clear_object (&store);
  lotse_test_remove_tree (dir);
}

static int
query_synchronous (LotseStore *store)
{
  sqlite3_stmt *stmt = NULL;
  int level;

  g_assert_cmpint (sqlite3_prepare_v2 (lotse_store_get_db (store), "PRAGMA synchronous", -1, &stmt, NULL),
                   ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  level = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);

  return level;
}

typedef struct
{
  LotseStore *store;
  guint       calls;
  int         weakest;
} SyncLevel;

static void
note_sync_level (const char *stage,
                 guint64     done,
                 guint64     total,
                 gpointer    data)
{
  SyncLevel *level = data;

  level->weakest = MIN (level->weakest, query_synchronous (level->store));
  level->calls++;
}

/* Generating writes in bulk, but never with synchronous=OFF, which a
 * power cut can punish with a damaged file (issue #13.3, the same bulk
 * mode as the first pull's). */
static void
test_generate_durable (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(LotseStore) store = lotse_test_open_store (&dir);
  g_autoptr(GError) error = NULL;
  SyncLevel level = { store, 0, G_MAXINT };

  g_assert_true (lotse_generate (store, &small_options, note_sync_level, &level, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (level.calls, >, 7);
  g_assert_cmpint (level.weakest, >=, 1);
  g_assert_cmpint (query_synchronous (store), ==, 1);

  g_clear_object (&store);
  lotse_test_remove_tree (dir);
}

static void
test_generate_cancel (void)
{
  LotseGenerateOptions options = small_options;
  g_autofree char     *dir = NULL;
  g_autoptr(LotseStore) store = lotse_test_open_store (&dir);
  g_autoptr(GPtrArray) stages = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  ProgressLog log = { stages, cancellable, "milestones", TRUE, 0 };

  /* Enough milestones for several chunks; cancel after the first. */
  options.milestones = 12000;
  g_assert_false (lotse_generate (store, &options, on_progress, &log, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);

  /* Stages before the cancellation are complete; the rest never began. */
  g_assert_cmpint (count_all (store, "project"), ==, N_PROJECTS);
  g_assert_cmpint (count_all (store, "milestone"), <, options.milestones);
  g_assert_cmpint (count_all (store, "meeting"), ==, 0);
  g_assert_cmpint (count_all (store, "article"), ==, 0);

  /* No transaction was left open. */
  g_clear_error (&error);
  g_assert_true (lotse_store_begin (store, &error));
  g_assert_true (lotse_store_commit (store, &error));
  g_assert_no_error (error);

  g_clear_object (&store);
  lotse_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/generate/deterministic", test_generate_deterministic);
  g_test_add_func ("/generate/seed-matters", test_generate_seed_matters);
  g_test_add_func ("/generate/counts", test_generate_counts);
  g_test_add_func ("/generate/rows-valid", test_generate_rows_valid);
  g_test_add_func ("/generate/twice", test_generate_twice);
  g_test_add_func ("/generate/article-text", test_generate_article_text);
  g_test_add_func ("/generate/progress", test_generate_progress);
  g_test_add_func ("/generate/cancel", test_generate_cancel);
  g_test_add_func ("/generate/durable", test_generate_durable);

  return g_test_run ();
}
