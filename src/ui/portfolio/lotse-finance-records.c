/* lotse-finance-records.c: the finance page's lists, written with Undo
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Expenditures, budget lines, fund calls, funder reports and the
 * partners' shares are listed the same way: a row per record with its
 * amount and an edit and a delete button that activate “finance.edit”
 * and “finance.delete” with the table and the id. Editing opens the
 * record dialog (lotse-record-dialog.c), which reads amounts with
 * lotse_parse_money() and shows a mistake at its row; every write ends
 * in a toast whose Undo deletes what was added, takes a deletion back or
 * writes the previous values again. A partner's shares are only edited
 * here: the partner itself is added and removed in the project's form.
 */

#define G_LOG_DOMAIN "lotse-finance-page"

#include "config.h"

#include <glib/gi18n.h>

#include "lotse-finance-records.h"
#include "lotse-finance-row.h"
#include "lotse-record-dialog.h"
#include "lotse-widget-util.h"

typedef struct
{
  const char         *table;
  const char * const *fields;    /* those of the record dialog */
  const char         *heading;   /* of the dialog that adds one */
  const char         *edit;      /* of the dialog and the button that edit one */
  const char         *remove;    /* of the delete button; NULL: not deleted here */
  const char         *added;
  const char         *changed;
  const char         *deleted;
} Kind;

static const char * const expenditure_fields[] = {
  LOTSE_EXPENDITURE_DATE, LOTSE_EXPENDITURE_AMOUNT_CENTS, LOTSE_EXPENDITURE_CATEGORY,
  LOTSE_EXPENDITURE_VOUCHER, LOTSE_EXPENDITURE_DESCRIPTION, NULL };
/* A line's category and partner are chosen when it is added; a wrong one
 * is deleted and added again. */
static const char * const budget_line_fields[] = {
  LOTSE_BUDGET_LINE_YEAR, LOTSE_BUDGET_LINE_PLANNED_CENTS, NULL };
static const char * const fund_call_fields[] = {
  LOTSE_FUND_CALL_REQUESTED_DATE, LOTSE_FUND_CALL_AMOUNT_CENTS, LOTSE_FUND_CALL_PERIOD_START,
  LOTSE_FUND_CALL_PERIOD_END, LOTSE_FUND_CALL_STATUS, LOTSE_FUND_CALL_RECEIVED_DATE, NULL };
static const char * const funder_report_fields[] = {
  LOTSE_FUNDER_REPORT_KIND, LOTSE_FUNDER_REPORT_TITLE, LOTSE_FUNDER_REPORT_DUE_DATE,
  LOTSE_FUNDER_REPORT_STATUS, LOTSE_FUNDER_REPORT_SUBMITTED_DATE, NULL };
static const char * const partner_fields[] = {
  LOTSE_PROJECT_PARTNER_ELIGIBLE_SHARE_CENTS, LOTSE_PROJECT_PARTNER_GRANT_SHARE_CENTS, NULL };

static const Kind kinds[] = {
  { LOTSE_TABLE_EXPENDITURE, expenditure_fields, N_("New Expenditure"), N_("Edit Expenditure"),
    N_("Delete Expenditure"), N_("Expenditure added"), N_("Expenditure changed"), N_("Expenditure deleted") },
  { LOTSE_TABLE_BUDGET_LINE, budget_line_fields, N_("New Budget Line"), N_("Edit Budget Line"),
    N_("Delete Budget Line"), N_("Budget line added"), N_("Budget line changed"), N_("Budget line deleted") },
  { LOTSE_TABLE_FUND_CALL, fund_call_fields, N_("New Fund Call"), N_("Edit Fund Call"),
    N_("Delete Fund Call"), N_("Fund call added"), N_("Fund call changed"), N_("Fund call deleted") },
  { LOTSE_TABLE_FUNDER_REPORT, funder_report_fields, N_("New Funder Report"), N_("Edit Funder Report"),
    N_("Delete Funder Report"), N_("Funder report added"), N_("Funder report changed"),
    N_("Funder report deleted") },
  { LOTSE_TABLE_PROJECT_PARTNER, partner_fields, NULL, N_("Edit Partner Shares"), NULL, NULL,
    N_("Partner shares changed"), NULL },
};

