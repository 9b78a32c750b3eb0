/* lotse-panel.c: the base of every panel that shows what the store holds
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The window hands its store to each view and panel once. A panel reads
 * nothing until it is first shown: at start-up only the view on screen
 * queries, and the workers of hidden tabs (the timeline reads every
 * milestone) do not compete with the first frame for the two cores of a
 * small office machine. After that it follows the store's "changed" signal,
 * the one way panels learn about writes, whether from a form, an import or
 * sync.
 */

#define G_LOG_DOMAIN "lotse-panel"

#include "config.h"

#include "lotse-panel.h"

typedef struct
{
  LotseStore *store;
  gulong      changed_handler;
  gboolean    loaded;
} LotsePanelPrivate;

G_DEFINE_ABSTRACT_TYPE_WITH_PRIVATE (LotsePanel, lotse_panel, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_STORE,
  PROP_LOADED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
load (LotsePanel *self)
{
  LotsePanelPrivate *priv = lotse_panel_get_instance_private (self);

  priv->loaded = TRUE;
  if (LOTSE_PANEL_GET_CLASS (self)->load != NULL)
    LOTSE_PANEL_GET_CLASS (self)->load (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADED]);
}

static void
on_store_changed (LotseStore *store,
                  const char *table,
                  const char *id,
                  LotsePanel *self)
{
  LotsePanelPrivate *priv = lotse_panel_get_instance_private (self);

  /* Not shown yet: the first load reads the change anyway. */
  if (priv->loaded && LOTSE_PANEL_GET_CLASS (self)->store_changed != NULL)
    LOTSE_PANEL_GET_CLASS (self)->store_changed (self, table, id);
}

static void
lotse_panel_map (GtkWidget *widget)
{
  LotsePanel *self = LOTSE_PANEL (widget);
  LotsePanelPrivate *priv = lotse_panel_get_instance_private (self);

  GTK_WIDGET_CLASS (lotse_panel_parent_class)->map (widget);

  if (!priv->loaded)
    load (self);
}

static void
lotse_panel_dispose (GObject *object)
{
  LotsePanel *self = LOTSE_PANEL (object);
  LotsePanelPrivate *priv = lotse_panel_get_instance_private (self);

  if (priv->store != NULL)
    g_clear_signal_handler (&priv->changed_handler, priv->store);
  g_clear_object (&priv->store);

  G_OBJECT_CLASS (lotse_panel_parent_class)->dispose (object);
}

static void
lotse_panel_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  LotsePanel *self = LOTSE_PANEL (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, lotse_panel_get_store (self));
      break;

    case PROP_LOADED:
      g_value_set_boolean (value, lotse_panel_get_loaded (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lotse_panel_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  LotsePanel *self = LOTSE_PANEL (object);

  switch (prop_id)
    {
    case PROP_STORE:
      lotse_panel_set_store (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lotse_panel_class_init (LotsePanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lotse_panel_dispose;
  object_class->get_property = lotse_panel_get_property;
  object_class->set_property = lotse_panel_set_property;

  widget_class->map = lotse_panel_map;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         LOTSE_TYPE_STORE,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /* Whether the panel has read its store since it was set: FALSE until it
   * is first shown. */
  properties[PROP_LOADED] =
    g_param_spec_boolean ("loaded", NULL, NULL, FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
lotse_panel_init (LotsePanel *self)
{
}

/**
 * lotse_panel_get_store:
 * @self: a #LotsePanel
 *
 * Returns: (transfer none) (nullable): the store the panel shows
 */
LotseStore *
lotse_panel_get_store (LotsePanel *self)
{
  LotsePanelPrivate *priv = lotse_panel_get_instance_private (self);

  g_return_val_if_fail (LOTSE_IS_PANEL (self), NULL);

  return priv->store;
}

/**
 * lotse_panel_set_store:
 * @self: a #LotsePanel
 * @store: (nullable): the store to show
 *
 * The window sets the store once. Another store (as in the tests) makes
 * the panel read again: now if it is shown, else when it is.
 */
void
lotse_panel_set_store (LotsePanel *self,
                       LotseStore *store)
{
  LotsePanelPrivate *priv = lotse_panel_get_instance_private (self);

  g_return_if_fail (LOTSE_IS_PANEL (self));
  g_return_if_fail (!store || LOTSE_IS_STORE (store));

  if (priv->store == store)
    return;

  if (priv->store != NULL)
    g_clear_signal_handler (&priv->changed_handler, priv->store);
  g_set_object (&priv->store, store);
  if (store != NULL)
    priv->changed_handler = g_signal_connect (store, "changed", G_CALLBACK (on_store_changed), self);

  g_object_freeze_notify (G_OBJECT (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    {
      load (self);
    }
  else if (priv->loaded)
    {
      priv->loaded = FALSE;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADED]);
    }
  g_object_thaw_notify (G_OBJECT (self));
}

/**
 * lotse_panel_get_loaded:
 * @self: a #LotsePanel
 *
 * Returns: whether the panel has read its store (it does once shown)
 */
gboolean
lotse_panel_get_loaded (LotsePanel *self)
{
  LotsePanelPrivate *priv = lotse_panel_get_instance_private (self);

  g_return_val_if_fail (LOTSE_IS_PANEL (self), FALSE);

  return priv->loaded;
}

/**
 * lotse_panel_ensure_loaded:
 * @self: a #LotsePanel
 *
 * Reads the store now if the panel has not yet: for a caller that opens a
 * record in a panel the window has not shown yet.
 */
void
lotse_panel_ensure_loaded (LotsePanel *self)
{
  LotsePanelPrivate *priv = lotse_panel_get_instance_private (self);

  g_return_if_fail (LOTSE_IS_PANEL (self));

  if (!priv->loaded)
    load (self);
}
