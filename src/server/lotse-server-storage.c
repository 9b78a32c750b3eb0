/* lotse-server-storage.c: what is common to the storage backends
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lotse-server"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "lotse-server-storage-private.h"

G_DEFINE_QUARK (lotse-server-storage-error-quark, lotse_server_storage_error)

const guint lotse_server_dump_columns[LOTSE_SERVER_N_DUMPS] = {
  [LOTSE_SERVER_DUMP_WORKSPACE] = 3,
  [LOTSE_SERVER_DUMP_ACCOUNTS] = 4,
  [LOTSE_SERVER_DUMP_DEVICES] = 7,
  [LOTSE_SERVER_DUMP_HISTORY] = 10,
  [LOTSE_SERVER_DUMP_ROWS] = 7,
  [LOTSE_SERVER_DUMP_OPS] = 3,
};

gboolean
lotse_server_is_valid_workspace_name (const char *name)
{
  gsize length;

  if (name == NULL || !g_ascii_isalnum (name[0]) || g_ascii_isupper (name[0]))
    return FALSE;

  length = strlen (name);
  if (length > 63)
    return FALSE;
  for (gsize i = 0; i < length; i++)
    {
      if (!(g_ascii_islower (name[i]) || g_ascii_isdigit (name[i]) || name[i] == '-'))
        return FALSE;
    }

  return TRUE;
}

char *
lotse_server_now_iso8601 (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  return g_date_time_format (now, "%Y-%m-%dT%H:%M:%S.%fZ");
}

gboolean
lotse_server_storage_check_workspace (gint64   ws,
                                      GError **error)
{
  if (ws > 0)
    return TRUE;

  g_set_error_literal (error, LOTSE_SERVER_STORAGE_ERROR, LOTSE_SERVER_STORAGE_ERROR_NO_WORKSPACE,
                       "this storage handle belongs to no workspace");
  return FALSE;
}

gboolean
lotse_server_location_is_postgresql (const char *location)
{
  return g_str_has_prefix (location, "postgresql://") || g_str_has_prefix (location, "postgres://");
}

/**
 * lotse_server_storage_open:
 * @location: a data directory, or a PostgreSQL connection string
 *
 * Returns: (transfer full) (nullable): the handle of the database, bound to
 *   no workspace
 */
LotseServerStorage *
lotse_server_storage_open (const char  *location,
                           GError     **error)
{
  g_autofree char *path = NULL;

  if (lotse_server_location_is_postgresql (location))
    return lotse_server_storage_pg_open (location, error);

  path = g_build_filename (location, LOTSE_SERVER_SQLITE_FILE, NULL);
  return lotse_server_storage_sqlite_open (path, error);
}

LotseServerStorage *
lotse_server_storage_open_workspace (LotseServerStorage  *storage,
                                     const char          *name,
                                     GError             **error)
{
  GError *local_error = NULL;
  LotseServerStorage *workspace;

  workspace = storage->vtable->open_workspace (storage, name, &local_error);
  if (workspace == NULL && local_error == NULL)
    local_error = g_error_new (LOTSE_ERROR, LOTSE_ERROR_NOT_FOUND, _("There is no workspace “%s”"), name);
  if (local_error != NULL)
    g_propagate_error (error, local_error);

  return workspace;
}

void
lotse_server_workspace_free (LotseServerWorkspace *workspace)
{
  if (workspace == NULL)
    return;

  g_free (workspace->name);
  g_free (workspace->server_id);
  g_free (workspace->created_at);
  g_free (workspace);
}
