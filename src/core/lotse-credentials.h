/* lotse-credentials.h: where a device token is kept
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  LOTSE_CREDENTIALS_KEYRING,  /* the Secret Service (GNOME Keyring, KWallet) */
  LOTSE_CREDENTIALS_FILE,     /* a 0600 file <database>.token beside the database */
} LotseCredentialsBackend;

char     *lotse_credentials_file_path (const char               *db_path);
gboolean  lotse_credentials_lookup    (const char               *db_path,
                                       const char               *server_url,
                                       const char               *user,
                                       char                    **out_device_id,
                                       char                    **out_token,
                                       LotseCredentialsBackend  *out_backend,
                                       GError                  **error);
gboolean  lotse_credentials_store     (const char               *db_path,
                                       const char               *server_url,
                                       const char               *user,
                                       const char               *device_id,
                                       const char               *token,
                                       LotseCredentialsBackend  *out_backend,
                                       GError                  **error);
gboolean  lotse_credentials_forget    (const char               *db_path,
                                       const char               *server_url,
                                       const char               *user,
                                       GError                  **error);

G_END_DECLS
