/* lotse-monitor-panel.c: milestones overdue or due soon, across the programme
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The panel asks core for one page of the monitor (lotse_monitor_query_page)
 * in a worker thread, on a connection of its own, so the main thread never
 * waits for SQLite. A programme with years of history has thousands of open
 * overdue milestones: the panel shows the first page and the counts of all,
 * and "Show More" appends the next page. Groups (ISO week or project) are
 * header rows in the same flat list, since GTK 4.8's list view has no
 * sections; grouping by project re-sorts what has been loaded.
 */

#define G_LOG_DOMAIN "lotse-monitor-panel"

#include "config.h"

#include <glib/gi18n.h>

#include "lotse-drop-down.h"
#include "lotse-monitor-panel.h"

#define PAGE_SIZE 200

struct _LotseMonitorPanel
{
  GtkWidget      parent_instance;

  GSettings     *settings;
  GPtrArray     *entries;       /* LotseMonitorEntry, in query order */
  GListStore    *rows;          /* LotseMonitorRow */
  GtkStringList *programme_names;
  GPtrArray     *programme_ids; /* parallel to programme_names; [0] = NULL */
  GCancellable  *cancellable;
  LotseMonitorCounts counts;
  char          *programme_id;
  char          *today;
  guint          days;
  guint          reload_source;
  gboolean       by_project;
  gboolean       history;
  gboolean       loading;

  GtkDropDown     *programme_drop_down;
  GtkSpinButton   *days_spin;
  GtkToggleButton *week_toggle;
  GtkToggleButton *project_toggle;
  GtkCheckButton  *history_check;
  GtkLabel        *summary_label;
  GtkStack        *stack;
  GtkListView     *list_view;
  GtkButton       *more_button;
  GtkLabel        *error_label;
};

