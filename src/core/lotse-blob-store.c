/* lotse-blob-store.c: the files of attachments, named by their SHA-256
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A blob lives at DIR/ab/cdef… where abcdef… is the SHA-256 of its
 * content, lowercase: the same file attached twice is stored once, and a
 * name is never taken from a file name or a request, only from a checked
 * hash (lotse_is_sha256()). The app keeps DIR beside its database
 * (<database>.blobs); lotse-server one per workspace.
 *
 * A blob is first written to DIR/partial/ (the same file system, so the
 * rename is atomic), synced to disk, checked against its hash and only
 * then renamed to its name, and the directory synced: a crash, a full disk
 * or a wrong body never leaves anything under a hash but the complete
 * content. A download or upload whose hash is known writes to
 * DIR/partial/<hash> and continues there after an interruption; an import
 * of a local file, whose hash is known only at its end, to a file of a
 * random name that nothing continues.
 *
 * Every byte of a blob is hashed where it is written: on import, on
 * download and in the server on upload. GnuTLS's SHA-256 uses the CPU's
 * SHA instructions where there are any and is about five times as fast
 * as GChecksum's, which held a download to ~100 MB/s (bench-attach).
 */

#define G_LOG_DOMAIN "lotse-blob-store"
#define _GNU_SOURCE  /* sync_file_range() */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <gnutls/crypto.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "lotse-blob-store.h"
#include "lotse-error.h"
#include "lotse-schema.h"

#define PARTIAL_DIR  "partial"
#define CHUNK        (1024 * 1024)
#define WRITEBACK    (4 * 1024 * 1024)
#define HEAD_LENGTH  4096

struct _LotseBlobWriter
{
  char      *dir;
  char      *path;      /* of the partial file */
  char      *expected;  /* the hash it must have, or NULL */
  int               fd;
  gnutls_hash_hd_t  hash;  /* NULL once finished */
  gint64            size;
  gint64            written_back;  /* writeback was started up to here */
  gboolean          created;  /* the partial file is new: its directory needs a sync */
};

void
lotse_blob_info_free (LotseBlobInfo *info)
{
  if (info == NULL)
    return;
  g_free (info->sha256);
  g_free (info->content_type);
  g_free (info);
}

/**
 * lotse_blob_store_dir_for:
 * @database_path: the path of a Lotse database
 *
 * Returns: (transfer full): the directory of its blobs, “<path>.blobs”
 */
char *
lotse_blob_store_dir_for (const char *database_path)
{
  g_return_val_if_fail (database_path != NULL, NULL);

  return g_strconcat (database_path, ".blobs", NULL);
}

/**
 * lotse_blob_store_path:
 * @dir: a blob directory
 * @sha256: (nullable): a hash
 *
 * Returns: (transfer full) (nullable): where the blob @sha256 is kept, or
 *   %NULL when @sha256 is not a SHA-256 (so never a path of another form)
 */
char *
lotse_blob_store_path (const char *dir,
                       const char *sha256)
{
  char prefix[3] = { 0 };

  g_return_val_if_fail (dir != NULL, NULL);

  if (!lotse_is_sha256 (sha256))
    return NULL;

  memcpy (prefix, sha256, 2);
  return g_build_filename (dir, prefix, sha256 + 2, NULL);
}

gboolean
lotse_blob_store_has (const char *dir,
                      const char *sha256)
{
  g_autofree char *path = lotse_blob_store_path (dir, sha256);

  return path != NULL && g_file_test (path, G_FILE_TEST_IS_REGULAR);
}

/**
 * lotse_blob_content_type:
 * @name: (nullable): the file's name, as a hint only
 * @head: (array length=head_length): the first bytes of the content
 * @head_length: their number
 *
 * The content decides; the name is asked only where the content leaves
 * the type open (plain text may be CSV or Markdown). A PDF named
 * “photo.jpg” is a PDF.
 *
 * Returns: (transfer full): a MIME type
 */
