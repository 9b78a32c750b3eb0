/* lotse-search.h: full-text search over articles and all records
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "lotse-store.h"

G_BEGIN_DECLS

/* The functions run on the store's connection: call them on the thread
 * that uses the store, or give a worker thread its own store.
 *
 * Snippets mark each matched word with these two control characters, which
 * never occur in stored text; a view replaces them with <b> and </b> after
 * escaping the rest for Pango markup, the CLI with “*”. */
#define LOTSE_SEARCH_MATCH_START "\001"
#define LOTSE_SEARCH_MATCH_END   "\002"

/* In the order in which global search results are grouped. */
typedef enum
{
  LOTSE_SEARCH_KIND_PROJECT,
  LOTSE_SEARCH_KIND_MILESTONE,
  LOTSE_SEARCH_KIND_MEETING,
  LOTSE_SEARCH_KIND_AGENDA_ITEM,
  LOTSE_SEARCH_KIND_DECISION,
  LOTSE_SEARCH_KIND_ACTION_ITEM,
  LOTSE_SEARCH_KIND_ARTICLE,
  LOTSE_SEARCH_N_KINDS
} LotseSearchKind;

typedef struct
{
  LotseSearchKind  kind;
  char            *id;       /* the row's id in the table of its kind */
  char            *title;
  char            *snippet;  /* with LOTSE_SEARCH_MATCH_START/END around hits;
                              * NULL where lotse_search_articles_ranked() was
                              * asked for fewer */
  double           rank;     /* bm25: lower is better */
  /* Where the hit belongs, so that hits with the same title tell apart;
   * from lotse_search_global() only, each nullable: */
  char            *parent;   /* a project's programme, a milestone's or article's
                              * project, a meeting's series, the meeting of an
                              * agenda item, decision or action item */
  char            *date;     /* a milestone's due date (YYYY-MM-DD), the start of
                              * the meeting (ISO 8601) */
  char            *project;  /* the project an agenda item, decision or action
                              * item is about */
  char            *category; /* an article's category */
} LotseSearchResult;

const char *lotse_search_kind_to_table   (LotseSearchKind     kind);
void        lotse_search_result_free     (LotseSearchResult  *result);
gboolean    lotse_search_result_snippet_is_title (const LotseSearchResult *result);

char       *lotse_search_build_fts_query (const char         *user_text);

GPtrArray  *lotse_search_articles        (LotseStore         *store,
                                          const char         *user_text,
                                          const char         *category,
                                          const char         *tag_id,
                                          guint               limit,
                                          GError            **error);
GPtrArray  *lotse_search_articles_ranked (LotseStore        *store,
                                          const char         *user_text,
                                          const char         *category,
                                          const char         *tag_id,
                                          guint               limit,
                                          guint               n_snippets,
                                          GError            **error);
GStrv       lotse_search_article_snippets (LotseStore        *store,
                                           const char        *user_text,
                                           const char * const *article_ids,
                                           GError           **error);
GPtrArray  *lotse_search_global          (LotseStore         *store,
                                          const char         *user_text,
                                          guint               limit_per_kind,
                                          GError            **error);
gboolean    lotse_search_rebuild         (LotseStore         *store,
                                          GError            **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LotseSearchResult, lotse_search_result_free)

G_END_DECLS
