/* lotse-attachment.h: files attached to records
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "lotse-record.h"
#include "lotse-store.h"

G_BEGIN_DECLS

gboolean     lotse_attachment_can_own          (const char           *table);
char        *lotse_attachment_dup_blob_dir     (LotseStore           *store);
char        *lotse_attachment_dup_path         (LotseStore           *store,
                                                LotseRecord          *attachment);
GPtrArray   *lotse_attachment_list             (LotseStore           *store,
                                                const char           *owner_table,
                                                const char           *owner_id,
                                                GError              **error);
LotseRecord *lotse_attachment_add              (LotseStore           *store,
                                                const char           *owner_table,
                                                const char           *owner_id,
                                                GFile                *file,
                                                GCancellable         *cancellable,
                                                GError              **error);
void         lotse_attachment_add_async        (LotseStore           *store,
                                                const char           *owner_table,
                                                const char           *owner_id,
                                                GFile                *file,
                                                GCancellable         *cancellable,
                                                GAsyncReadyCallback   callback,
                                                gpointer              user_data);
LotseRecord *lotse_attachment_add_finish       (LotseStore           *store,
                                                GAsyncResult         *result,
                                                GError              **error);
gboolean     lotse_attachment_save_copy        (LotseStore           *store,
                                                LotseRecord          *attachment,
                                                const char           *path,
                                                GError              **error);

G_END_DECLS
