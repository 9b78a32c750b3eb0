/* lotse-markdown-images.c: pictures attached to an article, in its Markdown
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * “![caption](attachment:HASH)” names a picture attached to the article
 * by the hash of its file (lotse-blob-store.c). The buffer shows it from
 * the store's blob directory, scaled to the width of the text and read
 * once per buffer; the caption follows as a link.
 */

#define G_LOG_DOMAIN "lotse-markdown-buffer"

#include "config.h"

#include <string.h>

#include "lotse-blob-store.h"
#include "lotse-markdown-buffer-private.h"

#define IMAGE_WIDTH       480
#define ATTACHMENT_SCHEME "attachment:"

/* The picture of an image attached to the article
 * (“![caption](attachment:HASH)”), read once and scaled to the text's
 * width; NULL for any other address, or while the file is not on this
 * device (the caption shows as a link then). */
static GdkTexture *
lookup_image (LotseMarkdownBuffer *self,
              const char          *url)
{
  const char *sha256;
  g_autofree char *path = NULL;
  g_autoptr(GdkPixbuf) pixbuf = NULL;
  GdkTexture *texture;

  if (self->blob_dir == NULL || url == NULL || !g_str_has_prefix (url, ATTACHMENT_SCHEME))
    return NULL;
  sha256 = url + strlen (ATTACHMENT_SCHEME);
  texture = g_hash_table_lookup (self->images, sha256);
  if (texture != NULL)
    return texture;

  path = lotse_blob_store_path (self->blob_dir, sha256);
  if (path == NULL || !g_file_test (path, G_FILE_TEST_IS_REGULAR))
    return NULL;
  pixbuf = gdk_pixbuf_new_from_file_at_scale (path, IMAGE_WIDTH, -1, TRUE, NULL);
  if (pixbuf == NULL)
    return NULL;
  texture = gdk_texture_new_for_pixbuf (pixbuf);
  g_hash_table_insert (self->images, g_strdup (sha256), texture);
  return texture;
}

/* At the end, for the image being rendered; its caption follows as a
 * link, on a line of its own. */
void
lotse_markdown_buffer_insert_image (LotseMarkdownBuffer *self,
                                    const char          *url)
{
  GdkTexture *texture = lookup_image (self, url);
  GtkTextIter end;

  if (texture == NULL)
    return;
  gtk_text_buffer_get_end_iter (GTK_TEXT_BUFFER (self), &end);
  gtk_text_buffer_insert_paintable (GTK_TEXT_BUFFER (self), &end, GDK_PAINTABLE (texture));
  gtk_text_buffer_get_end_iter (GTK_TEXT_BUFFER (self), &end);
  gtk_text_buffer_insert (GTK_TEXT_BUFFER (self), &end, "\n", 1);
}

/**
 * lotse_markdown_buffer_set_blob_dir:
 * @self: a buffer
 * @dir: (nullable): the blob directory of the store whose article is shown
 *
 * Images whose address is “attachment:HASH” are shown from @dir.
 */
void
lotse_markdown_buffer_set_blob_dir (LotseMarkdownBuffer *self,
                                    const char          *dir)
{
  g_return_if_fail (LOTSE_IS_MARKDOWN_BUFFER (self));

  if (g_strcmp0 (self->blob_dir, dir) == 0)
    return;
  g_free (self->blob_dir);
  self->blob_dir = g_strdup (dir);
  g_hash_table_remove_all (self->images);
}

