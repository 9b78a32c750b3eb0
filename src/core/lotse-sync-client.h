/* lotse-sync-client.h: syncing the local store with a lotse-server
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "lotse-store.h"

G_BEGIN_DECLS

#define LOTSE_SYNC_ERROR (lotse_sync_error_quark ())

typedef enum
{
  LOTSE_SYNC_ERROR_FAILED,
  LOTSE_SYNC_ERROR_NETWORK,          /* the server could not be reached */
  LOTSE_SYNC_ERROR_BAD_CREDENTIALS,  /* user name or password wrong */
  LOTSE_SYNC_ERROR_UNAUTHORIZED,     /* the device token is missing, wrong or revoked */
  LOTSE_SYNC_ERROR_FORBIDDEN,        /* the account may only read */
  LOTSE_SYNC_ERROR_UNAVAILABLE,      /* 503: the server is shutting down */
  LOTSE_SYNC_ERROR_RATE_LIMITED,     /* 429 after the retries */
  LOTSE_SYNC_ERROR_PROTOCOL,         /* an answer Lotse does not understand */
  LOTSE_SYNC_ERROR_SERVER,           /* any other error the server reported */
  LOTSE_SYNC_ERROR_BUSY,             /* a cycle runs already and joining was not asked for */
  LOTSE_SYNC_ERROR_CERTIFICATE,      /* the server's TLS certificate is not trusted */
} LotseSyncError;

GQuark lotse_sync_error_quark (void);

/* What one sync cycle did. */
typedef struct
{
  guint    pushed;     /* changes the server applied as sent */
  guint    merged;     /* changes the server merged with newer edits */
  guint    conflicts;  /* changes that conflict; stored for resolution */
  guint    rejected;   /* changes the server refused; stored as conflicts */
  guint    pulled;     /* rows written from the server */
  guint    held_back;  /* pulled rows not written because of unpushed local edits */
  guint    restated;   /* of pushed and merged: rows the server had lost (its
                        * data was restored from a backup), sent again */
  gboolean resynced;   /* everything was pulled again: the server asked (410)
                        * or has a new id */
  guint    files_sent;     /* blobs of attachments uploaded */
  guint    files_received; /* blobs of attachments downloaded */
  guint    files_missing;  /* blobs rows name that the server does not have yet */
} LotseSyncStats;

typedef enum
{
  LOTSE_SYNC_PHASE_IDLE,
  LOTSE_SYNC_PHASE_CONNECTING,
  LOTSE_SYNC_PHASE_PUSHING,
  LOTSE_SYNC_PHASE_PULLING,
} LotseSyncPhase;

typedef enum
{
  LOTSE_SYNC_TAKE_MINE,
  LOTSE_SYNC_TAKE_THEIRS,
} LotseSyncTake;

#define LOTSE_TYPE_SYNC_CLIENT (lotse_sync_client_get_type ())

G_DECLARE_FINAL_TYPE (LotseSyncClient, lotse_sync_client, LOTSE, SYNC_CLIENT, GObject)

/* "https://host[:port]" from what a person typed: trimmed, without a
 * trailing slash; only http and https with a host. */
char            *lotse_sync_normalize_url       (const char           *text,
                                                 GError              **error);

LotseSyncClient *lotse_sync_client_new          (LotseStore           *store,
                                                 const char           *server_url);
LotseStore      *lotse_sync_client_get_store    (LotseSyncClient      *self);
const char      *lotse_sync_client_get_server_url (LotseSyncClient    *self);
void             lotse_sync_client_set_credentials (LotseSyncClient   *self,
                                                 const char           *user,
                                                 const char           *device_id,
                                                 const char           *token);
void                lotse_sync_client_set_keep_files_offline (LotseSyncClient *self,
                                                              gboolean         keep);
void                lotse_sync_client_fetch_file_async  (LotseSyncClient     *self,
                                                         const char          *sha256,
                                                         GCancellable        *cancellable,
                                                         GAsyncReadyCallback  callback,
                                                         gpointer             user_data);
gboolean            lotse_sync_client_fetch_file_finish (LotseSyncClient     *self,
                                                         GAsyncResult        *result,
                                                         GError             **error);
gboolean         lotse_sync_client_get_busy     (LotseSyncClient      *self);
LotseSyncPhase   lotse_sync_client_get_phase    (LotseSyncClient      *self);
const LotseSyncStats *lotse_sync_client_get_stats (LotseSyncClient    *self);
const char      *lotse_sync_client_get_server_id (LotseSyncClient     *self);

void             lotse_sync_client_login_async  (LotseSyncClient      *self,
                                                 const char           *user,
                                                 const char           *password,
                                                 const char           *device_name,
                                                 GCancellable         *cancellable,
                                                 GAsyncReadyCallback   callback,
                                                 gpointer              user_data);
char            *lotse_sync_client_login_finish (LotseSyncClient      *self,
                                                 GAsyncResult         *result,
                                                 char                **out_device_id,
                                                 GError              **error);

void             lotse_sync_client_sync_async   (LotseSyncClient      *self,
                                                 gboolean              join,
                                                 GCancellable         *cancellable,
                                                 GAsyncReadyCallback   callback,
                                                 gpointer              user_data);
gboolean         lotse_sync_client_sync_finish  (LotseSyncClient      *self,
                                                 GAsyncResult         *result,
                                                 LotseSyncStats       *out_stats,
                                                 GError              **error);

/* Resolution (lotse-sync-resolve.c) */
gboolean         lotse_sync_resolve_conflict    (LotseStore           *store,
                                                 const char           *conflict_id,
                                                 LotseSyncTake         take,
                                                 GError              **error);
gboolean         lotse_sync_resolve_values      (LotseStore           *store,
                                                 const char           *conflict_id,
                                                 GHashTable           *values,
                                                 GError              **error);
/* The value of @name in a conflict side's {"fields":{…}} as the store keeps it */
char            *lotse_sync_side_get_value      (JsonObject           *side,
                                                 const char           *name,
                                                 gboolean             *out_present);

G_END_DECLS
