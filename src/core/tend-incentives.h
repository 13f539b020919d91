// Incentive entries, their clawbacks and the clawback approval flow (DOMAIN.md 8).
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <glib.h>

#include "tend-book.h"
#include "tend-day.h"
#include "tend-settings.h"
#include "tend-store.h"

G_BEGIN_DECLS

typedef enum {
  TEND_ROLE_SALES,
  TEND_ROLE_ONBOARDING,
  TEND_ROLE_CSM,
  TEND_ROLE_EXECUTIVE,
  TEND_N_ROLES
} TendIncentiveRole;

typedef enum {
  TEND_CLAWBACK_RULE_NONE,
  TEND_CLAWBACK_RULE_PRO_RATA,
} TendClawbackRule;

typedef enum {
  TEND_CLAWBACK_NONE,        /* nothing is due on this entry */
  TEND_CLAWBACK_PENDING,
  TEND_CLAWBACK_APPROVED,
  TEND_CLAWBACK_APPLIED,
  TEND_CLAWBACK_WAIVED,
} TendClawbackStatus;

/* Which field of a draft failed validation, so a form can point at it. */
typedef enum {
  TEND_INCENTIVE_FIELD_NONE,
  TEND_INCENTIVE_FIELD_PERSON,
  TEND_INCENTIVE_FIELD_ROLE,
  TEND_INCENTIVE_FIELD_KIND,
  TEND_INCENTIVE_FIELD_ACCOUNT,
  TEND_INCENTIVE_FIELD_DEAL,
  TEND_INCENTIVE_FIELD_AMOUNT,
  TEND_INCENTIVE_FIELD_CURRENCY,
  TEND_INCENTIVE_FIELD_EARNED,
} TendIncentiveField;

/* What a person types; strings are borrowed. currency NULL means the
 * account's currency. */
typedef struct {
  const char        *person;
  TendIncentiveRole  role;
  TendIncentiveKind  kind;
  const char        *account_id;
  const char        *deal_id;
  gint64             amount;         /* cents, > 0 */
  const char        *currency;
  TendDay            earned;
} TendIncentiveDraft;

typedef struct {
  gint64             id;
  char              *person;
  TendIncentiveRole  role;
  TendIncentiveKind  kind;
  char              *account_id;
  char              *deal_id;        /* NULL when none */
  gint64             amount;         /* cents */
  char              *currency;
  TendDay            earned;
  TendClawbackRule   rule;           /* captured at creation */
  guint              window_months;  /* captured at creation; 0 with rule NONE */
  char              *created_by;
  char              *created_at;
} TendIncentiveEntry;

/* The clawback of one entry as of a day, decisions included. */
typedef struct {
  TendClawbackStatus  status;
  gboolean            is_triggered;  /* FALSE only for an application whose churn a re-sync removed */
  TendDay             churn_day;     /* the one the clawback is about */
  int                 months_served;
  gint64              clawback;      /* cents */
  char               *approved_by;
  char               *approved_at;
  char               *applied_by;
  char               *applied_at;
  char               *waived_by;
  char               *waived_at;
  char               *reason;
} TendClawback;

typedef struct {
  TendIncentiveEntry *entry;
  TendClawback        clawback;      /* status NONE when nothing is due */
  gint64              exposure;      /* what would fall if the account churned on as_of */
  gboolean            is_red;        /* the account's health tier is red on as_of */
} TendLedgerLine;

/* Totals of one person in one currency. */
typedef struct {
  const char *person;                /* borrowed from the ledger's entries */
  const char *currency;
  guint       n_entries;
  gint64      earned;
  gint64      clawed_back;           /* pending + approved + applied */
  gint64      applied;
  gint64      net;                   /* earned - clawed_back */
  gint64      exposure;
} TendPersonTotals;

typedef struct {
  const char *currency;
  gint64      amount;
} TendCurrencyAmount;

