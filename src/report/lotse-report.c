/* lotse-report.c: a laid-out report, drawn to PDF or to any cairo_t
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lotse-report"

#include "config.h"

#include <stdio.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <cairo-pdf.h>

#include "lotse-report-private.h"

struct _LotseReport
{
  GObject          parent_instance;

  LotseReportKind  kind;
  char            *title;
  char            *today;   /* YYYY-MM-DD */
  char            *file_date; /* YYYY-MM-DD for the file name; NULL is today */
  char            *author;
  gboolean         landscape;
  GPtrArray       *pages;   /* GArray of LotseReportItem */
};

G_DEFINE_FINAL_TYPE (LotseReport, lotse_report, G_TYPE_OBJECT)

static void
clear_item (gpointer data)
{
  LotseReportItem *item = data;

  g_clear_object (&item->layout);
  g_clear_pointer (&item->text, g_free);
}

static void
free_page (gpointer data)
{
  g_array_unref (data);
}

static void
lotse_report_finalize (GObject *object)
{
  LotseReport *self = LOTSE_REPORT (object);

  g_clear_pointer (&self->pages, g_ptr_array_unref);
  g_free (self->title);
  g_free (self->today);
  g_free (self->file_date);
  g_free (self->author);

  G_OBJECT_CLASS (lotse_report_parent_class)->finalize (object);
}

static void
lotse_report_class_init (LotseReportClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = lotse_report_finalize;
}

static void
lotse_report_init (LotseReport *self)
{
  self->pages = g_ptr_array_new_with_free_func (free_page);
}

LotseReport *
lotse_report_new (LotseReportKind  kind,
                  const char      *title,
                  const char      *today,
                  const char      *author,
                  gboolean         landscape)
{
  LotseReport *self = g_object_new (LOTSE_TYPE_REPORT, NULL);
  const char *real_name = g_get_real_name ();

  self->kind = kind;
  self->title = g_strdup (title);
  self->today = today != NULL ? g_strdup (today) : lotse_report_today ();
  if (author != NULL && *author != '\0')
    self->author = g_strdup (author);
  else if (real_name != NULL && *real_name != '\0' && !g_str_equal (real_name, "Unknown"))
    self->author = g_strdup (real_name);
  else
    self->author = g_strdup (g_get_user_name ());
  self->landscape = landscape;

  return self;
}

/* Takes @items (a GArray of LotseReportItem) as the next page. */
void
lotse_report_take_page (LotseReport *self,
                        GArray      *items)
{
  g_return_if_fail (LOTSE_IS_REPORT (self));

  g_array_set_clear_func (items, clear_item);
  g_ptr_array_add (self->pages, items);
}

/* The date in the suggested file name: a meeting's day for its agenda. */
void
lotse_report_set_file_date (LotseReport *self,
                            const char  *date)
{
  g_return_if_fail (LOTSE_IS_REPORT (self));

  g_free (self->file_date);
  self->file_date = g_strdup (date);
}

const char *
lotse_report_get_today (LotseReport *self)
{
  g_return_val_if_fail (LOTSE_IS_REPORT (self), NULL);

  return self->today;
}

LotseReportKind
lotse_report_get_kind (LotseReport *self)
{
  g_return_val_if_fail (LOTSE_IS_REPORT (self), LOTSE_REPORT_MILESTONES);

  return self->kind;
}

/**
 * lotse_report_get_title:
 *
 * Returns: (transfer none): the document title, also its PDF title
 */
const char *
lotse_report_get_title (LotseReport *self)
{
  g_return_val_if_fail (LOTSE_IS_REPORT (self), NULL);

  return self->title;
}

guint
lotse_report_get_n_pages (LotseReport *self)
{
  g_return_val_if_fail (LOTSE_IS_REPORT (self), 0);

  return self->pages->len;
}

gboolean
lotse_report_is_landscape (LotseReport *self)
{
  g_return_val_if_fail (LOTSE_IS_REPORT (self), FALSE);

  return self->landscape;
}

