/* lotse-sync-manager.h: the app's side of sync (account, automatic sync, state)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "lotse-core.h"

G_BEGIN_DECLS

typedef enum
{
  LOTSE_SYNC_STATE_DISCONNECTED,  /* no account on a server */
  LOTSE_SYNC_STATE_SYNCED,
  LOTSE_SYNC_STATE_SYNCING,
  LOTSE_SYNC_STATE_OFFLINE,       /* normal: changes wait in the outbox */
  LOTSE_SYNC_STATE_PENDING,       /* changes wait to be sent */
  LOTSE_SYNC_STATE_CONFLICTS,
  LOTSE_SYNC_STATE_ERROR,
} LotseSyncState;

#define LOTSE_SYNC_MANAGER_ERROR (lotse_sync_manager_error_quark ())

typedef enum
{
  /* The https server's certificate is not trusted: ask the person
   * (lotse_sync_manager_get_untrusted_certificate()) */
  LOTSE_SYNC_MANAGER_ERROR_UNTRUSTED_CERTIFICATE,
} LotseSyncManagerError;

GQuark lotse_sync_manager_error_quark (void);

#define LOTSE_TYPE_SYNC_MANAGER (lotse_sync_manager_get_type ())

G_DECLARE_FINAL_TYPE (LotseSyncManager, lotse_sync_manager, LOTSE, SYNC_MANAGER, GObject)

LotseSyncManager *lotse_sync_manager_new            (LotseStore          *store,
                                                     GSettings           *settings,
                                                     GNetworkMonitor     *monitor);
LotseSyncManager *lotse_sync_manager_get_for_store  (LotseStore          *store);
/* Stops the store's manager and lets it go (the application's shutdown) */
void              lotse_sync_manager_release_for_store (LotseStore       *store);
LotseStore       *lotse_sync_manager_get_store      (LotseSyncManager    *self);
LotseSyncState    lotse_sync_manager_get_state      (LotseSyncManager    *self);
gboolean          lotse_sync_manager_get_connected  (LotseSyncManager    *self);
gboolean          lotse_sync_manager_get_busy       (LotseSyncManager    *self);
const char       *lotse_sync_manager_get_server_url (LotseSyncManager    *self);
const char       *lotse_sync_manager_get_user       (LotseSyncManager    *self);
const char       *lotse_sync_manager_get_last_error (LotseSyncManager    *self);
GDateTime        *lotse_sync_manager_get_last_success (LotseSyncManager  *self);
gint64            lotse_sync_manager_get_outbox_count (LotseSyncManager  *self);
gint64            lotse_sync_manager_get_conflict_count (LotseSyncManager *self);
gboolean          lotse_sync_manager_get_automatic  (LotseSyncManager    *self);
void              lotse_sync_manager_set_automatic  (LotseSyncManager    *self,
                                                     gboolean             automatic);
const char       *lotse_sync_manager_get_icon_name  (LotseSyncManager    *self);
const char       *lotse_sync_manager_get_state_label (LotseSyncManager   *self);
gboolean          lotse_sync_manager_has_conflict   (LotseSyncManager    *self,
                                                     const char          *table,
                                                     const char          *id);
const char       *lotse_sync_manager_find_conflict (LotseSyncManager   *self,
                                                     const char          *table,
                                                     const char          *id);
/* Rereads the outbox and conflict counts (after a resolution). */
void              lotse_sync_manager_refresh        (LotseSyncManager    *self);

void              lotse_sync_manager_connect_async  (LotseSyncManager    *self,
                                                     const char          *server_url,
                                                     const char          *user,
                                                     const char          *password,
                                                     GCancellable        *cancellable,
                                                     GAsyncReadyCallback  callback,
                                                     gpointer             user_data);
gboolean          lotse_sync_manager_connect_finish (LotseSyncManager    *self,
                                                     GAsyncResult        *result,
                                                     GError             **error);
void              lotse_sync_manager_sign_out_async (LotseSyncManager    *self,
                                                     GCancellable        *cancellable,
                                                     GAsyncReadyCallback  callback,
                                                     gpointer             user_data);
gboolean          lotse_sync_manager_sign_out_finish (LotseSyncManager   *self,
                                                     GAsyncResult        *result,
                                                     GError             **error);
/* Starts a cycle now, or one more after the running one. */
void              lotse_sync_manager_sync_now       (LotseSyncManager    *self);
/* Stops a running cycle; the outbox stays for the next time. */
void              lotse_sync_manager_shutdown       (LotseSyncManager    *self);

/* Resolution of a conflict: an ordinary local edit, then a sync */
gboolean          lotse_sync_manager_resolve_take   (LotseSyncManager    *self,
                                                     const char          *conflict_id,
                                                     LotseSyncTake        take,
                                                     GError             **error);
/* @values: field name → chosen value (NULL: unset) for the conflicting fields */
gboolean          lotse_sync_manager_resolve_values (LotseSyncManager    *self,
                                                     const char          *conflict_id,
                                                     GHashTable          *values,
                                                     GError             **error);
/* The value of @name in a conflict side's {"fields":{…}} as the store keeps it */
char             *lotse_sync_side_get_value         (JsonObject          *side,
                                                     const char          *name,
                                                     gboolean            *out_present);

/* The certificate the last connect stopped at; FALSE when there is none */
gboolean          lotse_sync_manager_get_untrusted_certificate (LotseSyncManager *self,
                                                     char               **out_url,
                                                     char               **out_fingerprint,
                                                     char               **out_subject,
                                                     char               **out_issuer);
/* Pins @fingerprint for @server_url (kept in GSettings) */
void              lotse_sync_manager_trust_certificate (LotseSyncManager *self,
                                                     const char          *server_url,
                                                     const char          *fingerprint);

/* A plain-words message for an error of the sync client. */
char             *lotse_sync_manager_describe_error (const GError        *error);

G_END_DECLS
