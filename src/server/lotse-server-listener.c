/* lotse-server-listener.c: accepting connections for lotse-server
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * libsoup 3.2's own listener stops accepting for good after the first
 * failed accept() (EMFILE when the descriptors run out): its source
 * removes itself and nothing ever re-arms it. It also leaks a reference to
 * every accepted socket, and a connection whose TLS handshake fails stays
 * in memory with its first message. So the server accepts here and hands
 * libsoup finished connections (soup_server_accept_iostream()): a failed
 * accept pauses accepting for a moment and is logged (at most every
 * REPORT_SECONDS), TLS handshakes are done here with a deadline, and
 * nothing of a connection that never became HTTP reaches libsoup.
 */

#define G_LOG_DOMAIN "lotse-server"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/resource.h>

#include "lotse-server-listener.h"

/* At most this many accepts per turn of the main loop, so that a flood of
 * connections does not starve the requests already accepted. */
#define ACCEPT_BATCH 32
/* After a failed accept (no descriptors, no memory) the server waits this
 * long before it tries again: the pending connection keeps the socket
 * readable, and trying at once would spin. */
#define PAUSE_MS 100
#define REPORT_SECONDS 10

typedef struct _Handshake Handshake;

struct _LotseServerListener
{
  GSocket                 *socket;
  GTlsCertificate         *certificate;
  guint                    handshake_seconds;
  LotseServerListenerFunc  func;
  gpointer                 user_data;

  GSource                 *source;       /* NULL while paused */
  guint                    pause_id;
  GQueue                   handshakes;

  gint64                   failing_since; /* monotonic µs; 0 = accepting */
  gint64                   reported_us;
  guint                    unreported;
};

struct _Handshake
{
  LotseServerListener *listener;         /* NULL once the listener is gone */
  GTlsConnection      *tls;
  GSocket             *socket;
  GCancellable        *cancellable;
  guint                timeout_id;
  GList                link;
};

static gboolean on_incoming (GSocket      *socket,
                             GIOCondition  condition,
                             gpointer      user_data);

static void
watch (LotseServerListener *self)
{
  self->source = g_socket_create_source (self->socket, G_IO_IN, NULL);
  g_source_set_callback (self->source, G_SOURCE_FUNC (on_incoming), self, NULL);
  g_source_set_name (self->source, "lotse-server accept");
  g_source_attach (self->source, g_main_context_get_thread_default ());
}

static void
unwatch (LotseServerListener *self)
{
  if (self->source != NULL)
    {
      g_source_destroy (self->source);
      g_clear_pointer (&self->source, g_source_unref);
    }
}

static void
hand_over (LotseServerListener *self,
           GIOStream           *stream,
           GSocket             *socket)
{
  g_autoptr(LotseServerConnection) connection = NULL;

  /* A client that is already gone has no address: nothing to serve. */
  connection = lotse_server_connection_new (stream, socket, NULL);
  if (connection == NULL)
    {
      g_io_stream_close (stream, NULL, NULL);
      return;
    }

  self->func (connection, self->user_data);
}

static void
handshake_free (Handshake *handshake)
{
  if (handshake->listener != NULL)
    g_queue_unlink (&handshake->listener->handshakes, &handshake->link);
  g_clear_handle_id (&handshake->timeout_id, g_source_remove);
  g_clear_object (&handshake->cancellable);
  g_clear_object (&handshake->socket);
  g_clear_object (&handshake->tls);
  g_free (handshake);
}

static void
on_handshake_done (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  Handshake *handshake = user_data;

  if (g_tls_connection_handshake_finish (handshake->tls, result, NULL) &&
      handshake->listener != NULL)
    hand_over (handshake->listener, G_IO_STREAM (handshake->tls), handshake->socket);
  else
    g_socket_close (handshake->socket, NULL);

  handshake_free (handshake);
}

static gboolean
on_handshake_timeout (gpointer user_data)
{
  Handshake *handshake = user_data;

  handshake->timeout_id = 0;
  g_cancellable_cancel (handshake->cancellable);
  return G_SOURCE_REMOVE;
}

