/* lotse-cli-proposal.c: propose, proposals, accept-proposal and
 * decline-proposal
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The rules (which meetings take proposals, where an accepted item goes,
 * that a decline needs a reason) are lotse-agenda-proposal.c's; these
 * commands name the meeting, the proposal and the person.
 */

#define G_LOG_DOMAIN "lotse-cli"

#include "config.h"

#include <glib/gi18n.h>

#include "lotse-cli-private.h"

#define TITLE_WIDTH 40
#define REASON_WIDTH 40

/* The person --by names, or NULL for none. */
static gboolean
resolve_by (LotseStore  *store,
            const char  *by,
            char       **out_person,
            GError     **error)
{
  *out_person = NULL;
  if (by == NULL)
    return TRUE;

  *out_person = lotse_cli_resolve_person (store, by, error);
  return *out_person != NULL;
}

int
lotse_cli_command_propose (LotseCli  *cli,
                           int        argc,
                           char     **argv)
{
  g_autoptr(LotseStore) store = NULL;
  g_autoptr(LotseRecord) proposal = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) args = NULL;
  g_autofree char *notes = NULL;
  g_autofree char *by = NULL;
  g_autofree char *person = NULL;
  int status;
  const GOptionEntry entries[] = {
    { "notes", 0, 0, G_OPTION_ARG_STRING, &notes, N_("What the item is about"), N_("TEXT") },
    { "by", 0, 0, G_OPTION_ARG_STRING, &by, N_("Who proposes it (an id or exact name)"), N_("PERSON") },
    G_OPTION_ENTRY_NULL
  };

  if (!lotse_cli_parse_options (cli, entries, argc, argv, 2, 2, &args, &status))
    return status;

  store = lotse_cli_open_store_or_fail (cli, LOTSE_CLI_OPEN_EXISTING, &status);
  if (store == NULL)
    return status;

  if (!resolve_by (store, by, &person, &error) ||
      (proposal = lotse_agenda_proposal_propose (store, args[0], args[1], notes, person, NULL,
                                                 &error)) == NULL)
    return lotse_cli_fail (cli, error);

  g_print ("%s\n", lotse_record_get_id (proposal));
  return LOTSE_CLI_EXIT_SUCCESS;
}

static const char *
person_name (LotseStore  *store,
             const char  *person_id,
             LotseRecord **out_person)
{
  *out_person = person_id != NULL ? lotse_store_get (store, LOTSE_TABLE_PERSON, person_id, NULL) : NULL;
  return *out_person != NULL ? lotse_record_get_title (*out_person) : "–";
}

static void
print_proposals_text (LotseStore *store,
                      GPtrArray  *proposals)
{
  g_autoptr(LotseCliTable) table = lotse_cli_table_new (5);
  const char *header[] = { _("ID"), _("State"), _("Title"), _("Proposed by"),
                           /* Translators: a column: why a proposal was declined */
                           _("Reason") };

  if (proposals->len == 0)
    {
      g_print ("%s\n", _("No items have been proposed for this meeting."));
      return;
    }

  lotse_cli_table_set_max_width (table, 2, TITLE_WIDTH);
  lotse_cli_table_set_max_width (table, 4, REASON_WIDTH);
  lotse_cli_table_add_row (table, header);
  for (guint i = 0; i < proposals->len; i++)
    {
      LotseRecord *proposal = g_ptr_array_index (proposals, i);
      g_autoptr(LotseRecord) proposer = NULL;
      const char *reason = lotse_record_get (proposal, LOTSE_AGENDA_PROPOSAL_DECLINE_REASON);
      const char *row[] = {
        lotse_record_get_id (proposal),
        lotse_enum_value_label (LOTSE_TABLE_AGENDA_PROPOSAL, LOTSE_AGENDA_PROPOSAL_STATE,
                                lotse_record_get (proposal, LOTSE_AGENDA_PROPOSAL_STATE)),
        lotse_record_get (proposal, LOTSE_AGENDA_PROPOSAL_TITLE),
        person_name (store, lotse_record_get (proposal, LOTSE_AGENDA_PROPOSAL_PROPOSED_BY_PERSON_ID),
                     &proposer),
        reason != NULL ? reason : "–",
      };

      lotse_cli_table_add_row (table, row);
    }
  lotse_cli_table_print (table);
}

