/* test-ui-forms.c: every field of the portfolio's forms, typed and read back
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs under Xvfb in the locale LOTSE_TEST_LOCALE names (tests/meson.build
 * runs it in British English and in German). For each form and dialog, a
 * table says per field what a person types or chooses, in either
 * language, and what the database must hold then: the value is set
 * through the widget a person uses, given the way the form takes it
 * (apply, Enter, Save), and read back from the SQLite file
 * (lotse-test-forms.c). Optional fields are cleared again and must be
 * stored empty (NULL). The meetings' and the knowledge base's forms are
 * in test-ui-forms-meetings.c.
 *
 * Programmes have no form in the app (the CLI and CSV import edit them).
 * A status report and a project partner cannot be edited once added, so
 * they are added twice, once with the optional fields empty.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "lotse-date-entry.h"
#include "lotse-directory-panel.h"
#include "lotse-field-row.h"
#include "lotse-portfolio-view-private.h"
#include "lotse-print.h"
#include "lotse-project-row.h"
#include "lotse-record-dialog.h"
#include "lotse-test-forms.h"
#include "lotse-view-private.h"
#include "lotse-window-private.h"

static LotsePortfolioView *
portfolio (Fixture *f)
{
  return LOTSE_PORTFOLIO_VIEW (lotse_window_get_view (f->window, "portfolio"));
}

static GtkWidget *
find_dialog_field (gpointer    dialog,
                   const Step *step)
{
  GtkWidget *row = lotse_record_dialog_get_row (dialog, step->field);

  return row != NULL && !ADW_IS_COMBO_ROW (row) ? GTK_WIDGET (lotse_field_row_get_editable (row)) : row;
}

/* Opens a dialog by @action, fills it and saves it. */
static void
dialog_save (Fixture    *f,
             const char *action,
             const char *target,
             const Step *steps,
             guint       n_steps)
{
  AdwMessageDialog *dialog;

  if (target != NULL)
    gtk_widget_activate_action (GTK_WIDGET (portfolio (f)), action, "s", target);
  else
    gtk_widget_activate_action (GTK_WIDGET (portfolio (f)), action, NULL);
  dialog = forms_find_dialog ();
  g_assert_nonnull (dialog);
  forms_fill (dialog, find_dialog_field, steps, n_steps);
  forms_respond (dialog, "save");
}

/* --- the portfolio ---------------------------------------------------------- */

static const Step new_project_steps[] = {
  { "title", NULL, SAME ("Digitale Dörfer"), "Digitale Dörfer" },
  { "acronym", NULL, SAME ("DD"), "DD" },
  { "programme_id", NULL, SAME ("SMART REGION"), "@programme:SMART REGION" },
  { "status", NULL, SAME ("Running"), "running" },
};

static const Step project_steps[] = {
  { "title", NULL, SAME ("Digitale Dörfer Lippe"), "Digitale Dörfer Lippe" },
  { "acronym", NULL, SAME ("DDL"), "DDL" },
  { "summary", NULL, SAME ("Dorfgemeinschaften digital vernetzt"), "Dorfgemeinschaften digital vernetzt" },
  { "topic", NULL, SAME ("Daseinsvorsorge"), "Daseinsvorsorge" },
  { "programme_id", NULL, SAME ("Zukunftsregion Lippe"), "@programme:Zukunftsregion Lippe" },
  { "status", NULL, SAME ("Paused"), "paused" },
  { "health", NULL, SAME ("Critical"), "red" },
  { "lead_organisation_id", NULL, SAME ("Stadt Bielefeld"), "@organisation:Stadt Bielefeld" },
  { "leader_person_id", NULL, SAME ("Anna Schmidt"), "@person:Anna Schmidt" },
  { "start_date", NULL, { "01/03/2026", "1.3.26" }, "2026-03-01" },
  { "end_date", NULL, { "31/12/28", "31.12.2028" }, "2028-12-31" },
  { "budget_cents", NULL, { "1,250,000.50", "1.250.000,50 €" }, "125000050" },
  { "funding", NULL, SAME ("EFRE"), "EFRE" },
  { "website", NULL, SAME ("https://ddl.example.org"), "https://ddl.example.org" },
  /* Refused, and nothing changes: no title, a start after the end, no money. */
  { "title", NULL, SAME (""), "Digitale Dörfer Lippe" },
  { "start_date", NULL, { "01/01/2029", "1.1.2029" }, "2026-03-01" },
  { "budget_cents", NULL, { "1.250", "1,250" }, "125000050" },
  /* Cleared: every optional field stored empty. */
  { "acronym", NULL, SAME (""), NULL },
  { "summary", NULL, SAME (""), NULL },
  { "topic", NULL, SAME (""), NULL },
  { "programme_id", NULL, SAME (""), NULL },
  { "health", NULL, SAME (""), NULL },
  { "lead_organisation_id", NULL, SAME (""), NULL },
  { "leader_person_id", NULL, SAME (""), NULL },
  { "start_date", NULL, SAME (""), NULL },
  { "end_date", NULL, SAME (""), NULL },
  { "budget_cents", NULL, SAME (""), NULL },
  { "funding", NULL, SAME (""), NULL },
  { "website", NULL, SAME (""), NULL },
};

