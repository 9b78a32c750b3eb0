/* lotse-attachment-list.c: the files attached to a record
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One group for the project, meeting and article pages: a row per file
 * with its name (as given, never markup), size, type, who added it and
 * when; buttons to open it with the desktop's application for its type,
 * save a copy and remove it (with Undo in a toast). Files are added by
 * dropping them on the group or with a file chooser; each is hashed and
 * copied in a worker thread (lotse_attachment_add_async()), so a large
 * one does not stop the window from drawing.
 *
 * A row whose file is not on this device yet says why: “Downloading” when
 * sync keeps every file offline, “Not available offline” when files are
 * fetched only when opened, which opening it then does.
 */

#define G_LOG_DOMAIN "lotse-attachment-list"

#include "config.h"

#include <glib/gi18n.h>

#include "lotse-attachment-list.h"
#include "lotse-widget-util.h"

struct _LotseAttachmentList
{
  GtkWidget   parent_instance;

  GtkWidget  *group;
  GtkListBox *list;

  LotseStore *store;
  char       *owner_table;
  char       *owner_id;
  GPtrArray  *rows;        /* GtkWidget rows shown */
  guint       pending;     /* files being copied */
  GCancellable *cancellable;
};

G_DEFINE_FINAL_TYPE (LotseAttachmentList, lotse_attachment_list, GTK_TYPE_WIDGET)

#define ATTACHMENT_KEY "lotse-attachment"

/* The attachment of a row's button, by its id. */
static LotseRecord *
find_attachment (LotseAttachmentList *self,
                 GVariant            *parameter)
{
  const char *id = g_variant_get_string (parameter, NULL);

  for (guint i = 0; i < self->rows->len; i++)
    {
      LotseRecord *attachment = g_object_get_data (self->rows->pdata[i], ATTACHMENT_KEY);

      if (g_str_equal (lotse_record_get_id (attachment), id))
        return attachment;
    }
  return NULL;
}

static char *
row_subtitle (LotseAttachmentList *self,
              LotseRecord         *attachment)
{
  g_autofree char *path = lotse_attachment_dup_path (self->store, attachment);
  g_autofree char *size = g_format_size (lotse_record_get_int (attachment, LOTSE_ATTACHMENT_SIZE, 0));
  g_autofree char *type = g_content_type_from_mime_type (lotse_record_get (attachment, LOTSE_ATTACHMENT_CONTENT_TYPE));
  g_autofree char *kind = type != NULL ? g_content_type_get_description (type) : g_strdup ("");
  g_autoptr(GDateTime) added = g_date_time_new_from_iso8601 (lotse_record_get_created_at (attachment), NULL);
  g_autoptr(GDateTime) local = added != NULL ? g_date_time_to_local (added) : NULL;
  g_autofree char *when = local != NULL ? g_date_time_format (local, "%x %H:%M") : g_strdup ("");
  const char *who = lotse_record_get (attachment, LOTSE_ATTACHMENT_ADDED_BY);
  g_autofree char *state = NULL;

  if (path == NULL)
    state = g_strdup (lotse_sync_engine_get_keep_files_offline (lotse_sync_engine_get_for_store (self->store))
                        ? _("Downloading…") : _("Not available offline"));
  /* Translators: an attachment's size, type, who added it and when */
  return g_strdup_printf (_("%s · %s · %s, %s%s%s"), size, kind, who != NULL ? who : "", when,
                          state != NULL ? " · " : "", state != NULL ? state : "");
}

static GtkWidget *
row_button (const char *icon,
            const char *tooltip,
            const char *action,
            const char *id)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon);

  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", id);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, tooltip, -1);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
  gtk_widget_add_css_class (button, "flat");
  return button;
}

static GtkWidget *
new_row (LotseAttachmentList *self,
         LotseRecord         *attachment)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *subtitle = row_subtitle (self, attachment);
  const char *id = lotse_record_get_id (attachment);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), lotse_record_get (attachment, LOTSE_ATTACHMENT_NAME));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), row_button ("document-open-symbolic", _("Open"),
                                                                "attachments.open", id));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), row_button ("document-save-as-symbolic", _("Save a Copy"),
                                                                "attachments.save", id));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), row_button ("user-trash-symbolic", _("Remove"),
                                                                "attachments.remove", id));
  g_object_set_data_full (G_OBJECT (row), ATTACHMENT_KEY, g_object_ref (attachment), g_object_unref);
  return row;
}

