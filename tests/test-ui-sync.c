/* test-ui-sync.c: sync in the app against a real lotse-server
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each test starts lotse-server on a loopback port, opens one or two
 * stores on temp files and drives the Server preferences page, the sync
 * engine and the conflict window through their widgets. Device tokens go
 * to the 0600 file fallback (LOTSE_CREDENTIALS=file): no keyring is touched.
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <libsoup/soup.h>
#include <string.h>
#include <sys/stat.h>

#include "lotse-application.h"
#include "lotse-conflict-badge.h"
#include "lotse-conflict-window.h"
#include "lotse-field-row.h"
#include "lotse-line-diff.h"
#include "lotse-portfolio-view-private.h"
#include "lotse-project-detail.h"
#include "lotse-project-row.h"
#include "lotse-sync-button.h"
#include "lotse-sync-app.h"
#include "lotse-sync-server-page.h"
#include "lotse-test-sync.h"
#include "lotse-test-ui.h"
#include "lotse-window-private.h"

#define WAIT_USEC (60 * G_USEC_PER_SEC)

/* ---- fixture ------------------------------------------------------ */

typedef struct
{
  LotseStore       *store;
  char             *dir;
  LotseSyncEngine  *engine;
  TestMonitor      *monitor;
  guint             cycles;
  gboolean          last_ok;
} Device;

typedef struct
{
  LotseTestServer *server;
  GSettings       *settings;
  Device           a;
  Device           b;
} Fixture;

typedef gboolean (*Condition) (gpointer data);

static gboolean
wait_until (Condition condition,
            gpointer  data)
{
  gint64 deadline = g_get_monotonic_time () + WAIT_USEC;

  while (!condition (data))
    {
      if (g_get_monotonic_time () > deadline)
        return FALSE;
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (1000);
    }

  return TRUE;
}

static void
cycle_finished_cb (LotseSyncEngine *engine,
                   gboolean         ok,
                   Device          *device)
{
  device->cycles++;
  device->last_ok = ok;
}

static void
device_open (Device *device)
{
  device->store = lotse_test_open_store (&device->dir);
  device->monitor = g_object_new (TEST_TYPE_MONITOR, NULL);
  device->engine = lotse_sync_engine_new (device->store, G_NETWORK_MONITOR (device->monitor));
  g_signal_connect (device->engine, "cycle-finished", G_CALLBACK (cycle_finished_cb), device);
}

static void
device_close (Device *device)
{
  if (device->engine != NULL)
    lotse_sync_engine_shutdown (device->engine);
  g_clear_object (&device->engine);
  g_clear_object (&device->monitor);
  g_clear_object (&device->store);
  if (device->dir != NULL)
    lotse_test_remove_tree (device->dir);
  g_clear_pointer (&device->dir, g_free);
}

typedef struct
{
  Device *device;
  guint   target;
} CycleWait;

static gboolean
cycles_reached (gpointer data)
{
  CycleWait *wait = data;

  return wait->device->cycles >= wait->target;
}

/* Waits for the next finished cycle after the ones counted so far. */
static gboolean
wait_cycle (Device *device,
            guint   before)
{
  CycleWait wait = { device, before + 1 };

  return wait_until (cycles_reached, &wait);
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  f->server = lotse_test_server_new ();
  lotse_test_server_add_user (f->server, "anna", "editor", "Geheim-2026");
  lotse_test_server_start (f->server, NULL, NULL);

  f->settings = g_settings_new (APPLICATION_ID);
  g_settings_reset (f->settings, "sync-server-url");
  g_settings_reset (f->settings, "sync-user");
  g_settings_reset (f->settings, "sync-automatic");
  g_settings_reset (f->settings, "sync-trusted-certificates");

  device_open (&f->a);
  device_open (&f->b);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  device_close (&f->a);
  device_close (&f->b);
  g_clear_object (&f->settings);
  lotse_test_server_stop (f->server);
  g_clear_pointer (&f->server, lotse_test_server_free);
}

/* ---- helpers ------------------------------------------------------ */

typedef struct
{
  LotseSyncServerPage *page;
} PageWait;

static gboolean
page_idle (gpointer data)
{
  return !lotse_sync_server_page_get_working (LOTSE_SYNC_SERVER_PAGE (data));
}

/* Fills the page's rows and clicks Connect; returns when the answer came. */
static void
connect_through_page (LotseSyncServerPage *page,
                      const char          *url,
                      const char          *user,
                      const char          *password)
{
  gtk_editable_set_text (GTK_EDITABLE (lotse_sync_server_page_get_url_row (page)), url);
  gtk_editable_set_text (GTK_EDITABLE (lotse_sync_server_page_get_user_row (page)), user);
  gtk_editable_set_text (GTK_EDITABLE (lotse_sync_server_page_get_password_row (page)), password);
  g_signal_emit_by_name (lotse_sync_server_page_get_connect_button (page), "clicked");
  g_assert_true (lotse_sync_server_page_get_working (page));
  g_assert_true (wait_until (page_idle, page));
}

static void
connect_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  GError **error = user_data;

  if (!lotse_sync_engine_connect_finish (LOTSE_SYNC_ENGINE (source), result, error) &&
      *error == NULL)
    g_assert_not_reached ();
  if (*error == NULL)
    *error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_EXISTS, "ok");
}

static gboolean
error_set (gpointer data)
{
  return *(GError **)data != NULL;
}

/* Connects a device without the page; waits for the first sync. */
static void
connect_device (Fixture *f,
                Device  *device)
{
  g_autoptr(GError) error = NULL;
  guint before = device->cycles;

  lotse_sync_engine_connect_async (device->engine, lotse_test_server_get_url (f->server),
                                   "anna", "Geheim-2026", NULL, connect_cb, &error);
  g_assert_true (wait_until (error_set, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS);
  g_assert_true (wait_cycle (device, before));
  g_assert_true (device->last_ok);
}

static void
sync_device (Device *device)
{
  guint before = device->cycles;

  lotse_sync_engine_sync_now (device->engine);
  g_assert_true (wait_cycle (device, before));
}

static void
set_field (Device     *device,
           const char *table,
           const char *id,
           const char *field,
           const char *value)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LotseRecord) record = lotse_store_get (device->store, table, id, &error);

  g_assert_no_error (error);
  lotse_record_set (record, field, value);
  lotse_store_update (device->store, record, &error);
  g_assert_no_error (error);
}

/* One edit of two fields (one outbox entry) */
static void
set_fields (Device     *device,
            const char *table,
            const char *id,
            const char *field1,
            const char *value1,
            const char *field2,
            const char *value2)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LotseRecord) record = lotse_store_get (device->store, table, id, &error);

  g_assert_no_error (error);
  lotse_record_set (record, field1, value1);
  lotse_record_set (record, field2, value2);
  lotse_store_update (device->store, record, &error);
  g_assert_no_error (error);
}

static char *
get_field (Device     *device,
           const char *table,
           const char *id,
           const char *field)
{
  g_autoptr(LotseRecord) record = lotse_store_get (device->store, table, id, NULL);

  g_assert_nonnull (record);
  return g_strdup (lotse_record_get (record, field));
}

static char *
read_file (const char *path)
{
  char *contents = NULL;

  g_file_get_contents (path, &contents, NULL, NULL);
  return contents ? contents : g_strdup ("");
}

/* One application for the tests with windows: a second one could not
 * register its D-Bus object while the first is alive. */
static LotseApplication *
get_app (void)
{
  static LotseApplication *app;

  if (app == NULL)
    {
      g_autoptr(GError) error = NULL;

      app = lotse_application_new (APPLICATION_ID, G_APPLICATION_NON_UNIQUE);
      g_application_register (G_APPLICATION (app), NULL, &error);
      g_assert_no_error (error);
    }

  return app;
}

/* ---- tests -------------------------------------------------------- */

