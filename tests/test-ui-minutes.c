/* test-ui-minutes.c: approving minutes, working action items and deciding agenda
 * proposals in the meeting detail
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs under Xvfb and a session bus over the demo programme. Acts through
 * the widgets a person uses and reads what was stored back from the
 * SQLite file. With LOTSE_SCREENSHOTS=DIR, /ui/minutes/screenshots writes
 * the approved meeting as PNG files into DIR.
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <locale.h>
#include <string.h>

#include "lotse-action-item-row.h"
#include "lotse-agenda-row.h"
#include "lotse-application-private.h"
#include "lotse-jourfixe-view-private.h"
#include "lotse-meeting-detail-private.h"
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
  LotseMeetingDetail *detail;
  char              *meeting_id;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) meetings = NULL;
  LotseFilter filter = { "title", "Jour fixe 10.11.2026" };

  g_settings_reset (settings, "window-width");
  g_settings_reset (settings, "window-height");
  g_settings_set_string (settings, "last-view", "jourfixe");

  f->store = lotse_test_open_store (&f->dir);
  /* On the day its data are written for: that meeting has been held. */
  g_assert_true (lotse_demo_load (f->store, "2026-11-22", NULL, &error));
  g_assert_no_error (error);
  lotse_application_set_store (app, f->store);

  g_application_activate (G_APPLICATION (app));
  f->window = LOTSE_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (app)));
  g_assert_true (LOTSE_IS_WINDOW (f->window));
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-view", "s", "jourfixe");
  lotse_test_iterate_idle ();
  f->view = LOTSE_JOURFIXE_VIEW (lotse_window_get_view (f->window, "jourfixe"));
  f->detail = lotse_jourfixe_view_get_meeting_detail (f->view);

  meetings = lotse_store_list (f->store, "meeting", &filter, 1, NULL, 1, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (meetings->len, ==, 1);
  g_assert_cmpstr (lotse_record_get (g_ptr_array_index (meetings, 0), "status"), ==, "held");
  f->meeting_id = g_strdup (lotse_record_get_id (g_ptr_array_index (meetings, 0)));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->view), "jourfixe.show-meeting", "s", f->meeting_id));
  lotse_test_iterate_idle ();
  g_assert_cmpstr (lotse_meeting_detail_get_meeting_id (f->detail), ==, f->meeting_id);
  g_assert_cmpuint (lotse_meeting_detail_get_n_items (f->detail), >, 0);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  lotse_test_destroy_windows ();
  lotse_application_set_store (app, NULL);
  g_clear_object (&f->store);
  lotse_test_remove_tree (f->dir);
  g_clear_pointer (&f->dir, g_free);
  g_clear_pointer (&f->meeting_id, g_free);
}

static char *
query (Fixture    *f,
       const char *format,
       ...) G_GNUC_PRINTF (2, 3);

/* One text from the SQLite file, as another program would read it. */
static char *
query (Fixture    *f,
       const char *format,
       ...)
{
  g_autofree char *sql = NULL;
  va_list args;

  va_start (args, format);
  sql = g_strdup_vprintf (format, args);
  va_end (args);

  return lotse_test_query_text (lotse_store_get_path (f->store), sql);
}

static void
press (GtkButton *button)
{
  g_assert_true (gtk_widget_is_sensitive (GTK_WIDGET (button)));
  g_assert_true (gtk_widget_is_visible (GTK_WIDGET (button)));
  /* "clicked" as a press emits it: activating a GtkButton clicks it only
   * after a timeout. */
  g_signal_emit_by_name (button, "clicked");
  lotse_test_iterate_idle ();
}

static void
approve (Fixture    *f,
         const char *name)
{
  gtk_editable_set_text (lotse_meeting_detail_get_approver_entry (f->detail), name);
  press (lotse_meeting_detail_get_approve_button (f->detail));
}

static gboolean
is_entry (GtkWidget     *widget,
          gconstpointer  data)
{
  return GTK_IS_ENTRY (widget);
}

/* Types @text into the question's entry and answers @response. */
static void
answer_dialog (Fixture    *f,
               const char *heading,
               const char *text,
               const char *response)
{
  GtkWindow *dialog = NULL;
  GtkWidget *entry;

  gtk_widget_activate_action (GTK_WIDGET (f->detail),
                              g_str_equal (heading, _("Reopen the Minutes?")) ? "meeting.reopen-minutes"
                                                                               : "meeting.amend-minutes", NULL);
  lotse_test_iterate_idle ();
  dialog = lotse_test_find_dialog (GTK_WINDOW (f->window), heading);
  g_assert_nonnull (dialog);
  entry = lotse_test_find_widget_matching (GTK_WIDGET (dialog), GTK_TYPE_ENTRY, is_entry, NULL);
  g_assert_nonnull (entry);
  /* Nothing to say: the answer is not offered. */
  g_assert_false (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "apply"));
  gtk_editable_set_text (GTK_EDITABLE (entry), text);
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), response);
  lotse_test_iterate_idle ();
}

