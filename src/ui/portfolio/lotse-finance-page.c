/* lotse-finance-page.c: a project's money in the project detail
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Plan against actual per cost category (each with its years), the
 * warnings of lotse-finance.c, a burn chart of planned against spent
 * money over the months, and what the office enters: expenditures and
 * budget lines added in place with the amount typed as the locale writes
 * money (lotse_parse_money()), fund calls and funder reports added in the
 * record dialog; all of them, and the partners' shares, edited in the
 * record dialog and deleted, each with Undo in a toast
 * (lotse-finance-records.c). A mistake marks its row and stores nothing.
 * What is shown is read on the store's reader. The rows are
 * LotseFinanceRows, laid out for a fraction of an AdwActionRow's CPU,
 * and only what is in sight is built (with all rows, a project with
 * 10,000 expenditures took 484 ms to open): the newest FIRST_EXPENDITURES
 * (Show More adds MORE_EXPENDITURES; the statement holds all), a plan
 * category's years and the budget lines once their row is expanded. The
 * tolerance and the period in which received funds must be spent are the
 * office's settings (GSettings finance-tolerance, finance-spend-within);
 * a change reads the warnings again.
 */

#define G_LOG_DOMAIN "lotse-finance-page"

#include "config.h"

#include <glib/gi18n.h>

#include "lotse-finance-page.h"
#include "lotse-finance-records.h"
#include "lotse-finance-row.h"
#include "lotse-widget-util.h"

#define FIRST_EXPENDITURES 10
#define MORE_EXPENDITURES  50

struct _LotseFinancePage
{
  LotsePanel          parent_instance;

  char               *project_id;
  GSettings          *settings;
  GCancellable       *cancellable;
  GPtrArray          *plan_rows;      /* the rows added to plan_group and warnings_group */
  LotseFinanceSummary *summary;       /* what plan_rows show */
  GPtrArray          *budget_lines;   /* LotseRecord, listed in budget_lines_row once expanded */
  GPtrArray          *budget_line_rows;
  guint               n_expenditures; /* how many of the newest are listed */
  GArray             *burn;           /* LotseFinanceMonth */
  GStrv               category_codes; /* by position in category_row and budget_category_row */
  GStrv               partner_ids;    /* by position in budget_partner_row, after the whole project */

  AdwPreferencesGroup *plan_group;
  GtkButton          *overview_button;
  GtkDrawingArea     *burn_chart;
  AdwPreferencesGroup *warnings_group;
  AdwEntryRow        *date_row;
  AdwEntryRow        *amount_row;
  AdwComboRow        *category_row;
  AdwEntryRow        *voucher_row;
  AdwEntryRow        *description_row;
  GtkListBox         *expenditure_list;
  AdwComboRow        *budget_category_row;
  AdwComboRow        *budget_partner_row;
  AdwEntryRow        *budget_year_row;
  AdwEntryRow        *budget_planned_row;
  GtkListBox         *budget_list;
  AdwExpanderRow     *budget_lines_row;
  GtkButton          *more_button;
  GtkListBox         *fund_call_list;
  GtkListBox         *report_list;
  AdwPreferencesGroup *partners_group;
  GtkListBox         *partner_list;
};

G_DEFINE_FINAL_TYPE (LotseFinancePage, lotse_finance_page, LOTSE_TYPE_PANEL)

