/* lotse-server-routes.c: the requests lotse-server answers, by workspace
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A request names its workspace with its path: /w/NAME/v1/… is workspace
 * NAME, /v1/… the workspace "default" (the one a server starts with, so
 * that clients that know nothing of workspaces go on working). A client
 * is pointed at https://host/w/NAME as its server address and adds /v1/…
 * as always. A token belongs to the workspace it signed in to and is
 * unknown in every other; a workspace that does not exist is 404
 * unknown_workspace for every path under it.
 */

#define G_LOG_DOMAIN "lotse-server"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "lotse-server-private.h"
#include "lotse-server-json.h"
#include "lotse-server-sync.h"
#include "lotse-portal-private.h"

/* Devices whose token lookups are kept, per workspace (see lookup_token()). */
#define TOKEN_CACHE_SIZE 1024

/* --- workspaces ------------------------------------------------------------ */

static LotseServerSpace *
space_new (LotseServerStorage *storage)
{
  LotseServerSpace *space = g_atomic_rc_box_new0 (LotseServerSpace);

  space->storage = storage;
  space->tokens = lotse_server_token_cache_new (TOKEN_CACHE_SIZE);

  return space;
}

static void
space_clear (LotseServerSpace *space)
{
  lotse_server_storage_free (space->storage);
  lotse_server_token_cache_free (space->tokens);
}

LotseServerSpace *
lotse_server_space_ref (LotseServerSpace *space)
{
  return g_atomic_rc_box_acquire (space);
}

void
lotse_server_space_unref (LotseServerSpace *space)
{
  g_atomic_rc_box_release_full (space, (GDestroyNotify)space_clear);
}

char *
lotse_server_account_key (LotseServerSpace *space,
                          const char       *account)
{
  return g_strconcat (space->storage->vtable->get_workspace (space->storage), "/", account, NULL);
}

/* Whatever was read of workspaces and tokens is forgotten when the
 * storage's auth_version moved (another process revoked a token, removed a
 * user or a workspace, gave a workspace a new id). Read before any lookup
 * of the request, so that nothing kept is newer than the version it is
 * kept under. */
static gboolean
check_auth_version (LotseServer  *self,
                    GError      **error)
{
  gint64 version = 0;

  if (self->storage->vtable->auth_version == NULL || self->auth_fresh)
    return TRUE;
  if (!self->storage->vtable->auth_version (self->storage, &version, error))
    return FALSE;

  if (version != self->auth_version)
    {
      g_hash_table_remove_all (self->spaces);
      self->auth_version = version;
    }
  return TRUE;
}

/* The workspace @name, or NULL when the message was answered (404, or the
 * storage failed). */
static LotseServerSpace *
resolve_space (LotseServer       *self,
               const char        *name,
               SoupServerMessage *msg)
{
  g_autoptr(GError) error = NULL;
  LotseServerStorage *storage;
  LotseServerSpace *space;

  if (check_auth_version (self, &error))
    {
      space = g_hash_table_lookup (self->spaces, name);
      if (space != NULL)
        return space;

      storage = self->storage->vtable->open_workspace (self->storage, name, &error);
      if (storage != NULL)
        {
          space = space_new (storage);
          g_hash_table_insert (self->spaces, g_strdup (name), space);
          return space;
        }
    }

  if (error == NULL)
    lotse_server_send_error_simple (msg, 404, "unknown_workspace", "There is no such workspace");
  else
    {
      g_warning (_("Could not open a workspace: %s"), error->message);
      lotse_server_send_storage_error (msg, error);
    }
  return NULL;
}

/* --- tokens --------------------------------------------------------------- */

static gboolean
token_expired (LotseServer              *self,
               const LotseServerSession *session)
{
  return self->config.token_idle > 0 &&
         g_get_real_time () / G_USEC_PER_SEC - session->last_used > self->config.token_idle;
}

/* How often the last use of a token is written: a write per request
 * would cost more than the request, and a day is precise enough for an
 * expiry of months. */
static gint64
touch_interval (LotseServer *self)
{
  if (self->config.token_idle == 0)
    return 24 * 3600;

  return CLAMP (self->config.token_idle / 10, 1, 24 * 3600);
}