enum {
  PROP_0,
  PROP_DAYS,
  PROP_BY_PROJECT,
  PROP_PROGRAMME_ID,
  PROP_HISTORY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (LotseMonitorPanel, lotse_monitor_panel, LOTSE_TYPE_PANEL)

typedef struct
{
  char   *today;
  char   *programme_id;
  guint   days;
  guint   offset;
  guint   limit;
  LotseMonitorScope scope;
  LotseMonitorEntry *after;  /* a further page starts after it */
} LoadRequest;

typedef struct
{
  GPtrArray         *entries;
  LotseMonitorCounts counts;
  gboolean           append;   /* a further page */
} LoadResult;

static void
load_request_free (LoadRequest *request)
{
  g_free (request->today);
  g_free (request->programme_id);
  g_clear_pointer (&request->after, lotse_monitor_entry_free);
  g_free (request);
}

static void
load_result_free (LoadResult *result)
{
  g_clear_pointer (&result->entries, g_ptr_array_unref);
  g_free (result);
}

/* On a worker thread, with the store's reader: a read sees only
 * committed data. */
static gpointer
load_query (LotseStore  *store,
            gpointer     data,
            GError     **error)
{
  LoadRequest *request = data;
  LoadResult *result;

  result = g_new0 (LoadResult, 1);
  result->append = request->offset > 0;
  if (request->after != NULL)
    result->entries = lotse_monitor_query_after (store, request->today, request->days,
                                                 request->programme_id, request->scope,
                                                 request->after,
                                                 request->limit, error);
  else
    result->entries = lotse_monitor_query_page (store, request->today, request->days,
                                              request->programme_id, request->scope,
                                              request->offset,
                                              request->limit,
                                              /* a further page keeps the counts of the first */
                                              request->offset == 0 ? &result->counts : NULL,
                                              error);
  if (result->entries == NULL)
    g_clear_pointer (&result, load_result_free);

  return result;
}

/* "Week 48, 2026 · 23 Nov – 29 Nov": the ISO week of @due_date, with its
 * Monday and Sunday, so that nobody has to count weeks. */
static char *
week_title (const char *key,
            const char *due_date)
{
  g_autoptr(GDateTime) due = NULL;
  g_autoptr(GDateTime) monday = NULL;
  g_autoptr(GDateTime) sunday = NULL;
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  guint year = 0, week = 0;
  guint y = 0, m = 0, d = 0;

  if (sscanf (key, "%u-W%u", &year, &week) != 2)
    return g_strdup (key);

  if (!lotse_parse_iso_date (due_date, &y, &m, &d) ||
      (due = g_date_time_new_utc (y, m, d, 0, 0, 0)) == NULL)
    /* Translators: a group of milestones by the ISO week of their due date */
    return g_strdup_printf (_("Week %u, %u"), week, year);

  monday = g_date_time_add_days (due, 1 - g_date_time_get_day_of_week (due));
  sunday = g_date_time_add_days (monday, 6);
  /* Translators: a day and month in a week's heading, see
   * g_date_time_format(); "%-d" is the day without padding, e.g. "23 Nov" */
  from = g_date_time_format (monday, _("%-d %b"));
  to = g_date_time_format (sunday, _("%-d %b"));

  /* Translators: a group of milestones by the ISO week of their due date,
   * with the week's Monday and Sunday, e.g. "Week 48, 2026 · 23 Nov – 29 Nov" */
  return g_strdup_printf (_("Week %u, %u · %s – %s"), week, year, from, to);
}

static char *
project_title (const LotseMonitorEntry *entry)
{
  if (entry->project_acronym != NULL && *entry->project_acronym != '\0')
    /* Translators: a project's title and acronym as a group heading */
    return g_strdup_printf (_("%s (%s)"), entry->project_title, entry->project_acronym);

  return g_strdup (entry->project_title);
}

static int
compare_by_project (gconstpointer a,
                    gconstpointer b)
{
  const LotseMonitorEntry *x = *(const LotseMonitorEntry * const *) a;
  const LotseMonitorEntry *y = *(const LotseMonitorEntry * const *) b;
  int cmp;

  if ((cmp = g_utf8_collate (x->project_title ? x->project_title : "",
                             y->project_title ? y->project_title : "")) != 0)
    return cmp;
  if ((cmp = g_strcmp0 (x->project_id, y->project_id)) != 0)
    return cmp;
  return g_strcmp0 (x->due_date, y->due_date);
}

static void
rebuild_rows (LotseMonitorPanel *self)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) order = g_ptr_array_new ();
  LotseMonitorGroup group = self->by_project ? LOTSE_MONITOR_GROUP_PROJECT : LOTSE_MONITOR_GROUP_WEEK;
  g_autofree char *last_key = NULL;

  for (guint i = 0; i < self->entries->len; i++)
    g_ptr_array_add (order, g_ptr_array_index (self->entries, i));
  if (self->by_project)
    g_ptr_array_sort (order, compare_by_project);

  for (guint i = 0; i < order->len; i++)
    {
      const LotseMonitorEntry *entry = g_ptr_array_index (order, i);
      g_autofree char *key = lotse_monitor_group_key (entry, group);

      if (g_strcmp0 (key, last_key) != 0)
        {
          g_autofree char *title = self->by_project ? project_title (entry)
                                                    : week_title (key, entry->due_date);

          g_ptr_array_add (rows, lotse_monitor_row_new_header (title, self->by_project ? entry->project_id : NULL));
          g_free (last_key);
          last_key = g_steal_pointer (&key);
        }

      g_ptr_array_add (rows, lotse_monitor_row_new_entry (entry));
    }

  g_list_store_splice (self->rows, 0, g_list_model_get_n_items (G_LIST_MODEL (self->rows)),
                       rows->pdata, rows->len);
}

