/* lotse-server-login.c: signing a device in (POST /v1/auth/login)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * yescrypt takes tens of milliseconds, so the hash is checked on a worker
 * thread while the message is paused and the main loop goes on serving
 * others. Failed logins per account meet growing delays: kept in the
 * database where the storage can (several server processes then share
 * them), else in this process's memory.
 */

#define G_LOG_DOMAIN "lotse-server"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "lotse-server-private.h"

typedef struct
{
  LotseServer        *self;
  SoupServerMessage  *msg;
  LotseServerSpace   *space;
  LotseServerLogin   *login;
  LotseServerAccount *account;     /* NULL: unknown user, checked against a dummy */
  char               *address;
  guint               locked;      /* seconds the account is locked if this fails */
  guint               failures;
  LotseServerLoginFunc done;
} LoginData;

static void
login_data_free (LoginData *data)
{
  g_clear_object (&data->self);
  g_clear_object (&data->msg);
  g_clear_pointer (&data->space, lotse_server_space_unref);
  g_clear_pointer (&data->login, lotse_server_login_free);
  g_clear_pointer (&data->account, lotse_server_account_free);
  g_free (data->address);
  g_free (data);
}

static void
check_password_in_thread (GTask        *task,
                          gpointer      source,
                          gpointer      task_data,
                          GCancellable *cancellable)
{
  LoginData *data = task_data;
  gboolean ok;

  if (data->account != NULL)
    ok = lotse_server_check_password (data->login->password, data->account->password_hash);
  else
    {
      lotse_server_check_password (data->login->password, lotse_server_dummy_hash ());
      ok = FALSE;
    }

  g_task_return_boolean (task, ok);
}

static JsonNode *
login_answer (const char *token,
              const char *device_id,
              const LotseServerAccount *account)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "token");
  json_builder_add_string_value (builder, token);
  json_builder_set_member_name (builder, "device_id");
  json_builder_add_string_value (builder, device_id);
  json_builder_set_member_name (builder, "user");
  json_builder_add_string_value (builder, account->name);
  json_builder_set_member_name (builder, "role");
  json_builder_add_string_value (builder, account->role);
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

static void
finish_login (LotseServer              *self,
              LotseServerSpace         *space,
              SoupServerMessage        *msg,
              const LotseServerLogin   *login,
              const LotseServerAccount *account)
{
  LotseServerStorage *storage = space->storage;
  RequestInfo *info = lotse_server_request_info (msg);
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *token = NULL;
  g_autofree char *hash = NULL;
  g_autofree char *device_id = NULL;

  if (account == NULL)
    {
      lotse_server_send_error_simple (msg, 401, "bad_credentials", "Wrong user name or password");
      return;
    }

  token = lotse_server_new_token (&error);
  if (token == NULL)
    {
      g_warning ("%s", error->message);
      lotse_server_send_error_simple (msg, 500, "internal_error", "The server could not make a token");
      return;
    }
  hash = lotse_server_hash_token (token);
  device_id = lotse_new_uuid ();
  if (!storage->vtable->device_add (storage, device_id, account->name, login->device_name,
                                    hash, &error))
    {
      g_warning (_("Could not store a new device: %s"), error->message);
      lotse_server_send_storage_error (msg, error);
      return;
    }

  if (info != NULL)
    {
      g_free (info->user);
      info->user = g_strdup (account->name);
    }

  node = login_answer (token, device_id, account);
  lotse_server_set_json (msg, 200, node);
}

/* One line per lock, the same in every language, for alerts (see
 * help/C/server.page): "login-lockout: user anna locked for 4 s after 7
 * failed logins in a row, the last from 192.0.2.7". The workspace is
 * named when it is not the default one. */
static void
log_lockout (const LoginData *data)
{
  g_autofree char *user = lotse_server_log_escape (data->login->user);
  const char *workspace = data->space->storage->vtable->get_workspace (data->space->storage);

  if (g_strcmp0 (workspace, LOTSE_SERVER_DEFAULT_WORKSPACE) == 0)
    g_warning ("login-lockout: user %s locked for %u s after %u failed logins in a row, "
               "the last from %s", user, data->locked, data->failures, data->address);
  else
    g_warning ("login-lockout: user %s of workspace %s locked for %u s after %u failed logins in a row, "
               "the last from %s", user, workspace, data->locked, data->failures, data->address);
}

static void
forget_failures (LoginData *data)
{
  LotseServerStorage *storage = data->space->storage;
  g_autoptr(GError) error = NULL;

  if (storage->vtable->login_succeed == NULL)
    {
      g_autofree char *key = lotse_server_account_key (data->space, data->login->user);

      lotse_server_backoff_succeed (data->self->login_backoff, key);
    }
  else if (!storage->vtable->login_succeed (storage, data->login->user, &error))
    g_warning (_("Could not note a successful login: %s"), error->message);
}