static void
test_approve (Fixture       *f,
              gconstpointer  data)
{
  LotseAgendaRow *row = lotse_meeting_detail_get_row (f->detail, 0);
  const char *item_id = lotse_agenda_row_get_id (row);
  GtkEditable *title_entry = lotse_agenda_row_get_title_entry (row);
  g_autofree char *none = NULL;
  g_autofree char *by = NULL;
  g_autofree char *at = NULL;
  g_autoptr(GTimeZone) zone = lotse_office_get_time_zone (f->store);
  g_autoptr(GDateTime) today = NULL;
  g_autofree char *today_text = NULL;

  /* The name defaults to the system user's, as with lotse-cli. */
  g_assert_cmpstr (gtk_editable_get_text (lotse_meeting_detail_get_approver_entry (f->detail)), !=, "");
  g_assert_true (gtk_widget_is_sensitive (GTK_WIDGET (title_entry)));
  g_assert_null (lotse_meeting_detail_get_approval_text (f->detail));

  /* Without a name nothing is approved. */
  approve (f, "   ");
  none = query (f, "SELECT count(*) FROM minutes_approval WHERE approved_at IS NOT NULL");
  g_assert_cmpstr (none, ==, "0");
  g_assert_true (gtk_widget_is_sensitive (GTK_WIDGET (title_entry)));

  approve (f, "Erika Mustermann");
  by = query (f, "SELECT approved_by FROM minutes_approval WHERE id = '%s'", f->meeting_id);
  at = query (f, "SELECT approved_at FROM minutes_approval WHERE id = '%s'", f->meeting_id);
  g_assert_cmpstr (by, ==, "Erika Mustermann");
  today = g_date_time_new_now (zone);
  today_text = g_date_time_format (today, "%Y-%m-%d");
  g_assert_true (g_str_has_prefix (at, today_text));
  g_assert_nonnull (strstr (lotse_meeting_detail_get_approval_text (f->detail), "Erika Mustermann"));

  /* Read-only: the item's editor, the meeting's data, deleting the item. */
  g_assert_false (gtk_widget_is_sensitive (GTK_WIDGET (title_entry)));
  g_assert_false (gtk_widget_is_sensitive (GTK_WIDGET (lotse_meeting_detail_get_title_row (f->detail))));
  /* Ctrl+Delete runs the action; disabled, it deletes nothing. */
  gtk_widget_activate_action (GTK_WIDGET (row), "agenda-item.delete", NULL);
  g_assert_false (gtk_widget_is_visible (GTK_WIDGET (lotse_meeting_detail_get_approve_button (f->detail))));
  g_assert_false (gtk_widget_is_sensitive (GTK_WIDGET (lotse_agenda_row_get_notes_view (row))));
  lotse_test_iterate_idle ();
  {
    g_autofree char *deleted = query (f, "SELECT deleted FROM agenda_item WHERE id = '%s'", item_id);

    g_assert_cmpstr (deleted, ==, "0");
  }

  /* An amendment is recorded beside the approved minutes. */
  answer_dialog (f, _("Add Amendment"), "Der Termin der Lernreise ist der 12.03.2027.", "apply");
  {
    g_autofree char *text = query (f, "SELECT text FROM minutes_amendment WHERE meeting_id = '%s' "
                                      "AND kind = 'amendment'", f->meeting_id);
    g_autofree char *author = query (f, "SELECT author FROM minutes_amendment WHERE meeting_id = '%s' "
                                        "AND kind = 'amendment'", f->meeting_id);

    g_assert_cmpstr (text, ==, "Der Termin der Lernreise ist der 12.03.2027.");
    g_assert_cmpstr (author, ==, "Erika Mustermann");
  }
  g_assert_false (gtk_widget_is_sensitive (GTK_WIDGET (title_entry)));

  /* Reopening asks why, and the editors open again. */
  answer_dialog (f, _("Reopen the Minutes?"), "Anwesenheit war falsch erfasst.", "cancel");
  g_assert_nonnull (lotse_meeting_detail_get_approval_text (f->detail));
  answer_dialog (f, _("Reopen the Minutes?"), "Anwesenheit war falsch erfasst.", "apply");
  {
    g_autofree char *approved_at = query (f, "SELECT coalesce(approved_at, '') FROM minutes_approval "
                                             "WHERE id = '%s'", f->meeting_id);
    g_autofree char *reason = query (f, "SELECT text FROM minutes_amendment WHERE meeting_id = '%s' "
                                        "AND kind = 'reopening'", f->meeting_id);

    g_assert_cmpstr (approved_at, ==, "");
    g_assert_cmpstr (reason, ==, "Anwesenheit war falsch erfasst.");
  }
  g_assert_null (lotse_meeting_detail_get_approval_text (f->detail));
  g_assert_true (gtk_widget_is_sensitive (GTK_WIDGET (title_entry)));
  g_assert_true (gtk_widget_is_visible (GTK_WIDGET (lotse_meeting_detail_get_approve_button (f->detail))));
}

/* --- action items ----------------------------------------------------------- */

static LotseActionItemRow *
action_row (LotseAgendaRow *row,
            const char     *id)
{
  GtkListBox *list = lotse_agenda_minutes_get_action_list (lotse_agenda_row_get_minutes_widget (row));
  GtkListBoxRow *child;

  for (guint i = 0; (child = gtk_list_box_get_row_at_index (list, i)) != NULL; i++)
    if (g_strcmp0 (lotse_action_item_row_get_id (LOTSE_ACTION_ITEM_ROW (child)), id) == 0)
      return LOTSE_ACTION_ITEM_ROW (child);

  g_assert_not_reached ();
}

static char *
stored (Fixture    *f,
        const char *id,
        const char *field)
{
  return query (f, "SELECT coalesce(%s, '') FROM action_item WHERE id = '%s'", field, id);
}

