/* lotse-preferences-window.c: the preferences
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The monitor's horizon and who the user is (a person of the directory,
 * whose action items are “mine”) are this computer's (GSettings); the office's
 * zone, name and email are data of the office (lotse-office.h), written to
 * the database and synced, so every laptop of the office shows the same
 * times.
 */

#define G_LOG_DOMAIN "lotse-preferences-window"

#include "config.h"

#include <glib/gi18n.h>

#include "lotse-entry-row.h"
#include "lotse-jourfixe-catalog.h"
#include "lotse-preferences-window-private.h"

struct _LotsePreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  char                 *database_path;
  LotseStore           *store;
  GSettings            *settings;
  GCancellable         *cancellable;
  GtkStringList        *zones;
  LotseJourfixeCatalog *catalog;
  gboolean              filling;

  GtkSpinButton        *horizon_spin;
  GtkSpinButton        *tolerance_spin;
  GtkSpinButton        *spend_within_spin;
  GtkLabel             *path_label;
  GtkWidget            *office_group;
  GtkDropDown          *zone_dropdown;
  AdwEntryRow          *office_name_row;
  AdwEntryRow          *office_email_row;
  GtkWidget            *me_group;
  GtkDropDown          *me_dropdown;
  GtkSwitch            *remind_switch;
  GtkSpinButton        *remind_days_spin;
};

G_DEFINE_FINAL_TYPE (LotsePreferencesWindow, lotse_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

enum {
  PROP_0,
  PROP_DATABASE_PATH,
  PROP_STORE,
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

/* --- the office ------------------------------------------------------------ */

static guint
zone_position (LotsePreferencesWindow *self,
               const char             *name)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->zones));

  for (guint i = 0; i < n; i++)
    if (g_strcmp0 (gtk_string_list_get_string (self->zones, i), name) == 0)
      return i;

  /* A zone set elsewhere that this list lacks is still shown. */
  gtk_string_list_append (self->zones, name);
  return n;
}

static void
fill_office (LotsePreferencesWindow *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LotseRecord) office = NULL;
  g_autoptr(GTimeZone) zone = NULL;
  const char *name, *email;

  office = lotse_office_get (self->store, &error);
  if (office == NULL)
    {
      g_warning ("Could not read the office: %s", error->message);
      return;
    }

  name = lotse_record_get (office, LOTSE_OFFICE_NAME);
  email = lotse_record_get (office, LOTSE_OFFICE_EMAIL);
  zone = lotse_office_get_time_zone (self->store);
  self->filling = TRUE;
  gtk_drop_down_set_selected (self->zone_dropdown,
                              zone_position (self, g_time_zone_get_identifier (zone)));
  lotse_entry_row_set_stored_text (self->office_name_row, name);
  lotse_entry_row_set_stored_text (self->office_email_row, email);
  self->filling = FALSE;
}

/* Writes one field of the office; a refused value is said in a toast and
 * the rows show what is stored again. */
static void
save_office_field (LotsePreferencesWindow *self,
                   const char             *field,
                   const char             *value)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LotseRecord) office = NULL;

  if (self->filling || self->store == NULL)
    return;

  office = lotse_office_get (self->store, &error);
  if (office != NULL)
    {
      lotse_record_set (office, field, value != NULL && *value != '\0' ? value : NULL);
      if (lotse_office_save (self->store, office, &error))
        return;
    }

  adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), adw_toast_new (error->message));
  fill_office (self);
}

static void
on_zone_selected (LotsePreferencesWindow *self)
{
  guint selected = gtk_drop_down_get_selected (self->zone_dropdown);

  if (selected != GTK_INVALID_LIST_POSITION)
    save_office_field (self, LOTSE_OFFICE_TIME_ZONE, gtk_string_list_get_string (self->zones, selected));
}

static void
on_office_entry_apply (LotsePreferencesWindow *self,
                       AdwEntryRow            *row)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));

  save_office_field (self, row == self->office_name_row ? LOTSE_OFFICE_NAME : LOTSE_OFFICE_EMAIL, text);
}

/* --- who the user is ------------------------------------------------------ */

static void
on_me_selected (LotsePreferencesWindow *self)
{
  const char *id;

  if (self->filling || self->catalog == NULL)
    return;

  id = lotse_jourfixe_catalog_dropdown_get_id (self->catalog, self->me_dropdown);
  g_settings_set_string (self->settings, "me-person-id", id != NULL ? id : "");
}

static void
fill_me (LotsePreferencesWindow *self)
{
  g_autofree char *me = g_settings_get_string (self->settings, "me-person-id");

  self->filling = TRUE;
  if (self->catalog != NULL)
    lotse_jourfixe_catalog_setup_dropdown (self->catalog, self->me_dropdown, LOTSE_TABLE_PERSON, me);
  self->filling = FALSE;
}

static void
on_store_changed (LotsePreferencesWindow *self,
                  const char             *table,
                  const char             *id,
                  LotseStore             *store)
{
  if (g_strcmp0 (table, LOTSE_TABLE_OFFICE) == 0)
    fill_office (self);
}

/**
 * lotse_preferences_window_set_store:
 * @self: the preferences
 * @store: (nullable): the open database, whose office the window edits
 */
