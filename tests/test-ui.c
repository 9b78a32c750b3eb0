/* test-ui.c: the application window over a temporary database
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs under Xvfb and a session bus. Builds the real window, drives it
 * through its actions and widgets, iterates the main context until the
 * expected state shows (with a bounded wait), and checks the store and
 * the settings.
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <locale.h>

#include "lotse-agenda-row.h"
#include "lotse-application-private.h"
#include "lotse-jourfixe-view-private.h"
#include "lotse-knowledge-view.h"
#include "lotse-portfolio-view.h"
#include "lotse-preferences-window-private.h"
#include "lotse-project-detail.h"
#include "lotse-record-row.h"
#include "lotse-test-helpers.h"
#include "lotse-view-private.h"
#include "lotse-window-private.h"

#define RESOURCE_PATH "/app/lotse/Lotse"
#define WAIT_USEC     (10 * G_USEC_PER_SEC)

static LotseApplication *app;

static const struct
{
  const char *view;
  const char *table;
} views[] = {
  { "portfolio", "project" },
  { "jourfixe", "meeting" },
  { "knowledge", "article" },
};

typedef struct
{
  char        *dir;
  LotseStore  *store;
  LotseWindow *window;
  GSettings   *settings;
} Fixture;

typedef gboolean (*Condition) (gpointer data);

/* Iterates the default main context until @condition holds or the wait
 * runs out; returns whether it held. */
static gboolean
wait_until (Condition condition,
            gpointer  data)
{
  gint64 deadline = g_get_monotonic_time () + WAIT_USEC;

  while (!condition (data))
    {
      if (g_get_monotonic_time () > deadline)
        return FALSE;
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (1000);
    }

  return TRUE;
}

static void
iterate_until_idle (void)
{
  gint64 deadline = g_get_monotonic_time () + WAIT_USEC;

  while (g_main_context_pending (NULL) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, FALSE);
}

static void
reset_settings (GSettings *settings)
{
  const char *keys[] = {
    "window-width", "window-height", "window-maximized", "last-view", "monitor-days",
  };

  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    g_settings_reset (settings, keys[i]);
}

static void
destroy_all_windows (void)
{
  GList *windows;

  while ((windows = gtk_window_list_toplevels ()) != NULL)
    {
      gtk_window_destroy (GTK_WINDOW (windows->data));
      g_list_free (windows);
    }
  iterate_until_idle ();
}

static LotseWindow *
activate_window (void)
{
  GtkWindow *window;

  g_application_activate (G_APPLICATION (app));
  window = gtk_application_get_active_window (GTK_APPLICATION (app));
  g_assert_true (LOTSE_IS_WINDOW (window));
  iterate_until_idle ();

  return LOTSE_WINDOW (window);
}

static GtkStack *
get_view_stack (LotseWindow *window,
                const char  *name)
{
  return lotse_view_get_stack (LOTSE_VIEW (lotse_window_get_view (window, name)));
}

static GtkListView *
get_list_view (LotseWindow *window,
               const char  *name)
{
  return lotse_view_get_list_view (LOTSE_VIEW (lotse_window_get_view (window, name)));
}

static guint
list_n_items (LotseWindow *window,
              const char  *name)
{
  GListModel *model = G_LIST_MODEL (gtk_list_view_get_model (get_list_view (window, name)));

  return model != NULL ? g_list_model_get_n_items (model) : 0;
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  f->settings = g_settings_new (APPLICATION_ID);
  reset_settings (f->settings);
  f->store = lotse_test_open_store (&f->dir);
  lotse_application_set_store (app, f->store);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  destroy_all_windows ();
  lotse_application_set_store (app, NULL);
  g_clear_object (&f->store);
  g_clear_object (&f->settings);
  lotse_test_remove_tree (f->dir);
  g_clear_pointer (&f->dir, g_free);
}

/* Every .ui file in the resources builds: templates by instantiating their
 * class, the others with a GtkBuilder. */
static void
collect_ui_files (const char *path,
                  GPtrArray  *files)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) children = g_resources_enumerate_children (path, 0, &error);

  g_assert_no_error (error);
  for (guint i = 0; children[i] != NULL; i++)
    {
      g_autofree char *child = g_strconcat (path, children[i], NULL);

      if (g_str_has_suffix (child, "/"))
        collect_ui_files (child, files);
      else if (g_str_has_suffix (child, ".ui"))
        g_ptr_array_add (files, g_steal_pointer (&child));
    }
}

