/* lotse-server-cli.h: the command line of lotse-server
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#include "lotse-server-storage.h"

/* Exit status: 0 success, 1 error, 2 wrong usage, 69 the database could
 * not be reached (EX_UNAVAILABLE of sysexits.h). */
#define LOTSE_SERVER_EXIT_UNAVAILABLE 69

int lotse_server_cli_run   (int    argc,
                            char **argv);
/* @location: a data directory or a postgresql:// URI; @workspace may be NULL
 * (the default one). */
int lotse_server_admin_run (const char *location,
                            const char *workspace,
                            int         argc,
                            char      **argv);
int lotse_server_migrate_run (const char *workspace,
                              int         argc,
                              char      **argv);
/* The database at @location (a data directory is made private first). */
LotseServerStorage *lotse_server_open_location (const char  *location,
                                                GError     **error);
char *lotse_server_location_display (const char *location);
int   lotse_server_exit_status     (const GError *error);
char *lotse_server_database_path (const char *data_dir);
/* Creates @data_dir (0700) if needed. A data directory or database file
 * that others may read is made private, with a warning on stderr; FALSE
 * with @error when that is not possible. */
gboolean lotse_server_prepare_data_dir (const char  *data_dir,
                                        GError     **error);

G_END_DECLS
