/* lotse-my-actions.c: the open action items of the person the user is
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * “Who am I” is this computer's (the GSettings key me-person-id, chosen
 * in the preferences): two people of an office share the database, not
 * the person. The page lists that person's open action items of every
 * meeting, soonest due first (lotse-action-items.c), each with its due
 * date, meeting and status. It lives in the jour fixe beside the
 * registers, where the action items are: a button below the list of
 * meetings and Ctrl+Shift+T open it, and so does a reminder.
 *
 * An overdue item says so in words (“overdue since …”) and in the red of
 * every overdue thing (style.css, .my-actions .overdue: libadwaita's
 * error_color, 6.1:1 on the light view, 6.6:1 on the dark one, 5.1:1 and
 * 4.8:1 under a selected row's tint; the high contrast style keeps these
 * colours).
 *
 * Several items are closed at once: select them (Ctrl or Shift and a
 * click, Ctrl+A) and press Close; all are done in one transaction, and
 * the toast's Undo writes their status back. The list is small (one
 * person's open items, by an index), so it is read on the main thread
 * when shown and after the store reports a change of the tables it shows.
 */

#define G_LOG_DOMAIN "lotse-my-actions"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "lotse-jourfixe-private.h"
#include "lotse-my-actions.h"
#include "lotse-widget-util.h"

struct _LotseMyActions
{
  GtkWidget             parent_instance;

  LotseJourfixeCatalog *catalog;
  GSettings            *settings;
  GListStore           *items;
  GtkMultiSelection    *selection;
  GPtrArray            *closed;      /* as they were before the last Close */
  guint                 reload_idle;
  gboolean              narrow;

  GtkWidget            *content;
  GtkStack             *stack;
  GtkListView          *list_view;
  GtkWidget            *action_bar;
  GtkLabel             *selected_label;
  GtkButton            *close_button;
};

G_DEFINE_FINAL_TYPE (LotseMyActions, lotse_my_actions, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_NARROW,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static LotseStore *
get_store (LotseMyActions *self)
{
  return self->catalog != NULL ? lotse_jourfixe_catalog_get_store (self->catalog) : NULL;
}

/* “overdue since 12.11.2026 · Jour fixe 10.11.2026 · Open” */
static char *
describe (LotseMyActions *self,
          LotseRecord    *action,
          const char     *today,
          gboolean       *overdue)
{
  const char *due_date = lotse_record_get (action, LOTSE_ACTION_ITEM_DUE_DATE);
  const char *meeting_id = lotse_record_get (action, LOTSE_ACTION_ITEM_MEETING_ID);
  g_autofree char *due = lotse_format_date (due_date);
  g_autoptr(LotseRecord) meeting = meeting_id ? lotse_store_get (get_store (self), LOTSE_TABLE_MEETING, meeting_id, NULL)
                                              : NULL;
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);

  *overdue = due_date != NULL && g_strcmp0 (due_date, today) < 0;
  if (*overdue)
    g_ptr_array_add (parts, g_strdup_printf (_("overdue since %s"), due));
  else if (due != NULL)
    g_ptr_array_add (parts, g_strdup_printf (_("due %s"), due));
  if (meeting != NULL)
    {
      g_autoptr(GTimeZone) zone = lotse_office_get_time_zone (get_store (self));
      const char *series = lotse_jourfixe_catalog_get_title (self->catalog, LOTSE_TABLE_MEETING_SERIES,
                                                             lotse_record_get (meeting, LOTSE_MEETING_SERIES_ID));

      g_ptr_array_add (parts, lotse_meeting_format_title (meeting, series, zone));
    }
  g_ptr_array_add (parts, g_strdup (lotse_enum_value_label (LOTSE_TABLE_ACTION_ITEM, LOTSE_ACTION_ITEM_STATUS,
                                                            lotse_record_get (action, LOTSE_ACTION_ITEM_STATUS))));
  g_ptr_array_add (parts, NULL);

  return g_strjoinv (" · ", (char **)parts->pdata);
}

static void
setup_row (GtkSignalListItemFactory *factory,
           GtkListItem              *item,
           gpointer                  data)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 3);
  GtkWidget *title = gtk_label_new (NULL);
  GtkWidget *subtitle = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_wrap (GTK_LABEL (title), TRUE);
  gtk_label_set_xalign (GTK_LABEL (subtitle), 0);
  gtk_label_set_wrap (GTK_LABEL (subtitle), TRUE);
  gtk_widget_add_css_class (subtitle, "caption");
  gtk_box_append (GTK_BOX (box), title);
  gtk_box_append (GTK_BOX (box), subtitle);
  gtk_list_item_set_child (item, box);
}

