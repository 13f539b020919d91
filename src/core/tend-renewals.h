// The renewal calendar of DOMAIN.md 6: renewals in the horizon, their
// assessment status, health tier and retention milestones.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <glib.h>

#include "tend-assessment.h"
#include "tend-book.h"
#include "tend-day.h"
#include "tend-health.h"
#include "tend-settings.h"
#include "tend-store.h"

G_BEGIN_DECLS

typedef enum {
  TEND_MILESTONE_RISK_ASSESSMENT,    /* 90 days out; done by a current assessment */
  TEND_MILESTONE_PROPOSAL_SENT,      /* 60 days out; a checkbox */
  TEND_MILESTONE_ORDER_FORM_SIGNED,  /* 30 days out; a checkbox */
  TEND_N_MILESTONES
} TendMilestoneKind;

typedef struct {
  TendMilestoneKind  kind;
  guint              days_before;    /* 90, 60, 30 */
  TendDay            due_date;       /* renewal day - days_before */
  gboolean           is_done;
  char              *done_by;        /* NULL while not done */
  char              *done_at;        /* ISO 8601 UTC instant */
  gboolean           is_past_due;    /* not done and due before as_of */
} TendMilestone;

typedef struct {
  const TendAccount *account;        /* in the book the list was made from */
  TendDay            renewal_date;
  int                days_left;      /* renewal_date - as_of */
  TendTier           tier;
  TendAssessment    *assessment;     /* the current one; NULL: assessment missing */
  TendMilestone      milestones[TEND_N_MILESTONES];
} TendRenewal;

const char        *tend_milestone_kind_to_string   (TendMilestoneKind   kind);
gboolean           tend_milestone_kind_from_string (const char         *text,
                                                    TendMilestoneKind  *out_kind,
                                                    GError            **error);
guint              tend_milestone_kind_days_before (TendMilestoneKind   kind);

void               tend_renewal_free               (TendRenewal        *renewal);

/* Renewals from as_of through as_of + horizon_days (inclusive) of accounts
 * that have not churned on or before as_of, sorted by renewal date, then as
 * the book orders accounts (name, id). The elements point into book. */
GPtrArray         *tend_renewals_list              (TendStore          *store,
                                                    const TendBook     *book,
                                                    TendDay             as_of,
                                                    guint               horizon_days,
                                                    const TendSettings *settings,
                                                    GError            **error);
/* The current renewal of one account whatever the horizon; fails when the
 * account is unknown, churned on or before as_of, or has no renewal day. */
TendRenewal       *tend_renewals_get               (TendStore          *store,
                                                    const TendBook     *book,
                                                    const char         *account_id,
                                                    TendDay             as_of,
                                                    const TendSettings *settings,
                                                    GError            **error);

/* Checks (or unchecks) a milestone of the account's current renewal, with
 * the store's actor and the time now, audit-logged. The risk-assessment
 * milestone is done by saving an assessment, so it cannot be checked here.
 * Checking a done milestone or unchecking an open one changes nothing and
 * succeeds. */
gboolean           tend_milestone_check            (TendStore          *store,
                                                    const TendBook     *book,
                                                    const char         *account_id,
                                                    TendMilestoneKind   kind,
                                                    TendDay             as_of,
                                                    GError            **error);
gboolean           tend_milestone_uncheck          (TendStore          *store,
                                                    const TendBook     *book,
                                                    const char         *account_id,
                                                    TendMilestoneKind   kind,
                                                    TendDay             as_of,
                                                    GError            **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TendRenewal, tend_renewal_free)

G_END_DECLS
