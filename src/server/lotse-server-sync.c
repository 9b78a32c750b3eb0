/* lotse-server-sync.c: push with three-way merge, pull and history
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Push: one transaction per request. A known op_id answers with its stored
 * result. A change based on the current revision is applied; one based on
 * an older revision is merged field by field against the history row at
 * base_rev: fields only the client changed are applied, equal values are
 * no-ops, a field another device changed to something else is a conflict
 * and then nothing of that change is applied. Revisions the pushing device
 * made itself since base_rev do not count against it. Edit against delete
 * (by another device) is a conflict. No row is stored that breaks the
 * schema's rules (lotse_server_check_row()). A row a client restates after
 * a restore, and the marks of the history, are lotse-server-restore.c's.
 */

#define G_LOG_DOMAIN "lotse-server"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "lotse-server-sync-private.h"

/* The members of a row's state: rev, deleted and fields. */
static void
add_row_members (JsonBuilder          *builder,
                 const LotseServerRow *row)
{
  json_builder_set_member_name (builder, "rev");
  json_builder_add_int_value (builder, row->rev);
  json_builder_set_member_name (builder, "deleted");
  json_builder_add_boolean_value (builder, row->deleted);
  json_builder_set_member_name (builder, "fields");
  lotse_server_row_add_fields (row, builder);
}

static void
add_row_state (JsonBuilder          *builder,
               const LotseServerRow *row)
{
  json_builder_begin_object (builder);
  add_row_members (builder, row);
  json_builder_end_object (builder);
}

static void
add_string_array (JsonBuilder *builder,
                  const char  *name,
                  GPtrArray   *strings)
{
  json_builder_set_member_name (builder, name);
  json_builder_begin_array (builder);
  for (guint i = 0; i < strings->len; i++)
    json_builder_add_string_value (builder, g_ptr_array_index (strings, i));
  json_builder_end_array (builder);
}

static const LotseServerRow *
newest_revision (GPtrArray *revisions)
{
  return revisions->len > 0 ? g_ptr_array_index (revisions, revisions->len - 1) : NULL;
}

static char *
node_to_string (JsonNode *node)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();

  json_generator_set_root (generator, node);
  return json_generator_to_data (generator, NULL);
}

/* Results are JSON texts: stored as they are for the op_id and joined
 * into the answer. The common one is written directly. */
char *
lotse_server_result_applied (const char           *op_id,
                const char           *status,
                const LotseServerRow *row,
                gboolean              with_row)
{
  g_autoptr(JsonBuilder) builder = NULL;
  g_autoptr(JsonNode) root = NULL;

  if (!with_row)
    return g_strdup_printf ("{\"op_id\":\"%s\",\"status\":\"%s\",\"rev\":%" G_GINT64_FORMAT
                            ",\"seq\":%" G_GINT64_FORMAT "}",
                            op_id, status, row->rev, row->seq);

  builder = json_builder_new ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "op_id");
  json_builder_add_string_value (builder, op_id);
  json_builder_set_member_name (builder, "status");
  json_builder_add_string_value (builder, status);
  json_builder_set_member_name (builder, "rev");
  json_builder_add_int_value (builder, row->rev);
  json_builder_set_member_name (builder, "seq");
  json_builder_add_int_value (builder, row->seq);
  json_builder_set_member_name (builder, "row");
  add_row_state (builder, row);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  return node_to_string (root);
}

/* @history (nullable): the row's revisions, oldest first: the newest
 * made the server's state, and who resolves the conflict sees who
 * changed it and when. @changed: for a restated row, the fields the
 * client changed since the fork, which are all its change is about; NULL
 * for other changes. */