static void
test_connect_page (Fixture       *f,
                   gconstpointer  data)
{
  GtkWidget *page = g_object_ref_sink (lotse_sync_server_page_new (f->a.engine));
  g_autofree char *token_path = lotse_credentials_file_path (lotse_store_get_path (f->a.store));
  g_autofree char *token_file = NULL;
  g_autofree char *db_bytes = NULL;
  g_autofree char *url = NULL;
  g_autofree char *device_id = NULL;
  g_autofree char *token = NULL;
  g_autoptr(GError) error = NULL;
  GStatBuf st;
  guint before = f->a.cycles;

  g_assert_false (lotse_sync_engine_get_connected (f->a.engine));
  g_assert_cmpint (lotse_sync_engine_get_state (f->a.engine), ==, LOTSE_SYNC_STATE_DISCONNECTED);

  connect_through_page (LOTSE_SYNC_SERVER_PAGE (page), lotse_test_server_get_url (f->server),
                        "anna", "Geheim-2026");
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (lotse_sync_server_page_get_error_label (LOTSE_SYNC_SERVER_PAGE (page)))));
  g_assert_true (lotse_sync_engine_get_connected (f->a.engine));
  g_assert_cmpstr (lotse_sync_engine_get_user (f->a.engine), ==, "anna");
  /* The password is not kept, not even in the entry */
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (lotse_sync_server_page_get_password_row (LOTSE_SYNC_SERVER_PAGE (page)))), ==, "");

  /* The token is in a 0600 file, never in GSettings or SQLite */
  g_assert_true (lotse_credentials_lookup (lotse_store_get_path (f->a.store),
                                           lotse_test_server_get_url (f->server), "anna",
                                           &device_id, &token, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_stat (token_path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  /* The account is the database's, for the app and lotse-cli alike */
  url = lotse_test_query_text (lotse_store_get_path (f->a.store), "SELECT server_url FROM sync_account");
  g_assert_cmpstr (url, ==, lotse_test_server_get_url (f->server));
  g_assert_true (wait_cycle (&f->a, before));
  g_assert_true (f->a.last_ok);
  db_bytes = read_file (lotse_store_get_path (f->a.store));
  g_assert_null (g_strstr_len (db_bytes, -1, token));
  g_assert_cmpint (lotse_sync_engine_get_state (f->a.engine), ==, LOTSE_SYNC_STATE_SYNCED);
  g_assert_nonnull (lotse_sync_engine_get_last_success (f->a.engine));

  /* Sign out revokes the token on the server and deletes it here */
  g_signal_emit_by_name (lotse_sync_server_page_get_sign_out_button (LOTSE_SYNC_SERVER_PAGE (page)), "clicked");
  g_assert_true (wait_until (page_idle, page));
  g_assert_false (lotse_sync_engine_get_connected (f->a.engine));
  token_file = read_file (token_path);
  g_assert_null (g_strstr_len (token_file, -1, token));
  {
    guint status = 0;
    g_autoptr(JsonNode) answer = lotse_test_server_request (f->server, "GET", "/v1/sync/pull", token,
                                                            NULL, &status);
    g_assert_cmpuint (status, ==, 401);
  }

  gtk_widget_unparent (page);
  g_object_unref (page);
}

static void
test_connect_errors (Fixture       *f,
                     gconstpointer  data)
{
  LotseSyncServerPage *page = g_object_ref_sink (LOTSE_SYNC_SERVER_PAGE (lotse_sync_server_page_new (f->a.engine)));
  GtkLabel *error_label = lotse_sync_server_page_get_error_label (page);
  g_autofree char *id = lotse_test_insert (f->a.store, "article", "title=Notiz", NULL);

  g_assert_cmpint (lotse_store_count_outbox (f->a.store), ==, 1);

  connect_through_page (page, lotse_test_server_get_url (f->server), "anna", "falsch");
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (error_label)));
  g_assert_cmpstr (gtk_label_get_text (error_label), ==, "The user name or the password is wrong.");
  g_assert_false (lotse_sync_engine_get_connected (f->a.engine));

  /* Nothing listens on port 1 */
  connect_through_page (page, "http://127.0.0.1:1", "anna", "Geheim-2026");
  g_assert_nonnull (strstr (gtk_label_get_text (error_label), "could not be reached"));

  connect_through_page (page, "not a url", "anna", "Geheim-2026");
  g_assert_nonnull (strstr (gtk_label_get_text (error_label), "address"));

  connect_through_page (page, lotse_test_server_get_url (f->server), "", "Geheim-2026");
  g_assert_nonnull (strstr (gtk_label_get_text (error_label), "user name"));

  g_assert_false (lotse_sync_engine_get_connected (f->a.engine));
  g_assert_cmpint (lotse_store_count_outbox (f->a.store), ==, 1);

  gtk_widget_unparent (GTK_WIDGET (page));
  g_object_unref (page);
}

static void
test_revoked_token (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *device_id = NULL;
  g_autofree char *token = NULL;
  g_autofree char *id = NULL;
  g_autoptr(JsonNode) answer = NULL;
  guint status = 0;
  GtkWidget *button = g_object_ref_sink (lotse_sync_button_new ());

  lotse_sync_engine_set_automatic (f->a.engine, FALSE);
  connect_device (f, &f->a);
  lotse_sync_button_set_engine (LOTSE_SYNC_BUTTON (button), f->a.engine);

  g_assert_true (lotse_credentials_lookup (lotse_store_get_path (f->a.store),
                                           lotse_test_server_get_url (f->server), "anna",
                                           &device_id, &token, NULL, NULL));
  answer = lotse_test_server_request (f->server, "POST", "/v1/auth/logout", token, "{}", &status);
  g_assert_cmpuint (status, ==, 200);

  id = lotse_test_insert (f->a.store, "article", "title=Nach dem Widerruf", NULL);
  g_assert_cmpint (lotse_sync_engine_get_outbox_count (f->a.engine), ==, 1);
  sync_device (&f->a);
  g_assert_false (f->a.last_ok);
  g_assert_cmpint (lotse_sync_engine_get_state (f->a.engine), ==, LOTSE_SYNC_STATE_ERROR);
  g_assert_nonnull (strstr (lotse_sync_engine_get_last_error (f->a.engine), "no longer accepts"));
  g_assert_cmpint (lotse_store_count_outbox (f->a.store), ==, 1);
  /* The popover says it in plain words */
  g_assert_cmpstr (gtk_label_get_text (lotse_sync_button_get_error_label (LOTSE_SYNC_BUTTON (button))),
                   ==, lotse_sync_engine_get_last_error (f->a.engine));
  g_assert_cmpstr (gtk_label_get_text (lotse_sync_button_get_pending_label (LOTSE_SYNC_BUTTON (button))),
                   ==, "1 change waiting to be sent");
  g_assert_cmpstr (gtk_menu_button_get_icon_name (lotse_sync_button_get_menu_button (LOTSE_SYNC_BUTTON (button))),
                   ==, "dialog-error-symbolic");
  g_assert_cmpstr (gtk_widget_get_tooltip_text (GTK_WIDGET (lotse_sync_button_get_menu_button (LOTSE_SYNC_BUTTON (button)))),
                   ==, "Sync problem");

  gtk_widget_unparent (button);
  g_object_unref (button);
}

/* A server that answers with 503, as lotse-server does while it shuts
 * down; with @data set, logins succeed first. */
static void
unavailable_cb (SoupServer        *server,
                SoupServerMessage *msg,
                const char        *path,
                GHashTable        *query,
                gpointer           data)
{
  static const char body[] = "{\"error\":{\"code\":\"shutting_down\",\"message\":\"The server is shutting down\"}}";
  static const char login[] = "{\"token\":\"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\","
                              "\"device_id\":\"6f1c2d3e-4a5b-4c6d-8e7f-8091a2b3c4d5\",\"user\":\"anna\",\"role\":\"editor\"}";

  if (GPOINTER_TO_INT (data) && g_str_equal (path, "/v1/auth/login"))
    {
      soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
      soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_STATIC, login, strlen (login));
      return;
    }

  soup_server_message_set_status (msg, SOUP_STATUS_SERVICE_UNAVAILABLE, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_STATIC, body, strlen (body));
}

static char *
start_fake (SoupServer *fake,
            gboolean    login_ok)
{
  g_autoptr(GError) error = NULL;
  GSList *uris;
  char *url;

  soup_server_add_handler (fake, NULL, unavailable_cb, GINT_TO_POINTER (login_ok), NULL);
  soup_server_listen_local (fake, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);
  uris = soup_server_get_uris (fake);
  url = g_strdup_printf ("http://127.0.0.1:%d", g_uri_get_port (uris->data));
  g_slist_free_full (uris, (GDestroyNotify)g_uri_unref);

  return url;
}

static void
test_unavailable (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(SoupServer) refusing = soup_server_new (NULL, NULL);
  g_autoptr(SoupServer) restarting = soup_server_new (NULL, NULL);
  g_autofree char *refusing_url = start_fake (refusing, FALSE);
  g_autofree char *restarting_url = start_fake (restarting, TRUE);
  g_autofree char *id = lotse_test_insert (f->a.store, "article", "title=Warten", NULL);
  LotseSyncServerPage *page;
  guint before = f->a.cycles;

  /* A login during the restart: a clear message, nothing changed */
  page = g_object_ref_sink (LOTSE_SYNC_SERVER_PAGE (lotse_sync_server_page_new (f->a.engine)));
  connect_through_page (page, refusing_url, "anna", "Geheim-2026");
  g_assert_nonnull (strstr (gtk_label_get_text (lotse_sync_server_page_get_error_label (page)),
                            "restarting"));
  g_assert_false (lotse_sync_engine_get_connected (f->a.engine));

  /* A sync during the restart: the same message, and the outbox stays */
  connect_through_page (page, restarting_url, "anna", "Geheim-2026");
  g_assert_true (lotse_sync_engine_get_connected (f->a.engine));
  g_assert_true (wait_cycle (&f->a, before));
  g_assert_false (f->a.last_ok);
  g_assert_cmpint (lotse_sync_engine_get_state (f->a.engine), ==, LOTSE_SYNC_STATE_ERROR);
  g_assert_nonnull (strstr (lotse_sync_engine_get_last_error (f->a.engine), "restarting"));
  g_assert_cmpint (lotse_store_count_outbox (f->a.store), ==, 1);

  gtk_widget_unparent (GTK_WIDGET (page));
  g_object_unref (page);
}

