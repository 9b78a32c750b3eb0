/* bench-first-frame.c: Lotse's project rows on screen against a minimal window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 *   bench-first-frame LOTSE MINIMAL_WINDOW DATABASE [RUNS]
 *
 * Starts the real Lotse window on DATABASE and a minimal libadwaita window
 * in turn, RUNS times each (at least 5; the order alternates, and a first
 * round that warms the page cache is not counted), once with
 * GSK_RENDERER=cairo and once with GSK_RENDERER=gl. Both print their
 * times through lotse-frame-probe (CLOCK_MONOTONIC, like this driver).
 *
 * What the user waits for is the portfolio's project rows, so Lotse is
 * timed from the spawn to the first frame painted with rows in the list,
 * against the minimal window's first frame. Targets: at most 1.25 times
 * the minimal window, and a peak resident memory (VmHWM, read a second
 * after) at most 30 MB above the minimal window's. The ratios and
 * differences are taken per pair of neighbouring runs; medians and ranges
 * are printed with the load average, since the machine is shared, and
 * the CPU time of each process until then, which the load does not
 * inflate. Below them, the median time after the spawn at which each
 * reached the steps its probe marks (main, GTK started, window built,
 * list read...): where the time goes.
 */

#include <glib.h>
#include <stdlib.h>
#include <string.h>

#define TARGET_RATIO 1.25
#define TARGET_MB    30.0

typedef struct
{
  char   *renderer;
  double  first_ms;
  double  rows_ms;    /* the first frame with rows; the first frame if none */
  double  rss_mb;
  double  cpu_ms;     /* of the process until then */
  GPtrArray *marks;   /* "name ms" of each "mark" line, in order */
} Run;

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *)a;
  double y = *(const double *)b;

  return (x > y) - (x < y);
}

static void
print_series (const char *label,
              GArray     *values,
              const char *unit)
{
  g_autoptr(GArray) sorted = g_array_copy (values);

  g_array_sort (sorted, compare_doubles);
  g_print ("  %-28s %8.2f %-3s (range %.2f to %.2f)\n", label,
           g_array_index (sorted, double, sorted->len / 2), unit,
           g_array_index (sorted, double, 0), g_array_index (sorted, double, sorted->len - 1));
}

static double
median_of (GArray *values)
{
  g_autoptr(GArray) sorted = g_array_copy (values);

  g_array_sort (sorted, compare_doubles);

  return g_array_index (sorted, double, sorted->len / 2);
}

/* The 1-, 5- and 15-minute load averages */
static char *
load_average (void)
{
  g_autofree char *text = NULL;
  g_auto(GStrv) fields = NULL;

  if (!g_file_get_contents ("/proc/loadavg", &text, NULL, NULL))
    return g_strdup ("unknown");
  fields = g_strsplit (text, " ", 4);
  if (g_strv_length (fields) < 4)
    return g_strdup ("unknown");

  return g_strdup_printf ("%s %s %s", fields[0], fields[1], fields[2]);
}

static double
value_after (const char *out,
             const char *key)
{
  const char *line = strstr (out, key);

  return line != NULL ? g_ascii_strtod (line + strlen (key), NULL) : -1;
}

static Run
run_once (const char * const *argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  gint64 started = g_get_monotonic_time ();
  const char *renderer;
  double first, rows;
  int status = 0;
  Run run;

  if (!g_spawn_sync (NULL, (char **)argv, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                     &out, &err, &status, &error))
    g_error ("%s: %s", argv[0], error->message);

  first = value_after (out, "first-frame ");
  rows = value_after (out, "rows-painted ");
  if (first < 0 || value_after (out, "max-rss ") < 0)
    g_error ("%s printed no first frame (exit %d): %s", argv[0], status, err ? err : "");

  renderer = strstr (out, "renderer ");
  run.renderer = renderer ? g_strndup (renderer + strlen ("renderer "),
                                       strcspn (renderer + strlen ("renderer "), "\n"))
                          : g_strdup ("unknown");
  run.first_ms = (first - started) / 1000.0;
  run.rows_ms = ((rows >= 0 ? rows : first) - started) / 1000.0;
  run.rss_mb = value_after (out, "max-rss ") / 1024.0;
  run.cpu_ms = value_after (out, "\ncpu ") / 1000.0;
  run.marks = g_ptr_array_new_with_free_func (g_free);
  for (const char *line = strstr (out, "mark "); line != NULL; line = strstr (line + 1, "\nmark "))
    {
      const char *name = line + (*line == '\n' ? strlen ("\nmark ") : strlen ("mark "));
      gsize len = strcspn (name, " \n");

      g_ptr_array_add (run.marks, g_strdup_printf ("%.*s %.1f", (int) len, name,
                                                   (g_ascii_strtod (name + len, NULL) - started) / 1000.0));
    }

  return run;
}

static void
add (GArray *values,
     double  value)
{
  g_array_append_val (values, value);
}

/* Adds the marks of @run to @marks (name → GArray of ms), keeping the
 * order of their first appearance in @names. */
static void
add_marks (GHashTable *marks,
           GPtrArray  *names,
           const Run  *run)
{
  for (guint i = 0; i < run->marks->len; i++)
    {
      g_auto(GStrv) fields = g_strsplit (g_ptr_array_index (run->marks, i), " ", 2);
      GArray *values = g_hash_table_lookup (marks, fields[0]);

      if (values == NULL)
        {
          values = g_array_new (FALSE, FALSE, sizeof (double));
          g_hash_table_insert (marks, g_strdup (fields[0]), values);
          g_ptr_array_add (names, g_strdup (fields[0]));
        }
      add (values, g_ascii_strtod (fields[1], NULL));
    }
}

