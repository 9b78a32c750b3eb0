/* lotse-credentials.c: where a device token is kept
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The token goes to the Secret Service (schema app.lotse.Lotse.Token,
 * attributes server_url and user) when one answers on the session bus;
 * otherwise, e.g. on a headless machine, to a file readable only by its
 * owner beside the database. LOTSE_CREDENTIALS=file|keyring forces one.
 * Never into SQLite or GSettings. The secret holds "DEVICE_ID TOKEN".
 */

#define G_LOG_DOMAIN "lotse-credentials"

#include "config.h"

#include <gio/gio.h>
#include <glib/gi18n-lib.h>
#include <libsecret/secret.h>

#include "lotse-credentials.h"

#define SECRET_TIMEOUT_S 10

static const SecretSchema *
token_schema (void)
{
  static const SecretSchema schema = {
    "app.lotse.Lotse.Token", SECRET_SCHEMA_NONE,
    {
      { "server_url", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { "user", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { NULL, 0 },
    },
    0, NULL, NULL, NULL, NULL, NULL, NULL, NULL
  };

  return &schema;
}

/**
 * lotse_credentials_file_path:
 *
 * Returns: (transfer full): `<database>.token`
 */
char *
lotse_credentials_file_path (const char *db_path)
{
  return g_strconcat (db_path, ".token", NULL);
}

static gboolean
keyring_available (void)
{
  const char *forced = g_getenv ("LOTSE_CREDENTIALS");
  g_autoptr(GDBusConnection) bus = NULL;
  g_autoptr(GVariant) reply = NULL;
  gboolean has_owner = FALSE;

  if (g_strcmp0 (forced, "file") == 0)
    return FALSE;
  if (g_strcmp0 (forced, "keyring") == 0)
    return TRUE;

  if (g_getenv ("DBUS_SESSION_BUS_ADDRESS") == NULL)
    return FALSE;

  bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, NULL);
  if (bus == NULL)
    return FALSE;

  /* Only a running service counts: activating one could ask to unlock a
   * keyring on a machine without anybody to answer. */
  reply = g_dbus_connection_call_sync (bus, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                                       "org.freedesktop.DBus", "NameHasOwner",
                                       g_variant_new ("(s)", "org.freedesktop.secrets"),
                                       G_VARIANT_TYPE ("(b)"), G_DBUS_CALL_FLAGS_NONE, 1000, NULL, NULL);
  if (reply != NULL)
    g_variant_get (reply, "(b)", &has_owner);

  return has_owner;
}

typedef struct
{
  gboolean  done;
  gboolean  ok;
  char     *password;
  GError   *error;
} SecretCall;

static void
store_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      data)
{
  SecretCall *call = data;

  call->ok = secret_password_store_finish (result, &call->error);
  call->done = TRUE;
}

static void
lookup_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      data)
{
  SecretCall *call = data;

  call->password = secret_password_lookup_finish (result, &call->error);
  call->ok = call->error == NULL;
  call->done = TRUE;
}

static gboolean
cancel_cb (gpointer data)
{
  g_cancellable_cancel (data);
  return G_SOURCE_REMOVE;
}

/* Runs a libsecret call on a private main context with a time limit, so
 * that a keyring waiting for an unlock prompt cannot hang the caller. */
static void
run_secret_call (SecretCall  *call,
                 gboolean     store,
                 const char  *server_url,
                 const char  *user,
                 const char  *label,
                 const char  *value)
{
  g_autoptr(GMainContext) context = g_main_context_new ();
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GSource) timeout = g_timeout_source_new_seconds (SECRET_TIMEOUT_S);

  g_main_context_push_thread_default (context);
  g_source_set_callback (timeout, cancel_cb, cancellable, NULL);
  g_source_attach (timeout, context);

  if (store)
    secret_password_store (token_schema (), SECRET_COLLECTION_DEFAULT, label, value, cancellable,
                           store_cb, call, "server_url", server_url, "user", user, NULL);
  else
    secret_password_lookup (token_schema (), cancellable, lookup_cb, call,
                            "server_url", server_url, "user", user, NULL);

  while (!call->done)
    g_main_context_iteration (context, TRUE);

  g_source_destroy (timeout);
  g_main_context_pop_thread_default (context);
}

static char *
group_name (const char *server_url,
            const char *user)
{
  return g_strdup_printf ("%s %s", user, server_url);
}

static GKeyFile *
load_file (const char  *path,
           GError     **error)
{
  g_autoptr(GKeyFile) file = g_key_file_new ();
  g_autoptr(GError) local_error = NULL;

  if (!g_key_file_load_from_file (file, path, G_KEY_FILE_NONE, &local_error) &&
      !g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
    {
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_FAILED,
                   _("Could not read the token file “%s”: %s"), path, local_error->message);
      return NULL;
    }

  return g_steal_pointer (&file);
}

static gboolean
split_secret (const char  *secret,
              char       **out_device_id,
              char       **out_token)
{
  g_auto(GStrv) parts = secret ? g_strsplit (secret, " ", 2) : NULL;

  if (parts == NULL || parts[0] == NULL || parts[1] == NULL || *parts[1] == '\0')
    return FALSE;

  *out_device_id = g_strdup (parts[0]);
  *out_token = g_strdup (parts[1]);
  return TRUE;
}

