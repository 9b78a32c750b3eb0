/* lotse-server-storage-pg-auth.c: users, devices, tokens and failed logins
 * in PostgreSQL
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Revoking a token or removing a user notifies every server process (the
 * triggers of lotse-server-storage-pg-schema.c). Failed logins are
 * counted per account in the table login_failures, so that the growing
 * delays hold across all processes of the database (with their clocks:
 * wall-clock time).
 */

#define G_LOG_DOMAIN "lotse-server"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdlib.h>

#include "lotse-server-storage-pg-private.h"

/* One login in so many also drops failures nobody remembers any more. */
#define PRUNE_EVERY 100

/* Runs @stmt on the workspace; TRUE when it succeeded. */
static gboolean
exec_done (PgStorage           *self,
           PgStmt               stmt,
           int                  n_params,
           const char * const  *params,
           int                 *n_changed,
           GError             **error)
{
  PGresult *result = pg_exec_ws (self, stmt, n_params, params, error);

  if (result == NULL)
    return FALSE;
  if (n_changed != NULL)
    *n_changed = atoi (PQcmdTuples (result));
  PQclear (result);
  return TRUE;
}

gboolean
pg_account_add (LotseServerStorage  *storage,
                const char          *name,
                const char          *role,
                const char          *password_hash,
                GError             **error)
{
  g_autofree char *now = lotse_server_now_iso8601 ();
  const char *params[] = { name, role, password_hash, now };
  GError *local_error = NULL;

  if (exec_done ((PgStorage *)storage, PG_ACCOUNT_ADD, G_N_ELEMENTS (params), params, NULL, &local_error))
    return TRUE;

  if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_EXISTS))
    {
      g_clear_error (&local_error);
      g_set_error (&local_error, G_IO_ERROR, G_IO_ERROR_EXISTS, _("A user “%s” exists already"), name);
    }
  g_propagate_error (error, local_error);
  return FALSE;
}

LotseServerAccount *
pg_account_get (LotseServerStorage  *storage,
                const char          *name,
                GError             **error)
{
  PGresult *result = pg_exec_ws ((PgStorage *)storage, PG_ACCOUNT_GET, 1, &name, error);
  LotseServerAccount *account = NULL;

  if (result == NULL)
    return NULL;

  if (PQntuples (result) > 0)
    {
      account = g_new0 (LotseServerAccount, 1);
      account->name = pg_get_dup (result, 0, 0);
      account->role = pg_get_dup (result, 0, 1);
      account->password_hash = pg_get_dup (result, 0, 2);
      account->created_at = pg_get_dup (result, 0, 3);
    }
  PQclear (result);

  return account;
}

GPtrArray *
pg_account_list (LotseServerStorage  *storage,
                 GError             **error)
{
  PGresult *result = pg_exec_ws ((PgStorage *)storage, PG_ACCOUNT_LIST, 0, NULL, error);
  GPtrArray *accounts;

  if (result == NULL)
    return NULL;

  accounts = g_ptr_array_new_with_free_func ((GDestroyNotify)lotse_server_account_free);
  for (int i = 0; i < PQntuples (result); i++)
    {
      LotseServerAccount *account = g_new0 (LotseServerAccount, 1);

      account->name = pg_get_dup (result, i, 0);
      account->role = pg_get_dup (result, i, 1);
      account->created_at = pg_get_dup (result, i, 2);
      account->n_devices = (guint)pg_get_int (result, i, 3);
      g_ptr_array_add (accounts, account);
    }
  PQclear (result);

  return accounts;
}

static int
revoke_tokens (PgStorage   *self,
               PgStmt       stmt,
               const char  *key,
               GError     **error)
{
  g_autofree char *now = lotse_server_now_iso8601 ();
  const char *params[] = { key, now };
  int n = 0;

  if (!exec_done (self, stmt, G_N_ELEMENTS (params), params, &n, error))
    return -1;
  return n;
}

int
pg_revoke_device (LotseServerStorage  *storage,
                  const char          *device_id,
                  GError             **error)
{
  return revoke_tokens ((PgStorage *)storage, PG_REVOKE_DEVICE, device_id, error);
}

int
pg_revoke_account (LotseServerStorage  *storage,
                   const char          *account,
                   GError             **error)
{
  return revoke_tokens ((PgStorage *)storage, PG_REVOKE_ACCOUNT, account, error);
}

int
pg_device_remove_older (LotseServerStorage  *storage,
                        const char          *device_name,
                        const char          *created_before,
                        GError             **error)
{
  const char *params[] = { device_name, created_before };
  int n = 0;

  if (!exec_done ((PgStorage *)storage, PG_DEVICE_REMOVE_OLDER, G_N_ELEMENTS (params), params, &n, error))
    return -1;
  return n;
}

static gboolean
begin_plain (PgStorage  *self,
             GError    **error)
{
  if (!pg_exec_sql (self, "BEGIN", error))
    return FALSE;
  self->db->in_transaction = TRUE;
  return TRUE;
}

static gboolean
end_plain (PgStorage  *self,
           gboolean    commit,
           GError    **error)
{
  gboolean ok = pg_exec_sql (self, commit ? "COMMIT" : "ROLLBACK", commit ? error : NULL);

  self->db->in_transaction = FALSE;
  return ok && commit;
}

