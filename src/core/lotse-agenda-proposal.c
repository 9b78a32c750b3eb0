/* lotse-agenda-proposal.c: items proposed for a planned meeting's agenda
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Anyone may propose an item for a meeting that is yet to be held (a
 * draft or planned one); the organiser accepts it into the agenda or
 * declines it with a reason. The proposal is a synced row of its own
 * (agenda_proposal) that stays after the decision, so the proposer sees
 * on their laptop what became of it; fields merge one by one like every
 * table's.
 *
 * Accepting makes an agenda item and names it in the proposal, in one
 * transaction. The item goes at the end of the agenda, or before the
 * series' standing items that close the meeting (“Verschiedenes” stays
 * last; lotse-meeting-agenda.c says which those are). It is a discussion
 * item presented by the proposer; the description stays with the
 * proposal, since an agenda item's notes are its minutes.
 *
 * Refused, with nothing written: an unknown or deleted meeting or
 * proposal, a meeting that was held or cancelled, an empty title, a
 * proposal decided already, declining without a reason. Once the minutes
 * are approved the proposals are locked like the agenda (lotse-minutes.c),
 * which lotse-server holds too.
 *
 * Lotse has no roles: “the organiser” is whoever decides, and the store
 * records who that was (the person the user says they are, if set).
 */

#define G_LOG_DOMAIN "lotse-agenda-proposal"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "lotse-agenda-proposal.h"
#include "lotse-error.h"
#include "lotse-meeting-private.h"
#include "lotse-office.h"
#include "lotse-parse.h"
#include "lotse-schema.h"

/**
 * lotse_agenda_proposal_status_is_open:
 * @status: (nullable): a meeting's status
 *
 * The rule lotse-server shares: a new proposal for a meeting of another
 * status is refused there too.
 *
 * Returns: %TRUE for a draft or planned meeting, which takes proposals
 */
gboolean
lotse_agenda_proposal_status_is_open (const char *status)
{
  return g_strcmp0 (status, "draft") == 0 || g_strcmp0 (status, "planned") == 0;
}

/**
 * lotse_agenda_proposal_meeting_is_open:
 * @meeting: a meeting
 *
 * Returns: %TRUE if items can be proposed for @meeting and proposals
 *   decided: it is a draft or planned, not held or cancelled
 */
gboolean
lotse_agenda_proposal_meeting_is_open (LotseRecord *meeting)
{
  return lotse_agenda_proposal_status_is_open (lotse_record_get (meeting, LOTSE_MEETING_STATUS));
}

