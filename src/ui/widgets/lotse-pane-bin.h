/* lotse-pane-bin.h: a side pane that grows with the window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define LOTSE_TYPE_PANE_BIN (lotse_pane_bin_get_type ())

G_DECLARE_FINAL_TYPE (LotsePaneBin, lotse_pane_bin, LOTSE, PANE_BIN, GtkWidget)

GtkWidget *lotse_pane_bin_new               (void);
GtkWidget *lotse_pane_bin_get_child         (LotsePaneBin *self);
void       lotse_pane_bin_set_child         (LotsePaneBin *self,
                                             GtkWidget    *child);
double     lotse_pane_bin_get_fraction      (LotsePaneBin *self);
void       lotse_pane_bin_set_fraction      (LotsePaneBin *self,
                                             double        fraction);
int        lotse_pane_bin_get_maximum_width (LotsePaneBin *self);
void       lotse_pane_bin_set_maximum_width (LotsePaneBin *self,
                                             int           maximum_width);

G_END_DECLS
