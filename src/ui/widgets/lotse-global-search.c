/* lotse-global-search.c: one search box over all records (Ctrl+K)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A popover under the header bar's search button, as in GNOME Text
 * Editor: type, and the best matches of each kind appear grouped under
 * headers; Down moves from the entry into the results, Enter opens the
 * first or the chosen one through “win.open-record”. The search runs on a
 * worker thread; typing cancels the search it makes outdated.
 */

#define G_LOG_DOMAIN "lotse-global-search"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "lotse-global-search-private.h"
#include "lotse-global-search-row.h"
#include "lotse-project-row.h"

#define RESULTS_PER_KIND 5

struct _LotseGlobalSearch
{
  GtkPopover         parent_instance;

  LotseStore        *store;
  GCancellable      *cancellable;
  gboolean           searching;
  gboolean           open_when_found;  /* Enter came before the results */
  char              *searched_text;    /* what the shown results are for */

  GtkWidget         *content;
  GtkSearchEntry    *entry;
  GtkStack          *stack;
  GtkListBox        *list_box;
};

G_DEFINE_FINAL_TYPE (LotseGlobalSearch, lotse_global_search, GTK_TYPE_POPOVER)

enum {
  PROP_0,
  PROP_STORE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char *
kind_heading (LotseSearchKind kind)
{
  switch (kind)
    {
    case LOTSE_SEARCH_KIND_PROJECT:
      return _("Projects");
    case LOTSE_SEARCH_KIND_MILESTONE:
      return _("Milestones");
    case LOTSE_SEARCH_KIND_MEETING:
      return _("Meetings");
    case LOTSE_SEARCH_KIND_AGENDA_ITEM:
      return _("Agenda Items");
    case LOTSE_SEARCH_KIND_DECISION:
      return _("Decisions");
    case LOTSE_SEARCH_KIND_ACTION_ITEM:
      return _("Action Items");
    case LOTSE_SEARCH_KIND_ARTICLE:
      return _("Articles");
    case LOTSE_SEARCH_N_KINDS:
    default:
      g_assert_not_reached ();
    }
}

/* One result of a kind, for the line that says where a hit belongs. */
static const char *
kind_name (LotseSearchKind kind)
{
  switch (kind)
    {
    case LOTSE_SEARCH_KIND_PROJECT:
      return C_("search result", "Project");
    case LOTSE_SEARCH_KIND_MILESTONE:
      return C_("search result", "Milestone");
    case LOTSE_SEARCH_KIND_MEETING:
      return C_("search result", "Meeting");
    case LOTSE_SEARCH_KIND_AGENDA_ITEM:
      return C_("search result", "Agenda item");
    case LOTSE_SEARCH_KIND_DECISION:
      return C_("search result", "Decision");
    case LOTSE_SEARCH_KIND_ACTION_ITEM:
      return C_("search result", "Action item");
    case LOTSE_SEARCH_KIND_ARTICLE:
      return C_("search result", "Article");
    case LOTSE_SEARCH_N_KINDS:
    default:
      g_assert_not_reached ();
    }
}

/* The day of a date or of a meeting's start as the locale writes it; a
 * meeting's in the office's zone, as the jour fixe shows it. */
static char *
format_day (const char *iso,
            GTimeZone  *zone)
{
  g_autoptr(GDateTime) when = NULL;
  g_autofree char *day = NULL;

  if (iso == NULL || strlen (iso) < 10)
    return NULL;

  when = strlen (iso) > 10 ? lotse_time_parse (iso, zone) : NULL;
  day = when != NULL ? g_date_time_format (when, "%Y-%m-%d") : g_strndup (iso, 10);

  return lotse_format_date (day);
}

/**
 * lotse_global_search_describe:
 * @result: a result of lotse_search_global()
 * @zone: the office's time zone
 *
 * Returns: (transfer full): what kind of record a hit is and where it
 *   belongs, e.g. "Agenda item · Jour fixe 24.11.2026, 24.11.2026 ·
 *   Digitale Dörfer"
 */
char *
lotse_global_search_describe (const LotseSearchResult *result,
                              GTimeZone               *zone)
{
  g_autoptr(GString) text = g_string_new (kind_name (result->kind));
  g_autofree char *day = format_day (result->date, zone);

  /* "Jour fixe 13.10.2026" needs no second "13.10.2026" */
  if (result->parent != NULL && day != NULL && strstr (result->parent, day) != NULL)
    g_clear_pointer (&day, g_free);

  if (result->parent != NULL && day != NULL)
    {
      /* Translators: where a search hit belongs and when, e.g. a meeting
       * and its date: "Jour fixe, 24.11.2026" */
      g_string_append (text, " · ");
      g_string_append_printf (text, _("%s, %s"), result->parent, day);
    }
  else if (result->parent != NULL || day != NULL)
    {
      g_string_append (text, " · ");
      g_string_append (text, result->parent != NULL ? result->parent : day);
    }

  if (result->project != NULL)
    {
      g_string_append (text, " · ");
      g_string_append (text, result->project);
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
header_func (GtkListBoxRow *row,
             GtkListBoxRow *before,
             gpointer       user_data)
{
  LotseSearchKind kind = lotse_global_search_row_get_kind (LOTSE_GLOBAL_SEARCH_ROW (row));
  g_autoptr(GtkWidget) header = NULL;

  if (before != NULL && lotse_global_search_row_get_kind (LOTSE_GLOBAL_SEARCH_ROW (before)) == kind)
    {
      gtk_list_box_row_set_header (row, NULL);
      return;
    }

  header = lotse_global_search_header_new (kind_heading (kind), before == NULL);
  gtk_list_box_row_set_header (row, header);
}

static void
clear_results (LotseGlobalSearch *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list_box))) != NULL)
    gtk_list_box_remove (self->list_box, child);
}

