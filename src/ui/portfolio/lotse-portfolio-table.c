/* lotse-portfolio-table.c: the portfolio as a sortable table
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One row per project with its programme, status, traffic light, next
 * milestone, overdue milestones and lead organisation. The rows come from
 * lotse_project_query_table(), read on a worker thread over a connection
 * of its own whenever the filters or the store change (not while the table
 * is hidden); the search text filters them in memory, as in the list.
 *
 * Every column sorts (click its header, or the table menu's Sort By for
 * the keyboard): text by collation keys made with g_utf8_collate_key() on
 * the worker thread, so the order is the reader's ("Ökoprojekt" beside
 * "Offene Daten", not after "Z"); status and traffic light by their order
 * of meaning; counts and dates as numbers and dates. Columns can be hidden
 * and dragged into another order. Export and print take exactly what the
 * table shows: its visible columns in their order and its rows in its
 * order, as the texts of the cells (lotse_portfolio_table_dup_cell()).
 */

#define G_LOG_DOMAIN "lotse-portfolio-table"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "lotse-finance-page.h"
#include "lotse-portfolio-cell.h"
#include "lotse-portfolio-table.h"
#include "lotse-portfolio-table-item.h"
#include "lotse-output.h"
#include "lotse-print.h"
#include "lotse-widget-util.h"

#define COLUMN_KEY "lotse-column"

/* The table */

struct _LotsePortfolioTable
{
  GtkWidget            parent_instance;

  GtkLabel            *count_label;
  GtkLabel            *totals_label;
  GtkMenuButton       *menu_button;
  GtkStack            *stack;
  GtkColumnView       *column_view;
  GMenu               *sort_section;
  GMenu               *columns_section;

  GtkColumnViewColumn *columns[LOTSE_PORTFOLIO_N_COLUMNS];
  GListStore          *items;
  GtkCustomFilter     *filter;
  GtkFilterListModel  *filtered;
  GtkSortListModel    *sorted;

  LotseStore          *store;
  GSettings           *settings;       /* the finance tolerance */
  LotseProjectQuery   *query;          /* the filters of the rows read */
  LotseProjectQuery   *loaded_query;   /* NULL: read again when shown */
  char                *needle;         /* the search text, folded */
  char                *description;    /* the filters in words */
  GCancellable        *cancellable;
  guint                reload_id;
  LotsePortfolioColumn               sort_column;     /* of the menu's Sort By */
  gboolean             sort_descending;
  gboolean             loading;
  int                  programme_width; /* set by fit_programme_column() */
};

G_DEFINE_FINAL_TYPE (LotsePortfolioTable, lotse_portfolio_table, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_LOADING,
  N_PROPS
};

enum {
  PROJECT_ACTIVATED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
update_count (LotsePortfolioTable *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->filtered));
  g_autofree char *text = NULL;

  if (self->loading && g_list_model_get_n_items (G_LIST_MODEL (self->items)) == 0)
    {
      gtk_label_set_text (self->count_label, _("Loading…"));
      return;
    }

  text = g_strdup_printf (ngettext ("%u project", "%u projects", n), n);
  gtk_label_set_text (self->count_label, text);
  gtk_stack_set_visible_child_name (self->stack, n > 0 || self->loading ? "table" : "empty");
}

