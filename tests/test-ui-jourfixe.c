/* test-ui-jourfixe.c: the Jour fixe view over a temporary database
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs under Xvfb and a session bus. Builds the real window, drives the
 * view through its actions and widgets, and checks the store after each
 * step. With LOTSE_SCREENSHOTS=DIR, /ui/jourfixe/screenshots also writes
 * the view as PNG files (wide and 360 px, light and dark) into DIR.
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <locale.h>

#include "lotse-action-item-row.h"
#include "lotse-agenda-row.h"
#include "lotse-attachment-list.h"
#include "lotse-application-private.h"
#include "lotse-date-entry.h"
#include "lotse-meeting-list.h"
#include "lotse-jourfixe-view-private.h"
#include "lotse-test-helpers.h"
#include "lotse-view-private.h"
#include "lotse-report.h"
#include "lotse-test-ui.h"
#include "lotse-window-private.h"
#include "test-report-pdf.h"

#define WAIT_USEC (10 * G_USEC_PER_SEC)

static LotseApplication *app;

typedef struct
{
  char              *dir;
  LotseStore        *store;
  LotseWindow       *window;
  LotseJourfixeView *view;
} Fixture;

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
iterate_until_idle (void)
{
  gint64 deadline = g_get_monotonic_time () + WAIT_USEC;

  while (g_main_context_pending (NULL) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, FALSE);
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

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);
  gboolean with_demo = GPOINTER_TO_INT (data);
  g_autoptr(GError) error = NULL;
  GtkWindow *window;

  g_settings_reset (settings, "window-width");
  g_settings_reset (settings, "window-height");
  g_settings_set_string (settings, "last-view", "jourfixe");

  f->store = lotse_test_open_store (&f->dir);
  if (with_demo)
    {
      /* On the day its data are written for, so the dates below hold. */
      g_assert_true (lotse_demo_load (f->store, "2026-11-22", NULL, &error));
      g_assert_no_error (error);
    }
  lotse_application_set_store (app, f->store);

  g_application_activate (G_APPLICATION (app));
  window = gtk_application_get_active_window (GTK_APPLICATION (app));
  g_assert_true (LOTSE_IS_WINDOW (window));
  f->window = LOTSE_WINDOW (window);
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-view", "s", "jourfixe");
  iterate_until_idle ();
  f->view = LOTSE_JOURFIXE_VIEW (lotse_window_get_view (f->window, "jourfixe"));
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  destroy_all_windows ();
  lotse_application_set_store (app, NULL);
  g_clear_object (&f->store);
  lotse_test_remove_tree (f->dir);
  g_clear_pointer (&f->dir, g_free);
}

static void
activate (Fixture    *f,
          const char *action,
          const char *format,
          ...)
{
  GVariant *parameter = NULL;
  va_list args;

  if (format != NULL)
    {
      va_start (args, format);
      parameter = g_variant_new_va (format, NULL, &args);
      va_end (args);
    }

  g_assert_true (gtk_widget_activate_action_variant (GTK_WIDGET (f->view), action, parameter));
  iterate_until_idle ();
}

static gint64
count_where (LotseStore *store,
             const char *table,
             const char *field,
             const char *value)
{
  LotseFilter filter = { field, value };

  return lotse_store_count (store, table, field ? &filter : NULL, field ? 1 : 0, NULL);
}

static LotseRecord *
get_record (Fixture    *f,
            const char *table,
            const char *id)
{
  return lotse_store_get (f->store, table, id, NULL);
}

static LotseRecord *
first_where (LotseStore *store,
             const char *table,
             const char *field,
             const char *value,
             const char *order)
{
  LotseFilter filter = { field, value };
  g_autoptr(GPtrArray) rows = lotse_store_list (store, table, field ? &filter : NULL, field ? 1 : 0,
                                                order, 1, 0, NULL);

  g_assert_nonnull (rows);
  return rows->len > 0 ? g_object_ref (g_ptr_array_index (rows, 0)) : NULL;
}

static LotseRecord *
series_titled (Fixture    *f,
               const char *title)
{
  return first_where (f->store, "meeting_series", "title", title, NULL);
}

static void
apply_entry (AdwEntryRow *row,
             const char  *text)
{
  gtk_editable_set_text (GTK_EDITABLE (row), text);
  g_signal_emit_by_name (row, "apply");
  iterate_until_idle ();
}

static AdwEntryRow *
find_entry_row (GtkWidget  *widget,
                const char *title)
{
  if (ADW_IS_ENTRY_ROW (widget) &&
      g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), title) == 0)
    return ADW_ENTRY_ROW (widget);

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      AdwEntryRow *found = find_entry_row (child, title);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static GtkWidget *
find_type (GtkWidget *widget,
           GType      type)
{
  if (g_type_is_a (G_OBJECT_TYPE (widget), type))
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_type (child, type);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* Types a date into a date entry and presses Enter. */
static void
give_date (GtkWidget  *date_entry,
           const char *text)
{
  g_assert_true (LOTSE_IS_DATE_ENTRY (date_entry));
  gtk_editable_set_text (GTK_EDITABLE (date_entry), text);
  g_signal_emit_by_name (gtk_editable_get_delegate (GTK_EDITABLE (date_entry)), "activate");
  iterate_until_idle ();
}

static GtkSpinButton *
find_spin (GtkWidget *widget)
{
  if (GTK_IS_SPIN_BUTTON (widget))
    return GTK_SPIN_BUTTON (widget);

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkSpinButton *found = find_spin (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* --- the list ------------------------------------------------------------- */

static gboolean
list_has_items (gpointer data)
{
  GtkListView *list = data;
  GListModel *model = G_LIST_MODEL (gtk_list_view_get_model (list));

  return model != NULL && g_list_model_get_n_items (model) > 0;
}

static void
test_list_grouped (Fixture       *f,
                   gconstpointer  data)
{
  GtkListView *list = lotse_jourfixe_view_get_list_view (f->view);
  GListModel *model;
  g_autoptr(LotseRecord) first = NULL;
  g_autoptr(LotseRecord) jour_fixe = series_titled (f, "Jour fixe der Projektleitungen");
  g_autoptr(GPtrArray) groups = g_ptr_array_new ();
  gint64 previous = G_MAXINT64;

  g_assert_true (wait_until (list_has_items, list));
  model = G_LIST_MODEL (gtk_list_view_get_model (list));

  /* One row per meeting … */
  g_assert_cmpint (g_list_model_get_n_items (model), ==, count_where (f->store, "meeting", NULL, NULL));

  /* … the group of the series with the newest meeting first, newest first
   * inside; the meeting without a series apart. The jour fixe and the
   * steering board's December meeting are newest in the demo. */
  first = g_list_model_get_item (model, 0);
  g_assert_nonnull (lotse_record_get (first, "series_id"));
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(LotseRecord) meeting = g_list_model_get_item (model, i);
      g_autoptr(GDateTime) when = g_date_time_new_from_iso8601 (lotse_record_get (meeting, "starts_at"), NULL);
      const char *series = lotse_record_get (meeting, "series_id");

      if (i == 0 || g_strcmp0 (series, g_ptr_array_index (groups, groups->len - 1)) != 0)
        {
          /* A new group starts, and a series is never split. */
          g_assert_false (g_ptr_array_find_with_equal_func (groups, series, g_str_equal, NULL));
          g_ptr_array_add (groups, (gpointer)g_intern_string (series));
          previous = G_MAXINT64;
        }
      g_assert_cmpint (g_date_time_to_unix (when), <=, previous);
      previous = g_date_time_to_unix (when);
    }
  g_assert_cmpuint (groups->len, ==, 3);

  /* Activating a row opens the meeting. */
  g_signal_emit_by_name (list, "activate", 0);
  iterate_until_idle ();
  g_assert_cmpstr (lotse_jourfixe_view_get_page (f->view), ==, "meeting");
  g_assert_cmpstr (lotse_meeting_detail_get_meeting_id (lotse_jourfixe_view_get_meeting_detail (f->view)),
                   ==, lotse_record_get_id (first));
  (void)jour_fixe;
}

/* --- the agenda ----------------------------------------------------------- */

static char *
new_meeting (Fixture *f)
{
  LotseMeetingDetail *detail = lotse_jourfixe_view_get_meeting_detail (f->view);

  activate (f, "jourfixe.new-meeting", NULL);
  g_assert_cmpstr (lotse_jourfixe_view_get_page (f->view), ==, "meeting");
  g_assert_nonnull (lotse_meeting_detail_get_meeting_id (detail));

  return g_strdup (lotse_meeting_detail_get_meeting_id (detail));
}

static const char *
item_id (LotseMeetingDetail *detail,
         guint               index)
{
  return lotse_agenda_row_get_id (lotse_meeting_detail_get_row (detail, index));
}

/* Runs what a key does on @widget through the widget's own shortcut
 * controllers (its class's key bindings), as a key press would. */
static gboolean
activate_key (GtkWidget       *widget,
              guint            keyval,
              GdkModifierType  modifiers)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);
  g_autoptr(GtkShortcutTrigger) trigger = gtk_keyval_trigger_new (keyval, modifiers);
  gboolean done = FALSE;

  for (guint i = 0; i < g_list_model_get_n_items (controllers) && !done; i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;

      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)) && !done; j++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);

          if (gtk_shortcut_trigger_equal (gtk_shortcut_get_trigger (shortcut), trigger))
            done = gtk_shortcut_action_activate (gtk_shortcut_get_action (shortcut), 0, widget,
                                                 gtk_shortcut_get_arguments (shortcut));
        }
    }

  iterate_until_idle ();
  return done;
}

static gint64
position_of (Fixture    *f,
             const char *id)
{
  g_autoptr(LotseRecord) item = get_record (f, "agenda_item", id);

  g_assert_nonnull (item);
  return lotse_record_get_int (item, "position", -1);
}