int
lotse_cli_command_proposals (LotseCli  *cli,
                             int        argc,
                             char     **argv)
{
  g_autoptr(LotseStore) store = NULL;
  g_autoptr(LotseRecord) meeting = NULL;
  g_autoptr(GPtrArray) proposals = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) args = NULL;
  gboolean json = FALSE;
  int status;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    G_OPTION_ENTRY_NULL
  };

  if (!lotse_cli_parse_options (cli, entries, argc, argv, 1, 1, &args, &status))
    return status;

  store = lotse_cli_open_store_or_fail (cli, LOTSE_CLI_OPEN_EXISTING, &status);
  if (store == NULL)
    return status;

  if ((meeting = lotse_store_get (store, LOTSE_TABLE_MEETING, args[0], &error)) == NULL ||
      (proposals = lotse_agenda_proposal_list (store, args[0], &error)) == NULL)
    return lotse_cli_fail (cli, error);

  if (json)
    {
      g_autoptr(JsonNode) root = json_node_new (JSON_NODE_ARRAY);
      JsonArray *array = json_array_sized_new (proposals->len);

      for (guint i = 0; i < proposals->len; i++)
        json_array_add_element (array, lotse_record_to_json (g_ptr_array_index (proposals, i)));
      json_node_take_array (root, array);
      lotse_cli_print_json (root);
    }
  else
    print_proposals_text (store, proposals);

  return LOTSE_CLI_EXIT_SUCCESS;
}

int
lotse_cli_command_accept_proposal (LotseCli  *cli,
                                   int        argc,
                                   char     **argv)
{
  g_autoptr(LotseStore) store = NULL;
  g_autoptr(LotseRecord) item = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) args = NULL;
  g_autofree char *by = NULL;
  g_autofree char *person = NULL;
  int status;
  const GOptionEntry entries[] = {
    { "by", 0, 0, G_OPTION_ARG_STRING, &by, N_("Who accepts it (an id or exact name)"), N_("PERSON") },
    G_OPTION_ENTRY_NULL
  };

  if (!lotse_cli_parse_options (cli, entries, argc, argv, 1, 1, &args, &status))
    return status;

  store = lotse_cli_open_store_or_fail (cli, LOTSE_CLI_OPEN_EXISTING, &status);
  if (store == NULL)
    return status;

  if (!resolve_by (store, by, &person, &error) ||
      (item = lotse_agenda_proposal_accept (store, args[0], person, NULL, &error)) == NULL)
    return lotse_cli_fail (cli, error);

  /* The new agenda item's id, for scripts. */
  g_print ("%s\n", lotse_record_get_id (item));
  return LOTSE_CLI_EXIT_SUCCESS;
}

int
lotse_cli_command_decline_proposal (LotseCli  *cli,
                                    int        argc,
                                    char     **argv)
{
  g_autoptr(LotseStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) args = NULL;
  g_autofree char *reason = NULL;
  g_autofree char *by = NULL;
  g_autofree char *person = NULL;
  int status;
  const GOptionEntry entries[] = {
    { "reason", 0, 0, G_OPTION_ARG_STRING, &reason, N_("Why it is declined; the proposer sees it"), N_("TEXT") },
    { "by", 0, 0, G_OPTION_ARG_STRING, &by, N_("Who declines it (an id or exact name)"), N_("PERSON") },
    G_OPTION_ENTRY_NULL
  };

  if (!lotse_cli_parse_options (cli, entries, argc, argv, 1, 1, &args, &status))
    return status;
  if (reason == NULL)
    return lotse_cli_usage_error (cli, _("Say why with --reason TEXT."));

  store = lotse_cli_open_store_or_fail (cli, LOTSE_CLI_OPEN_EXISTING, &status);
  if (store == NULL)
    return status;

  if (!resolve_by (store, by, &person, &error) ||
      !lotse_agenda_proposal_decline (store, args[0], reason, person, NULL, &error))
    return lotse_cli_fail (cli, error);

  g_print ("%s\n", _("The proposal is declined; the proposer sees the reason."));
  return LOTSE_CLI_EXIT_SUCCESS;
}