enum {
  PROP_0,
  PROP_PROJECT_ID,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* What the reader is asked for. */
typedef struct
{
  char                 *project_id;
  LotseFinanceSettings  settings;
  guint                 n_expenditures;
} FinanceRequest;

static void
finance_request_free (FinanceRequest *request)
{
  g_free (request->project_id);
  g_free (request);
}

/**
 * lotse_finance_page_read_settings:
 * @gsettings: the application's settings
 * @settings: (out caller-allocates): the finance settings to fill in
 *
 * Reads the office's tolerance and spending period; what the schema's
 * ranges allow is what lotse-finance.c expects.
 */
void
lotse_finance_page_read_settings (GSettings            *gsettings,
                                  LotseFinanceSettings *settings)
{
  g_return_if_fail (G_IS_SETTINGS (gsettings));
  g_return_if_fail (settings != NULL);

  settings->tolerance = (guint) MAX (0, g_settings_get_int (gsettings, "finance-tolerance"));
  settings->spend_within = (guint) MAX (0, g_settings_get_int (gsettings, "finance-spend-within"));
}

/* What the reader hands back. */
typedef struct
{
  LotseFinanceSummary *summary;
  GArray              *burn;
  GPtrArray           *expenditures;  /* the newest, LotseRecord */
  gboolean             more;          /* there are older ones */
  GPtrArray           *categories;    /* live cost_category rows, in order */
  GPtrArray           *budget_lines;
  GPtrArray           *fund_calls;
  GPtrArray           *reports;       /* funder reports */
  GPtrArray           *partners;
} FinanceData;

static void
finance_data_free (FinanceData *data)
{
  g_clear_pointer (&data->summary, lotse_finance_summary_free);
  g_clear_pointer (&data->burn, g_array_unref);
  g_clear_pointer (&data->expenditures, g_ptr_array_unref);
  g_clear_pointer (&data->categories, g_ptr_array_unref);
  g_clear_pointer (&data->budget_lines, g_ptr_array_unref);
  g_clear_pointer (&data->fund_calls, g_ptr_array_unref);
  g_clear_pointer (&data->reports, g_ptr_array_unref);
  g_clear_pointer (&data->partners, g_ptr_array_unref);
  g_free (data);
}

/* Budget lines by year, then in the order of the categories. */
static int
compare_budget_lines (gconstpointer a,
                      gconstpointer b,
                      gpointer      user_data)
{
  LotseRecord *x = *(LotseRecord **) a, *y = *(LotseRecord **) b;
  GPtrArray *categories = user_data;
  gint64 year_x = g_ascii_strtoll (lotse_record_get (x, LOTSE_BUDGET_LINE_YEAR), NULL, 10);
  gint64 year_y = g_ascii_strtoll (lotse_record_get (y, LOTSE_BUDGET_LINE_YEAR), NULL, 10);
  guint position_x = 0, position_y = 0;

  if (year_x != year_y)
    return year_x < year_y ? -1 : 1;
  for (guint i = 0; i < categories->len; i++)
    {
      const char *code = lotse_record_get (g_ptr_array_index (categories, i), LOTSE_COST_CATEGORY_CODE);

      if (g_strcmp0 (code, lotse_record_get (x, LOTSE_BUDGET_LINE_CATEGORY)) == 0)
        position_x = i;
      if (g_strcmp0 (code, lotse_record_get (y, LOTSE_BUDGET_LINE_CATEGORY)) == 0)
        position_y = i;
    }

  return (position_x > position_y) - (position_x < position_y);
}

/* The budget lines, fund calls, funder reports and partners of the
 * project; a project has tens of them, so all are listed. */
static gboolean
read_records (LotseStore   *store,
              const char   *project_id,
              FinanceData  *data,
              GError      **error)
{
  LotseFilter budget = { LOTSE_BUDGET_LINE_PROJECT_ID, project_id };
  LotseFilter calls = { LOTSE_FUND_CALL_PROJECT_ID, project_id };
  LotseFilter reports = { LOTSE_FUNDER_REPORT_PROJECT_ID, project_id };
  LotseFilter partners = { LOTSE_PROJECT_PARTNER_PROJECT_ID, project_id };

  data->budget_lines = lotse_store_list (store, LOTSE_TABLE_BUDGET_LINE, &budget, 1, LOTSE_BUDGET_LINE_YEAR, 0, 0, error);
  if (data->budget_lines != NULL)
    g_ptr_array_sort_with_data (data->budget_lines, compare_budget_lines, data->categories);
  if (data->budget_lines != NULL)
    data->fund_calls = lotse_store_list (store, LOTSE_TABLE_FUND_CALL, &calls, 1, LOTSE_FUND_CALL_REQUESTED_DATE,
                                         0, 0, error);
  if (data->fund_calls != NULL)
    data->reports = lotse_store_list (store, LOTSE_TABLE_FUNDER_REPORT, &reports, 1, LOTSE_FUNDER_REPORT_DUE_DATE,
                                      0, 0, error);
  if (data->reports != NULL)
    data->partners = lotse_store_list (store, LOTSE_TABLE_PROJECT_PARTNER, &partners, 1, "created_at", 0, 0, error);

  return data->partners != NULL;
}

static gpointer
read_finance (LotseStore  *store,
              gpointer     user_data,
              GError     **error)
{
  FinanceRequest *request = user_data;
  const char *project_id = request->project_id;
  FinanceData *data = g_new0 (FinanceData, 1);
  LotseFilter filter = { LOTSE_EXPENDITURE_PROJECT_ID, project_id };

  data->summary = lotse_finance_summarize (store, project_id, NULL, NULL, NULL, &request->settings, error);
  if (data->summary != NULL)
    data->burn = lotse_finance_query_burn (store, project_id, error);
  if (data->burn != NULL)
    data->expenditures = lotse_store_list (store, LOTSE_TABLE_EXPENDITURE, &filter, 1, "-" LOTSE_EXPENDITURE_DATE,
                                           request->n_expenditures + 1, 0, error);
  if (data->expenditures != NULL && data->expenditures->len > request->n_expenditures)
    {
      data->more = TRUE;
      g_ptr_array_set_size (data->expenditures, request->n_expenditures);
    }
  if (data->expenditures != NULL)
    data->categories = lotse_store_list (store, LOTSE_TABLE_COST_CATEGORY, NULL, 0, NULL, 0, 0, error);
  if (data->categories == NULL || !read_records (store, project_id, data, error))
    g_clear_pointer (&data, finance_data_free);

  return data;
}

static char *
money (gint64 cents)
{
  g_autofree char *text = g_strdup_printf ("%" G_GINT64_FORMAT, cents);

  return lotse_format_money (text);
}

static void
clear_plan_rows (LotseFinancePage *self)
{
  for (guint i = 0; i < self->plan_rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (self->plan_rows, i);

      adw_preferences_group_remove (ADW_PREFERENCES_GROUP (gtk_widget_get_ancestor (row, ADW_TYPE_PREFERENCES_GROUP)),
                                    row);
    }
  g_ptr_array_set_size (self->plan_rows, 0);
}

static GtkWidget *
amount_row_new (const char       *title,
                const LotseFinanceLine *line)
{
  g_autofree char *planned = money (line->planned_cents);
  g_autofree char *spent = money (line->spent_cents);
  g_autofree char *remaining = money (line->planned_cents - line->spent_cents);
  /* Translators: money spent of money planned */
  g_autofree char *subtitle = g_strdup_printf (_("%s spent of %s planned"), spent, planned);
  GtkWidget *row = lotse_finance_row_new (title, subtitle);
  GtkWidget *suffix = gtk_label_new (remaining);

  gtk_widget_add_css_class (suffix, "numeric");
  if (line->spent_cents > line->planned_cents)
    gtk_widget_add_css_class (suffix, "error");
  lotse_finance_row_add_suffix (LOTSE_FINANCE_ROW (row), suffix);

  return row;
}

/* A category's years, when it is first expanded. */
static void
plan_row_expanded (AdwExpanderRow   *expander,
                   GParamSpec       *pspec,
                   LotseFinancePage *self)
{
  const char *category = g_object_get_data (G_OBJECT (expander), "lotse-category");

  if (!adw_expander_row_get_expanded (expander) || category == NULL || self->summary == NULL)
    return;

  for (guint j = 0; j < self->summary->years->len; j++)
    {
      LotseFinanceLine *year = g_ptr_array_index (self->summary->years, j);
      g_autofree char *title = g_strdup_printf ("%u", year->year);

      if (g_str_equal (year->category, category))
        adw_expander_row_add_row (expander, amount_row_new (title, year));
    }
  g_object_set_data (G_OBJECT (expander), "lotse-category", NULL);
}

/* The budget lines in their row while it is expanded. */
static void
fill_budget_lines (LotseFinancePage *self)
{
  LotseStore *store = lotse_panel_get_store (LOTSE_PANEL (self));

  for (guint i = 0; i < self->budget_line_rows->len; i++)
    adw_expander_row_remove (self->budget_lines_row, g_ptr_array_index (self->budget_line_rows, i));
  g_ptr_array_set_size (self->budget_line_rows, 0);
  if (!adw_expander_row_get_expanded (self->budget_lines_row) || self->budget_lines == NULL || store == NULL)
    return;

  for (guint i = 0; i < self->budget_lines->len; i++)
    {
      GtkWidget *row = lotse_finance_record_row_new (store, g_ptr_array_index (self->budget_lines, i));

      adw_expander_row_add_row (self->budget_lines_row, row);
      g_ptr_array_add (self->budget_line_rows, row);
    }
}

static void
show_budget_lines (LotseFinancePage *self,
                   GPtrArray        *lines)
{
  g_autofree char *count = g_strdup_printf (ngettext ("%u line", "%u lines", lines->len), lines->len);

  g_clear_pointer (&self->budget_lines, g_ptr_array_unref);
  self->budget_lines = g_ptr_array_ref (lines);
  adw_expander_row_set_subtitle (self->budget_lines_row, count);
  gtk_widget_set_visible (GTK_WIDGET (self->budget_list), lines->len > 0);
  fill_budget_lines (self);
}

static void
fill_plan (LotseFinancePage    *self,
           LotseFinanceSummary *summary)
{
  g_autofree char *remaining = money (summary->remaining_cents);
  g_autofree char *spent = money (summary->spent_cents);
  g_autofree char *planned = money (summary->planned_cents);
  /* Translators: amounts of money */
  g_autofree char *description = g_strdup_printf (_("%s spent of %s planned; %s remaining"),
                                                  spent, planned, remaining);

  adw_preferences_group_set_description (self->plan_group, description);
  for (guint i = 0; i < summary->categories->len; i++)
    {
      LotseFinanceLine *line = g_ptr_array_index (summary->categories, i);
      GtkWidget *expander = adw_expander_row_new ();
      g_autofree char *subtitle = NULL;
      g_autofree char *line_remaining = money (line->planned_cents - line->spent_cents);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (expander), line->label);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (expander), FALSE);
      /* Translators: an amount of money left of a cost category's plan */
      subtitle = g_strdup_printf (_("%s remaining"), line_remaining);
      adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (expander), subtitle);
      g_object_set_data_full (G_OBJECT (expander), "lotse-category", g_strdup (line->category), g_free);
      g_signal_connect_object (expander, "notify::expanded", G_CALLBACK (plan_row_expanded), self, 0);
      adw_preferences_group_add (self->plan_group, expander);
      g_ptr_array_add (self->plan_rows, expander);
    }
}