static char *
template_class_name (GBytes *bytes)
{
  g_autofree char *text = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  const char *start = strstr (text, "<template class=\"");
  const char *end;

  if (start == NULL)
    return NULL;

  start += strlen ("<template class=\"");
  end = strchr (start, '"');
  g_assert_nonnull (end);

  return g_strndup (start, end - start);
}

static void
build_template (const char *class_name)
{
  g_autoptr(GtkBuilder) builder = gtk_builder_new ();
  /* As a template that names the class finds it: the window builds its
   * views, and registers their types, only when it shows them. */
  GType type = gtk_builder_get_type_from_name (builder, class_name);
  GObject *object;

  g_assert_true (type != 0);
  g_assert_true (g_type_is_a (type, GTK_TYPE_WIDGET));

  /* A template that does not build aborts in gtk_widget_init_template. */
  object = g_object_new (type, NULL);
  if (GTK_IS_WINDOW (object))
    gtk_window_destroy (GTK_WINDOW (object));
  else
    g_object_unref (g_object_ref_sink (object));
}

/* The template of a list item is built by a GtkBuilderListItemFactory for
 * each row: one row of a list view with that factory. */
static void
build_list_item (const char *path)
{
  GtkListItemFactory *factory = gtk_builder_list_item_factory_new_from_resource (NULL, path);
  GtkStringList *items = gtk_string_list_new ((const char * const[]) { "x", NULL });
  GtkWidget *window = gtk_window_new ();
  GtkWidget *list = gtk_list_view_new (GTK_SELECTION_MODEL (gtk_no_selection_new (G_LIST_MODEL (items))),
                                       factory);
  gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

  gtk_window_set_child (GTK_WINDOW (window), list);
  gtk_window_present (GTK_WINDOW (window));
  /* A template that does not build aborts when the row is made. */
  while (gtk_widget_get_first_child (list) == NULL && g_get_monotonic_time () < deadline)
    if (!g_main_context_iteration (NULL, FALSE))
      g_usleep (1000);
  g_assert_nonnull (gtk_widget_get_first_child (list));
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_resources_build (void)
{
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_free);

  g_type_ensure (LOTSE_TYPE_WINDOW);
  g_type_ensure (LOTSE_TYPE_PREFERENCES_WINDOW);
  g_type_ensure (LOTSE_TYPE_PORTFOLIO_VIEW);
  g_type_ensure (LOTSE_TYPE_JOURFIXE_VIEW);
  g_type_ensure (LOTSE_TYPE_KNOWLEDGE_VIEW);
  g_type_ensure (LOTSE_TYPE_RECORD_ROW);
  g_type_ensure (LOTSE_TYPE_AGENDA_ROW);
  g_type_ensure (LOTSE_TYPE_AGENDA_EDITOR);
  g_type_ensure (LOTSE_TYPE_AGENDA_MINUTES);
  g_type_ensure (LOTSE_TYPE_PROJECT_DETAIL);

  collect_ui_files (RESOURCE_PATH "/", files);
  g_assert_cmpuint (files->len, >=, 6);

  for (guint i = 0; i < files->len; i++)
    {
      const char *path = g_ptr_array_index (files, i);
      g_autoptr(GError) error = NULL;
      g_autoptr(GBytes) bytes = g_resources_lookup_data (path, 0, &error);
      g_autofree char *class_name = NULL;

      g_test_message ("building %s", path);
      g_assert_no_error (error);

      class_name = template_class_name (bytes);
      if (g_strcmp0 (class_name, "GtkListItem") == 0)
        {
          build_list_item (path);
        }
      else if (class_name != NULL)
        {
          build_template (class_name);
        }
      else
        {
          g_autoptr(GtkBuilder) builder = gtk_builder_new ();
          GSList *objects;

          gtk_builder_add_from_resource (builder, path, &error);
          g_assert_no_error (error);

          objects = gtk_builder_get_objects (builder);
          for (const GSList *l = objects; l != NULL; l = l->next)
            if (GTK_IS_WINDOW (l->data))
              gtk_window_destroy (GTK_WINDOW (l->data));
          g_slist_free (objects);
        }
    }

  destroy_all_windows ();
}

