/* test-ui-table.c: the portfolio as a table, in the real window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs under Xvfb. Switches the portfolio to the table with its toggle,
 * sorts it by clicking column headers (real clicks through the X server),
 * filters it with the portfolio's filters and search, opens a project with
 * the keyboard, and exports and prints what it shows: the CSV is opened
 * with LibreOffice, the PDF read with pdftotext, and both are compared with
 * the database. Text sorts in German collation (LC_COLLATE de_DE.UTF-8):
 * "Ökoregion" between "Offene" and "Zukunft", not after "Z".
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <string.h>
#include <unistd.h>

#include "lotse-application-private.h"
#include "lotse-portfolio-view-private.h"
#include "lotse-print.h"
#include "lotse-project-detail.h"
#include "lotse-test-helpers.h"
#include "lotse-test-ui.h"
#include "lotse-window-private.h"
#include "test-report-pdf.h"

static LotseApplication *app;

typedef struct
{
  char               *dir;
  LotseStore         *store;
  LotseWindow        *window;
  LotsePortfolioView *view;
  LotsePortfolioTable *table;
  GSettings          *settings;
  char               *project[6];
} Fixture;

/* Titles in the order of their ids in project[]: German collation puts
 * "Ökodorf" between "Offene" and "Zukunft". */
static const struct
{
  const char *title;
  int         programme_index;   /* into programme_names, or -1 */
  const char *status;
  const char *health;
  const char *next_due;    /* an open milestone due after today, or NULL */
  guint       overdue;     /* open milestones due before today */
  int         lead_index;        /* into lead_names, or -1 */
} projects[] = {
  { "Zukunftswerkstatt Ruhr", 0, "running", "red", "2099-03-01", 2, 0 },
  { "Ökodorf Lippe", 1, "planned", NULL, "2099-01-15", 0, 1 },
  { "Offene Daten Bielefeld", 2, "running", "green", NULL, 1, -1 },
  { "Arbeit 4.0", -1, "completed", "yellow", NULL, 0, 2 },
  { "Äpfel digital", 0, "paused", "green", "2099-02-01", 0, 0 },
  { "eAkte kommunal", 2, "running", "yellow", "2099-01-15", 3, 1 },
};

static const char *programme_names[] = {
  "Zukunft Ruhr 2030",
  "SMART REGION Emscher-Lippe – Digitale Modellregion",
  "Ökoregion Ostwestfalen",
};

static const char *lead_names[] = {
  "Stadt Gelsenkirchen",
  "Kreis Lippe",
  "Universität Paderborn",
};

