/* lotse-record-list.c: a lazily paged GListModel over one table
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Counts the rows up front and reads them a page at a time when a list
 * view asks for an item, so a window over 10,000 projects reads only the
 * rows it shows.
 */

#define G_LOG_DOMAIN "lotse-record-list"

#include "config.h"

#include "lotse-record-list.h"

#define PAGE_SIZE 64

struct _LotseRecordList
{
  GObject     parent_instance;

  LotseStore *store;
  char       *table;
  char       *order_field;
  GArray     *filters;     /* LotseFilter with owned strings */
  GHashTable *pages;       /* page index → GPtrArray of LotseRecord */
  guint       n_items;
  gulong      changed_id;
};

enum {
  PROP_0,
  PROP_N_ITEMS,
  N_PROPS
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (LotseRecordList, lotse_record_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

static GParamSpec *properties[N_PROPS];

static GType
lotse_record_list_get_item_type (GListModel *model)
{
  return LOTSE_TYPE_RECORD;
}

static guint
lotse_record_list_get_n_items (GListModel *model)
{
  return LOTSE_RECORD_LIST (model)->n_items;
}

static GPtrArray *
load_page (LotseRecordList *self,
           guint            page)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *rows;

  rows = lotse_store_list (self->store, self->table,
                           (const LotseFilter *)(gpointer)self->filters->data, self->filters->len,
                           self->order_field, PAGE_SIZE, page * PAGE_SIZE, &error);
  if (rows == NULL)
    {
      g_warning ("Could not read %s: %s", self->table, error->message);
      rows = g_ptr_array_new_with_free_func (g_object_unref);
    }

  g_hash_table_insert (self->pages, GUINT_TO_POINTER (page), rows);

  return rows;
}

static gpointer
lotse_record_list_get_item (GListModel *model,
                            guint       position)
{
  LotseRecordList *self = LOTSE_RECORD_LIST (model);
  guint page = position / PAGE_SIZE;
  GPtrArray *rows;

  if (position >= self->n_items)
    return NULL;

  rows = g_hash_table_lookup (self->pages, GUINT_TO_POINTER (page));
  if (rows == NULL)
    rows = load_page (self, page);

  /* The table may have shrunk since it was counted; reload() follows. */
  if (position % PAGE_SIZE >= rows->len)
    return NULL;

  return g_object_ref (g_ptr_array_index (rows, position % PAGE_SIZE));
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = lotse_record_list_get_item_type;
  iface->get_n_items = lotse_record_list_get_n_items;
  iface->get_item = lotse_record_list_get_item;
}

static void
on_store_changed (LotseRecordList *self,
                  const char      *table,
                  const char      *id,
                  LotseStore      *store)
{
  if (g_strcmp0 (table, self->table) == 0)
    lotse_record_list_reload (self);
}

static void
clear_filter (gpointer data)
{
  LotseFilter *filter = data;

  g_free ((char *)filter->field);
  g_free ((char *)filter->value);
}

static void
lotse_record_list_dispose (GObject *object)
{
  LotseRecordList *self = (LotseRecordList *)object;

  if (self->store != NULL)
    g_clear_signal_handler (&self->changed_id, self->store);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (lotse_record_list_parent_class)->dispose (object);
}

static void
lotse_record_list_finalize (GObject *object)
{
  LotseRecordList *self = (LotseRecordList *)object;

  g_clear_pointer (&self->pages, g_hash_table_unref);
  g_clear_pointer (&self->filters, g_array_unref);
  g_free (self->table);
  g_free (self->order_field);

  G_OBJECT_CLASS (lotse_record_list_parent_class)->finalize (object);
}

static void
lotse_record_list_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  LotseRecordList *self = LOTSE_RECORD_LIST (object);

