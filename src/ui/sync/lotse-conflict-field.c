/* lotse-conflict-field.c: one conflicting field and the choice of its value
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The field's value on this computer and on the server, each with who
 * changed it and when, the value before both changes where the server
 * sent it, for long text the lines that differ, and "Write my own". Mine
 * is chosen until the person chooses otherwise.
 */

#define G_LOG_DOMAIN "lotse-conflict-field"

#include "config.h"

#include <glib/gi18n.h>

#include "lotse-conflict-field.h"
#include "lotse-line-diff.h"

struct _LotseConflictField
{
  AdwPreferencesGroup parent_instance;

  char           *name;
  char           *mine;
  char           *theirs;
  char           *diff;

  GtkCheckButton *mine_check;
  GtkCheckButton *theirs_check;
  GtkCheckButton *edit_check;
  GtkLabel       *mine_who;
  GtkLabel       *mine_value;
  GtkLabel       *theirs_who;
  GtkLabel       *theirs_value;
  GtkWidget      *base_box;
  GtkLabel       *base_value;
  GtkWidget      *diff_heading;
  GtkLabel       *diff_label;
  GtkTextView    *text_view;
};

G_DEFINE_FINAL_TYPE (LotseConflictField, lotse_conflict_field, ADW_TYPE_PREFERENCES_GROUP)

/* An empty value says so, dimmed */
static void
set_value (GtkLabel   *label,
           const char *value)
{
  gboolean empty = value == NULL || *value == '\0';

  gtk_label_set_text (label, empty ? _("(empty)") : value);
  if (empty)
    gtk_widget_add_css_class (GTK_WIDGET (label), "dim-label");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (label), "dim-label");
}

static void
lotse_conflict_field_finalize (GObject *object)
{
  LotseConflictField *self = LOTSE_CONFLICT_FIELD (object);

  g_free (self->name);
  g_free (self->mine);
  g_free (self->theirs);
  g_free (self->diff);

  G_OBJECT_CLASS (lotse_conflict_field_parent_class)->finalize (object);
}

static void
lotse_conflict_field_class_init (LotseConflictFieldClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = lotse_conflict_field_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/app/lotse/Lotse/sync/lotse-conflict-field.ui");
  gtk_widget_class_bind_template_child (widget_class, LotseConflictField, mine_check);
  gtk_widget_class_bind_template_child (widget_class, LotseConflictField, theirs_check);
  gtk_widget_class_bind_template_child (widget_class, LotseConflictField, edit_check);
  gtk_widget_class_bind_template_child (widget_class, LotseConflictField, mine_who);
  gtk_widget_class_bind_template_child (widget_class, LotseConflictField, mine_value);
  gtk_widget_class_bind_template_child (widget_class, LotseConflictField, theirs_who);
  gtk_widget_class_bind_template_child (widget_class, LotseConflictField, theirs_value);
  gtk_widget_class_bind_template_child (widget_class, LotseConflictField, base_box);
  gtk_widget_class_bind_template_child (widget_class, LotseConflictField, base_value);
  gtk_widget_class_bind_template_child (widget_class, LotseConflictField, diff_heading);
  gtk_widget_class_bind_template_child (widget_class, LotseConflictField, diff_label);
  gtk_widget_class_bind_template_child (widget_class, LotseConflictField, text_view);
}

static void
lotse_conflict_field_init (LotseConflictField *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * lotse_conflict_field_new:
 * @name: the field's name in the schema
 * @label: its label, as the person knows it
 * @mine: (nullable): this computer's value
 * @theirs: (nullable): the server's value
 */
GtkWidget *
lotse_conflict_field_new (const char *name,
                          const char *label,
                          const char *mine,
                          const char *theirs)
{
  LotseConflictField *self = g_object_new (LOTSE_TYPE_CONFLICT_FIELD, "title", label, NULL);

  self->name = g_strdup (name);
  self->mine = g_strdup (mine);
  self->theirs = g_strdup (theirs);
  set_value (self->mine_value, mine);
  set_value (self->theirs_value, theirs);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->text_view), mine ? mine : "", -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->text_view), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  label, -1);

  return GTK_WIDGET (self);
}

/* Who changed each side and when */
void
lotse_conflict_field_set_who (LotseConflictField *self,
                              const char         *mine_who,
                              const char         *theirs_who)
{
  g_return_if_fail (LOTSE_IS_CONFLICT_FIELD (self));

  gtk_label_set_text (self->mine_who, mine_who);
  gtk_label_set_text (self->theirs_who, theirs_who);
}

/* The value before both changes, where the server sent it */
void
lotse_conflict_field_set_base (LotseConflictField *self,
                               const char         *base)
{
  g_return_if_fail (LOTSE_IS_CONFLICT_FIELD (self));

  set_value (self->base_value, base);
  gtk_widget_set_visible (self->base_box, TRUE);
}

/* For long text: the lines that differ between the server's and mine */
void
lotse_conflict_field_show_diff (LotseConflictField *self)
{
  g_return_if_fail (LOTSE_IS_CONFLICT_FIELD (self));

  g_free (self->diff);
  self->diff = lotse_line_diff_markup (self->theirs, self->mine);
  gtk_label_set_markup (self->diff_label, self->diff);
  gtk_widget_set_visible (self->diff_heading, TRUE);
  gtk_widget_set_visible (GTK_WIDGET (self->diff_label), TRUE);
}

const char *
lotse_conflict_field_get_name (LotseConflictField *self)
{
  g_return_val_if_fail (LOTSE_IS_CONFLICT_FIELD (self), NULL);

  return self->name;
}

/* Returns: (nullable): the diff's markup, %NULL if it is not shown */
const char *
lotse_conflict_field_get_diff (LotseConflictField *self)
{
  g_return_val_if_fail (LOTSE_IS_CONFLICT_FIELD (self), NULL);

  return self->diff;
}

void
lotse_conflict_field_choose (LotseConflictField *self,
                             LotseSyncTake       take)
{
  g_return_if_fail (LOTSE_IS_CONFLICT_FIELD (self));

  gtk_check_button_set_active (take == LOTSE_SYNC_TAKE_MINE ? self->mine_check : self->theirs_check, TRUE);
}

/* Chooses "Write my own" with @text */
void
lotse_conflict_field_edit (LotseConflictField *self,
                           const char         *text)
{
  g_return_if_fail (LOTSE_IS_CONFLICT_FIELD (self));

  gtk_check_button_set_active (self->edit_check, TRUE);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->text_view), text, -1);
}

/* Returns: (transfer full) (nullable): the value chosen */
char *
lotse_conflict_field_dup_value (LotseConflictField *self)
{
  g_return_val_if_fail (LOTSE_IS_CONFLICT_FIELD (self), NULL);

  if (gtk_check_button_get_active (self->edit_check))
    {
      GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->text_view);
      GtkTextIter start, end;

      gtk_text_buffer_get_bounds (buffer, &start, &end);
      return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
    }
  if (gtk_check_button_get_active (self->theirs_check))
    return g_strdup (self->theirs);

  return g_strdup (self->mine);
}