static void
fill_store (Fixture *f)
{
  g_autofree char *programmes[G_N_ELEMENTS (programme_names)] = { NULL, };
  g_autofree char *leads[G_N_ELEMENTS (lead_names)] = { NULL, };

  for (guint i = 0; i < G_N_ELEMENTS (programme_names); i++)
    {
      g_autofree char *name = g_strdup_printf ("name=%s", programme_names[i]);

      programmes[i] = lotse_test_insert (f->store, "programme", name, NULL);
    }
  for (guint i = 0; i < G_N_ELEMENTS (lead_names); i++)
    {
      g_autofree char *name = g_strdup_printf ("name=%s", lead_names[i]);

      leads[i] = lotse_test_insert (f->store, "organisation", name, NULL);
    }

  for (guint i = 0; i < G_N_ELEMENTS (projects); i++)
    {
      g_autofree char *title = g_strdup_printf ("title=%s", projects[i].title);
      g_autofree char *status = g_strdup_printf ("status=%s", projects[i].status);
      g_autofree char *health = projects[i].health != NULL
        ? g_strdup_printf ("health=%s", projects[i].health) : g_strdup ("health=");
      g_autofree char *programme = projects[i].programme_index >= 0
        ? g_strdup_printf ("programme_id=%s", programmes[projects[i].programme_index])
        : g_strdup ("programme_id=");
      g_autofree char *lead = projects[i].lead_index >= 0
        ? g_strdup_printf ("lead_organisation_id=%s", leads[projects[i].lead_index])
        : g_strdup ("lead_organisation_id=");

      f->project[i] = lotse_test_insert (f->store, "project", title, status, health, programme, lead, NULL);
      if (projects[i].next_due != NULL)
        {
          g_autofree char *project_id = g_strdup_printf ("project_id=%s", f->project[i]);
          g_autofree char *due = g_strdup_printf ("due_date=%s", projects[i].next_due);

          g_free (lotse_test_insert (f->store, "milestone", project_id, "title=Zwischenbericht", due,
                                     "status=open", NULL));
        }
      for (guint k = 0; k < projects[i].overdue; k++)
        {
          g_autofree char *project_id = g_strdup_printf ("project_id=%s", f->project[i]);

          g_free (lotse_test_insert (f->store, "milestone", project_id, "title=Verzug", "due_date=2001-01-01",
                                     "status=open", NULL));
        }
    }
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  f->settings = g_settings_new (APPLICATION_ID);
  g_settings_reset (f->settings, "last-view");
  g_settings_reset (f->settings, "portfolio-table");
  g_settings_set_int (f->settings, "window-width", data != NULL ? GPOINTER_TO_INT (data) : 1920);
  g_settings_set_int (f->settings, "window-height", 900);
  f->store = lotse_test_open_store (&f->dir);
  fill_store (f);
  lotse_application_set_store (app, f->store);

  g_application_activate (G_APPLICATION (app));
  f->window = LOTSE_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (app)));
  g_assert_true (LOTSE_IS_WINDOW (f->window));
  f->view = LOTSE_PORTFOLIO_VIEW (lotse_window_get_view (f->window, "portfolio"));
  f->table = lotse_portfolio_view_get_table (f->view);
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-view", "s", "portfolio");
  lotse_test_iterate_idle ();
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  lotse_test_destroy_windows ();
  lotse_application_set_store (app, NULL);
  g_clear_object (&f->store);
  g_settings_reset (f->settings, "window-width");
  g_settings_reset (f->settings, "window-height");
  g_settings_reset (f->settings, "portfolio-table");
  g_settings_reset (f->settings, "finance-tolerance");
  g_clear_object (&f->settings);
  for (guint i = 0; i < G_N_ELEMENTS (f->project); i++)
    g_free (f->project[i]);
  lotse_test_remove_tree (f->dir);
  g_free (f->dir);
}

static gboolean
table_loaded (gpointer data)
{
  return !lotse_portfolio_table_get_loading (data) &&
         gtk_widget_get_mapped (GTK_WIDGET (lotse_portfolio_table_get_column_view (data)));
}

static GtkColumnViewColumn *
column_titled (Fixture    *f,
               const char *title)
{
  GListModel *columns = gtk_column_view_get_columns (lotse_portfolio_table_get_column_view (f->table));

  for (guint i = 0; i < g_list_model_get_n_items (columns); i++)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, i);

      if (g_str_equal (gtk_column_view_column_get_title (column), title))
        return column;
    }

  g_error ("No column “%s”", title);
}

