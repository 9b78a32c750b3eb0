/* lotse-registers.c: open action items and decisions of all meetings
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Two lists over all meetings: the action items (by default the open
 * ones, soonest due first) and the decisions (newest meeting first),
 * filtered by series, project, owner and state. A check marks an action
 * item done (and records when); a button opens the meeting it came from.
 *
 * The registers read the three tables when first shown and again, once
 * per main loop turn, after the store reports a change of them.
 */

#define G_LOG_DOMAIN "lotse-registers"

#include "config.h"

#include <glib/gi18n.h>

#include "lotse-drop-down.h"
#include "lotse-jourfixe-private.h"
#include "lotse-register-row.h"
#include "lotse-registers.h"

static const char * const action_states[] = { "open", "done", "dropped", NULL };

struct _LotseRegisters
{
  GtkWidget             parent_instance;

  LotseJourfixeCatalog *catalog;
  gboolean              narrow;
  gboolean              loaded;
  gboolean              loading;
  guint                 reload_idle;
  GCancellable         *cancellable;

  GListStore           *actions;
  GListStore           *decisions;
  GtkFilterListModel   *actions_filtered;
  GtkFilterListModel   *decisions_filtered;
  GtkCustomFilter      *filter;
  GHashTable           *meetings;     /* id → LotseRecord */

  GtkDropDown          *series_filter;
  GtkDropDown          *project_filter;
  GtkDropDown          *owner_filter;
  GtkDropDown          *state_filter;
  GPtrArray            *series_ids;
  GPtrArray            *project_ids;
  GPtrArray            *owner_ids;

  GtkStack             *pages;
  GtkStack             *actions_stack;
  GtkStack             *decisions_stack;
  GtkListView          *actions_view;
  GtkListView          *decisions_view;
};

