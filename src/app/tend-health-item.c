// One account of the dashboard: its health, made only for the rows on screen.
// SPDX-License-Identifier: GPL-3.0-or-later
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "tend-health-history.h"
#include "tend-health-item.h"

/* Copies what a row shows, so an item outlives the book it came from. */
struct _TendHealthItem
{
  GObject    parent_instance;

  char      *id;
  char      *name;
  char      *owner_name;
  char      *segment;
  char      *currency;
  TendStage  stage;
  TendTier   tier;
  double     score;
  gboolean   has_arr;
  gint64     arr;
  double    *trend;
  guint      n_trend;
};

G_DEFINE_FINAL_TYPE (TendHealthItem, tend_health_item, G_TYPE_OBJECT)

static void
tend_health_item_finalize (GObject *object)
{
  TendHealthItem *self = TEND_HEALTH_ITEM (object);

  g_free (self->id);
  g_free (self->name);
  g_free (self->owner_name);
  g_free (self->segment);
  g_free (self->currency);
  g_free (self->trend);

  G_OBJECT_CLASS (tend_health_item_parent_class)->finalize (object);
}

static void
tend_health_item_class_init (TendHealthItemClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = tend_health_item_finalize;
}

static void
tend_health_item_init (TendHealthItem *self)
{
  self->score = NAN;
}

/* trend: the account's TendHealthPoints of the last 90 days, or NULL. */
TendHealthItem *
tend_health_item_new (const TendBook   *book,
                      const TendHealth *health,
                      GArray           *trend)
{
  const TendAccount *a;
  TendHealthItem *self;

  g_return_val_if_fail (book != NULL, NULL);
  g_return_val_if_fail (health != NULL && health->account_index < book->n_accounts, NULL);

  a = &book->accounts[health->account_index];
  self = g_object_new (TEND_TYPE_HEALTH_ITEM, NULL);
  self->id = g_strdup (a->id);
  self->name = g_strdup (a->name);
  self->owner_name = g_strdup (tend_book_owner_name (book, a->owner_id));
  self->segment = g_strdup (a->segment);
  self->currency = g_strdup (a->currency);
  self->stage = health->stage;
  self->tier = health->tier;
  self->score = health->score;
  self->has_arr = a->has_arr;
  self->arr = a->arr;
  if (trend != NULL && trend->len > 0)
    {
      self->trend = g_new (double, trend->len);
      for (guint i = 0; i < trend->len; i++)
        {
          double score = g_array_index (trend, TendHealthPoint, i).score;
          if (!isnan (score))
            self->trend[self->n_trend++] = score;
        }
    }
  return self;
}

const char *
tend_health_item_get_id (TendHealthItem *self)
{
  g_return_val_if_fail (TEND_IS_HEALTH_ITEM (self), NULL);
  return self->id;
}

const char *
tend_health_item_get_name (TendHealthItem *self)
{
  g_return_val_if_fail (TEND_IS_HEALTH_ITEM (self), NULL);
  return self->name;
}

const char *
tend_health_item_get_owner_name (TendHealthItem *self)
{
  g_return_val_if_fail (TEND_IS_HEALTH_ITEM (self), NULL);
  return self->owner_name;
}

const char *
tend_health_item_get_segment (TendHealthItem *self)
{
  g_return_val_if_fail (TEND_IS_HEALTH_ITEM (self), NULL);
  return self->segment;
}

TendStage
tend_health_item_get_stage (TendHealthItem *self)
{
  g_return_val_if_fail (TEND_IS_HEALTH_ITEM (self), TEND_STAGE_NONE);
  return self->stage;
}

TendTier
tend_health_item_get_tier (TendHealthItem *self)
{
  g_return_val_if_fail (TEND_IS_HEALTH_ITEM (self), TEND_TIER_UNKNOWN);
  return self->tier;
}

/* Unrounded; NAN when no component was present. */
double
tend_health_item_get_score (TendHealthItem *self)
{
  g_return_val_if_fail (TEND_IS_HEALTH_ITEM (self), NAN);
  return self->score;
}

gboolean
tend_health_item_get_arr (TendHealthItem *self,
                          gint64         *out_cents)
{
  g_return_val_if_fail (TEND_IS_HEALTH_ITEM (self), FALSE);
  if (out_cents != NULL)
    *out_cents = self->arr;
  return self->has_arr;
}

const char *
tend_health_item_get_currency (TendHealthItem *self)
{
  g_return_val_if_fail (TEND_IS_HEALTH_ITEM (self), NULL);
  return self->currency;
}

/* The scores of the last 90 days' snapshots, oldest first. */
const double *
tend_health_item_get_trend (TendHealthItem *self,
                            guint          *n_values)
{
  g_return_val_if_fail (TEND_IS_HEALTH_ITEM (self), NULL);
  *n_values = self->n_trend;
  return self->trend;
}

/* The lifecycle stage of DOMAIN.md 4 in words. */
const char *
tend_stage_get_word (TendStage stage)
{
  switch (stage)
    {
    case TEND_STAGE_ONBOARDING: return _("Onboarding");
    case TEND_STAGE_ADOPTION:   return _("Adoption");
    case TEND_STAGE_EXPANSION:  return _("Expansion");
    case TEND_STAGE_RENEWAL:    return _("Renewal");
    case TEND_STAGE_NONE:
    case TEND_N_STAGES:
    default:                    return "—";
    }
}
