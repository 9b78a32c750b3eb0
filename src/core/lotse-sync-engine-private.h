/* lotse-sync-engine-private.h: what the engine's two files share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "lotse-store-sync.h"
#include "lotse-sync-engine.h"

G_BEGIN_DECLS

struct _LotseSyncEngine
{
  GObject          parent_instance;

  LotseStore      *store;
  GNetworkMonitor *monitor;
  LotseSyncClient *client;       /* NULL without an account and its token */
  GCancellable    *cancellable;

  char            *server_url;   /* the account; NULL without one */
  char            *user;
  char            *fingerprint;  /* the certificate pinned for it, or NULL */
  char            *device_name;
  char            *last_error;
  GDateTime       *last_success;
  gint64           outbox_count;
  gint64           conflict_count;
  GHashTable      *conflicted;   /* "table\nid" → id of its open conflict */
  GTlsCertificate *untrusted;    /* where the last connect or cycle stopped */
  char            *untrusted_url;
  GPtrArray       *waiters;      /* tasks of sync_async() the running cycle answers */

  guint            debounce_id;
  guint            periodic_id;
  gulong           changed_id;
  gulong           network_id;

  LotseSyncState   state;
  guint            automatic : 1;
  guint            fetch_files_on_open : 1;
  guint            busy : 1;
  guint            again : 1;    /* another cycle after the running one */
  guint            offline : 1;  /* the last cycle could not reach the server */
  guint            asked : 1;    /* the running cycle asked about a certificate */
  guint            in_dispose : 1;
};

/* lotse-sync-engine.c */
gboolean  lotse_sync_engine_network_available (LotseSyncEngine  *self);
void      lotse_sync_engine_update_state      (LotseSyncEngine  *self);
void      lotse_sync_engine_reload_counts     (LotseSyncEngine  *self);
void      lotse_sync_engine_load_last_success (LotseSyncEngine  *self);
void      lotse_sync_engine_set_busy          (LotseSyncEngine  *self,
                                               gboolean          busy);
void      lotse_sync_engine_take_account      (LotseSyncEngine  *self,
                                               LotseSyncClient  *client,
                                               const char       *server_url,
                                               const char       *user,
                                               const char       *fingerprint);
void      lotse_sync_engine_set_last_error    (LotseSyncEngine  *self,
                                               const char       *message);
/* Asks whoever listens whether @certificate of @server_url may be trusted;
 * TRUE when it is now (pinned and kept with the account). */
gboolean  lotse_sync_engine_ask_certificate   (LotseSyncEngine  *self,
                                               const char       *server_url,
                                               GTlsCertificate  *certificate);

/* lotse-sync-engine-cycles.c */
void      lotse_sync_engine_watch             (LotseSyncEngine  *self);
void      lotse_sync_engine_schedule          (LotseSyncEngine  *self,
                                               guint             delay_ms);
void      lotse_sync_engine_start_cycle       (LotseSyncEngine  *self);
/* Stops a running cycle for good (signing out); later ones may run. */
void      lotse_sync_engine_stop_cycle        (LotseSyncEngine  *self);

/* lotse-sync-engine-account.c */
/* Reads the account of the store and the device token, if any. */
void      lotse_sync_engine_load_account      (LotseSyncEngine  *self);

G_END_DECLS
