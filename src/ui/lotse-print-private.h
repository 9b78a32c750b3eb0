/* lotse-print-private.h: what lotse-print.c and lotse-print-scope.c share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "lotse-print.h"

G_BEGIN_DECLS

/* What the milestone overview shows, as owned strings (NULL: everything). */
typedef struct
{
  char *programme_id;
  char *from;
  char *to;
} Scope;

void                        lotse_print_scope_set        (Scope                             *scope,
                                                          const LotseMilestoneReportOptions *options);
void                        lotse_print_scope_clear      (Scope                             *scope);
void                        lotse_print_scope_free       (Scope                             *scope);
LotseMilestoneReportOptions lotse_print_scope_to_options (const Scope                       *scope);

void                        lotse_print_milestones       (LotseWindow                       *window,
                                                          const LotseMilestoneReportOptions *options,
                                                          gboolean                           print);

G_END_DECLS
