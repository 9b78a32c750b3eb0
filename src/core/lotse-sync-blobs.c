/* lotse-sync-blobs.c: moving the files of attachments to and from the server
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Rows of “attachment” sync like every other row; their blobs follow
 * after each cycle (PROTOCOL.md, “Blobs”). The store is read on its own
 * thread for the plan: which blobs of live rows this device has and has
 * not seen on this server (blob_upload), and which it lacks. The
 * transfers run in a worker thread with a session of their own, so that
 * 1 GB of files neither blocks the window nor holds up the next pull;
 * only what the server acknowledged is noted afterwards.
 *
 * Uploads go in parts of PART_SIZE from the offset the server names
 * (HEAD), so that an interrupted one continues; downloads continue a
 * partial file with Range. A download is checked against its hash before
 * it gets its name (lotse-blob-store.c): no half or wrong file is ever
 * opened. A blob the server does not have yet is counted as missing and
 * asked for again next time.
 *
 * LOTSE_SYNC_FAULT=exit-mid-blob-upload|exit-mid-blob-download makes the
 * process exit halfway through the first transfer, for the crash tests.
 */

#define G_LOG_DOMAIN "lotse-sync"

#include "config.h"

#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <libsoup/soup.h>
#include <unistd.h>

#include "lotse-attachment.h"
#include "lotse-blob-store.h"
#include "lotse-store-private.h"
#include "lotse-sync-blobs.h"
#include "lotse-sync-client.h"

#define PART_SIZE  (32 * 1024 * 1024)
/* Small enough that what a read brought stays in the CPU's cache for
 * its hash and its write: with 1 MB, each of the three passes came from
 * memory and a download took about a quarter more CPU (bench-attach). */
#define READ_SIZE  (64 * 1024)
#define TIMEOUT_S  120
#define MAX_PARTS  100000
/* Downloaded blobs waiting for their sync: bounds the open files and
 * what is not yet on disk when the disk is slower than the network. */
#define MAX_FINISHING  4

typedef struct
{
  char      *server_url;
  char      *server_id;
  char      *authorization;
  char      *dir;
  GPtrArray *uploads;    /* sha256 */
  GPtrArray *downloads;  /* sha256 */
  GPtrArray *uploaded;   /* sha256, filled by the thread */
  LotseSyncBlobStats stats;
  SoupSession *session;  /* the thread's */
  GThreadPool *finisher;  /* lotse_blob_writer_finish() of downloads */
  GMutex       lock;      /* the fields below, and stats.downloaded */
  GCond        finished;
  guint        finishing;
  GError      *finish_error;
} Transfer;

static void
transfer_free (Transfer *t)
{
  g_free (t->server_url);
  g_free (t->server_id);
  g_free (t->authorization);
  g_free (t->dir);
  g_ptr_array_unref (t->uploads);
  g_ptr_array_unref (t->downloads);
  g_ptr_array_unref (t->uploaded);
  g_clear_object (&t->session);
  g_clear_error (&t->finish_error);
  g_mutex_clear (&t->lock);
  g_cond_clear (&t->finished);
  g_free (t);
}

static gboolean
fault_is (const char *name)
{
  return g_strcmp0 (g_getenv ("LOTSE_SYNC_FAULT"), name) == 0;
}

