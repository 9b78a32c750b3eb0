/* lotse-meeting-send.c: sending a meeting's invitation and minutes, and what was sent
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The invitation (agenda PDF and .ics) and the minutes (their PDF) go to
 * every participant with an e-mail address through the desktop's mail
 * program, by the XDG e-mail portal. Recipients, subject, text and
 * documents are core's (lotse-mail.c) and the report library's, the same
 * the CLI saves as .eml, so they are never written twice. The dialog
 * before sending lists who gets it and names who does not (no address).
 *
 * libportal 0.6 does not survive a missing portal: it reads the Email
 * interface's version synchronously and crashes when there is none. So
 * that version is asked for first, asynchronously; without an answer (no
 * session bus, no portal, no e-mail backend) the user is told and offered
 * "Save as E-Mail…", which writes the RFC 5322 file any mail program
 * opens. What was handed over or saved is recorded (meeting_dispatch,
 * synced) and shown, the last invitation and the last minutes with their
 * recipients in the tooltip. A send the user cancels in the mail program
 * is not recorded.
 *
 * The portal passes attachments as file descriptors that the mail
 * program may read after the call has returned, so the documents are
 * written to the user's cache and left there until the next send.
 */

#define G_LOG_DOMAIN "lotse-meeting-send"

#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <libportal-gtk4/portal-gtk4.h>
#include <string.h>

#include "lotse-jourfixe-private.h"
#include "lotse-meeting-send.h"
#include "lotse-report.h"

#define PORTAL_BUS_NAME    "org.freedesktop.portal.Desktop"
#define PORTAL_OBJECT_PATH "/org/freedesktop/portal/desktop"
#define PORTAL_TIMEOUT_MS  10000

struct _LotseMeetingSend
{
  GtkWidget     parent_instance;

  LotseStore   *store;
  LotseRecord  *meeting;
  gulong        changed_id;
  XdpPortal    *portal;

  GtkLabel     *invitation_label;
  GtkLabel     *minutes_label;
  GtkWidget    *invitation_button;
  GtkWidget    *minutes_button;
};

G_DEFINE_FINAL_TYPE (LotseMeetingSend, lotse_meeting_send, GTK_TYPE_WIDGET)

/* One send in flight: the widget and what it sends. */
typedef struct
{
  LotseMeetingSend *self;
  LotseMeetingMail *mail;
} SendJob;

static void
send_job_free (SendJob *job)
{
  g_object_unref (job->self);
  lotse_meeting_mail_free (job->mail);
  g_free (job);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SendJob, send_job_free)

static void save_as_with (LotseMeetingSend *self, LotseMeetingMail *mail);

static const char *
kind_name (LotseMailKind kind)
{
  return kind == LOTSE_MAIL_MINUTES ? "minutes" : "invitation";
}

static LotseMailKind
parse_kind (GVariant *parameter)
{
  return g_str_equal (g_variant_get_string (parameter, NULL), "minutes") ? LOTSE_MAIL_MINUTES
                                                                         : LOTSE_MAIL_INVITATION;
}

static GtkWindow *
parent_window (LotseMeetingSend *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

/* The mail with its documents, or NULL after saying why not. */
static LotseMeetingMail *
build_mail (LotseMeetingSend *self,
            LotseMailKind     kind)
{
  g_autoptr(LotseMeetingMail) mail = NULL;
  g_autoptr(GError) error = NULL;

  if (self->meeting == NULL)
    return NULL;
  mail = lotse_meeting_mail_new (self->store, lotse_record_get_id (self->meeting), kind, &error);
  if (mail == NULL || !lotse_report_attach_meeting_documents (self->store, mail, &error))
    {
      lotse_jourfixe_toast (GTK_WIDGET (self), error->message);
      return NULL;
    }
  return g_steal_pointer (&mail);
}

/* Records @mail as sent (or saved) and says so. */
static void
record_dispatch (LotseMeetingSend *self,
                 LotseMeetingMail *mail,
                 const char       *via)
{
  g_autoptr(GTimeZone) zone = lotse_office_get_time_zone (self->store);
  g_autoptr(GDateTime) now = g_date_time_new_now (zone);
  g_autoptr(LotseRecord) dispatch = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;

  dispatch = lotse_meeting_mail_record (self->store, mail, via, now, &error);
  if (dispatch == NULL)
    {
      lotse_jourfixe_toast (GTK_WIDGET (self), error->message);
      return;
    }
  text = lotse_meeting_describe_dispatch (dispatch);
  lotse_jourfixe_toast (GTK_WIDGET (self), text);
}

static char *
join (GPtrArray  *strings,
      const char *separator)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) strv = NULL;

  for (guint i = 0; i < strings->len; i++)
    g_strv_builder_add (builder, g_ptr_array_index (strings, i));
  strv = g_strv_builder_end (builder);
  return g_strjoinv (separator, strv);
}

