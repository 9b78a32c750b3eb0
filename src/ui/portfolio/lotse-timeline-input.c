/* lotse-timeline-input.c: the timeline's selection, keys, pointer and tooltips
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One project, or one milestone of it, is selected. Up/Down move between
 * projects, Left/Right between a project and its milestones, Home/End,
 * Enter opens the selection (win.open-record), Ctrl and the wheel zoom; a
 * click selects what is under the pointer, a double click opens it. The
 * selection is told to assistive technologies as the grid's active row.
 */

#define G_LOG_DOMAIN "lotse-timeline"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "lotse-timeline-private.h"

static void
update_accessible_selection (LotseTimeline *self)
{
  Project *project = lotse_timeline_project_at (self, self->sel_project);
  g_autofree char *text = NULL;

  if (project == NULL)
    return;

  if (self->sel_milestone >= 0)
    {
      Milestone *milestone = &g_array_index (project->milestones, Milestone, self->sel_milestone);
      g_autofree char *due = lotse_format_date (milestone->due);

      text = g_strdup_printf (milestone->overdue
                                /* Translators: what the screen reader says of the selected milestone */
                                ? _("Milestone %s, due %s, %s, overdue, of %s")
                                : _("Milestone %s, due %s, %s, of %s"),
                              milestone->title, due,
                              lotse_enum_value_label (LOTSE_TABLE_MILESTONE, LOTSE_MILESTONE_STATUS,
                                                      lotse_timeline_status_names[milestone->status]),
                              project->title);
    }
  else
    {
      g_autofree char *start = lotse_format_date (project->start);
      g_autofree char *end = lotse_format_date (project->end);

      /* Translators: what the screen reader says of the selected project */
      text = g_strdup_printf (_("Project %s, %s to %s"), project->title,
                              start ? start : "–", end ? end : "–");
    }

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, text, -1);
}

static void
scroll_to_selection (LotseTimeline *self)
{
  Project *project = lotse_timeline_project_at (self, self->sel_project);
  double top, x = -1;
  int width = gtk_widget_get_width (GTK_WIDGET (self));
  int height = gtk_widget_get_height (GTK_WIDGET (self));
  int left = lotse_timeline_name_width (self);
  double x0, x1;

  if (project == NULL)
    return;

  top = lotse_timeline_y_of_row (self, self->sel_project);
  if (top < AXIS_HEIGHT)
    gtk_adjustment_set_value (self->vadjustment,
                              gtk_adjustment_get_value (self->vadjustment) - (AXIS_HEIGHT - top));
  else if (top + ROW_HEIGHT > height)
    gtk_adjustment_set_value (self->vadjustment,
                              gtk_adjustment_get_value (self->vadjustment) + (top + ROW_HEIGHT - height));

  if (self->sel_milestone >= 0)
    x = lotse_timeline_x_of_day (self, g_array_index (project->milestones, Milestone, self->sel_milestone).day);
  else if (project->start_day != 0)
    {
      x0 = lotse_timeline_x_of_day (self, project->start_day);
      x1 = lotse_timeline_x_of_day (self, project->end_day + 1);
      if (x1 < left || x0 > width)
        x = x0;
    }

  /* Into the chart's first third, right of the names. */
  if (x != -1 && (x < left + 20 || x > width - 20))
    gtk_adjustment_set_value (self->hadjustment,
                              gtk_adjustment_get_value (self->hadjustment) + x - left - (width - left) / 3.0);
}

