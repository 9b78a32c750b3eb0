/* lotse-cli-data.c: the demo programme and synthetic data
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lotse-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <signal.h>
#include <stdio.h>
#include <unistd.h>

#include "lotse-cli-private.h"
#include "lotse-generate.h"

/* More than any office will have; enough for the benchmarks' large sizes
 * without letting a typo fill the disk. */
#define MAX_GENERATE_COUNT 10000000

/* Redraw the progress line at most this often (µs). */
#define PROGRESS_INTERVAL (G_USEC_PER_SEC / 10)

int
lotse_cli_command_demo (LotseCli  *cli,
                        int        argc,
                        char     **argv)
{
  g_auto(GStrv) args = NULL;
  g_autoptr(LotseStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *today = NULL;
  guint n_inserted = 0;
  int status = LOTSE_CLI_EXIT_SUCCESS;
  const GOptionEntry entries[] = {
    { "today", 0, 0, G_OPTION_ARG_STRING, &today,
      N_("Place the demo's dates around this day instead of today"), N_("YYYY-MM-DD") },
    G_OPTION_ENTRY_NULL
  };

  if (!lotse_cli_parse_options (cli, entries, argc, argv, 0, 0, &args, &status))
    return status;

  if (today != NULL && !lotse_parse_iso_date (today, NULL, NULL, NULL))
    return lotse_cli_usage_error (cli, _("--today needs a date like 2024-03-31, not “%s”."),
                                  today);

  store = lotse_cli_open_store (cli, LOTSE_CLI_OPEN_CREATE, &error);
  if (store == NULL)
    return lotse_cli_fail (cli, error);

  if (!lotse_demo_load (store, today, &n_inserted, &error))
    return lotse_cli_fail (cli, error);

  if (n_inserted == 0)
    {
      g_print ("%s\n", _("The demo programme is already loaded."));
    }
  else
    {
      g_autofree char *count = lotse_cli_format_count (n_inserted);

      g_print (ngettext ("Loaded the demo programme: %s record added.",
                         "Loaded the demo programme: %s records added.",
                         n_inserted),
               count);
      g_print ("\n");
    }

  return LOTSE_CLI_EXIT_SUCCESS;
}

/* Set from the signal handler; the progress callback, which runs in the
 * generating thread between rows, turns it into a cancellation. */
static volatile sig_atomic_t interrupted;

static void
on_interrupt (int signum)
{
  interrupted = 1;
}

typedef struct
{
  GCancellable *cancellable;
  gboolean      draw;
  gboolean      drawn;
  gint64        last_draw;
} GenerateProgress;

static void
on_generate_progress (const char *stage,
                      guint64     done,
                      guint64     total,
                      gpointer    user_data)
{
  GenerateProgress *progress = user_data;
  g_autofree char *done_text = NULL;
  g_autofree char *total_text = NULL;
  gint64 now;

  if (interrupted)
    g_cancellable_cancel (progress->cancellable);

  if (!progress->draw)
    return;

  now = g_get_monotonic_time ();
  if (done < total && now - progress->last_draw < PROGRESS_INTERVAL)
    return;
  progress->last_draw = now;

  done_text = lotse_cli_format_count (done);
  total_text = lotse_cli_format_count (total);

  /* \r and “erase line” redraw the one progress line in place */
  fprintf (stderr, "\r\033[K%s  %s / %s", stage != NULL ? stage : "", done_text, total_text);
  if (total > 0)
    fprintf (stderr, "  (%u %%)", (guint) (done * 100 / total));
  fflush (stderr);
  progress->drawn = TRUE;
}

static gboolean
parse_generate_count (LotseCli   *cli,
                      const char *option,
                      const char *text,
                      guint      *out_value,
                      int        *out_status)
{
  guint64 value = 0;

  if (text == NULL)
    {
      *out_value = 0;
      return TRUE;
    }

  if (!lotse_cli_parse_count (text, MAX_GENERATE_COUNT, &value))
    {
      g_autofree char *max = lotse_cli_format_count (MAX_GENERATE_COUNT);

      /* Translators: the first %s is an option such as --projects, the second
       * a number, the third what was given */
      *out_status = lotse_cli_usage_error (cli, _("%s needs a whole number from 0 to %s, not “%s”."),
                                           option, max, text);
      return FALSE;
    }

  *out_value = (guint) value;
  return TRUE;
}

static gint64 *
count_rows (LotseStore  *store,
            GError     **error)
{
  const LotseTable * const *tables;
  g_autofree gint64 *counts = NULL;
  guint n_tables;

  tables = lotse_schema_get_tables (&n_tables);
  counts = g_new0 (gint64, n_tables);

  for (guint i = 0; i < n_tables; i++)
    {
      counts[i] = lotse_store_count (store, tables[i]->name, NULL, 0, error);
      if (counts[i] < 0)
        return NULL;
    }

  return g_steal_pointer (&counts);
}

static guint64
count_added (const gint64 *before,
             const gint64 *after)
{
  guint n_tables;
  guint64 total = 0;

  lotse_schema_get_tables (&n_tables);
  for (guint i = 0; i < n_tables; i++)
    total += MAX (after[i] - before[i], 0);

  return total;
}

static void
print_generate_summary (const gint64 *before,
                        const gint64 *after,
                        double        seconds,
                        guint64       seed)
{
  g_autoptr(LotseCliTable) summary = lotse_cli_table_new (2);
  const LotseTable * const *tables;
  g_autofree char *total_text = NULL;
  g_autofree char *seed_text = NULL;
  guint n_tables;
  guint64 total = 0;

  tables = lotse_schema_get_tables (&n_tables);
  total = count_added (before, after);

  total_text = lotse_cli_format_count (total);
  seed_text = g_strdup_printf ("%" G_GUINT64_FORMAT, seed);
  /* Translators: %s is a number of rows, %.2f the seconds it took, the last %s the seed */
  g_print (ngettext ("Generated %s row in %.2f s (seed %s).",
                     "Generated %s rows in %.2f s (seed %s).",
                     total),
           total_text, seconds, seed_text);
  g_print ("\n");

  if (total == 0)
    return;

  g_print ("\n");
  {
    const char *header[] = { _("Table"), _("Rows added") };

    lotse_cli_table_add_row (summary, header);
  }
  for (guint i = 0; i < n_tables; i++)
    {
      g_autofree char *added = NULL;
      const char *row[2];

      if (after[i] <= before[i])
        continue;

      added = lotse_cli_format_count (after[i] - before[i]);
      row[0] = tables[i]->name;
      row[1] = added;
      lotse_cli_table_add_row (summary, row);
    }
  lotse_cli_table_print (summary);
}

static int
report_interrupted (LotseStore   *store,
                    const gint64 *before)
{
  g_autofree gint64 *after = count_rows (store, NULL);
  guint64 added = after != NULL ? count_added (before, after) : 0;

  if (added == 0)
    {
      lotse_cli_print_error ("%s", _("Interrupted; nothing was added."));
    }
  else
    {
      g_autofree char *count = lotse_cli_format_count (added);

      lotse_cli_print_error (ngettext ("Interrupted; %s row was added before.",
                                       "Interrupted; %s rows were added before.",
                                       added),
                             count);
    }

  return LOTSE_CLI_EXIT_ERROR;
}

/* Runs the generator with Ctrl-C turned into a cancellation, so that an
 * interrupted run rolls back instead of leaving half the data. */
static gboolean
run_generate (LotseStore                 *store,
              const LotseGenerateOptions *options,
              GError                    **error)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  GenerateProgress progress = { cancellable, isatty (STDERR_FILENO), FALSE, 0 };
  struct sigaction action = { 0, };
  struct sigaction old_int;
  struct sigaction old_term;
  gboolean ok;

  interrupted = 0;
  action.sa_handler = on_interrupt;
  sigemptyset (&action.sa_mask);
  sigaction (SIGINT, &action, &old_int);
  sigaction (SIGTERM, &action, &old_term);

  ok = lotse_generate (store, options, on_generate_progress, &progress, cancellable, error);

  sigaction (SIGINT, &old_int, NULL);
  sigaction (SIGTERM, &old_term, NULL);

  if (progress.drawn)
    {
      fputs ("\r\033[K", stderr);
      fflush (stderr);
    }

  return ok;
}

