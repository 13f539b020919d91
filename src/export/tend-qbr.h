// The QBR pack of DOMAIN.md 9: one account's quarter, made offline as a PDF.
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

/* Everything a pack shows, read from the cache and computed by the core.
 * It points into the book, which must outlive it. Computing and writing
 * touch no network and no global state: a GTask thread can do both with a
 * store it opened itself. */
typedef struct _TendQbr TendQbr;

/* Fails with TEND_ERROR_NOT_FOUND when the account is not in the book. */
TendQbr          *tend_qbr_compute         (TendStore          *store,
                                            const TendBook     *book,
                                            const char         *account_id,
                                            TendDay             as_of,
                                            const TendSettings *settings,
                                            GError            **error);
void              tend_qbr_free            (TendQbr            *qbr);

const TendAccount *tend_qbr_get_account    (const TendQbr      *qbr);
const TendHealth *tend_qbr_get_health      (const TendQbr      *qbr);
/* The quarter ending at the as-of date: as_of - 3 months + 1 day. */
TendDay           tend_qbr_get_period_start (const TendQbr     *qbr);
/* The document title, e.g. "QBR — Acme — 2026-01-10". */
char             *tend_qbr_get_title       (const TendQbr      *qbr);
/* The line at the foot of every page. */
char             *tend_qbr_get_footer      (const TendQbr      *qbr);

/* Writes the pack's pages into pdf (which may already hold other pages). */
void              tend_qbr_write           (const TendQbr      *qbr,
                                            TendPdf            *pdf);
/* A new writer with the pack's title and footer, written and not finished:
 * finish it for the bytes or save it to a file. */
TendPdf          *tend_qbr_to_pdf          (const TendQbr      *qbr,
                                            TendPaper           paper);
/* The finished PDF, e.g. for a preview; out_n_pages may be NULL. */
GBytes           *tend_qbr_render          (const TendQbr      *qbr,
                                            TendPaper           paper,
                                            guint              *out_n_pages);
/* Writes the PDF to path atomically; the message names the path on failure. */
gboolean          tend_qbr_save            (const TendQbr      *qbr,
                                            TendPaper           paper,
                                            const char         *path,
                                            guint              *out_n_pages,
                                            GError            **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TendQbr, tend_qbr_free)

G_END_DECLS
