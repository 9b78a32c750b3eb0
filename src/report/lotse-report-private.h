/* lotse-report-private.h: the page layout shared by the three reports
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A report is a list of pages; a page is a list of items (text, boxes,
 * lines, marks) placed in points on an A4 sheet. The builder flows
 * headings, paragraphs and tables down the pages: paragraphs split between
 * lines, tables between rows and repeat their header on each page.
 */

#pragma once

#include <pango/pangocairo.h>

#include "lotse-report.h"

G_BEGIN_DECLS

#define LOTSE_REPORT_A4_SHORT  595.276
#define LOTSE_REPORT_A4_LONG   841.890
#define LOTSE_REPORT_MARGIN    42.0    /* ≈ 15 mm */
#define LOTSE_REPORT_FOOTER    28.0    /* the band the footer takes at the bottom */

/* Colours are 0xRRGGBB; LOTSE_REPORT_NONE draws nothing. */
#define LOTSE_REPORT_NONE      0xffffffffu
#define LOTSE_REPORT_INK       0x241f31u
#define LOTSE_REPORT_MUTED     0x5e5c64u
#define LOTSE_REPORT_RULE      0xc0bfbcu
#define LOTSE_REPORT_SHADE     0xf2f2f0u
#define LOTSE_REPORT_HEADER_BG 0xdeddda

typedef enum
{
  LOTSE_REPORT_ITEM_TEXT,
  LOTSE_REPORT_ITEM_RECT,
  LOTSE_REPORT_ITEM_LINE,
  LOTSE_REPORT_ITEM_DIAMOND,
  LOTSE_REPORT_ITEM_DOT,
  LOTSE_REPORT_ITEM_OUTLINE,  /* a bookmark of the PDF; draws nothing */
} LotseReportItemKind;

typedef struct
{
  LotseReportItemKind  kind;
  double               x, y, w, h;      /* LINE: from (x, y) to (x + w, y + h) */
  guint32              fill;
  guint32              stroke;
  double               line_width;
  gboolean             dashed;
  PangoLayout         *layout;          /* TEXT */
  int                  first_line;      /* TEXT: the lines to draw; OUTLINE: the level */
  int                  n_lines;
  char                *text;            /* OUTLINE */
} LotseReportItem;

typedef enum
{
  LOTSE_REPORT_FONT_TITLE,
  LOTSE_REPORT_FONT_SUBTITLE,
  LOTSE_REPORT_FONT_HEADING,
  LOTSE_REPORT_FONT_SUBHEADING,
  LOTSE_REPORT_FONT_BODY,
  LOTSE_REPORT_FONT_TABLE,
  LOTSE_REPORT_FONT_TABLE_HEADER,
  LOTSE_REPORT_FONT_SMALL,
  LOTSE_REPORT_N_FONTS
} LotseReportFont;

typedef struct _LotseReportBuilder LotseReportBuilder;

struct _LotseReportBuilder
{
  LotseReport  *report;
  PangoContext *context;
  double        page_width;
  double        page_height;
  double        left;
  double        right;
  double        top;
  double        bottom;
  double        y;
  GArray       *page;  /* the items of the page being filled */
  PangoFontDescription *fonts[LOTSE_REPORT_N_FONTS];  /* parsed once, not per cell */
};

/* A column's share of the width and how its cells read. */
typedef struct
{
  const char     *title;
  double          weight;
  PangoAlignment  align;
} LotseReportColumn;

/* LOTSE_REPORT_CELL_MARKUP: the text is Pango markup (escape user text). */
typedef enum
{
  LOTSE_REPORT_CELL_PLAIN  = 0,
  LOTSE_REPORT_CELL_MARKUP = 1 << 0,
  LOTSE_REPORT_CELL_BOLD   = 1 << 1,
} LotseReportCellFlags;

typedef struct
{
  const char           *text;
  LotseReportCellFlags  flags;
  guint32               dot;   /* a traffic light before the text, or LOTSE_REPORT_NONE */
} LotseReportCell;

typedef struct _LotseReportTable LotseReportTable;

/* lotse-report.c */
LotseReport        *lotse_report_new                (LotseReportKind           kind,
                                                     const char               *title,
                                                     const char               *today,
                                                     const char               *author,
                                                     gboolean                  landscape);
