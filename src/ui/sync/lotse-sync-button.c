/* lotse-sync-button.c: the header bar's sync state and its popover
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lotse-sync-button"

#include "config.h"

#include <glib/gi18n.h>

#include "lotse-sync-button.h"

struct _LotseSyncButton
{
  GtkWidget         parent_instance;

  LotseSyncEngine  *engine;
  gulong            notify_id;
  guint             tick_id;

  GtkMenuButton    *menu_button;
  GtkImage         *state_image;
  GtkLabel         *state_label;
  GtkLabel         *server_label;
  GtkLabel         *last_sync_label;
  GtkLabel         *pending_label;
  GtkWidget        *conflicts_box;
  GtkLabel         *conflicts_label;
  GtkLabel         *error_label;
  GtkWidget        *sync_now_button;
  GtkWidget        *preferences_button;
};

G_DEFINE_FINAL_TYPE (LotseSyncButton, lotse_sync_button, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_ENGINE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* “2 minutes ago”, in the user's words */
static char *
describe_age (GDateTime *when)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  GTimeSpan span = g_date_time_difference (now, when);
  gint64 minutes = MAX (span / G_TIME_SPAN_MINUTE, 0);

  if (minutes < 1)
    return g_strdup (_("Last synced just now"));
  if (minutes < 60)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Last synced %d minute ago",
                                         "Last synced %d minutes ago", minutes),
                            (int)minutes);
  if (minutes < 24 * 60)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Last synced %d hour ago",
                                         "Last synced %d hours ago", minutes / 60),
                            (int)(minutes / 60));
  else
    {
      g_autoptr(GDateTime) local = g_date_time_to_local (when);
      g_autofree char *date = g_date_time_format (local, "%x %X");

      /* Translators: %s is a date and time */
      return g_strdup_printf (_("Last synced on %s"), date);
    }
}

static void
update (LotseSyncButton *self)
{
  LotseSyncEngine *engine = self->engine;
  gboolean connected;
  gint64 pending;
  gint64 conflicts;
  const char *error;
  const char *state_label;
  LotseSyncState state;
  g_autofree char *pending_text = NULL;
  g_autofree char *conflicts_text = NULL;
  g_autofree char *last_text = NULL;
  g_autofree char *server_text = NULL;

  gtk_widget_set_visible (GTK_WIDGET (self), engine != NULL);
  if (engine == NULL)
    return;

  connected = lotse_sync_engine_get_connected (engine);
  pending = lotse_sync_engine_get_outbox_count (engine);
  conflicts = lotse_sync_engine_get_conflict_count (engine);
  error = lotse_sync_engine_get_last_error (engine);
  state = lotse_sync_engine_get_state (engine);
  state_label = lotse_sync_app_state_label (state);

  gtk_menu_button_set_icon_name (self->menu_button, lotse_sync_app_state_icon (state));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->menu_button), state_label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->menu_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, state_label,
                                  -1);
  gtk_image_set_from_icon_name (self->state_image, lotse_sync_app_state_icon (state));
  gtk_label_set_text (self->state_label, state_label);

  if (connected)
    /* Translators: %s are a user name and a server address */
    server_text = g_strdup_printf (_("%s on %s"), lotse_sync_engine_get_user (engine),
                                   lotse_sync_engine_get_server_url (engine));
  gtk_label_set_text (self->server_label, server_text ? server_text : "");
  gtk_widget_set_visible (GTK_WIDGET (self->server_label), connected);

  if (lotse_sync_engine_get_last_success (engine) != NULL)
    last_text = describe_age (lotse_sync_engine_get_last_success (engine));
  else if (connected)
    last_text = g_strdup (_("Not synced yet"));
  gtk_label_set_text (self->last_sync_label, last_text ? last_text : "");
  gtk_widget_set_visible (GTK_WIDGET (self->last_sync_label), last_text != NULL);

  if (pending > 0)
    pending_text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d change waiting to be sent",
                                                 "%d changes waiting to be sent", pending),
                                    (int)pending);
  else
    pending_text = g_strdup (_("No changes waiting"));
  gtk_label_set_text (self->pending_label, pending_text);

  conflicts_text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d conflict",
                                                 "%d conflicts", conflicts),
                                    (int)conflicts);
  gtk_label_set_text (self->conflicts_label, conflicts_text);
  gtk_widget_set_visible (self->conflicts_box, conflicts > 0);

  gtk_label_set_text (self->error_label, error ? error : "");
  /* Offline is normal: its explanation is not shown as an error. */
  if (state == LOTSE_SYNC_STATE_OFFLINE)
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self->error_label), "error");
      gtk_widget_add_css_class (GTK_WIDGET (self->error_label), "dim-label");
    }
  else
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self->error_label), "dim-label");
      gtk_widget_add_css_class (GTK_WIDGET (self->error_label), "error");
    }
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), error != NULL);

  gtk_widget_set_visible (self->sync_now_button, connected);
  gtk_widget_set_visible (self->preferences_button, !connected);
}

