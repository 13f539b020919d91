// The renewal agenda's figures (DOMAIN.md 6): renewals grouped by week with
// their ARR per currency, and the totals of a whole horizon.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <glib.h>

#include "tend-day.h"

G_BEGIN_DECLS

/* ARR of some renewals in one currency. */
typedef struct {
  char    *currency;          /* the accounts' ISO 4217 code; "" when the CRM gave none */
  gint64   arr;               /* cents */
  guint    n_renewals;        /* renewals with an ARR in this currency */
} TendArrTotal;

/* The renewals of one week (Monday to Sunday) of a list sorted by date. */
typedef struct {
  TendDay  week_start;        /* the Monday */
  guint    first;             /* index of its first renewal in the list */
  guint    n_renewals;
  guint    n_without_arr;     /* renewals whose account has no ARR */
  GArray  *totals;            /* TendArrTotal, largest ARR first, then by code */
} TendRenewalWeek;

/* The Monday on or before day. */
TendDay          tend_week_start             (TendDay            day);

/* ARR of renewals[first .. first + n) (TendRenewal, tend-renewals.h) per
 * currency, largest first; out_n_without_arr (optional) counts the
 * renewals whose account has no ARR. Free with g_array_unref. */
GArray          *tend_renewals_arr_totals    (GPtrArray         *renewals,
                                              guint              first,
                                              guint              n,
                                              guint             *out_n_without_arr);

/* The weeks of renewals (sorted by date, as tend_renewals_list returns
 * them), in order; weeks without a renewal are left out. */
GPtrArray       *tend_renewals_by_week       (GPtrArray         *renewals);

void             tend_renewal_week_free      (TendRenewalWeek   *week);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TendRenewalWeek, tend_renewal_week_free)

G_END_DECLS
