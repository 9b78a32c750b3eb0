/* lotse-minutes.c: approved minutes, their lock and their amendments
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A held meeting's minutes can be approved: a row of minutes_approval
 * whose id is the meeting's, so that two laptops approving write the same
 * row and lotse-server finds it by the meeting's id. From then on the
 * minutes are the record of the meeting and read-only, in the store and
 * on lotse-server alike: both call lotse_minutes_lock_applies(), the one
 * rule of what is locked.
 *
 * Locked while the meeting is approved:
 * - the meeting itself: every field, and its deletion;
 * - its agenda items, decisions, participants (their attendance) and
 *   guests: adding, changing and deleting;
 * - its action items as minutes: what was agreed (title) and where
 *   (meeting, agenda item, project), adding and deleting. Their owner,
 *   due date, status, time done and notes stay workable: action items
 *   are work that goes on after the minutes are approved, and the notes
 *   say how that work stands, not what the meeting agreed;
 * - its amendments once written: changing and deleting (adding is the
 *   way to correct approved minutes).
 * - its agenda proposals (lotse-agenda-proposal.c): adding, changing and
 *   deleting; what was proposed for a meeting whose minutes are approved
 *   is history.
 * What was sent (meeting_dispatch) is never locked, and the approval
 * itself changes only by approving and reopening.
 *
 * Reopening takes the approval back and records why as an amendment of
 * kind “reopening”, in one transaction.
 */

#define G_LOG_DOMAIN "lotse-minutes"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "lotse-error.h"
#include "lotse-minutes.h"
#include "lotse-office.h"
#include "lotse-parse.h"
#include "lotse-store-private.h"

typedef enum
{
  LOCK_NONE,
  LOCK_ROW,          /* adding, changing, deleting */
  LOCK_FIELDS,       /* adding, deleting and the fields of locked_fields */
  LOCK_WRITTEN,      /* changing and deleting */
  LOCK_MEETING,      /* the meeting row: changing and deleting */
} LockKind;

typedef struct
{
  const char         *table;
  LockKind            kind;
  const char * const *locked_fields;
} LockRule;

static const char * const action_item_minutes[] = {
  "meeting_id", "agenda_item_id", "project_id", "title", NULL
};

static const LockRule rules[] = {
  { "meeting", LOCK_MEETING, NULL },
  { "agenda_item", LOCK_ROW, NULL },
  { "decision", LOCK_ROW, NULL },
  { "meeting_participant", LOCK_ROW, NULL },
  { "meeting_guest", LOCK_ROW, NULL },
  { "action_item", LOCK_FIELDS, action_item_minutes },
  { "minutes_amendment", LOCK_WRITTEN, NULL },
  { "agenda_proposal", LOCK_ROW, NULL },
};

static const LockRule *
lookup_rule (const LotseTable *table)
{
  for (guint i = 0; i < G_N_ELEMENTS (rules); i++)
    if (strcmp (rules[i].table, table->name) == 0)
      return &rules[i];

  return NULL;
}

static gboolean
field_is_locked (const LockRule *rule,
                 const char     *name)
{
  if (rule->kind == LOCK_FIELDS)
    return g_strv_contains (rule->locked_fields, name);
  return TRUE;
}

/* The first locked field @before and @after differ in, or NULL. */
static const char *
changed_locked_field (const LotseTable   *table,
                      const LockRule     *rule,
                      const char * const *before,
                      const char * const *after)
{
  for (guint i = 0; i < table->n_fields; i++)
    if (g_strcmp0 (before[i], after[i]) != 0 && field_is_locked (rule, table->fields[i].name))
      return table->fields[i].name;

  return NULL;
}

/**
 * lotse_minutes_lock_applies:
 * @table: the table of the row
 * @id: the row's id
 * @before: (nullable): its values as stored, %NULL for a new row
 * @after: (nullable): the values it would have, %NULL for a deletion
 * @out_lock: (out): the meetings whose approval would refuse the change
 *
 * The rule of approved minutes (see the top of this file) without the
 * look-up of the meetings, which the store and the server each do their
 * way: the change is refused if one of @out_lock's meetings is approved.
 *
 * Returns: %TRUE if the change touches what approval locks
 */
