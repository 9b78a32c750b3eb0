/* bench-attach-frames.c: frames while a large file is attached
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 *   bench-attach-frames [MIB [RUNS]]   (default 100 3; under xvfb-run)
 *
 * Adds a file of MIB MiB to a meeting through LotseAttachmentList, the
 * widget the drop target and the file chooser hand their files to
 * (lotse_attachment_list_add_files()), and records the time between
 * frames (a tick callback on the window) until the row is stored. The
 * file is written just before, so it is read from the page cache: the
 * hashing and the copy are what is measured. Target: a frame at least
 * every 50 ms. Printed: the longest gap while the file is hashed and
 * copied (until the row is stored), the longest until the new row is
 * painted (the list's reload and its rendering: under Xvfb, GL is
 * llvmpipe; GSK_RENDERER=cairo to compare), each with the main thread's
 * CPU time in it (work that blocked it, against waiting for a core of a
 * busy machine), and the longest gap of the same window while nothing
 * is attached, for as long, as the machine's own figure.
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <time.h>

#include "lotse-attachment-list.h"
#include "lotse-core.h"
#include "lotse-test-helpers.h"

#include "bench-load.h"

static gint64 last_frame;
static gint64 last_cpu;
static gint64 longest_gap;
static gint64 longest_gap_cpu;
static guint n_frames;

static gint64
thread_cpu (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return (gint64)ts.tv_sec * G_USEC_PER_SEC + ts.tv_nsec / 1000;
}

static gboolean
on_tick (GtkWidget     *widget,
         GdkFrameClock *clock,
         gpointer       user_data)
{
  gint64 now = g_get_monotonic_time ();
  gint64 cpu = thread_cpu ();

  if (last_frame > 0 && now - last_frame > longest_gap)
    {
      longest_gap = now - last_frame;
      longest_gap_cpu = cpu - last_cpu;
    }
  last_frame = now;
  last_cpu = cpu;
  n_frames++;
  return G_SOURCE_CONTINUE;
}

static void
write_file (const char *path,
            gsize       size)
{
  g_autofree guint64 *block = g_malloc (size);
  g_autoptr(GError) error = NULL;
  guint64 state = (guint64)g_get_real_time () | 1;

  for (gsize w = 0; w < size / sizeof (guint64); w++)
    {
      state ^= state << 13;
      state ^= state >> 7;
      state ^= state << 17;
      block[w] = state;
    }
  if (!g_file_set_contents_full (path, (const char *)block, size, G_FILE_SET_CONTENTS_NONE, 0600, &error))
    g_error ("%s", error->message);
}

static gint64 longest_iteration;
static gint64 longest_iteration_cpu;

/* One round of the main loop, timed: one that takes long with little CPU
 * waited in a system call (a blocking write), one that is short while
 * frames are late left the main thread waiting for the frame clock. */
static void
iterate (void)
{
  gint64 start = g_get_monotonic_time ();
  gint64 cpu = thread_cpu ();

  g_main_context_iteration (NULL, TRUE);
  cpu = thread_cpu () - cpu;
  start = g_get_monotonic_time () - start;
  if (cpu > longest_iteration_cpu)
    {
      longest_iteration_cpu = cpu;
      longest_iteration = start;
    }
}

static void
reset_frames (void)
{
  last_frame = 0;
  longest_gap = 0;
  longest_gap_cpu = 0;
  n_frames = 0;
  longest_iteration = 0;
  longest_iteration_cpu = 0;
}

/* The window idle for @us: what the machine's load alone does to it. */
static void
idle (gint64 us)
{
  gint64 end;

  reset_frames ();
  end = g_get_monotonic_time () + us;
  while (g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, TRUE);
  g_print ("        idle as long: %u frames, longest gap %.1f ms (main thread CPU %.1f ms)\n", n_frames,
           longest_gap / 1000.0, longest_gap_cpu / 1000.0);
}

static void
run (LotseAttachmentList *list,
     LotseStore          *store,
     const char          *owner_id,
     const char          *dir,
     gsize                size,
     guint                index)
{
  g_autofree char *name = g_strdup_printf ("Anlage-%u.bin", index);
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;
  GSList files = { file, NULL };
  gint64 start;
  gint64 copy_gap, copy_gap_cpu;

  write_file (path, size);
  /* A few frames first: the clock runs before the file is dropped. */
  for (guint frames = n_frames + 3; n_frames < frames;)
    g_main_context_iteration (NULL, TRUE);

  reset_frames ();
  start = g_get_monotonic_time ();
  lotse_attachment_list_add_files (list, &files);
  while (lotse_attachment_list_get_pending (list) > 0)
    iterate ();
  copy_gap = longest_gap;
  copy_gap_cpu = longest_gap_cpu;
  longest_gap = 0;
  longest_gap_cpu = 0;
  for (guint frames = n_frames + 3; n_frames < frames;)
    iterate ();

  rows = lotse_attachment_list (store, LOTSE_TABLE_MEETING, owner_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, index);
  start = g_get_monotonic_time () - start;
  g_print ("run %u: shown after %.0f ms, %u frames; longest gap while hashed and copied %.1f ms (main thread "
           "CPU %.1f ms; target <= 50 ms), until the row is painted %.1f ms (CPU %.1f ms)\n", index, start / 1000.0,
           n_frames, copy_gap / 1000.0, copy_gap_cpu / 1000.0, longest_gap / 1000.0, longest_gap_cpu / 1000.0);
  g_print ("        the busiest main loop round: %.1f ms CPU in %.1f ms\n", longest_iteration_cpu / 1000.0,
           longest_iteration / 1000.0);
  g_unlink (path);
  idle (start);
}

int
main (int   argc,
      char *argv[])
{
  gsize mib = argc > 1 ? (gsize)g_ascii_strtoull (argv[1], NULL, 10) : 100;
  guint runs = argc > 2 ? (guint)g_ascii_strtoull (argv[2], NULL, 10) : 3;
  g_autofree char *dir = g_dir_make_tmp ("lotse-bench-frames-XXXXXX", NULL);
  g_autofree char *db = g_build_filename (dir, "bench.db", NULL);
  g_autoptr(LotseStore) store = NULL;
  g_autoptr(LotseRecord) meeting = NULL;
  g_autoptr(GError) error = NULL;
  LotseAttachmentList *list;
  GtkWidget *window;

  gtk_init ();
  adw_init ();
  bench_print_load ("before");

  store = lotse_store_open (db, &error);
  g_assert_no_error (error);
  meeting = lotse_record_new_for_table (LOTSE_TABLE_MEETING);
  lotse_record_set (meeting, LOTSE_MEETING_TITLE, "Jour fixe");
  lotse_store_insert (store, meeting, &error);
  g_assert_no_error (error);

  window = adw_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (window), 800, 600);
  list = g_object_new (LOTSE_TYPE_ATTACHMENT_LIST, NULL);
  lotse_attachment_list_set_owner (list, store, LOTSE_TABLE_MEETING, lotse_record_get_id (meeting));
  adw_window_set_content (ADW_WINDOW (window), GTK_WIDGET (list));
  gtk_window_present (GTK_WINDOW (window));
  gtk_widget_add_tick_callback (window, on_tick, NULL, NULL);

  for (guint i = 1; i <= runs; i++)
    run (list, store, lotse_record_get_id (meeting), dir, mib * 1024 * 1024, i);

  gtk_window_destroy (GTK_WINDOW (window));
  g_clear_object (&store);
  lotse_test_remove_tree (dir);
  bench_print_load ("after");
  return 0;
}