/**
 * lotse_credentials_lookup:
 * @db_path: the database the token belongs to
 * @server_url: the server
 * @user: the account
 * @out_device_id: (out): the device id
 * @out_token: (out): the token
 * @out_backend: (out) (optional): where it was found
 * @error: a location for a #GError
 *
 * Returns: %TRUE if a token was found; %FALSE without @error if none is
 *   stored
 */
gboolean
lotse_credentials_lookup (const char               *db_path,
                          const char               *server_url,
                          const char               *user,
                          char                    **out_device_id,
                          char                    **out_token,
                          LotseCredentialsBackend  *out_backend,
                          GError                  **error)
{
  g_autofree char *path = lotse_credentials_file_path (db_path);
  g_autofree char *group = group_name (server_url, user);
  g_autofree char *device_id = NULL;
  g_autofree char *token = NULL;
  g_autoptr(GKeyFile) file = NULL;

  if (keyring_available ())
    {
      SecretCall call = { 0, };

      run_secret_call (&call, FALSE, server_url, user, NULL, NULL);
      if (call.ok && split_secret (call.password, out_device_id, out_token))
        {
          if (out_backend != NULL)
            *out_backend = LOTSE_CREDENTIALS_KEYRING;
          secret_password_free (call.password);
          return TRUE;
        }

      if (call.error != NULL)
        g_debug ("No token from the Secret Service: %s", call.error->message);
      g_clear_error (&call.error);
      secret_password_free (call.password);
    }

  file = load_file (path, error);
  if (file == NULL)
    return FALSE;

  device_id = g_key_file_get_string (file, group, "device_id", NULL);
  token = g_key_file_get_string (file, group, "token", NULL);
  if (device_id == NULL || token == NULL)
    return FALSE;

  *out_device_id = g_steal_pointer (&device_id);
  *out_token = g_steal_pointer (&token);
  if (out_backend != NULL)
    *out_backend = LOTSE_CREDENTIALS_FILE;

  return TRUE;
}

static gboolean
store_in_file (const char  *path,
               const char  *group,
               const char  *device_id,
               const char  *token,
               GError     **error)
{
  g_autoptr(GKeyFile) file = load_file (path, error);
  g_autofree char *data = NULL;
  gsize length = 0;

  if (file == NULL)
    return FALSE;

  if (device_id != NULL)
    {
      g_key_file_set_string (file, group, "device_id", device_id);
      g_key_file_set_string (file, group, "token", token);
    }
  else
    {
      g_key_file_remove_group (file, group, NULL);
    }

  data = g_key_file_to_data (file, &length, NULL);

  return g_file_set_contents_full (path, data, length, G_FILE_SET_CONTENTS_CONSISTENT, 0600, error);
}

/**
 * lotse_credentials_store:
 * @out_backend: (out) (optional): where the token went
 *
 * Keeps the token in the keyring if one answers, else in the token file.
 */
gboolean
lotse_credentials_store (const char               *db_path,
                         const char               *server_url,
                         const char               *user,
                         const char               *device_id,
                         const char               *token,
                         LotseCredentialsBackend  *out_backend,
                         GError                  **error)
{
  g_autofree char *path = lotse_credentials_file_path (db_path);
  g_autofree char *group = group_name (server_url, user);

  if (keyring_available ())
    {
      /* Translators: the label of the device token in the keyring; %s are a user and a server */
      g_autofree char *label = g_strdup_printf (_("Lotse device token for %s on %s"), user, server_url);
      g_autofree char *value = g_strdup_printf ("%s %s", device_id, token);
      SecretCall call = { 0, };

      run_secret_call (&call, TRUE, server_url, user, label, value);
      if (call.ok)
        {
          if (out_backend != NULL)
            *out_backend = LOTSE_CREDENTIALS_KEYRING;
          /* An older token of the same account in the file is stale now. */
          if (g_file_test (path, G_FILE_TEST_EXISTS))
            store_in_file (path, group, NULL, NULL, NULL);
          return TRUE;
        }

      g_message ("Could not store the token in the Secret Service (%s); using %s",
                 call.error ? call.error->message : "?", path);
      g_clear_error (&call.error);
    }

  if (!store_in_file (path, group, device_id, token, error))
    return FALSE;

  if (out_backend != NULL)
    *out_backend = LOTSE_CREDENTIALS_FILE;

  return TRUE;
}

/**
 * lotse_credentials_forget:
 *
 * Removes a stored token from both places.
 */
gboolean
lotse_credentials_forget (const char  *db_path,
                          const char  *server_url,
                          const char  *user,
                          GError     **error)
{
  g_autofree char *path = lotse_credentials_file_path (db_path);
  g_autofree char *group = group_name (server_url, user);

  if (keyring_available ())
    secret_password_clear_sync (token_schema (), NULL, NULL, "server_url", server_url, "user", user, NULL);

  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    return TRUE;

  return store_in_file (path, group, NULL, NULL, error);
}