/* The session of a token, from the workspace's cache (see
 * check_auth_version()). When its last use is to be written, *touch is
 * set and the session (and the cache) already say now. */
static LotseServerSession *
lookup_token (LotseServer       *self,
              LotseServerSpace  *space,
              const char        *token,
              gboolean          *touch,
              GError           **error)
{
  LotseServerStorage *storage = space->storage;
  gboolean caching = storage->vtable->auth_version != NULL;
  guint8 digest[LOTSE_SERVER_TOKEN_DIGEST];
  g_autofree char *hash = NULL;
  LotseServerSession *session = NULL;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  gboolean cached = TRUE;

  lotse_server_token_digest (token, digest);
  if (caching)
    {
      const LotseServerSession *entry = lotse_server_token_cache_lookup (space->tokens, digest);

      if (entry != NULL)
        session = lotse_server_session_copy (entry);
    }

  if (session == NULL)
    {
      hash = lotse_server_token_digest_to_hex (digest);
      session = storage->vtable->token_lookup (storage, hash, error);
      if (session == NULL)
        return NULL;
      cached = FALSE;
    }

  /* An expired token is not touched: it stays expired. */
  *touch = !token_expired (self, session) && now - session->last_used >= touch_interval (self);
  if (*touch)
    session->last_used = now;
  if (caching && (!cached || *touch))
    lotse_server_token_cache_insert (space->tokens, digest, session);

  return session;
}

static void
note_session (LotseServerSpace         *space,
              SoupServerMessage        *msg,
              const LotseServerSession *session,
              gboolean                  touch)
{
  RequestInfo *info = lotse_server_request_info (msg);

  if (info == NULL)
    return;

  g_free (info->user);
  info->user = g_strdup (session->account);
  if (touch)
    {
      g_free (info->touch_device);
      info->touch_device = g_strdup (session->device_id);
      g_clear_pointer (&info->touch_space, lotse_server_space_unref);
      info->touch_space = lotse_server_space_ref (space);
    }
}

LotseServerSession *
lotse_server_authenticate (LotseServer       *self,
              LotseServerSpace  *space,
              SoupServerMessage *msg)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  const char *authorization = soup_message_headers_get_one (headers, "Authorization");
  g_autoptr(LotseServerSession) session = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *key = NULL;
  guint retry_after = 0;
  gboolean touch = FALSE;

  /* Device tokens are base64url: a ':' is never one of them, and would
   * let the text a portal session or calendar feed is hashed from
   * ("portal:…", "feed:…", see lotse-portal.c) pass for a device token. */
  if (authorization == NULL || g_ascii_strncasecmp (authorization, "Bearer ", 7) != 0 ||
      strlen (authorization + 7) == 0 || strlen (authorization + 7) > 256 ||
      strchr (authorization + 7, ':') != NULL)
    {
      lotse_server_send_error_simple (msg, 401, "unauthorized", "A valid device token is required");
      return NULL;
    }

  session = lookup_token (self, space, authorization + 7, &touch, &error);
  if (session == NULL)
    {
      if (error != NULL)
        {
          g_warning (_("Could not look up a device token: %s"), error->message);
          lotse_server_send_storage_error (msg, error);
        }
      else
        lotse_server_send_error_simple (msg, 401, "unauthorized", "A valid device token is required");
      return NULL;
    }

  note_session (space, msg, session, touch);
  if (token_expired (self, session))
    {
      lotse_server_send_error_simple (msg, 401, "token_expired",
                                      "The device token was not used for too long; sign in again");
      return NULL;
    }

  key = lotse_server_account_key (space, session->account);
  if (!lotse_server_limiter_take (self->account_limiter, key, g_get_monotonic_time (), &retry_after))
    {
      lotse_server_send_retry_after (msg, retry_after);
      return NULL;
    }

  return g_steal_pointer (&session);
}

/* --- the requests ------------------------------------------------------------ */

