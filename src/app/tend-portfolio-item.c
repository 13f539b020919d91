// One CSM portfolio's retention in one currency, a row of the NRR view.
// SPDX-License-Identifier: GPL-3.0-or-later
#include "config.h"

#include "tend-portfolio-item.h"

struct _TendPortfolioItem
{
  GObject        parent_instance;

  TendRetention  retention;   /* owner_id and currency point at the copies below */
  char          *owner_id;
  char          *currency;
  char          *owner_name;
  gboolean       is_total;
};

G_DEFINE_FINAL_TYPE (TendPortfolioItem, tend_portfolio_item, G_TYPE_OBJECT)

static void
tend_portfolio_item_finalize (GObject *object)
{
  TendPortfolioItem *self = TEND_PORTFOLIO_ITEM (object);

  g_free (self->owner_id);
  g_free (self->currency);
  g_free (self->owner_name);

  G_OBJECT_CLASS (tend_portfolio_item_parent_class)->finalize (object);
}

static void
tend_portfolio_item_class_init (TendPortfolioItemClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = tend_portfolio_item_finalize;
}

static void
tend_portfolio_item_init (TendPortfolioItem *self)
{
}

TendPortfolioItem *
tend_portfolio_item_new (const TendRetention *retention,
                         const char          *owner_name,
                         gboolean             is_total)
{
  TendPortfolioItem *self;

  g_return_val_if_fail (retention != NULL, NULL);

  self = g_object_new (TEND_TYPE_PORTFOLIO_ITEM, NULL);
  self->retention = *retention;
  self->owner_id = g_strdup (retention->owner_id);
  self->currency = g_strdup (retention->currency);
  self->retention.owner_id = self->owner_id;
  self->retention.currency = self->currency;
  self->owner_name = g_strdup (owner_name);
  self->is_total = is_total;
  return self;
}

const TendRetention *
tend_portfolio_item_get_retention (TendPortfolioItem *self)
{
  g_return_val_if_fail (TEND_IS_PORTFOLIO_ITEM (self), NULL);
  return &self->retention;
}

const char *
tend_portfolio_item_get_owner_name (TendPortfolioItem *self)
{
  g_return_val_if_fail (TEND_IS_PORTFOLIO_ITEM (self), NULL);
  return self->owner_name;
}

gboolean
tend_portfolio_item_get_is_total (TendPortfolioItem *self)
{
  g_return_val_if_fail (TEND_IS_PORTFOLIO_ITEM (self), FALSE);
  return self->is_total;
}
