/* lotse-attachment-list.h: the files attached to a record
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "lotse-core.h"

G_BEGIN_DECLS

#define LOTSE_TYPE_ATTACHMENT_LIST (lotse_attachment_list_get_type ())

G_DECLARE_FINAL_TYPE (LotseAttachmentList, lotse_attachment_list, LOTSE, ATTACHMENT_LIST, GtkWidget)

void        lotse_attachment_list_set_owner  (LotseAttachmentList *self,
                                              LotseStore          *store,
                                              const char          *owner_table,
                                              const char          *owner_id);
void        lotse_attachment_list_add_files  (LotseAttachmentList *self,
                                              GSList              *files);
guint       lotse_attachment_list_get_pending (LotseAttachmentList *self);

G_END_DECLS