static void
handle_info (LotseServer       *self,
             LotseServerSpace  *space,
             SoupServerMessage *msg)
{
  LotseServerStorage *storage = space->storage;

  /* The server id is a UUID the storage made, the workspace name checked:
   * nothing to escape. */
  lotse_server_set_json_text (msg, 200,
                              g_strdup_printf ("{\"server_id\":\"%s\",\"workspace\":\"%s\",\"protocol\":[1,2],"
                                               "\"max_body\":%" G_GSIZE_FORMAT ",\"max_batch\":%u}",
                                               storage->vtable->get_server_id (storage),
                                               storage->vtable->get_workspace (storage),
                                               self->config.max_body, self->config.max_batch));
}

static void
handle_logout (LotseServer       *self,
               LotseServerSpace  *space,
               SoupServerMessage *msg)
{
  SoupMessageBody *body = soup_server_message_get_request_body (msg);
  LotseServerStorage *storage = space->storage;
  g_autoptr(LotseServerSession) session = NULL;
  g_autoptr(LotseServerError) parse_error = NULL;
  g_autoptr(GError) error = NULL;

  /* No body is needed; one that is sent is JSON like every other. */
  if (body->length > 0 && !lotse_server_json_check (body->data, body->length, NULL, &parse_error))
    {
      lotse_server_send_error (msg, parse_error);
      return;
    }

  session = lotse_server_authenticate (self, space, msg);
  if (session == NULL)
    return;

  /* Whatever happens below, no cached lookup may outlive this. */
  lotse_server_token_cache_clear (space->tokens);
  if (storage->vtable->revoke_device (storage, session->device_id, &error) < 0)
    {
      g_warning (_("Could not revoke a token: %s"), error->message);
      lotse_server_send_storage_error (msg, error);
      return;
    }

  soup_server_message_set_status (msg, 200, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_STATIC, "{}", 2);
}

/* A test holds a push between its last write and its commit: the server
 * waits (the whole process: it serves nobody meanwhile) until the test
 * writes a byte into LOTSE_SERVER_FAULT_FIFO. */
static void
fault_pause (void)
{
  const char *path = g_getenv ("LOTSE_SERVER_FAULT_FIFO");
  char byte;
  int fd;

  fprintf (stderr, "LOTSE_SERVER_FAULT: pausing before commit\n");
  fd = path != NULL ? open (path, O_RDONLY | O_CLOEXEC) : -1;
  if (fd < 0 || read (fd, &byte, 1) != 1)
    g_warning ("LOTSE_SERVER_FAULT_FIFO could not be read");
  if (fd >= 0)
    close (fd);
}

static void
fault_hook (LotseServerFaultPoint point,
            gpointer              user_data)
{
  LotseServer *self = user_data;

  if (self->fault_point < 0 || (int)point != self->fault_point)
    return;

  if (++self->fault_pushes == self->fault_nth && self->fault_pause)
    fault_pause ();
  else if (self->fault_pushes >= self->fault_nth && !self->fault_pause)
    {
      lotse_server_log_flush (self->log);
      fprintf (stderr, "LOTSE_SERVER_FAULT: exiting %s commit\n",
               point == LOTSE_SERVER_FAULT_BEFORE_COMMIT ? "before" : "after");
      _exit (99);
    }
}

static void
handle_push (LotseServer       *self,
             LotseServerSpace  *space,
             SoupServerMessage *msg)
{
  SoupMessageBody *body = soup_server_message_get_request_body (msg);
  g_autoptr(LotseServerSession) session = lotse_server_authenticate (self, space, msg);
  g_autoptr(LotseServerError) parse_error = NULL;
  g_autoptr(LotseServerError) refused = NULL;
  g_autoptr(LotseServerPush) push = NULL;
  g_autoptr(GError) error = NULL;
  char *result;

  if (session == NULL)
    return;

  if (g_strcmp0 (session->role, "reader") == 0)
    {
      lotse_server_send_error_simple (msg, 403, "read_only", "This account may read but not change data");
      return;
    }

  push = lotse_server_parse_push (body->data, body->length, self->config.max_batch, &parse_error);
  if (push == NULL)
    {
      lotse_server_send_error (msg, parse_error);
      return;
    }

  if (g_strcmp0 (push->device_id, session->device_id) != 0)
    {
      g_autoptr(LotseServerError) mismatch =
        lotse_server_error_new (400, "device_mismatch", "device_id", -1,
                                "The device_id is not the device of this token");

      lotse_server_send_error (msg, mismatch);
      return;
    }

  result = lotse_server_sync_push (space->storage, session, push,
                                   fault_hook, self, &refused, &error);
  if (result == NULL && refused != NULL)
    {
      lotse_server_send_error (msg, refused);
      return;
    }
  if (result == NULL)
    {
      g_warning (_("Could not store pushed changes: %s"), error->message);
      lotse_server_send_storage_error (msg, error);
      return;
    }

  lotse_server_set_json_text (msg, 200, result);
}