char *
lotse_server_result_conflict (const char           *op_id,
                              GPtrArray            *fields,
                              const LotseServerRow *server,
                              GPtrArray            *history,
                              const LotseServerRow *base,
                              GPtrArray            *changed)
{
  const LotseServerRow *author = history != NULL ? newest_revision (history) : NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "op_id");
  json_builder_add_string_value (builder, op_id);
  json_builder_set_member_name (builder, "status");
  json_builder_add_string_value (builder, "conflict");
  add_string_array (builder, "fields", fields);
  json_builder_set_member_name (builder, "server");
  json_builder_begin_object (builder);
  add_row_members (builder, server);
  if (author != NULL && author->rev == server->rev && author->account != NULL)
    {
      json_builder_set_member_name (builder, "user");
      json_builder_add_string_value (builder, author->account);
      json_builder_set_member_name (builder, "committed_at");
      json_builder_add_string_value (builder, author->updated_at);
    }
  json_builder_end_object (builder);
  json_builder_set_member_name (builder, "base");
  if (base != NULL)
    add_row_state (builder, base);
  else
    json_builder_add_null_value (builder);
  if (changed != NULL)
    add_string_array (builder, "changed", changed);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  return node_to_string (root);
}

char *
lotse_server_result_rejected (const char *op_id,
                              const char *code,
                              const char *field,
                              const char *message)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "op_id");
  json_builder_add_string_value (builder, op_id);
  json_builder_set_member_name (builder, "status");
  json_builder_add_string_value (builder, "rejected");
  json_builder_set_member_name (builder, "error");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "code");
  json_builder_add_string_value (builder, code);
  json_builder_set_member_name (builder, "message");
  json_builder_add_string_value (builder, message);
  if (field != NULL)
    {
      json_builder_set_member_name (builder, "field");
      json_builder_add_string_value (builder, field);
    }
  json_builder_end_object (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  return node_to_string (root);
}

/* References count rows the server has ever had, tombstones included:
 * a delete does not look at who refers to the row, so a client that set
 * a reference before it saw the delete has done nothing wrong. A row
 * inserted earlier in the same push is there already (one transaction). */
static gboolean
server_row_exists (const char        *ref_table,
                   const char        *id,
                   gboolean          *out_exists,
                   gpointer           user_data,
                   GError           **error)
{
  LotseServerStorage *storage = user_data;

  return storage->vtable->row_exists (storage, lotse_schema_lookup_table (ref_table), id, out_exists, error);
}

/* The rules of lotse_table_check_row(), which the client's store follows
 * too, for the row a change would leave. References are looked up where
 * the change sets them: one set earlier stays valid when its row is
 * deleted later. Returns FALSE when the storage failed; *out_rejected is
 * the answer for a row that must not be stored. */
gboolean
lotse_server_check_row (LotseServerStorage       *storage,
           const LotseServerChange  *change,
           const LotseServerRow     *current,
           const LotseServerRow     *row,
           char                    **out_rejected,
           GError                  **error)
{
  const LotseTable *table = row->table;
  g_autofree gboolean *check_refs = g_new0 (gboolean, table->n_fields);
  g_autofree char *message = NULL;
  const LotseField *field;
  LotseValueProblem problem;
  const char *code = "invalid_value";
  guint index;

  *out_rejected = NULL;
  if (row->deleted)
    return TRUE;

  for (guint i = 0; i < table->n_fields; i++)
    check_refs[i] = change->present[i] &&
                    (current == NULL || g_strcmp0 (current->values[i], row->values[i]) != 0);

  if (!lotse_table_check_row (table, (const char * const *)row->values, check_refs, server_row_exists, storage,
                              &problem, &index, error))
    return FALSE;

  field = &table->fields[index];
  switch (problem)
    {
    case LOTSE_VALUE_VALID:
      return TRUE;
    case LOTSE_VALUE_BLANK:
      if (row->values[index] == NULL)
        code = "missing_field";
      message = g_strdup_printf ("The field “%s” is required", field->name);
      break;
    case LOTSE_VALUE_DANGLING:
      code = "unknown_reference";
      message = g_strdup_printf ("The field “%s” refers to a row of “%s” the server does not have",
                                 field->name,
                                 lotse_field_get_ref_table (table, field, (const char * const *)row->values));
      break;
    case LOTSE_VALUE_BACKWARDS:
      message = g_strdup_printf ("The field “%s” must not be before “%s”", field->name, table->range_start);
      break;
    case LOTSE_VALUE_MALFORMED:
    case LOTSE_VALUE_NOT_NORMAL:
    default:
      message = g_strdup_printf ("The field “%s” does not hold a valid value", field->name);
      break;
    }

  *out_rejected = lotse_server_result_rejected (change->op_id, code, field->name, message);
  return TRUE;
}

