/* lotse-server-connection.h: one client connection of lotse-server
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <libsoup/soup.h>

G_BEGIN_DECLS

/* What a request head may hold; libsoup 3.2 drops the connection without
 * an answer only beyond 64 KiB, so these are checked first. */
#define LOTSE_SERVER_MAX_REQUEST_LINE 8192
#define LOTSE_SERVER_MAX_HEAD (24 * 1024)
#define LOTSE_SERVER_MAX_HEADER_LINES 100

#define LOTSE_TYPE_SERVER_CONNECTION (lotse_server_connection_get_type ())

G_DECLARE_FINAL_TYPE (LotseServerConnection, lotse_server_connection, LOTSE, SERVER_CONNECTION, GIOStream)

/* @base: a GSocketConnection, or a GTlsServerConnection over one, whose
 * handshake is done. Signals: ::refused (guint status) when a request head
 * is refused before libsoup sees it, ::closed when libsoup or the server
 * closed it (a rejection may still be on its way out). */
LotseServerConnection *lotse_server_connection_new             (GIOStream             *base,
                                                                GSocket               *socket,
                                                                GError               **error);
/* The connection a message of libsoup arrived on, or NULL when it did not
 * come through lotse_server_connection_accept(). */
LotseServerConnection *lotse_server_connection_for_message     (SoupServerMessage     *msg);
/* Hands the connection to libsoup; FALSE with @error set when it refused. */
gboolean               lotse_server_connection_accept          (LotseServerConnection *self,
                                                                SoupServer            *soup,
                                                                GError               **error);
/* The client's address as text, e.g. "127.0.0.1"; never NULL. */
const char            *lotse_server_connection_get_address     (LotseServerConnection *self);
GSocket               *lotse_server_connection_get_socket      (LotseServerConnection *self);
gboolean               lotse_server_connection_is_closed       (LotseServerConnection *self);
/* Ends the connection: libsoup sees the end of the stream and lets it go. */
void                   lotse_server_connection_shutdown        (LotseServerConnection *self);
/* Answers with @status and an error body of @code and @message as soon as
 * libsoup lets go of the connection (closes it or has it stolen), then
 * closes it gracefully. */
void                   lotse_server_connection_set_rejection   (LotseServerConnection *self,
                                                                guint                  status,
                                                                const char            *code,
                                                                const char            *message);
/* Monotonic µs since the last request on it ended, 0 while one runs. */
gint64                 lotse_server_connection_get_idle_since  (LotseServerConnection *self);
void                   lotse_server_connection_set_idle_since  (LotseServerConnection *self,
                                                                gint64                 idle_since);

G_END_DECLS