/* In points: A4, landscape or portrait. */
void
lotse_report_get_page_size (LotseReport *self,
                            double      *width,
                            double      *height)
{
  g_return_if_fail (LOTSE_IS_REPORT (self));

  if (width != NULL)
    *width = self->landscape ? LOTSE_REPORT_A4_LONG : LOTSE_REPORT_A4_SHORT;
  if (height != NULL)
    *height = self->landscape ? LOTSE_REPORT_A4_SHORT : LOTSE_REPORT_A4_LONG;
}

static void
set_colour (cairo_t *cr,
            guint32  rgb)
{
  cairo_set_source_rgb (cr,
                        ((rgb >> 16) & 0xff) / 255.0,
                        ((rgb >> 8) & 0xff) / 255.0,
                        (rgb & 0xff) / 255.0);
}

static void
fill_and_stroke (cairo_t               *cr,
                 const LotseReportItem *item)
{
  if (item->fill != LOTSE_REPORT_NONE)
    {
      set_colour (cr, item->fill);
      if (item->stroke != LOTSE_REPORT_NONE)
        cairo_fill_preserve (cr);
      else
        cairo_fill (cr);
    }
  if (item->stroke != LOTSE_REPORT_NONE)
    {
      set_colour (cr, item->stroke);
      cairo_set_line_width (cr, item->line_width > 0 ? item->line_width : 0.5);
      cairo_stroke (cr);
    }
  cairo_new_path (cr);
}

static void
draw_text (cairo_t               *cr,
           const LotseReportItem *item)
{
  PangoLayoutIter *iter;
  int index = 0;
  double first_top = -1;

  /* No pango_cairo_update_layout(): the layout keeps the device-independent
   * metrics it was measured with, on any surface, and is not shaped again. */
  set_colour (cr, item->stroke);

  if (item->n_lines < 0)
    {
      cairo_move_to (cr, item->x, item->y);
      pango_cairo_show_layout (cr, item->layout);
      return;
    }

  /* Only the lines of this page: text that is clipped away would still be
   * in the PDF, and found twice by a search. */
  iter = pango_layout_get_iter (item->layout);
  do
    {
      if (index >= item->first_line && index < item->first_line + item->n_lines)
        {
          PangoRectangle logical;
          int baseline = pango_layout_iter_get_baseline (iter);

          pango_layout_iter_get_line_extents (iter, NULL, &logical);
          if (first_top < 0)
            first_top = logical.y / (double) PANGO_SCALE;
          cairo_move_to (cr, item->x + logical.x / (double) PANGO_SCALE,
                         item->y + baseline / (double) PANGO_SCALE - first_top);
          pango_cairo_show_layout_line (cr, pango_layout_iter_get_line_readonly (iter));
        }
      index++;
    }
  while (pango_layout_iter_next_line (iter));
  pango_layout_iter_free (iter);
}

static void
draw_item (cairo_t               *cr,
           const LotseReportItem *item)
{
  double half = item->w / 2;

  switch (item->kind)
    {
    case LOTSE_REPORT_ITEM_TEXT:
      draw_text (cr, item);
      break;

    case LOTSE_REPORT_ITEM_RECT:
      cairo_rectangle (cr, item->x, item->y, item->w, item->h);
      fill_and_stroke (cr, item);
      break;

    case LOTSE_REPORT_ITEM_LINE:
      {
        double dash[] = { 2.0, 2.0 };

        cairo_save (cr);
        cairo_move_to (cr, item->x, item->y);
        cairo_line_to (cr, item->x + item->w, item->y + item->h);
        if (item->dashed)
          cairo_set_dash (cr, dash, G_N_ELEMENTS (dash), 0);
        set_colour (cr, item->stroke);
        cairo_set_line_width (cr, item->line_width);
        cairo_stroke (cr);
        cairo_restore (cr);
      }
      break;

    case LOTSE_REPORT_ITEM_DIAMOND:
      cairo_move_to (cr, item->x, item->y - half);
      cairo_line_to (cr, item->x + half, item->y);
      cairo_line_to (cr, item->x, item->y + half);
      cairo_line_to (cr, item->x - half, item->y);
      cairo_close_path (cr);
      fill_and_stroke (cr, item);
      break;

    case LOTSE_REPORT_ITEM_OUTLINE:
      break;

    case LOTSE_REPORT_ITEM_DOT:
      /* Text leaves a current point that the arc would draw a line from. */
      cairo_new_path (cr);
      cairo_arc (cr, item->x, item->y, half, 0, 2 * G_PI);
      fill_and_stroke (cr, item);
      break;

    default:
      g_assert_not_reached ();
    }
}

