// The renewal calendar of DOMAIN.md 6: renewals in the horizon, their
// assessment status, health tier and retention milestones.
// SPDX-License-Identifier: GPL-3.0-or-later
#include "config.h"

#include <json-glib/json-glib.h>

#include "tend-error.h"
#include "tend-renewals.h"

static const char * const milestone_names[TEND_N_MILESTONES] = {
  "risk_assessment", "proposal_sent", "order_form_signed",
};

static const guint milestone_days_before[TEND_N_MILESTONES] = { 90, 60, 30 };

/* The rule of the current renewal (shared with assessments and health):
 * a record keyed by a renewal date belongs to the account's current renewal
 * when that date is the renewal day or is on or after as_of. Records of a
 * renewal that moved later stay attached; those of past renewals do not. */
static gboolean
belongs_to_current_renewal (TendDay record_day,
                            TendDay renewal_day,
                            TendDay as_of)
{
  return record_day == renewal_day || record_day >= as_of;
}

static TendRenewal *
renewal_new (const TendAccount *account,
             TendDay            renewal_day,
             TendDay            as_of,
             TendTier           tier)
{
  TendRenewal *r = g_new0 (TendRenewal, 1);

  r->account = account;
  r->renewal_date = renewal_day;
  r->days_left = (int) renewal_day - (int) as_of;
  r->tier = tier;
  for (guint k = 0; k < TEND_N_MILESTONES; k++)
    {
      r->milestones[k].kind = (TendMilestoneKind) k;
      r->milestones[k].days_before = milestone_days_before[k];
      r->milestones[k].due_date = tend_day_add_days (renewal_day, -(int) milestone_days_before[k]);
    }
  return r;
}

static void
milestone_set_done (TendMilestone *m,
                    const char    *done_by,
                    const char    *done_at)
{
  m->is_done = TRUE;
  g_free (m->done_by);
  g_free (m->done_at);
  m->done_by = g_strdup (done_by);
  m->done_at = g_strdup (done_at);
}

/* Gives each renewal in renewals (account id -> TendRenewal) its current
 * assessment: the latest that belongs to the current renewal. The first of
 * them marks the risk-assessment milestone done, with who and when. */
static gboolean
attach_assessments (TendStore   *store,
                    GHashTable  *renewals,
                    TendDay      as_of,
                    GError     **error)
{
  g_autoptr(GPtrArray) all = tend_assessment_list_all (store, error);

  if (all == NULL)
    return FALSE;
  for (guint i = 0; i < all->len; i++)
    {
      TendAssessment *a = g_ptr_array_index (all, i);
      TendRenewal *r = g_hash_table_lookup (renewals, a->account_id);
      TendMilestone *m;

      if (r == NULL || !belongs_to_current_renewal (a->renewal_date, r->renewal_date, as_of))
        continue;
      m = &r->milestones[TEND_MILESTONE_RISK_ASSESSMENT];
      if (!m->is_done)
        milestone_set_done (m, a->assessed_by, a->assessed_at);
      g_clear_pointer (&r->assessment, tend_assessment_free);
      r->assessment = g_ptr_array_steal_index (all, i);
      i--;
    }
  return TRUE;
}

static gboolean
attach_checked_milestones (TendStore   *store,
                           GHashTable  *renewals,
                           TendDay      as_of,
                           GError     **error)
{
  static const char sql[] =
    "SELECT account_id, renewal_date, kind, done_by, done_at "
    "FROM renewal_milestones ORDER BY rowid";
  sqlite3_stmt *stmt = tend_store_prepare (store, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      TendRenewal *r = g_hash_table_lookup (renewals, tend_stmt_column_text (stmt, 0));
      TendMilestoneKind kind;
      TendDay day;

      if (r == NULL ||
          !tend_day_parse (tend_stmt_column_text (stmt, 1), &day, NULL) ||
          !tend_milestone_kind_from_string (tend_stmt_column_text (stmt, 2), &kind, NULL) ||
          kind == TEND_MILESTONE_RISK_ASSESSMENT ||
          !belongs_to_current_renewal (day, r->renewal_date, as_of))
        continue;
      milestone_set_done (&r->milestones[kind],
                          tend_stmt_column_text (stmt, 3), tend_stmt_column_text (stmt, 4));
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      tend_store_set_error (store, error, "Could not read the renewal milestones");
      return FALSE;
    }
  return TRUE;
}