/* The cells of a column, top to bottom, joined by "|". */
static char *
column_cells (Fixture    *f,
              const char *title)
{
  GtkColumnViewColumn *column = column_titled (f, title);
  GListModel *rows = lotse_portfolio_table_get_rows (f->table);
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (rows); i++)
    {
      g_autofree char *cell = lotse_portfolio_table_dup_cell (f->table, i, column);

      if (i > 0)
        g_string_append_c (text, '|');
      g_string_append (text, cell);
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* The header button of a column, as the column view shows it. */
static GtkWidget *
header_of (Fixture    *f,
           const char *title)
{
  GtkWidget *label = lotse_test_find_widget (GTK_WIDGET (lotse_portfolio_table_get_column_view (f->table)),
                                             "GtkLabel", title);

  g_assert_nonnull (label);
  return gtk_widget_get_ancestor (label, g_type_from_name ("GtkColumnViewTitle"));
}

typedef struct
{
  Fixture    *f;
  const char *column;
  const char *expected;
} OrderWait;

static gboolean
order_is (gpointer data)
{
  OrderWait *wait = data;
  g_autofree char *cells = column_cells (wait->f, wait->column);

  return g_str_equal (cells, wait->expected);
}

static void
assert_order (Fixture    *f,
              const char *column,
              const char *expected)
{
  OrderWait wait = { f, column, expected };

  if (!lotse_test_wait_until (order_is, &wait))
    {
      g_autofree char *cells = column_cells (f, column);

      g_assert_cmpstr (cells, ==, expected);
    }
}

static gboolean
toggle_active (gpointer data)
{
  return gtk_toggle_button_get_active (data);
}

static void
switch_to_table (Fixture *f)
{
  GtkToggleButton *toggle = lotse_portfolio_view_get_table_toggle (f->view);

  g_assert_false (lotse_portfolio_view_get_show_table (f->view));
  lotse_test_click (GTK_WIDGET (toggle));
  g_assert_true (lotse_test_wait_until (toggle_active, toggle));
  g_assert_true (lotse_portfolio_view_get_show_table (f->view));
  /* Remembered for the next start */
  g_assert_true (g_settings_get_boolean (f->settings, "portfolio-table"));
  g_assert_true (lotse_test_wait_until (table_loaded, f->table));
}

static void
test_sort (Fixture       *f,
           gconstpointer  data)
{
  switch_to_table (f);
  g_assert_cmpuint (g_list_model_get_n_items (lotse_portfolio_table_get_rows (f->table)), ==,
                    G_N_ELEMENTS (projects));

  /* By project at first, in German collation */
  assert_order (f, "Project", "Äpfel digital|Arbeit 4.0|eAkte kommunal|Offene Daten Bielefeld|"
                              "Ökodorf Lippe|Zukunftswerkstatt Ruhr");

  /* A click on Programme sorts by it; projects without one come last */
  lotse_test_click (header_of (f, "Programme"));
  assert_order (f, "Programme", "Ökoregion Ostwestfalen|Ökoregion Ostwestfalen|"
                                "SMART REGION Emscher-Lippe – Digitale Modellregion|"
                                "Zukunft Ruhr 2030|Zukunft Ruhr 2030|");

  /* Again: the other way round */
  lotse_test_click (header_of (f, "Programme"));
  assert_order (f, "Programme", "|Zukunft Ruhr 2030|Zukunft Ruhr 2030|"
                                "SMART REGION Emscher-Lippe – Digitale Modellregion|"
                                "Ökoregion Ostwestfalen|Ökoregion Ostwestfalen");

  /* The traffic light by urgency, not by its name */
  lotse_test_click (header_of (f, "Traffic Light"));
  assert_order (f, "Traffic Light", "Critical|At risk|At risk|On track|On track|Not assessed");

  /* Overdue milestones as numbers, from the database's count */
  lotse_test_click (header_of (f, "Overdue"));
  assert_order (f, "Overdue", "0|0|0|1|2|3");
  {
    g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM milestone WHERE project_id = '%s'"
                                            " AND deleted = 0 AND status = 'open' AND due_date < date('now')",
                                            f->project[5]);
    g_autofree char *last = lotse_portfolio_table_dup_cell (f->table, 5, column_titled (f, "Overdue"));
    g_autofree char *stored = lotse_test_query_text (lotse_store_get_path (f->store), sql);

    g_assert_cmpstr (last, ==, stored);
  }

  /* The keyboard's way: Sort By in the table's menu */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->table), "table.sort-by", "s", "next"));
  /* (equal dates: by title) */
  assert_order (f, "Project", "eAkte kommunal|Ökodorf Lippe|Äpfel digital|Zukunftswerkstatt Ruhr|"
                              "Arbeit 4.0|Offene Daten Bielefeld");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->table), "table.sort-by", "s", "status"));
  assert_order (f, "Status", "Planned|Running|Running|Running|Completed|Paused");
}

/* At 1280 px the programmes' names are shown in full, not cut beside
 * long project titles: the column is as wide as its longest name. */
