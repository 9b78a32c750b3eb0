/* test-ui-my-actions.c: “who am I” and My action items, closed together
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs under Xvfb and a session bus over the demo programme. Chooses the
 * person in the preferences as a person does, opens My action items,
 * selects two of them, closes them with the page's button and reads both
 * statuses back from the SQLite file; the toast's Undo restores them.
 * The daily reminder is sent to python3-dbusmock's notification daemon.
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <string.h>

#include "lotse-application-private.h"
#include "lotse-jourfixe-view-private.h"
#include "lotse-meeting-detail-private.h"
#include "lotse-preferences-window-private.h"
#include "lotse-reminder-notifier.h"
#include "lotse-test-helpers.h"
#include "lotse-test-ui.h"
#include "lotse-window-private.h"

static LotseApplication *app;

typedef struct
{
  char              *dir;
  LotseStore        *store;
  LotseWindow       *window;
  LotseJourfixeView *view;
  GSettings         *settings;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->settings = g_settings_new (APPLICATION_ID);
  g_settings_reset (f->settings, "me-person-id");
  g_settings_set_string (f->settings, "last-view", "jourfixe");

  f->store = lotse_test_open_store (&f->dir);
  g_assert_true (lotse_demo_load (f->store, "2026-11-22", NULL, &error));
  g_assert_no_error (error);
  lotse_application_set_store (app, f->store);

  g_application_activate (G_APPLICATION (app));
  f->window = LOTSE_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (app)));
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-view", "s", "jourfixe");
  lotse_test_iterate_idle ();
  f->view = LOTSE_JOURFIXE_VIEW (lotse_window_get_view (f->window, "jourfixe"));
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  lotse_test_destroy_windows ();
  lotse_application_set_store (app, NULL);
  g_settings_reset (f->settings, "me-person-id");
  g_clear_object (&f->settings);
  g_clear_object (&f->store);
  lotse_test_remove_tree (f->dir);
  g_clear_pointer (&f->dir, g_free);
}

static char *
query (Fixture    *f,
       const char *sql)
{
  return lotse_test_query_text (lotse_store_get_path (f->store), sql);
}

/* Picks @name in the preferences' “I am” drop-down, as a person does. */
static void
choose_me (Fixture    *f,
           const char *name)
{
  LotsePreferencesWindow *preferences;
  GtkDropDown *dropdown;
  GListModel *names;
  guint n;

  g_action_group_activate_action (G_ACTION_GROUP (app), "preferences", NULL);
  lotse_test_iterate_idle ();
  preferences = LOTSE_PREFERENCES_WINDOW (lotse_test_find_toplevel (LOTSE_TYPE_PREFERENCES_WINDOW));
  g_assert_nonnull (preferences);
  dropdown = lotse_preferences_window_get_me_dropdown (preferences);
  g_assert_true (gtk_widget_is_visible (GTK_WIDGET (dropdown)));
  names = gtk_drop_down_get_model (dropdown);
  n = g_list_model_get_n_items (names);
  for (guint i = 0; i < n; i++)
    if (g_strcmp0 (gtk_string_list_get_string (GTK_STRING_LIST (names), i), name) == 0)
      {
        gtk_drop_down_set_selected (dropdown, i);
        break;
      }
  gtk_window_destroy (GTK_WINDOW (preferences));
  lotse_test_iterate_idle ();
}

static gboolean
is_undo_button (GtkWidget     *widget,
                gconstpointer  data)
{
  return g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), _("_Undo")) == 0;
}

