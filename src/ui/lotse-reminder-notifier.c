/* lotse-reminder-notifier.c: the daily desktop notification of what is due
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * With “Remind me of due items” on (GSettings remind-due, off by
 * default), once a day the app sends a GNotification listing what
 * lotse-reminders.c finds for the person the user is (me-person-id):
 * their open action items and the milestones of the projects they lead
 * that are overdue or due within remind-days. Clicking it opens My
 * action items (app.show-my-actions).
 *
 * Once a day: when the app starts, and then every hour while it runs if
 * the day has changed since remind-last-day, which remembers the day of
 * the last check across starts. A day with nothing due sends nothing but
 * counts as checked.
 */

#define G_LOG_DOMAIN "lotse-reminder-notifier"

#include "config.h"

#include <glib/gi18n.h>

#include "lotse-reminder-notifier.h"

#define MAX_LINES 5

struct _LotseReminderNotifier
{
  GObject       parent_instance;

  GApplication *application;  /* weak: it owns the notifier */
  GSettings    *settings;
};

G_DEFINE_FINAL_TYPE (LotseReminderNotifier, lotse_reminder_notifier, G_TYPE_OBJECT)

/* “Send the report — overdue by 2 days”, one per line, the rest counted. */
static char *
notification_body (GPtrArray *reminders)
{
  g_autoptr(GString) body = g_string_new (NULL);

  for (guint i = 0; i < reminders->len && i < MAX_LINES; i++)
    {
      LotseReminder *reminder = g_ptr_array_index (reminders, i);
      g_autofree char *due = lotse_reminder_describe_due (reminder);

      if (i > 0)
        g_string_append_c (body, '\n');
      /* Translators: a line of the reminder: what is due and when, e.g. “overdue by 2 days” */
      g_string_append_printf (body, _("%s — %s"), reminder->title, due);
    }
  if (reminders->len > MAX_LINES)
    {
      g_string_append_c (body, '\n');
      g_string_append_printf (body, ngettext ("and %u more", "and %u more", reminders->len - MAX_LINES),
                              reminders->len - MAX_LINES);
    }
  return g_string_free (g_steal_pointer (&body), FALSE);
}

static void
send (LotseReminderNotifier *self,
      GPtrArray             *reminders)
{
  g_autoptr(GNotification) notification = NULL;
  g_autofree char *title = NULL;
  g_autofree char *body = notification_body (reminders);

  title = g_strdup_printf (ngettext ("%u item is due", "%u items are due", reminders->len), reminders->len);
  notification = g_notification_new (title);
  g_notification_set_body (notification, body);
  g_notification_set_default_action (notification, "app.show-my-actions");
  g_application_send_notification (self->application, "due-items", notification);
}

/**
 * lotse_reminder_notifier_check:
 * @self: the notifier
 * @store: (nullable): the open database
 * @today: (nullable): the day YYYY-MM-DD; %NULL is today
 *
 * Sends the day's reminder if it is on, has not been sent on @today and
 * something is due.
 *
 * Returns: whether a notification was sent
 */
gboolean
lotse_reminder_notifier_check (LotseReminderNotifier *self,
                               LotseStore            *store,
                               const char            *today)
{
  g_autofree char *now = today == NULL ? lotse_monitor_today () : g_strdup (today);
  g_autofree char *last = g_settings_get_string (self->settings, "remind-last-day");
  g_autofree char *me = g_settings_get_string (self->settings, "me-person-id");
  g_autoptr(GPtrArray) reminders = NULL;
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (LOTSE_IS_REMINDER_NOTIFIER (self), FALSE);

  if (store == NULL || self->application == NULL || !g_settings_get_boolean (self->settings, "remind-due") ||
      *me == '\0' || g_strcmp0 (last, now) == 0)
    return FALSE;

  reminders = lotse_reminders_collect (store, me, now, (guint)g_settings_get_int (self->settings, "remind-days"),
                                       &error);
  if (reminders == NULL)
    {
      g_message ("No reminder: %s", error->message);
      return FALSE;
    }
  g_settings_set_string (self->settings, "remind-last-day", now);
  if (reminders->len == 0)
    return FALSE;

  send (self, reminders);
  return TRUE;
}

static void
lotse_reminder_notifier_dispose (GObject *object)
{
  LotseReminderNotifier *self = LOTSE_REMINDER_NOTIFIER (object);

  g_clear_weak_pointer (&self->application);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (lotse_reminder_notifier_parent_class)->dispose (object);
}

static void
lotse_reminder_notifier_class_init (LotseReminderNotifierClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = lotse_reminder_notifier_dispose;
}

static void
lotse_reminder_notifier_init (LotseReminderNotifier *self)
{
  self->settings = g_settings_new (APPLICATION_ID);
}

/**
 * lotse_reminder_notifier_new:
 * @application: the application that sends the notifications
 *
 * Returns: (transfer full): a notifier
 */
LotseReminderNotifier *
lotse_reminder_notifier_new (GApplication *application)
{
  LotseReminderNotifier *self = g_object_new (LOTSE_TYPE_REMINDER_NOTIFIER, NULL);

  g_set_weak_pointer (&self->application, application);
  return self;
}