static void
bind_row (GtkSignalListItemFactory *factory,
          GtkListItem              *item,
          LotseMyActions           *self)
{
  LotseRecord *action = gtk_list_item_get_item (item);
  GtkWidget *title = gtk_widget_get_first_child (gtk_list_item_get_child (item));
  GtkWidget *subtitle = gtk_widget_get_next_sibling (title);
  g_autofree char *now = lotse_jourfixe_now (get_store (self));
  g_autofree char *today = g_strndup (now, 10);
  g_autofree char *text = NULL;
  gboolean overdue;

  text = describe (self, action, today, &overdue);
  gtk_label_set_text (GTK_LABEL (title), lotse_record_get (action, LOTSE_ACTION_ITEM_TITLE));
  gtk_label_set_text (GTK_LABEL (subtitle), text);
  /* Overdue says so in words; the colour only underlines it, undimmed. */
  if (overdue)
    {
      gtk_widget_add_css_class (subtitle, "overdue");
      gtk_widget_remove_css_class (subtitle, "dim-label");
    }
  else
    {
      gtk_widget_remove_css_class (subtitle, "overdue");
      gtk_widget_add_css_class (subtitle, "dim-label");
    }
}

static void
on_selection_changed (LotseMyActions *self)
{
  g_autoptr(GtkBitset) selected = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (self->selection));
  guint64 n = gtk_bitset_get_size (selected);
  g_autofree char *text = NULL;

  /* Translators: how many action items are selected to be closed */
  text = g_strdup_printf (ngettext ("%u selected", "%u selected", n), (guint)n);
  gtk_label_set_text (self->selected_label, n > 0 ? text : "");
  gtk_widget_set_sensitive (GTK_WIDGET (self->close_button), n > 0);
}

/**
 * lotse_my_actions_reload:
 * @self: the page
 *
 * Reads the open action items of the person the user is again.
 */
void
lotse_my_actions_reload (LotseMyActions *self)
{
  g_autofree char *me = NULL;
  g_autoptr(GPtrArray) actions = NULL;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (LOTSE_IS_MY_ACTIONS (self));

  g_clear_handle_id (&self->reload_idle, g_source_remove);
  me = g_settings_get_string (self->settings, "me-person-id");
  if (get_store (self) != NULL && *me != '\0')
    {
      actions = lotse_action_items_list_open (get_store (self), me, &error);
      if (actions == NULL)
        g_warning ("Could not read the action items: %s", error->message);
    }

  g_list_store_splice (self->items, 0, g_list_model_get_n_items (G_LIST_MODEL (self->items)),
                       actions ? actions->pdata : NULL, actions ? actions->len : 0);
  gtk_stack_set_visible_child_name (self->stack, *me == '\0' ? "nobody" : actions && actions->len > 0 ? "list"
                                                                                                      : "empty");
  gtk_widget_set_visible (self->action_bar, actions != NULL && actions->len > 0);
  on_selection_changed (self);
}

static gboolean
reload_idle_cb (gpointer data)
{
  LotseMyActions *self = data;

  self->reload_idle = 0;
  lotse_my_actions_reload (self);
  return G_SOURCE_REMOVE;
}

/* Once per main loop turn, however many rows a sync wrote. */
static void
queue_reload (LotseMyActions *self)
{
  if (self->reload_idle == 0 && gtk_widget_get_mapped (GTK_WIDGET (self)))
    self->reload_idle = g_idle_add (reload_idle_cb, self);
}

static void
on_store_changed (LotseMyActions *self,
                  const char     *table,
                  const char     *id,
                  LotseStore     *store)
{
  if (g_strcmp0 (table, LOTSE_TABLE_ACTION_ITEM) == 0 || g_strcmp0 (table, LOTSE_TABLE_MEETING) == 0)
    queue_reload (self);
}

static void
undo_close (AdwToast       *toast,
            LotseMyActions *self)
{
  g_autoptr(GPtrArray) closed = g_steal_pointer (&self->closed);
  g_autoptr(GError) error = NULL;

  if (closed == NULL || get_store (self) == NULL)
    return;

  if (!lotse_action_items_restore (get_store (self), closed, &error))
    lotse_jourfixe_toast (GTK_WIDGET (self), error->message);
  lotse_my_actions_reload (self);
}

