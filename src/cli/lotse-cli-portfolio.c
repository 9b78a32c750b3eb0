/* lotse-cli-portfolio.c: monitor, and CSV import and export
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lotse-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "lotse-cli-private.h"

#define DEFAULT_DAYS  14
#define MAX_DAYS      36500
#define DUE_WIDTH     20  /* the column of “overdue by 12 days” */

static const char *
project_name (const LotseMonitorEntry *entry)
{
  if (entry->project_acronym != NULL && *entry->project_acronym != '\0')
    return entry->project_acronym;

  return entry->project_title;
}

/* A funder report is marked as one, with its kind, so that it is not
 * taken for a milestone. */
static char *
describe_title (const LotseMonitorEntry *entry)
{
  const char *title = lotse_record_get (entry->milestone, LOTSE_MILESTONE_TITLE);
  const char *kind;

  if (entry->report_kind == NULL)
    return g_strdup (title);

  kind = lotse_enum_value_label (LOTSE_TABLE_FUNDER_REPORT, LOTSE_FUNDER_REPORT_KIND,
                                 entry->report_kind);
  if (title == NULL || *title == '\0')
    /* Translators: %s is the kind of an untitled funder report, e.g. “Interim statement” */
    return g_strdup_printf (_("Funder report: %s"), kind);

  /* Translators: a funder report in the monitor: its kind, e.g. “Interim statement”, and title */
  return g_strdup_printf (_("Funder report (%s): %s"), kind, title);
}

static char *
describe_due (const LotseMonitorEntry *entry)
{
  int days = entry->days_overdue;

  if (entry->state == LOTSE_MONITOR_CLOSED)
    /* Translators: a milestone that a completed or cancelled project left open */
    return g_strdup (_("project closed"));
  if (days > 0)
    return g_strdup_printf (ngettext ("overdue by %d day", "overdue by %d days", days), days);
  if (days == 0)
    return g_strdup (_("due today"));

  return g_strdup_printf (ngettext ("due in %d day", "due in %d days", -days), -days);
}

static void
print_monitor_json (GPtrArray *entries)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_array (builder);
  for (guint i = 0; i < entries->len; i++)
    {
      LotseMonitorEntry *entry = g_ptr_array_index (entries, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "type");
      json_builder_add_string_value (builder, lotse_record_get_table_name (entry->milestone));
      json_builder_set_member_name (builder, entry->report_kind != NULL ? "funder_report_id"
                                                                        : "milestone_id");
      json_builder_add_string_value (builder, lotse_record_get_id (entry->milestone));
      if (entry->report_kind != NULL)
        {
          json_builder_set_member_name (builder, "kind");
          json_builder_add_string_value (builder, entry->report_kind);
        }
      json_builder_set_member_name (builder, "project_id");
      json_builder_add_string_value (builder, entry->project_id);
      json_builder_set_member_name (builder, "project");
      json_builder_add_string_value (builder, project_name (entry));
      json_builder_set_member_name (builder, "title");
      json_builder_add_string_value (builder, lotse_monitor_entry_get_title (entry));
      json_builder_set_member_name (builder, "due_date");
      json_builder_add_string_value (builder, entry->due_date);
      json_builder_set_member_name (builder, "status");
      json_builder_add_string_value (builder, lotse_record_get (entry->milestone, LOTSE_MILESTONE_STATUS));
      json_builder_set_member_name (builder, "days_overdue");
      json_builder_add_int_value (builder, entry->days_overdue);
      json_builder_set_member_name (builder, "state");
      json_builder_add_string_value (builder, lotse_monitor_state_to_string (entry->state));
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  root = json_builder_get_root (builder);
  lotse_cli_print_json (root);
}

