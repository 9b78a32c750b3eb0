/* lotse-server-migrate.c: copying a workspace to another database
 *
 *   lotse-server migrate --from DIR|URI --to DIR|URI [--workspace NAME] [--to-workspace NAME]
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Copies one workspace (default: "default") with its users, device
 * tokens, history (seqs and digests as they are), current rows and push
 * results from one database to another, e.g. from a data directory to
 * PostgreSQL. The copy keeps the server id: clients go on syncing with
 * the cursors and marks they have, as if nothing had happened. The target
 * workspace is created when missing and must be empty.
 *
 * Everything is written in one transaction of the target, then read back
 * inside it and compared with the source, table by table: the number of
 * records and a SHA-256 over them, and the digest chain of the history
 * computed anew. Only when all match is the transaction committed. The
 * servers of the source should be stopped meanwhile, so that nothing is
 * written that the copy would miss.
 */

#define G_LOG_DOMAIN "lotse-server"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <inttypes.h>
#include <string.h>

#include "lotse-server-cli.h"

/* Records handed to the target at once. */
#define BATCH 5000

/* Translators: the parts of a workspace that `lotse-server migrate` copies */
static const char * const dump_names[LOTSE_SERVER_N_DUMPS] = {
  [LOTSE_SERVER_DUMP_WORKSPACE] = N_("workspace"),
  [LOTSE_SERVER_DUMP_ACCOUNTS] = N_("users"),
  [LOTSE_SERVER_DUMP_DEVICES] = N_("devices"),
  [LOTSE_SERVER_DUMP_HISTORY] = N_("history"),
  [LOTSE_SERVER_DUMP_ROWS] = N_("rows"),
  [LOTSE_SERVER_DUMP_OPS] = N_("push results"),
};

/* The count and checksum of the records of one table. */
typedef struct
{
  gint64     count;
  GChecksum *checksum;
} Tally;

static void
tally_init (Tally *tally)
{
  tally->count = 0;
  tally->checksum = g_checksum_new (G_CHECKSUM_SHA256);
}

static void
tally_add (Tally              *tally,
           const char * const *columns,
           guint               n)
{
  tally->count++;
  for (guint i = 0; i < n; i++)
    {
      /* NULL and "" differ; each value ends with a NUL of its own. */
      if (columns[i] == NULL)
        g_checksum_update (tally->checksum, (const guchar *)"N", 1);
      else
        {
          g_checksum_update (tally->checksum, (const guchar *)"T", 1);
          g_checksum_update (tally->checksum, (const guchar *)columns[i], strlen (columns[i]) + 1);
        }
    }
}

typedef struct
{
  LotseServerStorage *target;
  LotseServerDump     what;
  GPtrArray          *batch;      /* of GStrv */
  Tally               tally;
  /* History only: the chain computed anew. */
  char                chain[LOTSE_SERVER_DIGEST_LENGTH + 1];
  gboolean            chain_broken;
} Copy;

static gboolean
flush_batch (Copy    *copy,
             GError **error)
{
  gboolean ok = copy->batch->len == 0 ||
                copy->target->vtable->load (copy->target, copy->what, copy->batch, error);

  g_ptr_array_set_size (copy->batch, 0);
  return ok;
}

/* @n columns (NULL among them) in one allocation: one g_free() frees it. */
static char **
record_copy (const char * const *columns,
             guint               n)
{
  gsize size = n * sizeof (char *);
  char **record;
  char *text;

  for (guint i = 0; i < n; i++)
    size += columns[i] != NULL ? strlen (columns[i]) + 1 : 0;

  record = g_malloc (size);
  text = (char *)(record + n);
  for (guint i = 0; i < n; i++)
    {
      if (columns[i] == NULL)
        record[i] = NULL;
      else
        {
          record[i] = strcpy (text, columns[i]);
          text += strlen (columns[i]) + 1;
        }
    }

  return record;
}

static gboolean
copy_record (const char * const *columns,
             gpointer            user_data,
             GError            **error)
{
  Copy *copy = user_data;
  guint n = lotse_server_dump_columns[copy->what];

  tally_add (&copy->tally, columns, n);
  g_ptr_array_add (copy->batch, record_copy (columns, n));
  return copy->batch->len < BATCH || flush_batch (copy, error);
}

/* History records: seq, tbl, id, rev, deleted, fields, device_id,
 * account, committed_at, digest; the digest continues the one before. */
static gboolean
check_record (const char * const *columns,
              gpointer            user_data,
              GError            **error)
{
  Copy *copy = user_data;

  tally_add (&copy->tally, columns, lotse_server_dump_columns[copy->what]);
  if (copy->what == LOTSE_SERVER_DUMP_HISTORY)
    {
      lotse_server_chain_digest (copy->chain, columns + 1, copy->chain);
      if (g_strcmp0 (copy->chain, columns[9]) != 0)
        copy->chain_broken = TRUE;
    }
  return TRUE;
}

