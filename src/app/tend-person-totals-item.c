// One person's incentive totals in one currency, a row of the ledger.
// SPDX-License-Identifier: GPL-3.0-or-later
#include "config.h"

#include "tend-person-totals-item.h"

struct _TendPersonTotalsItem
{
  GObject           parent_instance;

  TendPersonTotals  totals;   /* person and currency point at the copies below */
  char             *person;
  char             *currency;
  guint             roles;    /* 1 << TendIncentiveRole */
  guint             kinds;    /* 1 << TendIncentiveKind */
};

G_DEFINE_FINAL_TYPE (TendPersonTotalsItem, tend_person_totals_item, G_TYPE_OBJECT)

static void
tend_person_totals_item_finalize (GObject *object)
{
  TendPersonTotalsItem *self = TEND_PERSON_TOTALS_ITEM (object);

  g_free (self->person);
  g_free (self->currency);

  G_OBJECT_CLASS (tend_person_totals_item_parent_class)->finalize (object);
}

static void
tend_person_totals_item_class_init (TendPersonTotalsItemClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = tend_person_totals_item_finalize;
}

static void
tend_person_totals_item_init (TendPersonTotalsItem *self)
{
}

TendPersonTotalsItem *
tend_person_totals_item_new (const TendPersonTotals *totals)
{
  TendPersonTotalsItem *self;

  g_return_val_if_fail (totals != NULL, NULL);

  self = g_object_new (TEND_TYPE_PERSON_TOTALS_ITEM, NULL);
  self->totals = *totals;
  self->person = g_strdup (totals->person);
  self->currency = g_strdup (totals->currency);
  self->totals.person = self->person;
  self->totals.currency = self->currency;
  return self;
}

const TendPersonTotals *
tend_person_totals_item_get_totals (TendPersonTotalsItem *self)
{
  g_return_val_if_fail (TEND_IS_PERSON_TOTALS_ITEM (self), NULL);
  return &self->totals;
}

void
tend_person_totals_item_add_entry (TendPersonTotalsItem *self,
                                   TendIncentiveRole     role,
                                   TendIncentiveKind     kind)
{
  g_return_if_fail (TEND_IS_PERSON_TOTALS_ITEM (self));

  if ((guint) role < TEND_N_ROLES)
    self->roles |= 1u << role;
  if ((guint) kind < TEND_N_INCENTIVE_KINDS)
    self->kinds |= 1u << kind;
}

gboolean
tend_person_totals_item_has_role (TendPersonTotalsItem *self,
                                  TendIncentiveRole     role)
{
  g_return_val_if_fail (TEND_IS_PERSON_TOTALS_ITEM (self), FALSE);
  return (guint) role < TEND_N_ROLES && (self->roles & (1u << role)) != 0;
}

gboolean
tend_person_totals_item_has_kind (TendPersonTotalsItem *self,
                                  TendIncentiveKind     kind)
{
  g_return_val_if_fail (TEND_IS_PERSON_TOTALS_ITEM (self), FALSE);
  return (guint) kind < TEND_N_INCENTIVE_KINDS && (self->kinds & (1u << kind)) != 0;
}
