/* lotse-project-row.c: one project in the portfolio's list
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The record row (title; acronym and status; health as a dot and a word)
 * and below it a line with the next milestone and, when there are any,
 * the number of overdue milestones with a warning icon. Built in code: the
 * list view keeps about 200 rows, and parsing a template for each would
 * cost.
 */

#define G_LOG_DOMAIN "lotse-project-row"

#include "config.h"

#include <glib/gi18n.h>

#include "lotse-conflict-badge.h"
#include "lotse-project-row.h"

struct _LotseProjectRow
{
  GtkWidget       parent_instance;

  LotseRecordRow *record_row;
  GtkLabel       *next_label;
  GtkWidget      *overdue_box;
  GtkLabel       *overdue_label;
  GtkWidget      *conflict_badge;
  LotseRecord    *shown;      /* the project of the summary shown */
};

G_DEFINE_FINAL_TYPE (LotseProjectRow, lotse_project_row, GTK_TYPE_WIDGET)

/**
 * lotse_project_health_icon_name:
 * @health: (nullable): "green", "yellow", "red" or %NULL
 *
 * Returns: an icon that tells the traffic light's state by its shape too
 */
const char *
lotse_project_health_icon_name (const char *health)
{
  if (g_strcmp0 (health, "green") == 0)
    return "emblem-ok-symbolic";
  if (g_strcmp0 (health, "yellow") == 0)
    return "dialog-warning-symbolic";
  if (g_strcmp0 (health, "red") == 0)
    return "dialog-error-symbolic";
  return "dialog-question-symbolic";
}

const char *
lotse_project_health_css_class (const char *health)
{
  if (g_strcmp0 (health, "green") == 0)
    return "health-green";
  if (g_strcmp0 (health, "yellow") == 0)
    return "health-yellow";
  if (g_strcmp0 (health, "red") == 0)
    return "health-red";
  return NULL;
}

static void
lotse_project_row_dispose (GObject *object)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&LOTSE_PROJECT_ROW (object)->shown);

  G_OBJECT_CLASS (lotse_project_row_parent_class)->dispose (object);
}

static void
lotse_project_row_class_init (LotseProjectRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lotse_project_row_dispose;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "project-row");
}

static void
lotse_project_row_init (LotseProjectRow *self)
{
  GtkBoxLayout *layout = GTK_BOX_LAYOUT (gtk_widget_get_layout_manager (GTK_WIDGET (self)));
  GtkWidget *line;
  GtkWidget *icon;

  gtk_orientable_set_orientation (GTK_ORIENTABLE (layout), GTK_ORIENTATION_VERTICAL);
  gtk_box_layout_set_spacing (layout, 2);

  self->record_row = LOTSE_RECORD_ROW (lotse_record_row_new ());
  gtk_widget_set_parent (GTK_WIDGET (self->record_row), GTK_WIDGET (self));

  line = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  gtk_widget_add_css_class (line, "milestone-line");
  gtk_widget_set_parent (line, GTK_WIDGET (self));

  self->next_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (self->next_label, 0.0f);
  gtk_label_set_ellipsize (self->next_label, PANGO_ELLIPSIZE_END);
  gtk_widget_set_hexpand (GTK_WIDGET (self->next_label), TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->next_label), "dim-label");
  gtk_box_append (GTK_BOX (line), GTK_WIDGET (self->next_label));

  self->overdue_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 4);
  gtk_widget_add_css_class (self->overdue_box, "overdue");
  icon = gtk_image_new_from_icon_name ("alarm-symbolic");
  gtk_box_append (GTK_BOX (self->overdue_box), icon);
  self->overdue_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_box_append (GTK_BOX (self->overdue_box), GTK_WIDGET (self->overdue_label));
  gtk_widget_set_visible (self->overdue_box, FALSE);
  gtk_box_append (GTK_BOX (line), self->overdue_box);

  self->conflict_badge = lotse_conflict_badge_new ();
  gtk_box_append (GTK_BOX (line), self->conflict_badge);
}

GtkWidget *
lotse_project_row_new (void)
{
  return g_object_new (LOTSE_TYPE_PROJECT_ROW, NULL);
}

/**
 * lotse_project_row_set_summary:
 * @self: a row
 * @summary: (nullable): the project to show, or %NULL to clear the row
 */
