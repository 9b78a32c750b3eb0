/* lotse-cli-finance.c: a project's plan against actual and warnings
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lotse-cli"

#include "config.h"

#include <glib/gi18n.h>

#include "lotse-cli-private.h"

#define MAX_TOLERANCE    1000
#define MAX_SPEND_WITHIN 3650

static const char *
warning_kind (LotseFinanceWarningKind kind)
{
  switch (kind)
    {
    case LOTSE_FINANCE_WARNING_OVERSPENT: return "overspent";
    case LOTSE_FINANCE_WARNING_LAGGING: return "lagging";
    case LOTSE_FINANCE_WARNING_UNSPENT: return "unspent";
    default: g_return_val_if_reached ("");
    }
}

static void
add_line_json (JsonBuilder            *builder,
               const LotseFinanceLine *line)
{
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "category");
  json_builder_add_string_value (builder, line->category);
  if (line->year > 0)
    {
      json_builder_set_member_name (builder, "year");
      json_builder_add_int_value (builder, line->year);
    }
  json_builder_set_member_name (builder, "planned_cents");
  json_builder_add_int_value (builder, line->planned_cents);
  json_builder_set_member_name (builder, "spent_cents");
  json_builder_add_int_value (builder, line->spent_cents);
  json_builder_set_member_name (builder, "remaining_cents");
  json_builder_add_int_value (builder, line->planned_cents - line->spent_cents);
  json_builder_end_object (builder);
}

static void
add_lines_json (JsonBuilder *builder,
                const char  *name,
                GPtrArray   *lines)
{
  json_builder_set_member_name (builder, name);
  json_builder_begin_array (builder);
  for (guint i = 0; i < lines->len; i++)
    add_line_json (builder, g_ptr_array_index (lines, i));
  json_builder_end_array (builder);
}

static void
print_json (LotseFinanceSummary *summary)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  const struct { const char *name; gint64 value; } totals[] = {
    { "planned_cents", summary->planned_cents }, { "spent_cents", summary->spent_cents },
    { "remaining_cents", summary->remaining_cents }, { "called_cents", summary->called_cents },
    { "received_cents", summary->received_cents },
  };

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "project_id");
  json_builder_add_string_value (builder, summary->project_id);
  for (guint i = 0; i < G_N_ELEMENTS (totals); i++)
    {
      json_builder_set_member_name (builder, totals[i].name);
      json_builder_add_int_value (builder, totals[i].value);
    }
  json_builder_set_member_name (builder, "grant_cents");
  if (summary->grant_cents >= 0)
    json_builder_add_int_value (builder, summary->grant_cents);
  else
    json_builder_add_null_value (builder);
  add_lines_json (builder, "categories", summary->categories);
  add_lines_json (builder, "years", summary->years);
  json_builder_set_member_name (builder, "warnings");
  json_builder_begin_array (builder);
  for (guint i = 0; i < summary->warnings->len; i++)
    {
      LotseFinanceWarning *warning = g_ptr_array_index (summary->warnings, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "kind");
      json_builder_add_string_value (builder, warning_kind (warning->kind));
      json_builder_set_member_name (builder, "category");
      json_builder_add_string_value (builder, warning->category);
      json_builder_set_member_name (builder, "cents");
      json_builder_add_int_value (builder, warning->cents);
      json_builder_set_member_name (builder, "message");
      json_builder_add_string_value (builder, warning->message);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  lotse_cli_print_json (root);
}

static char *
money (gint64 cents)
{
  g_autofree char *text = g_strdup_printf ("%" G_GINT64_FORMAT, cents);

  return lotse_format_money (text);
}

static void
add_row (LotseCliTable *table,
         const char    *label,
         gint64         planned,
         gint64         spent)
{
  g_autofree char *p = money (planned);
  g_autofree char *s = money (spent);
  g_autofree char *r = money (planned - spent);
  const char *cells[] = { label, p, s, r };

  lotse_cli_table_add_row (table, cells);
}

static void
print_text (LotseFinanceSummary *summary)
{
  g_autoptr(LotseCliTable) table = lotse_cli_table_new (4);
  g_autofree char *called = money (summary->called_cents);
  g_autofree char *received = money (summary->received_cents);

  lotse_cli_table_add_row (table, (const char *[]) { _("Cost category"), _("Planned"), _("Spent"),
                                                     _("Remaining") });
  for (guint i = 0; i < summary->categories->len; i++)
    {
      LotseFinanceLine *line = g_ptr_array_index (summary->categories, i);

      add_row (table, line->label, line->planned_cents, line->spent_cents);
    }
  add_row (table, _("Total"), summary->planned_cents, summary->spent_cents);
  lotse_cli_table_print (table);

  g_print ("\n");
  /* Translators: amounts of money */
  g_print (_("Funds called: %s, received: %s"), called, received);
  g_print ("\n");
  for (guint i = 0; i < summary->warnings->len; i++)
    {
      LotseFinanceWarning *warning = g_ptr_array_index (summary->warnings, i);

      /* Translators: %s says what is wrong with a project's money */
      g_print (_("Warning: %s"), warning->message);
      g_print ("\n");
    }
}

int
lotse_cli_command_finance (LotseCli  *cli,
                           int        argc,
                           char     **argv)
{
  g_autoptr(LotseStore) store = NULL;
  g_autoptr(LotseFinanceSummary) summary = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) args = NULL;
  g_autofree char *today = NULL;
  g_autofree char *tolerance = NULL;
  g_autofree char *within = NULL;
  LotseFinanceSettings settings;
  guint64 value;
  gboolean json = FALSE;
  int status;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { "today", 0, 0, G_OPTION_ARG_STRING, &today, N_("The day the warnings are for (default: today)"),
      N_("YYYY-MM-DD") },
    { "tolerance", 0, 0, G_OPTION_ARG_STRING, &tolerance,
      N_("Warn when a category is spent beyond plan by more than PERCENT (default: 20)"), N_("PERCENT") },
    { "spend-within", 0, 0, G_OPTION_ARG_STRING, &within,
      N_("Warn when funds received are not spent within DAYS (default: 42)"), N_("DAYS") },
    G_OPTION_ENTRY_NULL
  };

  if (!lotse_cli_parse_options (cli, entries, argc, argv, 1, 1, &args, &status))
    return status;

  lotse_finance_settings_init (&settings);
  if (tolerance != NULL && !lotse_cli_parse_count (tolerance, MAX_TOLERANCE, &value))
    return lotse_cli_usage_error (cli, _("--tolerance needs a number from 0 to %u, not “%s”."),
                                  MAX_TOLERANCE, tolerance);
  if (tolerance != NULL)
    settings.tolerance = (guint) value;
  if (within != NULL && !lotse_cli_parse_count (within, MAX_SPEND_WITHIN, &value))
    return lotse_cli_usage_error (cli, _("--spend-within needs a number from 0 to %u, not “%s”."),
                                  MAX_SPEND_WITHIN, within);
  if (within != NULL)
    settings.spend_within = (guint) value;

  store = lotse_cli_open_store_or_fail (cli, LOTSE_CLI_OPEN_EXISTING, &status);
  if (store == NULL)
    return status;

  summary = lotse_finance_summarize (store, args[0], today, NULL, NULL, &settings, &error);
  if (summary == NULL)
    return lotse_cli_fail (cli, error);

  if (json)
    print_json (summary);
  else
    print_text (summary);

  return LOTSE_CLI_EXIT_SUCCESS;
}
