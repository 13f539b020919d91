// The health score of DOMAIN.md section 5: components, weights, tier, flags.
// SPDX-License-Identifier: GPL-3.0-or-later
#include "config.h"

#include <math.h>
#include <string.h>

#include "tend-health.h"

/* Readings of DOMAIN.md 5 where it leaves room:
 * - usage: seats must be > 0; an unknown last activity means no cap; the
 *   cap applies when last_activity < D-30 (exactly 30 days old is not capped);
 * - support: a ticket without a readable created day is skipped;
 * - payment: an overdue amount <= 0 gives 100; a positive amount with ARR
 *   unknown or 0 gives 0; "< 10% of ARR" is strict (10 * owed < arr);
 * - relational: the 180-day window is applied first, then "latest per
 *   respondent" (submitted_at, ties by the higher id); an empty respondent
 *   counts as none; CSAT keeps every response;
 * - points: a component's contribution, weight * value / sum of present
 *   weights, so the points add up to the score;
 * - no present component with a weight above 0: score NAN, tier unknown. */

/* Floating-point guard for "exactly on a bound": a score or a coverage
 * within this distance of a threshold counts as on it. Far below anything a
 * person could see, far above double rounding noise. */
#define BOUND_EPSILON 1e-9

static const char *tier_names[TEND_N_TIERS] = { "unknown", "red", "amber", "green" };
static const char *risk_names[] = { "low", "medium", "high" };
static const double risk_values[] = { 100, 60, 20 };
static const guint priority_weights[TEND_N_PRIORITIES] = { 1, 2, 4, 8 };

const char *
tend_tier_to_string (TendTier tier)
{
  return (tier >= 0 && tier < TEND_N_TIERS) ? tier_names[tier] : "unknown";
}

TendTier
tend_tier_from_string (const char *text)
{
  for (int i = 0; i < TEND_N_TIERS; i++)
    if (g_strcmp0 (tier_names[i], text) == 0)
      return (TendTier) i;
  return TEND_TIER_UNKNOWN;
}

/* Usage: 100 * min (1, a / 0.8), written as 125 * active / seats so that
 * round figures (56 of 100 seats -> 70) come out exact. */
static void
compute_usage (const TendAccount *a,
               TendDay            as_of,
               TendHealth        *h)
{
  TendComponentScore *c = &h->components[TEND_COMPONENT_USAGE];

  h->licensed_seats = a->has_licensed_seats ? a->licensed_seats : -1;
  h->active_users_30d = a->has_active_users_30d ? a->active_users_30d : -1;
  h->days_since_activity = a->last_activity != TEND_DAY_NONE ? (gint) as_of - (gint) a->last_activity : -1;

  if (!a->has_licensed_seats || a->licensed_seats <= 0 || !a->has_active_users_30d)
    return;

  h->has_usage_ratio = TRUE;
  h->usage_ratio = (double) a->active_users_30d / (double) a->licensed_seats;
  c->present = TRUE;
  c->value = MIN (100.0, 125.0 * (double) a->active_users_30d / (double) a->licensed_seats);
  c->value = MAX (0.0, c->value);
  /* An unknown last activity is no evidence of inactivity: no cap. */
  if (a->last_activity != TEND_DAY_NONE && (gint64) a->last_activity < (gint64) as_of - 30)
    {
      h->is_usage_capped = TRUE;
      c->value = MIN (c->value, 20.0);
    }
}

static void
compute_support (const TendBook    *book,
                 const TendAccount *a,
                 TendDay            as_of,
                 TendHealth        *h)
{
  TendComponentScore *c = &h->components[TEND_COMPONENT_SUPPORT];

  for (guint i = 0; i < a->n_tickets; i++)
    {
      const TendTicket *t = &book->tickets[a->tickets_start + i];
      gboolean is_open, is_doubled;
      guint points;

      /* the last 90 days: D-90 < created <= D */
      if (t->created_day == TEND_DAY_NONE ||
          (gint64) t->created_day <= (gint64) as_of - 90 || t->created_day > as_of)
        continue;
      if (t->priority < 0 || t->priority >= TEND_N_PRIORITIES)
        continue;

      is_open = t->closed_day == TEND_DAY_NONE || t->closed_day > as_of;
      is_doubled = is_open && (gint64) t->created_day < (gint64) as_of - 14;
      points = priority_weights[t->priority] * (is_doubled ? 2 : 1);

      h->n_tickets++;
      h->tickets_by_priority[t->priority]++;
      h->points_by_priority[t->priority] += points;
      h->support_points += points;
      if (is_doubled)
        h->n_tickets_doubled++;
    }

  c->present = TRUE;
  c->value = MAX (0.0, 100.0 - 10.0 * h->support_points);
}

