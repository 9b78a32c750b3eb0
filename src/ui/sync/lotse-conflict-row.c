/* lotse-conflict-row.c: an open conflict in the conflict window's list
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The record's title with a warning badge, and which fields conflict;
 * activating it opens the conflict's resolution.
 */

#define G_LOG_DOMAIN "lotse-conflict-row"

#include "config.h"

#include "lotse-conflict-row.h"

struct _LotseConflictRow
{
  AdwActionRow parent_instance;

  char        *conflict_id;
};

G_DEFINE_FINAL_TYPE (LotseConflictRow, lotse_conflict_row, ADW_TYPE_ACTION_ROW)

static void
lotse_conflict_row_finalize (GObject *object)
{
  LotseConflictRow *self = LOTSE_CONFLICT_ROW (object);

  g_free (self->conflict_id);

  G_OBJECT_CLASS (lotse_conflict_row_parent_class)->finalize (object);
}

static void
lotse_conflict_row_class_init (LotseConflictRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = lotse_conflict_row_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/app/lotse/Lotse/sync/lotse-conflict-row.ui");
}

static void
lotse_conflict_row_init (LotseConflictRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
lotse_conflict_row_new (const char *conflict_id,
                        const char *title,
                        const char *subtitle)
{
  LotseConflictRow *self = g_object_new (LOTSE_TYPE_CONFLICT_ROW,
                                         "title", title,
                                         "subtitle", subtitle,
                                         NULL);

  self->conflict_id = g_strdup (conflict_id);

  return GTK_WIDGET (self);
}

const char *
lotse_conflict_row_get_conflict_id (LotseConflictRow *self)
{
  g_return_val_if_fail (LOTSE_IS_CONFLICT_ROW (self), NULL);

  return self->conflict_id;
}
