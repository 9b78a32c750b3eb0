/* lotse-report-layout.c: flowing headings, paragraphs and tables onto pages
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lotse-report"

#include "config.h"

#include "lotse-report-private.h"

#define FONT_FAMILY   "Cantarell, DejaVu Sans"
#define CELL_PAD_X    4.0
#define CELL_PAD_Y    3.0
#define DOT_SIZE      7.0

struct _LotseReportTable
{
  LotseReportBuilder *builder;
  guint               n_columns;
  double             *x;       /* the left edge of each column */
  double             *width;
  PangoAlignment     *align;
  char              **titles;
  guint               n_rows;  /* rows on the current page, for the shading */
};

static const char *
font_for (LotseReportFont font)
{
  switch (font)
    {
    case LOTSE_REPORT_FONT_TITLE:        return FONT_FAMILY " Bold 18";
    case LOTSE_REPORT_FONT_SUBTITLE:     return FONT_FAMILY " 11";
    case LOTSE_REPORT_FONT_HEADING:      return FONT_FAMILY " Bold 13";
    case LOTSE_REPORT_FONT_SUBHEADING:   return FONT_FAMILY " Bold 10.5";
    case LOTSE_REPORT_FONT_BODY:         return FONT_FAMILY " 9.5";
    case LOTSE_REPORT_FONT_TABLE:        return FONT_FAMILY " 8.5";
    case LOTSE_REPORT_FONT_TABLE_HEADER: return FONT_FAMILY " Bold 8.5";
    case LOTSE_REPORT_FONT_SMALL:        return FONT_FAMILY " 7.5";
    default:
      g_assert_not_reached ();
    }
}

static PangoContext *
create_context (void)
{
  PangoFontMap *font_map = pango_cairo_font_map_get_default ();
  PangoContext *context = pango_font_map_create_context (font_map);
  cairo_font_options_t *options = cairo_font_options_create ();

  /* Metrics that do not depend on a device, so that a page laid out once
   * looks the same in a PDF and on any printer. */
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options (context, options);
  cairo_font_options_destroy (options);
  pango_cairo_context_set_resolution (context, 72);

  return context;
}

LotseReportBuilder *
lotse_report_builder_new (LotseReport *report)
{
  LotseReportBuilder *self = g_new0 (LotseReportBuilder, 1);

  self->report = report;
  self->context = create_context ();
  lotse_report_get_page_size (report, &self->page_width, &self->page_height);
  self->left = LOTSE_REPORT_MARGIN;
  self->right = self->page_width - LOTSE_REPORT_MARGIN;
  self->top = LOTSE_REPORT_MARGIN;
  self->bottom = self->page_height - LOTSE_REPORT_MARGIN - LOTSE_REPORT_FOOTER;
  self->y = self->top;
  self->page = g_array_new (FALSE, TRUE, sizeof (LotseReportItem));

  return self;
}

/* Hands the last page to the report and frees the builder. */
void
lotse_report_builder_finish (LotseReportBuilder *self)
{
  lotse_report_take_page (self->report, g_steal_pointer (&self->page));
  for (guint i = 0; i < LOTSE_REPORT_N_FONTS; i++)
    g_clear_pointer (&self->fonts[i], pango_font_description_free);
  g_object_unref (self->context);
  g_free (self);
}

static PangoLayout *
new_layout (LotseReportBuilder *self,
            LotseReportFont     font,
            double              width)
{
  PangoLayout *layout = pango_layout_new (self->context);

  /* A statement of 10,000 vouchers lays out 40,000 cells. */
  if (self->fonts[font] == NULL)
    self->fonts[font] = pango_font_description_from_string (font_for (font));
  pango_layout_set_font_description (layout, self->fonts[font]);
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  if (width > 0)
    pango_layout_set_width (layout, (int) (width * PANGO_SCALE));

  return layout;
}