static const char *
kind_label (LotseReportKind kind)
{
  switch (kind)
    {
    case LOTSE_REPORT_MILESTONES:
      return _("Milestone overview");
    case LOTSE_REPORT_AGENDA:
      return _("Agenda");
    case LOTSE_REPORT_MINUTES:
      return _("Minutes");
    case LOTSE_REPORT_TABLE:
      /* Translators: the kind of a PDF made from the portfolio's table */
      return _("Table");
    case LOTSE_REPORT_STATEMENT:
      /* Translators: the kind of a PDF: the figures of a project's statement of use */
      return _("Financial statement");
    case LOTSE_REPORT_FINANCE_OVERVIEW:
      /* Translators: the kind of a PDF: the money of a programme's projects */
      return _("Finance overview");
    default:
      g_assert_not_reached ();
    }
}

static PangoLayout *
footer_layout (PangoContext *context,
               const char   *text,
               double        width,
               PangoAlignment align)
{
  PangoLayout *layout = pango_layout_new (context);
  g_autoptr(PangoFontDescription) font = pango_font_description_from_string ("Cantarell, DejaVu Sans 7.5");

  pango_layout_set_font_description (layout, font);
  pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_alignment (layout, align);
  pango_layout_set_text (layout, text, -1);

  return layout;
}

/* The footer needs the page count, so it is made when a page is drawn. */
static void
draw_footer (LotseReport *self,
             cairo_t     *cr,
             guint        page)
{
  PangoContext *context = pango_cairo_create_context (cr);
  g_autofree char *date = lotse_report_format_date (self->today);
  g_autofree char *stand = NULL;
  g_autofree char *page_text = NULL;
  double width, height, third, y;
  const char *texts[3];
  PangoAlignment aligns[] = { PANGO_ALIGN_LEFT, PANGO_ALIGN_CENTER, PANGO_ALIGN_RIGHT };
  cairo_font_options_t *options = cairo_font_options_create ();

  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options (context, options);
  cairo_font_options_destroy (options);
  pango_cairo_context_set_resolution (context, 72);

  lotse_report_get_page_size (self, &width, &height);
  third = (width - 2 * LOTSE_REPORT_MARGIN) / 3;
  y = height - LOTSE_REPORT_MARGIN - LOTSE_REPORT_FOOTER + 10;

  /* Translators: in the footer of a report; %s is the export date */
  stand = g_strdup_printf (_("As of %s"), date);
  /* Translators: in the footer of a report */
  page_text = g_strdup_printf (_("Page %u of %u"), page + 1, self->pages->len);
  texts[0] = kind_label (self->kind);
  texts[1] = stand;
  texts[2] = page_text;

  set_colour (cr, LOTSE_REPORT_RULE);
  cairo_set_line_width (cr, 0.5);
  cairo_move_to (cr, LOTSE_REPORT_MARGIN, y - 4);
  cairo_line_to (cr, width - LOTSE_REPORT_MARGIN, y - 4);
  cairo_stroke (cr);

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_autoptr(PangoLayout) layout = footer_layout (context, texts[i], third, aligns[i]);

      set_colour (cr, LOTSE_REPORT_MUTED);
      cairo_move_to (cr, LOTSE_REPORT_MARGIN + i * third, y);
      pango_cairo_show_layout (cr, layout);
    }

  g_object_unref (context);
}