static GtkWidget *
find_project_field (gpointer    detail,
                    const Step *step)
{
  GtkWidget *row = lotse_project_detail_get_field_row (detail, step->field);

  return row != NULL && !ADW_IS_COMBO_ROW (row) ? GTK_WIDGET (lotse_field_row_get_editable (row)) : row;
}

static void
test_project (Fixture       *f,
              gconstpointer  data)
{
  LotseProjectDetail *detail = lotse_portfolio_view_get_detail (portfolio (f));
  g_autofree char *id = NULL;

  dialog_save (f, "portfolio.new-project", NULL, new_project_steps, G_N_ELEMENTS (new_project_steps));
  id = g_strdup (lotse_project_detail_get_project_id (detail));
  forms_assert_all_stored (f, "project", id, new_project_steps, G_N_ELEMENTS (new_project_steps));

  forms_run_live (f, detail, find_project_field, "project", id, project_steps, 10);

  /* A date is shown as the locale writes it, not as stored. */
  g_assert_cmpstr (gtk_editable_get_text (lotse_field_row_get_editable (
                     lotse_project_detail_get_field_row (detail, "start_date"))),
                   ==, forms_lang ? "01.03.2026" : "01/03/2026");
  forms_run_live (f, detail, find_project_field, "project", id, project_steps + 10,
            G_N_ELEMENTS (project_steps) - 10);
}

static gboolean
list_has_project (gpointer data)
{
  LotseProjectList *list = lotse_portfolio_view_get_project_list (data);

  return list != NULL && g_list_model_get_n_items (G_LIST_MODEL (list)) > 0;
}

/* The state of a project without a traffic light has one name: in the
 * form's choice, the list and the PDF (which takes the same label). */
static void
test_project_unrated (Fixture       *f,
                      gconstpointer  data)
{
  LotseProjectDetail *detail = lotse_portfolio_view_get_detail (portfolio (f));
  const char *name = lotse_enum_value_label ("project", "health", NULL);
  g_autofree char *id = forms_id_of (f, "project", "Bürgerportal");
  g_autoptr(GtkStringObject) first = NULL;
  g_autoptr(LotseProjectRow) list_row = NULL;
  GtkWidget *row;

  g_assert_cmpstr (name, ==, forms_lang ? "Nicht bewertet" : "Not assessed");
  g_assert_true (lotse_view_open_record (LOTSE_VIEW (portfolio (f)), "project", id));
  row = lotse_project_detail_get_field_row (detail, "health");
  first = g_list_model_get_item (adw_combo_row_get_model (ADW_COMBO_ROW (row)), 0);
  g_assert_cmpstr (gtk_string_object_get_string (first), ==, name);

  g_assert_true (forms_wait_until (list_has_project, portfolio (f)));
  list_row = g_object_ref_sink (LOTSE_PROJECT_ROW (lotse_project_row_new ()));
  lotse_project_row_set_summary (list_row, lotse_project_list_get_summary (
                                   lotse_portfolio_view_get_project_list (portfolio (f)), 0));
  g_assert_cmpstr (lotse_record_row_get_badge (lotse_project_row_get_record_row (list_row)), ==, name);
}