static gboolean
all_views_empty (gpointer data)
{
  LotseWindow *window = data;

  for (guint i = 0; i < G_N_ELEMENTS (views); i++)
    if (g_strcmp0 (gtk_stack_get_visible_child_name (get_view_stack (window, views[i].view)),
                   "empty") != 0)
      return FALSE;
  return TRUE;
}

static void
test_window_empty (Fixture       *f,
                   gconstpointer  data)
{
  /* Even when the last session ended elsewhere, an empty database opens
   * where the demo is offered. */
  g_settings_set_string (f->settings, "last-view", "knowledge");
  f->window = activate_window ();

  g_assert_cmpstr (gtk_stack_get_visible_child_name (lotse_window_get_main_stack (f->window)),
                   ==, "views");
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (lotse_window_get_view_stack (f->window)),
                   ==, "portfolio");
  g_assert_true (wait_until (all_views_empty, f->window));
  for (guint i = 0; i < G_N_ELEMENTS (views); i++)
    g_assert_cmpuint (list_n_items (f->window, views[i].view), ==, 0);

  g_assert_true (g_action_group_get_action_enabled (G_ACTION_GROUP (app), "load-demo"));
  /* The shortcuts window is built when first asked for (test-shortcuts
   * opens it with Ctrl+?). */
  g_assert_null (gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (f->window)));
  g_assert_true (g_action_group_get_action_enabled (G_ACTION_GROUP (f->window), "show-help-overlay"));
}

typedef struct
{
  LotseWindow *window;
  LotseStore  *store;
  const char  *view;
  const char  *table;
} ListCheck;

static gboolean
view_lists_its_table (gpointer data)
{
  ListCheck *check = data;
  gint64 count = lotse_store_count (check->store, check->table, NULL, 0, NULL);

  return count > 0 &&
         list_n_items (check->window, check->view) == (guint)count &&
         g_strcmp0 (gtk_stack_get_visible_child_name (get_view_stack (check->window, check->view)),
                    "list") == 0;
}

static LotseRecordRow *
find_first_row (GtkWidget *widget)
{
  if (LOTSE_IS_RECORD_ROW (widget) && gtk_widget_get_mapped (widget))
    return LOTSE_RECORD_ROW (widget);

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      LotseRecordRow *row = find_first_row (child);

      if (row != NULL)
        return row;
    }
  return NULL;
}

static gboolean
has_mapped_row (gpointer data)
{
  return find_first_row (data) != NULL;
}

static void
test_window_load_demo (Fixture       *f,
                       gconstpointer  data)
{
  GtkListView *projects;
  LotseRecordRow *row;
  g_autoptr(LotseRecord) first = NULL;

  f->window = activate_window ();
  g_assert_true (wait_until (all_views_empty, f->window));

  gtk_widget_activate_action (GTK_WIDGET (f->window), "app.load-demo", NULL);
  g_assert_false (lotse_store_is_empty (f->store));

  /* Each view, once shown, lists all rows of its table. */
  for (guint i = 0; i < G_N_ELEMENTS (views); i++)
    {
      ListCheck check = { f->window, f->store, views[i].view, views[i].table };

      gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-view", "s", views[i].view);
      g_assert_true (wait_until (view_lists_its_table, &check));
    }

  /* The visible rows show the records, health in words beside the dot. */
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-view", "s", "portfolio");
  projects = get_list_view (f->window, "portfolio");
  g_assert_true (wait_until (has_mapped_row, projects));
  row = find_first_row (GTK_WIDGET (projects));
  first = g_list_model_get_item (G_LIST_MODEL (gtk_list_view_get_model (projects)), 0);
  g_assert_cmpstr (lotse_record_row_get_title (row), ==, lotse_record_get (first, "title"));
  if (lotse_record_get (first, "health") != NULL)
    g_assert_cmpstr (lotse_record_row_get_badge (row), ==,
                     lotse_enum_value_label ("project", "health",
                                             lotse_record_get (first, "health")));
}

