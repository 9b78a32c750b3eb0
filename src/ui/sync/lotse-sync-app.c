/* lotse-sync-app.c: the app's side of the sync engine
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The engine (src/core/lotse-sync-engine.c) holds everything sync does;
 * the app adds its settings and how a state looks in the header bar.
 */

#define G_LOG_DOMAIN "lotse-sync-app"

#include "config.h"

#include <glib/gi18n.h>

#include "lotse-sync-app.h"

/* Lotse kept the account in GSettings before it moved into the database
 * (migrations/008-sync-account.sql). It moves into the first database
 * opened that holds its device token: the token file lies beside one
 * database, and a keyring token counts for any. Once moved it leaves the
 * settings, so no other database takes it later. A database with an
 * account of its own keeps that one. */
static void
adopt_settings_account (LotseSyncEngine *engine,
                        GSettings       *settings)
{
  g_autofree char *url = g_settings_get_string (settings, "sync-server-url");
  g_autofree char *user = g_settings_get_string (settings, "sync-user");
  g_autofree char *fingerprint = NULL;
  g_autoptr(GVariant) pins = NULL;
  g_autoptr(GError) error = NULL;
  const char *current = lotse_sync_engine_get_server_url (engine);

  if (*url == '\0' || *user == '\0')
    return;
  if (current != NULL &&
      (g_strcmp0 (current, url) != 0 || g_strcmp0 (lotse_sync_engine_get_user (engine), user) != 0))
    return;

  pins = g_settings_get_value (settings, "sync-trusted-certificates");
  g_variant_lookup (pins, url, "s", &fingerprint);
  if (!lotse_sync_engine_use_account (engine, url, user, fingerprint, &error))
    {
      g_debug ("The account %s on %s stays in the settings: %s", user, url, error->message);
      return;
    }

  g_settings_reset (settings, "sync-server-url");
  g_settings_reset (settings, "sync-user");
  g_settings_reset (settings, "sync-trusted-certificates");
}

/**
 * lotse_sync_app_get_engine:
 * @store: an open store
 *
 * The engine of @store (lotse_sync_engine_get_for_store()) with the app's
 * settings, applied on the first call: an account of the settings moves
 * into the database, and "automatic" follows the "sync-automatic" key.
 *
 * Returns: (transfer none): the engine
 */
LotseSyncEngine *
lotse_sync_app_get_engine (LotseStore *store)
{
  LotseSyncEngine *engine;
  g_autoptr(GSettings) settings = NULL;

  g_return_val_if_fail (LOTSE_IS_STORE (store), NULL);

  engine = lotse_sync_engine_get_for_store (store);
  if (g_object_get_data (G_OBJECT (engine), "lotse-sync-app-settings") != NULL)
    return engine;

  settings = g_settings_new (APPLICATION_ID);
  adopt_settings_account (engine, settings);
  g_settings_bind (settings, "sync-automatic", engine, "automatic", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "attachments-offline", engine, "keep-files-offline", G_SETTINGS_BIND_DEFAULT);
  g_object_set_data_full (G_OBJECT (engine), "lotse-sync-app-settings",
                          g_steal_pointer (&settings), g_object_unref);

  return engine;
}

const char *
lotse_sync_app_state_icon (LotseSyncState state)
{
  switch (state)
    {
    case LOTSE_SYNC_STATE_SYNCED:
      return "emblem-ok-symbolic";
    case LOTSE_SYNC_STATE_SYNCING:
      return "emblem-synchronizing-symbolic";
    case LOTSE_SYNC_STATE_OFFLINE:
      return "network-offline-symbolic";
    case LOTSE_SYNC_STATE_PENDING:
      return "document-send-symbolic";
    case LOTSE_SYNC_STATE_CONFLICTS:
      return "dialog-warning-symbolic";
    case LOTSE_SYNC_STATE_ERROR:
      return "dialog-error-symbolic";
    case LOTSE_SYNC_STATE_DISCONNECTED:
    default:
      return "network-server-symbolic";
    }
}

const char *
lotse_sync_app_state_label (LotseSyncState state)
{
  switch (state)
    {
    case LOTSE_SYNC_STATE_SYNCED:
      return _("Synced");
    case LOTSE_SYNC_STATE_SYNCING:
      return _("Syncing…");
    case LOTSE_SYNC_STATE_OFFLINE:
      return _("Offline — changes are kept");
    case LOTSE_SYNC_STATE_PENDING:
      return _("Changes waiting to be synced");
    case LOTSE_SYNC_STATE_CONFLICTS:
      return _("Conflicts to resolve");
    case LOTSE_SYNC_STATE_ERROR:
      return _("Sync problem");
    case LOTSE_SYNC_STATE_DISCONNECTED:
    default:
      return _("Not connected to a server");
    }
}
