/* lotse-sync-engine-account.c: the account an engine syncs, signing in and
 * out, and the server's certificate
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The account (server address, user name, pinned certificate) is a row of
 * the database, sync_account (migrations/008-sync-account.sql), not a
 * setting of the app: lotse-cli cannot count on the app's GSettings schema
 * being installed, and it must sync the account the app set up, and the
 * other way round. The account belongs to the database anyway, like its
 * outbox, cursor and conflicts. The device token stays with
 * lotse-credentials (the keyring or a 0600 file), never in the database.
 *
 * An https server whose certificate the system does not trust (an office's
 * self-signed one) is trusted on first use: before a password goes
 * anywhere, the certificate is put to whoever listens to
 * ::accept-certificate; once accepted, its SHA-256 fingerprint is pinned
 * (lotse-sync-trust.c) and kept with the account. Another certificate
 * later is refused the same way: nothing goes to a server that may be
 * another one.
 */

#define G_LOG_DOMAIN "lotse-sync-engine"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <libsoup/soup.h>
#include <string.h>

#include "lotse-credentials.h"
#include "lotse-store-private.h"
#include "lotse-sync-engine-private.h"
#include "lotse-sync-trust.h"

#define LOGOUT_TIMEOUT_S 15

typedef struct
{
  char *server_url;
  char *user;
  char *fingerprint;
} Account;

static void
account_clear (Account *account)
{
  g_clear_pointer (&account->server_url, g_free);
  g_clear_pointer (&account->user, g_free);
  g_clear_pointer (&account->fingerprint, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Account, account_clear)

/* ---- the row ------------------------------------------------------ */

static gboolean
account_load (LotseStore  *store,
              Account     *account,
              GError     **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = lotse_store_prepare_cached (store, "SELECT server_url, user_name, fingerprint FROM sync_account"
                                     " WHERE id = 1", error);
  if (stmt == NULL)
    return FALSE;

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      account->server_url = g_strdup ((const char *)sqlite3_column_text (stmt, 0));
      account->user = g_strdup ((const char *)sqlite3_column_text (stmt, 1));
      account->fingerprint = g_strdup ((const char *)sqlite3_column_text (stmt, 2));
    }
  else if (rc != SQLITE_DONE)
    lotse_store_set_sqlite_error (store, error, "reading the sync account");

  sqlite3_reset (stmt);
  return rc == SQLITE_ROW;
}

/* Writes the account, or removes it when @server_url is NULL. */
static gboolean
account_save (LotseStore  *store,
              const char  *server_url,
              const char  *user,
              const char  *fingerprint,
              GError     **error)
{
  sqlite3_stmt *stmt;
  gboolean ok;

  if (!lotse_store_begin (store, error))
    return FALSE;

  if (server_url != NULL)
    stmt = lotse_store_prepare_cached (store, "INSERT INTO sync_account (id, server_url, user_name, fingerprint)"
                                       " VALUES (1, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET"
                                       " server_url = excluded.server_url, user_name = excluded.user_name,"
                                       " fingerprint = excluded.fingerprint", error);
  else
    stmt = lotse_store_prepare_cached (store, "DELETE FROM sync_account", error);

  if (stmt != NULL && server_url != NULL)
    {
      lotse_store_bind_text (stmt, 1, server_url);
      lotse_store_bind_text (stmt, 2, user);
      lotse_store_bind_text (stmt, 3, fingerprint);
    }
  ok = stmt != NULL && sqlite3_step (stmt) == SQLITE_DONE;
  if (stmt != NULL && !ok)
    lotse_store_set_sqlite_error (store, error, "saving the sync account");
  if (stmt != NULL)
    sqlite3_reset (stmt);

  if (!ok || !lotse_store_commit (store, error))
    {
      lotse_store_rollback (store);
      return FALSE;
    }

  return TRUE;
}

/* A client for the account when this device holds its token; NULL (and
 * no error) when it does not. */
static LotseSyncClient *
client_for (LotseSyncEngine  *self,
            const char       *server_url,
            const char       *user,
            GError          **error)
{
  g_autofree char *device_id = NULL;
  g_autofree char *token = NULL;
  LotseSyncClient *client;
  const char *path = lotse_store_get_path (self->store);

  if (path == NULL ||
      !lotse_credentials_lookup (path, server_url, user, &device_id, &token, NULL, error))
    return NULL;

  client = lotse_sync_client_new (self->store, server_url);
  lotse_sync_client_set_credentials (client, user, device_id, token);
  return client;
}

