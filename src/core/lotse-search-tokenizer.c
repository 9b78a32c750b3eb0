/* lotse-search-tokenizer.c: the FTS5 tokenizer “lotse”
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * unicode61 with remove_diacritics 2, whose tokens are folded for German
 * spellings (ß and ss, ä and ae are the same word), on both sides: what
 * is indexed and what is searched. It is registered on every connection
 * of the store, since the search tables' triggers need it.
 */

#define G_LOG_DOMAIN "lotse-search"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "lotse-error.h"
#include "lotse-search-private.h"

int
lotse_search_fold_token (const char *token,
                         int         len,
                         char       *out)
{
  const guchar *in = (const guchar *) token;
  int n = 0;

  for (int i = 0; i < len; i++)
    {
      /* ß (U+00DF) and ẞ (U+1E9E) */
      if (in[i] == 0xC3 && i + 1 < len && in[i + 1] == 0x9F)
        {
          out[n++] = 's';
          out[n++] = 's';
          i += 1;
          continue;
        }
      if (in[i] == 0xE1 && i + 2 < len && in[i + 1] == 0xBA && in[i + 2] == 0x9E)
        {
          out[n++] = 's';
          out[n++] = 's';
          i += 2;
          continue;
        }

      out[n++] = in[i];

      /* unicode61 already made ä an a; the spelling without umlauts (ae)
       * is made the same. Words like “Feuer” fold too, on both sides. */
      if ((in[i] == 'a' || in[i] == 'o' || in[i] == 'u') && i + 1 < len && in[i + 1] == 'e')
        i += 1;
    }

  return n;
}

typedef struct
{
  fts5_tokenizer  parent;
  Fts5Tokenizer  *parent_instance;
} FoldTokenizer;

typedef struct
{
  void *ctx;
  int (*token) (void *ctx, int flags, const char *token, int len, int start, int end);
} FoldContext;

static int
fold_tokenizer_create (void           *user_data,
                       const char    **args G_GNUC_UNUSED,
                       int             n_args G_GNUC_UNUSED,
                       Fts5Tokenizer **out)
{
  fts5_api *api = user_data;
  const char *parent_args[] = { "remove_diacritics", "2" };
  void *parent_data = NULL;
  FoldTokenizer *tokenizer;
  int rc;

  tokenizer = sqlite3_malloc (sizeof *tokenizer);
  if (tokenizer == NULL)
    return SQLITE_NOMEM;
  memset (tokenizer, 0, sizeof *tokenizer);

  rc = api->xFindTokenizer (api, "unicode61", &parent_data, &tokenizer->parent);
  if (rc == SQLITE_OK)
    rc = tokenizer->parent.xCreate (parent_data, parent_args, G_N_ELEMENTS (parent_args),
                                    &tokenizer->parent_instance);
  if (rc != SQLITE_OK)
    {
      sqlite3_free (tokenizer);
      return rc;
    }

  *out = (Fts5Tokenizer *) tokenizer;
  return SQLITE_OK;
}

static void
fold_tokenizer_delete (Fts5Tokenizer *instance)
{
  FoldTokenizer *tokenizer = (FoldTokenizer *) instance;

  tokenizer->parent.xDelete (tokenizer->parent_instance);
  sqlite3_free (tokenizer);
}

/* Whether lotse_search_fold_token() changes @token: it has a ß or ẞ (their
 * UTF-8 begins with 0xC3 or 0xE1) or an “e” after a, o or u. */
static gboolean
needs_folding (const char *token,
               int         len)
{
  const guchar *in = (const guchar *) token;

  for (int i = 0; i < len; i++)
    {
      if (in[i] == 0xC3 || in[i] == 0xE1)
        return TRUE;
      if (in[i] == 'e' && i > 0 && (in[i - 1] == 'a' || in[i - 1] == 'o' || in[i - 1] == 'u'))
        return TRUE;
    }

  return FALSE;
}

static int
fold_token_cb (void       *user_data,
               int         flags,
               const char *token,
               int         len,
               int         start,
               int         end)
{
  FoldContext *context = user_data;
  char buffer[128];
  char *out;
  int rc;

  /* Most tokens fold to themselves: snippets tokenize whole articles for
   * every keystroke, so those are passed on without a copy. */
  if (!needs_folding (token, len))
    return context->token (context->ctx, flags, token, len, start, end);

  out = len <= (int) sizeof buffer ? buffer : g_malloc (len);
  rc = context->token (context->ctx, flags, out, lotse_search_fold_token (token, len, out),
                       start, end);
  if (out != buffer)
    g_free (out);

  return rc;
}

static int
fold_tokenizer_tokenize (Fts5Tokenizer *instance,
                         void          *ctx,
                         int            flags,
                         const char    *text,
                         int            len,
                         int          (*token) (void *, int, const char *, int, int, int))
{
  FoldTokenizer *tokenizer = (FoldTokenizer *) instance;
  FoldContext context = { ctx, token };

  return tokenizer->parent.xTokenize (tokenizer->parent_instance, &context, flags,
                                      text, len, fold_token_cb);
}

static fts5_api *
get_fts5_api (sqlite3 *db)
{
  fts5_api *api = NULL;
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (db, "SELECT fts5(?1)", -1, &stmt, NULL) != SQLITE_OK)
    return NULL;

  sqlite3_bind_pointer (stmt, 1, (void *) &api, "fts5_api_ptr", NULL);
  sqlite3_step (stmt);
  sqlite3_finalize (stmt);

  return api;
}

gboolean
lotse_search_register_tokenizer (sqlite3  *db,
                                 GError  **error)
{
  static fts5_tokenizer methods = {
    fold_tokenizer_create,
    fold_tokenizer_delete,
    fold_tokenizer_tokenize,
  };
  fts5_api *api = get_fts5_api (db);

  if (api == NULL ||
      api->xCreateTokenizer (api, "lotse", api, &methods, NULL) != SQLITE_OK)
    {
      g_set_error (error, LOTSE_ERROR, LOTSE_ERROR_DATABASE,
                   /* Translators: %s is SQLite's description of the error */
                   _("This SQLite library has no full-text search (FTS5): %s"),
                   sqlite3_errmsg (db));
      return FALSE;
    }

  return TRUE;
}