static void
fill_warnings (LotseFinancePage    *self,
               LotseFinanceSummary *summary)
{
  for (guint i = 0; i < summary->warnings->len; i++)
    {
      LotseFinanceWarning *warning = g_ptr_array_index (summary->warnings, i);
      GtkWidget *row = lotse_finance_row_new (warning->message, NULL);
      GtkWidget *icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");

      gtk_widget_add_css_class (icon, "warning");
      lotse_finance_row_add_prefix (LOTSE_FINANCE_ROW (row), icon);
      adw_preferences_group_add (self->warnings_group, row);
      g_ptr_array_add (self->plan_rows, row);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->warnings_group), summary->warnings->len > 0);
}

/* The categories of the combo row, keeping the one chosen. */
static void
fill_categories (LotseFinancePage *self,
                 GPtrArray        *categories)
{
  LotseStore *store = lotse_panel_get_store (LOTSE_PANEL (self));
  guint selected = adw_combo_row_get_selected (self->category_row);
  g_autofree char *chosen = self->category_codes != NULL && selected < g_strv_length (self->category_codes)
                              ? g_strdup (self->category_codes[selected]) : NULL;
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  g_autoptr(GStrvBuilder) codes = g_strv_builder_new ();
  guint keep = 0;

  for (guint i = 0; i < categories->len; i++)
    {
      const char *code = lotse_record_get (g_ptr_array_index (categories, i), LOTSE_COST_CATEGORY_CODE);
      g_autofree char *label = lotse_finance_category_label (store, code);

      gtk_string_list_append (labels, label);
      g_strv_builder_add (codes, code);
      if (g_strcmp0 (code, chosen) == 0)
        keep = i;
    }
  g_strfreev (self->category_codes);
  self->category_codes = g_strv_builder_end (codes);
  adw_combo_row_set_model (self->category_row, G_LIST_MODEL (labels));
  adw_combo_row_set_selected (self->category_row, keep);
  adw_combo_row_set_model (self->budget_category_row, G_LIST_MODEL (labels));
}

