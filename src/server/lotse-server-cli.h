/* lotse-server-cli.h: the command line of lotse-server
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Exit status: 0 success, 1 error, 2 wrong usage. */
int lotse_server_cli_run   (int    argc,
                            char **argv);
int lotse_server_admin_run (const char *data_dir,
                            int         argc,
                            char      **argv);
char *lotse_server_database_path (const char *data_dir);
/* Creates @data_dir (0700) if needed. A data directory or database file
 * that others may read is made private, with a warning on stderr; FALSE
 * with @error when that is not possible. */
gboolean lotse_server_prepare_data_dir (const char  *data_dir,
                                        GError     **error);

G_END_DECLS
