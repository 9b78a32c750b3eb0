/* lotse-knowledge-view-private.h: internals for the tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "lotse-knowledge-view.h"

G_BEGIN_DECLS

typedef struct
{
  AdwComboRow  *author_row;
  GtkEditable  *search_entry;
  GtkDropDown  *category_filter;
  GtkDropDown  *tag_filter;
  GtkStack     *list_stack;    /* "all", "results" or "no-results" */
  GtkListView  *results_view;
  GtkStack     *detail_stack;  /* "none", "article" or "edit" */
  GtkLabel     *title_label;
  GtkLabel     *meta_label;    /* markup; the project and author link to their records */
  GtkTextView  *body_view;
  GtkFlowBox   *tags_box;
  GtkEditable  *title_row;
  GtkEditable  *summary_row;
  AdwComboRow  *category_row;
  AdwComboRow  *project_row;
  GtkTextView  *body_editor;
  GtkEditable  *tag_entry;
  GtkFlowBox   *edit_tags_box;
} LotseKnowledgeViewParts;

void        lotse_knowledge_view_get_parts      (LotseKnowledgeView      *self,
                                                 LotseKnowledgeViewParts *parts);
/* The article the detail shows or edits; NULL for none or a new one */
const char *lotse_knowledge_view_get_article_id (LotseKnowledgeView      *self);
/* Whether a search of the list is still running */
gboolean    lotse_knowledge_view_is_searching   (LotseKnowledgeView      *self);
/* Whether the editor's project and author rows list all rows */
gboolean    lotse_knowledge_view_references_loaded (LotseKnowledgeView   *self);
/* The id of the article of a row of the results */
const char *lotse_knowledge_view_get_result_id  (LotseKnowledgeView      *self,
                                                 guint                    position);

/* What the export does with the file chosen in the dialog */
gboolean    lotse_knowledge_view_export_to      (LotseKnowledgeView      *self,
                                                 const char              *article_id,
                                                 GFile                   *file);

G_END_DECLS
