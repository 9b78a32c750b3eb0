/* test-ui-office-time.c: meeting times in the app, on a laptop in UTC
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * tests/meson.build runs this under TZ=UTC. The demo office is in
 * Europe/Berlin: its jour fixe meets at 10:00 and its steering board at
 * 14:00 there, in winter and in summer, and that is what the meeting's
 * header, its time field and its agenda say, whatever the laptop's zone.
 * The test reads what the widgets show and types through them, and reads
 * what was stored back from the database.
 */

#include "config.h"

#include <adwaita.h>
#include <libical/ical.h>
#include <string.h>

#include "lotse-agenda-row.h"
#include "lotse-application-private.h"
#include "lotse-jourfixe-view-private.h"
#include "lotse-preferences-window-private.h"
#include "lotse-record-row.h"
#include "lotse-registers.h"
#include "lotse-test-helpers.h"
#include "lotse-view-private.h"
#include "lotse-window-private.h"

#define WAIT_USEC (10 * G_USEC_PER_SEC)

static LotseApplication *app;

typedef struct
{
  char              *dir;
  LotseStore        *store;
  LotseWindow       *window;
  LotseJourfixeView *view;
  LotseMeetingDetail *detail;
} Fixture;

static void
iterate_until_idle (void)
{
  gint64 deadline = g_get_monotonic_time () + WAIT_USEC;

  while (g_main_context_pending (NULL) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, FALSE);
}

typedef gboolean (*Condition) (gpointer data);

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
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);
  g_autoptr(GError) error = NULL;
  GtkWindow *window;

  g_settings_reset (settings, "window-width");
  g_settings_reset (settings, "window-height");
  g_settings_set_string (settings, "last-view", "jourfixe");

  f->store = lotse_test_open_store (&f->dir);
  /* On the day its data are written for, so the dates below hold. */
  g_assert_true (lotse_demo_load (f->store, "2026-11-22", NULL, &error));
  g_assert_no_error (error);
  lotse_application_set_store (app, f->store);

  g_application_activate (G_APPLICATION (app));
  window = gtk_application_get_active_window (GTK_APPLICATION (app));
  g_assert_true (LOTSE_IS_WINDOW (window));
  f->window = LOTSE_WINDOW (window);
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-view", "s", "jourfixe");
  iterate_until_idle ();
  f->view = LOTSE_JOURFIXE_VIEW (lotse_window_get_view (f->window, "jourfixe"));
  f->detail = lotse_jourfixe_view_get_meeting_detail (f->view);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  GList *windows;

  while ((windows = gtk_window_list_toplevels ()) != NULL)
    {
      gtk_window_destroy (GTK_WINDOW (windows->data));
      g_list_free (windows);
    }
  iterate_until_idle ();
  lotse_application_set_store (app, NULL);
  g_clear_object (&f->store);
  lotse_test_remove_tree (f->dir);
  g_clear_pointer (&f->dir, g_free);
}

static char *
meeting_titled (Fixture    *f,
                const char *title)
{
  g_autofree char *escaped = g_strescape (title, NULL);
  g_autofree char *sql = g_strdup_printf ("SELECT id FROM meeting WHERE title = '%s'", escaped);

  return lotse_test_query_text (lotse_store_get_path (f->store), sql);
}

static char *
stored (Fixture    *f,
        const char *field,
        const char *id)
{
  g_autofree char *sql = g_strdup_printf ("SELECT %s FROM meeting WHERE id = '%s'", field, id);

  return lotse_test_query_text (lotse_store_get_path (f->store), sql);
}

static void
show_meeting (Fixture    *f,
              const char *id)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->view), "jourfixe.show-meeting", "s", id));
  iterate_until_idle ();
  g_assert_cmpstr (lotse_meeting_detail_get_meeting_id (f->detail), ==, id);
}

static void
apply_entry (AdwEntryRow *row,
             const char  *text)
{
  gtk_editable_set_text (GTK_EDITABLE (row), text);
  g_signal_emit_by_name (row, "apply");
  iterate_until_idle ();
}

/* Types a date into the date entry and presses Enter. */
static void
give_date (LotseDateEntry *entry,
           const char     *text)
{
  gtk_editable_set_text (GTK_EDITABLE (entry), text);
  g_signal_emit_by_name (gtk_editable_get_delegate (GTK_EDITABLE (entry)), "activate");
  iterate_until_idle ();
}

