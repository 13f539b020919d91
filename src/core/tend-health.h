// The health score of DOMAIN.md section 5: components, weights, tier, flags.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <glib.h>

#include "tend-book.h"
#include "tend-day.h"
#include "tend-settings.h"
#include "tend-store.h"

G_BEGIN_DECLS

typedef enum {
  TEND_TIER_UNKNOWN,
  TEND_TIER_RED,
  TEND_TIER_AMBER,
  TEND_TIER_GREEN,
  TEND_N_TIERS
} TendTier;

#define TEND_HEALTH_FLAG_CONFLICT (1u << 0)

typedef struct {
  gboolean present;
  double   value;    /* 0–100, meaningful when present */
  double   weight;   /* the stage's weight from the settings */
  double   points;   /* contribution to the score: weight * value / sum of present weights */
} TendComponentScore;

typedef struct {
  guint              account_index;   /* into book->accounts */
  gboolean           is_scored;       /* FALSE for accounts churned on or before as_of */
  TendStage          stage;
  double             score;           /* unrounded; NAN when no component present */
  double             coverage;
  TendTier           tier;
  guint              flags;
  TendComponentScore components[TEND_N_COMPONENTS];

  /* Usage facts. */
  gboolean           has_usage_ratio;
  double             usage_ratio;            /* active users / licensed seats */
  gint64             licensed_seats;         /* -1 when unknown */
  gint64             active_users_30d;       /* -1 when unknown */
  gint               days_since_activity;    /* -1 when the last activity is unknown */
  gboolean           is_usage_capped;        /* last activity more than 30 days before as_of */

  /* Support facts: tickets created in the last 90 days. */
  guint              n_tickets;
  guint              tickets_by_priority[TEND_N_PRIORITIES];
  guint              points_by_priority[TEND_N_PRIORITIES];
  guint              n_tickets_doubled;      /* open on as_of and created before as_of - 14 */
  guint              support_points;

  /* Financial facts; each part is present or not. */
  gboolean           has_spend_trend;
  double             spend_change;           /* (arr - arr_prior_year) / arr_prior_year */
  double             spend_trend;
  gboolean           has_payment;
  gint64             overdue_amount;         /* cents */
  double             payment;
  gboolean           has_renewal_risk;
  const char        *renewal_risk_level;     /* "low", "medium", "high"; static */
  double             renewal_risk;

  /* Relational facts: responses submitted in the last 180 days. */
  gboolean           has_nps;
  guint              nps_responses;          /* after keeping the latest per respondent */
  guint              nps_promoters;
  guint              nps_detractors;
  double             nps;                    /* -100..100 */
  double             nps_part;
  gboolean           has_csat;
  guint              csat_responses;
  double             csat_mean;
  double             csat_part;
  gboolean           has_ces;
  guint              ces_responses;          /* after keeping the latest per respondent */
  double             ces_mean;
  double             ces_part;
} TendHealth;

const char *tend_tier_to_string      (TendTier            tier);
TendTier    tend_tier_from_string    (const char         *text);

/* Maps each account id (the book's own string, valid while the book lives)
 * to the risk of the latest assessment of its current renewal, stored as
 * GINT_TO_POINTER (1 + index into "low", "medium", "high"). */
GHashTable *tend_health_load_risks   (TendStore          *store,
                                      const TendBook     *book,
                                      TendDay             as_of,
                                      GError            **error);
void        tend_health_compute      (const TendBook     *book,
                                      const TendAccount  *account,
                                      TendDay             as_of,
                                      const TendSettings *settings,
                                      GHashTable         *risks,
                                      TendHealth         *out);
/* One TendHealth per book->accounts[i], in the same order. */
GArray     *tend_health_compute_book (TendStore          *store,
                                      const TendBook     *book,
                                      TendDay             as_of,
                                      const TendSettings *settings,
                                      GError            **error);

G_END_DECLS
