// One person's incentive totals in one currency, a row of the ledger.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <glib-object.h>

#include "tend-incentives.h"

G_BEGIN_DECLS

#define TEND_TYPE_PERSON_TOTALS_ITEM (tend_person_totals_item_get_type ())
G_DECLARE_FINAL_TYPE (TendPersonTotalsItem, tend_person_totals_item, TEND, PERSON_TOTALS_ITEM, GObject)

TendPersonTotalsItem   *tend_person_totals_item_new         (const TendPersonTotals *totals);
const TendPersonTotals *tend_person_totals_item_get_totals  (TendPersonTotalsItem   *self);
/* Which roles and kinds the person's entries have, for the filters. */
void                    tend_person_totals_item_add_entry   (TendPersonTotalsItem   *self,
                                                             TendIncentiveRole       role,
                                                             TendIncentiveKind       kind);
gboolean                tend_person_totals_item_has_role    (TendPersonTotalsItem   *self,
                                                             TendIncentiveRole       role);
gboolean                tend_person_totals_item_has_kind    (TendPersonTotalsItem   *self,
                                                             TendIncentiveKind       kind);

G_END_DECLS