typedef struct {
  TendDay  as_of;
  GArray  *lines;         /* TendLedgerLine, entries earned on or before as_of, by earned day, id */
  GArray  *people;        /* TendPersonTotals, by person, currency */
  GArray  *red_exposure;  /* TendCurrencyAmount, by currency; empty without health */
} TendLedger;

const char         *tend_incentive_role_to_string    (TendIncentiveRole   role);
TendIncentiveRole   tend_incentive_role_from_string  (const char         *text);
const char         *tend_incentive_kind_to_string    (TendIncentiveKind   kind);
TendIncentiveKind   tend_incentive_kind_from_string  (const char         *text);
const char         *tend_clawback_rule_to_string     (TendClawbackRule    rule);
const char         *tend_clawback_status_to_string   (TendClawbackStatus  status);

/* The pure rule: TRUE when churn_day falls inside the entry's window
 * (earned <= churn_day < earned + window months), with the amount due. */
gboolean            tend_clawback_compute            (const TendIncentiveEntry *entry,
                                                      TendDay              churn_day,
                                                      gint64              *out_clawback,
                                                      int                 *out_months_served);

gboolean            tend_incentive_validate          (const TendIncentiveDraft *draft,
                                                      const TendBook      *book,
                                                      TendDay              as_of,
                                                      TendIncentiveField  *out_field,
                                                      GError             **error);
gint64              tend_incentive_add               (TendStore           *store,
                                                      const TendBook      *book,
                                                      const TendSettings  *settings,
                                                      const TendIncentiveDraft *draft,
                                                      TendDay              as_of,
                                                      TendIncentiveField  *out_field,
                                                      GError             **error);
gboolean            tend_incentive_remove            (TendStore           *store,
                                                      const TendBook      *book,
                                                      gint64               entry_id,
                                                      TendDay              as_of,
                                                      GError             **error);
TendIncentiveEntry *tend_incentive_get               (TendStore           *store,
                                                      gint64               entry_id,
                                                      GError             **error);
GPtrArray          *tend_incentive_list              (TendStore           *store,
                                                      GError             **error);
void                tend_incentive_entry_free        (TendIncentiveEntry  *entry);
gboolean            tend_incentive_parse_id          (const char          *text,
                                                      gint64              *out_id,
                                                      GError             **error);

/* health: the GArray of tend_health_compute_book() for the same book and
 * day, or NULL (then nothing counts as red). */
TendLedger         *tend_ledger_load                 (TendStore           *store,
                                                      const TendBook      *book,
                                                      TendDay              as_of,
                                                      GArray              *health,
                                                      GError             **error);
void                tend_ledger_free                 (TendLedger          *ledger);

/* The clawback of one entry as of a day; clear it with tend_clawback_clear. */
gboolean            tend_clawback_get                (TendStore           *store,
                                                      const TendBook      *book,
                                                      gint64               entry_id,
                                                      TendDay              as_of,
                                                      TendIncentiveEntry **out_entry,
                                                      TendClawback        *out_clawback,
                                                      GError             **error);
void                tend_clawback_clear              (TendClawback        *clawback);

/* The approval flow: pending -> approved -> applied, or waived (with a
 * reason) from pending or approved. Anything else is TEND_ERROR_STATE. */
gboolean            tend_clawback_approve            (TendStore           *store,
                                                      const TendBook      *book,
                                                      gint64               entry_id,
                                                      TendDay              as_of,
                                                      GError             **error);
gboolean            tend_clawback_apply              (TendStore           *store,
                                                      const TendBook      *book,
                                                      gint64               entry_id,
                                                      TendDay              as_of,
                                                      GError             **error);
gboolean            tend_clawback_waive              (TendStore           *store,
                                                      const TendBook      *book,
                                                      gint64               entry_id,
                                                      const char          *reason,
                                                      TendDay              as_of,
                                                      GError             **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TendIncentiveEntry, tend_incentive_entry_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TendLedger, tend_ledger_free)

G_END_DECLS
