/* lotse-timeline-panel.c: the timeline in a scrolled window, with zoom buttons
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lotse-timeline-panel"

#include "config.h"

#include <glib/gi18n.h>

#include "lotse-timeline.h"
#include "lotse-view-shortcuts.h"

struct _LotseTimelinePanel
{
  LotsePanel     parent_instance;

  GtkWidget     *box;
  LotseTimeline *timeline;
  GtkLabel      *zoom_label;
};

G_DEFINE_FINAL_TYPE (LotseTimelinePanel, lotse_timeline_panel, LOTSE_TYPE_PANEL)

static void
zoom_changed (LotseTimeline      *timeline,
              GParamSpec         *pspec,
              LotseTimelinePanel *self)
{
  const char *labels[] = {
    /* Translators: the timeline's zoom level */
    N_("Months"), N_("Quarters"), N_("Years"),
  };

  LotseTimelineZoom zoom = lotse_timeline_get_zoom (timeline);

  gtk_label_set_text (self->zoom_label, _(labels[zoom]));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "timeline.zoom-in", zoom > LOTSE_TIMELINE_ZOOM_MONTHS);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "timeline.zoom-out", zoom < LOTSE_TIMELINE_ZOOM_YEARS);
}

/* The buttons are the timeline's siblings, outside its action lookup: the
 * panel has the same actions and hands them on. */
static void
forward_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  LotseTimelinePanel *self = LOTSE_TIMELINE_PANEL (widget);

  gtk_widget_activate_action_variant (GTK_WIDGET (self->timeline), action_name, parameter);
}

static GtkWidget *
icon_button (const char *icon,
             const char *tooltip,
             const char *action)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon);

  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, tooltip, -1);
  gtk_widget_add_css_class (button, "flat");

  return button;
}

static void
draw_symbol (GtkDrawingArea *area,
             cairo_t        *cr,
             int             width,
             int             height,
             gpointer        user_data)
{
  const char *status = user_data;
  gboolean overdue = g_str_equal (status, "overdue");

  lotse_timeline_draw_status_symbol (GTK_WIDGET (area), cr, overdue ? "open" : status, overdue,
                                     width / 2.0, height / 2.0);
}

/* What the milestone shapes mean: the timeline tells status by shape. */
static GtkWidget *
legend_button (void)
{
  static const char * const statuses[] = { "open", "done", "at_risk", "missed", "cancelled", "overdue" };
  GtkWidget *button = gtk_menu_button_new ();
  GtkWidget *popover = gtk_popover_new ();
  GtkWidget *grid = gtk_grid_new ();

  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (button), "dialog-information-symbolic");
  gtk_widget_set_tooltip_text (button, _("Legend"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Legend"), -1);
  gtk_widget_add_css_class (button, "flat");
  gtk_grid_set_row_spacing (GTK_GRID (grid), 6);
  gtk_grid_set_column_spacing (GTK_GRID (grid), 12);
  gtk_widget_set_margin_start (grid, 6);
  gtk_widget_set_margin_end (grid, 6);
  gtk_widget_set_margin_top (grid, 6);
  gtk_widget_set_margin_bottom (grid, 6);

  for (guint i = 0; i < G_N_ELEMENTS (statuses); i++)
    {
      GtkWidget *area = gtk_drawing_area_new ();
      GtkWidget *label = gtk_label_new (g_str_equal (statuses[i], "overdue")
                                          /* Translators: in the timeline's legend; an open milestone past its due date */
                                          ? _("Overdue (also said in its label)")
                                          : lotse_enum_value_label ("milestone", "status", statuses[i]));

      gtk_drawing_area_set_content_width (GTK_DRAWING_AREA (area), 24);
      gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (area), 24);
      gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (area), draw_symbol, (gpointer) statuses[i], NULL);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_grid_attach (GTK_GRID (grid), area, 0, (int) i, 1, 1);
      gtk_grid_attach (GTK_GRID (grid), label, 1, (int) i, 1, 1);
    }
  {
    GtkWidget *line = gtk_drawing_area_new ();
    GtkWidget *label = gtk_label_new (_("Runtime of the project"));
    GtkWidget *today = gtk_label_new (_("The red line marks today. Milestones too near to tell apart "
                                        "share a mark, labelled with their number."));

    gtk_widget_add_css_class (line, "timeline-legend-bar");
    gtk_widget_set_size_request (line, 24, 12);
    gtk_widget_set_valign (line, GTK_ALIGN_CENTER);
    gtk_label_set_xalign (GTK_LABEL (label), 0);
    gtk_label_set_xalign (GTK_LABEL (today), 0);
    gtk_label_set_wrap (GTK_LABEL (today), TRUE);
    gtk_label_set_max_width_chars (GTK_LABEL (today), 30);
    gtk_grid_attach (GTK_GRID (grid), line, 0, G_N_ELEMENTS (statuses), 1, 1);
    gtk_grid_attach (GTK_GRID (grid), label, 1, G_N_ELEMENTS (statuses), 1, 1);
    gtk_grid_attach (GTK_GRID (grid), today, 0, G_N_ELEMENTS (statuses) + 1, 2, 1);
  }

  gtk_popover_set_child (GTK_POPOVER (popover), grid);
  gtk_menu_button_set_popover (GTK_MENU_BUTTON (button), popover);

  return button;
}

static void
lotse_timeline_panel_dispose (GObject *object)
{
  LotseTimelinePanel *self = LOTSE_TIMELINE_PANEL (object);

  g_clear_pointer (&self->box, gtk_widget_unparent);

  G_OBJECT_CLASS (lotse_timeline_panel_parent_class)->dispose (object);
}

