/* lotse-date-entry.h: a date typed the locale's way or picked from a calendar
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define LOTSE_TYPE_DATE_ENTRY (lotse_date_entry_get_type ())

G_DECLARE_FINAL_TYPE (LotseDateEntry, lotse_date_entry, LOTSE, DATE_ENTRY, GtkWidget)

GtkWidget   *lotse_date_entry_new          (void);
gboolean     lotse_date_entry_get_date     (LotseDateEntry  *self,
                                            char           **out_date,
                                            GError         **error);
void         lotse_date_entry_set_date     (LotseDateEntry  *self,
                                            const char      *iso_date);
gboolean     lotse_date_entry_is_edited    (LotseDateEntry  *self);
const char  *lotse_date_entry_get_label    (LotseDateEntry  *self);
void         lotse_date_entry_set_label    (LotseDateEntry  *self,
                                            const char      *label);
const char  *lotse_date_entry_get_error    (LotseDateEntry  *self);
void         lotse_date_entry_set_error    (LotseDateEntry  *self,
                                            const char      *message);
GtkCalendar *lotse_date_entry_get_calendar (LotseDateEntry  *self);

G_END_DECLS