/* Every text a widget under @widget shows: labels, entries, row titles. */
static void
collect_texts (GtkWidget *widget,
               GString   *out)
{
  if (GTK_IS_LABEL (widget))
    g_string_append_printf (out, "%s\n", gtk_label_get_text (GTK_LABEL (widget)));
  else if (GTK_IS_EDITABLE (widget))
    g_string_append_printf (out, "%s\n", gtk_editable_get_text (GTK_EDITABLE (widget)));

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    collect_texts (child, out);
}

static gboolean
has_entry_row (GtkWidget  *widget,
               const char *title)
{
  if (ADW_IS_ENTRY_ROW (widget) &&
      g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), title) == 0)
    return TRUE;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    if (has_entry_row (child, title))
      return TRUE;

  return FALSE;
}

/* The row of the sidebar's list titled @title. */
static LotseRecordRow *
find_list_row (GtkWidget  *widget,
               const char *title)
{
  if (LOTSE_IS_RECORD_ROW (widget) &&
      g_strcmp0 (lotse_record_row_get_title (LOTSE_RECORD_ROW (widget)), title) == 0)
    return LOTSE_RECORD_ROW (widget);

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      LotseRecordRow *found = find_list_row (child, title);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
check_shown_time (Fixture    *f,
                  const char *id,
                  const char *time,
                  const char *date)
{
  AdwEntryRow *time_row = lotse_meeting_detail_get_time_row (f->detail);
  g_autoptr(GString) texts = g_string_new (NULL);
  g_autofree char *shown_date = NULL;

  show_meeting (f, id);
  g_test_message ("%s: header “%s”, “%s”", id, lotse_meeting_detail_get_heading (f->detail),
                  lotse_meeting_detail_get_summary (f->detail));

  /* The time field and the header agree, in the office's zone. */
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (time_row)), ==, time);
  g_assert_true (lotse_date_entry_get_date (lotse_meeting_detail_get_date_entry (f->detail), &shown_date,
                                            NULL));
  g_assert_cmpstr (shown_date, ==, date);
  g_assert_nonnull (strstr (lotse_meeting_detail_get_summary (f->detail), time));
  g_assert_nonnull (strstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (time_row)),
                            "Europe/Berlin"));

  /* The first agenda item starts with the meeting. */
  if (lotse_meeting_detail_get_n_items (f->detail) > 0)
    g_assert_cmpstr (lotse_agenda_row_get_start_text (lotse_meeting_detail_get_row (f->detail, 0)),
                     ==, time);

  /* No raw offset anywhere, and no zone to type. */
  collect_texts (GTK_WIDGET (f->detail), texts);
  g_assert_null (strstr (texts->str, "+01:00"));
  g_assert_null (strstr (texts->str, "+02:00"));
  g_assert_false (has_entry_row (GTK_WIDGET (f->detail), "Time zone"));
}

static void
test_shown_in_office_zone (Fixture       *f,
                           gconstpointer  data)
{
  g_autofree char *winter = meeting_titled (f, "Jour fixe 24.11.2026");
  g_autofree char *summer = meeting_titled (f, "Jour fixe 15.09.2026");
  g_autofree char *steering = meeting_titled (f, "Lenkungskreis Dezember 2026");
  /* As lotse-cli on a laptop in UTC would have stored it. */
  g_autofree char *utc = lotse_test_insert (f->store, "meeting", "title=Workshop", "kind=workshop",
                                            "starts_at=2026-12-03T13:00:00Z", "duration_min=60",
                                            "status=planned", NULL);

  g_assert_cmpstr (g_getenv ("TZ"), ==, "UTC");
  check_shown_time (f, winter, "10:00", "2026-11-24");
  check_shown_time (f, summer, "10:00", "2026-09-15");
  check_shown_time (f, steering, "14:00", "2026-12-03");
  check_shown_time (f, utc, "14:00", "2026-12-03");

  /* The sidebar says so too. */
  {
    LotseRecordRow *row = find_list_row (GTK_WIDGET (lotse_jourfixe_view_get_list_view (f->view)),
                                         "Lenkungskreis Dezember 2026");

    g_assert_nonnull (row);
    g_assert_nonnull (strstr (lotse_record_row_get_subtitle (row), "14:00"));
  }
}

/* What is typed is the office's time: stored with Berlin's offset, winter
 * and summer; a wrong time or one that does not exist changes nothing. */