/* The hashes of live rows, per @sql with the server id bound as ?1. */
static gboolean
collect (LotseStore  *store,
         const char  *sql,
         const char  *server_id,
         GPtrArray   *into,
         GError     **error)
{
  sqlite3_stmt *stmt = lotse_store_prepare_cached (store, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  lotse_store_bind_text (stmt, 1, server_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (into, lotse_store_column_dup (stmt, 0));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return lotse_store_set_sqlite_error (store, error, "reading attachments");
  return TRUE;
}

static Transfer *
plan (LotseStore  *store,
      const char  *server_id,
      gboolean     download_all,
      const char  *only_sha256,
      GError     **error)
{
  g_autoptr(GPtrArray) candidates = g_ptr_array_new_with_free_func (g_free);
  Transfer *t = g_new0 (Transfer, 1);

  t->dir = lotse_attachment_dup_blob_dir (store);
  t->uploads = g_ptr_array_new_with_free_func (g_free);
  t->downloads = g_ptr_array_new_with_free_func (g_free);
  t->uploaded = g_ptr_array_new_with_free_func (g_free);
  g_mutex_init (&t->lock);
  g_cond_init (&t->finished);

  if (!collect (store, "SELECT DISTINCT sha256 FROM attachment WHERE deleted = 0 AND sha256 NOT IN "
                       "(SELECT sha256 FROM blob_upload WHERE server_id = ?1) ORDER BY sha256",
                server_id, candidates, error))
    {
      transfer_free (t);
      return NULL;
    }
  for (guint i = 0; i < candidates->len; i++)
    if (lotse_blob_store_has (t->dir, candidates->pdata[i]))
      g_ptr_array_add (t->uploads, g_strdup (candidates->pdata[i]));

  g_ptr_array_set_size (candidates, 0);
  if (only_sha256 != NULL)
    g_ptr_array_add (candidates, g_strdup (only_sha256));
  else if (download_all &&
           !collect (store, "SELECT DISTINCT sha256 FROM attachment WHERE deleted = 0 AND ?1 IS NOT NULL "
                            "ORDER BY sha256", server_id, candidates, error))
    {
      transfer_free (t);
      return NULL;
    }
  for (guint i = 0; i < candidates->len; i++)
    if (!lotse_blob_store_has (t->dir, candidates->pdata[i]))
      g_ptr_array_add (t->downloads, g_strdup (candidates->pdata[i]));

  return t;
}

/* ---- in the worker thread ---- */

static SoupMessage *
new_message (Transfer   *t,
             const char *method,
             const char *sha256)
{
  g_autofree char *uri = g_strconcat (t->server_url, "/v1/blobs/", sha256, NULL);
  SoupMessage *msg = soup_message_new (method, uri);

  soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization", t->authorization);
  return msg;
}

static gint64
remote_offset (SoupMessage *msg)
{
  const char *text = soup_message_headers_get_one (soup_message_get_response_headers (msg), "Upload-Offset");
  guint64 offset = 0;

  if (text == NULL || !g_ascii_string_to_unsigned (text, 10, 0, G_MAXINT64, &offset, NULL))
    return -1;
  return (gint64)offset;
}

static gboolean
set_status_error (GError     **error,
                  guint        status,
                  const char  *server_url)
{
  switch (status)
    {
    case SOUP_STATUS_REQUEST_ENTITY_TOO_LARGE:
      g_set_error (error, LOTSE_SYNC_ERROR, LOTSE_SYNC_ERROR_SERVER,
                   _("The server %s does not take a file this large; the attachment stays on this device"),
                   server_url);
      break;
    case SOUP_STATUS_INSUFFICIENT_STORAGE:
      g_set_error (error, LOTSE_SYNC_ERROR, LOTSE_SYNC_ERROR_SERVER,
                   _("The server %s has no room for more attachments; they stay on this device and are "
                     "sent when there is room"), server_url);
      break;
    case SOUP_STATUS_UNAUTHORIZED:
      g_set_error (error, LOTSE_SYNC_ERROR, LOTSE_SYNC_ERROR_UNAUTHORIZED,
                   _("The server %s did not accept this device’s token; it may have been "
                     "revoked. Log in again with the password"), server_url);
      break;
    default:
      /* Translators: %u is an HTTP status */
      g_set_error (error, LOTSE_SYNC_ERROR, LOTSE_SYNC_ERROR_SERVER,
                   _("The server %s answered %u to the transfer of an attachment"), server_url, status);
      break;
    }
  return FALSE;
}

/* Sends [offset, offset + length) of @file; returns the server's status.
 * The part is a slice of the blob's mapping, not a copy: a blob under
 * its name is never changed in place (it is replaced by a rename or
 * removed), so the pages read are the page cache's own. */
static guint
put_part (Transfer      *t,
          const char    *sha256,
          GBytes        *file,
          gint64         offset,
          gsize          length,
          gint64         size,
          gint64        *out_offset,
          GCancellable  *cancellable,
          GError       **error)
{
  g_autoptr(SoupMessage) msg = new_message (t, "PUT", sha256);
  g_autoptr(GBytes) answer = NULL;
  g_autoptr(GBytes) body = NULL;

  if (offset < 0 || (gsize)offset + length > g_bytes_get_size (file))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("Could not read the attachment file %s"), sha256);
      return 0;
    }

  body = g_bytes_new_from_bytes (file, offset, length);
  if (size > 0)
    {
      g_autofree char *range = g_strdup_printf ("bytes %" G_GINT64_FORMAT "-%" G_GINT64_FORMAT "/%" G_GINT64_FORMAT,
                                                offset, offset + (gint64)length - 1, size);

      soup_message_headers_replace (soup_message_get_request_headers (msg), "Content-Range", range);
    }
  soup_message_set_request_body_from_bytes (msg, "application/octet-stream", body);
  answer = soup_session_send_and_read (t->session, msg, cancellable, error);
  if (answer == NULL)
    return 0;
  *out_offset = remote_offset (msg);
  return soup_message_get_status (msg);
}