static void
print_monitor_text (GPtrArray *entries,
                    guint      days)
{
  g_autofree char *week = NULL;

  if (entries->len == 0)
    {
      g_print (ngettext ("No milestones or funder reports are overdue or due within %u day.",
                         "No milestones or funder reports are overdue or due within %u days.",
                         days), days);
      g_print ("\n");
      return;
    }

  for (guint i = 0; i < entries->len; i++)
    {
      LotseMonitorEntry *entry = g_ptr_array_index (entries, i);
      g_autofree char *key = lotse_monitor_group_key (entry, LOTSE_MONITOR_GROUP_WEEK);
      g_autofree char *due = describe_due (entry);
      g_autofree char *title = describe_title (entry);
      guint width;

      if (g_strcmp0 (key, week) != 0)
        {
          if (i > 0)
            g_print ("\n");
          /* Translators: %s is an ISO week such as “2026-W48” */
          g_print (_("Week %s"), key);
          g_print ("\n");
          g_free (week);
          week = g_steal_pointer (&key);
        }

      width = lotse_cli_display_width (due);
      g_print ("  %s  %s%*s  %s: %s\n", entry->due_date, due,
               width < DUE_WIDTH ? (int) (DUE_WIDTH - width) : 0, "",
               project_name (entry), title);
    }
}

int
lotse_cli_command_monitor (LotseCli  *cli,
                           int        argc,
                           char     **argv)
{
  g_autoptr(LotseStore) store = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) args = NULL;
  g_autofree char *days_text = NULL;
  g_autofree char *today = NULL;
  g_autofree char *programme = NULL;
  gboolean json = FALSE;
  gboolean history = FALSE;
  guint64 days = DEFAULT_DAYS;
  int status;
  const GOptionEntry entries_spec[] = {
    { "days", 0, 0, G_OPTION_ARG_STRING, &days_text,
      N_("Include milestones due within N days (default 14)"), N_("N") },
    { "today", 0, 0, G_OPTION_ARG_STRING, &today,
      N_("Count from this day instead of today"), N_("YYYY-MM-DD") },
    { "programme", 0, 0, G_OPTION_ARG_STRING, &programme,
      N_("Only projects of this programme"), N_("ID") },
    { "history", 0, 0, G_OPTION_ARG_NONE, &history,
      N_("Also list the milestones that completed and cancelled projects left open"), NULL },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    G_OPTION_ENTRY_NULL
  };

  if (!lotse_cli_parse_options (cli, entries_spec, argc, argv, 0, 0, &args, &status))
    return status;

  if (days_text != NULL && !lotse_cli_parse_count (days_text, MAX_DAYS, &days))
    return lotse_cli_usage_error (cli, _("--days needs a number from 0 to %u, not “%s”."),
                                  MAX_DAYS, days_text);

  if (today != NULL && !lotse_parse_iso_date (today, NULL, NULL, NULL))
    return lotse_cli_usage_error (cli, _("--today needs a date like 2024-03-31, not “%s”."),
                                  today);

  store = lotse_cli_open_store_or_fail (cli, LOTSE_CLI_OPEN_EXISTING, &status);
  if (store == NULL)
    return status;

  entries = lotse_monitor_query (store, today, (guint) days, programme,
                                 history ? LOTSE_MONITOR_SCOPE_HISTORY : LOTSE_MONITOR_SCOPE_CURRENT,
                                 &error);
  if (entries == NULL)
    return lotse_cli_fail (cli, error);

  if (json)
    print_monitor_json (entries);
  else
    print_monitor_text (entries, (guint) days);

  return LOTSE_CLI_EXIT_SUCCESS;
}

/* CSV */

static gboolean
check_csv_arguments (LotseCli  *cli,
                     char     **args,
                     int       *out_status)
{
  if (!g_str_equal (args[0], "csv"))
    {
      *out_status = lotse_cli_usage_error (cli, _("Unknown format “%s”; use “csv”."), args[0]);
      return FALSE;
    }

  if (lotse_cli_lookup_table (cli, args[1], out_status) == NULL)
    return FALSE;

  if (!lotse_csv_can_import (args[1]))
    {
      *out_status = lotse_cli_usage_error (cli,
                                           _("CSV works for the tables organisation, project, milestone, "
                                             "status_report and expenditure, not “%s”."),
                                           args[1]);
      return FALSE;
    }

  return TRUE;
}