gboolean
lotse_server_write_revision (LotseServerStorage        *storage,
                             const LotseServerSession  *session,
                             LotseServerRow            *row,
                             GError                   **error)
{
  g_free (row->device_id);
  row->device_id = g_strdup (session->device_id);
  g_free (row->account);
  row->account = g_strdup (session->account);
  g_clear_pointer (&row->updated_at, g_free);

  return storage->vtable->revision_write (storage, row, error);
}

static char *
apply_new_row (LotseServerStorage        *storage,
               const LotseServerSession  *session,
               const LotseServerChange   *change,
               GError                   **error)
{
  g_autoptr(LotseServerRow) row = NULL;
  g_autofree char *rejected = NULL;
  const LotseTable *table = change->table;

  /* A restated row the server lost entirely (inserted after the backup
   * it was restored from) is simply inserted again. */
  if (change->base_rev > 0 && !change->state)
    return lotse_server_result_rejected (change->op_id, "base_rev_ahead", NULL,
                            "The server has no revision of this row yet");

  row = lotse_server_row_new (table, change->id);
  row->rev = 1;
  row->deleted = change->deleted;
  for (guint i = 0; i < table->n_fields; i++)
    {
      const LotseField *field = &table->fields[i];

      row->values[i] = g_strdup (change->values[i]);
      if (row->values[i] == NULL && !change->present[i] && field->default_value != NULL)
        row->values[i] = g_strdup (field->default_value);
    }

  if (!lotse_server_check_row (storage, change, NULL, row, &rejected, error))
    return NULL;
  if (rejected != NULL)
    return g_steal_pointer (&rejected);

  if (!lotse_server_write_revision (storage, session, row, error))
    return NULL;

  return lotse_server_result_applied (change->op_id, "applied", row, FALSE);
}

gboolean
lotse_server_write_next_revision (LotseServerStorage        *storage,
                                  const LotseServerSession  *session,
                                  const LotseServerChange   *change,
                                  const LotseServerRow      *current,
                                  LotseServerRow            *proposed,
                                  char                     **out_rejected,
                                  GError                   **error)
{
  if (!lotse_server_check_row (storage, change, current, proposed, out_rejected, error))
    return FALSE;
  if (*out_rejected != NULL)
    return TRUE;

  proposed->rev = current->rev + 1;
  return lotse_server_write_revision (storage, session, proposed, error);
}

/* Writes @proposed after @current (lotse_server_write_next_revision()); the
 * result says "merged" when @merged. */
static char *
write_proposed (LotseServerStorage        *storage,
                const LotseServerSession  *session,
                const LotseServerChange   *change,
                const LotseServerRow      *current,
                LotseServerRow            *proposed,
                gboolean                   merged,
                GError                   **error)
{
  g_autofree char *rejected = NULL;

  if (!lotse_server_write_next_revision (storage, session, change, current, proposed, &rejected, error))
    return NULL;
  if (rejected != NULL)
    return g_steal_pointer (&rejected);

  return lotse_server_result_applied (change->op_id, merged ? "merged" : "applied", proposed,
                                      merged);
}

/* The client edited the server's current revision: its fields win. */
static char *
apply_to_current (LotseServerStorage        *storage,
                  const LotseServerSession  *session,
                  const LotseServerChange   *change,
                  const LotseServerRow      *current,
                  GError                   **error)
{
  g_autoptr(LotseServerRow) proposed = lotse_server_row_copy (current);

  proposed->deleted = change->deleted;
  for (guint i = 0; i < change->table->n_fields; i++)
    {
      if (change->present[i])
        {
          g_free (proposed->values[i]);
          proposed->values[i] = g_strdup (change->values[i]);
        }
    }

  if (lotse_server_row_equal_values (proposed, current))
    return lotse_server_result_applied (change->op_id, "applied", current, FALSE);

  return write_proposed (storage, session, change, current, proposed, FALSE, error);
}

/* What other devices did to the row after base_rev (@revisions run from
 * base_rev on, oldest first): revisions this device made itself in
 * between are its own earlier edits (two edits of a field offline, pushed
 * one after the other), which its later change simply follows. Fills
 * @changed_by_other per field and returns whether any field changed. */