static char *
stored_owner (Fixture    *f,
              const char *id)
{
  return query (f, "SELECT p.name FROM action_item a JOIN person p ON p.id = a.owner_person_id "
                   "WHERE a.id = '%s'", id);
}

static const char *
selected_text (GtkDropDown *dropdown)
{
  return gtk_string_object_get_string (gtk_drop_down_get_selected_item (dropdown));
}

static void
assert_stored (Fixture    *f,
               const char *id,
               const char *field,
               const char *expected)
{
  g_autofree char *value = stored (f, id, field);

  g_assert_cmpstr (value, ==, expected);
}

static void
test_action_items (Fixture       *f,
                   gconstpointer  data)
{
  LotseAgendaRow *row = lotse_meeting_detail_get_row (f->detail, 0);
  LotseActionItemRow *action;
  g_autofree char *id = NULL;
  g_autofree char *owner = NULL;
  g_autofree char *done_at = NULL;

  /* Added in the minutes as before */
  lotse_meeting_detail_set_minutes (f->detail, TRUE);
  gtk_editable_set_text (lotse_agenda_row_get_action_entry (row), "Einladung versenden");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (row), "agenda-item.add-action", NULL));
  lotse_test_iterate_idle ();
  id = query (f, "SELECT id FROM action_item WHERE title = 'Einladung versenden'");
  action = action_row (row, id);

  /* Each field is written where it is shown. */
  gtk_editable_set_text (lotse_action_item_row_get_title_entry (action), "Einladung an die Betriebe versenden");
  g_signal_emit_by_name (lotse_action_item_row_get_title_entry (action), "activate");
  lotse_test_iterate_idle ();
  assert_stored (f, id, "title", "Einladung an die Betriebe versenden");

  gtk_drop_down_set_selected (lotse_action_item_row_get_owner_dropdown (action), 2);
  lotse_test_iterate_idle ();
  owner = stored_owner (f, id);
  g_assert_cmpstr (owner, ==, selected_text (lotse_action_item_row_get_owner_dropdown (action)));

  gtk_editable_set_text (GTK_EDITABLE (lotse_action_item_row_get_due_entry (action)), "2027-01-15");
  g_signal_emit_by_name (lotse_action_item_row_get_due_entry (action), "activate");
  lotse_test_iterate_idle ();
  assert_stored (f, id, "due_date", "2027-01-15");

  /* Bad input changes nothing: no title, a date that is none. */
  gtk_editable_set_text (lotse_action_item_row_get_title_entry (action), "  ");
  g_signal_emit_by_name (lotse_action_item_row_get_title_entry (action), "activate");
  lotse_test_iterate_idle ();
  assert_stored (f, id, "title", "Einladung an die Betriebe versenden");
  g_assert_cmpstr (gtk_editable_get_text (lotse_action_item_row_get_title_entry (action)), ==,
                   "Einladung an die Betriebe versenden");
  gtk_editable_set_text (GTK_EDITABLE (lotse_action_item_row_get_due_entry (action)), "31.02.2027");
  g_signal_emit_by_name (lotse_action_item_row_get_due_entry (action), "activate");
  lotse_test_iterate_idle ();
  assert_stored (f, id, "due_date", "2027-01-15");

  /* Notes say how the work stands; empty clears them. */
  gtk_editable_set_text (lotse_action_item_row_get_notes_entry (action), " Druckerei angefragt ");
  g_signal_emit_by_name (lotse_action_item_row_get_notes_entry (action), "activate");
  lotse_test_iterate_idle ();
  assert_stored (f, id, "notes", "Druckerei angefragt");
  gtk_editable_set_text (lotse_action_item_row_get_notes_entry (action), "");
  g_signal_emit_by_name (lotse_action_item_row_get_notes_entry (action), "activate");
  lotse_test_iterate_idle ();
  {
    g_autofree char *cleared = query (f, "SELECT quote(notes) FROM action_item WHERE id = '%s'", id);

    g_assert_cmpstr (cleared, ==, "NULL");
  }

  /* Done records when. */
  gtk_drop_down_set_selected (lotse_action_item_row_get_status_dropdown (action), 1);
  lotse_test_iterate_idle ();
  assert_stored (f, id, "status", "done");
  done_at = stored (f, id, "done_at");
  g_assert_cmpstr (done_at, !=, "");

  /* Approved: what was agreed is kept, the work goes on. */
  approve (f, "Erika Mustermann");
  g_assert_nonnull (lotse_meeting_detail_get_approval_text (f->detail));
  action = action_row (row, id);
  g_assert_false (gtk_widget_is_sensitive (GTK_WIDGET (lotse_action_item_row_get_title_entry (action))));
  g_assert_true (gtk_widget_is_sensitive (GTK_WIDGET (lotse_action_item_row_get_status_dropdown (action))));
  gtk_drop_down_set_selected (lotse_action_item_row_get_status_dropdown (action), 0);
  lotse_test_iterate_idle ();
  assert_stored (f, id, "status", "open");
  assert_stored (f, id, "done_at", "");
  gtk_drop_down_set_selected (lotse_action_item_row_get_owner_dropdown (action), 3);
  lotse_test_iterate_idle ();
  g_clear_pointer (&owner, g_free);
  owner = stored_owner (f, id);
  g_assert_cmpstr (owner, ==, selected_text (lotse_action_item_row_get_owner_dropdown (action)));
  gtk_editable_set_text (GTK_EDITABLE (lotse_action_item_row_get_due_entry (action)), "2027-02-01");
  g_signal_emit_by_name (lotse_action_item_row_get_due_entry (action), "activate");
  lotse_test_iterate_idle ();
  assert_stored (f, id, "due_date", "2027-02-01");
  g_assert_true (gtk_widget_is_sensitive (GTK_WIDGET (lotse_action_item_row_get_notes_entry (action))));
  gtk_editable_set_text (lotse_action_item_row_get_notes_entry (action), "Angebot liegt vor");
  g_signal_emit_by_name (lotse_action_item_row_get_notes_entry (action), "activate");
  lotse_test_iterate_idle ();
  assert_stored (f, id, "notes", "Angebot liegt vor");
  assert_stored (f, id, "title", "Einladung an die Betriebe versenden");
}

