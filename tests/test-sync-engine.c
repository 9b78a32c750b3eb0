/* test-sync-engine.c: the sync engine against a real lotse-server
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The engine without any window: when cycles run (after a change, when
 * the network comes back, on demand, never two at once), the account in
 * the database, and deciding conflicts. Each test starts lotse-server on
 * a loopback port and opens two stores on temp files; device tokens go to
 * the 0600 file (LOTSE_CREDENTIALS=file).
 */

#include "config.h"

#include <string.h>

#include "lotse-test-sync.h"

#define WAIT_USEC (60 * G_USEC_PER_SEC)
#define DEBOUNCE_USEC (2 * G_USEC_PER_SEC)  /* lotse-sync-engine.c */

typedef struct
{
  LotseStore      *store;
  char            *dir;
  LotseSyncEngine *engine;
  TestMonitor     *monitor;
  guint            cycles;
  guint            started;    /* cycles begun: busy went on */
  gint64           started_at; /* when the last one began (monotonic) */
  gboolean         last_ok;
} Device;

typedef struct
{
  LotseTestServer *server;
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
busy_cb (LotseSyncEngine *engine,
         GParamSpec      *pspec,
         Device          *device)
{
  if (!lotse_sync_engine_get_busy (engine))
    return;

  device->started++;
  device->started_at = g_get_monotonic_time ();
}

static void
watch_engine (Device *device)
{
  g_signal_connect (device->engine, "cycle-finished", G_CALLBACK (cycle_finished_cb), device);
  g_signal_connect (device->engine, "notify::busy", G_CALLBACK (busy_cb), device);
}

static void
device_open (Device *device)
{
  device->store = lotse_test_open_store (&device->dir);
  device->monitor = g_object_new (TEST_TYPE_MONITOR, NULL);
  device->engine = lotse_sync_engine_new (device->store, G_NETWORK_MONITOR (device->monitor));
  watch_engine (device);
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

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  f->server = lotse_test_server_new ();
  lotse_test_server_add_user (f->server, "anna", "editor", "Geheim-2026");
  lotse_test_server_start (f->server, NULL, NULL);
  device_open (&f->a);
  device_open (&f->b);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  device_close (&f->a);
  device_close (&f->b);
  lotse_test_server_stop (f->server);
  g_clear_pointer (&f->server, lotse_test_server_free);
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

static gboolean
result_set (gpointer data)
{
  return *(GAsyncResult **)data != NULL;
}

static void
store_result_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      data)
{
  *(GAsyncResult **)data = g_object_ref (result);
}

/* Connects a device and waits for the first sync, which the connect
 * starts. */
static void
connect_device (Fixture *f,
                Device  *device)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  guint before = device->cycles;

  lotse_sync_engine_connect_async (device->engine, lotse_test_server_get_url (f->server),
                                   "anna", "Geheim-2026", NULL, store_result_cb, &result);
  g_assert_true (wait_until (result_set, &result));
  g_assert_true (lotse_sync_engine_connect_finish (device->engine, result, &error));
  g_assert_no_error (error);
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

/* ---- moved from test-ui-sync with the engine ---------------------- */

/* The server goes away after the account was set up: offline, not an error. */
static void
test_unreachable (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *id = NULL;

  lotse_sync_engine_set_automatic (f->b.engine, FALSE);
  connect_device (f, &f->b);
  id = lotse_test_insert (f->b.store, "article", "title=Auch warten", NULL);

  lotse_test_server_stop (f->server);
  sync_device (&f->b);
  g_assert_false (f->b.last_ok);
  g_assert_cmpint (lotse_sync_engine_get_state (f->b.engine), ==, LOTSE_SYNC_STATE_OFFLINE);
  g_assert_nonnull (strstr (lotse_sync_engine_get_last_error (f->b.engine), "could not be reached"));
  g_assert_cmpint (lotse_store_count_outbox (f->b.store), ==, 1);

  lotse_test_server_start (f->server, NULL, NULL);
}

static void
test_offline_online (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *id = NULL;
  guint before;

  connect_device (f, &f->a);
  test_monitor_set_available (f->a.monitor, FALSE);
  g_assert_cmpint (lotse_sync_engine_get_state (f->a.engine), ==, LOTSE_SYNC_STATE_OFFLINE);

  before = f->a.cycles;
  id = lotse_test_insert (f->a.store, "article", "title=Unterwegs geschrieben", NULL);
  g_assert_cmpint (lotse_sync_engine_get_outbox_count (f->a.engine), ==, 1);
  /* Offline is normal: no cycle, no error */
  g_assert_cmpint (lotse_sync_engine_get_state (f->a.engine), ==, LOTSE_SYNC_STATE_OFFLINE);
  g_assert_null (lotse_sync_engine_get_last_error (f->a.engine));

  test_monitor_set_available (f->a.monitor, TRUE);
  g_assert_true (lotse_sync_engine_get_busy (f->a.engine));
  g_assert_true (wait_cycle (&f->a, before));
  g_assert_true (f->a.last_ok);
  g_assert_cmpint (lotse_store_count_outbox (f->a.store), ==, 0);
  g_assert_cmpint (lotse_sync_engine_get_state (f->a.engine), ==, LOTSE_SYNC_STATE_SYNCED);

  /* Never two cycles at once: a second request waits for the first */
  set_field (&f->a, "article", id, "title", "Zweimal");
  before = f->a.cycles;
  lotse_sync_engine_sync_now (f->a.engine);
  lotse_sync_engine_sync_now (f->a.engine);
  g_assert_true (wait_cycle (&f->a, before));
  g_assert_true (f->a.last_ok);
  g_assert_true (wait_cycle (&f->a, before + 1));
  g_assert_true (f->a.last_ok);
}

/* Quitting during a sync: the cycle stops at once, the outbox stays, and
 * the next start sends it. */
static void
test_cancel (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(LotseSyncEngine) again = NULL;
  g_autofree char *id = NULL;
  guint before;

  lotse_sync_engine_set_automatic (f->a.engine, FALSE);
  connect_device (f, &f->a);
  id = lotse_test_insert (f->a.store, "article", "title=Kurz vor Feierabend", NULL);

  before = f->a.cycles;
  lotse_sync_engine_sync_now (f->a.engine);
  g_assert_true (lotse_sync_engine_get_busy (f->a.engine));
  lotse_sync_engine_shutdown (f->a.engine);
  g_assert_true (wait_cycle (&f->a, before));
  g_assert_false (f->a.last_ok);
  g_assert_false (lotse_sync_engine_get_busy (f->a.engine));
  g_assert_null (lotse_sync_engine_get_last_error (f->a.engine));
  g_assert_cmpint (lotse_store_count_outbox (f->a.store), ==, 1);

  /* The next start: the account is found again (database + token file) */
  g_clear_object (&f->a.engine);
  again = lotse_sync_engine_new (f->a.store, G_NETWORK_MONITOR (f->a.monitor));
  g_assert_true (lotse_sync_engine_get_connected (again));
  f->a.engine = g_object_ref (again);
  watch_engine (&f->a);
  sync_device (&f->a);
  g_assert_true (f->a.last_ok);
  g_assert_cmpint (lotse_store_count_outbox (f->a.store), ==, 0);
}

/* ---- scheduling --------------------------------------------------- */

/* Changes in quick succession start one cycle, DEBOUNCE after the last,
 * which sends them all. */
static void
test_debounce (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autofree char *third = NULL;
  gint64 changed_at;
  guint started;
  guint before;

  connect_device (f, &f->a);
  g_assert_true (lotse_sync_engine_get_automatic (f->a.engine));
  started = f->a.started;
  before = f->a.cycles;

  first = lotse_test_insert (f->a.store, "article", "title=Erste Notiz", NULL);
  second = lotse_test_insert (f->a.store, "article", "title=Zweite Notiz", NULL);
  third = lotse_test_insert (f->a.store, "organisation", "name=Kreis Lippe", NULL);
  changed_at = g_get_monotonic_time ();
  g_assert_cmpint (lotse_sync_engine_get_outbox_count (f->a.engine), ==, 3);
  /* Not at once: the person may go on typing */
  g_assert_false (lotse_sync_engine_get_busy (f->a.engine));
  g_assert_cmpint (lotse_sync_engine_get_state (f->a.engine), ==, LOTSE_SYNC_STATE_PENDING);

  g_assert_true (wait_cycle (&f->a, before));
  g_assert_true (f->a.last_ok);
  g_assert_cmpuint (f->a.started, ==, started + 1);
  g_assert_cmpint (f->a.started_at - changed_at, >=, DEBOUNCE_USEC - G_USEC_PER_SEC / 10);
  g_assert_cmpint (lotse_store_count_outbox (f->a.store), ==, 0);

  /* The other device gets all three with one sync */
  connect_device (f, &f->b);
  g_assert_cmpint (lotse_test_query_int (lotse_store_get_path (f->b.store),
                                         "SELECT count(*) FROM article"), ==, 2);
  g_assert_cmpint (lotse_test_query_int (lotse_store_get_path (f->b.store),
                                         "SELECT count(*) FROM organisation"), ==, 1);
}

typedef struct
{
  Device     *device;
  gboolean    done;
} EditOnPull;

/* Edits on the first row a pull writes, after the cycle sent the outbox */
static void
edit_on_pull_cb (LotseStore *store,
                 const char *table,
                 const char *id,
                 EditOnPull *edit)
{
  if (edit->done || !lotse_sync_engine_get_busy (edit->device->engine) || g_strcmp0 (table, "project") != 0)
    return;

  edit->done = TRUE;
  g_free (lotse_test_insert (store, "article", "title=Während des Abgleichs", NULL));
}

/* A change made while a cycle pulls is sent by a cycle of its own after
 * the debounce, not left for the five-minute timer. */
static void
test_change_during_cycle (Fixture       *f,
                          gconstpointer  data)
{
  g_autofree char *project = NULL;
  EditOnPull edit = { &f->a, FALSE };
  gulong handler;
  guint before;

  connect_device (f, &f->a);
  lotse_sync_engine_set_automatic (f->b.engine, FALSE);
  connect_device (f, &f->b);
  project = lotse_test_insert (f->b.store, "project", "title=Digitale Lehre", NULL);
  sync_device (&f->b);

  handler = g_signal_connect (f->a.store, "changed", G_CALLBACK (edit_on_pull_cb), &edit);
  before = f->a.cycles;
  lotse_sync_engine_sync_now (f->a.engine);
  g_assert_true (wait_cycle (&f->a, before));
  g_signal_handler_disconnect (f->a.store, handler);
  g_assert_true (edit.done);
  g_assert_true (f->a.last_ok);
  g_assert_cmpint (lotse_store_count_outbox (f->a.store), ==, 1);

  /* One more cycle, by itself */
  g_assert_true (wait_cycle (&f->a, before + 1));
  g_assert_true (f->a.last_ok);
  g_assert_cmpint (lotse_store_count_outbox (f->a.store), ==, 0);
  sync_device (&f->b);
  g_assert_cmpint (lotse_test_query_int (lotse_store_get_path (f->b.store),
                                         "SELECT count(*) FROM article"), ==, 1);
}

/* Asked for while one runs: sync_async() joins the running cycle, and
 * sync_now() runs one more after it; none of them fails as "busy". */
static void
test_one_at_a_time (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GAsyncResult) first = NULL;
  g_autoptr(GAsyncResult) second = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;
  LotseSyncStats stats1 = { 0, };
  LotseSyncStats stats2 = { 0, };
  guint started;
  guint before;

  lotse_sync_engine_set_automatic (f->a.engine, FALSE);
  connect_device (f, &f->a);
  id = lotse_test_insert (f->a.store, "article", "title=Einmal senden", NULL);
  started = f->a.started;
  before = f->a.cycles;

  lotse_sync_engine_sync_async (f->a.engine, NULL, store_result_cb, &first);
  g_assert_true (lotse_sync_engine_get_busy (f->a.engine));
  lotse_sync_engine_sync_async (f->a.engine, NULL, store_result_cb, &second);
  lotse_sync_engine_sync_now (f->a.engine);
  g_assert_cmpuint (f->a.started, ==, started + 1);

  g_assert_true (wait_until (result_set, &first));
  g_assert_true (wait_until (result_set, &second));
  g_assert_true (lotse_sync_engine_sync_finish (f->a.engine, first, &stats1, &error));
  g_assert_no_error (error);
  g_assert_true (lotse_sync_engine_sync_finish (f->a.engine, second, &stats2, &error));
  g_assert_no_error (error);
  /* The same cycle: the change was sent once */
  g_assert_cmpuint (stats1.pushed, ==, 1);
  g_assert_cmpuint (stats2.pushed, ==, 1);

  g_assert_true (wait_cycle (&f->a, before + 1));
  g_assert_true (f->a.last_ok);
  g_assert_cmpuint (f->a.started, ==, started + 2);
  g_assert_cmpuint (f->a.cycles, ==, before + 2);
}