static void
select_item (LotseTimeline *self,
             int            project,
             int            milestone)
{
  Project *p;

  if (lotse_timeline_get_n_projects (self) == 0)
    return;

  project = CLAMP (project, 0, (int) lotse_timeline_get_n_projects (self) - 1);
  p = lotse_timeline_project_at (self, project);
  milestone = CLAMP (milestone, -1, (int) p->milestones->len - 1);

  self->sel_project = project;
  self->sel_milestone = milestone;
  scroll_to_selection (self);
  update_accessible_selection (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

gboolean
lotse_timeline_get_selected (LotseTimeline  *self,
                             const char    **table,
                             const char    **id)
{
  Project *project;

  g_return_val_if_fail (LOTSE_IS_TIMELINE (self), FALSE);

  project = lotse_timeline_project_at (self, self->sel_project);
  if (project == NULL)
    return FALSE;

  if (self->sel_milestone >= 0)
    {
      if (table)
        *table = LOTSE_TABLE_MILESTONE;
      if (id)
        *id = g_array_index (project->milestones, Milestone, self->sel_milestone).id;
    }
  else
    {
      if (table)
        *table = LOTSE_TABLE_PROJECT;
      if (id)
        *id = project->id;
    }

  return TRUE;
}

gboolean
lotse_timeline_select (LotseTimeline *self,
                       const char    *project_id,
                       const char    *milestone_id)
{
  g_return_val_if_fail (LOTSE_IS_TIMELINE (self), FALSE);

  for (guint i = 0; i < lotse_timeline_get_n_projects (self); i++)
    {
      Project *project = lotse_timeline_project_at (self, (int) i);
      int milestone = -1;

      if (g_strcmp0 (project->id, project_id) != 0)
        continue;

      for (guint j = 0; milestone_id != NULL && j < project->milestones->len; j++)
        if (g_strcmp0 (g_array_index (project->milestones, Milestone, j).id, milestone_id) == 0)
          milestone = (int) j;

      select_item (self, (int) i, milestone);
      return TRUE;
    }

  return FALSE;
}

void
lotse_timeline_activate_selected (LotseTimeline *self)
{
  const char *table, *id;

  g_return_if_fail (LOTSE_IS_TIMELINE (self));

  if (lotse_timeline_get_selected (self, &table, &id))
    gtk_widget_activate_action (GTK_WIDGET (self), "win.open-record", "(ss)", table, id);
}

/* The first row that is wholly in view: where the keyboard starts. */
int
lotse_timeline_first_visible_row (LotseTimeline *self)
{
  double vvalue = gtk_adjustment_get_value (self->vadjustment);

  return CLAMP ((int) ceil (vvalue / ROW_HEIGHT), 0, MAX ((int) lotse_timeline_get_n_projects (self) - 1, 0));
}

static void
focus_entered (GtkEventControllerFocus *controller,
               LotseTimeline           *self)
{
  if (self->sel_project < 0 && lotse_timeline_get_n_projects (self) > 0)
    select_item (self, lotse_timeline_first_visible_row (self), -1);
}

static gboolean
key_pressed (GtkEventControllerKey *controller,
             guint                  keyval,
             guint                  keycode,
             GdkModifierType        state,
             LotseTimeline         *self)
{
  int project = MAX (self->sel_project, 0);
  int page = MAX (1, (gtk_widget_get_height (GTK_WIDGET (self)) - AXIS_HEIGHT) / ROW_HEIGHT);

  if (state & (GDK_CONTROL_MASK | GDK_ALT_MASK))
    return FALSE;

  switch (keyval)
    {
    case GDK_KEY_Up:
    case GDK_KEY_KP_Up:
      select_item (self, self->sel_project < 0 ? lotse_timeline_first_visible_row (self) : project - 1, -1);
      return TRUE;
    case GDK_KEY_Down:
    case GDK_KEY_KP_Down:
      select_item (self, self->sel_project < 0 ? lotse_timeline_first_visible_row (self) : project + 1, -1);
      return TRUE;
    case GDK_KEY_Page_Up:
      select_item (self, project - page, -1);
      return TRUE;
    case GDK_KEY_Page_Down:
      select_item (self, project + page, -1);
      return TRUE;
    case GDK_KEY_Home:
      select_item (self, 0, -1);
      return TRUE;
    case GDK_KEY_End:
      select_item (self, (int) lotse_timeline_get_n_projects (self) - 1, -1);
      return TRUE;
    case GDK_KEY_Left:
    case GDK_KEY_KP_Left:
      select_item (self, project, self->sel_milestone - 1);
      return TRUE;
    case GDK_KEY_Right:
    case GDK_KEY_KP_Right:
      select_item (self, project, self->sel_milestone + 1);
      return TRUE;
    case GDK_KEY_Return:
    case GDK_KEY_KP_Enter:
    case GDK_KEY_ISO_Enter:
    case GDK_KEY_space:
      lotse_timeline_activate_selected (self);
      return TRUE;
    default:
      return FALSE;
    }
}

/* Ctrl and the wheel zoom, as in maps and image viewers. */
static gboolean
scrolled (GtkEventControllerScroll *controller,
          double                    dx,
          double                    dy,
          LotseTimeline            *self)
{
  GdkModifierType state = gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (controller));

  if (!(state & GDK_CONTROL_MASK) || dy == 0)
    return FALSE;

  if (dy < 0 && self->zoom > LOTSE_TIMELINE_ZOOM_MONTHS)
    lotse_timeline_set_zoom (self, self->zoom - 1);
  else if (dy > 0 && self->zoom < LOTSE_TIMELINE_ZOOM_YEARS)
    lotse_timeline_set_zoom (self, self->zoom + 1);

  return TRUE;
}

/* The project row and the mark under a point; FALSE when none. A mark of
 * several milestones stands for its first one. */
static gboolean
hit_test (LotseTimeline *self,
          double         x,
          double         y,
          int           *project_out,
          int           *milestone_out,
          guint         *n_milestones)
{
  double vvalue = gtk_adjustment_get_value (self->vadjustment);
  g_autoptr(GArray) marks = NULL;
  int row;
  Project *project;

  if (y < AXIS_HEIGHT || self->data == NULL)
    return FALSE;

  row = (int) floor ((y - AXIS_HEIGHT + vvalue) / ROW_HEIGHT);
  project = lotse_timeline_project_at (self, row);
  if (project == NULL)
    return FALSE;

  *project_out = row;
  *milestone_out = -1;
  *n_milestones = 0;
  if (x < lotse_timeline_name_width (self))
    return TRUE;

  marks = lotse_timeline_layout_marks (self, project, NULL);
  for (guint i = 0; i < marks->len; i++)
    {
      Mark *mark = &g_array_index (marks, Mark, i);
      double my = lotse_timeline_y_of_row (self, row) + BAR_TOP + BAR_HEIGHT / 2.0;

      if (fabs (mark->x - x) <= DIAMOND + 4 && fabs (my - y) <= DIAMOND + 4)
        {
          *milestone_out = (int) mark->first;
          *n_milestones = mark->count;
          break;
        }
    }

  return TRUE;
}

static void
pressed (GtkGestureClick *gesture,
         int              n_press,
         double           x,
         double           y,
         LotseTimeline   *self)
{
  int project, milestone;
  guint n;

  gtk_widget_grab_focus (GTK_WIDGET (self));
  if (!hit_test (self, x, y, &project, &milestone, &n))
    return;

  select_item (self, project, milestone);
  if (n_press == 2)
    lotse_timeline_activate_selected (self);
}

gboolean
lotse_timeline_query_tooltip (GtkWidget  *widget,
                              int         x,
                              int         y,
                              gboolean    keyboard,
                              GtkTooltip *tooltip)
{
  LotseTimeline *self = LOTSE_TIMELINE (widget);
  g_autofree char *text = NULL;
  int row, index;
  guint n = 1;
  Project *project;

  if (keyboard)
    {
      row = self->sel_project;
      index = self->sel_milestone;
    }
  else if (!hit_test (self, x, y, &row, &index, &n))
    return FALSE;

  project = lotse_timeline_project_at (self, row);
  if (project == NULL)
    return FALSE;

  if (index >= 0)
    {
      g_autoptr(GString) lines = g_string_new (NULL);
      g_autofree char *name = g_markup_escape_text (project->title, -1);

      /* Every milestone of a mark, one line each. */
      for (guint i = (guint) index; i < (guint) index + MAX (n, 1) && i < project->milestones->len; i++)
        {
          Milestone *milestone = &g_array_index (project->milestones, Milestone, i);
          const char *status = lotse_enum_value_label (LOTSE_TABLE_MILESTONE, LOTSE_MILESTONE_STATUS,
                                                       lotse_timeline_status_names[milestone->status]);
          g_autofree char *due = lotse_format_date (milestone->due);
          g_autofree char *line = milestone->overdue
            /* Translators: a milestone in the timeline's tooltip: title, due date, status */
            ? g_markup_printf_escaped (_("<b>%s</b>\n%s · %s · overdue"), milestone->title, due, status)
            : g_markup_printf_escaped ("<b>%s</b>\n%s · %s", milestone->title, due, status);

          g_string_append_printf (lines, "%s%s", lines->len > 0 ? "\n" : "", line);
        }
      text = g_strdup_printf ("%s\n%s", lines->str, name);
    }
  else
    {
      g_autofree char *start = lotse_format_date (project->start);
      g_autofree char *end = lotse_format_date (project->end);

      /* Translators: a project's runtime in the timeline's tooltip */
      text = g_markup_printf_escaped (_("<b>%s</b>\n%s to %s"), project->title,
                                      start ? start : "–", end ? end : "–");
    }

  gtk_tooltip_set_markup (tooltip, text);

  return TRUE;
}

/* The controllers of the keys, the focus, the wheel and clicks. */
void
lotse_timeline_add_controllers (LotseTimeline *self)
{
  GtkEventController *key = gtk_event_controller_key_new ();
  GtkEventController *focus = gtk_event_controller_focus_new ();
  GtkGesture *click = gtk_gesture_click_new ();
  GtkEventController *scroll = gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_VERTICAL |
                                                                GTK_EVENT_CONTROLLER_SCROLL_DISCRETE);

  g_signal_connect (key, "key-pressed", G_CALLBACK (key_pressed), self);
  g_signal_connect (focus, "enter", G_CALLBACK (focus_entered), self);
  gtk_widget_add_controller (GTK_WIDGET (self), focus);
  gtk_widget_add_controller (GTK_WIDGET (self), key);
  g_signal_connect (scroll, "scroll", G_CALLBACK (scrolled), self);
  gtk_widget_add_controller (GTK_WIDGET (self), scroll);
  g_signal_connect (click, "pressed", G_CALLBACK (pressed), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));
}
