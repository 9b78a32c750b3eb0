/* lotse-meeting-detail-minutes.c: the meeting detail during the meeting
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * In minutes mode one agenda item is current: its row holds the minutes
 * editor, the other rows are one line each, so the agenda stays in sight
 * above and below the item being discussed. Ctrl+Page Down and
 * Ctrl+Page Up go to the next and previous item with the focus in its
 * notes (Alt+Up and Alt+Down move items, and the notes take Page Up and
 * Page Down); activating a row makes it current. Part of
 * LotseMeetingDetail (lotse-meeting-detail.c).
 *
 * A clock runs against the current item's time box from the moment it
 * became current, and against the meeting's length from the moment the
 * minutes were first opened. It ticks once a second only while the page
 * is mapped; the times themselves are kept, so hiding the page does not
 * stop the meeting. The clock is read through now_func, which tests
 * replace to step time without waiting.
 */

#define G_LOG_DOMAIN "lotse-meeting-detail"

#include "config.h"

#include <glib/gi18n.h>

#include "lotse-jourfixe-private.h"
#include "lotse-meeting-detail-private.h"

static gint64
now_seconds (LotseMeetingDetail *self)
{
  return (self->now_func ? self->now_func () : g_get_monotonic_time ()) / G_USEC_PER_SEC;
}

static char *
format_clock (gint64 seconds)
{
  seconds = MAX (seconds, 0);
  return g_strdup_printf ("%02d:%02d", (int)(seconds / 60), (int)(seconds % 60));
}

/* “03:12 of 10:00”, and how far over once the time is up. */
static char *
clock_text (gint64   spent,
            gint64   planned,
            gboolean has_plan)
{
  g_autofree char *spent_text = format_clock (spent);
  g_autofree char *planned_text = format_clock (planned);
  g_autofree char *over_text = format_clock (spent - planned);

  if (!has_plan)
    return g_steal_pointer (&spent_text);
  if (spent > planned)
    /* Translators: time spent against the time planned, and the overrun,
     * e.g. “12:30 of 10:00, 02:30 over” */
    return g_strdup_printf (_("%s of %s, %s over"), spent_text, planned_text, over_text);

  /* Translators: time spent against the time planned, e.g. “03:12 of 10:00” */
  return g_strdup_printf (_("%s of %s"), spent_text, planned_text);
}

static LotseAgendaRow *
current_row (LotseMeetingDetail *self)
{
  return self->current_id ? g_hash_table_lookup (self->agenda_rows, self->current_id) : NULL;
}

static void
update_clock (LotseMeetingDetail *self)
{
  LotseAgendaRow *row = current_row (self);
  gint64 now = now_seconds (self);
  gint64 length = self->meeting ? lotse_record_get_int (self->meeting, LOTSE_MEETING_DURATION_MIN, 0) * 60 : 0;
  g_autofree char *meeting_clock = NULL;
  g_autofree char *meeting_text = NULL;

  if (row != NULL)
    {
      gint64 planned = lotse_record_get_int (lotse_agenda_row_get_item (row), LOTSE_AGENDA_ITEM_DURATION_MIN, 0) * 60;
      gint64 spent = now - self->item_started;
      g_autofree char *text = clock_text (spent, planned, TRUE);

      lotse_agenda_row_set_clock (row, text, spent > planned);
    }

  meeting_clock = clock_text (now - self->meeting_started, length, length > 0);
  /* Translators: the time the meeting has been running, e.g.
   * “Meeting: 42:10 of 60:00” */
  meeting_text = g_strdup_printf (_("Meeting: %s"), meeting_clock);
  gtk_label_set_text (self->meeting_clock_label, meeting_text);
  if (length > 0 && now - self->meeting_started > length)
    gtk_widget_add_css_class (GTK_WIDGET (self->meeting_clock_label), "over");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->meeting_clock_label), "over");
}

static gboolean
clock_tick (gpointer data)
{
  update_clock (data);

  return G_SOURCE_CONTINUE;
}

/* The clock ticks while the minutes are shown, and only then. */
static void
update_timer (LotseMeetingDetail *self)
{
  gboolean run = self->minutes && gtk_widget_get_mapped (GTK_WIDGET (self));

  if (run && self->clock_id == 0)
    {
      update_clock (self);
      self->clock_id = g_timeout_add_seconds (1, clock_tick, self);
    }
  else if (!run)
    {
      g_clear_handle_id (&self->clock_id, g_source_remove);
    }
}

static void
set_current (LotseMeetingDetail *self,
             LotseAgendaRow     *row)
{
  LotseAgendaRow *old = current_row (self);

  if (old == row)
    return;

  if (old != NULL)
    lotse_agenda_row_set_current (old, FALSE);
  g_free (self->current_id);
  self->current_id = g_strdup (lotse_agenda_row_get_id (row));
  self->item_started = now_seconds (self);
  lotse_agenda_row_set_current (row, TRUE);
  update_clock (self);
}