static void
set_loading (LotsePortfolioTable *self,
             gboolean             loading)
{
  if (self->loading == loading)
    return;

  self->loading = loading;
  update_count (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

/* Loading */

typedef struct
{
  LotseProjectQuery    *query;
  char                 *today;
  LotseFinanceSettings  finance;
} LoadRequest;

static void
load_request_free (LoadRequest *request)
{
  lotse_project_query_free (request->query);
  g_free (request->today);
  g_free (request);
}

typedef struct
{
  GPtrArray        *items;
  LotseFinanceSums  sums;
  gboolean          programme;  /* the sums are one programme's */
} LoadResult;

static void
load_result_free (LoadResult *result)
{
  g_ptr_array_unref (result->items);
  g_free (result);
}

/* On a worker thread, with the store's reader. */
static gpointer
load_query (LotseStore  *store,
            gpointer     data,
            GError     **error)
{
  LoadRequest *request = data;
  g_autofree LoadResult *result = g_new0 (LoadResult, 1);

  result->items = lotse_portfolio_table_items_read (store, request->query, request->today, &request->finance,
                                                    &result->sums, error);
  if (result->items == NULL)
    return NULL;
  result->programme = request->query->programme_id != NULL;

  return g_steal_pointer (&result);
}

static char *
money (gint64 cents)
{
  g_autofree char *text = g_strdup_printf ("%" G_GINT64_FORMAT, cents);

  return lotse_format_money (text);
}

/* The programme's money in one line, the figures of its row in the
 * programme finance overview; hidden when no project has any. */
static void
show_totals (LotsePortfolioTable    *self,
             const LotseFinanceSums *sums,
             gboolean                programme)
{
  g_autofree char *grant = money (sums->grant_cents);
  g_autofree char *planned = money (sums->planned_cents);
  g_autofree char *spent = money (sums->spent_cents);
  g_autofree char *remaining = money (sums->planned_cents - sums->spent_cents);
  g_autofree char *called = money (sums->called_cents);
  g_autofree char *received = money (sums->received_cents);
  g_autofree char *text = NULL;

  gtk_widget_set_visible (GTK_WIDGET (self->totals_label),
                          sums->grant_cents != 0 || sums->planned_cents != 0 || sums->spent_cents != 0 ||
                          sums->called_cents != 0);
  if (programme)
    /* Translators: the money of the programme filtered for, above the portfolio table */
    text = g_strdup_printf (_("Programme total: grant %s, planned %s, spent %s, remaining %s, "
                              "funds called %s, received %s"),
                            grant, planned, spent, remaining, called, received);
  else
    /* Translators: the money of all projects, above the portfolio table */
    text = g_strdup_printf (_("All programmes: grant %s, planned %s, spent %s, remaining %s, "
                              "funds called %s, received %s"),
                            grant, planned, spent, remaining, called, received);
  gtk_label_set_text (self->totals_label, text);
}

/* The programme column as wide as its longest name (a portfolio has a
 * handful of programmes), so that "SMART REGION Emscher-Lippe" is never
 * cut in a German window of 1280 px; up to 480 px. Columns shared what
 * was left alike, and the programmes' short names lost to long titles. A
 * width the user dragged stays. */
#define PROGRAMME_CELL_PADDING 24
#define PROGRAMME_MAX_WIDTH 480

static void
fit_programme_column (LotsePortfolioTable *self,
                      GPtrArray           *items)
{
  GtkColumnViewColumn *column = self->columns[LOTSE_PORTFOLIO_COLUMN_PROGRAMME];
  g_autoptr(GHashTable) names = g_hash_table_new (g_str_hash, g_str_equal);
  GHashTableIter iter;
  gpointer name;
  int width = 0;

  if (gtk_column_view_column_get_fixed_width (column) != self->programme_width)
    return;

  for (guint i = 0; i < items->len; i++)
    {
      const LotseProjectTableRow *row = lotse_portfolio_table_item_get_row (g_ptr_array_index (items, i));

      if (row->programme != NULL)
        g_hash_table_add (names, row->programme);
    }

  g_hash_table_iter_init (&iter, names);
  while (g_hash_table_iter_next (&iter, &name, NULL))
    {
      g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (GTK_WIDGET (self->column_view), name);
      int text_width;

      pango_layout_get_pixel_size (layout, &text_width, NULL);
      width = MAX (width, text_width + PROGRAMME_CELL_PADDING);
    }

  self->programme_width = width > 0 ? MIN (width, PROGRAMME_MAX_WIDTH) : -1;
  gtk_column_view_column_set_fixed_width (column, self->programme_width);
}

static void
load_ready (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(LotsePortfolioTable) self = user_data;
  LoadResult *loaded;
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GError) error = NULL;

  loaded = lotse_store_reader_run_finish (LOTSE_STORE_READER (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (loaded == NULL)
    {
      g_warning ("Could not read the projects: %s", error->message);
      items = g_ptr_array_new ();
      gtk_widget_set_visible (GTK_WIDGET (self->totals_label), FALSE);
    }
  else
    {
      items = g_ptr_array_ref (loaded->items);
      show_totals (self, &loaded->sums, loaded->programme);
      load_result_free (loaded);
    }

  fit_programme_column (self, items);
  g_list_store_splice (self->items, 0, g_list_model_get_n_items (G_LIST_MODEL (self->items)),
                       items->pdata, items->len);
  set_loading (self, FALSE);
  update_count (self);
}

static void
load (LotsePortfolioTable *self)
{
  LoadRequest *request;

  g_clear_handle_id (&self->reload_id, g_source_remove);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->loaded_query, lotse_project_query_free);

  if (self->store == NULL)
    {
      g_list_store_remove_all (self->items);
      set_loading (self, FALSE);
      update_count (self);
      return;
    }

  request = g_new0 (LoadRequest, 1);
  request->query = lotse_project_query_copy (self->query);
  request->today = lotse_monitor_today ();
  lotse_finance_page_read_settings (self->settings, &request->finance);
  self->loaded_query = lotse_project_query_copy (self->query);
  self->cancellable = g_cancellable_new ();
  set_loading (self, TRUE);

  lotse_store_reader_run_async (lotse_store_get_reader (self->store), load_query, request,
                                (GDestroyNotify) load_request_free,
                                (GDestroyNotify) load_result_free, self->cancellable,
                                load_ready, g_object_ref (self));
}

/* Reads the rows if the filters changed since, and only while shown. */
static void
load_if_needed (LotsePortfolioTable *self)
{
  if (!gtk_widget_get_mapped (GTK_WIDGET (self)))
    return;

  if (self->loaded_query == NULL || !lotse_project_query_equal (self->loaded_query, self->query))
    load (self);
}

static gboolean
reload_timeout (gpointer data)
{
  LotsePortfolioTable *self = data;

  self->reload_id = 0;
  g_clear_pointer (&self->loaded_query, lotse_project_query_free);
  load_if_needed (self);

  return G_SOURCE_REMOVE;
}

static void
on_store_changed (LotsePortfolioTable *self,
                  const char          *table)
{
  static const char * const shown[] = { LOTSE_TABLE_PROJECT, LOTSE_TABLE_MILESTONE, LOTSE_TABLE_PROGRAMME,
                                        LOTSE_TABLE_ORGANISATION, LOTSE_TABLE_BUDGET_LINE,
                                        LOTSE_TABLE_EXPENDITURE, LOTSE_TABLE_FUND_CALL };
  gboolean relevant = table == NULL;

  for (guint i = 0; !relevant && i < G_N_ELEMENTS (shown); i++)
    relevant = g_str_equal (table, shown[i]);
  if (!relevant)
    return;

  /* A burst of writes (a sync, an import) reads once. */
  g_clear_pointer (&self->loaded_query, lotse_project_query_free);
  if (self->reload_id == 0)
    self->reload_id = g_timeout_add (150, reload_timeout, self);
}

static void
on_tolerance_changed (LotsePortfolioTable *self)
{
  g_clear_pointer (&self->loaded_query, lotse_project_query_free);
  load_if_needed (self);
}

static gboolean
match_item (gpointer item,
            gpointer user_data)
{
  LotsePortfolioTable *self = user_data;

  return self->needle == NULL || *self->needle == '\0' ||
         strstr (lotse_portfolio_table_item_get_row (item)->key, self->needle) != NULL;
}

/* Cells */

static LotsePortfolioColumn
factory_column (GtkListItemFactory *factory)
{
  return GPOINTER_TO_INT (g_object_get_data (G_OBJECT (factory), COLUMN_KEY));
}

static void
setup_cell (GtkSignalListItemFactory *factory,
            GtkListItem              *list_item,
            gpointer                  user_data)
{
  gtk_list_item_set_child (list_item, lotse_portfolio_cell_new (factory_column (GTK_LIST_ITEM_FACTORY (factory))));
}

static void
bind_cell (GtkSignalListItemFactory *factory,
           GtkListItem              *list_item,
           gpointer                  user_data)
{
  lotse_portfolio_cell_bind (LOTSE_PORTFOLIO_CELL (gtk_list_item_get_child (list_item)),
                             gtk_list_item_get_item (list_item));
}

static GtkColumnViewColumn *
column_new (LotsePortfolioColumn column)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
  g_autoptr(GtkSorter) sorter = NULL;
  g_autofree char *rank = NULL;
  GtkColumnViewColumn *view_column;

  g_object_set_data (G_OBJECT (factory), COLUMN_KEY, GINT_TO_POINTER (column));
  g_signal_connect (factory, "setup", G_CALLBACK (setup_cell), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_cell), NULL);

  view_column = gtk_column_view_column_new (lotse_portfolio_column_title (column), g_steal_pointer (&factory));
  rank = g_strdup_printf ("%s-rank", lotse_portfolio_column_id (column));
  sorter = GTK_SORTER (gtk_numeric_sorter_new (gtk_property_expression_new (LOTSE_TYPE_PORTFOLIO_TABLE_ITEM,
                                                                            NULL, rank)));
  gtk_column_view_column_set_sorter (view_column, sorter);
  gtk_column_view_column_set_resizable (view_column, TRUE);
  gtk_column_view_column_set_expand (view_column, column == LOTSE_PORTFOLIO_COLUMN_PROJECT || column == LOTSE_PORTFOLIO_COLUMN_NEXT);
  g_object_set_data (G_OBJECT (view_column), COLUMN_KEY, GINT_TO_POINTER (column));

  return view_column;
}

