/* bench-first-frame.c: Lotse's first frame against a minimal window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 *   bench-first-frame LOTSE MINIMAL_WINDOW DATABASE [RUNS]
 *
 * Starts both programs in turn, RUNS times each, and measures from the
 * spawn to the first painted frame (both read CLOCK_MONOTONIC). Prints
 * the medians and their ratio; the target is at most 1.25.
 */

#include <glib.h>
#include <stdlib.h>
#include <string.h>

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *)a;
  double y = *(const double *)b;

  return (x > y) - (x < y);
}

static double
median (GArray *values)
{
  g_array_sort (values, compare_doubles);

  return g_array_index (values, double, values->len / 2);
}

static double
time_first_frame (const char * const *argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  gint64 started = g_get_monotonic_time ();
  gint64 painted = 0;
  int status = 0;
  const char *line;

  if (!g_spawn_sync (NULL, (char **)argv, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                     &out, &err, &status, &error))
    g_error ("%s: %s", argv[0], error->message);

  line = out ? g_strrstr (out, "first-frame ") : NULL;
  if (line == NULL)
    g_error ("%s printed no first frame (exit %d): %s", argv[0], status, err ? err : "");

  painted = g_ascii_strtoll (line + strlen ("first-frame "), NULL, 10);

  return (painted - started) / 1000.0;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GArray) lotse = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) minimal = g_array_new (FALSE, FALSE, sizeof (double));
  guint runs = argc > 4 ? (guint)atoi (argv[4]) : 11;
  g_autofree char *database_name = NULL;
  double lotse_ms, minimal_ms;

  if (argc < 4)
    {
      g_printerr ("usage: %s LOTSE MINIMAL_WINDOW DATABASE [RUNS]\n", argv[0]);
      return 2;
    }

  g_setenv ("LOTSE_FRAME_PROBE", "1", TRUE);

  for (guint i = 0; i < runs + 1; i++)
    {
      const char *lotse_argv[] = { argv[1], "--database", argv[3], NULL };
      const char *minimal_argv[] = { argv[2], NULL };
      double a = time_first_frame (lotse_argv);
      double b = time_first_frame (minimal_argv);

      /* The first round warms the page cache for both. */
      if (i == 0)
        continue;

      g_array_append_val (lotse, a);
      g_array_append_val (minimal, b);
    }

  database_name = g_path_get_basename (argv[3]);
  lotse_ms = median (lotse);
  minimal_ms = median (minimal);

  g_print ("first frame, median of %u runs\n", runs);
  g_print ("  minimal libadwaita window  %8.1f ms\n", minimal_ms);
  g_print ("  lotse on %-17s %8.1f ms\n", database_name, lotse_ms);
  g_print ("  ratio                      %8.2f   (target <= 1.25) %s\n",
           lotse_ms / minimal_ms, lotse_ms / minimal_ms <= 1.25 ? "met" : "MISSED");

  return 0;
}
