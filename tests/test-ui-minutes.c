/* test-ui-minutes.c: approving minutes and working action items in the meeting detail
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

  status = g_test_run ();

  g_clear_object (&app);

  return status;
}