/* Checking the token and reading the rows share one read transaction
 * where the storage has one: one snapshot, and for a pull with nothing
 * new most of the cost of SQLite's part is starting and ending it. */
static void
handle_pull (LotseServer       *self,
             LotseServerSpace  *space,
             SoupServerMessage *msg)
{
  LotseServerStorage *storage = space->storage;
  const LotseServerStorageVTable *vtable = storage->vtable;
  g_autoptr(LotseServerSession) session = NULL;
  g_autoptr(LotseServerError) error = NULL;
  g_autoptr(LotseServerPull) pull = NULL;
  g_autoptr(GError) begin_error = NULL;
  gboolean in_read = FALSE;
  char *result = NULL;

  if (vtable->begin_read != NULL)
    {
      in_read = vtable->begin_read (storage, &begin_error);
      if (!in_read)
        g_warning (_("Could not begin reading: %s"), begin_error->message);
    }

  session = lotse_server_authenticate (self, space, msg);
  if (session != NULL)
    {
      pull = lotse_server_parse_pull (g_uri_get_query (soup_server_message_get_uri (msg)), &error);
      if (pull != NULL)
        result = lotse_server_sync_pull (storage, pull, NULL, &error);
    }

  if (in_read)
    vtable->end_read (storage);

  if (session == NULL)
    return;
  if (result == NULL)
    lotse_server_send_error (msg, error);
  else
    lotse_server_set_json_text (msg, 200, result);
}

static void
handle_history (LotseServer       *self,
                LotseServerSpace  *space,
                SoupServerMessage *msg,
                const char        *table_name,
                const char        *id)
{
  g_autoptr(LotseServerSession) session = lotse_server_authenticate (self, space, msg);
  g_autoptr(LotseServerError) error = NULL;
  g_autoptr(JsonNode) result = NULL;
  const LotseTable *table;

  if (session == NULL)
    return;

  table = lotse_schema_lookup_table (table_name);
  if (table == NULL || !lotse_is_uuid (id))
    {
      lotse_server_send_error_simple (msg, 404, "not_found", "The server has no such row");
      return;
    }

  result = lotse_server_sync_history (space->storage, table, id, &error);
  if (result == NULL)
    lotse_server_send_error (msg, error);
  else
    lotse_server_set_json (msg, 200, result);
}

/* --- routing ---------------------------------------------------------------- */

typedef enum
{
  ROUTE_NONE,
  ROUTE_INFO,
  ROUTE_LOGIN,
  ROUTE_LOGOUT,
  ROUTE_PUSH,
  ROUTE_PULL,
  ROUTE_HISTORY,
  ROUTE_BLOB,
} Route;

static const struct
{
  const char *path;
  const char *method;
} routes[] = {
  [ROUTE_INFO] = { "/v1/info", "GET" },
  [ROUTE_LOGIN] = { "/v1/auth/login", "POST" },
  [ROUTE_LOGOUT] = { "/v1/auth/logout", "POST" },
  [ROUTE_PUSH] = { "/v1/sync/push", "POST" },
  [ROUTE_PULL] = { "/v1/sync/pull", "GET" },
  [ROUTE_HISTORY] = { NULL, "GET" },       /* /v1/items/{table}/{id}/history */
  [ROUTE_BLOB] = { NULL, "GET, HEAD, PUT" }, /* /v1/blobs/{sha256} */
};

