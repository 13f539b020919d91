// The health backtest of DOMAIN.md 5: does the score predict churn?
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "tend-health.h"

G_BEGIN_DECLS

typedef struct {
  gboolean enough_history;              /* at least one churned and one renewed account used */
  double   auc;                         /* ROC AUC of 100 - score vs churn; NAN without enough history */
  guint    accounts_used;
  guint    churned;
  guint    renewed;
  guint    tier_accounts[TEND_N_TIERS]; /* indexed by TendTier */
  guint    tier_churned[TEND_N_TIERS];
} TendBacktest;

gboolean tend_health_backtest     (TendStore       *store,
                                   const TendBook  *book,
                                   TendDay          as_of,
                                   TendBacktest    *out,
                                   GError         **error);
double   tend_health_roc_auc      (const double    *risk,
                                   const gboolean  *is_positive,
                                   guint            n);

G_END_DECLS
