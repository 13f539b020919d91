// One account of the list, a small snapshot made for the rows on screen.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <glib-object.h>

#include "tend-book.h"

G_BEGIN_DECLS

#define TEND_TYPE_ACCOUNT_ITEM (tend_account_item_get_type ())
G_DECLARE_FINAL_TYPE (TendAccountItem, tend_account_item, TEND, ACCOUNT_ITEM, GObject)

TendAccountItem *tend_account_item_new                 (const TendBook  *book,
                                                        guint            book_index);
guint            tend_account_item_get_book_index      (TendAccountItem *self);
const char      *tend_account_item_get_id              (TendAccountItem *self);
const char      *tend_account_item_get_name            (TendAccountItem *self);
const char      *tend_account_item_get_domain          (TendAccountItem *self);
const char      *tend_account_item_get_owner_name      (TendAccountItem *self);
const char      *tend_account_item_get_segment         (TendAccountItem *self);
const char      *tend_account_item_get_region          (TendAccountItem *self);
const char      *tend_account_item_get_currency        (TendAccountItem *self);
gboolean         tend_account_item_get_arr             (TendAccountItem *self,
                                                        gint64          *out_cents);
gboolean         tend_account_item_get_arr_prior_year  (TendAccountItem *self,
                                                        gint64          *out_cents);
gboolean         tend_account_item_get_licensed_seats  (TendAccountItem *self,
                                                        gint64          *out_seats);
gboolean         tend_account_item_get_active_users    (TendAccountItem *self,
                                                        gint64          *out_users);
TendDay          tend_account_item_get_contract_start  (TendAccountItem *self);
TendDay          tend_account_item_get_contract_end    (TendAccountItem *self);
TendDay          tend_account_item_get_renewal_day     (TendAccountItem *self);
guint            tend_account_item_get_n_deals         (TendAccountItem *self);
guint            tend_account_item_get_n_open_deals    (TendAccountItem *self);
guint            tend_account_item_get_n_tickets       (TendAccountItem *self);
guint            tend_account_item_get_n_open_tickets  (TendAccountItem *self);
guint            tend_account_item_get_n_surveys       (TendAccountItem *self);

G_END_DECLS