/* The project's partners a budget line may be planned for, and the
 * partners' shares. */
static void
fill_partners (LotseFinancePage *self,
               GPtrArray        *partners)
{
  LotseStore *store = lotse_panel_get_store (LOTSE_PANEL (self));
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  g_autoptr(GStrvBuilder) ids = g_strv_builder_new ();

  /* Translators: a budget line planned for the project as a whole */
  gtk_string_list_append (labels, _("Whole project"));
  for (guint i = 0; i < partners->len; i++)
    {
      LotseRecord *partner = g_ptr_array_index (partners, i);
      g_autoptr(LotseRecord) organisation = lotse_store_get (store, LOTSE_TABLE_ORGANISATION,
                                                             lotse_record_get (partner, LOTSE_PROJECT_PARTNER_ORGANISATION_ID),
                                                             NULL);

      gtk_string_list_append (labels, organisation != NULL ? lotse_record_get_title (organisation)
                                                           : _("Unknown organisation"));
      g_strv_builder_add (ids, lotse_record_get_id (partner));
    }
  g_strfreev (self->partner_ids);
  self->partner_ids = g_strv_builder_end (ids);
  adw_combo_row_set_model (self->budget_partner_row, G_LIST_MODEL (labels));
  gtk_widget_set_visible (GTK_WIDGET (self->budget_partner_row), partners->len > 0);
  lotse_finance_fill_list (self->partner_list, store, partners);
  gtk_widget_set_visible (GTK_WIDGET (self->partners_group), partners->len > 0);
}

/* The overview button exports the project's programme, or every
 * programme for a project without one. */
static void
point_overview (LotseFinancePage *self,
                LotseStore       *store)
{
  g_autoptr(LotseRecord) project = lotse_store_get (store, LOTSE_TABLE_PROJECT, self->project_id, NULL);
  const char *programme_id = project != NULL ? lotse_record_get (project, LOTSE_PROJECT_PROGRAMME_ID) : NULL;

  gtk_actionable_set_action_target (GTK_ACTIONABLE (self->overview_button), "s",
                                    programme_id != NULL ? programme_id : "");
}

static void
loaded (GObject      *object,
        GAsyncResult *result,
        gpointer      user_data)
{
  g_autoptr(LotseFinancePage) self = user_data;
  g_autoptr(GError) error = NULL;
  LotseStore *store = lotse_panel_get_store (LOTSE_PANEL (self));
  FinanceData *data = lotse_store_reader_run_finish (LOTSE_STORE_READER (object), result, &error);

  if (data == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("Cannot read the project's finances: %s", error->message);
      return;
    }

  g_clear_object (&self->cancellable);
  clear_plan_rows (self);
  fill_plan (self, data->summary);
  fill_warnings (self, data->summary);
  lotse_finance_fill_list (self->expenditure_list, store, data->expenditures);
  gtk_widget_set_visible (GTK_WIDGET (self->more_button), data->more);
  show_budget_lines (self, data->budget_lines);
  lotse_finance_fill_list (self->fund_call_list, store, data->fund_calls);
  lotse_finance_fill_list (self->report_list, store, data->reports);
  fill_categories (self, data->categories);
  fill_partners (self, data->partners);
  point_overview (self, store);
  g_clear_pointer (&self->burn, g_array_unref);
  self->burn = g_array_ref (data->burn);
  gtk_widget_queue_draw (GTK_WIDGET (self->burn_chart));
  g_clear_pointer (&self->summary, lotse_finance_summary_free);
  self->summary = g_steal_pointer (&data->summary);
  finance_data_free (data);
}

