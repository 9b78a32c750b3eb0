/* lotse-article.h: knowledge-base articles: tags and Markdown export
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "lotse-store.h"

G_BEGIN_DECLS

char      *lotse_article_normalize_tag     (const char          *name);
GStrv      lotse_article_get_tag_names     (LotseStore          *store,
                                            const char          *article_id,
                                            GError             **error);
gboolean   lotse_article_set_tags          (LotseStore          *store,
                                            const char          *article_id,
                                            const char * const  *names,
                                            GError             **error);
char      *lotse_article_export_markdown   (LotseStore          *store,
                                            const char          *article_id,
                                            GError             **error);

G_END_DECLS