/* A layout of plain @text wrapped at @width points (0: no wrapping). */
PangoLayout *
lotse_report_builder_layout (LotseReportBuilder *self,
                             const char         *text,
                             LotseReportFont     font,
                             double              width)
{
  PangoLayout *layout = new_layout (self, font, width);

  pango_layout_set_text (layout, text != NULL ? text : "", -1);

  return layout;
}

PangoLayout *
lotse_report_builder_markup (LotseReportBuilder *self,
                             const char         *markup,
                             LotseReportFont     font,
                             double              width)
{
  PangoLayout *layout = new_layout (self, font, width);

  pango_layout_set_markup (layout, markup, -1);

  return layout;
}

double
lotse_report_layout_height (PangoLayout *layout)
{
  int height;

  pango_layout_get_size (layout, NULL, &height);

  return height / (double) PANGO_SCALE;
}

double
lotse_report_layout_width (PangoLayout *layout)
{
  PangoRectangle logical;

  pango_layout_get_extents (layout, NULL, &logical);

  return (logical.x + logical.width) / (double) PANGO_SCALE;
}

double
lotse_report_builder_width (LotseReportBuilder *self)
{
  return self->right - self->left;
}

void
lotse_report_builder_new_page (LotseReportBuilder *self)
{
  lotse_report_take_page (self->report, g_steal_pointer (&self->page));
  self->page = g_array_new (FALSE, TRUE, sizeof (LotseReportItem));
  self->y = self->top;
}

/* Starts a new page unless @height fits below the cursor or the page is
 * still empty. Returns whether it started one. */
gboolean
lotse_report_builder_ensure (LotseReportBuilder *self,
                             double              height)
{
  if (self->y + height <= self->bottom || self->y <= self->top)
    return FALSE;

  lotse_report_builder_new_page (self);
  return TRUE;
}

void
lotse_report_builder_space (LotseReportBuilder *self,
                            double              height)
{
  /* Space at the top of a page is wasted. */
  if (self->y > self->top)
    self->y = MIN (self->y + height, self->bottom);
}

void
lotse_report_builder_add (LotseReportBuilder    *self,
                          const LotseReportItem *item)
{
  LotseReportItem copy = *item;

  if (copy.layout != NULL)
    g_object_ref (copy.layout);
  copy.text = g_strdup (copy.text);
  g_array_append_val (self->page, copy);
}

void
lotse_report_builder_add_text (LotseReportBuilder *self,
                               PangoLayout        *layout,
                               double              x,
                               double              y,
                               guint32             colour)
{
  LotseReportItem item = {
    .kind = LOTSE_REPORT_ITEM_TEXT, .x = x, .y = y,
    .fill = LOTSE_REPORT_NONE, .stroke = colour,
    .layout = layout, .first_line = 0, .n_lines = -1,
  };

  lotse_report_builder_add (self, &item);
}

void
lotse_report_builder_add_rect (LotseReportBuilder *self,
                               double              x,
                               double              y,
                               double              w,
                               double              h,
                               guint32             fill,
                               guint32             stroke)
{
  LotseReportItem item = {
    .kind = LOTSE_REPORT_ITEM_RECT, .x = x, .y = y, .w = w, .h = h,
    .fill = fill, .stroke = stroke, .line_width = 0.5,
  };

  lotse_report_builder_add (self, &item);
}

void
lotse_report_builder_add_line (LotseReportBuilder *self,
                               double              x0,
                               double              y0,
                               double              x1,
                               double              y1,
                               guint32             colour,
                               double              width,
                               gboolean            dashed)
{
  LotseReportItem item = {
    .kind = LOTSE_REPORT_ITEM_LINE, .x = x0, .y = y0, .w = x1 - x0, .h = y1 - y0,
    .fill = LOTSE_REPORT_NONE, .stroke = colour, .line_width = width, .dashed = dashed,
  };

  lotse_report_builder_add (self, &item);
}

