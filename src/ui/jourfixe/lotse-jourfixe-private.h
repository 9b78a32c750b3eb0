/* lotse-jourfixe-private.h: helpers shared by the Jour fixe widgets, and internals for the tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "lotse-core.h"

G_BEGIN_DECLS

/* The current time in the office's zone, in the store's form. */
char       *lotse_jourfixe_now                (LotseStore   *store);
/* A stored date-time in @zone (the office's) as date and time of the
 * locale; NULL when unset or unreadable. */
char       *lotse_jourfixe_format_when        (const char   *iso8601,
                                               GTimeZone    *zone);

/* The labels of the enum @values of @table.@field, for a drop-down */
GListModel *lotse_jourfixe_enum_model         (const char         *table,
                                               const char         *field,
                                               const char * const *values);
/* The position of @value in @values; 0 when it is not there */
guint       lotse_jourfixe_enum_index         (const char * const *values,
                                               const char         *value);

/* Writes a changed record; on failure shows the error in a toast and
 * returns FALSE (nothing was written). */
gboolean    lotse_jourfixe_save               (GtkWidget    *widget,
                                               LotseStore   *store,
                                               LotseRecord  *record);
/* Sets one field of *@record and writes it, unless it holds @value
 * already; on success *@record is the record written. Returns whether the
 * field now holds @value in the store. */
gboolean    lotse_jourfixe_save_field         (GtkWidget    *widget,
                                               LotseStore   *store,
                                               LotseRecord **record,
                                               const char   *field,
                                               const char   *value);
/* Inserts a new record; on failure shows the error in a toast. */
gboolean    lotse_jourfixe_insert             (GtkWidget    *widget,
                                               LotseStore   *store,
                                               LotseRecord  *record);
/* Deletes a record with what hangs on it and offers to undo it. */
gboolean    lotse_jourfixe_delete             (GtkWidget    *widget,
                                               const char   *table,
                                               const char   *id);
void        lotse_jourfixe_toast              (GtkWidget    *widget,
                                               const char   *message);

G_END_DECLS