static void
reload (LotseAttachmentList *self)
{
  g_autoptr(GPtrArray) attachments = NULL;

  for (guint i = 0; i < self->rows->len; i++)
    gtk_list_box_remove (self->list, self->rows->pdata[i]);
  g_ptr_array_set_size (self->rows, 0);

  if (self->store == NULL || self->owner_id == NULL)
    return;
  attachments = lotse_attachment_list (self->store, self->owner_table, self->owner_id, NULL);
  for (guint i = 0; attachments != NULL && i < attachments->len; i++)
    {
      GtkWidget *row = new_row (self, attachments->pdata[i]);

      gtk_list_box_append (self->list, row);
      g_ptr_array_add (self->rows, row);
    }
}

static void
on_store_changed (LotseAttachmentList *self,
                  const char          *table,
                  const char          *id)
{
  if (g_str_equal (table, LOTSE_TABLE_ATTACHMENT))
    reload (self);
}

/* --- adding ---------------------------------------------------------------- */

static void
add_done (GObject      *source,
          GAsyncResult *result,
          gpointer      data)
{
  g_autoptr(LotseAttachmentList) self = data;
  g_autoptr(LotseRecord) record = NULL;
  g_autoptr(GError) error = NULL;

  self->pending--;
  record = lotse_attachment_add_finish (LOTSE_STORE (source), result, &error);
  if (record == NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    lotse_widget_show_toast (GTK_WIDGET (self), error->message);
}

/**
 * lotse_attachment_list_add_files:
 * @self: a list
 * @files: (element-type GFile): the files to attach
 *
 * Attaches @files to the record shown, each copied in a worker thread.
 */
void
lotse_attachment_list_add_files (LotseAttachmentList *self,
                                 GSList              *files)
{
  g_return_if_fail (LOTSE_IS_ATTACHMENT_LIST (self));

  if (self->store == NULL || self->owner_id == NULL)
    return;
  for (GSList *l = files; l != NULL; l = l->next)
    {
      self->pending++;
      lotse_attachment_add_async (self->store, self->owner_table, self->owner_id, l->data, self->cancellable,
                                  add_done, g_object_ref (self));
    }
}

guint
lotse_attachment_list_get_pending (LotseAttachmentList *self)
{
  g_return_val_if_fail (LOTSE_IS_ATTACHMENT_LIST (self), 0);

  return self->pending;
}

static gboolean
on_drop (GtkDropTarget       *target,
         const GValue        *value,
         double               x,
         double               y,
         LotseAttachmentList *self)
{
  if (!G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST))
    return FALSE;
  lotse_attachment_list_add_files (self, g_value_get_boxed (value));
  return TRUE;
}

static void
on_chooser_response (GtkNativeDialog     *dialog,
                     int                  response,
                     LotseAttachmentList *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GListModel) files = gtk_file_chooser_get_files (GTK_FILE_CHOOSER (dialog));
      g_autoptr(GSList) list = NULL;

      for (guint i = g_list_model_get_n_items (files); i > 0; i--)
        list = g_slist_prepend (list, g_list_model_get_item (files, i - 1));
      lotse_attachment_list_add_files (self, list);
      g_slist_foreach (list, (GFunc)g_object_unref, NULL);
    }
  g_object_unref (dialog);
}

static void
add_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  LotseAttachmentList *self = LOTSE_ATTACHMENT_LIST (widget);
  GtkFileChooserNative *chooser;

  chooser = gtk_file_chooser_native_new (_("Attach Files"), GTK_WINDOW (gtk_widget_get_root (widget)),
                                         GTK_FILE_CHOOSER_ACTION_OPEN, _("_Attach"), NULL);
  gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (chooser), TRUE);
  g_signal_connect_object (chooser, "response", G_CALLBACK (on_chooser_response), self, 0);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* --- a row's buttons ---------------------------------------------------------- */

/* With the application the desktop has for the attachment's type, given
 * the blob itself (read-only): no copy under a name taken from the
 * file name is made. */
