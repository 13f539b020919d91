// One CSM portfolio's retention in one currency, a row of the NRR view.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <glib-object.h>

#include "tend-nrr.h"

G_BEGIN_DECLS

#define TEND_TYPE_PORTFOLIO_ITEM (tend_portfolio_item_get_type ())
G_DECLARE_FINAL_TYPE (TendPortfolioItem, tend_portfolio_item, TEND, PORTFOLIO_ITEM, GObject)

/* owner_name NULL for accounts without an owner; is_total for the book's total. */
TendPortfolioItem   *tend_portfolio_item_new           (const TendRetention *retention,
                                                        const char          *owner_name,
                                                        gboolean             is_total);
const TendRetention *tend_portfolio_item_get_retention (TendPortfolioItem   *self);
const char          *tend_portfolio_item_get_owner_name (TendPortfolioItem  *self);
gboolean             tend_portfolio_item_get_is_total  (TendPortfolioItem   *self);

G_END_DECLS
