/* lotse-reminders.h: what is due for a person, for the daily reminder
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "lotse-store.h"

G_BEGIN_DECLS

typedef struct
{
  LotseRecord *record;        /* an action item or a milestone */
  const char  *title;         /* its title and due date, held by record */
  const char  *due_date;
  char        *context;       /* its meeting's or its project's title, or NULL */
  int          days_overdue;  /* > 0 overdue, 0 due today, < 0 due in as many days */
} LotseReminder;

GPtrArray *lotse_reminders_collect     (LotseStore    *store,
                                        const char    *person_id,
                                        const char    *today,
                                        guint          days,
                                        GError       **error);
char      *lotse_reminder_describe_due (const LotseReminder *reminder);
void       lotse_reminder_free         (LotseReminder *reminder);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LotseReminder, lotse_reminder_free)

G_END_DECLS
