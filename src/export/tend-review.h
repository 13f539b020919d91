// The portfolio review of DOMAIN.md 9: one owner's accounts (or all), as a PDF.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <glib.h>

#include "tend-book.h"
#include "tend-day.h"
#include "tend-health.h"
#include "tend-pdf.h"
#include "tend-settings.h"
#include "tend-store.h"

G_BEGIN_DECLS

/* Everything a review shows, read from the cache and computed by the core.
 * It points into the book, which must outlive it. Like the QBR pack, it
 * touches no network and no global state, so a GTask thread can compute
 * and write it with a store it opened itself. */
typedef struct _TendReview TendReview;

/* owner_id NULL reviews every account; an owner that is not in the book
 * fails with TEND_ERROR_NOT_FOUND. */
TendReview      *tend_review_compute        (TendStore          *store,
                                             const TendBook     *book,
                                             const char         *owner_id,
                                             TendDay             as_of,
                                             const TendSettings *settings,
                                             GError            **error);
void             tend_review_free           (TendReview         *review);

/* NULL when the review covers every account. */
const TendOwner *tend_review_get_owner      (const TendReview   *review);
/* Accounts reviewed: the owner's that have not churned on or before as_of. */
guint            tend_review_get_n_accounts (const TendReview   *review);
guint            tend_review_get_tier_count (const TendReview   *review,
                                             TendTier            tier);
/* Renewals from as_of through as_of + the renewal horizon. */
guint            tend_review_get_n_renewals (const TendReview   *review);
char            *tend_review_get_title      (const TendReview   *review);
/* The line at the foot of every page. */
char            *tend_review_get_footer     (const TendReview   *review);

void             tend_review_write          (const TendReview   *review,
                                             TendPdf            *pdf);
TendPdf         *tend_review_to_pdf         (const TendReview   *review,
                                             TendPaper           paper);
GBytes          *tend_review_render         (const TendReview   *review,
                                             TendPaper           paper,
                                             guint              *out_n_pages);
gboolean         tend_review_save           (const TendReview   *review,
                                             TendPaper           paper,
                                             const char         *path,
                                             guint              *out_n_pages,
                                             GError            **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TendReview, tend_review_free)

G_END_DECLS