static const Kind *
lookup_kind (const char *table)
{
  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    if (g_str_equal (kinds[i].table, table))
      return &kinds[i];

  g_return_val_if_reached (NULL);
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
  char        *table;
  char        *id;
  LotseRecord *previous;
  UndoKind     kind;
} Undo;

static void
undo_free (Undo *undo)
{
  g_clear_object (&undo->store);
  g_clear_object (&undo->previous);
  g_free (undo->table);
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
    ok = lotse_store_delete (undo->store, undo->table, undo->id, &error);
  else if (undo->kind == UNDO_DELETE)
    ok = lotse_store_undelete (undo->store, undo->table, undo->id, &error);
  else
    ok = lotse_store_update (undo->store, undo->previous, &error);

  if (!ok)
    g_warning ("Cannot undo: %s", error->message);
}

static void
toast_with_undo (GtkWidget   *widget,
                 LotseStore  *store,
                 const char  *message,
                 const char  *table,
                 const char  *id,
                 LotseRecord *previous,
                 UndoKind     kind)
{
  AdwToast *toast = adw_toast_new (message);
  Undo *undo = g_new0 (Undo, 1);

  undo->store = g_object_ref (store);
  undo->table = g_strdup (table);
  undo->id = g_strdup (id);
  undo->previous = previous != NULL ? lotse_record_copy (previous) : NULL;
  undo->kind = kind;
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  g_signal_connect_data (toast, "button-clicked", G_CALLBACK (on_undo_clicked), undo,
                         (GClosureNotify) G_CALLBACK (undo_free), 0);
  lotse_widget_add_toast (widget, toast);
}

/**
 * lotse_finance_added:
 * @widget: the page
 * @store: the store @record was inserted into
 * @record: the record as stored
 * @message: (nullable): the toast's text; %NULL: the table's “… added”
 *
 * Shows that @record was added, with Undo.
 */
void
lotse_finance_added (GtkWidget   *widget,
                     LotseStore  *store,
                     LotseRecord *record,
                     const char  *message)
{
  const Kind *kind = lookup_kind (lotse_record_get_table_name (record));

  toast_with_undo (widget, store, message != NULL ? message : _(kind->added), kind->table,
                   lotse_record_get_id (record), NULL, UNDO_ADD);
}

typedef struct
{
  GtkWidget   *widget;
  LotseStore  *store;
  LotseRecord *previous;  /* NULL: the dialog adds a record */
} DialogData;

static void
dialog_data_free (gpointer user_data)
{
  DialogData *data = user_data;

  g_clear_object (&data->widget);
  g_clear_object (&data->store);
  g_clear_object (&data->previous);
  g_free (data);
}

static void
dialog_saved (LotseRecord *record,
              gpointer     user_data)
{
  DialogData *data = user_data;
  const Kind *kind = lookup_kind (lotse_record_get_table_name (record));

  if (data->previous == NULL)
    lotse_finance_added (data->widget, data->store, record, NULL);
  else
    toast_with_undo (data->widget, data->store, _(kind->changed), kind->table, lotse_record_get_id (record),
                     data->previous, UNDO_EDIT);
}

static void
open_dialog (GtkWidget   *widget,
             LotseStore  *store,
             LotseRecord *record,
             gboolean     is_new)
{
  const Kind *kind = lookup_kind (lotse_record_get_table_name (record));
  DialogData *data = g_new0 (DialogData, 1);
  AdwMessageDialog *dialog;

  data->widget = g_object_ref (widget);
  data->store = g_object_ref (store);
  data->previous = is_new ? NULL : lotse_record_copy (record);
  dialog = lotse_record_dialog_new (widget, store, record, kind->fields,
                                    is_new ? _(kind->heading) : _(kind->edit),
                                    is_new ? _("_Add") : _("_Save"), dialog_saved, data);
  g_object_set_data_full (G_OBJECT (dialog), "lotse-finance-dialog", data, dialog_data_free);
}