static gboolean
upload_parts (Transfer      *t,
              const char    *sha256,
              GBytes        *file,
              gint64         offset,
              gint64         size,
              GCancellable  *cancellable,
              GError       **error)
{
  for (guint part = 0; part < MAX_PARTS; part++)
    {
      gsize length = (gsize)MIN ((gint64)PART_SIZE, size - offset);
      gint64 next = -1;
      guint status;

      if (fault_is ("exit-mid-blob-upload"))
        length = (gsize)MAX (1, size / 2);
      status = put_part (t, sha256, file, offset, length, size, &next, cancellable, error);
      if (status == 0)
        return FALSE;
      if (status == SOUP_STATUS_OK || status == SOUP_STATUS_CREATED)
        return TRUE;
      if ((status != SOUP_STATUS_ACCEPTED && status != SOUP_STATUS_CONFLICT) || next < 0 || next > size)
        return set_status_error (error, status, t->server_url);
      if (fault_is ("exit-mid-blob-upload"))
        _exit (99);
      offset = next;
    }
  return set_status_error (error, SOUP_STATUS_CONFLICT, t->server_url);
}

static gboolean
upload_one (Transfer      *t,
            const char    *sha256,
            GCancellable  *cancellable,
            GError       **error)
{
  g_autofree char *path = lotse_blob_store_path (t->dir, sha256);
  g_autoptr(SoupMessage) head = new_message (t, "HEAD", sha256);
  g_autoptr(GBytes) answer = NULL;
  g_autoptr(GMappedFile) mapped = NULL;
  g_autoptr(GBytes) file = NULL;
  GStatBuf st;
  gboolean done;
  gint64 offset, size;

  answer = soup_session_send_and_read (t->session, head, cancellable, error);
  if (answer == NULL)
    return FALSE;
  if (soup_message_get_status (head) == SOUP_STATUS_OK)
    return TRUE;
  if (soup_message_get_status (head) != SOUP_STATUS_NOT_FOUND)
    return set_status_error (error, soup_message_get_status (head), t->server_url);

  /* An empty file has no mapping; its one part is empty. */
  mapped = g_mapped_file_new (path, FALSE, NULL);
  if (mapped == NULL && (g_stat (path, &st) != 0 || st.st_size != 0))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("Could not read the attachment file %s"), sha256);
      return FALSE;
    }
  file = mapped != NULL ? g_mapped_file_get_bytes (mapped) : g_bytes_new (NULL, 0);
  size = (gint64)g_bytes_get_size (file);
  offset = remote_offset (head);
  if (offset < 0 || offset > size)
    offset = 0;
  done = upload_parts (t, sha256, file, offset, size, cancellable, error);
  return done;
}