static void
test_programme_names (Fixture       *f,
                      gconstpointer  data)
{
  GtkWidget *column_view;
  g_autofree char *programme = lotse_test_query_text (lotse_store_get_path (f->store),
                                                      "SELECT 'programme_id=' || id FROM programme"
                                                      " WHERE name LIKE 'Zukunft%'");
  g_autofree char *lead = NULL;
  g_autofree char *project = NULL;
  g_autofree char *project_id = NULL;
  g_autofree char *lead_id = NULL;

  /* Long titles, milestones and leads beside them, as a real portfolio has */
  lead = lotse_test_insert (f->store, "organisation",
                            "name=Regionalagentur Siegen-Wittgenstein und Olpe für Wirtschaftsförderung", NULL);
  lead_id = g_strdup_printf ("lead_organisation_id=%s", lead);
  project = lotse_test_insert (f->store, "project",
                               "title=Verwaltungsdigitalisierung in den Kommunen des Kreises Lippe "
                               "und der Stadt Bielefeld", "status=running", programme, lead_id, NULL);
  project_id = g_strdup_printf ("project_id=%s", project);
  g_free (lotse_test_insert (f->store, "milestone", project_id, "due_date=2099-03-01", "status=open",
                             "title=Abschlussbericht mit Verwendungsnachweis und Nachnutzungskonzept", NULL));

  switch_to_table (f);
  column_view = GTK_WIDGET (lotse_portfolio_table_get_column_view (f->table));
  g_assert_true (lotse_test_wait_frames (column_view, 2));
  g_test_message ("window %d, programme column %d", gtk_widget_get_width (GTK_WIDGET (f->window)),
                  gtk_column_view_column_get_fixed_width (column_titled (f, "Programme")));
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (f->window)), <=, 1280);

  for (guint i = 0; i < G_N_ELEMENTS (programme_names); i++)
    {
      GtkWidget *label = lotse_test_find_widget (column_view, "GtkLabel", programme_names[i]);

      g_assert_nonnull (label);
      g_assert_true (lotse_test_wait_shown (label));
      g_assert_false (pango_layout_is_ellipsized (gtk_label_get_layout (GTK_LABEL (label))));
    }
}

static void
test_filter_and_open (Fixture       *f,
                      gconstpointer  data)
{
  GtkDropDown *programme = lotse_portfolio_view_get_filter (f->view, LOTSE_PORTFOLIO_FILTER_PROGRAMME);
  GtkStringList *names;
  GtkColumnView *column_view;

  switch_to_table (f);

  /* The portfolio's filters and search filter the table */
  gtk_menu_button_popup (lotse_portfolio_view_get_filter_button (f->view));
  lotse_test_iterate_idle ();
  names = GTK_STRING_LIST (gtk_drop_down_get_model (programme));
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (names)); i++)
    if (g_str_equal (gtk_string_list_get_string (names, i), programme_names[0]))
      gtk_drop_down_set_selected (programme, i);
  gtk_menu_button_popdown (lotse_portfolio_view_get_filter_button (f->view));
  g_assert_true (lotse_test_wait_until (table_loaded, f->table));
  assert_order (f, "Project", "Äpfel digital|Zukunftswerkstatt Ruhr");

  gtk_drop_down_set_selected (programme, 0);
  gtk_editable_set_text (GTK_EDITABLE (lotse_portfolio_view_get_search_entry (f->view)), "ÖKO");
  lotse_portfolio_view_apply_search (f->view);
  g_assert_true (lotse_test_wait_until (table_loaded, f->table));
  assert_order (f, "Project", "Ökodorf Lippe");

  /* Bad input changes nothing and shows nothing */
  gtk_editable_set_text (GTK_EDITABLE (lotse_portfolio_view_get_search_entry (f->view)), "%_\\'\"");
  lotse_portfolio_view_apply_search (f->view);
  assert_order (f, "Project", "");
  g_assert_cmpint (lotse_store_count (f->store, "project", NULL, 0, NULL), ==, G_N_ELEMENTS (projects));

  /* Enter on a row opens the project beside the list */
  gtk_editable_set_text (GTK_EDITABLE (lotse_portfolio_view_get_search_entry (f->view)), "Ökodorf");
  lotse_portfolio_view_apply_search (f->view);
  assert_order (f, "Project", "Ökodorf Lippe");
  column_view = lotse_portfolio_table_get_column_view (f->table);
  g_assert_true (lotse_test_wait_shown (GTK_WIDGET (column_view)));
  gtk_widget_grab_focus (GTK_WIDGET (column_view));
  lotse_test_iterate_idle ();
  lotse_test_press_key (GDK_KEY_Return, 0);
  g_assert_true (lotse_test_wait_until ((LotseTestCondition) gtk_widget_get_mapped,
                                        lotse_portfolio_view_get_detail (f->view)));
  g_assert_cmpstr (lotse_project_detail_get_project_id (lotse_portfolio_view_get_detail (f->view)),
                   ==, f->project[1]);
  g_assert_false (lotse_portfolio_view_get_show_table (f->view));
}

