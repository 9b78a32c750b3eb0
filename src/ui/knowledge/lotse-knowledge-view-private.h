/* lotse-knowledge-view-private.h: internals for the tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "lotse-attachment-list.h"

#include "lotse-conflict-badge.h"
#include "lotse-knowledge-view.h"
#include "lotse-markdown-buffer.h"

G_BEGIN_DECLS

/* One article in the results of a search */
#define LOTSE_TYPE_ARTICLE_HIT (lotse_article_hit_get_type ())

G_DECLARE_FINAL_TYPE (LotseArticleHit, lotse_article_hit, LOTSE, ARTICLE_HIT, GObject)

struct _LotseArticleHit
{
  GObject  parent_instance;

  char    *id;
  char    *title;
  char    *markup;    /* the snippet, or the summary, as Pango markup */
  char    *category;
  gboolean snippet_pending;  /* markup is NULL until the snippet is made */
  gboolean snippet_asked;    /* “snippet-wanted” was emitted */
};

/* Shared by lotse-knowledge-view.c and lotse-knowledge-view-editor.c */
struct _LotseKnowledgeView
{
  LotseView            parent_instance;

  AdwLeaflet          *leaflet;
  GtkSearchEntry      *search_entry;
  GtkDropDown         *category_filter;
  GtkDropDown         *tag_filter;
  GtkStack            *list_stack;
  GtkStack            *stack;
  GtkListView         *list_view;
  GtkListView         *results_view;
  GtkStack            *detail_stack;
  GtkLabel            *category_label;
  GtkLabel            *title_label;
  LotseConflictBadge  *conflict_badge;
  GtkLabel            *meta_label;
  GtkFlowBox          *tags_box;
  GtkLabel            *summary_label;
  GtkTextView         *body_view;
  LotseAttachmentList *attachments;
  GtkLabel            *edit_title_label;
  GtkToggleButton     *preview_toggle;
  AdwEntryRow         *title_row;
  AdwEntryRow         *summary_row;
  AdwComboRow         *category_row;
  AdwComboRow         *project_row;
  AdwComboRow         *author_row;
  GtkFlowBox          *edit_tags_box;
  GtkEntry            *tag_entry;
  AdwLeaflet          *editor_stack;   /* editor and preview; side by side when wide */
  GtkTextView         *body_editor;
  GtkTextView         *preview_view;

  LotseStore          *store;          /* the panel's, once loaded */

  LotseMarkdownBuffer *body_buffer;
  LotseMarkdownBuffer *preview_buffer;
  GListStore          *results;
  GListStore          *article_tags;   /* the shown article's tags, as chips */
  GtkStringList       *tag_names;      /* the tag filter: "All Tags", then the tags */
  GPtrArray           *tag_ids;        /* beside tag_names; NULL first */
  GtkListStore        *completion_model;

  GCancellable        *search_cancellable;
  gboolean             searching;
  char                *search_text;    /* of the search running or shown */
  GPtrArray           *snippets_wanted;  /* hits whose rows were bound */
  GPtrArray           *snippets_making;  /* hits of the snippet job running */
  GCancellable        *snippets_cancellable;
  guint                snippets_idle;
  GCancellable        *references_cancellable;
  gboolean             references_loaded;

  char                *article_id;     /* shown or edited; NULL for a new one */
  gboolean             editing;
  guint                preview_id;     /* the live preview's pending update */
  GtkStringList       *edit_tags;      /* names, bound to edit_tags_box */
  GPtrArray           *project_ids;    /* beside the project row's items; NULL first */
  GPtrArray           *author_ids;
};

const char * const *lotse_knowledge_view_category_values (void);
const char         *lotse_knowledge_view_category_label  (const char          *value);
GtkStringList      *lotse_knowledge_view_category_list   (const char          *first);
void                lotse_knowledge_view_add_toast       (LotseKnowledgeView  *self,
                                                          AdwToast            *toast);
void                lotse_knowledge_view_show_error      (LotseKnowledgeView  *self,
                                                          const char          *message);
void                lotse_knowledge_view_update_actions  (LotseKnowledgeView  *self);
gboolean            lotse_knowledge_view_show_article    (LotseKnowledgeView  *self,
                                                          const char          *article_id);

void                lotse_knowledge_view_init_editor     (LotseKnowledgeView  *self);
void                lotse_knowledge_view_begin_edit      (LotseKnowledgeView  *self,
                                                          LotseRecord         *article);
gboolean            lotse_knowledge_view_save            (LotseKnowledgeView  *self,
                                                          GError             **error);
void                lotse_knowledge_view_add_tag         (LotseKnowledgeView  *self);
char               *lotse_knowledge_view_editor_text     (GtkTextView         *view);

/* For the tests */
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
  GtkTextView  *preview_view;
  AdwLeaflet   *editor_stack;  /* folded: editor or preview; unfolded: both */
  GtkToggleButton *preview_toggle;
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

/* lotse-knowledge-view-search.c */
void        lotse_knowledge_view_init_results   (LotseKnowledgeView      *self);
void        lotse_knowledge_view_dispose_results (LotseKnowledgeView     *self);
void        lotse_knowledge_view_update_search  (LotseKnowledgeView      *self);
const char *lotse_knowledge_view_selected_tag_id (LotseKnowledgeView     *self);

/* What the export does with the file chosen in the dialog */
gboolean    lotse_knowledge_view_export_to      (LotseKnowledgeView      *self,
                                                 const char              *article_id,
                                                 GFile                   *file);

G_END_DECLS
