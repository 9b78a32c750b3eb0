/* lotse-cli-minutes.c: approve-minutes, reopen-minutes, amend-minutes,
 * attendance and export eml
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What approval locks, and why, is lotse-minutes.c's; these commands only
 * name the meeting and the person and report the store's answer.
 */

#define G_LOG_DOMAIN "lotse-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "lotse-cli-private.h"
#include "lotse-report.h"

/* Who approves or writes, as shown with the minutes: --by, else the
 * person logged in. */
static const char *
author_or_user (const char *by)
{
  if (by != NULL && *by != '\0')
    return by;
  if (g_strcmp0 (g_get_real_name (), "Unknown") != 0)
    return g_get_real_name ();
  return g_get_user_name ();
}

/* The id of the person named by @text: an id, or the exact name of one
 * person. */
char *
lotse_cli_resolve_person (LotseStore  *store,
                          const char  *text,
                          GError     **error)
{
  LotseFilter filter = { LOTSE_PERSON_NAME, text };
  g_autoptr(GPtrArray) people = NULL;

  if (lotse_is_uuid (text))
    return g_strdup (text);

  people = lotse_store_list (store, LOTSE_TABLE_PERSON, &filter, 1, NULL, 2, 0, error);
  if (people == NULL)
    return NULL;
  if (people->len == 1)
    return g_strdup (lotse_record_get_id (g_ptr_array_index (people, 0)));

  g_set_error (error, LOTSE_ERROR, LOTSE_ERROR_NOT_FOUND,
               people->len == 0 ? _("There is no person named “%s”; give their id or exact name")
                                : _("More than one person is named “%s”; give their id"),
               text);
  return NULL;
}

int
lotse_cli_command_approve_minutes (LotseCli  *cli,
                                   int        argc,
                                   char     **argv)
{
  g_autoptr(LotseStore) store = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) args = NULL;
  g_autofree char *by = NULL;
  g_autoptr(LotseRecord) item = NULL;
  int status;
  const GOptionEntry entries[] = {
    { "by", 0, 0, G_OPTION_ARG_STRING, &by, N_("Who approves, as the minutes show it"), N_("NAME") },
    G_OPTION_ENTRY_NULL
  };

  if (!lotse_cli_parse_options (cli, entries, argc, argv, 1, 1, &args, &status))
    return status;

  store = lotse_cli_open_store_or_fail (cli, LOTSE_CLI_OPEN_EXISTING, &status);
  if (store == NULL)
    return status;

  /* The standing agenda item approves the minutes it names. */
  item = lotse_store_get (store, LOTSE_TABLE_AGENDA_ITEM, args[0], NULL);
  if (item != NULL ? !lotse_meeting_approve_minutes_item (store, args[0], author_or_user (by), now, &error)
                   : !lotse_meeting_approve_minutes (store, args[0], author_or_user (by), now, &error))
    return lotse_cli_fail (cli, error);

  g_print ("%s\n", _("The minutes are approved and now read-only."));
  return LOTSE_CLI_EXIT_SUCCESS;
}

int
lotse_cli_command_reopen_minutes (LotseCli  *cli,
                                  int        argc,
                                  char     **argv)
{
  g_autoptr(LotseStore) store = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) args = NULL;
  g_autofree char *reason = NULL;
  g_autofree char *by = NULL;
  int status;
  const GOptionEntry entries[] = {
    { "reason", 0, 0, G_OPTION_ARG_STRING, &reason, N_("Why the minutes are reopened"), N_("TEXT") },
    { "by", 0, 0, G_OPTION_ARG_STRING, &by, N_("Who reopens them"), N_("NAME") },
    G_OPTION_ENTRY_NULL
  };

  if (!lotse_cli_parse_options (cli, entries, argc, argv, 1, 1, &args, &status))
    return status;
  if (reason == NULL)
    return lotse_cli_usage_error (cli, _("Say why with --reason TEXT."));

  store = lotse_cli_open_store_or_fail (cli, LOTSE_CLI_OPEN_EXISTING, &status);
  if (store == NULL)
    return status;

  if (!lotse_meeting_reopen_minutes (store, args[0], reason, author_or_user (by), now, &error))
    return lotse_cli_fail (cli, error);

  g_print ("%s\n", _("The minutes are reopened; the reason is recorded with them."));
  return LOTSE_CLI_EXIT_SUCCESS;
}

int
lotse_cli_command_amend_minutes (LotseCli  *cli,
                                 int        argc,
                                 char     **argv)
{
  g_autoptr(LotseStore) store = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(LotseRecord) amendment = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) args = NULL;
  g_autofree char *item = NULL;
  g_autofree char *by = NULL;
  int status;
  const GOptionEntry entries[] = {
    { "item", 0, 0, G_OPTION_ARG_STRING, &item, N_("The agenda item the amendment corrects"), N_("ID") },
    { "by", 0, 0, G_OPTION_ARG_STRING, &by, N_("Who writes the amendment"), N_("NAME") },
    G_OPTION_ENTRY_NULL
  };

  if (!lotse_cli_parse_options (cli, entries, argc, argv, 2, 2, &args, &status))
    return status;

  store = lotse_cli_open_store_or_fail (cli, LOTSE_CLI_OPEN_EXISTING, &status);
  if (store == NULL)
    return status;

  amendment = lotse_meeting_amend_minutes (store, args[0], item, args[1], author_or_user (by), now,
                                           &error);
  if (amendment == NULL)
    return lotse_cli_fail (cli, error);

  g_print ("%s\n", lotse_record_get_id (amendment));
  return LOTSE_CLI_EXIT_SUCCESS;
}