static void
compute_financial (const TendAccount *a,
                   GHashTable        *risks,
                   TendHealth        *h)
{
  TendComponentScore *c = &h->components[TEND_COMPONENT_FINANCIAL];
  double sum = 0;
  guint n = 0;
  gpointer risk;

  if (a->has_arr && a->has_arr_prior_year && a->arr > 0 && a->arr_prior_year > 0)
    {
      h->has_spend_trend = TRUE;
      h->spend_change = (double) (a->arr - a->arr_prior_year) / (double) a->arr_prior_year;
      h->spend_trend = CLAMP (70.0 + 150.0 * h->spend_change, 0.0, 100.0);
      sum += h->spend_trend;
      n++;
    }

  if (a->has_overdue_amount)
    {
      h->has_payment = TRUE;
      h->overdue_amount = a->overdue_amount;
      /* Nothing (or a credit) owed is 100. A positive amount is judged
       * against ARR; without a positive ARR there is nothing to compare
       * with, so any amount owed gives 0. 10 * owed < arr keeps it in cents. */
      if (a->overdue_amount <= 0)
        h->payment = 100;
      else if (a->has_arr && a->arr > 0 && a->overdue_amount < G_MAXINT64 / 10 &&
               a->overdue_amount * 10 < a->arr)
        h->payment = 50;
      else
        h->payment = 0;
      sum += h->payment;
      n++;
    }

  risk = risks != NULL ? g_hash_table_lookup (risks, a->id) : NULL;
  if (risk != NULL)
    {
      int level = GPOINTER_TO_INT (risk) - 1;

      if (level >= 0 && level < (int) G_N_ELEMENTS (risk_names))
        {
          h->has_renewal_risk = TRUE;
          h->renewal_risk_level = risk_names[level];
          h->renewal_risk = risk_values[level];
          sum += h->renewal_risk;
          n++;
        }
    }

  if (n > 0)
    {
      c->present = TRUE;
      c->value = sum / n;
    }
}

/* For NPS and CES only the latest response per respondent counts: walking
 * the account's responses (sorted by submitted_at, then id) from the end,
 * the first one seen of a (type, respondent) pair is its latest. */
static void
compute_relational (const TendBook    *book,
                    const TendAccount *a,
                    TendDay            as_of,
                    TendHealth        *h)
{
  TendComponentScore *c = &h->components[TEND_COMPONENT_RELATIONAL];
  g_autoptr(GHashTable) seen_nps = NULL;
  g_autoptr(GHashTable) seen_ces = NULL;
  double csat_sum = 0, ces_sum = 0, sum = 0;
  guint n = 0;

  for (guint k = a->n_surveys; k > 0; k--)
    {
      const TendSurvey *s = &book->surveys[a->surveys_start + k - 1];

      /* the last 180 days: D-180 < submitted <= D */
      if (s->submitted_day == TEND_DAY_NONE ||
          (gint64) s->submitted_day <= (gint64) as_of - 180 || s->submitted_day > as_of)
        continue;
      if (s->type < 0 || s->type >= TEND_N_SURVEY_TYPES)
        continue;

      /* Responses without a respondent each count on their own. */
      if (s->type != TEND_SURVEY_CSAT && s->respondent != NULL && *s->respondent != '\0')
        {
          GHashTable **seen = s->type == TEND_SURVEY_NPS ? &seen_nps : &seen_ces;

          if (*seen == NULL)
            *seen = g_hash_table_new (g_str_hash, g_str_equal);
          if (!g_hash_table_add (*seen, (gpointer) s->respondent))
            continue;
        }

      switch (s->type)
        {
        case TEND_SURVEY_NPS:
          h->nps_responses++;
          if (s->value >= 9)
            h->nps_promoters++;
          else if (s->value <= 6)
            h->nps_detractors++;
          break;
        case TEND_SURVEY_CSAT:
          h->csat_responses++;
          csat_sum += s->value;
          break;
        case TEND_SURVEY_CES:
          h->ces_responses++;
          ces_sum += s->value;
          break;
        case TEND_N_SURVEY_TYPES:
        default:
          break;
        }
    }

  if (h->nps_responses > 0)
    {
      h->has_nps = TRUE;
      h->nps = 100.0 * ((double) h->nps_promoters - (double) h->nps_detractors) / h->nps_responses;
      h->nps_part = (h->nps + 100.0) / 2.0;
      sum += h->nps_part;
      n++;
    }
  if (h->csat_responses > 0)
    {
      h->has_csat = TRUE;
      h->csat_mean = csat_sum / h->csat_responses;
      h->csat_part = (h->csat_mean - 1.0) / 4.0 * 100.0;
      sum += h->csat_part;
      n++;
    }
  if (h->ces_responses > 0)
    {
      h->has_ces = TRUE;
      h->ces_mean = ces_sum / h->ces_responses;
      h->ces_part = (h->ces_mean - 1.0) / 6.0 * 100.0;
      sum += h->ces_part;
      n++;
    }

  if (n > 0)
    {
      c->present = TRUE;
      c->value = sum / n;
    }
}