static void
close_selected (LotseMyActions *self)
{
  g_autoptr(GtkBitset) selected = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (self->selection));
  g_autoptr(GPtrArray) ids = g_ptr_array_new ();
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GPtrArray) closed = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  GtkBitsetIter iter;
  guint position;
  AdwToast *toast;

  for (gboolean ok = gtk_bitset_iter_init_first (&iter, selected, &position); ok;
       ok = gtk_bitset_iter_next (&iter, &position))
    {
      g_autoptr(LotseRecord) action = g_list_model_get_item (G_LIST_MODEL (self->items), position);

      g_ptr_array_add (ids, (gpointer)lotse_record_get_id (action));
    }
  if (ids->len == 0 || get_store (self) == NULL)
    return;
  g_ptr_array_add (ids, NULL);

  closed = lotse_action_items_close (get_store (self), (const char * const *)ids->pdata, now, &error);
  if (closed == NULL)
    {
      lotse_jourfixe_toast (GTK_WIDGET (self), error->message);
      return;
    }

  lotse_my_actions_reload (self);
  /* Translators: after closing action items; Undo follows */
  title = g_strdup_printf (ngettext ("%u action item closed", "%u action items closed", closed->len),
                           closed->len);
  g_clear_pointer (&self->closed, g_ptr_array_unref);
  self->closed = g_steal_pointer (&closed);
  toast = adw_toast_new (title);
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  g_signal_connect_object (toast, "button-clicked", G_CALLBACK (undo_close), self, 0);
  lotse_widget_add_toast (GTK_WIDGET (self), toast);
}

static void
lotse_my_actions_dispose (GObject *object)
{
  LotseMyActions *self = LOTSE_MY_ACTIONS (object);

  lotse_my_actions_set_catalog (self, NULL);
  g_clear_handle_id (&self->reload_idle, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), LOTSE_TYPE_MY_ACTIONS);
  g_clear_object (&self->selection);
  g_clear_object (&self->items);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->closed, g_ptr_array_unref);

  G_OBJECT_CLASS (lotse_my_actions_parent_class)->dispose (object);
}

static void
lotse_my_actions_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  LotseMyActions *self = LOTSE_MY_ACTIONS (object);

  switch (prop_id)
    {
    case PROP_NARROW:
      g_value_set_boolean (value, self->narrow);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

/* Narrow, the page is alone in the window: Back leads to the meetings. */
static void
lotse_my_actions_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  LotseMyActions *self = LOTSE_MY_ACTIONS (object);

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
lotse_my_actions_class_init (LotseMyActionsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lotse_my_actions_dispose;
  object_class->get_property = lotse_my_actions_get_property;
  object_class->set_property = lotse_my_actions_set_property;

  properties[PROP_NARROW] =
    g_param_spec_boolean ("narrow", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, "/app/lotse/Lotse/jourfixe/lotse-my-actions.ui");
  gtk_widget_class_bind_template_child (widget_class, LotseMyActions, content);
  gtk_widget_class_bind_template_child (widget_class, LotseMyActions, stack);
  gtk_widget_class_bind_template_child (widget_class, LotseMyActions, list_view);
  gtk_widget_class_bind_template_child (widget_class, LotseMyActions, action_bar);
  gtk_widget_class_bind_template_child (widget_class, LotseMyActions, selected_label);
  gtk_widget_class_bind_template_child (widget_class, LotseMyActions, close_button);
  gtk_widget_class_bind_template_callback (widget_class, close_selected);
}

static void
lotse_my_actions_init (LotseMyActions *self)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();

  gtk_widget_init_template (GTK_WIDGET (self));

  self->settings = g_settings_new (APPLICATION_ID);
  self->items = g_list_store_new (LOTSE_TYPE_RECORD);
  self->selection = gtk_multi_selection_new (G_LIST_MODEL (g_object_ref (self->items)));
  g_signal_connect (factory, "setup", G_CALLBACK (setup_row), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row), self);
  gtk_list_view_set_factory (self->list_view, factory);
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));
  g_signal_connect_swapped (self->selection, "selection-changed", G_CALLBACK (on_selection_changed), self);
  g_signal_connect_swapped (self->settings, "changed::me-person-id", G_CALLBACK (lotse_my_actions_reload), self);
}

/**
 * lotse_my_actions_set_catalog:
 * @self: the page
 * @catalog: (nullable): the names and the store of the jour fixe
 */
void
lotse_my_actions_set_catalog (LotseMyActions       *self,
                              LotseJourfixeCatalog *catalog)
{
  g_return_if_fail (LOTSE_IS_MY_ACTIONS (self));

  if (self->catalog == catalog)
    return;

  if (get_store (self) != NULL)
    g_signal_handlers_disconnect_by_func (get_store (self), on_store_changed, self);
  g_set_object (&self->catalog, catalog);
  if (get_store (self) != NULL)
    g_signal_connect_object (get_store (self), "changed", G_CALLBACK (on_store_changed), self, G_CONNECT_SWAPPED);
}

GtkSelectionModel *
lotse_my_actions_get_selection (LotseMyActions *self)
{
  return GTK_SELECTION_MODEL (self->selection);
}

GtkButton *
lotse_my_actions_get_close_button (LotseMyActions *self)
{
  return self->close_button;
}