gboolean
lotse_minutes_lock_applies (const LotseTable   *table,
                            const char         *id,
                            const char * const *before,
                            const char * const *after,
                            LotseMinutesLock   *out_lock)
{
  const LockRule *rule = lookup_rule (table);
  int meeting = lotse_table_field_index (table, "meeting_id");

  memset (out_lock, 0, sizeof *out_lock);
  if (rule == NULL || (before == NULL && after == NULL))
    return FALSE;

  if (rule->kind == LOCK_MEETING)
    {
      /* A new meeting has no minutes yet. */
      if (before == NULL)
        return FALSE;
      out_lock->meeting_ids[0] = id;
      if (after != NULL)
        return (out_lock->field = changed_locked_field (table, rule, before, after)) != NULL;
      return TRUE;
    }

  if (before != NULL)
    out_lock->meeting_ids[0] = before[meeting];
  if (after != NULL && (before == NULL || g_strcmp0 (before[meeting], after[meeting]) != 0))
    out_lock->meeting_ids[before != NULL] = after[meeting];

  if (out_lock->meeting_ids[0] == NULL && out_lock->meeting_ids[1] == NULL)
    return FALSE;
  if (before == NULL)
    return rule->kind != LOCK_WRITTEN;
  if (after == NULL)
    return TRUE;

  return (out_lock->field = changed_locked_field (table, rule, before, after)) != NULL;
}

/**
 * lotse_minutes_is_approved:
 * @approval: (nullable): a minutes_approval record
 *
 * Returns: %TRUE if @approval approves its meeting's minutes
 */
gboolean
lotse_minutes_is_approved (LotseRecord *approval)
{
  const char *approved_at;

  if (approval == NULL || lotse_record_get_deleted (approval))
    return FALSE;

  approved_at = lotse_record_get (approval, "approved_at");
  return approved_at != NULL && *approved_at != '\0';
}

/**
 * lotse_minutes_get_approval:
 * @store: a store
 * @meeting_id: a meeting's id
 *
 * Returns: (transfer full) (nullable): the approval of the meeting's
 *   minutes if they are approved
 */
LotseRecord *
lotse_minutes_get_approval (LotseStore *store,
                            const char *meeting_id)
{
  g_autoptr(LotseRecord) approval = NULL;

  g_return_val_if_fail (LOTSE_IS_STORE (store), NULL);

  approval = lotse_store_get_row (store, "minutes_approval", meeting_id, FALSE, NULL);
  return lotse_minutes_is_approved (approval) ? g_steal_pointer (&approval) : NULL;
}

/**
 * lotse_minutes_check_status_change:
 * @stored: a record as stored
 * @record: the same record as it would be written
 * @error: a location for a #GError
 *
 * A held meeting does not go back to “draft”: a draft is an agenda being
 * prepared, and a held meeting has minutes. One marked held by mistake
 * goes back to “planned”.
 *
 * Returns: %FALSE with %LOTSE_ERROR_INVALID_VALUE for such a change
 */
gboolean
lotse_minutes_check_status_change (LotseRecord  *stored,
                                   LotseRecord  *record,
                                   GError      **error)
{
  if (g_strcmp0 (lotse_record_get_table_name (stored), "meeting") != 0 ||
      g_strcmp0 (lotse_record_get (stored, "status"), "held") != 0 ||
      g_strcmp0 (lotse_record_get (record, "status"), "draft") != 0)
    return TRUE;

  g_set_error (error, LOTSE_ERROR, LOTSE_ERROR_INVALID_VALUE,
               _("“%s” has been held and cannot become a draft again; "
                 "set it to “planned” if it was marked held by mistake"),
               lotse_record_get_title (stored));
  return FALSE;
}

static char *
format_approval_date (LotseRecord *approval)
{
  g_autofree char *date = g_strndup (lotse_record_get (approval, "approved_at"), 10);

  return lotse_format_date (date);
}

/* An approval is the row of its meeting's id (so that the lock finds it)
 * and approves only a held meeting. */
static gboolean
check_approval_row (LotseStore         *store,
                    const char         *id,
                    const char * const *after,
                    GError            **error)
{
  g_autoptr(LotseRecord) meeting = NULL;

  if (g_strcmp0 (id, after[0]) != 0)
    {
      g_set_error_literal (error, LOTSE_ERROR, LOTSE_ERROR_INVALID_VALUE,
                           _("The approval of minutes must have its meeting’s id"));
      return FALSE;
    }
  if (after[1] == NULL)
    return TRUE;

  meeting = lotse_store_get_row (store, "meeting", id, FALSE, NULL);
  if (meeting != NULL && g_strcmp0 (lotse_record_get (meeting, "status"), "held") != 0)
    {
      g_set_error (error, LOTSE_ERROR, LOTSE_ERROR_INVALID_VALUE,
                   _("“%s” has not been held; only the minutes of a held meeting can be approved"),
                   lotse_record_get_title (meeting));
      return FALSE;
    }
  return TRUE;
}

