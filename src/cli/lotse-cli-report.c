/* lotse-cli-report.c: export milestones|statement|finance-overview|agenda|minutes as PDF
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lotse-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "lotse-cli-private.h"
#include "lotse-report.h"

static const char * const report_kinds[] = { "milestones", "statement", "finance-overview", "agenda", "minutes",
                                              NULL };

/* Whether “export …” names a PDF report: its first argument that is not
 * an option is one of the report kinds. */
gboolean
lotse_cli_is_report_export (int    argc,
                            char **argv)
{
  for (int i = 1; i < argc; i++)
    {
      const char *arg = argv[i];

      if (arg[0] == '-')
        {
          /* Options that take their value in the next argument. */
          if (g_strv_contains ((const char * const []) { "-o", "--output", "--db", "--programme",
                                                         "--project", "--from", "--to", "--today",
                                                         NULL }, arg))
            i++;
          continue;
        }

      return g_strv_contains (report_kinds, arg);
    }

  return FALSE;
}

static LotseReport *
make_report (LotseStore                        *store,
             char                             **args,
             const LotseMilestoneReportOptions *options,
             GError                           **error)
{
  if (g_str_equal (args[0], "milestones"))
    return lotse_report_new_milestones (store, options, error);
  if (g_str_equal (args[0], "statement"))
    {
      LotseStatementReportOptions statement = { args[1], options->from, options->to, options->today, NULL };

      return lotse_report_new_statement (store, &statement, error);
    }
  if (g_str_equal (args[0], "finance-overview"))
    {
      LotseFinanceReportOptions overview = { args[1], NULL, options->today, NULL };

      return lotse_report_new_finance_overview (store, &overview, error);
    }
  if (g_str_equal (args[0], "agenda"))
    return lotse_report_new_agenda (store, args[1], options->today, error);

  return lotse_report_new_minutes (store, args[1], options->today, error);
}

/* Which options the kind of report takes; FALSE with *out_status set when
 * the command line does not fit it. */
static gboolean
check_arguments (LotseCli                          *cli,
                 char                             **args,
                 const LotseMilestoneReportOptions *options,
                 const char                        *output,
                 int                               *out_status)
{
  gboolean milestones = g_str_equal (args[0], "milestones");
  gboolean statement = g_str_equal (args[0], "statement");
  gboolean overview = g_str_equal (args[0], "finance-overview");
  gboolean meeting = !milestones && !statement && !overview;

  if (milestones && args[1] != NULL)
    *out_status = lotse_cli_usage_error (cli, _("Unexpected argument “%s”."), args[1]);
  else if (statement && args[1] == NULL)
    *out_status = lotse_cli_usage_error (cli, _("Name the project: export statement PROJECT_ID -o FILE.pdf."));
  else if (meeting && args[1] == NULL)
    /* Translators: %s is “agenda” or “minutes” */
    *out_status = lotse_cli_usage_error (cli, _("Name the meeting: export %s MEETING_ID -o FILE."), args[0]);
  else if (!milestones && (options->programme_id != NULL || options->project_id != NULL))
    *out_status = lotse_cli_usage_error (cli, _("--programme and --project apply to milestones only."));
  else if ((meeting || overview) && (options->from != NULL || options->to != NULL))
    *out_status = lotse_cli_usage_error (cli, _("--from and --to apply to milestones and statements only."));
  else if (output == NULL || *output == '\0')
    *out_status = lotse_cli_usage_error (cli, _("Name the file to write with -o FILE."));
  else
    return TRUE;

  return FALSE;
}

int
lotse_cli_command_export_report (LotseCli  *cli,
                                 int        argc,
                                 char     **argv)
{
  g_autoptr(LotseStore) store = NULL;
  g_autoptr(LotseReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) args = NULL;
  g_autofree char *output = NULL;
  g_autofree char *programme = NULL;
  g_autofree char *project = NULL;
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  g_autofree char *today = NULL;
  g_autofree char *display = NULL;
  g_autoptr(GBytes) pdf = NULL;
  LotseMilestoneReportOptions options = { NULL, };
  guint n_pages;
  int status;
  const GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("Write to FILE, or to standard output for “-”"),
      N_("FILE") },
    { "programme", 0, 0, G_OPTION_ARG_STRING, &programme,
      N_("Milestones: only the projects of this programme"), N_("ID") },
    { "project", 0, 0, G_OPTION_ARG_STRING, &project, N_("Milestones: only this project"), N_("ID") },
    { "from", 0, 0, G_OPTION_ARG_STRING, &from,
      N_("Milestones: only those due on or after this date; statement: the period’s first day"),
      N_("YYYY-MM-DD") },
    { "to", 0, 0, G_OPTION_ARG_STRING, &to,
      N_("Milestones: only those due on or before this date; statement: the period’s last day"),
      N_("YYYY-MM-DD") },
    { "today", 0, 0, G_OPTION_ARG_STRING, &today,
      N_("The export date the report shows (default: today)"), N_("YYYY-MM-DD") },
    G_OPTION_ENTRY_NULL
  };

  if (!lotse_cli_parse_options (cli, entries, argc, argv, 1, 2, &args, &status))
    return status;

  options.programme_id = programme;
  options.project_id = project;
  options.from = from;
  options.to = to;
  options.today = today;
  if (!check_arguments (cli, args, &options, output, &status))
    return status;

  store = lotse_cli_open_store_or_fail (cli, LOTSE_CLI_OPEN_EXISTING, &status);
  if (store == NULL)
    return status;

  report = make_report (store, args, &options, &error);
  if (report == NULL)
    return lotse_cli_fail (cli, error);

  pdf = lotse_report_to_pdf (report, &error);
  if (pdf == NULL ||
      !lotse_cli_write_output (output, g_bytes_get_data (pdf, NULL), g_bytes_get_size (pdf), &error))
    return lotse_cli_fail (cli, error);

  if (lotse_cli_output_is_stdout (output))
    return LOTSE_CLI_EXIT_SUCCESS;

  n_pages = lotse_report_get_n_pages (report);
  display = g_filename_display_name (output);
  /* Translators: %u is a number of pages, %s a file name */
  g_print (ngettext ("Wrote %u page to %s.", "Wrote %u pages to %s.", n_pages), n_pages, display);
  g_print ("\n");

  return LOTSE_CLI_EXIT_SUCCESS;
}
