/* lotse-sync-client-private.h: the parts of LotseSyncClient its files share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * lotse-sync-client.c is the object, its account and the login;
 * lotse-sync-http.c the HTTP exchanges and the network thread they run in;
 * lotse-sync-cycle.c a sync cycle, from GET /v1/info to the last page.
 */

#pragma once

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "lotse-sync-private.h"

G_BEGIN_DECLS

struct _LotseSyncClient
{
  GObject         parent_instance;

  LotseStore     *store;
  char           *server_url;  /* without a trailing slash */
  char           *user;
  char           *device_id;
  char           *token;
  SoupSession    *session;     /* created and used in the network thread */

  GTask          *cycle;       /* the running cycle, or NULL */
  GPtrArray      *waiters;     /* tasks that joined it */
  LotseSyncPhase  phase;
  LotseSyncStats  stats;       /* of the running or the last cycle */
  char           *server_id;
  gboolean        fetch_on_open; /* blobs only when opened, not after each cycle */
};

/* One HTTP exchange with retries on 429 (lotse-sync-http.c). */
typedef void (*LotseSyncRequestDone) (LotseSyncClient *self,
                                      guint            status,
                                      JsonNode        *body,
                                      GError          *error,
                                      gpointer         data);

/* An answer to GET /v1/sync/pull with status 200, read as a page. */
typedef void (*LotseSyncPageDone) (LotseSyncClient *self,
                                   LotseSyncPage   *page,
                                   gpointer         data);

void lotse_sync_client_send          (LotseSyncClient      *self,
                                      const char           *method,
                                      const char           *path,
                                      char                 *body,
                                      gboolean              authorized,
                                      GCancellable         *cancellable,
                                      LotseSyncRequestDone  done,
                                      gpointer              data);
void lotse_sync_client_send_pull     (LotseSyncClient      *self,
                                      const char           *path,
                                      GCancellable         *cancellable,
                                      LotseSyncRequestDone  done,
                                      LotseSyncPageDone     page_done,
                                      gpointer              data);
void lotse_sync_client_close_session (LotseSyncClient      *self);

/* For the cycle (lotse-sync-cycle.c) */
void lotse_sync_client_set_phase     (LotseSyncClient      *self,
                                      LotseSyncPhase        phase);
void lotse_sync_client_notify_busy   (LotseSyncClient      *self);
void lotse_sync_client_progress      (LotseSyncClient      *self,
                                      LotseSyncPhase        phase,
                                      guint64               count);

G_END_DECLS
