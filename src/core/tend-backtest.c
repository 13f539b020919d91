// The health backtest of DOMAIN.md 5: does the score predict churn?
// SPDX-License-Identifier: GPL-3.0-or-later
#include "config.h"

#include <math.h>
#include <string.h>

#include "tend-backtest.h"

typedef struct {
  double   risk;
  gboolean is_positive;
} Sample;

static int
compare_samples (gconstpointer a,
                 gconstpointer b)
{
  const Sample *x = a, *y = b;

  return (x->risk > y->risk) - (x->risk < y->risk);
}

/* Mann–Whitney: AUC = (R+ - n+(n+ + 1)/2) / (n+ n-), with R+ the sum of the
 * positives' ranks and tied values sharing their average rank, which counts
 * each tied positive/negative pair as one half. NAN without both classes. */
double
tend_health_roc_auc (const double   *risk,
                     const gboolean *is_positive,
                     guint           n)
{
  g_autofree Sample *samples = g_new (Sample, MAX (n, 1));
  double rank_sum = 0, n_pos = 0, n_neg = 0;
  guint i = 0;

  for (guint k = 0; k < n; k++)
    {
      samples[k].risk = risk[k];
      samples[k].is_positive = is_positive[k];
      if (is_positive[k])
        n_pos++;
      else
        n_neg++;
    }
  if (n_pos == 0 || n_neg == 0)
    return NAN;

  qsort (samples, n, sizeof (Sample), compare_samples);
  while (i < n)
    {
      guint j = i;
      double average_rank;

      while (j < n && samples[j].risk == samples[i].risk)
        j++;
      /* ranks i+1 .. j share their mean */
      average_rank = (i + 1 + j) / 2.0;
      for (guint k = i; k < j; k++)
        if (samples[k].is_positive)
          rank_sum += average_rank;
      i = j;
    }
  return (rank_sum - n_pos * (n_pos + 1) / 2.0) / (n_pos * n_neg);
}

/* The outcome known on as_of: churned (the churn rule of DOMAIN.md 8: churn
 * date, else the lost renewal deal's close date) wins over renewed; renewed
 * is the latest won renewal deal's close date. Outcomes after as_of are not
 * known yet. */
static TendDay
account_outcome (const TendBook    *book,
                 const TendAccount *a,
                 TendDay            as_of,
                 gboolean          *out_churned)
{
  TendDay churn = tend_account_churn_day (book, a);
  TendDay renewed = TEND_DAY_NONE;

  if (churn != TEND_DAY_NONE && churn <= as_of)
    {
      *out_churned = TRUE;
      return churn;
    }
  for (guint i = 0; i < a->n_deals; i++)
    {
      const TendDeal *d = &book->deals[a->deals_start + i];

      if (d->category == TEND_DEAL_RENEWAL && d->status == TEND_DEAL_WON &&
          d->close_date != TEND_DAY_NONE && d->close_date <= as_of && d->close_date > renewed)
        renewed = d->close_date;
    }
  *out_churned = FALSE;
  return renewed;
}

/* The snapshot closest to outcome-90 among those on or before outcome-60;
 * on a tie in distance, the earlier. Snapshots without a score are skipped. */
static gboolean
find_snapshot (TendStore   *store,
               const char  *account_id,
               TendDay      outcome,
               gboolean    *out_found,
               double      *out_score,
               TendTier    *out_tier,
               GError     **error)
{
  static const char sql[] =
    "SELECT score, tier FROM health_snapshots"
    " WHERE account_id = ?1 AND day <= ?2 AND score IS NOT NULL"
    " ORDER BY abs(julianday(day) - julianday(?3)), day LIMIT 1";
  sqlite3_stmt *stmt = tend_store_prepare (store, sql, error);
  char latest[11], target[11];
  int rc;

  if (stmt == NULL)
    return FALSE;
  tend_day_format (tend_day_add_days (outcome, -60), latest);
  tend_day_format (tend_day_add_days (outcome, -90), target);
  tend_stmt_bind_text (stmt, 1, account_id);
  tend_stmt_bind_text (stmt, 2, latest);
  tend_stmt_bind_text (stmt, 3, target);
  rc = sqlite3_step (stmt);
  *out_found = rc == SQLITE_ROW;
  if (rc == SQLITE_ROW)
    {
      *out_score = sqlite3_column_double (stmt, 0);
      *out_tier = tend_tier_from_string (tend_stmt_column_text (stmt, 1));
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      tend_store_set_error (store, error, "Could not read the health snapshots");
      return FALSE;
    }
  return TRUE;
}

gboolean
tend_health_backtest (TendStore       *store,
                      const TendBook  *book,
                      TendDay          as_of,
                      TendBacktest    *out,
                      GError         **error)
{
  g_autoptr(GArray) risks = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) churned = g_array_new (FALSE, FALSE, sizeof (gboolean));

  g_return_val_if_fail (TEND_IS_STORE (store), FALSE);
  g_return_val_if_fail (book != NULL, FALSE);
  g_return_val_if_fail (out != NULL, FALSE);

  memset (out, 0, sizeof *out);
  out->auc = NAN;
  for (guint i = 0; i < book->n_accounts; i++)
    {
      const TendAccount *a = &book->accounts[i];
      gboolean is_churned, found;
      TendDay outcome = account_outcome (book, a, as_of, &is_churned);
      TendTier tier = TEND_TIER_UNKNOWN;
      double score = 0, risk;

      if (outcome == TEND_DAY_NONE)
        continue;
      if (!find_snapshot (store, a->id, outcome, &found, &score, &tier, error))
        return FALSE;
      if (!found)
        continue;

      risk = 100.0 - score;
      g_array_append_val (risks, risk);
      g_array_append_val (churned, is_churned);
      out->accounts_used++;
      out->tier_accounts[tier]++;
      if (is_churned)
        {
          out->churned++;
          out->tier_churned[tier]++;
        }
      else
        out->renewed++;
    }

  out->enough_history = out->churned >= 1 && out->renewed >= 1;
  if (out->enough_history)
    out->auc = tend_health_roc_auc ((const double *) risks->data, (const gboolean *) churned->data,
                                    risks->len);
  return TRUE;
}