/* What is shown */

/**
 * lotse_portfolio_table_dup_cell:
 * @self: a table
 * @position: a row of lotse_portfolio_table_get_rows()
 * @column: a column of the table
 *
 * Returns: (transfer full) (nullable): the text the cell shows
 */
char *
lotse_portfolio_table_dup_cell (LotsePortfolioTable *self,
                                guint                position,
                                GtkColumnViewColumn *column)
{
  g_autoptr(LotsePortfolioTableItem) item = NULL;

  g_return_val_if_fail (LOTSE_IS_PORTFOLIO_TABLE (self), NULL);
  g_return_val_if_fail (GTK_IS_COLUMN_VIEW_COLUMN (column), NULL);

  item = g_list_model_get_item (G_LIST_MODEL (self->sorted), position);
  if (item == NULL)
    return NULL;

  return lotse_portfolio_table_item_dup_text (item, GPOINTER_TO_INT (g_object_get_data (G_OBJECT (column), COLUMN_KEY)));
}

char *
lotse_portfolio_table_dup_id (LotsePortfolioTable *self,
                              guint                position)
{
  g_autoptr(LotsePortfolioTableItem) item = NULL;

  g_return_val_if_fail (LOTSE_IS_PORTFOLIO_TABLE (self), NULL);

  item = g_list_model_get_item (G_LIST_MODEL (self->sorted), position);

  return item != NULL ? g_strdup (lotse_portfolio_table_item_get_row (item)->id) : NULL;
}