static void open_row (LotseGlobalSearch *self,
                      GtkListBoxRow     *row);

static void
search_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(LotseGlobalSearch) self = user_data;
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(GTimeZone) zone = NULL;
  g_autoptr(GError) error = NULL;

  results = lotse_store_reader_run_finish (LOTSE_STORE_READER (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self->searching = FALSE;
  clear_results (self);

  /* The sanitiser makes any text a valid query; what is left is a
   * database that cannot be read, which the window reports elsewhere. */
  if (results == NULL)
    {
      g_warning ("Search failed: %s", error->message);
      gtk_stack_set_visible_child_name (self->stack, "empty");
      return;
    }

  zone = self->store != NULL ? lotse_office_get_time_zone (self->store) : g_time_zone_new_utc ();
  for (guint i = 0; i < results->len; i++)
    {
      const LotseSearchResult *found = g_ptr_array_index (results, i);
      g_autofree char *where = lotse_global_search_describe (found, zone);

      gtk_list_box_append (self->list_box, lotse_global_search_row_new (found, where));
    }

  gtk_stack_set_visible_child_name (self->stack, results->len > 0 ? "results" : "empty");

  if (self->open_when_found && results->len > 0)
    open_row (self, gtk_list_box_get_row_at_index (self->list_box, 0));
  self->open_when_found = FALSE;
}

typedef struct
{
  char *text;
} GlobalQuery;

static void
global_query_free (GlobalQuery *query)
{
  g_free (query->text);
  g_free (query);
}

static gpointer
run_global_search (LotseStore  *store,
                   gpointer     data,
                   GError     **error)
{
  GlobalQuery *query = data;

  return lotse_search_global (store, query->text, RESULTS_PER_KIND, error);
}

static void
search_changed_cb (LotseGlobalSearch *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->entry));
  g_autofree char *fts_query = lotse_search_build_fts_query (text);
  GlobalQuery *query;

  /* Enter started this search before the entry's delay ran out. */
  if (self->searching && g_strcmp0 (text, self->searched_text) == 0)
    return;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->open_when_found = FALSE;

  if (fts_query == NULL || self->store == NULL)
    {
      self->searching = FALSE;
      clear_results (self);
      gtk_stack_set_visible_child_name (self->stack, "hint");
      return;
    }

  query = g_new0 (GlobalQuery, 1);
  query->text = g_strdup (text);

  self->searching = TRUE;
  g_free (self->searched_text);
  self->searched_text = g_strdup (text);
  self->cancellable = g_cancellable_new ();
  lotse_store_reader_run_async (lotse_store_get_reader (self->store), run_global_search, query,
                                (GDestroyNotify) global_query_free,
                                (GDestroyNotify) g_ptr_array_unref, self->cancellable,
                                search_done_cb, g_object_ref (self));
}

