/* lotse-collate-private.h: sorting text as the person's language does
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>
#include <sqlite3.h>

G_BEGIN_DECLS

/* Append to a text column in an ORDER BY that a person reads: "Äpfel"
 * before "Zukunft" and "eGovernment" among the E in German, as the
 * locale's LC_COLLATE says. Only in ORDER BY: an index or a comparison in
 * WHERE with it would depend on the locale of whoever wrote the file. */
#define LOTSE_COLLATE " COLLATE lotse_locale"

/* Registers the collation "lotse_locale" on @db; lotse_store_open() does
 * it on every connection it opens. */
gboolean lotse_collate_register (sqlite3  *db,
                                 GError  **error);

G_END_DECLS
