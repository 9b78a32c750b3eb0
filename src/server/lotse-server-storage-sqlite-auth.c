/* lotse-server-storage-sqlite-auth.c: users, devices and tokens in SQLite
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * PRAGMA data_version tells a running server that another process (an
 * administrator's `lotse-server token revoke`) committed: it then forgets
 * the tokens it knew (auth_version).
 */

#define G_LOG_DOMAIN "lotse-server"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "lotse-server-storage-sqlite-private.h"

gboolean
sqlite_account_add (LotseServerStorage  *storage,
                    const char          *name,
                    const char          *role,
                    const char          *password_hash,
                    GError             **error)
{
  SqliteStorage *self = (SqliteStorage *)storage;
  sqlite3_stmt *stmt = sqlite_storage_ws_stmt (self, STMT_ACCOUNT_ADD, error);
  g_autofree char *now = lotse_server_now_iso8601 ();
  int rc;

  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 2, name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, role, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, password_hash, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 5, now, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);

  if (rc == SQLITE_CONSTRAINT)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS,
                   _("A user “%s” exists already"), name);
      return FALSE;
    }
  if (rc != SQLITE_DONE)
    return sqlite_storage_error (self, error);

  return TRUE;
}

LotseServerAccount *
sqlite_account_get (LotseServerStorage  *storage,
                    const char          *name,
                    GError             **error)
{
  SqliteStorage *self = (SqliteStorage *)storage;
  sqlite3_stmt *stmt = sqlite_storage_ws_stmt (self, STMT_ACCOUNT_GET, error);
  LotseServerAccount *account;
  int rc;

  if (stmt == NULL)
    return NULL;

  sqlite3_bind_text (stmt, 2, name, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    {
      sqlite3_reset (stmt);
      return NULL;
    }
  if (rc != SQLITE_ROW)
    {
      sqlite_storage_error (self, error);
      sqlite3_reset (stmt);
      return NULL;
    }

  account = g_new0 (LotseServerAccount, 1);
  account->name = sqlite_storage_column_dup (stmt, 0);
  account->role = sqlite_storage_column_dup (stmt, 1);
  account->password_hash = sqlite_storage_column_dup (stmt, 2);
  account->created_at = sqlite_storage_column_dup (stmt, 3);
  sqlite3_reset (stmt);

  return account;
}

GPtrArray *
sqlite_account_list (LotseServerStorage  *storage,
                     GError             **error)
{
  SqliteStorage *self = (SqliteStorage *)storage;
  sqlite3_stmt *stmt = sqlite_storage_ws_stmt (self, STMT_ACCOUNT_LIST, error);
  g_autoptr(GPtrArray) accounts = NULL;
  int rc;

  if (stmt == NULL)
    return NULL;

  accounts = g_ptr_array_new_with_free_func ((GDestroyNotify)lotse_server_account_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      LotseServerAccount *account = g_new0 (LotseServerAccount, 1);

      account->name = sqlite_storage_column_dup (stmt, 0);
      account->role = sqlite_storage_column_dup (stmt, 1);
      account->created_at = sqlite_storage_column_dup (stmt, 2);
      account->n_devices = sqlite3_column_int (stmt, 3);
      g_ptr_array_add (accounts, account);
    }
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      sqlite_storage_error (self, error);
      return NULL;
    }

  return g_steal_pointer (&accounts);
}

static int
revoke_tokens (SqliteStorage  *self,
               SqliteStmt      id,
               const char     *key,
               GError        **error)
{
  sqlite3_stmt *stmt = sqlite_storage_ws_stmt (self, id, error);
  g_autofree char *now = lotse_server_now_iso8601 ();

  if (stmt == NULL)
    return -1;

  sqlite3_bind_text (stmt, 2, key, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, now, -1, SQLITE_TRANSIENT);
  if (!sqlite_storage_step_done (self, stmt, error))
    return -1;

  return sqlite3_changes (self->db->db);
}

int
sqlite_revoke_device (LotseServerStorage  *storage,
                      const char          *device_id,
                      GError             **error)
{
  return revoke_tokens ((SqliteStorage *)storage, STMT_REVOKE_DEVICE, device_id, error);
}

int
sqlite_revoke_account (LotseServerStorage  *storage,
                       const char          *account,
                       GError             **error)
{
  return revoke_tokens ((SqliteStorage *)storage, STMT_REVOKE_ACCOUNT, account, error);
}