/* --- the file: Save as E-Mail… --------------------------------------------- */

static gboolean
write_eml (LotseMeetingSend  *self,
           LotseMeetingMail  *mail,
           const char        *path,
           GError           **error)
{
  g_autoptr(GTimeZone) zone = lotse_office_get_time_zone (self->store);
  g_autoptr(GDateTime) now = g_date_time_new_now (zone);
  g_autofree char *text = lotse_meeting_mail_to_eml (mail, now);

  if (!lotse_output_write_file (path, text, strlen (text), error))
    return FALSE;
  record_dispatch (self, mail, "eml");
  return TRUE;
}

/**
 * lotse_meeting_send_save_eml:
 * @self: a meeting send area
 * @kind: the invitation or the minutes
 * @path: the file to write
 * @error: a location for a #GError
 *
 * Writes the meeting's invitation or minutes as an .eml file and records
 * it, as "Save as E-Mail…" does once a file is chosen.
 *
 * Returns: %TRUE when the file was written
 */
gboolean
lotse_meeting_send_save_eml (LotseMeetingSend  *self,
                             LotseMailKind      kind,
                             const char        *path,
                             GError           **error)
{
  g_autoptr(LotseMeetingMail) mail = NULL;

  g_return_val_if_fail (LOTSE_IS_MEETING_SEND (self), FALSE);
  g_return_val_if_fail (self->meeting != NULL, FALSE);

  mail = lotse_meeting_mail_new (self->store, lotse_record_get_id (self->meeting), kind, error);
  if (mail == NULL || !lotse_report_attach_meeting_documents (self->store, mail, error))
    return FALSE;
  return write_eml (self, mail, path, error);
}

static void
on_save_response (GtkNativeDialog *dialog,
                  int              response,
                  SendJob         *job)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autoptr(GError) error = NULL;
      g_autofree char *path = lotse_output_path_for_file (file, &error);

      if (path == NULL || !write_eml (job->self, job->mail, path, &error))
        lotse_jourfixe_toast (GTK_WIDGET (job->self), error->message);
    }

  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);
  send_job_free (job);
}

