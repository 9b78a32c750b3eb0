/* lotse-portal.h: the web portal and calendar feeds of lotse-server
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <libsoup/soup.h>

#include "lotse-server.h"

G_BEGIN_DECLS

typedef struct _LotsePortal LotsePortal;

/* @location: the server's storage, which the portal's worker threads
 * open connections of their own to. */
LotsePortal *lotse_portal_new      (const char         *location,
                                    GError            **error);
void         lotse_portal_free     (LotsePortal        *self);
/* Whether @rest (the path after /w/NAME) is the portal's. */
gboolean     lotse_portal_claims   (const char         *rest);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LotsePortal, lotse_portal_free)

G_END_DECLS
