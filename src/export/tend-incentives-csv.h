// The incentive CSV exports (payroll totals, clawback queue), shared by the window and tend-cli.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <glib.h>

#include "tend-book.h"
#include "tend-csv.h"
#include "tend-incentives.h"

G_BEGIN_DECLS

/* One row per person and currency: what payroll pays (tend-cli incentives --csv). */
TendCsvWriter *tend_incentives_csv_payroll   (const TendLedger *ledger);
/* One row per triggered clawback, with its decision (tend-cli clawbacks --csv). */
TendCsvWriter *tend_incentives_csv_clawbacks (const TendLedger *ledger,
                                              const TendBook   *book);

G_END_DECLS
