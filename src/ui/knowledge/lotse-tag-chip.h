/* lotse-tag-chip.h: a tag of the article being edited, with its remove button
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define LOTSE_TYPE_TAG_CHIP (lotse_tag_chip_get_type ())

G_DECLARE_FINAL_TYPE (LotseTagChip, lotse_tag_chip, LOTSE, TAG_CHIP, GtkWidget)

GtkWidget  *lotse_tag_chip_new      (const char   *name);
const char *lotse_tag_chip_get_name (LotseTagChip *self);
void        lotse_tag_chip_set_name (LotseTagChip *self,
                                     const char   *name);

G_END_DECLS