/* A diamond or a dot of @size points centred on (@cx, @cy). */
void
lotse_report_builder_add_mark (LotseReportBuilder  *self,
                               LotseReportItemKind  kind,
                               double               cx,
                               double               cy,
                               double               size,
                               guint32              fill,
                               guint32              stroke)
{
  LotseReportItem item = {
    .kind = kind, .x = cx, .y = cy, .w = size, .h = size,
    .fill = fill, .stroke = stroke, .line_width = 0.6,
  };

  g_assert (kind == LOTSE_REPORT_ITEM_DIAMOND || kind == LOTSE_REPORT_ITEM_DOT);

  lotse_report_builder_add (self, &item);
}

/* A bookmark to the cursor's place for the PDF's outline; level 0 is the
 * top, level 1 goes under the last level 0. */
void
lotse_report_builder_outline (LotseReportBuilder *self,
                              int                 level,
                              const char         *text)
{
  LotseReportItem item = {
    .kind = LOTSE_REPORT_ITEM_OUTLINE, .x = self->left, .y = self->y,
    .fill = LOTSE_REPORT_NONE, .stroke = LOTSE_REPORT_NONE,
    .first_line = level, .text = (char *) text,
  };

  lotse_report_builder_add (self, &item);
}

/* A heading that stays on the page with @keep_with_next points after it,
 * and a bookmark to it at @outline_level (-1: none). */
void
lotse_report_builder_heading (LotseReportBuilder *self,
                              const char         *text,
                              LotseReportFont     font,
                              double              keep_with_next,
                              int                 outline_level)
{
  g_autoptr(PangoLayout) layout = lotse_report_builder_layout (self, text, font,
                                                               lotse_report_builder_width (self));
  double height = lotse_report_layout_height (layout);

  lotse_report_builder_ensure (self, height + keep_with_next);
  if (outline_level >= 0)
    lotse_report_builder_outline (self, outline_level, text);
  lotse_report_builder_add_text (self, layout, self->left, self->y, LOTSE_REPORT_INK);
  self->y += height + 4;
}

/* A paragraph that may run over pages; it breaks between lines. */
void
lotse_report_builder_paragraph (LotseReportBuilder *self,
                                const char         *text,
                                gboolean            markup,
                                LotseReportFont     font,
                                double              indent,
                                guint32             colour)
{
  double width = lotse_report_builder_width (self) - indent;
  g_autoptr(PangoLayout) layout = markup
    ? lotse_report_builder_markup (self, text, font, width)
    : lotse_report_builder_layout (self, text, font, width);
  PangoLayoutIter *iter = pango_layout_get_iter (layout);
  int first = 0, index = 0;
  double first_top = 0;

  do
    {
      PangoRectangle logical;
      double top, bottom;

      pango_layout_iter_get_line_extents (iter, NULL, &logical);
      top = logical.y / (double) PANGO_SCALE;
      bottom = top + logical.height / (double) PANGO_SCALE;

      /* This line does not fit: place the lines so far, go on overleaf. */
      if (self->y + (bottom - first_top) > self->bottom && self->y > self->top)
        {
          if (index > first)
            {
              LotseReportItem item = {
                .kind = LOTSE_REPORT_ITEM_TEXT, .x = self->left + indent, .y = self->y,
                .fill = LOTSE_REPORT_NONE, .stroke = colour, .layout = layout,
                .first_line = first, .n_lines = index - first,
              };

              lotse_report_builder_add (self, &item);
            }
          lotse_report_builder_new_page (self);
          first = index;
          first_top = top;
        }
      index++;
    }
  while (pango_layout_iter_next_line (iter));
  pango_layout_iter_free (iter);

  {
    LotseReportItem item = {
      .kind = LOTSE_REPORT_ITEM_TEXT, .x = self->left + indent, .y = self->y,
      .fill = LOTSE_REPORT_NONE, .stroke = colour, .layout = layout,
      .first_line = first, .n_lines = index - first,
    };

    lotse_report_builder_add (self, &item);
    self->y += lotse_report_layout_height (layout) - first_top;
  }
}

