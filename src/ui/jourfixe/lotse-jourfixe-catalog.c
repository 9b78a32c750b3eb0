/* lotse-jourfixe-catalog.c: names of people, projects and series for the meeting editors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The agenda, the participants and the registers show people, projects
 * and series by name and offer them in drop-downs. The catalog reads each
 * table once, when it is first asked for it, keeps the names in one
 * GtkStringList per table (position 0 is “None”) that every drop-down
 * shares, and reads a table again when the store says it changed.
 * Titles alone are looked up one by one and remembered, so showing an
 * agenda does not read all 20,000 people of a large office; milestones
 * (100,000 in the benchmark database) are only ever looked up that way.
 */

#define G_LOG_DOMAIN "lotse-jourfixe-catalog"

#include "config.h"

#include <glib/gi18n.h>

#include "lotse-drop-down.h"
#include "lotse-jourfixe-catalog.h"

#define TABLE_KEY "lotse-catalog-table"

typedef struct
{
  GtkStringList *names;  /* "None", then the titles */
  GPtrArray     *ids;    /* NULL, then the ids, in the order of names */
  GHashTable    *titles; /* id → title */
  gboolean       loaded;
} Table;

struct _LotseJourfixeCatalog
{
  GObject     parent_instance;

  LotseStore *store;
  GHashTable *tables;    /* name → Table */
};

G_DEFINE_FINAL_TYPE (LotseJourfixeCatalog, lotse_jourfixe_catalog, G_TYPE_OBJECT)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
table_free (gpointer data)
{
  Table *table = data;

  g_clear_object (&table->names);
  g_clear_pointer (&table->ids, g_ptr_array_unref);
  g_clear_pointer (&table->titles, g_hash_table_unref);
  g_free (table);
}

static const char *
order_for (const char *table)
{
  return g_str_equal (table, "person") ? "name" : "title";
}

static void
load_table (LotseJourfixeCatalog *self,
            const char           *name,
            Table                *table)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GPtrArray) strings = g_ptr_array_new ();
  guint old_n = g_list_model_get_n_items (G_LIST_MODEL (table->names));

  rows = lotse_store_list (self->store, name, NULL, 0, order_for (name), 0, 0, &error);
  if (rows == NULL)
    {
      g_warning ("Could not read %s: %s", name, error->message);
      rows = g_ptr_array_new_with_free_func (g_object_unref);
    }

  g_ptr_array_set_size (table->ids, 0);
  g_hash_table_remove_all (table->titles);

  /* Translators: the choice of no person, project or series */
  g_ptr_array_add (strings, (gpointer)C_("choice", "None"));
  g_ptr_array_add (table->ids, NULL);
  for (guint i = 0; i < rows->len; i++)
    {
      LotseRecord *record = g_ptr_array_index (rows, i);
      const char *title = lotse_record_get_title (record);

      g_ptr_array_add (strings, (gpointer)(title ? title : ""));
      g_ptr_array_add (table->ids, g_strdup (lotse_record_get_id (record)));
      g_hash_table_insert (table->titles, g_strdup (lotse_record_get_id (record)),
                           g_strdup (title ? title : ""));
    }
  g_ptr_array_add (strings, NULL);

  table->loaded = TRUE;
  gtk_string_list_splice (table->names, 0, old_n, (const char * const *)strings->pdata);
}

static Table *
get_table_full (LotseJourfixeCatalog *self,
                const char           *name,
                gboolean              load)
{
  Table *table = g_hash_table_lookup (self->tables, name);

  if (table == NULL)
    {
      table = g_new0 (Table, 1);
      table->names = gtk_string_list_new (NULL);
      table->ids = g_ptr_array_new_with_free_func (g_free);
      table->titles = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
      g_hash_table_insert (self->tables, g_strdup (name), table);
    }

  /* Milestones are looked up one by one, see lotse_jourfixe_catalog_get_title(). */
  if (load && !table->loaded && !g_str_equal (name, "milestone"))
    load_table (self, name, table);

  return table;
}

static Table *
get_table (LotseJourfixeCatalog *self,
           const char           *name)
{
  return get_table_full (self, name, TRUE);
}

