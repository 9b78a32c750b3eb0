/* lotse-project-list.c: the filtered, sorted list of projects
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A GListModel of the projects (LotseRecord) that match a query. The
 * filters other than the text select the projects in SQL, once per change
 * of filter or store, together with their folded titles and acronyms
 * (lotse-project-query.c); a keystroke in the search only matches those in
 * memory, about a millisecond for 10,000 projects. The rows a list view asks
 * for are read a page at a time with their next and overdue milestones and
 * kept by rowid, so a project keeps its item object while the filter changes
 * (until the store changes); scrolling through 10,000 projects keeps a
 * bounded number of them: those far from the last page read are dropped.
 *
 * A change of the list is told to a list view in a way that lets GTK 4.8's
 * GtkListView keep its row widgets: it keeps about 200 of them alive, and
 * for rows it removes it destroys the widgets and builds new ones (setup,
 * CSS, bind; that was 120–300 ms per keystroke), while rows that only move
 * out of its view are given to new items with a bind. See emit_changes().
 *
 * At start-up the window creates the list with lotse_project_list_new_async():
 * the keys and the first rows a list view shows are read on a worker thread.
 * The view then holds the list back to a screenful
 * (lotse_project_list_hold_back()) until that is painted: GTK 4.8's list
 * view builds and measures a row for each of the first 200 items it is
 * given, about 100 ms of the start-up on the benchmark machine, and the
 * user waits only for those on screen.
 */

#define G_LOG_DOMAIN "lotse-project-list"

#include "config.h"

#include <string.h>

#include "lotse-project-list.h"

#define PAGE_SIZE 64
/* Pages of projects kept; enough for what a window shows. */
#define MAX_PAGES 16
/* Pages read ahead by lotse_project_list_new_async(): GTK 4.8's list view
 * builds about 200 rows as soon as it has a model. */
#define FIRST_PAGES 4

struct _LotseProjectList
{
  GObject            parent_instance;

  LotseStore        *store;
  LotseProjectQuery *query;
  char              *today;
  GArray            *rowids;    /* gint64, in list order */
  GArray            *keys;      /* LotseProjectKey of keys_query, or NULL */
  LotseProjectQuery *keys_query;
  GHashTable        *loaded;    /* &rowid → LotseProjectSummary */
  guint              n_page_loads;
  guint              held_back_at;  /* items shown while held back, or 0 */
  GdkFrameClock     *release_clock; /* weak: releases after its next paint */
  gulong             release_id;
  gulong             changed_id;
};

enum {
  PROP_0,
  PROP_N_ITEMS,
  N_PROPS
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (LotseProjectList, lotse_project_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

static GParamSpec *properties[N_PROPS];

static void refresh (LotseProjectList *self);

static GType
lotse_project_list_get_item_type (GListModel *model)
{
  return LOTSE_TYPE_RECORD;
}

static guint
n_shown (LotseProjectList *self)
{
  if (self->held_back_at > 0)
    return MIN (self->held_back_at, self->rowids->len);

  return self->rowids->len;
}

static guint
lotse_project_list_get_n_items (GListModel *model)
{
  return n_shown (LOTSE_PROJECT_LIST (model));
}

/* Drops the projects read before that are not near the page just read. */
static void
drop_far_summaries (LotseProjectList *self,
                    guint             page)
{
  g_autoptr(GHashTable) near = NULL;
  GHashTableIter iter;
  gpointer value;
  guint start, end;

  if (g_hash_table_size (self->loaded) + PAGE_SIZE <= MAX_PAGES * PAGE_SIZE)
    return;

  /* MAX_PAGES pages around @page, @page included: at most that many
   * projects once it is read. */
  start = page > MAX_PAGES / 2 - 1 ? (page - (MAX_PAGES / 2 - 1)) * PAGE_SIZE : 0;
  end = MIN (self->rowids->len, (page + MAX_PAGES / 2 + 1) * PAGE_SIZE);
  near = g_hash_table_new (g_int64_hash, g_int64_equal);
  for (guint i = start; i < end; i++)
    g_hash_table_add (near, &g_array_index (self->rowids, gint64, i));

  g_hash_table_iter_init (&iter, self->loaded);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      const LotseProjectSummary *summary = value;

      if (!g_hash_table_contains (near, &summary->rowid))
        g_hash_table_iter_remove (&iter);
    }
}

/* Reads the projects of @page that are not in memory yet. */
static void
load_page (LotseProjectList *self,
           guint             page)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) missing = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GPtrArray) summaries = NULL;
  guint start = page * PAGE_SIZE;
  guint end = MIN (start + PAGE_SIZE, self->rowids->len);

  drop_far_summaries (self, page);

  for (guint i = start; i < end; i++)
    {
      gint64 rowid = g_array_index (self->rowids, gint64, i);

      if (!g_hash_table_contains (self->loaded, &rowid))
        g_array_append_val (missing, rowid);
    }
  if (missing->len == 0)
    return;

  summaries = lotse_project_query_summaries (self->store, (const gint64 *) missing->data,
                                             missing->len, self->today, &error);
  if (summaries == NULL)
    {
      g_warning ("Could not read projects: %s", error->message);
      return;
    }

  self->n_page_loads++;
  g_ptr_array_set_free_func (summaries, NULL);
  for (guint i = 0; i < summaries->len; i++)
    {
      LotseProjectSummary *summary = g_ptr_array_index (summaries, i);

      g_hash_table_replace (self->loaded, &summary->rowid, summary);
    }
}

