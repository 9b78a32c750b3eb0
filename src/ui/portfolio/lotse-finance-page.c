/* lotse-finance-page.c: a project's money in the project detail
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Plan against actual per cost category (each with its years), the
 * warnings of lotse-finance.c, a burn chart of planned against spent
 * money over the months, and the expenditures: added in place with the
 * amount typed as the locale writes money (lotse_parse_money()), edited
 * in the record dialog and deleted, each with Undo in a toast. What is
 * shown is read on the store's reader; only the newest
 * MAX_SHOWN_EXPENDITURES are listed (the statement and the CSV export
 * hold all of them), so that a project with 10,000 opens at once. The
 * tolerance and the period in which received funds must be spent are the
 * office's settings (GSettings finance-tolerance, finance-spend-within);
 * a change reads the warnings again.
 */

#define G_LOG_DOMAIN "lotse-finance-page"

#include "config.h"

#include <glib/gi18n.h>

#include "lotse-finance-page.h"
#include "lotse-record-dialog.h"
#include "lotse-widget-util.h"

#define MAX_SHOWN_EXPENDITURES 100

struct _LotseFinancePage
{
  LotsePanel          parent_instance;

  char               *project_id;
  GSettings          *settings;
  GCancellable       *cancellable;
  GPtrArray          *plan_rows;      /* the rows added to plan_group and warnings_group */
  GArray             *burn;           /* LotseFinanceMonth */
  GStrv               category_codes; /* by position in category_row */

  AdwPreferencesGroup *plan_group;
  GtkDrawingArea     *burn_chart;
  AdwPreferencesGroup *warnings_group;
  AdwEntryRow        *date_row;
  AdwEntryRow        *amount_row;
  AdwComboRow        *category_row;
  AdwEntryRow        *voucher_row;
  AdwEntryRow        *description_row;
  GtkListBox         *expenditure_list;
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
  GPtrArray           *categories;    /* live cost_category rows, in order */
} FinanceData;

static void
finance_data_free (FinanceData *data)
{
  g_clear_pointer (&data->summary, lotse_finance_summary_free);
  g_clear_pointer (&data->burn, g_array_unref);
  g_clear_pointer (&data->expenditures, g_ptr_array_unref);
  g_clear_pointer (&data->categories, g_ptr_array_unref);
  g_free (data);
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
    data->expenditures = lotse_store_list (store, LOTSE_TABLE_EXPENDITURE, &filter, 1,
                                           "-" LOTSE_EXPENDITURE_DATE, MAX_SHOWN_EXPENDITURES, 0, error);
  if (data->expenditures != NULL)
    data->categories = lotse_store_list (store, LOTSE_TABLE_COST_CATEGORY, NULL, 0, NULL, 0, 0, error);
  if (data->categories == NULL)
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
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *planned = money (line->planned_cents);
  g_autofree char *spent = money (line->spent_cents);
  g_autofree char *remaining = money (line->planned_cents - line->spent_cents);
  /* Translators: money spent of money planned */
  g_autofree char *subtitle = g_strdup_printf (_("%s spent of %s planned"), spent, planned);
  GtkWidget *suffix = gtk_label_new (remaining);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_widget_add_css_class (suffix, "numeric");
  if (line->spent_cents > line->planned_cents)
    gtk_widget_add_css_class (suffix, "error");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), suffix);

  return row;
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
      for (guint j = 0; j < summary->years->len; j++)
        {
          LotseFinanceLine *year = g_ptr_array_index (summary->years, j);
          g_autofree char *title = g_strdup_printf ("%u", year->year);

          if (g_str_equal (year->category, line->category))
            adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), amount_row_new (title, year));
        }
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
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");

      gtk_widget_add_css_class (icon, "warning");
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), warning->message);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
      adw_preferences_group_add (self->warnings_group, row);
      g_ptr_array_add (self->plan_rows, row);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->warnings_group), summary->warnings->len > 0);
}

static GtkWidget *
icon_button_new (const char *icon_name,
                 const char *tooltip,
                 const char *action_name,
                 const char *id)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon_name);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, tooltip, -1);
  gtk_widget_add_css_class (button, "flat");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", id);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action_name);

  return button;
}

static GtkWidget *
expenditure_row_new (LotseFinancePage *self,
                     LotseRecord      *record)
{
  LotseStore *store = lotse_panel_get_store (LOTSE_PANEL (self));
  GtkWidget *row = adw_action_row_new ();
  const char *description = lotse_record_get (record, LOTSE_EXPENDITURE_DESCRIPTION);
  const char *voucher = lotse_record_get (record, LOTSE_EXPENDITURE_VOUCHER);
  g_autofree char *date = lotse_format_date (lotse_record_get (record, LOTSE_EXPENDITURE_DATE));
  g_autofree char *category = lotse_finance_category_label (store, lotse_record_get (record, LOTSE_EXPENDITURE_CATEGORY));
  g_autofree char *amount = lotse_format_money (lotse_record_get (record, LOTSE_EXPENDITURE_AMOUNT_CENTS));
  g_autofree char *subtitle = g_strjoin (" · ", date, category, voucher, NULL);
  GtkWidget *label = gtk_label_new (amount);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), description != NULL ? description : category);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_widget_add_css_class (label, "numeric");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                             icon_button_new ("document-edit-symbolic", _("Edit Expenditure"), "finance.edit",
                                              lotse_record_get_id (record)));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                             icon_button_new ("user-trash-symbolic", _("Delete Expenditure"), "finance.delete",
                                              lotse_record_get_id (record)));

  return row;
}