static void
flag_past_due (TendRenewal *r,
               TendDay      as_of)
{
  for (guint k = 0; k < TEND_N_MILESTONES; k++)
    r->milestones[k].is_past_due = !r->milestones[k].is_done && r->milestones[k].due_date < as_of;
}

static gboolean
attach_records (TendStore   *store,
                GHashTable  *renewals,
                TendDay      as_of,
                GError     **error)
{
  GHashTableIter iter;
  gpointer value;

  if (!attach_assessments (store, renewals, as_of, error) ||
      !attach_checked_milestones (store, renewals, as_of, error))
    return FALSE;
  g_hash_table_iter_init (&iter, renewals);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    flag_past_due (value, as_of);
  return TRUE;
}

static int
compare_renewals (gconstpointer pa,
                  gconstpointer pb)
{
  const TendRenewal *a = *(const TendRenewal * const *) pa;
  const TendRenewal *b = *(const TendRenewal * const *) pb;

  if (a->renewal_date != b->renewal_date)
    return a->renewal_date < b->renewal_date ? -1 : 1;
  /* The book holds accounts by name, then id. */
  return (a->account < b->account) ? -1 : (a->account > b->account);
}

/* One account's current renewal; settings NULL leaves the tier unknown
 * (milestone changes do not need it). */
static TendRenewal *
load_one (TendStore          *store,
          const TendBook     *book,
          const char         *account_id,
          TendDay             as_of,
          const TendSettings *settings,
          GError            **error)
{
  g_autoptr(GHashTable) renewals = NULL;
  g_autoptr(TendRenewal) r = NULL;
  const TendAccount *account = tend_book_find_account (book, account_id);
  TendDay churn_day, renewal_day;
  TendTier tier = TEND_TIER_UNKNOWN;
  char day[11];

  if (account == NULL)
    {
      g_set_error (error, TEND_ERROR, TEND_ERROR_NOT_FOUND,
                   "No account with id “%s” in the workspace; “tend-cli accounts” lists them",
                   account_id);
      return NULL;
    }
  churn_day = tend_account_churn_day (book, account);
  if (churn_day != TEND_DAY_NONE && churn_day <= as_of)
    {
      tend_day_format (churn_day, day);
      g_set_error (error, TEND_ERROR, TEND_ERROR_STATE,
                   "%s churned on %s; it has no renewal to work on", account->name, day);
      return NULL;
    }
  renewal_day = tend_account_renewal_day (book, account);
  if (renewal_day == TEND_DAY_NONE)
    {
      g_set_error (error, TEND_ERROR, TEND_ERROR_STATE,
                   "%s has no contract end date or open renewal deal in the CRM; "
                   "set one there and sync first", account->name);
      return NULL;
    }
  if (settings != NULL)
    {
      g_autoptr(GHashTable) risks = tend_health_load_risks (store, book, as_of, error);
      TendHealth health;

      if (risks == NULL)
        return NULL;
      tend_health_compute (book, account, as_of, settings, risks, &health);
      tier = health.tier;
    }

  r = renewal_new (account, renewal_day, as_of, tier);
  renewals = g_hash_table_new (g_str_hash, g_str_equal);
  g_hash_table_insert (renewals, (gpointer) account->id, r);
  if (!attach_records (store, renewals, as_of, error))
    return NULL;
  return g_steal_pointer (&r);
}

static char *
milestone_detail_json (const char        *account_id,
                       TendDay            renewal_day,
                       TendMilestoneKind  kind)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  char day[11];

  tend_day_format (renewal_day, day);
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "account_id");
  json_builder_add_string_value (b, account_id);
  json_builder_set_member_name (b, "renewal_date");
  json_builder_add_string_value (b, day);
  json_builder_set_member_name (b, "kind");
  json_builder_add_string_value (b, milestone_names[kind]);
  json_builder_end_object (b);
  root = json_builder_get_root (b);
  return json_to_string (root, FALSE);
}

