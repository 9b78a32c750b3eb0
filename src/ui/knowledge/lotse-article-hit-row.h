/* lotse-article-hit-row.h: one article among the results of a search
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define LOTSE_TYPE_ARTICLE_HIT_ROW (lotse_article_hit_row_get_type ())

G_DECLARE_FINAL_TYPE (LotseArticleHitRow, lotse_article_hit_row, LOTSE, ARTICLE_HIT_ROW, GtkWidget)

const char *lotse_article_hit_row_get_title          (LotseArticleHitRow *self);
const char *lotse_article_hit_row_get_category_label (LotseArticleHitRow *self);
const char *lotse_article_hit_row_get_snippet        (LotseArticleHitRow *self);

G_END_DECLS