static void
test_close_several (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *owner = query (f, "SELECT owner_person_id FROM action_item WHERE deleted = 0 AND status = 'open'"
                                     " AND owner_person_id IS NOT NULL GROUP BY owner_person_id"
                                     " ORDER BY count(*) DESC, owner_person_id LIMIT 1");
  g_autofree char *sql = g_strdup_printf ("SELECT name FROM person WHERE id = '%s'", owner);
  g_autofree char *name = query (f, sql);
  g_autofree char *stored_me = NULL;
  g_autofree char *open_sql = g_strdup_printf ("SELECT count(*) FROM action_item WHERE deleted = 0"
                                               " AND status = 'open' AND owner_person_id = '%s'", owner);
  int n_open = lotse_test_query_int (lotse_store_get_path (f->store), open_sql);
  LotseMyActions *page = lotse_jourfixe_view_get_my_actions (f->view);
  GtkSelectionModel *selection = lotse_my_actions_get_selection (page);
  g_autoptr(LotseRecord) first = NULL;
  g_autoptr(LotseRecord) second = NULL;
  g_autofree char *done_sql = NULL;
  g_autofree char *statuses = NULL;
  GtkWidget *undo;

  g_assert_cmpint (n_open, >=, 2);

  /* Nobody chosen: the page says where to choose. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->view), "jourfixe.show-my-actions", NULL));
  lotse_test_iterate_idle ();
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (selection)), ==, 0);

  choose_me (f, name);
  stored_me = g_settings_get_string (f->settings, "me-person-id");
  g_assert_cmpstr (stored_me, ==, owner);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (selection)), ==, n_open);

  /* Two selected, closed by the button a person presses */
  g_assert_false (gtk_widget_is_sensitive (GTK_WIDGET (lotse_my_actions_get_close_button (page))));
  first = g_list_model_get_item (G_LIST_MODEL (selection), 0);
  second = g_list_model_get_item (G_LIST_MODEL (selection), 1);
  gtk_selection_model_select_item (selection, 0, TRUE);
  gtk_selection_model_select_item (selection, 1, FALSE);
  g_assert_true (gtk_widget_is_sensitive (GTK_WIDGET (lotse_my_actions_get_close_button (page))));
  g_signal_emit_by_name (lotse_my_actions_get_close_button (page), "clicked");
  lotse_test_iterate_idle ();

  done_sql = g_strdup_printf ("SELECT group_concat(status || (done_at IS NOT NULL), ',') FROM"
                              " (SELECT status, done_at FROM action_item WHERE id IN ('%s', '%s') ORDER BY id)",
                              lotse_record_get_id (first), lotse_record_get_id (second));
  statuses = query (f, done_sql);
  g_assert_cmpstr (statuses, ==, "done1,done1");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (selection)), ==, n_open - 2);

  /* Undo in the toast restores both. */
  undo = lotse_test_find_widget_matching (GTK_WIDGET (f->window), GTK_TYPE_BUTTON, is_undo_button, NULL);
  g_assert_nonnull (undo);
  g_signal_emit_by_name (undo, "clicked");
  lotse_test_iterate_idle ();
  g_clear_pointer (&statuses, g_free);
  statuses = query (f, done_sql);
  g_assert_cmpstr (statuses, ==, "open0,open0");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (selection)), ==, n_open);
}

/* A meeting still to be held shows every open action item of its series
 * under the agenda, not some of them in one item's notes. */
static void
test_open_actions_in_agenda (Fixture       *f,
                             gconstpointer  data)
{
  g_autofree char *held = query (f, "SELECT id FROM meeting WHERE title = 'Jour fixe 10.11.2026'");
  g_autofree char *planned = query (f, "SELECT id FROM meeting WHERE title = 'Jour fixe 24.11.2026'");
  g_autofree char *count_sql = NULL;
  LotseMeetingDetail *detail = lotse_jourfixe_view_get_meeting_detail (f->view);
  g_autoptr(GError) error = NULL;
  GtkListBox *list;
  int n_open;
  guint n_rows = 0;

  for (guint i = 0; i < 30; i++)
    {
      g_autoptr(LotseRecord) action = lotse_record_new_for_table ("action_item");
      g_autofree char *title = g_strdup_printf ("Offener Punkt %u", i);

      lotse_record_set (action, "meeting_id", held);
      lotse_record_set (action, "title", title);
      g_assert_true (lotse_store_insert (f->store, action, &error));
      g_assert_no_error (error);
    }
  count_sql = g_strdup_printf ("SELECT count(*) FROM action_item AS a JOIN meeting AS m ON m.id = a.meeting_id"
                               " WHERE a.deleted = 0 AND a.status = 'open' AND m.series_id ="
                               " (SELECT series_id FROM meeting WHERE id = '%s')", planned);
  n_open = lotse_test_query_int (lotse_store_get_path (f->store), count_sql);
  g_assert_cmpint (n_open, >, 30);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->view), "jourfixe.show-meeting", "s", planned));
  lotse_test_iterate_idle ();
  list = lotse_open_actions_get_list (detail->open_actions);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (detail->open_actions)));
  while (gtk_list_box_get_row_at_index (list, n_rows) != NULL)
    n_rows++;
  g_assert_cmpuint (n_rows, ==, n_open);

  /* The held meeting has its own action items instead. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->view), "jourfixe.show-meeting", "s", held));
  lotse_test_iterate_idle ();
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (detail->open_actions)));
}

static gboolean
name_has_owner (gpointer data)
{
  g_autoptr(GDBusConnection) bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, NULL);
  g_autoptr(GVariant) reply = NULL;
  gboolean owned = FALSE;

  reply = g_dbus_connection_call_sync (bus, "org.freedesktop.DBus", "/org/freedesktop/DBus", "org.freedesktop.DBus",
                                       "NameHasOwner", g_variant_new ("(s)", (const char *)data),
                                       G_VARIANT_TYPE ("(b)"), G_DBUS_CALL_FLAGS_NONE, -1, NULL, NULL);
  if (reply != NULL)
    g_variant_get (reply, "(b)", &owned);
  return owned;
}

typedef struct
{
  const char *path;
  guint       n_calls;
} Log;

/* The mock's log has @n_calls calls of Notify: the server has answered. */
static gboolean
log_has_notify (gpointer data)
{
  Log *log = data;
  g_autofree char *text = NULL;
  guint n = 0;

  if (!g_file_get_contents (log->path, &text, NULL, NULL))
    return FALSE;
  for (const char *p = text; (p = strstr (p, "Notify")) != NULL; p++)
    n++;
  return n >= log->n_calls;
}

