/* lotse-blob-store.h: the files of attachments, named by their SHA-256
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Largest file Lotse attaches: lotse-server's default limit. */
#define LOTSE_BLOB_MAX_SIZE (G_GINT64_CONSTANT (100) * 1024 * 1024)

typedef struct _LotseBlobWriter LotseBlobWriter;

typedef struct
{
  char   *sha256;
  gint64  size;
  char   *content_type;
} LotseBlobInfo;

void             lotse_blob_info_free         (LotseBlobInfo     *info);

char            *lotse_blob_store_dir_for     (const char        *database_path);
char            *lotse_blob_store_path        (const char        *dir,
                                               const char        *sha256);
gboolean         lotse_blob_store_has         (const char        *dir,
                                               const char        *sha256);
LotseBlobInfo   *lotse_blob_store_import      (const char        *dir,
                                               GFile             *source,
                                               gint64             max_size,
                                               GCancellable      *cancellable,
                                               GError           **error);
char            *lotse_blob_content_type      (const char        *name,
                                               const guchar      *head,
                                               gsize              head_length);

LotseBlobWriter *lotse_blob_writer_new        (const char        *dir,
                                               const char        *sha256,
                                               gint64            *out_offset,
                                               GError           **error);
gboolean         lotse_blob_writer_write      (LotseBlobWriter   *self,
                                               const void        *data,
                                               gsize              length,
                                               GError           **error);
gboolean         lotse_blob_writer_restart    (LotseBlobWriter   *self,
                                               GError           **error);
gboolean         lotse_blob_writer_sync       (LotseBlobWriter   *self,
                                               GError           **error);
gint64           lotse_blob_writer_get_size   (LotseBlobWriter   *self);
char            *lotse_blob_writer_finish     (LotseBlobWriter   *self,
                                               GError           **error);
void             lotse_blob_writer_free       (LotseBlobWriter   *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LotseBlobWriter, lotse_blob_writer_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LotseBlobInfo, lotse_blob_info_free)

G_END_DECLS
