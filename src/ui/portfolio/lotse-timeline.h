/* lotse-timeline.h: projects and milestones on a time axis
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "lotse-core.h"
#include "lotse-panel.h"

G_BEGIN_DECLS

typedef enum
{
  LOTSE_TIMELINE_ZOOM_MONTHS,
  LOTSE_TIMELINE_ZOOM_QUARTERS,
  LOTSE_TIMELINE_ZOOM_YEARS,
} LotseTimelineZoom;

#define LOTSE_TYPE_TIMELINE (lotse_timeline_get_type ())

G_DECLARE_FINAL_TYPE (LotseTimeline, lotse_timeline, LOTSE, TIMELINE, GtkWidget)

GtkWidget         *lotse_timeline_new                (LotseStore        *store);
LotseStore        *lotse_timeline_get_store          (LotseTimeline     *self);
void               lotse_timeline_set_store          (LotseTimeline     *self,
                                                      LotseStore        *store);
LotseTimelineZoom  lotse_timeline_get_zoom           (LotseTimeline     *self);
void               lotse_timeline_set_zoom           (LotseTimeline     *self,
                                                      LotseTimelineZoom  zoom);
double             lotse_timeline_get_pixels_per_day (LotseTimeline     *self);
/* "Today" for the today line; NULL (the default) is the local date. */
void               lotse_timeline_set_today          (LotseTimeline     *self,
                                                      const char        *today);
void               lotse_timeline_scroll_to_today    (LotseTimeline     *self);
gboolean           lotse_timeline_is_loading         (LotseTimeline     *self);
guint              lotse_timeline_get_n_projects     (LotseTimeline     *self);
/* The selected project or milestone; FALSE when nothing is selected. */
gboolean           lotse_timeline_get_selected       (LotseTimeline     *self,
                                                      const char       **table,
                                                      const char       **id);
void               lotse_timeline_activate_selected  (LotseTimeline     *self);
void               lotse_timeline_draw_status_symbol (GtkWidget         *widget,
                                                      cairo_t           *cr,
                                                      const char        *status,
                                                      gboolean           overdue,
                                                      double             x,
                                                      double             y);
/* Completed and cancelled projects too; FALSE (the default) leaves them out. */
gboolean           lotse_timeline_get_history        (LotseTimeline     *self);
void               lotse_timeline_set_history        (LotseTimeline     *self,
                                                      gboolean           history);
/* Selects a project (and with @milestone_id one of its milestones) and
 * scrolls to it; FALSE if it is not shown. */
gboolean           lotse_timeline_select             (LotseTimeline     *self,
                                                      const char        *project_id,
                                                      const char        *milestone_id);

/* What is drawn, for tests: the first project shown, where a project's
 * name is, the marks of its milestones. */
typedef struct
{
  double      x;             /* the centre of the diamond */
  double      label_x;
  double      label_width;   /* 0: no room for a label */
  guint       n_milestones;  /* more than one: milestones too near to tell apart */
  gboolean    overdue;
  const char *first_id;      /* the first milestone's id, valid until the next reload */
} LotseTimelineMark;

const char        *lotse_timeline_get_first_visible_project (LotseTimeline   *self);
gboolean           lotse_timeline_get_name_area      (LotseTimeline     *self,
                                                      const char        *project_id,
                                                      graphene_rect_t   *area);
GArray            *lotse_timeline_get_marks          (LotseTimeline     *self,
                                                      const char        *project_id);

/* The timeline in a scrolled window, with zoom buttons. */
#define LOTSE_TYPE_TIMELINE_PANEL (lotse_timeline_panel_get_type ())

G_DECLARE_FINAL_TYPE (LotseTimelinePanel, lotse_timeline_panel, LOTSE, TIMELINE_PANEL, LotsePanel)

GtkWidget     *lotse_timeline_panel_new          (LotseStore         *store);
LotseTimeline *lotse_timeline_panel_get_timeline (LotseTimelinePanel *self);

G_END_DECLS