/**
 * lotse_finance_add_record:
 * @widget: the page
 * @store: a store
 * @table: a fund call's or funder report's table
 * @project_id: the project it belongs to
 *
 * Opens the dialog that adds one, with today's date where one is due.
 */
void
lotse_finance_add_record (GtkWidget  *widget,
                          LotseStore *store,
                          const char *table,
                          const char *project_id)
{
  g_autoptr(LotseRecord) record = lotse_record_new_for_table (table);
  g_autofree char *today = lotse_monitor_today ();

  if (g_str_equal (table, LOTSE_TABLE_FUND_CALL))
    {
      lotse_record_set (record, LOTSE_FUND_CALL_PROJECT_ID, project_id);
      lotse_record_set (record, LOTSE_FUND_CALL_REQUESTED_DATE, today);
    }
  else
    lotse_record_set (record, LOTSE_FUNDER_REPORT_PROJECT_ID, project_id);
  open_dialog (widget, store, record, TRUE);
}

void
lotse_finance_edit_record (GtkWidget  *widget,
                           LotseStore *store,
                           const char *table,
                           const char *id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LotseRecord) record = lotse_store_get (store, table, id, &error);

  if (record == NULL)
    lotse_widget_show_toast (widget, error->message);
  else
    open_dialog (widget, store, record, FALSE);
}

void
lotse_finance_delete_record (GtkWidget  *widget,
                             LotseStore *store,
                             const char *table,
                             const char *id)
{
  const Kind *kind = lookup_kind (table);
  g_autoptr(GError) error = NULL;

  g_return_if_fail (kind->deleted != NULL);

  if (!lotse_store_delete (store, table, id, &error))
    lotse_widget_show_toast (widget, error->message);
  else
    toast_with_undo (widget, store, _(kind->deleted), table, id, NULL, UNDO_DELETE);
}

/* The rows */

static gboolean
query_tooltip (GtkWidget  *button,
               int         x,
               int         y,
               gboolean    keyboard,
               GtkTooltip *tooltip,
               const char *text)
{
  gtk_tooltip_set_text (tooltip, text);

  return TRUE;
}

/* @tooltip is a translated string, which lives as long as the process.
 * It is given when asked for: gtk_widget_set_tooltip_text() asks the
 * display where the pointer is, on X11 a round trip to the server for
 * each of the page's buttons (3 ms of CPU for the 40 of a page, and
 * the wait for the server on a loaded machine). */
static GtkWidget *
icon_button_new (const char  *icon_name,
                 const char  *tooltip,
                 const char  *action_name,
                 LotseRecord *record)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon_name);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_has_tooltip (button, TRUE);
  g_signal_connect (button, "query-tooltip", G_CALLBACK (query_tooltip), (gpointer) tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, tooltip,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, tooltip, -1);
  gtk_widget_add_css_class (button, "flat");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "(ss)", lotse_record_get_table_name (record),
                                    lotse_record_get_id (record));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action_name);

  return button;
}

static char *
money_of (LotseRecord *record,
          const char  *field)
{
  const char *cents = lotse_record_get (record, field);

  return cents != NULL ? lotse_format_money (cents) : NULL;
}

static const char *
label_of (LotseRecord *record,
          const char  *field)
{
  return lotse_enum_value_label (lotse_record_get_table_name (record), field, lotse_record_get (record, field));
}

