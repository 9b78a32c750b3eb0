/* lotse-server-listener.h: accepting connections for lotse-server
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "lotse-server-connection.h"

G_BEGIN_DECLS

typedef struct _LotseServerListener LotseServerListener;

/* Called for every accepted connection (TLS handshake done). */
typedef void (*LotseServerListenerFunc) (LotseServerConnection *connection,
                                         gpointer               user_data);

/* Accepts on @socket (listening) from the thread-default main context.
 * With @certificate, connections speak TLS; a handshake that takes longer
 * than @handshake_seconds is given up. */
LotseServerListener *lotse_server_listener_new  (GSocket                 *socket,
                                                 GTlsCertificate         *certificate,
                                                 guint                    handshake_seconds,
                                                 LotseServerListenerFunc  func,
                                                 gpointer                 user_data);
void                 lotse_server_listener_free (LotseServerListener     *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LotseServerListener, lotse_server_listener_free)

G_END_DECLS
