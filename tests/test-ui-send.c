/* test-ui-send.c: sending a meeting's minutes from the app, and saving them as e-mail
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs under Xvfb on a private session bus of its own (GTestDBus starts a
 * dbus-daemon), so whether an e-mail portal is there is the test's
 * choice. First without one: "Send Minutes…" is pressed, the send is
 * answered, and the app says no mail program is available and offers
 * "Save as E-Mail…"; the file chooser writes the .eml, which Python's
 * email package parses back (tests/eml-summary.py). Then with a test
 * portal on the bus (org.freedesktop.portal.Email.ComposeEmail answering
 * through org.freedesktop.portal.Request::Response, in a thread of its
 * own since libportal asks it a question synchronously): the addresses,
 * subject and the attachment behind the file descriptor (the minutes PDF,
 * read with pdftotext) are what the portal received, and the dispatch is
 * read from the SQLite file and shown on the meeting. A send cancelled in
 * the mail program is not recorded.
 */

#include "config.h"

#include <adwaita.h>
#include <gio/gunixfdlist.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "lotse-application-private.h"
#include "lotse-jourfixe-view-private.h"
#include "lotse-meeting-send.h"
#include "lotse-test-helpers.h"
#include "lotse-test-ui.h"
#include "lotse-window-private.h"

static LotseApplication *app;

/* --- the test portal ------------------------------------------------------------ */

typedef struct
{
  GMutex        lock;
  char         *address;
  GMainContext *context;
  GMainLoop    *loop;
  GThread      *thread;
  guint         response;    /* what Response answers: 0 sent, 1 cancelled */
  guint         calls;
  GStrv         addresses;
  char         *subject;
  char         *body;
  GPtrArray    *attachments; /* GBytes read through the descriptors */
} Portal;

static const char portal_xml[] =
  "<node>"
  "  <interface name='org.freedesktop.portal.Email'>"
  "    <method name='ComposeEmail'>"
  "      <arg type='s' name='parent_window' direction='in'/>"
  "      <arg type='a{sv}' name='options' direction='in'/>"
  "      <arg type='o' name='handle' direction='out'/>"
  "    </method>"
  "    <property name='version' type='u' access='read'/>"
  "  </interface>"
  "</node>";

/* What a descriptor the portal received refers to, as the real portal
 * reads it (libportal passes O_PATH descriptors). */
static GBytes *
read_descriptor (GUnixFDList *fds,
                 int          index)
{
  g_autoptr(GError) error = NULL;
  int fd = g_unix_fd_list_get (fds, index, &error);
  g_autofree char *path = g_strdup_printf ("/proc/self/fd/%d", fd);
  char *data = NULL;
  gsize length = 0;

  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &data, &length, NULL));
  close (fd);
  return g_bytes_new_take (data, length);
}

static void
compose_email (Portal                *portal,
               GDBusMethodInvocation *invocation,
               GVariant              *options)
{
  GUnixFDList *fds = g_dbus_message_get_unix_fd_list (g_dbus_method_invocation_get_message (invocation));
  GDBusConnection *connection = g_dbus_method_invocation_get_connection (invocation);
  const char *sender = g_dbus_method_invocation_get_sender (invocation);
  g_autofree char *escaped = g_strdelimit (g_strdup (sender + 1), ".", '_');
  g_autoptr(GVariant) handles = g_variant_lookup_value (options, "attachment_fds", G_VARIANT_TYPE ("ah"));
  const char *token = NULL;
  g_autofree char *path = NULL;

  g_assert_true (g_variant_lookup (options, "handle_token", "&s", &token));
  path = g_strdup_printf ("/org/freedesktop/portal/desktop/request/%s/%s", escaped, token);

  g_mutex_lock (&portal->lock);
  portal->calls++;
  g_clear_pointer (&portal->addresses, g_strfreev);
  g_clear_pointer (&portal->subject, g_free);
  g_clear_pointer (&portal->body, g_free);
  g_ptr_array_set_size (portal->attachments, 0);
  g_variant_lookup (options, "addresses", "^as", &portal->addresses);
  g_variant_lookup (options, "subject", "s", &portal->subject);
  g_variant_lookup (options, "body", "s", &portal->body);
  for (gsize i = 0; handles != NULL && i < g_variant_n_children (handles); i++)
    {
      gint32 handle;

      g_variant_get_child (handles, i, "h", &handle);
      g_ptr_array_add (portal->attachments, read_descriptor (fds, handle));
    }
  g_mutex_unlock (&portal->lock);

  g_dbus_method_invocation_return_value (invocation, g_variant_new ("(o)", path));
  g_dbus_connection_emit_signal (connection, sender, path, "org.freedesktop.portal.Request", "Response",
                                 g_variant_new ("(u@a{sv})", portal->response,
                                                g_variant_new_array (G_VARIANT_TYPE ("{sv}"), NULL, 0)),
                                 NULL);
}

