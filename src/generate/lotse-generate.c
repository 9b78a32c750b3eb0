/* lotse-generate.c: deterministic synthetic data for benchmarks
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Everything is derived from the seed with a private splitmix64 generator
 * (not g_random, whose sequence may change between GLib versions), and
 * every row gets its own generator state from (seed, kind, index). So the
 * same options give the same rows, ids and texts on every machine, and a
 * row does not depend on the order in which others were made.
 *
 * Article text is German-like: a vocabulary of real function words
 * followed by words built from syllables, drawn with a Zipf law
 * (frequency ∝ 1/rank), so that word statistics and full-text search
 * behave like on real text.
 */

#define G_LOG_DOMAIN "lotse-generate"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "lotse-error.h"
#include "lotse-generate.h"
#include "lotse-health-private.h"
#include "lotse-store-sync.h"

#define CHUNK_ROWS               5000
#define VOCABULARY_SIZE          50000
#define ZIPF_EXPONENT            1.0
#define PROJECTS_PER_PROGRAMME   20
#define MEETINGS_PER_SERIES      24
#define PARTNERS_PER_PROJECT     2
#define REPORTS_PER_PROJECT      2
#define PARTICIPANTS_PER_MEETING 6
#define AGENDA_ITEMS_PER_MEETING 10
#define ACTION_ITEMS_PER_MEETING 10
#define DECISIONS_PER_MEETING    2
#define N_TAGS                   60
#define ARTICLE_WORDS_MIN        480
#define ARTICLE_WORDS_SPAN       241 /* 480..720, mean 600 */

/* Generated rows carry a fixed creation time so that two runs are equal. */
#define GENERATED_AT "2026-11-22T00:00:00.000000Z"

#define WRITE_FLAGS (LOTSE_STORE_WRITE_NO_OUTBOX | LOTSE_STORE_WRITE_TRUSTED)

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

static guint64
splitmix64 (guint64 *state)
{
  guint64 z = (*state += G_GUINT64_CONSTANT (0x9E3779B97F4A7C15));

  z = (z ^ (z >> 30)) * G_GUINT64_CONSTANT (0xBF58476D1CE4E5B9);
  z = (z ^ (z >> 27)) * G_GUINT64_CONSTANT (0x94D049BB133111EB);

  return z ^ (z >> 31);
}

static guint64
rng_next (Rng *rng)
{
  return splitmix64 (&rng->state);
}

/* A number in 0..n-1 (0 when n is 0). */
static guint
rng_below (Rng   *rng,
           guint  n)
{
  return n == 0 ? 0 : (guint)(rng_next (rng) % n);
}

static int
rng_between (Rng *rng,
             int  low,
             int  high)
{
  g_assert (low <= high);

  return low + (int)rng_below (rng, (guint)(high - low + 1));
}

static double
rng_double (Rng *rng)
{
  return (double)(rng_next (rng) >> 11) * (1.0 / 9007199254740992.0);
}

static gboolean
rng_percent (Rng   *rng,
             guint  percent)
{
  return rng_below (rng, 100) < percent;
}

static const char *
rng_pick (Rng               *rng,
          const char *const *items,
          guint              n_items)
{
  return items[rng_below (rng, n_items)];
}

#define RNG_PICK(rng, array) rng_pick ((rng), (array), G_N_ELEMENTS (array))

static guint64
stream_base (const Generator *gen,
             Kind             kind)
{
  guint64 state = gen->seed ^ ((guint64)kind * G_GUINT64_CONSTANT (0xD1B54A32D192ED03));

  return splitmix64 (&state);
}

/* The generator of one row: independent of every other row. */
static Rng
row_rng (const Generator *gen,
         Kind             kind,
         guint64          index)
{
  Rng rng = { stream_base (gen, kind) ^ (index * G_GUINT64_CONSTANT (0x9E3779B97F4A7C15)) };

  rng_next (&rng);

  return rng;
}

/* A UUID v4 made of 122 bits of the row's own stream; lotse_is_uuid()
 * accepts it and the same row always gets the same id. */
static void
make_id (const Generator *gen,
         Kind             kind,
         guint64          index,
         char             id[37])
{
  static const char hex[] = "0123456789abcdef";
  guint64 state = stream_base (gen, kind) + index * G_GUINT64_CONSTANT (0xA0761D6478BD642F);
  guint8  bytes[16];
  guint64 high = splitmix64 (&state);
  guint64 low = splitmix64 (&state);
  guint   pos = 0;

  for (guint i = 0; i < 8; i++)
    {
      bytes[i] = (guint8)(high >> (56 - 8 * i));
      bytes[8 + i] = (guint8)(low >> (56 - 8 * i));
    }
  bytes[6] = (bytes[6] & 0x0f) | 0x40;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;

  for (guint i = 0; i < 16; i++)
    {
      if (i == 4 || i == 6 || i == 8 || i == 10)
        id[pos++] = '-';
      id[pos++] = hex[bytes[i] >> 4];
      id[pos++] = hex[bytes[i] & 0xf];
    }
  id[pos] = '\0';
}

/* --- dates --------------------------------------------------------------- */

/* Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant). */
static gint32
days_from_civil (int year,
                 int month,
                 int day)
{
  int era, yoe, doy, doe;

  year -= month <= 2;
  era = (year >= 0 ? year : year - 399) / 400;
  yoe = year - era * 400;
  doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
  doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;

  return era * 146097 + doe - 719468;
}

static void
civil_from_days (gint32  days,
                 int    *year,
                 int    *month,
                 int    *day)
{
  int era, doe, yoe, doy, mp;

  days += 719468;
  era = (days >= 0 ? days : days - 146096) / 146097;
  doe = days - era * 146097;
  yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  mp = (5 * doy + 2) / 153;
  *day = doy - (153 * mp + 2) / 5 + 1;
  *month = mp < 10 ? mp + 3 : mp - 9;
  *year = yoe + era * 400 + (*month <= 2);
}

/* 0 = Sunday … 6 = Saturday; 1970-01-01 was a Thursday. */
static int
weekday (gint32 days)
{
  return (int)(((days % 7) + 11) % 7);
}

