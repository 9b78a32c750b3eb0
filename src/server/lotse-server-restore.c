/* lotse-server-restore.c: sync after the server was restored from a backup
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Marks: the digest of the history up to a seq (lotse_server_chain_digest())
 * with that seq. A client names its newest mark with every push and pull
 * and learns from a 410 that the history it holds rows from is not the
 * server's any more, whether or not `server new-id` was run. It then
 * restates its rows (lotse-sync-restore.c on the client); the server merges
 * each against the fork, the newest seq both histories share, which it
 * finds from the client's older marks. PROTOCOL.md, "Marks" and "After a
 * restore", has the rules.
 */

#define G_LOG_DOMAIN "lotse-server"

#include "config.h"

#include "lotse-server-sync-private.h"

/* ---- rows restated after a restore ---------------------------------- */

/* The revision a restated row is compared with: the client's own base
 * revision when it lies in the history both sides share (seq <= fork),
 * else the newest revision of the row there; NULL when the row did not
 * exist yet at the fork. Rev numbers alone do not tell: after a restore
 * the server hands out the same revs again for other content. */
static const LotseServerRow *
fork_ancestor (GPtrArray               *revisions,
               const LotseServerChange *change)
{
  const LotseServerRow *ancestor = NULL;

  for (guint i = 0; i < revisions->len; i++)
    {
      const LotseServerRow *revision = g_ptr_array_index (revisions, i);

      if (revision->seq > change->fork)
        continue;
      if (revision->rev == change->base_rev)
        return revision;
      if (ancestor == NULL || revision->seq > ancestor->seq)
        ancestor = revision;
    }

  return ancestor;
}

static const LotseServerRow *
find_rev (GPtrArray *revisions,
          gint64     rev)
{
  for (guint i = 0; i < revisions->len; i++)
    {
      const LotseServerRow *revision = g_ptr_array_index (revisions, i);

      if (revision->rev == rev)
        return revision;
    }

  return NULL;
}

/* Whether another device changed a field of the row since @ancestor. */
static gboolean
changed_since (const LotseServerRow *row,
               const LotseServerRow *ancestor)
{
  if (ancestor == NULL)
    return TRUE;

  for (guint i = 0; i < row->table->n_fields; i++)
    {
      if (g_strcmp0 (row->values[i], ancestor->values[i]) != 0)
        return TRUE;
    }

  return FALSE;
}

/* The deleted flag of a restated row, as merge_restated() merges fields;
 * edit against delete is a conflict, as in apply_change(). */
static gboolean
merge_deleted (const LotseServerRow *mine,
               const LotseServerRow *ancestor,
               LotseServerRow       *proposed,
               gboolean              mine_changed_fields,
               gboolean             *out_conflict)
{
  gboolean mine_flag, their_flag;

  *out_conflict = FALSE;
  if (!mine->deleted == !proposed->deleted)
    return FALSE;

  mine_flag = ancestor == NULL || !mine->deleted != !ancestor->deleted;
  their_flag = ancestor == NULL || !proposed->deleted != !ancestor->deleted;

  if (mine_flag && their_flag)
    *out_conflict = TRUE;
  else if (mine_flag && mine->deleted && changed_since (proposed, ancestor))
    *out_conflict = TRUE;
  else if (their_flag && proposed->deleted && mine_changed_fields)
    *out_conflict = TRUE;
  else if (mine_flag)
    {
      proposed->deleted = mine->deleted;
      return TRUE;
    }

  return FALSE;
}

/* Three-way merge of the client's row @mine into @proposed (a copy of the
 * current row) against @ancestor: a field counts as the client's change
 * where it differs from the ancestor, as another's where the current row
 * does; without an ancestor both count everywhere. Returns whether
 * anything was taken; conflicting field names go to @conflicts, the
 * client's changes that differ from the current row to @changed;
 * *out_deleted_conflict is set for edit against delete. */
static gboolean
merge_restated (const LotseServerRow *mine,
                const LotseServerRow *ancestor,
                LotseServerRow       *proposed,
                GPtrArray            *changed,
                GPtrArray            *conflicts,
                gboolean             *out_deleted_conflict)
{
  const LotseTable *table = mine->table;
  gboolean taken = FALSE;

  for (guint i = 0; i < table->n_fields; i++)
    {
      const char *base = ancestor != NULL ? ancestor->values[i] : NULL;

      if ((ancestor != NULL && g_strcmp0 (mine->values[i], base) == 0) ||
          g_strcmp0 (mine->values[i], proposed->values[i]) == 0)
        continue;
      g_ptr_array_add (changed, (gpointer)table->fields[i].name);

      if (ancestor != NULL && g_strcmp0 (proposed->values[i], base) == 0)
        {
          g_free (proposed->values[i]);
          proposed->values[i] = g_strdup (mine->values[i]);
          taken = TRUE;
        }
      else
        g_ptr_array_add (conflicts, (gpointer)table->fields[i].name);
    }

  if (merge_deleted (mine, ancestor, proposed, changed->len > 0, out_deleted_conflict))
    taken = TRUE;

  return taken;
}