static void
test_agenda_editing (Fixture       *f,
                     gconstpointer  data)
{
  LotseMeetingDetail *detail = lotse_jourfixe_view_get_meeting_detail (f->view);
  g_autofree char *meeting_id = new_meeting (f);
  g_autoptr(LotseRecord) meeting = NULL;
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;
  g_autofree char *c = NULL;
  const int durations[] = { 20, 30, 50 };
  const char *titles[] = { "Begrüßung", "Meilensteinmonitoring", "Lernreise 3" };

  /* The meeting: a title, 10:00 in Berlin, 90 minutes. */
  apply_entry (lotse_meeting_detail_get_title_row (detail), "Jour fixe 08.12.2026");
  give_date (find_type (GTK_WIDGET (detail), LOTSE_TYPE_DATE_ENTRY), "2026-12-08");
  apply_entry (lotse_meeting_detail_get_time_row (detail), "10:00");
  gtk_spin_button_set_value (find_spin (GTK_WIDGET (detail)), 90);
  iterate_until_idle ();

  meeting = get_record (f, "meeting", meeting_id);
  g_assert_cmpstr (lotse_record_get (meeting, "title"), ==, "Jour fixe 08.12.2026");
  g_assert_cmpstr (lotse_record_get (meeting, "starts_at"), ==, "2026-12-08T10:00:00+01:00");
  g_assert_cmpint (lotse_record_get_int (meeting, "duration_min", 0), ==, 90);

  /* Bad input changes nothing. */
  give_date (find_type (GTK_WIDGET (detail), LOTSE_TYPE_DATE_ENTRY), "2026-13-45");
  apply_entry (lotse_meeting_detail_get_time_row (detail), "25:00");
  apply_entry (lotse_meeting_detail_get_title_row (detail), "   ");
  g_clear_object (&meeting);
  meeting = get_record (f, "meeting", meeting_id);
  g_assert_cmpstr (lotse_record_get (meeting, "starts_at"), ==, "2026-12-08T10:00:00+01:00");
  g_assert_cmpstr (lotse_record_get (meeting, "title"), ==, "Jour fixe 08.12.2026");
  g_assert_true (gtk_widget_has_css_class (find_type (GTK_WIDGET (detail), LOTSE_TYPE_DATE_ENTRY), "error"));

  /* Three items, named and timed through their editors. */
  for (guint i = 0; i < 3; i++)
    {
      LotseAgendaRow *row;
      GtkEditable *title;

      activate (f, "jourfixe.add-item", NULL);
      g_assert_cmpuint (lotse_meeting_detail_get_n_items (detail), ==, i + 1);
      row = lotse_meeting_detail_get_row (detail, i);
      title = lotse_agenda_row_get_title_entry (row);
      gtk_editable_set_text (title, titles[i]);
      g_signal_emit_by_name (title, "activate");
      gtk_spin_button_set_value (lotse_agenda_row_get_duration_spin (row), durations[i]);
      gtk_drop_down_set_selected (lotse_agenda_row_get_kind_dropdown (row), 2);
      iterate_until_idle ();
    }
  g_assert_cmpint (count_where (f->store, "agenda_item", "meeting_id", meeting_id), ==, 3);

  a = g_strdup (item_id (detail, 0));
  b = g_strdup (item_id (detail, 1));
  c = g_strdup (item_id (detail, 2));
  {
    g_autoptr(LotseRecord) item = get_record (f, "agenda_item", b);

    g_assert_cmpstr (lotse_record_get (item, "title"), ==, "Meilensteinmonitoring");
    g_assert_cmpint (lotse_record_get_int (item, "duration_min", 0), ==, 30);
    g_assert_cmpstr (lotse_record_get (item, "kind"), ==, "decision");
    g_assert_cmpint (lotse_record_get_int (item, "position", 0), ==, 2);
  }

  /* Start times follow from the durations … */
  g_assert_cmpstr (lotse_agenda_row_get_start_text (lotse_meeting_detail_get_row (detail, 0)), ==, "10:00");
  g_assert_cmpstr (lotse_agenda_row_get_start_text (lotse_meeting_detail_get_row (detail, 1)), ==, "10:20");
  g_assert_cmpstr (lotse_agenda_row_get_start_text (lotse_meeting_detail_get_row (detail, 2)), ==, "10:50");

  /* … and 100 minutes overrun the 90, said in words. */
  g_assert_cmpstr (lotse_meeting_detail_get_total_text (detail), ==, "Total: 100 of 90 minutes");
  g_assert_true (lotse_meeting_detail_get_overrun_shown (detail));
  g_assert_cmpstr (lotse_meeting_detail_get_overrun_text (detail), ==, "10 minutes over the meeting's length");

  /* Alt+Down, as the row's key binding runs it, moves the first item down. */
  g_assert_true (activate_key (GTK_WIDGET (lotse_meeting_detail_get_row (detail, 0)), GDK_KEY_Down, GDK_ALT_MASK));
  iterate_until_idle ();
  g_assert_cmpint (position_of (f, b), ==, 1);
  g_assert_cmpint (position_of (f, a), ==, 2);
  g_assert_cmpint (position_of (f, c), ==, 3);
  g_assert_cmpstr (item_id (detail, 0), ==, b);
  g_assert_cmpstr (item_id (detail, 1), ==, a);
  g_assert_cmpstr (lotse_agenda_row_get_start_text (lotse_meeting_detail_get_row (detail, 1)), ==, "10:30");

  /* The first item cannot go further up. */
  g_assert_true (activate_key (GTK_WIDGET (lotse_meeting_detail_get_row (detail, 0)), GDK_KEY_Up, GDK_ALT_MASK));
  iterate_until_idle ();
  g_assert_cmpint (position_of (f, b), ==, 1);

  /* Dropping the last item on the first puts it first. */
  g_signal_emit_by_name (lotse_meeting_detail_get_row (detail, 0), "drop-item", c);
  iterate_until_idle ();
  g_assert_cmpint (position_of (f, c), ==, 1);
  g_assert_cmpint (position_of (f, b), ==, 2);
  g_assert_cmpint (position_of (f, a), ==, 3);

  /* Shorter: no overrun. */
  gtk_spin_button_set_value (lotse_agenda_row_get_duration_spin (lotse_meeting_detail_get_row (detail, 0)), 10);
  iterate_until_idle ();
  g_assert_cmpstr (lotse_meeting_detail_get_total_text (detail), ==, "Total: 60 of 90 minutes");
  g_assert_false (lotse_meeting_detail_get_overrun_shown (detail));

}

/* --- minutes -------------------------------------------------------------- */

static gboolean
notes_saved (gpointer data)
{
  Fixture *f = data;
  g_autoptr(LotseRecord) item = first_where (f->store, "agenda_item", "title", "Lernreise 3: Termin und Gastgeber", NULL);

  return g_strcmp0 (lotse_record_get (item, "notes"), "Gastgeber ist die Handwerkskammer.") == 0;
}

static void
test_minutes (Fixture       *f,
              gconstpointer  data)
{
  LotseMeetingDetail *detail = lotse_jourfixe_view_get_meeting_detail (f->view);
  g_autoptr(LotseRecord) item = first_where (f->store, "agenda_item", "title",
                                             "Lernreise 3: Termin und Gastgeber", NULL);
  const char *meeting_id = lotse_record_get (item, "meeting_id");
  const char *id = lotse_record_get_id (item);
  LotseAgendaRow *row = NULL;
  gint64 decisions, actions;
  GtkTextBuffer *buffer;

  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.open-record", "(ss)", "agenda_item", id);
  iterate_until_idle ();
  g_assert_cmpstr (lotse_meeting_detail_get_meeting_id (detail), ==, meeting_id);

  activate (f, "jourfixe.toggle-minutes", NULL);
  g_assert_true (lotse_meeting_detail_get_minutes (detail));
  for (guint i = 0; i < lotse_meeting_detail_get_n_items (detail); i++)
    if (g_strcmp0 (item_id (detail, i), id) == 0)
      row = lotse_meeting_detail_get_row (detail, i);
  g_assert_nonnull (row);

  decisions = count_where (f->store, "decision", "agenda_item_id", id);
  actions = count_where (f->store, "action_item", "agenda_item_id", id);

  /* A decision */
  gtk_editable_set_text (lotse_agenda_row_get_decision_entry (row), "Lernreise 3 findet am 12.03.2027 statt.");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (row), "agenda-item.add-decision", NULL));
  iterate_until_idle ();
  g_assert_cmpint (count_where (f->store, "decision", "agenda_item_id", id), ==, decisions + 1);
  {
    g_autoptr(LotseRecord) decision = first_where (f->store, "decision", "text",
                                                   "Lernreise 3 findet am 12.03.2027 statt.", NULL);

    g_assert_nonnull (decision);
    g_assert_cmpstr (lotse_record_get (decision, "meeting_id"), ==, meeting_id);
    g_assert_cmpstr (lotse_record_get (decision, "agenda_item_id"), ==, id);
    g_assert_cmpstr (lotse_record_get (decision, "project_id"), ==, lotse_record_get (item, "project_id"));
  }
  g_assert_cmpstr (gtk_editable_get_text (lotse_agenda_row_get_decision_entry (row)), ==, "");

  /* An empty one is refused. */
  gtk_editable_set_text (lotse_agenda_row_get_decision_entry (row), "  ");
  gtk_widget_activate_action (GTK_WIDGET (row), "agenda-item.add-decision", NULL);
  iterate_until_idle ();
  g_assert_cmpint (count_where (f->store, "decision", "agenda_item_id", id), ==, decisions + 1);

  /* An action item with owner and due date; a wrong date is refused first. */
  gtk_editable_set_text (lotse_agenda_row_get_action_entry (row), "Einladung an die Betriebe versenden");
  gtk_drop_down_set_selected (lotse_agenda_row_get_owner_dropdown (row), 2);
  gtk_editable_set_text (lotse_agenda_row_get_due_entry (row), "morgen");
  gtk_widget_activate_action (GTK_WIDGET (row), "agenda-item.add-action", NULL);
  iterate_until_idle ();
  g_assert_cmpint (count_where (f->store, "action_item", "agenda_item_id", id), ==, actions);
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (lotse_agenda_row_get_due_entry (row)), "error"));

  gtk_editable_set_text (lotse_agenda_row_get_due_entry (row), "2027-01-15");
  gtk_widget_activate_action (GTK_WIDGET (row), "agenda-item.add-action", NULL);
  iterate_until_idle ();
  g_assert_cmpint (count_where (f->store, "action_item", "agenda_item_id", id), ==, actions + 1);
  {
    g_autoptr(LotseRecord) action = first_where (f->store, "action_item", "title",
                                                 "Einladung an die Betriebe versenden", NULL);

    g_assert_nonnull (action);
    g_assert_cmpstr (lotse_record_get (action, "due_date"), ==, "2027-01-15");
    g_assert_cmpstr (lotse_record_get (action, "status"), ==, "open");
    g_assert_cmpstr (lotse_record_get (action, "meeting_id"), ==, meeting_id);
    g_assert_nonnull (lotse_record_get (action, "owner_person_id"));
  }

  /* The item is deferred, and the notes are saved while typing pauses. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (row), "agenda-item.set-status", "s", "deferred"));
  iterate_until_idle ();
  {
    g_autoptr(LotseRecord) after = get_record (f, "agenda_item", id);

    g_assert_cmpstr (lotse_record_get (after, "status"), ==, "deferred");
  }

  buffer = gtk_text_view_get_buffer (lotse_agenda_row_get_notes_view (row));
  gtk_text_buffer_set_text (buffer, "Gastgeber ist die Handwerkskammer.", -1);
  g_assert_true (wait_until (notes_saved, f));
}

/* --- the row's fields ------------------------------------------------------ */