void
lotse_sync_engine_load_account (LotseSyncEngine *self)
{
  g_auto(Account) account = { 0, };
  g_autoptr(LotseSyncClient) client = NULL;
  g_autoptr(GError) error = NULL;

  if (!account_load (self->store, &account, &error))
    {
      if (error != NULL)
        g_warning ("Could not read the sync account: %s", error->message);
      return;
    }

  if (account.fingerprint != NULL)
    lotse_sync_trust_pin (account.server_url, account.fingerprint);

  client = client_for (self, account.server_url, account.user, &error);
  if (error != NULL)
    g_message ("Could not read the device token: %s", error->message);

  lotse_sync_engine_take_account (self, client, account.server_url, account.user, account.fingerprint);
}

/**
 * lotse_sync_engine_use_account:
 * @server_url: the server
 * @user: the account name
 * @fingerprint: (nullable): the SHA-256 fingerprint of a certificate
 *   trusted for the server; %NULL keeps the one of the current account if
 *   it is on the same server
 * @error: a location for a #GError
 *
 * Makes the database sync with an account this device logged in to
 * before, i.e. holds a device token for (lotse-cli's --server and --user,
 * or an account an older Lotse kept in the app's settings).
 *
 * Returns: %TRUE if the account is in use now
 */
gboolean
lotse_sync_engine_use_account (LotseSyncEngine  *self,
                               const char       *server_url,
                               const char       *user,
                               const char       *fingerprint,
                               GError          **error)
{
  g_autofree char *url = NULL;
  g_autofree char *name = NULL;
  g_autofree char *pin = NULL;
  g_autoptr(LotseSyncClient) client = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (LOTSE_IS_SYNC_ENGINE (self), FALSE);

  url = lotse_sync_normalize_url (server_url, error);
  if (url == NULL)
    return FALSE;
  name = g_strstrip (g_strdup (user ? user : ""));
  if (*name == '\0')
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, _("Enter your user name."));
      return FALSE;
    }

  client = client_for (self, url, name, &local_error);
  if (client == NULL)
    {
      if (local_error != NULL)
        g_propagate_error (error, g_steal_pointer (&local_error));
      else
        /* Translators: %s are a user name and a server address */
        g_set_error (error, LOTSE_SYNC_ENGINE_ERROR, LOTSE_SYNC_ENGINE_ERROR_NOT_LOGGED_IN,
                     _("This device is not logged in as %s on %s."), name, url);
      return FALSE;
    }

  pin = g_strdup (fingerprint ? fingerprint
                              : g_strcmp0 (url, self->server_url) == 0 ? self->fingerprint : NULL);
  if (!account_save (self->store, url, name, pin, error))
    return FALSE;

  if (pin != NULL)
    lotse_sync_trust_pin (url, pin);
  lotse_sync_engine_take_account (self, client, url, name, pin);
  return TRUE;
}

/* ---- certificates ------------------------------------------------- */

gboolean
lotse_sync_engine_get_untrusted_certificate (LotseSyncEngine  *self,
                                             char            **out_url,
                                             char            **out_fingerprint,
                                             char            **out_subject,
                                             char            **out_issuer)
{
  g_return_val_if_fail (LOTSE_IS_SYNC_ENGINE (self), FALSE);

  if (self->untrusted == NULL)
    return FALSE;

  if (out_url != NULL)
    *out_url = g_strdup (self->untrusted_url);
  if (out_fingerprint != NULL)
    *out_fingerprint = lotse_sync_trust_fingerprint (self->untrusted);
  if (out_subject != NULL)
    *out_subject = g_tls_certificate_get_subject_name (self->untrusted);
  if (out_issuer != NULL)
    *out_issuer = g_tls_certificate_get_issuer_name (self->untrusted);

  return TRUE;
}

/**
 * lotse_sync_engine_trust_certificate:
 * @server_url: the server
 * @fingerprint: the SHA-256 fingerprint the person compared
 *
 * Pins @fingerprint for @server_url: kept with the account when it is the
 * account's server, else with the account the next connect makes.
 */
void
lotse_sync_engine_trust_certificate (LotseSyncEngine *self,
                                     const char      *server_url,
                                     const char      *fingerprint)
{
  g_autoptr(GError) error = NULL;

  g_return_if_fail (LOTSE_IS_SYNC_ENGINE (self));
  g_return_if_fail (server_url != NULL && fingerprint != NULL);

  lotse_sync_trust_pin (server_url, fingerprint);

  if (g_strcmp0 (server_url, self->server_url) == 0 && g_strcmp0 (fingerprint, self->fingerprint) != 0)
    {
      if (account_save (self->store, self->server_url, self->user, fingerprint, &error))
        lotse_sync_engine_take_account (self, self->client, self->server_url, self->user, fingerprint);
      else
        g_warning ("Could not keep the trusted certificate: %s", error->message);
    }

  g_clear_object (&self->untrusted);
  g_clear_pointer (&self->untrusted_url, g_free);
}

