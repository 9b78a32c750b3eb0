/* lotse-record-dialog.h: a small dialog that adds or edits one record
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "lotse-core.h"

G_BEGIN_DECLS

/* Called after the record was written, with the record as stored. */
typedef void (*LotseRecordDialogSaved) (LotseRecord *record,
                                        gpointer     user_data);

AdwMessageDialog *lotse_record_dialog_new     (GtkWidget              *parent,
                                               LotseStore             *store,
                                               LotseRecord            *record,
                                               const char * const     *fields,
                                               const char             *heading,
                                               const char             *save_label,
                                               LotseRecordDialogSaved  saved,
                                               gpointer                user_data);
GtkWidget        *lotse_record_dialog_get_row (AdwMessageDialog       *dialog,
                                               const char             *field);
const char       *lotse_record_dialog_get_error (AdwMessageDialog     *dialog);

G_END_DECLS
