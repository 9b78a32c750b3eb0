/* lotse-attachment.c: files attached to records
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * An attachment is a row of the table “attachment” (synced like every
 * other) and a blob in the store's blob directory (lotse-blob-store.c),
 * which sync moves separately (lotse-sync-blobs.c). Adding a file hashes
 * and copies it in a worker thread, since a file of 100 MB takes seconds;
 * the row is written afterwards on the store's thread, so that no row
 * ever names a blob that is not complete on this device. A row pulled
 * from the server may name a blob this device does not have yet: its
 * path is then NULL, and the UI says why.
 */

#define G_LOG_DOMAIN "lotse-attachment"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "lotse-attachment.h"
#include "lotse-blob-store.h"
#include "lotse-error.h"
#include "lotse-output.h"
#include "lotse-schema.h"
#include "lotse-store-private.h"

typedef struct
{
  char          *owner_table;
  char          *owner_id;
  char          *name;
  char          *added_by;
  char          *dir;
  GFile         *file;
  LotseBlobInfo *info;
} AddData;

static void
add_data_free (AddData *data)
{
  g_free (data->owner_table);
  g_free (data->owner_id);
  g_free (data->name);
  g_free (data->added_by);
  g_free (data->dir);
  g_clear_object (&data->file);
  lotse_blob_info_free (data->info);
  g_free (data);
}

/**
 * lotse_attachment_can_own:
 * @table: (nullable): a table name
 *
 * Returns: whether files can be attached to rows of @table
 */
gboolean
lotse_attachment_can_own (const char *table)
{
  const LotseTable *attachments = lotse_schema_lookup_table (LOTSE_TABLE_ATTACHMENT);
  const LotseField *owner = lotse_table_lookup_field (attachments, LOTSE_ATTACHMENT_OWNER_TABLE);

  return table != NULL && lotse_field_is_valid_enum (owner, table);
}

/**
 * lotse_attachment_dup_blob_dir:
 * @store: a store
 *
 * Returns: (transfer full): the directory of the store's blobs
 */
char *
lotse_attachment_dup_blob_dir (LotseStore *store)
{
  g_return_val_if_fail (LOTSE_IS_STORE (store), NULL);

  return lotse_blob_store_dir_for (lotse_store_get_path (store));
}

/**
 * lotse_attachment_dup_path:
 * @store: a store
 * @attachment: a row of “attachment”
 *
 * Returns: (transfer full) (nullable): the file of the attachment's
 *   content, or %NULL while this device does not have it
 */
char *
lotse_attachment_dup_path (LotseStore  *store,
                           LotseRecord *attachment)
{
  g_autofree char *dir = lotse_attachment_dup_blob_dir (store);
  g_autofree char *path = lotse_blob_store_path (dir, lotse_record_get (attachment, LOTSE_ATTACHMENT_SHA256));

  if (path == NULL || !g_file_test (path, G_FILE_TEST_IS_REGULAR))
    return NULL;
  return g_steal_pointer (&path);
}

/**
 * lotse_attachment_list:
 * @store: a store
 * @owner_table: the table of the record
 * @owner_id: the record's id
 * @error: a location for a #GError
 *
 * Returns: (transfer container) (element-type LotseRecord) (nullable): the
 *   attachments of the record, oldest first
 */
GPtrArray *
lotse_attachment_list (LotseStore  *store,
                       const char  *owner_table,
                       const char  *owner_id,
                       GError     **error)
{
  LotseFilter filters[] = {
    { LOTSE_ATTACHMENT_OWNER_TABLE, owner_table },
    { LOTSE_ATTACHMENT_OWNER_ID, owner_id },
  };

  g_return_val_if_fail (LOTSE_IS_STORE (store), NULL);

  return lotse_store_list (store, LOTSE_TABLE_ATTACHMENT, filters, G_N_ELEMENTS (filters),
                           "created_at", 0, 0, error);
}

