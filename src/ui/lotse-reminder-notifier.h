/* lotse-reminder-notifier.h: the daily desktop notification of what is due
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "lotse-core.h"

G_BEGIN_DECLS

#define LOTSE_TYPE_REMINDER_NOTIFIER (lotse_reminder_notifier_get_type ())

G_DECLARE_FINAL_TYPE (LotseReminderNotifier, lotse_reminder_notifier, LOTSE, REMINDER_NOTIFIER, GObject)

LotseReminderNotifier *lotse_reminder_notifier_new   (GApplication          *application);
gboolean               lotse_reminder_notifier_check (LotseReminderNotifier *self,
                                                      LotseStore            *store,
                                                      const char            *today);

G_END_DECLS
