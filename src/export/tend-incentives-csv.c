// The incentive CSV exports (payroll totals, clawback queue), shared by the window and tend-cli.
// SPDX-License-Identifier: GPL-3.0-or-later
#include "config.h"

#include "tend-incentives-csv.h"

static const char *
decided_by (const TendClawback *c)
{
  switch (c->status)
    {
    case TEND_CLAWBACK_APPROVED: return c->approved_by;
    case TEND_CLAWBACK_APPLIED:  return c->applied_by;
    case TEND_CLAWBACK_WAIVED:   return c->waived_by;
    case TEND_CLAWBACK_NONE:
    case TEND_CLAWBACK_PENDING:
    default:                     return NULL;
    }
}

static const char *
decided_at (const TendClawback *c)
{
  switch (c->status)
    {
    case TEND_CLAWBACK_APPROVED: return c->approved_at;
    case TEND_CLAWBACK_APPLIED:  return c->applied_at;
    case TEND_CLAWBACK_WAIVED:   return c->waived_at;
    case TEND_CLAWBACK_NONE:
    case TEND_CLAWBACK_PENDING:
    default:                     return NULL;
    }
}

TendCsvWriter *
tend_incentives_csv_payroll (const TendLedger *ledger)
{
  TendCsvWriter *csv = tend_csv_writer_new ();

  g_return_val_if_fail (ledger != NULL, csv);

  tend_csv_writer_add_row (csv, "person", "currency", "entries", "earned", "clawed_back",
                           "applied", "net", "exposure", NULL);
  for (guint i = 0; i < ledger->people->len; i++)
    {
      const TendPersonTotals *t = &g_array_index (ledger->people, TendPersonTotals, i);

      tend_csv_writer_add_text (csv, t->person);
      tend_csv_writer_add_text (csv, t->currency);
      tend_csv_writer_add_int (csv, t->n_entries);
      tend_csv_writer_add_money (csv, t->earned);
      tend_csv_writer_add_money (csv, t->clawed_back);
      tend_csv_writer_add_money (csv, t->applied);
      tend_csv_writer_add_money (csv, t->net);
      tend_csv_writer_add_money (csv, t->exposure);
      tend_csv_writer_end_row (csv);
    }
  return csv;
}

TendCsvWriter *
tend_incentives_csv_clawbacks (const TendLedger *ledger,
                               const TendBook   *book)
{
  TendCsvWriter *csv = tend_csv_writer_new ();

  g_return_val_if_fail (ledger != NULL && book != NULL, csv);

  tend_csv_writer_add_row (csv, "entry_id", "person", "role", "kind", "account_id", "account_name",
                           "deal_id", "amount", "clawback", "currency", "earned_date", "churn_date",
                           "months_served", "window_months", "status", "decided_by", "decided_at",
                           "reason", NULL);
  for (guint i = 0; i < ledger->lines->len; i++)
    {
      const TendLedgerLine *line = &g_array_index (ledger->lines, TendLedgerLine, i);
      const TendIncentiveEntry *e = line->entry;
      const TendClawback *c = &line->clawback;
      const TendAccount *account = tend_book_find_account (book, e->account_id);
      g_autofree char *id = NULL;
      char earned[11], churn[11];

      if (c->status == TEND_CLAWBACK_NONE)
        continue;
      id = g_strdup_printf ("%" G_GINT64_FORMAT, e->id);
      tend_day_format (e->earned, earned);
      tend_day_format (c->churn_day, churn);
      tend_csv_writer_add_text (csv, id);
      tend_csv_writer_add_text (csv, e->person);
      tend_csv_writer_add_text (csv, tend_incentive_role_to_string (e->role));
      tend_csv_writer_add_text (csv, tend_incentive_kind_to_string (e->kind));
      tend_csv_writer_add_text (csv, e->account_id);
      tend_csv_writer_add_text (csv, account ? account->name : NULL);
      tend_csv_writer_add_text (csv, e->deal_id);
      tend_csv_writer_add_money (csv, e->amount);
      tend_csv_writer_add_money (csv, c->clawback);
      tend_csv_writer_add_text (csv, e->currency);
      tend_csv_writer_add_text (csv, earned);
      tend_csv_writer_add_text (csv, churn);
      tend_csv_writer_add_int (csv, c->months_served);
      tend_csv_writer_add_int (csv, e->window_months);
      tend_csv_writer_add_text (csv, tend_clawback_status_to_string (c->status));
      tend_csv_writer_add_text (csv, decided_by (c));
      tend_csv_writer_add_text (csv, decided_at (c));
      tend_csv_writer_add_text (csv, c->reason);
      tend_csv_writer_end_row (csv);
    }
  return csv;
}
