/* lotse-timeline-panel.c: the timeline in a scrolled window, with zoom buttons
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lotse-timeline-panel"

#include "config.h"

#include <glib/gi18n.h>

#include "lotse-timeline.h"
#include "lotse-timeline-symbol.h"
#include "lotse-view-shortcuts.h"

struct _LotseTimelinePanel
{
  LotsePanel     parent_instance;

  GtkWidget     *box;            /* the template's child */
  LotseTimeline *timeline;
  GtkLabel      *zoom_label;
};

G_DEFINE_FINAL_TYPE (LotseTimelinePanel, lotse_timeline_panel, LOTSE_TYPE_PANEL)

static void
zoom_changed (LotseTimelinePanel *self,
              GParamSpec         *pspec,
              LotseTimeline      *timeline)
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

static void
lotse_timeline_panel_dispose (GObject *object)
{
  LotseTimelinePanel *self = LOTSE_TIMELINE_PANEL (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), LOTSE_TYPE_TIMELINE_PANEL);

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

  g_type_ensure (LOTSE_TYPE_TIMELINE);
  g_type_ensure (LOTSE_TYPE_TIMELINE_SYMBOL);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/app/lotse/Lotse/portfolio/lotse-timeline-panel.ui");
  gtk_widget_class_bind_template_child (widget_class, LotseTimelinePanel, box);
  gtk_widget_class_bind_template_child (widget_class, LotseTimelinePanel, timeline);
  gtk_widget_class_bind_template_child (widget_class, LotseTimelinePanel, zoom_label);
  gtk_widget_class_bind_template_callback (widget_class, zoom_changed);
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

  gtk_widget_init_template (GTK_WIDGET (self));
  zoom_changed (self, NULL, self->timeline);
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
