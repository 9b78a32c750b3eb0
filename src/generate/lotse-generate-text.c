/* lotse-generate-text.c: German-like words, sentences, article bodies, names
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Article text is German-like: a vocabulary of real function words
 * followed by words built from syllables, drawn with a Zipf law
 * (frequency ∝ 1/rank), so that word statistics and full-text search
 * behave like on real text.
 */

#define G_LOG_DOMAIN "lotse-generate"

#include "config.h"

#include <math.h>
#include <string.h>

#include "lotse-generate-private.h"

#define VOCABULARY_SIZE 50000
#define ZIPF_EXPONENT   1.0

/* --- vocabulary and text ------------------------------------------------- */

/* The most frequent words of German text, roughly in frequency order; a
 * few nouns of the domain follow. The rest of the vocabulary is made of
 * syllables. */
static const char *const common_words[] = {
  "der",        "die",        "und",         "in",        "den",         "von",
  "zu",         "das",        "mit",         "sich",      "des",         "auf",
  "für",        "ist",        "im",          "dem",       "nicht",       "ein",
  "eine",       "als",        "auch",        "es",        "an",          "werden",
  "aus",        "er",         "hat",         "dass",      "sie",         "nach",
  "wird",       "bei",        "einer",       "um",        "am",          "sind",
  "noch",       "wie",        "einem",       "über",      "einen",       "so",
  "zum",        "war",        "haben",       "nur",       "oder",        "aber",
  "vor",        "zur",        "bis",         "mehr",      "durch",       "man",
  "sowie",      "können",     "wir",         "kann",      "gegen",       "diese",
  "wenn",       "sehr",       "unter",       "alle",      "hier",        "schon",
  "damit",      "ihre",       "zwischen",    "seit",      "ohne",        "wurde",
  "wurden",     "beim",       "dieser",      "ihr",       "dann",        "soll",
  "also",       "jedoch",     "bereits",     "sollen",    "vom",         "muss",
  "immer",      "sein",       "seine",       "viele",     "neue",        "dabei",
  "dazu",       "wieder",     "etwa",        "weil",      "heute",       "ob",
  "doch",       "was",        "keine",       "zwei",      "drei",        "jetzt",
  "sondern",    "weitere",    "Projekt",     "Region",    "Unternehmen", "Digitalisierung",
  "Kommunen",   "Daten",      "Netzwerk",    "Förderung", "Partner",     "Ergebnisse",
  "Wirtschaft", "Hochschule", "Transfer",    "Praxis",    "Beispiel",    "Zukunft",
  "Lösung",     "Prozess",    "Meilenstein", "Bürger",
};

static const char *const onsets[] = {
  "b",    "bl",   "br",   "d",    "dr", "f",   "fl", "fr",  "g",  "gl", "gr", "h", "j",   "k",
  "kl",   "kn",   "kr",   "l",    "m",  "n",   "p",  "pf",  "pl", "pr", "r",  "s", "sch", "schl",
  "schm", "schn", "schr", "schw", "sp", "spr", "st", "str", "t",  "tr", "w",  "z", "zw",  "",
};

static const char *const light_onsets[] = {
  "b", "d", "f", "g", "h", "k",  "l",  "m",  "n",  "p",
  "r", "s", "t", "w", "z", "ch", "st", "br", "tr", "gr",
};

static const char *const nuclei[] = {
  "a", "e", "i", "o", "u", "ä", "ö", "ü", "ei", "au", "eu", "ie", "a", "e", "e", "i",
};

static const char *const codas[] = {
  "",   "",   "",   "n",  "r",  "l",  "s",  "t",   "ch", "cht", "ck",
  "ff", "ft", "g",  "k",  "lt", "m",  "mm", "nd",  "ng", "nk",  "nn",
  "nt", "rb", "rd", "rk", "rm", "rn", "rt", "sch", "ss", "st",  "tz",
};

static const char *const suffixes[] = {
  "en", "er", "e", "ern", "el", "end", "te", "lich", "ig", "isch",
};

static const char *const noun_suffixes[] = {
  "ung", "heit", "keit", "schaft", "chen",
};

/* Upper-cases the first character of @word into @out. */
void
lotse_generate_append_capitalised (GString    *out,
                                   const char *word)
{
  gunichar first = g_utf8_get_char (word);

  g_string_append_unichar (out, g_unichar_toupper (first));
  g_string_append (out, g_utf8_next_char (word));
}