static gboolean
copy_table (LotseServerStorage  *source,
            LotseServerStorage  *target,
            LotseServerDump      what,
            GError             **error)
{
  g_autoptr(GPtrArray) batch = g_ptr_array_new_with_free_func (g_free);
  Copy copy = { target, what, batch };
  Copy check = { target, what, NULL, { 0 }, LOTSE_SERVER_DIGEST_EMPTY, FALSE };
  g_autofree char *source_sum = NULL;
  gboolean ok;

  tally_init (&copy.tally);
  tally_init (&check.tally);
  ok = source->vtable->dump (source, what, copy_record, &copy, error) && flush_batch (&copy, error) &&
       target->vtable->dump (target, what, check_record, &check, error);
  source_sum = g_strdup (g_checksum_get_string (copy.tally.checksum));

  if (ok && (copy.tally.count != check.tally.count ||
             !g_str_equal (source_sum, g_checksum_get_string (check.tally.checksum)) || check.chain_broken))
    {
      g_set_error (error, LOTSE_ERROR, LOTSE_ERROR_CORRUPT,
                   _("The copy of the %s does not match: %" PRId64 " records with SHA-256 %.16s… "
                     "in the source, %" PRId64 " with %.16s… in the target%s"),
                   _(dump_names[what]), (int64_t)copy.tally.count, source_sum, (int64_t)check.tally.count,
                   g_checksum_get_string (check.tally.checksum),
                   check.chain_broken ? _(", and the digests of the history do not follow each other") : "");
      ok = FALSE;
    }
  if (ok && what != LOTSE_SERVER_DUMP_WORKSPACE)
    /* Translators: a table ("users", "history"…), a count and the start of a checksum */
    g_print (_("  %-13s %9" PRId64 " records, SHA-256 %.16s… matches\n"),
             _(dump_names[what]), (int64_t)copy.tally.count, source_sum);

  g_checksum_free (copy.tally.checksum);
  g_checksum_free (check.tally.checksum);
  return ok;
}

/* The target workspace, made when missing; one that holds anything is
 * refused rather than mixed with the copy. */
static LotseServerStorage *
open_target (LotseServerStorage  *database,
             const char          *name,
             GError             **error)
{
  g_autoptr(LotseServerStorage) target = NULL;
  g_autoptr(GPtrArray) accounts = NULL;
  GError *local_error = NULL;
  gint64 horizon = 0, current = 0;

  target = database->vtable->open_workspace (database, name, &local_error);
  if (target == NULL && local_error == NULL &&
      database->vtable->workspace_create (database, name, &local_error))
    target = lotse_server_storage_open_workspace (database, name, &local_error);
  if (target == NULL)
    {
      g_propagate_error (error, local_error);
      return NULL;
    }

  accounts = target->vtable->account_list (target, error);
  if (accounts == NULL || !target->vtable->seq_range (target, &horizon, &current, NULL, error))
    return NULL;
  if (accounts->len > 0 || current > 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS,
                   _("The workspace “%s” of the target has users or data already; "
                     "remove it first (workspace remove) or copy into another database"), name);
      return NULL;
    }

  return g_steal_pointer (&target);
}

static gboolean
migrate (const char  *from,
         const char  *to,
         const char  *name,
         const char  *to_name,
         GError     **error)
{
  g_autoptr(LotseServerStorage) source_db = NULL;
  g_autoptr(LotseServerStorage) target_db = NULL;
  g_autoptr(LotseServerStorage) source = NULL;
  g_autoptr(LotseServerStorage) target = NULL;

  if ((source_db = lotse_server_open_location (from, error)) == NULL ||
      (source = lotse_server_storage_open_workspace (source_db, name, error)) == NULL ||
      (target_db = lotse_server_open_location (to, error)) == NULL ||
      (target = open_target (target_db, to_name, error)) == NULL ||
      !target->vtable->begin (target, error))
    return FALSE;

  for (guint what = 0; what < LOTSE_SERVER_N_DUMPS; what++)
    {
      if (!copy_table (source, target, what, error))
        {
          target->vtable->rollback (target);
          return FALSE;
        }
    }

  return target->vtable->commit (target, error);
}

int
lotse_server_migrate_run (const char *workspace,
                          int         argc,
                          char      **argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *from_shown = NULL;
  g_autofree char *to_shown = NULL;
  const char *from = NULL;
  const char *to = NULL;
  const char *name = workspace != NULL ? workspace : LOTSE_SERVER_DEFAULT_WORKSPACE;
  const char *to_name = NULL;
  gboolean bad = FALSE;

  for (int i = 0; i + 1 < argc; i += 2)
    {
      if (g_str_equal (argv[i], "--from"))
        from = argv[i + 1];
      else if (g_str_equal (argv[i], "--to"))
        to = argv[i + 1];
      else if (g_str_equal (argv[i], "--workspace"))
        name = argv[i + 1];
      else if (g_str_equal (argv[i], "--to-workspace"))
        to_name = argv[i + 1];
      else
        bad = TRUE;
    }
  /* Offices each in a data directory of their own are all "default":
   * they become workspaces of other names in the one database. */
  if (to_name == NULL)
    to_name = name;
  if (bad || from == NULL || to == NULL || argc % 2 != 0 || !lotse_server_is_valid_workspace_name (name) ||
      !lotse_server_is_valid_workspace_name (to_name))
    {
      g_printerr ("lotse-server: %s\n", _("Usage: lotse-server migrate --from DIR|URI --to DIR|URI "
                                           "[--workspace NAME] [--to-workspace NAME]"));
      return 2;
    }

  from_shown = lotse_server_location_display (from);
  to_shown = lotse_server_location_display (to);
  /* Translators: a workspace name, then two database locations */
  if (g_str_equal (name, to_name))
    g_print (_("Copying workspace “%s” from %s to %s:\n"), name, from_shown, to_shown);
  else
    /* Translators: a workspace, a database location, a database location, a workspace */
    g_print (_("Copying workspace “%s” from %s to %s as “%s”:\n"), name, from_shown, to_shown, to_name);
  if (!migrate (from, to, name, to_name, &error))
    {
      g_printerr ("lotse-server: %s\n", error->message);
      g_printerr ("lotse-server: %s\n", _("Nothing was copied."));
      return lotse_server_exit_status (error);
    }

  g_print ("%s\n", _("Done: every table of the target matches the source. Point the servers at the new "
                     "database; clients go on syncing where they were."));
  return 0;
}