static void
test_conflict_resolution (Fixture       *f,
                          gconstpointer  data)
{
  g_autofree char *id = NULL;
  g_autofree char *a_title = NULL;
  g_autofree char *b_title = NULL;
  g_autofree char *a_body = NULL;
  g_autofree char *b_body = NULL;
  g_autofree char *path = NULL;
  g_autofree char *server_token = NULL;
  g_autoptr(JsonNode) history = NULL;
  g_autoptr(GError) error = NULL;
  LotseConflictWindow *window;
  GtkWidget *button;
  JsonArray *revisions;
  JsonObject *last;
  const char *diff;
  guint status = 0;

  lotse_sync_engine_set_automatic (f->a.engine, FALSE);
  lotse_sync_engine_set_automatic (f->b.engine, FALSE);
  connect_device (f, &f->a);
  connect_device (f, &f->b);

  id = lotse_test_insert (f->a.store, "article", "title=Protokoll Jour fixe",
                          "body=Anwesend: Anna, Ben\nTOP 1: Haushalt\nTOP 2: Reise", NULL);
  sync_device (&f->a);
  sync_device (&f->b);
  b_title = get_field (&f->b, "article", id, "title");
  g_assert_cmpstr (b_title, ==, "Protokoll Jour fixe");

  set_fields (&f->a, "article", id, "title", "Protokoll JF 12.03.",
              "body", "Anwesend: Anna, Ben\nTOP 1: Haushalt 2027\nTOP 2: Reise");
  set_fields (&f->b, "article", id, "title", "Protokoll Jour fixe März",
              "body", "Anwesend: Anna, Ben, Clara\nTOP 1: Haushalt\nTOP 2: Reise");
  sync_device (&f->a);
  g_assert_true (f->a.last_ok);
  sync_device (&f->b);

  g_assert_cmpint (lotse_sync_engine_get_conflict_count (f->b.engine), ==, 1);
  g_assert_true (lotse_sync_engine_has_conflict (f->b.engine, "article", id));
  g_assert_false (lotse_sync_engine_has_conflict (f->a.engine, "article", id));
  g_assert_cmpint (lotse_sync_engine_get_state (f->b.engine), ==, LOTSE_SYNC_STATE_CONFLICTS);

  /* The popover counts it and the list shows it with its badge */
  button = g_object_ref_sink (lotse_sync_button_new ());
  lotse_sync_button_set_engine (LOTSE_SYNC_BUTTON (button), f->b.engine);
  g_assert_cmpstr (gtk_label_get_text (lotse_sync_button_get_conflicts_label (LOTSE_SYNC_BUTTON (button))),
                   ==, "1 conflict");
  g_assert_cmpstr (gtk_menu_button_get_icon_name (lotse_sync_button_get_menu_button (LOTSE_SYNC_BUTTON (button))),
                   ==, "dialog-warning-symbolic");

  window = lotse_conflict_window_new (f->b.engine);
  {
    GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (lotse_conflict_window_get_list (window)));

    g_assert_true (ADW_IS_ACTION_ROW (row));
    g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==, "Protokoll JF 12.03.");
    g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), "Title"));
    g_assert_null (gtk_widget_get_next_sibling (row));
    g_signal_emit_by_name (lotse_conflict_window_get_list (window), "row-activated", row);
  }

  /* Long text shows the lines that differ */
  diff = lotse_conflict_window_get_diff (window, "body");
  g_assert_nonnull (diff);
  g_assert_nonnull (strstr (diff, "− Anwesend: Anna, Ben"));
  g_assert_nonnull (strstr (diff, "+ Anwesend: Anna, Ben, Clara"));
  g_assert_nonnull (strstr (diff, "TOP 1: Haushalt 2027"));

  /* Take the server's title, write the minutes from both */
  lotse_conflict_window_choose (window, "title", LOTSE_SYNC_TAKE_THEIRS);
  lotse_conflict_window_edit (window, "body", "Anwesend: Anna, Ben, Clara\nTOP 1: Haushalt 2027\nTOP 2: Reise");
  {
    guint before = f->b.cycles;

    g_assert_true (lotse_conflict_window_apply (window, &error));
    g_assert_no_error (error);
    g_assert_cmpint (lotse_sync_engine_get_conflict_count (f->b.engine), ==, 0);
    g_assert_false (lotse_sync_engine_has_conflict (f->b.engine, "article", id));
    /* Resolving triggers a sync */
    g_assert_true (wait_cycle (&f->b, before));
    g_assert_true (f->b.last_ok);
  }
  g_assert_null (gtk_widget_get_first_child (GTK_WIDGET (lotse_conflict_window_get_list (window))));
  sync_device (&f->a);

  a_title = get_field (&f->a, "article", id, "title");
  a_body = get_field (&f->a, "article", id, "body");
  g_clear_pointer (&b_title, g_free);
  b_title = get_field (&f->b, "article", id, "title");
  b_body = get_field (&f->b, "article", id, "body");
  g_assert_cmpstr (a_title, ==, "Protokoll JF 12.03.");
  g_assert_cmpstr (b_title, ==, "Protokoll JF 12.03.");
  g_assert_cmpstr (a_body, ==, "Anwesend: Anna, Ben, Clara\nTOP 1: Haushalt 2027\nTOP 2: Reise");
  g_assert_cmpstr (b_body, ==, a_body);
  g_assert_cmpint (lotse_store_count_outbox (f->a.store), ==, 0);
  g_assert_cmpint (lotse_store_count_outbox (f->b.store), ==, 0);

  /* And the server has it as its newest revision */
  server_token = lotse_test_server_login (f->server, "anna", "Geheim-2026", NULL);
  path = g_strdup_printf ("/v1/items/article/%s/history", id);
  history = lotse_test_server_request (f->server, "GET", path, server_token, NULL, &status);
  g_assert_cmpuint (status, ==, 200);
  revisions = json_object_get_array_member (json_node_get_object (history), "revisions");
  last = json_array_get_object_element (revisions, json_array_get_length (revisions) - 1);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (last, "fields"), "body"),
                   ==, a_body);

  gtk_window_destroy (GTK_WINDOW (window));
  gtk_widget_unparent (button);
  g_object_unref (button);
}

/* A self-signed office server: never accepted silently; the fingerprint
 * shown is the certificate's; trusting pins it and the sync works. */
static void
test_self_signed (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(LotseTestServer) server = lotse_test_server_new ();
  g_autofree char *cert = NULL;
  g_autofree char *key = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *fingerprint = NULL;
  g_autofree char *subject = NULL;
  g_autofree char *pinned = NULL;
  LotseSyncServerPage *page;
  AdwMessageDialog *dialog;
  const char *db = lotse_store_get_path (f->a.store);
  const char *url;
  guint before;

  if (!test_make_certificate (lotse_test_server_get_dir (server), "cert", &cert, &key))
    {
      g_test_skip ("openssl is not installed");
      return;
    }
  expected = test_certificate_fingerprint (cert);

  lotse_test_server_add_user (server, "anna", "editor", "Geheim-2026");
  {
    const char * const args[] = { "--tls-cert", cert, "--tls-key", key, NULL };

    lotse_test_server_start (server, args, NULL);
  }
  url = lotse_test_server_get_url (server);
  g_assert_true (g_str_has_prefix (url, "https://"));

  page = g_object_ref_sink (LOTSE_SYNC_SERVER_PAGE (lotse_sync_server_page_new (f->a.engine)));
  connect_through_page (page, url, "anna", "Geheim-2026");
  g_assert_false (lotse_sync_engine_get_connected (f->a.engine));
  dialog = lotse_sync_server_page_get_trust_dialog (page);
  g_assert_nonnull (dialog);
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), expected));
  g_assert_true (lotse_sync_engine_get_untrusted_certificate (f->a.engine, NULL, &fingerprint,
                                                              &subject, NULL));
  g_assert_cmpstr (fingerprint, ==, expected);
  g_assert_nonnull (strstr (subject, "127.0.0.1"));

  /* Declined: nothing trusted, nothing connected */
  adw_message_dialog_response (dialog, "cancel");
  g_assert_null (lotse_sync_server_page_get_trust_dialog (page));
  g_assert_false (lotse_sync_engine_get_connected (f->a.engine));
  g_assert_cmpint (lotse_test_query_int (db, "SELECT count(*) FROM sync_account"), ==, 0);
  g_assert_false (lotse_sync_trust_is_pinned (url, fingerprint));

  /* Accepted: pinned for this address, and login and sync go through */
  connect_through_page (page, url, "anna", "Geheim-2026");
  dialog = lotse_sync_server_page_get_trust_dialog (page);
  g_assert_nonnull (dialog);
  before = f->a.cycles;
  adw_message_dialog_response (dialog, "trust");
  g_assert_true (lotse_sync_server_page_get_working (page));
  g_assert_true (wait_until (page_idle, page));
  g_assert_true (lotse_sync_engine_get_connected (f->a.engine));
  g_assert_true (wait_cycle (&f->a, before));
  g_assert_true (f->a.last_ok);
  /* The pin is kept with the account in the database */
  pinned = lotse_test_query_text (db, "SELECT fingerprint FROM sync_account");
  g_assert_cmpstr (pinned, ==, expected);
  g_assert_true (lotse_sync_trust_is_pinned (url, fingerprint));

  /* Signing out forgets the pin: connecting again asks again */
  g_signal_emit_by_name (lotse_sync_server_page_get_sign_out_button (page), "clicked");
  g_assert_true (wait_until (page_idle, page));
  g_assert_false (lotse_sync_engine_get_connected (f->a.engine));
  g_assert_cmpint (lotse_test_query_int (db, "SELECT count(*) FROM sync_account"), ==, 0);
  g_assert_false (lotse_sync_trust_is_pinned (url, fingerprint));
  connect_through_page (page, url, "anna", "Geheim-2026");
  g_assert_false (lotse_sync_engine_get_connected (f->a.engine));
  dialog = lotse_sync_server_page_get_trust_dialog (page);
  g_assert_nonnull (dialog);
  adw_message_dialog_response (dialog, "cancel");
  g_assert_false (lotse_sync_engine_get_connected (f->a.engine));

  gtk_widget_unparent (GTK_WIDGET (page));
  g_object_unref (page);
  lotse_test_server_stop (server);
}

/* Edited here, deleted on the server: a conflict, not a loss; keeping
 * mine brings the record back for everyone. */
static void
test_edit_delete (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;
  g_autofree char *a_title = NULL;
  LotseConflictWindow *window;
  GtkWidget *row;

  lotse_sync_engine_set_automatic (f->a.engine, FALSE);
  lotse_sync_engine_set_automatic (f->b.engine, FALSE);
  connect_device (f, &f->a);
  connect_device (f, &f->b);

  id = lotse_test_insert (f->a.store, "article", "title=Checkliste Förderantrag", NULL);
  sync_device (&f->a);
  sync_device (&f->b);

  lotse_store_delete (f->a.store, "article", id, &error);
  g_assert_no_error (error);
  set_field (&f->b, "article", id, "title", "Checkliste Förderantrag 2027");
  sync_device (&f->a);
  sync_device (&f->b);
  g_assert_true (lotse_sync_engine_has_conflict (f->b.engine, "article", id));

  window = lotse_conflict_window_new (f->b.engine);
  row = gtk_widget_get_first_child (GTK_WIDGET (lotse_conflict_window_get_list (window)));
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), "deleted"));
  g_signal_emit_by_name (lotse_conflict_window_get_list (window), "row-activated", row);
  /* No per-field choice for a deletion, only the whole record */
  g_assert_null (lotse_conflict_window_get_diff (window, "title"));
  g_assert_true (lotse_conflict_window_take (window, LOTSE_SYNC_TAKE_MINE, &error));
  g_assert_no_error (error);
  g_assert_false (lotse_sync_engine_has_conflict (f->b.engine, "article", id));
  g_assert_false (lotse_conflict_window_take (window, LOTSE_SYNC_TAKE_MINE, &error));
  g_assert_error (error, LOTSE_ERROR, LOTSE_ERROR_NOT_FOUND);

  sync_device (&f->b);
  g_assert_true (f->b.last_ok);
  sync_device (&f->a);
  a_title = get_field (&f->a, "article", id, "title");
  g_assert_cmpstr (a_title, ==, "Checkliste Förderantrag 2027");
  gtk_window_destroy (GTK_WINDOW (window));
}

