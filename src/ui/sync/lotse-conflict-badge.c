/* lotse-conflict-badge.c: marks a record that has an open sync conflict
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A small flat button with a warning icon and the word "Conflict" that is
 * shown only while its record has an open conflict; activating it opens
 * the resolution view of that conflict. Rows of long lists carry one each,
 * so a badge never asks the database: it looks its record up in the
 * engine's set of conflicted records (a hash table read once per change)
 * and listens to LotseSyncEngine::conflicts-changed.
 *
 * The engine is found through the window the badge is in (the engine of
 * the window's store), so the views need not know about sync.
 */

#define G_LOG_DOMAIN "lotse-conflict-badge"

#include "config.h"

#include <glib/gi18n.h>

#include "lotse-conflict-badge.h"
#include "lotse-conflict-window.h"
#include "lotse-widget-util.h"

struct _LotseConflictBadge
{
  GtkButton         parent_instance;

  LotseSyncEngine  *engine;
  gulong            changed_id;
  gboolean          engine_set;   /* given, not found through the window */
  const char       *table;        /* static schema name */
  char             *id;
};

G_DEFINE_FINAL_TYPE (LotseConflictBadge, lotse_conflict_badge, GTK_TYPE_BUTTON)

/* The icon, the word and the texts, built when the badge first shows: a
 * list of 10,000 projects builds a row, and a badge, for each of the 200
 * rows GTK 4.8's list view keeps, and almost none of them shows. */
static void
build_content (LotseConflictBadge *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 4);
  GtkWidget *label;

  gtk_box_append (GTK_BOX (box), gtk_image_new_from_icon_name ("dialog-warning-symbolic"));
  /* Translators: the badge on a record that was changed here and on the
   * server at the same time */
  label = gtk_label_new (_("Conflict"));
  gtk_box_append (GTK_BOX (box), label);
  gtk_button_set_child (GTK_BUTTON (self), box);

  gtk_widget_set_tooltip_text (GTK_WIDGET (self),
                               _("Changed here and on the server — open to resolve"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Sync conflict: changed here and on the server. Open to resolve."),
                                  -1);
}

static void
update (LotseConflictBadge *self)
{
  gboolean shown = self->engine != NULL && self->table != NULL && self->id != NULL &&
                   lotse_sync_engine_find_conflict (self->engine, self->table, self->id) != NULL;

  if (shown && gtk_button_get_child (GTK_BUTTON (self)) == NULL)
    build_content (self);
  gtk_widget_set_visible (GTK_WIDGET (self), shown);
}

static void
use_engine (LotseConflictBadge *self,
            LotseSyncEngine    *engine)
{
  if (self->engine == engine)
    {
      update (self);
      return;
    }

  if (self->engine != NULL)
    g_clear_signal_handler (&self->changed_id, self->engine);
  g_set_object (&self->engine, engine);
  if (engine != NULL)
    self->changed_id = g_signal_connect_object (engine, "conflicts-changed",
                                                G_CALLBACK (update), self, G_CONNECT_SWAPPED);
  update (self);
}

static void
find_engine (LotseConflictBadge *self)
{
  LotseStore *store;

  if (self->engine_set)
    return;

  store = lotse_widget_get_store (GTK_WIDGET (self));

  use_engine (self, store != NULL ? lotse_sync_app_get_engine (store) : NULL);
}

static void
lotse_conflict_badge_clicked (GtkButton *button)
{
  LotseConflictBadge *self = LOTSE_CONFLICT_BADGE (button);
  LotseConflictWindow *window;
  GtkRoot *root;
  const char *conflict_id;

  if (self->engine == NULL || self->table == NULL || self->id == NULL)
    return;

  conflict_id = lotse_sync_engine_find_conflict (self->engine, self->table, self->id);
  if (conflict_id == NULL)
    return;

  window = lotse_conflict_window_new (self->engine);
  root = gtk_widget_get_root (GTK_WIDGET (self));
  if (GTK_IS_WINDOW (root))
    {
      gtk_window_set_transient_for (GTK_WINDOW (window), GTK_WINDOW (root));
      gtk_window_set_modal (GTK_WINDOW (window), TRUE);
    }
  lotse_conflict_window_show_conflict (window, conflict_id);
  gtk_window_present (GTK_WINDOW (window));
}

