/* lotse-markdown-buffer.h: Markdown shown as formatted text
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define LOTSE_TYPE_MARKDOWN_BUFFER (lotse_markdown_buffer_get_type ())

G_DECLARE_FINAL_TYPE (LotseMarkdownBuffer, lotse_markdown_buffer, LOTSE, MARKDOWN_BUFFER, GtkTextBuffer)

LotseMarkdownBuffer *lotse_markdown_buffer_new          (void);
void                 lotse_markdown_buffer_set_markdown (LotseMarkdownBuffer *self,
                                                         const char          *markdown);
const char          *lotse_markdown_buffer_get_link_at  (LotseMarkdownBuffer *self,
                                                         const GtkTextIter   *iter);
const char          *lotse_markdown_buffer_get_markdown (LotseMarkdownBuffer *self);
void                 lotse_markdown_buffer_set_blob_dir (LotseMarkdownBuffer *self,
                                                         const char          *dir);
guint                lotse_markdown_buffer_get_n_tasks  (LotseMarkdownBuffer *self);
int                  lotse_markdown_buffer_get_task_at  (LotseMarkdownBuffer *self,
                                                         const GtkTextIter   *iter);
int                  lotse_markdown_buffer_get_task_offset (LotseMarkdownBuffer *self,
                                                         guint                index);
char                *lotse_markdown_buffer_toggle_task  (LotseMarkdownBuffer *self,
                                                         guint                index);
void                 lotse_markdown_buffer_activate_task (LotseMarkdownBuffer *self,
                                                         guint                index);

/* lotse-markdown-view.c */
void                 lotse_markdown_view_setup          (GtkTextView         *view);

G_END_DECLS
