/* lotse-server-limits.h: token buckets per address and per account
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _LotseServerLimiter LotseServerLimiter;

/* @rate tokens per second, at most @burst saved up; rate 0 = no limit. */
LotseServerLimiter *lotse_server_limiter_new   (double              rate,
                                                double              burst);
void                lotse_server_limiter_free  (LotseServerLimiter *self);
/* Takes one token for @key at @now_us (monotonic µs). Returns TRUE when
 * allowed; else sets *retry_after to the whole seconds until a token is
 * there again (at least 1). */
gboolean            lotse_server_limiter_take  (LotseServerLimiter *self,
                                                const char         *key,
                                                gint64              now_us,
                                                guint              *retry_after);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LotseServerLimiter, lotse_server_limiter_free)

G_END_DECLS