static void
fill_expenditures (LotseFinancePage *self,
                   GPtrArray        *expenditures)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->expenditure_list))) != NULL)
    gtk_list_box_remove (self->expenditure_list, child);
  for (guint i = 0; i < expenditures->len; i++)
    gtk_list_box_append (self->expenditure_list, expenditure_row_new (self, g_ptr_array_index (expenditures, i)));
  gtk_widget_set_visible (GTK_WIDGET (self->expenditure_list), expenditures->len > 0);
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
}

static void
loaded (GObject      *object,
        GAsyncResult *result,
        gpointer      user_data)
{
  g_autoptr(LotseFinancePage) self = user_data;
  g_autoptr(GError) error = NULL;
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
  fill_expenditures (self, data->expenditures);
  fill_categories (self, data->categories);
  g_clear_pointer (&self->burn, g_array_unref);
  self->burn = g_array_ref (data->burn);
  gtk_widget_queue_draw (GTK_WIDGET (self->burn_chart));
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
                                         LOTSE_TABLE_PROJECT, LOTSE_TABLE_COST_CATEGORY, NULL };

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

/* Writing, with Undo */

typedef enum
{
  UNDO_ADD,     /* delete what was added */
  UNDO_DELETE,  /* take the tombstone back */
  UNDO_EDIT,    /* write the previous values back */
} UndoKind;

typedef struct
{
  LotseStore  *store;
  char        *id;
  LotseRecord *previous;
  UndoKind     kind;
} Undo;

static void
undo_free (Undo *undo)
{
  g_clear_object (&undo->store);
  g_clear_object (&undo->previous);
  g_free (undo->id);
  g_free (undo);
}

static void
on_undo_clicked (AdwToast *toast,
                 Undo     *undo)
{
  g_autoptr(GError) error = NULL;
  gboolean ok;

  if (undo->kind == UNDO_ADD)
    ok = lotse_store_delete (undo->store, LOTSE_TABLE_EXPENDITURE, undo->id, &error);
  else if (undo->kind == UNDO_DELETE)
    ok = lotse_store_undelete (undo->store, LOTSE_TABLE_EXPENDITURE, undo->id, &error);
  else
    ok = lotse_store_update (undo->store, undo->previous, &error);

  if (!ok)
    g_warning ("Cannot undo: %s", error->message);
}

static void
toast_with_undo (LotseFinancePage *self,
                 const char       *message,
                 const char       *id,
                 LotseRecord      *previous,
                 UndoKind          kind)
{
  AdwToast *toast = adw_toast_new (message);
  Undo *undo = g_new0 (Undo, 1);

  undo->store = g_object_ref (lotse_panel_get_store (LOTSE_PANEL (self)));
  undo->id = g_strdup (id);
  undo->previous = previous != NULL ? lotse_record_copy (previous) : NULL;
  undo->kind = kind;
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  g_signal_connect_data (toast, "button-clicked", G_CALLBACK (on_undo_clicked), undo,
                         (GClosureNotify) G_CALLBACK (undo_free), 0);
  lotse_widget_add_toast (GTK_WIDGET (self), toast);
}

/* The expenditure the rows of “New Expenditure” describe, or NULL with
 * @error naming what is wrong. */
static LotseRecord *
read_new_expenditure (LotseFinancePage  *self,
                      GError           **error)
{
  g_autoptr(LotseRecord) record = lotse_record_new_for_table (LOTSE_TABLE_EXPENDITURE);
  g_autofree char *date = NULL;
  g_autofree char *cents = NULL;
  const char *description = gtk_editable_get_text (GTK_EDITABLE (self->description_row));
  const char *voucher = gtk_editable_get_text (GTK_EDITABLE (self->voucher_row));
  guint category = adw_combo_row_get_selected (self->category_row);

  if (!lotse_parse_date (gtk_editable_get_text (GTK_EDITABLE (self->date_row)), &date, error) ||
      !lotse_parse_money (gtk_editable_get_text (GTK_EDITABLE (self->amount_row)), &cents, error))
    return NULL;

  lotse_record_set (record, LOTSE_EXPENDITURE_PROJECT_ID, self->project_id);
  lotse_record_set (record, LOTSE_EXPENDITURE_DATE, date);
  lotse_record_set (record, LOTSE_EXPENDITURE_AMOUNT_CENTS, cents);
  if (self->category_codes != NULL && category < g_strv_length (self->category_codes))
    lotse_record_set (record, LOTSE_EXPENDITURE_CATEGORY, self->category_codes[category]);
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
  if (record == NULL || !lotse_store_insert (store, record, &error))
    {
      lotse_widget_show_toast (widget, error->message);
      return;
    }

  warning = lotse_finance_warn_record (store, record);
  amount = lotse_format_money (lotse_record_get (record, LOTSE_EXPENDITURE_AMOUNT_CENTS));
  /* Translators: a toast; an amount of money */
  message = warning != NULL ? g_steal_pointer (&warning) : g_strdup_printf (_("Expenditure of %s added"), amount);
  toast_with_undo (self, message, lotse_record_get_id (record), NULL, UNDO_ADD);
  gtk_editable_set_text (GTK_EDITABLE (self->amount_row), "");
  gtk_editable_set_text (GTK_EDITABLE (self->voucher_row), "");
  gtk_editable_set_text (GTK_EDITABLE (self->description_row), "");
}