G_DEFINE_FINAL_TYPE (LotseRegisters, lotse_registers, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_NARROW,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static LotseStore *
get_store (LotseRegisters *self)
{
  return lotse_jourfixe_catalog_get_store (self->catalog);
}

/* --- filters -------------------------------------------------------------- */

static const char *
chosen_id (GtkDropDown *dropdown,
           GPtrArray   *ids)
{
  guint selected = gtk_drop_down_get_selected (dropdown);

  if (ids == NULL || selected == 0 || selected >= ids->len)
    return NULL;

  return g_ptr_array_index (ids, selected);
}

static gboolean
filter_func (gpointer item,
             gpointer user_data)
{
  LotseRegisters *self = user_data;
  LotseRecord *record = item;
  const char *series_id = chosen_id (self->series_filter, self->series_ids);
  const char *project_id = chosen_id (self->project_filter, self->project_ids);
  gboolean is_action = g_str_equal (lotse_record_get_table_name (record), LOTSE_TABLE_ACTION_ITEM);

  if (series_id != NULL)
    {
      LotseRecord *meeting = g_hash_table_lookup (self->meetings,
                                                  lotse_record_get (record, LOTSE_ACTION_ITEM_MEETING_ID) ?: "");

      if (meeting == NULL || g_strcmp0 (lotse_record_get (meeting, LOTSE_MEETING_SERIES_ID), series_id) != 0)
        return FALSE;
    }

  if (project_id != NULL && g_strcmp0 (lotse_record_get (record, LOTSE_ACTION_ITEM_PROJECT_ID),
                                       project_id) != 0)
    return FALSE;

  if (is_action)
    {
      const char *owner_id = chosen_id (self->owner_filter, self->owner_ids);
      guint state = gtk_drop_down_get_selected (self->state_filter);

      if (owner_id != NULL && g_strcmp0 (lotse_record_get (record, LOTSE_ACTION_ITEM_OWNER_PERSON_ID),
                                         owner_id) != 0)
        return FALSE;
      if (state < G_N_ELEMENTS (action_states) - 1 &&
          g_strcmp0 (lotse_record_get (record, LOTSE_ACTION_ITEM_STATUS), action_states[state]) != 0)
        return FALSE;
    }

  return TRUE;
}

static void
on_filter_changed (LotseRegisters *self)
{
  /* The template's drop-downs are made before the filter */
  if (self->filter != NULL)
    gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
}

/* A drop-down led by “All …” over @rows (id, title pairs in title order);
 * @ids receives their ids. The choice made stays if its row is still there. */
static void
fill_choices (LotseRegisters *self,
              GtkDropDown    *dropdown,
              GPtrArray      *rows,
              const char     *all_label,
              GPtrArray     **ids)
{
  g_autoptr(GtkStringList) list = gtk_string_list_new (NULL);
  g_autofree char *selected_id = g_strdup (chosen_id (dropdown, *ids));
  guint selected = 0;

  g_clear_pointer (ids, g_ptr_array_unref);
  *ids = g_ptr_array_new_with_free_func (g_free);

  gtk_string_list_append (list, all_label);
  g_ptr_array_add (*ids, NULL);
  for (guint i = 0; i + 1 < rows->len; i += 2)
    {
      const char *id = g_ptr_array_index (rows, i);

      gtk_string_list_append (list, g_ptr_array_index (rows, i + 1));
      g_ptr_array_add (*ids, g_strdup (id));
      if (g_strcmp0 (id, selected_id) == 0)
        selected = (*ids)->len - 1;
    }

  g_signal_handlers_block_by_func (dropdown, on_filter_changed, self);
  gtk_drop_down_set_model (dropdown, G_LIST_MODEL (list));
  gtk_drop_down_set_selected (dropdown, selected);
  g_signal_handlers_unblock_by_func (dropdown, on_filter_changed, self);
}

/* --- rows ----------------------------------------------------------------- */

static void
on_done_toggled (LotseRegisterRow *row,
                 gboolean          done,
                 LotseRegisters   *self)
{
  LotseRecord *bound = lotse_register_row_get_record (row);
  g_autoptr(LotseRecord) action = NULL;
  g_autofree char *now = NULL;

  if (bound == NULL || done == (g_strcmp0 (lotse_record_get (bound, LOTSE_ACTION_ITEM_STATUS), "done") == 0))
    return;

  action = lotse_record_copy (bound);
  if (done)
    {
      now = lotse_jourfixe_now (get_store (self));
      lotse_record_set (action, LOTSE_ACTION_ITEM_STATUS, "done");
      lotse_record_set (action, LOTSE_ACTION_ITEM_DONE_AT, now);
    }
  else
    {
      lotse_record_set (action, LOTSE_ACTION_ITEM_STATUS, "open");
      lotse_record_set (action, LOTSE_ACTION_ITEM_DONE_AT, NULL);
    }

  if (!lotse_jourfixe_save (GTK_WIDGET (self), get_store (self), action))
    lotse_register_row_set_done (row, !done);
}

static void
setup_row (GtkSignalListItemFactory *factory,
           GtkListItem              *list_item,
           LotseRegisters           *self)
{
  gboolean is_action = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (factory), "actions"));
  GtkWidget *row = lotse_register_row_new (is_action);

  g_signal_connect (row, "done-toggled", G_CALLBACK (on_done_toggled), self);
  gtk_list_item_set_child (list_item, row);
  gtk_list_item_set_activatable (list_item, FALSE);
}

/* "Anna · overdue since 03.11.2026 · DILE · Jour fixe 24.11.2026": whose,
 * until when, and where an action item or decision comes from */
