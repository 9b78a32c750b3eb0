/* test-ui-finance.c: the finance page of a project, as a person uses it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs under Xvfb. An expenditure is typed into the rows of the project's
 * finance page, in British English and in German, added with its
 * button, and its cents are read back from the database file; a bad amount
 * stores nothing; deleting and Undo in the toast restore it. The tolerance
 * set in the Preferences decides which warnings the page shows. Budget
 * lines are typed into the page's “Budget Plan” rows; fund calls, funder
 * reports and partner shares into the record dialog its buttons open;
 * each is read back from the database file, in English and German, with
 * a bad amount that stores nothing and an edit that Undo takes back. The
 * programme totals above the portfolio table are compared with sums read
 * from the database file after expenditures typed into the page.
 */

#include "config.h"

#include <adwaita.h>
#include <locale.h>
#include <string.h>

#include "lotse-application-private.h"
#include "lotse-finance-page.h"
#include "lotse-finance-row.h"
#include "lotse-portfolio-view-private.h"
#include "lotse-field-row.h"
#include "lotse-preferences-window-private.h"
#include "lotse-project-detail.h"
#include "lotse-record-dialog.h"
#include "lotse-test-helpers.h"
#include "lotse-test-ui.h"
#include "lotse-view.h"
#include "lotse-window-private.h"

static LotseApplication *app;

typedef struct
{
  char             *dir;
  LotseStore       *store;
  LotseWindow      *window;
  GSettings        *settings;
  char             *project;
  LotseFinancePage *page;
} Fixture;

static gboolean
page_ready (gpointer data)
{
  Fixture *f = data;

  return lotse_panel_get_loaded (LOTSE_PANEL (f->page)) && !lotse_finance_page_is_busy (f->page);
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *project = NULL;
  LotseView *view;

  f->settings = g_settings_new (APPLICATION_ID);
  g_settings_reset (f->settings, "last-view");
  g_settings_set_int (f->settings, "window-width", 1280);
  g_settings_set_int (f->settings, "window-height", 900);
  f->store = lotse_test_open_store (&f->dir);
  f->project = lotse_test_insert (f->store, "project", "title=Smart Region Ost", "status=running",
                                  "funding_start=2025-01-01", "funding_end=2027-12-31",
                                  "grant_cents=50000000", NULL);
  project = g_strdup_printf ("project_id=%s", f->project);
  g_free (lotse_test_insert (f->store, "budget_line", project, "category=travel", "year=2026",
                             "planned_cents=1000000", NULL));
  lotse_application_set_store (app, f->store);

  g_application_activate (G_APPLICATION (app));
  f->window = LOTSE_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (app)));
  view = LOTSE_VIEW (lotse_window_get_view (f->window, "portfolio"));
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-view", "s", "portfolio");
  g_assert_true (lotse_test_wait_shown (GTK_WIDGET (f->window)));
  g_assert_true (lotse_view_open_record (view, LOTSE_TABLE_PROJECT, f->project));
  f->page = LOTSE_FINANCE_PAGE (lotse_test_find_widget (GTK_WIDGET (view), "LotseFinancePage", NULL));
  g_assert_nonnull (f->page);
  g_assert_true (lotse_test_wait_until (page_ready, f));
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  lotse_test_destroy_windows ();
  lotse_application_set_store (app, NULL);
  g_clear_object (&f->store);
  g_settings_reset (f->settings, "finance-tolerance");
  g_settings_reset (f->settings, "window-width");
  g_settings_reset (f->settings, "window-height");
  g_clear_object (&f->settings);
  lotse_test_remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->project);
}

static gboolean
title_is (GtkWidget     *widget,
          gconstpointer  title)
{
  return g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), title) == 0;
}

static GtkWidget *
row_titled (Fixture    *f,
            const char *title)
{
  GtkWidget *row = lotse_test_find_widget_matching (GTK_WIDGET (f->page), ADW_TYPE_ENTRY_ROW, title_is, title);

  g_assert_nonnull (row);
  return row;
}

static gint64
stored (Fixture    *f,
        const char *sql)
{
  return lotse_test_query_int (lotse_store_get_path (f->store), sql);
}

static void
note_clicked (GtkButton *button,
              gboolean  *clicked)
{
  *clicked = TRUE;
}

static gboolean
is_true (gpointer data)
{
  return *(gboolean *) data;
}

/* Activates @button as Space or Enter on it does, and waits for its
 * “clicked”, which GTK sends when the press it shows is over. */
static void
activate_button (GtkWidget *button)
{
  gboolean clicked = FALSE;
  gulong handler = g_signal_connect (button, "clicked", G_CALLBACK (note_clicked), &clicked);

  g_assert_true (gtk_widget_activate (button));
  g_assert_true (lotse_test_wait_until (is_true, &clicked));
  g_signal_handler_disconnect (button, handler);
  lotse_test_iterate_idle ();
}