/**
 * lotse_report_draw_page:
 * @self: a report
 * @cr: where to draw
 * @page: the page, counted from 0
 * @width: the width of the area to draw in, in @cr's units
 * @height: its height
 *
 * Draws @page scaled to fit @width × @height, centred. The PDF writer
 * and printing both draw through here.
 */
void
lotse_report_draw_page (LotseReport *self,
                        cairo_t     *cr,
                        guint        page,
                        double       width,
                        double       height)
{
  GArray *items;
  double page_width, page_height, scale;

  g_return_if_fail (LOTSE_IS_REPORT (self));
  g_return_if_fail (cr != NULL);
  g_return_if_fail (page < self->pages->len);

  lotse_report_get_page_size (self, &page_width, &page_height);
  scale = MIN (width / page_width, height / page_height);

  cairo_save (cr);
  cairo_translate (cr, (width - page_width * scale) / 2, (height - page_height * scale) / 2);
  cairo_scale (cr, scale, scale);

  items = g_ptr_array_index (self->pages, page);
  for (guint i = 0; i < items->len; i++)
    draw_item (cr, &g_array_index (items, LotseReportItem, i));
  draw_footer (self, cr, page);

  cairo_restore (cr);
}

static char *
pdf_date (const char *today)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) then = NULL;
  g_autoptr(GTimeZone) zone = g_time_zone_new_local ();
  int y, m, d;

  /* The creation date is the export date, at the current time of day. */
  if (today != NULL && sscanf (today, "%d-%d-%d", &y, &m, &d) == 3)
    then = g_date_time_new (zone, y, m, d, g_date_time_get_hour (now),
                            g_date_time_get_minute (now), g_date_time_get_seconds (now));
  if (then == NULL)
    then = g_date_time_ref (now);

  /* cairo 1.16 takes no fractions of a second. */
  return g_date_time_format (then, "%Y-%m-%dT%H:%M:%S%:z");
}

static cairo_status_t
append_to_bytes (void                *closure,
                 const unsigned char *data,
                 unsigned int         length)
{
  g_byte_array_append (closure, data, length);

  return CAIRO_STATUS_SUCCESS;
}

/* The bookmarks of page @page; a level-1 entry goes under the last level 0. */
static void
add_outlines (LotseReport     *self,
              cairo_surface_t *surface,
              guint            page,
              int             *parent)
{
  GArray *items = g_ptr_array_index (self->pages, page);

  for (guint i = 0; i < items->len; i++)
    {
      const LotseReportItem *item = &g_array_index (items, LotseReportItem, i);
      g_autofree char *link = NULL;
      int id;

      if (item->kind != LOTSE_REPORT_ITEM_OUTLINE)
        continue;

      link = g_strdup_printf ("page=%u pos=[%d %d]", page + 1, (int) item->x, (int) item->y);
      id = cairo_pdf_surface_add_outline (surface, item->first_line == 0 ? CAIRO_PDF_OUTLINE_ROOT : *parent,
                                          item->text, link,
                                          item->first_line == 0 ? CAIRO_PDF_OUTLINE_FLAG_OPEN : 0);
      if (item->first_line == 0)
        *parent = id;
    }
}

/**
 * lotse_report_to_pdf:
 * @self: a report
 * @error: a location for a #GError
 *
 * Returns: (transfer full) (nullable): the report as a PDF document
 */