static gint32
last_sunday (int year,
             int month)
{
  gint32 last = days_from_civil (year, month, 31);

  return last - weekday (last);
}

static void
format_date (gint32 days,
             char   out[11])
{
  int year, month, day;

  civil_from_days (days, &year, &month, &day);
  g_snprintf (out, 11, "%04d-%02d-%02d", year, month, day);
}

/* A local time in Germany, with the offset of the day (summer time from
 * the last Sunday of March to the last Sunday of October). */
static void
format_local_datetime (gint32 days,
                       int    hour,
                       int    minute,
                       char   out[26])
{
  int      year, month, day;
  gboolean summer;

  civil_from_days (days, &year, &month, &day);
  summer = days >= last_sunday (year, 3) && days < last_sunday (year, 10);
  g_snprintf (out, 26, "%04d-%02d-%02dT%02d:%02d:00+%s", year, month, day, hour, minute,
              summer ? "02:00" : "01:00");
}

static gint32
reference_day (void)
{
  /* A fixed "today", so that statuses do not depend on when we run
   * (LOTSE_GENERATE_TODAY). */
  return days_from_civil (2026, 11, 22);
}

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
static void
append_capitalised (GString    *out,
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

static void
vocabulary_free (Vocabulary *vocabulary)
{
  g_string_chunk_free (vocabulary->chunk);
  g_free (vocabulary->words);
  g_free (vocabulary->capitalised);
  g_free (vocabulary->cumulative);
  g_free (vocabulary);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Vocabulary, vocabulary_free)

static Vocabulary *
vocabulary_new (const Generator *gen)
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
      append_capitalised (scratch, word);

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

static char *
make_sentence (const Vocabulary *vocabulary,
               Rng              *rng,
               guint             min_words,
               guint             max_words)
{
  GString *out = g_string_new (NULL);

  append_sentence (out, vocabulary, rng, (guint)rng_between (rng, (int)min_words, (int)max_words));

  return g_string_free (out, FALSE);
}

static char *
make_phrase (const Vocabulary *vocabulary,
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
static char *
make_body (const Vocabulary *vocabulary,
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

/* --- names --------------------------------------------------------------- */

static const char *const first_names[] = {
  "Anna",      "Lena",     "Julia",   "Sarah",     "Laura",   "Katrin", "Sabine",     "Petra",
  "Claudia",   "Nicole",   "Melanie", "Stefanie",  "Jana",    "Miriam", "Aylin",      "Elif",
  "Marta",     "Ines",     "Hanna",   "Lea",       "Johanna", "Carla",  "Friederike", "Birgit",
  "Ulrike",    "Heike",    "Svenja",  "Tanja",     "Nadine",  "Yvonne", "Thomas",     "Michael",
  "Stefan",    "Andreas",  "Markus",  "Christian", "Jan",     "Tobias", "Florian",    "Daniel",
  "Sebastian", "Matthias", "Jonas",   "Lukas",     "Felix",   "Malte",  "Kai",        "Dennis",
  "Oliver",    "Bernd",    "Jörg",    "Uwe",       "Frank",   "Ralf",   "Kemal",      "Piotr",
  "Hannes",    "Benedikt", "Marco",   "Timo",
};

static const char *const surname_endings[] = {
  "mann", "er",   "meier", "kamp", "brink", "horst",  "hoff",   "ing",
  "s",    "berg", "bach",  "feld", "haus",  "kötter", "winkel",
};

static const char *const place_endings[] = {
  "hausen", "heim", "dorf",  "berg", "feld",  "burg",  "stedt",
  "rode",   "bach", "ingen", "beck", "hagen", "büren", "lohe",
};

static const char *const company_forms[] = {
  " GmbH",
  " AG",
  " GmbH & Co. KG",
  " Software GmbH",
  " Maschinenbau GmbH",
  " Logistik GmbH",
  " Systemtechnik GmbH",
  " KG",
};

static const char *const topics[] = {
  "Industrie und KMU", "Gesundheit",  "Lebensmittel", "Klimaschutz",  "Energie", "Bauen",
  "Ländlicher Raum",   "Arbeitswelt", "Mobilität",    "E-Government", "Bildung", "Smart City",
};

static const char *const fundings[] = {
  "EFRE.NRW",    "Land NRW",          "Land NRW und EFRE.NRW",
  "Bund (BMWK)", "EU Horizon Europe", "Eigenmittel der Partner",
};

static const char *const partner_roles[] = {
  "Verbundpartner",
  "Assoziierter Partner",
  "Unterauftragnehmer",
  "Anwendungspartner",
};

static const char *const person_roles[] = {
  "Projektleitung",
  "Projektmitarbeit",
  "Geschäftsführung",
  "Wissenschaftliche Mitarbeit",
  "Digitalisierungsbeauftragte",
  "Referentin Wirtschaftsförderung",
  "Controlling",
  "Kommunikation",
};

static const char *const milestone_titles[] = {
  "Kick-off durchgeführt",         "Anforderungsanalyse abgeschlossen",
  "Konzept freigegeben",           "Pilotbetrieb gestartet",
  "Zwischenbericht eingereicht",   "Evaluation abgeschlossen",
  "Transferworkshop durchgeführt", "Abschlussbericht eingereicht",
  "Ausschreibung veröffentlicht",  "Auftrag vergeben",
  "Prototyp fertiggestellt",       "Schulungen durchgeführt",
  "Datenschutzkonzept abgestimmt", "Rollout abgeschlossen",
};

/* Project titles: a prefix and a suffix around a noun. */
static const char *const project_title_parts[][2] = {
  { "", " 4.0" },     { "Digitale ", "" }, { "Smart ", "" },
  { "", " digital" }, { "", ".OWL" },      { "Plattform ", "" },
};

static const char *const series_titles[] = {
  "Jour fixe der Projektleitungen", "Lenkungskreis", "Strategiewerkstatt",
  "Arbeitskreis Wissenstransfer",   "Regionalforum",
};

static const char *const series_kind_values[] = {
  "jour_fixe", "steering", "strategy", "workshop", "event",
};

static const char *const series_days[] = { "MO", "TU", "WE", "TH", "FR" };

static const char *const agenda_titles[] = {
  "Sachstand",
  "Meilensteinmonitoring",
  "Bericht aus dem Projekt",
  "Risiken und Maßnahmen",
  "Vorbereitung",
  "Abstimmung",
  "Ergebnisse",
  "Öffentlichkeitsarbeit",
};

static const char *const agenda_kinds[] = { "information", "discussion", "decision" };

static const char *const article_categories[] = {
  "best_practice", "best_practice",      "best_practice", "lesson_learned", "lesson_learned",
  "guideline",     "question_catalogue", "note",          "note",           "note",
};

static char *
make_place (const Generator *gen,
            Rng             *rng)
{
  GString *out = g_string_new (NULL);

  append_capitalised (out, gen->vocabulary->words[200 + rng_below (rng, 5000)]);
  g_string_append (out, RNG_PICK (rng, place_endings));

  return g_string_free (out, FALSE);
}

static char *
make_noun (const Generator *gen,
           Rng             *rng)
{
  GString *out = g_string_new (NULL);

  append_capitalised (out, gen->vocabulary->words[200 + rng_below (rng, 20000)]);

  return g_string_free (out, FALSE);
}

/* Lower-case ASCII for an e-mail address. */
static void
append_mail_part (GString    *out,
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

/* --- writing ------------------------------------------------------------- */

static gboolean
report_progress (Generator  *gen,
                 GError    **error)
{
  if (gen->progress != NULL)
    gen->progress (gen->stage, gen->stage_done, gen->stage_total, gen->user_data);

  return !g_cancellable_set_error_if_cancelled (gen->cancellable, error);
}

/* Commits what was written so far, reports, and starts the next chunk.
 * On failure gen->in_transaction tells whether there is one to roll back. */
static gboolean
commit_chunk (Generator  *gen,
              GError    **error)
{
  if (!lotse_store_commit (gen->store, error))
    return FALSE;

  gen->in_transaction = FALSE;
  gen->rows_in_transaction = 0;

  if (!report_progress (gen, error) || !lotse_store_begin (gen->store, error))
    return FALSE;

  gen->in_transaction = TRUE;

  return TRUE;
}

static LotseRecord *
new_row (const char      *table,
         const Generator *gen,
         Kind             kind,
         guint64          index)
{
  LotseRecord *record = lotse_record_new_for_table (table);
  char         id[37];

  make_id (gen, kind, index, id);
  lotse_record_set_id (record, id);
  lotse_record_set_timestamps (record, GENERATED_AT, GENERATED_AT);

  return record;
}

static gboolean
write_row (Generator    *gen,
           LotseRecord  *record,
           GError      **error)
{
  if (!lotse_store_insert_full (gen->store, record, WRITE_FLAGS, error))
    return FALSE;

  if (++gen->rows_in_transaction >= CHUNK_ROWS)
    return commit_chunk (gen, error);

  return TRUE;
}

static void
set_ref (LotseRecord     *record,
         const char      *field,
         const Generator *gen,
         Kind             kind,
         guint64          index)
{
  char id[37];

  make_id (gen, kind, index, id);
  lotse_record_set (record, field, id);
}

static void
set_date (LotseRecord *record,
          const char  *field,
          gint32       days)
{
  char date[11];

  format_date (days, date);
  lotse_record_set (record, field, date);
}

/* --- tables -------------------------------------------------------------- */

static void
project_dates (const Generator *gen,
               guint            index,
               gint32          *start,
               gint32          *end)
{
  Rng rng = row_rng (gen, KIND_PROJECT_DATES, index);

  *start = days_from_civil (2016, 1, 1) + rng_between (&rng, 0, 11 * 365);
  *end = *start + rng_between (&rng, 365, 4 * 365);
}

static gboolean
generate_programmes (Generator  *gen,
                     GError    **error)
{
  for (guint i = 0; i < gen->n_programmes; i++)
    {
      g_autoptr(LotseRecord) record = new_row ("programme", gen, KIND_PROGRAMME, i);
      Rng              rng = row_rng (gen, KIND_PROGRAMME, i);
      g_autofree char *region = make_place (gen, &rng);
      g_autofree char *name = g_strdup_printf ("Digitalprogramm %s %u", region, i + 1);
      g_autofree char *description = make_sentence (gen->vocabulary, &rng, 12, 24);
      guint            first = i * PROJECTS_PER_PROGRAMME;
      guint            last = MIN (first + PROJECTS_PER_PROGRAMME, gen->n_projects);
      gint32           start = G_MAXINT32, end = G_MININT32;

      for (guint p = first; p < last; p++)
        {
          start = MIN (start, gen->project_start[p]);
          end = MAX (end, gen->project_end[p]);
        }

      lotse_record_set (record, "name", name);
      lotse_record_set (record, "description", description);
      lotse_record_set (record, "region", region);
      if (first < last)
        {
          set_date (record, "start_date", start);
          set_date (record, "end_date", end);
        }

      if (!write_row (gen, record, error))
        return FALSE;
      gen->stage_done++;
    }

  return TRUE;
}

static gboolean
generate_organisations (Generator  *gen,
                        GError    **error)
{
  static const char *const kinds[] = {
    "company",      "company",      "company", "company",     "university",
    "municipality", "municipality", "chamber", "association", "other",
  };

  for (guint i = 0; i < gen->n_organisations; i++)
    {
      g_autoptr(LotseRecord) record = new_row ("organisation", gen, KIND_ORGANISATION, i);
      Rng              rng = row_rng (gen, KIND_ORGANISATION, i);
      const char      *kind = RNG_PICK (&rng, kinds);
      g_autofree char *city = make_place (gen, &rng);
      g_autofree char *noun = make_noun (gen, &rng);
      g_autofree char *name = NULL;
      g_autofree char *website = NULL;

      if (strcmp (kind, "company") == 0)
        name = g_strconcat (noun, RNG_PICK (&rng, company_forms), NULL);
      else if (strcmp (kind, "university") == 0)
        name = g_strconcat ("Hochschule ", city, NULL);
      else if (strcmp (kind, "municipality") == 0)
        name = g_strconcat (rng_percent (&rng, 70) ? "Stadt " : "Kreis ", city, NULL);
      else if (strcmp (kind, "chamber") == 0)
        name = g_strconcat (rng_percent (&rng, 50) ? "IHK " : "Handwerkskammer ", city, NULL);
      else if (strcmp (kind, "association") == 0)
        name = g_strconcat (noun, " ", city, " e.V.", NULL);
      else
        name = g_strconcat ("Wirtschaftsförderung ", city, NULL);

      website = g_strdup_printf ("https://org%u.example.org", i + 1);

      lotse_record_set (record, "name", name);
      lotse_record_set (record, "kind", kind);
      lotse_record_set (record, "city", city);
      lotse_record_set (record, "website", website);

      if (!write_row (gen, record, error))
        return FALSE;
      gen->stage_done++;
    }

  return TRUE;
}

static gboolean
generate_people (Generator  *gen,
                 GError    **error)
{
  for (guint i = 0; i < gen->n_people; i++)
    {
      g_autoptr(LotseRecord) record = new_row ("person", gen, KIND_PERSON, i);
      Rng         rng = row_rng (gen, KIND_PERSON, i);
      const char *first = RNG_PICK (&rng, first_names);
      g_autoptr(GString) surname = g_string_new (NULL);
      g_autoptr(GString) email = g_string_new (NULL);
      g_autofree char *name = NULL;
      char             phone[32];

      append_capitalised (surname, gen->vocabulary->words[200 + rng_below (&rng, 3000)]);
      g_string_append (surname, RNG_PICK (&rng, surname_endings));
      name = g_strconcat (first, " ", surname->str, NULL);

      append_mail_part (email, first);
      g_string_append_c (email, '.');
      append_mail_part (email, surname->str);
      g_string_append_printf (email, ".%u@example.org", i + 1);
      g_snprintf (phone, sizeof phone, "+49 5%02u 555%04u", rng_below (&rng, 100), i % 10000);

      lotse_record_set (record, "name", name);
      set_ref (record, "organisation_id", gen, KIND_ORGANISATION, i % gen->n_organisations);
      lotse_record_set (record, "role", RNG_PICK (&rng, person_roles));
      lotse_record_set (record, "email", email->str);
      lotse_record_set (record, "phone", phone);

      if (!write_row (gen, record, error))
        return FALSE;
      gen->stage_done++;
    }

  return TRUE;
}

static const char *
project_status (Rng    *rng,
                gint32  start,
                gint32  end)
{
  gint32 today = reference_day ();

  if (start > today)
    return "planned";
  if (end < today)
    return rng_percent (rng, 92) ? "completed" : "cancelled";

  return rng_percent (rng, 88) ? "running" : "paused";
}

static const char *
random_health (Rng *rng)
{
  guint roll = rng_below (rng, 100);

  return roll < 62 ? "green" : roll < 90 ? "yellow" : "red";
}

static gboolean
generate_project_rows (Generator  *gen,
                       guint       index,
                       GError    **error)
{
  g_autoptr(LotseRecord) record = new_row ("project", gen, KIND_PROJECT, index);
  Rng              rng = row_rng (gen, KIND_PROJECT, index);
  gint32           start = gen->project_start[index];
  gint32           end = gen->project_end[index];
  guint            leader = (index * 2) % gen->n_people;
  guint            lead_organisation = leader % gen->n_organisations;
  g_autofree char *noun = make_noun (gen, &rng);
  guint            pattern = rng_below (&rng, G_N_ELEMENTS (project_title_parts));
  g_autofree char *title = g_strconcat (project_title_parts[pattern][0], noun,
                                        project_title_parts[pattern][1], NULL);
  g_autofree char *short_noun = g_utf8_substring (noun, 0, MIN (6, g_utf8_strlen (noun, -1)));
  g_autofree char *acronym = g_strdup_printf ("%s-%u", short_noun, index + 1);
  g_autofree char *summary = make_sentence (gen->vocabulary, &rng, 15, 35);
  g_autofree char *website = g_strdup_printf ("https://projekt%u.example.org", index + 1);
  gint64           budget = (gint64)rng_between (&rng, 5, 500) * 10000 * 100;
  gint32           today = reference_day ();
  guint            step;

  set_ref (record, "programme_id", gen, KIND_PROGRAMME, index / PROJECTS_PER_PROGRAMME);
  lotse_record_set (record, "title", title);
  lotse_record_set (record, "acronym", acronym);
  lotse_record_set (record, "summary", summary);
  lotse_record_set (record, "topic", RNG_PICK (&rng, topics));
  set_ref (record, "lead_organisation_id", gen, KIND_ORGANISATION, lead_organisation);
  set_ref (record, "leader_person_id", gen, KIND_PERSON, leader);
  lotse_record_set (record, "status", project_status (&rng, start, end));
  set_date (record, "start_date", start);
  set_date (record, "end_date", end);
  lotse_record_set_int (record, "budget_cents", budget);
  lotse_record_set (record, "funding", RNG_PICK (&rng, fundings));
  lotse_record_set (record, "website", website);

  if (!write_row (gen, record, error))
    return FALSE;

  /* Partners differ from each other and from the lead organisation. */
  step = 1 + rng_below (&rng, MIN (50, (gen->n_organisations - 1) / PARTNERS_PER_PROJECT));
  for (guint p = 0; p < PARTNERS_PER_PROJECT; p++)
    {
      guint64 row = (guint64)index * PARTNERS_PER_PROJECT + p;
      g_autoptr(LotseRecord) partner = new_row ("project_partner", gen, KIND_PROJECT_PARTNER, row);
      guint organisation = (lead_organisation + step * (p + 1)) % gen->n_organisations;

      set_ref (partner, "project_id", gen, KIND_PROJECT, index);
      set_ref (partner, "organisation_id", gen, KIND_ORGANISATION, organisation);
      lotse_record_set (partner, "role", RNG_PICK (&rng, partner_roles));

      if (!write_row (gen, partner, error))
        return FALSE;
    }

  for (guint r = 0; r < REPORTS_PER_PROJECT; r++)
    {
      guint64 row = (guint64)index * REPORTS_PER_PROJECT + r;
      g_autoptr(LotseRecord) report = new_row ("status_report", gen, KIND_STATUS_REPORT, row);
      g_autofree char *text = make_sentence (gen->vocabulary, &rng, 8, 20);
      gint32           date = start + (end - start) * (gint32)(r + 1) / (REPORTS_PER_PROJECT + 1);

      set_ref (report, "project_id", gen, KIND_PROJECT, index);
      set_date (report, "date", MIN (date, today));
      lotse_record_set (report, "health", random_health (&rng));
      lotse_record_set (report, "summary", text);

      if (!write_row (gen, report, error))
        return FALSE;
    }

  /* The traffic light is that of the reports, as the store keeps it. */
  return lotse_health_set_from_reports (gen->store, lotse_record_get_id (record), error);
}

static gboolean
generate_projects (Generator  *gen,
                   GError    **error)
{
  for (guint i = 0; i < gen->n_projects; i++)
    {
      if (!generate_project_rows (gen, i, error))
        return FALSE;
      gen->stage_done++;
    }

  return TRUE;
}

static void
set_milestone_status (LotseRecord *record,
                      Rng         *rng,
                      gint32       due)
{
  gint32      today = reference_day ();
  guint       roll = rng_below (rng, 100);
  const char *status;

  if (due < today)
    status = roll < 75   ? "done"
             : roll < 85 ? "missed"
             : roll < 90 ? "cancelled"
             : roll < 95 ? "at_risk"
                         : "open";
  else
    status = roll < 84 ? "open" : roll < 96 ? "at_risk" : roll < 98 ? "done" : "cancelled";

  lotse_record_set (record, "status", status);

  if (strcmp (status, "done") == 0)
    {
      gint32 done = due + rng_between (rng, -20, 30);

      set_date (record, "done_date", MIN (done, today));
    }
}

static gboolean
generate_milestones (Generator  *gen,
                     GError    **error)
{
  for (guint i = 0; i < gen->n_milestones; i++)
    {
      g_autoptr(LotseRecord) record = new_row ("milestone", gen, KIND_MILESTONE, i);
      Rng              rng = row_rng (gen, KIND_MILESTONE, i);
      guint            project = i % gen->n_projects;
      gint32           start = gen->project_start[project];
      gint32           end = gen->project_end[project];
      gint32           due = start + (gint32)(rng_double (&rng) * (end - start));
      g_autofree char *noun = make_noun (gen, &rng);
      g_autofree char *title = g_strdup_printf ("%s: %s", RNG_PICK (&rng, milestone_titles), noun);

      set_ref (record, "project_id", gen, KIND_PROJECT, project);
      lotse_record_set (record, "title", title);
      if (rng_percent (&rng, 50))
        {
          g_autofree char *description = make_sentence (gen->vocabulary, &rng, 8, 24);

          lotse_record_set (record, "description", description);
        }
      set_date (record, "due_date", due);
      set_milestone_status (record, &rng, due);

      if (!write_row (gen, record, error))
        return FALSE;
      gen->stage_done++;
    }

  return TRUE;
}

/* A series is the jour fixe (or steering board …) of one programme: its
 * agenda items and action items are about that programme’s projects. */
typedef struct
{
  gint32 first_day;
  guint  interval_weeks;
  guint  people[PARTICIPANTS_PER_MEETING];
  guint  kind;
  guint  first_project;
  guint  n_projects;
} SeriesPlan;

static void
plan_series (const Generator *gen,
             guint            index,
             SeriesPlan      *plan)
{
  Rng    rng = row_rng (gen, KIND_SERIES, index);
  gint32 first = days_from_civil (2025, 6, 2) + rng_between (&rng, 0, 420);
  guint  day = rng_below (&rng, G_N_ELEMENTS (series_days));

  /* Move to the series' weekday (Monday = 1 … Friday = 5). */
  while (weekday (first) != (int)day + 1)
    first++;

  plan->first_day = first;
  plan->interval_weeks = index % 5 == 0 ? 1 : 2;
  plan->kind = index % G_N_ELEMENTS (series_kind_values);
  for (guint p = 0; p < PARTICIPANTS_PER_MEETING; p++)
    plan->people[p] = (index * 7 + p * 3) % gen->n_people;

  plan->first_project = gen->n_programmes > 0 ? (index % gen->n_programmes) * PROJECTS_PER_PROGRAMME
                                              : 0;
  plan->n_projects = gen->n_projects > plan->first_project
                       ? MIN (PROJECTS_PER_PROGRAMME, gen->n_projects - plan->first_project)
                       : 0;
}

static guint
plan_pick_project (const SeriesPlan *plan,
                   Rng              *rng)
{
  return plan->first_project + rng_below (rng, plan->n_projects);
}

/* A milestone of @project: milestone i belongs to project i % n_projects. */
static gboolean
pick_milestone_of (const Generator *gen,
                   guint            project,
                   Rng             *rng,
                   guint64         *out_milestone)
{
  guint per_project;

  if (gen->n_milestones <= project)
    return FALSE;

  per_project = (gen->n_milestones - project + gen->n_projects - 1) / gen->n_projects;
  *out_milestone = project + (guint64)rng_below (rng, per_project) * gen->n_projects;
  return TRUE;
}

static gboolean
generate_series (Generator  *gen,
                 GError    **error)
{
  for (guint i = 0; i < gen->n_series; i++)
    {
      g_autoptr(LotseRecord) record = new_row ("meeting_series", gen, KIND_SERIES, i);
      Rng              rng = row_rng (gen, KIND_SERIES, i);
      g_autofree char *place = make_place (gen, &rng);
      g_autofree char *title = NULL;
      g_autofree char *location = NULL;
      g_autofree char *recurrence = NULL;
      SeriesPlan       plan;

      plan_series (gen, i, &plan);
      title = g_strdup_printf ("%s %s %u", series_titles[plan.kind], place, i + 1);
      location = g_strdup_printf ("Rathaus %s, Sitzungsraum %u", place, 1 + rng_below (&rng, 9));
      recurrence = g_strdup_printf ("FREQ=WEEKLY;INTERVAL=%u;BYDAY=%s", plan.interval_weeks,
                                    series_days[weekday (plan.first_day) - 1]);

      lotse_record_set (record, "title", title);
      lotse_record_set (record, "kind", series_kind_values[plan.kind]);
      lotse_record_set (record, "recurrence", recurrence);
      lotse_record_set (record, "default_location", location);
      lotse_record_set_int (record, "default_duration_min", 90);
      lotse_record_set (record, "standing_items",
                        "Begrüßung\nProtokoll der letzten Sitzung\nVerschiedenes");

      if (!write_row (gen, record, error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
generate_agenda (Generator        *gen,
                 guint             meeting,
                 const SeriesPlan *plan,
                 gboolean          held,
                 Rng              *rng,
                 GError          **error)
{
  for (guint a = 0; a < AGENDA_ITEMS_PER_MEETING; a++)
    {
      guint64 row = (guint64)meeting * AGENDA_ITEMS_PER_MEETING + a;
      g_autoptr(LotseRecord) record = new_row ("agenda_item", gen, KIND_AGENDA_ITEM, row);
      g_autofree char *title = NULL;
      gboolean         standing = a < 2 || a == AGENDA_ITEMS_PER_MEETING - 1;

      if (a == 0)
        title = g_strdup ("Begrüßung");
      else if (a == 1)
        title = g_strdup ("Protokoll der letzten Sitzung");
      else if (a == AGENDA_ITEMS_PER_MEETING - 1)
        title = g_strdup ("Verschiedenes");
      else
        {
          g_autofree char *noun = make_noun (gen, rng);

          title = g_strdup_printf ("%s %s", RNG_PICK (rng, agenda_titles), noun);
        }

      set_ref (record, "meeting_id", gen, KIND_MEETING, meeting);
      lotse_record_set_int (record, "position", a + 1);
      lotse_record_set (record, "title", title);
      lotse_record_set (record, "kind", standing ? "information" : RNG_PICK (rng, agenda_kinds));
      set_ref (record, "presenter_person_id", gen, KIND_PERSON,
               plan->people[rng_below (rng, PARTICIPANTS_PER_MEETING)]);
      lotse_record_set_int (record, "duration_min", standing ? 5 : rng_between (rng, 2, 6) * 5);
      if (!standing && plan->n_projects > 0)
        {
          guint   project = plan_pick_project (plan, rng);
          guint64 milestone;

          set_ref (record, "project_id", gen, KIND_PROJECT, project);
          if (rng_percent (rng, 30) && pick_milestone_of (gen, project, rng, &milestone))
            set_ref (record, "milestone_id", gen, KIND_MILESTONE, milestone);
        }
      if (held)
        {
          g_autofree char *notes = make_sentence (gen->vocabulary, rng, 8, 24);

          lotse_record_set (record, "notes", notes);
        }
      lotse_record_set (record, "status",
                        !held                   ? "open"
                        : rng_percent (rng, 85) ? "done"
                                                : "deferred");

      if (!write_row (gen, record, error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
generate_meeting_outcomes (Generator        *gen,
                           guint             meeting,
                           gint32            day,
                           const SeriesPlan *plan,
                           gboolean          held,
                           Rng              *rng,
                           GError          **error)
{
  gint32 today = reference_day ();

  for (guint d = 0; held && d < DECISIONS_PER_MEETING; d++)
    {
      guint64 row = (guint64)meeting * DECISIONS_PER_MEETING + d;
      g_autoptr(LotseRecord) record = new_row ("decision", gen, KIND_DECISION, row);
      g_autofree char *text = make_sentence (gen->vocabulary, rng, 8, 20);

      set_ref (record, "meeting_id", gen, KIND_MEETING, meeting);
      set_ref (record, "agenda_item_id", gen, KIND_AGENDA_ITEM,
               (guint64)meeting * AGENDA_ITEMS_PER_MEETING + 2 + d * 3);
      lotse_record_set (record, "text", text);

      if (!write_row (gen, record, error))
        return FALSE;
    }

  for (guint a = 0; a < ACTION_ITEMS_PER_MEETING; a++)
    {
      guint64 row = (guint64)meeting * ACTION_ITEMS_PER_MEETING + a;
      g_autoptr(LotseRecord) record = new_row ("action_item", gen, KIND_ACTION_ITEM, row);
      g_autofree char *title = make_phrase (gen->vocabulary, rng, 3, 9);
      gint32           due = day + rng_between (rng, 7, 42);
      guint            roll = rng_below (rng, 100);
      const char      *status;

      if (due < today)
        status = roll < 70 ? "done" : roll < 80 ? "dropped" : "open";
      else
        status = roll < 10 ? "done" : "open";

      set_ref (record, "meeting_id", gen, KIND_MEETING, meeting);
      set_ref (record, "agenda_item_id", gen, KIND_AGENDA_ITEM,
               (guint64)meeting * AGENDA_ITEMS_PER_MEETING + (a % (AGENDA_ITEMS_PER_MEETING - 3)) +
                 2);
      if (plan->n_projects > 0)
        set_ref (record, "project_id", gen, KIND_PROJECT, plan_pick_project (plan, rng));
      lotse_record_set (record, "title", title);
      set_ref (record, "owner_person_id", gen, KIND_PERSON,
               plan->people[rng_below (rng, PARTICIPANTS_PER_MEETING)]);
      set_date (record, "due_date", due);
      lotse_record_set (record, "status", status);
      if (strcmp (status, "done") == 0)
        {
          gint32 done = due - rng_between (rng, 0, 10);
          char   done_at[26];

          format_local_datetime (MIN (done, today), rng_between (rng, 8, 17), 0, done_at);
          lotse_record_set (record, "done_at", done_at);
        }

      if (!write_row (gen, record, error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
generate_meeting_rows (Generator  *gen,
                       guint       index,
                       GError    **error)
{
  static const char *const attendances[] = {
    "present", "present", "present", "present", "present",
    "present", "present", "present", "excused", "absent",
  };
  g_autoptr(LotseRecord) record = new_row ("meeting", gen, KIND_MEETING, index);
  Rng              rng = row_rng (gen, KIND_MEETING, index);
  guint            series = index % gen->n_series;
  guint            number = index / gen->n_series;
  SeriesPlan       plan;
  gint32           day;
  gboolean         held;
  const char      *status;
  char             starts_at[26];
  g_autofree char *title = NULL;
  int              year, month, day_of_month;

  plan_series (gen, series, &plan);
  day = plan.first_day + (gint32)(number * 7 * plan.interval_weeks);
  if (day < reference_day ())
    status = rng_percent (&rng, 95) ? "held" : "cancelled";
  else
    status = "planned";
  held = strcmp (status, "held") == 0;

  format_local_datetime (day, plan.kind == 1 ? 14 : 10, 0, starts_at);
  civil_from_days (day, &year, &month, &day_of_month);
  title = g_strdup_printf ("%s am %02d.%02d.%04d", series_titles[plan.kind], day_of_month, month,
                           year);

  set_ref (record, "series_id", gen, KIND_SERIES, series);
  lotse_record_set (record, "title", title);
  lotse_record_set (record, "kind", series_kind_values[plan.kind]);
  lotse_record_set (record, "starts_at", starts_at);
  lotse_record_set_int (record, "duration_min", 90);
  lotse_record_set (record, "status", status);
  if (held)
    {
      g_autofree char *notes = make_sentence (gen->vocabulary, &rng, 6, 16);

      lotse_record_set (record, "notes", notes);
    }

  if (!write_row (gen, record, error))
    return FALSE;

  for (guint p = 0; p < PARTICIPANTS_PER_MEETING; p++)
    {
      guint64 row = (guint64)index * PARTICIPANTS_PER_MEETING + p;
      g_autoptr(LotseRecord)
                   participant = new_row ("meeting_participant", gen, KIND_PARTICIPANT, row);

      set_ref (participant, "meeting_id", gen, KIND_MEETING, index);
      set_ref (participant, "person_id", gen, KIND_PERSON, plan.people[p]);
      lotse_record_set (participant, "attendance", held ? RNG_PICK (&rng, attendances) : "invited");

      if (!write_row (gen, participant, error))
        return FALSE;
    }

  return generate_agenda (gen, index, &plan, held, &rng, error) &&
         generate_meeting_outcomes (gen, index, day, &plan, held, &rng, error);
}

static gboolean
generate_meetings (Generator  *gen,
                   GError    **error)
{
  if (!generate_series (gen, error))
    return FALSE;

  for (guint i = 0; i < gen->n_meetings; i++)
    {
      if (!generate_meeting_rows (gen, i, error))
        return FALSE;
      gen->stage_done++;
    }

  return TRUE;
}

static gboolean
generate_tags (Generator  *gen,
               GError    **error)
{
  for (guint i = 0; i < N_TAGS; i++)
    {
      g_autoptr(LotseRecord) record = new_row ("tag", gen, KIND_TAG, i);
      g_autoptr(GString) name = g_string_new (NULL);

      /* Distinct vocabulary words give distinct tag names. */
      append_capitalised (name, gen->vocabulary->words[300 + i * 7]);
      lotse_record_set (record, "name", name->str);

      if (!write_row (gen, record, error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
generate_article_rows (Generator  *gen,
                       guint       index,
                       GError    **error)
{
  g_autoptr(LotseRecord) record = new_row ("article", gen, KIND_ARTICLE, index);
  Rng              rng = row_rng (gen, KIND_ARTICLE, index);
  const char      *category = RNG_PICK (&rng, article_categories);
  gboolean         catalogue = strcmp (category, "question_catalogue") == 0;
  g_autofree char *title = make_phrase (gen->vocabulary, &rng, 3, 7);
  g_autofree char *summary = make_sentence (gen->vocabulary, &rng, 12, 22);
  guint            n_words = ARTICLE_WORDS_MIN + rng_below (&rng, ARTICLE_WORDS_SPAN);
  guint            n_tags = 1 + rng_below (&rng, 3);
  guint            first_tag = rng_below (&rng, N_TAGS);

  lotse_record_set (record, "title", title);
  lotse_record_set (record, "summary", summary);
  lotse_record_take_nth (record,
                         (guint)lotse_table_field_index (lotse_record_get_table (record), "body"),
                         make_body (gen->vocabulary, &rng, n_words, catalogue));
  lotse_record_set (record, "category", category);
  if (gen->n_projects > 0 && rng_percent (&rng, 70))
    set_ref (record, "project_id", gen, KIND_PROJECT, rng_below (&rng, gen->n_projects));
  set_ref (record, "author_person_id", gen, KIND_PERSON, rng_below (&rng, gen->n_people));

  if (!write_row (gen, record, error))
    return FALSE;

  for (guint t = 0; t < n_tags; t++)
    {
      g_autoptr(LotseRecord)
                   link = new_row ("article_tag", gen, KIND_ARTICLE_TAG, (guint64)index * 3 + t);

      set_ref (link, "article_id", gen, KIND_ARTICLE, index);
      set_ref (link, "tag_id", gen, KIND_TAG, (first_tag + t * 7) % N_TAGS);

      if (!write_row (gen, link, error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
generate_articles (Generator  *gen,
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

/* Generating twice with the same seed would make the same ids again:
 * refuse before writing anything rather than fail halfway. */
static gboolean
check_seed_unused (Generator  *gen,
                   GError    **error)
{
  static const struct
  {
    const char *table;
    Kind        kind;
  } first_rows[] = {
    { "programme", KIND_PROGRAMME },
    { "person", KIND_PERSON },
    { "milestone", KIND_MILESTONE },
    { "meeting", KIND_MEETING },
    { "article", KIND_ARTICLE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (first_rows); i++)
    {
      g_autoptr(LotseRecord) existing = NULL;
      g_autoptr(GError) local_error = NULL;
      char id[37];

      make_id (gen, first_rows[i].kind, 0, id);
      existing = lotse_store_get (gen->store, first_rows[i].table, id, &local_error);
      if (existing != NULL)
        {
          g_autofree char *seed = g_strdup_printf ("%" G_GUINT64_FORMAT, gen->seed);

          g_set_error (error, LOTSE_ERROR, LOTSE_ERROR_INVALID_VALUE,
                       _("The database already holds data generated with seed %s; use another seed"),
                       seed);
          return FALSE;
        }

      if (!g_error_matches (local_error, LOTSE_ERROR, LOTSE_ERROR_NOT_FOUND))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
    }

  return TRUE;
}

typedef gboolean (*StageFunc) (Generator *gen, GError **error);

/* Reports at the start and the end of a stage and after every chunk. */
static gboolean
run_stage (Generator   *gen,
           const char  *stage,
           guint64      total,
           StageFunc    func,
           GError     **error)
{
  gen->stage = stage;
  gen->stage_done = 0;
  gen->stage_total = total;

  return report_progress (gen, error) && func (gen, error) && report_progress (gen, error);
}

static gboolean
generate_all (Generator  *gen,
              GError    **error)
{
  return run_stage (gen, "programmes", gen->n_programmes, generate_programmes, error) &&
         run_stage (gen, "organisations", gen->n_organisations, generate_organisations, error) &&
         run_stage (gen, "people", gen->n_people, generate_people, error) &&
         run_stage (gen, "projects", gen->n_projects, generate_projects, error) &&
         run_stage (gen, "milestones", gen->n_milestones, generate_milestones, error) &&
         run_stage (gen, "meetings", gen->n_meetings, generate_meetings, error) &&
         run_stage (gen, "articles", gen->n_articles, generate_articles, error);
}

static void
generator_clear (Generator *gen)
{
  g_clear_pointer (&gen->project_start, g_free);
  g_clear_pointer (&gen->project_end, g_free);
  g_clear_pointer (&gen->vocabulary, vocabulary_free);
}

/* Generated rows have no outbox entries, so sync would never send them
 * (and refuses a database holding them): a database that syncs gets none. */
static gboolean
check_not_synced (LotseStore  *store,
                  GError     **error)
{
  g_autoptr(LotseSyncStateRow) state = NULL;
  g_autoptr(GError) local_error = NULL;

  state = lotse_store_sync_find_state (store, NULL, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  if (state != NULL)
    {
      g_set_error (error, LOTSE_ERROR, LOTSE_ERROR_INVALID_VALUE,
                   _("This database syncs with %s: generated benchmark data would never reach the "
                     "server. Generate into a new database"),
                   state->server_url != NULL ? state->server_url : state->server_id);
      return FALSE;
    }

  return TRUE;
}

/**
 * lotse_generate:
 * @store: the store to fill
 * @options: how many rows of each kind, and the seed
 * @progress: (nullable) (scope call): called at the start and the end of
 *   each stage (programmes, organisations, people, projects, milestones,
 *   meetings, articles) and after each committed chunk
 * @user_data: data for @progress
 * @cancellable: (nullable): checked between chunks
 * @error: a location for a #GError
 *
 * Writes deterministic synthetic data: the projects spread over one
 * programme per 20 projects, with organisations, people, partners and
 * status reports in proportion; the milestones spread over the projects;
 * the meetings in series, each with participants and ten agenda items and
 * ten action items; the articles (about 600 words of German-like text with
 * a Zipf word distribution) with tags. Same options and seed, same rows,
 * ids included.
 *
 * Rows are written in bulk mode, trusted and without outbox entries, in
 * transactions of 5,000 rows; on failure or cancellation the current chunk
 * is rolled back and earlier chunks stay. They are benchmark data: sync
 * never sends them and refuses a database that holds them, and a database
 * that syncs is refused here.
 *
 * Returns: %TRUE on success
 */
gboolean
lotse_generate (LotseStore                 *store,
                const LotseGenerateOptions *options,
                LotseGenerateProgress       progress,
                gpointer                    user_data,
                GCancellable               *cancellable,
                GError                    **error)
{
  Generator gen = { 0 };
  gboolean  ok;

  g_return_val_if_fail (LOTSE_IS_STORE (store), FALSE);
  g_return_val_if_fail (options != NULL, FALSE);
  g_return_val_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable), FALSE);

  if (options->milestones > 0 && options->projects == 0)
    {
      g_set_error (error, LOTSE_ERROR, LOTSE_ERROR_INVALID_VALUE,
                   _("Milestones need at least one project"));
      return FALSE;
    }

  gen.store = store;
  gen.cancellable = cancellable;
  gen.progress = progress;
  gen.user_data = user_data;
  gen.seed = options->seed;
  gen.n_projects = options->projects;
  gen.n_milestones = options->milestones;
  gen.n_meetings = options->meetings;
  gen.n_articles = options->articles;
  gen.n_programmes = (options->projects + PROJECTS_PER_PROGRAMME - 1) / PROJECTS_PER_PROGRAMME;
  gen.n_series = (options->meetings + MEETINGS_PER_SERIES - 1) / MEETINGS_PER_SERIES;

  /* Projects, meetings and articles all need people, and people belong to
   * organisations; a small office has a few of each at least. */
  if (options->projects > 0 || options->meetings > 0 || options->articles > 0)
    {
      gen.n_organisations = MAX (8, options->projects);
      gen.n_people = MAX (12, options->projects * 2);
    }

  gen.project_start = g_new (gint32, MAX (1, gen.n_projects));
  gen.project_end = g_new (gint32, MAX (1, gen.n_projects));
  for (guint i = 0; i < gen.n_projects; i++)
    project_dates (&gen, i, &gen.project_start[i], &gen.project_end[i]);

  if (!check_not_synced (store, error) || !check_seed_unused (&gen, error))
    {
      generator_clear (&gen);
      return FALSE;
    }

  gen.vocabulary = vocabulary_new (&gen);

  lotse_store_set_bulk_mode (store, TRUE);

  gen.in_transaction = lotse_store_begin (store, error);
  ok = gen.in_transaction && generate_all (&gen, error) && lotse_store_commit (store, error);
  if (ok)
    gen.in_transaction = FALSE;
  else if (gen.in_transaction)
    lotse_store_rollback (store);

  lotse_store_set_bulk_mode (store, FALSE);
  generator_clear (&gen);

  return ok;
}
