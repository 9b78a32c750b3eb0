/* lotse-server-limits.c: token buckets per address and per account, and
 * growing delays after failed logins
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lotse-server"

#include "config.h"

#include <math.h>

#include "lotse-server-limits.h"

/* Buckets that are full again are dropped when the table grows beyond
 * this, so that many addresses cannot fill the memory. */
#define PRUNE_SIZE 4096

typedef struct
{
  double tokens;
  gint64 updated_us;
} Bucket;

struct _LotseServerLimiter
{
  double      rate;
  double      burst;
  GHashTable *buckets;
};

LotseServerLimiter *
lotse_server_limiter_new (double rate,
                          double burst)
{
  LotseServerLimiter *self = g_new0 (LotseServerLimiter, 1);

  self->rate = MAX (rate, 0);
  self->burst = MAX (burst, 1);
  self->buckets = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  return self;
}

void
lotse_server_limiter_free (LotseServerLimiter *self)
{
  if (self == NULL)
    return;

  g_hash_table_unref (self->buckets);
  g_free (self);
}

static void
refill (LotseServerLimiter *self,
        Bucket             *bucket,
        gint64              now_us)
{
  double elapsed = (now_us - bucket->updated_us) / (double)G_USEC_PER_SEC;

  if (elapsed > 0)
    bucket->tokens = MIN (self->burst, bucket->tokens + elapsed * self->rate);
  bucket->updated_us = now_us;
}

static void
prune (LotseServerLimiter *self,
       gint64              now_us)
{
  GHashTableIter iter;
  Bucket *bucket;

  g_hash_table_iter_init (&iter, self->buckets);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *)&bucket))
    {
      refill (self, bucket, now_us);
      if (bucket->tokens >= self->burst)
        g_hash_table_iter_remove (&iter);
    }
}

gboolean
lotse_server_limiter_take (LotseServerLimiter *self,
                           const char         *key,
                           gint64              now_us,
                           guint              *retry_after)
{
  Bucket *bucket;

  if (self == NULL || self->rate <= 0)
    return TRUE;

  bucket = g_hash_table_lookup (self->buckets, key);
  if (bucket == NULL)
    {
      if (g_hash_table_size (self->buckets) >= PRUNE_SIZE)
        prune (self, now_us);

      bucket = g_new0 (Bucket, 1);
      bucket->tokens = self->burst;
      bucket->updated_us = now_us;
      g_hash_table_insert (self->buckets, g_strdup (key), bucket);
    }

  refill (self, bucket, now_us);
  if (bucket->tokens >= 1)
    {
      bucket->tokens -= 1;
      return TRUE;
    }

  if (retry_after != NULL)
    *retry_after = MAX (1, (guint)ceil ((1 - bucket->tokens) / self->rate));

  return FALSE;
}

/* --- growing delays ------------------------------------------------------- */

/* Keys kept at most: names are the client's, and a flood of made-up ones
 * must not fill the memory. When the table is full of keys that still
 * matter, new keys wait (see lotse_server_backoff_take()). */
#define MAX_KEYS 16384

struct _LotseServerBackoff
{
  LotseServerBackoffPolicy policy;
  GHashTable *keys;
};

LotseServerBackoff *
lotse_server_backoff_new (guint free_failures,
                          guint base_seconds,
                          guint max_seconds)
{
  LotseServerBackoff *self = g_new0 (LotseServerBackoff, 1);

  self->policy.free_failures = free_failures;
  self->policy.base_seconds = MAX (base_seconds, 1);
  self->policy.max_seconds = MAX (max_seconds, self->policy.base_seconds);
  self->keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  return self;
}

void
lotse_server_backoff_free (LotseServerBackoff *self)
{
  if (self == NULL)
    return;

  g_hash_table_unref (self->keys);
  g_free (self);
}

const LotseServerBackoffPolicy *
lotse_server_backoff_get_policy (LotseServerBackoff *self)
{
  return &self->policy;
}

static gboolean
forgotten (const LotseServerAttempts *attempts,
           gint64                     now_us)
{
  return attempts->locked_until_us <= now_us &&
         now_us - attempts->last_us >= (gint64)LOTSE_SERVER_BACKOFF_FORGET_SECONDS * G_USEC_PER_SEC;
}

/* Drops forgotten keys; if that is not enough, those not locked. */
static void
backoff_prune (LotseServerBackoff *self,
               gint64              now_us)
{
  GHashTableIter iter;
  LotseServerAttempts *attempts;

  g_hash_table_iter_init (&iter, self->keys);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *)&attempts))
    {
      if (forgotten (attempts, now_us))
        g_hash_table_iter_remove (&iter);
    }

  if (g_hash_table_size (self->keys) < MAX_KEYS)
    return;

  g_hash_table_iter_init (&iter, self->keys);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *)&attempts))
    {
      if (attempts->locked_until_us <= now_us)
        g_hash_table_iter_remove (&iter);
    }
}

static guint
lock_seconds (const LotseServerBackoffPolicy *policy,
              guint                           failures)
{
  guint over = failures - policy->free_failures;

  if (over > 20)
    return policy->max_seconds;

  return MIN ((guint64)policy->base_seconds << (over - 1), (guint64)policy->max_seconds);
}

gboolean
lotse_server_backoff_step (const LotseServerBackoffPolicy *policy,
                           LotseServerAttempts            *attempts,
                           gint64                          now_us,
                           guint                          *retry_after,
                           guint                          *locked,
                           guint                          *failures)
{
  if (forgotten (attempts, now_us))
    attempts->failures = 0;

  if (attempts->locked_until_us > now_us)
    {
      *retry_after = MAX (1, (guint)((attempts->locked_until_us - now_us + G_USEC_PER_SEC - 1) / G_USEC_PER_SEC));
      return FALSE;
    }

  attempts->failures++;
  attempts->last_us = now_us;
  *locked = 0;
  if (attempts->failures > policy->free_failures)
    {
      *locked = lock_seconds (policy, attempts->failures);
      attempts->locked_until_us = now_us + (gint64)*locked * G_USEC_PER_SEC;
    }
  *failures = attempts->failures;

  return TRUE;
}

gboolean
lotse_server_backoff_take (LotseServerBackoff *self,
                           const char         *key,
                           gint64              now_us,
                           guint              *retry_after,
                           guint              *locked,
                           guint              *failures)
{
  LotseServerAttempts *attempts = g_hash_table_lookup (self->keys, key);

  if (attempts == NULL)
    {
      if (g_hash_table_size (self->keys) >= MAX_KEYS)
        backoff_prune (self, now_us);
      if (g_hash_table_size (self->keys) >= MAX_KEYS)
        {
          *retry_after = 1;
          return FALSE;
        }
      attempts = g_new0 (LotseServerAttempts, 1);
      g_hash_table_insert (self->keys, g_strdup (key), attempts);
    }

  return lotse_server_backoff_step (&self->policy, attempts, now_us, retry_after, locked, failures);
}

void
lotse_server_backoff_succeed (LotseServerBackoff *self,
                              const char         *key)
{
  g_hash_table_remove (self->keys, key);
}