/* ---- connect ------------------------------------------------------ */

typedef struct
{
  LotseSyncClient *client;
  SoupSession     *session;
  char            *url;
  char            *user;
  char            *password;
} ConnectData;

static void
connect_data_free (ConnectData *data)
{
  g_clear_object (&data->client);
  g_clear_object (&data->session);
  g_free (data->url);
  g_free (data->user);
  if (data->password != NULL)
    memset (data->password, 0, strlen (data->password));
  g_free (data->password);
  g_free (data);
}

static void
login_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  LotseSyncEngine *self = g_task_get_source_object (task);
  ConnectData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autofree char *device_id = NULL;
  g_autofree char *token = NULL;
  g_autofree char *pin = NULL;

  token = lotse_sync_client_login_finish (LOTSE_SYNC_CLIENT (source), result, &device_id, &error);
  if (token == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  /* The certificate trusted for the address now, or none if the system
   * trusts it. */
  pin = lotse_sync_trust_lookup (data->url);
  if (!lotse_credentials_store (lotse_store_get_path (self->store), data->url, data->user,
                                device_id, token, NULL, &error) ||
      !account_save (self->store, data->url, data->user, pin, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  lotse_sync_engine_set_last_error (self, NULL);
  lotse_sync_engine_take_account (self, data->client, data->url, data->user, pin);
  /* Running before the caller hears of it: a sync asked for next joins it. */
  lotse_sync_engine_start_cycle (self);
  g_task_return_boolean (task, TRUE);
}

static void
probe_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  LotseSyncEngine *self = g_task_get_source_object (task);
  ConnectData *data = g_task_get_task_data (task);
  g_autoptr(GTlsCertificate) certificate = NULL;
  g_autoptr(GError) error = NULL;

  certificate = lotse_sync_trust_probe_finish (result, NULL, &error);
  if (error != NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (certificate != NULL && !lotse_sync_engine_ask_certificate (self, data->url, certificate))
    {
      g_task_return_new_error (task, LOTSE_SYNC_ENGINE_ERROR, LOTSE_SYNC_ENGINE_ERROR_UNTRUSTED_CERTIFICATE,
                               _("The server’s certificate is not trusted yet."));
      return;
    }

  lotse_sync_client_login_async (data->client, data->user, data->password,
                                 lotse_sync_engine_get_device_name (self),
                                 g_task_get_cancellable (task), login_cb, g_object_ref (task));
}

static gboolean
check_connect_input (LotseSyncEngine  *self,
                     const char       *user,
                     const char       *password,
                     GError          **error)
{
  if (user == NULL || *user == '\0')
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, _("Enter your user name."));
      return FALSE;
    }
  if (password == NULL || *password == '\0')
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, _("Enter your password."));
      return FALSE;
    }
  if (lotse_store_get_path (self->store) == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   _("This database has no file to keep the account beside."));
      return FALSE;
    }

  return TRUE;
}

/**
 * lotse_sync_engine_connect_async:
 * @server_url: e.g. `https://lotse.example.org`
 * @user: the account name
 * @password: its password; it is sent once and not kept
 *
 * Asks about the server's certificate if nobody trusts it yet, logs in,
 * keeps the account in the database and the device token with
 * lotse-credentials, and starts a sync. The errors are the sync client's
 * as they are (lotse-cli prints them, the app puts them in plain words
 * with lotse_sync_engine_describe_error()), G_IO_ERROR for what was
 * typed, or %LOTSE_SYNC_ENGINE_ERROR_UNTRUSTED_CERTIFICATE.
 */