static void
reload (LotseFinancePage *self)
{
  LotseStore *store = lotse_panel_get_store (LOTSE_PANEL (self));
  FinanceRequest *request;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (store == NULL || self->project_id == NULL || !lotse_panel_get_loaded (LOTSE_PANEL (self)))
    return;

  request = g_new0 (FinanceRequest, 1);
  request->project_id = g_strdup (self->project_id);
  lotse_finance_page_read_settings (self->settings, &request->settings);
  request->n_expenditures = self->n_expenditures;
  self->cancellable = g_cancellable_new ();
  lotse_store_reader_run_async (lotse_store_get_reader (store), read_finance, request,
                                (GDestroyNotify) finance_request_free, (GDestroyNotify) finance_data_free,
                                self->cancellable, loaded, g_object_ref (self));
}

static void
lotse_finance_page_load (LotsePanel *panel)
{
  reload (LOTSE_FINANCE_PAGE (panel));
}

static void
lotse_finance_page_store_changed (LotsePanel *panel,
                                  const char *table,
                                  const char *id)
{
  static const char * const tables[] = { LOTSE_TABLE_EXPENDITURE, LOTSE_TABLE_BUDGET_LINE, LOTSE_TABLE_FUND_CALL,
                                         LOTSE_TABLE_FUNDER_REPORT, LOTSE_TABLE_PROJECT_PARTNER,
                                         LOTSE_TABLE_ORGANISATION, LOTSE_TABLE_PROJECT,
                                         LOTSE_TABLE_COST_CATEGORY, NULL };

  if (table == NULL || g_strv_contains (tables, table))
    reload (LOTSE_FINANCE_PAGE (panel));
}

/* The burn chart */

static double
chart_y (gint64 cents,
         gint64 top,
         double height)
{
  return height - 4 - (top > 0 ? (double) cents / (double) top : 0) * (height - 8);
}

static void
draw_line (cairo_t  *cr,
           GArray   *burn,
           gboolean  planned,
           gint64    top,
           double    width,
           double    height)
{
  for (guint i = 0; i < burn->len; i++)
    {
      LotseFinanceMonth *month = &g_array_index (burn, LotseFinanceMonth, i);
      double x = burn->len > 1 ? width * i / (burn->len - 1) : width / 2;
      double y = chart_y (planned ? month->planned_cents : month->spent_cents, top, height);

      if (i == 0)
        cairo_move_to (cr, x, y);
      else
        cairo_line_to (cr, x, y);
    }
  cairo_stroke (cr);
}

static void
draw_burn (GtkDrawingArea *area,
           cairo_t        *cr,
           int             width,
           int             height,
           gpointer        user_data)
{
  LotseFinancePage *self = user_data;
  static const double dash[] = { 6, 4 };
  GdkRGBA ink;
  gint64 top = 0;

  if (self->burn == NULL || self->burn->len == 0)
    return;

  for (guint i = 0; i < self->burn->len; i++)
    {
      LotseFinanceMonth *month = &g_array_index (self->burn, LotseFinanceMonth, i);

      top = MAX (top, MAX (month->planned_cents, month->spent_cents));
    }

  /* The plan in the text's colour, dashed; what was spent in the accent. */
  gtk_style_context_get_color (gtk_widget_get_style_context (GTK_WIDGET (area)), &ink);
  cairo_set_line_width (cr, 2);
  gdk_cairo_set_source_rgba (cr, &(GdkRGBA) { ink.red, ink.green, ink.blue, 0.55 });
  cairo_set_dash (cr, dash, G_N_ELEMENTS (dash), 0);
  draw_line (cr, self->burn, TRUE, top, width, height);
  cairo_set_dash (cr, NULL, 0, 0);
  cairo_set_source_rgb (cr, 0x35 / 255.0, 0x84 / 255.0, 0xe4 / 255.0);
  draw_line (cr, self->burn, FALSE, top, width, height);
}

/* Marks @row as wrong when @ok is FALSE; typing there clears it. */
static gboolean
mark (gpointer row,
      gboolean ok)
{
  if (!ok)
    gtk_widget_add_css_class (GTK_WIDGET (row), "error");

  return ok;
}

static void
clear_error (GtkEditable *row)
{
  gtk_widget_remove_css_class (GTK_WIDGET (row), "error");
}