/* --- minutes mode during the meeting ---------------------------------------- */

/* A clock the tests step, in microseconds */
static gint64 fake_now = 1000 * G_USEC_PER_SEC;

static gint64
fake_clock (void)
{
  return fake_now;
}

static LotseAgendaRow *
current_row (Fixture *f)
{
  LotseAgendaRow *found = NULL;
  LotseAgendaRow *row;

  for (guint i = 0; (row = lotse_meeting_detail_get_row (f->detail, i)) != NULL; i++)
    if (lotse_agenda_row_get_current (row))
      {
        g_assert_null (found);
        found = row;
      }

  g_assert_nonnull (found);
  return found;
}

static int
row_index (LotseAgendaRow *row)
{
  return gtk_list_box_row_get_index (GTK_LIST_BOX_ROW (row));
}

/* Only the current item is a form; the others are one line. */
static void
assert_one_form (Fixture *f)
{
  LotseAgendaRow *current = current_row (f);
  LotseAgendaRow *row;

  for (guint i = 0; (row = lotse_meeting_detail_get_row (f->detail, i)) != NULL; i++)
    g_assert_true (gtk_widget_get_visible (GTK_WIDGET (lotse_agenda_row_get_minutes_widget (row))) == (row == current));
  g_assert_true (lotse_test_wait_shown (GTK_WIDGET (lotse_agenda_row_get_notes_view (current))));
}

static void
enter_minutes_mode (Fixture *f)
{
  lotse_meeting_detail_set_now_func (f->detail, fake_clock);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->detail), "meeting.minutes", NULL));
  lotse_test_iterate_idle ();
  g_assert_true (lotse_meeting_detail_get_minutes (f->detail));
  assert_one_form (f);
}

static gboolean
notes_focused (gpointer data)
{
  Fixture *f = data;
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (f->window));

  return focus != NULL && focus == GTK_WIDGET (lotse_agenda_row_get_notes_view (current_row (f)));
}

/* Presses @accelerator through the X server and checks the item @delta
 * away from @from is current, with the focus in its notes. */
static LotseAgendaRow *
press_to_move (Fixture        *f,
               const char     *accelerator,
               LotseAgendaRow *from,
               int             delta)
{
  lotse_test_press_keys (GTK_WINDOW (f->window), accelerator);
  g_assert_true (lotse_test_wait_until (notes_focused, f));
  g_assert_cmpint (row_index (current_row (f)), ==, row_index (from) + delta);
  assert_one_form (f);

  return current_row (f);
}

static char *
stored_notes (Fixture        *f,
              LotseAgendaRow *row)
{
  return query (f, "SELECT coalesce(notes, '') FROM agenda_item WHERE id = '%s'", lotse_agenda_row_get_id (row));
}

static char *
shown_notes (LotseAgendaRow *row)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (lotse_agenda_row_get_notes_view (row));
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static gboolean
is_current (gpointer data)
{
  return lotse_agenda_row_get_current (data);
}

