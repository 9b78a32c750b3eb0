/* lotse-application.c: the application
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lotse-application"

#include "config.h"

#include <glib/gi18n.h>

#include "lotse-accessible.h"
#include "lotse-application-private.h"
#include "lotse-frame-probe.h"
#include "lotse-preferences-window.h"
#include "lotse-reminder-notifier.h"
#include "lotse-sync-app.h"
#include "lotse-sync-server-page.h"
#include "lotse-view-private.h"
#include "lotse-window-private.h"

struct _LotseApplication
{
  AdwApplication  parent_instance;

  /* NULL until a window asks for the store: then the default path */
  char           *database_path;
  LotseStore     *store;
  LotseReminderNotifier *notifier;
  guint           remind_timeout;
};

G_DEFINE_FINAL_TYPE (LotseApplication, lotse_application, ADW_TYPE_APPLICATION)

static const GOptionEntry option_entries[] = {
  { "database", 'd', G_OPTION_FLAG_NONE, G_OPTION_ARG_FILENAME, NULL,
    N_("Open the database file PATH instead of the default one"), N_("PATH") },
  { NULL }
};

static void
update_actions (LotseApplication *self)
{
  GAction *load_demo = g_action_map_lookup_action (G_ACTION_MAP (self), "load-demo");

  if (load_demo != NULL)
    g_simple_action_set_enabled (G_SIMPLE_ACTION (load_demo), self->store != NULL);
}

static const char *
ensure_database_path (LotseApplication *self)
{
  if (self->database_path == NULL)
    self->database_path = lotse_store_default_path ();
  return self->database_path;
}

/* Opens the store on the first call; a store that cannot be opened is
 * tried again by the next window, so a fixed file needs no restart. */
static LotseStore *
ensure_store (LotseApplication  *self,
              GError           **error)
{
  if (self->store == NULL)
    {
      self->store = lotse_store_open (ensure_database_path (self), error);
      update_actions (self);
    }

  return self->store;
}

/* The main window used last; the preferences may be the active window. */
static LotseWindow *
find_main_window (LotseApplication *self)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL; l = l->next)
    {
      if (LOTSE_IS_WINDOW (l->data))
        return l->data;
    }

  return NULL;
}

static void
show_toast (LotseApplication *self,
            AdwToast         *toast)
{
  LotseWindow *window = find_main_window (self);

  if (window != NULL)
    lotse_window_add_toast (window, toast);
  else
    g_object_unref (toast);
}

static void
quit_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  LotseApplication *self = user_data;
  GList *windows = g_list_copy (gtk_application_get_windows (GTK_APPLICATION (self)));

  /* Closing, not destroying: each window gets to save its state. */
  for (const GList *l = windows; l != NULL; l = l->next)
    gtk_window_close (GTK_WINDOW (l->data));

  g_list_free (windows);
  g_application_quit (G_APPLICATION (self));
}

static void
preferences_action (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  LotseApplication *self = user_data;
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  LotsePreferencesWindow *preferences;

  preferences = lotse_preferences_window_new (ensure_database_path (self));
  lotse_preferences_window_set_store (preferences, self->store);
  if (self->store != NULL)
    adw_preferences_window_add (ADW_PREFERENCES_WINDOW (preferences),
                                ADW_PREFERENCES_PAGE (lotse_sync_server_page_new (lotse_sync_app_get_engine (self->store))));
  gtk_window_set_application (GTK_WINDOW (preferences), GTK_APPLICATION (self));
  gtk_window_set_transient_for (GTK_WINDOW (preferences), parent);
  gtk_window_present (GTK_WINDOW (preferences));
}

