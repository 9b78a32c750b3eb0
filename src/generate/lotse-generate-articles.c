/* lotse-generate-articles.c: tags and articles
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lotse-generate"

#include "config.h"

#include <string.h>

#include "lotse-generate-private.h"

#define N_TAGS             60
#define ARTICLE_WORDS_MIN  480
#define ARTICLE_WORDS_SPAN 241 /* 480..720, mean 600 */

static const char *const article_categories[] = {
  "best_practice", "best_practice",      "best_practice", "lesson_learned", "lesson_learned",
  "guideline",     "question_catalogue", "note",          "note",           "note",
};

static gboolean
generate_tags (Generator  *gen,
               GError    **error)
{
  for (guint i = 0; i < N_TAGS; i++)
    {
      g_autoptr(LotseRecord) record = lotse_generate_new_row ("tag", gen, KIND_TAG, i);
      g_autoptr(GString) name = g_string_new (NULL);

      /* Distinct vocabulary words give distinct tag names. */
      lotse_generate_append_capitalised (name, gen->vocabulary->words[300 + i * 7]);
      lotse_record_set (record, "name", name->str);

      if (!lotse_generate_write_row (gen, record, error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
generate_article_rows (Generator  *gen,
                       guint       index,
                       GError    **error)
{
  g_autoptr(LotseRecord) record = lotse_generate_new_row ("article", gen, KIND_ARTICLE, index);
  Rng              rng = row_rng (gen, KIND_ARTICLE, index);
  const char      *category = RNG_PICK (&rng, article_categories);
  gboolean         catalogue = strcmp (category, "question_catalogue") == 0;
  g_autofree char *title = lotse_generate_make_phrase (gen->vocabulary, &rng, 3, 7);
  g_autofree char *summary = lotse_generate_make_sentence (gen->vocabulary, &rng, 12, 22);
  guint            n_words = ARTICLE_WORDS_MIN + rng_below (&rng, ARTICLE_WORDS_SPAN);
  guint            n_tags = 1 + rng_below (&rng, 3);
  guint            first_tag = rng_below (&rng, N_TAGS);

  lotse_record_set (record, "title", title);
  lotse_record_set (record, "summary", summary);
  lotse_record_take_nth (record,
                         (guint)lotse_table_field_index (lotse_record_get_table (record), "body"),
                         lotse_generate_make_body (gen->vocabulary, &rng, n_words, catalogue));
  lotse_record_set (record, "category", category);
  if (gen->n_projects > 0 && rng_percent (&rng, 70))
    lotse_generate_set_ref (record, "project_id", gen, KIND_PROJECT, rng_below (&rng, gen->n_projects));
  lotse_generate_set_ref (record, "author_person_id", gen, KIND_PERSON, rng_below (&rng, gen->n_people));

  if (!lotse_generate_write_row (gen, record, error))
    return FALSE;

  for (guint t = 0; t < n_tags; t++)
    {
      g_autoptr(LotseRecord)
                   link = lotse_generate_new_row ("article_tag", gen, KIND_ARTICLE_TAG, (guint64)index * 3 + t);

      lotse_generate_set_ref (link, "article_id", gen, KIND_ARTICLE, index);
      lotse_generate_set_ref (link, "tag_id", gen, KIND_TAG, (first_tag + t * 7) % N_TAGS);

      if (!lotse_generate_write_row (gen, link, error))
        return FALSE;
    }

  return TRUE;
}

gboolean
lotse_generate_articles (Generator  *gen,
                         GError    **error)
{
  if (gen->n_articles > 0 && !generate_tags (gen, error))
    return FALSE;

  for (guint i = 0; i < gen->n_articles; i++)
    {
      if (!generate_article_rows (gen, i, error))
        return FALSE;
      gen->stage_done++;
    }

  return TRUE;
}