/* The visible columns in the order the table shows them. */
static GPtrArray *
shown_columns (LotsePortfolioTable *self)
{
  GListModel *view_columns = gtk_column_view_get_columns (self->column_view);
  GPtrArray *shown = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < g_list_model_get_n_items (view_columns); i++)
    {
      GtkColumnViewColumn *column = g_list_model_get_item (view_columns, i);

      if (gtk_column_view_column_get_visible (column))
        g_ptr_array_add (shown, column);
      else
        g_object_unref (column);
    }

  return shown;
}

typedef struct
{
  char      *title;
  char      *description;
  GStrv      headers;
  double    *weights;
  gboolean  *numeric;
  GPtrArray *rows;      /* GStrv */
} Snapshot;

void
lotse_portfolio_table_snapshot_free (gpointer data)
{
  Snapshot *snapshot = data;

  g_free (snapshot->title);
  g_free (snapshot->description);
  g_strfreev (snapshot->headers);
  g_free (snapshot->weights);
  g_free (snapshot->numeric);
  g_ptr_array_unref (snapshot->rows);
  g_free (snapshot);
}

/**
 * lotse_portfolio_table_snapshot:
 * @self: a table
 *
 * Returns: (transfer full): the texts of what the table shows, for
 *   lotse_portfolio_table_build_report() on any thread; free with
 *   lotse_portfolio_table_snapshot_free()
 */