/* Splits /w/NAME/rest into the workspace and the rest; a path without
 * /w/ is the default workspace's. FALSE for a path no workspace has. */
static gboolean
split_workspace (const char  *path,
                 char       **name,
                 const char **rest)
{
  const char *end;

  if (!g_str_has_prefix (path, "/w/"))
    {
      *name = g_strdup (LOTSE_SERVER_DEFAULT_WORKSPACE);
      *rest = path;
      return TRUE;
    }

  end = strchr (path + 3, '/');
  if (end == NULL)
    return FALSE;

  *name = g_strndup (path + 3, end - (path + 3));
  *rest = end;
  return lotse_server_is_valid_workspace_name (*name);
}

static Route
find_route (const char  *path,
            GStrv       *parts)
{
  for (guint i = 0; i < G_N_ELEMENTS (routes); i++)
    {
      if (routes[i].path != NULL && g_str_equal (path, routes[i].path))
        return i;
    }

  *parts = g_strsplit (path, "/", 0);
  if (g_strv_length (*parts) == 6 && (*parts)[0][0] == '\0' && g_str_equal ((*parts)[1], "v1") &&
      g_str_equal ((*parts)[2], "items") && g_str_equal ((*parts)[5], "history"))
    return ROUTE_HISTORY;
  if (g_strv_length (*parts) == 4 && (*parts)[0][0] == '\0' && g_str_equal ((*parts)[1], "v1") &&
      g_str_equal ((*parts)[2], "blobs"))
    return ROUTE_BLOB;

  return ROUTE_NONE;
}

static gboolean
check_method (SoupServerMessage *msg,
              const char        *method)
{
  const char *given = soup_server_message_get_method (msg);
  g_auto(GStrv) allowed = g_strsplit (method, ", ", 0);

  if (given != NULL && g_strv_contains ((const char * const *)allowed, given))
    return TRUE;

  soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Allow", method);
  lotse_server_send_error_simple (msg, 405, "method_not_allowed", "This path does not take this method");
  return FALSE;
}

static void
dispatch_portal (LotseServer       *self,
                 SoupServerMessage *msg,
                 const char        *name,
                 const char        *path,
                 const char        *rest)
{
  g_autofree char *base = g_strndup (path, rest - path);
  g_autoptr(GError) error = NULL;
  LotseServerSpace *space;

  if (self->portal == NULL && (self->portal = lotse_portal_new (self->config.location, &error)) == NULL)
    {
      g_warning ("%s", error->message);
      lotse_server_send_error_simple (msg, 500, "internal_error", "The portal could not start");
      return;
    }

  space = resolve_space (self, name, msg);
  if (space != NULL)
    lotse_portal_handle (self->portal, self, space, msg, name, base, rest);
}

/* --- pulls answered together ------------------------------------------------- */

/* A pull costs the read of auth_version and, with nothing new, nothing
 * else: on PostgreSQL that round trip was most of the database's and a
 * good part of the server's CPU per pull. Pulls are therefore paused
 * when they arrive and answered together once the main loop has read
 * what else arrived meanwhile (the source below, at the priority of
 * libsoup's reads, runs in the main loop's next round): one read of
 * auth_version for all of them. That read is sent after every one of
 * them was read from its connection, so it sees whatever was revoked
 * before any of them was sent, as the read per request did: a token
 * revoked through another process is still refused on its next request.
 * A pull that arrives while the batch is answered waits for the next.
 * Only where that read is a round trip (PostgreSQL): SQLite's is a read
 * within the process, cheaper than the pause and unpause. */
typedef struct
{
  SoupServerMessage *msg;
  char              *path;
} WaitingPull;

static void
waiting_pull_free (WaitingPull *waiting)
{
  g_object_unref (waiting->msg);
  g_free (waiting->path);
  g_free (waiting);
}