static void
test_window_show_view (Fixture       *f,
                       gconstpointer  data)
{
  AdwViewStack *stack;
  g_autofree char *last_view = NULL;
  g_auto(GStrv) accels = NULL;

  f->window = activate_window ();
  stack = lotse_window_get_view_stack (f->window);

  for (guint i = 0; i < G_N_ELEMENTS (views); i++)
    {
      gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-view", "s", views[i].view);
      iterate_until_idle ();
      g_assert_cmpstr (adw_view_stack_get_visible_child_name (stack), ==, views[i].view);
    }

  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-view", "s", "jourfixe");
  iterate_until_idle ();
  last_view = g_settings_get_string (f->settings, "last-view");
  g_assert_cmpstr (last_view, ==, "jourfixe");

  accels = gtk_application_get_accels_for_action (GTK_APPLICATION (app),
                                                  "win.show-view::knowledge");
  g_assert_cmpstrv (accels, ((const char *[]) { "<Control>3", NULL }));
}

static gboolean
flag_is_set (gpointer data)
{
  return *(gboolean *)data;
}

static void
set_flag (gboolean *flag)
{
  *flag = TRUE;
}

static void
test_window_size_saved (Fixture       *f,
                        gconstpointer  data)
{
  int width = 0, height = 0;
  gboolean destroyed = FALSE;

  g_settings_set_int (f->settings, "window-width", 700);
  g_settings_set_int (f->settings, "window-height", 500);
  f->window = activate_window ();

  /* Restored from the settings ... */
  gtk_window_get_default_size (GTK_WINDOW (f->window), &width, &height);
  g_assert_cmpint (width, ==, 700);
  g_assert_cmpint (height, ==, 500);

  /* ... and saved to them when the window closes. */
  gtk_window_set_default_size (GTK_WINDOW (f->window), 820, 610);
  iterate_until_idle ();
  g_signal_connect_swapped (f->window, "destroy", G_CALLBACK (set_flag), &destroyed);
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.close", NULL);
  g_assert_true (wait_until (flag_is_set, &destroyed));

  g_assert_cmpint (g_settings_get_int (f->settings, "window-width"), ==, 820);
  g_assert_cmpint (g_settings_get_int (f->settings, "window-height"), ==, 610);
  g_assert_false (g_settings_get_boolean (f->settings, "window-maximized"));
}

static gboolean
switcher_bar_revealed (gpointer data)
{
  AdwViewSwitcherBar *bar = NULL;

  for (GtkWidget *child = gtk_widget_get_first_child (data);
       child != NULL && bar == NULL;
       child = gtk_widget_get_next_sibling (child))
    if (ADW_IS_VIEW_SWITCHER_BAR (child))
      bar = ADW_VIEW_SWITCHER_BAR (child);

  return bar != NULL && adw_view_switcher_bar_get_reveal (bar);
}

static void
test_window_narrow (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *meeting_id = NULL;
  GtkWidget *jourfixe;
  GtkWidget *content;
  int minimum = 0;

  g_settings_set_int (f->settings, "window-width", 360);
  f->window = activate_window ();
  gtk_widget_activate_action (GTK_WIDGET (f->window), "app.load-demo", NULL);
  iterate_until_idle ();

  /* Usable at 360 px: nothing asks for more, and the view switcher moves
   * to the bottom bar. */
  for (guint i = 0; i < G_N_ELEMENTS (views); i++)
    {
      g_autofree char *sql = NULL;
      g_autofree char *id = NULL;

      gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-view", "s", views[i].view);
      iterate_until_idle ();
      gtk_widget_measure (GTK_WIDGET (f->window), GTK_ORIENTATION_HORIZONTAL, -1,
                          &minimum, NULL, NULL, NULL);
      g_test_message ("%s: minimum width %d", views[i].view, minimum);
      g_assert_cmpint (minimum, <=, 360);

      /* Also with a record open: the record with the longest title. */
      sql = g_strdup_printf ("SELECT id FROM %s WHERE NOT deleted ORDER BY length (title) DESC LIMIT 1",
                             views[i].table);
      id = lotse_test_query_text (lotse_store_get_path (lotse_window_get_store (f->window)), sql);
      gtk_widget_activate_action (GTK_WIDGET (f->window), "win.open-record", "(ss)", views[i].table, id);
      iterate_until_idle ();
      gtk_widget_measure (GTK_WIDGET (f->window), GTK_ORIENTATION_HORIZONTAL, -1,
                          &minimum, NULL, NULL, NULL);
      g_test_message ("%s %s open: minimum width %d", views[i].table, id, minimum);
      g_assert_cmpint (minimum, <=, 360);
    }

  /* Minutes mode on the standing item "Approval of the minutes of …",
   * with its Approve button and the item's clock: the longest line of
   * the current item's row. */
  meeting_id = lotse_test_query_text (lotse_store_get_path (lotse_window_get_store (f->window)),
                                      "SELECT meeting_id FROM agenda_item "
                                      "WHERE approves_meeting_id IS NOT NULL AND NOT deleted LIMIT 1");
  g_assert_nonnull (meeting_id);
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-view", "s", "jourfixe");
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.open-record", "(ss)", "meeting", meeting_id);
  iterate_until_idle ();
  jourfixe = lotse_window_get_view (f->window, "jourfixe");
  gtk_widget_activate_action (jourfixe, "jourfixe.toggle-minutes", NULL);
  iterate_until_idle ();
  gtk_widget_activate_action (GTK_WIDGET (lotse_jourfixe_view_get_meeting_detail (LOTSE_JOURFIXE_VIEW (jourfixe))),
                              "meeting.next-item", NULL);
  iterate_until_idle ();
  gtk_widget_measure (GTK_WIDGET (f->window), GTK_ORIENTATION_HORIZONTAL, -1,
                      &minimum, NULL, NULL, NULL);
  g_test_message ("minutes mode, approval item: minimum width %d", minimum);
  g_assert_cmpint (minimum, <=, 360);

  content = adw_application_window_get_content (ADW_APPLICATION_WINDOW (f->window));
  g_assert_true (wait_until (switcher_bar_revealed, gtk_widget_get_first_child (content)));
}