static void
print_import_result (const char *table,
                     guint       n,
                     gboolean    dry_run)
{
  if (g_str_equal (table, LOTSE_TABLE_ORGANISATION))
    g_print (dry_run ? ngettext ("Would import %u organisation.", "Would import %u organisations.", n)
                     : ngettext ("Imported %u organisation.", "Imported %u organisations.", n), n);
  else if (g_str_equal (table, LOTSE_TABLE_PROJECT))
    g_print (dry_run ? ngettext ("Would import %u project.", "Would import %u projects.", n)
                     : ngettext ("Imported %u project.", "Imported %u projects.", n), n);
  else if (g_str_equal (table, LOTSE_TABLE_MILESTONE))
    g_print (dry_run ? ngettext ("Would import %u milestone.", "Would import %u milestones.", n)
                     : ngettext ("Imported %u milestone.", "Imported %u milestones.", n), n);
  else if (g_str_equal (table, LOTSE_TABLE_EXPENDITURE))
    g_print (dry_run ? ngettext ("Would import %u expenditure.", "Would import %u expenditures.", n)
                     : ngettext ("Imported %u expenditure.", "Imported %u expenditures.", n), n);
  else
    g_print (dry_run ? ngettext ("Would import %u status report.", "Would import %u status reports.", n)
                     : ngettext ("Imported %u status report.", "Imported %u status reports.", n), n);
  g_print ("\n");
}

int
lotse_cli_command_import (LotseCli  *cli,
                          int        argc,
                          char     **argv)
{
  g_autoptr(LotseStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) args = NULL;
  g_auto(GStrv) problems = NULL;
  gboolean dry_run = FALSE;
  guint n = 0;
  int status;
  const GOptionEntry entries[] = {
    { "dry-run", 0, 0, G_OPTION_ARG_NONE, &dry_run,
      N_("Check the file and report what would be imported, without writing"), NULL },
    G_OPTION_ENTRY_NULL
  };

  if (!lotse_cli_parse_options (cli, entries, argc, argv, 3, 3, &args, &status))
    return status;

  if (!check_csv_arguments (cli, args, &status))
    return status;

  store = lotse_cli_open_store_or_fail (cli, dry_run ? LOTSE_CLI_OPEN_EXISTING : LOTSE_CLI_OPEN_CREATE, &status);
  if (store == NULL)
    return status;

  if (!lotse_csv_import_file (store, args[1], args[2], dry_run, &n, &problems, &error))
    {
      if (problems == NULL)
        return lotse_cli_fail (cli, error);

      for (guint i = 0; problems[i] != NULL; i++)
        lotse_cli_print_error ("%s", problems[i]);
      lotse_cli_print_error ("%s", _("Nothing was imported."));
      return LOTSE_CLI_EXIT_ERROR;
    }

  print_import_result (args[1], n, dry_run);

  return LOTSE_CLI_EXIT_SUCCESS;
}

int
lotse_cli_command_export (LotseCli  *cli,
                          int        argc,
                          char     **argv)
{
  g_autoptr(LotseStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) args = NULL;
  g_autofree char *output = NULL;
  g_autofree char *display = NULL;
  g_autofree char *text = NULL;
  guint n = 0;
  int status;
  const GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("Write to FILE, or to standard output for “-”"),
      N_("FILE") },
    G_OPTION_ENTRY_NULL
  };

  if (lotse_cli_is_report_export (argc, argv))
    return lotse_cli_command_export_report (cli, argc, argv);
  if (argc > 1 && g_str_equal (argv[1], "ics"))
    return lotse_cli_export_ics (cli, argc, argv);
  if (argc > 1 && g_str_equal (argv[1], "eml"))
    return lotse_cli_export_eml (cli, argc, argv);

  if (!lotse_cli_parse_options (cli, entries, argc, argv, 2, 2, &args, &status))
    return status;

  if (!check_csv_arguments (cli, args, &status))
    return status;

  if (output == NULL || *output == '\0')
    return lotse_cli_usage_error (cli, _("Name the file to write with -o FILE."));

  store = lotse_cli_open_store_or_fail (cli, LOTSE_CLI_OPEN_EXISTING, &status);
  if (store == NULL)
    return status;

  text = lotse_csv_export (store, args[1], &n, &error);
  if (text == NULL || !lotse_cli_write_output (output, text, strlen (text), &error))
    return lotse_cli_fail (cli, error);

  if (lotse_cli_output_is_stdout (output))
    return LOTSE_CLI_EXIT_SUCCESS;

  display = g_filename_display_name (output);
  /* Translators: %s is a file name */
  g_print (ngettext ("Wrote %u row to %s.", "Wrote %u rows to %s.", n), n, display);
  g_print ("\n");

  return LOTSE_CLI_EXIT_SUCCESS;
}
