/* lotse-reminders.c: what is due for a person, for the daily reminder
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The app's daily notification and `lotse-cli remind` (for a systemd
 * timer or cron) ask the same question, answered here once: the open
 * action items the person owns and the open or at-risk milestones of the
 * running projects the person leads (project.leader_person_id) that are
 * overdue or due within @days. Undated action items are left out: a
 * reminder is about dates. Most overdue first.
 */

#define G_LOG_DOMAIN "lotse-reminders"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "lotse-action-items.h"
#include "lotse-error.h"
#include "lotse-monitor.h"
#include "lotse-parse.h"
#include "lotse-reminders.h"
#include "lotse-schema.h"

void
lotse_reminder_free (LotseReminder *reminder)
{
  if (reminder == NULL)
    return;

  g_clear_object (&reminder->record);
  g_free (reminder->context);
  g_free (reminder);
}

/* Adds @record if its @due_date is at most @days ahead of @today. */
static void
add_if_due (GPtrArray   *reminders,
            LotseRecord *record,
            const char  *title,
            const char  *due_date,
            const char  *context,
            const char  *today,
            guint        days)
{
  LotseReminder *reminder;
  int ahead;

  if (due_date == NULL)
    return;
  ahead = lotse_monitor_days_between (today, due_date);
  if (ahead > (int)days)
    return;

  reminder = g_new0 (LotseReminder, 1);
  reminder->record = g_object_ref (record);
  reminder->title = title;
  reminder->due_date = due_date;
  reminder->context = g_strdup (context);
  reminder->days_overdue = -ahead;
  g_ptr_array_add (reminders, reminder);
}

static gboolean
collect_actions (LotseStore  *store,
                 const char  *person_id,
                 const char  *today,
                 guint        days,
                 GPtrArray   *reminders,
                 GError     **error)
{
  g_autoptr(GPtrArray) actions = lotse_action_items_list_open (store, person_id, error);

  if (actions == NULL)
    return FALSE;

  for (guint i = 0; i < actions->len; i++)
    {
      LotseRecord *action = g_ptr_array_index (actions, i);
      const char *meeting_id = lotse_record_get (action, LOTSE_ACTION_ITEM_MEETING_ID);
      g_autoptr(LotseRecord) meeting = meeting_id ? lotse_store_get (store, LOTSE_TABLE_MEETING, meeting_id, NULL)
                                                  : NULL;

      add_if_due (reminders, action, lotse_record_get (action, LOTSE_ACTION_ITEM_TITLE),
                  lotse_record_get (action, LOTSE_ACTION_ITEM_DUE_DATE),
                  meeting ? lotse_record_get (meeting, LOTSE_MEETING_TITLE) : NULL, today, days);
    }
  return TRUE;
}

static gboolean
collect_milestones (LotseStore  *store,
                    const char  *person_id,
                    const char  *today,
                    guint        days,
                    GPtrArray   *reminders,
                    GError     **error)
{
  const LotseFilter led = { LOTSE_PROJECT_LEADER_PERSON_ID, person_id };
  g_autoptr(GPtrArray) projects = lotse_store_list (store, LOTSE_TABLE_PROJECT, &led, 1, NULL, 0, 0, error);

  if (projects == NULL)
    return FALSE;

  for (guint i = 0; i < projects->len; i++)
    {
      LotseRecord *project = g_ptr_array_index (projects, i);
      const LotseFilter of_project = { LOTSE_MILESTONE_PROJECT_ID, lotse_record_get_id (project) };
      g_autoptr(GPtrArray) milestones = NULL;

      if (lotse_monitor_project_is_closed (lotse_record_get (project, LOTSE_PROJECT_STATUS)))
        continue;
      milestones = lotse_store_list (store, LOTSE_TABLE_MILESTONE, &of_project, 1, NULL, 0, 0, error);
      if (milestones == NULL)
        return FALSE;
      for (guint j = 0; j < milestones->len; j++)
        {
          LotseRecord *milestone = g_ptr_array_index (milestones, j);
          const char *status = lotse_record_get (milestone, LOTSE_MILESTONE_STATUS);

          if (g_strcmp0 (status, "open") == 0 || g_strcmp0 (status, "at_risk") == 0)
            add_if_due (reminders, milestone, lotse_record_get (milestone, LOTSE_MILESTONE_TITLE),
                        lotse_record_get (milestone, LOTSE_MILESTONE_DUE_DATE),
                        lotse_record_get (project, LOTSE_PROJECT_TITLE), today, days);
        }
    }
  return TRUE;
}

static int
compare_overdue (gconstpointer a,
                 gconstpointer b)
{
  const LotseReminder *x = *(LotseReminder **)a;
  const LotseReminder *y = *(LotseReminder **)b;

  return y->days_overdue - x->days_overdue;
}

/**
 * lotse_reminders_collect:
 * @store: a store
 * @person_id: the person reminded
 * @today: (nullable): the day YYYY-MM-DD to count from; %NULL is today
 * @days: how many days ahead count as due
 * @error: a location for a #GError
 *
 * Returns: (transfer container) (element-type LotseReminder) (nullable):
 *   what @person_id should be reminded of, most overdue first, or %NULL
 *   with @error set if there is no such person or @today is no date
 */
GPtrArray *
lotse_reminders_collect (LotseStore  *store,
                         const char  *person_id,
                         const char  *today,
                         guint        days,
                         GError     **error)
{
  g_autoptr(LotseRecord) person = NULL;
  g_autoptr(GPtrArray) reminders = g_ptr_array_new_with_free_func ((GDestroyNotify)lotse_reminder_free);
  g_autofree char *now = NULL;

  g_return_val_if_fail (LOTSE_IS_STORE (store), NULL);
  g_return_val_if_fail (person_id != NULL, NULL);

  if (today != NULL && !lotse_parse_iso_date (today, NULL, NULL, NULL))
    {
      g_set_error (error, LOTSE_ERROR, LOTSE_ERROR_INVALID_VALUE, _("“%s” is not a date like 2026-12-31"), today);
      return NULL;
    }
  person = lotse_store_get (store, LOTSE_TABLE_PERSON, person_id, error);
  if (person == NULL)
    return NULL;

  if (today == NULL)
    today = now = lotse_monitor_today ();
  if (!collect_actions (store, person_id, today, days, reminders, error) ||
      !collect_milestones (store, person_id, today, days, reminders, error))
    return NULL;

  g_ptr_array_sort (reminders, compare_overdue);
  return g_steal_pointer (&reminders);
}

/**
 * lotse_reminder_describe_due:
 * @reminder: a reminder
 *
 * Returns: (transfer full): “overdue by 3 days”, “due today” or “due in 2
 *   days”
 */
char *
lotse_reminder_describe_due (const LotseReminder *reminder)
{
  int days = reminder->days_overdue;

  if (days > 0)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "overdue by %d day", "overdue by %d days", days), days);
  if (days == 0)
    return g_strdup (_("due today"));
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "due in %d day", "due in %d days", -days), -days);
}