static void
test_mode_editor (Fixture       *f,
                  gconstpointer  data)
{
  LotseAgendaRow *first, *second, *third;
  g_autofree char *old_notes = NULL;
  g_autofree char *expected_notes = NULL;
  g_autofree char *notes = NULL;
  g_autofree char *shown = NULL;
  g_autofree char *decision = NULL;
  g_autofree char *action = NULL;
  g_autofree char *expected_action = NULL;
  g_autofree char *owner = NULL;

  enter_minutes_mode (f);
  g_assert_cmpuint (lotse_meeting_detail_get_n_items (f->detail), >=, 3);

  /* To the first item by keyboard, and on from there as in the meeting */
  first = lotse_meeting_detail_get_row (f->detail, 0);
  lotse_agenda_row_focus_notes (current_row (f));
  while (current_row (f) != first)
    press_to_move (f, "<Control>Page_Up", current_row (f), -1);
  old_notes = stored_notes (f, first);
  /* Typed where the focus is, as the keyboard does */
  gtk_text_buffer_insert_interactive_at_cursor (gtk_text_view_get_buffer (lotse_agenda_row_get_notes_view (first)),
                                                "Der Förderbescheid liegt vor. ", -1, TRUE);
  expected_notes = shown_notes (first);
  g_assert_cmpstr (expected_notes, !=, old_notes);
  second = press_to_move (f, "<Control>Page_Down", first, 1);
  notes = stored_notes (f, first);
  g_assert_cmpstr (notes, ==, expected_notes);

  /* A decision and an action item of the second item, typed there */
  gtk_editable_set_text (lotse_agenda_row_get_decision_entry (second), "Die Lernreise findet im März statt.");
  g_signal_emit_by_name (lotse_agenda_row_get_decision_entry (second), "activate");
  lotse_test_iterate_idle ();
  gtk_editable_set_text (lotse_agenda_row_get_action_entry (second), "Hotel für die Lernreise buchen");
  gtk_drop_down_set_selected (lotse_agenda_row_get_owner_dropdown (second), 2);
  gtk_editable_set_text (lotse_agenda_row_get_due_entry (second), "2027-02-15");
  owner = g_strdup (selected_text (lotse_agenda_row_get_owner_dropdown (second)));
  g_signal_emit_by_name (lotse_agenda_row_get_action_entry (second), "activate");
  lotse_test_iterate_idle ();

  decision = query (f, "SELECT agenda_item_id FROM decision WHERE text = 'Die Lernreise findet im März statt.'");
  g_assert_cmpstr (decision, ==, lotse_agenda_row_get_id (second));
  action = query (f, "SELECT a.agenda_item_id || ' ' || a.due_date || ' ' || a.status || ' ' || p.name "
                     "FROM action_item a JOIN person p ON p.id = a.owner_person_id "
                     "WHERE a.title = 'Hotel für die Lernreise buchen'");
  expected_action = g_strdup_printf ("%s 2027-02-15 open %s", lotse_agenda_row_get_id (second), owner);
  g_assert_cmpstr (action, ==, expected_action);

  /* Back: the first item's notes as stored; before the first, nothing moves. */
  press_to_move (f, "<Control>Page_Up", second, -1);
  shown = shown_notes (first);
  g_assert_cmpstr (shown, ==, expected_notes);
  lotse_test_press_keys (GTK_WINDOW (f->window), "<Control>Page_Up");
  g_assert_true (current_row (f) == first);

  /* A click on another row goes on with its item. */
  third = lotse_meeting_detail_get_row (f->detail, 2);
  /* In sight first, below the first item's minutes */
  gtk_widget_grab_focus (GTK_WIDGET (third));
  g_assert_true (lotse_test_wait_frames (GTK_WIDGET (third), 3));
  lotse_test_click (GTK_WIDGET (third));
  g_assert_true (lotse_test_wait_until (is_current, third));
  assert_one_form (f);
}

typedef struct
{
  LotseAgendaRow *row;
  const char     *text;
} ClockWait;

static gboolean
clock_shows (gpointer data)
{
  ClockWait *wait = data;

  return g_strcmp0 (lotse_agenda_row_get_clock_text (wait->row), wait->text) == 0;
}

/* Steps the clock by @seconds_later and waits for @row's clock to show
 * @expected: it ticks once a second by the main loop. */
static void
step_clock (LotseAgendaRow *row,
            gint64          seconds_later,
            const char     *expected)
{
  ClockWait wait = { row, expected };

  fake_now += seconds_later * G_USEC_PER_SEC;
  if (!lotse_test_wait_until (clock_shows, &wait))
    g_error ("The clock shows “%s”, not “%s”", lotse_agenda_row_get_clock_text (row), expected);
}

static int
planned_minutes (LotseAgendaRow *row)
{
  return (int)lotse_record_get_int (lotse_agenda_row_get_item (row), "duration_min", 0);
}

static void
test_mode_clock (Fixture       *f,
                 gconstpointer  data)
{
  LotseAgendaRow *row;
  int planned;
  g_autofree char *start = NULL;
  g_autofree char *running = NULL;
  g_autofree char *over = NULL;
  g_autofree char *meeting = NULL;
  g_autofree char *next = NULL;
  g_autofree char *length = query (f, "SELECT duration_min FROM meeting WHERE id = '%s'", f->meeting_id);

  enter_minutes_mode (f);
  row = current_row (f);
  planned = planned_minutes (row);
  g_assert_cmpint (planned, >, 1);

  /* Started when the item became current */
  start = g_strdup_printf ("00:00 of %02d:00", planned);
  step_clock (row, 0, start);
  running = g_strdup_printf ("01:15 of %02d:00", planned);
  step_clock (row, 75, running);
  g_assert_false (lotse_agenda_row_get_clock_over (row));

  /* Over its time box: said in words, in the warning style */
  over = g_strdup_printf ("%02d:15 of %02d:00, 00:15 over", planned, planned);
  step_clock (row, planned * 60 - 75 + 15, over);
  g_assert_true (lotse_agenda_row_get_clock_over (row));

  /* The meeting's clock runs on; the next item's starts at zero. */
  meeting = g_strdup_printf ("Meeting: %02d:15 of %s:00", planned, length);
  g_assert_cmpstr (lotse_meeting_detail_get_meeting_clock_text (f->detail), ==, meeting);
  lotse_agenda_row_focus_notes (row);
  row = press_to_move (f, "<Control>Page_Down", row, 1);
  next = g_strdup_printf ("00:00 of %02d:00", planned_minutes (row));
  step_clock (row, 0, next);
  g_assert_false (lotse_agenda_row_get_clock_over (row));
}

static double
page_position (gpointer data)
{
  GtkWidget *page = gtk_widget_get_ancestor (data, GTK_TYPE_SCROLLED_WINDOW);

  return gtk_adjustment_get_value (gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (page)));
}

typedef struct
{
  LotseAgendaRow *row;
  double          before;
} ScrollWait;

static gboolean
page_moved (gpointer data)
{
  ScrollWait *wait = data;

  return page_position (wait->row) != wait->before;
}

