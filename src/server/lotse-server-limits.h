/* lotse-server-limits.h: token buckets per address and per account, and
 * growing delays after failed logins
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

/* Growing delays per key (an account name) after failures: @free_failures
 * attempts in a row may fail, then each further attempt locks the key
 * for @base_seconds, doubled with every failure, at most @max_seconds.
 * A success forgets the key, and so does an hour without failures. */
typedef struct _LotseServerBackoff LotseServerBackoff;

typedef struct
{
  guint free_failures;
  guint base_seconds;
  guint max_seconds;
} LotseServerBackoffPolicy;

/* The state of one key. An hour without failures forgets them. */
typedef struct
{
  guint  failures;
  gint64 last_us;
  gint64 locked_until_us;
} LotseServerAttempts;

#define LOTSE_SERVER_BACKOFF_FORGET_SECONDS 3600

LotseServerBackoff *lotse_server_backoff_new     (guint               free_failures,
                                                  guint               base_seconds,
                                                  guint               max_seconds);
void                lotse_server_backoff_free    (LotseServerBackoff *self);
/* An attempt for @key at @now_us (monotonic µs), counted as failed until
 * lotse_server_backoff_succeed(): attempts running at the same time
 * count too. FALSE while @key is locked, with *retry_after in whole
 * seconds (at least 1). When TRUE, *locked is the lock in seconds a
 * failure of this attempt leaves (0: none yet) and *failures the count. */
gboolean            lotse_server_backoff_take    (LotseServerBackoff *self,
                                                  const char         *key,
                                                  gint64              now_us,
                                                  guint              *retry_after,
                                                  guint              *locked,
                                                  guint              *failures);
void                lotse_server_backoff_succeed (LotseServerBackoff *self,
                                                  const char         *key);
const LotseServerBackoffPolicy *lotse_server_backoff_get_policy (LotseServerBackoff *self);
/* lotse_server_backoff_take() on the state of one key, wherever it is
 * kept (a database shared by several processes keeps it in a table);
 * @now_us on whatever clock the state was written with. */
gboolean            lotse_server_backoff_step    (const LotseServerBackoffPolicy *policy,
                                                  LotseServerAttempts            *attempts,
                                                  gint64                          now_us,
                                                  guint                          *retry_after,
                                                  guint                          *locked,
                                                  guint                          *failures);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LotseServerLimiter, lotse_server_limiter_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LotseServerBackoff, lotse_server_backoff_free)

G_END_DECLS