/* The timeline reads every milestone in a worker, and follows the store
 * itself from then on. */
static void
lotse_timeline_panel_load (LotsePanel *panel)
{
  LotseTimelinePanel *self = LOTSE_TIMELINE_PANEL (panel);

  lotse_timeline_set_store (self->timeline, lotse_panel_get_store (panel));
}

static void
lotse_timeline_panel_class_init (LotseTimelinePanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lotse_timeline_panel_dispose;
  LOTSE_PANEL_CLASS (klass)->load = lotse_timeline_panel_load;

  gtk_widget_class_install_action (widget_class, "timeline.zoom-in", NULL, forward_action);
  gtk_widget_class_install_action (widget_class, "timeline.zoom-out", NULL, forward_action);
  gtk_widget_class_install_action (widget_class, "timeline.today", NULL, forward_action);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "timeline-panel");
}

static void
lotse_timeline_panel_init (LotseTimelinePanel *self)
{
  /* The same keys as the timeline's own, wherever the focus is. */
  static const LotseViewShortcut shortcuts[] = {
    { "<Control>plus", "timeline.zoom-in" },
    { "<Control>equal", "timeline.zoom-in" },
    { "<Control>KP_Add", "timeline.zoom-in" },
    { "<Control>minus", "timeline.zoom-out" },
    { "<Control>KP_Subtract", "timeline.zoom-out" },
    { "<Control>t", "timeline.today" },
  };
  GtkWidget *toolbar = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *today = gtk_button_new_with_mnemonic (_("_Today"));
  GtkWidget *history = gtk_toggle_button_new ();
  GtkWidget *overlay, *spinner;

  self->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_widget_set_parent (self->box, GTK_WIDGET (self));

  self->timeline = LOTSE_TIMELINE (lotse_timeline_new (NULL));
  self->zoom_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_width_chars (self->zoom_label, 8);

  gtk_widget_set_margin_start (toolbar, 6);
  gtk_widget_set_margin_end (toolbar, 6);
  gtk_widget_set_margin_top (toolbar, 6);
  gtk_widget_set_margin_bottom (toolbar, 6);
  gtk_box_append (GTK_BOX (toolbar), icon_button ("zoom-out-symbolic", _("Zoom Out"), "timeline.zoom-out"));
  gtk_box_append (GTK_BOX (toolbar), GTK_WIDGET (self->zoom_label));
  gtk_box_append (GTK_BOX (toolbar), icon_button ("zoom-in-symbolic", _("Zoom In"), "timeline.zoom-in"));
  gtk_widget_set_hexpand (today, TRUE);
  gtk_widget_set_halign (today, GTK_ALIGN_END);
  gtk_widget_set_tooltip_text (today, _("Scroll to today"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (today), "timeline.today");
  gtk_box_append (GTK_BOX (toolbar), today);
  /* The timeline opens on what still runs; the history is a click away. */
  gtk_button_set_icon_name (GTK_BUTTON (history), "document-open-recent-symbolic");
  gtk_widget_set_tooltip_text (history, _("Show Completed and Cancelled Projects"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (history), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Show Completed and Cancelled Projects"), -1);
  gtk_widget_add_css_class (history, "flat");
  g_object_bind_property (self->timeline, "history", history, "active",
                          G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
  gtk_box_append (GTK_BOX (toolbar), history);
  gtk_box_append (GTK_BOX (toolbar), legend_button ());

  gtk_box_append (GTK_BOX (self->box), toolbar);
  gtk_box_append (GTK_BOX (self->box), gtk_separator_new (GTK_ORIENTATION_HORIZONTAL));
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), GTK_WIDGET (self->timeline));
  gtk_widget_set_vexpand (scrolled, TRUE);

  /* Reading thousands of projects takes a moment: a spinner says so. */
  overlay = gtk_overlay_new ();
  spinner = gtk_spinner_new ();
  gtk_widget_set_size_request (spinner, 32, 32);
  gtk_widget_set_halign (spinner, GTK_ALIGN_CENTER);
  gtk_widget_set_valign (spinner, GTK_ALIGN_CENTER);
  gtk_widget_set_can_target (spinner, FALSE);
  g_object_bind_property (self->timeline, "loading", spinner, "spinning", G_BINDING_SYNC_CREATE);
  g_object_bind_property (self->timeline, "loading", spinner, "visible", G_BINDING_SYNC_CREATE);
  gtk_overlay_set_child (GTK_OVERLAY (overlay), scrolled);
  gtk_overlay_add_overlay (GTK_OVERLAY (overlay), spinner);
  gtk_box_append (GTK_BOX (self->box), overlay);

  g_signal_connect (self->timeline, "notify::zoom", G_CALLBACK (zoom_changed), self);
  zoom_changed (self->timeline, NULL, self);
  lotse_view_shortcuts_add (GTK_WIDGET (self), shortcuts, G_N_ELEMENTS (shortcuts));
}

GtkWidget *
lotse_timeline_panel_new (LotseStore *store)
{
  return g_object_new (LOTSE_TYPE_TIMELINE_PANEL, "store", store, NULL);
}

/**
 * lotse_timeline_panel_get_timeline:
 * @self: a panel
 *
 * Returns: (transfer none): the timeline
 */
LotseTimeline *
lotse_timeline_panel_get_timeline (LotseTimelinePanel *self)
{
  g_return_val_if_fail (LOTSE_IS_TIMELINE_PANEL (self), NULL);

  return self->timeline;
}
