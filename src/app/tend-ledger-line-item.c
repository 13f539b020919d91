// One incentive entry with its clawback, a snapshot for the ledger and the queue.
// SPDX-License-Identifier: GPL-3.0-or-later
#include "config.h"

#include "tend-ledger-line-item.h"

/* Copies, not pointers into the ledger: the ledger and its book are freed
 * when the next one arrives, while rows may still hold their items. */
struct _TendLedgerLineItem
{
  GObject             parent_instance;

  TendIncentiveEntry  entry;
  TendClawback        clawback;
  gint64              exposure;
  gboolean            is_red;
  char               *account_name;
  char               *deal_name;
};

G_DEFINE_FINAL_TYPE (TendLedgerLineItem, tend_ledger_line_item, G_TYPE_OBJECT)

/* The deal's name, looked up among the account's deals only. */
static const char *
find_deal_name (const TendBook    *book,
                const TendAccount *account,
                const char        *deal_id)
{
  for (guint i = 0; deal_id != NULL && i < account->n_deals; i++)
    {
      const TendDeal *deal = &book->deals[account->deals_start + i];

      if (g_strcmp0 (deal->id, deal_id) == 0)
        return deal->name;
    }
  return NULL;
}

static void
tend_ledger_line_item_finalize (GObject *object)
{
  TendLedgerLineItem *self = TEND_LEDGER_LINE_ITEM (object);

  g_free (self->entry.person);
  g_free (self->entry.account_id);
  g_free (self->entry.deal_id);
  g_free (self->entry.currency);
  g_free (self->entry.created_by);
  g_free (self->entry.created_at);
  tend_clawback_clear (&self->clawback);
  g_free (self->account_name);
  g_free (self->deal_name);

  G_OBJECT_CLASS (tend_ledger_line_item_parent_class)->finalize (object);
}

static void
tend_ledger_line_item_class_init (TendLedgerLineItemClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = tend_ledger_line_item_finalize;
}

static void
tend_ledger_line_item_init (TendLedgerLineItem *self)
{
}

TendLedgerLineItem *
tend_ledger_line_item_new (const TendBook       *book,
                           const TendLedgerLine *line)
{
  TendLedgerLineItem *self;
  const TendIncentiveEntry *e;
  const TendClawback *c;
  const TendAccount *account;

  g_return_val_if_fail (book != NULL && line != NULL && line->entry != NULL, NULL);

  self = g_object_new (TEND_TYPE_LEDGER_LINE_ITEM, NULL);
  e = line->entry;
  c = &line->clawback;
  self->entry = *e;
  self->entry.person = g_strdup (e->person);
  self->entry.account_id = g_strdup (e->account_id);
  self->entry.deal_id = g_strdup (e->deal_id);
  self->entry.currency = g_strdup (e->currency);
  self->entry.created_by = g_strdup (e->created_by);
  self->entry.created_at = g_strdup (e->created_at);
  self->clawback = *c;
  self->clawback.approved_by = g_strdup (c->approved_by);
  self->clawback.approved_at = g_strdup (c->approved_at);
  self->clawback.applied_by = g_strdup (c->applied_by);
  self->clawback.applied_at = g_strdup (c->applied_at);
  self->clawback.waived_by = g_strdup (c->waived_by);
  self->clawback.waived_at = g_strdup (c->waived_at);
  self->clawback.reason = g_strdup (c->reason);
  self->exposure = line->exposure;
  self->is_red = line->is_red;

  account = tend_book_find_account (book, e->account_id);
  self->account_name = g_strdup (account != NULL ? account->name : e->account_id);
  if (account != NULL)
    self->deal_name = g_strdup (find_deal_name (book, account, e->deal_id));
  return self;
}

const TendIncentiveEntry *
tend_ledger_line_item_get_entry (TendLedgerLineItem *self)
{
  g_return_val_if_fail (TEND_IS_LEDGER_LINE_ITEM (self), NULL);
  return &self->entry;
}

const TendClawback *
tend_ledger_line_item_get_clawback (TendLedgerLineItem *self)
{
  g_return_val_if_fail (TEND_IS_LEDGER_LINE_ITEM (self), NULL);
  return &self->clawback;
}

gint64
tend_ledger_line_item_get_exposure (TendLedgerLineItem *self)
{
  g_return_val_if_fail (TEND_IS_LEDGER_LINE_ITEM (self), 0);
  return self->exposure;
}

gboolean
tend_ledger_line_item_get_is_red (TendLedgerLineItem *self)
{
  g_return_val_if_fail (TEND_IS_LEDGER_LINE_ITEM (self), FALSE);
  return self->is_red;
}

const char *
tend_ledger_line_item_get_account_name (TendLedgerLineItem *self)
{
  g_return_val_if_fail (TEND_IS_LEDGER_LINE_ITEM (self), NULL);
  return self->account_name;
}

/* NULL without a deal or when the deal left the cache. */
const char *
tend_ledger_line_item_get_deal_name (TendLedgerLineItem *self)
{
  g_return_val_if_fail (TEND_IS_LEDGER_LINE_ITEM (self), NULL);
  return self->deal_name;
}
