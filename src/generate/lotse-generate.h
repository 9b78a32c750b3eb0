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
  guint   expenditures;  /* every project gets a budget plan */
} LotseGenerateOptions;

typedef void (*LotseGenerateProgress) (const char *stage,
                                       guint64     done,
                                       guint64     total,
                                       gpointer    user_data);

/* The day the generated data is made for (statuses, due and done dates),
 * whatever day it is generated on. */
#define LOTSE_GENERATE_TODAY "2026-11-22"

/* Same options and seed, same rows (ids included). */
gboolean lotse_generate (LotseStore                 *store,
                         const LotseGenerateOptions *options,
                         LotseGenerateProgress       progress,
                         gpointer                    user_data,
                         GCancellable               *cancellable,
                         GError                    **error);

G_END_DECLS