/* Reads the answer into @writer; FALSE with @error set when it broke. */
static gboolean
read_into (GInputStream     *stream,
           LotseBlobWriter  *writer,
           gint64            expected,
           GCancellable     *cancellable,
           GError          **error)
{
  g_autofree guchar *buffer = g_malloc (READ_SIZE);
  gint64 received = 0;
  gssize n;

  while ((n = g_input_stream_read (stream, buffer, READ_SIZE, cancellable, error)) > 0)
    {
      if (!lotse_blob_writer_write (writer, buffer, n, error))
        return FALSE;
      received += n;
      if (fault_is ("exit-mid-blob-download") && expected > 0 && received >= expected / 2)
        _exit (99);
    }
  return n == 0;
}

/* In the finisher's threads: the sync, the hash check and the name. */
static void
finish_download (gpointer data,
                 gpointer user_data)
{
  g_autoptr(LotseBlobWriter) writer = data;
  g_autoptr(GError) error = NULL;
  g_autofree char *done = lotse_blob_writer_finish (writer, &error);
  Transfer *t = user_data;

  g_mutex_lock (&t->lock);
  if (done != NULL)
    t->stats.downloaded++;
  else if (t->finish_error == NULL)
    t->finish_error = g_steal_pointer (&error);
  t->finishing--;
  g_cond_signal (&t->finished);
  g_mutex_unlock (&t->lock);
}

/* A blob received whole is synced and named while the next one arrives:
 * the fsync waits for the disk, which held each download up for about
 * 20 ms (bench-attach), and two of them share a journal commit. The
 * blob gets its name only there, after the sync and the hash check. */
static void
queue_finish (Transfer        *t,
              LotseBlobWriter *writer)
{
  g_mutex_lock (&t->lock);
  while (t->finishing >= MAX_FINISHING)
    g_cond_wait (&t->finished, &t->lock);
  t->finishing++;
  g_mutex_unlock (&t->lock);
  g_thread_pool_push (t->finisher, writer, NULL);
}

static gboolean
download_one (Transfer      *t,
              const char    *sha256,
              GCancellable  *cancellable,
              GError       **error)
{
  g_autoptr(LotseBlobWriter) writer = NULL;
  g_autoptr(SoupMessage) msg = new_message (t, "GET", sha256);
  g_autoptr(GInputStream) stream = NULL;
  gint64 offset = 0;
  guint status;

  writer = lotse_blob_writer_new (t->dir, sha256, &offset, error);
  if (writer == NULL)
    return FALSE;
  if (offset > 0)
    soup_message_headers_set_range (soup_message_get_request_headers (msg), offset, -1);

  stream = soup_session_send (t->session, msg, cancellable, error);
  if (stream == NULL)
    return FALSE;
  status = soup_message_get_status (msg);
  if (status == SOUP_STATUS_NOT_FOUND)
    {
      t->stats.missing++;
      return TRUE;
    }
  if (status != SOUP_STATUS_OK && status != SOUP_STATUS_PARTIAL_CONTENT)
    return set_status_error (error, status, t->server_url);
  if (status == SOUP_STATUS_OK && offset > 0 && !lotse_blob_writer_restart (writer, error))
    return FALSE;

  if (!read_into (stream, writer, soup_message_headers_get_content_length (soup_message_get_response_headers (msg)),
                  cancellable, error))
    return FALSE;
  queue_finish (t, g_steal_pointer (&writer));
  return TRUE;
}

