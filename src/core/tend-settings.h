// The rule settings of DOMAIN.md with their defaults, read from GSettings.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <gio/gio.h>

#include "tend-book.h"

G_BEGIN_DECLS

typedef enum {
  TEND_COMPONENT_USAGE,
  TEND_COMPONENT_SUPPORT,
  TEND_COMPONENT_FINANCIAL,
  TEND_COMPONENT_RELATIONAL,
  TEND_N_COMPONENTS
} TendComponent;

typedef enum {
  TEND_INCENTIVE_NEW_BUSINESS,
  TEND_INCENTIVE_RENEWAL,
  TEND_INCENTIVE_EXPANSION,
  TEND_INCENTIVE_CSM_BONUS,
  TEND_N_INCENTIVE_KINDS
} TendIncentiveKind;

typedef struct {
  /* Health (DOMAIN.md 5) */
  double   weights[TEND_N_STAGES][TEND_N_COMPONENTS];
  double   tier_green;             /* score >= this is green */
  double   tier_amber;             /* score >= this is amber, below is red */
  /* Renewals (DOMAIN.md 6) */
  guint    renewal_horizon_days;
  /* Handoffs (DOMAIN.md 7) */
  char   **onboarding_checklist;
  /* Incentives (DOMAIN.md 8): clawback window in months, 0 = none */
  guint    clawback_months[TEND_N_INCENTIVE_KINDS];
  double   nrr_target;
} TendSettings;

void          tend_settings_init_defaults (TendSettings *settings);
void          tend_settings_clear         (TendSettings *settings);
gboolean      tend_settings_load          (TendSettings *settings,
                                           GSettings    *gsettings);
gboolean      tend_settings_validate      (const TendSettings *settings,
                                           GError      **error);
GSettings    *tend_settings_new_gsettings (void);
const char   *tend_component_to_string    (TendComponent component);

G_END_DECLS