/* Whether the notes' text is laid out to its end, below the page's height */
static gboolean
laid_out (gpointer data)
{
  GtkTextView *view = data;
  GtkWidget *page = gtk_widget_get_ancestor (gtk_widget_get_ancestor (data, LOTSE_TYPE_AGENDA_ROW),
                                             GTK_TYPE_SCROLLED_WINDOW);
  GtkTextIter end;
  GdkRectangle location;

  gtk_text_buffer_get_end_iter (gtk_text_view_get_buffer (view), &end);
  gtk_text_view_get_iter_location (view, &end, &location);

  return location.y > gtk_widget_get_height (page);
}

/* The mouse wheel over the notes scrolls the page: the notes grow with
 * their text and have no scrolling of their own to take the wheel. */
static void
test_mode_scroll (Fixture       *f,
                  gconstpointer  data)
{
  LotseAgendaRow *row;
  GtkWidget *notes;
  GtkWidget *page;
  GtkAdjustment *adjustment;
  graphene_point_t top;
  ScrollWait wait;

  enter_minutes_mode (f);
  row = current_row (f);
  notes = GTK_WIDGET (lotse_agenda_row_get_notes_view (row));
  page = gtk_widget_get_ancestor (GTK_WIDGET (row), GTK_TYPE_SCROLLED_WINDOW);
  adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (page));
  /* A long discussion, longer than the window */
  for (guint i = 0; i < 60; i++)
    gtk_text_buffer_insert_at_cursor (gtk_text_view_get_buffer (GTK_TEXT_VIEW (notes)),
                                      "Die Partner berichten vom Stand der Arbeitspakete.\n", -1);
  /* The text view lays its lines out in idle time, the notes grow then. */
  g_assert_true (lotse_test_wait_until (laid_out, notes));

  /* The notes' top a little below the page's top, and the page can go
   * either way. */
  g_assert_true (gtk_widget_compute_point (notes, page, &GRAPHENE_POINT_INIT (0, 0), &top));
  gtk_adjustment_set_value (adjustment, gtk_adjustment_get_value (adjustment) + top.y - 100);
  g_assert_true (lotse_test_wait_frames (notes, 2));
  g_assert_cmpfloat (gtk_adjustment_get_value (adjustment), >, 0);
  g_assert_cmpfloat (gtk_adjustment_get_value (adjustment), <,
                     gtk_adjustment_get_upper (adjustment) - gtk_adjustment_get_page_size (adjustment));

  /* Up first: the point of the notes under the pointer stays in sight. */
  for (int steps = -3; steps <= 3; steps += 6)
    {
      wait = (ScrollWait) { row, page_position (row) };
      lotse_test_scroll_at (notes, gtk_widget_get_width (notes) / 2.0, 50, steps);
      if (!lotse_test_wait_until (page_moved, &wait))
        g_error ("The wheel over the notes did not scroll the page (%d steps)", steps);
    }
}

static gboolean
label_has (GtkWidget     *widget,
           gconstpointer  data)
{
  return gtk_widget_is_drawable (widget) && strstr (gtk_label_get_text (GTK_LABEL (widget)), data) != NULL;
}

/* Approved minutes stay as approved in the meeting's editor too. */
static void
test_mode_approved (Fixture       *f,
                    gconstpointer  data)
{
  LotseAgendaRow *row;
  GtkTextView *notes;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *decisions = NULL;

  approve (f, "Erika Mustermann");
  answer_dialog (f, _("Add Amendment"), "Die Lernreise ist am 12.03.2027.", "apply");
  /* The dialog answered goes, as its button would take it. */
  lotse_test_destroy_toplevels (GTK_WINDOW (f->window));
  enter_minutes_mode (f);
  row = current_row (f);
  notes = lotse_agenda_row_get_notes_view (row);
  before = stored_notes (f, row);

  g_assert_false (gtk_text_view_get_editable (notes));
  g_assert_false (gtk_widget_is_sensitive (GTK_WIDGET (notes)));
  g_assert_false (gtk_widget_is_sensitive (GTK_WIDGET (lotse_agenda_row_get_decision_entry (row))));
  g_assert_false (gtk_widget_is_sensitive (GTK_WIDGET (lotse_agenda_row_get_action_entry (row))));
  /* Typing goes nowhere, and a decision is not added. */
  gtk_text_buffer_insert_interactive_at_cursor (gtk_text_view_get_buffer (notes), "Nachträglich geändert. ", -1,
                                                gtk_text_view_get_editable (notes));
  gtk_editable_set_text (lotse_agenda_row_get_decision_entry (row), "Nachträglich beschlossen.");
  gtk_widget_activate_action (GTK_WIDGET (row), "agenda-item.add-decision", NULL);
  lotse_test_iterate_idle ();

  /* The agenda can still be gone through, to read. */
  lotse_agenda_row_focus_notes (row);
  lotse_test_press_keys (GTK_WINDOW (f->window), "<Control>Page_Down");
  g_assert_cmpint (row_index (current_row (f)), ==, row_index (row) + 1);
  g_assert_false (gtk_widget_is_sensitive (GTK_WIDGET (lotse_agenda_row_get_notes_view (current_row (f)))));

  after = stored_notes (f, row);
  g_assert_cmpstr (after, ==, before);
  decisions = query (f, "SELECT count(*) FROM decision WHERE agenda_item_id = '%s' AND text LIKE 'Nachträglich%%'",
                     lotse_agenda_row_get_id (row));
  g_assert_cmpstr (decisions, ==, "0");

  /* The amendment is shown with the approved minutes. */
  g_assert_nonnull (lotse_meeting_detail_get_approval_text (f->detail));
  g_assert_nonnull (lotse_test_find_widget_matching (GTK_WIDGET (f->detail), GTK_TYPE_LABEL, label_has,
                                                     "Die Lernreise ist am 12.03.2027."));
}