static void
combine (const TendSettings *settings,
         TendHealth         *h)
{
  const TendComponentScore *usage = &h->components[TEND_COMPONENT_USAGE];
  const TendComponentScore *relational = &h->components[TEND_COMPONENT_RELATIONAL];
  double weighted = 0, present_weight = 0, all_weight = 0;

  for (int i = 0; i < TEND_N_COMPONENTS; i++)
    {
      TendComponentScore *c = &h->components[i];

      c->weight = settings->weights[h->stage][i];
      all_weight += c->weight;
      if (c->present)
        {
          present_weight += c->weight;
          weighted += c->weight * c->value;
        }
    }

  h->score = present_weight > 0 ? weighted / present_weight : NAN;
  h->coverage = all_weight > 0 ? present_weight / all_weight : 0;
  for (int i = 0; i < TEND_N_COMPONENTS; i++)
    {
      TendComponentScore *c = &h->components[i];
      c->points = c->present && present_weight > 0 ? c->weight * c->value / present_weight : 0;
    }

  if (isnan (h->score) || h->coverage < 0.5 - BOUND_EPSILON)
    h->tier = TEND_TIER_UNKNOWN;
  else if (h->score >= settings->tier_green - BOUND_EPSILON)
    h->tier = TEND_TIER_GREEN;
  else if (h->score >= settings->tier_amber - BOUND_EPSILON)
    h->tier = TEND_TIER_AMBER;
  else
    h->tier = TEND_TIER_RED;

  if (usage->present && relational->present &&
      ((usage->value >= 70 && relational->value < 40) ||
       (usage->value < 40 && relational->value >= 70)))
    h->flags |= TEND_HEALTH_FLAG_CONFLICT;
}

/* The current renewal (decided with the renewals module): an assessment
 * belongs to it when its renewal date is the account's renewal day, or is
 * on or after as_of; the latest (highest id) of those wins. */
GHashTable *
tend_health_load_risks (TendStore       *store,
                        const TendBook  *book,
                        TendDay          as_of,
                        GError         **error)
{
  static const char sql[] =
    "SELECT account_id, renewal_date, risk FROM risk_assessments ORDER BY account_id, id";
  g_autoptr(GHashTable) risks = g_hash_table_new (g_str_hash, g_str_equal);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (TEND_IS_STORE (store), NULL);
  g_return_val_if_fail (book != NULL, NULL);

  if ((stmt = tend_store_prepare (store, sql, error)) == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const TendAccount *a = tend_book_find_account (book, tend_stmt_column_text (stmt, 0));
      const char *risk = tend_stmt_column_text (stmt, 2);
      TendDay renewal = TEND_DAY_NONE;
      int level = -1;

      if (a == NULL || !tend_day_parse (tend_stmt_column_text (stmt, 1), &renewal, NULL))
        continue;
      for (guint i = 0; i < G_N_ELEMENTS (risk_names); i++)
        if (g_strcmp0 (risk, risk_names[i]) == 0)
          level = (int) i;
      if (level < 0)
        continue;
      if (renewal == tend_account_renewal_day (book, a) || renewal >= as_of)
        g_hash_table_insert (risks, (gpointer) a->id, GINT_TO_POINTER (level + 1));
    }
  if (rc != SQLITE_DONE)
    {
      tend_store_set_error (store, error, "Could not read the risk assessments");
      sqlite3_reset (stmt);
      return NULL;
    }
  sqlite3_reset (stmt);
  return g_steal_pointer (&risks);
}

void
tend_health_compute (const TendBook     *book,
                     const TendAccount  *account,
                     TendDay             as_of,
                     const TendSettings *settings,
                     GHashTable         *risks,
                     TendHealth         *out)
{
  g_return_if_fail (book != NULL);
  g_return_if_fail (account != NULL);
  g_return_if_fail (settings != NULL);
  g_return_if_fail (out != NULL);

  memset (out, 0, sizeof *out);
  out->account_index = (guint) (account - book->accounts);
  out->stage = tend_account_stage (book, account, as_of);
  out->score = NAN;
  out->tier = TEND_TIER_UNKNOWN;
  out->licensed_seats = -1;
  out->active_users_30d = -1;
  out->days_since_activity = -1;

  if (tend_account_is_churned (book, account, as_of))
    return;

  out->is_scored = TRUE;
  compute_usage (account, as_of, out);
  compute_support (book, account, as_of, out);
  compute_financial (account, risks, out);
  compute_relational (book, account, as_of, out);
  combine (settings, out);
}

GArray *
tend_health_compute_book (TendStore           *store,
                          const TendBook      *book,
                          TendDay              as_of,
                          const TendSettings  *settings,
                          GError             **error)
{
  g_autoptr(GHashTable) risks = NULL;
  GArray *healths;

  g_return_val_if_fail (book != NULL, NULL);
  g_return_val_if_fail (settings != NULL, NULL);

  if ((risks = tend_health_load_risks (store, book, as_of, error)) == NULL)
    return NULL;
  healths = g_array_sized_new (FALSE, TRUE, sizeof (TendHealth), book->n_accounts);
  g_array_set_size (healths, book->n_accounts);
  for (guint i = 0; i < book->n_accounts; i++)
    tend_health_compute (book, &book->accounts[i], as_of, settings, risks,
                         &g_array_index (healths, TendHealth, i));
  return healths;
}