/* Label–value lines (“Date: …”) for a title block; NULL-terminated pairs.
 * A NULL or empty value skips its line. */
void
lotse_report_builder_fields (LotseReportBuilder *self,
                             const char * const *labels_and_values)
{
  double label_width = 0;
  g_autoptr(GPtrArray) labels = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; labels_and_values[i] != NULL; i += 2)
    {
      PangoLayout *label = lotse_report_builder_layout (self, labels_and_values[i],
                                                        LOTSE_REPORT_FONT_TABLE_HEADER, 0);

      label_width = MAX (label_width, lotse_report_layout_width (label));
      g_ptr_array_add (labels, label);
    }
  label_width = MIN (label_width + 10, lotse_report_builder_width (self) / 3);

  for (guint i = 0; labels_and_values[i] != NULL; i += 2)
    {
      const char *value = labels_and_values[i + 1];
      g_autoptr(PangoLayout) label = NULL;
      g_autoptr(PangoLayout) text = NULL;
      double height;

      if (value == NULL || *value == '\0')
        continue;

      label = lotse_report_builder_layout (self, labels_and_values[i], LOTSE_REPORT_FONT_TABLE_HEADER,
                                           label_width - 6);
      text = lotse_report_builder_layout (self, value, LOTSE_REPORT_FONT_BODY,
                                          lotse_report_builder_width (self) - label_width);
      height = MAX (lotse_report_layout_height (label), lotse_report_layout_height (text));
      lotse_report_builder_ensure (self, height);
      lotse_report_builder_add_text (self, label, self->left, self->y + 1, LOTSE_REPORT_MUTED);
      lotse_report_builder_add_text (self, text, self->left + label_width, self->y, LOTSE_REPORT_INK);
      self->y += height + 2;
    }
}

/* --- tables ---------------------------------------------------------------- */

static void
table_add_header (LotseReportTable *self)
{
  LotseReportBuilder *b = self->builder;
  g_autoptr(GPtrArray) layouts = g_ptr_array_new_with_free_func (g_object_unref);
  double height = 0;

  for (guint i = 0; i < self->n_columns; i++)
    {
      PangoLayout *layout = lotse_report_builder_layout (b, self->titles[i],
                                                         LOTSE_REPORT_FONT_TABLE_HEADER,
                                                         self->width[i] - 2 * CELL_PAD_X);

      pango_layout_set_alignment (layout, self->align[i]);
      height = MAX (height, lotse_report_layout_height (layout));
      g_ptr_array_add (layouts, layout);
    }
  height += 2 * CELL_PAD_Y;

  lotse_report_builder_add_rect (b, b->left, b->y, lotse_report_builder_width (b), height,
                                 LOTSE_REPORT_HEADER_BG, LOTSE_REPORT_NONE);
  for (guint i = 0; i < self->n_columns; i++)
    lotse_report_builder_add_text (b, g_ptr_array_index (layouts, i),
                                   self->x[i] + CELL_PAD_X, b->y + CELL_PAD_Y, LOTSE_REPORT_INK);
  b->y += height;
  lotse_report_builder_add_line (b, b->left, b->y, b->right, b->y, LOTSE_REPORT_MUTED, 0.8, FALSE);
  self->n_rows = 0;
}

/* A table over the builder's width; columns share it by weight. The
 * header is placed at once (with room for a first row) and again on every
 * page the table runs onto. */
