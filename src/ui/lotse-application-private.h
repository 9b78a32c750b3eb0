/* lotse-application-private.h: internals for the tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "lotse-application.h"

G_BEGIN_DECLS

/* Which database the next window opens, as --database does. */
void lotse_application_set_database_path (LotseApplication *self,
                                          const char       *path);
/* Uses an already open store; the next window shows it. */
void lotse_application_set_store         (LotseApplication *self,
                                          LotseStore       *store);
/* The help page F1 opens for a view of the window */
char *lotse_application_get_help_uri     (const char       *view);

G_END_DECLS
