/* lotse-server-private.h: what the parts of the HTTP side share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * lotse-server.c serves requests and routes them to a workspace;
 * lotse-server-login.c signs devices in.
 */

#pragma once

#include "lotse-server.h"
#include "lotse-server-auth.h"
#include "lotse-server-connection.h"
#include "lotse-server-limits.h"
#include "lotse-server-listener.h"
#include "lotse-server-log.h"
#include "lotse-server-request.h"
#include "lotse-portal.h"

G_BEGIN_DECLS

/* A workspace the server has served: its storage handle and the sessions
 * of its valid tokens. Kept while the storage's auth_version stays the
 * same (a workspace removed, a token revoked by another process: all are
 * dropped and opened again). Reference counted: a login in progress
 * keeps its own. */
typedef struct
{
  LotseServerStorage    *storage;
  LotseServerTokenCache *tokens;
} LotseServerSpace;

LotseServerSpace *lotse_server_space_ref   (LotseServerSpace *space);
void              lotse_server_space_unref (LotseServerSpace *space);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LotseServerSpace, lotse_server_space_unref)

struct _LotseServer
{
  GObject              parent_instance;

  LotseServerStorage  *storage;         /* of the database: no workspace */
  LotseServerConfig    config;
  SoupServer          *soup;
  LotseServerLimiter  *address_limiter;
  LotseServerLimiter  *account_limiter;
  LotseServerLimiter  *login_limiter;
  LotseServerBackoff  *login_backoff;   /* when the storage does not keep them */

  GHashTable          *spaces;          /* name → LotseServerSpace */
  gint64               auth_version;
  /* Pulls waiting, paused, for one read of auth_version for all of them
   * (lotse-server-routes.c, defer_pull()). */
  GQueue               waiting_pulls;
  GSource             *pulls_source;
  gboolean             answering_pulls;
  gboolean             auth_fresh;      /* auth_version read after each waiting pull arrived */

  guint                in_flight;
  gboolean             shutting_down;

  LotseServerListener *listener;
  GMainContext        *dormant;         /* see lotse_server_listen() */
  GHashTable          *connections;     /* LotseServerConnection, a reference each */
  guint                sweep_id;
  GQueue               requests;        /* RequestInfo in flight, oldest first */

  LotseServerLog      *log;
  LotsePortal         *portal;          /* made on the first portal request */

  /* LOTSE_SERVER_FAULT=exit-before-commit[:N] | exit-after-commit[:N] |
   * pause-before-commit[:N] (with LOTSE_SERVER_FAULT_FIFO) */
  int                  fault_point;     /* -1 = none */
  gboolean             fault_pause;
  guint                fault_nth;
  guint                fault_pushes;
};

typedef struct
{
  LotseServer *server;
  LotseServerConnection *connection;  /* NULL for a message not accepted here */
  gint64       started_us;
  char        *user;
  LotseServerSpace *touch_space;      /* whose device's token use is written when done */
  char        *touch_device;
  gsize        body_seen;
  gboolean     counted;     /* reached the early handler: in flight */
  gboolean     done;        /* logged (answered, or given up at its deadline) */
  SoupServerMessage *msg;   /* not a reference: the message owns this */
  GList        link;        /* in LotseServer.requests until done */
} RequestInfo;

RequestInfo *lotse_server_request_info      (SoupServerMessage      *msg);
const char  *lotse_server_request_address   (SoupServerMessage      *msg);
void         lotse_server_set_json          (SoupServerMessage      *msg,
                                             guint                   status,
                                             JsonNode               *node);
/* Takes @text. */
void         lotse_server_set_json_text     (SoupServerMessage      *msg,
                                             guint                   status,
                                             char                   *text);
void         lotse_server_send_error        (SoupServerMessage      *msg,
                                             const LotseServerError *error);
void         lotse_server_send_error_simple (SoupServerMessage      *msg,
                                             guint                   status,
                                             const char             *code,
                                             const char             *message);
/* 507, 503 (with Retry-After) or 500, as lotse_server_storage_failure(). */
void         lotse_server_send_storage_error (SoupServerMessage     *msg,
                                              const GError          *error);
void         lotse_server_send_retry_after  (SoupServerMessage      *msg,
                                             guint                   seconds);
/* The key of an account in the limits: accounts of different workspaces
 * may share a name. */
char        *lotse_server_account_key       (LotseServerSpace       *space,
                                             const char             *account);

/* lotse-server-routes.c */
void         lotse_server_dispatch          (LotseServer            *self,
                                             SoupServerMessage      *msg,
                                             const char             *path);
void         lotse_server_drop_waiting_pulls (LotseServer           *self);

LotseServerSession *lotse_server_authenticate (LotseServer           *self,
                                              LotseServerSpace      *space,
                                              SoupServerMessage     *msg);

/* lotse-server-blobs.c */
void         lotse_server_handle_blob       (LotseServer            *self,
                                             LotseServerSpace       *space,
                                             SoupServerMessage      *msg,
                                             const char             *sha256);
gboolean     lotse_server_is_blob_path      (const char             *path);

/* lotse-server-login.c */
typedef void (*LotseServerLoginFunc) (LotseServer              *self,
                                      LotseServerSpace         *space,
                                      SoupServerMessage        *msg,
                                      const LotseServerLogin   *login,
                                      const LotseServerAccount *account);

void         lotse_server_handle_login      (LotseServer            *self,
                                             LotseServerSpace       *space,
                                             SoupServerMessage      *msg);
void         lotse_server_check_login       (LotseServer            *self,
                                             LotseServerSpace       *space,
                                             SoupServerMessage      *msg,
                                             LotseServerLogin       *login,
                                             LotseServerLoginFunc    done);

G_END_DECLS