static void
update_summary (LotseMonitorPanel *self)
{
  g_autofree char *overdue = NULL;
  g_autofree char *summary = NULL;
  guint due_soon = self->counts.total - self->counts.overdue - self->counts.closed;

  gtk_widget_set_visible (GTK_WIDGET (self->more_button),
                          !self->loading && self->entries->len < self->counts.total);

  if (self->loading && self->entries->len == 0)
    {
      gtk_label_set_text (self->summary_label, _("Loading…"));
      return;
    }

  overdue = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u overdue", "%u overdue",
                                          self->counts.overdue), self->counts.overdue);
  /* Translators: "%s" is e.g. "3 overdue"; the second number counts the
   * milestones due within the chosen days */
  summary = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s, %u due soon", "%s, %u due soon",
                                          due_soon), overdue, due_soon);
  if (self->counts.closed > 0)
    {
      g_autofree char *counts = g_steal_pointer (&summary);

      /* Translators: "%s" is e.g. "3 overdue, 2 due soon"; the number
       * counts the milestones that completed or cancelled projects left open */
      summary = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s, %u of closed projects",
                                              "%s, %u of closed projects", self->counts.closed),
                                 counts, self->counts.closed);
    }
  gtk_label_set_text (self->summary_label, summary);

  if (self->entries->len < self->counts.total)
    {
      g_autofree char *label = g_strdup_printf (_("Show More (%u of %u Shown)"),
                                                self->entries->len, self->counts.total);

      gtk_button_set_label (self->more_button, label);
    }
}

static void
load_ready (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(LotseMonitorPanel) self = user_data;
  g_autoptr(GError) error = NULL;
  LoadResult *loaded;
  gboolean append;

  loaded = lotse_store_reader_run_finish (LOTSE_STORE_READER (object), result, &error);
  if (loaded == NULL && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  append = loaded != NULL && loaded->append;
  self->loading = FALSE;

  if (loaded == NULL)
    {
      gtk_label_set_text (self->error_label, error->message);
      gtk_stack_set_visible_child_name (self->stack, "error");
      gtk_label_set_text (self->summary_label, "");
      return;
    }

  if (!append)
    g_ptr_array_set_size (self->entries, 0);
  for (guint i = 0; i < loaded->entries->len; i++)
    g_ptr_array_add (self->entries, g_steal_pointer (&g_ptr_array_index (loaded->entries, i)));
  g_ptr_array_set_free_func (loaded->entries, NULL);
  if (!append)
    self->counts = loaded->counts;
  /* Rows that went away between the count and the page: the end is here. */
  if (loaded->entries->len == 0 && append)
    self->counts.total = self->entries->len;
  load_result_free (loaded);

  rebuild_rows (self);
  update_summary (self);
  gtk_stack_set_visible_child_name (self->stack, self->entries->len > 0 ? "list" : "empty");
}

static void
start_load (LotseMonitorPanel *self,
            guint              offset,
            guint              limit)
{
  LotseStore *store = lotse_panel_get_store (LOTSE_PANEL (self));
  LoadRequest *request;

  /* Not shown yet: the days, programme or today set meanwhile count once
   * it is. */
  if (!lotse_panel_get_loaded (LOTSE_PANEL (self)))
    return;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);

  if (store == NULL)
    {
      g_ptr_array_set_size (self->entries, 0);
      g_list_store_remove_all (self->rows);
      self->counts = (LotseMonitorCounts) { 0, };
      self->loading = FALSE;
      gtk_stack_set_visible_child_name (self->stack, "empty");
      update_summary (self);
      return;
    }

  self->cancellable = g_cancellable_new ();
  self->loading = TRUE;

  request = g_new0 (LoadRequest, 1);
  request->today = g_strdup (self->today);
  request->programme_id = g_strdup (self->programme_id);
  request->days = self->days;
  request->scope = self->history ? LOTSE_MONITOR_SCOPE_HISTORY : LOTSE_MONITOR_SCOPE_CURRENT;
  request->offset = offset;
  request->limit = limit;
  /* "Show More" reads on from the last entry rather than counting rows */
  if (offset > 0 && offset == self->entries->len)
    request->after = lotse_monitor_entry_copy (g_ptr_array_index (self->entries, offset - 1));

  lotse_store_reader_run_async (lotse_store_get_reader (store), load_query, request,
                                (GDestroyNotify) load_request_free,
                                (GDestroyNotify) load_result_free, self->cancellable,
                                load_ready, g_object_ref (self));

  update_summary (self);
}

