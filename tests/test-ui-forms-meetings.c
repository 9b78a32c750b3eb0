/* test-ui-forms-meetings.c: every field of the meetings' and articles' forms
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * As test-ui-forms.c, for the Jour fixe and Knowledge views: a meeting
 * series, a meeting, an agenda item with its decisions and action items,
 * and an article; each value set through its widget in British English or
 * German and read back from the database, optional fields cleared again.
 *
 * A meeting's series and notes have no control in the app, nor an agenda
 * item's position (moved by keys and drag, see test-ui-jourfixe) and the
 * item it was carried from. Decisions and action items cannot be edited
 * once added (an action item's status is ticked in the registers, see
 * test-ui-jourfixe): they are added twice, once with the optional fields
 * empty. A meeting's time is typed in its own row, in the office's zone
 * (test-ui-office-time); here only its date.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "lotse-agenda-row.h"
#include "lotse-jourfixe-view-private.h"
#include "lotse-knowledge-view-private.h"
#include "lotse-test-forms.h"
#include "lotse-window-private.h"

static LotseJourfixeView *
jourfixe (Fixture *f)
{
  return LOTSE_JOURFIXE_VIEW (lotse_window_get_view (f->window, "jourfixe"));
}

static void
open_record (Fixture    *f,
             const char *table,
             const char *id)
{
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.open-record", "(ss)", table, id);
  forms_iterate ();
}

/* --- the series ---------------------------------------------------------------- */

static const Step series_steps[] = {
  { "title", "Title", SAME ("Jour fixe Lippe-Detmold"), "Jour fixe Lippe-Detmold" },
  { "kind", "Kind", SAME ("Steering board"), "steering" },
  { "default_location", "Usual place", SAME ("Rathaus Detmold"), "Rathaus Detmold" },
  { "default_duration_min", "Usual length (minutes)", SAME ("45"), "45" },
  { "recurrence", "Repeats", SAME ("recurrence|Weekly"), "FREQ=WEEKLY;BYDAY=MO" },
  { "recurrence", "Weekday", { "Tuesday", "Dienstag" }, "FREQ=WEEKLY;BYDAY=TU" },
  { "standing_items", NULL, SAME ("Begrüßung\n  Offene Punkte \n"), "Begrüßung\nOffene Punkte" },
  /* No title is refused; the optional fields are cleared. */
  { "title", "Title", SAME (""), "Jour fixe Lippe-Detmold" },
  { "default_location", "Usual place", SAME (""), NULL },
  { "recurrence", "Repeats", SAME ("recurrence|Does not repeat"), NULL },
  { "standing_items", NULL, SAME (""), NULL },
};

static GtkWidget *
find_series_field (gpointer    editor,
                   const Step *step)
{
  if (step->label == NULL)
    return GTK_WIDGET (lotse_series_editor_get_standing_view (editor));

  return forms_find_labelled (editor, step->label);
}

static void
test_series (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *id = forms_id_of (f, "meeting_series", "Jour fixe Lippe");
  LotseSeriesEditor *editor = lotse_jourfixe_view_get_series_editor (jourfixe (f));

  open_record (f, "meeting_series", id);
  g_assert_cmpstr (lotse_series_editor_get_series_id (editor), ==, id);
  forms_run_live (f, editor, find_series_field, "meeting_series", id, series_steps,
                  G_N_ELEMENTS (series_steps));
}

/* --- the meeting ----------------------------------------------------------------- */

static const Step meeting_steps[] = {
  { "title", "Title", SAME ("Jour fixe im Dezember"), "Jour fixe im Dezember" },
  { "substr (starts_at, 1, 10)", "Date", { "08/12/26", "8.12.26" }, "2026-12-08" },
  { "duration_min", "Length (minutes)", SAME ("90"), "90" },
  { "location", "Place", SAME ("Rathaus Detmold"), "Rathaus Detmold" },
  { "kind", "Kind", SAME ("Workshop"), "workshop" },
  { "status", "Status", SAME ("Held"), "held" },
  /* A date that is no date changes nothing; the optional fields are cleared. */
  { "substr (starts_at, 1, 10)", "Date", { "31/02/2027", "31.02.2027" }, "2026-12-08" },
  { "location", "Place", SAME (""), NULL },
  { "starts_at", "Date", SAME (""), NULL },
};