LotseReportTable *
lotse_report_table_new (LotseReportBuilder      *builder,
                        const LotseReportColumn *columns,
                        guint                    n_columns)
{
  LotseReportTable *self = g_new0 (LotseReportTable, 1);
  double total = 0, x = builder->left;

  g_assert (n_columns > 0);

  self->builder = builder;
  self->n_columns = n_columns;
  self->x = g_new0 (double, n_columns);
  self->width = g_new0 (double, n_columns);
  self->align = g_new0 (PangoAlignment, n_columns);
  self->titles = g_new0 (char *, n_columns + 1);

  for (guint i = 0; i < n_columns; i++)
    total += columns[i].weight;
  for (guint i = 0; i < n_columns; i++)
    {
      self->x[i] = x;
      self->width[i] = lotse_report_builder_width (builder) * columns[i].weight / total;
      self->align[i] = columns[i].align;
      self->titles[i] = g_strdup (columns[i].title);
      x += self->width[i];
    }

  lotse_report_builder_ensure (builder, 50);
  table_add_header (self);

  return self;
}

void
lotse_report_table_add_row (LotseReportTable      *self,
                            const LotseReportCell *cells)
{
  LotseReportBuilder *b = self->builder;
  g_autoptr(GPtrArray) layouts = g_ptr_array_new_with_free_func (g_object_unref);
  double height = 0;

  for (guint i = 0; i < self->n_columns; i++)
    {
      const LotseReportCell *cell = &cells[i];
      LotseReportFont font = (cell->flags & LOTSE_REPORT_CELL_BOLD)
        ? LOTSE_REPORT_FONT_TABLE_HEADER : LOTSE_REPORT_FONT_TABLE;
      double inset = cell->dot != LOTSE_REPORT_NONE ? DOT_SIZE + 4 : 0;
      double width = self->width[i] - 2 * CELL_PAD_X - inset;
      PangoLayout *layout = (cell->flags & LOTSE_REPORT_CELL_MARKUP)
        ? lotse_report_builder_markup (b, cell->text != NULL ? cell->text : "", font, width)
        : lotse_report_builder_layout (b, cell->text, font, width);

      pango_layout_set_alignment (layout, self->align[i]);
      height = MAX (height, lotse_report_layout_height (layout));
      g_ptr_array_add (layouts, layout);
    }
  height += 2 * CELL_PAD_Y;

  if (b->y + height > b->bottom)
    {
      lotse_report_builder_new_page (b);
      table_add_header (self);
    }

  if (self->n_rows % 2 == 1)
    lotse_report_builder_add_rect (b, b->left, b->y, lotse_report_builder_width (b), height,
                                   LOTSE_REPORT_SHADE, LOTSE_REPORT_NONE);

  for (guint i = 0; i < self->n_columns; i++)
    {
      const LotseReportCell *cell = &cells[i];
      double x = self->x[i] + CELL_PAD_X;

      if (cell->dot != LOTSE_REPORT_NONE)
        {
          lotse_report_builder_add_mark (b, LOTSE_REPORT_ITEM_DOT, x + DOT_SIZE / 2,
                                         b->y + CELL_PAD_Y + 5.5, DOT_SIZE, cell->dot,
                                         LOTSE_REPORT_MUTED);
          x += DOT_SIZE + 4;
        }
      lotse_report_builder_add_text (b, g_ptr_array_index (layouts, i), x,
                                     b->y + CELL_PAD_Y, LOTSE_REPORT_INK);
    }

  b->y += height;
  lotse_report_builder_add_line (b, b->left, b->y, b->right, b->y, LOTSE_REPORT_RULE, 0.4, FALSE);
  self->n_rows++;
}

/* A row of plain texts, one per column. */
void
lotse_report_table_add_text_row (LotseReportTable   *self,
                                 const char * const *texts)
{
  g_autofree LotseReportCell *cells = g_new0 (LotseReportCell, self->n_columns);

  for (guint i = 0; i < self->n_columns; i++)
    {
      cells[i].text = texts[i];
      cells[i].dot = LOTSE_REPORT_NONE;
    }

  lotse_report_table_add_row (self, cells);
}

void
lotse_report_table_free (LotseReportTable *self)
{
  if (self == NULL)
    return;

  g_free (self->x);
  g_free (self->width);
  g_free (self->align);
  g_strfreev (self->titles);
  g_free (self);
}
