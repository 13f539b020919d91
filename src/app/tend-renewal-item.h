// One line of the renewal agenda: a week's heading or a renewal.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <glib-object.h>

#include "tend-health.h"
#include "tend-renewal-weeks.h"
#include "tend-renewals.h"

G_BEGIN_DECLS

#define TEND_TYPE_RENEWAL_ITEM (tend_renewal_item_get_type ())
G_DECLARE_FINAL_TYPE (TendRenewalItem, tend_renewal_item, TEND, RENEWAL_ITEM, GObject)

TendRenewalItem *tend_renewal_item_new_renewal      (const TendRenewal     *renewal);
TendRenewalItem *tend_renewal_item_new_week         (const TendRenewalWeek *week);

gboolean         tend_renewal_item_get_is_week      (TendRenewalItem *self);

/* A renewal's. */
const char      *tend_renewal_item_get_account_id   (TendRenewalItem *self);
const char      *tend_renewal_item_get_name         (TendRenewalItem *self);
TendDay          tend_renewal_item_get_renewal_date (TendRenewalItem *self);
int              tend_renewal_item_get_days_left    (TendRenewalItem *self);
gboolean         tend_renewal_item_get_arr          (TendRenewalItem *self,
                                                     gint64          *out_arr);
const char      *tend_renewal_item_get_currency     (TendRenewalItem *self);
TendTier         tend_renewal_item_get_tier         (TendRenewalItem *self);
gboolean         tend_renewal_item_get_is_missing   (TendRenewalItem *self);
TendRisk         tend_renewal_item_get_risk         (TendRenewalItem *self);
guint            tend_renewal_item_get_n_past_due   (TendRenewalItem *self);

/* A week's: its Monday, how many renewals, their ARR per currency. */
TendDay          tend_renewal_item_get_week_start   (TendRenewalItem *self);
guint            tend_renewal_item_get_n_renewals   (TendRenewalItem *self);
GArray          *tend_renewal_item_get_totals       (TendRenewalItem *self);

G_END_DECLS
