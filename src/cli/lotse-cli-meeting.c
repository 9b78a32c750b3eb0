/* lotse-cli-meeting.c: prepare-meeting and export ics
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lotse-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "lotse-cli-private.h"

static JsonNode *
records_to_json (GPtrArray *records)
{
  JsonArray *array = json_array_sized_new (records->len);
  JsonNode *node = json_node_new (JSON_NODE_ARRAY);

  for (guint i = 0; i < records->len; i++)
    json_array_add_element (array, lotse_record_to_json (g_ptr_array_index (records, i)));
  json_node_take_array (node, array);

  return node;
}

static void
print_meeting_json (LotseRecord *meeting,
                    GPtrArray   *agenda,
                    GPtrArray   *participants,
                    GPtrArray   *open_actions)
{
  g_autoptr(JsonNode) root = lotse_record_to_json (meeting);
  JsonObject *object = json_node_get_object (root);

  json_object_set_member (object, "agenda", records_to_json (agenda));
  json_object_set_member (object, "participants", records_to_json (participants));
  json_object_set_member (object, "open_action_items", records_to_json (open_actions));
  lotse_cli_print_json (root);
}

static void
print_field (const char *label,
             const char *value)
{
  if (value == NULL || *value == '\0')
    return;

  g_print ("  %s: %s\n", label, value);
}

static void
print_indented (const char *text,
                const char *indent)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    g_print ("%s%s\n", indent, lines[i]);
}

/* The start as the locale writes a date, and the time of day. */
static char *
format_start (LotseRecord *meeting,
              GDateTime   *start,
              GTimeZone   *zone)
{
  g_autofree char *day = lotse_meeting_get_date (meeting, zone);
  g_autofree char *date = lotse_format_date (day);
  g_autofree char *time = g_date_time_format (start, "%H:%M");

  return g_strdup_printf ("%s %s", date, time);
}

/* Times in the office's zone, as the app shows them. */
static void
print_meeting_text (LotseStore  *store,
                    LotseRecord *meeting,
                    GPtrArray   *agenda,
                    GPtrArray   *participants)
{
  g_autoptr(GTimeZone) zone = lotse_office_get_time_zone (store);
  g_autoptr(GPtrArray) times = lotse_meeting_agenda_start_times (meeting, agenda, zone);
  g_autoptr(GDateTime) start = lotse_time_parse (lotse_record_get (meeting, LOTSE_MEETING_STARTS_AT), zone);
  g_autoptr(LotseRecord) series = NULL;
  g_autofree char *title = NULL;
  g_autofree char *start_text = NULL;
  g_autofree char *duration = NULL;
  g_autofree char *invited = NULL;
  const char *series_id = lotse_record_get (meeting, LOTSE_MEETING_SERIES_ID);

  if (series_id != NULL)
    series = lotse_store_get (store, LOTSE_TABLE_MEETING_SERIES, series_id, NULL);
  title = lotse_meeting_format_title (meeting, series != NULL ? lotse_record_get (series, LOTSE_MEETING_SERIES_TITLE)
                                                              : NULL,
                                      zone);
  if (start != NULL)
    start_text = format_start (meeting, start, zone);
  if (lotse_record_get (meeting, LOTSE_MEETING_DURATION_MIN) != NULL)
    {
      gint64 minutes = lotse_record_get_int (meeting, LOTSE_MEETING_DURATION_MIN, 0);

      duration = g_strdup_printf (ngettext ("%d minute", "%d minutes", (gulong) minutes),
                                  (int) minutes);
    }
  invited = g_strdup_printf (ngettext ("%u person", "%u people", participants->len),
                             participants->len);

  g_print ("%s\n", title);
  print_field (_("ID"), lotse_record_get_id (meeting));
  print_field (_("Status"), lotse_enum_value_label (LOTSE_TABLE_MEETING, LOTSE_MEETING_STATUS,
                                                    lotse_record_get (meeting, LOTSE_MEETING_STATUS)));
  print_field (_("Starts"), start_text);
  print_field (_("Duration"), duration);
  print_field (_("Location"), lotse_record_get (meeting, LOTSE_MEETING_LOCATION));
  print_field (_("Participants"), invited);

  g_print ("\n%s\n", _("Agenda:"));
  if (agenda->len == 0)
    g_print ("  %s\n", _("(no items)"));

  for (guint i = 0; i < agenda->len; i++)
    {
      LotseRecord *item = g_ptr_array_index (agenda, i);
      const char *notes = lotse_record_get (item, LOTSE_AGENDA_ITEM_NOTES);
      g_autofree char *time = NULL;

      if (times != NULL)
        time = g_date_time_format (g_ptr_array_index (times, i), "%H:%M");

      g_print ("%3u. %s%s%s", i + 1, time != NULL ? time : "", time != NULL ? "  " : "",
               lotse_record_get (item, LOTSE_AGENDA_ITEM_TITLE));
      if (lotse_record_get (item, LOTSE_AGENDA_ITEM_DURATION_MIN) != NULL)
        {
          gint64 minutes = lotse_record_get_int (item, LOTSE_AGENDA_ITEM_DURATION_MIN, 0);

          g_print (" ");
          /* Translators: the length of an agenda item, as in “(15 min)” */
          g_print (ngettext ("(%d min)", "(%d min)", (gulong) minutes), (int) minutes);
        }
      if (lotse_record_get (item, LOTSE_AGENDA_ITEM_CARRIED_FROM_ID) != NULL)
        {
          g_print (" ");
          /* Translators: an agenda item taken over from the last meeting */
          g_print ("%s", _("[carried over]"));
        }
      g_print ("\n");

      if (notes != NULL && *notes != '\0')
        print_indented (notes, "       ");
    }
}