/* The day's reminder reaches the desktop's notification server (python3-
 * dbusmock's notification daemon on the test's session bus), with what is
 * due in title and body, and only once a day. */
static void
test_reminder_sent (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *log_path = g_build_filename (f->dir, "notifications.log", NULL);
  g_autofree char *owner = query (f, "SELECT owner_person_id FROM action_item WHERE deleted = 0 AND status = 'open'"
                                     " AND due_date < '2026-11-22' ORDER BY due_date LIMIT 1");
  g_autoptr(LotseReminderNotifier) notifier = lotse_reminder_notifier_new (G_APPLICATION (app));
  g_autoptr(GSubprocess) mock = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *log = NULL;

  mock = g_subprocess_new (G_SUBPROCESS_FLAGS_NONE, &error, "/usr/bin/python3", "-m", "dbusmock", "--session",
                           "--template", "notification_daemon", "-l", log_path, NULL);
  g_assert_no_error (error);
  g_assert_true (lotse_test_wait_until (name_has_owner, (gpointer)"org.freedesktop.Notifications"));

  /* Off by default: nothing is sent. */
  g_settings_set_string (f->settings, "me-person-id", owner);
  g_settings_set_string (f->settings, "remind-last-day", "");
  g_assert_false (lotse_reminder_notifier_check (notifier, f->store, "2026-11-22"));

  g_settings_set_boolean (f->settings, "remind-due", TRUE);
  g_assert_true (lotse_reminder_notifier_check (notifier, f->store, "2026-11-22"));
  g_assert_true (lotse_test_wait_until (log_has_notify, &(Log) { log_path, 1 }));
  g_assert_true (g_file_get_contents (log_path, &log, NULL, NULL));
  g_assert_nonnull (strstr (log, " are due") != NULL ? strstr (log, " are due") : strstr (log, " is due"));
  g_assert_nonnull (strstr (log, "overdue by"));
  /* Once a day */
  g_assert_false (lotse_reminder_notifier_check (notifier, f->store, "2026-11-22"));
  g_assert_true (lotse_reminder_notifier_check (notifier, f->store, "2026-11-23"));
  g_assert_true (lotse_test_wait_until (log_has_notify, &(Log) { log_path, 2 }));

  g_settings_reset (f->settings, "remind-due");
  g_settings_reset (f->settings, "remind-last-day");
  g_subprocess_force_exit (mock);
  g_subprocess_wait (mock, NULL, NULL);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  app = lotse_application_new (APPLICATION_ID, G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);

  g_test_add ("/ui/my-actions/close-several", Fixture, NULL, fixture_setup, test_close_several, fixture_teardown);
  g_test_add ("/ui/my-actions/reminder", Fixture, NULL, fixture_setup, test_reminder_sent, fixture_teardown);
  g_test_add ("/ui/my-actions/open-in-agenda", Fixture, NULL, fixture_setup, test_open_actions_in_agenda,
              fixture_teardown);

  status = g_test_run ();

  g_clear_object (&app);

  return status;
}