static void
portal_method (GDBusConnection       *connection,
               const char            *sender,
               const char            *object_path,
               const char            *interface_name,
               const char            *method_name,
               GVariant              *parameters,
               GDBusMethodInvocation *invocation,
               gpointer               data)
{
  g_autoptr(GVariant) options = g_variant_get_child_value (parameters, 1);

  compose_email (data, invocation, options);
}

static GVariant *
portal_property (GDBusConnection  *connection,
                 const char       *sender,
                 const char       *object_path,
                 const char       *interface_name,
                 const char       *property_name,
                 GError          **error,
                 gpointer          data)
{
  return g_variant_new_uint32 (3);
}

static gboolean
quit_idle (gpointer data)
{
  g_main_loop_quit (data);
  return G_SOURCE_REMOVE;
}

static gpointer
portal_thread (gpointer data)
{
  Portal *portal = data;
  static const GDBusInterfaceVTable vtable = { portal_method, portal_property, NULL, { 0 } };
  g_autoptr(GDBusNodeInfo) info = g_dbus_node_info_new_for_xml (portal_xml, NULL);
  g_autoptr(GDBusConnection) connection = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariant) owned = NULL;

  g_main_context_push_thread_default (portal->context);
  connection = g_dbus_connection_new_for_address_sync (portal->address,
                                                       G_DBUS_CONNECTION_FLAGS_AUTHENTICATION_CLIENT |
                                                       G_DBUS_CONNECTION_FLAGS_MESSAGE_BUS_CONNECTION,
                                                       NULL, NULL, &error);
  g_assert_no_error (error);
  g_dbus_connection_register_object (connection, "/org/freedesktop/portal/desktop", info->interfaces[0],
                                     &vtable, portal, NULL, &error);
  g_assert_no_error (error);
  owned = g_dbus_connection_call_sync (connection, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                                       "org.freedesktop.DBus", "RequestName",
                                       g_variant_new ("(su)", "org.freedesktop.portal.Desktop", 0),
                                       G_VARIANT_TYPE ("(u)"), G_DBUS_CALL_FLAGS_NONE, -1, NULL, &error);
  g_assert_no_error (error);

  g_main_loop_run (portal->loop);
  g_dbus_connection_close_sync (connection, NULL, NULL);
  g_main_context_pop_thread_default (portal->context);
  return NULL;
}

/* Puts the test portal on the bus; it answers until portal_stop(). */
static Portal *
portal_start (guint response)
{
  Portal *portal = g_new0 (Portal, 1);

  g_mutex_init (&portal->lock);
  portal->address = g_strdup (g_getenv ("DBUS_SESSION_BUS_ADDRESS"));
  portal->context = g_main_context_new ();
  portal->loop = g_main_loop_new (portal->context, FALSE);
  portal->response = response;
  portal->attachments = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  portal->thread = g_thread_new ("test-portal", portal_thread, portal);
  return portal;
}

static void
portal_stop (Portal *portal)
{
  GSource *source = g_idle_source_new ();

  g_source_set_callback (source, quit_idle, portal->loop, NULL);
  g_source_attach (source, portal->context);
  g_source_unref (source);
  g_thread_join (portal->thread);
  g_main_loop_unref (portal->loop);
  g_main_context_unref (portal->context);
  g_strfreev (portal->addresses);
  g_free (portal->subject);
  g_free (portal->body);
  g_ptr_array_unref (portal->attachments);
  g_free (portal->address);
  g_mutex_clear (&portal->lock);
  g_free (portal);
}

static guint
portal_calls (Portal *portal)
{
  guint calls;

  g_mutex_lock (&portal->lock);
  calls = portal->calls;
  g_mutex_unlock (&portal->lock);
  return calls;
}

/* --- the app ----------------------------------------------------------------- */