static void
reload (LotseMonitorPanel *self)
{
  g_clear_handle_id (&self->reload_source, g_source_remove);
  start_load (self, 0, PAGE_SIZE);
}

static gboolean
reload_idle (gpointer user_data)
{
  LotseMonitorPanel *self = user_data;

  self->reload_source = 0;
  /* A change in the store keeps the pages the user has opened. */
  start_load (self, 0, MAX (PAGE_SIZE, self->entries->len));

  return G_SOURCE_REMOVE;
}

/* The programme filter: "All Programmes" and the programmes by name. */
static void
reload_programmes (LotseMonitorPanel *self)
{
  LotseStore *store = lotse_panel_get_store (LOTSE_PANEL (self));
  g_autoptr(GPtrArray) programmes = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *selected = g_strdup (self->programme_id);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->programme_names));
  guint position = 0;

  g_ptr_array_set_size (self->programme_ids, 0);
  g_ptr_array_add (self->programme_ids, NULL);

  if (store != NULL)
    programmes = lotse_store_list (store, LOTSE_TABLE_PROGRAMME, NULL, 0, LOTSE_PROGRAMME_NAME, 0, 0, &error);
  if (error != NULL)
    g_warning ("Could not list the programmes: %s", error->message);

  {
    g_autoptr(GStrvBuilder) names = g_strv_builder_new ();
    g_auto(GStrv) strv = NULL;

    g_strv_builder_add (names, _("All Programmes"));
    for (guint i = 0; programmes != NULL && i < programmes->len; i++)
      {
        LotseRecord *programme = g_ptr_array_index (programmes, i);

        g_strv_builder_add (names, lotse_record_get (programme, LOTSE_PROGRAMME_NAME));
        g_ptr_array_add (self->programme_ids, g_strdup (lotse_record_get_id (programme)));
        if (g_strcmp0 (selected, lotse_record_get_id (programme)) == 0)
          position = i + 1;
      }
    strv = g_strv_builder_end (names);
    g_signal_handlers_block_matched (self->programme_drop_down, G_SIGNAL_MATCH_DATA,
                                     0, 0, NULL, NULL, self);
    gtk_string_list_splice (self->programme_names, 0, n, (const char * const *) strv);
    gtk_drop_down_set_selected (self->programme_drop_down, position);
    g_signal_handlers_unblock_matched (self->programme_drop_down, G_SIGNAL_MATCH_DATA,
                                       0, 0, NULL, NULL, self);
  }
}

static void
lotse_monitor_panel_store_changed (LotsePanel *panel,
                                   const char *table,
                                   const char *id)
{
  LotseMonitorPanel *self = LOTSE_MONITOR_PANEL (panel);

  if (table != NULL && g_strcmp0 (table, LOTSE_TABLE_MILESTONE) != 0 &&
      g_strcmp0 (table, LOTSE_TABLE_PROJECT) != 0 && g_strcmp0 (table, LOTSE_TABLE_PROGRAMME) != 0)
    return;

  if (table == NULL || g_strcmp0 (table, LOTSE_TABLE_PROGRAMME) == 0)
    reload_programmes (self);

  /* A burst of writes (sync, import) reloads once. */
  if (self->reload_source == 0)
    self->reload_source = g_timeout_add (150, reload_idle, self);
}

static void
programme_selected (GtkDropDown       *drop_down,
                    GParamSpec        *pspec,
                    LotseMonitorPanel *self)
{
  guint position = gtk_drop_down_get_selected (drop_down);

  if (position < self->programme_ids->len)
    lotse_monitor_panel_set_programme_id (self, g_ptr_array_index (self->programme_ids, position));
}

static void
days_changed (GtkSpinButton     *spin,
              LotseMonitorPanel *self)
{
  lotse_monitor_panel_set_days (self, (guint) gtk_spin_button_get_value_as_int (spin));
}

static void
group_toggled (GtkToggleButton   *toggle,
               LotseMonitorPanel *self)
{
  /* Both buttons of the group report; the one turned on decides. */
  if (gtk_toggle_button_get_active (toggle))
    lotse_monitor_panel_set_by_project (self, toggle == self->project_toggle);
}

