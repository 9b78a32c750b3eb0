/* lotse-recurrence-private.h: a rule as lotse-recurrence.c reads it and
 * lotse-recurrence-next.c steps through it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "lotse-recurrence.h"

G_BEGIN_DECLS

typedef enum
{
  LOTSE_FREQ_WEEKLY = 1,
  LOTSE_FREQ_MONTHLY,
} LotseFreq;

typedef struct
{
  gint8  ordinal;   /* 0 = every such weekday; 1…5 or -1…-5 in MONTHLY */
  guint8 weekday;   /* GDateWeekday, Monday = 1 */
} LotseByDay;

#define LOTSE_RECURRENCE_MAX_BYDAY 16

struct _LotseRecurrence
{
  LotseFreq   freq;
  guint       interval;
  LotseByDay  byday[LOTSE_RECURRENCE_MAX_BYDAY];
  guint       n_byday;
  gint8       bymonthday[31];
  guint       n_bymonthday;
  int         hour;      /* -1 when not given */
  int         minute;
  char       *tzid;
};

G_END_DECLS
