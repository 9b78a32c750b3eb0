/* lotse-register-row.c: one action item or decision in the registers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Its title, a line of what it belongs to (owner, due date, project,
 * meeting: the registers write it), and a button to the meeting. An action
 * item has a check for done; ticking it emits "done-toggled", and the
 * registers store it.
 */

#define G_LOG_DOMAIN "lotse-register-row"

#include "config.h"

#include "lotse-register-row.h"

struct _LotseRegisterRow
{
  GtkBox          parent_instance;

  LotseRecord    *record;
  gboolean        setting;      /* the check follows the record, not the person */

  GtkCheckButton *done_check;
  GtkLabel       *title_label;
  GtkLabel       *subtitle_label;
  GtkWidget      *open_button;
};

G_DEFINE_FINAL_TYPE (LotseRegisterRow, lotse_register_row, GTK_TYPE_BOX)

enum {
  DONE_TOGGLED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
done_toggled_cb (LotseRegisterRow *self)
{
  if (!self->setting && self->record != NULL)
    g_signal_emit (self, signals[DONE_TOGGLED], 0, gtk_check_button_get_active (self->done_check));
}

static void
lotse_register_row_dispose (GObject *object)
{
  LotseRegisterRow *self = LOTSE_REGISTER_ROW (object);

  g_clear_object (&self->record);

  G_OBJECT_CLASS (lotse_register_row_parent_class)->dispose (object);
}

static void
lotse_register_row_class_init (LotseRegisterRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lotse_register_row_dispose;

  /**
   * LotseRegisterRow::done-toggled:
   * @done: whether the person ticked the action item done
   */
  signals[DONE_TOGGLED] =
    g_signal_new ("done-toggled", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_BOOLEAN);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/app/lotse/Lotse/jourfixe/lotse-register-row.ui");
  gtk_widget_class_bind_template_child (widget_class, LotseRegisterRow, done_check);
  gtk_widget_class_bind_template_child (widget_class, LotseRegisterRow, title_label);
  gtk_widget_class_bind_template_child (widget_class, LotseRegisterRow, subtitle_label);
  gtk_widget_class_bind_template_child (widget_class, LotseRegisterRow, open_button);
  gtk_widget_class_bind_template_callback (widget_class, done_toggled_cb);
}

static void
lotse_register_row_init (LotseRegisterRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * lotse_register_row_new:
 * @action_item: whether the row shows action items (with a check for done)
 *   or decisions
 */
GtkWidget *
lotse_register_row_new (gboolean action_item)
{
  LotseRegisterRow *self = g_object_new (LOTSE_TYPE_REGISTER_ROW, NULL);

  gtk_widget_set_visible (GTK_WIDGET (self->done_check), action_item);

  return GTK_WIDGET (self);
}

/**
 * lotse_register_row_set_record:
 * @record: (nullable): the action item or decision shown, %NULL when unbound
 *
 * Ticks the check as the record's status says, without "done-toggled".
 */
void
lotse_register_row_set_record (LotseRegisterRow *self,
                               LotseRecord      *record)
{
  g_return_if_fail (LOTSE_IS_REGISTER_ROW (self));

  g_set_object (&self->record, record);
  if (record != NULL && gtk_widget_get_visible (GTK_WIDGET (self->done_check)))
    lotse_register_row_set_done (self, g_strcmp0 (lotse_record_get (record, LOTSE_ACTION_ITEM_STATUS),
                                                  "done") == 0);
}

LotseRecord *
lotse_register_row_get_record (LotseRegisterRow *self)
{
  g_return_val_if_fail (LOTSE_IS_REGISTER_ROW (self), NULL);

  return self->record;
}

/* Sets the check without "done-toggled": to show the record, or to undo a
 * tick that could not be stored */
void
lotse_register_row_set_done (LotseRegisterRow *self,
                             gboolean          done)
{
  g_return_if_fail (LOTSE_IS_REGISTER_ROW (self));

  self->setting = TRUE;
  gtk_check_button_set_active (self->done_check, done);
  self->setting = FALSE;
}

/* Overdue says so in words in @subtitle; the colour only underlines it. */
void
lotse_register_row_set_text (LotseRegisterRow *self,
                             const char       *title,
                             const char       *subtitle,
                             gboolean          overdue)
{
  g_return_if_fail (LOTSE_IS_REGISTER_ROW (self));

  gtk_label_set_text (self->title_label, title);
  gtk_label_set_text (self->subtitle_label, subtitle);
  if (overdue)
    gtk_widget_add_css_class (GTK_WIDGET (self->subtitle_label), "overdue");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->subtitle_label), "overdue");
}

/* The meeting the button opens; none (%NULL) leaves it insensitive */
void
lotse_register_row_set_meeting (LotseRegisterRow *self,
                                const char       *meeting_id)
{
  g_return_if_fail (LOTSE_IS_REGISTER_ROW (self));

  gtk_widget_set_sensitive (self->open_button, meeting_id != NULL);
  gtk_actionable_set_action_target (GTK_ACTIONABLE (self->open_button), "s", meeting_id ? meeting_id : "");
}
