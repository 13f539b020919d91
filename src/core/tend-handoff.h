// Sales-to-CS handoff plans and success plans (DOMAIN.md 7).
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <glib-object.h>

#include "tend-book.h"
#include "tend-day.h"
#include "tend-settings.h"
#include "tend-store.h"

G_BEGIN_DECLS

typedef enum {
  TEND_HANDOFF_DRAFT,
  TEND_HANDOFF_SUBMITTED,
  TEND_HANDOFF_ACCEPTED,
  TEND_HANDOFF_RETURNED,
  TEND_N_HANDOFF_STATES
} TendHandoffState;

typedef enum {
  TEND_OBJECTIVE_NOT_STARTED,
  TEND_OBJECTIVE_ON_TRACK,
  TEND_OBJECTIVE_AT_RISK,
  TEND_OBJECTIVE_ACHIEVED,
  TEND_N_OBJECTIVE_STATUSES
} TendObjectiveStatus;

/* The delivery review of a commitment made during the sale. */
typedef enum {
  TEND_COMMITMENT_PENDING,
  TEND_COMMITMENT_DELIVERED,
  TEND_COMMITMENT_AT_RISK,
  TEND_COMMITMENT_MISSED,
  TEND_N_COMMITMENT_STATUSES
} TendCommitmentStatus;

/* The plan's lists of repeatable rows, for the row helpers. */
typedef enum {
  TEND_HANDOFF_SECTION_OBJECTIVES,
  TEND_HANDOFF_SECTION_STAKEHOLDERS,
  TEND_HANDOFF_SECTION_COMMITMENTS,
  TEND_HANDOFF_SECTION_PRODUCTS,
  TEND_HANDOFF_SECTION_RISKS,
  TEND_HANDOFF_SECTION_CHECKLIST,
  TEND_N_HANDOFF_SECTIONS
} TendHandoffSection;

/* Longest free text that validates, in characters (notes: 5 times this). */
#define TEND_HANDOFF_MAX_TEXT 4000

/* Text fields hold what a person typed, as typed (dates too, as
 * "YYYY-MM-DD" once valid), so an autosaved draft never loses a keystroke;
 * NULL and "" both mean empty. Every string is owned by its struct. */

typedef struct {
  char                *note;        /* NULL: a status change without a note */
  TendObjectiveStatus  status;      /* the status set with this note */
  char                *noted_by;
  char                *noted_at;    /* ISO 8601 UTC instant */
} TendHandoffProgressNote;

typedef struct {
  char                *objective;
  char                *success_metric;
  char                *target_value;
  char                *target_date;
  TendObjectiveStatus  status;
  GPtrArray           *progress;    /* TendHandoffProgressNote, oldest first */
} TendHandoffObjective;

typedef struct {
  char     *name;
  char     *role;
  char     *email;
  gboolean  is_champion;
  gboolean  is_decision_maker;
  gboolean  is_executive_sponsor;
} TendHandoffStakeholder;

typedef struct {
  char                 *what;
  char                 *due_date;
  TendCommitmentStatus  status;
  char                 *reviewed_by;  /* who set the status, when */
  char                 *reviewed_at;
} TendHandoffCommitment;

typedef struct {
  char     *product;
  gboolean  has_seats;
  gint64    seats;
} TendHandoffProduct;

typedef struct {
  char     *item;
  gboolean  is_done;
  char     *done_by;
  char     *done_at;
} TendHandoffChecklistItem;

typedef struct {
  gint64            id;               /* 0 until created in a workspace */
  char             *account_id;
  char             *deal_id;          /* NULL when created for an account */
  TendHandoffState  state;
  char             *kickoff_date;
  char             *go_live_target;
  char             *notes;
  char             *return_comment;   /* the latest return's comment */
  char             *created_by;
  char             *created_at;
  char             *updated_by;
  char             *updated_at;
  char             *submitted_by;
  char             *submitted_at;
  char             *accepted_by;
  char             *accepted_at;
  char             *returned_by;
  char             *returned_at;
  GPtrArray        *objectives;       /* TendHandoffObjective */
  GPtrArray        *stakeholders;     /* TendHandoffStakeholder */
  GPtrArray        *commitments;      /* TendHandoffCommitment */
  GPtrArray        *products;         /* TendHandoffProduct */
  GPtrArray        *risks;            /* char *, one known risk each */
  GPtrArray        *checklist;        /* TendHandoffChecklistItem */
} TendHandoffPlan;

