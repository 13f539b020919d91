// A portfolio's health at a glance: accounts and ARR per tier, book NPS.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "tend-health.h"

G_BEGIN_DECLS

typedef struct {
  const char *currency;   /* the book's string; NULL when the CRM gave none */
  gint64      cents;
} TendHealthAmount;

typedef struct {
  guint    n_scored;                      /* accounts not churned on as_of */
  guint    n_by_tier[TEND_N_TIERS];
  GArray  *arr_by_tier[TEND_N_TIERS];     /* TendHealthAmount, ordered by currency */
  /* NPS over the responses of the last 180 days, counted as section 5 does
   * (the latest response per respondent of each account). */
  guint    nps_responses;
  guint    nps_promoters;
  guint    nps_detractors;
  gboolean has_nps;
  double   nps;                           /* -100..100 */
} TendHealthSummary;

void tend_health_summary_init  (TendHealthSummary  *summary);
void tend_health_summary_clear (TendHealthSummary  *summary);
/* Sums the healths at indices (all of them when indices is NULL); the
 * summary's currency strings point into book. */
void tend_health_summarize     (const TendBook     *book,
                                GArray             *healths,
                                const guint        *indices,
                                guint               n_indices,
                                TendHealthSummary  *summary);

G_END_DECLS