static const Step milestone_new_steps[] = {
  { "title", NULL, SAME ("Pilotbetrieb"), "Pilotbetrieb" },
  { "due_date", NULL, { "15/12", "15.12." }, "this-year-12-15" },
  { "status", NULL, SAME ("At risk"), "at_risk" },
  { "description", NULL, SAME ("Mit drei Kommunen"), "Mit drei Kommunen" },
};

static const Step milestone_edit_steps[] = {
  { "title", NULL, SAME ("Pilotbetrieb gestartet"), "Pilotbetrieb gestartet" },
  { "due_date", NULL, SAME (""), NULL },
  { "done_date", NULL, { "02/01/2027", "2.1.27" }, "2027-01-02" },
  { "status", NULL, SAME ("Done"), "done" },
  { "description", NULL, SAME (""), NULL },
};

static const Step report_steps[] = {
  { "date", NULL, { "15/12/26", "15.12.26" }, "2026-12-15" },
  { "health", NULL, SAME ("Critical"), "red" },
  { "summary", NULL, SAME ("Datenschutzkonzept verzögert"), "Datenschutzkonzept verzögert" },
};

static const Step report_empty_steps[] = {
  { "date", NULL, { "2027-01-31", "31.01.2027" }, "2027-01-31" },
  { "health", NULL, SAME ("On track"), "green" },
  { "summary", NULL, SAME (""), NULL },
};

static const Step partner_steps[] = {
  { "organisation_id", NULL, SAME ("Universität Paderborn"), "@organisation:Universität Paderborn" },
  { "role", NULL, SAME ("Wissenschaftliche Begleitung"), "Wissenschaftliche Begleitung" },
};

static const Step partner_empty_steps[] = {
  { "organisation_id", NULL, SAME ("Stadt Bielefeld"), "@organisation:Stadt Bielefeld" },
  { "role", NULL, SAME (""), NULL },
};

static void
test_project_records (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *project = forms_id_of (f, "project", "Bürgerportal");
  g_autofree char *milestone = NULL;
  g_autofree char *report = NULL;
  g_autofree char *partner = NULL;

  g_assert_true (lotse_view_open_record (LOTSE_VIEW (portfolio (f)), "project", project));

  dialog_save (f, "portfolio.new-milestone", NULL, milestone_new_steps, G_N_ELEMENTS (milestone_new_steps));
  milestone = forms_id_of (f, "milestone", "Pilotbetrieb");
  forms_assert_all_stored (f, "milestone", milestone, milestone_new_steps, G_N_ELEMENTS (milestone_new_steps));
  dialog_save (f, "portfolio.edit-milestone", milestone, milestone_edit_steps,
               G_N_ELEMENTS (milestone_edit_steps));
  forms_assert_all_stored (f, "milestone", milestone, milestone_edit_steps, G_N_ELEMENTS (milestone_edit_steps));

  dialog_save (f, "portfolio.add-status-report", NULL, report_steps, G_N_ELEMENTS (report_steps));
  report = forms_newest (f, "status_report");
  forms_assert_all_stored (f, "status_report", report, report_steps, G_N_ELEMENTS (report_steps));
  g_clear_pointer (&report, g_free);
  dialog_save (f, "portfolio.add-status-report", NULL, report_empty_steps, G_N_ELEMENTS (report_empty_steps));
  report = forms_newest (f, "status_report");
  forms_assert_all_stored (f, "status_report", report, report_empty_steps, G_N_ELEMENTS (report_empty_steps));

  dialog_save (f, "portfolio.add-partner", NULL, partner_steps, G_N_ELEMENTS (partner_steps));
  partner = forms_newest (f, "project_partner");
  forms_assert_all_stored (f, "project_partner", partner, partner_steps, G_N_ELEMENTS (partner_steps));
  g_clear_pointer (&partner, g_free);
  dialog_save (f, "portfolio.add-partner", NULL, partner_empty_steps, G_N_ELEMENTS (partner_empty_steps));
  partner = forms_newest (f, "project_partner");
  forms_assert_all_stored (f, "project_partner", partner, partner_empty_steps, G_N_ELEMENTS (partner_empty_steps));
}