/* Who adds a file, as the list shows it: the account this database syncs
 * with, else the person logged in. */
static char *
dup_added_by (LotseStore *store)
{
  sqlite3_stmt *stmt = lotse_store_prepare_cached (store, "SELECT user_name FROM sync_account WHERE id = 1", NULL);
  char *name = NULL;

  if (stmt != NULL)
    {
      if (sqlite3_step (stmt) == SQLITE_ROW)
        name = lotse_store_column_dup (stmt, 0);
      sqlite3_reset (stmt);
    }
  if (name == NULL)
    name = g_strdup (g_strcmp0 (g_get_real_name (), "Unknown") != 0 ? g_get_real_name () : g_get_user_name ());
  return name;
}

static gboolean
check_owner (LotseStore  *store,
             const char  *owner_table,
             const char  *owner_id,
             GError     **error)
{
  g_autoptr(LotseRecord) owner = NULL;

  if (!lotse_attachment_can_own (owner_table))
    {
      g_set_error (error, LOTSE_ERROR, LOTSE_ERROR_UNKNOWN_TABLE,
                   _("Files cannot be attached to records of “%s”"), owner_table ? owner_table : "");
      return FALSE;
    }

  owner = lotse_is_uuid (owner_id) ? lotse_store_get (store, owner_table, owner_id, NULL) : NULL;
  if (owner == NULL || lotse_record_get_deleted (owner))
    {
      g_set_error (error, LOTSE_ERROR, LOTSE_ERROR_NOT_FOUND,
                   _("There is no record of “%s” with id %s"), owner_table, owner_id ? owner_id : "");
      return FALSE;
    }
  return TRUE;
}

static AddData *
add_data_new (LotseStore *store,
              const char *owner_table,
              const char *owner_id,
              GFile      *file)
{
  AddData *data = g_new0 (AddData, 1);
  g_autoptr(GFileInfo) info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_DISPLAY_NAME,
                                                 G_FILE_QUERY_INFO_NONE, NULL, NULL);

  data->owner_table = g_strdup (owner_table);
  data->owner_id = g_strdup (owner_id);
  data->file = g_object_ref (file);
  data->dir = lotse_attachment_dup_blob_dir (store);
  data->added_by = dup_added_by (store);
  /* The name as the person sees it; only shown, never a path. */
  data->name = info != NULL ? g_strdup (g_file_info_get_display_name (info)) : g_file_get_basename (file);
  return data;
}

static LotseRecord *
insert_row (LotseStore  *store,
            AddData     *data,
            GError     **error)
{
  g_autoptr(LotseRecord) record = lotse_record_new_for_table (LOTSE_TABLE_ATTACHMENT);
  g_autofree char *name = g_utf8_make_valid (data->name, -1);

  lotse_record_set (record, LOTSE_ATTACHMENT_OWNER_TABLE, data->owner_table);
  lotse_record_set (record, LOTSE_ATTACHMENT_OWNER_ID, data->owner_id);
  /* A name over the limit keeps its start; the type is known anyway. */
  if (g_utf8_strlen (name, -1) > 300)
    *g_utf8_offset_to_pointer (name, 300) = '\0';
  lotse_record_set (record, LOTSE_ATTACHMENT_NAME, name);
  lotse_record_set_int (record, LOTSE_ATTACHMENT_SIZE, data->info->size);
  lotse_record_set (record, LOTSE_ATTACHMENT_CONTENT_TYPE, data->info->content_type);
  lotse_record_set (record, LOTSE_ATTACHMENT_SHA256, data->info->sha256);
  lotse_record_set (record, LOTSE_ATTACHMENT_ADDED_BY, data->added_by);

  if (!lotse_store_insert (store, record, error))
    return NULL;
  return g_steal_pointer (&record);
}