  switch (prop_id)
    {
    case PROP_N_ITEMS:
      g_value_set_uint (value, self->n_items);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lotse_record_list_class_init (LotseRecordListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = lotse_record_list_dispose;
  object_class->finalize = lotse_record_list_finalize;
  object_class->get_property = lotse_record_list_get_property;

  properties[PROP_N_ITEMS] =
    g_param_spec_uint ("n-items", NULL, NULL, 0, G_MAXUINT, 0,
                       (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
lotse_record_list_init (LotseRecordList *self)
{
  self->pages = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify)g_ptr_array_unref);
  self->filters = g_array_new (FALSE, TRUE, sizeof (LotseFilter));
  g_array_set_clear_func (self->filters, clear_filter);
}

/**
 * lotse_record_list_new:
 * @store: the store to read from
 * @table: a table name
 * @order_field: (nullable): the field to sort by, %NULL for the default
 *
 * Returns: (transfer full): a list of the table's rows that follows the
 *   store's changes
 */
LotseRecordList *
lotse_record_list_new (LotseStore *store,
                       const char *table,
                       const char *order_field)
{
  LotseRecordList *self;

  g_return_val_if_fail (LOTSE_IS_STORE (store), NULL);
  g_return_val_if_fail (lotse_schema_lookup_table (table) != NULL, NULL);

  self = g_object_new (LOTSE_TYPE_RECORD_LIST, NULL);
  self->store = g_object_ref (store);
  self->table = g_strdup (table);
  self->order_field = g_strdup (order_field);
  self->changed_id = g_signal_connect_object (store, "changed",
                                              G_CALLBACK (on_store_changed), self,
                                              G_CONNECT_SWAPPED);
  lotse_record_list_reload (self);

  return self;
}

/**
 * lotse_record_list_add_filter:
 * @self: a list
 * @field: a field of the table
 * @value: (nullable): the value it must have; %NULL for unset
 *
 * Restricts the list and reloads it.
 */
void
lotse_record_list_add_filter (LotseRecordList *self,
                              const char      *field,
                              const char      *value)
{
  LotseFilter filter;

  g_return_if_fail (LOTSE_IS_RECORD_LIST (self));
  g_return_if_fail (field != NULL);

  filter.field = g_strdup (field);
  filter.value = g_strdup (value);
  g_array_append_val (self->filters, filter);

  lotse_record_list_reload (self);
}

/**
 * lotse_record_list_reload:
 * @self: a list
 *
 * Counts the rows again and drops the pages read so far.
 */
void
lotse_record_list_reload (LotseRecordList *self)
{
  g_autoptr(GError) error = NULL;
  guint old_n_items;
  gint64 count;

  g_return_if_fail (LOTSE_IS_RECORD_LIST (self));

  count = lotse_store_count (self->store, self->table,
                             (const LotseFilter *)(gpointer)self->filters->data, self->filters->len,
                             &error);
  if (count < 0)
    {
      g_warning ("Could not count %s: %s", self->table, error->message);
      count = 0;
    }

  old_n_items = self->n_items;
  self->n_items = (guint)count;
  g_hash_table_remove_all (self->pages);

  if (old_n_items == 0 && self->n_items == 0)
    return;

  g_list_model_items_changed (G_LIST_MODEL (self), 0, old_n_items, self->n_items);
  if (old_n_items != self->n_items)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
}

const char *
lotse_record_list_get_table (LotseRecordList *self)
{
  g_return_val_if_fail (LOTSE_IS_RECORD_LIST (self), NULL);

  return self->table;
}

/**
 * lotse_record_list_get_n_loaded:
 * @self: a list
 *
 * Returns: how many rows are held in memory; for tests and benchmarks
 */
guint
lotse_record_list_get_n_loaded (LotseRecordList *self)
{
  GHashTableIter iter;
  gpointer value;
  guint n = 0;

  g_return_val_if_fail (LOTSE_IS_RECORD_LIST (self), 0);

  g_hash_table_iter_init (&iter, self->pages);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    n += ((GPtrArray *)value)->len;

  return n;
}
