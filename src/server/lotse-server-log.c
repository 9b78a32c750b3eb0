/* lotse-server-log.c: the request log of lotse-server
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One line per request on stderr (the journal under systemd):
 *
 *   ADDRESS METHOD PATH STATUS BYTES TIMEms USER
 *
 * Method, path (libsoup has decoded it: %0d%0a is a line end by then) and
 * user come from the client; each is escaped into one field without
 * spaces, so a request can neither end its line nor shift its fields.
 *
 * Lines are collected and written together, so that a busy server makes
 * one write for many requests: at the latest when the main loop goes round
 * again (log_source_prepare), at once when nothing was written for a
 * millisecond, the buffer is large or the server is shutting down. A
 * quiet server thus writes each line as it happens.
 */

#define G_LOG_DOMAIN "lotse-server"

#include "config.h"

#include <errno.h>
#include <unistd.h>

#include "lotse-server-log.h"

#define FLUSH_BYTES (32 * 1024)
#define FLUSH_US 1000

typedef struct
{
  GSource         source;
  LotseServerLog *log;
} LogSource;

struct _LotseServerLog
{
  GString  *buffer;
  gint64    flushed_us;
  GSource  *source;
  gboolean  urgent;
};

void
lotse_server_log_flush (LotseServerLog *self)
{
  gsize done = 0;

  self->flushed_us = g_get_monotonic_time ();
  while (done < self->buffer->len)
    {
      ssize_t n = write (STDERR_FILENO, self->buffer->str + done, self->buffer->len - done);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        break;      /* nowhere to log to: the lines are dropped */
      done += n;
    }
  g_string_truncate (self->buffer, 0);
}

static gboolean
log_source_prepare (GSource *source,
                    int     *timeout)
{
  LotseServerLog *self = ((LogSource *)source)->log;

  if (self->buffer->len > 0)
    lotse_server_log_flush (self);
  *timeout = -1;
  return FALSE;
}

static gboolean
log_source_dispatch (GSource     *source,
                     GSourceFunc  callback,
                     gpointer     user_data)
{
  return G_SOURCE_CONTINUE;
}

static GSourceFuncs log_source_funcs = {
  .prepare = log_source_prepare,
  .dispatch = log_source_dispatch,
};

LotseServerLog *
lotse_server_log_new (void)
{
  LotseServerLog *self = g_new0 (LotseServerLog, 1);

  self->buffer = g_string_sized_new (FLUSH_BYTES + 1024);

  return self;
}

void
lotse_server_log_free (LotseServerLog *self)
{
  if (self == NULL)
    return;

  lotse_server_log_detach (self);
  lotse_server_log_flush (self);
  g_string_free (self->buffer, TRUE);
  g_free (self);
}

void
lotse_server_log_attach (LotseServerLog *self)
{
  g_return_if_fail (self->source == NULL);

  self->source = g_source_new (&log_source_funcs, sizeof (LogSource));
  ((LogSource *)self->source)->log = self;
  g_source_set_name (self->source, "lotse-server request log");
  g_source_attach (self->source, NULL);
}

void
lotse_server_log_detach (LotseServerLog *self)
{
  if (self->source == NULL)
    return;

  g_source_destroy (self->source);
  g_clear_pointer (&self->source, g_source_unref);
}

void
lotse_server_log_set_urgent (LotseServerLog *self,
                             gboolean        urgent)
{
  self->urgent = urgent;
  if (urgent)
    lotse_server_log_flush (self);
}

static void
append_escaped (GString    *out,
                const char *text)
{
  static const char hex[] = "0123456789abcdef";

  if (text == NULL || *text == '\0')
    {
      g_string_append_c (out, '-');
      return;
    }

  for (const guchar *p = (const guchar *)text; *p != '\0'; p++)
    {
      if (*p > ' ' && *p < 0x7f && *p != '\\' && *p != '"')
        g_string_append_c (out, (char)*p);
      else
        {
          g_string_append (out, "\\x");
          g_string_append_c (out, hex[*p >> 4]);
          g_string_append_c (out, hex[*p & 0xf]);
        }
    }
}

char *
lotse_server_log_escape (const char *text)
{
  GString *out = g_string_new (NULL);

  append_escaped (out, text);
  return g_string_free (out, FALSE);
}

void
lotse_server_log_request (LotseServerLog *self,
                          const char     *address,
                          const char     *method,
                          const char     *path,
                          guint           status,
                          gsize           bytes,
                          double          ms,
                          const char     *user)
{
  GString *line = self->buffer;

  append_escaped (line, address);
  g_string_append_c (line, ' ');
  append_escaped (line, method);
  g_string_append_c (line, ' ');
  append_escaped (line, path);
  g_string_append_printf (line, " %u %" G_GSIZE_FORMAT " %.1fms ", status, bytes, ms);
  append_escaped (line, user);
  g_string_append_c (line, '\n');

  if (line->len >= FLUSH_BYTES || self->source == NULL || self->urgent ||
      g_get_monotonic_time () - self->flushed_us >= FLUSH_US)
    lotse_server_log_flush (self);
}