static gboolean
group_titled (GtkWidget     *widget,
              gconstpointer  title)
{
  return g_strcmp0 (adw_preferences_group_get_title (ADW_PREFERENCES_GROUP (widget)), title) == 0;
}

/* The row titled @title in the page's group titled @group. */
static GtkWidget *
group_row (Fixture    *f,
           const char *group,
           GType       type,
           const char *title)
{
  GtkWidget *found = lotse_test_find_widget_matching (GTK_WIDGET (f->page), ADW_TYPE_PREFERENCES_GROUP,
                                                      group_titled, group);

  g_assert_nonnull (found);
  found = lotse_test_find_widget_matching (found, type, title_is, title);
  g_assert_nonnull (found);
  return found;
}

/* Types @amount into the rows as a person does and clicks Add. */
static void
add_expenditure (Fixture    *f,
                 const char *date,
                 const char *amount,
                 const char *voucher)
{
  GtkWidget *add = lotse_test_find_widget (GTK_WIDGET (f->page), "GtkButton", "_Add");

  gtk_editable_set_text (GTK_EDITABLE (row_titled (f, "Date")), date);
  gtk_editable_set_text (GTK_EDITABLE (row_titled (f, "Amount")), amount);
  gtk_editable_set_text (GTK_EDITABLE (row_titled (f, "Voucher")), voucher);
  /* Travel, the third seeded category */
  adw_combo_row_set_selected (ADW_COMBO_ROW (group_row (f, "New Expenditure", ADW_TYPE_COMBO_ROW, "Cost category")), 2);
  g_assert_nonnull (add);
  /* Activated as the keyboard does: the page lies below the project's
   * form, out of the pointer's reach without scrolling. */
  g_assert_true (lotse_test_wait_shown (add));
  activate_button (add);

}

static gboolean
row_count_is (gpointer data)
{
  Fixture *f = data;
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM expenditure WHERE deleted = 0 AND project_id = '%s'",
                                          f->project);

  return page_ready (f) && stored (f, sql) == GPOINTER_TO_INT (g_object_get_data (G_OBJECT (f->page), "want"));
}

static void
test_add_in_both_locales (Fixture       *f,
                          gconstpointer  data)
{
  add_expenditure (f, "2026-03-01", "1,250,000.00", "T-1");
  g_assert_cmpint (stored (f, "SELECT amount_cents FROM expenditure WHERE voucher = 'T-1'"), ==, 125000000);
  g_assert_cmpint (stored (f, "SELECT count(*) FROM expenditure WHERE voucher = 'T-1' AND category = 'travel'"
                              " AND date = '2026-03-01'"), ==, 1);

  /* The amount as German writes it, with the euro sign. */
  setlocale (LC_NUMERIC, "de_DE.UTF-8");
  setlocale (LC_MONETARY, "de_DE.UTF-8");
  add_expenditure (f, "2026-03-02", "1.234,56 €", "T-2");
  g_assert_cmpint (stored (f, "SELECT amount_cents FROM expenditure WHERE voucher = 'T-2'"), ==, 123456);

  /* Ambiguous in German: refused, nothing stored. */
  add_expenditure (f, "2026-03-03", "1,250", "T-3");
  g_assert_cmpint (stored (f, "SELECT count(*) FROM expenditure WHERE voucher = 'T-3'"), ==, 0);
  setlocale (LC_NUMERIC, "C.UTF-8");
  setlocale (LC_MONETARY, "C.UTF-8");

  g_object_set_data (G_OBJECT (f->page), "want", GINT_TO_POINTER (2));
  g_assert_true (lotse_test_wait_until (row_count_is, f));
}

static gboolean
subtitle_has (GtkWidget     *widget,
              gconstpointer  text)
{
  const char *subtitle = lotse_finance_row_get_subtitle (LOTSE_FINANCE_ROW (widget));

  return subtitle != NULL && strstr (subtitle, text) != NULL;
}

/* Whether the page lists the expenditure of voucher D-1 or TOL-1. */
static gboolean
list_has_row (gpointer data)
{
  Fixture *f = data;
  GtkWidget *page = GTK_WIDGET (f->page);

  return page_ready (f) &&
         (lotse_test_find_widget_matching (page, LOTSE_TYPE_FINANCE_ROW, subtitle_has, "D-1") != NULL ||
          lotse_test_find_widget_matching (page, LOTSE_TYPE_FINANCE_ROW, subtitle_has, "TOL-1") != NULL);
}

