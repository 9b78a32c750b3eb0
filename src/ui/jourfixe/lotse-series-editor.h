/* lotse-series-editor.h: a meeting series: recurrence, defaults and standing items
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "lotse-jourfixe-catalog.h"

G_BEGIN_DECLS

#define LOTSE_TYPE_SERIES_EDITOR (lotse_series_editor_get_type ())

G_DECLARE_FINAL_TYPE (LotseSeriesEditor, lotse_series_editor, LOTSE, SERIES_EDITOR, GtkWidget)

void        lotse_series_editor_set_catalog   (LotseSeriesEditor    *self,
                                               LotseJourfixeCatalog *catalog);
void        lotse_series_editor_set_series    (LotseSeriesEditor    *self,
                                               const char           *series_id);
const char *lotse_series_editor_get_series_id (LotseSeriesEditor    *self);

/* The recurrences the editor offers, in the RRULE subset of lotse-meeting.h:
 * FREQ=WEEKLY[;INTERVAL=2];BYDAY=XX, FREQ=MONTHLY[;INTERVAL=n];BYMONTHDAY=d
 * and FREQ=MONTHLY[;INTERVAL=n];BYDAY=kXX (k = 1…4 or -1 for the last).
 * BYHOUR, BYMINUTE and TZID are kept as they are. Anything else is
 * LOTSE_SERIES_REPEAT_OTHER, which the editor leaves untouched. */
typedef enum
{
  LOTSE_SERIES_REPEAT_NONE,
  LOTSE_SERIES_REPEAT_WEEKLY,
  LOTSE_SERIES_REPEAT_BIWEEKLY,
  LOTSE_SERIES_REPEAT_MONTHLY_DAY,
  LOTSE_SERIES_REPEAT_MONTHLY_WEEKDAY,
  LOTSE_SERIES_REPEAT_OTHER,
} LotseSeriesRepeat;

typedef struct
{
  LotseSeriesRepeat kind;
  int                 interval;   /* months, for the monthly kinds */
  int                 weekday;    /* 1 = Monday … 7 = Sunday */
  int                 month_day;  /* 1…31 */
  int                 nth;        /* 1…4, -1 = last */
  char                extra[64];  /* ";BYHOUR=…;BYMINUTE=…;TZID=…" as found */
} LotseSeriesRecurrence;

gboolean    lotse_series_recurrence_parse            (const char           *rule,
                                               LotseSeriesRecurrence      *out);
char       *lotse_series_recurrence_to_rule          (const LotseSeriesRecurrence *recurrence);

/* For the tests */
AdwEntryRow *lotse_series_editor_get_title_row      (LotseSeriesEditor *self);
AdwComboRow *lotse_series_editor_get_repeat_row     (LotseSeriesEditor *self);
AdwComboRow *lotse_series_editor_get_weekday_row    (LotseSeriesEditor *self);
GtkTextView *lotse_series_editor_get_standing_view  (LotseSeriesEditor *self);

G_END_DECLS
