/* bench-load.h: the load average beside every benchmark figure
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The benchmark machine is shared: a figure means little without the load
 * it was taken under, so every bench prints this line with its figures.
 * A bench whose setup is long can wait for the machine to become quiet
 * before it measures (BENCH_WAIT_LOAD, see bench_wait_for_load()).
 */

#pragma once

#include <glib.h>
#include <stdio.h>

static inline gboolean
bench_read_load (double *one,
                 double *five,
                 double *fifteen)
{
  g_autofree char *contents = NULL;

  return g_file_get_contents ("/proc/loadavg", &contents, NULL, NULL) &&
         sscanf (contents, "%lf %lf %lf", one, five, fifteen) == 3;
}

static inline void
bench_print_load (const char *when)
{
  double one, five, fifteen;

  if (!bench_read_load (&one, &five, &fifteen))
    {
      g_print ("load average (%s): unknown\n", when);
      return;
    }

  g_print ("load average (%s): %.2f %.2f %.2f (1, 5, 15 min) on %u cores\n", when,
           one, five, fifteen, g_get_num_processors ());
}

/* With BENCH_WAIT_LOAD=L in the environment, waits (printing why) until
 * the 1-minute load average is below L, so that a bench can prepare its
 * data while the machine is busy and measure once it is quiet. */
static inline void
bench_wait_for_load (void)
{
  const char *limit_text = g_getenv ("BENCH_WAIT_LOAD");
  double limit, one, five, fifteen;

  if (limit_text == NULL || (limit = g_ascii_strtod (limit_text, NULL)) <= 0)
    return;

  g_print ("waiting for a 1-minute load average below %.2f\n", limit);
  while (bench_read_load (&one, &five, &fifteen) && one >= limit)
    g_usleep (10 * G_USEC_PER_SEC);
}