static void
open_row (LotseGlobalSearch *self,
          GtkListBoxRow     *row)
{
  const char *table = lotse_global_search_row_get_table (row);
  const char *id = lotse_global_search_row_get_id (row);
  g_autofree char *row_id = g_strdup (id);
  GtkWidget *parent = gtk_widget_get_parent (GTK_WIDGET (self));

  gtk_popover_popdown (GTK_POPOVER (self));
  /* From the popover's parent: the action is the window's. */
  gtk_widget_activate_action (parent != NULL ? parent : GTK_WIDGET (self),
                              "win.open-record", "(ss)", table, row_id);
}

static void
row_activated_cb (LotseGlobalSearch *self,
                  GtkListBoxRow     *row)
{
  open_row (self, row);
}

/* Enter opens the first result, also when it typed faster than the search
 * (the entry waits 150 ms after the last key, the search takes its time). */
static void
entry_activate_cb (LotseGlobalSearch *self)
{
  GtkListBoxRow *first = gtk_list_box_get_row_at_index (self->list_box, 0);
  g_autofree char *fts_query =
    lotse_search_build_fts_query (gtk_editable_get_text (GTK_EDITABLE (self->entry)));

  if (fts_query == NULL)
    return;

  if (!self->searching && first != NULL &&
      g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "results") == 0 &&
      g_strcmp0 (self->searched_text, gtk_editable_get_text (GTK_EDITABLE (self->entry))) == 0)
    {
      open_row (self, first);
      return;
    }

  /* The search for this text is still to come or still running. */
  search_changed_cb (self);
  self->open_when_found = TRUE;
}

static void
stop_search_cb (LotseGlobalSearch *self)
{
  gtk_popover_popdown (GTK_POPOVER (self));
}

static gboolean
entry_key_pressed_cb (GtkEventControllerKey *controller,
                      guint                  keyval,
                      guint                  keycode,
                      GdkModifierType        state,
                      LotseGlobalSearch     *self)
{
  GtkListBoxRow *first;

  if (keyval != GDK_KEY_Down && keyval != GDK_KEY_KP_Down)
    return FALSE;

  first = gtk_list_box_get_row_at_index (self->list_box, 0);
  if (first == NULL || !gtk_widget_get_mapped (GTK_WIDGET (first)))
    return FALSE;

  gtk_list_box_select_row (self->list_box, first);
  gtk_widget_grab_focus (GTK_WIDGET (first));
  return TRUE;
}

static gboolean
list_key_pressed_cb (GtkEventControllerKey *controller,
                     guint                  keyval,
                     guint                  keycode,
                     GdkModifierType        state,
                     LotseGlobalSearch     *self)
{
  GtkWidget *focus = gtk_root_get_focus (gtk_widget_get_root (GTK_WIDGET (self->list_box)));
  GtkListBoxRow *first = gtk_list_box_get_row_at_index (self->list_box, 0);

  /* Up from the first result goes back to the entry. */
  if ((keyval == GDK_KEY_Up || keyval == GDK_KEY_KP_Up) && focus == GTK_WIDGET (first))
    {
      gtk_widget_grab_focus (GTK_WIDGET (self->entry));
      return TRUE;
    }

  return FALSE;
}

/* Wide enough to read a hit and where it belongs: 560 px, less in a
 * narrow window, so that the popover never leaves a phone's screen. */
static void
showing_cb (LotseGlobalSearch *self)
{
  GtkWidget *parent = gtk_widget_get_parent (GTK_WIDGET (self));
  GtkRoot *root = parent != NULL ? gtk_widget_get_root (parent) : NULL;
  int width = root != NULL ? gtk_widget_get_width (GTK_WIDGET (root)) : 0;

  gtk_widget_set_size_request (self->content, width > 0 ? CLAMP (width - 64, 260, 560) : 560, -1);
}

/* On map, not on show: before it is mapped the popover has no surface,
 * and moving the focus into it then asks GDK about a surface it lacks. */