static char *
describe (LotseRegisters *self,
          LotseRecord    *record,
          LotseRecord    *meeting,
          gboolean       *overdue)
{
  gboolean is_action = g_str_equal (lotse_record_get_table_name (record), LOTSE_TABLE_ACTION_ITEM);
  const char *project = lotse_jourfixe_catalog_get_title (self->catalog, LOTSE_TABLE_PROJECT,
                                                          lotse_record_get (record, LOTSE_ACTION_ITEM_PROJECT_ID));
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);

  *overdue = FALSE;
  if (is_action)
    {
      const char *owner = lotse_jourfixe_catalog_get_title (self->catalog, LOTSE_TABLE_PERSON,
                                                            lotse_record_get (record, LOTSE_ACTION_ITEM_OWNER_PERSON_ID));
      g_autofree char *due = lotse_format_date (lotse_record_get (record, LOTSE_ACTION_ITEM_DUE_DATE));
      const char *status = lotse_record_get (record, LOTSE_ACTION_ITEM_STATUS);

      if (owner != NULL)
        g_ptr_array_add (parts, g_strdup (owner));
      if (due != NULL && g_strcmp0 (status, "open") == 0)
        {
          g_autoptr(GDateTime) now = g_date_time_new_now_local ();
          g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");

          *overdue = g_strcmp0 (lotse_record_get (record, LOTSE_ACTION_ITEM_DUE_DATE), today) < 0;
        }
      if (due != NULL && *overdue)
        /* Translators: the due date of an open action item that has passed */
        g_ptr_array_add (parts, g_strdup_printf (_("overdue since %s"), due));
      else if (due != NULL)
        /* Translators: the due date of an action item in the register */
        g_ptr_array_add (parts, g_strdup_printf (_("due %s"), due));
      if (g_strcmp0 (status, "open") != 0)
        g_ptr_array_add (parts, g_strdup (lotse_enum_value_label (LOTSE_TABLE_ACTION_ITEM,
                                                                  LOTSE_ACTION_ITEM_STATUS, status)));
    }

  if (project != NULL)
    g_ptr_array_add (parts, g_strdup (project));
  if (meeting != NULL)
    {
      g_autoptr(GTimeZone) zone = lotse_office_get_time_zone (get_store (self));
      const char *series = lotse_jourfixe_catalog_get_title (self->catalog, LOTSE_TABLE_MEETING_SERIES,
                                                             lotse_record_get (meeting, LOTSE_MEETING_SERIES_ID));

      g_ptr_array_add (parts, lotse_meeting_format_title (meeting, series, zone));
    }
  g_ptr_array_add (parts, NULL);

  return g_strjoinv (" · ", (char **)parts->pdata);
}

static void
bind_row (GtkSignalListItemFactory *factory,
          GtkListItem              *list_item,
          LotseRegisters           *self)
{
  LotseRecord *record = gtk_list_item_get_item (list_item);
  LotseRegisterRow *row = LOTSE_REGISTER_ROW (gtk_list_item_get_child (list_item));
  gboolean is_action = g_str_equal (lotse_record_get_table_name (record), LOTSE_TABLE_ACTION_ITEM);
  const char *meeting_id = lotse_record_get (record, LOTSE_ACTION_ITEM_MEETING_ID);
  LotseRecord *meeting = meeting_id ? g_hash_table_lookup (self->meetings, meeting_id) : NULL;
  g_autofree char *subtitle = NULL;
  gboolean overdue;

  subtitle = describe (self, record, meeting, &overdue);
  lotse_register_row_set_record (row, record);
  lotse_register_row_set_text (row, lotse_record_get (record, is_action ? LOTSE_ACTION_ITEM_TITLE
                                                                        : LOTSE_DECISION_TEXT),
                               subtitle, overdue);
  lotse_register_row_set_meeting (row, meeting != NULL ? meeting_id : NULL);
}

static void
unbind_row (GtkSignalListItemFactory *factory,
            GtkListItem              *list_item,
            LotseRegisters           *self)
{
  lotse_register_row_set_record (LOTSE_REGISTER_ROW (gtk_list_item_get_child (list_item)), NULL);
}

static GtkListItemFactory *
row_factory (LotseRegisters *self,
             gboolean        actions)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

  g_object_set_data (G_OBJECT (factory), "actions", GINT_TO_POINTER (actions));
  g_signal_connect (factory, "setup", G_CALLBACK (setup_row), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_row), self);

  return factory;
}

/* --- loading -------------------------------------------------------------- */

static int
compare_actions (gconstpointer a,
                 gconstpointer b)
{
  LotseRecord *ra = *(LotseRecord **)a;
  LotseRecord *rb = *(LotseRecord **)b;
  const char *da = lotse_record_get (ra, LOTSE_ACTION_ITEM_DUE_DATE);
  const char *db = lotse_record_get (rb, LOTSE_ACTION_ITEM_DUE_DATE);

  /* Soonest due first; those without a date last. */
  if ((da == NULL) != (db == NULL))
    return da == NULL ? 1 : -1;
  if (g_strcmp0 (da, db) != 0)
    return g_strcmp0 (da, db);

  return g_utf8_collate (lotse_record_get (ra, LOTSE_ACTION_ITEM_TITLE),
                         lotse_record_get (rb, LOTSE_ACTION_ITEM_TITLE));
}

