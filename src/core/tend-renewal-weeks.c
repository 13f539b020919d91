// The renewal agenda's figures (DOMAIN.md 6): renewals grouped by week with
// their ARR per currency, and the totals of a whole horizon.
// SPDX-License-Identifier: GPL-3.0-or-later
#include "config.h"

#include "tend-renewal-weeks.h"
#include "tend-renewals.h"

static void
clear_total (gpointer data)
{
  TendArrTotal *total = data;

  g_clear_pointer (&total->currency, g_free);
}

static int
compare_totals (gconstpointer a,
                gconstpointer b)
{
  const TendArrTotal *x = a;
  const TendArrTotal *y = b;

  if (x->arr != y->arr)
    return x->arr > y->arr ? -1 : 1;
  return g_strcmp0 (x->currency, y->currency);
}

TendDay
tend_week_start (TendDay day)
{
  GDate date;

  g_return_val_if_fail (day != TEND_DAY_NONE, TEND_DAY_NONE);

  tend_day_to_gdate (day, &date);
  return day - (g_date_get_weekday (&date) - G_DATE_MONDAY);
}

GArray *
tend_renewals_arr_totals (GPtrArray *renewals,
                          guint      first,
                          guint      n,
                          guint     *out_n_without_arr)
{
  GArray *totals = g_array_new (FALSE, TRUE, sizeof (TendArrTotal));
  guint n_without_arr = 0;

  g_return_val_if_fail (renewals != NULL, totals);
  g_return_val_if_fail (first + n <= renewals->len, totals);

  g_array_set_clear_func (totals, clear_total);
  for (guint i = first; i < first + n; i++)
    {
      const TendRenewal *r = g_ptr_array_index (renewals, i);
      const char *currency = r->account->currency != NULL ? r->account->currency : "";
      TendArrTotal *total = NULL;

      if (!r->account->has_arr)
        {
          n_without_arr++;
          continue;
        }
      /* A handful of currencies at most: a scan beats a hash table. */
      for (guint k = 0; k < totals->len && total == NULL; k++)
        if (g_str_equal (g_array_index (totals, TendArrTotal, k).currency, currency))
          total = &g_array_index (totals, TendArrTotal, k);
      if (total == NULL)
        {
          TendArrTotal added = { g_strdup (currency), 0, 0 };

          g_array_append_val (totals, added);
          total = &g_array_index (totals, TendArrTotal, totals->len - 1);
        }
      total->arr += r->account->arr;
      total->n_renewals++;
    }
  g_array_sort (totals, compare_totals);
  if (out_n_without_arr != NULL)
    *out_n_without_arr = n_without_arr;
  return totals;
}

GPtrArray *
tend_renewals_by_week (GPtrArray *renewals)
{
  GPtrArray *weeks = g_ptr_array_new_with_free_func ((GDestroyNotify) tend_renewal_week_free);
  guint i = 0;

  g_return_val_if_fail (renewals != NULL, weeks);

  while (i < renewals->len)
    {
      const TendRenewal *r = g_ptr_array_index (renewals, i);
      TendRenewalWeek *week = g_new0 (TendRenewalWeek, 1);
      TendDay next;

      week->week_start = tend_week_start (r->renewal_date);
      week->first = i;
      next = tend_day_add_days (week->week_start, 7);
      while (i < renewals->len &&
             ((const TendRenewal *) g_ptr_array_index (renewals, i))->renewal_date < next)
        i++;
      week->n_renewals = i - week->first;
      week->totals = tend_renewals_arr_totals (renewals, week->first, week->n_renewals,
                                               &week->n_without_arr);
      g_ptr_array_add (weeks, week);
    }
  return weeks;
}

void
tend_renewal_week_free (TendRenewalWeek *week)
{
  if (week == NULL)
    return;
  g_clear_pointer (&week->totals, g_array_unref);
  g_free (week);
}