static void
history_toggled (GtkCheckButton    *check,
                 LotseMonitorPanel *self)
{
  lotse_monitor_panel_set_history (self, gtk_check_button_get_active (check));
}

static void
more_clicked (GtkButton         *button,
              LotseMonitorPanel *self)
{
  lotse_monitor_panel_load_more (self);
}

static void
row_activated (GtkListView       *list_view,
               guint              position,
               LotseMonitorPanel *self)
{
  g_autoptr(LotseMonitorRow) row = g_list_model_get_item (G_LIST_MODEL (self->rows), position);

  if (row == NULL || lotse_monitor_row_get_target_table (row) == NULL)
    return;

  gtk_widget_activate_action (GTK_WIDGET (self), "win.open-record", "(ss)",
                              lotse_monitor_row_get_target_table (row),
                              lotse_monitor_row_get_target_id (row));
}

/* GObject */

/* Another store starts without a programme filter: its ids differ. */
static void
lotse_monitor_panel_load (LotsePanel *panel)
{
  LotseMonitorPanel *self = LOTSE_MONITOR_PANEL (panel);

  g_clear_pointer (&self->programme_id, g_free);
  reload_programmes (self);
  reload (self);
}

static void
lotse_monitor_panel_dispose (GObject *object)
{
  GtkWidget *child;
  LotseMonitorPanel *self = LOTSE_MONITOR_PANEL (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_handle_id (&self->reload_source, g_source_remove);
  g_clear_object (&self->settings);

  gtk_widget_dispose_template (GTK_WIDGET (object), LOTSE_TYPE_MONITOR_PANEL);
  /* The template's top box is not bound, so it is not unparented above. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (lotse_monitor_panel_parent_class)->dispose (object);
}

static void
lotse_monitor_panel_finalize (GObject *object)
{
  LotseMonitorPanel *self = LOTSE_MONITOR_PANEL (object);

  g_clear_pointer (&self->entries, g_ptr_array_unref);
  g_clear_pointer (&self->programme_ids, g_ptr_array_unref);
  g_clear_object (&self->rows);
  g_free (self->programme_id);
  g_free (self->today);

  G_OBJECT_CLASS (lotse_monitor_panel_parent_class)->finalize (object);
}

static void
lotse_monitor_panel_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  LotseMonitorPanel *self = LOTSE_MONITOR_PANEL (object);

  switch (prop_id)
    {
    case PROP_DAYS:
      g_value_set_uint (value, self->days);
      break;
    case PROP_BY_PROJECT:
      g_value_set_boolean (value, self->by_project);
      break;
    case PROP_PROGRAMME_ID:
      g_value_set_string (value, self->programme_id);
      break;
    case PROP_HISTORY:
      g_value_set_boolean (value, self->history);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lotse_monitor_panel_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  LotseMonitorPanel *self = LOTSE_MONITOR_PANEL (object);

  switch (prop_id)
    {
    case PROP_DAYS:
      lotse_monitor_panel_set_days (self, g_value_get_uint (value));
      break;
    case PROP_BY_PROJECT:
      lotse_monitor_panel_set_by_project (self, g_value_get_boolean (value));
      break;
    case PROP_PROGRAMME_ID:
      lotse_monitor_panel_set_programme_id (self, g_value_get_string (value));
      break;
    case PROP_HISTORY:
      lotse_monitor_panel_set_history (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lotse_monitor_panel_class_init (LotseMonitorPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lotse_monitor_panel_dispose;
  object_class->finalize = lotse_monitor_panel_finalize;
  object_class->get_property = lotse_monitor_panel_get_property;
  object_class->set_property = lotse_monitor_panel_set_property;

  LOTSE_PANEL_CLASS (klass)->load = lotse_monitor_panel_load;
  LOTSE_PANEL_CLASS (klass)->store_changed = lotse_monitor_panel_store_changed;
  properties[PROP_DAYS] =
    g_param_spec_uint ("days", NULL, NULL, 1, 365, 14,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_BY_PROJECT] =
    g_param_spec_boolean ("by-project", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PROGRAMME_ID] =
    g_param_spec_string ("programme-id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_HISTORY] =
    g_param_spec_boolean ("history", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/app/lotse/Lotse/portfolio/lotse-monitor-panel.ui");
  gtk_widget_class_bind_template_child (widget_class, LotseMonitorPanel, programme_drop_down);
  gtk_widget_class_bind_template_child (widget_class, LotseMonitorPanel, days_spin);
  gtk_widget_class_bind_template_child (widget_class, LotseMonitorPanel, week_toggle);
  gtk_widget_class_bind_template_child (widget_class, LotseMonitorPanel, project_toggle);
  gtk_widget_class_bind_template_child (widget_class, LotseMonitorPanel, history_check);
  gtk_widget_class_bind_template_child (widget_class, LotseMonitorPanel, summary_label);
  gtk_widget_class_bind_template_child (widget_class, LotseMonitorPanel, stack);
  gtk_widget_class_bind_template_child (widget_class, LotseMonitorPanel, list_view);
  gtk_widget_class_bind_template_child (widget_class, LotseMonitorPanel, more_button);
  gtk_widget_class_bind_template_child (widget_class, LotseMonitorPanel, error_label);
  gtk_widget_class_bind_template_callback (widget_class, programme_selected);
  gtk_widget_class_bind_template_callback (widget_class, days_changed);
  gtk_widget_class_bind_template_callback (widget_class, group_toggled);
  gtk_widget_class_bind_template_callback (widget_class, history_toggled);
  gtk_widget_class_bind_template_callback (widget_class, more_clicked);
  gtk_widget_class_bind_template_callback (widget_class, row_activated);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "monitor-panel");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
lotse_monitor_panel_init (LotseMonitorPanel *self)
{
  g_autoptr(GtkListItemFactory) factory = lotse_monitor_row_factory_new ();
  g_autoptr(GtkSelectionModel) selection = NULL;

  self->days = 14;
  self->entries = g_ptr_array_new_with_free_func ((GDestroyNotify) lotse_monitor_entry_free);
  self->rows = g_list_store_new (LOTSE_TYPE_MONITOR_ROW);
  self->programme_ids = g_ptr_array_new_with_free_func (g_free);
  self->programme_names = gtk_string_list_new (NULL);

  gtk_widget_init_template (GTK_WIDGET (self));

  gtk_drop_down_set_model (self->programme_drop_down, G_LIST_MODEL (self->programme_names));
  /* Long programme names must not widen the panel beyond a phone's width. */
  lotse_drop_down_ellipsize (self->programme_drop_down, 8);
  g_object_unref (self->programme_names); /* the drop-down holds it */

  selection = GTK_SELECTION_MODEL (gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->rows))));
  gtk_single_selection_set_autoselect (GTK_SINGLE_SELECTION (selection), FALSE);
  gtk_list_view_set_model (self->list_view, selection);
  gtk_list_view_set_factory (self->list_view, factory);

  reload_programmes (self);

  /* The horizon is remembered; the window and the CLI share the key. */
  self->settings = g_settings_new (APPLICATION_ID);
  g_settings_bind (self->settings, "monitor-days", self, "days", G_SETTINGS_BIND_DEFAULT);
  gtk_spin_button_set_value (self->days_spin, self->days);

  update_summary (self);
}

