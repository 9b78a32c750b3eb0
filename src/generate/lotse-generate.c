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
 * This file runs the stages and writes their rows in chunks; the text is
 * made in lotse-generate-text.c, the rows of each part of the office in
 * lotse-generate-portfolio.c, -meetings.c and -articles.c.
 */

#define G_LOG_DOMAIN "lotse-generate"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "lotse-error.h"
#include "lotse-generate-private.h"
#include "lotse-store-sync.h"

#define CHUNK_ROWS          5000
#define MEETINGS_PER_SERIES 24

/* Generated rows carry a fixed creation time so that two runs are equal. */
#define GENERATED_AT "2026-11-22T00:00:00.000000Z"

#define WRITE_FLAGS (LOTSE_STORE_WRITE_NO_OUTBOX | LOTSE_STORE_WRITE_TRUSTED)

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
gint32
lotse_generate_days_from_civil (int year,
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

void
lotse_generate_civil_from_days (gint32  days,
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
int
lotse_generate_weekday (gint32 days)
{
  return (int)(((days % 7) + 11) % 7);
}

static gint32
last_sunday (int year,
             int month)
{
  gint32 last = lotse_generate_days_from_civil (year, month, 31);

  return last - lotse_generate_weekday (last);
}

static void
format_date (gint32 days,
             char   out[11])
{
  int year, month, day;

  lotse_generate_civil_from_days (days, &year, &month, &day);
  g_snprintf (out, 11, "%04d-%02d-%02d", year, month, day);
}

/* A local time in Germany, with the offset of the day (summer time from
 * the last Sunday of March to the last Sunday of October). */
void
lotse_generate_format_local_datetime (gint32 days,
                                      int    hour,
                                      int    minute,
                                      char   out[26])
{
  int      year, month, day;
  gboolean summer;

  lotse_generate_civil_from_days (days, &year, &month, &day);
  summer = days >= last_sunday (year, 3) && days < last_sunday (year, 10);
  g_snprintf (out, 26, "%04d-%02d-%02dT%02d:%02d:00+%s", year, month, day, hour, minute,
              summer ? "02:00" : "01:00");
}

gint32
lotse_generate_reference_day (void)
{
  /* A fixed "today", so that statuses do not depend on when we run
   * (LOTSE_GENERATE_TODAY). */
  return lotse_generate_days_from_civil (2026, 11, 22);
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

LotseRecord *
lotse_generate_new_row (const char      *table,
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

gboolean
lotse_generate_write_row (Generator    *gen,
                          LotseRecord  *record,
                          GError      **error)
{
  if (!lotse_store_insert_full (gen->store, record, WRITE_FLAGS, error))
    return FALSE;

  if (++gen->rows_in_transaction >= CHUNK_ROWS)
    return commit_chunk (gen, error);

  return TRUE;
}

void
lotse_generate_set_ref (LotseRecord     *record,
                        const char      *field,
                        const Generator *gen,
                        Kind             kind,
                        guint64          index)
{
  char id[37];

  make_id (gen, kind, index, id);
  lotse_record_set (record, field, id);
}

void
lotse_generate_set_date (LotseRecord *record,
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

  *start = lotse_generate_days_from_civil (2016, 1, 1) + rng_between (&rng, 0, 11 * 365);
  *end = *start + rng_between (&rng, 365, 4 * 365);
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
  return run_stage (gen, "programmes", gen->n_programmes, lotse_generate_programmes, error) &&
         run_stage (gen, "organisations", gen->n_organisations, lotse_generate_organisations, error) &&
         run_stage (gen, "people", gen->n_people, lotse_generate_people, error) &&
         run_stage (gen, "projects", gen->n_projects, lotse_generate_projects, error) &&
         run_stage (gen, "milestones", gen->n_milestones, lotse_generate_milestones, error) &&
         run_stage (gen, "budget plans", gen->n_projects, lotse_generate_budget_lines, error) &&
         run_stage (gen, "expenditures", gen->n_expenditures, lotse_generate_expenditures, error) &&
         run_stage (gen, "meetings", gen->n_meetings, lotse_generate_meetings, error) &&
         run_stage (gen, "articles", gen->n_articles, lotse_generate_articles, error);
}

static void
generator_clear (Generator *gen)
{
  g_clear_pointer (&gen->project_start, g_free);
  g_clear_pointer (&gen->project_end, g_free);
  g_clear_pointer (&gen->vocabulary, lotse_generate_vocabulary_free);
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
 *   budget plans, expenditures, meetings, articles) and after each
 *   committed chunk
 * @user_data: data for @progress
 * @cancellable: (nullable): checked between chunks
 * @error: a location for a #GError
 *
 * Writes deterministic synthetic data: the projects spread over one
 * programme per 20 projects, with organisations, people, partners and
 * status reports in proportion; the milestones spread over the projects;
 * a budget plan per project, category and year, and the expenditures
 * spread over the projects (lotse-generate-finance.c);
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
  if (options->expenditures > 0 && options->projects == 0)
    {
      g_set_error (error, LOTSE_ERROR, LOTSE_ERROR_INVALID_VALUE,
                   _("Expenditures need at least one project"));
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
  gen.n_expenditures = options->expenditures;
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

  gen.vocabulary = lotse_generate_vocabulary_new (&gen);

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