/* Asks where to save @mail (taken) and writes it there. */
static void
save_as_with (LotseMeetingSend *self,
              LotseMeetingMail *mail)
{
  SendJob *job = g_new0 (SendJob, 1);
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  LotseMailAttachment *document = g_ptr_array_index (mail->attachments, 0);
  g_autofree char *base = g_strndup (document->filename, strcspn (document->filename, "."));
  g_autofree char *name = g_strconcat (base, ".eml", NULL);
  GtkFileChooserNative *chooser;

  job->self = g_object_ref (self);
  job->mail = mail;
  chooser = gtk_file_chooser_native_new (_("Save as E-Mail"), parent_window (self),
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_filter_set_name (filter, _("E-mail messages"));
  gtk_file_filter_add_mime_type (filter, "message/rfc822");
  gtk_file_filter_add_suffix (filter, "eml");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  g_signal_connect (chooser, "response", G_CALLBACK (on_save_response), job);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

void
lotse_meeting_send_save_as (LotseMeetingSend *self,
                            LotseMailKind     kind)
{
  LotseMeetingMail *mail = build_mail (self, kind);

  if (mail != NULL)
    save_as_with (self, mail);
}

/* --- the portal -------------------------------------------------------------- */

static void
on_fallback_response (AdwMessageDialog *dialog,
                      const char       *response,
                      SendJob          *job)
{
  if (g_str_equal (response, "eml"))
    save_as_with (job->self, g_steal_pointer (&job->mail));
}

/* The mail program cannot be reached: say so, offer the file. Takes @job. */
static void
offer_fallback (SendJob      *job,
                const GError *error)
{
  GtkWidget *dialog;

  g_message ("No e-mail portal: %s", error->message);
  dialog = adw_message_dialog_new (parent_window (job->self), _("No Mail Program Available"), NULL);
  adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog),
                                  /* Translators: %s is the technical reason */
                                  _("The e-mail could not be handed to a mail program (%s). "
                                    "Save it as a file instead and open that with any mail program."),
                                  error->message);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"),
                                    "eml", _("Save as _E-Mail…"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "eml", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "eml");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_data (dialog, "response", G_CALLBACK (on_fallback_response), job,
                         (GClosureNotify) (void (*) (void)) send_job_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_composed (GObject      *source,
             GAsyncResult *result,
             gpointer      data)
{
  g_autoptr(SendJob) job = data;
  g_autoptr(GError) error = NULL;

  if (xdp_portal_compose_email_finish (XDP_PORTAL (source), result, &error))
    record_dispatch (job->self, job->mail, "portal");
  else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    offer_fallback (g_steal_pointer (&job), error);
}

/* Removes what earlier sends left in @outgoing: their mail programs have
 * read it long since. */
static void
remove_earlier (const char *outgoing)
{
  g_autoptr(GDir) dir = g_dir_open (outgoing, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *sub = g_build_filename (outgoing, name, NULL);
      g_autoptr(GDir) files = g_dir_open (sub, 0, NULL);
      const char *file;

      while (files != NULL && (file = g_dir_read_name (files)) != NULL)
        {
          g_autofree char *path = g_build_filename (sub, file, NULL);

          g_unlink (path);
        }
      g_rmdir (sub);
    }
}

/* The attachments as files the portal can pass on; NULL on failure. */
static GStrv
write_attachments (LotseMeetingMail  *mail,
                   GError           **error)
{
  g_autofree char *outgoing = g_build_filename (g_get_user_cache_dir (), "lotse", "outgoing", NULL);
  g_autofree char *uuid = g_uuid_string_random ();
  g_autofree char *dir = g_build_filename (outgoing, uuid, NULL);
  g_autoptr(GStrvBuilder) paths = g_strv_builder_new ();

  remove_earlier (outgoing);
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved), "%s: %s", dir, g_strerror (saved));
      return NULL;
    }
  for (guint i = 0; i < mail->attachments->len; i++)
    {
      LotseMailAttachment *attachment = g_ptr_array_index (mail->attachments, i);
      g_autofree char *name = g_strdelimit (g_strdup (attachment->filename), G_DIR_SEPARATOR_S, '-');
      g_autofree char *path = g_build_filename (dir, name, NULL);
      gsize length;
      const char *data = g_bytes_get_data (attachment->data, &length);

      if (!g_file_set_contents_full (path, data, length, G_FILE_SET_CONTENTS_CONSISTENT, 0600, error))
        return NULL;
      g_strv_builder_add (paths, path);
    }
  return g_strv_builder_end (paths);
}

static void
on_portal_version (GObject      *source,
                   GAsyncResult *result,
                   gpointer      data)
{
  SendJob *job = data;
  LotseMeetingSend *self = job->self;
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) attachments = NULL;
  g_autoptr(XdpParent) parent = NULL;

  reply = g_dbus_connection_call_finish (G_DBUS_CONNECTION (source), result, &error);
  if (reply == NULL || (attachments = write_attachments (job->mail, &error)) == NULL)
    {
      offer_fallback (job, error);
      return;
    }

  if (self->portal == NULL)
    self->portal = xdp_portal_new ();
  parent = parent_window (self) != NULL ? xdp_parent_new_gtk (parent_window (self)) : NULL;
  g_ptr_array_add (job->mail->addresses, NULL);
  xdp_portal_compose_email (self->portal, parent, (const char * const *) job->mail->addresses->pdata,
                            NULL, NULL, job->mail->subject, job->mail->body,
                            (const char * const *) attachments, XDP_EMAIL_FLAG_NONE, NULL, on_composed, job);
  g_ptr_array_remove_index (job->mail->addresses, job->mail->addresses->len - 1);
}

static void
on_session_bus (GObject      *source,
                GAsyncResult *result,
                gpointer      data)
{
  SendJob *job = data;
  g_autoptr(GDBusConnection) bus = NULL;
  g_autoptr(GError) error = NULL;

  bus = g_bus_get_finish (result, &error);
  if (bus == NULL)
    {
      offer_fallback (job, error);
      return;
    }
  g_dbus_connection_call (bus, PORTAL_BUS_NAME, PORTAL_OBJECT_PATH, "org.freedesktop.DBus.Properties", "Get",
                          g_variant_new ("(ss)", "org.freedesktop.portal.Email", "version"),
                          G_VARIANT_TYPE ("(v)"), G_DBUS_CALL_FLAGS_NONE, PORTAL_TIMEOUT_MS, NULL,
                          on_portal_version, job);
}

/* Hands @mail (taken) to the mail program, or offers the file. */
static void
send_mail (LotseMeetingSend *self,
           LotseMeetingMail *mail)
{
  SendJob *job = g_new0 (SendJob, 1);

  job->self = g_object_ref (self);
  job->mail = mail;
  g_bus_get (G_BUS_TYPE_SESSION, NULL, on_session_bus, job);
}