/* Below the agenda, as in the app and the agenda PDF: the series' open
 * action items as they are now (the prepared agenda has only a slot for
 * them). */
static void
print_open_actions (LotseStore *store,
                    GPtrArray  *open_actions)
{
  if (open_actions->len == 0)
    return;

  g_print ("\n%s\n", _("Open action items:"));
  for (guint i = 0; i < open_actions->len; i++)
    {
      LotseRecord *action = g_ptr_array_index (open_actions, i);
      const char *owner_id = lotse_record_get (action, LOTSE_ACTION_ITEM_OWNER_PERSON_ID);
      g_autoptr(LotseRecord) owner = owner_id != NULL ? lotse_store_get (store, LOTSE_TABLE_PERSON,
                                                                         owner_id, NULL)
                                                      : NULL;
      const char *due = lotse_record_get (action, LOTSE_ACTION_ITEM_DUE_DATE);
      g_autofree char *due_text = due != NULL ? lotse_format_date (due) : NULL;
      const char *name = owner != NULL ? lotse_record_get_title (owner) : NULL;

      g_print ("  • %s", lotse_record_get (action, LOTSE_ACTION_ITEM_TITLE));
      if (name != NULL && due_text != NULL)
        /* Translators: after an action item: its owner and due date */
        g_print (_(" (%s, due %s)"), name, due_text);
      else if (name != NULL)
        g_print (" (%s)", name);
      else if (due_text != NULL)
        /* Translators: after an action item: its due date */
        g_print (_(" (due %s)"), due_text);
      g_print ("\n");
    }
}

int
lotse_cli_command_prepare_meeting (LotseCli  *cli,
                                   int        argc,
                                   char     **argv)
{
  g_autoptr(LotseStore) store = NULL;
  g_autoptr(LotseRecord) meeting = NULL;
  g_autoptr(GPtrArray) agenda = NULL;
  g_autoptr(GPtrArray) participants = NULL;
  g_autoptr(GPtrArray) open_actions = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) args = NULL;
  g_autofree char *date = NULL;
  gboolean json = FALSE;
  int status;
  const GOptionEntry entries[] = {
    { "date", 0, 0, G_OPTION_ARG_STRING, &date,
      N_("Prepare the meeting on this day instead of the next one of the series"),
      N_("YYYY-MM-DD") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    G_OPTION_ENTRY_NULL
  };

  if (!lotse_cli_parse_options (cli, entries, argc, argv, 1, 1, &args, &status))
    return status;

  store = lotse_cli_open_store_or_fail (cli, LOTSE_CLI_OPEN_EXISTING, &status);
  if (store == NULL)
    return status;

  meeting = lotse_meeting_prepare_next (store, args[0], date, &error);
  if (meeting == NULL)
    return lotse_cli_fail (cli, error);

  agenda = lotse_meeting_list_agenda (store, lotse_record_get_id (meeting), &error);
  if (agenda != NULL)
    participants = lotse_meeting_list_participants (store, lotse_record_get_id (meeting), &error);
  if (participants != NULL)
    open_actions = lotse_action_items_list_open_for_series (store,
                                                            lotse_record_get (meeting, LOTSE_MEETING_SERIES_ID),
                                                            &error);
  if (open_actions == NULL)
    return lotse_cli_fail (cli, error);

  if (json)
    print_meeting_json (meeting, agenda, participants, open_actions);
  else
    {
      print_meeting_text (store, meeting, agenda, participants);
      print_open_actions (store, open_actions);
    }

  return LOTSE_CLI_EXIT_SUCCESS;
}

/* “export ics MEETING_ID -o FILE” and “export ics --series ID -o FILE”,
 * reached from lotse_cli_command_export(). */
int
lotse_cli_export_ics (LotseCli  *cli,
                      int        argc,
                      char     **argv)
{
  g_autoptr(LotseStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) args = NULL;
  g_autofree char *output = NULL;
  g_autofree char *series = NULL;
  g_autofree char *display = NULL;
  g_autofree char *text = NULL;
  int status;
  const GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("Write to FILE, or to standard output for “-”"),
      N_("FILE") },
    { "series", 0, 0, G_OPTION_ARG_STRING, &series,
      N_("Export the meeting series as one recurring event"), N_("ID") },
    G_OPTION_ENTRY_NULL
  };

  if (!lotse_cli_parse_options (cli, entries, argc, argv, 1, 2, &args, &status))
    return status;

  if (series != NULL && args[1] != NULL)
    return lotse_cli_usage_error (cli, _("Give either a meeting or --series, not both."));
  if (series == NULL && args[1] == NULL)
    return lotse_cli_usage_error (cli, _("Which meeting? Give its id, or --series ID."));
  if (series != NULL && *series == '\0')
    return lotse_cli_usage_error (cli, _("The option --series needs an id."));

  if (output == NULL || *output == '\0')
    return lotse_cli_usage_error (cli, _("Name the file to write with -o FILE."));

  store = lotse_cli_open_store_or_fail (cli, LOTSE_CLI_OPEN_EXISTING, &status);
  if (store == NULL)
    return status;

  if (series != NULL)
    text = lotse_ics_series_to_string (store, series, &error);
  else
    text = lotse_ics_meeting_to_string (store, args[1], &error);
  if (text == NULL || !lotse_cli_write_output (output, text, strlen (text), &error))
    return lotse_cli_fail (cli, error);

  if (lotse_cli_output_is_stdout (output))
    return LOTSE_CLI_EXIT_SUCCESS;

  display = g_filename_display_name (output);
  /* Translators: %s is a file name */
  g_print (_("Wrote %s."), display);
  g_print ("\n");

  return LOTSE_CLI_EXIT_SUCCESS;
}