static void
start_tls (LotseServerListener *self,
           GIOStream           *base,
           GSocket             *socket)
{
  static const char * const protocols[] = { "http/1.1", "http/1.0", NULL };
  g_autoptr(GError) error = NULL;
  GIOStream *tls;
  Handshake *handshake;

  tls = g_tls_server_connection_new (base, self->certificate, &error);
  if (tls == NULL)
    {
      g_warning (_("Could not start TLS on a connection: %s"), error->message);
      g_socket_close (socket, NULL);
      return;
    }
  g_tls_connection_set_require_close_notify (G_TLS_CONNECTION (tls), FALSE);
  g_tls_connection_set_advertised_protocols (G_TLS_CONNECTION (tls), protocols);

  handshake = g_new0 (Handshake, 1);
  handshake->listener = self;
  handshake->tls = G_TLS_CONNECTION (tls);
  handshake->socket = g_object_ref (socket);
  handshake->cancellable = g_cancellable_new ();
  handshake->timeout_id = g_timeout_add_seconds (self->handshake_seconds, on_handshake_timeout, handshake);
  handshake->link.data = handshake;
  g_queue_push_tail_link (&self->handshakes, &handshake->link);

  g_tls_connection_handshake_async (handshake->tls, G_PRIORITY_DEFAULT, handshake->cancellable,
                                    on_handshake_done, handshake);
}

static void
start_connection (LotseServerListener *self,
                  GSocket             *socket)
{
  g_autoptr(GSocketConnection) base = g_socket_connection_factory_create_connection (socket);

  /* Small answers go out at once (libsoup's own listener does the same). */
  if (g_socket_get_family (socket) != G_SOCKET_FAMILY_UNIX)
    g_socket_set_option (socket, IPPROTO_TCP, TCP_NODELAY, TRUE, NULL);

  if (self->certificate != NULL)
    start_tls (self, G_IO_STREAM (base), socket);
  else
    hand_over (self, G_IO_STREAM (base), socket);
}

static gboolean
on_resume (gpointer user_data)
{
  LotseServerListener *self = user_data;

  self->pause_id = 0;
  watch (self);
  return G_SOURCE_REMOVE;
}

static void
report_failure (LotseServerListener *self,
                const GError        *error)
{
  gint64 now = g_get_monotonic_time ();
  struct rlimit limit = { 0, };

  if (self->failing_since == 0)
    self->failing_since = now;

  if (self->reported_us != 0 && now - self->reported_us < REPORT_SECONDS * G_USEC_PER_SEC)
    {
      self->unreported++;
      return;
    }

  getrlimit (RLIMIT_NOFILE, &limit);
  g_warning (_("Cannot accept connections (%s; open files limit %lu); trying again every %d ms "
               "(%u more failures since the last message)"),
             error->message, (gulong)limit.rlim_cur, PAUSE_MS, self->unreported);
  self->reported_us = now;
  self->unreported = 0;
}

static void
report_recovery (LotseServerListener *self)
{
  if (self->failing_since == 0)
    return;

  g_warning (_("Accepting connections again after %.1f s"),
             (g_get_monotonic_time () - self->failing_since) / (double)G_USEC_PER_SEC);
  self->failing_since = 0;
}

static gboolean
on_incoming (GSocket      *socket,
             GIOCondition  condition,
             gpointer      user_data)
{
  LotseServerListener *self = user_data;

  for (guint i = 0; i < ACCEPT_BATCH; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GSocket) client = g_socket_accept (self->socket, NULL, &error);

      if (client == NULL)
        {
          if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_WOULD_BLOCK))
            break;

          report_failure (self, error);
          g_clear_pointer (&self->source, g_source_unref);
          self->pause_id = g_timeout_add (PAUSE_MS, on_resume, self);
          return G_SOURCE_REMOVE;
        }

      report_recovery (self);
      start_connection (self, client);
    }

  return G_SOURCE_CONTINUE;
}

LotseServerListener *
lotse_server_listener_new (GSocket                 *socket,
                           GTlsCertificate         *certificate,
                           guint                    handshake_seconds,
                           LotseServerListenerFunc  func,
                           gpointer                 user_data)
{
  LotseServerListener *self = g_new0 (LotseServerListener, 1);

  g_return_val_if_fail (G_IS_SOCKET (socket), NULL);
  g_return_val_if_fail (func != NULL, NULL);

  self->socket = g_object_ref (socket);
  self->certificate = certificate != NULL ? g_object_ref (certificate) : NULL;
  self->handshake_seconds = MAX (handshake_seconds, 1);
  self->func = func;
  self->user_data = user_data;

  g_socket_set_blocking (self->socket, FALSE);
  watch (self);

  return self;
}

void
lotse_server_listener_free (LotseServerListener *self)
{
  if (self == NULL)
    return;

  unwatch (self);
  g_clear_handle_id (&self->pause_id, g_source_remove);

  /* Handshakes still running end on their own, without a listener. */
  while (self->handshakes.head != NULL)
    {
      Handshake *handshake = self->handshakes.head->data;

      g_queue_unlink (&self->handshakes, &handshake->link);
      handshake->listener = NULL;
      g_cancellable_cancel (handshake->cancellable);
    }

  g_clear_object (&self->certificate);
  g_clear_object (&self->socket);
  g_free (self);
}
