/* lotse-store.h: the local SQLite database, the only writer
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "lotse-record.h"

G_BEGIN_DECLS

#define LOTSE_TYPE_STORE (lotse_store_get_type ())

G_DECLARE_FINAL_TYPE (LotseStore, lotse_store, LOTSE, STORE, GObject)

/* The schema version this build writes; a database with a higher
 * user_version is refused. */
#define LOTSE_STORE_SCHEMA_VERSION 20

typedef enum
{
  LOTSE_STORE_WRITE_DEFAULT     = 0,
  /* The row comes from the server (pull) or from bulk generation: keep its
   * id/rev/timestamps and append nothing to the outbox. */
  LOTSE_STORE_WRITE_NO_OUTBOX   = 1 << 0,
  /* Skip the reference check; used for bulk generation of known-good data. */
  LOTSE_STORE_WRITE_TRUSTED     = 1 << 1,
} LotseStoreWriteFlags;

/* One condition of a list query: field = value, or field IS NULL when
 * value is NULL. Fields are checked against the schema. */
typedef struct
{
  const char *field;
  const char *value;
} LotseFilter;

LotseStore  *lotse_store_open             (const char            *path,
                                           GError               **error);
LotseStore  *lotse_store_open_default     (GError               **error);
char        *lotse_store_default_path     (void);
const char  *lotse_store_get_path         (LotseStore            *self);
int          lotse_store_get_schema_version (LotseStore          *self);

gboolean     lotse_store_begin            (LotseStore            *self,
                                           GError               **error);
gboolean     lotse_store_commit           (LotseStore            *self,
                                           GError               **error);
void         lotse_store_rollback         (LotseStore            *self);
void         lotse_store_set_bulk_mode    (LotseStore            *self,
                                           gboolean               bulk);
void         lotse_store_set_large_cache  (LotseStore            *self,
                                           gboolean               large);

gboolean     lotse_store_validate         (LotseStore            *self,
                                           LotseRecord           *record,
                                           GError               **error);
gboolean     lotse_store_insert           (LotseStore            *self,
                                           LotseRecord           *record,
                                           GError               **error);
gboolean     lotse_store_insert_full      (LotseStore            *self,
                                           LotseRecord           *record,
                                           LotseStoreWriteFlags   flags,
                                           GError               **error);
gboolean     lotse_store_update           (LotseStore            *self,
                                           LotseRecord           *record,
                                           GError               **error);
gboolean     lotse_store_delete           (LotseStore            *self,
                                           const char            *table,
                                           const char            *id,
                                           GError               **error);
gboolean     lotse_store_undelete         (LotseStore            *self,
                                           const char            *table,
                                           const char            *id,
                                           GError               **error);
LotseRecord *lotse_store_get              (LotseStore            *self,
                                           const char            *table,
                                           const char            *id,
                                           GError               **error);
GPtrArray   *lotse_store_list             (LotseStore            *self,
                                           const char            *table,
                                           const LotseFilter     *filters,
                                           guint                  n_filters,
                                           const char            *order_field,
                                           guint                  limit,
                                           guint                  offset,
                                           GError               **error);
gint64       lotse_store_count            (LotseStore            *self,
                                           const char            *table,
                                           const LotseFilter     *filters,
                                           guint                  n_filters,
                                           GError               **error);
gint64       lotse_store_count_outbox     (LotseStore            *self);
gboolean     lotse_store_is_empty         (LotseStore            *self);

G_END_DECLS