static gboolean
changes_by_others (const LotseServerChange   *change,
                   const LotseServerSession  *session,
                   GPtrArray                 *revisions,
                   const LotseServerRow      *base,
                   gboolean                  *changed_by_other,
                   gboolean                  *out_deleted_by_other)
{
  const LotseServerRow *previous = base;
  gboolean other_changed_any = FALSE;

  *out_deleted_by_other = FALSE;
  for (guint r = 0; r < revisions->len; r++)
    {
      const LotseServerRow *revision = g_ptr_array_index (revisions, r);

      if (revision->rev <= change->base_rev)
        continue;

      if (g_strcmp0 (revision->device_id, session->device_id) != 0)
        {
          gboolean was_deleted = previous != NULL && previous->deleted;

          if (!revision->deleted != !was_deleted)
            *out_deleted_by_other = TRUE;
          for (guint i = 0; i < change->table->n_fields; i++)
            {
              const char *before = previous != NULL ? previous->values[i] : NULL;

              if (g_strcmp0 (revision->values[i], before) != 0)
                changed_by_other[i] = other_changed_any = TRUE;
            }
        }
      previous = revision;
    }

  return other_changed_any;
}

/* The client worked on an older revision: a three-way merge against it,
 * field by field. */
static char *
apply_merged (LotseServerStorage        *storage,
              const LotseServerSession  *session,
              const LotseServerChange   *change,
              const LotseServerRow      *current,
              GError                   **error)
{
  const LotseTable *table = change->table;
  g_autoptr(LotseServerRow) proposed = NULL;
  g_autoptr(LotseServerRow) base = NULL;
  g_autoptr(GPtrArray) conflicts = NULL;
  g_autoptr(GPtrArray) revisions = NULL;
  g_autofree gboolean *changed_by_other = g_new0 (gboolean, table->n_fields);
  gboolean deleted_by_other;
  gboolean other_changed_any;
  gboolean changed;

  revisions = storage->vtable->history (storage, table, change->id, change->base_rev, error);
  if (revisions == NULL)
    return NULL;

  if (change->base_rev > 0 && revisions->len > 0 &&
      ((LotseServerRow *)g_ptr_array_index (revisions, 0))->rev == change->base_rev)
    base = lotse_server_row_copy (g_ptr_array_index (revisions, 0));

  other_changed_any = changes_by_others (change, session, revisions, base, changed_by_other,
                                         &deleted_by_other);
  conflicts = g_ptr_array_new ();

  if (!change->deleted != !current->deleted)
    {
      /* Edit against delete: a conflict when the other side is another
       * device's doing (a delete, or edits the delete would drop). */
      if (deleted_by_other || (change->deleted && other_changed_any))
        return lotse_server_result_conflict (change->op_id, conflicts, current, revisions, base, NULL);
    }
  else if (change->deleted)
    return lotse_server_result_applied (change->op_id, "applied", current, FALSE);

  proposed = lotse_server_row_copy (current);
  proposed->deleted = change->deleted;
  changed = !change->deleted != !current->deleted;

  for (guint i = 0; i < table->n_fields; i++)
    {
      const char *mine = change->values[i];
      const char *theirs = current->values[i];
      const char *ancestor = base != NULL ? base->values[i] : NULL;

      if (!change->present[i] || g_strcmp0 (mine, theirs) == 0)
        continue;

      if (!changed_by_other[i] || g_strcmp0 (theirs, ancestor) == 0)
        {
          g_free (proposed->values[i]);
          proposed->values[i] = g_strdup (mine);
          changed = TRUE;
        }
      else
        g_ptr_array_add (conflicts, (gpointer)table->fields[i].name);
    }

  if (conflicts->len > 0)
    return lotse_server_result_conflict (change->op_id, conflicts, current, revisions, base, NULL);
  if (!changed)
    return lotse_server_result_applied (change->op_id, "applied", current, FALSE);

  return write_proposed (storage, session, change, current, proposed, TRUE, error);
}

