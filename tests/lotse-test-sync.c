/* lotse-test-sync.c: sync clients over real stores for the sync suites
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "lotse-test-sync.h"

typedef struct
{
  gboolean      done;
  GAsyncResult *result;
} Wait;

static void
wait_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      data)
{
  Wait *wait = data;

  wait->result = g_object_ref (result);
  wait->done = TRUE;
}

static GAsyncResult *
run_until_done (Wait *wait)
{
  while (!wait->done)
    g_main_context_iteration (NULL, TRUE);

  return wait->result;
}

TestClient *
test_client_new (LotseTestServer *server,
                 const char      *dir,
                 const char      *name,
                 const char      *user,
                 const char      *password)
{
  TestClient *client = g_new0 (TestClient, 1);
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autofree char *file = g_strdup_printf ("%s.db", name);
  Wait wait = { FALSE, NULL };

  client->name = g_strdup (name);
  client->user = g_strdup (user);
  client->db = g_build_filename (dir, file, NULL);
  client->store = lotse_store_open (client->db, &error);
  g_assert_no_error (error);
  client->client = lotse_sync_client_new (client->store, lotse_test_server_get_url (server));

  if (password != NULL)
    {
      lotse_sync_client_login_async (client->client, user, password, name, NULL, wait_cb, &wait);
      result = run_until_done (&wait);
      client->token = lotse_sync_client_login_finish (client->client, result, &client->device_id, &error);
      g_assert_no_error (error);
      g_assert_nonnull (client->token);
      g_assert_nonnull (client->device_id);
    }

  return client;
}

void
test_client_free (TestClient *client)
{
  g_clear_object (&client->client);
  g_clear_object (&client->store);
  g_free (client->name);
  g_free (client->user);
  g_free (client->device_id);
  g_free (client->token);
  g_free (client->db);
  g_free (client);
}

/* A client keeps its token and device; only the address changes. */
void
test_client_retarget (TestClient      *client,
                      LotseTestServer *server)
{
  g_clear_object (&client->client);
  client->client = lotse_sync_client_new (client->store, lotse_test_server_get_url (server));
  lotse_sync_client_set_credentials (client->client, client->user, client->device_id, client->token);
}

GError *
test_client_sync_error (TestClient     *client,
                        LotseSyncStats *stats)
{
  g_autoptr(GAsyncResult) result = NULL;
  GError *error = NULL;
  Wait wait = { FALSE, NULL };
  LotseSyncStats ignored;

  lotse_sync_client_sync_async (client->client, FALSE, NULL, wait_cb, &wait);
  result = run_until_done (&wait);
  lotse_sync_client_sync_finish (client->client, result, stats ? stats : &ignored, &error);

  return error;
}

void
test_client_sync (TestClient     *client,
                  LotseSyncStats *stats)
{
  g_autoptr(GError) error = test_client_sync_error (client, stats);

  g_assert_no_error (error);
}

static void
apply_assignments (LotseRecord *record,
                   va_list      ap)
{
  const char *assignment;

  while ((assignment = va_arg (ap, const char *)) != NULL)
    {
      g_autoptr(GError) error = NULL;

      lotse_record_parse_assignment (record, assignment, &error);
      g_assert_no_error (error);
    }
}

char *
test_client_add (TestClient *client,
                 const char *table,
                 ...)
{
  g_autoptr(LotseRecord) record = lotse_record_new_for_table (table);
  g_autoptr(GError) error = NULL;
  va_list ap;

  va_start (ap, table);
  apply_assignments (record, ap);
  va_end (ap);

  lotse_store_insert (client->store, record, &error);
  g_assert_no_error (error);

  return g_strdup (lotse_record_get_id (record));
}

void
test_client_set (TestClient *client,
                 const char *table,
                 const char *id,
                 ...)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LotseRecord) record = lotse_store_get (client->store, table, id, &error);
  va_list ap;

  g_assert_no_error (error);

  va_start (ap, id);
  apply_assignments (record, ap);
  va_end (ap);

  lotse_store_update (client->store, record, &error);
  g_assert_no_error (error);
}

