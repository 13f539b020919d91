// Renewal risk assessments (DOMAIN.md 6): validation, saving with history.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <glib.h>

#include "tend-book.h"
#include "tend-day.h"
#include "tend-store.h"

G_BEGIN_DECLS

typedef enum {
  TEND_RISK_LOW,
  TEND_RISK_MEDIUM,
  TEND_RISK_HIGH,
  TEND_N_RISKS
} TendRisk;

/* The fixed set of reasons, as bits of TendAssessment.reasons. */
typedef enum {
  TEND_RISK_REASON_PRICE              = 1 << 0,
  TEND_RISK_REASON_PRODUCT_GAP        = 1 << 1,
  TEND_RISK_REASON_SUPPORT            = 1 << 2,
  TEND_RISK_REASON_CHAMPION_LOSS      = 1 << 3,
  TEND_RISK_REASON_BUDGET             = 1 << 4,
  TEND_RISK_REASON_COMPETITOR         = 1 << 5,
  TEND_RISK_REASON_MERGER_ACQUISITION = 1 << 6,
  TEND_RISK_REASON_OTHER              = 1 << 7,
} TendRiskReason;

#define TEND_N_RISK_REASONS 8
#define TEND_RISK_REASONS_ALL ((1u << TEND_N_RISK_REASONS) - 1)

/* Longest free text accepted, in characters. */
#define TEND_ASSESSMENT_MAX_TEXT 4000

typedef struct {
  gint64    id;                  /* 0 until saved */
  char     *account_id;
  TendDay   renewal_date;        /* set by tend_assessment_save () */
  TendRisk  risk;
  guint     reasons;             /* TendRiskReason bits */
  char     *mitigation;          /* NULL when none */
  gboolean  has_forecast;
  gint64    forecast_amount;     /* cents */
  char     *forecast_currency;   /* NULL: the account's currency when saved */
  char     *owner;
  char     *next_step;           /* with next_step_date, or neither */
  TendDay   next_step_date;
  char     *assessed_by;         /* set by tend_assessment_save () */
  char     *assessed_at;         /* ISO 8601 UTC instant */
} TendAssessment;

const char     *tend_risk_to_string              (TendRisk               risk);
gboolean        tend_risk_from_string            (const char            *text,
                                                  TendRisk              *out_risk,
                                                  GError               **error);
const char     *tend_risk_reason_to_string       (TendRiskReason         reason);
gboolean        tend_risk_reason_from_string     (const char            *text,
                                                  TendRiskReason        *out_reason,
                                                  GError               **error);
/* The reasons' words in the fixed order, NULL-terminated; free with g_strfreev. */
char          **tend_risk_reasons_to_strv        (guint                  reasons);

TendAssessment *tend_assessment_new              (void);
TendAssessment *tend_assessment_copy             (const TendAssessment  *assessment);
void            tend_assessment_free             (TendAssessment        *assessment);

gboolean        tend_assessment_validate         (const TendAssessment  *draft,
                                                  GError               **error);
/* Validates draft and stores it as the newest assessment of the account's
 * current renewal, with the store's actor and the time now, audit-logged,
 * in one transaction. Returns the saved record, or NULL with nothing written. */
TendAssessment *tend_assessment_save             (TendStore             *store,
                                                  const TendBook        *book,
                                                  const TendAssessment  *draft,
                                                  TendDay                as_of,
                                                  GError               **error);

/* The rule shared with health: an assessment belongs to the account's
 * current renewal when its renewal date is the account's renewal day or is
 * on or after as_of; the latest of those is the current one. */
gboolean        tend_assessment_is_for_current_renewal (const TendAssessment *assessment,
                                                        const TendBook       *book,
                                                        const TendAccount    *account,
                                                        TendDay               as_of);
/* Every assessment of the account, newest first (history included). */
GPtrArray      *tend_assessment_list_for_account (TendStore             *store,
                                                  const char            *account_id,
                                                  GError               **error);
/* The current assessment of one account, or NULL (error unset) when the
 * current renewal has none. */
TendAssessment *tend_assessment_get_current      (TendStore             *store,
                                                  const TendBook        *book,
                                                  const TendAccount     *account,
                                                  TendDay                as_of,
                                                  GError               **error);
/* Every assessment in the workspace in id order, for bulk use. */
GPtrArray      *tend_assessment_list_all         (TendStore             *store,
                                                  GError               **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TendAssessment, tend_assessment_free)

G_END_DECLS