static void
test_delete_undo (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *project = g_strdup_printf ("project_id=%s", f->project);
  g_autofree char *id = lotse_test_insert (f->store, "expenditure", project, "category=travel",
                                           "date=2026-05-05", "amount_cents=4200", "voucher=D-1", NULL);
  g_autofree char *sql = g_strdup_printf ("SELECT deleted FROM expenditure WHERE id = '%s'", id);
  GtkWidget *toast_button;

  g_assert_true (lotse_test_wait_until (list_has_row, f));
  gtk_widget_activate_action (GTK_WIDGET (f->page), "finance.delete", "(ss)", "expenditure", id);
  g_assert_cmpint (stored (f, sql), ==, 1);

  /* The toast's Undo button. */
  toast_button = lotse_test_find_widget (GTK_WIDGET (f->window), "GtkButton", "_Undo");
  g_assert_nonnull (toast_button);
  g_assert_true (lotse_test_wait_shown (toast_button));
  activate_button (toast_button);
  g_assert_cmpint (stored (f, sql), ==, 0);
}

static gboolean
has_warning (GtkWidget     *widget,
             gconstpointer  message)
{
  return g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), message) == 0 &&
         gtk_widget_get_mapped (widget);
}

typedef struct
{
  Fixture    *f;
  const char *message;
  gboolean    shown;
} WarningWait;

static gboolean
warning_is_shown (gpointer data)
{
  WarningWait *wait = data;

  return page_ready (wait->f) &&
         (lotse_test_find_widget_matching (GTK_WIDGET (wait->f->page), LOTSE_TYPE_FINANCE_ROW, has_warning,
                                           wait->message) != NULL) == wait->shown;
}

static LotsePreferencesWindow *
open_preferences (Fixture *f)
{
  for (guint tries = 0; tries < 2; tries++)
    {
      for (GList *l = gtk_application_get_windows (GTK_APPLICATION (app)); l != NULL; l = l->next)
        if (LOTSE_IS_PREFERENCES_WINDOW (l->data))
          return l->data;
      gtk_widget_activate_action (GTK_WIDGET (f->window), "app.preferences", NULL);
      lotse_test_iterate_idle ();
    }
  g_assert_not_reached ();
}

/* Travel is spent 10 % beyond its plan of 10,000.00: within the default
 * tolerance of 20 % no warning; a tolerance of 5 % set in the Preferences
 * warns at once, naming it; back at 10 % the warning goes. */
static void
test_tolerance_setting (Fixture       *f,
                        gconstpointer  data)
{
  g_autofree char *project = g_strdup_printf ("project_id=%s", f->project);
  g_autofree char *over = lotse_format_money ("100000");
  g_autofree char *message = g_strdup_printf ("Travel is %s over plan, more than the 5 %% allowed", over);
  g_autofree char *at_default = g_strdup_printf ("Travel is %s over plan, more than the 20 %% allowed", over);
  WarningWait wait = { f, message, FALSE };
  LotsePreferencesWindow *preferences;
  GtkSpinButton *spin;

  g_free (lotse_test_insert (f->store, "expenditure", project, "category=travel", "date=2026-02-02",
                             "amount_cents=1100000", "voucher=TOL-1", NULL));
  g_assert_true (lotse_test_wait_until (list_has_row, f));
  g_assert_true (lotse_test_wait_until (warning_is_shown, &wait));
  g_assert_null (lotse_test_find_widget_matching (GTK_WIDGET (f->page), LOTSE_TYPE_FINANCE_ROW, has_warning,
                                                  at_default));

  preferences = open_preferences (f);
  spin = lotse_preferences_window_get_tolerance_spin (preferences);
  g_assert_cmpint (gtk_spin_button_get_value_as_int (spin), ==, 20);
  gtk_spin_button_set_value (spin, 5);
  g_assert_cmpint (g_settings_get_int (f->settings, "finance-tolerance"), ==, 5);
  wait.shown = TRUE;
  g_assert_true (lotse_test_wait_until (warning_is_shown, &wait));

  /* 10 % over is not more than 10 %. */
  gtk_spin_button_set_value (spin, 10);
  wait.shown = FALSE;
  g_assert_true (lotse_test_wait_until (warning_is_shown, &wait));

  /* The worst the spin button takes is held to the key's range. */
  gtk_spin_button_set_value (spin, 1000);
  g_assert_cmpint (g_settings_get_int (f->settings, "finance-tolerance"), ==, 100);
  gtk_spin_button_set_value (spin, -5);
  g_assert_cmpint (g_settings_get_int (f->settings, "finance-tolerance"), ==, 0);
  gtk_window_destroy (GTK_WINDOW (preferences));
}

/* Budget lines, fund calls, funder reports and partner shares */

static void
set_german (gboolean german)
{
  setlocale (LC_NUMERIC, german ? "de_DE.UTF-8" : "C.UTF-8");
  setlocale (LC_MONETARY, german ? "de_DE.UTF-8" : "C.UTF-8");
}