/* The client's row, restated after a restore (change->state): its whole
 * state, made on base_rev, which may be a revision the server lost. If the
 * server's revision base_rev holds exactly that state, or the current row
 * does, the server has it: `known` with the current row. Otherwise it is
 * merged against the newest revision both histories share (the fork the
 * client found with its marks), so edits made after the backup come back
 * as changes, and where someone changed the same field since, as a
 * conflict the client shows. */
char *
lotse_server_apply_restated (LotseServerStorage        *storage,
                const LotseServerSession  *session,
                const LotseServerChange   *change,
                const LotseServerRow      *current,
                GError                   **error)
{
  g_autoptr(LotseServerRow) mine = lotse_server_row_new (change->table, change->id);
  g_autoptr(LotseServerRow) proposed = lotse_server_row_copy (current);
  g_autoptr(GPtrArray) revisions = NULL;
  g_autoptr(GPtrArray) changed = g_ptr_array_new ();
  g_autoptr(GPtrArray) conflicts = g_ptr_array_new ();
  g_autofree char *rejected = NULL;
  const LotseServerRow *claimed;
  const LotseServerRow *ancestor;
  gboolean deleted_conflict = FALSE;
  gboolean taken;

  revisions = storage->vtable->history (storage, change->table, change->id, 0, error);
  if (revisions == NULL)
    return NULL;

  mine->deleted = change->deleted;
  for (guint i = 0; i < change->table->n_fields; i++)
    mine->values[i] = g_strdup (change->values[i]);

  claimed = find_rev (revisions, change->base_rev);
  if ((claimed != NULL && lotse_server_row_equal_values (claimed, mine)) ||
      lotse_server_row_equal_values (current, mine))
    return lotse_server_result_applied (change->op_id, "known", current, TRUE);

  ancestor = fork_ancestor (revisions, change);
  taken = merge_restated (mine, ancestor, proposed, changed, conflicts, &deleted_conflict);
  if (conflicts->len > 0 || deleted_conflict)
    return lotse_server_result_conflict (change->op_id, conflicts, current, revisions, ancestor, changed);
  if (!taken)
    return lotse_server_result_applied (change->op_id, "known", current, TRUE);

  if (!lotse_server_write_next_revision (storage, session, change, current, proposed, &rejected, error))
    return NULL;
  if (rejected != NULL)
    return g_steal_pointer (&rejected);

  if (lotse_server_row_equal_values (proposed, mine))
    return lotse_server_result_applied (change->op_id, "applied", proposed, FALSE);
  return lotse_server_result_applied (change->op_id, "merged", proposed, TRUE);
}

/* ---- marks --------------------------------------------------------- */

/* Whether the server's history up to @mark is the one the client saw. */
gboolean
lotse_server_mark_matches (LotseServerStorage     *storage,
              const LotseServerMark  *mark,
              gboolean               *out_matches,
              GError                **error)
{
  GError *local_error = NULL;
  g_autofree char *digest = storage->vtable->digest_at (storage, mark->seq, &local_error);

  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return FALSE;
    }

  *out_matches = g_strcmp0 (digest, mark->digest) == 0;
  return TRUE;
}

LotseServerError *
lotse_server_history_differs (void)
{
  return lotse_server_error_new (410, "resync_required", "known", -1,
                                 "The server's history is not the one this client pulled "
                                 "(a backup was restored); pull everything again");
}

/* `"mark":"<seq>:<digest>"` for the history up to @seq. */
gboolean
lotse_server_append_mark (GString             *out,
             LotseServerStorage  *storage,
             gint64               seq,
             GError             **error)
{
  GError *local_error = NULL;
  g_autofree char *digest = storage->vtable->digest_at (storage, seq, &local_error);

  if (digest == NULL)
    {
      if (local_error == NULL)
        local_error = g_error_new (LOTSE_ERROR, LOTSE_ERROR_CORRUPT, "no history row of seq %" G_GINT64_FORMAT,
                                   seq);
      g_propagate_error (error, local_error);
      return FALSE;
    }

  lotse_server_append_mark_digest (out, seq, digest);
  return TRUE;
}

void
lotse_server_append_mark_digest (GString    *out,
                                 gint64      seq,
                                 const char *digest)
{
  g_string_append_printf (out, ",\"mark\":\"%" G_GINT64_FORMAT ":%s\"", seq, digest);
}

/* The newest of @marks (newest first) the server's history still has: the
 * seq up to which both histories are the same, 0 when none. */
gboolean
lotse_server_append_fork (GString             *out,
             LotseServerStorage  *storage,
             GArray              *marks,
             GError             **error)
{
  gint64 fork = 0;

  for (guint i = 0; i < marks->len; i++)
    {
      const LotseServerMark *mark = &g_array_index (marks, LotseServerMark, i);
      gboolean matches = FALSE;

      if (!lotse_server_mark_matches (storage, mark, &matches, error))
        return FALSE;
      if (matches && mark->seq > fork)
        fork = mark->seq;
    }

  g_string_append_printf (out, ",\"fork\":%" G_GINT64_FORMAT, fork);
  return TRUE;
}
