/* lotse-server-limits.c: token buckets per address and per account
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
