// One line of the renewal agenda: a week's heading or a renewal.
// SPDX-License-Identifier: GPL-3.0-or-later
#include "config.h"

#include "tend-renewal-item.h"

/* A copy of what the rows show, so an item outlives the list it came from
 * (list views keep items for a moment after the model changed). */
struct _TendRenewalItem
{
  GObject   parent_instance;

  gboolean  is_week;
  char     *account_id;
  char     *name;
  char     *currency;
  TendDay   day;               /* the renewal date, or the week's Monday */
  int       days_left;
  gboolean  has_arr;
  gint64    arr;
  TendTier  tier;
  gboolean  is_missing;
  TendRisk  risk;
  guint     n_past_due;
  guint     n_renewals;
  GArray   *totals;
};

G_DEFINE_FINAL_TYPE (TendRenewalItem, tend_renewal_item, G_TYPE_OBJECT)

static void
tend_renewal_item_finalize (GObject *object)
{
  TendRenewalItem *self = TEND_RENEWAL_ITEM (object);

  g_free (self->account_id);
  g_free (self->name);
  g_free (self->currency);
  g_clear_pointer (&self->totals, g_array_unref);

  G_OBJECT_CLASS (tend_renewal_item_parent_class)->finalize (object);
}

static void
tend_renewal_item_class_init (TendRenewalItemClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = tend_renewal_item_finalize;
}

static void
tend_renewal_item_init (TendRenewalItem *self)
{
}

TendRenewalItem *
tend_renewal_item_new_renewal (const TendRenewal *renewal)
{
  TendRenewalItem *self;

  g_return_val_if_fail (renewal != NULL, NULL);

  self = g_object_new (TEND_TYPE_RENEWAL_ITEM, NULL);
  self->account_id = g_strdup (renewal->account->id);
  self->name = g_strdup (renewal->account->name);
  self->currency = g_strdup (renewal->account->currency);
  self->day = renewal->renewal_date;
  self->days_left = renewal->days_left;
  self->has_arr = renewal->account->has_arr;
  self->arr = renewal->account->arr;
  self->tier = renewal->tier;
  self->is_missing = renewal->assessment == NULL;
  self->risk = renewal->assessment != NULL ? renewal->assessment->risk : TEND_RISK_LOW;
  for (guint k = 0; k < TEND_N_MILESTONES; k++)
    if (renewal->milestones[k].is_past_due)
      self->n_past_due++;
  return self;
}

TendRenewalItem *
tend_renewal_item_new_week (const TendRenewalWeek *week)
{
  TendRenewalItem *self;

  g_return_val_if_fail (week != NULL, NULL);

  self = g_object_new (TEND_TYPE_RENEWAL_ITEM, NULL);
  self->is_week = TRUE;
  self->day = week->week_start;
  self->n_renewals = week->n_renewals;
  self->totals = g_array_ref (week->totals);
  return self;
}

gboolean
tend_renewal_item_get_is_week (TendRenewalItem *self)
{
  g_return_val_if_fail (TEND_IS_RENEWAL_ITEM (self), FALSE);
  return self->is_week;
}

const char *
tend_renewal_item_get_account_id (TendRenewalItem *self)
{
  g_return_val_if_fail (TEND_IS_RENEWAL_ITEM (self), NULL);
  return self->account_id;
}

const char *
tend_renewal_item_get_name (TendRenewalItem *self)
{
  g_return_val_if_fail (TEND_IS_RENEWAL_ITEM (self), NULL);
  return self->name;
}

TendDay
tend_renewal_item_get_renewal_date (TendRenewalItem *self)
{
  g_return_val_if_fail (TEND_IS_RENEWAL_ITEM (self), TEND_DAY_NONE);
  return self->is_week ? TEND_DAY_NONE : self->day;
}

int
tend_renewal_item_get_days_left (TendRenewalItem *self)
{
  g_return_val_if_fail (TEND_IS_RENEWAL_ITEM (self), 0);
  return self->days_left;
}

gboolean
tend_renewal_item_get_arr (TendRenewalItem *self,
                           gint64          *out_arr)
{
  g_return_val_if_fail (TEND_IS_RENEWAL_ITEM (self), FALSE);

  if (out_arr != NULL)
    *out_arr = self->has_arr ? self->arr : 0;
  return self->has_arr;
}

const char *
tend_renewal_item_get_currency (TendRenewalItem *self)
{
  g_return_val_if_fail (TEND_IS_RENEWAL_ITEM (self), NULL);
  return self->currency;
}

TendTier
tend_renewal_item_get_tier (TendRenewalItem *self)
{
  g_return_val_if_fail (TEND_IS_RENEWAL_ITEM (self), TEND_TIER_UNKNOWN);
  return self->tier;
}

gboolean
tend_renewal_item_get_is_missing (TendRenewalItem *self)
{
  g_return_val_if_fail (TEND_IS_RENEWAL_ITEM (self), FALSE);
  return self->is_missing;
}

TendRisk
tend_renewal_item_get_risk (TendRenewalItem *self)
{
  g_return_val_if_fail (TEND_IS_RENEWAL_ITEM (self), TEND_RISK_LOW);
  return self->risk;
}

guint
tend_renewal_item_get_n_past_due (TendRenewalItem *self)
{
  g_return_val_if_fail (TEND_IS_RENEWAL_ITEM (self), 0);
  return self->n_past_due;
}

TendDay
tend_renewal_item_get_week_start (TendRenewalItem *self)
{
  g_return_val_if_fail (TEND_IS_RENEWAL_ITEM (self), TEND_DAY_NONE);
  return self->is_week ? self->day : TEND_DAY_NONE;
}

guint
tend_renewal_item_get_n_renewals (TendRenewalItem *self)
{
  g_return_val_if_fail (TEND_IS_RENEWAL_ITEM (self), 0);
  return self->n_renewals;
}

GArray *
tend_renewal_item_get_totals (TendRenewalItem *self)
{
  g_return_val_if_fail (TEND_IS_RENEWAL_ITEM (self), NULL);
  return self->totals;
}
