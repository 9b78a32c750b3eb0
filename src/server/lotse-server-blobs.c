/* lotse-server-blobs.c: the files of attachments, /v1/blobs/<sha256>
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Blobs are files, whatever keeps the rows: BLOB_DIR/<workspace>/ab/cdef…
 * as the app keeps them (core's lotse-blob-store.c, the same code), with
 * BLOB_DIR the data directory's “blobs” or, for a server on PostgreSQL,
 * --blob-dir. PostgreSQL would hold 100 MB values only as large objects,
 * which its backups and replication treat apart anyway; files are what
 * backups of the data directory already take, and several server
 * processes on one PostgreSQL share them through the directory.
 *
 * The only name taken from a request is a checked SHA-256. An upload is
 * written to partial/<hash> and appears under its hash only when it is
 * whole and has that hash (422 otherwise, and it is dropped). Uploads
 * resume: HEAD says how much of a partial upload arrived (Upload-Offset),
 * and a PUT with Content-Range continues there. PROTOCOL.md has the rules.
 */

#define G_LOG_DOMAIN "lotse-server"

#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>

#include "lotse-blob-store.h"
#include "lotse-schema.h"
#include "lotse-server-private.h"

#define UPLOAD_OFFSET "Upload-Offset"

static char *
space_blob_dir (LotseServer      *self,
                LotseServerSpace *space)
{
  return g_build_filename (self->config.blob_dir, space->storage->vtable->get_workspace (space->storage), NULL);
}

static void
set_offset (SoupServerMessage *msg,
            gint64             offset)
{
  g_autofree char *text = g_strdup_printf ("%" G_GINT64_FORMAT, offset);

  soup_message_headers_replace (soup_server_message_get_response_headers (msg), UPLOAD_OFFSET, text);
}

/* Bytes under @path: the blobs and partial uploads of a workspace. */
static gint64
disk_usage (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;
  gint64 total = 0;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);
      GStatBuf st;

      if (g_lstat (child, &st) != 0)
        continue;
      if (S_ISDIR (st.st_mode))
        total += disk_usage (child);
      else if (S_ISREG (st.st_mode))
        total += st.st_size;
    }
  return total;
}

static gint64
partial_size (const char *dir,
              const char *sha256)
{
  g_autofree char *path = g_build_filename (dir, "partial", sha256, NULL);
  GStatBuf st;

  return g_stat (path, &st) == 0 ? st.st_size : 0;
}

static void
send_write_error (SoupServerMessage *msg,
                  const GError      *error)
{
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE))
    lotse_server_send_error_simple (msg, 507, "insufficient_storage", "The server's disk is full");
  else
    {
      g_warning (_("Could not store a blob: %s"), error->message);
      lotse_server_send_error_simple (msg, 500, "internal_error", "The server could not store the blob");
    }
}

/* HEAD and GET: a whole blob, or from a Range's start on; HEAD of one
 * not (yet) whole says how much of it was uploaded. */
static void
handle_read (SoupServerMessage *msg,
             const char        *dir,
             const char        *sha256)
{
  g_autofree char *path = lotse_blob_store_path (dir, sha256);
  g_autoptr(GMappedFile) mapped = NULL;
  g_autoptr(GBytes) bytes = NULL;
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  SoupRange *ranges = NULL;
  int n_ranges = 0;
  gsize size;

  mapped = g_file_test (path, G_FILE_TEST_IS_REGULAR) ? g_mapped_file_new (path, FALSE, NULL) : NULL;
  if (mapped == NULL)
    {
      set_offset (msg, partial_size (dir, sha256));
      lotse_server_send_error_simple (msg, 404, "not_found", "The server has no such blob");
      return;
    }

  size = g_mapped_file_get_length (mapped);
  bytes = g_mapped_file_get_bytes (mapped);
  set_offset (msg, size);
  soup_server_message_set_status (msg, 200, NULL);
  if (soup_message_headers_get_ranges (headers, size, &ranges, &n_ranges))
    {
      /* One range from a start on is all a resumed download needs. */
      if (n_ranges == 1 && ranges[0].end == (goffset)size - 1)
        {
          g_autoptr(GBytes) rest = g_bytes_new_from_bytes (bytes, ranges[0].start, size - ranges[0].start);
          g_autofree char *range = g_strdup_printf ("bytes %" G_GINT64_FORMAT "-%" G_GSIZE_FORMAT "/%" G_GSIZE_FORMAT,
                                                    (gint64)ranges[0].start, size - 1, size);

          soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Content-Range", range);
          soup_server_message_set_status (msg, 206, NULL);
          g_clear_pointer (&bytes, g_bytes_unref);
          bytes = g_steal_pointer (&rest);
        }
      soup_message_headers_free_ranges (headers, ranges);
    }

  soup_message_headers_set_content_type (soup_server_message_get_response_headers (msg),
                                         "application/octet-stream", NULL);
  soup_message_body_append_bytes (soup_server_message_get_response_body (msg), bytes);
}

/* Content-Range: bytes START-END/TOTAL of this body; without one the
 * body is the whole blob. FALSE when it does not fit the body. */
static gboolean
parse_range (SoupServerMessage *msg,
             gsize              length,
             gint64            *start,
             gint64            *total)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  goffset range_start, range_end, range_total;

  if (soup_message_headers_get_one (headers, "Content-Range") == NULL)
    {
      *start = 0;
      *total = length;
      return TRUE;
    }

  if (!soup_message_headers_get_content_range (headers, &range_start, &range_end, &range_total) ||
      range_total < 0 || range_start < 0)
    return FALSE;

  /* A blob of size 0 is sent without Content-Range. */
  if (range_end - range_start + 1 != (goffset)length || range_end >= range_total)
    return FALSE;

  *start = range_start;
  *total = range_total;
  return TRUE;
}