static char *
apply_change (LotseServerStorage        *storage,
              const LotseServerSession  *session,
              const LotseServerChange   *change,
              GError                   **error)
{
  g_autoptr(LotseServerRow) current = NULL;
  g_autofree char *rejected = NULL;
  GError *local_error = NULL;

  current = storage->vtable->row_get (storage, change->table, change->id, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return NULL;
    }
  if (!lotse_server_check_minutes_lock (storage, change, current, &rejected, error))
    return NULL;
  if (rejected != NULL)
    return g_steal_pointer (&rejected);
  if (current == NULL)
    return apply_new_row (storage, session, change, error);
  if (change->state)
    return lotse_server_apply_restated (storage, session, change, current, error);

  if (change->base_rev > current->rev)
    return lotse_server_result_rejected (change->op_id, "base_rev_ahead", NULL,
                            "The base revision is newer than the server's revision");
  if (change->base_rev == current->rev)
    return apply_to_current (storage, session, change, current, error);

  return apply_merged (storage, session, change, current, error);
}

/* What a push will read, for storage that fetches it in one go: the rows
 * it changes, the rows its references name, and its op_ids. */
static gboolean
prefetch (LotseServerStorage     *storage,
          const LotseServerPush  *push,
          GError                **error)
{
  g_autoptr(GArray) keys = NULL;
  g_autoptr(GPtrArray) op_ids = NULL;

  if (storage->vtable->prefetch == NULL)
    return TRUE;

  keys = g_array_sized_new (FALSE, FALSE, sizeof (LotseServerRowKey), push->changes->len * 2);
  op_ids = g_ptr_array_sized_new (push->changes->len);
  for (guint i = 0; i < push->changes->len; i++)
    {
      const LotseServerChange *change = g_ptr_array_index (push->changes, i);
      LotseServerRowKey key = { change->table, change->id };

      g_array_append_val (keys, key);
      g_ptr_array_add (op_ids, change->op_id);
      for (guint f = 0; f < change->table->n_fields; f++)
        {
          const LotseField *field = &change->table->fields[f];

          if (field->ref_table == NULL || change->values[f] == NULL)
            continue;
          key.table = lotse_schema_lookup_table (field->ref_table);
          key.id = change->values[f];
          if (key.table != NULL)
            g_array_append_val (keys, key);
          /* The approval the minutes lock looks up. */
          if (g_str_equal (field->ref_table, LOTSE_TABLE_MEETING))
            {
              key.table = lotse_schema_lookup_table (LOTSE_TABLE_MINUTES_APPROVAL);
              g_array_append_val (keys, key);
            }
        }
    }

  return storage->vtable->prefetch (storage, (const LotseServerRowKey *)keys->data, keys->len,
                                    (const char * const *)op_ids->pdata, op_ids->len, error);
}

/* Appends the result of every change to @answer. */
static gboolean
apply_changes (LotseServerStorage        *storage,
               const LotseServerSession  *session,
               const LotseServerPush     *push,
               GString                   *answer,
               GError                   **error)
{
  for (guint i = 0; i < push->changes->len; i++)
    {
      const LotseServerChange *change = g_ptr_array_index (push->changes, i);
      g_autofree char *owner = NULL;
      g_autofree char *stored = NULL;
      g_autofree char *result = NULL;
      GError *local_error = NULL;

      if (i > 0)
        g_string_append_c (answer, ',');

      if (storage->vtable->op_get (storage, change->op_id, &owner, &stored, &local_error))
        {
          if (g_strcmp0 (owner, session->account) == 0)
            g_string_append (answer, stored);
          else
            {
              result = lotse_server_result_rejected (change->op_id, "op_id_taken", "op_id",
                                        "The op_id belongs to another account");
              g_string_append (answer, result);
            }
          continue;
        }
      if (local_error != NULL)
        {
          g_propagate_error (error, local_error);
          return FALSE;
        }

      result = apply_change (storage, session, change, error);
      if (result == NULL)
        return FALSE;

      g_string_append (answer, result);
      if (!storage->vtable->op_put (storage, change->op_id, session->account, result, error))
        return FALSE;
    }

  return TRUE;
}