static gboolean
answer_waiting_pulls (gpointer user_data)
{
  LotseServer *self = user_data;
  g_autoptr(GError) error = NULL;
  GQueue batch = self->waiting_pulls;
  WaitingPull *waiting;

  g_queue_init (&self->waiting_pulls);
  g_clear_pointer (&self->pulls_source, g_source_unref);

  /* Should the read fail, each pull reads again and answers the error. */
  self->answering_pulls = TRUE;
  self->auth_fresh = check_auth_version (self, &error);
  while ((waiting = g_queue_pop_head (&batch)) != NULL)
    {
      RequestInfo *info = lotse_server_request_info (waiting->msg);

      /* libsoup 3.2 complains when the client has gone meanwhile. */
      if (info == NULL || info->connection == NULL || !lotse_server_connection_is_closed (info->connection))
        {
          lotse_server_dispatch (self, waiting->msg, waiting->path);
          soup_server_message_unpause (waiting->msg);
        }
      waiting_pull_free (waiting);
    }
  self->auth_fresh = FALSE;
  self->answering_pulls = FALSE;

  return G_SOURCE_REMOVE;
}

/* TRUE when @msg, a pull, was paused to be answered with others. */
static gboolean
defer_pull (LotseServer       *self,
            SoupServerMessage *msg,
            const char        *path)
{
  WaitingPull *waiting;

  if (!self->storage->vtable->batch_auth_version || self->answering_pulls)
    return FALSE;

  waiting = g_new0 (WaitingPull, 1);
  waiting->msg = g_object_ref (msg);
  waiting->path = g_strdup (path);
  g_queue_push_tail (&self->waiting_pulls, waiting);
  soup_server_message_pause (msg);

  if (self->pulls_source == NULL)
    {
      self->pulls_source = g_idle_source_new ();
      g_source_set_priority (self->pulls_source, G_PRIORITY_DEFAULT);
      g_source_set_callback (self->pulls_source, answer_waiting_pulls, self, NULL);
      g_source_set_static_name (self->pulls_source, "lotse-server pulls");
      g_source_attach (self->pulls_source, g_main_context_get_thread_default ());
    }
  return TRUE;
}

/* At the server's end: the paused pulls are dropped unanswered. */
void
lotse_server_drop_waiting_pulls (LotseServer *self)
{
  if (self->pulls_source != NULL)
    g_source_destroy (self->pulls_source);
  g_clear_pointer (&self->pulls_source, g_source_unref);
  g_queue_clear_full (&self->waiting_pulls, (GDestroyNotify)waiting_pull_free);
}

void
lotse_server_dispatch (LotseServer       *self,
                       SoupServerMessage *msg,
                       const char        *path)
{
  g_auto(GStrv) parts = NULL;
  g_autofree char *name = NULL;
  LotseServerSpace *space;
  const char *rest;
  Route route = ROUTE_NONE;

  gboolean valid = split_workspace (path, &name, &rest);

  if (valid && self->config.portal && lotse_portal_claims (rest))
    {
      dispatch_portal (self, msg, name, path, rest);
      return;
    }
  if (valid)
    route = find_route (rest, &parts);
  if (route == ROUTE_NONE)
    {
      lotse_server_send_error_simple (msg, 404, "not_found", "There is nothing at this path");
      return;
    }
  if (!check_method (msg, routes[route].method))
    return;
  if (route == ROUTE_PULL && defer_pull (self, msg, path))
    return;

  space = resolve_space (self, name, msg);
  if (space == NULL)
    return;

  switch (route)
    {
    case ROUTE_INFO:
      handle_info (self, space, msg);
      break;
    case ROUTE_LOGIN:
      lotse_server_handle_login (self, space, msg);
      break;
    case ROUTE_LOGOUT:
      handle_logout (self, space, msg);
      break;
    case ROUTE_PUSH:
      handle_push (self, space, msg);
      break;
    case ROUTE_PULL:
      handle_pull (self, space, msg);
      break;
    case ROUTE_HISTORY:
      handle_history (self, space, msg, parts[3], parts[4]);
      break;
    case ROUTE_BLOB:
      lotse_server_handle_blob (self, space, msg, parts[3]);
      break;
    case ROUTE_NONE:
    default:
      g_assert_not_reached ();
    }
}