static void
on_store_changed (LotseJourfixeCatalog *self,
                  const char           *table_name,
                  const char           *id,
                  LotseStore           *store)
{
  Table *table = g_hash_table_lookup (self->tables, table_name);

  if (table == NULL)
    return;

  if (!table->loaded)
    {
      if (id != NULL)
        g_hash_table_remove (table->titles, id);
      else
        g_hash_table_remove_all (table->titles);
    }
  else if (table->loaded)
    {
      load_table (self, table_name, table);
    }

  g_signal_emit (self, signals[CHANGED], 0, table_name);
}

static void
lotse_jourfixe_catalog_dispose (GObject *object)
{
  LotseJourfixeCatalog *self = LOTSE_JOURFIXE_CATALOG (object);

  if (self->store != NULL)
    g_signal_handlers_disconnect_by_func (self->store, on_store_changed, self);
  g_clear_object (&self->store);
  g_clear_pointer (&self->tables, g_hash_table_unref);

  G_OBJECT_CLASS (lotse_jourfixe_catalog_parent_class)->dispose (object);
}

static void
lotse_jourfixe_catalog_class_init (LotseJourfixeCatalogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = lotse_jourfixe_catalog_dispose;

  /**
   * LotseJourfixeCatalog::changed:
   * @table: the table whose names changed
   */
  signals[CHANGED] =
    g_signal_new ("changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
lotse_jourfixe_catalog_init (LotseJourfixeCatalog *self)
{
  self->tables = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, table_free);
}

/**
 * lotse_jourfixe_catalog_new:
 * @store: the store to read
 *
 * Returns: (transfer full): a catalog that reads tables when first asked
 */
LotseJourfixeCatalog *
lotse_jourfixe_catalog_new (LotseStore *store)
{
  LotseJourfixeCatalog *self;

  g_return_val_if_fail (LOTSE_IS_STORE (store), NULL);

  self = g_object_new (LOTSE_TYPE_JOURFIXE_CATALOG, NULL);
  self->store = g_object_ref (store);
  g_signal_connect_object (store, "changed", G_CALLBACK (on_store_changed), self,
                           G_CONNECT_SWAPPED);

  return self;
}

LotseStore *
lotse_jourfixe_catalog_get_store (LotseJourfixeCatalog *self)
{
  g_return_val_if_fail (LOTSE_IS_JOURFIXE_CATALOG (self), NULL);

  return self->store;
}

/**
 * lotse_jourfixe_catalog_get_title:
 * @self: a catalog
 * @table: "person", "project", "milestone" or "meeting_series"
 * @id: (nullable): a row id
 *
 * Returns: (transfer none) (nullable): the row's title, or %NULL
 */
const char *
lotse_jourfixe_catalog_get_title (LotseJourfixeCatalog *self,
                                  const char           *table_name,
                                  const char           *id)
{
  Table *table;
  const char *title;

  g_return_val_if_fail (LOTSE_IS_JOURFIXE_CATALOG (self), NULL);

  if (id == NULL)
    return NULL;

  table = get_table_full (self, table_name, FALSE);
  title = g_hash_table_lookup (table->titles, id);
  if (title == NULL && !table->loaded)
    {
      g_autoptr(LotseRecord) record = lotse_store_get (self->store, table_name, id, NULL);

      if (record == NULL)
        return NULL;
      title = lotse_record_get_title (record);
      g_hash_table_insert (table->titles, g_strdup (id), g_strdup (title ? title : ""));
      title = g_hash_table_lookup (table->titles, id);
    }

  return title;
}

/**
 * lotse_jourfixe_catalog_get_names:
 *
 * Returns: (transfer none): a #GtkStringList: “None”, then the titles
 */
GListModel *
lotse_jourfixe_catalog_get_names (LotseJourfixeCatalog *self,
                                  const char           *table)
{
  g_return_val_if_fail (LOTSE_IS_JOURFIXE_CATALOG (self), NULL);
  g_return_val_if_fail (!g_str_equal (table, "milestone"), NULL);

  return G_LIST_MODEL (get_table (self, table)->names);
}

const char *
lotse_jourfixe_catalog_get_id_at (LotseJourfixeCatalog *self,
                                  const char           *table_name,
                                  guint                 position)
{
  Table *table;

  g_return_val_if_fail (LOTSE_IS_JOURFIXE_CATALOG (self), NULL);

  table = get_table (self, table_name);
  if (position >= table->ids->len)
    return NULL;

  return g_ptr_array_index (table->ids, position);
}

/* Position 0 (“None”) when @id is NULL or unknown. */
guint
lotse_jourfixe_catalog_get_position (LotseJourfixeCatalog *self,
                                     const char           *table_name,
                                     const char           *id)
{
  Table *table;

  g_return_val_if_fail (LOTSE_IS_JOURFIXE_CATALOG (self), 0);

  if (id == NULL)
    return 0;

  table = get_table (self, table_name);
  for (guint i = 1; i < table->ids->len; i++)
    if (g_str_equal (g_ptr_array_index (table->ids, i), id))
      return i;

  return 0;
}

/**
 * lotse_jourfixe_catalog_setup_dropdown:
 * @self: a catalog
 * @dropdown: a drop-down, e.g. from a template
 * @table: a table other than "milestone"
 * @selected_id: (nullable): the row to select
 *
 * Makes @dropdown a searchable drop-down of the table's rows.
 */
void
lotse_jourfixe_catalog_setup_dropdown (LotseJourfixeCatalog *self,
                                       GtkDropDown          *dropdown,
                                       const char           *table,
                                       const char           *selected_id)
{
  g_autoptr(GtkExpression) expression = NULL;

  g_return_if_fail (LOTSE_IS_JOURFIXE_CATALOG (self));
  g_return_if_fail (GTK_IS_DROP_DOWN (dropdown));

  g_object_set_data_full (G_OBJECT (dropdown), TABLE_KEY, g_strdup (table), g_free);
  expression = gtk_property_expression_new (GTK_TYPE_STRING_OBJECT, NULL, "string");
  gtk_drop_down_set_expression (dropdown, expression);
  gtk_drop_down_set_model (dropdown, lotse_jourfixe_catalog_get_names (self, table));
  gtk_drop_down_set_enable_search (dropdown, TRUE);
  lotse_drop_down_ellipsize (dropdown, 10);
  gtk_drop_down_set_selected (dropdown, lotse_jourfixe_catalog_get_position (self, table, selected_id));
}

/**
 * lotse_jourfixe_catalog_new_dropdown:
 * @self: a catalog
 * @table: a table other than "milestone"
 * @selected_id: (nullable): the row to select
 *
 * Returns: (transfer floating): a searchable drop-down of the table's rows
 */
GtkWidget *
lotse_jourfixe_catalog_new_dropdown (LotseJourfixeCatalog *self,
                                     const char           *table,
                                     const char           *selected_id)
{
  GtkWidget *dropdown;

  g_return_val_if_fail (LOTSE_IS_JOURFIXE_CATALOG (self), NULL);

  dropdown = gtk_drop_down_new (NULL, NULL);
  lotse_jourfixe_catalog_setup_dropdown (self, GTK_DROP_DOWN (dropdown), table, selected_id);

  return dropdown;
}

/**
 * lotse_jourfixe_catalog_dropdown_get_id:
 *
 * Returns: (transfer none) (nullable): the id chosen in a drop-down made
 *   by lotse_jourfixe_catalog_new_dropdown(), or %NULL for “None”
 */
const char *
lotse_jourfixe_catalog_dropdown_get_id (LotseJourfixeCatalog *self,
                                        GtkDropDown          *dropdown)
{
  const char *table;
  guint selected;

  g_return_val_if_fail (LOTSE_IS_JOURFIXE_CATALOG (self), NULL);
  g_return_val_if_fail (GTK_IS_DROP_DOWN (dropdown), NULL);

  table = g_object_get_data (G_OBJECT (dropdown), TABLE_KEY);
  g_return_val_if_fail (table != NULL, NULL);

  selected = gtk_drop_down_get_selected (dropdown);
  if (selected == GTK_INVALID_LIST_POSITION)
    return NULL;

  return lotse_jourfixe_catalog_get_id_at (self, table, selected);
}