static LotseAgendaRow *
row_of_item (LotseMeetingDetail *detail,
             const char         *id)
{
  for (guint i = 0; i < lotse_meeting_detail_get_n_items (detail); i++)
    if (g_strcmp0 (item_id (detail, i), id) == 0)
      return lotse_meeting_detail_get_row (detail, i);

  g_assert_not_reached ();
}

/* Picks @title in @dropdown, as a person does from its list. */
static void
pick (GtkDropDown *dropdown,
      const char  *title)
{
  GListModel *model = gtk_drop_down_get_model (dropdown);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(GtkStringObject) name = g_list_model_get_item (model, i);

      if (g_strcmp0 (gtk_string_object_get_string (name), title) == 0)
        {
          gtk_drop_down_set_selected (dropdown, i);
          iterate_until_idle ();
          return;
        }
    }

  g_error ("“%s” is not in the drop-down", title);
}

static const char *
line_text (GtkListBox *list,
           guint       index)
{
  GtkListBoxRow *row = gtk_list_box_get_row_at_index (list, index);

  g_assert_nonnull (row);
  return gtk_label_get_text (GTK_LABEL (find_type (GTK_WIDGET (row), GTK_TYPE_LABEL)));
}

/* Every field of the row's editor and minutes writes the item, and the
 * decisions and action items it lists are those stored. */
static void
test_agenda_row_fields (Fixture       *f,
                        gconstpointer  data)
{
  LotseMeetingDetail *detail = lotse_jourfixe_view_get_meeting_detail (f->view);
  g_autoptr(LotseRecord) item = first_where (f->store, "agenda_item", "title",
                                             "Lernreise 3: Termin und Gastgeber", NULL);
  g_autoptr(LotseRecord) person = first_where (f->store, "person", "name", "Aylin Demir", NULL);
  g_autoptr(LotseRecord) project = first_where (f->store, "project", "title", "OWL Arena 4.0", NULL);
  g_autoptr(LotseRecord) milestone = first_where (f->store, "milestone", "title",
                                                  "Meilensteinmonitoring für alle zehn Projekte eingerichtet",
                                                  NULL);
  const char *id = lotse_record_get_id (item);
  LotseAgendaEditor *editor;
  LotseAgendaMinutes *minutes;
  LotseAgendaRow *row;
  GtkListBox *decisions;
  GtkListBox *actions;
  gint64 n_decisions;

  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.open-record", "(ss)", "agenda_item", id);
  iterate_until_idle ();
  row = row_of_item (detail, id);
  lotse_agenda_row_set_expanded (row, TRUE);
  editor = lotse_agenda_row_get_editor (row);

  pick (lotse_agenda_editor_get_presenter_dropdown (editor), "Aylin Demir");
  pick (lotse_agenda_editor_get_project_dropdown (editor), "OWL Arena 4.0");
  pick (lotse_agenda_editor_get_milestone_dropdown (editor),
        "Meilensteinmonitoring für alle zehn Projekte eingerichtet");
  {
    g_autoptr(LotseRecord) after = get_record (f, "agenda_item", id);

    g_assert_cmpstr (lotse_record_get (after, "presenter_person_id"), ==, lotse_record_get_id (person));
    g_assert_cmpstr (lotse_record_get (after, "project_id"), ==, lotse_record_get_id (project));
    g_assert_cmpstr (lotse_record_get (after, "milestone_id"), ==, lotse_record_get_id (milestone));
  }

  /* No project lets go of the milestone, which was the project's. */
  gtk_drop_down_set_selected (lotse_agenda_editor_get_project_dropdown (editor), 0);
  iterate_until_idle ();
  {
    g_autoptr(LotseRecord) after = get_record (f, "agenda_item", id);

    g_assert_null (lotse_record_get (after, "project_id"));
    g_assert_null (lotse_record_get (after, "milestone_id"));
    g_assert_false (gtk_widget_get_sensitive (GTK_WIDGET (lotse_agenda_editor_get_milestone_dropdown (editor))));
  }

  /* A blank title is refused and changes nothing; a real one is kept. */
  gtk_editable_set_text (lotse_agenda_editor_get_title_entry (editor), "   ");
  g_signal_emit_by_name (lotse_agenda_editor_get_title_entry (editor), "activate");
  iterate_until_idle ();
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (lotse_agenda_editor_get_title_entry (editor)), "error"));
  {
    g_autoptr(LotseRecord) after = get_record (f, "agenda_item", id);

    g_assert_cmpstr (lotse_record_get (after, "title"), ==, "Lernreise 3: Termin und Gastgeber");
  }
  gtk_editable_set_text (lotse_agenda_editor_get_title_entry (editor), "Lernreise 3: neuer Termin");
  g_signal_emit_by_name (lotse_agenda_editor_get_title_entry (editor), "activate");
  iterate_until_idle ();
  {
    g_autoptr(LotseRecord) after = get_record (f, "agenda_item", id);

    g_assert_cmpstr (lotse_record_get (after, "title"), ==, "Lernreise 3: neuer Termin");
  }

  /* The state, by its button in the minutes */
  activate (f, "jourfixe.toggle-minutes", NULL);
  minutes = lotse_agenda_row_get_minutes_widget (row);
  g_signal_emit_by_name (lotse_agenda_minutes_get_status_button (minutes, "open"), "clicked");
  iterate_until_idle ();
  {
    g_autoptr(LotseRecord) after = get_record (f, "agenda_item", id);

    g_assert_cmpstr (lotse_record_get (after, "status"), ==, "open");
  }

  /* The lists show what is stored: a decision added appears, and its
   * button deletes it. */
  decisions = lotse_agenda_minutes_get_decision_list (minutes);
  actions = lotse_agenda_minutes_get_action_list (minutes);
  n_decisions = count_where (f->store, "decision", "agenda_item_id", id);
  gtk_editable_set_text (lotse_agenda_row_get_decision_entry (row), "Gastgeber ist die Handwerkskammer.");
  g_signal_emit_by_name (lotse_agenda_row_get_decision_entry (row), "activate");
  iterate_until_idle ();
  g_assert_cmpint (count_where (f->store, "decision", "agenda_item_id", id), ==, n_decisions + 1);
  g_assert_nonnull (gtk_list_box_get_row_at_index (decisions, n_decisions));
  g_assert_cmpstr (line_text (decisions, n_decisions), ==, "Gastgeber ist die Handwerkskammer.");

  g_signal_emit_by_name (find_type (GTK_WIDGET (gtk_list_box_get_row_at_index (decisions, n_decisions)),
                                    GTK_TYPE_BUTTON), "clicked");
  iterate_until_idle ();
  g_assert_cmpint (count_where (f->store, "decision", "agenda_item_id", id), ==, n_decisions);
  g_assert_null (gtk_list_box_get_row_at_index (decisions, n_decisions));

  gtk_editable_set_text (lotse_agenda_row_get_action_entry (row), "Ersatztermin abstimmen");
  pick (lotse_agenda_row_get_owner_dropdown (row), "Aylin Demir");
  g_signal_emit_by_name (lotse_agenda_row_get_action_entry (row), "activate");
  iterate_until_idle ();
  {
    g_autoptr(LotseRecord) action = first_where (f->store, "action_item", "title", "Ersatztermin abstimmen", NULL);
    guint last = count_where (f->store, "action_item", "agenda_item_id", id) - 1;

    g_assert_nonnull (action);
    g_assert_cmpstr (lotse_record_get (action, "owner_person_id"), ==, lotse_record_get_id (person));
    LotseActionItemRow *shown = LOTSE_ACTION_ITEM_ROW (gtk_list_box_get_row_at_index (actions, last));
    GtkStringObject *owner = gtk_drop_down_get_selected_item (lotse_action_item_row_get_owner_dropdown (shown));

    g_assert_cmpstr (gtk_editable_get_text (lotse_action_item_row_get_title_entry (shown)), ==,
                     "Ersatztermin abstimmen");
    g_assert_cmpstr (gtk_string_object_get_string (owner), ==, "Aylin Demir");
  }
}