int
lotse_cli_command_attendance (LotseCli  *cli,
                              int        argc,
                              char     **argv)
{
  static const char * const choices[] = { "present", "excused", "absent", NULL };
  g_autoptr(LotseStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) args = NULL;
  g_autofree char *person = NULL;
  int status;
  const GOptionEntry entries[] = { G_OPTION_ENTRY_NULL };

  if (!lotse_cli_parse_options (cli, entries, argc, argv, 3, 3, &args, &status))
    return status;
  if (!g_strv_contains (choices, args[2]))
    return lotse_cli_usage_error (cli, _("Attendance is present, excused or absent, not “%s”."),
                                  args[2]);

  store = lotse_cli_open_store_or_fail (cli, LOTSE_CLI_OPEN_EXISTING, &status);
  if (store == NULL)
    return status;

  person = lotse_cli_resolve_person (store, args[1], &error);
  if (person == NULL ||
      !lotse_meeting_set_attendance (store, args[0], person, args[2], &error))
    return lotse_cli_fail (cli, error);

  return LOTSE_CLI_EXIT_SUCCESS;
}

static void
print_written (LotseStore       *store,
               LotseMeetingMail *mail,
               const char       *output,
               GDateTime        *now)
{
  g_autofree char *display = g_filename_display_name (output);
  g_autoptr(LotseRecord) dispatch = NULL;
  g_autofree char *description = NULL;
  g_autoptr(GError) error = NULL;

  /* Translators: %s is a file name */
  g_print (_("Wrote %s."), display);
  g_print ("\n");
  if (mail->without->len > 0)
    {
      g_autofree char *names = NULL;

      g_ptr_array_add (mail->without, NULL);
      /* Translators: the separator between names in a list */
      names = g_strjoinv (_(", "), (char **) mail->without->pdata);
      g_ptr_array_remove_index (mail->without, mail->without->len - 1);
      /* Translators: %s lists the names of participants */
      g_print (_("Not addressed, as they have no e-mail address: %s"), names);
      g_print ("\n");
    }
  /* The file is written; a record that fails is reported, not undone. */
  dispatch = lotse_meeting_mail_record (store, mail, "eml", now, &error);
  if (dispatch == NULL)
    {
      lotse_cli_print_error ("%s", error->message);
      return;
    }
  description = lotse_meeting_describe_dispatch (dispatch);
  g_print ("%s\n", description);
}

/* “export eml MEETING_ID --minutes|--invitation -o FILE.eml”, reached from
 * lotse_cli_command_export(). */
int
lotse_cli_export_eml (LotseCli  *cli,
                      int        argc,
                      char     **argv)
{
  g_autoptr(LotseStore) store = NULL;
  g_autoptr(LotseMeetingMail) mail = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) args = NULL;
  g_autofree char *output = NULL;
  g_autofree char *text = NULL;
  gboolean minutes = FALSE;
  gboolean invitation = FALSE;
  int status;
  const GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("Write to FILE, or to standard output for “-”"),
      N_("FILE") },
    { "minutes", 0, 0, G_OPTION_ARG_NONE, &minutes, N_("The minutes, with their PDF"), NULL },
    { "invitation", 0, 0, G_OPTION_ARG_NONE, &invitation,
      N_("The invitation, with the agenda PDF and the appointment"), NULL },
    G_OPTION_ENTRY_NULL
  };

  if (!lotse_cli_parse_options (cli, entries, argc, argv, 2, 2, &args, &status))
    return status;
  if (minutes == invitation)
    return lotse_cli_usage_error (cli, _("Give either --minutes or --invitation."));
  if (output == NULL || *output == '\0')
    return lotse_cli_usage_error (cli, _("Name the file to write with -o FILE."));

  store = lotse_cli_open_store_or_fail (cli, LOTSE_CLI_OPEN_EXISTING, &status);
  if (store == NULL)
    return status;

  mail = lotse_meeting_mail_new (store, args[1], minutes ? LOTSE_MAIL_MINUTES : LOTSE_MAIL_INVITATION,
                                 &error);
  if (mail == NULL || !lotse_report_attach_meeting_documents (store, mail, &error))
    return lotse_cli_fail (cli, error);

  text = lotse_meeting_mail_to_eml (mail, now);
  if (!lotse_cli_write_output (output, text, strlen (text), &error))
    return lotse_cli_fail (cli, error);

  if (!lotse_cli_output_is_stdout (output))
    print_written (store, mail, output, now);
  return LOTSE_CLI_EXIT_SUCCESS;
}