static gboolean
has_action (GtkWidget     *widget,
            gconstpointer  name)
{
  return g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), name) == 0;
}

/* Clicks the first button under @root that activates @action. */
static void
click_action (GtkWidget  *root,
              const char *action)
{
  GtkWidget *button = lotse_test_find_widget_matching (root, GTK_TYPE_BUTTON, has_action, action);

  g_assert_nonnull (button);
  g_assert_true (lotse_test_wait_shown (button));
  activate_button (button);
}

static AdwMessageDialog *
find_dialog (const char *heading)
{
  GtkWindow *dialog = lotse_test_find_dialog (NULL, heading);

  g_assert_true (ADW_IS_MESSAGE_DIALOG (dialog));
  return ADW_MESSAGE_DIALOG (dialog);
}

static void
set_field (AdwMessageDialog *dialog,
           const char       *field,
           const char       *text)
{
  GtkWidget *row = lotse_record_dialog_get_row (dialog, field);

  g_assert_nonnull (row);
  gtk_editable_set_text (lotse_field_row_get_editable (row), text);
}

static void
choose (AdwMessageDialog *dialog,
        const char       *field,
        guint             position)
{
  adw_combo_row_set_selected (ADW_COMBO_ROW (lotse_record_dialog_get_row (dialog, field)), position);
}

/* As a click on the dialog's button: respond, then close. */
static void
respond (AdwMessageDialog *dialog,
         const char       *response)
{
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, response));
  adw_message_dialog_response (dialog, response);
  gtk_window_destroy (GTK_WINDOW (dialog));
  lotse_test_iterate_idle ();
}

/* Types a bad amount into @field: the dialog will not save, says why
 * once the user pressed Enter there, marks the row when the value itself
 * is wrong (@reason is the value), and is cancelled. */
static void
refuse_amount (AdwMessageDialog *dialog,
               const char       *field,
               const char       *text,
               const char       *reason)
{
  GtkWidget *row = lotse_record_dialog_get_row (dialog, field);

  set_field (dialog, field, text);
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "save"));
  /* Enter there, as a person who tries to save. */
  g_signal_emit_by_name (row, "entry-activated");
  lotse_test_iterate_idle ();
  g_test_message ("refused: %s", lotse_record_dialog_get_error (dialog));
  g_assert_nonnull (strstr (lotse_record_dialog_get_error (dialog), reason));
  g_assert_true (gtk_widget_has_css_class (row, "error") == g_str_equal (text, reason));
  respond (dialog, "cancel");
}

typedef struct
{
  Fixture    *f;
  const char *message;
  GtkWidget  *label;
} ToastSearch;

static gboolean
toast_shown (gpointer data)
{
  ToastSearch *search = data;

  search->label = lotse_test_find_widget_matching (GTK_WIDGET (search->f->window), GTK_TYPE_LABEL,
                                                   lotse_test_label_is, search->message);
  return search->label != NULL;
}

/* Presses Undo on the toast that says @message: the toast of an earlier
 * change may still be in the overlay (a high-priority toast queues the
 * one it displaces), and its Undo takes back something else. */
static void
click_undo (Fixture    *f,
            const char *message)
{
  ToastSearch search = { f, message, NULL };
  GtkWidget *undo = NULL;

  g_assert_true (lotse_test_wait_until (toast_shown, &search));
  /* The nearest Undo around the message is its toast's. */
  for (GtkWidget *around = gtk_widget_get_parent (search.label); undo == NULL && around != NULL;
       around = gtk_widget_get_parent (around))
    undo = lotse_test_find_widget (around, "GtkButton", "_Undo");
  g_assert_nonnull (undo);
  g_assert_true (lotse_test_wait_shown (undo));
  activate_button (undo);
}

static void
type_budget_line (Fixture    *f,
                  guint       category,
                  const char *year,
                  const char *planned)
{
  adw_combo_row_set_selected (ADW_COMBO_ROW (group_row (f, "Budget Plan", ADW_TYPE_COMBO_ROW, "Cost category")),
                              category);
  gtk_editable_set_text (GTK_EDITABLE (group_row (f, "Budget Plan", ADW_TYPE_ENTRY_ROW, "Year")), year);
  gtk_editable_set_text (GTK_EDITABLE (group_row (f, "Budget Plan", ADW_TYPE_ENTRY_ROW, "Planned")), planned);
  click_action (GTK_WIDGET (f->page), "finance.add-budget-line");
}

static gboolean
row_is_shown (gpointer data)
{
  Fixture *f = data;
  const char *title = g_object_get_data (G_OBJECT (f->page), "title");

  return page_ready (f) &&
         lotse_test_find_widget_matching (GTK_WIDGET (f->page), LOTSE_TYPE_FINANCE_ROW, title_is, title) != NULL;
}