/* --- participants --------------------------------------------------------- */

static void
test_participants (Fixture       *f,
                   gconstpointer  data)
{
  LotseMeetingDetail *detail = lotse_jourfixe_view_get_meeting_detail (f->view);
  g_autofree char *meeting_id = new_meeting (f);
  GtkListBox *list = lotse_meeting_detail_get_participants_list (detail);
  AdwActionRow *row;
  GtkDropDown *attendance = NULL;
  g_autoptr(LotseRecord) participant = NULL;

  gtk_drop_down_set_selected (lotse_meeting_detail_get_person_dropdown (detail), 3);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (detail), "meeting.add-participant", NULL));
  iterate_until_idle ();
  g_assert_cmpint (count_where (f->store, "meeting_participant", "meeting_id", meeting_id), ==, 1);

  /* The same person twice is refused. */
  gtk_drop_down_set_selected (lotse_meeting_detail_get_person_dropdown (detail), 3);
  gtk_widget_activate_action (GTK_WIDGET (detail), "meeting.add-participant", NULL);
  iterate_until_idle ();
  g_assert_cmpint (count_where (f->store, "meeting_participant", "meeting_id", meeting_id), ==, 1);

  /* Attendance */
  row = ADW_ACTION_ROW (gtk_list_box_get_row_at_index (list, 0));
  g_assert_nonnull (row);
  attendance = GTK_DROP_DOWN (find_type (GTK_WIDGET (row), GTK_TYPE_DROP_DOWN));
  g_assert_nonnull (attendance);
  gtk_drop_down_set_selected (attendance, 1);
  iterate_until_idle ();
  participant = first_where (f->store, "meeting_participant", "meeting_id", meeting_id, NULL);
  g_assert_cmpstr (lotse_record_get (participant, "attendance"), ==, "present");
}

/* The first widget under @widget that activates @action */
static GtkWidget *
find_action (GtkWidget  *widget,
             const char *action)
{
  if (GTK_IS_ACTIONABLE (widget) &&
      g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), action) == 0)
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_action (child, action);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The participant rows follow the store: an attendance changed elsewhere
 * shows in the row the user may be in, which is kept; Remove Participant
 * in the row deletes the record. */
static void
test_participant_rows (Fixture       *f,
                       gconstpointer  data)
{
  LotseMeetingDetail *detail = lotse_jourfixe_view_get_meeting_detail (f->view);
  g_autofree char *meeting_id = new_meeting (f);
  GtkListBox *list = lotse_meeting_detail_get_participants_list (detail);
  g_autoptr(LotseRecord) participant = NULL;
  g_autoptr(GError) error = NULL;
  GtkListBoxRow *row;
  GtkWidget *remove;

  gtk_drop_down_set_selected (lotse_meeting_detail_get_person_dropdown (detail), 3);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (detail), "meeting.add-participant", NULL));
  iterate_until_idle ();
  row = gtk_list_box_get_row_at_index (list, 0);
  g_assert_nonnull (row);

  participant = first_where (f->store, "meeting_participant", "meeting_id", meeting_id, NULL);
  lotse_record_set (participant, "attendance", "excused");
  g_assert_true (lotse_store_update (f->store, participant, &error));
  g_assert_no_error (error);
  iterate_until_idle ();
  g_assert_true (gtk_list_box_get_row_at_index (list, 0) == row);
  g_assert_cmpuint (gtk_drop_down_get_selected (GTK_DROP_DOWN (find_type (GTK_WIDGET (row), GTK_TYPE_DROP_DOWN))),
                    ==, 2);
  g_clear_object (&participant);
  participant = first_where (f->store, "meeting_participant", "meeting_id", meeting_id, NULL);
  g_assert_cmpstr (lotse_record_get (participant, "attendance"), ==, "excused");

  remove = find_action (GTK_WIDGET (row), "meeting.remove-participant");
  g_assert_nonnull (remove);
  g_signal_emit_by_name (remove, "clicked");
  iterate_until_idle ();
  g_assert_cmpint (count_where (f->store, "meeting_participant", "meeting_id", meeting_id), ==, 0);
  g_assert_null (gtk_list_box_get_row_at_index (list, 0));
}

/* --- registers ------------------------------------------------------------ */

static gint64
count_actions (Fixture    *f,
               const char *status,
               const char *series_id)
{
  g_autoptr(GPtrArray) actions = lotse_store_list (f->store, "action_item", NULL, 0, NULL, 0, 0, NULL);
  gint64 n = 0;

  for (guint i = 0; i < actions->len; i++)
    {
      LotseRecord *action = g_ptr_array_index (actions, i);
      g_autoptr(LotseRecord) meeting = NULL;

      if (status != NULL && g_strcmp0 (lotse_record_get (action, "status"), status) != 0)
        continue;
      if (series_id != NULL)
        {
          meeting = lotse_record_get (action, "meeting_id")
                      ? get_record (f, "meeting", lotse_record_get (action, "meeting_id")) : NULL;
          if (meeting == NULL || g_strcmp0 (lotse_record_get (meeting, "series_id"), series_id) != 0)
            continue;
        }
      n++;
    }

  return n;
}

static guint
dropdown_position (GtkDropDown *dropdown,
                   const char  *text)
{
  GListModel *model = gtk_drop_down_get_model (dropdown);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(GtkStringObject) item = g_list_model_get_item (model, i);

      if (g_strcmp0 (gtk_string_object_get_string (item), text) == 0)
        return i;
    }
  g_assert_not_reached ();
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

static gboolean
registers_loaded (gpointer data)
{
  return !lotse_registers_is_loading (data);
}

typedef struct
{
  GListModel *model;
  guint       n;
} CountCheck;

static gboolean
model_has_n (gpointer data)
{
  CountCheck *check = data;

  return g_list_model_get_n_items (check->model) == check->n;
}

static void
test_registers (Fixture       *f,
                gconstpointer  data)
{
  LotseRegisters *registers = lotse_jourfixe_view_get_registers (f->view);
  GListModel *actions = lotse_registers_get_actions (registers);
  GListModel *decisions = lotse_registers_get_decisions (registers);
  g_autoptr(LotseRecord) jour_fixe = series_titled (f, "Jour fixe der Projektleitungen");
  g_autoptr(LotseRecord) first = NULL;
  g_autoptr(LotseRecord) done = NULL;
  GtkCheckButton *check;
  gint64 open_before;

  activate (f, "jourfixe.show-registers", NULL);
  g_assert_cmpstr (lotse_jourfixe_view_get_page (f->view), ==, "registers");
  g_assert_true (wait_until (registers_loaded, registers));

  /* Open action items of all meetings; all decisions. */
  open_before = count_actions (f, "open", NULL);
  g_assert_cmpint (open_before, >, 0);
  g_assert_cmpint (g_list_model_get_n_items (actions), ==, open_before);
  g_assert_cmpint (g_list_model_get_n_items (decisions), ==, count_where (f->store, "decision", NULL, NULL));

  /* Filters: all states, then one series, then open again. */
  gtk_drop_down_set_selected (lotse_registers_get_state_filter (registers),
                              dropdown_position (lotse_registers_get_state_filter (registers), "All states"));
  g_assert_cmpint (g_list_model_get_n_items (actions), ==, count_actions (f, NULL, NULL));
  gtk_drop_down_set_selected (lotse_registers_get_series_filter (registers),
                              dropdown_position (lotse_registers_get_series_filter (registers),
                                                 "Jour fixe der Projektleitungen"));
  g_assert_cmpint (g_list_model_get_n_items (actions), ==,
                   count_actions (f, NULL, lotse_record_get_id (jour_fixe)));
  g_assert_cmpint (g_list_model_get_n_items (actions), <, count_actions (f, NULL, NULL));
  gtk_drop_down_set_selected (lotse_registers_get_state_filter (registers), 0);
  g_assert_cmpint (g_list_model_get_n_items (actions), ==,
                   count_actions (f, "open", lotse_record_get_id (jour_fixe)));

  /* By owner: every row shown has that owner. */
  gtk_drop_down_set_selected (lotse_registers_get_series_filter (registers), 0);
  first = g_list_model_get_item (actions, 0);
  g_assert_nonnull (lotse_record_get (first, "owner_person_id"));
  {
    g_autoptr(LotseRecord) owner = get_record (f, "person", lotse_record_get (first, "owner_person_id"));

    gtk_drop_down_set_selected (lotse_registers_get_owner_filter (registers),
                                dropdown_position (lotse_registers_get_owner_filter (registers),
                                                   lotse_record_get (owner, "name")));
    g_assert_cmpuint (g_list_model_get_n_items (actions), >, 0);
    for (guint i = 0; i < g_list_model_get_n_items (actions); i++)
      {
        g_autoptr(LotseRecord) action = g_list_model_get_item (actions, i);

        g_assert_cmpstr (lotse_record_get (action, "owner_person_id"), ==, lotse_record_get_id (owner));
      }
    gtk_drop_down_set_selected (lotse_registers_get_owner_filter (registers), 0);
  }

  /* Marking the first open one done records when, and it leaves the list. */
  g_clear_object (&first);
  first = g_list_model_get_item (actions, 0);
  g_assert_true (wait_until (has_check, registers));
  check = find_check (GTK_WIDGET (registers));
  gtk_check_button_set_active (check, TRUE);
  iterate_until_idle ();
  done = get_record (f, "action_item", lotse_record_get_id (first));
  g_assert_cmpstr (lotse_record_get (done, "status"), ==, "done");
  g_assert_nonnull (lotse_record_get (done, "done_at"));
  g_assert_cmpint (count_actions (f, "open", NULL), ==, open_before - 1);
  {
    CountCheck count = { actions, open_before - 1 };

    g_assert_true (wait_until (model_has_n, &count));
  }

  /* One click to the meeting it came from. */
  activate (f, "jourfixe.show-meeting", "s", lotse_record_get (first, "meeting_id"));
  g_assert_cmpstr (lotse_jourfixe_view_get_page (f->view), ==, "meeting");
  g_assert_cmpstr (lotse_meeting_detail_get_meeting_id (lotse_jourfixe_view_get_meeting_detail (f->view)),
                   ==, lotse_record_get (first, "meeting_id"));
}