/* The next meeting prepared has "Approval of the minutes of <date>" for
 * the held meeting; its Approve button approves those minutes, by the
 * name in the approval entry, and closes the item. */
static void
test_standing_item (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(LotseRecord) held = lotse_store_get (f->store, "meeting", f->meeting_id, NULL);
  g_autoptr(LotseRecord) next = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *item_id = NULL;
  g_autofree char *approved = NULL;
  g_autofree char *status = NULL;
  LotseAgendaRow *row = NULL;
  GtkWidget *button;

  next = lotse_meeting_prepare_next (f->store, lotse_record_get (held, "series_id"), "2026-12-08", &error);
  g_assert_no_error (error);
  item_id = query (f, "SELECT id FROM agenda_item WHERE meeting_id = '%s' AND approves_meeting_id = '%s'",
                   lotse_record_get_id (next), f->meeting_id);
  g_assert_nonnull (item_id);

  gtk_editable_set_text (lotse_meeting_detail_get_approver_entry (f->detail), "Katrin Voßmeyer");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->view), "jourfixe.show-meeting", "s",
                                             lotse_record_get_id (next)));
  lotse_test_iterate_idle ();
  for (guint i = 0; i < lotse_meeting_detail_get_n_items (f->detail); i++)
    if (g_strcmp0 (lotse_agenda_row_get_id (lotse_meeting_detail_get_row (f->detail, i)), item_id) == 0)
      row = lotse_meeting_detail_get_row (f->detail, i);
  g_assert_nonnull (row);
  button = lotse_test_find_widget (GTK_WIDGET (row), "GtkButton", _("Approve"));
  g_assert_nonnull (button);
  press (GTK_BUTTON (button));

  approved = query (f, "SELECT approved_by FROM minutes_approval WHERE meeting_id = '%s'", f->meeting_id);
  g_assert_cmpstr (approved, ==, "Katrin Voßmeyer");
  g_clear_pointer (&approved, g_free);
  approved = query (f, "SELECT count(*) FROM minutes_approval WHERE meeting_id = '%s' AND approved_at LIKE '20%%'",
                    f->meeting_id);
  g_assert_cmpstr (approved, ==, "1");
  status = query (f, "SELECT status FROM agenda_item WHERE id = '%s'", item_id);
  g_assert_cmpstr (status, ==, "done");
  g_assert_false (gtk_widget_get_visible (button));
}

static gboolean
has_action (GtkWidget     *widget,
            gconstpointer  data)
{
  return g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), data) == 0;
}

/* The button for @action in the row of the proposal titled @title. */
static GtkButton *
proposal_button (Fixture    *f,
                 const char *title,
                 const char *action)
{
  GtkListBox *list = lotse_meeting_proposals_get_list (f->detail->proposals);

  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (list)); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    if (g_str_equal (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), title))
      return GTK_BUTTON (lotse_test_find_widget_matching (row, GTK_TYPE_BUTTON, has_action, action));

  return NULL;
}

static const char *
proposal_subtitle (Fixture    *f,
                   const char *title)
{
  GtkListBox *list = lotse_meeting_proposals_get_list (f->detail->proposals);

  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (list)); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    if (g_str_equal (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), title))
      return adw_action_row_get_subtitle (ADW_ACTION_ROW (row));

  return NULL;
}

/* Proposes @title through the button and its dialog. */
static void
propose_item (Fixture    *f,
              const char *title,
              const char *notes)
{
  GtkWindow *dialog;
  GtkWidget *box;
  GtkWidget *title_entry;

  press (lotse_meeting_proposals_get_propose_button (f->detail->proposals));
  dialog = lotse_test_find_dialog (GTK_WINDOW (f->window), _("Propose an Agenda Item"));
  g_assert_nonnull (dialog);
  title_entry = lotse_test_find_widget_matching (GTK_WIDGET (dialog), GTK_TYPE_ENTRY, is_entry, NULL);
  box = gtk_widget_get_parent (title_entry);
  /* No title, no proposal. */
  g_assert_false (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "apply"));
  gtk_editable_set_text (GTK_EDITABLE (title_entry), title);
  gtk_editable_set_text (GTK_EDITABLE (gtk_widget_get_next_sibling (title_entry)), notes);
  g_assert_true (GTK_IS_BOX (box));
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "apply");
  lotse_test_iterate_idle ();
}

