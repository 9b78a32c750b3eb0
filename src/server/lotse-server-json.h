/* lotse-server-json.h: request bodies are RFC 8259 JSON, nothing else
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "lotse-server-request.h"

G_BEGIN_DECLS

/* TRUE when @data is exactly one JSON value as RFC 8259 defines it, in
 * UTF-8, nesting at most LOTSE_SERVER_MAX_DEPTH deep, without NUL
 * characters, unpaired surrogates, integers beyond 64 bits or numbers
 * beyond a double; sets *n_members to the number of object members in
 * it. Else FALSE with a 400 @error that says what and where. */
gboolean lotse_server_json_check (const char        *data,
                                  gsize              length,
                                  guint             *n_members,
                                  LotseServerError **error);

G_END_DECLS