/* --- delete and undo ------------------------------------------------------ */

static void
test_delete_undo (Fixture       *f,
                  gconstpointer  data)
{
  LotseMeetingDetail *detail = lotse_jourfixe_view_get_meeting_detail (f->view);
  g_autoptr(LotseRecord) meeting = first_where (f->store, "meeting", "title", "Jour fixe 01.09.2026", NULL);
  g_autofree char *id = g_strdup (lotse_record_get_id (meeting));
  gint64 items = count_where (f->store, "agenda_item", "meeting_id", id);
  gint64 decisions = count_where (f->store, "decision", "meeting_id", id);
  gint64 actions = count_where (f->store, "action_item", "meeting_id", id);
  gint64 participants = count_where (f->store, "meeting_participant", "meeting_id", id);
  gint64 meetings = count_where (f->store, "meeting", NULL, NULL);
  g_autofree char *item = NULL;
  g_autoptr(LotseRecord) deleted_item = NULL;

  g_assert_cmpint (items, >, 0);
  g_assert_cmpint (decisions, >, 0);

  /* The meeting, with everything that hangs on it */
  activate (f, "jourfixe.show-meeting", "s", id);
  activate (f, "jourfixe.delete-current", NULL);
  g_assert_null (get_record (f, "meeting", id));
  g_assert_cmpint (count_where (f->store, "meeting", NULL, NULL), ==, meetings - 1);
  g_assert_cmpint (count_where (f->store, "agenda_item", "meeting_id", id), ==, 0);
  g_assert_cmpint (count_where (f->store, "decision", "meeting_id", id), ==, 0);
  g_assert_cmpint (count_where (f->store, "action_item", "meeting_id", id), ==, 0);
  g_assert_cmpint (count_where (f->store, "meeting_participant", "meeting_id", id), ==, 0);
  g_assert_cmpstr (lotse_jourfixe_view_get_page (f->view), ==, "none");
  /* Tombstones that sync carries */
  g_assert_cmpint (lotse_test_query_int (lotse_store_get_path (f->store),
                                         "SELECT deleted FROM meeting WHERE id IN "
                                         "(SELECT row_id FROM outbox ORDER BY rowid DESC LIMIT 1)"), ==, 1);

  /* Undo brings all of it back and shows it again. */
  activate (f, "jourfixe.undo", NULL);
  g_clear_object (&meeting);
  meeting = get_record (f, "meeting", id);
  g_assert_nonnull (meeting);
  g_assert_cmpint (count_where (f->store, "agenda_item", "meeting_id", id), ==, items);
  g_assert_cmpint (count_where (f->store, "decision", "meeting_id", id), ==, decisions);
  g_assert_cmpint (count_where (f->store, "action_item", "meeting_id", id), ==, actions);
  g_assert_cmpint (count_where (f->store, "meeting_participant", "meeting_id", id), ==, participants);
  g_assert_cmpstr (lotse_jourfixe_view_get_page (f->view), ==, "meeting");
  g_assert_cmpuint (lotse_meeting_detail_get_n_items (detail), ==, items);
  /* Sync gets the row back whole, not as a tombstone. */
  {
    g_autofree char *sql = g_strdup_printf ("SELECT deleted || ' ' || (instr (fields, '\"title\"') > 0) FROM outbox"
                                            " WHERE row_id = '%s' ORDER BY rowid DESC LIMIT 1", id);
    g_autofree char *last = lotse_test_query_text (lotse_store_get_path (f->store), sql);

    g_assert_cmpstr (last, ==, "0 1");
  }

  /* Nothing left to undo */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->view), "jourfixe.undo", NULL));
  g_assert_nonnull (get_record (f, "meeting", id));

  /* An agenda item, through its row */
  item = g_strdup (item_id (detail, 0));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (lotse_meeting_detail_get_row (detail, 0)),
                                             "agenda-item.delete", NULL));
  iterate_until_idle ();
  g_assert_null (get_record (f, "agenda_item", item));
  g_assert_cmpuint (lotse_meeting_detail_get_n_items (detail), ==, items - 1);
  activate (f, "jourfixe.undo", NULL);
  deleted_item = get_record (f, "agenda_item", item);
  g_assert_nonnull (deleted_item);
  g_assert_cmpuint (lotse_meeting_detail_get_n_items (detail), ==, items);
  g_assert_cmpstr (item_id (detail, 0), ==, item);

  /* A decision and an action item, from the minutes */
  {
    g_autoptr(LotseRecord) decision = first_where (f->store, "decision", "meeting_id", id, NULL);
    g_autoptr(LotseRecord) action = first_where (f->store, "action_item", "meeting_id", id, NULL);
    LotseAgendaRow *row = NULL;

    lotse_meeting_detail_set_minutes (detail, TRUE);
    for (guint i = 0; i < lotse_meeting_detail_get_n_items (detail); i++)
      if (g_strcmp0 (item_id (detail, i), lotse_record_get (decision, "agenda_item_id")) == 0)
        row = lotse_meeting_detail_get_row (detail, i);
    g_assert_nonnull (row);
    gtk_widget_activate_action (GTK_WIDGET (row), "agenda-item.delete-decision", "s",
                                lotse_record_get_id (decision));
    iterate_until_idle ();
    g_assert_null (get_record (f, "decision", lotse_record_get_id (decision)));
    activate (f, "jourfixe.undo", NULL);
    g_assert_nonnull (get_record (f, "decision", lotse_record_get_id (decision)));

    g_assert_true (lotse_jourfixe_view_delete (f->view, "action_item", lotse_record_get_id (action)));
    g_assert_null (get_record (f, "action_item", lotse_record_get_id (action)));
    activate (f, "jourfixe.undo", NULL);
    g_assert_nonnull (get_record (f, "action_item", lotse_record_get_id (action)));
  }
}

/* A carried-over item keeps working after the item it came from is
 * deleted, and gets its origin back on undo. */
static void
test_delete_carried (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GPtrArray) items = lotse_store_list (f->store, "agenda_item", NULL, 0, NULL, 0, 0, NULL);
  LotseRecord *carried = NULL;
  g_autofree char *origin = NULL;
  g_autoptr(LotseRecord) after = NULL;

  for (guint i = 0; i < items->len && carried == NULL; i++)
    if (lotse_record_get (g_ptr_array_index (items, i), "carried_from_id") != NULL)
      carried = g_ptr_array_index (items, i);
  g_assert_nonnull (carried);
  origin = g_strdup (lotse_record_get (carried, "carried_from_id"));

  g_assert_true (lotse_jourfixe_view_delete (f->view, "agenda_item", origin));
  after = get_record (f, "agenda_item", lotse_record_get_id (carried));
  g_assert_null (lotse_record_get (after, "carried_from_id"));
  lotse_record_set (after, "title", "Still editable");
  g_assert_true (lotse_store_update (f->store, after, NULL));

  activate (f, "jourfixe.undo", NULL);
  g_clear_object (&after);
  after = get_record (f, "agenda_item", lotse_record_get_id (carried));
  g_assert_cmpstr (lotse_record_get (after, "carried_from_id"), ==, origin);
  g_assert_nonnull (get_record (f, "agenda_item", origin));
}

/* --- series, prepare, export, open ---------------------------------------- */

static void
test_series_prepare (Fixture       *f,
                     gconstpointer  data)
{
  LotseSeriesEditor *editor = lotse_jourfixe_view_get_series_editor (f->view);
  g_autoptr(LotseRecord) series = NULL;
  g_autoptr(LotseRecord) prepared = NULL;
  const char *series_id;
  gint64 meetings = count_where (f->store, "meeting", NULL, NULL);
  GtkTextBuffer *buffer;
  const char *meeting_id;

  activate (f, "jourfixe.new-series", NULL);
  g_assert_cmpstr (lotse_jourfixe_view_get_page (f->view), ==, "series");
  series_id = lotse_series_editor_get_series_id (editor);
  g_assert_nonnull (series_id);

  apply_entry (lotse_series_editor_get_title_row (editor), "Netzwerktreffen der Missionare");
  /* Monthly on the first Wednesday */
  adw_combo_row_set_selected (lotse_series_editor_get_repeat_row (editor), LOTSE_SERIES_REPEAT_MONTHLY_WEEKDAY);
  adw_combo_row_set_selected (lotse_series_editor_get_weekday_row (editor), 2);
  buffer = gtk_text_view_get_buffer (lotse_series_editor_get_standing_view (editor));
  gtk_text_buffer_set_text (buffer, "Begrüßung\n\n  Berichte aus den Kammern \nVerschiedenes", -1);
  gtk_widget_activate_action (GTK_WIDGET (f->view), "jourfixe.show-registers", NULL);
  activate (f, "jourfixe.edit-series", "s", series_id);

  series = get_record (f, "meeting_series", series_id);
  g_assert_cmpstr (lotse_record_get (series, "title"), ==, "Netzwerktreffen der Missionare");
  g_assert_cmpstr (lotse_record_get (series, "recurrence"), ==, "FREQ=MONTHLY;BYDAY=1WE");
  g_assert_cmpstr (lotse_record_get (series, "standing_items"), ==,
                   "Begrüßung\nBerichte aus den Kammern\nVerschiedenes");

  /* Prepare the next meeting: it opens, with the standing items. */
  activate (f, "jourfixe.prepare-current", NULL);
  g_assert_cmpint (count_where (f->store, "meeting", NULL, NULL), ==, meetings + 1);
  g_assert_cmpstr (lotse_jourfixe_view_get_page (f->view), ==, "meeting");
  meeting_id = lotse_meeting_detail_get_meeting_id (lotse_jourfixe_view_get_meeting_detail (f->view));
  prepared = get_record (f, "meeting", meeting_id);
  g_assert_cmpstr (lotse_record_get (prepared, "series_id"), ==, series_id);
  g_assert_cmpint (count_where (f->store, "agenda_item", "meeting_id", meeting_id), >=, 3);
  g_assert_cmpuint (lotse_meeting_detail_get_n_items (lotse_jourfixe_view_get_meeting_detail (f->view)), ==,
                    count_where (f->store, "agenda_item", "meeting_id", meeting_id));

  /* A series without recurrence cannot: a message, and nothing written. */
  g_clear_object (&series);
  series = series_titled (f, "Strategieveranstaltung OWL 4.0");
  activate (f, "jourfixe.prepare-next", "s", lotse_record_get_id (series));
  g_assert_cmpint (count_where (f->store, "meeting", NULL, NULL), ==, meetings + 1);
}