static void
test_typed_in_office_zone (Fixture       *f,
                           gconstpointer  data)
{
  g_autofree char *id = meeting_titled (f, "Jour fixe 24.11.2026");
  LotseDateEntry *date_entry = lotse_meeting_detail_get_date_entry (f->detail);
  AdwEntryRow *time_row = lotse_meeting_detail_get_time_row (f->detail);
  static const char * const bad[][2] = {
    { "2027-03-28", "02:30" },  /* skipped when the clocks go forward */
    { "2027-03-30", "25:00" },
    { "2027-03-30", "10.00" },
    { "2027-02-30", "10:00" },
  };
  g_autofree char *value = NULL;

  show_meeting (f, id);
  apply_entry (time_row, "9:30");
  value = stored (f, "starts_at", id);
  g_assert_cmpstr (value, ==, "2026-11-24T09:30:00+01:00");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (time_row)), ==, "09:30");

  gtk_editable_set_text (GTK_EDITABLE (time_row), "10:00");
  give_date (date_entry, "2027-03-30");
  g_free (value);
  value = stored (f, "starts_at", id);
  g_assert_cmpstr (value, ==, "2027-03-30T10:00:00+02:00");

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autofree char *after = NULL;

      gtk_editable_set_text (GTK_EDITABLE (date_entry), bad[i][0]);
      apply_entry (time_row, bad[i][1]);
      after = stored (f, "starts_at", id);
      g_assert_cmpstr (after, ==, "2027-03-30T10:00:00+02:00");
    }
}

static gboolean
office_zone_is (gpointer data)
{
  Fixture *f = data;
  g_autoptr(GTimeZone) zone = lotse_office_get_time_zone (f->store);

  return g_str_equal (g_time_zone_get_identifier (zone), "America/New_York");
}

/* The office's zone is set in the preferences, stored in the database, and
 * every time shown follows it. */
static void
test_preferences (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *id = meeting_titled (f, "Jour fixe 24.11.2026");
  LotsePreferencesWindow *preferences = lotse_preferences_window_new (lotse_store_get_path (f->store));
  GtkDropDown *zones = lotse_preferences_window_get_zone_dropdown (preferences);
  GListModel *model;
  guint position = GTK_INVALID_LIST_POSITION;

  lotse_preferences_window_set_store (preferences, f->store);
  gtk_window_present (GTK_WINDOW (preferences));
  show_meeting (f, id);

  model = gtk_drop_down_get_model (zones);
  g_assert_cmpstr (gtk_string_object_get_string (gtk_drop_down_get_selected_item (zones)), ==,
                   "Europe/Berlin");
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(GtkStringObject) item = g_list_model_get_item (model, i);

      if (g_str_equal (gtk_string_object_get_string (item), "America/New_York"))
        position = i;
    }
  g_assert_cmpuint (position, !=, GTK_INVALID_LIST_POSITION);
  gtk_drop_down_set_selected (zones, position);
  g_assert_true (wait_until (office_zone_is, f));
  g_assert_cmpstr (lotse_test_query_text (lotse_store_get_path (f->store),
                                          "SELECT time_zone FROM office"),
                   ==, "America/New_York");
  iterate_until_idle ();
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (lotse_meeting_detail_get_time_row (f->detail))),
                   ==, "04:00");

  apply_entry (lotse_preferences_window_get_office_email_row (preferences), " buero@owl.example ");
  g_assert_cmpstr (lotse_test_query_text (lotse_store_get_path (f->store), "SELECT email FROM office"),
                   ==, "buero@owl.example");
}

