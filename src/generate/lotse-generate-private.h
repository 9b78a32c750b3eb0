/* lotse-generate-private.h: what the generator's files share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "lotse-generate.h"

G_BEGIN_DECLS

#define PROJECTS_PER_PROGRAMME 20

/* The kinds of generated rows; each has its own stream of ids and values. */
typedef enum
{
  KIND_VOCABULARY = 1,
  KIND_PROGRAMME,
  KIND_ORGANISATION,
  KIND_PERSON,
  KIND_PROJECT,
  KIND_PROJECT_DATES,
  KIND_PROJECT_PARTNER,
  KIND_STATUS_REPORT,
  KIND_MILESTONE,
  KIND_SERIES,
  KIND_MEETING,
  KIND_PARTICIPANT,
  KIND_AGENDA_ITEM,
  KIND_DECISION,
  KIND_ACTION_ITEM,
  KIND_TAG,
  KIND_ARTICLE,
  KIND_ARTICLE_TAG,
  KIND_BUDGET_LINE,
  KIND_EXPENDITURE,
} Kind;

typedef struct
{
  guint64 state;
} Rng;

typedef struct
{
  GStringChunk *chunk;
  const char  **words;       /* as written inside a sentence (nouns capitalised) */
  const char  **capitalised; /* as written at the start of a sentence */
  double       *cumulative;  /* cumulative Zipf weights, by rank */
  guint         n_words;
} Vocabulary;

typedef struct
{
  LotseStore           *store;
  GCancellable         *cancellable;
  LotseGenerateProgress progress;
  gpointer              user_data;
  guint64               seed;

  guint n_programmes;
  guint n_organisations;
  guint n_people;
  guint n_projects;
  guint n_milestones;
  guint n_series;
  guint n_meetings;
  guint n_articles;
  guint n_expenditures;

  gint32     *project_start; /* day numbers, by project index */
  gint32     *project_end;
  Vocabulary *vocabulary;

  const char *stage;
  guint64     stage_done;
  guint64     stage_total;
  guint       rows_in_transaction;
  gboolean    in_transaction;
} Generator;

/* --- random numbers ------------------------------------------------------ */

/* Inline: every value of every row is drawn through these, in all files. */

static inline guint64
splitmix64 (guint64 *state)
{
  guint64 z = (*state += G_GUINT64_CONSTANT (0x9E3779B97F4A7C15));

  z = (z ^ (z >> 30)) * G_GUINT64_CONSTANT (0xBF58476D1CE4E5B9);
  z = (z ^ (z >> 27)) * G_GUINT64_CONSTANT (0x94D049BB133111EB);

  return z ^ (z >> 31);
}

static inline guint64
rng_next (Rng *rng)
{
  return splitmix64 (&rng->state);
}

/* A number in 0..n-1 (0 when n is 0). */
static inline guint
rng_below (Rng   *rng,
           guint  n)
{
  return n == 0 ? 0 : (guint)(rng_next (rng) % n);
}

static inline int
rng_between (Rng *rng,
             int  low,
             int  high)
{
  g_assert (low <= high);

  return low + (int)rng_below (rng, (guint)(high - low + 1));
}

static inline double
rng_double (Rng *rng)
{
  return (double)(rng_next (rng) >> 11) * (1.0 / 9007199254740992.0);
}

static inline gboolean
rng_percent (Rng   *rng,
             guint  percent)
{
  return rng_below (rng, 100) < percent;
}

static inline const char *
rng_pick (Rng               *rng,
          const char *const *items,
          guint              n_items)
{
  return items[rng_below (rng, n_items)];
}

#define RNG_PICK(rng, array) rng_pick ((rng), (array), G_N_ELEMENTS (array))

static inline guint64
stream_base (const Generator *gen,
             Kind             kind)
{
  guint64 state = gen->seed ^ ((guint64)kind * G_GUINT64_CONSTANT (0xD1B54A32D192ED03));

  return splitmix64 (&state);
}

/* The generator of one row: independent of every other row. */
static inline Rng
row_rng (const Generator *gen,
         Kind             kind,
         guint64          index)
{
  Rng rng = { stream_base (gen, kind) ^ (index * G_GUINT64_CONSTANT (0x9E3779B97F4A7C15)) };

  rng_next (&rng);

  return rng;
}

/* --- lotse-generate.c: dates, rows ---------------------------------------- */

gint32       lotse_generate_days_from_civil       (int              year,
                                                   int              month,
                                                   int              day);
void         lotse_generate_civil_from_days       (gint32           days,
                                                   int             *year,
                                                   int             *month,
                                                   int             *day);
int          lotse_generate_weekday               (gint32           days);
void         lotse_generate_format_local_datetime (gint32           days,
                                                   int              hour,
                                                   int              minute,
                                                   char             out[26]);
gint32       lotse_generate_reference_day         (void);
LotseRecord *lotse_generate_new_row               (const char      *table,
                                                   const Generator *gen,
                                                   Kind             kind,
                                                   guint64          index);
gboolean     lotse_generate_write_row             (Generator       *gen,
                                                   LotseRecord     *record,
                                                   GError         **error);
void         lotse_generate_set_ref               (LotseRecord     *record,
                                                   const char      *field,
                                                   const Generator *gen,
                                                   Kind             kind,
                                                   guint64          index);
void         lotse_generate_set_date              (LotseRecord     *record,
                                                   const char      *field,
                                                   gint32           days);

/* --- lotse-generate-text.c: words, sentences, names ----------------------- */

void         lotse_generate_append_capitalised    (GString          *out,
                                                   const char       *word);
Vocabulary  *lotse_generate_vocabulary_new        (const Generator  *gen);
void         lotse_generate_vocabulary_free       (Vocabulary       *vocabulary);
char        *lotse_generate_make_sentence         (const Vocabulary *vocabulary,
                                                   Rng              *rng,
                                                   guint             min_words,
                                                   guint             max_words);
char        *lotse_generate_make_phrase           (const Vocabulary *vocabulary,
                                                   Rng              *rng,
                                                   guint             min_words,
                                                   guint             max_words);
char        *lotse_generate_make_body             (const Vocabulary *vocabulary,
                                                   Rng              *rng,
                                                   guint             n_words,
                                                   gboolean          question_catalogue);
char        *lotse_generate_make_place            (const Generator  *gen,
                                                   Rng              *rng);
char        *lotse_generate_make_noun             (const Generator  *gen,
                                                   Rng              *rng);
void         lotse_generate_append_mail_part      (GString          *out,
                                                   const char       *text);

/* --- the tables, a stage each ----------------------------------------------- */

gboolean     lotse_generate_programmes            (Generator  *gen,
                                                   GError    **error);
gboolean     lotse_generate_organisations         (Generator  *gen,
                                                   GError    **error);
gboolean     lotse_generate_people                (Generator  *gen,
                                                   GError    **error);
gboolean     lotse_generate_projects              (Generator  *gen,
                                                   GError    **error);
gboolean     lotse_generate_milestones            (Generator  *gen,
                                                   GError    **error);
gboolean     lotse_generate_meetings              (Generator  *gen,
                                                   GError    **error);
gboolean     lotse_generate_articles              (Generator  *gen,
                                                   GError    **error);
gboolean     lotse_generate_budget_lines          (Generator  *gen,
                                                   GError    **error);
gboolean     lotse_generate_expenditures          (Generator  *gen,
                                                   GError    **error);

G_END_DECLS
