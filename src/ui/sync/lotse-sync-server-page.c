/* lotse-sync-server-page.c: the "Server" page of the preferences
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lotse-sync-server-page"

#include "config.h"

#include <glib/gi18n.h>

#include "lotse-sync-server-page.h"

struct _LotseSyncServerPage
{
  AdwPreferencesPage  parent_instance;

  LotseSyncEngine    *engine;
  GCancellable       *cancellable;
  AdwMessageDialog   *trust_dialog;
  GBinding           *automatic_binding;
  gboolean            working;

  AdwPreferencesGroup *connect_group;
  AdwPreferencesGroup *connect_button_group;
  AdwPreferencesGroup *account_group;
  AdwEntryRow        *url_row;
  AdwEntryRow        *user_row;
  AdwEntryRow        *password_row;
  GtkLabel           *error_label;
  GtkSpinner         *spinner;
  GtkButton          *connect_button;
  GtkButton          *sign_out_button;
  AdwActionRow       *account_row;
  AdwActionRow       *server_row;
  AdwActionRow       *status_row;
  GtkSwitch          *automatic_switch;
  GtkSwitch          *offline_switch;
  GBinding           *offline_binding;
};

G_DEFINE_FINAL_TYPE (LotseSyncServerPage, lotse_sync_server_page, ADW_TYPE_PREFERENCES_PAGE)

enum {
  PROP_0,
  PROP_ENGINE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
show_error (LotseSyncServerPage *self,
            const char          *message)
{
  gtk_label_set_text (self->error_label, message ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
}

static void
set_working (LotseSyncServerPage *self,
             gboolean             working)
{
  self->working = working;
  gtk_spinner_set_spinning (self->spinner, working);
  gtk_widget_set_sensitive (GTK_WIDGET (self->connect_button), !working);
  gtk_widget_set_sensitive (GTK_WIDGET (self->sign_out_button), !working);
}

static void
update (LotseSyncServerPage *self)
{
  gboolean connected;
  const char *error;

  if (self->engine == NULL)
    {
      gtk_widget_set_sensitive (GTK_WIDGET (self), FALSE);
      gtk_widget_set_visible (GTK_WIDGET (self->account_group), FALSE);
      return;
    }

  gtk_widget_set_sensitive (GTK_WIDGET (self), TRUE);
  connected = lotse_sync_engine_get_connected (self->engine);
  error = lotse_sync_engine_get_last_error (self->engine);

  gtk_widget_set_visible (GTK_WIDGET (self->connect_group), !connected);
  gtk_widget_set_visible (GTK_WIDGET (self->connect_button_group), !connected);
  gtk_widget_set_visible (GTK_WIDGET (self->account_group), connected);

  if (connected)
    {
      adw_action_row_set_subtitle (self->account_row, lotse_sync_engine_get_user (self->engine));
      adw_action_row_set_subtitle (self->server_row, lotse_sync_engine_get_server_url (self->engine));
      adw_action_row_set_subtitle (self->status_row,
                                   error ? error : lotse_sync_app_state_label (lotse_sync_engine_get_state (self->engine)));
    }
}

static void connect_clicked_cb (LotseSyncServerPage *self);

static void
trust_response_cb (AdwMessageDialog    *dialog,
                   const char          *response,
                   LotseSyncServerPage *self)
{
  g_autofree char *url = NULL;
  g_autofree char *fingerprint = NULL;

  self->trust_dialog = NULL;
  if (g_strcmp0 (response, "trust") != 0 ||
      !lotse_sync_engine_get_untrusted_certificate (self->engine, &url, &fingerprint, NULL, NULL))
    {
      show_error (self, _("The server’s certificate was not trusted; Lotse did not connect."));
      return;
    }

  lotse_sync_engine_trust_certificate (self->engine, url, fingerprint);
  connect_clicked_cb (self);
}

/* A self-signed office server: the person decides, seeing what to compare
 * with the server's administrator. Only while this page connects: the
 * engine also asks when a sync finds another certificate, and that is
 * refused with a message, not a question out of nowhere. */
