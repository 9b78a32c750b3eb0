/* lotse-search-private.h: what the store needs of the search code
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <sqlite3.h>

#include "lotse-search.h"

G_BEGIN_DECLS

/* Registers the FTS5 tokenizer “lotse” on @db; the search tables' triggers
 * need it on every connection that writes the data tables. */
gboolean lotse_search_register_tokenizer (sqlite3  *db,
                                          GError  **error);

/* Folds one token of unicode61 (lower case, diacritics removed) for German
 * spellings: ß → ss, ae/oe/ue → a/o/u. @out needs @len bytes; returns the
 * folded length, which is never longer. */
int      lotse_search_fold_token         (const char *token,
                                          int         len,
                                          char       *out);

/* Defers the indexing of inserted rows to lotse_search_defer_end(), in the
 * same transaction (see migrations/005-search-deferred.sql). */
gboolean lotse_search_defer_begin        (LotseStore  *store,
                                          GError     **error);
gboolean lotse_search_defer_end          (LotseStore  *store,
                                          GError     **error);

G_END_DECLS
