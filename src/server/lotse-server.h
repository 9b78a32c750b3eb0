/* lotse-server.h: the HTTP side of lotse-server
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <libsoup/soup.h>

#include "lotse-server-storage.h"

G_BEGIN_DECLS

#define LOTSE_SERVER_DEFAULT_MAX_BODY  (32 * 1024 * 1024)
/* Changes per push. A push's commit writes each page it changed to the
 * WAL and the checkpoint copies it again; with keys spread all over the
 * rows and history (random UUIDs), 1,000 changes dirtied about 1,700
 * pages at 100,000 rows, 4,000 changes about 3,400: half the writes per
 * change. The body stays far below max_body (about 3 MB). */
#define LOTSE_SERVER_DEFAULT_MAX_BATCH 4000
#define LOTSE_SERVER_DEFAULT_RATE      100.0
#define LOTSE_SERVER_DEFAULT_BURST     500.0
#define LOTSE_SERVER_DEFAULT_TOKEN_IDLE_DAYS 90
#define LOTSE_SERVER_DEFAULT_MAX_BLOB  (G_GINT64_CONSTANT (100) * 1024 * 1024)

typedef struct
{
  gsize   max_body;       /* bytes */
  guint   max_batch;      /* changes per push */
  double  rate;           /* requests per second per address and per account; 0 = off */
  double  burst;          /* requests a bucket can save up */
  guint   shutdown_grace; /* seconds in-flight requests get after SIGTERM */
  guint   request_timeout;/* seconds from a request's first byte to its answer; 0 = none */
  gint64  token_idle;     /* seconds a device token may go unused; 0 = for ever */
  gboolean portal;        /* serve the web portal and calendar feeds */
  const char *blob_dir;   /* where workspaces keep their blobs; NULL = no blobs */
  gint64  max_blob;       /* bytes of one blob (413 above) */
  gint64  blob_quota;     /* bytes of blobs per workspace (507 above); 0 = none */
  const char *location;   /* of the storage, for the portal's threads; outlives the server */
} LotseServerConfig;

void lotse_server_config_init (LotseServerConfig *config);

#define LOTSE_TYPE_SERVER (lotse_server_get_type ())

G_DECLARE_FINAL_TYPE (LotseServer, lotse_server, LOTSE, SERVER, GObject)

/* Takes ownership of @storage, the handle of the database (of no
 * workspace): requests name theirs (lotse-server-routes.c). */
LotseServer *lotse_server_new            (LotseServerStorage       *storage,
                                          const LotseServerConfig  *config);
/* @address: "ADDR:PORT" with a numeric address ("[::1]:8080" for IPv6);
 * port 0 picks a free port. Returns the base URL, e.g. http://127.0.0.1:8080 */
char        *lotse_server_listen         (LotseServer              *self,
                                          const char               *address,
                                          GTlsCertificate          *certificate,
                                          GError                  **error);
/* Stops taking new requests (503) and emits ::idle once the requests in
 * flight are answered. */
void         lotse_server_begin_shutdown (LotseServer              *self);
guint        lotse_server_get_in_flight  (LotseServer              *self);

G_END_DECLS
