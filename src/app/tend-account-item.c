// One account of the list, a small snapshot made for the rows on screen.
// SPDX-License-Identifier: GPL-3.0-or-later
#include "config.h"

#include "tend-account-item.h"

/* The item copies what it shows, so a row or the detail pane never reads a
 * book that a reload has freed; only the rows on screen have items. */
struct _TendAccountItem
{
  GObject  parent_instance;

  guint    book_index;
  char    *id;
  char    *name;
  char    *domain;
  char    *owner_name;
  char    *segment;
  char    *region;
  char    *currency;
  gint64   arr;
  gint64   arr_prior_year;
  gint64   licensed_seats;
  gint64   active_users;
  guint    has_arr : 1;
  guint    has_arr_prior_year : 1;
  guint    has_licensed_seats : 1;
  guint    has_active_users : 1;
  TendDay  contract_start;
  TendDay  contract_end;
  TendDay  renewal_day;
  guint    n_deals;
  guint    n_open_deals;
  guint    n_tickets;
  guint    n_open_tickets;
  guint    n_surveys;
};

G_DEFINE_FINAL_TYPE (TendAccountItem, tend_account_item, G_TYPE_OBJECT)

static void
tend_account_item_finalize (GObject *object)
{
  TendAccountItem *self = TEND_ACCOUNT_ITEM (object);

  g_free (self->id);
  g_free (self->name);
  g_free (self->domain);
  g_free (self->owner_name);
  g_free (self->segment);
  g_free (self->region);
  g_free (self->currency);

  G_OBJECT_CLASS (tend_account_item_parent_class)->finalize (object);
}

static void
tend_account_item_class_init (TendAccountItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = tend_account_item_finalize;
}

static void
tend_account_item_init (TendAccountItem *self)
{
}

TendAccountItem *
tend_account_item_new (const TendBook *book,
                       guint           book_index)
{
  const TendAccount *a;
  TendAccountItem *self;

  g_return_val_if_fail (book != NULL, NULL);
  g_return_val_if_fail (book_index < book->n_accounts, NULL);

  a = &book->accounts[book_index];
  self = g_object_new (TEND_TYPE_ACCOUNT_ITEM, NULL);
  self->book_index = book_index;
  self->id = g_strdup (a->id);
  self->name = g_strdup (a->name);
  self->domain = g_strdup (a->domain);
  self->owner_name = g_strdup (tend_book_owner_name (book, a->owner_id));
  self->segment = g_strdup (a->segment);
  self->region = g_strdup (a->region);
  self->currency = g_strdup (a->currency);
  self->arr = a->arr;
  self->has_arr = a->has_arr;
  self->arr_prior_year = a->arr_prior_year;
  self->has_arr_prior_year = a->has_arr_prior_year;
  self->licensed_seats = a->licensed_seats;
  self->has_licensed_seats = a->has_licensed_seats;
  self->active_users = a->active_users_30d;
  self->has_active_users = a->has_active_users_30d;
  self->contract_start = a->contract_start;
  self->contract_end = a->contract_end;
  self->renewal_day = tend_account_renewal_day (book, a);
  self->n_deals = a->n_deals;
  self->n_tickets = a->n_tickets;
  self->n_surveys = a->n_surveys;

  for (guint i = 0; i < a->n_deals; i++)
    if (book->deals[a->deals_start + i].status == TEND_DEAL_OPEN)
      self->n_open_deals++;
  for (guint i = 0; i < a->n_tickets; i++)
    if (book->tickets[a->tickets_start + i].closed_day == TEND_DAY_NONE)
      self->n_open_tickets++;

  return self;
}

guint
tend_account_item_get_book_index (TendAccountItem *self)
{
  g_return_val_if_fail (TEND_IS_ACCOUNT_ITEM (self), 0);
  return self->book_index;
}

const char *
tend_account_item_get_id (TendAccountItem *self)
{
  g_return_val_if_fail (TEND_IS_ACCOUNT_ITEM (self), NULL);
  return self->id;
}