char *
lotse_blob_content_type (const char   *name,
                         const guchar *head,
                         gsize         head_length)
{
  g_autofree char *type = NULL;
  gboolean uncertain = FALSE;

  type = g_content_type_guess (NULL, head, head_length, &uncertain);
  if (uncertain || g_content_type_equals (type, "text/plain") ||
      g_content_type_equals (type, "application/octet-stream"))
    {
      g_autofree char *by_name = g_content_type_guess (name, head, head_length, NULL);

      if (!uncertain && !g_content_type_is_a (by_name, type))
        g_clear_pointer (&by_name, g_free);
      if (by_name != NULL)
        {
          g_free (type);
          type = g_steal_pointer (&by_name);
        }
    }

  return g_content_type_get_mime_type (type);
}

static gboolean
set_errno_error (GError     **error,
                 int          saved_errno,
                 const char  *path)
{
  /* A full disk stays recognisable, the server answers it with 507: a
   * quota (EDQUOT) and a file size limit (EFBIG, RLIMIT_FSIZE) are as
   * full to the writer as ENOSPC, but GLib calls them only "failed". */
  GIOErrorEnum code = saved_errno == EDQUOT || saved_errno == EFBIG ? G_IO_ERROR_NO_SPACE
                                                                    : g_io_error_from_errno (saved_errno);

  g_set_error (error, G_IO_ERROR, code,
               _("Could not write the attachment file %s: %s"), path, g_strerror (saved_errno));
  return FALSE;
}

static gboolean
make_dir (const char  *path,
          GError     **error)
{
  if (g_mkdir_with_parents (path, 0700) != 0)
    return set_errno_error (error, errno, path);
  return TRUE;
}

