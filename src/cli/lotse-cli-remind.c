/* lotse-cli-remind.c: what is due for a person, for a timer or cron
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * `lotse-cli remind` prints what the app's daily notification says
 * (lotse-reminders.c): a person's open action items and the milestones
 * of the projects they lead, overdue or due within --days (3, as the
 * app's default). It exits 0 whether or not anything is due, so a timer
 * does not report a failure for a quiet day; a person that does not
 * exist is an error.
 *
 * Without --person it reminds the person whose email is the user name
 * of the database's sync account: the database knows who syncs from it,
 * and “who am I” is the app's setting of one desktop, which a cron job
 * on a server does not have. Without an account or such a person, it
 * asks for --person.
 */

#define G_LOG_DOMAIN "lotse-cli-remind"

#include "config.h"

#include <glib/gi18n.h>

#include "lotse-cli-private.h"

#define DEFAULT_DAYS 3
#define MAX_DAYS     36500

static char *
account_person (LotseStore *store)
{
  const char *user = lotse_sync_engine_get_user (lotse_sync_engine_get_for_store (store));
  g_autoptr(GPtrArray) people = NULL;
  LotseFilter filter = { LOTSE_PERSON_EMAIL, user };

  if (user == NULL || *user == '\0')
    return NULL;
  people = lotse_store_list (store, LOTSE_TABLE_PERSON, &filter, 1, NULL, 2, 0, NULL);
  if (people == NULL || people->len != 1)
    return NULL;
  return g_strdup (lotse_record_get_id (g_ptr_array_index (people, 0)));
}

static void
print_json (GPtrArray *reminders)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_array (builder);
  for (guint i = 0; i < reminders->len; i++)
    {
      LotseReminder *reminder = g_ptr_array_index (reminders, i);
      gboolean action = g_str_equal (lotse_record_get_table_name (reminder->record), LOTSE_TABLE_ACTION_ITEM);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "type");
      json_builder_add_string_value (builder, lotse_record_get_table_name (reminder->record));
      json_builder_set_member_name (builder, "id");
      json_builder_add_string_value (builder, lotse_record_get_id (reminder->record));
      json_builder_set_member_name (builder, "title");
      json_builder_add_string_value (builder, reminder->title);
      json_builder_set_member_name (builder, "due_date");
      json_builder_add_string_value (builder, reminder->due_date);
      json_builder_set_member_name (builder, "days_overdue");
      json_builder_add_int_value (builder, reminder->days_overdue);
      json_builder_set_member_name (builder, action ? "meeting" : "project");
      json_builder_add_string_value (builder, reminder->context);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  root = json_builder_get_root (builder);
  lotse_cli_print_json (root);
}

static void
print_text (GPtrArray *reminders,
            guint      days)
{
  if (reminders->len == 0)
    {
      g_print (ngettext ("Nothing is overdue or due within %u day.", "Nothing is overdue or due within %u days.",
                         days), days);
      g_print ("\n");
      return;
    }

  for (guint i = 0; i < reminders->len; i++)
    {
      LotseReminder *reminder = g_ptr_array_index (reminders, i);
      g_autofree char *due = lotse_reminder_describe_due (reminder);

      g_print ("%s  %s  %s%s%s\n", reminder->due_date, due,
               reminder->title, reminder->context ? " — " : "",
               reminder->context ? reminder->context : "");
    }
}

int
lotse_cli_command_remind (LotseCli  *cli,
                          int        argc,
                          char     **argv)
{
  g_autoptr(LotseStore) store = NULL;
  g_autoptr(GPtrArray) reminders = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) args = NULL;
  g_autofree char *days_text = NULL;
  g_autofree char *person = NULL;
  g_autofree char *person_id = NULL;
  g_autofree char *today = NULL;
  gboolean json = FALSE;
  guint64 days = DEFAULT_DAYS;
  int status;
  const GOptionEntry entries[] = {
    { "days", 0, 0, G_OPTION_ARG_STRING, &days_text, N_("Include what is due within N days (default 3)"), N_("N") },
    { "person", 0, 0, G_OPTION_ARG_STRING, &person, N_("Remind this person (an id or exact name)"), N_("ID") },
    { "today", 0, 0, G_OPTION_ARG_STRING, &today, N_("Count from this day instead of today"), N_("YYYY-MM-DD") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    G_OPTION_ENTRY_NULL
  };

  if (!lotse_cli_parse_options (cli, entries, argc, argv, 0, 0, &args, &status))
    return status;
  if (days_text != NULL && !lotse_cli_parse_count (days_text, MAX_DAYS, &days))
    return lotse_cli_usage_error (cli, _("--days needs a number from 0 to %u, not “%s”."), MAX_DAYS, days_text);
  if (today != NULL && !lotse_parse_iso_date (today, NULL, NULL, NULL))
    return lotse_cli_usage_error (cli, _("--today needs a date like 2024-03-31, not “%s”."), today);

  if ((store = lotse_cli_open_store_or_fail (cli, LOTSE_CLI_OPEN_EXISTING, &status)) == NULL)
    return status;

  person_id = person != NULL ? lotse_cli_resolve_person (store, person, &error) : account_person (store);
  if (person_id == NULL && error != NULL)
    return lotse_cli_fail (cli, error);
  if (person_id == NULL)
    return lotse_cli_usage_error (cli, _("Whom to remind? Give --person (an id or exact name); no person’s "
                                         "email is the sync account’s user name."));

  reminders = lotse_reminders_collect (store, person_id, today, (guint)days, &error);
  if (reminders == NULL)
    return lotse_cli_fail (cli, error);

  if (json)
    print_json (reminders);
  else
    print_text (reminders, (guint)days);
  return LOTSE_CLI_EXIT_SUCCESS;
}