void
test_client_delete (TestClient *client,
                    const char *table,
                    const char *id)
{
  g_autoptr(GError) error = NULL;

  lotse_store_delete (client->store, table, id, &error);
  g_assert_no_error (error);
}

char *
test_client_get (TestClient *client,
                 const char *table,
                 const char *id,
                 const char *field)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LotseRecord) record = lotse_store_sync_get_row (client->store, table, id, &error);

  g_assert_no_error (error);
  if (record == NULL)
    return NULL;

  if (g_str_equal (field, "deleted"))
    return g_strdup (lotse_record_get_deleted (record) ? "1" : "0");
  if (g_str_equal (field, "rev"))
    return g_strdup_printf ("%" G_GINT64_FORMAT, lotse_record_get_rev (record));

  return g_strdup (lotse_record_get (record, field));
}

gint64
test_client_count (TestClient *client,
                   const char *sql)
{
  return lotse_test_query_int (client->db, sql);
}

typedef struct
{
  gboolean  done;
  char     *out;
  char     *err;
  GError   *error;
} Communicate;

static void
communicate_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      data)
{
  Communicate *communicate = data;

  g_subprocess_communicate_utf8_finish (G_SUBPROCESS (source), result, &communicate->out,
                                        &communicate->err, &communicate->error);
  communicate->done = TRUE;
}

LotseTestCliResult *
test_sync_cli (const char         *dir,
               const char         *input,
               const char * const *env,
               ...)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *data_home = g_build_filename (dir, "data-home", NULL);
  LotseTestCliResult *result = g_new0 (LotseTestCliResult, 1);
  Communicate communicate = { FALSE, NULL, NULL, NULL };
  const char *arg;
  va_list ap;

  g_assert_nonnull (g_getenv ("LOTSE_CLI"));
  g_ptr_array_add (argv, (gpointer)g_getenv ("LOTSE_CLI"));
  va_start (ap, env);
  while ((arg = va_arg (ap, const char *)) != NULL)
    g_ptr_array_add (argv, (gpointer)arg);
  va_end (ap);
  g_ptr_array_add (argv, NULL);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                        G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_subprocess_launcher_setenv (launcher, "XDG_DATA_HOME", data_home, TRUE);
  g_subprocess_launcher_setenv (launcher, "LOTSE_CREDENTIALS", "file", TRUE);
  g_subprocess_launcher_unsetenv (launcher, "LOTSE_SYNC_FAULT");
  for (guint i = 0; env != NULL && env[i] != NULL; i++)
    {
      g_auto(GStrv) pair = g_strsplit (env[i], "=", 2);

      g_subprocess_launcher_setenv (launcher, pair[0], pair[1], TRUE);
    }

  process = g_subprocess_launcher_spawnv (launcher, (const char * const *)argv->pdata, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8_async (process, input ? input : "", NULL, communicate_cb, &communicate);
  while (!communicate.done)
    g_main_context_iteration (NULL, TRUE);
  g_assert_no_error (communicate.error);
  g_subprocess_wait (process, NULL, &error);
  g_assert_no_error (error);

  if (g_subprocess_get_if_exited (process))
    result->status = g_subprocess_get_exit_status (process);
  else
    result->status = 128 + g_subprocess_get_term_sig (process);
  result->out = communicate.out;
  result->err = communicate.err;

  if (g_test_verbose ())
    g_test_message ("lotse-cli %s → %d\n%s%s", (char *)argv->pdata[1], result->status, result->out,
                    result->err);

  return result;
}

/* ---- a network monitor the test switches -------------------------- */

struct _TestMonitor
{
  GObject  parent_instance;
  gboolean available;
};

enum {
  MONITOR_PROP_0,
  MONITOR_PROP_AVAILABLE,
  MONITOR_PROP_METERED,
  MONITOR_PROP_CONNECTIVITY,
};

