/* lotse-server-auth.h: passwords and device tokens of lotse-server
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "lotse-server-storage.h"

G_BEGIN_DECLS

char     *lotse_server_hash_password   (const char  *password,
                                        GError     **error);
gboolean  lotse_server_check_password  (const char  *password,
                                        const char  *hash);
/* A hash to check against when the user does not exist, so that an
 * unknown name takes as long as a wrong password. */
const char *lotse_server_dummy_hash    (void);
char     *lotse_server_new_token       (GError     **error);
char     *lotse_server_hash_token      (const char  *token);
/* The SHA-256 of a token, raw; lotse_server_hash_token() is its hex form,
 * the one the storage keeps. */
#define LOTSE_SERVER_TOKEN_DIGEST 32
void      lotse_server_token_digest    (const char  *token,
                                        guint8       digest[LOTSE_SERVER_TOKEN_DIGEST]);
char     *lotse_server_token_digest_to_hex (const guint8 digest[LOTSE_SERVER_TOKEN_DIGEST]);
gboolean  lotse_server_is_valid_role   (const char  *role);
gboolean  lotse_server_is_valid_user_name (const char *name);

/* Sessions of valid tokens by token digest, so that a request with a
 * known token costs no SHA-256 text and no token query. The cache holds
 * digests, never tokens. It is only as good as its invalidation: the
 * server empties it whenever the storage's auth_version changes (another
 * process, e.g. `lotse-server token revoke`, committed something) and
 * whenever it revokes a token itself. Unknown tokens are never cached. */
typedef struct _LotseServerTokenCache LotseServerTokenCache;

LotseServerTokenCache    *lotse_server_token_cache_new         (guint                     max_entries);
void                      lotse_server_token_cache_free        (LotseServerTokenCache    *self);
/* Empties the cache when @version differs from the last one seen. */
void                      lotse_server_token_cache_set_version (LotseServerTokenCache    *self,
                                                                gint64                    version);
void                      lotse_server_token_cache_clear       (LotseServerTokenCache    *self);
/* Returns the cached session (owned by the cache) or NULL. */
const LotseServerSession *lotse_server_token_cache_lookup      (LotseServerTokenCache    *self,
                                                                const guint8              digest[LOTSE_SERVER_TOKEN_DIGEST]);
/* Keeps a copy of @session; a full cache starts again from empty. */
void                      lotse_server_token_cache_insert      (LotseServerTokenCache    *self,
                                                                const guint8              digest[LOTSE_SERVER_TOKEN_DIGEST],
                                                                const LotseServerSession *session);
guint                     lotse_server_token_cache_size        (LotseServerTokenCache    *self);
LotseServerSession       *lotse_server_session_copy            (const LotseServerSession *session);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LotseServerTokenCache, lotse_server_token_cache_free)

G_END_DECLS