/* LibreOffice reads the CSV; its rows as "cell|cell|…" lines. */
static char *
read_with_libreoffice (const char *csv_path,
                       const char *dir)
{
  g_autofree char *base = g_path_get_basename (csv_path);
  g_autofree char *stem = g_strndup (base, strlen (base) - strlen (".csv"));
  g_autofree char *name = g_strconcat (stem, ".xlsx", NULL);
  g_autofree char *xlsx = g_build_filename (dir, name, NULL);
  g_autofree char *profile = g_strdup_printf ("-env:UserInstallation=file://%s/lo-profile", dir);
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  int status = 0;
  const char *convert[] = {
    "soffice", profile, "--headless", "--infilter=CSV:44,34,76,1", "--convert-to", "xlsx",
    "--outdir", dir, csv_path, NULL
  };
  const char *read[] = {
    "/usr/bin/python3", "-c",
    "import sys, openpyxl\n"
    "for row in openpyxl.load_workbook(sys.argv[1]).active.iter_rows(values_only=True):\n"
    "    print('|'.join('' if v is None else str(v) for v in row))\n",
    xlsx, NULL
  };

  g_spawn_sync (NULL, (char **) convert, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL |
                G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, NULL, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  g_spawn_sync (NULL, (char **) read, NULL, 0, NULL, NULL, &out, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));

  return g_steal_pointer (&out);
}

static gboolean
has_class (GtkWidget     *widget,
           gconstpointer  data)
{
  return gtk_widget_has_css_class (widget, data);
}

/* The overdue cell of the row that shows @title: its box, with the icon
 * first and the number last. */
static GtkWidget *
overdue_cell (Fixture    *f,
              const char *title)
{
  GtkWidget *widget = lotse_test_find_widget (GTK_WIDGET (lotse_portfolio_table_get_column_view (f->table)),
                                              "GtkLabel", title);
  GtkWidget *icon;

  g_assert_nonnull (widget);
  /* Up to the cell (GtkColumnViewCell, GtkColumnViewCellWidget from GTK
   * 4.10), whose parent is the row. */
  while (widget != NULL && !g_str_has_prefix (G_OBJECT_TYPE_NAME (widget), "GtkColumnViewCell"))
    widget = gtk_widget_get_parent (widget);
  g_assert_nonnull (widget);
  icon = lotse_test_find_widget_matching (gtk_widget_get_parent (widget), GTK_TYPE_IMAGE, has_class, "overdue-icon");
  g_assert_nonnull (icon);

  return gtk_widget_get_parent (icon);
}

/* Overdue at a glance: the count in red with an alarm clock, and a
 * milestone that a completed project left open is history, not overdue. */
static void
test_overdue (Fixture       *f,
              gconstpointer  data)
{
  g_autofree char *closed = g_strdup_printf ("project_id=%s", f->project[3]);
  g_autofree char *stored = NULL;
  GtkWidget *cell;

  /* Stored as overdue: open, due long ago, of the completed Arbeit 4.0 */
  g_free (lotse_test_insert (f->store, "milestone", closed, "title=Liegengeblieben", "due_date=2018-09-30",
                             "status=open", NULL));
  stored = lotse_test_query_text (lotse_store_get_path (f->store),
                                  "SELECT count(*) FROM milestone AS m JOIN project AS p ON p.id = m.project_id"
                                  " WHERE p.title = 'Arbeit 4.0' AND m.status = 'open' AND m.due_date < '2026-01-01'");
  g_assert_cmpstr (stored, ==, "1");
  switch_to_table (f);

  cell = overdue_cell (f, "eAkte kommunal");
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (gtk_widget_get_last_child (cell))), ==, "3");
  g_assert_true (gtk_widget_has_css_class (cell, "overdue"));
  g_assert_true (gtk_widget_get_visible (gtk_widget_get_first_child (cell)));
  g_assert_cmpstr (gtk_image_get_icon_name (GTK_IMAGE (gtk_widget_get_first_child (cell))), ==, "alarm-symbolic");

  cell = overdue_cell (f, "Arbeit 4.0");
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (gtk_widget_get_last_child (cell))), ==, "0");
  g_assert_false (gtk_widget_has_css_class (cell, "overdue"));
  g_assert_false (gtk_widget_get_visible (gtk_widget_get_first_child (cell)));
}

static void
export_done (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  GError **error = user_data;

  if (lotse_print_export_finish (LOTSE_WINDOW (object), result, error))
    *error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_EXISTS, "done");
}