static void
about_action (GSimpleAction *action,
              GVariant      *parameter,
              gpointer       user_data)
{
  LotseApplication *self = user_data;
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  g_autofree char *comments = NULL;
  GtkWindow *about;

  comments = g_strdup_printf ("%s\n\n%s",
                              _("Lotse helps project offices steer a programme of funded "
                                "projects: milestones, jour fixe and a knowledge base that "
                                "others can reuse."),
                              _("The demo programme is fictional, built from public "
                                "descriptions of regional digitalisation programmes in "
                                "North Rhine-Westphalia."));

  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "transient-for", parent,
                        "modal", TRUE,
                        "application-name", "Lotse",
                        "application-icon", APPLICATION_ID,
                        "version", PACKAGE_VERSION,
                        "developer-name", "The Lotse developers",
                        "copyright", "© 2026 The Lotse developers",
                        "license-type", GTK_LICENSE_GPL_3_0,
                        "website", "https://lotse.app",
                        "issue-url", "https://lotse.app/issues",
                        "comments", comments,
                        /* Translators: Replace "translator-credits" with your names,
                         * one name per line */
                        "translator-credits", _("translator-credits"),
                        NULL);
  gtk_window_present (about);
}

/**
 * lotse_application_get_help_uri:
 * @view: (nullable): the view the window shows: "portfolio", "jourfixe" or
 *   "knowledge"
 *
 * Yelp finds "help:lotse/PAGE" as help/LANGUAGE/lotse/PAGE.page in the
 * data directories, where the installation (and build-aux/run.sh) puts
 * the help.
 *
 * Returns: (transfer full): the help page about @view, the help's start
 *   page for any other
 */
char *
lotse_application_get_help_uri (const char *view)
{
  static const struct
  {
    const char *view;
    const char *page;
  } pages[] = {
    { "portfolio", "portfolio" },
    { "jourfixe", "jourfixe-prepare" },
    { "knowledge", "knowledge" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    if (g_strcmp0 (view, pages[i].view) == 0)
      return g_strdup_printf ("help:%s/%s", GETTEXT_PACKAGE, pages[i].page);

  return g_strdup ("help:" GETTEXT_PACKAGE);
}

/* F1: the page about what the window shows */
static void
help_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  LotseApplication *self = user_data;
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  const char *view = NULL;
  g_autofree char *uri = NULL;

  if (LOTSE_IS_WINDOW (parent))
    view = adw_view_stack_get_visible_child_name (lotse_window_get_view_stack (LOTSE_WINDOW (parent)));
  uri = lotse_application_get_help_uri (view);
  gtk_show_uri (parent, uri, GDK_CURRENT_TIME);
}

static void
load_demo_action (GSimpleAction *action,
                  GVariant      *parameter,
                  gpointer       user_data)
{
  LotseApplication *self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  guint n_inserted = 0;

  g_return_if_fail (self->store != NULL);

  if (!lotse_demo_load (self->store, NULL, &n_inserted, &error))
    {
      g_warning ("Could not load the demo programme: %s", error->message);
      /* Translators: %s is the reason */
      title = g_markup_printf_escaped (_("Could not load the demo programme: %s"),
                                       error->message);
    }
  else if (n_inserted == 0)
    {
      title = g_strdup (_("The demo programme is already loaded"));
    }
  else
    {
      title = g_strdup_printf (ngettext ("Loaded %u record of the demo programme",
                                         "Loaded %u records of the demo programme",
                                         n_inserted),
                               n_inserted);
    }

  show_toast (self, adw_toast_new (title));
}

/* The reminder's click: My action items in the main window. */
static void
show_my_actions_action (GSimpleAction *action,
                        GVariant      *parameter,
                        gpointer       user_data)
{
  LotseApplication *self = user_data;
  LotseWindow *window;

  g_application_activate (G_APPLICATION (self));
  window = find_main_window (self);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-view", "s", "jourfixe");
  gtk_widget_activate_action (lotse_window_get_view (window, "jourfixe"), "jourfixe.show-my-actions", NULL);
}

/* Hourly: the reminder comes when the day has changed. */
static gboolean
remind_timeout_cb (gpointer data)
{
  LotseApplication *self = data;

  lotse_reminder_notifier_check (self->notifier, self->store, NULL);
  return G_SOURCE_CONTINUE;
}

static const GActionEntry app_entries[] = {
  { "quit", quit_action },
  { "preferences", preferences_action },
  { "about", about_action },
  { "help", help_action },
  { "load-demo", load_demo_action },
  { "show-my-actions", show_my_actions_action },
};

static void
lotse_application_startup (GApplication *application)
{
  LotseApplication *self = LOTSE_APPLICATION (application);
  static const struct {
    const char *action;
    const char *accels[2];
  } shortcuts[] = {
    { "app.quit", { "<Control>q", NULL } },
    { "app.preferences", { "<Control>comma", NULL } },
    { "app.help", { "F1", NULL } },
    { "win.close", { "<Control>w", NULL } },
    { "win.show-view::portfolio", { "<Control>1", NULL } },
    { "win.show-view::jourfixe", { "<Control>2", NULL } },
    { "win.show-view::knowledge", { "<Control>3", NULL } },
    { "win.global-search", { "<Control>k", NULL } },
    { "win.sync-now", { "<Control>r", NULL } },
    { "win.print-milestone-report", { "<Control>p", NULL } },
    { "win.show-help-overlay", { "<Control>question", NULL } },
  };

  G_APPLICATION_CLASS (lotse_application_parent_class)->startup (application);
  lotse_frame_probe_mark ("gtk-started");
  lotse_accessible_install_fixes ();

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_entries,
                                   G_N_ELEMENTS (app_entries), self);
  for (guint i = 0; i < G_N_ELEMENTS (shortcuts); i++)
    gtk_application_set_accels_for_action (GTK_APPLICATION (self),
                                           shortcuts[i].action, shortcuts[i].accels);
  update_actions (self);

  gtk_window_set_default_icon_name (APPLICATION_ID);
}

