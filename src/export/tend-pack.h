// Small helpers shared by the QBR pack and the portfolio review.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <glib.h>

#include "tend-day.h"
#include "tend-health.h"
#include "tend-incentives.h"
#include "tend-pdf.h"

G_BEGIN_DECLS

/* A tier in words, so a printed pack never relies on colour alone. */
const char *tend_pack_tier_label      (TendTier     tier);
/* A score rounded to one decimal as DOMAIN.md shows it, "—" when missing. */
char       *tend_pack_format_score    (gboolean     present,
                                       double       score);
/* YYYY-MM-DD, or "—" for no date. */
char       *tend_pack_format_day      (TendDay      day);
/* Adds cents to the TendCurrencyAmount of currency in amounts (kept sorted
 * by currency); currency must outlive the array. */
void        tend_pack_add_amount      (GArray      *amounts,
                                       const char  *currency,
                                       gint64       cents);
/* "USD 1,200.00; EUR 300.00", or empty_text when there is none. */
char       *tend_pack_format_amounts  (GArray      *amounts,
                                       const char  *empty_text);

/* A heading kept with what follows it: when less than keep points are left
 * on the page, the heading starts the next one. */
void        tend_pack_heading         (TendPdf     *pdf,
                                       int          level,
                                       const char  *text,
                                       double       keep);

G_END_DECLS