void
lotse_preferences_window_set_store (LotsePreferencesWindow *self,
                                    LotseStore             *store)
{
  g_return_if_fail (LOTSE_IS_PREFERENCES_WINDOW (self));
  g_return_if_fail (store == NULL || LOTSE_IS_STORE (store));

  if (self->store == store)
    return;

  if (self->store != NULL)
    g_signal_handlers_disconnect_by_func (self->store, on_store_changed, self);
  g_set_object (&self->store, store);
  g_clear_object (&self->catalog);
  if (store != NULL)
    {
      g_signal_connect_object (store, "changed", G_CALLBACK (on_store_changed), self,
                               G_CONNECT_SWAPPED);
      fill_office (self);
      self->catalog = lotse_jourfixe_catalog_new (store);
      fill_me (self);
    }
  gtk_widget_set_visible (self->office_group, store != NULL);
  gtk_widget_set_visible (self->me_group, store != NULL);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
}

/* --- the window -------------------------------------------------------------- */

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
  lotse_preferences_window_set_store (self, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), LOTSE_TYPE_PREFERENCES_WINDOW);
  g_clear_object (&self->zones);
  g_clear_object (&self->catalog);
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

    case PROP_STORE:
      g_value_set_object (value, self->store);
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

    case PROP_STORE:
      lotse_preferences_window_set_store (self, g_value_get_object (value));
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
  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         LOTSE_TYPE_STORE,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/app/lotse/Lotse/lotse-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, LotsePreferencesWindow, horizon_spin);
  gtk_widget_class_bind_template_child (widget_class, LotsePreferencesWindow, tolerance_spin);
  gtk_widget_class_bind_template_child (widget_class, LotsePreferencesWindow, spend_within_spin);
  gtk_widget_class_bind_template_child (widget_class, LotsePreferencesWindow, path_label);
  gtk_widget_class_bind_template_child (widget_class, LotsePreferencesWindow, office_group);
  gtk_widget_class_bind_template_child (widget_class, LotsePreferencesWindow, zone_dropdown);
  gtk_widget_class_bind_template_child (widget_class, LotsePreferencesWindow, office_name_row);
  gtk_widget_class_bind_template_child (widget_class, LotsePreferencesWindow, office_email_row);
  gtk_widget_class_bind_template_child (widget_class, LotsePreferencesWindow, me_group);
  gtk_widget_class_bind_template_child (widget_class, LotsePreferencesWindow, me_dropdown);
  gtk_widget_class_bind_template_child (widget_class, LotsePreferencesWindow, remind_switch);
  gtk_widget_class_bind_template_child (widget_class, LotsePreferencesWindow, remind_days_spin);
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
  g_settings_bind (self->settings, "finance-tolerance",
                   gtk_spin_button_get_adjustment (self->tolerance_spin), "value",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "remind-due", self->remind_switch, "active", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "remind-days",
                   gtk_spin_button_get_adjustment (self->remind_days_spin), "value",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "finance-spend-within",
                   gtk_spin_button_get_adjustment (self->spend_within_spin), "value",
                   G_SETTINGS_BIND_DEFAULT);

  {
    g_auto(GStrv) zones = lotse_office_list_time_zones ();
    g_autoptr(GtkExpression) expression =
      gtk_property_expression_new (GTK_TYPE_STRING_OBJECT, NULL, "string");

    self->zones = gtk_string_list_new ((const char * const *) zones);
    gtk_drop_down_set_model (self->zone_dropdown, G_LIST_MODEL (self->zones));
    gtk_drop_down_set_expression (self->zone_dropdown, expression);
  }
  g_signal_connect_swapped (self->zone_dropdown, "notify::selected",
                            G_CALLBACK (on_zone_selected), self);
  g_signal_connect_swapped (self->me_dropdown, "notify::selected",
                            G_CALLBACK (on_me_selected), self);
  g_signal_connect_swapped (self->office_name_row, "apply",
                            G_CALLBACK (on_office_entry_apply), self);
  g_signal_connect_swapped (self->office_email_row, "apply",
                            G_CALLBACK (on_office_entry_apply), self);
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
lotse_preferences_window_get_tolerance_spin (LotsePreferencesWindow *self)
{
  g_return_val_if_fail (LOTSE_IS_PREFERENCES_WINDOW (self), NULL);

  return self->tolerance_spin;
}

GtkSpinButton *
lotse_preferences_window_get_horizon_spin (LotsePreferencesWindow *self)
{
  g_return_val_if_fail (LOTSE_IS_PREFERENCES_WINDOW (self), NULL);

  return self->horizon_spin;
}

GtkDropDown *
lotse_preferences_window_get_zone_dropdown (LotsePreferencesWindow *self)
{
  g_return_val_if_fail (LOTSE_IS_PREFERENCES_WINDOW (self), NULL);

  return self->zone_dropdown;
}

AdwEntryRow *
lotse_preferences_window_get_office_email_row (LotsePreferencesWindow *self)
{
  g_return_val_if_fail (LOTSE_IS_PREFERENCES_WINDOW (self), NULL);

  return self->office_email_row;
}

GtkLabel *
lotse_preferences_window_get_path_label (LotsePreferencesWindow *self)
{
  g_return_val_if_fail (LOTSE_IS_PREFERENCES_WINDOW (self), NULL);

  return self->path_label;
}

GtkDropDown *
lotse_preferences_window_get_me_dropdown (LotsePreferencesWindow *self)
{
  g_return_val_if_fail (LOTSE_IS_PREFERENCES_WINDOW (self), NULL);

  return self->me_dropdown;
}

GtkSwitch *
lotse_preferences_window_get_remind_switch (LotsePreferencesWindow *self)
{
  g_return_val_if_fail (LOTSE_IS_PREFERENCES_WINDOW (self), NULL);

  return self->remind_switch;
}