/**
 * lotse_project_list_get_summary:
 * @self: a list
 * @position: a position in the list
 *
 * Returns: (transfer none) (nullable): the project at @position with its
 *   milestone figures, valid until the list changes or reads other pages;
 *   the same project object for the same project as long as the store does
 *   not change
 */
const LotseProjectSummary *
lotse_project_list_get_summary (LotseProjectList *self,
                                guint             position)
{
  const LotseProjectSummary *summary;
  gint64 rowid;

  g_return_val_if_fail (LOTSE_IS_PROJECT_LIST (self), NULL);

  if (position >= self->rowids->len)
    return NULL;

  rowid = g_array_index (self->rowids, gint64, position);
  summary = g_hash_table_lookup (self->loaded, &rowid);
  if (summary == NULL)
    {
      load_page (self, position / PAGE_SIZE);
      /* NULL for a project deleted since the count: reload() follows with
       * the store's signal. */
      summary = g_hash_table_lookup (self->loaded, &rowid);
    }

  return summary;
}

static gpointer
lotse_project_list_get_item (GListModel *model,
                             guint       position)
{
  const LotseProjectSummary *summary;

  if (position >= n_shown (LOTSE_PROJECT_LIST (model)))
    return NULL;

  summary = lotse_project_list_get_summary (LOTSE_PROJECT_LIST (model), position);
  if (summary == NULL)
    return NULL;

  return g_object_ref (summary->project);
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = lotse_project_list_get_item_type;
  iface->get_n_items = lotse_project_list_get_n_items;
  iface->get_item = lotse_project_list_get_item;
}

static void
on_store_changed (LotseProjectList *self,
                  const char       *table,
                  const char       *id,
                  LotseStore       *store)
{
  if (g_strcmp0 (table, LOTSE_TABLE_PROJECT) == 0 || g_strcmp0 (table, LOTSE_TABLE_MILESTONE) == 0)
    lotse_project_list_reload (self);
}

static void
lotse_project_list_dispose (GObject *object)
{
  LotseProjectList *self = (LotseProjectList *)object;

  if (self->store != NULL)
    g_clear_signal_handler (&self->changed_id, self->store);
  g_clear_object (&self->store);
  if (self->release_clock != NULL)
    g_clear_signal_handler (&self->release_id, self->release_clock);
  g_clear_weak_pointer (&self->release_clock);

  G_OBJECT_CLASS (lotse_project_list_parent_class)->dispose (object);
}

static void
lotse_project_list_finalize (GObject *object)
{
  LotseProjectList *self = (LotseProjectList *)object;

  g_clear_pointer (&self->loaded, g_hash_table_unref);
  g_clear_pointer (&self->rowids, g_array_unref);
  g_clear_pointer (&self->keys, g_array_unref);
  g_clear_pointer (&self->keys_query, lotse_project_query_free);
  g_clear_pointer (&self->query, lotse_project_query_free);
  g_clear_pointer (&self->today, g_free);

  G_OBJECT_CLASS (lotse_project_list_parent_class)->finalize (object);
}