gpointer
lotse_portfolio_table_snapshot (LotsePortfolioTable *self)
{
  g_autoptr(GPtrArray) shown = shown_columns (self);
  g_autoptr(GStrvBuilder) headers = g_strv_builder_new ();
  GListModel *rows = G_LIST_MODEL (self->sorted);
  Snapshot *snapshot = g_new0 (Snapshot, 1);

  snapshot->title = g_strdup (_("Portfolio"));
  snapshot->description = g_strdup (self->description);
  snapshot->weights = g_new0 (double, shown->len);
  snapshot->numeric = g_new0 (gboolean, shown->len);
  for (guint c = 0; c < shown->len; c++)
    {
      GtkColumnViewColumn *column = g_ptr_array_index (shown, c);
      LotsePortfolioColumn which = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (column), COLUMN_KEY));

      g_strv_builder_add (headers, gtk_column_view_column_get_title (column));
      snapshot->weights[c] = lotse_portfolio_column_weight (which);
      snapshot->numeric[c] = which == LOTSE_PORTFOLIO_COLUMN_OVERDUE;
    }
  snapshot->headers = g_strv_builder_end (headers);

  snapshot->rows = g_ptr_array_new_full (g_list_model_get_n_items (rows), (GDestroyNotify) g_strfreev);
  for (guint r = 0; r < g_list_model_get_n_items (rows); r++)
    {
      g_autoptr(LotsePortfolioTableItem) item = g_list_model_get_item (rows, r);
      GStrv cells = g_new0 (char *, shown->len + 1);

      for (guint c = 0; c < shown->len; c++)
        cells[c] = lotse_portfolio_table_item_dup_text (item, GPOINTER_TO_INT (g_object_get_data (g_ptr_array_index (shown, c),
                                                                        COLUMN_KEY)));
      g_ptr_array_add (snapshot->rows, cells);
    }

  return snapshot;
}

/**
 * lotse_portfolio_table_build_report:
 * @snapshot: from lotse_portfolio_table_snapshot()
 * @error: a location for a #GError
 *
 * A #LotsePrintBuildFunc: the table as a PDF report.
 *
 * Returns: (transfer full) (nullable): the report
 */
LotseReport *
lotse_portfolio_table_build_report (gpointer   data,
                                    GError   **error)
{
  Snapshot *snapshot = data;
  LotseReportTableOptions options = {
    .title = snapshot->title,
    .description = snapshot->description,
    .n_columns = g_strv_length (snapshot->headers),
    .headers = (const char * const *) snapshot->headers,
    .weights = snapshot->weights,
    .numeric = snapshot->numeric,
    .rows = snapshot->rows,
  };

  return lotse_report_new_table (&options, error);
}

/**
 * lotse_portfolio_table_to_csv:
 * @self: a table
 *
 * Returns: (transfer full): what the table shows as CSV, see
 *   lotse_csv_format_table()
 */
char *
lotse_portfolio_table_to_csv (LotsePortfolioTable *self)
{
  Snapshot *snapshot;
  char *csv;

  g_return_val_if_fail (LOTSE_IS_PORTFOLIO_TABLE (self), NULL);

  snapshot = lotse_portfolio_table_snapshot (self);
  csv = lotse_csv_format_table ((const char * const *) snapshot->headers, snapshot->rows);
  lotse_portfolio_table_snapshot_free (snapshot);

  return csv;
}