static void test_monitor_network_iface_init (GNetworkMonitorInterface *iface);
static void test_monitor_initable_iface_init (GInitableIface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (TestMonitor, test_monitor, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_INITABLE, test_monitor_initable_iface_init)
                               G_IMPLEMENT_INTERFACE (G_TYPE_NETWORK_MONITOR, test_monitor_network_iface_init))

static gboolean
test_monitor_initable_init (GInitable     *initable,
                            GCancellable  *cancellable,
                            GError       **error)
{
  return TRUE;
}

static void
test_monitor_initable_iface_init (GInitableIface *iface)
{
  iface->init = test_monitor_initable_init;
}

static gboolean
test_monitor_can_reach (GNetworkMonitor     *monitor,
                        GSocketConnectable  *connectable,
                        GCancellable        *cancellable,
                        GError             **error)
{
  return TEST_MONITOR (monitor)->available;
}

static void
test_monitor_network_iface_init (GNetworkMonitorInterface *iface)
{
  iface->can_reach = test_monitor_can_reach;
}

static void
test_monitor_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  TestMonitor *self = TEST_MONITOR (object);

  switch (prop_id)
    {
    case MONITOR_PROP_AVAILABLE:
      g_value_set_boolean (value, self->available);
      break;
    case MONITOR_PROP_METERED:
      g_value_set_boolean (value, FALSE);
      break;
    case MONITOR_PROP_CONNECTIVITY:
      g_value_set_enum (value, self->available ? G_NETWORK_CONNECTIVITY_FULL : G_NETWORK_CONNECTIVITY_LOCAL);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
test_monitor_class_init (TestMonitorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = test_monitor_get_property;
  g_object_class_override_property (object_class, MONITOR_PROP_AVAILABLE, "network-available");
  g_object_class_override_property (object_class, MONITOR_PROP_METERED, "network-metered");
  g_object_class_override_property (object_class, MONITOR_PROP_CONNECTIVITY, "connectivity");
}

static void
test_monitor_init (TestMonitor *self)
{
  self->available = TRUE;
}

void
test_monitor_set_available (TestMonitor *self,
                            gboolean     available)
{
  self->available = available;
  g_object_notify (G_OBJECT (self), "network-available");
  g_signal_emit_by_name (self, "network-changed", available);
}

/* ---- certificates ----------------------------------------------- */

gboolean
test_make_certificate (const char  *dir,
                       const char  *name,
                       char       **out_cert,
                       char       **out_key)
{
  g_autofree char *openssl = g_find_program_in_path ("openssl");
  g_autofree char *cert_name = g_strconcat (name, ".pem", NULL);
  g_autofree char *key_name = g_strconcat (name, ".key", NULL);
  g_autoptr(GError) error = NULL;
  int status = 0;

  if (openssl == NULL)
    return FALSE;

  *out_cert = g_build_filename (dir, cert_name, NULL);
  *out_key = g_build_filename (dir, key_name, NULL);
  {
    const char *argv[] = {
      openssl, "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
      "-nodes", "-days", "2", "-subj", "/CN=127.0.0.1/O=Programmbuero",
      "-addext", "subjectAltName=IP:127.0.0.1",
      "-keyout", *out_key, "-out", *out_cert, NULL
    };

    g_spawn_sync (NULL, (char **)argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL,
                  NULL, NULL, NULL, NULL, &status, &error);
  }
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));

  return TRUE;
}

char *
test_certificate_fingerprint (const char *cert)
{
  const char *argv[] = { "openssl", "x509", "-noout", "-fingerprint", "-sha256", "-in", cert, NULL };
  g_autofree char *out = NULL;
  g_autoptr(GError) error = NULL;
  const char *eq;

  g_spawn_sync (NULL, (char **)argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, NULL, NULL, &error);
  g_assert_no_error (error);
  eq = strchr (out, '=');
  g_assert_nonnull (eq);
  return g_strstrip (g_strdup (eq + 1));
}