void                lotse_report_take_page          (LotseReport              *self,
                                                     GArray                   *items);
const char         *lotse_report_get_today          (LotseReport              *self);
void                lotse_report_set_file_date      (LotseReport              *self,
                                                     const char               *date);

/* lotse-report-layout.c */
LotseReportBuilder *lotse_report_builder_new        (LotseReport              *report);
void                lotse_report_builder_finish     (LotseReportBuilder       *self);
PangoLayout        *lotse_report_builder_layout     (LotseReportBuilder       *self,
                                                     const char               *text,
                                                     LotseReportFont           font,
                                                     double                    width);
PangoLayout        *lotse_report_builder_markup     (LotseReportBuilder       *self,
                                                     const char               *markup,
                                                     LotseReportFont           font,
                                                     double                    width);
double              lotse_report_layout_height      (PangoLayout              *layout);
double              lotse_report_layout_width       (PangoLayout              *layout);
void                lotse_report_builder_new_page   (LotseReportBuilder       *self);
gboolean            lotse_report_builder_ensure     (LotseReportBuilder       *self,
                                                     double                    height);
double              lotse_report_builder_width      (LotseReportBuilder       *self);
void                lotse_report_builder_space      (LotseReportBuilder       *self,
                                                     double                    height);
void                lotse_report_builder_add        (LotseReportBuilder       *self,
                                                     const LotseReportItem    *item);
void                lotse_report_builder_add_text   (LotseReportBuilder       *self,
                                                     PangoLayout              *layout,
                                                     double                    x,
                                                     double                    y,
                                                     guint32                   colour);
void                lotse_report_builder_add_rect   (LotseReportBuilder       *self,
                                                     double                    x,
                                                     double                    y,
                                                     double                    w,
                                                     double                    h,
                                                     guint32                   fill,
                                                     guint32                   stroke);
void                lotse_report_builder_add_line   (LotseReportBuilder       *self,
                                                     double                    x0,
                                                     double                    y0,
                                                     double                    x1,
                                                     double                    y1,
                                                     guint32                   colour,
                                                     double                    width,
                                                     gboolean                  dashed);
void                lotse_report_builder_add_mark   (LotseReportBuilder       *self,
                                                     LotseReportItemKind       kind,
                                                     double                    cx,
                                                     double                    cy,
                                                     double                    size,
                                                     guint32                   fill,
                                                     guint32                   stroke);
void                lotse_report_builder_outline    (LotseReportBuilder       *self,
                                                     int                       level,
                                                     const char               *text);
void                lotse_report_builder_heading    (LotseReportBuilder       *self,
                                                     const char               *text,
                                                     LotseReportFont           font,
                                                     double                    keep_with_next,
                                                     int                       outline_level);
void                lotse_report_builder_paragraph  (LotseReportBuilder       *self,
                                                     const char               *text,
                                                     gboolean                  markup,
                                                     LotseReportFont           font,
                                                     double                    indent,
                                                     guint32                   colour);
void                lotse_report_builder_fields     (LotseReportBuilder       *self,
                                                     const char * const       *labels_and_values);

LotseReportTable   *lotse_report_table_new          (LotseReportBuilder       *builder,
                                                     const LotseReportColumn  *columns,
                                                     guint                     n_columns);
void                lotse_report_table_add_row      (LotseReportTable         *self,
                                                     const LotseReportCell    *cells);
void                lotse_report_table_add_text_row (LotseReportTable         *self,
                                                     const char * const       *texts);
void                lotse_report_table_free         (LotseReportTable         *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LotseReportTable, lotse_report_table_free)

/* lotse-report-format.c: dates and names the way the reader's language has them */
char               *lotse_report_format_date        (const char               *iso_date);
char               *lotse_report_format_date_long   (GDateTime                *datetime);
char               *lotse_report_format_time        (GDateTime                *datetime);
const char         *lotse_report_month_abbrev       (int                       month);
char               *lotse_report_today              (void);
GDate              *lotse_report_parse_gdate        (const char               *iso_date);
gboolean            lotse_report_is_date            (const char               *text);

G_END_DECLS