void
lotse_sync_engine_connect_async (LotseSyncEngine     *self,
                                 const char          *server_url,
                                 const char          *user,
                                 const char          *password,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  g_autofree char *name = NULL;
  ConnectData *data;

  g_return_if_fail (LOTSE_IS_SYNC_ENGINE (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, lotse_sync_engine_connect_async);

  url = lotse_sync_normalize_url (server_url, &error);
  name = user ? g_strstrip (g_strdup (user)) : NULL;
  if (url == NULL || !check_connect_input (self, name, password, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  data = g_new0 (ConnectData, 1);
  data->client = lotse_sync_client_new (self->store, url);
  data->url = g_steal_pointer (&url);
  data->user = g_steal_pointer (&name);
  data->password = g_strdup (password);
  g_task_set_task_data (task, data, (GDestroyNotify)connect_data_free);

  g_clear_object (&self->untrusted);
  g_clear_pointer (&self->untrusted_url, g_free);

  /* An https server whose certificate is not trusted is asked about
   * before the password goes anywhere. */
  lotse_sync_trust_probe_async (data->url, cancellable, probe_cb, g_steal_pointer (&task));
}

gboolean
lotse_sync_engine_connect_finish (LotseSyncEngine  *self,
                                  GAsyncResult     *result,
                                  GError          **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* ---- sign out ----------------------------------------------------- */

/* Signing out forgets the pinned certificate with the account: whoever
 * connects again checks the fingerprint again, so a certificate swapped in
 * the meantime is not trusted silently. */
static void
forget_account (LotseSyncEngine *self,
                const char      *url,
                const char      *user)
{
  g_autoptr(GError) error = NULL;

  if (!lotse_credentials_forget (lotse_store_get_path (self->store), url, user, &error))
    g_warning ("Could not delete the device token: %s", error->message);
  g_clear_error (&error);
  if (!account_save (self->store, NULL, NULL, NULL, &error))
    g_warning ("Could not remove the sync account: %s", error->message);
  lotse_sync_trust_unpin (url);

  lotse_sync_engine_set_last_error (self, NULL);
  lotse_sync_engine_take_account (self, NULL, NULL, NULL, NULL);
}

static void
logout_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  LotseSyncEngine *self = g_task_get_source_object (task);
  ConnectData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = NULL;

  body = soup_session_send_and_read_finish (SOUP_SESSION (source), result, &error);

  /* The token is deleted here even when the server could not be told: the
   * device must not keep a token the user signed out of. */
  forget_account (self, data->url, data->user);

  if (body == NULL)
    {
      g_task_return_new_error (task, LOTSE_SYNC_ERROR, LOTSE_SYNC_ERROR_NETWORK,
                               _("Signed out on this computer, but the server could not be told: %s"),
                               error->message);
      return;
    }

  g_task_return_boolean (task, TRUE);
}

/* POST /v1/auth/logout with the device token; NULL if it cannot be sent. */
static SoupMessage *
logout_message (const char *url,
                const char *token)
{
  g_autofree char *uri = g_strconcat (url, "/v1/auth/logout", NULL);
  g_autofree char *bearer = g_strconcat ("Bearer ", token, NULL);
  g_autoptr(GBytes) body = g_bytes_new_static ("{}", 2);
  SoupMessage *message = soup_message_new ("POST", uri);

  if (message == NULL)
    return NULL;

  soup_message_headers_replace (soup_message_get_request_headers (message), "Authorization", bearer);
  soup_message_set_request_body_from_bytes (message, "application/json", body);
  return message;
}

/**
 * lotse_sync_engine_sign_out_async:
 *
 * Revokes the device token on the server (/v1/auth/logout), deletes it
 * here and forgets the account with its pinned certificate.
 */
void
lotse_sync_engine_sign_out_async (LotseSyncEngine     *self,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(SoupMessage) message = NULL;
  g_autofree char *device_id = NULL;
  g_autofree char *token = NULL;
  ConnectData *data;

  g_return_if_fail (LOTSE_IS_SYNC_ENGINE (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, lotse_sync_engine_sign_out_async);

  if (self->server_url == NULL)
    {
      g_task_return_boolean (task, TRUE);
      return;
    }

  /* A running cycle stops; its outbox stays. */
  lotse_sync_engine_stop_cycle (self);

  data = g_new0 (ConnectData, 1);
  data->url = g_strdup (self->server_url);
  data->user = g_strdup (self->user);
  g_task_set_task_data (task, data, (GDestroyNotify)connect_data_free);

  if (lotse_credentials_lookup (lotse_store_get_path (self->store), data->url, data->user,
                                &device_id, &token, NULL, NULL))
    message = logout_message (data->url, token);
  if (message == NULL)
    {
      forget_account (self, data->url, data->user);
      g_task_return_boolean (task, TRUE);
      return;
    }

  data->session = soup_session_new_with_options ("timeout", LOGOUT_TIMEOUT_S, NULL);
  soup_session_send_and_read_async (data->session, message, G_PRIORITY_DEFAULT, cancellable,
                                    logout_cb, g_steal_pointer (&task));
}

gboolean
lotse_sync_engine_sign_out_finish (LotseSyncEngine  *self,
                                   GAsyncResult     *result,
                                   GError          **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