/* One attempt at a push: everything in one transaction, or nothing. */
static char *
push_once (LotseServerStorage        *storage,
           const LotseServerSession  *session,
           const LotseServerPush     *push,
           LotseServerFaultFunc       fault_func,
           gpointer                   fault_data,
           LotseServerError         **out_refused,
           GError                   **error)
{
  g_autoptr(GString) answer = g_string_sized_new (64 + 100 * push->changes->len);
  const char *server_id = storage->vtable->get_server_id (storage);
  char digest[LOTSE_SERVER_DIGEST_LENGTH + 1];
  gboolean fast_forward = FALSE;
  gboolean known = TRUE;
  gint64 horizon = 0, current = 0;

  if (!storage->vtable->begin (storage, error))
    return NULL;

  /* The client's rows and the bases of its changes all come from the
   * history up to its mark: if that is not the server's any more, a base
   * revision may now name other content. Nothing is applied; the client
   * restates its rows (PROTOCOL.md, "After a restore"). */
  if (push->has_known && (!lotse_server_mark_matches (storage, &push->known, &known, error) || !known))
    {
      storage->vtable->rollback (storage);
      if (!known)
        *out_refused = lotse_server_history_differs ();
      return NULL;
    }

  /* Nothing was written since the client's cursor: every seq this
   * transaction adds is one of this push's results, which the client
   * stores, so its cursor may move past them instead of pulling its own
   * changes back. The transaction holds the write lock throughout. */
  if (push->has_cursor && g_strcmp0 (push->cursor_server_id, server_id) == 0)
    {
      if (!storage->vtable->seq_range (storage, &horizon, &current, NULL, error))
        goto failed;
      fast_forward = current == push->cursor_seq;
    }

  g_string_append (answer, "{\"results\":[");
  if (!prefetch (storage, push, error) || !apply_changes (storage, session, push, answer, error))
    goto failed;
  g_string_append (answer, "]");

  /* The mark of the history after this push: every seq of its results is
   * at or before it. */
  if (!storage->vtable->seq_range (storage, &horizon, &current, digest, error))
    goto failed;
  lotse_server_append_mark_digest (answer, current, digest);
  if (fast_forward)
    g_string_append_printf (answer, ",\"next_cursor\":\"%s:%" G_GINT64_FORMAT "\"", server_id, current);
  g_string_append_c (answer, '}');

  if (fault_func != NULL)
    fault_func (LOTSE_SERVER_FAULT_BEFORE_COMMIT, fault_data);

  if (!storage->vtable->commit (storage, error))
    goto failed;

  if (fault_func != NULL)
    fault_func (LOTSE_SERVER_FAULT_AFTER_COMMIT, fault_data);

  return g_string_free (g_steal_pointer (&answer), FALSE);

failed:
  storage->vtable->rollback (storage);
  if (error != NULL && *error == NULL)
    g_set_error_literal (error, LOTSE_ERROR, LOTSE_ERROR_FAILED, "push failed");
  return NULL;
}

/* Transactions the database gave up (a serialization failure, a deadlock)
 * are run again this often; one that lost its connection once more (the
 * database restarted meanwhile: the storage connects again). A push run
 * again whose first attempt was committed after all (the connection was
 * lost during the commit) is answered from its op_ids, as any retry. */
#define PUSH_ATTEMPTS 5

/**
 * lotse_server_sync_push:
 * @storage: the storage of the workspace
 * @session: the authenticated caller (not a reader)
 * @push: the parsed request
 *
 * Applies @push in one transaction.
 *
 * Returns: (transfer full) (nullable): `{"results":[…]}`, or %NULL with
 *   @out_refused set when the client's mark does not fit the history
 *   (410), or with @error set when the storage failed (nothing is
 *   applied then)
 */
char *
lotse_server_sync_push (LotseServerStorage        *storage,
                        const LotseServerSession  *session,
                        const LotseServerPush     *push,
                        LotseServerFaultFunc       fault_func,
                        gpointer                   fault_data,
                        LotseServerError         **out_refused,
                        GError                   **error)
{
  gboolean reconnected = FALSE;

  for (guint attempt = 1;; attempt++)
    {
      GError *local_error = NULL;
      char *answer = push_once (storage, session, push, fault_func, fault_data, out_refused, &local_error);

      if (answer != NULL || local_error == NULL)
        return answer;

      if (attempt < PUSH_ATTEMPTS &&
          (g_error_matches (local_error, LOTSE_SERVER_STORAGE_ERROR, LOTSE_SERVER_STORAGE_ERROR_RETRY) ||
           (!reconnected && g_error_matches (local_error, LOTSE_SERVER_STORAGE_ERROR,
                                             LOTSE_SERVER_STORAGE_ERROR_UNAVAILABLE))))
        {
          reconnected |= local_error->code == LOTSE_SERVER_STORAGE_ERROR_UNAVAILABLE;
          g_debug ("push attempt %u failed, trying again: %s", attempt, local_error->message);
          g_error_free (local_error);
          continue;
        }

      g_propagate_error (error, local_error);
      return NULL;
    }
}