/* The rows present the rule the core reads: a rule they can show is
 * rebuilt from them with its time of day and zone kept, one they cannot is
 * left as it is, and the rule's words are the core's description. */
static void
test_series_rule (Fixture       *f,
                  gconstpointer  data)
{
  LotseSeriesEditor *editor = lotse_jourfixe_view_get_series_editor (f->view);
  g_autoptr(LotseRecord) series = series_titled (f, "Jour fixe der Projektleitungen");
  const char *id = lotse_record_get_id (series);
  AdwComboRow *repeat = lotse_series_editor_get_repeat_row (editor);
  AdwComboRow *weekday = lotse_series_editor_get_weekday_row (editor);
  AdwActionRow *rule = lotse_series_editor_get_rule_row (editor);
  g_autoptr(LotseRecord) stored = NULL;

  lotse_record_set (series, "recurrence",
                    "FREQ=WEEKLY;INTERVAL=2;BYDAY=TU;BYHOUR=9;BYMINUTE=30;TZID=Europe/Vienna");
  g_assert_true (lotse_store_update (f->store, series, NULL));
  activate (f, "jourfixe.edit-series", "s", id);
  g_assert_cmpuint (adw_combo_row_get_selected (repeat), ==, LOTSE_SERIES_REPEAT_BIWEEKLY);
  g_assert_cmpuint (adw_combo_row_get_selected (weekday), ==, G_DATE_TUESDAY - 1);
  g_assert_cmpstr (adw_action_row_get_subtitle (rule), ==, "Every 2 weeks on Tuesday");

  adw_combo_row_set_selected (weekday, G_DATE_THURSDAY - 1);
  iterate_until_idle ();
  stored = get_record (f, "meeting_series", id);
  g_assert_cmpstr (lotse_record_get (stored, "recurrence"), ==,
                   "FREQ=WEEKLY;INTERVAL=2;BYDAY=TH;BYHOUR=9;BYMINUTE=30;TZID=Europe/Vienna");
  g_assert_cmpstr (adw_action_row_get_subtitle (rule), ==, "Every 2 weeks on Thursday");

  adw_combo_row_set_selected (repeat, LOTSE_SERIES_REPEAT_MONTHLY_WEEKDAY);
  iterate_until_idle ();
  g_clear_object (&stored);
  stored = get_record (f, "meeting_series", id);
  g_assert_cmpstr (lotse_record_get (stored, "recurrence"), ==,
                   "FREQ=MONTHLY;BYDAY=1TH;BYHOUR=9;BYMINUTE=30;TZID=Europe/Vienna");

  /* Two days a week is no choice of the rows: shown in words, kept. */
  g_clear_object (&stored);
  stored = get_record (f, "meeting_series", id);
  lotse_record_set (stored, "recurrence", "FREQ=WEEKLY;BYDAY=MO,TH");
  g_assert_true (lotse_store_update (f->store, stored, NULL));
  iterate_until_idle ();
  g_assert_cmpuint (adw_combo_row_get_selected (repeat), ==, LOTSE_SERIES_REPEAT_OTHER);
  g_assert_cmpstr (adw_action_row_get_subtitle (rule), ==, "Every week on Monday, Thursday");
  adw_combo_row_set_selected (weekday, G_DATE_FRIDAY - 1);
  iterate_until_idle ();
  g_clear_object (&stored);
  stored = get_record (f, "meeting_series", id);
  g_assert_cmpstr (lotse_record_get (stored, "recurrence"), ==, "FREQ=WEEKLY;BYDAY=MO,TH");

  /* A rule the core cannot read is shown as it is. */
  lotse_record_set (stored, "recurrence", "FREQ=DAILY");
  g_assert_true (lotse_store_update (f->store, stored, NULL));
  iterate_until_idle ();
  g_assert_cmpuint (adw_combo_row_get_selected (repeat), ==, LOTSE_SERIES_REPEAT_OTHER);
  g_assert_cmpstr (adw_action_row_get_subtitle (rule), ==, "FREQ=DAILY");
}

static void
test_export_ics (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(LotseRecord) meeting = first_where (f->store, "meeting", "title", "Jour fixe 24.11.2026", NULL);
  g_autoptr(LotseRecord) series = series_titled (f, "Jour fixe der Projektleitungen");
  g_autofree char *path = g_build_filename (f->dir, "jour-fixe.ics", NULL);
  g_autofree char *bad = g_build_filename (f->dir, "missing", "dir.ics", NULL);
  g_autofree char *contents = NULL;

  g_assert_true (lotse_jourfixe_view_export_ics (f->view, "meeting", lotse_record_get_id (meeting), path));
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_true (g_str_has_prefix (contents, "BEGIN:VCALENDAR"));
  g_assert_nonnull (strstr (contents, "Jour fixe 24.11.2026"));
  g_clear_pointer (&contents, g_free);

  g_assert_true (lotse_jourfixe_view_export_ics (f->view, "meeting_series", lotse_record_get_id (series), path));
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_nonnull (strstr (contents, "RRULE:FREQ=WEEKLY;INTERVAL=2;BYDAY=TU"));

  /* A path that cannot be written: an error, no file */
  g_assert_false (lotse_jourfixe_view_export_ics (f->view, "meeting", lotse_record_get_id (meeting), bad));
  g_assert_false (g_file_test (bad, G_FILE_TEST_EXISTS));

  /* The menus offer it, with sending and the report actions beside */
  activate (f, "jourfixe.show-meeting", "s", lotse_record_get_id (meeting));
  {
    GMenuModel *menu = lotse_meeting_detail_get_menu (lotse_jourfixe_view_get_meeting_detail (f->view));
    g_autoptr(GString) actions = g_string_new (NULL);

    for (int s = 0; s < g_menu_model_get_n_items (menu); s++)
      {
        g_autoptr(GMenuModel) section = g_menu_model_get_item_link (menu, s, G_MENU_LINK_SECTION);

        for (int i = 0; i < g_menu_model_get_n_items (section); i++)
          {
            g_autofree char *action = NULL;

            g_menu_model_get_item_attribute (section, i, G_MENU_ATTRIBUTE_ACTION, "s", &action);
            g_string_append_printf (actions, "%s ", action);
          }
      }
    g_assert_cmpstr (actions->str, ==,
                     "jourfixe.prepare-next jourfixe.edit-series jourfixe.export-meeting "
                     "meeting.send meeting.save-eml "
                     "win.export-agenda win.print-agenda win.export-minutes win.print-minutes "
                     "jourfixe.delete-meeting ");
  }
}

static void
test_open_record (Fixture       *f,
                  gconstpointer  data)
{
  LotseMeetingDetail *detail = lotse_jourfixe_view_get_meeting_detail (f->view);
  g_autoptr(LotseRecord) decision = first_where (f->store, "decision", NULL, NULL, NULL);
  g_autoptr(LotseRecord) action = first_where (f->store, "action_item", NULL, NULL, NULL);
  g_autoptr(LotseRecord) series = series_titled (f, "Lenkungskreis Digitale Regionen");

  g_assert_true (lotse_view_open_record (LOTSE_VIEW (f->view), "decision", lotse_record_get_id (decision)));
  g_assert_cmpstr (lotse_meeting_detail_get_meeting_id (detail), ==, lotse_record_get (decision, "meeting_id"));
  g_assert_true (lotse_meeting_detail_get_minutes (detail));

  g_assert_true (lotse_view_open_record (LOTSE_VIEW (f->view), "meeting_series", lotse_record_get_id (series)));
  g_assert_cmpstr (lotse_jourfixe_view_get_page (f->view), ==, "series");
  g_assert_cmpstr (lotse_series_editor_get_series_id (lotse_jourfixe_view_get_series_editor (f->view)), ==,
                   lotse_record_get_id (series));

  g_assert_false (lotse_view_open_record (LOTSE_VIEW (f->view), "meeting", "00000000-0000-4000-8000-000000000000"));
  g_assert_false (lotse_view_open_record (LOTSE_VIEW (f->view), "project", lotse_record_get_id (series)));

  /* Through the window, as search and the monitor do */
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.open-record", "(ss)",
                              "action_item", lotse_record_get_id (action));
  iterate_until_idle ();
  g_assert_cmpstr (lotse_jourfixe_view_get_page (f->view), ==, "meeting");
  g_assert_cmpstr (lotse_meeting_detail_get_meeting_id (detail), ==, lotse_record_get (action, "meeting_id"));
}