static char *
make_syllable_word (Rng      *rng,
                    guint     rank,
                    gboolean *noun)
{
  GString *word = g_string_new (NULL);
  guint    n_syllables;

  /* Frequent words are short, as in real language. */
  if (rank < 3000)
    n_syllables = 1 + rng_below (rng, 2);
  else if (rank < 20000)
    n_syllables = 2 + (rng_percent (rng, 20) ? 1 : 0);
  else
    n_syllables = 2 + rng_below (rng, 2);

  /* The first syllable may have heavy clusters; later ones are light, as
   * in "Ver-wal-tung" rather than "Schrank-pflicht-strumpf". */
  g_string_append (word, RNG_PICK (rng, onsets));
  g_string_append (word, RNG_PICK (rng, nuclei));
  g_string_append (word, RNG_PICK (rng, codas));
  for (guint i = 1; i < n_syllables; i++)
    {
      g_string_append (word, RNG_PICK (rng, light_onsets));
      g_string_append (word, RNG_PICK (rng, nuclei));
      if (rng_percent (rng, 35))
        g_string_append (word, RNG_PICK (rng, codas));
    }

  *noun = FALSE;
  switch (rng_below (rng, 10))
    {
    case 0:
    case 1:
    case 2:
      g_string_append (word, RNG_PICK (rng, suffixes));
      break;
    case 3:
    case 4:
      g_string_append (word, RNG_PICK (rng, noun_suffixes));
      *noun = TRUE;
      break;
    default:
      *noun = rng_percent (rng, 35);
      break;
    }

  return g_string_free (word, FALSE);
}

void
lotse_generate_vocabulary_free (Vocabulary *vocabulary)
{
  g_string_chunk_free (vocabulary->chunk);
  g_free (vocabulary->words);
  g_free (vocabulary->capitalised);
  g_free (vocabulary->cumulative);
  g_free (vocabulary);
}

Vocabulary *
lotse_generate_vocabulary_new (const Generator *gen)
{
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GString) scratch = g_string_new (NULL);
  Vocabulary *vocabulary = g_new0 (Vocabulary, 1);
  Rng         rng = row_rng (gen, KIND_VOCABULARY, 0);
  double      total = 0;
  guint       n = 0;

  vocabulary->chunk = g_string_chunk_new (256 * 1024);
  vocabulary->words = g_new (const char *, VOCABULARY_SIZE);
  vocabulary->capitalised = g_new (const char *, VOCABULARY_SIZE);
  vocabulary->cumulative = g_new (double, VOCABULARY_SIZE);

  while (n < VOCABULARY_SIZE)
    {
      g_autofree char *word = NULL;
      gboolean         noun;

      if (n < G_N_ELEMENTS (common_words))
        {
          word = g_strdup (common_words[n]);
          noun = g_unichar_isupper (g_utf8_get_char (word));
        }
      else
        word = make_syllable_word (&rng, n, &noun);

      /* Unique regardless of case, so that "Wort" and "wort" are one word. */
      if (!g_hash_table_add (seen, g_utf8_strdown (word, -1)))
        continue;

      g_string_truncate (scratch, 0);
      lotse_generate_append_capitalised (scratch, word);

      vocabulary->capitalised[n] = g_string_chunk_insert (vocabulary->chunk, scratch->str);
      vocabulary->words[n] = noun ? vocabulary->capitalised[n]
                                  : g_string_chunk_insert (vocabulary->chunk, word);
      total += 1.0 / pow (n + 1, ZIPF_EXPONENT);
      vocabulary->cumulative[n] = total;
      n++;
    }

  vocabulary->n_words = n;

  return vocabulary;
}

/* A rank drawn with the Zipf law: binary search in the cumulative table. */
static guint
vocabulary_draw (const Vocabulary *vocabulary,
                 Rng              *rng)
{
  double target = rng_double (rng) * vocabulary->cumulative[vocabulary->n_words - 1];
  guint  low = 0;
  guint  high = vocabulary->n_words - 1;

  while (low < high)
    {
      guint middle = low + (high - low) / 2;

      if (vocabulary->cumulative[middle] > target)
        high = middle;
      else
        low = middle + 1;
    }

  return low;
}

/* Appends @n_words words; the first capitalised, words separated by
 * spaces with an occasional comma or emphasis. No final punctuation. */
static void
append_words (GString          *out,
              const Vocabulary *vocabulary,
              Rng              *rng,
              guint             n_words,
              gboolean          markup)
{
  for (guint i = 0; i < n_words; i++)
    {
      guint       rank = vocabulary_draw (vocabulary, rng);
      const char *word = i == 0 ? vocabulary->capitalised[rank] : vocabulary->words[rank];
      guint       roll = rng_below (rng, 100);

      if (i > 0)
        g_string_append_c (out, ' ');

      if (markup && roll == 0 && i > 0)
        {
          g_string_append (out, "**");
          g_string_append (out, word);
          g_string_append (out, "**");
        }
      else
        g_string_append (out, word);

      if (markup && roll >= 92 && i > 1 && i + 2 < n_words)
        g_string_append_c (out, ',');
    }
}

