// Net and gross revenue retention of a set of accounts over a period (DOMAIN.md 8).
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <glib.h>

#include "tend-book.h"
#include "tend-day.h"

G_BEGIN_DECLS

/* The retention figures of one set of accounts in one currency, in cents.
 * Strings are borrowed from the book. */
typedef struct {
  const char *owner_id;        /* NULL for accounts without an owner, and in totals */
  const char *currency;
  guint       n_accounts;      /* active at the start of the period, with a known ARR */
  guint       n_churned;
  guint       n_missing_arr;   /* active at the start but without ARR: left out */
  gint64      arr0;
  gint64      expansion;
  gint64      contraction;
  gint64      churned;
} TendRetention;

typedef struct {
  TendDay  from;
  TendDay  to;
  TendDay  as_of;
  GArray  *portfolios;         /* TendRetention per owner and currency, by owner name */
  GArray  *totals;             /* TendRetention per currency, the main one (most accounts) first */
} TendNrrReport;

/* owner_id NULL: every account; else the portfolio of that owner. */
TendNrrReport *tend_nrr_report_compute (const TendBook      *book,
                                        TendDay              from,
                                        TendDay              to,
                                        TendDay              as_of,
                                        const char          *owner_id,
                                        GError             **error);
void           tend_nrr_report_free    (TendNrrReport       *report);

/* Each FALSE when ARR0 is 0 (no ratio). */
gboolean       tend_retention_nrr      (const TendRetention *retention,
                                        double              *out_ratio);
gboolean       tend_retention_grr      (const TendRetention *retention,
                                        double              *out_ratio);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TendNrrReport, tend_nrr_report_free)

G_END_DECLS