/**
 * lotse_monitor_panel_new:
 * @store: (nullable): the store
 *
 * Returns: (transfer floating): a new panel
 */
GtkWidget *
lotse_monitor_panel_new (LotseStore *store)
{
  return g_object_new (LOTSE_TYPE_MONITOR_PANEL, "store", store, NULL);
}

guint
lotse_monitor_panel_get_days (LotseMonitorPanel *self)
{
  g_return_val_if_fail (LOTSE_IS_MONITOR_PANEL (self), 0);

  return self->days;
}

void
lotse_monitor_panel_set_days (LotseMonitorPanel *self,
                              guint              days)
{
  g_return_if_fail (LOTSE_IS_MONITOR_PANEL (self));

  days = CLAMP (days, 1, 365);
  if (self->days == days)
    return;

  self->days = days;
  gtk_spin_button_set_value (self->days_spin, days);
  reload (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DAYS]);
}

gboolean
lotse_monitor_panel_get_by_project (LotseMonitorPanel *self)
{
  g_return_val_if_fail (LOTSE_IS_MONITOR_PANEL (self), FALSE);

  return self->by_project;
}

void
lotse_monitor_panel_set_by_project (LotseMonitorPanel *self,
                                    gboolean           by_project)
{
  g_return_if_fail (LOTSE_IS_MONITOR_PANEL (self));

  by_project = !!by_project;
  if (self->by_project == by_project)
    return;

  self->by_project = by_project;
  gtk_toggle_button_set_active (by_project ? self->project_toggle : self->week_toggle, TRUE);
  rebuild_rows (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BY_PROJECT]);
}