static void
append_sentence (GString          *out,
                 const Vocabulary *vocabulary,
                 Rng              *rng,
                 guint             n_words)
{
  append_words (out, vocabulary, rng, n_words, TRUE);
  g_string_append_c (out, rng_percent (rng, 4) ? '?' : '.');
}

char *
lotse_generate_make_sentence (const Vocabulary *vocabulary,
                              Rng              *rng,
                              guint             min_words,
                              guint             max_words)
{
  GString *out = g_string_new (NULL);

  append_sentence (out, vocabulary, rng, (guint)rng_between (rng, (int)min_words, (int)max_words));

  return g_string_free (out, FALSE);
}

char *
lotse_generate_make_phrase (const Vocabulary *vocabulary,
                            Rng              *rng,
                            guint             min_words,
                            guint             max_words)
{
  GString *out = g_string_new (NULL);

  append_words (out, vocabulary, rng, (guint)rng_between (rng, (int)min_words, (int)max_words),
                FALSE);

  return g_string_free (out, FALSE);
}

/* At most @remaining words: a length drawn from low..high. */
static guint
take_words (Rng   *rng,
            int    low,
            int    high,
            guint  remaining)
{
  guint n = (guint)rng_between (rng, low, high);

  return MIN (n, remaining);
}

/* A Markdown body of exactly @n_words words: sections with headings,
 * paragraphs and lists (task lists for question catalogues). */
char *
lotse_generate_make_body (const Vocabulary *vocabulary,
                          Rng              *rng,
                          guint             n_words,
                          gboolean          question_catalogue)
{
  GString *out = g_string_sized_new (n_words * 8);
  guint    remaining = n_words;
  gboolean first = TRUE;

  while (remaining > 0)
    {
      guint n_paragraphs = 1 + rng_below (rng, 3);

      if (!first || rng_percent (rng, 40))
        {
          guint n = take_words (rng, 2, 5, remaining);

          g_string_append (out, rng_percent (rng, 80) ? "## " : "### ");
          append_words (out, vocabulary, rng, n, FALSE);
          g_string_append (out, "\n\n");
          remaining -= n;
        }
      first = FALSE;

      for (guint p = 0; p < n_paragraphs && remaining > 0; p++)
        {
          guint n_sentences = 2 + rng_below (rng, 5);

          for (guint s = 0; s < n_sentences && remaining > 0; s++)
            {
              guint n = take_words (rng, 5, 17, remaining);

              if (s > 0)
                g_string_append_c (out, ' ');
              append_sentence (out, vocabulary, rng, n);
              remaining -= n;
            }
          g_string_append (out, "\n\n");
        }

      if (remaining > 0 && (question_catalogue || rng_percent (rng, 25)))
        {
          guint n_items = 3 + rng_below (rng, 4);

          for (guint i = 0; i < n_items && remaining > 0; i++)
            {
              guint n = take_words (rng, 3, 9, remaining);

              g_string_append (out, question_catalogue ? "- [ ] " : "- ");
              append_words (out, vocabulary, rng, n, FALSE);
              g_string_append (out, question_catalogue ? "?\n" : "\n");
              remaining -= n;
            }
          g_string_append_c (out, '\n');
        }
    }

  /* No trailing blank lines. */
  while (out->len > 0 && out->str[out->len - 1] == '\n')
    g_string_truncate (out, out->len - 1);
  g_string_append_c (out, '\n');

  return g_string_free (out, FALSE);
}

static const char *const place_endings[] = {
  "hausen", "heim", "dorf",  "berg", "feld",  "burg",  "stedt",
  "rode",   "bach", "ingen", "beck", "hagen", "büren", "lohe",
};

char *
lotse_generate_make_place (const Generator *gen,
                           Rng             *rng)
{
  GString *out = g_string_new (NULL);

  lotse_generate_append_capitalised (out, gen->vocabulary->words[200 + rng_below (rng, 5000)]);
  g_string_append (out, RNG_PICK (rng, place_endings));

  return g_string_free (out, FALSE);
}

char *
lotse_generate_make_noun (const Generator *gen,
                          Rng             *rng)
{
  GString *out = g_string_new (NULL);

  lotse_generate_append_capitalised (out, gen->vocabulary->words[200 + rng_below (rng, 20000)]);

  return g_string_free (out, FALSE);
}

/* Lower-case ASCII for an e-mail address. */
void
lotse_generate_append_mail_part (GString    *out,
                                 const char *name)
{
  g_autofree char *lower = g_utf8_strdown (name, -1);

  for (const char *p = lower; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      switch (c)
        {
        case 0xe4:
          g_string_append (out, "ae");
          break;
        case 0xf6:
          g_string_append (out, "oe");
          break;
        case 0xfc:
          g_string_append (out, "ue");
          break;
        case 0xdf:
          g_string_append (out, "ss");
          break;
        default:
          if (c < 0x80 && g_ascii_isalnum ((char)c))
            g_string_append_c (out, (char)c);
        }
    }
}
