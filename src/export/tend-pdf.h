// A small PDF report writer on cairo and pango: headings, wrapped paragraphs,
// tables that break across pages with their header repeated, figures.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cairo.h>
#include <glib.h>

G_BEGIN_DECLS

typedef enum {
  TEND_PAPER_A4,
  TEND_PAPER_LETTER,
} TendPaper;

typedef enum {
  TEND_ALIGN_START,
  TEND_ALIGN_END,
} TendAlign;

typedef struct _TendPdf TendPdf;

TendPdf  *tend_pdf_new            (TendPaper           paper,
                                   const char         *title,
                                   const char         *footer);
/* Records each page as a cairo recording surface instead of writing a PDF,
 * for a preview drawn by the same code; finish with tend_pdf_finish_pages. */
TendPdf  *tend_pdf_new_for_pages  (TendPaper           paper,
                                   const char         *title,
                                   const char         *footer);
void      tend_pdf_free           (TendPdf            *pdf);
void      tend_pdf_get_page_size  (TendPaper           paper,
                                   double             *out_width,
                                   double             *out_height);
gboolean  tend_pdf_paper_from_string (const char      *text,
                                      TendPaper       *out);

void      tend_pdf_title          (TendPdf            *pdf,
                                   const char         *title,
                                   const char         *subtitle);
void      tend_pdf_heading        (TendPdf            *pdf,
                                   int                 level,
                                   const char         *text);
void      tend_pdf_paragraph      (TendPdf            *pdf,
                                   const char         *text);
void      tend_pdf_note           (TendPdf            *pdf,
                                   const char         *text);
void      tend_pdf_key_value      (TendPdf            *pdf,
                                   const char         *key,
                                   const char         *value);
void      tend_pdf_spacer         (TendPdf            *pdf,
                                   double              points);
void      tend_pdf_page_break     (TendPdf            *pdf);

void      tend_pdf_table_begin    (TendPdf            *pdf,
                                   guint               n_columns,
                                   const char * const *headers,
                                   const double       *widths,
                                   const TendAlign    *aligns);
void      tend_pdf_table_row      (TendPdf            *pdf,
                                   const char * const *cells);
void      tend_pdf_table_end      (TendPdf            *pdf);

/* Reserves height points on the page (breaking first when they do not fit)
 * and returns the cairo context to draw into the rectangle given. */
cairo_t  *tend_pdf_figure         (TendPdf            *pdf,
                                   double              height,
                                   double             *out_x,
                                   double             *out_y,
                                   double             *out_width);

/* Points left between the next line and the bottom margin; a section can
 * break the page first when what must stay together does not fit. */
double    tend_pdf_get_space_left (TendPdf            *pdf);
guint     tend_pdf_get_n_pages    (TendPdf            *pdf);
GBytes   *tend_pdf_finish         (TendPdf            *pdf);
/* The pages of a tend_pdf_new_for_pages () writer, one cairo recording
 * surface each (the array frees them). */
GPtrArray *tend_pdf_finish_pages  (TendPdf            *pdf);
gboolean  tend_pdf_save           (TendPdf            *pdf,
                                   const char         *path,
                                   GError            **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TendPdf, tend_pdf_free)

G_END_DECLS