/* Changes from elsewhere show, but never overwrite what is being typed. */
/* The view's own shortcuts work wherever the focus is in the window. */
static void
test_shortcuts (Fixture       *f,
                gconstpointer  data)
{
  gint64 meetings = count_where (f->store, "meeting", NULL, NULL);
  gint64 series = count_where (f->store, "meeting_series", NULL, NULL);
  LotseMeetingDetail *detail = lotse_jourfixe_view_get_meeting_detail (f->view);
  const char *id;

  g_assert_true (activate_key (GTK_WIDGET (f->view), GDK_KEY_n, GDK_CONTROL_MASK));
  g_assert_cmpint (count_where (f->store, "meeting", NULL, NULL), ==, meetings + 1);
  id = lotse_meeting_detail_get_meeting_id (detail);

  g_assert_true (activate_key (GTK_WIDGET (f->view), GDK_KEY_A, GDK_CONTROL_MASK | GDK_SHIFT_MASK));
  g_assert_cmpint (count_where (f->store, "agenda_item", "meeting_id", id), ==, 1);

  g_assert_true (activate_key (GTK_WIDGET (f->view), GDK_KEY_m, GDK_CONTROL_MASK));
  g_assert_true (lotse_meeting_detail_get_minutes (detail));

  g_assert_true (activate_key (GTK_WIDGET (f->view), GDK_KEY_Delete, GDK_SHIFT_MASK));
  g_assert_cmpint (count_where (f->store, "meeting", NULL, NULL), ==, meetings);
  g_assert_true (activate_key (GTK_WIDGET (f->view), GDK_KEY_z, GDK_CONTROL_MASK));
  g_assert_cmpint (count_where (f->store, "meeting", NULL, NULL), ==, meetings + 1);

  g_assert_true (activate_key (GTK_WIDGET (f->view), GDK_KEY_N, GDK_CONTROL_MASK | GDK_SHIFT_MASK));
  g_assert_cmpint (count_where (f->store, "meeting_series", NULL, NULL), ==, series + 1);
  g_assert_cmpstr (lotse_jourfixe_view_get_page (f->view), ==, "series");

  g_assert_true (activate_key (GTK_WIDGET (f->view), GDK_KEY_R, GDK_CONTROL_MASK | GDK_SHIFT_MASK));
  g_assert_cmpstr (lotse_jourfixe_view_get_page (f->view), ==, "registers");
  g_assert_true (wait_until (registers_loaded, lotse_jourfixe_view_get_registers (f->view)));
}

static void
test_external_change (Fixture       *f,
                      gconstpointer  data)
{
  LotseMeetingDetail *detail = lotse_jourfixe_view_get_meeting_detail (f->view);
  g_autofree char *id = new_meeting (f);
  AdwEntryRow *title = lotse_meeting_detail_get_title_row (detail);
  AdwEntryRow *place = find_entry_row (GTK_WIDGET (detail), "Place");
  g_autoptr(LotseRecord) meeting = NULL;
  g_autoptr(LotseRecord) item = lotse_record_new_for_table ("agenda_item");

  gtk_editable_set_text (GTK_EDITABLE (title), "Halb getippt");

  meeting = get_record (f, "meeting", id);
  lotse_record_set (meeting, "title", "Von anderswo");
  lotse_record_set (meeting, "location", "Kreishaus Gütersloh");
  g_assert_true (lotse_store_update (f->store, meeting, NULL));
  lotse_record_set (item, "meeting_id", id);
  lotse_record_set (item, "title", "Per Sync gekommen");
  g_assert_true (lotse_store_insert (f->store, item, NULL));
  iterate_until_idle ();

  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (title)), ==, "Halb getippt");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (place)), ==, "Kreishaus Gütersloh");
  g_assert_cmpuint (lotse_meeting_detail_get_n_items (detail), ==, 1);
}

/* Opening a meeting with 30 items reads it and builds it within a frame. */
static void
test_open_fast (Fixture       *f,
                gconstpointer  data)
{
  LotseMeetingDetail *detail = lotse_jourfixe_view_get_meeting_detail (f->view);
  g_autofree char *id = new_meeting (f);
  gint64 start, elapsed;

  g_assert_true (lotse_store_begin (f->store, NULL));
  for (int i = 0; i < 30; i++)
    {
      g_autoptr(LotseRecord) item = lotse_record_new_for_table ("agenda_item");
      g_autofree char *title = g_strdup_printf ("Punkt %d", i + 1);

      lotse_record_set (item, "meeting_id", id);
      lotse_record_set (item, "title", title);
      lotse_record_set_int (item, "position", i + 1);
      lotse_record_set_int (item, "duration_min", 5);
      g_assert_true (lotse_store_insert (f->store, item, NULL));
    }
  g_assert_true (lotse_store_commit (f->store, NULL));
  activate (f, "jourfixe.show-registers", NULL);

  /* What the click runs before the next frame: the queries and the rows. */
  start = g_get_monotonic_time ();
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->view), "jourfixe.show-meeting", "s", id));
  elapsed = g_get_monotonic_time () - start;
  iterate_until_idle ();

  g_test_message ("opening a meeting with 30 items: %.1f ms", elapsed / 1000.0);
  g_assert_cmpuint (lotse_meeting_detail_get_n_items (detail), ==, 30);
  /* A frame is 16 ms; the bound leaves room for a busy test machine. */
  g_assert_cmpint (elapsed, <, 100 * 1000);
}

static void
test_narrow (Fixture       *f,
             gconstpointer  data)
{
  int minimum = 0;
  g_autoptr(LotseRecord) meeting = first_where (f->store, "meeting", "title", "Jour fixe 01.09.2026", NULL);

  activate (f, "jourfixe.show-meeting", "s", lotse_record_get_id (meeting));
  lotse_meeting_detail_set_minutes (lotse_jourfixe_view_get_meeting_detail (f->view), TRUE);
  lotse_agenda_row_set_expanded (lotse_meeting_detail_get_row (lotse_jourfixe_view_get_meeting_detail (f->view), 2),
                                 TRUE);
  iterate_until_idle ();
  gtk_widget_measure (GTK_WIDGET (f->window), GTK_ORIENTATION_HORIZONTAL, -1, &minimum, NULL, NULL, NULL);
  g_test_message ("meeting in minutes mode: minimum width %d", minimum);
  g_assert_cmpint (minimum, <=, 360);

  activate (f, "jourfixe.show-registers", NULL);
  gtk_widget_measure (GTK_WIDGET (f->window), GTK_ORIENTATION_HORIZONTAL, -1, &minimum, NULL, NULL, NULL);
  g_assert_cmpint (minimum, <=, 360);

  activate (f, "jourfixe.edit-series", "s", lotse_record_get (meeting, "series_id"));
  gtk_widget_measure (GTK_WIDGET (f->window), GTK_ORIENTATION_HORIZONTAL, -1, &minimum, NULL, NULL, NULL);
  g_assert_cmpint (minimum, <=, 360);
}

/* With LOTSE_JOURFIXE_BENCH_DB=PATH (a copy of a generated database, e.g.
 * lotse-cli generate --projects 10000 --meetings 2000), prints what the
 * view's main steps take there. */
static void
test_bench (void)
{
  const char *path = g_getenv ("LOTSE_JOURFIXE_BENCH_DB");
  g_autoptr(GError) error = NULL;
  g_autoptr(LotseStore) store = NULL;
  g_autoptr(LotseRecord) meeting = NULL;
  LotseJourfixeView *view;
  LotseWindow *window;
  gint64 start;

  if (path == NULL)
    {
      g_test_skip ("set LOTSE_JOURFIXE_BENCH_DB=PATH to measure on a large database");
      return;
    }

  store = lotse_store_open (path, &error);
  g_assert_no_error (error);

  start = g_get_monotonic_time ();
  {
    g_autoptr(LotseMeetingList) list = lotse_meeting_list_new (store);

    g_test_message ("meeting list read and grouped: %.1f ms for %u meetings",
                    (g_get_monotonic_time () - start) / 1000.0, g_list_model_get_n_items (G_LIST_MODEL (list)));
  }

  lotse_application_set_store (app, store);

  start = g_get_monotonic_time ();
  g_application_activate (G_APPLICATION (app));
  window = LOTSE_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (app)));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-view", "s", "jourfixe");
  iterate_until_idle ();
  g_test_message ("window with the meeting list: %.1f ms", (g_get_monotonic_time () - start) / 1000.0);
  view = LOTSE_JOURFIXE_VIEW (lotse_window_get_view (window, "jourfixe"));

  meeting = first_where (store, "meeting", NULL, NULL, "-starts_at");
  start = g_get_monotonic_time ();
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "jourfixe.show-meeting", "s",
                                             lotse_record_get_id (meeting)));
  g_test_message ("first meeting opened: %.1f ms", (g_get_monotonic_time () - start) / 1000.0);
  iterate_until_idle ();

  start = g_get_monotonic_time ();
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "jourfixe.show-registers", NULL));
  g_test_message ("registers shown: %.1f ms", (g_get_monotonic_time () - start) / 1000.0);
  g_assert_true (wait_until (registers_loaded, lotse_jourfixe_view_get_registers (view)));
  g_test_message ("registers filled: %.1f ms, %u open action items", (g_get_monotonic_time () - start) / 1000.0,
                  g_list_model_get_n_items (lotse_registers_get_actions (lotse_jourfixe_view_get_registers (view))));
  iterate_until_idle ();

  start = g_get_monotonic_time ();
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "jourfixe.show-meeting", "s",
                                             lotse_record_get_id (meeting)));
  g_test_message ("meeting opened again: %.1f ms", (g_get_monotonic_time () - start) / 1000.0);

  destroy_all_windows ();
  lotse_application_set_store (app, NULL);
}

/* --- screenshots ---------------------------------------------------------- */

static void
save_screenshot (GtkWidget  *widget,
                 const char *path)
{
  GtkNative *native = gtk_widget_get_native (widget);
  GskRenderer *renderer = gtk_native_get_renderer (native);
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);

  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  texture = gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, width, height));
  g_assert_true (gdk_texture_save_to_png (texture, path));
}

static gboolean
frames_passed (gpointer data)
{
  int *frames = data;

  return --(*frames) <= 0;
}