static void
launch (LotseAttachmentList *self,
        LotseRecord         *attachment,
        const char          *path)
{
  g_autofree char *type = g_content_type_from_mime_type (lotse_record_get (attachment, LOTSE_ATTACHMENT_CONTENT_TYPE));
  g_autoptr(GAppInfo) app = type != NULL ? g_app_info_get_default_for_type (type, FALSE) : NULL;
  g_autoptr(GdkAppLaunchContext) context = gdk_display_get_app_launch_context (gtk_widget_get_display (GTK_WIDGET (self)));
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  GList files = { file, NULL, NULL };

  if (app == NULL)
    {
      /* Translators: %s is a file's name */
      g_autofree char *message = g_strdup_printf (_("No application is installed to open “%s”"),
                                                  lotse_record_get (attachment, LOTSE_ATTACHMENT_NAME));

      lotse_widget_show_toast (GTK_WIDGET (self), message);
      return;
    }
  if (!g_app_info_launch (app, &files, G_APP_LAUNCH_CONTEXT (context), &error))
    lotse_widget_show_toast (GTK_WIDGET (self), error->message);
}

static void
fetch_done (GObject      *source,
            GAsyncResult *result,
            gpointer      data)
{
  g_autoptr(LotseRecord) attachment = data;
  g_autoptr(GError) error = NULL;
  LotseSyncEngine *engine = LOTSE_SYNC_ENGINE (source);
  LotseAttachmentList *self = g_object_get_data (G_OBJECT (attachment), "lotse-attachment-list");
  g_autofree char *path = NULL;

  if (!lotse_sync_engine_fetch_file_finish (engine, result, &error))
    {
      if (self != NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        lotse_widget_show_toast (GTK_WIDGET (self), error->message);
      return;
    }
  if (self == NULL)
    return;
  path = lotse_attachment_dup_path (self->store, attachment);
  if (path != NULL)
    launch (self, attachment, path);
  else
    lotse_widget_show_toast (GTK_WIDGET (self), _("The server does not have this file yet"));
}

static void
open_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  LotseAttachmentList *self = LOTSE_ATTACHMENT_LIST (widget);
  LotseRecord *attachment = find_attachment (self, parameter);
  LotseSyncEngine *engine;
  g_autofree char *path = NULL;

  if (attachment == NULL)
    return;
  path = lotse_attachment_dup_path (self->store, attachment);
  if (path != NULL)
    {
      launch (self, attachment, path);
      return;
    }

  engine = lotse_sync_engine_get_for_store (self->store);
  if (lotse_sync_engine_get_keep_files_offline (engine))
    {
      lotse_widget_show_toast (widget, _("The file is still being downloaded"));
      return;
    }
  g_object_set_data (G_OBJECT (attachment), "lotse-attachment-list", self);
  lotse_sync_engine_fetch_file_async (engine, lotse_record_get (attachment, LOTSE_ATTACHMENT_SHA256),
                                      self->cancellable, fetch_done, g_object_ref (attachment));
}

static void
on_save_response (GtkNativeDialog *dialog,
                  int              response,
                  LotseRecord     *attachment)
{
  LotseAttachmentList *self = g_object_get_data (G_OBJECT (dialog), "lotse-attachment-list");

  if (response == GTK_RESPONSE_ACCEPT && self != NULL)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autoptr(GError) error = NULL;
      g_autofree char *path = lotse_output_path_for_file (file, &error);

      if (path == NULL || !lotse_attachment_save_copy (self->store, attachment, path, &error))
        lotse_widget_show_toast (GTK_WIDGET (self), error->message);
    }
  g_object_unref (dialog);
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  LotseAttachmentList *self = LOTSE_ATTACHMENT_LIST (widget);
  LotseRecord *attachment = find_attachment (self, parameter);
  GtkFileChooserNative *chooser;

  if (attachment == NULL)
    return;
  chooser = gtk_file_chooser_native_new (_("Save a Copy"), GTK_WINDOW (gtk_widget_get_root (widget)),
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), NULL);
  /* Only offered as the name; the person picks the folder and may change it. */
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), lotse_record_get (attachment, LOTSE_ATTACHMENT_NAME));
  g_object_set_data (G_OBJECT (chooser), "lotse-attachment-list", self);
  g_signal_connect_data (chooser, "response", G_CALLBACK (on_save_response), g_object_ref (attachment),
                         (GClosureNotify)(void (*) (void))g_object_unref, 0);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
on_undo (AdwToast    *toast,
         LotseRecord *attachment)
{
  LotseStore *store = g_object_get_data (G_OBJECT (toast), "lotse-store");
  g_autoptr(GError) error = NULL;

  if (!lotse_store_undelete (store, LOTSE_TABLE_ATTACHMENT, lotse_record_get_id (attachment), &error))
    g_warning ("Could not restore an attachment: %s", error->message);
}

