// Net and gross revenue retention of a set of accounts over a period (DOMAIN.md 8).
// SPDX-License-Identifier: GPL-3.0-or-later
#include "config.h"

#include <string.h>

#include "tend-error.h"
#include "tend-nrr.h"

/* The cache holds today's ARR but no ARR history, so the period [P0, P1]
 * is rebuilt from deals. With E = min (P1, as_of), per account:
 *
 *  - active at P0: contract start on or before P0 (or unknown), and not
 *    churned on or before P0 (churn day as tend_account_churn_day);
 *    accounts without an ARR are left out and counted as missing;
 *  - ARR0 = ARR now - won expansion deals closed in (P0, as_of], at least 0;
 *  - churned: the churn day is in (P0, E]; the account adds its whole ARR0
 *    to churned, and nothing to expansion or contraction;
 *  - expansion: won expansion deals closed in (P0, E];
 *  - contraction: the latest won renewal deal closed in (P0, E] whose
 *    amount is below ARR0 adds ARR0 - amount.
 *
 * Deals without an amount, or in another currency than their account, are
 * not counted. Figures are kept per currency and never converted. */

static gint64
sum_won_expansion (const TendBook    *book,
                   const TendAccount *a,
                   TendDay            after,
                   TendDay            until)
{
  gint64 sum = 0;

  for (guint i = 0; i < a->n_deals; i++)
    {
      const TendDeal *d = &book->deals[a->deals_start + i];

      if (d->category == TEND_DEAL_EXPANSION && d->status == TEND_DEAL_WON &&
          d->has_amount && d->close_date != TEND_DAY_NONE &&
          d->close_date > after && d->close_date <= until &&
          (d->currency == NULL || g_strcmp0 (d->currency, a->currency) == 0))
        sum += d->amount;
    }
  return sum;
}

static gint64
contraction_of (const TendBook    *book,
                const TendAccount *a,
                gint64             arr0,
                TendDay            after,
                TendDay            until)
{
  const TendDeal *latest = NULL;

  /* Deals are ordered by close date, so the last match is the latest. */
  for (guint i = 0; i < a->n_deals; i++)
    {
      const TendDeal *d = &book->deals[a->deals_start + i];

      if (d->category == TEND_DEAL_RENEWAL && d->status == TEND_DEAL_WON &&
          d->has_amount && d->close_date != TEND_DAY_NONE &&
          d->close_date > after && d->close_date <= until &&
          (d->currency == NULL || g_strcmp0 (d->currency, a->currency) == 0))
        latest = d;
    }
  return latest != NULL && latest->amount < arr0 ? arr0 - latest->amount : 0;
}

static TendRetention *
bucket (GArray     *array,
        GHashTable *index,
        const char *owner_id,
        const char *currency)
{
  g_autofree char *key = g_strconcat (owner_id ? "o" : "-", owner_id ? owner_id : "",
                                      "\x1f", currency, NULL);
  gpointer v = g_hash_table_lookup (index, key);

  if (v == NULL)
    {
      TendRetention fresh = { .owner_id = owner_id, .currency = currency };

      g_array_append_val (array, fresh);
      v = GUINT_TO_POINTER (array->len);
      g_hash_table_insert (index, g_steal_pointer (&key), v);
    }
  return &g_array_index (array, TendRetention, GPOINTER_TO_UINT (v) - 1);
}

static void
add_into (TendRetention       *to,
          const TendRetention *from)
{
  to->n_accounts += from->n_accounts;
  to->n_churned += from->n_churned;
  to->n_missing_arr += from->n_missing_arr;
  to->arr0 += from->arr0;
  to->expansion += from->expansion;
  to->contraction += from->contraction;
  to->churned += from->churned;
}

static int
compare_portfolios (gconstpointer a,
                    gconstpointer b,
                    gpointer      user_data)
{
  const TendBook *book = user_data;
  const TendRetention *x = a, *y = b;
  int c;

  if ((x->owner_id == NULL) != (y->owner_id == NULL))
    return x->owner_id == NULL ? 1 : -1;
  if (x->owner_id != NULL)
    {
      c = g_utf8_collate (tend_book_owner_name (book, x->owner_id),
                          tend_book_owner_name (book, y->owner_id));
      if (c == 0)
        c = strcmp (x->owner_id, y->owner_id);
      if (c != 0)
        return c;
    }
  return strcmp (x->currency, y->currency);
}

