/* lotse-generate.h: deterministic synthetic data for benchmarks
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "lotse-store.h"

G_BEGIN_DECLS

typedef struct
{
  guint   projects;
  guint   milestones;
  guint   meetings;
  guint   articles;
  guint64 seed;
} LotseGenerateOptions;

typedef void (*LotseGenerateProgress) (const char *stage,
                                       guint64     done,
                                       guint64     total,
                                       gpointer    user_data);

/* Same options and seed, same rows (ids included). */
gboolean lotse_generate (LotseStore                 *store,
                         const LotseGenerateOptions *options,
                         LotseGenerateProgress       progress,
                         gpointer                    user_data,
                         GCancellable               *cancellable,
                         GError                    **error);

G_END_DECLS