static LotseRecord *
get_open_meeting (LotseStore  *store,
                  const char  *meeting_id,
                  GError     **error)
{
  g_autoptr(LotseRecord) meeting = NULL;
  g_autoptr(GError) local_error = NULL;

  meeting = lotse_store_get (store, LOTSE_TABLE_MEETING, meeting_id, &local_error);
  if (meeting == NULL)
    {
      if (g_error_matches (local_error, LOTSE_ERROR, LOTSE_ERROR_NOT_FOUND))
        g_set_error (error, LOTSE_ERROR, LOTSE_ERROR_NOT_FOUND,
                     _("There is no meeting with the id “%s”"), meeting_id);
      else
        g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  if (!lotse_agenda_proposal_meeting_is_open (meeting))
    {
      g_set_error (error, LOTSE_ERROR, LOTSE_ERROR_INVALID_VALUE,
                   /* Translators: a meeting's title and its status, e.g. “Held” */
                   _("“%s” is %s: items are proposed and decided only for a meeting yet to be held"),
                   lotse_record_get_title (meeting),
                   lotse_enum_value_label (LOTSE_TABLE_MEETING, LOTSE_MEETING_STATUS,
                                           lotse_record_get (meeting, LOTSE_MEETING_STATUS)));
      return NULL;
    }

  return g_steal_pointer (&meeting);
}

/* @now, or the clock's time in the office's zone. */
static char *
stamp_now (LotseStore *store,
           GDateTime  *now)
{
  g_autoptr(GTimeZone) zone = now == NULL ? lotse_office_get_time_zone (store) : NULL;
  g_autoptr(GDateTime) clock = now == NULL ? g_date_time_new_now (zone) : NULL;

  return lotse_time_to_stored (now != NULL ? now : clock);
}

/**
 * lotse_agenda_proposal_propose:
 * @store: a store
 * @meeting_id: a draft or planned meeting
 * @title: the item's title; not empty
 * @notes: (nullable): what it is about
 * @proposed_by_person_id: (nullable): who proposes it
 * @now: (nullable): when, %NULL for the clock's time
 * @error: a location for a #GError
 *
 * Returns: (transfer full) (nullable): the proposal as stored
 */
LotseRecord *
lotse_agenda_proposal_propose (LotseStore  *store,
                               const char  *meeting_id,
                               const char  *title,
                               const char  *notes,
                               const char  *proposed_by_person_id,
                               GDateTime   *now,
                               GError     **error)
{
  g_autoptr(LotseRecord) meeting = NULL;
  g_autoptr(LotseRecord) proposal = NULL;
  g_autofree char *stripped = g_strstrip (g_strdup (title != NULL ? title : ""));
  g_autofree char *stamp = NULL;

  g_return_val_if_fail (LOTSE_IS_STORE (store), NULL);
  g_return_val_if_fail (meeting_id != NULL, NULL);

  if (*stripped == '\0')
    {
      g_set_error_literal (error, LOTSE_ERROR, LOTSE_ERROR_INVALID_VALUE,
                           _("A proposed agenda item needs a title"));
      return NULL;
    }
  if ((meeting = get_open_meeting (store, meeting_id, error)) == NULL)
    return NULL;

  stamp = stamp_now (store, now);
  proposal = lotse_record_new_for_table (LOTSE_TABLE_AGENDA_PROPOSAL);
  lotse_record_set (proposal, LOTSE_AGENDA_PROPOSAL_MEETING_ID, meeting_id);
  lotse_record_set (proposal, LOTSE_AGENDA_PROPOSAL_TITLE, stripped);
  lotse_record_set (proposal, LOTSE_AGENDA_PROPOSAL_NOTES,
                    notes != NULL && *notes != '\0' ? notes : NULL);
  lotse_record_set (proposal, LOTSE_AGENDA_PROPOSAL_PROPOSED_BY_PERSON_ID, proposed_by_person_id);
  lotse_record_set (proposal, LOTSE_AGENDA_PROPOSAL_PROPOSED_AT, stamp);
  lotse_record_set (proposal, LOTSE_AGENDA_PROPOSAL_STATE, "proposed");
  if (!lotse_store_insert (store, proposal, error))
    return NULL;

  return g_steal_pointer (&proposal);
}

/* The proposal, if it is still to be decided for an open meeting. */
static LotseRecord *
get_undecided (LotseStore  *store,
               const char  *proposal_id,
               GError     **error)
{
  g_autoptr(LotseRecord) proposal = NULL;
  g_autoptr(LotseRecord) meeting = NULL;
  const char *state;

  proposal = lotse_store_get (store, LOTSE_TABLE_AGENDA_PROPOSAL, proposal_id, NULL);
  if (proposal == NULL)
    {
      g_set_error (error, LOTSE_ERROR, LOTSE_ERROR_NOT_FOUND,
                   _("There is no agenda proposal with the id “%s”"), proposal_id);
      return NULL;
    }

  state = lotse_record_get (proposal, LOTSE_AGENDA_PROPOSAL_STATE);
  if (g_strcmp0 (state, "proposed") != 0)
    {
      g_set_error (error, LOTSE_ERROR, LOTSE_ERROR_INVALID_VALUE,
                   g_strcmp0 (state, "accepted") == 0
                     ? _("The proposal “%s” has been accepted already")
                     : _("The proposal “%s” has been declined already"),
                   lotse_record_get_title (proposal));
      return NULL;
    }

  meeting = get_open_meeting (store, lotse_record_get (proposal, LOTSE_AGENDA_PROPOSAL_MEETING_ID),
                              error);
  return meeting != NULL ? g_steal_pointer (&proposal) : NULL;
}

static void
set_decision (LotseStore  *store,
              LotseRecord *proposal,
              const char  *state,
              const char  *decided_by_person_id,
              GDateTime   *now)
{
  g_autofree char *stamp = stamp_now (store, now);

  lotse_record_set (proposal, LOTSE_AGENDA_PROPOSAL_STATE, state);
  lotse_record_set (proposal, LOTSE_AGENDA_PROPOSAL_DECIDED_BY_PERSON_ID, decided_by_person_id);
  lotse_record_set (proposal, LOTSE_AGENDA_PROPOSAL_DECIDED_AT, stamp);
}

static gboolean
is_closing_item (LotseRecord *item,
                 GPtrArray   *closing)
{
  const char *title = lotse_record_get (item, LOTSE_AGENDA_ITEM_TITLE);

  if (lotse_record_get (item, LOTSE_AGENDA_ITEM_PROJECT_ID) != NULL ||
      lotse_record_get (item, LOTSE_AGENDA_ITEM_MILESTONE_ID) != NULL)
    return FALSE;
  for (guint i = 0; i < closing->len; i++)
    if (g_strcmp0 (g_ptr_array_index (closing, i), title) == 0)
      return TRUE;
  return FALSE;
}

/* Makes room for the accepted item before the closing standing items at
 * the end of the agenda and returns its position. */
static gboolean
make_room (LotseStore   *store,
           LotseRecord  *meeting,
           gint64       *position,
           GError      **error)
{
  const char *series_id = lotse_record_get (meeting, LOTSE_MEETING_SERIES_ID);
  g_autoptr(LotseRecord) series = NULL;
  g_autoptr(GPtrArray) agenda = NULL;
  g_autoptr(GPtrArray) opening = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) closing = g_ptr_array_new_with_free_func (g_free);
  guint first_closing;

  agenda = lotse_meeting_list_agenda (store, lotse_record_get_id (meeting), error);
  if (agenda == NULL)
    return FALSE;
  if (series_id != NULL && (series = lotse_store_get (store, LOTSE_TABLE_MEETING_SERIES, series_id, NULL)) != NULL)
    lotse_meeting_split_standing_items (series, opening, closing);

  for (first_closing = agenda->len;
       first_closing > 0 && is_closing_item (g_ptr_array_index (agenda, first_closing - 1), closing);
       first_closing--)
    ;

  if (first_closing == agenda->len)
    {
      *position = agenda->len == 0 ? 1
                  : lotse_record_get_int (g_ptr_array_index (agenda, agenda->len - 1),
                                          LOTSE_AGENDA_ITEM_POSITION, agenda->len) + 1;
      return TRUE;
    }

  *position = lotse_record_get_int (g_ptr_array_index (agenda, first_closing),
                                    LOTSE_AGENDA_ITEM_POSITION, first_closing + 1);
  for (guint i = first_closing; i < agenda->len; i++)
    {
      LotseRecord *item = g_ptr_array_index (agenda, i);

      lotse_record_set_int (item, LOTSE_AGENDA_ITEM_POSITION, *position + 1 + (i - first_closing));
      if (!lotse_store_update (store, item, error))
        return FALSE;
    }

  return TRUE;
}