typedef struct
{
  char               *dir;
  LotseStore         *store;
  LotseWindow        *window;
  LotseMeetingDetail *detail;
  LotseMeetingSend   *send;
  char               *meeting_id;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) meetings = NULL;
  LotseFilter filter = { "title", "Jour fixe 10.11.2026" };
  LotseJourfixeView *view;
  g_autofree char *person = NULL;

  g_settings_reset (settings, "window-width");
  g_settings_reset (settings, "window-height");
  g_settings_set_string (settings, "last-view", "jourfixe");

  f->store = lotse_test_open_store (&f->dir);
  /* On the day its data are written for: that meeting has been held. */
  g_assert_true (lotse_demo_load (f->store, "2026-11-22", NULL, &error));
  g_assert_no_error (error);
  lotse_application_set_store (app, f->store);

  g_application_activate (G_APPLICATION (app));
  f->window = LOTSE_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (app)));
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-view", "s", "jourfixe");
  lotse_test_iterate_idle ();
  view = LOTSE_JOURFIXE_VIEW (lotse_window_get_view (f->window, "jourfixe"));
  f->detail = lotse_jourfixe_view_get_meeting_detail (view);

  meetings = lotse_store_list (f->store, "meeting", &filter, 1, NULL, 1, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (meetings->len, ==, 1);
  f->meeting_id = g_strdup (lotse_record_get_id (g_ptr_array_index (meetings, 0)));
  /* A participant without an address, named when sending. */
  person = lotse_test_insert (f->store, "person", "name=Nadine Oster", NULL);
  g_assert_true (lotse_meeting_set_attendance (f->store, f->meeting_id, person, "present", &error));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "jourfixe.show-meeting", "s", f->meeting_id));
  lotse_test_iterate_idle ();
  f->send = LOTSE_MEETING_SEND (lotse_test_find_widget_matching (GTK_WIDGET (f->detail), LOTSE_TYPE_MEETING_SEND, NULL, NULL));
  g_assert_nonnull (f->send);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  lotse_test_destroy_windows ();
  lotse_application_set_store (app, NULL);
  g_clear_object (&f->store);
  lotse_test_remove_tree (f->dir);
  g_clear_pointer (&f->dir, g_free);
  g_clear_pointer (&f->meeting_id, g_free);
}

static char *
query (Fixture    *f,
       const char *sql)
{
  return lotse_test_query_text (lotse_store_get_path (f->store), sql);
}

/* The addresses of the meeting's participants, sorted, joined by ",". */
static char *
participant_addresses (Fixture *f)
{
  g_autofree char *sql = g_strdup_printf ("SELECT group_concat(email, ',') FROM (SELECT p.email FROM "
                                          "meeting_participant m JOIN person p ON p.id = m.person_id "
                                          "WHERE m.meeting_id = '%s' AND m.deleted = 0 AND p.email LIKE '%%@%%' "
                                          "ORDER BY p.email)", f->meeting_id);

  return query (f, sql);
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

static char *
sorted_join (const char * const *strings)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new ();

  for (guint i = 0; strings != NULL && strings[i] != NULL; i++)
    g_ptr_array_add (list, (gpointer) strings[i]);
  g_ptr_array_sort (list, compare_strings);
  g_ptr_array_add (list, NULL);
  return g_strjoinv (",", (char **) list->pdata);
}

/* The one dispatch stored: the minutes, sent @via to @addresses. */
static void
assert_dispatch (Fixture    *f,
                 const char *via,
                 const char *addresses)
{
  g_autofree char *row = query (f, "SELECT kind || ' ' || via || ' ' || recipient_count || ' ' || count(*) "
                                   "FROM meeting_dispatch");
  g_autofree char *recipients = query (f, "SELECT recipients FROM meeting_dispatch");
  g_auto(GStrv) list = g_strsplit (recipients, ", ", -1);
  g_auto(GStrv) expected = g_strsplit (addresses, ",", -1);
  g_autofree char *want = g_strdup_printf ("minutes %s %u 1", via, g_strv_length (expected));
  g_autofree char *sorted = sorted_join ((const char * const *) list);

  g_assert_cmpstr (row, ==, want);
  g_assert_cmpstr (sorted, ==, addresses);
}

/* "Send Minutes…" pressed, and the dialog it opens; the dialog names who
 * has no address. */
static AdwMessageDialog *
press_send_minutes (Fixture *f)
{
  GtkWidget *button = lotse_meeting_send_get_button (f->send, LOTSE_MAIL_MINUTES);
  GtkWindow *dialog;

  g_assert_true (gtk_widget_is_visible (button));
  g_assert_false (gtk_widget_is_visible (lotse_meeting_send_get_button (f->send, LOTSE_MAIL_INVITATION)));
  g_signal_emit_by_name (button, "clicked");
  lotse_test_iterate_idle ();
  dialog = lotse_test_find_dialog (GTK_WINDOW (f->window), _("Send Minutes"));
  g_assert_nonnull (dialog);
  g_assert_nonnull (strstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog)), "Nadine Oster"));
  return ADW_MESSAGE_DIALOG (dialog);
}