gboolean
pg_account_remove (LotseServerStorage  *storage,
                   const char          *name,
                   GError             **error)
{
  PgStorage *self = (PgStorage *)storage;
  int removed = 0;

  if (!lotse_server_storage_check_workspace (self->ws, error) || !begin_plain (self, error))
    return FALSE;

  if (revoke_tokens (self, PG_REVOKE_ACCOUNT, name, error) < 0 ||
      !exec_done (self, PG_ACCOUNT_REMOVE, 1, &name, &removed, error))
    return end_plain (self, FALSE, NULL);

  if (removed == 0)
    {
      g_set_error (error, LOTSE_ERROR, LOTSE_ERROR_NOT_FOUND, _("There is no user “%s”"), name);
      return end_plain (self, FALSE, NULL);
    }

  return end_plain (self, TRUE, error);
}

gboolean
pg_device_add (LotseServerStorage  *storage,
               const char          *device_id,
               const char          *account,
               const char          *device_name,
               const char          *token_hash,
               GError             **error)
{
  g_autofree char *now = lotse_server_now_iso8601 ();
  PgInt last_used;
  const char *params[] = {
    device_id, account, device_name, token_hash, now, pg_int (&last_used, g_get_real_time () / G_USEC_PER_SEC)
  };

  return exec_done ((PgStorage *)storage, PG_DEVICE_ADD, G_N_ELEMENTS (params), params, NULL, error);
}

gboolean
pg_device_touch (LotseServerStorage  *storage,
                 const char          *device_id,
                 gint64               now,
                 GError             **error)
{
  PgInt now_text;
  const char *params[] = { device_id, pg_int (&now_text, now) };

  return exec_done ((PgStorage *)storage, PG_DEVICE_TOUCH, G_N_ELEMENTS (params), params, NULL, error);
}

LotseServerSession *
pg_token_lookup (LotseServerStorage  *storage,
                 const char          *token_hash,
                 GError             **error)
{
  PGresult *result = pg_exec_ws ((PgStorage *)storage, PG_TOKEN_LOOKUP, 1, &token_hash, error);
  LotseServerSession *session = NULL;

  if (result == NULL)
    return NULL;

  if (PQntuples (result) > 0)
    {
      session = g_new0 (LotseServerSession, 1);
      session->device_id = pg_get_dup (result, 0, 0);
      session->account = pg_get_dup (result, 0, 1);
      session->role = pg_get_dup (result, 0, 2);
      session->last_used = pg_get_int (result, 0, 3);
    }
  PQclear (result);

  return session;
}

/* --- failed logins ------------------------------------------------------------ */

static gboolean
prune_failures (PgStorage  *self,
                gint64      now_us,
                GError    **error)
{
  static guint calls;
  PgInt now_text, forget;
  const char *params[] = {
    pg_int (&now_text, now_us),
    pg_int (&forget, now_us - (gint64)LOTSE_SERVER_BACKOFF_FORGET_SECONDS * G_USEC_PER_SEC),
  };

  if (++calls % PRUNE_EVERY != 0)
    return TRUE;
  return exec_done (self, PG_LOGIN_PRUNE, G_N_ELEMENTS (params), params, NULL, error);
}

/* The attempts of @name, locked until the transaction ends: logins at one
 * account through several processes count one after the other. */
static gboolean
read_attempts (PgStorage            *self,
               const char           *name,
               LotseServerAttempts  *attempts,
               GError              **error)
{
  PGresult *result;

  if (!exec_done (self, PG_LOGIN_ENSURE, 1, &name, NULL, error))
    return FALSE;
  result = pg_exec_ws (self, PG_LOGIN_GET, 1, &name, error);
  if (result == NULL)
    return FALSE;

  if (PQntuples (result) > 0)
    {
      attempts->failures = (guint)pg_get_int (result, 0, 0);
      attempts->last_us = pg_get_int (result, 0, 1);
      attempts->locked_until_us = pg_get_int (result, 0, 2);
    }
  PQclear (result);
  return TRUE;
}

gboolean
pg_login_take (LotseServerStorage              *storage,
               const char                      *name,
               const LotseServerBackoffPolicy  *policy,
               guint                           *retry_after,
               guint                           *locked,
               guint                           *failures,
               GError                         **error)
{
  PgStorage *self = (PgStorage *)storage;
  LotseServerAttempts attempts = { 0 };
  gint64 now_us = g_get_real_time ();
  PgInt count, last, until;
  gboolean allowed;

  if (!lotse_server_storage_check_workspace (self->ws, error) || !begin_plain (self, error))
    return FALSE;

  if (!prune_failures (self, now_us, error) || !read_attempts (self, name, &attempts, error))
    return end_plain (self, FALSE, NULL);

  allowed = lotse_server_backoff_step (policy, &attempts, now_us, retry_after, locked, failures);
  if (allowed)
    {
      const char *params[] = {
        name, pg_int (&count, attempts.failures), pg_int (&last, attempts.last_us),
        pg_int (&until, attempts.locked_until_us),
      };

      if (!exec_done (self, PG_LOGIN_PUT, G_N_ELEMENTS (params), params, NULL, error))
        return end_plain (self, FALSE, NULL);
    }

  if (!end_plain (self, TRUE, error))
    return FALSE;
  return allowed;
}

gboolean
pg_login_succeed (LotseServerStorage  *storage,
                  const char          *name,
                  GError             **error)
{
  return exec_done ((PgStorage *)storage, PG_LOGIN_FORGET, 1, &name, NULL, error);
}
