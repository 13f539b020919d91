// The pages of a QBR pack or portfolio review as pictures, for a preview.
// SPDX-License-Identifier: GPL-3.0-or-later
#include "config.h"

#include "tend-pack-preview.h"

GPtrArray *
tend_pack_preview_qbr (const TendQbr *qbr,
                       TendPaper      paper)
{
  g_autofree char *title = NULL;
  g_autofree char *footer = NULL;
  g_autoptr(TendPdf) pdf = NULL;

  g_return_val_if_fail (qbr != NULL, NULL);

  title = tend_qbr_get_title (qbr);
  footer = tend_qbr_get_footer (qbr);
  pdf = tend_pdf_new_for_pages (paper, title, footer);
  tend_qbr_write (qbr, pdf);
  return tend_pdf_finish_pages (pdf);
}

GPtrArray *
tend_pack_preview_review (const TendReview *review,
                          TendPaper         paper)
{
  g_autofree char *title = NULL;
  g_autofree char *footer = NULL;
  g_autoptr(TendPdf) pdf = NULL;

  g_return_val_if_fail (review != NULL, NULL);

  title = tend_review_get_title (review);
  footer = tend_review_get_footer (review);
  pdf = tend_pdf_new_for_pages (paper, title, footer);
  tend_review_write (review, pdf);
  return tend_pdf_finish_pages (pdf);
}