static gboolean
refuse_risk_assessment_kind (TendMilestoneKind   kind,
                             GError            **error)
{
  if (kind != TEND_MILESTONE_RISK_ASSESSMENT)
    return FALSE;
  g_set_error_literal (error, TEND_ERROR, TEND_ERROR_INVALID_INPUT,
                       "The risk-assessment milestone is done by recording a risk assessment "
                       "(tend-cli assess), not by a checkbox");
  return TRUE;
}

const char *
tend_milestone_kind_to_string (TendMilestoneKind kind)
{
  g_return_val_if_fail ((guint) kind < TEND_N_MILESTONES, NULL);

  return milestone_names[kind];
}

gboolean
tend_milestone_kind_from_string (const char         *text,
                                 TendMilestoneKind  *out_kind,
                                 GError            **error)
{
  for (guint k = 0; k < TEND_N_MILESTONES; k++)
    if (g_strcmp0 (text, milestone_names[k]) == 0)
      {
        *out_kind = (TendMilestoneKind) k;
        return TRUE;
      }
  g_set_error (error, TEND_ERROR, TEND_ERROR_INVALID_INPUT,
               "“%s” is not a milestone; use risk_assessment, proposal_sent or order_form_signed",
               text ? text : "");
  return FALSE;
}

guint
tend_milestone_kind_days_before (TendMilestoneKind kind)
{
  g_return_val_if_fail ((guint) kind < TEND_N_MILESTONES, 0);

  return milestone_days_before[kind];
}

void
tend_renewal_free (TendRenewal *r)
{
  if (r == NULL)
    return;
  g_clear_pointer (&r->assessment, tend_assessment_free);
  for (guint k = 0; k < TEND_N_MILESTONES; k++)
    {
      g_free (r->milestones[k].done_by);
      g_free (r->milestones[k].done_at);
    }
  g_free (r);
}

GPtrArray *
tend_renewals_list (TendStore          *store,
                    const TendBook     *book,
                    TendDay             as_of,
                    guint               horizon_days,
                    const TendSettings *settings,
                    GError            **error)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) tend_renewal_free);
  g_autoptr(GHashTable) by_account = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GArray) health = NULL;
  TendDay last;

  g_return_val_if_fail (TEND_IS_STORE (store), NULL);
  g_return_val_if_fail (book != NULL, NULL);
  g_return_val_if_fail (as_of != TEND_DAY_NONE, NULL);
  g_return_val_if_fail (settings != NULL, NULL);

  health = tend_health_compute_book (store, book, as_of, settings, error);
  if (health == NULL)
    return NULL;
  last = tend_day_add_days (as_of, (int) horizon_days);
  for (guint i = 0; i < book->n_accounts; i++)
    {
      const TendAccount *a = &book->accounts[i];
      TendDay day = tend_account_renewal_day (book, a);
      TendRenewal *r;

      if (day == TEND_DAY_NONE || day < as_of || day > last ||
          tend_account_is_churned (book, a, as_of))
        continue;
      r = renewal_new (a, day, as_of, g_array_index (health, TendHealth, i).tier);
      g_ptr_array_add (list, r);
      g_hash_table_insert (by_account, (gpointer) a->id, r);
    }
  if (!attach_records (store, by_account, as_of, error))
    return NULL;
  g_ptr_array_sort (list, compare_renewals);
  return g_steal_pointer (&list);
}

TendRenewal *
tend_renewals_get (TendStore          *store,
                   const TendBook     *book,
                   const char         *account_id,
                   TendDay             as_of,
                   const TendSettings *settings,
                   GError            **error)
{
  g_return_val_if_fail (TEND_IS_STORE (store), NULL);
  g_return_val_if_fail (book != NULL, NULL);
  g_return_val_if_fail (account_id != NULL, NULL);
  g_return_val_if_fail (settings != NULL, NULL);

  return load_one (store, book, account_id, as_of, settings, error);
}