/* Title, subtitle and amount of an expenditure's row. */
static void
describe_expenditure (LotseStore  *store,
                      LotseRecord *record,
                      char       **title,
                      char       **subtitle,
                      char       **amount)
{
  const char *description = lotse_record_get (record, LOTSE_EXPENDITURE_DESCRIPTION);
  g_autofree char *date = lotse_format_date (lotse_record_get (record, LOTSE_EXPENDITURE_DATE));
  g_autofree char *category = lotse_finance_category_label (store, lotse_record_get (record, LOTSE_EXPENDITURE_CATEGORY));

  *subtitle = g_strjoin (" · ", date, category, lotse_record_get (record, LOTSE_EXPENDITURE_VOUCHER), NULL);
  *title = g_strdup (description != NULL ? description : category);
  *amount = money_of (record, LOTSE_EXPENDITURE_AMOUNT_CENTS);
}

static char *
organisation_of (LotseStore *store,
                 const char *partner_id)
{
  g_autoptr(LotseRecord) partner = NULL;
  g_autoptr(LotseRecord) organisation = NULL;

  if (partner_id == NULL)
    return NULL;
  partner = lotse_store_get (store, LOTSE_TABLE_PROJECT_PARTNER, partner_id, NULL);
  if (partner != NULL)
    organisation = lotse_store_get (store, LOTSE_TABLE_ORGANISATION,
                                    lotse_record_get (partner, LOTSE_PROJECT_PARTNER_ORGANISATION_ID), NULL);

  return g_strdup (organisation != NULL ? lotse_record_get_title (organisation) : _("Unknown organisation"));
}

static void
describe_budget_line (LotseStore  *store,
                      LotseRecord *record,
                      char       **title,
                      char       **subtitle,
                      char       **amount)
{
  g_autofree char *category = lotse_finance_category_label (store, lotse_record_get (record, LOTSE_BUDGET_LINE_CATEGORY));

  /* Translators: a cost category and a year, e.g. “Travel 2026” */
  *title = g_strdup_printf (C_("budget line", "%s %s"), category, lotse_record_get (record, LOTSE_BUDGET_LINE_YEAR));
  *subtitle = organisation_of (store, lotse_record_get (record, LOTSE_BUDGET_LINE_PARTNER_ID));
  *amount = money_of (record, LOTSE_BUDGET_LINE_PLANNED_CENTS);
}

static void
describe_fund_call (LotseRecord *record,
                    char       **title,
                    char       **subtitle,
                    char       **amount)
{
  g_autofree char *requested = lotse_format_date (lotse_record_get (record, LOTSE_FUND_CALL_REQUESTED_DATE));
  g_autofree char *received = lotse_format_date (lotse_record_get (record, LOTSE_FUND_CALL_RECEIVED_DATE));
  g_autofree char *from = lotse_format_date (lotse_record_get (record, LOTSE_FUND_CALL_PERIOD_START));
  g_autofree char *until = lotse_format_date (lotse_record_get (record, LOTSE_FUND_CALL_PERIOD_END));
  g_autofree char *period = NULL;
  g_autofree char *received_on = NULL;

  /* Translators: when a fund call was requested, a date */
  *title = g_strdup_printf (_("Requested on %s"), requested);
  if (from != NULL || until != NULL)
    /* Translators: the period a fund call covers, two dates */
    period = g_strdup_printf (_("for %s – %s"), from != NULL ? from : "…", until != NULL ? until : "…");
  if (received != NULL)
    /* Translators: when the money of a fund call arrived, a date */
    received_on = g_strdup_printf (_("received on %s"), received);
  *subtitle = g_strjoin (" · ", label_of (record, LOTSE_FUND_CALL_STATUS), period != NULL ? period : "",
                         received_on, NULL);
  *amount = money_of (record, LOTSE_FUND_CALL_AMOUNT_CENTS);
}

static void
describe_funder_report (LotseRecord *record,
                        char       **title,
                        char       **subtitle,
                        char       **amount)
{
  const char *name = lotse_record_get (record, LOTSE_FUNDER_REPORT_TITLE);
  g_autofree char *due = lotse_format_date (lotse_record_get (record, LOTSE_FUNDER_REPORT_DUE_DATE));
  /* Translators: when a statement is due at the funder, a date */
  g_autofree char *due_on = g_strdup_printf (_("due on %s"), due);

  *title = g_strdup (name != NULL ? name : label_of (record, LOTSE_FUNDER_REPORT_KIND));
  *subtitle = g_strjoin (" · ", due_on, label_of (record, LOTSE_FUNDER_REPORT_STATUS),
                         name != NULL ? label_of (record, LOTSE_FUNDER_REPORT_KIND) : NULL, NULL);
  *amount = NULL;
}