/* One validation message, at a field path such as "kickoff_date",
 * "objectives" or "objectives[2].success_metric" (0-based indexes). */
typedef struct {
  char *field;
  char *message;
} TendHandoffIssue;

/* A row of the plans list. */
typedef struct {
  gint64            plan_id;
  char             *account_id;
  char             *deal_id;
  TendHandoffState  state;
  char             *updated_at;
  guint             n_objectives;
} TendHandoffSummary;

/* A row of "handoffs awaiting". The strings point into the book. */
typedef struct {
  const TendDeal    *deal;
  const TendAccount *account;
  const char        *rep_name;        /* the deal owner's name, or NULL */
  TendDay            won_date;
  int                days_since_won;
  gint64             plan_id;         /* the account's plan not yet accepted, or 0 */
  TendHandoffState   plan_state;      /* meaningful when plan_id != 0 */
} TendHandoffAwaiting;

#define TEND_HANDOFF_AWAITING_DAYS 60

#define TEND_TYPE_HANDOFF_PLAN (tend_handoff_plan_get_type ())

/* Words, as stored and in JSON. from_string returns -1 for an unknown word. */
const char            *tend_handoff_state_to_string          (TendHandoffState      state);
TendHandoffState       tend_handoff_state_from_string        (const char           *text);
const char            *tend_objective_status_to_string       (TendObjectiveStatus   status);
TendObjectiveStatus    tend_objective_status_from_string     (const char           *text);
const char            *tend_commitment_status_to_string      (TendCommitmentStatus  status);
TendCommitmentStatus   tend_commitment_status_from_string    (const char           *text);

/* The plan in memory, for a form: add, remove and move rows, then save. */
GType                     tend_handoff_plan_get_type         (void) G_GNUC_CONST;
TendHandoffPlan          *tend_handoff_plan_new              (void);
TendHandoffPlan          *tend_handoff_plan_copy             (const TendHandoffPlan *plan);
void                      tend_handoff_plan_free             (TendHandoffPlan       *plan);
TendHandoffObjective     *tend_handoff_plan_add_objective    (TendHandoffPlan       *plan);
TendHandoffStakeholder   *tend_handoff_plan_add_stakeholder  (TendHandoffPlan       *plan);
TendHandoffCommitment    *tend_handoff_plan_add_commitment   (TendHandoffPlan       *plan);
TendHandoffProduct       *tend_handoff_plan_add_product      (TendHandoffPlan       *plan);
void                      tend_handoff_plan_add_risk         (TendHandoffPlan       *plan,
                                                              const char            *risk);
TendHandoffChecklistItem *tend_handoff_plan_add_checklist_item (TendHandoffPlan     *plan,
                                                              const char            *item);
guint                     tend_handoff_plan_get_n_rows       (const TendHandoffPlan *plan,
                                                              TendHandoffSection     section);
gboolean                  tend_handoff_plan_remove_row       (TendHandoffPlan       *plan,
                                                              TendHandoffSection     section,
                                                              guint                  index);
/* Moves the row at from to index to, shifting the rows between. */
gboolean                  tend_handoff_plan_move_row         (TendHandoffPlan       *plan,
                                                              TendHandoffSection     section,
                                                              guint                  from,
                                                              guint                  to);
/* Ticks or unticks an item in memory with who and the time now. */
void                      tend_handoff_checklist_item_set_done (TendHandoffChecklistItem *item,
                                                              gboolean               is_done,
                                                              const char            *who);
/* Replaces *field with a copy of text, for form setters. */
void                      tend_handoff_set_text              (char                 **field,
                                                              const char            *text);

/* Every problem of the plan, in form order; an empty array when it can be
 * submitted. Drafts save with problems; submitting needs none. */
GPtrArray                *tend_handoff_plan_validate         (const TendHandoffPlan *plan);
/* The first message for field, or NULL. */
const char               *tend_handoff_issues_lookup         (GPtrArray             *issues,
                                                              const char            *field);
void                      tend_handoff_issue_free            (TendHandoffIssue      *issue);

/* The plan as JSON (format "tend-handoff-plan", version 1): everything but
 * the workspace-local plan id, rows in order. */
char                     *tend_handoff_plan_to_json          (const TendHandoffPlan *plan);
/* Reads a document written by tend_handoff_plan_to_json (); every member is
 * checked, so a damaged or hand-edited file fails with the member's path. */