/* The page's row titled @title, once the page shows it. */
static GtkWidget *
wait_for_row (Fixture    *f,
              const char *title)
{
  g_object_set_data_full (G_OBJECT (f->page), "title", g_strdup (title), g_free);
  g_assert_true (lotse_test_wait_until (row_is_shown, f));
  return lotse_test_find_widget_matching (GTK_WIDGET (f->page), LOTSE_TYPE_FINANCE_ROW, title_is, title);
}

/* Expands the page's expander row titled @title. */
static void
expand_row (Fixture    *f,
            const char *title)
{
  GtkWidget *row = lotse_test_find_widget_matching (GTK_WIDGET (f->page), ADW_TYPE_EXPANDER_ROW,
                                                    title_is, title);

  g_assert_nonnull (row);
  g_assert_true (lotse_test_wait_shown (row));
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row), TRUE);
}

static guint
count_rows (GtkWidget     *root,
            GType          type,
            LotseTestMatch match,
            gconstpointer  data)
{
  guint n = G_TYPE_CHECK_INSTANCE_TYPE (root, type) && (match == NULL || match (root, data)) ? 1 : 0;

  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL; child = gtk_widget_get_next_sibling (child))
    n += count_rows (child, type, match, data);

  return n;
}

typedef struct
{
  Fixture *f;
  guint    n;
} RowsWait;

static gboolean
expenditure_rows_are (gpointer data)
{
  RowsWait *wait = data;

  return page_ready (wait->f) &&
         count_rows (GTK_WIDGET (wait->f->page), LOTSE_TYPE_FINANCE_ROW, subtitle_has, "M-") == wait->n;
}

/* 65 expenditures: the newest ten are listed, Show More lists 50 more
 * each time until all are, and the button goes; a category's years are
 * listed when it is expanded. The newest is the one first listed. */
static void
test_show_more (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *project = g_strdup_printf ("project_id=%s", f->project);
  RowsWait wait = { f, 10 };
  GtkWidget *more;

  for (guint i = 1; i <= 65; i++)
    {
      g_autofree char *date = g_strdup_printf ("date=2026-%02u-%02u", 1 + i / 28, 1 + i % 28);
      g_autofree char *voucher = g_strdup_printf ("voucher=M-%02u", i);

      g_free (lotse_test_insert (f->store, "expenditure", project, "category=travel", date, "amount_cents=100",
                                 voucher, NULL));
    }
  g_assert_true (lotse_test_wait_until (expenditure_rows_are, &wait));
  g_assert_nonnull (lotse_test_find_widget_matching (GTK_WIDGET (f->page), LOTSE_TYPE_FINANCE_ROW, subtitle_has,
                                                     "M-65"));
  g_assert_null (lotse_test_find_widget_matching (GTK_WIDGET (f->page), LOTSE_TYPE_FINANCE_ROW, subtitle_has,
                                                  "M-55"));

  more = lotse_test_find_widget (GTK_WIDGET (f->page), "GtkButton", "Show _More");
  g_assert_nonnull (more);
  g_assert_true (lotse_test_wait_shown (more));
  activate_button (more);
  wait.n = 60;
  g_assert_true (lotse_test_wait_until (expenditure_rows_are, &wait));
  activate_button (more);
  wait.n = 65;
  g_assert_true (lotse_test_wait_until (expenditure_rows_are, &wait));
  g_assert_false (gtk_widget_get_visible (more));

  /* Travel's plan of 2026 (the fixture's), once its row is expanded. */
  g_assert_null (lotse_test_find_widget_matching (GTK_WIDGET (f->page), LOTSE_TYPE_FINANCE_ROW, title_is, "2026"));
  expand_row (f, "Travel");
  g_assert_nonnull (lotse_test_find_widget_matching (GTK_WIDGET (f->page), LOTSE_TYPE_FINANCE_ROW, title_is, "2026"));
}

/* A budget line per locale typed into “Budget Plan”; a bad amount and a
 * bad year store nothing and mark their row; an edit in the dialog is
 * stored and taken back by Undo. */