/* Without a current item, the meeting goes on at its first open one. */
static LotseAgendaRow *
first_open_row (LotseMeetingDetail *self)
{
  LotseAgendaRow *first = lotse_meeting_detail_get_row (self, 0);

  for (guint i = 0; ; i++)
    {
      LotseAgendaRow *row = lotse_meeting_detail_get_row (self, i);

      if (row == NULL)
        return first;
      if (g_strcmp0 (lotse_record_get (lotse_agenda_row_get_item (row), LOTSE_AGENDA_ITEM_STATUS), "open") == 0)
        return row;
    }
}

/**
 * lotse_meeting_detail_update_current:
 * @self: a detail
 *
 * After the agenda or the mode changed: keeps the current item while it
 * is on the agenda, or takes the first open one.
 */
void
lotse_meeting_detail_update_current (LotseMeetingDetail *self)
{
  LotseAgendaRow *row = current_row (self);

  if (self->minutes && !self->meeting_clock_started)
    {
      self->meeting_started = now_seconds (self);
      self->meeting_clock_started = TRUE;
    }

  if (row == NULL && self->current_id != NULL)
    g_clear_pointer (&self->current_id, g_free);
  if (row == NULL && self->minutes && (row = first_open_row (self)) != NULL)
    set_current (self, row);

  gtk_widget_set_visible (GTK_WIDGET (self->meeting_clock_label), self->minutes);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "meeting.next-item", self->minutes);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "meeting.previous-item", self->minutes);
  update_timer (self);
}

/* Another meeting: its minutes start afresh. */
void
lotse_meeting_detail_reset_current (LotseMeetingDetail *self)
{
  g_clear_pointer (&self->current_id, g_free);
  self->meeting_clock_started = FALSE;
}

/**
 * lotse_meeting_detail_make_current:
 * @self: a detail
 * @row: a row of its agenda
 *
 * Goes on with the meeting at @row, the focus in its notes.
 */
/* Once the rows have their new sizes: the current item's title in sight,
 * not only its notes, which the focus brings into view. */
static gboolean
show_row_top (GtkWidget     *widget,
              GdkFrameClock *clock,
              gpointer       data)
{
  LotseMeetingDetail *self = data;
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (self->scrolled);
  graphene_point_t top;

  if (gtk_widget_compute_point (widget, GTK_WIDGET (self->scrolled), &GRAPHENE_POINT_INIT (0, 0), &top) &&
      top.y < 0)
    gtk_adjustment_set_value (adjustment, gtk_adjustment_get_value (adjustment) + top.y);

  return G_SOURCE_REMOVE;
}

void
lotse_meeting_detail_make_current (LotseMeetingDetail *self,
                                   LotseAgendaRow     *row)
{
  set_current (self, row);
  lotse_agenda_row_focus_notes (row);
  gtk_widget_add_tick_callback (GTK_WIDGET (row), show_row_top, self, NULL);
}

void
lotse_meeting_detail_step_item_action (GtkWidget  *widget,
                                       const char *action_name,
                                       GVariant   *parameter)
{
  LotseMeetingDetail *self = LOTSE_MEETING_DETAIL (widget);
  LotseAgendaRow *row = current_row (self);
  int delta = g_str_equal (action_name, "meeting.next-item") ? 1 : -1;
  int index = row ? gtk_list_box_row_get_index (GTK_LIST_BOX_ROW (row)) + delta : 0;
  LotseAgendaRow *next = index >= 0 ? lotse_meeting_detail_get_row (self, index) : NULL;

  if (next == NULL)
    {
      gtk_widget_error_bell (widget);
      return;
    }

  lotse_meeting_detail_make_current (self, next);
}

static void
on_map_changed (LotseMeetingDetail *self)
{
  update_timer (self);
}

void
lotse_meeting_detail_init_minutes (LotseMeetingDetail *self)
{
  /* In the capture phase: the notes' text view would take Ctrl+Page Down
   * for itself, and the shortcut must work while typing there. */
  GtkEventController *controller = gtk_shortcut_controller_new ();

  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (controller),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Page_Down, GDK_CONTROL_MASK),
                                                          gtk_named_action_new ("meeting.next-item")));
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (controller),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Page_Up, GDK_CONTROL_MASK),
                                                          gtk_named_action_new ("meeting.previous-item")));
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  g_signal_connect (self, "map", G_CALLBACK (on_map_changed), NULL);
  g_signal_connect (self, "unmap", G_CALLBACK (on_map_changed), NULL);
  lotse_meeting_detail_update_current (self);
}

void
lotse_meeting_detail_dispose_minutes (LotseMeetingDetail *self)
{
  g_clear_handle_id (&self->clock_id, g_source_remove);
  g_clear_pointer (&self->current_id, g_free);
}

/**
 * lotse_meeting_detail_set_now_func:
 * @self: a detail
 * @now_func: (nullable): the clock in microseconds, g_get_monotonic_time() if %NULL
 *
 * For the tests: a clock they can step.
 */
void
lotse_meeting_detail_set_now_func (LotseMeetingDetail *self,
                                   gint64            (*now_func) (void))
{
  g_return_if_fail (LOTSE_IS_MEETING_DETAIL (self));

  self->now_func = now_func;
}

const char *
lotse_meeting_detail_get_meeting_clock_text (LotseMeetingDetail *self)
{
  g_return_val_if_fail (LOTSE_IS_MEETING_DETAIL (self), NULL);

  return gtk_label_get_text (self->meeting_clock_label);
}