/**
 * lotse_attachment_add:
 * @store: a store
 * @owner_table: the table of the record, e.g. “meeting”
 * @owner_id: the record's id
 * @file: the file to attach
 * @cancellable: (nullable): a #GCancellable
 * @error: a location for a #GError
 *
 * Copies @file into the blob store and writes its row. Blocks while the
 * file is copied: the app uses lotse_attachment_add_async().
 *
 * Returns: (transfer full) (nullable): the new row
 */
LotseRecord *
lotse_attachment_add (LotseStore    *store,
                      const char    *owner_table,
                      const char    *owner_id,
                      GFile         *file,
                      GCancellable  *cancellable,
                      GError       **error)
{
  AddData *data;
  LotseRecord *record = NULL;

  g_return_val_if_fail (LOTSE_IS_STORE (store), NULL);
  g_return_val_if_fail (G_IS_FILE (file), NULL);

  if (!check_owner (store, owner_table, owner_id, error))
    return NULL;

  data = add_data_new (store, owner_table, owner_id, file);
  data->info = lotse_blob_store_import (data->dir, file, LOTSE_BLOB_MAX_SIZE, cancellable, error);
  if (data->info != NULL)
    record = insert_row (store, data, error);
  add_data_free (data);
  return record;
}

static void
import_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  AddData *data = task_data;
  GError *error = NULL;

  data->info = lotse_blob_store_import (data->dir, data->file, LOTSE_BLOB_MAX_SIZE, cancellable, &error);
  if (data->info == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

/**
 * lotse_attachment_add_async:
 *
 * Like lotse_attachment_add(), with the copy in a worker thread; the row
 * is written when lotse_attachment_add_finish() is called, on the
 * store's thread.
 */
void
lotse_attachment_add_async (LotseStore          *store,
                            const char          *owner_table,
                            const char          *owner_id,
                            GFile               *file,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  GError *error = NULL;

  g_return_if_fail (LOTSE_IS_STORE (store));
  g_return_if_fail (G_IS_FILE (file));

  task = g_task_new (store, cancellable, callback, user_data);
  g_task_set_source_tag (task, lotse_attachment_add_async);
  if (!check_owner (store, owner_table, owner_id, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  g_task_set_task_data (task, add_data_new (store, owner_table, owner_id, file), (GDestroyNotify)add_data_free);
  g_task_run_in_thread (task, import_thread);
}

/**
 * lotse_attachment_add_finish:
 *
 * Returns: (transfer full) (nullable): the new row
 */
LotseRecord *
lotse_attachment_add_finish (LotseStore    *store,
                             GAsyncResult  *result,
                             GError       **error)
{
  GTask *task = G_TASK (result);

  g_return_val_if_fail (g_task_is_valid (result, store), NULL);

  if (!g_task_propagate_boolean (task, error))
    return NULL;
  return insert_row (store, g_task_get_task_data (task), error);
}

/**
 * lotse_attachment_save_copy:
 * @store: a store
 * @attachment: a row of “attachment”
 * @path: where to write the copy (lotse_output_write_file()'s rules)
 * @error: a location for a #GError
 *
 * Returns: whether @path holds the attachment's content now
 */
gboolean
lotse_attachment_save_copy (LotseStore   *store,
                            LotseRecord  *attachment,
                            const char   *path,
                            GError      **error)
{
  g_autofree char *blob = lotse_attachment_dup_path (store, attachment);
  g_autoptr(GMappedFile) mapped = NULL;

  if (blob == NULL)
    {
      g_set_error (error, LOTSE_ERROR, LOTSE_ERROR_NOT_FOUND,
                   _("The file “%s” is not on this device yet; sync to fetch it"),
                   lotse_record_get (attachment, LOTSE_ATTACHMENT_NAME));
      return FALSE;
    }

  mapped = g_mapped_file_new (blob, FALSE, error);
  if (mapped == NULL)
    return FALSE;
  return lotse_output_write_file (path, g_mapped_file_get_contents (mapped), g_mapped_file_get_length (mapped),
                                  error);
}