/**
 * lotse_minutes_check_lock:
 * @store: a store
 * @table: the table of the row
 * @id: the row's id
 * @before: (nullable): its values as stored, %NULL for a new row
 * @after: (nullable): the values it would have, %NULL for a deletion
 * @error: a location for a #GError
 *
 * The store's side of lotse_minutes_lock_applies().
 *
 * Returns: %FALSE with %LOTSE_ERROR_LOCKED if approved minutes refuse the
 *   change
 */
gboolean
lotse_minutes_check_lock (LotseStore         *store,
                          const LotseTable   *table,
                          const char         *id,
                          const char * const *before,
                          const char * const *after,
                          GError            **error)
{
  LotseMinutesLock lock;

  if (after != NULL && strcmp (table->name, "minutes_approval") == 0 &&
      !check_approval_row (store, id, after, error))
    return FALSE;

  if (!lotse_minutes_lock_applies (table, id, before, after, &lock))
    return TRUE;

  for (guint i = 0; i < G_N_ELEMENTS (lock.meeting_ids); i++)
    {
      g_autoptr(LotseRecord) approval = NULL;
      g_autoptr(LotseRecord) meeting = NULL;
      g_autofree char *date = NULL;

      if (lock.meeting_ids[i] == NULL)
        continue;
      approval = lotse_minutes_get_approval (store, lock.meeting_ids[i]);
      meeting = lotse_store_get_row (store, "meeting", lock.meeting_ids[i], TRUE, NULL);
      if (approval == NULL || meeting == NULL)
        continue;

      date = format_approval_date (approval);
      g_set_error (error, LOTSE_ERROR, LOTSE_ERROR_LOCKED,
                   /* Translators: a meeting's title and a date */
                   _("The minutes of “%s” were approved on %s and cannot be changed; "
                     "add an amendment or reopen them"),
                   lotse_record_get_title (meeting), date);
      return FALSE;
    }

  return TRUE;
}

static LotseRecord *
get_meeting (LotseStore  *store,
             const char  *meeting_id,
             GError     **error)
{
  LotseRecord *meeting = lotse_store_get (store, "meeting", meeting_id, error);

  if (meeting == NULL && error != NULL && *error == NULL)
    g_set_error (error, LOTSE_ERROR, LOTSE_ERROR_NOT_FOUND,
                 _("There is no meeting with the id “%s”"), meeting_id);
  return meeting;
}

/**
 * lotse_meeting_approve_minutes:
 * @store: a store
 * @meeting_id: a held meeting
 * @approved_by: who approves, as shown with the minutes
 * @now: the time of the approval
 * @error: a location for a #GError
 *
 * Returns: %TRUE when approved; %LOTSE_ERROR_INVALID_VALUE for a meeting
 *   that was not held or is approved already, and nothing is changed
 */
gboolean
lotse_meeting_approve_minutes (LotseStore  *store,
                               const char  *meeting_id,
                               const char  *approved_by,
                               GDateTime   *now,
                               GError     **error)
{
  g_autoptr(LotseRecord) meeting = NULL;
  g_autoptr(LotseRecord) approval = NULL;
  g_autofree char *stamp = NULL;

  g_return_val_if_fail (LOTSE_IS_STORE (store), FALSE);
  g_return_val_if_fail (meeting_id != NULL && now != NULL, FALSE);

  meeting = get_meeting (store, meeting_id, error);
  if (meeting == NULL)
    return FALSE;

  if (g_strcmp0 (lotse_record_get (meeting, "status"), "held") != 0)
    {
      g_set_error (error, LOTSE_ERROR, LOTSE_ERROR_INVALID_VALUE,
                   _("“%s” has not been held; only the minutes of a held meeting can be approved"),
                   lotse_record_get_title (meeting));
      return FALSE;
    }
  approval = lotse_minutes_get_approval (store, meeting_id);
  if (approval != NULL)
    {
      g_autofree char *date = format_approval_date (approval);

      g_set_error (error, LOTSE_ERROR, LOTSE_ERROR_INVALID_VALUE,
                   /* Translators: a meeting's title and a date */
                   _("The minutes of “%s” were approved on %s already"),
                   lotse_record_get_title (meeting), date);
      return FALSE;
    }

  stamp = lotse_time_to_stored (now);
  approval = lotse_store_get_row (store, "minutes_approval", meeting_id, FALSE, NULL);
  if (approval == NULL)
    {
      approval = lotse_record_new (lotse_schema_lookup_table ("minutes_approval"));
      lotse_record_set_id (approval, meeting_id);
      lotse_record_set (approval, "meeting_id", meeting_id);
    }
  lotse_record_set (approval, "approved_at", stamp);
  lotse_record_set (approval, "approved_by", approved_by != NULL && *approved_by != '\0'
                                               ? approved_by : NULL);
  if (lotse_record_get_created_at (approval) != NULL)
    return lotse_store_update (store, approval, error);
  return lotse_store_insert (store, approval, error);
}