static gboolean
accept_certificate_cb (LotseSyncEngine     *engine,
                       const char          *url,
                       const char          *fingerprint,
                       const char          *subject,
                       const char          *issuer,
                       gboolean             replaces,
                       LotseSyncServerPage *self)
{
  g_autofree char *body = NULL;
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *dialog;

  if (!self->working || self->trust_dialog != NULL)
    return FALSE;

  /* Translators: %s are a server address, the certificate's subject and issuer, and its fingerprint */
  body = g_strdup_printf (_("The server %s uses a certificate that this computer does not know, for "
                            "example a self-signed one of the office. Trust it only if its fingerprint "
                            "is the one your administrator gave you.\n\nSubject: %s\nIssuer: %s\n"
                            "SHA-256 fingerprint:\n%s"),
                          url, subject ? subject : "", issuer ? issuer : "", fingerprint);
  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                   _("Trust This Server’s Certificate?"), body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "trust", _("_Trust and Connect"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "trust",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect (dialog, "response", G_CALLBACK (trust_response_cb), self);
  self->trust_dialog = ADW_MESSAGE_DIALOG (dialog);
  gtk_window_present (GTK_WINDOW (dialog));

  /* Answered later: the connect stops here and starts again on "trust". */
  return FALSE;
}

static void
connect_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(LotseSyncServerPage) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!lotse_sync_engine_connect_finish (LOTSE_SYNC_ENGINE (source), result, &error))
    {
      g_autofree char *message = NULL;

      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      set_working (self, FALSE);
      message = lotse_sync_engine_describe_error (error);
      show_error (self, message);
      return;
    }

  set_working (self, FALSE);
  /* The password is not kept, not even in the entry. */
  gtk_editable_set_text (GTK_EDITABLE (self->password_row), "");
  show_error (self, NULL);
  update (self);
}

static void
connect_clicked_cb (LotseSyncServerPage *self)
{
  if (self->working)
    return;

  show_error (self, NULL);
  set_working (self, TRUE);
  lotse_sync_engine_connect_async (self->engine,
                                   gtk_editable_get_text (GTK_EDITABLE (self->url_row)),
                                   gtk_editable_get_text (GTK_EDITABLE (self->user_row)),
                                   gtk_editable_get_text (GTK_EDITABLE (self->password_row)),
                                   self->cancellable, connect_cb, g_object_ref (self));
}

static void
sign_out_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(LotseSyncServerPage) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!lotse_sync_engine_sign_out_finish (LOTSE_SYNC_ENGINE (source), result, &error) &&
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  set_working (self, FALSE);
  update (self);
  show_error (self, error ? error->message : NULL);
}

static void
sign_out_clicked_cb (LotseSyncServerPage *self)
{
  if (self->working)
    return;

  set_working (self, TRUE);
  lotse_sync_engine_sign_out_async (self->engine, self->cancellable, sign_out_cb,
                                    g_object_ref (self));
}

static void
lotse_sync_server_page_constructed (GObject *object)
{
  LotseSyncServerPage *self = LOTSE_SYNC_SERVER_PAGE (object);

  G_OBJECT_CLASS (lotse_sync_server_page_parent_class)->constructed (object);

  /* Without an engine (no database) the page shows nothing to change. */
  if (self->engine == NULL)
    {
      update (self);
      return;
    }

  g_signal_connect_object (self->engine, "notify", G_CALLBACK (update), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->engine, "accept-certificate", G_CALLBACK (accept_certificate_cb),
                           self, 0);
  self->automatic_binding = g_object_bind_property (self->engine, "automatic",
                                                    self->automatic_switch, "active",
                                                    G_BINDING_SYNC_CREATE | G_BINDING_BIDIRECTIONAL);
  self->offline_binding = g_object_bind_property (self->engine, "keep-files-offline",
                                                  self->offline_switch, "active",
                                                  G_BINDING_SYNC_CREATE | G_BINDING_BIDIRECTIONAL);
  /* The database's account, also when this device lost its token */
  if (lotse_sync_engine_get_server_url (self->engine) != NULL)
    gtk_editable_set_text (GTK_EDITABLE (self->url_row),
                           lotse_sync_engine_get_server_url (self->engine));
  if (lotse_sync_engine_get_user (self->engine) != NULL)
    gtk_editable_set_text (GTK_EDITABLE (self->user_row), lotse_sync_engine_get_user (self->engine));
  update (self);
}

static void
lotse_sync_server_page_dispose (GObject *object)
{
  LotseSyncServerPage *self = LOTSE_SYNC_SERVER_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  if (self->trust_dialog != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->trust_dialog, self);
      gtk_window_destroy (GTK_WINDOW (self->trust_dialog));
      self->trust_dialog = NULL;
    }
  g_clear_pointer (&self->automatic_binding, g_binding_unbind);
  g_clear_pointer (&self->offline_binding, g_binding_unbind);
  gtk_widget_dispose_template (GTK_WIDGET (self), LOTSE_TYPE_SYNC_SERVER_PAGE);
  g_clear_object (&self->engine);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (lotse_sync_server_page_parent_class)->dispose (object);
}