static void
transfer_thread (GTask        *task,
                 gpointer      source_object,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  Transfer *t = task_data;
  GError *error = NULL;

  t->session = soup_session_new_with_options ("timeout", TIMEOUT_S, NULL);
  t->finisher = g_thread_pool_new (finish_download, t, 2, FALSE, NULL);
  /* A file the server refuses holds up no other, and downloads go on
   * after a refused upload (a full server still serves); the first
   * error is the cycle's. */
  for (guint i = 0; i < t->uploads->len + t->downloads->len; i++)
    {
      gboolean upload = i < t->uploads->len;
      const char *sha256 = upload ? t->uploads->pdata[i] : t->downloads->pdata[i - t->uploads->len];
      GError *failed = NULL;

      if (upload ? upload_one (t, sha256, cancellable, &failed) : download_one (t, sha256, cancellable, &failed))
        {
          if (upload)
            g_ptr_array_add (t->uploaded, g_strdup (sha256));
          continue;
        }
      if (error == NULL)
        error = failed;
      else
        g_error_free (failed);
      if (g_cancellable_is_cancelled (cancellable))
        break;
    }

  /* Every blob received is named (or failed) when the transfer ends. */
  g_thread_pool_free (g_steal_pointer (&t->finisher), FALSE, TRUE);
  if (error == NULL)
    error = g_steal_pointer (&t->finish_error);
  t->stats.uploaded = t->uploaded->len;
  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

/* ---- on the store's thread ---- */

/**
 * lotse_sync_blobs_run_async:
 * @store: a store
 * @server_url: the server, without a trailing slash
 * @server_id: its id (blob_upload remembers per server)
 * @token: the device token
 * @download_all: fetch every blob this device lacks (“keep all
 *   attachments offline”), or only @only_sha256
 * @only_sha256: (nullable): one blob to fetch (a file being opened)
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Uploads the blobs the server may lack, then downloads (see the top of
 * this file).
 */
void
lotse_sync_blobs_run_async (LotseStore          *store,
                            const char          *server_url,
                            const char          *server_id,
                            const char          *token,
                            gboolean             download_all,
                            const char          *only_sha256,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (store, cancellable, callback, user_data);
  GError *error = NULL;
  Transfer *t;

  g_task_set_source_tag (task, lotse_sync_blobs_run_async);
  t = plan (store, server_id, download_all, only_sha256, &error);
  if (t == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  t->server_url = g_strdup (server_url);
  t->server_id = g_strdup (server_id);
  t->authorization = g_strconcat ("Bearer ", token, NULL);
  g_task_set_task_data (task, t, (GDestroyNotify)transfer_free);
  if (t->uploads->len == 0 && t->downloads->len == 0)
    g_task_return_boolean (task, TRUE);
  else
    g_task_run_in_thread (task, transfer_thread);
}

static gboolean
note_uploaded (LotseStore  *store,
               Transfer    *t,
               GError     **error)
{
  sqlite3_stmt *stmt;

  if (t->uploaded->len == 0)
    return TRUE;
  stmt = lotse_store_prepare_cached (store, "INSERT OR IGNORE INTO blob_upload (sha256, server_id) VALUES (?, ?)",
                                     error);
  if (stmt == NULL)
    return FALSE;
  for (guint i = 0; i < t->uploaded->len; i++)
    {
      lotse_store_bind_text (stmt, 1, t->uploaded->pdata[i]);
      lotse_store_bind_text (stmt, 2, t->server_id);
      if (!lotse_store_step_done (store, stmt, "noting uploaded attachments", error))
        return FALSE;
    }
  return TRUE;
}

/**
 * lotse_sync_blobs_run_finish:
 * @out_stats: (out) (optional): what was moved
 *
 * Returns: whether every transfer succeeded; what did is kept either way
 */
gboolean
lotse_sync_blobs_run_finish (LotseStore          *store,
                             GAsyncResult        *result,
                             LotseSyncBlobStats  *out_stats,
                             GError             **error)
{
  Transfer *t = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) local_error = NULL;
  gboolean ok;

  g_return_val_if_fail (g_task_is_valid (result, store), FALSE);

  ok = g_task_propagate_boolean (G_TASK (result), &local_error);
  if (t != NULL)
    {
      if (!note_uploaded (store, t, local_error == NULL ? &local_error : NULL))
        ok = FALSE;
      if (out_stats != NULL)
        *out_stats = t->stats;
      if (t->stats.downloaded > 0)
        lotse_store_note_change (store, LOTSE_TABLE_ATTACHMENT, NULL);
    }
  if (local_error != NULL)
    g_propagate_error (error, g_steal_pointer (&local_error));
  return ok;
}