/**
 * lotse_server_storage_failure:
 * @error: what the storage reported
 *
 * Returns: (transfer full): the answer to a request the storage could not
 *   serve: 507 when the disk is full, 503 when the database cannot be
 *   reached or gave up (try again later), else 500
 */
LotseServerError *
lotse_server_storage_failure (const GError *error)
{
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE))
    return lotse_server_error_new (507, "insufficient_storage", NULL, -1,
                                   "The server has no room left to store this; try again later");
  if (error->domain == LOTSE_SERVER_STORAGE_ERROR && error->code == LOTSE_SERVER_STORAGE_ERROR_NO_WORKSPACE)
    return lotse_server_error_new (404, "unknown_workspace", NULL, -1, "There is no such workspace");
  if (error->domain == LOTSE_SERVER_STORAGE_ERROR || g_error_matches (error, LOTSE_ERROR, LOTSE_ERROR_BUSY))
    return lotse_server_error_new (503, "database_unavailable", NULL, -1,
                                   "The server cannot reach its database; try again later");
  return lotse_server_error_new (500, "internal_error", NULL, -1, "The server could not read or store its data");
}

/* Whether the history up to @mark is the server's: from the digest of the
 * newest seq when the mark names it, else from the storage. */
static gboolean
mark_is_known (LotseServerStorage     *storage,
               const LotseServerMark  *mark,
               gint64                  current,
               const char             *digest,
               gboolean               *out_known,
               GError                **error)
{
  if (mark->seq == current)
    {
      *out_known = g_strcmp0 (mark->digest, digest) == 0;
      return TRUE;
    }
  return lotse_server_mark_matches (storage, mark, out_known, error);
}