gboolean
tend_milestone_check (TendStore          *store,
                      const TendBook     *book,
                      const char         *account_id,
                      TendMilestoneKind   kind,
                      TendDay             as_of,
                      GError            **error)
{
  static const char sql[] =
    "INSERT INTO renewal_milestones (account_id, renewal_date, kind, done_by, done_at) "
    "VALUES (?1, ?2, ?3, ?4, ?5) "
    "ON CONFLICT (account_id, renewal_date, kind) DO UPDATE "
    "SET done_by = excluded.done_by, done_at = excluded.done_at";
  g_autoptr(TendRenewal) r = NULL;
  g_autofree char *now = NULL;
  g_autofree char *detail = NULL;
  sqlite3_stmt *stmt;
  char day[11];

  g_return_val_if_fail (TEND_IS_STORE (store), FALSE);
  g_return_val_if_fail (book != NULL, FALSE);
  g_return_val_if_fail (account_id != NULL, FALSE);
  g_return_val_if_fail ((guint) kind < TEND_N_MILESTONES, FALSE);

  if (refuse_risk_assessment_kind (kind, error))
    return FALSE;
  if (!tend_store_begin (store, error))
    return FALSE;
  if ((r = load_one (store, book, account_id, as_of, NULL, error)) == NULL)
    goto fail;
  if (r->milestones[kind].is_done)
    {
      /* Already checked: nothing to write, the first check stands. */
      tend_store_rollback (store);
      return TRUE;
    }

  now = tend_store_now_iso ();
  tend_day_format (r->renewal_date, day);
  if ((stmt = tend_store_prepare (store, sql, error)) == NULL)
    goto fail;
  tend_stmt_bind_text (stmt, 1, r->account->id);
  tend_stmt_bind_text (stmt, 2, day);
  tend_stmt_bind_text (stmt, 3, milestone_names[kind]);
  tend_stmt_bind_text (stmt, 4, tend_store_get_actor (store));
  tend_stmt_bind_text (stmt, 5, now);
  if (!tend_store_step_done (store, stmt, error))
    goto fail;
  detail = milestone_detail_json (r->account->id, r->renewal_date, kind);
  if (!tend_store_audit (store, "renewal_milestone", r->account->id, "check", detail, error) ||
      !tend_store_commit (store, error))
    goto fail;
  return TRUE;

fail:
  tend_store_rollback (store);
  return FALSE;
}

gboolean
tend_milestone_uncheck (TendStore          *store,
                        const TendBook     *book,
                        const char         *account_id,
                        TendMilestoneKind   kind,
                        TendDay             as_of,
                        GError            **error)
{
  /* The same rule as belongs_to_current_renewal (); ISO days sort as text. */
  static const char sql[] =
    "DELETE FROM renewal_milestones WHERE account_id = ?1 AND kind = ?2 "
    "AND (renewal_date = ?3 OR renewal_date >= ?4)";
  g_autoptr(TendRenewal) r = NULL;
  g_autofree char *detail = NULL;
  sqlite3_stmt *stmt;
  char day[11], as_of_text[11];

  g_return_val_if_fail (TEND_IS_STORE (store), FALSE);
  g_return_val_if_fail (book != NULL, FALSE);
  g_return_val_if_fail (account_id != NULL, FALSE);
  g_return_val_if_fail ((guint) kind < TEND_N_MILESTONES, FALSE);

  if (refuse_risk_assessment_kind (kind, error))
    return FALSE;
  if (!tend_store_begin (store, error))
    return FALSE;
  if ((r = load_one (store, book, account_id, as_of, NULL, error)) == NULL)
    goto fail;
  if (!r->milestones[kind].is_done)
    {
      tend_store_rollback (store);
      return TRUE;
    }

  tend_day_format (r->renewal_date, day);
  tend_day_format (as_of, as_of_text);
  if ((stmt = tend_store_prepare (store, sql, error)) == NULL)
    goto fail;
  tend_stmt_bind_text (stmt, 1, r->account->id);
  tend_stmt_bind_text (stmt, 2, milestone_names[kind]);
  tend_stmt_bind_text (stmt, 3, day);
  tend_stmt_bind_text (stmt, 4, as_of_text);
  if (!tend_store_step_done (store, stmt, error))
    goto fail;
  detail = milestone_detail_json (r->account->id, r->renewal_date, kind);
  if (!tend_store_audit (store, "renewal_milestone", r->account->id, "uncheck", detail, error) ||
      !tend_store_commit (store, error))
    goto fail;
  return TRUE;

fail:
  tend_store_rollback (store);
  return FALSE;
}