static void
print_marks (const char *who,
             GHashTable *marks,
             GPtrArray  *names)
{
  g_print ("  %s reached, after the spawn:\n", who);
  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *label = g_strdup_printf ("  %s", (char *) g_ptr_array_index (names, i));

      print_series (label, g_hash_table_lookup (marks, g_ptr_array_index (names, i)), "ms");
    }
}

/* One renderer: interleaved runs, then the figures. Returns FALSE if the
 * renderer was not the one asked for (GL is not available). */
static gboolean
measure (const char * const *lotse_argv,
         const char * const *minimal_argv,
         const char         *renderer,
         guint               runs)
{
  g_autoptr(GArray) minimal_first = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) lotse_first = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) lotse_rows = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) ratio = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) minimal_rss = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) lotse_rss = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) rss_diff = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) minimal_cpu = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) lotse_cpu = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) cpu_ratio = g_array_new (FALSE, FALSE, sizeof (double));
  g_autofree char *load_before = load_average ();
  g_autofree char *load_after = NULL;
  g_autofree char *used = NULL;
  g_autoptr(GHashTable) marks = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                       (GDestroyNotify) g_array_unref);
  g_autoptr(GPtrArray) mark_names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GHashTable) minimal_marks = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                               (GDestroyNotify) g_array_unref);
  g_autoptr(GPtrArray) minimal_mark_names = g_ptr_array_new_with_free_func (g_free);

  g_setenv ("GSK_RENDERER", renderer, TRUE);

  for (guint i = 0; i < runs + 1; i++)
    {
      gboolean lotse_first_now = i % 2 == 0;
      Run a = run_once (lotse_first_now ? lotse_argv : minimal_argv);
      Run b = run_once (lotse_first_now ? minimal_argv : lotse_argv);
      Run *lotse = lotse_first_now ? &a : &b;
      Run *minimal = lotse_first_now ? &b : &a;

      if (used == NULL)
        used = g_strdup (lotse->renderer);

      /* The first round warms the page cache for both. */
      if (i > 0)
        {
          add (minimal_first, minimal->first_ms);
          add (lotse_first, lotse->first_ms);
          add (lotse_rows, lotse->rows_ms);
          add (ratio, lotse->rows_ms / minimal->first_ms);
          add (minimal_rss, minimal->rss_mb);
          add (lotse_rss, lotse->rss_mb);
          add (rss_diff, lotse->rss_mb - minimal->rss_mb);
          add (minimal_cpu, minimal->cpu_ms);
          add (lotse_cpu, lotse->cpu_ms);
          add (cpu_ratio, lotse->cpu_ms / minimal->cpu_ms);
          add_marks (marks, mark_names, lotse);
          add_marks (minimal_marks, minimal_mark_names, minimal);
        }
      g_free (a.renderer);
      g_free (b.renderer);
      g_ptr_array_unref (a.marks);
      g_ptr_array_unref (b.marks);
    }
  load_after = load_average ();

  g_print ("GSK_RENDERER=%s (in use: %s), %u interleaved runs, load average %s before, %s after\n",
           renderer, used, runs, load_before, load_after);
  if (g_ascii_strcasecmp (renderer, "gl") == 0 && strstr (used, "GL") == NULL)
    {
      g_print ("  GL is not available here; no figures for it\n");
      return FALSE;
    }

  print_series ("minimal window, first frame", minimal_first, "ms");
  print_series ("lotse, first frame", lotse_first, "ms");
  print_series ("lotse, project rows painted", lotse_rows, "ms");
  print_series ("ratio rows / minimal", ratio, "");
  g_print ("  %-28s %s (target <= %.2f)\n", "", median_of (ratio) <= TARGET_RATIO ? "met" : "MISSED",
           TARGET_RATIO);
  print_series ("minimal window, max RSS", minimal_rss, "MB");
  print_series ("lotse, max RSS", lotse_rss, "MB");
  print_series ("lotse - minimal, max RSS", rss_diff, "MB");
  g_print ("  %-28s %s (target <= %.0f MB)\n", "", median_of (rss_diff) <= TARGET_MB ? "met" : "MISSED",
           TARGET_MB);
  print_series ("minimal window, CPU", minimal_cpu, "ms");
  print_series ("lotse, CPU until rows", lotse_cpu, "ms");
  print_series ("ratio of the CPU times", cpu_ratio, "");
  print_marks ("lotse", marks, mark_names);
  print_marks ("minimal window", minimal_marks, minimal_mark_names);

  return TRUE;
}

int
main (int   argc,
      char *argv[])
{
  const char * const renderers[] = { "cairo", "gl" };
  guint runs = argc > 4 ? (guint) MAX (5, atoi (argv[4])) : 5;

  if (argc < 4)
    {
      g_printerr ("usage: %s LOTSE MINIMAL_WINDOW DATABASE [RUNS]\n", argv[0]);
      return 2;
    }

  g_setenv ("LOTSE_FRAME_PROBE", "1", TRUE);
  g_print ("database %s\n", argv[3]);

  for (guint i = 0; i < G_N_ELEMENTS (renderers); i++)
    {
      const char *lotse_argv[] = { argv[1], "--database", argv[3], NULL };
      const char *minimal_argv[] = { argv[2], NULL };

      measure (lotse_argv, minimal_argv, renderers[i], runs);
    }

  return 0;
}
