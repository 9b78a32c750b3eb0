/* lotse-timeline-private.h: what the timeline's data, input, geometry and drawing share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "lotse-timeline.h"

G_BEGIN_DECLS

#define AXIS_HEIGHT   40
#define ROW_HEIGHT    40
#define BAR_TOP       22    /* the runtime bar within its row */
#define BAR_HEIGHT    12
#define DIAMOND       7.0
#define MARK_ROOM     (2 * DIAMOND + 6)  /* two marks nearer than this become one */
#define NAME_WIDTH    240   /* the column of project names, where there is room */
#define NAME_MAX_WIDTH 400

typedef enum
{
  STATUS_OPEN,
  STATUS_DONE,
  STATUS_AT_RISK,
  STATUS_MISSED,
  STATUS_CANCELLED,
} Status;

typedef struct
{
  char    *id;
  char    *title;
  char    *due;
  int      day;
  Status   status;
  gboolean overdue;   /* lotse_monitor_is_overdue() on the day of reading */
} Milestone;

typedef struct
{
  char   *id;
  char   *title;
  char   *start;
  char   *end;
  char   *status;
  int     start_day;  /* 0: none */
  int     end_day;
  GArray *milestones; /* Milestone, by due date */
} Project;

typedef struct
{
  GArray *projects;   /* Project */
  int     first_day;
  int     last_day;
} Data;

/* One mark of a row: a milestone, or several whose diamonds would overlap
 * at this zoom, drawn once with their number. */
typedef struct
{
  double   x;
  guint    first;     /* index of its first milestone */
  guint    count;
  Status   status;    /* the most urgent of them */
  gboolean overdue;   /* any of them */
  double   label_x;   /* where its label goes, and how wide it may be */
  double   label_width;
} Mark;

typedef struct
{
  GdkRGBA fg;
  GdkRGBA bg;
  GdkRGBA bar;
  GdkRGBA bar_border;
  GdkRGBA grid;
  GdkRGBA today;
  GdkRGBA focus;
  GdkRGBA label;
  GdkRGBA overdue;
  GdkRGBA status[5];
} Palette;

struct _LotseTimeline
{
  GtkWidget          parent_instance;

  LotseStore        *store;
  gulong             changed_handler;
  GCancellable      *cancellable;
  guint              reload_source;
  gboolean           loading;
  gboolean           history;   /* also completed and cancelled projects */
  Data              *data;

  GtkAdjustment     *hadjustment;
  GtkAdjustment     *vadjustment;
  guint              hscroll_policy : 1;
  guint              vscroll_policy : 1;
  gboolean           scrolled_to_today;

  LotseTimelineZoom  zoom;
  int                today;

  int                sel_project;    /* -1: none */
  int                sel_milestone;  /* -1: the project itself */
};

extern const char * const lotse_timeline_status_names[];

/* What a load reads: the day the timeline shows as today, and whether
 * closed projects (the history) are wanted. */
typedef struct
{
  int      today;
  gboolean history;
} LoadRequest;

/* lotse-timeline-data.c */
int      lotse_timeline_julian_of           (const char      *text);
Status   lotse_timeline_status_from_string  (const char      *status);
void     lotse_timeline_data_free           (Data            *data);
/* On a worker thread, with the store's reader: a LoadRequest in, Data out */
gpointer lotse_timeline_load_query          (LotseStore      *store,
                                             gpointer         user_data,
                                             GError         **error);

/* lotse-timeline-input.c */
void     lotse_timeline_add_controllers     (LotseTimeline   *self);
int      lotse_timeline_first_visible_row   (LotseTimeline   *self);
gboolean lotse_timeline_query_tooltip       (GtkWidget       *widget,
                                             int              x,
                                             int              y,
                                             gboolean         keyboard_tooltip,
                                             GtkTooltip      *tooltip);

/* lotse-timeline-draw.c */
int      lotse_timeline_name_width   (LotseTimeline   *self);
double   lotse_timeline_x_of_day     (LotseTimeline   *self,
                                      double           day);
double   lotse_timeline_y_of_row     (LotseTimeline   *self,
                                      int              row);
Project *lotse_timeline_project_at   (LotseTimeline   *self,
                                      int              row);
GArray  *lotse_timeline_layout_marks (LotseTimeline   *self,
                                      Project         *project,
                                      PangoLayout     *layout);
void     lotse_timeline_read_palette (GtkWidget       *widget,
                                      Palette         *palette);
void     lotse_timeline_draw_mark    (cairo_t         *cr,
                                      const Palette   *palette,
                                      Status           status,
                                      gboolean         overdue,
                                      double           x,
                                      double           y);
void     lotse_timeline_draw         (LotseTimeline   *self,
                                      cairo_t         *cr,
                                      PangoLayout     *layout,
                                      int              width,
                                      int              height);

G_END_DECLS
