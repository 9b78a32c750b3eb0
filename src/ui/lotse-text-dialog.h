/* lotse-text-dialog.h: a question answered with a text
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* Called when the question is answered: @owner is the widget that asked,
 * @extra the dialog's extra child, @text what @entry holds. */
typedef void (*LotseTextDialogFunc) (GtkWidget  *owner,
                                     GtkWidget  *extra,
                                     const char *text);

GtkWidget *lotse_text_dialog_entry_new (const char          *label);
void       lotse_text_dialog_present   (GtkWidget           *owner,
                                        const char          *heading,
                                        const char          *body,
                                        const char          *apply_label,
                                        GtkWidget           *extra,
                                        GtkWidget           *entry,
                                        LotseTextDialogFunc  respond);

G_END_DECLS