static void
lotse_application_activate (GApplication *application)
{
  LotseApplication *self = LOTSE_APPLICATION (application);
  LotseWindow *window = find_main_window (self);

  if (window == NULL)
    {
      g_autoptr(GError) error = NULL;
      LotseStore *store = ensure_store (self, &error);

      lotse_frame_probe_mark ("store-opened");
      window = lotse_window_new (GTK_APPLICATION (self), store);
      lotse_frame_probe_mark ("window-built");
      if (store == NULL)
        {
          /* Not a warning: the window says it, this is for the journal. */
          g_message ("%s", error->message);
          lotse_window_show_open_error (window, error);
        }

      /* What the user waits for: the project rows. Asking for them builds
       * the portfolio, so only the bench does. */
      if (lotse_frame_probe_enabled ())
        lotse_frame_probe_attach (GTK_WINDOW (window),
                                  store != NULL ? lotse_view_get_list_view (
                                    LOTSE_VIEW (lotse_window_get_view (window, "portfolio"))) : NULL);
    }

  gtk_window_present (GTK_WINDOW (window));
  lotse_frame_probe_mark ("presented");

  lotse_reminder_notifier_check (self->notifier, self->store, NULL);
  if (self->remind_timeout == 0)
    self->remind_timeout = g_timeout_add_seconds (60 * 60, remind_timeout_cb, self);
}

static int
lotse_application_handle_local_options (GApplication *application,
                                        GVariantDict *options)
{
  LotseApplication *self = LOTSE_APPLICATION (application);
  g_autofree char *path = NULL;

  if (g_variant_dict_lookup (options, "database", "^ay", &path))
    {
      g_autofree char *absolute = g_canonicalize_filename (path, NULL);

      lotse_application_set_database_path (self, absolute);
      /* A running instance would show its own database instead: with a
       * database of its own, this one runs by itself. */
      g_application_set_flags (application,
                               g_application_get_flags (application) | G_APPLICATION_NON_UNIQUE);
    }

  return G_APPLICATION_CLASS (lotse_application_parent_class)->handle_local_options (application,
                                                                                      options);
}

/* Quitting during a sync neither waits nor loses anything: the cycle is
 * cancelled and the outbox stays for the next start. */