static gboolean
has_fallback (gpointer data)
{
  Fixture *f = data;

  return lotse_test_find_dialog (GTK_WINDOW (f->window), _("No Mail Program Available")) != NULL;
}

static gboolean
has_chooser (gpointer data)
{
  return lotse_test_find_toplevel (GTK_TYPE_FILE_CHOOSER_DIALOG) != NULL;
}

static gboolean
has_dispatch (gpointer data)
{
  Fixture *f = data;
  g_autofree char *count = query (f, "SELECT count(*) FROM meeting_dispatch");

  return count != NULL && g_strcmp0 (count, "0") != 0;
}

static gboolean
chooser_has_file (gpointer data)
{
  g_autoptr(GFile) file = gtk_file_chooser_get_file (data);

  return file != NULL;
}

/* Python's email package on @path: subject, recipients, attachments. */
static JsonObject *
parse_eml (const char *path)
{
  const char *argv[] = { "/usr/bin/python3", NULL, path, NULL };
  g_autofree char *script = g_test_build_filename (G_TEST_DIST, "eml-summary.py", NULL);
  g_autofree char *out = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  int status;

  argv[1] = script;
  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, NULL, &status,
                               &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  g_assert_true (json_parser_load_from_data (parser, out, -1, &error));
  g_assert_no_error (error);
  return json_object_ref (json_node_get_object (json_parser_get_root (parser)));
}

/* No portal on the bus: the send says so and offers the file, which the
 * file chooser writes and a mail program's parser reads. */
static void
test_no_portal (Fixture       *f,
                gconstpointer  data)
{
  AdwMessageDialog *dialog = press_send_minutes (f);
  g_autofree char *path = g_build_filename (f->dir, "minutes.eml", NULL);
  g_autoptr(JsonObject) eml = NULL;
  g_autofree char *addresses = participant_addresses (f);
  g_autofree char *count = NULL;
  GtkWindow *chooser;
  JsonArray *attachments;

  adw_message_dialog_response (dialog, "send");
  g_assert_true (lotse_test_wait_until (has_fallback, f));
  count = query (f, "SELECT count(*) FROM meeting_dispatch");
  g_assert_cmpstr (count, ==, "0");

  adw_message_dialog_response (ADW_MESSAGE_DIALOG (lotse_test_find_dialog (GTK_WINDOW (f->window),
                                                                           _("No Mail Program Available"))),
                               "eml");
  g_assert_true (lotse_test_wait_until (has_chooser, NULL));
  chooser = lotse_test_find_toplevel (GTK_TYPE_FILE_CHOOSER_DIALOG);
  /* Typed as a person may: the whole path into the name. */
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), path);
  /* The chooser reads the folder, then checks the name before it answers. */
  g_assert_true (lotse_test_wait_until (chooser_has_file, chooser));
  gtk_dialog_response (GTK_DIALOG (chooser), GTK_RESPONSE_ACCEPT);
  g_assert_true (lotse_test_wait_until (has_dispatch, f));
  g_assert_true (g_file_test (path, G_FILE_TEST_EXISTS));

  eml = parse_eml (path);
  g_assert_cmpstr (json_object_get_string_member (eml, "subject"), ==, "Minutes: Jour fixe 10.11.2026");
  g_assert_cmpstr (json_object_get_string_member (eml, "to"), ==, addresses);
  attachments = json_object_get_array_member (eml, "attachments");
  g_assert_cmpuint (json_array_get_length (attachments), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (attachments, 0), "type"), ==,
                   "application/pdf");
  g_assert_nonnull (strstr (json_object_get_string_member (json_array_get_object_element (attachments, 0), "text"),
                            "Jour fixe 10.11.2026"));

  assert_dispatch (f, "eml", addresses);
}

typedef struct
{
  Portal *portal;
  guint   calls;
} CallWait;

static gboolean
portal_called (gpointer data)
{
  CallWait *wait = data;

  return portal_calls (wait->portal) >= wait->calls;
}

/* The text of @pdf, as pdftotext reads it. */
static char *
pdf_text (Fixture *f,
          GBytes  *pdf)
{
  g_autofree char *path = g_build_filename (f->dir, "attachment.pdf", NULL);
  const char *argv[] = { "pdftotext", "-layout", path, "-", NULL };
  g_autoptr(GError) error = NULL;
  char *out = NULL;
  int status;

  g_assert_true (g_file_set_contents (path, g_bytes_get_data (pdf, NULL), g_bytes_get_size (pdf), &error));
  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, NULL, &status,
                               &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return out;
}