static gboolean
error_set (gpointer data)
{
  return *(GError **) data != NULL;
}

static void
test_export (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *csv_path = g_build_filename (f->dir, "Portfolio.csv", NULL);
  g_autofree char *pdf_path = g_build_filename (f->dir, "Portfolio.pdf", NULL);
  g_autoptr(GFile) csv = g_file_new_for_path (csv_path);
  g_autoptr(GFile) pdf = g_file_new_for_path (pdf_path);
  g_autoptr(GError) error = NULL;
  g_autofree char *read = NULL;
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;
  const char *path = lotse_store_get_path (f->store);

  switch_to_table (f);

  /* Shown: without the lead column, sorted by overdue milestones */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->table), "columns.lead", NULL));
  g_assert_false (gtk_column_view_column_get_visible (column_titled (f, "Lead Organisation")));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->table), "columns.budget", NULL));
  g_assert_false (gtk_column_view_column_get_visible (column_titled (f, "Budget")));
  lotse_test_click (header_of (f, "Overdue"));
  assert_order (f, "Overdue", "0|0|0|1|2|3");

  /* Through a symbolic link: refused, and what it points to kept */
  {
    g_autofree char *target = g_build_filename (f->dir, "mine.txt", NULL);
    g_autofree char *link = g_build_filename (f->dir, "link.csv", NULL);
    g_autoptr(GFile) link_file = g_file_new_for_path (link);
    g_autofree char *kept = NULL;

    g_assert_true (g_file_set_contents (target, "mine\n", -1, NULL));
    g_assert_cmpint (symlink (target, link), ==, 0);
    g_assert_false (lotse_portfolio_table_export_csv (f->table, link_file, &error));
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_REGULAR_FILE);
    g_clear_error (&error);
    g_assert_true (g_file_get_contents (target, &kept, NULL, NULL));
    g_assert_cmpstr (kept, ==, "mine\n");
  }

  g_assert_true (lotse_portfolio_table_export_csv (f->table, csv, &error));
  g_assert_no_error (error);
  read = read_with_libreoffice (csv_path, f->dir);
  lines = g_strsplit (g_strchomp (read), "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 1 + G_N_ELEMENTS (projects));
  g_assert_cmpstr (lines[0], ==, "Project|Programme|Status|Traffic Light|Next Milestone|Overdue");

  /* Each row as shown, and each as the database has it */
  for (guint i = 0; i < G_N_ELEMENTS (projects); i++)
    {
      g_auto(GStrv) cells = g_strsplit (lines[i + 1], "|", -1);
      g_autofree char *id = lotse_portfolio_table_dup_id (f->table, i);
      g_autofree char *sql_title = g_strdup_printf ("SELECT title FROM project WHERE id = '%s'", id);
      g_autofree char *sql_programme = g_strdup_printf ("SELECT coalesce(g.name, '') FROM project AS p"
                                                        " LEFT JOIN programme AS g ON g.id = p.programme_id"
                                                        " WHERE p.id = '%s'", id);
      g_autofree char *sql_overdue = g_strdup_printf ("SELECT count(*) FROM milestone WHERE project_id = '%s'"
                                                      " AND deleted = 0 AND status = 'open'"
                                                      " AND due_date < date('now')", id);
      g_autofree char *title = lotse_test_query_text (path, sql_title);
      g_autofree char *programme = lotse_test_query_text (path, sql_programme);
      g_autofree char *overdue = lotse_test_query_text (path, sql_overdue);

      g_assert_cmpuint (g_strv_length (cells), ==, 6);
      g_assert_cmpstr (cells[0], ==, title);
      g_assert_cmpstr (cells[1], ==, programme);
      g_assert_cmpstr (cells[5], ==, overdue);
      for (guint c = 0; c < 6; c++)
        {
          GListModel *columns = gtk_column_view_get_columns (lotse_portfolio_table_get_column_view (f->table));
          g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, c);
          g_autofree char *shown = lotse_portfolio_table_dup_cell (f->table, i, column);

          g_assert_cmpstr (cells[c], ==, shown);
        }
    }

  /* The PDF: the same columns and rows in the same order */
  lotse_print_export_built_async (f->window, lotse_portfolio_table_build_report,
                                  lotse_portfolio_table_snapshot (f->table),
                                  lotse_portfolio_table_snapshot_free, pdf, NULL, export_done, &error);
  g_assert_true (lotse_test_wait_until (error_set, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS);
  text = lotse_test_pdf_text (pdf_path, 0, 0);
  g_assert_null (strstr (text, "Lead Organisation"));
  g_assert_null (strstr (text, lead_names[0]));
  {
    const char *at = text;

    for (guint i = 0; i < G_N_ELEMENTS (projects); i++)
      {
        g_autofree char *title = lotse_portfolio_table_dup_cell (f->table, i, column_titled (f, "Project"));
        const char *found = strstr (at, title);

        g_assert_nonnull (found);
        at = found + strlen (title);
      }
  }
}