int
lotse_cli_command_generate (LotseCli  *cli,
                            int        argc,
                            char     **argv)
{
  g_autofree char *projects = NULL;
  g_autofree char *milestones = NULL;
  g_autofree char *meetings = NULL;
  g_autofree char *articles = NULL;
  g_autofree char *expenditures = NULL;
  g_autofree char *seed = NULL;
  const GOptionEntry entries[] = {
    { "projects", 0, 0, G_OPTION_ARG_STRING, &projects, N_("Number of projects"), N_("N") },
    { "milestones", 0, 0, G_OPTION_ARG_STRING, &milestones, N_("Number of milestones"), N_("N") },
    { "meetings", 0, 0, G_OPTION_ARG_STRING, &meetings, N_("Number of meetings"), N_("N") },
    { "articles", 0, 0, G_OPTION_ARG_STRING, &articles,
      N_("Number of knowledge-base articles"), N_("N") },
    { "expenditures", 0, 0, G_OPTION_ARG_STRING, &expenditures,
      N_("Number of expenditures; every project gets a budget plan"), N_("N") },
    { "seed", 0, 0, G_OPTION_ARG_STRING, &seed,
      N_("Seed of the generator (default 1); the same seed gives the same rows"), N_("S") },
    G_OPTION_ENTRY_NULL
  };
  g_auto(GStrv) args = NULL;
  g_autoptr(LotseStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GTimer) timer = NULL;
  g_autofree gint64 *before = NULL;
  g_autofree gint64 *after = NULL;
  LotseGenerateOptions options = { 0, 0, 0, 0, 1, 0 };
  int status = LOTSE_CLI_EXIT_SUCCESS;

  if (!lotse_cli_parse_options (cli, entries, argc, argv, 0, 0, &args, &status))
    return status;

  if (!parse_generate_count (cli, "--projects", projects, &options.projects, &status) ||
      !parse_generate_count (cli, "--milestones", milestones, &options.milestones, &status) ||
      !parse_generate_count (cli, "--meetings", meetings, &options.meetings, &status) ||
      !parse_generate_count (cli, "--articles", articles, &options.articles, &status) ||
      !parse_generate_count (cli, "--expenditures", expenditures, &options.expenditures, &status))
    return status;

  if (seed != NULL && !lotse_cli_parse_count (seed, G_MAXUINT64, &options.seed))
    return lotse_cli_usage_error (cli, _("--seed needs a whole number, not “%s”."), seed);

  if (projects == NULL && milestones == NULL && meetings == NULL && articles == NULL &&
      expenditures == NULL)
    return lotse_cli_usage_error (cli, _("Say how much to generate, e.g. --projects 100."));

  store = lotse_cli_open_store (cli, LOTSE_CLI_OPEN_CREATE, &error);
  if (store == NULL)
    return lotse_cli_fail (cli, error);

  if ((before = count_rows (store, &error)) == NULL)
    return lotse_cli_fail (cli, error);

  timer = g_timer_new ();
  if (!run_generate (store, &options, &error))
    {
      /* The generator commits in chunks; say what stayed */
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return report_interrupted (store, before);
      return lotse_cli_fail (cli, error);
    }
  g_timer_stop (timer);

  if ((after = count_rows (store, &error)) == NULL)
    return lotse_cli_fail (cli, error);

  print_generate_summary (before, after, g_timer_elapsed (timer, NULL), options.seed);

  return LOTSE_CLI_EXIT_SUCCESS;
}
