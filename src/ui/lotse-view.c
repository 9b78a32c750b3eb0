/* lotse-view.c: the base of the window's views
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each view of the window receives the store as a property and, for now,
 * lists the rows of one table: a stack shows its page "empty" while there
 * are none and "list" otherwise. A view's template provides the stack and
 * the list; lotse_view_show_records() tells the base which table to list.
 */

#define G_LOG_DOMAIN "lotse-view"

#include "config.h"

#include "lotse-pane-bin.h"
#include "lotse-view-private.h"

typedef struct
{
  LotseStore  *store;

  /* Template children of the subclass, owned by it */
  GtkStack    *stack;
  GtkListView *list_view;
  const char  *table;
  const char  *order_field;
} LotseViewPrivate;

G_DEFINE_ABSTRACT_TYPE_WITH_PRIVATE (LotseView, lotse_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_STORE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

#define PENDING_MODEL_KEY "lotse-pending-model"

static gboolean
n_items_to_page_name (GBinding     *binding,
                      const GValue *from_value,
                      GValue       *to_value,
                      gpointer      user_data)
{
  g_value_set_string (to_value, g_value_get_uint (from_value) > 0 ? "list" : "empty");
  return TRUE;
}

static void
attach_pending_model (GtkListView *list_view)
{
  GtkSelectionModel *model = g_object_steal_data (G_OBJECT (list_view), PENDING_MODEL_KEY);

  if (model != NULL)
    {
      gtk_list_view_set_model (list_view, model);
      g_object_unref (model);
    }
}

static void schedule_attach (GtkListView *list_view);

static gboolean
attach_idle (gpointer data)
{
  GtkListView *list_view = data;

  /* Hidden again meanwhile: wait until it shows. */
  if (gtk_widget_get_mapped (GTK_WIDGET (list_view)))
    attach_pending_model (list_view);
  else
    g_signal_connect (list_view, "map", G_CALLBACK (schedule_attach), NULL);

  return G_SOURCE_REMOVE;
}

/* After the frame that shows the list view: the window appears with its
 * header and pages first, and the rows fill in right after. */
static void
schedule_attach (GtkListView *list_view)
{
  g_signal_handlers_disconnect_by_func (list_view, schedule_attach, NULL);
  g_idle_add_full (G_PRIORITY_LOW, attach_idle, g_object_ref (list_view), g_object_unref);
}

/* The list view gets its model only once it has been shown: GTK 4.8 builds
 * about 200 rows for a list view as soon as it has a model, and neither the
 * views the window does not show nor the window's first frame should wait
 * for that. The stack follows the number of rows from the start. */
static void
update_records (LotseView *self)
{
  LotseViewPrivate *priv = lotse_view_get_instance_private (self);
  g_autoptr(GtkSelectionModel) selection = NULL;

  if (priv->list_view == NULL || priv->table == NULL)
    return;

  g_signal_handlers_disconnect_by_func (priv->list_view, schedule_attach, NULL);
  g_object_set_data (G_OBJECT (priv->list_view), PENDING_MODEL_KEY, NULL);
  gtk_list_view_set_model (priv->list_view, NULL);

  if (priv->store == NULL)
    {
      gtk_stack_set_visible_child_name (priv->stack, "empty");
      return;
    }

  if (LOTSE_VIEW_GET_CLASS (self)->create_model != NULL)
    selection = GTK_SELECTION_MODEL (gtk_no_selection_new (
      LOTSE_VIEW_GET_CLASS (self)->create_model (self, priv->store)));
  else
    selection = GTK_SELECTION_MODEL (gtk_no_selection_new (
      G_LIST_MODEL (lotse_record_list_new (priv->store, priv->table, priv->order_field))));

  /* The binding goes away with the selection. */
  g_object_bind_property_full (selection, "n-items", priv->stack, "visible-child-name",
                               G_BINDING_SYNC_CREATE,
                               n_items_to_page_name, NULL, NULL, NULL);

  if (gtk_widget_get_mapped (GTK_WIDGET (priv->list_view)))
    {
      gtk_list_view_set_model (priv->list_view, selection);
    }
  else
    {
      g_object_set_data_full (G_OBJECT (priv->list_view), PENDING_MODEL_KEY,
                              g_steal_pointer (&selection), g_object_unref);
      g_signal_connect (priv->list_view, "map", G_CALLBACK (schedule_attach), NULL);
    }
}

static void
lotse_view_dispose (GObject *object)
{
  LotseView *self = LOTSE_VIEW (object);
  LotseViewPrivate *priv = lotse_view_get_instance_private (self);

  /* The subclass has disposed its template, and with it these. */
  priv->stack = NULL;
  priv->list_view = NULL;
  g_clear_object (&priv->store);

  G_OBJECT_CLASS (lotse_view_parent_class)->dispose (object);
}

static void
lotse_view_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  LotseView *self = LOTSE_VIEW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, lotse_view_get_store (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lotse_view_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  LotseView *self = LOTSE_VIEW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      lotse_view_set_store (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lotse_view_class_init (LotseViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lotse_view_dispose;
  object_class->get_property = lotse_view_get_property;
  object_class->set_property = lotse_view_set_property;

  /* The views' templates put their side panes in one. */
  g_type_ensure (LOTSE_TYPE_PANE_BIN);

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         LOTSE_TYPE_STORE,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
lotse_view_init (LotseView *self)
{
}

/**
 * lotse_view_get_store:
 * @self: a #LotseView
 *
 * Returns: (transfer none) (nullable): the store the view shows
 */
LotseStore *
lotse_view_get_store (LotseView *self)
{
  LotseViewPrivate *priv = lotse_view_get_instance_private (self);

  g_return_val_if_fail (LOTSE_IS_VIEW (self), NULL);

  return priv->store;
}

/**
 * lotse_view_set_store:
 * @self: a #LotseView
 * @store: (nullable): the store to show
 */
void
lotse_view_set_store (LotseView  *self,
                      LotseStore *store)
{
  LotseViewPrivate *priv = lotse_view_get_instance_private (self);

  g_return_if_fail (LOTSE_IS_VIEW (self));
  g_return_if_fail (!store || LOTSE_IS_STORE (store));

  if (!g_set_object (&priv->store, store))
    return;

  update_records (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
}

/**
 * lotse_view_show_records:
 * @self: a #LotseView
 * @stack: a template child: a stack with the pages "empty" and "list"
 * @list_view: a template child: the list on the page "list"
 * @table: (not nullable): the table to list; a static string
 * @order_field: (not nullable): the field to sort by; a static string
 * @bind_func: fills a row from a record of @table
 *
 * For subclasses, once in their init after the template: lists the rows of
 * @table in @list_view, now and whenever the store changes.
 */
void
lotse_view_show_records (LotseView              *self,
                         GtkStack               *stack,
                         GtkListView            *list_view,
                         const char             *table,
                         const char             *order_field,
                         LotseRecordRowBindFunc  bind_func)
{
  LotseViewPrivate *priv = lotse_view_get_instance_private (self);
  g_autoptr(GtkListItemFactory) factory = NULL;

  g_return_if_fail (LOTSE_IS_VIEW (self));
  g_return_if_fail (GTK_IS_STACK (stack));
  g_return_if_fail (GTK_IS_LIST_VIEW (list_view));
  g_return_if_fail (table != NULL && order_field != NULL && bind_func != NULL);

  priv->stack = stack;
  priv->list_view = list_view;
  priv->table = table;
  priv->order_field = order_field;

  factory = lotse_record_row_factory_new (bind_func, self);
  gtk_list_view_set_factory (list_view, factory);

  update_records (self);
}

/**
 * lotse_view_set_list_widgets:
 * @self: a #LotseView
 * @stack: a template child: a stack with the pages "empty" and "list"
 * @list_view: a template child: the list on the page "list"
 *
 * For subclasses that fill their list with a model of their own instead of
 * calling lotse_view_show_records(): names the widgets that
 * lotse_view_get_stack() and lotse_view_get_list_view() return.
 */
void
lotse_view_set_list_widgets (LotseView   *self,
                             GtkStack    *stack,
                             GtkListView *list_view)
{
  LotseViewPrivate *priv = lotse_view_get_instance_private (self);

  g_return_if_fail (LOTSE_IS_VIEW (self));
  g_return_if_fail (GTK_IS_STACK (stack));
  g_return_if_fail (GTK_IS_LIST_VIEW (list_view));

  priv->stack = stack;
  priv->list_view = list_view;
}

GtkStack *
lotse_view_get_stack (LotseView *self)
{
  LotseViewPrivate *priv = lotse_view_get_instance_private (self);

  g_return_val_if_fail (LOTSE_IS_VIEW (self), NULL);

  return priv->stack;
}

GtkListView *
lotse_view_get_list_view (LotseView *self)
{
  LotseViewPrivate *priv = lotse_view_get_instance_private (self);

  g_return_val_if_fail (LOTSE_IS_VIEW (self), NULL);

  return priv->list_view;
}

gboolean
lotse_view_open_record (LotseView  *self,
                        const char *table,
                        const char *id)
{
  LotseViewClass *klass;

  g_return_val_if_fail (LOTSE_IS_VIEW (self), FALSE);
  g_return_val_if_fail (table != NULL, FALSE);
  g_return_val_if_fail (id != NULL, FALSE);

  klass = LOTSE_VIEW_GET_CLASS (self);
  if (klass->open_record == NULL)
    return FALSE;

  return klass->open_record (self, table, id);
}