static void
settle (void)
{
  int frames = 40;

  iterate_until_idle ();
  /* Let layout and the toasts settle. */
  while (!frames_passed (&frames))
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (20000);
    }
  iterate_until_idle ();
}

/* The meeting with its minutes approved through the button, in minutes
 * mode; reopened afterwards, so the other pictures show it editable. */
static void
screenshot_approved (Fixture     *f,
                     LotseRecord *meeting,
                     const char  *path)
{
  LotseMeetingDetail *detail = lotse_jourfixe_view_get_meeting_detail (f->view);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GError) error = NULL;

  activate (f, "jourfixe.show-meeting", "s", lotse_record_get_id (meeting));
  gtk_editable_set_text (lotse_meeting_detail_get_approver_entry (detail), "Katrin Voßmeyer");
  g_signal_emit_by_name (lotse_meeting_detail_get_approve_button (detail), "clicked");
  iterate_until_idle ();
  g_assert_nonnull (lotse_meeting_detail_get_approval_text (detail));
  lotse_meeting_detail_set_minutes (detail, TRUE);
  /* Down to the first item with action items, whose work goes on */
  {
    g_autoptr(LotseRecord) action = first_where (f->store, "action_item", "meeting_id",
                                                 lotse_record_get_id (meeting), NULL);

    g_assert_nonnull (action);
    iterate_until_idle ();
    g_assert_true (lotse_meeting_detail_focus_item (detail, lotse_record_get (action, "agenda_item_id")));
  }
  settle ();
  save_screenshot (GTK_WIDGET (f->window), path);

  lotse_meeting_detail_set_minutes (detail, FALSE);
  g_assert_true (lotse_meeting_reopen_minutes (f->store, lotse_record_get_id (meeting), "Anwesenheit berichtigt",
                                               "Katrin Voßmeyer", now, &error));
  g_assert_no_error (error);
  iterate_until_idle ();
}

static void
test_screenshots (Fixture       *f,
                  gconstpointer  data)
{
  const char *dir = g_getenv ("LOTSE_SCREENSHOTS");
  const char *lang = g_getenv ("LOTSE_SCREENSHOT_LANG");
  g_autoptr(LotseRecord) meeting = first_where (f->store, "meeting", "title", "Jour fixe 10.11.2026", NULL);
  AdwStyleManager *style = adw_style_manager_get_default ();
  const struct { const char *name; int width; int height; AdwColorScheme scheme; } shots[] = {
    { "wide-light", 1200, 800, ADW_COLOR_SCHEME_FORCE_LIGHT },
    { "wide-dark", 1200, 800, ADW_COLOR_SCHEME_FORCE_DARK },
    { "narrow-light", 360, 720, ADW_COLOR_SCHEME_FORCE_LIGHT },
    { "narrow-dark", 360, 720, ADW_COLOR_SCHEME_FORCE_DARK },
  };

  if (dir == NULL)
    {
      g_test_skip ("set LOTSE_SCREENSHOTS=DIR to write screenshots");
      return;
    }

  for (guint i = 0; i < G_N_ELEMENTS (shots); i++)
    {
      g_autofree char *meeting_path = g_strdup_printf ("%s/jourfixe-%s-%s.png", dir, lang ? lang : "en", shots[i].name);
      g_autofree char *minutes_path = g_strdup_printf ("%s/jourfixe-minutes-%s-%s.png", dir, lang ? lang : "en", shots[i].name);
      g_autofree char *registers_path = g_strdup_printf ("%s/jourfixe-registers-%s-%s.png", dir, lang ? lang : "en", shots[i].name);
      g_autofree char *series_path = g_strdup_printf ("%s/jourfixe-series-%s-%s.png", dir, lang ? lang : "en", shots[i].name);
      g_autofree char *list_path = g_strdup_printf ("%s/jourfixe-list-%s-%s.png", dir, lang ? lang : "en", shots[i].name);
      g_autofree char *approved_path = g_strdup_printf ("%s/jourfixe-approved-%s-%s.png", dir, lang ? lang : "en", shots[i].name);

      adw_style_manager_set_color_scheme (style, shots[i].scheme);
      gtk_window_set_default_size (GTK_WINDOW (f->window), shots[i].width, shots[i].height);
      gtk_window_present (GTK_WINDOW (f->window));
      lotse_meeting_detail_set_minutes (lotse_jourfixe_view_get_meeting_detail (f->view), FALSE);
      activate (f, "jourfixe.show-meeting", "s", lotse_record_get_id (meeting));
      settle ();
      save_screenshot (GTK_WIDGET (f->window), meeting_path);

      activate (f, "jourfixe.toggle-minutes", NULL);
      settle ();
      save_screenshot (GTK_WIDGET (f->window), minutes_path);

      activate (f, "jourfixe.show-registers", NULL);
      g_assert_true (wait_until (registers_loaded, lotse_jourfixe_view_get_registers (f->view)));
      settle ();
      save_screenshot (GTK_WIDGET (f->window), registers_path);

      activate (f, "jourfixe.edit-series", "s", lotse_record_get (meeting, "series_id"));
      settle ();
      save_screenshot (GTK_WIDGET (f->window), series_path);

      activate (f, "jourfixe.back", NULL);
      settle ();
      save_screenshot (GTK_WIDGET (f->window), list_path);

      screenshot_approved (f, meeting, approved_path);
    }
}

/* --- attachments ------------------------------------------------------------ */

static gboolean
attachment_stored (gpointer data)
{
  Fixture *f = data;

  return lotse_test_query_int (lotse_store_get_path (f->store),
                               "SELECT count(*) FROM attachment WHERE name = 'Anlage Haushalt.pdf'") == 1;
}

static GtkDropTarget *
find_drop_target (GtkWidget *widget)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_DROP_TARGET (controller))
        return GTK_DROP_TARGET (controller);
    }
  return NULL;
}

/* A file dropped on a meeting's files is stored with the meeting, listed
 * on its page and named as an annex in its minutes. */
static void
test_attach_by_drop (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *meeting = new_meeting (f);
  LotseMeetingDetail *detail = lotse_jourfixe_view_get_meeting_detail (f->view);
  GtkWidget *list = lotse_test_find_widget (GTK_WIDGET (detail), "LotseAttachmentList", NULL);
  g_autofree char *path = g_build_filename (f->dir, "Anlage Haushalt.pdf", NULL);
  g_autofree char *pdf = g_build_filename (f->dir, "minutes.pdf", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(LotseReport) minutes = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *owner = NULL;
  GValue value = G_VALUE_INIT;
  GtkDropTarget *target;
  gboolean handled = FALSE;

  g_assert_nonnull (list);
  target = find_drop_target (list);
  g_assert_nonnull (target);
  g_assert_true (g_file_set_contents (path, "%PDF-1.4\n%\xe2\xe3\xcf\xd3\nHaushalt 2027\n", -1, NULL));

  g_value_init (&value, GDK_TYPE_FILE_LIST);
  g_value_take_boxed (&value, gdk_file_list_new_from_array (&file, 1));
  g_signal_emit_by_name (target, "drop", &value, 20.0, 20.0, &handled);
  g_value_unset (&value);
  g_assert_true (handled);

  g_assert_true (wait_until (attachment_stored, f));
  owner = lotse_test_query_text (lotse_store_get_path (f->store), "SELECT owner_table || ':' || owner_id "
                                                                   "FROM attachment");
  g_assert_cmpstr (owner, ==, g_strconcat ("meeting:", meeting, NULL));
  iterate_until_idle ();
  g_assert_nonnull (lotse_test_find_widget (list, "GtkLabel", "Anlage Haushalt.pdf"));

  minutes = lotse_report_new_minutes (f->store, meeting, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (lotse_report_write_pdf (minutes, pdf, &error));
  text = lotse_test_pdf_text (pdf, 0, 0);
  g_assert_nonnull (strstr (text, "Annex 1: Anlage Haushalt.pdf (PDF document"));
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

#define ADD(path, demo, func) \
  g_test_add (path, Fixture, GINT_TO_POINTER (demo), fixture_setup, func, fixture_teardown)

  ADD ("/ui/jourfixe/list-grouped", TRUE, test_list_grouped);
  ADD ("/ui/jourfixe/agenda-editing", FALSE, test_agenda_editing);
  ADD ("/ui/jourfixe/minutes", TRUE, test_minutes);
  ADD ("/ui/jourfixe/agenda-row-fields", TRUE, test_agenda_row_fields);
  ADD ("/ui/jourfixe/participants", TRUE, test_participants);
  ADD ("/ui/jourfixe/participant-rows", TRUE, test_participant_rows);
  ADD ("/ui/jourfixe/registers", TRUE, test_registers);
  ADD ("/ui/jourfixe/delete-undo", TRUE, test_delete_undo);
  ADD ("/ui/jourfixe/delete-carried", TRUE, test_delete_carried);
  ADD ("/ui/jourfixe/series-prepare", TRUE, test_series_prepare);
  ADD ("/ui/jourfixe/series-rule", TRUE, test_series_rule);
  ADD ("/ui/jourfixe/export-ics", TRUE, test_export_ics);
  ADD ("/ui/jourfixe/open-record", TRUE, test_open_record);
  ADD ("/ui/jourfixe/shortcuts", TRUE, test_shortcuts);
  ADD ("/ui/jourfixe/external-change", FALSE, test_external_change);
  ADD ("/ui/jourfixe/open-fast", FALSE, test_open_fast);
  ADD ("/ui/jourfixe/attach-by-drop", FALSE, test_attach_by_drop);
  ADD ("/ui/jourfixe/narrow", TRUE, test_narrow);
  ADD ("/ui/jourfixe/screenshots", TRUE, test_screenshots);
  g_test_add_func ("/ui/jourfixe/bench", test_bench);

  status = g_test_run ();

  g_clear_object (&app);

  return status;
}
