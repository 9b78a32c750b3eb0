/* bench-meeting.c: how long preparing a jour fixe and loading a meeting take
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 *   bench-meeting DATABASE [RUNS]
 *
 * On a generated database (2,000 meetings, 20,000 action items):
 *
 *  - prepare: lotse_meeting_prepare_next_at() for RUNS series (those with
 *    the most meetings), each in a transaction that is rolled back, so the
 *    database is left as it was and every run does the whole work. “Now”
 *    is a day after the series’ last meeting, so a new meeting is made.
 *    Budget: 50 ms.
 *  - load: reading a meeting with 30 agenda items and its participants
 *    (lotse_store_get + lotse_meeting_list_agenda/_participants), 100 times.
 *
 * Prints the median and the 95th percentile of the wall-clock time, and for
 * prepare also of the CPU time of the thread, which a busy machine does not
 * inflate.
 */

#include <stdlib.h>
#include <time.h>

#include "lotse-core.h"

#include "bench-load.h"

#define DEFAULT_RUNS 20
#define LOAD_RUNS    100
#define LOAD_ITEMS   30

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a;
  double y = *(const double *) b;

  return (x > y) - (x < y);
}

static double
cpu_ms (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec * 1000.0 + ts.tv_nsec / 1e6;
}

static void
print_figures (const char *what,
               double     *times,
               guint       n,
               const char *extra)
{
  qsort (times, n, sizeof times[0], compare_doubles);
  g_print ("  %-8s median %7.2f ms  p95 %7.2f ms  max %7.2f ms  (%u runs)%s\n", what,
           times[n / 2], times[MIN (n - 1, n * 95 / 100)], times[n - 1], n, extra);
}

/* The series with the most meetings, and the start of each one’s last. */
static GPtrArray *
pick_series (LotseStore  *store,
             guint        n,
             GHashTable  *last_start,
             GError     **error)
{
  g_autoptr(GPtrArray) series = lotse_store_list (store, "meeting_series", NULL, 0, NULL, 0, 0,
                                                  error);
  g_autoptr(GPtrArray) counted = g_ptr_array_new ();
  GPtrArray *picked = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GHashTable) counts = g_hash_table_new (g_str_hash, g_str_equal);

  if (series == NULL)
    return NULL;

  for (guint i = 0; i < series->len; i++)
    {
      const char *id = lotse_record_get_id (g_ptr_array_index (series, i));
      LotseFilter filter = { "series_id", id };
      g_autoptr(GPtrArray) meetings = lotse_store_list (store, "meeting", &filter, 1,
                                                        "-starts_at", 0, 0, error);

      if (meetings == NULL)
        return NULL;
      if (meetings->len == 0)
        continue;

      g_hash_table_insert (last_start, g_strdup (id),
                           g_strdup (lotse_record_get (g_ptr_array_index (meetings, 0),
                                                       "starts_at")));
      g_hash_table_insert (counts, (gpointer) id, GINT_TO_POINTER ((int) meetings->len));
      g_ptr_array_add (counted, (gpointer) id);
    }

  for (guint k = 0; k < n && counted->len > 0; k++)
    {
      guint best = 0;

      for (guint i = 1; i < counted->len; i++)
        {
          if (GPOINTER_TO_INT (g_hash_table_lookup (counts, counted->pdata[i])) >
              GPOINTER_TO_INT (g_hash_table_lookup (counts, counted->pdata[best])))
            best = i;
        }
      g_ptr_array_add (picked, g_strdup (counted->pdata[best]));
      g_ptr_array_remove_index (counted, best);
    }

  return picked;
}

static gboolean
bench_prepare (LotseStore  *store,
               guint        runs,
               GError     **error)
{
  g_autoptr(GHashTable) last_start = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                            g_free);
  g_autoptr(GPtrArray) series = pick_series (store, runs, last_start, error);
  g_autofree double *times = NULL;
  g_autofree double *cpu_times = NULL;
  g_autofree char *extra = NULL;
  guint total_items = 0, max_items = 0;

  if (series == NULL)
    return FALSE;
  if (series->len == 0)
    {
      g_print ("  prepare: the database has no meetings\n");
      return TRUE;
    }

  times = g_new (double, series->len);
  cpu_times = g_new (double, series->len);
  for (guint i = 0; i < series->len; i++)
    {
      const char *id = g_ptr_array_index (series, i);
      g_autoptr(GDateTime) last = g_date_time_new_from_iso8601 (g_hash_table_lookup (last_start, id),
                                                                NULL);
      g_autoptr(GDateTime) now = g_date_time_add_days (last, 1);
      g_autoptr(LotseRecord) meeting = NULL;
      g_autoptr(GPtrArray) agenda = NULL;
      gint64 start;
      double cpu_start;

      if (!lotse_store_begin (store, error))
        return FALSE;

      start = g_get_monotonic_time ();
      cpu_start = cpu_ms ();
      meeting = lotse_meeting_prepare_next_at (store, id, NULL, now, error);
      times[i] = (g_get_monotonic_time () - start) / 1000.0;
      cpu_times[i] = cpu_ms () - cpu_start;

      if (meeting != NULL)
        agenda = lotse_meeting_list_agenda (store, lotse_record_get_id (meeting), error);
      lotse_store_rollback (store);
      if (agenda == NULL)
        return FALSE;

      total_items += agenda->len;
      max_items = MAX (max_items, agenda->len);
    }

  extra = g_strdup_printf ("  agenda items: mean %.1f, max %u", (double) total_items / series->len,
                           max_items);
  print_figures ("prepare", times, series->len, extra);
  print_figures ("  (CPU)", cpu_times, series->len, "");

  return TRUE;
}