static gboolean
check_label_is (GtkWidget     *widget,
                gconstpointer  data)
{
  return g_strcmp0 (gtk_check_button_get_label (GTK_CHECK_BUTTON (widget)), data) == 0;
}

/* The resolution view's own buttons, as a person clicks them: "Use All of
 * the Server's" and Resolve take the server's fields; for a record deleted
 * on the server, "Take the server's" and Resolve delete it here. What is
 * stored afterwards is what was chosen. */
static void
test_conflict_buttons (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;
  g_autofree char *gone = NULL;
  g_autofree char *title = NULL;
  g_autofree char *body = NULL;
  g_autofree char *sql = NULL;
  g_autofree char *conflict = NULL;
  g_autoptr(LotseRecord) deleted = NULL;
  LotseConflictWindow *window;
  GtkListBox *list;

  lotse_sync_engine_set_automatic (f->a.engine, FALSE);
  lotse_sync_engine_set_automatic (f->b.engine, FALSE);
  connect_device (f, &f->a);
  connect_device (f, &f->b);

  id = lotse_test_insert (f->a.store, "article", "title=Protokoll", "body=TOP 1", NULL);
  gone = lotse_test_insert (f->a.store, "article", "title=Reiseplanung", NULL);
  sync_device (&f->a);
  sync_device (&f->b);
  set_fields (&f->a, "article", id, "title", "Protokoll JF", "body", "TOP 1: Haushalt");
  set_fields (&f->b, "article", id, "title", "Protokoll März", "body", "TOP 1: Reise");
  lotse_store_delete (f->a.store, "article", gone, &error);
  g_assert_no_error (error);
  set_field (&f->b, "article", gone, "title", "Reiseplanung 2027");
  sync_device (&f->a);
  sync_device (&f->b);
  g_assert_cmpint (lotse_sync_engine_get_conflict_count (f->b.engine), ==, 2);

  sql = g_strdup_printf ("SELECT id FROM conflicts WHERE row_id = '%s'", id);
  conflict = lotse_test_query_text (lotse_store_get_path (f->b.store), sql);
  window = lotse_conflict_window_new (f->b.engine);
  list = lotse_conflict_window_get_list (window);
  g_assert_true (lotse_conflict_window_show_conflict (window, conflict));
  g_signal_emit_by_name (lotse_test_find_widget (GTK_WIDGET (window), "GtkButton", "Use All of the _Server's"), "clicked");
  g_signal_emit_by_name (lotse_test_find_widget (GTK_WIDGET (window), "GtkButton", "_Resolve Conflict"), "clicked");
  g_assert_false (lotse_sync_engine_has_conflict (f->b.engine, "article", id));
  title = get_field (&f->b, "article", id, "title");
  body = get_field (&f->b, "article", id, "body");
  g_assert_cmpstr (title, ==, "Protokoll JF");
  g_assert_cmpstr (body, ==, "TOP 1: Haushalt");

  /* The deletion is the one conflict left in the list */
  g_assert_nonnull (gtk_list_box_get_row_at_index (list, 0));
  g_assert_null (gtk_list_box_get_row_at_index (list, 1));
  g_signal_emit_by_name (list, "row-activated", gtk_list_box_get_row_at_index (list, 0));
  gtk_check_button_set_active (GTK_CHECK_BUTTON (lotse_test_find_widget_matching (GTK_WIDGET (window),
                                                                                  GTK_TYPE_CHECK_BUTTON,
                                                                                  check_label_is,
                                                                                  "Take the server's")),
                               TRUE);
  g_signal_emit_by_name (lotse_test_find_widget (GTK_WIDGET (window), "GtkButton", "_Resolve Conflict"), "clicked");
  g_assert_false (lotse_sync_engine_has_conflict (f->b.engine, "article", gone));
  deleted = lotse_store_get (f->b.store, "article", gone, NULL);
  g_assert_null (deleted);
  g_assert_null (gtk_list_box_get_row_at_index (list, 0));
  gtk_window_destroy (GTK_WINDOW (window));
}

/* The window's header button follows the store's engine; Ctrl+R syncs. */
static void
test_window (Fixture       *f,
             gconstpointer  data)
{
  LotseApplication *app = get_app ();
  g_auto(GStrv) accels = NULL;
  g_autofree char *id = NULL;
  LotseSyncEngine *engine;
  LotseWindow *window;
  GtkWidget *button;
  Device shown = { 0, };
  guint before;

  accels = gtk_application_get_accels_for_action (GTK_APPLICATION (app), "win.sync-now");
  g_assert_true (g_strv_contains ((const char * const *)accels, "<Control>r"));

  /* The account is kept in the database and the token file */
  {
    LotseSyncServerPage *page = g_object_ref_sink (LOTSE_SYNC_SERVER_PAGE (lotse_sync_server_page_new (f->a.engine)));

    connect_through_page (page, lotse_test_server_get_url (f->server), "anna", "Geheim-2026");
    g_assert_true (lotse_sync_engine_get_connected (f->a.engine));
    gtk_widget_unparent (GTK_WIDGET (page));
    g_object_unref (page);
  }
  lotse_sync_engine_shutdown (f->a.engine);

  window = lotse_window_new (GTK_APPLICATION (app), f->a.store);
  button = lotse_window_get_sync_button (window);
  engine = lotse_sync_button_get_engine (LOTSE_SYNC_BUTTON (button));
  g_assert_true (engine == lotse_sync_app_get_engine (f->a.store));
  g_assert_true (lotse_sync_engine_get_connected (engine));
  /* Right after the start it syncs by itself */
  g_signal_connect (engine, "cycle-finished", G_CALLBACK (cycle_finished_cb), &shown);
  g_assert_true (wait_cycle (&shown, 0));
  g_assert_true (shown.last_ok);
  lotse_sync_engine_set_automatic (engine, FALSE);
  g_assert_nonnull (gtk_widget_get_tooltip_text (GTK_WIDGET (lotse_sync_button_get_menu_button (LOTSE_SYNC_BUTTON (button)))));

  id = lotse_test_insert (f->a.store, "article", "title=Aus dem Fenster", NULL);
  g_assert_cmpint (lotse_sync_engine_get_outbox_count (engine), ==, 1);
  g_assert_cmpint (lotse_sync_engine_get_state (engine), ==, LOTSE_SYNC_STATE_PENDING);
  g_assert_cmpstr (gtk_menu_button_get_icon_name (lotse_sync_button_get_menu_button (LOTSE_SYNC_BUTTON (button))),
                   ==, "document-send-symbolic");

  before = shown.cycles;
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.sync-now", NULL));
  g_assert_true (wait_cycle (&shown, before));
  g_assert_true (shown.last_ok);
  g_assert_cmpint (lotse_store_count_outbox (f->a.store), ==, 0);
  g_assert_cmpint (lotse_sync_engine_get_state (engine), ==, LOTSE_SYNC_STATE_SYNCED);
  g_assert_cmpstr (gtk_menu_button_get_icon_name (lotse_sync_button_get_menu_button (LOTSE_SYNC_BUTTON (button))),
                   ==, "emblem-ok-symbolic");

  g_signal_handlers_disconnect_by_data (engine, &shown);
  gtk_window_destroy (GTK_WINDOW (window));
  lotse_sync_engine_release_for_store (f->a.store);
}

/* An office server with its own certificate, set up on the Server page
 * (trusted there): lotse-cli syncs that account on the same database
 * without --server and without being told about the certificate, and the
 * record another device sent arrives. On main lotse-cli refused the
 * certificate ("Unacceptable TLS certificate"). */
static void
test_cli_syncs_app_account (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(LotseTestServer) server = lotse_test_server_new ();
  g_autoptr(LotseTestCliResult) result = NULL;
  g_autofree char *cert = NULL;
  g_autofree char *key = NULL;
  g_autofree char *id = NULL;
  g_autofree char *sql = NULL;
  g_autofree char *synced = NULL;
  g_autofree char *name = NULL;
  const char *db = lotse_store_get_path (f->a.store);
  LotseSyncServerPage *page;
  const char *url;
  guint before;

  if (!test_make_certificate (lotse_test_server_get_dir (server), "cert", &cert, &key))
    {
      g_test_skip ("openssl is not installed");
      return;
    }
  lotse_test_server_add_user (server, "anna", "editor", "Geheim-2026");
  {
    const char * const args[] = { "--tls-cert", cert, "--tls-key", key, NULL };

    lotse_test_server_start (server, args, NULL);
  }
  url = lotse_test_server_get_url (server);

  /* The app: the Server page, the certificate trusted in its dialog */
  lotse_sync_engine_set_automatic (f->a.engine, FALSE);
  page = g_object_ref_sink (LOTSE_SYNC_SERVER_PAGE (lotse_sync_server_page_new (f->a.engine)));
  connect_through_page (page, url, "anna", "Geheim-2026");
  g_assert_nonnull (lotse_sync_server_page_get_trust_dialog (page));
  before = f->a.cycles;
  adw_message_dialog_response (lotse_sync_server_page_get_trust_dialog (page), "trust");
  g_assert_true (wait_until (page_idle, page));
  g_assert_true (lotse_sync_engine_get_connected (f->a.engine));
  g_assert_true (wait_cycle (&f->a, before));
  g_assert_true (f->a.last_ok);
  gtk_widget_unparent (GTK_WIDGET (page));
  g_object_unref (page);

  /* Another device sends a record */
  lotse_sync_engine_set_automatic (f->b.engine, FALSE);
  {
    g_autoptr(GError) error = NULL;

    before = f->b.cycles;
    lotse_sync_engine_connect_async (f->b.engine, url, "anna", "Geheim-2026", NULL, connect_cb, &error);
    g_assert_true (wait_until (error_set, &error));
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS);
    g_assert_true (wait_cycle (&f->b, before));
  }
  id = lotse_test_insert (f->b.store, "organisation", "name=Kreis Lippe", NULL);
  sync_device (&f->b);
  g_assert_true (f->b.last_ok);

  /* lotse-cli on the app's database, told nothing */
  result = test_sync_cli (lotse_test_server_get_dir (server), NULL, NULL, "--db", db, "sync", NULL);
  if (result->status != 0)
    g_test_message ("stdout: %s\nstderr: %s", result->out, result->err);
  g_assert_cmpint (result->status, ==, 0);
  synced = g_strdup_printf ("Synced with %s.", url);
  g_assert_nonnull (strstr (result->out, synced));
  g_assert_nonnull (strstr (result->out, "Pulled: 1 rows"));
  sql = g_strdup_printf ("SELECT name FROM organisation WHERE id = '%s'", id);
  name = lotse_test_query_text (db, sql);
  g_assert_cmpstr (name, ==, "Kreis Lippe");

  lotse_test_server_stop (server);
}