static int
compare_decisions (gconstpointer a,
                   gconstpointer b,
                   gpointer      data)
{
  GHashTable *meetings = data;
  LotseRecord *ma = g_hash_table_lookup (meetings, lotse_record_get (*(LotseRecord **)a,
                                                                     LOTSE_DECISION_MEETING_ID));
  LotseRecord *mb = g_hash_table_lookup (meetings, lotse_record_get (*(LotseRecord **)b,
                                                                     LOTSE_DECISION_MEETING_ID));
  const char *sa = ma ? lotse_record_get (ma, LOTSE_MEETING_STARTS_AT) : NULL;
  const char *sb = mb ? lotse_record_get (mb, LOTSE_MEETING_STARTS_AT) : NULL;
  g_autoptr(GDateTime) ta = sa ? g_date_time_new_from_iso8601 (sa, NULL) : NULL;
  g_autoptr(GDateTime) tb = sb ? g_date_time_new_from_iso8601 (sb, NULL) : NULL;

  if (ta != NULL && tb != NULL)
    return -g_date_time_compare (ta, tb);
  if ((ta == NULL) != (tb == NULL))
    return ta == NULL ? 1 : -1;

  return g_strcmp0 (lotse_record_get_created_at (*(LotseRecord **)b),
                    lotse_record_get_created_at (*(LotseRecord **)a));
}

static void
splice_all (GListStore *store,
            GPtrArray  *rows)
{
  g_list_store_splice (store, 0, g_list_model_get_n_items (G_LIST_MODEL (store)), rows->pdata, rows->len);
}

/* What the worker reads, with the store's reader. */
typedef struct
{
  GPtrArray *meetings;
  GPtrArray *actions;
  GPtrArray *decisions;
  GPtrArray *series;    /* id, title, id, title … */
  GPtrArray *projects;
  GPtrArray *people;
} Load;

static void
load_free (gpointer data)
{
  Load *load = data;

  g_clear_pointer (&load->meetings, g_ptr_array_unref);
  g_clear_pointer (&load->actions, g_ptr_array_unref);
  g_clear_pointer (&load->decisions, g_ptr_array_unref);
  g_clear_pointer (&load->series, g_ptr_array_unref);
  g_clear_pointer (&load->projects, g_ptr_array_unref);
  g_clear_pointer (&load->people, g_ptr_array_unref);
  g_free (load);
}

/* The people, projects and series that occur in the registers, as
 * (id, title) pairs in title order: the choices of the filters. */
static GPtrArray *
choices (LotseStore  *store,
         const char  *table,
         GHashTable  *used,
         GError     **error)
{
  g_autoptr(GPtrArray) rows = lotse_store_list (store, table, NULL, 0, NULL, 0, 0, error);
  GPtrArray *pairs;

  if (rows == NULL)
    return NULL;

  pairs = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < rows->len; i++)
    {
      LotseRecord *record = g_ptr_array_index (rows, i);

      if (used != NULL && !g_hash_table_contains (used, lotse_record_get_id (record)))
        continue;
      g_ptr_array_add (pairs, g_strdup (lotse_record_get_id (record)));
      g_ptr_array_add (pairs, g_strdup (lotse_record_get_title (record)));
    }

  return pairs;
}

static gpointer
load_query (LotseStore  *store,
            gpointer     data G_GNUC_UNUSED,
            GError     **error)
{
  Load *load = g_new0 (Load, 1);
  g_autoptr(GHashTable) meetings = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) used_projects = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) used_people = g_hash_table_new (g_str_hash, g_str_equal);

  if ((load->meetings = lotse_store_list (store, LOTSE_TABLE_MEETING, NULL, 0, NULL, 0, 0, error)) == NULL ||
      (load->actions = lotse_store_list (store, LOTSE_TABLE_ACTION_ITEM, NULL, 0, NULL, 0, 0, error)) == NULL ||
      (load->decisions = lotse_store_list (store, LOTSE_TABLE_DECISION, NULL, 0, NULL, 0, 0, error)) == NULL)
    {
      load_free (load);
      return NULL;
    }

  for (guint i = 0; i < load->meetings->len; i++)
    {
      LotseRecord *meeting = g_ptr_array_index (load->meetings, i);

      g_hash_table_insert (meetings, (gpointer)lotse_record_get_id (meeting), meeting);
    }
  for (guint i = 0; i < load->actions->len; i++)
    {
      LotseRecord *action = g_ptr_array_index (load->actions, i);
      const char *owner = lotse_record_get (action, LOTSE_ACTION_ITEM_OWNER_PERSON_ID);
      const char *project = lotse_record_get (action, LOTSE_ACTION_ITEM_PROJECT_ID);

      if (owner != NULL)
        g_hash_table_add (used_people, (gpointer)owner);
      if (project != NULL)
        g_hash_table_add (used_projects, (gpointer)project);
    }
  for (guint i = 0; i < load->decisions->len; i++)
    {
      const char *project = lotse_record_get (g_ptr_array_index (load->decisions, i),
                                              LOTSE_DECISION_PROJECT_ID);

      if (project != NULL)
        g_hash_table_add (used_projects, (gpointer)project);
    }

  g_ptr_array_sort (load->actions, compare_actions);
  g_ptr_array_sort_with_data (load->decisions, compare_decisions, meetings);

  if ((load->series = choices (store, LOTSE_TABLE_MEETING_SERIES, NULL, error)) == NULL ||
      (load->projects = choices (store, LOTSE_TABLE_PROJECT, used_projects, error)) == NULL ||
      (load->people = choices (store, LOTSE_TABLE_PERSON, used_people, error)) == NULL)
    {
      load_free (load);
      return NULL;
    }

  return load;
}

