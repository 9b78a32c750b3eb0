/* lotse-server-auth.h: passwords and device tokens of lotse-server
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

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
gboolean  lotse_server_is_valid_role   (const char  *role);
gboolean  lotse_server_is_valid_user_name (const char *name);

G_END_DECLS