/* Lotse before the engine kept the account in GSettings. It moves into
 * the database that holds its device token, with its pinned certificate,
 * and leaves the settings; a database without the token stays as it is. */
static void
test_settings_account (Fixture       *f,
                       gconstpointer  data)
{
  const char *url = lotse_test_server_get_url (f->server);
  g_autofree char *device_id = NULL;
  g_autofree char *token = NULL;
  g_autofree char *stored = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *left = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GVariantBuilder) pins = G_VARIANT_BUILDER_INIT (G_VARIANT_TYPE ("a{ss}"));
  const char *pin = "AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89";
  LotseSyncEngine *other;
  LotseSyncEngine *engine;
  Device shown = { 0, };

  /* What an older Lotse left: the token beside database B, the account
   * and the pin in the settings */
  token = lotse_test_server_login (f->server, "anna", "Geheim-2026", &device_id);
  g_assert_true (lotse_credentials_store (lotse_store_get_path (f->b.store), url, "anna", device_id, token,
                                          NULL, &error));
  g_assert_no_error (error);
  g_settings_set_string (f->settings, "sync-server-url", url);
  g_settings_set_string (f->settings, "sync-user", "anna");
  g_variant_builder_add (&pins, "{ss}", url, pin);
  g_settings_set_value (f->settings, "sync-trusted-certificates", g_variant_builder_end (&pins));

  /* Database A has no token: it does not take the account */
  other = lotse_sync_app_get_engine (f->a.store);
  g_assert_false (lotse_sync_engine_get_connected (other));
  g_assert_cmpint (lotse_test_query_int (lotse_store_get_path (f->a.store), "SELECT count(*) FROM sync_account"), ==, 0);
  left = g_settings_get_string (f->settings, "sync-server-url");
  g_assert_cmpstr (left, ==, url);

  /* Database B does, and the app syncs it */
  engine = lotse_sync_app_get_engine (f->b.store);
  g_assert_true (lotse_sync_engine_get_connected (engine));
  stored = lotse_test_query_text (lotse_store_get_path (f->b.store),
                                  "SELECT server_url || ' ' || user_name || ' ' || fingerprint FROM sync_account");
  expected = g_strdup_printf ("%s anna %s", url, pin);
  g_assert_cmpstr (stored, ==, expected);
  g_clear_pointer (&left, g_free);
  left = g_settings_get_string (f->settings, "sync-server-url");
  g_assert_cmpstr (left, ==, "");
  g_signal_connect (engine, "cycle-finished", G_CALLBACK (cycle_finished_cb), &shown);
  lotse_sync_engine_sync_now (engine);
  g_assert_true (wait_cycle (&shown, 0));
  g_assert_true (shown.last_ok);

  g_signal_handlers_disconnect_by_data (engine, &shown);
  lotse_sync_engine_release_for_store (f->a.store);
  lotse_sync_engine_release_for_store (f->b.store);
}

/* ---- badges in the windows of two devices -------------------------- */

typedef struct
{
  GtkWidget  *root;
  const char *id;
  gboolean    shown;   /* wait for a mapped badge, or for none shown */
  guint       n;       /* for badges_counted(): how many mapped */
} BadgeWait;

/* The badges for @id under @widget; @mapped: only those on screen */
static guint
count_badges (GtkWidget  *widget,
              const char *id,
              gboolean    mapped)
{
  guint n = 0;

  if (LOTSE_IS_CONFLICT_BADGE (widget) &&
      g_strcmp0 (lotse_conflict_badge_get_id (LOTSE_CONFLICT_BADGE (widget)), id) == 0 &&
      gtk_widget_get_visible (widget) && (!mapped || gtk_widget_get_mapped (widget)))
    n++;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    n += count_badges (child, id, mapped);

  return n;
}

static gboolean
badge_state_reached (gpointer data)
{
  BadgeWait *wait = data;
  guint n = count_badges (wait->root, wait->id, wait->shown);

  return wait->shown ? n > 0 : n == 0;
}

static gboolean
badges_counted (gpointer data)
{
  BadgeWait *wait = data;

  return count_badges (wait->root, wait->id, TRUE) == wait->n;
}

static gboolean
wait_badge (GtkWidget  *root,
            const char *id,
            gboolean    shown)
{
  BadgeWait wait = { root, id, shown, 0 };

  return wait_until (badge_state_reached, &wait);
}