static GtkWidget *
find_button (GtkWidget *widget)
{
  if (GTK_IS_BUTTON (widget))
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_button (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean
banner_hidden (gpointer data)
{
  return !gtk_revealer_get_reveal_child (data);
}

static gboolean
widget_mapped (gpointer data)
{
  return gtk_widget_get_mapped (data);
}

/* A meeting that is over but still planned offers to mark it held. */
static void
test_mark_held (Fixture       *f,
                gconstpointer  data)
{
  GtkRevealer *banner = lotse_meeting_detail_get_held_banner (f->detail);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) next_year = g_date_time_add_years (now, 1);
  g_autofree char *future_start = g_date_time_format (next_year, "starts_at=%Y-%m-%dT10:00:00+01:00");
  g_autofree char *past = lotse_test_insert (f->store, "meeting", "title=Jour fixe", "kind=jour_fixe",
                                             "starts_at=2020-01-07T10:00:00+01:00",
                                             "duration_min=90", "status=planned", NULL);
  g_autofree char *future = lotse_test_insert (f->store, "meeting", "title=Später", "kind=jour_fixe",
                                               future_start, "status=planned", NULL);
  g_autofree char *status = NULL;

  show_meeting (f, future);
  g_assert_false (gtk_revealer_get_reveal_child (banner));

  show_meeting (f, past);
  g_assert_true (gtk_revealer_get_reveal_child (banner));
  /* As the keyboard does; the button says “clicked” when its press is shown,
   * which a button does not do before the revealer has mapped it. */
  g_assert_true (wait_until (widget_mapped, find_button (GTK_WIDGET (banner))));
  g_assert_true (gtk_widget_activate (find_button (GTK_WIDGET (banner))));
  g_assert_true (wait_until (banner_hidden, banner));
  status = stored (f, "status", past);
  g_assert_cmpstr (status, ==, "held");
}

/* The pane holding the sidebar takes its share of the width it had at its
 * last allocation, so a change of width settles one layout pass later:
 * measure only once its width is the share of what it sits in now. */
static gboolean
pane_settled (gpointer data)
{
  GtkWidget *pane = data;
  GtkWidget *parent = gtk_widget_get_parent (pane);
  double fraction;
  int maximum, minimum, natural, share;

  if (!gtk_widget_get_mapped (pane) || gtk_widget_get_width (parent) <= 0)
    return FALSE;
  g_object_get (pane, "fraction", &fraction, "maximum-width", &maximum, NULL);
  gtk_widget_measure (gtk_widget_get_first_child (pane), GTK_ORIENTATION_HORIZONTAL, -1,
                      &minimum, &natural, NULL, NULL);
  share = CLAMP ((int) (gtk_widget_get_width (parent) * fraction), minimum,
                 MAX (minimum, maximum));
  return gtk_widget_get_width (pane) == share;
}

/* The window opens at the size the settings remember; a new default size
 * reaches a mapped window only after the display server's answer. */
static gboolean
window_narrowed (gpointer data)
{
  int width = gtk_widget_get_width (GTK_WIDGET (data));

  return width > 0 && width <= 1000;
}

/* The sidebar keeps its width whichever meeting is open. */
static void
test_sidebar_width (Fixture       *f,
                    gconstpointer  data)
{
  GtkWidget *list = GTK_WIDGET (lotse_jourfixe_view_get_list_view (f->view));
  GtkWidget *sidebar = gtk_widget_get_parent (gtk_widget_get_parent (gtk_widget_get_parent (list)));
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  int first = -1;

  g_ptr_array_add (ids, meeting_titled (f, "Jour fixe 24.11.2026"));
  g_ptr_array_add (ids, meeting_titled (f, "Zweite Strategieveranstaltung OWL 4.0"));
  g_ptr_array_add (ids, meeting_titled (f, "Lenkungskreis Juni 2026"));
  g_ptr_array_add (ids, meeting_titled (f, "Jour fixe 01.09.2026"));

  gtk_window_set_default_size (GTK_WINDOW (f->window), 1000, 700);
  gtk_window_present (GTK_WINDOW (f->window));
  g_assert_true (wait_until (window_narrowed, f->window));
  for (guint i = 0; i < ids->len; i++)
    {
      int width;

      show_meeting (f, g_ptr_array_index (ids, i));
      lotse_meeting_detail_set_minutes (f->detail, i % 2 == 1);
      iterate_until_idle ();
      g_assert_true (wait_until (pane_settled, gtk_widget_get_parent (sidebar)));
      width = gtk_widget_get_width (sidebar);
      g_test_message ("%s: sidebar %d px", (char *) g_ptr_array_index (ids, i), width);
      g_assert_cmpint (width, >, 0);
      if (first < 0)
        first = width;
      g_assert_cmpint (width, ==, first);
    }
}

static GtkCheckButton *
find_check (GtkWidget *widget)
{
  if (GTK_IS_CHECK_BUTTON (widget) && gtk_widget_get_mapped (widget))
    return GTK_CHECK_BUTTON (widget);

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkCheckButton *found = find_check (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean
has_check (gpointer data)
{
  return find_check (data) != NULL;
}

/* When an action item was done is stored with the office's offset. */
static void
test_action_done_at (Fixture       *f,
                     gconstpointer  data)
{
  LotseRegisters *registers = lotse_jourfixe_view_get_registers (f->view);
  g_autoptr(LotseRecord) first = NULL;
  g_autoptr(LotseRecord) done = NULL;
  g_autoptr(GTimeZone) berlin = g_time_zone_new_identifier ("Europe/Berlin");
  g_autoptr(GDateTime) done_at = NULL;
  g_autoptr(GDateTime) in_berlin = NULL;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->view), "jourfixe.show-registers", NULL));
  g_assert_true (wait_until (has_check, registers));
  first = g_list_model_get_item (lotse_registers_get_actions (registers), 0);
  gtk_check_button_set_active (find_check (GTK_WIDGET (registers)), TRUE);
  iterate_until_idle ();

  done = lotse_store_get (f->store, "action_item", lotse_record_get_id (first), NULL);
  g_assert_cmpstr (lotse_record_get (done, "status"), ==, "done");
  done_at = g_date_time_new_from_iso8601 (lotse_record_get (done, "done_at"), NULL);
  g_assert_nonnull (done_at);
  in_berlin = g_date_time_to_timezone (done_at, berlin);
  g_assert_cmpint (g_date_time_get_utc_offset (done_at), ==, g_date_time_get_utc_offset (in_berlin));
}