static void
remove_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  LotseAttachmentList *self = LOTSE_ATTACHMENT_LIST (widget);
  g_autoptr(LotseRecord) attachment = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  AdwToast *toast;

  if (find_attachment (self, parameter) == NULL)
    return;
  attachment = g_object_ref (find_attachment (self, parameter));
  if (!lotse_store_delete (self->store, LOTSE_TABLE_ATTACHMENT, lotse_record_get_id (attachment), &error))
    {
      lotse_widget_show_toast (widget, error->message);
      return;
    }

  /* Translators: %s is a file's name */
  title = g_strdup_printf (_("“%s” removed"), lotse_record_get (attachment, LOTSE_ATTACHMENT_NAME));
  toast = adw_toast_new (title);
  adw_toast_set_button_label (toast, _("_Undo"));
  g_object_set_data_full (G_OBJECT (toast), "lotse-store", g_object_ref (self->store), g_object_unref);
  g_signal_connect_data (toast, "button-clicked", G_CALLBACK (on_undo), g_object_ref (attachment),
                         (GClosureNotify)(void (*) (void))g_object_unref, 0);
  lotse_widget_add_toast (widget, toast);
}

/* --- the record ------------------------------------------------------------------ */

/**
 * lotse_attachment_list_set_owner:
 * @self: a list
 * @store: (nullable): the store
 * @owner_table: (nullable): the table of the record
 * @owner_id: (nullable): the record, or %NULL for none
 */
void
lotse_attachment_list_set_owner (LotseAttachmentList *self,
                                 LotseStore          *store,
                                 const char          *owner_table,
                                 const char          *owner_id)
{
  g_return_if_fail (LOTSE_IS_ATTACHMENT_LIST (self));

  if (self->store != store)
    {
      if (self->store != NULL)
        g_signal_handlers_disconnect_by_func (self->store, on_store_changed, self);
      g_set_object (&self->store, store);
      if (store != NULL)
        g_signal_connect_object (store, "changed", G_CALLBACK (on_store_changed), self, G_CONNECT_SWAPPED);
    }
  g_free (self->owner_table);
  self->owner_table = g_strdup (owner_table);
  g_free (self->owner_id);
  self->owner_id = g_strdup (owner_id);
  reload (self);
}

static void
lotse_attachment_list_dispose (GObject *object)
{
  LotseAttachmentList *self = (LotseAttachmentList *)object;

  g_cancellable_cancel (self->cancellable);
  if (self->store != NULL)
    g_signal_handlers_disconnect_by_func (self->store, on_store_changed, self);
  g_clear_object (&self->store);
  gtk_widget_dispose_template (GTK_WIDGET (self), LOTSE_TYPE_ATTACHMENT_LIST);

  G_OBJECT_CLASS (lotse_attachment_list_parent_class)->dispose (object);
}

static void
lotse_attachment_list_finalize (GObject *object)
{
  LotseAttachmentList *self = (LotseAttachmentList *)object;

  g_free (self->owner_table);
  g_free (self->owner_id);
  g_ptr_array_unref (self->rows);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (lotse_attachment_list_parent_class)->finalize (object);
}

static void
lotse_attachment_list_class_init (LotseAttachmentListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lotse_attachment_list_dispose;
  object_class->finalize = lotse_attachment_list_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, "/app/lotse/Lotse/widgets/lotse-attachment-list.ui");
  gtk_widget_class_bind_template_child (widget_class, LotseAttachmentList, group);
  gtk_widget_class_bind_template_child (widget_class, LotseAttachmentList, list);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);

  gtk_widget_class_install_action (widget_class, "attachments.add", NULL, add_action);
  gtk_widget_class_install_action (widget_class, "attachments.open", "s", open_action);
  gtk_widget_class_install_action (widget_class, "attachments.save", "s", save_action);
  gtk_widget_class_install_action (widget_class, "attachments.remove", "s", remove_action);
}

static void
lotse_attachment_list_init (LotseAttachmentList *self)
{
  GtkDropTarget *target;

  gtk_widget_init_template (GTK_WIDGET (self));
  self->rows = g_ptr_array_new ();
  self->cancellable = g_cancellable_new ();

  target = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);
  g_signal_connect_object (target, "drop", G_CALLBACK (on_drop), self, 0);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (target));
}