gboolean
lotse_portfolio_table_export_csv (LotsePortfolioTable  *self,
                                  GFile                *file,
                                  GError              **error)
{
  g_autofree char *csv = NULL;
  g_autofree char *path = NULL;

  g_return_val_if_fail (LOTSE_IS_PORTFOLIO_TABLE (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  path = lotse_output_path_for_file (file, error);
  if (path == NULL)
    return FALSE;
  csv = lotse_portfolio_table_to_csv (self);

  return lotse_output_write_file (path, csv, strlen (csv), error);
}

/* Actions */

static void
on_csv_chooser_response (GtkNativeDialog     *chooser,
                         int                  response,
                         LotsePortfolioTable *self)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  g_autofree char *name = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  g_object_unref (chooser);
  if (file == NULL)
    return;

  name = g_file_get_basename (file);
  if (lotse_portfolio_table_export_csv (self, file, &error))
    /* Translators: %s is a file name */
    message = g_strdup_printf (_("Saved “%s”"), name);
  else
    /* Translators: %s is the reason */
    message = g_strdup_printf (_("The table could not be saved: %s"), error->message);
  lotse_widget_show_toast (GTK_WIDGET (self), message);
}

static void
export_csv_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  g_autofree char *today = lotse_monitor_today ();
  /* Translators: the start of a file name, without spaces */
  g_autofree char *name = g_strdup_printf ("%s-%s.csv", _("Portfolio"), today);
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  GtkFileChooserNative *chooser;

  chooser = gtk_file_chooser_native_new (_("Export Table as CSV"),
                                         GTK_WINDOW (gtk_widget_get_root (widget)),
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  gtk_file_filter_set_name (filter, _("CSV files"));
  gtk_file_filter_add_mime_type (filter, "text/csv");
  gtk_file_filter_add_suffix (filter, "csv");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  g_signal_connect_object (chooser, "response", G_CALLBACK (on_csv_chooser_response), widget, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
export_pdf_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  lotse_print_export_built (widget, lotse_portfolio_table_build_report,
                            lotse_portfolio_table_snapshot (LOTSE_PORTFOLIO_TABLE (widget)),
                            lotse_portfolio_table_snapshot_free);
}

static void
print_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  lotse_print_print_built (widget, lotse_portfolio_table_build_report,
                           lotse_portfolio_table_snapshot (LOTSE_PORTFOLIO_TABLE (widget)),
                           lotse_portfolio_table_snapshot_free);
}

/* Sort By in the menu: the header's click for the keyboard. The same
 * column again turns the order around. (GTK 4.8 cannot tell which column
 * a click on a header sorted by; the menu remembers its own.) */
static void
sort_by_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  LotsePortfolioTable *self = LOTSE_PORTFOLIO_TABLE (widget);
  const char *id = g_variant_get_string (parameter, NULL);

  for (guint c = 0; c < LOTSE_PORTFOLIO_N_COLUMNS; c++)
    {
      if (!g_str_equal (id, lotse_portfolio_column_id (c)))
        continue;

      self->sort_descending = self->sort_column == (LotsePortfolioColumn) c && !self->sort_descending;
      self->sort_column = c;
      gtk_column_view_sort_by_column (self->column_view, self->columns[c],
                                      self->sort_descending ? GTK_SORT_DESCENDING : GTK_SORT_ASCENDING);
    }
}

static void
on_activate (LotsePortfolioTable *self,
             guint                position)
{
  g_autofree char *id = lotse_portfolio_table_dup_id (self, position);

  if (id != NULL)
    g_signal_emit (self, signals[PROJECT_ACTIVATED], 0, id);
}

static void
build_columns (LotsePortfolioTable *self)
{
  g_autoptr(GSimpleActionGroup) group = g_simple_action_group_new ();

  for (guint c = 0; c < LOTSE_PORTFOLIO_N_COLUMNS; c++)
    {
      g_autofree char *sort_action = g_strdup_printf ("table.sort-by::%s", lotse_portfolio_column_id (c));
      g_autofree char *show_action = g_strdup_printf ("columns.%s", lotse_portfolio_column_id (c));
      g_autoptr(GPropertyAction) visible = NULL;

      self->columns[c] = column_new (c);
      gtk_column_view_append_column (self->column_view, self->columns[c]);
      g_menu_append (self->sort_section, lotse_portfolio_column_title (c), sort_action);

      /* The project names the row: it stays. */
      if (c == LOTSE_PORTFOLIO_COLUMN_PROJECT)
        continue;
      visible = g_property_action_new (lotse_portfolio_column_id (c), self->columns[c], "visible");
      g_action_map_add_action (G_ACTION_MAP (group), G_ACTION (visible));
      g_menu_append (self->columns_section, lotse_portfolio_column_title (c), show_action);
    }
  gtk_widget_insert_action_group (GTK_WIDGET (self), "columns", G_ACTION_GROUP (group));

  gtk_column_view_sort_by_column (self->column_view, self->columns[LOTSE_PORTFOLIO_COLUMN_PROJECT], GTK_SORT_ASCENDING);
}