static void
on_password_checked (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  LoginData *data = g_task_get_task_data (G_TASK (result));
  RequestInfo *info = lotse_server_request_info (data->msg);
  gboolean ok = g_task_propagate_boolean (G_TASK (result), NULL);

  if (ok)
    forget_failures (data);
  else if (data->locked > 0)
    log_lockout (data);
  data->done (data->self, data->space, data->msg, data->login, ok ? data->account : NULL);

  /* libsoup 3.2 complains when the client has gone meanwhile. */
  if (info == NULL || info->connection == NULL || !lotse_server_connection_is_closed (info->connection))
    soup_server_message_unpause (data->msg);
}

/* Guessing passwords costs the account's bucket too, and guesses from many
 * addresses (or through several server processes) at one account meet
 * growing delays: whoever tries during one gets 429 without a check of
 * the password. Unknown names are treated alike, so that the answers do
 * not tell which exist. FALSE when the message was answered. */
static gboolean
take_attempt (LotseServer       *self,
              LotseServerSpace  *space,
              SoupServerMessage *msg,
              const char        *user,
              guint             *locked,
              guint             *failures)
{
  LotseServerStorage *storage = space->storage;
  g_autofree char *key = lotse_server_account_key (space, user);
  g_autoptr(GError) error = NULL;
  guint retry_after = 0;
  gboolean allowed;

  if (!lotse_server_limiter_take (self->account_limiter, key, g_get_monotonic_time (), &retry_after))
    {
      lotse_server_send_retry_after (msg, retry_after);
      return FALSE;
    }

  if (storage->vtable->login_take != NULL)
    allowed = storage->vtable->login_take (storage, user, lotse_server_backoff_get_policy (self->login_backoff),
                                           &retry_after, locked, failures, &error);
  else
    allowed = lotse_server_backoff_take (self->login_backoff, key, g_get_monotonic_time (),
                                         &retry_after, locked, failures);
  if (error != NULL)
    {
      g_warning (_("Could not count a login: %s"), error->message);
      lotse_server_send_storage_error (msg, error);
      return FALSE;
    }
  if (!allowed)
    lotse_server_send_retry_after (msg, retry_after);
  return allowed;
}

/* Checks @login's password against the account, within the login limits
 * of the API, and calls @done with the account (NULL: wrong user name or
 * password) unless the limits answered the message already. */
void
lotse_server_check_login (LotseServer          *self,
                          LotseServerSpace     *space,
                          SoupServerMessage    *msg,
                          LotseServerLogin     *login,
                          LotseServerLoginFunc  done)
{
  g_autoptr(LotseServerLogin) owned = login;
  g_autoptr(GError) error = NULL;
  g_autoptr(GTask) task = NULL;
  const char *address = lotse_server_request_address (msg);
  LotseServerAccount *account;
  LoginData *data;
  guint retry_after = 0;
  guint locked = 0;
  guint failures = 0;

  /* Each attempt costs a yescrypt hash: far fewer per address than other
   * requests. */
  if (!lotse_server_limiter_take (self->login_limiter, address, g_get_monotonic_time (), &retry_after))
    {
      lotse_server_send_retry_after (msg, retry_after);
      return;
    }

  if (!take_attempt (self, space, msg, login->user, &locked, &failures))
    return;

  account = space->storage->vtable->account_get (space->storage, login->user, &error);
  if (error != NULL)
    {
      g_warning (_("Could not look up a user: %s"), error->message);
      lotse_server_send_storage_error (msg, error);
      return;
    }

  /* An unknown user takes as long and gets the same answer as a wrong
   * password. */
  data = g_new0 (LoginData, 1);
  data->self = g_object_ref (self);
  data->msg = g_object_ref (msg);
  data->space = lotse_server_space_ref (space);
  data->login = g_steal_pointer (&owned);
  data->account = account;
  data->address = g_strdup (address);
  data->locked = locked;
  data->failures = failures;
  data->done = done;

  task = g_task_new (NULL, NULL, on_password_checked, NULL);
  g_task_set_source_tag (task, lotse_server_check_login);
  g_task_set_task_data (task, data, (GDestroyNotify)login_data_free);
  soup_server_message_pause (msg);
  g_task_run_in_thread (task, check_password_in_thread);
}

void
lotse_server_handle_login (LotseServer       *self,
                           LotseServerSpace  *space,
                           SoupServerMessage *msg)
{
  SoupMessageBody *body = soup_server_message_get_request_body (msg);
  g_autoptr(LotseServerError) parse_error = NULL;
  LotseServerLogin *login;

  login = lotse_server_parse_login (body->data, body->length, &parse_error);
  if (login == NULL)
    {
      lotse_server_send_error (msg, parse_error);
      return;
    }

  lotse_server_check_login (self, space, msg, login, finish_login);
}