static void
lotse_conflict_badge_root (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (lotse_conflict_badge_parent_class)->root (widget);

  find_engine (LOTSE_CONFLICT_BADGE (widget));
}

static void
lotse_conflict_badge_dispose (GObject *object)
{
  LotseConflictBadge *self = LOTSE_CONFLICT_BADGE (object);

  if (self->engine != NULL)
    g_clear_signal_handler (&self->changed_id, self->engine);
  g_clear_object (&self->engine);

  G_OBJECT_CLASS (lotse_conflict_badge_parent_class)->dispose (object);
}

static void
lotse_conflict_badge_finalize (GObject *object)
{
  g_free (LOTSE_CONFLICT_BADGE (object)->id);

  G_OBJECT_CLASS (lotse_conflict_badge_parent_class)->finalize (object);
}

static void
lotse_conflict_badge_class_init (LotseConflictBadgeClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkButtonClass *button_class = GTK_BUTTON_CLASS (klass);

  object_class->dispose = lotse_conflict_badge_dispose;
  object_class->finalize = lotse_conflict_badge_finalize;
  widget_class->root = lotse_conflict_badge_root;
  button_class->clicked = lotse_conflict_badge_clicked;
}

static void
lotse_conflict_badge_init (LotseConflictBadge *self)
{
  gtk_widget_add_css_class (GTK_WIDGET (self), "flat");
  gtk_widget_add_css_class (GTK_WIDGET (self), "conflict-badge");
  gtk_widget_set_valign (GTK_WIDGET (self), GTK_ALIGN_CENTER);
  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
}

GtkWidget *
lotse_conflict_badge_new (void)
{
  return g_object_new (LOTSE_TYPE_CONFLICT_BADGE, NULL);
}

/**
 * lotse_conflict_badge_set_record:
 * @self: a badge
 * @table: (nullable): a schema table name
 * @id: (nullable): the record's id
 *
 * Cheap: a hash table look-up, no query (called on every bind of a row).
 */
void
lotse_conflict_badge_set_record (LotseConflictBadge *self,
                                 const char         *table,
                                 const char         *id)
{
  const LotseTable *schema_table;

  g_return_if_fail (LOTSE_IS_CONFLICT_BADGE (self));

  schema_table = table != NULL ? lotse_schema_lookup_table (table) : NULL;
  self->table = schema_table != NULL ? schema_table->name : NULL;
  if (g_strcmp0 (self->id, id) != 0)
    {
      g_free (self->id);
      self->id = g_strdup (id);
    }

  if (self->engine == NULL)
    find_engine (self);
  else
    update (self);
}

const char *
lotse_conflict_badge_get_id (LotseConflictBadge *self)
{
  g_return_val_if_fail (LOTSE_IS_CONFLICT_BADGE (self), NULL);

  return self->id;
}

void
lotse_conflict_badge_set_engine (LotseConflictBadge *self,
                                 LotseSyncEngine    *engine)
{
  g_return_if_fail (LOTSE_IS_CONFLICT_BADGE (self));
  g_return_if_fail (engine == NULL || LOTSE_IS_SYNC_ENGINE (engine));

  self->engine_set = engine != NULL;
  if (engine != NULL)
    use_engine (self, engine);
  else
    find_engine (self);
}

LotseSyncEngine *
lotse_conflict_badge_get_engine (LotseConflictBadge *self)
{
  g_return_val_if_fail (LOTSE_IS_CONFLICT_BADGE (self), NULL);

  return self->engine;
}

/**
 * lotse_conflict_badge_ensure:
 * @widget: a widget that lays its children out in a row
 *
 * For list rows built elsewhere: the badge goes after the row's own
 * children, and the row's dispose, which unparents its children, ends it.
 *
 * Returns: (transfer none): the badge of @widget
 */
LotseConflictBadge *
lotse_conflict_badge_ensure (GtkWidget *widget)
{
  GtkWidget *badge;

  g_return_val_if_fail (GTK_IS_WIDGET (widget), NULL);

  badge = g_object_get_data (G_OBJECT (widget), "lotse-conflict-badge");
  if (badge == NULL)
    {
      badge = lotse_conflict_badge_new ();
      gtk_widget_set_parent (badge, widget);
      g_object_set_data (G_OBJECT (widget), "lotse-conflict-badge", badge);
    }

  return LOTSE_CONFLICT_BADGE (badge);
}