/* ---- the account -------------------------------------------------- */

/* The account is a row of the database: another engine on the same
 * database syncs it; bad input and a missing token change nothing. */
static void
test_account (Fixture       *f,
              gconstpointer  data)
{
  const char *url = lotse_test_server_get_url (f->server);
  g_autofree char *with_slash = g_strconcat ("  ", url, "/ ", NULL);
  g_autoptr(LotseSyncEngine) other = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *stored = NULL;
  g_autofree char *expected = g_strdup_printf ("%s anna -", url);
  const char *db = lotse_store_get_path (f->a.store);

  g_assert_null (lotse_sync_engine_get_server_url (f->a.engine));
  g_assert_false (lotse_sync_engine_use_account (f->a.engine, "ftp://lotse.example.org", "anna", NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  g_assert_false (lotse_sync_engine_use_account (f->a.engine, url, "anna", NULL, &error));
  g_assert_error (error, LOTSE_SYNC_ENGINE_ERROR, LOTSE_SYNC_ENGINE_ERROR_NOT_LOGGED_IN);
  g_clear_error (&error);
  g_assert_cmpint (lotse_test_query_int (db, "SELECT count(*) FROM sync_account"), ==, 0);

  connect_device (f, &f->a);
  stored = lotse_test_query_text (db, "SELECT server_url || ' ' || user_name || ' ' || ifnull (fingerprint, '-')"
                                      " FROM sync_account");
  g_assert_cmpstr (stored, ==, expected);

  /* One normalize_url: spaces and a trailing slash name the same server */
  other = lotse_sync_engine_new (f->a.store, G_NETWORK_MONITOR (f->a.monitor));
  g_assert_true (lotse_sync_engine_get_connected (other));
  g_assert_cmpstr (lotse_sync_engine_get_server_url (other), ==, url);
  g_assert_true (lotse_sync_engine_use_account (other, with_slash, "anna", NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (lotse_sync_engine_get_server_url (other), ==, url);
  g_assert_cmpint (lotse_test_query_int (db, "SELECT count(*) FROM sync_account"), ==, 1);
  g_clear_object (&other);

  /* Without its token the account is still the database's, not connected
   * and with no "last synced" beside "not connected" */
  g_assert_true (lotse_credentials_forget (db, url, "anna", &error));
  g_assert_no_error (error);
  other = lotse_sync_engine_new (f->a.store, G_NETWORK_MONITOR (f->a.monitor));
  g_assert_false (lotse_sync_engine_get_connected (other));
  g_assert_cmpint (lotse_sync_engine_get_state (other), ==, LOTSE_SYNC_STATE_DISCONNECTED);
  g_assert_cmpstr (lotse_sync_engine_get_server_url (other), ==, url);
  g_assert_cmpstr (lotse_sync_engine_get_user (other), ==, "anna");
  g_assert_null (lotse_sync_engine_get_last_success (other));
}

/* ---- deciding conflicts -------------------------------------------- */

/* Values the person wrote go through the field's rules: a wrong one or an
 * empty required one is refused and nothing changes; a good one is an
 * ordinary edit that reaches the other device. */
static void
test_resolve_values (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GHashTable) values = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;
  g_autofree char *conflict_id = NULL;
  g_autofree char *title = NULL;
  const char *db = lotse_store_get_path (f->b.store);

  lotse_sync_engine_set_automatic (f->a.engine, FALSE);
  lotse_sync_engine_set_automatic (f->b.engine, FALSE);
  connect_device (f, &f->a);
  connect_device (f, &f->b);
  id = lotse_test_insert (f->a.store, "project", "title=OWL 4.0", NULL);
  sync_device (&f->a);
  sync_device (&f->b);
  set_field (&f->a, "project", id, "title", "OWL 4.0 – Anna");
  set_field (&f->b, "project", id, "title", "OWL 4.0 – Ben");
  sync_device (&f->a);
  sync_device (&f->b);
  g_assert_cmpint (lotse_sync_engine_get_conflict_count (f->b.engine), ==, 1);
  conflict_id = g_strdup (lotse_sync_engine_find_conflict (f->b.engine, "project", id));
  g_assert_nonnull (conflict_id);

  g_hash_table_insert (values, (gpointer)"title", NULL);
  g_assert_false (lotse_sync_engine_resolve_values (f->b.engine, conflict_id, values, &error));
  g_assert_error (error, LOTSE_ERROR, LOTSE_ERROR_INVALID_VALUE);
  g_clear_error (&error);
  g_assert_cmpint (lotse_store_count_outbox (f->b.store), ==, 0);
  g_assert_cmpint (lotse_sync_engine_get_conflict_count (f->b.engine), ==, 1);
  g_assert_false (lotse_sync_engine_resolve_values (f->b.engine, "no such conflict", values, &error));
  g_assert_error (error, LOTSE_ERROR, LOTSE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  g_hash_table_insert (values, (gpointer)"title", (gpointer)"OWL 4.0 – Anna und Ben");
  g_assert_true (lotse_sync_engine_resolve_values (f->b.engine, conflict_id, values, &error));
  g_assert_no_error (error);
  g_assert_cmpint (lotse_sync_engine_get_conflict_count (f->b.engine), ==, 0);
  g_assert_cmpint (lotse_test_query_int (db, "SELECT count(*) FROM conflicts WHERE resolution = 'mine'"), ==, 1);
  g_assert_false (lotse_sync_engine_resolve_values (f->b.engine, conflict_id, values, &error));
  g_assert_error (error, LOTSE_ERROR, LOTSE_ERROR_INVALID_VALUE);

  sync_device (&f->b);
  g_assert_true (f->b.last_ok);
  sync_device (&f->a);
  title = lotse_test_query_text (lotse_store_get_path (f->a.store),
                                 "SELECT title FROM project");
  g_assert_cmpstr (title, ==, "OWL 4.0 – Anna und Ben");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)

  ADD ("/sync/engine/unreachable", test_unreachable);
  ADD ("/sync/engine/offline-online", test_offline_online);
  ADD ("/sync/engine/cancel", test_cancel);
  ADD ("/sync/engine/debounce", test_debounce);
  ADD ("/sync/engine/change-during-cycle", test_change_during_cycle);
  ADD ("/sync/engine/one-at-a-time", test_one_at_a_time);
  ADD ("/sync/engine/account", test_account);
  ADD ("/sync/engine/resolve-values", test_resolve_values);

  return g_test_run ();
}