/* The first badge of @id under @widget that is on screen */
static GtkWidget *
find_badge (GtkWidget  *widget,
            const char *id)
{
  if (LOTSE_IS_CONFLICT_BADGE (widget) && gtk_widget_get_mapped (widget) &&
      g_strcmp0 (lotse_conflict_badge_get_id (LOTSE_CONFLICT_BADGE (widget)), id) == 0)
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_badge (child, id);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* The project row of @id in the portfolio list of @window */
static GtkWidget *
find_project_row (GtkWidget  *widget,
                  const char *id)
{
  if (LOTSE_IS_PROJECT_ROW (widget))
    {
      GtkWidget *badge = lotse_project_row_get_conflict_badge (LOTSE_PROJECT_ROW (widget));

      return g_strcmp0 (lotse_conflict_badge_get_id (LOTSE_CONFLICT_BADGE (badge)), id) == 0
             ? widget : NULL;
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_project_row (child, id);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static LotseConflictWindow *
find_conflict_window (void)
{
  g_autoptr(GList) windows = gtk_window_list_toplevels ();

  for (GList *l = windows; l != NULL; l = l->next)
    if (LOTSE_IS_CONFLICT_WINDOW (l->data) && gtk_widget_get_visible (l->data))
      return l->data;

  return NULL;
}

static gboolean
conflict_window_shown (gpointer data)
{
  return find_conflict_window () != NULL;
}

static gboolean
field_row_shows (gpointer data)
{
  GtkWidget *row = ((gpointer *)data)[0];
  const char *text = ((gpointer *)data)[1];

  return g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (row)), text) == 0;
}

static char *
server_value (Fixture    *f,
              const char *table,
              const char *id,
              const char *field)
{
  g_autofree char *token = lotse_test_server_login (f->server, "anna", "Geheim-2026", NULL);
  g_autofree char *path = g_strdup_printf ("/v1/items/%s/%s/history", table, id);
  g_autoptr(JsonNode) history = NULL;
  JsonArray *revisions;
  JsonObject *last;
  guint status = 0;

  history = lotse_test_server_request (f->server, "GET", path, token, NULL, &status);
  g_assert_cmpuint (status, ==, 200);
  revisions = json_object_get_array_member (json_node_get_object (history), "revisions");
  last = json_array_get_object_element (revisions, json_array_get_length (revisions) - 1);
  return g_strdup (json_object_get_string_member (json_object_get_object_member (last, "fields"), field));
}

/* Two app windows on two databases: a change from the other one shows in
 * the open project page without taking what is typed there; a record
 * edited on both gets a badge in the list and on its page in the window
 * that synced second, the badge opens the resolution, and afterwards both
 * databases and the server hold the chosen values and the badges are gone. */
static void
test_badges (Fixture       *f,
             gconstpointer  data)
{
  LotseApplication *app = get_app ();
  g_autoptr(GError) error = NULL;
  g_autofree char *project = NULL;
  g_autofree char *article = NULL;
  LotseWindow *wa;
  LotseWindow *wb;
  LotsePortfolioView *view_a;
  LotsePortfolioView *view_b;
  LotseProjectDetail *detail_a;
  LotseProjectDetail *detail_b;
  LotseConflictWindow *conflicts;
  GtkWidget *summary_row;
  GtkWidget *acronym_row;
  GtkWidget *row;
  Device da = { 0, };
  Device db = { 0, };

  project = lotse_test_insert (f->a.store, "project", "title=Digitale Lehre", "acronym=DILE",
                               "status=running", NULL);
  article = lotse_test_insert (f->a.store, "article", "title=Reisekosten abrechnen",
                               "body=Formular ausfüllen\nBelege anhängen", NULL);

  /* Each window syncs with the engine of its store */
  wa = lotse_window_new (GTK_APPLICATION (app), f->a.store);
  wb = lotse_window_new (GTK_APPLICATION (app), f->b.store);
  gtk_window_set_default_size (GTK_WINDOW (wa), 1100, 720);
  gtk_window_set_default_size (GTK_WINDOW (wb), 1100, 720);
  da.store = f->a.store;
  da.engine = lotse_sync_app_get_engine (f->a.store);
  db.store = f->b.store;
  db.engine = lotse_sync_app_get_engine (f->b.store);
  g_assert_true (da.engine == lotse_sync_button_get_engine (LOTSE_SYNC_BUTTON (lotse_window_get_sync_button (wa))));
  g_signal_connect (da.engine, "cycle-finished", G_CALLBACK (cycle_finished_cb), &da);
  g_signal_connect (db.engine, "cycle-finished", G_CALLBACK (cycle_finished_cb), &db);
  lotse_sync_engine_set_automatic (da.engine, FALSE);
  lotse_sync_engine_set_automatic (db.engine, FALSE);
  connect_device (f, &da);
  connect_device (f, &db);
  g_assert_nonnull (lotse_store_get (f->b.store, "project", project, NULL));

  gtk_window_present (GTK_WINDOW (wa));
  gtk_window_present (GTK_WINDOW (wb));
  view_a = LOTSE_PORTFOLIO_VIEW (lotse_window_get_view (wa, "portfolio"));
  view_b = LOTSE_PORTFOLIO_VIEW (lotse_window_get_view (wb, "portfolio"));
  detail_a = lotse_portfolio_view_get_detail (view_a);
  detail_b = lotse_portfolio_view_get_detail (view_b);

  /* A is typing a summary on the project page while B changes the acronym */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (wa), "win.open-record", "(ss)", "project", project));
  summary_row = lotse_project_detail_get_field_row (detail_a, "summary");
  acronym_row = lotse_project_detail_get_field_row (detail_a, "acronym");
  g_assert_nonnull (summary_row);
  g_assert_nonnull (acronym_row);
  gtk_editable_set_text (GTK_EDITABLE (summary_row), "Lehrangebote digital, noch nicht gesichert");
  g_assert_true (lotse_field_row_is_edited (summary_row));
  set_field (&db, "project", project, "acronym", "DIGI");
  sync_device (&db);
  sync_device (&da);
  g_assert_true (da.last_ok);
  {
    gpointer wait[2] = { acronym_row, (gpointer) "DIGI" };

    g_assert_true (wait_until (field_row_shows, wait));
  }
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (summary_row)), ==,
                   "Lehrangebote digital, noch nicht gesichert");
  g_assert_true (lotse_field_row_is_edited (summary_row));
  gtk_editable_set_text (GTK_EDITABLE (summary_row), "");

  /* Both change the title and the article: B syncs second and gets the conflicts */
  g_assert_cmpuint (count_badges (GTK_WIDGET (wb), project, FALSE), ==, 0);
  set_field (&da, "project", project, "title", "Digitale Lehre 2027");
  set_field (&da, "article", article, "title", "Reisekosten: Abrechnung");
  set_field (&db, "project", project, "title", "Digitale Lehre (Pilot)");
  set_field (&db, "article", article, "title", "Reisekosten einreichen");
  sync_device (&da);
  g_assert_true (da.last_ok);
  sync_device (&db);
  g_assert_cmpint (lotse_sync_engine_get_conflict_count (db.engine), ==, 2);
  g_assert_nonnull (lotse_sync_engine_find_conflict (db.engine, "project", project));
  g_assert_null (lotse_sync_engine_find_conflict (da.engine, "project", project));

  /* The badge shows on the row in B's list, and not in A's */
  g_assert_true (wait_badge (GTK_WIDGET (view_b), project, TRUE));
  row = find_project_row (GTK_WIDGET (view_b), project);
  g_assert_nonnull (row);
  g_assert_true (gtk_widget_get_mapped (lotse_project_row_get_conflict_badge (LOTSE_PROJECT_ROW (row))));
  g_assert_cmpstr (gtk_widget_get_tooltip_text (lotse_project_row_get_conflict_badge (LOTSE_PROJECT_ROW (row))),
                   ==, "Changed here and on the server — open to resolve");
  g_assert_cmpuint (count_badges (GTK_WIDGET (wa), project, FALSE), ==, 0);

  /* and on the project page */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (wb), "win.open-record", "(ss)", "project", project));
  g_assert_true (wait_until ((Condition) gtk_widget_get_mapped, lotse_project_detail_get_conflict_badge (detail_b)));

  /* Activating it opens the resolution of that conflict; B keeps its title */
  g_signal_emit_by_name (lotse_project_detail_get_conflict_badge (detail_b), "clicked");
  g_assert_true (wait_until (conflict_window_shown, NULL));
  conflicts = find_conflict_window ();
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (conflicts)) == GTK_WINDOW (wb));
  lotse_conflict_window_choose (conflicts, "title", LOTSE_SYNC_TAKE_MINE);
  {
    guint before = db.cycles;

    g_assert_true (lotse_conflict_window_apply (conflicts, &error));
    g_assert_no_error (error);
    g_assert_true (wait_cycle (&db, before));
    g_assert_true (db.last_ok);
  }
  gtk_window_destroy (GTK_WINDOW (conflicts));
  g_assert_true (wait_badge (GTK_WIDGET (wb), project, FALSE));
  g_assert_cmpint (lotse_sync_engine_get_conflict_count (db.engine), ==, 1);

  /* The article: its badge in the knowledge list, an edited title */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (wb), "win.show-view", "s", "knowledge"));
  g_assert_true (wait_badge (lotse_window_get_view (wb, "knowledge"), article, TRUE));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (wb), "win.open-record", "(ss)", "article", article));
  g_assert_true (wait_badge (lotse_window_get_view (wb, "knowledge"), article, TRUE));
  {
    /* the first badge of the article on screen, in the list or on its page */
    GtkWidget *badge = find_badge (lotse_window_get_view (wb, "knowledge"), article);
    guint before = db.cycles;

    g_assert_nonnull (badge);
    g_assert_true (gtk_widget_activate (badge));
    g_assert_true (wait_until (conflict_window_shown, NULL));
    conflicts = find_conflict_window ();
    lotse_conflict_window_edit (conflicts, "title", "Reisekosten einreichen und abrechnen");
    g_assert_true (lotse_conflict_window_apply (conflicts, &error));
    g_assert_no_error (error);
    g_assert_true (wait_cycle (&db, before));
    g_assert_true (db.last_ok);
    gtk_window_destroy (GTK_WINDOW (conflicts));
  }
  g_assert_true (wait_badge (GTK_WIDGET (wb), article, FALSE));
  g_assert_cmpint (lotse_sync_engine_get_conflict_count (db.engine), ==, 0);
  g_assert_cmpint (lotse_sync_engine_get_state (db.engine), ==, LOTSE_SYNC_STATE_SYNCED);

  /* Both databases and the server agree on the chosen values */
  sync_device (&da);
  g_assert_true (da.last_ok);
  {
    g_autofree char *a_title = get_field (&da, "project", project, "title");
    g_autofree char *b_title = get_field (&db, "project", project, "title");
    g_autofree char *s_title = server_value (f, "project", project, "title");
    g_autofree char *a_article = get_field (&da, "article", article, "title");
    g_autofree char *b_article = get_field (&db, "article", article, "title");
    g_autofree char *s_article = server_value (f, "article", article, "title");
    g_autofree char *a_acronym = get_field (&da, "project", project, "acronym");

    g_assert_cmpstr (b_title, ==, "Digitale Lehre (Pilot)");
    g_assert_cmpstr (a_title, ==, b_title);
    g_assert_cmpstr (s_title, ==, b_title);
    g_assert_cmpstr (b_article, ==, "Reisekosten einreichen und abrechnen");
    g_assert_cmpstr (a_article, ==, b_article);
    g_assert_cmpstr (s_article, ==, b_article);
    g_assert_cmpstr (a_acronym, ==, "DIGI");
  }
  g_assert_cmpint (lotse_store_count_outbox (f->a.store), ==, 0);
  g_assert_cmpint (lotse_store_count_outbox (f->b.store), ==, 0);
  /* A's open page shows B's title */
  {
    gpointer wait[2] = { lotse_project_detail_get_field_row (detail_a, "title"), (gpointer) "Digitale Lehre (Pilot)" };

    g_assert_true (wait_until (field_row_shows, wait));
  }
  g_assert_cmpuint (count_badges (GTK_WIDGET (wa), project, FALSE), ==, 0);
  g_assert_cmpuint (count_badges (GTK_WIDGET (wb), project, FALSE), ==, 0);

  g_signal_handlers_disconnect_by_data (da.engine, &da);
  g_signal_handlers_disconnect_by_data (db.engine, &db);
  gtk_window_destroy (GTK_WINDOW (wa));
  gtk_window_destroy (GTK_WINDOW (wb));
  lotse_sync_engine_release_for_store (f->a.store);
  lotse_sync_engine_release_for_store (f->b.store);
}

/* Milestones, meetings and agenda items carry the badge too, and it goes
 * away by itself when the conflict is resolved elsewhere. */