/* --- the dialog before sending ----------------------------------------------- */

static char *
describe_recipients (LotseMeetingMail *mail)
{
  GString *text = g_string_new (NULL);

  if (mail->to->len > 0)
    {
      g_autofree char *to = join (mail->to, "\n");

      /* Translators: above the list of recipients of an e-mail */
      g_string_append_printf (text, ngettext ("To %u participant:", "To %u participants:", mail->to->len),
                              mail->to->len);
      g_string_append_printf (text, "\n%s", to);
    }
  else
    g_string_append (text, _("No participant has an e-mail address."));

  if (mail->without->len > 0)
    {
      /* Translators: the separator between names in a list */
      g_autofree char *names = join (mail->without, _(", "));

      g_string_append (text, "\n\n");
      /* Translators: %s lists the names of participants */
      g_string_append_printf (text, _("Not addressed, as they have no e-mail address: %s"), names);
    }
  return g_string_free (text, FALSE);
}

static void
on_send_response (AdwMessageDialog *dialog,
                  const char       *response,
                  LotseMeetingSend *self)
{
  LotseMeetingMail *mail = g_object_steal_data (G_OBJECT (dialog), "mail");

  if (g_str_equal (response, "send"))
    send_mail (self, mail);
  else if (g_str_equal (response, "eml"))
    save_as_with (self, mail);
  else
    lotse_meeting_mail_free (mail);
}

/**
 * lotse_meeting_send_present:
 * @self: a meeting send area
 * @kind: the invitation or the minutes
 *
 * Shows who gets the invitation or the minutes (and who does not, having
 * no address) and sends them, or saves them as an e-mail file.
 */
void
lotse_meeting_send_present (LotseMeetingSend *self,
                            LotseMailKind     kind)
{
  LotseMeetingMail *mail = build_mail (self, kind);
  g_autofree char *body = NULL;
  GtkWidget *dialog;

  if (mail == NULL)
    return;

  body = describe_recipients (mail);
  dialog = adw_message_dialog_new (parent_window (self),
                                   kind == LOTSE_MAIL_MINUTES ? _("Send Minutes") : _("Send Invitation"), body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"),
                                    "eml", _("Save as _E-Mail…"), "send", _("_Send"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "send", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (dialog), "send", mail->to->len > 0);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog),
                                           mail->to->len > 0 ? "send" : "eml");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "mail", mail, (GDestroyNotify) lotse_meeting_mail_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_send_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/**
 * lotse_meeting_send_append_menu:
 * @menu: the meeting's menu
 * @meeting: the meeting
 *
 * Appends sending and saving as e-mail: the invitation before the
 * meeting, the minutes once it is held. The items name the actions
 * meeting.send and meeting.save-eml of the meeting's page.
 */
void
lotse_meeting_send_append_menu (GMenu       *menu,
                                LotseRecord *meeting)
{
  const char *status = lotse_record_get (meeting, LOTSE_MEETING_STATUS);
  gboolean held = g_strcmp0 (status, "held") == 0;
  g_autoptr(GMenu) section = g_menu_new ();
  g_autoptr(GMenuItem) send = NULL;
  g_autoptr(GMenuItem) save = NULL;

  if (held)
    {
      send = g_menu_item_new (_("Send Mi_nutes…"), NULL);
      save = g_menu_item_new (_("Save Minutes as E-Mai_l…"), NULL);
    }
  else if (g_strcmp0 (status, "draft") == 0 || g_strcmp0 (status, "planned") == 0)
    {
      send = g_menu_item_new (_("Send In_vitation…"), NULL);
      save = g_menu_item_new (_("Save Invitation as E-Mai_l…"), NULL);
    }
  else
    return;

  g_menu_item_set_action_and_target (send, "meeting.send", "s", kind_name (held ? LOTSE_MAIL_MINUTES
                                                                               : LOTSE_MAIL_INVITATION));
  g_menu_item_set_action_and_target (save, "meeting.save-eml", "s", kind_name (held ? LOTSE_MAIL_MINUTES
                                                                                    : LOTSE_MAIL_INVITATION));
  g_menu_append_item (section, send);
  g_menu_append_item (section, save);
  g_menu_append_section (menu, NULL, G_MENU_MODEL (section));
}

/* --- what was sent ------------------------------------------------------------ */