void
lotse_project_row_set_summary (LotseProjectRow           *self,
                               const LotseProjectSummary *summary)
{
  LotseRecord *project;
  const char *acronym;
  const char *status;
  const char *health;
  g_autofree char *subtitle = NULL;
  g_autofree char *next = NULL;
  g_autofree char *overdue = NULL;

  g_return_if_fail (LOTSE_IS_PROJECT_ROW (self));

  /* A list view binds a row again whenever its position changes. A summary
   * with the same project object is the same summary (the list reads both
   * together, and the row holds the object, so its address is not reused):
   * nothing to do. */
  if (summary != NULL && summary->project == self->shown)
    return;
  g_clear_object (&self->shown);
  if (summary != NULL)
    self->shown = g_object_ref (summary->project);

  if (summary == NULL)
    {
      lotse_record_row_set_title (self->record_row, NULL);
      lotse_record_row_set_subtitle (self->record_row, NULL);
      lotse_record_row_set_badge (self->record_row, NULL, NULL);
      gtk_label_set_text (self->next_label, "");
      gtk_widget_set_visible (self->overdue_box, FALSE);
      lotse_conflict_badge_set_record (LOTSE_CONFLICT_BADGE (self->conflict_badge), NULL, NULL);
      return;
    }

  project = summary->project;
  acronym = lotse_record_get (project, LOTSE_PROJECT_ACRONYM);
  status = lotse_enum_value_label (LOTSE_TABLE_PROJECT, LOTSE_PROJECT_STATUS, lotse_record_get (project, LOTSE_PROJECT_STATUS));
  health = lotse_record_get (project, LOTSE_PROJECT_HEALTH);

  if (acronym != NULL && *acronym != '\0')
    /* Translators: the acronym and the status of a project in the list,
     * e.g. "KIWI · Running" */
    subtitle = g_strdup_printf (_("%s · %s"), acronym, status);
  else
    subtitle = g_strdup (status);

  lotse_record_row_set_title (self->record_row, lotse_record_get (project, LOTSE_PROJECT_TITLE));
  lotse_record_row_set_subtitle (self->record_row, subtitle);
  lotse_record_row_set_badge (self->record_row, lotse_enum_value_label (LOTSE_TABLE_PROJECT,
                                                                        LOTSE_PROJECT_HEALTH, health),
                              lotse_project_health_css_class (health));

  if (summary->next_title != NULL)
    {
      g_autofree char *due = lotse_format_date (summary->next_due);

      /* Translators: the next milestone of a project and its due date,
       * e.g. "Next: Pilot started, 03/15/2027" */
      next = g_strdup_printf (_("Next: %s, %s"), summary->next_title, due);
    }
  else
    {
      next = g_strdup (_("No open milestone ahead"));
    }
  gtk_label_set_text (self->next_label, next);

  if (summary->n_overdue > 0)
    {
      overdue = g_strdup_printf (ngettext ("%u overdue", "%u overdue", summary->n_overdue),
                                 summary->n_overdue);
      gtk_label_set_text (self->overdue_label, overdue);
    }
  else
    {
      gtk_label_set_text (self->overdue_label, "");
    }
  gtk_widget_set_visible (self->overdue_box, summary->n_overdue > 0);
  lotse_conflict_badge_set_record (LOTSE_CONFLICT_BADGE (self->conflict_badge), LOTSE_TABLE_PROJECT,
                                   lotse_record_get_id (project));
}

LotseRecordRow *
lotse_project_row_get_record_row (LotseProjectRow *self)
{
  g_return_val_if_fail (LOTSE_IS_PROJECT_ROW (self), NULL);

  return self->record_row;
}

const char *
lotse_project_row_get_next (LotseProjectRow *self)
{
  g_return_val_if_fail (LOTSE_IS_PROJECT_ROW (self), NULL);

  return gtk_label_get_text (self->next_label);
}

GtkWidget *
lotse_project_row_get_conflict_badge (LotseProjectRow *self)
{
  g_return_val_if_fail (LOTSE_IS_PROJECT_ROW (self), NULL);

  return self->conflict_badge;
}

const char *
lotse_project_row_get_overdue (LotseProjectRow *self)
{
  g_return_val_if_fail (LOTSE_IS_PROJECT_ROW (self), NULL);

  return gtk_label_get_text (self->overdue_label);
}
