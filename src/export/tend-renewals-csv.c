// The renewal calendar as CSV (DOMAIN.md 6), shared by tend-cli and the window.
// SPDX-License-Identifier: GPL-3.0-or-later
#include "config.h"

#include "tend-csv.h"
#include "tend-renewals.h"
#include "tend-renewals-csv.h"

static TendCsvWriter *
renewals_writer (GPtrArray      *renewals,
                 const TendBook *book)
{
  g_autoptr(TendCsvWriter) csv = tend_csv_writer_new ();

  tend_csv_writer_add_row (csv, "account_id", "name", "owner", "renewal_date", "days_left", "arr",
                           "currency", "tier", "assessment", "risk", "reasons", "mitigation",
                           "forecast_amount", "forecast_currency", "assessment_owner", "next_step",
                           "next_step_date", "assessed_by", "assessed_at",
                           "risk_assessment_due", "risk_assessment_status",
                           "proposal_sent_due", "proposal_sent_status",
                           "order_form_signed_due", "order_form_signed_status", NULL);
  for (guint i = 0; i < renewals->len; i++)
    {
      const TendRenewal *r = g_ptr_array_index (renewals, i);
      const TendAssessment *a = r->assessment;
      char day[11];

      tend_csv_writer_add_text (csv, r->account->id);
      tend_csv_writer_add_text (csv, r->account->name);
      tend_csv_writer_add_text (csv, tend_book_owner_name (book, r->account->owner_id));
      tend_day_format (r->renewal_date, day);
      tend_csv_writer_add_text (csv, day);
      tend_csv_writer_add_int (csv, r->days_left);
      if (r->account->has_arr)
        tend_csv_writer_add_money (csv, r->account->arr);
      else
        tend_csv_writer_add_empty (csv);
      tend_csv_writer_add_text (csv, r->account->currency);
      tend_csv_writer_add_text (csv, tend_tier_to_string (r->tier));
      tend_csv_writer_add_text (csv, a != NULL ? "present" : "missing");
      if (a != NULL)
        {
          g_auto(GStrv) reasons = tend_risk_reasons_to_strv (a->reasons);
          g_autofree char *joined = g_strjoinv (";", reasons);

          tend_csv_writer_add_text (csv, tend_risk_to_string (a->risk));
          tend_csv_writer_add_text (csv, joined);
          tend_csv_writer_add_text (csv, a->mitigation);
          if (a->has_forecast)
            tend_csv_writer_add_money (csv, a->forecast_amount);
          else
            tend_csv_writer_add_empty (csv);
          tend_csv_writer_add_text (csv, a->forecast_currency);
          tend_csv_writer_add_text (csv, a->owner);
          tend_csv_writer_add_text (csv, a->next_step);
          tend_day_format (a->next_step_date, day);
          tend_csv_writer_add_text (csv, day);
          tend_csv_writer_add_text (csv, a->assessed_by);
          tend_csv_writer_add_text (csv, a->assessed_at);
        }
      else
        for (guint c = 0; c < 10; c++)
          tend_csv_writer_add_empty (csv);
      for (guint k = 0; k < TEND_N_MILESTONES; k++)
        {
          const TendMilestone *m = &r->milestones[k];

          tend_day_format (m->due_date, day);
          tend_csv_writer_add_text (csv, day);
          tend_csv_writer_add_text (csv, m->is_done ? "done" : m->is_past_due ? "past_due" : "open");
        }
      tend_csv_writer_end_row (csv);
    }
  return g_steal_pointer (&csv);
}

char *
tend_renewals_csv (GPtrArray      *renewals,
                   const TendBook *book)
{
  g_autoptr(TendCsvWriter) csv = NULL;

  g_return_val_if_fail (renewals != NULL, NULL);
  g_return_val_if_fail (book != NULL, NULL);

  csv = renewals_writer (renewals, book);
  return g_strdup (tend_csv_writer_get_text (csv));
}

gboolean
tend_renewals_csv_save (GPtrArray      *renewals,
                        const TendBook *book,
                        const char     *path,
                        GError        **error)
{
  g_autoptr(TendCsvWriter) csv = NULL;

  g_return_val_if_fail (renewals != NULL, FALSE);
  g_return_val_if_fail (book != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  csv = renewals_writer (renewals, book);
  return tend_csv_writer_save (csv, path, error);
}