/* A new record's dialog finds nothing wrong before the user acted, and
 * says what is wrong once they did. */
static void
test_dialog_errors (Fixture       *f,
                    gconstpointer  data)
{
  AdwMessageDialog *dialog;
  GtkWidget *title;
  g_autofree char *expected = NULL;

  gtk_widget_activate_action (GTK_WIDGET (portfolio (f)), "portfolio.new-project", NULL);
  dialog = forms_find_dialog ();
  title = lotse_record_dialog_get_row (dialog, "title");
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "save"));
  g_assert_cmpstr (lotse_record_dialog_get_error (dialog), ==, "");
  g_assert_false (gtk_widget_has_css_class (title, "error"));

  /* Typing and emptying the title is not yet leaving it … */
  gtk_editable_set_text (GTK_EDITABLE (title), "D");
  gtk_editable_set_text (GTK_EDITABLE (title), "");
  forms_iterate ();
  g_assert_cmpstr (lotse_record_dialog_get_error (dialog), ==, "");

  /* … Enter to save is: the title's label names it. */
  g_signal_emit_by_name (title, "entry-activated");
  forms_iterate ();
  expected = g_strdup_printf (forms_lang ? "„%s“ darf nicht leer sein" : "“%s” must not be empty",
                              g_dgettext (GETTEXT_PACKAGE, "Title"));
  g_assert_cmpstr (lotse_record_dialog_get_error (dialog), ==, expected);
  g_assert_true (gtk_widget_has_css_class (title, "error"));

  gtk_editable_set_text (GTK_EDITABLE (title), "Smart Country Side");
  forms_iterate ();
  g_assert_cmpstr (lotse_record_dialog_get_error (dialog), ==, "");
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, "save"));
  forms_respond (dialog, "cancel");
}

/* The milestone overview's period, typed the locale's way. */
static void
test_export_period (Fixture       *f,
                    gconstpointer  data)
{
  GtkWidget *dialog = lotse_print_milestone_dialog_new (f->window, FALSE);
  static const Step steps[] = {
    { "from", "period|From", { "01/01/2026", "01.01.2026" }, "2026-01-01" },
    { "to", "period|To", { "31/12/26", "31.12.26" }, "2026-12-31" },
  };
  LotseMilestoneReportOptions options = { 0, };

  gtk_window_present (GTK_WINDOW (dialog));
  forms_fill (dialog, forms_find_in_root, steps, G_N_ELEMENTS (steps));
  g_assert_true (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "export"));
  g_assert_true (lotse_print_milestone_dialog_get_options (dialog, &options));
  g_assert_cmpstr (options.from, ==, "2026-01-01");
  g_assert_cmpstr (options.to, ==, "2026-12-31");
  gtk_window_destroy (GTK_WINDOW (dialog));
}

/* --- the directory ------------------------------------------------------------ */

static const Step organisation_steps[] = {
  { "name", "Name", SAME ("Stadtwerke Lippe"), "Stadtwerke Lippe" },
  { "kind", "Kind", SAME ("Company"), "company" },
  { "city", "City", SAME ("Detmold"), "Detmold" },
  { "website", "Website", SAME ("https://stadtwerke.example.org"), "https://stadtwerke.example.org" },
  { "notes", "Notes", SAME ("Energie und Wasser"), "Energie und Wasser" },
};

static const Step organisation_clear_steps[] = {
  { "kind", "Kind", SAME ("Municipality"), "municipality" },
  { "city", "City", SAME (""), NULL },
  { "website", "Website", SAME (""), NULL },
  { "notes", "Notes", SAME (""), NULL },
};