static void
test_budget_line (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *id = NULL;
  g_autofree char *sql = NULL;
  AdwMessageDialog *dialog;

  type_budget_line (f, 0, "2027", "12,500.50");
  g_assert_cmpint (stored (f, "SELECT planned_cents FROM budget_line WHERE deleted = 0 AND category = 'personnel'"
                              " AND year = 2027 AND partner_id IS NULL"), ==, 1250050);

  set_german (TRUE);
  type_budget_line (f, 1, "2028", "7.500,00 €");
  g_assert_cmpint (stored (f, "SELECT planned_cents FROM budget_line WHERE category = 'material' AND year = 2028"),
                   ==, 750000);
  type_budget_line (f, 1, "2029", "1,250");
  g_assert_true (gtk_widget_has_css_class (group_row (f, "Budget Plan", ADW_TYPE_ENTRY_ROW, "Planned"), "error"));
  type_budget_line (f, 1, "1800", "100");
  g_assert_true (gtk_widget_has_css_class (group_row (f, "Budget Plan", ADW_TYPE_ENTRY_ROW, "Year"), "error"));
  g_assert_cmpint (stored (f, "SELECT count(*) FROM budget_line WHERE year IN (1800, 2029)"), ==, 0);
  g_assert_cmpint (stored (f, "SELECT count(*) FROM budget_line"), ==, 3);

  /* Edited with its row's button in the dialog, in German; Undo. The
   * lines are listed when their row is expanded, as a click does. */
  expand_row (f, "Budget Lines");
  id = lotse_test_query_text (lotse_store_get_path (f->store), "SELECT id FROM budget_line WHERE year = 2028");
  click_action (wait_for_row (f, "Material 2028"), "finance.edit");
  dialog = find_dialog ("Edit Budget Line");
  refuse_amount (dialog, "planned_cents", "-5,00", "-5,00");
  click_action (wait_for_row (f, "Material 2028"), "finance.edit");
  dialog = find_dialog ("Edit Budget Line");
  set_field (dialog, "planned_cents", "9.000,00");
  respond (dialog, "save");
  sql = g_strdup_printf ("SELECT planned_cents FROM budget_line WHERE id = '%s'", id);
  g_assert_cmpint (stored (f, sql), ==, 900000);
  click_undo (f, "Budget line changed");
  g_assert_cmpint (stored (f, sql), ==, 750000);
  set_german (FALSE);
}

/* Fund calls added through the dialog of “Add Fund Call”, in English and
 * German; a malformed amount and one larger than the grant are refused. */
static void
test_fund_call (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *shown = lotse_format_date ("2026-09-15");
  g_autofree char *title = NULL;
  AdwMessageDialog *dialog;

  click_action (GTK_WIDGET (f->page), "finance.add-fund-call");
  dialog = find_dialog ("New Fund Call");
  set_field (dialog, "requested_date", "2026-03-15");
  set_field (dialog, "amount_cents", "120,000.00");
  set_field (dialog, "period_start", "2026-01-01");
  set_field (dialog, "period_end", "2026-06-30");
  choose (dialog, "status", 1);
  set_field (dialog, "received_date", "2026-04-01");
  respond (dialog, "save");
  g_assert_cmpint (stored (f, "SELECT amount_cents FROM fund_call WHERE status = 'received'"
                              " AND requested_date = '2026-03-15' AND received_date = '2026-04-01'"
                              " AND period_start = '2026-01-01' AND period_end = '2026-06-30'"), ==, 12000000);

  set_german (TRUE);
  click_action (GTK_WIDGET (f->page), "finance.add-fund-call");
  dialog = find_dialog ("New Fund Call");
  set_field (dialog, "requested_date", "2026-09-15");
  set_field (dialog, "amount_cents", "80.000,00 €");
  respond (dialog, "save");
  g_assert_cmpint (stored (f, "SELECT amount_cents FROM fund_call WHERE status = 'requested'"
                              " AND requested_date = '2026-09-15' AND received_date IS NULL"), ==, 8000000);

  click_action (GTK_WIDGET (f->page), "finance.add-fund-call");
  refuse_amount (find_dialog ("New Fund Call"), "amount_cents", "1,250", "1,250");
  click_action (GTK_WIDGET (f->page), "finance.add-fund-call");
  refuse_amount (find_dialog ("New Fund Call"), "amount_cents", "600.000,00", "grant");
  set_german (FALSE);
  g_assert_cmpint (stored (f, "SELECT count(*) FROM fund_call"), ==, 2);
  title = g_strdup_printf ("Requested on %s", shown);
  wait_for_row (f, title);
}

/* A final statement added through the dialog; marked submitted with its
 * row's edit button; Undo reopens it. */
static void
test_funder_report (Fixture       *f,
                    gconstpointer  data)
{
  const char *sql = "SELECT status FROM funder_report WHERE kind = 'final' AND due_date = '2027-03-31'";
  AdwMessageDialog *dialog;
  g_autofree char *status = NULL;

  click_action (GTK_WIDGET (f->page), "finance.add-funder-report");
  dialog = find_dialog ("New Funder Report");
  choose (dialog, "kind", 1);
  set_field (dialog, "due_date", "2027-03-31");
  respond (dialog, "save");
  status = lotse_test_query_text (lotse_store_get_path (f->store), sql);
  g_assert_cmpstr (status, ==, "open");

  click_action (wait_for_row (f, "Final statement"), "finance.edit");
  dialog = find_dialog ("Edit Funder Report");
  choose (dialog, "status", 1);
  set_field (dialog, "submitted_date", "2027-03-30");
  respond (dialog, "save");
  g_clear_pointer (&status, g_free);
  status = lotse_test_query_text (lotse_store_get_path (f->store), sql);
  g_assert_cmpstr (status, ==, "submitted");

  click_undo (f, "Funder report changed");
  g_clear_pointer (&status, g_free);
  status = lotse_test_query_text (lotse_store_get_path (f->store), sql);
  g_assert_cmpstr (status, ==, "open");
}