static LotseRecord *
add_accepted_item (LotseStore   *store,
                   LotseRecord  *proposal,
                   GError      **error)
{
  const char *meeting_id = lotse_record_get (proposal, LOTSE_AGENDA_PROPOSAL_MEETING_ID);
  const char *proposer = lotse_record_get (proposal, LOTSE_AGENDA_PROPOSAL_PROPOSED_BY_PERSON_ID);
  g_autoptr(LotseRecord) meeting = lotse_store_get (store, LOTSE_TABLE_MEETING, meeting_id, error);
  g_autoptr(LotseRecord) item = NULL;
  gint64 position;

  if (meeting == NULL || !make_room (store, meeting, &position, error))
    return NULL;

  item = lotse_record_new_for_table (LOTSE_TABLE_AGENDA_ITEM);
  lotse_record_set (item, LOTSE_AGENDA_ITEM_MEETING_ID, meeting_id);
  lotse_record_set_int (item, LOTSE_AGENDA_ITEM_POSITION, position);
  lotse_record_set (item, LOTSE_AGENDA_ITEM_TITLE, lotse_record_get (proposal, LOTSE_AGENDA_PROPOSAL_TITLE));
  lotse_record_set (item, LOTSE_AGENDA_ITEM_KIND, "discussion");
  lotse_record_set (item, LOTSE_AGENDA_ITEM_STATUS, "open");
  if (lotse_meeting_row_alive (store, LOTSE_TABLE_PERSON, proposer))
    lotse_record_set (item, LOTSE_AGENDA_ITEM_PRESENTER_PERSON_ID, proposer);
  if (!lotse_store_insert (store, item, error))
    return NULL;

  return g_steal_pointer (&item);
}

/**
 * lotse_agenda_proposal_accept:
 * @store: a store
 * @proposal_id: a proposal still to be decided
 * @decided_by_person_id: (nullable): who accepts it
 * @now: (nullable): when, %NULL for the clock's time
 * @error: a location for a #GError
 *
 * Adds the proposed item to the meeting's agenda, before the closing
 * standing items, and marks the proposal accepted, in one transaction.
 *
 * Returns: (transfer full) (nullable): the new agenda item
 */