/**
 * lotse_meeting_approve_minutes_item:
 * @store: a store
 * @item_id: the agenda item “Approval of the minutes of <date>”
 * @approved_by: (nullable): who approves, as the minutes show it
 * @now: when
 * @error: a location for a #GError
 *
 * Approves the minutes the standing agenda item names (its
 * approves_meeting_id) and marks the item done, in one transaction.
 *
 * Returns: %TRUE on success; on failure (not such an item, minutes not
 *   held or approved already, the item's own meeting approved) nothing
 *   is changed
 */
gboolean
lotse_meeting_approve_minutes_item (LotseStore  *store,
                                    const char  *item_id,
                                    const char  *approved_by,
                                    GDateTime   *now,
                                    GError     **error)
{
  g_autoptr(LotseRecord) item = NULL;
  const char *meeting_id;

  g_return_val_if_fail (LOTSE_IS_STORE (store), FALSE);
  g_return_val_if_fail (item_id != NULL && now != NULL, FALSE);

  item = lotse_store_get (store, "agenda_item", item_id, error);
  if (item == NULL)
    return FALSE;
  meeting_id = lotse_record_get (item, "approves_meeting_id");
  if (meeting_id == NULL)
    {
      g_set_error (error, LOTSE_ERROR, LOTSE_ERROR_INVALID_VALUE,
                   _("“%s” is not the approval of minutes"), lotse_record_get_title (item));
      return FALSE;
    }

  if (!lotse_store_begin (store, error))
    return FALSE;
  lotse_record_set (item, "status", "done");
  if (!lotse_meeting_approve_minutes (store, meeting_id, approved_by, now, error) ||
      !lotse_store_update (store, item, error) || !lotse_store_commit (store, error))
    {
      lotse_store_rollback (store);
      return FALSE;
    }
  return TRUE;
}

static LotseRecord *
new_amendment (const char *meeting_id,
               const char *agenda_item_id,
               const char *kind,
               const char *text,
               const char *author,
               GDateTime  *now)
{
  LotseRecord *amendment = lotse_record_new (lotse_schema_lookup_table ("minutes_amendment"));
  g_autofree char *stamp = lotse_time_to_stored (now);

  lotse_record_set (amendment, "meeting_id", meeting_id);
  lotse_record_set (amendment, "agenda_item_id", agenda_item_id);
  lotse_record_set (amendment, "kind", kind);
  lotse_record_set (amendment, "text", text);
  lotse_record_set (amendment, "author", author != NULL && *author != '\0' ? author : NULL);
  lotse_record_set (amendment, "written_at", stamp);
  return amendment;
}

/**
 * lotse_meeting_reopen_minutes:
 * @store: a store
 * @meeting_id: a meeting with approved minutes
 * @reason: why they are reopened; required
 * @author: (nullable): who reopens them
 * @now: the time
 * @error: a location for a #GError
 *
 * Takes the approval back and records @reason as an amendment of kind
 * “reopening”, both or neither.
 *
 * Returns: %TRUE on success
 */
gboolean
lotse_meeting_reopen_minutes (LotseStore  *store,
                              const char  *meeting_id,
                              const char  *reason,
                              const char  *author,
                              GDateTime   *now,
                              GError     **error)
{
  g_autoptr(LotseRecord) meeting = NULL;
  g_autoptr(LotseRecord) approval = NULL;
  g_autoptr(LotseRecord) record = NULL;
  g_autofree char *trimmed = g_strstrip (g_strdup (reason != NULL ? reason : ""));
  gboolean ok;

  g_return_val_if_fail (LOTSE_IS_STORE (store), FALSE);
  g_return_val_if_fail (meeting_id != NULL && now != NULL, FALSE);

  meeting = get_meeting (store, meeting_id, error);
  if (meeting == NULL)
    return FALSE;
  approval = lotse_minutes_get_approval (store, meeting_id);
  if (approval == NULL)
    {
      g_set_error (error, LOTSE_ERROR, LOTSE_ERROR_INVALID_VALUE,
                   _("The minutes of “%s” are not approved"), lotse_record_get_title (meeting));
      return FALSE;
    }
  if (*trimmed == '\0')
    {
      g_set_error_literal (error, LOTSE_ERROR, LOTSE_ERROR_INVALID_VALUE,
                           _("Say why the minutes are reopened"));
      return FALSE;
    }

  if (!lotse_store_write_begin (store, error))
    return FALSE;
  record = new_amendment (meeting_id, NULL, "reopening", reason, author, now);
  lotse_record_set (approval, "approved_at", NULL);
  lotse_record_set (approval, "approved_by", NULL);
  ok = lotse_store_insert (store, record, error) && lotse_store_update (store, approval, error);
  return lotse_store_write_end (store, ok, ok ? error : NULL);
}

