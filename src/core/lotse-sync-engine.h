/* lotse-sync-engine.h: sync as the app and lotse-cli run it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "lotse-sync-client.h"

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

#define LOTSE_SYNC_ENGINE_ERROR (lotse_sync_engine_error_quark ())

typedef enum
{
  /* The https server's certificate is neither trusted by the system nor
   * the one pinned for the account, and nobody accepted it
   * (lotse_sync_engine_get_untrusted_certificate()) */
  LOTSE_SYNC_ENGINE_ERROR_UNTRUSTED_CERTIFICATE,
  /* This device holds no token for the account: log in first */
  LOTSE_SYNC_ENGINE_ERROR_NOT_LOGGED_IN,
} LotseSyncEngineError;

GQuark lotse_sync_engine_error_quark (void);

#define LOTSE_TYPE_SYNC_ENGINE (lotse_sync_engine_get_type ())

G_DECLARE_FINAL_TYPE (LotseSyncEngine, lotse_sync_engine, LOTSE, SYNC_ENGINE, GObject)

LotseSyncEngine  *lotse_sync_engine_new             (LotseStore          *store,
                                                     GNetworkMonitor     *monitor);
LotseSyncEngine  *lotse_sync_engine_get_for_store   (LotseStore          *store);
/* Stops the store's engine and lets it go (the application's shutdown) */
void              lotse_sync_engine_release_for_store (LotseStore        *store);

LotseStore       *lotse_sync_engine_get_store       (LotseSyncEngine     *self);
LotseSyncState    lotse_sync_engine_get_state       (LotseSyncEngine     *self);
gboolean          lotse_sync_engine_get_connected   (LotseSyncEngine     *self);
gboolean          lotse_sync_engine_get_busy        (LotseSyncEngine     *self);
const char       *lotse_sync_engine_get_server_url  (LotseSyncEngine     *self);
const char       *lotse_sync_engine_get_user        (LotseSyncEngine     *self);
const char       *lotse_sync_engine_get_fingerprint (LotseSyncEngine     *self);
const char       *lotse_sync_engine_get_last_error  (LotseSyncEngine     *self);
GDateTime        *lotse_sync_engine_get_last_success (LotseSyncEngine    *self);
gint64            lotse_sync_engine_get_outbox_count (LotseSyncEngine    *self);
gint64            lotse_sync_engine_get_conflict_count (LotseSyncEngine  *self);
gboolean          lotse_sync_engine_get_keep_files_offline (LotseSyncEngine *self);
void              lotse_sync_engine_set_keep_files_offline (LotseSyncEngine *self,
                                                            gboolean         keep);
void              lotse_sync_engine_fetch_file_async  (LotseSyncEngine     *self,
                                                       const char          *sha256,
                                                       GCancellable        *cancellable,
                                                       GAsyncReadyCallback  callback,
                                                       gpointer             user_data);
gboolean          lotse_sync_engine_fetch_file_finish (LotseSyncEngine     *self,
                                                       GAsyncResult        *result,
                                                       GError             **error);
gboolean          lotse_sync_engine_get_automatic   (LotseSyncEngine     *self);
void              lotse_sync_engine_set_automatic   (LotseSyncEngine     *self,
                                                     gboolean             automatic);
const char       *lotse_sync_engine_get_device_name (LotseSyncEngine     *self);
void              lotse_sync_engine_set_device_name (LotseSyncEngine     *self,
                                                     const char          *device_name);
gboolean          lotse_sync_engine_has_conflict    (LotseSyncEngine     *self,
                                                     const char          *table,
                                                     const char          *id);
const char       *lotse_sync_engine_find_conflict   (LotseSyncEngine     *self,
                                                     const char          *table,
                                                     const char          *id);

/* The account (lotse-sync-engine-account.c) */
void              lotse_sync_engine_connect_async   (LotseSyncEngine     *self,
                                                     const char          *server_url,
                                                     const char          *user,
                                                     const char          *password,
                                                     GCancellable        *cancellable,
                                                     GAsyncReadyCallback  callback,
                                                     gpointer             user_data);
gboolean          lotse_sync_engine_connect_finish  (LotseSyncEngine     *self,
                                                     GAsyncResult        *result,
                                                     GError             **error);
gboolean          lotse_sync_engine_use_account     (LotseSyncEngine     *self,
                                                     const char          *server_url,
                                                     const char          *user,
                                                     const char          *fingerprint,
                                                     GError             **error);
void              lotse_sync_engine_sign_out_async  (LotseSyncEngine     *self,
                                                     GCancellable        *cancellable,
                                                     GAsyncReadyCallback  callback,
                                                     gpointer             user_data);
gboolean          lotse_sync_engine_sign_out_finish (LotseSyncEngine     *self,
                                                     GAsyncResult        *result,
                                                     GError             **error);
/* The certificate the last connect or cycle stopped at; FALSE when none */
gboolean          lotse_sync_engine_get_untrusted_certificate (LotseSyncEngine *self,
                                                     char               **out_url,
                                                     char               **out_fingerprint,
                                                     char               **out_subject,
                                                     char               **out_issuer);
void              lotse_sync_engine_trust_certificate (LotseSyncEngine   *self,
                                                     const char          *server_url,
                                                     const char          *fingerprint);

/* Cycles */
/* Starts a cycle now, or one more after the running one. */
void              lotse_sync_engine_sync_now        (LotseSyncEngine     *self);
/* A cycle, and what it did; joins the running one if there is one. */
void              lotse_sync_engine_sync_async      (LotseSyncEngine     *self,
                                                     GCancellable        *cancellable,
                                                     GAsyncReadyCallback  callback,
                                                     gpointer             user_data);
gboolean          lotse_sync_engine_sync_finish     (LotseSyncEngine     *self,
                                                     GAsyncResult        *result,
                                                     LotseSyncStats      *out_stats,
                                                     GError             **error);
/* Stops a running cycle; the outbox stays for the next time. */
void              lotse_sync_engine_shutdown        (LotseSyncEngine     *self);

/* Resolution of a conflict: an ordinary local edit, then a sync */
gboolean          lotse_sync_engine_resolve_take    (LotseSyncEngine     *self,
                                                     const char          *conflict_id,
                                                     LotseSyncTake        take,
                                                     GError             **error);
/* @values: field name → chosen value (NULL: unset) for the conflicting fields */
gboolean          lotse_sync_engine_resolve_values  (LotseSyncEngine     *self,
                                                     const char          *conflict_id,
                                                     GHashTable          *values,
                                                     GError             **error);

/* A plain-words message for an error of the sync client. */
char             *lotse_sync_engine_describe_error  (const GError        *error);

G_END_DECLS