LotseRecord *
lotse_agenda_proposal_accept (LotseStore  *store,
                              const char  *proposal_id,
                              const char  *decided_by_person_id,
                              GDateTime   *now,
                              GError     **error)
{
  g_autoptr(LotseRecord) proposal = NULL;
  g_autoptr(LotseRecord) item = NULL;

  g_return_val_if_fail (LOTSE_IS_STORE (store), NULL);
  g_return_val_if_fail (proposal_id != NULL, NULL);

  if ((proposal = get_undecided (store, proposal_id, error)) == NULL)
    return NULL;

  if (!lotse_store_begin (store, error))
    return NULL;
  item = add_accepted_item (store, proposal, error);
  if (item != NULL)
    {
      set_decision (store, proposal, "accepted", decided_by_person_id, now);
      lotse_record_set (proposal, LOTSE_AGENDA_PROPOSAL_AGENDA_ITEM_ID, lotse_record_get_id (item));
    }
  if (item == NULL || !lotse_store_update (store, proposal, error) ||
      !lotse_store_commit (store, error))
    {
      lotse_store_rollback (store);
      return NULL;
    }

  return g_steal_pointer (&item);
}

/**
 * lotse_agenda_proposal_decline:
 * @store: a store
 * @proposal_id: a proposal still to be decided
 * @reason: why; required, shown to the proposer
 * @decided_by_person_id: (nullable): who declines it
 * @now: (nullable): when, %NULL for the clock's time
 * @error: a location for a #GError
 *
 * Returns: %TRUE if the proposal is declined; on failure nothing changed
 */
gboolean
lotse_agenda_proposal_decline (LotseStore  *store,
                               const char  *proposal_id,
                               const char  *reason,
                               const char  *decided_by_person_id,
                               GDateTime   *now,
                               GError     **error)
{
  g_autoptr(LotseRecord) proposal = NULL;
  g_autofree char *stripped = g_strstrip (g_strdup (reason != NULL ? reason : ""));

  g_return_val_if_fail (LOTSE_IS_STORE (store), FALSE);
  g_return_val_if_fail (proposal_id != NULL, FALSE);

  if (*stripped == '\0')
    {
      g_set_error_literal (error, LOTSE_ERROR, LOTSE_ERROR_INVALID_VALUE,
                           _("Say why the proposal is declined: the proposer sees the reason"));
      return FALSE;
    }
  if ((proposal = get_undecided (store, proposal_id, error)) == NULL)
    return FALSE;

  set_decision (store, proposal, "declined", decided_by_person_id, now);
  lotse_record_set (proposal, LOTSE_AGENDA_PROPOSAL_DECLINE_REASON, stripped);
  return lotse_store_update (store, proposal, error);
}

/* In the order they were made; those of the same second by title. */
static int
compare_proposed (gconstpointer a,
                  gconstpointer b)
{
  LotseRecord *x = *(LotseRecord **) a;
  LotseRecord *y = *(LotseRecord **) b;
  int order = g_strcmp0 (lotse_record_get (x, LOTSE_AGENDA_PROPOSAL_PROPOSED_AT),
                         lotse_record_get (y, LOTSE_AGENDA_PROPOSAL_PROPOSED_AT));

  return order != 0 ? order : g_utf8_collate (lotse_record_get (x, LOTSE_AGENDA_PROPOSAL_TITLE),
                                              lotse_record_get (y, LOTSE_AGENDA_PROPOSAL_TITLE));
}

/**
 * lotse_agenda_proposal_list:
 * @store: a store
 * @meeting_id: a meeting
 * @error: a location for a #GError
 *
 * Returns: (transfer container) (element-type LotseRecord) (nullable): the
 *   meeting's proposals, decided or not, in the order they were made
 *   (proposed_at, which has whole seconds; then by title)
 */
GPtrArray *
lotse_agenda_proposal_list (LotseStore  *store,
                            const char  *meeting_id,
                            GError     **error)
{
  const LotseFilter filter = { LOTSE_AGENDA_PROPOSAL_MEETING_ID, meeting_id };
  GPtrArray *proposals;

  g_return_val_if_fail (LOTSE_IS_STORE (store), NULL);
  g_return_val_if_fail (meeting_id != NULL, NULL);

  proposals = lotse_store_list (store, LOTSE_TABLE_AGENDA_PROPOSAL, &filter, 1, NULL, 0, 0, error);
  if (proposals != NULL)
    g_ptr_array_sort (proposals, compare_proposed);
  return proposals;
}
