/* lotse-preferences-window.c: the preferences
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lotse-preferences-window"

#include "config.h"

#include <glib/gi18n.h>

#include "lotse-preferences-window-private.h"

struct _LotsePreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  char                 *database_path;
  GSettings            *settings;
  GCancellable         *cancellable;

  GtkSpinButton        *horizon_spin;
  GtkLabel             *path_label;
};

G_DEFINE_FINAL_TYPE (LotsePreferencesWindow, lotse_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

enum {
  PROP_0,
  PROP_DATABASE_PATH,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
launch_folder_cb (GObject      *source_object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(LotsePreferencesWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (g_app_info_launch_default_for_uri_finish (result, &error))
    return;

  if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_autofree char *title = NULL;

      g_message ("Could not open the database folder: %s", error->message);
      /* Translators: %s is the reason */
      title = g_markup_printf_escaped (_("Could not open the folder: %s"), error->message);
      adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), adw_toast_new (title));
    }
}

static void
open_folder_clicked_cb (LotsePreferencesWindow *self)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFile) folder = NULL;
  g_autoptr(GdkAppLaunchContext) context = NULL;
  g_autofree char *uri = NULL;

  g_assert (LOTSE_IS_PREFERENCES_WINDOW (self));

  if (self->database_path == NULL)
    return;

  file = g_file_new_for_path (self->database_path);
  folder = g_file_get_parent (file);
  uri = g_file_get_uri (folder);
  context = gdk_display_get_app_launch_context (gtk_widget_get_display (GTK_WIDGET (self)));

  g_app_info_launch_default_for_uri_async (uri, G_APP_LAUNCH_CONTEXT (context),
                                           self->cancellable,
                                           launch_folder_cb, g_object_ref (self));
}

static void
lotse_preferences_window_constructed (GObject *object)
{
  LotsePreferencesWindow *self = LOTSE_PREFERENCES_WINDOW (object);

  G_OBJECT_CLASS (lotse_preferences_window_parent_class)->constructed (object);

  gtk_label_set_text (self->path_label, self->database_path != NULL ? self->database_path : "");
}

static void
lotse_preferences_window_dispose (GObject *object)
{
  LotsePreferencesWindow *self = LOTSE_PREFERENCES_WINDOW (object);

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), LOTSE_TYPE_PREFERENCES_WINDOW);
  g_clear_object (&self->settings);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (lotse_preferences_window_parent_class)->dispose (object);
}

static void
lotse_preferences_window_finalize (GObject *object)
{
  LotsePreferencesWindow *self = LOTSE_PREFERENCES_WINDOW (object);

  g_clear_pointer (&self->database_path, g_free);

  G_OBJECT_CLASS (lotse_preferences_window_parent_class)->finalize (object);
}

static void
lotse_preferences_window_get_property (GObject    *object,
                                       guint       prop_id,
                                       GValue     *value,
                                       GParamSpec *pspec)
{
  LotsePreferencesWindow *self = LOTSE_PREFERENCES_WINDOW (object);

  switch (prop_id)
    {
    case PROP_DATABASE_PATH:
      g_value_set_string (value, self->database_path);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lotse_preferences_window_set_property (GObject      *object,
                                       guint         prop_id,
                                       const GValue *value,
                                       GParamSpec   *pspec)
{
  LotsePreferencesWindow *self = LOTSE_PREFERENCES_WINDOW (object);

  switch (prop_id)
    {
    case PROP_DATABASE_PATH:
      self->database_path = g_value_dup_string (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lotse_preferences_window_class_init (LotsePreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = lotse_preferences_window_constructed;
  object_class->dispose = lotse_preferences_window_dispose;
  object_class->finalize = lotse_preferences_window_finalize;
  object_class->get_property = lotse_preferences_window_get_property;
  object_class->set_property = lotse_preferences_window_set_property;

  properties[PROP_DATABASE_PATH] =
    g_param_spec_string ("database-path", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/app/lotse/Lotse/lotse-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, LotsePreferencesWindow, horizon_spin);
  gtk_widget_class_bind_template_child (widget_class, LotsePreferencesWindow, path_label);
  gtk_widget_class_bind_template_callback (widget_class, open_folder_clicked_cb);
}

static void
lotse_preferences_window_init (LotsePreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  self->settings = g_settings_new (APPLICATION_ID);
  g_settings_bind (self->settings, "monitor-days",
                   gtk_spin_button_get_adjustment (self->horizon_spin), "value",
                   G_SETTINGS_BIND_DEFAULT);
}

/**
 * lotse_preferences_window_new:
 * @database_path: (nullable): the database file to show
 *
 * Returns: (transfer none): a new preferences window, owned by GTK until destroyed
 */
LotsePreferencesWindow *
lotse_preferences_window_new (const char *database_path)
{
  return g_object_new (LOTSE_TYPE_PREFERENCES_WINDOW,
                       "database-path", database_path,
                       NULL);
}

GtkSpinButton *
lotse_preferences_window_get_horizon_spin (LotsePreferencesWindow *self)
{
  g_return_val_if_fail (LOTSE_IS_PREFERENCES_WINDOW (self), NULL);

  return self->horizon_spin;
}

GtkLabel *
lotse_preferences_window_get_path_label (LotsePreferencesWindow *self)
{
  g_return_val_if_fail (LOTSE_IS_PREFERENCES_WINDOW (self), NULL);

  return self->path_label;
}