/* The checks before a byte is written: size, quota, offset. */
static gboolean
check_upload (LotseServer       *self,
              SoupServerMessage *msg,
              const char        *dir,
              const char        *sha256,
              gint64             start,
              gint64             total)
{
  gint64 arrived = partial_size (dir, sha256);

  if (total > self->config.max_blob)
    {
      lotse_server_send_error_simple (msg, 413, "blob_too_large", "The file is larger than the server accepts");
      return FALSE;
    }

  if (self->config.blob_quota > 0 && disk_usage (dir) - arrived + total > self->config.blob_quota)
    {
      lotse_server_send_error_simple (msg, 507, "quota_exceeded", "The workspace has no room for this file");
      return FALSE;
    }

  if (start != arrived)
    {
      set_offset (msg, arrived);
      lotse_server_send_error_simple (msg, 409, "offset_mismatch",
                                      "The upload does not continue where the server's part of it ends");
      return FALSE;
    }
  return TRUE;
}

/* Writes the body and, when the blob is whole, checks it and puts it
 * under its name. */
static void
store_upload (SoupServerMessage *msg,
              const char        *dir,
              const char        *sha256,
              SoupMessageBody   *body,
              gint64             total)
{
  g_autoptr(LotseBlobWriter) writer = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *done = NULL;

  writer = lotse_blob_writer_new (dir, sha256, NULL, &error);
  if (writer == NULL || !lotse_blob_writer_write (writer, body->data, body->length, &error))
    {
      send_write_error (msg, error);
      return;
    }

  if (lotse_blob_writer_get_size (writer) < total)
    {
      /* Acknowledged means on disk (PROTOCOL.md): the client continues
       * after the offset it is told, whatever happens to the server. */
      if (!lotse_blob_writer_sync (writer, &error))
        {
          send_write_error (msg, error);
          return;
        }
      set_offset (msg, lotse_blob_writer_get_size (writer));
      lotse_server_set_json_text (msg, 202, g_strdup_printf ("{\"offset\":%" G_GINT64_FORMAT "}",
                                                             lotse_blob_writer_get_size (writer)));
      return;
    }

  done = lotse_blob_writer_finish (writer, &error);
  if (done == NULL && g_error_matches (error, LOTSE_ERROR, LOTSE_ERROR_INVALID_VALUE))
    lotse_server_send_error_simple (msg, 422, "hash_mismatch", "The content does not have the SHA-256 it was sent as");
  else if (done == NULL)
    send_write_error (msg, error);
  else
    {
      set_offset (msg, total);
      lotse_server_set_json_text (msg, 201, g_strdup_printf ("{\"sha256\":\"%s\",\"size\":%" G_GINT64_FORMAT "}",
                                                             done, total));
    }
}

static void
handle_put (LotseServer       *self,
            SoupServerMessage *msg,
            const char        *dir,
            const char        *sha256)
{
  SoupMessageBody *body = soup_server_message_get_request_body (msg);
  gint64 start, total;

  if (lotse_blob_store_has (dir, sha256))
    {
      /* Another device sent it first: nothing to do. */
      g_autofree char *path = lotse_blob_store_path (dir, sha256);
      GStatBuf st = { 0 };

      g_stat (path, &st);
      set_offset (msg, st.st_size);
      lotse_server_set_json_text (msg, 200, g_strdup_printf ("{\"sha256\":\"%s\",\"size\":%" G_GINT64_FORMAT "}",
                                                             sha256, (gint64)st.st_size));
      return;
    }

  if (!parse_range (msg, body->length, &start, &total))
    {
      lotse_server_send_error_simple (msg, 400, "bad_range", "Content-Range does not fit the body");
      return;
    }
  if (!check_upload (self, msg, dir, sha256, start, total))
    return;

  store_upload (msg, dir, sha256, body, total);
}

/**
 * lotse_server_handle_blob:
 *
 * GET, HEAD or PUT /v1/blobs/@sha256 of @space; the method was checked.
 */
void
lotse_server_handle_blob (LotseServer        *self,
                          LotseServerSpace   *space,
                          SoupServerMessage  *msg,
                          const char         *sha256)
{
  g_autoptr(LotseServerSession) session = NULL;
  g_autofree char *dir = NULL;
  const char *method = soup_server_message_get_method (msg);

  if (self->config.blob_dir == NULL)
    {
      lotse_server_send_error_simple (msg, 501, "no_blob_store",
                                      "This server keeps no files; start it with --blob-dir");
      return;
    }

  session = lotse_server_authenticate (self, space, msg);
  if (session == NULL)
    return;

  if (!lotse_is_sha256 (sha256))
    {
      lotse_server_send_error_simple (msg, 404, "not_found", "A blob is named by its SHA-256 in lowercase hex");
      return;
    }

  dir = space_blob_dir (self, space);
  if (g_str_equal (method, "PUT"))
    {
      if (g_strcmp0 (session->role, "reader") == 0)
        lotse_server_send_error_simple (msg, 403, "read_only", "This account may read but not change data");
      else
        handle_put (self, msg, dir, sha256);
    }
  else
    handle_read (msg, dir, sha256);
}

/**
 * lotse_server_is_blob_path:
 * @path: a request's path
 *
 * Returns: whether @path is one of /v1/blobs/… or /w/NAME/v1/blobs/…,
 *   whose bodies may be as large as a blob
 */
gboolean
lotse_server_is_blob_path (const char *path)
{
  if (g_str_has_prefix (path, "/w/"))
    {
      path = strchr (path + 3, '/');
      if (path == NULL)
        return FALSE;
    }
  return g_str_has_prefix (path, "/v1/blobs/");
}