static gboolean
sync_dir (const char  *path,
          GError     **error)
{
  int fd = open (path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  int saved_errno;

  if (fd < 0)
    return set_errno_error (error, errno, path);
  if (fsync (fd) != 0)
    {
      saved_errno = errno;
      close (fd);
      return set_errno_error (error, saved_errno, path);
    }
  close (fd);
  return TRUE;
}

/* Hashes what an interrupted transfer left, to continue after it. */
static gboolean
hash_existing (LotseBlobWriter  *self,
               GError          **error)
{
  g_autofree guchar *buffer = g_malloc (CHUNK);
  int fd = open (self->path, O_RDONLY | O_CLOEXEC);
  gssize n;

  if (fd < 0)
    return set_errno_error (error, errno, self->path);

  while ((n = read (fd, buffer, CHUNK)) > 0)
    {
      gnutls_hash (self->hash, buffer, n);
      self->size += n;
    }
  if (n < 0)
    {
      int saved_errno = errno;

      close (fd);
      return set_errno_error (error, saved_errno, self->path);
    }
  close (fd);
  return TRUE;
}

/**
 * lotse_blob_writer_new:
 * @dir: a blob directory
 * @sha256: (nullable): the hash of the blob to be written, or %NULL for
 *   one whose hash is not known before its end (an imported file)
 * @out_offset: (out) (optional): how much of the blob @sha256 an earlier,
 *   interrupted transfer wrote already; the writer continues there
 * @error: a location for a #GError
 *
 * Returns: (transfer full) (nullable): a writer, or %NULL with @error set
 */
LotseBlobWriter *
lotse_blob_writer_new (const char  *dir,
                       const char  *sha256,
                       gint64      *out_offset,
                       GError     **error)
{
  g_autoptr(LotseBlobWriter) self = g_new0 (LotseBlobWriter, 1);
  g_autofree char *partial = g_build_filename (dir, PARTIAL_DIR, NULL);

  g_return_val_if_fail (dir != NULL, NULL);
  g_return_val_if_fail (sha256 == NULL || lotse_is_sha256 (sha256), NULL);

  self->fd = -1;
  self->dir = g_strdup (dir);
  self->expected = g_strdup (sha256);
  if (gnutls_hash_init (&self->hash, GNUTLS_DIG_SHA256) != 0)
    g_error ("SHA-256 is not available");
  if (!make_dir (partial, error))
    return NULL;

  if (sha256 != NULL)
    {
      self->path = g_build_filename (partial, sha256, NULL);
      self->created = !g_file_test (self->path, G_FILE_TEST_EXISTS);
      self->fd = open (self->path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
      if (self->fd < 0 || !hash_existing (self, error))
        {
          if (self->fd < 0)
            set_errno_error (error, errno, self->path);
          return NULL;
        }
    }
  else
    {
      self->path = g_build_filename (partial, "import-XXXXXX", NULL);
      self->fd = g_mkstemp_full (self->path, O_WRONLY | O_CLOEXEC, 0600);
      if (self->fd < 0)
        {
          set_errno_error (error, errno, self->path);
          return NULL;
        }
    }

  if (out_offset != NULL)
    *out_offset = self->size;
  return g_steal_pointer (&self);
}

gboolean
lotse_blob_writer_write (LotseBlobWriter  *self,
                         const void       *data,
                         gsize             length,
                         GError          **error)
{
  const char *p = data;
  gsize left = length;

  g_return_val_if_fail (self != NULL && self->fd >= 0, FALSE);

  while (left > 0)
    {
      gssize n = write (self->fd, p, left);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        return set_errno_error (error, errno, self->path);
      p += n;
      left -= n;
    }

  gnutls_hash (self->hash, data, length);
  self->size += length;
  /* Writeback starts every WRITEBACK bytes rather than at the fsync of
   * lotse_blob_writer_finish(), which then waits for the last part
   * only: the disk writes while the network delivers the rest. */
  if (self->size - self->written_back >= WRITEBACK)
    {
      sync_file_range (self->fd, self->written_back, self->size - self->written_back, SYNC_FILE_RANGE_WRITE);
      self->written_back = self->size;
    }
  return TRUE;
}

/**
 * lotse_blob_writer_restart:
 * @self: a writer
 * @error: a location for a #GError
 *
 * Drops what was written, also by an earlier transfer: for a server that
 * sends the whole blob where the rest was asked for.
 *
 * Returns: whether the writer is empty now
 */
gboolean
lotse_blob_writer_restart (LotseBlobWriter  *self,
                           GError          **error)
{
  g_return_val_if_fail (self != NULL && self->fd >= 0, FALSE);

  if (ftruncate (self->fd, 0) != 0)
    return set_errno_error (error, errno, self->path);
  gnutls_hash_deinit (self->hash, NULL);
  if (gnutls_hash_init (&self->hash, GNUTLS_DIG_SHA256) != 0)
    g_error ("SHA-256 is not available");
  self->size = 0;
  self->written_back = 0;
  return TRUE;
}

/**
 * lotse_blob_writer_sync:
 * @self: a writer of a known hash
 * @error: a location for a #GError
 *
 * Puts what was written so far on disk, with the partial file's name:
 * what the server acknowledges as part of an upload (202) must survive a
 * power cut, or a resumed upload would continue after bytes that were
 * lost and the whole blob would fail its hash.
 *
 * Returns: whether it is on disk
 */
gboolean
lotse_blob_writer_sync (LotseBlobWriter  *self,
                        GError          **error)
{
  g_autofree char *partial = NULL;

  g_return_val_if_fail (self != NULL && self->fd >= 0 && self->expected != NULL, FALSE);

  if (fdatasync (self->fd) != 0)
    return set_errno_error (error, errno, self->path);
  if (!self->created)
    return TRUE;
  partial = g_path_get_dirname (self->path);
  if (!sync_dir (partial, error))
    return FALSE;
  self->created = FALSE;
  return TRUE;
}

gint64
lotse_blob_writer_get_size (LotseBlobWriter *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->size;
}

/* Puts the synced partial file under its name, or drops it when the blob
 * is there already. */
static gboolean
move_into_place (LotseBlobWriter  *self,
                 const char       *sha256,
                 GError          **error)
{
  g_autofree char *target = lotse_blob_store_path (self->dir, sha256);
  g_autofree char *target_dir = g_path_get_dirname (target);

  if (!make_dir (target_dir, error))
    return FALSE;

  if (g_file_test (target, G_FILE_TEST_IS_REGULAR))
    {
      g_unlink (self->path);
      return TRUE;
    }

  if (g_rename (self->path, target) != 0)
    return set_errno_error (error, errno, target);

  return sync_dir (target_dir, error);
}

/**
 * lotse_blob_writer_finish:
 * @self: a writer
 * @error: a location for a #GError
 *
 * Syncs what was written and names it by its hash. A blob whose content
 * does not have the hash it was announced with is dropped (its partial
 * file too) with %LOTSE_ERROR_INVALID_VALUE.
 *
 * Returns: (transfer full) (nullable): the blob's SHA-256
 */
char *
lotse_blob_writer_finish (LotseBlobWriter  *self,
                          GError          **error)
{
  g_autofree char *sha256 = NULL;
  guchar digest[32];
  int fd;

  g_return_val_if_fail (self != NULL && self->fd >= 0, NULL);

  gnutls_hash_deinit (self->hash, digest);
  self->hash = NULL;
  sha256 = g_malloc (2 * sizeof digest + 1);
  for (gsize i = 0; i < sizeof digest; i++)
    g_snprintf (sha256 + 2 * i, 3, "%02x", digest[i]);
  fd = self->fd;
  self->fd = -1;
  /* Read-only: a blob is opened in other programs (the app's Open), and
   * one that saved into it would no longer match its name. */
  if (fchmod (fd, 0400) != 0 || fsync (fd) != 0)
    {
      int saved_errno = errno;

      close (fd);
      set_errno_error (error, saved_errno, self->path);
      return NULL;
    }
  close (fd);

  if (self->expected != NULL && strcmp (self->expected, sha256) != 0)
    {
      g_unlink (self->path);
      g_set_error (error, LOTSE_ERROR, LOTSE_ERROR_INVALID_VALUE,
                   _("The file’s content does not match its checksum %s"), self->expected);
      return NULL;
    }

  if (!move_into_place (self, sha256, error))
    return NULL;

  g_clear_pointer (&self->path, g_free);
  return g_steal_pointer (&sha256);
}

void
lotse_blob_writer_free (LotseBlobWriter *self)
{
  if (self == NULL)
    return;

  if (self->fd >= 0)
    close (self->fd);
  /* A partial file of a known hash is kept to be continued; an import's
   * is of no use to anyone. */
  if (self->path != NULL && self->expected == NULL)
    g_unlink (self->path);
  g_free (self->dir);
  g_free (self->path);
  g_free (self->expected);
  if (self->hash != NULL)
    gnutls_hash_deinit (self->hash, NULL);
  g_free (self);
}

/**
 * lotse_blob_store_import:
 * @dir: a blob directory
 * @source: the file to attach
 * @max_size: the largest size taken, in bytes
 * @cancellable: (nullable): a #GCancellable
 * @error: a location for a #GError
 *
 * Copies @source into the store, hashing it as it is read. Blocks: call
 * it in a worker thread (lotse_attachment_add_async()).
 *
 * Returns: (transfer full) (nullable): the blob's hash, size and type
 */
LotseBlobInfo *
lotse_blob_store_import (const char    *dir,
                         GFile         *source,
                         gint64         max_size,
                         GCancellable  *cancellable,
                         GError       **error)
{
  g_autoptr(LotseBlobWriter) writer = NULL;
  g_autoptr(GFileInputStream) input = NULL;
  g_autofree guchar *buffer = g_malloc (CHUNK);
  g_autofree char *name = g_file_get_basename (source);
  guchar head[HEAD_LENGTH];
  gsize head_length = 0;
  LotseBlobInfo *info;
  gssize n;

  input = g_file_read (source, cancellable, error);
  writer = input != NULL ? lotse_blob_writer_new (dir, NULL, NULL, error) : NULL;
  if (writer == NULL)
    return NULL;

  while ((n = g_input_stream_read (G_INPUT_STREAM (input), buffer, CHUNK, cancellable, error)) > 0)
    {
      if (head_length < HEAD_LENGTH)
        {
          gsize take = MIN ((gsize)n, HEAD_LENGTH - head_length);

          memcpy (head + head_length, buffer, take);
          head_length += take;
        }
      if (lotse_blob_writer_get_size (writer) + n > max_size)
        {
          g_autofree char *limit = g_format_size (max_size);

          g_set_error (error, LOTSE_ERROR, LOTSE_ERROR_INVALID_VALUE,
                       _("The file is larger than %s, the most Lotse attaches"), limit);
          return NULL;
        }
      if (!lotse_blob_writer_write (writer, buffer, n, error))
        return NULL;
    }
  if (n < 0)
    return NULL;

  info = g_new0 (LotseBlobInfo, 1);
  info->size = lotse_blob_writer_get_size (writer);
  info->content_type = lotse_blob_content_type (name, head, head_length);
  info->sha256 = lotse_blob_writer_finish (writer, error);
  if (info->sha256 == NULL)
    g_clear_pointer (&info, lotse_blob_info_free);
  return info;
}