/* GObject */

static void
lotse_portfolio_table_dispose (GObject *object)
{
  LotsePortfolioTable *self = LOTSE_PORTFOLIO_TABLE (object);
  GtkWidget *child;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_handle_id (&self->reload_id, g_source_remove);
  lotse_portfolio_table_set_store (self, NULL);
  if (self->column_view != NULL)
    gtk_column_view_set_model (self->column_view, NULL);
  g_clear_object (&self->sorted);
  g_clear_object (&self->filtered);
  g_clear_object (&self->items);

  gtk_widget_dispose_template (GTK_WIDGET (self), LOTSE_TYPE_PORTFOLIO_TABLE);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (lotse_portfolio_table_parent_class)->dispose (object);
}

static void
lotse_portfolio_table_finalize (GObject *object)
{
  LotsePortfolioTable *self = LOTSE_PORTFOLIO_TABLE (object);

  g_clear_pointer (&self->query, lotse_project_query_free);
  g_clear_pointer (&self->loaded_query, lotse_project_query_free);
  g_clear_object (&self->settings);
  g_free (self->needle);
  g_free (self->description);

  G_OBJECT_CLASS (lotse_portfolio_table_parent_class)->finalize (object);
}

static void
lotse_portfolio_table_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  LotsePortfolioTable *self = LOTSE_PORTFOLIO_TABLE (object);

  switch (prop_id)
    {
    case PROP_LOADING:
      g_value_set_boolean (value, self->loading);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lotse_portfolio_table_class_init (LotsePortfolioTableClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lotse_portfolio_table_dispose;
  object_class->finalize = lotse_portfolio_table_finalize;
  object_class->get_property = lotse_portfolio_table_get_property;

  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL, FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * LotsePortfolioTable::project-activated:
   * @id: the project's id
   *
   * A row was activated (Enter, or a double click).
   */
  signals[PROJECT_ACTIVATED] =
    g_signal_new ("project-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/app/lotse/Lotse/portfolio/lotse-portfolio-table.ui");
  gtk_widget_class_bind_template_child (widget_class, LotsePortfolioTable, count_label);
  gtk_widget_class_bind_template_child (widget_class, LotsePortfolioTable, totals_label);
  gtk_widget_class_bind_template_child (widget_class, LotsePortfolioTable, menu_button);
  gtk_widget_class_bind_template_child (widget_class, LotsePortfolioTable, stack);
  gtk_widget_class_bind_template_child (widget_class, LotsePortfolioTable, column_view);
  gtk_widget_class_bind_template_child (widget_class, LotsePortfolioTable, sort_section);
  gtk_widget_class_bind_template_child (widget_class, LotsePortfolioTable, columns_section);

  gtk_widget_class_install_action (widget_class, "table.export-csv", NULL, export_csv_action);
  gtk_widget_class_install_action (widget_class, "table.export-pdf", NULL, export_pdf_action);
  gtk_widget_class_install_action (widget_class, "table.print", NULL, print_action);
  gtk_widget_class_install_action (widget_class, "table.sort-by", "s", sort_by_action);

  gtk_widget_class_set_css_name (widget_class, "portfolio-table");
}

static void
lotse_portfolio_table_init (LotsePortfolioTable *self)
{
  g_autoptr(GtkSelectionModel) selection = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->query = lotse_project_query_new ();
  self->programme_width = -1;
  self->settings = g_settings_new (APPLICATION_ID);
  g_signal_connect_object (self->settings, "changed::finance-tolerance", G_CALLBACK (on_tolerance_changed),
                           self, G_CONNECT_SWAPPED);
  self->items = g_list_store_new (LOTSE_TYPE_PORTFOLIO_TABLE_ITEM);
  self->filter = gtk_custom_filter_new (match_item, self, NULL);
  self->filtered = gtk_filter_list_model_new (g_object_ref (G_LIST_MODEL (self->items)),
                                              GTK_FILTER (self->filter));
  build_columns (self);
  self->sorted = gtk_sort_list_model_new (g_object_ref (G_LIST_MODEL (self->filtered)),
                                          g_object_ref (gtk_column_view_get_sorter (self->column_view)));
  selection = GTK_SELECTION_MODEL (gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->sorted))));
  gtk_single_selection_set_autoselect (GTK_SINGLE_SELECTION (selection), FALSE);
  gtk_column_view_set_model (self->column_view, selection);

  g_signal_connect_swapped (self->column_view, "activate", G_CALLBACK (on_activate), self);
  g_signal_connect_swapped (self->filtered, "items-changed", G_CALLBACK (update_count), self);
  g_signal_connect (self, "map", G_CALLBACK (load_if_needed), NULL);
  update_count (self);
}

