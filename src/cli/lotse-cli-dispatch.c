/* lotse-cli-dispatch.c: global options, usage and the command table
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lotse-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "lotse-cli-private.h"

#define WRAP_WIDTH 78

/* The synopses are translatable for their placeholders only. */
static const LotseCliCommand commands[] = {
  {
    "demo",
    /* Translators: only translate the placeholder YYYY-MM-DD */
    N_("[--today YYYY-MM-DD]"),
    N_("Load the demo programme office; running it again adds nothing"),
    lotse_cli_command_demo,
  },
  {
    "generate",
    /* Translators: only translate the placeholders N and S */
    N_("--projects N --milestones N --meetings N --articles N [--expenditures N] [--seed S]"),
    N_("Add synthetic data for benchmarks; the same seed gives the same rows"),
    lotse_cli_command_generate,
  },
  {
    "list",
    /* Translators: only translate the placeholders TABLE, FIELD, VALUE and N */
    N_("TABLE [--json] [--where FIELD=VALUE]… [--limit N]"),
    N_("List the rows of a table"),
    lotse_cli_command_list,
  },
  {
    "show",
    /* Translators: only translate the placeholders TABLE and ID */
    N_("TABLE ID [--json]"),
    N_("Show one row with all its fields"),
    lotse_cli_command_show,
  },
  {
    "add",
    /* Translators: only translate the placeholders TABLE, FIELD and VALUE */
    N_("TABLE FIELD=VALUE…"),
    N_("Add a row and print its id"),
    lotse_cli_command_add,
  },
  {
    "attach",
    /* Translators: only translate the placeholders TABLE, ID and FILE */
    N_("TABLE ID FILE"),
    N_("Attach a file to a project, milestone, meeting, agenda item, decision, action item or article"),
    lotse_cli_command_attach,
  },
  {
    "attachments",
    /* Translators: only translate the placeholders TABLE and ID */
    N_("TABLE ID [--json]"),
    N_("List the files attached to a record"),
    lotse_cli_command_attachments,
  },
  {
    "get-attachment",
    /* Translators: only translate the placeholders ID and FILE */
    N_("ID -o FILE"),
    N_("Write the file of an attachment"),
    lotse_cli_command_get_attachment,
  },
  {
    "update",
    /* Translators: only translate the placeholders TABLE, ID, FIELD and VALUE */
    N_("TABLE ID FIELD=VALUE…"),
    N_("Change fields of a row; FIELD= clears an optional field"),
    lotse_cli_command_update,
  },
  {
    "delete",
    /* Translators: only translate the placeholders TABLE and ID */
    N_("TABLE ID"),
    N_("Delete a row"),
    lotse_cli_command_delete,
  },
  {
    "office",
    /* Translators: only translate the placeholders FIELD and VALUE */
    N_("[--json] | set FIELD=VALUE…"),
    N_("Show the office’s name, email and time zone, or change them; every time is shown in that zone"),
    lotse_cli_command_office,
  },
  {
    "search",
    /* Translators: only translate the placeholders QUERY and N */
    N_("QUERY [--json] [--limit N] [--rebuild]"),
    N_("Search projects, milestones, meetings, agenda items, decisions, action items and articles"),
    lotse_cli_command_search,
  },
  {
    "monitor",
    /* Translators: only translate the placeholders N, YYYY-MM-DD and ID */
    N_("[--days N] [--today YYYY-MM-DD] [--programme ID] [--history] [--json]"),
    N_("List milestones and funder reports that are overdue or due within N days, of projects that still run"),
    lotse_cli_command_monitor,
  },
  {
    "remind",
    /* Translators: only translate the placeholders N, ID and YYYY-MM-DD */
    N_("[--days N] [--person ID] [--today YYYY-MM-DD] [--json]"),
    N_("List a person’s open action items and the milestones of the projects they lead that are overdue or due within N days; for a timer or cron"),
    lotse_cli_command_remind,
  },
  {
    "finance",
    /* Translators: only translate the placeholders PROJECT_ID, YYYY-MM-DD, PERCENT and DAYS */
    N_("PROJECT_ID [--json] [--today YYYY-MM-DD] [--tolerance PERCENT] [--spend-within DAYS]"),
    N_("Show a project’s budget plan against its expenditures per cost category, its funds and the warnings"),
    lotse_cli_command_finance,
  },
  {
    "prepare-meeting",
    /* Translators: only translate the placeholders SERIES_ID and YYYY-MM-DD */
    N_("SERIES_ID [--date YYYY-MM-DD] [--json]"),
    N_("Create the next meeting of a series with a prepared agenda, or show it if it exists"),
    lotse_cli_command_prepare_meeting,
  },
  {
    "attendance",
    /* Translators: only translate the placeholders MEETING_ID and PERSON */
    N_("MEETING_ID PERSON present|excused|absent"),
    N_("Record whether a person (an id or exact name) attended a meeting"),
    lotse_cli_command_attendance,
  },
  {
    "propose",
    /* Translators: only translate the placeholders MEETING_ID, TITLE, TEXT and PERSON */
    N_("MEETING_ID TITLE [--notes TEXT] [--by PERSON]"),
    N_("Propose an item for the agenda of a meeting yet to be held; prints the proposal's id"),
    lotse_cli_command_propose,
  },
  {
    "proposals",
    /* Translators: only translate the placeholder MEETING_ID */
    N_("MEETING_ID [--json]"),
    N_("List the items proposed for a meeting, with what was decided and why"),
    lotse_cli_command_proposals,
  },
  {
    "accept-proposal",
    /* Translators: only translate the placeholders ID and PERSON */
    N_("ID [--by PERSON]"),
    N_("Accept a proposed item into the agenda, before the closing standing items; prints the new item's id"),
    lotse_cli_command_accept_proposal,
  },
  {
    "decline-proposal",
    /* Translators: only translate the placeholders ID, TEXT and PERSON */
    N_("ID --reason TEXT [--by PERSON]"),
    N_("Decline a proposed item, saying why"),
    lotse_cli_command_decline_proposal,
  },
  {
    "approve-minutes",
    /* Translators: only translate the placeholders MEETING_ID, ITEM_ID and NAME */
    N_("MEETING_ID|ITEM_ID [--by NAME]"),
    N_("Approve the minutes of a held meeting, or those an agenda item “Approval of the minutes” names; "
       "they are read-only afterwards"),
    lotse_cli_command_approve_minutes,
  },
  {
    "amend-minutes",
    /* Translators: only translate the placeholders MEETING_ID, TEXT, ID and NAME */
    N_("MEETING_ID TEXT [--item ID] [--by NAME]"),
    N_("Correct approved minutes with an amendment, under an agenda item or the meeting"),
    lotse_cli_command_amend_minutes,
  },
  {
    "reopen-minutes",
    /* Translators: only translate the placeholders MEETING_ID, TEXT and NAME */
    N_("MEETING_ID --reason TEXT [--by NAME]"),
    N_("Take back the approval of minutes; the reason is recorded"),
    lotse_cli_command_reopen_minutes,
  },
  {
    "import",
    /* Translators: only translate the placeholder FILE */
    N_("csv organisation|project|milestone|status_report|expenditure FILE [--dry-run]"),
    N_("Import organisations, projects, milestones, status reports or expenditures from a CSV file; with any bad row nothing is imported"),
    lotse_cli_command_import,
  },
  {
    "export",
    /* Translators: only translate the placeholders FILE, ID, YYYY-MM-DD, PROJECT_ID, PROGRAMME_ID and MEETING_ID */
    N_("csv organisation|project|milestone|status_report|expenditure -o FILE | milestones -o FILE.pdf [--programme ID] [--project ID] [--from YYYY-MM-DD] [--to YYYY-MM-DD] | statement PROJECT_ID [--from YYYY-MM-DD] [--to YYYY-MM-DD] -o FILE.pdf | finance-overview [PROGRAMME_ID] -o FILE.pdf | agenda|minutes MEETING_ID -o FILE.pdf | ics MEETING_ID|--series ID -o FILE.ics | eml MEETING_ID --minutes|--invitation -o FILE.eml"),
    N_("Export organisations, projects, milestones, status reports or expenditures as a CSV file, the milestone overview, a project’s financial statement, the finance overview of a programme, an agenda or minutes as PDF, a meeting or meeting series as an iCalendar file, or the invitation or minutes of a meeting as an e-mail to its participants"),
    lotse_cli_command_export,
  },
  {
    "sync",
    /* Translators: only translate the placeholders URL, NAME and SHA256 */
    N_("[--server URL --user NAME] [--password-stdin] [--trust-fingerprint SHA256]"),
    N_("Send local changes to the server and fetch the others’; the first time log in with the password on standard input"),
    lotse_cli_command_sync,
  },
  {
    "conflicts",
    "[--json] [--all]",
    N_("List changes that conflict with the server’s and wait for a decision"),
    lotse_cli_command_conflicts,
  },
  {
    "resolve",
    /* Translators: only translate the placeholder CONFLICT_ID */
    N_("CONFLICT_ID --take mine|theirs"),
    N_("Decide a conflict: keep this device’s values or take the server’s; the next sync sends the result"),
    lotse_cli_command_resolve,
  },
};