static void
update_pages (LotseRegisters *self)
{
  const char *loading = self->loaded ? NULL : "loading";

  gtk_stack_set_visible_child_name (self->actions_stack,
                                    loading ? loading :
                                    g_list_model_get_n_items (G_LIST_MODEL (self->actions_filtered)) > 0 ? "list" : "empty");
  gtk_stack_set_visible_child_name (self->decisions_stack,
                                    loading ? loading :
                                    g_list_model_get_n_items (G_LIST_MODEL (self->decisions_filtered)) > 0 ? "list" : "empty");
}

static void
on_loaded (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(LotseRegisters) self = user_data;
  g_autoptr(GError) error = NULL;
  Load *load;

  /* Only the latest reload counts: a reload cancels the one before. */
  load = lotse_store_reader_run_finish (LOTSE_STORE_READER (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self->loading = FALSE;
  if (load == NULL)
    {
      lotse_jourfixe_toast (GTK_WIDGET (self), error->message);
      return;
    }

  g_hash_table_remove_all (self->meetings);
  for (guint i = 0; i < load->meetings->len; i++)
    {
      LotseRecord *meeting = g_ptr_array_index (load->meetings, i);

      g_hash_table_insert (self->meetings, g_strdup (lotse_record_get_id (meeting)), g_object_ref (meeting));
    }

  self->loaded = TRUE;
  fill_choices (self, self->series_filter, load->series, _("All series"), &self->series_ids);
  fill_choices (self, self->project_filter, load->projects, _("All projects"), &self->project_ids);
  fill_choices (self, self->owner_filter, load->people, _("All owners"), &self->owner_ids);
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
  splice_all (self->actions, load->actions);
  splice_all (self->decisions, load->decisions);
  load_free (load);
  update_pages (self);
}

/**
 * lotse_registers_reload:
 * @self: the registers
 *
 * Reads the action items, decisions and meetings again, in a thread with the
 * store's reader (an office has 20,000 action items and more); the
 * lists follow when it is done.
 */
void
lotse_registers_reload (LotseRegisters *self)
{
  g_return_if_fail (LOTSE_IS_REGISTERS (self));

  g_clear_handle_id (&self->reload_idle, g_source_remove);
  if (self->catalog == NULL)
    return;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  self->loading = TRUE;

  lotse_store_reader_run_async (lotse_store_get_reader (get_store (self)), load_query, NULL,
                                NULL, load_free, self->cancellable, on_loaded,
                                g_object_ref (self));
  update_pages (self);
}

/**
 * lotse_registers_is_loading:
 *
 * Returns: whether a reload is under way
 */
gboolean
lotse_registers_is_loading (LotseRegisters *self)
{
  g_return_val_if_fail (LOTSE_IS_REGISTERS (self), FALSE);

  return self->loading;
}

static gboolean
reload_idle_cb (gpointer data)
{
  LotseRegisters *self = data;

  self->reload_idle = 0;
  lotse_registers_reload (self);

  return G_SOURCE_REMOVE;
}

static void
on_store_changed (LotseRegisters *self,
                  const char     *table,
                  const char     *id,
                  LotseStore     *store)
{
  if (!self->loaded || self->reload_idle != 0)
    return;

  if (g_str_equal (table, LOTSE_TABLE_ACTION_ITEM) || g_str_equal (table, LOTSE_TABLE_DECISION) ||
      g_str_equal (table, LOTSE_TABLE_MEETING) || g_str_equal (table, LOTSE_TABLE_MEETING_SERIES) ||
      g_str_equal (table, LOTSE_TABLE_PERSON) || g_str_equal (table, LOTSE_TABLE_PROJECT))
    self->reload_idle = g_idle_add (reload_idle_cb, self);
}

static void
on_page_changed (LotseRegisters *self)
{
  gboolean actions = g_strcmp0 (gtk_stack_get_visible_child_name (self->pages), "actions") == 0;

  /* Owner and state are properties of action items only. */
  gtk_widget_set_visible (gtk_widget_get_parent (GTK_WIDGET (self->owner_filter)), actions);
  gtk_widget_set_visible (gtk_widget_get_parent (GTK_WIDGET (self->state_filter)), actions);
}

/* --- class ---------------------------------------------------------------- */

static void
lotse_registers_dispose (GObject *object)
{
  LotseRegisters *self = LOTSE_REGISTERS (object);

  lotse_registers_set_catalog (self, NULL);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), LOTSE_TYPE_REGISTERS);
  /* The template's top box has no name, so disposing the template leaves it. */
  {
    GtkWidget *child;

    while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
      gtk_widget_unparent (child);
  }
  g_clear_object (&self->actions_filtered);
  g_clear_object (&self->decisions_filtered);
  g_clear_object (&self->actions);
  g_clear_object (&self->decisions);
  g_clear_object (&self->filter);
  g_clear_pointer (&self->meetings, g_hash_table_unref);
  g_clear_pointer (&self->series_ids, g_ptr_array_unref);
  g_clear_pointer (&self->project_ids, g_ptr_array_unref);
  g_clear_pointer (&self->owner_ids, g_ptr_array_unref);

  G_OBJECT_CLASS (lotse_registers_parent_class)->dispose (object);
}