/* What the app's Export to Calendar writes is a valid iTIP PUBLISH, for a
 * meeting with participants and for a series. */
static void
test_export_ics_valid (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *meeting = meeting_titled (f, "Jour fixe 24.11.2026");
  g_autofree char *series = lotse_test_query_text (lotse_store_get_path (f->store),
                                                   "SELECT id FROM meeting_series WHERE kind = 'jour_fixe'");
  const char *exports[][2] = { { "meeting", meeting }, { "meeting_series", series } };

  for (guint i = 0; i < G_N_ELEMENTS (exports); i++)
    {
      g_autofree char *path = g_build_filename (f->dir, "export.ics", NULL);
      g_autofree char *text = NULL;
      icalcomponent *calendar;

      g_assert_true (lotse_jourfixe_view_export_ics (f->view, exports[i][0], exports[i][1], path));
      g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
      calendar = icalparser_parse_string (text);
      g_assert_nonnull (calendar);
      g_test_message ("%s", exports[i][0]);
      g_assert_true (icalcomponent_check_restrictions (calendar));
      g_assert_cmpint (icalcomponent_count_errors (calendar), ==, 0);
      g_assert_nonnull (strstr (text, "DTSTART;TZID=Europe/Berlin:"));
      g_assert_nonnull (strstr (text, "ORGANIZER"));
      icalcomponent_free (calendar);
    }
}

static void
test_export_names (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *id = lotse_test_insert (f->store, "meeting", "title=Jour fixe der Projektleitungen",
                                           "kind=jour_fixe", "starts_at=2026-12-07T23:30:00Z",
                                           "status=draft", NULL);
  g_autoptr(LotseRecord) meeting = lotse_store_get (f->store, "meeting", id, NULL);
  g_autoptr(LotseRecord) series = NULL;
  g_autofree char *meeting_name = lotse_jourfixe_view_suggest_ics_name (f->store, meeting);
  g_autofree char *series_name = NULL;
  g_autofree char *series_id = lotse_test_query_text (lotse_store_get_path (f->store),
                                                      "SELECT id FROM meeting_series WHERE kind = 'jour_fixe'");

  /* The meeting's day in Berlin, not today and not the day in UTC. */
  g_assert_cmpstr (meeting_name, ==, "Jour fixe der Projektleitungen-2026-12-08.ics");
  series = lotse_store_get (f->store, "meeting_series", series_id, NULL);
  series_name = lotse_jourfixe_view_suggest_ics_name (f->store, series);
  g_assert_cmpstr (series_name, ==, "Jour fixe der Projektleitungen.ics");
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

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/ui/office-time/shown-in-office-zone", test_shown_in_office_zone);
  ADD ("/ui/office-time/typed-in-office-zone", test_typed_in_office_zone);
  ADD ("/ui/office-time/preferences", test_preferences);
  ADD ("/ui/office-time/mark-held", test_mark_held);
  ADD ("/ui/office-time/sidebar-width", test_sidebar_width);
  ADD ("/ui/office-time/action-done-at", test_action_done_at);
  ADD ("/ui/office-time/export-ics-valid", test_export_ics_valid);
  ADD ("/ui/office-time/export-names", test_export_names);

  status = g_test_run ();

  g_clear_object (&app);

  return status;
}