static void
test_window_open_error (Fixture       *f,
                        gconstpointer  data)
{
  static const char garbage[] = "This is not a database, and it must stay as it is.\n";
  g_autofree char *path = g_build_filename (f->dir, "broken.db", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  GStatBuf before, after;
  gsize length = 0;

  g_assert_true (g_file_set_contents (path, garbage, -1, &error));
  g_assert_cmpint (g_stat (path, &before), ==, 0);

  lotse_application_set_database_path (app, path);
  f->window = activate_window ();

  g_assert_null (lotse_window_get_store (f->window));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (lotse_window_get_main_stack (f->window)),
                   ==, "error");
  g_assert_false (g_action_group_get_action_enabled (G_ACTION_GROUP (app), "load-demo"));

  g_assert_true (g_file_get_contents (path, &contents, &length, &error));
  g_assert_cmpmem (contents, length, garbage, strlen (garbage));
  g_assert_cmpint (g_stat (path, &after), ==, 0);
  g_assert_cmpint (after.st_mtime, ==, before.st_mtime);
}

static LotsePreferencesWindow *
find_preferences_window (void)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (app)); l != NULL; l = l->next)
    if (LOTSE_IS_PREFERENCES_WINDOW (l->data))
      return l->data;
  return NULL;
}

static void
test_preferences (Fixture       *f,
                  gconstpointer  data)
{
  LotsePreferencesWindow *preferences;
  GtkSpinButton *spin;

  f->window = activate_window ();
  gtk_widget_activate_action (GTK_WIDGET (f->window), "app.preferences", NULL);
  iterate_until_idle ();

  preferences = find_preferences_window ();
  g_assert_nonnull (preferences);
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (preferences)) == GTK_WINDOW (f->window));
  g_assert_cmpstr (gtk_label_get_text (lotse_preferences_window_get_path_label (preferences)),
                   ==, lotse_store_get_path (f->store));

  spin = lotse_preferences_window_get_horizon_spin (preferences);
  g_assert_cmpint (gtk_spin_button_get_value_as_int (spin), ==, 14);

  gtk_spin_button_set_value (spin, 30);
  g_assert_cmpint (g_settings_get_int (f->settings, "monitor-days"), ==, 30);

  g_settings_set_int (f->settings, "monitor-days", 45);
  g_assert_cmpint (gtk_spin_button_get_value_as_int (spin), ==, 45);
}

static void
test_about (Fixture       *f,
            gconstpointer  data)
{
  AdwAboutWindow *about = NULL;
  GList *toplevels;

  f->window = activate_window ();
  gtk_widget_activate_action (GTK_WIDGET (f->window), "app.about", NULL);
  iterate_until_idle ();

  toplevels = gtk_window_list_toplevels ();
  for (const GList *l = toplevels; l != NULL; l = l->next)
    if (ADW_IS_ABOUT_WINDOW (l->data))
      about = l->data;
  g_list_free (toplevels);

  g_assert_nonnull (about);
  g_assert_cmpstr (adw_about_window_get_application_name (about), ==, "Lotse");
  g_assert_cmpstr (adw_about_window_get_version (about), ==, PACKAGE_VERSION);
  g_assert_nonnull (strstr (adw_about_window_get_comments (about), "fictional"));
}