static void
test_meeting (Fixture       *f,
              gconstpointer  data)
{
  g_autofree char *id = forms_id_of (f, "meeting", "Jour fixe Dezember");
  LotseMeetingDetail *detail = lotse_jourfixe_view_get_meeting_detail (jourfixe (f));

  open_record (f, "meeting", id);
  g_assert_cmpstr (lotse_meeting_detail_get_meeting_id (detail), ==, id);
  lotse_meeting_detail_set_details_expanded (detail, TRUE);
  forms_run_live (f, detail, forms_find_in_root, "meeting", id, meeting_steps, G_N_ELEMENTS (meeting_steps));
}

/* --- the agenda ------------------------------------------------------------------ */

static const Step item_steps[] = {
  { "title", "_Title", SAME ("Lernreise 3: Termin und Gastgeber"), "Lernreise 3: Termin und Gastgeber" },
  { "kind", "_Kind", SAME ("Decision"), "decision" },
  { "presenter_person_id", "_Presenter", SAME ("Anna Schmidt"), "@person:Anna Schmidt" },
  { "duration_min", "_Duration (minutes)", SAME ("25"), "25" },
  { "project_id", "P_roject", SAME ("Bürgerportal"), "@project:Bürgerportal" },
  { "milestone_id", "_Milestone", SAME ("Portal online"), "@milestone:Portal online" },
  { "notes", NULL, SAME ("Gastgeber ist die Handwerkskammer."), "Gastgeber ist die Handwerkskammer." },
  { "status", NULL, SAME ("Deferred"), "deferred" },
};

static const Step item_clear_steps[] = {
  { "presenter_person_id", "_Presenter", SAME (""), NULL },
  { "milestone_id", "_Milestone", SAME (""), NULL },
  { "project_id", "P_roject", SAME (""), NULL },
  { "notes", NULL, SAME (""), NULL },
  { "status", NULL, SAME ("Open"), "open" },
};

static GtkWidget *
find_toggle (GtkWidget  *widget,
             const char *label)
{
  if (GTK_IS_TOGGLE_BUTTON (widget) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0)
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_toggle (child, label);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static GtkWidget *
find_item_field (gpointer    row,
                 const Step *step)
{
  if (g_str_equal (step->field, "notes"))
    return GTK_WIDGET (lotse_agenda_row_get_notes_view (row));
  if (g_str_equal (step->field, "status"))
    return find_toggle (row, forms_translate (step->typed[forms_lang]));

  return forms_find_labelled (row, step->label);
}

static const Step decision_steps[] = {
  { "text", NULL, SAME ("Lernreise 3 findet am 12.03.2027 statt."), "Lernreise 3 findet am 12.03.2027 statt." },
  { "meeting_id", NULL, SAME (""), "@meeting:Jour fixe Dezember" },
  { "agenda_item_id", NULL, SAME (""), "@agenda_item:Lernreise 3: Termin und Gastgeber" },
  { "project_id", NULL, SAME (""), "@project:Bürgerportal" },
};

static const Step action_steps[] = {
  { "title", NULL, SAME ("Einladung versenden"), "Einladung versenden" },
  { "owner_person_id", NULL, SAME ("Jonas Weber"), "@person:Jonas Weber" },
  { "due_date", NULL, { "15/12/2026", "15.12.2026" }, "2026-12-15" },
  { "status", NULL, SAME (""), "open" },
  { "meeting_id", NULL, SAME (""), "@meeting:Jour fixe Dezember" },
  { "agenda_item_id", NULL, SAME (""), "@agenda_item:Lernreise 3: Termin und Gastgeber" },
};

static const Step action_empty_steps[] = {
  { "title", NULL, SAME ("Protokoll verteilen"), "Protokoll verteilen" },
  { "owner_person_id", NULL, SAME (""), NULL },
  { "due_date", NULL, SAME (""), NULL },
};

static GtkWidget *
find_minutes_field (gpointer    row,
                    const Step *step)
{
  if (g_str_equal (step->field, "text"))
    return GTK_WIDGET (lotse_agenda_row_get_decision_entry (row));
  if (g_str_equal (step->field, "title"))
    return GTK_WIDGET (lotse_agenda_row_get_action_entry (row));
  if (g_str_equal (step->field, "owner_person_id"))
    return GTK_WIDGET (lotse_agenda_row_get_owner_dropdown (row));

  return GTK_WIDGET (lotse_agenda_row_get_due_entry (row));
}

/* Types what the steps before @n_typed say, then clicks the button of
 * @action; the rest are what the new record holds besides. */
static void
add_from_minutes (Fixture        *f,
                  LotseAgendaRow *row,
                  const char     *action,
                  const char     *table,
                  const Step     *steps,
                  guint           n_typed,
                  guint           n_steps)
{
  g_autofree char *id = NULL;

  /* Enter in the entries adds too: only type into them. */
  for (guint i = 0; i < n_typed; i++)
    forms_set_widget (find_minutes_field (row, &steps[i]), steps[i].typed[forms_lang]);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (row), action, NULL));
  forms_iterate ();
  id = forms_newest (f, table);
  forms_assert_all_stored (f, table, id, steps, n_steps);
}