static void
mapped_cb (LotseGlobalSearch *self)
{
  gtk_widget_grab_focus (GTK_WIDGET (self->entry));
  gtk_editable_select_region (GTK_EDITABLE (self->entry), 0, -1);
}

static void
lotse_global_search_dispose (GObject *object)
{
  LotseGlobalSearch *self = LOTSE_GLOBAL_SEARCH (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->store);
  g_clear_pointer (&self->searched_text, g_free);

  gtk_widget_dispose_template (GTK_WIDGET (self), LOTSE_TYPE_GLOBAL_SEARCH);

  G_OBJECT_CLASS (lotse_global_search_parent_class)->dispose (object);
}

static void
lotse_global_search_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  LotseGlobalSearch *self = LOTSE_GLOBAL_SEARCH (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lotse_global_search_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  LotseGlobalSearch *self = LOTSE_GLOBAL_SEARCH (object);

  switch (prop_id)
    {
    case PROP_STORE:
      lotse_global_search_set_store (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lotse_global_search_class_init (LotseGlobalSearchClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lotse_global_search_dispose;
  object_class->get_property = lotse_global_search_get_property;
  object_class->set_property = lotse_global_search_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         LOTSE_TYPE_STORE,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/app/lotse/Lotse/widgets/lotse-global-search.ui");
  gtk_widget_class_bind_template_child (widget_class, LotseGlobalSearch, content);
  gtk_widget_class_bind_template_child (widget_class, LotseGlobalSearch, entry);
  gtk_widget_class_bind_template_child (widget_class, LotseGlobalSearch, stack);
  gtk_widget_class_bind_template_child (widget_class, LotseGlobalSearch, list_box);
}

static void
lotse_global_search_init (LotseGlobalSearch *self)
{
  GtkEventController *controller;

  gtk_widget_init_template (GTK_WIDGET (self));

  gtk_list_box_set_header_func (self->list_box, header_func, NULL, NULL);

  g_signal_connect_swapped (self->entry, "search-changed", G_CALLBACK (search_changed_cb), self);
  g_signal_connect_swapped (self->entry, "activate", G_CALLBACK (entry_activate_cb), self);
  g_signal_connect_swapped (self->entry, "stop-search", G_CALLBACK (stop_search_cb), self);
  g_signal_connect_swapped (self->list_box, "row-activated", G_CALLBACK (row_activated_cb), self);
  g_signal_connect (self, "map", G_CALLBACK (mapped_cb), NULL);
  g_signal_connect (self, "show", G_CALLBACK (showing_cb), NULL);

  controller = gtk_event_controller_key_new ();
  g_signal_connect (controller, "key-pressed", G_CALLBACK (entry_key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->entry), controller);

  controller = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  g_signal_connect (controller, "key-pressed", G_CALLBACK (list_key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->list_box), controller);
}

GtkWidget *
lotse_global_search_new (void)
{
  return g_object_new (LOTSE_TYPE_GLOBAL_SEARCH, NULL);
}

LotseStore *
lotse_global_search_get_store (LotseGlobalSearch *self)
{
  g_return_val_if_fail (LOTSE_IS_GLOBAL_SEARCH (self), NULL);

  return self->store;
}

/**
 * lotse_global_search_set_store:
 * @self: a #LotseGlobalSearch
 * @store: (nullable): the store to search
 */
void
lotse_global_search_set_store (LotseGlobalSearch *self,
                               LotseStore        *store)
{
  g_return_if_fail (LOTSE_IS_GLOBAL_SEARCH (self));
  g_return_if_fail (!store || LOTSE_IS_STORE (store));

  if (!g_set_object (&self->store, store))
    return;

  /* A search still running reads the file of the store before. */
  g_cancellable_cancel (self->cancellable);
  search_changed_cb (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
}

GtkEditable *
lotse_global_search_get_entry (LotseGlobalSearch *self)
{
  return GTK_EDITABLE (self->entry);
}

GtkListBox *
lotse_global_search_get_list_box (LotseGlobalSearch *self)
{
  return self->list_box;
}

const char *
lotse_global_search_get_state (LotseGlobalSearch *self)
{
  if (self->searching)
    return NULL;

  return gtk_stack_get_visible_child_name (self->stack);
}