static const LotseCliCommand *
lookup_command (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      if (g_str_equal (commands[i].name, name))
        return &commands[i];
    }

  return NULL;
}

/* Appends @text word-wrapped, every line indented by @indent. */
static void
append_wrapped (GString    *out,
                const char *text,
                guint       indent)
{
  g_auto(GStrv) words = g_strsplit (text, " ", -1);
  guint column = indent;

  g_string_append_printf (out, "%*s", (int) indent, "");
  for (guint i = 0; words[i] != NULL; i++)
    {
      guint width = lotse_cli_display_width (words[i]);

      if (column > indent && column + 1 + width > WRAP_WIDTH)
        {
          g_string_append_printf (out, "\n%*s", (int) indent, "");
          column = indent;
        }
      else if (column > indent)
        {
          g_string_append_c (out, ' ');
          column++;
        }
      g_string_append (out, words[i]);
      column += width;
    }
  g_string_append_c (out, '\n');
}

static char *
build_usage (void)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autofree char *default_path = lotse_store_default_path ();
  g_autofree char *default_display = g_filename_display_name (default_path);
  g_autofree char *tables = lotse_cli_list_table_names ();
  g_autofree char *db_description = NULL;

  g_string_append_printf (out, "%s\n  lotse-cli [--db %s] %s\n\n", _("Usage:"),
                          /* Translators: placeholders in the usage line */
                          _("PATH"), _("COMMAND [ARGUMENT…]"));

  g_string_append_printf (out, "%s\n", _("Commands:"));
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      const char *synopsis = lotse_cli_command_get_synopsis (&commands[i]);

      g_string_append_printf (out, "  %s%s%s\n      %s\n", commands[i].name,
                              *synopsis != '\0' ? " " : "", synopsis, _(commands[i].summary));
    }

  /* Translators: %s is the path of the default database */
  db_description = g_strdup_printf (_("Use the database at PATH instead of %s"), default_display);
  g_string_append_printf (out, "\n%s\n", _("Options:"));
  g_string_append_printf (out, "  --db %s\n", _("PATH"));
  append_wrapped (out, db_description, 6);
  g_string_append_printf (out, "  -h, --help\n      %s\n", _("Show this help"));
  g_string_append_printf (out, "  --version\n      %s\n", _("Show the version"));

  g_string_append_printf (out, "\n%s\n", _("Tables:"));
  append_wrapped (out, tables, 2);

  g_string_append_c (out, '\n');
  g_string_append (out, _("Run “lotse-cli COMMAND --help” for the options of a command."));
  g_string_append_c (out, '\n');

  return g_string_free (g_steal_pointer (&out), FALSE);
}