static void
row_activated (LotseFinancePage *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "finance.add", NULL);
}

static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  LotseFinancePage *self = LOTSE_FINANCE_PAGE (widget);
  const char *id = g_variant_get_string (parameter, NULL);
  g_autoptr(GError) error = NULL;

  if (!lotse_store_delete (lotse_panel_get_store (LOTSE_PANEL (self)), LOTSE_TABLE_EXPENDITURE, id, &error))
    {
      lotse_widget_show_toast (widget, error->message);
      return;
    }
  toast_with_undo (self, _("Expenditure deleted"), id, NULL, UNDO_DELETE);
}

typedef struct
{
  LotseFinancePage *self;
  LotseRecord      *previous;
} EditData;

static void
edit_saved (LotseRecord *record,
            gpointer     user_data)
{
  EditData *data = user_data;

  toast_with_undo (data->self, _("Expenditure changed"), lotse_record_get_id (record), data->previous,
                   UNDO_EDIT);
}

static void
edit_data_free (gpointer user_data)
{
  EditData *data = user_data;

  g_clear_object (&data->self);
  g_clear_object (&data->previous);
  g_free (data);
}

static void
edit_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  static const char * const fields[] = { LOTSE_EXPENDITURE_DATE, LOTSE_EXPENDITURE_AMOUNT_CENTS,
                                         LOTSE_EXPENDITURE_CATEGORY, LOTSE_EXPENDITURE_VOUCHER,
                                         LOTSE_EXPENDITURE_DESCRIPTION, NULL };
  LotseFinancePage *self = LOTSE_FINANCE_PAGE (widget);
  LotseStore *store = lotse_panel_get_store (LOTSE_PANEL (self));
  g_autoptr(LotseRecord) record = NULL;
  g_autoptr(GError) error = NULL;
  AdwMessageDialog *dialog;
  EditData *data;

  record = lotse_store_get (store, LOTSE_TABLE_EXPENDITURE, g_variant_get_string (parameter, NULL), &error);
  if (record == NULL)
    {
      lotse_widget_show_toast (widget, error->message);
      return;
    }

  data = g_new0 (EditData, 1);
  data->self = g_object_ref (self);
  data->previous = lotse_record_copy (record);
  dialog = lotse_record_dialog_new (widget, store, record, fields, _("Edit Expenditure"), _("_Save"),
                                    edit_saved, data);
  g_object_set_data_full (G_OBJECT (dialog), "lotse-finance-edit", data, edit_data_free);
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
  g_clear_pointer (&self->burn, g_array_unref);
  g_strfreev (self->category_codes);

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
  gtk_widget_class_bind_template_child (widget_class, LotseFinancePage, burn_chart);
  gtk_widget_class_bind_template_child (widget_class, LotseFinancePage, warnings_group);
  gtk_widget_class_bind_template_child (widget_class, LotseFinancePage, date_row);
  gtk_widget_class_bind_template_child (widget_class, LotseFinancePage, amount_row);
  gtk_widget_class_bind_template_child (widget_class, LotseFinancePage, category_row);
  gtk_widget_class_bind_template_child (widget_class, LotseFinancePage, voucher_row);
  gtk_widget_class_bind_template_child (widget_class, LotseFinancePage, description_row);
  gtk_widget_class_bind_template_child (widget_class, LotseFinancePage, expenditure_list);
  gtk_widget_class_bind_template_callback (widget_class, row_activated);
  gtk_widget_class_install_action (widget_class, "finance.add", NULL, add_action);
  gtk_widget_class_install_action (widget_class, "finance.delete", "s", delete_action);
  gtk_widget_class_install_action (widget_class, "finance.edit", "s", edit_action);
}

static void
lotse_finance_page_init (LotseFinancePage *self)
{
  g_autofree char *today = lotse_monitor_today ();
  g_autofree char *shown = lotse_format_date (today);

  gtk_widget_init_template (GTK_WIDGET (self));
  self->plan_rows = g_ptr_array_new ();
  self->settings = g_settings_new (APPLICATION_ID);
  g_signal_connect_object (self->settings, "changed::finance-tolerance", G_CALLBACK (reload), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->settings, "changed::finance-spend-within", G_CALLBACK (reload), self,
                           G_CONNECT_SWAPPED);
  gtk_drawing_area_set_draw_func (self->burn_chart, draw_burn, self, NULL);
  gtk_editable_set_text (GTK_EDITABLE (self->date_row), shown);
}