static void
lotse_application_shutdown (GApplication *application)
{
  LotseApplication *self = LOTSE_APPLICATION (application);

  if (self->store != NULL)
    lotse_sync_engine_release_for_store (self->store);
  g_clear_handle_id (&self->remind_timeout, g_source_remove);

  G_APPLICATION_CLASS (lotse_application_parent_class)->shutdown (application);
}

static void
lotse_application_dispose (GObject *object)
{
  LotseApplication *self = LOTSE_APPLICATION (object);

  if (self->store != NULL)
    lotse_sync_engine_release_for_store (self->store);
  g_clear_object (&self->store);
  g_clear_handle_id (&self->remind_timeout, g_source_remove);
  g_clear_object (&self->notifier);

  G_OBJECT_CLASS (lotse_application_parent_class)->dispose (object);
}

static void
lotse_application_finalize (GObject *object)
{
  LotseApplication *self = LOTSE_APPLICATION (object);

  g_clear_pointer (&self->database_path, g_free);

  G_OBJECT_CLASS (lotse_application_parent_class)->finalize (object);
}

static void
lotse_application_class_init (LotseApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *application_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = lotse_application_dispose;
  object_class->finalize = lotse_application_finalize;

  application_class->startup = lotse_application_startup;
  application_class->shutdown = lotse_application_shutdown;
  application_class->activate = lotse_application_activate;
  application_class->handle_local_options = lotse_application_handle_local_options;
}

static void
lotse_application_init (LotseApplication *self)
{
  g_application_add_main_option_entries (G_APPLICATION (self), option_entries);
  self->notifier = lotse_reminder_notifier_new (G_APPLICATION (self));
}

/**
 * lotse_application_new:
 * @application_id: the application id, APPLICATION_ID outside of tests
 * @flags: the application flags
 *
 * Returns: (transfer full): a new application
 */
LotseApplication *
lotse_application_new (const char        *application_id,
                       GApplicationFlags  flags)
{
  g_return_val_if_fail (application_id != NULL, NULL);

  /* The resource path stays the same for the Devel id, so that the help
   * overlay and style.css are found under it. */
  return g_object_new (LOTSE_TYPE_APPLICATION,
                       "application-id", application_id,
                       "flags", flags,
                       "resource-base-path", "/app/lotse/Lotse",
                       NULL);
}

/**
 * lotse_application_get_store:
 * @self: a #LotseApplication
 *
 * Returns: (transfer none) (nullable): the open store, or %NULL before the
 *   first window or when the database could not be opened
 */
LotseStore *
lotse_application_get_store (LotseApplication *self)
{
  g_return_val_if_fail (LOTSE_IS_APPLICATION (self), NULL);

  return self->store;
}

/**
 * lotse_application_get_database_path:
 * @self: a #LotseApplication
 *
 * Returns: (nullable): the database file given with --database, or the
 *   default one once a window has opened it
 */
const char *
lotse_application_get_database_path (LotseApplication *self)
{
  g_return_val_if_fail (LOTSE_IS_APPLICATION (self), NULL);

  return self->database_path;
}

void
lotse_application_set_database_path (LotseApplication *self,
                                     const char       *path)
{
  g_return_if_fail (LOTSE_IS_APPLICATION (self));

  if (g_strcmp0 (self->database_path, path) == 0)
    return;

  g_free (self->database_path);
  self->database_path = g_strdup (path);
  g_clear_object (&self->store);
  update_actions (self);
}

void
lotse_application_set_store (LotseApplication *self,
                             LotseStore       *store)
{
  g_return_if_fail (LOTSE_IS_APPLICATION (self));
  g_return_if_fail (!store || LOTSE_IS_STORE (store));

  if (g_set_object (&self->store, store))
    {
      g_clear_pointer (&self->database_path, g_free);
      if (store != NULL)
        self->database_path = g_strdup (lotse_store_get_path (store));
      update_actions (self);
    }
}