static gboolean
tick_cb (gpointer user_data)
{
  update (user_data);
  return G_SOURCE_CONTINUE;
}

static void
lotse_sync_button_dispose (GObject *object)
{
  LotseSyncButton *self = LOTSE_SYNC_BUTTON (object);

  g_clear_handle_id (&self->tick_id, g_source_remove);
  if (self->engine != NULL)
    g_clear_signal_handler (&self->notify_id, self->engine);
  g_clear_object (&self->engine);
  gtk_widget_dispose_template (GTK_WIDGET (self), LOTSE_TYPE_SYNC_BUTTON);

  G_OBJECT_CLASS (lotse_sync_button_parent_class)->dispose (object);
}

static void
lotse_sync_button_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  LotseSyncButton *self = LOTSE_SYNC_BUTTON (object);

  switch (prop_id)
    {
    case PROP_ENGINE:
      g_value_set_object (value, self->engine);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lotse_sync_button_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  LotseSyncButton *self = LOTSE_SYNC_BUTTON (object);

  switch (prop_id)
    {
    case PROP_ENGINE:
      lotse_sync_button_set_engine (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lotse_sync_button_class_init (LotseSyncButtonClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lotse_sync_button_dispose;
  object_class->get_property = lotse_sync_button_get_property;
  object_class->set_property = lotse_sync_button_set_property;

  properties[PROP_ENGINE] =
    g_param_spec_object ("engine", NULL, NULL, LOTSE_TYPE_SYNC_ENGINE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/app/lotse/Lotse/sync/lotse-sync-button.ui");
  gtk_widget_class_bind_template_child (widget_class, LotseSyncButton, menu_button);
  gtk_widget_class_bind_template_child (widget_class, LotseSyncButton, state_image);
  gtk_widget_class_bind_template_child (widget_class, LotseSyncButton, state_label);
  gtk_widget_class_bind_template_child (widget_class, LotseSyncButton, server_label);
  gtk_widget_class_bind_template_child (widget_class, LotseSyncButton, last_sync_label);
  gtk_widget_class_bind_template_child (widget_class, LotseSyncButton, pending_label);
  gtk_widget_class_bind_template_child (widget_class, LotseSyncButton, conflicts_box);
  gtk_widget_class_bind_template_child (widget_class, LotseSyncButton, conflicts_label);
  gtk_widget_class_bind_template_child (widget_class, LotseSyncButton, error_label);
  gtk_widget_class_bind_template_child (widget_class, LotseSyncButton, sync_now_button);
  gtk_widget_class_bind_template_child (widget_class, LotseSyncButton, preferences_button);
}

static void
lotse_sync_button_init (LotseSyncButton *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  /* The relative time of the last sync stays true. */
  self->tick_id = g_timeout_add_seconds (30, tick_cb, self);
  update (self);
}

GtkWidget *
lotse_sync_button_new (void)
{
  return g_object_new (LOTSE_TYPE_SYNC_BUTTON, NULL);
}

LotseSyncEngine *
lotse_sync_button_get_engine (LotseSyncButton *self)
{
  g_return_val_if_fail (LOTSE_IS_SYNC_BUTTON (self), NULL);
  return self->engine;
}

void
lotse_sync_button_set_engine (LotseSyncButton *self,
                              LotseSyncEngine *engine)
{
  g_return_if_fail (LOTSE_IS_SYNC_BUTTON (self));
  g_return_if_fail (!engine || LOTSE_IS_SYNC_ENGINE (engine));

  if (self->engine == engine)
    return;

  if (self->engine != NULL)
    g_clear_signal_handler (&self->notify_id, self->engine);
  g_set_object (&self->engine, engine);
  if (engine != NULL)
    self->notify_id = g_signal_connect_swapped (engine, "notify", G_CALLBACK (update), self);

  update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ENGINE]);
}

void
lotse_sync_button_popup (LotseSyncButton *self)
{
  g_return_if_fail (LOTSE_IS_SYNC_BUTTON (self));
  gtk_menu_button_popup (self->menu_button);
}

GtkMenuButton *
lotse_sync_button_get_menu_button (LotseSyncButton *self)
{
  return self->menu_button;
}

GtkLabel *
lotse_sync_button_get_error_label (LotseSyncButton *self)
{
  return self->error_label;
}

GtkLabel *
lotse_sync_button_get_pending_label (LotseSyncButton *self)
{
  return self->pending_label;
}

GtkLabel *
lotse_sync_button_get_conflicts_label (LotseSyncButton *self)
{
  return self->conflicts_label;
}