static int
compare_totals (gconstpointer a,
                gconstpointer b)
{
  const TendRetention *x = a, *y = b;

  if (x->n_accounts != y->n_accounts)
    return x->n_accounts > y->n_accounts ? -1 : 1;
  if (x->arr0 != y->arr0)
    return x->arr0 > y->arr0 ? -1 : 1;
  return strcmp (x->currency, y->currency);
}

static void
measure_account (const TendBook    *book,
                 const TendAccount *a,
                 TendDay            from,
                 TendDay            end,
                 TendDay            as_of,
                 TendRetention     *r)
{
  TendDay churn = tend_account_churn_day (book, a);
  gint64 arr0;

  if (!a->has_arr)
    {
      r->n_missing_arr++;
      return;
    }
  arr0 = MAX (0, a->arr - sum_won_expansion (book, a, from, as_of));
  r->n_accounts++;
  r->arr0 += arr0;
  if (churn != TEND_DAY_NONE && churn > from && churn <= end)
    {
      r->n_churned++;
      r->churned += arr0;
      return;
    }
  r->expansion += sum_won_expansion (book, a, from, end);
  r->contraction += contraction_of (book, a, arr0, from, end);
}

TendNrrReport *
tend_nrr_report_compute (const TendBook  *book,
                         TendDay          from,
                         TendDay          to,
                         TendDay          as_of,
                         const char      *owner_id,
                         GError         **error)
{
  g_autoptr(TendNrrReport) report = NULL;
  g_autoptr(GHashTable) portfolio_index = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) total_index = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  TendDay end = MIN (to, as_of);
  gboolean owner_known;

  g_return_val_if_fail (book != NULL, NULL);

  if (from == TEND_DAY_NONE || to == TEND_DAY_NONE || from > to)
    {
      g_set_error_literal (error, TEND_ERROR, TEND_ERROR_INVALID_INPUT,
                           "The period's start is after its end; give --from on or before --to");
      return NULL;
    }
  owner_known = owner_id == NULL || tend_book_find_owner (book, owner_id) != NULL;

  report = g_new0 (TendNrrReport, 1);
  report->from = from;
  report->to = to;
  report->as_of = as_of;
  report->portfolios = g_array_new (FALSE, TRUE, sizeof (TendRetention));
  report->totals = g_array_new (FALSE, TRUE, sizeof (TendRetention));

  for (guint i = 0; i < book->n_accounts; i++)
    {
      const TendAccount *a = &book->accounts[i];
      TendDay churn;

      if (owner_id != NULL && g_strcmp0 (a->owner_id, owner_id) != 0)
        continue;
      owner_known = TRUE;
      churn = tend_account_churn_day (book, a);
      if ((a->contract_start != TEND_DAY_NONE && a->contract_start > from) ||
          (churn != TEND_DAY_NONE && churn <= from))
        continue;
      measure_account (book, a, from, end, as_of,
                       bucket (report->portfolios, portfolio_index, a->owner_id, a->currency));
    }
  if (!owner_known)
    {
      g_set_error (error, TEND_ERROR, TEND_ERROR_NOT_FOUND,
                   "No owner “%s” in the cache; check the id with “tend-cli accounts --json”",
                   owner_id);
      return NULL;
    }

  for (guint i = 0; i < report->portfolios->len; i++)
    {
      const TendRetention *p = &g_array_index (report->portfolios, TendRetention, i);

      add_into (bucket (report->totals, total_index, NULL, p->currency), p);
    }
  g_array_sort_with_data (report->portfolios, compare_portfolios, (gpointer) book);
  g_array_sort (report->totals, compare_totals);
  return g_steal_pointer (&report);
}

void
tend_nrr_report_free (TendNrrReport *report)
{
  if (report == NULL)
    return;
  g_clear_pointer (&report->portfolios, g_array_unref);
  g_clear_pointer (&report->totals, g_array_unref);
  g_free (report);
}

gboolean
tend_retention_nrr (const TendRetention *r,
                    double              *out_ratio)
{
  if (r->arr0 <= 0)
    return FALSE;
  *out_ratio = (double) (r->arr0 + r->expansion - r->contraction - r->churned) / (double) r->arr0;
  return TRUE;
}

gboolean
tend_retention_grr (const TendRetention *r,
                    double              *out_ratio)
{
  if (r->arr0 <= 0)
    return FALSE;
  *out_ratio = (double) (r->arr0 - r->contraction - r->churned) / (double) r->arr0;
  return TRUE;
}