static void
describe_partner (LotseStore  *store,
                  LotseRecord *record,
                  char       **title,
                  char       **subtitle,
                  char       **amount)
{
  g_autoptr(LotseRecord) organisation = lotse_store_get (store, LOTSE_TABLE_ORGANISATION,
                                                         lotse_record_get (record, LOTSE_PROJECT_PARTNER_ORGANISATION_ID),
                                                         NULL);
  g_autofree char *eligible = money_of (record, LOTSE_PROJECT_PARTNER_ELIGIBLE_SHARE_CENTS);
  g_autofree char *grant = money_of (record, LOTSE_PROJECT_PARTNER_GRANT_SHARE_CENTS);

  *title = g_strdup (organisation != NULL ? lotse_record_get_title (organisation) : _("Unknown organisation"));
  /* Translators: a partner's shares of the eligible costs and of the grant, amounts of money */
  *subtitle = g_strdup_printf (_("Eligible costs %s · grant %s"), eligible != NULL ? eligible : "–",
                               grant != NULL ? grant : "–");
  *amount = NULL;
}

/**
 * lotse_finance_record_row_new:
 * @store: a store, for labels
 * @record: an expenditure, budget line, fund call, funder report or partner
 *
 * Returns: (transfer floating): its #LotseFinanceRow, with an edit and
 *   (but for a partner) a delete button
 */
GtkWidget *
lotse_finance_record_row_new (LotseStore  *store,
                              LotseRecord *record)
{
  const char *table = lotse_record_get_table_name (record);
  const Kind *kind = lookup_kind (table);
  LotseFinanceRow *row;
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;
  g_autofree char *amount = NULL;

  if (g_str_equal (table, LOTSE_TABLE_EXPENDITURE))
    describe_expenditure (store, record, &title, &subtitle, &amount);
  else if (g_str_equal (table, LOTSE_TABLE_BUDGET_LINE))
    describe_budget_line (store, record, &title, &subtitle, &amount);
  else if (g_str_equal (table, LOTSE_TABLE_FUND_CALL))
    describe_fund_call (record, &title, &subtitle, &amount);
  else if (g_str_equal (table, LOTSE_TABLE_FUNDER_REPORT))
    describe_funder_report (record, &title, &subtitle, &amount);
  else
    describe_partner (store, record, &title, &subtitle, &amount);

  row = LOTSE_FINANCE_ROW (lotse_finance_row_new (title, subtitle));
  if (amount != NULL)
    {
      GtkWidget *label = gtk_label_new (amount);

      gtk_widget_add_css_class (label, "numeric");
      lotse_finance_row_add_suffix (row, label);
    }
  lotse_finance_row_add_suffix (row, icon_button_new ("document-edit-symbolic", _(kind->edit), "finance.edit", record));
  if (kind->remove != NULL)
    lotse_finance_row_add_suffix (row, icon_button_new ("user-trash-symbolic", _(kind->remove), "finance.delete", record));

  return GTK_WIDGET (row);
}

/**
 * lotse_finance_fill_list:
 * @list: a boxed list
 * @store: a store, for labels
 * @records: what it lists now
 *
 * Replaces the rows of @list; an empty list is hidden.
 */
void
lotse_finance_fill_list (GtkListBox *list,
                         LotseStore *store,
                         GPtrArray  *records)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))) != NULL)
    gtk_list_box_remove (list, child);
  for (guint i = 0; i < records->len; i++)
    gtk_list_box_append (list, lotse_finance_record_row_new (store, g_ptr_array_index (records, i)));
  gtk_widget_set_visible (GTK_WIDGET (list), records->len > 0);
}