static gboolean
bench_load (LotseStore  *store,
            GError     **error)
{
  g_autoptr(GPtrArray) series = lotse_store_list (store, "meeting_series", NULL, 0, NULL, 1, 0,
                                                  error);
  g_autoptr(GPtrArray) people = lotse_store_list (store, "person", NULL, 0, NULL, 8, 0, error);
  g_autoptr(LotseRecord) meeting = lotse_record_new_for_table ("meeting");
  double times[LOAD_RUNS];
  gboolean ok = TRUE;

  if (series == NULL || people == NULL)
    return FALSE;

  if (!lotse_store_begin (store, error))
    return FALSE;

  if (series->len > 0)
    lotse_record_set (meeting, "series_id", lotse_record_get_id (g_ptr_array_index (series, 0)));
  lotse_record_set (meeting, "title", "Benchmark meeting");
  lotse_record_set (meeting, "kind", "jour_fixe");
  lotse_record_set (meeting, "starts_at", "2030-01-08T10:00:00+01:00");
  lotse_record_set (meeting, "status", "draft");
  ok = lotse_store_insert (store, meeting, error);

  for (guint i = 0; ok && i < LOAD_ITEMS; i++)
    {
      g_autoptr(LotseRecord) item = lotse_record_new_for_table ("agenda_item");
      g_autofree char *title = g_strdup_printf ("Tagesordnungspunkt %u", i + 1);

      lotse_record_set (item, "meeting_id", lotse_record_get_id (meeting));
      lotse_record_set_int (item, "position", i + 1);
      lotse_record_set (item, "title", title);
      lotse_record_set (item, "kind", "discussion");
      lotse_record_set (item, "status", "open");
      lotse_record_set_int (item, "duration_min", 10);
      lotse_record_set (item, "notes", "Notizen aus der Sitzung, ein paar Sätze lang.");
      ok = lotse_store_insert (store, item, error);
    }

  for (guint i = 0; ok && i < people->len; i++)
    {
      g_autoptr(LotseRecord) participant = lotse_record_new_for_table ("meeting_participant");

      lotse_record_set (participant, "meeting_id", lotse_record_get_id (meeting));
      lotse_record_set (participant, "person_id",
                        lotse_record_get_id (g_ptr_array_index (people, i)));
      lotse_record_set (participant, "attendance", "invited");
      ok = lotse_store_insert (store, participant, error);
    }

  for (guint i = 0; ok && i < LOAD_RUNS; i++)
    {
      g_autoptr(LotseRecord) loaded = NULL;
      g_autoptr(GPtrArray) agenda = NULL;
      g_autoptr(GPtrArray) participants = NULL;
      gint64 start = g_get_monotonic_time ();

      loaded = lotse_store_get (store, "meeting", lotse_record_get_id (meeting), error);
      if (loaded != NULL)
        agenda = lotse_meeting_list_agenda (store, lotse_record_get_id (loaded), error);
      if (agenda != NULL)
        participants = lotse_meeting_list_participants (store, lotse_record_get_id (loaded),
                                                        error);
      times[i] = (g_get_monotonic_time () - start) / 1000.0;

      ok = participants != NULL && agenda->len == LOAD_ITEMS;
    }

  lotse_store_rollback (store);
  if (!ok)
    return FALSE;

  print_figures ("load", times, LOAD_RUNS, "  (a meeting, 30 agenda items, 8 participants)");
  return TRUE;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LotseStore) store = NULL;
  guint64 runs = DEFAULT_RUNS;

  bench_print_load ("before");

  if (argc != 2 && argc != 3)
    {
      g_printerr ("usage: %s DATABASE [RUNS]\n", argv[0]);
      return 2;
    }
  if (argc == 3 && (!g_ascii_string_to_unsigned (argv[2], 10, 1, 1000, &runs, NULL)))
    {
      g_printerr ("RUNS must be a number from 1 to 1000\n");
      return 2;
    }

  store = lotse_store_open (argv[1], &error);
  if (store == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }

  g_print ("meeting: prepare the next meeting (rolled back), load a meeting\n");
  if (!bench_prepare (store, (guint) runs, &error) || !bench_load (store, &error))
    {
      g_printerr ("%s\n", error != NULL ? error->message : "the benchmark failed");
      return 1;
    }

  bench_print_load ("after");
  return 0;
}