/* A partner's shares typed in German into the dialog of its row. */
static void
test_partner_shares (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *organisation = lotse_test_insert (f->store, "organisation", "name=Hochschule Ost", NULL);
  g_autofree char *project = g_strdup_printf ("project_id=%s", f->project);
  g_autofree char *of = g_strdup_printf ("organisation_id=%s", organisation);
  g_autofree char *partner = lotse_test_insert (f->store, "project_partner", project, of, "role=Partner", NULL);
  g_autofree char *sql = g_strdup_printf ("SELECT eligible_share_cents || '/' || grant_share_cents"
                                          " FROM project_partner WHERE id = '%s'", partner);
  g_autofree char *shares = NULL;
  AdwMessageDialog *dialog;

  set_german (TRUE);
  click_action (wait_for_row (f, "Hochschule Ost"), "finance.edit");
  refuse_amount (find_dialog ("Edit Partner Shares"), "eligible_share_cents", "12.34.56", "12.34.56");
  click_action (wait_for_row (f, "Hochschule Ost"), "finance.edit");
  dialog = find_dialog ("Edit Partner Shares");
  set_field (dialog, "eligible_share_cents", "100.000,00 €");
  set_field (dialog, "grant_share_cents", "80000");
  respond (dialog, "save");
  set_german (FALSE);
  shares = lotse_test_query_text (lotse_store_get_path (f->store), sql);
  g_assert_cmpstr (shares, ==, "10000000/8000000");
}

/* The portfolio table's line of programme totals, shown when the
 * programme filter chooses @programme. */
typedef struct
{
  Fixture    *f;
  const char *want;
} TotalsWait;

static gboolean
totals_label_is (GtkWidget     *widget,
                 gconstpointer  text)
{
  return gtk_widget_get_mapped (widget) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), text) == 0;
}

static gboolean
totals_shown (gpointer data)
{
  TotalsWait *wait = data;
  GtkWidget *table = lotse_test_find_widget (GTK_WIDGET (wait->f->window), "LotsePortfolioTable", NULL);

  return table != NULL && lotse_test_find_widget_matching (table, GTK_TYPE_LABEL, totals_label_is, wait->want) != NULL;
}

/* A sum over the projects of @programme: @sql ends in “programme_id = '”. */
static gint64
programme_cents (Fixture    *f,
                 const char *sql,
                 const char *programme)
{
  g_autofree char *query = g_strconcat (sql, programme, "'", NULL);

  return stored (f, query);
}

static char *
cents_text (gint64 cents)
{
  g_autofree char *text = g_strdup_printf ("%" G_GINT64_FORMAT, cents);

  return lotse_format_money (text);
}

/* What the totals line must say: the sums read from the database file. */
static char *
expected_totals (Fixture    *f,
                 const char *programme)
{
  gint64 planned = programme_cents (f, "SELECT sum(planned_cents) FROM budget_line b JOIN project p"
                                       " ON p.id = b.project_id WHERE b.deleted = 0 AND p.programme_id = '",
                                    programme);
  gint64 spent = programme_cents (f, "SELECT sum(amount_cents) FROM expenditure e JOIN project p"
                                     " ON p.id = e.project_id WHERE e.deleted = 0 AND p.programme_id = '",
                                  programme);
  g_autofree char *grant = cents_text (programme_cents (f, "SELECT sum(grant_cents) FROM project"
                                                           " WHERE programme_id = '", programme));
  g_autofree char *called = cents_text (programme_cents (f, "SELECT sum(amount_cents) FROM fund_call c JOIN project p"
                                                            " ON p.id = c.project_id WHERE c.deleted = 0"
                                                            " AND p.programme_id = '", programme));
  g_autofree char *received = cents_text (programme_cents (f, "SELECT sum(amount_cents) FROM fund_call c"
                                                              " JOIN project p ON p.id = c.project_id"
                                                              " WHERE c.deleted = 0 AND c.status = 'received'"
                                                              " AND p.programme_id = '", programme));
  g_autofree char *planned_text = cents_text (planned);
  g_autofree char *spent_text = cents_text (spent);
  g_autofree char *remaining = cents_text (planned - spent);

  return g_strdup_printf ("Programme total: grant %s, planned %s, spent %s, remaining %s, funds called %s, received %s",
                          grant, planned_text, spent_text, remaining, called, received);
}