/* The code of the category chosen in @row, or NULL. */
static const char *
chosen_category (LotseFinancePage *self,
                 AdwComboRow      *row)
{
  guint selected = adw_combo_row_get_selected (row);

  return self->category_codes != NULL && selected < g_strv_length (self->category_codes)
           ? self->category_codes[selected] : NULL;
}

/* The expenditure the rows of “New Expenditure” describe, or NULL with
 * @error naming what is wrong and its row marked. */
static LotseRecord *
read_new_expenditure (LotseFinancePage  *self,
                      GError           **error)
{
  g_autoptr(LotseRecord) record = lotse_record_new_for_table (LOTSE_TABLE_EXPENDITURE);
  g_autofree char *date = NULL;
  g_autofree char *cents = NULL;
  const char *description = gtk_editable_get_text (GTK_EDITABLE (self->description_row));
  const char *voucher = gtk_editable_get_text (GTK_EDITABLE (self->voucher_row));

  if (!mark (self->date_row, lotse_parse_date (gtk_editable_get_text (GTK_EDITABLE (self->date_row)), &date, error)) ||
      !mark (self->amount_row, lotse_parse_money (gtk_editable_get_text (GTK_EDITABLE (self->amount_row)), &cents, error)))
    return NULL;

  lotse_record_set (record, LOTSE_EXPENDITURE_PROJECT_ID, self->project_id);
  lotse_record_set (record, LOTSE_EXPENDITURE_DATE, date);
  lotse_record_set (record, LOTSE_EXPENDITURE_AMOUNT_CENTS, cents);
  lotse_record_set (record, LOTSE_EXPENDITURE_CATEGORY, chosen_category (self, self->category_row));
  lotse_record_set (record, LOTSE_EXPENDITURE_DESCRIPTION, *description != '\0' ? description : NULL);
  lotse_record_set (record, LOTSE_EXPENDITURE_VOUCHER, *voucher != '\0' ? voucher : NULL);

  return g_steal_pointer (&record);
}

static void
add_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  LotseFinancePage *self = LOTSE_FINANCE_PAGE (widget);
  LotseStore *store = lotse_panel_get_store (LOTSE_PANEL (self));
  g_autoptr(LotseRecord) record = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *warning = NULL;
  g_autofree char *amount = NULL;
  g_autofree char *message = NULL;

  if (store == NULL || self->project_id == NULL)
    return;

  record = read_new_expenditure (self, &error);
  if (record == NULL || !mark (self->amount_row, lotse_store_insert (store, record, &error)))
    {
      lotse_widget_show_toast (widget, error->message);
      return;
    }

  warning = lotse_finance_warn_record (store, record);
  amount = lotse_format_money (lotse_record_get (record, LOTSE_EXPENDITURE_AMOUNT_CENTS));
  /* Translators: a toast; an amount of money */
  message = warning != NULL ? g_steal_pointer (&warning) : g_strdup_printf (_("Expenditure of %s added"), amount);
  lotse_finance_added (widget, store, record, message);
  gtk_editable_set_text (GTK_EDITABLE (self->amount_row), "");
  gtk_editable_set_text (GTK_EDITABLE (self->voucher_row), "");
  gtk_editable_set_text (GTK_EDITABLE (self->description_row), "");
}

static void
row_activated (LotseFinancePage *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "finance.add", NULL);
}

/* @text read by @parse and checked against @field of the budget line
 * (a year between 1900 and 2200, no amount beyond the largest), or NULL
 * with @row marked. */
static char *
read_row (AdwEntryRow  *row,
          const char   *field,
          gboolean    (*parse) (const char *, char **, GError **),
          GError      **error)
{
  const LotseTable *table = lotse_schema_lookup_table (LOTSE_TABLE_BUDGET_LINE);
  g_autofree char *parsed = NULL;
  char *value = NULL;

  if (parse (gtk_editable_get_text (GTK_EDITABLE (row)), &parsed, error))
    value = lotse_field_normalize (lotse_table_lookup_field (table, field), parsed, error);
  mark (row, value != NULL);

  return value;
}

/* The budget line the rows of “Budget Plan” describe, or NULL with
 * @error naming what is wrong and its row marked. */