GtkWidget *
lotse_portfolio_table_new (void)
{
  return g_object_new (LOTSE_TYPE_PORTFOLIO_TABLE, NULL);
}

/**
 * lotse_portfolio_table_set_store:
 * @self: a table
 * @store: (nullable): the store to show
 */
void
lotse_portfolio_table_set_store (LotsePortfolioTable *self,
                                 LotseStore          *store)
{
  g_return_if_fail (LOTSE_IS_PORTFOLIO_TABLE (self));

  if (self->store == store)
    return;

  if (self->store != NULL)
    g_signal_handlers_disconnect_by_func (self->store, on_store_changed, self);
  g_set_object (&self->store, store);
  if (store != NULL)
    g_signal_connect_object (store, "changed", G_CALLBACK (on_store_changed), self,
                             G_CONNECT_SWAPPED);

  g_clear_pointer (&self->loaded_query, lotse_project_query_free);
  g_list_store_remove_all (self->items);
  load_if_needed (self);
}

/**
 * lotse_portfolio_table_set_query:
 * @self: a table
 * @query: the portfolio's filters and search text (its order is ignored:
 *   the table has its own)
 * @description: (nullable): the filters in words, for print and export
 */
void
lotse_portfolio_table_set_query (LotsePortfolioTable     *self,
                                 const LotseProjectQuery *query,
                                 const char              *description)
{
  g_autofree char *trimmed = NULL;
  g_autofree char *needle = NULL;

  g_return_if_fail (LOTSE_IS_PORTFOLIO_TABLE (self));
  g_return_if_fail (query != NULL);

  g_free (self->description);
  self->description = g_strdup (description != NULL && *description != '\0' ? description
                                                                            : _("All projects"));

  lotse_project_query_free (self->query);
  self->query = lotse_project_query_copy (query);
  g_clear_pointer (&self->query->text, g_free);
  self->query->sort = LOTSE_PROJECT_SORT_TITLE;

  trimmed = g_strstrip (g_strdup (query->text != NULL ? query->text : ""));
  needle = lotse_project_fold (trimmed);
  if (g_strcmp0 (needle, self->needle) != 0)
    {
      GtkFilterChange change = GTK_FILTER_CHANGE_DIFFERENT;

      /* Typing on only narrows what shows, deleting only widens it: the
       * filter then looks at the rows shown, or at those hidden. */
      if (self->needle != NULL && strstr (needle, self->needle) != NULL)
        change = GTK_FILTER_CHANGE_MORE_STRICT;
      else if (self->needle != NULL && strstr (self->needle, needle) != NULL)
        change = GTK_FILTER_CHANGE_LESS_STRICT;

      g_free (self->needle);
      self->needle = g_steal_pointer (&needle);
      gtk_filter_changed (GTK_FILTER (self->filter), change);
    }

  load_if_needed (self);
}

gboolean
lotse_portfolio_table_get_loading (LotsePortfolioTable *self)
{
  g_return_val_if_fail (LOTSE_IS_PORTFOLIO_TABLE (self), FALSE);

  return self->loading;
}

GtkColumnView *
lotse_portfolio_table_get_column_view (LotsePortfolioTable *self)
{
  g_return_val_if_fail (LOTSE_IS_PORTFOLIO_TABLE (self), NULL);

  return self->column_view;
}

/**
 * lotse_portfolio_table_get_rows:
 * @self: a table
 *
 * Returns: (transfer none): the rows the table shows, in its order
 */
GListModel *
lotse_portfolio_table_get_rows (LotsePortfolioTable *self)
{
  g_return_val_if_fail (LOTSE_IS_PORTFOLIO_TABLE (self), NULL);

  return G_LIST_MODEL (self->sorted);
}