static void
show_programme_table (Fixture    *f,
                      const char *programme,
                      gboolean    show)
{
  LotsePortfolioView *view = LOTSE_PORTFOLIO_VIEW (lotse_window_get_view (f->window, "portfolio"));

  lotse_portfolio_view_set_show_table (view, show);
  if (show)
    lotse_portfolio_view_select_programme (view, programme);
}

static void
wait_for_totals (Fixture    *f,
                 const char *programme)
{
  g_autofree char *want = expected_totals (f, programme);
  TotalsWait wait = { f, want };

  g_assert_true (lotse_test_wait_until (totals_shown, &wait));
}

/* An expenditure typed into the finance page of a project, in English and
 * in German, shows in its programme's totals above the portfolio table,
 * with the other project's grant, plan and funds, as the database holds
 * them; the project outside the programme does not count. */
static void
test_programme_totals (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *programme = lotse_test_insert (f->store, "programme", "name=Programm Ost", NULL);
  g_autofree char *in = g_strdup_printf ("programme_id=%s", programme);
  g_autofree char *neighbour = lotse_test_insert (f->store, "project", "title=Nachbar", in, "grant_cents=30000000", NULL);
  g_autofree char *of_neighbour = g_strdup_printf ("project_id=%s", neighbour);
  g_autofree char *outside = lotse_test_insert (f->store, "project", "title=Draußen", "grant_cents=70000000", NULL);
  g_autofree char *of_outside = g_strdup_printf ("project_id=%s", outside);
  g_autoptr(LotseRecord) project = lotse_store_get (f->store, LOTSE_TABLE_PROJECT, f->project, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *spent_sql = g_strdup_printf ("SELECT sum(amount_cents) FROM expenditure e JOIN project p"
                                                " ON p.id = e.project_id WHERE e.deleted = 0"
                                                " AND p.programme_id = '%s'", programme);

  g_free (lotse_test_insert (f->store, "budget_line", of_neighbour, "category=personnel", "year=2026",
                             "planned_cents=2000000", NULL));
  g_free (lotse_test_insert (f->store, "expenditure", of_neighbour, "category=personnel", "date=2026-02-01",
                             "amount_cents=100000", "voucher=N-1", NULL));
  g_free (lotse_test_insert (f->store, "fund_call", of_neighbour, "requested_date=2026-01-10",
                             "amount_cents=500000", "status=received", "received_date=2026-01-20", NULL));
  g_free (lotse_test_insert (f->store, "expenditure", of_outside, "category=travel", "date=2026-02-01",
                             "amount_cents=999900", "voucher=X-1", NULL));
  lotse_record_set (project, LOTSE_PROJECT_PROGRAMME_ID, programme);
  g_assert_true (lotse_store_update (f->store, project, &error));
  g_assert_no_error (error);

  add_expenditure (f, "2026-03-01", "1,250.00", "P-1");
  g_assert_cmpint (stored (f, spent_sql), ==, 225000);
  show_programme_table (f, programme, TRUE);
  wait_for_totals (f, programme);

  show_programme_table (f, programme, FALSE);
  g_assert_true (lotse_test_wait_until (page_ready, f));
  set_german (TRUE);
  add_expenditure (f, "2026-03-02", "2.000,50 €", "P-2");
  g_assert_cmpint (stored (f, spent_sql), ==, 425050);
  show_programme_table (f, programme, TRUE);
  wait_for_totals (f, programme);
  set_german (FALSE);
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

  g_test_add ("/ui/finance/add-in-both-locales", Fixture, NULL, fixture_setup, test_add_in_both_locales,
              fixture_teardown);
  g_test_add ("/ui/finance/delete-undo", Fixture, NULL, fixture_setup, test_delete_undo, fixture_teardown);
  g_test_add ("/ui/finance/show-more", Fixture, NULL, fixture_setup, test_show_more, fixture_teardown);
  g_test_add ("/ui/finance/budget-line", Fixture, NULL, fixture_setup, test_budget_line, fixture_teardown);
  g_test_add ("/ui/finance/fund-call", Fixture, NULL, fixture_setup, test_fund_call, fixture_teardown);
  g_test_add ("/ui/finance/funder-report", Fixture, NULL, fixture_setup, test_funder_report, fixture_teardown);
  g_test_add ("/ui/finance/partner-shares", Fixture, NULL, fixture_setup, test_partner_shares, fixture_teardown);
  g_test_add ("/ui/finance/programme-totals", Fixture, NULL, fixture_setup, test_programme_totals,
              fixture_teardown);
  g_test_add ("/ui/finance/tolerance-setting", Fixture, NULL, fixture_setup, test_tolerance_setting,
              fixture_teardown);

  status = g_test_run ();
  g_clear_object (&app);

  return status;
}