static int
print_usage (void)
{
  g_autofree char *usage = build_usage ();

  g_print ("%s", usage);
  return LOTSE_CLI_EXIT_SUCCESS;
}

static int
usage_error (const char *message)
{
  g_autofree char *usage = build_usage ();

  if (message != NULL)
    lotse_cli_print_error ("%s", message);
  g_printerr ("%s", usage);

  return LOTSE_CLI_EXIT_USAGE;
}

static int
run_command (LotseCli              *cli,
             const LotseCliCommand *command,
             int                    argc,
             char                 **argv)
{
  cli->command = command;
  return command->run (cli, argc, argv);
}

/* “lotse-cli help [COMMAND]” */
static int
run_help (LotseCli  *cli,
          int        argc,
          char     **argv)
{
  const LotseCliCommand *command;
  char *help_argv[] = { NULL, (char *) "--help", NULL };

  if (argc < 2)
    return print_usage ();

  command = lookup_command (argv[1]);
  if (command == NULL)
    {
      g_autofree char *message = g_strdup_printf (_("There is no command “%s”."), argv[1]);

      return usage_error (message);
    }

  help_argv[0] = (char *) command->name;
  return run_command (cli, command, 2, help_argv);
}

/* Handles the options before the command ([--db PATH], --help, --version)
 * and hands the rest of the command line to the command. */
int
lotse_cli_run (int    argc,
               char **argv)
{
  g_autofree char *db_path = NULL;
  LotseCli cli = { NULL, NULL };
  const LotseCliCommand *command;
  int status;
  int i;

  for (i = 1; i < argc && argv[i][0] == '-'; i++)
    {
      const char *arg = argv[i];

      if (g_str_equal (arg, "--"))
        {
          i++;
          break;
        }
      else if (g_str_equal (arg, "--help") || g_str_equal (arg, "-h"))
        {
          return print_usage ();
        }
      else if (g_str_equal (arg, "--version"))
        {
          g_print ("lotse-cli %s\n", PACKAGE_VERSION);
          return LOTSE_CLI_EXIT_SUCCESS;
        }
      else if (g_str_equal (arg, "--db") || g_str_has_prefix (arg, "--db="))
        {
          const char *value;

          if (arg[4] == '=')
            value = arg + 5;
          else if (i + 1 < argc)
            value = argv[++i];
          else
            value = NULL;

          if (value == NULL || *value == '\0')
            return usage_error (_("The option --db needs a path."));

          g_free (db_path);
          db_path = g_strdup (value);
        }
      else
        {
          g_autofree char *message = g_strdup_printf (_("Unknown option “%s”."), arg);

          return usage_error (message);
        }
    }

  if (i >= argc)
    return usage_error (_("Which command? Give one of the commands below."));

  cli.db_path = g_steal_pointer (&db_path);

  if (g_str_equal (argv[i], "help"))
    {
      status = run_help (&cli, argc - i, argv + i);
    }
  else if ((command = lookup_command (argv[i])) != NULL)
    {
      status = run_command (&cli, command, argc - i, argv + i);
    }
  else
    {
      g_autofree char *message = g_strdup_printf (_("There is no command “%s”."), argv[i]);

      status = usage_error (message);
    }

  g_free (cli.db_path);
  return status;
}
