// A portfolio's health at a glance: accounts and ARR per tier, book NPS.
// SPDX-License-Identifier: GPL-3.0-or-later
#include "config.h"

#include <string.h>

#include "tend-health-summary.h"

void
tend_health_summary_init (TendHealthSummary *summary)
{
  memset (summary, 0, sizeof *summary);
  for (int t = 0; t < TEND_N_TIERS; t++)
    summary->arr_by_tier[t] = g_array_new (FALSE, TRUE, sizeof (TendHealthAmount));
}

void
tend_health_summary_clear (TendHealthSummary *summary)
{
  for (int t = 0; t < TEND_N_TIERS; t++)
    g_clear_pointer (&summary->arr_by_tier[t], g_array_unref);
}

/* Amounts stay per currency, never converted. */
static void
add_amount (GArray     *amounts,
            const char *currency,
            gint64      cents)
{
  TendHealthAmount item = { currency, cents };
  guint i;

  for (i = 0; i < amounts->len; i++)
    {
      TendHealthAmount *a = &g_array_index (amounts, TendHealthAmount, i);
      int cmp = g_strcmp0 (a->currency, currency);

      if (cmp == 0)
        {
          a->cents += cents;
          return;
        }
      if (cmp > 0)
        break;
    }
  g_array_insert_val (amounts, i, item);
}

void
tend_health_summarize (const TendBook    *book,
                       GArray            *healths,
                       const guint       *indices,
                       guint              n_indices,
                       TendHealthSummary *summary)
{
  guint n;

  g_return_if_fail (book != NULL);
  g_return_if_fail (healths != NULL);
  g_return_if_fail (summary != NULL);

  tend_health_summary_clear (summary);
  tend_health_summary_init (summary);
  n = indices != NULL ? n_indices : healths->len;
  for (guint k = 0; k < n; k++)
    {
      guint i = indices != NULL ? indices[k] : k;
      const TendHealth *h;
      const TendAccount *a;

      g_return_if_fail (i < healths->len);
      h = &g_array_index (healths, TendHealth, i);
      if (!h->is_scored)
        continue;
      a = &book->accounts[h->account_index];
      summary->n_scored++;
      summary->n_by_tier[h->tier]++;
      if (a->has_arr)
        add_amount (summary->arr_by_tier[h->tier], a->currency, a->arr);
      summary->nps_responses += h->nps_responses;
      summary->nps_promoters += h->nps_promoters;
      summary->nps_detractors += h->nps_detractors;
    }
  summary->has_nps = summary->nps_responses > 0;
  if (summary->has_nps)
    summary->nps = 100.0 * ((double) summary->nps_promoters - (double) summary->nps_detractors) /
                   summary->nps_responses;
}