TendHandoffPlan          *tend_handoff_plan_from_json        (const char            *json,
                                                              GError               **error);

/* The workspace. Every function writes in one transaction, audit-logged
 * (entity "handoff", the plan id) with the store's actor, or writes nothing. */

/* A new draft for a deal's account (deal_id) or for an account (account_id
 * with deal_id NULL); the onboarding checklist comes from settings. One plan
 * per account: TEND_ERROR_STATE when the account has one. */
TendHandoffPlan          *tend_handoff_create                (TendStore             *store,
                                                              const TendBook        *book,
                                                              const TendSettings    *settings,
                                                              const char            *deal_id,
                                                              const char            *account_id,
                                                              GError               **error);
TendHandoffPlan          *tend_handoff_load                  (TendStore             *store,
                                                              gint64                 plan_id,
                                                              GError               **error);
/* The account's plan, or NULL with error unset when it has none. */
TendHandoffPlan          *tend_handoff_find_for_account      (TendStore             *store,
                                                              const char            *account_id,
                                                              GError               **error);
/* Writes the plan's content (everything a person types, rows in order) to
 * a draft or returned plan, whatever its problems; the state and the who and
 * when of transitions are the workspace's. An unchanged plan writes nothing.
 * Updates plan's updated_by/updated_at and state. */
gboolean                  tend_handoff_save                  (TendStore             *store,
                                                              TendHandoffPlan       *plan,
                                                              GError               **error);
/* draft or returned -> submitted, when the stored plan validates; otherwise
 * TEND_ERROR_INVALID_INPUT and, with out_issues, the problems. */
gboolean                  tend_handoff_submit                (TendStore             *store,
                                                              gint64                 plan_id,
                                                              GPtrArray            **out_issues,
                                                              GError               **error);
/* submitted -> accepted: final; the objectives become the success plan. */
gboolean                  tend_handoff_accept                (TendStore             *store,
                                                              gint64                 plan_id,
                                                              GError               **error);
/* submitted -> returned, with a comment that says what to change. */
gboolean                  tend_handoff_return                (TendStore             *store,
                                                              gint64                 plan_id,
                                                              const char            *comment,
                                                              GError               **error);
/* Success-plan progress of an accepted plan: sets the objective's status
 * and appends a progress note (note may be NULL when the status changes). */
gboolean                  tend_handoff_update_objective      (TendStore             *store,
                                                              gint64                 plan_id,
                                                              guint                  index,
                                                              TendObjectiveStatus    status,
                                                              const char            *note,
                                                              GError               **error);
/* Onboarding work on an accepted plan: a checklist item done or not, a
 * commitment's delivery review, each with who and when. */
gboolean                  tend_handoff_set_checklist_done    (TendStore             *store,
                                                              gint64                 plan_id,
                                                              guint                  index,
                                                              gboolean               is_done,
                                                              GError               **error);
gboolean                  tend_handoff_review_commitment     (TendStore             *store,
                                                              gint64                 plan_id,
                                                              guint                  index,
                                                              TendCommitmentStatus   status,
                                                              GError               **error);
/* Creates a plan from a document, or replaces the account's draft or
 * returned plan (keeping its id); the document's state and history are
 * kept. A submitted or accepted document must validate. Returns the plan
 * id, or 0 with nothing written. */
gint64                    tend_handoff_import                (TendStore             *store,
                                                              const TendBook        *book,
                                                              const char            *json,
                                                              GError               **error);

/* Every plan, by id. */
GPtrArray                *tend_handoff_list                  (TendStore             *store,
                                                              GError               **error);
void                      tend_handoff_summary_free          (TendHandoffSummary    *summary);
/* Every new-business deal won in the last 60 days (as_of - 60 < close <=
 * as_of) whose account is cached and has no accepted plan, oldest win
 * first. An array of TendHandoffAwaiting, valid while book lives. */
GArray                   *tend_handoff_awaiting              (TendStore             *store,
                                                              const TendBook        *book,
                                                              TendDay                as_of,
                                                              GError               **error);
/* The account's success plan: the accepted plan's objectives with status
 * and progress notes (TendHandoffObjective); empty when none is accepted. */
GPtrArray                *tend_handoff_success_plan_for_account (TendStore          *store,
                                                              const char            *account_id,
                                                              GError               **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TendHandoffPlan, tend_handoff_plan_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TendHandoffIssue, tend_handoff_issue_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TendHandoffSummary, tend_handoff_summary_free)

G_END_DECLS
