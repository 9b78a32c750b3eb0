/* lotse-server-connection.c: one client connection of lotse-server
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The server accepts connections itself (lotse-server-listener.c) and
 * hands each to libsoup as this stream, which sits between libsoup and the
 * socket (or the TLS connection over it). It exists for what libsoup 3.2
 * gets wrong at the edge of a request:
 *
 * - A request head beyond 64 KiB makes libsoup drop the connection
 *   without an answer. The guard reads every head as it passes, answers
 *   414 for a request line longer than LOTSE_SERVER_MAX_REQUEST_LINE and
 *   431 for more than LOTSE_SERVER_MAX_HEAD bytes or
 *   LOTSE_SERVER_MAX_HEADER_LINES lines, and refuses with 400 what a proxy
 *   in front could frame differently (Content-Length together with
 *   Transfer-Encoding, several or malformed Content-Lengths). To find the
 *   next head on a kept-alive connection it follows the framing of the
 *   body the way libsoup does (soup_headers_parse_request() and the
 *   chunked reader of soup-body-input-stream.c).
 * - The end of the stream inside a head makes libsoup take the partial
 *   head for a whole request; the guard turns it into an error.
 * - A client that hangs up between two requests is never noticed: libsoup
 *   only lets a connection go when a request on it has started, and the
 *   next one has not. The guard hands libsoup a lone line end first, which
 *   starts that request, then the end.
 *
 * A refused head never reaches libsoup whole: it gets what came before
 * it, then an error, and closes the stream; the answer is written from
 * there. libsoup frees a connection after an error only when a request on
 * it has started, i.e. it has read a line of its head; when it has not,
 * it gets a line end before the error (which cannot end a head: there is
 * no line before it).
 */

#define G_LOG_DOMAIN "lotse-server"

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "lotse-server-connection.h"
#include "lotse-server-request.h"

/* Answering a refused request: after the answer the server stops sending
 * and reads and drops what the client still sends for a moment before
 * closing (a close with unread data would reset the connection and the
 * client might lose the answer), bounded in time and bytes. */
#define DRAIN_SECONDS 2
#define DRAIN_BYTES (4 * 1024 * 1024)

/* libsoup reads a chunk-size line into 128 bytes. */
#define MAX_CHUNK_LINE 128

typedef enum
{
  PHASE_HEAD,
  PHASE_BODY,
  PHASE_CHUNK_LINE,
  PHASE_CHUNK_DATA,
  PHASE_CHUNK_END,
  PHASE_TRAILER,
  PHASE_OPAQUE,     /* framing libsoup refuses itself: not followed further */
  PHASE_REFUSED,
} Phase;

#define LOTSE_TYPE_SERVER_GUARD (lotse_server_guard_get_type ())
G_DECLARE_FINAL_TYPE (LotseServerGuard, lotse_server_guard, LOTSE, SERVER_GUARD, GInputStream)

struct _LotseServerGuard
{
  GInputStream           parent_instance;

  GInputStream          *base;
  LotseServerConnection *connection;   /* not a reference: it owns the guard */

  Phase                  phase;
  GByteArray            *head;         /* the head so far; NULL between heads */
  gsize                  line_start;   /* offset of the current line in head */
  guint                  lines;
  gboolean               request_line_done;
  gsize                  head_delivered; /* bytes of head libsoup has */
  guint64                left;         /* bytes of body or chunk still to pass */
  char                   line[MAX_CHUNK_LINE];
  gsize                  line_length;

  /* PHASE_REFUSED: what libsoup gets from now on */
  gboolean               pending_newline;
  GError                *pending_error;
};

struct _LotseServerConnection
{
  GIOStream       parent_instance;

  GIOStream      *base;
  GSocket        *socket;
  LotseServerGuard *input;
  GSocketAddress *local_address;
  GSocketAddress *remote_address;
  char           *address;
  gboolean        tls;
  gint64          idle_since;
  GBytes         *rejection;
};