const char *
tend_account_item_get_name (TendAccountItem *self)
{
  g_return_val_if_fail (TEND_IS_ACCOUNT_ITEM (self), NULL);
  return self->name;
}

const char *
tend_account_item_get_domain (TendAccountItem *self)
{
  g_return_val_if_fail (TEND_IS_ACCOUNT_ITEM (self), NULL);
  return self->domain;
}

const char *
tend_account_item_get_owner_name (TendAccountItem *self)
{
  g_return_val_if_fail (TEND_IS_ACCOUNT_ITEM (self), NULL);
  return self->owner_name;
}

const char *
tend_account_item_get_segment (TendAccountItem *self)
{
  g_return_val_if_fail (TEND_IS_ACCOUNT_ITEM (self), NULL);
  return self->segment;
}

const char *
tend_account_item_get_region (TendAccountItem *self)
{
  g_return_val_if_fail (TEND_IS_ACCOUNT_ITEM (self), NULL);
  return self->region;
}

const char *
tend_account_item_get_currency (TendAccountItem *self)
{
  g_return_val_if_fail (TEND_IS_ACCOUNT_ITEM (self), NULL);
  return self->currency;
}

gboolean
tend_account_item_get_arr (TendAccountItem *self,
                           gint64          *out_cents)
{
  g_return_val_if_fail (TEND_IS_ACCOUNT_ITEM (self), FALSE);
  *out_cents = self->arr;
  return self->has_arr;
}

gboolean
tend_account_item_get_arr_prior_year (TendAccountItem *self,
                                      gint64          *out_cents)
{
  g_return_val_if_fail (TEND_IS_ACCOUNT_ITEM (self), FALSE);
  *out_cents = self->arr_prior_year;
  return self->has_arr_prior_year;
}

gboolean
tend_account_item_get_licensed_seats (TendAccountItem *self,
                                      gint64          *out_seats)
{
  g_return_val_if_fail (TEND_IS_ACCOUNT_ITEM (self), FALSE);
  *out_seats = self->licensed_seats;
  return self->has_licensed_seats;
}

gboolean
tend_account_item_get_active_users (TendAccountItem *self,
                                    gint64          *out_users)
{
  g_return_val_if_fail (TEND_IS_ACCOUNT_ITEM (self), FALSE);
  *out_users = self->active_users;
  return self->has_active_users;
}

TendDay
tend_account_item_get_contract_start (TendAccountItem *self)
{
  g_return_val_if_fail (TEND_IS_ACCOUNT_ITEM (self), TEND_DAY_NONE);
  return self->contract_start;
}

TendDay
tend_account_item_get_contract_end (TendAccountItem *self)
{
  g_return_val_if_fail (TEND_IS_ACCOUNT_ITEM (self), TEND_DAY_NONE);
  return self->contract_end;
}

TendDay
tend_account_item_get_renewal_day (TendAccountItem *self)
{
  g_return_val_if_fail (TEND_IS_ACCOUNT_ITEM (self), TEND_DAY_NONE);
  return self->renewal_day;
}

guint
tend_account_item_get_n_deals (TendAccountItem *self)
{
  g_return_val_if_fail (TEND_IS_ACCOUNT_ITEM (self), 0);
  return self->n_deals;
}

guint
tend_account_item_get_n_open_deals (TendAccountItem *self)
{
  g_return_val_if_fail (TEND_IS_ACCOUNT_ITEM (self), 0);
  return self->n_open_deals;
}

guint
tend_account_item_get_n_tickets (TendAccountItem *self)
{
  g_return_val_if_fail (TEND_IS_ACCOUNT_ITEM (self), 0);
  return self->n_tickets;
}

guint
tend_account_item_get_n_open_tickets (TendAccountItem *self)
{
  g_return_val_if_fail (TEND_IS_ACCOUNT_ITEM (self), 0);
  return self->n_open_tickets;
}

guint
tend_account_item_get_n_surveys (TendAccountItem *self)
{
  g_return_val_if_fail (TEND_IS_ACCOUNT_ITEM (self), 0);
  return self->n_surveys;
}