const char *
lotse_monitor_panel_get_programme_id (LotseMonitorPanel *self)
{
  g_return_val_if_fail (LOTSE_IS_MONITOR_PANEL (self), NULL);

  return self->programme_id;
}

void
lotse_monitor_panel_set_programme_id (LotseMonitorPanel *self,
                                      const char        *programme_id)
{
  g_return_if_fail (LOTSE_IS_MONITOR_PANEL (self));

  if (!lotse_set_str (&self->programme_id, programme_id))
    return;

  for (guint i = 0; i < self->programme_ids->len; i++)
    if (g_strcmp0 (g_ptr_array_index (self->programme_ids, i), programme_id) == 0)
      gtk_drop_down_set_selected (self->programme_drop_down, i);
  reload (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROGRAMME_ID]);
}

gboolean
lotse_monitor_panel_get_history (LotseMonitorPanel *self)
{
  g_return_val_if_fail (LOTSE_IS_MONITOR_PANEL (self), FALSE);

  return self->history;
}

/* The default shows what the office must act on; with history, also the
 * milestones that completed and cancelled projects left open. */
void
lotse_monitor_panel_set_history (LotseMonitorPanel *self,
                                 gboolean           history)
{
  g_return_if_fail (LOTSE_IS_MONITOR_PANEL (self));

  history = !!history;
  if (self->history == history)
    return;

  self->history = history;
  gtk_check_button_set_active (self->history_check, history);
  reload (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HISTORY]);
}

void
lotse_monitor_panel_set_today (LotseMonitorPanel *self,
                               const char        *today)
{
  g_return_if_fail (LOTSE_IS_MONITOR_PANEL (self));

  if (lotse_set_str (&self->today, today))
    reload (self);
}

/**
 * lotse_monitor_panel_get_rows:
 * @self: a panel
 *
 * Returns: (transfer none): the rows as shown, #LotseMonitorRow items
 */
GListModel *
lotse_monitor_panel_get_rows (LotseMonitorPanel *self)
{
  g_return_val_if_fail (LOTSE_IS_MONITOR_PANEL (self), NULL);

  return G_LIST_MODEL (self->rows);
}

gboolean
lotse_monitor_panel_is_loading (LotseMonitorPanel *self)
{
  g_return_val_if_fail (LOTSE_IS_MONITOR_PANEL (self), FALSE);

  return self->loading || self->reload_source != 0 ||
         (!lotse_panel_get_loaded (LOTSE_PANEL (self)) && lotse_panel_get_store (LOTSE_PANEL (self)) != NULL);
}

/**
 * lotse_monitor_panel_load_more:
 * @self: a panel
 *
 * Appends the next page of milestones, if there are more.
 */
void
lotse_monitor_panel_load_more (LotseMonitorPanel *self)
{
  g_return_if_fail (LOTSE_IS_MONITOR_PANEL (self));

  if (self->loading || self->entries->len >= self->counts.total)
    return;

  start_load (self, self->entries->len, PAGE_SIZE);
}