static void
test_badges_jourfixe (Fixture       *f,
                      gconstpointer  data)
{
  LotseApplication *app = get_app ();
  g_autofree char *project = NULL;
  g_autofree char *milestone = NULL;
  g_autofree char *meeting = NULL;
  g_autofree char *item = NULL;
  g_autofree char *project_ref = NULL;
  g_autofree char *meeting_ref = NULL;
  const char *ids[3];
  LotseWindow *wb;
  Device db = { 0, };
  guint before;

  project = lotse_test_insert (f->a.store, "project", "title=Lernreise Lissabon", NULL);
  project_ref = g_strconcat ("project_id=", project, NULL);
  milestone = lotse_test_insert (f->a.store, "milestone", project_ref, "title=Programm steht",
                                 "due_date=2027-03-01", NULL);
  meeting = lotse_test_insert (f->a.store, "meeting", "title=Jour fixe Programmbüro",
                               "starts_at=2027-01-12T09:00:00Z", NULL);
  meeting_ref = g_strconcat ("meeting_id=", meeting, NULL);
  item = lotse_test_insert (f->a.store, "agenda_item", meeting_ref, "title=Haushalt 2027", NULL);
  ids[0] = milestone;
  ids[1] = meeting;
  ids[2] = item;

  wb = lotse_window_new (GTK_APPLICATION (app), f->b.store);
  gtk_window_set_default_size (GTK_WINDOW (wb), 1100, 720);
  db.store = f->b.store;
  db.engine = lotse_sync_app_get_engine (f->b.store);
  g_signal_connect (db.engine, "cycle-finished", G_CALLBACK (cycle_finished_cb), &db);
  lotse_sync_engine_set_automatic (f->a.engine, FALSE);
  lotse_sync_engine_set_automatic (db.engine, FALSE);
  connect_device (f, &f->a);
  connect_device (f, &db);
  gtk_window_present (GTK_WINDOW (wb));

  set_field (&f->a, "milestone", milestone, "title", "Programm steht (Entwurf)");
  set_field (&f->a, "meeting", meeting, "title", "Jour fixe Programmbüro Januar");
  set_field (&f->a, "agenda_item", item, "title", "Haushalt 2027: Entwurf");
  set_field (&db, "milestone", milestone, "title", "Programm abgestimmt");
  set_field (&db, "meeting", meeting, "title", "Jour fixe PB");
  set_field (&db, "agenda_item", item, "title", "Haushalt 2027 und Reisen");
  sync_device (&f->a);
  g_assert_true (f->a.last_ok);
  sync_device (&db);
  g_assert_cmpint (lotse_sync_engine_get_conflict_count (db.engine), ==, 3);

  /* The milestone on its project's page */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (wb), "win.open-record", "(ss)", "project", project));
  g_assert_true (wait_badge (GTK_WIDGET (wb), milestone, TRUE));
  g_assert_cmpuint (count_badges (GTK_WIDGET (wb), project, FALSE), ==, 0);

  /* The meeting in the list and on its page, the agenda item in the agenda */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (wb), "win.open-record", "(ss)", "meeting", meeting));
  g_assert_true (wait_badge (lotse_window_get_view (wb, "jourfixe"), meeting, TRUE));
  g_assert_true (wait_badge (lotse_window_get_view (wb, "jourfixe"), item, TRUE));
  {
    BadgeWait wait = { lotse_window_get_view (wb, "jourfixe"), meeting, TRUE, 2 };

    g_assert_true (wait_until (badges_counted, &wait));
  }

  /* Resolved (here through the engine, as the conflict list does): the
   * badges go without a reload */
  before = db.cycles;
  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    {
      const char *table = i == 0 ? "milestone" : i == 1 ? "meeting" : "agenda_item";
      g_autofree char *conflict = g_strdup (lotse_sync_engine_find_conflict (db.engine, table, ids[i]));
      g_autoptr(GError) error = NULL;

      g_assert_nonnull (conflict);
      g_assert_true (lotse_sync_engine_resolve_take (db.engine, conflict, LOTSE_SYNC_TAKE_THEIRS, &error));
      g_assert_no_error (error);
      g_assert_null (lotse_sync_engine_find_conflict (db.engine, table, ids[i]));
    }
  g_assert_cmpuint (count_badges (GTK_WIDGET (wb), meeting, FALSE), ==, 0);
  g_assert_cmpuint (count_badges (GTK_WIDGET (wb), item, FALSE), ==, 0);
  g_assert_cmpuint (count_badges (GTK_WIDGET (wb), milestone, FALSE), ==, 0);
  g_assert_true (wait_cycle (&db, before));
  sync_device (&db);
  g_assert_true (db.last_ok);
  g_assert_cmpint (lotse_store_count_outbox (f->b.store), ==, 0);
  {
    g_autofree char *title = get_field (&db, "meeting", meeting, "title");

    g_assert_cmpstr (title, ==, "Jour fixe Programmbüro Januar");
  }

  g_signal_handlers_disconnect_by_data (db.engine, &db);
  gtk_window_destroy (GTK_WINDOW (wb));
  lotse_sync_engine_release_for_store (f->b.store);
}

static void
test_line_diff (void)
{
  g_autoptr(GPtrArray) lines = lotse_line_diff ("a\nb\nc\nd", "a\nc\nd\ne");
  g_autofree char *markup = lotse_line_diff_markup ("<a>\nb", "<a>\nc");
  LotseDiffLine *line;

  g_assert_cmpuint (lines->len, ==, 5);
  line = g_ptr_array_index (lines, 1);
  g_assert_cmpint (line->kind, ==, LOTSE_DIFF_REMOVED);
  g_assert_cmpstr (line->line, ==, "b");
  line = g_ptr_array_index (lines, 4);
  g_assert_cmpint (line->kind, ==, LOTSE_DIFF_ADDED);
  g_assert_cmpstr (line->line, ==, "e");
  /* Markup is escaped */
  g_assert_nonnull (strstr (markup, "&lt;a&gt;"));

  g_clear_pointer (&lines, g_ptr_array_unref);
  lines = lotse_line_diff (NULL, "");
  g_assert_cmpuint (lines->len, ==, 0);
}

/* ---- the conflict window as a person uses it ------------------------ */

static gboolean
conflict_window_gone (gpointer data)
{
  return find_conflict_window () == NULL;
}

/* The label under @root whose text starts with @prefix */
static GtkWidget *
find_label_prefixed (GtkWidget  *root,
                     const char *prefix)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (GTK_IS_LABEL (child) && g_str_has_prefix (gtk_label_get_text (GTK_LABEL (child)), prefix))
        return child;
      if ((found = find_label_prefixed (child, prefix)) != NULL)
        return found;
    }

  return NULL;
}

static void
collect_buttons (GtkWidget *root,
                 GPtrArray *buttons)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_BUTTON (child) && !GTK_IS_CHECK_BUTTON (child) && gtk_widget_get_mapped (child))
        g_ptr_array_add (buttons, child);
      else
        collect_buttons (child, buttons);
    }
}

/* The resolution page's buttons: one that resolves, none on another. */
static void
assert_actions_apart (GtkWidget *window)
{
  g_autoptr(GPtrArray) buttons = g_ptr_array_new ();
  guint suggested = 0;

  collect_buttons (window, buttons);
  for (guint i = 0; i < buttons->len; i++)
    {
      graphene_rect_t a;

      if (gtk_widget_has_css_class (g_ptr_array_index (buttons, i), "suggested-action"))
        suggested++;
      g_assert_true (gtk_widget_compute_bounds (g_ptr_array_index (buttons, i), window, &a));
      /* and none runs off the window's edge */
      g_assert_cmpfloat (a.origin.x + a.size.width, <=, gtk_widget_get_width (window));
      for (guint k = i + 1; k < buttons->len; k++)
        {
          graphene_rect_t b;

          g_assert_true (gtk_widget_compute_bounds (g_ptr_array_index (buttons, k), window, &b));
          g_assert_false (graphene_rect_intersection (&a, &b, NULL));
        }
    }
  g_assert_cmpuint (suggested, ==, 1);
}

/* The time a side changed, as the window shows it: in the office's zone
 * (Europe/Berlin unless set), the day as the locale writes it */
static char *
format_when (LotseStore *store,
             const char *iso)
{
  g_autoptr(GTimeZone) zone = lotse_office_get_time_zone (store);
  g_autoptr(GDateTime) when = g_date_time_new_from_iso8601 (iso, NULL);
  g_autoptr(GDateTime) office = NULL;
  g_autofree char *iso_day = NULL;
  g_autofree char *day = NULL;
  g_autofree char *time = NULL;

  g_assert_nonnull (when);
  office = g_date_time_to_timezone (when, zone);
  iso_day = g_date_time_format (office, "%Y-%m-%d");
  day = lotse_format_date (iso_day);
  time = g_date_time_format (office, "%H:%M");
  return g_strdup_printf ("%s, %s", day, time);
}

static GtkWidget *
entry_row_apply_button (GtkWidget *row)
{
  GtkWidget *button = lotse_test_find_widget (row, "GtkButton", NULL);

  g_assert_nonnull (button);
  return button;
}

/* A project whose title Ben changed on device A and Anna on device B,
 * in B's window, with the conflict on B */
typedef struct
{
  Device              da;
  Device              db;
  LotseWindow        *wb;
  LotseProjectDetail *detail;
  char               *project;
} TitleConflict;

static void
title_conflict_connect (Fixture       *f,
                        TitleConflict *tc)
{
  g_autoptr(GError) error = NULL;
  guint before = f->a.cycles;

  lotse_test_server_add_user (f->server, "ben", "editor", "Geheim-2027");
  tc->da.store = f->a.store;
  tc->da.engine = f->a.engine;
  tc->db.store = f->b.store;
  tc->db.engine = lotse_sync_app_get_engine (f->b.store);
  g_signal_connect (tc->db.engine, "cycle-finished", G_CALLBACK (cycle_finished_cb), &tc->db);
  lotse_sync_engine_set_automatic (tc->da.engine, FALSE);
  lotse_sync_engine_set_automatic (tc->db.engine, FALSE);

  lotse_sync_engine_connect_async (tc->da.engine, lotse_test_server_get_url (f->server), "ben",
                                    "Geheim-2027", NULL, connect_cb, &error);
  g_assert_true (wait_until (error_set, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS);
  g_assert_true (wait_cycle (&f->a, before));
  connect_device (f, &tc->db);
}

static void
title_conflict_setup (Fixture       *f,
                      TitleConflict *tc)
{
  g_autofree char *sql = NULL;
  g_autofree char *typed = NULL;
  GtkWidget *title_row;

  /* The windows of earlier tests would take the clicks and the keyboard */
  lotse_test_destroy_windows ();

  tc->project = lotse_test_insert (f->a.store, "project", "title=Digitale Lehre", "status=running", NULL);
  tc->wb = lotse_window_new (GTK_APPLICATION (get_app ()), f->b.store);
  gtk_window_set_default_size (GTK_WINDOW (tc->wb), 900, 800);
  title_conflict_connect (f, tc);

  gtk_window_present (GTK_WINDOW (tc->wb));
  tc->detail = lotse_portfolio_view_get_detail (LOTSE_PORTFOLIO_VIEW (lotse_window_get_view (tc->wb, "portfolio")));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (tc->wb), "win.open-record", "(ss)", "project",
                                             tc->project));
  title_row = lotse_project_detail_get_field_row (tc->detail, "title");
  g_assert_true (lotse_test_wait_shown (title_row));

  /* Both change the title, B in the title row (Enter applies it; the row
   * keeps the focus). B syncs second and gets the conflict. */
  set_field (&f->a, "project", tc->project, "title", "Digitale Lehre 2027");
  lotse_test_click (title_row);
  g_assert_true (wait_until ((Condition) gtk_widget_has_focus,
                             lotse_test_find_widget (title_row, "GtkText", NULL)));
  gtk_editable_set_text (GTK_EDITABLE (title_row), "Digitale Lehre (Pilot)");
  lotse_test_press_key (GDK_KEY_Return, 0);
  lotse_test_iterate_idle ();
  sql = g_strdup_printf ("SELECT title FROM project WHERE id = '%s'", tc->project);
  typed = lotse_test_query_text (lotse_store_get_path (tc->db.store), sql);
  g_assert_cmpstr (typed, ==, "Digitale Lehre (Pilot)");

  sync_device (&f->a);
  g_assert_true (f->a.last_ok);
  sync_device (&tc->db);
  g_assert_cmpint (lotse_sync_engine_get_conflict_count (tc->db.engine), ==, 1);
}

