// A small PDF report writer on cairo and pango: headings, wrapped paragraphs,
// tables that break across pages with their header repeated, figures.
// SPDX-License-Identifier: GPL-3.0-or-later
#include "config.h"

#include <cairo-pdf.h>
#include <errno.h>
#include <glib/gstdio.h>
#include <pango/pangocairo.h>

#include "tend-error.h"
#include "tend-pdf.h"

#define MARGIN      56.0    /* points: about 2 cm */
#define BODY_SIZE   10.0
#define SMALL_SIZE  8.0
#define CELL_PAD    4.0
#define FONT_FAMILY "Sans"   /* fontconfig falls back per character: CJK, emoji */

struct _TendPdf
{
  GByteArray      *data;
  cairo_surface_t *surface;
  cairo_t         *cr;
  double           page_w, page_h;
  double           y;             /* the next free line, from the top */
  guint            page;
  char            *title;
  char            *footer;
  gboolean         page_started;
  GPtrArray       *pages;         /* recorded pages; NULL when writing a PDF */

  /* the table being written */
  guint            n_columns;
  char           **headers;
  double          *widths;        /* absolute, in points */
  TendAlign       *aligns;
  guint            row_index;
};

static cairo_status_t
write_to_bytes (void                *closure,
                const unsigned char *data,
                unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

static double
content_width (TendPdf *pdf)
{
  return pdf->page_w - 2 * MARGIN;
}

static double
bottom_limit (TendPdf *pdf)
{
  return pdf->page_h - MARGIN;
}

static PangoLayout *
make_layout (TendPdf    *pdf,
             const char *text,
             double      size,
             gboolean    bold,
             double      width)
{
  PangoLayout *layout = pango_cairo_create_layout (pdf->cr);
  PangoFontDescription *font = pango_font_description_from_string (FONT_FAMILY);

  pango_font_description_set_absolute_size (font, size * PANGO_SCALE);
  if (bold)
    pango_font_description_set_weight (font, PANGO_WEIGHT_BOLD);
  pango_layout_set_font_description (layout, font);
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  if (width > 0)
    pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
  pango_layout_set_text (layout, text ? text : "", -1);
  pango_font_description_free (font);
  return layout;
}

static double
layout_height (PangoLayout *layout)
{
  int w, h;

  pango_layout_get_size (layout, &w, &h);
  return (double) h / PANGO_SCALE;
}

static void
draw_footer (TendPdf *pdf)
{
  g_autofree char *number = g_strdup_printf ("%u", pdf->page);
  PangoLayout *left = make_layout (pdf, pdf->footer ? pdf->footer : "", SMALL_SIZE, FALSE, content_width (pdf) * 0.8);
  PangoLayout *right = make_layout (pdf, number, SMALL_SIZE, FALSE, 0);
  int w, h;

  cairo_save (pdf->cr);
  cairo_set_source_rgb (pdf->cr, 0.4, 0.4, 0.4);
  cairo_move_to (pdf->cr, MARGIN, pdf->page_h - MARGIN / 2 - SMALL_SIZE);
  pango_cairo_show_layout (pdf->cr, left);
  pango_layout_get_pixel_size (right, &w, &h);
  cairo_move_to (pdf->cr, pdf->page_w - MARGIN - w, pdf->page_h - MARGIN / 2 - SMALL_SIZE);
  pango_cairo_show_layout (pdf->cr, right);
  cairo_restore (pdf->cr);
  g_object_unref (left);
  g_object_unref (right);
}

static void
start_page (TendPdf *pdf)
{
  if (pdf->page_started)
    return;
  pdf->page++;
  pdf->page_started = TRUE;
  pdf->y = MARGIN;
}

/* Starts recording the next page of a preview writer. The text is measured
 * with the PDF surface's font options, so the pages break at the same lines
 * as the PDF's. */
static void
record_next_page (TendPdf *pdf)
{
  cairo_rectangle_t extents = { 0, 0, pdf->page_w, pdf->page_h };
  cairo_font_options_t *options = cairo_font_options_create ();

  g_clear_pointer (&pdf->cr, cairo_destroy);
  g_clear_pointer (&pdf->surface, cairo_surface_destroy);
  pdf->surface = cairo_recording_surface_create (CAIRO_CONTENT_COLOR_ALPHA, &extents);
  pdf->cr = cairo_create (pdf->surface);
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_set_font_options (pdf->cr, options);
  cairo_font_options_destroy (options);
}

static void
end_page (TendPdf *pdf)
{
  if (!pdf->page_started)
    return;
  draw_footer (pdf);
  if (pdf->pages != NULL)
    {
      g_ptr_array_add (pdf->pages, cairo_surface_reference (pdf->surface));
      record_next_page (pdf);
    }
  else
    cairo_show_page (pdf->cr);
  pdf->page_started = FALSE;
}

static void draw_table_header (TendPdf *pdf);

/* Makes room for height points, starting a new page when needed. */
static void
ensure_space (TendPdf *pdf,
              double   height)
{
  start_page (pdf);
  if (pdf->y + height > bottom_limit (pdf) && pdf->y > MARGIN + 0.5)
    {
      end_page (pdf);
      start_page (pdf);
      if (pdf->n_columns > 0)
        draw_table_header (pdf);
    }
}

gboolean
tend_pdf_paper_from_string (const char *text,
                            TendPaper  *out)
{
  if (g_ascii_strcasecmp (text, "a4") == 0)
    *out = TEND_PAPER_A4;
  else if (g_ascii_strcasecmp (text, "letter") == 0)
    *out = TEND_PAPER_LETTER;
  else
    return FALSE;
  return TRUE;
}

TendPdf *
tend_pdf_new (TendPaper   paper,
              const char *title,
              const char *footer)
{
  TendPdf *pdf = g_new0 (TendPdf, 1);

  tend_pdf_get_page_size (paper, &pdf->page_w, &pdf->page_h);
  pdf->data = g_byte_array_new ();
  pdf->surface = cairo_pdf_surface_create_for_stream (write_to_bytes, pdf->data, pdf->page_w, pdf->page_h);
  cairo_pdf_surface_set_metadata (pdf->surface, CAIRO_PDF_METADATA_TITLE, title ? title : "");
  cairo_pdf_surface_set_metadata (pdf->surface, CAIRO_PDF_METADATA_CREATOR, "Tend " PACKAGE_VERSION);
  pdf->cr = cairo_create (pdf->surface);
  pdf->title = g_strdup (title);
  pdf->footer = g_strdup (footer);
  return pdf;
}

/* A writer that records each page on a cairo recording surface instead of
 * writing a PDF, for a preview drawn by the same code as the document.
 * Finish it with tend_pdf_finish_pages (). */
TendPdf *
tend_pdf_new_for_pages (TendPaper   paper,
                        const char *title,
                        const char *footer)
{
  TendPdf *pdf = g_new0 (TendPdf, 1);

  tend_pdf_get_page_size (paper, &pdf->page_w, &pdf->page_h);
  pdf->pages = g_ptr_array_new_with_free_func ((GDestroyNotify) cairo_surface_destroy);
  record_next_page (pdf);
  pdf->title = g_strdup (title);
  pdf->footer = g_strdup (footer);
  return pdf;
}

/* The paper's size in points. */
void
tend_pdf_get_page_size (TendPaper  paper,
                        double    *out_width,
                        double    *out_height)
{
  *out_width = paper == TEND_PAPER_LETTER ? 612.0 : 595.276;
  *out_height = paper == TEND_PAPER_LETTER ? 792.0 : 841.89;
}

void
tend_pdf_free (TendPdf *pdf)
{
  if (pdf == NULL)
    return;
  g_clear_pointer (&pdf->pages, g_ptr_array_unref);
  g_clear_pointer (&pdf->cr, cairo_destroy);
  g_clear_pointer (&pdf->surface, cairo_surface_destroy);
  g_clear_pointer (&pdf->data, g_byte_array_unref);
  g_strfreev (pdf->headers);
  g_free (pdf->widths);
  g_free (pdf->aligns);
  g_free (pdf->title);
  g_free (pdf->footer);
  g_free (pdf);
}

static void
show_layout_at (TendPdf     *pdf,
                PangoLayout *layout,
                double       x,
                double       r,
                double       g,
                double       b)
{
  cairo_set_source_rgb (pdf->cr, r, g, b);
  cairo_move_to (pdf->cr, x, pdf->y);
  pango_cairo_show_layout (pdf->cr, layout);
}

void
tend_pdf_title (TendPdf    *pdf,
                const char *title,
                const char *subtitle)
{
  PangoLayout *t = make_layout (pdf, title, 24, TRUE, content_width (pdf));
  PangoLayout *s = subtitle ? make_layout (pdf, subtitle, 12, FALSE, content_width (pdf)) : NULL;
  double h = layout_height (t) + (s ? layout_height (s) + 6 : 0);

  ensure_space (pdf, h + 24);
  show_layout_at (pdf, t, MARGIN, 0.1, 0.1, 0.1);
  pdf->y += layout_height (t) + 6;
  if (s != NULL)
    {
      show_layout_at (pdf, s, MARGIN, 0.35, 0.35, 0.35);
      pdf->y += layout_height (s);
      g_object_unref (s);
    }
  cairo_set_source_rgb (pdf->cr, 0.21, 0.52, 0.89);
  cairo_rectangle (pdf->cr, MARGIN, pdf->y + 8, content_width (pdf), 2);
  cairo_fill (pdf->cr);
  pdf->y += 24;
  g_object_unref (t);
}

void
tend_pdf_heading (TendPdf    *pdf,
                  int         level,
                  const char *text)
{
  double size = level <= 1 ? 16 : level == 2 ? 13 : 11;
  PangoLayout *layout = make_layout (pdf, text, size, TRUE, content_width (pdf));
  double h = layout_height (layout);

  /* keep a heading with at least a few lines of what follows */
  start_page (pdf);
  if (pdf->y > MARGIN + 0.5)
    pdf->y += size * 0.6;
  ensure_space (pdf, h + BODY_SIZE * 4);
  show_layout_at (pdf, layout, MARGIN, 0.1, 0.1, 0.1);
  pdf->y += h + size * 0.4;
  g_object_unref (layout);
}

/* Writes a wrapped text line by line, so a long paragraph breaks across
 * pages between lines. */
static void
write_wrapped (TendPdf    *pdf,
               const char *text,
               double      size,
               double      indent,
               double      grey)
{
  PangoLayout *layout = make_layout (pdf, text, size, FALSE, content_width (pdf) - indent);
  PangoLayoutIter *iter = pango_layout_get_iter (layout);

  do
    {
      PangoLayoutLine *line = pango_layout_iter_get_line_readonly (iter);
      PangoRectangle logical;
      double baseline, h;

      pango_layout_iter_get_line_extents (iter, NULL, &logical);
      h = (double) logical.height / PANGO_SCALE;
      baseline = (double) (pango_layout_iter_get_baseline (iter) - logical.y) / PANGO_SCALE;
      ensure_space (pdf, h);
      cairo_set_source_rgb (pdf->cr, grey, grey, grey);
      cairo_move_to (pdf->cr, MARGIN + indent + (double) logical.x / PANGO_SCALE, pdf->y + baseline);
      pango_cairo_show_layout_line (pdf->cr, line);
      pdf->y += h;
    }
  while (pango_layout_iter_next_line (iter));

  pango_layout_iter_free (iter);
  g_object_unref (layout);
  pdf->y += size * 0.5;
}

void
tend_pdf_paragraph (TendPdf    *pdf,
                    const char *text)
{
  write_wrapped (pdf, text, BODY_SIZE, 0, 0.1);
}

void
tend_pdf_note (TendPdf    *pdf,
               const char *text)
{
  write_wrapped (pdf, text, SMALL_SIZE + 0.5, 0, 0.4);
}

void
tend_pdf_key_value (TendPdf    *pdf,
                    const char *key,
                    const char *value)
{
  double key_w = content_width (pdf) * 0.32;
  PangoLayout *k = make_layout (pdf, key, BODY_SIZE, FALSE, key_w - 8);
  PangoLayout *v = make_layout (pdf, value ? value : "—", BODY_SIZE, TRUE, content_width (pdf) - key_w);
  double h = MAX (layout_height (k), layout_height (v));

  ensure_space (pdf, h + 3);
  show_layout_at (pdf, k, MARGIN, 0.4, 0.4, 0.4);
  show_layout_at (pdf, v, MARGIN + key_w, 0.1, 0.1, 0.1);
  pdf->y += h + 3;
  g_object_unref (k);
  g_object_unref (v);
}

void
tend_pdf_spacer (TendPdf *pdf,
                 double   points)
{
  start_page (pdf);
  pdf->y += points;
}

void
tend_pdf_page_break (TendPdf *pdf)
{
  end_page (pdf);
  start_page (pdf);
}

/* Draws one row of cells at pdf->y; returns its height. */
static double
draw_row (TendPdf            *pdf,
          const char * const *cells,
          gboolean            is_header,
          gboolean            measure_only)
{
  double h = 0, x = MARGIN;
  PangoLayout **layouts = g_newa (PangoLayout *, pdf->n_columns);

  for (guint c = 0; c < pdf->n_columns; c++)
    {
      layouts[c] = make_layout (pdf, cells[c] ? cells[c] : "", is_header ? SMALL_SIZE + 0.5 : BODY_SIZE - 1,
                                is_header, pdf->widths[c] - 2 * CELL_PAD);
      if (pdf->aligns != NULL && pdf->aligns[c] == TEND_ALIGN_END)
        pango_layout_set_alignment (layouts[c], PANGO_ALIGN_RIGHT);
      h = MAX (h, layout_height (layouts[c]));
    }
  h += 2 * CELL_PAD;

  if (!measure_only)
    {
      if (is_header)
        {
          cairo_set_source_rgb (pdf->cr, 0.92, 0.93, 0.95);
          cairo_rectangle (pdf->cr, MARGIN, pdf->y, content_width (pdf), h);
          cairo_fill (pdf->cr);
        }
      else if (pdf->row_index % 2 == 1)
        {
          cairo_set_source_rgb (pdf->cr, 0.97, 0.97, 0.98);
          cairo_rectangle (pdf->cr, MARGIN, pdf->y, content_width (pdf), h);
          cairo_fill (pdf->cr);
        }
      for (guint c = 0; c < pdf->n_columns; c++)
        {
          cairo_set_source_rgb (pdf->cr, 0.1, 0.1, 0.1);
          cairo_move_to (pdf->cr, x + CELL_PAD, pdf->y + CELL_PAD);
          pango_cairo_show_layout (pdf->cr, layouts[c]);
          x += pdf->widths[c];
        }
    }
  for (guint c = 0; c < pdf->n_columns; c++)
    g_object_unref (layouts[c]);
  return h;
}

static void
draw_table_header (TendPdf *pdf)
{
  pdf->y += draw_row (pdf, (const char * const *) pdf->headers, TRUE, FALSE);
}

void
tend_pdf_table_begin (TendPdf            *pdf,
                      guint               n_columns,
                      const char * const *headers,
                      const double       *widths,
                      const TendAlign    *aligns)
{
  double total = 0;

  g_return_if_fail (pdf->n_columns == 0 && n_columns > 0);

  pdf->headers = g_strdupv ((char **) headers);
  pdf->widths = g_new (double, n_columns);
  pdf->aligns = aligns ? g_memdup2 (aligns, sizeof (TendAlign) * n_columns) : NULL;
  for (guint c = 0; c < n_columns; c++)
    total += widths ? widths[c] : 1.0;
  for (guint c = 0; c < n_columns; c++)
    pdf->widths[c] = content_width (pdf) * (widths ? widths[c] : 1.0) / total;
  pdf->row_index = 0;

  /* the header and at least one row start together */
  pdf->n_columns = n_columns;
  {
    double header_h = draw_row (pdf, headers, TRUE, TRUE);
    guint saved = pdf->n_columns;
    pdf->n_columns = 0;   /* no repeated header for this break */
    ensure_space (pdf, header_h + BODY_SIZE * 2.5);
    pdf->n_columns = saved;
  }
  draw_table_header (pdf);
}

void
tend_pdf_table_row (TendPdf            *pdf,
                    const char * const *cells)
{
  double h;

  g_return_if_fail (pdf->n_columns > 0);
  h = draw_row (pdf, cells, FALSE, TRUE);
  ensure_space (pdf, h);
  pdf->y += draw_row (pdf, cells, FALSE, FALSE);
  pdf->row_index++;
}

void
tend_pdf_table_end (TendPdf *pdf)
{
  pdf->n_columns = 0;
  g_clear_pointer (&pdf->headers, g_strfreev);
  g_clear_pointer (&pdf->widths, g_free);
  g_clear_pointer (&pdf->aligns, g_free);
  pdf->y += BODY_SIZE;
}

cairo_t *
tend_pdf_figure (TendPdf *pdf,
                 double   height,
                 double  *out_x,
                 double  *out_y,
                 double  *out_width)
{
  ensure_space (pdf, height);
  *out_x = MARGIN;
  *out_y = pdf->y;
  *out_width = content_width (pdf);
  pdf->y += height + BODY_SIZE * 0.5;
  return pdf->cr;
}

double
tend_pdf_get_space_left (TendPdf *pdf)
{
  return bottom_limit (pdf) - (pdf->page_started ? pdf->y : MARGIN);
}

guint
tend_pdf_get_n_pages (TendPdf *pdf)
{
  return pdf->page;
}

/* Ends the document and returns its bytes; the writer is spent after. */
GBytes *
tend_pdf_finish (TendPdf *pdf)
{
  g_return_val_if_fail (pdf->pages == NULL, NULL);

  if (pdf->page == 0)
    start_page (pdf);
  end_page (pdf);
  g_clear_pointer (&pdf->cr, cairo_destroy);
  cairo_surface_finish (pdf->surface);
  g_clear_pointer (&pdf->surface, cairo_surface_destroy);
  return g_byte_array_free_to_bytes (g_steal_pointer (&pdf->data));
}

/* Ends a writer made by tend_pdf_new_for_pages () and returns its pages:
 * one cairo recording surface a page, bounded to the paper's size in
 * points. The writer is spent after. */
GPtrArray *
tend_pdf_finish_pages (TendPdf *pdf)
{
  g_return_val_if_fail (pdf->pages != NULL, NULL);

  if (pdf->page == 0)
    start_page (pdf);
  end_page (pdf);
  g_clear_pointer (&pdf->cr, cairo_destroy);
  g_clear_pointer (&pdf->surface, cairo_surface_destroy);
  return g_steal_pointer (&pdf->pages);
}

/* Writes the document atomically; the file gets the user's umask. */
gboolean
tend_pdf_save (TendPdf     *pdf,
               const char  *path,
               GError     **error)
{
  g_autoptr(GBytes) bytes = tend_pdf_finish (pdf);
  g_autoptr(GError) local = NULL;

  if (!g_file_set_contents (path, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), &local))
    {
      g_set_error (error, TEND_ERROR, TEND_ERROR_FAILED,
                   "Cannot write %s: %s", path, local->message);
      return FALSE;
    }
  return TRUE;
}