/* The test portal on the bus: the mail program gets the participants'
 * addresses, the subject in the office's words and the minutes PDF; the
 * dispatch is stored and shown. */
static void
test_portal (Fixture       *f,
             gconstpointer  data)
{
  Portal *portal = portal_start (0);
  CallWait wait = { portal, 1 };
  g_autofree char *addresses = participant_addresses (f);
  g_autofree char *received = NULL;
  g_autofree char *text = NULL;
  g_autofree char *first_item = NULL;
  g_autofree char *sql = NULL;
  g_autofree char *shown = NULL;
  g_autofree char *day = NULL;
  g_autofree char *date = NULL;
  g_auto(GStrv) list = g_strsplit (addresses, ",", -1);

  g_assert_cmpuint (g_strv_length (list), >, 1);
  adw_message_dialog_response (press_send_minutes (f), "send");
  g_assert_true (lotse_test_wait_until (portal_called, &wait));
  g_assert_true (lotse_test_wait_until (has_dispatch, f));

  g_mutex_lock (&portal->lock);
  received = sorted_join ((const char * const *) portal->addresses);
  g_assert_cmpstr (received, ==, addresses);
  g_assert_cmpstr (portal->subject, ==, "Minutes: Jour fixe 10.11.2026");
  g_assert_nonnull (strstr (portal->body, "Jour fixe 10.11.2026"));
  g_assert_cmpuint (portal->attachments->len, ==, 1);
  text = pdf_text (f, g_ptr_array_index (portal->attachments, 0));
  g_mutex_unlock (&portal->lock);

  sql = g_strdup_printf ("SELECT title FROM agenda_item WHERE meeting_id = '%s' AND deleted = 0 "
                         "ORDER BY position LIMIT 1", f->meeting_id);
  first_item = query (f, sql);
  g_assert_nonnull (strstr (text, "Jour fixe 10.11.2026"));
  g_assert_nonnull (strstr (text, first_item));

  assert_dispatch (f, "portal", addresses);
  day = query (f, "SELECT substr(sent_at, 1, 10) FROM meeting_dispatch");
  date = lotse_format_date (day);
  shown = g_strdup_printf ("Minutes sent on %s to %u participants", date, g_strv_length (list));
  g_assert_cmpstr (lotse_meeting_send_get_sent_text (f->send), ==, shown);

  portal_stop (portal);
}

/* Closing the mail program's window without sending records nothing. */
static void
test_portal_cancelled (Fixture       *f,
                       gconstpointer  data)
{
  Portal *portal = portal_start (1);
  CallWait wait = { portal, 1 };
  g_autofree char *count = NULL;

  adw_message_dialog_response (press_send_minutes (f), "send");
  g_assert_true (lotse_test_wait_until (portal_called, &wait));
  lotse_test_iterate_idle ();
  count = query (f, "SELECT count(*) FROM meeting_dispatch");
  g_assert_cmpstr (count, ==, "0");
  g_assert_false (has_fallback (f));
  g_assert_cmpstr (lotse_meeting_send_get_sent_text (f->send), ==, "");

  portal_stop (portal);
}

int
main (int   argc,
      char *argv[])
{
  GTestDBus *bus;
  g_autoptr(GError) error = NULL;
  int status;
  g_autofree char *display = g_strdup (g_getenv ("DISPLAY"));

  /* A bus of the test's own: whether a portal is there is up to it. No
   * accessibility bus on it, so no accessibility. */
  g_setenv ("GTK_A11Y", "none", TRUE);
  bus = g_test_dbus_new (G_TEST_DBUS_NONE);
  g_test_dbus_up (bus);
  /* GTestDBus unsets it, against X11's D-Bus autolaunch. */
  if (display != NULL)
    g_setenv ("DISPLAY", display, TRUE);

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  app = lotse_application_new (APPLICATION_ID, G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);

  /* In this order: the portal comes onto the bus after the first. */
  g_test_add ("/ui/send/no-portal", Fixture, NULL, fixture_setup, test_no_portal, fixture_teardown);
  g_test_add ("/ui/send/portal", Fixture, NULL, fixture_setup, test_portal, fixture_teardown);
  g_test_add ("/ui/send/portal-cancelled", Fixture, NULL, fixture_setup, test_portal_cancelled,
              fixture_teardown);

  status = g_test_run ();

  g_clear_object (&app);
  /* Only the daemon: GTK and libadwaita keep their bus connection to the
   * end, which g_test_dbus_down() would wait for in vain. */
  g_test_dbus_stop (bus);

  return status;
}