static void
quit_when_shown (GApplication *application)
{
  LotseWindow *window = LOTSE_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (application)));
  LotseStore *store = lotse_window_get_store (window);

  g_assert_nonnull (store);
  g_assert_cmpstr (lotse_store_get_path (store), ==,
                   lotse_application_get_database_path (LOTSE_APPLICATION (application)));
  g_application_quit (application);
}

static void
test_application_database_option (void)
{
  g_autofree char *dir = lotse_test_make_tmpdir ();
  g_autofree char *cwd = g_get_current_dir ();
  g_autofree char *expected = g_build_filename (dir, "option.db", NULL);
  g_autoptr(LotseApplication) other = NULL;
  char *argv[] = { (char *)"lotse", (char *)"--database", (char *)"option.db", NULL };
  int status;

  /* A relative path is taken from the working directory, and a second
   * instance with a database of its own does not hand over to the first. */
  g_assert_cmpint (g_chdir (dir), ==, 0);
  /* Its own id: one process cannot export two applications on one path. */
  other = lotse_application_new (APPLICATION_ID ".OptionTest", G_APPLICATION_DEFAULT_FLAGS);
  g_signal_connect_after (other, "activate", G_CALLBACK (quit_when_shown), NULL);
  status = g_application_run (G_APPLICATION (other), G_N_ELEMENTS (argv) - 1, argv);
  g_assert_cmpint (g_chdir (cwd), ==, 0);

  g_assert_cmpint (status, ==, 0);
  g_assert_cmpstr (lotse_application_get_database_path (other), ==, expected);
  g_assert_true (g_application_get_flags (G_APPLICATION (other)) & G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_file_test (expected, G_FILE_TEST_IS_REGULAR));

  destroy_all_windows ();
  g_clear_object (&other);
  lotse_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  /* LOTSE_TEST_LOCALE runs the tests in another language (see
   * tests/meson.build: the narrow window in German), with the build's
   * translations. */
  if (g_getenv ("LOTSE_TEST_LOCALE") != NULL)
    {
      g_autofree char *localedir = g_build_filename (g_getenv ("G_TEST_BUILDDIR"), "..", "po", NULL);

      if (setlocale (LC_ALL, g_getenv ("LOTSE_TEST_LOCALE")) == NULL)
        g_error ("The locale %s is not installed (build-aux/install-deps.sh generates it)",
                 g_getenv ("LOTSE_TEST_LOCALE"));
      bindtextdomain (GETTEXT_PACKAGE, localedir);
      bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
      textdomain (GETTEXT_PACKAGE);
      g_assert_cmpstr (g_dgettext (GETTEXT_PACKAGE, "Knowledge"), ==, "Wissen");
    }

  /* Non-unique, so a running Lotse does not take the tests' activations. */
  app = lotse_application_new (APPLICATION_ID, G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);

  g_test_add_func ("/ui/resources/build", test_resources_build);
  g_test_add_func ("/ui/application/database-option", test_application_database_option);
  g_test_add ("/ui/window/empty", Fixture, NULL,
              fixture_setup, test_window_empty, fixture_teardown);
  g_test_add ("/ui/window/load-demo", Fixture, NULL,
              fixture_setup, test_window_load_demo, fixture_teardown);
  g_test_add ("/ui/window/show-view", Fixture, NULL,
              fixture_setup, test_window_show_view, fixture_teardown);
  g_test_add ("/ui/window/size-saved", Fixture, NULL,
              fixture_setup, test_window_size_saved, fixture_teardown);
  g_test_add ("/ui/window/narrow", Fixture, NULL,
              fixture_setup, test_window_narrow, fixture_teardown);
  g_test_add ("/ui/window/open-error", Fixture, NULL,
              fixture_setup, test_window_open_error, fixture_teardown);
  g_test_add ("/ui/preferences/settings", Fixture, NULL,
              fixture_setup, test_preferences, fixture_teardown);
  g_test_add ("/ui/about", Fixture, NULL,
              fixture_setup, test_about, fixture_teardown);

  status = g_test_run ();

  g_clear_object (&app);

  return status;
}