/**
 * lotse_meeting_amend_minutes:
 * @store: a store
 * @meeting_id: a meeting with approved minutes
 * @agenda_item_id: (nullable): the item corrected, or %NULL for the meeting
 * @text: the correction
 * @author: (nullable): who wrote it
 * @now: the time
 * @error: a location for a #GError
 *
 * Returns: (transfer full) (nullable): the amendment written
 */
LotseRecord *
lotse_meeting_amend_minutes (LotseStore  *store,
                             const char  *meeting_id,
                             const char  *agenda_item_id,
                             const char  *text,
                             const char  *author,
                             GDateTime   *now,
                             GError     **error)
{
  g_autoptr(LotseRecord) meeting = NULL;
  g_autoptr(LotseRecord) approval = NULL;
  g_autoptr(LotseRecord) amendment = NULL;

  g_return_val_if_fail (LOTSE_IS_STORE (store), NULL);
  g_return_val_if_fail (meeting_id != NULL && now != NULL, NULL);

  meeting = get_meeting (store, meeting_id, error);
  if (meeting == NULL)
    return NULL;
  approval = lotse_minutes_get_approval (store, meeting_id);
  if (approval == NULL)
    {
      g_set_error (error, LOTSE_ERROR, LOTSE_ERROR_INVALID_VALUE,
                   _("The minutes of “%s” are not approved; edit them instead"),
                   lotse_record_get_title (meeting));
      return NULL;
    }

  amendment = new_amendment (meeting_id, agenda_item_id, "amendment", text, author, now);
  if (!lotse_store_insert (store, amendment, error))
    return NULL;
  return g_steal_pointer (&amendment);
}

/**
 * lotse_meeting_list_amendments:
 * @store: a store
 * @meeting_id: a meeting's id
 * @error: a location for a #GError
 *
 * Returns: (transfer container) (element-type LotseRecord) (nullable): the
 *   meeting's amendments and reopenings, oldest first
 */
GPtrArray *
lotse_meeting_list_amendments (LotseStore  *store,
                               const char  *meeting_id,
                               GError     **error)
{
  LotseFilter filter = { "meeting_id", meeting_id };

  return lotse_store_list (store, "minutes_amendment", &filter, 1, "written_at", 0, 0, error);
}

/**
 * lotse_meeting_set_attendance:
 * @store: a store
 * @meeting_id: a meeting
 * @person_id: a person; made a participant if they are not one yet
 * @attendance: “invited”, “present”, “excused” or “absent”
 * @error: a location for a #GError
 *
 * Returns: %TRUE on success; on failure (an unknown value, person or
 *   meeting, approved minutes) nothing is changed
 */
gboolean
lotse_meeting_set_attendance (LotseStore  *store,
                              const char  *meeting_id,
                              const char  *person_id,
                              const char  *attendance,
                              GError     **error)
{
  g_autoptr(LotseRecord) meeting = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(LotseRecord) participant = NULL;
  LotseFilter filters[] = { { "meeting_id", meeting_id }, { "person_id", person_id } };

  g_return_val_if_fail (LOTSE_IS_STORE (store), FALSE);
  g_return_val_if_fail (meeting_id != NULL && person_id != NULL, FALSE);

  meeting = get_meeting (store, meeting_id, error);
  if (meeting == NULL)
    return FALSE;

  rows = lotse_store_list (store, "meeting_participant", filters, G_N_ELEMENTS (filters), NULL, 1, 0,
                           error);
  if (rows == NULL)
    return FALSE;

  if (rows->len > 0)
    participant = g_object_ref (g_ptr_array_index (rows, 0));
  else
    {
      participant = lotse_record_new (lotse_schema_lookup_table ("meeting_participant"));
      lotse_record_set (participant, "meeting_id", meeting_id);
      lotse_record_set (participant, "person_id", person_id);
    }
  lotse_record_set (participant, "attendance", attendance);

  if (rows->len > 0)
    return lotse_store_update (store, participant, error);
  return lotse_store_insert (store, participant, error);
}
