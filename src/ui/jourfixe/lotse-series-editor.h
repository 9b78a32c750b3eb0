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

/* The choices of the “Repeats” row, in its order. Weekly and every two
 * weeks are on one weekday, monthly on a day 1–31 or on the first to
 * fourth or last weekday, every 1–12 months (lotse-recurrence.h); any
 * other rule is LOTSE_SERIES_REPEAT_OTHER, which the editor leaves as it is. */
typedef enum
{
  LOTSE_SERIES_REPEAT_NONE,
  LOTSE_SERIES_REPEAT_WEEKLY,
  LOTSE_SERIES_REPEAT_BIWEEKLY,
  LOTSE_SERIES_REPEAT_MONTHLY_DAY,
  LOTSE_SERIES_REPEAT_MONTHLY_WEEKDAY,
  LOTSE_SERIES_REPEAT_OTHER,
} LotseSeriesRepeat;

/* For the tests */
AdwEntryRow *lotse_series_editor_get_title_row      (LotseSeriesEditor *self);
AdwComboRow *lotse_series_editor_get_repeat_row     (LotseSeriesEditor *self);
AdwComboRow *lotse_series_editor_get_weekday_row    (LotseSeriesEditor *self);
AdwActionRow *lotse_series_editor_get_rule_row      (LotseSeriesEditor *self);
GtkTextView *lotse_series_editor_get_standing_view  (LotseSeriesEditor *self);

G_END_DECLS
