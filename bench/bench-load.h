/* bench-load.h: the load average beside every benchmark figure
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The benchmark machine is shared: a figure means little without the load
 * it was taken under, so every bench prints this line with its figures.
 */

#pragma once

#include <glib.h>
#include <stdio.h>

static inline void
bench_print_load (const char *when)
{
  g_autofree char *contents = NULL;
  double one, five, fifteen;

  if (!g_file_get_contents ("/proc/loadavg", &contents, NULL, NULL) ||
      sscanf (contents, "%lf %lf %lf", &one, &five, &fifteen) != 3)
    {
      g_print ("load average (%s): unknown\n", when);
      return;
    }

  g_print ("load average (%s): %.2f %.2f %.2f (1, 5, 15 min) on %u cores\n", when,
           one, five, fifteen, g_get_num_processors ());
}