GBytes *
lotse_report_to_pdf (LotseReport  *self,
                     GError      **error)
{
  g_autoptr(GByteArray) pdf = g_byte_array_new ();
  g_autofree char *created = NULL;
  g_autofree char *creator = NULL;
  cairo_surface_t *surface;
  cairo_t *cr;
  cairo_status_t status;
  double width, height;
  int outline_parent = CAIRO_PDF_OUTLINE_ROOT;

  g_return_val_if_fail (LOTSE_IS_REPORT (self), NULL);

  lotse_report_get_page_size (self, &width, &height);
  surface = cairo_pdf_surface_create_for_stream (append_to_bytes, pdf, width, height);
  created = pdf_date (self->today);
  creator = g_strdup_printf ("Lotse %s", PACKAGE_VERSION);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, self->title);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_AUTHOR, self->author);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_SUBJECT, kind_label (self->kind));
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, creator);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATE_DATE, created);

  cr = cairo_create (surface);
  for (guint i = 0; i < self->pages->len; i++)
    {
      lotse_report_draw_page (self, cr, i, width, height);
      add_outlines (self, surface, i, &outline_parent);
      cairo_show_page (cr);
    }
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);

  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   /* Translators: %s says why */
                   _("Cannot make the PDF: %s"), cairo_status_to_string (status));
      return NULL;
    }

  return g_byte_array_free_to_bytes (g_steal_pointer (&pdf));
}

/**
 * lotse_report_write_pdf:
 * @self: a report
 * @path: the file to write: a regular file or a new name
 * @error: a location for a #GError
 *
 * Writes the report as PDF. The file appears complete or not at all, and
 * a link, folder, device or pipe at @path is refused (lotse-output.c).
 *
 * Returns: whether the file was written
 */
gboolean
lotse_report_write_pdf (LotseReport  *self,
                        const char   *path,
                        GError      **error)
{
  g_autoptr(GBytes) pdf = NULL;

  g_return_val_if_fail (LOTSE_IS_REPORT (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  pdf = lotse_report_to_pdf (self, error);
  if (pdf == NULL)
    return FALSE;

  return lotse_output_write_file (path, g_bytes_get_data (pdf, NULL), g_bytes_get_size (pdf), error);
}

/**
 * lotse_report_kind_suggest_filename:
 * @kind: a kind of report
 * @date: (nullable): the date YYYY-MM-DD in the name: the meeting's for an
 *   agenda or minutes, the export date for the overview; %NULL is today
 *
 * Returns: (transfer full): a file name such as “Meilensteine-2026-11-30.pdf”
 */
char *
lotse_report_kind_suggest_filename (LotseReportKind  kind,
                                    const char      *date)
{
  g_autofree char *day = date != NULL ? g_strdup (date) : lotse_report_today ();
  const char *stem;

  switch (kind)
    {
    case LOTSE_REPORT_MILESTONES:
      /* Translators: the start of a file name, without spaces */
      stem = _("Milestones");
      break;
    case LOTSE_REPORT_AGENDA:
      /* Translators: the start of a file name, without spaces */
      stem = _("Agenda");
      break;
    case LOTSE_REPORT_MINUTES:
      /* Translators: the start of a file name, without spaces */
      stem = _("Minutes");
      break;
    case LOTSE_REPORT_TABLE:
      /* Translators: the start of a file name, without spaces */
      stem = _("Portfolio");
      break;
    case LOTSE_REPORT_STATEMENT:
      /* Translators: the start of a file name, without spaces */
      stem = _("Statement");
      break;
    case LOTSE_REPORT_FINANCE_OVERVIEW:
      /* Translators: the start of a file name, without spaces */
      stem = _("Finance-overview");
      break;
    default:
      g_assert_not_reached ();
    }

  return g_strdup_printf ("%s-%s.pdf", stem, day);
}

/**
 * lotse_report_suggest_filename:
 *
 * Returns: (transfer full): a file name such as “Meilensteine-2026-11-30.pdf”,
 *   for an agenda or minutes with the meeting's day
 */
char *
lotse_report_suggest_filename (LotseReport *self)
{
  g_return_val_if_fail (LOTSE_IS_REPORT (self), NULL);

  return lotse_report_kind_suggest_filename (self->kind,
                                             self->file_date != NULL ? self->file_date : self->today);
}