enum {
  SIGNAL_REFUSED,
  SIGNAL_CLOSED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static GQuark connection_quark;

static void lotse_server_guard_pollable_init (GPollableInputStreamInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (LotseServerGuard, lotse_server_guard, G_TYPE_INPUT_STREAM,
                               G_IMPLEMENT_INTERFACE (G_TYPE_POLLABLE_INPUT_STREAM,
                                                      lotse_server_guard_pollable_init))

G_DEFINE_FINAL_TYPE (LotseServerConnection, lotse_server_connection, G_TYPE_IO_STREAM)

/* --- the request head guard ---------------------------------------------- */

/* libsoup gets nothing more of the stream but @error (taken), after a line
 * end if that is what starts its request. */
static void
guard_stop (LotseServerGuard *self,
            GError           *error)
{
  gboolean started = self->phase != PHASE_HEAD ||
                     (self->head != NULL && memchr (self->head->data, '\n', self->head_delivered) != NULL);

  self->phase = PHASE_REFUSED;
  self->pending_newline = !started;
  g_clear_pointer (&self->head, g_byte_array_unref);
  g_clear_error (&self->pending_error);
  self->pending_error = error;
}

static void
guard_refuse (LotseServerGuard *self,
              guint             status,
              const char       *code,
              const char       *message)
{
  guard_stop (self, g_error_new_literal (G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                                         "The request head was refused"));
  lotse_server_connection_set_rejection (self->connection, status, code, message);
  g_signal_emit (self->connection, signals[SIGNAL_REFUSED], 0, status);
}

typedef struct
{
  guint        lengths;
  guint        encodings;
  const char  *length;
} Framing;

static void
count_framing (const char *name,
               const char *value,
               gpointer    user_data)
{
  Framing *framing = user_data;

  if (g_ascii_strcasecmp (name, "Content-Length") == 0)
    {
      framing->lengths++;
      framing->length = value;
    }
  else if (g_ascii_strcasecmp (name, "Transfer-Encoding") == 0)
    framing->encodings++;
}

static gboolean
is_decimal (const char *text)
{
  return text[0] != '\0' && strspn (text, "0123456789") == strlen (text);
}

/* The head is complete (@length bytes without its last empty line): how is
 * the body framed? */
static void
guard_head_done (LotseServerGuard *self,
                 gsize             length)
{
  g_autoptr(SoupMessageHeaders) headers = soup_message_headers_new (SOUP_MESSAGE_HEADERS_REQUEST);
  g_autofree char *method = NULL;
  g_autofree char *path = NULL;
  SoupHTTPVersion version;
  Framing framing = { 0, };
  guint status;

  status = soup_headers_parse_request ((const char *)self->head->data, length, headers,
                                       &method, &path, &version);
  g_clear_pointer (&self->head, g_byte_array_unref);
  if (status != SOUP_STATUS_OK)
    {
      /* libsoup answers it and closes. */
      self->phase = PHASE_OPAQUE;
      return;
    }

  soup_message_headers_foreach (headers, count_framing, &framing);
  if (framing.lengths > 0 && framing.encodings > 0)
    {
      guard_refuse (self, SOUP_STATUS_BAD_REQUEST, "ambiguous_length",
                    "A request must not have both Content-Length and Transfer-Encoding");
      return;
    }
  if (framing.lengths > 1 || (framing.lengths == 1 && !is_decimal (framing.length)))
    {
      guard_refuse (self, SOUP_STATUS_BAD_REQUEST, "bad_length",
                    "A request must have at most one Content-Length, a decimal number");
      return;
    }

  switch (soup_message_headers_get_encoding (headers))
    {
    case SOUP_ENCODING_CONTENT_LENGTH:
      self->left = soup_message_headers_get_content_length (headers);
      self->phase = self->left > 0 ? PHASE_BODY : PHASE_HEAD;
      break;
    case SOUP_ENCODING_CHUNKED:
      self->line_length = 0;
      self->phase = PHASE_CHUNK_LINE;
      break;
    case SOUP_ENCODING_NONE:
      self->phase = PHASE_HEAD;
      break;
    default:
      self->phase = PHASE_OPAQUE;
      break;
    }
}

/* One byte of a head. libsoup ends a head at a line "\n" after a line end,
 * or "\r\n" after one (soup_message_io_data_read_headers()); so does this. */
static void
guard_head_byte (LotseServerGuard *self,
                 guint8            byte)
{
  gsize length, line_length;

  if (self->head == NULL)
    {
      self->head = g_byte_array_sized_new (512);
      self->head_delivered = 0;
      self->line_start = 0;
      self->lines = 0;
      self->request_line_done = FALSE;
    }

  g_byte_array_append (self->head, &byte, 1);
  length = self->head->len;
  line_length = length - self->line_start;

  if (byte != '\n')
    {
      if (!self->request_line_done && line_length > LOTSE_SERVER_MAX_REQUEST_LINE)
        guard_refuse (self, SOUP_STATUS_REQUEST_URI_TOO_LONG, "uri_too_long",
                      "The request line is longer than the server accepts");
      else if (length > LOTSE_SERVER_MAX_HEAD)
        guard_refuse (self, 431, "headers_too_large",
                      "The request headers are larger than the server accepts");
      return;
    }

  if ((line_length == 1 && length >= 3 && self->head->data[length - 2] == '\n') ||
      (line_length == 2 && length >= 5 && self->head->data[length - 2] == '\r' &&
       self->head->data[length - 3] == '\n'))
    {
      guard_head_done (self, length - line_length);
      return;
    }

  /* Empty lines before the request line are skipped by libsoup. */
  if (line_length > 2 || (line_length == 2 && self->head->data[length - 2] != '\r'))
    {
      self->request_line_done = TRUE;
      if (++self->lines > LOTSE_SERVER_MAX_HEADER_LINES + 1)
        guard_refuse (self, 431, "headers_too_large",
                      "The request has more header lines than the server accepts");
    }
  self->line_start = length;
}

/* A line of the chunked framing, collected in self->line; TRUE when it is
 * complete. Longer lines than libsoup reads are left to libsoup to refuse. */
static gboolean
guard_chunk_line_byte (LotseServerGuard *self,
                       guint8            byte)
{
  if (self->line_length + 1 >= MAX_CHUNK_LINE)
    {
      self->phase = PHASE_OPAQUE;
      return FALSE;
    }

  self->line[self->line_length++] = (char)byte;
  if (byte != '\n')
    return FALSE;

  self->line[self->line_length] = '\0';
  self->line_length = 0;
  return TRUE;
}

/* Passes @n bytes of @data through the framing; returns how many of them
 * libsoup may have (those before the head, when a head in them is
 * refused). */
static gsize
guard_inspect (LotseServerGuard *self,
               const guint8     *data,
               gsize             n)
{
  gsize head_start = 0;   /* where in @data the current head began */

  for (gsize i = 0; i < n; i++)
    {
      switch (self->phase)
        {
        case PHASE_HEAD:
          if (self->head == NULL)
            head_start = i;
          guard_head_byte (self, data[i]);
          break;

        case PHASE_BODY:
        case PHASE_CHUNK_DATA:
          {
            guint64 skip = MIN (self->left, (guint64)(n - i));

            self->left -= skip;
            i += skip - 1;
            if (self->left == 0)
              self->phase = self->phase == PHASE_BODY ? PHASE_HEAD : PHASE_CHUNK_END;
          }
          break;

        case PHASE_CHUNK_LINE:
          if (guard_chunk_line_byte (self, data[i]))
            {
              self->left = strtoul (self->line, NULL, 16);
              self->phase = self->left > 0 ? PHASE_CHUNK_DATA : PHASE_TRAILER;
            }
          break;

        case PHASE_CHUNK_END:
          if (guard_chunk_line_byte (self, data[i]))
            self->phase = PHASE_CHUNK_LINE;
          break;

        case PHASE_TRAILER:
          /* libsoup's chunked reader takes exactly one line after the last
           * chunk; an empty line after it starts the next head. */
          if (guard_chunk_line_byte (self, data[i]))
            self->phase = PHASE_HEAD;
          break;

        case PHASE_OPAQUE:
          return n;

        case PHASE_REFUSED:
          return head_start;
        }
    }

  if (self->phase == PHASE_REFUSED)
    return head_start;

  if (self->head != NULL)
    self->head_delivered = self->head->len;
  return n;
}

/* What libsoup gets once the guard has stopped: see guard_stop(). */
static gssize
guard_pending (LotseServerGuard  *self,
               guint8            *buffer,
               GError           **error)
{
  if (self->pending_newline)
    {
      self->pending_newline = FALSE;
      buffer[0] = '\n';
      return 1;
    }

  g_propagate_error (error, g_error_copy (self->pending_error));
  return -1;
}

/* What libsoup gets from one read of the base stream (@n bytes, 0 = end,
 * -1 = @error); see the comment at the top. */
static gssize
guard_filter (LotseServerGuard  *self,
              guint8            *buffer,
              gssize             n,
              GError           **error)
{
  gsize passed;

  if (n < 0 && g_error_matches (*error, G_IO_ERROR, G_IO_ERROR_WOULD_BLOCK))
    return n;

  /* The end (or a failure) inside a head or between two: libsoup must not
   * take a partial head for a whole one, and must see its request fail. */
  if (n <= 0 && self->phase == PHASE_HEAD)
    {
      if (n == 0 && self->head != NULL)
        guard_stop (self, g_error_new_literal (G_IO_ERROR, G_IO_ERROR_PARTIAL_INPUT,
                                               "The connection ended inside a request head"));
      else if (n == 0)
        guard_stop (self, g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CONNECTION_CLOSED,
                                               "The client closed the connection"));
      else
        guard_stop (self, g_steal_pointer (error));
      return guard_pending (self, buffer, error);
    }
  if (n <= 0)
    return n;

  passed = guard_inspect (self, buffer, (gsize)n);
  if (passed > 0)
    return (gssize)passed;

  return guard_pending (self, buffer, error);
}

static gssize
lotse_server_guard_read (GInputStream  *stream,
                         void          *buffer,
                         gsize          count,
                         GCancellable  *cancellable,
                         GError       **error)
{
  LotseServerGuard *self = LOTSE_SERVER_GUARD (stream);
  gssize n;

  if (self->phase == PHASE_REFUSED)
    return guard_pending (self, buffer, error);

  n = g_input_stream_read (self->base, buffer, count, cancellable, error);
  return guard_filter (self, buffer, n, error);
}

static gssize
lotse_server_guard_read_nonblocking (GPollableInputStream  *stream,
                                     void                  *buffer,
                                     gsize                  count,
                                     GError               **error)
{
  LotseServerGuard *self = LOTSE_SERVER_GUARD (stream);
  gssize n;

  if (self->phase == PHASE_REFUSED)
    return guard_pending (self, buffer, error);

  n = g_pollable_input_stream_read_nonblocking (G_POLLABLE_INPUT_STREAM (self->base),
                                                buffer, count, NULL, error);
  return guard_filter (self, buffer, n, error);
}

static gboolean
lotse_server_guard_can_poll (GPollableInputStream *stream)
{
  return TRUE;
}

static gboolean
lotse_server_guard_is_readable (GPollableInputStream *stream)
{
  LotseServerGuard *self = LOTSE_SERVER_GUARD (stream);

  return self->phase == PHASE_REFUSED ||
         g_pollable_input_stream_is_readable (G_POLLABLE_INPUT_STREAM (self->base));
}

static GSource *
lotse_server_guard_create_source (GPollableInputStream *stream,
                                  GCancellable         *cancellable)
{
  LotseServerGuard *self = LOTSE_SERVER_GUARD (stream);
  g_autoptr(GSource) child = NULL;

  if (self->phase == PHASE_REFUSED)
    child = g_timeout_source_new (0);
  else
    child = g_pollable_input_stream_create_source (G_POLLABLE_INPUT_STREAM (self->base), NULL);

  return g_pollable_source_new_full (stream, child, cancellable);
}

/* The connection closes the base stream. */
static gboolean
lotse_server_guard_close (GInputStream  *stream,
                          GCancellable  *cancellable,
                          GError       **error)
{
  return TRUE;
}

static void
lotse_server_guard_finalize (GObject *object)
{
  LotseServerGuard *self = LOTSE_SERVER_GUARD (object);

  g_clear_object (&self->base);
  g_clear_pointer (&self->head, g_byte_array_unref);
  g_clear_error (&self->pending_error);

  G_OBJECT_CLASS (lotse_server_guard_parent_class)->finalize (object);
}

static void
lotse_server_guard_pollable_init (GPollableInputStreamInterface *iface)
{
  iface->can_poll = lotse_server_guard_can_poll;
  iface->is_readable = lotse_server_guard_is_readable;
  iface->create_source = lotse_server_guard_create_source;
  iface->read_nonblocking = lotse_server_guard_read_nonblocking;
}

static void
lotse_server_guard_class_init (LotseServerGuardClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GInputStreamClass *input_class = G_INPUT_STREAM_CLASS (klass);

  object_class->finalize = lotse_server_guard_finalize;
  input_class->read_fn = lotse_server_guard_read;
  input_class->close_fn = lotse_server_guard_close;
}

static void
lotse_server_guard_init (LotseServerGuard *self)
{
  self->phase = PHASE_HEAD;
}

/* --- answering and closing a refused connection -------------------------- */

typedef struct
{
  GIOStream    *stream;
  GSocket      *socket;
  GBytes       *response;
  GCancellable *cancellable;
  guint         timeout_id;
  gsize         drained;
  gboolean      tls;
  guint8        buffer[64 * 1024];
} Rejection;

static void
rejection_free (Rejection *rejection)
{
  g_clear_handle_id (&rejection->timeout_id, g_source_remove);
  g_clear_object (&rejection->cancellable);
  g_clear_object (&rejection->stream);
  g_clear_object (&rejection->socket);
  g_clear_pointer (&rejection->response, g_bytes_unref);
  g_free (rejection);
}

static void
on_rejection_closed (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_io_stream_close_finish (G_IO_STREAM (source), result, NULL);
  rejection_free (user_data);
}

static void
rejection_close (Rejection *rejection)
{
  g_clear_handle_id (&rejection->timeout_id, g_source_remove);
  g_io_stream_close_async (rejection->stream, G_PRIORITY_DEFAULT, NULL,
                           on_rejection_closed, rejection);
}

static gboolean
on_rejection_timeout (gpointer user_data)
{
  Rejection *rejection = user_data;

  rejection->timeout_id = 0;
  g_cancellable_cancel (rejection->cancellable);
  return G_SOURCE_REMOVE;
}

static void
on_rejection_drained (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  Rejection *rejection = user_data;
  gssize n = g_input_stream_read_finish (G_INPUT_STREAM (source), result, NULL);

  if (n <= 0 || (rejection->drained += n) > DRAIN_BYTES)
    {
      rejection_close (rejection);
      return;
    }

  g_input_stream_read_async (G_INPUT_STREAM (source), rejection->buffer, sizeof rejection->buffer,
                             G_PRIORITY_DEFAULT, rejection->cancellable,
                             on_rejection_drained, rejection);
}

static void
on_rejection_written (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  Rejection *rejection = user_data;

  /* TLS data cannot be cut off under the TLS layer; it is just drained. */
  if (!g_output_stream_write_all_finish (G_OUTPUT_STREAM (source), result, NULL, NULL) ||
      (!rejection->tls && !g_socket_shutdown (rejection->socket, FALSE, TRUE, NULL)))
    {
      rejection_close (rejection);
      return;
    }

  rejection->cancellable = g_cancellable_new ();
  rejection->timeout_id = g_timeout_add_seconds (DRAIN_SECONDS, on_rejection_timeout, rejection);
  g_input_stream_read_async (g_io_stream_get_input_stream (rejection->stream),
                             rejection->buffer, sizeof rejection->buffer,
                             G_PRIORITY_DEFAULT, rejection->cancellable,
                             on_rejection_drained, rejection);
}

static void
reject (LotseServerConnection *self)
{
  Rejection *rejection = g_new0 (Rejection, 1);

  rejection->stream = g_object_ref (self->base);
  rejection->socket = g_object_ref (self->socket);
  rejection->tls = self->tls;
  rejection->response = g_steal_pointer (&self->rejection);

  g_output_stream_write_all_async (g_io_stream_get_output_stream (rejection->stream),
                                   g_bytes_get_data (rejection->response, NULL),
                                   g_bytes_get_size (rejection->response),
                                   G_PRIORITY_DEFAULT, NULL,
                                   on_rejection_written, rejection);
}

static const char *
status_phrase (guint status)
{
  /* Not in libsoup 3.2's table. */
  if (status == 431)
    return "Request Header Fields Too Large";

  return soup_status_get_phrase (status);
}

void
lotse_server_connection_set_rejection (LotseServerConnection *self,
                                       guint                  status,
                                       const char            *code,
                                       const char            *message)
{
  g_autoptr(LotseServerError) error = NULL;
  g_autofree char *body = NULL;
  char *response;

  g_return_if_fail (LOTSE_IS_SERVER_CONNECTION (self));

  error = lotse_server_error_new (status, code, NULL, -1, "%s", message);
  body = lotse_server_error_to_json (error);
  response = g_strdup_printf ("HTTP/1.1 %u %s\r\n"
                              "Content-Type: application/json\r\n"
                              "Content-Length: %" G_GSIZE_FORMAT "\r\n"
                              "Connection: close\r\n"
                              "\r\n%s",
                              status, status_phrase (status), strlen (body), body);

  g_clear_pointer (&self->rejection, g_bytes_unref);
  self->rejection = g_bytes_new_take (response, strlen (response));
}

/* --- the connection ------------------------------------------------------- */

static GInputStream *
lotse_server_connection_get_input_stream (GIOStream *stream)
{
  return G_INPUT_STREAM (LOTSE_SERVER_CONNECTION (stream)->input);
}

static GOutputStream *
lotse_server_connection_get_output_stream (GIOStream *stream)
{
  return g_io_stream_get_output_stream (LOTSE_SERVER_CONNECTION (stream)->base);
}

static gboolean
lotse_server_connection_close (GIOStream     *stream,
                               GCancellable  *cancellable,
                               GError       **error)
{
  LotseServerConnection *self = LOTSE_SERVER_CONNECTION (stream);
  gboolean ok = TRUE;

  if (self->rejection != NULL)
    reject (self);
  else
    ok = g_io_stream_close (self->base, cancellable, error);

  g_signal_emit (self, signals[SIGNAL_CLOSED], 0);
  return ok;
}

/* Closing does not block (a rejection goes on by itself): no thread. */
static void
lotse_server_connection_close_async (GIOStream           *stream,
                                     int                  io_priority,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (stream, cancellable, callback, user_data);
  GError *error = NULL;

  g_task_set_source_tag (task, lotse_server_connection_close_async);
  if (lotse_server_connection_close (stream, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static gboolean
lotse_server_connection_close_finish (GIOStream     *stream,
                                      GAsyncResult  *result,
                                      GError       **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
lotse_server_connection_finalize (GObject *object)
{
  LotseServerConnection *self = LOTSE_SERVER_CONNECTION (object);

  if (self->remote_address != NULL)
    g_object_set_qdata (G_OBJECT (self->remote_address), connection_quark, NULL);
  g_clear_object (&self->input);
  g_clear_object (&self->base);
  g_clear_object (&self->socket);
  g_clear_object (&self->local_address);
  g_clear_object (&self->remote_address);
  g_clear_pointer (&self->rejection, g_bytes_unref);
  g_free (self->address);

  G_OBJECT_CLASS (lotse_server_connection_parent_class)->finalize (object);
}

static void
lotse_server_connection_class_init (LotseServerConnectionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GIOStreamClass *stream_class = G_IO_STREAM_CLASS (klass);

  object_class->finalize = lotse_server_connection_finalize;
  stream_class->get_input_stream = lotse_server_connection_get_input_stream;
  stream_class->get_output_stream = lotse_server_connection_get_output_stream;
  stream_class->close_fn = lotse_server_connection_close;
  stream_class->close_async = lotse_server_connection_close_async;
  stream_class->close_finish = lotse_server_connection_close_finish;

  connection_quark = g_quark_from_static_string ("lotse-server-connection");

  /**
   * LotseServerConnection::refused:
   * @status: the HTTP status of the answer
   *
   * Emitted when a request head is refused before libsoup sees it.
   */
  signals[SIGNAL_REFUSED] = g_signal_new ("refused", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                          0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_UINT);
  /**
   * LotseServerConnection::closed:
   *
   * Emitted when the connection is closed (a rejection may still be on its
   * way out).
   */
  signals[SIGNAL_CLOSED] = g_signal_new ("closed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                         0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
lotse_server_connection_init (LotseServerConnection *self)
{
}

/**
 * lotse_server_connection_new:
 * @base: the connection to the client (TLS handshake done)
 * @socket: its socket
 * @error: set when the client is already gone
 *
 * Returns: (transfer full) (nullable): the connection
 */
LotseServerConnection *
lotse_server_connection_new (GIOStream  *base,
                             GSocket    *socket,
                             GError    **error)
{
  g_autoptr(LotseServerConnection) self = NULL;
  GInetAddress *inet;

  g_return_val_if_fail (G_IS_IO_STREAM (base), NULL);
  g_return_val_if_fail (G_IS_SOCKET (socket), NULL);

  self = g_object_new (LOTSE_TYPE_SERVER_CONNECTION, NULL);
  self->base = g_object_ref (base);
  self->socket = g_object_ref (socket);
  self->tls = G_IS_TLS_CONNECTION (base);
  self->input = g_object_new (LOTSE_TYPE_SERVER_GUARD, NULL);
  self->input->base = g_object_ref (g_io_stream_get_input_stream (base));
  self->input->connection = self;

  self->local_address = g_socket_get_local_address (socket, error);
  if (self->local_address == NULL)
    return NULL;
  self->remote_address = g_socket_get_remote_address (socket, error);
  if (self->remote_address == NULL)
    return NULL;

  inet = G_IS_INET_SOCKET_ADDRESS (self->remote_address)
           ? g_inet_socket_address_get_address (G_INET_SOCKET_ADDRESS (self->remote_address)) : NULL;
  self->address = inet != NULL ? g_inet_address_to_string (inet) : g_strdup ("-");

  return g_steal_pointer (&self);
}

/* libsoup keeps the remote address it was given for the connection and
 * hands it out for each message: the way back from a message to this. */
LotseServerConnection *
lotse_server_connection_for_message (SoupServerMessage *msg)
{
  GSocketAddress *address = soup_server_message_get_remote_address (msg);

  return address != NULL ? g_object_get_qdata (G_OBJECT (address), connection_quark) : NULL;
}

gboolean
lotse_server_connection_accept (LotseServerConnection  *self,
                                SoupServer             *soup,
                                GError                **error)
{
  g_return_val_if_fail (LOTSE_IS_SERVER_CONNECTION (self), FALSE);

  g_object_set_qdata (G_OBJECT (self->remote_address), connection_quark, self);
  return soup_server_accept_iostream (soup, G_IO_STREAM (self), self->local_address,
                                      self->remote_address, error);
}

const char *
lotse_server_connection_get_address (LotseServerConnection *self)
{
  g_return_val_if_fail (LOTSE_IS_SERVER_CONNECTION (self), "-");

  return self->address;
}

GSocket *
lotse_server_connection_get_socket (LotseServerConnection *self)
{
  g_return_val_if_fail (LOTSE_IS_SERVER_CONNECTION (self), NULL);

  return self->socket;
}

gboolean
lotse_server_connection_is_closed (LotseServerConnection *self)
{
  g_return_val_if_fail (LOTSE_IS_SERVER_CONNECTION (self), TRUE);

  return g_io_stream_is_closed (G_IO_STREAM (self)) || g_socket_is_closed (self->socket);
}

void
lotse_server_connection_shutdown (LotseServerConnection *self)
{
  g_return_if_fail (LOTSE_IS_SERVER_CONNECTION (self));

  if (!g_socket_is_closed (self->socket))
    g_socket_shutdown (self->socket, TRUE, TRUE, NULL);
}

gint64
lotse_server_connection_get_idle_since (LotseServerConnection *self)
{
  g_return_val_if_fail (LOTSE_IS_SERVER_CONNECTION (self), 0);

  return self->idle_since;
}

void
lotse_server_connection_set_idle_since (LotseServerConnection *self,
                                        gint64                 idle_since)
{
  g_return_if_fail (LOTSE_IS_SERVER_CONNECTION (self));

  self->idle_since = idle_since;
}