static void
lotse_registers_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  LotseRegisters *self = LOTSE_REGISTERS (object);

  switch (prop_id)
    {
    case PROP_NARROW:
      g_value_set_boolean (value, self->narrow);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lotse_registers_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  LotseRegisters *self = LOTSE_REGISTERS (object);

  switch (prop_id)
    {
    case PROP_NARROW:
      if (self->narrow != g_value_get_boolean (value))
        {
          self->narrow = g_value_get_boolean (value);
          g_object_notify_by_pspec (object, pspec);
        }
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lotse_registers_class_init (LotseRegistersClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lotse_registers_dispose;
  object_class->get_property = lotse_registers_get_property;
  object_class->set_property = lotse_registers_set_property;

  properties[PROP_NARROW] =
    g_param_spec_boolean ("narrow", NULL, NULL, FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/app/lotse/Lotse/jourfixe/lotse-registers.ui");
  gtk_widget_class_bind_template_child (widget_class, LotseRegisters, series_filter);
  gtk_widget_class_bind_template_child (widget_class, LotseRegisters, project_filter);
  gtk_widget_class_bind_template_child (widget_class, LotseRegisters, owner_filter);
  gtk_widget_class_bind_template_child (widget_class, LotseRegisters, state_filter);
  gtk_widget_class_bind_template_child (widget_class, LotseRegisters, pages);
  gtk_widget_class_bind_template_child (widget_class, LotseRegisters, actions_stack);
  gtk_widget_class_bind_template_child (widget_class, LotseRegisters, decisions_stack);
  gtk_widget_class_bind_template_child (widget_class, LotseRegisters, actions_view);
  gtk_widget_class_bind_template_child (widget_class, LotseRegisters, decisions_view);

  gtk_widget_class_bind_template_callback (widget_class, on_filter_changed);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
lotse_registers_init (LotseRegisters *self)
{
  g_autoptr(GtkStringList) states = gtk_string_list_new (NULL);
  g_autoptr(GtkListItemFactory) actions_factory = NULL;
  g_autoptr(GtkListItemFactory) decisions_factory = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->meetings = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  self->actions = g_list_store_new (LOTSE_TYPE_RECORD);
  self->decisions = g_list_store_new (LOTSE_TYPE_RECORD);
  self->filter = gtk_custom_filter_new (filter_func, self, NULL);
  self->actions_filtered = gtk_filter_list_model_new (G_LIST_MODEL (g_object_ref (self->actions)),
                                                      GTK_FILTER (g_object_ref (self->filter)));
  self->decisions_filtered = gtk_filter_list_model_new (G_LIST_MODEL (g_object_ref (self->decisions)),
                                                        GTK_FILTER (g_object_ref (self->filter)));

  lotse_drop_down_ellipsize (self->series_filter, 8);
  lotse_drop_down_ellipsize (self->project_filter, 8);
  lotse_drop_down_ellipsize (self->owner_filter, 8);
  lotse_drop_down_ellipsize (self->state_filter, 8);
  for (guint i = 0; action_states[i] != NULL; i++)
    gtk_string_list_append (states, lotse_enum_value_label (LOTSE_TABLE_ACTION_ITEM, LOTSE_ACTION_ITEM_STATUS,
                                                            action_states[i]));
  gtk_string_list_append (states, _("All states"));
  gtk_drop_down_set_model (self->state_filter, G_LIST_MODEL (states));
  gtk_drop_down_set_selected (self->state_filter, 0);

  actions_factory = row_factory (self, TRUE);
  decisions_factory = row_factory (self, FALSE);
  gtk_list_view_set_factory (self->actions_view, actions_factory);
  gtk_list_view_set_factory (self->decisions_view, decisions_factory);
  gtk_list_view_set_model (self->actions_view,
                           GTK_SELECTION_MODEL (gtk_no_selection_new (G_LIST_MODEL (g_object_ref (self->actions_filtered)))));
  gtk_list_view_set_model (self->decisions_view,
                           GTK_SELECTION_MODEL (gtk_no_selection_new (G_LIST_MODEL (g_object_ref (self->decisions_filtered)))));

  g_signal_connect_swapped (self->actions_filtered, "items-changed", G_CALLBACK (update_pages), self);
  g_signal_connect_swapped (self->decisions_filtered, "items-changed", G_CALLBACK (update_pages), self);
  update_pages (self);

  g_signal_connect_swapped (self->pages, "notify::visible-child-name", G_CALLBACK (on_page_changed), self);
  on_page_changed (self);
}

void
lotse_registers_set_catalog (LotseRegisters       *self,
                             LotseJourfixeCatalog *catalog)
{
  g_return_if_fail (LOTSE_IS_REGISTERS (self));

  if (self->catalog == catalog)
    return;

  if (self->catalog != NULL)
    g_signal_handlers_disconnect_by_func (lotse_jourfixe_catalog_get_store (self->catalog),
                                          on_store_changed, self);
  g_clear_handle_id (&self->reload_idle, g_source_remove);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->loading = FALSE;
  g_set_object (&self->catalog, catalog);
  self->loaded = FALSE;
  g_list_store_remove_all (self->actions);
  g_list_store_remove_all (self->decisions);
  update_pages (self);

  if (catalog != NULL)
    g_signal_connect_object (lotse_jourfixe_catalog_get_store (catalog), "changed",
                             G_CALLBACK (on_store_changed), self, G_CONNECT_SWAPPED);
}

void
lotse_registers_show (LotseRegisters *self,
                      const char     *page)
{
  g_return_if_fail (LOTSE_IS_REGISTERS (self));

  gtk_stack_set_visible_child_name (self->pages, page);
}

GListModel *
lotse_registers_get_actions (LotseRegisters *self)
{
  return G_LIST_MODEL (self->actions_filtered);
}

GListModel *
lotse_registers_get_decisions (LotseRegisters *self)
{
  return G_LIST_MODEL (self->decisions_filtered);
}

GtkDropDown *
lotse_registers_get_series_filter (LotseRegisters *self)
{
  return self->series_filter;
}

GtkDropDown *
lotse_registers_get_project_filter (LotseRegisters *self)
{
  return self->project_filter;
}

GtkDropDown *
lotse_registers_get_owner_filter (LotseRegisters *self)
{
  return self->owner_filter;
}

GtkDropDown *
lotse_registers_get_state_filter (LotseRegisters *self)
{
  return self->state_filter;
}
