// The pages of a QBR pack or portfolio review as pictures, for a preview.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <glib.h>

#include "tend-pdf.h"
#include "tend-qbr.h"
#include "tend-review.h"

G_BEGIN_DECLS

/* The pages are drawn by the same writer as the PDF, on cairo recording
 * surfaces (one a page, bounded to the paper's size in points; the array
 * frees them), so the preview breaks its pages where the exported file
 * does. Like the PDF, they can be made in a GTask thread; the surfaces can
 * be drawn from another thread once made. */
GPtrArray *tend_pack_preview_qbr    (const TendQbr    *qbr,
                                     TendPaper         paper);
GPtrArray *tend_pack_preview_review (const TendReview *review,
                                     TendPaper         paper);

G_END_DECLS