static LotseRecord *
read_new_budget_line (LotseFinancePage  *self,
                      GError           **error)
{
  g_autoptr(LotseRecord) record = lotse_record_new_for_table (LOTSE_TABLE_BUDGET_LINE);
  g_autofree char *year = NULL;
  g_autofree char *cents = NULL;
  guint partner = adw_combo_row_get_selected (self->budget_partner_row);

  year = read_row (self->budget_year_row, LOTSE_BUDGET_LINE_YEAR, lotse_parse_number, error);
  if (year != NULL)
    cents = read_row (self->budget_planned_row, LOTSE_BUDGET_LINE_PLANNED_CENTS, lotse_parse_money, error);
  if (cents == NULL)
    return NULL;

  lotse_record_set (record, LOTSE_BUDGET_LINE_PROJECT_ID, self->project_id);
  lotse_record_set (record, LOTSE_BUDGET_LINE_CATEGORY, chosen_category (self, self->budget_category_row));
  lotse_record_set (record, LOTSE_BUDGET_LINE_YEAR, year);
  lotse_record_set (record, LOTSE_BUDGET_LINE_PLANNED_CENTS, cents);
  /* The first choice is the whole project. */
  if (partner != GTK_INVALID_LIST_POSITION && partner > 0 && self->partner_ids != NULL &&
      partner <= g_strv_length (self->partner_ids))
    lotse_record_set (record, LOTSE_BUDGET_LINE_PARTNER_ID, self->partner_ids[partner - 1]);

  return g_steal_pointer (&record);
}

static void
add_budget_line_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  LotseFinancePage *self = LOTSE_FINANCE_PAGE (widget);
  LotseStore *store = lotse_panel_get_store (LOTSE_PANEL (self));
  g_autoptr(LotseRecord) record = NULL;
  g_autoptr(GError) error = NULL;

  if (store == NULL || self->project_id == NULL)
    return;

  record = read_new_budget_line (self, &error);
  if (record == NULL || !lotse_store_insert (store, record, &error))
    {
      lotse_widget_show_toast (widget, error->message);
      return;
    }

  lotse_finance_added (widget, store, record, NULL);
  gtk_editable_set_text (GTK_EDITABLE (self->budget_planned_row), "");
}

static void
budget_row_activated (LotseFinancePage *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "finance.add-budget-line", NULL);
}

static void
add_record_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  LotseFinancePage *self = LOTSE_FINANCE_PAGE (widget);
  LotseStore *store = lotse_panel_get_store (LOTSE_PANEL (self));

  if (store == NULL || self->project_id == NULL)
    return;

  lotse_finance_add_record (widget, store,
                            g_str_equal (action_name, "finance.add-fund-call") ? LOTSE_TABLE_FUND_CALL
                                                                               : LOTSE_TABLE_FUNDER_REPORT,
                            self->project_id);
}

/* “finance.edit” and “finance.delete” of a row: (table, id). */
static void
record_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  LotseStore *store = lotse_panel_get_store (LOTSE_PANEL (widget));
  const char *table;
  const char *id;

  if (store == NULL)
    return;

  g_variant_get (parameter, "(&s&s)", &table, &id);
  if (g_str_equal (action_name, "finance.edit"))
    lotse_finance_edit_record (widget, store, table, id);
  else
    lotse_finance_delete_record (widget, store, table, id);
}

static void
show_more_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  LOTSE_FINANCE_PAGE (widget)->n_expenditures += MORE_EXPENDITURES;
  reload (LOTSE_FINANCE_PAGE (widget));
}

/* The object */

void
lotse_finance_page_set_project_id (LotseFinancePage *self,
                                   const char       *project_id)
{
  g_return_if_fail (LOTSE_IS_FINANCE_PAGE (self));

  if (g_strcmp0 (self->project_id, project_id) == 0)
    return;

  g_free (self->project_id);
  self->project_id = g_strdup (project_id);
  self->n_expenditures = FIRST_EXPENDITURES;
  adw_expander_row_set_expanded (self->budget_lines_row, FALSE);
  reload (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROJECT_ID]);
}

const char *
lotse_finance_page_get_project_id (LotseFinancePage *self)
{
  g_return_val_if_fail (LOTSE_IS_FINANCE_PAGE (self), NULL);

  return self->project_id;
}

/**
 * lotse_finance_page_is_busy:
 * @self: a page
 *
 * Returns: whether a read of the page's data is running (for tests)
 */
gboolean
lotse_finance_page_is_busy (LotseFinancePage *self)
{
  g_return_val_if_fail (LOTSE_IS_FINANCE_PAGE (self), FALSE);

  return self->cancellable != NULL;
}

