/* bench-scroll-rss.c: memory while scrolling through all projects
 *
 *   bench-scroll-rss DB
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs itself twice, each time in a new process: once over a new empty
 * database and once over DB. Each opens the real window over it (all its
 * views and panels, through the application, see bench-window.c),
 * scrolls its project list from the first row to the last a screen at a
 * time, painting every step, and reports its resident memory (VmRSS) after
 * the first frame and after the last row. The target: after scrolling
 * through all rows of DB the process holds less than 30 MB more than over
 * the empty database.
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>

#include "bench-window.h"
#include "lotse-core.h"

#define TARGET_MB 30.0

static gboolean painted;

static double
rss_mb (void)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return -1;
  line = strstr (status, "VmRSS:");
  if (line == NULL)
    return -1;

  return g_ascii_strtod (line + strlen ("VmRSS:"), NULL) / 1024.0;
}

static void
on_after_paint (GdkFrameClock *clock,
                gpointer       user_data)
{
  painted = TRUE;
}

static void
wait_for_paint (void)
{
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  painted = FALSE;
  while (!painted && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
}

static GtkScrolledWindow *
find_scroller (GtkWidget *widget)
{
  if (GTK_IS_SCROLLED_WINDOW (widget) && GTK_IS_LIST_VIEW (gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (widget))))
    return GTK_SCROLLED_WINDOW (widget);

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkScrolledWindow *found = find_scroller (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The child: prints "ROWS START_MB END_MB LOADED". */
static int
measure (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LotseStore) store = NULL;
  LotsePortfolioView *view;
  GtkWindow *window;
  GtkScrolledWindow *scroller;
  GtkAdjustment *adjustment;
  GdkFrameClock *clock;
  double start_mb, end_mb;
  guint n_rows;

  gtk_init ();
  adw_init ();

  store = lotse_store_open (path, &error);
  if (store == NULL)
    g_error ("%s", error->message);

  window = bench_open_window (store, 1000, 800, &view);
  clock = gtk_widget_get_frame_clock (GTK_WIDGET (window));
  g_signal_connect (clock, "after-paint", G_CALLBACK (on_after_paint), NULL);
  wait_for_paint ();
  /* The view reads its list after its first frame; make sure it has. */
  lotse_portfolio_view_get_project_list (view);
  for (guint i = 0; i < 5; i++)
    wait_for_paint ();

  n_rows = g_list_model_get_n_items (G_LIST_MODEL (lotse_portfolio_view_get_project_list (view)));
  start_mb = rss_mb ();

  scroller = find_scroller (GTK_WIDGET (view));
  g_assert (scroller != NULL);
  adjustment = gtk_scrolled_window_get_vadjustment (scroller);

  if (n_rows > 0)
    {
      double value = 0;

      while (value + gtk_adjustment_get_page_size (adjustment) < gtk_adjustment_get_upper (adjustment))
        {
          value += gtk_adjustment_get_page_size (adjustment);
          gtk_adjustment_set_value (adjustment, value);
          wait_for_paint ();
        }
    }
  for (guint i = 0; i < 5; i++)
    wait_for_paint ();

  end_mb = rss_mb ();
  g_print ("%u %.1f %.1f %u\n", n_rows, start_mb, end_mb,
           lotse_project_list_get_n_loaded (lotse_portfolio_view_get_project_list (view)));

  gtk_window_destroy (window);
  return 0;
}

static gboolean
run_child (const char *self_path,
           const char *db,
           double     *start_mb,
           double     *end_mb,
           guint      *n_rows,
           guint      *n_loaded)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  const char *argv[] = { self_path, "--measure", db, NULL };
  int status;

  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, NULL, &status, &error) ||
      !g_spawn_check_wait_status (status, &error))
    {
      g_printerr ("bench-scroll-rss: %s\n", error->message);
      return FALSE;
    }

  return sscanf (out, "%u %lf %lf %u", n_rows, start_mb, end_mb, n_loaded) == 4;
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *dir = NULL;
  g_autofree char *empty = NULL;
  g_autofree char *self_path = NULL;
  g_autoptr(GError) error = NULL;
  double empty_start, empty_end, full_start, full_end;
  guint empty_rows, full_rows, empty_loaded, full_loaded;
  gboolean ok;

  if (argc == 3 && g_str_equal (argv[1], "--measure"))
    return measure (argv[2]);

  if (argc != 2)
    {
      g_printerr ("Usage: bench-scroll-rss DB\n");
      return 2;
    }

  dir = g_dir_make_tmp ("lotse-bench-rss-XXXXXX", &error);
  if (dir == NULL)
    g_error ("%s", error->message);
  empty = g_build_filename (dir, "empty.db", NULL);
  self_path = g_file_read_link ("/proc/self/exe", NULL);

  ok = run_child (self_path, empty, &empty_start, &empty_end, &empty_rows, &empty_loaded) &&
       run_child (self_path, argv[1], &full_start, &full_end, &full_rows, &full_loaded);

  g_unlink (empty);
  {
    g_autofree char *wal = g_strconcat (empty, "-wal", NULL);
    g_autofree char *shm = g_strconcat (empty, "-shm", NULL);

    g_unlink (wal);
    g_unlink (shm);
  }
  g_rmdir (dir);

  if (!ok)
    return 1;

  g_print ("empty database:   %5u rows, RSS %.1f MB after the first frame, %.1f MB at the end\n",
           empty_rows, empty_start, empty_end);
  g_print ("%-16s  %5u rows, RSS %.1f MB after the first frame, %.1f MB after scrolling to the last row"
           " (%u rows held)\n", "generated:", full_rows, full_start, full_end, full_loaded);
  g_print ("growth over the empty database: %.1f MB (target under %.0f MB: %s)\n",
           full_end - empty_end, TARGET_MB, full_end - empty_end < TARGET_MB ? "met" : "MISSED");
  g_print ("growth while scrolling: %.1f MB\n", full_end - full_start);

  return 0;
}