static void
lotse_sync_server_page_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  LotseSyncServerPage *self = LOTSE_SYNC_SERVER_PAGE (object);

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
lotse_sync_server_page_set_property (GObject      *object,
                                     guint         prop_id,
                                     const GValue *value,
                                     GParamSpec   *pspec)
{
  LotseSyncServerPage *self = LOTSE_SYNC_SERVER_PAGE (object);

  switch (prop_id)
    {
    case PROP_ENGINE:
      self->engine = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lotse_sync_server_page_class_init (LotseSyncServerPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = lotse_sync_server_page_constructed;
  object_class->dispose = lotse_sync_server_page_dispose;
  object_class->get_property = lotse_sync_server_page_get_property;
  object_class->set_property = lotse_sync_server_page_set_property;

  properties[PROP_ENGINE] =
    g_param_spec_object ("engine", NULL, NULL, LOTSE_TYPE_SYNC_ENGINE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/app/lotse/Lotse/sync/lotse-sync-server-page.ui");
  gtk_widget_class_bind_template_child (widget_class, LotseSyncServerPage, connect_group);
  gtk_widget_class_bind_template_child (widget_class, LotseSyncServerPage, connect_button_group);
  gtk_widget_class_bind_template_child (widget_class, LotseSyncServerPage, account_group);
  gtk_widget_class_bind_template_child (widget_class, LotseSyncServerPage, url_row);
  gtk_widget_class_bind_template_child (widget_class, LotseSyncServerPage, user_row);
  gtk_widget_class_bind_template_child (widget_class, LotseSyncServerPage, password_row);
  gtk_widget_class_bind_template_child (widget_class, LotseSyncServerPage, error_label);
  gtk_widget_class_bind_template_child (widget_class, LotseSyncServerPage, spinner);
  gtk_widget_class_bind_template_child (widget_class, LotseSyncServerPage, connect_button);
  gtk_widget_class_bind_template_child (widget_class, LotseSyncServerPage, sign_out_button);
  gtk_widget_class_bind_template_child (widget_class, LotseSyncServerPage, account_row);
  gtk_widget_class_bind_template_child (widget_class, LotseSyncServerPage, server_row);
  gtk_widget_class_bind_template_child (widget_class, LotseSyncServerPage, status_row);
  gtk_widget_class_bind_template_child (widget_class, LotseSyncServerPage, automatic_switch);
  gtk_widget_class_bind_template_child (widget_class, LotseSyncServerPage, offline_switch);
  gtk_widget_class_bind_template_callback (widget_class, connect_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, sign_out_clicked_cb);
}

static void
lotse_sync_server_page_init (LotseSyncServerPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
}

GtkWidget *
lotse_sync_server_page_new (LotseSyncEngine *engine)
{
  g_return_val_if_fail (LOTSE_IS_SYNC_ENGINE (engine), NULL);

  return g_object_new (LOTSE_TYPE_SYNC_SERVER_PAGE, "engine", engine, NULL);
}

AdwEntryRow *
lotse_sync_server_page_get_url_row (LotseSyncServerPage *self)
{
  return self->url_row;
}

AdwEntryRow *
lotse_sync_server_page_get_user_row (LotseSyncServerPage *self)
{
  return self->user_row;
}

AdwEntryRow *
lotse_sync_server_page_get_password_row (LotseSyncServerPage *self)
{
  return self->password_row;
}

GtkButton *
lotse_sync_server_page_get_connect_button (LotseSyncServerPage *self)
{
  return self->connect_button;
}

GtkButton *
lotse_sync_server_page_get_sign_out_button (LotseSyncServerPage *self)
{
  return self->sign_out_button;
}

GtkLabel *
lotse_sync_server_page_get_error_label (LotseSyncServerPage *self)
{
  return self->error_label;
}

gboolean
lotse_sync_server_page_get_working (LotseSyncServerPage *self)
{
  return self->working;
}

/**
 * lotse_sync_server_page_get_trust_dialog:
 *
 * Returns: (transfer none) (nullable): the open question about a certificate
 */
AdwMessageDialog *
lotse_sync_server_page_get_trust_dialog (LotseSyncServerPage *self)
{
  return self->trust_dialog;
}