static void
lotse_finance_page_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  LotseFinancePage *self = LOTSE_FINANCE_PAGE (object);

  switch (prop_id)
    {
    case PROP_PROJECT_ID:
      g_value_set_string (value, self->project_id);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lotse_finance_page_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  LotseFinancePage *self = LOTSE_FINANCE_PAGE (object);

  switch (prop_id)
    {
    case PROP_PROJECT_ID:
      lotse_finance_page_set_project_id (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lotse_finance_page_dispose (GObject *object)
{
  LotseFinancePage *self = LOTSE_FINANCE_PAGE (object);
  GtkWidget *child;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), LOTSE_TYPE_FINANCE_PAGE);
  /* The template's top box is not bound, so it is not unparented above. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (lotse_finance_page_parent_class)->dispose (object);
}

static void
lotse_finance_page_finalize (GObject *object)
{
  LotseFinancePage *self = LOTSE_FINANCE_PAGE (object);

  g_free (self->project_id);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->plan_rows, g_ptr_array_unref);
  g_clear_pointer (&self->summary, lotse_finance_summary_free);
  g_clear_pointer (&self->budget_lines, g_ptr_array_unref);
  g_clear_pointer (&self->budget_line_rows, g_ptr_array_unref);
  g_clear_pointer (&self->burn, g_array_unref);
  g_strfreev (self->category_codes);
  g_strfreev (self->partner_ids);

  G_OBJECT_CLASS (lotse_finance_page_parent_class)->finalize (object);
}

static void
lotse_finance_page_class_init (LotseFinancePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  LotsePanelClass *panel_class = LOTSE_PANEL_CLASS (klass);

  object_class->get_property = lotse_finance_page_get_property;
  object_class->set_property = lotse_finance_page_set_property;
  object_class->dispose = lotse_finance_page_dispose;
  object_class->finalize = lotse_finance_page_finalize;
  panel_class->load = lotse_finance_page_load;
  panel_class->store_changed = lotse_finance_page_store_changed;

  properties[PROP_PROJECT_ID] =
    g_param_spec_string ("project-id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/app/lotse/Lotse/portfolio/lotse-finance-page.ui");
  gtk_widget_class_bind_template_child (widget_class, LotseFinancePage, plan_group);
  gtk_widget_class_bind_template_child (widget_class, LotseFinancePage, overview_button);
  gtk_widget_class_bind_template_child (widget_class, LotseFinancePage, burn_chart);
  gtk_widget_class_bind_template_child (widget_class, LotseFinancePage, warnings_group);
  gtk_widget_class_bind_template_child (widget_class, LotseFinancePage, date_row);
  gtk_widget_class_bind_template_child (widget_class, LotseFinancePage, amount_row);
  gtk_widget_class_bind_template_child (widget_class, LotseFinancePage, category_row);
  gtk_widget_class_bind_template_child (widget_class, LotseFinancePage, voucher_row);
  gtk_widget_class_bind_template_child (widget_class, LotseFinancePage, description_row);
  gtk_widget_class_bind_template_child (widget_class, LotseFinancePage, expenditure_list);
  gtk_widget_class_bind_template_child (widget_class, LotseFinancePage, budget_category_row);
  gtk_widget_class_bind_template_child (widget_class, LotseFinancePage, budget_partner_row);
  gtk_widget_class_bind_template_child (widget_class, LotseFinancePage, budget_year_row);
  gtk_widget_class_bind_template_child (widget_class, LotseFinancePage, budget_planned_row);
  gtk_widget_class_bind_template_child (widget_class, LotseFinancePage, budget_list);
  gtk_widget_class_bind_template_child (widget_class, LotseFinancePage, budget_lines_row);
  gtk_widget_class_bind_template_child (widget_class, LotseFinancePage, more_button);
  gtk_widget_class_bind_template_child (widget_class, LotseFinancePage, fund_call_list);
  gtk_widget_class_bind_template_child (widget_class, LotseFinancePage, report_list);
  gtk_widget_class_bind_template_child (widget_class, LotseFinancePage, partners_group);
  gtk_widget_class_bind_template_child (widget_class, LotseFinancePage, partner_list);
  gtk_widget_class_bind_template_callback (widget_class, row_activated);
  gtk_widget_class_bind_template_callback (widget_class, fill_budget_lines);
  gtk_widget_class_bind_template_callback (widget_class, budget_row_activated);
  gtk_widget_class_bind_template_callback (widget_class, clear_error);
  gtk_widget_class_install_action (widget_class, "finance.add", NULL, add_action);
  gtk_widget_class_install_action (widget_class, "finance.add-budget-line", NULL, add_budget_line_action);
  gtk_widget_class_install_action (widget_class, "finance.add-fund-call", NULL, add_record_action);
  gtk_widget_class_install_action (widget_class, "finance.add-funder-report", NULL, add_record_action);
  gtk_widget_class_install_action (widget_class, "finance.show-more", NULL, show_more_action);
  gtk_widget_class_install_action (widget_class, "finance.delete", "(ss)", record_action);
  gtk_widget_class_install_action (widget_class, "finance.edit", "(ss)", record_action);
}

static void
lotse_finance_page_init (LotseFinancePage *self)
{
  g_autofree char *today = lotse_monitor_today ();
  g_autofree char *shown = lotse_format_date (today);

  gtk_widget_init_template (GTK_WIDGET (self));
  self->plan_rows = g_ptr_array_new ();
  self->budget_line_rows = g_ptr_array_new ();
  self->n_expenditures = FIRST_EXPENDITURES;
  self->settings = g_settings_new (APPLICATION_ID);
  g_signal_connect_object (self->settings, "changed::finance-tolerance", G_CALLBACK (reload), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->settings, "changed::finance-spend-within", G_CALLBACK (reload), self,
                           G_CONNECT_SWAPPED);
  gtk_drawing_area_set_draw_func (self->burn_chart, draw_burn, self, NULL);
  gtk_editable_set_text (GTK_EDITABLE (self->date_row), shown);
}