static void
add_money (Fixture    *f,
           guint       project,
           const char *planned,
           const char *spent)
{
  g_autofree char *project_id = g_strdup_printf ("project_id=%s", f->project[project]);
  g_autofree char *planned_cents = g_strdup_printf ("planned_cents=%s", planned);
  g_autofree char *amount_cents = g_strdup_printf ("amount_cents=%s", spent);

  g_free (lotse_test_insert (f->store, "budget_line", project_id, "category=travel", "year=2026",
                             planned_cents, NULL));
  g_free (lotse_test_insert (f->store, "expenditure", project_id, "category=travel", "date=2026-03-03",
                             amount_cents, NULL));
}

/* Spent of planned per project, sorted by the share spent (projects
 * without a plan last); a project 10 % over plan is marked only when the
 * tolerance set is below 10 %, and the mark follows the setting. */
static void
test_budget (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *spent_0 = lotse_format_money ("1100000");
  g_autofree char *planned_0 = lotse_format_money ("1000000");
  g_autofree char *spent_1 = lotse_format_money ("100000");
  g_autofree char *planned_1 = lotse_format_money ("500000");
  g_autofree char *within = g_strdup_printf ("%s / %s|%s / %s||||", spent_1, planned_1, spent_0, planned_0);
  g_autofree char *over = g_strdup_printf ("%s / %s|%s / %s, over plan||||", spent_1, planned_1,
                                           spent_0, planned_0);

  add_money (f, 0, "1000000", "1100000");
  add_money (f, 1, "500000", "100000");
  switch_to_table (f);

  lotse_test_click (header_of (f, "Budget"));
  assert_order (f, "Budget", within);
  assert_order (f, "Project", "Ökodorf Lippe|Zukunftswerkstatt Ruhr|Äpfel digital|Arbeit 4.0|"
                              "eAkte kommunal|Offene Daten Bielefeld");

  g_settings_set_int (f->settings, "finance-tolerance", 5);
  assert_order (f, "Budget", over);
  g_settings_set_int (f->settings, "finance-tolerance", 10);
  assert_order (f, "Budget", within);

  /* A new expenditure is counted at once. */
  g_settings_set_int (f->settings, "finance-tolerance", 20);
  add_money (f, 1, "0", "600000");
  {
    g_autofree char *spent_1_now = lotse_format_money ("700000");
    g_autofree char *now = g_strdup_printf ("%s / %s|%s / %s, over plan||||", spent_0, planned_0,
                                            spent_1_now, planned_1);

    assert_order (f, "Budget", now);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  /* Sorting follows the reader's collation; the messages stay English. */
  if (setlocale (LC_COLLATE, "de_DE.UTF-8") == NULL)
    g_error ("The locale de_DE.UTF-8 is not installed (build-aux/install-deps.sh generates it)");

  app = lotse_application_new (APPLICATION_ID, G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);

  g_test_add ("/ui/table/sort", Fixture, NULL, fixture_setup, test_sort, fixture_teardown);
  g_test_add ("/ui/table/filter-and-open", Fixture, NULL, fixture_setup, test_filter_and_open,
              fixture_teardown);
  g_test_add ("/ui/table/export", Fixture, NULL, fixture_setup, test_export, fixture_teardown);
  g_test_add ("/ui/table/overdue", Fixture, NULL, fixture_setup, test_overdue, fixture_teardown);
  g_test_add ("/ui/table/budget", Fixture, NULL, fixture_setup, test_budget, fixture_teardown);
  g_test_add ("/ui/table/programme-names", Fixture, GINT_TO_POINTER (1280), fixture_setup,
              test_programme_names, fixture_teardown);

  status = g_test_run ();
  g_clear_object (&app);

  return status;
}