static void
test_agenda_item (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *meeting = forms_id_of (f, "meeting", "Jour fixe Dezember");
  LotseMeetingDetail *detail = lotse_jourfixe_view_get_meeting_detail (jourfixe (f));
  g_autofree char *id = NULL;
  LotseAgendaRow *row;

  open_record (f, "meeting", meeting);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (jourfixe (f)), "jourfixe.add-item", NULL));
  forms_iterate ();
  g_assert_cmpuint (lotse_meeting_detail_get_n_items (detail), ==, 1);
  row = lotse_meeting_detail_get_row (detail, 0);
  id = g_strdup (lotse_agenda_row_get_id (row));
  lotse_agenda_row_get_title_entry (row);
  gtk_widget_activate_action (GTK_WIDGET (jourfixe (f)), "jourfixe.toggle-minutes", NULL);
  forms_iterate ();

  forms_run_live (f, row, find_item_field, "agenda_item", id, item_steps, G_N_ELEMENTS (item_steps));

  add_from_minutes (f, row, "agenda-item.add-decision", "decision", decision_steps, 1,
                    G_N_ELEMENTS (decision_steps));
  add_from_minutes (f, row, "agenda-item.add-action", "action_item", action_steps, 3,
                    G_N_ELEMENTS (action_steps));
  add_from_minutes (f, row, "agenda-item.add-action", "action_item", action_empty_steps, 3,
                    G_N_ELEMENTS (action_empty_steps));

  forms_run_live (f, row, find_item_field, "agenda_item", id, item_clear_steps,
                  G_N_ELEMENTS (item_clear_steps));
}

/* --- the knowledge base ---------------------------------------------------------- */

static const Step article_steps[] = {
  { "title", NULL, SAME ("Lernreise nach Paderborn"), "Lernreise nach Paderborn" },
  { "summary", NULL, SAME ("Was wir gelernt haben"), "Was wir gelernt haben" },
  { "body", NULL, SAME ("# Ergebnisse\n\n- Mehr Austausch"), "# Ergebnisse\n\n- Mehr Austausch" },
  { "category", NULL, SAME ("Lesson learned"), "lesson_learned" },
  { "project_id", NULL, SAME ("Bürgerportal"), "@project:Bürgerportal" },
  { "author_person_id", NULL, SAME ("Anna Schmidt"), "@person:Anna Schmidt" },
};

static const Step article_clear_steps[] = {
  { "summary", NULL, SAME (""), NULL },
  { "body", NULL, SAME (""), NULL },
  { "category", NULL, SAME ("Note"), "note" },
  { "project_id", NULL, SAME (""), NULL },
  { "author_person_id", NULL, SAME (""), NULL },
};

