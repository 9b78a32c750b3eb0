/* lotse-markdown-buffer-private.h: shared by the buffer's files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "lotse-markdown-buffer.h"

G_BEGIN_DECLS

struct _LotseMarkdownBuffer
{
  GtkTextBuffer  parent_instance;

  /* Link in the order of the text */
  GArray        *links;
  char          *markdown;   /* what the buffer shows, made valid UTF-8 */
  GArray        *tasks;      /* Task in the order of the text */
  char          *blob_dir;   /* where “attachment:HASH” images are, or NULL */
  GHashTable    *images;     /* hash → GdkTexture, scaled for the text */
};

/* A task box: where it shows and where its "[ ]" is in the Markdown */
typedef struct
{
  int   offset;         /* character offset of ☐ or ☑ in the buffer */
  gsize source_offset;  /* byte offset of the "[" in markdown */
} Task;

void lotse_markdown_buffer_insert_image (LotseMarkdownBuffer *self,
                                         const char          *url);

G_END_DECLS