static void
lotse_project_list_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  LotseProjectList *self = LOTSE_PROJECT_LIST (object);

  switch (prop_id)
    {
    case PROP_N_ITEMS:
      g_value_set_uint (value, n_shown (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lotse_project_list_class_init (LotseProjectListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = lotse_project_list_dispose;
  object_class->finalize = lotse_project_list_finalize;
  object_class->get_property = lotse_project_list_get_property;

  properties[PROP_N_ITEMS] =
    g_param_spec_uint ("n-items", NULL, NULL, 0, G_MAXUINT, 0,
                       (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
lotse_project_list_init (LotseProjectList *self)
{
  self->loaded = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL,
                                        (GDestroyNotify) lotse_project_summary_free);
  self->rowids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->query = lotse_project_query_new ();
  self->today = lotse_monitor_today ();
}

/**
 * lotse_project_list_new:
 * @store: the store to read from
 *
 * Returns: (transfer full): a list of all projects by title that follows
 *   the store's changes
 */
LotseProjectList *
lotse_project_list_new (LotseStore *store)
{
  LotseProjectList *self;

  g_return_val_if_fail (LOTSE_IS_STORE (store), NULL);

  self = g_object_new (LOTSE_TYPE_PROJECT_LIST, NULL);
  self->store = g_object_ref (store);
  self->changed_id = g_signal_connect_object (store, "changed",
                                              G_CALLBACK (on_store_changed), self,
                                              G_CONNECT_SWAPPED);
  lotse_project_list_reload (self);

  return self;
}

/* The rowids of @keys whose title or acronym contains @text */
static GArray *
match_keys (GArray     *keys,
            const char *text)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (text != NULL ? text : ""));
  g_autofree char *needle = lotse_project_fold (trimmed);
  GArray *rowids = g_array_sized_new (FALSE, FALSE, sizeof (gint64), keys->len);

  for (guint i = 0; i < keys->len; i++)
    {
      const LotseProjectKey *key = &g_array_index (keys, LotseProjectKey, i);

      if (*needle == '\0' || strstr (key->key, needle) != NULL)
        g_array_append_val (rowids, key->rowid);
    }

  return rowids;
}

/* What a worker reads for lotse_project_list_new_async(): its own copies,
 * freed on whichever thread the job ends. */
typedef struct
{
  LotseProjectQuery *query;
  char              *today;
} ReadRequest;

typedef struct
{
  GArray    *keys;        /* of the query without its text */
  GArray    *rowids;      /* the keys that match the text */
  GPtrArray *summaries;   /* the first FIRST_PAGES pages of rowids */
} ReadResult;

/* The task's data, on the main thread while the worker reads */
typedef struct
{
  LotseStore        *store;
  LotseProjectQuery *query;
  char              *today;
  gulong             changed_id;
  gboolean           changed;
} Reading;

static void
read_request_free (ReadRequest *request)
{
  lotse_project_query_free (request->query);
  g_free (request->today);
  g_free (request);
}

static void
read_result_free (ReadResult *result)
{
  g_clear_pointer (&result->keys, g_array_unref);
  g_clear_pointer (&result->rowids, g_array_unref);
  g_clear_pointer (&result->summaries, g_ptr_array_unref);
  g_free (result);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ReadResult, read_result_free)

static void
reading_free (Reading *reading)
{
  g_clear_signal_handler (&reading->changed_id, reading->store);
  g_clear_object (&reading->store);
  lotse_project_query_free (reading->query);
  g_free (reading->today);
  g_free (reading);
}

/* On the worker: what refresh_full() and the first load_page() calls read */
static gpointer
read_first_rows (LotseStore  *store,
                 gpointer     data,
                 GError     **error)
{
  ReadRequest *request = data;
  g_autoptr(LotseProjectQuery) filters = lotse_project_query_copy (request->query);
  g_autoptr(ReadResult) result = g_new0 (ReadResult, 1);

  g_clear_pointer (&filters->text, g_free);
  result->keys = lotse_project_query_keys (store, filters, request->today, error);
  if (result->keys == NULL)
    return NULL;

  result->rowids = match_keys (result->keys, request->query->text);
  result->summaries = lotse_project_query_summaries (store, (const gint64 *) result->rowids->data,
                                                     MIN (result->rowids->len,
                                                          FIRST_PAGES * PAGE_SIZE),
                                                     request->today, error);
  if (result->summaries == NULL)
    return NULL;

  return g_steal_pointer (&result);
}

static void
on_changed_while_reading (Reading *reading)
{
  reading->changed = TRUE;
}

static void
on_first_rows_read (GObject      *object,
                    GAsyncResult *res,
                    gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(ReadResult) result = NULL;

  result = lotse_store_reader_run_finish (LOTSE_STORE_READER (object), res, &error);
  if (result == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, g_steal_pointer (&result), (GDestroyNotify) read_result_free);
}

/**
 * lotse_project_list_new_async:
 * @store: the store to read from
 * @query: the filters and order to show
 * @cancellable: (nullable): to stop the reading
 * @callback: called on this thread once the list has its rows
 * @user_data: for @callback
 *
 * Reads the projects that match @query, and the first rows a list view
 * shows, on a worker thread, so that the window's first frame does not
 * wait for them.
 */
void
lotse_project_list_new_async (LotseStore              *store,
                              const LotseProjectQuery *query,
                              GCancellable            *cancellable,
                              GAsyncReadyCallback      callback,
                              gpointer                 user_data)
{
  GTask *task;
  Reading *reading;
  ReadRequest *request;

  g_return_if_fail (LOTSE_IS_STORE (store));
  g_return_if_fail (query != NULL);

  reading = g_new0 (Reading, 1);
  reading->store = g_object_ref (store);
  reading->query = lotse_project_query_copy (query);
  reading->today = lotse_monitor_today ();
  /* The worker's snapshot may miss a write made meanwhile. */
  reading->changed_id = g_signal_connect_swapped (store, "changed",
                                                  G_CALLBACK (on_changed_while_reading), reading);

  request = g_new0 (ReadRequest, 1);
  request->query = lotse_project_query_copy (query);
  request->today = g_strdup (reading->today);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, lotse_project_list_new_async);
  g_task_set_task_data (task, reading, (GDestroyNotify) reading_free);
  lotse_store_reader_run_async (lotse_store_get_reader (store), read_first_rows, request,
                                (GDestroyNotify) read_request_free,
                                (GDestroyNotify) read_result_free, cancellable,
                                on_first_rows_read, task);
}

/**
 * lotse_project_list_new_finish:
 * @result: the result given to the callback
 * @error: a location for a #GError; %G_IO_ERROR_CANCELLED if cancelled
 *
 * Returns: (transfer full) (nullable): the list of the projects, which
 *   follows the store's changes from now on
 */
LotseProjectList *
lotse_project_list_new_finish (GAsyncResult  *result,
                               GError       **error)
{
  Reading *reading;
  g_autoptr(ReadResult) read = NULL;
  LotseProjectList *self;

  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  read = g_task_propagate_pointer (G_TASK (result), error);
  if (read == NULL)
    return NULL;

  reading = g_task_get_task_data (G_TASK (result));
  self = g_object_new (LOTSE_TYPE_PROJECT_LIST, NULL);
  self->store = g_object_ref (reading->store);
  self->changed_id = g_signal_connect_object (self->store, "changed",
                                              G_CALLBACK (on_store_changed), self,
                                              G_CONNECT_SWAPPED);
  lotse_project_query_free (self->query);
  self->query = lotse_project_query_copy (reading->query);
  g_free (self->today);
  self->today = g_strdup (reading->today);
  self->keys = g_steal_pointer (&read->keys);
  self->keys_query = lotse_project_query_copy (reading->query);
  g_clear_pointer (&self->keys_query->text, g_free);
  g_array_unref (self->rowids);
  self->rowids = g_steal_pointer (&read->rowids);
  self->n_page_loads = (read->summaries->len + PAGE_SIZE - 1) / PAGE_SIZE;
  g_ptr_array_set_free_func (read->summaries, NULL);
  for (guint i = 0; i < read->summaries->len; i++)
    {
      LotseProjectSummary *summary = g_ptr_array_index (read->summaries, i);

      g_hash_table_replace (self->loaded, &summary->rowid, summary);
    }

  if (reading->changed)
    lotse_project_list_reload (self);

  return self;
}

const LotseProjectQuery *
lotse_project_list_get_query (LotseProjectList *self)
{
  g_return_val_if_fail (LOTSE_IS_PROJECT_LIST (self), NULL);

  return self->query;
}

/**
 * lotse_project_list_set_query:
 * @self: a list
 * @query: the filters and order to show
 *
 * Reads the matching projects again, unless @query is what the list shows.
 */
void
lotse_project_list_set_query (LotseProjectList        *self,
                              const LotseProjectQuery *query)
{
  g_return_if_fail (LOTSE_IS_PROJECT_LIST (self));
  g_return_if_fail (query != NULL);

  if (lotse_project_query_equal (self->query, query))
    return;

  lotse_project_query_free (self->query);
  self->query = lotse_project_query_copy (query);
  refresh (self);
}

/**
 * lotse_project_list_set_today:
 * @self: a list
 * @today: YYYY-MM-DD; milestones due before it count as overdue
 *
 * For tests and for a list that stays open past midnight.
 */
void
lotse_project_list_set_today (LotseProjectList *self,
                              const char       *today)
{
  g_return_if_fail (LOTSE_IS_PROJECT_LIST (self));
  g_return_if_fail (today != NULL);

  if (g_strcmp0 (self->today, today) == 0)
    return;

  g_free (self->today);
  self->today = g_strdup (today);
  lotse_project_list_reload (self);
}

/* The rowids of the projects that match the query: the filters from the
 * keys read last, unless they changed, and the text in memory. */
static GArray *
match_text (LotseProjectList  *self,
            GError           **error)
{
  g_autoptr(LotseProjectQuery) filters = lotse_project_query_copy (self->query);

  g_clear_pointer (&filters->text, g_free);
  if (self->keys == NULL || self->keys_query == NULL ||
      !lotse_project_query_equal (self->keys_query, filters))
    {
      g_clear_pointer (&self->keys, g_array_unref);
      self->keys = lotse_project_query_keys (self->store, filters, self->today, error);
      if (self->keys == NULL)
        return NULL;
      g_clear_pointer (&self->keys_query, lotse_project_query_free);
      self->keys_query = g_steal_pointer (&filters);
    }

  return match_keys (self->keys, self->query->text);
}

/* Tells a list view that the rows changed from @old to self->rowids, in
 * signals that let GTK 4.8's GtkListView keep its row widgets. After the
 * rows both lists share at the top (P of them), three signals:
 *
 *   1. the new rows go in after the first old row that differs:
 *      old[..P] new[P..] old[P+1..]. The view's anchor stays on old[P], so
 *      the widgets of the old rows below it leave its view without being
 *      removed, and it gives them to the new rows (a bind each) instead of
 *      destroying them and building new ones;
 *   2. the old rows after them go, now out of view, without widgets;
 *   3. old[P] goes: one widget destroyed and one built.
 *
 * One signal that replaces all rows would make the view look for every new
 * item among the removed ones (reading every page of 10,000 projects);
 * removing all and adding all would destroy and build all its rows. */
static void
emit_changes (LotseProjectList *self,
              GArray           *old,
              gboolean          same_data)
{
  GArray *new = self->rowids;
  guint n_old = old->len;
  guint n_new = new->len;
  guint prefix = 0;

  if (same_data)
    while (prefix < n_old && prefix < n_new &&
           g_array_index (old, gint64, prefix) == g_array_index (new, gint64, prefix))
      prefix++;

  if (prefix == n_old && prefix == n_new)
    return;

  if (prefix == n_old || prefix == n_new)
    {
      /* Rows only added or removed at the end. */
      g_list_model_items_changed (G_LIST_MODEL (self), prefix, n_old - prefix, n_new - prefix);
      return;
    }

  {
    g_autoptr(GArray) final = g_steal_pointer (&self->rowids);
    GArray *rows = g_array_sized_new (FALSE, FALSE, sizeof (gint64), n_old + n_new);

    /* old[..P] new[P..] old[P+1..] */
    g_array_append_vals (rows, old->data, prefix + 1);
    g_array_append_vals (rows, &g_array_index (final, gint64, prefix), n_new - prefix);
    g_array_append_vals (rows, &g_array_index (old, gint64, prefix + 1), n_old - prefix - 1);
    self->rowids = rows;
    g_list_model_items_changed (G_LIST_MODEL (self), prefix + 1, 0, n_new - prefix);

    g_array_set_size (rows, n_new + 1);
    g_list_model_items_changed (G_LIST_MODEL (self), n_new + 1, n_old - prefix - 1, 0);

    g_array_remove_index (rows, prefix);
    g_list_model_items_changed (G_LIST_MODEL (self), prefix, 1, 0);

    g_array_unref (g_steal_pointer (&self->rowids));
    self->rowids = g_steal_pointer (&final);
  }
}

/* Matches the query again. @same_data: whether the store is unchanged since
 * the projects in memory were read. */
static void
refresh_full (LotseProjectList *self,
              gboolean          same_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) rowids = NULL;
  g_autoptr(GArray) old = NULL;

  /* emit_changes() speaks of all the rows. */
  lotse_project_list_release (self);

  rowids = match_text (self, &error);
  if (rowids == NULL)
    {
      g_warning ("Could not list projects: %s", error->message);
      rowids = g_array_new (FALSE, FALSE, sizeof (gint64));
    }

  if (!same_data)
    g_hash_table_remove_all (self->loaded);

  old = g_steal_pointer (&self->rowids);
  self->rowids = g_steal_pointer (&rowids);
  emit_changes (self, old, same_data);

  if (old->len != self->rowids->len)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
}

static void
refresh (LotseProjectList *self)
{
  refresh_full (self, TRUE);
}

/**
 * lotse_project_list_reload:
 * @self: a list
 *
 * Reads the matching projects from the store again.
 */
void
lotse_project_list_reload (LotseProjectList *self)
{
  g_return_if_fail (LOTSE_IS_PROJECT_LIST (self));

  g_clear_pointer (&self->keys, g_array_unref);
  refresh_full (self, FALSE);
}

/**
 * lotse_project_list_find:
 * @self: a list
 * @id: a project's id
 *
 * Returns: the position of project @id, or %GTK_INVALID_LIST_POSITION
 *   (G_MAXUINT) if the list does not show it
 */
guint
lotse_project_list_find (LotseProjectList *self,
                         const char       *id)
{
  gint64 rowid;

  g_return_val_if_fail (LOTSE_IS_PROJECT_LIST (self), G_MAXUINT);
  g_return_val_if_fail (id != NULL, G_MAXUINT);

  rowid = lotse_project_query_rowid (self->store, id);
  if (rowid == 0)
    return G_MAXUINT;

  for (guint i = 0; i < self->rowids->len; i++)
    if (g_array_index (self->rowids, gint64, i) == rowid)
      {
        /* The caller is about to show it. */
        if (i >= n_shown (self))
          lotse_project_list_release (self);
        return i;
      }

  return G_MAXUINT;
}

/**
 * lotse_project_list_hold_back:
 * @self: a list no list view has seen yet
 * @widget: the widget that will show the list, realized
 * @n_first: how many items to show until then
 *
 * Shows only the first @n_first items until @widget's next frame is
 * painted, so that the first screenful is painted before a list view
 * builds rows for the rest. Any change of the list, or
 * lotse_project_list_release(), shows all of them sooner. Without a frame
 * clock (@widget not realized) everything is shown at once.
 */
void
lotse_project_list_hold_back (LotseProjectList *self,
                              GtkWidget        *widget,
                              guint             n_first)
{
  GdkFrameClock *clock;

  g_return_if_fail (LOTSE_IS_PROJECT_LIST (self));
  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (n_first > 0);

  clock = gtk_widget_get_frame_clock (widget);
  if (clock == NULL || self->held_back_at > 0)
    return;

  self->held_back_at = n_first;
  g_set_weak_pointer (&self->release_clock, clock);
  self->release_id = g_signal_connect_object (clock, "after-paint",
                                              G_CALLBACK (lotse_project_list_release), self,
                                              G_CONNECT_SWAPPED);
}

/**
 * lotse_project_list_release:
 * @self: a list
 *
 * Shows all the items that lotse_project_list_hold_back() held back.
 */
void
lotse_project_list_release (LotseProjectList *self)
{
  guint shown;

  g_return_if_fail (LOTSE_IS_PROJECT_LIST (self));

  if (self->held_back_at == 0)
    return;

  if (self->release_clock != NULL)
    g_clear_signal_handler (&self->release_id, self->release_clock);
  g_clear_weak_pointer (&self->release_clock);
  shown = n_shown (self);
  self->held_back_at = 0;
  if (shown == self->rowids->len)
    return;

  g_list_model_items_changed (G_LIST_MODEL (self), shown, 0, self->rowids->len - shown);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
}

/**
 * lotse_project_list_get_n_loaded:
 * @self: a list
 *
 * Returns: how many projects are held in memory; for tests and benchmarks
 */
guint
lotse_project_list_get_n_loaded (LotseProjectList *self)
{
  g_return_val_if_fail (LOTSE_IS_PROJECT_LIST (self), 0);

  return g_hash_table_size (self->loaded);
}

/**
 * lotse_project_list_get_n_page_loads:
 * @self: a list
 *
 * Returns: how many pages the list has read so far; for tests and
 *   benchmarks
 */
guint
lotse_project_list_get_n_page_loads (LotseProjectList *self)
{
  g_return_val_if_fail (LOTSE_IS_PROJECT_LIST (self), 0);

  return self->n_page_loads;
}