static LotseConflictWindow *
open_conflict_window (TitleConflict *tc)
{
  LotseConflictWindow *conflicts;

  g_assert_true (wait_until ((Condition) gtk_widget_get_mapped,
                             lotse_project_detail_get_conflict_badge (tc->detail)));
  g_signal_emit_by_name (lotse_project_detail_get_conflict_badge (tc->detail), "clicked");
  g_assert_true (wait_until (conflict_window_shown, NULL));
  conflicts = find_conflict_window ();
  g_assert_true (lotse_test_wait_shown (GTK_WIDGET (conflicts)));

  return conflicts;
}

/* Who changed each side and when, as the server and the database say:
 * returns the label of this computer's side */
static GtkWidget *
assert_who_changed (Fixture             *f,
                    TitleConflict       *tc,
                    LotseConflictWindow *conflicts)
{
  g_autofree char *token = lotse_test_server_login (f->server, "anna", "Geheim-2026", NULL);
  g_autofree char *path = g_strdup_printf ("/v1/items/project/%s/history", tc->project);
  guint status = 0;
  g_autoptr(JsonNode) history = lotse_test_server_request (f->server, "GET", path, token, NULL, &status);
  JsonArray *revisions = json_object_get_array_member (json_node_get_object (history), "revisions");
  JsonObject *last = json_array_get_object_element (revisions, json_array_get_length (revisions) - 1);
  g_autofree char *theirs_when = format_when (tc->db.store,
                                                json_object_get_string_member (last, "committed_at"));
  g_autofree char *theirs = g_strdup_printf ("Changed on the server by ben on %s", theirs_when);
  g_autofree char *sql = g_strdup_printf ("SELECT mine ->> '$.changed_at' FROM conflicts WHERE row_id = '%s'",
                                          tc->project);
  g_autofree char *stored = lotse_test_query_text (lotse_store_get_path (tc->db.store), sql);
  g_autofree char *mine_when = format_when (tc->db.store, stored);
  g_autofree char *mine = g_strdup_printf ("Changed here by anna on %s", mine_when);
  GtkWidget *who;

  g_assert_cmpstr (json_object_get_string_member (last, "user"), ==, "ben");
  g_assert_nonnull (find_label_prefixed (GTK_WIDGET (conflicts), theirs));
  who = find_label_prefixed (GTK_WIDGET (conflicts), mine);
  g_assert_nonnull (who);

  return who;
}

/* Resolve with B's title through the buttons */
static void
resolve_with_mine (TitleConflict       *tc,
                   LotseConflictWindow *conflicts)
{
  guint before = tc->db.cycles;
  GtkWidget *resolve = NULL;
  g_autoptr(GPtrArray) buttons = g_ptr_array_new ();

  collect_buttons (GTK_WIDGET (conflicts), buttons);
  for (guint i = 0; i < buttons->len; i++)
    if (gtk_widget_has_css_class (g_ptr_array_index (buttons, i), "suggested-action"))
      resolve = g_ptr_array_index (buttons, i);
  g_assert_nonnull (resolve);
  lotse_test_click (find_label_prefixed (GTK_WIDGET (conflicts), "Mine"));
  lotse_test_click (resolve);
  g_assert_true (wait_cycle (&tc->db, before));
  g_assert_true (tc->db.last_ok);
  g_assert_cmpint (lotse_sync_engine_get_conflict_count (tc->db.engine), ==, 0);
}

/* The title row shows what is stored, with no stale check mark offering
 * to save it again */
static void
assert_title_row_clean (TitleConflict *tc)
{
  g_autofree char *sql = g_strdup_printf ("SELECT title FROM project WHERE id = '%s'", tc->project);
  g_autofree char *stored = lotse_test_query_text (lotse_store_get_path (tc->db.store), sql);
  GtkWidget *title_row = lotse_project_detail_get_field_row (tc->detail, "title");
  gpointer wait[2] = { title_row, stored };

  g_assert_cmpstr (stored, ==, "Digitale Lehre (Pilot)");
  g_assert_true (wait_until (field_row_shows, wait));
  g_assert_true (lotse_test_wait_shown (title_row));
  lotse_test_iterate_idle ();
  g_assert_false (gtk_widget_get_visible (entry_row_apply_button (title_row)));
}

static void
test_conflict_window_office (Fixture       *f,
                             gconstpointer  data)
{
  TitleConflict tc = { { 0, }, };
  LotseConflictWindow *conflicts;
  GtkWidget *who;

  title_conflict_setup (f, &tc);

  /* The badge opens the resolution: who changed what and when */
  conflicts = open_conflict_window (&tc);
  who = assert_who_changed (f, &tc, conflicts);

  /* One button resolves, and no button lies on another, wide or narrow */
  assert_actions_apart (GTK_WIDGET (conflicts));
  gtk_window_set_default_size (GTK_WINDOW (conflicts), 360, 900);
  lotse_test_iterate_idle ();
  g_assert_true (lotse_test_wait_shown (GTK_WIDGET (conflicts)));
  assert_actions_apart (GTK_WIDGET (conflicts));

  /* Alt+Left goes back to the list, and Escape closes the window as any
   * dialog's, wherever the focus is, and decides nothing */
  lotse_test_click (who);
  lotse_test_press_key (GDK_KEY_Left, GDK_ALT_MASK);
  g_assert_true (wait_until ((Condition) gtk_widget_get_mapped, lotse_conflict_window_get_list (conflicts)));
  g_signal_emit_by_name (lotse_conflict_window_get_list (conflicts), "row-activated",
                         gtk_widget_get_first_child (GTK_WIDGET (lotse_conflict_window_get_list (conflicts))));
  lotse_conflict_window_edit (conflicts, "title", "Digitale Lehre – noch offen");
  gtk_widget_grab_focus (lotse_test_find_widget (GTK_WIDGET (conflicts), "GtkTextView", NULL));
  lotse_test_press_key (GDK_KEY_Escape, 0);
  g_assert_true (wait_until (conflict_window_gone, NULL));
  g_assert_cmpint (lotse_sync_engine_get_conflict_count (tc.db.engine), ==, 1);

  /* Again, resolved through its buttons: the form is left clean */
  conflicts = open_conflict_window (&tc);
  resolve_with_mine (&tc, conflicts);
  gtk_window_destroy (GTK_WINDOW (conflicts));
  assert_title_row_clean (&tc);

  g_signal_handlers_disconnect_by_data (tc.db.engine, &tc.db);
  gtk_window_destroy (GTK_WINDOW (tc.wb));
  lotse_sync_engine_release_for_store (f->b.store);
  g_free (tc.project);
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("LOTSE_CREDENTIALS", "file", TRUE);
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/ui/sync/line-diff", test_line_diff);
  g_test_add ("/ui/sync/connect-page", Fixture, NULL, fixture_setup, test_connect_page, fixture_teardown);
  g_test_add ("/ui/sync/connect-errors", Fixture, NULL, fixture_setup, test_connect_errors, fixture_teardown);
  g_test_add ("/ui/sync/revoked-token", Fixture, NULL, fixture_setup, test_revoked_token, fixture_teardown);
  g_test_add ("/ui/sync/unavailable", Fixture, NULL, fixture_setup, test_unavailable, fixture_teardown);
  g_test_add ("/ui/sync/self-signed", Fixture, NULL, fixture_setup, test_self_signed, fixture_teardown);
  g_test_add ("/ui/sync/window", Fixture, NULL, fixture_setup, test_window, fixture_teardown);
  g_test_add ("/ui/sync/cli-syncs-app-account", Fixture, NULL, fixture_setup, test_cli_syncs_app_account, fixture_teardown);
  g_test_add ("/ui/sync/settings-account", Fixture, NULL, fixture_setup, test_settings_account, fixture_teardown);
  g_test_add ("/ui/sync/edit-delete", Fixture, NULL, fixture_setup, test_edit_delete, fixture_teardown);
  g_test_add ("/ui/sync/conflict-resolution", Fixture, NULL, fixture_setup, test_conflict_resolution, fixture_teardown);
  g_test_add ("/ui/sync/conflict-buttons", Fixture, NULL, fixture_setup, test_conflict_buttons, fixture_teardown);
  g_test_add ("/ui/sync/badges", Fixture, NULL, fixture_setup, test_badges, fixture_teardown);
  g_test_add ("/ui/sync/badges-jourfixe", Fixture, NULL, fixture_setup, test_badges_jourfixe, fixture_teardown);
  g_test_add ("/ui/sync/conflict-window-office", Fixture, NULL, fixture_setup, test_conflict_window_office,
              fixture_teardown);

  return g_test_run ();
}
