// The mirrored CRM data of a workspace, loaded into compact arrays for compute.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <glib.h>

#include "tend-day.h"
#include "tend-store.h"

G_BEGIN_DECLS

typedef enum {
  TEND_STAGE_NONE = -1,
  TEND_STAGE_ONBOARDING,
  TEND_STAGE_ADOPTION,
  TEND_STAGE_EXPANSION,
  TEND_STAGE_RENEWAL,
  TEND_N_STAGES
} TendStage;

typedef enum {
  TEND_DEAL_UNCATEGORIZED = -1,
  TEND_DEAL_NEW,
  TEND_DEAL_RENEWAL,
  TEND_DEAL_EXPANSION,
} TendDealCategory;

typedef enum {
  TEND_DEAL_OPEN,
  TEND_DEAL_WON,
  TEND_DEAL_LOST,
} TendDealStatus;

typedef enum {
  TEND_PRIORITY_LOW,
  TEND_PRIORITY_MEDIUM,
  TEND_PRIORITY_HIGH,
  TEND_PRIORITY_URGENT,
  TEND_N_PRIORITIES
} TendPriority;

typedef enum {
  TEND_SURVEY_NPS,
  TEND_SURVEY_CSAT,
  TEND_SURVEY_CES,
  TEND_N_SURVEY_TYPES
} TendSurveyType;

typedef struct {
  const char *id;
  const char *name;
  const char *email;
  const char *team;
} TendOwner;

typedef struct {
  const char *id;
  const char *name;
  const char *domain;
  const char *owner_id;
  const char *exec_owner_id;
  const char *segment;
  const char *region;
  const char *business_unit;
  const char *product_line;
  const char *currency;
  gint64      arr;
  gint64      arr_prior_year;
  gint64      licensed_seats;
  gint64      active_users_30d;
  gint64      overdue_amount;
  guint       has_arr : 1;
  guint       has_arr_prior_year : 1;
  guint       has_licensed_seats : 1;
  guint       has_active_users_30d : 1;
  guint       has_overdue_amount : 1;
  TendStage   stage_override;
  TendDay     contract_start;
  TendDay     contract_end;
  TendDay     last_activity;
  TendDay     churn_date;
  /* Ranges into the book's arrays, which are sorted by account. */
  guint       deals_start, n_deals;
  guint       tickets_start, n_tickets;
  guint       surveys_start, n_surveys;
} TendAccount;

typedef struct {
  const char       *id;
  const char       *account_id;   /* NULL when the CRM gave none */
  const char       *name;
  const char       *stage;
  const char       *owner_id;
  const char       *currency;
  TendDealCategory  category;
  TendDealStatus    status;
  gint64            amount;
  gboolean          has_amount;
  TendDay           close_date;
  gboolean          is_linked;    /* account_id names an account in the cache */
} TendDeal;

typedef struct {
  const char   *id;
  const char   *account_id;
  const char   *subject;
  const char   *created_at;
  const char   *closed_at;
  TendPriority  priority;
  TendDay       created_day;
  TendDay       closed_day;      /* TEND_DAY_NONE while open */
} TendTicket;

typedef struct {
  const char     *id;
  const char     *account_id;
  const char     *verbatim;
  const char     *respondent;
  const char     *submitted_at;
  TendSurveyType  type;
  double          value;
  TendDay         submitted_day;
} TendSurvey;

typedef struct {
  TendOwner   *owners;
  guint        n_owners;
  TendAccount *accounts;          /* ordered by name, then id */
  guint        n_accounts;
  TendDeal    *deals;             /* ordered by account id, close date, id */
  guint        n_deals;
  TendTicket  *tickets;           /* ordered by account id, created_at, id */
  guint        n_tickets;
  TendSurvey  *surveys;           /* ordered by account id, submitted_at, id */
  guint        n_surveys;

  /*< private >*/
  GStringChunk *strings;
  GHashTable   *account_index;    /* id -> index + 1 */
  GHashTable   *owner_index;
} TendBook;

TendBook          *tend_book_load               (TendStore         *store,
                                                 GError           **error);
void               tend_book_free               (TendBook          *book);
const TendAccount *tend_book_find_account       (const TendBook    *book,
                                                 const char        *account_id);
gint               tend_book_account_index      (const TendBook    *book,
                                                 const char        *account_id);
const TendOwner   *tend_book_find_owner         (const TendBook    *book,
                                                 const char        *owner_id);
const char        *tend_book_owner_name         (const TendBook    *book,
                                                 const char        *owner_id);

/* DOMAIN.md rules that several modules share. */
TendDay            tend_account_churn_day       (const TendBook    *book,
                                                 const TendAccount *account);
gboolean           tend_account_is_churned      (const TendBook    *book,
                                                 const TendAccount *account,
                                                 TendDay            as_of);
TendDay            tend_account_renewal_day     (const TendBook    *book,
                                                 const TendAccount *account);
TendStage          tend_account_stage           (const TendBook    *book,
                                                 const TendAccount *account,
                                                 TendDay            as_of);

const char        *tend_stage_to_string         (TendStage          stage);
TendStage          tend_stage_from_string       (const char        *text);
const char        *tend_priority_to_string      (TendPriority       priority);
TendPriority       tend_priority_from_string    (const char        *text);
const char        *tend_survey_type_to_string   (TendSurveyType     type);
TendSurveyType     tend_survey_type_from_string (const char        *text);
const char        *tend_deal_category_to_string (TendDealCategory   category);
TendDealCategory   tend_deal_category_from_string (const char      *text);
const char        *tend_deal_status_to_string   (TendDealStatus     status);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TendBook, tend_book_free)

G_END_DECLS