static char *
pull_answer (LotseServerStorage     *storage,
             const LotseServerPull  *pull,
             GPtrArray              *rows,
             gint64                  next,
             gboolean                more,
             const char             *next_digest,
             GError                **error)
{
  const char *server_id = storage->vtable->get_server_id (storage);
  g_autoptr(GString) out = g_string_sized_new (128 + 600 * rows->len);

  /* Written directly: the stored fields are JSON already. */
  g_string_append_printf (out, "{\"server_id\":\"%s\",\"rows\":[", server_id);
  for (guint i = 0; i < rows->len; i++)
    {
      const LotseServerRow *row = g_ptr_array_index (rows, i);

      g_string_append_printf (out,
                              "%s{\"table\":\"%s\",\"id\":\"%s\",\"rev\":%" G_GINT64_FORMAT
                              ",\"seq\":%" G_GINT64_FORMAT ",\"deleted\":%s,\"fields\":",
                              i > 0 ? "," : "", row->table->name, row->id, row->rev, row->seq,
                              row->deleted ? "true" : "false");
      g_string_append (out, row->fields_json);
      g_string_append (out, ",\"updated_at\":");
      lotse_server_json_append_string (out, row->updated_at);
      g_string_append_c (out, '}');
    }
  g_string_append_printf (out, "],\"next_cursor\":\"%s:%" G_GINT64_FORMAT "\",\"more\":%s",
                          server_id, next, more ? "true" : "false");
  if (next_digest != NULL)
    lotse_server_append_mark_digest (out, next, next_digest);
  else if (!lotse_server_append_mark (out, storage, next, error))
    return NULL;
  if (pull->marks != NULL && !lotse_server_append_fork (out, storage, pull->marks, error))
    return NULL;
  g_string_append_c (out, '}');

  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* A pull reads the newest seq (with its digest) first and then only rows
 * at or before it: one that commits meanwhile has a higher seq (seqs
 * follow commit order), and comes with the next pull. A pull with nothing
 * new reads nothing else. A newest seq the storage kept may be older than
 * what the client saw through another process: then it is read again. */
char *
lotse_server_sync_pull (LotseServerStorage     *storage,
                        const LotseServerPull  *pull,
                        gboolean               *out_more,
                        LotseServerError      **out_error)
{
  const char *server_id = storage->vtable->get_server_id (storage);
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;
  char digest[LOTSE_SERVER_DIGEST_LENGTH + 1];
  gint64 horizon = 0, current = 0, after = 0, next;
  gboolean known = FALSE;
  gboolean more;
  char *answer;

  if (!storage->vtable->seq_range (storage, &horizon, &current, digest, &error))
    goto storage_failed;
  if (storage->vtable->forget_head != NULL &&
      ((pull->has_cursor && pull->cursor_seq > current) || (pull->has_known && pull->known.seq > current)))
    {
      storage->vtable->forget_head (storage);
      if (!storage->vtable->seq_range (storage, &horizon, &current, digest, &error))
        goto storage_failed;
    }

  if (pull->has_cursor)
    {
      if (g_strcmp0 (pull->cursor_server_id, server_id) != 0 ||
          pull->cursor_seq > current || pull->cursor_seq < horizon)
        {
          *out_error = lotse_server_error_new (410, "resync_required", "cursor", -1,
                                               "The cursor does not fit this server's data; "
                                               "pull everything again");
          return NULL;
        }
      after = pull->cursor_seq;
    }

  if (pull->has_known)
    {
      if (!mark_is_known (storage, &pull->known, current, digest, &known, &error))
        goto storage_failed;
      if (!known)
        {
          *out_error = lotse_server_history_differs ();
          return NULL;
        }
    }

  if (after < current)
    rows = storage->vtable->pull (storage, after, current, pull->limit + 1, &error);
  else
    rows = g_ptr_array_new ();
  if (rows == NULL)
    goto storage_failed;

  more = rows->len > pull->limit;
  if (more)
    g_ptr_array_set_size (rows, pull->limit);
  if (out_more != NULL)
    *out_more = more;

  if (more)
    next = ((LotseServerRow *)g_ptr_array_index (rows, rows->len - 1))->seq;
  else
    next = MAX (current, after);

  answer = pull_answer (storage, pull, rows, next, more, next == current ? digest : NULL, &error);
  if (answer != NULL)
    return answer;

storage_failed:
  g_warning (_("Could not read the rows to pull: %s"), error->message);
  *out_error = lotse_server_storage_failure (error);
  return NULL;
}

JsonNode *
lotse_server_sync_history (LotseServerStorage  *storage,
                           const LotseTable    *table,
                           const char          *id,
                           LotseServerError   **out_error)
{
  g_autoptr(JsonBuilder) builder = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;

  rows = storage->vtable->history (storage, table, id, 0, &error);
  if (rows == NULL)
    {
      g_warning (_("Could not read the history of a row: %s"), error->message);
      *out_error = lotse_server_storage_failure (error);
      return NULL;
    }
  if (rows->len == 0)
    {
      *out_error = lotse_server_error_new (404, "not_found", NULL, -1,
                                           "The server has no such row");
      return NULL;
    }

  builder = json_builder_new ();
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "revisions");
  json_builder_begin_array (builder);
  for (guint i = 0; i < rows->len; i++)
    {
      const LotseServerRow *row = g_ptr_array_index (rows, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "rev");
      json_builder_add_int_value (builder, row->rev);
      json_builder_set_member_name (builder, "seq");
      json_builder_add_int_value (builder, row->seq);
      json_builder_set_member_name (builder, "deleted");
      json_builder_add_boolean_value (builder, row->deleted);
      json_builder_set_member_name (builder, "fields");
      lotse_server_row_add_fields (row, builder);
      json_builder_set_member_name (builder, "device_id");
      json_builder_add_string_value (builder, row->device_id);
      json_builder_set_member_name (builder, "user");
      json_builder_add_string_value (builder, row->account);
      json_builder_set_member_name (builder, "committed_at");
      json_builder_add_string_value (builder, row->updated_at);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}