int
sqlite_device_remove_older (LotseServerStorage  *storage,
                            const char          *device_name,
                            const char          *created_before,
                            GError             **error)
{
  SqliteStorage *self = (SqliteStorage *)storage;
  sqlite3_stmt *stmt = sqlite_storage_ws_stmt (self, STMT_DEVICE_REMOVE_OLDER, error);

  if (stmt == NULL)
    return -1;

  sqlite3_bind_text (stmt, 2, device_name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, created_before, -1, SQLITE_TRANSIENT);
  if (!sqlite_storage_step_done (self, stmt, error))
    return -1;

  return sqlite3_changes (self->db->db);
}

gboolean
sqlite_account_remove (LotseServerStorage  *storage,
                       const char          *name,
                       GError             **error)
{
  SqliteStorage *self = (SqliteStorage *)storage;
  sqlite3_stmt *stmt;

  if (!sqlite_storage_begin (storage, error))
    return FALSE;

  if (sqlite_revoke_account (storage, name, error) < 0)
    goto failed;

  stmt = sqlite_storage_ws_stmt (self, STMT_ACCOUNT_REMOVE, error);
  if (stmt == NULL)
    goto failed;
  sqlite3_bind_text (stmt, 2, name, -1, SQLITE_TRANSIENT);
  if (!sqlite_storage_step_done (self, stmt, error))
    goto failed;

  if (sqlite3_changes (self->db->db) == 0)
    {
      g_set_error (error, LOTSE_ERROR, LOTSE_ERROR_NOT_FOUND,
                   _("There is no user “%s”"), name);
      goto failed;
    }

  return sqlite_storage_commit (storage, error);

failed:
  sqlite_storage_rollback (storage);
  return FALSE;
}

gboolean
sqlite_device_add (LotseServerStorage  *storage,
                   const char          *device_id,
                   const char          *account,
                   const char          *device_name,
                   const char          *token_hash,
                   GError             **error)
{
  SqliteStorage *self = (SqliteStorage *)storage;
  sqlite3_stmt *stmt = sqlite_storage_ws_stmt (self, STMT_DEVICE_ADD, error);
  g_autofree char *now = lotse_server_now_iso8601 ();

  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 2, device_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, account, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, device_name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 5, token_hash, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 6, now, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 7, g_get_real_time () / G_USEC_PER_SEC);

  return sqlite_storage_step_done (self, stmt, error);
}

gboolean
sqlite_device_touch (LotseServerStorage  *storage,
                     const char          *device_id,
                     gint64               now,
                     GError             **error)
{
  SqliteStorage *self = (SqliteStorage *)storage;
  sqlite3_stmt *stmt = sqlite_storage_ws_stmt (self, STMT_DEVICE_TOUCH, error);

  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 2, device_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 3, now);

  return sqlite_storage_step_done (self, stmt, error);
}

LotseServerSession *
sqlite_token_lookup (LotseServerStorage  *storage,
                     const char          *token_hash,
                     GError             **error)
{
  SqliteStorage *self = (SqliteStorage *)storage;
  sqlite3_stmt *stmt = sqlite_storage_ws_stmt (self, STMT_TOKEN_LOOKUP, error);
  LotseServerSession *session = NULL;
  int rc;

  if (stmt == NULL)
    return NULL;

  sqlite3_bind_text (stmt, 2, token_hash, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      session = g_new0 (LotseServerSession, 1);
      session->device_id = sqlite_storage_column_dup (stmt, 0);
      session->account = sqlite_storage_column_dup (stmt, 1);
      session->role = sqlite_storage_column_dup (stmt, 2);
      session->last_used = sqlite3_column_int64 (stmt, 3);
    }
  else if (rc != SQLITE_DONE)
    sqlite_storage_error (self, error);
  sqlite3_reset (stmt);

  return session;
}

gboolean
sqlite_auth_version (LotseServerStorage  *storage,
                     gint64              *version,
                     GError             **error)
{
  SqliteStorage *self = (SqliteStorage *)storage;
  sqlite3_stmt *stmt = sqlite_storage_stmt (self, STMT_DATA_VERSION, error);
  int rc;

  if (stmt == NULL)
    return FALSE;

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    *version = sqlite3_column_int64 (stmt, 0);
  else
    sqlite_storage_error (self, error);
  sqlite3_reset (stmt);

  return rc == SQLITE_ROW;
}