static void
test_proposals (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);
  LotseFilter filter = { "title", "Jour fixe 24.11.2026" };
  LotseFilter by_name = { "name", "Tobias Rehkemper" };
  g_autoptr(GPtrArray) meetings = NULL;
  g_autoptr(GPtrArray) people = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *stored = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *order = NULL;
  const char *planned;
  const char *me;
  guint n_items;
  GtkWindow *dialog;
  GtkWidget *entry;

  /* A held meeting takes no proposals. */
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (f->detail->proposals)));

  people = lotse_store_list (f->store, "person", &by_name, 1, NULL, 1, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (people->len, ==, 1);
  me = lotse_record_get_id (g_ptr_array_index (people, 0));
  g_settings_set_string (settings, "me-person-id", me);

  meetings = lotse_store_list (f->store, "meeting", &filter, 1, NULL, 1, 0, &error);
  g_assert_no_error (error);
  planned = lotse_record_get_id (g_ptr_array_index (meetings, 0));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->view), "jourfixe.show-meeting", "s", planned));
  lotse_test_iterate_idle ();
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (f->detail->proposals)));
  n_items = lotse_meeting_detail_get_n_items (f->detail);

  propose_item (f, "Digitalgipfel 2027", "Termin und Beiträge abstimmen");
  propose_item (f, "Betriebsausflug", "");
  stored = query (f, "SELECT group_concat(title || '|' || ifnull(notes, '-') || '|' || proposed_by_person_id"
                     " || '|' || state, ' / ') FROM (SELECT * FROM agenda_proposal WHERE meeting_id = '%s'"
                     " ORDER BY proposed_at, title DESC)", planned);
  expected = g_strdup_printf ("Digitalgipfel 2027|Termin und Beiträge abstimmen|%s|proposed"
                              " / Betriebsausflug|-|%s|proposed", me, me);
  g_assert_cmpstr (stored, ==, expected);

  /* Accepted: an agenda item before “Verschiedenes”, presented by the proposer. */
  press (proposal_button (f, "Digitalgipfel 2027", "proposals.accept"));
  g_clear_pointer (&stored, g_free);
  stored = query (f, "SELECT p.state || '|' || p.decided_by_person_id || '|' || a.title || '|'"
                     " || a.presenter_person_id FROM agenda_proposal AS p JOIN agenda_item AS a"
                     " ON a.id = p.agenda_item_id WHERE p.title = 'Digitalgipfel 2027'");
  g_clear_pointer (&expected, g_free);
  expected = g_strdup_printf ("accepted|%s|Digitalgipfel 2027|%s", me, me);
  g_assert_cmpstr (stored, ==, expected);
  order = query (f, "SELECT group_concat(title, ' / ') FROM (SELECT title FROM agenda_item"
                    " WHERE meeting_id = '%s' AND deleted = 0 ORDER BY position DESC LIMIT 2)", planned);
  g_assert_cmpstr (order, ==, "Verschiedenes / Digitalgipfel 2027");
  g_assert_cmpuint (lotse_meeting_detail_get_n_items (f->detail), ==, n_items + 1);
  g_assert_null (proposal_button (f, "Digitalgipfel 2027", "proposals.accept"));
  g_assert_nonnull (strstr (proposal_subtitle (f, "Digitalgipfel 2027"), "Tobias Rehkemper"));

  /* Declined: only with a reason, which the proposer sees. */
  press (proposal_button (f, "Betriebsausflug", "proposals.decline"));
  dialog = lotse_test_find_dialog (GTK_WINDOW (f->window), _("Decline the Proposed Item?"));
  g_assert_nonnull (dialog);
  entry = lotse_test_find_widget_matching (GTK_WIDGET (dialog), GTK_TYPE_ENTRY, is_entry, NULL);
  gtk_editable_set_text (GTK_EDITABLE (entry), "   ");
  g_assert_false (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "apply"));
  gtk_editable_set_text (GTK_EDITABLE (entry), "Gehört in die Teamrunde");
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "apply");
  lotse_test_iterate_idle ();
  g_clear_pointer (&stored, g_free);
  stored = query (f, "SELECT state || '|' || decline_reason || '|' || ifnull(agenda_item_id, '-')"
                     " FROM agenda_proposal WHERE title = 'Betriebsausflug'");
  g_assert_cmpstr (stored, ==, "declined|Gehört in die Teamrunde|-");
  g_assert_nonnull (strstr (proposal_subtitle (f, "Betriebsausflug"), "Gehört in die Teamrunde"));
  g_assert_cmpuint (lotse_meeting_detail_get_n_items (f->detail), ==, n_items + 1);

  g_settings_reset (settings, "me-person-id");
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  gtk_test_init (&argc, &argv, NULL);

  /* Screenshots in another language: LOTSE_LOCALEDIR=_build/po LANGUAGE=de */
  if (g_getenv ("LOTSE_SCREENSHOTS") != NULL && g_getenv ("LOTSE_LOCALEDIR") != NULL)
    {
      setlocale (LC_ALL, "");
      bindtextdomain (GETTEXT_PACKAGE, g_getenv ("LOTSE_LOCALEDIR"));
      bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
      textdomain (GETTEXT_PACKAGE);
    }

  adw_init ();

  app = lotse_application_new (APPLICATION_ID, G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);

  g_test_add ("/ui/minutes/approve", Fixture, NULL, fixture_setup, test_approve, fixture_teardown);
  g_test_add ("/ui/minutes/action-items", Fixture, NULL, fixture_setup, test_action_items, fixture_teardown);
  g_test_add ("/ui/minutes/mode-editor", Fixture, NULL, fixture_setup, test_mode_editor, fixture_teardown);
  g_test_add ("/ui/minutes/mode-clock", Fixture, NULL, fixture_setup, test_mode_clock, fixture_teardown);
  g_test_add ("/ui/minutes/mode-approved", Fixture, NULL, fixture_setup, test_mode_approved, fixture_teardown);
  g_test_add ("/ui/minutes/mode-scroll", Fixture, NULL, fixture_setup, test_mode_scroll, fixture_teardown);
  g_test_add ("/ui/minutes/standing-item", Fixture, NULL, fixture_setup, test_standing_item, fixture_teardown);
  g_test_add ("/ui/minutes/proposals", Fixture, NULL, fixture_setup, test_proposals, fixture_teardown);

  status = g_test_run ();

  g_clear_object (&app);

  return status;
}