static const Step person_steps[] = {
  { "name", "Name", SAME ("Clara Otto"), "Clara Otto" },
  { "organisation_id", "Organisation", SAME ("Stadtwerke Lippe"), "@organisation:Stadtwerke Lippe" },
  { "role", "Role", SAME ("Projektleitung"), "Projektleitung" },
  { "email", "Email", SAME ("clara.otto@example.org"), "clara.otto@example.org" },
  { "phone", "Phone", SAME ("+49 5231 000"), "+49 5231 000" },
};

static const Step person_clear_steps[] = {
  { "organisation_id", "Organisation", SAME (""), NULL },
  { "role", "Role", SAME (""), NULL },
  { "email", "Email", SAME (""), NULL },
  { "phone", "Phone", SAME (""), NULL },
};

static GtkWidget *
find_button (GtkWidget  *widget,
             const char *label)
{
  if (GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0)
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_button (child, label);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static gboolean
directory_loaded (gpointer data)
{
  return !lotse_directory_panel_is_loading (data);
}

/* Fills the directory's form and clicks Save. */
static void
directory_save (GtkWidget  *panel,
                const Step *steps,
                guint       n_steps)
{
  forms_fill (panel, forms_find_in_root, steps, n_steps);
  g_signal_emit_by_name (find_button (panel, _("_Save")), "clicked");
  forms_iterate ();
  g_assert_true (forms_wait_until (directory_loaded, panel));
}

static void
test_directory (Fixture       *f,
                gconstpointer  data)
{
  GtkWidget *panel = gtk_stack_get_child_by_name (lotse_portfolio_view_get_sections (portfolio (f)),
                                                  "directory");
  g_autofree char *organisation = NULL;
  g_autofree char *person = NULL;

  g_assert_true (LOTSE_IS_DIRECTORY_PANEL (panel));
  gtk_stack_set_visible_child (lotse_portfolio_view_get_sections (portfolio (f)), panel);
  g_assert_true (forms_wait_until (directory_loaded, panel));

  gtk_widget_activate_action (panel, "directory.new-organisation", NULL);
  directory_save (panel, organisation_steps, G_N_ELEMENTS (organisation_steps));
  organisation = forms_id_of (f, "organisation", "Stadtwerke Lippe");
  forms_assert_all_stored (f, "organisation", organisation, organisation_steps,
                           G_N_ELEMENTS (organisation_steps));
  directory_save (panel, organisation_clear_steps, G_N_ELEMENTS (organisation_clear_steps));
  forms_assert_all_stored (f, "organisation", organisation, organisation_clear_steps,
                           G_N_ELEMENTS (organisation_clear_steps));

  gtk_widget_activate_action (panel, "directory.new-person", NULL);
  directory_save (panel, person_steps, G_N_ELEMENTS (person_steps));
  person = forms_id_of (f, "person", "Clara Otto");
  forms_assert_all_stored (f, "person", person, person_steps, G_N_ELEMENTS (person_steps));
  directory_save (panel, person_clear_steps, G_N_ELEMENTS (person_clear_steps));
  forms_assert_all_stored (f, "person", person, person_clear_steps, G_N_ELEMENTS (person_clear_steps));
}

/* Not a check: the forms for the review, with LOTSE_TEST_SCREENSHOTS=DIR. */
static void
test_screenshots (Fixture       *f,
                  gconstpointer  data)
{
  static const Step steps[] = {
    { "start_date", NULL, { "01/03/2026", "1.3.26" }, "2026-03-01" },
    { "end_date", NULL, { "31/12/28", "31.12.2028" }, "2028-12-31" },
    { "budget_cents", NULL, { "1250000", "1250000" }, "125000000" },
  };
  LotseProjectDetail *detail = lotse_portfolio_view_get_detail (portfolio (f));
  g_autofree char *id = forms_id_of (f, "project", "Bürgerportal");
  AdwMessageDialog *dialog;
  GtkWidget *row;

  if (g_getenv ("LOTSE_TEST_SCREENSHOTS") == NULL)
    {
      g_test_skip ("LOTSE_TEST_SCREENSHOTS is not set");
      return;
    }

  g_assert_true (lotse_view_open_record (LOTSE_VIEW (portfolio (f)), "project", id));
  forms_run_live (f, detail, find_project_field, "project", id, steps, G_N_ELEMENTS (steps));
  gtk_widget_grab_focus (find_project_field (detail, &steps[2]));
  forms_screenshot (GTK_WIDGET (f->window), "project-form");

  gtk_widget_activate_action (GTK_WIDGET (portfolio (f)), "portfolio.new-project", NULL);
  dialog = forms_find_dialog ();
  forms_screenshot (GTK_WIDGET (dialog), "new-project");
  g_signal_emit_by_name (lotse_record_dialog_get_row (dialog, "title"), "entry-activated");
  forms_screenshot (GTK_WIDGET (dialog), "new-project-error");
  forms_respond (dialog, "cancel");

  gtk_widget_activate_action (GTK_WIDGET (portfolio (f)), "portfolio.new-milestone", NULL);
  dialog = forms_find_dialog ();
  forms_set_widget (find_dialog_field (dialog, &milestone_new_steps[0]), "Pilotbetrieb");
  row = find_dialog_field (dialog, &milestone_new_steps[1]);
  forms_set_widget (row, milestone_new_steps[1].typed[forms_lang]);
  forms_give (row);
  forms_screenshot (GTK_WIDGET (dialog), "new-milestone");
  gtk_popover_popup (GTK_POPOVER (gtk_widget_get_ancestor (
                       GTK_WIDGET (lotse_date_entry_get_calendar (LOTSE_DATE_ENTRY (row))), GTK_TYPE_POPOVER)));
  forms_screenshot (gtk_widget_get_ancestor (GTK_WIDGET (lotse_date_entry_get_calendar (LOTSE_DATE_ENTRY (row))),
                                             GTK_TYPE_POPOVER), "calendar");
  gtk_popover_popdown (GTK_POPOVER (gtk_widget_get_ancestor (
                         GTK_WIDGET (lotse_date_entry_get_calendar (LOTSE_DATE_ENTRY (row))), GTK_TYPE_POPOVER)));
  forms_set_widget (row, "32.13.2026");
  forms_give (row);
  forms_screenshot (GTK_WIDGET (dialog), "new-milestone-error");
  gtk_window_destroy (GTK_WINDOW (dialog));

  {
    GtkWidget *export = lotse_print_milestone_dialog_new (f->window, FALSE);
    static const Step period[] = {
      { "from", "period|From", { "01/01/2026", "01.01.2026" }, NULL },
      { "to", "period|To", { "31/12/26", "31.12." }, NULL },
    };

    gtk_window_present (GTK_WINDOW (export));
    forms_fill (export, forms_find_in_root, period, G_N_ELEMENTS (period));
    forms_screenshot (export, "export-period");
    gtk_window_destroy (GTK_WINDOW (export));
  }
}

int
main (int   argc,
      char *argv[])
{
  forms_init (&argc, &argv);

  g_test_add ("/forms/project", Fixture, NULL, forms_fixture_setup, test_project, forms_fixture_teardown);
  g_test_add ("/forms/project-unrated", Fixture, NULL,
              forms_fixture_setup, test_project_unrated, forms_fixture_teardown);
  g_test_add ("/forms/milestone-report-partner", Fixture, NULL,
              forms_fixture_setup, test_project_records, forms_fixture_teardown);
  g_test_add ("/forms/dialog-errors", Fixture, NULL,
              forms_fixture_setup, test_dialog_errors, forms_fixture_teardown);
  g_test_add ("/forms/export-period", Fixture, NULL,
              forms_fixture_setup, test_export_period, forms_fixture_teardown);
  g_test_add ("/forms/directory", Fixture, NULL, forms_fixture_setup, test_directory, forms_fixture_teardown);
  g_test_add ("/forms/screenshots", Fixture, NULL,
              forms_fixture_setup, test_screenshots, forms_fixture_teardown);

  return forms_run ();
}
