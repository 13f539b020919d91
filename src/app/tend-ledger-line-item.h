// One incentive entry with its clawback, a snapshot for the ledger and the queue.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <glib-object.h>

#include "tend-book.h"
#include "tend-incentives.h"

G_BEGIN_DECLS

#define TEND_TYPE_LEDGER_LINE_ITEM (tend_ledger_line_item_get_type ())
G_DECLARE_FINAL_TYPE (TendLedgerLineItem, tend_ledger_line_item, TEND, LEDGER_LINE_ITEM, GObject)

TendLedgerLineItem       *tend_ledger_line_item_new              (const TendBook       *book,
                                                                  const TendLedgerLine *line);
const TendIncentiveEntry *tend_ledger_line_item_get_entry        (TendLedgerLineItem   *self);
const TendClawback       *tend_ledger_line_item_get_clawback     (TendLedgerLineItem   *self);
gint64                    tend_ledger_line_item_get_exposure     (TendLedgerLineItem   *self);
gboolean                  tend_ledger_line_item_get_is_red       (TendLedgerLineItem   *self);
const char               *tend_ledger_line_item_get_account_name (TendLedgerLineItem   *self);
const char               *tend_ledger_line_item_get_deal_name    (TendLedgerLineItem   *self);

G_END_DECLS
