// How the renewals page words tiers, risks, days left and ARR totals.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <glib.h>

#include "tend-assessment.h"
#include "tend-health.h"
#include "tend-renewals.h"

G_BEGIN_DECLS

const char *tend_renewal_format_tier       (TendTier           tier);
/* "tier-green", ...: the style class that colours a tier (ui/style.css). */
const char *tend_renewal_tier_style_class  (TendTier           tier);
const char *tend_renewal_format_risk       (TendRisk           risk);
const char *tend_renewal_format_reason     (TendRiskReason     reason);
const char *tend_renewal_format_milestone  (TendMilestoneKind  kind);
/* "today", "tomorrow", "in 5 days". */
char       *tend_renewal_format_days_left  (int                days_left);
/* "USD 1.2M · EUR 35K" (is_short) or with every cent; "—" for none. */
char       *tend_renewal_format_totals     (GArray            *totals,
                                            gboolean           is_short);

G_END_DECLS