/* The last dispatch of @kind, shown in @label with its recipients. */
static void
fill_sent (LotseMeetingSend *self,
           LotseMailKind     kind,
           GtkLabel         *label)
{
  LotseFilter filters[] = {
    { LOTSE_MEETING_DISPATCH_MEETING_ID, lotse_record_get_id (self->meeting) },
    { LOTSE_MEETING_DISPATCH_KIND, kind_name (kind) },
  };
  g_autoptr(GPtrArray) dispatches = lotse_store_list (self->store, LOTSE_TABLE_MEETING_DISPATCH, filters,
                                                      G_N_ELEMENTS (filters), LOTSE_MEETING_DISPATCH_SENT_AT, 0, 0, NULL);
  LotseRecord *last = dispatches != NULL && dispatches->len > 0
                      ? g_ptr_array_index (dispatches, dispatches->len - 1) : NULL;
  g_autofree char *text = last != NULL ? lotse_meeting_describe_dispatch (last) : NULL;

  gtk_label_set_text (label, text != NULL ? text : "");
  gtk_widget_set_tooltip_text (GTK_WIDGET (label), last != NULL ? lotse_record_get (last, LOTSE_MEETING_DISPATCH_RECIPIENTS) : NULL);
  gtk_widget_set_visible (GTK_WIDGET (label), text != NULL);
}

static void
fill (LotseMeetingSend *self)
{
  const char *status;

  if (self->meeting == NULL || self->store == NULL)
    return;

  status = lotse_record_get (self->meeting, LOTSE_MEETING_STATUS);
  gtk_widget_set_visible (self->invitation_button,
                          g_strcmp0 (status, "draft") == 0 || g_strcmp0 (status, "planned") == 0);
  gtk_widget_set_visible (self->minutes_button, g_strcmp0 (status, "held") == 0);
  fill_sent (self, LOTSE_MAIL_INVITATION, self->invitation_label);
  fill_sent (self, LOTSE_MAIL_MINUTES, self->minutes_label);
}

static void
on_store_changed (LotseMeetingSend *self,
                  const char       *table,
                  const char       *id,
                  LotseStore       *store)
{
  if (g_str_equal (table, LOTSE_TABLE_MEETING_DISPATCH))
    fill (self);
}

/**
 * lotse_meeting_send_set_meeting:
 * @self: a meeting send area
 * @store: (nullable): the store
 * @meeting: (nullable): the meeting shown, as it is now
 */
void
lotse_meeting_send_set_meeting (LotseMeetingSend *self,
                                LotseStore       *store,
                                LotseRecord      *meeting)
{
  g_return_if_fail (LOTSE_IS_MEETING_SEND (self));

  if (self->store != store)
    {
      g_clear_signal_handler (&self->changed_id, self->store);
      g_set_object (&self->store, store);
      if (store != NULL)
        self->changed_id = g_signal_connect_object (store, "changed", G_CALLBACK (on_store_changed), self,
                                                    G_CONNECT_SWAPPED);
    }
  g_set_object (&self->meeting, meeting);
  fill (self);
}

GtkWidget *
lotse_meeting_send_get_button (LotseMeetingSend *self,
                               LotseMailKind     kind)
{
  return kind == LOTSE_MAIL_MINUTES ? self->minutes_button : self->invitation_button;
}

const char *
lotse_meeting_send_get_sent_text (LotseMeetingSend *self)
{
  return gtk_label_get_text (self->minutes_label);
}

/* --- class ------------------------------------------------------------------- */

static void
compose_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  lotse_meeting_send_present (LOTSE_MEETING_SEND (widget), parse_kind (parameter));
}

static void
lotse_meeting_send_dispose (GObject *object)
{
  LotseMeetingSend *self = LOTSE_MEETING_SEND (object);
  GtkWidget *child;

  g_clear_signal_handler (&self->changed_id, self->store);
  g_clear_object (&self->store);
  g_clear_object (&self->meeting);
  g_clear_object (&self->portal);
  gtk_widget_dispose_template (GTK_WIDGET (self), LOTSE_TYPE_MEETING_SEND);
  /* The template's top box has no name, so disposing the template leaves it. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (lotse_meeting_send_parent_class)->dispose (object);
}

static void
lotse_meeting_send_class_init (LotseMeetingSendClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lotse_meeting_send_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/app/lotse/Lotse/jourfixe/lotse-meeting-send.ui");
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_bind_template_child (widget_class, LotseMeetingSend, invitation_label);
  gtk_widget_class_bind_template_child (widget_class, LotseMeetingSend, minutes_label);
  gtk_widget_class_bind_template_child (widget_class, LotseMeetingSend, invitation_button);
  gtk_widget_class_bind_template_child (widget_class, LotseMeetingSend, minutes_button);
  gtk_widget_class_install_action (widget_class, "send.compose", "s", compose_action);
}

static void
lotse_meeting_send_init (LotseMeetingSend *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
