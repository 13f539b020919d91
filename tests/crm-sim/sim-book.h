// The simulator's provider-neutral book: owners, companies, deals, tickets, surveys.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A missing number (money in cents, a count). */
#define SIM_NONE G_MININT64
/* A missing calendar day. Days count from 1970-01-01 (UTC). */
#define SIM_NO_DAY G_MININT32
#define SIM_MS_PER_DAY G_GINT64_CONSTANT (86400000)

typedef enum {
  SIM_KIND_COMPANY,
  SIM_KIND_DEAL,
  SIM_KIND_TICKET,
  SIM_KIND_SURVEY,
  SIM_N_KINDS
} SimKind;

/* Every record starts with this, so any record can be handled as a SimMeta. */
typedef struct {
  guint64 id;
  gint64  created_ms;
  gint64  modified_ms;
  gint64  archived_ms;   /* 0 while the record is live */
} SimMeta;

typedef enum {
  SIM_TEAM_CUSTOMER_SUCCESS,
  SIM_TEAM_SALES,
} SimTeam;

typedef struct {
  guint64     id;
  guint64     user_id;
  const char *first_name;
  const char *last_name;
  const char *email;
  SimTeam     team;
  gint64      created_ms;
  gint64      modified_ms;
  gboolean    is_archived;
} SimOwner;

typedef struct {
  SimMeta     meta;
  const char *name;
  const char *domain;              /* NULL: missing */
  guint64     owner_id;            /* the CSM; 0: none */
  guint64     executive_owner_id;  /* 0: none */
  const char *segment;             /* SMB / Mid-Market / Enterprise */
  const char *region;
  const char *business_unit;
  const char *product_line;
  gint64      arr_cents;           /* SIM_NONE: missing */
  gint64      arr_prior_cents;
  const char *currency;            /* ISO 4217; NULL: missing */
  gint32      contract_start;      /* day; SIM_NO_DAY: missing */
  gint32      contract_end;
  gint64      licensed_seats;
  gint64      active_users_30d;
  gint32      last_activity;
  gint64      overdue_cents;
  const char *lifecycle_override;  /* onboarding / adoption / expansion / renewal */
  gint32      churn_date;
} SimCompany;

typedef enum {
  SIM_DEAL_NEW,
  SIM_DEAL_RENEWAL,
  SIM_DEAL_EXPANSION,
} SimDealCategory;

typedef enum {
  SIM_STAGE_APPOINTMENT,
  SIM_STAGE_QUALIFIED,
  SIM_STAGE_PRESENTATION,
  SIM_STAGE_DECISION,
  SIM_STAGE_CONTRACT_SENT,
  SIM_STAGE_WON,
  SIM_STAGE_LOST,
} SimDealStage;

typedef struct {
  SimMeta         meta;
  guint64         company_id;        /* 0: no association */
  const char     *name;
  SimDealCategory category;
  gboolean        has_category;      /* FALSE: the category field is empty */
  gboolean        has_legacy_type;   /* the older new/existing business field is filled */
  SimDealStage    stage;
  gboolean        has_custom_stage;  /* the portal uses its own id for this stage */
  gint64          amount_cents;      /* SIM_NONE: missing */
  const char     *currency;
  gint64          close_ms;
  guint64         owner_id;          /* a sales rep */
} SimDeal;

typedef enum {
  SIM_PRIORITY_LOW,
  SIM_PRIORITY_MEDIUM,
  SIM_PRIORITY_HIGH,
  SIM_PRIORITY_URGENT,
} SimPriority;

typedef enum {
  SIM_TICKET_NEW,
  SIM_TICKET_WAITING_ON_CONTACT,
  SIM_TICKET_WAITING_ON_US,
  SIM_TICKET_CLOSED,
} SimTicketStatus;

typedef struct {
  SimMeta         meta;             /* created_ms is when the ticket was opened */
  guint64         company_id;
  const char     *subject;
  const char     *description;      /* NULL: missing */
  SimPriority     priority;
  SimTicketStatus status;
  gint64          closed_ms;        /* 0 while open */
} SimTicket;

typedef enum {
  SIM_SURVEY_NPS,
  SIM_SURVEY_CSAT,
  SIM_SURVEY_CES,
} SimSurveyType;

typedef struct {
  SimMeta        meta;
  guint64        company_id;
  SimSurveyType  type;
  int            value;             /* NPS 0-10, CSAT 1-5, CES 1-7 */
  const char    *verbatim;          /* NULL: missing */
  gint64         submitted_ms;
  const char    *respondent_email;
} SimSurvey;

typedef struct {
  guint changed[SIM_N_KINDS];
  guint created[SIM_N_KINDS];
  guint archived[SIM_N_KINDS];
} SimAdvanceCounts;

typedef struct _SimBook SimBook;

SimBook          *sim_book_new                (guint64            seed,
                                               guint              n_accounts,
                                               gint32             today);
void              sim_book_free               (SimBook           *book);

gint32            sim_book_get_today          (SimBook           *book);
guint64           sim_book_get_seed           (SimBook           *book);
guint             sim_book_get_n_accounts     (SimBook           *book);
guint             sim_book_get_generation     (SimBook           *book);

guint             sim_book_get_n_owners       (SimBook           *book);
const SimOwner   *sim_book_get_owner          (SimBook           *book,
                                               guint              index);

guint             sim_book_get_n_records      (SimBook           *book,
                                               SimKind            kind);
guint             sim_book_count_live         (SimBook           *book,
                                               SimKind            kind);
SimMeta          *sim_book_get_record         (SimBook           *book,
                                               SimKind            kind,
                                               guint              index);
gboolean          sim_book_find               (SimBook           *book,
                                               SimKind            kind,
                                               guint64            id,
                                               guint             *index);
guint             sim_book_lower_bound        (SimBook           *book,
                                               SimKind            kind,
                                               guint64            id);
guint64           sim_book_get_company_id     (SimBook           *book,
                                               SimKind            kind,
                                               guint              index);
const guint      *sim_book_get_children       (SimBook           *book,
                                               SimKind            child_kind,
                                               guint              company_index,
                                               guint             *n_children);
gint64            sim_book_get_newest_modified (SimBook          *book);

SimAdvanceCounts  sim_book_advance            (SimBook           *book,
                                               double             fraction,
                                               guint64            seed,
                                               gint64             now_ms);

const char       *sim_kind_to_string          (SimKind            kind);

gint32            sim_day_from_civil          (int                year,
                                               int                month,
                                               int                day);
void              sim_day_to_civil            (gint32             day,
                                               int               *year,
                                               int               *month,
                                               int               *mday);
gint32            sim_day_add_months          (gint32             day,
                                               int                months);
gboolean          sim_day_parse               (const char        *text,
                                               gint32            *day);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SimBook, sim_book_free)

G_END_DECLS