static GtkWidget *
find_article_field (gpointer    data,
                    const Step *step)
{
  LotseKnowledgeViewParts *parts = data;

  if (g_str_equal (step->field, "title"))
    return GTK_WIDGET (parts->title_row);
  if (g_str_equal (step->field, "summary"))
    return GTK_WIDGET (parts->summary_row);
  if (g_str_equal (step->field, "body"))
    return GTK_WIDGET (parts->body_editor);
  if (g_str_equal (step->field, "category"))
    return GTK_WIDGET (parts->category_row);
  if (g_str_equal (step->field, "project_id"))
    return GTK_WIDGET (parts->project_row);

  return GTK_WIDGET (parts->author_row);
}

static gboolean
references_loaded (gpointer data)
{
  return lotse_knowledge_view_references_loaded (data);
}

static void
edit_article (LotseKnowledgeView      *view,
              LotseKnowledgeViewParts *parts,
              const char              *action,
              const Step              *steps,
              guint                    n_steps)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), action, NULL));
  g_assert_true (forms_wait_until (references_loaded, view));
  forms_fill (parts, find_article_field, steps, n_steps);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "knowledge.save", NULL));
  forms_iterate ();
}

static void
test_article (Fixture       *f,
              gconstpointer  data)
{
  LotseKnowledgeView *view = LOTSE_KNOWLEDGE_VIEW (lotse_window_get_view (f->window, "knowledge"));
  LotseKnowledgeViewParts parts;
  g_autofree char *id = NULL;

  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-view", "s", "knowledge");
  forms_iterate ();
  lotse_knowledge_view_get_parts (view, &parts);

  edit_article (view, &parts, "knowledge.new", article_steps, G_N_ELEMENTS (article_steps));
  id = forms_id_of (f, "article", "Lernreise nach Paderborn");
  forms_assert_all_stored (f, "article", id, article_steps, G_N_ELEMENTS (article_steps));

  edit_article (view, &parts, "knowledge.edit", article_clear_steps, G_N_ELEMENTS (article_clear_steps));
  forms_assert_all_stored (f, "article", id, article_clear_steps, G_N_ELEMENTS (article_clear_steps));
}

/* Not a check: the meeting's date and the minutes' due date for the
 * review, with LOTSE_TEST_SCREENSHOTS=DIR. */
static void
test_screenshots (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *meeting = forms_id_of (f, "meeting", "Jour fixe Dezember");
  LotseMeetingDetail *detail = lotse_jourfixe_view_get_meeting_detail (jourfixe (f));
  LotseAgendaRow *row;

  if (g_getenv ("LOTSE_TEST_SCREENSHOTS") == NULL)
    {
      g_test_skip ("LOTSE_TEST_SCREENSHOTS is not set");
      return;
    }

  open_record (f, "meeting", meeting);
  lotse_meeting_detail_set_details_expanded (detail, TRUE);
  forms_screenshot (GTK_WIDGET (f->window), "meeting");

  gtk_widget_activate_action (GTK_WIDGET (jourfixe (f)), "jourfixe.add-item", NULL);
  forms_iterate ();
  row = lotse_meeting_detail_get_row (detail, 0);
  lotse_meeting_detail_set_details_expanded (detail, FALSE);
  gtk_widget_activate_action (GTK_WIDGET (jourfixe (f)), "jourfixe.toggle-minutes", NULL);
  forms_iterate ();
  gtk_widget_grab_focus (GTK_WIDGET (lotse_agenda_row_get_due_entry (row)));
  forms_screenshot (GTK_WIDGET (f->window), "minutes");
}

int
main (int   argc,
      char *argv[])
{
  forms_init (&argc, &argv);

  g_test_add ("/forms/series", Fixture, NULL, forms_fixture_setup, test_series, forms_fixture_teardown);
  g_test_add ("/forms/meeting", Fixture, NULL, forms_fixture_setup, test_meeting, forms_fixture_teardown);
  g_test_add ("/forms/agenda-item", Fixture, NULL,
              forms_fixture_setup, test_agenda_item, forms_fixture_teardown);
  g_test_add ("/forms/article", Fixture, NULL, forms_fixture_setup, test_article, forms_fixture_teardown);
  g_test_add ("/forms/screenshots", Fixture, NULL,
              forms_fixture_setup, test_screenshots, forms_fixture_teardown);

  return forms_run ();
}
